#include "widgets/run_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

RunBar::RunBar(const QStringList& actions, const QString& cancelText, const QString& idleFormat, QWidget* parent)
    : QWidget(parent), m_idleFormat(idleFormat) {
  m_layout = new QVBoxLayout(this);
  m_layout->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  for (const QString& text : actions) {
    m_actions << new QPushButton(text, this);
    row->addWidget(m_actions.back());
  }
  if (!cancelText.isEmpty()) {
    m_cancel = new QPushButton(cancelText, this);
    m_cancel->setEnabled(false);
    row->addWidget(m_cancel);
  }
  if (row->isEmpty())
    delete row;
  else
    m_layout->addLayout(row);
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_progress->setFormat(idleFormat);
  m_layout->addWidget(m_progress);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Wrapped to the panel's width: a long message never widens the panel or runs off its edge.
  m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_layout->addWidget(m_status);
}

QPushButton* RunBar::action(int i) const { return m_actions.value(i); }

void RunBar::addRow(const QList<QWidget*>& widgets) {
  auto* row = new QHBoxLayout;
  for (QWidget* w : widgets) row->addWidget(w);
  m_layout->addLayout(row);
}

void RunBar::showStatus(const QString& text) {
  m_status->setStyleSheet(QString());
  m_status->setText(text);
}

void RunBar::showError(const QString& text) {
  m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
  m_status->setText(text);
}

void RunBar::setRunning(bool running, const QString& format) {
  if (m_cancel) m_cancel->setEnabled(running);
  if (running) {
    m_progress->setFormat(format);
    m_progress->setValue(m_progress->minimum());
  }
}

void RunBar::clearProgress(const QString& text) {
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_progress->setFormat(text.isEmpty() ? m_idleFormat : text);
}
