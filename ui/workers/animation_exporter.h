#pragma once
// Writes an animation (GIF, MP4 or a folder of PNG frames: core/io/animation_writer.h) on a JobRunner
// thread, drawing its frames there too, so the GUI never waits for an export. One export at a time; a new
// start() supersedes a running one (which stops and leaves nothing behind), requestStop() cancels.
//
// Any view can export its animation by describing it as an AnimationSource: the frames are QImages made by a
// function that the export calls on its own thread, in order, once each. QImage and QPainter on a QImage are
// thread-safe; the function must not touch widgets and must hold copies (or shared, read-only data) of what
// it draws, not references into the view, which may change while the export runs.

#include <ATen/core/Tensor.h>

#include <QImage>
#include <QObject>
#include <QString>

#include <functional>

class JobRunner;

struct AnimationSource {
  int count = 0;                     ///< frames, ≥ 1
  std::function<QImage(int)> frame;  ///< frame k = 0..count−1, all of one size; any thread
  double fps = 10.0;                 ///< suggested frames per second
  QString name;                      ///< suggested file name without suffix, e.g. "forward-chain"
  QString description;               ///< one line for the dialog, e.g. "101 frames: t = 0, 10, …, 1000"
};

class AnimationExporter : public QObject {
  Q_OBJECT
 public:
  explicit AnimationExporter(QObject* parent = nullptr);
  ~AnimationExporter() override;  ///< stops a running export (its temporaries are removed) and joins the thread

  /// Starts writing `source` to `path` (the format by its suffix, as difflab::animation_format_for_path) at
  /// `fps`; returns at once.
  void start(const QString& path, const AnimationSource& source, double fps);
  void requestStop();
  bool isRunning() const;

 Q_SIGNALS:
  void progress(double fraction);
  /// `summary`: one line naming the file, the frames and (MP4) the codec.
  void finished(const QString& path, const QString& summary);
  void failed(const QString& message);
  void cancelled();

 private:
  JobRunner* m_runner = nullptr;
};

/// A QImage as the uint8 [H, W, 3] RGB tensor the animation writer takes (any thread).
at::Tensor animationFrame(const QImage& image);
/// `picture` under a white band with `caption` (e.g. "t = 250") in black: frames that say where they are.
QImage captionedFrame(const QImage& picture, const QString& caption);
