#pragma once
// The forward-chain view: watch the noising process destroy the data. A chosen image or a batch (2-D data:
// a point cloud) is shown at any t in 0..T, set on a slider or played as an animation at an adjustable
// speed. A toggle switches between the closed form q(x_t | x₀) and the step-by-step Markov chain, both from
// the same seed. Below, the per-t mean and standard deviation of x_t against their expected values (with a
// marker at the current t), and a histogram of x_t against the N(0, 1) density.
//
// Every change (shared schedule, dataset, selection, seed, mode) restarts the chain on ForwardChainWorker's
// thread; the view keeps showing the last result until the new one arrives, so the GUI never waits.
// GUI-thread only.

#include "session/dataset_state.h"
#include "workers/animation_exporter.h"
#include "workers/forward_chain_worker.h"

#include "lecture/lecture_view.h"

#include <QWidget>

class QButtonGroup;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QPushButton;
class QRadioButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTimer;
class MarginalPlots;
class ScheduleState;

class ForwardChainView : public QWidget, public LectureView {
  Q_OBJECT
  Q_PROPERTY(bool busy READ isBusy)
 public:
  enum class Source { ChosenSample, Batch };

  /// `schedule` and `dataset` must outlive the view.
  ForwardChainView(ScheduleState* schedule, DatasetState* dataset, QWidget* parent = nullptr);
  ~ForwardChainView() override;

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;
  QAbstractSlider* lectureSlider() const override;
  QAbstractButton* lecturePlayButton() const override;

  /// True while a chain is being computed for the current settings.
  bool isBusy() const { return m_pending != 0; }
  /// The result shown (null before the first one).
  ForwardChainResultPtr result() const { return m_result; }

  int t() const;
  void setT(int t);
  bool isMarkov() const;
  void setMarkov(bool markov);
  quint64 seed() const;
  void setSeed(quint64 seed);
  Source source() const;
  void setSource(Source source);
  bool isPlaying() const;
  void setPlaying(bool playing);
  /// Animation speed in steps per second.
  int speed() const;

  /// Samples in a batch of images and points in a 2-D cloud.
  static constexpr int kBatchImages = 16;
  static constexpr int kCloudPoints = 1500;

  // Parts, for tests and screenshots.
  QCustomPlot* statisticsPlot() const;
  QCustomPlot* histogramPlot() const;
  QCustomPlot* cloudPlot() const { return m_cloudPlot; }
  QLabel* imageLabel() const { return m_image; }
  QSlider* tSlider() const { return m_tSlider; }
  QPushButton* exportAnimationButton() const { return m_exportAnimation; }

  /// The chain shown, as an animation at the pace of Play (every speed()/25-th step at 25 frames/s, the last
  /// step included): image grids or the cloud over the data, each frame captioned with its t. Empty (count 0)
  /// before the first result.
  AnimationSource animationSource() const;

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();
  /// A new chain result is shown.
  void resultShown();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void buildLayout();
  void restart();
  void onResult(ForwardChainResultPtr result);
  void onFailed(quint64 id, const QString& message);
  void onScheduleChanged();
  void onTick();
  void showFrame();
  void updateReadout();
  std::vector<int64_t> chooseIndices() const;

  ScheduleState* m_schedule;
  DatasetState* m_dataset;
  ForwardChainWorker* m_worker = nullptr;
  quint64 m_pending = 0;  ///< id of the request in flight, 0 when idle
  ForwardChainResultPtr m_result;
  bool m_resultIsImages = true;
  double m_playPosition = 0;

  QRadioButton* m_chosen = nullptr;
  QRadioButton* m_batch = nullptr;
  QRadioButton* m_closedForm = nullptr;
  QRadioButton* m_markov = nullptr;
  QSpinBox* m_seed = nullptr;
  QPushButton* m_newNoise = nullptr;
  QSlider* m_tSlider = nullptr;
  QSpinBox* m_tSpin = nullptr;
  QPushButton* m_play = nullptr;
  QPushButton* m_exportAnimation = nullptr;
  QSlider* m_speed = nullptr;
  QLabel* m_speedLabel = nullptr;
  QLabel* m_readout = nullptr;
  QLabel* m_status = nullptr;
  QStackedWidget* m_sampleStack = nullptr;
  QLabel* m_image = nullptr;
  QCustomPlot* m_cloudPlot = nullptr;
  QCPGraph* m_cloudData = nullptr;
  QCPGraph* m_cloudNow = nullptr;
  MarginalPlots* m_marginals = nullptr;
  QTimer* m_timer = nullptr;
};
