#pragma once
// Lecture mode (View ▸ Lecture mode, `difflab --lecture`): the window made readable from the back of a
// lecture hall, and driven like a slide deck.
//
//  * Size. The window's font and, in every plot, tick labels, axis labels, legends, titles and text items
//    grow by kScale; lines and axes get kScale× their width, markers kScale× their size. A plot's view sets
//    its pens again on every redraw; the new values are scaled on the plot's beforeReplot(), so the sizes
//    survive redraws. Turning the mode off puts every value back exactly as it was (or as the view set it
//    meanwhile), and the window's font too. Menus and tooltips grow by the same factor (dialogs do not).
//  * The equation. A banner above the tabs shows the current tab's governing equation with its numbers
//    (LectureView::lectureEquation), updated on the view's lectureEquationChanged() signal: the forward
//    marginal at t, the DDIM step at the player's step, CFG with its w, Langevin with its δ, …
//  * Keys. Space clicks the tab's play button; ← / → step its slider (Shift: a page; Home / End: the ends).
//    Keys for a focused widget that uses them itself (a text field, spin box, combo box, slider or list) are
//    left to it, and so are keys in dialogs.
// GUI thread only.

#include <QFont>
#include <QObject>
#include <QPointer>

#include <optional>
#include <vector>

class QCustomPlot;
class QLabel;
class QTabWidget;
class QWidget;

class LectureMode : public QObject {
  Q_OBJECT
 public:
  /// How much larger text, lines and markers are.
  static constexpr double kScale = 1.6;

  /// `window` is the main window (keys are taken only in it); `tabs` holds the views; `banner` is the label
  /// above them that shows the equation (hidden while the mode is off). All must outlive this object.
  LectureMode(QWidget* window, QTabWidget* tabs, QLabel* banner, QObject* parent = nullptr);
  ~LectureMode() override;

  bool isOn() const { return m_on; }
  /// The banner's current text (rich text; empty when the tab has no equation).
  QString equation() const;

 public Q_SLOTS:
  void setOn(bool on);
  /// Shows the current tab's equation again (the views' lectureEquationChanged() lands here).
  void refreshEquation();

 Q_SIGNALS:
  void toggled(bool on);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void onTabChanged();
  /// Scales (on) or restores (off) every plot in the window, and hooks new ones to their beforeReplot().
  void applyToPlots();
  void applyToPlot(QCustomPlot* plot);
  /// A slide key (space, arrows, Home, End) for the current tab; false when it is not one or is left alone.
  bool handleKey(QObject* watched, int key, Qt::KeyboardModifiers modifiers);

  QWidget* m_window;
  QTabWidget* m_tabs;
  QLabel* m_banner;
  bool m_on = false;
  std::optional<QFont> m_baseFont;  ///< the window's font before the mode (restored exactly)
  bool m_windowFontWasSet = false;  ///< whether that font was the window's own (else it is inherited again)
  std::vector<QFont> m_popupFonts;  ///< the menus' and tooltips' fonts before the mode
  QPointer<QWidget> m_connectedView;
};
