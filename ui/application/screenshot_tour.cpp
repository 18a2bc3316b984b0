#include "data/dataset_catalog.h"

#include "application/screenshot_tour.h"

#include "main_window.h"
#include "session/dataset_state.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>
#include <QRegularExpression>
#include <QTabWidget>
#include <QThread>
#include <QVariant>

#include <stdexcept>

QString ScreenshotTour::viewId(const QWidget* view) {
  QString name = QString::fromLatin1(view->metaObject()->className());
  if (name.endsWith(QStringLiteral("View"))) name.chop(4);
  name.replace(QRegularExpression(QStringLiteral("([a-z0-9])([A-Z])")), QStringLiteral("\\1-\\2"));
  return name.toLower();
}

QString ScreenshotTour::datasetId(const QString& spec) {
  QString id = spec.section(QLatin1Char(':'), 0, 0);
  id.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("-"));
  return id;
}

bool ScreenshotTour::waitUntilIdle(const QWidget* view, int timeoutMs) {
  QElapsedTimer clock;
  clock.start();
  auto settle = [](int ms) {
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
      QApplication::processEvents(QEventLoop::AllEvents, 20);
      QThread::msleep(5);
    }
  };
  settle(150);  // queued work a view starts on show
  while (view->property("busy").toBool()) {
    if (clock.elapsed() > timeoutMs) return false;
    settle(25);
  }
  settle(250);  // the last results reach the widgets through queued calls and a drain timer
  return true;
}

QStringList ScreenshotTour::render(const ScreenshotOptions& options) {
  if (!QDir().mkpath(options.directory))
    throw std::runtime_error("cannot create the screenshot folder " + options.directory.toStdString());
  m_window->resize(options.width, options.height);
  m_window->show();
  QTabWidget* tabs = m_window->tabs();
  const QString suffix = options.suffix.isEmpty() ? QString() : QStringLiteral("-") + options.suffix;

  QStringList written;
  auto grab = [&](QWidget* view, const QString& stem) {
    waitUntilIdle(view, options.busyTimeoutMs);
    const QString file = QDir(options.directory).filePath(stem + suffix + QStringLiteral(".png"));
    if (!m_window->grab().save(file)) throw std::runtime_error("cannot write the screenshot " + file.toStdString());
    written << file;
  };

  QStringList specs = options.datasetSpecs;
  if (specs.isEmpty()) specs << QString();  // the window's current dataset
  for (int d = 0; d < specs.size(); ++d) {
    const QString& spec = specs[d];
    if (!spec.isEmpty()) {
      // Loaded here rather than through DatasetState::load: a batch job that must not race the grabs.
      auto dataset = std::make_shared<const difflab::Dataset>(difflab::load_dataset(spec.toStdString(), 0));
      m_window->datasetState()->setDataset(dataset, spec);
    }
    for (int i = 0; i < tabs->count(); ++i) {
      QWidget* view = tabs->widget(i);
      // Views that do not depend on the dataset are rendered once, with the first dataset.
      const bool usesData = view->property("usesDataset").toBool();
      if (d > 0 && !usesData) continue;
      tabs->setCurrentIndex(i);
      const QString stem =
          usesData && !spec.isEmpty() ? viewId(view) + QStringLiteral("-") + datasetId(spec) : viewId(view);
      grab(view, stem);
      // A view of several pages (the ODE lab's tools: a QTabWidget named "pages") is shown page by page, each
      // named by its page's object name: "ode-lab-interpolation".
      if (auto* pages = view->findChild<QTabWidget*>(QStringLiteral("pages"))) {
        const int shown = pages->currentIndex();
        for (int p = 0; p < pages->count(); ++p) {
          if (p == shown) continue;
          pages->setCurrentIndex(p);
          grab(view, stem + QStringLiteral("-") + pages->widget(p)->objectName());
        }
        pages->setCurrentIndex(shown);
      }
    }
  }
  return written;
}
