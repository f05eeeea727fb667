// The façade: a Model prepares a design once per edit (one step per concern, each in its own
// file over detail::Prepared) and evaluates it at a user count.

#include "core/analysis/model.h"

#include "core/analysis/fluid.h"
#include "core/analysis/prepared.h"
#include "core/model/zero.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <functional>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <mutex>
#include <optional>
#include <thread>

namespace sc {

using namespace detail;

std::optional<double> parseUserCount(std::string_view text)
{
    std::string s(text);
    if (s.empty() || s.size() > 40)
        return std::nullopt;
    double mult = 1;
    switch (s.back()) {
    case 'k':
    case 'K':
        mult = 1e3;
        break;
    case 'm':
    case 'M':
        mult = 1e6;
        break;
    case 'b':
    case 'B':
    case 'g':
    case 'G':
        mult = 1e9;
        break;
    default:
        break;
    }
    if (mult != 1)
        s.pop_back();
    const auto digit = [&s](size_t i) {
        return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
    };
    for (size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        // An underscore groups digits: one, between two digits ("1_000_000"; not "_1", "1_",
        // "1__0").
        if (ch == '_' && !(i > 0 && digit(i - 1) && digit(i + 1)))
            return std::nullopt;
        // A suffix follows a plain number ("2.5k"), not one with an exponent ("1e6k").
        if ((ch == 'e' || ch == 'E') && mult != 1)
            return std::nullopt;
        if (!(digit(i) || ch == '.' || ch == 'e' || ch == 'E' || ch == '+' || ch == '-' ||
              ch == '_'))
            return std::nullopt;
    }
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    char *end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    // Out of a double's range either way: 1e400, and 1e-400 or 1e-320 (below the normal
    // doubles, where users × a rate rounds to 0), refused as the file reader refuses 1e-400.
    if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v) || v < 0)
        return std::nullopt;
    const double users = v * mult;
    if (!std::isfinite(users) || users > 1e10)
        return std::nullopt;
    return unsignedZero(users); // "-0" is 0
}

namespace detail {
namespace {

// A thread kept for the rest of the process for the parts of a big design's rebuild and
// evaluation that nothing beside them reads: starting one per evaluation cost ~80 µs here, and its
// stack and heap, handed back to the system when it ended, were faulted in again by the next (~35
// page faults, slowing the evaluation after it). One rebuild or evaluation at a time has it;
// another one meanwhile does that work on its own thread.
class SideThread
{
public:
    static SideThread &instance()
    {
        static SideThread side;
        return side;
    }

    // Runs `task` there and returns true, or returns false when the thread is taken or cannot
    // be started (the caller then runs it itself). A true start must be followed by finish().
    bool start(std::function<void()> task)
    {
        if (t_holding) // an evaluation inside one on this thread: never wait for itself
            return false;
        std::unique_lock claim(m_claim, std::try_to_lock);
        if (!claim.owns_lock())
            return false;
        std::unique_lock lock(m_mutex);
        if (!m_thread.joinable()) {
            try {
                m_thread = std::thread([this] { loop(); });
            } catch (const std::system_error &) {
                return false;
            }
        }
        m_task = std::move(task);
        m_done.store(false, std::memory_order_relaxed);
        claim.release(); // held until finish()
        t_holding = true;
        m_wake.notify_one();
        return true;
    }
    // Waits until the task given to start() has run: spinning up to ~0.2 ms, as waking this
    // thread once the task was done took ~50 µs here (a tenth of an evaluation at 1,000
    // components, whose side thread is done a little after this one), then sleeping.
    void finish()
    {
        for (int spins = 0; !m_done.load(std::memory_order_acquire) && spins < 10000; ++spins)
            spinPause();
        if (!m_done.load(std::memory_order_acquire)) {
            std::unique_lock lock(m_mutex);
            m_finished.wait(lock, [this] { return m_done.load(std::memory_order_relaxed); });
        }
        t_holding = false;
        m_claim.unlock();
    }

    SideThread(const SideThread &) = delete;
    SideThread &operator=(const SideThread &) = delete;
    ~SideThread()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    SideThread() = default;
    void loop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_stop || m_task; });
            if (m_stop)
                return;
            std::function<void()> task = std::move(m_task);
            m_task = nullptr;
            lock.unlock();
            task(); // catches what it throws (OnTheSide, Aside)
            // Its captures go before the caller is told it is done: finish() may return as soon
            // as m_done is set, not only once this thread lets go of the lock.
            task = nullptr;
            lock.lock();
            m_done.store(true, std::memory_order_release);
            m_finished.notify_one();
        }
    }

    static thread_local bool t_holding; // this thread is between start() and finish()
    std::mutex m_claim;                 // held from start() to finish()
    std::mutex m_mutex;
    std::condition_variable m_wake, m_finished;
    std::function<void()> m_task;
    std::atomic<bool> m_done{false}; // the task given to start() has run
    bool m_stop = false;
    std::thread m_thread;
};

thread_local bool SideThread::t_holding = false;

} // namespace

namespace {

// Parts of a rebuild (or an evaluation: inTwo) worked out in turn on the side thread beside the
// rest of it, for a big design (a small one's here, where the hand-over would cost more than it
// saves): the first at once, each next one when the caller has built what it reads (release()).
// None may read what the caller writes meanwhile, nor write what it reads before waitFor() says the
// part is done. What they throw is thrown by waitFor() or finish().
class Aside
{
public:
    Aside(bool worth, std::vector<std::function<void()>> parts)
        : m_parts(std::move(parts))
    {
        m_onSide = worth && Model::threadLimit() >= 2 && SideThread::instance().start([this] {
            try {
                for (int k = 0; k < int(m_parts.size()); ++k) {
                    if (k > 0 && !waitForRelease(k))
                        break;
                    m_parts[size_t(k)]();
                    m_done.store(k + 1, std::memory_order_release);
                    m_done.notify_one();
                }
            } catch (...) {
                m_failed = std::current_exception();
                m_threw.store(true, std::memory_order_release);
            }
            m_done.store(int(m_parts.size()), std::memory_order_release);
            m_done.notify_one();
        });
        if (!m_onSide && !m_parts.empty())
            m_parts.front()();
    }
    Aside(const Aside &) = delete;
    Aside &operator=(const Aside &) = delete;
    ~Aside()
    {
        if (m_onSide) { // left by a throw: the side thread must be done with this rebuild
            stop();
            SideThread::instance().finish();
        }
    }

    // What part k reads is built: the side thread may work it out (here it is, at once).
    void release(int k)
    {
        if (!m_onSide) {
            m_parts[size_t(k)]();
            return;
        }
        m_released.store(k, std::memory_order_release);
        m_released.notify_one();
    }
    // The parts not released yet are not to be worked out.
    void stop()
    {
        m_released.fetch_or(kStopped, std::memory_order_release);
        m_released.notify_one();
    }
    // Waits until parts 0 … k have been worked out; throws what one of them threw.
    void waitFor(int k)
    {
        if (!m_onSide)
            return;
        for (int spins = 0; m_done.load(std::memory_order_acquire) <= k && spins < 10000; ++spins)
            spinPause();
        for (int seen = m_done.load(std::memory_order_acquire); seen <= k;
             seen = m_done.load(std::memory_order_acquire))
            m_done.wait(seen, std::memory_order_acquire);
        if (m_threw.load(std::memory_order_acquire))
            finish();
    }
    // Waits until every part released has been worked out.
    void finish()
    {
        if (!m_onSide)
            return;
        SideThread::instance().finish();
        m_onSide = false;
        if (m_failed)
            std::rethrow_exception(m_failed);
    }

private:
    static constexpr int kStopped = 1 << 30; // or-ed into m_released
    // The side thread, part k − 1 done, waits for release(k): spinning up to ~0.2 ms (× ~19 ns
    // a pause) before it sleeps, as waking a sleeping thread took ~25 µs here, a good part of
    // what a part saves; spinning up to the ~1 ms a big design's lumps can take slowed the
    // thread lumping them (docs/performance.md, round 36). False when stopped.
    bool waitForRelease(int k)
    {
        auto waiting = [k](int seen) { return !(seen & kStopped) && seen < k; };
        int seen = m_released.load(std::memory_order_acquire);
        for (int spins = 0; waiting(seen) && spins < 10000; ++spins) {
            spinPause();
            seen = m_released.load(std::memory_order_acquire);
        }
        for (; waiting(seen); seen = m_released.load(std::memory_order_acquire))
            m_released.wait(seen, std::memory_order_acquire);
        return (seen & ~kStopped) >= k;
    }
    std::vector<std::function<void()>> m_parts;
    std::atomic<int> m_released{0}, m_done{0};
    std::atomic<bool> m_threw{false}; // m_failed is set
    std::exception_ptr m_failed;
    bool m_onSide = false;
};

} // namespace

void inTwo(size_t n, const std::function<void(size_t, size_t)> &body)
{
    if (n < kWorthASideTask || Model::threadLimit() < 2) {
        body(0, n);
        return;
    }
    const size_t half = n / 2;
    Aside aside(true, {[&] { body(half, n); }});
    body(0, half);
    aside.finish();
}

} // namespace detail

namespace {

// What a rebuild whose lumping found a problem had worked out from the routes and lumps: none of
// it, as for any design with errors.
void dropLumps(Prepared &p)
{
    p.latencyPlans.clear();
    p.spof.clear();
    p.cacheLoss.clear();
    p.cacheFailover.clear();
    p.adviceBefore.reset();
    p.adviceSame.clear();
    p.incomplete.clear();
    p.lumps.clear();
    p.lumpOf.reset();
    p.lumpOrder.clear();
    p.flowOrder.clear();
    p.lumpOuts.clear();
    p.outHopMs.clear();
    p.lossLumps.clear();
    p.poolLumps.clear();
    p.holdClasses.clear();
    p.holdSteps.clear();
    p.databaseLumps.clear();
    p.clientLumps.clear();
    p.tierWalls.clear();
    p.stationAsBefore.clear();
    p.uncutPeakBefore.reset();
    p.uncutOneBefore.reset();
}

// After an edit whose lumping was carried over (the same lumps, in the same order), the uncut
// flows' stations the model before kept, and which lumps' stations are its: those of components
// whose station was not redone (stationsToRedo: the same parameters, instance type, requests
// and primary, so the same figures to the last bit; asserted in flowAt when the core's asserts
// are on).
void stationsAsBefore(Prepared &p, const Prepared &before, const std::vector<char> &redo)
{
    {
        std::lock_guard lock(before.uncutMutex);
        p.uncutPeakBefore = before.uncutPeak;
        p.uncutOneBefore = before.uncutOne;
    }
    if (!p.uncutPeakBefore && !p.uncutOneBefore)
        return;
    p.stationAsBefore.resize(p.lumps.size());
    for (size_t l = 0; l < p.lumps.size(); ++l)
        p.stationAsBefore[l] = !redo[size_t(p.lumps[l].rep)];
}

// Every step of a model rebuild, one concern per file.
void prepare(Prepared &p, const Prepared *before = nullptr)
{
    const size_t n = p.design.components.size();
    for (size_t k = 0; k < Prepared::kSlaKeys.size(); ++k)
        p.sla[k] = p.catalog.availabilityOf(Prepared::kSlaKeys[k]);
    p.outEdges.build(n, {});
    p.inEdges.build(n, {});
    Carry carry = before ? carryFrom(*before, p) : Carry{};
    p.base = detail::baseRates(p.design.traffic);
    // The same traffic, the same day (its shape is a search, ~0.1 M instructions).
    if (carry.before) {
        p.dayShape = before->dayShape;
        p.sameHourAs = before->sameHourAs;
        p.hoursByRate = before->hoursByRate;
    } else {
        p.dayShape = detail::dayShape(p.design.traffic);
        p.sameHourAs = detail::sameHourAs(p.dayShape);
        p.hoursByRate = detail::hoursByRate(p.dayShape, p.sameHourAs);
    }
    if (carry.before && !carryTopology(p, carry)) {
        p.errors.clear(); // a changed component's issue: every issue, in order, from scratch
        carry = {};
    }
    if (!carry.before)
        checkTopology(p);
    if (!p.errors.empty())
        return;
    prepareGeography(p);
    p.routing = route(p, -1);
    if (!p.hasClients && !p.design.components.empty())
        p.incomplete.push_back({"design.components", kNoClientsMessage});
    reportDeadEnds(p, p.routing, p.incomplete);
    std::vector<char> redo;
    if (carry.before)
        redo = stationsToRedo(p, carry);
    const Carry *carried = carry.before ? &carry : nullptr;
    // The single points of failure, the caches' failover and the advice carried read only the
    // routes, the bill's terms the stations too, the latency walks the lumps: the side thread
    // works them out in turn while this one works out the stations, lumps and limits. Worth it
    // for a big design, and for an edit of a design of many lumps (their bill's terms and
    // latency walks are most of those parts). Alternated edits of distinct components, fastest
    // (median): 997, 1.17 → 1.04 ms (1.24 → 1.08); 797, 0.84 → 0.77 (0.88 → 0.82); 597 about
    // the same. Of 997 alike ones (a few lumps, lumped afresh at each edit, the parts ~20 µs) it
    // was slower, 0.87 → 1.00 ms.
    const bool manyLumps = carry.before && before->lumps.size() >= kWorthALumpsAside;
    Aside aside(n >= kWorthASideTask || manyLumps,
                {[&] {
                     findSpofs(p);
                     prepareCacheLoss(p);
                     if (carry.before)
                         carryAdvice(p, *before, carry.changed);
                 },
                 [&] { prepareCosts(p, carried, &redo); }, [&p] { planLatency(p); }});
    // After an edit, each station and its own bill's terms are carried over unless the edit
    // changed the component, the requests sent it or from where, or its primary.
    prepareStations(p, carried, &redo);
    aside.release(1);
    lumpInterchangeable(p, carried, &redo);
    if (carry.before && p.lumpingCarried)
        stationsAsBefore(p, *before, redo);
    if (p.errors.empty())
        aside.release(2);
    else
        aside.stop();
    findLimits(p);
    if (!p.errors.empty()) { // lumping found a problem: no lumps, as for any design with errors
        aside.finish();
        dropLumps(p);
        return;
    }
    aside.waitFor(1); // the bill's terms
    splitBill(p);
    prepareFailover(p);
    aside.finish();
}

} // namespace

namespace detail {
namespace {

// Two parts of an evaluation nothing else in it reads: the day's figures (dayFigures: they need
// only the peak's flow, tier availabilities and TierWeights) and the bill's lines in words
// (costItemsOf). A big design's are worked out on the side thread beside the rest of its
// evaluation, from a copy of the weights; a small one's on this thread when asked for, where
// handing them over would cost more than it saves. A model's first evaluation (an edit's) too:
// it was kept on this thread, whose cache holds the data just built, but the side thread now
// makes it faster from 300 to 10,000 distinct components (2–10%; docs/performance.md, round
// 35). Then the spare parts (takeSpares), each taken by whichever thread is free first.
// The same figures either way.
class OnTheSide
{
public:
    // `spares`: parts of the evaluation that read only the prepared model and the peak's
    // stations, and write nothing the rest of it reads.
    OnTheSide(const Prepared &p, double users, const Flow &peak, EvaluationTrace *trace,
              const std::vector<TierWeights> &weights, const std::vector<double> &peakTier,
              const Bill &bill, std::array<std::function<void()>, 2> spares)
        : m_p(p)
        , m_users(users)
        , m_peak(peak)
        , m_peakTier(peakTier)
        , m_trace(trace)
        , m_bill(bill)
        , m_spares(std::move(spares))
    {
        if (p.lumps.size() * p.hoursByRate.size() < kWorthAThread || Model::threadLimit() < 2)
            return;
        m_weights = weights;
        m_onSide = SideThread::instance().start([this] {
            try {
                m_items = costItemsOf(m_p, m_users, m_bill);
                m_day = dayFigures(m_p, m_users, m_peak, m_trace, &m_weights, &m_peakTier);
                takeSpares();
            } catch (...) {
                m_failed = std::current_exception();
            }
        });
    }
    OnTheSide(const OnTheSide &) = delete;
    OnTheSide &operator=(const OnTheSide &) = delete;
    ~OnTheSide()
    {
        if (m_onSide) // left by a throw: the side thread must be done with this one
            SideThread::instance().finish();
    }

    // Works out the spare parts the side thread has not taken.
    void takeSpares()
    {
        for (size_t i; (i = m_nextSpare.fetch_add(1, std::memory_order_relaxed)) < m_spares.size();)
            m_spares[i]();
    }
    // The day's figures and ev's cost items: the side thread's, or worked out now with `weights`
    // (the peak's, extended).
    DayFigures finish(std::vector<TierWeights> &weights, Evaluation &ev)
    {
        takeSpares();
        if (!m_onSide) {
            ev.costItems = costItemsOf(m_p, m_users, m_bill);
            return dayFigures(m_p, m_users, m_peak, m_trace, &weights, &m_peakTier);
        }
        SideThread::instance().finish();
        m_onSide = false;
        if (m_failed)
            std::rethrow_exception(m_failed);
        ev.costItems = std::move(m_items);
        return m_day;
    }

private:
    const Prepared &m_p;
    const double m_users;
    const Flow &m_peak;
    const std::vector<double> &m_peakTier; // unchanged until finish() returns
    EvaluationTrace *const m_trace;
    const Bill &m_bill; // unchanged until finish() returns
    std::vector<TierWeights> m_weights;
    DayFigures m_day;
    std::vector<CostItem> m_items;
    const std::array<std::function<void()>, 2> m_spares;
    std::atomic<size_t> m_nextSpare{0};
    std::exception_ptr m_failed;
    bool m_onSide = false;
};

} // namespace

Evaluation evaluateAt(const Prepared &p, double users, EvaluationTrace *trace, bool keepAdvice)
{
    Evaluation ev;
    ev.users = users;
    ev.demand = demandAt(p, users);
    if (!p.errors.empty())
        return ev;
    Flow local;
    Flow &flow = trace ? trace->flow : local;
    // After an edit, the stations it left as they were are the model before's (its last
    // evaluation's, at these users, when it cut nothing).
    flow.asBefore = p.uncutPeakBefore.get();
    {
        // The tier availabilities read the pools' thread rates, worked out once per model from a
        // flow at one user (threadRateOf): a big model's first evaluation works them out on the
        // side thread beside the peak's flow (std::call_once: whichever thread asks first).
        // Measured, alternated edits of distinct components (fastest): at 1,997 2.18 → 2.06 ms;
        // at 1,497 1.62 → 1.66 and at 997 1.01 → 1.16 (the side thread's flow, from another
        // core's cache, outlasts the peak's): from kWorthASideTask lumps. (Not again once
        // known: every later evaluation of the model would hand the side thread nothing to do.)
        std::optional<Aside> rates;
        if (p.lumps.size() >= kWorthASideTask && !p.poolLumps.empty() &&
            !p.threadRatesKnown.load(std::memory_order_acquire))
            rates.emplace(true, std::vector<std::function<void()>>{
                                    [&p] { (void)threadRateOf(p, size_t(p.poolLumps.front())); }});
        limitedFlowAt(p, users, flow);
        if (rates)
            rates->finish();
    }
    // Each component reads its lump's station (no copy per component).
    std::vector<const Station *> st(p.design.components.size());
    for (size_t i = 0; i < st.size(); ++i)
        st[i] = &flow.st[size_t((*p.lumpOf)[i])];
    std::vector<TierWeights> weights; // shared with the hours of the day (dayFigures)
    std::vector<double> tier = tierAvailabilities(p, flow, users, &weights);
    const Bill bill = billAt(p, users, trace ? &trace->costTerms : nullptr);
    OnTheSide side(p, users, flow, trace, weights, tier, bill,
                   {[&] { latencyAt(p, flow.st, ev, trace ? &trace->latencyWeights : nullptr); },
                    [&] { populationFigures(p, flow.st, ev); }});
    const RouteFigures routes = routeFigures(p, tier);
    componentFigures(p, st, users, routes, flow, ev);
    dataTierFigures(p, st, users, ev);
    double demand = 0;
    ev.goodputRps = goodputOf(p, flow, users, demand);
    ev.errorRatePeak = demand > 0 ? 1 - ev.goodputRps / demand : 0;
    edgeRates(p, flow, users, ev);
    std::vector<int> lossTarget;
    std::vector<double> lossRho;
    checkNPlusOne(p, st, users, ev, lossTarget, lossRho);
    ev.maxUsers = p.wall;
    ev.wallComponent = p.wallComponent;
    ev.scalingCeilingUsers = p.ceiling;
    ev.ceilingComponent = p.ceilingComponent;
    addBill(bill, users, ev);
    if (keepAdvice) {
        auto keep = std::make_shared<AdviceMemo>();
        advise(p, lossTarget, lossRho, ev, keep.get());
        std::lock_guard lock(p.adviceMutex);
        p.advice = std::move(keep);
    } else {
        advise(p, lossTarget, lossRho, ev);
    }
    const DayFigures daily = side.finish(weights, ev);
    for (PopulationResult &pop : ev.populations)
        pop.monthlyCostUsd = pop.share * ev.monthlyCostUsd;
    if (trace)
        trace->tier = std::move(tier);
    ev.servedFraction = daily.servedFraction;
    ev.availability = daily.availability;
    if (keepAdvice && !trace)
        keepUncut(p, users, flow, p.uncutPeak); // (nothing reads the flow after this)
    return ev;
}

} // namespace detail

Model::Model(const Design &design, const Catalog &catalog,
             std::vector<CdnVolumeShare> cdnVolumeShares)
    : m_p(std::make_unique<Prepared>(design, catalog))
{
    if (cdnVolumeShares.empty())
        cdnVolumeShares = detail::cdnVolumeSharesOf(design);
    if (!cdnVolumeShares.empty())
        m_p->cdnVolumeShares = std::move(cdnVolumeShares);
    prepare(*m_p);
}

Model::Model(const Design &design, const Catalog &catalog, const std::vector<std::string> &apart)
    : m_p(std::make_unique<Prepared>(design, catalog))
{
    m_p->apart.assign(design.components.size(), 0);
    for (const std::string &id : apart)
        if (const int i = design.indexOf(id); i >= 0)
            m_p->apart[size_t(i)] = 1;
    if (auto shares = detail::cdnVolumeSharesOf(design); !shares.empty())
        m_p->cdnVolumeShares = std::move(shares);
    prepare(*m_p);
}

Model::Model(const Design &design, const Catalog &catalog, const Failures &failures)
    : m_p(std::make_unique<Prepared>(design, catalog))
{
    if (auto shares = detail::cdnVolumeSharesOf(design); !shares.empty())
        m_p->cdnVolumeShares = std::move(shares);
    applyFailures(*m_p, failures);
    prepare(*m_p);
}

Model::Model(const Model &before, const Design &design, const Catalog &catalog)
    : m_p(std::make_unique<Prepared>(design, catalog))
{
    if (auto shares = detail::cdnVolumeSharesOf(design); !shares.empty())
        m_p->cdnVolumeShares = std::move(shares);
    prepare(*m_p, before.m_p.get());
}

Model::Model(std::unique_ptr<detail::Prepared> p)
    : m_p(std::move(p))
{
}

// The model of `design` (this one's with another user count) with this one's CDN shares and
// live failures (already applied to `design`'s instances; the components down carried over).
Model Model::rebuiltWith(const Design &design) const
{
    auto p = std::make_unique<Prepared>(design, m_p->catalog);
    p->cdnVolumeShares = m_p->cdnVolumeShares;
    p->down = m_p->down;
    p->apart = m_p->apart;
    // What the live failures left on the bill: failed instances of fixed tiers, and the
    // reservations of auto-scaled ones (review: a derived cache's evaluation at other users lost
    // them).
    p->failedBilled = m_p->failedBilled;
    p->unfailedMin = m_p->unfailedMin;
    prepare(*p);
    return Model(std::move(p));
}

namespace detail {

std::unique_ptr<Prepared> preparedAround(const Prepared &p, const std::vector<char> &down)
{
    auto around = std::make_unique<Prepared>(p.design, p.catalog);
    around->cdnVolumeShares = p.cdnVolumeShares;
    around->failedBilled = p.failedBilled;
    around->unfailedMin = p.unfailedMin;
    around->apart = p.apart;
    around->apart.resize(p.design.components.size(), 0);
    around->down = down;
    for (size_t i = 0; i < down.size(); ++i)
        if (down[i])
            around->apart[i] = 1;
    prepare(*around);
    return around;
}

} // namespace detail

Model::Model(Model &&) noexcept = default;
Model &Model::operator=(Model &&) noexcept = default;
Model::~Model() = default;

const std::vector<TierWall> &Model::tierWalls() const
{
    return m_p->tierWalls;
}

namespace {
std::atomic<unsigned> g_threadLimit{0};
} // namespace

void Model::setThreadLimit(unsigned threads)
{
    g_threadLimit = threads;
}

void Model::keepFreedMemory()
{
#ifdef __GLIBC__
    // Blocks up to 32 MiB (glibc's largest setting) come from the heap, not a mapping of their
    // own, and up to 256 MiB free at the heap's top stay there.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

unsigned Model::threadLimit()
{
    static const unsigned cores = std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
    const unsigned limit = g_threadLimit;
    return limit == 0 ? cores : std::min(cores, limit);
}

Evaluation Model::evaluate(double users) const
{
    const Prepared &p = *m_p;
    // A derived hit ratio with a TTL depends on the load: at another user count the routing
    // is solved again with the hit ratio there (docs/model.md "Cache hit ratio, derived").
    if (ok() && users != p.design.traffic.users && hitRatioFollowsUsers(p.design)) {
        Design at = p.design;
        at.traffic.users = users;
        Evaluation ev = rebuiltWith(at).evaluate(users);
        // The walls stay those of the design's users, as the sweep's and sloMaxUsers() (docs/
        // model.md: they moved with --users, and the latency wall came out above the wall; QA).
        ev.maxUsers = p.wall;
        ev.wallComponent = p.wallComponent;
        ev.scalingCeilingUsers = p.ceiling;
        ev.ceilingComponent = p.ceilingComponent;
        return ev;
    }
    return evaluateAt(p, users, nullptr, true);
}

Sweep Model::sweep(double fromUsers, double toUsers, int points) const
{
    return sweepPart(fromUsers, toUsers, points, 0, points);
}

std::optional<double> Model::sloMaxUsers(double p99Ms) const
{
    return sloWallOf(*m_p, p99Ms);
}

std::optional<double> Model::sloMaxUsers() const
{
    const Prepared &p = *m_p;
    std::call_once(p.sloWallOnce, [&p] { p.sloWall = sloWallOf(p, p.design.slo.p99Ms); });
    return p.sloWall;
}

Sweep Model::sweepPart(double fromUsers, double toUsers, int points, int first, int last) const
{
    Sweep s = sweepPartOf(*m_p, fromUsers, toUsers, points, first, last);
    if (!ok() || !hitRatioFollowsUsers(m_p->design))
        return s;
    // A derived hit ratio with a TTL follows the load: each point from the model solved at its
    // own user count, as evaluate() does (the walls stay those of the design's users).
    for (size_t k = 0; k < s.points.size(); ++k) {
        Design at = m_p->design;
        at.traffic.users = s.points[k].users;
        const int i = first + int(k);
        s.points[k] =
            sweepPartOf(*rebuiltWith(at).m_p, fromUsers, toUsers, points, i, i + 1).points.at(0);
    }
    return s;
}

const Issues &Model::errors() const
{
    return m_p->errors;
}
bool Model::hasClients() const
{
    return m_p->hasClients;
}

const Issues &Model::incomplete() const
{
    return m_p->incomplete;
}
Issues Model::validationIssues() const
{
    Issues all = m_p->errors;
    all.insert(all.end(), m_p->incomplete.begin(), m_p->incomplete.end());
    return all;
}
const Design &Model::design() const
{
    return m_p->design;
}
const Catalog &Model::catalog() const
{
    return m_p->catalog;
}
const ClassRates &Model::baseRates() const
{
    return m_p->base;
}

double Model::perUserArrival(int i, RequestClass c) const
{
    return m_p->routing.perUser[size_t(i)][size_t(c)];
}

double Model::perUserEdgeFlow(int i) const
{
    return m_p->routing.edgeFlow[size_t(i)];
}

const ClassRates &Model::perUserEdgeClassFlow(int i) const
{
    return m_p->routing.edgeClassFlow[size_t(i)];
}

double Model::speedup(int i, double cores) const
{
    const Component &c = m_p->design.components[size_t(i)];
    return uslSpeedup(cores, c.number("serialFraction"), c.number("coherency"));
}

double Model::capacityAt(int i, double instances) const
{
    return detail::capacityAt(*m_p, i, instances);
}
double Model::vcpuOf(int i) const
{
    return detail::vcpuOf(*m_p, i);
}
int Model::lumpCount() const
{
    return int(m_p->lumps.size());
}
int Model::lumpOf(int i) const
{
    return m_p->lumpOf ? (*m_p->lumpOf)[size_t(i)] : -1;
}

} // namespace sc
