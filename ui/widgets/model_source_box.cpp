#include "widgets/model_source_box.h"

#include "session/model_session.h"
#include "session/sampling_model.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QPushButton>
#include <QStandardItemModel>

ModelSourceBox::ModelSourceBox(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_combo = new QComboBox(this);
  m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_combo->setMinimumContentsLength(16);
  // The zoo first (trained networks, named by their titles), then the exact mixtures.
  for (const ZooEntry& entry : zooModels(QStringLiteral("diffusion"))) {
    m_combo->addItem(entry.title, entry.spec);
    m_combo->setItemData(m_combo->count() - 1, tr("Shipped model (%1): %2").arg(entry.path, entry.description),
                         Qt::ToolTipRole);
  }
  for (const QString& spec : mixturePresetSpecs()) {
    m_combo->addItem(displayName(spec), spec);
    m_combo->setItemData(m_combo->count() - 1, tr("The exact denoiser of this Gaussian mixture: no training error"),
                         Qt::ToolTipRole);
  }
  // What a new window shows first (ModelSession::defaultSpec: the Fashion-MNIST model, else 8 Gaussians).
  const int first = m_combo->findData(ModelSession::defaultSpec());
  if (first >= 0) m_combo->setCurrentIndex(first);
  m_open = new QPushButton(tr("Open…"), this);
  m_open->setToolTip(
      tr("Open a checkpoint, a model from PyTorch (safetensors, torch.save, TorchScript), a diffusers "
         "UNet2DModel (choose its config.json) or a Gaussian-mixture JSON file"));
  layout->addWidget(m_combo, 1);
  layout->addWidget(m_open);
  connect(m_open, &QPushButton::clicked, this, &ModelSourceBox::openFile);
  // A narrow settings column elides long names ("Fashion-MNIST (U-Net, class-con…"): the box's tooltip has it whole.
  const auto showWhole = [this] {
    const QString more = m_combo->currentData(Qt::ToolTipRole).toString();
    m_combo->setToolTip(more.isEmpty() ? m_combo->currentText() : m_combo->currentText() + QStringLiteral("\n") + more);
  };
  showWhole();
  connect(m_combo, &QComboBox::currentIndexChanged, this, [this, showWhole] {
    showWhole();
    Q_EMIT specChanged(spec());
  });
}

QString ModelSourceBox::spec() const { return m_combo->currentData().toString(); }

void ModelSourceBox::setSpec(const QString& chosen) {
  const QString spec = builtInSpecFor(chosen);  // a preset's or the zoo's own file: its entry, not a second one
  addCanonical(spec);
  m_combo->setCurrentIndex(m_combo->findData(spec));
}

void ModelSourceBox::addSpec(const QString& chosen) { addCanonical(builtInSpecFor(chosen)); }

void ModelSourceBox::addCanonical(const QString& spec) {
  if (spec.isEmpty() || m_combo->findData(spec) >= 0) return;
  m_combo->addItem(displayName(spec), spec);
  m_combo->setItemData(m_combo->count() - 1, spec, Qt::ToolTipRole);
}

void ModelSourceBox::removeSpec(const QString& spec) {
  const int index = m_combo->findData(spec);
  if (index >= 0 && !isBuiltInSpec(spec)) m_combo->removeItem(index);
}

void ModelSourceBox::disableUnusable(const std::function<QString(const QString& spec)>& whyNot) {
  auto* items = qobject_cast<QStandardItemModel*>(m_combo->model());
  if (!items) return;
  for (int i = 0; i < m_combo->count(); ++i) {
    const QString reason = whyNot(m_combo->itemData(i).toString());
    if (reason.isEmpty()) continue;
    if (QStandardItem* item = items->item(i)) {
      item->setEnabled(false);
      item->setToolTip(reason);
    }
  }
}

QString ModelSourceBox::displayName(const QString& spec) {
  if (spec.startsWith(QStringLiteral("preset:"))) return tr("Exact mixture: %1").arg(spec.mid(7));
  if (spec.startsWith(QStringLiteral("zoo:"))) {
    for (const ZooEntry& entry : zooModels(QStringLiteral("diffusion")))
      if (entry.spec == spec) return entry.title;
    return spec;
  }
  return QFileInfo(spec).fileName();
}

void ModelSourceBox::openFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open a model"), QString(), tr("Models (*.ckpt *.safetensors *.pt *.pth *.bin *.json);;All files (*)"));
  if (!path.isEmpty()) Q_EMIT fileChosen(path);
}
