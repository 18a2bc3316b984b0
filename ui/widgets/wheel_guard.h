#pragma once
// Scrolling a settings panel with the mouse wheel must not change the spin box or combo box that happens to
// pass under the pointer (a user scrolling down once set "Guidance w" from 1 to 0 without noticing). Installed
// on the application, this filter hands wheel events over such a field to its parent, so the scroll area
// scrolls, unless the field has keyboard focus (clicked into): then the wheel edits it, as usual.

#include <QObject>

class WheelGuard : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  /// Installs one guard on the running application (idempotent).
  static void install();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};
