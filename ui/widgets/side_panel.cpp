#include "widgets/side_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QWidget>

#include <algorithm>

namespace sidepanel {

namespace {

// Keeps the settings column at least as wide as the settings' own minimum, which is known only once the
// widgets are polished and shown, and changes when a group is enabled or a text changes.
class MinimumWidthKeeper : public QObject {
 public:
  MinimumWidthKeeper(QWidget* settings, QWidget* column, int extra)
      : QObject(settings), settings_(settings), column_(column), extra_(extra) {
    settings->installEventFilter(this);
  }
  bool eventFilter(QObject*, QEvent* event) override {
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Show) {
      const int need = std::max(280, settings_->minimumSizeHint().width() + extra_);
      if (column_->minimumWidth() != need) column_->setMinimumWidth(need);
    }
    // A new font (lecture mode's larger text, and back): the column takes the settings' new preferred width, as
    // at start, so that combo-box texts are not cut ("Annealed Langevin dynam"); once the layout has settled.
    if (event->type() == QEvent::FontChange && !pending_) {
      pending_ = true;
      QTimer::singleShot(0, this, [this] {
        pending_ = false;
        auto* splitter = qobject_cast<QSplitter*>(column_->parentWidget());
        if (!splitter || splitter->count() != 2) return;
        const QList<int> sizes = splitter->sizes();
        const int total = sizes[0] + sizes[1];
        const int preferred = settings_->sizeHint().width() + extra_;
        const int width = std::clamp(preferred, column_->minimumWidth(),
                                     std::max(column_->minimumWidth(), std::min(kMaxStartWidth, total / 2)));
        if (total > 0 && width != sizes[0]) splitter->setSizes({width, total - width});
      });
    }
    return false;
  }
  static constexpr int kMaxStartWidth = 560;

 private:
  QWidget* settings_;
  QWidget* column_;
  int extra_;
  bool pending_ = false;
};

}  // namespace

QSplitter* install(QWidget* view, const QString& key, QWidget* settings, QWidget* run, QWidget* main) {
  auto* scroll = new QScrollArea;
  scroll->setWidget(settings);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);  // never clipped: at worst it scrolls sideways
  scroll->setFrameShape(QFrame::NoFrame);

  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(scroll, 1);
  if (run) leftLayout->addWidget(run);
  settings->ensurePolished();  // the style's sizes, not the unpolished defaults
  const int bar = scroll->verticalScrollBar()->sizeHint().width() + 4;
  const int preferred = settings->sizeHint().width() + bar;
  // The settings are never squeezed below their own minimum (spin boxes, combo boxes and buttons whole).
  left->setMinimumWidth(std::max(280, settings->minimumSizeHint().width() + bar));
  new MinimumWidthKeeper(settings, left, bar);

  auto* splitter = new QSplitter(Qt::Horizontal, view);
  splitter->setObjectName(QStringLiteral("sidePanelSplitter"));
  splitter->addWidget(left);
  splitter->addWidget(main);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  splitter->setCollapsible(0, false);
  splitter->setCollapsible(1, false);
  const QString settingsKey = QStringLiteral("layout/") + key;
  const QByteArray saved = QSettings().value(settingsKey).toByteArray();
  if (saved.isEmpty() || !splitter->restoreState(saved))
    splitter->setSizes({std::clamp(preferred, left->minimumWidth(), std::max(560, left->minimumWidth())), 1000});
  QObject::connect(splitter, &QSplitter::splitterMoved, splitter,
                   [splitter, settingsKey] { QSettings().setValue(settingsKey, splitter->saveState()); });

  auto* layout = new QHBoxLayout(view);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(splitter);
  return splitter;
}

void remember(QSplitter* splitter, const QString& key) {
  const QString settingsKey = QStringLiteral("layout/") + key;
  const QByteArray saved = QSettings().value(settingsKey).toByteArray();
  if (!saved.isEmpty()) splitter->restoreState(saved);
  QObject::connect(splitter, &QSplitter::splitterMoved, splitter,
                   [splitter, settingsKey] { QSettings().setValue(settingsKey, splitter->saveState()); });
}

}  // namespace sidepanel
