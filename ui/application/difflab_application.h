#pragma once
// Application set-up shared by the `difflab` executable and the ui tests: organisation/application names
// for QSettings, the translators chosen by locale or by the View ▸ Language override, the command line
// (--screenshots DIR, --lang CODE), and the run itself.

#include <QString>
#include <QStringList>

class QApplication;
class QTranslator;

namespace DifflabApplication {

/// Sets organisation, application name and version (QSettings paths, --version), and the window icon.
void configure(QApplication& app);

/// The language to use: `override` when not empty ("en", "de"), else the QSettings override, else the
/// system locale's language.
QString chooseLanguage(const QString& override = QString());

/// Installs the translators for `language` ("de": ours from :/i18n/difflab_de.qm plus Qt's own qtbase_de
/// when present; "en": none) and removes earlier ones. Returns true when our translation was found (always
/// true for English, the source language).
bool installTranslators(const QString& language);

/// Parses the command line, then either renders the screenshots (--screenshots) and returns the exit
/// code, or shows the main window and runs the event loop.
int run(QApplication& app);

/// True when argv asks for offscreen rendering (--screenshots): main() then selects the offscreen platform
/// before QApplication exists.
bool wantsOffscreen(int argc, char** argv);

}  // namespace DifflabApplication
