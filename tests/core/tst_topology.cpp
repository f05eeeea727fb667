// Topology: the checks that make a design unusable (Model::errors). One row per problem, each
// in an otherwise valid design: the error must name the JSON path and say what is wrong, and
// the same design without the problem must have no error at all.
#include "core/analysis/model.h"
#include "core/analysis/variantcheck.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <functional>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

// clients → ALB → two app servers → primary, and an S3 bucket for static files.
Design valid()
{
    Design d;
    d.traffic = flat(1000, 100, 0.2);
    d.traffic.staticPerRequest = 1;
    d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                    make("app", Kind::AppServer), make("db", Kind::Database),
                    make("s3", Kind::ObjectStorage)};
    d.connections = {wire("u", "lb"), wire("lb", "app"), wire("app", "db"), wire("app", "s3")};
    return d;
}

using Change = std::function<void(Design &)>;

QString describe(const Issues &issues)
{
    QStringList l;
    for (const Issue &i : issues)
        l << QString::fromStdString(i.path + ": " + i.message);
    return l.join(QStringLiteral("; "));
}

} // namespace

Q_DECLARE_METATYPE(Change)

class TestTopology : public QObject
{
    Q_OBJECT

private slots:
    void validDesignHasNoErrors()
    {
        Model m(valid(), Catalog::builtin());
        QVERIFY2(m.ok(), qPrintable(describe(m.errors())));
        QVERIFY(m.lumpCount() > 0);
    }

    void problemIsNamed_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("says");
        QTest::newRow("duplicate id")
            << Change([](Design &d) { d.components[4].id = "db"; }) << "design.components[4].id"
            << "missing or duplicate id";
        QTest::newRow("missing id")
            << Change([](Design &d) { d.components.push_back(make("", Kind::Cache)); })
            << "design.components[5].id"
            << "missing or duplicate id";
        QTest::newRow("unknown instance type")
            << Change([](Design &d) { d.components[2].params["instanceType"] = text("t9.huge"); })
            << "design.components[2].params.instanceType"
            << "unknown instance type \"t9.huge\"";
        QTest::newRow("instance type of another service") << Change([](Design &d) {
            d.components[2].params["instanceType"] = text("db.m5.large");
        }) << "design.components[2].params.instanceType"
                                                          << "is an rds type; an App server "
                                                             "needs an ec2 type";
        QTest::newRow("storage tiers above 100%")
            << Change([](Design &d) {
                   d.components[4].params["warmFraction"] = num(0.6);
                   d.components[4].params["coldFraction"] = num(0.5);
               })
            << "design.components[4].params"
            << "warmFraction + coldFraction must not exceed 1";
        QTest::newRow("dangling from")
            << Change([](Design &d) { d.connections[1].from = "nobody"; })
            << "design.connections[1].from"
            << "no component with id \"nobody\"";
        QTest::newRow("dangling to") << Change([](Design &d) { d.connections[2].to = "nowhere"; })
                                     << "design.connections[2].to"
                                     << "no component with id \"nowhere\"";
        QTest::newRow("to itself")
            << Change([](Design &d) { d.connections.push_back(wire("lb", "lb")); })
            << "design.connections[4]"
            << "connects \"lb\" to itself";
        QTest::newRow("duplicate connection")
            << Change([](Design &d) { d.connections.push_back(wire("app", "db")); })
            << "design.connections[4]"
            << "duplicate connection from \"app\" to \"db\"";
        QTest::newRow("database sends nothing")
            << Change([](Design &d) { d.connections.push_back(wire("db", "s3")); })
            << "design.connections[4]"
            << "Databases answer requests; they send none onward";
        // Caches × data components behind one app server: 1,001 × 1,000 look-aside routes,
        // over the limit of a million; refused before any routing is built (issue 12).
        QTest::newRow("too many look-aside routes")
            << Change([](Design &d) {
                   for (int i = 0; i < 1001; ++i) {
                       d.components.push_back(make("c" + std::to_string(i), Kind::Cache));
                       d.connections.push_back(wire("app", "c" + std::to_string(i)));
                   }
                   for (int i = 0; i < 999; ++i) { // with "db", 1,000 data components
                       d.components.push_back(make("d" + std::to_string(i), Kind::Database));
                       d.connections.push_back(wire("app", "d" + std::to_string(i)));
                   }
               })
            << "design.components[2]"
            << "over 1001000 routes (each cache × each replica, pooler or database of its app "
               "server; \"app\" alone has 1001000); the limit is 1000000";
        // The kind's plural, never its title with an "s" glued on ("Workerss", issue 13).
        QTest::newRow("workers send no requests to queues")
            << Change([](Design &d) {
                   d.components.push_back(make("q", Kind::Queue));
                   d.components.push_back(make("w", Kind::Worker));
                   d.connections.push_back(wire("q", "w"));
                   d.connections.push_back(wire("w", "q"));
               })
            << "design.connections[5]"
            << "Workers do not send requests to queues";
        QTest::newRow("nothing sends to clients")
            << Change([](Design &d) { d.connections.push_back(wire("lb", "u")); })
            << "design.connections[4]"
            << "Clients are where traffic starts; nothing sends requests to them";
        QTest::newRow("object storage sends nothing")
            << Change([](Design &d) { d.connections.push_back(wire("s3", "db")); })
            << "design.connections[4]"
            << "Object storage answers requests; it sends none onward";
        QTest::newRow("loop") << Change([](Design &d) {
            d.components.push_back(make("lb2", Kind::LoadBalancer));
            d.connections.push_back(wire("lb", "lb2"));
            d.connections.push_back(wire("lb2", "lb"));
        })
                              // The app and what hangs below it are not on the loop, so not named.
                              << "design.connections"
                              << "connections form a loop through \"lb\", \"lb2\"";
    }

    // A connection may start at every kind but those that only answer (databases, read
    // replicas, object storage): the canvas draws an out port where one may.
    void answeringKindsSendNothing()
    {
        for (const Kind k : allKinds()) {
            const bool answers =
                k == Kind::Database || k == Kind::ReadReplica || k == Kind::ObjectStorage;
            QCOMPARE(sendsRequests(k), !answers);
        }
    }

    void problemIsNamed()
    {
        QFETCH(Change, change);
        QFETCH(QString, path);
        QFETCH(QString, says);
        Design d = valid();
        change(d);
        Model m(d, Catalog::builtin());
        QVERIFY(!m.ok());
        bool found = false;
        for (const Issue &i : m.errors())
            found = found || (QString::fromStdString(i.path) == path &&
                              QString::fromStdString(i.message).contains(says));
        QVERIFY2(found, qPrintable(describe(m.errors())));
    }

    // A design without clients is still being built, not broken: it is evaluated (no traffic
    // reaches anything), the advisor says so design-wide, and validate refuses it. None of the
    // users' requests is served, as with clients connected to nothing (QA: it read "served:
    // every request" and ≥ 99.999999% available with 0 req/s of goodput).
    void noClientsIsIncomplete()
    {
        Design d = valid();
        d.components[0].kind = Kind::Dns;
        Model m(d, Catalog::builtin());
        QVERIFY2(m.ok(), qPrintable(describe(m.errors())));
        QCOMPARE(describe(m.incomplete()),
                 QStringLiteral("design.components: no clients component: traffic has nowhere to "
                                "start"));
        QCOMPARE(describe(m.validationIssues()), describe(m.incomplete()));
        const Evaluation ev = m.evaluate(1000);
        QCOMPARE(ev.components.size(), d.components.size());
        QVERIFY(sctest::hasWarning(ev, "NO_CLIENTS", ""));
        QCOMPARE(ev.warnings.front().code, std::string("NO_CLIENTS"));
        for (const ComponentResult &c : ev.components)
            QCOMPARE(c.arrivalRps, 0.0);
        QVERIFY(ev.demand.peakRps > 0);
        QCOMPARE(ev.goodputRps, 0.0);
        QCOMPARE(ev.errorRatePeak, 1.0);
        QCOMPARE(ev.servedFraction, 0.0);
        QCOMPARE(ev.availability, 0.0);
        const Sweep s = m.sweep(10, 1e6, 3);
        QCOMPARE(s.points.size(), size_t(3));
        for (const SweepPoint &pt : s.points)
            QCOMPARE(pt.errorRate, 1.0);
    }

    // An empty design reads as one without clients, its error said too (QA: `evaluate` printed
    // "0 errors" beside "served: 0%", and `diff` called the empty design "better" for it).
    void emptyDesignHasNoClients()
    {
        Design d = valid();
        d.components.clear();
        d.connections.clear();
        Model m(d, Catalog::builtin());
        QVERIFY2(m.ok(), qPrintable(describe(m.errors())));
        const Evaluation ev = m.evaluate(1000);
        QCOMPARE(ev.warnings.size(), size_t(1));
        QCOMPARE(ev.warnings.front().code, std::string("NO_CLIENTS"));
        QCOMPARE(ev.warnings.front().componentId, std::string());
        QVERIFY(ev.warnings.front().severity == Severity::Error);
        QCOMPARE(ev.errorRatePeak, 1.0);
        QCOMPARE(ev.availability, 0.0);
    }

    // An empty variant is refused as an empty design is (QA: validate passed it, and diff then
    // called it "more available" than the design).
    void emptyVariantIsRefused()
    {
        Design d = valid();
        d.variants.push_back({"empty", {}});
        QCOMPARE(describe(variantValidationIssues(d, Catalog::builtin())),
                 QStringLiteral("variants[0].design.components: the design has no components: "
                                "nothing to check"));
        d.variants.front().design = valid();
        QVERIFY(variantValidationIssues(d, Catalog::builtin()).empty());
    }

    // A design with errors is evaluated to its demand only: no components, no lumps.
    void unusableDesignHasNoFigures()
    {
        Design d = valid();
        d.connections.push_back(wire("db", "s3"));
        Model m(d, Catalog::builtin());
        QVERIFY(!m.ok());
        QCOMPARE(m.lumpCount(), 0);
        QCOMPARE(m.lumpOf(0), -1);
        const Evaluation ev = m.evaluate(1000);
        QVERIFY(ev.components.empty());
        QVERIFY(ev.warnings.empty());
        // 1,000 users × 100 requests a day, flat: 100,000 / 86,400 req/s.
        SC_COMPARE_REL(ev.demand.peakRps, 1e5 / 86400, 1e-12);
        QVERIFY(m.sweep(10, 1e6, 5).points.empty());
    }

    // A loop with a long chain below it (ids growing downwards, the order a naive peel is
    // slowest in): only the two on the loop are named; a loop of 50 names 20 and counts the rest.
    void loopWithChainBelowNamesOnlyTheLoop()
    {
        Design d = valid();
        d.components.push_back(make("lb2", Kind::LoadBalancer));
        d.connections.push_back(wire("lb", "lb2"));
        d.connections.push_back(wire("lb2", "lb"));
        std::string prev = "lb2";
        for (int i = 0; i < 500; ++i) {
            const std::string id = "chain" + std::to_string(i);
            d.components.push_back(make(id, Kind::LoadBalancer));
            d.connections.push_back(wire(prev, id));
            prev = id;
        }
        d.connections.push_back(wire(prev, "app"));
        Model m(d, Catalog::builtin());
        QCOMPARE(describe(m.errors()),
                 QString("design.connections: connections form a loop through \"lb\", \"lb2\""));

        Design ring = valid();
        for (int i = 0; i < 50; ++i) {
            ring.components.push_back(make("r" + std::to_string(100 + i), Kind::LoadBalancer));
            ring.connections.push_back(
                wire("r" + std::to_string(100 + i), "r" + std::to_string(100 + (i + 1) % 50)));
        }
        ring.connections.push_back(wire("u", "r100"));
        Model mr(ring, Catalog::builtin());
        QString expected = "design.connections: connections form a loop through ";
        for (int i = 0; i < 20; ++i)
            expected += QString(i ? ", " : "") + "\"r" + QString::number(100 + i) + "\"";
        QCOMPARE(describe(mr.errors()), expected + " and 30 more");
    }

    // 300 unknown instance types: 200 named, one line for the other 100.
    void manyProblemsAreCapped()
    {
        Design d = valid();
        for (int i = 0; i < 300; ++i) {
            const std::string id = "app" + std::to_string(i);
            const std::string type = "x.huge" + std::to_string(i);
            d.components.push_back(
                make(id, Kind::AppServer, {{"instanceType", text(type.c_str())}}));
            d.connections.push_back(wire("lb", id));
        }
        Model m(d, Catalog::builtin());
        QCOMPARE(m.errors().size(), size_t(201));
        QCOMPARE(m.errors()[0].toString(), std::string("design.components[5].params.instanceType: "
                                                       "unknown instance type \"x.huge0\" (not "
                                                       "in the us-east-1 catalog)"));
        QCOMPARE(m.errors().back().toString(), std::string("… and 100 more problems not listed"));
    }

    // Every repeat of an earlier connection is an error at the repeat, however many there are
    // and wherever they are; the first connection of each pair of components is not: app → db
    // three times and lb → app twice among 1,000 distinct connections.
    void everyRepeatIsNamed()
    {
        Design d = valid();
        for (int i = 0; i < 1000; ++i) {
            const std::string id = "bucket" + std::to_string(i);
            d.components.push_back(make(id, Kind::ObjectStorage));
            d.connections.push_back(wire("app", id));
            if (i == 300 || i == 700)
                d.connections.push_back(wire("app", "db"));
            if (i == 500)
                d.connections.push_back(wire("lb", "app"));
        }
        Model m(d, Catalog::builtin());
        // valid()'s four, then bucket0 … bucket300 (301), the first repeat, the next 200, the
        // second, the next 200, the third.
        const std::vector<std::string> expected{
            "design.connections[305]: duplicate connection from \"app\" to \"db\"",
            "design.connections[506]: duplicate connection from \"lb\" to \"app\"",
            "design.connections[707]: duplicate connection from \"app\" to \"db\""};
        std::vector<std::string> got;
        for (const Issue &i : m.errors())
            got.push_back(i.toString());
        QVERIFY2(got == expected, qPrintable(describe(m.errors())));
    }

    // An empty design is not an error: there is nothing to say "no clients" about.
    void emptyDesignIsValid()
    {
        Model m(Design{}, Catalog::builtin());
        QVERIFY2(m.ok(), qPrintable(describe(m.errors())));
        QVERIFY(m.evaluate(1000).components.empty());
    }
};

QTEST_GUILESS_MAIN(TestTopology)
#include "tst_topology.moc"
