#include "lecture/lecture_equations.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lecture {
namespace {

/// The context of the banner's words (lupdate reads it from the macro).
struct Lecture {
  Q_DECLARE_TR_FUNCTIONS(Lecture)
};

// The predicted data are written x_θ, not x̂₀: common sans fonts (DejaVu Sans) have no hat for x, and Qt's rich
// text then drops the combining mark or draws it elsewhere on the line.
const QString kSub = QStringLiteral("<sub>%1</sub>");
QString sub(const QString& base, const QString& index) { return base + kSub.arg(index); }
bool isStep(double t) { return std::abs(t - std::round(t)) < 1e-9; }
/// t as the banner shows it: an integer when it is one.
QString timeText(double t) { return isStep(t) ? QString::number(std::llround(t)) : number(t, 4); }
/// x at time t: x<sub>300</sub> at a step of the chain, x(3.963) between steps (a continuous-time grid such as
/// uniform log-SNR), where a subscript would read as x₃.₉₆₃.
QString xAt(double t) {
  return isStep(t) ? sub(QStringLiteral("x"), timeText(t)) : QStringLiteral("x(%1)").arg(timeText(t));
}
/// "c·" with c in bold; "+ c·" / "− c·" when `signedTerm` (a later term of a sum).
QString coefficient(double c, bool signedTerm) {
  if (!signedTerm) return QStringLiteral("<b>%1</b>·").arg(number(c));
  return QStringLiteral(" %1 <b>%2</b>·").arg(c < 0 ? QStringLiteral("−") : QStringLiteral("+"), number(std::abs(c)));
}
QString twoLines(const QString& symbols, const QString& numbers) {
  return QStringLiteral("%1<br>%2").arg(symbols, numbers);
}

}  // namespace

QString number(double value, int digits) {
  if (std::isnan(value)) return QStringLiteral("–");
  if (std::isinf(value)) return value < 0 ? QStringLiteral("−∞") : QStringLiteral("∞");
  QString s = QString::number(value, 'g', digits);
  if (s.startsWith(QLatin1Char('-'))) s.replace(0, 1, QStringLiteral("−"));
  s.replace(QStringLiteral("e-"), QStringLiteral("e−"));
  return s;
}

QString forwardMarginal(double t, double alphaBar) {
  const QString xt = sub(QStringLiteral("x"), QStringLiteral("t")), x0 = sub(QStringLiteral("x"), QStringLiteral("0"));
  const QString ab = sub(QStringLiteral("ᾱ"), QStringLiteral("t"));
  const double lambda = std::log(alphaBar / (1.0 - alphaBar));
  return twoLines(
      QStringLiteral("%1 = √%2·%3 + √(1 − %2)·ε, &nbsp; ε ∼ 𝒩(0, I)").arg(xt, ab, x0),
      QStringLiteral("%1 = %2%3%4ε &nbsp;&nbsp; (%5 = %6, &nbsp;λ = log %5/(1 − %5) = %7)")
          .arg(xAt(t), coefficient(std::sqrt(alphaBar), false), x0,
               coefficient(std::sqrt(std::max(0.0, 1.0 - alphaBar)), true), ab, number(alphaBar), number(lambda)));
}

DdimCoefficients ddimCoefficients(double alphaBarT, double alphaBarS, double eta) {
  DdimCoefficients c;
  const double abT = alphaBarT, abS = alphaBarS;
  c.sigma = eta > 0.0 ? eta * std::sqrt((1.0 - abS) / (1.0 - abT)) * std::sqrt(std::max(0.0, 1.0 - abT / abS)) : 0.0;
  c.x0 = std::sqrt(abS);
  c.eps = std::sqrt(std::max(0.0, 1.0 - abS - c.sigma * c.sigma));
  c.a = std::sqrt(abS / abT);
  c.b = c.eps - std::sqrt(abS * (1.0 - abT) / abT);
  return c;
}

QString ddimStep(double t, double s, double alphaBarT, double alphaBarS, double eta, const QString& sampler) {
  const DdimCoefficients c = ddimCoefficients(alphaBarT, alphaBarS, sampler.isEmpty() ? eta : 0.0);
  const QString xs = sub(QStringLiteral("x"), QStringLiteral("s")), x0 = QStringLiteral("x<sub>θ</sub>");
  const QString abS = sub(QStringLiteral("ᾱ"), QStringLiteral("s"));
  const QString head = sampler.isEmpty()
                           ? Lecture::tr("DDIM, η = %1:").arg(number(eta))
                           : Lecture::tr("%1; its first-order (DDIM, η = 0) part:").arg(sampler.toHtmlEscaped());
  const QString symbols =
      QStringLiteral(
          "%1 &nbsp;%2 = √%3·%4 + √(1 − %3 − σ<sub>η</sub>²)·ε̂ + σ<sub>η</sub>·z, &nbsp; %4 = (x<sub>t</sub> − √(1 − "
          "ᾱ<sub>t</sub>)·ε̂)/√ᾱ<sub>t</sub>")
          .arg(head, xs, abS, x0);
  const QString xsNow = xAt(s), xtNow = xAt(t);
  QString numbers = QStringLiteral("%1 = %2%3%4ε̂").arg(xsNow, coefficient(c.x0, false), x0, coefficient(c.eps, true));
  if (c.sigma > 0) numbers += coefficient(c.sigma, true) + QStringLiteral("z");
  if (alphaBarT > 0) {  // at zero terminal SNR x_T carries no signal: a and b are infinite
    numbers += QStringLiteral(" &nbsp;= %1%2%3ε̂").arg(coefficient(c.a, false), xtNow, coefficient(c.b, true));
    if (c.sigma > 0) numbers += coefficient(c.sigma, true) + QStringLiteral("z");
  }
  return twoLines(symbols, numbers);
}

QString classifierFreeGuidance(double w, const QString& className) {
  const QString xt = sub(QStringLiteral("x"), QStringLiteral("t"));
  if (className.isEmpty())
    return twoLines(QStringLiteral("%1(%2)").arg(sub(QStringLiteral("ε"), QStringLiteral("θ")), xt),
                    Lecture::tr("an unconditional model: no guidance"));
  const QString epsTheta = sub(QStringLiteral("ε"), QStringLiteral("θ"));
  const QString symbols = QStringLiteral("ε<sub>w</sub> = %1(%2, ∅) + w·(%1(%2, y) − %1(%2, ∅))").arg(epsTheta, xt);
  const QString numbers =
      QStringLiteral("w = %1: &nbsp;ε<sub>w</sub> = %2%3(%4, y = %5)%6%3(%4, ∅)")
          .arg(number(w), coefficient(w, false), epsTheta, xt, className.toHtmlEscaped(), coefficient(1.0 - w, true));
  return twoLines(symbols, numbers);
}

QString langevin(double delta, double t, double sigmaVe) {
  const QString symbols = QStringLiteral(
      "x ← x + δ·∇ log p̃<sub>t</sub>(x) + √(2δ)·z, &nbsp; z ∼ 𝒩(0, I), &nbsp; x = x<sub>t</sub>/α<sub>t</sub>");
  const QString numbers =
      QStringLiteral("t = %1 (σ<sub>t</sub>/α<sub>t</sub> = %2): &nbsp;x ← x + %3∇ log p̃<sub>t</sub>(x)%4z")
          .arg(timeText(t), number(sigmaVe), coefficient(delta, false), coefficient(std::sqrt(2.0 * delta), true));
  return twoLines(symbols, numbers);
}

QString annealedLangevin(double ratio, int levels, double sigmaMax, double sigmaMin) {
  const QString symbols = QStringLiteral(
      "x ← x + δ<sub>i</sub>·∇<sub>x</sub> log p<sub>σ<sub>i</sub></sub>(x) + √(2δ<sub>i</sub>)·z, &nbsp; "
      "δ<sub>i</sub> = "
      "r·σ<sub>i</sub>²");
  const QString numbers = Lecture::tr("r = %1, %2 levels: &nbsp;σ from %3 to %4, &nbsp;δ from %5 to %6")
                              .arg(number(ratio))
                              .arg(levels)
                              .arg(number(sigmaMax), number(sigmaMin), number(ratio * sigmaMax * sigmaMax),
                                   number(ratio * sigmaMin * sigmaMin));
  return twoLines(symbols, numbers);
}

QString probabilityFlow(const QString& solver, int steps) {
  const QString symbols = QStringLiteral(
      "dx = [f(t)·x − ½·g(t)²·∇<sub>x</sub> log p<sub>t</sub>(x)] dt &nbsp;⇔&nbsp; dx̄/dσ̄ = ε̂(x, t), &nbsp; "
      "x̄ = x/α<sub>t</sub>, σ̄ = σ<sub>t</sub>/α<sub>t</sub>");
  // An adaptive solver's title says so ("Adaptive RK45 …"): no step count and no second "adaptive".
  return twoLines(symbols,
                  steps < 0
                      ? Lecture::tr("%1 from σ̄<sub>max</sub> to 0").arg(solver.toHtmlEscaped())
                      : Lecture::tr("%1, %2 steps from σ̄<sub>max</sub> to 0").arg(solver.toHtmlEscaped()).arg(steps));
}

QString odeLikelihood(double tolerance) {
  const QString symbols = QStringLiteral(
      "log p<sub>0</sub>(x<sub>0</sub>) = log p<sub>T</sub>(x<sub>T</sub>) + ∫<sub>0</sub><sup>T</sup> "
      "∇·f̃(x<sub>t</sub>, t) "
      "dt, &nbsp; ∇·f̃ ≈ E<sub>v</sub>[v<sup>T</sup>(∂f̃/∂x)v]");
  return twoLines(symbols, Lecture::tr("adaptive RK45 (Dormand–Prince, tolerance %1) from the data to t = T, along "
                                       "the probability-flow ODE")
                               .arg(number(tolerance)));
}

QString variationalBound(int timesteps) {
  const QString symbols = QStringLiteral(
      "−log p<sub>θ</sub>(x<sub>0</sub>) ≤ L<sub>T</sub> + Σ<sub>t=2</sub><sup>T</sup> L<sub>t−1</sub> + "
      "L<sub>0</sub>, "
      "&nbsp; L<sub>t−1</sub> = KL(q(x<sub>t−1</sub> | x<sub>t</sub>, x<sub>0</sub>) ‖ p<sub>θ</sub>(x<sub>t−1</sub> | "
      "x<sub>t</sub>))");
  return twoLines(symbols,
                  Lecture::tr("every t = 1…%1 of the model's schedule: one term each, no ODE solver").arg(timesteps));
}

QString partialNoising(const QString& sampler, int t0, double alphaBar, int steps) {
  const QString symbols = QStringLiteral(
      "x<sub>t₀</sub> = √ᾱ<sub>t₀</sub>·x<sub>0</sub> + √(1 − ᾱ<sub>t₀</sub>)·ε, &nbsp; then x<sub>t₀</sub> → "
      "x̂<sub>0</sub> by the reverse process");
  return twoLines(symbols, Lecture::tr("t₀ = %1 (ᾱ = %2): %3, %4 steps from t₀ to 0")
                               .arg(t0)
                               .arg(number(alphaBar))
                               .arg(sampler.toHtmlEscaped())
                               .arg(steps));
}

QString trainingLoss(const QString& prediction, const QString& loss, long long step, double value, double smoothed) {
  const QString xt = QStringLiteral("√ᾱ<sub>t</sub>·x<sub>0</sub> + √(1 − ᾱ<sub>t</sub>)·ε");
  QString target = QStringLiteral("ε"), output = QStringLiteral("ε<sub>θ</sub>");
  if (prediction == QLatin1String("x0")) {
    target = QStringLiteral("x<sub>0</sub>");
    output = QStringLiteral("x<sub>θ</sub>");
  } else if (prediction == QLatin1String("v")) {
    target = QStringLiteral("v");
    output = QStringLiteral("v<sub>θ</sub>");
  }
  const bool l1 = loss == QLatin1String("l1");
  QString symbols = QStringLiteral("L = E<sub>t, x<sub>0</sub>, ε</sub> ‖%1 − %2(%3, t)‖%4")
                        .arg(target, output, xt, l1 ? QStringLiteral("<sub>1</sub>") : QStringLiteral("²"));
  if (prediction == QLatin1String("v"))
    symbols += QStringLiteral(", &nbsp; v = √ᾱ<sub>t</sub>·ε − √(1 − ᾱ<sub>t</sub>)·x<sub>0</sub>");
  const QString numbers = step < 0 ? Lecture::tr("not trained yet")
                          : std::isnan(smoothed)
                              ? Lecture::tr("step %1: &nbsp;L = %2 on this batch").arg(step).arg(number(value))
                              : Lecture::tr("step %1: &nbsp;L = %2 on this batch, %3 smoothed")
                                    .arg(step)
                                    .arg(number(value), number(smoothed));
  return twoLines(symbols, numbers);
}

QString logSnr(int timesteps, double alphaBarMid, double alphaBarEnd) {
  auto lambda = [](double ab) { return std::log(ab / (1.0 - ab)); };
  const QString symbols = QStringLiteral(
      "λ<sub>t</sub> = log SNR(t) = log ᾱ<sub>t</sub>/(1 − ᾱ<sub>t</sub>), &nbsp; ᾱ<sub>t</sub> = "
      "∏<sub>s ≤ t</sub>(1 − β<sub>s</sub>)");
  const QString numbers =
      QStringLiteral("ᾱ<sub>%1</sub> = %2, λ = %3; &nbsp; ᾱ<sub>%4</sub> = %5, λ = %6")
          .arg(timesteps / 2)
          .arg(number(alphaBarMid), number(lambda(alphaBarMid)))
          .arg(timesteps)
          .arg(number(alphaBarEnd), alphaBarEnd <= 0 ? QStringLiteral("−∞") : number(lambda(alphaBarEnd)));
  return twoLines(symbols, numbers);
}

QString sampleDistance(bool sliced, double floor) {
  const QString symbols =
      sliced ? QStringLiteral(
                   "SW<sub>2</sub>(P, Q)² = E<sub>θ ∼ U(S¹)</sub> W<sub>2</sub>²(θᵀX, θᵀY), &nbsp; X ∼ P "
                   "(samples), Y ∼ Q (data)")
             : QStringLiteral("D²(P, Q) = 2·E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖, &nbsp; X ∼ P (samples), Y ∼ Q (data)");
  return twoLines(symbols, std::isnan(floor) ? Lecture::tr("not measured yet")
                                             : Lecture::tr("floor (two data samples): %1").arg(number(floor)));
}

QString dataDistribution(const QString& name, long long count, const QString& shape) {
  return twoLines(QStringLiteral("x<sub>0</sub> ∼ q(x<sub>0</sub>)"),
                  Lecture::tr("%1: %2 samples of shape %3").arg(name.toHtmlEscaped()).arg(count).arg(shape));
}

}  // namespace lecture
