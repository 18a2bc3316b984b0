#pragma once
// Samplers are steppers over a Denoiser (docs/architecture.md): each holds its whole state — x_t, the step
// index, multistep history and its own RNG — so that a chain can be played, paused, rewound (clone() and
// keep the copy) and branched (clone() and change the copy). A whole run is a loop over step().
//
// Conventions (core/model/denoiser.h, core/schedule/noise_schedule.h): t is training time in [0, T]; x_t =
// α(t) x₀ + σ(t) ε with α = √ᾱ, σ = √(1 − ᾱ) (VP). α(t), σ(t) are read from the schedule's continuous view
// (exact at integer t); t = 0 is clean data. The VE noise level is σ_VE = σ/α = exp(−λ), λ = log(α/σ).
// Every sampler's last step goes from t_{N−1} to t_N = 0 and returns the denoiser's x̂₀ there (the final
// denoise), counting its evaluation.
//
// This header is safe to include after Qt headers: it needs only <ATen/core/Tensor.h>.

#include "base/stop_token.h"
#include "schedule/noise_schedule.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace difflab {

class Denoiser;

/// How the N sampling times are placed on the T training steps.
enum class TimestepSpacing {
  Leading,        ///< diffusers "leading": 1, 1+r, …, 1+(N−1)r with r = T div N, reversed
  Trailing,       ///< diffusers "trailing": round(T − i T/N), i = 0..N−1
  Linspace,       ///< diffusers "linspace": round(i (T−1)/(N−1)) + 1, reversed
  Karras,         ///< Karras et al. 2022 eq. 5: σ_VE^(1/ρ) uniform between σ_max and σ_min
  UniformLogSnr,  ///< λ uniform between λ(T) and λ(1); k-diffusion's "exponential" (log σ_VE uniform) is the same
  Beta,           ///< Lee et al. 2024: t_i = T·F⁻¹(1 − i/N) with F the Beta(0.6, 0.6) CDF (fractional t)
  Custom          ///< SamplerOptions::custom_timesteps (e.g. optimised steps, sampling/step_optimizer.h)
};

/// All spacings in display order (Custom last).
const std::vector<TimestepSpacing>& timestep_spacings();
/// "leading", "trailing", "linspace", "karras", "uniform-logsnr" (alias "exponential"), "beta", "custom";
/// throws std::invalid_argument naming the value.
TimestepSpacing parse_timestep_spacing(const std::string& name);
std::string timestep_spacing_name(TimestepSpacing spacing);
/// One line on what the spacing does, for `difflab-cli samplers` and tooltips.
std::string timestep_spacing_meaning(TimestepSpacing spacing);

/// Decreasing training times t_0 > t_1 > … > t_{N−1} > t_N = 0 (N + 1 values) for N = steps sampling steps.
/// Leading / trailing / linspace give integer t in [1, T]; Karras and log-SNR spacings give fractional t,
/// mapped from σ_VE or λ back to t through NoiseSchedule::u_from_lambda; Beta gives fractional t directly.
/// Throws std::invalid_argument when steps < 1 or (for the integer spacings) steps > T, or karras_rho <= 0,
/// or for Custom (whose grid is SamplerOptions::custom_timesteps, see sampler_timesteps).
///
/// The top of the grid. sigma_max > 0 caps the VE noise level σ/α of t_0 (a denoiser's limit,
/// Denoiser::max_sigma_ve): the continuous spacings are laid out below it, the integer and beta spacings start
/// at its time t_cap (or lower, so that the first λ-step is no longer than the second) and drop points above. Without a cap, a zero-terminal-SNR schedule (σ_VE(T) = ∞) keeps
/// t_0 = T, where samplers take the first step analytically, and the continuous spacings place t_1 … t_{N−1}
/// below NoiseSchedule::kSigmaVeCap.
std::vector<double> sampling_timesteps(const NoiseSchedule& schedule, int64_t steps, TimestepSpacing spacing,
                                       double karras_rho = 7.0, double sigma_max = 0.0);

struct SamplerOptions;
/// The grid a sampler with `options` walks: sampling_timesteps of its spacing, or its custom_timesteps (checked).
/// (rk45 moves the first point to T, see rk45_sampler.cpp.)
std::vector<double> sampler_timesteps(const NoiseSchedule& schedule, const SamplerOptions& options);

/// Checks a user-given grid: N + 1 ≥ 2 finite times in [0, T], strictly monotone. A decreasing grid (sampling)
/// must end at 0; an increasing one (inversion, ode_lab/inversion.h) must start above 0. Throws
/// std::invalid_argument naming the first bad entry.
void check_custom_timesteps(const NoiseSchedule& schedule, const std::vector<double>& timesteps);

/// Regularised incomplete beta function I_x(a, b) (the Beta(a, b) CDF) and its inverse, to ~1e-14 (Numerical
/// Recipes' continued fraction, Lentz's method; inverse by bisection). Used by the Beta spacing.
double regularized_incomplete_beta(double x, double a, double b);
double inverse_regularized_incomplete_beta(double p, double a, double b);

struct SamplerOptions {
  /// A name of sampler_catalog(): ddpm, ddim, euler, heun, dpmpp-2m, dpmpp-3m, unipc, lms, euler-ancestral, …
  std::string name = "ddim";
  /// Number of sampling steps N (noise levels for annealed Langevin; report points for rk45). Ignored (set to
  /// custom_timesteps.size() − 1) for the Custom spacing.
  int64_t steps = 50;
  /// Leading is diffusers' default; the GUI and CLI start from the sampler's SamplerInfo::recommended_spacing.
  TimestepSpacing spacing = TimestepSpacing::Leading;
  /// The grid t_0, …, t_N of the Custom spacing (check_custom_timesteps). A decreasing grid samples; an
  /// increasing one runs a deterministic sampler from data towards noise (inversion).
  std::vector<double> custom_timesteps;
  /// Multistep solvers (dpmpp-2m, dpmpp-3m, unipc, lms, dpmpp-2m-sde) drop to lower order on their last steps
  /// when the grid has fewer than 15 steps, and whenever the step-size ratio r = h_prev/h falls below ½ (a step
  /// much longer than its history, where extrapolating x̂₀ amplifies its error): Lu et al. 2022 (DPM-Solver++
  /// §4 and Appendix; diffusers' lower_order_final). false runs the textbook order everywhere, for study.
  bool lower_order_final = true;
  /// ρ of the Karras spacing.
  double karras_rho = 7.0;
  /// Cap on the VE noise level σ/α of the grid's first time (sampling_timesteps); 0: none besides the schedule's
  /// own. options_for(options, denoiser) fills it from the denoiser (160 for ε-prediction networks).
  /// (sampler.h; changing it recompiles the UI, so NoiseSchedule::kSigmaVeCap holds the zero-SNR default.)
  double sigma_max = 0.0;
  /// DDIM η (Song et al. 2021, eq. 16): 0 = deterministic, 1 = DDPM's posterior variance.
  double eta = 0.0;
  /// DDPM: sample with the posterior variance β̃_t (true) or with β_t (false) (Ho et al. 2020, §3.2).
  bool ddpm_posterior_variance = true;
  /// Annealed Langevin: ε of Song & Ermon 2019, Alg. 1 (α_i = ε σ_i² / σ_L²) and steps per noise level.
  double langevin_step_size = 2e-5;
  int64_t langevin_steps_per_level = 5;
  /// Predictor–corrector (Song et al. 2021, Alg. 5): predictor name, Langevin corrector steps, target snr.
  std::string pc_predictor = "euler-maruyama";
  int64_t pc_corrector_steps = 1;
  double pc_snr = 0.16;
  /// rk45: tolerances of the Dormand–Prince error control.
  double rtol = 1e-5;
  double atol = 1e-5;
  /// Restart sampling (Xu et al. 2023): after the Heun step that lands on the grid level nearest to
  /// restart_sigma_min (in log σ_VE), restart_k times: add noise up to σ_VE = restart_sigma_max, then restart_steps Heun
  /// steps back (Karras ρ = 7 sub-grid). Defaults as ComfyUI's restart sampler (σ 0.1 → 2, two restarts).
  double restart_sigma_min = 0.1;
  double restart_sigma_max = 2.0;
  int64_t restart_k = 2;
  int64_t restart_steps = 4;
  /// Seed of the sampler's own RNG (the noise added by stochastic samplers). The initial noise x_T has its
  /// own seed (initial_noise); the sampler derives its stream from this one so the two never coincide.
  uint64_t seed = 0;
  // A guidance scale w over normalised progress 0..1 is applied by the guidance wrapper, not here.
};

/// What one step reports. x_t is the state after the step, at time t; x0 and eps are the last prediction the
/// step used, made at time t_eval (x0 is what live previews show).
struct SamplerStep {
  int64_t step = 0;         ///< steps done so far, 1..total_steps
  int64_t total_steps = 0;  ///< N
  double t = 0.0;           ///< training time of x_t (0 after the last step)
  double t_eval = 0.0;      ///< training time of the prediction x0, eps
  at::Tensor x_t, x0, eps;
  /// Denoiser calls so far (per batch, not per sample). Network evaluations are
  /// nfe × Denoiser::evaluations_per_call() (2 for classifier-free guidance).
  int64_t nfe = 0;
};

class Sampler {
 public:
  /// Noise for stochastic samplers: returns a standard normal tensor shaped and typed like its argument.
  using NoiseSource = std::function<at::Tensor(const at::Tensor& like)>;

  /// x_T: [B, ...] initial state at t_0 (defined). y: int64 [B] labels or undefined (unconditional).
  Sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T, at::Tensor y);
  virtual ~Sampler();

  /// Advances one step; returns the step report. Throws std::logic_error if done().
  SamplerStep step(Denoiser& denoiser);

  bool done() const { return step_ >= total_steps(); }
  int64_t step_index() const { return step_; }  ///< steps done so far
  int64_t total_steps() const { return static_cast<int64_t>(timesteps_.size()) - 1; }
  int64_t nfe() const { return nfe_; }
  const at::Tensor& x() const { return x_; }
  /// Training time of x() (t_0 at the start, 0 when done).
  double t() const { return t_; }
  const std::vector<double>& timesteps() const { return timesteps_; }  ///< t_0 > … > t_N = 0
  /// True when the grid runs from data towards noise (an increasing custom grid: inversion).
  bool increasing() const { return timesteps_.size() > 1 && timesteps_[1] > timesteps_[0]; }
  const SamplerOptions& options() const { return options_; }
  const NoiseSchedule& schedule() const { return schedule_; }
  const at::Tensor& labels() const { return y_; }

  /// A deep copy of the whole state (x_t, step, multistep history, RNG) — for rewinding and branching.
  /// Tensors are never modified in place, so the copy may share their storage safely.
  virtual std::unique_ptr<Sampler> clone() const = 0;

  /// Replaces the RNG by an external noise source (parity tests feed recorded noise). Copied by clone().
  void set_noise_source(NoiseSource source) { noise_source_ = std::move(source); }

 protected:
  Sampler(const Sampler& other);
  Sampler& operator=(const Sampler&) = delete;

  struct Prediction {
    at::Tensor x0, eps;
  };
  struct Advance {
    at::Tensor x;         ///< new state
    double t = 0.0;       ///< its training time
    Prediction last;      ///< the last prediction made in this step
    double t_eval = 0.0;  ///< the time of that prediction
  };
  /// One step i (0-based): from timesteps()[i] towards timesteps()[i + 1].
  virtual Advance advance(Denoiser& denoiser, int64_t i) = 0;

  /// Calls the denoiser at training time t (a scalar broadcast to [B]) and counts one denoiser call.
  Prediction predict(Denoiser& denoiser, const at::Tensor& x, double t);
  /// Standard normal noise like x, from the injected source or the sampler's own generator.
  at::Tensor noise_like(const at::Tensor& x);
  /// VP α(t), σ(t), half log-SNR λ(t) = log(α/σ) and VE σ(t)/α(t) from the continuous view; α(0) = 1, σ(0) = 0.
  double alpha_at(double t) const;
  double sigma_at(double t) const;
  double lambda_at(double t) const;
  double sigma_ve_at(double t) const;
  /// ᾱ(t) = α(t)².
  double alpha_bar_at(double t) const;
  /// The training time whose VE noise level σ/α equals sigma_ve (> 0), through NoiseSchedule::u_from_lambda.
  double t_from_sigma_ve(double sigma_ve) const;

  /// True where α(t) = 0 (t = T of a zero-terminal-SNR schedule): σ_VE = ∞, λ = −∞. Samplers in the σ-form
  /// take that step analytically as its limit, the DDIM step x_s = α_s x̂₀ + σ_s ε̂ (ddim_step).
  bool zero_snr_at(double t) const { return alpha_at(t) == 0.0; }
  /// x_s = α_s x̂₀ + σ_s ε̂: DDIM (η = 0) from any t to s; Euler's step in the limit σ_VE(t) → ∞.
  at::Tensor ddim_step(const Prediction& p, double s) const;

  /// One step of Heun's method (Karras et al. 2022, Algorithm 1) from t to s in the σ-form x̃ = x/α: Euler, then
  /// the trapezoidal correction unless s = 0. Shared by heun and restart.
  Advance heun_advance(Denoiser& denoiser, const at::Tensor& x, double t, double s);

  /// Moves the grid's first time (before the first step only): rk45 always starts at t = T.
  void set_start_time(double t);
  /// The order a multistep solver of order max_order uses at step i with `history` earlier predictions and
  /// step-size ratio r = h_prev/h (+inf when there is no history): its maximum, capped by the history (warm-up)
  /// and, when options().lower_order_final, by the steps left on grids of fewer than 15 steps, and to first
  /// order after a step much shorter than this one (r below a threshold, sampler.cpp; chosen by measurement,
  /// docs/samplers.md).
  int64_t multistep_order(int64_t i, int64_t max_order, int64_t history, double step_ratio) const;

  /// Called by branch_sampler after the step index, time, state and NFE were set to continue another chain.
  virtual void on_branch() {}

  /// The PC sampler drives a predictor sampler and corrects its state.
  friend class PredictorCorrectorSampler;
  friend std::unique_ptr<Sampler> branch_sampler(const Sampler& from, const SamplerOptions& options);

 private:
  SamplerOptions options_;
  NoiseSchedule schedule_;
  std::vector<double> timesteps_;
  at::Tensor x_;
  at::Tensor y_;
  int64_t step_ = 0;
  int64_t nfe_ = 0;
  double t_ = 0.0;  ///< training time of x_
  at::Generator generator_;
  NoiseSource noise_source_;
};

/// `options` with sigma_max set to denoiser.max_sigma_ve() when it is 0 and the denoiser has a finite limit.
SamplerOptions options_for(const SamplerOptions& options, const Denoiser& denoiser);

/// Where sampling starts when the denoiser's limit (Denoiser::max_sigma_ve: an ε-model, whose x̂₀ = (x − σ ε̂)/α
/// multiplies its error by σ_VE) moves the grid's start below the schedule's t = T, on a schedule whose terminal
/// α is near zero (cosine, zero terminal SNR). Nothing when the grid starts below the limit anyway, or when the
/// user set sigma_max.
struct SamplingStart {
  double t = 0.0, T = 0.0;         ///< the grid's first time, of T
  double sigma_ve = 0.0;           ///< σ_VE = σ/α there
  double sigma_ve_T = 0.0;         ///< σ_VE at t = T (1/0 = inf with zero terminal SNR)
  bool zero_terminal_snr = false;  ///< then a warning: train with v-prediction (Lin et al. 2024, sec. 3.3)
};
std::optional<SamplingStart> sampling_start(const SamplerOptions& options, const Denoiser& denoiser);
/// sampling_start() as one ASCII line for the CLI ("note: …" or "warning: …"); empty when there is nothing.
std::string sampling_start_note(const SamplerOptions& options, const Denoiser& denoiser);

/// Makes the sampler options.name names; throws std::invalid_argument naming a bad name or parameter.
/// x_T must be defined (see initial_noise); y: int64 [B] labels or undefined.
std::unique_ptr<Sampler> make_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                      const at::Tensor& x_T, const at::Tensor& y = at::Tensor());

/// A new chain that continues `from` at its current step and state with other options (another sampler, η,
/// seed, ...), for branching in the reverse-chain player; `from` is unchanged. The options must give the same
/// timestep grid (steps, spacing, ρ); multistep history starts afresh (first order) and NFE carries over.
/// Throws std::invalid_argument when the grids differ.
std::unique_ptr<Sampler> branch_sampler(const Sampler& from, const SamplerOptions& options);

/// x_T ~ N(0, I) of the given shape [B, ...], float32 on the CPU, from its own generator seeded with seed.
at::Tensor initial_noise(std::vector<int64_t> shape, uint64_t seed);

/// Runs to the end: a loop over step(); progress after every step; returns x_0. Throws Cancelled when stop is
/// requested (checked before every step); for the partial chain, call step() yourself.
at::Tensor run_sampler(Sampler& sampler, Denoiser& denoiser,
                       const std::function<void(const SamplerStep&)>& progress = {}, StopToken stop = {});

/// One entry of the catalog: everything the CLI, the GUI form, the recipe and the docs say about a sampler.
/// Adding a sampler is its file plus one line here (sampler_catalog.cpp).
struct SamplerInfo {
  using Factory = std::unique_ptr<Sampler> (*)(const SamplerOptions&, const NoiseSchedule&, at::Tensor, at::Tensor);
  std::string name;                     ///< the options.name value
  std::string title;                    ///< human-readable name
  std::string reference;                ///< the paper and algorithm it follows
  std::vector<std::string> parameters;  ///< keys of sampler_parameters() it reads besides steps/spacing/seed
  bool stochastic = false;              ///< uses the RNG
  int order = 1;                        ///< convergence order of the deterministic part (0: not an ODE solver)
  /// The spacing it measures best with on the exact mixtures (docs/samplers.md, `difflab-cli compare`).
  TimestepSpacing recommended_spacing = TimestepSpacing::Trailing;
  /// Runs on an increasing grid (data → noise): deterministic, and each step defined in both directions.
  bool invertible = false;
  /// A step uses earlier steps' predictions (DPM-Solver++ 2M/3M, UniPC, LMS): the step from t to s is not a
  /// function of x_t alone, so it has no per-step inverse (ode/inversion.h, exact steps).
  bool multistep = false;
  Factory make = nullptr;  ///< defined in the sampler's own file
};
/// Every sampler, in the order of core/sampling/sampler_catalog.def (one line each).
const std::vector<SamplerInfo>& sampler_catalog();
/// The catalog entry of `name`; throws std::invalid_argument listing the known names.
const SamplerInfo& sampler_info(const std::string& name);
/// The names of the catalog's samplers with SamplerInfo::invertible, comma-separated ("ddim, euler, …"), for
/// messages and help texts.
std::string invertible_sampler_names();
/// The samplers that can be the predictor of "pc" (the pc-predictor choices): every catalog entry but pc
/// itself, rk45 (adaptive, its own grid), annealed-langevin (no predictor step) and restart (its own restarts).
std::vector<std::string> predictor_sampler_names();

/// A warning when `options` is a combination that measures badly (docs/samplers.md: more than 3× DDIM's
/// energy distance at equal NFE ≥ 10 on the shipped mixtures), with the reason; empty otherwise.
std::string sampler_setting_warning(const SamplerOptions& options);

}  // namespace difflab
