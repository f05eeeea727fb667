// Failure: single points of failure, N+1 (a tier's and a cache's) and availability from the
// catalog's SLAs (docs/model.md, "Failure"). Availabilities are composed here by hand: series
// along a route, P(≥ k of n) for a tier, demand-weighted across the classes.
#include "core/analysis/explain.h"
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

double sla(const char *key)
{
    return Catalog::builtin().availabilityOf(key);
}

// The day profile (docs/model.md, "Day profile"): hour h's rate over the peak's,
// (b + (P − b)·g(h)^k) / P, g a raised cosine peaking at 14:00, b = 1/P, k such that the day's
// mean rate is the peak / P.
std::array<double, 24> dayProfile(double P)
{
    const double b = 1 / P, pi = std::acos(-1.0);
    auto g = [pi](int h) { return 0.5 * (1 + std::cos(2 * pi * (h - 14) / 24.0)); };
    auto meanOf = [&g](double k) {
        double sum = 0;
        for (int h = 0; h < 24; ++h)
            sum += g(h) > 0 ? std::pow(g(h), k) : 0.0;
        return sum / 24;
    };
    double lo = 0, hi = 64;
    for (int i = 0; i < 200; ++i)
        (meanOf(0.5 * (lo + hi)) > (1 - b) / (P - b) ? lo : hi) = 0.5 * (lo + hi);
    const double k = 0.5 * (lo + hi);
    std::array<double, 24> shape{};
    for (int h = 0; h < 24; ++h)
        shape[size_t(h)] = (b + (P - b) * (g(h) > 0 ? std::pow(g(h), k) : 0)) / P;
    return shape;
}

// The share of λ req/s a tier of n instances serves, each up with probability a and carrying
// `perInstance` req/s: Σ_x P(x of n up) · min(1, perInstance·x / λ).
double tierServed(double a, int n, double perInstance, double lambda)
{
    double sum = 0;
    for (int x = 0; x <= n; ++x)
        sum += std::tgamma(n + 1.0) / (std::tgamma(x + 1.0) * std::tgamma(n - x + 1.0)) *
               std::pow(a, x) * std::pow(1 - a, n - x) * std::min(1.0, perInstance * x / lambda);
    return sum;
}

// Clients → ALB → three c5.large app servers at 2 ms (1,000 req/s each), `rps` req/s flat with
// a peak-to-average of `peak`.
Design threeBehindAnAlb(double rps, double peak)
{
    Design d;
    d.traffic = flat(rps * 86400.0, peak);
    d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                    make("app", Kind::AppServer,
                         {{"instances", num(3)},
                          {"instanceType", text("c5.large")},
                          {"serviceTimeMs", num(2)}})};
    d.connections = {wire("u", "lb"), wire("lb", "app")};
    return d;
}

// threeBehindAnAlb's three instances as three app servers of one instance each, flat.
Design threeSeparateBehindAnAlb(double rps)
{
    Design d = threeBehindAnAlb(rps, 1);
    d.components.pop_back();
    d.connections.pop_back();
    for (const char *id : {"app1", "app2", "app3"}) {
        d.components.push_back(make(id, Kind::AppServer,
                                    {{"instances", num(1)},
                                     {"instanceType", text("c5.large")},
                                     {"serviceTimeMs", num(2)}}));
        d.connections.push_back(wire("lb", id));
    }
    return d;
}

// The explanation's input `symbol` of the design's availability (a pool's share: "p[lb:read]").
std::optional<ExplainValue> availabilityInput(const Model &m, const std::string &symbol)
{
    std::string error;
    const auto e = explainFigure(m, {"availability", "", std::nullopt}, error);
    if (!e)
        return std::nullopt;
    const auto it = std::find_if(e->inputs.begin(), e->inputs.end(),
                                 [&](const ExplainValue &v) { return v.symbol == symbol; });
    return it == e->inputs.end() ? std::nullopt : std::optional<ExplainValue>(*it);
}

} // namespace

class TestFailure : public QObject
{
    Q_OBJECT

private slots:
    // SPOFs of DESIGN.md: a single self-hosted LB, a single primary without Multi-AZ, a lone app
    // server. Managed services and Multi-AZ primaries are not.
    void singlePointsOfFailure()
    {
        Design d;
        d.traffic = flat(1000, 100, 0.2);
        d.components = {
            make("u", Kind::Clients), make("lb", Kind::LoadBalancer, {{"managed", num(0)}}),
            make("app", Kind::AppServer, {{"instances", num(1)}}), make("db", Kind::Database)};
        d.connections = {wire("u", "lb"), wire("lb", "app"), wire("app", "db")};
        Model m(d, Catalog::builtin());
        Evaluation ev = m.evaluate(1000);
        QCOMPARE(ev.spofs, (std::vector<std::string>{"lb", "app", "db"}));
        d.components[1].params["managed"] = num(1);
        d.components[2].params["instances"] = num(2);
        d.components[3].params["multiAz"] = num(1);
        Model ha(d, Catalog::builtin());
        ev = ha.evaluate(1000);
        QVERIFY(ev.spofs.empty());
        // Availability: ALB × (≥1 of 2 EC2 up) × Multi-AZ RDS, in series for every request.
        const Catalog &c = Catalog::builtin();
        const double ec2 = c.availabilityOf("ec2Instance");
        const double expected =
            c.availabilityOf("alb") * (1 - (1 - ec2) * (1 - ec2)) * c.availabilityOf("rdsMultiAz");
        QCOMPARE_LT(std::fabs(ev.availability - expected), 1e-12);
    }

    // SPOFs behind a wide app server (issue 12, item 11: each candidate used to rescan all of
    // the app's connections). Worked by the routing rules: reads take the replica group, which
    // fails over to the primary; writes take the primary. Losing one of two replicas, or one of
    // three primaries the writes split over, loses nothing; a lone primary under writes does.
    void spofsBehindAWideApp()
    {
        auto spofsOf = [](const std::vector<std::string> &data) {
            Design d;
            d.traffic = flat(1000, 100, 0.2);
            d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                            make("app", Kind::AppServer, {{"instances", num(2)}}),
                            make("cache", Kind::Cache)};
            d.connections = {wire("u", "lb"), wire("lb", "app"), wire("app", "cache")};
            for (const std::string &id : data) {
                d.components.push_back(make(id, id[0] == 'r' ? Kind::ReadReplica : Kind::Database));
                d.connections.push_back(wire("app", id));
            }
            Model m(d, Catalog::builtin());
            return m.evaluate(1000).spofs;
        };
        using Ids = std::vector<std::string>;
        QCOMPARE(spofsOf({"r1", "r2", "db"}), (Ids{"db"}));
        QCOMPARE(spofsOf({"r1", "db"}), (Ids{"db"}));
        QCOMPARE(spofsOf({"db0", "db1", "db2"}), Ids{});
        QCOMPARE(spofsOf({"db0"}), (Ids{"db0"}));
    }

    // A tier of n instances serves, with x of them up, min(1, x·C / λ) of its requests; its
    // availability is the expectation over x ~ Binomial(n, a). 3 app servers of 1,000 req/s
    // carrying a flat 1,500 req/s: 3 or 2 up serve everything, 1 up serves 2/3, none nothing →
    // a³ + 3a²(1 − a) + 3a(1 − a)²·2/3, in series with the managed ALB.
    void kOfNAvailability()
    {
        const Design d = threeBehindAnAlb(1500, 1);
        Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(d.traffic.users);
        const double a = Catalog::builtin().availabilityOf("ec2Instance");
        const double tier =
            a * a * a + 3 * a * a * (1 - a) + 3 * a * (1 - a) * (1 - a) * (1000.0 / 1500.0);
        const ComponentResult *app = sctest::resultOf(ev, "app");
        QVERIFY(app);
        QCOMPARE_LT(std::fabs(app->availability - tier), 1e-12);
        QCOMPARE_LT(std::fabs(ev.availability - tier * Catalog::builtin().availabilityOf("alb")),
                    1e-12);
    }

    // Three app servers of one instance each behind the ALB serve together, as one component
    // of three instances does (kOfNAvailability): with one down the balancer sends its share to
    // the two left. Each alone is up with its instance (a). They read a·1 (the branches
    // weighted, each at a) before. A weighted split keeps its weights: there each serves alone.
    void separateServersBehindABalancerServeTogether()
    {
        Design d = threeSeparateBehindAnAlb(1500);
        const double a = sla("ec2Instance");
        const double together =
            a * a * a + 3 * a * a * (1 - a) + 3 * a * (1 - a) * (1 - a) * (1000.0 / 1500.0);
        QCOMPARE_LT(std::fabs(tierServed(a, 3, 1000, 1500) - together), 1e-15);
        {
            const Model m(d, Catalog::builtin());
            const Evaluation ev = m.evaluate(d.traffic.users);
            SC_COMPARE_REL(ev.availability, together * sla("alb"), 1e-12);
            for (const char *id : {"app1", "app2", "app3"})
                SC_COMPARE_REL(sctest::resultOf(ev, id)->availability, a, 1e-12);
            QVERIFY(ev.spofs.empty());
            // The explanation shows the pool's share, as a figure of its own.
            const auto pool = availabilityInput(m, "p[lb:read]");
            QVERIFY(pool);
            SC_COMPARE_REL(pool->value, together, 1e-12);
            QVERIFY(pool->what.find("app1×3") != std::string::npos); // the lump of the three
        }
        // One weighted edge makes the split weighted (the others count as 1): alone (QA).
        d.connections.back().weight = 2;
        const Model weighted(d, Catalog::builtin());
        SC_COMPARE_REL(weighted.evaluate(d.traffic.users).availability, a * sla("alb"), 1e-12);
    }

    // A pool too large to walk from n down (QA: 20,000 tiers of 100,000 instances took 14 s): three
    // app servers of 100,000 instances (c5.large at 10 s a request: 0.2 req/s each) behind the
    // ALB carrying 99.6% of what all 300,000 serve, where 99.5% are up on average. Its share is
    // the whole expectation over x ~ Binomial(300,000, a) of min(1, 0.2·x / λ), summed here over
    // every x from logs.
    void largePoolServesItsExpectation()
    {
        Design d = threeSeparateBehindAnAlb(1);
        constexpr double kEach = 100000, kN = 3 * kEach, kRate = 0.2, kLambda = 0.996 * kN * kRate;
        d.traffic = flat(1e9, kLambda / 1e9 * 86400);
        for (Component &c : d.components)
            if (c.kind == Kind::AppServer) {
                c.params["instances"] = num(kEach);
                c.params["serviceTimeMs"] = num(10000);
            }
        const double a = sla("ec2Instance");
        double expected = 0;
        for (double x = 0; x <= kN; ++x)
            expected +=
                std::exp(std::lgamma(kN + 1) - std::lgamma(x + 1) - std::lgamma(kN - x + 1) +
                         x * std::log(a) + (kN - x) * std::log1p(-a)) *
                std::min(1.0, kRate * x / kLambda);
        QVERIFY(expected > 0.99 && expected < 0.9999); // the shortfall weighs
        const auto pool = availabilityInput(Model(d, Catalog::builtin()), "p[lb:read]");
        QVERIFY(pool);
        SC_COMPARE_REL(pool->value, expected, 1e-9);
    }

    // The instances left serve what their threads hold, not only what their cores do (QA: two
    // thread-bound app servers read as if one left carried everything). An app server of one
    // thread, 2 ms a request and nothing below holds it 2 ms: t = 1 / 0.002 s = 500 req/s an
    // instance, beside 2 vCPU / 2 ms = 1,000 on its cores. At 600 req/s two instances carry all
    // (min(2,000, 1,000)), one serves 500 / 600: a² + 2a(1 − a)·5/6, as one tier of two
    // instances and as two of one instance each.
    void threadPoolsLimitWhatInstancesLeftServe()
    {
        const double a = sla("ec2Instance");
        const double expected = sla("alb") * (a * a + 2 * a * (1 - a) * 500.0 / 600.0);
        for (int separate = 0; separate <= 1; ++separate) {
            Design d;
            d.traffic = flat(600 * 86400.0, 1);
            d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer)};
            d.connections = {wire("u", "lb")};
            const int count = separate ? 2 : 1;
            for (int k = 0; k < count; ++k) {
                const std::string id = "app" + std::to_string(k);
                d.components.push_back(make(id, Kind::AppServer,
                                            {{"instances", num(separate ? 1 : 2)},
                                             {"instanceType", text("c5.large")},
                                             {"serviceTimeMs", num(2)},
                                             {"threadsPerInstance", num(1)}}));
                d.connections.push_back(wire("lb", id));
            }
            const Model m(d, Catalog::builtin());
            const Evaluation ev = m.evaluate(d.traffic.users);
            QCOMPARE(ev.errorRatePeak, 0.0); // nothing refused with both up
            QVERIFY2(sctest::nearRel(ev.availability, expected, 1e-12),
                     qPrintable(QString::number(separate) + ": " +
                                QString::number(ev.availability, 'g', 17) + " against " +
                                QString::number(expected, 'g', 17)));
        }
    }

    // N+1 of servers that serve together (QA: three one-instance app servers read as one pool
    // for availability but were never checked for N+1, where one tier of three instances is).
    // Three of 1,000 req/s: at 2,500 req/s losing one leaves 2,000 (125%); at 1,500, 75%.
    void serversThatServeTogetherAreCheckedForNPlusOne()
    {
        const Design d = threeSeparateBehindAnAlb(2500);
        const Model m(d, Catalog::builtin());
        for (const double rps : {2500.0, 1500.0}) {
            const Evaluation ev = m.evaluate(rps * 86400.0);
            int warned = 0;
            for (const Warning &w : ev.warnings)
                if (w.code == "NO_N_PLUS_1") {
                    ++warned;
                    QVERIFY2(w.message.find("which would run at 125%") != std::string::npos,
                             w.message.c_str());
                    QVERIFY2(w.message.find("and the other it serves with") != std::string::npos,
                             w.message.c_str());
                }
            QCOMPARE(warned, rps > 2000 ? 3 : 0);
            for (const char *id : {"app1", "app2", "app3"})
                QCOMPARE(sctest::resultOf(ev, id)->nPlusOne, rps < 2000);
        }
    }

    // Targets that send on to different components do not serve together: one left would take
    // the other's share past what sits behind it (QA: Route 53 → two self-hosted balancers, each
    // in front of its own app server of 1,000 req/s, 1,200 req/s: one balancer down leaves one
    // app server at 120%). Each branch is up with its balancer and its app server: a².
    void targetsWithTheirOwnDownstreamServeAlone()
    {
        Design d;
        d.traffic = flat(1200 * 86400.0, 1);
        d.components = {make("u", Kind::Clients), make("dns", Kind::Dns)};
        d.connections = {wire("u", "dns")};
        for (const char *n : {"1", "2"}) {
            const std::string lb = std::string("lb") + n, app = std::string("app") + n;
            d.components.push_back(make(lb, Kind::LoadBalancer, {{"managed", num(0)}}));
            d.components.push_back(make(app, Kind::AppServer,
                                        {{"instances", num(1)},
                                         {"instanceType", text("c5.large")},
                                         {"serviceTimeMs", num(2)}}));
            d.connections.push_back(wire("dns", lb));
            d.connections.push_back(wire(lb, app));
        }
        const double a = sla("ec2Instance");
        const Model m(d, Catalog::builtin());
        SC_COMPARE_REL(m.evaluate(d.traffic.users).availability, sla("route53") * a * a, 1e-12);
    }

    // Self-hosted balancers behind DNS fail over as the app servers behind them do; two read
    // replicas of one instance each serve the reads as one replica component of two instances.
    void selfHostedBalancersAndReplicasServeTogether()
    {
        const double a = sla("ec2Instance");
        auto designWith = [](bool separate) {
            Design d;
            d.traffic = flat(1000, 100, 0.2);
            d.components = {make("u", Kind::Clients), make("dns", Kind::Dns),
                            make("app", Kind::AppServer, {{"instances", num(2)}}),
                            make("db", Kind::Database, {{"multiAz", num(1)}})};
            d.connections = {wire("u", "dns"), wire("app", "db")};
            for (const char *id : {"lb1", "lb2"}) {
                d.components.push_back(make(id, Kind::LoadBalancer, {{"managed", num(0)}}));
                d.connections.push_back(wire("dns", id));
                d.connections.push_back(wire(id, "app"));
            }
            if (separate) {
                for (const char *id : {"r1", "r2"}) {
                    d.components.push_back(make(id, Kind::ReadReplica, {{"instances", num(1)}}));
                    d.connections.push_back(wire("app", id));
                }
            } else {
                d.components.push_back(make("r", Kind::ReadReplica, {{"instances", num(2)}}));
                d.connections.push_back(wire("app", "r"));
            }
            return d;
        };
        const Model separate(designWith(true), Catalog::builtin());
        const Model one(designWith(false), Catalog::builtin());
        const double users = 1000;
        SC_COMPARE_REL(separate.evaluate(users).availability, one.evaluate(users).availability,
                       1e-12);
        // Reads (80%) and writes (20%): DNS × the balancer pair × the app pair × the replica
        // pair for reads, the Multi-AZ primary for writes; every pair at light load 1 − (1 − u)².
        const double pair = 1 - (1 - a) * (1 - a), r = sla("rdsSingleAz");
        const double replicas = 1 - (1 - r) * (1 - r);
        const double expected =
            sla("route53") * pair * pair * (0.8 * replicas + 0.2 * sla("rdsMultiAz"));
        SC_COMPARE_REL(separate.evaluate(users).availability, expected, 1e-12);
    }

    // With no users there is no request to fail, which is not 100% up: the availability is its
    // limit as the users go to 0, where one instance up of three carries all: (1 − (1 − a)³) ×
    // the ALB's, the same as at one user. (It read 100%, "objective met", beside a SPOF.)
    void noUsersIsTheLimit()
    {
        const Design d = threeBehindAnAlb(1500, 3);
        const Model m(d, Catalog::builtin());
        const double a = sla("ec2Instance");
        const double expected = (1 - (1 - a) * (1 - a) * (1 - a)) * sla("alb");
        for (double users : {0.0, 1.0}) {
            const Evaluation ev = m.evaluate(users);
            QVERIFY2(std::fabs(ev.availability - expected) < 1e-12,
                     qPrintable(QString::number(users) + ": " +
                                QString::number(ev.availability, 'g', 17)));
        }
        QCOMPARE_LT(m.evaluate(0).availability, 1.0);
        QCOMPARE(m.evaluate(0).demand.peakRps, 0.0);
    }

    // Case 5: losing one of 20 loses 5%: N+1 holds at half load; the single box is a SPOF.
    void horizontalVsVerticalFailure()
    {
        const auto h = sctest::templateDesign("case-horizontal");
        const auto v = sctest::templateDesign("case-vertical");
        QVERIFY(h && v);
        Model mh(*h, Catalog::builtin()), mv(*v, Catalog::builtin());
        const double users = 0.5e6;
        const Evaluation eh = mh.evaluate(users), evv = mv.evaluate(users);
        const ComponentResult *appH = sctest::resultOf(eh, "app");
        const ComponentResult *appV = sctest::resultOf(evv, "app");
        QVERIFY(appH && appV);
        QVERIFY(appH->nPlusOne);
        QVERIFY(!appH->spof);
        QVERIFY(appV->spof);
        QCOMPARE_LT(
            std::fabs(mh.capacityAt(mh.design().indexOf("app"), 19) / appH->capacityRps - 0.95),
            1e-12);
    }

    // Case 9: without its cache all 10,000 reads reach the 16-vCPU primary at 5 ms each:
    // ρ = 10,000 × 5 / 1000 / 16 = 3.125 — the advisor must say so.
    void cacheLossNPlusOne()
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
        QVERIFY(cache);
        QVERIFY(!cache->nPlusOne);
        bool said = false;
        for (const Warning &w : ev.warnings)
            said = said || (w.code == "NO_N_PLUS_1" && w.componentId == "cache" &&
                            w.message.find("312%") != std::string::npos);
        QVERIFY(said);
        // Two nodes: losing one sends half the hits on: ρ = (500 + 4,750) × 5 / 1000 / 16 ≈ 1.64.
        d.components[2].params["instances"] = num(2);
        Model two(d, Catalog::builtin());
        const Evaluation ev2 = two.evaluate(d.traffic.users);
        bool half = false;
        for (const Warning &w : ev2.warnings)
            half = half || (w.code == "NO_N_PLUS_1" && w.componentId == "cache" &&
                            w.message.find("164%") != std::string::npos);
        QVERIFY(half);
        // A cache that hits every read has no miss route to follow: its hits go where its misses
        // would, the same 312% (QA: at a hit ratio of 1 the loss was not checked), look-aside as
        // here and read-through (app → cache → db).
        // With a pooler before the database the misses' route goes on through it, which no
        // read reaches at a hit ratio of 1 either (review).
        d.components[2].params["instances"] = num(1);
        d.components[2].params["hitRatio"] = num(1);
        d.components.push_back(make("pool", Kind::Pooler));
        const std::vector<std::pair<const char *, std::vector<Connection>>> wirings{
            {"look-aside", {wire("u", "app"), wire("app", "cache"), wire("app", "db")}},
            {"read-through", {wire("u", "app"), wire("app", "cache"), wire("cache", "db")}},
            {"look-aside, pooler",
             {wire("u", "app"), wire("app", "cache"), wire("app", "pool"), wire("pool", "db")}},
            {"read-through, pooler",
             {wire("u", "app"), wire("app", "cache"), wire("cache", "pool"), wire("pool", "db")}}};
        for (const auto &[what, connections] : wirings) {
            d.connections = connections;
            Model all(d, Catalog::builtin());
            QVERIFY2(all.ok(), what);
            const Evaluation eva = all.evaluate(d.traffic.users);
            const ComponentResult *c = sctest::resultOf(eva, "cache");
            QVERIFY(c && !c->nPlusOne);
            bool whole = false;
            for (const Warning &w : eva.warnings)
                whole = whole || (w.code == "NO_N_PLUS_1" && w.componentId == "cache" &&
                                  w.message.find("312%") != std::string::npos);
            QVERIFY2(whole, what);
        }
    }

    // N+1 of a tier: three c5.large at 10 ms (200 req/s each) carry 450 req/s but two carry
    // only 400; at 350 req/s two suffice.
    void tierNPlusOne()
    {
        for (auto [rps, holds] : {std::pair{450.0, false}, std::pair{350.0, true}}) {
            Design d;
            d.traffic = flat(rps * 86400, 1);
            d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                           {{"instances", num(3)},
                                                            {"instanceType", text("c5.large")},
                                                            {"serviceTimeMs", num(10)}})};
            d.connections = {wire("u", "app")};
            const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
            const ComponentResult *app = sctest::resultOf(ev, "app");
            QVERIFY(app);
            QCOMPARE(app->nPlusOne, holds);
            QVERIFY(!app->spof);
        }
    }

    // Not SPOFs: a single cache node (misses go to the database), a single read replica (reads
    // fall back to the primary), a managed ALB, CloudFront and S3. A single primary is.
    void singleButNotSpof()
    {
        Design d;
        d.traffic = flat(1000, 100, 0.2);
        d.traffic.staticPerRequest = 1;
        d.components = {make("u", Kind::Clients),           make("cdn", Kind::Cdn),
                        make("s3", Kind::ObjectStorage),    make("lb", Kind::LoadBalancer),
                        make("app", Kind::AppServer),       make("cache", Kind::Cache),
                        make("replica", Kind::ReadReplica), make("db", Kind::Database)};
        d.connections = {wire("u", "cdn"),  wire("cdn", "s3"),    wire("u", "lb"),
                         wire("lb", "app"), wire("app", "cache"), wire("app", "replica"),
                         wire("app", "db")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        QCOMPARE(m.evaluate(1000).spofs, std::vector<std::string>{"db"});
    }

    // The design's availability weighs the classes by demand: two static fetches per dynamic
    // request. Static: CloudFront, and S3 behind it for the 10% it misses; dynamic: ALB and at
    // least one of two EC2 instances (the load needs one).
    void demandWeightedAvailability()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.traffic.staticPerRequest = 2;
        d.components = {make("u", Kind::Clients), make("cdn", Kind::Cdn),
                        make("s3", Kind::ObjectStorage), make("lb", Kind::LoadBalancer),
                        make("app", Kind::AppServer)};
        d.connections = {wire("u", "cdn"), wire("cdn", "s3"), wire("u", "lb"), wire("lb", "app")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        const double ec2 = sla("ec2Instance");
        const double staticA = sla("cloudfront") * (0.9 + 0.1 * sla("s3"));
        const double dynamicA = sla("alb") * (1 - (1 - ec2) * (1 - ec2));
        SC_COMPARE_REL(ev.availability, (2 * staticA + dynamicA) / 3, 1e-12);
        const ComponentResult *app = sctest::resultOf(ev, "app");
        QVERIFY(app);
        SC_COMPARE_REL(app->availability, 1 - (1 - ec2) * (1 - ec2), 1e-12);
    }
    // An auto-scaled tier over the day (docs/model.md "Failure", "Traffic"): each hour of the
    // day profile has its own instance count (the fewest whose capacity at the target
    // utilization carries the hour's load, within min and max) and its own k-of-n share up,
    // weighted by the hour's requests. The profile, the counts and the binomial sums are written
    // out here; an evaluation that kept the peak's count all day (5 instances) would overstate
    // the night's share up (one instance there).
    void autoScaledTierOverTheDay()
    {
        Design d;
        d.traffic = flat(1e6, 86.4); // 1,000 req/s on average
        d.traffic.peakToAverage = 3; // 3,000 at the peak
        Component app = make("app", Kind::AppServer,
                             {{"instanceType", text("c5.large")}, // 2 vCPUs
                              {"serviceTimeMs", num(2)},
                              {"serialFraction", num(0)},
                              {"coherency", num(0)}}); // 1,000 req/s per instance
        app.autoscale = Autoscale{1, 10, 0.6, 300, 120};
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer), app};
        d.connections = {wire("u", "lb"), wire("lb", "app")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        SC_COMPARE_REL(ev.demand.peakRps, 3000.0, 1e-12);

        const std::array<double, 24> shape = dayProfile(3);
        const double a = sla("ec2Instance");
        double up = 0, asked = 0;
        int night = 0, peak = 0;
        for (int h = 0; h < 24; ++h) {
            const double lambda = 3000 * shape[size_t(h)];
            const int n = std::clamp(int(std::ceil(lambda / (1000 * 0.6))), 1, 10);
            up += lambda * sla("alb") * tierServed(a, n, 1000, lambda);
            asked += lambda;
            if (h == 2)
                night = n;
            if (h == 14)
                peak = n;
        }
        QCOMPARE(night, 1);
        QCOMPARE(peak, 5);
        SC_COMPARE_REL(ev.availability, up / asked, 1e-9);
    }

    // A tier of fixed size near its capacity at the peak: there losing two of its four instances
    // sheds a third of the requests, in the night's hours one instance carries them all. Each
    // hour weighs its own share (the quiet hours may take the peak's figure only where it does
    // not depend on the load: the balancer's SLA).
    void fixedTierNearCapacityOverTheDay()
    {
        Design d;
        d.traffic = flat(1e6, 86.4); // 1,000 req/s on average
        d.traffic.peakToAverage = 3; // 3,000 at the peak
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                        make("app", Kind::AppServer,
                             {{"instanceType", text("c5.large")}, // 2 vCPUs
                              {"instances", num(4)},
                              {"serviceTimeMs", num(2)},
                              {"serialFraction", num(0)},
                              {"coherency", num(0)}})}; // 1,000 req/s per instance
        d.connections = {wire("u", "lb"), wire("lb", "app")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        SC_COMPARE_REL(ev.demand.peakRps, 3000.0, 1e-12);
        QVERIFY(ev.errorRatePeak == 0); // 75% busy at the peak: nothing shed, no pool short

        const std::array<double, 24> shape = dayProfile(3);
        const double a = sla("ec2Instance");
        // The peak's share and the night's differ: with two of four up the peak loses a third.
        const double night = 3000 * shape[2];
        QCOMPARE_LT(night, 1000.0);
        QCOMPARE_GT(tierServed(a, 4, 1000, night) - tierServed(a, 4, 1000, 3000), 1e-6);
        double up = 0, asked = 0;
        for (int h = 0; h < 24; ++h) {
            const double lambda = 3000 * shape[size_t(h)];
            up += lambda * sla("alb") * tierServed(a, 4, 1000, lambda);
            asked += lambda;
        }
        SC_COMPARE_REL(ev.availability, up / asked, 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestFailure)
#include "tst_failure.moc"
