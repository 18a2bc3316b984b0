#pragma once
// Asks, in one form, what a model file from PyTorch cannot say about itself (docs/import.md): the image size
// (the weights of a U-Net do not fix it), the β schedule, what the network predicts, how the data were scaled
// and the class names. It shows what was recognised (format, architecture, classes) and, when the file did
// not open, why. "Save and open" writes the settings as the file's sidecar JSON next to it, atomically, so the
// file opens with them next time, in the GUI and in difflab-cli alike. GUI-thread only.

#include <QDialog>
#include <QString>

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace difflab {
struct ImportInspection;
}

class ImportSettingsDialog : public QDialog {
  Q_OBJECT
 public:
  /// `inspection`: inspect_import() of `path`; `error`: why the file did not open (shown on top; may be empty).
  ImportSettingsDialog(const QString& path, const difflab::ImportInspection& inspection, const QString& error,
                       QWidget* parent = nullptr);
  ~ImportSettingsDialog() override;

  QString modelPath() const { return m_path; }
  /// Where accept() writes the sidecar.
  QString sidecarPath() const;
  /// False when the weights are none of our architectures: nothing here can open them.
  bool canImport() const;

  QSpinBox* heightBox() const { return m_height; }
  QSpinBox* widthBox() const { return m_width; }
  QLineEdit* sampleShapeEdit() const { return m_shape; }
  QSpinBox* groupsBox() const { return m_groups; }
  QComboBox* scheduleBox() const { return m_schedule; }
  QSpinBox* timestepsBox() const { return m_timesteps; }
  QComboBox* predictionBox() const { return m_prediction; }
  QComboBox* dataBox() const { return m_data; }
  QLineEdit* classNamesEdit() const { return m_classes; }
  QLabel* messageLabel() const { return m_message; }

 public Q_SLOTS:
  /// Checks the form and writes the sidecar; stays open with the fault shown when either fails.
  void accept() override;

 private:
  void updateScheduleFields();

  QString m_path;
  std::unique_ptr<difflab::ImportInspection> m_inspection;
  QLabel* m_message = nullptr;
  QSpinBox* m_height = nullptr;
  QSpinBox* m_width = nullptr;
  QSpinBox* m_groups = nullptr;  ///< a DDPM U-Net recognised from its weights: GroupNorm groups
  QLineEdit* m_shape = nullptr;
  QComboBox* m_schedule = nullptr;
  QSpinBox* m_timesteps = nullptr;
  QDoubleSpinBox* m_betaStart = nullptr;
  QDoubleSpinBox* m_betaEnd = nullptr;
  QComboBox* m_prediction = nullptr;
  QComboBox* m_data = nullptr;
  QLineEdit* m_classes = nullptr;
  int m_previousChoice = -1;
};
