#pragma once
// A network call captured in a CUDA graph and replayed (PyTorch's "whole-network capture", torch.cuda.graphs;
// at::cuda::CUDAGraph): sampling calls the same network on same-shaped inputs dozens of times, and on a GPU
// the per-kernel launch cost of an eager forward (hundreds of small kernels for a U-Net) can exceed the
// kernels' own time. Each distinct (input shapes, labels or not, autocast on or off) gets one graph with
// static input buffers: a call copies its inputs into them, replays the graph, and returns a copy of the
// static output.
//
// Only for inference on CUDA without autograd. Without DIFFLAB_HAS_CUDA (the CPU build) it is never used:
// available() is false and call() throws.
// NOTE: written and compile-checked against LibTorch 1.13's CUDA headers; not yet run on a GPU.

#include <torch/types.h>

#include <cstdint>
#include <memory>

namespace difflab {

class DiffusionNetImpl;

class CudaGraphCall {
 public:
  CudaGraphCall();
  ~CudaGraphCall();
  CudaGraphCall(const CudaGraphCall&) = delete;
  CudaGraphCall& operator=(const CudaGraphCall&) = delete;

  /// True when this build has CUDA (the graph path can be used at all).
  static bool available();
  /// net(x, t, y) through a captured graph (captured on the first call of this shape). x, t (and y, when
  /// defined) must be on one CUDA device; the labels must already be checked (they are not read back).
  torch::Tensor call(DiffusionNetImpl& net, const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y);
  /// Graphs held (one per shape; at most kMaxGraphs, the oldest dropped first).
  int64_t size() const;
  static constexpr int64_t kMaxGraphs = 8;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace difflab
