#pragma once
// ODE lab ▸ Likelihood: the probability-flow ODE log-likelihood in nats and bits/dim (difflab::likelihood_report),
// exact divergence or Hutchinson with P probe seeds whose spread is shown; for the exact mixture the true
// log-density is shown next to it.

#include <QWidget>

#include <memory>

namespace difflab {
struct LikelihoodReport;
}
class OdeLabView;
class QComboBox;
class QCustomPlot;
class QLabel;
class QSpinBox;

class LikelihoodPage : public QWidget {
  Q_OBJECT
 public:
  explicit LikelihoodPage(OdeLabView* lab);
  ~LikelihoodPage() override;
  std::shared_ptr<const difflab::LikelihoodReport> report() const { return m_report; }
  QComboBox* divergenceBox() const { return m_divergence; }
  QSpinBox* probeSeedsBox() const { return m_probeSeeds; }
  QLabel* readout() const { return m_text; }
  /// The RK45 rtol = atol a run integrates to: 1e-5 for points, 1e-4 for images (their Hutchinson estimate's own
  /// spread is far larger than the solver's error there).
  double tolerance() const;

 public Q_SLOTS:
  void run();

 private:
  /// `tolerance`: the RK45 rtol = atol the run integrated to (named in the result).
  void show(std::shared_ptr<const difflab::LikelihoodReport> report, double tolerance);
  void clear();

  OdeLabView* m_lab;
  std::shared_ptr<const difflab::LikelihoodReport> m_report;
  QComboBox* m_divergence = nullptr;
  QSpinBox* m_probes = nullptr;
  QSpinBox* m_probeSeeds = nullptr;
  QLabel* m_text = nullptr;
  QCustomPlot* m_plot = nullptr;
};
