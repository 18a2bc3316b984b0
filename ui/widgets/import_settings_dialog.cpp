// LibTorch first: its headers must precede every Qt header.
#include "model/diffusers_import.h"
#include "model/imported_model.h"

#include "widgets/import_settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

enum ScheduleChoice { kNotebook, kLinear, kScaledLinear, kCosine, kSidecar };

QString classCountText(int64_t classes) {
  return classes > 0 ? ImportSettingsDialog::tr(", %n classes", nullptr, static_cast<int>(classes)) : QString();
}

}  // namespace

ImportSettingsDialog::ImportSettingsDialog(const QString& path, const difflab::ImportInspection& inspection,
                                           const QString& error, QWidget* parent)
    : QDialog(parent), m_path(path), m_inspection(std::make_unique<difflab::ImportInspection>(inspection)) {
  setWindowTitle(tr("Import settings: %1").arg(QFileInfo(path).fileName()));
  auto* layout = new QVBoxLayout(this);
  const auto& network = m_inspection->network;

  QString recognised;
  if (m_inspection->format == "TorchScript") {
    recognised = m_inspection->takes_labels ? tr("A TorchScript module; its forward takes class labels (x_t, t, y).")
                                            : tr("A TorchScript module; its forward takes (x_t, t).");
  } else if (network) {
    recognised = tr("Recognised: %1.").arg(QString::fromStdString(network->summary));
  } else {
    recognised =
        tr("Its parameter names are none of Diffusion Lab's architectures (MLP, the notebook's "
           "SimpleUnet, the DDPM U-Net). Save the module as TorchScript instead (docs/import.md).");
  }
  auto* what =
      new QLabel(tr("<b>%1</b> (%2)<br>%3")
                     .arg(QFileInfo(path).fileName().toHtmlEscaped(),
                          QString::fromStdString(m_inspection->format).toHtmlEscaped(), recognised.toHtmlEscaped()),
                 this);
  what->setWordWrap(true);
  layout->addWidget(what);

  m_message = new QLabel(this);
  m_message->setWordWrap(true);
  m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
  m_message->setText(error.isEmpty() ? QString() : tr("It did not open: %1").arg(error));
  m_message->setVisible(!error.isEmpty());
  layout->addWidget(m_message);

  auto* form = new QFormLayout;
  layout->addLayout(form);
  const bool diffusers = m_inspection->diffusers;
  const bool points = network && !network->needs_image_size && !diffusers;
  const bool torchscript = m_inspection->format == "TorchScript";
  if (diffusers) {
    const std::vector<int64_t>& shape = network->config.sample_shape;
    form->addRow(
        tr("Sample shape"),
        new QLabel(tr("%1 × %2 × %3 (from config.json)").arg(shape.at(0)).arg(shape.at(1)).arg(shape.at(2)), this));
  } else if (network && network->needs_image_size) {
    m_height = new QSpinBox(this);
    m_width = new QSpinBox(this);
    for (QSpinBox* box : {m_height, m_width}) {
      box->setRange(1, 4096);
      box->setValue(32);
      box->setSuffix(tr(" px"));
    }
    auto* size = new QWidget(this);
    auto* row = new QHBoxLayout(size);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_height);
    row->addWidget(new QLabel(QStringLiteral("×"), size));
    row->addWidget(m_width);
    row->addStretch(1);
    form->addRow(tr("Image size (height × width)"), size);
    m_height->setToolTip(tr("The size of the images the network was trained on; a U-Net's weights do not fix it"));
    if (network->config.kind == "ddpm-unet" && !(m_inspection->sidecar && m_inspection->sidecar->network)) {
      m_groups = new QSpinBox(this);
      m_groups->setRange(1, 4096);
      m_groups->setValue(static_cast<int>(network->config.ddpm_unet.num_groups));
      m_groups->setToolTip(
          tr("GroupNorm's group count is not stored in the weights: 32 in Ho et al.'s U-Net and diffusers' default"));
      form->addRow(tr("GroupNorm groups"), m_groups);
    }
  } else if (torchscript) {
    m_shape = new QLineEdit(QStringLiteral("3, 32, 32"), this);
    m_shape->setToolTip(tr("The shape of one sample: C, H, W for images, D for points"));
    form->addRow(tr("Sample shape"), m_shape);
  } else if (points) {
    form->addRow(tr("Sample shape"), new QLabel(tr("[%1] (from the weights)%2")
                                                    .arg(network->config.sample_shape.at(0))
                                                    .arg(classCountText(network->config.num_classes)),
                                                this));
  }

  m_schedule = new QComboBox(this);
  m_schedule->addItem(tr("Lecture notebook: linear β 1e-4 → 0.02, T = 300"), kNotebook);
  m_schedule->addItem(tr("Linear β (Ho et al. 2020)"), kLinear);
  m_schedule->addItem(tr("Scaled linear β (Stable Diffusion)"), kScaledLinear);
  m_schedule->addItem(tr("Cosine ᾱ (Nichol & Dhariwal 2021)"), kCosine);
  form->addRow(tr("Schedule"), m_schedule);
  m_timesteps = new QSpinBox(this);
  m_timesteps->setRange(1, 100000);
  m_timesteps->setValue(1000);
  form->addRow(tr("Training steps T"), m_timesteps);
  m_betaStart = new QDoubleSpinBox(this);
  m_betaEnd = new QDoubleSpinBox(this);
  for (QDoubleSpinBox* box : {m_betaStart, m_betaEnd}) {
    box->setDecimals(6);
    box->setRange(1e-6, 0.999);
    box->setSingleStep(1e-4);
  }
  m_betaStart->setValue(1e-4);
  m_betaEnd->setValue(0.02);
  form->addRow(tr("β_start (β at t = 1)"), m_betaStart);
  form->addRow(tr("β_end (β at t = T)"), m_betaEnd);

  m_prediction = new QComboBox(this);
  m_prediction->addItem(tr("ε (noise)"), QStringLiteral("eps"));
  m_prediction->addItem(tr("x₀ (clean data)"), QStringLiteral("x0"));
  m_prediction->addItem(tr("v = α ε − σ x₀"), QStringLiteral("v"));
  m_prediction->addItem(tr("score ∇ log p"), QStringLiteral("score"));
  form->addRow(tr("The network predicts"), m_prediction);

  m_data = new QComboBox(this);
  m_data->addItem(tr("Images scaled to [−1, 1] (x / 127.5 − 1)"), QStringLiteral("images"));
  m_data->addItem(tr("Images scaled to [0, 1] (x / 255, as ToTensor())"), QStringLiteral("unit-images"));
  m_data->addItem(tr("Points, unscaled"), QStringLiteral("points"));
  form->addRow(tr("Data"), m_data);
  if (diffusers) {  // diffusers' pipelines train on [−1, 1]; the folder has no place to say otherwise
    m_data->setEnabled(false);
    m_data->setToolTip(tr("diffusers' pipelines scale images to [−1, 1]"));
  }

  m_classes = new QLineEdit(this);
  m_classes->setPlaceholderText(tr("names separated by commas"));
  const int64_t classes = network ? network->config.num_classes : 0;
  const bool conditional = classes > 0 || m_inspection->takes_labels;
  m_classes->setEnabled(conditional);
  if (classes > 0) {
    QStringList names;
    for (int64_t k = 0; k < classes; ++k) names << QString::number(k);
    m_classes->setText(names.join(QStringLiteral(", ")));
  }
  m_classes->setToolTip(conditional ? tr("One name per class, in the order of the labels 0, 1, …")
                                    : tr("The network takes no class labels"));
  form->addRow(tr("Class names"), m_classes);

  // Defaults: the notebook's settings for its SimpleUnet, Ho et al.'s otherwise; points for the MLP.
  const bool notebook = network && network->config.kind == "simple-unet";
  m_schedule->setCurrentIndex(notebook ? kNotebook : kLinear);
  m_data->setCurrentIndex(m_data->findData(points ? QStringLiteral("points") : QStringLiteral("images")));
  if (m_shape) {  // TorchScript: the data kind follows the shape typed
    const auto follow = [this] {
      const bool image = m_shape->text().count(QLatin1Char(',')) == 2;
      if (image != (m_data->currentData().toString() != QLatin1String("points")))
        m_data->setCurrentIndex(m_data->findData(image ? QStringLiteral("images") : QStringLiteral("points")));
    };
    connect(m_shape, &QLineEdit::textEdited, this, follow);
  }
  // A sidecar that reads (but, e.g., lacks the image size) fills the form.
  if (const auto& s = m_inspection->sidecar) {
    const difflab::ScheduleOptions nb = difflab::notebook_schedule();
    const difflab::ScheduleOptions& o = s->schedule;
    const bool representable =
        (o.family == difflab::ScheduleFamily::Linear || o.family == difflab::ScheduleFamily::ScaledLinear ||
         o.family == difflab::ScheduleFamily::Cosine) &&
        !o.zero_terminal_snr;
    if (!representable) {
      // A schedule the form cannot show (sigmoid, custom, zero terminal SNR) is kept as it is.
      m_schedule->addItem(tr("As in the sidecar: %1")
                              .arg(QString::fromStdString(difflab::schedule_family_name(o.family)) +
                                   (o.zero_terminal_snr ? tr(", zero terminal SNR") : QString())),
                          kSidecar);
      m_schedule->setCurrentIndex(m_schedule->count() - 1);
    } else if (o.family == difflab::ScheduleFamily::Linear && o.timesteps == nb.timesteps &&
               o.beta_start == nb.beta_start && o.beta_end == nb.beta_end) {
      m_schedule->setCurrentIndex(kNotebook);
    } else {
      m_schedule->setCurrentIndex(o.family == difflab::ScheduleFamily::Cosine         ? kCosine
                                  : o.family == difflab::ScheduleFamily::ScaledLinear ? kScaledLinear
                                                                                      : kLinear);
      m_timesteps->setValue(static_cast<int>(o.timesteps));
      m_betaStart->setValue(o.beta_start);
      m_betaEnd->setValue(o.beta_end);
    }
    m_prediction->setCurrentIndex(
        m_prediction->findData(QString::fromStdString(difflab::prediction_type_name(s->prediction))));
    m_data->setCurrentIndex(m_data->findData(!s->scale.is_images()         ? QStringLiteral("points")
                                             : s->scale.model_min() == 0.0 ? QStringLiteral("unit-images")
                                                                           : QStringLiteral("images")));
    if (!s->class_names.empty()) {
      QStringList names;
      for (const std::string& n : s->class_names) names << QString::fromStdString(n);
      m_classes->setText(names.join(QStringLiteral(", ")));
    }
    if (s->norm_groups && m_groups) m_groups->setValue(static_cast<int>(*s->norm_groups));
    if (s->sample_shape.size() == 3 && m_height) {
      m_height->setValue(static_cast<int>(s->sample_shape[1]));
      m_width->setValue(static_cast<int>(s->sample_shape[2]));
    }
    if (m_shape && !s->sample_shape.empty()) {
      QStringList dims;
      for (int64_t d : s->sample_shape) dims << QString::number(d);
      m_shape->setText(dims.join(QStringLiteral(", ")));
    }
  }
  connect(m_schedule, &QComboBox::currentIndexChanged, this, &ImportSettingsDialog::updateScheduleFields);
  updateScheduleFields();

  auto* note = new QLabel(
      diffusers ? tr("Saved in the folder as %1, where diffusers reads it: the folder opens with these settings "
                     "from now on, here, in difflab-cli and in diffusers.")
                      .arg(QDir(m_path).relativeFilePath(sidecarPath()))
                : tr("Saved as %1 next to the model: it opens with these settings from now on, here and in "
                     "difflab-cli.")
                      .arg(QFileInfo(sidecarPath()).fileName()),
      this);
  note->setWordWrap(true);
  layout->addWidget(note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Save and open"));
  buttons->button(QDialogButtonBox::Ok)->setEnabled(canImport());
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &ImportSettingsDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &ImportSettingsDialog::reject);
  setMinimumWidth(520);
}

ImportSettingsDialog::~ImportSettingsDialog() = default;

QString ImportSettingsDialog::sidecarPath() const { return QString::fromStdString(m_inspection->sidecar_path); }

bool ImportSettingsDialog::canImport() const {
  return m_inspection->network.has_value() || m_inspection->format == "TorchScript";
}

void ImportSettingsDialog::updateScheduleFields() {
  const int choice = m_schedule->currentData().toInt();
  const bool fixed = choice == kNotebook || choice == kSidecar;
  const bool betas = choice != kCosine;
  m_timesteps->setEnabled(!fixed);
  m_betaStart->setEnabled(!fixed && betas);
  m_betaEnd->setEnabled(!fixed && betas);
  if (choice == kNotebook) {
    m_timesteps->setValue(300);
    m_betaStart->setValue(1e-4);
    m_betaEnd->setValue(0.02);
  } else if (!fixed && m_timesteps->value() == 300 && m_previousChoice == kNotebook) {
    m_timesteps->setValue(1000);  // leaving the notebook's preset: Ho et al.'s T
  }
  m_previousChoice = choice;
}

void ImportSettingsDialog::accept() {
  const auto fail = [this](const QString& why) {
    m_message->setText(why);
    m_message->show();
  };
  if (!canImport()) return fail(tr("These weights cannot be opened with settings alone."));
  // What the form does not show (an explicit network, a schedule it cannot draw) stays as the sidecar has it.
  difflab::ImportSidecar s = m_inspection->sidecar ? *m_inspection->sidecar : difflab::ImportSidecar{};
  s.class_names.clear();
  const auto& network = m_inspection->network;
  if (m_height) {
    s.sample_shape = {network->config.sample_shape.at(0), m_height->value(), m_width->value()};
    if (s.network) {  // an explicit architecture keeps its options; only the image size changes
      s.network->sample_shape = s.sample_shape;
      if (s.network->kind == "ddpm-unet")
        s.network->ddpm_unet.image_size = std::max(m_height->value(), m_width->value());
    }
    if (m_groups) {
      const difflab::DdpmUnetOptions& u = network->config.ddpm_unet;
      for (int64_t m : u.ch_mult)
        if ((u.ch * m) % m_groups->value() != 0)
          return fail(
              tr("GroupNorm groups: %1 does not divide the channel count %2").arg(m_groups->value()).arg(u.ch * m));
      s.norm_groups = m_groups->value();
    }
  } else if (m_shape) {
    s.sample_shape.clear();
    for (const QString& part : m_shape->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
      bool ok = false;
      const int v = part.trimmed().toInt(&ok);
      if (!ok || v < 1) return fail(tr("Sample shape: '%1' is not a positive whole number").arg(part.trimmed()));
      s.sample_shape.push_back(v);
    }
    if (s.sample_shape.empty() || s.sample_shape.size() > 3)
      return fail(tr("Sample shape: give C, H, W for images or D for points"));
  }
  const int choice = m_schedule->currentData().toInt();
  if (choice == kSidecar) {
    // kept
  } else if (choice == kNotebook) {
    s.schedule = difflab::notebook_schedule();
  } else {
    s.schedule = difflab::ScheduleOptions{};
    s.schedule.family = choice == kCosine         ? difflab::ScheduleFamily::Cosine
                        : choice == kScaledLinear ? difflab::ScheduleFamily::ScaledLinear
                                                  : difflab::ScheduleFamily::Linear;
    s.schedule.timesteps = m_timesteps->value();
    s.schedule.beta_start = m_betaStart->value();
    s.schedule.beta_end = m_betaEnd->value();
    if (choice != kCosine && !(s.schedule.beta_start < s.schedule.beta_end))
      return fail(tr("β₁ must be smaller than β_T"));
  }
  s.prediction = difflab::parse_prediction_type(m_prediction->currentData().toString().toStdString());
  const QString data = m_data->currentData().toString();
  s.scale = data == QLatin1String("points")        ? difflab::DataScale::identity()
            : data == QLatin1String("unit-images") ? difflab::DataScale::unit_images()
                                                   : difflab::DataScale::images();
  if (m_classes->isEnabled())
    for (const QString& name : m_classes->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
      s.class_names.push_back(name.trimmed().toStdString());
  const int64_t classes = network ? network->config.num_classes : 0;
  if (classes > 0 && static_cast<int64_t>(s.class_names.size()) != classes)
    return fail(
        tr("Class names: the weights have %1 classes, %2 names were given").arg(classes).arg(s.class_names.size()));
  try {
    if (m_inspection->diffusers)
      difflab::write_diffusers_scheduler_config(m_path.toStdString(), s.schedule, s.prediction);
    else
      difflab::write_import_sidecar(m_inspection->sidecar_path, s);
  } catch (const std::exception& e) {
    return fail(tr("Cannot write %1: %2").arg(sidecarPath(), QString::fromUtf8(e.what())));
  }
  QDialog::accept();
}
