#pragma once

class QAction;
class QDockWidget;

namespace scui {

// The View menu's item for `dock`: it brings the dock forward — shown, in front of the tabs it
// shares — or, when it is in front already, hides it; its check mark says whether the dock is in
// front. A dock's own toggle (QDockWidget::toggleViewAction) hid a dock shown behind another
// tab, and showed it behind that tab again (QA: View ▸ Explain twice, and the Components tab
// stayed in front). Showing and hiding still go through the dock's toggle, so what it does
// besides (the timeline's height, the lesson's place) is done as before. The item takes the
// toggle's shortcut and follows its text and enabled state.
QAction *dockFrontAction(QDockWidget *dock);

} // namespace scui
