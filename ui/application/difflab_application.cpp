#include "base/error_text.h"
#include "application/difflab_application.h"

#include "application/screenshot_tour.h"
#include "main_window.h"
#include "session/dataset_state.h"
#include "widgets/wheel_guard.h"

#include "lecture/lecture_mode.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <cstdio>
#include <exception>
#include <memory>
#include <vector>

namespace {

// Translators currently installed on the application (owned here: QCoreApplication does not own them).
std::vector<std::unique_ptr<QTranslator>>& installed() {
  static std::vector<std::unique_ptr<QTranslator>> translators;
  return translators;
}

}  // namespace

namespace DifflabApplication {

const std::vector<Language>& languages() {
  static const std::vector<Language> all{{QStringLiteral("en"), QStringLiteral("English")},
                                         {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                         {QStringLiteral("es"), QStringLiteral("Español")},
                                         {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
  return all;
}

QString languageCode(const QLocale& locale) {
  for (const Language& language : languages()) {
    const QLocale ours(language.code);
    if (ours.language() == locale.language() && ours.script() == locale.script()) return language.code;
  }
  return locale.name();
}

void configure(QApplication& app) {
  QApplication::setOrganizationName(QStringLiteral("DiffusionLab"));
  QApplication::setApplicationName(QStringLiteral("difflab"));
  QApplication::setApplicationDisplayName(QStringLiteral("Diffusion Lab"));
  QApplication::setApplicationVersion(QStringLiteral(DIFFLAB_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("difflab"));
  // The SVG is used where an SVG icon engine is installed (desktop entry, qt6-svg); the PNG everywhere.
  QIcon icon(QStringLiteral(":/icons/difflab-256.png"));
  icon.addFile(QStringLiteral(":/icons/difflab.svg"));
  app.setWindowIcon(icon);
}

QString chooseLanguage(const QString& override) {
  if (!override.isEmpty()) {
    const QLocale locale(override);
    // QLocale falls back to "C" for a name it does not know: that name is kept, and finds no translation.
    return locale.language() == QLocale::C ? override : languageCode(locale);
  }
  const QString stored = QSettings().value(MainWindow::languageSettingsKey()).toString();
  if (!stored.isEmpty()) return stored;
  return languageCode(QLocale());
}

bool installTranslators(const QString& language) {
  for (auto& translator : installed()) QCoreApplication::removeTranslator(translator.get());
  installed().clear();
  if (language.isEmpty() || language == QLatin1String("en")) return true;  // the source language

  bool found = false;
  auto ours = std::make_unique<QTranslator>();
  if (ours->load(QStringLiteral(":/i18n/difflab_%1.qm").arg(language))) {
    QCoreApplication::installTranslator(ours.get());
    installed().push_back(std::move(ours));
    found = true;
  }
  // Qt's own strings (standard buttons, file dialogs), when the qt6-translations-l10n package is there.
  auto qt = std::make_unique<QTranslator>();
  if (qt->load(QStringLiteral("qtbase_%1").arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt.get());
    installed().push_back(std::move(qt));
  }
  return found;
}

bool wantsOffscreen(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    // --help and --version print and exit: they must work on a server without a display too.
    if (arg == "--screenshots" || arg.startsWith("--screenshots=") || arg == "--help" || arg == "-h" ||
        arg == "--help-all" || arg == "--version" || arg == "-v")
      return true;
  }
  return false;
}

int run(QApplication& app) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QApplication::translate("DifflabApplication", "Diffusion Lab: a laboratory for diffusion generative models."));
  parser.addHelpOption();
  parser.addVersionOption();
  QStringList codes;
  for (const Language& each : languages()) codes << each.code;
  const QCommandLineOption language(
      QStringLiteral("lang"),
      QApplication::translate("DifflabApplication", "Language of the interface (%1); overrides the setting.")
          .arg(codes.join(QStringLiteral(", "))),
      QStringLiteral("code"));
  const QCommandLineOption screenshots(
      QStringLiteral("screenshots"),
      QApplication::translate("DifflabApplication",
                              "Render every view offscreen to PNG files in <dir> (Fashion-MNIST and two moons) "
                              "and exit."),
      QStringLiteral("dir"));
  const QCommandLineOption datasets(
      QStringLiteral("screenshot-datasets"),
      QApplication::translate(
          "DifflabApplication",
          "Comma-separated dataset specs for --screenshots (default: fashion-mnist:train,two-moons)."),
      QStringLiteral("specs"));
  const QCommandLineOption model(
      QStringLiteral("model"),
      QApplication::translate("DifflabApplication",
                              "Open a checkpoint or Gaussian-mixture JSON <file> in the sampling views."),
      QStringLiteral("file"));
  const QCommandLineOption size(
      QStringLiteral("screenshot-size"),
      QApplication::translate("DifflabApplication",
                              "Window size for --screenshots, e.g. 1366x728 (a laptop) or 1280x680 (1920 × 1080 at "
                              "150 %, with QT_SCALE_FACTOR=1.5); default 1400x860."),
      QStringLiteral("WxH"));
  const QCommandLineOption lecture(
      QStringLiteral("lecture"),
      QApplication::translate("DifflabApplication",
                              "Start in lecture mode (View ▸ Lecture mode): larger text and lines, each tab's equation "
                              "with its numbers, slide keys."));
  parser.addOptions({language, screenshots, datasets, model, size, lecture});
  parser.addPositionalArgument(
      QStringLiteral("session"),
      QApplication::translate("DifflabApplication", "A session file (.difflab) to open, as File ▸ Open session."),
      QStringLiteral("[session.difflab]"));
  parser.process(app);

  const QString lang = chooseLanguage(parser.value(language));
  const bool translated = installTranslators(lang) && lang != QLatin1String("en");
  WheelGuard::install();

  if (parser.isSet(screenshots)) {
    MainWindow window;
    if (parser.isSet(model)) window.openModel(parser.value(model));
    ScreenshotOptions options;
    options.directory = parser.value(screenshots);
    options.suffix = translated ? lang : QString();
    if (parser.isSet(size)) {
      const QStringList parts = parser.value(size).split(QLatin1Char('x'));
      bool okW = false, okH = false;
      const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0, h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
      if (!okW || !okH || w < 640 || h < 480 || w > 8000 || h > 8000) {
        std::fprintf(stderr,
                     "difflab: --screenshot-size must be WIDTHxHEIGHT between 640x480 and 8000x8000, got '%s'\n",
                     qPrintable(parser.value(size)));
        return 2;
      }
      options.width = w;
      options.height = h;
    }
    options.datasetSpecs = parser.isSet(datasets)
                               ? parser.value(datasets).split(QLatin1Char(','), Qt::SkipEmptyParts)
                               : QStringList{DatasetState::defaultSpec(), DatasetState::fallbackSpec()};
    if (parser.isSet(lecture)) {  // turned on in the shown window, as View ▸ Lecture mode does: sizes then hold
      window.resize(options.width, options.height);
      window.show();
      window.lectureMode()->setOn(true);
    }
    try {
      const QStringList files = ScreenshotTour(&window).render(options);
      for (const QString& file : files) std::printf("%s\n", qPrintable(file));
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "difflab: %s\n", difflab::user_message(e.what()).c_str());
      return 1;
    }
  }

  const QStringList positional = parser.positionalArguments();
  if (positional.size() > 1) {
    std::fprintf(stderr, "difflab: one session file at most, got %lld arguments\n",
                 static_cast<long long>(positional.size()));
    return 2;
  }
  MainWindow window;
  window.show();
  if (parser.isSet(lecture)) window.lectureMode()->setOn(true);  // after show: the window keeps its size
  // A session brings its own data set; the default is loaded only without one (or when it is refused).
  if (positional.isEmpty()) window.loadDefaultDataset();
  if (parser.isSet(model)) window.openModel(parser.value(model));
  if (!positional.isEmpty()) {
    window.openSessionAndReport(positional.front());
    // A refused session, or one without a data set, leaves the built-in default.
    if (!window.datasetState()->isLoading() && !window.datasetState()->dataset()) window.loadDefaultDataset();
  }
  return app.exec();
}

}  // namespace DifflabApplication
