// Latency: each request's time is a mixture of gamma laws pushed along the routes, station by
// station, from the clients to where requests end; percentiles are read off the mixture.

#include "core/analysis/fluid.h"
#include "core/analysis/prepared.h"

#include <algorithm>

namespace sc::detail {

namespace {

// Adds m × fraction to `into`, `shiftMs` later (a hop's round trip, when it has one).
void addShifted(LatencyMixture &into, const LatencyMixture &m, double fraction, double shiftMs)
{
    if (shiftMs == 0) {
        into.addAll(m, fraction);
        return;
    }
    for (const MixturePart &part : m.parts)
        into.add(part.weight * fraction, part.mean + shiftMs, part.var, part.shift + shiftMs);
}

// The round trip of the hop from lump `l` to `o`'s: where the two are, and for a population the
// long round trip from its place when the request leaves the users' end of the network.
double hopShiftMs(const Prepared &p, int from, int to, int population)
{
    double ms = hopMs(p, from, to);
    const auto &comps = p.design.components;
    if (population >= 0 && atUsersEnd(comps[size_t(from)].kind) &&
        !atUsersEnd(comps[size_t(to)].kind))
        ms += clientRttMs(p, size_t(population), to);
    return ms;
}

// Each lump and class's mixture slot in a plan, given out as requests first reach it. A slot
// whose step has sent its mixture on is free for the next lump and class reached (everything
// that sends to a lump comes before it in lumpOrder): the walk keeps only the mixtures in
// flight (about those of one height of lumps) instead of one per lump and class, and reads and
// writes far less memory per point.
class PlanSlots
{
public:
    PlanSlots(size_t lumps, LatencyPlan &plan)
        : m_slots(lumps)
        , m_plan(plan)
    {
        for (auto &perClass : m_slots)
            perClass.fill(-1);
    }
    int operator()(int l, int k) // lump l's slot for class k, given out now if it has none
    {
        int &slot = m_slots[size_t(l)][size_t(k)];
        if (slot < 0) {
            if (m_free.empty()) {
                slot = m_plan.slotCount++;
            } else {
                slot = m_free.back();
                m_free.pop_back();
            }
        }
        return slot;
    }
    int find(int l, int k) const { return m_slots[size_t(l)][size_t(k)]; } // −1: none yet
    void release(int slot) { m_free.push_back(slot); } // its step has sent it on

private:
    std::vector<std::array<int, kClassCount>> m_slots;
    std::vector<int> m_free;
    LatencyPlan &m_plan;
};

// Sends a lump's mixture of one class on along its outs, into the plan; a DNS with latency
// routing sends a population only to the target it chose.
void planSends(const Prepared &p, int rep, int k, std::span<const Out> outs, int population,
               PlanSlots &slotOf, LatencyPlan &plan)
{
    int chosen = -1;
    double kept = 1;
    if (population >= 0 && !p.geo.dnsChoice.empty()) {
        const int target = p.geo.dnsChoice[size_t(population)][size_t(rep)][size_t(k)];
        if (target >= 0)
            chosen = (*p.lumpOf)[size_t(target)];
    }
    // The other targets are not taken by this population (routing.cpp: one in no placed region
    // never is; when the chosen one is gone the split is by weight, and it is not in `outs`).
    bool chosenSent = false;
    for (const Out &o : outs)
        chosenSent = chosenSent || o.target == chosen;
    if (!chosenSent)
        chosen = -1;
    const auto skipped = [&](const Out &o) { return chosen >= 0 && o.target != chosen; };
    if (chosen >= 0) {
        kept = 0;
        for (const Out &o : outs)
            kept += skipped(o) ? 0 : o.fraction;
    }
    for (const Out &o : outs) {
        if (skipped(o) || kept <= 0)
            continue;
        const int to = p.lumps[size_t(o.target)].rep;
        const double shiftMs = population >= 0 ? hopShiftMs(p, hopOrigin(o, rep), to, population)
                                               : p.outHopMs[size_t(&o - p.lumpOuts.store.data())];
        plan.sends.push_back({slotOf(o.target, int(o.cls)), o.target, o.fraction / kept, shiftMs});
    }
}

LatencyPlan planFor(const Prepared &p, int population)
{
    LatencyPlan plan;
    PlanSlots slotOf(p.lumps.size(), plan);
    for (int cl : p.clientLumps) {
        const size_t i = size_t(p.lumps[size_t(cl)].rep);
        for (int k : {kStatic, kRead, kWrite})
            plan.seeds.push_back(
                {slotOf(cl, k), k, p.perUser(i)[size_t(k)] * p.lumps[size_t(cl)].size});
    }
    // A step whose sends come next (the caller closes them with sendEnd).
    const auto startStep = [&plan](int l, int k, int slot, double absorbed) -> LatencyPlan::Step & {
        const auto at = std::uint32_t(plan.sends.size());
        return plan.steps.emplace_back(LatencyPlan::Step{l, k, slot, absorbed, at, at});
    };
    for (int l : p.lumpOrder) {
        const Lump &lump = p.lumps[size_t(l)];
        const size_t rep = size_t(lump.rep);
        for (int k = 0; k < kClassCount; ++k) {
            const int slot = slotOf.find(l, k);
            if (slot < 0) // nothing reaches it
                continue;
            LatencyPlan::Step &step = startStep(l, k, slot, p.routing.absorbed[rep][size_t(k)]);
            planSends(p, int(rep), k, p.outsOf(size_t(l), k), population, slotOf, plan);
            step.sendEnd = std::uint32_t(plan.sends.size());
            slotOf.release(slot);
        }
        if (const auto jobOuts = p.jobOutsOf(size_t(l)); !jobOuts.empty()) {
            LatencyPlan::Step &step = startStep(l, LatencyPlan::kJobsStep, -1, 0);
            const double jobs = p.perUser(rep)[kWrite] * p.routing.jobsPerWrite[rep] * lump.size;
            for (const Out &o : jobOuts)
                plan.sends.push_back({slotOf(o.target, kJob), o.target, jobs * o.fraction, 0});
            step.sendEnd = std::uint32_t(plan.sends.size());
        }
    }
    plan.dynamicSteps.reserve(plan.steps.size());
    for (const LatencyPlan::Step &step : plan.steps)
        if (step.cls == kRead || step.cls == kWrite)
            plan.dynamicSteps.push_back(step);
    return plan;
}

// A step's mixture `m` sent on in a simulated step whose routes go round what is found failed
// (propagateOne's Rerouted walk, `healthy` ≠ 1). A balancer sends each target its fraction ×
// serving / healthy (others take the share of a target found down or short of instances). A
// cache found down whose callers read past it: its routes carry their callers' reads, all of them
// (healthy: its miss ratio), to every target, a data tier found down too included; what they do
// not carry (callers without a data tier, which answer their reads themselves) ends there.
void sendRerouted(const LatencyScratch &scratch, const LatencyPlan::Step &step,
                  const LatencyPlan::Send *sends, double healthy, const LatencyMixture &m,
                  std::vector<LatencyMixture> &mix, LatencyMixture &done)
{
    const bool bypassed = !((*scratch.serving)[size_t(step.lump)] > 0);
    if (step.absorbed > 0 && !bypassed)
        done.addAll(m, step.absorbed);
    const bool byInstances = (*scratch.byInstances)[size_t(step.lump)] != 0;
    double carried = 0;
    for (auto *o = sends + step.send; o != sends + step.sendEnd; ++o) {
        const double serving =
            bypassed ? 1.0 : servingFor((*scratch.serving)[size_t(o->target)], byInstances);
        if (serving > 0) {
            addShifted(mix[size_t(o->slot)], m, o->fraction * serving / healthy, o->shiftMs);
            carried += o->fraction * serving / healthy;
        }
    }
    if (bypassed && carried < 1 - 1e-12)
        done.addAll(m, 1 - carried);
}

// `Rerouted`: the scratch's healthyShare and serving are set (a simulated step with a
// balancer routing round a target); a template argument so the sweep's walk, which never is,
// does not test for it at every step.
template <bool Rerouted>
void propagateOne(const Prepared &p, const std::vector<Station> &st, unsigned classMask,
                  LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                  std::array<bool, kClassCount> &invalid, int population)
{
    if (scratch.weights)
        scratch.weights->assign(p.lumps.size(), ClassRates{});
    for (LatencyMixture &m : done)
        m.parts.clear();
    invalid.fill(false);
    const size_t planned = size_t(std::max(population, 0));
    if (planned >= p.latencyPlans.size()) // a design with errors has no walk
        return;
    const LatencyPlan &plan = p.latencyPlans[planned];
    auto &mix = scratch.mix;
    if (mix.size() < size_t(plan.slotCount))
        mix.resize(size_t(plan.slotCount));
    for (int i = 0; i < plan.slotCount; ++i)
        mix[size_t(i)].parts.clear();
    auto wanted = [classMask](int k) { return (classMask >> k) & 1u; };
    for (const LatencyPlan::Seed &seed : plan.seeds)
        if (wanted(seed.cls))
            mix[size_t(seed.slot)].add(seed.weight, 0, 0);
    const LatencyPlan::Send *sends = plan.sends.data();
    // Only reads and writes wanted: the others' steps would find their mixtures empty.
    const bool dynamicOnly = classMask == ((1u << kRead) | (1u << kWrite));
    for (const LatencyPlan::Step &step : dynamicOnly ? plan.dynamicSteps : plan.steps) {
        if (step.cls == LatencyPlan::kJobsStep) {
            if (wanted(kJob))
                for (auto *o = sends + step.send; o != sends + step.sendEnd; ++o)
                    mix[size_t(o->slot)].add(o->fraction, 0, 0);
            continue;
        }
        LatencyMixture &m = mix[size_t(step.slot)];
        if (m.parts.empty())
            continue;
        const size_t k = size_t(step.cls);
        if (scratch.weights)
            (*scratch.weights)[size_t(step.lump)][k] = m.totalWeight();
        const Station &s = st[size_t(step.lump)];
        if (s.overloaded)
            invalid[k] = true;
        const double healthy = Rerouted ? (*scratch.healthyShare)[size_t(step.lump)][k] : 1.0;
        if (m.parts.size() == 1 && healthy == 1.0) { // most are: the same sums without the loops
            MixturePart &part = m.parts.front();
            part.mean += s.meanMs[k];
            part.var += s.varMs2[k];
            if (step.absorbed > 0)
                done[k].add(part.weight * step.absorbed, part.mean, part.var, part.shift);
            for (auto *o = sends + step.send; o != sends + step.sendEnd; ++o)
                mix[size_t(o->slot)].add(
                    part.weight * o->fraction, o->shiftMs == 0 ? part.mean : part.mean + o->shiftMs,
                    part.var, o->shiftMs == 0 ? part.shift : part.shift + o->shiftMs);
            m.parts.clear();
            continue;
        }
        for (MixturePart &part : m.parts) {
            part.mean += s.meanMs[k];
            part.var += s.varMs2[k];
        }
        if (Rerouted && healthy != 1.0) {
            sendRerouted(scratch, step, sends, healthy, m, mix, done[k]);
        } else {
            if (step.absorbed > 0)
                done[k].addAll(m, step.absorbed);
            for (auto *o = sends + step.send; o != sends + step.sendEnd; ++o)
                addShifted(mix[size_t(o->slot)], m, o->fraction, o->shiftMs);
        }
        m.parts.clear(); // the slot is given to another lump and class further on
    }
}

void propagateOneOf(const Prepared &p, const std::vector<Station> &st, unsigned classMask,
                    LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                    std::array<bool, kClassCount> &invalid, int population)
{
    if (scratch.healthyShare)
        propagateOne<true>(p, st, classMask, scratch, done, invalid, population);
    else
        propagateOne<false>(p, st, classMask, scratch, done, invalid, population);
}

} // namespace

void planLatency(Prepared &p)
{
    p.latencyPlans.clear();
    const size_t populations = p.design.populations.size();
    if (populations == 0)
        p.latencyPlans.push_back(planFor(p, -1));
    for (size_t i = 0; i < populations; ++i)
        p.latencyPlans.push_back(planFor(p, int(i)));
}

void propagateLatency(const Prepared &p, const std::vector<Station> &st, unsigned classMask,
                      LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                      std::array<bool, kClassCount> &invalid, int population)
{
    const auto &pops = p.design.populations;
    if (population >= 0 || pops.empty()) {
        propagateOneOf(p, st, classMask, scratch, done, invalid, population);
        return;
    }
    std::array<LatencyMixture, kClassCount> one;
    std::array<bool, kClassCount> bad{};
    for (LatencyMixture &m : done)
        m.parts.clear();
    invalid.fill(false);
    for (size_t i = 0; i < pops.size(); ++i) {
        propagateOneOf(p, st, classMask, scratch, one, bad, int(i));
        for (int k = 0; k < kClassCount; ++k) {
            done[size_t(k)].addAll(one[size_t(k)], pops[i].share);
            invalid[size_t(k)] = invalid[size_t(k)] || bad[size_t(k)];
        }
    }
}

double clientShiftMs(const Prepared &p)
{
    return p.design.populations.empty() ? p.design.traffic.networkRttMs : 0;
}

LatencySummary summarize(const LatencyMixture &m, bool bad, double shiftMs, double *guesses)
{
    LatencySummary s;
    if (m.parts.empty() || bad)
        return s;
    s.valid = true;
    s.mean = m.mean() + shiftMs;
    static constexpr double qs[] = {0.50, 0.95, 0.99};
    double out[3];
    m.quantiles(qs, out, 3, guesses);
    if (guesses)
        std::copy(out, out + 3, guesses);
    s.p50 = out[0] + shiftMs;
    s.p95 = out[1] + shiftMs;
    s.p99 = out[2] + shiftMs;
    return s;
}

void latencyAt(const Prepared &p, const std::vector<Station> &lumpSt, Evaluation &ev,
               std::vector<ClassRates> *weights)
{
    std::array<LatencyMixture, kClassCount> done;
    std::array<bool, kClassCount> invalid{};
    LatencyScratch scratch;
    scratch.weights = weights;
    propagateLatency(p, lumpSt, 0xF, scratch, done, invalid);
    const double rtt = clientShiftMs(p);
    for (int k = 0; k < kClassCount; ++k) // jobs are not waited for over the network
        ev.latencyByClass[size_t(k)] =
            summarize(done[size_t(k)], invalid[size_t(k)], k == kJob ? 0 : rtt);
    LatencyMixture dynamic = done[kRead];
    dynamic.addAll(done[kWrite], 1.0);
    ev.latency = summarize(dynamic, invalid[kRead] || invalid[kWrite], rtt);
}

} // namespace sc::detail
