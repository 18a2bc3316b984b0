// Core headers first: <torch/torch.h> must precede every Qt header.
#include "model/denoiser.h"
#include "sampling/sampler_parameters.h"
#include "sampling/step_optimizer.h"

#include <torch/torch.h>

#include "views/comparison/step_optimiser_panel.h"
#include "workers/job_runner.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>

#include <limits>

StepOptimiserPanel::StepOptimiserPanel(QWidget* parent) : QGroupBox(tr("Optimised steps"), parent) {
  m_runner = new JobRunner(QStringLiteral("step optimiser"), this);
  auto* form = new QFormLayout(this);
  m_steps = new QSpinBox(this);
  m_steps->setRange(2, 100);
  m_steps->setValue(10);
  m_steps->setToolTip(tr("Steps of the grid to optimise, for the first checked deterministic sampler"));
  form->addRow(tr("Steps"), m_steps);
  auto* row = new QHBoxLayout;
  m_optimise = new QPushButton(tr("Optimise steps"), this);
  m_optimise->setToolTip(
      tr("Search t_1 > … > t_{N−1} so that the sampler's samples come closest to the RK45 solution "
         "of the probability-flow ODE (Sabour et al. 2024; Chen et al. 2024)"));
  m_save = new QPushButton(tr("Save…"), this);
  m_save->setEnabled(false);
  m_save->setToolTip(tr("Save the optimised grid as JSON (difflab-cli sample --timesteps-file)"));
  row->addWidget(m_optimise);
  row->addWidget(m_save);
  form->addRow(row);
  connect(m_save, &QPushButton::clicked, this, &StepOptimiserPanel::saveRequested);
  for (auto end : {&JobRunner::finished, &JobRunner::cancelled})
    connect(m_runner, end, this, [this] { m_optimise->setText(tr("Optimise steps")); });
  connect(m_runner, &JobRunner::failed, this, [this](quint64, const QString& message) {
    m_optimise->setText(tr("Optimise steps"));
    if (!m_discard) emit status(tr("Optimising failed: %1").arg(message), true);
  });
}

bool StepOptimiserPanel::isRunning() const { return m_runner->isRunning(); }
void StepOptimiserPanel::stop() { m_runner->requestStop(); }

void StepOptimiserPanel::optimise(std::shared_ptr<difflab::Denoiser> denoiser, const QString& sampler, int64_t batch,
                                  uint64_t seed, int evaluations, const QString& model) {
  if (m_runner->isRunning()) {
    m_runner->requestStop();
    return;
  }
  difflab::StepOptimizerOptions options;
  options.sampler = difflab::recommended_sampler_options(sampler.toStdString(), m_steps->value());
  options.batch = batch;
  options.seed = seed;
  options.max_evaluations = evaluations;
  const std::string spec = model.toStdString();
  m_discard = false;
  m_optimise->setText(tr("Stop optimising"));
  emit status(tr("Optimising %1 steps of %2…").arg(options.sampler.steps).arg(sampler), false);
  m_runner->start([this, denoiser, options, spec, sampler](const JobRunner::Context& c) -> std::function<void()> {
    torch::NoGradGuard noGrad;
    const difflab::StepOptimizerResult result = difflab::optimise_steps(
        *denoiser, options, {},
        [this, &c](double f, double e) {
          c.post([this, f, e] {
            emit status(tr("Optimising… %1 %, error %2").arg(int(100 * f)).arg(e, 0, 'g', 3), false);
          });
        },
        c.stop);
    const std::string json = difflab::step_optimizer_json(result, options, spec);
    return [this, result, json, sampler] { show(result, json, sampler); };
  });
}

void StepOptimiserPanel::show(const difflab::StepOptimizerResult& result, const std::string& json,
                              const QString& sampler) {
  if (m_discard) return;  // the model or schedule changed meanwhile: the result is for the old one
  m_timesteps = result.timesteps;
  m_sampler = sampler;
  m_json = json;
  m_save->setEnabled(true);
  double bestFixed = std::numeric_limits<double>::infinity();
  for (const auto& [spacing, e] : result.fixed_errors) bestFixed = std::min(bestFixed, e);
  emit status(tr("%1 at %2 steps: RMS distance to the exact ODE %3 with optimised steps, %4 with the "
                 "best fixed spacing (%5 sampler runs). Run to compare.")
                  .arg(sampler)
                  .arg(static_cast<int>(result.timesteps.size()) - 1)
                  .arg(result.error, 0, 'g', 3)
                  .arg(bestFixed, 0, 'g', 3)
                  .arg(result.evaluations),
              false);
  emit finished(m_timesteps);
}

bool StepOptimiserPanel::drop() {
  if (m_runner->isRunning()) {  // a running search is for the old model: stop it and drop what it finds
    m_runner->requestStop();
    m_discard = true;
  }
  if (m_timesteps.empty()) return false;
  m_timesteps.clear();
  m_json.clear();
  m_sampler.clear();
  m_save->setEnabled(false);
  return true;
}

bool StepOptimiserPanel::save(const QString& path, QString* error) {
  if (m_json.empty()) {
    *error = tr("No optimised steps yet: press Optimise steps first.");
    return false;
  }
  QSaveFile file(path);  // atomic: written to a temporary file, then renamed
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(m_json.data(), static_cast<qint64>(m_json.size())) != static_cast<qint64>(m_json.size()) ||
      !file.commit()) {
    *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}
