#pragma once
// TrainingWorker: runs difflab::Trainer on a JobRunner (ui/workers/job_runner.h) for the training dashboard.
//
// Threading contract: start(job) runs the training as one job on the runner's thread, which it holds until
// training ends (stop, done, or an error). requestPause(), requestStop() and feed() may be
// called from any thread. Progress (one entry per step), sample previews and the state go into a
// TrainingFeed, a mutex-protected buffer that the GUI drains with a timer, so the GUI never waits on the
// model and the step rate does not drive the paint rate. started / finished / failed arrive on the GUI thread (posted through the runner).
//
// Sample previews are drawn from the EMA weights on the training thread, between two steps, from the same
// fixed noise every time (so successive previews differ only by what the network learned).
//
// LibTorch-free header: ui/ includes it after Qt headers.

#include "train/training_options.h"
#include "base/stop_token.h"
#include "schedule/noise_schedule.h"

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

/// The GUI's defaults for a run: a toy MLP trains in seconds with these (the view adjusts them per data set).
inline difflab::TrainerOptions defaultTrainerOptions() {
  difflab::TrainerOptions o;
  o.batch_size = 256;
  o.total_steps = 2000;
  o.lr = 1e-3;
  o.ema_decay = 0.995;
  o.num_threads = 0;  // 0: all cores
  return o;
}

inline difflab::ObjectiveOptions defaultObjectiveOptions() {
  difflab::ObjectiveOptions o;
  o.p_uncond = 0.1;  // used when the run is class-conditional
  return o;
}

/// Everything a training run needs; plain values so it can cross threads.
struct TrainingJob {
  /// A load_dataset spec (data/dataset_catalog.h), e.g. "two-moons:4096", "fashion-mnist:train".
  std::string datasetSpec = "two-moons";
  /// Network kind ("mlp", "simple-unet", "ddpm-unet") and preset (nn/network_config.h).
  std::string networkKind = "mlp";
  std::string networkPreset = "default";
  bool conditional = false;
  /// What the network predicts, loss, weighting, t-sampling; p_uncond applies when conditional.
  difflab::ObjectiveOptions objective = defaultObjectiveOptions();
  difflab::ScheduleOptions schedule;
  /// Batch, steps, learning rate, EMA, seed, device, bf16, threads (0: all cores), checkpoint path and period
  /// (0: only at the end and when stopped; empty path: no checkpoint). The worker adds channels_last on CUDA.
  difflab::TrainerOptions trainer = defaultTrainerOptions();
  /// When set, training continues from this checkpoint (its network, schedule and objective win).
  std::string resumePath;
  /// Data-parallel processes on this machine (1: train in the GUI's process only). With N > 1 the GUI's
  /// worker is rank 0 (it feeds the plots and writes checkpoints) and starts N − 1 difflab-cli ranks
  /// (train/local_training.h); trainer.num_threads is then per process (0: the cores shared out).
  int processes = 1;
  /// A preview every previewEvery steps (0: none) of previewCount samples with previewSteps DDIM steps.
  int64_t previewEvery = 200;
  int64_t previewCount = 16;
  int64_t previewSteps = 25;
  /// Sample quality every qualityEvery steps (0: never) and at the end: qualityNum images with qualitySteps
  /// DPM-Solver++(2M) steps, Fréchet distance to as many test images in the feature space of the classifier
  /// qualityClassifier (a path or "zoo:NAME"; eval/sample_quality.h).
  int64_t qualityEvery = 0;
  std::string qualityClassifier;
  int64_t qualityNum = 500;
  int64_t qualitySteps = 20;
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

/// One measurement of sample quality during training.
struct TrainingQuality {
  int64_t step = 0;
  double frechet = 0.0;         ///< Fréchet distance of the samples to the test images (classifier features)
  double floor = 0.0;           ///< the same between train and test images: what real data scores
  double classAccuracy = -1.0;  ///< share of samples classified as the class asked for; −1 unconditional
  double seconds = 0.0;
};

/// A preview: an image grid (image data) or points with the data they should match (point data).
struct TrainingPreview {
  int64_t step = -1;
  QImage grid;                       ///< image data: the samples tiled; null for points
  std::vector<double> x, y;          ///< point data: the samples' first two coordinates
  std::vector<double> dataX, dataY;  ///< point data: a subset of the training data
  double seconds = 0.0;              ///< time taken to draw it
};

/// The buffer between the training thread and the GUI. All members are read and written under the mutex
/// by the accessors below.
class TrainingFeed {
 public:
  struct Snapshot {
    std::vector<TrainingPoint> points;               ///< new since the last take()
    std::shared_ptr<const TrainingPreview> preview;  ///< new since the last take(), or null
    std::vector<TrainingQuality> quality;            ///< new since the last take()
    double imagesPerSecond = 0.0;                    ///< over the last few seconds of training (pauses excluded)
    double etaSeconds = -1.0;
    int64_t memoryBytes = -1;  ///< device memory in use (CUDA) or process RSS (CPU); -1 unknown
    QString status;            ///< one line: what the worker is doing
  };

  void push(TrainingPoint point);
  void setPreview(std::shared_ptr<const TrainingPreview> preview);
  void pushQuality(const TrainingQuality& quality);
  void setRates(double imagesPerSecond, double etaSeconds, int64_t memoryBytes);
  void setStatus(const QString& status);
  /// Moves out everything new. GUI thread.
  Snapshot take();

 private:
  std::mutex m_mutex;
  Snapshot m_pending;
};

class JobRunner;

/// One training run on a JobRunner (workers/job_runner.h). Per-step data goes through the TrainingFeed, which
/// the view drains on its own timer; started/finished/failed arrive on the GUI thread.
class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  explicit TrainingWorker(QObject* parent = nullptr);
  ~TrainingWorker() override;  ///< stops the run (it writes its checkpoint) and joins the thread

  std::shared_ptr<TrainingFeed> feed() const { return m_feed; }
  /// Starts the run on the worker's thread and returns at once. One run per worker.
  void start(const TrainingJob& job);
  /// A paused run stays inside its job (the model stays in memory) until resumed or stopped.
  void requestPause(bool paused);
  /// The run ends after the current step (or preview) and writes its checkpoint.
  void requestStop();
  bool isPauseRequested() const { return m_pause.load(); }
  /// The difflab-cli that the other ranks of a multi-process run start: $DIFFLAB_CLI, next to this program,
  /// one folder up (the build tree), or on PATH; empty when none is found.
  static QString cliExecutable();

 Q_SIGNALS:
  /// After the dataset and network are ready. `description` names network, parameters, data and device.
  void started(const QString& description);
  /// The run ended normally or by requestStop(); `checkpoint` is the last file written (empty: none).
  void finished(qint64 step, bool stopped, const QString& checkpoint);
  /// The run ended with an error (divergence, out of memory, bad data). The last checkpoint written stays.
  void failed(const QString& message, const QString& lastCheckpoint);

 private:
  /// The run's body, on the runner's thread; returns the GUI-thread delivery of its end.
  std::function<void()> train(const TrainingJob& job, const difflab::StopToken& stop,
                              const std::function<void(std::function<void()>)>& post);

  std::shared_ptr<TrainingFeed> m_feed;
  std::atomic<bool> m_pause{false};
  JobRunner* m_runner = nullptr;
};
