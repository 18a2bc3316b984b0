#pragma once
// TrainingWorker: runs difflab::Trainer on its own thread for the training dashboard.
//
// Threading contract: the worker is a QObject moved to a QThread; train(job) runs there and blocks that
// thread until training ends (stop, done, or an error). requestPause(), requestStop() and feed() may be
// called from any thread. Progress (one entry per step), sample previews and the state go into a
// TrainingFeed, a mutex-protected buffer that the GUI drains with a timer, so the GUI never waits on the
// model and the step rate does not drive the paint rate. started / finished / failed are queued signals.
//
// Sample previews are drawn from the EMA weights on the training thread, between two steps, from the same
// fixed noise every time (so successive previews differ only by what the network learned).
//
// LibTorch-free header: ui/ includes it after Qt headers.

#include "schedule/noise_schedule.h"

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

/// Everything a training run needs; plain values so it can cross threads.
struct TrainingJob {
  /// A load_dataset spec (data/dataset_catalog.h), e.g. "two-moons:4096", "fashion-mnist:train".
  std::string datasetSpec = "two-moons";
  /// Network kind ("mlp", "simple-unet", "ddpm-unet") and preset (nn/network_config.h).
  std::string networkKind = "mlp";
  std::string networkPreset = "default";
  bool conditional = false;
  /// Objective names as parsed by train/objective.h: "eps"|"x0"|"v", "mse"|"l1", "none"|"elbo"|"min-snr",
  /// "uniform"|"inverse-sigma2"|"loss-history".
  std::string prediction = "eps";
  std::string loss = "mse";
  std::string weighting = "none";
  std::string timestepSampling = "uniform";
  double pUncond = 0.1;
  difflab::ScheduleOptions schedule;
  int64_t batchSize = 256;
  int64_t totalSteps = 2000;
  double lr = 1e-3;
  int64_t warmupSteps = 0;
  double emaDecay = 0.995;
  uint64_t seed = 0;
  std::string device = "cpu";
  /// bf16 autocast for the network (CPU or CUDA); on CUDA it also turns on channels_last.
  bool bf16 = false;
  /// Intra-op threads on the training thread (0: all cores).
  int threads = 0;
  /// Written every checkpointEvery steps (0: only at the end) and when stopped. Empty: no checkpoint.
  std::string checkpointPath;
  int64_t checkpointEvery = 0;
  /// When set, training continues from this checkpoint (its network, schedule and objective win).
  std::string resumePath;
  /// A preview every previewEvery steps (0: none) of previewCount samples with previewSteps DDIM steps.
  int64_t previewEvery = 200;
  int64_t previewCount = 16;
  int64_t previewSteps = 25;
};
Q_DECLARE_METATYPE(TrainingJob)

/// One progress report of the trainer (the fields of difflab::TrainProgress the dashboard shows).
struct TrainingPoint {
  int64_t step = 0;
  int64_t totalSteps = 0;
  double loss = 0.0;
  double lossSmoothed = 0.0;
  double lr = 0.0;
  /// Per t bucket: EMA of the unweighted loss (NaN until seen). Bucket b covers t in (bT/n, (b+1)T/n].
  std::vector<double> bucketLoss;
};

/// A preview: an image grid (image data) or points with the data they should match (point data).
struct TrainingPreview {
  int64_t step = -1;
  QImage grid;                          ///< image data: the samples tiled; null for points
  std::vector<double> x, y;             ///< point data: the samples' first two coordinates
  std::vector<double> dataX, dataY;     ///< point data: a subset of the training data
  double seconds = 0.0;                 ///< time taken to draw it
};

/// The buffer between the training thread and the GUI. All members are read and written under the mutex
/// by the accessors below.
class TrainingFeed {
 public:
  struct Snapshot {
    std::vector<TrainingPoint> points;  ///< new since the last take()
    std::shared_ptr<const TrainingPreview> preview;  ///< new since the last take(), or null
    double imagesPerSecond = 0.0;       ///< over the last few seconds of training (pauses excluded)
    double etaSeconds = -1.0;
    int64_t memoryBytes = -1;           ///< device memory in use (CUDA) or process RSS (CPU); -1 unknown
    QString status;                     ///< one line: what the worker is doing
  };

  void push(TrainingPoint point);
  void setPreview(std::shared_ptr<const TrainingPreview> preview);
  void setRates(double imagesPerSecond, double etaSeconds, int64_t memoryBytes);
  void setStatus(const QString& status);
  /// Moves out everything new. GUI thread.
  Snapshot take();

 private:
  std::mutex m_mutex;
  Snapshot m_pending;
};

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  explicit TrainingWorker(QObject* parent = nullptr);

  std::shared_ptr<TrainingFeed> feed() const { return m_feed; }
  /// Thread-safe. A paused run stays inside train() (the model stays in memory) until resumed or stopped.
  void requestPause(bool paused);
  /// Thread-safe. The run ends after the current step (or preview) and writes its checkpoint.
  void requestStop();
  bool isPauseRequested() const { return m_pause.load(); }

 public Q_SLOTS:
  /// Runs the job to its end on the worker's thread.
  void train(const TrainingJob& job);

 Q_SIGNALS:
  /// After the dataset and network are ready. `description` names network, parameters, data and device.
  void started(const QString& description);
  /// The run ended normally or by requestStop(); `checkpoint` is the last file written (empty: none).
  void finished(qint64 step, bool stopped, const QString& checkpoint);
  /// The run ended with an error (divergence, out of memory, bad data). The last checkpoint written stays.
  void failed(const QString& message, const QString& lastCheckpoint);

 private:
  std::shared_ptr<TrainingFeed> m_feed;
  std::atomic<bool> m_pause{false};
  std::atomic<bool> m_stop{false};
};
