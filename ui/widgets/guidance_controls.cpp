// Core headers first: <torch/torch.h> must precede every Qt header.
#include "model/denoiser.h"

#include <torch/torch.h>

#include "widgets/guidance_controls.h"

#include "session/sampling_model.h"
#include "widgets/classifier_guidance_box.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalBlocker>

GuidanceControls::GuidanceControls(QFormLayout* form, bool everyClass, QWidget* parent)
    : QObject(parent), m_everyClass(everyClass) {
  m_class = new QComboBox(parent);
  m_class->addItem(tr("(unconditional)"), -1);
  m_class->setEnabled(false);
  form->addRow(tr("Class"), m_class);
  m_guidance = new QDoubleSpinBox(parent);
  m_guidance->setRange(0.0, 30.0);
  m_guidance->setSingleStep(0.5);
  m_guidance->setValue(1.0);
  m_guidance->setKeyboardTracking(false);
  m_guidance->setToolTip(tr("Classifier-free guidance w: 0 unconditional, 1 conditional, > 1 guided"));
  form->addRow(tr("Guidance w"), m_guidance);
  m_classifier = new ClassifierGuidanceBox(form, m_guidance, parent);
  syncEnabled();
  connect(m_class, &QComboBox::currentIndexChanged, this, [this] {
    syncEnabled();
    emit changed();
  });
  connect(m_guidance, &QDoubleSpinBox::valueChanged, this, &GuidanceControls::changed);
  connect(m_classifier, &ClassifierGuidanceBox::changed, this, &GuidanceControls::changed);
  connect(m_classifier, &ClassifierGuidanceBox::failed, this, &GuidanceControls::failed);
}

void GuidanceControls::syncEnabled() { m_guidance->setEnabled(asksForClasses(classIndex())); }

void GuidanceControls::setModel(const SamplingModel& model) {
  const QString previous = m_class->currentText();
  {
    const QSignalBlocker block(m_class);
    m_class->clear();
    m_class->addItem(tr("(unconditional)"), -1);
    if (m_everyClass && !model.classNames.isEmpty()) m_class->addItem(tr("(every class in turn)"), kEveryClass);
    for (int i = 0; i < model.classNames.size(); ++i) m_class->addItem(model.classNames[i], i);
    const int index = m_class->findText(previous);
    m_class->setCurrentIndex(index >= 0 ? index : 0);
    m_class->setEnabled(!model.classNames.isEmpty());
  }
  m_classifier->setModel(&model);
  syncEnabled();
}

int GuidanceControls::classIndex() const { return m_class->currentData().toInt(); }

std::string GuidanceControls::className() const {
  const int c = classIndex();
  return c == kEveryClass ? std::string("all") : c >= 0 ? m_class->currentText().toStdString() : std::string();
}

void GuidanceControls::setClassName(const std::string& name) {
  const QSignalBlocker block(m_class);
  const int index = name.empty()    ? 0
                    : name == "all" ? m_class->findData(kEveryClass)
                                    : m_class->findText(QString::fromStdString(name));
  m_class->setCurrentIndex(std::max(0, index));
  syncEnabled();
}

double GuidanceControls::guidance() const { return m_guidance->value(); }

void GuidanceControls::setGuidance(double w) {
  const QSignalBlocker block(m_guidance);
  m_guidance->setValue(w);
}

std::shared_ptr<difflab::Denoiser> GuidanceControls::denoiser(const SamplingModel& model,
                                                              std::optional<double> w) const {
  const int c = classIndex();
  return m_classifier->wrap(guidedDenoiser(model, c, w.value_or(m_guidance->value())), model, c);
}
