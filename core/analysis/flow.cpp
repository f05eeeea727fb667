// Overload as a loss (DESIGN.md "Service level and overload"): a station whose arrivals exceed
// its capacity serves its capacity and the excess fails; the stations downstream see only what
// was served. Availability counts both ways of failing — components that are down and requests
// shed past capacity — weighted by demand over the day profile.

#include "core/analysis/prepared.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <optional>

namespace sc::detail {
namespace {

bool isDynamic(int k)
{
    return k == kRead || k == kWrite;
}

// Flow that upstream failed to pass on reaches the targets of lump l in proportion to its
// routes: `lost` is, per class, the req/s (whole lump) lump l does not pass on. Only to the
// targets `only` marks, when given.
void passOnLoss(const Prepared &p, size_t l, const ClassRates &lost, Flow &f,
                const std::vector<char> *only = nullptr)
{
    const Lump &lump = p.lumps[l];
    auto add = [&](const Out &o, size_t cls, double rps) {
        if (!only || (*only)[size_t(o.target)])
            f.deficit[size_t(o.target)][cls] += rps * o.fraction;
    };
    for (int k = 0; k < kClassCount; ++k) {
        if (lost[size_t(k)] <= 0)
            continue;
        for (const Out &o : p.outsOf(l, k))
            add(o, size_t(o.cls), lost[size_t(k)]);
    }
    const double lostJobs = lost[kWrite] * p.routing.jobsPerWrite[size_t(lump.rep)];
    if (lostJobs > 0)
        for (const Out &o : p.jobOutsOf(l))
            add(o, kJob, lostJobs);
}

// log k! = logGamma(k + 1), from a table for the tiers' usual sizes (the same figures: the
// table holds logGamma's own).
double logFactorial(std::int64_t k)
{
    constexpr int kTabled = 1024;
    static const std::array<double, kTabled> table = [] {
        std::array<double, kTabled> t{};
        for (int j = 0; j < kTabled; ++j)
            t[size_t(j)] = logGamma(j + 1.0);
        return t;
    }();
    return k >= 0 && k < kTabled ? table[size_t(k)] : logGamma(double(k) + 1.0);
}

// Probability mass of X ~ Binomial(n, a) at x, from logs (n may be in the thousands), with
// lnN = log n!, lnA = log a and lnB = log(1 − a) worked out once per tier.
double binomialMass(std::int64_t n, std::int64_t x, double a, double lnN, double lnA, double lnB)
{
    if (a >= 1)
        return x == n ? 1 : 0;
    if (a <= 0)
        return x == 0 ? 1 : 0;
    return std::exp(lnN - logFactorial(x) - logFactorial(n - x) + double(x) * lnA +
                    double(n - x) * lnB);
}

// Where a walk over X ~ Binomial(n, a), down from n, starts: at n, unless more than kLongWalk
// instances are expected down, where it starts 40 standard deviations above the mean. The
// counts past that weigh below e^-200 together (Bernstein's bound), absorbed whole by the sum of
// the others in whatever order: the figure is the same, without walking the counts of no mass
// first (QA: a failover pool of 2·10⁹ instances walked 2·10⁷ of them, 14 s).
std::int64_t walkTop(std::int64_t n, double a)
{
    constexpr double kLongWalk = 1000;
    const double nd = double(n);
    if (!(nd * (1 - a) > kLongWalk))
        return n;
    const double top = std::ceil(nd * a + 40 * std::sqrt(nd * a * (1 - a)) + 40);
    return top < nd ? std::int64_t(top) : n;
}

} // namespace

ClassRates Flow::arrivals(const Prepared &p, size_t l, double users) const
{
    const Lump &lump = p.lumps[l];
    const ClassRates &nominal = p.perUser(size_t(lump.rep));
    ClassRates r{};
    for (int k = 0; k < kClassCount; ++k)
        r[size_t(k)] =
            deficit[l][size_t(k)] > 0
                ? std::max(0.0, nominal[size_t(k)] * users - deficit[l][size_t(k)] / lump.size)
                : nominal[size_t(k)] * users;
    return r;
}

namespace {

// The station of component `rep` (a lump's first member) with `perUser` arriving: with its
// queueing (`queueing`), or only instances, capacity and ρ.
void flowStation(const Prepared &p, size_t rep, const ClassRates &perUser, double users,
                 double instances, bool queueing, Station &s)
{
    if (queueing)
        stationAt(p, rep, perUser, users, instances, s);
    else
        stationLoad(p, rep, perUser, users, instances, s);
}

// The station of lump l at its prepared flow (what reaches it when nothing is cut).
inline void preparedStation(const Prepared &p, size_t l, double users, bool queueing, Station &s)
{
    const size_t rep = size_t(p.lumps[l].rep);
    flowStation(p, rep, p.perUser(rep), users, instancesAt(p, rep, users), queueing, s);
}

// Whether a station sheds past its capacity (it serves 1/ρ of what it queues).
bool sheds(const Station &s)
{
    return s.station && s.rho > 1;
}

// The station of lump l with what reaches it (f.deficit), and what it fails to pass on.
void flowLump(const Prepared &p, double users, bool queueing, size_t l, Flow &f)
{
    const Lump &lump = p.lumps[l];
    const size_t rep = size_t(lump.rep);
    const bool reduced = totalOf(f.deficit[l]) > 0;
    const double admit = f.admitted.empty() ? 1.0 : f.admitted[l];
    // Below every wall nothing is cut: the stations see exactly the prepared flows.
    if (!reduced && admit >= 1) {
        preparedStation(p, l, users, queueing, f.st[l]);
    } else {
        ClassRates perUser = f.arrivals(p, l, users); // what the pools let in
        for (double &v : perUser)
            v = users > 0 ? v * admit / users : 0;
        const double instances = instancesFor(p, rep, totalOf(perUser) * users);
        flowStation(p, rep, perUser, users, instances, queueing, f.st[l]);
    }
    Station &s = f.st[l];
    // The station queues what its pools let in; what it serves of that is its capacity.
    f.saturated[l] = s.station && s.rho >= 1;
    const double served = admit * (sheds(s) ? 1 / s.rho : 1.0);
    f.served[l] = served;
    if (admit < 1 && s.station) {
        // Its utilization is what reaches it against its capacity, refused or not: a tier
        // asked for more than it can carry reads as overloaded (no latency of its own).
        // (Nothing let in: the arrivals against the capacity directly.)
        s.rho = admit > 0        ? s.rho / admit
                : s.capacity > 0 ? totalOf(f.arrivals(p, l, users)) / s.capacity
                                 : kInf;
        s.overloaded = s.rho >= 1;
    }
    ClassRates &lost = f.lost[l];
    ClassRates &shedHere = f.shed[l];
    lost = {};
    shedHere = {};
    if (served >= 1 && !reduced)
        return;
    const ClassRates arriving = f.arrivals(p, l, users);
    for (int k = 0; k < kClassCount; ++k) {
        const double shed = arriving[size_t(k)] * lump.size * (1 - served);
        // A cache's or replica's writes are its own work (fills, invalidations, applied
        // writes), not users' requests.
        const bool own = k == kWrite &&
                         (p.prep[rep].kind == Kind::Cache || p.prep[rep].kind == Kind::ReadReplica);
        if (isDynamic(k) && !own) {
            f.shedDynamic += shed;
            shedHere[size_t(k)] = shed;
        }
        // What never arrived is not passed on either; what arrived is passed on if served.
        lost[size_t(k)] = f.deficit[l][size_t(k)] + shed;
    }
    passOnLoss(p, l, lost, f);
}

// A replica applies what its primary commits: the share of the primary's nominal writes that
// reach it and that it serves (a replica is a sink, so it can wait for its primary).
void applyCommittedWrites(const Prepared &p, double users, size_t l, Flow &f)
{
    const Lump &lump = p.lumps[l];
    const int primary = p.routing.primaryOf[size_t(lump.rep)];
    const size_t pl = size_t((*p.lumpOf)[size_t(primary)]);
    const ClassRates &nominal = p.perUser(size_t(primary));
    const double offered = (nominal[kWrite] + nominal[kJob]) * users;
    if (!(offered > 0) || !f.cut(pl))
        return;
    const ClassRates arriving = f.arrivals(p, pl, users);
    const double committed =
        std::clamp((arriving[kWrite] + arriving[kJob]) * f.served[pl] / offered, 0.0, 1.0);
    f.deficit[l][kWrite] +=
        (1 - committed) * p.routing.appliedWrites[size_t(lump.rep)] * users * lump.size;
}

// A cache's own work (fills and invalidations, its writes) follows the share of its reads that
// reaches it: a fill per miss of the reads that arrive, an invalidation per write its callers
// serve, which they serve in the same share as the reads they send it (docs/model.md "Cache
// fills and invalidations").
void cutCacheWork(const Prepared &p, double users, size_t l, Flow &f)
{
    if (!(f.deficit[l][kRead] > 0))
        return;
    const Lump &lump = p.lumps[l];
    const ClassRates &nominal = p.perUser(size_t(lump.rep));
    const double offered = nominal[kRead] * users;
    if (!(offered > 0))
        return;
    const double reaching = std::clamp(f.arrivals(p, l, users)[kRead] / offered, 0.0, 1.0);
    f.deficit[l][kWrite] += (1 - reaching) * nominal[kWrite] * users * lump.size;
}

// The cut a lump's own work takes from what reaches it (a replica's applied writes, a cache's
// fills and invalidations), before its station is worked out.
void cutOwnWork(const Prepared &p, double users, size_t l, Flow &f)
{
    const size_t rep = size_t(p.lumps[l].rep);
    if (p.routing.primaryOf[rep] >= 0)
        applyCommittedWrites(p, users, l, f);
    else if (p.prep[rep].kind == Kind::Cache)
        cutCacheWork(p, users, l, f);
}

#ifndef NDEBUG
// Whether two stations' figures are the same to the last bit (a NaN as itself).
bool sameStation(const Station &a, const Station &b)
{
    auto same = [](double x, double y) {
        return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
    };
    auto sameRates = [&](const ClassRates &x, const ClassRates &y) {
        return std::equal(x.begin(), x.end(), y.begin(), same);
    };
    return a.station == b.station && a.overloaded == b.overloaded &&
           same(a.instances, b.instances) && same(a.cores, b.cores) &&
           same(a.capacity, b.capacity) && same(a.rho, b.rho) && same(a.sbarMs, b.sbarMs) &&
           same(a.speedup, b.speedup) && same(a.queues, b.queues) &&
           same(a.queueServers, b.queueServers) && same(a.waitProbability, b.waitProbability) &&
           same(a.waitFactor, b.waitFactor) && same(a.meanWaitMs, b.meanWaitMs) &&
           sameRates(a.meanMs, b.meanMs) && sameRates(a.varMs2, b.varMs2) &&
           same(a.meanAllMs, b.meanAllMs);
}
#endif

// flowAt's common case, below every wall with every pool letting all in: when no station sheds
// (ρ > 1), nothing upstream cuts what reaches any other and each sees its prepared flow. Fills
// the stations so, lump by lump, and returns false at the first that sheds (the caller then
// passes the requests on lump by lump).
bool uncutFlowAt(const Prepared &p, double users, bool queueing, Flow &f)
{
    // After an edit, the stations it left as they were, from the model before it (f.asBefore).
    const std::vector<Station> *was = f.asBefore && queueing &&
                                              sameBits(f.asBefore->users, users) &&
                                              f.asBefore->st.size() == p.lumps.size() &&
                                              p.stationAsBefore.size() == p.lumps.size()
                                          ? &f.asBefore->st
                                          : nullptr;
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        Station &s = f.st[l];
        if (was && p.stationAsBefore[l]) {
            s = (*was)[l];
            assert(sameStation(s, [&] {
                Station fresh;
                preparedStation(p, l, users, queueing, fresh);
                return fresh;
            }()));
        } else {
            preparedStation(p, l, users, queueing, s);
        }
        if (sheds(s))
            return false;
        f.saturated[l] = s.station && s.rho >= 1;
    }
    return true;
}

} // namespace

void flowAt(const Prepared &p, double users, bool queueing, Flow &f)
{
    const size_t lumps = p.lumps.size();
    f.st.resize(lumps);
    f.saturated.resize(lumps);
    f.shedDynamic = 0;
    if (f.admitted.empty() && uncutFlowAt(p, users, queueing, f)) {
        // Nothing cut: no deficit, loss or shed anywhere, everything served (as the last flow
        // left them, when it cut nothing either).
        if (!f.nothingCut || f.deficit.size() != lumps) {
            f.deficit.assign(lumps, ClassRates{});
            f.served.assign(lumps, 1.0);
            f.lost.assign(lumps, ClassRates{});
            f.shed.assign(lumps, ClassRates{});
            f.nothingCut = true;
        }
        return;
    }
    f.nothingCut = false;
    f.deficit.assign(lumps, ClassRates{});
    f.served.assign(lumps, 1.0);
    f.saturated.assign(lumps, 0);
    f.lost.resize(lumps);
    f.shed.resize(lumps);
    for (int li : p.flowOrder) {
        const size_t l = size_t(li);
        cutOwnWork(p, users, l, f);
        flowLump(p, users, queueing, l, f);
    }
}

namespace {

// The lumps whose stations change when the pools of `pools` let in another share: those lumps,
// everything they send to, and the replicas of a primary among them.
std::vector<char> reachedFrom(const Prepared &p, const std::vector<size_t> &pools)
{
    std::vector<char> reached(p.lumps.size(), 0);
    for (size_t l : pools)
        reached[l] = 1;
    for (bool grew = true; grew;) {
        grew = false;
        for (int li : p.lumpOrder) { // sources before their targets
            const Lump &lump = p.lumps[size_t(li)];
            if (!reached[size_t(li)]) {
                const int primary = p.routing.primaryOf[size_t(lump.rep)];
                if (primary < 0 || !reached[size_t((*p.lumpOf)[size_t(primary)])])
                    continue;
                reached[size_t(li)] = 1;
                grew = true;
            }
            auto mark = [&](const Out &o) {
                grew |= !reached[size_t(o.target)];
                reached[size_t(o.target)] = 1;
            };
            const auto outs = p.allOutsOf(size_t(li));
            std::for_each(outs.begin(), outs.end(), mark);
        }
    }
    return reached;
}

// The lumps not `reached` that pass some loss on (f.lost) to a lump reached, and with the
// lumps reached, in flowAt's order: the only ones reflowReached visits.
std::vector<int> reflowOrder(const Prepared &p, const std::vector<char> &reached, const Flow &f)
{
    auto toReached = [&reached](const Out &o) { return reached[size_t(o.target)] != 0; };
    auto feeds = [&](size_t l) {
        if (std::all_of(f.lost[l].begin(), f.lost[l].end(), [](double v) { return v <= 0; }))
            return false;
        const auto outs = p.allOutsOf(l);
        return std::any_of(outs.begin(), outs.end(), toReached);
    };
    std::vector<int> order;
    for (int l : p.flowOrder)
        if (reached[size_t(l)] || feeds(size_t(l)))
            order.push_back(l);
    return order;
}

// flowAt (queueing) again after only the admitted shares of pools whose reach is `reached`
// moved (reachedFrom): the lumps not reached keep their stations and what they pass on (`order`
// holds those that pass some on to a lump reached, with the lumps reached: reflowOrder); the
// others are computed anew, their deficits summed in the same order as flowAt sums them (so
// every figure is the same to the last bit as a full flowAt's).
void reflowReached(const Prepared &p, double users, const std::vector<char> &reached,
                   const std::vector<int> &order, Flow &f)
{
    f.nothingCut = false;
    for (int l : order)
        if (reached[size_t(l)]) {
            f.deficit[size_t(l)] = {};
            f.served[size_t(l)] = 1.0;
            f.saturated[size_t(l)] = 0;
        }
    for (int li : order) {
        const size_t l = size_t(li);
        if (!reached[l]) { // keeps its station: what it passes on, to the lumps computed anew
            passOnLoss(p, l, f.lost[l], f, &reached);
            continue;
        }
        cutOwnWork(p, users, l, f);
        flowLump(p, users, true, l, f);
    }
    // The stations' shed, summed in flowAt's order.
    f.shedDynamic = 0;
    for (int l : p.flowOrder)
        for (double v : f.shed[size_t(l)])
            f.shedDynamic += v;
}

// From the sinks back: per lump, the time a request of each class spends there and below
// (unbounded past a station's capacity), and in f.held (pools only) the time it holds a thread of
// the lump itself: its own service time as the station serves it (under contention, s·c/S(c):
// a thread is held as long as its request occupies a core, so the threads in service are the
// busy cores) and everything below. Waiting for one of its own cores is the station's queue,
// which sheds its own excess; the pool limits what waiting below holds. Only the classes
// Prepared::holdClasses marks, and only the lumps `reached` (when given: a set closed under
// routes to the lumps below).
void holdTimes(const Prepared &p, Flow &f, const std::vector<char> *reached = nullptr)
{
    f.below.resize(p.lumps.size());
    f.held.resize(p.lumps.size());
    const Out *outs = p.lumpOuts.store.data();
    const double *hopMs = p.outHopMs.data();
    for (const Prepared::HoldStep &h : p.holdSteps) { // the classes holdClasses marks
        const size_t l = size_t(h.lump), k = size_t(h.cls);
        if (reached && !(*reached)[l])
            continue;
        // Below: the time in what it calls, and the round trips to them across zones and
        // regions (a thread waits for the answer to travel back too).
        double down = 0;
        for (std::uint32_t o = h.out; o != h.outEnd; ++o)
            down += outs[o].fraction *
                    (f.below[size_t(outs[o].target)][size_t(outs[o].cls)] + hopMs[o]);
        const Station &s = f.st[l];
        f.below[l][k] = (f.saturated[l] ? kInf : s.meanMs[k]) + down;
        // Only a pool's own hold times are read (threadsHeldPerInstance).
        if (h.pool) {
            const double inflate = s.speedup > 0 ? s.cores / s.speedup : 1.0; // USL: c / S(c)
            f.held[l][k] = h.poolServiceMs * inflate + down;
        }
    }
}

// Whether an app server lump has the threads its requests hold at f (not: its pool is short; an
// unbounded hold, NaN included, is short).
bool hasThreads(const Prepared &p, const Flow &f, size_t l, double users)
{
    const double threads = p.prep[size_t(p.lumps[l].rep)].connectionsPerInstance;
    return threadsHeldPerInstance(p, f, l, users) / threads <= 1;
}

// Per database lump (p.databaseLumps' order): the connections its callers open, every instance
// the callers run in f's stations opening its own (an app server one per thread, a pooler its
// poolSize, a worker one per vCPU).
std::vector<double> connectionsOpened(const Prepared &p, const Flow &f)
{
    std::vector<double> opened(p.databaseLumps.size(), 0.0);
    for (size_t d = 0; d < opened.size(); ++d)
        for (int e : p.inEdges[size_t(p.lumps[size_t(p.databaseLumps[d])].rep)]) {
            const size_t from = size_t(p.from[size_t(e)]);
            opened[d] +=
                f.st[size_t((*p.lumpOf)[from])].instances * p.prep[from].connectionsPerInstance;
        }
    return opened;
}

// Databases: the callers open `opened` (connectionsOpened), the server accepts maxConnections,
// and the requests that would need one of the others fail. Sets f.admitted (all 1 elsewhere)
// when a database refuses some, else clears it; whether one does.
bool connectionLimits(const Prepared &p, const std::vector<double> &opened, Flow &f)
{
    f.admitted.clear();
    for (size_t d = 0; d < opened.size(); ++d) {
        const size_t l = size_t(p.databaseLumps[d]);
        const double accepted = p.prep[size_t(p.lumps[l].rep)].connectionsAccepted;
        if (opened[d] > accepted) {
            if (f.admitted.empty())
                f.admitted.assign(p.lumps.size(), 1.0);
            f.admitted[l] = accepted / opened[d];
        }
    }
    return !f.admitted.empty();
}

#ifndef NDEBUG
// Whether reflowReached left f as a full flowAt at the same shares would (asserted in Debug
// builds, where the core tests run with asserts on).
bool sameAsFullFlow(const Prepared &p, double users, const Flow &f)
{
    Flow full;
    full.admitted = f.admitted;
    flowAt(p, users, true, full);
    auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    auto sameRates = [&](const ClassRates &a, const ClassRates &b) {
        return std::equal(a.begin(), a.end(), b.begin(), same);
    };
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        const Station &a = f.st[l], &b = full.st[l];
        if (!sameRates(f.deficit[l], full.deficit[l]) || !same(f.served[l], full.served[l]) ||
            f.saturated[l] != full.saturated[l] || !same(a.rho, b.rho) ||
            !same(a.capacity, b.capacity) || !same(a.instances, b.instances) ||
            !sameRates(a.meanMs, b.meanMs) || !sameRates(a.varMs2, b.varMs2))
            return false;
    }
    return same(f.shedDynamic, full.shedDynamic);
}
#endif

} // namespace

namespace {

// Whether each pool shortOf[s], s in `which`, has the threads its requests hold at f.
bool poolsHold(const Prepared &p, double users, const std::vector<size_t> &shortOf,
               const std::vector<size_t> &which, const Flow &f)
{
    return std::all_of(which.begin(), which.end(),
                       [&](size_t s) { return hasThreads(p, f, shortOf[s], users); });
}

// The pools shortOf[s] (their s) whose requests meet, below them, the requests of a pool short at
// f: those whose stations reached (reachedFrom) share a lump with a short one's, itself included.
std::vector<size_t> poolsMeetingAShortOne(const Prepared &p, double users,
                                          const std::vector<size_t> &shortOf, const Flow &f)
{
    std::vector<size_t> still;
    for (size_t s = 0; s < shortOf.size(); ++s)
        if (!hasThreads(p, f, shortOf[s], users))
            still.push_back(shortOf[s]);
    if (still.empty())
        return {};
    const std::vector<char> stillReach = reachedFrom(p, still);
    std::vector<size_t> meeting;
    for (size_t s = 0; s < shortOf.size(); ++s) {
        const std::vector<char> reach = reachedFrom(p, {shortOf[s]});
        for (size_t l = 0; l < reach.size(); ++l)
            if (reach[l] && stillReach[l]) {
                meeting.push_back(s);
                break;
            }
    }
    return meeting;
}

// threadLimits' rounds: f.admitted of the short pools at sharesAt(round's trial), each round's
// trial between `lo` and `hi` (bisection, to 2⁻²⁰); `holds` tells whether the pools' threads hold
// the flow a trial leaves; lo ends at the highest trial that held, and f at the flow of
// sharesAt(lo). Each round computes anew only the stations the short pools reach (reflowReached).
template <typename SharesAt, typename Holds>
void bisectShares(const Prepared &p, double users, const std::vector<char> &reached,
                  const std::vector<int> &order, std::vector<double> &lo, std::vector<double> &hi,
                  const SharesAt &sharesAt, const Holds &holds, Flow &f)
{
    std::vector<double> mid(lo.size());
    for (int round = 0; round < 20; ++round) {
        for (size_t s = 0; s < lo.size(); ++s)
            mid[s] = 0.5 * (lo[s] + hi[s]);
        sharesAt(mid);
        reflowReached(p, users, reached, order, f);
        assert(sameAsFullFlow(p, users, f));
        holdTimes(p, f, &reached);
        for (size_t s = 0; s < lo.size(); ++s)
            (holds(s) ? lo[s] : hi[s]) = mid[s];
    }
    sharesAt(lo);
    reflowReached(p, users, reached, order, f);
    assert(sameAsFullFlow(p, users, f));
    holdTimes(p, f, &reached);
}

// limitedFlowAt's thread pools, after its connection limits: app servers whose threads are short
// with everything else let in admit the share their threads hold; f.held is left at the flow f
// ends with (threadsHeldPerInstance reads it).
void threadLimits(const Prepared &p, double users, Flow &f)
{
    if (p.poolLumps.empty())
        return;
    holdTimes(p, f);
    std::vector<size_t> shortOf;
    for (int l : p.poolLumps)
        if (f.st[size_t(l)].instances > 0 && !hasThreads(p, f, size_t(l), users))
            shortOf.push_back(size_t(l));
    if (shortOf.empty())
        return;
    if (f.admitted.empty())
        f.admitted.assign(p.lumps.size(), 1.0);
    // A short pool admits the share x at which the threads its requests hold, λ·x × the hold
    // time at that load, equal the threads it has (the hold falls as fewer requests wait below):
    // found by bisection, every short pool at once.
    std::vector<double> lo(shortOf.size(), 0.0), hi(shortOf.size(), 1.0);
    const std::vector<char> reached = reachedFrom(p, shortOf);
    const std::vector<int> order = reflowOrder(p, reached, f);
    bisectShares(
        p, users, reached, order, lo, hi,
        [&](const std::vector<double> &x) {
            for (size_t s = 0; s < shortOf.size(); ++s)
                f.admitted[shortOf[s]] = x[s];
        },
        [&](size_t s) { return hasThreads(p, f, shortOf[s], users); }, f);
    // Each share was found with the other pools at their trials, not at their answers. Pools
    // whose requests meet below (a primary both regions write to) can leave one short at the
    // shares found together: its requests wait on a station the others' answers saturate (stage 5
    // at 21M users: a replica tier past its capacity, where a share a little higher or lower held).
    // Then those pools let in the same fraction t of their shares, the highest that leaves all of
    // them their threads (t = 0 does: a pool that lets in nothing holds none).
    const std::vector<size_t> meeting = poolsMeetingAShortOne(p, users, shortOf, f);
    if (!meeting.empty()) {
        const std::vector<double> found = lo;
        std::vector<double> tLo{0.0}, tHi{1.0};
        bisectShares(
            p, users, reached, order, tLo, tHi,
            [&](const std::vector<double> &t) {
                for (size_t s : meeting)
                    f.admitted[shortOf[s]] = t[0] * found[s];
            },
            [&](size_t) { return poolsHold(p, users, shortOf, meeting, f); }, f);
    }
    holdTimes(p, f); // every pool's, at the shares let in (those reached moved)
}

// The rounds limitedFlowAt may take to find the callers' instances (each round can only lower
// them; most designs need one, golden v1-minimal at 10⁷ users three).
constexpr int kConnectionRounds = 8;

} // namespace

void limitedFlowAt(const Prepared &p, double users, Flow &f)
{
    // The connections a database accepts are opened by the caller instances running at the load
    // that reaches them, and that load depends on what the limits refuse. Start from the
    // instances with nothing refused (the most there can be), apply the limits, and count again
    // with the instances the limited flow runs until the count stands: refusing less at the
    // database only lengthens the hold times above it, so the pools let in no more and the
    // callers' instances only fall.
    f.admitted.clear();
    flowAt(p, users, true, f);
    for (int round = 0;; ++round) {
        const std::vector<double> opened = connectionsOpened(p, f);
        const bool limited = connectionLimits(p, opened, f);
        if (limited || round > 0)
            flowAt(p, users, true, f);
        threadLimits(p, users, f);
        if (!limited || round + 1 == kConnectionRounds || connectionsOpened(p, f) == opened)
            return;
    }
}

double threadsHeldPerInstance(const Prepared &p, const Flow &f, size_t l, double users)
{
    const ClassRates in = f.arrivals(p, l, users);
    // What it lets in and serves holds threads (what its own cores cannot take is shed by the
    // station); nothing let in holds none, however long the hold would be.
    double busy = 0;
    for (int k = 0; k < kClassCount; ++k)
        if (in[size_t(k)] > 0 && f.served[l] > 0)
            busy += in[size_t(k)] * f.served[l] * f.held[l][size_t(k)] / 1000.0;
    return busy / f.st[l].instances;
}

double goodputOf(const Prepared &p, const Flow &f, double users, double &demand)
{
    // Offered: what the clients send; lost: what stations shed and what reaches a dead end or
    // a failed target.
    demand = 0;
    // No clients (a design still being built, or empty): the users' requests enter nowhere, so
    // none is served, as with clients connected to nothing.
    if (!p.hasClients) {
        demand = (p.base[kRead] + p.base[kWrite]) * users;
        return 0;
    }
    for (int cl : p.clientLumps) {
        const Lump &lump = p.lumps[size_t(cl)];
        const ClassRates &perUser = p.perUser(size_t(lump.rep));
        demand += (perUser[kRead] + perUser[kWrite]) * lump.size * users;
    }
    double lost = f.shedDynamic;
    for (int li : p.lossLumps) {
        const size_t l = size_t(li);
        const Lump &lump = p.lumps[l];
        const size_t rep = size_t(lump.rep);
        const ClassRates dead = lostOnRoute(p, rep);
        const bool cut = f.cut(l);
        const ClassRates arriving = cut ? f.arrivals(p, l, users) : ClassRates{};
        for (int k : {kRead, kWrite}) {
            if (dead[size_t(k)] <= 0)
                continue;
            const double nominal = p.perUser(rep)[size_t(k)] * users;
            const double share = cut && nominal > 0
                                     ? arriving[size_t(k)] * f.served[l] / nominal
                                     : 1.0; // the share of the nominal flow still arriving
            lost += dead[size_t(k)] * lump.size * users * share;
        }
    }
    // (Lost and offered are sums of the same flows split differently, a balancer's 1/n shares: a
    // design whose every route dead-ends read a goodput of ~10⁻¹⁴ of its demand at some counts
    // and an error rate just under 1.)
    return servedOrNone(demand - lost, demand);
}

namespace {

// tierAvailability's expectation over x ~ Binomial(n, unit) instances up of the share
// min(1, capacity(x) / (arrivals − (n − x)·perInstanceRps)) they serve (perInstanceRps: what each
// instance does for itself, a replica's applied writes; 0 for others); `w` keeps the weights.
double servedShareUp(const Prepared &p, size_t i, const Station &s, double arrivalRps, double unit,
                     double threadRate, double perInstanceRps, TierWeights &w)
{
    const int n = int(std::max(1.0, std::round(s.instances)));
    if (w.n != n) {
        w.n = n;
        w.full = capacityAt(p, int(i), n);
        w.lnN = logFactorial(n);
        w.lnA = std::log(unit);
        w.lnB = std::log1p(-unit);
        w.weights.clear();
        w.onesSum = -1;
    }
    // The weights of x instances up, computed once per n.
    const auto weightsOf = [&](int x) {
        const size_t at = size_t(n - x);
        if (at == w.weights.size())
            w.weights.push_back({binomialMass(n, x, unit, w.lnN, w.lnA, w.lnB),
                                 w.full > 0 ? capacityAt(p, int(i), x) / w.full : 0});
        return at;
    };
    // The walk over x = n, n − 1, … instances up, adding mass × share(x) until the masses left
    // are negligible.
    const auto walk = [&](const auto &share) {
        double sum = 0;
        for (int x = n; x >= 1; --x) {
            const size_t at = weightsOf(x);
            const double mass = w.weights[at].mass;
            sum += mass * share(at);
            if (mass < 1e-18 * sum && x < n * unit)
                break;
        }
        return sum;
    };
    if (w.onesSum < 0) {
        double least = kInf;
        size_t last = 0;
        w.onesSum = walk([&](size_t at) {
            least = std::min(least, w.weights[at].capacityShare);
            last = at;
            return 1.0;
        });
        w.onesMinShare = least;
        w.onesFewest = n - int(last);
    }
    // x instances up serve what their cores serve and their threads hold (an app server's:
    // `threadRate` each, infinite for the others).
    const auto capacity = [&](size_t at) {
        return std::min(s.capacity * w.weights[at].capacityShare, double(n - int(at)) * threadRate);
    };
    // Where the fewest instances the walk visits carry all the arrivals, every term is its mass:
    // the walk's sum is the one worked out above (the same figures, in the same order; most
    // lumps, most hours).
    w.holdsBelow = !(arrivalRps > 0) ||
                   std::min(s.capacity * w.onesMinShare, w.onesFewest * threadRate) >= arrivalRps;
    if (w.holdsBelow)
        return w.onesSum;
    // (What each instance does for itself — a replica applies every write on each — is not
    // taken over by the others: with x up the tier is asked the rest and x instances' own.)
    return walk([&](size_t at) {
        return std::min(1.0, capacity(at) / (arrivalRps - double(at) * perInstanceRps));
    });
}

// A read replica's applied writes per instance of its `n`, `writeRps` of them arriving (every
// write it receives is its primary's, applied on each instance: those that arrive, the
// primary's cut included); 0 for any other kind, whose instances take over each other's
// requests.
double perInstanceWork(const Prepared &p, size_t i, double writeRps, double n)
{
    return p.design.components[i].kind == Kind::ReadReplica && n > 0 ? writeRps / n : 0;
}

} // namespace

double tierAvailability(const Prepared &p, size_t i, const Station &s, double arrivalRps,
                        double writeRps, double admitted, double served, double threadRate,
                        TierWeights *weights)
{
    if (!weights) { // (a TierWeights made only here: zeroing one per lump and hour shows)
        TierWeights local;
        return tierAvailability(p, i, s, arrivalRps, writeRps, admitted, served, threadRate,
                                &local);
    }
    const Component &c = p.design.components[i];
    TierWeights &w = *weights;
    auto sla = [&p](Prepared::Sla key) { return p.sla[key]; };
    // With everything up: the share of the arrivals its pools let in and its capacity serves.
    const double capacityShare = served;
    arrivalRps *= admitted;
    w.holdsBelow = true; // but for a tier of instances (servedShareUp)
    switch (c.kind) {
    case Kind::Clients:
        return 1;
    case Kind::Dns:
        return sla(Prepared::Route53) * capacityShare;
    case Kind::Cdn:
        return sla(Prepared::CloudFront) * capacityShare;
    case Kind::ObjectStorage:
        return sla(Prepared::S3) * capacityShare;
    case Kind::Queue:
        return sla(Prepared::Sqs) * capacityShare;
    case Kind::Cache: // routes count its outage as degraded (misses go on), not as failed
        return sla(s.instances >= 2 ? Prepared::CacheMultiAz : Prepared::CacheSingle) *
               capacityShare;
    case Kind::Database:
        return sla(p.prep[i].multiAz ? Prepared::RdsMultiAz : Prepared::RdsSingleAz) *
               capacityShare;
    case Kind::LoadBalancer:
        if (p.prep[i].managed)
            return sla(Prepared::Alb) * capacityShare;
        break;
    default:
        break;
    }
    // A tier of n instances, each up with probability a: with x of them up it serves
    // min(1, capacity(x) / asked(x)) of its requests, asked(x) its arrivals less what the
    // instances down would do for themselves (a replica's applied writes); the expectation over
    // x ~ Binomial(n, a).
    const double unit =
        sla(c.kind == Kind::ReadReplica ? Prepared::RdsSingleAz : Prepared::Ec2Instance);
    const double own =
        perInstanceWork(p, i, writeRps * admitted, std::max(1.0, std::round(s.instances)));
    return admitted * std::min(1.0, servedShareUp(p, i, s, arrivalRps, unit, threadRate, own, w));
}

void keepUncut(const Prepared &p, double users, Flow &f,
               std::shared_ptr<const Prepared::UncutStations> &into)
{
    if (!f.nothingCut || !f.admitted.empty() || f.st.size() != p.lumps.size())
        return;
    auto kept = std::make_shared<Prepared::UncutStations>();
    kept->users = users;
    kept->st = std::move(f.st);
    std::lock_guard lock(p.uncutMutex);
    into = std::move(kept);
}

double threadRateOf(const Prepared &p, size_t l)
{
    if (!(p.holdClasses[l] & Prepared::kPoolMark))
        return kInf;
    std::call_once(p.threadRatesOnce, [&p] {
        // The hold times at one user: each request's own service and the unloaded time below.
        Flow f;
        f.asBefore = p.uncutOneBefore.get();
        limitedFlowAt(p, 1, f);
        p.threadRates.assign(p.lumps.size(), kInf);
        for (int li : p.poolLumps) {
            const size_t k = size_t(li);
            const ClassRates &in = p.perUser(size_t(p.lumps[k].rep));
            double sum = 0, heldMs = 0;
            for (int c = 0; c < kClassCount; ++c)
                if (in[size_t(c)] > 0) {
                    sum += in[size_t(c)];
                    heldMs += in[size_t(c)] * f.held[k][size_t(c)];
                }
            if (sum > 0 && heldMs > 0 && std::isfinite(heldMs))
                p.threadRates[k] =
                    p.prep[size_t(p.lumps[k].rep)].connectionsPerInstance * 1000.0 * sum / heldMs;
        }
        keepUncut(p, 1, f, p.uncutOne);
        p.threadRatesKnown.store(true, std::memory_order_release);
    });
    return p.threadRates[l];
}

namespace {

// The share of what reaches a failover pool's targets that they serve together: the expectation
// over X ~ Binomial(N, a) of the N instances up of min(1, X·c / λ(X)), λ(X) their arrivals less
// the (N − X)·w writes the instances down would apply (replicas; w = 0 for others), and c the
// least capacity per instance among them at full strength (whichever instances are up, the split
// by instances left gives each at most that share of its capacity to fill: never more than they
// serve). −1 where a target's pool refuses some: then each serves its own share.
template <class StationOf>
double poolAvailability(const Prepared &p, const Prepared::FailoverPool &pool, const Flow &f,
                        double users, const StationOf &stationOf)
{
    std::int64_t n = 0; // (20,000 tiers of 100,000 instances are 2·10⁹)
    double arrivals = 0, perInstance = kInf, own = 0;
    for (std::uint32_t t = pool.first; t < pool.last; ++t) {
        const auto [l, members] = p.failoverTargets[t];
        if (!f.admitted.empty() && f.admitted[size_t(l)] < 1)
            return -1;
        const Station &s = stationOf(size_t(l));
        const std::int64_t x = std::int64_t(std::max(1.0, std::round(s.instances)));
        n += members * x;
        const ClassRates in = f.arrivals(p, size_t(l), users);
        arrivals += members * totalOf(in);
        // What each instance does for itself (a replica's applied writes): not taken over.
        own +=
            members * x * perInstanceWork(p, size_t(p.lumps[size_t(l)].rep), in[kWrite], double(x));
        perInstance = std::min({perInstance, s.capacity / x, threadRateOf(p, size_t(l))});
    }
    const double ownEach = n > 0 ? own / double(n) : 0;
    const double a = p.sla[pool.unit];
    const double lnN = logFactorial(n), lnA = std::log(a), lnB = std::log1p(-a);
    double sum = 0;
    for (std::int64_t x = walkTop(n, a); x >= 1; --x) {
        const double mass = binomialMass(n, x, a, lnN, lnA, lnB);
        const double asked = arrivals - double(n - x) * ownEach;
        sum += mass * (arrivals > 0 ? std::min(1.0, double(x) * perInstance / asked) : 1.0);
        if (mass < 1e-18 * sum && double(x) < double(n) * a)
            break;
    }
    return sum;
}

// Lump l's tierAvailability with station `s`, the rest from flow f (its weights in `weights`).
double lumpAvailability(const Prepared &p, const Flow &f, double users, size_t l, const Station &s,
                        std::vector<TierWeights> *weights)
{
    const ClassRates in = f.arrivals(p, l, users);
    return tierAvailability(p, size_t(p.lumps[l].rep), s, totalOf(in), in[kWrite],
                            f.admitted.empty() ? 1.0 : f.admitted[l], f.served[l],
                            threadRateOf(p, l), weights ? &(*weights)[l] : nullptr);
}

} // namespace

std::vector<double> tierAvailabilities(const Prepared &p, const Flow &f, double users,
                                       std::vector<TierWeights> *weights)
{
    std::vector<double> a(p.lumps.size(), 1);
    a.reserve(p.lumps.size() + p.failoverPools.size());
    if (weights)
        weights->resize(p.lumps.size());
    inTwo(p.lumps.size(), [&](size_t first, size_t last) {
        for (size_t l = first; l < last; ++l)
            a[l] = lumpAvailability(p, f, users, l, f.st[l], weights);
    });
    for (const Prepared::FailoverPool &pool : p.failoverPools)
        a.push_back(poolAvailability(p, pool, f, users,
                                     [&f](size_t l) -> const Station & { return f.st[l]; }));
    return a;
}

namespace {

// Of lump l's failover pools, the one of class k that target lump `target` serves in; −1 if
// none.
int poolOf(const Prepared &p, std::span<const Prepared::FailoverPool> pools, int k, int target)
{
    for (size_t j = 0; j < pools.size(); ++j) {
        if (pools[j].cls != k)
            continue;
        for (std::uint32_t t = pools[j].first; t < pools[j].last; ++t)
            if (p.failoverTargets[t].lump == target)
                return int(j);
    }
    return -1;
}

// The share of lump l's requests of class k whose route on from l is up and served: absorbed
// there, or gone on to a target whose route is (weighted across branches). A failover pool's
// targets serve together: its branches are up as much as the pool serves (`own` after the lumps:
// poolAvailability, −1 when it does not apply), or each as much as it serves alone where that is
// more.
double routeOnShare(const Prepared &p, const RouteUpMemo &m, const std::vector<double> &own,
                    size_t l, int k)
{
    double share = p.routing.absorbed[size_t(p.lumps[l].rep)][size_t(k)];
    const std::span<const Prepared::FailoverPool> pools = p.failoverPoolsOf(l);
    if (pools.empty()) {
        for (const Out &o : p.outsOf(l, k))
            share += o.fraction * m.ok[size_t(o.target)][size_t(o.cls)];
        return share;
    }
    constexpr size_t kMost = 5 * kClassCount; // the pool kinds (failure.cpp poolKind) per class
    std::array<double, kMost> alone{}, together{};
    for (const Out &o : p.outsOf(l, k)) {
        const int j = poolOf(p, pools, k, o.target);
        if (j < 0) {
            share += o.fraction * m.ok[size_t(o.target)][size_t(o.cls)];
            continue;
        }
        alone[size_t(j)] += o.fraction * m.ok[size_t(o.target)][size_t(o.cls)];
        together[size_t(j)] += o.fraction * m.on[size_t(o.target)][size_t(o.cls)];
    }
    for (size_t j = 0; j < pools.size(); ++j) {
        if (pools[j].cls != k)
            continue;
        const double a = own[p.poolShareAt(pools[j])];
        share += a < 0 ? alone[j] : std::max(alone[j], a * together[j]);
    }
    return share;
}

} // namespace

double availabilityAt(const Prepared &p, const Flow &f, double users, double &demand,
                      std::vector<ClassRates> *routeShares, std::vector<TierWeights> *weights,
                      RouteUpMemo *memo, const std::vector<double> *tier)
{
    // From the sinks back: the share of each class's requests at a lump whose route is up and
    // served (series along a route, weighted across branches), then weighted by what the
    // clients send. A request shed upstream never reaches the stations below.
    RouteUpMemo local;
    RouteUpMemo &m = memo ? *memo : local;
    std::vector<double> own = tier ? *tier : tierAvailabilities(p, f, users, weights);
    // A cache outage degrades (misses go on to the data tier) rather than fails.
    for (size_t l = 0; l < p.lumps.size(); ++l)
        if (p.prep[size_t(p.lumps[l].rep)].kind == Kind::Cache)
            own[l] = f.served[l];
    // The shares depend on nothing else: an hour whose lumps (and failover pools) are up as much
    // as the hour before (most hours of most designs) has its shares.
    if (own != m.own) {
        m.ok.resize(p.lumps.size());
        m.on.resize(p.lumps.size());
        for (auto it = p.lumpOrder.rbegin(); it != p.lumpOrder.rend(); ++it) {
            const size_t l = size_t(*it);
            for (int k = 0; k < kClassCount; ++k) {
                const double share = routeOnShare(p, m, own, l, k);
                m.on[l][size_t(k)] = share;
                m.ok[l][size_t(k)] = own[l] * share;
            }
        }
        m.own = std::move(own);
    }
    const std::vector<ClassRates> &ok = m.ok;
    if (routeShares)
        *routeShares = ok;
    // At no users the routes are weighed by what a user would send: the limit as the users go
    // to 0 (no request to fail is not 100% up).
    const double weigh = users > 0 ? users : 1;
    double served = 0, weighed = 0;
    demand = 0;
    for (int cl : p.clientLumps) {
        const size_t l = size_t(cl), rep = size_t(p.lumps[l].rep);
        for (int k : {kStatic, kRead, kWrite}) {
            const double offered = p.perUser(rep)[size_t(k)] * p.lumps[l].size * weigh;
            served += offered * ok[l][size_t(k)];
            weighed += offered;
            demand += users > 0 ? offered : 0;
        }
    }
    return weighed > 0 ? served / weighed : 1;
}

namespace {

// The hours of a day whose peak cuts nothing (no station sheds, nothing arrives short, no pool
// is short). A quieter hour cuts nothing at a station of fixed size either (its ρ only falls
// with the load), and its stations differ from the peak's only in the auto-scaled tiers'
// instances; what the day reads of a station (tierAvailability: its instances and capacity)
// does not depend on the load. Such an hour works out only its auto-scaled tiers, and where one
// of them would cut, the whole flow after all: the same figures as the whole flow, in the same
// order.
class QuietHours
{
public:
    // `peakTier` and `weights`: the peak's tierAvailabilities and their weights, when given.
    QuietHours(const Prepared &p, const Flow &peak, const std::vector<double> *peakTier,
               const std::vector<TierWeights> &weights)
        : m_p(p)
        , m_peak(peak)
    {
        m_quiet = peak.admitted.empty() && peak.shedDynamic == 0;
        for (size_t l = 0; l < p.lumps.size() && m_quiet; ++l)
            m_quiet = !peak.cut(l);
        if (!m_quiet)
            return;
        m_scaled.assign(p.lumps.size(), -1);
        m_held.assign(p.lumps.size(), 1);
        const bool peakKnown = peakTier && weights.size() == p.lumps.size();
        for (size_t l = 0; l < p.lumps.size(); ++l) {
            if (p.prep[size_t(p.lumps[l].rep)].autoscaled) {
                m_scaled[l] = int(m_stations.size());
                m_stations.emplace_back();
            } else if (peakKnown && weights[l].holdsBelow) {
                // The same station, fewer arrivals, nothing cut: the peak's figure, when it did
                // not read the arrivals (kept now: the hours' calls overwrite the flags).
                m_held[l] = (*peakTier)[l];
                continue;
            }
            m_open.push_back(l);
        }
    }

    // Whether the hour at `users` (below the peak's) cuts nothing: then its auto-scaled tiers'
    // stations are worked out, for tiers().
    bool quietAt(double users)
    {
        if (!m_quiet)
            return false;
        for (size_t l = 0; l < m_scaled.size(); ++l) {
            if (m_scaled[l] < 0)
                continue;
            Station &s = m_stations[size_t(m_scaled[l])];
            preparedStation(m_p, l, users, false, s);
            if (sheds(s)) // a whole flow
                return false;
        }
        return true;
    }

    // tierAvailabilities of that hour's flow: the peak's, but for the auto-scaled tiers'
    // stations (nothing arrives short and everything is served, as at the peak). The held
    // lumps' figures are copied whole and only the others worked out, in order (most lumps of
    // a big design are held: a pass over every lump an hour was most of the day's own time).
    std::vector<double> tiers(double users, std::vector<TierWeights> &weights) const
    {
        const auto stationOf = [this](size_t l) -> const Station & {
            return m_scaled[l] < 0 ? m_peak.st[l] : m_stations[size_t(m_scaled[l])];
        };
        std::vector<double> a;
        a.reserve(m_p.lumps.size() + m_p.failoverPools.size());
        a.assign(m_held.begin(), m_held.end());
        weights.resize(m_p.lumps.size());
        for (size_t l : m_open)
            a[l] = lumpAvailability(m_p, m_peak, users, l, stationOf(l), &weights);
        for (const Prepared::FailoverPool &pool : m_p.failoverPools)
            a.push_back(poolAvailability(m_p, pool, m_peak, users, stationOf));
        return a;
    }

private:
    const Prepared &m_p;
    const Flow &m_peak;
    bool m_quiet = false;
    std::vector<double> m_held;      // per lump: the peak's tier availability, where it holds in
                                     // every quieter hour (1 elsewhere: worked out each hour)
    std::vector<size_t> m_open;      // the lumps worked out each hour, in order
    std::vector<int> m_scaled;       // per lump: its index in m_stations, −1 if not auto-scaled
    std::vector<Station> m_stations; // the auto-scaled tiers' at the hour
};

} // namespace

DayFigures dayFigures(const Prepared &p, double users, const Flow &peak, EvaluationTrace *trace,
                      std::vector<TierWeights> *weights, const std::vector<double> *peakTier)
{
    // Each hour of the day profile at its own load: what it sheds and what is down, weighted by
    // the requests of that hour. Hours of the same load (Prepared::sameHourAs) are evaluated
    // once.
    struct Hour {
        double goodput = 0, demand = 0, up = 0, asked = 0;
        double share = 1; // of its requests that find their route up (availabilityAt)
    };
    // No clients: nothing serves the users' requests (goodputOf), at any load.
    if (!p.hasClients && p.base[kRead] + p.base[kWrite] > 0)
        return {0, 0};
    std::array<Hour, 24> hours{};
    Flow hour;
    std::vector<TierWeights> local; // per lump, for the instance counts the hours share
    if (!weights)
        weights = &local;
    RouteUpMemo routeUp; // the last hour's route shares, for the next hour's
    QuietHours quiet(p, peak, peakTier, *weights);
    double served = 0, offered = 0, up = 0, asked = 0;
    for (size_t at = 0; at < hours.size(); ++at) {
        const double shape = p.dayShape[at];
        const Hour &same = hours[size_t(p.sameHourAs[at])];
        if (p.sameHourAs[at] == int(at)) {
            const Flow *f = &peak;
            const std::vector<double> *tier = shape == 1 ? peakTier : nullptr;
            std::vector<double> quietTier;
            if (shape < 1 && quiet.quietAt(users * shape)) {
                // Nothing cut: the goodput reads no station, the cut-free flows are the peak's.
                quietTier = quiet.tiers(users * shape, *weights);
                tier = &quietTier;
            } else if (shape != 1) {
                // Pools short at the peak may be short in other hours too (they need the
                // queueing figures); pools that suffice at the peak suffice when it is quieter.
                if (peak.admitted.empty())
                    flowAt(p, users * shape, false, hour);
                else
                    limitedFlowAt(p, users * shape, hour);
                f = &hour;
            }
            Hour &h = hours[at];
            h.goodput = goodputOf(p, *f, users * shape, h.demand);
            const bool keep = trace && shape == 1;
            h.share = availabilityAt(p, *f, users * shape, h.asked,
                                     keep ? &trace->routeShares : nullptr, weights, &routeUp, tier);
            h.up = h.share * h.asked;
        }
        if (trace)
            trace->hours.push_back(
                {shape, same.asked, same.asked > 0 ? same.up / same.asked : same.share});
        served += same.goodput;
        offered += same.demand;
        up += same.up;
        asked += same.asked;
    }
    if (asked > 0)
        return {offered > 0 ? served / offered : 1, up / asked};
    // No users: each hour weighs as its share of the day's requests would (the limit as the
    // users go to 0).
    double shares = 0, day = 0;
    for (size_t at = 0; at < hours.size(); ++at) {
        shares += p.dayShape[at] * hours[size_t(p.sameHourAs[at])].share;
        day += p.dayShape[at];
    }
    return {offered > 0 ? served / offered : 1, day > 0 ? shares / day : 1};
}

void edgeRates(const Prepared &p, const Flow &f, double users, Evaluation &ev)
{
    const auto &edgeFlow = p.routing.edgeFlow;
    ev.edgeRps.assign(edgeFlow.size(), 0);
    bool cut = false;
    for (size_t l = 0; l < p.lumps.size() && !cut; ++l)
        cut = f.cut(l);
    if (!cut) { // everything offered is carried
        for (size_t e = 0; e < edgeFlow.size(); ++e)
            ev.edgeRps[e] = edgeFlow[e] * users;
        return;
    }
    for (size_t i = 0; i < p.design.components.size(); ++i) {
        const size_t l = size_t((*p.lumpOf)[i]);
        ClassRates served = f.arrivals(p, l, users);
        for (double &v : served)
            v *= f.served[l];
        for (int k = 0; k < kClassCount; ++k)
            for (const Out &o : p.routing.outsOf(i, k))
                if (o.edge >= 0)
                    ev.edgeRps[size_t(o.edge)] += served[size_t(k)] * o.fraction;
        const double jobs = served[kWrite] * p.routing.jobsPerWrite[i];
        for (const Out &o : p.routing.jobOutsOf(i))
            if (o.edge >= 0)
                ev.edgeRps[size_t(o.edge)] += jobs * o.fraction;
    }
}

} // namespace sc::detail
