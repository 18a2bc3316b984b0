#pragma once
// The classifier-guidance controls of the sampling views (Generate, Reverse chain): a box choosing the
// classifier — none, the exact posterior of a mixture's classes, or a classifier checkpoint (Open…) — and the
// scale s. wrap() puts ClassifierGuidance (model/classifier_guidance.h, Dhariwal & Nichol 2021, Alg. 2) around
// the view's denoiser. Switching a classifier on while the classifier-free scale w is 1 sets w to 0, so the
// classifier alone steers (the model is then asked unconditionally). GUI-thread only.

#include <QObject>
#include <QString>

#include <map>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QWidget;
struct SamplingModel;

namespace difflab {
class Denoiser;
class NoisyClassifier;
}  // namespace difflab

class ClassifierGuidanceBox : public QObject {
  Q_OBJECT
 public:
  /// `guidance` is the view's classifier-free scale w (must outlive this object); rows are added to `form`.
  ClassifierGuidanceBox(QFormLayout* form, QDoubleSpinBox* guidance, QWidget* parent);

  /// Enables "exact" for a mixture with classes, the whole box for a model with classes (null: disabled).
  void setModel(const SamplingModel* model);
  /// Adds a classifier checkpoint and selects it; false with a message naming the file when it cannot be used.
  bool openClassifier(const QString& path, QString* error = nullptr);
  /// `guided` (the view's denoiser for class `classIndex` at w) with classifier guidance around it when a
  /// classifier is chosen and a class is asked for; else `guided` itself. Throws std::invalid_argument with a
  /// message when the classifier does not fit the model.
  std::shared_ptr<difflab::Denoiser> wrap(std::shared_ptr<difflab::Denoiser> guided, const SamplingModel& model,
                                          int classIndex) const;
  bool isActive() const;

  QComboBox* box() const { return m_box; }
  QDoubleSpinBox* scaleBox() const { return m_scale; }

 Q_SIGNALS:
  /// The choice or the scale changed: the view runs again.
  void changed();
  /// A classifier file could not be opened (the message names it).
  void failed(const QString& message);

 private:
  std::shared_ptr<difflab::NoisyClassifier> chosen(const SamplingModel& model) const;

  QComboBox* m_box = nullptr;
  QDoubleSpinBox* m_scale = nullptr;
  QDoubleSpinBox* m_guidance = nullptr;
  std::map<QString, std::shared_ptr<difflab::NoisyClassifier>> m_files;
};
