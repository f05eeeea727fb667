// The simulation in time (docs/model.md "Simulation"): with flat traffic it is evaluate, step by
// step (the connection storm's refusals included); a spike that auto-scaling cannot meet fails what
// the backlog arithmetic says; a cooldown stops a step policy from flapping. Expected figures are
// worked out here by hand.
#include "core/analysis/model.h"
#include "core/analysis/scenarios.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/templates.h"
#include "core/model/scenarionames.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

// Clients → an auto-scaled app tier whose instances serve exactly 1,000 req/s each (c5.large:
// 2 vCPU at 2 ms, no serial part, no coherency cost), with `rps` dynamic req/s, flat.
Design tier(double rps, const Autoscale &a)
{
    Design d;
    d.traffic = flat(rps, 86400);
    d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                   {{"instanceType", text("c5.large")},
                                                    {"serviceTimeMs", num(2)},
                                                    {"serialFraction", num(0)},
                                                    {"coherency", num(0)},
                                                    {"threadsPerInstance", num(100000)}})};
    d.components[1].autoscale = a;
    d.connections = {wire("u", "app")};
    return d;
}

// Target tracking between `min` and `max` at `target`, deciding every `periodS`, new instances
// serving `bootS` after the decision (the default 300 s cooldown).
Autoscale scaling(int min, int max, double target, double periodS, double bootS)
{
    Autoscale a;
    a.min = min;
    a.max = max;
    a.targetUtilization = target;
    a.metricPeriodS = periodS;
    a.bootS = bootS;
    return a;
}

// Flat traffic (the design's peak all along) for `seconds`.
Scenario flatFor(double seconds)
{
    Scenario s;
    s.shape = Scenario::Shape::Flat;
    s.durationS = seconds;
    return s;
}

// Flat for `seconds` at `stepS` with a 30 s time-out, the traffic ×5 from 600 s for 1,200 s
// (no ramp).
Scenario spikeAt600(double seconds, double stepS)
{
    Scenario s = flatFor(seconds);
    s.stepS = stepS;
    s.timeoutS = 30;
    s.spikes.push_back({600, 5, 0, 1200});
    return s;
}

struct Run {
    SimulationSummary summary;
    std::vector<SimulationStep> steps;
};

Run simulate(const Model &m, const Scenario &s)
{
    Run r;
    r.summary = m.simulate(s, [&r](const SimulationStep &step) { r.steps.push_back(step); });
    return r;
}

bool close(double a, double b, double rel)
{
    return std::fabs(a - b) <= rel * std::max({std::fabs(a), std::fabs(b), 1e-300});
}

// How often a series changes direction (up then down or down then up).
int turns(const std::vector<double> &series)
{
    int turns = 0, last = 0;
    for (size_t i = 1; i < series.size(); ++i) {
        const int dir = series[i] > series[i - 1] ? 1 : series[i] < series[i - 1] ? -1 : 0;
        if (dir != 0 && last != 0 && dir != last)
            ++turns;
        if (dir != 0)
            last = dir;
    }
    return turns;
}

// Stage 4 with its app tier in two zones: "app" (zone a) and its twin "app-b" (zone b), behind
// the same load balancer, each wired to what "app" calls and auto-scaled as it is.
Design stage4InTwoZones()
{
    Design d = *sctest::templateDesign("stage4-1m");
    Component b = *d.find("app");
    b.id = "app-b";
    d.components.push_back(b);
    std::vector<Connection> added;
    for (const Connection &c : d.connections) {
        Connection twin = c;
        if (c.from == "app")
            twin.from = "app-b";
        else if (c.to == "app")
            twin.to = "app-b";
        else
            continue;
        added.push_back(twin);
    }
    d.connections.insert(d.connections.end(), added.begin(), added.end());
    Group za, zb;
    za.id = "a";
    za.members = {"app"};
    zb.id = "b";
    zb.members = {"app-b"};
    d.groups = {za, zb};
    return d;
}

// 400 req/s flat (a tenth writes) through a balancer to four app servers of 200 req/s each
// (c5.large, 2 vCPU at 10 ms, no serial part or coherency cost) and a primary that takes them.
Design fourAppServers()
{
    Design d;
    d.traffic = flat(400, 86400, 0.1);
    d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                    make("app", Kind::AppServer,
                         {{"instances", num(4)},
                          {"instanceType", text("c5.large")},
                          {"serviceTimeMs", num(10)},
                          {"serialFraction", num(0)},
                          {"coherency", num(0)}}),
                    make("db", Kind::Database,
                         {{"instanceType", text("db.m5.large")},
                          {"maxConnections", num(1000)},
                          {"readServiceTimeMs", num(1)},
                          {"writeServiceTimeMs", num(2)}})};
    d.connections = {wire("u", "lb"), wire("lb", "app"), wire("app", "db")};
    return d;
}

// Clients sending 2,000 req/s, 7.5% of them writes with a background job each (150 jobs/s),
// through ten app servers (c5.large at 2 ms: 10,000 req/s, 20% busy) to an SQS queue and
// `workers` fixed c5.large workers at 50 ms (2 vCPU, no serial part: 40 jobs/s each).
Design jobsBehindAQueue(int workers)
{
    Design d;
    d.traffic = flat(2000, 86400, 0.075);
    d.traffic.asyncPerWrite = 1;
    d.components = {make("u", Kind::Clients),
                    make("app", Kind::AppServer,
                         {{"instances", num(10)},
                          {"instanceType", text("c5.large")},
                          {"serviceTimeMs", num(2)},
                          {"threadsPerInstance", num(100000)}}),
                    make("q", Kind::Queue),
                    make("w", Kind::Worker,
                         {{"instances", num(workers)},
                          {"instanceType", text("c5.large")},
                          {"serviceTimeMs", num(50)},
                          {"serialFraction", num(0)}})};
    d.connections = {wire("u", "app"), wire("app", "q"), wire("q", "w")};
    return d;
}

// Equal but for rounding, to 10⁻⁹ of the expected figure (or of 1, for a figure of 0).
bool near(double got, double expected)
{
    return std::fabs(got - expected) <= 1e-9 * std::max(1.0, std::fabs(expected));
}

// A step's figures are numbers: no inf or NaN in the utilization, backlog or p99 columns of
// the stations (nothing here ever has no capacity).
bool finiteRow(const SimulationStep &step)
{
    for (size_t l = 0; l < step.utilization.size(); ++l)
        if (!std::isfinite(step.utilization[l]) || !std::isfinite(step.backlog[l]))
            return false;
    return step.p99Ms && std::isfinite(*step.p99Ms) && std::isfinite(step.costUsd);
}

} // namespace

class TestSimulation : public QObject
{
    Q_OBJECT

private slots:
    // Flat traffic, no events: every step is evaluate at that load — demand, served requests,
    // instances and utilization of every component, the p99 and the cost rate — on every
    // template at half its wall (below 95% everywhere, where the simulation's wait is the
    // station's own).
    void flatEqualsEvaluate()
    {
        for (const TemplateInfo &t : builtinTemplates()) {
            const Design d = *sctest::templateDesign(t.name);
            const Model m(d, Catalog::builtin());
            QVERIFY2(m.ok(), t.name.c_str());
            const std::optional<double> wall = m.evaluate(d.traffic.users).maxUsers;
            const double users = wall ? 0.5 * *wall : d.traffic.users;
            const Evaluation ev = m.evaluate(users);
            Scenario s = flatFor(120);
            s.users = users;
            const Run r = simulate(m, s);
            QCOMPARE(r.steps.size(), size_t(13));
            for (const SimulationStep &step : r.steps) {
                const QByteArray where =
                    QByteArray(t.name.c_str()) + " t=" + QByteArray::number(step.t);
                QVERIFY2(close(step.demandRps, ev.demand.peakRps, 1e-9), where);
                QVERIFY2(close(step.servedRps, ev.goodputRps, 1e-9), where);
                QVERIFY2(close(step.errorRps, ev.errorRatePeak * ev.demand.peakRps, 1e-9) ||
                             (step.errorRps == 0 && ev.errorRatePeak == 0),
                         where);
                QVERIFY2(step.p99Ms && ev.latency.valid, where);
                QVERIFY2(close(*step.p99Ms, ev.latency.p99, 1e-9), where);
                for (size_t i = 0; i < d.components.size(); ++i) {
                    const size_t l = size_t(m.lumpOf(int(i)));
                    const ComponentResult &c = ev.components[i];
                    QVERIFY2(close(step.instances[l], c.instances, 1e-9),
                             where + " " + c.id.c_str());
                    if (c.station)
                        QVERIFY2(close(step.utilization[l], c.utilization, 1e-9),
                                 where + " " + c.id.c_str());
                    QCOMPARE(step.backlog[l], 0.0);
                }
            }
            // A flat month at the peak: the instances by the hour, the rest at the peak's rate.
            QVERIFY(r.summary.costUsd > 0);
        }
    }

    // Past the wall where an app server's thread pool is short, a flat run is evaluate at that
    // load too (QA: the viral spike ranked case-1m-optimized above case-1m-unoptimized, its
    // pools not applied in time): at 5,747,000 users (9,977 req/s) optimized's four app servers
    // hold their threads for the database's waits and let in 20% (evaluate's fixed point); the
    // run serves that and fails the rest at the app, and its replicas apply only the writes the
    // primary commits (they had applied all the users' writes: 2.6 × their capacity).
    void poolsRefuseInTime()
    {
        const Design d = *sctest::templateDesign("case-1m-optimized");
        const Model m(d, Catalog::builtin());
        const double users = 5.747e6;
        const Evaluation ev = m.evaluate(users);
        const int app = d.indexOf("app"), replicas = d.indexOf("replicas");
        QVERIFY(ev.components[size_t(app)].refusedRps > 0.5 * ev.demand.peakRps);
        Scenario s = flatFor(300);
        s.users = users;
        const Run r = simulate(m, s);
        for (const SimulationStep &step : r.steps) {
            const QByteArray where = "t=" + QByteArray::number(step.t);
            QVERIFY2(close(step.servedRps, ev.goodputRps, 1e-9), where);
            QVERIFY2(close(step.errorRps, ev.errorRatePeak * ev.demand.peakRps, 1e-9), where);
            const size_t l = size_t(m.lumpOf(replicas));
            QVERIFY2(close(step.utilization[l], ev.components[size_t(replicas)].utilization, 1e-9),
                     where);
            QCOMPARE(step.backlog[l], 0.0);
        }
    }

    // A spike auto-scaling follows at once (boot time 0, a decision every step, no maximum):
    // the backlog of one step drains within a second of capacity and nothing times out.
    void spikeWithInstantBootFailsNothing()
    {
        const Design d = tier(1000, scaling(1, 100000, 0.6, 10, 0));
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        Scenario s = flatFor(3600);
        s.spikes.push_back({600, 10, 30, 600});
        const Run r = simulate(m, s);
        QCOMPARE(r.summary.failedRequests, 0.0);
        // 10,000 req/s at 60% of 1,000 per instance: 17 instances once the spike is steady
        // (the last scale-out during the ramp, at most 640 s, cooled down by 940 s).
        const SimulationStep &held = r.steps[1200 / 10];
        QCOMPARE(held.t, 1200.0);
        QCOMPARE(held.instances[size_t(m.lumpOf(1))], 17.0);
        QCOMPARE(r.steps.front().instances[size_t(m.lumpOf(1))], 2.0); // 1,000 at 60%
    }

    // The viral spike at boot time 180 s (time-and-place.md, worked case 1, with a jump): 1,000
    // req/s on 2 instances of 1,000 (target 50%), then 10,000 at t = 600 s. Decisions come at the
    // end of each 60 s period, at t = 60, 120, …, 600, 660 (each on its six steps of 10 s); the
    // one at 660 s, on [600, 660), launches what 10,000 req/s need, serving from 840 s.
    // Meanwhile the backlog holds 30 s of capacity (60,000 requests): the step at 600 s queues
    // 80,000 and fails 20,000; every step from 610 s to 830 s (23 steps) fails all it cannot
    // serve, (10,000 − 2,000) × 10 s.
    void viralSpikeFailuresFollowTheBacklog()
    {
        const Design d = tier(1000, scaling(2, 1000, 0.5, 60, 180));
        const Model m(d, Catalog::builtin());
        Scenario s = flatFor(3600);
        s.timeoutS = 30;
        s.spikes.push_back({600, 10, 0, 3600});
        const Run r = simulate(m, s);
        QCOMPARE(r.steps.front().instances[size_t(m.lumpOf(1))], 2.0);
        const double expected = 20000 + 23 * (10000 - 2000) * 10.0;
        QVERIFY2(close(r.summary.failedRequests, expected, 1e-12),
                 QByteArray::number(r.summary.failedRequests, 'f', 1));
        for (const SimulationStep &step : r.steps) {
            const bool drowning = step.t >= 600 && step.t < 840;
            QCOMPARE(step.errorRps > 0, drowning);
        }
        QVERIFY(r.summary.errorRate > 0);
    }

    // A run does not depend on its step where the scenario's times fall on the steps: a tier
    // decides when its metric period ends (the average of [600, 660) is known at 660 s, not at
    // the last step inside it), and a spike without ramps covers [atS, atS + holdS). 1,000 req/s
    // on instances of 1,000 at 50% (two), 5 × that from 600 s for 1,200 s, a 60 s period and a
    // 120 s boot: the decision at 660 s brings the ten instances 5,000 req/s need at 780 s,
    // whatever the step. Meanwhile 5,000 arrive for 2,000 of capacity: 3,000 req/s too many for
    // 180 s, of which the backlog keeps 30 s of capacity (60,000), so 480,000 fail. The
    // requests: 1,000 × 2,400 s + 5,000 × 1,200 s = 8.4 M. The ten drain the backlog within
    // [780, 840), serving 5,000 × 60 + 60,000 requests there: 6,000 req/s on average, for which
    // the decision at 840 s adds two (serving from 960 s); the one at 900 s wants ten again,
    // a scale-in that waits out the cooldown to 1,140 s. At 1,860 s (on [1,800, 1,860), the
    // spike over) the tier is back at two.
    // An auto-scaled tier starts sized for what reaches it, as evaluate sizes it, not for what
    // the users send (QA: the run started the workers at 7 where evaluate has 5, and billed them).
    // 3,000 req/s, 5% writes, a job each, against three c5.xlarge app servers of 4 vCPU at 5 ms
    // (no serial part): 3 × 4 × 1000 / 5 = 2,400 req/s served, so 2,400 × 0.05 = 120 jobs/s
    // reach the workers, c5.large of 2 vCPU at 50 ms: 40 jobs/s each, 24 at the 0.6 target:
    // ⌈120 / 24⌉ = 5 (the 150 jobs/s sent would need ⌈6.25⌉ = 7).
    void autoscaledTiersStartWhereEvaluateSizesThem()
    {
        Design d;
        d.traffic = flat(3000, 86400);
        d.traffic.writeFraction = 0.05;
        d.traffic.asyncPerWrite = 1;
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer,
                             {{"instances", num(3)},
                              {"instanceType", text("c5.xlarge")},
                              {"serviceTimeMs", num(5)},
                              {"serialFraction", num(0)},
                              {"coherency", num(0)},
                              {"threadsPerInstance", num(100000)}}),
                        make("q", Kind::Queue),
                        make("w", Kind::Worker,
                             {{"instanceType", text("c5.large")}, {"serviceTimeMs", num(50)}})};
        d.components[3].autoscale = scaling(1, 20, 0.6, 60, 90);
        d.connections = {wire("u", "app"), wire("app", "q"), wire("q", "w")};
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(d.traffic.users);
        QCOMPARE(sctest::resultOf(ev, "app")->servedRps, 2400.0);
        QCOMPARE(sctest::resultOf(ev, "w")->instances, 5.0);
        const Run r = simulate(m, flatFor(600));
        const size_t w = size_t(m.lumpOf(3));
        for (const SimulationStep &step : r.steps)
            QVERIFY2(step.instances[w] == 5,
                     QByteArray::number(step.t) + ": " + QByteArray::number(step.instances[w]));
        QCOMPARE(r.summary.maxInstances, (std::vector<std::pair<std::string, int>>{{"w", 5}}));
    }

    void runsDoNotDependOnTheStep()
    {
        const Design d = tier(1000, scaling(2, 40, 0.5, 60, 120));
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const size_t l = size_t(m.lumpOf(1));
        for (double stepS : {1.0, 10.0, 30.0, 60.0}) {
            const Run r = simulate(m, spikeAt600(3600, stepS));
            const QByteArray at = "step " + QByteArray::number(stepS);
            QVERIFY2(close(r.summary.requests, 1000 * 2400.0 + 5000 * 1200.0, 1e-12), at);
            QVERIFY2(close(r.summary.failedRequests, 3000 * 180.0 - 2000 * 30.0, 1e-12),
                     at + ": " + QByteArray::number(r.summary.failedRequests, 'f', 1));
            for (const SimulationStep &step : r.steps) {
                const double expected = step.t < 780    ? 2
                                        : step.t < 960  ? 10
                                        : step.t < 1140 ? 12
                                        : step.t < 1860 ? 10
                                                        : 2;
                QVERIFY2(step.instances[l] == expected, at + ", t=" + QByteArray::number(step.t) +
                                                            ": " +
                                                            QByteArray::number(step.instances[l]));
            }
        }
    }

    // QA's spike at steps that divide neither the 60 s metric period nor the 120 s boot (at 50 s
    // steps the period grew to 100 s and the spike was seen at 700 s: 13,000 failed of a due
    // 6,000; at 45 s a decision at 630 s saw it early: 1,500), here five times over: 500 req/s
    // on two instances of 1,000 each, ×5 from 600 s. Decided at 660 s on 2,500 req/s at the 0.5
    // target, 5 instances serve from the first step at or after 780 s, at most a step late: the
    // failed requests are the exact run's (2,500 − 2,000) × 180 − 2,000 × 30 (the backlog the
    // 30 s time-out keeps) plus at most 500 a second for that step.
    void decisionsDoNotDependOnTheStep()
    {
        const Design d = tier(500, scaling(2, 40, 0.5, 60, 120));
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const size_t l = size_t(m.lumpOf(1));
        for (double stepS : {7.0, 45.0, 50.0}) {
            const Run r = simulate(m, spikeAt600(1500, stepS));
            const QByteArray at = "step " + QByteArray::number(stepS);
            const double serveFrom = std::ceil(780 / stepS) * stepS;
            const double exact = 500 * 180.0 - 2000 * 30.0;
            QVERIFY2(r.summary.failedRequests >= exact - 1e-6 &&
                         r.summary.failedRequests <= exact + 500 * (serveFrom - 780) + 1e-6,
                     at + ": " + QByteArray::number(r.summary.failedRequests, 'f', 1));
            for (const SimulationStep &step : r.steps) {
                const double expected = step.t < serveFrom ? 2 : 5;
                if (step.t < 840) // before the next decision's instances could serve
                    QVERIFY2(step.instances[l] == expected,
                             at + ", t=" + QByteArray::number(step.t) + ": " +
                                 QByteArray::number(step.instances[l]));
            }
        }
    }

    // A flat load exactly on an instance count's capacity at the target (k × 1,000 req/s × 0.5
    // on c5.large at 2 ms), a ×3 spike at 600 s: the decision at 600 s averages whole steps and
    // the part of the step that holds 600 s, before the spike, each at the flat load. It stays
    // at the k instances evaluate sizes (QA: at 45 s steps the part's share of its step's traffic
    // came out an ulp above, and a fifth instance was decided at 600 s and served from 720 s).
    void aLoadOnACountsBoundaryStaysThere()
    {
        for (const double rps : {1500.0, 2000.0, 2500.0, 3500.0})
            for (const double stepS : {7.0, 35.0, 40.0, 45.0, 50.0, 55.0}) {
                const Design d = tier(rps, scaling(2, 40, 0.5, 60, 120));
                const Model m(d, Catalog::builtin());
                QVERIFY(m.ok());
                const size_t l = size_t(m.lumpOf(1));
                const double k = rps / (1000 * 0.5);
                QCOMPARE(m.evaluate(d.traffic.users).components[1].instances, k);
                Scenario s = spikeAt600(1500, stepS);
                s.spikes.front().multiplier = 3;
                const Run r = simulate(m, s);
                for (const SimulationStep &step : r.steps)
                    if (step.t + stepS <= 780) // before what the decision at 660 s boots
                        QVERIFY2(step.instances[l] == k, QByteArray::number(rps) + " req/s, step " +
                                                             QByteArray::number(stepS) + ", t=" +
                                                             QByteArray::number(step.t) + ": " +
                                                             QByteArray::number(step.instances[l]));
            }
    }

    // A scheduled minimum launches at its own time (the first step at or after it), as EC2's
    // scheduled actions do: set at 600 s with a 120 s boot, the 5 serve from 720 s (QA: they
    // waited for the next metric period's decision and served from 780 s).
    void scheduledMinimumLaunchesAtItsTime()
    {
        const Design d = tier(100, scaling(2, 20, 0.5, 60, 120));
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const size_t l = size_t(m.lumpOf(1));
        Scenario s = flatFor(1200);
        s.schedules.push_back({600, "app", 5});
        const Run r = simulate(m, s);
        for (const SimulationStep &step : r.steps)
            QVERIFY2(step.instances[l] == (step.t < 720 ? 2 : 5),
                     QByteArray::number(step.t) + ": " + QByteArray::number(step.instances[l]));
    }

    // A day sends users × requestsPerUserPerDay (docs/model.md "Simulation in time") whatever the
    // peak-to-average: past P ≈ 23 no raised cosine brings the hourly mean down to peak / P (an
    // hour at the peak is 1/24 of a day's already), and a day at P = 30 sent 28% too many, at
    // P = 50 twice as many (QA). 2,000 users × 750 requests = 1.5 M requests a day.
    void aDaySendsTheDaysRequestsAtAnyPeakToAverage()
    {
        for (double P : {3.0, 20.0, 24.0, 30.0, 50.0, 1000.0}) {
            Design d = tier(1000, scaling(2, 2, 0.5, 60, 0));
            d.components[1].autoscale.reset();
            d.components[1].params["instances"] = num(200);
            d.traffic.users = 2000;
            d.traffic.requestsPerUserPerDay = 750;
            d.traffic.peakToAverage = P;
            const Model m(d, Catalog::builtin());
            QVERIFY(m.ok());
            Scenario s;
            s.shape = Scenario::Shape::Day;
            s.durationS = 86400;
            s.stepS = 60;
            const Run r = simulate(m, s);
            QVERIFY2(close(r.summary.requests, 2000 * 750.0, 1e-9),
                     "P = " + QByteArray::number(P) + ": " +
                         QByteArray::number(r.summary.requests, 'f', 1));
            // The peak evaluate sizes for is still P times the mean.
            QVERIFY(close(m.evaluate(2000).demand.peakRps, 2000 * 750.0 / 86400 * P, 1e-12));
        }
    }

    // A step carries the traffic's mean over the interval it stands for, the last one cut at
    // the scenario's end, so a run's requests are the traffic's integral whatever the step, also
    // one that divides neither the spike's times nor the scenario. 1,000 req/s flat: a spike of
    // m× held h s without ramps adds (m − 1) × 1,000 × h requests; each of its two ramps of ρ s
    // adds half of what it would held, (m − 1) × 1,000 × (h + ρ) in all.
    void requestsDoNotDependOnTheStep()
    {
        Design d = tier(1000, scaling(2, 2, 0.5, 60, 0));
        d.components[1].autoscale.reset();
        d.components[1].params["instances"] = num(20);
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        struct Case {
            double durationS, stepS;
            Spike spike;
        };
        const Case cases[] = {
            {3600, 3600, {600, 2, 0, 600}}, // one step: 3,000 s at 1× and 600 s at 2×
            {70, 7, {5, 2, 0, 10}},         // the spike starts and ends inside steps
            {3600, 7, {600, 5, 0, 600}},    // 3,600 s is 514 steps of 7 s and 2 s
            {95, 10, {3, 3, 4, 20}},        // ramps inside steps, a last interval of 5 s
            {3600, 1, {600, 10, 30, 600}},  // the viral spike's shape at 1 s, 7 s, 60 s, 3,600 s
            {3600, 7, {600, 10, 30, 600}},
            {3600, 60, {600, 10, 30, 600}},
            {3600, 3600, {600, 10, 30, 600}},
            {3600, 7, {598, 10, 33, 600}}, // every corner inside a step
        };
        for (const Case &c : cases) {
            Scenario s = flatFor(c.durationS);
            s.stepS = c.stepS;
            s.spikes.push_back(c.spike);
            const Run r = simulate(m, s);
            const Spike &sp = c.spike;
            const double expected =
                1000 * c.durationS + (sp.multiplier - 1) * 1000 * (sp.holdS + sp.rampS);
            QVERIFY2(close(r.summary.requests, expected, 1e-12),
                     "step " + QByteArray::number(c.stepS) + " at " + QByteArray::number(sp.atS) +
                         ": " + QByteArray::number(r.summary.requests, 'f', 3) + ", expected " +
                         QByteArray::number(expected, 'f', 3));
        }
        // The rows of the second case: [0, 7) is 5 s at 1× and 2 s at 2×, [7, 14) all 2×,
        // [14, 21) 1 s at 2× and 6 s at 1×.
        Scenario s = flatFor(70);
        s.stepS = 7;
        s.spikes.push_back({5, 2, 0, 10});
        const Run r = simulate(m, s);
        QCOMPARE(r.steps.size(), size_t(11));
        QVERIFY(close(r.steps[0].demandRps, 1000 * (5 + 2 * 2) / 7.0, 1e-12));
        QVERIFY(close(r.steps[1].demandRps, 2000, 1e-12));
        QVERIFY(close(r.steps[2].demandRps, 1000 * (2 + 6) / 7.0, 1e-12));
        QCOMPARE(r.steps[3].demandRps, 1000.0);
        // The day profile (linear between the hours' values, whose mean is the peak ÷
        // peakToAverage, docs/model.md "Traffic"): a day's requests are users ×
        // requestsPerUserPerDay at any step, 1,000 s and 7 s dividing neither the hours nor the
        // day.
        d.traffic.peakToAverage = 3;
        const Model daily(d, Catalog::builtin());
        for (double stepS : {1000.0, 7.0, 3600.0}) {
            Scenario day;
            day.durationS = 86400;
            day.stepS = stepS;
            const Run dr = simulate(daily, day);
            const double expected = d.traffic.users * d.traffic.requestsPerUserPerDay;
            QVERIFY2(close(dr.summary.requests, expected, 1e-9),
                     "step " + QByteArray::number(stepS) + ": " +
                         QByteArray::number(dr.summary.requests, 'f', 3));
        }
    }

    // docs/model.md "Simulation in time": r(t) = the profile (flat: 1) × dayMultipliers[d] ×
    // the spikes; a flat shape ignored the multipliers. 1,000 req/s flat for two days at ×2 and
    // ×3: 1,000 × 86,400 × (2 + 3) requests; from 12:00, the first 12 hours are day 0's (×2) and
    // the next 24 day 1's (×3).
    void dayMultipliersScaleAFlatShape()
    {
        Design d = tier(1000, scaling(2, 2, 0.5, 60, 0));
        d.components[1].autoscale.reset();
        d.components[1].params["instances"] = num(20);
        const Model m(d, Catalog::builtin());
        Scenario s = flatFor(2 * 86400);
        s.stepS = 3600;
        s.dayMultipliers = {2, 3};
        Run r = simulate(m, s);
        QVERIFY(close(r.summary.requests, 1000 * 86400 * (2 + 3.0), 1e-12));
        QCOMPARE(r.steps[0].demandRps, 2000.0);
        QCOMPARE(r.steps[24].demandRps, 3000.0);
        s.durationS = 36 * 3600;
        s.startHour = 12;
        r = simulate(m, s);
        QVERIFY(close(r.summary.requests, 1000 * 3600 * (12 * 2 + 24 * 3.0), 1e-12));
    }

    // maxInstances is the most instances serving in any step (docs/model.md "Summary"), not
    // those launched: 1,000 req/s on two instances of 1,000 at 50%, 5× from 600 s; the decision
    // at 660 s launches the eight more 5,000 req/s need, serving from 780 s. A 700 s run ends
    // with them booting (two serve in every row); an 800 s one has ten serving from 780 s.
    void maxInstancesCountsThoseServing()
    {
        const Design d = tier(1000, scaling(2, 40, 0.5, 60, 120));
        const Model m(d, Catalog::builtin());
        for (const auto &[duration, most] : {std::pair{700.0, 2}, std::pair{800.0, 10}}) {
            Scenario s = flatFor(duration);
            s.spikes.push_back({600, 5, 0, 1200});
            const Run r = simulate(m, s);
            QCOMPARE(r.summary.maxInstances.size(), size_t(1));
            QCOMPARE(r.summary.maxInstances[0].first, std::string("app"));
            QCOMPARE(r.summary.maxInstances[0].second, most);
            double serving = 0;
            for (const SimulationStep &step : r.steps)
                serving = std::max(serving, step.instances[size_t(m.lumpOf(1))]);
            QCOMPARE(serving, double(most));
        }
    }

    // A step's booting instances are those booting through it, as its bill counts them: the
    // decision at a step's end launches the next step's. Four instances of 1,000 req/s at a 50%
    // target carry 1,000 req/s; three times that from 600 s needs 3,000 / 500 = 6, two more
    // (booting 120 s; the four at 75% meanwhile, no backlog). At 10 s steps the decision is at
    // 660 s: two boot through the steps 660 to 770 and serve from 780; at 300 s steps (the
    // period grown to the step) it is at 900 s, the end of the spike's first step: two boot
    // through the step at 900 and serve from 1,200. (The step before the decision read them
    // booting: "6 up, 4 booting" for 300 s before any launch; QA.)
    void bootingIsThroughTheStep()
    {
        const Design d = tier(1000, scaling(4, 40, 0.5, 60, 120));
        const Model m(d, Catalog::builtin());
        const size_t l = size_t(m.lumpOf(1));
        for (const auto &[stepS, decision, serving] :
             {std::tuple{10.0, 660.0, 780.0}, std::tuple{300.0, 900.0, 1200.0}}) {
            Scenario s = flatFor(1500);
            s.stepS = stepS;
            s.spikes.push_back({600, 3, 0, 1200});
            const Run r = simulate(m, s);
            for (const SimulationStep &step : r.steps) {
                const bool booting = step.t >= decision && step.t < serving;
                const QByteArray when =
                    "step " + QByteArray::number(stepS) + ", t=" + QByteArray::number(step.t);
                QVERIFY2(step.booting[l] == (booting ? 2 : 0),
                         when + ": " + QByteArray::number(step.booting[l]));
                QVERIFY2(step.instances[l] == (step.t < serving ? 4 : 6), when);
            }
        }
    }

    // Utilization each step is the arrivals against the capacity, and 100% while a backlog
    // drains: not the drain rate B / Δt, so it does not depend on the step. Two fixed instances
    // serve 2,000 req/s; 1,000 req/s flat, four times that from 300 s for 60 s: the backlog
    // fills to its 30 s bound (60,000) and drains at 1,000 req/s after it, for a minute. At
    // 10 s steps and at 60 s steps alike: 50%, 200% during the spike, 100% while the backlog
    // drains, 50% after (with 10 s steps it read 350% as the drain began).
    void utilizationDoesNotDependOnTheStep()
    {
        Design d = tier(1000, scaling(2, 2, 0.5, 60, 0));
        d.components[1].autoscale.reset();
        d.components[1].params["instances"] = num(2);
        const Model m(d, Catalog::builtin());
        QCOMPARE(m.evaluate(d.traffic.users).components[1].utilization, 0.5);
        for (double stepS : {10.0, 60.0}) {
            Scenario s = flatFor(900);
            s.stepS = stepS;
            s.timeoutS = 30;
            s.spikes.push_back({300, 4, 0, 60});
            const Run r = simulate(m, s);
            const size_t l = size_t(m.lumpOf(1));
            double waiting = 0; // the backlog at the step's start
            int draining = 0;
            for (const SimulationStep &step : r.steps) {
                // The backlog left by the spike takes a minute to drain at 1,000 req/s spare.
                const double load = step.demandRps / 2000;
                const double expected = load < 1 && waiting > 0 ? 1.0 : load;
                draining += load < 1 && waiting > 0;
                QVERIFY2(close(step.utilization[l], expected, 1e-12),
                         "step " + QByteArray::number(stepS) + ", t=" + QByteArray::number(step.t) +
                             ": " + QByteArray::number(step.utilization[l]));
                QVERIFY(load == 0.5 || load == 2.0);
                waiting = step.backlog[l];
            }
            QCOMPARE(draining * stepS, 60.0);
        }
    }

    // A step policy (add one above 80%, remove one below 40%, a 180 s boot) over a day whose
    // peak is 9,000 req/s (nine instances' capacity): without a cooldown each alarm adds while the
    // last addition still boots, the surplus is then removed and the count swings up and down
    // through the morning and the evening; with the default 300 s cooldown the new instances serve
    // before the next decision: the count rises once and falls once (one turn).
    void cooldownStopsFlapping()
    {
        auto run = [](double cooldown, bool builtin = false) {
            Autoscale a = scaling(1, 100, 0.6, 60, 180);
            a.policy = Autoscale::Policy::Step;
            a.scaleOutAbove = 0.8;
            a.scaleInBelow = 0.4;
            a.stepAdd = 1;
            a.cooldownS = cooldown;
            Design d = tier(3000, a);
            d.traffic.peakToAverage = 3;
            const Model m(d, Catalog::builtin());
            Scenario s;
            s.durationS = 24 * 3600;
            if (builtin) // the design keeps its cooldown; the scenario turns it off
                s = *findScenario(d, "flapping");
            const Run r = simulate(m, s);
            std::vector<double> serving;
            for (const SimulationStep &step : r.steps)
                serving.push_back(step.instances[size_t(m.lumpOf(1))]);
            return serving;
        };
        const int flapping = turns(run(0)), calm = turns(run(300));
        QVERIFY2(flapping > 3, QByteArray::number(flapping));
        QCOMPARE(calm, 1);
        // The built-in "flapping" is that day with cooldown 0: the same turns.
        QCOMPARE(turns(run(300, true)), flapping);
    }

    // "flapping" is offered where a tier scales by steps, not where every auto-scaled tier
    // tracks a target: such a tier counts the instances booting and does not overshoot, so
    // without a cooldown it ran as "a day" to the bit (QA: stage 4 and 5 offered it).
    void flappingOnlyWhereATierCanFlap()
    {
        const auto offered = [](const Design &d) {
            const std::vector<std::string> names = scenarioNames(d);
            return std::find(names.begin(), names.end(), "flapping") != names.end();
        };
        Autoscale a = scaling(1, 100, 0.6, 60, 180);
        QVERIFY(!offered(tier(3000, a)));
        a.policy = Autoscale::Policy::Step;
        QVERIFY(offered(tier(3000, a)));
        QVERIFY(!offered(*sctest::templateDesign("stage4-1m")));
    }

    // A step policy's threshold met exactly is not crossed: 2,000 req/s on c5.large at 2 ms
    // (1,000 req/s each). The tier starts at its minimum, 1, overloaded; one alarm adds 4: 5
    // instances, 40% busy. At scaleInBelow 0.4 it stays at 5 (QA: six steps at 0.4 averaged
    // 0.39999999999999997 and it scaled in to 4, 50%).
    void stepThresholdMetExactlyIsNotCrossed()
    {
        Autoscale a = scaling(1, 10, 0.6, 60, 60);
        a.policy = Autoscale::Policy::Step;
        a.scaleInBelow = 0.4;
        a.scaleOutAbove = 0.7;
        a.stepAdd = 4;
        const Model m(tier(2000, a), Catalog::builtin());
        QVERIFY(m.ok());
        const Run r = simulate(m, flatFor(1800));
        QVERIFY(!r.steps.empty());
        const size_t app = size_t(m.lumpOf(1));
        const SimulationStep &last = r.steps.back();
        QVERIFY2(last.instances[app] == 5, QByteArray::number(last.instances[app]));
        QVERIFY2(std::fabs(last.utilization[app] - 0.4) < 1e-15,
                 QByteArray::number(last.utilization[app]));
    }

    // A step whose arrivals are exactly the capacity is saturated (docs/model.md "Simulation in
    // time"): its wait held at ρ = 0.95 plus its backlog's, a p99 of the order of the others —
    // not the unbounded queue of a ρ an ulp below 1 (a p99 of 4·10¹⁶ ms), nor none (review).
    // lesson-exercises' viral spike at 45 s steps: at 585 s its 4 app servers get 4,000 req/s,
    // their capacity.
    void aStepAtCapacityIsSaturated()
    {
        const Design d = *sctest::templateDesign("lesson-exercises");
        const Model m(d, Catalog::builtin());
        std::optional<Scenario> spike = findScenario(d, "viral spike");
        QVERIFY(spike);
        spike->stepS = 45;
        const Run r = simulate(m, *spike);
        const auto at = std::find_if(r.steps.begin(), r.steps.end(),
                                     [](const SimulationStep &s) { return s.t == 585; });
        QVERIFY(at != r.steps.end());
        // At capacity: 4 c5.xlarge (4 vCPU) at 4 ms a request carry 4 × 4 / 0.004 = 4,000 req/s.
        QCOMPARE(d.components[2].id, std::string("app"));
        const size_t app = size_t(m.lumpOf(2));
        QCOMPARE(at->instances[app], 4.0);
        QCOMPARE(at->demandRps, 4 * 4 / 0.004);
        QCOMPARE(at->servedRps, at->demandRps); // nothing fails: it serves its capacity
        QVERIFY(at->p99Ms);
        QVERIFY2(*at->p99Ms > 0 && *at->p99Ms < 10000, QByteArray::number(*at->p99Ms));
    }

    // Black Friday (time-and-place.md, worked case 2): normally 4 servers at the peak at the
    // 50% target (the peak is 2 servers' capacity), 20× the traffic from 6 AM and 3× that while
    // the crowd at the doors comes in, at most 80. With the scheduled minimum of 20 from 5:30
    // the tier carries the opening and follows the day without a failed request; unplanned, the
    // jump outruns the 2-minute boot.
    void blackFriday()
    {
        Design d = tier(2000.0 / 3, scaling(4, 80, 0.5, 60, 120)); // × 3 at the peak: 2,000 req/s
        d.traffic.peakToAverage = 3;
        const Model m(d, Catalog::builtin());
        QCOMPARE(m.evaluate(d.traffic.users).components[1].instances, 4.0);
        auto planned = findScenario(d, "Black Friday"),
             unplanned = findScenario(d, "Black Friday unplanned");
        QVERIFY(planned && unplanned);
        const Run withPlan = simulate(m, *planned), without = simulate(m, *unplanned);
        QCOMPARE(withPlan.summary.failedRequests, 0.0);
        QVERIFY(withPlan.summary.maxInstances.size() == 1);
        QVERIFY(withPlan.summary.maxInstances[0].second <= 80);
        QVERIFY(withPlan.summary.maxInstances[0].second >= 20);
        QVERIFY(without.summary.failedRequests > 0);
    }

    // Zone outage on stage 4 (app tier split over zones a and b; flat, 3× the design's users):
    // zone a fails at 600 s. Capacity lost: every instance of "app"; until the load balancer's
    // health checks notice (detection 60 s), the half of the dynamic requests it still sends
    // there fails — errorRps = demand / 2 exactly. From 660 s "app-b" gets it all: at twice its
    // load its utilization is 2ρ_b (ρ_b from evaluate of the split design), overloaded when
    // above 1: its backlog grows by (2ρ_b − 1)·C a second and fails what passes 30 s of C (the
    // time-out). Recovery: the tier decides at the end of each 60 s period (t ≡ 0 mod 60); the
    // first decision on a period of doubled load, [660, 720), is at 720 s, sized for at least the
    // whole load (evaluate sizes the single-tier stage 4 for it), serving after the 120 s boot:
    // 840 s = 600 + detection 60 + the period 60 + boot 120. From then on nothing fails.
    void zoneOutageOnStage4()
    {
        const Design d = stage4InTwoZones();
        const Model m(d, Catalog::builtin(), {"app"}); // app and app-b not lumped together
        QVERIFY(m.ok());
        const double users = 3 * d.traffic.users; // each zone's tier above its minimum
        const Evaluation ev = m.evaluate(users);
        QCOMPARE(ev.errorRatePeak, 0.0);
        const ComponentResult *b = sctest::resultOf(ev, "app-b");
        QVERIFY(b);
        const double rhoB = b->utilization, nB = b->instances;
        const Design single = *sctest::templateDesign("stage4-1m");
        const double whole =
            sctest::resultOf(Model(single, Catalog::builtin()).evaluate(users), "app")->instances;
        const std::optional<Scenario> outage = findScenario(d, "zone outage");
        QVERIFY(outage);
        QCOMPARE(outage->events.size(), size_t(2));
        QCOMPARE(outage->events[0].group, std::string("a"));
        Scenario s = *outage;
        s.events.pop_back(); // no restore: the recovery is app-b's alone
        s.users = users;
        const Run r = simulate(m, s);
        const size_t la = size_t(m.lumpOf(d.indexOf("app"))),
                     lb = size_t(m.lumpOf(d.indexOf("app-b")));
        QVERIFY(la != lb);
        const double na = r.steps.front().instances[la];
        QVERIFY(na >= 3);
        for (const SimulationStep &step : r.steps) {
            const QByteArray where = "t=" + QByteArray::number(step.t);
            if (step.t < 600) {
                QVERIFY2(step.errorRps == 0 && step.instances[la] == na, where);
                continue;
            }
            QVERIFY2(step.instances[la] == 0, where);
            if (step.t < 660) {
                QVERIFY2(close(step.errorRps, step.demandRps / 2, 1e-9), where);
                QVERIFY2(step.instances[lb] == nB, where);
            } else if (step.t < 840) {
                // The backlog grows by (2ρ_b − 1)·C each second and holds 30 s of C (the time-out)
                // before anything fails: failures from the step whose backlog passes 30·C.
                const double grown = (step.t - 660 + 10) * (2 * rhoB - 1);
                QVERIFY2((step.errorRps > 0) == (grown > 30 * (1 + 1e-9)), where);
                QVERIFY2(step.instances[lb] == nB, where);
            } else {
                QVERIFY2(step.errorRps == 0, where);
                QVERIFY2(step.instances[lb] >= whole, where);
            }
        }
        QVERIFY2(2 * rhoB > 1, QByteArray::number(rhoB)); // the case shows the overload
    }

    // A balancer routes round a target its health checks found down (detection 60 s): from
    // then on the requests' latency is the surviving target's alone, at the whole load — the p99
    // of the same design without the failed target, at the same users (evaluate) — and not
    // "overloaded" for the rest of the outage. Before detection, half the requests go to the
    // dead target: no p99. Restored at 900 s: the p99 of the whole design again.
    void balancerRoutesLatencyRoundTheDown()
    {
        Design d;
        d.traffic = flat(100, 86400);
        d.traffic.networkRttMs = 0;
        const auto app = [](const char *id) {
            return make(id, Kind::AppServer,
                        {{"instances", num(2)}, {"instanceType", text("c5.large")}});
        };
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer), app("a1"),
                        app("a2")};
        d.connections = {wire("u", "lb"), wire("lb", "a1"), wire("lb", "a2")};
        Design survivor = d;
        survivor.components.erase(survivor.components.begin() + 2);
        survivor.connections.erase(survivor.connections.begin() + 1);
        const double users = d.traffic.users;
        const Model m(d, Catalog::builtin(), {"a1"});
        const Evaluation whole = m.evaluate(users);
        const Evaluation alone = Model(survivor, Catalog::builtin()).evaluate(users);
        QVERIFY(whole.latency.valid && alone.latency.valid);
        QVERIFY(alone.latency.p99 > whole.latency.p99); // a2 at twice its load

        Scenario s = flatFor(1200);
        s.events.push_back({300, ScenarioEvent::Action::Fail, "a1", 0, {}});
        s.events.push_back({900, ScenarioEvent::Action::Restore, "a1", 0, {}});
        const Run r = simulate(m, s);
        for (const SimulationStep &step : r.steps) {
            const QByteArray where = "t=" + QByteArray::number(step.t);
            if (step.t >= 300 && step.t < 360) {
                QVERIFY2(!step.p99Ms, where);
                continue;
            }
            QVERIFY2(step.p99Ms, where);
            const bool routedRound = step.t >= 360 && step.t < 900;
            const double expected = routedRound ? alone.latency.p99 : whole.latency.p99;
            QVERIFY2(close(*step.p99Ms, expected, 1e-9), where + ": " +
                                                             QByteArray::number(*step.p99Ms) +
                                                             " vs " + QByteArray::number(expected));
        }
        // Only the detection minute misses the objective.
        QCOMPARE(r.summary.sloViolationSeconds, 60.0);
    }

    // A DNS failed as a whole resolves nothing: from the second it fails every request fails
    // (docs/model.md "Simulation in time": until its callers find it down, what is sent to it
    // fails), not only once they route round it after detectionS (QA: it answered all of them
    // for the detection minute). 8,640,000 requests a day: 100 req/s, down 300 s to 600 s.
    void aFailedDnsFailsItsRequestsAtOnce()
    {
        Design d;
        d.traffic = flat(864000, 10);
        d.components = {make("u", Kind::Clients), make("dns", Kind::Dns),
                        make("app", Kind::AppServer, {{"instances", num(2)}})};
        d.connections = {wire("u", "dns"), wire("dns", "app")};
        const Model m(d, Catalog::builtin());
        Scenario s = flatFor(900);
        s.events.push_back({300, ScenarioEvent::Action::Fail, "dns", 0, {}});
        s.events.push_back({600, ScenarioEvent::Action::Restore, "dns", 0, {}});
        const Run r = simulate(m, s);
        for (const SimulationStep &step : r.steps) {
            const QByteArray where = "t=" + QByteArray::number(step.t);
            QVERIFY2(close(step.demandRps, 100, 1e-12), where);
            const bool down = step.t >= 300 && step.t < 600;
            QVERIFY2(close(step.errorRps, down ? 100 : 0, 1e-12), where);
            QVERIFY2(bool(step.p99Ms) == !down, where);
        }
        QVERIFY2(close(r.summary.failedRequests, 100.0 * 300, 1e-12),
                 QByteArray::number(r.summary.failedRequests));
        QCOMPARE(r.summary.sloViolationSeconds, 300.0);
    }

    // A balancer that splits by instance count, once its health checks find an instance of a
    // fixed tier failed, sends that tier its share of the instances left (docs/model.md "Live
    // failures"): 1,000 req/s over two tiers of 2 × c5.large at 5 ms (2 vCPU: 400 req/s each);
    // a1 loses one at 600 s. For the detection minute a1 still gets 500 req/s, half of them to
    // the dead instance: 250 req/s × 60 s = 15,000 fail. Then 3 instances left share it alike:
    // 333.3 req/s each, ρ = 333.3 / 400 = 0.833 on both tiers, nothing fails — as evaluate
    // routes the same failure. (QA: a1 kept 500 req/s on one instance, ρ 1.25, 117,000 failed.)
    void balancerSharesByTheInstancesLeft()
    {
        Design d;
        d.traffic = flat(1000, 86400);
        const auto app = [](const char *id) {
            return make(id, Kind::AppServer,
                        {{"instances", num(2)},
                         {"instanceType", text("c5.large")},
                         {"serviceTimeMs", num(5)}});
        };
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer), app("a1"),
                        app("a2")};
        d.connections = {wire("u", "lb"), wire("lb", "a1"), wire("lb", "a2")};
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        Scenario s = flatFor(1200);
        s.events.push_back({600, ScenarioEvent::Action::Fail, "a1", 1, {}});
        const Run r = simulate(m, s);
        QVERIFY2(close(r.summary.failedRequests, 250.0 * 60, 1e-9),
                 QByteArray::number(r.summary.failedRequests));
        const size_t l1 = size_t(m.lumpOf(2)), l2 = size_t(m.lumpOf(3));
        const SimulationStep &last = r.steps.back();
        QVERIFY2(close(last.utilization[l1], 1000.0 / 3 / 400, 1e-9),
                 QByteArray::number(last.utilization[l1]));
        QVERIFY2(close(last.utilization[l2], 1000.0 / 3 / 400, 1e-9),
                 QByteArray::number(last.utilization[l2]));
        QCOMPARE(last.errorRps, 0.0);
        // The step says what the balancer sends each, so that the timeline's connections read
        // 333 and 667 req/s (QA: they kept 500 each); before the failure is found, nothing is
        // rerouted.
        const auto sentTo = [](const SimulationStep &step, int target) {
            double rps = -1;
            for (const SimulationStep::Rerouted &x : step.rerouted)
                if (x.from == 1 && x.to == target)
                    rps = x.rps;
            return rps;
        };
        QVERIFY2(close(sentTo(last, 2), 1000.0 / 3, 1e-9), QByteArray::number(sentTo(last, 2)));
        QVERIFY2(close(sentTo(last, 3), 2000.0 / 3, 1e-9), QByteArray::number(sentTo(last, 3)));
        for (const SimulationStep &step : r.steps)
            if (step.t < 600)
                QVERIFY(step.rerouted.empty());
        // The live failure (evaluate) settles into the same split.
        Failures live;
        live.events.push_back({0, ScenarioEvent::Action::Fail, "a1", 1, {}});
        const Evaluation ev = Model(d, Catalog::builtin(), live).evaluate(d.traffic.users);
        QVERIFY(close(sctest::resultOf(ev, "a1")->arrivalRps, 1000.0 / 3, 1e-9));
        // The discrete-event mode splits alike: within 15% of the detection minute's 15,000
        // (three seeds' mean, as fluidAgreesWithDiscrete).
        double des = 0;
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            std::string error;
            des += m.simulateDiscrete(s, seed, {}, &error).failedRequests / 3;
            QVERIFY2(error.empty(), error.c_str());
        }
        QVERIFY2(std::fabs(des - 15000) < 0.15 * 15000, QByteArray::number(des));
        // An auto-scaled a1 (2 to 2, 5 minutes to boot) replaces the instance once found; until
        // the replacement serves, the balancer sends a1 the share of its 2 − 1 (review: it kept
        // the whole share on one instance for the 5 minutes, 125%, 33,000 failed).
        Design scaled = d;
        scaled.components[2].autoscale = Autoscale{2, 2, 0.6, 300, 300};
        const Run replaced = simulate(Model(scaled, Catalog::builtin()), s);
        QVERIFY2(close(replaced.summary.failedRequests, 250.0 * 60, 1e-9),
                 QByteArray::number(replaced.summary.failedRequests));
        for (const SimulationStep &step : replaced.steps)
            if (step.t >= 660 && step.t < 960)
                QVERIFY2(close(step.utilization[l1], 1000.0 / 3 / 400, 1e-9),
                         QByteArray::number(step.t));
        // A weighted split keeps its weights while the tier serves at all: a1's 500 req/s on
        // its one instance left (ρ 1.25).
        d.connections[1].weight = 1;
        d.connections[2].weight = 1;
        const Run weighted = simulate(Model(d, Catalog::builtin()), s);
        QVERIFY2(close(weighted.steps.back().utilization[l1], 500.0 / 400, 1e-9),
                 QByteArray::number(weighted.steps.back().utilization[l1]));
    }

    // Each step names its own bottleneck (evaluate's rule: the station at the highest
    // utilization): 1,000 req/s split evenly by weight over a1 (3 × c5.large at 5 ms, 400 req/s
    // each) and a2 (2 ×): a1 at 500 / 1,200 = 0.417, a2 at 500 / 800 = 0.625, the bottleneck.
    // a1 loses two instances at 300 s; found at 360 s, its one left carries its 500 req/s:
    // 1.25, the bottleneck from then on (QA: the canvas kept evaluate's outlined).
    void stepsNameTheirOwnBottleneck()
    {
        Design d;
        d.traffic = flat(1000, 86400);
        const auto app = [](const char *id, double n) {
            return make(id, Kind::AppServer,
                        {{"instances", num(n)},
                         {"instanceType", text("c5.large")},
                         {"serviceTimeMs", num(5)}});
        };
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer), app("a1", 3),
                        app("a2", 2)};
        d.connections = {wire("u", "lb"), wire("lb", "a1"), wire("lb", "a2")};
        d.connections[1].weight = 1;
        d.connections[2].weight = 1;
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        QCOMPARE(m.evaluate(d.traffic.users).bottleneck, 3);
        Scenario s = flatFor(600);
        s.events.push_back({300, ScenarioEvent::Action::Fail, "a1", 2, {}});
        const Run r = simulate(m, s);
        QVERIFY(!r.steps.empty());
        for (const SimulationStep &step : r.steps) {
            const QByteArray where = "t=" + QByteArray::number(step.t);
            if (step.t < 300)
                QVERIFY2(step.bottleneck == 3, where);
            else if (step.t >= 360)
                QVERIFY2(step.bottleneck == 2, where);
        }
        QVERIFY(close(r.steps.back().utilization[size_t(m.lumpOf(2))], 500.0 / 400, 1e-9));
    }

    // A zone outage takes a Multi-AZ database in it down for the failover time only; a
    // single-AZ one stays down until the zone is restored. A region's outage fails its zones'
    // members; a managed load balancer in a failed zone survives it.
    void zoneEventsFailTheirMembers()
    {
        Design d = tier(1000, scaling(2, 10, 0.5, 60, 0));
        d.components.push_back(make("db", Kind::Database, {{"multiAz", num(1)}}));
        d.connections.push_back(wire("app", "db"));
        Group region, zone;
        region.id = "east";
        region.kind = "region";
        zone.id = "a";
        zone.region = "east";
        zone.members = {"db"};
        d.groups = {region, zone};
        QCOMPARE(eventComponents(d, {0, ScenarioEvent::Action::Fail, "", 0, "a"}),
                 std::vector<int>{2});
        QCOMPARE(eventComponents(d, {0, ScenarioEvent::Action::Fail, "", 0, "east"}),
                 std::vector<int>{2});
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        Scenario s = flatFor(600);
        s.events.push_back({100, ScenarioEvent::Action::Fail, "", 0, "a"});
        s.failoverS = 90;
        const Run r = simulate(m, s);
        const size_t ldb = size_t(m.lumpOf(2));
        for (const SimulationStep &step : r.steps) {
            const bool down = step.t >= 100 && step.t < 190;
            QCOMPARE(step.instances[ldb] == 0, down);
        }
        d.components[2].params.erase("multiAz");
        const Run single = simulate(Model(d, Catalog::builtin()), s);
        QCOMPARE(single.steps.back().instances[ldb], 0.0);
        // A managed load balancer is zone-redundant.
        d.components.push_back(make("lb", Kind::LoadBalancer, {{"managed", num(1)}}));
        d.groups[1].members.push_back("lb");
        QCOMPARE(eventComponents(d, {0, ScenarioEvent::Action::Fail, "", 0, "a"}),
                 std::vector<int>{2});
    }

    // Background jobs behind a queue wait there, however long: SQS keeps a message for days (4
    // by default), and no user waits for a job, so the request time-out does not drop them (QA:
    // the workers' backlog stopped at 120 × 30 = 3,600 from 110 s on and 30 jobs/s went
    // nowhere, counted in no figure). 150 jobs/s on 3 workers of 40: the backlog grows by
    // (150 − 120) × 10 = 300 a step, so the row at t (the backlog at the step's end) holds
    // 30 × (t + 10) — 18,000 after 600 s, which the last row, at 600 s and for no interval,
    // holds too (docs/model.md: it read 18,300, a step past the end; QA) — and nothing fails; the
    // app's requests are served as before (no job is a request). With a fourth worker failed from 0
    // s and restored at 600 s, the same 18,000 drain at 160 − 150 = 10 a second, the workers 100%
    // busy, gone at 600 + 1,800 = 2,400 s; then 150 / 160 = 93.75%. Jobs an app server pushes
    // straight to the workers, with no queue (pub/sub, as case-chat-fanout's deliveries), are kept
    // by nothing: they time out as requests do, the backlog held at 120 × 30 = 3,600 from 110 s.
    void jobsWaitBehindAQueue()
    {
        const Design d = jobsBehindAQueue(3);
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const size_t w = size_t(m.lumpOf(3));
        Scenario s = flatFor(600);
        s.timeoutS = 30;
        const Run r = simulate(m, s);
        QCOMPARE(r.steps.size(), size_t(61));
        for (const SimulationStep &step : r.steps) {
            const QByteArray at = "t=" + QByteArray::number(step.t);
            const double end = std::min(step.t + 10, 600.0); // (the last row's: its own time)
            QVERIFY2(near(step.backlog[w], (150 - 120) * end),
                     at + ": " + QByteArray::number(step.backlog[w], 'f', 1));
            QVERIFY2(near(step.utilization[w], 150.0 / 120), at);
            QVERIFY2(step.errorRps == 0 && step.servedRps == step.demandRps, at);
            QVERIFY2(close(step.demandRps, 2000, 1e-12), at);
            QVERIFY2(finiteRow(step) && *step.p99Ms == *r.steps.front().p99Ms, at);
        }
        QCOMPARE(r.steps[59].t, 590.0);
        QVERIFY(near(r.steps[59].backlog[w], 18000));
        QCOMPARE(r.summary.failedRequests, 0.0);

        const Model four(jobsBehindAQueue(4), Catalog::builtin());
        Scenario out = flatFor(3000);
        out.timeoutS = 30;
        out.events.push_back({0, ScenarioEvent::Action::Fail, "w", 1, {}});
        out.events.push_back({600, ScenarioEvent::Action::Restore, "w", 1, {}});
        const Run drained = simulate(four, out);
        for (const SimulationStep &step : drained.steps) {
            const QByteArray at = "t=" + QByteArray::number(step.t);
            const double end = step.t + 10;
            const double backlog =
                step.t < 600 ? 30 * end : std::max(0.0, 18000 - 10 * (end - 600));
            QVERIFY2(near(step.backlog[w], backlog),
                     at + ": " + QByteArray::number(step.backlog[w], 'f', 1));
            const double busy = step.t < 600 ? 150.0 / 120 : step.t < 2400 ? 1.0 : 150.0 / 160;
            QVERIFY2(near(step.utilization[w], busy),
                     at + ": " + QByteArray::number(step.utilization[w]));
            QVERIFY2(step.instances[w] == (step.t < 600 ? 3 : 4), at);
            QVERIFY2(step.errorRps == 0 && finiteRow(step), at);
        }
        QCOMPARE(drained.summary.failedRequests, 0.0);

        Design direct = jobsBehindAQueue(3);
        direct.components.erase(direct.components.begin() + 2); // the queue
        direct.connections = {wire("u", "app"), wire("app", "w")};
        const Model pushed(direct, Catalog::builtin());
        QVERIFY(pushed.ok());
        const size_t pw = size_t(pushed.lumpOf(2));
        for (const SimulationStep &step : simulate(pushed, s).steps)
            QVERIFY2(near(step.backlog[pw], std::min(30 * (step.t + 10), 120 * 30.0)),
                     QByteArray::number(step.t) + ": " + QByteArray::number(step.backlog[pw]));
    }

    // Workers down as a whole, the only consumers of their queue: the queue keeps the jobs
    // (docs/model.md "Routed round"), so they wait in the workers' backlog and are worked off
    // once the workers are back. Six workers of 40 jobs/s (240) take the 150 jobs/s, down from
    // 100 s to 300 s: the backlog grows by 150 × 10 a step to 30,000 at 300 s, then falls by
    // (240 − 150) × 10 = 900 a step, gone in the step from 630 s (300 left, 180 offered). Before,
    // they were routed round once found down (160 s) and the queue dropped its jobs: the backlog
    // stopped at 9,000. With a second consumer up, that one takes the jobs instead.
    void jobsWaitForWorkersThatAreDown()
    {
        const Model m(jobsBehindAQueue(6), Catalog::builtin());
        QVERIFY(m.ok());
        const size_t w = size_t(m.lumpOf(3));
        Scenario s = flatFor(1000);
        s.timeoutS = 30;
        s.events.push_back({100, ScenarioEvent::Action::Fail, "w", 0, {}});
        s.events.push_back({300, ScenarioEvent::Action::Restore, "w", 0, {}});
        const Run r = simulate(m, s);
        QCOMPARE(r.steps.size(), size_t(101));
        for (const SimulationStep &step : r.steps) {
            const QByteArray at = "t=" + QByteArray::number(step.t);
            const double end = step.t + 10;
            const double backlog = step.t < 100   ? 0.0
                                   : step.t < 300 ? 150 * (end - 100)
                                                  : std::max(0.0, 30000 - 90 * (end - 300));
            QVERIFY2(near(step.backlog[w], backlog),
                     at + ": " + QByteArray::number(step.backlog[w], 'f', 1));
            if (step.t < 100 || step.t >= 640)
                QVERIFY2(near(step.utilization[w], 150.0 / 240), at);
            else if (step.t >= 300 && step.t < 630)
                QVERIFY2(near(step.utilization[w], 1.0), at);
            QVERIFY2(step.errorRps == 0 && close(step.servedRps, step.demandRps, 1e-12), at);
        }
        QCOMPARE(r.summary.failedRequests, 0.0);

        // A second consumer (five workers, 200 jobs/s) up: once the first is found down (160 s)
        // the queue sends it all 150 jobs/s.
        Design two = jobsBehindAQueue(6);
        two.components.push_back(make("w2", Kind::Worker,
                                      {{"instances", num(5)},
                                       {"instanceType", text("c5.large")},
                                       {"serviceTimeMs", num(50)},
                                       {"serialFraction", num(0)}}));
        two.connections.push_back(wire("q", "w2"));
        const Model m2(two, Catalog::builtin());
        QVERIFY(m2.ok());
        const size_t w2 = size_t(m2.lumpOf(4));
        for (const SimulationStep &step : simulate(m2, s).steps)
            if (step.t >= 160 && step.t < 300)
                QVERIFY2(near(step.utilization[w2], 150.0 / 200) && step.backlog[w2] == 0,
                         "t=" + QByteArray::number(step.t) + ": " +
                             QByteArray::number(step.utilization[w2]));
    }

    // The queue itself down 100 s to 300 s: its producers' jobs wait (they are tried again) and
    // are worked off once it is back, as when its workers are down (above): 150 jobs/s, 30,000
    // kept, drained at 240 − 150 = 90 a second from 300 s. (QA: once its callers had found it
    // down, at 160 s, the jobs were routed round it and dropped, counted nowhere: the backlog
    // stopped at 60 s × 150.)
    void jobsWaitForTheirQueue()
    {
        const Model m(jobsBehindAQueue(6), Catalog::builtin());
        QVERIFY(m.ok());
        const size_t q = size_t(m.lumpOf(2)), w = size_t(m.lumpOf(3));
        Scenario s = flatFor(1000);
        s.timeoutS = 30;
        s.events.push_back({100, ScenarioEvent::Action::Fail, "q", 0, {}});
        s.events.push_back({300, ScenarioEvent::Action::Restore, "q", 0, {}});
        const Run r = simulate(m, s);
        QCOMPARE(r.steps.size(), size_t(101));
        for (const SimulationStep &step : r.steps) {
            const QByteArray at = "t=" + QByteArray::number(step.t);
            const double end = step.t + 10;
            const double waiting = step.t < 100   ? 0.0
                                   : step.t < 300 ? 150 * (end - 100)
                                                  : std::max(0.0, 30000 - 90 * (end - 300));
            QVERIFY2(near(step.backlog[q] + step.backlog[w], waiting),
                     at + ": " + QByteArray::number(step.backlog[q] + step.backlog[w], 'f', 1));
            QVERIFY2(step.errorRps == 0 && close(step.servedRps, step.demandRps, 1e-12), at);
        }
        QCOMPARE(r.summary.failedRequests, 0.0);
    }

    // No clients: the users' requests enter nowhere, none served, in time as evaluate has it
    // (its error rate 1; the run read no demand at all; QA): 100 req/s flat, all failing.
    void noClientsFailEverything()
    {
        Design d;
        d.traffic = flat(100, 86400);
        d.components = {make("app", Kind::AppServer)};
        const Model m(d, Catalog::builtin());
        QCOMPARE(m.evaluate(100).errorRatePeak, 1.0);
        const Run r = simulate(m, flatFor(100));
        for (const SimulationStep &step : r.steps)
            QVERIFY(near(step.demandRps, 100) && near(step.errorRps, 100) && step.servedRps == 0);
        QVERIFY(near(r.summary.errorRate, 1));
        // The discrete-event mode has no request to draw: refused, rather than reading 0 (review).
        std::string error;
        m.simulateDiscrete(flatFor(100), 1, {}, &error);
        QCOMPARE(error, std::string("the discrete-event mode needs clients: this design has none"));
    }

    // Jobs whose writes have no live target wait too: the workers' single-AZ database down from
    // 100 to 300 s, found at 160 s (detection 60 s) and routed round, the six workers complete
    // nothing (their writes would fail; SQS hands the messages out again): 150 jobs/s wait,
    // 21,000 by 300 s, drained at 240 − 150 = 90 a second once it is back. (They vanished,
    // counted nowhere; QA.)
    void jobsWaitForTheirDatabase()
    {
        Design d = jobsBehindAQueue(6);
        d.components.push_back(make("db", Kind::Database,
                                    {{"instanceType", text("db.r5.4xlarge")},
                                     {"multiAz", num(0)},
                                     {"readServiceTimeMs", num(1)},
                                     {"writeServiceTimeMs", num(1)},
                                     {"maxConnections", num(100000)}}));
        d.connections.push_back(wire("app", "db"));
        d.connections.push_back(wire("w", "db"));
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const size_t w = size_t(m.lumpOf(3));
        Scenario s = flatFor(800);
        s.events.push_back({100, ScenarioEvent::Action::Fail, "db", 0, {}});
        s.events.push_back({300, ScenarioEvent::Action::Restore, "db", 0, {}});
        for (const SimulationStep &step : simulate(m, s).steps) {
            const QByteArray at = "t=" + QByteArray::number(step.t);
            const double end = step.t + 10;
            if (step.t < 160)
                continue; // not found yet: the workers' writes wait and fail at the database
            const double backlog =
                step.t < 300 ? 150 * (end - 160) : std::max(0.0, 21000 - 90 * (end - 300));
            QVERIFY2(near(step.backlog[w], backlog),
                     at + ": " + QByteArray::number(step.backlog[w], 'f', 1));
            if (step.t < 300)
                QVERIFY2(step.utilization[w] == 0, at);
            else if (end - 300 < 21000.0 / 90)
                QVERIFY2(near(step.utilization[w], 1.0), at);
        }
        // Blocked, they scale for nothing: a step policy (add one above 80%) keeps the six until
        // the database is back (it added instances to the maximum while they waited; review).
        Autoscale a;
        a.min = 6;
        a.max = 20;
        a.policy = Autoscale::Policy::Step;
        d.components[3].autoscale = a;
        const Model stepped(d, Catalog::builtin());
        QVERIFY(stepped.ok());
        for (const SimulationStep &step : simulate(stepped, s).steps)
            if (step.t < 300)
                QVERIFY2(step.instances[w] == 6 && step.booting[w] == 0,
                         "t=" + QByteArray::number(step.t) + ": " +
                             QByteArray::number(step.instances[w]) + " serving, " +
                             QByteArray::number(step.booting[w]) + " booting");
    }

    // Jobs whose writes dead-end further down — at a pooler between the workers and a database
    // found down — are held as jobsWaitForTheirDatabase holds them: by the workers on the queue
    // (150 jobs/s into their backlog from detection at 160 s until the restore at 300 s), not by
    // the pooler. The pooler keeps serving; the users' writes through it fail there (a dead end,
    // all 150 a second), and the reads, which go to the replica, keep their latency: each step
    // of the outage has the p99 evaluate gives the same failure, reads alone. (QA: the "blocked"
    // rule took the pooler's whole capacity, so the writes' walk through it made the p99 of
    // every step of a region's outage invalid, and the jobs waited in the pooler.)
    void jobsHeldByTheWorkersBehindAPooler()
    {
        Design d = jobsBehindAQueue(6);
        const auto rds = [](const char *id, Kind kind) {
            return make(id, kind,
                        {{"instanceType", text("db.r5.4xlarge")},
                         {"readServiceTimeMs", num(1)},
                         {"maxConnections", num(100000)}});
        };
        d.components.push_back(make("pool", Kind::Pooler));
        d.components.push_back(rds("db", Kind::Database));
        d.components.push_back(rds("rep", Kind::ReadReplica));
        d.components[5].params["multiAz"] = num(0);
        for (const auto &[from, to] :
             {std::pair{"app", "pool"}, {"w", "pool"}, {"pool", "db"}, {"app", "rep"}})
            d.connections.push_back(wire(from, to));
        const Model m(d, Catalog::builtin());
        QVERIFY2(m.ok(), m.ok() ? "" : m.errors().front().message.c_str());
        const size_t w = size_t(m.lumpOf(3)), pool = size_t(m.lumpOf(4));
        Failures down;
        down.events.push_back({0, ScenarioEvent::Action::Fail, "db", 0, {}});
        const Evaluation ev = Model(d, Catalog::builtin(), down).evaluate(d.traffic.users);
        QVERIFY(ev.latency.valid);
        Scenario s = flatFor(400);
        s.events.push_back({100, ScenarioEvent::Action::Fail, "db", 0, {}});
        s.events.push_back({300, ScenarioEvent::Action::Restore, "db", 0, {}});
        for (const SimulationStep &step : simulate(m, s).steps) {
            const QByteArray at = "t=" + QByteArray::number(step.t);
            if (step.t < 160 || step.t >= 300)
                continue;
            const double end = step.t + 10;
            QVERIFY2(near(step.backlog[w], 150 * (end - 160)),
                     at + ": " + QByteArray::number(step.backlog[w], 'f', 1));
            QVERIFY2(step.utilization[w] == 0, at);
            QVERIFY2(step.backlog[pool] == 0, at + ": " + QByteArray::number(step.backlog[pool]));
            QVERIFY2(near(step.errorRps, 150), at + ": " + QByteArray::number(step.errorRps));
            QVERIFY2(step.p99Ms, at);
            QVERIFY2(close(*step.p99Ms, ev.latency.p99, 1e-9),
                     at + ": " + QByteArray::number(*step.p99Ms) + " vs " +
                         QByteArray::number(ev.latency.p99));
        }
        // Workers that a second app server also sends jobs to straight (no queue keeps those)
        // hold none: their jobs time out as requests do, and the six (240 jobs/s) keep serving
        // the 150 a second the two apps' writes make, which then fail at the pooler: no backlog
        // (review: they were held, capacity 0, as if every job came through the queue).
        Design mixed = d;
        Component app2 = mixed.components[1];
        app2.id = app2.label = "app2";
        mixed.components.push_back(app2);
        mixed.components.push_back(make("lb", Kind::LoadBalancer));
        mixed.connections.erase(mixed.connections.begin()); // u → app, through the balancer now
        for (const auto &[from, to] : {std::pair{"u", "lb"},
                                       {"lb", "app"},
                                       {"lb", "app2"},
                                       {"app2", "w"},
                                       {"app2", "pool"},
                                       {"app2", "rep"}})
            mixed.connections.push_back(wire(from, to));
        const Model direct(mixed, Catalog::builtin());
        QVERIFY2(direct.ok(), direct.ok() ? "" : direct.errors().front().message.c_str());
        const size_t wd = size_t(direct.lumpOf(3));
        for (const SimulationStep &step : simulate(direct, s).steps)
            QVERIFY2(step.backlog[wd] == 0 && step.utilization[wd] > 0,
                     "t=" + QByteArray::number(step.t) + ": backlog " +
                         QByteArray::number(step.backlog[wd]));
    }

    // A station that serves user requests and jobs alike — a database the app and the workers
    // both write to — keeps the time-out for the requests' share only. 100 req/s, half of them
    // writes with two jobs each (100 jobs/s), on a db.m5.xlarge at 10 ms (4 vCPU: 400 req/s,
    // half busy); 14 workers of 50 jobs/s (c5.large at 40 ms), 13 of them failed until 480 s:
    // the queue's backlog grows by 50 a second to 24,000, and the 14 drain it at 700 a second in
    // four steps, 700 jobs/s reaching the database. There the requests and the jobs share the
    // 400 by what arrives of each (100 : 700): 50 and 350 a second. So each of those four steps
    // 500 requests and 3,500 jobs more wait; the requests may wait 50 × 30 s = 1,500, and the
    // fourth step fails the 500 over it; the jobs all wait (14,000). Then 100 of each arrive:
    // 200 a second each, 250 offered of requests (1,500 waiting), the step after 150 (500
    // waiting) and the jobs the other 250; from 540 s the jobs 300 a second, 2,000 fewer a
    // step, the last 1,500 at 580 s. Before, the 13 workers' jobs timed out in the queue
    // (1,500 kept) and the database never saw more than 150 a second.
    void requestsKeepTheirTimeOutBesideJobs()
    {
        Design d;
        d.traffic = flat(100, 86400, 0.5);
        d.traffic.asyncPerWrite = 2;
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer,
                             {{"instances", num(4)},
                              {"instanceType", text("c5.large")},
                              {"serviceTimeMs", num(2)},
                              {"threadsPerInstance", num(100000)}}),
                        make("q", Kind::Queue),
                        make("w", Kind::Worker,
                             {{"instances", num(14)},
                              {"instanceType", text("c5.large")},
                              {"serviceTimeMs", num(40)},
                              {"serialFraction", num(0)}}),
                        make("db", Kind::Database,
                             {{"instanceType", text("db.m5.xlarge")},
                              {"readServiceTimeMs", num(10)},
                              {"writeServiceTimeMs", num(10)},
                              {"serialFraction", num(0)},
                              {"maxConnections", num(1000000)}})};
        d.connections = {wire("u", "app"), wire("app", "db"), wire("app", "q"), wire("q", "w"),
                         wire("w", "db")};
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const size_t w = size_t(m.lumpOf(3)), db = size_t(m.lumpOf(4));
        QCOMPARE(m.evaluate(d.traffic.users).components[4].utilization, 0.5);
        Scenario s = flatFor(900);
        s.timeoutS = 30;
        s.events.push_back({0, ScenarioEvent::Action::Fail, "w", 13, {}});
        s.events.push_back({480, ScenarioEvent::Action::Restore, "w", 13, {}});
        const Run r = simulate(m, s);
        for (const SimulationStep &step : r.steps) {
            const QByteArray at = "t=" + QByteArray::number(step.t);
            const double end = step.t + 10;
            const double queued =
                step.t < 480 ? 50 * end : std::max(0.0, 24000 - 600 * (end - 480));
            QVERIFY2(near(step.backlog[w], queued),
                     at + ": " + QByteArray::number(step.backlog[w]));
            // Requests (at most 1,500) and jobs waiting at the database.
            double waiting = 0;
            if (step.t >= 480 && step.t < 520)
                waiting = std::min(500 * (end - 480) / 10, 1500.0) + 3500 * (end - 480) / 10;
            else if (step.t == 520)
                waiting = 500 + 13000;
            else if (step.t >= 530 && step.t < 590)
                waiting = 11500 - 2000 * (step.t - 530) / 10;
            QVERIFY2(near(step.backlog[db], waiting),
                     at + ": " + QByteArray::number(step.backlog[db], 'f', 3));
            QVERIFY2(near(step.errorRps, step.t == 510 ? 50.0 : 0.0),
                     at + ": " + QByteArray::number(step.errorRps));
            QVERIFY2(finiteRow(step), at);
        }
        QVERIFY2(near(r.summary.failedRequests, 500),
                 QByteArray::number(r.summary.failedRequests, 'f', 6));
    }

    // The bill counts every instance provisioned (docs/model.md "Simulation in time", Cost):
    // one that failed is billed until the tier terminates it — an auto-scaling group replacing
    // it once its health checks find it, never for a fixed tier — and a Multi-AZ primary
    // failing over is still billed, the standby promoted (RDS bills compute for both
    // instances). QA: a Multi-AZ db.m5.large failing at 600 s cost 2 × $0.178 / h × 10 s less
    // a step until 690 s. With nothing billed but instances (no transfer, no storage), a step
    // costs the instances × $/h × 10 s / 3,600 throughout.
    void provisionedInstancesStayOnTheBill()
    {
        const Catalog &catalog = Catalog::builtin();
        const double c5 = catalog.instance("c5.large")->hourlyUsd,
                     m5 = catalog.instance("db.m5.large")->hourlyUsd;
        QCOMPARE(c5, 0.085);
        QCOMPARE(m5, 0.178);
        const auto app = [](double n) {
            return make("app", Kind::AppServer,
                        {{"instances", num(n)},
                         {"instanceType", text("c5.large")},
                         {"serviceTimeMs", num(2)},
                         {"threadsPerInstance", num(200)}});
        };
        // A fixed tier of 4 losing 2 at 300 s, never restored: 4 billed all along.
        Design fixed;
        fixed.traffic = flat(1000, 86400);
        fixed.traffic.kbPerRequest = 0;
        fixed.components = {make("u", Kind::Clients), app(4)};
        fixed.connections = {wire("u", "app")};
        Scenario s = flatFor(600);
        s.events.push_back({300, ScenarioEvent::Action::Fail, "app", 2, {}});
        const Model mf(fixed, catalog);
        QVERIFY(mf.ok());
        for (const SimulationStep &step : simulate(mf, s).steps) {
            QVERIFY2(step.instances[size_t(mf.lumpOf(1))] == (step.t < 300 ? 4 : 2),
                     QByteArray::number(step.t));
            QVERIFY2(close(step.costUsd, 4 * c5 * 10 / 3600, 1e-12),
                     QByteArray::number(step.t) + ": " + QByteArray::number(step.costUsd));
        }
        // Auto-scaled at 4 (min = max): one lost at 300 s is billed until found at 360 s, its
        // replacement booting from then until 480 s: 4 billed all along, 3 serving meanwhile.
        Design scaled = fixed;
        scaled.components[1].params.erase("instances");
        scaled.components[1].autoscale = scaling(4, 4, 0.6, 60, 120);
        Scenario one = flatFor(600);
        one.events.push_back({300, ScenarioEvent::Action::Fail, "app", 1, {}});
        const Model ms(scaled, catalog);
        QVERIFY(ms.ok());
        for (const SimulationStep &step : simulate(ms, one).steps) {
            QVERIFY2(step.instances[size_t(ms.lumpOf(1))] ==
                         (step.t >= 300 && step.t < 480 ? 3 : 4),
                     QByteArray::number(step.t));
            QVERIFY2(close(step.costUsd, 4 * c5 * 10 / 3600, 1e-12),
                     QByteArray::number(step.t) + ": " + QByteArray::number(step.costUsd));
        }
        // Two app servers and a Multi-AZ db.m5.large (two instances billed) failing over from
        // 600 s to 690 s: (2 × $0.085 + 2 × $0.178) / h × 10 s a step, down or not.
        Design failover = fixed;
        failover.traffic.writeFraction = 0.2;
        failover.components = {make("u", Kind::Clients), app(2),
                               make("db", Kind::Database,
                                    {{"instanceType", text("db.m5.large")},
                                     {"multiAz", num(1)},
                                     {"storageGB", num(0)}})};
        failover.connections = {wire("u", "app"), wire("app", "db")};
        Scenario f = flatFor(900);
        f.events.push_back({600, ScenarioEvent::Action::Fail, "db", 0, {}});
        const Model mdb(failover, catalog);
        QVERIFY(mdb.ok());
        const double multiAz = catalog.service("rds", "multiAzFactor");
        QCOMPARE(multiAz, 2.0);
        for (const SimulationStep &step : simulate(mdb, f).steps) {
            QVERIFY2(step.instances[size_t(mdb.lumpOf(2))] ==
                         (step.t >= 600 && step.t < 690 ? 0 : 1),
                     QByteArray::number(step.t));
            QVERIFY2(close(step.costUsd, (2 * c5 + multiAz * m5) * 10 / 3600, 1e-12),
                     QByteArray::number(step.t) + ": " + QByteArray::number(step.costUsd));
        }
    }

    // The discrete-event mode against the fluid run (docs/model.md "Discrete-event mode"): the
    // fluid model's failed requests within 15% of the request-by-request count (three seeds'
    // mean) on two small designs — a tier of 100-req/s instances behind a load balancer whose
    // traffic jumps 6× past its capacity while new instances take 2 minutes to boot, and a
    // Multi-AZ primary that fails over (90 s without a database).
    void fluidAgreesWithDiscrete()
    {
        auto compare = [](const Design &d, const Scenario &s, const char *what) {
            const Model m(d, Catalog::builtin());
            QVERIFY2(m.ok(), what);
            const SimulationSummary fluid = m.simulate(s, {});
            double des = 0, requests = 0;
            for (uint64_t seed : {1, 2, 3}) {
                std::string error;
                const SimulationSummary one = m.simulateDiscrete(s, seed, {}, &error);
                QVERIFY2(error.empty(), error.c_str());
                des += one.failedRequests / 3;
                requests += one.requests / 3;
            }
            qInfo("%s: fluid %.0f failed, discrete %.0f (%+.1f%%)", what, fluid.failedRequests, des,
                  100 * (fluid.failedRequests / des - 1));
            QVERIFY2(fluid.failedRequests > 0.01 * fluid.requests, what);
            QVERIFY2(close(requests, fluid.requests, 0.01), what);
            QVERIFY2(close(fluid.failedRequests, des, 0.15),
                     (std::string(what) + ": fluid " + std::to_string(fluid.failedRequests) +
                      ", discrete " + std::to_string(des))
                         .c_str());
        };
        // c5.large at 20 ms a request: 2 cores, 100 req/s an instance; 100 req/s, then 600.
        Design spike;
        spike.traffic = flat(100, 86400);
        spike.components = {make("u", Kind::Clients),
                            make("lb", Kind::LoadBalancer, {{"managed", num(1)}}),
                            make("app", Kind::AppServer,
                                 {{"instanceType", text("c5.large")},
                                  {"serviceTimeMs", num(20)},
                                  {"serialFraction", num(0)},
                                  {"coherency", num(0)},
                                  {"threadsPerInstance", num(100000)}})};
        spike.components[2].autoscale = scaling(2, 20, 0.5, 60, 120);
        spike.connections = {wire("u", "lb"), wire("lb", "app")};
        Scenario s = flatFor(1800);
        s.spikes.push_back({300, 6, 30, 600});
        // The fluid run fails the overflow when it arrives, against the capacity then; the
        // requests of the overload's last time-out would be served by the capacity that boots
        // meanwhile. A time-out short beside the overload (10 s against 140 s) keeps that part
        // small (at 30 s the fluid run counts ~30% more).
        s.timeoutS = 10;
        compare(spike, s, "spike");

        // 200 req/s through two app servers to a Multi-AZ primary failing at 300 s.
        Design failover;
        failover.traffic = flat(200, 86400, 0.2);
        failover.components = {make("u", Kind::Clients),
                               make("app", Kind::AppServer,
                                    {{"instanceType", text("c5.large")},
                                     {"instances", num(2)},
                                     {"serviceTimeMs", num(2)},
                                     {"threadsPerInstance", num(100000)}}),
                               make("db", Kind::Database,
                                    {{"instanceType", text("db.m5.large")},
                                     {"multiAz", num(1)},
                                     {"maxConnections", num(100000)}})};
        failover.connections = {wire("u", "app"), wire("app", "db")};
        Scenario f = flatFor(900);
        f.events.push_back({300, ScenarioEvent::Action::Fail, "db", 0, {}});
        compare(failover, f, "failover");
    }

    // The discrete mode is seeded (the same seed: the same rows; another: other rows) and
    // refuses designs too large for it with a message naming the limit.
    void discreteIsSeededAndBounded()
    {
        const Design d = tier(300, scaling(2, 20, 0.5, 60, 120));
        const Model m(d, Catalog::builtin());
        Scenario s = flatFor(600);
        s.spikes.push_back({100, 3, 0, 200});
        auto rows = [&](uint64_t seed) {
            std::vector<double> out;
            m.simulateDiscrete(s, seed, [&out](const SimulationStep &r) {
                out.push_back(r.demandRps);
                out.push_back(r.errorRps);
            });
            return out;
        };
        QVERIFY(rows(7) == rows(7));
        QVERIFY(rows(7) != rows(8));
        QCOMPARE(rows(7).size(), size_t(2 * 61));
        const Design big = tier(60000, scaling(60, 200, 0.5, 60, 120)); // 60,000 req/s at 50%
        std::string error;
        const SimulationSummary none =
            Model(big, Catalog::builtin()).simulateDiscrete(flatFor(60), 1, {}, &error);
        QCOMPARE(none.requests, 0.0);
        QCOMPARE(error, std::string("the discrete-event mode simulates at most 50 instances; "
                                    "this run has 120"));
        // The limit counts every request it would make: 1,000 dynamic requests a second for
        // 1,000 s (10⁶) with 10 static fetches each from object storage (10⁷ more) is over it,
        // though the users' dynamic requests alone are not (QA: it ran, 485 MB).
        Design fetches = tier(1000, scaling(2, 20, 0.5, 60, 120));
        fetches.traffic.staticPerRequest = 10;
        fetches.components.push_back(make("s3", Kind::ObjectStorage));
        fetches.connections.push_back(wire("u", "s3"));
        const Model withStatic(fetches, Catalog::builtin());
        QVERIFY(withStatic.ok());
        error.clear();
        withStatic.simulateDiscrete(flatFor(1000), 1, {}, &error);
        QCOMPARE(error, std::string("the discrete-event mode simulates at most 10^7 requests (the "
                                    "users' dynamic and static ones and the stations' own work "
                                    "together); this run has 11000000"));
    }

    // Scenarios in the file (format 2): saved and read back equal; a scenario naming a missing
    // component, a spike of negative length, an unknown action or a duplicate name is refused
    // with its JSON path.
    void scenariosInTheFile()
    {
        Design d = tier(1000, Autoscale{});
        Scenario s = flatFor(7200);
        s.name = "launch";
        s.users = 5000;
        s.startHour = 23; // the two hours reach a second day, which has a multiplier of its own
        s.dayMultipliers = {1, 20};
        s.spikes.push_back({600, 5, 60, 900});
        s.events.push_back({1200, ScenarioEvent::Action::Fail, "app", 1, {}});
        s.schedules.push_back({300, "app", 6});
        s.timeoutS = 10;
        Group zone;
        zone.id = "az1";
        zone.members = {"app"};
        d.groups = {zone};
        s.events.push_back({1500, ScenarioEvent::Action::Restore, "", 0, "az1"});
        s.detectionS = 20;
        s.noCooldown = true;
        d.scenarios.push_back(s);
        const std::string saved = saveDesign(d);
        const LoadResult back = loadDesign(saved);
        QVERIFY(back.design);
        QCOMPARE(back.design->scenarios.size(), size_t(1));
        QVERIFY(back.design->scenarios[0] == s);
        QVERIFY(findScenario(*back.design, "launch"));

        auto refused = [&saved](const std::string &from, const std::string &to) {
            std::string bad = saved;
            const size_t at = bad.find(from);
            if (at == std::string::npos)
                return std::string("(no ") + from + ")";
            bad.replace(at, from.size(), to);
            const LoadResult r = loadDesign(bad);
            return r.design || r.errors.empty()
                       ? std::string("(loaded)")
                       : r.errors.front().path + ": " + r.errors.front().message;
        };
        QCOMPARE(refused("\"component\": \"app\",\n          \"instances\"",
                         "\"component\": \"ghost\",\n          \"instances\""),
                 std::string("scenarios[0].events[0].component: names no component of the design: "
                             "\"ghost\""));
        QVERIFY(
            refused("\"rampS\": 60", "\"rampS\": -1").rfind("scenarios[0].spikes[0].rampS", 0) ==
            0);
        QVERIFY(refused("\"action\": \"fail\"", "\"action\": \"explode\"")
                    .rfind("scenarios[0].events[0].action: must be", 0) == 0);
        QCOMPARE(refused("\"zone\": \"az1\"", "\"zone\": \"az9\""),
                 std::string("scenarios[0].events[1].zone: names no zone of the design: \"az9\""));
        QCOMPARE(refused("\"zone\": \"az1\"", "\"region\": \"az1\""),
                 std::string("scenarios[0].events[1].region: names no region of the design: "
                             "\"az1\""));
        QCOMPARE(refused("\"stepS\": 10", "\"stepS\": 7201"),
                 std::string("scenarios[0].stepS: must be from 1 to 3600, got 7201"));
        QVERIFY(refused("\"durationS\": 7200", "\"durationS\": 5")
                    .rfind("scenarios[0].stepS: the step (10 s) is longer than the scenario (5 s)",
                           0) == 0);
        QVERIFY(refused("\"durationS\": 7200", "\"durationS\": 0")
                    .rfind("scenarios[0].durationS: must be more than 0", 0) == 0);
        // A start hour refused is the one error: its two days' multipliers are not also told they
        // are one too many for a day from hour 0, the default that stood in for it (QA).
        {
            std::string bad = saved;
            const size_t at = bad.find("\"startHour\": 23");
            QVERIFY(at != std::string::npos);
            bad.replace(at, 15, "\"startHour\": 25");
            const LoadResult r = loadDesign(bad);
            QVERIFY(!r.design);
            QCOMPARE(r.errors.size(), size_t(1));
            QCOMPARE(r.errors.front().path, std::string("scenarios[0].startHour"));
            // Likewise a length refused: an event at 90,000 s is not also "after the end" of the
            // default's day that stood in for it (review).
            std::string bad2 = saved;
            const size_t length = bad2.find("\"durationS\": 7200");
            const size_t event = bad2.find("\"atS\": 1200");
            QVERIFY(length != std::string::npos && event != std::string::npos);
            bad2.replace(event, 12, "\"atS\": 90000");
            bad2.replace(length, 17, "\"durationS\": -5");
            const LoadResult r2 = loadDesign(bad2);
            QVERIFY(!r2.design);
            QCOMPARE(r2.errors.size(), size_t(1));
            QCOMPARE(r2.errors.front().path, std::string("scenarios[0].durationS"));
            // And a step refused is not also "longer than the scenario" at the default's 10 s
            // (review: a 5 s scenario with a step of 0).
            std::string bad3 = saved;
            const size_t step = bad3.find("\"stepS\": 10");
            QVERIFY(step != std::string::npos);
            bad3.replace(length, 17, "\"durationS\": 5");
            bad3.replace(bad3.find("\"stepS\": 10"),
                         bad3.find(',', bad3.find("\"stepS\": 10")) - bad3.find("\"stepS\": 10"),
                         "\"stepS\": 0");
            const LoadResult r3 = loadDesign(bad3);
            QVERIFY(!r3.design);
            bool stepTwice = false;
            for (const auto &e : r3.errors)
                stepTwice =
                    stepTwice || e.message.find("longer than the scenario") != std::string::npos;
            QVERIFY2(!stepTwice, r3.errors.front().message.c_str());
            QVERIFY(std::any_of(r3.errors.begin(), r3.errors.end(),
                                [](const auto &e) { return e.path == "scenarios[0].stepS"; }));
        }
        // Without a step of its own, a scenario of 5 s has one of 5 s, not the default 10 s it
        // was refused for (QA); one shorter than the shortest step (1 s) is refused at its length.
        Design plain = tier(1000, Autoscale{});
        Scenario bare = flatFor(7200);
        bare.name = "bare";
        plain.scenarios.push_back(bare);
        std::string noStep = saveDesign(plain); // its line, "stepS": 10.0, dropped
        const size_t step = noStep.find("\"stepS\": 10");
        QVERIFY(step != std::string::npos);
        noStep.erase(step, noStep.find('\n', step) - step);
        const auto withDuration = [&noStep](const std::string &seconds) {
            std::string text = noStep;
            const size_t at = text.find("\"durationS\": 7200"); // to its comma: 7200.0
            text.replace(at, text.find(',', at) - at, "\"durationS\": " + seconds);
            return loadDesign(text);
        };
        const LoadResult five = withDuration("5");
        QVERIFY(five.design);
        QCOMPARE(five.design->scenarios[0].stepS, 5.0);
        QCOMPARE(withDuration("7200").design->scenarios[0].stepS, 10.0); // the default
        const LoadResult half = withDuration("0.5");
        QVERIFY(!half.design && !half.errors.empty());
        QCOMPARE(half.errors.front().path, std::string("scenarios[0].durationS"));
        QVERIFY(half.errors.front().message.find("shorter than the shortest step (1 s)") !=
                std::string::npos);
    }

    // Every user request is served, fails or still waits: over a run whose backlogs are empty at
    // its end, Σ (demand − served − failed) × the interval each row counts for is 0. A backlog
    // built at one mix of arrivals and drained at another left some counted nowhere: 34.58
    // requests of stage 4's viral spike (the app's 72,000 draining into the replicas at 780 s),
    // 19,087 of stage 5's Black Friday unplanned (QA).
    void requestsAreServedFailedOrWaiting()
    {
        const auto balance = [](const Model &m, const Scenario &s, bool &drained) {
            double gap = 0;
            std::vector<SimulationStep> rows;
            m.simulate(s, [&rows](const SimulationStep &step) { rows.push_back(step); });
            for (size_t n = 0; n + 1 < rows.size(); ++n) {
                const double weight = rows[n + 1].t - rows[n].t;
                gap += (rows[n].demandRps - rows[n].servedRps - rows[n].errorRps) * weight;
            }
            drained = std::all_of(rows.back().backlog.begin(), rows.back().backlog.end(),
                                  [](double b) { return b == 0; });
            return gap;
        };
        const Model stage4(*sctest::templateDesign("stage4-1m"), Catalog::builtin());
        for (Scenario s : builtinScenarios(stage4.design()))
            if (s.name == builtin::kViralSpike) {
                bool drained = false;
                const double gap = balance(stage4, s, drained);
                QVERIFY(drained);
                QVERIFY2(std::fabs(gap) < 1e-3, QByteArray::number(gap, 'g', 10));
            }
        for (const TemplateInfo &t : builtinTemplates()) {
            const Model m(*sctest::templateDesign(t.name), Catalog::builtin());
            for (Scenario s : builtinScenarios(m.design())) {
                s.stepS = 60;
                bool drained = false;
                const double gap = balance(m, s, drained);
                const QByteArray what = QByteArray::fromStdString(t.name + ": " + s.name) + ": " +
                                        QByteArray::number(gap, 'g', 10);
                const double tolerance = 1e-9 * std::max(1.0, m.simulate(s, {}).requests);
                QVERIFY2(gap > -tolerance, what); // never more served and failed than came
                if (drained)
                    QVERIFY2(std::fabs(gap) <= tolerance, what);
            }
        }
    }

    // What waits at a tier when the tier goes fails with it (QA). 400 req/s flat through a
    // balancer to four app servers of 200 req/s each (c5.large, 2 vCPU at 10 ms); at 600 s three
    // fail. Until the balancer finds them (60 s) their three quarters fail: 300/s × 60 s. Then
    // the one left takes 400/s on 200: its backlog fills to what waits within the 30 s time-out,
    // 200 × 30 = 6,000, by 690 s, and 200/s fail for the 10 s after. At 700 s the last instance
    // goes (the tier as a whole, or its last instance): the 6,000 waiting fail with it, and the
    // 400/s after, to 1,800 s. 18,000 + 2,000 + 6,000 + 440,000 = 466,000; no step serves more
    // than arrives and what left its backlogs, and every request is served, fails or waits.
    void backlogFailsWithItsTier()
    {
        const Design d = fourAppServers();
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        for (const int last : {0, 1, 3}) { // the whole tier; its last instance; "3 more"
            Scenario s = flatFor(1800);
            s.events.push_back({600, ScenarioEvent::Action::Fail, "app", 3, {}});
            s.events.push_back({700, ScenarioEvent::Action::Fail, "app", last, {}});
            std::vector<SimulationStep> rows;
            const SimulationSummary sum =
                m.simulate(s, [&rows](const SimulationStep &step) { rows.push_back(step); });
            const QByteArray what = "last event's instances " + QByteArray::number(last);
            SC_COMPARE_REL(sum.failedRequests, 300.0 * 60 + 200 * 10 + 6000 + 400 * 1100, 1e-9);
            for (const SimulationStep &r : rows)
                QVERIFY2(r.servedRps <= r.demandRps * (1 + 1e-12), what);
            const size_t app = size_t(m.lumpOf(2));
            const auto at = [&rows](double t) {
                return *std::find_if(rows.begin(), rows.end(),
                                     [t](const SimulationStep &r) { return r.t == t; });
            };
            SC_COMPARE_REL(at(690).backlog[app], 6000.0, 1e-9);
            SC_COMPARE_REL(at(700).errorRps, 400 + 6000 / s.stepS, 1e-9);
            QCOMPARE(at(700).servedRps, 0.0);
        }
        // The discrete-event run the same, request by request: within 1% of the 466,000 (the
        // Poisson spread is ~0.2%), and no row serving more than arrives (review: the 6,000
        // waiting were failed before they were counted waiting, row 690 serving 1,000 req/s on
        // one instance of 200, and 457,694 failed).
        Scenario s = flatFor(1800);
        s.events.push_back({600, ScenarioEvent::Action::Fail, "app", 3, {}});
        s.events.push_back({700, ScenarioEvent::Action::Fail, "app", 0, {}});
        std::vector<SimulationStep> rows;
        std::string error;
        const SimulationSummary des = m.simulateDiscrete(
            s, 1, [&rows](const SimulationStep &step) { rows.push_back(step); }, &error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY2(std::fabs(des.failedRequests - 466000) <= 0.01 * 466000,
                 QByteArray::number(des.failedRequests));
        for (const SimulationStep &r : rows)
            QVERIFY2(r.servedRps <= 1.1 * r.demandRps,
                     QByteArray::number(r.t) + ": " + QByteArray::number(r.servedRps));
    }

    // A restore of a database's one instance (its events name it whole: 0 or 1) brings back its
    // every shard (review: "1 of 1" left three of its four shards failed and it down for good).
    void restoringAShardedDatabaseBringsItBack()
    {
        Design d = fourAppServers();
        d.components[3].params["shards"] = num(4);
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        Scenario s = flatFor(1800);
        s.events.push_back({600, ScenarioEvent::Action::Fail, "db", 0, {}});
        s.events.push_back({900, ScenarioEvent::Action::Restore, "db", 1, {}});
        std::vector<SimulationStep> rows;
        m.simulate(s, [&rows](const SimulationStep &step) { rows.push_back(step); });
        const size_t db = size_t(m.lumpOf(3));
        QCOMPARE(rows.back().instances[db], 4.0);
        QCOMPARE(rows.back().errorRps, 0.0);
        SC_COMPARE_REL(rows.back().servedRps, 400.0, 1e-9);
    }

    // A restore of n instances of a component that failed as a whole brings back n (QA: all
    // came back). The four app servers fail at 600 s: 400/s fail until 900 s (sent to them until
    // the balancer finds them at 660 s, then with nowhere to go): 120,000. One comes back: 200
    // req/s against 400, its backlog full (200 × 30 s = 6,000) by 930 s, then 200/s fail until
    // 1,800 s: 174,000 more.
    void restoreSomeOfAWholeFailure()
    {
        const Model m(fourAppServers(), Catalog::builtin());
        QVERIFY(m.ok());
        Scenario s = flatFor(1800);
        s.events.push_back({600, ScenarioEvent::Action::Fail, "app", 0, {}});
        s.events.push_back({900, ScenarioEvent::Action::Restore, "app", 1, {}});
        std::vector<SimulationStep> rows;
        const SimulationSummary sum =
            m.simulate(s, [&rows](const SimulationStep &step) { rows.push_back(step); });
        SC_COMPARE_REL(sum.failedRequests, 400.0 * 300 + 200 * 870, 1e-9);
        const size_t app = size_t(m.lumpOf(2));
        for (const SimulationStep &r : rows)
            if (r.t >= 900)
                QCOMPARE(r.instances[app], 1.0);
    }

    // Arrivals within rounding of a station's capacity leave no backlog (QA: 62 backlogs of
    // 10⁻¹³ to 10⁻¹¹ requests in stage 4's viral spike read "backlog <0.01" on the boxes; the
    // workers, sized to their jobs, ran at 1.0000000000000002 and gained 1.4 × 10⁻¹³ a step).
    // A backlog is none, or at least a thousandth of a request.
    void noBacklogOfRounding()
    {
        for (const char *name : {"stage4-1m", "stage5-10m"}) {
            const Model m(*sctest::templateDesign(name), Catalog::builtin());
            for (const Scenario &s : builtinScenarios(m.design())) {
                int residues = 0;
                m.simulate(s, [&residues](const SimulationStep &step) {
                    for (double b : step.backlog)
                        residues += b > 0 && b < 1e-3;
                });
                QVERIFY2(residues == 0, qPrintable(QStringLiteral("%1, %2: %3 backlogs below 0.001")
                                                       .arg(name)
                                                       .arg(QString::fromStdString(s.name))
                                                       .arg(residues)));
            }
        }
    }

    // Built-in scenarios exist on every template and run; a day's demand follows the profile.
    void builtinScenariosRun()
    {
        for (const TemplateInfo &t : builtinTemplates()) {
            const Design d = *sctest::templateDesign(t.name);
            const Model m(d, Catalog::builtin());
            const std::vector<Scenario> all = builtinScenarios(d);
            QVERIFY(all.size() >= 2);
            for (Scenario s : all) {
                // Its name is reserved: a file's own scenario may not hide it.
                const auto &reserved = kBuiltinScenarioNames;
                QVERIFY2(std::find(reserved.begin(), reserved.end(), s.name) != reserved.end(),
                         s.name.c_str());
                s.stepS = 60;
                const SimulationSummary sum = m.simulate(s, {});
                QVERIFY2(sum.requests > 0, (t.name + ": " + s.name).c_str());
                QVERIFY(std::isfinite(sum.costUsd) && sum.costUsd > 0);
                QVERIFY(sum.errorRate >= 0 && sum.errorRate <= 1);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
