// Core headers first: <torch/torch.h> must precede every Qt header.
#include "io/animation_writer.h"

#include "widgets/animation_export_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>

namespace {

const QString kFolderKey = QStringLiteral("export/folder");

QString startFolder() {
  const QString stored = QSettings().value(kFolderKey).toString();
  if (!stored.isEmpty() && QDir(stored).exists()) return stored;
  const QString videos = QStandardPaths::writableLocation(QStandardPaths::MoviesLocation);
  return QDir(videos).exists() ? videos : QDir::homePath();
}

// The path without its format's ending: "a/b.gif" → "a/b", "a/b/" → "a/b".
QString stem(QString path) {
  while (path.endsWith(QLatin1Char('/'))) path.chop(1);
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("gif") || suffix == QLatin1String("mp4")) path.chop(suffix.size() + 1);
  return path;
}

}  // namespace

AnimationExportDialog::AnimationExportDialog(const AnimationSource& source, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Export animation"));
  auto* layout = new QVBoxLayout(this);
  if (!source.description.isEmpty()) {
    auto* what = new QLabel(source.description, this);
    what->setWordWrap(true);
    layout->addWidget(what);
  }
  auto* form = new QFormLayout;
  m_gif = new QRadioButton(tr("Animated GIF (.gif)"), this);
  m_gif->setToolTip(tr("Plays in any browser and slide program; colours are reduced to 256, grey is exact."));
  m_mp4 = new QRadioButton(tr("MP4 video (.mp4)"), this);
  const difflab::Mp4Support mp4 = difflab::mp4_support();
  m_mp4->setEnabled(mp4.available);
  m_mp4->setToolTip(mp4.available ? tr("Encoded as %1.").arg(QString::fromStdString(mp4.codec))
                                  : QString::fromStdString(mp4.reason));
  m_png = new QRadioButton(tr("PNG frames in a folder (frame_0000.png, …)"), this);
  m_png->setToolTip(tr("Every frame losslessly, for editing or for your own video tools."));
  m_gif->setChecked(true);
  auto* formats = new QVBoxLayout;
  for (QRadioButton* b : {m_gif, m_mp4, m_png}) {
    formats->addWidget(b);
    connect(b, &QRadioButton::toggled, this, [this](bool on) {
      if (on) followFormat();
    });
  }
  form->addRow(tr("Format:"), formats);

  m_path = new QLineEdit(this);
  m_path->setMinimumWidth(360);
  auto* browse = new QPushButton(tr("Browse…"), this);
  connect(browse, &QPushButton::clicked, this, &AnimationExportDialog::browse);
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(m_path, 1);
  pathRow->addWidget(browse);
  form->addRow(tr("Save to:"), pathRow);

  m_fps = new QDoubleSpinBox(this);
  m_fps->setRange(1.0, 100.0);
  m_fps->setDecimals(1);
  m_fps->setSuffix(tr(" frames/s"));
  m_fps->setValue(std::clamp(source.fps, 1.0, 100.0));
  m_fps->setToolTip(tr("A GIF plays at most 50 frames per second."));
  form->addRow(tr("Frame rate:"), m_fps);
  layout->addLayout(form);

  m_note = new QLabel(this);
  m_note->setWordWrap(true);
  m_note->setStyleSheet(QStringLiteral("color: #b00020;"));
  m_note->hide();
  layout->addWidget(m_note);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  connect(buttons, &QDialogButtonBox::accepted, this, &AnimationExportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);

  const QString name = source.name.isEmpty() ? QStringLiteral("animation") : source.name;
  m_path->setText(QDir(startFolder()).filePath(name + QStringLiteral(".gif")));
}

AnimationExportDialog::Format AnimationExportDialog::format() const {
  return m_mp4->isChecked() ? Format::Mp4 : m_png->isChecked() ? Format::PngFolder : Format::Gif;
}

void AnimationExportDialog::setFormat(Format format) {
  (format == Format::Mp4 ? m_mp4 : format == Format::PngFolder ? m_png : m_gif)->setChecked(true);
}

QString AnimationExportDialog::path() const { return m_path->text().trimmed(); }
void AnimationExportDialog::setPath(const QString& path) { m_path->setText(path); }
double AnimationExportDialog::fps() const { return m_fps->value(); }
void AnimationExportDialog::setFps(double fps) { m_fps->setValue(fps); }

QRadioButton* AnimationExportDialog::formatButton(Format format) const {
  return format == Format::Mp4 ? m_mp4 : format == Format::PngFolder ? m_png : m_gif;
}

void AnimationExportDialog::followFormat() {
  const QString base = stem(path());
  if (base.isEmpty()) return;
  switch (format()) {
    case Format::Gif: m_path->setText(base + QStringLiteral(".gif")); break;
    case Format::Mp4: m_path->setText(base + QStringLiteral(".mp4")); break;
    case Format::PngFolder: m_path->setText(base + QLatin1Char('/')); break;
  }
}

void AnimationExportDialog::browse() {
  QString chosen;
  const QString start = stem(path());
  switch (format()) {
    case Format::Gif:
      chosen = QFileDialog::getSaveFileName(this, tr("Export animation"), start + QStringLiteral(".gif"),
                                            tr("Animated GIF (*.gif)"));
      break;
    case Format::Mp4:
      chosen = QFileDialog::getSaveFileName(this, tr("Export animation"), start + QStringLiteral(".mp4"),
                                            tr("MP4 video (*.mp4)"));
      break;
    case Format::PngFolder:
      // The name given becomes the folder of frames (a new one, or one holding an earlier sequence).
      chosen = QFileDialog::getSaveFileName(this, tr("Folder for the PNG frames"), start, QString(), nullptr,
                                            QFileDialog::DontConfirmOverwrite);
      break;
  }
  if (chosen.isEmpty()) return;
  m_path->setText(chosen);
  followFormat();
}

void AnimationExportDialog::accept() {
  if (stem(path()).isEmpty()) {
    m_note->setText(tr("Choose where to save the animation."));
    m_note->show();
    return;
  }
  followFormat();  // a typed name gets the format's ending
  QSettings().setValue(kFolderKey, QFileInfo(stem(path())).absolutePath());
  QDialog::accept();
}

AnimationExporter* startAnimationExport(QWidget* parent, const QString& path, const AnimationSource& source,
                                        double fps) {
  auto* exporter = new AnimationExporter(parent);
  auto* progress = new QProgressDialog(QObject::tr("Writing %1…").arg(path), QObject::tr("Cancel"), 0, 1000, parent);
  progress->setWindowTitle(QObject::tr("Export animation"));
  progress->setAutoClose(false);
  progress->setAutoReset(false);
  progress->setMinimumDuration(0);
  progress->setValue(0);
  progress->show();
  QObject::connect(progress, &QProgressDialog::canceled, exporter, &AnimationExporter::requestStop);
  QObject::connect(exporter, &AnimationExporter::progress, progress,
                   [progress](double f) { progress->setValue(static_cast<int>(f * 1000)); });
  auto done = [exporter, progress] {
    progress->hide();
    progress->deleteLater();
    exporter->deleteLater();
  };
  QObject::connect(exporter, &AnimationExporter::finished, parent,
                   [parent, done](const QString&, const QString& summary) {
                     done();
                     auto* box = new QMessageBox(QMessageBox::Information, QObject::tr("Export animation"), summary,
                                                 QMessageBox::Ok, parent);
                     box->setAttribute(Qt::WA_DeleteOnClose);
                     box->open();
                   });
  QObject::connect(exporter, &AnimationExporter::failed, parent, [parent, done](const QString& message) {
    done();
    auto* box = new QMessageBox(QMessageBox::Warning, QObject::tr("Export animation"),
                                QObject::tr("The animation was not written: %1").arg(message), QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
  });
  QObject::connect(exporter, &AnimationExporter::cancelled, parent, done);
  exporter->start(path, source, fps);
  return exporter;
}

void exportAnimation(QWidget* parent, const AnimationSource& source) {
  if (source.count < 1 || !source.frame) {
    QMessageBox::information(parent, QObject::tr("Export animation"),
                             QObject::tr("There is nothing to animate yet: wait until the chain has been computed."));
    return;
  }
  AnimationExportDialog dialog(source, parent);
  if (dialog.exec() != QDialog::Accepted) return;
  startAnimationExport(parent, dialog.path(), source, dialog.fps());
}
