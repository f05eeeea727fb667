#include "mainwindow.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/chaosmarks.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/groupitem.h"
#include "ui/canvas/noteitem.h"
#include "ui/canvas/requestflow.h"
#include "ui/charts/growthcharts.h"
#include "ui/commands/changecommands.h"
#include "ui/commands/componentcommands.h"
#include "ui/compare/compareview.h"
#include "ui/document.h"
#include "ui/explain/explainpanel.h"
#include "ui/export/exportdialogs.h"
#include "ui/inspector/inspector.h"
#include "ui/inspector/undokeys.h"
#include "ui/mainwindow/autosave.h"
#include "ui/mainwindow/bringforward.h"
#include "ui/mainwindow/designproperties.h"
#include "ui/mainwindow/dockaction.h"
#include "ui/mainwindow/lessondock.h"
#include "ui/mainwindow/lessonplayer.h"
#include "ui/mainwindow/messagetoast.h"
#include "ui/mainwindow/presentation.h"
#include "ui/mainwindow/taborder.h"
#include "ui/mainwindow/templategallery.h"
#include "ui/mainwindow/usersslider.h"
#include "ui/mainwindow/variantsmenu.h"
#include "ui/mainwindow/welcomeoverlay.h"
#include "ui/numberformat.h"
#include "ui/palette/palette.h"
#include "ui/theme.h"
#include "ui/timeline/timeline.h"

#include "core/analysis/limits.h"
#include "core/analysis/options.h"
#include "core/catalog/catalog.h"
#include "core/io/templates.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGraphicsItem>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTabBar>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace scui {
namespace {

// The users slider's narrowest: room for a drag to pick any count on its log scale (about 45 px
// a decade), with the "viewing at" strip beside it at 1280 px.
constexpr int kSliderMinWidth = 320;

// The slider's log scale runs over the users range of core/analysis/limits.h.
double logMin()
{
    return std::log10(sc::kMinUsers);
}
double logMax()
{
    return std::log10(sc::kMaxUsers);
}

// The most users a design may hold: the traffic table's range for `users`.
double maxUsersInput()
{
    for (const sc::ParamSpec &spec : sc::trafficSpecs())
        if (spec.name == "users")
            return spec.max;
    return sc::kMaxUsers;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_doc(new Document(this))
{
    m_scene = new CanvasScene(m_doc, this);
    m_view = new CanvasView(m_scene);
    setCentralWidget(m_view);
    new ChaosMarks(m_scene, m_doc); // live chaos: failed boxes marked, a banner to restore
    new ChaosBanner(m_doc, m_view);
    new RequestFlow(m_scene, m_doc, m_view); // View ▸ Animate Requests
    m_palette = new Palette;
    m_inspector = new Inspector(m_doc);
    m_warnings = new QListWidget;
    createDocks();
    createActions();
    createToolBar();
    createStatusBar();
    createExplainDock(this, m_doc, m_view, nullptr);
    // When each dock last came in front of its tab group (docksByWhenInFront).
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        connect(dock, &QDockWidget::visibilityChanged, this, [this, dock](bool visible) {
            if (visible && !presenting())
                m_inFrontAt[dock] = ++m_inFrontCount;
        });

    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        const QStringList ids = m_scene->selectedIds();
        // A lone selected connection shows its weight and classes.
        const QList<QGraphicsItem *> items = m_scene->selectedItems();
        if (ids.isEmpty() && items.size() == 1) {
            if (auto *edge = qgraphicsitem_cast<ConnectionItem *>(items.front())) {
                m_inspector->setConnection(edge->key());
                return;
            }
            if (auto *group = qgraphicsitem_cast<GroupItem *>(items.front())) {
                m_inspector->setGroup(group->id());
                return;
            }
        }
        m_inspector->setSelection(ids);
        if (m_charts && ids.size() == 1)
            m_charts->setSelectedComponent(ids.front());
    });
    connect(m_scene, &CanvasScene::statusMessage, this, &MainWindow::showEditMessage);
    // A message about an edit goes with the edit: undone, the card over the canvas said
    // "Connected" for the rest of its six seconds beside no connection (QA). Only such a
    // message: an undo took "Autosave failed" away too (review).
    connect(m_doc->undoStack(), &QUndoStack::indexChanged, this,
            [this, last = m_doc->undoStack()->index()](int index) mutable {
                if (index < std::exchange(last, index) && m_messageOfAnEdit)
                    clearMessage();
            });
    connect(m_doc, &Document::evaluated, this, &MainWindow::updateFigures);
    connect(m_doc, &Document::sloWallFound, this, &MainWindow::updateWallsStatus);
    connect(m_doc, &Document::catalogChanged, this,
            [this] { m_builtinPricesAction->setEnabled(!m_doc->catalogPath().isEmpty()); });
    connect(m_doc, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &Document::shownVariantChanged, this, &MainWindow::updateTitle);
    // A whole new design (opened, new, a variant shown, a file reloaded) is fitted, once, when
    // its figures are in (the card of the users' places under the clients box has its size by
    // then); an ordinary edit keeps the view where the user put it. Opening fitted twice: here
    // at the reset, before the figures, and again in openFile and the like.
    connect(m_doc, &Document::changed, this, [this](const ChangeEvent &e) {
        if (e.reset)
            m_fitPending = true;
    });
    connect(m_doc, &Document::evaluated, this, [this] {
        if (std::exchange(m_fitPending, false))
            designOpened();
    });
    connect(m_doc, &Document::fileChangedOnDisk, this, &MainWindow::fileChangedOnDisk);
    // One viewed user count: whoever sets it (slider, field, a chart click), everything shows it.
    connect(m_doc, &Document::usersChanged, this, &MainWindow::showUsers);
    connect(m_doc, &Document::changed, this, [this](const ChangeEvent &e) {
        if (e.reset || e.trafficChanged)
            showUsers(); // the design's users may have changed under the same viewed count
        if (e.reset || e.propertiesChanged)
            updateTitle();
    });
    // Right-click on the canvas: the view's own signal (its viewport's context-menu events reach
    // the view, which emits it under Qt::CustomContextMenu).
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        contextMenuAt(pos)->popup(m_view->viewport()->mapToGlobal(pos));
    });
    // From the keyboard (the Menu key, Shift+F10): the menu of the box selected, beside it, or
    // the canvas's at the view's centre (the Menu key opened the canvas's menu at the pointer,
    // and Fail Now, Rename or the zone commands of a box were out of the keyboard's reach; QA).
    auto *menuKey = new QAction(tr("Context Menu"), m_view);
    menuKey->setShortcuts({QKeySequence(Qt::Key_Menu), QKeySequence(Qt::SHIFT | Qt::Key_F10)});
    menuKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(menuKey);
    connect(menuKey, &QAction::triggered, this, [this] {
        QPoint at = m_view->viewport()->rect().center();
        const QStringList ids = m_scene->selectedIds();
        if (ComponentItem *box = ids.isEmpty() ? nullptr : m_scene->componentItem(ids.front())) {
            m_view->ensureVisible(box, 40, 40);
            at = m_view->mapFromScene(box->sceneBoundingRect().center());
        }
        contextMenuAt(at)->popup(m_view->viewport()->mapToGlobal(at));
    });
    connect(m_palette, &Palette::addRequested, this,
            [this](sc::Kind kind) { addComponentAtCentre(kind); });
    m_view->viewport()->installEventFilter(this);
    // A child of the view over its viewport, as the legend is: scrolling leaves it in place.
    m_welcome = new WelcomeOverlay(m_view);
    connect(m_welcome, &WelcomeOverlay::templateRequested, this, &MainWindow::newFromTemplate);
    connect(m_welcome, &WelcomeOverlay::openRequested, this, &MainWindow::open);
    connect(m_welcome, &WelcomeOverlay::lessonRequested, this, [this] {
        if (maybeSave() && openTemplate(QStringLiteral("lesson-ladder")))
            m_presentation->enter(); // a lesson is presented (Esc leaves, the file stays open)
    });
    connect(m_doc, &Document::changed, this, &MainWindow::updateWelcome);
    connect(m_presentation, &Presentation::activeChanged, this, &MainWindow::updateWelcome);
    updateWelcome();
    // Scrolling or selecting (a warning clicked brings its box into view) ends the automatic fit.
    for (QScrollBar *bar : {m_view->horizontalScrollBar(), m_view->verticalScrollBar()})
        connect(bar, &QAbstractSlider::actionTriggered, this, [this] { m_autoFit = false; });
    // A box clicked in view scrolls nothing: the fit stays (QA: maximizing after a click kept
    // the design small in the top-left corner).
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        if (!m_clickInView)
            m_autoFit = false;
    });
    // A warning clicked, or reached with the keys in the list (QA: the arrows and End moved the
    // highlight and selected nothing), selects its component and brings it into view.
    const auto showWarned = [this](QListWidgetItem *item) {
        const QString id = item ? item->data(Qt::UserRole).toString() : QString();
        if (ComponentItem *c = id.isEmpty() ? nullptr : m_scene->componentItem(id)) {
            m_scene->selectIds({id});
            m_view->ensureVisible(c, 40, 40);
        }
    };
    connect(m_warnings, &QListWidget::itemClicked, this, showWarned);
    connect(m_warnings, &QListWidget::itemActivated, this, showWarned); // Return
    // A row made current by a key in the list (eventFilter): not the list filled again, nor the
    // first row made current as Tab brings the focus in (that selected a component and took the
    // design's page from the inspector).
    m_warnings->installEventFilter(this);
    connect(m_warnings, &QListWidget::currentItemChanged, this,
            [this, showWarned](QListWidgetItem *item) {
                if (m_warningKeyMove)
                    showWarned(item);
            });

    m_autosave = new Autosave(m_doc, this);
    connect(m_autosave, &Autosave::failed, this, [this](const QString &message) {
        showMessage(tr("Autosave failed: %1").arg(message), 15000);
    });
    QSettings settings;
    applyTheme(settings.contains(QStringLiteral("theme"))
                   ? settings.value(QStringLiteral("theme")).toString() == QLatin1String("dark")
                   : paletteIsDark());
    m_snapAction->setChecked(settings.value(QStringLiteral("snap"), true).toBool());
    resize(1400, 900);
    updateTitle();
    updateFigures();
    showUsers();
    keepHiddenTabsOutOfTheFocusChain();
}

// A dock whose tab is behind another stays visible to Qt (the tab in front covers it), so Tab
// walked through its fields: the inspector's eleven behind the palette, where typing renamed the
// design unseen (QA). Its contents are disabled while it cannot be seen.
void MainWindow::keepHiddenTabsOutOfTheFocusChain()
{
    for (QDockWidget *d : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly)) {
        connect(d, &QDockWidget::visibilityChanged, d, [d](bool seen) {
            if (QWidget *w = d->widget())
                w->setEnabled(seen);
        });
        // Those behind at start-up: once laid out, whether any of them shows.
        QTimer::singleShot(0, d, [d] {
            if (QWidget *w = d->widget())
                w->setEnabled(d->isVisible() && !d->visibleRegion().isEmpty());
        });
    }
}

MainWindow::~MainWindow()
{
    // The users field loses its focus as the window closes, and would hand this half-destroyed
    // window its text (editingFinished).
    disconnect(m_usersField, nullptr, this, nullptr);
    // The document is a child, deleted after this part of the window: what it emits then
    // (modifiedChanged, as its undo stack goes) must not reach this half-destroyed window
    // (Qt's debug build asserts "Called object is not of the correct type").
    disconnect(m_doc, nullptr, this, nullptr);
    // The scene's items go before the document they read from.
    disconnect(m_scene, nullptr, this, nullptr);
    m_view->setScene(nullptr);
    delete m_scene;
}

int MainWindow::sliderPosition(double users)
{
    if (!(users > 0))
        return 0;
    const double x = (std::log10(users) - logMin()) / (logMax() - logMin());
    return int(std::lround(std::clamp(x, 0.0, 1.0) * 1000));
}

double MainWindow::usersAt(int position)
{
    const double exponent = logMin() + (logMax() - logMin()) * position / 1000.0;
    // Three significant figures: the slider lands on 1.23M rather than 1,234,567.9.
    const double raw = std::pow(10.0, exponent);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)) - 2);
    return std::round(raw / mag) * mag;
}

void MainWindow::createDocks()
{
    auto dock = [this](const QString &title, const QString &name, QWidget *w,
                       Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    auto *palette =
        dock(tr("Palette"), QStringLiteral("palette"), m_palette, Qt::LeftDockWidgetArea);
    auto *inspector =
        dock(tr("Inspector"), QStringLiteral("inspector"), m_inspector, Qt::RightDockWidgetArea);
    auto *warnings =
        dock(tr("Warnings"), QStringLiteral("warnings"), m_warnings, Qt::BottomDockWidgetArea);
    m_warningsDock = warnings;
    m_warnings->setWordWrap(true);
    m_warnings->setIconSize(QSize(16, 16));
    m_warnings->setTextElideMode(Qt::ElideNone);
    // The warnings sit under the canvas only, so the canvas keeps the width a diagram needs.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    constexpr int kPaletteWidth = 160, kInspectorWidth = 310;
    resizeDocks({palette, inspector}, {kPaletteWidth, kInspectorWidth}, Qt::Horizontal);
    // On a screen narrower than 1700 px the palette is a tab beside the inspector, so the canvas
    // has the width to show a whole design at a readable zoom (stage 3 at 1280 × 800);
    // selecting a component brings the inspector forward.
    const QScreen *primary = QGuiApplication::primaryScreen();
    const bool tabbed = primary && primary->availableGeometry().width() < 1700;
    if (tabbed) {
        tabifyDockWidget(inspector, palette);
        bringForward(inspector);
        m_tabbedPalette = palette;
    }
    // Selecting brings the inspector forward, in front of the palette's tab (a narrow screen) or
    // the lesson's or the explanation's (tabs beside it at every width: at 1920 × 1080 a box
    // clicked left the lesson in front; QA). A box added from the palette does not: the palette
    // stays in front for the next drag. A click on that box brings it (eventFilter).
    m_raiseInspectorOnClick = inspector;
    connect(m_scene, &QGraphicsScene::selectionChanged, inspector, [this, inspector] {
        if (!m_scene->selectedItems().isEmpty() && !m_scene->addingComponent())
            bringForward(inspector);
    });
    // An empty design's first step is a drag from the palette: it comes forward then (QA:
    // "drag components from the palette" over a window whose palette was a hidden tab); a design
    // opened brings the inspector (its traffic and objective), but a lesson's step shown leaves
    // the Lesson panel in front (each step shows its design: the panel went behind at every step
    // at 1280 × 800; QA).
    connect(m_doc, &Document::changed, this, [this, inspector](const ChangeEvent &e) {
        if (e.reset && !raisePaletteWhenEmpty() && !steppingThroughALesson())
            bringForward(inspector);
    });
    raisePaletteWhenEmpty();
    // The widths again once the window is laid out at its size: the tab takes the narrower
    // palette's width until then, and on a wide screen the window grows from 1400 px to most of
    // it after this (the palette was left ~60 px wide, the inspector's fields cut off).
    QTimer::singleShot(0, this, [this, palette, inspector, tabbed] {
        if (tabbed)
            resizeDocks({inspector}, {kInspectorWidth}, Qt::Horizontal);
        else
            resizeDocks({palette, inspector}, {kPaletteWidth, kInspectorWidth}, Qt::Horizontal);
    });
    // Growth charts share the bottom area with the warnings, as a tab beside them.
    QDockWidget *charts = createGrowthChartsDock(m_doc, this);
    charts->setObjectName(QStringLiteral("charts"));
    addDockWidget(Qt::BottomDockWidgetArea, charts);
    tabifyDockWidget(warnings, charts);
    bringForward(warnings);
    keepChosenTabs(); // before the timeline, lesson and explain tabs are added and hidden
    m_charts = charts->findChild<GrowthCharts *>();
    // The charts' own size hint, but no more than a quarter of the screen's height: on a 1280 ×
    // 800 screen the canvas keeps most of it (the charts drop a y-axis title that would not fit).
    const QScreen *screen = QGuiApplication::primaryScreen();
    const int screenHeight = screen ? screen->availableGeometry().height() : 1000;
    const int chartsHeight =
        std::max(charts->widget()->minimumSizeHint().height(),
                 std::min(charts->widget()->sizeHint().height(), screenHeight / 4));
    resizeDocks({warnings, charts}, {chartsHeight, chartsHeight}, Qt::Vertical);
    // View ▸ Growth charts (Ctrl+G) brings the charts forward, as the other docks' items do
    // (dockFrontAction); with them in front already, it hides them.
    QAction *forward = dockFrontAction(charts);
    forward->setObjectName(QStringLiteral("growthChartsAction"));
    forward->setShortcut(QKeySequence(tr("Ctrl+G")));
    addAction(forward);
    createTimelineDockIn(Qt::BottomDockWidgetArea);
}

// A dock tab that is hidden gives the front back to the tab that was in front before it, as
// closing a browser's tab does. Qt brought its neighbour forward instead: the lesson and explain
// tabs, added beside the inspector and hidden at start-up, left the palette in front of it on a
// fresh profile at 1280 x 800, and the timeline, closed, left its neighbour in front, not the
// warnings or charts chosen before. The dock areas' tab bars are the window's own children.
void MainWindow::keepChosenTabs()
{
    for (QTabBar *bar : findChildren<QTabBar *>(Qt::FindDirectChildrenOnly))
        bar->setSelectionBehaviorOnRemove(QTabBar::SelectPreviousTab);
}

void MainWindow::childEvent(QChildEvent *event)
{
    QMainWindow::childEvent(event);
    // A tab bar made later (docks dragged into a new group, a layout restored after presenting).
    if (event->type() == QEvent::ChildPolished && qobject_cast<QTabBar *>(event->child()))
        keepChosenTabs();
}

bool MainWindow::focusNextPrevChild(bool next)
{
    QWidget *to = tabStopAfter(tabStops(this), QApplication::focusWidget(), next);
    if (!to)
        return QMainWindow::focusNextPrevChild(next);
    to->setFocus(next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    for (QWidget *p = to->parentWidget(); p; p = p->parentWidget())
        if (auto *area = qobject_cast<QScrollArea *>(p)) {
            area->ensureWidgetVisible(to); // the inspector's last field, come to by Shift+Tab
            break;
        }
    return true;
}

// The timeline: a tab beside the warnings and the charts, hidden until View ▸ Timeline (Ctrl+T);
// shown, it comes forward at a height that holds its chart.
void MainWindow::createTimelineDockIn(Qt::DockWidgetArea area)
{
    m_timelineDock = createTimelineDock(m_doc, this);
    m_timeline = qobject_cast<Timeline *>(m_timelineDock->widget());
    addDockWidget(area, m_timelineDock);
    tabifyDockWidget(m_warningsDock, m_timelineDock);
    m_timelineDock->hide();
    QAction *toggle = m_timelineDock->toggleViewAction();
    toggle->setShortcut(QKeySequence(tr("Ctrl+T")));
    connect(toggle, &QAction::triggered, this, [this](bool on) {
        if (!on)
            return;
        if (presenting()) {
            showTimelineBesideDiagram();
        } else {
            bringForward(m_timelineDock);
            resizeDocks({m_timelineDock}, {330}, Qt::Vertical);
        }
        m_timeline->setFocus();
    });
    // Space on the canvas plays and pauses too while the timeline shows (held, it pans).
    connect(m_view, &CanvasView::spaceTapped, this, [this] {
        if (m_timelineDock->isVisible())
            m_timeline->togglePlay();
    });
}

void MainWindow::showTimelineBesideDiagram()
{
    // Beside the diagram, not under it: at 1280 × 800 the lesson's bar and the timeline's 330
    // pixels below the diagram left it a strip 110 pixels high (QA). (Leaving the presentation
    // restores the window's own layout.)
    addDockWidget(Qt::RightDockWidgetArea, m_timelineDock);
    m_timelineDock->show();
    resizeDocks({m_timelineDock}, {width() * 9 / 20}, Qt::Horizontal);
}

bool MainWindow::showTimeline(const QString &scenario, double t)
{
    if (presenting()) {
        showTimelineBesideDiagram();
    } else {
        m_timelineDock->show();
        bringForward(m_timelineDock);
        resizeDocks({m_timelineDock}, {330}, Qt::Vertical);
    }
    if (!m_timeline->chooseScenario(scenario))
        return false;
    m_timeline->seek(t);
    return true;
}

void MainWindow::createActions()
{
    auto add = [this](QMenu *menu, const QString &text, const QKeySequence &key, auto slot) {
        QAction *a = menu->addAction(text);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    add(file, tr("&New"), QKeySequence::New, &MainWindow::newDesign);
    add(file, tr("New from &Template…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
        &MainWindow::newFromTemplate);
    add(file, tr("&Open…"), QKeySequence::Open, &MainWindow::open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    // The platform's Close keys (Ctrl+F4 on some), Ctrl+W always, as every desktop editor has it.
    QList<QKeySequence> closeKeys = QKeySequence::keyBindings(QKeySequence::Close);
    if (!closeKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_W)))
        closeKeys.prepend(QKeySequence(Qt::CTRL | Qt::Key_W));
    add(file, tr("&Close"), QKeySequence(), &MainWindow::closeDesign)->setShortcuts(closeKeys);
    file->addSeparator();
    add(file, tr("Design &Properties…"), QKeySequence(), &MainWindow::editDesignProperties);
    file->addSeparator();
    add(file, tr("&Save"), QKeySequence::Save, &MainWindow::save);
    // The platform's Save As keys, or Ctrl+Shift+S where it has none (no desktop theme).
    const QKeySequence saveAsKeys = QKeySequence::keyBindings(QKeySequence::SaveAs).isEmpty()
                                        ? QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)
                                        : QKeySequence(QKeySequence::SaveAs);
    add(file, tr("Save &As…"), saveAsKeys, &MainWindow::saveAs);
    file->addSeparator();
    // Issue 5: the live canvas (current users and theme) and the cost report.
    add(file, tr("Export &Diagram…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] {
        if (const QString m = exportDiagramInteractively(this, m_scene); !m.isEmpty())
            showMessage(m, 6000);
    });
    add(file, tr("Export Cost &Report…"), QKeySequence(), [this] {
        if (const QString m = exportReportInteractively(this, m_doc, m_scene); !m.isEmpty())
            showMessage(m, 6000);
    });
    addExportHandoutAction(file, this, m_doc); // issue 17: enabled while there is a lesson
    file->addSeparator();
    add(file, tr("Load Price &Catalog…"), QKeySequence(), &MainWindow::loadCatalog);
    m_builtinPricesAction = add(file, tr("Use &Built-in Prices"), QKeySequence(),
                                [this] { m_doc->useBuiltinCatalog(); });
    m_builtinPricesAction->setEnabled(false);
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence::Quit, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y))) // the platform may have it
        redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
    redo->setShortcuts(redoKeys);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *cutAction = add(edit, tr("Cu&t"), QKeySequence::Cut, &MainWindow::cut);
    QAction *copyAction = add(edit, tr("&Copy"), QKeySequence::Copy, &MainWindow::copy);
    add(edit, tr("&Paste"), QKeySequence::Paste, &MainWindow::paste);
    QAction *duplicateAction =
        add(edit, tr("&Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), &MainWindow::duplicate);
    // The canvas's and the palette's keys, not a field's: Ctrl+D typing a value in the inspector
    // duplicated the box, and the value typed next went to the copy (GUI QA).
    duplicateAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(duplicateAction);
    m_palette->addAction(duplicateAction);
    QAction *del = add(edit, tr("De&lete"), QKeySequence::Delete, &MainWindow::deleteSelection);
    del->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    del->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(del);
    // What acts on the selection is greyed out without one (GUI QA: Cut, Copy and Delete were on
    // with nothing selected): boxes for the clipboard's, anything selected for Delete.
    const auto followSelection = [this, cutAction, copyAction, duplicateAction, del] {
        const bool boxes = !m_scene->selectedIds().isEmpty();
        for (QAction *a : {cutAction, copyAction, duplicateAction})
            a->setEnabled(boxes);
        del->setEnabled(!m_scene->selectedItems().isEmpty());
    };
    connect(m_scene, &QGraphicsScene::selectionChanged, this, followSelection);
    followSelection();
    // F2, as in file managers and most editors (QA: renaming was found only by double-click).
    QAction *rename =
        add(edit, tr("Re&name"), QKeySequence(Qt::Key_F2), &MainWindow::renameSelection);
    rename->setObjectName(QStringLiteral("renameAction"));
    rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(rename);
    // And from the palette, which keeps the keyboard after adding a box: F2 renames the box just
    // added (GUI QA: it did nothing there, and the name typed went to the palette).
    m_palette->addAction(rename);
    edit->addSeparator();
    // Regions and zones (issue 15): fitted round the selected boxes, which become members.
    add(edit, tr("New &Region Around Selection"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R),
        [this] { addGroup("region"); });
    add(edit, tr("New &Zone Around Selection"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Z),
        [this] { addGroup("zone"); });
    edit->addSeparator();
    QAction *all = add(edit, tr("Select &All"), QKeySequence::SelectAll, &MainWindow::selectAll);
    all->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(all);
    // A box by its name or id, in a design of hundreds (QA: none to be had).
    add(edit, tr("&Find Component…"), QKeySequence::Find, &MainWindow::findComponent)
        ->setObjectName(QStringLiteral("findComponentAction"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *zin = add(view, tr("Zoom &In"), QKeySequence::ZoomIn, [this] { m_view->zoomIn(); });
    zin->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    add(view, tr("Zoom &Out"), QKeySequence::ZoomOut, [this] { m_view->zoomOut(); });
    add(view, tr("Zoom to &Fit"), QKeySequence(Qt::CTRL | Qt::Key_0),
        [this] { m_view->zoomToFit(); }); // all of it, however small (opening fits readably)
    add(view, tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_1),
        [this] { m_view->resetZoom(); });
    view->addSeparator();
    m_snapAction = add(view, tr("&Snap to Grid"), QKeySequence(Qt::CTRL | Qt::Key_Apostrophe),
                       [this](bool on) {
                           m_scene->setSnapToGrid(on);
                           m_scene->update();
                           QSettings().setValue(QStringLiteral("snap"), on);
                       });
    m_snapAction->setCheckable(true);
    QAction *animate = add(view, tr("&Animate Requests"), QKeySequence(), [this](bool on) {
        if (auto *flow = m_view->findChild<RequestFlow *>())
            flow->setOn(on);
    });
    animate->setObjectName(QStringLiteral("animateRequests"));
    animate->setCheckable(true);
    animate->setToolTip(tr("Requests as particles along the connections: as many as the log of "
                           "their rate, coloured by class (static, read, write, job), red where "
                           "they are shed"));
    view->addSeparator();
    auto *themes = new QActionGroup(this);
    QAction *light = add(view, tr("&Light Theme"), QKeySequence(), [this] {
        applyTheme(false);
        QSettings().setValue(QStringLiteral("theme"), QStringLiteral("light"));
    });
    m_darkAction = add(view, tr("&Dark Theme"), QKeySequence(), [this] {
        applyTheme(true);
        QSettings().setValue(QStringLiteral("theme"), QStringLiteral("dark"));
    });
    for (QAction *a : {light, m_darkAction}) {
        a->setCheckable(true);
        themes->addAction(a);
    }
    light->setChecked(true);
    view->addSeparator();
    m_presentation = new Presentation(this, m_doc);
    QAction *present = add(view, tr("&Presentation Mode"), QKeySequence(Qt::Key_F5),
                           [this] { m_presentation->toggle(); });
    present->setObjectName(QStringLiteral("presentationMode"));
    present->setCheckable(true);
    addAction(present); // F5 also works while the menu bar is hidden (presenting)
    present->setToolTip(tr("Full screen with the headline figures for a class or a review: "
                           "PageDown/PageUp step the users, Esc leaves"));
    // As a slide show's Shift+F5: from the lesson's step selected in its panel, where F5 starts
    // at the first (QA: a teacher with step 2 selected expected F5 to start there).
    QAction *presentHere = add(view, tr("Present from the Selected &Step"),
                               QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] {
                                   if (m_presentation->active())
                                       return;
                                   if (auto *panel = findChild<LessonPanel *>())
                                       panel->presentFromSelected();
                               });
    presentHere->setObjectName(QStringLiteral("presentFromStep"));
    presentHere->setToolTip(tr("Present the lesson from the step selected in the Lesson panel"));
    connect(m_presentation, &Presentation::activeChanged, present, &QAction::setChecked);
    connect(m_presentation, &Presentation::activeChanged, this, [this] { showUsers(); });
    // A lesson's step sets its users before the player says which step it is: read again after.
    connect(m_presentation->lesson(), &LessonPlayer::stepChanged, this, [this] { showUsers(); });
    connect(m_presentation->lesson(), &LessonPlayer::activeChanged, this, [this] { showUsers(); });
    QAction *compare =
        add(view, tr("&Compare Designs…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
            [this] { openCompare(); });
    compare->setObjectName(QStringLiteral("compareDesigns"));
    compare->setToolTip(tr("The file's design against a variant or another file: side by side, "
                           "the difference in every figure, both growth curves"));
    // Authoring the lesson: a tab beside the inspector, hidden until View ▸ Lesson.
    QDockWidget *lesson = createLessonDock(m_doc, m_presentation, this);
    addDockWidget(Qt::RightDockWidgetArea, lesson);
    if (auto *inspectorDock = findChild<QDockWidget *>(QStringLiteral("inspector")))
        tabifyDockWidget(inspectorDock, lesson);
    lesson->hide();
    connect(lesson->toggleViewAction(), &QAction::triggered, lesson, [lesson](bool on) {
        if (on)
            bringForward(lesson);
    });
    view->addSeparator();
    // Each dock's item brings it forward, or hides it when it is in front (dockFrontAction). (In
    // the menu only, as the docks' toggles were: presenting disables the menus and their
    // shortcuts with them.)
    for (QDockWidget *d : findChildren<QDockWidget *>()) {
        QAction *item = d->objectName() == QLatin1String("charts")
                            ? findChild<QAction *>(QStringLiteral("growthChartsAction"))
                            : dockFrontAction(d);
        view->addAction(item);
        // The timeline's the window's own too, so Ctrl+T works while presenting: a scenario is
        // played in class, not only a lesson step's (GUI QA: Ctrl+T did nothing). It edits
        // nothing; presenting, it shows the timeline beside the diagram.
        if (d == m_timelineDock)
            addAction(item);
    }

    // Variants (issue 18): the menu here, the combo in a tool bar before the users (hidden while
    // presenting: the canvas, the strip and the users bar only).
    auto *variants = new VariantsMenu(m_doc, menuBar()->addMenu(tr("Va&riants")), this);
    // Comparing is what variants are for: View ▸ Compare Designs… here too, after the edits.
    if (QAction *compare = findChild<QAction *>(QStringLiteral("compareDesigns"))) {
        QMenu *menu = variants->menu();
        const QList<QAction *> items = menu->actions();
        QAction *before = items.size() > 3 ? items[3] : nullptr; // the separator after Delete
        menu->insertSeparator(before);
        menu->insertAction(before, compare);
    }
    connect(m_presentation, &Presentation::activeChanged, variants->toolBar(),
            [bar = variants->toolBar()](bool on) { bar->setVisible(!on); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&Keyboard Shortcuts"), QKeySequence(Qt::Key_F1), &MainWindow::showShortcuts);
    add(help, tr("&About ScaleCanvas"), QKeySequence(), [this] {
        QMessageBox::about(this, tr("About ScaleCanvas"),
                           tr("<b>ScaleCanvas</b><br>Draw a system, set the traffic and watch "
                              "where it breaks.<br>Prices: AWS %1, catalog of %2.")
                               .arg(QString::fromStdString(m_doc->catalog().region),
                                    QString::fromStdString(m_doc->catalog().date)));
    });
}

void MainWindow::createToolBar()
{
    // The design shown first (its width never changes: the users bar after it keeps its place
    // when presenting enlarges and restores its type), then the users.
    addToolBar(findChild<VariantsMenu *>()->toolBar());
    QToolBar *bar = addToolBar(tr("Users"));
    bar->setObjectName(QStringLiteral("usersToolBar"));
    bar->setMovable(false);
    auto *label = new QLabel(tr("  Daily active users: "));
    bar->addWidget(label);
    m_slider = new UsersSlider;
    m_slider->setObjectName(QStringLiteral("usersSlider"));
    m_slider->setRange(0, 1000);
    m_slider->setMinimumWidth(kSliderMinWidth);
    m_slider->setToolTip(tr("Daily active users, log scale from %1 to %2")
                             .arg(formatCount(sc::kMinUsers), formatCount(sc::kMaxUsers)));
    bar->addWidget(m_slider);
    m_usersField = new QLineEdit;
    m_usersField->setObjectName(QStringLiteral("usersField"));
    m_usersField->setToolTip(tr("Users: 25000, 1e6, 2.5M, 10B"));
    bar->addWidget(m_usersField);
    // The slider and the field set the viewed users; Document::usersChanged shows them back.
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { m_doc->setUsers(usersAt(v)); });
    connect(m_slider, &UsersSlider::decadeStepped, this,
            [this](int dir) { m_doc->setUsers(UsersSlider::decadeFrom(m_doc->users(), dir)); });
    connect(m_usersField, &QLineEdit::editingFinished, this, &MainWindow::setUsersFromField);
    // The viewed count is no edit: after Return, Ctrl+Z takes back the design's last step, as
    // from an inspector field, not the field's own (empty) text undo.
    (new UndoKeysToDocument(m_usersField))->watch(m_usersField);
    // The "viewing at …" note and its two actions in a strip of one width whatever it shows
    // (sizeUsersBar): the slider, the field and the actions never move under the pointer when a
    // click or a release changes the viewed users.
    m_viewingStrip = new QWidget;
    m_viewingStrip->setObjectName(QStringLiteral("viewingStrip"));
    auto *strip = new QHBoxLayout(m_viewingStrip);
    strip->setContentsMargins(0, 0, 0, 0);
    strip->setSpacing(2);
    m_viewingLabel = new QLabel;
    m_viewingLabel->setObjectName(QStringLiteral("viewingLabel"));
    m_viewingLabel->setContentsMargins(8, 0, 4, 0);
    strip->addWidget(m_viewingLabel);
    m_backToDesignUsers = new QAction(this);
    connect(m_backToDesignUsers, &QAction::triggered, this,
            [this] { m_doc->setUsers(referenceUsers()); });
    m_backToDesignUsers->setObjectName(QStringLiteral("backToDesignUsers"));
    m_sizeDesignForViewed = new QAction(this);
    connect(m_sizeDesignForViewed, &QAction::triggered, this, [this] {
        m_doc->undoStack()->push(new ChangeTraffic(m_doc, "users", m_doc->users()));
    });
    for (QAction *a : {m_backToDesignUsers, m_sizeDesignForViewed}) {
        auto *button = new QToolButton;
        button->setDefaultAction(a);
        button->setAutoRaise(true);
        strip->addWidget(button);
    }
    strip->addStretch(1);
    bar->addWidget(m_viewingStrip);
    m_viewingStrip->installEventFilter(this); // its type changes while presenting
    m_sizeDesignForViewed->setObjectName(QStringLiteral("sizeDesignForViewed"));
    sizeUsersBar();
}

void MainWindow::sizeUsersBar()
{
    // The widest the strip's texts get (formatCount writes three figures and a letter), in the
    // strip's type, bold as when viewing other users: its width never follows the counts shown.
    const QStringList counts = {QStringLiteral("88.8M"), QStringLiteral("888M"),
                                QStringLiteral("8.88B"), QStringLiteral("888k")};
    QFont bold = m_viewingStrip->font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold), metrics(m_viewingStrip->font());
    int label = 0, back = 0, make = 0;
    for (const QString &a : counts) {
        for (const QString &b : counts)
            label = std::max(label, boldMetrics.horizontalAdvance(viewingText(a, b)));
        back = std::max(back, metrics.horizontalAdvance(tr("Back to %1").arg(a)));
        make = std::max(make, metrics.horizontalAdvance(tr("Make %1 the design's users").arg(a)));
    }
    const QMargins m = m_viewingLabel->contentsMargins();
    // A tool button's text plus its frame and padding (about an "M" each side).
    const int pad = 2 * metrics.horizontalAdvance(QLatin1Char('M'));
    // Presenting offers no edit of the design's users: the slider has that room (at 1920 px it
    // had 730, its walls' marks crowded).
    if (presenting())
        make = -pad;
    m_viewingStrip->setFixedWidth(label + m.left() + m.right() + back + make + 2 * pad + 8);
    // The field: a count typed in full ("2,500,000") fits, whatever the slider shows.
    m_usersField->setFixedWidth(
        QFontMetrics(m_usersField->font()).horizontalAdvance(QStringLiteral("2,500,000")) + 16);
}

bool MainWindow::presenting() const
{
    return m_presentation && m_presentation->active();
}

QString MainWindow::viewingText(const QString &viewed, const QString &design, bool step) const
{
    return step ? tr("viewing at %1 · step: %2").arg(viewed, design)
                : tr("viewing at %1 · design: %2").arg(viewed, design);
}

const sc::LessonStep *MainWindow::presentedStep() const
{
    const LessonPlayer *lesson = m_presentation ? m_presentation->lesson() : nullptr;
    const auto &steps = m_doc->design().lesson.steps;
    if (presenting() && lesson && lesson->active() && lesson->step() >= 0 &&
        size_t(lesson->step()) < steps.size())
        return &steps[size_t(lesson->step())];
    return nullptr;
}

double MainWindow::referenceUsers() const
{
    const sc::LessonStep *step = presentedStep();
    return step ? step->users : m_doc->designUsers();
}

void MainWindow::showUsers()
{
    const double users = m_doc->users();
    {
        QSignalBlocker b(m_slider);
        m_slider->setValue(sliderPosition(users));
    }
    m_usersField->setText(formatCount(users));
    // Held against a lesson step's users while presenting it (QA: a step at 2M of a variant
    // at 1M read "viewing at 2M · design: 1M", in bold, with "Back to 1M").
    const double reference = referenceUsers();
    const bool step = presentedStep() != nullptr;
    const bool other = users != reference;
    const QString viewed = formatCount(users);
    const QString design = formatCount(reference);
    m_viewingLabel->setText(other  ? viewingText(viewed, design, step)
                            : step ? tr("the step's %1 users").arg(design)
                                   : tr("the design's %1 users").arg(design));
    m_viewingLabel->setToolTip(
        tr("The figures are shown at the viewed users (slider, field, a click on a growth "
           "chart). The design's users (Inspector ▸ Traffic) are saved with it."));
    // The bar's type (larger while presenting) in bold or not.
    QFont f = m_viewingLabel->parentWidget() ? m_viewingLabel->parentWidget()->font()
                                             : m_viewingLabel->font();
    f.setBold(other);
    m_viewingLabel->setFont(f);
    m_backToDesignUsers->setText(tr("Back to %1").arg(design));
    m_backToDesignUsers->setToolTip(
        step ? tr("View the figures at the step's %1 users").arg(design)
             : tr("View the figures at the design's %1 users").arg(design));
    m_sizeDesignForViewed->setText(tr("Make %1 the design's users").arg(viewed));
    m_sizeDesignForViewed->setToolTip(
        tr("Save %1 as the design's users (Inspector ▸ Traffic ▸ Users); undoable").arg(viewed));
    m_backToDesignUsers->setVisible(other);
    m_sizeDesignForViewed->setVisible(other && !presenting());
    // Hidden inside the strip of fixed width: the rest of the bar keeps its place.
    for (QToolButton *b : m_viewingStrip->findChildren<QToolButton *>())
        b->setVisible(b->defaultAction()->isVisible());
    showUsersStatus();
}

void MainWindow::setUsersFromField()
{
    const QString text = m_usersField->text().trimmed(); // readUserCount drops the commas
    const auto users = readUserCount(text);
    // 0 is a count, as the inspector's Users takes it (the slider shows it at its left end).
    if (!users || !std::isfinite(*users) || *users < 0 || *users > maxUsersInput()) {
        // Beside the field, where the eye is, and on the canvas's message card.
        const QString why = notAUserCount(text, maxUsersInput());
        QToolTip::showText(m_usersField->mapToGlobal(QPoint(0, m_usersField->height())), why,
                           m_usersField);
        showMessage(why, 6000);
        m_usersField->setText(formatCount(m_doc->users()));
        return;
    }
    // A count that reads: the complaint about the last one goes (the tooltip stayed on screen,
    // the message card kept it for its six seconds).
    if (currentMessage().contains(tr("is not a user count")))
        clearMessage();
    QToolTip::hideText();
    m_doc->setUsers(*users);
    showUsers(); // the same count typed again: the field shows it formatted
}

void MainWindow::updateTitle()
{
    // The design's name first (what the user calls it), the variant shown, then its file.
    const QString name = m_doc->shownTitle();
    const QString file =
        m_doc->filePath().isEmpty() ? QString() : QFileInfo(m_doc->filePath()).fileName();
    setWindowTitle(file.isEmpty() ? QStringLiteral("%1[*] — ScaleCanvas").arg(name)
                                  : QStringLiteral("%1 — %2[*] — ScaleCanvas").arg(name, file));
    setWindowModified(m_doc->isModified());
}

void MainWindow::applyTheme(bool dark)
{
    m_dark = dark;
    scui::applyTheme(dark);
    if (m_darkAction)
        m_darkAction->setChecked(dark);
    for (QAction *a : m_darkAction ? m_darkAction->actionGroup()->actions() : QList<QAction *>())
        if (a != m_darkAction)
            a->setChecked(!dark);
    m_scene->update();
    m_view->viewport()->update();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    // However the palette changed (View ▸ Dark Theme, the system's): a style sheet keeps the
    // colour it was written with.
    if (event->type() == QEvent::PaletteChange && m_status[StatusFailing])
        updateServiceStatus();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_forwardWhenShown)
        QTimer::singleShot(0, m_forwardWhenShown, [this] {
            if (m_forwardWhenShown && m_forwardWhenShown->isVisible())
                bringForward(m_forwardWhenShown);
            m_forwardWhenShown = nullptr;
        });
}

// --- View

void MainWindow::designOpened()
{
    m_autoFit = true;
    fitDesign();
}

void MainWindow::fitDesign()
{
    if (m_scene->designRect().isEmpty()) {
        // Nothing to fit (File ▸ New): actual size, so the first boxes added read as they
        // should (the design before's zoom stayed, 55% after stage 3 at 1280 × 800).
        m_view->resetZoom();
        m_fitTransform = m_view->transform();
        emit designFitted();
        return;
    }
    m_view->zoomToFit();
    if (m_view->zoom() < kReadableZoom) {
        // Text below this zoom is too small to read: show what fits, readable, with the 32-pixel
        // margin of zoomToFit.
        m_view->showAt(m_scene->designRect(), kReadableZoom, 32);
    }
    m_fitTransform = m_view->transform();
    emit designFitted();
}

QList<QDockWidget *> MainWindow::docksByWhenInFront() const
{
    QList<QDockWidget *> docks = m_inFrontAt.keys();
    std::sort(docks.begin(), docks.end(), [this](QDockWidget *a, QDockWidget *b) {
        return m_inFrontAt.value(a) < m_inFrontAt.value(b);
    });
    return docks;
}

// Whether the Lesson panel is in front, in a window on screen, with the lesson of the file open.
bool MainWindow::steppingThroughALesson() const
{
    const auto *lesson = findChild<QDockWidget *>(QStringLiteral("lessonDock"));
    return lesson && lesson->isVisible() && !lesson->visibleRegion().isEmpty() &&
           !m_doc->fileDesign().lesson.steps.empty();
}

bool MainWindow::raisePaletteWhenEmpty()
{
    if (!m_tabbedPalette || !m_doc->design().components.empty())
        return false;
    bringForward(m_tabbedPalette);
    return true;
}

bool MainWindow::canvasBlank() const
{
    // A region or a note alone is a design begun (the card sat over stage 5's regions with
    // every box deleted; QA).
    const sc::Design &d = m_doc->design();
    return d.components.empty() && d.groups.empty() && d.notes.empty();
}

void MainWindow::updateWelcome()
{
    const bool blank = canvasBlank();
    if (blank != m_canvasWasBlank) { // (a note or region alone changes no figure)
        m_canvasWasBlank = blank;
        updateWarnings();
    }
    const bool empty = blank && !presenting();
    if (empty)
        m_welcome->placeOver(m_view->viewport()->geometry());
    m_welcome->setVisible(empty);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // A key in the warnings list: a row it makes current selects that warning's component (the
    // flag lasts while the list handles the key).
    if (watched == m_warnings && event->type() == QEvent::KeyPress) {
        m_warningKeyMove = true;
        QTimer::singleShot(0, this, [this] { m_warningKeyMove = false; });
    }
    if (watched == m_warnings && event->type() == QEvent::FocusIn)
        m_warningKeyMove = false; // the row made current as the focus comes in is no move
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && m_welcome &&
        m_welcome->isVisible())
        m_welcome->placeOver(m_view->viewport()->geometry());
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && m_message &&
        m_message->isVisible())
        m_message->placeOver(m_view->viewport()->geometry());
    if (watched == m_viewingStrip && event->type() == QEvent::FontChange)
        sizeUsersBar();
    if (watched == m_view->viewport() && m_raiseInspectorOnClick)
        raiseInspectorOnClick(event);
    // A design opened before the window had its size (first start, a file on the command line)
    // was fitted to a viewport of no size: fit it again as the viewport gets its real size, until
    // the user zooms.
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonPress)
        m_clickInView = static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton;
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonRelease)
        m_clickInView = false;
    if (watched == m_view->viewport() && m_autoFit) {
        switch (event->type()) {
        case QEvent::Resize:
            if (viewIsAsFitted())
                QTimer::singleShot(0, this, [this] {
                    if (m_autoFit && viewIsAsFitted())
                        fitDesign();
                });
            else
                m_autoFit = false;
            break;
        case QEvent::Wheel:
            m_autoFit = false; // the user zooms or scrolls: the view stays where they put it
            break;
        case QEvent::MouseButtonPress:
            // A pan (a middle drag, Space + drag) moves the view; a click that selects or moves
            // a box leaves it as it was fitted, so maximizing the window still refits it (QA).
            if (static_cast<QMouseEvent *>(event)->button() == Qt::MiddleButton ||
                m_view->panKeyHeld())
                m_autoFit = false;
            break;
        default:
            break;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::raiseInspectorOnClick(QEvent *event)
{
    // A click (not a drag: moving or connecting the box just added keeps the palette in front)
    // on a component shows its inspector, selected already or not.
    if (event->type() == QEvent::MouseButtonPress) {
        m_pressAt = static_cast<QMouseEvent *>(event)->position().toPoint();
    } else if (event->type() == QEvent::MouseButtonRelease) {
        const auto *e = static_cast<QMouseEvent *>(event);
        const QPoint at = e->position().toPoint();
        if (e->button() != Qt::LeftButton || (at - m_pressAt).manhattanLength() >= 4)
            return;
        // A figure clicked opens its explanation in the same dock.
        if (!figureAtScenePos(m_view, m_view->mapToScene(at)).figure.isEmpty())
            return;
        for (QGraphicsItem *item : m_view->items(at))
            for (QGraphicsItem *i = item; i; i = i->parentItem())
                if (qgraphicsitem_cast<ComponentItem *>(i)) {
                    bringForward(m_raiseInspectorOnClick);
                    return;
                }
    }
}

bool MainWindow::viewIsAsFitted() const
{
    return m_view->transform() == m_fitTransform;
}

QList<QPair<QString, QString>> MainWindow::shortcutRows() const
{
    QList<QPair<QString, QString>> rows;
    QSet<const QAction *> listed; // an action in two menus (Compare Designs…) is listed once
    for (QMenu *menu : menuBar()->findChildren<QMenu *>())
        for (QAction *a : menu->actions()) {
            if (a->shortcuts().isEmpty() || listed.contains(a))
                continue;
            listed.insert(a);
            QStringList keys; // every one of them: Redo is Ctrl+Shift+Z and Ctrl+Y
            for (const QKeySequence &k : a->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            // Undo and Redo by their names, not the step they would take now ("Redo Delete").
            const QString name = a->objectName() == QLatin1String("undoAction") ? tr("Undo")
                                 : a->objectName() == QLatin1String("redoAction")
                                     ? tr("Redo")
                                     : QString(a->text()).remove(QLatin1Char('&'));
            rows.append({name, keys.join(tr(", or "))});
        }
    rows.append({tr("Zoom"), tr("Mouse wheel")});
    rows.append({tr("Pan"), tr("Middle drag, or Space + drag")});
    rows.append(
        {tr("Play / pause the timeline"), tr("Space (on the timeline, or tapped on the canvas)")});
    rows.append({tr("Select several"), tr("Drag on empty canvas; Ctrl+click or Shift+click")});
    rows.append({tr("Connect"), tr("Drag from the handle on a box's right edge, or Connect "
                                   "To… in the box's menu")});
    rows.append({tr("Cancel a connection being drawn"), tr("Esc")});
    rows.append({tr("The selected box's menu (Fail Now, Rename, zones)"),
                 tr("Shift+F10, or the Menu key, on the canvas")});
    rows.append({tr("Move the selected boxes a grid step"), tr("Arrow keys")});
    rows.append({tr("Users a decade up / down"), tr("PgUp / PgDown on the users slider")});
    rows.append({tr("Rename with the mouse"), tr("Double-click a box, or a region's or zone's "
                                                 "title")});
    rows.append({tr("Move a region or zone"), tr("Drag its title; its corners resize it")});
    rows.append({tr("Clear the selection"), tr("Esc, on the canvas")});
    rows.append({tr("Add a palette item at the centre of the view"),
                 tr("Return on it, or double-click it")});
    // The keys of presenting and of a lesson, which no menu item carries (QA: the README's, and
    // missing here).
    rows.append({tr("Presenting: users a decade up / down"),
                 tr("Page Down, → or Space / Page Up or ← (a clicker's keys)")});
    rows.append({tr("Presenting: leave"), tr("Esc")});
    rows.append({tr("Lesson: next (the answer first)"), tr("→, ↓, Return, Space or Page Down")});
    rows.append({tr("Lesson: previous step"), tr("←, ↑ or Page Up")});
    rows.append({tr("Lesson: reveal the answer"), tr("A")});
    return rows;
}

void MainWindow::showShortcuts()
{
    QDialog dlg(this);
    dlg.setWindowTitle(tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(&dlg);
    auto *table = new QTableWidget;
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    const QList<QPair<QString, QString>> rows = shortcutRows();
    table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    layout->addWidget(buttons);
    // As wide as both columns' texts, the action column stretching: the keys' column, sized to
    // its longest text in a 520-px dialog, left the actions 25 px ("ctio", every name "…"; QA).
    // On a screen too narrow for that the keys wrap in their rows.
    table->resizeColumnsToContents();
    const int actions = table->columnWidth(0), keys = table->columnWidth(1);
    const QMargins margins = layout->contentsMargins();
    const int chrome = margins.left() + margins.right() + 2 * table->frameWidth() +
                       table->verticalScrollBar()->sizeHint().width();
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const int room = screen ? screen->availableGeometry().width() * 9 / 10 : 1200;
    const int width = std::min(actions + keys + chrome, room);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Interactive);
    const int keysShown = std::min(keys, std::max(width - chrome - actions, (width - chrome) / 2));
    table->setColumnWidth(1, keysShown);
    if (keysShown < keys)
        table->resizeRowsToContents();
    dlg.resize(width, 560);
    dlg.exec();
}

CompareView *MainWindow::openCompare()
{
    if (!m_compare) {
        m_compare = new CompareView(m_doc, this);
        m_compare->setAttribute(Qt::WA_DeleteOnClose);
        // 1280 × 800 where the screen has more room; on a screen that has no more (its title
        // bar and a panel take some), maximized, so no part of it lies off the screen.
        const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
        const QSize room = screen ? screen->availableGeometry().size() : QSize(1280, 800);
        const QSize frame = frameGeometry().size() - geometry().size(); // the title bar's share
        if (room.width() < 1280 + frame.width() || room.height() < 800 + frame.height()) {
            m_compare->resize(room - frame);
            m_compare->showMaximized();
        } else if (screen) {
            // Over the middle of this window and wholly on the screen (the window manager put
            // it at the screen's left edge, its bottom rows below a 1080-line screen).
            const QRect avail = screen->availableGeometry();
            QRect r(QPoint(), m_compare->size() + frame);
            r.moveCenter(frameGeometry().center());
            r.moveLeft(std::clamp(r.left(), avail.left(), avail.right() + 1 - r.width()));
            r.moveTop(std::clamp(r.top(), avail.top(), avail.bottom() + 1 - r.height()));
            m_compare->move(r.topLeft());
        }
    }
    m_compare->show();
    m_compare->raise();
    m_compare->activateWindow();
    return m_compare;
}

CompareView *MainWindow::compareView() const
{
    return m_compare;
}

} // namespace scui
