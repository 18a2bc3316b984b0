#pragma once
// What a tab offers lecture mode (lecture/lecture_mode.h): the governing equation with the current numbers,
// and the controls the slide keys drive. A view implements this interface beside QWidget and declares
//
//   Q_SIGNALS: void lectureEquationChanged();
//
// which it emits whenever a number in its equation may have changed (a slider moved, a step played, a result
// arrived). Lecture mode connects to that signal by name, so the interface itself stays free of QObject.

#include <QString>

class QAbstractButton;
class QAbstractSlider;

class LectureView {
 public:
  virtual ~LectureView() = default;
  /// The tab's equation as rich text (lecture/lecture_equations.h builds the pieces); empty for none.
  virtual QString lectureEquation() const = 0;
  /// The slider the ← and → keys step (t, the chain's step); null for none.
  virtual QAbstractSlider* lectureSlider() const { return nullptr; }
  /// The button the space bar clicks (play / pause); null for none.
  virtual QAbstractButton* lecturePlayButton() const { return nullptr; }
};
