#pragma once
// Export animation…: a dialog that asks for the format (animated GIF, MP4 video, PNG frames in a folder),
// the destination and the frame rate, then a progress dialog with Cancel while an AnimationExporter writes the
// file on its own thread. MP4 is greyed out, with the reason as its tooltip, where the build or FFmpeg cannot
// write it. Views call exportAnimation() with an AnimationSource (workers/animation_exporter.h); the score lab
// and any later view can do the same. GUI thread only.

#include "workers/animation_exporter.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;

class AnimationExportDialog : public QDialog {
  Q_OBJECT
 public:
  enum class Format { Gif, Mp4, PngFolder };

  AnimationExportDialog(const AnimationSource& source, QWidget* parent = nullptr);

  Format format() const;
  void setFormat(Format format);  ///< also changes the destination's suffix
  QString path() const;           ///< a PNG folder ends in '/'
  void setPath(const QString& path);
  double fps() const;
  void setFps(double fps);

  QRadioButton* formatButton(Format format) const;

 private:
  void browse();
  void followFormat();
  void accept() override;

  QRadioButton* m_gif = nullptr;
  QRadioButton* m_mp4 = nullptr;
  QRadioButton* m_png = nullptr;
  QLineEdit* m_path = nullptr;
  QDoubleSpinBox* m_fps = nullptr;
  QLabel* m_note = nullptr;
};

/// Writes `source` to `path` at `fps` on a new AnimationExporter (returned; it deletes itself when done),
/// showing a progress dialog with Cancel and then the result (or the error) in a message box.
AnimationExporter* startAnimationExport(QWidget* parent, const QString& path, const AnimationSource& source,
                                        double fps);
/// The whole interaction: the dialog, then startAnimationExport. Says so when the source has no frames yet.
void exportAnimation(QWidget* parent, const AnimationSource& source);
