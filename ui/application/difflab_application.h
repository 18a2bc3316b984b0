#pragma once
// Application set-up shared by the `difflab` executable and the ui tests: organisation/application names
// for QSettings, the translators chosen by locale or by the View ▸ Language override, the command line
// (--screenshots DIR, --lang CODE), and the run itself.

#include <QString>
#include <QStringList>

#include <vector>

class QApplication;
class QLocale;
class QTranslator;

namespace DifflabApplication {

/// A language of the interface: its code (--lang, the View ▸ Language setting, the name of
/// :/i18n/difflab_CODE.qm) and its name in itself, which is how menus show it so that it can be found from
/// any other language.
struct Language {
  QString code;
  QString nativeName;
};

/// The languages of the interface, English (the source language) first.
const std::vector<Language>& languages();

/// The code in languages() for a locale: same language and script ("de_AT" → "de", "es_MX" → "es",
/// "zh_CN", "zh_SG" → "zh_CN"); else the locale's name ("fr_FR", "zh_TW": Traditional Chinese is not
/// Simplified), for which only Qt's own translation may exist.
QString languageCode(const QLocale& locale);

/// Sets organisation, application name and version (QSettings paths, --version), and the window icon.
void configure(QApplication& app);

/// The language to use: `override` when not empty (a code of languages() or a locale name such as "es_ES",
/// "zh" or "zh-Hans", mapped by languageCode), else the QSettings override, else the system locale's.
QString chooseLanguage(const QString& override = QString());

/// Installs the translators for `language` ("de", "es", "zh_CN": ours from :/i18n/difflab_CODE.qm plus
/// Qt's own qtbase_CODE when present; "en": none) and removes earlier ones. Returns true when our
/// translation was found (always true for English, the source language).
bool installTranslators(const QString& language);

/// Parses the command line, then either renders the screenshots (--screenshots) and returns the exit
/// code, or shows the main window and runs the event loop.
int run(QApplication& app);

/// True when argv asks for offscreen rendering (--screenshots) or only prints (--help, --version): main() then
/// selects the offscreen platform before QApplication exists.
bool wantsOffscreen(int argc, char** argv);

}  // namespace DifflabApplication
