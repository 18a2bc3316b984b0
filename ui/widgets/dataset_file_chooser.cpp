#include "widgets/dataset_file_chooser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QSettings>

namespace {

// The folder the last dialog ended in, so a user opening images and then labels is not sent home each time.
QString lastDir() { return QSettings().value(QStringLiteral("datasets/lastDir"), QDir::homePath()).toString(); }
void rememberDir(const QString& path) {
  QSettings().setValue(QStringLiteral("datasets/lastDir"), QFileInfo(path).absolutePath());
}

QString mixturesDir() {
  for (const QString& dir : {QCoreApplication::applicationDirPath() + QStringLiteral("/../share/difflab/mixtures"),
                             QStringLiteral("/usr/share/difflab/mixtures")})
    if (QDir(dir).exists()) return QDir(dir).absolutePath();
  return lastDir();
}

}  // namespace

QString DatasetFileChooser::actionText(Source source) {
  switch (source) {
    case Source::Idx: return tr("IDX files (MNIST, Fashion-MNIST)…");
    case Source::Cifar10: return tr("CIFAR-10 binary batch…");
    case Source::ImageFolder: return tr("Folder of images…");
    case Source::GaussianMixture: return tr("Gaussian mixture (JSON)…");
  }
  return {};
}

QString DatasetFileChooser::idxSpec(const QString& images, const QString& labels) {
  return QStringLiteral("idx:%1,%2").arg(images, labels);
}

QString DatasetFileChooser::folderSpec(const QString& dir, int size) {
  return QStringLiteral("folder:%1@%2").arg(dir).arg(size);
}

QString DatasetFileChooser::ask(Source source, QWidget* parent) {
  switch (source) {
    case Source::Idx: {
      const QString filter = tr("IDX files (*-ubyte *-ubyte.gz *.idx *.gz);;All files (*)");
      const QString images = QFileDialog::getOpenFileName(parent, tr("Open IDX images"), lastDir(), filter);
      if (images.isEmpty()) return {};
      rememberDir(images);
      const QString labels =
          QFileDialog::getOpenFileName(parent, tr("Open the matching IDX labels"), lastDir(), filter);
      if (labels.isEmpty()) return {};
      return idxSpec(images, labels);
    }
    case Source::Cifar10: {
      const QString file = QFileDialog::getOpenFileName(parent, tr("Open a CIFAR-10 binary batch"), lastDir(),
                                                        tr("CIFAR-10 batches (*.bin);;All files (*)"));
      if (file.isEmpty()) return {};
      rememberDir(file);
      return QStringLiteral("cifar10:%1").arg(file);
    }
    case Source::ImageFolder: {
      const QString dir = QFileDialog::getExistingDirectory(parent, tr("Open a folder of images"), lastDir());
      if (dir.isEmpty()) return {};
      rememberDir(dir + QStringLiteral("/."));
      bool ok = false;
      const int size =
          QInputDialog::getInt(parent, tr("Image size"),
                               tr("Images are resized and centre-cropped to this size (pixels):"), 32, 8, 256, 1, &ok);
      if (!ok) return {};
      return folderSpec(dir, size);
    }
    case Source::GaussianMixture: {
      const QString file = QFileDialog::getOpenFileName(parent, tr("Open a Gaussian mixture"), mixturesDir(),
                                                        tr("Gaussian mixtures (*.json);;All files (*)"));
      if (file.isEmpty()) return {};
      rememberDir(file);
      return QStringLiteral("gmm:%1").arg(file);
    }
  }
  return {};
}
