#pragma once
// The few device APIs that differ between Debian's LibTorch 1.13 (CPU) and CUDA LibTorch 2.x, in one place.
// CUDA code is compiled only with DIFFLAB_HAS_CUDA (set when find_package(Torch) found CUDA).
// NOTE: the CUDA branches are unverified on this CPU-only build machine.

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace difflab {

/// "cpu", "cuda" or "cuda:N". Throws std::invalid_argument naming the value, or std::runtime_error when CUDA
/// is requested but this build / machine has none.
torch::Device parse_training_device(const std::string& name);

/// Enables bf16 autocast for the ops of `device` (CPU or CUDA) on this thread while alive (no-op when disabled).
/// Autocast state is thread-local: open the scope on the thread that runs the model.
class AutocastScope {
 public:
  AutocastScope(bool enabled, const torch::Device& device);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool cpu_ = false;
  bool cuda_ = false;
};

/// cuDNN autotuner (benchmark mode); no-op without CUDA.
void set_cudnn_benchmark(bool enabled);

/// Devices a user may train on: "cpu", then "cuda:0".."cuda:N-1" when this build and machine have CUDA.
std::vector<std::string> available_training_devices();

/// Memory in use, in bytes: on a CUDA device the memory taken on it (cudaMemGetInfo: total − free, all
/// processes), on the CPU this process's resident set size (/proc/self/statm). -1 when unknown.
int64_t memory_in_use(const torch::Device& device);

/// True when `e` is an allocation failure on a device (so it can be reported as "out of memory").
bool is_out_of_memory(const std::exception& e);

}  // namespace difflab
