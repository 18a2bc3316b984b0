#pragma once
// The current model of a main window: the one spec (session/sampling_model.h) that every sampling view
// (Generate, Reverse chain, Compare samplers, ODE lab) follows unless the view pins another, and the model
// files known to open. Opening a file in any view, `difflab --model FILE` and a finished training run make
// the file current; a file enters files() only once it has opened, and reject() takes out a file that
// stopped opening (moved, overwritten by something else), so no model list offers a file that fails.
// GUI-thread only.

#include <QObject>
#include <QString>
#include <QStringList>

class ModelSession : public QObject {
  Q_OBJECT
 public:
  explicit ModelSession(QObject* parent = nullptr);

  /// The current model's spec; "preset:8gaussians" (the classic toy mixture) until something else is chosen.
  QString current() const { return m_current; }
  /// Model files that opened, oldest first (presets are not listed: every model box has them).
  QStringList files() const { return m_files; }

  /// The spec of the built-in default: the 8-Gaussians mixture (the shipped image model, issue #12, will take
  /// its place once it is in models/).
  static QString defaultSpec();

 public Q_SLOTS:
  /// Makes `spec` current in every view that does not pin its own (a file enters files() once a view has
  /// opened it). Emits currentChanged() when it changed.
  void setCurrent(const QString& spec);
  /// Adds a file that opened (no signal when known).
  void addFile(const QString& path);
  /// `spec` failed to open: it leaves files(), and if it was current the previous current model returns.
  void reject(const QString& spec);

 Q_SIGNALS:
  void currentChanged(const QString& spec);
  void filesChanged();

 private:
  QString m_current;
  QString m_previous;  ///< what reject() returns to
  QStringList m_files;
};
