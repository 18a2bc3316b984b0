#include "model/cuda_graph_call.h"

#include "nn/diffusion_net.h"
#include "nn/class_labels.h"  // TrustedLabelsScope
#include "device/captured_cuda_work.h"

#include <torch/torch.h>
#include <torch/version.h>

#ifdef DIFFLAB_HAS_CUDA
#include <ATen/autocast_mode.h>
#endif

#include <deque>
#include <stdexcept>
#include <string>
#include <vector>

namespace difflab {

#ifdef DIFFLAB_HAS_CUDA

namespace {

bool cuda_autocast_enabled() {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  return at::autocast::is_autocast_enabled(at::kCUDA);
#else
  return at::autocast::is_enabled();
#endif
}

struct Captured {
  std::vector<int64_t> x_shape;
  bool has_y = false;
  bool autocast = false;
  int device = 0;
  torch::Tensor x, t, y, out;  // static buffers: the graph reads and writes only these
  CapturedCudaWork graph;
};

}  // namespace

struct CudaGraphCall::Impl {
  std::deque<std::unique_ptr<Captured>> graphs;
};

CudaGraphCall::CudaGraphCall() : impl_(std::make_unique<Impl>()) {}
CudaGraphCall::~CudaGraphCall() = default;
bool CudaGraphCall::available() { return true; }
int64_t CudaGraphCall::size() const { return static_cast<int64_t>(impl_->graphs.size()); }

torch::Tensor CudaGraphCall::call(DiffusionNetImpl& net, const torch::Tensor& x, const torch::Tensor& t,
                                  const torch::Tensor& y) {
  if (!x.is_cuda())
    throw std::invalid_argument("CudaGraphCall: the input is on " + x.device().str() + ", not on a CUDA device");
  const bool autocast = cuda_autocast_enabled();
  const std::vector<int64_t> shape = x.sizes().vec();
  Captured* c = nullptr;
  for (auto& g : impl_->graphs)
    if (g->x_shape == shape && g->has_y == y.defined() && g->autocast == autocast && g->device == x.device().index())
      c = g.get();
  if (!c) {
    if (static_cast<int64_t>(impl_->graphs.size()) >= kMaxGraphs) impl_->graphs.pop_front();
    auto fresh = std::make_unique<Captured>();
    fresh->x_shape = shape;
    fresh->has_y = y.defined();
    fresh->autocast = autocast;
    fresh->device = x.device().index();
    fresh->x = x.clone();
    fresh->t = t.clone();
    if (y.defined()) fresh->y = y.clone();
    torch::NoGradGuard no_grad;
    TrustedLabelsScope trusted;  // no device-to-host read of the labels: that is not allowed while capturing
    // Warm-up (cuDNN/cuBLAS handles and autotuning outside the capture), then the capture, off the default
    // stream (CapturedCudaWork, as torch.cuda.graphs does).
    Captured& f = *fresh;
    f.graph.capture(
        x.device(),
        [&] {
          for (int i = 0; i < 3; ++i) net.forward(f.x, f.t, f.y);
        },
        [&] { f.out = net.forward(f.x, f.t, f.y); });
    impl_->graphs.push_back(std::move(fresh));
    c = impl_->graphs.back().get();
  }
  c->x.copy_(x);
  c->t.copy_(t);
  if (y.defined()) c->y.copy_(y);
  c->graph.replay();
  return c->out.clone();  // the next replay overwrites the static output
}

#else  // no CUDA in this LibTorch

struct CudaGraphCall::Impl {};
CudaGraphCall::CudaGraphCall() : impl_(std::make_unique<Impl>()) {}
CudaGraphCall::~CudaGraphCall() = default;
bool CudaGraphCall::available() { return false; }
int64_t CudaGraphCall::size() const { return 0; }
torch::Tensor CudaGraphCall::call(DiffusionNetImpl&, const torch::Tensor&, const torch::Tensor&, const torch::Tensor&) {
  throw std::runtime_error("CUDA graphs need a LibTorch with CUDA; this build has none");
}

#endif

}  // namespace difflab
