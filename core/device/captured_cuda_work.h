#pragma once
// Any fixed sequence of CUDA work captured once in a CUDA graph and replayed (PyTorch's whole-network capture,
// torch.cuda.graphs; at::cuda::CUDAGraph). The Trainer captures its whole step with it
// (TrainerOptions::cuda_graph): hundreds of small kernels (forward, backward, clipping, AdamW, EMA) then cost
// one launch.
//
// capture() runs `warmup` on a side stream (library handles, cuDNN autotuning and autograd's gradient buffers
// are created there), then records `body` on that stream, as torch.cuda.graphs does. The body must not read
// device values back to the host, and every tensor it touches must outlive the graph.
// Without DIFFLAB_HAS_CUDA (the CPU build) available() is false and capture() throws.
// NOTE: written and compile-checked against LibTorch 1.13's CUDA headers; not yet run on a GPU.

#include <torch/types.h>

#include <functional>
#include <memory>

namespace difflab {

class CapturedCudaWork {
 public:
  CapturedCudaWork();
  ~CapturedCudaWork();
  CapturedCudaWork(const CapturedCudaWork&) = delete;
  CapturedCudaWork& operator=(const CapturedCudaWork&) = delete;

  /// True when this build has CUDA.
  static bool available();
  void capture(const torch::Device& device, const std::function<void()>& warmup, const std::function<void()>& body);
  bool captured() const;
  /// Replays the captured work on the current stream of its device (asynchronously).
  void replay();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace difflab
