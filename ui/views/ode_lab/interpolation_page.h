#pragma once
// ODE lab ▸ Interpolation: two seeds' latents walked by slerp (or lerp, for contrast) and decoded
// (difflab::interpolation_report) into a strip that also plays as an animation; the class and guidance may
// change along the path for conditional models; the latent norm along both paths is plotted.

#include "workers/animation_exporter.h"

#include <QImage>
#include <QVector>
#include <QWidget>

#include <memory>

namespace difflab {
struct InterpolationReport;
}
class OdeLabView;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

class InterpolationPage : public QWidget {
  Q_OBJECT
 public:
  explicit InterpolationPage(OdeLabView* lab);
  ~InterpolationPage() override;
  std::shared_ptr<const difflab::InterpolationReport> report() const { return m_report; }
  QSpinBox* framesBox() const { return m_frames; }
  QComboBox* pathBox() const { return m_path; }
  QPushButton* playButton() const { return m_play; }
  QCustomPlot* normPlot() const { return m_normPlot; }
  QPushButton* exportAnimationButton() const { return m_export; }
  /// The decoded frames as an animation at the pace of Play, each captioned with its weight w. Empty before a
  /// run.
  AnimationSource animationSource() const;

 public Q_SLOTS:
  void run();

 private:
  void show(std::shared_ptr<const difflab::InterpolationReport> report);
  void clear();
  void refreshClasses();
  void advanceAnimation();

  OdeLabView* m_lab;
  std::shared_ptr<const difflab::InterpolationReport> m_report;
  QSpinBox* m_seedA = nullptr;
  QSpinBox* m_seedB = nullptr;
  QSpinBox* m_frames = nullptr;
  QComboBox* m_path = nullptr;
  QComboBox* m_classA = nullptr;
  QComboBox* m_classB = nullptr;
  QDoubleSpinBox* m_guidanceA = nullptr;
  QDoubleSpinBox* m_guidanceB = nullptr;
  QLabel* m_strip = nullptr;
  QLabel* m_animation = nullptr;
  QPushButton* m_play = nullptr;
  QPushButton* m_export = nullptr;
  QTimer* m_timer = nullptr;
  QVector<QImage> m_frameImages;
  int m_index = 0;
  QCustomPlot* m_normPlot = nullptr;
};
