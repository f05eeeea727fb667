// The first hour (issue 13) through the real widgets, offscreen: one viewed user count shown
// everywhere, problems that name their component, three severities, the inspector's instance
// and connection figures, the context menu, adding from the palette, paste steps, a fitted
// first view, File ▸ New and the design's name, and a small design built from scratch, saved
// and reopened.

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/charts/growthcharts.h"
#include "ui/commands/changecommands.h"
#include "ui/commands/lessoncommands.h"
#include "ui/document.h"
#include "ui/inspector/inspector.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/presentation.h"
#include "ui/mainwindow/templategallery.h"
#include "ui/mainwindow/usersslider.h"
#include "ui/mainwindow/variantsmenu.h"
#include "ui/mainwindow/welcomeoverlay.h"
#include "ui/numberformat.h"
#include "ui/palette/palette.h"

#include "core/io/format.h"
#include "core/io/templates.h"
#include "tests/common/modelchecks.h"

#include <qcustomplot.h>

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <functional>
#include <memory>

using namespace scui;

namespace {

void mouse(CanvasView *view, QEvent::Type type, QPointF scenePos,
           Qt::MouseButton button = Qt::LeftButton, Qt::MouseButtons buttons = Qt::LeftButton)
{
    const QPointF local = view->mapFromScene(scenePos);
    const QPointF global = view->viewport()->mapToGlobal(local);
    QMouseEvent e(type, local, global, button, buttons, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &e);
}

// A wire drawn as a user does: press on the output port, move in steps, release on the target.
void drag(CanvasView *view, QPointF from, QPointF to, int steps = 8)
{
    mouse(view, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    for (int i = 1; i <= steps; ++i)
        mouse(view, QEvent::MouseMove, from + (to - from) * (double(i) / steps), Qt::NoButton,
              Qt::LeftButton);
    mouse(view, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
}

// On the output port dot, in its outer half (outside the box's edge), where a wire starts.
QPointF portCentre(ComponentItem *item)
{
    const QRectF port = ComponentItem::portRect();
    return item->mapToScene(port.center() + QPointF(port.width() / 4, 0));
}

QPointF bodyCentre(ComponentItem *item)
{
    return item->mapToScene(QPointF(ComponentItem::kWidth / 2, ComponentItem::kHeight * 0.8));
}

QListWidgetItem *paletteItem(Palette *palette, sc::Kind kind)
{
    const QString name = QString::fromUtf8(sc::kindName(kind).data());
    for (int i = 0; i < palette->count(); ++i)
        if (palette->item(i)->data(Qt::UserRole).toString() == name)
            return palette->item(i);
    return nullptr;
}

// A double-click as the mouse makes it: a click, then the second press that is the double-click.
void doubleClick(Palette *palette, QListWidgetItem *item)
{
    const QPoint at = palette->visualItemRect(item).center();
    QTest::mouseClick(palette->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(palette->viewport(), Qt::LeftButton, {}, at);
}

QAction *findAction(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions())
        if (QString(a->text()).remove(QLatin1Char('&')) == text)
            return a;
    return nullptr;
}

QAction *menuBarAction(MainWindow &w, const QString &text)
{
    for (QAction *a : w.findChildren<QAction *>())
        if (QString(a->text()).remove(QLatin1Char('&')) == text)
            return a;
    return nullptr;
}

// Runs `act` when the next modal dialog (or message box) of the application is up.
void onNextModal(std::function<void(QWidget *)> act)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, act] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            act(modal);
        }
    });
    timer->start();
}

// Whether `dock` is the tab in front of its tabbed dock area (a dock behind another's tab still
// says it is visible).
bool inFront(QMainWindow *window, QDockWidget *dock)
{
    for (QTabBar *bar : window->findChildren<QTabBar *>())
        for (int i = 0; i < bar->count(); ++i)
            if (bar->isVisible() && bar->tabText(i) == dock->windowTitle())
                return bar->currentIndex() == i;
    return dock->isVisible();
}

// The button that shows `action` under `root` (a tool bar's own, or one placed in a widget).
QToolButton *buttonFor(QWidget *root, QAction *action)
{
    for (QToolButton *b : root->findChildren<QToolButton *>())
        if (b->defaultAction() == action)
            return b;
    return nullptr;
}

QImage iconImage(const QIcon &icon)
{
    return icon.pixmap(16, 16).toImage();
}

// Evaluated text of a label (rich text stripped).
QString plain(const QLabel *label)
{
    QTextDocument d;
    d.setHtml(label->text());
    return d.toPlainText();
}

// The id of the design's last component of `kind` (empty when it has none).
QString lastOfKind(const Document &doc, sc::Kind kind)
{
    QString id;
    for (const sc::Component &c : doc.design().components)
        if (c.kind == kind)
            id = QString::fromStdString(c.id);
    return id;
}

QLabel *inspectorFigures(Inspector *inspector)
{
    for (QLabel *l : inspector->findChildren<QLabel *>())
        if (l->textFormat() == Qt::RichText && l->text().contains(QLatin1String("<table>")))
            return l;
    return nullptr;
}

} // namespace

class TestFirstHour : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void usersAgreeEverywhere();
    void commasOnlyGroupThousands();
    void pluralUnitReadsSingularAtOne();
    void saveAsStartsInTheDocuments();
    void templateGalleryInSections();
    void templateGalleryDoubleClickPicksTheRow();
    void viewedUsersBecomeTheDesignsInOneStep();
    void usersBarHoldsStillAt1280();
    void wideWindowShowsMoreOfTheVariant();
    void problemsNameTheirComponent();
    void warningsShowThreeSeverities();
    void autoscaledTierShowsRangeAndCountNow();
    void managedBalancerRunsNoInstances();
    void databaseShowsConnections();
    void multiAzToggleKeepsTheFieldsInPlace();
    void overloadKeepsTheFieldsInPlace();
    void replicaConnectionsHaveNoLimit();
    void connectionsAllBusyBehindAPooler();
    void smallFiguresAreNotSwallowed();
    void instanceTypesAreSearchableAndWhole();
    void contextMenuOnBoxAndCanvas();
    void connectionMenuAndDisconnect();
    void connectToFromTheMenu();
    void paletteDoubleClickAndEnterAdd();
    void renameRightAfterThePalette();
    void ctrlDInAFieldDuplicatesNothing();
    void undoneDisconnectSelectsTheConnection();
    void paletteStaysInFrontWhileAdding();
    void pasteStepsAwayFromOriginal();
    void selectionActionsFollowTheSelection();
    void figuresHaveTooltips();
    void openedDesignIsFittedReadably();
    void clickThenMaximizeStillRefits();
    void stageFourFitsWholeAt1280();
    void newDesignAndProperties();
    void closeAsksThenLeavesTheWelcome();
    void blankCanvasOpensWithoutAnError();
    void buildFromScratchSaveReopen();
    void emptyCanvasWelcomes();
    void openingFitsOnce();
    void escapeClearsAndFindSelects();
    void edgeFlowFollowsTheUsers();
    void keyboardFocusIsShown();

private:
    std::unique_ptr<MainWindow> m_w;
    QTemporaryDir m_tmp;
};

void TestFirstHour::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_firsthour"));
    QVERIFY(m_tmp.isValid());
}

void TestFirstHour::init()
{
    m_w = std::make_unique<MainWindow>();
    m_w->resize(1400, 900);
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
    QVERIFY(m_w->openTemplate(QStringLiteral("stage3-100k")));
}

void TestFirstHour::cleanup()
{
    m_w->document()->undoStack()->setClean(); // no "unsaved changes?" on close
    m_w.reset();
}

// Item 4: a chart click, the slider and the field set one viewed count; every view shows it;
// the inspector keeps the design's (saved) users and says what is viewed.
void TestFirstHour::usersAgreeEverywhere()
{
    Document *doc = m_w->document();
    const double designUsers = doc->design().traffic.users;
    QVERIFY(designUsers > 0);
    auto agree = [&](double users) {
        QCOMPARE(doc->users(), users);
        QCOMPARE(m_w->usersSlider()->value(), MainWindow::sliderPosition(users));
        QCOMPARE(m_w->usersField()->text(), formatCount(users));
        QVERIFY2(m_w->statusText().contains(QStringLiteral("Users %1").arg(formatCount(users))),
                 qPrintable(m_w->statusText()));
        QCOMPARE(doc->evaluation().users, users); // the boxes read these figures
        // The design's users did not move.
        QCOMPARE(doc->design().traffic.users, designUsers);
        const bool other = users != designUsers;
        QCOMPARE(m_w->viewingLabel()->text().contains(QLatin1String("viewing at")), other);
        if (other)
            QVERIFY(m_w->viewingLabel()->text().contains(formatCount(designUsers)));
        QCOMPARE(m_w->backToDesignUsersAction()->isVisible(), other);
        QCOMPARE(m_w->sizeDesignForViewedAction()->isVisible(), other);
        // Inspector (nothing selected): the users editor holds the design's users.
        auto *box = qobject_cast<QDoubleSpinBox *>(m_w->inspector()->editor("users"));
        QVERIFY(box);
        QCOMPARE(box->value(), designUsers);
        auto *note = m_w->inspector()->findChild<QLabel *>(QStringLiteral("viewingNote"));
        QVERIFY(note);
        QCOMPARE(note->text().contains(formatCount(users)), other);
    };
    agree(designUsers);

    // A click on the utilization chart at about 9.5M users.
    auto *charts = m_w->findChild<GrowthCharts *>();
    QVERIFY(charts);
    auto *dock = qobject_cast<QDockWidget *>(charts->parentWidget());
    if (dock)
        dock->raise();
    QCustomPlot *plot = charts->chart(GrowthCharts::ChartKind::Utilization);
    charts->tabs()->setCurrentWidget(plot);
    QApplication::processEvents();
    plot->replot();
    const int px = int(std::lround(plot->xAxis->coordToPixel(9.5e6)));
    const int py = plot->axisRect()->rect().center().y();
    const double clicked = std::round(plot->xAxis->pixelToCoord(px)); // the chart's own mapping
    QVERIFY(std::abs(clicked / 9.5e6 - 1) < 0.05);
    QTest::mouseClick(plot, Qt::LeftButton, {}, QPoint(px, py));
    agree(clicked);

    // The slider.
    m_w->usersSlider()->setValue(MainWindow::sliderPosition(2e6));
    agree(MainWindow::usersAt(MainWindow::sliderPosition(2e6)));

    // The field.
    m_w->usersField()->setText(QStringLiteral("250k"));
    emit m_w->usersField()->editingFinished();
    agree(250000);

    // One click back to the design's users.
    m_w->backToDesignUsersAction()->trigger();
    agree(designUsers);
}

// A users field reads a comma as a thousands separator only where it groups digits by three
// before any decimal point, and refuses any other (QA: "2,5M" read 25M — a decimal comma taken
// for a grouping one — and the inspector made that the design's users). The command line
// refuses commas altogether; a field refused keeps the users it had.
void TestFirstHour::commasOnlyGroupThousands()
{
    QCOMPARE(readUserCount(QStringLiteral("1,000,000")), std::optional<double>(1e6));
    QCOMPARE(readUserCount(QStringLiteral(" 25,000 ")), std::optional<double>(25000));
    QCOMPARE(readUserCount(QStringLiteral("2,500.5")), std::optional<double>(2500.5));
    QCOMPARE(readUserCount(QStringLiteral("1,000k")), std::optional<double>(1e6));
    QCOMPARE(readUserCount(QStringLiteral("2.5M")), std::optional<double>(2.5e6));
    for (const char *typed : {"2,5M", "1,5M", "1,50", "2,5k", "12,34,5", ",100", "100,", "1,0000",
                              "1.000,5", "1,000.000,5"})
        QVERIFY2(!readUserCount(QString::fromLatin1(typed)), typed);
    Document *doc = m_w->document();
    const double before = doc->users();
    m_w->usersField()->setText(QStringLiteral("2,5M"));
    emit m_w->usersField()->editingFinished();
    QCOMPARE(doc->users(), before);
}

// A unit that is a plural word reads singular at one: the traffic's calls per page, 1 by default,
// read "1 calls" (QA); "ms" and the like are not plural words.
void TestFirstHour::pluralUnitReadsSingularAtOne()
{
    m_w->scene()->clearSelection();
    QCoreApplication::processEvents();
    auto *calls =
        qobject_cast<QSpinBox *>(m_w->inspector()->editor(QStringLiteral("callsPerPage")));
    QVERIFY(calls);
    QCOMPARE(calls->value(), 1);
    QCOMPARE(calls->suffix(), QStringLiteral(" call"));
    calls->setValue(3);
    QCOMPARE(calls->suffix(), QStringLiteral(" calls"));
    calls->setValue(1);
    QCOMPARE(calls->suffix(), QStringLiteral(" call"));
    m_w->document()->undoStack()->setClean();
}

// Save As of a design not saved yet starts in the user's documents (the home folder without
// them), named after the design, not "design.scalecanvas" in the folder the app was started
// from (QA); characters a file name cannot hold become spaces. A saved design starts at its file.
void TestFirstHour::saveAsStartsInTheDocuments()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    QVERIFY(m_w->openTemplate(QStringLiteral("stage3-100k")));
    const QString name = QString::fromStdString(m_w->document()->design().name);
    QCOMPARE(m_w->saveAsStart(), QDir(dir).filePath(name + QStringLiteral(".scalecanvas")));
    DesignProperties p = m_w->document()->properties();
    p.name = "a/b: c?";
    m_w->setDesignProperties(p);
    QCOMPARE(QFileInfo(m_w->saveAsStart()).fileName(), QStringLiteral("a b c.scalecanvas"));
    // A variant shown: still the file's name (teacher QA: the variant's, "no-replica").
    QCOMPARE(newVariantFromShown(m_w->document(), QStringLiteral("no-replica")), QString());
    QCOMPARE(m_w->document()->shownVariant(), QStringLiteral("no-replica"));
    QCOMPARE(QFileInfo(m_w->saveAsStart()).fileName(), QStringLiteral("a b c.scalecanvas"));
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("mine.scalecanvas"));
    QCOMPARE(m_w->saveTo(path), QString());
    QCOMPARE(m_w->saveAsStart(), path);
    m_w->document()->undoStack()->setClean();
}

void TestFirstHour::viewedUsersBecomeTheDesignsInOneStep()
{
    Document *doc = m_w->document();
    const double designUsers = doc->design().traffic.users;
    const int steps = doc->undoStack()->count();
    m_w->usersField()->setText(QStringLiteral("3M"));
    emit m_w->usersField()->editingFinished();
    QCOMPARE(doc->undoStack()->count(), steps); // viewing is not an edit
    QVERIFY(!doc->isModified());
    m_w->sizeDesignForViewedAction()->trigger();
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(doc->design().traffic.users, 3e6);
    QCOMPARE(doc->users(), 3e6);
    QVERIFY(!m_w->viewingLabel()->text().contains(QLatin1String("viewing at")));
    auto *box = qobject_cast<QDoubleSpinBox *>(m_w->inspector()->editor("users"));
    QCOMPARE(box->value(), 3e6);
    // Grouped by thousands, as the tool bar writes counts, and read back so (it read
    // "3000000 users").
    QCOMPARE(box->text(), QStringLiteral("3,000,000 users"));
    QCOMPARE(box->valueFromText(box->text()), 3e6);
    // Undone, the design's users are as they were, and so is what is viewed: 3M beside them
    // (QA: the undo viewed the design's users, and the 3M looked at was gone).
    doc->undoStack()->undo();
    QCOMPARE(doc->design().traffic.users, designUsers);
    QCOMPARE(doc->users(), 3e6);
    QCOMPARE(m_w->usersField()->text(), formatCount(3e6));
    QVERIFY2(m_w->viewingLabel()->text().contains(QLatin1String("viewing at")),
             qPrintable(m_w->viewingLabel()->text()));
    QCOMPARE(box->value(), designUsers);
    doc->undoStack()->redo();
    QCOMPARE(doc->users(), 3e6);
    QCOMPARE(doc->design().traffic.users, 3e6);
    doc->undoStack()->undo();
    m_w->backToDesignUsersAction()->trigger();
    QCOMPARE(doc->users(), designUsers);
}

// QA round 2, finding 1: at 1280 x 800 a click or a release on the slider showed "viewing at …"
// and its actions, and the bar laid itself out again: the slider shrank by 260 px under the
// pointer, the field moved and "Make N the design's users" went behind the » button. The bar
// keeps every widget where it was and every action on it, whatever users are viewed.
void TestFirstHour::usersBarHoldsStillAt1280()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openTemplate(QStringLiteral("stage4-1m")));
    auto settle = [] {
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
    };
    settle();
    auto *bar = w.findChild<QToolBar *>(QStringLiteral("usersToolBar"));
    QVERIFY(bar);
    QSlider *slider = w.usersSlider();
    const QRect sliderAt = slider->geometry();
    const QRect fieldAt = w.usersField()->geometry();
    QVERIFY(sliderAt.width() >= 300);
    // The status bar's figures from its left: "Users …" stays put while its count and the
    // figures after it change length (GUI QA: right-aligned, it moved at every count).
    QLabel *usersFigure = nullptr;
    for (QLabel *l : w.statusLabels())
        if (l->text().startsWith(QLatin1String("Users ")))
            usersFigure = l;
    QVERIFY(usersFigure);
    const auto usersFigureX = [&w, usersFigure] { return usersFigure->mapTo(&w, QPoint()).x(); };
    const int usersFigureAt = usersFigureX();
    QVERIFY2(usersFigureAt < 20, qPrintable(QString::number(usersFigureAt)));
    for (const double users : {183000.0, 10e6, 4.2e6, 1e6}) {
        slider->setValue(MainWindow::sliderPosition(users));
        settle();
        const QString at = QStringLiteral(" at %1 users").arg(formatCount(w.document()->users()));
        QCOMPARE(usersFigureX(), usersFigureAt);
        QVERIFY2(slider->geometry() == sliderAt, qPrintable(QStringLiteral("slider moved") + at));
        QVERIFY2(w.usersField()->geometry() == fieldAt,
                 qPrintable(QStringLiteral("field moved") + at));
        const bool other = w.document()->viewingOtherUsers();
        for (QAction *a : {w.backToDesignUsersAction(), w.sizeDesignForViewedAction()}) {
            QToolButton *b = buttonFor(bar, a);
            QVERIFY(b);
            QCOMPARE(b->isVisible(), other);
            if (other) // on the bar, not behind its extension button
                QVERIFY2(bar->rect().contains(QRect(b->mapTo(bar, QPoint(0, 0)), b->size())),
                         qPrintable(a->text() + at));
        }
    }
    w.document()->undoStack()->setClean();
}

// The variant combo is 8 characters wide up to 1,500 px (the users' bar needs the rest of the
// row), and shows more of the name on a wider window, up to 56 characters at 1920 px (QA: "Stage 5
// — two regions, sha…" there); at every width the users' bar keeps its actions on the bar, not
// behind its » button.
void TestFirstHour::wideWindowShowsMoreOfTheVariant()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openTemplate(QStringLiteral("stage4-1m")));
    auto *combo = w.findChild<QComboBox *>(QStringLiteral("variantCombo"));
    auto *bar = w.findChild<QToolBar *>(QStringLiteral("usersToolBar"));
    QVERIFY(combo && bar);
    w.document()->setUsers(2e6); // viewing other users: the bar's two actions show
    int narrow = 0;
    for (const int width : {1280, 1500, 1600, 1700, 1800, 1920}) {
        w.resize(width, 900);
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
        const QString at = QStringLiteral(" at %1 px").arg(width);
        QCOMPARE(combo->minimumContentsLength(),
                 width <= 1500 ? 8 : std::min(56, 8 + (width - 1500) / 8));
        if (width == 1280)
            narrow = combo->width();
        if (width == 1920)
            QVERIFY2(combo->width() > narrow + 80, qPrintable(QString::number(combo->width())));
        for (QAction *a : {w.backToDesignUsersAction(), w.sizeDesignForViewedAction()}) {
            QToolButton *b = buttonFor(bar, a);
            QVERIFY(b && b->isVisible());
            QVERIFY2(bar->rect().contains(QRect(b->mapTo(bar, QPoint(0, 0)), b->size())),
                     qPrintable(a->text() + at));
        }
    }
    w.document()->undoStack()->setClean();
}

// Item 7: the warnings list and dialogs name the component, never "design.components[0]".
void TestFirstHour::problemsNameTheirComponent()
{
    sc::Design d;
    d.name = "named problems";
    sc::Component clients;
    clients.id = "users";
    clients.kind = sc::Kind::Clients;
    clients.label = "Users";
    sc::Component lb;
    lb.id = "lb1";
    lb.kind = sc::Kind::LoadBalancer;
    lb.label = "LB";
    lb.params["managed"] = sc::ParamValue{0, {}};
    lb.params["instanceType"] = sc::ParamValue{0, "zz.nonexistent"};
    d.components = {clients, lb};
    d.connections = {{"users", "lb1", {}, {}}, {"lb1", "lb1", {}, {}}};
    m_w->document()->reset(d);
    QVERIFY(!m_w->document()->modelOk());
    QListWidget *list = m_w->warningsList();
    QVERIFY(list->count() >= 2);
    bool namedType = false, namedLoop = false;
    for (int i = 0; i < list->count(); ++i) {
        const QString text = list->item(i)->text();
        QVERIFY2(!text.contains(QLatin1String("design.")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("[0]")) && !text.contains(QLatin1String("[1]")),
                 qPrintable(text));
        if (text.startsWith(QStringLiteral("Load balancer “LB”")) &&
            text.contains(QLatin1String("zz.nonexistent"))) {
            namedType = true;
            QCOMPARE(list->item(i)->data(Qt::UserRole).toString(), QStringLiteral("lb1"));
        }
        if (text.startsWith(QStringLiteral("Connection Load balancer “LB” → Load balancer “LB”")))
            namedLoop = true;
    }
    QVERIFY(namedType);
    QVERIFY(namedLoop);
    // The mapping itself: a path with no component id, by index.
    const sc::Issue byIndex{"design.components[1].params.instances", "must be at least 1"};
    QCOMPARE(m_w->document()->issueText(byIndex),
             QStringLiteral("Load balancer “LB” (instances): must be at least 1"));
    const sc::Issue design{"design.components", "no clients component"};
    QCOMPARE(m_w->document()->issueText(design), QStringLiteral("Design: no clients component"));

    // A file that does not load: its component is named by id; the path stays to find it.
    sc::Design file;
    sc::Component api;
    api.id = "api";
    api.kind = sc::Kind::AppServer;
    api.label = "API";
    api.params["pricing"] = sc::ParamValue{0, "onDemand"};
    file.components = {api};
    std::string bytes = sc::saveDesign(file);
    const size_t at = bytes.find("\"onDemand\"");
    QVERIFY(at != std::string::npos);
    bytes.replace(at, 10, "\"bogus\"");
    Document doc;
    const QString err = doc.loadBytes(bytes);
    QVERIFY2(err.startsWith(QStringLiteral("Component “api” (design.components[0].params.pricing): "
                                           "must be one of")),
             qPrintable(err));
}

// Item 8: three icons, errors first, counts in the dock's title; a click selects.
void TestFirstHour::warningsShowThreeSeverities()
{
    const sc::Design &d = m_w->document()->design();
    QVERIFY(d.components.size() >= 3);
    const std::string a = d.components[0].id, b = d.components[1].id, c = d.components[2].id;
    std::vector<sc::Warning> ws = {
        {"RIGHT_SIZE", a, "advice one", sc::Severity::Advice},
        {"SPOF", b, "warning one", sc::Severity::Warning},
        {"OVERLOADED", c, "error one", sc::Severity::Error},
        {"HOT", a, "warning two", sc::Severity::Warning},
        {"DEAD_END", b, "error two", sc::Severity::Error},
    };
    m_w->showWarnings(ws);
    QListWidget *list = m_w->warningsList();
    QCOMPARE(list->count(), 5);
    const QStringList expected = {"error one", "error two", "warning one", "warning two",
                                  "advice one"};
    for (int i = 0; i < 5; ++i)
        QCOMPARE(list->item(i)->text(), expected[i]);
    const QImage error = iconImage(list->item(0)->icon());
    const QImage warning = iconImage(list->item(2)->icon());
    const QImage advice = iconImage(list->item(4)->icon());
    QVERIFY(!error.isNull() && !warning.isNull() && !advice.isNull());
    QVERIFY(error != warning);
    QVERIFY(warning != advice);
    QVERIFY(error != advice);
    QCOMPARE(iconImage(list->item(1)->icon()), error);
    QCOMPARE(iconImage(list->item(3)->icon()), warning);
    QCOMPARE(m_w->warningsDock()->windowTitle(),
             QStringLiteral("Warnings — 2 errors · 2 warnings · 1 advice"));
    // The View menu's entry names the panel, without the counts.
    QCOMPARE(m_w->warningsDock()->toggleViewAction()->text(), QStringLiteral("Warnings"));
    // A click on a row selects its component.
    QListWidgetItem *row = list->item(2); // "warning one" on b
    list->scrollToItem(row);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(row).center());
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{QString::fromStdString(b)});
    // One of each in the singular.
    m_w->showWarnings({ws[0], ws[1], ws[2]});
    QCOMPARE(m_w->warningsDock()->windowTitle(),
             QStringLiteral("Warnings — 1 error · 1 warning · 1 advice"));
    // The model's errors come in as errors.
    sc::Design broken = m_w->document()->design();
    broken.connections.push_back({broken.components[0].id, broken.components[0].id, {}, {}});
    m_w->document()->reset(broken);
    QVERIFY2(m_w->warningsDock()->windowTitle().startsWith(QStringLiteral("Warnings — 1 error")),
             qPrintable(m_w->warningsDock()->windowTitle()));
    QCOMPARE(m_w->warningsList()->item(0)->data(MainWindow::kSeverityRole).toInt(),
             int(sc::Severity::Error));
}

// Item 10: an auto-scaled tier shows its range and the count it runs now.
void TestFirstHour::autoscaledTierShowsRangeAndCountNow()
{
    Document *doc = m_w->document();
    const QString app = lastOfKind(*doc, sc::Kind::AppServer);
    QVERIFY(!app.isEmpty());
    sc::Autoscale a;
    a.min = 2;
    a.max = 40;
    doc->undoStack()->push(new ChangeAutoscale(doc, app, a));
    doc->setUsers(5e6); // more than two instances' worth
    m_w->scene()->selectIds({app});
    QTRY_COMPARE(m_w->inspector()->currentId(), app);
    QLabel *figures = inspectorFigures(m_w->inspector());
    QVERIFY(figures);
    const sc::ComponentResult *r = doc->result(app);
    QVERIFY(r);
    QVERIFY(r->instances > 2); // the scenario: runs more than its minimum
    const QString text = plain(figures);
    QVERIFY2(text.contains(QStringLiteral("%1 now at %2 users (auto-scaling 2–40)")
                               .arg(formatCount(r->instances), formatCount(5e6))),
             qPrintable(text));
    // The fixed count is not shown while auto-scaling decides it.
    QWidget *instances = m_w->inspector()->editor("instances");
    QVERIFY(instances);
    QVERIFY(!instances->isVisibleTo(m_w->inspector()));
    // The count follows the viewed users.
    doc->setUsers(2e7);
    const sc::ComponentResult *r2 = doc->result(app);
    QVERIFY(plain(figures).contains(
        QStringLiteral("%1 now at %2 users").arg(formatCount(r2->instances), formatCount(2e7))));
}

// Item 10: a managed load balancer has no instances and no instance type on show.
void TestFirstHour::managedBalancerRunsNoInstances()
{
    Document *doc = m_w->document();
    const QString lb = lastOfKind(*doc, sc::Kind::LoadBalancer);
    QVERIFY(!lb.isEmpty());
    doc->undoStack()->push(new ChangeParameter(doc, lb, "managed", sc::ParamValue{1, {}}));
    m_w->scene()->selectIds({lb});
    QTRY_COMPARE(m_w->inspector()->currentId(), lb);
    QTRY_VERIFY(m_w->inspector()->editor("instanceType"));
    Inspector *in = m_w->inspector();
    QVERIFY(!in->editor("instanceType")->isVisibleTo(in));
    QVERIFY(!in->editor("instances")->isVisibleTo(in));
    QVERIFY(!plain(inspectorFigures(in)).contains(QLatin1String("Instances")));
    // Self-hosted: it runs instances of a type again.
    doc->undoStack()->push(new ChangeParameter(doc, lb, "managed", sc::ParamValue{0, {}}));
    QTRY_VERIFY(in->editor("instanceType") && in->editor("instanceType")->isVisibleTo(in));
    QVERIFY(in->editor("instances")->isVisibleTo(in));
    QTRY_VERIFY(plain(inspectorFigures(in)).contains(QLatin1String("Instances")));
}

// Item 10: the connections the callers open, against max_connections.
void TestFirstHour::databaseShowsConnections()
{
    Document *doc = m_w->document();
    const QString db = lastOfKind(*doc, sc::Kind::Database);
    QVERIFY(!db.isEmpty());
    doc->undoStack()->push(new ChangeParameter(doc, db, "maxConnections", sc::ParamValue{7, {}}));
    m_w->scene()->selectIds({db});
    QTRY_COMPARE(m_w->inspector()->currentId(), db);
    const sc::ComponentResult *r = doc->result(db);
    QVERIFY(r && r->connectionsOpened > 0);
    const QString text = plain(inspectorFigures(m_w->inspector()));
    QVERIFY2(
        text.contains(
            QStringLiteral("%1 open (max 7)").arg(formatCount(std::ceil(r->connectionsOpened)))),
        qPrintable(text));
}

// GUI QA: ticking Multi-AZ off made the primary a single point of failure, and the figures
// grew a row saying so that moved every field below it, the box just clicked among them, down
// by a line. The row says it either way: the fields stay where they are.
void TestFirstHour::multiAzToggleKeepsTheFieldsInPlace()
{
    Document *doc = m_w->document();
    const QString db = lastOfKind(*doc, sc::Kind::Database);
    QVERIFY(!db.isEmpty());
    doc->undoStack()->push(new ChangeParameter(doc, db, "multiAz", sc::ParamValue{1, {}}));
    m_w->scene()->selectIds({db});
    QTRY_COMPARE(m_w->inspector()->currentId(), db);
    Inspector *in = m_w->inspector();
    QTRY_VERIFY(in->editor("multiAz") && in->editor("multiAz")->isVisibleTo(in));
    QVERIFY(!doc->result(db)->spof);
    QCoreApplication::processEvents();
    const auto top = [in] { return in->editor("multiAz")->mapTo(in, QPoint()).y(); };
    const int before = top();
    const auto says = [in](const char *spof) { // the row's value, the line after its name
        const QStringList lines = plain(inspectorFigures(in)).split(QLatin1Char('\n'));
        const qsizetype at = lines.indexOf(QStringLiteral("Single point of failure  "));
        return at >= 0 && at + 1 < lines.size() && lines[at + 1] == QLatin1String(spof);
    };
    QVERIFY2(says("no"), qPrintable(plain(inspectorFigures(in))));
    doc->undoStack()->push(new ChangeParameter(doc, db, "multiAz", sc::ParamValue{0, {}}));
    QTRY_VERIFY(doc->result(db) && doc->result(db)->spof); // the scenario: now single
    QTRY_VERIFY(says("yes"));
    QCoreApplication::processEvents();
    QCOMPARE(top(), before);
    doc->undoStack()->undo();
    QTRY_VERIFY(says("no"));
    QCoreApplication::processEvents();
    QCOMPARE(top(), before);
}

// QA: an app server cut to one instance sheds requests, and its figures grew "Served" and
// "Failed" rows that moved the instances field just typed in down by two lines. Both rows are
// there either way; "Failed" says "none" until it fails.
void TestFirstHour::overloadKeepsTheFieldsInPlace()
{
    Document *doc = m_w->document();
    const QString app = lastOfKind(*doc, sc::Kind::AppServer);
    QVERIFY(!app.isEmpty());
    doc->setUsers(5e5); // its two instances of 800 req/s serve 868 at the peak; one does not
    m_w->scene()->selectIds({app});
    QTRY_COMPARE(m_w->inspector()->currentId(), app);
    Inspector *in = m_w->inspector();
    QTRY_VERIFY(in->editor("instances") && in->editor("instances")->isVisibleTo(in));
    QVERIFY(doc->result(app)->errorRps == 0);
    QCoreApplication::processEvents();
    const auto top = [in] { return in->editor("instances")->mapTo(in, QPoint()).y(); };
    const int before = top();
    const auto failed = [in] { // the Failed row's value, the line after its name
        const QStringList lines = plain(inspectorFigures(in)).split(QLatin1Char('\n'));
        const qsizetype at = lines.indexOf(QStringLiteral("Failed  "));
        return at >= 0 && at + 1 < lines.size() ? lines[at + 1] : QString();
    };
    QCOMPARE(failed(), QStringLiteral("none"));
    QVERIFY(plain(inspectorFigures(in)).contains(QLatin1String("Served")));
    doc->undoStack()->push(new ChangeParameter(doc, app, "instances", sc::ParamValue{1, {}}));
    QTRY_VERIFY(doc->result(app) && doc->result(app)->errorRps > 0); // the scenario: it sheds
    QTRY_VERIFY2(failed().endsWith(QLatin1String("%)")), qPrintable(failed()));
    QCoreApplication::processEvents();
    QCOMPARE(top(), before);
    doc->undoStack()->undo();
    QTRY_COMPARE(failed(), QStringLiteral("none"));
    QCoreApplication::processEvents();
    QCOMPARE(top(), before);
}

// Walk: a read replica's inspector said "100 open (max 0) · 1 busy" in red, a limit it does not
// have: max_connections is a database's parameter, the model refuses nothing at a replica and
// no warning says otherwise. Its connections read without a limit, in the plain colour.
void TestFirstHour::replicaConnectionsHaveNoLimit()
{
    Document *doc = m_w->document();
    const QString replica = lastOfKind(*doc, sc::Kind::ReadReplica);
    QVERIFY(!replica.isEmpty());
    QVERIFY(!sc::findParam(sc::Kind::ReadReplica, "maxConnections"));
    m_w->scene()->selectIds({replica});
    QTRY_COMPARE(m_w->inspector()->currentId(), replica);
    const sc::ComponentResult *r = doc->result(replica);
    QVERIFY(r && r->connectionsOpened > 0 && r->refusedRps == 0);
    QLabel *figures = inspectorFigures(m_w->inspector());
    const QString expected = QStringLiteral("%1 open · %2 busy")
                                 .arg(formatCount(std::ceil(r->connectionsOpened)),
                                      formatCount(std::ceil(r->connectionsBusy)));
    QVERIFY2(plain(figures).contains(expected), qPrintable(plain(figures)));
    QVERIFY2(!plain(figures).contains(QLatin1String("max")), qPrintable(plain(figures)));
    QVERIFY2(!figures->text().contains(canvasColors().red.name()), qPrintable(figures->text()));
}

// QA: behind stage 4's PgBouncer (2 instances × a pool of 40) at 10M users, Little's law puts
// ~1,500 requests at the primary, which has 80 connections: the inspector read "80 open (max
// 200) · 1,565 busy". Every connection is busy and the rest wait for one (docs/model.md).
void TestFirstHour::connectionsAllBusyBehindAPooler()
{
    MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage4-1m")));
    Document *doc = w.document();
    doc->setUsers(1e7);
    const sc::Design &d = doc->design();
    const sc::Component &pooler = d.components[size_t(d.indexOf("pooler"))];
    const double open = pooler.number("instances") * pooler.number("poolSize");
    QCOMPARE(open, 80.0);
    w.scene()->selectIds({QStringLiteral("db")});
    QTRY_COMPARE(w.inspector()->currentId(), QStringLiteral("db"));
    const sc::ComponentResult *r = doc->result(QStringLiteral("db"));
    QVERIFY(r && r->concurrency > open);
    QCOMPARE(r->connectionsBusy, open);
    const QString text = plain(inspectorFigures(w.inspector()));
    QVERIFY2(text.contains(QStringLiteral("80 open (max 200) · all 80 busy, more waiting")),
             qPrintable(text));
}

// Walk: at 1k users an app server's inspector had a "Threads" row with nothing after it: the
// figure read "<0.01 held of 50 per instance" and its "<" opened an HTML tag in the rich-text
// label, which swallowed the text. A figure below 0.01 reads as it is written.
void TestFirstHour::smallFiguresAreNotSwallowed()
{
    Document *doc = m_w->document();
    const QString app = QStringLiteral("app");
    QVERIFY(doc->component(app) && doc->component(app)->kind == sc::Kind::AppServer);
    doc->setUsers(10);
    m_w->scene()->selectIds({app});
    QTRY_COMPARE(m_w->inspector()->currentId(), app);
    const sc::ComponentResult *r = doc->result(app);
    QVERIFY(r && r->threadsBusyPerInstance > 0 && r->threadsBusyPerInstance < 0.01);
    const QString expected =
        QStringLiteral("%1 held of %2 per instance")
            .arg(formatCount(r->threadsBusyPerInstance),
                 formatCount(doc->component(app)->number("threadsPerInstance")));
    QVERIFY(expected.startsWith(QLatin1Char('<')));
    const QString text = plain(inspectorFigures(m_w->inspector()));
    QVERIFY2(text.contains(expected), qPrintable(text));
}

// Item 10: an instance-type list is searchable and its popup shows every entry whole.
void TestFirstHour::instanceTypesAreSearchableAndWhole()
{
    Document *doc = m_w->document();
    const QString app = lastOfKind(*doc, sc::Kind::AppServer);
    m_w->scene()->selectIds({app});
    QTRY_COMPARE(m_w->inspector()->currentId(), app);
    auto *combo = qobject_cast<QComboBox *>(m_w->inspector()->editor("instanceType"));
    QVERIFY(combo);
    QVERIFY(combo->count() > 10);
    QVERIFY(combo->isEditable());
    QVERIFY(combo->completer());
    QCOMPARE(combo->completer()->filterMode(), Qt::MatchContains);
    int widest = 0;
    for (int i = 0; i < combo->count(); ++i)
        widest = std::max(widest, combo->fontMetrics().horizontalAdvance(combo->itemText(i)));
    QVERIFY(combo->view()->minimumWidth() > widest);
    // The combo itself has the inspector's width, not a ten-character stub.
    QVERIFY(combo->width() > m_w->inspector()->width() / 2);
    // Search: "m5.x" then a pick from the completer's list changes the type (one undo step).
    const QString before = QString::fromStdString(doc->component(app)->text("instanceType"));
    int target = -1;
    for (int i = 0; i < combo->count(); ++i)
        if (combo->itemData(i).toString() != before &&
            combo->itemData(i).toString().startsWith(QLatin1String("m5.x")))
            target = i;
    QVERIFY(target >= 0);
    const int steps = doc->undoStack()->count();
    combo->lineEdit()->setFocus();
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("m5.x"));
    QAbstractItemView *popup = combo->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QModelIndex pick;
    for (int row = 0; row < popup->model()->rowCount(); ++row) {
        const QModelIndex i = popup->model()->index(row, 0);
        QVERIFY(i.data().toString().contains(QLatin1String("m5.x"))); // the search filters
        if (i.data().toString() == combo->itemText(target))
            pick = i;
    }
    QVERIFY(pick.isValid());
    popup->setCurrentIndex(pick);
    QTest::keyClick(popup, Qt::Key_Return);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(QString::fromStdString(doc->component(app)->text("instanceType")),
             combo->itemData(target).toString());
    // Text that names no entry goes back to the current type.
    combo->lineEdit()->setText(QStringLiteral("no such type"));
    emit combo->lineEdit()->editingFinished();
    QCOMPARE(combo->currentText(), combo->itemText(target));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
}

// Item 15: right-click a box or the canvas.
void TestFirstHour::contextMenuOnBoxAndCanvas()
{
    Document *doc = m_w->document();
    CanvasView *view = m_w->view();
    const QString id = QString::fromStdString(doc->design().components[1].id);
    ComponentItem *box = m_w->scene()->componentItem(id);
    QVERIFY(box);
    view->centerOn(box);
    m_w->scene()->selectIds({});
    const QPoint onBox = view->mapFromScene(bodyCentre(box));
    QMenu *menu = m_w->contextMenuAt(onBox);
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{id}); // the box under the pointer
    for (const char *text : {"Cut", "Copy", "Duplicate", "Delete", "Rename…", "Bring into View"})
        QVERIFY2(findAction(menu, QString::fromUtf8(text)), text);
    const size_t before = doc->design().components.size();
    findAction(menu, QStringLiteral("Duplicate"))->trigger();
    QCOMPARE(doc->design().components.size(), before + 1);
    menu->close();
    doc->undoStack()->undo();

    // Empty space: paste, add component ▸, select all, zoom to fit.
    const QRectF all = m_w->scene()->itemsBoundingRect();
    view->centerOn(all.bottomRight() + QPointF(20, 20));
    const QPoint emptyPos = view->mapFromScene(all.bottomRight() + QPointF(20, 20));
    QMenu *canvasMenu = m_w->contextMenuAt(emptyPos);
    QVERIFY(findAction(canvasMenu, QStringLiteral("Paste")));
    QVERIFY(findAction(canvasMenu, QStringLiteral("Select All")));
    QVERIFY(findAction(canvasMenu, QStringLiteral("Zoom to Fit")));
    QAction *add = findAction(canvasMenu, QStringLiteral("Add Component"));
    QVERIFY(add && add->menu());
    QCOMPARE(add->menu()->actions().size(), sc::kKindCount);
    QAction *cache = findAction(add->menu(), QStringLiteral("Cache"));
    QVERIFY(cache);
    cache->trigger();
    QCOMPARE(doc->design().components.size(), before + 1);
    const sc::Component &added = doc->design().components.back();
    QCOMPARE(added.kind, sc::Kind::Cache);
    // Centred on the point clicked (within the snap grid).
    const QPointF centre(added.position.x + ComponentItem::kWidth / 2,
                         added.position.y + ComponentItem::kHeight / 2);
    const QPointF clicked = view->mapToScene(emptyPos);
    QVERIFY(std::abs(centre.x() - clicked.x()) <= 20 && std::abs(centre.y() - clicked.y()) <= 20);
    canvasMenu->close();
    QMenu *again = m_w->contextMenuAt(emptyPos + QPoint(0, 150)); // below the new cache
    QAction *selectAll = findAction(again, QStringLiteral("Select All"));
    QVERIFY(selectAll);
    selectAll->trigger();
    QCOMPARE(m_w->scene()->selectedIds().size(), qsizetype(doc->design().components.size()));
    again->close();

    // A real right-click pops a menu up.
    QContextMenuEvent e(QContextMenuEvent::Mouse, onBox, view->viewport()->mapToGlobal(onBox));
    QApplication::sendEvent(view->viewport(), &e);
    QTRY_VERIFY(qobject_cast<QMenu *>(QApplication::activePopupWidget()));
    QApplication::activePopupWidget()->close();

    // From the keyboard, Shift+F10 (or the Menu key) with a box selected: that box's menu,
    // beside it (the canvas's menu opened at the pointer; QA).
    m_w->scene()->selectIds({QStringLiteral("db")});
    view->setFocus();
    QTest::keyClick(view->viewport(), Qt::Key_F10, Qt::ShiftModifier);
    QMenu *boxMenu = nullptr;
    QTRY_VERIFY((boxMenu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
    QVERIFY(findAction(boxMenu, QStringLiteral("Rename…")));
    QVERIFY(findAction(boxMenu, QStringLiteral("Connect To…")));
    const QRect dbBox =
        view->mapFromScene(m_w->scene()->componentItem(QStringLiteral("db"))->sceneBoundingRect())
            .boundingRect();
    QVERIFY2(QRect(view->viewport()->mapToGlobal(dbBox.topLeft()), dbBox.size())
                 .adjusted(-10, -10, 10, 10)
                 .contains(boxMenu->pos()),
             qPrintable(QDebug::toString(boxMenu->pos())));
    boxMenu->close();
}

// A right click on a connection selects it (the inspector shows it) and offers its Delete; from
// the keyboard, a box's Disconnect… lists its connections both ways and removes the one picked.
// Each one undo step (QA: a right click dropped the connection for the canvas's menu, and no
// keyboard way reached a connection).
void TestFirstHour::connectionMenuAndDisconnect()
{
    Document *doc = m_w->document();
    CanvasView *view = m_w->view();
    const sc::Connection first = doc->design().connections.front();
    const ConnectionKey key{QString::fromStdString(first.from), QString::fromStdString(first.to)};
    ConnectionItem *edge = m_w->scene()->connectionItem(key);
    QVERIFY(edge);
    const QPointF middle = edge->mapToScene(edge->path().pointAtPercent(0.5));
    view->centerOn(middle);
    const size_t edges = doc->design().connections.size();
    const int steps = doc->undoStack()->count();
    QMenu *menu = m_w->contextMenuAt(view->mapFromScene(middle));
    QCOMPARE(m_w->scene()->selectedConnections(), QList<ConnectionKey>{key});
    QVERIFY(!findAction(menu, QStringLiteral("Paste")));
    QAction *remove = findAction(menu, QStringLiteral("Delete Connection"));
    QVERIFY(remove);
    remove->trigger();
    menu->close();
    QCOMPARE(doc->design().connections.size(), edges - 1);
    QVERIFY(!doc->connection(key));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    doc->undoStack()->undo();
    QVERIFY(doc->connection(key));

    // Disconnect… from the sender: its connections, the one picked goes.
    QStringList offered;
    const QString wanted =
        QStringLiteral("%1 (%2) → %3 (%4)")
            .arg(doc->componentLabel(key.from), key.from, doc->componentLabel(key.to), key.to);
    m_w->scene()->selectIds({key.from});
    QTimer::singleShot(0, [&] {
        if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            offered = dialog->comboBoxItems();
            dialog->setTextValue(wanted);
            dialog->accept();
        }
    });
    m_w->disconnectFromList(key.from);
    QVERIFY2(offered.contains(wanted), qPrintable(offered.join(" | ")));
    int touching = 0;
    for (const sc::Connection &c : doc->design().connections)
        touching += c.from == first.from || c.to == first.from;
    QCOMPARE(offered.size(), touching + 1); // the one removed was offered too
    QVERIFY(!doc->connection(key));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(m_w->currentMessage(), QStringLiteral("Disconnected"));
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{key.from}); // the box stays selected
}

// Wiring without a drag (the keyboard's way, from the box's menu): Connect To… lists the boxes
// the one selected may send to, and the one picked is wired (QA: no keyboard way to connect).
void TestFirstHour::connectToFromTheMenu()
{
    Document *doc = m_w->document();
    m_w->newDesign();
    const QString users = m_w->addComponentAtCentre(sc::Kind::Clients);
    const QString app = m_w->addComponentAtCentre(sc::Kind::AppServer);
    const QString db = m_w->addComponentAtCentre(sc::Kind::Database);
    QStringList offered;
    QTimer::singleShot(0, [&] {
        if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            offered = dialog->comboBoxItems();
            dialog->setTextValue(offered.value(0));
            dialog->accept();
        }
    });
    m_w->connectFromList(users);
    // Clients may send to the app server and not to a database (connectionAllowed).
    QCOMPARE(offered, QStringList{QStringLiteral("App server (%1)").arg(app)});
    QVERIFY(doc->connection({users, app}));
    QVERIFY(!doc->connection({users, db}));
    QCOMPARE(m_w->currentMessage(), QStringLiteral("Connected"));
    // Undone, the message goes with the connection (QA: "Connected" stayed its six seconds).
    doc->undoStack()->undo();
    QVERIFY(!doc->connection({users, app}));
    QCOMPARE(m_w->currentMessage(), QString());
    // Redone or another edit made, it stays; a message not of an edit ("Autosave failed") stays
    // through an undo too (review: it went with any undo).
    m_w->showEditMessage(QStringLiteral("Connected"));
    doc->undoStack()->redo();
    QVERIFY(doc->connection({users, app}));
    QCOMPARE(m_w->currentMessage(), QStringLiteral("Connected"));
    m_w->showMessage(QStringLiteral("Autosave failed"), 6000);
    doc->undoStack()->undo();
    QVERIFY(!doc->connection({users, app}));
    QCOMPARE(m_w->currentMessage(), QStringLiteral("Autosave failed"));
}

// Keyboard only (GUI QA): a box added from the palette with Return, then F2: the name typed
// went to the palette (lost) and Return added a second box. F2 gives the in-place editor the
// keyboard, wherever it was.
void TestFirstHour::renameRightAfterThePalette()
{
    Document *doc = m_w->document();
    Palette *palette = m_w->palette();
    m_w->newDesign(); // (its palette in front, as on a blank canvas)
    const size_t before = doc->design().components.size();
    palette->setCurrentItem(paletteItem(palette, sc::Kind::Cache));
    palette->setFocus();
    QTest::keyClick(palette, Qt::Key_Return);
    QCOMPARE(doc->design().components.size(), before + 1);
    const QString id = QString::fromStdString(doc->design().components.back().id);
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{id});
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(palette));
    QTest::keyClick(palette, Qt::Key_F2); // Edit ▸ Rename, the window's shortcut
    QWidget *typing = QApplication::focusWidget();
    QCOMPARE(typing, static_cast<QWidget *>(m_w->view()));
    QTest::keyClicks(typing, QStringLiteral("Zed"));
    QTest::keyClick(typing, Qt::Key_Return);
    QCOMPARE(doc->design().components.size(), before + 1); // no second box
    QCOMPARE(QString::fromStdString(doc->component(id)->label), QStringLiteral("Zed"));
}

// GUI QA: Ctrl+D typing a value in the inspector duplicated the box, and the value typed next
// went to the copy. Duplicate is the canvas's key (and the palette's), not a field's.
void TestFirstHour::ctrlDInAFieldDuplicatesNothing()
{
    Document *doc = m_w->document();
    const QString app = lastOfKind(*doc, sc::Kind::AppServer);
    m_w->scene()->selectIds({app});
    QTRY_COMPARE(m_w->inspector()->currentId(), app);
    QWidget *field = m_w->inspector()->editor("instances");
    QVERIFY(field && field->isVisibleTo(m_w->inspector()));
    const size_t before = doc->design().components.size();
    QApplication::setActiveWindow(m_w.get());
    field->setFocus();
    QWidget *typing = QApplication::focusWidget();
    QVERIFY(typing && (typing == field || field->isAncestorOf(typing)));
    QTest::keyClick(typing, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(doc->design().components.size(), before);
    QCOMPARE(m_w->inspector()->currentId(), app);
    // On the canvas it duplicates.
    m_w->view()->setFocus();
    QTest::keyClick(m_w->view(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(doc->design().components.size(), before + 1);
}

// GUI QA: a connection removed from its menu came back unselected on undo, where an undone
// delete of the selection selects what it brought back (README).
void TestFirstHour::undoneDisconnectSelectsTheConnection()
{
    Document *doc = m_w->document();
    const sc::Connection wire = doc->design().connections.front();
    const ConnectionKey key{QString::fromStdString(wire.from), QString::fromStdString(wire.to)};
    m_w->scene()->clearSelection();
    doc->undoStack()->push(new RemoveConnection(doc, key));
    QVERIFY(!doc->connection(key));
    doc->undoStack()->undo();
    QVERIFY(doc->connection(key));
    QStringList selected;
    for (QGraphicsItem *item : m_w->scene()->selectedItems())
        if (auto *edge = qgraphicsitem_cast<ConnectionItem *>(item))
            selected << edge->key().from + QStringLiteral("→") + edge->key().to;
    QCOMPARE(selected, QStringList{key.from + QStringLiteral("→") + key.to});
}

// Item 15: double-click or Enter on a palette item adds it at the view's centre.
void TestFirstHour::paletteDoubleClickAndEnterAdd()
{
    Document *doc = m_w->document();
    CanvasView *view = m_w->view();
    Palette *palette = m_w->palette();
    // A blank design: nothing at the view's centre.
    m_w->newDesign();
    QVERIFY(doc->design().components.empty());
    const QPointF centre = view->mapToScene(view->viewport()->rect().center());
    const size_t before = 0;
    const int steps = 0;
    QListWidgetItem *worker = paletteItem(palette, sc::Kind::Worker);
    QVERIFY(worker);
    palette->scrollToItem(worker);
    doubleClick(palette, worker);
    QCOMPARE(doc->design().components.size(), before + 1);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    const sc::Component first = doc->design().components.back();
    QCOMPARE(first.kind, sc::Kind::Worker);
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{QString::fromStdString(first.id)});
    const QPointF boxCentre(first.position.x + ComponentItem::kWidth / 2,
                            first.position.y + ComponentItem::kHeight / 2);
    QVERIFY2(std::abs(boxCentre.x() - centre.x()) <= 20 &&
                 std::abs(boxCentre.y() - centre.y()) <= 20,
             qPrintable(QStringLiteral("box centre %1,%2; view centre %3,%4")
                            .arg(boxCentre.x())
                            .arg(boxCentre.y())
                            .arg(centre.x())
                            .arg(centre.y())));
    // Enter on the same item: a second one, beside the first, not on it.
    palette->setCurrentItem(worker);
    palette->setFocus();
    QTest::keyClick(palette, Qt::Key_Return);
    QCOMPARE(doc->design().components.size(), before + 2);
    QCOMPARE(doc->undoStack()->count(), steps + 2);
    const sc::Component second = doc->design().components.back();
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{QString::fromStdString(second.id)});
    const QRectF a(first.position.x, first.position.y, ComponentItem::kWidth,
                   ComponentItem::kHeight);
    const QRectF b(second.position.x, second.position.y, ComponentItem::kWidth,
                   ComponentItem::kHeight);
    QVERIFY(!a.adjusted(8, 8, -8, -8).intersects(b.adjusted(8, 8, -8, -8)));
    // The palette keeps the keyboard: Down goes to the next item, and Enter adds that (the
    // arrows moved the box just added, and Enter did nothing; QA).
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(palette));
    QTest::keyClick(palette, Qt::Key_Down);
    QCOMPARE(doc->design().components.back().position.y, second.position.y);
    QCOMPARE(palette->currentRow(), palette->row(worker) + 1);
    QTest::keyClick(palette, Qt::Key_Return);
    QCOMPARE(doc->design().components.size(), before + 3);
    QCOMPARE(palette->currentItem()->data(Qt::UserRole).toString().toStdString(),
             std::string(sc::kindName(doc->design().components.back().kind)));
    doc->undoStack()->undo();
    palette->setCurrentItem(worker);
    // One undo removes the second only.
    doc->undoStack()->undo();
    QCOMPARE(doc->design().components.size(), before + 1);
    // Five more: each on a free place beside the others, and in view (a diagonal cascade put
    // the third out of a 1280 × 800 window's view, the view unmoved; QA).
    for (int i = 0; i < 5; ++i) {
        QTest::keyClick(palette, Qt::Key_Return);
        const sc::Component &added = doc->design().components.back();
        const QRectF box(added.position.x, added.position.y, ComponentItem::kWidth,
                         ComponentItem::kHeight);
        const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
        QVERIFY2(shown.contains(box), qPrintable(QStringLiteral("box %1 at %2,%3 out of view")
                                                     .arg(i + 2)
                                                     .arg(box.x())
                                                     .arg(box.y())));
        for (size_t j = 0; j + 1 < doc->design().components.size(); ++j) {
            const sc::Component &other = doc->design().components[j];
            const QRectF o(other.position.x, other.position.y, ComponentItem::kWidth,
                           ComponentItem::kHeight);
            QVERIFY(!o.intersects(box));
        }
    }
}

// QA round 2, finding 3: below 1700 px the palette and the inspector are tabs of one dock. A box
// added from the palette (double-click, Enter, a drop) leaves the palette in front for the next
// one (the inspector came forward, the next drag started on its fields); a click on a box brings
// the inspector.
void TestFirstHour::paletteStaysInFrontWhileAdding()
{
    auto *paletteDock = m_w->findChild<QDockWidget *>(QStringLiteral("palette"));
    auto *inspectorDock = m_w->findChild<QDockWidget *>(QStringLiteral("inspector"));
    QVERIFY(paletteDock && inspectorDock);
    // Its tab has the name the start card and the README give it (QA: "Components", and nothing
    // on screen was called the palette).
    QCOMPARE(paletteDock->windowTitle(), QStringLiteral("Palette"));
    if (!m_w->tabifiedDockWidgets(paletteDock).contains(inspectorDock))
        QSKIP("a screen 1700 px wide or more: the palette has a dock of its own");
    Document *doc = m_w->document();
    Palette *palette = m_w->palette();
    m_w->newDesign();
    paletteDock->raise();
    QCoreApplication::processEvents();
    QVERIFY(inFront(m_w.get(), paletteDock));
    QVERIFY(!inFront(m_w.get(), inspectorDock));
    QListWidgetItem *worker = paletteItem(palette, sc::Kind::Worker);
    QVERIFY(worker);
    doubleClick(palette, worker);
    QCOMPARE(doc->design().components.size(), size_t(1));
    QCoreApplication::processEvents();
    QVERIFY(inFront(m_w.get(), paletteDock));
    QVERIFY(!inFront(m_w.get(), inspectorDock));
    palette->setCurrentItem(worker);
    palette->setFocus();
    QTest::keyClick(palette, Qt::Key_Return);
    QCOMPARE(doc->design().components.size(), size_t(2));
    QCoreApplication::processEvents();
    QVERIFY(inFront(m_w.get(), paletteDock));
    // A drop on the canvas adds through the scene.
    const QString dropped = m_w->scene()->addComponent(sc::Kind::Cache, QPointF(600, 400));
    QCoreApplication::processEvents();
    QVERIFY(inFront(m_w.get(), paletteDock));
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{dropped});
    // A click on the box just added (selected already): its inspector.
    ComponentItem *box = m_w->scene()->componentItem(dropped);
    QVERIFY(box);
    const QPoint at = m_w->view()->mapFromScene(box->mapToScene(QPointF(6, 6)));
    QTest::mouseClick(m_w->view()->viewport(), Qt::LeftButton, {}, at);
    QTRY_VERIFY(inFront(m_w.get(), inspectorDock));
    QVERIFY(!inFront(m_w.get(), paletteDock));
}

// Item 15: each paste of one copy lands a further step from the original, and clear of every
// box (a copy laid over its original hid their edges and figures; QA).
// Edit's Cut, Copy, Duplicate and Delete are greyed out while nothing is selected (GUI QA: they
// were on with nothing to act on); a box selected turns them on, a connection only Delete.
void TestFirstHour::selectionActionsFollowTheSelection()
{
    QMenu *edit = nullptr;
    for (QAction *a : m_w->menuBar()->actions())
        if (QString(a->text()).remove(QLatin1Char('&')) == QLatin1String("Edit"))
            edit = a->menu();
    QVERIFY(edit);
    const QStringList names{QStringLiteral("Cut"), QStringLiteral("Copy"),
                            QStringLiteral("Duplicate"), QStringLiteral("Delete")};
    const auto enabled = [&] {
        QStringList on;
        for (const QString &name : names)
            if (QAction *a = findAction(edit, name); a && a->isEnabled())
                on << name;
        return on;
    };
    m_w->newDesign();
    QCOMPARE(enabled(), QStringList());
    const QString a = m_w->scene()->addComponent(sc::Kind::AppServer, QPointF(0, 0));
    const QString b = m_w->scene()->addComponent(sc::Kind::Database, QPointF(300, 0));
    m_w->scene()->clearSelection();
    QCOMPARE(enabled(), QStringList());
    m_w->scene()->selectIds({a});
    QCOMPARE(enabled(), names);
    m_w->scene()->clearSelection();
    QCOMPARE(enabled(), QStringList());
    QCOMPARE(m_w->scene()->connectComponents(a, b), QString()); // (empty: connected)
    ConnectionItem *wire = nullptr;
    for (QGraphicsItem *item : m_w->scene()->items())
        if (auto *c = dynamic_cast<ConnectionItem *>(item))
            wire = c;
    QVERIFY(wire);
    wire->setSelected(true);
    QCOMPARE(enabled(), QStringList{QStringLiteral("Delete")});
}

void TestFirstHour::pasteStepsAwayFromOriginal()
{
    Document *doc = m_w->document();
    // A box 176 × 104 with 12 units kept clear round a copy: from its first step (40, 40) a
    // copy moves on, down and right a step at a time, until it clears the box: 120 down is
    // 120 ≥ 104 + 12, at the third step (40 and 80 leave it over the box whichever way).
    m_w->newDesign();
    m_w->view()->resetZoom(); // 100 %: the step is 40 scene units
    const QString lone = m_w->scene()->addComponent(sc::Kind::AppServer, QPointF(400, 200));
    const sc::Component original = *doc->component(lone);
    m_w->scene()->selectIds({lone});
    m_w->copy();
    m_w->paste();
    QCOMPARE(doc->design().components.back().position.x, original.position.x + 120);
    QCOMPARE(doc->design().components.back().position.y, original.position.y + 120);
    // More pastes of it, and duplicates: each a whole number of steps away, over no box.
    const auto overNone = [doc](const sc::Component &c) {
        const QRectF r =
            QRectF(c.position.x, c.position.y, ComponentItem::kWidth, ComponentItem::kHeight)
                .adjusted(-12, -12, 12, 12);
        for (const sc::Component &o : doc->design().components)
            if (o.id != c.id && r.intersects(QRectF(o.position.x, o.position.y,
                                                    ComponentItem::kWidth, ComponentItem::kHeight)))
                return false;
        return true;
    };
    for (int n = 2; n <= 5; ++n) {
        n < 4 ? m_w->paste() : m_w->duplicate();
        const sc::Component &pasted = doc->design().components.back();
        QCOMPARE(doc->design().components.size(), size_t(n + 1));
        QVERIFY(overNone(pasted));
        const double dx = pasted.position.x - original.position.x,
                     dy = pasted.position.y - original.position.y;
        QVERIFY2(dx >= 0 && dy >= 0 && std::fmod(dx, 40) == 0 && std::fmod(dy, 40) == 0,
                 qPrintable(QStringLiteral("%1, %2").arg(dx).arg(dy)));
    }
    // Zoomed out to 25 %, a step is still 40 screen pixels (160 scene units): one step clears.
    m_w->view()->setTransform(QTransform::fromScale(0.25, 0.25));
    m_w->scene()->selectIds({lone});
    m_w->copy();
    m_w->paste();
    const sc::Component &far = doc->design().components.back();
    QVERIFY(overNone(far));
    QCOMPARE(std::fmod(far.position.x - original.position.x, 160.0), 0.0);
    QCOMPARE(std::fmod(far.position.y - original.position.y, 160.0), 0.0);
}

// Item 15: the status-bar figures and palette items explain themselves.
void TestFirstHour::figuresHaveTooltips()
{
    for (QLabel *l : m_w->statusLabels())
        QVERIFY2(!l->toolTip().isEmpty(), qPrintable(l->text()));
    for (int i = 0; i < m_w->palette()->count(); ++i)
        QVERIFY(m_w->palette()->item(i)->toolTip().contains(QLatin1String("double-click")));
}

// Item 16: a design opened before the window has its size is fitted once it has, readable.
void TestFirstHour::openedDesignIsFittedReadably()
{
    MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage3-100k"))); // before show, as at first start
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    CanvasView *view = w.view();
    const QRectF r = w.scene()->itemsBoundingRect();
    // Once the window has its size (the refit follows the viewport's resize): the zoom that fits
    // r into the viewport with a 32 px margin, worked out here, never below the readable zoom.
    auto placed = [&]() -> QString {
        const QSize vp = view->viewport()->size();
        const double fit = std::min((vp.width() - 64) / r.width(), (vp.height() - 64) / r.height());
        const double expected = std::max(MainWindow::kReadableZoom, std::min(fit, 1.5));
        if (std::abs(view->zoom() - expected) > 0.02)
            return QStringLiteral("zoom %1, expected %2").arg(view->zoom()).arg(expected);
        const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
        const double margin = 32 / view->zoom(); // scene units
        if (fit >= MainWindow::kReadableZoom)
            return shown.contains(r) ? QString() : QStringLiteral("not all shown");
        // Readable from the left edge (where the requests enter), with the margin.
        if (std::abs(r.left() - shown.left() - margin) > 2)
            return QStringLiteral("left edge at %1, design at %2").arg(shown.left()).arg(r.left());
        if (r.height() + 2 * margin <= shown.height() &&
            std::abs(shown.center().y() - r.center().y()) > 2)
            return QStringLiteral("not centred vertically");
        return {};
    };
    QTRY_VERIFY2(placed().isEmpty(), qPrintable(placed()));
    QVERIFY(view->zoom() >= MainWindow::kReadableZoom);
    // A design too big to fit readably either way: readable, from its top-left corner.
    sc::Design big = w.document()->design();
    for (sc::Component &c : big.components)
        c.position.x *= 6, c.position.y *= 6;
    w.document()->reset(big);
    w.fitDesign();
    QCOMPARE(view->zoom(), MainWindow::kReadableZoom);
    const QRectF bigRect = w.scene()->itemsBoundingRect();
    const QRectF shownBig = view->mapToScene(view->viewport()->rect()).boundingRect();
    const double bigMargin = 32 / MainWindow::kReadableZoom;
    QVERIFY(std::abs(bigRect.left() - shownBig.left() - bigMargin) < 2);
    QVERIFY(std::abs(bigRect.top() - shownBig.top() - bigMargin) < 2);
    w.document()->undoStack()->setClean();
}

// A click on a box (selecting it) leaves the view as it was fitted: the window made bigger
// (maximized) refits the design (QA: it stayed at its zoom in the top-left corner). A pan or a
// zoom keeps the view where the user put it.
void TestFirstHour::clickThenMaximizeStillRefits()
{
    MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage2-10k")));
    w.resize(1100, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    CanvasView *view = w.view();
    QTest::qWait(100); // the fit after the window got its size
    const qreal small = view->zoom();
    const QPoint box = view->mapFromScene(
        w.scene()->componentItem(QStringLiteral("app"))->sceneBoundingRect().center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, box);
    QCOMPARE(w.scene()->selectedIds(), QStringList{QStringLiteral("app")});
    w.resize(1700, 1000);
    QTRY_VERIFY2(view->zoom() > small * 1.1, qPrintable(QString::number(view->zoom())));
    const qreal big = view->zoom();
    // A middle press (a pan) ends it: the next resize keeps the zoom.
    QTest::mousePress(view->viewport(), Qt::MiddleButton, {}, box);
    QTest::mouseRelease(view->viewport(), Qt::MiddleButton, {}, box);
    w.resize(1100, 700);
    QTest::qWait(100);
    QCOMPARE(view->zoom(), big);
    w.document()->undoStack()->setClean();
}

// Stage 4 in a 1280 × 800 window (a laptop, a classroom projector) is shown whole: its right
// column (the read replicas and the primary, where it breaks next) was cut off by ~30 pixels when
// the fit stopped at a zoom of 0.55, though its figures read at the ~0.48 that fits it.
void TestFirstHour::stageFourFitsWholeAt1280()
{
    MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage4-1m")));
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    CanvasView *view = w.view();
    // The canvas of the window maximized on a 1280 × 800 screen, measured under Xvfb: 948 × 460
    // (this platform's docks take other widths, so the window is sized to give that canvas).
    const QSize canvas(948, 460);
    for (int tries = 0; tries < 10 && view->viewport()->size() != canvas; ++tries) {
        QTest::qWait(50); // the docks settle after each resize
        w.resize(w.size() + canvas - view->viewport()->size());
    }
    QTRY_COMPARE(view->viewport()->size(), canvas);
    const QRectF r = w.scene()->itemsBoundingRect();
    // The zoom that fits r with zoomToFit's 32-pixel margin, worked out here from the viewport.
    auto fitted = [&] {
        const QSize vp = view->viewport()->size();
        return std::min((vp.width() - 64) / r.width(), (vp.height() - 64) / r.height());
    };
    QTRY_VERIFY2(std::abs(view->zoom() - std::max(fitted(), MainWindow::kReadableZoom)) < 0.02,
                 qPrintable(QStringLiteral("zoom %1, fit %2").arg(view->zoom()).arg(fitted())));
    QVERIFY2(fitted() < 0.55, qPrintable(QString::number(fitted()))); // as on the screen
    const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY2(shown.contains(r), qPrintable(QStringLiteral("zoom %1").arg(view->zoom())));
}

// Item 17: File ▸ New (asks about unsaved changes), Design Properties (one undo step), title.
void TestFirstHour::newDesignAndProperties()
{
    Document *doc = m_w->document();
    QAction *newAction = menuBarAction(*m_w, QStringLiteral("New"));
    QVERIFY(newAction);
    QCOMPARE(newAction->shortcut(), QKeySequence(QKeySequence::New));
    // An unsaved edit: New asks; Cancel keeps the design.
    const size_t count = doc->design().components.size();
    m_w->scene()->selectIds({QString::fromStdString(doc->design().components[0].id)});
    m_w->duplicate();
    QVERIFY(doc->isModified());
    bool asked = false;
    onNextModal([&asked](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        asked = box != nullptr;
        if (box)
            box->button(QMessageBox::Cancel)->click();
    });
    newAction->trigger();
    QVERIFY(asked);
    QCOMPARE(doc->design().components.size(), count + 1);
    // Discard: a blank, untitled design.
    onNextModal([](QWidget *modal) {
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            box->button(QMessageBox::Discard)->click();
    });
    newAction->trigger();
    QVERIFY(doc->design().components.empty());
    QCOMPARE(QString::fromStdString(doc->design().name), QStringLiteral("Untitled design"));
    QVERIFY(m_w->windowTitle().startsWith(QLatin1String("Untitled design")));
    QVERIFY(!doc->isModified());
    QVERIFY(doc->filePath().isEmpty());

    // Design Properties…: name and description, one undo step.
    QAction *props = menuBarAction(*m_w, QStringLiteral("Design Properties…"));
    QVERIFY(props);
    onNextModal([](QWidget *modal) {
        auto *dlg = qobject_cast<QDialog *>(modal);
        QVERIFY(dlg);
        dlg->findChild<QLineEdit *>(QStringLiteral("designName"))->setText(QStringLiteral("Shop"));
        dlg->findChild<QPlainTextEdit *>(QStringLiteral("designDescription"))
            ->setPlainText(QStringLiteral("One app server; the database breaks next."));
        dlg->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    props->trigger();
    QCOMPARE(QString::fromStdString(doc->design().name), QStringLiteral("Shop"));
    QCOMPARE(QString::fromStdString(doc->design().description),
             QStringLiteral("One app server; the database breaks next."));
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(m_w->windowTitle().startsWith(QLatin1String("Shop")));
    auto *inspectorName = m_w->inspector()->findChild<QLineEdit *>(QStringLiteral("designName"));
    QVERIFY(inspectorName);
    QCOMPARE(inspectorName->text(), QStringLiteral("Shop"));
    doc->undoStack()->undo();
    QCOMPARE(QString::fromStdString(doc->design().name), QStringLiteral("Untitled design"));
    QVERIFY(doc->design().description.empty());
    QVERIFY(m_w->windowTitle().startsWith(QLatin1String("Untitled design")));
    QCOMPARE(inspectorName->text(), QStringLiteral("Untitled design"));
}

// Walk: there was no File ▸ Close. Ctrl+W closes the design: asked about unsaved changes as New
// and Quit ask (Cancel keeps it, Save writes it first), then the empty canvas with its welcome
// card and no file, as after New; a design without changes closes without a question.
void TestFirstHour::closeAsksThenLeavesTheWelcome()
{
    Document *doc = m_w->document();
    QAction *close = menuBarAction(*m_w, QStringLiteral("Close"));
    QVERIFY(close);
    QVERIFY(close->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_W)));
    const QString path = m_tmp.filePath(QStringLiteral("closed.scalecanvas"));
    QVERIFY(m_w->saveTo(path).isEmpty());
    QCOMPARE(doc->filePath(), path);
    const size_t count = doc->design().components.size();
    m_w->scene()->selectIds({QString::fromStdString(doc->design().components[0].id)});
    m_w->duplicate();
    QVERIFY(doc->isModified());
    QString asked;
    onNextModal([&asked](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        asked = box ? box->text() : QStringLiteral("not a message box");
        if (box)
            box->button(QMessageBox::Cancel)->click();
    });
    m_w->activateWindow();
    m_w->view()->setFocus();
    QTest::keyClick(m_w->view(), Qt::Key_W, Qt::ControlModifier);
    QVERIFY2(asked.contains(QStringLiteral("unsaved changes")), qPrintable(asked));
    QCOMPARE(doc->design().components.size(), count + 1);
    QCOMPARE(doc->filePath(), path);
    QVERIFY(!m_w->welcome()->isVisible());
    // Save: the file holds the edit, and the window is left empty.
    onNextModal([](QWidget *modal) {
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            box->button(QMessageBox::Save)->click();
    });
    close->trigger(); // the menu's item, as the keys above
    QVERIFY(doc->design().components.empty());
    QVERIFY(doc->filePath().isEmpty());
    QVERIFY(!doc->isModified());
    QVERIFY(m_w->welcome()->isVisible());
    QVERIFY(m_w->windowTitle().startsWith(QLatin1String("Untitled design")));
    QVERIFY(m_w->isVisible()); // the window stays, as after New
    QCOMPARE(m_w->openFile(path), QString());
    QCOMPARE(doc->design().components.size(), count + 1);
    // Unchanged: closed without a question (one would be cancelled, and the design kept).
    QString unexpected;
    QTimer guard;
    connect(&guard, &QTimer::timeout, this, [&unexpected] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            unexpected = box->text();
            box->button(QMessageBox::Cancel)->click();
        }
    });
    guard.start(20);
    close->trigger();
    guard.stop();
    QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected));
    QVERIFY(doc->design().components.empty());
    QVERIFY(m_w->welcome()->isVisible());
}

// An empty design has no clients, and `evaluate` says so (NO_CLIENTS, an error). The editor's
// blank canvas says it with its "Start a design" card, not with a red "1 error" on a design just
// begun; a note alone is a design begun, which the card no longer covers: the error is there.
void TestFirstHour::blankCanvasOpensWithoutAnError()
{
    Document *doc = m_w->document();
    doc->undoStack()->setClean();
    m_w->newDesign();
    QVERIFY(doc->design().components.empty());
    QVERIFY(m_w->welcome()->isVisible());
    QVERIFY(sctest::hasWarning(doc->evaluation(), "NO_CLIENTS", "")); // the core's figure
    QCOMPARE(m_w->warningsList()->count(), 0);
    QCOMPARE(m_w->warningsDock()->windowTitle(), QStringLiteral("Warnings"));
    sc::Note note;
    note.id = "n1";
    note.text = "plan";
    doc->undoStack()->push(new ChangeNotes(doc, {note}, QStringLiteral("Add Note")));
    QVERIFY(!m_w->welcome()->isVisible());
    QTRY_COMPARE(m_w->warningsList()->count(), 1);
    QVERIFY(m_w->warningsList()->item(0)->text().contains(QLatin1String("no clients")));
    QCOMPARE(m_w->warningsDock()->windowTitle(), QStringLiteral("Warnings — 1 error"));
}

// Done when: a small design from scratch with the palette and wires, renamed, saved, reopened.
void TestFirstHour::buildFromScratchSaveReopen()
{
    onNextModal([](QWidget *modal) { // nothing is unsaved, but never hang on a question
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            box->button(QMessageBox::Discard)->click();
    });
    menuBarAction(*m_w, QStringLiteral("New"))->trigger();
    Document *doc = m_w->document();
    QVERIFY(doc->design().components.empty());
    CanvasView *view = m_w->view();
    Palette *palette = m_w->palette();

    // Clients by a double-click (at the view's centre), an app server by a drop to its right.
    doubleClick(palette, paletteItem(palette, sc::Kind::Clients));
    QCOMPARE(doc->design().components.size(), size_t(1));
    const QString clientsId = QString::fromStdString(doc->design().components[0].id);

    auto mime = std::make_unique<QMimeData>();
    mime->setData(kKindMimeType, QByteArrayLiteral("appServer"));
    const QPointF clientsCentre =
        m_w->scene()->componentItem(clientsId)->sceneBoundingRect().center();
    const QPoint dropAt = view->mapFromScene(clientsCentre + QPointF(300, 0));
    QDragEnterEvent enter(dropAt, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(dropAt, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    QDropEvent drop(QPointF(dropAt), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
    QCOMPARE(doc->design().components.size(), size_t(2));
    const QString appId = QString::fromStdString(doc->design().components[1].id);
    QCOMPARE(doc->design().components[1].kind, sc::Kind::AppServer);

    // The database: Enter on the palette puts it at the view's centre; move the view first so it
    // lands to the right of the app server.
    view->centerOn(clientsCentre + QPointF(600, 0));
    QListWidgetItem *database = paletteItem(palette, sc::Kind::Database);
    palette->setCurrentItem(database);
    palette->setFocus();
    QTest::keyClick(palette, Qt::Key_Return);
    QCOMPARE(doc->design().components.size(), size_t(3));
    const QString dbId = QString::fromStdString(doc->design().components[2].id);
    QCOMPARE(doc->design().components[2].kind, sc::Kind::Database);

    // Wires: real port drags on the view.
    m_w->fitDesign();
    ComponentItem *c = m_w->scene()->componentItem(clientsId);
    ComponentItem *a = m_w->scene()->componentItem(appId);
    ComponentItem *d = m_w->scene()->componentItem(dbId);
    for (ComponentItem *item : {c, a, d})
        QVERIFY(view->viewport()->rect().contains(
            view->mapFromScene(item->sceneBoundingRect().center())));
    drag(view, portCentre(c), bodyCentre(a));
    drag(view, portCentre(a), bodyCentre(d));
    QCOMPARE(doc->design().connections.size(), size_t(2));
    QVERIFY(doc->connection({clientsId, appId}));
    QVERIFY(doc->connection({appId, dbId}));
    QVERIFY(doc->modelOk());

    // Rename in the inspector (nothing selected: the design's page), its tab brought forward
    // as a user clicks it (behind the palette its fields take no keys).
    m_w->scene()->selectIds({});
    m_w->findChild<QDockWidget *>(QStringLiteral("inspector"))->raise();
    QTRY_VERIFY(m_w->inspector()->isEnabled());
    QTRY_VERIFY(m_w->inspector()->findChild<QLineEdit *>(QStringLiteral("designName")));
    auto *name = m_w->inspector()->findChild<QLineEdit *>(QStringLiteral("designName"));
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Photo app"));
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(QString::fromStdString(doc->design().name), QStringLiteral("Photo app"));
    QVERIFY(m_w->windowTitle().startsWith(QLatin1String("Photo app")));

    const QString path = m_tmp.filePath(QStringLiteral("photo.scalecanvas"));
    QCOMPARE(m_w->saveTo(path), QString());
    QVERIFY(!doc->isModified());
    QVERIFY(m_w->windowTitle().startsWith(QStringLiteral("Photo app — photo.scalecanvas")));

    // A fresh window opens it.
    MainWindow fresh;
    fresh.show();
    QCOMPARE(fresh.openFile(path), QString());
    const sc::Design &back = fresh.document()->design();
    QCOMPARE(QString::fromStdString(back.name), QStringLiteral("Photo app"));
    QVERIFY(fresh.windowTitle().startsWith(QStringLiteral("Photo app — photo.scalecanvas")));
    QCOMPARE(back.components.size(), size_t(3));
    QCOMPARE(back.components[0].kind, sc::Kind::Clients);
    QCOMPARE(back.components[1].kind, sc::Kind::AppServer);
    QCOMPARE(back.components[2].kind, sc::Kind::Database);
    QCOMPARE(back.connections.size(), size_t(2));
    QVERIFY(fresh.document()->connection({clientsId, appId}));
    QVERIFY(fresh.document()->connection({appId, dbId}));
    QVERIFY(fresh.scene()->componentItem(dbId));
    QCOMPARE(fresh.scene()->connectionItems().size(), qsizetype(2));
}

// A blank canvas is not left bare: a card over its middle names the first actions (a template,
// the scaling-ladder lesson, a file, the palette and the ports), shown while the design has no
// component and gone once it has one (back on undo), never over a design or while presenting.
// Its lesson button opens the ladder and presents it.
void TestFirstHour::emptyCanvasWelcomes()
{
    Document *doc = m_w->document();
    WelcomeOverlay *welcome = m_w->welcome();
    QVERIFY(welcome);
    QVERIFY(!welcome->isVisible()); // stage 3 is open
    m_w->newDesign();
    QVERIFY(doc->design().components.empty());
    QVERIFY(welcome->isVisible());
    for (const char *name : {"welcomeTemplate", "welcomeLesson", "welcomeOpen"})
        QVERIFY2(welcome->findChild<QPushButton *>(QString::fromLatin1(name)), name);
    auto *hint = welcome->findChild<QLabel *>(QStringLiteral("welcomeHint"));
    QVERIFY(hint && hint->text().contains(QStringLiteral("palette")));
    // Whole, and in the middle of the canvas, at the sizes of a laptop and a projector.
    for (const QSize size : {QSize(1280, 800), QSize(1920, 1080), QSize(1400, 900)}) {
        m_w->resize(size);
        QCoreApplication::processEvents();
        const QRect vp = m_w->view()->viewport()->geometry();
        QVERIFY2(vp.contains(welcome->geometry()),
                 qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
        QVERIFY(welcome->width() >= welcome->sizeHint().width());
        QVERIFY((welcome->geometry().center() - vp.center()).manhattanLength() <= 2);
    }
    m_w->addComponentAtCentre(sc::Kind::AppServer);
    QVERIFY(!welcome->isVisible());
    doc->undoStack()->undo();
    QVERIFY(welcome->isVisible());
    doc->undoStack()->redo();
    QVERIFY(!welcome->isVisible());
    doc->undoStack()->undo();
    QVERIFY(welcome->isVisible());
    // A region or a note alone is a design begun: no card over it (QA: every box of stage 5
    // deleted, the card sat over its two regions).
    m_w->scene()->addGroup("region", {}, QPointF(0, 0));
    QVERIFY(!welcome->isVisible());
    doc->undoStack()->undo();
    QVERIFY(welcome->isVisible());
    m_w->scene()->addNote(sc::Note::Kind::Sticky, QPointF(0, 0), QStringLiteral("idea"));
    QVERIFY(!welcome->isVisible());
    doc->undoStack()->undo();
    QVERIFY(welcome->isVisible());

    welcome->findChild<QPushButton *>(QStringLiteral("welcomeLesson"))->click();
    QVERIFY(!doc->design().lesson.steps.empty());
    QVERIFY(m_w->presentation()->active());
    QVERIFY(!welcome->isVisible());
    m_w->presentation()->leave();
    QVERIFY(!welcome->isVisible()); // the lesson's design is on the canvas
    m_w->newDesign();
    QVERIFY(welcome->isVisible());
    m_w->presentation()->enter(); // presenting an empty design: the projector shows no card
    QVERIFY(!welcome->isVisible());
    m_w->presentation()->leave();
    QVERIFY(welcome->isVisible());
}

// Opening a design fits the view once, when its figures are in (it fitted twice: at the
// reset, before the figures, and again after), whichever way it opens: a file, a template,
// File ▸ New, a variant shown; and the view is then as a fit leaves it.
void TestFirstHour::openingFitsOnce()
{
    QSignalSpy fits(m_w.get(), &MainWindow::designFitted);
    Document *doc = m_w->document();
    const QString path = m_tmp.filePath(QStringLiteral("fit-once.scalecanvas"));
    QVERIFY(m_w->openTemplate(QStringLiteral("case-europe-cdn"))); // a card under the clients
    QVERIFY(m_w->saveTo(path).isEmpty());
    const auto once = [&](const char *what, const std::function<void()> &open) {
        fits.clear();
        open();
        QVERIFY2(fits.count() == 1,
                 qPrintable(QStringLiteral("%1: %2 fits").arg(what).arg(fits.count())));
    };
    once("file", [&] { QVERIFY(m_w->openFile(path).isEmpty()); });
    const QTransform fitted = m_w->view()->transform();
    const QPointF centre = m_w->view()->mapToScene(m_w->view()->viewport()->rect().center());
    m_w->fitDesign();
    QCOMPARE(m_w->view()->transform(), fitted);
    QVERIFY(
        QLineF(centre, m_w->view()->mapToScene(m_w->view()->viewport()->rect().center())).length() <
        2);
    once("template", [&] { QVERIFY(m_w->openTemplate(QStringLiteral("compare-cache"))); });
    once("variant", [&] { QVERIFY(doc->showVariant(QStringLiteral("with-cache"))); });
    once("new", [&] { m_w->newDesign(); });
    QCOMPARE(m_w->view()->zoom(), 1.0); // nothing to fit: actual size, not stage 3's zoom
    // An edit is no new design: the view stays.
    fits.clear();
    m_w->addComponentAtCentre(sc::Kind::AppServer);
    QCOMPARE(fits.count(), 0);
}

// New from Template: in sections, the growth path first and in its order (QA: in file order
// the stages came after the cases and comparisons); every built-in design once; the headings
// cannot be chosen; stage 3 chosen at first.
void TestFirstHour::templateGalleryInSections()
{
    TemplateGallery gallery;
    auto *list = gallery.findChild<QListWidget *>();
    QVERIFY(list);
    QStringList names, headings;
    for (int i = 0; i < list->count(); ++i) {
        const QString name = list->item(i)->data(Qt::UserRole).toString();
        if (name.isEmpty()) {
            QCOMPARE(list->item(i)->flags(), Qt::NoItemFlags);
            headings << list->item(i)->text();
        } else {
            names << name;
        }
    }
    QCOMPARE(size_t(names.size()), sc::builtinTemplates().size());
    QCOMPARE(names.mid(0, 5),
             (QStringList{"stage1-1k", "stage2-10k", "stage3-100k", "stage4-1m", "stage5-10m"}));
    QVERIFY(list->item(0)->data(Qt::UserRole).toString().isEmpty()); // a heading first
    QCOMPARE(headings.size(), 4); // stages, cases, comparisons, lessons
    QCOMPARE(gallery.selectedName(), QStringLiteral("stage3-100k"));
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == "compare-1m-bill")
            QCOMPARE(list->item(i)->text().trimmed(), QStringLiteral("Unoptimized vs optimized"));
}

// A double-click on a row creates that row's design: at the dialog's size every row is in view,
// and in a list too short for them the first click, on the row cut at its bottom edge, moves no
// row (QA: the description below, shorter, made the list taller, which scrolled it a row; the
// second click landed on the row before, and nothing was created).
void TestFirstHour::templateGalleryDoubleClickPicksTheRow()
{
    {
        TemplateGallery gallery;
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        auto *list = gallery.findChild<QListWidget *>();
        QVERIFY(list);
        for (int i = 0; i < list->count(); ++i)
            QVERIFY2(list->viewport()->rect().contains(list->visualItemRect(list->item(i))),
                     qPrintable(list->item(i)->text()));
    }
    TemplateGallery gallery;
    gallery.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gallery));
    gallery.resize(gallery.width(), 320);
    QCoreApplication::processEvents();
    auto *list = gallery.findChild<QListWidget *>();
    QVERIFY(list);
    QVERIFY(list->verticalScrollBar()->maximum() > 0);
    // A design's row cut by the list's bottom edge, its top part in view, whose description is
    // much shorter than that of stage 3, chosen at first.
    const int bottom = list->viewport()->height();
    const qsizetype before = list->currentItem()->data(Qt::UserRole + 1).toString().size();
    QListWidgetItem *cut = nullptr;
    for (int step = 0; step <= list->verticalScrollBar()->maximum() && !cut; ++step) {
        list->verticalScrollBar()->setValue(step);
        for (int i = 0; i < list->count() && !cut; ++i) {
            const QRect r = list->visualItemRect(list->item(i));
            if (r.top() < bottom - 4 && r.bottom() >= bottom &&
                !list->item(i)->data(Qt::UserRole).toString().isEmpty() &&
                list->item(i)->data(Qt::UserRole + 1).toString().size() < before / 2)
                cut = list->item(i);
        }
    }
    QVERIFY(cut);
    const QString name = cut->data(Qt::UserRole).toString();
    const QRect r = list->visualItemRect(cut);
    // A click, then the second press that is the double-click (QTest's alone is that press). The
    // first shows the row's description: the list keeps its height and its rows where they were.
    const int height = list->height();
    const QPoint at(r.center().x(), r.top() + 2);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(list->height(), height);
    QCOMPARE(list->itemAt(at), cut);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(gallery.result(), int(QDialog::Accepted));
    QCOMPARE(gallery.selectedName(), name);
}

// Escape on the canvas clears the selection, and Edit → Find Component (Ctrl+F) selects a box
// by a part of its name or id and brings it into view, as diagram editors have them (QA: Esc
// did nothing, and no box could be found by name in a design of hundreds).
void TestFirstHour::escapeClearsAndFindSelects()
{
    CanvasView *view = m_w->view();
    m_w->scene()->selectIds({QStringLiteral("db")});
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{QStringLiteral("db")});
    view->setFocus();
    QTest::keyClick(view->viewport(), Qt::Key_Escape);
    QVERIFY(m_w->scene()->selectedIds().isEmpty());

    auto *find = m_w->findChild<QAction *>(QStringLiteral("findComponentAction"));
    QVERIFY(find);
    QCOMPARE(find->shortcut(), QKeySequence(QKeySequence::Find));
    view->resetZoom();
    view->centerOn(QPointF(-5000, -5000)); // far from every box
    find->trigger();
    auto *dialog = m_w->findChild<QDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    auto *field = dialog->findChild<QLineEdit *>();
    QVERIFY(field);
    field->setText(QStringLiteral("nowhere at all"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    buttons->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog->isVisible());              // nothing found: it says so and stays
    field->setText(QStringLiteral("REPLICA")); // a part of "Read replicas (replicas)"
    buttons->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{QStringLiteral("replicas")});
    ComponentItem *box = m_w->scene()->componentItem(QStringLiteral("replicas"));
    QVERIFY(
        view->viewport()->rect().contains(view->mapFromScene(box->sceneBoundingRect().center())));

    // Typed, with the completer's list open and nothing highlighted in it: one Return finds (the
    // first only closed the list; QA). "prim" is in "Primary" alone.
    m_w->scene()->selectIds({});
    const QPointer<QDialog> closed = dialog;
    QTRY_VERIFY(!closed); // closed on finding, then deleted
    QApplication::setActiveWindow(m_w.get());
    QTest::mouseClick(m_w->usersField(), Qt::LeftButton); // another widget has the focus
    QTRY_VERIFY(m_w->usersField()->hasFocus());
    find->trigger();
    dialog = m_w->findChild<QDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    field = dialog->findChild<QLineEdit *>();
    QTest::keyClicks(field, QStringLiteral("prim"));
    QAbstractItemView *list = field->completer()->popup();
    QTRY_VERIFY(list->isVisible());
    QVERIFY(!list->currentIndex().isValid());
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(m_w->scene()->selectedIds(), QStringList{QStringLiteral("db")});
    QVERIFY(!dialog->isVisible());
    // The keys go to the canvas, where the box found is, whichever widget had the focus before
    // (QA: Esc, the arrows and the Menu key acted on the Variant box).
    QTRY_VERIFY(view->hasFocus());
}

// A connection's inspector says what it carries at the viewed users, and says it again when
// they change (QA: it kept the figure of the users it was selected at). stage3-100k's ALB →
// app servers carries every dynamic request, in proportion to the users below the walls.
void TestFirstHour::edgeFlowFollowsTheUsers()
{
    Document *doc = m_w->document();
    const ConnectionKey key{QStringLiteral("lb"), QStringLiteral("app")};
    ConnectionItem *edge = m_w->scene()->connectionItem(key);
    QVERIFY(edge);
    m_w->scene()->clearSelection();
    edge->setSelected(true);
    QLabel *flow = nullptr;
    QTRY_VERIFY((flow = m_w->inspector()->findChild<QLabel *>(QStringLiteral("edgeFlow"))));
    const double at100k = doc->edgeFlow(key);
    QVERIFY(at100k > 0);
    QCOMPARE(flow->text(), QStringLiteral("Carries %1 at the peak").arg(formatRps(at100k)));
    doc->setUsers(doc->users() * 10);
    QVERIFY(std::abs(doc->edgeFlow(key) - 10 * at100k) <= 1e-9 * at100k);
    QCOMPARE(flow->text(), QStringLiteral("Carries %1 at the peak").arg(formatRps(10 * at100k)));
}

// Tab onto the canvas shows where the keys go: a frame in the highlight colour round the
// viewport (QA: nothing on screen changed), gone once the mouse is used there; the viewport is
// no Tab stop of its own (it passes its focus to the view: a stop where nothing changed).
void TestFirstHour::keyboardFocusIsShown()
{
    CanvasView *view = m_w->view();
    QApplication::setActiveWindow(m_w.get());
    QVERIFY(!(view->viewport()->focusPolicy() & Qt::TabFocus));
    const QColor highlight = view->palette().color(QPalette::Highlight);
    const auto framed = [view, highlight] {
        const QImage shot = view->viewport()->grab().toImage();
        const QPoint corner(1, shot.height() / 2); // the left edge, away from the legend
        return shot.pixelColor(corner) == highlight;
    };
    QTest::mouseClick(m_w->usersField(), Qt::LeftButton);
    QTRY_VERIFY(m_w->usersField()->hasFocus());
    QVERIFY(!framed());
    view->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(view->hasFocus());
    QTRY_VERIFY(framed());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(5, 5));
    QTRY_VERIFY(!framed());
    QVERIFY(view->hasFocus());
}

QTEST_MAIN(TestFirstHour)
#include "tst_firsthour.moc"
