#pragma once
// The main window: one tab per view, sharing one ScheduleState, one DatasetState and one ModelSession (the
// current model of every sampling view): the "session" of the window. Views are registered in main_window.cpp's constructor, one line each. Also owns the menus
// (File, View ▸ Language, Help), the status bar and the window settings kept in QSettings.

#include <QMainWindow>

class DatasetState;
class LectureMode;
class ModelSession;
class QLabel;
class QMenu;
class QTabWidget;
class ScheduleState;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  ScheduleState* scheduleState() const { return m_schedule; }
  DatasetState* datasetState() const { return m_dataset; }
  ModelSession* modelSession() const { return m_models; }
  QTabWidget* tabs() const { return m_tabs; }
  /// View ▸ Lecture mode (lecture/lecture_mode.h).
  LectureMode* lectureMode() const { return m_lecture; }

  /// Adds `view` as a tab titled `title` (already translated); the window takes ownership.
  void addView(QWidget* view, const QString& title);

  /// Loads the built-in default (Fashion-MNIST); if that fails, the 2-D fallback with a status-bar note.
  void loadDefaultDataset();

  /// Makes the model file `path` current (session/model_session.h): every sampling view that does not pin its
  /// own opens it. `difflab --model FILE`; a finished training run does the same with its checkpoint.
  void openModel(const QString& path);

  /// Writes the whole lab to `path` as a session file (.difflab: session/window_session.h), atomically, and
  /// makes it the window's session. False with a message naming the file and the fault on failure.
  bool saveSession(const QString& path, QString* error = nullptr);
  /// Opens the session file `path`: false with the reason when it is refused (not a session, a newer
  /// version, unreadable). Settings that could not be applied (a model file gone, a value no longer offered)
  /// are listed in `warnings`; the rest is restored. Models and data sets finish opening on workers.
  bool openSession(const QString& path, QStringList* warnings = nullptr, QString* error = nullptr);
  /// The session file last opened or saved (empty when none).
  QString sessionPath() const { return m_sessionPath; }
  /// Session files opened or saved, newest first (QSettings), at most kMaxRecentSessions.
  static QStringList recentSessions();
  static constexpr int kMaxRecentSessions = 8;

  /// QSettings key of the language override: "" (system locale) or a code of DifflabApplication::languages().
  static QString languageSettingsKey();

 public Q_SLOTS:
  void openDatasetFile();
  void showAbout();
  /// Opens `path` and reports refusals and warnings in message boxes (File ▸ Open session, the recent
  /// sessions, `difflab FILE.difflab`). True when it opened.
  bool openSessionAndReport(const QString& path);
  void openSessionDialog();
  /// Saves to the current session file, or asks for one.
  void saveSessionDialog();
  void saveSessionAsDialog();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void setLanguage(const QString& code);
  void onLoadingStarted(const QString& spec);
  void onDatasetChanged();
  void onLoadFailed(const QString& spec, const QString& message);
  void restoreSettings();
  void rememberSession(const QString& path);
  void fillRecentSessions();

  ScheduleState* m_schedule = nullptr;
  DatasetState* m_dataset = nullptr;
  ModelSession* m_models = nullptr;
  QTabWidget* m_tabs = nullptr;
  LectureMode* m_lecture = nullptr;
  QLabel* m_datasetLabel = nullptr;
  QMenu* m_recentSessions = nullptr;
  QString m_sessionPath;
  bool m_fallBackOnFailure = false;
  QString m_fallbackNote;  ///< shown while and after the fallback dataset loads
};
