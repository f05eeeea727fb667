// Place in the GUI (issue 15, item 5), through the real widgets offscreen: regions and zones
// created round a selection, moved, resized, renamed and deleted on the canvas, components that
// join a group when dropped in it and leave it when dragged out — each one undo step that undo
// takes back byte for byte.
//
// The expected rectangles are worked out here from the rule the canvas states: the selected
// boxes' bounds, a margin of two grid steps (40) round them and the title strip (26) above,
// then outwards to the 20-pixel grid.

#include "tests/common/canvasmouse.h"
#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/groupitem.h"
#include "ui/canvas/populationsitem.h"
#include "ui/commands/componentcommands.h"
#include "ui/commands/groupcommands.h"
#include "ui/document.h"
#include "ui/inspector/inspector.h"
#include "ui/mainwindow/designproperties.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/numberformat.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGraphicsTextItem>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyleOptionGraphicsItem>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

#include <cmath>
#include <functional>
#include <memory>

using namespace scui;

namespace {

using sctest::drag;
using sctest::mouse;

QAction *menuAction(MainWindow &w, const QString &text)
{
    for (QAction *a : w.findChildren<QAction *>())
        if (QString(a->text()).remove(QLatin1Char('&')) == text)
            return a;
    return nullptr;
}

// Runs `act` when the next modal dialog of the application is up.
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

// Row `row` of the populations table: name, share in percent, place.
void setPopulation(QTableWidget *table, int row, const QString &name, double percent,
                   const QString &place)
{
    table->item(row, 0)->setText(name);
    static_cast<QDoubleSpinBox *>(table->cellWidget(row, 1))->setValue(percent);
    static_cast<QComboBox *>(table->cellWidget(row, 2))->setEditText(place);
}

QRectF rectOf(const sc::Group &g)
{
    return {g.x, g.y, g.width, g.height};
}

std::vector<std::string> membersOf(const Document *doc, const QString &id)
{
    const sc::Group *g = doc->group(id);
    return g ? g->members : std::vector<std::string>{};
}

} // namespace

class TestGeography : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void titleSaysTheKindOnce();

    void regionAroundSelection();
    void regionKeepsClearOfOtherBoxes();
    void zoneFromContextMenuBelongsToRegion();
    void dragOutOfZoneLeavesIt();
    void dropIntoZoneJoinsIt();
    void groupDragMovesItsBoxes();
    void zoneFollowsItsRegionOnCanvas();
    void resizeByHandle();
    void renameInInspector();
    void renameInPlaceKeepsTheKindWord();
    void deleteGroupAndMember();
    void populationsMustSumTo100();
    void populationsCardKeepsOffTheBoxes();
    void populationsCardTextSizeIsTheDevices();
    void regionTitledByItsPlaceFollowsIt();
    void networkConstantsInProperties();

private:
    QString zoneAroundApp();

    std::unique_ptr<MainWindow> m_w;
};

void TestGeography::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_geography"));
}

void TestGeography::init()
{
    m_w = std::make_unique<MainWindow>();
    m_w->resize(1400, 900);
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
    // stage3-100k: lb at (480, 260), app at (720, 260), boxes 176 × 104; no groups.
    QVERIFY(m_w->openTemplate(QStringLiteral("stage3-100k")));
    QVERIFY(m_w->document()->design().groups.empty());
    m_w->view()->resetZoom();
    QCoreApplication::processEvents();
}

void TestGeography::cleanup()
{
    m_w->document()->undoStack()->setClean();
    m_w.reset();
}

// A zone round the app server alone: (720 − 40, 260 − 40 − 26 = 194 → 180) to
// (896 + 40 = 936 → 940, 364 + 40 = 404 → 420).
QString TestGeography::zoneAroundApp()
{
    m_w->scene()->selectIds({QStringLiteral("app")});
    QAction *zone = menuAction(*m_w, QStringLiteral("New Zone Around Selection"));
    if (!zone)
        return {};
    zone->trigger();
    return m_w->scene()->selectedGroup();
}

void TestGeography::regionAroundSelection()
{
    Document *doc = m_w->document();
    const std::string before = doc->serialized();
    const int steps = doc->undoStack()->count();
    const int builds = doc->modelBuilds();
    m_w->scene()->selectIds({QStringLiteral("lb"), QStringLiteral("app")});
    QAction *region = menuAction(*m_w, QStringLiteral("New Region Around Selection"));
    QVERIFY(region);
    region->trigger();

    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(doc->modelBuilds(), builds + 1); // members are read by the model: one rebuild
    QCOMPARE(int(doc->design().groups.size()), 1);
    const sc::Group g = doc->design().groups.front();
    QCOMPARE(g.kind, std::string("region"));
    QCOMPARE(g.members, (std::vector<std::string>{"lb", "app"}));
    // Numbered: its title read "Region region" (the id as label).
    QCOMPARE(g.label, std::string("1"));
    QCOMPARE(m_w->scene()->groupItem(QString::fromStdString(g.id))->title(),
             QStringLiteral("Region 1"));
    // (480 − 40, 260 − 66 = 194 → 180) to (896 + 40 = 936 → 940, 404 → 420).
    QCOMPARE(rectOf(g), QRectF(440, 180, 500, 240));
    // Selected, drawn behind the boxes, and shown by the inspector.
    const QString id = QString::fromStdString(g.id);
    QCOMPARE(m_w->scene()->selectedGroup(), id);
    GroupItem *item = m_w->scene()->groupItem(id);
    QVERIFY(item);
    QVERIFY(item->zValue() < m_w->scene()->componentItem(QStringLiteral("app"))->zValue());
    QCOMPARE(m_w->inspector()->currentGroup(), id);
    auto *members = m_w->inspector()->findChild<QLabel *>(QStringLiteral("groupMembers"));
    QVERIFY(members);
    QVERIFY(members->text().contains(QStringLiteral("“LB”")) ||
            members->text().contains(doc->componentName(QStringLiteral("lb")).toHtmlEscaped()));
    QVERIFY(m_w->inspector()->findChild<QComboBox *>(QStringLiteral("groupPlace")));

    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), before);
    QVERIFY(!m_w->scene()->groupItem(id));
    doc->undoStack()->redo();
    QCOMPARE(doc->design().groups.front(), g);
}

// A region drawn round a selection keeps clear of the boxes that are not in it: four boxes in a
// row and a fifth 20 px below them (inside the 40 px margin), the region round the four ends
// above the fifth, still round the four and their title (QA: it covered the fifth's top third,
// which read as a member and was not one).
void TestGeography::regionKeepsClearOfOtherBoxes()
{
    m_w->newDesign();
    CanvasScene *scene = m_w->scene();
    QStringList row;
    for (int i = 0; i < 4; ++i)
        row << scene->addComponent(sc::Kind::AppServer,
                                   QPointF(i * (ComponentItem::kWidth + 40) + 100, 200));
    const QString below =
        scene->addComponent(sc::Kind::AppServer, QPointF(100, 200 + ComponentItem::kHeight + 20));
    const QRectF under = scene->componentItem(below)->boxRect();
    QRectF four;
    for (const QString &id : row)
        four |= scene->componentItem(id)->boxRect();
    QVERIFY(under.top() - four.bottom() < 40); // inside the margin a region takes
    const QString id = scene->addGroup("region", row, {});
    const sc::Group *g = m_w->document()->group(id);
    QVERIFY(g);
    QCOMPARE(g->members.size(), size_t(4));
    const QRectF drawn(g->x, g->y, g->width, g->height);
    QVERIFY2(!drawn.intersects(under),
             qPrintable(QDebug::toString(drawn) + " " + QDebug::toString(under)));
    QVERIFY(drawn.contains(four.adjusted(0, -GroupItem::kTitleHeight, 0, 0)));
}

void TestGeography::zoneFromContextMenuBelongsToRegion()
{
    Document *doc = m_w->document();
    m_w->scene()->selectIds({QStringLiteral("lb"), QStringLiteral("app")});
    const QString region = m_w->scene()->addGroup("region", m_w->scene()->selectedIds(), {});
    // The context menu on a box offers a zone round the selection (the box under the pointer).
    ComponentItem *app = m_w->scene()->componentItem(QStringLiteral("app"));
    QMenu *menu = m_w->contextMenuAt(
        m_w->view()->mapFromScene(app->mapToScene(QPointF(ComponentItem::kWidth / 2, 80))));
    QAction *zone = nullptr;
    for (QAction *a : menu->actions())
        if (QString(a->text()).remove(QLatin1Char('&')) ==
            QLatin1String("New Zone Around Selection"))
            zone = a;
    QVERIFY(zone);
    zone->trigger();
    delete menu;
    const QString id = m_w->scene()->selectedGroup();
    const sc::Group *g = doc->group(id);
    QVERIFY(g);
    QCOMPARE(g->kind, std::string("zone"));
    QCOMPARE(g->members, std::vector<std::string>{"app"});
    QCOMPARE(QString::fromStdString(g->region), region); // drawn inside the region
    auto *owner = m_w->inspector()->findChild<QComboBox *>(QStringLiteral("groupRegion"));
    QVERIFY(owner);
    QCOMPARE(owner->currentData().toString(), region);
}

void TestGeography::dragOutOfZoneLeavesIt()
{
    Document *doc = m_w->document();
    const QString zone = zoneAroundApp();
    QCOMPARE(rectOf(*doc->group(zone)), QRectF(680, 180, 260, 240));
    QCOMPARE(membersOf(doc, zone), std::vector<std::string>{"app"});
    const std::string before = doc->serialized();
    const int steps = doc->undoStack()->count();

    // Down by 300: the app's centre (808, 612) is below the zone's bottom (420).
    m_w->scene()->selectIds({QStringLiteral("app")});
    const QPointF grab(800, 340);
    drag(m_w->view(), grab, grab + QPointF(0, 300));
    QCOMPARE(doc->component(QStringLiteral("app"))->position, (sc::Point{720, 560}));
    QVERIFY(membersOf(doc, zone).empty());
    QCOMPARE(doc->undoStack()->count(), steps + 1); // the move and the membership: one step
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), before);
    QCOMPARE(membersOf(doc, zone), std::vector<std::string>{"app"});
}

void TestGeography::dropIntoZoneJoinsIt()
{
    Document *doc = m_w->document();
    const QString zone = zoneAroundApp();
    const std::string before = doc->serialized();
    const int steps = doc->undoStack()->count();
    // The cache at (960, 120), centre (1048, 172), dropped 300 left and 100 down: centre
    // (748, 272), inside the zone (680..940, 180..420).
    m_w->scene()->selectIds({QStringLiteral("cache")});
    const QPointF grab(1040, 200);
    drag(m_w->view(), grab, grab + QPointF(-300, 100));
    QCOMPARE(doc->component(QStringLiteral("cache"))->position, (sc::Point{660, 220}));
    QCOMPARE(membersOf(doc, zone), (std::vector<std::string>{"app", "cache"}));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), before);
}

void TestGeography::groupDragMovesItsBoxes()
{
    Document *doc = m_w->document();
    const QString zone = zoneAroundApp();
    const std::string before = doc->serialized();
    const int steps = doc->undoStack()->count();
    const int builds = doc->modelBuilds();
    // By its title strip (y 180..206), right by 100 and down by 200.
    drag(m_w->view(), QPointF(700, 190), QPointF(800, 390));
    QCOMPARE(rectOf(*doc->group(zone)), QRectF(780, 380, 260, 240));
    QCOMPARE(doc->component(QStringLiteral("app"))->position, (sc::Point{820, 460}));
    QCOMPARE(membersOf(doc, zone), std::vector<std::string>{"app"});
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(doc->modelBuilds(), builds); // positions only: no new figures
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), before);
}

// A zone lies in the region whose rectangle holds its centre: a region resized over it takes it
// in (and the boxes it covers), resized away lets it go; a zone dragged out of a region leaves
// it. Each in the step of the gesture.
void TestGeography::zoneFollowsItsRegionOnCanvas()
{
    Document *doc = m_w->document();
    m_w->scene()->selectIds({QStringLiteral("lb")});
    const QString region = m_w->scene()->addGroup("region", m_w->scene()->selectedIds(), {});
    const QRectF r = rectOf(*doc->group(region)); // (440, 180, 260, 240)
    const QString zone = zoneAroundApp();         // (680, 180, 260, 240): centre (810, 300)
    QVERIFY(!r.contains(QPointF(810, 300)));
    QCOMPARE(doc->group(zone)->region, std::string());
    const std::string before = doc->serialized();
    // The region's right edge to 1000: it covers the zone's centre and the app's (808, 312).
    m_w->scene()->resizeGroup(region, QRectF(r.topLeft(), QPointF(1000, r.bottom())));
    QCOMPARE(QString::fromStdString(doc->group(zone)->region), region);
    QCOMPARE(membersOf(doc, region), (std::vector<std::string>{"lb", "app"}));
    const std::string inside = doc->serialized();
    // The zone dragged down by 300 by its title strip (drawn over the region's): centre
    // (810, 600), below the region.
    drag(m_w->view(), QPointF(900, 190), QPointF(900, 490));
    QCOMPARE(rectOf(*doc->group(zone)), QRectF(680, 480, 260, 240));
    QCOMPARE(doc->group(zone)->region, std::string());
    QCOMPARE(membersOf(doc, region), std::vector<std::string>{"lb"});
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), inside);
    // The region back to its width: the zone is no longer in it.
    m_w->scene()->resizeGroup(region, r);
    QCOMPARE(doc->group(zone)->region, std::string());
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), before);
}

void TestGeography::resizeByHandle()
{
    Document *doc = m_w->document();
    const QString zone = zoneAroundApp();
    QCOMPARE(m_w->scene()->selectedGroup(), zone);
    const std::string before = doc->serialized();
    const int steps = doc->undoStack()->count();
    // The bottom-right corner (940, 420) dragged left to 800: the app's centre (808, 312) is
    // no longer covered, so it leaves.
    drag(m_w->view(), QPointF(940, 420), QPointF(800, 420));
    QCOMPARE(rectOf(*doc->group(zone)), QRectF(680, 180, 120, 240));
    QVERIFY(membersOf(doc, zone).empty());
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    // No smaller than the least size (120 × 80), however far the corner goes.
    drag(m_w->view(), QPointF(800, 420), QPointF(500, 100));
    QCOMPARE(rectOf(*doc->group(zone)), QRectF(680, 180, 120, 80));
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), before);
}

void TestGeography::renameInInspector()
{
    Document *doc = m_w->document();
    const QString zone = zoneAroundApp();
    auto *label = m_w->inspector()->findChild<QLineEdit *>(QStringLiteral("groupLabel"));
    QVERIFY(label);
    const int steps = doc->undoStack()->count();
    label->setText(QStringLiteral("  us-east-1a "));
    emit label->editingFinished();
    QCOMPARE(doc->group(zone)->label, std::string("us-east-1a"));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QTRY_VERIFY(m_w->scene()->groupItem(zone)->title().contains(QStringLiteral("us-east-1a")));
    // An empty label is refused with a message; nothing changes.
    label = m_w->inspector()->findChild<QLineEdit *>(QStringLiteral("groupLabel"));
    QTRY_VERIFY(label);
    label->setText(QStringLiteral("   "));
    emit label->editingFinished();
    QCOMPARE(doc->group(zone)->label, std::string("us-east-1a"));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QVERIFY(m_w->inspector()->message().contains(QStringLiteral("cannot be empty")));
    // Typed and Return: renamed, and the focus stays in the label, as in a number field (the
    // page made anew for the renamed group sent it to the canvas; QA).
    m_w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_w.get()));
    label = qobject_cast<QLineEdit *>(m_w->inspector()->editor(QStringLiteral("groupLabel")));
    QVERIFY(label);
    label->setFocus();
    QTRY_VERIFY(label->hasFocus());
    label->selectAll();
    QTest::keyClicks(label, QStringLiteral("edge"));
    QTest::keyClick(label, Qt::Key_Return);
    QCOMPARE(doc->group(zone)->label, std::string("edge"));
    QTRY_VERIFY(m_w->inspector()->editor(QStringLiteral("groupLabel")) != label); // made anew
    QWidget *again = m_w->inspector()->editor(QStringLiteral("groupLabel"));
    QVERIFY(again);
    QTRY_VERIFY(again->hasFocus());
}

// Renamed in place (double-click on its title), a zone's editor holds its label and sits after
// the title's "Zone ", which stays in view: it covered the whole title showing "1" for
// "Zone 1", and "Zone a" typed there made "Zone Zone a" (QA).
void TestGeography::renameInPlaceKeepsTheKindWord()
{
    const QString zone = zoneAroundApp();
    GroupItem *item = m_w->scene()->groupItem(zone);
    QVERIFY(item);
    m_w->scene()->editGroupLabel(zone);
    QGraphicsTextItem *editor = nullptr;
    for (QGraphicsItem *i : m_w->scene()->items())
        if (auto *t = dynamic_cast<QGraphicsTextItem *>(i);
            t && t->textInteractionFlags() & Qt::TextEditorInteraction)
            editor = t;
    QVERIFY(editor);
    QCOMPARE(editor->toPlainText(), QString::fromStdString(m_w->document()->group(zone)->label));
    const QString prefix = item->titlePrefix();
    QCOMPARE(prefix, QStringLiteral("Zone "));
    const qreal wordEnds =
        item->rect().left() + 10 +
        QFontMetricsF(GroupItem::titleFont(editor->font())).horizontalAdvance(prefix.trimmed());
    QVERIFY2(editor->sceneBoundingRect().left() >= wordEnds,
             qPrintable(
                 QStringLiteral("%1 < %2").arg(editor->sceneBoundingRect().left()).arg(wordEnds)));
}

// A group's title is its kind and its label, the kind said once (QA: a region labelled "region 0"
// read "Region region 0"); a label that only begins with the kind's letters is prefixed.
void TestGeography::titleSaysTheKindOnce()
{
    Document *doc = m_w->document();
    const std::vector<sc::Group> before = doc->design().groups;
    const std::pair<const char *, const char *> cases[] = {{"region 0", "region 0"},
                                                           {"Region West", "Region West"},
                                                           {"us-east-1", "Region us-east-1"},
                                                           {"Regional", "Region Regional"}};
    std::vector<sc::Group> groups = before;
    for (size_t i = 0; i < std::size(cases); ++i) {
        sc::Group g;
        g.id = "t" + std::to_string(i);
        g.kind = "region";
        g.label = cases[i].first;
        g.x = 5000 + 500 * double(i);
        g.width = 400;
        g.height = 300;
        groups.push_back(g);
    }
    doc->undoStack()->push(new ChangeGroups(doc, groups, QStringLiteral("Add regions")));
    for (size_t i = 0; i < std::size(cases); ++i) {
        GroupItem *item = m_w->scene()->groupItem(QStringLiteral("t%1").arg(i));
        QVERIFY(item);
        QCOMPARE(item->title(), QString::fromUtf8(cases[i].second));
    }
    doc->undoStack()->undo();
    QCOMPARE(doc->design().groups, before);
}

void TestGeography::deleteGroupAndMember()
{
    Document *doc = m_w->document();
    const QString zone = zoneAroundApp();
    const std::string withZone = doc->serialized();
    // A member deleted leaves the group's members in the same step.
    m_w->scene()->selectIds({QStringLiteral("app")});
    m_w->scene()->deleteSelection();
    QVERIFY(!doc->component(QStringLiteral("app")));
    QVERIFY(membersOf(doc, zone).empty());
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), withZone);
    // The group deleted (selected, Delete): one step, the boxes stay.
    m_w->scene()->selectGroup(zone);
    const int steps = doc->undoStack()->index();
    m_w->scene()->deleteSelection();
    QVERIFY(!doc->group(zone));
    QVERIFY(doc->component(QStringLiteral("app")));
    QCOMPARE(doc->undoStack()->index(), steps + 1);
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), withZone);
    QVERIFY(m_w->scene()->groupItem(zone));
}

void TestGeography::populationsMustSumTo100()
{
    Document *doc = m_w->document();
    QVERIFY(doc->design().populations.empty());
    const std::string before = doc->serialized();
    const int steps = doc->undoStack()->index();
    QString refusedNote, duplicateNote, unnamedNote;
    bool refusedOkEnabled = true, stillOpenAfterAccept = false, duplicateOkEnabled = true,
         unnamedOkEnabled = true;
    onNextModal([&](QWidget *modal) {
        auto *dlg = qobject_cast<DesignPropertiesDialog *>(modal);
        QVERIFY(dlg);
        auto *table = dlg->findChild<QTableWidget *>(QStringLiteral("populations"));
        auto *add = dlg->findChild<QPushButton *>(QStringLiteral("addPopulation"));
        auto *note = dlg->findChild<QLabel *>(QStringLiteral("populationsNote"));
        QPushButton *ok = dlg->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(table && add && note && ok);
        QCOMPARE(table->rowCount(), 0);
        add->click();
        add->click();
        QCOMPARE(table->rowCount(), 2);
        // 60% + 30% = 90%: said beside the table, OK refused, and the rows stay as typed.
        setPopulation(table, 0, QStringLiteral("US"), 60, QStringLiteral("us-east-1"));
        setPopulation(table, 1, QStringLiteral("EU"), 30, QStringLiteral("eu-central-1"));
        // The share column holds the widest share written out (it showed "100" and "40 '").
        auto *share = static_cast<QDoubleSpinBox *>(table->cellWidget(0, 1));
        share->setValue(33.33);
        QVERIFY2(table->columnWidth(1) >= share->sizeHint().width(),
                 qPrintable(QStringLiteral("column %1 px, share %2 px")
                                .arg(table->columnWidth(1))
                                .arg(share->sizeHint().width())));
        share->setValue(60);
        refusedNote = note->text();
        refusedOkEnabled = ok->isEnabled();
        dlg->accept();
        stillOpenAfterAccept = dlg->isVisible();
        QCOMPARE(table->rowCount(), 2);
        // 60% + 40% = 100%: accepted, once each population has a name of its own.
        static_cast<QDoubleSpinBox *>(table->cellWidget(1, 1))->setValue(40);
        QVERIFY(ok->isEnabled());
        table->item(1, 0)->setText(QStringLiteral("US"));
        duplicateNote = note->text();
        duplicateOkEnabled = ok->isEnabled();
        table->item(1, 0)->setText(QString());
        unnamedNote = note->text();
        unnamedOkEnabled = ok->isEnabled();
        table->item(1, 0)->setText(QStringLiteral("EU"));
        QVERIFY(ok->isEnabled());
        ok->click();
    });
    QAction *properties = menuAction(*m_w, QStringLiteral("Design Properties…"));
    QVERIFY(properties);
    properties->trigger();
    QVERIFY(refusedNote.contains(QStringLiteral("sum to 90%")));
    QVERIFY(refusedNote.contains(QStringLiteral("must sum to 100%")));
    QVERIFY(!refusedOkEnabled);
    QVERIFY(stillOpenAfterAccept);
    QVERIFY2(duplicateNote.contains(QStringLiteral("another population has this name")),
             qPrintable(duplicateNote));
    QVERIFY(!duplicateOkEnabled);
    QVERIFY2(unnamedNote.contains(QStringLiteral("needs a name")), qPrintable(unnamedNote));
    QVERIFY(!unnamedOkEnabled);

    QCOMPARE(doc->undoStack()->index(), steps + 1);
    const std::vector<sc::Population> expected{{"US", 0.6, {"us-east-1", 0, 0}},
                                               {"EU", 0.4, {"eu-central-1", 0, 0}}};
    QCOMPARE(doc->design().populations, expected);
    // The canvas shows each population's figures on a card under the clients box, in the
    // populations' order: share, its p99 and page time, its share of the bill.
    const auto card = [this]() -> PopulationsItem * {
        for (QGraphicsItem *i : m_w->scene()->items())
            if (i->type() == PopulationsItem::Type)
                return static_cast<PopulationsItem *>(i);
        return nullptr;
    };
    QVERIFY(card());
    QCOMPARE(card()->parentItem(), m_w->scene()->componentItem(QStringLiteral("users")));
    const auto &figures = doc->evaluation().populations;
    QCOMPARE(figures.size(), size_t(2));
    const QStringList rows = card()->rows();
    QCOMPARE(rows.size(), 2);
    QVERIFY2(rows[0].startsWith(QStringLiteral("US  60%  p99 ")), qPrintable(rows[0]));
    QVERIFY2(rows[1].startsWith(QStringLiteral("EU  40%  p99 ")), qPrintable(rows[1]));
    QVERIFY(rows[1].contains(formatLatency(figures[1].latency.p99)));
    QVERIFY(rows[1].contains(formatMonthly(figures[1].monthlyCostUsd)));
    // 40% of the bill (core's split, checked against the total here).
    QVERIFY(std::fabs(figures[1].monthlyCostUsd - 0.4 * doc->evaluation().monthlyCostUsd) <
            1e-6 * doc->evaluation().monthlyCostUsd);
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), before);
    QVERIFY(!card()); // no populations, no card
    doc->undoStack()->redo();
    QCOMPARE(doc->design().populations, expected);
    QVERIFY(card());
}

// The users' card lists every population and covers no other box: a box moved under the clients
// box (then one above it too) sends the card to the next free side. Before, it hung under the box
// whatever lay there.
void TestGeography::populationsCardKeepsOffTheBoxes()
{
    Document *doc = m_w->document();
    DesignProperties p = doc->properties();
    p.populations = {{"North America", 0.3, {"us-east-1", 0, 0}},
                     {"Europe", 0.25, {"eu-central-1", 0, 0}},
                     {"South America", 0.15, {"sa-east-1", 0, 0}},
                     {"Asia", 0.15, {"ap-southeast-1", 0, 0}},
                     {"India", 0.1, {"ap-south-1", 0, 0}},
                     {"Australia", 0.05, {"ap-southeast-2", 0, 0}}};
    m_w->setDesignProperties(p);
    const auto card = [this]() -> PopulationsItem * {
        for (QGraphicsItem *i : m_w->scene()->items())
            if (i->type() == PopulationsItem::Type)
                return static_cast<PopulationsItem *>(i);
        return nullptr;
    };
    QTRY_VERIFY(card());
    QCOMPARE(card()->rows().size(), 6);
    const ComponentItem *users = m_w->scene()->componentItem(QStringLiteral("users"));
    QVERIFY(users);
    // The card's own box (its bounding rect has a pixel of pen round it).
    const auto cardRect = [&card] { return card()->sceneBoundingRect().adjusted(1, 1, -1, -1); };
    const auto coveredBoxes = [&] {
        QStringList ids;
        for (const sc::Component &c : doc->design().components) {
            const QString id = QString::fromStdString(c.id);
            if (id != QLatin1String("users") &&
                m_w->scene()->componentItem(id)->boxRect().intersects(cardRect()))
                ids << id;
        }
        return ids;
    };
    // Beside its box: within the gap of one of its sides.
    const auto besideUsers = [&] {
        const qreal g = PopulationsItem::kGap + 1;
        return users->boxRect().adjusted(-g, -g, g, g).intersects(cardRect()) &&
               !users->boxRect().intersects(cardRect());
    };
    QVERIFY(coveredBoxes().isEmpty());
    QVERIFY(besideUsers());

    // users at (40, 260), 176 × 104: Route 53 moved to (40, 400), under it.
    doc->undoStack()->push(
        new MoveComponents(doc, {{QStringLiteral("dns"), {260, 260}, {40, 400}}}, 9001));
    QCoreApplication::processEvents();
    QVERIFY2(coveredBoxes().isEmpty(), qPrintable(coveredBoxes().join(QLatin1Char(' '))));
    QVERIFY(besideUsers());
    QVERIFY(cardRect().bottom() <= users->boxRect().top()); // above it now

    // CloudFront moved above it as well: the card goes to the left of the box.
    doc->undoStack()->push(
        new MoveComponents(doc, {{QStringLiteral("cdn"), {480, 60}, {40, 100}}}, 9002));
    QCoreApplication::processEvents();
    QVERIFY2(coveredBoxes().isEmpty(), qPrintable(coveredBoxes().join(QLatin1Char(' '))));
    QVERIFY(besideUsers());
    QVERIFY(cardRect().right() <= users->boxRect().left());
    QCOMPARE(card()->rows().size(), 6); // every population still listed

    // Undone, the boxes go back and the card under its box again.
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QCoreApplication::processEvents();
    QVERIFY(coveredBoxes().isEmpty());
    QVERIFY(cardRect().top() >= users->boxRect().bottom());
}

// The route factor in Design Properties: one undo step, and the population far from the API
// (Frankfurt, against New York's, both to us-east-1) gains round trip in proportion: from the
// default factor 2 to 3, the difference of their mean latencies grows by 3/2.
void TestGeography::networkConstantsInProperties()
{
    QVERIFY(m_w->openTemplate(QStringLiteral("case-europe-before")));
    Document *doc = m_w->document();
    QCOMPARE(doc->design().geography.routeFactor, 2.0);
    const auto gap = [doc] {
        const auto &p = doc->evaluation().populations;
        return p.size() == 2 ? p[1].latency.mean - p[0].latency.mean : 0.0;
    };
    const double before = gap();
    QVERIFY(before > 100); // ≈ 131 − 7 ms
    const int steps = doc->undoStack()->index();
    onNextModal([&](QWidget *modal) {
        auto *factor = modal->findChild<QDoubleSpinBox *>(QStringLiteral("routeFactor"));
        auto *cross = modal->findChild<QDoubleSpinBox *>(QStringLiteral("crossZoneRttMs"));
        QVERIFY(factor && cross);
        QCOMPARE(factor->minimum(), 1.0); // the file format's range
        QCOMPARE(factor->maximum(), 5.0);
        QCOMPARE(cross->value(), 1.0);
        factor->setValue(3);
        modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    menuAction(*m_w, QStringLiteral("Design Properties…"))->trigger();
    QCOMPARE(doc->undoStack()->index(), steps + 1);
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Change network round trips"));
    QCOMPARE(doc->design().geography.routeFactor, 3.0);
    QVERIFY2(std::fabs(gap() - 1.5 * before) < 1e-6, qPrintable(QString::number(gap())));
    doc->undoStack()->undo();
    QCOMPARE(doc->design().geography.routeFactor, 2.0);
    QVERIFY(std::fabs(gap() - before) < 1e-9);
}

QTEST_MAIN(TestGeography)
// The populations card drawn on a page of 1,200 dpi (a PDF report, the comparison, the handout)
// looks as it does on the screen: its text was sized in points, which a device turns into its own
// pixels, so on a PDF page the text came out 12.5 times too large for its card, lines over lines
// (QA). The card drawn 12.5 times larger into an image of 96 dpi and into one of 1,200 dpi: the
// same ink within a few percent.
void TestGeography::populationsCardTextSizeIsTheDevices()
{
    PopulationsItem card(nullptr);
    card.setRows({QStringLiteral("North America  60%  p99 97 ms · $1,000/mo"),
                  QStringLiteral("Europe  40%  p99 17 ms · $800/mo")});
    const qreal scale = 1200.0 / 96;
    const auto ink = [&](int dpi) {
        QImage image((card.cardSize() * scale).toSize() + QSize(4, 4), QImage::Format_RGB32);
        image.setDotsPerMeterX(qRound(dpi / 0.0254));
        image.setDotsPerMeterY(qRound(dpi / 0.0254));
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.scale(scale, scale);
        QStyleOptionGraphicsItem option;
        card.paint(&painter, &option, nullptr);
        painter.end();
        qint64 dark = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                dark += qGray(image.pixel(x, y)) < 128;
        return double(dark);
    };
    const double screen = ink(96), page = ink(1200);
    QVERIFY(screen > 0);
    QVERIFY2(std::abs(page / screen - 1) < 0.05,
             qPrintable(QStringLiteral("ink at 1,200 dpi / at 96 dpi: %1").arg(page / screen)));
}

// A region titled by its AWS region ("Region eu-west-1") placed in another takes that one's name
// with it, in the same undo step, which names the region as its title does (it kept its old
// name, and the undo step read "Place west in eu-central-1"; QA). A title of its own is kept.
void TestGeography::regionTitledByItsPlaceFollowsIt()
{
    Document *doc = m_w->document();
    QVERIFY(m_w->openTemplate(QStringLiteral("stage5-10m")));
    QCOMPARE(doc->group(QStringLiteral("west"))->label, std::string("eu-west-1"));
    m_w->scene()->selectGroup(QStringLiteral("west"));
    QComboBox *place = nullptr;
    QTRY_VERIFY((place = m_w->inspector()->findChild<QComboBox *>(QStringLiteral("groupPlace"))));
    const std::string before = doc->serialized();
    place->setCurrentIndex(place->findData(QStringLiteral("eu-central-1")));
    emit place->activated(place->currentIndex());
    const sc::Group *west = doc->group(QStringLiteral("west"));
    QCOMPARE(west->label, std::string("eu-central-1"));
    QVERIFY(west->place && west->place->region == "eu-central-1");
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Place eu-west-1 in eu-central-1"));
    doc->undoStack()->undo();
    QCOMPARE(doc->serialized(), before);
    // A title of its own stays.
    std::vector<sc::Group> groups = doc->design().groups;
    for (sc::Group &g : groups)
        if (g.id == "west")
            g.label = "Europe";
    doc->setGroups(groups);
    m_w->scene()->selectGroup(QStringLiteral("west"));
    QTRY_VERIFY((place = m_w->inspector()->findChild<QComboBox *>(QStringLiteral("groupPlace"))));
    place->setCurrentIndex(place->findData(QStringLiteral("eu-central-1")));
    emit place->activated(place->currentIndex());
    QCOMPARE(doc->group(QStringLiteral("west"))->label, std::string("Europe"));
    QVERIFY(doc->group(QStringLiteral("west"))->place->region == "eu-central-1");
}

#include "tst_regions.moc"
