// LibTorch first: its headers use `slots` as an identifier, which Qt defines as a macro.
#include "base/error_text.h"
#include "data/dataset_catalog.h"
#include "eval/sample_quality.h"
#include "model/network_classifier.h"
#include "io/png_writer.h"
#include "model/network_denoiser.h"
#include "nn/network_config.h"
#include "sampling/sampler.h"
#include "device/device_support.h"
#include "distributed/process_group.h"
#include "train/local_training.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include "workers/training_worker.h"

#include "workers/intra_op_threads.h"
#include "workers/job_runner.h"
#include "workers/rate_window.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <chrono>
#include <cmath>
#include <deque>
#include <thread>
#include <utility>

namespace {

using Clock = std::chrono::steady_clock;

// The seed of the preview's fixed noise x_T (independent of the training seed, so two runs compare).
constexpr uint64_t kPreviewNoiseSeed = 20240611;
// Training points drawn behind the preview samples.
constexpr int64_t kPreviewDataPoints = 2000;

difflab::ObjectiveOptions objectiveOptions(const TrainingJob& job) {
  difflab::ObjectiveOptions o = job.objective;
  if (!job.conditional) o.p_uncond = 0.0;
  return o;
}

// The job's options with what the GUI decides for the user: channels_last with bf16 on CUDA, all cores by default.
difflab::TrainerOptions trainerOptions(const TrainingJob& job) {
  difflab::TrainerOptions o = job.trainer;
  o.channels_last = o.bf16 && o.device.rfind("cuda", 0) == 0;
  if (o.num_threads <= 0) o.num_threads = static_cast<int>(std::thread::hardware_concurrency());
  return o;
}

// Images/s and ETA over the last few seconds of training, so that a pause or a preview does not skew them.
// Samples from the trainer's EMA network with DDIM (Song et al. 2021, η = 0) from fixed noise.
std::shared_ptr<TrainingPreview> drawPreview(difflab::Trainer& trainer, const difflab::TrainingData& data,
                                             const TrainingJob& job) {
  const auto start = Clock::now();
  auto preview = std::make_shared<TrainingPreview>();
  preview->step = trainer.step_count();
  const std::shared_ptr<difflab::Denoiser> model = trainer.ema_denoiser();
  difflab::Denoiser& denoiser = *model;
  const difflab::NoiseSchedule& noise = denoiser.schedule();

  std::vector<int64_t> shape = {job.previewCount};
  const std::vector<int64_t> sampleShape = denoiser.sample_shape();
  shape.insert(shape.end(), sampleShape.begin(), sampleShape.end());
  torch::Tensor y;
  const int64_t classes = trainer.network_config().num_classes;
  if (classes > 0) y = torch::arange(job.previewCount, torch::kInt64) % classes;  // one class per column
  difflab::SamplerOptions so;
  so.name = "ddim";
  so.steps = std::min<int64_t>(job.previewSteps, noise.timesteps());
  so.spacing = difflab::TimestepSpacing::Trailing;  // starts at t = T, where training put pure noise
  auto sampler = difflab::make_sampler(difflab::options_for(so, denoiser), noise,
                                       difflab::initial_noise(shape, kPreviewNoiseSeed), y);
  torch::Tensor x = difflab::run_sampler(*sampler, denoiser).to(torch::kCPU, torch::kFloat32);

  if (x.dim() == 4) {
    // [-1, 1] → [0, 255], tiled; conditional previews put one class per column.
    const int64_t columns =
        classes > 0 ? classes : static_cast<int64_t>(std::ceil(std::sqrt(double(job.previewCount))));
    const torch::Tensor grid =
        difflab::make_image_grid(difflab::DataScale::images().to_data(x.clamp(-1, 1)), columns, 2, 40).contiguous();
    const QImage::Format format = grid.size(2) == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    preview->grid = QImage(grid.data_ptr<uint8_t>(), static_cast<int>(grid.size(1)), static_cast<int>(grid.size(0)),
                           static_cast<int>(grid.size(1) * grid.size(2)), format)
                        .copy();  // own the pixels: the tensor dies here
  } else {
    const torch::Tensor xd = x.to(torch::kFloat64).contiguous();
    const int64_t n = xd.size(0), dims = xd.size(1);
    const auto a = xd.accessor<double, 2>();
    for (int64_t i = 0; i < n; ++i) {
      preview->x.push_back(a[i][0]);
      preview->y.push_back(dims > 1 ? a[i][1] : 0.0);
    }
    const torch::Tensor dd = data.data.slice(0, 0, kPreviewDataPoints).to(torch::kCPU, torch::kFloat64).contiguous();
    const auto b = dd.accessor<double, 2>();
    for (int64_t i = 0; i < dd.size(0); ++i) {
      preview->dataX.push_back(b[i][0]);
      preview->dataY.push_back(dims > 1 ? b[i][1] : 0.0);
    }
  }
  preview->seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return preview;
}

QString describe(const difflab::Trainer& t, const TrainingJob& job, const std::string& dataName, int64_t samples) {
  const auto& net = t.network_config();
  const QString device =
      QString::fromStdString(job.trainer.device) + (job.trainer.bf16 ? QStringLiteral(" (bf16)") : QString());
  const QString head = TrainingWorker::tr("%1:%2, %3 parameters; %4 (%5 samples); ")
                           .arg(QString::fromStdString(net.kind), QString::fromStdString(net.preset))
                           .arg(difflab::count_parameters(*t.network()))
                           .arg(QString::fromStdString(dataName))
                           .arg(samples);
  if (t.group())
    return head +
           TrainingWorker::tr("batch %1 split over %2 processes (%3 each, %5), %4 CPU thread(s) per process, on %6")
               .arg(t.options().batch_size)
               .arg(t.group()->world_size())
               .arg(t.options().batch_size / t.group()->world_size())
               .arg(torch::get_num_threads())
               .arg(QString::fromStdString(t.group()->backend()), device);
  return head + TrainingWorker::tr("batch %1 on %2, %3 threads")
                    .arg(t.options().batch_size)
                    .arg(device)
                    .arg(torch::get_num_threads());
}

}  // namespace

// --- TrainingFeed -----------------------------------------------------------------------------------------

void TrainingFeed::push(TrainingPoint point) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_pending.points.push_back(std::move(point));
}

void TrainingFeed::setPreview(std::shared_ptr<const TrainingPreview> preview) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_pending.preview = std::move(preview);
}

void TrainingFeed::pushQuality(const TrainingQuality& quality) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_pending.quality.push_back(quality);
}

void TrainingFeed::setRates(double imagesPerSecond, double etaSeconds, int64_t memoryBytes) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_pending.imagesPerSecond = imagesPerSecond;
  m_pending.etaSeconds = etaSeconds;
  m_pending.memoryBytes = memoryBytes;
}

void TrainingFeed::setStatus(const QString& status) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_pending.status = status;
}

TrainingFeed::Snapshot TrainingFeed::take() {
  std::lock_guard<std::mutex> lock(m_mutex);
  Snapshot out;
  out.points.swap(m_pending.points);
  out.preview = std::move(m_pending.preview);
  out.quality.swap(m_pending.quality);
  m_pending.preview.reset();
  out.imagesPerSecond = m_pending.imagesPerSecond;
  out.etaSeconds = m_pending.etaSeconds;
  out.memoryBytes = m_pending.memoryBytes;
  out.status = m_pending.status;
  return out;
}

// --- TrainingWorker ---------------------------------------------------------------------------------------

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent), m_feed(std::make_shared<TrainingFeed>()) {
  qRegisterMetaType<TrainingJob>();
  m_runner = new JobRunner(QStringLiteral("training"), this);
}

// The job reads m_feed and m_pause: join the thread while they are alive (not in ~QObject, after them).
TrainingWorker::~TrainingWorker() { delete m_runner; }

void TrainingWorker::start(const TrainingJob& job) {
  m_runner->start([this, job](const JobRunner::Context& c) { return train(job, c.stop, c.post); });
}

void TrainingWorker::requestPause(bool paused) { m_pause = paused; }

QString TrainingWorker::cliExecutable() {
  const QString fromEnv = qEnvironmentVariable("DIFFLAB_CLI");
  if (!fromEnv.isEmpty()) return QFileInfo(fromEnv).isExecutable() ? QFileInfo(fromEnv).absoluteFilePath() : QString();
  const QDir here(QCoreApplication::applicationDirPath());
  for (const QString& candidate :
       {here.filePath(QStringLiteral("difflab-cli")), here.filePath(QStringLiteral("../difflab-cli"))})
    if (QFileInfo(candidate).isExecutable()) return QFileInfo(candidate).absoluteFilePath();
  return QStandardPaths::findExecutable(QStringLiteral("difflab-cli"));
}

void TrainingWorker::requestStop() { m_runner->requestStop(); }

std::function<void()> TrainingWorker::train(const TrainingJob& job, const difflab::StopToken& stop,
                                            const std::function<void(std::function<void()>)>& post) {
  std::string lastCheckpoint;
  // A failure is delivered like an end (with the last checkpoint written), not thrown: the runner would
  // report a failure after a stop as "cancelled", and a run's error must reach the user whatever happened.
  const auto failure = [this](const QString& message, const std::string& checkpoint) -> std::function<void()> {
    const QString kept = QString::fromStdString(checkpoint);
    return [this, message, kept] { Q_EMIT failed(message, kept); };
  };
  try {
    // The thread count is per thread (OpenMP): set it here, on the thread that runs the model.
    difflab::TrainerOptions options = trainerOptions(job);
    if (job.processes > 1 && job.trainer.num_threads <= 0)  // the cores shared out between the processes
      options.num_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / job.processes);
    // The run's count (one thread for 2-D data) is put back when it ends, so other views keep every core.
    const IntraOpThreads threads(options.num_threads);
    m_feed->setStatus(tr("Loading %1 …").arg(QString::fromStdString(job.datasetSpec)));
    // Toy sets are drawn with seed 0, as difflab-cli does: a spec names one set, so a checkpoint resumed
    // anywhere (and every rank of a multi-process run) trains on the same points.
    const difflab::Dataset dataset = difflab::load_dataset(job.datasetSpec, /*seed=*/0);

    std::unique_ptr<difflab::Trainer> trainer;
    difflab::ScheduleOptions schedule = job.schedule;
    const difflab::TrainingData data = difflab::training_data_from(dataset, job.datasetSpec);
    if (!job.resumePath.empty()) {
      const difflab::ModelCheckpoint resumed = difflab::read_model_checkpoint(job.resumePath);  // read once
      schedule = resumed.metadata.schedule;
      trainer = difflab::Trainer::from_checkpoint(resumed, job.resumePath, data, options);
      lastCheckpoint = job.resumePath;
    } else {
      std::vector<int64_t> shape(data.data.sizes().begin() + 1, data.data.sizes().end());
      const int64_t classes = job.conditional ? static_cast<int64_t>(dataset.class_names.size()) : 0;
      trainer = std::make_unique<difflab::Trainer>(
          difflab::NetworkConfig::from_preset(job.networkKind, job.networkPreset, shape, classes), schedule,
          objectiveOptions(job), data, options);
    }
    const torch::Device device = difflab::parse_training_device(job.trainer.device);
    // Several processes: this thread is rank 0; the others are difflab-cli ranks started from its state.
    std::unique_ptr<difflab::LocalTrainingGroup> group;
    if (job.processes > 1) {
      const QString cli = cliExecutable();
      if (cli.isEmpty())
        throw std::runtime_error(
            (qEnvironmentVariableIsSet("DIFFLAB_CLI")
                 ? tr("cannot train in several processes: DIFFLAB_CLI is '%1', not an executable")
                       .arg(qEnvironmentVariable("DIFFLAB_CLI"))
                 : tr("cannot train in several processes: difflab-cli was found neither next to this program nor "
                      "on PATH (set DIFFLAB_CLI to its path)"))
                .toStdString());
      m_feed->setStatus(tr("Starting %1 more processes …").arg(job.processes - 1));
      difflab::LocalTrainingOptions lo;
      lo.num_processes = job.processes;
      lo.cli = cli.toStdString();
      lo.threads_per_process = options.num_threads;
      lo.stop = stop;  // Stop works while the ranks start
      group = std::make_unique<difflab::LocalTrainingGroup>(*trainer, lo);
    }
    const QString description = describe(*trainer, job, dataset.name, dataset.size());
    post([this, description] { Q_EMIT started(description); });

    RateWindow rates;
    auto lastRates = Clock::now() - std::chrono::seconds(1);
    const auto preview = [&] {
      m_feed->setStatus(tr("Drawing samples at step %1 …").arg(trainer->step_count()));
      m_feed->setPreview(drawPreview(*trainer, data, job));
      m_feed->setStatus(tr("Training"));
      rates.reset();  // the preview's time is not training time
    };
    if (job.previewEvery > 0) preview();  // what the untrained network makes, from the same fixed noise

    // Sample quality (Fréchet distance in a classifier's features) every qualityEvery steps; the reference
    // features are computed once, before the first step.
    std::unique_ptr<difflab::FrechetProbe> probe;
    if (job.qualityEvery > 0) {
      m_feed->setStatus(tr("Computing the features of %1 test images for the Fréchet distance …").arg(job.qualityNum));
      probe = std::make_unique<difflab::FrechetProbe>(difflab::NetworkClassifier::load(job.qualityClassifier),
                                                      job.qualityNum);
    }
    double floor = -1.0;
    const auto measure = [&] {
      m_feed->setStatus(tr("Measuring sample quality at step %1 …").arg(trainer->step_count()));
      if (floor < 0) floor = probe->floor();
      difflab::SamplerOptions so;
      so.name = "dpmpp-2m";
      so.steps = std::min<int64_t>(job.qualitySteps, trainer->ema_denoiser()->schedule().timesteps());
      so.seed = 0;  // the same latents every time
      difflab::FrechetProbe::Result r;
      try {
        r = probe->sample_and_measure(trainer->ema_denoiser(), so, 1.0, 250, stop);
      } catch (const difflab::Cancelled&) {
        return;  // Stop pressed while measuring: the run ends after this step, with its checkpoint
      }
      m_feed->pushQuality({trainer->step_count(), r.frechet, floor, r.class_accuracy, r.sampling_seconds});
      m_feed->setStatus(tr("Training"));
      rates.reset();
    };
    m_feed->setStatus(tr("Training"));

    const auto onProgress = [&](const difflab::TrainProgress& p) {
      TrainingPoint point;
      point.step = p.step;
      point.totalSteps = p.total_steps;
      point.loss = p.loss;
      point.lossSmoothed = p.loss_smoothed;
      point.lr = p.lr;
      point.bucketLoss = p.bucket_loss;
      m_feed->push(std::move(point));
      const auto now = Clock::now();
      rates.add(now, p.step);
      if (job.trainer.checkpoint_every > 0 && !job.trainer.checkpoint_path.empty() &&
          p.step % job.trainer.checkpoint_every == 0)
        lastCheckpoint = job.trainer.checkpoint_path;  // run() wrote it just before this report
      if (now - lastRates > std::chrono::milliseconds(250)) {
        // Nothing new until the window spans enough time: the last figure stays (no spike after a reset).
        if (const std::optional<double> sps = rates.stepsPerSecond()) {
          m_feed->setRates(*sps * static_cast<double>(job.trainer.batch_size),
                           *sps > 0 ? static_cast<double>(p.total_steps - p.step) / *sps : -1.0,
                           difflab::memory_in_use(device));
          lastRates = now;
        }
      }
      if (job.previewEvery > 0 && p.step % job.previewEvery == 0 && !stop.stop_requested()) preview();
      if (probe && p.step % job.qualityEvery == 0 && !stop.stop_requested()) measure();
      if (m_pause && !stop.stop_requested() && !group) {  // the other ranks cannot wait: no pause in a group
        // Paused between two steps: the model stays in memory; the GUI keeps running.
        m_feed->setStatus(tr("Paused at step %1").arg(p.step));
        while (m_pause && !stop.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        m_feed->setStatus(tr("Training"));
        rates.reset();
      }
    };
    const int64_t remaining = std::max<int64_t>(0, job.trainer.total_steps - trainer->step_count());
    difflab::RunResult r;
    try {
      r = trainer->run(remaining, onProgress, stop);
    } catch (const difflab::DistributedError& e) {
      // run() saved the last complete step before rethrowing; the message says where.
      m_feed->setStatus(tr("Failed"));
      if (!job.trainer.checkpoint_path.empty()) lastCheckpoint = job.trainer.checkpoint_path;
      return failure(QString::fromStdString(difflab::user_message(group ? group->explain(e.what()) : e.what())),
                     lastCheckpoint);
    }
    if (group) group->finish();
    if (!r.checkpoint_saved.empty()) lastCheckpoint = r.checkpoint_saved;
    // The last preview shows the final weights unless the user stopped (they want the run to end now).
    if (job.previewEvery > 0 && !r.stopped && trainer->step_count() % job.previewEvery != 0) preview();
    if (probe && !r.stopped && trainer->step_count() % job.qualityEvery != 0) measure();
    m_feed->setStatus(r.stopped ? tr("Stopped") : tr("Finished"));  // the banner below names the step
    const qint64 step = trainer->step_count();
    const QString checkpoint = QString::fromStdString(lastCheckpoint);
    return [this, step, stopped = r.stopped, checkpoint] { Q_EMIT finished(step, stopped, checkpoint); };
  } catch (const difflab::TrainingDiverged& e) {
    m_feed->setStatus(tr("Diverged"));
    return failure(QString::fromStdString(difflab::user_message(e.what())), lastCheckpoint);
  } catch (const c10::Error& e) {
    m_feed->setStatus(tr("Failed"));
    return failure(QString::fromStdString(e.what_without_backtrace()), lastCheckpoint);
  } catch (const std::exception& e) {
    m_feed->setStatus(tr("Failed"));
    return failure(QString::fromStdString(difflab::user_message(e.what())), lastCheckpoint);
  }
}
