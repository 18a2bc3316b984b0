#pragma once
// The equations lecture mode shows above each tab, as rich text with the current numbers put in. Each
// function gives two lines: the equation in symbols, then the same equation with this setting's numbers.
// The numbers are computed here from ᾱ (closed forms, cited per function), so the tests can check them.

#include <QString>

namespace lecture {

/// A number as the banner prints it: `digits` significant digits, a real minus sign (U+2212).
QString number(double value, int digits = 3);

/// Forward marginal q(x_t | x₀) = N(√ᾱ_t x₀, (1 − ᾱ_t) I) (Ho et al. 2020, eq. 4), at integer or fractional t
/// with ᾱ_t = `alphaBar` ∈ [0, 1]; also λ_t = log(ᾱ_t / (1 − ᾱ_t)).
QString forwardMarginal(double t, double alphaBar);

/// One DDIM step from t to s < t (Song, Meng & Ermon 2021, eq. 12 with σ(η) of eq. 16; the banner writes it σ_η,
/// since σ_t elsewhere in the lab is the forward process's noise level):
///   x_s = √ᾱ_s x_θ + √(1 − ᾱ_s − σ²) ε̂ + σ z,  x_θ = (x_t − √(1 − ᾱ_t) ε̂) / √ᾱ_t (the predicted x₀),
/// so x_s = a·x_t + b·ε̂ + σ z with a = √(ᾱ_s/ᾱ_t), b = √(1 − ᾱ_s − σ²) − √(ᾱ_s (1 − ᾱ_t) / ᾱ_t) (not shown
/// at ᾱ_t = 0, zero terminal SNR, where x_t carries no signal).
/// η = 1 gives DDPM's posterior variance σ² = β̃ (Ho et al. 2020, eq. 7).
struct DdimCoefficients {
  double x0 = 0;     ///< √ᾱ_s, the coefficient of x_θ
  double eps = 0;    ///< √(1 − ᾱ_s − σ²), of ε̂
  double sigma = 0;  ///< σ_t(η), of z
  double a = 0;      ///< of x_t in the x_t, ε̂ form
  double b = 0;      ///< of ε̂ in the x_t, ε̂ form
};
/// `alphaBarT`, `alphaBarS`: ᾱ at t and s, with 0 < ᾱ_t ≤ ᾱ_s ≤ 1; `eta` ≥ 0.
DdimCoefficients ddimCoefficients(double alphaBarT, double alphaBarS, double eta);
/// The DDIM step as banner text; `sampler` names the player's sampler when it is not DDIM (its first-order
/// part between the same two times is shown, with η = 0), empty when it is.
QString ddimStep(double t, double s, double alphaBarT, double alphaBarS, double eta, const QString& sampler);

/// Classifier-free guidance ε_w = ε(x_t, ∅) + w (ε(x_t, y) − ε(x_t, ∅)) at scale `w` for class `className`
/// (Ho & Salimans 2022, eq. 6, whose w is this w − 1; model/classifier_free_guidance.h); an empty class name
/// means an unconditional model (no guidance).
QString classifierFreeGuidance(double w, const QString& className);

/// Langevin dynamics x ← x + δ ∇ log p(x) + √(2δ) z (Roberts & Tweedie 1996; lecture 002) at step δ, in the
/// score lab's coordinates x̃ = x_t/α_t (core/score/langevin.h), whose density p̃_t is the data blurred by
/// σ̃_t = σ_t/α_t = `sigmaVe`; annealed (Song & Ermon 2019, Alg. 1): δ_i = r σ_i² over `levels` levels from
/// `sigmaMax` down to `sigmaMin`.
QString langevin(double delta, double t, double sigmaVe);
QString annealedLangevin(double ratio, int levels, double sigmaMax, double sigmaMin);

/// The probability-flow ODE (Song et al. 2021, eq. 13) and its form in DDIM's variables x̄ = x/α, σ̄ = σ/α
/// (Karras et al. 2022, eq. 4 with s = α), solved by `solver` in `steps` steps (steps < 0: adaptive steps, RK45).
QString probabilityFlow(const QString& solver, int steps);

/// The probability-flow ODE log-likelihood (Song et al. 2021, eq. 39; Chen et al. 2018, instantaneous change of
/// variables) with Hutchinson's trace estimator, integrated by adaptive RK45 to `tolerance` (rtol = atol).
QString odeLikelihood(double tolerance);

/// The DDPM variational bound (Ho et al. 2020, eq. 5) over `timesteps` terms.
QString variationalBound(int timesteps);

/// SDEdit (Meng et al. 2022): the data noised to t₀ (ᾱ = `alphaBar`) and denoised by `sampler` in `steps` steps.
QString partialNoising(const QString& sampler, int t0, double alphaBar, int steps);

/// The training objective for `prediction` ("eps", "x0", "v") and `loss` ("mse", "l1") (Ho et al. 2020,
/// eq. 14; Salimans & Ho 2022 for v), with the last logged step and loss (step < 0: not trained yet).
/// `value`: the last batch's loss; `smoothed`: the running mean the Training tab's header shows (NaN: none yet).
QString trainingLoss(const QString& prediction, const QString& loss, long long step, double value, double smoothed);

/// The schedule's log-SNR λ_t = log(ᾱ_t / (1 − ᾱ_t)) (Kingma et al. 2021) at T/2 and T.
QString logSnr(int timesteps, double alphaBarMid, double alphaBarEnd);

/// The distance the sampler comparison plots: the energy distance (Székely & Rizzo 2013) or, when `sliced`,
/// the sliced Wasserstein distance (Rabin et al. 2011), with the two-data-samples floor (NaN: not measured).
QString sampleDistance(bool sliced, double floor);

/// The data distribution q(x₀) of the Dataset tab.
QString dataDistribution(const QString& name, long long count, const QString& shape);

}  // namespace lecture
