#pragma once
// Exports of what the views draw: every QCustomPlot as PNG, PDF or SVG (right-click ▸ Export…), every picture
// (image grids) as PNG (right-click ▸ Export image…), and File ▸ Export view…, which exports the main plot or
// picture of the current tab. The format follows the file's suffix. Files are written atomically (the bytes
// are made in memory, then core/io/atomic_file.h), so an export never leaves half a file.
//
// PNG is rendered at twice the plot's size (crisp on slides); PDF and SVG are vector drawings at the plot's
// size, with text at the size it has on screen. GUI thread only.

#include <QString>

class QCustomPlot;
class QImage;
class QLabel;
class QWidget;

namespace plotexport {

/// Adds "Export…" (object name "exportPlot") to the plot's actions and shows them on right-click.
void installPlotExportMenu(QCustomPlot* plot);
/// Adds "Export image…" (object name "exportImage") to a picture label: the picture it shows (its "picture"
/// property when set, the full-size image behind a scaled pixmap, else the pixmap), as PNG.
void installImageExportMenu(QLabel* label);
/// A right-click that did something else (removing a schedule control point) must not open the menu too.
void suppressNextContextMenu(QWidget* widget);

/// Writes `plot` to `path` as PNG, PDF or SVG by its suffix (case-insensitive). Returns an empty string on
/// success, else one line naming the path and the fault (an unknown suffix, a folder that cannot be written).
QString exportPlot(QCustomPlot* plot, const QString& path);
/// Writes `image` to `path` as PNG (the suffix must be .png). Empty string on success, else the fault.
QString exportImage(const QImage& image, const QString& path);
/// The picture a label shows, at full size (see installImageExportMenu); null when it shows none.
QImage labelPicture(const QLabel* label);

/// The main exportable thing of `view`: the largest visible plot or picture label (a widget with the property
/// "mainExport" set to true wins). Null when the view shows neither.
QWidget* mainExportable(QWidget* view);

/// Asks for a file (PNG, PDF or SVG) and exports the plot; errors in a message box.
void exportPlotInteractively(QCustomPlot* plot, QWidget* parent);
/// Asks for a PNG file and exports the label's picture.
void exportImageInteractively(QLabel* label, QWidget* parent);
/// File ▸ Export view…: exports mainExportable(view) interactively, or says that the view has nothing to export.
void exportView(QWidget* view, QWidget* parent);

}  // namespace plotexport
