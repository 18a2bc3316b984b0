#pragma once
// Scrolling a settings panel with the mouse wheel must not change the spin box or combo box that happens to
// pass under the pointer (a user scrolling down once set "Guidance w" from 1 to 0 without noticing). Installed
// on the application, this filter gives every such field Qt::StrongFocus as it is polished (Qt's default,
// WheelFocus, lets the wheel itself focus the field before any filter sees the event), and hands wheel events
// over a field without focus to its parent, so the scroll area scrolls. A field clicked into (focused) takes
// the wheel as usual.

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
