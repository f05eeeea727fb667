// The discrete-event mode (docs/model.md "Discrete-event mode"): the fluid run, cross-checked
// request by request. The fluid run decides the instances serving each step; here requests
// arrive at random (Poisson at each step's rates), wait in one FCFS queue per station (the
// model's shared queue) for exponential service on its cores, and fail when their wait passes
// the time-out, when nothing serves or when a pool refuses them. Background jobs wait without a
// time-out (a queue keeps them). Stations are taken in the
// routes' order, each over the whole run: what a station serves reaches the next at the moment
// it is served, so every station sees its arrivals in time order.

#include "core/analysis/fluid.h"
#include "core/analysis/printfnumber.h"
#include "core/analysis/scenarios.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <random>
#include <set>

namespace sc::detail {

namespace {

constexpr double kMaxInstances = 50;
constexpr double kMaxRequests = 1e7;

struct Visit {
    double t = 0;
    int cls = 0;
    bool operator<(const Visit &o) const { return t < o.t; }
};

// A visit in service: done at t; it arrived at `arrived` (a job on an instance that goes waits
// again in its place).
struct InService {
    double t = 0;
    int cls = 0;
    double arrived = 0;
    Visit visit() const { return {t, cls}; }
    bool operator<(const InService &o) const { return t < o.t; }
};

// One station's servers and queues while serveStation runs: the user requests wait in one FCFS
// queue, the jobs that came through a queue (they wait without a time-out) in another.
struct StationQueues {
    std::multiset<InService> busy; // by completion time
    std::deque<Visit> waiting;     // requests, by arrival time
    std::deque<Visit> jobs;        // jobs, by arrival time
    double dynamicWaiting = 0;     // of the requests, those that count as such (countsAsRequest)
    size_t servers = 0, step = 0;
    double mean = 0;        // service time
    bool keepsJobs = false; // its jobs came through a queue: they wait (queuedJobs)
    bool waits(const Visit &v) const { return keepsJobs && v.cls == kJob; }
};

class Discrete
{
public:
    Discrete(const Prepared &p, const Scenario &s, const FluidRecord &rec, uint64_t seed)
        : m_p(p)
        , m_s(s)
        , m_rec(rec)
        , m_rng(seed)
        , m_steps(rec.size())
        , m_arrivals(p.lumps.size())
        , m_failed(rec.size() + 1, 0.0)
        , m_demand(rec.size(), 0.0)
        , m_queued(rec.size(), std::vector<double>(p.lumps.size(), 0.0))
        , m_queuedDynamic(rec.size(), 0.0)
        , m_queuedJobs(queuedJobs(p))
    {
    }
    void run()
    {
        for (int l : m_p.lumpOrder)
            serve(size_t(l));
    }
    // Failed and offered dynamic requests of step n (all members), and lump l's queue then.
    double failed(size_t n) const { return m_failed[n]; }
    double demand(size_t n) const { return m_demand[n]; }
    double queued(size_t n, size_t l) const { return m_queued[n][l]; }
    // Dynamic requests (as failed() counts them) waiting at step n's start, all lumps' members.
    double queuedDynamic(size_t n) const { return m_queuedDynamic[n]; }

private:
    double uniform() { return double(m_rng() >> 11) * 0x1.0p-53; }
    double exponential(double mean) { return -mean * std::log1p(-uniform()); }
    double dt() const { return m_s.stepS; }
    size_t stepOf(double t) const { return std::min(m_steps, size_t(std::max(0.0, t / dt()))); }
    void generate(size_t l);
    void serve(size_t l);
    void depart(size_t l, const Visit &v, double scale = 1);
    void serveStation(size_t l, const std::vector<Visit> &arrivals);
    std::vector<double> requestShares(const std::vector<Visit> &arrivals,
                                      const StationQueues &q) const;
    void startServing(size_t l, StationQueues &q, const std::vector<double> &requestShare,
                      double now);
    void dropGone(size_t l, StationQueues &q, double from);
    void popWaiting(size_t l, StationQueues &q) const;
    void fail(size_t l, const Visit &v, double at);
    bool countsAsRequest(size_t l, const Visit &v) const;

    const Prepared &m_p;
    const Scenario &m_s;
    const FluidRecord &m_rec;
    std::mt19937_64 m_rng;
    size_t m_steps;                             // the intervals simulated (the last row has none)
    std::vector<std::vector<Visit>> m_arrivals; // per lump, per member
    std::vector<double> m_failed, m_demand;
    std::vector<std::vector<double>> m_queued;
    std::vector<double> m_queuedDynamic;
    std::vector<char> m_queuedJobs; // per lump: its jobs came through a queue (they wait)
};

// A lump's own arrivals (clients' requests, a cache's fills): Poisson at each step's rate.
void Discrete::generate(size_t l)
{
    const bool client = m_p.prep[size_t(m_p.lumps[l].rep)].kind == Kind::Clients;
    for (size_t n = 0; n + 1 < m_steps; ++n)
        for (int k = 0; k < kClassCount; ++k) {
            const double rate = m_rec[n][l].own[size_t(k)];
            if (!(rate > 0))
                continue;
            const double end = double(n + 1) * dt();
            for (double t = double(n) * dt() + exponential(1 / rate); t < end;
                 t += exponential(1 / rate)) {
                m_arrivals[l].push_back({t, k});
                if (client && (k == kRead || k == kWrite))
                    m_demand[n] += m_p.lumps[l].size;
            }
        }
}

// A failed visit counts as a failed request where the fluid run counts one: a dynamic request,
// a cache's or replica's writes being their own work.
bool Discrete::countsAsRequest(size_t l, const Visit &v) const
{
    const Kind kind = m_p.prep[size_t(m_p.lumps[l].rep)].kind;
    const bool ownWrites = kind == Kind::Cache || kind == Kind::ReadReplica;
    return v.cls == kRead || (v.cls == kWrite && !ownWrites);
}

void Discrete::fail(size_t l, const Visit &v, double at)
{
    if (countsAsRequest(l, v))
        m_failed[stepOf(at)] += m_p.lumps[l].size;
}

// What lump l served at v.t goes on along its routes (x visits per visit: ⌊x⌋, one more with
// probability x − ⌊x⌋), each route's fraction × `scale` (a cache read past: 1 / passOn).
void Discrete::depart(size_t l, const Visit &v, double scale)
{
    const Lump &lump = m_p.lumps[l];
    auto send = [&](int target, int cls, double x) {
        const double whole = std::floor(x);
        const int count = int(whole) + (uniform() < x - whole ? 1 : 0);
        for (int i = 0; i < count; ++i)
            m_arrivals[size_t(target)].push_back({v.t, cls});
    };
    const auto outs = m_p.outsOf(l, int(v.cls));
    // A balancer sends nothing to a target its health checks have found down and that target's
    // share to the others (all of them down: as planned), and to a fixed tier found short of
    // instances in proportion to those left, as the fluid run does.
    const std::vector<LumpStep> &now = m_rec[std::min(stepOf(v.t), m_rec.size() - 1)];
    const bool balancer = m_p.prep[size_t(lump.rep)].kind == Kind::LoadBalancer;
    const bool byInstances = balancer && splitsByInstances(m_p, l);
    auto servingOf = [&now, byInstances](int target) {
        return servingFor(now[size_t(target)].serving, byInstances);
    };
    const double healthy = balancer ? healthyShareOf(outs, servingOf) : 1.0;
    for (const Out &o : outs) {
        const double serving = healthy != 1.0 ? servingOf(o.target) : 1.0;
        if (!(serving > 0))
            continue;
        send(o.target, int(o.cls),
             scale * serving / healthy * lump.size * o.fraction / m_p.lumps[size_t(o.target)].size);
    }
    const double perWrite = m_p.routing.jobsPerWrite[size_t(lump.rep)];
    if (v.cls == kWrite && perWrite > 0)
        for (const Out &o : m_p.jobOutsOf(l))
            send(o.target, kJob,
                 perWrite * lump.size * o.fraction / m_p.lumps[size_t(o.target)].size);
}

// Lump l over the whole run: step boundaries set its servers (the fluid run's cores); a visit
// starts on a free server, else waits in FCFS order; a request's wait past the time-out fails it,
// and so does nothing serving (the connection is refused, as the fluid run fails it at once). A
// job that came through a queue waits however long, also while nothing serves, and one on an
// instance that goes is taken up again (the queue's message visible again), as the fluid run
// keeps them; a job pushed to a worker without a queue is a request here.
void Discrete::serve(size_t l)
{
    generate(l);
    std::vector<Visit> arrivals = std::move(m_arrivals[l]);
    m_arrivals[l] = {};
    std::stable_sort(arrivals.begin(), arrivals.end());
    // A station at some step (a cache found down at the first is one still, read past then).
    const bool station = std::any_of(m_rec.begin(), m_rec.end(), [l](const auto &row) {
        return row[l].station || row[l].passOn > 0;
    });
    if (!station) {
        for (const Visit &v : arrivals)
            depart(l, v);
        return;
    }
    serveStation(l, arrivals);
}

// Per step: of the arrivals at a station, the share that are requests (none arrived: half);
// the jobs that wait are not requests.
std::vector<double> Discrete::requestShares(const std::vector<Visit> &arrivals,
                                            const StationQueues &q) const
{
    std::vector<double> requestShare(m_steps, 0.0), arrived(m_steps, 0.0);
    for (const Visit &v : arrivals) {
        const size_t n = std::min(stepOf(v.t), m_steps - 1);
        arrived[n] += 1;
        requestShare[n] += q.waits(v) ? 0 : 1;
    }
    for (size_t n = 0; n < m_steps; ++n)
        requestShare[n] = arrived[n] > 0 ? requestShare[n] / arrived[n] : 0.5;
    return requestShare;
}

void Discrete::popWaiting(size_t l, StationQueues &q) const
{
    q.dynamicWaiting -= countsAsRequest(l, q.waiting.front()) ? 1 : 0;
    q.waiting.pop_front();
}

// Free servers take what waits: with both waiting, the next request with the share of the
// step's arrivals that are requests, else the next job; a request past its time-out fails.
void Discrete::startServing(size_t l, StationQueues &q, const std::vector<double> &requestShare,
                            double now)
{
    while (q.busy.size() < q.servers && (!q.waiting.empty() || !q.jobs.empty())) {
        const bool job =
            q.waiting.empty() || (!q.jobs.empty() && uniform() >= requestShare[q.step]);
        if (job) {
            const Visit v = q.jobs.front();
            q.jobs.pop_front();
            q.busy.insert({now + exponential(q.mean), v.cls, v.t});
            continue;
        }
        const Visit v = q.waiting.front();
        popWaiting(l, q);
        if (now - v.t > m_s.timeoutS)
            fail(l, v, v.t + m_s.timeoutS);
        else
            q.busy.insert({now + exponential(q.mean), v.cls, v.t});
    }
}

// An instance gone at `from`: the request it was serving fails, a job waits again, ahead of
// every job waiting (each queue is served in order).
void Discrete::dropGone(size_t l, StationQueues &q, double from)
{
    std::vector<Visit> retaken;
    while (q.busy.size() > q.servers) {
        const InService v = *std::prev(q.busy.end());
        q.busy.erase(std::prev(q.busy.end()));
        if (q.waits(v.visit()))
            retaken.push_back({v.arrived, v.cls});
        else
            fail(l, v.visit(), from);
    }
    std::sort(retaken.begin(), retaken.end());
    for (auto it = retaken.rbegin(); it != retaken.rend(); ++it)
        q.jobs.push_front(*it);
}

// serve's station: `arrivals` (in time order) through its servers, step by step. The user
// requests wait in one FCFS queue, the jobs that came through a queue in another: with both
// waiting, a free server takes the next request with the share of the step's arrivals that are
// requests, else the next job (the fluid run's split of the capacity at a station that serves
// both).
void Discrete::serveStation(size_t l, const std::vector<Visit> &arrivals)
{
    StationQueues q;
    q.keepsJobs = m_queuedJobs[l];
    const bool dns = m_p.prep[size_t(m_p.lumps[l].rep)].kind == Kind::Dns;
    const std::vector<double> requestShare = requestShares(arrivals, q);
    size_t next = 0;
    for (size_t n = 0; n < m_steps; ++n) {
        const double from = double(n) * dt(), to = double(n + 1) * dt();
        const LumpStep &k = m_rec[n][l];
        q.step = n;
        q.servers = k.capacity > 0 ? size_t(std::max(1.0, std::round(k.servers))) : 0;
        q.mean = q.servers > 0 ? double(q.servers) / k.capacity : 0;
        dropGone(l, q, from);
        startServing(l, q, requestShare, from);
        // Those past their time-out have failed (when it passed; no server takes them): the
        // backlog a row shows is what still waits within it.
        for (; !q.waiting.empty() && from - q.waiting.front().t > m_s.timeoutS; popWaiting(l, q))
            fail(l, q.waiting.front(), q.waiting.front().t + m_s.timeoutS);
        m_queued[n][l] = double(q.waiting.size() + q.jobs.size());
        m_queuedDynamic[n] += q.dynamicWaiting * m_p.lumps[l].size;
        // No servers: what waited fails now, in this row, after it was counted waiting at the
        // row's start (failed first, the row before read it served and this one could not
        // count it: a tier's 6,000 waiting when it failed; review).
        if (q.servers == 0)
            for (; !q.waiting.empty(); popWaiting(l, q))
                fail(l, q.waiting.front(), from);
        if (n + 1 == m_steps)
            break; // the last row stands for no interval
        for (;;) {
            const double arrive = next < arrivals.size() ? arrivals[next].t : to;
            const double done = q.busy.empty() ? to : q.busy.begin()->t;
            if (std::min(arrive, done) >= to)
                break;
            if (done <= arrive) {
                const Visit v = q.busy.begin()->visit();
                q.busy.erase(q.busy.begin());
                depart(l, v);
                startServing(l, q, requestShare, v.t);
                continue;
            }
            const Visit v = arrivals[next++];
            if (!k.station && dns) { // up (a station only while down: keep): resolved, on at once
                depart(l, v);
            } else if (k.passOn > 0 && v.cls == kRead) { // a cache found down: on to the data tier
                depart(l, v, 1 / k.passOn);
            } else if (q.waits(v) ? uniform() >= k.admitted
                                  : q.servers == 0 || uniform() >= k.admitted) {
                fail(l, v, v.t);
            } else if (q.waits(v)) {
                q.jobs.push_back(v);
                startServing(l, q, requestShare, v.t);
            } else {
                q.waiting.push_back(v);
                q.dynamicWaiting += countsAsRequest(l, v) ? 1 : 0;
                startServing(l, q, requestShare, v.t);
            }
        }
    }
    for (const Visit &v : q.waiting) // still waiting at the end: failed if past the time-out
        if (double(m_steps - 1) * dt() - v.t > m_s.timeoutS)
            fail(l, v, v.t + m_s.timeoutS);
}

// Why the discrete mode refuses a run (empty: it does not): the most instances serving at once
// at the stations, and the requests.
std::string refusal(const Prepared &p, const FluidRecord &rec,
                    const std::vector<SimulationStep> &rows, const SimulationSummary &fluid)
{
    double most = 0;
    for (size_t n = 0; n < rows.size(); ++n) {
        double count = 0;
        for (size_t l = 0; l < p.lumps.size(); ++l)
            if (rec[n][l].station)
                count += rows[n].instances[l] * p.lumps[l].size;
        most = std::max(most, count);
    }
    if (most > kMaxInstances)
        return "the discrete-event mode simulates at most 50 instances; this run has " +
               std::to_string(std::lround(most));
    // Every request that enters counts: the users' dynamic ones (the summary's), their static
    // fetches and a station's own work (a cache's fills). Counting only the first let a design
    // of 10 static fetches a request run 11 times the limit (QA: 485 MB, 7 s).
    if (!p.hasClients) // no request enters: nothing to draw (the fluid run fails them all)
        return "the discrete-event mode needs clients: this design has none";
    double made = 0;
    for (size_t n = 0; n + 1 < rows.size(); ++n)
        for (size_t l = 0; l < p.lumps.size(); ++l)
            made += totalOf(rec[n][l].own) * p.lumps[l].size * (rows[n + 1].t - rows[n].t);
    // And the jobs the writes make (up to 10,000 a write), per dynamic request offered.
    const double dynamic = p.base[kRead] + p.base[kWrite];
    double jobs = 0;
    for (size_t i = 0; i < p.design.components.size(); ++i)
        jobs += p.routing.jobsPerWrite[i] * p.perUser(i)[kWrite];
    made = std::max(made, fluid.requests) + (dynamic > 0 ? fluid.requests * jobs / dynamic : 0);
    if (made > kMaxRequests)
        return "the discrete-event mode simulates at most 10^7 requests (the users' dynamic and "
               "static ones and the stations' own work together); this run has " +
               std::to_string(std::llround(made));
    return {};
}

} // namespace

SimulationSummary simulateDiscrete(const Prepared &p, const Scenario &s, uint64_t seed,
                                   const std::function<void(const SimulationStep &)> &onStep,
                                   std::string *error)
{
    // Its steps cover whole intervals of the scenario: a remainder would go unsimulated.
    if (const double left = s.durationS - std::floor(s.durationS / s.stepS + 1e-9) * s.stepS;
        left > 1e-9 * s.stepS) {
        if (error)
            *error = "the discrete-event mode needs a step that divides the scenario's length (" +
                     printfNumber("%g", s.durationS) + " s is not a multiple of " +
                     printfNumber("%g", s.stepS) + " s)";
        return {};
    }
    FluidRecord rec;
    std::vector<SimulationStep> rows;
    RerouteRefused rerouted;
    SimulationSummary sum = simulateFluid(
        p, s, [&rows](const SimulationStep &r) { rows.push_back(r); }, &rec, &rerouted);
    if (rerouted.component >= 0) {
        // (It said "a failed replica, database or server" of a DNS, naming none; QA.)
        if (error) {
            const Component &c = p.design.components[size_t(rerouted.component)];
            *error = "the discrete-event mode follows only a balancer's or a cache's caller's "
                     "re-route; this run routes round \"" +
                     c.id + "\" (" + std::string(kindTitle(c.kind)) + "), found down at " +
                     printfNumber("%.10g", rerouted.atS) + " s";
        }
        return {};
    }
    if (std::string why = refusal(p, rec, rows, sum); !why.empty()) {
        if (error)
            *error = why;
        return {};
    }
    Discrete des(p, s, rec, seed);
    des.run();
    sum.requests = sum.failedRequests = sum.sloViolationSeconds = 0;
    const double dt = s.stepS;
    for (size_t n = 0; n < rows.size(); ++n) {
        SimulationStep &r = rows[n];
        // What waits at the end of the row's interval (the next row's start), as the fluid
        // run's backlog is the step's end (it was the row's start: one step apart; QA); the last
        // row, standing for no interval, at its own time.
        const size_t end = n + 1 < rows.size() ? n + 1 : n;
        for (size_t l = 0; l < p.lumps.size(); ++l)
            r.backlog[l] = des.queued(end, l);
        // A row's rates are over the interval after it: served is what arrived, less what failed
        // and what more was waiting at its end (dynamic requests, as the fluid run counts them).
        // The last row stands for no interval: the fluid run's rates.
        if (n + 1 < rows.size()) {
            r.demandRps = des.demand(n) / dt;
            // At most what there was to fail: what arrived and what left the backlogs.
            const double waited = des.queuedDynamic(n + 1) - des.queuedDynamic(n);
            const double failed = std::min(des.demand(n) - std::min(0.0, waited), des.failed(n));
            r.errorRps = failed / dt;
            r.servedRps = std::max(0.0, r.demandRps - r.errorRps - waited / dt);
            sum.requests += des.demand(n);
            sum.failedRequests += failed;
            if (outsideObjective(r, p.design.slo))
                sum.sloViolationSeconds += dt;
        }
        if (onStep)
            onStep(r);
    }
    sum.errorRate = sum.requests > 0 ? sum.failedRequests / sum.requests : 0;
    return sum;
}

} // namespace sc::detail

namespace sc {

SimulationSummary Model::simulateDiscrete(const Scenario &scenario, uint64_t seed,
                                          const std::function<void(const SimulationStep &)> &onStep,
                                          std::string *error) const
{
    if (!ok() || !(scenario.stepS > 0) || !(scenario.durationS >= 0))
        return {};
    if (const auto apart = detail::lumpedEventComponents(*m_p, scenario); !apart.empty())
        return Model(design(), catalog(), apart).simulateDiscrete(scenario, seed, onStep, error);
    return detail::simulateDiscrete(*m_p, scenario, seed, onStep, error);
}

} // namespace sc
