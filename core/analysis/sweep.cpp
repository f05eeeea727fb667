// Sweep: the headline figures at many user counts (log-spaced), for the growth charts and the
// CLI; one lump at a time, the points split between the cores when the work is large.

#include "core/analysis/prepared.h"

#include "core/analysis/limits.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <system_error>
#include <thread>

namespace sc::detail {
namespace {

// The dynamic requests' latency at the stations `st` (the percentile searches start from
// `guesses`, the previous point's, and leave this point's there).
LatencySummary latencyOf(const Prepared &p, const std::vector<Station> &st, double rtt,
                         LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                         std::array<bool, kClassCount> &invalid, double *guesses)
{
    propagateLatency(p, st, (1u << kRead) | (1u << kWrite), scratch, done, invalid);
    LatencyMixture &dynamic = done[kRead];
    dynamic.addAll(done[kWrite], 1.0);
    return summarize(dynamic, invalid[kRead] || invalid[kWrite], rtt, guesses);
}

// Points first..last−1 of a sweep, into s.points[at − offset] (sized by the caller), their
// per-component figures into `values` (utilization then instances, 2 × lumps per point; sized
// by the caller, empty when `latencyOnly`: then only the users and the latency, all the latency
// wall's search reads). The percentile searches start afresh at `first` and at every
// Model::kSweepChunk-th point.
template <typename UsersAt>
void sweepRange(const Prepared &p, const UsersAt &usersAt, int first, int last, int offset,
                Sweep &s, const std::shared_ptr<double[]> &values, bool latencyOnly)
{
    const size_t lumps = p.lumps.size();
    const double dynamicPerUser = p.base[kRead] + p.base[kWrite];
    const double rtt = clientShiftMs(p);
    Flow flow;
    std::vector<double> billed;
    LatencyScratch scratch;
    std::array<LatencyMixture, kClassCount> done;
    std::array<bool, kClassCount> invalid{};
    // The bottleneck is the first component in design order with the highest ρ among the
    // stations that carry traffic: the lump with the highest ρ, ties to the lower first member.
    std::vector<char> carries(p.lumps.size());
    for (size_t l = 0; l < p.lumps.size(); ++l)
        carries[l] = totalOf(p.perUser(size_t(p.lumps[l].rep))) > 0;
    double guesses[3] = {0, 0, 0}; // the previous point's percentiles, where the next start
    for (int at = first; at < last; ++at) {
        if (at % Model::kSweepChunk == 0)
            std::fill(std::begin(guesses), std::end(guesses), 0.0);
        const double users = usersAt(at);
        SweepPoint &pt = s.points[size_t(at - offset)];
        pt.users = users;
        pt.demandRps = dynamicPerUser * users;
        pt.capacityRps = s.wallUsers ? *s.wallUsers * dynamicPerUser : 0;
        limitedFlowAt(p, users, flow);
        const std::vector<Station> &st = flow.st;
        if (latencyOnly) {
            pt.latency = latencyOf(p, st, rtt, scratch, done, invalid, guesses);
            continue;
        }
        double demand = 0;
        pt.goodputRps = goodputOf(p, flow, users, demand);
        pt.errorRate = demand > 0 ? 1 - pt.goodputRps / demand : 0;
        double worst = -1;
        const size_t at0 = size_t(at - offset) * 2 * lumps;
        double *rho = values.get() + at0, *instances = rho + lumps;
        for (size_t l = 0; l < lumps; ++l) {
            const Station &s = st[l];
            // (The lump's first member read only for a contender: most lumps are not one.)
            if (s.station && carries[l] && s.rho >= worst &&
                (s.rho > worst || p.lumps[l].rep < pt.bottleneck)) {
                worst = s.rho;
                pt.bottleneck = p.lumps[l].rep;
            }
            rho[l] = s.rho;
            instances[l] = s.instances;
        }
        pt.utilization = PerComponent(p.lumpOf, values, at0);
        pt.instances = PerComponent(p.lumpOf, values, at0 + lumps);
        pt.latency = latencyOf(p, st, rtt, scratch, done, invalid, guesses);
        pt.monthlyCostUsd = monthlyUsdAt(p, users, billed);
        pt.costPerUserUsd = users > 0 ? pt.monthlyCostUsd / users : 0;
    }
}

} // namespace

Sweep sweepOf(const Prepared &p, double from, double to, int points)
{
    return sweepPartOf(p, from, to, points, 0, points);
}

namespace {

Sweep sweepPartWith(const Prepared &p, double from, double to, int points, int firstPoint,
                    int lastPoint, bool latencyOnly)
{
    Sweep s;
    if (points < 1 || from <= 0 || to < from || !p.errors.empty() || firstPoint < 0 ||
        lastPoint > points || lastPoint < firstPoint)
        return s;
    s.wallUsers = p.wall;
    s.wallComponent = p.wallComponent;
    const int count = lastPoint - firstPoint;
    s.points.resize(size_t(count));
    // Every point's per-component figures in one block (each value written once, so left
    // uninitialized until then).
    const std::shared_ptr<double[]> values = std::make_shared_for_overwrite<double[]>(
        latencyOnly ? 0 : size_t(count) * 2 * p.lumps.size());
    auto usersAt = [&](int at) {
        return points == 1 ? from : from * std::pow(to / from, double(at) / (points - 1));
    };
    // A small sweep stays on this thread, where starting threads would cost more than it saves;
    // a big one (a design whose hundreds of components all differ takes tens of milliseconds
    // on one core) is split between the cores at chunk boundaries. Each chunk starts its
    // searches afresh, so the split changes no bit.
    const size_t work = p.lumps.size() * size_t(count);
    const int o = firstPoint, chunk = Model::kSweepChunk;
    const int firstChunk = firstPoint / chunk;
    const int chunks = count < 1 ? 0 : (lastPoint - 1) / chunk - firstChunk + 1;
    const unsigned cores = Model::threadLimit();
    const int parts = work < kWorthAThread ? 1 : std::min(int(cores), chunks); // chunks ≥ 1 here
    // Part t: its share of the chunks, clipped to the points asked for (part 0 of 1: them all).
    auto range = [&](int t) {
        const int c0 = firstChunk + chunks * t / parts, c1 = firstChunk + chunks * (t + 1) / parts;
        return std::pair{std::max(o, c0 * chunk), std::min(lastPoint, c1 * chunk)};
    };
    std::vector<std::jthread> helpers; // joined when they go out of scope, even on a throw
    for (int t = 1; t < parts; ++t) {
        const auto [c0, c1] = range(t);
        const int first = c0, last = c1; // named copies: clang 14 captures no structured binding
        try {
            helpers.emplace_back([&, first, last] {
                sweepRange(p, usersAt, first, last, o, s, values, latencyOnly);
            });
        } catch (const std::system_error &) {
            // no thread to be had: on this one
            sweepRange(p, usersAt, first, last, o, s, values, latencyOnly);
        }
    }
    const auto [first, last] = range(0);
    sweepRange(p, usersAt, first, last, o, s, values, latencyOnly);
    helpers.clear();
    return s;
}

// The users and the latency of sweepOf's points, the same to the last bit.
Sweep latencySweepOf(const Prepared &p, double from, double to, int points)
{
    return sweepPartWith(p, from, to, points, 0, points, true);
}

} // namespace

Sweep sweepPartOf(const Prepared &p, double from, double to, int points, int firstPoint,
                  int lastPoint)
{
    return sweepPartWith(p, from, to, points, firstPoint, lastPoint, false);
}

namespace {

// Whether the dynamic requests' p99 at `users` is at most `p99Ms` (an overloaded path never is).
bool meetsSlo(const Prepared &p, double users, double p99Ms)
{
    const Sweep one = latencySweepOf(p, users, users, 1);
    const LatencySummary &l = one.points.front().latency;
    return l.valid && l.p99 <= p99Ms;
}

} // namespace

std::optional<double> sloWallOf(const Prepared &p, double p99Ms)
{
    if (!p.errors.empty() || !(p99Ms > 0))
        return std::nullopt;
    // No requests to time (no clients, or they send none): no latency wall either.
    if (!p.sendsDynamicRequests())
        return std::nullopt;
    // The grid: up to the saturation wall (where the p99 is unbounded), or the whole range.
    constexpr int kGrid = 100;
    const double top = p.wall ? std::clamp(*p.wall, kMinUsers, kMaxUsers) : kMaxUsers;
    const Sweep grid = latencySweepOf(p, kMinUsers, top, kGrid);
    size_t bad = 0;
    while (bad < grid.points.size() && grid.points[bad].latency.valid &&
           grid.points[bad].latency.p99 <= p99Ms)
        ++bad;
    // Every count up to the top meets it: no wall below 10⁸ users, or the saturation wall is off
    // the requests' path (workers behind a queue), and the latency wall is never above it.
    if (bad == grid.points.size())
        return p.wall && *p.wall <= kMaxUsers ? std::optional<double>(top) : std::nullopt;
    if (bad == 0)
        return 0.0;
    // Bisection in log space between the last count that meets it and the first that does not.
    double good = grid.points[bad - 1].users, over = grid.points[bad].users;
    while (over / good > 1 + 1e-9) {
        const double mid = std::sqrt(good * over);
        (meetsSlo(p, mid, p99Ms) ? good : over) = mid;
    }
    return good;
}

} // namespace sc::detail
