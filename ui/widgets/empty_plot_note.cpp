#include "widgets/empty_plot_note.h"

#include <qcustomplot.h>

#include <QPointer>

namespace emptyplot {

void install(QCustomPlot* plot, const QString& text) {
  auto* note = new QCPItemText(plot);
  note->setObjectName(QStringLiteral("emptyPlotNote"));
  note->position->setType(QCPItemPosition::ptAxisRectRatio);
  note->position->setCoords(0.5, 0.5);
  note->setPositionAlignment(Qt::AlignCenter);
  note->setColor(Qt::gray);
  note->setText(text);
  QObject::connect(plot, &QCustomPlot::beforeReplot, note, [plot, note = QPointer<QCPItemText>(note)] {
    if (!note) return;
    bool hasData = false;
    for (int i = 0; i < plot->plottableCount() && !hasData; ++i) {
      QCPAbstractPlottable* p = plot->plottable(i);
      if (const QCPPlottableInterface1D* data = p->interface1D())
        hasData = data->dataCount() > 0;
      else if (const auto* map = qobject_cast<const QCPColorMap*>(p))  // a heat map counts while it is shown
        hasData = map->visible() && map->data()->keySize() > 0 && map->data()->valueSize() > 0;
    }
    note->setVisible(!hasData);
    // No legend box over an empty plot (it covered the note on small plots): the legend is hidden while the plot
    // is empty and shown again with the first data, if it was meant to show.
    const char* kWanted = "difflabLegendWanted";
    if (!hasData && plot->legend->visible()) {
      plot->setProperty(kWanted, true);
      plot->legend->setVisible(false);
    } else if (hasData && plot->property(kWanted).toBool()) {
      plot->setProperty(kWanted, QVariant());
      plot->legend->setVisible(true);
    }
  });
}

}  // namespace emptyplot
