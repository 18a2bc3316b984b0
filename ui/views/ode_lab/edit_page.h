#pragma once
// ODE lab ▸ Editing (SDEdit, Meng et al. 2022): noise the data to t₀ (slider; the label shows the model's ᾱ
// there) and denoise it under a chosen class (difflab::edit_by_partial_noising); original, result and
// |difference| side by side.

#include <ATen/core/Tensor.h>

#include <QWidget>

#include <memory>

namespace difflab {
struct PartialNoisingResult;
}
class OdeLabView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
namespace odelab {
class ResultView;
}

class EditPage : public QWidget {
  Q_OBJECT
 public:
  explicit EditPage(OdeLabView* lab);
  ~EditPage() override;
  /// The last edit shown, with its input x₀ (null before the first run or after a model switch).
  std::shared_ptr<const difflab::PartialNoisingResult> report() const { return m_report; }
  at::Tensor input() const { return m_x0; }
  QSlider* t0Slider() const { return m_t0; }
  /// The lecture banner for this page: SDEdit's noising to t₀ and the page's sampler (lecture_equations.h).
  QString lectureEquation() const;
  QComboBox* classBox() const { return m_class; }
  QLabel* t0Label() const { return m_t0Label; }

 public Q_SLOTS:
  void run();

 private:
  void show(std::shared_ptr<const difflab::PartialNoisingResult> report, int64_t t0);
  void clear();
  void refresh();  ///< class box, t₀ range and label from the open model
  void updateT0Label();
  void updateDifferenceTitle();

  OdeLabView* m_lab;
  std::shared_ptr<const difflab::PartialNoisingResult> m_report;
  at::Tensor m_x0;  ///< the input of the edit shown
  QSlider* m_t0 = nullptr;
  QLabel* m_t0Label = nullptr;
  QComboBox* m_class = nullptr;
  QDoubleSpinBox* m_guidance = nullptr;
  QComboBox* m_sampler = nullptr;
  odelab::ResultView* m_original = nullptr;
  odelab::ResultView* m_result = nullptr;
  odelab::ResultView* m_difference = nullptr;
  QLabel* m_differenceTitle = nullptr;  ///< "|Result − original|" for images, "Moves: …" for points
  QLabel* m_text = nullptr;
};
