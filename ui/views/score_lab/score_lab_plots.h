#pragma once
// The score lab's pictures: the field plot (heat map, exact and learned arrows, Langevin particles with trails,
// the dashed start region, which a left-button drag redraws), with its caption; the particles per mode against
// the true weights; and the score-matching race's loss and field-error curves. GUI-thread only.

#include <ATen/core/Tensor.h>

#include <QWidget>

#include <string>
#include <vector>

class QCPBars;
class QCPColorMap;
class QCPCurve;
class QCPGraph;
class QCPItemRect;
class QCustomPlot;
class QLabel;

class ScoreLabPlots : public QWidget {
  Q_OBJECT
 public:
  explicit ScoreLabPlots(QWidget* parent = nullptr);

  /// The data rectangle {x_min, x_max, y_min, y_max} the field plot shows at equal aspect; the field's grid
  /// spans it.
  void setExtent(const double extent[4]);
  /// The Langevin start rectangle {x_min, y_min, x_max, y_max}, drawn dashed.
  void setRegion(const double region[4]);
  /// The data's modes along the histogram's axis, with their true weights (one per name).
  void setModes(const std::vector<std::string>& names, const at::Tensor& weights);
  /// Arrows of the exact field (black) and of a learned one (red, when defined) at `points` [N, 2], on one
  /// length scale, over the heat [grid²] (hidden when undefined).
  void showField(const at::Tensor& points, const at::Tensor& exact, const at::Tensor& learned, const at::Tensor& heat,
                 int grid, const QString& heatLabel, const QString& caption);
  /// One frame of the particles [N, 2] (the first ones leave trails) and their fractions per mode [M].
  void showParticles(const at::Tensor& positions, const at::Tensor& fractions, const QString& caption);
  /// Clears the particles, their trails and their bars.
  void clearParticles();
  /// Removes the arrows and the heat map and shows `caption` (the field of new data is being computed: the old one
  /// must not stand in the new axes meanwhile).
  void clearField(const QString& caption);
  /// Clears the race's curves.
  void clearRace();
  /// The race's mean losses over the last batches at `step`: DSM, and SSM + 1 (Stein: SSM's minimum is −E‖s‖²).
  void addRaceLoss(double step, double dsm, double ssmPlusOne);
  /// The race's relative field errors at `step`.
  void addFieldError(double step, double dsm, double ssm);

  /// Particle fraction per mode of the last frame shown (empty before any).
  const std::vector<double>& modeFractions() const { return m_fractions; }
  QCustomPlot* fieldPlot() const { return m_plot; }
  QCustomPlot* histogramPlot() const { return m_histPlot; }
  QLabel* captionLabel() const { return m_caption; }
  /// The field plot's key: one entry per thing drawn (exact and learned arrows, particles, start region).
  QLabel* keyLabel() const { return m_key; }

 Q_SIGNALS:
  /// The user dragged out a rectangle on the field plot (data coordinates).
  void regionDragged(double x0, double y0, double x1, double y1);

 private:
  void updateKey();
  double m_extent[4] = {-3, 3, -3, 3};
  std::vector<double> m_fractions;
  std::vector<at::Tensor> m_trail;  // the last positions of the first particles

  QCustomPlot* m_plot = nullptr;
  QCPColorMap* m_heatMap = nullptr;
  QCPCurve* m_exactArrows = nullptr;
  QCPCurve* m_learnedArrows = nullptr;
  QCPCurve* m_trails = nullptr;
  QCPGraph* m_particleGraph = nullptr;
  QCPItemRect* m_regionItem = nullptr;
  QLabel* m_caption = nullptr;
  QLabel* m_key = nullptr;
  double m_histTop = 1.0;  ///< the histogram's y range before particles (from the true weights)
  QCustomPlot* m_histPlot = nullptr;
  QCPBars* m_particleBars = nullptr;
  QCPBars* m_trueBars = nullptr;
  QCustomPlot* m_lossPlot = nullptr;
  QCustomPlot* m_errorPlot = nullptr;
};
