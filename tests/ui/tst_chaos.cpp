// Live chaos (issue 17, item 4), through the real widgets offscreen: the canvas's context menu
// fails a zone and the boxes show the core's figures with that zone down; the failures are not
// an edit (no undo step, the file unchanged) and a banner restores them; with the timeline
// playing a scenario, the same menu fails the zone at the clock and the run equals the core's
// simulation of the scenario with that event; the chaos monkey adds its seeded failures.
//
// The expected figures come from the core directly: Model(design, catalog, Failures) for the
// steady state, Model::simulate of the scenario plus the event for the timeline.

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/chaosmarks.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/groupitem.h"
#include "ui/charts/growthcharts.h"
#include "ui/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/numberformat.h"
#include "ui/timeline/timeline.h"
#include "ui/timeline/timelinerun.h"

#include "core/analysis/model.h"
#include "core/analysis/scenarios.h"

#include <QCheckBox>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <optional>

using namespace scui;

namespace {

// Stage 4 with its app tier in two zones: "app" (zone a) and its twin "app-b" (zone b) below
// it, behind the same load balancer, each wired to what "app" calls.
sc::Design stage4InTwoZones(const sc::Design &stage4)
{
    sc::Design d = stage4;
    sc::Component b = *d.find("app");
    b.id = "app-b";
    b.label = "App (zone b)";
    b.position.y += 330;
    d.components.push_back(b);
    std::vector<sc::Connection> added;
    for (const sc::Connection &c : d.connections) {
        sc::Connection twin = c;
        if (c.from == "app")
            twin.from = "app-b";
        else if (c.to == "app")
            twin.to = "app-b";
        else
            continue;
        added.push_back(twin);
    }
    d.connections.insert(d.connections.end(), added.begin(), added.end());
    const sc::Component &a = *d.find("app");
    auto zone = [](const std::string &id, const sc::Component &member) {
        sc::Group g;
        g.id = id;
        g.kind = "zone";
        g.label = id;
        g.x = member.position.x - 20;
        g.y = member.position.y - 40;
        g.width = ComponentItem::kWidth + 40;
        g.height = ComponentItem::kHeight + 60;
        g.members = {member.id};
        return g;
    };
    d.groups = {zone("a", a), zone("b", b)};
    return d;
}

sc::ScenarioEvent zoneEvent(const std::string &zone, bool fail, double at = 0)
{
    return {at, fail ? sc::ScenarioEvent::Action::Fail : sc::ScenarioEvent::Action::Restore, "", 0,
            zone};
}

// The menu a right-click on the title strip of zone `zone` opens, and its action `name`.
QAction *groupAction(MainWindow &w, const QString &zone, const char *name, QMenu *&menu)
{
    GroupItem *g = w.scene()->groupItem(zone);
    if (!g)
        return nullptr;
    const QPointF title = g->rect().topLeft() + QPointF(g->rect().width() / 2, 8);
    w.view()->centerOn(title);
    menu = w.contextMenuAt(w.view()->mapFromScene(title));
    return menu->findChild<QAction *>(QLatin1String(name));
}

QAction *boxAction(MainWindow &w, const QString &id, const char *name, QMenu *&menu)
{
    ComponentItem *box = w.scene()->componentItem(id);
    if (!box)
        return nullptr;
    w.view()->centerOn(box);
    menu = w.contextMenuAt(w.view()->mapFromScene(box->boxRect().center()));
    return menu->findChild<QAction *>(QLatin1String(name));
}

// Every box shows the figures of `expected` (the core's evaluation).
void checkBoxes(MainWindow &w, const sc::Evaluation &expected)
{
    const sc::Design &d = w.document()->design();
    for (size_t i = 0; i < d.components.size(); ++i) {
        const QString id = QString::fromStdString(d.components[i].id);
        ComponentItem *box = w.scene()->componentItem(id);
        QVERIFY(box);
        QCOMPARE(box->figures(), ComponentItem::figuresOf(&expected.components[i]));
    }
}

} // namespace

class TstChaos : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_chaos"));
    }

    void init()
    {
        m_w = std::make_unique<MainWindow>();
        m_w->resize(1400, 900);
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
        QVERIFY(m_w->openTemplate(QStringLiteral("stage4-1m")));
        m_w->document()->reset(stage4InTwoZones(m_w->document()->design()));
        QCoreApplication::processEvents();
    }

    void cleanup()
    {
        m_w->document()->undoStack()->setClean();
        m_w.reset();
    }

    // Right-click zone a → Fail Zone Now: app goes down, the load balancer sends its share to
    // app-b, and every box shows the core's evaluation with zone a failed. Not an edit; the
    // banner says so and restores everything.
    void failZoneInSteadyState()
    {
        MainWindow &w = *m_w;
        Document *doc = w.document();
        const sc::Evaluation base = doc->evaluation();
        const int builds = doc->modelBuilds();
        QMenu *menu = nullptr;
        QAction *fail = groupAction(w, QStringLiteral("a"), "chaosFailGroup", menu);
        QVERIFY(fail);
        QCOMPARE(fail->text().remove(QLatin1Char('&')), QStringLiteral("Fail Zone Now"));
        fail->trigger();
        delete menu;
        QCOMPARE(doc->modelBuilds(), builds + 1); // one rebuild for the change
        const sc::Evaluation expected =
            sc::Model(doc->design(), doc->catalog(), sc::Failures{{zoneEvent("a", true)}})
                .evaluate(doc->users());
        checkBoxes(w, expected);
        // Re-routed: app-b carries what both carried (the twins split it evenly before).
        const int b = doc->indexOf(QStringLiteral("app-b"));
        QCOMPARE_GT(expected.components[size_t(b)].arrivalRps,
                    1.9 * base.components[size_t(b)].arrivalRps);
        QCOMPARE(doc->result(QStringLiteral("app"))->arrivalRps, 0.0);
        // Failed, not forgotten: no advice to connect it.
        for (const sc::Warning &warning : doc->evaluation().warnings)
            QVERIFY2(warning.componentId != "app" || warning.code != "UNUSED",
                     warning.message.c_str());
        // Marked on the canvas; a session state, not an edit.
        auto *marks = w.scene()->findChild<ChaosMarks *>();
        QVERIFY(marks);
        QVERIFY(marks->markOf(QStringLiteral("app")));
        QCOMPARE(marks->markOf(QStringLiteral("app"))->badge(), QStringLiteral("FAILED"));
        QVERIFY(!marks->markOf(QStringLiteral("app-b")));
        QCOMPARE(doc->undoStack()->count(), 0);
        QVERIFY(!doc->isModified());
        auto *banner = w.view()->findChild<QToolButton *>(QStringLiteral("chaosBanner"));
        QVERIFY(banner && banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("1 failure injected (not saved)")),
                 qPrintable(banner->text()));
        // The background's menu restores all: the steady figures of the design come back.
        menu = w.contextMenuAt(QPoint(5, 5));
        QAction *all = menu->findChild<QAction *>(QStringLiteral("chaosRestoreAll"));
        QVERIFY(all);
        all->trigger();
        delete menu;
        checkBoxes(w, base);
        QVERIFY(!marks->markOf(QStringLiteral("app")));
        QVERIFY(!banner->isVisible());
    }

    // QA: stage 4 with Redis failed at 1M users read "Headroom 1.0× · Wall 547k · Failing 47%",
    // and the growth chart kept "Wall: Primary at 4.61M" (the design without its failure). The
    // status bar and the charts read the failures' model; past its wall it is overloaded.
    void failureHeadroomAndWallsAgree()
    {
        MainWindow &w = *m_w;
        Document *doc = w.document();
        doc->undoStack()->setClean();
        QVERIFY(w.openTemplate(QStringLiteral("stage4-1m")));
        QCOMPARE(doc->users(), 1e6);
        auto *charts = w.findChild<GrowthCharts *>();
        QVERIFY(charts);
        QMenu *menu = nullptr;
        QAction *fail = boxAction(w, QStringLiteral("cache"), "chaosFail", menu);
        QVERIFY(fail);
        fail->trigger();
        delete menu;
        const sc::ScenarioEvent down{0, sc::ScenarioEvent::Action::Fail, "cache", 0, ""};
        const sc::Model failed(doc->design(), doc->catalog(), sc::Failures{{down}});
        const sc::Evaluation ev = failed.evaluate(1e6);
        // What the model says: past its wall at 1M users, and requests failing.
        QVERIFY(ev.maxUsers && *ev.maxUsers < 1e6);
        QCOMPARE_GT(ev.errorRatePeak, 0.4);
        const QString status = w.statusText();
        QVERIFY2(status.contains(QStringLiteral("Headroom overloaded")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("Wall %1 · latency wall %2")
                                     .arg(formatUsers(*ev.maxUsers),
                                          formatUsers(failed.sloMaxUsers().value_or(0)))),
                 qPrintable(status));
        charts->flush();
        std::optional<double> marker = charts->wallMarkerUsers();
        QVERIFY(marker);
        QVERIFY2(std::abs(*marker / *ev.maxUsers - 1) < 1e-9, qPrintable(QString::number(*marker)));

        // Restored: the design's own walls in both again, and its headroom.
        doc->restoreAll();
        const sc::Model own(doc->design(), doc->catalog());
        const sc::Evaluation base = own.evaluate(1e6);
        QVERIFY(base.maxUsers && *base.maxUsers > 1e6);
        QVERIFY(
            w.statusText().contains(QStringLiteral("Wall %1").arg(formatUsers(*base.maxUsers))));
        QVERIFY(!w.statusText().contains(QStringLiteral("overloaded")));
        charts->flush();
        marker = charts->wallMarkerUsers();
        QVERIFY(marker);
        QVERIFY(std::abs(*marker / *base.maxUsers - 1) < 1e-9);
    }

    // QA: the inspector of a failed component showed Arrivals 0, Latency 0.5 ms, Availability
    // 99.99% and nothing of the failure; it says it first, as the box's badge does, and stops
    // saying it once restored.
    void inspectorSaysWhatFailed()
    {
        MainWindow &w = *m_w;
        Document *doc = w.document();
        // The clients are the users, not a server: no Fail Now (failed, their requests counted
        // neither served nor failed; review).
        QMenu *menu = nullptr;
        const QString users = QString::fromStdString(doc->design().components.front().id);
        QCOMPARE(doc->component(users)->kind, sc::Kind::Clients);
        QVERIFY(boxAction(w, users, "chaosFailInstance", menu) == nullptr);
        QVERIFY(menu && !menu->findChild<QAction *>(QStringLiteral("chaosFail")));
        delete menu;
        w.scene()->selectIds({QStringLiteral("cache")});
        auto *figures = w.findChild<QLabel *>(QStringLiteral("inspectorFigures"));
        QVERIFY(figures);
        QVERIFY(!figures->text().contains(QStringLiteral("failed")));
        QCoreApplication::processEvents();
        const int steadyHeight = figures->height();
        QAction *fail = boxAction(w, QStringLiteral("cache"), "chaosFail", menu);
        QVERIFY(fail);
        fail->trigger();
        delete menu;
        QVERIFY(doc->failedState(QStringLiteral("cache")).down);
        QVERIFY2(figures->text().contains(QStringLiteral("State")) &&
                     figures->text().contains(QStringLiteral("failed (injected, not saved)")),
                 qPrintable(figures->text()));
        // Down, it has no capacity, latency or availability of its own (QA: "Latency 5 ms" and
        // "99.9999%" beside "failed"), and serves nothing ("Failed none" beside it; review):
        // served, failed, capacity, utilization, latency, availability and its instances (its
        // nodes: they read "2", as running) read "— (down)".
        const QString text = figures->text();
        QVERIFY(doc->component(QStringLiteral("cache"))->runsInstances());
        QCOMPARE(text.count(QStringLiteral("— (down)")), 7);
        QVERIFY2(!text.contains(QLatin1String(">none<")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String(" ms<")) && !text.contains(QLatin1String("99.")),
                 qPrintable(text));
        QCoreApplication::processEvents();
        QVERIFY(figures->height() > steadyHeight); // the failure's rows
        doc->restoreAll();
        QVERIFY(!figures->text().contains(QStringLiteral("failed")));
        QVERIFY(!figures->text().contains(QStringLiteral("— (down)")));
        // The clients' rows say the users' dynamic requests end to end (QA: "Failed none" with
        // the app tier failed and every request failing at the balancer). The balancer failed
        // here: every request fails at the DNS.
        doc->chaos({0, sc::ScenarioEvent::Action::Fail, "lb", 0, {}});
        w.scene()->selectIds({users});
        QLabel *clients = nullptr;
        QTRY_VERIFY((clients = w.findChild<QLabel *>(QStringLiteral("inspectorFigures"))) &&
                    clients->text().contains(QStringLiteral("Failed (end to end)")));
        const sc::Evaluation &ev = doc->evaluation();
        QCOMPARE(ev.goodputRps, 0.0);
        QVERIFY2(clients->text().contains(formatRps(ev.demand.peakRps) + QStringLiteral(" (")) &&
                     !clients->text().contains(QLatin1String(">none<")),
                 qPrintable(clients->text()));
        doc->restoreAll();
        w.scene()->selectIds({QStringLiteral("cache")});
        QTRY_VERIFY((figures = w.findChild<QLabel *>(QStringLiteral("inspectorFigures"))) &&
                    figures->text().contains(QStringLiteral("Cost")));
        // As tall as before the failure: the same rows, not the failure's height with blank bands
        // round them (QA: the gap above the inspector's figures).
        QCoreApplication::processEvents();
        QCOMPARE(figures->height(), steadyHeight);
        // One instance out of two.
        fail = boxAction(w, QStringLiteral("cache"), "chaosFailInstance", menu);
        QVERIFY(fail);
        fail->trigger();
        delete menu;
        QCOMPARE(doc->failedState(QStringLiteral("cache")).instancesOut, 1);
        QVERIFY2(figures->text().contains(QStringLiteral("1 instance failed (injected")),
                 qPrintable(figures->text()));
        doc->restoreAll();
    }

    // One instance of the cache (two nodes) fails from its box's menu: one node left, the
    // core's figures with that failure; Restore Now brings it back.
    void failOneInstance()
    {
        MainWindow &w = *m_w;
        Document *doc = w.document();
        const sc::Evaluation base = doc->evaluation();
        QCOMPARE(doc->result(QStringLiteral("cache"))->instances, 2.0);
        QMenu *menu = nullptr;
        QAction *one = boxAction(w, QStringLiteral("cache"), "chaosFailInstance", menu);
        QVERIFY(one);
        one->trigger();
        delete menu;
        const sc::ScenarioEvent e{0, sc::ScenarioEvent::Action::Fail, "cache", 1, {}};
        const sc::Evaluation expected =
            sc::Model(doc->design(), doc->catalog(), sc::Failures{{e}}).evaluate(doc->users());
        QCOMPARE(doc->result(QStringLiteral("cache"))->instances, 1.0);
        checkBoxes(w, expected);
        auto *marks = w.scene()->findChild<ChaosMarks *>();
        QCOMPARE(marks->markOf(QStringLiteral("cache"))->badge(),
                 QStringLiteral("\u22121 INSTANCE"));
        // A one-node cache offers no instance to fail; Restore Now is enabled.
        QVERIFY(!boxAction(w, QStringLiteral("cache"), "chaosFailInstance", menu));
        QAction *restore = menu->findChild<QAction *>(QStringLiteral("chaosRestore"));
        QVERIFY(restore && restore->isEnabled());
        restore->trigger();
        delete menu;
        checkBoxes(w, base);
    }

    // The box's menu offers only what applies to the state the box shows: Fail Now on a box
    // that is up, Restore Now on one that is down; in the steady state and at the timeline's
    // clock alike. Restore All Failures only while there are failures.
    void menuOffersWhatApplies()
    {
        MainWindow &w = *m_w;
        Document *doc = w.document();
        const QString cache = QStringLiteral("cache");
        QMenu *menu = nullptr;
        auto offers = [&](const char *name) {
            const bool found = boxAction(w, cache, name, menu) != nullptr;
            delete menu;
            return found;
        };
        menu = w.contextMenuAt(QPoint(5, 5));
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("chaosRestoreAll")));
        delete menu;
        QVERIFY(offers("chaosFail"));
        QVERIFY(!offers("chaosRestore"));
        QAction *fail = boxAction(w, cache, "chaosFail", menu);
        fail->trigger();
        delete menu;
        QVERIFY(doc->failedState(cache).down);
        QVERIFY(!offers("chaosFail"));
        QVERIFY(!offers("chaosFailInstance"));
        QVERIFY(offers("chaosRestore"));
        doc->restoreAll();

        QVERIFY(w.showTimeline(QStringLiteral("viral spike"), 1800));
        QVERIFY(offers("chaosFail"));
        QVERIFY(!offers("chaosRestore"));
        fail = boxAction(w, cache, "chaosFail", menu);
        fail->trigger();
        delete menu;
        w.timeline()->seek(1800);
        QVERIFY(doc->hasTimeFrame());
        QVERIFY(!offers("chaosFail"));
        QVERIFY(offers("chaosRestore"));
        w.timeline()->seek(600); // before the failure
        QVERIFY(offers("chaosFail"));
        QVERIFY(!offers("chaosRestore"));
    }

    // With the timeline on the viral spike at 30:00, zone b fails from the same menu: the event
    // joins the run at the clock (the steady failures stay empty), and the run's every step, and
    // the boxes after 30:00, equal the core's simulation of the spike plus that event.
    void failZoneDuringScenario()
    {
        MainWindow &w = *m_w;
        Document *doc = w.document();
        QVERIFY(w.showTimeline(QStringLiteral("viral spike"), 1800));
        QMenu *menu = nullptr;
        QAction *fail = groupAction(w, QStringLiteral("b"), "chaosFailGroup", menu);
        QVERIFY(fail);
        fail->trigger();
        delete menu;
        QCOMPARE(doc->failedCount(), 0);
        QVERIFY(!w.scene()->findChild<ChaosMarks *>()->markOf(QStringLiteral("app-b")));
        const TimelineRun &run = *w.timeline()->run();
        QCOMPARE(run.scenario.events.size(), size_t(1));
        QCOMPARE(run.scenario.events[0], zoneEvent("b", true, 1800));
        sc::Scenario expected = *sc::findScenario(doc->design(), "viral spike");
        expected.events.push_back(zoneEvent("b", true, 1800));
        const sc::Model model(doc->design(), doc->catalog(), std::vector<std::string>{"app-b"});
        std::vector<sc::SimulationStep> oracle;
        model.simulate(expected, [&](const sc::SimulationStep &s) { oracle.push_back(s); });
        QCOMPARE(run.steps.size(), oracle.size());
        for (size_t s = 0; s < oracle.size(); ++s) {
            QCOMPARE(run.steps[s].errorRps, oracle[s].errorRps);
            QCOMPARE(run.steps[s].servedRps, oracle[s].servedRps);
        }
        for (const double t : {1800.0, 1860.0, 2400.0}) {
            w.timeline()->seek(t);
            const size_t s = size_t(std::lround(t / expected.stepS));
            for (size_t i = 0; i < doc->design().components.size(); ++i) {
                const auto f =
                    doc->frameFigures(QString::fromStdString(doc->design().components[i].id));
                QVERIFY(f);
                const size_t l = size_t(model.lumpOf(int(i)));
                QCOMPARE(f->utilization, oracle[s].utilization[l]);
                QCOMPARE(f->instances, oracle[s].instances[l]);
            }
            QCOMPARE(doc->frameFigures(QStringLiteral("app-b"))->instances, 0.0);
        }
    }

    // The chaos monkey: on at 10:00, the run gains sc::chaosMonkey's failures from the clock
    // every 300 s (seed 17); off at 20:00, those still ahead leave and those behind stay.
    void chaosMonkey()
    {
        MainWindow &w = *m_w;
        Document *doc = w.document();
        QVERIFY(w.showTimeline(QStringLiteral("viral spike"), 600));
        auto *box = w.timeline()->findChild<QCheckBox *>(QStringLiteral("chaosMonkey"));
        QVERIFY(box);
        box->click();
        const auto monkey = sc::chaosMonkey(doc->design(), 600, 3600, 300, Timeline::kMonkeySeed);
        QCOMPARE(monkey.size(), size_t(10)); // 900, 1200, … 3600
        QCOMPARE(w.timeline()->run()->scenario.events, monkey);
        w.timeline()->seek(1200);
        box->click();
        const std::vector<sc::ScenarioEvent> kept(monkey.begin(), monkey.begin() + 2);
        QCOMPARE(w.timeline()->run()->scenario.events, kept);
        QVERIFY(!w.timeline()->chaosMonkey());
    }

    // Ticked at the end of the run, where Play starts over, the monkey fails instances over the
    // whole run (from 0 s: 300, 600, … 3600), and the replay shows them; unticked there, all of
    // them go (none is ahead of a clock that starts again).
    void chaosMonkeyAtTheEndCoversTheReplay()
    {
        MainWindow &w = *m_w;
        Document *doc = w.document();
        QVERIFY(w.showTimeline(QStringLiteral("viral spike"), 600));
        Timeline *timeline = w.timeline();
        const double end =
            double(timeline->run()->steps.size() - 1) * timeline->run()->scenario.stepS;
        QCOMPARE(end, 3600.0);
        timeline->seek(end);
        timeline->setChaosMonkey(true, 300);
        const auto monkey = sc::chaosMonkey(doc->design(), 0, 3600, 300, Timeline::kMonkeySeed);
        QCOMPARE(monkey.size(), size_t(12)); // 300, 600, … 3600
        QCOMPARE(timeline->run()->scenario.events, monkey);
        timeline->setChaosMonkey(false);
        QVERIFY(timeline->run()->scenario.events.empty());
    }

    // The timeline's frames come from a run of the design without the live failures: their
    // marks leave while it shows one and come back with the steady figures.
    void marksFollowTheSteadyFigures()
    {
        MainWindow &w = *m_w;
        w.document()->chaos(zoneEvent("a", true));
        auto *marks = w.scene()->findChild<ChaosMarks *>();
        QVERIFY(marks->markOf(QStringLiteral("app")));
        QVERIFY(w.showTimeline(QStringLiteral("viral spike"), 600));
        QVERIFY(!marks->markOf(QStringLiteral("app")));
        w.timeline()->stop();
        QVERIFY(!w.document()->hasTimeFrame());
        QVERIFY(marks->markOf(QStringLiteral("app")));
    }

    // Presentation mode: the same menu and the banner over the canvas.
    void worksInPresentationMode()
    {
        MainWindow &w = *m_w;
        QAction *present = w.findChild<QAction *>(QStringLiteral("presentationMode"));
        QVERIFY(present);
        present->trigger();
        QCoreApplication::processEvents();
        QMenu *menu = nullptr;
        QAction *fail = groupAction(w, QStringLiteral("a"), "chaosFailGroup", menu);
        QVERIFY(fail);
        fail->trigger();
        delete menu;
        auto *banner = w.view()->findChild<QToolButton *>(QStringLiteral("chaosBanner"));
        QVERIFY(banner->isVisible());
        banner->click();
        QCOMPARE(w.document()->failedCount(), 0);
        present->trigger();
    }

    // docs/screenshots/chaos-zone-1920x1080.png when SCALECANVAS_SHOT_DIR names a directory.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("SCALECANVAS_SHOT_DIR");
        if (dir.isEmpty())
            QSKIP("SCALECANVAS_SHOT_DIR not set");
        MainWindow &w = *m_w;
        w.resize(1920, 1080);
        QCoreApplication::processEvents();
        w.view()->zoomToFit();
        w.document()->chaos(zoneEvent("a", true));
        QCoreApplication::processEvents();
        QVERIFY(w.grab().save(dir + QStringLiteral("/chaos-zone-1920x1080.png")));
    }

private:
    std::unique_ptr<MainWindow> m_w;
};

QTEST_MAIN(TstChaos)
#include "tst_chaos.moc"
