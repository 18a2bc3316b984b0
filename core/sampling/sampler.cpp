#include "sampling/sampler.h"

#include "model/denoiser.h"
#include "sampling/sampler_factories.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace difflab {
namespace {

// SplitMix64 (Steele, Lea & Flood 2014): decorrelates the sampler's noise stream from initial_noise(seed).
uint64_t splitmix64(uint64_t z) {
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void check_options(const SamplerOptions& o) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("sampler options: " + what); };
  if (o.steps < 1) fail("steps must be at least 1, got " + std::to_string(o.steps));
  if (!(o.eta >= 0.0)) fail("eta must be >= 0, got " + std::to_string(o.eta));
  if (!(o.langevin_step_size > 0.0))
    fail("langevin_step_size must be positive, got " + std::to_string(o.langevin_step_size));
  if (o.langevin_steps_per_level < 1)
    fail("langevin_steps_per_level must be at least 1, got " + std::to_string(o.langevin_steps_per_level));
  if (o.pc_corrector_steps < 0)
    fail("pc_corrector_steps must be >= 0, got " + std::to_string(o.pc_corrector_steps));
  if (!(o.pc_snr > 0.0)) fail("pc_snr must be positive, got " + std::to_string(o.pc_snr));
  if (!(o.rtol > 0.0) || !(o.atol > 0.0))
    fail("rk45 tolerances must be positive, got rtol " + std::to_string(o.rtol) + ", atol " + std::to_string(o.atol));
}

}  // namespace

Sampler::Sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T, at::Tensor y)
    : options_(options),
      schedule_(schedule),
      timesteps_(sampling_timesteps(schedule, options.steps, options.spacing, options.karras_rho)),
      x_(std::move(x_T)),
      y_(std::move(y)),
      t_(timesteps_.front()),
      generator_(at::make_generator<at::CPUGeneratorImpl>(splitmix64(options.seed))) {
  if (!x_.defined() || x_.dim() < 1 || x_.size(0) < 1)
    throw std::invalid_argument("sampler '" + options.name + "': x_T must be a defined tensor [B, ...] with B >= 1");
  if (!x_.is_floating_point())
    throw std::invalid_argument("sampler '" + options.name + "': x_T must be floating point");
  if (y_.defined() && (y_.dim() != 1 || y_.size(0) != x_.size(0)))
    throw std::invalid_argument("sampler '" + options.name + "': labels y must have shape [" +
                                std::to_string(x_.size(0)) + "] to match x_T");
}

Sampler::Sampler(const Sampler& other)
    : options_(other.options_),
      schedule_(other.schedule_),
      timesteps_(other.timesteps_),
      x_(other.x_),
      y_(other.y_),
      step_(other.step_),
      nfe_(other.nfe_),
      t_(other.t_),
      generator_(other.generator_.clone()),
      noise_source_(other.noise_source_) {}

Sampler::~Sampler() = default;

SamplerStep Sampler::step(Denoiser& denoiser) {
  if (done())
    throw std::logic_error("sampler '" + options_.name + "': step() called after the last of " +
                           std::to_string(total_steps()) + " steps");
  Advance a = advance(denoiser, step_);
  x_ = a.x;
  t_ = a.t;
  ++step_;
  SamplerStep report;
  report.step = step_;
  report.total_steps = total_steps();
  report.t = a.t;
  report.t_eval = a.t_eval;
  report.x_t = x_;
  report.x0 = a.last.x0;
  report.eps = a.last.eps;
  report.nfe = nfe_;
  return report;
}

Sampler::Prediction Sampler::predict(Denoiser& denoiser, const at::Tensor& x, double t) {
  // The denoiser takes float t; float64 runs keep fractional t exact.
  const auto t_type = x.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
  const auto tt = torch::full({x.size(0)}, t, x.options().dtype(t_type));
  DenoiserOutput out = denoiser.predict(x, tt, y_);
  ++nfe_;  // denoiser calls; network evaluations are nfe × Denoiser::evaluations_per_call()
  return {out.x0, out.eps};
}

at::Tensor Sampler::noise_like(const at::Tensor& x) {
  if (noise_source_) return noise_source_(x);
  // Drawn on the CPU in at least float32, so a seed gives the same noise on every device and dtype.
  const auto draw_type = x.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
  return at::randn(x.sizes(), generator_, at::TensorOptions().dtype(draw_type)).to(x.options());
}

double Sampler::alpha_at(double t) const {
  return t <= 0.0 ? 1.0 : schedule_.alpha_cont(t / static_cast<double>(schedule_.timesteps()));
}
double Sampler::sigma_at(double t) const {
  return t <= 0.0 ? 0.0 : schedule_.sigma_cont(t / static_cast<double>(schedule_.timesteps()));
}
double Sampler::lambda_at(double t) const {
  return t <= 0.0 ? std::numeric_limits<double>::infinity()
                  : schedule_.lambda_cont(t / static_cast<double>(schedule_.timesteps()));
}
double Sampler::sigma_ve_at(double t) const { return sigma_at(t) / alpha_at(t); }
double Sampler::alpha_bar_at(double t) const {
  const double a = alpha_at(t);
  return a * a;
}

std::unique_ptr<Sampler> make_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                      const at::Tensor& x_T, const at::Tensor& y) {
  check_options(options);
  using Factory = std::unique_ptr<Sampler> (*)(const SamplerOptions&, const NoiseSchedule&, at::Tensor, at::Tensor);
  static const std::map<std::string, Factory> factories = {
      {"ddpm", make_ddpm_sampler},
      {"ddim", make_ddim_sampler},
      {"euler", make_euler_sampler},
      {"heun", make_heun_sampler},
      {"dpmpp-2m", make_dpm_solver_pp_2m_sampler},
      {"dpmpp-3m", make_dpm_solver_pp_3m_sampler},
      {"euler-maruyama", make_euler_maruyama_sampler},
      {"annealed-langevin", make_annealed_langevin_sampler},
      {"pc", make_predictor_corrector_sampler},
      {"rk45", make_rk45_sampler},
  };
  auto it = factories.find(options.name);
  if (it == factories.end()) {
    std::string known;
    for (const auto& info : sampler_catalog()) known += (known.empty() ? "" : ", ") + info.name;
    throw std::invalid_argument("unknown sampler '" + options.name + "' (expected one of " + known + ")");
  }
  return it->second(options, schedule, x_T, y);
}

std::unique_ptr<Sampler> branch_sampler(const Sampler& from, const SamplerOptions& options) {
  auto s = make_sampler(options, from.schedule(), from.x(), from.labels());
  if (s->timesteps() != from.timesteps())
    throw std::invalid_argument("branch_sampler: a branch must keep the timestep grid of its chain (" +
                                std::to_string(from.total_steps()) + " steps, " +
                                timestep_spacing_name(from.options().spacing) + " spacing), got " +
                                std::to_string(options.steps) + " steps, " + timestep_spacing_name(options.spacing));
  s->step_ = from.step_;
  s->t_ = from.t_;
  s->nfe_ = from.nfe_;
  s->on_branch();
  return s;
}

at::Tensor initial_noise(std::vector<int64_t> shape, uint64_t seed) {
  if (shape.empty()) throw std::invalid_argument("initial_noise: the shape [B, ...] must not be empty");
  for (int64_t d : shape)
    if (d < 1) throw std::invalid_argument("initial_noise: every dimension must be >= 1, got " + std::to_string(d));
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  return at::randn(shape, gen, at::TensorOptions().dtype(at::kFloat));
}

at::Tensor run_sampler(Sampler& sampler, Denoiser& denoiser, const std::function<void(const SamplerStep&)>& progress,
                       const std::atomic<bool>* stop) {
  while (!sampler.done()) {
    if (stop && stop->load()) break;
    SamplerStep s = sampler.step(denoiser);
    if (progress) progress(s);
  }
  return sampler.x();
}

}  // namespace difflab
