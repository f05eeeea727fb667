#pragma once

// Internal to the fluid run (simulation.cpp: the steps, the stations and their queues, the
// bill; simulationevents.cpp: failures, their detection and re-routes, auto-scaling): the
// simulator and each lump's state in time.

#include "core/analysis/fluid.h"
#include "core/analysis/scenarios.h"

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <vector>

namespace sc::detail::fluid {

constexpr double kNever = -std::numeric_limits<double>::infinity();

// A figure's mean over a metric period, each step weighted by the share of it inside the period
// (1 for a whole step). A period with a step's part in it (a step that does not divide the
// period) keeps the least and most it was given, so a figure that stayed the same is that figure
// to the bit, not the weighted sum's rounding of it (at a tier's threshold an ulp is an
// instance). The same within 10⁻¹² (kSameWithin): a part's figure is its step's scaled by its
// share of the step's traffic, which can land an ulp off (QA: at 45 s steps 400 req/s read a
// hair above 400, and a tier sized on a count's boundary added an instance at 600 s for a
// spike that began then).
struct PeriodMean {
    static constexpr double kSameWithin = 1e-12; // as kResidue (prepared.h)
    double sum = 0, weight = 0, lo = 0, hi = 0;
    bool cut = false;
    void add(double v, double w, bool part)
    {
        lo = weight == 0 ? v : std::min(lo, v);
        hi = weight == 0 ? v : std::max(hi, v);
        sum += w * v;
        weight += w;
        cut = cut || part;
    }
    double mean() const { return cut && hi - lo <= kSameWithin * std::abs(hi) ? lo : sum / weight; }
};

// One lump's state in time; counts are per member (the members of a lump stay alike).
struct TierState {
    double ready = 0; // instances up: serving, or failed (until the tier terminates them)
    struct Boot {
        double from, count;       // serves from that time
        bool replacement = false; // of failed instances (replaceFound), not a scale-out
    };
    std::vector<Boot> booting;
    double failed = 0; // instances an event took out
    // Of them, those a balancer's health checks have not found yet: (count, found at) per event.
    std::vector<std::pair<double, double>> unfound;
    bool down = false;         // the whole component failed
    double backAt = kNever;    // failover: serves again from this time
    bool heldDown = false;     // down by an event no failover undoes (its region's), until restored
    double downSince = kNever; // when the whole component failed
    double backlog = 0;        // requests waiting
    double jobBacklog = 0;     // of them, background jobs (no time-out: queue())
    double dynamicBacklog = 0; // of them, the users' dynamic requests (servedRps)
    double lastAction = kNever;           // the last scaling action
    PeriodMean offered, util;             // over the current metric period: the load it sizes
                                          // for, and its utilization
    double stepOffered = 0, stepUtil = 0; // this step's, added to the period's by scale()
    double nextDecision = 0;              // the end of the current metric period
    int scheduledMin = 0;
    double maxInstances = 0; // the most serving in any step (booting ones do not serve)
    double bootingCount() const
    {
        double n = 0;
        for (const Boot &b : booting)
            n += b.count;
        return n;
    }
    double serving() const { return down ? 0.0 : std::max(0.0, ready - failed); }
    // `n` failed instances are no longer sent anything: the last taken out first.
    void dropUnfound(double n)
    {
        while (n > 0 && !unfound.empty()) {
            const double take = std::min(n, unfound.back().first);
            n -= take;
            if ((unfound.back().first -= take) <= 0)
                unfound.pop_back();
        }
    }
};

class Simulator
{
public:
    Simulator(const Prepared &p, const Scenario &s)
        : m_base(p)
        , m_p(&p)
        , m_s(s)
        , m_users(s.users.value_or(p.design.traffic.users))
        , m_dt(s.stepS)
        , m_tiers(p.lumps.size())
        , m_in(p.lumps.size())
        , m_nominal(p.lumps.size())
        , m_st(p.lumps.size())
        , m_shapes(p.lumps.size())
        , m_poolShare(p.lumps.size(), 1.0)
        , m_committed(p.lumps.size(), 1.0)
        , m_around(p.design.components.size(), 0)
        , m_queuedJobs(queuedJobs(p))
        , m_heldJobs(heldJobShares(p, m_queuedJobs))
    {
        // Where evaluate sizes them at the first step's load: for what reaches each tier, past
        // what the tiers above shed and the pools refuse (limitedFlowAt).
        Flow start;
        if (std::any_of(p.prep.begin(), p.prep.end(), [](const Prep &pr) { return pr.autoscaled; }))
            limitedFlowAt(p, m_users * stepTraffic(0), start);
        for (size_t l = 0; l < p.lumps.size(); ++l) {
            TierState &t = m_tiers[l];
            t.ready = initialInstances(l, start);
        }
        m_events = s.events;
        std::stable_sort(m_events.begin(), m_events.end(),
                         [](const auto &a, const auto &b) { return a.atS < b.atS; });
        m_schedules = s.schedules;
        std::stable_sort(m_schedules.begin(), m_schedules.end(),
                         [](const auto &a, const auto &b) { return a.atS < b.atS; });
        prepareVariableCost();
    }

    SimulationSummary run(const std::function<void(const SimulationStep &)> &onStep);
    FluidRecord *record = nullptr; // set: every step's stations are kept here

private:
    // The traffic at time t relative to the design's peak at m_users (1 = evaluate's peak).
    double trafficAt(double t) const;
    // Its mean over [a, b) (r(a) when the interval is empty), and over the step at t: the
    // interval it stands for, cut at the scenario's end.
    double meanTraffic(double a, double b) const;
    double stepTraffic(double t) const { return meanTraffic(t, std::min(t + m_dt, m_s.durationS)); }
    double baseAt(double t, bool withMultipliers) const;
    double nominalRps(size_t l, double relative) const
    {
        return totalOf(m_p->perUser(size_t(m_p->lumps[l].rep))) * m_users * relative;
    }
    double initialInstances(size_t l, const Flow &start) const;
    void applyEvents(double t);
    void applyFailure(const ScenarioEvent &e, double t);
    void replaceFound(double t);
    void finishBoots(double t);
    void flow(double relative, SimulationStep &step);
    ClassRates arrivedAt(size_t l, double users) const;
    void serveFoundDownCache(size_t l, double admitted, const ClassRates &routed, double reads,
                             double users, SimulationStep &step);
    void serveLump(size_t l, double users, SimulationStep &step);
    double queue(size_t l, const ClassRates &in, const ClassRates &perUser, double users,
                 double refused, double userWrites, SimulationStep &step, double &jobShare);
    void passOn(size_t l, const ClassRates &passed, double users, SimulationStep &step);
    double connectionShare(size_t l) const;
    void preparePools(long steps);
    void checkPools();
    void poolShares(double users);
    double reachableShare(size_t l) const;
    bool detectedDown(int lump) const;
    double bypassShare(size_t lump) const;
    void keep(size_t l, const Station &s, double serving, double admitted, const ClassRates &routed,
              double users);
    double servingShare(int lump) const;
    double healthyShare(std::span<const Out> outs, bool byInstances) const;
    void scale(double t);
    void decide(size_t l, double t);
    double latencyP99(bool &valid);
    void prepareVariableCost();
    double stepCost(double relative) const;
    // The seconds the step at t stands for (0 for the last, at the scenario's end).
    double intervalAfter(double t) const;
    // Adds a finished step to the run's summary, for the interval it stands for.
    void countStep(const SimulationStep &step, SimulationSummary &sum) const;
    bool routedAround(size_t i) const;
    bool waitedForByItsQueues(size_t i) const;
    void reroute();
    void switchTo(const Prepared &next);
    void toBaseLumps(SimulationStep &step) const;

    // The prepared design the scenario starts from, and the one this step runs on: it, or the
    // same design routed round the components found down (routedAround, preparedAround;
    // docs/model.md "Simulation in time"). Per-lump state follows m_p's lumps.
    const Prepared &m_base;
    const Prepared *m_p;
    const Scenario &m_s;
    double m_users, m_dt;
    std::vector<TierState> m_tiers;
    std::vector<ClassRates> m_in;      // per lump, per member: what arrives this step
    std::vector<ClassRates> m_nominal; // the same with every station above serving it all
    std::vector<Station> m_st;
    std::vector<ShapeMemo> m_shapes; // per lump: its station's shape at the last step's mix
    // Per lump: the share an app server's thread pool lets in this step (1 elsewhere), and the
    // steady flow it comes from; whether any pool is short at the busiest step.
    std::vector<double> m_poolShare;
    std::vector<double> m_committed; // per database lump: the share of its writes it committed
    Flow m_poolFlow;
    bool m_poolsBind = false;
    double m_poolUsers = -1, m_poolsFreeUpTo = -1; // the shares' load; the most with none short
    std::vector<ScenarioEvent> m_events;
    std::vector<ScheduledMinimum> m_schedules;
    GroupsDown m_groupsDown; // the zones and regions down at m_time
    size_t m_nextEvent = 0, m_nextSchedule = 0;
    double m_time = 0; // the step being computed
    double m_fixedPerSecond = 0, m_variablePerSecondAtPeak = 0;
    double m_failedDynamic = 0, m_deadDynamic = 0, m_backlogDynamic = 0;
    LatencyScratch m_scratch;
    std::vector<ClassRates> m_healthy; // per lump: healthyShare of a balancer's routes (latency)
    std::vector<double> m_serving;     // per lump: servingShare (latency)
    std::vector<char> m_byInstances;   // per lump: a balancer's split splitsByInstances (latency)
    // Per component of m_base: routed round (routedAround) in m_p; the designs routed round
    // each such set, built once each.
    std::vector<char> m_around, m_aroundNow; // (m_aroundNow: reroute's, kept for its capacity)
    std::map<std::vector<char>, std::unique_ptr<Prepared>> m_rerouted;
    std::vector<char> m_queuedJobs; // per lump of m_p: its jobs came through a queue (queuedJobs)
    // Per lump of m_p: the share of its jobs it holds, their writes having no live target
    // (heldJobShares).
    std::vector<double> m_heldJobs;
    double m_busiestUsers = 0; // the users at the run's busiest step (preparePools)

public:
    // When a re-route was due but not taken (a record is kept: the discrete-event mode follows
    // the starting routes only): the first component (of the design as it starts) it would
    // have routed round, and when; −1 when none was.
    int reroutedRefused = -1;
    double reroutedAt = 0;
};

} // namespace sc::detail::fluid
