// difflab: the Diffusion Lab GUI. Everything but QApplication's construction lives in difflab_ui
// (ui/application/difflab_application.h), where the ui tests can reach it.

#include "application/difflab_application.h"

#include <QApplication>
#include <QByteArray>

int main(int argc, char** argv) {
  // Screenshots render without a display; the platform must be chosen before QApplication exists.
  if (DifflabApplication::wantsOffscreen(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
  QApplication app(argc, argv);
  DifflabApplication::configure(app);
  return DifflabApplication::run(app);
}
