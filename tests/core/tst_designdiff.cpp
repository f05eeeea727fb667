// Tests for core/analysis/designdiff: the semantic difference between two designs. The expected
// differences are worked out by hand from the designs built here and, for the stage templates,
// from reading resources/templates/stage2-10k and stage3-100k and the defaults in the parameter
// table (core/model/params.cpp: threadsPerInstance 50, a database's storageGB 100, object
// storage's warmFraction 0).

#include "core/analysis/designdiff.h"
#include "core/io/format.h"
#include "core/io/templates.h"

#include <QTest>

#include <algorithm>

#include <string>
#include <vector>

namespace {

sc::Component comp(const char *id, sc::Kind kind, double x = 0, double y = 0)
{
    sc::Component c;
    c.id = id;
    c.kind = kind;
    c.position = {x, y};
    return c;
}

sc::Connection conn(const char *from, const char *to)
{
    sc::Connection c;
    c.from = from;
    c.to = to;
    return c;
}

sc::Design small()
{
    sc::Design d;
    d.components = {comp("web", sc::Kind::Clients), comp("app", sc::Kind::AppServer, 100, 0),
                    comp("db", sc::Kind::Database, 200, 0)};
    d.connections = {conn("web", "app"), conn("app", "db")};
    return d;
}

sc::Design stage(const char *name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    if (!t)
        return {};
    sc::LoadResult r = sc::loadDesign(t->json);
    return r.design ? *r.design : sc::Design{};
}

std::vector<std::string> ends(const std::vector<sc::Connection> &cs)
{
    std::vector<std::string> out;
    for (const sc::Connection &c : cs)
        out.push_back(c.from + ">" + c.to);
    return out;
}

std::vector<std::string> changes(const std::vector<sc::ValueChange> &vs)
{
    std::vector<std::string> out;
    for (const sc::ValueChange &v : vs)
        out.push_back(v.name + ":" + v.a + ">" + v.b);
    return out;
}

using Strings = std::vector<std::string>;

} // namespace

class TestDesignDiff : public QObject
{
    Q_OBJECT

private slots:
    void identical();
    void addedAndRemoved();
    void parameters();
    void defaultsAreNoChange();
    void moveIsLayoutOnly();
    void kindChange();
    void autoscale();
    void connectionsByEnds();
    void groups();
    void stage2ToStage3();
};

void TestDesignDiff::identical()
{
    sc::Design a = small();
    sc::Design b = a;
    // Reordering is no change: identity, not position in the file.
    std::swap(b.components[0], b.components[2]);
    std::swap(b.connections[0], b.connections[1]);
    b.name = "other name";
    QVERIFY(sc::diffDesigns(a, b).empty());
}

void TestDesignDiff::addedAndRemoved()
{
    sc::Design a = small();
    sc::Design b = a;
    b.components.erase(b.components.begin() + 2); // db
    b.connections.pop_back();
    b.components.push_back(comp("cache", sc::Kind::Cache));
    b.connections.push_back(conn("app", "cache"));
    const sc::DesignDiff d = sc::diffDesigns(a, b);
    QCOMPARE(d.componentsAdded, Strings{"cache"});
    QCOMPARE(d.componentsRemoved, Strings{"db"});
    QVERIFY(d.componentsChanged.empty());
    QCOMPARE(ends(d.connectionsAdded), Strings{"app>cache"});
    QCOMPARE(ends(d.connectionsRemoved), Strings{"app>db"});
    // The other way round, added and removed swap.
    const sc::DesignDiff back = sc::diffDesigns(b, a);
    QCOMPARE(back.componentsAdded, Strings{"db"});
    QCOMPARE(back.componentsRemoved, Strings{"cache"});
}

void TestDesignDiff::parameters()
{
    sc::Design a = small();
    sc::Design b = a;
    b.components[1].params["instances"].number = 3;
    b.components[1].params["instanceType"].text = "c5.xlarge";
    b.components[2].params["multiAz"].number = 1;
    b.components[2].label = "Primary";
    b.traffic.users = 20000;
    const sc::DesignDiff d = sc::diffDesigns(a, b);
    QCOMPARE(d.componentsChanged.size(), size_t(2));
    const sc::ComponentChange &app = d.componentsChanged[0];
    QCOMPARE(app.id, std::string("app"));
    QVERIFY(!app.moved && !app.kindChanged && !app.labelChanged);
    // In the parameter table's order; an app server's defaults are 2 × t3.large.
    QCOMPARE(changes(app.params), (Strings{"instances:2>3", "instanceType:t3.large>c5.xlarge"}));
    const sc::ComponentChange &db = d.componentsChanged[1];
    QVERIFY(db.labelChanged);
    QCOMPARE(changes(db.params), Strings{"multiAz:false>true"});
    QCOMPARE(changes(d.traffic), Strings{"users:1000>20000"});
}

void TestDesignDiff::defaultsAreNoChange()
{
    sc::Design a = small();
    sc::Design b = a;
    // 50 threads is the table's default: stating it changes nothing.
    b.components[1].params["threadsPerInstance"].number = 50;
    QVERIFY(sc::diffDesigns(a, b).empty());
}

void TestDesignDiff::moveIsLayoutOnly()
{
    sc::Design a = small();
    sc::Design b = a;
    b.components[2].position = {250, 40};
    const sc::DesignDiff d = sc::diffDesigns(a, b);
    QCOMPARE(d.componentsChanged.size(), size_t(1));
    const sc::ComponentChange &c = d.componentsChanged[0];
    QVERIFY(c.moved);
    QVERIFY(!c.changedBeyondLayout());
    QCOMPARE(c.positionA.x, 200.0);
    QCOMPARE(c.positionB.y, 40.0);
}

void TestDesignDiff::kindChange()
{
    sc::Design a = small();
    sc::Design b = a;
    b.components[1].kind = sc::Kind::Worker;
    const sc::DesignDiff d = sc::diffDesigns(a, b);
    QCOMPARE(d.componentsChanged.size(), size_t(1));
    QVERIFY(d.componentsChanged[0].kindChanged);
    QCOMPARE(d.componentsChanged[0].kindA, sc::Kind::AppServer);
    QCOMPARE(d.componentsChanged[0].kindB, sc::Kind::Worker);
    QVERIFY(d.componentsAdded.empty() && d.componentsRemoved.empty());
}

void TestDesignDiff::autoscale()
{
    sc::Design a = small();
    sc::Design b = a;
    b.components[1].autoscale = sc::Autoscale{};
    QCOMPARE(changes(sc::diffDesigns(a, b).componentsChanged[0].params),
             Strings{"autoscale:off>on"});
    sc::Design c = b;
    c.components[1].autoscale->max = 20;
    c.components[1].autoscale->policy = sc::Autoscale::Policy::Step;
    QCOMPARE(changes(sc::diffDesigns(b, c).componentsChanged[0].params),
             (Strings{"autoscale.policy:targetTracking>step", "autoscale.max:10>20"}));
}

void TestDesignDiff::connectionsByEnds()
{
    sc::Design a = small();
    sc::Design b = a;
    b.connections[1].classes = {sc::RequestClass::Write, sc::RequestClass::Read};
    a.connections[1].classes = {sc::RequestClass::Read, sc::RequestClass::Write};
    QVERIFY(sc::diffDesigns(a, b).empty()); // the same classes in another order
    b.connections[1].weight = 2;
    const sc::DesignDiff d = sc::diffDesigns(a, b);
    QVERIFY(d.connectionsAdded.empty() && d.connectionsRemoved.empty());
    QCOMPARE(d.connectionsChanged.size(), size_t(1));
    QCOMPARE(*d.connectionsChanged[0].b.weight, 2.0);
}

void TestDesignDiff::groups()
{
    sc::Design a = small();
    sc::Group z1;
    z1.id = "az1";
    z1.members = {"app"};
    a.groups = {z1};
    sc::Design b = a;
    b.groups[0].members.push_back("db");
    sc::Group r;
    r.id = "us";
    r.kind = "region";
    b.groups.push_back(r);
    sc::DesignDiff d = sc::diffDesigns(a, b);
    QCOMPARE(d.groupsAdded, Strings{"us"});
    QCOMPARE(d.groupsChanged, Strings{"az1"});
    QVERIFY(d.groupsRemoved.empty());
    d = sc::diffDesigns(b, a);
    QCOMPARE(d.groupsRemoved, Strings{"us"});
    // The order of its members, or a region's coordinates it does not use (a region by name):
    // no change (review: a bare "Changed group az1", or "place us-east-1 → us-east-1").
    sc::Design c = b;
    std::reverse(c.groups[0].members.begin(), c.groups[0].members.end());
    c.groups[1].place = sc::Place{"us-east-1", 0, 0};
    sc::Design e = c;
    e.groups[1].place->lat = 38.9;
    e.groups[1].place->lon = -77.0;
    QVERIFY(sc::diffDesigns(b, c).groupsChanged == Strings{"us"}); // a place where none was
    QVERIFY(sc::diffDesigns(c, e).groupsChanged.empty());
    c.groups[1].place = std::nullopt;
    QVERIFY(sc::diffDesigns(b, c).empty());
}

void TestDesignDiff::stage2ToStage3()
{
    const sc::Design a = stage("stage2-10k"), b = stage("stage3-100k");
    QVERIFY(!a.components.empty() && !b.components.empty());
    const sc::DesignDiff d = sc::diffDesigns(a, b);
    QCOMPARE(d.componentsAdded, (Strings{"dns", "lb", "replicas", "queue", "workers"}));
    QVERIFY(d.componentsRemoved.empty());
    QCOMPARE(ends(d.connectionsAdded),
             (Strings{"users>dns", "dns>cdn", "dns>lb", "lb>app", "app>replicas", "app>queue",
                      "queue>workers", "workers>db"}));
    QCOMPARE(ends(d.connectionsRemoved), (Strings{"users>cdn", "users>app"}));
    QVERIFY(d.connectionsChanged.empty());
    QVERIFY(d.groupsAdded.empty() && d.groupsRemoved.empty());
    QCOMPARE(changes(d.traffic), (Strings{"users:10000>100000", "asyncPerWrite:0>1"}));
    // Every kept component moved; these are the changes beyond layout, in stage 3's order.
    struct Expected {
        std::string id;
        bool label;
        Strings params;
    };
    const std::vector<Expected> expected = {
        {"users", false, {}},
        {"cdn", false, {"hitRatio:0.9>0.92"}},
        {"files", false, {"storageGB:200>2000", "warmFraction:0>0.3"}},
        {"app",
         true,
         {"instances:1>2", "instanceType:c5.large>c5.xlarge", "threadsPerInstance:50>48"}},
        {"cache", false, {"instanceType:cache.t3.medium>cache.m5.large"}},
        {"db",
         true,
         {"instanceType:db.t3.medium>db.m5.large", "writeServiceTimeMs:10>20",
          "storageGB:100>200"}},
    };
    QCOMPARE(d.componentsChanged.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const sc::ComponentChange &c = d.componentsChanged[i];
        QCOMPARE(c.id, expected[i].id);
        QVERIFY2(c.moved, c.id.c_str());
        QCOMPARE(c.labelChanged, expected[i].label);
        Strings got = changes(c.params), want = expected[i].params;
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        QCOMPARE(got, want);
    }
}

QTEST_GUILESS_MAIN(TestDesignDiff)
#include "tst_designdiff.moc"
