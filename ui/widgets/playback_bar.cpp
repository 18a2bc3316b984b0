#include "widgets/playback_bar.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>

namespace {
QPushButton* transportButton(const QString& text, const QString& tip, QWidget* parent) {
  auto* b = new QPushButton(text, parent);
  b->setToolTip(tip);
  return b;
}
}  // namespace

PlaybackBar::PlaybackBar(QWidget* parent) : QWidget(parent) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  m_rewind = transportButton(QStringLiteral("|◀"), tr("Rewind to the first step"), this);
  m_back = transportButton(QStringLiteral("◀"), tr("One step back"), this);
  m_play = transportButton(tr("Play"), tr("Play / pause"), this);
  m_forward = transportButton(QStringLiteral("▶"), tr("One step forward"), this);
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setRange(0, 0);
  m_fps = new QSpinBox(this);
  m_fps->setRange(1, 60);
  m_fps->setSuffix(tr(" steps/s"));
  m_fps->setValue(12);
  m_timer = new QTimer(this);
  m_timer->setInterval(1000 / m_fps->value());
  for (QWidget* w : std::initializer_list<QWidget*>{m_rewind, m_back, m_play, m_forward}) row->addWidget(w);
  row->addWidget(m_slider, 1);
  row->addWidget(m_fps);

  connect(m_rewind, &QPushButton::clicked, this, &PlaybackBar::rewind);
  connect(m_back, &QPushButton::clicked, this, &PlaybackBar::stepBack);
  connect(m_play, &QPushButton::clicked, this, &PlaybackBar::togglePlay);
  connect(m_forward, &QPushButton::clicked, this, &PlaybackBar::stepForward);
  connect(m_slider, &QSlider::valueChanged, this, &PlaybackBar::seekRequested);
  connect(m_fps, &QSpinBox::valueChanged, this, [this](int fps) { m_timer->setInterval(1000 / fps); });
  connect(m_timer, &QTimer::timeout, this, &PlaybackBar::onTick);
}

void PlaybackBar::setMaximum(int last) {
  const QSignalBlocker block(m_slider);
  m_slider->setRange(0, last);
}

int PlaybackBar::maximum() const { return m_slider->maximum(); }

void PlaybackBar::setPosition(int step) {
  const QSignalBlocker block(m_slider);
  m_slider->setValue(step);
}

int PlaybackBar::position() const { return m_slider->value(); }

bool PlaybackBar::isPlaying() const { return m_timer->isActive(); }

void PlaybackBar::setStepsPerSecond(int stepsPerSecond) { m_fps->setValue(stepsPerSecond); }

int PlaybackBar::stepsPerSecond() const { return m_fps->value(); }

void PlaybackBar::addTrailingWidget(QWidget* widget) { layout()->addWidget(widget); }

void PlaybackBar::play() {
  if (position() >= maximum()) Q_EMIT seekRequested(0);
  m_timer->start();
  m_play->setText(tr("Pause"));
}

void PlaybackBar::pause() {
  m_timer->stop();
  m_play->setText(tr("Play"));
}

void PlaybackBar::togglePlay() { isPlaying() ? pause() : play(); }

void PlaybackBar::stepForward() {
  pause();
  Q_EMIT seekRequested(position() + 1);
}

void PlaybackBar::stepBack() {
  pause();
  Q_EMIT seekRequested(position() - 1);
}

void PlaybackBar::rewind() {
  pause();
  Q_EMIT seekRequested(0);
}

void PlaybackBar::onTick() {
  if (position() >= maximum()) {
    pause();
    return;
  }
  if (position() < m_available) Q_EMIT seekRequested(position() + 1);  // else wait for the next step to arrive
}
