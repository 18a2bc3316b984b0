#pragma once
// Chooses the model a sampling view draws from, as a model spec (session/sampling_model.h): the shipped
// exact mixtures ("preset:NAME") and files the user opened (checkpoints or mixture JSON). "Open…" asks for
// a file and adds it. Emits specChanged() when the choice changes. GUI-thread only.

#include <QString>
#include <QWidget>

class QComboBox;
class QPushButton;

class ModelSourceBox : public QWidget {
  Q_OBJECT
 public:
  explicit ModelSourceBox(QWidget* parent = nullptr);

  QString spec() const;
  /// Selects `spec`, adding it to the list when it is new; emits specChanged() if the choice changed.
  void setSpec(const QString& spec);

  QComboBox* comboBox() const { return m_combo; }

  /// A readable name for a spec: "Exact mixture: 8gaussians" or the file name.
  static QString displayName(const QString& spec);

 public Q_SLOTS:
  /// Asks for a checkpoint or mixture JSON file and selects it.
  void openFile();

 Q_SIGNALS:
  void specChanged(const QString& spec);

 private:
  QComboBox* m_combo = nullptr;
  QPushButton* m_open = nullptr;
};
