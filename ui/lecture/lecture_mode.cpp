#include "lecture/lecture_mode.h"

#include "lecture/lecture_view.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextEdit>

#include <algorithm>
#include <cmath>

namespace {

// Each scaled attribute keeps two dynamic properties on its object: the value before scaling ("base") and the
// value lecture mode set ("scaled"). A value that differs from "scaled" was set by the view since (a redraw)
// and becomes the new base; turning the mode off restores the base only where the scaled value still stands.
template <class T, class Set, class Scale>
void scaleAttribute(QObject* object, const char* name, bool on, const T& now, Set set, Scale scale) {
  const QByteArray baseKey = QByteArray("difflabLectureBase_") + name;
  const QByteArray scaledKey = QByteArray("difflabLectureScaled_") + name;
  const QVariant scaled = object->property(scaledKey.constData());
  const bool stands = scaled.isValid() && scaled.value<T>() == now;
  if (on) {
    if (stands) return;
    const T bigger = scale(now);
    object->setProperty(baseKey.constData(), QVariant::fromValue(now));
    object->setProperty(scaledKey.constData(), QVariant::fromValue(bigger));
    set(bigger);
    return;
  }
  if (!scaled.isValid()) return;
  if (stands) set(object->property(baseKey.constData()).value<T>());
  object->setProperty(baseKey.constData(), QVariant());
  object->setProperty(scaledKey.constData(), QVariant());
}

QFont scaledFont(QFont font) {
  if (font.pointSizeF() > 0)
    font.setPointSizeF(font.pointSizeF() * LectureMode::kScale);
  else if (font.pixelSize() > 0)
    font.setPixelSize(static_cast<int>(std::lround(font.pixelSize() * LectureMode::kScale)));
  return font;
}

QPen scaledPen(QPen pen) {
  if (pen.style() == Qt::NoPen) return pen;
  pen.setWidthF(std::max(1.0, pen.widthF()) * LectureMode::kScale);  // width 0 is a cosmetic 1-pixel pen
  return pen;
}

double scaledSize(double size) { return size * LectureMode::kScale; }

template <class T>
void font(T* object, const char* name, bool on) {
  scaleAttribute<QFont>(
      object, name, on, object->font(), [object](const QFont& f) { object->setFont(f); }, scaledFont);
}
template <class T>
void pen(T* object, const char* name, bool on) {
  scaleAttribute<QPen>(
      object, name, on, object->pen(), [object](const QPen& p) { object->setPen(p); }, scaledPen);
}
template <class T>
void scatter(T* object, bool on) {
  const QCPScatterStyle style = object->scatterStyle();
  if (style.isNone()) return;
  scaleAttribute<double>(
      object, "scatterSize", on, style.size(),
      [object](double size) {
        QCPScatterStyle s = object->scatterStyle();
        s.setSize(size);
        object->setScatterStyle(s);
      },
      scaledSize);
}

void axis(QCPAxis* a, bool on) {
  scaleAttribute<QFont>(
      a, "tickLabelFont", on, a->tickLabelFont(), [a](const QFont& f) { a->setTickLabelFont(f); }, scaledFont);
  scaleAttribute<QFont>(
      a, "labelFont", on, a->labelFont(), [a](const QFont& f) { a->setLabelFont(f); }, scaledFont);
  scaleAttribute<QPen>(
      a, "basePen", on, a->basePen(), [a](const QPen& p) { a->setBasePen(p); }, scaledPen);
  scaleAttribute<QPen>(
      a, "tickPen", on, a->tickPen(), [a](const QPen& p) { a->setTickPen(p); }, scaledPen);
}

/// True for a widget that uses space or the arrows itself: text fields, spin boxes, combo boxes, sliders, lists.
bool takesKeys(const QWidget* w) {
  return w && (qobject_cast<const QLineEdit*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
               qobject_cast<const QTextEdit*>(w) || qobject_cast<const QPlainTextEdit*>(w) ||
               qobject_cast<const QComboBox*>(w) || qobject_cast<const QAbstractSlider*>(w) ||
               qobject_cast<const QAbstractItemView*>(w));
}

}  // namespace

LectureMode::LectureMode(QWidget* window, QTabWidget* tabs, QLabel* banner, QObject* parent)
    : QObject(parent), m_window(window), m_tabs(tabs), m_banner(banner) {
  m_banner->setTextFormat(Qt::RichText);
  m_banner->setAlignment(Qt::AlignCenter);
  m_banner->setWordWrap(true);
  m_banner->setObjectName(QStringLiteral("lectureEquation"));
  m_banner->setStyleSheet(
      QStringLiteral("QLabel#lectureEquation { background: #fff8dc; color: #202020; border-bottom: 1px solid #d8c890; "
                     "padding: 6px 12px; }"));
  m_banner->hide();
  connect(m_tabs, &QTabWidget::currentChanged, this, &LectureMode::onTabChanged);
  qApp->installEventFilter(this);
}

LectureMode::~LectureMode() {
  if (qApp) qApp->removeEventFilter(this);
}

void LectureMode::setOn(bool on) {
  if (on == m_on) return;
  m_on = on;
  // The window's font is set, not the application's: widgets built from a platform font do not follow a new
  // application font (their fonts carry every attribute as set), but they inherit what their window sets.
  // Menus and tooltips are windows of their own: they follow the application's per-class fonts.
  static const char* const kPopups[] = {"QMenu", "QTipLabel"};
  if (on) {
    m_windowFontWasSet = m_window->testAttribute(Qt::WA_SetFont);
    m_baseFont = m_window->font();
    m_window->setFont(scaledFont(*m_baseFont));
    m_popupFonts.clear();
    for (const char* popup : kPopups) {
      m_popupFonts.push_back(QApplication::font(popup));
      QApplication::setFont(scaledFont(m_popupFonts.back()), popup);
    }
  } else if (m_baseFont) {
    m_window->setFont(m_windowFontWasSet ? *m_baseFont : QFont());
    m_baseFont.reset();
    for (size_t i = 0; i < m_popupFonts.size(); ++i) QApplication::setFont(m_popupFonts[i], kPopups[i]);
    m_popupFonts.clear();
  }
  // A widget with a style sheet holds the font it had when it was polished and no longer follows its window's:
  // it is scaled (and restored) itself.
  for (QWidget* w : m_window->findChildren<QWidget*>())
    if (w != m_banner && !w->styleSheet().isEmpty()) font(w, "widgetFont", on);
  // The banner's font is 1.2× the (scaled) window font, so the equation reads first.
  QFont bannerFont = m_window->font();
  bannerFont.setPointSizeF(bannerFont.pointSizeF() * 1.2);
  m_banner->setFont(bannerFont);
  applyToPlots();
  onTabChanged();
  emit toggled(on);
}

QString LectureMode::equation() const {
  const auto* view = dynamic_cast<const LectureView*>(m_tabs->currentWidget());
  return view ? view->lectureEquation() : QString();
}

void LectureMode::refreshEquation() {
  const QString text = m_on ? equation() : QString();
  if (m_banner->text() != text) m_banner->setText(text);
  m_banner->setVisible(m_on && !text.isEmpty());
}

void LectureMode::onTabChanged() {
  if (m_connectedView) disconnect(m_connectedView, nullptr, this, nullptr);
  m_connectedView = nullptr;
  QWidget* view = m_tabs->currentWidget();
  if (m_on && view && dynamic_cast<LectureView*>(view) &&
      view->metaObject()->indexOfSignal("lectureEquationChanged()") >= 0) {
    connect(view, SIGNAL(lectureEquationChanged()), this, SLOT(refreshEquation()));
    m_connectedView = view;
  }
  if (m_on) {
    applyToPlots();  // also plots a tab builds when first shown
  } else {
    // Plots restored while their tab was hidden are drawn at their own sizes once shown; nothing else is redrawn.
    for (QCustomPlot* plot : m_window->findChildren<QCustomPlot*>())
      if (plot->property("difflabLectureStale").toBool() && plot->isVisible()) {
        plot->setProperty("difflabLectureStale", false);
        plot->replot(QCustomPlot::rpQueuedReplot);
      }
  }
  refreshEquation();
}

void LectureMode::applyToPlots() {
  for (QCustomPlot* plot : m_window->findChildren<QCustomPlot*>()) {
    if (!plot->property("difflabLectureHooked").toBool()) {
      plot->setProperty("difflabLectureHooked", true);
      connect(plot, &QCustomPlot::beforeReplot, this, [this, plot] {
        if (m_on) applyToPlot(plot);
      });
    }
    applyToPlot(plot);
    // A hidden plot (another tab) is drawn when its tab is shown (onTabChanged()).
    plot->setProperty("difflabLectureStale", !plot->isVisible());
    if (plot->isVisible()) plot->replot(QCustomPlot::rpQueuedReplot);
  }
}

void LectureMode::applyToPlot(QCustomPlot* plot) {
  const bool on = m_on;
  for (QCPAxisRect* rect : plot->axisRects())
    for (QCPAxis* a : rect->axes()) axis(a, on);
  for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
    if (auto* legend = qobject_cast<QCPLegend*>(element)) {
      font(legend, "font", on);  // QCPLegend::setFont passes it on to the items, and new items take it
    } else if (auto* title = qobject_cast<QCPTextElement*>(element)) {
      // A title does not wrap: it grows only as far as its plot's width lets it (a long one stays whole).
      scaleAttribute<QFont>(
          title, "font", on, title->font(), [title](const QFont& f) { title->setFont(f); },
          [title](const QFont& base) {
            const double need = QFontMetricsF(base).horizontalAdvance(title->text()) + 12.0;
            const double room = title->outerRect().width();
            const double fit = room > 0 && need > 0 ? std::clamp(room / need, 1.0, LectureMode::kScale) : 1.0;
            QFont f = base;
            if (f.pointSizeF() > 0) f.setPointSizeF(f.pointSizeF() * fit);
            return f;
          });
    } else if (auto* colorScale = qobject_cast<QCPColorScale*>(element)) {
      axis(colorScale->axis(), on);  // its axis rect is private to it, not among plot->axisRects()
    }
  }
  for (int i = 0; i < plot->plottableCount(); ++i) {
    QCPAbstractPlottable* p = plot->plottable(i);
    if (qobject_cast<QCPColorMap*>(p)) continue;
    pen(p, "pen", on);
    if (auto* graph = qobject_cast<QCPGraph*>(p)) scatter(graph, on);
    if (auto* curve = qobject_cast<QCPCurve*>(p)) scatter(curve, on);
  }
  for (int i = 0; i < plot->itemCount(); ++i) {
    QCPAbstractItem* item = plot->item(i);
    if (auto* text = qobject_cast<QCPItemText*>(item))
      font(text, "font", on);
    else if (auto* line = qobject_cast<QCPItemLine*>(item))
      pen(line, "pen", on);
    else if (auto* straight = qobject_cast<QCPItemStraightLine*>(item))
      pen(straight, "pen", on);
    else if (auto* curve = qobject_cast<QCPItemCurve*>(item))
      pen(curve, "pen", on);
    else if (auto* rect = qobject_cast<QCPItemRect*>(item))
      pen(rect, "pen", on);
    else if (auto* tracer = qobject_cast<QCPItemTracer*>(item)) {
      pen(tracer, "pen", on);
      scaleAttribute<double>(
          tracer, "size", on, tracer->size(), [tracer](double s) { tracer->setSize(s); }, scaledSize);
    }
  }
}

bool LectureMode::eventFilter(QObject* watched, QEvent* event) {
  if (!m_on || event->type() != QEvent::KeyPress) return QObject::eventFilter(watched, event);
  auto* widget = qobject_cast<QWidget*>(watched);
  // The event passes the filter once per widget it is offered to: take it where it is first delivered.
  QWidget* focus = QApplication::focusWidget();
  if (!widget || widget->window() != m_window || (focus ? widget != focus : widget != m_window))
    return QObject::eventFilter(watched, event);
  if (takesKeys(focus)) return false;
  const auto* key = static_cast<QKeyEvent*>(event);
  return handleKey(watched, key->key(), key->modifiers());
}

bool LectureMode::handleKey(QObject*, int key, Qt::KeyboardModifiers modifiers) {
  const auto* view = dynamic_cast<const LectureView*>(m_tabs->currentWidget());
  if (!view) return false;
  if (key == Qt::Key_Space) {
    QAbstractButton* play = view->lecturePlayButton();
    if (!play || !play->isEnabled()) return false;
    play->click();
    return true;
  }
  QAbstractSlider* slider = view->lectureSlider();
  if (!slider || !slider->isEnabled()) return false;
  const bool page = modifiers.testFlag(Qt::ShiftModifier);
  switch (key) {
    case Qt::Key_Right:
      slider->triggerAction(page ? QAbstractSlider::SliderPageStepAdd : QAbstractSlider::SliderSingleStepAdd);
      return true;
    case Qt::Key_Left:
      slider->triggerAction(page ? QAbstractSlider::SliderPageStepSub : QAbstractSlider::SliderSingleStepSub);
      return true;
    case Qt::Key_Home: slider->triggerAction(QAbstractSlider::SliderToMinimum); return true;
    case Qt::Key_End: slider->triggerAction(QAbstractSlider::SliderToMaximum); return true;
    default: return false;
  }
}
