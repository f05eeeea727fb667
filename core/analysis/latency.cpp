// Latency: each request's time is a mixture of gamma laws pushed along the routes, station by
// station, from the clients to where requests end; percentiles are read off the mixture.

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
        into.add(part.weight * fraction, part.mean + shiftMs, part.var);
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

// Sends a lump's mixture of one class on along its outs; a DNS with latency routing sends a
// population only to the target it chose.
void sendOn(const Prepared &p, int rep, std::span<const Out> outs, const LatencyMixture &m,
            int population, LatencyScratch &scratch)
{
    int chosen = -1;
    double kept = 1;
    if (population >= 0 && !p.geo.dnsChoice.empty()) {
        const int target = p.geo.dnsChoice[size_t(population)][size_t(rep)];
        if (target >= 0)
            chosen = (*p.lumpOf)[size_t(target)];
    }
    // The other candidates (targets in a placed region) are not taken by this population.
    const auto skipped = [&](const Out &o) {
        return chosen >= 0 && o.target != chosen &&
               inPlacedRegion(p, p.lumps[size_t(o.target)].rep);
    };
    if (chosen >= 0) {
        kept = 0;
        for (const Out &o : outs)
            kept += skipped(o) ? 0 : o.fraction;
    }
    for (const Out &o : outs) {
        if (skipped(o) || kept <= 0)
            continue;
        const int to = p.lumps[size_t(o.target)].rep;
        const double shiftMs = population >= 0 ? hopShiftMs(p, rep, to, population)
                                               : p.outHopMs[size_t(&o - p.outStore.data())];
        addShifted(scratch.mix[size_t(o.target)][size_t(o.cls)], m, o.fraction / kept, shiftMs);
    }
}

void propagateOne(const Prepared &p, const std::vector<Station> &st, unsigned classMask,
                  LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                  std::array<bool, kClassCount> &invalid, int population)
{
    auto &mix = scratch.mix;
    mix.resize(p.lumps.size());
    if (scratch.weights)
        scratch.weights->assign(p.lumps.size(), ClassRates{});
    for (auto &perClass : mix)
        for (LatencyMixture &m : perClass)
            m.parts.clear();
    for (LatencyMixture &m : done)
        m.parts.clear();
    invalid.fill(false);
    auto wanted = [classMask](int k) { return (classMask >> k) & 1u; };
    for (int cl : p.clientLumps) {
        const size_t l = size_t(cl), i = size_t(p.lumps[l].rep);
        for (int k : {kStatic, kRead, kWrite})
            if (wanted(k))
                mix[l][size_t(k)].add({p.perUser(i)[size_t(k)] * p.lumps[l].size, 0, 0});
    }
    for (int l : p.lumpOrder) {
        const Lump &lump = p.lumps[size_t(l)];
        const size_t rep = size_t(lump.rep);
        const Station &s = st[size_t(l)];
        for (int k = 0; k < kClassCount; ++k) {
            LatencyMixture &m = mix[size_t(l)][size_t(k)];
            if (m.parts.empty())
                continue;
            if (scratch.weights)
                (*scratch.weights)[size_t(l)][size_t(k)] = m.totalWeight();
            if (s.overloaded)
                invalid[size_t(k)] = true;
            for (MixturePart &part : m.parts) {
                part.mean += s.meanMs[size_t(k)];
                part.var += s.varMs2[size_t(k)];
            }
            const double absorbed = p.routing.absorbed[rep][size_t(k)];
            if (absorbed > 0)
                done[size_t(k)].addAll(m, absorbed);
            sendOn(p, int(rep), p.outsOf(size_t(l), k), m, population, scratch);
        }
        if (const auto jobOuts = p.jobOutsOf(size_t(l)); wanted(kJob) && !jobOuts.empty()) {
            const double jobs = p.perUser(rep)[kWrite] * p.routing.jobsPerWrite[rep] * lump.size;
            for (const Out &o : jobOuts)
                mix[size_t(o.target)][kJob].add({jobs * o.fraction, 0, 0});
        }
    }
}

} // namespace

void propagateLatency(const Prepared &p, const std::vector<Station> &st, unsigned classMask,
                      LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                      std::array<bool, kClassCount> &invalid, int population)
{
    const auto &pops = p.design.populations;
    if (population >= 0 || pops.empty()) {
        propagateOne(p, st, classMask, scratch, done, invalid, population);
        return;
    }
    std::array<LatencyMixture, kClassCount> one;
    std::array<bool, kClassCount> bad{};
    for (LatencyMixture &m : done)
        m.parts.clear();
    invalid.fill(false);
    for (size_t i = 0; i < pops.size(); ++i) {
        propagateOne(p, st, classMask, scratch, one, bad, int(i));
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
