#pragma once
// One quantity of a noise schedule plotted against the training step t: schedule A drawn solid, the
// comparison schedule B dashed, a hover read-out (tracer + label with t and every visible value), and
// optional vertical markers at chosen (sampling) timesteps. GUI-thread only.

#include <qcustomplot.h>

#include <QString>
#include <QVector>

#include <vector>

class SchedulePlot : public QCustomPlot {
  Q_OBJECT
 public:
  /// Which value axis a curve uses: the left linear one or the right logarithmic one (for σ_t).
  enum class ValueAxis { Left, RightLog };

  SchedulePlot(const QString& title, const QString& leftLabel, QWidget* parent = nullptr);

  /// Adds a quantity drawn as an A graph (solid) and a B graph (dashed); returns its index.
  int addCurve(const QString& name, const QColor& color, ValueAxis axis = ValueAxis::Left);
  /// Label of the right logarithmic axis (shown once a curve uses it).
  void setRightLabel(const QString& label);
  /// Replaces a curve's data. Non-finite values (λ_T = −∞ and σ_T = +∞ under zero terminal SNR) are left out.
  void setCurveData(int curve, bool comparison, const QVector<double>& t, const QVector<double>& values);
  /// Shows or hides every B graph; the names appear in the legend ("A: linear", "B: cosine").
  void setComparison(bool visible, const QString& nameA, const QString& nameB);
  QCPGraph* curveGraph(int curve, bool comparison) const;
  int curveCount() const { return static_cast<int>(m_curves.size()); }

  /// Vertical markers at the given t (e.g. the steps a sampler visits); an empty vector removes them.
  void setMarkers(const std::vector<double>& t);
  int markerCount() const;

  void setLegendCorner(Qt::Alignment corner);
  /// Extra room left and right of [0, T], as a fraction of T (so that points at t = 0 and t = T show whole).
  void setKeyPadding(double fraction) { m_keyPadding = fraction; }
  /// Sets the t axis to [0, T], rescales the value axes to the data (unless frozen) and queues one replot.
  void refresh(int64_t timesteps, bool rescaleValues = true);

  /// Shows the read-out for the data point nearest to the pixel's t; returns false outside the axis rect.
  bool showReadoutAt(const QPointF& pixel);
  void hideReadout();
  /// The read-out text, empty while hidden (for tests and accessibility).
  QString readoutText() const;

 protected:
  void leaveEvent(QEvent* event) override;

 private:
  struct Curve {
    QString name;
    QCPGraph* a = nullptr;
    QCPGraph* b = nullptr;
  };
  void onHover(QMouseEvent* event);
  void updateLegend();
  static void rescaleAxis(QCPAxis* axis, bool logarithmic);

  std::vector<Curve> m_curves;
  QCPTextElement* m_title = nullptr;
  QCPAxis* m_markerAxis = nullptr;
  QCPGraph* m_markers = nullptr;
  QCPItemTracer* m_tracer = nullptr;
  QCPItemText* m_readout = nullptr;
  QPointF m_hoverPixel;
  QString m_nameA;
  QString m_nameB;
  bool m_comparison = false;
  double m_keyPadding = 0.0;
};
