#pragma once
// The forward chain's statistics: the mean and standard deviation of x_t over t against their closed forms
// √ᾱ_t·mean(x₀) and √(ᾱ_t·Var(x₀) + 1 − ᾱ_t) (Ho et al. 2020, eq. 4), with a marker at the shown t, and a
// histogram of x_t's values against the N(0, 1) density it tends to. GUI-thread only.

#include <QWidget>

#include <cstdint>
#include <vector>

class QCPBars;
class QCPItemStraightLine;
class QCustomPlot;

class MarginalPlots : public QWidget {
  Q_OBJECT
 public:
  explicit MarginalPlots(QWidget* parent = nullptr);

  /// The curves over t = 0 … T (one value per t each).
  void setStatistics(const std::vector<double>& mean, const std::vector<double>& expectedMean,
                     const std::vector<double>& std, const std::vector<double>& expectedStd);
  /// Marks t on the statistics and shows the histogram of x_t's `count` values (over [−4, 4], 64 bins).
  void showStep(int64_t t, const float* values, int64_t count);

  QCustomPlot* statisticsPlot() const { return m_statsPlot; }
  QCustomPlot* histogramPlot() const { return m_histPlot; }

 private:
  QCustomPlot* m_statsPlot = nullptr;
  QCPItemStraightLine* m_tMarker = nullptr;
  QCustomPlot* m_histPlot = nullptr;
  QCPBars* m_histBars = nullptr;
};
