#pragma once
// Chooses the model a sampling view draws from, as a model spec (session/sampling_model.h): the shipped
// exact mixtures ("preset:NAME") and files that opened (checkpoints, imports or mixture JSON). "Open…" asks
// for a file and reports it with fileChosen(); the owner (ModelPanel) adds it only once it has opened.
// Emits specChanged() when the user changes the choice. GUI-thread only.

#include <QString>
#include <QWidget>

#include <functional>

class QComboBox;
class QPushButton;

class ModelSourceBox : public QWidget {
  Q_OBJECT
 public:
  explicit ModelSourceBox(QWidget* parent = nullptr);

  QString spec() const;
  /// Selects `spec`, adding it to the list when it is new; emits specChanged() if the choice changed.
  void setSpec(const QString& spec);
  /// Adds `spec` to the list without selecting it.
  void addSpec(const QString& spec);
  /// Takes a file out of the list (presets stay).
  void removeSpec(const QString& spec);

  QComboBox* comboBox() const { return m_combo; }

  /// Greys out the listed models a view cannot use: `whyNot(spec)` returns the reason (shown as the entry's
  /// tooltip) or an empty string. Files added later stay enabled; the view still checks what it opens.
  void disableUnusable(const std::function<QString(const QString& spec)>& whyNot);

  /// A readable name for a spec: "Exact mixture: 8gaussians" or the file name.
  static QString displayName(const QString& spec);

 public Q_SLOTS:
  /// Asks for a model file and emits fileChosen() with it.
  void openFile();

 Q_SIGNALS:
  void specChanged(const QString& spec);
  void fileChosen(const QString& path);

 private:
  void addCanonical(const QString& spec);  ///< addSpec for a spec already mapped by builtInSpecFor
  QComboBox* m_combo = nullptr;
  QPushButton* m_open = nullptr;
};
