#pragma once
// Compare samplers' "Optimised steps" group (the Align Your Steps / GITS idea: Sabour et al. 2024, Chen et al.
// 2024): searches the step times t_1 > … > t_{N−1} of one deterministic sampler that bring its samples closest
// to the RK45 solution of the probability-flow ODE from the same noise (sampling/step_optimizer.h), on its own
// JobRunner; a second click stops the search, which keeps the best grid so far. The grid can be saved as the
// JSON of `difflab-cli optimise-steps`. GUI-thread only.

#include <QGroupBox>

#include <memory>
#include <string>
#include <vector>

namespace difflab {
class Denoiser;
struct StepOptimizerResult;
}  // namespace difflab
class JobRunner;
class QPushButton;
class QSpinBox;

class StepOptimiserPanel : public QGroupBox {
  Q_OBJECT
 public:
  explicit StepOptimiserPanel(QWidget* parent = nullptr);

  /// Starts the search for `sampler` at stepsBox() steps on `denoiser` with `batch` latents drawn from `seed`
  /// and at most `evaluations` candidate grids; `model` names the model in the saved JSON. A running search is
  /// stopped instead (it reports the best grid so far).
  void optimise(std::shared_ptr<difflab::Denoiser> denoiser, const QString& sampler, int64_t batch, uint64_t seed,
                int evaluations, const QString& model);
  bool isRunning() const;
  /// Stops a running search; it reports the best grid found so far.
  void stop();
  /// Forgets the grid and drops the result of a running search (the model or the schedule changed); true when
  /// there was a grid to forget.
  bool drop();
  /// Writes the grid's JSON atomically; false with a message in `error`.
  bool save(const QString& path, QString* error);

  /// The last grid (t_0 > … > t_N = 0) and the sampler it is for; empty before any.
  const std::vector<double>& timesteps() const { return m_timesteps; }
  const QString& sampler() const { return m_sampler; }
  QSpinBox* stepsBox() const { return m_steps; }
  QPushButton* optimiseButton() const { return m_optimise; }

 Q_SIGNALS:
  /// A line for the view's status: progress, the result against the best fixed spacing, or an error.
  void status(const QString& text, bool error);
  /// A grid was found (and is now timesteps()).
  void finished(const std::vector<double>& timesteps);
  /// Saving was asked for (the view chooses the file).
  void saveRequested();

 private:
  void show(const difflab::StepOptimizerResult& result, const std::string& json, const QString& sampler);

  QSpinBox* m_steps = nullptr;
  QPushButton* m_optimise = nullptr;
  QPushButton* m_save = nullptr;
  JobRunner* m_runner = nullptr;
  bool m_discard = false;  ///< the running search's result is for a previous model
  std::vector<double> m_timesteps;
  QString m_sampler;
  std::string m_json;
};
