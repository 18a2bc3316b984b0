// libFuzzer harnesses for every reader of outside files (docs/reliability.md). One source, one binary per
// reader: DIFFLAB_FUZZ_<NAME> picks the reader. A reader may refuse any input by throwing (std::exception,
// which LibTorch's c10::Error is too); everything else — a crash, an AddressSanitizer or UBSan report, a
// non-standard exception, a hang, memory beyond -rss_limit_mb — is a finding.
//
// Build and run (tests/fuzz/CMakeLists.txt; ./setup.sh fuzz runs each for 30 s):
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DDIFFLAB_FUZZ=ON -DDIFFLAB_GUI=OFF
//   cmake --build build-fuzz --target difflab_fuzzers
//   build-fuzz/tests/fuzz/fuzz_npy -max_total_time=600 build-fuzz/tests/fuzz/corpus-npy tests/fuzz/corpus/npy
#include "data/cifar10_reader.h"
#include "data/gaussian_mixture.h"
#include "data/idx_reader.h"
#include "data/image_folder_reader.h"
#include "io/checkpoint.h"
#include "io/json_text.h"
#include "io/npy.h"
#include "io/png_writer.h"
#include "io/safetensors.h"
#include "io/torch_pickle.h"
#include "model/diffusers_import.h"
#include "model/imported_model.h"
#include "model/network_recognition.h"
#include "sampling/sampling_recipe.h"
#include "schedule/noise_schedule.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

// Readers that take a path get the input through a file of this process's own.
std::string scratch_file(const std::string& name, const std::string& bytes) {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("difflab-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

void run(const std::string& bytes) {
  using namespace difflab;
#if defined(DIFFLAB_FUZZ_NPY)
  const at::Tensor t = parse_npy(bytes, "fuzz.npy");
  if (t.numel() > 0) (void)t.sum();
#elif defined(DIFFLAB_FUZZ_SAFETENSORS)
  const SafetensorsFile f = parse_safetensors(bytes, "fuzz.safetensors");
  (void)recognise_network(f.tensors);
#elif defined(DIFFLAB_FUZZ_TORCH_PICKLE)
  const TorchStateDict sd = read_torch_state_dict(scratch_file("fuzz.pt", bytes));
  (void)recognise_network(sd.tensors);
#elif defined(DIFFLAB_FUZZ_CHECKPOINT)
  (void)parse_checkpoint(bytes, "fuzz.ckpt");
#elif defined(DIFFLAB_FUZZ_JSON)
  (void)parse_json_text(bytes).dump();
#elif defined(DIFFLAB_FUZZ_MIXTURE)
  const GaussianMixture m = parse_gaussian_mixture(parse_json_text(bytes), "fuzz.json");
  (void)sample_gaussian_mixture(m, 4, 0);
#elif defined(DIFFLAB_FUZZ_IDX)
  (void)parse_idx_images(bytes, "fuzz-images-idx3-ubyte");
  (void)parse_idx_labels(bytes, "fuzz-labels-idx1-ubyte");
#elif defined(DIFFLAB_FUZZ_CIFAR10)
  at::Tensor images, labels;
  parse_cifar10_batch(bytes, "fuzz.bin", &images, &labels);
#elif defined(DIFFLAB_FUZZ_IMAGE)
  const at::Tensor image = decode_image(bytes, "fuzz.png");
  (void)resize_and_center_crop(image, 8);
#elif defined(DIFFLAB_FUZZ_PNG_RECIPE)
  const PngText text = parse_png_text_chunks(bytes, "fuzz.png");
  (void)recipe_from_text(text);
#elif defined(DIFFLAB_FUZZ_SIDECAR)
  scratch_file("model.json", bytes);
  (void)read_import_sidecar(scratch_file("model.safetensors", ""));
#elif defined(DIFFLAB_FUZZ_DIFFUSERS_CONFIG)
  // A config.json and a scheduler_config.json at once: the input's two halves.
  const size_t half = bytes.size() / 2;
  try {
    (void)diffusers_unet_network(parse_json_text(bytes.substr(0, half)), "config.json");
  } catch (const std::exception&) {}
  (void)NoiseSchedule::from_options(
      diffusers_schedule(parse_json_text(bytes.substr(half)), "scheduler_config.json").schedule);
#else
#error "define one DIFFLAB_FUZZ_<READER>"
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    run(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception&) {
    // A refusal with a message: the reader did its job.
  }
  return 0;
}
