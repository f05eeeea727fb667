#pragma once

#include <QDockWidget>

namespace scui {

// Brings `dock` forward: the tab in front of its group, or, floating, the window on top.
// QWidget::raise() alone does nothing to a widget that is already the last of its parent's
// children and created, and QDockWidget brings its tab forward only on the z-order change raise()
// sends: a dock raised last stayed behind a tab chosen since by a click, and one raised while the
// window was hidden (a lesson given on the command line, before the dock areas had tab bars) never
// came forward. Lowering it first makes the raise a change.
inline void bringForward(QDockWidget *dock)
{
    dock->lower();
    dock->raise();
}

} // namespace scui
