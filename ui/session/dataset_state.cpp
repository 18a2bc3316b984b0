#include "base/error_text.h"
#include "data/dataset_catalog.h"
#include "data/dataset_error.h"

#include "session/dataset_state.h"

#include <exception>

void DatasetLoader::load(quint64 request, const QString& spec, quint64 seed) {
  try {
    auto dataset = std::make_shared<const difflab::Dataset>(difflab::load_dataset(spec.toStdString(), seed));
    Q_EMIT loaded(request, spec, dataset);
  } catch (const std::exception& e) {
    Q_EMIT failed(request, spec, QString::fromStdString(difflab::user_message(e.what())));
  }
}

DatasetState::DatasetState(QObject* parent) : QObject(parent) {
  qRegisterMetaType<DatasetPtr>();
  m_thread.setObjectName(QStringLiteral("dataset loader"));
  m_loader = new DatasetLoader;
  m_loader->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
  connect(this, &DatasetState::requestLoad, m_loader, &DatasetLoader::load, Qt::QueuedConnection);
  connect(m_loader, &DatasetLoader::loaded, this, &DatasetState::onLoaded, Qt::QueuedConnection);
  connect(m_loader, &DatasetLoader::failed, this, &DatasetState::onFailed, Qt::QueuedConnection);
  m_thread.start();
}

DatasetState::~DatasetState() {
  // A load in progress cannot be interrupted (file readers have no stop flag); waiting for it here is
  // bounded by the largest dataset's read time and happens only when the window closes.
  m_thread.quit();
  m_thread.wait();
}

QString DatasetState::defaultSpec() { return QStringLiteral("fashion-mnist:train"); }
QString DatasetState::fallbackSpec() { return QStringLiteral("two-moons"); }

void DatasetState::load(const QString& spec, quint64 seed) {
  m_pendingSpec = spec;
  Q_EMIT loadingStarted(spec);
  Q_EMIT requestLoad(++m_request, spec, seed);
}

void DatasetState::setDataset(DatasetPtr dataset, const QString& spec) {
  ++m_request;  // supersedes any load in flight
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

void DatasetState::onLoaded(quint64 request, const QString& spec, DatasetPtr dataset) {
  if (request != m_request) return;  // superseded by a newer load()
  m_pendingSpec.clear();
  m_dataset = std::move(dataset);
  m_spec = spec;
  m_selected = -1;
  Q_EMIT datasetChanged();
  Q_EMIT selectionChanged(m_selected);
}

void DatasetState::onFailed(quint64 request, const QString& spec, const QString& message) {
  if (request != m_request) return;
  m_pendingSpec.clear();
  Q_EMIT loadFailed(spec, message);
}
