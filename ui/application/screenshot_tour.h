#pragma once
// Renders every tab of a MainWindow offscreen to PNG, for the README's tour and for looking at views while
// developing: `difflab --screenshots DIR [--lang de]`, also used by tests/ui/test_main_window.cpp.
//
// For each dataset spec given, the dataset is loaded (synchronously, on the GUI thread: this is a batch job),
// then each tab is shown and the window grabbed once the view is idle. A view that runs background work
// declares a Q_PROPERTY(bool busy) and the tour waits (bounded) until it reads false; other views get a
// short settling time for queued updates. A view that shows the dataset sets the dynamic property
// `usesDataset` (setProperty("usesDataset", true)) and is rendered once per dataset; others once. A view with
// pages (a child QTabWidget named "pages", as the ODE lab's) is also rendered on each of its other pages, the
// file named after the page's object name.

#include <QString>
#include <QStringList>

class MainWindow;
class QWidget;

struct ScreenshotOptions {
  QString directory;         ///< created if missing
  QString suffix;            ///< appended to the file names, e.g. "de"
  QStringList datasetSpecs;  ///< dataset specs to render the data-dependent views with
  int width = 1400;
  int height = 860;
  int busyTimeoutMs = 60000;  ///< the longest wait for one view to become idle
};

class ScreenshotTour {
 public:
  explicit ScreenshotTour(MainWindow* window) : m_window(window) {}

  /// Renders the views and returns the files written; throws std::runtime_error naming the file that could
  /// not be written or the dataset that could not be loaded.
  QStringList render(const ScreenshotOptions& options);

  /// A stable file-name stem for a view: its class name without "View", in kebab case
  /// ("ScheduleLabView" -> "schedule-lab").
  static QString viewId(const QWidget* view);
  /// "fashion-mnist:train" -> "fashion-mnist", "two-moons" -> "two-moons".
  static QString datasetId(const QString& spec);

  /// Processes events until the widget's "busy" property is false (or it has none) and then a little longer
  /// for queued repaints. Returns false on timeout.
  static bool waitUntilIdle(const QWidget* view, int timeoutMs);

 private:
  MainWindow* m_window;
};
