#pragma once

// A user's mouse on the canvas, for GUI tests: events sent to the view's viewport at scene
// positions, as a real press, moves and release would arrive.

#include "ui/canvas/canvasview.h"

#include <QApplication>
#include <QMouseEvent>

namespace sctest {

inline void mouse(scui::CanvasView *view, QEvent::Type type, QPointF scenePos,
                  Qt::MouseButton button = Qt::LeftButton,
                  Qt::MouseButtons buttons = Qt::LeftButton)
{
    const QPointF local = view->mapFromScene(scenePos);
    const QPointF global = view->viewport()->mapToGlobal(local);
    QMouseEvent e(type, local, global, button, buttons, {});
    QApplication::sendEvent(view->viewport(), &e);
}

// Press at `from`, `steps` moves to `to`, release there.
inline void drag(scui::CanvasView *view, QPointF from, QPointF to, int steps = 6)
{
    mouse(view, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    for (int i = 1; i <= steps; ++i)
        mouse(view, QEvent::MouseMove, from + (to - from) * (double(i) / steps), Qt::NoButton,
              Qt::LeftButton);
    mouse(view, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
}

} // namespace sctest
