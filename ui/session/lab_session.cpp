// Core headers first: LibTorch's must precede every Qt header.
#include "base/error_text.h"
#include "model/diffusers_import.h"
#include "model/imported_model.h"

#include "session/lab_session.h"

#include "io/atomic_file.h"
#include "io/json_text.h"
#include "io/sha256.h"
#include "session/sampling_model.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <exception>

namespace labsession {
namespace {

/// The context of this file's messages (lupdate reads it from the macro).
struct LabSession {
  Q_DECLARE_TR_FUNCTIONS(LabSession)
};

[[noreturn]] void fail(const QString& path, const QString& why) {
  throw SessionError(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why).toStdString());
}

struct HashEntry {
  qint64 size = -1;
  QDateTime modified;
  QString sha256;
};

}  // namespace

nlohmann::json readSession(const QString& path) {
  QFile file(path);
  if (!file.exists()) fail(path, LabSession::tr("no such file"));
  if (!file.open(QIODevice::ReadOnly)) fail(path, file.errorString());
  // A session is a few kilobytes; anything far larger is not one (and must not be read into memory).
  constexpr qint64 kMaxBytes = 16 << 20;
  if (file.size() > kMaxBytes) fail(path, LabSession::tr("%1 bytes is too large for a session file").arg(file.size()));
  const QByteArray bytes = file.readAll();
  nlohmann::json session;
  try {
    session = difflab::parse_json_text(bytes.toStdString(), 64);
  } catch (const std::exception& e) {
    fail(path, LabSession::tr("not valid JSON (%1)").arg(QString::fromStdString(difflab::user_message(e.what()))));
  }
  if (!session.is_object() || !session.contains("format") || session["format"] != kFormat)
    fail(path, LabSession::tr("not a Diffusion Lab session (no \"format\": \"%1\")").arg(QLatin1String(kFormat)));
  const auto version = session.find("version");
  if (version == session.end() || !version->is_number_integer())
    fail(path, LabSession::tr("the field \"version\" is missing or not an integer"));
  const int64_t v = version->get<int64_t>();
  if (v > kSessionVersion)
    fail(path, LabSession::tr("written by a newer Diffusion Lab (session version %1; this one reads up to %2). Update "
                              "Diffusion Lab to open it.")
                   .arg(v)
                   .arg(kSessionVersion));
  if (v < 1) fail(path, LabSession::tr("session version %1 does not exist (versions start at 1)").arg(v));
  // Migrations from older versions go here, one step per version (v → v + 1), so that the views only ever see
  // the current layout.
  session["version"] = kSessionVersion;
  return session;
}

std::string sessionText(const nlohmann::json& session) { return session.dump(2) + "\n"; }

void writeSession(const QString& path, nlohmann::json session) {
  session["format"] = kFormat;
  session["version"] = kSessionVersion;
  session["software"] = std::string("Diffusion Lab ") + DIFFLAB_VERSION;
  try {
    difflab::write_file_atomically(QFile::encodeName(path).toStdString(), sessionText(session));
  } catch (const std::exception& e) {
    fail(path, QString::fromStdString(difflab::user_message(e.what())));
  }
}

QString fileSha256(const QString& path) {
  static QHash<QString, HashEntry> cache;
  const QFileInfo info(path);
  if (!info.isFile()) return {};
  HashEntry& entry = cache[info.absoluteFilePath()];
  if (entry.size == info.size() && entry.modified == info.lastModified() && !entry.sha256.isEmpty())
    return entry.sha256;
  try {
    entry.sha256 = QString::fromStdString(difflab::sha256_file_hex(QFile::encodeName(path).toStdString()));
  } catch (const std::exception&) {
    entry.sha256.clear();
  }
  entry.size = info.size();
  entry.modified = info.lastModified();
  return entry.sha256;
}

QString modelSha256(const QString& spec) {
  const std::string path = QFile::encodeName(spec).toStdString();
  if (QFileInfo(spec).isFile() && !difflab::needs_import_sidecar(path) &&
      !difflab::is_diffusers_folder(difflab::diffusers_folder_of(path)))
    return fileSha256(spec);  // a checkpoint or a mixture: the file itself, cached
  try {
    return QString::fromStdString(difflab::model_sha256(path));  // weights and the settings beside them
  } catch (const std::exception&) {
    return {};
  }
}

nlohmann::json modelReference(const QString& spec, const QString& sessionPath) {
  nlohmann::json ref = nlohmann::json::object();
  if (spec.isEmpty() || isBuiltInSpec(spec)) {
    ref["spec"] = spec.toStdString();
    return ref;
  }
  const QFileInfo model(spec);
  ref["spec"] = model.absoluteFilePath().toStdString();
  ref["relative"] = QFileInfo(sessionPath).absoluteDir().relativeFilePath(model.absoluteFilePath()).toStdString();
  ref["sha256"] = modelSha256(spec).toStdString();
  return ref;
}

QString resolveModel(const nlohmann::json& reference, const QString& sessionPath, const QString& where,
                     QStringList* warnings) {
  auto text = [&](const char* key) {
    const auto it = reference.find(key);
    return it != reference.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
  };
  if (!reference.is_object()) {
    if (warnings)
      *warnings << LabSession::tr("%1: the model reference is not an object; the model was left as it is").arg(where);
    return {};
  }
  const QString spec = text("spec");
  if (spec.isEmpty() || isBuiltInSpec(spec)) return spec;

  QString found = spec;
  if (!QFileInfo::exists(spec)) {  // a file, or a diffusers folder
    const QString relative = text("relative");
    const QString besideSession =
        relative.isEmpty() ? QString() : QFileInfo(sessionPath).absoluteDir().absoluteFilePath(relative);
    if (besideSession.isEmpty() || !QFileInfo::exists(besideSession)) {
      if (warnings)
        *warnings << LabSession::tr("%1: the model %2 is missing (moved or deleted); the model was left as it is")
                         .arg(where, QDir::toNativeSeparators(spec));
      return {};
    }
    found = QFileInfo(besideSession).canonicalFilePath();
    if (warnings)
      *warnings << LabSession::tr("%1: the model %2 moved; opened %3, found beside the session")
                       .arg(where, QDir::toNativeSeparators(spec), QDir::toNativeSeparators(found));
  }
  const QString saved = text("sha256");
  const QString now = modelSha256(found);
  if (!saved.isEmpty() && now != saved && warnings)
    *warnings << LabSession::tr(
                     "%1: the model %2 changed since the session was saved (SHA-256 %3… is now %4…); opened as it "
                     "is now")
                     .arg(where, QDir::toNativeSeparators(found), saved.left(12), now.left(12));
  return found;
}

}  // namespace labsession
