#pragma once
// The main window: one tab per view, sharing one ScheduleState, one DatasetState and one ModelSession (the
// current model of every sampling view): the "session" of the window. Views are registered in main_window.cpp's constructor, one line each. Also owns the menus
// (File, View ▸ Language, Help), the status bar and the window settings kept in QSettings.

#include <QMainWindow>

class DatasetState;
class ModelSession;
class QLabel;
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

  /// Adds `view` as a tab titled `title` (already translated); the window takes ownership.
  void addView(QWidget* view, const QString& title);

  /// Loads the built-in default (Fashion-MNIST); if that fails, the 2-D fallback with a status-bar note.
  void loadDefaultDataset();

  /// Makes the model file `path` current (session/model_session.h): every sampling view that does not pin its
  /// own opens it. `difflab --model FILE`; a finished training run does the same with its checkpoint.
  void openModel(const QString& path);

  /// QSettings key of the language override: "" (system locale) or a code of DifflabApplication::languages().
  static QString languageSettingsKey();

 public Q_SLOTS:
  void openDatasetFile();
  void showAbout();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void setLanguage(const QString& code);
  void onLoadingStarted(const QString& spec);
  void onDatasetChanged();
  void onLoadFailed(const QString& spec, const QString& message);
  void restoreSettings();

  ScheduleState* m_schedule = nullptr;
  DatasetState* m_dataset = nullptr;
  ModelSession* m_models = nullptr;
  QTabWidget* m_tabs = nullptr;
  QLabel* m_datasetLabel = nullptr;
  bool m_fallBackOnFailure = false;
  QString m_fallbackNote;  ///< shown while and after the fallback dataset loads
};
