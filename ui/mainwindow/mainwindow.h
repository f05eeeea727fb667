#pragma once

#include "ui/canvas/canvasstyle.h"
#include "ui/document.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <QTransform>

class QDockWidget;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QAction;

namespace scui {

class UsersSlider;
class Presentation;
class WelcomeOverlay;
class CompareView;

class Autosave;
class GrowthCharts;
class Timeline;
class CanvasScene;
class CanvasView;
class Inspector;
class Palette;
class StatusFigures;
class MessageToast;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_doc; }
    CanvasScene *scene() const { return m_scene; }
    CanvasView *view() const { return m_view; }
    Palette *palette() const { return m_palette; }
    Inspector *inspector() const { return m_inspector; }
    UsersSlider *usersSlider() const { return m_slider; }
    Presentation *presentation() const { return m_presentation; }
    // The docks that have been in front of their tab groups, the longest ago first (brought
    // forward in this order, each group's tab bar remembers which came before which: a tab closed
    // gives the front back to the one before it).
    QList<QDockWidget *> docksByWhenInFront() const;
    // The compare view (View ▸ Compare Designs…), opened and raised; one per window.
    CompareView *openCompare();
    CompareView *compareView() const;
    QLineEdit *usersField() const { return m_usersField; }
    QListWidget *warningsList() const { return m_warnings; }
    QString statusText() const;           // the status-bar figures in full, for tests
    QList<QLabel *> statusLabels() const; // one label each, as shown (a narrow bar shortens)
    // A message of the moment ("Saved …") for `ms` milliseconds, on a card at the bottom of the
    // canvas (MessageToast): the status bar keeps its figures. A message given to the status bar
    // itself (statusBar()->showMessage, an action's status tip) is shown there too, for 6 s.
    void showMessage(const QString &text, int ms = 6000);
    // What an edit did ("Connected"), for six seconds: an undo takes it away with the edit.
    void showEditMessage(const QString &text);
    QString currentMessage() const; // the message shown, empty when none
    void clearMessage();
    QLabel *viewingLabel() const { return m_viewingLabel; }
    QAction *backToDesignUsersAction() const { return m_backToDesignUsers; }
    QAction *sizeDesignForViewedAction() const { return m_sizeDesignForViewed; }
    QDockWidget *warningsDock() const { return m_warningsDock; }
    // The empty canvas's welcome (the first actions), shown while the design has no component.
    WelcomeOverlay *welcome() const { return m_welcome; }
    // The Timeline dock (issue 16), hidden at first; showTimeline opens it at `scenario` and `t`
    // seconds into its run (paused), the screenshots' SCALECANVAS_TIMELINE.
    QDockWidget *timelineDock() const { return m_timelineDock; }
    Timeline *timeline() const { return m_timeline; }
    bool showTimeline(const QString &scenario, double t);
    // The timeline dock shown at the right of the diagram, as presenting places it.
    void showTimelineBesideDiagram();
    // Fills the warnings list: sorted errors first, an icon per severity, the counts in the dock's
    // title (and so its tab). updateWarnings() calls it with the figures' warnings.
    void showWarnings(std::vector<sc::Warning> warnings);
    static constexpr int kSeverityRole = Qt::UserRole + 1; // the item's sc::Severity, as int

    // The canvas's context menu at a viewport position: on a box (selected first when it was
    // not) the edit commands, on empty space paste, add component, select all and zoom to fit.
    // The caller pops it up (or, in tests, triggers its actions); it deletes itself on close.
    QMenu *contextMenuAt(const QPoint &viewportPos);
    // Help ▸ Keyboard Shortcuts' rows (action, keys): every menu action with a shortcut once,
    // with all its keys, then the mouse and canvas gestures.
    QList<QPair<QString, QString>> shortcutRows() const;
    // Adds a component of `kind` at the centre of the view (beside any box already there): one
    // undo step, selected. Returns its id.
    QString addComponentAtCentre(sc::Kind kind);
    void connectFromList(const QString &from);
    // Removes one of `id`'s connections (either way), picked from a list: Connect To's undoing,
    // the keyboard's way to a connection.
    void disconnectFromList(const QString &id);
    // The clipboard's components: copied here, or a design's JSON as text; empty when neither.
    QByteArray clipboardDesign() const;
    // A region or zone round the selected boxes (Edit ▸ New Region/Zone Around Selection), at
    // the middle of the view when none is selected; returns its id.
    QString addGroup(const std::string &kind);
    // Fits the design to the view, never below kReadableZoom: a design that does not fit at
    // that zoom is shown readable, from its left (and, when too tall, top) edge, centred along
    // an axis where it fits. Opening a design fits it (again as the window gets its size,
    // until the user zooms or pans).
    void fitDesign();
    static constexpr double kReadableZoom = scui::kReadableZoom; // canvasstyle.h
    // The design's name and description as one undo step (no-op when both are unchanged).
    void setDesignProperties(const QString &name, const QString &description);
    // Name, description and service-level objective as one undo step (no-op when unchanged).
    void setDesignProperties(const DesignProperties &properties);

    // Opens a design file; returns the error (empty on success). No dialogs.
    QString openFile(const QString &path);
    bool openTemplate(const QString &name);
    // Saves to `path` atomically; returns the error. No dialogs.
    QString saveTo(const QString &path);
    // Bills with the price catalog in `path` (as the CLI's --catalog); returns the problems
    // (empty on success) and, on failure, keeps the prices in use. No dialogs.
    QString loadCatalogFile(const QString &path);

    // Slider position (0..1000) for a user count and back: log scale over the users range
    // (sc::kMinUsers..sc::kMaxUsers).
    static int sliderPosition(double users);
    static double usersAt(int position);

    void applyTheme(bool dark);
    bool isDarkTheme() const { return m_dark; }
    // Offers autosaves of crashed instances (dialog).
    void offerRecovery();

signals:
    // fitDesign() fitted the view (once per design opened, and on each automatic refit as the
    // window gets its size).
    void designFitted();

public slots:
    void newDesign(); // a blank "Untitled design" (asks about unsaved changes first)
    // File ▸ Close: the design closed (asks about unsaved changes first); the window shows the
    // empty canvas and its welcome card, as after New.
    void closeDesign();
    void newFromTemplate();
    void editDesignProperties(); // dialog: name, description, service-level objective
    void open();
    bool save();
    bool saveAs();
    // Where Save As (and Open) start: the open file, else the documents folder and the design's
    // name as a file name.
    QString saveAsStart() const;
    void loadCatalog(); // asks for a file; a bad one is named in a dialog and changes nothing
    void copy();
    void cut();
    void paste();
    void duplicate();
    void deleteSelection();
    void renameSelection();
    bool raisePaletteWhenEmpty();
    bool steppingThroughALesson() const; // the Lesson panel in front, the file's lesson open
    void selectAll();
    void findComponent();
    void showShortcuts();

protected:
    void closeEvent(QCloseEvent *event) override;
    // A new palette: the status bar's red figures are written again in its red.
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override; // m_forwardWhenShown's tab brought forward
    bool eventFilter(QObject *watched, QEvent *event) override;
    void childEvent(QChildEvent *event) override; // keepChosenTabs() on a new dock tab bar
    // Tab and Shift+Tab go round the window in reading order (tabStops), not creation order.
    bool focusNextPrevChild(bool next) override;

private:
    void createActions();
    void createDocks();
    void createTimelineDockIn(Qt::DockWidgetArea area);
    void keepChosenTabs();
    void keepHiddenTabsOutOfTheFocusChain();
    void createToolBar();
    void createStatusBar();
    bool maybeSave();
    void commitPendingEdits();
    // Another program changed the open file on disk: asked when saving over it (Overwrite,
    // Reload, Save As…, Cancel) and when the watcher notices (Reload, Keep).
    enum class DiskChoice { Overwrite, Reload, SaveAs, Keep };
    DiskChoice askAboutDiskChange(bool saving);
    void fileChangedOnDisk(Document::DiskState state);
    bool reloadFromDisk();
    void updateTitle();
    void updateFigures();
    // The users slider's marks: where each tier reaches 80% and 100% (once per model build).
    void updateSliderMarks();
    void showUsersStatus(); // "Users 2.5M": the viewed count
    void updateWallsStatus();
    void updateServiceStatus();
    void updateWarnings();
    void showUsers(); // slider, field and the "viewing at" note from the document
    // The users field and the "viewing at" strip at widths that hold any count (the slider
    // takes the rest): a change of the viewed users moves nothing in the bar.
    void sizeUsersBar();
    bool presenting() const;
    QString viewingText(const QString &viewed, const QString &design, bool step = false) const;
    // The lesson's step being presented, if one is (its users are those the viewed count is held
    // against then: its variant may be at other users than the step shows it at).
    const sc::LessonStep *presentedStep() const;
    // The users the viewed count is held against: the presented step's, else the design's.
    double referenceUsers() const;
    void designOpened();       // after a design replaced the open one: fit it
    void showLessonOfDesign(); // a design opened with a lesson: its Lesson panel in front
    void updateWelcome();      // shown on an empty canvas (not while presenting), placed
    // Nothing on the canvas: no component, region or note (the "Start a design" card's case).
    bool canvasBlank() const;
    bool viewIsAsFitted() const; // not zoomed since the last automatic fit
    // A click on a box brings the inspector in front of the palette (tabbed docks).
    void raiseInspectorOnClick(QEvent *viewportEvent);
    void setUsersFromField();
    void addRecent(const QString &path);
    void updateRecentMenu();
    void pasteJson(const std::string &json, QPointF offset);
    qreal pasteStep() const; // how far a paste or duplicate lands from its original
    // `offset`, or the nearest further step from it where the boxes of `json` land on no box.
    QPointF clearOffset(const std::string &json, QPointF offset) const;

    Document *m_doc;
    CanvasScene *m_scene;
    CanvasView *m_view;
    Palette *m_palette;
    Inspector *m_inspector;
    QListWidget *m_warnings;
    bool m_warningKeyMove = false; // the warnings list is handling a key (eventFilter)
    QDockWidget *m_warningsDock = nullptr;
    bool m_canvasWasBlank = false; // at the last updateWelcome: the warnings shown follow it
    QDockWidget *m_timelineDock = nullptr;
    Timeline *m_timeline = nullptr;
    QWidget *m_viewingStrip = nullptr;
    // The inspector, which a click on a box brings forward (it has tabs beside it at any width).
    QDockWidget *m_raiseInspectorOnClick = nullptr;
    QDockWidget *m_tabbedPalette = nullptr; // the palette, when a tab beside the inspector
    // A dock brought forward while the window was hidden (a lesson given on the command line):
    // its tab is brought forward again once the window is shown and its dock areas have tab bars.
    QPointer<QDockWidget> m_forwardWhenShown;
    QHash<QDockWidget *, quint64> m_inFrontAt; // when each dock last came in front (a count)
    quint64 m_inFrontCount = 0;
    QPoint m_pressAt;
    QLabel *m_viewingLabel = nullptr;
    QAction *m_backToDesignUsers = nullptr;
    QAction *m_sizeDesignForViewed = nullptr;
    bool m_autoFit = false;     // refit on resizes until the user pans, scrolls, zooms or selects
                                // by other means than a click in view (a warning, the inspector)
    bool m_clickInView = false; // a left button pressed in the view, not released yet
    bool m_fitPending = false;  // a new design: fitted once its figures are in
    QTransform m_fitTransform;
    GrowthCharts *m_charts = nullptr;
    UsersSlider *m_slider;
    Presentation *m_presentation = nullptr;
    int m_marksBuild = -1; // the model build the slider's marks were made for
    QLineEdit *m_usersField;
    // The permanent status-bar figures, left to right (Failing shows only when requests fail).
    enum StatusField {
        StatusSteady, // "Steady state:" while the timeline shows a frame
        StatusUsers,
        StatusPeak,
        StatusHeadroom,
        StatusWalls,
        StatusFailing,
        StatusCost,
        StatusAvailability,
        StatusPrices,
        StatusCount
    };
    QLabel *m_status[StatusCount] = {};
    StatusFigures *m_statusFigures = nullptr; // the labels' row
    MessageToast *m_message = nullptr;        // showMessage()'s card over the canvas
    bool m_messageOfAnEdit = false;           // the card's message came from showEditMessage()
    QMenu *m_recentMenu = nullptr;
    QAction *m_snapAction = nullptr;
    QAction *m_darkAction = nullptr;
    QAction *m_builtinPricesAction = nullptr;
    Autosave *m_autosave;
    bool m_dark = false;
    bool m_askingAboutDisk = false; // one question about the file on disk at a time
    int m_pasteCount = 0;
    QPointer<CompareView> m_compare;
    WelcomeOverlay *m_welcome = nullptr;
};

} // namespace scui
