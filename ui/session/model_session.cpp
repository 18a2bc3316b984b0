#include "session/model_session.h"

#include "session/sampling_model.h"

ModelSession::ModelSession(QObject* parent) : QObject(parent), m_current(defaultSpec()), m_previous(m_current) {}

QString ModelSession::defaultSpec() {
  // The zoo's Fashion-MNIST model when it is installed (a grid of garments is what a new user should see),
  // else the classic toy mixture, which needs no file.
  for (const ZooEntry& entry : zooModels(QStringLiteral("diffusion")))
    if (entry.spec == QStringLiteral("zoo:fashion-mnist")) return entry.spec;
  return QStringLiteral("preset:8gaussians");
}

void ModelSession::setCurrent(const QString& spec) {
  if (spec.isEmpty()) return;
  if (spec == m_current) return;
  m_previous = m_current;
  m_current = spec;
  Q_EMIT currentChanged(spec);
}

void ModelSession::addFile(const QString& path) {
  if (path.isEmpty() || isBuiltInSpec(path) || m_files.contains(path)) return;
  m_files << path;
  Q_EMIT filesChanged();
}

void ModelSession::reject(const QString& spec) {
  if (m_files.removeAll(spec) > 0) Q_EMIT filesChanged();
  if (spec != m_current) return;
  m_current = (m_previous.isEmpty() || m_previous == spec) ? defaultSpec() : m_previous;
  m_previous = m_current;
  Q_EMIT currentChanged(m_current);
}
