#pragma once
// A discrete-time variance-preserving noise schedule: a table of β_t for t = 1..T and everything derived
// from it (Ho et al. 2020, §2). This header is free of LibTorch and Qt so that every layer can include it.
//
// Indexing contract: the paper's t = 1..T. Accessors take t in [1, T]; alpha_bar(0) == 1 by definition
// (x_0 is clean data). Vectors returned by the *_table() functions hold T entries, entry k is t = k + 1.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace difflab {

/// The schedule families. Append-only: saved runs store the name and must reproduce.
enum class ScheduleFamily { Linear, ScaledLinear, Cosine, Sigmoid, Custom };

/// What a custom schedule is given as.
enum class CustomScheduleKind {
  BetaTable,      ///< custom_values are β_1..β_T
  AlphaBarTable,  ///< custom_values are ᾱ_1..ᾱ_T (strictly decreasing, in (0, 1])
  LogSnrPoints,   ///< control_points are (u, λ) with u in [0, 1]; λ interpolated linearly in u
};

struct ScheduleOptions {
  ScheduleFamily family = ScheduleFamily::Linear;
  /// Number of training steps T (>= 1).
  int64_t timesteps = 1000;
  /// First and last β for linear, scaled-linear and sigmoid (diffusers' beta_start / beta_end).
  double beta_start = 1e-4;
  double beta_end = 0.02;
  /// Cosine schedule offset s (Nichol & Dhariwal 2021, eq. 17).
  double cosine_s = 0.008;
  /// Cosine schedule clipping of β (Nichol & Dhariwal 2021 clip at 0.999).
  double cosine_max_beta = 0.999;
  /// Rescale to zero terminal SNR (Lin et al. 2024, Algorithm 1). Applies to any family.
  bool zero_terminal_snr = false;
  /// Custom schedules.
  CustomScheduleKind custom_kind = CustomScheduleKind::LogSnrPoints;
  std::vector<double> custom_values;
  std::vector<std::pair<double, double>> control_points;
};

/// Parses / prints family names as used by the CLI and config files:
/// "linear", "scaled-linear", "cosine", "sigmoid", "custom". Throws std::invalid_argument naming the value.
ScheduleFamily parse_schedule_family(const std::string& name);
std::string schedule_family_name(ScheduleFamily family);

class NoiseSchedule {
 public:
  /// Builds the β table of the chosen family; throws std::invalid_argument naming any bad parameter.
  static NoiseSchedule from_options(const ScheduleOptions& options);

  /// From an explicit β table (t = 1..T); every β must lie in (0, 1], only the last may equal 1
  /// (zero terminal SNR).
  explicit NoiseSchedule(std::vector<double> betas);

  int64_t timesteps() const { return static_cast<int64_t>(betas_.size()); }

  // --- discrete quantities, t in [1, T] (alpha_bar and friends also accept t = 0) --------------------
  double beta(int64_t t) const;
  double alpha(int64_t t) const;                     ///< α_t = 1 − β_t
  double alpha_bar(int64_t t) const;                 ///< ᾱ_t = Π_{s<=t} α_s, ᾱ_0 = 1
  double sqrt_alpha_bar(int64_t t) const;            ///< √ᾱ_t
  double sqrt_one_minus_alpha_bar(int64_t t) const;  ///< √(1 − ᾱ_t)
  double log_snr(int64_t t) const;                   ///< λ_t = log(ᾱ_t / (1 − ᾱ_t)); −inf when ᾱ_T = 0
  double sigma_ve(int64_t t) const;  ///< σ_t = √((1 − ᾱ_t)/ᾱ_t) (VE noise level); +inf when ᾱ_T = 0
  double posterior_variance(int64_t t) const;  ///< β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t)

  const std::vector<double>& betas() const { return betas_; }
  /// The options it was built from (from_options); nullopt for an explicit β table.
  const std::optional<ScheduleOptions>& options() const { return options_; }
  const std::vector<double>& alpha_bars() const { return alpha_bars_; }  ///< ᾱ_1..ᾱ_T

  // --- continuous-time view, u in [0, 1] (u = t / T) ----------------------------------------------------
  // log √ᾱ is interpolated between the grid points u_k = k / T (k = 0..T) by a monotone cubic Hermite
  // spline (Fritsch & Carlson 1980, with Fritsch–Butland tangents): exact at the grid, monotone, and C¹,
  // so adaptive ODE solvers see a continuous drift f(u) = d log α/du instead of T kinks (DPM-Solver's
  // NoiseScheduleVP interpolates linearly; its fixed-step solvers do not mind, RK45 does).
  // Zero terminal SNR (ᾱ_T = 0, Lin et al. 2024) is kept exact, with no clamp: on the last interval α falls
  // linearly from α_{T−1} to α(1) = 0, so σ(1) = 1, λ(1) = −∞ and σ_VE(1) = ∞; samplers take the step from
  // t = T analytically (sampling/sampler.h) and the continuous spacings cap σ_VE at kSigmaVeCap.
  //
  // Names: sigma_ve is the VE noise level σ/α (Karras et al.'s σ), sigma_vp the VP σ = √(1 − ᾱ). λ is
  // DPM-Solver's λ = log(α/σ) = ½ log-SNR = −log σ_VE; log_snr(t) is the full log(ᾱ/(1 − ᾱ)) = 2λ.
  double alpha_cont(double u) const;        ///< α(u) = √ᾱ(u)
  double d_log_alpha_cont(double u) const;  ///< f(u) = d log α / du, the VP SDE's drift coefficient (−∞ at a zero α)
  double d_alpha_cont(double u) const;      ///< dα/du = α f, finite also where α = 0
  double sigma_vp_cont(double u) const;     ///< σ(u) = √(1 − ᾱ(u))  (VP convention)
  double lambda_cont(double u) const;       ///< λ(u) = log α(u) − log σ(u)  (half log-SNR, as in DPM-Solver)
  /// Inverse of lambda_cont: the u at which the half log-SNR equals lambda (clamped to the range).
  double u_from_lambda(double lambda) const;

  /// True when ᾱ_T = 0 exactly (zero terminal SNR).
  bool zero_terminal_snr() const { return alpha_bars_.back() == 0.0; }
  /// The largest VE noise level σ/α the continuous spacings place below an infinite σ_VE(T); t = T itself stays
  /// the first point (taken analytically). 160 ≈ σ_VE(T) of the linear schedule (158), where samplers are used to
  /// starting. diffusers and ComfyUI cap at 4096 (ᾱ = 2⁻²⁴); on 20 Karras steps that leaves three steps below
  /// σ_VE = 2, and Heun on the two-gaussians mixture then spreads 2.24 instead of 2.06 (measured).
  static constexpr double kSigmaVeCap = 160.0;

 private:
  void derive();
  std::vector<double> betas_;
  std::optional<ScheduleOptions> options_;
  std::vector<double> alpha_bars_;
  std::vector<double> log_alpha_grid_;  ///< log α at u_k = k / T, k = 0..T
  std::vector<double> tangents_;        ///< d log α / du at the grid points (spline tangents)
};

}  // namespace difflab
