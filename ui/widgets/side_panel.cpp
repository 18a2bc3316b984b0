#include "widgets/side_panel.h"

#include <QHBoxLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>
#include <QWidget>

#include <algorithm>

namespace sidepanel {

QSplitter* install(QWidget* view, const QString& key, QWidget* settings, QWidget* run, QWidget* main) {
  auto* scroll = new QScrollArea;
  scroll->setWidget(settings);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setFrameShape(QFrame::NoFrame);

  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(scroll, 1);
  if (run) leftLayout->addWidget(run);
  const int preferred = settings->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4;
  left->setMinimumWidth(280);

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
  if (saved.isEmpty() || !splitter->restoreState(saved)) splitter->setSizes({std::clamp(preferred, 320, 460), 1000});
  QObject::connect(splitter, &QSplitter::splitterMoved, splitter,
                   [splitter, settingsKey] { QSettings().setValue(settingsKey, splitter->saveState()); });

  auto* layout = new QHBoxLayout(view);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(splitter);
  return splitter;
}

}  // namespace sidepanel
