// difflab-bench-train: training throughput (images/s) of the C++ Trainer for the notebook SimpleUnet on
// 32×32×1 at batch 128 and 512, and the small and CIFAR-10 DDPM U-Nets; fp32 and bf16 autocast (with
// channels_last on CUDA).
// Prints CSV lines "model,batch,precision,device,images_per_second" that bench/run_train_bench.sh pairs with
// bench/train_reference.py (the same models and training step in PyTorch).
//
// A timed step is Trainer::step(): batch gather, t and ε sampling, q_sample, forward, MSE ε-loss, backward,
// gradient clipping, AdamW, EMA update: the work of one training iteration.
#include "nn/network_config.h"
#include "train/trainer.h"

#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace difflab;

namespace {

struct Case {
  std::string model;  // simple-unet | ddpm-small | ddpm-cifar10
  int64_t batch;
  bool bf16;
};

NetworkConfig network_for(const std::string& model) {
  if (model == "simple-unet") return NetworkConfig::from_preset("simple-unet", "notebook", {1, 32, 32});
  if (model == "ddpm-small") return NetworkConfig::from_preset("ddpm-unet", "small", {1, 32, 32});
  if (model == "ddpm-cifar10") return NetworkConfig::from_preset("ddpm-unet", "cifar10", {3, 32, 32});
  throw std::invalid_argument("unknown model '" + model + "' (simple-unet, ddpm-small, ddpm-cifar10)");
}

double images_per_second(const Case& c, const std::string& device, int64_t warmup, int64_t steps, int threads,
                         const std::string& profile, bool cuda_graph) {
  const NetworkConfig net = network_for(c.model);
  TrainingData data;
  std::vector<int64_t> shape = {1024};
  shape.insert(shape.end(), net.sample_shape.begin(), net.sample_shape.end());
  data.data = torch::rand(shape) * 2 - 1;
  data.scale = difflab::DataScale::images();
  TrainerOptions o;
  o.batch_size = c.batch;
  o.device = device;
  o.bf16 = c.bf16;
  o.channels_last = c.bf16 && device.rfind("cuda", 0) == 0;
  o.num_threads = threads;
  o.ema_decay = 0.999;
  o.grad_clip = 1.0;
  o.cuda_graph = cuda_graph;
  Trainer trainer(net, ScheduleOptions{}, ObjectiveOptions{}, data, o);
  if (threads > 0) torch::set_num_threads(threads);
  for (int64_t i = 0; i < warmup; ++i) trainer.step();
#ifdef DIFFLAB_HAS_CUDA
  if (torch::cuda::is_available()) torch::cuda::synchronize();
#endif
  if (!profile.empty()) {  // one more step under the autograd profiler, as a chrome://tracing file
    torch::autograd::profiler::RecordProfile guard(profile + "." + c.model + "." + std::to_string(c.batch) + ".json");
    trainer.step();
  }
  const auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < steps; ++i) trainer.step();  // step() reads the loss back, so the device is synchronised
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return static_cast<double>(steps * c.batch) / s;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, ',');) out.push_back(item);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string device = "cpu", models = "simple-unet,ddpm-small,ddpm-cifar10", profile, precisions = "fp32,bf16";
  int64_t warmup = 2, steps = 5;
  int threads = 0;
  int64_t batch = 0;
  bool quick = false, cuda_graph = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--device")
      device = value();
    else if (a == "--models")
      models = value();
    else if (a == "--steps")
      steps = std::stoll(value());
    else if (a == "--warmup")
      warmup = std::stoll(value());
    else if (a == "--threads")
      threads = std::stoi(value());
    else if (a == "--quick")
      quick = true;
    else if (a == "--profile")
      profile = value();
    else if (a == "--batch")
      batch = std::stoll(value());
    else if (a == "--precision")
      precisions = value();
    else if (a == "--cuda-graph")
      cuda_graph = true;
    else {
      std::cout
          << "usage: difflab-bench-train [--device cpu|cuda] [--models a,b] [--steps N] [--warmup N] [--threads N] "
             "[--quick] [--batch B]\n"
             "                           [--precision fp32,bf16] [--profile PREFIX] [--cuda-graph]\n"
             "  --cuda-graph: the whole training step captured in a CUDA graph (TrainerOptions::cuda_graph; CUDA "
             "only).\n"
             "  --quick: 1 warm-up step and 2 timed steps, and on the CPU the CIFAR-10 U-Net at batch 32 only.\n"
             "  --profile: one extra step per case under the autograd profiler, written to PREFIX.MODEL.BATCH.json.\n";
      return a == "--help" ? 0 : 2;
    }
  }
  if (quick) {
    warmup = 1;
    steps = 2;
  }
  const bool cuda = device.rfind("cuda", 0) == 0;
  if (cuda_graph && !cuda) {
    std::cerr << "difflab-bench-train: --cuda-graph needs --device cuda\n";
    return 2;
  }
  std::vector<Case> cases;
  for (const auto& m : split(models)) {
    std::vector<int64_t> batches = {128, 512};
    if (m != "simple-unet") batches = {128};
    if (quick && !cuda && m == "ddpm-cifar10") batches = {32};
    if (batch > 0) batches = {batch};
    for (int64_t b : batches)
      for (const auto& p : split(precisions)) {
        if (p != "fp32" && p != "bf16") {
          std::cerr << "difflab-bench-train: --precision takes fp32 and/or bf16, got '" << p << "'\n";
          return 2;
        }
        cases.push_back({m, b, p == "bf16"});
      }
  }
  std::cout << "# difflab-bench-train: LibTorch " << TORCH_VERSION_MAJOR << "." << TORCH_VERSION_MINOR << ", device "
            << device << ", threads " << (threads > 0 ? threads : torch::get_num_threads()) << ", warmup " << warmup
            << ", steps " << steps << '\n'
            << "model,batch,precision,device,images_per_second\n";
  try {
    for (const auto& c : cases) {
      const double ips = images_per_second(c, device, warmup, steps, threads, profile, cuda_graph);
      std::cout << c.model << ',' << c.batch << ',' << (c.bf16 ? "bf16" : "fp32") << ',' << device << ',' << ips
                << std::endl;
    }
  } catch (const std::exception& e) {
    std::cerr << "difflab-bench-train: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
