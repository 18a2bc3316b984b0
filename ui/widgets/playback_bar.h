#pragma once
// A transport bar for a sequence of steps 0 … N: rewind, one step back, play/pause, one step forward, a slider
// and the speed in steps per second. It owns the play timer and says which step to show (seekRequested); what
// showing a step means is its owner's. Steps may arrive over time (a chain being computed): playback waits at
// the last available step until more arrive. GUI-thread only.

#include <QWidget>

class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

class PlaybackBar : public QWidget {
  Q_OBJECT
 public:
  explicit PlaybackBar(QWidget* parent = nullptr);

  /// The last step, N (the slider runs 0 … N).
  void setMaximum(int last);
  int maximum() const;
  /// The last step that can be shown now (≤ N); playback waits there.
  void setAvailable(int last) { m_available = last; }
  /// Moves the slider to `step` without emitting seekRequested.
  void setPosition(int step);
  int position() const;
  bool isPlaying() const;
  void setStepsPerSecond(int stepsPerSecond);
  int stepsPerSecond() const;
  /// Appends a widget at the right end of the bar (an export button, say).
  void addTrailingWidget(QWidget* widget);

  QSlider* slider() const { return m_slider; }
  QPushButton* playButton() const { return m_play; }

 public Q_SLOTS:
  /// Starts playing; from the last step it starts again at 0.
  void play();
  void pause();
  void togglePlay();
  void stepForward();
  void stepBack();
  void rewind();

 Q_SIGNALS:
  /// The user or playback asks for `step` (not clamped to what is available).
  void seekRequested(int step);

 private:
  void onTick();

  QPushButton* m_rewind = nullptr;
  QPushButton* m_back = nullptr;
  QPushButton* m_play = nullptr;
  QPushButton* m_forward = nullptr;
  QSlider* m_slider = nullptr;
  QSpinBox* m_fps = nullptr;
  QTimer* m_timer = nullptr;
  int m_available = 0;
};
