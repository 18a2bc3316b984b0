#pragma once
// The model a sampling view draws from, opened from a "model spec": "preset:NAME" (a shipped Gaussian
// mixture, resources/mixtures/NAME.json), "zoo:NAME" (a shipped checkpoint, models/zoo.json), or a path to a checkpoint or mixture JSON (recognised by content,
// see model/model_loader.h). Mixtures are exact denoisers under the shared schedule; checkpoints bring
// their own. Alongside the denoiser comes the model's own data: the mixture's samples, or the data set a
// checkpoint names in its metadata (loaded here, off the GUI thread, and shared between the views through a
// cache), never whatever the Dataset tab happens to show.
//
// Only <ATen/core/Tensor.h> is included (safe after Qt headers); the functions run on any thread.

#include "schedule/noise_schedule.h"

#include <ATen/core/Tensor.h>

#include <QString>
#include <QList>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace difflab {
class Denoiser;
struct Dataset;
}  // namespace difflab

struct SamplingModel {
  QString spec;
  std::shared_ptr<difflab::Denoiser> denoiser;  ///< unguided
  /// Points [N, 2] in data scale to draw behind 2-D samples and to measure distances against; undefined when
  /// the model is not 2-D or no data is known.
  at::Tensor dataPoints;
  /// The data spec the checkpoint was trained on ("two-moons", "fashion-mnist:train"); for a mixture its
  /// name; empty when the file does not say (imports).
  QString dataName;
  /// The model's own data set: for 2-D checkpoints always, for image checkpoints when asked (loadImageData);
  /// null when unknown or unreadable (then dataNote says why).
  std::shared_ptr<const difflab::Dataset> data;
  QString dataNote;
  QString sha256;                   ///< of the model file (empty for presets)
  bool usesSharedSchedule = false;  ///< a mixture, or a rescheduled model: follows the schedule lab
  bool rescheduled = false;         ///< a trained model sampled along the Schedule lab's schedule
  QStringList classNames;           ///< empty for an unconditional model
  QString description;

  bool isPoints() const;  ///< one sample is a 2-D point
  std::vector<int64_t> sampleShape() const;
};

/// What to open and how.
struct SamplingModelRequest {
  QString spec;
  difflab::ScheduleOptions schedule;  ///< the Schedule lab's: a mixture's schedule
  /// `referenceCount` mixture samples (seeded, so fixed per spec), or the first points of a 2-D checkpoint's
  /// data set, become dataPoints.
  int64_t referenceCount = 2000;
  bool clipX0 = false;
  bool loadImageData = false;  ///< also load an image checkpoint's data set (the ODE lab encodes it)
  /// A trained model is sampled along `schedule` instead of its own (model/rescheduled_denoiser.h).
  bool useLabSchedule = false;
};

/// Opens request.spec (see above and SamplingModelRequest).
/// `clipX0`: image checkpoints clamp x̂₀ to [−1, 1] (the sampling views do, as DDPM's reference code; the ODE
/// lab does not, its maps must stay invertible); the model description then says so.
/// Throws std::exception subclasses whose message names the file and the fault.
SamplingModel openSamplingModel(const SamplingModelRequest& request);

/// "cosine, T = 1000" (plus "zero terminal SNR"), for notes that compare two schedules.
QString scheduleSummary(const difflab::NoiseSchedule& schedule);
/// True when the two schedules have the same ᾱ table (to 1e-12).
bool sameSchedule(const difflab::NoiseSchedule& a, const difflab::NoiseSchedule& b);

/// "preset:NAME" for every shipped mixture preset.
QStringList mixturePresetSpecs();
/// The built-in spec ("preset:NAME" or "zoo:NAME") whose file `spec` names, e.g. resources/mixtures/8gaussians.json
/// opened with Open… → "preset:8gaussians", so that the model list does not hold the same model twice; otherwise
/// `spec` itself.
QString builtInSpecFor(const QString& spec);

/// True for the specs the program itself ships ("preset:NAME", "zoo:NAME"): they stay in every list even when
/// they fail to open, and are not "files" the user added.
bool isBuiltInSpec(const QString& spec);

/// A model of the zoo (core model/model_zoo.h): spec "zoo:NAME", a title for menus, a sentence, the file.
struct ZooEntry {
  QString spec, title, description, path, data;  ///< data: the data set's name, e.g. "fashion-mnist"
};
/// The zoo's models of one kind ("diffusion" or "classifier"); empty when there is no zoo or it is damaged.
QList<ZooEntry> zooModels(const QString& kind);

/// The class choice "every class in turn" (sample i is asked for class i mod K), beside class indices ≥ 0 and
/// −1 (unconditional).
inline constexpr int kEveryClass = -2;
/// True when `classIndex` asks for classes (one class, or every class in turn).
inline bool asksForClasses(int classIndex) { return classIndex >= 0 || classIndex == kEveryClass; }

/// The denoiser to sample with: the model itself (classIndex −1: unconditional), or classifier-free
/// guidance at scale w around it (Ho & Salimans 2022) when classes are asked for and w != 1.
/// Throws std::invalid_argument (with the core's message) when guidance is asked of an unconditional model.
std::shared_ptr<difflab::Denoiser> guidedDenoiser(const SamplingModel& model, int classIndex, double guidance);

/// Labels for a batch: int64 [batch] filled with classIndex, i mod numClasses for kEveryClass, or undefined
/// for −1 (unconditional).
at::Tensor batchLabels(int64_t batch, int classIndex, int numClasses = 0);

/// Samples x (model scale) mapped to the data's scale (see difflab::DataScale), float32 on the CPU.
at::Tensor toDataScale(const SamplingModel& model, const at::Tensor& x);
