// Core headers first: <torch/torch.h> must precede every Qt header.
#include "model/denoiser.h"
#include "sampling/sample_distance.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "workers/comparison_worker.h"

#include <QElapsedTimer>

#include <cmath>
#include <exception>
#include <limits>


double ComparisonWorker::distance(const at::Tensor& x, const at::Tensor& y, SampleMetric metric) {
  const at::Tensor a = x.flatten(1), b = y.flatten(1);
  if (metric == SampleMetric::SlicedWasserstein) return difflab::sliced_wasserstein(a, b);
  return difflab::energy_distance(a, b);
}

void ComparisonTask::run(quint64 id, const ComparisonRequest& request, ComparisonStopFlag stop) {
  torch::NoGradGuard noGrad;  // grad mode is thread-local and on by default on a new thread
  for (size_t s = 0; s < request.samplers.size(); ++s) {
    // A custom grid (optimised steps) has its own step count: one cell.
    const bool custom = request.samplers[s].spacing == difflab::TimestepSpacing::Custom;
    for (size_t k = 0; k < (custom ? size_t{1} : request.steps.size()); ++k) {
      if (stop->load()) {
        Q_EMIT runDone(id, true);
        return;
      }
      ComparisonCell cell;
      cell.sampler = static_cast<int>(s);
      cell.stepsIndex = static_cast<int>(k);
      cell.distance = std::numeric_limits<double>::quiet_NaN();
      try {
        difflab::SamplerOptions options = difflab::options_for(request.samplers[s], *request.denoiser);
        if (!custom) options.steps = request.steps[k];
        QElapsedTimer clock;
        clock.start();
        auto sampler = difflab::make_sampler(options, request.denoiser->schedule(), request.xT, request.labels);
        const at::Tensor x = difflab::run_sampler(*sampler, *request.denoiser, {}, stop.get());
        if (stop->load()) {
          Q_EMIT runDone(id, true);
          return;
        }
        cell.seconds = static_cast<double>(clock.nsecsElapsed()) * 1e-9;
        cell.nfe = sampler->nfe();
        cell.samples = request.denoiser->to_data_scale(x).to(torch::kCPU, torch::kFloat32);
        if (request.reference.defined())
          cell.distance = ComparisonWorker::distance(cell.samples, request.reference, request.metric);
      } catch (const difflab::Cancelled&) {
        Q_EMIT runDone(id, true);
        return;
      } catch (const std::exception& error) {
        cell.error = QString::fromStdString(error.what());
      }
      Q_EMIT cellDone(id, cell);
    }
  }
  Q_EMIT runDone(id, false);
}

ComparisonWorker::ComparisonWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<ComparisonRequest>();
  qRegisterMetaType<ComparisonCell>();
  qRegisterMetaType<ComparisonStopFlag>();
  m_task = new ComparisonTask;
  m_task->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_task, &QObject::deleteLater);
  connect(this, &ComparisonWorker::runRequested, m_task, &ComparisonTask::run, Qt::QueuedConnection);
  connect(m_task, &ComparisonTask::cellDone, this, [this](quint64 id, const ComparisonCell& cell) {
    if (id != m_current || !m_running) return;
    ++m_done;
    Q_EMIT cellFinished(cell);
    Q_EMIT progress(m_done, m_cells);
  }, Qt::QueuedConnection);
  connect(m_task, &ComparisonTask::runDone, this, [this](quint64 id, bool stopped) {
    if (id != m_current || !m_running) return;
    m_running = false;
    if (!stopped) Q_EMIT finished();
  }, Qt::QueuedConnection);
  m_thread.setObjectName(QStringLiteral("comparison"));
  m_thread.start();
}

ComparisonWorker::~ComparisonWorker() {
  if (m_stop) m_stop->store(true);
  m_thread.quit();
  m_thread.wait();
}

void ComparisonWorker::start(const ComparisonRequest& request) {
  if (m_stop) m_stop->store(true);  // the running comparison ends at its next step
  m_stop = std::make_shared<std::atomic<bool>>(false);
  m_current += 1;
  m_running = true;
  m_cells = 0;
  for (const auto& o : request.samplers)
    m_cells += o.spacing == difflab::TimestepSpacing::Custom ? 1 : static_cast<int>(request.steps.size());
  m_done = 0;
  Q_EMIT started(m_cells);
  Q_EMIT runRequested(m_current, request, m_stop);
}

void ComparisonWorker::requestStop() {
  if (!m_running) return;
  if (m_stop) m_stop->store(true);
  m_running = false;
  Q_EMIT cancelled();
}
