#include "sampling/sampler.h"

#include "base/splitmix64.h"

#include "model/denoiser.h"
#include "sampling/sampler_factories.h"
#include "sampling/sampler_parameters.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

namespace difflab {
std::vector<double> sampler_timesteps(const NoiseSchedule& schedule, const SamplerOptions& o) {
  if (o.spacing != TimestepSpacing::Custom)
    return sampling_timesteps(schedule, o.steps, o.spacing, o.karras_rho, o.sigma_max);
  check_custom_timesteps(schedule, o.custom_timesteps);
  return o.custom_timesteps;
}

Sampler::Sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T, at::Tensor y)
    : options_(options),
      schedule_(schedule),
      timesteps_(sampler_timesteps(schedule, options)),
      x_(std::move(x_T)),
      y_(std::move(y)),
      t_(timesteps_.front()),
      // SplitMix64 decorrelates the sampler's noise stream from initial_noise(seed).
      generator_(at::make_generator<at::CPUGeneratorImpl>(splitmix64_at(options.seed, 0))) {
  if (!x_.defined() || x_.dim() < 1 || x_.size(0) < 1)
    throw std::invalid_argument("sampler '" + options.name + "': x_T must be a defined tensor [B, ...] with B >= 1");
  if (!x_.is_floating_point())
    throw std::invalid_argument("sampler '" + options.name + "': x_T must be floating point");
  if (y_.defined() && (y_.dim() != 1 || y_.size(0) != x_.size(0)))
    throw std::invalid_argument("sampler '" + options.name + "': labels y must have shape [" +
                                std::to_string(x_.size(0)) + "] to match x_T");
  if (increasing() && !sampler_info(options.name).invertible)
    throw std::invalid_argument(
        "sampler '" + options.name +
        "' cannot run from data to noise (only deterministic samplers invert: " + invertible_sampler_names() + ")");
  options_.steps = total_steps();
}

namespace {
// A generator in the same state as `g`. (at::Generator::clone() leaks the copy in LibTorch 1.13: its
// GeneratorImpl::clone() takes one reference too many. AddressSanitizer's leak check found it.)
at::Generator copy_generator(const at::Generator& g) {
  at::Generator copy = at::make_generator<at::CPUGeneratorImpl>();
  copy.set_state(g.get_state());  // a sampler and its clone are used by one thread at a time
  return copy;
}
}  // namespace

Sampler::Sampler(const Sampler& other)
    : options_(other.options_),
      schedule_(other.schedule_),
      timesteps_(other.timesteps_),
      x_(other.x_),
      y_(other.y_),
      step_(other.step_),
      nfe_(other.nfe_),
      t_(other.t_),
      generator_(copy_generator(other.generator_)),
      noise_source_(other.noise_source_) {}

Sampler::~Sampler() = default;

SamplerStep Sampler::step(Denoiser& denoiser) {
  if (done())
    throw std::logic_error("sampler '" + options_.name + "': step() called after the last of " +
                           std::to_string(total_steps()) + " steps");
  // A step up to α = 0 (inversion on a zero-terminal-SNR schedule) is the DDIM step's limit, x_T = ε̂: the
  // multistep and σ-form updates would multiply 0 by ∞ there.
  const double next = timesteps_[static_cast<size_t>(step_) + 1];
  Advance a;
  if (increasing() && zero_snr_at(next) && options_.name != "rk45") {  // rk45's field is finite at α = 0
    const Prediction p = predict(denoiser, x_, t_);
    a = {ddim_step(p, next), next, p, t_};
  } else {
    a = advance(denoiser, step_);
  }
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
  return t <= 0.0 ? 0.0 : schedule_.sigma_vp_cont(t / static_cast<double>(schedule_.timesteps()));
}
double Sampler::lambda_at(double t) const {
  return t <= 0.0 ? std::numeric_limits<double>::infinity()
                  : schedule_.lambda_cont(t / static_cast<double>(schedule_.timesteps()));
}
double Sampler::sigma_ve_at(double t) const { return sigma_at(t) / alpha_at(t); }
double Sampler::t_from_sigma_ve(double sigma_ve) const {
  return static_cast<double>(schedule_.timesteps()) * schedule_.u_from_lambda(-std::log(sigma_ve));
}

at::Tensor Sampler::ddim_step(const Prediction& p, double s) const { return alpha_at(s) * p.x0 + sigma_at(s) * p.eps; }

Sampler::Advance Sampler::heun_advance(Denoiser& denoiser, const at::Tensor& x, double t, double s) {
  const double sigma = sigma_ve_at(t), sigma_next = sigma_ve_at(s);
  const Prediction p = predict(denoiser, x, t);
  if (zero_snr_at(t)) return {ddim_step(p, s), s, p, t};  // σ = ∞: the Euler step's limit, no correction
  const at::Tensor x_tilde = x / alpha_at(t);
  const at::Tensor d = (x_tilde - p.x0) / sigma;           // Alg. 1 line 4: evaluate dx/dt at t_i
  at::Tensor x_next = x_tilde + (sigma_next - sigma) * d;  // line 5: Euler step from t_i to t_{i+1}
  if (sigma_next == 0.0) return {x_next, s, p, t};
  const Prediction q = predict(denoiser, alpha_at(s) * x_next, s);
  const at::Tensor d_next = (x_next - q.x0) / sigma_next;        // line 7: dx/dt at t_{i+1}
  x_next = x_tilde + (sigma_next - sigma) * 0.5 * (d + d_next);  // line 8: trapezoidal rule
  return {alpha_at(s) * x_next, s, q, s};
}

double Sampler::alpha_bar_at(double t) const {
  const double a = alpha_at(t);
  return a * a;
}

void Sampler::set_start_time(double t) {
  if (step_ != 0) throw std::logic_error("sampler '" + options_.name + "': the start time moves only before step 1");
  timesteps_.front() = t;
  t_ = t;
}

namespace {
// A step more than twice as long (in λ) as the one before it is taken at first order. Measured on the shipped
// six-narrow mixture (docs/samplers.md): linspace at 5 steps, whose last step jumps from t = 250 to t = 1 (r ≈ 0.36),
// went from 2.2× (2M) and 5.2× (3M) DDIM's energy distance to 0.9× and 0.84×; thresholds of 0.25 left it broken
// and 0.75 cost 10–20 % at 10 steps on the leading and trailing grids.
constexpr double kMinStepRatio = 0.5;
}  // namespace

int64_t Sampler::multistep_order(int64_t i, int64_t max_order, int64_t history, double step_ratio) const {
  int64_t order = std::min(max_order, history + 1);
  if (!options_.lower_order_final) return order;
  // diffusers' lower_order_final (Lu et al. 2022, DPM-Solver++ sec. 4: multistep solvers are unstable on the
  // last, longest λ-steps of short grids): order ≤ steps left when N < 15.
  if (total_steps() < 15) order = std::min(order, total_steps() - i);
  // A step much longer than its history (r = h_prev/h small, e.g. the leading spacing's jump to t = 1)
  // extrapolates x̂₀ with weights ~1/(2r): take it at first order.
  if (step_ratio < kMinStepRatio) order = 1;
  return std::max<int64_t>(order, 1);
}

SamplerOptions options_for(const SamplerOptions& options, const Denoiser& denoiser) {
  SamplerOptions o = options;
  if (o.sigma_max == 0.0 && std::isfinite(denoiser.max_sigma_ve())) o.sigma_max = denoiser.max_sigma_ve();
  return o;
}

std::optional<SamplingStart> sampling_start(const SamplerOptions& options, const Denoiser& denoiser) {
  if (options.sigma_max != 0.0) return std::nullopt;  // the user's own cap: nothing to explain
  const SamplerOptions o = options_for(options, denoiser);
  const NoiseSchedule& s = denoiser.schedule();
  const double T = static_cast<double>(s.timesteps());
  if (!(o.sigma_max > 0.0) || !(s.lambda_cont(1.0) < -std::log(o.sigma_max))) return std::nullopt;
  // Where the grid actually starts: at the cap, or lower for an integer or beta grid whose first step would
  // otherwise be longer in λ than its second (cap_grid, timestep_spacing.cpp).
  const double t_cap = T * s.u_from_lambda(-std::log(o.sigma_max));
  double t_top = t_cap;
  try {
    SamplerOptions uncapped = o;
    uncapped.sigma_max = 0.0;
    if (sampler_timesteps(s, uncapped).front() <= t_cap) return std::nullopt;  // starts below the cap anyway
    t_top = std::min(t_top, sampler_timesteps(s, o).front());
  } catch (const std::invalid_argument&) {
    // a bad grid is reported by the sampler itself
  }
  SamplingStart r;
  r.zero_terminal_snr = s.zero_terminal_snr();
  r.t = t_top;
  r.T = T;
  r.sigma_ve = std::exp(-s.lambda_cont(t_top / T));
  r.sigma_ve_T = std::exp(-s.lambda_cont(1.0));
  return r;
}

std::string sampling_start_note(const SamplerOptions& options, const Denoiser& denoiser) {
  const std::optional<SamplingStart> r = sampling_start(options, denoiser);
  if (!r) return {};
  char where[160];
  std::snprintf(where, sizeof where, "sampling starts at sigma_VE = %.3g (t = %.1f of %g)", r->sigma_ve, r->t, r->T);
  if (r->zero_terminal_snr)
    return std::string(
               "warning: an eps-prediction model on a zero-terminal-SNR schedule cannot predict x0 at t = T "
               "(Lin et al. 2024, sec. 3.3); ") +
           where + "; train with v-prediction to sample from t = T";
  return std::string("note: eps-prediction model: ") + where +
         ", since x0 = (x - sigma eps)/alpha would multiply its error by sigma_VE(T) = " +
         std::to_string(static_cast<long long>(r->sigma_ve_T));
}

std::unique_ptr<Sampler> make_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                      const at::Tensor& x_T, const at::Tensor& y) {
  check_sampler_parameters(options);
  return sampler_info(options.name).make(options, schedule, x_T, y);
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
                       StopToken stop) {
  while (!sampler.done()) {
    stop.throw_if_stopped();
    SamplerStep s = sampler.step(denoiser);
    if (progress) progress(s);
  }
  return sampler.x();
}

}  // namespace difflab
