#include "cli/ode_flags.h"

#include "cli/sampler_flags.h"
#include "cli/schedule_flags.h"
#include "io/npy.h"
#include "model/classifier_free_guidance.h"
#include "model/model_loader.h"

#include <algorithm>
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
  return {"solver", "steps", "spacing", "karras-rho", "rtol", "atol", "timesteps-file", "exact-steps"};
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
  // Encodings walk exact steps unless told otherwise (--exact-steps 0: the plain walk), see inversion.h.
  o.step_iterations = p.get_int("exact-steps", kDefaultExactStepIterations);
  if (o.step_iterations < 0 || o.step_iterations > 100)
    throw CliError("--exact-steps must be between 0 and 100 iterations per step, got " +
                   std::to_string(o.step_iterations));
  if (auto file = p.get("timesteps-file")) {
    o.spacing = TimestepSpacing::Custom;
    o.custom_timesteps = read_timesteps_file(*file);
    o.steps = static_cast<int64_t>(o.custom_timesteps.size()) - 1;
  }
  return o;
}

namespace {
// The array as a batch [B, ...sample shape]: exactly that shape, one unbatched sample, or one-channel images
// stored as [B, H, W]. Anything else is refused with both shapes: reshaping by element count would silently
// re-pair a [32, 3] array into 48 two-D points. Non-finite values are refused too (they only give NaN output).
torch::Tensor as_batch(const torch::Tensor& a, const std::string& path, const Denoiser& d) {
  const std::vector<int64_t> shape = d.sample_shape();
  std::vector<int64_t> batched{-1};
  batched.insert(batched.end(), shape.begin(), shape.end());
  const std::vector<int64_t> got = a.sizes().vec();
  const auto tail_is = [&](size_t from, const std::vector<int64_t>& want) {
    return got.size() == from + want.size() && std::equal(want.begin(), want.end(), got.begin() + from);
  };
  const bool batch = tail_is(1, shape) && got[0] >= 1;
  const bool single = tail_is(0, shape);
  const bool one_channel = shape.size() == 3 && shape[0] == 1 && tail_is(1, {shape[1], shape[2]}) && got[0] >= 1;
  const auto text = [](const std::vector<int64_t>& v) {
    std::string s = "[";
    for (size_t k = 0; k < v.size(); ++k) s += (k ? ", " : "") + std::to_string(v[k]);
    return s + "]";
  };
  if (!(batch || single || one_channel))
    throw std::runtime_error(path + ": an array of shape " + text(got) + " does not match the model's samples " +
                             text(shape) + ": expected [N, " + text(shape).substr(1) + " (or one sample " +
                             text(shape) + ")");
  if (a.is_floating_point()) {
    const torch::Tensor bad = ~torch::isfinite(a.reshape(batched)).flatten(1).all(1);
    if (bad.any().item<bool>())
      throw std::runtime_error(path + ": " + std::to_string(bad.sum().item<int64_t>()) +
                               " sample(s) hold NaN or infinite values, the first is sample " +
                               std::to_string(bad.nonzero()[0][0].item<int64_t>()));
  }
  return a.reshape(batched);
}
}  // namespace

torch::Tensor read_data_npy(const std::string& path, const Denoiser& d) {
  const torch::Tensor x = d.data_scale().to_model(as_batch(read_npy(path), path, d).to(torch::kFloat64));
  // |x| beyond 1e6 in the model's scale (data scaled to about unit size) is not data: the ODE only overflows.
  const double top = x.numel() ? x.abs().max().item<double>() : 0.0;
  if (top > 1e6)
    throw std::runtime_error(path + ": values up to " + c10::str(top) +
                             " in the model's scale (data lie within a few units)");
  return x;
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
