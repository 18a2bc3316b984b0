// difflab-cli optimise-steps: searches the step times of a deterministic sampler that best reproduce the
// exact probability-flow ODE (Align Your Steps / GITS idea, sampling/step_optimizer.h) and writes them as a
// custom spacing JSON for `sample --timesteps-file`, `compare --timesteps-file` and the GUI.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/ode_flags.h"
#include "cli/sampler_flags.h"
#include "io/atomic_file.h"
#include "sampling/step_optimizer.h"

#include <iomanip>
#include <iostream>

namespace difflab::cli {

const char* const kOptimiseStepsUsage =
    "difflab-cli optimise-steps --model FILE --out STEPS.json [--sampler NAME] [--steps N] [--batch B]\n"
    "                           [--seed S] [--max-evaluations K] [--class NAME] [sampler parameters]\n"
    "                           [schedule flags, for a mixture]\n"
    "  Searches t_1 > ... > t_{N-1} (t_0 = T, t_N = 0) for a deterministic sampler (default dpmpp-2m, 10 steps)\n"
    "  so that its samples from B latents (default 256) come closest to the RK45 solution of the probability-flow\n"
    "  ODE from the same latents (Sabour et al. 2024, Align Your Steps; Chen et al. 2024, GITS), starting from\n"
    "  the best fixed spacing. Prints every fixed spacing's error and the optimised one, and writes the times as\n"
    "  JSON ({\"timesteps\": [...]}, read back by sample/compare --timesteps-file and the GUI's Compare samplers).\n";

int run_optimise_steps(const Args& args) {
  std::set<std::string> valued = model_flag_names();
  for (const auto& f : sampler_flag_names()) valued.insert(f);
  for (const char* f : {"out", "batch", "max-evaluations", "class"}) valued.insert(f);
  const ArgParser p(args, valued, model_switch_names());
  const std::string out = p.required("out");
  StepOptimizerOptions o;
  o.sampler = sampler_options_from_flags(p, p.get_or("sampler", "dpmpp-2m"), p.get_int("steps", 10));
  o.batch = p.get_int("batch", o.batch);
  if (o.batch < 1 || o.batch > 100000)
    throw CliError("--batch must lie in [1, 100000], got " + std::to_string(o.batch));
  o.seed = static_cast<uint64_t>(p.get_int("seed", 0));
  o.max_evaluations = p.get_int("max-evaluations", o.max_evaluations);
  if (o.max_evaluations < 1) throw CliError("--max-evaluations must be >= 1, got " + std::to_string(o.max_evaluations));
  std::shared_ptr<Denoiser> denoiser = load_model_from_flags(p);
  const torch::Tensor y = labels_from_flags(p, *denoiser, o.batch);
  int last = -1;
  const StepOptimizerResult r = optimise_steps(*denoiser, o, y, [&](double f, double e) {
    const int pct = static_cast<int>(f * 100.0);
    if (pct / 10 == last) return;
    last = pct / 10;
    std::cerr << "search " << pct << "%  error " << e << '\n';
  });
  std::cout << "RMS error against the RK45 solution (" << o.batch << " latents), " << o.sampler.name << ", "
            << r.timesteps.size() - 1 << " steps:\n";
  for (const auto& [name, e] : r.fixed_errors) std::cout << "  " << std::left << std::setw(16) << name << e << '\n';
  std::cout << "  " << std::setw(16) << "optimised" << r.error << "  (from " << r.start_spacing << ", " << r.evaluations
            << " sampler runs)\n  timesteps";
  for (double t : r.timesteps) std::cout << ' ' << std::setprecision(6) << t;
  std::cout << '\n';
  write_file_atomically(out, step_optimizer_json(r, o, p.required("model")));
  std::cerr << "wrote " << out << '\n';
  return 0;
}

}  // namespace difflab::cli
