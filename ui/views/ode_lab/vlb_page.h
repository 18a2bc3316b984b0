#pragma once
// ODE lab ▸ Variational bound: L_T, L_{t−1} for every t and L₀ as bars on a log axis, with the total in bits/dim
// (difflab::vlb_report; Ho et al. 2020, eq. 5).

#include <QWidget>

#include <memory>

namespace difflab {
struct VlbReport;
}
class OdeLabView;
class QCustomPlot;
class QLabel;

class VlbPage : public QWidget {
  Q_OBJECT
 public:
  explicit VlbPage(OdeLabView* lab);
  ~VlbPage() override;
  std::shared_ptr<const difflab::VlbReport> report() const { return m_report; }
  QLabel* readout() const { return m_text; }
  QCustomPlot* plot() const { return m_plot; }

 public Q_SLOTS:
  void run();

 private:
  void show(std::shared_ptr<const difflab::VlbReport> report);
  void clear();

  OdeLabView* m_lab;
  std::shared_ptr<const difflab::VlbReport> m_report;
  QLabel* m_text = nullptr;
  QCustomPlot* m_plot = nullptr;
};
