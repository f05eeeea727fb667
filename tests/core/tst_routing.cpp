// Routing: where each request class goes (docs/model.md, "Routing"), as per-user arrival
// rates and edge flows. Expected rates are the traffic's class rates times the split worked
// out by hand from hit ratios, weights and instance counts.
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <cmath>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

constexpr double kRel = 1e-12;

double arrival(const Model &m, const char *id, RequestClass c)
{
    const int i = m.design().indexOf(id);
    return i < 0 ? std::nan("") : m.perUserArrival(i, c);
}

// The flow on the connection from → to; NaN when there is none.
double edgeFlow(const Model &m, const char *from, const char *to)
{
    const auto &conns = m.design().connections;
    for (size_t e = 0; e < conns.size(); ++e)
        if (conns[e].from == from && conns[e].to == to)
            return m.perUserEdgeFlow(int(e));
    return std::nan("");
}

} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private slots:
    // Case 9: 10,000 queries/s at a 95% hit rate → 500 reach the database.
    void cacheOffload()
    {
        Design d;
        d.traffic = flat(10000 * 86400.0, 1);
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer, {{"instances", num(20)}}),
                        make("cache", Kind::Cache, {{"hitRatio", num(0.95)}}),
                        make("db", Kind::Database, {{"instanceType", text("db.r5.4xlarge")}})};
        d.connections = {wire("u", "app"), wire("app", "cache"), wire("app", "db")};
        Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(d.traffic.users);
        const ComponentResult *cache = sctest::resultOf(ev, "cache");
        const ComponentResult *db = sctest::resultOf(ev, "db");
        QVERIFY(cache && db);
        QCOMPARE_LT(std::fabs(cache->arrivals[size_t(RequestClass::Read)] - 10000), 1e-6);
        // Each of the 500 misses fills the cache (a set): 10,500 operations reach it.
        QCOMPARE_LT(std::fabs(cache->arrivalRps - 10500), 1e-6);
        QCOMPARE_LT(std::fabs(db->arrivalRps - 500), 1e-6);
    }

    // Case 12: 100K users × 1 message/min ≈ 1,667 msg/s; groups of 20 → ~33K deliveries/s.
    void chatFanOut()
    {
        const auto d = sctest::templateDesign("case-chat-fanout");
        QVERIFY(d);
        Model m(*d, Catalog::builtin());
        const Evaluation ev = m.evaluate(100000);
        QCOMPARE_LT(std::fabs(ev.demand.writeRps - 100000 / 60.0), 1e-9);
        QCOMPARE_LT(std::fabs(ev.demand.jobRps - 20 * 100000 / 60.0), 1e-6);
        const ComponentResult *ws = sctest::resultOf(ev, "ws");
        QVERIFY(ws);
        QCOMPARE_LT(std::fabs(ws->arrivalRps - 20 * 100000 / 60.0), 1e-6);
        // One c5.large server: 2 vCPU × 1000 / 0.1 ms = 20,000 deliveries/s → 2–3 servers.
        const double perServer = 2 * 1000 / 0.1;
        const double needed = std::ceil(ws->arrivalRps / perServer);
        QCOMPARE(needed, 2.0);
        QCOMPARE_LT(std::fabs(ws->utilization - ws->arrivalRps / (3 * perServer)), 1e-12);
    }

    // A request class with nowhere to go is a dead end, not a silent zero and not an error that
    // blanks the design: the requests fail there, the rest is evaluated, validate refuses it.
    void nowhereToGo()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer)};
        d.components[1].label = "Front door";
        d.connections = {wire("u", "lb")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        QCOMPARE(m.incomplete().size(), size_t(1));
        const Issue &issue = m.incomplete().front();
        QCOMPARE(issue.path, std::string("design.components[1]"));
        QCOMPARE(issue.componentId, std::string("lb"));
        QCOMPARE(issue.message, std::string("Load balancer \"Front door\" has nowhere to send read "
                                            "requests: connect it onward"));
        QCOMPARE(m.validationIssues().size(), size_t(1));
        // 1,000 users × 100 a day, flat: 100,000 / 86,400 req/s reach the balancer and fail.
        const Evaluation ev = m.evaluate(1000);
        SC_COMPARE_REL(sctest::resultOf(ev, "lb")->arrivalRps, 1e5 / 86400, kRel);
        QCOMPARE(ev.availability, 0.0);
        QVERIFY(!ev.latency.valid); // no dynamic request is served: no latency, not a NaN
        const Warning *w = sctest::warningOf(ev, "DEAD_END", "lb");
        QVERIFY(w);
        QCOMPARE(w->severity, Severity::Error);
    }

    // Writes that enqueue jobs on an app server with no queue or workers: the jobs have
    // nowhere to go (a dead end of class job). With a queue and workers the same design is
    // complete.
    void jobsWithNowhereToGo()
    {
        Design d;
        d.traffic = flat(1000, 100, 0.5);
        d.traffic.asyncPerWrite = 1;
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer)};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        QCOMPARE(m.incomplete().size(), size_t(1));
        QVERIFY(m.incomplete().front().message.find("nowhere to send job requests") !=
                std::string::npos);
        // Half of 100,000 / 86,400 req/s are writes, one job each: dropped at the app, and said
        // so as jobs (background work), not as the users' requests failing: the error rate
        // counts none of them.
        const Evaluation ev = m.evaluate(1000);
        const Warning *w = sctest::warningOf(ev, "DEAD_END", "app");
        QVERIFY(w);
        QVERIFY2(w->message.find("job requests; 0.579 jobs/s are dropped (background work, not "
                                 "in the error rate)") != std::string::npos,
                 w->message.c_str());
        QVERIFY2(w->message.find("req/s fail") == std::string::npos, w->message.c_str());
        QCOMPARE(ev.errorRatePeak, 0.0);
        d.components.push_back(make("queue", Kind::Queue));
        d.components.push_back(make("workers", Kind::Worker));
        d.connections.push_back(wire("app", "queue"));
        d.connections.push_back(wire("queue", "workers"));
        const Model complete(d, Catalog::builtin());
        QVERIFY(complete.ok());
        QVERIFY(complete.incomplete().empty());
    }

    // One unconnected box does not blank the figures (issue 13, item 18): "web" (60% of the
    // users) reaches the app servers; "mobile" (40%) reaches a balancer wired to nothing. The
    // app's figures, the latency and the wall are those of the same design without "mobile"
    // and the balancer; the availability is 60% of that design's (the other 40% fail).
    void deadEndLeavesTheRestEvaluated()
    {
        Design alone;
        alone.traffic = flat(10000, 100, 0.2);
        Component web = make("web", Kind::Clients, {{"share", num(0.6)}});
        Component app = make("app", Kind::AppServer,
                             {{"instances", num(2)}, {"instanceType", text("c5.large")}});
        alone.components = {web, app, make("db", Kind::Database, {{"multiAz", num(1)}})};
        alone.connections = {wire("web", "app"), wire("app", "db")};
        Design withLb = alone;
        withLb.components.push_back(make("mobile", Kind::Clients, {{"share", num(0.4)}}));
        withLb.components.push_back(make("lb", Kind::LoadBalancer));
        withLb.connections.push_back(wire("mobile", "lb"));
        const Model ma(alone, Catalog::builtin()), mb(withLb, Catalog::builtin());
        QVERIFY(ma.ok() && ma.incomplete().empty());
        QVERIFY(mb.ok());
        QCOMPARE(mb.incomplete().size(), size_t(1));
        QCOMPARE(mb.incomplete().front().path, std::string("design.components[4]"));
        for (double users : {1e3, 1e5, 1e7}) {
            const Evaluation a = ma.evaluate(users), b = mb.evaluate(users);
            for (const char *id : {"app", "db"}) {
                const ComponentResult *ra = sctest::resultOf(a, id), *rb = sctest::resultOf(b, id);
                QVERIFY(ra && rb);
                QCOMPARE(rb->arrivalRps, ra->arrivalRps);
                QCOMPARE(rb->utilization, ra->utilization);
                QCOMPARE(rb->meanLatencyMs, ra->meanLatencyMs);
                // Its own lines; data out is priced for the account (tiers, the free 100 GB
                // shared with the balancer's volume: docs/model.md "Tiered prices").
                QCOMPARE(sctest::costLine(b, id, "×"), sctest::costLine(a, id, "×"));
            }
            QCOMPARE(b.latency.valid, a.latency.valid);
            if (a.latency.valid) {
                SC_COMPARE_REL(b.latency.mean, a.latency.mean, kRel);
                SC_COMPARE_REL(b.latency.p99, a.latency.p99, kRel);
            }
            SC_COMPARE_REL(b.availability, 0.6 * a.availability, kRel);
            QCOMPARE(b.maxUsers.has_value(), a.maxUsers.has_value());
            SC_COMPARE_REL(*b.maxUsers, *a.maxUsers, kRel);
            // 40% of the dynamic peak reaches the balancer and fails there.
            SC_COMPARE_REL(sctest::resultOf(b, "lb")->arrivalRps, 0.4 * b.demand.peakRps, kRel);
            const Warning *w = sctest::warningOf(b, "DEAD_END", "lb");
            QVERIFY(w);
            QCOMPARE(w->severity, Severity::Error);
            QVERIFY2(w->message.find("nowhere to send read and write requests") !=
                         std::string::npos,
                     w->message.c_str());
        }
        // The sweep runs too, with the app's utilization of the complete design.
        const Sweep sa = ma.sweep(10, 1e8, 20), sb = mb.sweep(10, 1e8, 20);
        QCOMPARE(sb.points.size(), size_t(20));
        for (size_t k = 0; k < sb.points.size(); ++k)
            QCOMPARE(sb.points[k].utilization[1], sa.points[k].utilization[1]);
        SC_COMPARE_REL(*sb.wallUsers, *sa.wallUsers, kRel);
    }

    // Clients wired to both the app servers and an unfinished balancer split their requests by
    // instance count (2 : 1): a third reaches the balancer and fails.
    void deadEndTakesItsShare()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer, {{"instances", num(2)}}),
                        make("lb", Kind::LoadBalancer)};
        d.connections = {wire("u", "app"), wire("u", "lb")};
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const double base = m.baseRates()[size_t(RequestClass::Read)];
        SC_COMPARE_REL(arrival(m, "app", RequestClass::Read), base * 2 / 3, kRel);
        SC_COMPARE_REL(arrival(m, "lb", RequestClass::Read), base / 3, kRel);
        const Evaluation ev = m.evaluate(1000);
        QVERIFY(std::isfinite(ev.availability) && ev.availability < 2.0 / 3);
        QVERIFY(ev.latency.valid);
    }

    // The traffic's class rates per user at the peak: read = peak·(1 − w), write = peak·w,
    // static = peak·staticPerRequest, job = write·asyncPerWrite.
    void baseRatesByClass()
    {
        Design d;
        d.traffic.requestsPerUserPerDay = 86.4; // 0.001 req/s per user on average
        d.traffic.peakToAverage = 3;
        d.traffic.writeFraction = 0.25;
        d.traffic.staticPerRequest = 2;
        d.traffic.asyncPerWrite = 4;
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer),
                        make("queue", Kind::Queue), make("workers", Kind::Worker)};
        d.connections = {wire("u", "app"), wire("app", "queue"), wire("queue", "workers")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const ClassRates &b = m.baseRates();
        SC_COMPARE_REL(b[size_t(RequestClass::Read)], 0.003 * 0.75, kRel);
        SC_COMPARE_REL(b[size_t(RequestClass::Write)], 0.003 * 0.25, kRel);
        SC_COMPARE_REL(b[size_t(RequestClass::Static)], 0.003 * 2, kRel);
        SC_COMPARE_REL(b[size_t(RequestClass::Job)], 0.003 * 0.25 * 4, kRel);
        // The app server serves static itself (no S3 connected) and sends the jobs on.
        SC_COMPARE_REL(arrival(m, "app", RequestClass::Static), 0.006, kRel);
        SC_COMPARE_REL(arrival(m, "workers", RequestClass::Job), 0.003, kRel);
        SC_COMPARE_REL(edgeFlow(m, "queue", "workers"), 0.003, kRel);
    }

    // Without weights a balancer splits by the targets' instance counts (2 and 6: ¼ and ¾);
    // weights 3 and 1 split ¾ and ¼ whatever the counts.
    void balancerSplit()
    {
        Design d;
        d.traffic = flat(1, 86400); // 1 req/s per user
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                        make("a", Kind::AppServer, {{"instances", num(2)}}),
                        make("b", Kind::AppServer, {{"instances", num(6)}})};
        d.connections = {wire("u", "lb"), wire("lb", "a"), wire("lb", "b")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        SC_COMPARE_REL(arrival(m, "a", RequestClass::Read), 0.25, kRel);
        SC_COMPARE_REL(arrival(m, "b", RequestClass::Read), 0.75, kRel);
        SC_COMPARE_REL(edgeFlow(m, "lb", "b"), 0.75, kRel);
        d.connections[1].weight = 3;
        d.connections[2].weight = 1;
        Model w(d, Catalog::builtin());
        SC_COMPARE_REL(arrival(w, "a", RequestClass::Read), 0.75, kRel);
        SC_COMPARE_REL(arrival(w, "b", RequestClass::Read), 0.25, kRel);
    }

    // A connection restricted to static requests carries only those: the clients' static
    // fetches go to S3 and their dynamic requests to the app server.
    void classRestrictedConnection()
    {
        Design d;
        d.traffic = flat(1, 86400, 0.1);
        d.traffic.staticPerRequest = 3;
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer),
                        make("s3", Kind::ObjectStorage)};
        d.connections = {wire("u", "app"), wire("u", "s3")};
        d.connections[0].classes = {RequestClass::Read, RequestClass::Write};
        d.connections[1].classes = {RequestClass::Static};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        SC_COMPARE_REL(arrival(m, "s3", RequestClass::Static), 3.0, kRel);
        QCOMPARE(arrival(m, "app", RequestClass::Static), 0.0);
        SC_COMPARE_REL(arrival(m, "app", RequestClass::Read), 0.9, kRel);
        SC_COMPARE_REL(arrival(m, "app", RequestClass::Write), 0.1, kRel);
        QCOMPARE(arrival(m, "s3", RequestClass::Read), 0.0);
    }

    // A CDN absorbs its hit ratio of the static requests; the misses go to its origin, S3.
    void cdnAbsorbsStaticHits()
    {
        Design d;
        d.traffic = flat(1, 86400);
        d.traffic.staticPerRequest = 2;
        d.components = {make("u", Kind::Clients), make("cdn", Kind::Cdn, {{"hitRatio", num(0.85)}}),
                        make("s3", Kind::ObjectStorage), make("app", Kind::AppServer)};
        d.connections = {wire("u", "cdn"), wire("cdn", "s3"), wire("u", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        SC_COMPARE_REL(arrival(m, "cdn", RequestClass::Static), 2.0, kRel);
        SC_COMPARE_REL(arrival(m, "s3", RequestClass::Static), 2.0 * 0.15, kRel);
        // Clients prefer the app tier to the CDN for dynamic requests.
        SC_COMPARE_REL(arrival(m, "app", RequestClass::Read), 1.0, kRel);
        QCOMPARE(arrival(m, "cdn", RequestClass::Read), 0.0);
    }

    // From the app tier: reads to the cache first, misses to the replicas (not the primary);
    // writes through the pooler to the primary; workers write once per job through the pooler.
    void dataTier()
    {
        Design d;
        d.traffic = flat(1, 86400, 0.2); // 0.8 reads and 0.2 writes per second per user
        d.traffic.asyncPerWrite = 0.5;   // 0.1 jobs
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer),
                        make("cache", Kind::Cache, {{"hitRatio", num(0.75)}}),
                        make("replica", Kind::ReadReplica),
                        make("pool", Kind::Pooler),
                        make("db", Kind::Database),
                        make("queue", Kind::Queue),
                        make("workers", Kind::Worker)};
        d.connections = {wire("u", "app"),         wire("app", "cache"),   wire("app", "replica"),
                         wire("app", "pool"),      wire("pool", "db"),     wire("app", "queue"),
                         wire("queue", "workers"), wire("workers", "pool")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        SC_COMPARE_REL(arrival(m, "cache", RequestClass::Read), 0.8, kRel);
        SC_COMPARE_REL(arrival(m, "replica", RequestClass::Read), 0.8 * 0.25, kRel);
        QCOMPARE(arrival(m, "db", RequestClass::Read), 0.0);
        QCOMPARE(arrival(m, "pool", RequestClass::Read), 0.0);
        SC_COMPARE_REL(arrival(m, "pool", RequestClass::Write), 0.2, kRel);
        SC_COMPARE_REL(arrival(m, "pool", RequestClass::Job), 0.1, kRel);
        SC_COMPARE_REL(arrival(m, "db", RequestClass::Write), 0.2, kRel);
        SC_COMPARE_REL(arrival(m, "db", RequestClass::Job), 0.1, kRel);
        SC_COMPARE_REL(edgeFlow(m, "pool", "db"), 0.3, kRel);
        SC_COMPARE_REL(arrival(m, "workers", RequestClass::Job), 0.1, kRel);
        // Without the replica the misses go to the primary, through the pooler.
        d.components.erase(d.components.begin() + 3);
        d.connections.erase(d.connections.begin() + 2);
        Model noReplica(d, Catalog::builtin());
        QVERIFY(noReplica.ok());
        SC_COMPARE_REL(arrival(noReplica, "db", RequestClass::Read), 0.8 * 0.25, kRel);
        SC_COMPARE_REL(arrival(noReplica, "pool", RequestClass::Read), 0.8 * 0.25, kRel);
    }

    // Two clients components send their share of the traffic each (0.3 and 0.7 of it).
    void clientsShare()
    {
        Design d;
        d.traffic = flat(1, 86400);
        d.components = {make("web", Kind::Clients, {{"share", num(0.3)}}),
                        make("mobile", Kind::Clients, {{"share", num(0.7)}}),
                        make("a", Kind::AppServer), make("b", Kind::AppServer)};
        d.connections = {wire("web", "a"), wire("mobile", "b")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        SC_COMPARE_REL(arrival(m, "a", RequestClass::Read), 0.3, kRel);
        SC_COMPARE_REL(arrival(m, "b", RequestClass::Read), 0.7, kRel);
    }

    // Per connection and class (what the animated flow colours by): 0.1 req/s a user, 20%
    // writes, every 2nd write spawns a job. lb → app carries 0.08 reads and 0.02 writes; app →
    // db the same; app → queue and queue → workers 0.01 jobs; the classes sum to the edge's flow.
    void edgeFlowByClass()
    {
        Design d;
        d.traffic = flat(1000, 8640, 0.2);
        d.traffic.asyncPerWrite = 0.5;
        d.components = {make("u", Kind::Clients),     make("lb", Kind::LoadBalancer),
                        make("app", Kind::AppServer), make("db", Kind::Database),
                        make("queue", Kind::Queue),   make("workers", Kind::Worker)};
        d.connections = {wire("u", "lb"), wire("lb", "app"), wire("app", "db"),
                         wire("app", "queue"), wire("queue", "workers")};
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        auto near = [](const ClassRates &a, const ClassRates &b) {
            for (size_t k = 0; k < a.size(); ++k)
                if (std::fabs(a[k] - b[k]) > 1e-12)
                    return false;
            return true;
        };
        QVERIFY(near(m.perUserEdgeClassFlow(1), {0, 0.08, 0.02, 0}));
        QVERIFY(near(m.perUserEdgeClassFlow(2), {0, 0.08, 0.02, 0}));
        QVERIFY(near(m.perUserEdgeClassFlow(3), {0, 0, 0, 0.01}));
        QVERIFY(near(m.perUserEdgeClassFlow(4), {0, 0, 0, 0.01}));
        for (int e = 0; e < 5; ++e) {
            const ClassRates &c = m.perUserEdgeClassFlow(e);
            QVERIFY(std::fabs(c[0] + c[1] + c[2] + c[3] - m.perUserEdgeFlow(e)) < 1e-12);
        }
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
