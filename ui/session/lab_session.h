#pragma once
// A lab session file (.difflab): the state of a whole main window as JSON, so that a demonstration prepared
// before a lecture reopens exactly as it was left. This header holds the envelope, which knows nothing of
// views: the format name and version, reading and refusing, atomic writing, and the references to model files
// (path + SHA-256, checked on open). ui/session/view_sessions.h fills and applies the views' parts.
//
// The file (documented in docs/sessions.md):
//   {"format": "difflab-session", "version": 1, "software": "Diffusion Lab 0.x.y",
//    "tab": "GenerateView", "dataset": {...}, "schedule": {...}, "models": {...}, "views": {"generate": {...}, …}}
// Keys are written sorted and numbers in the shortest form that reads back to the same double, so saving a
// session that was just opened writes the same bytes.
//
// Versions: a file of a newer version than kSessionVersion is refused with a message that says so; an older
// one is migrated step by step in readSession() (none yet: version 1 is the first).
//
// GUI-thread only (hashing a model file reads it: about 0.3 s for the 143 MB CIFAR-10 U-Net; the hash of a
// file is cached while its size and modification time stay the same).

#include <nlohmann/json_fwd.hpp>

#include <QString>
#include <QStringList>

#include <stdexcept>

namespace labsession {

inline constexpr const char* kFormat = "difflab-session";
/// The version this program writes; it reads 1 … kSessionVersion.
inline constexpr int kSessionVersion = 1;
/// The file name extension, without the dot.
inline constexpr const char* kExtension = "difflab";

/// A file that is not a session this program can open; the message names the file and the reason.
class SessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads and checks `path`: JSON, "format" = kFormat, 1 ≤ "version" ≤ kSessionVersion (migrated to the
/// current version). Throws SessionError ("FILE: written by a newer Diffusion Lab (session version 3; this one
/// reads up to 1)", "FILE: not a Diffusion Lab session (no \"format\": \"difflab-session\")", "FILE: line 3:
/// …" for malformed JSON).
nlohmann::json readSession(const QString& path);

/// Writes `session` (its "format", "version" and "software" set here) to `path` atomically: a crash or a full
/// disk leaves the previous file. Throws SessionError naming the file and the fault.
void writeSession(const QString& path, nlohmann::json session);

/// The text written for `session` (sorted keys, two-space indentation, a final newline).
std::string sessionText(const nlohmann::json& session);

/// How the file refers to a model: {"spec": "preset:NAME"} or {"spec": "zoo:NAME"} for what the program ships;
/// for a file {"spec": ABSOLUTE PATH, "relative": PATH FROM THE SESSION'S FOLDER, "sha256": HEX}.
nlohmann::json modelReference(const QString& spec, const QString& sessionPath);

/// The spec to open for a reference read from `sessionPath`, or an empty string when the file is gone. A file
/// found through "relative" (the session and its models moved together) is used; `warnings` gets a sentence
/// when the file moved, changed since the session was saved (another SHA-256: opened as it is now) or is
/// missing. `where` names the part of the session in the sentence ("Generate").
QString resolveModel(const nlohmann::json& reference, const QString& sessionPath, const QString& where,
                     QStringList* warnings);

/// The hex SHA-256 of a file (cached by path, size and modification time); empty when it cannot be read.
QString fileSha256(const QString& path);
/// The hex SHA-256 that identifies a model (difflab::model_sha256): the file for a checkpoint or mixture (cached),
/// the weights and their sidecar or diffusers config files for an import; empty when it cannot be read.
QString modelSha256(const QString& spec);

}  // namespace labsession
