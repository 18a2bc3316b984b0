#include "base/error_text.h"
#include "widgets/plot_export.h"

#include "io/atomic_file.h"

#include <qcustomplot.h>

#include <QAction>
#include <QBuffer>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPageSize>
#include <QPdfWriter>
#include <QPixmap>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgGenerator>

#include <algorithm>
#include <exception>
#include <limits>

namespace plotexport {
namespace {

const char* const kSuppressProperty = "plotExportSuppressMenu";
const char* const kFolderKey = "export/folder";
constexpr double kPngScale = 2.0;

// Shows the widget's actions on right-click unless the press was already used (suppressNextContextMenu).
void showActionsOnRightClick(QWidget* widget) {
  widget->setContextMenuPolicy(Qt::CustomContextMenu);
  QObject::connect(widget, &QWidget::customContextMenuRequested, widget, [widget](const QPoint& pos) {
    if (widget->property(kSuppressProperty).toBool()) {
      widget->setProperty(kSuppressProperty, false);
      return;
    }
    QMenu menu(widget);
    menu.addActions(widget->actions());
    menu.exec(widget->mapToGlobal(pos));
  });
}

QString writeBytes(const QString& path, const QByteArray& bytes) {
  try {
    difflab::write_file_atomically(path.toStdString(),
                                   std::string(bytes.constData(), static_cast<size_t>(bytes.size())));
    return {};
  } catch (const std::exception& e) {
    return QString::fromStdString(difflab::user_message(e.what()));
  }
}

QByteArray pngBytes(const QImage& image) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return bytes;
}

// A vector drawing of the plot at its on-screen size, on any paint device whose logical DPI is the plot's, so
// text keeps its on-screen size relative to the plot.
void paintVector(QCustomPlot* plot, QPaintDevice* device, int width, int height) {
  QCPPainter painter;
  painter.begin(device);
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  plot->toPainter(&painter, width, height);
  painter.end();
}

QByteArray pdfBytes(QCustomPlot* plot, int width, int height) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QPdfWriter writer(&buffer);
  const int dpi = plot->logicalDpiX();
  writer.setResolution(dpi);  // one device unit is one screen pixel
  writer.setPageSize(QPageSize(QSizeF(width, height) * 72.0 / dpi, QPageSize::Point));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  writer.setCreator(QStringLiteral("Diffusion Lab"));
  paintVector(plot, &writer, width, height);
  return bytes;
}

QByteArray svgBytes(QCustomPlot* plot, int width, int height) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setResolution(plot->logicalDpiX());
  svg.setSize(QSize(width, height));
  svg.setViewBox(QRect(0, 0, width, height));
  svg.setTitle(QStringLiteral("Diffusion Lab plot"));
  paintVector(plot, &svg, width, height);
  return bytes;
}

QString startFolder() {
  const QString stored = QSettings().value(QLatin1String(kFolderKey)).toString();
  if (!stored.isEmpty() && QDir(stored).exists()) return stored;
  return QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
}

void rememberFolder(const QString& path) {
  QSettings().setValue(QLatin1String(kFolderKey), QFileInfo(path).absolutePath());
}

QString suggestedName(const QWidget* widget, const QString& suffix) {
  QString name = widget->objectName().isEmpty() ? QStringLiteral("plot") : widget->objectName();
  return QDir(startFolder()).filePath(name + QLatin1Char('.') + suffix);
}

}  // namespace

void installPlotExportMenu(QCustomPlot* plot) {
  auto* action = new QAction(QObject::tr("Export…"), plot);
  action->setObjectName(QStringLiteral("exportPlot"));
  action->setToolTip(QObject::tr("Save this plot as PNG, PDF or SVG"));
  QObject::connect(action, &QAction::triggered, plot, [plot] { exportPlotInteractively(plot, plot->window()); });
  plot->addAction(action);
  showActionsOnRightClick(plot);
}

void installImageExportMenu(QLabel* label) {
  auto* action = new QAction(QObject::tr("Export image…"), label);
  action->setObjectName(QStringLiteral("exportImage"));
  action->setToolTip(QObject::tr("Save this picture as PNG"));
  QObject::connect(action, &QAction::triggered, label, [label] { exportImageInteractively(label, label->window()); });
  label->addAction(action);
  showActionsOnRightClick(label);
}

void suppressNextContextMenu(QWidget* widget) { widget->setProperty(kSuppressProperty, true); }

QString exportPlot(QCustomPlot* plot, const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  const int width = std::max(plot->width(), 1), height = std::max(plot->height(), 1);
  QByteArray bytes;
  if (suffix == QLatin1String("png"))
    bytes = pngBytes(plot->toPixmap(width, height, kPngScale).toImage());
  else if (suffix == QLatin1String("pdf"))
    bytes = pdfBytes(plot, width, height);
  else if (suffix == QLatin1String("svg"))
    bytes = svgBytes(plot, width, height);
  else
    return QObject::tr("Cannot export to '%1': a plot is written as .png, .pdf or .svg.").arg(path);
  if (bytes.isEmpty()) return QObject::tr("Cannot export to '%1': the plot could not be drawn.").arg(path);
  return writeBytes(path, bytes);
}

QString exportImage(const QImage& image, const QString& path) {
  if (QFileInfo(path).suffix().toLower() != QLatin1String("png"))
    return QObject::tr("Cannot export to '%1': a picture is written as .png.").arg(path);
  if (image.isNull()) return QObject::tr("Cannot export to '%1': there is no picture yet.").arg(path);
  return writeBytes(path, pngBytes(image));
}

QImage labelPicture(const QLabel* label) {
  const QImage picture = label->property("picture").value<QImage>();
  if (!picture.isNull()) return picture;
  return label->pixmap().toImage();
}

QWidget* mainExportable(QWidget* view) {
  if (!view) return nullptr;
  QWidget* best = nullptr;
  qint64 bestArea = 0;
  auto consider = [&](QWidget* w) {
    if (!w->isVisible() || w->window() != view->window()) return;
    if (w->property("mainExport").toBool()) {
      best = w;
      bestArea = std::numeric_limits<qint64>::max();
      return;
    }
    const qint64 area = static_cast<qint64>(w->width()) * w->height();
    if (area > bestArea) {
      best = w;
      bestArea = area;
    }
  };
  for (QCustomPlot* plot : view->findChildren<QCustomPlot*>()) consider(plot);
  if (auto* plot = qobject_cast<QCustomPlot*>(view)) consider(plot);
  for (QLabel* label : view->findChildren<QLabel*>())
    if (!labelPicture(label).isNull() && label->actions().size() > 0) consider(label);
  return best;
}

void exportPlotInteractively(QCustomPlot* plot, QWidget* parent) {
  const QString png = QObject::tr("PNG image (*.png)"), pdf = QObject::tr("PDF document (*.pdf)"),
                svg = QObject::tr("SVG drawing (*.svg)");
  QString filter = png;
  QString path =
      QFileDialog::getSaveFileName(parent, QObject::tr("Export plot"), suggestedName(plot, QStringLiteral("png")),
                                   png + QStringLiteral(";;") + pdf + QStringLiteral(";;") + svg, &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty())
    path += filter == pdf ? QStringLiteral(".pdf") : filter == svg ? QStringLiteral(".svg") : QStringLiteral(".png");
  rememberFolder(path);
  const QString error = exportPlot(plot, path);
  if (!error.isEmpty()) QMessageBox::warning(parent, QObject::tr("Export plot"), error);
}

void exportImageInteractively(QLabel* label, QWidget* parent) {
  QString path =
      QFileDialog::getSaveFileName(parent, QObject::tr("Export image"), suggestedName(label, QStringLiteral("png")),
                                   QObject::tr("PNG image (*.png)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".png");
  rememberFolder(path);
  const QString error = exportImage(labelPicture(label), path);
  if (!error.isEmpty()) QMessageBox::warning(parent, QObject::tr("Export image"), error);
}

void exportView(QWidget* view, QWidget* parent) {
  QWidget* target = mainExportable(view);
  if (auto* plot = qobject_cast<QCustomPlot*>(target))
    exportPlotInteractively(plot, parent);
  else if (auto* label = qobject_cast<QLabel*>(target))
    exportImageInteractively(label, parent);
  else
    QMessageBox::information(parent, QObject::tr("Export view"),
                             QObject::tr("This view shows no plot or picture to export yet."));
}

}  // namespace plotexport
