#include "device/captured_cuda_work.h"

#ifdef DIFFLAB_HAS_CUDA
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

#include <stdexcept>
#include <string>

namespace difflab {

#ifdef DIFFLAB_HAS_CUDA

struct CapturedCudaWork::Impl {
  std::unique_ptr<at::cuda::CUDAGraph> graph;
  c10::DeviceIndex device = 0;
};

CapturedCudaWork::CapturedCudaWork() : impl_(std::make_unique<Impl>()) {}
CapturedCudaWork::~CapturedCudaWork() = default;
bool CapturedCudaWork::available() { return true; }
bool CapturedCudaWork::captured() const { return impl_->graph != nullptr; }

void CapturedCudaWork::capture(const torch::Device& device, const std::function<void()>& warmup,
                               const std::function<void()>& body) {
  if (!device.is_cuda()) throw std::invalid_argument("CapturedCudaWork: " + device.str() + " is not a CUDA device");
  impl_->graph.reset();
  c10::cuda::CUDAGuard device_guard(device);
  auto graph = std::make_unique<at::cuda::CUDAGraph>();
  c10::cuda::CUDAStream side = c10::cuda::getStreamFromPool();
  c10::cuda::device_synchronize();  // as torch.cuda.graph: nothing else in flight on the device
  {
    c10::cuda::CUDAStreamGuard stream_guard(side);
    warmup();
    side.synchronize();
    graph->capture_begin();
    try {
      body();
    } catch (...) {
      // End the broken capture, so that the stream takes work again, and report the body's error.
      try {
        graph->capture_end();
      } catch (...) {}
      throw;
    }
    graph->capture_end();
  }
  side.synchronize();
  impl_->device = device.has_index() ? device.index() : c10::cuda::current_device();
  impl_->graph = std::move(graph);
}

void CapturedCudaWork::replay() {
  if (!impl_->graph) throw std::logic_error("CapturedCudaWork::replay before capture");
  c10::cuda::CUDAGuard device_guard(impl_->device);
  impl_->graph->replay();
}

#else  // no CUDA in this LibTorch

struct CapturedCudaWork::Impl {};
CapturedCudaWork::CapturedCudaWork() : impl_(std::make_unique<Impl>()) {}
CapturedCudaWork::~CapturedCudaWork() = default;
bool CapturedCudaWork::available() { return false; }
bool CapturedCudaWork::captured() const { return false; }
void CapturedCudaWork::capture(const torch::Device&, const std::function<void()>&, const std::function<void()>&) {
  throw std::runtime_error("CUDA graphs need a LibTorch with CUDA; this build has none");
}
void CapturedCudaWork::replay() {
  throw std::runtime_error("CUDA graphs need a LibTorch with CUDA; this build has none");
}

#endif

}  // namespace difflab
