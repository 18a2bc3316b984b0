// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "model/classifier_guidance.h"
#include "model/gaussian_mixture_denoiser.h"
#include "model/network_classifier.h"

#include <torch/torch.h>

#include "widgets/classifier_guidance_box.h"

#include "session/sampling_model.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QSignalBlocker>
#include <QStandardItemModel>

#include <stdexcept>

ClassifierGuidanceBox::ClassifierGuidanceBox(QFormLayout* form, QDoubleSpinBox* guidance, QWidget* parent)
    : QObject(parent), m_guidance(guidance) {
  m_box = new QComboBox(parent);
  m_box->addItem(tr("none"), QString());
  m_box->addItem(tr("exact posterior (mixtures)"), QStringLiteral("exact"));
  for (const ZooEntry& entry : zooModels(QStringLiteral("classifier"))) {  // shipped ones, opened when chosen
    m_box->addItem(entry.title, entry.spec);
    m_box->setItemData(m_box->count() - 1, entry.description, Qt::ToolTipRole);
  }
  m_box->addItem(tr("Open classifier…"), QStringLiteral("open"));
  m_box->setToolTip(
      tr("Classifier guidance towards the class (Dhariwal & Nichol 2021): "
         "ε̂ ← ε̂ − s σ_t ∇ log p(y | x_t, t). With w = 0 the classifier alone steers"));
  form->addRow(tr("Classifier"), m_box);
  m_scale = new QDoubleSpinBox(parent);
  m_scale->setRange(0.0, 100.0);
  m_scale->setSingleStep(0.5);
  m_scale->setValue(1.0);
  m_scale->setKeyboardTracking(false);
  m_scale->setToolTip(tr("Classifier scale s: 1 samples p(x | y) with an exact classifier, > 1 sharper"));
  form->addRow(tr("Classifier scale s"), m_scale);
  connect(m_scale, &QDoubleSpinBox::valueChanged, this, &ClassifierGuidanceBox::changed);
  m_scale->setEnabled(false);  // until a classifier is chosen
  connect(m_box, &QComboBox::activated, this, [this, parent](int index) {
    const QString which = m_box->itemData(index).toString();
    const bool shipped = which.startsWith(QStringLiteral("zoo:")) && m_files.count(which) == 0;
    if (which == QStringLiteral("open") || shipped) {
      const QString path = shipped ? which
                                   : QFileDialog::getOpenFileName(parent, tr("Open a classifier"), QString(),
                                                                  tr("Classifier checkpoints (*.ckpt);;All files (*)"));
      QString error;
      if (path.isEmpty() || !openClassifier(path, &error)) {
        const QSignalBlocker block(m_box);
        m_box->setCurrentIndex(0);
        if (!error.isEmpty()) Q_EMIT failed(error);
        return;
      }
    }
    m_scale->setEnabled(isActive());
    if (isActive() && m_guidance && m_guidance->value() == 1.0) {
      const QSignalBlocker block(m_guidance);
      m_guidance->setValue(0.0);
    }
    Q_EMIT changed();
  });
}

bool ClassifierGuidanceBox::isActive() const {
  const QString which = m_box->currentData().toString();
  return !which.isEmpty() && which != QStringLiteral("open");
}

void ClassifierGuidanceBox::setModel(const SamplingModel* model) {
  const bool mixture = model && dynamic_cast<const difflab::GaussianMixtureDenoiser*>(model->denoiser.get()) &&
                       model->classNames.size() >= 2;
  if (auto* items = qobject_cast<QStandardItemModel*>(m_box->model())) items->item(1)->setEnabled(mixture);
  if (!mixture && m_box->currentData().toString() == QStringLiteral("exact")) {
    const QSignalBlocker block(m_box);
    m_box->setCurrentIndex(0);
  }
  const bool classes = model && !model->classNames.isEmpty();
  m_box->setEnabled(classes);
  m_scale->setEnabled(classes && isActive());
}

bool ClassifierGuidanceBox::openClassifier(const QString& path, QString* error) {
  try {
    m_files[path] = difflab::NetworkClassifier::load(path.toStdString());
  } catch (const std::exception& e) {
    if (error) *error = tr("Classifier not opened: %1").arg(QString::fromStdString(difflab::user_message(e.what())));
    return false;
  }
  if (m_box->findData(path) < 0) m_box->insertItem(m_box->count() - 1, QFileInfo(path).fileName(), path);
  const QSignalBlocker block(m_box);
  m_box->setCurrentIndex(m_box->findData(path));
  m_scale->setEnabled(true);
  return true;
}

std::shared_ptr<difflab::NoisyClassifier> ClassifierGuidanceBox::chosen(const SamplingModel& model) const {
  const QString which = m_box->currentData().toString();
  if (!isActive()) return nullptr;
  if (which == QStringLiteral("exact")) {
    auto mixture = std::dynamic_pointer_cast<difflab::GaussianMixtureDenoiser>(model.denoiser);
    if (!mixture) throw std::invalid_argument(tr("the exact classifier needs a mixture model").toStdString());
    return std::make_shared<difflab::MixtureClassifier>(mixture);
  }
  const auto found = m_files.find(which);
  if (found == m_files.end()) return nullptr;
  if (found->second->class_names() != model.denoiser->class_names())
    throw std::invalid_argument(tr("the classifier %1 has other classes than the model").arg(which).toStdString());
  return found->second;
}

std::shared_ptr<difflab::Denoiser> ClassifierGuidanceBox::wrap(std::shared_ptr<difflab::Denoiser> guided,
                                                               const SamplingModel& model, int classIndex) const {
  if (!asksForClasses(classIndex)) return guided;
  auto classifier = chosen(model);
  if (!classifier) return guided;
  // With w = 0 the model is asked unconditionally and the classifier alone steers.
  difflab::ClassifierGuidanceOptions o;
  o.scale = m_scale->value();
  o.inner_gets_labels = m_guidance && m_guidance->value() != 0.0;
  return std::make_shared<difflab::ClassifierGuidance>(o.inner_gets_labels ? guided : model.denoiser, classifier, o);
}
