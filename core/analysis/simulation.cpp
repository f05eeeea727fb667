// Time: a deterministic fluid simulation of a scenario (DESIGN.md "Time: scenarios and
// simulation"). The same stations, routes and prices as evaluate, stepped through time: each
// station has the instances that are up and ready, a backlog that grows while its arrivals exceed
// its capacity and drains after, and requests that would wait past the time-out fail (background
// jobs wait: a queue keeps them). Auto-scaled tiers decide every metric period and their new
// instances serve after the boot time.

#include "core/analysis/simulator.h"

#include "core/analysis/limits.h"
#include "core/analysis/scenarios.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace sc::detail {

// Per lump of p: whether the jobs that reach it came through a queue — a queue itself, or a
// lump all of whose jobs are sent on by lumps behind one (workers on a queue, a database they
// write to). SQS keeps a message until a worker deletes it: a job a worker cannot finish (its
// query refused or timed out) is taken up again, so such jobs wait however long. Jobs an app
// server pushes straight to a worker (pub/sub over the connections it holds, no queue) are kept
// by nothing: they time out as requests do.
std::vector<char> queuedJobs(const Prepared &p)
{
    const size_t n = p.lumps.size();
    const auto isQueue = [&p](size_t l) {
        return p.prep[size_t(p.lumps[l].rep)].kind == Kind::Queue;
    };
    std::vector<char> queued(n, 1); // then cleared where a job arrives from no queue
    for (bool changed = true; changed;) {
        changed = false;
        const auto from = [&](int target, bool behindAQueue) {
            if (!behindAQueue && queued[size_t(target)] && !isQueue(size_t(target))) {
                queued[size_t(target)] = 0;
                changed = true;
            }
        };
        for (size_t l = 0; l < n; ++l) {
            for (const Out &o : p.outsOf(l, kJob))
                from(o.target, isQueue(l) || queued[l]);
            for (const Out &o : p.jobOutsOf(l)) // jobs it enqueues (an app server's writes')
                from(o.target, false);
        }
    }
    return queued;
}

std::vector<double> heldJobShares(const Prepared &p, const std::vector<char> &queued)
{
    const size_t n = p.lumps.size();
    // Per lump, the share of its jobs that fails on their way down: where they dead-end, and
    // the targets' shares for what it sends them (flowOrder puts every target after its caller;
    // the replicas it moves last are sinks that no job reaches).
    std::vector<double> failing(n, 0.0);
    for (auto it = p.flowOrder.rbegin(); it != p.flowOrder.rend(); ++it) {
        const size_t l = size_t(*it), rep = size_t(p.lumps[l].rep);
        const double jobs = p.perUser(rep)[kJob];
        if (!(jobs > 0))
            continue;
        double share = p.routing.failedAt[rep][kJob] / jobs;
        for (const Out &o : p.outsOf(l, kJob))
            share += o.fraction * failing[size_t(o.target)];
        failing[l] = std::min(1.0, share);
    }
    std::vector<double> held(n, 0.0);
    for (size_t l = 0; l < n; ++l)
        if (p.prep[size_t(p.lumps[l].rep)].kind == Kind::Queue)
            for (const Out &o : p.outsOf(l, kJob)) // (workers fed by an app too time out theirs)
                if (queued[size_t(o.target)])
                    held[size_t(o.target)] = failing[size_t(o.target)];
    return held;
}

namespace {

// Past saturation the backlog is the queue: the station's own (stochastic) wait is taken at this
// utilization and the backlog's delay added (docs/model.md "Simulation").
constexpr double kSaturatedRho = 0.95;
// Arrivals within a share kResidue of the capacity are all served: what they exceed it by is the
// arithmetic's rounding (workers sized to their jobs ran at 1.0000000000000002 and left a backlog
// of 10⁻¹³ more each step; QA).

bool isDynamic(int k)
{
    return k == kRead || k == kWrite;
}

// One step of a station's queue (Simulator::queue): `total` arrivals a second, `jobs` of them
// jobs that wait (through a queue), on capacity `cap`, with `backlog` waiting before (of it
// `jobBacklog` jobs).
struct QueueStep {
    double backlog = 0, failed = 0;            // left waiting, failed
    double share = 0, jobShare = 0;            // of the requests' and the jobs' arrivals, passed on
    double requestBacklog = 0, jobBacklog = 0; // of the backlog left
    double requestWaitMs = 0, jobWaitMs = 0;   // the delay each part waits
};

QueueStep queueStep(double total, double jobs, double cap, double backlog, double jobBacklog,
                    double dt, double timeoutS)
{
    QueueStep q;
    const double requests = total - jobs;
    const double offered = total + backlog / dt;
    const double served = std::min(cap, offered);
    if (jobs <= 0 && jobBacklog <= 0) {
        // No jobs that wait: one queue, what would wait past the time-out fails. (All that is
        // offered served: nothing left, not a rounding's residue — 62 backlogs of ~10⁻¹² in
        // stage 4's viral spike read "backlog <0.01" on the boxes; QA.)
        q.backlog = served >= offered * (1 - kResidue)
                        ? 0.0
                        : std::max(0.0, backlog + (total - served) * dt);
        const double most = cap * timeoutS; // what can wait without timing out
        q.failed = std::max(0.0, q.backlog - most);
        q.backlog = q.requestBacklog = std::min(q.backlog, most);
        q.share = q.jobShare = total > 0 ? served / total : 0;
        q.requestWaitMs = q.jobWaitMs = cap > 0 ? 1000 * q.backlog / cap : 0;
        return q;
    }
    // The user requests and the jobs share the capacity in proportion to what arrives of each
    // (what one of them leaves goes to the other; with nothing arriving, in proportion to what
    // waits): a worker holds its job while the job's query waits, so the jobs do not queue up
    // ahead of the users' requests at a database the workers also write to. The requests keep
    // the time-out on their share: at most their served rate × T waits.
    const double requestsWaiting = std::max(0.0, backlog - jobBacklog);
    const double offeredRequests = requests + requestsWaiting / dt,
                 offeredJobs = jobs + jobBacklog / dt;
    const double weight = total > 0     ? requests / total
                          : offered > 0 ? offeredRequests / offered
                                        : 0;
    const double forRequests =
        std::clamp(std::min(offeredRequests, std::max(cap * weight, cap - offeredJobs)), 0.0, cap);
    const double forJobs = std::clamp(std::min(offeredJobs, cap - forRequests), 0.0, cap);
    // (All that is offered served: nothing left, not a rounding's residue.)
    q.requestBacklog = forRequests >= offeredRequests * (1 - kResidue)
                           ? 0.0
                           : std::max(0.0, requestsWaiting + (requests - forRequests) * dt);
    q.jobBacklog = forJobs >= offeredJobs * (1 - kResidue)
                       ? 0.0
                       : std::max(0.0, jobBacklog + (jobs - forJobs) * dt);
    const double most = forRequests * timeoutS;
    q.failed = std::max(0.0, q.requestBacklog - most);
    q.requestBacklog = std::min(q.requestBacklog, most);
    q.backlog = q.requestBacklog + q.jobBacklog;
    q.share = requests > 0 ? forRequests / requests : 0;
    q.jobShare = jobs > 0 ? forJobs / jobs : 0;
    q.requestWaitMs = forRequests > 0 ? 1000 * q.requestBacklog / forRequests : 0;
    q.jobWaitMs = forJobs > 0 ? 1000 * q.jobBacklog / forJobs : 0;
    return q;
}

} // namespace

namespace fluid {

// Auto-scaled tiers start where their policy would hold them at the first step's load: sized
// for what reaches them at the target, as evaluate sizes them (`start`, the limited flow at that
// load), or at their minimum under a step policy.
double Simulator::initialInstances(size_t l, const Flow &start) const
{
    const size_t rep = size_t(m_p->lumps[l].rep);
    if (!m_p->prep[rep].autoscaled)
        return m_p->prep[rep].instances;
    const Autoscale &a = *m_p->design.components[rep].autoscale;
    if (a.policy == Autoscale::Policy::Step)
        return a.min;
    return start.st[l].instances;
}

// The profile (flat: 1) × the day's multiplier: a flat scenario has days too.
double Simulator::baseAt(double t, bool withMultipliers) const
{
    const double hour = m_s.startHour + t / 3600;
    const double day = std::floor(hour / 24), h = hour - 24 * day;
    double shape = 1;
    if (m_s.shape == Scenario::Shape::Day) {
        const int at = int(std::floor(h)) % 24;
        const double frac = h - std::floor(h);
        // Linear between the profile's hourly values (each taken at the start of its hour).
        shape =
            m_p->dayShape[size_t(at)] * (1 - frac) + m_p->dayShape[size_t((at + 1) % 24)] * frac;
    }
    const size_t d = size_t(std::max(0.0, day));
    const double mult =
        withMultipliers && d < m_s.dayMultipliers.size() ? m_s.dayMultipliers[d] : 1.0;
    return shape * mult;
}

double Simulator::trafficAt(double t) const
{
    double r = baseAt(t, true);
    for (const Spike &sp : m_s.spikes)
        r *= sp.factorAt(t); // (× 1 outside the spike: r exactly)
    return r;
}

// Between the starts of the hours (the profile's lines, the days' multipliers) and the spikes'
// corners r is a polynomial: the profile's line × a line per spike ramping there. Each piece is
// integrated by 3-point Gauss–Legendre, exact to degree 5 (four ramps at once); a constant piece
// is its value exactly, so a flat run's rate is evaluate's to the bit.
double Simulator::meanTraffic(double a, double b) const
{
    if (!(b > a))
        return trafficAt(a);
    std::vector<double> cuts{a, b};
    const double firstHour = std::floor(m_s.startHour + a / 3600) + 1;
    for (double k = firstHour; (k - m_s.startHour) * 3600 < b; ++k)
        cuts.push_back((k - m_s.startHour) * 3600);
    for (const Spike &sp : m_s.spikes)
        for (const double at : {sp.atS, sp.atS + sp.rampS, sp.atS + sp.rampS + sp.holdS,
                                sp.atS + 2 * sp.rampS + sp.holdS})
            if (at > a && at < b)
                cuts.push_back(at);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    const double node = std::sqrt(0.6);
    double sum = 0, same = 0;
    bool constant = true;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const double mid = (cuts[i] + cuts[i + 1]) / 2, half = (cuts[i + 1] - cuts[i]) / 2;
        const double lo = trafficAt(mid - half * node), at = trafficAt(mid),
                     hi = trafficAt(mid + half * node);
        const double mean = lo == at && at == hi ? at : (5 * lo + 8 * at + 5 * hi) / 18;
        constant = constant && (i == 0 || mean == same);
        same = mean;
        sum += mean * (cuts[i + 1] - cuts[i]);
    }
    return constant ? same : sum / (b - a);
}

void Simulator::flow(double relative, SimulationStep &step)
{
    const double users = m_users * relative;
    if (m_poolsBind)
        poolShares(users);
    for (ClassRates &r : m_in)
        r = ClassRates{};
    for (ClassRates &r : m_nominal)
        r = ClassRates{};
    for (int cl : m_p->clientLumps) {
        const ClassRates &perUser = m_p->perUser(size_t(m_p->lumps[size_t(cl)].rep));
        for (int k = 0; k < kClassCount; ++k)
            m_in[size_t(cl)][size_t(k)] = m_nominal[size_t(cl)][size_t(k)] =
                perUser[size_t(k)] * users;
        step.demandRps += (perUser[kRead] + perUser[kWrite]) * users * m_p->lumps[size_t(cl)].size;
    }
    // No clients: the users' requests enter nowhere and none is served, as evaluate counts them
    // (goodputOf; the run read no demand at all; QA).
    if (!m_p->hasClients) {
        step.demandRps = (m_p->base[kRead] + m_p->base[kWrite]) * users;
        m_deadDynamic += step.demandRps;
    }
    // Replicas last (flowOrder): a replica applies what its primary committed this step.
    for (int l : m_p->flowOrder)
        serveLump(size_t(l), users, step);
}

// What reaches lump l this step: the prepared arrivals (own work included: a cache's fills, a
// replica's applied writes), each class scaled by the share of it upstream passes on (m_in).
ClassRates Simulator::arrivedAt(size_t l, double users) const
{
    const size_t rep = size_t(m_p->lumps[l].rep);
    ClassRates arrived{};
    for (int k = 0; k < kClassCount; ++k) {
        const double base = m_p->perUser(rep)[size_t(k)] * users;
        const double nominal = m_nominal[l][size_t(k)];
        arrived[size_t(k)] = nominal > 0 ? base * (m_in[l][size_t(k)] / nominal) : base;
    }
    // A replica applies the writes its primary commits this step, not those the users send.
    if (const int primary = m_p->routing.primaryOf[rep]; primary >= 0 && m_nominal[l][kWrite] <= 0)
        arrived[kWrite] -= (1 - m_committed[size_t((*m_p->lumpOf)[size_t(primary)])]) *
                           m_p->routing.appliedWrites[rep] * users;
    // A cache's fills and invalidations follow the share of its reads that reaches it (flow.cpp
    // cutCacheWork).
    if (m_p->prep[rep].kind == Kind::Cache && m_nominal[l][kWrite] <= 0 &&
        m_nominal[l][kRead] > 0 && m_in[l][kRead] < m_nominal[l][kRead])
        arrived[kWrite] *= std::max(0.0, m_in[l][kRead] / m_nominal[l][kRead]);
    return arrived;
}

// A cache its callers have found down: they read from the data tier instead (passOn), so it
// serves nothing, takes no time and fails nothing; its own work (fills, invalidations) stops.
void Simulator::serveFoundDownCache(size_t l, double admitted, const ClassRates &routed,
                                    double reads, double users, SimulationStep &step)
{
    TierState &t = m_tiers[l];
    Station &s = m_st[l];
    s.reset();
    if (record) {
        keep(l, s, 0, admitted, routed, users);
        record->back()[l].own = {};
        record->back()[l].passOn = bypassShare(l);
    }
    step.instances[l] = 0;
    // What waited for it fails: its callers time out on it (and leaves the backlogs).
    m_failedDynamic += t.dynamicBacklog * m_p->lumps[l].size;
    m_backlogDynamic -= t.dynamicBacklog * m_p->lumps[l].size;
    step.backlog[l] = t.backlog = t.jobBacklog = t.dynamicBacklog = 0;
    ClassRates passed{};
    passed[kRead] = reads;
    step.passedOn[l] = passed[kRead];
    passOn(l, passed, users, step);
}

// Serves what reaches lump l this step and passes on what it serves.
void Simulator::serveLump(size_t l, double users, SimulationStep &step)
{
    const Lump &lump = m_p->lumps[l];
    const size_t rep = size_t(lump.rep);
    TierState &t = m_tiers[l];
    // A database refuses the requests that would need a connection beyond those it accepts; a
    // balancer's share for instances it has not found down yet fails.
    const double reached = reachableShare(l),
                 admitted = connectionShare(l) * m_poolShare[l] * reached;
    const ClassRates arrived = arrivedAt(l, users);
    const ClassRates routed = m_in[l];
    m_in[l] = arrived;
    ClassRates in = arrived;
    for (double &v : in)
        v *= admitted;
    const double refused = totalOf(m_in[l]) - totalOf(in);
    // Of them, the share a balancer sent to instances gone: no load on those serving.
    const double unreached = totalOf(m_in[l]) * (1 - reached);
    // A cache's or replica's writes are its own work (fills, invalidations, applied writes).
    const Kind kind = m_p->prep[rep].kind;
    const double userWrites = kind == Kind::Cache || kind == Kind::ReadReplica ? 0.0 : 1.0;
    m_failedDynamic +=
        (m_in[l][kRead] + userWrites * m_in[l][kWrite]) * (1 - admitted) * lump.size * m_dt;
    const double serving = t.serving();
    ClassRates perUser{};
    for (int k = 0; k < kClassCount; ++k)
        perUser[size_t(k)] = users > 0 ? in[size_t(k)] / users : 0;
    // As evaluate's flow: the station at what reaches it (nothing serving: its load alone).
    Station &s = m_st[l]; // filled in place (the latency reads m_st)
    if (kind == Kind::Cache && detectedDown(int(l))) {
        serveFoundDownCache(l, admitted, routed, in[kRead], users, step);
        return;
    }
    if (serving > 0)
        stationAt(*m_p, rep, perUser, users, serving, s, &m_shapes[l]);
    else
        stationLoad(*m_p, rep, perUser, users, serving, s, &m_shapes[l]);
    if (record)
        keep(l, s, serving, admitted, routed, users);
    // Of this step's arrivals, the share passed on (above 1 while a backlog drains): of the
    // user requests' classes, and of the jobs.
    double jobShare = 1;
    double share =
        s.station ? queue(l, in, perUser, users, refused - unreached, userWrites, step, jobShare)
                  : 1;
    // A DNS failed as a whole resolves nothing: what its callers send it fails from the moment
    // it fails, as at a station with nothing serving, until they find it down and route round it
    // (QA: it answered every request until then, and only the routes round it failed them).
    if (!s.station && t.down && kind == Kind::Dns) {
        share = jobShare = 0;
        s.overloaded = true; // (nothing gets through: the path's latency is invalid)
        m_failedDynamic += (in[kRead] + in[kWrite]) * lump.size * m_dt;
        step.errors[l] += totalOf(in);
    }
    // The tier sizes for what its balancer sends it, the share for instances not found down yet
    // included: they are in service until their health checks fail them, and a target-tracking
    // metric averages over those that report (the others' load is theirs). Sized on the rest,
    // a scale-in meanwhile terminated the failed instances, which then had no replacement: N
    // out, N − 1 replaced, the last by the next decision (QA).
    if (s.station)
        t.stepOffered += unreached;
    // Every instance out while its balancer, not having found them yet, still sends them their
    // share: no capacity, null as the whole component failed reads until found — not the 0 of
    // an idle tier (QA: 0 with every request failing). Once found, nothing comes: 0, as the
    // steady state of the live failures has it.
    if (s.station && serving <= 0 && totalOf(m_in[l]) > 0)
        step.utilization[l] = kInf;
    step.errors[l] += refused;
    step.instances[l] = serving;
    step.backlog[l] = t.backlog;
    ClassRates passed{};
    for (int k = 0; k < kClassCount; ++k)
        passed[size_t(k)] = in[size_t(k)] * (k == kJob ? jobShare : share);
    step.passedOn[l] = totalOf(passed);
    if (kind == Kind::Database) { // the share of its users' writes it commits (its replicas')
        const double offered = (m_p->perUser(rep)[kWrite] + m_p->perUser(rep)[kJob]) * users;
        m_committed[l] = offered > 0 ? (passed[kWrite] + passed[kJob]) / offered : 1.0;
    }
    passOn(l, passed, users, step);
}

// Of a station's step (`q`), the users' dynamic requests that fail and the change in those
// waiting, `dynamic` the share of them in this step's arrivals. What joins the backlog does at
// this step's mix, what leaves it at the backlog's own, so an empty backlog holds none. (Taken at
// the step's mix either way, a backlog built at one mix and drained at another, or with nothing
// arriving, left requests neither served nor failed: 34.58 of stage 4's viral spike, 19,087 of
// stage 5's Black Friday unplanned; QA.) What times out of a backlog that shrinks (its capacity
// gone or cut) is what waited, at the backlog's mix; only what fails beyond it, of this step's
// arrivals, at theirs. (At the step's mix, a backlog failed with its tier while nothing more
// arrived, or after its balancer found it down, was counted neither failed nor served, or
// served: 6,000 of them; QA.)
namespace {

struct DynamicMoves {
    double failed = 0, change = 0;
};
DynamicMoves dynamicMoves(const TierState &t, const QueueStep &q, double dynamic)
{
    const double waiting = t.backlog - t.jobBacklog;
    const double ofWaiting =
        q.requestBacklog < waiting ? std::min(q.failed, waiting - q.requestBacklog) : 0.0;
    DynamicMoves m;
    m.failed = ofWaiting > 0
                   ? ofWaiting * (t.dynamicBacklog / waiting) + (q.failed - ofWaiting) * dynamic
                   : q.failed * dynamic;
    m.change = q.requestBacklog >= waiting
                   ? (q.requestBacklog - waiting) * dynamic
                   : (waiting > 0 ? t.dynamicBacklog * (q.requestBacklog / waiting) : 0.0) -
                         t.dynamicBacklog;
    return m;
}

} // namespace

// Lump l's queue this step: serves what its capacity allows of the arrivals and the backlog,
// keeps what can wait within the timeout and fails the rest. Background jobs that came through a
// queue (queuedJobs: SQS keeps a message for days; no user waits for a job) do not time out: they
// wait however long the backlog. Returns the share of this step's arrivals passed on, of the
// user requests' classes (and `jobShare`, of the jobs).
double Simulator::queue(size_t l, const ClassRates &in, const ClassRates &perUser, double users,
                        double refused, double userWrites, SimulationStep &step, double &jobShare)
{
    const Lump &lump = m_p->lumps[l];
    const size_t rep = size_t(lump.rep);
    TierState &t = m_tiers[l];
    Station &s = m_st[l];
    const double serving = t.serving();
    const double total = totalOf(in);
    // Jobs from a queue whose writes have no live target (their database found down, routed
    // round) cannot complete: a worker fails the write and SQS hands the message out again, so
    // they wait in the backlog of the workers on the queue (jobs do not time out) until it is
    // back: heldJobShares. (They vanished, counted nowhere: 18,750 jobs while a single-AZ primary
    // was down 10 minutes; QA.)
    const double blocked = m_heldJobs[l];
    const double cap = serving > 0 ? s.capacity * (1 - blocked) : 0;
    const double offered = total + t.backlog / m_dt;
    const double served = std::min(cap, offered);
    // Arrivals: the jobs that wait (through a queue), and the rest.
    const double jobs = m_queuedJobs[l] ? in[kJob] : 0.0, requests = total - jobs;
    const QueueStep q = queueStep(total, jobs, cap, t.backlog, t.jobBacklog, m_dt, m_s.timeoutS);
    jobShare = q.jobShare;
    const double dynamic = requests > 0 ? (in[kRead] + userWrites * in[kWrite]) / requests : 0;
    const DynamicMoves moved = dynamicMoves(t, q, dynamic);
    m_failedDynamic += moved.failed * lump.size;
    t.dynamicBacklog = q.requestBacklog > 0 ? t.dynamicBacklog + moved.change : 0.0;
    m_backlogDynamic += moved.change * lump.size;
    t.backlog = q.backlog;
    t.jobBacklog = q.jobBacklog;
    // The load the tier sizes for: what arrives, and its capacity while a backlog drains (the
    // step's utilization × capacity; not λ + B/Δt, whose drain rate depends on the step).
    t.stepOffered = std::max(total, served);
    // (Workers blocked by their jobs' target complete nothing, and scale for none: at 1 a
    // step policy added instances to the maximum while they waited; review.)
    t.stepUtil = cap > 0 ? std::min(1.0, offered / cap) : serving > 0 && blocked >= 1 ? 0.0 : 1.0;
    // The wait: the station's own at its load (held at kSaturatedRho when saturated), plus
    // the backlog's. No capacity: nothing gets through (the path's latency is invalid).
    if (cap <= 0) {
        s.overloaded = true;
    } else {
        // Saturated: at or past its capacity, or within the rounding stationAt takes as 1 (it
        // then read "overloaded", with no latency, where the wait is held at kSaturatedRho;
        // review).
        if (offered >= cap || s.rho >= 1) {
            ClassRates atLoad = perUser;
            for (double &v : atLoad)
                v *= kSaturatedRho * cap / std::max(total, 1e-300);
            stationAt(*m_p, rep, atLoad, users, serving, s);
        }
        for (int k = 0; k < kClassCount; ++k)
            s.meanMs[size_t(k)] += k == kJob ? q.jobWaitMs : q.requestWaitMs;
        s.rho = offered / cap;
    }
    // What arrives against the capacity (above 1 when overloaded), and at least the share busy
    // while a backlog drains: not the backlog's drain rate, B / Δt, which made it depend on the
    // step (a backlog of 3,000 at a 100 req/s station read 400% at 10 s steps, 150% at 60 s).
    // (Blocked by its jobs' target, a worker up completes nothing: 0, not "no capacity".)
    step.utilization[l] = cap > 0                       ? std::max(total + refused, served) / cap
                          : serving > 0 && blocked >= 1 ? 0.0
                          : total > 0                   ? kInf
                                                        : 0.0;
    step.errors[l] = q.failed / m_dt;
    return q.share;
}

// Of what reaches lump l, the share that reaches instances serving: a load balancer in front
// keeps sending instances an event took out their share (one each, as to those serving) until
// its health checks find them, detectionS later (docs/model.md "Simulation in time").
double Simulator::reachableShare(size_t l) const
{
    const TierState &t = m_tiers[l];
    double unfound = 0;
    for (const auto &[count, foundAt] : t.unfound)
        unfound += m_time < foundAt ? count : 0.0;
    if (unfound <= 0 || t.down)
        return 1;
    const size_t rep = size_t(m_p->lumps[l].rep);
    const bool balanced =
        std::any_of(m_p->inEdges[rep].begin(), m_p->inEdges[rep].end(), [&](int e) {
            return m_p->design.components[size_t(m_p->from[size_t(e)])].kind == Kind::LoadBalancer;
        });
    const double serving = t.serving();
    return balanced ? serving / (serving + unfound) : 1.0;
}

// Of what reaches database lump l, the share its accepted connections carry: every caller
// instance serving opens its connections (docs/model.md "Pools").
double Simulator::connectionShare(size_t l) const
{
    const size_t rep = size_t(m_p->lumps[l].rep);
    if (m_p->prep[rep].kind != Kind::Database)
        return 1;
    double opened = 0;
    for (int e : m_p->inEdges[rep]) {
        const size_t from = size_t(m_p->from[size_t(e)]);
        opened += m_tiers[size_t((*m_p->lumpOf)[from])].serving() *
                  m_p->prep[from].connectionsPerInstance;
    }
    const double accepted = m_p->prep[rep].connectionsAccepted;
    return opened > accepted ? accepted / opened : 1.0;
}

void Simulator::passOn(size_t l, const ClassRates &passed, double users, SimulationStep &step)
{
    const Lump &lump = m_p->lumps[l];
    const size_t rep = size_t(lump.rep);
    const ClassRates &nominal = m_p->perUser(rep);
    // Dead ends, and (routed round a failure) what has no live target left: it fails there.
    const ClassRates dead = lostOnRoute(*m_p, rep);
    // Beside what it passes on, what it would pass on with everything above serving it all (the
    // prepared flow): the stations below scale their prepared arrivals by the ratio.
    auto send = [this](int target, int cls, double actual, double full) {
        m_in[size_t(target)][size_t(cls)] += actual;
        m_nominal[size_t(target)][size_t(cls)] += full;
    };
    const bool balancer = m_p->prep[rep].kind == Kind::LoadBalancer;
    const bool byInstances = balancer && splitsByInstances(*m_p, l);
    // Of each class, the share of its targets' the balancer sends to (those not found down,
    // short ones by their instances left), or a cache's reads that go on past it.
    ClassRates spread;
    for (int k = 0; k < kClassCount; ++k)
        spread[size_t(k)] = balancer     ? healthyShare(m_p->outsOf(l, k), byInstances)
                            : k == kRead ? bypassShare(l)
                                         : 1.0;
    // What a balancer that reroutes sends each target (the timeline's connections show it;
    // QA: its arrows kept the routes' 50/50 after one of two targets went down), where it and
    // its targets are lumps of their own: one connection between them.
    bool reroutes = balancer && lump.size == 1 &&
                    (m_p != &m_base ||
                     std::any_of(spread.begin(), spread.end(), [](double s) { return s != 1.0; }));
    for (int k = 0; k < kClassCount && reroutes; ++k)
        for (const Out &o : m_p->outsOf(l, k))
            reroutes = reroutes && m_p->lumps[size_t(o.target)].size == 1;
    const size_t reroutedFrom = step.rerouted.size();
    const auto rerouted = [&](int target, double rps) {
        const int to = m_p->lumps[size_t(target)].rep;
        auto it = std::find_if(step.rerouted.begin() + long(reroutedFrom), step.rerouted.end(),
                               [to](const SimulationStep::Rerouted &r) { return r.to == to; });
        if (it == step.rerouted.end())
            it = step.rerouted.insert(it, {int(rep), to, 0.0});
        it->rps += rps;
    };
    for (int k = 0; k < kClassCount; ++k) {
        const double full = nominal[size_t(k)] * users;
        if (isDynamic(k) && dead[size_t(k)] > 0 && nominal[size_t(k)] > 0)
            m_deadDynamic += dead[size_t(k)] / nominal[size_t(k)] * passed[size_t(k)] * lump.size;
        const double share = spread[size_t(k)];
        for (const Out &o : m_p->outsOf(l, k)) {
            const double to = lump.size * o.fraction / m_p->lumps[size_t(o.target)].size;
            // A balancer skips a target found down and sends one found short of instances its
            // share of those left; a cache read past sends to every one (a data tier down fails
            // its share there).
            const double sent = share == 1.0 ? 1.0
                                : balancer ? servingFor(servingShare(o.target), byInstances) / share
                                           : 1 / share;
            send(o.target, int(o.cls), passed[size_t(k)] * to * sent, full * to);
            if (reroutes)
                rerouted(o.target, passed[size_t(k)] * to * sent);
        }
    }
    const double perWrite = m_p->routing.jobsPerWrite[rep];
    if (perWrite > 0)
        for (const Out &o : m_p->jobOutsOf(l)) {
            const double to = lump.size * o.fraction / m_p->lumps[size_t(o.target)].size;
            send(o.target, kJob, passed[kWrite] * perWrite * to,
                 nominal[kWrite] * users * perWrite * to);
        }
}

// The discrete-event mode's view of lump l this step: its station, and what arrives at it from
// no route (a client's requests; a cache's fills, a replica's applied writes beyond what reaches
// them).
void Simulator::keep(size_t l, const Station &s, double serving, double admitted,
                     const ClassRates &routed, double users)
{
    LumpStep &k = record->back()[l];
    const size_t rep = size_t(m_p->lumps[l].rep);
    const bool client = m_p->prep[rep].kind == Kind::Clients;
    // A DNS down resolves nothing: at that step a station with no servers, whose arrivals fail
    // as serveLump fails them (the discrete run passed them on; review).
    k.station = s.station || (m_p->prep[rep].kind == Kind::Dns && m_tiers[l].down);
    k.serving = servingShare(int(l));
    k.servers = s.station && serving > 0 ? s.cores : 0;
    k.capacity = s.station && serving > 0 ? s.capacity : 0;
    k.admitted = admitted;
    for (int c = 0; c < kClassCount; ++c)
        k.own[size_t(c)] = client ? m_p->perUser(rep)[size_t(c)] * users
                                  : std::max(0.0, m_in[l][size_t(c)] - routed[size_t(c)]);
}

double Simulator::latencyP99(bool &valid)
{
    // The requests take the routes the step's flow takes: a balancer sends none to a target
    // found down (passOn), so none of them wait on it.
    bool rerouted = false;
    m_healthy.assign(m_p->lumps.size(), ClassRates{1, 1, 1, 1});
    for (size_t l = 0; l < m_p->lumps.size(); ++l) {
        const Kind kind = m_p->prep[size_t(m_p->lumps[l].rep)].kind;
        if (kind == Kind::LoadBalancer)
            for (int k = 0; k < kClassCount; ++k) {
                m_healthy[l][size_t(k)] =
                    healthyShare(m_p->outsOf(l, k), splitsByInstances(*m_p, l));
                rerouted = rerouted || m_healthy[l][size_t(k)] != 1.0;
            }
        else if (kind == Kind::Cache && detectedDown(int(l))) {
            m_healthy[l][kRead] = bypassShare(l); // its reads all go on (serveLump)
            rerouted = true;
        }
    }
    if (rerouted) {
        m_serving.assign(m_p->lumps.size(), 1.0);
        m_byInstances.assign(m_p->lumps.size(), 1);
        for (size_t l = 0; l < m_p->lumps.size(); ++l) {
            m_serving[l] = servingShare(int(l));
            if (m_p->prep[size_t(m_p->lumps[l].rep)].kind == Kind::LoadBalancer)
                m_byInstances[l] = splitsByInstances(*m_p, l);
        }
    }
    m_scratch.healthyShare = rerouted ? &m_healthy : nullptr;
    m_scratch.serving = rerouted ? &m_serving : nullptr;
    m_scratch.byInstances = rerouted ? &m_byInstances : nullptr;
    std::array<LatencyMixture, kClassCount> done;
    std::array<bool, kClassCount> invalid{};
    propagateLatency(*m_p, m_st, (1u << kRead) | (1u << kWrite), m_scratch, done, invalid);
    LatencyMixture &dynamic = done[kRead];
    dynamic.addAll(done[kWrite], 1.0);
    const LatencySummary l =
        summarize(dynamic, invalid[kRead] || invalid[kWrite], clientShiftMs(*m_p));
    valid = l.valid;
    return l.p99;
}

// The bill in time: instances by the second, the rest (requests, transfer, storage) at the
// monthly bill's rates, scaled by the traffic (a flat month at the peak costs P × the
// day-profile month's variable part).
void Simulator::prepareVariableCost()
{
    std::vector<double> billed;
    const double month = m_p->catalog.hoursPerMonth * 3600;
    const double total = monthlyUsdAt(*m_p, m_users, billed);
    double instances = 0;
    for (size_t l = 0; l < m_p->lumps.size(); ++l)
        instances += instancesUsd(m_p->lumps[l], billed[l]);
    m_fixedPerSecond = m_p->fixedUsd / month;
    m_variablePerSecondAtPeak =
        (total - instances - m_p->fixedUsd) * m_p->design.traffic.peakToAverage / month;
}

double Simulator::stepCost(double relative) const
{
    const double month = m_p->catalog.hoursPerMonth * 3600;
    double usd = (m_fixedPerSecond + m_variablePerSecondAtPeak * relative) * m_dt;
    for (size_t l = 0; l < m_tiers.size(); ++l) {
        const TierState &st = m_tiers[l];
        // Every instance provisioned: those ready, failed ones included until the tier
        // terminates them (replaceFound, decide), also while the component is down (a Multi-AZ
        // primary failing over is billed, its standby promoted), and those booting.
        // (A reserved floor is paid for whether it runs or not: instancesUsd.)
        const double provisioned = st.ready + st.bootingCount();
        usd += instancesUsd(m_p->lumps[l], provisioned) * m_dt / month;
    }
    return usd;
}

// Thread pools in time: each step an app server's pool lets in the share evaluate's fixed point
// lets in at that step's load (limitedFlowAt: the threads its requests hold, downstream waits
// included, against those it has), the steady state's hold times. The threads a pool needs grow
// with the load, so the steps' shares are worked out only when a pool is short at the busiest
// of the run's `steps` + 1 steps (docs/model.md "Simulation in time").
void Simulator::preparePools(long steps)
{
    if (m_p->poolLumps.empty())
        return;
    double busiest = 0;
    for (long n = 0; n <= steps; ++n)
        busiest = std::max(busiest, stepTraffic(double(n) * m_dt));
    m_busiestUsers = m_users * busiest;
    checkPools();
}

// Whether a pool of m_p is short at the run's busiest step: only then are the steps' shares
// worked out (m_poolsBind).
void Simulator::checkPools()
{
    m_poolUsers = m_poolsFreeUpTo = -1;
    m_poolsBind = false;
    std::fill(m_poolShare.begin(), m_poolShare.end(), 1.0);
    if (m_p->poolLumps.empty())
        return;
    poolShares(m_busiestUsers);
    for (int l : m_p->poolLumps)
        m_poolsBind = m_poolsBind || m_poolShare[size_t(l)] < 1;
    std::fill(m_poolShare.begin(), m_poolShare.end(), 1.0);
    m_poolUsers = -1;
}

void Simulator::poolShares(double users)
{
    // The same load as the step before: the same shares. At most a load where no pool was
    // short: none is (the threads needed grow with the load).
    if (users == m_poolUsers)
        return;
    m_poolUsers = users;
    if (users <= m_poolsFreeUpTo) {
        for (int l : m_p->poolLumps)
            m_poolShare[size_t(l)] = 1.0;
        return;
    }
    limitedFlowAt(*m_p, users, m_poolFlow);
    bool shortOne = false;
    for (int l : m_p->poolLumps) {
        const double share = m_poolFlow.admitted.empty() ? 1.0 : m_poolFlow.admitted[size_t(l)];
        m_poolShare[size_t(l)] = share;
        shortOne = shortOne || share < 1;
    }
    if (!shortOne)
        m_poolsFreeUpTo = users;
}

namespace {

// SimulationStep::bottleneck from the step's utilization per lump of `p` (QA: the canvas kept
// evaluate's bottleneck outlined through a spike that overloaded another tier).
int bottleneckOf(const Prepared &p, const std::vector<double> &utilization)
{
    // (A station that nothing reaches this step is none.)
    return bottleneckAmong([&](const auto &f) {
        for (size_t l = 0; l < p.lumps.size(); ++l)
            if (const int rep = p.lumps[l].rep;
                p.prep[size_t(rep)].type != Prep::None && utilization[l] > 0)
                f(utilization[l], rep);
    });
}

} // namespace

// The interval the step at t stands for: the one after it, up to the scenario's end — none for
// the last one, or what is left when the step does not divide the scenario.
double Simulator::intervalAfter(double t) const
{
    const double weight = std::clamp(m_s.durationS - t, 0.0, m_dt);
    if (weight > m_dt * (1 - 1e-9)) // as `steps` counts them: rounding is no remainder
        return m_dt;
    return weight < m_dt * 1e-9 ? 0 : weight;
}

// Adds step to the summary for the interval it stands for.
void Simulator::countStep(const SimulationStep &step, SimulationSummary &sum) const
{
    const double weight = intervalAfter(step.t);
    sum.requests += step.demandRps * weight;
    sum.failedRequests += step.errorRps * weight;
    sum.costUsd += step.costUsd * (weight / m_dt); // × 1 exactly for a whole step
    if (outsideObjective(step, m_p->design.slo))
        sum.sloViolationSeconds += weight;
}

SimulationSummary Simulator::run(const std::function<void(const SimulationStep &)> &onStep)
{
    SimulationSummary sum;
    SimulationStep step;
    const long steps = long(std::floor(m_s.durationS / m_dt + 1e-9));
    preparePools(steps);
    for (long n = 0; n <= steps; ++n) {
        const double t = double(n) * m_dt;
        m_time = t;
        applyEvents(t);
        finishBoots(t);
        reroute();
        const size_t lumps = m_p->lumps.size();
        if (record)
            record->emplace_back(lumps);
        // The step's rate: the traffic's mean over the interval it stands for.
        const double relative = stepTraffic(t);
        step = SimulationStep{};
        step.t = t;
        step.instances.assign(lumps, 0);
        step.utilization.assign(lumps, 0);
        step.backlog.assign(lumps, 0);
        step.errors.assign(lumps, 0);
        step.passedOn.assign(lumps, 0);
        step.rerouted.clear();
        m_failedDynamic = m_deadDynamic = m_backlogDynamic = 0;
        // A row's backlog is what waits at the end of its interval; the last row at the
        // scenario's end stands for none, so what waits then (QA: it read the backlog a step
        // past the end, 138,606 where 136,333 waited at 600 s).
        const bool endsNothing = intervalAfter(t) == 0;
        std::vector<double> waiting;
        if (endsNothing)
            for (const TierState &tier : m_tiers)
                waiting.push_back(tier.backlog);
        flow(relative, step);
        if (endsNothing)
            for (size_t l = 0; l < lumps; ++l)
                step.backlog[l] = waiting[l];
        const double failed = m_failedDynamic / m_dt + m_deadDynamic;
        // At most what there was to fail: the demand, and what left the backlogs (a backlog
        // that times out at once fails more in its step than arrives in it).
        step.errorRps = std::min(step.demandRps - std::min(0.0, m_backlogDynamic / m_dt), failed);
        step.servedRps =
            servedOrNone(step.demandRps - failed - m_backlogDynamic / m_dt, step.demandRps);
        bool valid = false;
        const double p99 = latencyP99(valid);
        if (valid)
            step.p99Ms = p99;
        step.costUsd = stepCost(relative);
        // Those booting through the step, as it is billed: a decision at its end (scale) is
        // the next step's (QA: the timeline read "6 up, 4 booting" for the 300 s before the
        // decision that launched the four).
        step.booting.assign(lumps, 0);
        for (size_t l = 0; l < lumps; ++l) {
            step.booting[l] = m_tiers[l].bootingCount();
            m_tiers[l].maxInstances = std::max(m_tiers[l].maxInstances, step.instances[l]);
        }
        scale(t);
        toBaseLumps(step);
        step.bottleneck = bottleneckOf(m_base, step.utilization);
        countStep(step, sum);
        if (onStep)
            onStep(step);
    }
    sum.errorRate = sum.requests > 0 ? sum.failedRequests / sum.requests : 0;
    for (size_t i = 0; i < m_p->design.components.size(); ++i)
        if (m_p->design.components[i].autoscale)
            sum.maxInstances.push_back(
                {m_p->design.components[i].id,
                 int(std::lround(m_tiers[size_t((*m_p->lumpOf)[i])].maxInstances))});
    return sum;
}

} // namespace fluid

bool outsideObjective(const SimulationStep &step, const Slo &slo)
{
    if (!step.p99Ms || *step.p99Ms > slo.p99Ms)
        return true;
    return step.demandRps > 0 && step.errorRps / step.demandRps > 1 - slo.availability;
}

std::vector<std::string> lumpedEventComponents(const Prepared &p, const Scenario &s)
{
    std::vector<std::string> apart;
    for (const ScenarioEvent &e : s.events)
        for (const int i : eventComponents(p.design, e))
            if (p.lumps[size_t((*p.lumpOf)[size_t(i)])].size > 1)
                apart.push_back(p.design.components[size_t(i)].id);
    return apart;
}

SimulationSummary simulateFluid(const Prepared &p, const Scenario &s,
                                const std::function<void(const SimulationStep &)> &onStep,
                                FluidRecord *record, RerouteRefused *rerouted)
{
    fluid::Simulator sim(p, s);
    sim.record = record;
    SimulationSummary sum = sim.run(onStep);
    if (rerouted)
        *rerouted = {sim.reroutedRefused, sim.reroutedAt};
    return sum;
}

} // namespace sc::detail

namespace sc {

SimulationSummary Model::simulate(const Scenario &scenario,
                                  const std::function<void(const SimulationStep &)> &onStep) const
{
    if (!ok() || !(scenario.stepS > 0) || !(scenario.durationS >= 0))
        return {};
    if (const auto apart = detail::lumpedEventComponents(*m_p, scenario); !apart.empty())
        return Model(design(), catalog(), apart).simulate(scenario, onStep);
    return detail::simulateFluid(*m_p, scenario, onStep, nullptr);
}

} // namespace sc
