// Sweep: the headline figures at many user counts (log-spaced), for the growth charts and the
// CLI; one lump at a time, the points split between the cores when the work is large.

#include "core/analysis/prepared.h"

#include "core/analysis/limits.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

namespace sc::detail {
namespace {

// The percentile searches of a sweep's points, done in the points' order, each search starting
// from the point before's answers (afresh at the sweep's first point and every
// Model::kSweepChunk-th), so the figures are the same to the last bit however many threads
// share the sweep. Each thread has every `stride`-th point and works out all of a point but its
// percentiles on its own, then hands its latency mixture over (ready); whichever thread finds the
// next point in order ready does its searches and those of the ready points after it, up to its
// own (the threads share the searches), and after its last point all that are ready. No thread
// waits for another: when the threads shared one core (another process on the other), a thread
// that waited for the other's point at every point of its own slept and woke ~140 times a sweep,
// and a sweep of 997 distinct components took 16–18 ms on two threads against 12 on one.
class InOrder
{
public:
    // Points first … last − 1, into s.points[at − first].
    InOrder(int first, int last, double rttMs, Sweep &s)
        : m_first(first)
        , m_last(last)
        , m_rttMs(rttMs)
        , m_sweep(s)
        , m_next(first)
        , m_slots(std::make_unique<Slot[]>(size_t(last - first)))
    {
    }

    // Point at's dynamic mixture (`invalid`: a station on its path is overloaded) is worked out;
    // `last`: the calling thread has no point after it.
    void ready(int at, const LatencyMixture &mixture, bool invalid, bool last)
    {
        Slot &slot = m_slots[size_t(at - m_first)];
        slot.mixture = mixture;
        slot.invalid = invalid;
        slot.ready.store(true);
        drain(last ? m_last : at + 1);
    }

private:
    struct Slot {
        LatencyMixture mixture;
        bool invalid = false;
        std::atomic<bool> ready{false};
    };

    bool readyAt(int at) const { return at < m_last && m_slots[size_t(at - m_first)].ready.load(); }

    // The searches of the ready points from the next in order and before `end`, by this thread
    // unless another is at them. (Sequentially consistent: a point made ready while another thread
    // holds m_busy is seen by that thread's look after it lets go, or this one takes m_busy and
    // does it; one a thread leaves for being past its own is done by the thread's next call, the
    // last of which takes every one ready.)
    void drain(int end)
    {
        for (;;) {
            if (m_busy.test_and_set())
                return;
            int next = m_next.load(std::memory_order_relaxed);
            for (; next < end && readyAt(next); ++next) {
                if (next == m_first || next % Model::kSweepChunk == 0)
                    m_guesses = {0, 0, 0};
                const Slot &slot = m_slots[size_t(next - m_first)];
                m_sweep.points[size_t(next - m_first)].latency =
                    summarize(slot.mixture, slot.invalid, m_rttMs, m_guesses.data());
            }
            m_next.store(next, std::memory_order_relaxed);
            m_busy.clear();
            if (next >= end || !readyAt(next))
                return;
        }
    }

    const int m_first, m_last;
    const double m_rttMs;
    Sweep &m_sweep;
    std::atomic<int> m_next;           // the first point whose searches are not done
    std::atomic_flag m_busy;           // clear (C++20): no thread is at the searches
    std::array<double, 3> m_guesses{}; // where the next point's searches start (under m_busy)
    std::unique_ptr<Slot[]> m_slots;
};

// The dynamic requests' mixture at the stations `st`, into done[kRead].
void dynamicMixture(const Prepared &p, const std::vector<Station> &st, LatencyScratch &scratch,
                    std::array<LatencyMixture, kClassCount> &done,
                    std::array<bool, kClassCount> &invalid)
{
    propagateLatency(p, st, (1u << kRead) | (1u << kWrite), scratch, done, invalid);
    done[kRead].addAll(done[kWrite], 1.0);
}

// Points first, first + stride, … (below last) of a sweep, into s.points[at − offset] (sized by
// the caller), their per-component figures into `values` (utilization then instances, 2 × lumps
// per point; sized by the caller, empty when `latencyOnly`: then only the users and the latency,
// all the latency wall's search reads). The percentiles go through `inOrder`, in the points'
// order.
template <typename UsersAt>
void sweepRange(const Prepared &p, const UsersAt &usersAt, int first, int last, int stride,
                int offset, Sweep &s, const std::shared_ptr<double[]> &values, bool latencyOnly,
                InOrder &inOrder)
{
    const size_t lumps = p.lumps.size();
    const double dynamicPerUser = p.base[kRead] + p.base[kWrite];
    Flow flow;
    std::vector<double> billed;
    LatencyScratch scratch;
    std::array<LatencyMixture, kClassCount> done;
    std::array<bool, kClassCount> invalid{};
    // The bottleneck: of the stations that carry traffic, the lump of the highest ρ, level ones
    // to the lowest first member (bottleneckAmong).
    std::vector<char> carries(p.lumps.size());
    for (size_t l = 0; l < p.lumps.size(); ++l)
        carries[l] = totalOf(p.perUser(size_t(p.lumps[l].rep))) > 0;
    for (int at = first; at < last; at += stride) {
        const double users = usersAt(at);
        SweepPoint &pt = s.points[size_t(at - offset)];
        pt.users = users;
        pt.demandRps = dynamicPerUser * users;
        pt.capacityRps = s.wallUsers ? *s.wallUsers * dynamicPerUser : 0;
        limitedFlowAt(p, users, flow);
        const std::vector<Station> &st = flow.st;
        if (!latencyOnly) {
            double demand = 0;
            pt.goodputRps = goodputOf(p, flow, users, demand);
            pt.errorRate = demand > 0 ? 1 - pt.goodputRps / demand : 0;
            const size_t at0 = size_t(at - offset) * 2 * lumps;
            double *rho = values.get() + at0, *instances = rho + lumps;
            double highest = -1; // bottleneckAmong's first pass, in this loop
            for (size_t l = 0; l < lumps; ++l) {
                const Station &s = st[l];
                if (s.rho > highest && s.station && carries[l])
                    highest = s.rho;
                rho[l] = s.rho;
                instances[l] = s.instances;
            }
            const double least = levelFrom(highest); // (only those reach the second pass)
            pt.bottleneck = firstLevelWith(highest, [&](const auto &f) {
                for (size_t l = 0; l < lumps; ++l)
                    if (rho[l] >= least && st[l].station && carries[l])
                        f(rho[l], p.lumps[l].rep);
            });
            pt.utilization = PerComponent(p.lumpOf, values, at0);
            pt.instances = PerComponent(p.lumpOf, values, at0 + lumps);
            pt.monthlyCostUsd = monthlyUsdAt(p, users, billed);
            pt.costPerUserUsd = users > 0 ? pt.monthlyCostUsd / users : 0;
        }
        dynamicMixture(p, st, scratch, done, invalid);
        inOrder.ready(at, done[kRead], invalid[kRead] || invalid[kWrite], at + stride >= last);
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
    // on one core) is shared by the cores point by point: the points past the saturation wall,
    // where the requests are cut and the pools' shares searched, cost twice the others, so a
    // split into runs of points would leave one core with most of them.
    const size_t work = p.lumps.size() * size_t(count);
    const unsigned cores = Model::threadLimit();
    const int wanted = work < kWorthAThread ? 1 : std::min(int(cores), count);
    InOrder inOrder(firstPoint, lastPoint, clientShiftMs(p), s);
    // The helpers wait for the number of threads that started (the stride) before they begin.
    std::atomic<int> stride{0};
    auto part = [&](int t) {
        int n = 0;
        while ((n = stride.load(std::memory_order_acquire)) == 0)
            stride.wait(0, std::memory_order_acquire);
        if (t >= n)
            return;
        sweepRange(p, usersAt, firstPoint + t, lastPoint, n, firstPoint, s, values, latencyOnly,
                   inOrder);
    };
    std::vector<std::jthread> helpers; // joined when they go out of scope, even on a throw
    for (int t = 1; t < wanted; ++t) {
        try {
            helpers.emplace_back(part, t);
        } catch (const std::system_error &) {
            break; // no thread to be had: the points go to those that started
        }
    }
    stride.store(int(helpers.size()) + 1, std::memory_order_release);
    stride.notify_all();
    part(0);
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
    if (bad == 0) {
        // None of the requests served (a route to nothing: all dead-end) is nothing to time,
        // as no clients are: no wall, not "0 users" (QA).
        Flow f;
        limitedFlowAt(p, kMinUsers, f);
        double demand = 0;
        return goodputOf(p, f, kMinUsers, demand) > 0 ? std::optional<double>(0.0) : std::nullopt;
    }
    // Bisection in log space between the last count that meets it and the first that does not.
    double good = grid.points[bad - 1].users, over = grid.points[bad].users;
    while (over / good > 1 + 1e-9) {
        const double mid = std::sqrt(good * over);
        (meetsSlo(p, mid, p99Ms) ? good : over) = mid;
    }
    return good;
}

} // namespace sc::detail
