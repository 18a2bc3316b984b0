#pragma once
// What a lab session (session/lab_session.h) stores of a main window, and how it is put back: the data set
// and the chosen sample, schedules A and B (with a custom schedule's control points), the current model and
// every view's own settings (pinned models, sampler settings, seeds, class, guidance, the player's step, the
// score lab's and ODE lab's inputs), and the current tab. The layout of each part is in docs/sessions.md.
//
// Restoring is partly asynchronous: models and data sets open on workers, and what depends on them (a class
// chosen by name, the selected sample, the reverse chain's step) is applied once they are there. A field that
// cannot be applied (wrong type, a value no longer offered, a model file gone) leaves that setting as it is
// and adds a sentence to `warnings`; the rest of the session still opens. GUI-thread only.

#include <nlohmann/json_fwd.hpp>

#include <QString>
#include <QStringList>

class MainWindow;

namespace windowsession {

/// The session of `window` (the envelope's "format" and "version" are added by labsession::writeSession).
/// `sessionPath` is where it will be written: model references store their path relative to it too.
nlohmann::json save(const MainWindow& window, const QString& sessionPath);

/// Applies `session` (already read and migrated by labsession::readSession from `sessionPath`) to `window`.
void restore(MainWindow& window, const nlohmann::json& session, const QString& sessionPath, QStringList* warnings);

}  // namespace windowsession
