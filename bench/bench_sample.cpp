// difflab-bench-sample: sampling throughput (images/s) of the C++ sampler stack — DDIM (η = 0, one network
// evaluation per step) over a NetworkDenoiser — for the notebook SimpleUnet on 32×32×1 and the small DDPM
// U-Net, at the given NFE and batch; fp32 and bf16 autocast.
// Prints CSV lines "model,batch,nfe,precision,device,images_per_second" that bench/run_sample_bench.sh pairs
// with bench/sample_reference.py (the same networks in an eager PyTorch DDIM loop).
//
// A timed run is initial noise → run_sampler(): N network calls in eval mode without autograd, the ε → x̂₀
// conversion and the DDIM update (Song et al. 2021, eq. 12) after each: the whole of "generate N images".
#include "model/network_denoiser.h"
#include "nn/diffusion_net.h"
#include "nn/network_config.h"
#include "sampling/sampler.h"
#include "schedule/noise_schedule.h"
#include "device/device_support.h"

#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace difflab;

namespace {

NetworkConfig network_for(const std::string& model) {
  if (model == "simple-unet") return NetworkConfig::from_preset("simple-unet", "notebook", {1, 32, 32});
  if (model == "ddpm-small") return NetworkConfig::from_preset("ddpm-unet", "small", {1, 32, 32});
  if (model == "ddpm-cifar10") return NetworkConfig::from_preset("ddpm-unet", "cifar10", {3, 32, 32});
  throw std::invalid_argument("unknown model '" + model + "' (simple-unet, ddpm-small, ddpm-cifar10)");
}

void synchronize(const torch::Device& device) {
#ifdef DIFFLAB_HAS_CUDA
  if (device.is_cuda()) torch::cuda::synchronize();
#else
  (void)device;
#endif
}

double images_per_second(const std::string& model, int64_t batch, int64_t chunk, bool cuda_graph, int64_t nfe,
                         bool bf16, const torch::Device& device, int64_t warmup_nfe, const std::string& profile) {
  torch::manual_seed(0);
  const NetworkConfig config = network_for(model);
  auto net = make_network(config);
  net->to(device);
  net->eval();
  NetworkDenoiserOptions o;
  o.sample_shape = config.sample_shape;
  o.batch_size = chunk;  // 0: the denoiser's automatic chunking (what the CLI and the GUI use)
  o.cuda_graph = cuda_graph;
  NetworkDenoiser denoiser(net, NoiseSchedule::from_options(ScheduleOptions{}), o);

  std::vector<int64_t> shape = {batch};
  shape.insert(shape.end(), config.sample_shape.begin(), config.sample_shape.end());
  const auto run = [&](int64_t steps) {
    SamplerOptions so;
    so.name = "ddim";
    so.steps = steps;
    auto sampler = make_sampler(so, denoiser.schedule(), initial_noise(shape, 0).to(device));
    AutocastScope autocast(bf16, device);
    const at::Tensor x0 = run_sampler(*sampler, denoiser);
    synchronize(device);
    return x0;
  };
  if (warmup_nfe > 0) run(warmup_nfe);
  if (!profile.empty()) {  // a 2-NFE run under the autograd profiler, as a chrome://tracing file
    torch::autograd::profiler::RecordProfile guard(profile + "." + model + "." + std::to_string(batch) + ".json");
    run(2);
  }
  const auto start = std::chrono::steady_clock::now();
  run(nfe);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return static_cast<double>(batch) / s;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, ',');) out.push_back(item);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string device_name = "cpu", models = "simple-unet,ddpm-small", nfes = "50,100", profile,
              precisions = "fp32,bf16";
  int64_t batch = 256, warmup = 2, chunk = 0;
  bool cuda_graph = false;
  int threads = 0;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      const auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
        return argv[++i];
      };
      if (a == "--device")
        device_name = value();
      else if (a == "--models")
        models = value();
      else if (a == "--nfe")
        nfes = value();
      else if (a == "--batch")
        batch = std::stoll(value());
      else if (a == "--warmup")
        warmup = std::stoll(value());
      else if (a == "--threads")
        threads = std::stoi(value());
      else if (a == "--profile")
        profile = value();
      else if (a == "--chunk")
        chunk = std::stoll(value());
      else if (a == "--cuda-graph")
        cuda_graph = true;
      else if (a == "--precision")
        precisions = value();
      else {
        std::cout
            << "usage: difflab-bench-sample [--device cpu|cuda] [--models simple-unet,ddpm-small] [--nfe 50,100]\n"
               "                            [--batch 256] [--warmup NFE] [--threads N] [--precision fp32,bf16]\n"
               "                            [--chunk N] [--cuda-graph] [--profile PREFIX]\n"
               "  --chunk: samples per network call (0: the denoiser's automatic choice, -1: the whole batch)\n";
        return a == "--help" ? 0 : 2;
      }
    }
    if (batch < 1) throw std::invalid_argument("--batch must be >= 1, got " + std::to_string(batch));
    if (threads > 0) torch::set_num_threads(threads);
    const torch::Device device = parse_training_device(device_name);
    std::cout << "# difflab-bench-sample: LibTorch " << TORCH_VERSION_MAJOR << "." << TORCH_VERSION_MINOR << ", device "
              << device_name << ", threads " << torch::get_num_threads() << ", sampler ddim (eta 0), warm-up " << warmup
              << " NFE\n"
              << "model,batch,nfe,precision,device,images_per_second\n";
    for (const auto& m : split(models))
      for (const auto& n : split(nfes))
        for (const auto& p : split(precisions)) {
          if (p != "fp32" && p != "bf16")
            throw std::invalid_argument("--precision takes fp32 and/or bf16, got '" + p + "'");
          const bool bf16 = p == "bf16";
          const int64_t nfe = std::stoll(n);
          const double ips = images_per_second(m, batch, chunk, cuda_graph, nfe, bf16, device, warmup, profile);
          std::cout << m << ',' << batch << ',' << nfe << ',' << (bf16 ? "bf16" : "fp32") << ',' << device_name << ','
                    << ips << std::endl;
        }
  } catch (const std::exception& e) {
    std::cerr << "difflab-bench-sample: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
