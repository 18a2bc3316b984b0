// difflab-bench-mlp-step: milliseconds per training step of the 2-D residual MLP (core/nn/mlp_denoiser) on two
// moons, for the DSM step and the SSM-VR step (double backward) of the score lab's race, at two sizes:
//   score-lab  hidden 64, 2 blocks, time embedding 32 (the race's configuration in tests/core/test_score.cpp)
//   two-moons  hidden 128, 3 blocks, time embedding 64 (models/configs/two-moons-mlp.json, mlp preset "default")
// batch 256, AdamW (lr 3e-3, no weight decay), 1000 linear-schedule steps, uniform t.
// Prints CSV lines "size,objective,threads,ms_per_step" that bench/run_mlp_step_bench.sh pairs with
// bench/mlp_step_reference.py (the same network and steps in PyTorch eager).
//
// A timed DSM step is ScoreMatchingRace::step()'s DSM half: batch gather, t and ε sampling, q_sample, forward,
// weighted per-sample MSE ε-loss, backward, AdamW, loss read back. An SSM step is its other half: forward with
// x requiring grad, one vector–Jacobian product with create_graph (sliced_score_matching_loss), backward through
// it, AdamW, loss read back. Each case: `warmup` steps, then `repeats` runs of `steps` steps; the median run.
#include "data/toy_datasets.h"
#include "nn/mlp_denoiser.h"
#include "schedule/noise_schedule.h"
#include "score/score_matching.h"
#include "train/objective.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace difflab;

namespace {

MlpDenoiserOptions network_for(const std::string& size) {
  if (size == "score-lab") return {2, 64, 2, 32, 0};
  if (size == "two-moons") return {2, 128, 3, 64, 0};
  throw std::invalid_argument("unknown size '" + size + "' (score-lab, two-moons)");
}

struct Bench {
  int64_t batch = 256, warmup = 20, steps = 50, repeats = 5;
};

double ms_per_step(const std::string& size, const std::string& objective_name, int threads, const Bench& b) {
  torch::set_num_threads(threads);
  torch::manual_seed(0);
  const torch::Tensor data = make_two_moons(2000, 1).data.to(torch::kFloat32);
  ScheduleOptions so;
  so.timesteps = 1000;
  const NoiseSchedule schedule = NoiseSchedule::from_options(so);
  const Objective objective(schedule, ObjectiveOptions{});
  auto net = std::make_shared<MlpDenoiserImpl>(network_for(size));
  net->train();
  torch::optim::AdamW optimizer(net->parameters(), torch::optim::AdamWOptions(3e-3).weight_decay(0.0));
  at::Generator gen = at::detail::createCPUGenerator(1);
  const bool ssm = objective_name == "ssm";

  auto step = [&] {  // as ScoreMatchingRace::step()
    const torch::Tensor idx = torch::randint(data.size(0), {b.batch}, gen, torch::kInt64);
    const torch::Tensor x0 = data.index_select(0, idx);
    const torch::Tensor eps = torch::randn(x0.sizes(), gen, torch::kFloat32);
    const TimestepSample ts = objective.sample_timesteps(b.batch, gen);
    const torch::Tensor x_t = objective.q_sample(x0, eps, ts.t);
    const torch::Tensor t_float = ts.t.to(torch::kFloat32);
    optimizer.zero_grad();
    torch::Tensor loss;
    if (!ssm) {
      const torch::Tensor prediction = net->forward(x_t, t_float, torch::Tensor());
      loss = (objective.weight(ts.t) * ts.importance_weight *
              objective.per_sample_loss(prediction, objective.target(x0, eps, ts.t)))
                 .mean();
    } else {
      const torch::Tensor sigma = torch::sqrt(1.0 - objective.alpha_bar_at(ts.t));
      loss = (ts.importance_weight * sliced_score_matching_loss(*net, x_t, t_float, sigma, 1, gen)).mean();
    }
    loss.backward();
    optimizer.step();
    return loss.item<double>();
  };

  for (int64_t i = 0; i < b.warmup; ++i) step();
  std::vector<double> runs;
  for (int64_t r = 0; r < b.repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int64_t i = 0; i < b.steps; ++i) step();
    runs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() /
                   static_cast<double>(b.steps));
  }
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, ',');) out.push_back(item);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string sizes = "score-lab,two-moons", objectives = "dsm,ssm", threads = "1,2";
  Bench b;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--sizes")
      sizes = value();
    else if (a == "--objectives")
      objectives = value();
    else if (a == "--threads")
      threads = value();
    else if (a == "--warmup")
      b.warmup = std::stoll(value());
    else if (a == "--steps")
      b.steps = std::stoll(value());
    else if (a == "--repeats")
      b.repeats = std::stoll(value());
    else if (a == "--quick") {
      b.warmup = 3;
      b.steps = 5;
      b.repeats = 1;
    } else {
      std::cout << "usage: difflab-bench-mlp-step [--sizes score-lab,two-moons] [--objectives dsm,ssm] "
                   "[--threads 1,2]\n"
                   "                              [--warmup N] [--steps N] [--repeats N] [--quick]\n"
                   "  Each case: N warm-up steps, then R runs of N steps; prints the median run's ms/step.\n";
      return a == "--help" ? 0 : 2;
    }
  }
  if (b.steps < 1 || b.repeats < 1) {
    std::cerr << "difflab-bench-mlp-step: --steps and --repeats must be >= 1\n";
    return 2;
  }
  std::cout << "# difflab-bench-mlp-step: LibTorch " << TORCH_VERSION_MAJOR << "." << TORCH_VERSION_MINOR << ", batch "
            << b.batch << ", warmup " << b.warmup << ", steps " << b.steps << ", repeats " << b.repeats << '\n'
            << "size,objective,threads,ms_per_step\n";
  try {
    for (const auto& s : split(sizes))
      for (const auto& o : split(objectives)) {
        if (o != "dsm" && o != "ssm") {
          std::cerr << "difflab-bench-mlp-step: --objectives takes dsm and/or ssm, got '" << o << "'\n";
          return 2;
        }
        for (const auto& t : split(threads))
          std::cout << s << ',' << o << ',' << t << ',' << ms_per_step(s, o, std::stoi(t), b) << std::endl;
      }
  } catch (const std::exception& e) {
    std::cerr << "difflab-bench-mlp-step: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
