#include "cli/ode_flags.h"

#include "cli/sampler_flags.h"
#include "cli/schedule_flags.h"
#include "io/npy.h"
#include "model/classifier_free_guidance.h"
#include "model/model_loader.h"

#include <iostream>

namespace difflab::cli {

std::set<std::string> model_flag_names() {
  std::set<std::string> s = {"model", "device", "batch-size", "threads"};
  for (const auto& f : schedule_flag_names()) s.insert(f);
  return s;
}

std::set<std::string> model_switch_names() { return {"no-ema", "zero-terminal-snr"}; }

std::shared_ptr<Denoiser> load_model_from_flags(const ArgParser& p) {
  DenoiserLoadOptions load;
  load.schedule = schedule_options_from_flags(p);
  load.device = p.get_or("device", "cpu");
  load.use_ema = !p.flag("no-ema");
  load.batch_size = p.get_int("batch-size", load.batch_size);
  if (const long long threads = p.get_int("threads", 0); threads > 0) torch::set_num_threads(static_cast<int>(threads));
  std::shared_ptr<Denoiser> d = load_denoiser(p.required("model"), load);
  std::cerr << "model: " << d->description() << '\n';
  return d;
}

std::set<std::string> solver_flag_names() {
  return {"solver", "steps", "spacing", "karras-rho", "rtol", "atol", "timesteps-file"};
}

OdeTransportOptions transport_options_from_flags(const ArgParser& p) {
  OdeTransportOptions o;
  try {
    o.solver = parse_ode_solver(p.get_or("solver", o.solver));
    o.spacing = parse_timestep_spacing(p.get_or("spacing", timestep_spacing_name(o.spacing)));
    if (o.spacing == TimestepSpacing::Custom) {
      if (!p.has("timesteps-file")) throw CliError("--spacing custom needs --timesteps-file FILE.json");
    }
  } catch (const std::invalid_argument& e) {
    throw CliError(e.what());
  }
  o.steps = p.get_int("steps", o.steps);
  if (o.steps < 1) throw CliError("--steps must be >= 1, got " + std::to_string(o.steps));
  o.karras_rho = p.get_double("karras-rho", o.karras_rho);
  o.rtol = p.get_double("rtol", o.rtol);
  o.atol = p.get_double("atol", o.atol);
  if (!(o.rtol > 0) || !(o.atol > 0)) throw CliError("--rtol and --atol must be positive");
  if (auto file = p.get("timesteps-file")) {
    o.spacing = TimestepSpacing::Custom;
    o.custom_timesteps = read_timesteps_file(*file);
    o.steps = static_cast<int64_t>(o.custom_timesteps.size()) - 1;
  }
  return o;
}

namespace {
torch::Tensor as_batch(const torch::Tensor& a, const std::string& path, const Denoiser& d) {
  const auto shape = d.sample_shape();
  int64_t n = 1;
  for (auto s : shape) n *= s;
  std::vector<int64_t> batched{-1};
  batched.insert(batched.end(), shape.begin(), shape.end());
  if (a.numel() == 0 || a.numel() % n != 0)
    throw CliError(path + ": " + c10::str(a.sizes()) + " does not hold whole samples of shape " + c10::str(shape));
  // [B, ...] whose trailing dimensions are the sample shape (or an unbatched sample, or images stored
  // as [B, H, W] for a one-channel model).
  return a.reshape(batched);
}
}  // namespace

torch::Tensor read_data_npy(const std::string& path, const Denoiser& d) {
  const torch::Tensor a = read_npy(path);
  const DataScale s = d.data_scale();
  return (as_batch(a, path, d).to(torch::kFloat64) - s.offset) / s.scale;
}

torch::Tensor read_latent_npy(const std::string& path, const Denoiser& d) {
  return as_batch(read_npy(path), path, d).to(torch::kFloat64);
}

void write_data_npy(const std::string& path, const torch::Tensor& x, const Denoiser& d) {
  write_npy(path, d.to_data_scale(x).to(torch::kCPU, torch::kFloat32).contiguous());
}

torch::Tensor labels_from_flags(const ArgParser& p, const Denoiser& d, int64_t batch) {
  auto name = p.get("class");
  if (!name) return {};
  try {
    return torch::full({batch}, class_index(d, *name), torch::kInt64);
  } catch (const std::invalid_argument& e) {
    throw CliError(std::string("--class: ") + e.what());
  }
}

OdeProgress stderr_progress(const std::string& what) {
  auto last = std::make_shared<int>(-1);
  return [what, last](double f) {
    const int decile = static_cast<int>(f * 10.0 + 1e-9);
    if (decile == *last) return;
    *last = decile;
    std::cerr << what << ' ' << decile * 10 << "%\n";
  };
}

}  // namespace difflab::cli
