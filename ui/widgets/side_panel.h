#pragma once
// The layout every view with settings shares: the settings on the left in a scroll area, the run controls
// (Start/Generate, Cancel, progress, status) pinned under it so they are always reachable, and the view's
// pictures on the right. A splitter between them lets the user widen the settings; its sizes are kept in
// QSettings under "layout/KEY". GUI-thread only.

#include <QString>

class QSplitter;
class QWidget;

namespace sidepanel {

/// Lays out `view` (which must have no layout yet) as described above and returns the splitter. `run` may be
/// null. The settings column starts at its preferred width, at least its minimum and at most 560 px.
QSplitter* install(QWidget* view, const QString& key, QWidget* settings, QWidget* run, QWidget* main);

/// Restores `splitter`'s sizes from QSettings "layout/KEY" (when saved) and saves them whenever the user moves it.
void remember(QSplitter* splitter, const QString& key);

}  // namespace sidepanel
