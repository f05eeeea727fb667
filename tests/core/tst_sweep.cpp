// Sweep: users log-spaced over a range, each point agreeing with a full evaluation, and the
// wall where the first station reaches ρ = 1 (docs/model.md, DESIGN.md "Sweep").
#include "core/analysis/limits.h"
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "core/io/templates.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT

private slots:
    // Growth stages: each template carries its own users without an overloaded station, and the
    // sweep of stage 5 finds a wall where ρ reaches 1.
    void growthStages()
    {
        for (const char *name :
             {"stage1-1k", "stage2-10k", "stage3-100k", "stage4-1m", "stage5-10m"}) {
            const auto d = sctest::templateDesign(name);
            QVERIFY2(d, name);
            Model m(*d, Catalog::builtin());
            QVERIFY2(m.ok(), name);
            const Evaluation ev = m.evaluate(d->traffic.users);
            for (const ComponentResult &r : ev.components)
                QVERIFY2(!r.overloaded, (std::string(name) + ": " + r.id).c_str());
            QVERIFY2(ev.latency.valid, name);
            QVERIFY(ev.maxUsers && *ev.maxUsers > d->traffic.users);
            QVERIFY(ev.wallComponent >= 0);
            // The wall is where what the users send the wall's component equals its capacity at
            // full size (a thread pool in front may refuse some of it before: overload is a loss).
            const int w = ev.wallComponent;
            const Component &c = d->components[size_t(w)];
            double perUser = 0;
            for (int k = 0; k < kClassCount; ++k)
                perUser += m.perUserArrival(w, RequestClass(k));
            const double full = m.capacityAt(
                w, c.autoscale ? c.autoscale->max
                               : (c.kind == Kind::Database ? 1 : c.number("instances")));
            QCOMPARE_LT(std::fabs(perUser * *ev.maxUsers / full - 1), 1e-9);
            const Evaluation wall = m.evaluate(*ev.maxUsers);
            QVERIFY(wall.components[size_t(w)].utilization <= 1 + 1e-9);
        }
        const auto d = sctest::templateDesign("stage5-10m");
        QVERIFY(d);
        Model m(*d, Catalog::builtin());
        const Sweep s = m.sweep(10, 1e8, 200);
        QCOMPARE(s.points.size(), size_t(200));
        QVERIFY(s.wallUsers && s.wallComponent >= 0);
        QVERIFY(std::fabs(s.points.front().users - 10) < 1e-9);
        QVERIFY(std::fabs(s.points.back().users - 1e8) / 1e8 < 1e-12);
    }

    // The sweep has its own lean loop; every point must agree with a full evaluation.
    void sweepMatchesEvaluate()
    {
        for (const char *name : {"stage3-100k", "stage4-1m", "stage5-10m", "case-chat-fanout"}) {
            const auto d = sctest::templateDesign(name);
            QVERIFY2(d, name);
            Model m(*d, Catalog::builtin());
            const Sweep s = m.sweep(10, 1e8, 23);
            for (const SweepPoint &p : s.points) {
                const Evaluation ev = m.evaluate(p.users);
                auto close = [](double a, double b) {
                    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
                };
                QVERIFY2(close(p.monthlyCostUsd, ev.monthlyCostUsd), name);
                QVERIFY2(close(p.demandRps, ev.demand.peakRps), name);
                QCOMPARE(p.bottleneck, ev.bottleneck);
                QCOMPARE(p.latency.valid, ev.latency.valid);
                if (p.latency.valid)
                    QVERIFY2(close(p.latency.p99, ev.latency.p99) &&
                                 close(p.latency.mean, ev.latency.mean),
                             name);
                for (size_t i = 0; i < ev.components.size(); ++i) {
                    QVERIFY2(close(p.utilization[i], ev.components[i].utilization), name);
                    QCOMPARE(p.instances[i], ev.components[i].instances);
                }
            }
        }
    }

    // Stations level within a rounding are named in design order (docs/model.md "Bottleneck,
    // wall, ceiling"). Stage 4 at 1M users: the app tier gets the peak's 1M × 50 × 3 ÷ 86,400 =
    // 1,736.1 dynamic req/s, auto-scaled at 60% to 4 c5.xlarge of 4 cores ÷ 5 ms = 800 req/s;
    // the workers get its 5% writes as jobs, 86.8/s, auto-scaled at 60% to 4 c5.large of 2 cores
    // ÷ 50 ms = 40/s. Both ρ = 1,736.1 ÷ 3,200 = 0.5425347…, equal but for their last bits (QA:
    // the one whose ρ came out an ulp higher, the workers, was named).
    void levelStationsNameTheFirstBottleneck()
    {
        auto d = sctest::templateDesign("stage4-1m");
        QVERIFY(d);
        const double rho = 1e6 * 50 * 3 / 86400 / (4 * 800.0);
        for (bool reversed : {false, true}) {
            if (reversed) { // the workers first in design order: they are named
                const int app = d->indexOf("app"), workers = d->indexOf("workers");
                std::swap(d->components[size_t(app)], d->components[size_t(workers)]);
            }
            const int app = d->indexOf("app"), workers = d->indexOf("workers");
            QCOMPARE(app < workers, !reversed);
            Model m(*d, Catalog::builtin());
            const Evaluation ev = m.evaluate(1e6);
            QCOMPARE_LT(std::fabs(ev.components[size_t(app)].utilization / rho - 1), 1e-12);
            QCOMPARE_LT(std::fabs(ev.components[size_t(workers)].utilization / rho - 1), 1e-12);
            QCOMPARE(ev.bottleneck, std::min(app, workers));
            const Sweep s = m.sweep(1e6, 1e6, 1);
            QCOMPARE(s.points.front().bottleneck, std::min(app, workers));
        }
    }

    // The rule itself (limits.h bottleneckAmong), whatever order the candidates come in
    // (evaluate's is design order, the sweep's and the simulation's the lumps'): the highest ρ,
    // and of those level with it (a relative 10⁻¹² below) the first in design order. A chain of
    // near ties named another station in each order (review): A = 1, B = 1 + 0.8·10⁻¹² (level
    // with A and C), C = 1 + 1.6·10⁻¹² (the highest; A is not level with it): B.
    void bottleneckRuleIsOrderFree()
    {
        using Candidates = std::vector<std::pair<double, int>>;
        const auto pick = [](const Candidates &c) {
            return bottleneckAmong([&c](const auto &f) {
                for (const auto &[rho, at] : c)
                    f(rho, at);
            });
        };
        const double a = 1, b = 1 + 0.8e-12, c = 1 + 1.6e-12;
        Candidates chain{{a, 0}, {b, 1}, {c, 2}};
        do
            QCOMPARE(pick(chain), 1);
        while (std::next_permutation(chain.begin(), chain.end(), [](const auto &x, const auto &y) {
            return x.second < y.second;
        }));
        const double inf = std::numeric_limits<double>::infinity();
        QCOMPARE(pick({{inf, 4}, {2.0, 0}, {inf, 3}}), 3); // overloaded without capacity: level
        QCOMPARE(pick({{std::nan(""), 0}, {0.5, 2}}), 2);  // NaN is none
        QCOMPARE(pick({{std::nan(""), 0}}), -1);
        QCOMPARE(pick({}), -1);
        QCOMPARE(pick({{0.0, 5}, {0.0, 1}}), 1);               // idle, level: the first
        QCOMPARE(pick({{0.9, 7}, {0.9 * (1 - 2e-12), 1}}), 7); // apart by more: the higher
    }

    // Points are log-spaced: users(k) = from · (to/from)^(k/(n−1)); one point is `from`.
    void logSpacedPoints()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer)};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        const Sweep s = m.sweep(10, 1e6, 6);
        QCOMPARE(s.points.size(), size_t(6));
        for (int k = 0; k < 6; ++k)
            SC_COMPARE_REL(s.points[size_t(k)].users, std::pow(10.0, 1 + k), 1e-12);
        const Sweep one = m.sweep(500, 500, 1);
        QCOMPARE(one.points.size(), size_t(1));
        QCOMPARE(one.points[0].users, 500.0);
    }

    // Arguments that make no range give no points.
    void invalidRangeIsEmpty()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer)};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.sweep(10, 1e6, 0).points.empty());
        QVERIFY(m.sweep(0, 1e6, 10).points.empty());
        QVERIFY(m.sweep(1e6, 10, 10).points.empty());
    }

    // The wall of two c5.large at 2 ms (2,000 req/s) with 100 requests per user per day, flat:
    // 2,000 × 86,400 / 100 = 1.728M users; every point reports the dynamic peak the design
    // carries there, 2,000 req/s, and the demand of its own users.
    void wallAndCapacity()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer, {{"instanceType", text("c5.large")}})};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        const Sweep s = m.sweep(1e3, 1e7, 9);
        QVERIFY(s.wallUsers.has_value());
        SC_COMPARE_REL(*s.wallUsers, 1.728e6, 1e-12);
        QCOMPARE(s.wallComponent, 1);
        for (const SweepPoint &p : s.points) {
            SC_COMPARE_REL(p.capacityRps, 2000.0, 1e-12);
            SC_COMPARE_REL(p.demandRps, p.users * 100 / 86400, 1e-12);
            SC_COMPARE_REL(p.utilization[1], p.users * 100 / 86400 / 2000, 1e-12);
            QCOMPARE(p.latency.valid, p.users < 1.728e6);
        }
    }

    // A sweep computed in parts (as the CLI streams a big one) has the points of the whole:
    // users(k) = from · (to/from)^(k/(n−1)) at the same k, and the same figures there.
    void partsMakeTheWhole()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer, {{"instanceType", text("c5.large")}})};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        const Sweep whole = m.sweep(10, 1e8, 11);
        size_t k = 0;
        for (const auto &[first, last] : {std::pair{0, 4}, std::pair{4, 5}, std::pair{5, 11}}) {
            const Sweep part = m.sweepPart(10, 1e8, 11, first, last);
            QCOMPARE(part.points.size(), size_t(last - first));
            QCOMPARE(part.wallUsers.has_value(), whole.wallUsers.has_value());
            for (const SweepPoint &p : part.points) {
                SC_COMPARE_REL(p.users, 10 * std::pow(10.0, 0.7 * double(k)), 1e-12);
                const SweepPoint &w = whole.points[k++];
                SC_COMPARE_REL(p.monthlyCostUsd, w.monthlyCostUsd, 1e-12);
                SC_COMPARE_REL(p.utilization[1], w.utilization[1], 1e-12);
                QCOMPARE(p.bottleneck, w.bottleneck);
            }
        }
        QCOMPARE(k, size_t(11));
        QVERIFY(m.sweepPart(10, 1e8, 11, 5, 12).points.empty()); // past the end
        QVERIFY(m.sweepPart(10, 1e8, 11, 6, 5).points.empty());
    }

    // A sweep's figures are the same to the last bit however its points are shared between
    // threads or streamed in parts that start at a chunk: each chunk of Model::kSweepChunk
    // points starts its percentile searches afresh, and within one each point's start from the
    // point before's, whichever thread computed it.
    void chunksGiveTheSameBits()
    {
        Design d;
        d.traffic = flat(1000, 100, 0.1);
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                        make("db", Kind::Database)};
        d.connections = {wire("u", "lb")};
        for (int i = 0; i < 40; ++i) { // 40 app servers that differ: 40 lumps
            const std::string id = "app" + std::to_string(i);
            d.components.push_back(
                make(id, Kind::AppServer, {{"serviceTimeMs", num(5 + 0.5 * i)}}));
            d.connections.push_back(wire("lb", id));
            d.connections.push_back(wire(id, "db"));
        }
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        constexpr int kPoints = 200;
        QCOMPARE_GE(m.lumpCount() * kPoints, 5000); // big enough to be shared between threads
        const Sweep whole = m.sweep(10, 1e7, kPoints);
        QCOMPARE(whole.points.size(), size_t(kPoints));
        auto sameBits = [](const SweepPoint &a, const SweepPoint &b) {
            return a.users == b.users && a.latency.valid == b.latency.valid &&
                   a.latency.p50 == b.latency.p50 && a.latency.p95 == b.latency.p95 &&
                   a.latency.p99 == b.latency.p99 && a.monthlyCostUsd == b.monthlyCostUsd &&
                   a.goodputRps == b.goodputRps;
        };
        const int chunk = Model::kSweepChunk;
        QCOMPARE_GE(kPoints, 3 * chunk); // parts of one chunk, of several, ending inside one
        for (const auto &[first, last] :
             {std::pair{0, chunk}, std::pair{chunk, 2 * chunk}, std::pair{2 * chunk, kPoints},
              std::pair{chunk, kPoints - 3}, std::pair{0, kPoints}}) {
            const Sweep part = m.sweepPart(10, 1e7, kPoints, first, last);
            QCOMPARE(part.points.size(), size_t(last - first));
            for (int k = first; k < last; ++k)
                QVERIFY2(
                    sameBits(part.points[size_t(k - first)], whole.points[size_t(k)]),
                    qPrintable(QStringLiteral("point %1 of the part from %2").arg(k).arg(first)));
        }
        // The points shared by one thread, two or three (each has every second or third point,
        // and the percentiles are found in order across them): the same bits.
        for (unsigned threads : {1u, 2u, 3u}) {
            Model::setThreadLimit(threads);
            const Sweep shared = m.sweep(10, 1e7, kPoints);
            Model::setThreadLimit(0);
            QCOMPARE(shared.points.size(), size_t(kPoints));
            for (int k = 0; k < kPoints; ++k)
                QVERIFY2(sameBits(shared.points[size_t(k)], whole.points[size_t(k)]),
                         qPrintable(QStringLiteral("point %1, %2 threads").arg(k).arg(threads)));
        }
        // The percentiles past the wall are unbounded: the sweep reached it.
        QVERIFY(whole.wallUsers && *whole.wallUsers < 1e7);
    }

    // The latency wall (DESIGN.md "Two walls") of one M/M/2 station, from the M/M/c response
    // time distribution written here: R = W + S, S ~ Exp(μ), W = 0 with probability 1 − C and
    // Exp(θ = cμ − λ) with the Erlang C probability C, so
    //   P(R > t) = (1 − C)·e^(−μt) + C·(θ·e^(−μt) − μ·e^(−θt)) / (θ − μ).
    // The p99 is where that is 1%; the wall is the λ where the p99 reaches 500 ms.
    void sloWallOfOneStation()
    {
        Design d;
        d.traffic = flat(1, 864); // 0.01 req/s per user, no static, no writes
        d.traffic.networkRttMs = 0;
        d.components = {make("users", Kind::Clients), make("app", Kind::AppServer,
                                                           {{"instances", num(1)},
                                                            {"instanceType", text("c5.large")},
                                                            {"serviceTimeMs", num(100)}})};
        d.connections = {wire("users", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        SC_COMPARE_REL(m.evaluate(1).demand.peakRps, 0.01, 1e-12);

        const double mu = 10, c = 2; // 100 ms on each of two vCPUs
        const auto tail = [&](double lambda, double t) {
            const double a = lambda / mu, rho = a / c;
            const double top = a * a / 2 / (1 - rho); // a^c / c! / (1 − ρ), c = 2
            const double erlangC = top / (1 + a + top);
            const double theta = c * mu - lambda;
            return (1 - erlangC) * std::exp(-mu * t) +
                   erlangC * (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
        };
        const auto p99 = [&](double lambda) { // seconds
            double lo = 0, hi = 1e4;
            for (int i = 0; i < 200; ++i)
                (tail(lambda, (lo + hi) / 2) > 0.01 ? lo : hi) = (lo + hi) / 2;
            return (lo + hi) / 2;
        };
        double lo = 0.1, hi = 19.999; // λ below cμ = 20 req/s
        QVERIFY(p99(lo) < 0.5 && p99(hi) > 0.5);
        for (int i = 0; i < 200; ++i)
            (p99((lo + hi) / 2) <= 0.5 ? lo : hi) = (lo + hi) / 2;
        const double expected = lo / 0.01; // users, at 0.01 req/s each

        // The model's end-to-end percentiles come from a gamma law matched by mean and variance
        // (docs/model.md, "End-to-end latency"), within 10% of the exact law at ρ ≤ 0.9: the
        // wall is held to that. That the search itself is exact: the model's own p99 is 500 ms
        // at the wall and more just above it.
        const std::optional<double> wall = m.sloMaxUsers(500);
        QVERIFY(wall);
        SC_COMPARE_REL(*wall, expected, 0.1);
        SC_COMPARE_REL(m.evaluate(*wall).latency.p99, 500.0, 1e-6);
        QVERIFY(m.evaluate(*wall * (1 + 1e-6)).latency.p99 > 500);
        // Below the saturation wall (cμ = 20 req/s = 2,000 users), as it must be.
        const Evaluation ev = m.evaluate(1);
        QVERIFY(ev.maxUsers);
        SC_COMPARE_REL(*ev.maxUsers, 2000.0, 1e-9);
        QVERIFY(*wall < *ev.maxUsers);
        // An objective nothing meets (the p99 of one 100 ms request alone is 460 ms: ln 100 / μ),
        // and one everything below saturation meets.
        QCOMPARE(m.sloMaxUsers(400).value_or(-1), 0.0);
        QVERIFY(!m.sloMaxUsers(-1) && !m.sloMaxUsers(0));
    }

    // No latency wall where neither wall is below 10⁸ users (docs/cli.md): 1,000 instances of
    // 2 vCPUs at 1 ms carry 2,000 req/s each, 2e8 users at 0.01 req/s a user, and a 1 ms
    // station's p99 is far inside 500 ms all the way. Nor in a design whose requests go
    // nowhere to be timed: no clients.
    void noLatencyWallWithoutAWallInRange()
    {
        Design d;
        d.traffic = flat(1, 864); // 0.01 req/s per user
        d.traffic.networkRttMs = 0;
        d.components = {make("users", Kind::Clients), make("app", Kind::AppServer,
                                                           {{"instances", num(1000)},
                                                            {"instanceType", text("c5.large")},
                                                            {"serviceTimeMs", num(1)}})};
        d.connections = {wire("users", "app")};
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(1e6);
        QVERIFY(ev.maxUsers);
        SC_COMPARE_REL(*ev.maxUsers, 1000 * 2 * 1000 / 0.01, 1e-9);
        QVERIFY(!m.sloMaxUsers(500));
        QVERIFY(!m.sloMaxUsers());

        Design alone = d;
        alone.components.erase(alone.components.begin()); // the app server only
        alone.connections.clear();
        const Model lone(alone, Catalog::builtin());
        QVERIFY(!lone.evaluate(1e6).maxUsers);
        QVERIFY(!lone.sloMaxUsers(500));

        // Clients whose share is 0 send nothing either: no wall of either kind, not "not even
        // 10 users meet the objective" (a latency wall of 0; QA).
        Design silent = d;
        silent.components[0].params["share"] = num(0);
        const Model quiet(silent, Catalog::builtin());
        QVERIFY(quiet.ok());
        QVERIFY(!quiet.evaluate(1e6).maxUsers);
        QVERIFY(!quiet.sloMaxUsers(500));
    }

    // A design whose every route dead-ends serves nothing at any count: a goodput of exactly 0
    // and an error rate of exactly 1, in the sweep, an evaluation and a run in time. (The users'
    // reads and writes split seven ways and all lost left a goodput of 3.5e-18 req/s at 83 of
    // the 200 points: the lost and the offered flows are summed differently.)
    void nothingServedIsZero()
    {
        Design d;
        d.traffic = flat(1000, 50, 0.05);
        d.components = {make("users", Kind::Clients), make("lb", Kind::LoadBalancer)};
        d.connections = {wire("users", "lb")};
        for (int i = 0; i < 7; ++i) { // seven balancers with nowhere to send anything
            const std::string id = "to" + std::to_string(i);
            d.components.push_back(make(id, Kind::LoadBalancer));
            d.connections.push_back(wire("lb", id));
        }
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Sweep s = m.sweep(10, 1e8, 200);
        QCOMPARE(s.points.size(), size_t(200));
        for (const SweepPoint &pt : s.points) {
            QVERIFY(pt.demandRps > 0);
            QCOMPARE(pt.goodputRps, 0.0);
            QCOMPARE(pt.errorRate, 1.0);
        }
        // 11.758…: the sweep's third point, 10 × (10⁸ / 10)^(2/199), one that had the residue.
        for (double users : {10 * std::pow(1e7, 2.0 / 199), 1e3, 1e6}) {
            const Evaluation ev = m.evaluate(users);
            QCOMPARE(ev.goodputRps, 0.0);
            QCOMPARE(ev.errorRatePeak, 1.0);
        }
        // And the balancer that loses them serves none of its arrivals: 0, not the 2.3e-13 req/s
        // a balancer wired to nothing beside a CDN's static path read (GUI QA: "Served <0.01
        // req/s, >99% fail" beside the status bar's 100%).
        Design dead;
        dead.traffic = d.traffic;
        dead.traffic.staticPerRequest = 1;
        dead.components = {make("users", Kind::Clients), make("cdn", Kind::Cdn),
                           make("files", Kind::ObjectStorage), make("lb", Kind::LoadBalancer)};
        dead.connections = {wire("users", "cdn"), wire("cdn", "files"), wire("users", "lb")};
        const Model md(dead, Catalog::builtin());
        QVERIFY(md.ok());
        int residues = 0;
        for (const SweepPoint &pt : md.sweep(10, 1e8, 200).points) {
            const Evaluation ev = md.evaluate(pt.users);
            const ComponentResult &lb = ev.components[3];
            QVERIFY(lb.arrivalRps > 0);
            residues += lb.servedRps != 0;
            QCOMPARE(lb.errorRps, lb.arrivalRps);
        }
        QCOMPARE(residues, 0);
        Scenario run;
        run.shape = Scenario::Shape::Flat;
        run.durationS = 600;
        for (double users : {10 * std::pow(1e7, 2.0 / 199), 1e6}) {
            run.users = users;
            int steps = 0;
            const SimulationSummary sum = m.simulate(run, [&](const SimulationStep &step) {
                ++steps;
                QCOMPARE_GT(step.demandRps, 0.0);
                QCOMPARE(step.servedRps, 0.0);
            });
            QCOMPARE(steps, 61); // 0, 10, …, 600 s
            QCOMPARE(sum.errorRate, 1.0);
        }
        QVERIFY(!m.sloMaxUsers(500)); // nothing served: nothing to time
    }

    // Every template: the latency wall is at or below the saturation wall, the p99 meets 500 ms
    // there and misses it just above.
    void sloWallOfTemplates()
    {
        for (const TemplateInfo &t : builtinTemplates()) {
            const auto d = sctest::templateDesign(t.name);
            QVERIFY2(d, t.name.c_str());
            Model m(*d, Catalog::builtin());
            QVERIFY2(m.ok(), t.name.c_str());
            const std::optional<double> wall = m.sloMaxUsers(500);
            const Evaluation ev = m.evaluate(d->traffic.users);
            if (!wall) {
                QVERIFY2(!ev.maxUsers, t.name.c_str());
                continue;
            }
            if (ev.maxUsers)
                QVERIFY2(*wall <= *ev.maxUsers, t.name.c_str());
            if (*wall == 0)
                continue;
            const LatencySummary at = m.evaluate(*wall).latency;
            QVERIFY2(at.valid && at.p99 <= 500 + 1e-6, t.name.c_str());
            if (ev.maxUsers && *wall == *ev.maxUsers)
                continue; // met up to the saturation wall (a station off the requests' path)
            const LatencySummary above = m.evaluate(*wall * (1 + 1e-6)).latency;
            QVERIFY2(!above.valid || above.p99 > 500 - 1e-6, t.name.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
