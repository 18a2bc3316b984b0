#include "data/dataset_catalog.h"

#include "session/dataset_state.h"
#include "workers/job_runner.h"

DatasetState::DatasetState(QObject* parent) : QObject(parent) {
  qRegisterMetaType<DatasetPtr>();
  m_runner = new JobRunner(QStringLiteral("dataset loader"), this);
  connect(m_runner, &JobRunner::failed, this, [this](quint64 id, const QString& message) {
    if (id != m_request) return;  // superseded by setDataset()
    const QString spec = m_pendingSpec;
    m_pendingSpec.clear();
    Q_EMIT loadFailed(spec, message);
  });
}

// The runner's destructor joins its thread: a load in progress cannot be interrupted (file readers have no stop
// flag), so closing the window waits at most for the largest dataset's read time.
DatasetState::~DatasetState() = default;

QString DatasetState::defaultSpec() { return QStringLiteral("fashion-mnist:train"); }
QString DatasetState::fallbackSpec() { return QStringLiteral("two-moons"); }

void DatasetState::load(const QString& spec, quint64 seed) {
  m_pendingSpec = spec;
  Q_EMIT loadingStarted(spec);
  const std::string specText = spec.toStdString();
  m_request = m_runner->start([this, specText, spec, seed](const JobRunner::Context&) -> std::function<void()> {
    auto dataset = std::make_shared<const difflab::Dataset>(difflab::load_dataset(specText, seed));
    return [this, dataset, spec] {                      // on the GUI thread, and only for the runner's newest job
      if (m_runner->currentJob() != m_request) return;  // superseded by setDataset()
      install(dataset, spec);
    };
  });
}

void DatasetState::setDataset(DatasetPtr dataset, const QString& spec) {
  ++m_request;  // any load in flight is dropped when it ends
  install(std::move(dataset), spec);
}

void DatasetState::install(DatasetPtr dataset, const QString& spec) {
  m_pendingSpec.clear();
  m_dataset = std::move(dataset);
  m_spec = spec;
  m_selected = -1;
  Q_EMIT datasetChanged();
  Q_EMIT selectionChanged(m_selected);
}

void DatasetState::setSelectedIndex(int64_t index) {
  if (!m_dataset || index < 0 || index >= m_dataset->size()) index = -1;
  if (index == m_selected) return;
  m_selected = index;
  Q_EMIT selectionChanged(m_selected);
}
