#pragma once
// The run controls a view pins under its scrolling settings (widgets/side_panel.h): a row of action buttons
// with Cancel last, a progress bar, and a status line that wraps and can be selected (error texts are copied
// into bug reports), never widening the panel. Optional rows (Save/Open…) go under the status. GUI-thread only.

#include <QWidget>

class QBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;

class RunBar : public QWidget {
  Q_OBJECT
 public:
  /// `actions`: the buttons' texts, left to right; `cancelText` labels the last button ("Cancel", "Stop"), or
  /// empty: no Cancel (and no button row without actions).
  /// The progress bar starts empty with `idleFormat` ("no run yet") as its text, range 0…1.
  RunBar(const QStringList& actions, const QString& cancelText, const QString& idleFormat, QWidget* parent = nullptr);

  /// The i-th action button (as given to the constructor).
  QPushButton* action(int i) const;
  /// Null when made without one.
  QPushButton* cancelButton() const { return m_cancel; }
  QProgressBar* progressBar() const { return m_progress; }
  QLabel* statusLabel() const { return m_status; }
  /// The status line in the normal colour, or in red for an error.
  void showStatus(const QString& text);
  void showError(const QString& text);
  /// Adds a row of widgets under the status line.
  void addRow(const QList<QWidget*>& widgets);

  /// A job started (`running`: Cancel enabled, the bar emptied with `format`, e.g. "step %v / %m") or ended
  /// (Cancel disabled; the bar keeps what it showed).
  void setRunning(bool running, const QString& format = QStringLiteral("%p%"));
  /// No run to show (refused, failed, or its result dropped): the bar empty, with the idle text it started with
  /// (or `text`, e.g. "cancelled"), so no total of an earlier run ("step 0 / 10") stays beside the message.
  void clearProgress(const QString& text = QString());

 private:
  QList<QPushButton*> m_actions;
  QPushButton* m_cancel = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  QBoxLayout* m_layout = nullptr;
  QString m_idleFormat;
};
