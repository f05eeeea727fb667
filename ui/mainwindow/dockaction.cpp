#include "ui/mainwindow/dockaction.h"

#include "ui/mainwindow/bringforward.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QTimer>

namespace scui {

namespace {

// In front: shown, and not behind another dock's tab (a dock behind a tab has no visible region).
bool inFront(const QDockWidget *dock)
{
    return dock->isVisible() && !dock->visibleRegion().isEmpty();
}

} // namespace

QAction *dockFrontAction(QDockWidget *dock)
{
    QAction *toggle = dock->toggleViewAction();
    auto *item = new QAction(toggle->text(), dock);
    item->setCheckable(true);
    item->setShortcut(toggle->shortcut());
    toggle->setShortcut({}); // the item's now: two actions with one shortcut would both be deaf
    item->setEnabled(toggle->isEnabled());
    QObject::connect(toggle, &QAction::changed, item, [item, toggle] {
        item->setText(toggle->text());
        item->setEnabled(toggle->isEnabled());
    });
    QObject::connect(item, &QAction::triggered, dock, [dock, toggle] {
        if (!toggle->isChecked()) { // hidden: shown, in front
            toggle->trigger();
            bringForward(dock);
        } else if (inFront(dock)) {
            // Hidden: the keys it had go to the canvas, not to the next field in the window's
            // chain (the timeline closed with Ctrl+T gave them to the lesson's title, selected,
            // and Space, its play key, wiped it; QA).
            const bool hadFocus = dock->isAncestorOf(QApplication::focusWidget());
            toggle->trigger();
            if (auto *window = qobject_cast<QMainWindow *>(dock->parentWidget());
                hadFocus && window && window->centralWidget())
                window->centralWidget()->setFocus(Qt::OtherFocusReason);
        } else {
            bringForward(dock); // behind a tab: in front
        }
    });
    // The check mark, whenever a tab is brought forward or sent back or the dock is shown or
    // hidden: read once the tab bar has laid out, when visibleRegion is current.
    const auto update = [item, dock] {
        QTimer::singleShot(0, item, [item, dock] { item->setChecked(inFront(dock)); });
    };
    QObject::connect(dock, &QDockWidget::visibilityChanged, item, update);
    update();
    return item;
}

} // namespace scui
