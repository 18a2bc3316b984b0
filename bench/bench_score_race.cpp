// difflab-bench-score-race: wall time of the score lab's race (core/score/score_matching.h: two MLPs on the same
// two-moons batches, one by DSM and one by SSM-VR) and the field error each reaches (ScoreMatchingRace::evaluate,
// the relative Fisher divergence to the held-out points' exact score, mean over t = 20, 50, 100, 200, 400).
// Configuration as tests/core/test_score.cpp's race: 2000 training points, 4000 held-out points as the
// reference, MLP hidden 64 / 2 blocks / time embedding 32, batch 256, AdamW lr 3e-3, 512 evaluation samples,
// seed 7; 1000 steps by default.
// Prints the evaluation every --every steps ("step,seconds,dsm_error,ssm_error", seconds excluding evaluation)
// and a summary line.
#include "data/toy_datasets.h"
#include "schedule/noise_schedule.h"
#include "score/score_field.h"
#include "score/score_matching.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>

using namespace difflab;

int main(int argc, char** argv) {
  int64_t steps = 1000, every = 250, hidden = 64, blocks = 2, time_emb = 32;
  int threads = 2;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--steps")
      steps = std::stoll(value());
    else if (a == "--every")
      every = std::stoll(value());
    else if (a == "--threads")
      threads = std::stoi(value());
    else if (a == "--hidden")
      hidden = std::stoll(value());
    else if (a == "--blocks")
      blocks = std::stoll(value());
    else if (a == "--time-emb")
      time_emb = std::stoll(value());
    else {
      std::cout << "usage: difflab-bench-score-race [--steps 1000] [--every 250] [--threads 2] [--hidden 64] "
                   "[--blocks 2] [--time-emb 32]\n";
      return a == "--help" ? 0 : 2;
    }
  }
  if (steps < 1 || every < 1 || threads < 1) {
    std::cerr << "difflab-bench-score-race: --steps, --every and --threads must be >= 1\n";
    return 2;
  }
  torch::set_num_threads(threads);
  try {
    const NoiseSchedule schedule = NoiseSchedule::from_options(ScheduleOptions{});
    const Dataset train = make_two_moons(2000, 1), held_out = make_two_moons(4000, 2);
    auto reference = empirical_reference(held_out.data, {}, {}, schedule);
    ScoreRaceOptions o;
    o.network = MlpDenoiserOptions{2, hidden, blocks, time_emb, 0};
    o.batch_size = 256;
    o.learning_rate = 3e-3;
    o.eval_samples = 512;
    o.seed = 7;
    ScoreMatchingRace race(train.data, schedule, *reference, o);
    std::cout << "# difflab-bench-score-race: LibTorch " << TORCH_VERSION_MAJOR << "." << TORCH_VERSION_MINOR
              << ", threads " << torch::get_num_threads() << ", MLP hidden " << hidden << ", blocks " << blocks
              << ", time embedding " << time_emb << ", batch 256, steps " << steps << '\n'
              << "step,seconds,dsm_error,ssm_error\n";
    auto report = [&](double seconds) {
      const ScoreRaceEvaluation e = race.evaluate();
      std::cout << e.step << ',' << seconds << ',' << e.dsm_error << ',' << e.ssm_error << std::endl;
      return e;
    };
    report(0.0);
    double train_seconds = 0;
    for (int64_t done = 0; done < steps;) {
      const int64_t n = std::min(every, steps - done);
      const auto start = std::chrono::steady_clock::now();
      for (int64_t i = 0; i < n; ++i) race.step();
      train_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      done += n;
      report(train_seconds);
    }
    const auto start = std::chrono::steady_clock::now();
    const ScoreRaceEvaluation last = race.evaluate();
    const double eval_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "# " << steps << " race steps (DSM + SSM): " << train_seconds << " s, "
              << 1000.0 * train_seconds / static_cast<double>(steps) << " ms/step; one evaluation " << eval_seconds
              << " s; final field error DSM " << last.dsm_error << ", SSM " << last.ssm_error << '\n';
  } catch (const std::exception& e) {
    std::cerr << "difflab-bench-score-race: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
