#pragma once

#include <QList>

class QMainWindow;
class QWidget;

namespace scui {

// The widgets Tab stops at in `window`, in reading order: the tool bars, then the docks at the
// top, at the left, the central widget, the docks at the right and at the bottom (each area's
// docks top to bottom or left to right, a dock's tab bar after its docks), then the status bar;
// inside each, Qt's focus chain. Qt's chain alone is the order widgets were made in, and the
// inspector makes its page anew for every selection: its fields came after the bottom docks, and
// Shift+Tab from the canvas went to the inspector's last field (QA).
QList<QWidget *> tabStops(QMainWindow *window);

// Where Tab (`next`) or Shift+Tab goes from `from` (a stop or a widget inside one) among `stops`;
// null when `from` is not in any of them.
QWidget *tabStopAfter(const QList<QWidget *> &stops, QWidget *from, bool next);

} // namespace scui
