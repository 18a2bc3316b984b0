#include "widgets/plot_view_bar.h"

#include "widgets/equal_aspect.h"

#include <qcustomplot.h>

#include <QBoxLayout>
#include <QLabel>
#include <QPushButton>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

QRectF squareAround(const QRectF& bounds) {
  const double side = std::max({bounds.width(), bounds.height(), 1e-6});
  return QRectF(bounds.center().x() - side / 2, bounds.center().y() - side / 2, side, side);
}

}  // namespace

PlotViewBar::PlotViewBar(QCustomPlot* plot, QCPGraph* data, QCPGraph* samples, QWidget* parent)
    : QWidget(parent), m_plot(plot), m_data(data), m_samples(samples) {
  // One row where the buttons fit; stacked where they do not (three bars side by side in lecture mode's larger
  // text, or a longer translation): the bar's minimum width is one button's, not the row's (minimumSizeHint).
  m_layout = new QBoxLayout(QBoxLayout::LeftToRight, this);
  m_layout->setContentsMargins(0, 0, 0, 0);
  m_layout->setSizeConstraint(QLayout::SetNoConstraint);  // the minimum is minimumSizeHint's, not the row's
  auto* layout = m_layout;
  m_fitData = new QPushButton(tr("Fit to data"), this);
  m_fitData->setToolTip(tr("Frame the data (grey); drag to pan, use the wheel to zoom"));
  m_fitSamples = new QPushButton(tr("Fit to samples"), this);
  m_fitSamples->setToolTip(tr("Frame 99 % of the samples on each axis"));
  m_count = new QLabel(this);
  // The count must never widen the view (three bars side by side in the Reverse chain): it wraps instead.
  m_count->setWordWrap(true);
  m_count->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_count->setMinimumWidth(0);
  layout->addWidget(m_fitData);
  layout->addWidget(m_fitSamples);
  layout->addWidget(m_count, 1);
  connect(m_fitData, &QPushButton::clicked, this, &PlotViewBar::fitToData);
  connect(m_fitSamples, &QPushButton::clicked, this, &PlotViewBar::fitToSamples);
  connect(m_plot, &QCustomPlot::afterReplot, this, &PlotViewBar::updateCount);
  // "(beyond 99 % of the samples)" holds only for the view Fit to samples made: a drag or the wheel ends it, and
  // so does a view framing the plot itself (updateCount compares the framed rectangle).
  connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_robustFit = false; });
  connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_robustFit = false; });
}

int PlotViewBar::rowWidth() const {
  return m_fitData->sizeHint().width() + m_layout->spacing() + m_fitSamples->sizeHint().width();
}

bool PlotViewBar::hasHeightForWidth() const { return true; }

int PlotViewBar::heightForWidth(int width) const {
  const int button = std::max(m_fitData->sizeHint().height(), m_fitSamples->sizeHint().height());
  const bool text = !m_count->text().isEmpty();
  if (width >= rowWidth()) {  // one row: the count wraps beside the buttons
    const int beside = width - rowWidth() - m_layout->spacing();
    return std::max(button, text && beside > 0 ? m_count->heightForWidth(beside) : 0);
  }
  return 2 * button + m_layout->spacing() + (text ? m_layout->spacing() + m_count->heightForWidth(width) : 0);
}

QSize PlotViewBar::sizeHint() const { return QSize(rowWidth(), heightForWidth(rowWidth())); }

QSize PlotViewBar::minimumSizeHint() const {
  const int width = std::max(m_fitData->sizeHint().width(), m_fitSamples->sizeHint().width());
  return QSize(width, heightForWidth(width));
}

void PlotViewBar::resizeEvent(QResizeEvent* event) {
  const auto direction = width() >= rowWidth() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
  if (m_layout->direction() != direction) {
    m_layout->setDirection(direction);
    updateGeometry();  // the height for this width changed
  }
  QWidget::resizeEvent(event);
}

QRectF PlotViewBar::graphBounds(const QCPGraph* graph, bool robust) {
  if (!graph || !graph->visible() || graph->data()->isEmpty()) return {};
  std::vector<double> xs, ys;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
    if (!std::isfinite(it->key) || !std::isfinite(it->value)) continue;
    xs.push_back(it->key);
    ys.push_back(it->value);
  }
  if (xs.empty()) return {};
  const size_t n = xs.size();
  const size_t cut = robust ? n / 200 : 0;
  auto range = [&](std::vector<double>& v) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(cut), v.end());
    const double lo = v[cut];
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n - 1 - cut), v.end());
    return std::make_pair(lo, v[n - 1 - cut]);
  };
  const auto [x0, x1] = range(xs);
  const auto [y0, y1] = range(ys);
  const double pad = 0.05 * std::max({x1 - x0, y1 - y0, 1e-3});
  return QRectF(QPointF(x0 - pad, y0 - pad), QPointF(x1 + pad, y1 + pad));
}

void PlotViewBar::fitToData() {
  m_robustFit = false;
  QRectF r = graphBounds(m_data, false);
  if (r.isEmpty()) r = graphBounds(m_samples, true);
  if (r.isEmpty()) return;
  plotaspect::showEqualAspect(m_plot, squareAround(r));
  m_plot->replot();
}

void PlotViewBar::fitToSamples() {
  const QRectF r = graphBounds(m_samples, true);
  if (r.isEmpty()) return;
  m_robustFit = true;
  m_robustRect = squareAround(r);
  plotaspect::showEqualAspect(m_plot, m_robustRect);
  m_plot->replot();
}

void PlotViewBar::updateCount() {
  const QCPRange x = m_plot->xAxis->range(), y = m_plot->yAxis->range();
  int outside = 0, total = 0;
  if (m_samples && m_samples->visible())
    for (auto it = m_samples->data()->constBegin(); it != m_samples->data()->constEnd(); ++it) {
      ++total;
      if (!(x.contains(it->key) && y.contains(it->value))) ++outside;  // NaN counts as outside
    }
  m_fitSamples->setEnabled(total > 0);
  m_fitData->setEnabled((m_data && !m_data->data()->isEmpty() && m_data->visible()) || total > 0);
  m_outside = outside;
  QString text = outside > 0 ? tr("%n of %1 samples outside the view", nullptr, outside).arg(total) : QString();
  if (m_robustFit && plotaspect::shownRect(m_plot) != m_robustRect) m_robustFit = false;  // framed since
  if (outside > 0 && m_robustFit) text += tr(" (beyond 99 % of the samples)");
  if (m_count->text() != text) {
    m_count->setText(text);
    updateGeometry();  // the bar's height for its width follows the count's lines
  }
  m_count->setStyleSheet(outside > 0 ? QStringLiteral("color: #b00020;") : QString());
}
