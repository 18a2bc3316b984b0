#include "device/device_support.h"

#include <torch/version.h>

#include <ATen/autocast_mode.h>
#ifdef DIFFLAB_HAS_CUDA
#include <cuda_runtime_api.h>
#endif
// LibTorch 2.4 replaced the per-backend autocast switches (set_enabled / set_cpu_enabled and their dtypes) by
// per-device-type ones.
#define DIFFLAB_AUTOCAST_PER_DEVICE (TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4))

#include <torch/cuda.h>

#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace difflab {

torch::Device parse_training_device(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  if (name.rfind("cuda", 0) != 0)
    throw std::invalid_argument("unknown device '" + name + "' (expected cpu, cuda or cuda:N)");
#ifdef DIFFLAB_HAS_CUDA
  if (!torch::cuda::is_available())
    throw std::runtime_error("device '" + name + "' requested but no CUDA device is available");
  return torch::Device(name);
#else
  throw std::runtime_error("device '" + name + "' requested but this build of LibTorch has no CUDA support");
#endif
}

AutocastScope::AutocastScope(bool enabled, const torch::Device& device) {
  if (!enabled) return;
  if (device.is_cpu()) {
    // CPU autocast (bf16 matmuls and convolutions through oneDNN; fast where the CPU has AVX-512 BF16 or AMX).
    cpu_ = true;
#if DIFFLAB_AUTOCAST_PER_DEVICE
    at::autocast::set_autocast_enabled(at::kCPU, true);
    at::autocast::set_autocast_dtype(at::kCPU, at::kBFloat16);
#else
    at::autocast::set_cpu_enabled(true);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
#endif
    return;
  }
#ifdef DIFFLAB_HAS_CUDA
  if (!device.is_cuda()) return;
  cuda_ = true;
#if DIFFLAB_AUTOCAST_PER_DEVICE
  at::autocast::set_autocast_enabled(at::kCUDA, true);
  at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
#else
  at::autocast::set_enabled(true);
  at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
#endif
#endif
}

AutocastScope::~AutocastScope() {
  if (!cpu_ && !cuda_) return;
#if DIFFLAB_AUTOCAST_PER_DEVICE
  at::autocast::set_autocast_enabled(cpu_ ? at::kCPU : at::kCUDA, false);
#else
  if (cpu_)
    at::autocast::set_cpu_enabled(false);
  else
    at::autocast::set_enabled(false);
#endif
  at::autocast::clear_cache();
}

void set_cudnn_benchmark(bool enabled) {
#ifdef DIFFLAB_HAS_CUDA
  at::globalContext().setBenchmarkCuDNN(enabled);
#endif
}

std::vector<std::string> available_training_devices() {
  std::vector<std::string> devices = {"cpu"};
#ifdef DIFFLAB_HAS_CUDA
  if (torch::cuda::is_available())
    for (size_t i = 0; i < torch::cuda::device_count(); ++i) devices.push_back("cuda:" + std::to_string(i));
#endif
  return devices;
}

int64_t memory_in_use(const torch::Device& device) {
  if (device.is_cuda()) {
#ifdef DIFFLAB_HAS_CUDA
    int previous = 0;
    size_t free_bytes = 0, total_bytes = 0;
    if (cudaGetDevice(&previous) != cudaSuccess) return -1;
    const bool switched =
        device.has_index() && device.index() != previous && cudaSetDevice(device.index()) == cudaSuccess;
    const bool ok = cudaMemGetInfo(&free_bytes, &total_bytes) == cudaSuccess;
    if (switched) cudaSetDevice(previous);
    return ok ? static_cast<int64_t>(total_bytes - free_bytes) : -1;
#else
    return -1;
#endif
  }
  // /proc/self/statm: size resident shared text lib data dt, in pages (proc(5)).
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return -1;
  return resident * static_cast<int64_t>(sysconf(_SC_PAGESIZE));
}

bool is_out_of_memory(const std::exception& e) {
  const std::string what = e.what();
  return what.find("out of memory") != std::string::npos || what.find("CUDA out of memory") != std::string::npos;
}

}  // namespace difflab
