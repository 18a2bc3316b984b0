#pragma once
// The class and guidance rows of the sampling views (Generate, Reverse chain), said once: the class box
// ("(unconditional)", optionally "(every class in turn)", then the model's classes), the classifier-free scale w
// (Ho & Salimans 2022; enabled only when classes are asked for) and the classifier-guidance rows
// (ClassifierGuidanceBox, Dhariwal & Nichol 2021). denoiser() builds what a run samples with. GUI-thread only.

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <string>

namespace difflab {
class Denoiser;
}
class ClassifierGuidanceBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QWidget;
struct SamplingModel;

class GuidanceControls : public QObject {
  Q_OBJECT
 public:
  /// Adds the rows Class, Guidance w and the classifier's to `form`; `everyClass` offers "every class in turn".
  GuidanceControls(QFormLayout* form, bool everyClass, QWidget* parent);

  /// Fills the class box from `model` (the previous class stays chosen when the model has it) and tells the
  /// classifier rows which model they guide. Emits nothing.
  void setModel(const SamplingModel& model);
  /// −1 (unconditional), kEveryClass (session/sampling_model.h) or a class index.
  int classIndex() const;
  /// The recipe's spelling of the class: "" unconditional, "all" every class, else the class name.
  std::string className() const;
  /// Chooses a class by the recipe's spelling (unknown names choose unconditional). Emits nothing.
  void setClassName(const std::string& name);
  double guidance() const;
  /// Sets w. Emits nothing.
  void setGuidance(double w);
  /// The denoiser for the chosen class at scale `w` (default: the box's): the model, classifier-free guidance
  /// around it, and classifier guidance around that when a classifier is chosen. Throws std::invalid_argument
  /// with a message for guidance an unconditional model cannot take or a classifier that does not fit.
  std::shared_ptr<difflab::Denoiser> denoiser(const SamplingModel& model, std::optional<double> w = {}) const;

  QComboBox* classBox() const { return m_class; }
  QDoubleSpinBox* guidanceBox() const { return m_guidance; }
  ClassifierGuidanceBox* classifier() const { return m_classifier; }

 Q_SIGNALS:
  /// The class, w or the classifier changed: the view runs again.
  void changed();
  /// A classifier file could not be opened (the message names it).
  void failed(const QString& message);

 private:
  void syncEnabled();

  QComboBox* m_class = nullptr;
  QDoubleSpinBox* m_guidance = nullptr;
  ClassifierGuidanceBox* m_classifier = nullptr;
  bool m_everyClass;
};
