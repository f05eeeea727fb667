// Stations: capacity, utilization, the USL speedup, auto-scaling, connections opened, and the
// wall and ceiling (docs/model.md, "Stations" and "Bottleneck, wall, ceiling"). Capacities are
// worked out from the catalog's vCPU counts and the service times: cores × 1000 / ms, scaled
// by S(c) = c / (1 + σ(c − 1) + κc(c − 1)).
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

} // namespace

class TestStations : public QObject
{
    Q_OBJECT

private slots:
    // Case 3: serial fraction 5% → speedup ≤ 20; at 100 servers ≈ 16.8. The scaling ceiling of
    // a σ-limited tier is 1/σ times one core's capacity.
    void amdahlCeiling()
    {
        QCOMPARE_LT(std::fabs(uslSpeedup(100, 0.05, 0) - 100 / (1 + 0.05 * 99)), 1e-12);
        QCOMPARE(std::round(uslSpeedup(100, 0.05, 0) * 10) / 10, 16.8);
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                       {{"instances", num(4)},
                                                        {"instanceType", text("c5.large")},
                                                        {"serviceTimeMs", num(10)},
                                                        {"serialFraction", num(0.05)}})};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(1000);
        QVERIFY(ev.scalingCeilingUsers.has_value());
        const double perUser = 100.0 / 86400;         // req/s per user
        const double ceilingRps = 20 * (1000.0 / 10); // 1/σ × one core's 100 req/s
        QCOMPARE_LT(std::fabs(*ev.scalingCeilingUsers - ceilingRps / perUser) /
                        (ceilingRps / perUser),
                    1e-9);
        // Today's wall: 8 cores → speedup 8 / (1 + 0.05·7).
        const double wallRps = 8 / (1 + 0.05 * 7) * 100;
        QVERIFY(ev.maxUsers.has_value());
        QCOMPARE_LT(std::fabs(*ev.maxUsers - wallRps / perUser) / (wallRps / perUser), 1e-9);
    }

    // Case 4: 20 app servers × 25 threads = 500 connections > max_connections 400.
    void connectionStorm()
    {
        auto d = sctest::templateDesign("case-connection-storm");
        QVERIFY(d);
        Model m(*d, Catalog::builtin());
        QVERIFY(m.ok());
        Evaluation ev = m.evaluate(d->traffic.users);
        const ComponentResult *db = sctest::resultOf(ev, "db");
        QVERIFY(db);
        QCOMPARE(db->connectionsOpened, 20.0 * 25);
        QVERIFY(sctest::hasWarning(ev, "TOO_MANY_CONNECTIONS", "db"));
        // 15 threads each → 300: fits.
        d->find("app")->params["threadsPerInstance"] = num(15);
        Model m15(*d, Catalog::builtin());
        ev = m15.evaluate(d->traffic.users);
        db = sctest::resultOf(ev, "db");
        QVERIFY(db);
        QCOMPARE(db->connectionsOpened, 20.0 * 15);
        QVERIFY(!sctest::hasWarning(ev, "TOO_MANY_CONNECTIONS", "db"));
        // A pooler in front: the database sees the pool, not the 500 client connections.
        d->find("app")->params["threadsPerInstance"] = num(25);
        d->components.push_back(make("pool", Kind::Pooler, {{"poolSize", num(60)}}));
        d->connections.back().to = "pool";
        d->connections.push_back(wire("pool", "db"));
        Model mp(*d, Catalog::builtin());
        QVERIFY(mp.ok());
        ev = mp.evaluate(d->traffic.users);
        db = sctest::resultOf(ev, "db");
        QVERIFY(db);
        QCOMPARE(db->connectionsOpened, 60.0);
        QVERIFY(!sctest::hasWarning(ev, "TOO_MANY_CONNECTIONS", "db"));
    }

    // Case 5: 20 × t3.large (1,000 req/s each) vs one c5.24xlarge (~20,000 req/s).
    void horizontalVsVerticalCapacity()
    {
        const auto h = sctest::templateDesign("case-horizontal");
        const auto v = sctest::templateDesign("case-vertical");
        QVERIFY(h && v);
        Model mh(*h, Catalog::builtin()), mv(*v, Catalog::builtin());
        const double users = 0.5e6; // half the template's load: both at ρ ≈ 0.5
        const Evaluation eh = mh.evaluate(users), evv = mv.evaluate(users);
        const ComponentResult *appH = sctest::resultOf(eh, "app");
        const ComponentResult *appV = sctest::resultOf(evv, "app");
        QVERIFY(appH && appV);
        // t3.large: 2 vCPU at 2 ms per request = 1,000 req/s each.
        QCOMPARE_LT(std::fabs(appH->capacityRps - 20 * 2 * 1000.0 / 2), 1e-6);
        // c5.24xlarge: 96 vCPU, σ = 0.0147 → 96 / (1 + 0.0147·95) × 500 req/s ≈ 20,000.
        const double vertical = 96 / (1 + 0.0147 * 95) * 500;
        QCOMPARE_LT(std::fabs(appV->capacityRps - vertical), 1e-6);
        QVERIFY(std::fabs(vertical - 20000) / 20000 < 0.01);
    }

    // Case 6: 1,500 req/day, ×3 into 8 hours, ×10 spike → a 50 req/s server at ~1%.
    void tinyBlogUtilization()
    {
        const auto d = sctest::templateDesign("case-tiny-blog");
        QVERIFY(d);
        Model m(*d, Catalog::builtin());
        const Evaluation ev = m.evaluate(500);
        const ComponentResult *blog = sctest::resultOf(ev, "blog");
        QVERIFY(blog);
        QCOMPARE_LT(std::fabs(blog->capacityRps - 50), 1e-9); // 2 vCPU × 1000 / 40 ms
        const double rho = 1500.0 / 86400 * 3 * 10 / 50;
        QCOMPARE_LT(std::fabs(blog->utilization - rho), 1e-12);
        QVERIFY(blog->utilization < 0.011);
        QVERIFY(!sctest::hasWarning(ev, "HOT", "blog"));
    }

    // Case 13: 5% CPU at 500 users → 10× growth → 50% on the same server.
    void growthIsLinear()
    {
        const auto d = sctest::templateDesign("stage1-1k");
        QVERIFY(d);
        Model m(*d, Catalog::builtin());
        const ComponentResult *at500 = nullptr, *at5000 = nullptr;
        const Evaluation e500 = m.evaluate(500), e5000 = m.evaluate(5000);
        at500 = sctest::resultOf(e500, "server");
        at5000 = sctest::resultOf(e5000, "server");
        QVERIFY(at500 && at5000);
        QCOMPARE_LT(std::fabs(at5000->utilization / at500->utilization - 10), 1e-9);
    }

    // Case 16: normally 4 servers; 20× traffic → target tracking at 50% needs n = ⌈λ/(0.5·cap)⌉,
    // between the scheduled minimum 20 and the maximum 80.
    void blackFriday()
    {
        Design d;
        // 4 × c5.large (2 vCPU, 5 ms) = 1,600 req/s; normal peak 640 req/s (ρ 0.4 on 4).
        d.traffic = flat(640 * 86400.0, 1);
        Component app = make("app", Kind::AppServer,
                             {{"instanceType", text("c5.large")}, {"serviceTimeMs", num(5)}});
        app.autoscale = Autoscale{20, 80, 0.5, 300, 120};
        d.components = {make("u", Kind::Clients), app};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        const Evaluation normal = m.evaluate(d.traffic.users);
        const ComponentResult *n = sctest::resultOf(normal, "app");
        QVERIFY(n);
        QCOMPARE(n->instances, 20.0); // the scheduled minimum
        const Evaluation friday = m.evaluate(20 * d.traffic.users);
        const ComponentResult *f = sctest::resultOf(friday, "app");
        QVERIFY(f);
        const double perInstance = 2 * 1000 / 5.0;
        const double expected = std::ceil(20 * 640 / (0.5 * perInstance));
        QCOMPARE(f->instances, expected); // 64
        QVERIFY(expected <= 80);
        QCOMPARE_LT(std::fabs(f->utilization - 20 * 640 / (expected * perInstance)), 1e-12);
    }

    // Shards: each is one primary of the instance type; the hottest carries skew / shards of the
    // load. 4 shards of db.m5.large (2 vCPU, 10 ms writes: 200 writes/s each), skew 1.5 →
    // the design carries 200 × 4 / 1.5 = 533 writes/s.
    void shardedCapacity()
    {
        Design d;
        d.traffic = flat(400 * 86400.0, 1, 1.0); // 400 writes/s
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer, {{"instances", num(4)}}),
                        make("db", Kind::Database,
                             {{"shards", num(4)}, {"shardSkew", num(1.5)}, {"multiAz", num(1)}})};
        d.connections = {wire("u", "app"), wire("app", "db")};
        Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(d.traffic.users);
        const ComponentResult *db = sctest::resultOf(ev, "db");
        QVERIFY(db);
        QCOMPARE_LT(std::fabs(db->capacityRps - 200.0 * 4 / 1.5), 1e-9);
        QCOMPARE_LT(std::fabs(db->utilization - 400 * 1.5 / 4 / 200.0), 1e-12);
        QCOMPARE(db->instances, 4.0);
        // One queue per shard: a shard spreads over its own instance's cores, not all shards'.
        const InstanceType *dbType =
            Catalog::builtin().instance(d.components[2].text("instanceType"));
        QVERIFY(dbType);
        QCOMPARE(db->cores, std::max(1.0, dbType->vcpu));
        const ComponentResult *app = sctest::resultOf(ev, "app");
        const InstanceType *appType =
            Catalog::builtin().instance(d.components[1].text("instanceType"));
        QVERIFY(app && appType);
        QCOMPARE(app->cores, 4 * std::max(1.0, appType->vcpu));
    }

    // USL with coherency: one c5.4xlarge (16 vCPU) at 4 ms, σ = 0.02, κ = 0.001:
    // S(16) = 16 / (1 + 0.02·15 + 0.001·16·15) = 16 / 1.54; capacity = S × 250 req/s.
    void uslWithCoherency()
    {
        Design d;
        d.traffic = flat(1000 * 86400.0, 1);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                       {{"instances", num(1)},
                                                        {"instanceType", text("c5.4xlarge")},
                                                        {"serviceTimeMs", num(4)},
                                                        {"serialFraction", num(0.02)},
                                                        {"coherency", num(0.001)}})};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const int app = m.design().indexOf("app");
        QCOMPARE(m.vcpuOf(app), 16.0);
        const double s16 = 16 / 1.54;
        SC_COMPARE_REL(m.speedup(app, 16), s16, 1e-12);
        SC_COMPARE_REL(m.capacityAt(app, 1), s16 * 250, 1e-12);
        const ComponentResult *r = sctest::resultOf(m.evaluate(d.traffic.users), "app");
        QVERIFY(r);
        SC_COMPARE_REL(r->capacityRps, s16 * 250, 1e-12);
        SC_COMPARE_REL(r->utilization, 1000 / (s16 * 250), 1e-12);
        // Past √((1 − σ)/κ) ≈ 31 cores more cores slow it down: two instances (32 cores) beat
        // one, three (48) do worse than two.
        QVERIFY(m.capacityAt(app, 2) > m.capacityAt(app, 1));
        QVERIFY(m.capacityAt(app, 3) < m.capacityAt(app, 2));
    }

    // A primary's service time is the arrival-weighted mix of its reads and writes: 70% reads
    // at 5 ms and 30% writes at 10 ms → 6.5 ms; db.m5.large has 2 vCPU → 2,000 / 6.5 req/s.
    void databaseMix()
    {
        Design d;
        d.traffic = flat(200 * 86400.0, 1, 0.3);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer),
                        make("db", Kind::Database)};
        d.connections = {wire("u", "app"), wire("app", "db")};
        const ComponentResult *db = nullptr;
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        db = sctest::resultOf(ev, "db");
        QVERIFY(db);
        SC_COMPARE_REL(db->capacityRps, 2000 / 6.5, 1e-12);
        SC_COMPARE_REL(db->utilization, 200 * 6.5 / 2000, 1e-12);
    }

    // Caches: nodes × opsPerNode; managed services: the catalog's practical maxRps.
    void cacheAndManagedCapacity()
    {
        Design d;
        d.traffic = flat(1000 * 86400.0, 1);
        d.traffic.staticPerRequest = 1;
        d.components = {
            make("u", Kind::Clients),
            make("cdn", Kind::Cdn),
            make("s3", Kind::ObjectStorage),
            make("lb", Kind::LoadBalancer),
            make("app", Kind::AppServer),
            make("cache", Kind::Cache, {{"instances", num(3)}, {"opsPerNode", num(50000)}}),
            make("db", Kind::Database)};
        d.connections = {wire("u", "cdn"),  wire("cdn", "s3"),    wire("u", "lb"),
                         wire("lb", "app"), wire("app", "cache"), wire("app", "db")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(d.traffic.users);
        const ComponentResult *cache = sctest::resultOf(ev, "cache");
        const ComponentResult *cdn = sctest::resultOf(ev, "cdn");
        const ComponentResult *s3 = sctest::resultOf(ev, "s3");
        const ComponentResult *lb = sctest::resultOf(ev, "lb");
        QVERIFY(cache && cdn && s3 && lb);
        QCOMPARE(cache->capacityRps, 150000.0);
        SC_COMPARE_REL(cache->utilization, 1000 / 150000.0, 1e-12);
        // Catalog assumptions: CloudFront 250,000, S3 55,000, ALB 100,000 req/s.
        QCOMPARE(cdn->capacityRps, 250000.0);
        QCOMPARE(s3->capacityRps, 55000.0);
        QCOMPARE(lb->capacityRps, 100000.0);
        SC_COMPARE_REL(lb->utilization, 1000 / 100000.0, 1e-12);
    }

    // The wall counts auto-scaled tiers at their maximum: 10 × c5.large at 2 ms = 10,000 req/s.
    // Behind a 97% cache, a db.m5.large that reads in 5 ms (400 req/s) sees 3% of the reads
    // and would carry 400 / 0.03 = 13,333 req/s, so the app tier is the wall.
    void wallWithAutoScaledTier()
    {
        Design d;
        d.traffic = flat(1, 1); // one request per user per day: wall in users = rps × 86,400
        Component app = make("app", Kind::AppServer, {{"instanceType", text("c5.large")}});
        app.autoscale = Autoscale{2, 10, 0.6, 300, 120};
        d.components = {
            make("u", Kind::Clients), app,
            make("cache", Kind::Cache, {{"hitRatio", num(0.97)}, {"instances", num(2)}}),
            make("db", Kind::Database, {{"multiAz", num(1)}})};
        d.connections = {wire("u", "app"), wire("app", "cache"), wire("app", "db")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(1000);
        QVERIFY(ev.maxUsers.has_value());
        SC_COMPARE_REL(*ev.maxUsers, 10000 * 86400.0, 1e-12);
        QCOMPARE(ev.wallComponent, m.design().indexOf("app"));
        // With a 90% cache the primary (400 / 0.1 = 4,000 req/s) is the wall.
        d.components[2].params["hitRatio"] = num(0.9);
        Model m90(d, Catalog::builtin());
        const Evaluation ev90 = m90.evaluate(1000);
        QVERIFY(ev90.maxUsers.has_value());
        SC_COMPARE_REL(*ev90.maxUsers, 4000 * 86400.0, 1e-12);
        QCOMPARE(ev90.wallComponent, m90.design().indexOf("db"));
        // No σ or κ anywhere horizontal: the ceiling is the primary's 4,000 req/s.
        QVERIFY(ev90.scalingCeilingUsers.has_value());
        SC_COMPARE_REL(*ev90.scalingCeilingUsers, 4000 * 86400.0, 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestStations)
#include "tst_stations.moc"
