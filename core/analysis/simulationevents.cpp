// The fluid run's events (core/analysis/simulator.h): failures and restores, their detection by
// the callers' health checks and time-outs, the re-routes round what is found down,
// replacements and auto-scaling decisions at the end of each metric period.

#include "core/analysis/simulator.h"

#include "core/analysis/scenarios.h"

#include <algorithm>
#include <cmath>

namespace sc::detail::fluid {

// A zone's or region's event fails or restores each of its components as a whole (validated
// with the file: a missing component or group is no event).
void Simulator::applyFailure(const ScenarioEvent &e, double t)
{
    m_groupsDown.apply(m_p->design, e);
    if (e.action == ScenarioEvent::Action::Restore) {
        const int instances = e.group.empty() ? e.instances : 0;
        for (const int i : eventComponents(m_p->design, e)) {
            if (m_groupsDown.holds(i))
                continue;
            TierState &st = m_tiers[size_t((*m_p->lumpOf)[size_t(i)])];
            // (A kind whose events name one instance, a database of shards, comes back whole:
            // "1 of 1" left its shards failed and it down for good; review.)
            const double most = m_p->design.components[size_t(i)].mostInstances();
            if (st.down && instances > 0 && instances < most) {
                // Failed as a whole, every instance was out: n of them come back, the others
                // stay failed, found (its callers had found it down): an auto-scaled tier
                // replaces them. (It all came back: QA.)
                st.unfound.clear();
                st.failed = std::max(0.0, st.ready - instances);
                if (st.failed > 0)
                    st.unfound.emplace_back(st.failed, t);
            } else {
                st.failed = instances > 0 ? std::max(0.0, st.failed - instances) : 0.0;
                st.dropUnfound(instances > 0 ? instances : kInf);
            }
            st.down = st.heldDown = false;
            st.backAt = st.downSince = kNever;
        }
        return;
    }
    for (const FailureEffect &f : failureEffects(m_p->design, e)) {
        TierState &st = m_tiers[size_t((*m_p->lumpOf)[size_t(f.component)])];
        if (f.instances > 0) {
            // No more than the tier runs: an event may name up to autoscale.max, and the
            // instances it names beyond those up were replaced all the same, booting
            // instances the tier never had (8 for a tier of 4 losing "10"; QA).
            const double n = std::min(double(f.instances), std::max(0.0, st.ready - st.failed));
            if (n > 0) {
                st.failed += n;
                st.unfound.emplace_back(n, t + m_s.detectionS);
            }
            continue;
        }
        if (!st.down)
            st.downSince = t;
        st.down = true;
        // A Multi-AZ database's standby takes over after the failover time (a failover under
        // way keeps its time), unless an event no failover undoes holds it down: its region's
        // outage, before or after its zone's or its own failure (a zone's then its region's
        // brought it back with the region down; review).
        if (!f.failsOver && m_p->design.components[size_t(f.component)].flag("multiAz")) {
            st.heldDown = true;
            st.backAt = kNever;
        } else if (f.failsOver && !st.heldDown && st.backAt == kNever) {
            st.backAt = t + m_s.failoverS;
        }
    }
}

void Simulator::applyEvents(double t)
{
    // An event before the run (atS < 0: a live failure the timeline starts with) happened at its
    // own time: found and failed over by then as it would have been.
    for (; m_nextEvent < m_events.size() && m_events[m_nextEvent].atS <= t; ++m_nextEvent) {
        const ScenarioEvent &e = m_events[m_nextEvent];
        applyFailure(e, e.atS < 0 ? e.atS : t);
    }
    for (; m_nextSchedule < m_schedules.size() && m_schedules[m_nextSchedule].atS <= t;
         ++m_nextSchedule) {
        const int i = m_p->design.indexOf(m_schedules[m_nextSchedule].component);
        if (i < 0)
            continue;
        TierState &st = m_tiers[size_t((*m_p->lumpOf)[size_t(i)])];
        st.scheduledMin = m_schedules[m_nextSchedule].min;
        // A scheduled action launches at its own time what the new minimum lacks, as EC2 Auto
        // Scaling does, without waiting for the next metric period's decision.
        if (const auto &a = m_p->design.components[size_t(i)].autoscale) {
            const double lacking =
                std::min<double>(st.scheduledMin, a->max) - (st.ready + st.bootingCount());
            if (lacking > 0)
                st.booting.push_back({t + a->bootS, lacking, false});
        }
    }
    for (TierState &st : m_tiers)
        if (st.down && st.backAt != kNever && t >= st.backAt) {
            st.down = false;
            st.backAt = st.downSince = kNever;
        }
    replaceFound(t);
}

// An auto-scaled tier replaces the instances an event took out once its health checks find
// them, when the balancer does (detectionS after the event; EC2 Auto Scaling with the load
// balancer's health checks): they leave the tier and as many new ones boot, serving bootS
// later. (They stayed failed in the tier, which went on counting them as capacity: losing 3 of
// 4 app instances left stage 4 on 1, at 217%, for the rest of the run; QA.)
void Simulator::replaceFound(double t)
{
    for (size_t l = 0; l < m_tiers.size(); ++l) {
        TierState &st = m_tiers[l];
        if (st.unfound.empty() || st.down) // every step of most runs: nothing failed
            continue;
        const Component &c = m_p->design.components[size_t(m_p->lumps[l].rep)];
        if (!c.autoscale)
            continue;
        auto found = std::stable_partition(st.unfound.begin(), st.unfound.end(),
                                           [t](const auto &u) { return u.second > t; });
        for (auto it = found; it != st.unfound.end(); ++it) {
            const double n = std::min(it->first, st.failed);
            st.failed -= n;
            st.ready = std::max(0.0, st.ready - n);
            st.booting.push_back({it->second + c.autoscale->bootS, n, true});
        }
        st.unfound.erase(found, st.unfound.end());
    }
}

void Simulator::finishBoots(double t)
{
    for (TierState &st : m_tiers) {
        auto ready = std::partition(st.booting.begin(), st.booting.end(),
                                    [t](const TierState::Boot &b) { return b.from > t; });
        for (auto it = ready; it != st.booting.end(); ++it)
            st.ready += it->count;
        st.booting.erase(ready, st.booting.end());
    }
}

// A load balancer's health checks find a failed target after the detection time; from then on
// it sends that target's share to the others (while some are healthy). A tier is down as a
// whole when the component failed, or when events took out its instances one at a time until
// fewer than one is left (applyFailures' rule), found when the last of them is.
bool Simulator::detectedDown(int lump) const
{
    const TierState &st = m_tiers[size_t(lump)];
    if (st.down)
        return m_time >= st.downSince + m_s.detectionS;
    if (st.failed <= 0)
        return false;
    const Component &c = m_p->design.components[size_t(m_p->lumps[size_t(lump)].rep)];
    return c.mostInstances() - st.failed < 1 &&
           std::all_of(st.unfound.begin(), st.unfound.end(),
                       [this](const auto &u) { return m_time >= u.second; });
}

// A cache found down (its callers' clients time out on it after the same detection time and
// fall back to the data tier): its miss ratio, by which its routes (the misses of the callers
// with a data tier) are divided so that each such caller's reads all go on to its own data tier
// (a caller without one answers its reads itself, as it does its misses); 1 for every other
// lump (docs/model.md "Simulation in time").
double Simulator::bypassShare(size_t lump) const
{
    const size_t rep = size_t(m_p->lumps[lump].rep);
    if (m_p->prep[rep].kind != Kind::Cache || !detectedDown(int(lump)))
        return 1.0;
    const double misses = 1 - m_p->routing.hitRatio[rep];
    return misses > 0 && !m_p->outsOf(lump, kRead).empty() ? misses : 1.0;
}

// The share of lump l a load balancer in front still sends to (LumpStep::serving): 0 when found
// down; for a tier of a fixed size that lost instances, once its health checks have found them,
// the share of its instances left (the balancer splits by instance count: the other targets take
// the rest in proportion to theirs, as evaluate's live failure routes; QA: the tier kept its
// whole share on what was left of it); for an auto-scaled one, which replaces them
// (replaceFound), the share of its most instances less the replacements still booting (review);
// else 1.
double Simulator::servingShare(int lump) const
{
    if (detectedDown(lump))
        return 0;
    const TierState &st = m_tiers[size_t(lump)];
    const Component &c = m_p->design.components[size_t(m_p->lumps[size_t(lump)].rep)];
    if (c.autoscale) {
        // Its replacements not serving yet (those a scale-in cancelled are gone with their boot).
        double replacing = 0;
        for (const TierState::Boot &b : st.booting)
            replacing += b.replacement ? b.count : 0.0;
        const double n = std::max(1.0, c.mostInstances());
        return replacing > 0 ? std::max(0.0, n - replacing) / n : 1.0;
    }
    if (st.failed <= 0)
        return 1;
    double unfound = 0;
    for (const auto &[count, foundAt] : st.unfound)
        unfound += m_time < foundAt ? count : 0.0;
    const double found = std::max(0.0, st.failed - unfound);
    const double n = std::max(1.0, c.mostInstances());
    return found > 0 ? std::max(0.0, n - found) / n : 1.0;
}

// healthyShareOf at this step's detections.
double Simulator::healthyShare(std::span<const Out> outs, bool byInstances) const
{
    return healthyShareOf(outs, [this, byInstances](int target) {
        return servingFor(servingShare(target), byInstances);
    });
}

// Each auto-scaled tier decides on the period's average when a metric period ends, at k × the
// period from the start (at the step's end when a step is longer than the period): the step at
// t stands for [t, t + Δt). A step that a period's end cuts counts in each period for its part
// inside, at the traffic of that part (so a spike at 600 s is decided on at 660 s whatever the
// step, not at the end of the step that holds 660 s, nor from a period grown to whole steps).
void Simulator::scale(double t)
{
    const double end = t + m_dt;
    const double step = stepTraffic(t);
    for (size_t l = 0; l < m_tiers.size(); ++l) {
        TierState &st = m_tiers[l];
        const size_t rep = size_t(m_p->lumps[l].rep);
        if (!m_p->prep[rep].autoscaled)
            continue;
        const double period = std::max(m_dt, m_p->design.components[rep].autoscale->metricPeriodS);
        if (st.nextDecision <= 0)
            st.nextDecision = period;
        // Adds the step's figures over [from, to) to the period's, weighted by that part's
        // share of the step and of its traffic (a whole step: its figures, weight 1).
        const auto add = [&](double from, double to) {
            if (to - from < m_dt * 1e-9)
                return;
            const bool part = from != t || to != end;
            const double w = part ? (to - from) / m_dt : 1;
            const double r = part && step > 0 ? meanTraffic(from, to) / step : 1;
            st.offered.add(r * st.stepOffered, w, part);
            st.util.add(std::min(1.0, r * st.stepUtil), w, part);
        };
        double from = t;
        while (st.nextDecision <= end + m_dt * 1e-9) {
            const double at = std::min(st.nextDecision, end);
            add(from, at);
            if (st.offered.weight > 0)
                decide(l, at);
            st.offered = st.util = PeriodMean{};
            from = at;
            st.nextDecision += period;
        }
        add(from, end);
    }
}

void Simulator::decide(size_t l, double t)
{
    TierState &st = m_tiers[l];
    const size_t rep = size_t(m_p->lumps[l].rep);
    const Autoscale &a = *m_p->design.components[rep].autoscale;
    const double current = st.ready + st.bootingCount();
    const double lowest = std::max<double>(a.min, st.scheduledMin);
    const bool cooled = t - st.lastAction >= (m_s.noCooldown ? 0.0 : a.cooldownS);
    double desired = current;
    if (a.policy == Autoscale::Policy::Step) {
        const double u = st.util.mean();
        // A threshold met exactly is not crossed: the period's mean of equal samples is a sum
        // divided, and six steps at 0.4 averaged 0.39999999999999997 (QA: "below 40%" fired).
        if (!cooled)
            desired = current;
        else if (u > a.scaleOutAbove * (1 + kResidue))
            desired = current + a.stepAdd; // every alarm adds, booting or not: it may overshoot
        else if (u < a.scaleInBelow * (1 - kResidue))
            desired = current - 1;
    } else {
        // Target tracking: the count whose capacity at the target carries the period's load
        // (the same sizing as evaluate's); predictive also provisions, a boot time ahead, for
        // the load the day profile has then (the pattern it learned, not a day's multiplier).
        desired = instancesFor(*m_p, rep, st.offered.mean());
        if (a.policy == Autoscale::Policy::Predictive)
            desired = std::max(desired,
                               instancesFor(*m_p, rep, nominalRps(l, baseAt(t + a.bootS, false))));
    }
    desired = std::clamp(desired, lowest, double(a.max));
    if (desired > current) {
        st.booting.push_back({t + a.bootS, desired - current, false});
        st.lastAction = t;
    } else if (desired < current && (cooled || current > a.max)) {
        double remove = current - desired;
        for (auto it = st.booting.rbegin(); it != st.booting.rend() && remove > 0; ++it) {
            const double take = std::min(remove, it->count);
            it->count -= take;
            remove -= take;
        }
        std::erase_if(st.booting, [](const TierState::Boot &b) { return b.count <= 0; });
        // The tier terminates its failed instances first (not yet found: no longer sent to).
        const double failedOut = std::min(remove, st.failed);
        st.failed -= failedOut;
        st.dropUnfound(failedOut);
        st.ready -= remove;
        st.lastAction = t;
    }
}

// Whether component i (of m_base), down, is waited for rather than routed round: only queues
// feed it, and none of them has another consumer up. A queue keeps its messages (SQS for days),
// so the jobs wait in i's backlog until it is back and are worked off then (QA: they vanished,
// uncounted, while it was routed round); a queue with another consumer up sends that one the
// jobs.
bool Simulator::waitedForByItsQueues(size_t i) const
{
    const auto upBesides = [this, i](int queue) {
        const auto out = m_base.outEdges[size_t(queue)];
        return std::any_of(out.begin(), out.end(), [this, i](int e) {
            const int j = m_base.to[size_t(e)];
            return size_t(j) != i && !m_tiers[size_t((*m_p->lumpOf)[size_t(j)])].down;
        });
    };
    const auto in = m_base.inEdges[i];
    return !in.empty() && std::all_of(in.begin(), in.end(), [&](int e) {
        const int from = m_base.from[size_t(e)];
        return m_base.design.components[size_t(from)].kind == Kind::Queue && !upBesides(from);
    });
}

// Component i (of m_base) is routed round as the steady state routes round it (route with
// Prepared::down): down as a whole, found down by its callers (detectionS after it failed: a
// balancer's health checks, a client's, pooler's or app's time-outs on a cache, a database, a
// replica, a worker), not failing over (a Multi-AZ database comes back at its own address).
// A run that keeps a record for the discrete-event mode reads past a balancer's targets and a
// look-aside cache in place instead (healthyShare, bypassShare: the same routes, but the thread
// pools' shares of the design unfailed), and takes no other re-route (reroute refuses it).
bool Simulator::routedAround(size_t i) const
{
    const int lump = (*m_p->lumpOf)[i];
    if (m_tiers[size_t(lump)].backAt != kNever || !detectedDown(lump))
        return false;
    if (waitedForByItsQueues(i))
        return false;
    // A queue down is waited for too: its producers' sends fail and are tried again (the SDKs
    // retry; an outbox keeps the job), so its jobs wait in its backlog, as they did until its
    // callers found it down, and are worked off once it is back (QA: routed round, the jobs sent
    // after detectionS were dropped, counted nowhere, where the detection minute's were kept).
    if (m_base.design.components[i].kind == Kind::Queue)
        return false;
    if (!record)
        return true;
    if (m_base.design.components[i].kind == Kind::Cache)
        return false;
    const auto in = m_base.inEdges[i];
    return std::any_of(in.begin(), in.end(), [this](int e) {
        return m_base.design.components[size_t(m_base.from[size_t(e)])].kind != Kind::LoadBalancer;
    });
}

// Each step, on the design routed round the components routedAround at that step: the steady
// state's routes with them failed (applyFailures' Prepared::down), the same evaluate takes.
void Simulator::reroute()
{
    // Most steps of most runs have nothing down: no look at every component then.
    if (m_p == &m_base && std::none_of(m_tiers.begin(), m_tiers.end(),
                                       [](const TierState &t) { return t.down || t.failed > 0; }))
        return;
    std::vector<char> &around = m_aroundNow;
    around.assign(m_around.size(), 0);
    bool any = false;
    for (size_t i = 0; i < around.size(); ++i) {
        around[i] = routedAround(i);
        any = any || around[i];
    }
    if (around == m_around)
        return;
    if (record) { // the discrete-event mode routes as m_base does: it refuses such a run
        if (reroutedRefused < 0) {
            reroutedRefused = int(std::find(around.begin(), around.end(), 1) - around.begin());
            reroutedAt = m_time;
        }
        return;
    }
    m_around = around;
    if (!any)
        return switchTo(m_base);
    std::unique_ptr<Prepared> &rerouted = m_rerouted[around];
    if (!rerouted)
        rerouted = preparedAround(m_base, around);
    if (rerouted->errors.empty())
        switchTo(*rerouted);
}

// Runs on `next` from this step on: each of its lumps takes the state of the lump its first
// member was in (the members of a lump are alike; a failed component is a lump of its own).
void Simulator::switchTo(const Prepared &next)
{
    if (&next == m_p)
        return;
    const size_t lumps = next.lumps.size();
    std::vector<TierState> tiers(lumps);
    for (size_t l = 0; l < lumps; ++l)
        tiers[l] = m_tiers[size_t((*m_p->lumpOf)[size_t(next.lumps[l].rep)])];
    m_tiers = std::move(tiers);
    m_p = &next;
    m_in.assign(lumps, ClassRates{});
    m_nominal.assign(lumps, ClassRates{});
    m_st.assign(lumps, Station{});
    m_shapes.assign(lumps, ShapeMemo{});
    m_poolShare.assign(lumps, 1.0);
    m_committed.assign(lumps, 1.0);
    m_queuedJobs = queuedJobs(next);
    m_heldJobs = heldJobShares(next, m_queuedJobs);
    checkPools();
}

// The step's per-lump figures by m_base's lumps, as the callers read them (Model::lumpOf).
void Simulator::toBaseLumps(SimulationStep &step) const
{
    if (m_p == &m_base)
        return;
    for (std::vector<double> *v : {&step.instances, &step.utilization, &step.backlog, &step.booting,
                                   &step.errors, &step.passedOn}) {
        std::vector<double> base(m_base.lumps.size());
        for (size_t l = 0; l < base.size(); ++l)
            base[l] = (*v)[size_t((*m_p->lumpOf)[size_t(m_base.lumps[l].rep)])];
        *v = std::move(base);
    }
}

} // namespace sc::detail::fluid
