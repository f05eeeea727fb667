// Lumps of interchangeable components (Model::lumpInterchangeable): a design of alike regions is
// evaluated once per lump. The lump count is derived here by hand from the design's roles, and
// every figure of the lumped design is checked against the same design with each region nudged
// by a negligible amount, so that nothing lumps and every component is worked out on its own.
#include "core/analysis/explain.h"
#include "core/analysis/model.h"
#include "core/analysis/report.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>
#include <thread>

using namespace sc;

namespace {

using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

constexpr int kEdgeComponents = 5; // users, dns, cdn, s3, glb
const char *const kRoles[] = {"lb", "app", "cache", "replica", "pool", "db", "queue", "workers"};
constexpr int kRegionComponents = int(std::size(kRoles));

std::string regionId(int r, const char *role)
{
    return "r" + std::to_string(r) + "-" + role;
}

// An edge (clients → DNS → CDN → S3, DNS → global LB) and `regions` regions of eight, wired as
// tests/bench/generate.h wires them: ALB → auto-scaled app tier → look-aside cache, replicas,
// pooler → primary, queue → workers → pooler. With `nudge` > 0, region r's cache hits
// 0.9 + r·nudge of the reads and its primary writes in 10·(1 − r·nudge) ms: every region then
// differs from every other, and region 0 stays the hottest, so ties still go to it.
Design regionsDesign(int regions, double nudge = 0)
{
    Design d;
    d.name = "regions";
    d.traffic.users = 2e6;
    d.traffic.requestsPerUserPerDay = 50;
    d.traffic.writeFraction = 0.1;
    d.traffic.peakToAverage = 3;
    d.traffic.staticPerRequest = 2;
    d.traffic.asyncPerWrite = 1;
    d.components = {make("users", Kind::Clients), make("dns", Kind::Dns), make("cdn", Kind::Cdn),
                    make("s3", Kind::ObjectStorage), make("glb", Kind::LoadBalancer)};
    d.connections = {wire("users", "dns"), wire("dns", "cdn"), wire("cdn", "s3"),
                     wire("dns", "glb")};
    for (int r = 0; r < regions; ++r) {
        auto id = [r](const char *role) { return regionId(r, role); };
        d.components.push_back(make(id("lb"), Kind::LoadBalancer));
        Component app = make(id("app"), Kind::AppServer,
                             {{"instanceType", text("c5.large")},
                              {"serviceTimeMs", num(2)},
                              {"serialFraction", num(0.01)}});
        app.autoscale = Autoscale{2, 20, 0.6, 300, 120};
        d.components.push_back(app);
        d.components.push_back(
            make(id("cache"), Kind::Cache, {{"hitRatio", num(0.9 + r * nudge)}}));
        d.components.push_back(make(id("replica"), Kind::ReadReplica, {{"instances", num(2)}}));
        d.components.push_back(make(id("pool"), Kind::Pooler));
        d.components.push_back(make(id("db"), Kind::Database,
                                    {{"multiAz", num(1)},
                                     {"instanceType", text("db.m5.xlarge")},
                                     {"writeServiceTimeMs", num(10 * (1 - r * nudge))}}));
        d.components.push_back(make(id("queue"), Kind::Queue));
        d.components.push_back(make(id("workers"), Kind::Worker, {{"instances", num(16)}}));
        for (auto [from, to] : {std::pair{"lb", "app"},
                                {"app", "cache"},
                                {"app", "replica"},
                                {"app", "pool"},
                                {"pool", "db"},
                                {"app", "queue"},
                                {"queue", "workers"},
                                {"workers", "pool"}})
            d.connections.push_back(wire(id(from), id(to)));
        d.connections.push_back(wire("glb", id("lb")));
    }
    return d;
}

constexpr int kRegions = 6;
constexpr double kNudge = 1e-13;

// The designs compared lumped against nudged: alike regions; regions where r2 has another hit
// ratio and r4 fewer workers (lumps of five, four and one side by side, so the jobs of unequal
// lumps meet with unequal weights); and clients in three groups, two alike through DNS (a lump
// of two sources) and one straight to the global LB, whose static requests take another path
// (so the sources' weights show in the latency). A nudge of 1e-13 moves no figure by more than
// ~1e-11 relative. Policy: r3's ALB balances by least outstanding requests (its app tier is one
// shared queue, the others a queue per instance) and r1's at random (the same queues as round
// robin: it lumps with the others).
enum class LumpCase { Alike, Mixed, ClientGroups, Policy };

Design variantDesign(LumpCase v, double nudge)
{
    Design d = regionsDesign(kRegions, nudge);
    if (v == LumpCase::Mixed) {
        d.find(regionId(2, "cache"))->params["hitRatio"] = num(0.8 + 2 * nudge);
        d.find(regionId(4, "workers"))->params["instances"] = num(8);
    } else if (v == LumpCase::ClientGroups) {
        d.find("users")->params["share"] = num(0.4);
        d.components.push_back(make("users-b", Kind::Clients, {{"share", num(0.4 + nudge)}}));
        d.components.push_back(make("users-c", Kind::Clients, {{"share", num(0.2)}}));
        d.connections.push_back(wire("users-b", "dns"));
        d.connections.push_back(wire("users-c", "glb"));
    } else if (v == LumpCase::Policy) {
        d.find(regionId(3, "lb"))->params["algorithm"] = sctest::text("leastOutstanding");
        d.find(regionId(1, "lb"))->params["algorithm"] = sctest::text("random");
    }
    return d;
}

void addVariantRows()
{
    QTest::addColumn<LumpCase>("variant");
    QTest::newRow("alike") << LumpCase::Alike;
    QTest::newRow("mixed") << LumpCase::Mixed;
    QTest::newRow("client groups") << LumpCase::ClientGroups;
    QTest::newRow("policy") << LumpCase::Policy;
}

// |a − b| ≤ rel·max(|a|, |b|): zero only matches zero.
bool close(double a, double b, double rel)
{
    return a == b || std::fabs(a - b) <= rel * std::max(std::fabs(a), std::fabs(b));
}

QString mismatch(const char *what, const std::string &where, double a, double b)
{
    return QStringLiteral("%1 of %2: lumped %3, unlumped %4")
        .arg(what, QString::fromStdString(where))
        .arg(a, 0, 'g', 17)
        .arg(b, 0, 'g', 17);
}

#define SC_CLOSE(what, where, a, b, rel)                                                           \
    QVERIFY2(close((a), (b), (rel)), qPrintable(mismatch((what), (where), (a), (b))))

void compareLatency(const LatencySummary &a, const LatencySummary &b, const std::string &where)
{
    QCOMPARE(a.valid, b.valid);
    if (!a.valid)
        return;
    SC_CLOSE("mean latency", where, a.mean, b.mean, 1e-6);
    SC_CLOSE("p50", where, a.p50, b.p50, 1e-6);
    SC_CLOSE("p95", where, a.p95, b.p95, 1e-6);
    SC_CLOSE("p99", where, a.p99, b.p99, 1e-6);
}

// Users at which the lumped and the nudged design are compared: light, mid-range (the app tier
// part-way between its minimum and maximum, latency still defined), and past the wall (the
// primaries at about 6.9M users; r4's workers at 5.5M in the mixed variant): overloaded
// stations, no latency.
const double kUserCounts[] = {2e4, 2e6, 5e6, 2e7, 2e8};

} // namespace

class TestLumping : public QObject
{
    Q_OBJECT

private slots:
    // Alike regions: each role (ALB, app tier, cache, ...) forms one lump across the regions,
    // and no two roles share one: 5 edge components + 8 roles = 13 lumps for any region count.
    void alikeRegionsLumpByRole()
    {
        for (int regions : {1, 2, kRegions, 40}) {
            const Design d = regionsDesign(regions);
            Model m(d, Catalog::builtin());
            QVERIFY(m.ok());
            QCOMPARE(int(d.components.size()), kEdgeComponents + kRegionComponents * regions);
            QCOMPARE(m.lumpCount(), kEdgeComponents + kRegionComponents);
            std::set<int> byRole;
            for (const char *edge : {"users", "dns", "cdn", "s3", "glb"})
                byRole.insert(m.lumpOf(d.indexOf(edge)));
            for (const char *role : kRoles) {
                const int lump = m.lumpOf(d.indexOf(regionId(0, role)));
                QVERIFY(lump >= 0 && lump < m.lumpCount());
                byRole.insert(lump);
                for (int r = 1; r < regions; ++r)
                    QVERIFY2(m.lumpOf(d.indexOf(regionId(r, role))) == lump,
                             qPrintable(QString::fromStdString(regionId(r, role))));
            }
            QCOMPARE(int(byRole.size()), kEdgeComponents + kRegionComponents);
        }
    }

    // One region with another hit ratio: its cache absorbs a different share and its replicas
    // get a different read load, so its app tier and ALB route into other lumps. Its pooler,
    // primary, queue and workers carry only writes and jobs, but they are fed by that other app
    // tier, which past its wall serves another share of its requests (overload is a loss), so
    // they are apart too: the whole region, 13 + 8 = 21 lumps. The global LB stays one lump
    // (5/6 to one ALB lump, 1/6 to the other).
    void oneRegionApart()
    {
        Design d = regionsDesign(kRegions);
        d.find(regionId(2, "cache"))->params["hitRatio"] = num(0.8);
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        QCOMPARE(m.lumpCount(), kEdgeComponents + 2 * kRegionComponents);
        for (const char *role : kRoles) {
            const int lump0 = m.lumpOf(d.indexOf(regionId(0, role)));
            const int lump2 = m.lumpOf(d.indexOf(regionId(2, role)));
            QVERIFY2(lump0 != lump2, role);
            for (int r : {1, 3, 4, 5})
                QVERIFY2(m.lumpOf(d.indexOf(regionId(r, role))) == lump0, role);
        }
    }

    // The variants by hand. Mixed: r2 apart (as above) and r4, whose ALB and app tier differ
    // (its jobs go elsewhere) and whose other components are fed by that app tier: 13 + 8 + 8 =
    // 29. Client groups with the same share and the same route are one lump, the third
    // another: 14.
    void variantLumpCounts()
    {
        const Design mixed = variantDesign(LumpCase::Mixed, 0);
        Model mm(mixed, Catalog::builtin());
        QVERIFY(mm.ok());
        QCOMPARE(mm.lumpCount(), kEdgeComponents + 3 * kRegionComponents);
        for (const char *role : {"queue", "workers"}) {
            QVERIFY(mm.lumpOf(mixed.indexOf(regionId(4, role))) !=
                    mm.lumpOf(mixed.indexOf(regionId(0, role))));
            QVERIFY(mm.lumpOf(mixed.indexOf(regionId(2, role))) !=
                    mm.lumpOf(mixed.indexOf(regionId(0, role))));
            QCOMPARE(mm.lumpOf(mixed.indexOf(regionId(1, role))),
                     mm.lumpOf(mixed.indexOf(regionId(0, role))));
        }
        QVERIFY(mm.lumpOf(mixed.indexOf(regionId(2, "app"))) !=
                mm.lumpOf(mixed.indexOf(regionId(4, "app"))));
        const Design groups = variantDesign(LumpCase::ClientGroups, 0);
        Model mg(groups, Catalog::builtin());
        QVERIFY(mg.ok());
        QCOMPARE(mg.lumpCount(), kEdgeComponents + kRegionComponents + 1);
        QCOMPARE(mg.lumpOf(groups.indexOf("users")), mg.lumpOf(groups.indexOf("users-b")));
        QVERIFY(mg.lumpOf(groups.indexOf("users")) != mg.lumpOf(groups.indexOf("users-c")));
        // Two app tiers alike but for the policy of the ALB in front are not interchangeable
        // (one queue per instance against one shared queue), nor are their ALBs (they send to
        // different lumps), nor is anything that app tier feeds (past a wall it passes on
        // another share): r3 is a region apart, 13 + 8. Random queues as round robin does: r1
        // lumps with r0.
        const Design policy = variantDesign(LumpCase::Policy, 0);
        Model mp(policy, Catalog::builtin());
        QVERIFY(mp.ok());
        QCOMPARE(mp.lumpCount(), kEdgeComponents + 2 * kRegionComponents);
        for (const char *role : kRoles) {
            const int lump0 = mp.lumpOf(policy.indexOf(regionId(0, role)));
            QVERIFY2(mp.lumpOf(policy.indexOf(regionId(3, role))) != lump0, role);
            QCOMPARE(mp.lumpOf(policy.indexOf(regionId(1, role))), lump0);
        }
    }

    // The nudged designs lump nothing: every component is its own lump.
    void nudgedDesignsDoNotLump_data() { addVariantRows(); }

    void nudgedDesignsDoNotLump()
    {
        QFETCH(LumpCase, variant);
        const Design d = variantDesign(variant, kNudge);
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        QCOMPARE(m.lumpCount(), int(d.components.size()));
        std::set<int> lumps;
        for (int i = 0; i < int(d.components.size()); ++i)
            lumps.insert(m.lumpOf(i));
        QCOMPARE(int(lumps.size()), int(d.components.size()));
    }

    // evaluate() of a lumped design equals, figure by figure, its nudged twin's.
    void evaluateMatchesUnlumped_data()
    {
        QTest::addColumn<LumpCase>("variant");
        QTest::addColumn<double>("users");
        const std::pair<LumpCase, const char *> variants[] = {
            {LumpCase::Alike, "alike"},
            {LumpCase::Mixed, "mixed"},
            {LumpCase::ClientGroups, "client groups"},
            {LumpCase::Policy, "policy"}};
        for (auto [v, name] : variants)
            for (double u : kUserCounts)
                QTest::addRow("%s, %g users", name, u) << v << u;
    }

    void evaluateMatchesUnlumped()
    {
        QFETCH(LumpCase, variant);
        QFETCH(double, users);
        const Design dl = variantDesign(variant, 0), du = variantDesign(variant, kNudge);
        Model lumped(dl, Catalog::builtin()), apart(du, Catalog::builtin());
        QVERIFY(lumped.ok() && apart.ok());
        QVERIFY(lumped.lumpCount() < apart.lumpCount());
        const Evaluation a = lumped.evaluate(users), b = apart.evaluate(users);
        QCOMPARE(a.components.size(), b.components.size());
        for (size_t i = 0; i < a.components.size(); ++i) {
            const ComponentResult &x = a.components[i], &y = b.components[i];
            QCOMPARE(x.id, y.id);
            SC_CLOSE("utilization", x.id, x.utilization, y.utilization, 1e-9);
            SC_CLOSE("instances", x.id, x.instances, y.instances, 1e-9);
            SC_CLOSE("arrivals", x.id, x.arrivalRps, y.arrivalRps, 1e-9);
            SC_CLOSE("capacity", x.id, x.capacityRps, y.capacityRps, 1e-9);
            SC_CLOSE("monthly cost", x.id, x.monthlyCostUsd, y.monthlyCostUsd, 1e-9);
            SC_CLOSE("concurrency", x.id, x.concurrency, y.concurrency, 1e-9);
            SC_CLOSE("mean latency", x.id, x.meanLatencyMs, y.meanLatencyMs, 1e-9);
            SC_CLOSE("availability", x.id, x.availability, y.availability, 1e-9);
            SC_CLOSE("threads", x.id, x.threadsBusyPerInstance, y.threadsBusyPerInstance, 1e-9);
            QCOMPARE(x.overloaded, y.overloaded);
            QCOMPARE(x.nPlusOne, y.nPlusOne);
        }
        compareLatency(a.latency, b.latency, "end to end");
        for (int k = 0; k < kClassCount; ++k)
            compareLatency(a.latencyByClass[size_t(k)], b.latencyByClass[size_t(k)],
                           std::string(className(RequestClass(k))));
        QCOMPARE(a.bottleneck, b.bottleneck);
        QVERIFY(a.maxUsers && b.maxUsers);
        SC_CLOSE("wall", "design", *a.maxUsers, *b.maxUsers, 1e-9);
        QCOMPARE(a.wallComponent, b.wallComponent);
        QCOMPARE(a.scalingCeilingUsers.has_value(), b.scalingCeilingUsers.has_value());
        if (a.scalingCeilingUsers)
            SC_CLOSE("ceiling", "design", *a.scalingCeilingUsers, *b.scalingCeilingUsers, 1e-9);
        QCOMPARE(a.ceilingComponent, b.ceilingComponent);
        SC_CLOSE("availability", "design", a.availability, b.availability, 1e-9);
        SC_CLOSE("monthly cost", "design", a.monthlyCostUsd, b.monthlyCostUsd, 1e-9);
        SC_CLOSE("cost per user", "design", a.costPerUserUsd, b.costPerUserUsd, 1e-9);
        QCOMPARE(a.spofs, b.spofs);
        // The bill, line by line.
        QCOMPARE(a.costItems.size(), b.costItems.size());
        for (size_t i = 0; i < a.costItems.size(); ++i) {
            QCOMPARE(a.costItems[i].componentId, b.costItems[i].componentId);
            SC_CLOSE("cost line", a.costItems[i].componentId + " " + a.costItems[i].item,
                     a.costItems[i].monthlyUsd, b.costItems[i].monthlyUsd, 1e-9);
        }
        // The same warnings for the same components.
        QCOMPARE(a.warnings.size(), b.warnings.size());
        for (size_t i = 0; i < a.warnings.size(); ++i) {
            QCOMPARE(a.warnings[i].code, b.warnings[i].code);
            QCOMPARE(a.warnings[i].componentId, b.warnings[i].componentId);
        }
    }

    // The comparisons mean something only if the user counts cover what the lumps must get
    // right: the app tier auto-scaled between its bounds with latency defined, overloaded
    // stations, and a bottleneck and a wall in a lump of six (alike regions tie; the nudge keeps
    // region 0 the hottest, so the first of the tie is the answer in both designs). The wall is
    // the replicas': they serve the reads the cache misses and apply every write of their
    // primary (docs/model.md "Read replicas apply the primary's writes").
    void userCountsCoverTheCases()
    {
        const Design d = regionsDesign(kRegions);
        Model m(d, Catalog::builtin());
        const int app = d.indexOf(regionId(0, "app")), db = d.indexOf(regionId(0, "replica"));
        bool midScaled = false, overloaded = false, dbBottleneck = false;
        for (double users : kUserCounts) {
            const Evaluation ev = m.evaluate(users);
            const double n = ev.components[size_t(app)].instances;
            midScaled = midScaled || (n > 2 && n < 20 && ev.latency.valid);
            for (const ComponentResult &r : ev.components)
                overloaded = overloaded || r.overloaded;
            dbBottleneck = dbBottleneck || ev.bottleneck == db;
            QCOMPARE(ev.wallComponent, db);
        }
        QVERIFY(midScaled);
        QVERIFY(overloaded);
        QVERIFY(dbBottleneck);
    }

    // A 50-point sweep of a lumped design equals its nudged twin's, point by point.
    void sweepMatchesUnlumped_data() { addVariantRows(); }

    void sweepMatchesUnlumped()
    {
        QFETCH(LumpCase, variant);
        const Design dl = variantDesign(variant, 0), du = variantDesign(variant, kNudge);
        Model lumped(dl, Catalog::builtin()), apart(du, Catalog::builtin());
        const Sweep a = lumped.sweep(1e3, 1e9, 50), b = apart.sweep(1e3, 1e9, 50);
        QCOMPARE(a.points.size(), size_t(50));
        QCOMPARE(b.points.size(), size_t(50));
        QVERIFY(a.wallUsers && b.wallUsers);
        SC_CLOSE("wall", "sweep", *a.wallUsers, *b.wallUsers, 1e-9);
        QCOMPARE(a.wallComponent, b.wallComponent);
        const size_t n = dl.components.size();
        int valid = 0, invalid = 0;
        for (size_t p = 0; p < a.points.size(); ++p) {
            const SweepPoint &x = a.points[p], &y = b.points[p];
            const std::string at = "point " + std::to_string(p);
            QCOMPARE(x.users, y.users);
            SC_CLOSE("demand", at, x.demandRps, y.demandRps, 1e-9);
            SC_CLOSE("capacity", at, x.capacityRps, y.capacityRps, 1e-9);
            SC_CLOSE("monthly cost", at, x.monthlyCostUsd, y.monthlyCostUsd, 1e-9);
            SC_CLOSE("cost per user", at, x.costPerUserUsd, y.costPerUserUsd, 1e-9);
            QCOMPARE(x.bottleneck, y.bottleneck);
            compareLatency(x.latency, y.latency, at);
            (x.latency.valid ? valid : invalid)++;
            QCOMPARE(x.utilization.size(), n);
            QCOMPARE(x.instances.size(), n);
            QCOMPARE(y.utilization.size(), n);
            for (size_t i = 0; i < n; ++i) {
                const std::string where = at + " " + dl.components[i].id;
                SC_CLOSE("utilization", where, x.utilization[i], y.utilization[i], 1e-9);
                SC_CLOSE("instances", where, x.instances[i], y.instances[i], 1e-9);
            }
        }
        QVERIFY(valid > 0 && invalid > 0); // the range crosses the wall
    }

    // PerComponent: size() is the component count and a range-for visits operator[] in order.
    void perComponentIteration()
    {
        const Design d = regionsDesign(kRegions);
        Model m(d, Catalog::builtin());
        const Sweep s = m.sweep(1e4, 1e7, 3);
        for (const SweepPoint &p : s.points) {
            for (const PerComponent *values : {&p.utilization, &p.instances}) {
                QCOMPARE(values->size(), d.components.size());
                size_t i = 0;
                for (double v : *values) {
                    QVERIFY(i < values->size());
                    QCOMPARE(v, (*values)[i]);
                    ++i;
                }
                QCOMPARE(i, d.components.size());
            }
            // Alike components read the same stored value; the app tier is auto-scaled.
            for (int r = 1; r < kRegions; ++r)
                QCOMPARE(p.instances[size_t(d.indexOf(regionId(r, "app")))],
                         p.instances[size_t(d.indexOf(regionId(0, "app")))]);
        }
        QCOMPARE(PerComponent().size(), size_t(0));
        QVERIFY(PerComponent().begin() == PerComponent().end());
    }

    // The sweep's lean loop agrees with evaluate() on a lumped design (tst_cases checks the
    // templates, whose components hardly lump) and on its unlumped twin.
    void sweepMatchesEvaluate_data() { addVariantRows(); }

    void sweepMatchesEvaluate()
    {
        QFETCH(LumpCase, variant);
        for (double nudge : {0.0, kNudge}) {
            const Design d = variantDesign(variant, nudge);
            Model m(d, Catalog::builtin());
            const Sweep s = m.sweep(1e3, 1e9, 17);
            QCOMPARE(s.points.size(), size_t(17));
            for (const SweepPoint &p : s.points) {
                const Evaluation ev = m.evaluate(p.users);
                const std::string at = std::to_string(p.users) + " users";
                SC_CLOSE("monthly cost", at, p.monthlyCostUsd, ev.monthlyCostUsd, 1e-9);
                SC_CLOSE("cost per user", at, p.costPerUserUsd, ev.costPerUserUsd, 1e-9);
                SC_CLOSE("demand", at, p.demandRps, ev.demand.peakRps, 1e-9);
                QCOMPARE(p.bottleneck, ev.bottleneck);
                QCOMPARE(p.latency.valid, ev.latency.valid);
                if (p.latency.valid) {
                    SC_CLOSE("mean", at, p.latency.mean, ev.latency.mean, 1e-9);
                    SC_CLOSE("p50", at, p.latency.p50, ev.latency.p50, 1e-9);
                    SC_CLOSE("p95", at, p.latency.p95, ev.latency.p95, 1e-9);
                    SC_CLOSE("p99", at, p.latency.p99, ev.latency.p99, 1e-9);
                }
                for (size_t i = 0; i < ev.components.size(); ++i) {
                    const std::string where = at + " " + ev.components[i].id;
                    SC_CLOSE("utilization", where, p.utilization[i], ev.components[i].utilization,
                             1e-9);
                    QCOMPARE(p.instances[i], ev.components[i].instances);
                }
            }
        }
    }

    // A sweep with hundreds of distinct lumps is split between the cores (Model::sweep, from
    // 5,000 lump-points): every point, whichever thread made it, equals evaluate() there. On a
    // one-core machine the same sweep runs on one thread and the check still holds.
    void bigSweepSplitAcrossCoresMatchesEvaluate()
    {
        const Design d = regionsDesign(60, kNudge);
        Model m(d, Catalog::builtin());
        QCOMPARE(m.lumpCount(), int(d.components.size())); // nothing lumps: 485 × 40 ≥ 5,000
        const Sweep s = m.sweep(1e3, 1e9, 40);
        QCOMPARE(s.points.size(), size_t(40));
        for (size_t k = 0; k < s.points.size(); ++k) {
            const SweepPoint &p = s.points[k];
            const double expectedUsers = 1e3 * std::pow(1e6, double(k) / 39);
            SC_CLOSE("users", std::to_string(k), p.users, expectedUsers, 1e-12);
            const Evaluation ev = m.evaluate(p.users);
            const std::string at = std::to_string(p.users) + " users";
            SC_CLOSE("monthly cost", at, p.monthlyCostUsd, ev.monthlyCostUsd, 1e-9);
            QCOMPARE(p.bottleneck, ev.bottleneck);
            QCOMPARE(p.latency.valid, ev.latency.valid);
            if (p.latency.valid)
                SC_CLOSE("p99", at, p.latency.p99, ev.latency.p99, 1e-9);
            for (size_t i = 0; i < ev.components.size(); ++i) {
                const std::string where = at + " " + ev.components[i].id;
                SC_CLOSE("utilization", where, p.utilization[i], ev.components[i].utilization,
                         1e-9);
                QCOMPARE(p.instances[i], ev.components[i].instances);
            }
        }
    }

    // A big evaluation works out the hours of the day on a second thread beside the rest (from
    // 5,000 lump-hours: 485 lumps × 13 distinct hours here; from a model's second evaluation,
    // so all of the second run's), a big sweep splits its points: on one thread
    // (Model::setThreadLimit(1)) every figure is the same to the last bit, the explanations
    // included. (On a one-core machine both runs take one thread.)
    void threadsChangeNoFigure()
    {
        const Design d = regionsDesign(60, kNudge);
        Model m(d, Catalog::builtin());
        QCOMPARE(m.lumpCount(), int(d.components.size()));
        struct Restore {
            ~Restore() { Model::setThreadLimit(0); }
        } restore;
        auto figures = [&m](unsigned threads) {
            Model::setThreadLimit(threads);
            std::string all;
            for (double users : kUserCounts) {
                all += evaluationToJson(m, m.evaluate(users)).dump() + "\n";
                std::string error;
                const auto why = explainFigure(m, {"availability", "", users}, error);
                all += (why ? explanationJson(*why) : error) + "\n";
            }
            return all + sweepToJson(m, m.sweep(1e3, 1e9, 40)).dump();
        };
        const std::string one = figures(1);
        QCOMPARE(Model::threadLimit(), 1u);
        const std::string more = figures(0); // the machine's cores, up to four
        QCOMPARE(Model::threadLimit(),
                 std::min(4u, std::max(1u, std::thread::hardware_concurrency())));
        QCOMPARE(one.size(), more.size());
        QVERIFY(one == more);
        QVERIFY(one.find("\"availability\"") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestLumping)
#include "tst_lumping.moc"
