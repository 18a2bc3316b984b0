#pragma once
// ODE lab ▸ Inversion: data → latent x_T → reconstruction through a deterministic sampler run both ways
// (difflab::inversion_report); the original, the latent and the reconstruction side by side, the error per
// sample, and the reconstruction error against steps, overlaid for up to five solver / spacing pairs.

#include <QWidget>

#include <memory>

namespace difflab {
struct InversionReport;
}
class OdeLabView;
class QCustomPlot;
class QLabel;
namespace odelab {
class ResultView;
}

class InversionPage : public QWidget {
  Q_OBJECT
 public:
  explicit InversionPage(OdeLabView* lab);
  ~InversionPage() override;
  /// The last report shown (null before the first run or after a model switch).
  std::shared_ptr<const difflab::InversionReport> report() const { return m_report; }
  QCustomPlot* curvePlot() const { return m_curvePlot; }

 public Q_SLOTS:
  void run();

 private:
  void show(std::shared_ptr<const difflab::InversionReport> report);
  void clear();

  OdeLabView* m_lab;
  std::shared_ptr<const difflab::InversionReport> m_report;
  odelab::ResultView* m_original = nullptr;
  odelab::ResultView* m_latent = nullptr;
  odelab::ResultView* m_reconstruction = nullptr;
  QLabel* m_text = nullptr;
  QCustomPlot* m_curvePlot = nullptr;
  int m_curveRuns = 0;  ///< colours of the overlaid curves
};
