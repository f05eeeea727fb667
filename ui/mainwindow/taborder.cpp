#include "ui/mainwindow/taborder.h"

#include <QDockWidget>
#include <QGuiApplication>
#include <QMainWindow>
#include <QStatusBar>
#include <QStyleHints>
#include <QTabBar>
#include <QToolBar>

#include <algorithm>
#include <tuple>

namespace scui {
namespace {

// Where a direct child of the window comes in reading order: (band, along, within). Docks of an
// area share a band; a tab bar of docks comes after the docks of its area.
using Place = std::tuple<int, int, int>;

int bandOf(Qt::DockWidgetArea area)
{
    switch (area) {
    case Qt::TopDockWidgetArea:
        return 1;
    case Qt::LeftDockWidgetArea:
        return 2;
    case Qt::RightDockWidgetArea:
        return 4;
    case Qt::BottomDockWidgetArea:
        return 5;
    default:
        return 6;
    }
}

// Along the area: down a side area, across a top or bottom one.
int alongIn(Qt::DockWidgetArea area, const QWidget *w)
{
    const bool across = area == Qt::TopDockWidgetArea || area == Qt::BottomDockWidgetArea;
    return across ? w->geometry().x() : w->geometry().y();
}

Place placeOf(QMainWindow *window, QWidget *child)
{
    if (auto *bar = qobject_cast<QToolBar *>(child)) {
        // In its area: at the top first; at a side before or after that side's docks; at the
        // bottom after the bottom docks.
        constexpr int kApart = 1 << 24;
        const QRect g = bar->geometry();
        switch (window->toolBarArea(bar)) {
        case Qt::LeftToolBarArea:
            return {bandOf(Qt::LeftDockWidgetArea), g.y() - kApart, 0};
        case Qt::RightToolBarArea:
            return {bandOf(Qt::RightDockWidgetArea), g.y() + kApart, 0};
        case Qt::BottomToolBarArea:
            return {bandOf(Qt::BottomDockWidgetArea), g.x() + kApart, 0};
        default:
            return {0, g.y() * 10000 + g.x(), 0};
        }
    }
    if (child == window->centralWidget())
        return {3, 0, 0};
    if (auto *dock = qobject_cast<QDockWidget *>(child)) {
        const Qt::DockWidgetArea area = window->dockWidgetArea(dock);
        return {bandOf(area), alongIn(area, dock), 0};
    }
    if (auto *tabs = qobject_cast<QTabBar *>(child)) {
        // The area of the docks whose tabs it holds, after them.
        for (QDockWidget *dock : window->findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
            for (int i = 0; i < tabs->count(); ++i)
                if (!dock->isFloating() && tabs->tabText(i) == dock->windowTitle()) {
                    const Qt::DockWidgetArea area = window->dockWidgetArea(dock);
                    return {bandOf(area), alongIn(area, tabs), 1};
                }
    }
    if (child == window->statusBar())
        return {7, 0, 0};
    return {6, 0, 0};
}

// As Qt's own Tab decides: every control takes it where the platform says so, otherwise only
// those that take the focus by click too (macOS without full keyboard access: text fields and
// lists).
bool takesTab(const QWidget *w)
{
    const Qt::FocusPolicy needed =
        QGuiApplication::styleHints()->tabFocusBehavior() == Qt::TabFocusAllControls
            ? Qt::TabFocus
            : Qt::StrongFocus;
    return (w->focusPolicy() & needed) == needed && w->isVisible() && w->isEnabled() &&
           !w->focusProxy();
}

} // namespace

QList<QWidget *> tabStops(QMainWindow *window)
{
    struct Stop {
        Place place;
        int chain;
        QWidget *widget;
    };
    std::vector<Stop> stops;
    int chain = 0;
    for (QWidget *w = window->nextInFocusChain(); w && w != window; w = w->nextInFocusChain()) {
        ++chain;
        if (w->window() != window || !takesTab(w))
            continue;
        QWidget *child = w;
        while (child->parentWidget() && child->parentWidget() != window)
            child = child->parentWidget();
        stops.push_back({placeOf(window, child), chain, w});
    }
    std::stable_sort(stops.begin(), stops.end(), [](const Stop &a, const Stop &b) {
        return std::tie(a.place, a.chain) < std::tie(b.place, b.chain);
    });
    QList<QWidget *> out;
    for (const Stop &s : stops)
        out.append(s.widget);
    return out;
}

QWidget *tabStopAfter(const QList<QWidget *> &stops, QWidget *from, bool next)
{
    // The stop `from` is, or is inside (a spin box's line edit): the innermost one.
    int at = -1;
    for (QWidget *w = from; w && at < 0; w = w->parentWidget())
        at = int(stops.indexOf(w));
    if (at < 0 || stops.isEmpty())
        return nullptr;
    const int n = int(stops.size());
    return stops[(at + (next ? 1 : n - 1)) % n];
}

} // namespace scui
