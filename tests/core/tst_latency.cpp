// Latency: Little's law per station, M/M/c response times added along the routes, the
// network RTT, percentiles of fixed-latency routes, threads held downstream (docs/model.md,
// "End-to-end latency", "Little's law"). The queueing formulas themselves are tested in
// tst_queueing; here the expected figures come from closed forms: for M/M/2 the response time
// is W = S / (1 − ρ²).
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "core/io/templates.h"
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

// M/M/2 mean response time (Erlang C for two servers: C = 2ρ² / (1 + ρ)).
double mm2(double serviceMs, double rho)
{
    return serviceMs / (1 - rho * rho);
}

// clients → one c5.large app server (2 ms) → a db.m5.large primary (reads 5 ms), both two
// cores; 200 reads/s: ρ_app = 0.2, ρ_db = 0.5.
Design tandem(double rttMs)
{
    Design d;
    d.traffic = flat(200 * 86400.0, 1);
    d.traffic.networkRttMs = rttMs;
    d.components = {
        make("u", Kind::Clients),
        make("app", Kind::AppServer, {{"instances", num(1)}, {"instanceType", text("c5.large")}}),
        make("db", Kind::Database)};
    d.connections = {wire("u", "app"), wire("app", "db")};
    return d;
}

} // namespace

class TestLatency : public QObject
{
    Q_OBJECT

private slots:
    // Case 1: 2,000 req/s at 50 ms → L = λW = 100 in flight.
    void littlesLaw()
    {
        Design d;
        d.traffic = flat(2000 * 86400.0, 1); // one request per user per day → 2,000 req/s
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                       {{"instances", num(100)},
                                                        {"instanceType", text("m5.24xlarge")},
                                                        {"serviceTimeMs", num(50)}})};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(d.traffic.users);
        const ComponentResult *app = sctest::resultOf(ev, "app");
        QVERIFY(app);
        QCOMPARE_LT(std::fabs(app->arrivalRps - 2000) / 2000, 1e-12);
        // 9,600 cores at ρ ≈ 0.01: the wait is nil and W = 50 ms.
        QCOMPARE_LT(std::fabs(app->concurrency - 2000 * 0.050), 1e-6);
    }

    // Case 1, second half: 80% of reads served by a 2 ms cache, 20% by a 50 ms database.
    // Our model charges misses the cache lookup too (look-aside: ask, miss, then query),
    // so L = λ·(0.8·2 + 0.2·(2 + 50)) ms = 24 where the article's simpler sum gives 23.2.
    void littlesLawWithCache()
    {
        Design d;
        d.traffic = flat(2000 * 86400.0, 1);
        d.components = {
            make("u", Kind::Clients),
            make("app", Kind::AppServer,
                 {{"instances", num(100)},
                  {"instanceType", text("m5.24xlarge")},
                  {"serviceTimeMs", num(0.001)}}),
            make("cache", Kind::Cache,
                 {{"instances", num(10)}, {"hitRatio", num(0.8)}, {"serviceTimeMs", num(2)}}),
            make("db", Kind::Database,
                 {{"instanceType", text("db.r5.4xlarge")}, {"readServiceTimeMs", num(50)}})};
        d.connections = {wire("u", "app"), wire("app", "cache"), wire("app", "db")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(d.traffic.users);
        const ComponentResult *db = sctest::resultOf(ev, "db");
        QVERIFY(db);
        // The database is asked for 400 req/s × 50 ms on 16 cores: ρ = 1.25 (what reaches it
        // against its capacity), and requests fail (overload is a loss). Use a bigger box by
        // sharding 8 ways (even split) to keep queueing out of the figure.
        QCOMPARE_LT(std::fabs(db->arrivalRps - 2000 * 0.2), 1e-9);
        QCOMPARE_LT(std::fabs(db->utilization - 400 * 0.050 / 16), 1e-9);
        QVERIFY(ev.errorRatePeak > 0);
        Design d2 = d;
        d2.components[3].params["shards"] = num(8);
        d2.components[3].params["maxConnections"] = num(100000); // the 5,000 threads' connections
        d2.components[3].params["shardSkew"] = num(1);
        Model m2(d2, Catalog::builtin());
        const Evaluation ev2 = m2.evaluate(d.traffic.users);
        const ComponentResult *cache2 = sctest::resultOf(ev2, "cache");
        const ComponentResult *db2 = sctest::resultOf(ev2, "db");
        QVERIFY(cache2 && db2);
        QCOMPARE_LT(std::fabs(db2->arrivalRps - 2000 * 0.2), 1e-9);
        QCOMPARE(ev2.errorRatePeak, 0.0);
        // The cache also fills each of the 400 misses (docs/model.md "Cache fills and
        // invalidations"): 2,400 ops/s in it, of which the 2,000 users' reads are the case's.
        QCOMPARE_LT(std::fabs(cache2->concurrency - 2400 * 0.002), 1e-3);
        const double cacheL =
            cache2->arrivals[size_t(RequestClass::Read)] * cache2->meanLatencyMs / 1000.0;
        const double dbL = db2->concurrency;
        QCOMPARE_LT(std::fabs(cacheL - 2000 * 0.002), 1e-3);
        QVERIFY(dbL >= 400 * 0.050 * (1 - 1e-12) && dbL < 400 * 0.050 * 1.02); // ρ ≈ 0.16 per shard
        QVERIFY(std::fabs(cacheL + dbL - 24.0) < 0.4);
        // The read latency (RTT aside) is the same mean: (0.8·2 + 0.2·52) ms = 12 ms.
        const double readMs =
            ev2.latencyByClass[size_t(RequestClass::Read)].mean - d.traffic.networkRttMs;
        QVERIFY(std::fabs(readMs - 12.0) < 0.2);
    }

    // Case 2: 10,000 users, one request every 30 s → 333 req/s; 10 ms each → 3.3 busy connections.
    void connectionNeed()
    {
        Design d;
        d.traffic = flat(10000, 86400.0 / 30);
        d.components = {
            make("u", Kind::Clients), make("app", Kind::AppServer, {{"instances", num(2)}}),
            make("db", Kind::Database,
                 {{"instanceType", text("db.m5.4xlarge")}, {"readServiceTimeMs", num(10)}})};
        d.connections = {wire("u", "app"), wire("app", "db")};
        Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(10000);
        const double rate = 10000.0 / 30;
        QCOMPARE_LT(std::fabs(ev.demand.peakRps - rate) / rate, 1e-12);
        const ComponentResult *db = sctest::resultOf(ev, "db");
        QVERIFY(db);
        const double busy = db->connectionsBusy;
        QVERIFY(busy >= rate * 0.010 && busy < rate * 0.010 * 1.01);
        QCOMPARE(std::round(busy * 10) / 10, 3.3);
    }

    // One M/M/2 station: c5.large at 10 ms, 100 req/s → ρ = 0.5, W = 10 / 0.75 = 13.33 ms; the
    // user sees W + RTT; L = λW.
    void singleStation()
    {
        Design d;
        d.traffic = flat(100 * 86400.0, 1);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                       {{"instances", num(1)},
                                                        {"instanceType", text("c5.large")},
                                                        {"serviceTimeMs", num(10)}})};
        d.connections = {wire("u", "app")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        const ComponentResult *app = sctest::resultOf(ev, "app");
        QVERIFY(app);
        const double w = mm2(10, 0.5);
        SC_COMPARE_REL(app->meanLatencyMs, w, 1e-9);
        SC_COMPARE_REL(app->concurrency, 100 * w / 1000, 1e-9);
        QVERIFY(ev.latency.valid);
        SC_COMPARE_REL(ev.latency.mean, 50 + w, 1e-9);
        SC_COMPARE_REL(ev.latencyByClass[size_t(RequestClass::Read)].mean, 50 + w, 1e-9);
        QVERIFY(ev.latency.p50 <= ev.latency.p95 && ev.latency.p95 <= ev.latency.p99);
        QVERIFY(ev.latency.p99 > ev.latency.mean);
    }

    // Stations in series add their means: RTT + W_app + W_db. The app's threads are held for
    // its own service time and the database's whole time, not its wait for one of its own cores
    // (docs/model.md "Pools are limits"): λ·(2 ms + W_db) on its one instance (σ = 0: the
    // service time is not inflated).
    void tandemMeansAdd()
    {
        const Design d = tandem(50);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        const double wApp = mm2(2, 0.2), wDb = mm2(5, 0.5);
        QVERIFY(ev.latency.valid);
        SC_COMPARE_REL(ev.latency.mean, 50 + wApp + wDb, 1e-9);
        const ComponentResult *app = sctest::resultOf(ev, "app");
        const ComponentResult *db = sctest::resultOf(ev, "db");
        QVERIFY(app && db);
        SC_COMPARE_REL(app->meanLatencyMs, wApp, 1e-9);
        SC_COMPARE_REL(db->connectionsBusy, 200 * wDb / 1000, 1e-9);
        SC_COMPARE_REL(app->threadsBusyPerInstance, 200 * (2 + wDb) / 1000, 1e-9);
    }

    // A database has no more requests in progress than connections (docs/model.md "Little's
    // law"): behind a pooler that opens 10, at 380 reads/s (ρ_db = 380 × 5 ms / 2 cores = 0.95,
    // W_db = 5 / (1 − 0.95²) = 51.28 ms) Little's law puts λ·W = 19.5 requests at the database,
    // of which 10 hold a connection and the others wait at the pooler for one; at 200 reads/s
    // (W_db = 5 / 0.75 ms) λ·W = 1.33, all of them busy. Overloaded, every connection it has is
    // busy: the connection storm (20 app servers × 25 threads against max_connections 400) at 1M
    // users, its primary past its capacity: 400 (it read null).
    void connectionsBusyAtMostThoseOpen()
    {
        {
            const auto storm = sctest::templateDesign("case-connection-storm");
            QVERIFY(storm);
            const Evaluation ev = Model(*storm, Catalog::builtin()).evaluate(1e6);
            const ComponentResult *db = sctest::resultOf(ev, "db");
            QVERIFY(db && db->overloaded);
            QCOMPARE(db->connectionsOpened, 20.0 * 25);
            QCOMPARE(db->connectionsBusy, 400.0);
        }
        for (const double rate : {380.0, 200.0}) {
            Design d = tandem(50);
            d.traffic = flat(rate * 86400.0, 1);
            d.components.push_back(
                make("pool", Kind::Pooler, {{"instances", num(1)}, {"poolSize", num(10)}}));
            d.connections = {wire("u", "app"), wire("app", "pool"), wire("pool", "db")};
            const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
            const ComponentResult *db = sctest::resultOf(ev, "db");
            QVERIFY(db);
            const double rho = rate * 5 / 1000 / 2;
            QCOMPARE(db->connectionsOpened, 10.0);
            const double littles = rate * mm2(5, rho) / 1000;
            SC_COMPARE_REL(db->concurrency, littles, 1e-9);
            SC_COMPARE_REL(db->connectionsBusy, std::min(littles, 10.0), 1e-9);
        }
        {
            // Both kinds of caller: the writes come through a pooler of 10, the reads' misses
            // from a read-through cache, which opens none counted. 600 req/s, a third writes:
            // 200 writes/s and 400 reads/s, of which the cache misses 45% (180/s). The primary,
            // 5 ms a read or a write on two cores, takes 380/s: ρ = 0.95, M/M/2. The writes'
            // λ·W (10.3) is capped at the pooler's 10 connections; the misses' (9.2) stand.
            Design d;
            d.traffic = flat(600 * 86400.0, 1, 1.0 / 3);
            d.components = {
                make("u", Kind::Clients),
                make("app", Kind::AppServer,
                     {{"instances", num(4)}, {"instanceType", text("c5.large")}}),
                make("cache", Kind::Cache, {{"hitRatio", num(0.55)}}),
                make("pool", Kind::Pooler, {{"instances", num(1)}, {"poolSize", num(10)}}),
                make("db", Kind::Database,
                     {{"readServiceTimeMs", num(5)}, {"writeServiceTimeMs", num(5)}})};
            d.connections = {wire("u", "app"), wire("app", "cache"), wire("cache", "db"),
                             wire("app", "pool"), wire("pool", "db")};
            const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
            const ComponentResult *db = sctest::resultOf(ev, "db");
            QVERIFY(db);
            SC_COMPARE_REL(db->arrivals[size_t(RequestClass::Read)], 180.0, 1e-9);
            SC_COMPARE_REL(db->arrivals[size_t(RequestClass::Write)], 200.0, 1e-9);
            QCOMPARE(db->connectionsOpened, 10.0);
            const double w = mm2(5, 380 * 5 / 1000.0 / 2) / 1000; // seconds
            SC_COMPARE_REL(db->concurrency, 380 * w, 1e-9);
            QCOMPARE_GT(200 * w, 10.0);
            SC_COMPARE_REL(db->connectionsBusy, 10 + 180 * w, 1e-9);
            // The server accepts no more in all than its maxConnections, the cache's included.
            d.components[4].params["maxConnections"] = num(12);
            const Evaluation capped = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
            QCOMPARE(sctest::resultOf(capped, "db")->connectionsBusy, 12.0);
        }
    }

    // A round trip is a fixed time, inside the latency mixture as outside it: one population
    // (all the users, in Tokyo) whose first call takes traffic.networkRttMs, as no component is
    // placed, gives the percentiles of the same design without populations, where the RTT is
    // added to them. (Inside a gamma law fitted on mean and variance the constant thinned the
    // tail: the p99 read 8% lower with the population.)
    void roundTripsInsideTheMixtureAreFixed()
    {
        const Design plain = tandem(50);
        Design placed = plain;
        placed.populations = {{"Tokyo", 1.0, {"ap-northeast-1", 0, 0}}};
        const Evaluation a = Model(plain, Catalog::builtin()).evaluate(plain.traffic.users);
        const Evaluation b = Model(placed, Catalog::builtin()).evaluate(placed.traffic.users);
        QVERIFY(a.latency.valid && b.latency.valid);
        SC_COMPARE_REL(b.latency.mean, a.latency.mean, 1e-12);
        SC_COMPARE_REL(b.latency.p50, a.latency.p50, 1e-9);
        SC_COMPARE_REL(b.latency.p95, a.latency.p95, 1e-9);
        SC_COMPARE_REL(b.latency.p99, a.latency.p99, 1e-9);
    }

    // The RTT shifts every user-facing figure by itself, percentiles included.
    void rttShiftsEverything()
    {
        const Design near = tandem(0), far = tandem(80);
        const Evaluation a = Model(near, Catalog::builtin()).evaluate(near.traffic.users);
        const Evaluation b = Model(far, Catalog::builtin()).evaluate(far.traffic.users);
        QVERIFY(a.latency.valid && b.latency.valid);
        SC_COMPARE_ABS(b.latency.mean - a.latency.mean, 80.0, 1e-9);
        SC_COMPARE_ABS(b.latency.p50 - a.latency.p50, 80.0, 1e-9);
        SC_COMPARE_ABS(b.latency.p95 - a.latency.p95, 80.0, 1e-9);
        SC_COMPARE_ABS(b.latency.p99 - a.latency.p99, 80.0, 1e-9);
    }

    // Fixed latencies make point masses: static fetches through a CDN that hits 90% at 5 ms
    // and sends misses to S3 (20 ms) take 5 ms 90% of the time and 25 ms otherwise:
    // p50 = 5, p95 = p99 = 25, mean = 0.9·5 + 0.1·25 = 7 (plus the 50 ms RTT).
    void fixedLatencyPercentiles()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.traffic.staticPerRequest = 1;
        d.components = {make("u", Kind::Clients), make("cdn", Kind::Cdn),
                        make("s3", Kind::ObjectStorage), make("app", Kind::AppServer)};
        d.connections = {wire("u", "cdn"), wire("cdn", "s3"), wire("u", "app")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        const LatencySummary &s = ev.latencyByClass[size_t(RequestClass::Static)];
        QVERIFY(s.valid);
        SC_COMPARE_REL(s.mean, 57.0, 1e-9);
        SC_COMPARE_REL(s.p50, 55.0, 1e-9);
        SC_COMPARE_REL(s.p95, 75.0, 1e-9);
        SC_COMPARE_REL(s.p99, 75.0, 1e-9);
    }

    // A quantile never falls as q rises: p50 ≤ p95 ≤ p99 for the whole, every class and every
    // population of every template, at counts from 10 to past the walls, and at every point of
    // the sweep (QA: stage 5's static fetches, all at the CDN's 5 ms, read p50
    // 5.000000000000826 and p95 4.999999999998552).
    void percentilesInOrder()
    {
        const auto ordered = [](const LatencySummary &s) {
            return !s.valid || (s.p50 <= s.p95 && s.p95 <= s.p99);
        };
        int checked = 0;
        for (const TemplateInfo &t : builtinTemplates()) {
            const auto d = sctest::templateDesign(t.name);
            QVERIFY2(d, t.name.c_str());
            const Model m(*d, Catalog::builtin());
            for (const double users : {10.0, 1e3, 1e5, 1e7}) {
                const Evaluation ev = m.evaluate(users);
                const QByteArray at =
                    QByteArray(t.name.c_str()) + " at " + QByteArray::number(users);
                QVERIFY2(ordered(ev.latency), at);
                for (size_t k = 0; k < ev.latencyByClass.size(); ++k)
                    QVERIFY2(ordered(ev.latencyByClass[k]),
                             at + " class " + QByteArray::number(int(k)));
                for (const PopulationResult &pop : ev.populations)
                    QVERIFY2(ordered(pop.latency), at + " " + pop.name.c_str());
                ++checked;
            }
            for (const SweepPoint &pt : m.sweep(10, 1e8, 50).points)
                QVERIFY2(!pt.latency.valid ||
                             (pt.latency.p50 <= pt.latency.p95 && pt.latency.p95 <= pt.latency.p99),
                         t.name.c_str());
        }
        QVERIFY(checked >= 4 * 16);
    }

    // An overloaded station has no latency: the summary is invalid and its L is not reported.
    // A station asked for more than it can carry has no latency of its own, and neither has
    // anything whose route passes it. The app server (c5.large, 2 ms: 1,000 req/s) at 1,250
    // req/s: ρ = 1.25 (it sheds the rest; its threads hold nothing for its own queue).
    void overloadedHasNoLatency()
    {
        Design d = tandem(50);
        d.traffic = flat(1250 * 86400.0, 1);
        d.components[1].params["serviceTimeMs"] = num(2);
        d.components[2].params["instanceType"] = text("db.r5.4xlarge");
        d.components[2].params["readServiceTimeMs"] = num(1);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        const ComponentResult *db = sctest::resultOf(ev, "app");
        QVERIFY(db);
        QVERIFY(db->overloaded);
        SC_COMPARE_REL(db->utilization, 1.25, 1e-12);
        QCOMPARE(db->concurrency, 0.0);
        QVERIFY(!ev.latency.valid);
        QVERIFY(!ev.latencyByClass[size_t(RequestClass::Read)].valid);
    }
};

QTEST_GUILESS_MAIN(TestLatency)
#include "tst_latency.moc"
