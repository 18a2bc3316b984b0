// Core headers first: <torch/torch.h> must precede every Qt header (Qt's `slots` macro).
#include "model/denoiser.h"
#include "sampling/sampler_sweep.h"

#include <torch/torch.h>

#include "workers/comparison_worker.h"
#include "workers/job_runner.h"

ComparisonWorker::ComparisonWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<ComparisonRequest>();
  qRegisterMetaType<ComparisonCell>();
  m_runner = new JobRunner(QStringLiteral("sampler comparison"), this);
  connect(m_runner, &JobRunner::failed, this, [this](quint64, const QString&) {
    m_running = false;
    Q_EMIT cancelled();  // the sweep reports per-cell errors itself; a failure of the whole run ends it
  });
  connect(m_runner, &JobRunner::cancelled, this, [this](quint64) {
    if (!m_running) return;
    m_running = false;
    Q_EMIT cancelled();
  });
}

ComparisonWorker::~ComparisonWorker() = default;

double ComparisonWorker::distance(const at::Tensor& x, const at::Tensor& y, SampleMetric metric) {
  return difflab::sample_distance(x, y, metric);
}

void ComparisonWorker::start(const ComparisonRequest& request) {
  int cells = 0;
  for (const auto& s : request.samplers)
    cells += s.spacing == difflab::TimestepSpacing::Custom ? 1 : static_cast<int>(request.steps.size());
  m_cells = cells;
  m_done = 0;
  m_running = true;
  m_runner->start([this, request](const JobRunner::Context& c) -> std::function<void()> {
    difflab::SweepRequest sweep;
    sweep.samplers = request.samplers;
    sweep.steps.assign(request.steps.begin(), request.steps.end());
    sweep.x_T = request.xT;
    sweep.labels = request.labels;
    sweep.reference = request.reference;
    sweep.metric = request.metric;
    difflab::run_sampler_sweep(
        *request.denoiser, sweep,
        [&](const difflab::SweepCell& s) {
          ComparisonCell cell;
          cell.sampler = static_cast<int>(s.sampler);
          cell.stepsIndex = static_cast<int>(s.steps_index);
          cell.samples = s.samples;
          cell.nfe = s.nfe;
          cell.distance = s.distance;
          cell.seconds = s.seconds;
          cell.error = QString::fromStdString(s.error);
          c.post([this, cell] {
            ++m_done;
            Q_EMIT cellFinished(cell);
            Q_EMIT progress(m_done, m_cells);
          });
        },
        c.stop);  // throws Cancelled when stopped: reported as cancelled
    return [this] {
      m_running = false;
      Q_EMIT finished();
    };
  });
  Q_EMIT started(cells);
}

void ComparisonWorker::requestStop() { m_runner->requestStop(); }
