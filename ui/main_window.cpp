#include "base/error_text.h"
#include "main_window.h"

#include "application/difflab_application.h"
#include "session/dataset_state.h"
#include "session/lab_session.h"
#include "session/model_session.h"
#include "session/schedule_state.h"
#include "session/window_session.h"
#include "views/dataset_view.h"
#include "views/forward_chain_view.h"
#include "views/chain_player_view.h"
#include "views/generate_view.h"
#include "views/ode_lab/ode_lab_view.h"
#include "views/score_lab/score_lab_view.h"
#include "views/sampler_comparison_view.h"
#include "views/schedule_lab_view.h"
#include "views/training_view.h"
#include "widgets/dataset_file_chooser.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_export.h"

#include "lecture/lecture_mode.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <exception>
#include <utility>
#include <vector>

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  m_schedule = new ScheduleState(this);
  m_dataset = new DatasetState(this);
  m_models = new ModelSession(this);
  // The central widget: lecture mode's equation banner (hidden unless the mode is on) above the tabs.
  auto* central = new QWidget(this);
  auto* centralLayout = new QVBoxLayout(central);
  centralLayout->setContentsMargins(0, 0, 0, 0);
  centralLayout->setSpacing(0);
  auto* banner = new QLabel(central);
  m_tabs = new QTabWidget(central);
  m_tabs->setDocumentMode(true);
  // Scroll arrows rather than a wider window when the titles do not fit (Spanish and German titles are long; lecture
  // mode's are large).
  m_tabs->setUsesScrollButtons(true);
  centralLayout->addWidget(banner);
  centralLayout->addWidget(m_tabs, 1);
  setCentralWidget(central);
  m_lecture = new LectureMode(this, m_tabs, banner, this);
  setWindowTitle(tr("Diffusion Lab"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/difflab.svg")));

  // --- views: one line each (other helpers add theirs here) ---
  addView(new DatasetView(m_dataset, this), tr("Dataset"));
  addView(new ScheduleLabView(m_schedule, this), tr("Schedule lab"));
  addView(new ForwardChainView(m_schedule, m_dataset, this), tr("Forward chain"));
  auto* training = new TrainingView(m_schedule, this);
  addView(training, tr("Training"));
  // A finished (or stopped) run's checkpoint becomes the current model of the sampling views.
  connect(training, &TrainingView::trainingFinished, this, [this](qint64, bool, const QString& checkpoint) {
    if (!checkpoint.isEmpty() && QFileInfo::exists(checkpoint)) {
      m_models->setCurrent(checkpoint);
      statusBar()->showMessage(tr("%1 is now the model of the sampling views.").arg(QFileInfo(checkpoint).fileName()),
                               8000);
    }
  });
  auto* generate = new GenerateView(m_schedule, m_models, this);
  addView(generate, tr("Generate"));
  if (auto* lab = findChild<ScheduleLabView*>())  // the schedule lab marks the steps the sampler visits
    connect(generate, &GenerateView::samplingTimesChanged, lab, &ScheduleLabView::setMarkers);
  addView(new ChainPlayerView(m_schedule, m_models, this), tr("Reverse chain"));
  auto* comparison = new SamplerComparisonView(m_schedule, m_models, this);
  addView(comparison, tr("Compare samplers"));
  if (auto* lab = findChild<ScheduleLabView*>())  // optimised steps are drawn there too
    connect(comparison, &SamplerComparisonView::samplingTimesChanged, lab, &ScheduleLabView::setMarkers);
  addView(new OdeLabView(m_schedule, m_models, this), tr("ODE lab"));
  addView(new ScoreLabView(m_schedule, m_models, this), tr("Score lab"));
  // --- end of views ---

  m_datasetLabel = new QLabel(this);
  statusBar()->addPermanentWidget(m_datasetLabel);
  connect(m_dataset, &DatasetState::loadingStarted, this, &MainWindow::onLoadingStarted);
  connect(m_dataset, &DatasetState::datasetChanged, this, &MainWindow::onDatasetChanged);
  connect(m_dataset, &DatasetState::loadFailed, this, &MainWindow::onLoadFailed);

  buildMenus();
  restoreSettings();
  statusBar()->showMessage(tr("Ready"), 3000);
}

MainWindow::~MainWindow() = default;

void MainWindow::addView(QWidget* view, const QString& title) { m_tabs->addTab(view, title); }

QString MainWindow::languageSettingsKey() { return QStringLiteral("ui/language"); }

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QMenu* open = file->addMenu(tr("&Open dataset"));
  for (const DatasetFileChooser::Source source : DatasetFileChooser::sources()) {
    QAction* action = open->addAction(DatasetFileChooser::actionText(source));
    connect(action, &QAction::triggered, this, [this, source] {
      const QString spec = DatasetFileChooser::ask(source, this);
      if (!spec.isEmpty()) m_dataset->load(spec);
    });
  }
  file->addSeparator();
  QAction* openSession = file->addAction(tr("Open &session…"), this, &MainWindow::openSessionDialog);
  openSession->setShortcut(QKeySequence::Open);
  m_recentSessions = file->addMenu(tr("Open &recent session"));
  connect(m_recentSessions, &QMenu::aboutToShow, this, &MainWindow::fillRecentSessions);
  fillRecentSessions();
  QAction* saveSession = file->addAction(tr("&Save session"), this, &MainWindow::saveSessionDialog);
  saveSession->setShortcut(QKeySequence::Save);
  QAction* saveSessionAs = file->addAction(tr("Save session &as…"), this, &MainWindow::saveSessionAsDialog);
  saveSessionAs->setShortcut(QKeySequence::SaveAs);
  file->addSeparator();
  QAction* exportView =
      file->addAction(tr("&Export view…"), this, [this] { plotexport::exportView(m_tabs->currentWidget(), this); });
  exportView->setObjectName(QStringLiteral("exportView"));
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* lecture = view->addAction(tr("L&ecture mode"));
  lecture->setObjectName(QStringLiteral("lectureMode"));
  lecture->setCheckable(true);
  lecture->setShortcut(Qt::Key_F5);
  lecture->setToolTip(
      tr("Larger text, lines and markers, the tab's equation with its numbers, and slide keys "
         "(space: play/pause; ←/→: step)"));
  connect(lecture, &QAction::toggled, m_lecture, &LectureMode::setOn);
  connect(m_lecture, &LectureMode::toggled, lecture, &QAction::setChecked);
  view->addSeparator();
  QMenu* language = view->addMenu(tr("&Language"));
  auto* group = new QActionGroup(this);
  const QString current = QSettings().value(languageSettingsKey()).toString();
  std::vector<std::pair<QString, QString>> languages{{QString(), tr("System")}};
  for (const DifflabApplication::Language& each : DifflabApplication::languages())
    languages.emplace_back(each.code, each.nativeName);
  for (const auto& [code, name] : languages) {
    QAction* action = language->addAction(name);
    action->setCheckable(true);
    action->setChecked(code == current);
    action->setData(code);
    group->addAction(action);
    connect(action, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Diffusion Lab"), this, &MainWindow::showAbout);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::setLanguage(const QString& code) {
  QSettings().setValue(languageSettingsKey(), code);
  statusBar()->showMessage(tr("The language changes when Diffusion Lab is restarted."), 8000);
}

void MainWindow::openDatasetFile() {
  const QString spec = DatasetFileChooser::ask(DatasetFileChooser::Source::Idx, this);
  if (!spec.isEmpty()) m_dataset->load(spec);
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About Diffusion Lab"),
                     tr("<h3>Diffusion Lab %1</h3>"
                        "<p>A laboratory for diffusion generative models: noise schedules, the forward noising chain, "
                        "samplers, guidance, likelihoods and training.</p>"
                        "<p>Built with Qt %2 and LibTorch.</p>")
                         .arg(QStringLiteral(DIFFLAB_VERSION), QString::fromLatin1(qVersion())));
}

bool MainWindow::saveSession(const QString& path, QString* error) {
  try {
    labsession::writeSession(path, windowsession::save(*this, path));
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(difflab::user_message(e.what()));
    return false;
  }
  rememberSession(path);
  return true;
}

bool MainWindow::openSession(const QString& path, QStringList* warnings, QString* error) {
  nlohmann::json session;
  try {
    session = labsession::readSession(path);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(difflab::user_message(e.what()));
    return false;
  }
  windowsession::restore(*this, session, path, warnings);
  rememberSession(path);
  return true;
}

void MainWindow::rememberSession(const QString& path) {
  m_sessionPath = QFileInfo(path).absoluteFilePath();
  setWindowTitle(tr("%1 — Diffusion Lab").arg(QFileInfo(path).fileName()));
  QStringList recent = recentSessions();
  recent.removeAll(m_sessionPath);
  recent.prepend(m_sessionPath);
  while (recent.size() > kMaxRecentSessions) recent.removeLast();
  QSettings().setValue(QStringLiteral("session/recent"), recent);
}

QStringList MainWindow::recentSessions() { return QSettings().value(QStringLiteral("session/recent")).toStringList(); }

void MainWindow::fillRecentSessions() {
  m_recentSessions->clear();
  const QStringList recent = recentSessions();
  for (const QString& path : recent) {
    QAction* action =
        m_recentSessions->addAction(QDir::toNativeSeparators(path), this, [this, path] { openSessionAndReport(path); });
    if (!QFileInfo::exists(path)) {
      action->setEnabled(false);
      action->setText(tr("%1 (missing)").arg(QDir::toNativeSeparators(path)));
    }
  }
  m_recentSessions->setEnabled(!recent.isEmpty());
}

bool MainWindow::openSessionAndReport(const QString& path) {
  QStringList warnings;
  QString error;
  if (!openSession(path, &warnings, &error)) {
    statusBar()->showMessage(tr("Could not open the session %1").arg(QFileInfo(path).fileName()), 8000);
    QMessageBox::warning(this, tr("Could not open the session"), error);
    return false;
  }
  statusBar()->showMessage(tr("Opened the session %1").arg(QFileInfo(path).fileName()), 8000);
  QStringList escaped;
  for (const QString& warning : warnings) escaped << warning.toHtmlEscaped();
  if (!warnings.isEmpty())
    QMessageBox::warning(
        this, tr("Some settings of the session were not restored"),
        tr("<p>%1 opened, except:</p><ul><li>%2</li></ul>")
            .arg(QFileInfo(path).fileName().toHtmlEscaped(), escaped.join(QStringLiteral("</li><li>"))));
  return true;
}

void MainWindow::openSessionDialog() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open session"), QFileInfo(m_sessionPath).absolutePath(),
      tr("Diffusion Lab sessions (*.%1);;All files (*)").arg(QLatin1String(labsession::kExtension)));
  if (!path.isEmpty()) openSessionAndReport(path);
}

void MainWindow::saveSessionDialog() {
  if (m_sessionPath.isEmpty()) {
    saveSessionAsDialog();
    return;
  }
  QString error;
  if (saveSession(m_sessionPath, &error))
    statusBar()->showMessage(tr("Saved the session %1").arg(QFileInfo(m_sessionPath).fileName()), 5000);
  else
    QMessageBox::warning(this, tr("Could not save the session"), error);
}

void MainWindow::saveSessionAsDialog() {
  QString path = QFileDialog::getSaveFileName(
      this, tr("Save session"),
      m_sessionPath.isEmpty() ? QDir::homePath() + QStringLiteral("/lecture.difflab") : m_sessionPath,
      tr("Diffusion Lab sessions (*.%1)").arg(QLatin1String(labsession::kExtension)));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + QLatin1String(labsession::kExtension);
  QString error;
  if (saveSession(path, &error))
    statusBar()->showMessage(tr("Saved the session %1").arg(QFileInfo(path).fileName()), 5000);
  else
    QMessageBox::warning(this, tr("Could not save the session"), error);
}

void MainWindow::openModel(const QString& path) { m_models->setCurrent(path); }

void MainWindow::loadDefaultDataset() {
  m_fallBackOnFailure = true;
  m_dataset->load(DatasetState::defaultSpec());
}

void MainWindow::onLoadingStarted(const QString& spec) {
  if (m_fallbackNote.isEmpty()) statusBar()->showMessage(tr("Loading %1 …").arg(spec));
}

void MainWindow::onDatasetChanged() {
  const DatasetPtr dataset = m_dataset->dataset();
  if (!dataset) return;
  const QString name = QString::fromStdString(dataset->name);
  m_datasetLabel->setText(tr("Dataset: %1 (%Ln samples)", nullptr, static_cast<int>(dataset->size())).arg(name));
  // The fallback note stays until the user does something else: it explains why the images are missing.
  if (!m_fallbackNote.isEmpty())
    statusBar()->showMessage(m_fallbackNote);
  else
    statusBar()->showMessage(tr("Loaded %1").arg(name), 5000);
  m_fallbackNote.clear();
  m_fallBackOnFailure = false;
}

void MainWindow::onLoadFailed(const QString& spec, const QString& message) {
  if (m_fallBackOnFailure && spec == DatasetState::defaultSpec()) {
    m_fallbackNote = tr("Fashion-MNIST was not found (%1); showing two moons instead. "
                        "Install the package dataset-fashion-mnist for the image set.")
                         .arg(message);
    m_fallBackOnFailure = false;
    statusBar()->showMessage(m_fallbackNote);
    m_dataset->load(DatasetState::fallbackSpec());
    return;
  }
  m_fallBackOnFailure = false;
  m_fallbackNote.clear();
  // The Dataset tab's banner says what failed and what is still shown (no dialog on top of it); from another
  // tab the status bar points there. The "Loading …" line goes either way.
  statusBar()->clearMessage();
  if (!m_tabs->currentWidget() || !m_tabs->currentWidget()->inherits("DatasetView"))
    statusBar()->showMessage(tr("Could not load %1: see the Dataset tab.").arg(spec), 8000);
}

void MainWindow::restoreSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
    // 1400 × 900 where there is room; on a 1366 × 768 laptop or a projector at 150 % (1280 × 720 logical)
    // the window takes the available area less a margin, and the views' layouts fit it.
    QSize size(1400, 900);
    if (const QScreen* screen = QApplication::primaryScreen())
      size = size.boundedTo(screen->availableGeometry().size() - QSize(40, 60));
    resize(size);
  }
  m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
  QMainWindow::closeEvent(event);
}
