#include "data/gaussian_mixture.h"
#include "data/toy_datasets.h"
#include "ode/ode_likelihood.h"
#include "score/langevin.h"
#include "score/score_field.h"
#include "score/score_matching.h"

#include "views/score_lab/score_lab_jobs.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace difflab;

ScoreLabData ScoreLabData::load(const QString& key, const NoiseSchedule& schedule) {
  ScoreLabData d;
  if (key.startsWith(QStringLiteral("mix:"))) {
    const GaussianMixture mixture = load_gaussian_mixture(mixture_preset_path(key.mid(4).toStdString()));
    d.reference = mixture_reference(mixture, schedule, mixture.classes);
    d.train = sample_gaussian_mixture(mixture, 2000, 1);
  } else {
    const QString name = key.mid(4);
    auto make = [&](int64_t n, uint64_t seed) {
      return name == QLatin1String("two-moons")    ? make_two_moons(n, seed)
             : name == QLatin1String("swiss-roll") ? make_swiss_roll(n, seed)
                                                   : make_checkerboard(n, seed);
    };
    const Dataset reference = make(4000, 2);
    const bool labelled = !reference.class_names.empty();
    d.reference = empirical_reference(reference.data, labelled ? reference.labels : at::Tensor(),
                                      labelled ? reference.class_names : std::vector<std::string>{}, schedule);
    d.train = make(2000, 1).data.to(at::kFloat);
  }
  for (int c = 0; c < 2; ++c) {
    const at::Tensor col = d.train.select(1, c).to(at::kDouble);
    const double lo = col.quantile(0.01).item<double>(), hi = col.quantile(0.99).item<double>();
    const double pad = 0.25 * (hi - lo) + 0.2;
    d.extent[size_t(2 * c)] = lo - pad;
    d.extent[size_t(2 * c + 1)] = hi + pad;
  }
  return d;
}

void LangevinFrame::run(const std::function<at::Tensor(const at::Tensor&, double)>& score, ScoreReference& reference,
                        const NoiseSchedule& schedule, const at::Tensor& start, const LangevinOptions& o,
                        const std::function<void(const LangevinFrame&)>& show, const JobRunner::Context& ctx) {
  LangevinChain chain(score, schedule, start, o);
  const int64_t total = chain.total_steps(), every = std::max<int64_t>(1, total / 150);
  const int64_t M = reference.mode_weights().size(0);
  auto frame = [&] {
    const double t = o.t, a = schedule.alpha_cont(t / double(schedule.timesteps()));
    LangevinFrame f;
    f.positions = chain.positions().clone();
    if (!at::isfinite(f.positions).all().item<bool>()) {
      const double s = chain.current_sigma_ve();
      throw std::runtime_error(tr("Langevin diverged at step %1: the step is too large for this noise level (keep "
                                  "δ well under σ_VE(t)² = %2, or raise t).")
                                   .arg(chain.steps_done())
                                   .arg(s * s, 0, 'g', 3)
                                   .toStdString());
    }
    const at::Tensor modes = reference.assign_modes(a * f.positions, t);
    f.fractions = at::bincount(modes, {}, M).to(at::kDouble) / double(f.positions.size(0));
    f.caption =
        o.annealed
            ? tr("Annealed Langevin: step %1 of %2, level σ = %3, δ = %4")
                  .arg(chain.steps_done())
                  .arg(total)
                  .arg(chain.current_sigma_ve(), 0, 'g', 3)
                  .arg(chain.current_step_size(), 0, 'g', 3)
            : tr("Langevin: step %1 of %2, δ = %3").arg(chain.steps_done()).arg(total).arg(o.step_size, 0, 'g', 3);
    show(f);
  };
  frame();
  auto last = std::chrono::steady_clock::now();
  while (!chain.finished()) {
    chain.run(every, ctx.stop);
    // Paced to about 25 frames a second so that the motion can be followed (the steps themselves are fast).
    std::this_thread::sleep_until(last + std::chrono::milliseconds(40));
    last = std::chrono::steady_clock::now();
    ctx.stop.throw_if_stopped();
    frame();
    ctx.progress(double(chain.steps_done()) / double(total));
  }
}

QString ScoreFieldPicture::sourceName(ScoreFieldSource s) {
  switch (s) {
    case ScoreFieldSource::Dsm: return tr("the DSM network");
    case ScoreFieldSource::Ssm: return tr("the SSM network");
    case ScoreFieldSource::Model: return tr("the model");
    default: return tr("the exact score");
  }
}

ScoreFieldPicture ScoreFieldPicture::compute(ScoreReference& reference, ScoreMatchingRace* race, Denoiser* fileModel,
                                             const double extent[4], const ScoreFieldSettings& s,
                                             const JobRunner::Context& ctx) {
  ScoreFieldPicture f;
  FieldGrid g{extent[0], extent[1], extent[2], extent[3], s.grid, s.grid};
  f.points = g.points();
  f.exact = reference.score(f.points, s.t);
  const at::Tensor log_p = reference.log_density(f.points, s.t);
  Denoiser* model = nullptr;
  if (s.source == ScoreFieldSource::Dsm && race) model = &race->dsm_denoiser();
  if (s.source == ScoreFieldSource::Ssm && race) model = &race->ssm_denoiser();
  if (s.source == ScoreFieldSource::Model) model = fileModel;
  if (model) f.learned = model_score(*model, f.points, s.t);
  const NoiseSchedule& schedule = reference.denoiser().schedule();
  const double u = s.t / double(schedule.timesteps());
  f.caption = tr("t = %1: σ/α = %2.").arg(s.t).arg(schedule.sigma_vp_cont(u) / schedule.alpha_cont(u), 0, 'g', 3);
  if (f.learned.defined()) {
    const FieldComparison c = compare_fields(f.learned, f.exact, log_p);
    f.caption += tr(" Red: %1, black: exact. Error weighted by p_t: %2 relative (unweighted mean %3): "
                    "scores are learned only where the data are.")
                     .arg(sourceName(s.source))
                     .arg(c.weighted_relative_error, 0, 'g', 3)
                     .arg(c.mean_squared_error, 0, 'g', 3);
  } else if (s.source != ScoreFieldSource::Exact) {
    // Asked for a network that is not there (not trained yet, or not a 2-D model): say what is drawn instead.
    f.caption += tr(" Black: the exact score; %1 is not available.").arg(sourceName(s.source));
  }
  switch (s.heat) {
    case ScoreHeat::FieldError:
      f.heat = f.learned.defined() ? (f.learned - f.exact).pow(2).sum(1).clamp_min(1e-12).log10() : at::Tensor();
      f.heatLabel = QStringLiteral("log₁₀ ‖s_θ − s*‖²");
      f.caption += f.learned.defined() ? tr(" Heat: log₁₀ ‖s_θ − s*‖².")
                                       : tr(" Choose a network under Arrows to see its error.");
      break;
    case ScoreHeat::ModelLogDensity: {
      OdeLikelihoodOptions o;
      o.u_start = u;
      o.rtol = 1e-3;
      o.atol = 1e-3;
      Denoiser& d = model ? *model : reference.denoiser();
      f.heat = ode_log_likelihood(
                   d, f.points, {}, o, [&](double v) { ctx.progress((v - u) / (1 - u)); }, ctx.stop)
                   .log_prob.to(at::kDouble);
      f.heatLabel = tr("log p_t (ODE)");
      f.caption += tr(" Heat: log p_t of %1 by the probability-flow ODE.")
                       .arg(model ? sourceName(s.source) : tr("the exact mixture"));
      break;
    }
    default:
      f.heat = log_p;
      f.heatLabel = tr("exact log p_t");
      f.caption += tr(" Heat: exact log p_t.");
  }
  // Twelve nats of range: deeper than that the colours would only show the far tails.
  if (f.heat.defined() && s.heat != ScoreHeat::FieldError) f.heat = f.heat.clamp_min(f.heat.max().item<double>() - 12);
  return f;
}
