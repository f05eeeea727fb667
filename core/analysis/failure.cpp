// Failure: single points of failure (re-routing without each single component), N+1 (one
// instance fewer, or a cache's lost hits re-routed to the data tier), and the time requests hold
// their callers downstream. Availability is in flow.cpp, with the requests shed past capacity.

#include "core/analysis/prepared.h"
#include "core/analysis/scenarios.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace sc::detail {
void applyFailures(Prepared &p, const Failures &failures)
{
    // The rules are the simulation's (failureEffects), taken where it settles: the balancers
    // have found the failed targets, a Multi-AZ database's standby serves.
    const std::vector<FailedState> states = failedStates(p.design, failures.events);
    const size_t n = p.design.components.size();
    p.down.assign(n, 0);
    if (p.apart.empty())
        p.apart.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        const FailedState &s = states[i];
        Component &c = p.design.components[i];
        bool down = s.down && !s.failedOver;
        if (!down && s.instancesOut > 0 && c.autoscale) {
            if (p.unfailedMin.empty())
                p.unfailedMin.assign(n, -1.0);
            p.unfailedMin[i] = c.autoscale->min;
            c.autoscale->max -= s.instancesOut; // the tier scales out with what is left
            c.autoscale->min = std::min(c.autoscale->min, c.autoscale->max);
            down = c.autoscale->max < 1;
        } else if (!down && s.instancesOut > 0 && findParam(c.kind, "instances")) {
            const double had = c.number("instances"), left = had - s.instancesOut;
            c.params["instances"] = ParamValue{std::max(1.0, left), {}};
            down = left < 1;
            // Failed, not terminated: billed as the simulation bills a fixed tier's failed
            // instances (QA: the live view's bill fell by one while the run's kept it).
            if (p.failedBilled.empty())
                p.failedBilled.assign(n, 0.0);
            p.failedBilled[i] = had - std::max(1.0, left);
        }
        p.down[i] = down;
        if (down || s.instancesOut > 0)
            p.apart[i] = 1;
    }
}

void findSpofs(Prepared &p)
{
    // A single, self-hosted component whose loss leaves served traffic with nowhere to go.
    const size_t n = p.design.components.size();
    p.spof.assign(n, false);
    GroupCounts counts;
    for (size_t i = 0; i < n; ++i) {
        const Component &c = p.design.components[i];
        if (isManaged(c) || c.kind == Kind::Clients || c.kind == Kind::Cache)
            continue;
        bool single = false;
        if (c.kind == Kind::Database)
            single = !c.flag("multiAz");
        else if (c.autoscale)
            single = c.autoscale->min <= 1;
        else
            single = c.number("instances") <= 1;
        if (!single || totalOf(p.perUser(i)) <= 0)
            continue;
        p.spof[i] = losesFlowWithout(p, int(i), counts);
    }
}

namespace {

// The kind of pool a component serves in (its kind, −1 for none): the kinds that run on
// instances (tierAvailability's tiers).
int poolKind(const Prepared &p, size_t i)
{
    switch (p.prep[i].kind) {
    case Kind::AppServer:
    case Kind::Pooler:
    case Kind::Worker:
    case Kind::ReadReplica:
        return int(p.prep[i].kind);
    case Kind::LoadBalancer:
        return p.prep[i].managed ? -1 : int(Kind::LoadBalancer);
    default:
        return -1;
    }
}

// Whether route o's share follows its target's instances (routing.cpp chooseTargets: no edge
// weight, no DNS latency routing).
bool splitByInstances(const Prepared &p, const Out &o)
{
    if (o.edge < 0)
        return true;
    const size_t e = size_t(o.edge);
    return !p.design.connections[e].weight &&
           (p.geo.latencyWeight.empty() || p.geo.latencyWeight[e][size_t(o.cls)] < 0);
}

// The components component t sends anything to, sorted.
std::vector<int> onwardOf(const Prepared &p, int t)
{
    std::vector<int> on;
    for (const Out &o : p.routing.allOutsOf(size_t(t)))
        on.push_back(o.target);
    std::sort(on.begin(), on.end());
    on.erase(std::unique(on.begin(), on.end()), on.end());
    return on;
}

// Whether components [from, to) of `reached` (pool kind, component) may serve together: two or
// more of a kind that runs on instances, all sending on to the same components (what one left
// takes over of the others' share then reaches what it would have reached anyway: the load
// below does not move).
bool servesTogether(const Prepared &p, const std::vector<std::pair<int, int>> &reached, size_t from,
                    size_t to)
{
    if (to - from < 2 || reached[from].first < 0)
        return false;
    const std::vector<int> onward = onwardOf(p, reached[from].second);
    for (size_t j = from + 1; j < to; ++j)
        if (onwardOf(p, reached[j].second) != onward)
            return false;
    return true;
}

// Appends the failover pool of lump l's class k made of components [from, to) of `reached`.
void addPool(Prepared &p, int k, const std::vector<std::pair<int, int>> &reached, size_t from,
             size_t to)
{
    Prepared::FailoverPool pool;
    pool.cls = k;
    pool.unit = reached[from].first == int(Kind::ReadReplica) ? Prepared::RdsSingleAz
                                                              : Prepared::Ec2Instance;
    pool.first = std::uint32_t(p.failoverTargets.size());
    auto &targets = p.failoverTargets;
    for (size_t j = from; j < to; ++j) {
        const int target = (*p.lumpOf)[size_t(reached[j].second)];
        auto same =
            std::find_if(targets.begin() + pool.first, targets.end(),
                         [target](const Prepared::PoolTarget &t) { return t.lump == target; });
        if (same == targets.end())
            targets.push_back({target, 1});
        else
            ++same->members;
    }
    pool.last = std::uint32_t(targets.size());
    p.failoverPools.push_back(pool);
}

} // namespace

void prepareFailover(Prepared &p)
{
    p.failoverPools.clear();
    p.failoverTargets.clear();
    p.failoverAt.clear();
    std::vector<std::pair<int, int>> reached; // (pool kind, component), each once
    std::vector<std::uint32_t> at(p.lumps.size() + 1, 0);
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        at[l] = std::uint32_t(p.failoverPools.size());
        const size_t rep = size_t(p.lumps[l].rep);
        for (int k = 0; k < kClassCount; ++k) {
            // A split by weights keeps them (an edge without one counts as 1 beside those with
            // one): its targets serve alone.
            const std::span<const Out> outs = p.routing.outsOf(rep, k);
            if (!std::all_of(outs.begin(), outs.end(),
                             [&p](const Out &o) { return splitByInstances(p, o); }))
                continue;
            reached.clear();
            for (const Out &o : outs)
                if (const int kind = poolKind(p, size_t(o.target)); kind >= 0)
                    reached.push_back({kind, o.target});
            std::sort(reached.begin(), reached.end());
            reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
            for (size_t from = 0; from < reached.size();) {
                size_t to = from;
                while (to < reached.size() && reached[to].first == reached[from].first)
                    ++to;
                if (servesTogether(p, reached, from, to))
                    addPool(p, k, reached, from, to);
                from = to;
            }
        }
    }
    at.back() = std::uint32_t(p.failoverPools.size());
    if (!p.failoverPools.empty())
        p.failoverAt = std::move(at);
}

void prepareCacheLoss(Prepared &p)
{
    // N+1 of caches: where their hits go when they are gone. Routing is linear, so the hits
    // follow the misses' routes; only what lies downstream of the cache is visited.
    const size_t n = p.design.components.size();
    p.cacheFailover.assign(n, false);
    std::vector<int> topoPos(n, 0);
    for (size_t k = 0; k < p.order.size(); ++k)
        topoPos[size_t(p.order[k])] = int(k);
    struct Reached {
        int pos, node;
        double flow;
    };
    std::vector<Reached> frontier; // descending topological position
    for (size_t i = 0; i < n; ++i) {
        if (p.design.components[i].kind != Kind::Cache || p.perUser(i)[kRead] <= 0)
            continue;
        double missShare = 0;
        for (const Out &o : p.routing.outsOf(i, kRead))
            missShare += o.fraction;
        // A cache that misses nothing has no reads on the routes past it (nor do the poolers
        // and tiers beyond): they are those of the same design with the cache missing every
        // read, where routing, being linear, splits them as it would any misses (QA).
        std::optional<Routing> missing;
        if (!(missShare > 0)) {
            missing = routeMissing(p, int(i));
            for (const Out &o : missing->outsOf(i, kRead))
                missShare += o.fraction;
        }
        if (!(missShare > 0))
            continue; // nothing behind the cache to take its hits
        const Routing &routes = missing ? *missing : p.routing;
        const std::span<const Out> outs = routes.outsOf(i, kRead);
        const double hits = p.perUser(i)[kRead] * p.routing.absorbed[i][kRead];
        // The nodes reached, by topological position, the last (the first in that order) taken
        // next; a node reached twice adds the flows.
        frontier.clear();
        auto push = [&](int node, double flow) {
            const int pos = topoPos[size_t(node)];
            auto at = std::lower_bound(frontier.begin(), frontier.end(), pos,
                                       [](const Reached &r, int x) { return r.pos > x; });
            if (at == frontier.end() || at->pos != pos)
                at = frontier.insert(at, {pos, node, 0.0});
            at->flow += flow;
        };
        for (const Out &o : outs)
            push(o.target, hits * o.fraction / missShare);
        auto &delta = p.cacheLoss[int(i)];
        while (!frontier.empty()) {
            const auto [pos, node, flow] = frontier.back();
            frontier.pop_back();
            delta.emplace_back(node, flow);
            p.cacheFailover[size_t(node)] = true;
            for (const Out &o : routes.outsOf(size_t(node), kRead))
                push(o.target, flow * o.fraction);
        }
    }
}

RouteFigures routeFigures(const Prepared &p, const std::vector<double> &tierByLump)
{
    const size_t n = p.design.components.size();
    RouteFigures f;
    f.availability.assign(n, 1);
    for (size_t i = 0; i < n; ++i)
        f.availability[i] = tierByLump[size_t((*p.lumpOf)[i])];
    return f;
}

namespace {

// N+1 of the servers that serve together at a split (Prepared::failoverPools): one of a single
// instance lost, the others carry the pool's arrivals with what their cores serve, or its
// component is marked in `lossTarget` (another of the pool) and `lossRho` (the pool's arrivals
// over the capacity left).
void checkPoolLosses(const Prepared &p, Evaluation &ev, std::vector<int> &lossTarget,
                     std::vector<double> &lossRho)
{
    if (p.failoverPools.empty())
        return;
    std::vector<std::vector<int>> membersOf(p.lumps.size()); // components, design order
    for (size_t i = 0; i < p.lumpOf->size(); ++i)
        membersOf[size_t((*p.lumpOf)[i])].push_back(int(i));
    for (const Prepared::FailoverPool &pool : p.failoverPools) {
        double capacity = 0, arrivals = 0;
        for (std::uint32_t t = pool.first; t < pool.last; ++t) {
            const auto [l, members] = p.failoverTargets[t];
            const ComponentResult &r = ev.components[size_t(p.lumps[size_t(l)].rep)];
            capacity += members * r.capacityRps;
            arrivals += members * r.arrivalRps;
        }
        for (std::uint32_t t = pool.first; t < pool.last; ++t) {
            const int l = p.failoverTargets[t].lump;
            const size_t rep = size_t(p.lumps[size_t(l)].rep);
            const ComponentResult &r = ev.components[rep];
            if (!r.station || r.instances >= 2 || !(arrivals > 0))
                continue;
            const double left = capacity - r.capacityRps;
            const double rho = left > 0 ? arrivals / left : kInf;
            // Another target of the pool to name: a member of another lump, else of its own.
            const int other = pool.last - pool.first < 2 ? l
                              : t == pool.first          ? p.failoverTargets[t + 1].lump
                                                         : p.failoverTargets[pool.first].lump;
            for (const int i : membersOf[size_t(l)]) {
                if (ev.components[size_t(i)].spof)
                    continue;
                ev.components[size_t(i)].nPlusOne = left > arrivals;
                if (left > arrivals || rho <= lossRho[size_t(i)])
                    continue;
                lossRho[size_t(i)] = rho;
                for (const int j : membersOf[size_t(other)])
                    if (j != i && lossTarget[size_t(i)] < 0)
                        lossTarget[size_t(i)] = j;
            }
        }
    }
}

} // namespace

void checkNPlusOne(const Prepared &p, const std::vector<const Station *> &st, double users,
                   Evaluation &ev, std::vector<int> &lossTarget, std::vector<double> &lossRho)
{
    const auto &comps = p.design.components;
    const size_t n = comps.size();
    lossTarget.assign(n, -1);
    lossRho.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        const Component &c = comps[i];
        ComponentResult &r = ev.components[i];
        // One instance fewer must still carry the peak.
        if (r.station && !isManaged(c) && r.instances >= 2 && c.kind != Kind::Database)
            r.nPlusOne = capacityAt(p, int(i), r.instances - 1) > r.arrivalRps;
        else if (r.station && !isManaged(c) && c.kind != Kind::Cache)
            r.nPlusOne = !r.spof && !(r.arrivalRps > 0 && c.kind != Kind::Database);
        // A lost cache node sends its share of the hits on to the data tier.
        auto loss = p.cacheLoss.find(int(i));
        if (loss == p.cacheLoss.end())
            continue;
        const double share = 1 / std::max(1.0, r.instances);
        for (const auto &[node, extra] : loss->second) {
            const size_t j = size_t(node);
            ClassRates flows = p.perUser(j);
            flows[kRead] += extra * share;
            const Station after = stationAt(p, j, flows, users, st[j]->instances);
            if (after.station && after.rho >= 1 && after.rho > lossRho[i]) {
                lossRho[i] = after.rho;
                lossTarget[i] = int(j);
                r.nPlusOne = false;
            }
        }
    }
    checkPoolLosses(p, ev, lossTarget, lossRho);
}

} // namespace sc::detail
