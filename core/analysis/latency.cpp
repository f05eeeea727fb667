// Latency: each request's time is a mixture of gamma laws pushed along the routes, station by
// station, from the clients to where requests end; percentiles are read off the mixture.

#include "core/analysis/prepared.h"

#include <algorithm>

namespace sc::detail {

void propagateLatency(const Prepared &p, const std::vector<Station> &st, unsigned classMask,
                      LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                      std::array<bool, kClassCount> &invalid)
{
    auto &mix = scratch.mix;
    mix.resize(p.lumps.size());
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
            if (s.overloaded)
                invalid[size_t(k)] = true;
            for (MixturePart &part : m.parts) {
                part.mean += s.meanMs[size_t(k)];
                part.var += s.varMs2[size_t(k)];
            }
            const double absorbed = p.routing.absorbed[rep][size_t(k)];
            if (absorbed > 0)
                done[size_t(k)].addAll(m, absorbed);
            for (const Out &o : lump.outs[size_t(k)])
                mix[size_t(o.target)][size_t(o.cls)].addAll(m, o.fraction);
        }
        if (wanted(kJob) && !lump.jobOuts.empty()) {
            const double jobs = p.perUser(rep)[kWrite] * p.routing.jobsPerWrite[rep] * lump.size;
            for (const Out &o : lump.jobOuts)
                mix[size_t(o.target)][kJob].add({jobs * o.fraction, 0, 0});
        }
    }
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

void latencyAt(const Prepared &p, const std::vector<Station> &lumpSt, Evaluation &ev)
{
    std::array<LatencyMixture, kClassCount> done;
    std::array<bool, kClassCount> invalid{};
    LatencyScratch scratch;
    propagateLatency(p, lumpSt, 0xF, scratch, done, invalid);
    const double rtt = p.design.traffic.networkRttMs;
    for (int k = 0; k < kClassCount; ++k) // jobs are not waited for over the network
        ev.latencyByClass[size_t(k)] =
            summarize(done[size_t(k)], invalid[size_t(k)], k == kJob ? 0 : rtt);
    LatencyMixture dynamic = done[kRead];
    dynamic.addAll(done[kWrite], 1.0);
    ev.latency = summarize(dynamic, invalid[kRead] || invalid[kWrite], rtt);
}

} // namespace sc::detail
