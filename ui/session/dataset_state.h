#pragma once
// The dataset shared by every view of a main window (dataset panel, forward chain, later training and
// sampling): the currently loaded difflab::Dataset and the sample the user picked. One DatasetState per
// main window; views listen to datasetChanged() / selectionChanged(). GUI-thread only; loading runs on the
// state's JobRunner (ui/workers/job_runner.h), like every other long job of the GUI.
//
// Loading: load(spec) hands the spec to the runner and returns at once; the newest request wins (a queued
// older load never runs, and the result of one already reading is dropped), so a user clicking through the
// combo box never waits and never sees a stale set. The loaded dataset is immutable and shared (shared_ptr to const),
// so views and workers may keep a reference while a new one loads.

#include "data/dataset.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

using DatasetPtr = std::shared_ptr<const difflab::Dataset>;
Q_DECLARE_METATYPE(DatasetPtr)

class JobRunner;

class DatasetState : public QObject {
  Q_OBJECT
 public:
  explicit DatasetState(QObject* parent = nullptr);
  ~DatasetState() override;  ///< waits for a read in progress (file readers have no stop flag)

  /// The loaded dataset; null before the first load finished.
  DatasetPtr dataset() const { return m_dataset; }
  /// The spec the current dataset was loaded from (see data/dataset_catalog.h), e.g. "two-moons".
  QString spec() const { return m_spec; }
  /// The spec being loaded, empty when idle.
  QString pendingSpec() const { return m_pendingSpec; }
  bool isLoading() const { return !m_pendingSpec.isEmpty(); }
  /// The sample the user picked (index into dataset()->data), -1 when none.
  int64_t selectedIndex() const { return m_selected; }

  /// Spec of the built-in default: Fashion-MNIST (training split).
  static QString defaultSpec();
  /// Spec used when the default cannot be loaded (no dataset-fashion-mnist package).
  static QString fallbackSpec();

 public Q_SLOTS:
  /// Starts loading `spec` on the runner; emits loadingStarted() now and datasetChanged() or
  /// loadFailed() later. A newer load() supersedes this one.
  void load(const QString& spec, quint64 seed = 0);
  /// Installs an already loaded dataset at once (tests, generated data).
  void setDataset(DatasetPtr dataset, const QString& spec);
  /// Picks a sample; out-of-range indices select nothing (-1).
  void setSelectedIndex(int64_t index);

 Q_SIGNALS:
  void loadingStarted(const QString& spec);
  void datasetChanged();
  void loadFailed(const QString& spec, const QString& message);
  void selectionChanged(qint64 index);

 private:
  void install(DatasetPtr dataset, const QString& spec);

  JobRunner* m_runner = nullptr;
  quint64 m_request = 0;  ///< the runner's job id of the newest load; bumped by setDataset()
  DatasetPtr m_dataset;
  QString m_spec;
  QString m_pendingSpec;
  int64_t m_selected = -1;
};
