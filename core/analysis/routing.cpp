// Routing: where each request class goes from every component (DESIGN.md "Routing"), solved
// once per edit as per-user visit rates per component and class.

#include "core/analysis/prepared.h"

#include <algorithm>
#include <cassert>

namespace sc::detail {
namespace {

using KindGroups = std::vector<std::vector<Kind>>;

// Where a component sends each class, most preferred group first (DESIGN.md "Routing").
struct Rule {
    KindGroups groups;
    bool mustForward = true; // false: the component serves the class itself when unconnected
    bool failover = false;   // a dead group hands over to the next one (caches, replicas)
};

Rule makeRoutingRule(Kind from, RequestClass c)
{
    using K = Kind;
    switch (from) {
    case K::Clients:
        if (c == RequestClass::Static)
            return {{{K::Dns}, {K::Cdn}, {K::LoadBalancer, K::AppServer}, {K::ObjectStorage}}};
        return {{{K::Dns}, {K::LoadBalancer, K::AppServer}, {K::Cdn}}};
    case K::Dns:
        if (c == RequestClass::Static)
            return {{{K::Cdn}, {K::LoadBalancer, K::AppServer}, {K::ObjectStorage}}};
        return {{{K::LoadBalancer, K::AppServer}, {K::Cdn}}};
    case K::Cdn:
        if (c == RequestClass::Static)
            return {{{K::ObjectStorage}, {K::LoadBalancer, K::AppServer}}};
        return {{{K::LoadBalancer, K::AppServer}}};
    case K::LoadBalancer:
        return {{{K::LoadBalancer, K::AppServer}}};
    case K::AppServer:
        if (c == RequestClass::Static)
            return {{{K::ObjectStorage}}, false};
        if (c == RequestClass::Read)
            return {{{K::ReadReplica}, {K::Pooler}, {K::Database}}, false, true};
        if (c == RequestClass::Write)
            return {{{K::Pooler}, {K::Database}}, false};
        return {{{K::Queue}, {K::Worker}}};
    case K::Cache:
        return {{{K::ReadReplica}, {K::Pooler}, {K::Database}}, false, true};
    case K::Pooler:
        if (c == RequestClass::Read)
            return {{{K::ReadReplica}, {K::Database}}, true, true};
        return {{{K::Database}}};
    case K::Queue:
        return {{{K::Worker}}};
    case K::Worker:
        return {{{K::Pooler}, {K::Database}}, false};
    case K::Database:
    case K::ReadReplica:
    case K::ObjectStorage:
        return {{}, false};
    }
    return {{}, false};
}

// The rules, built once: routing asks for one per component and class.
const Rule &routingRule(Kind from, RequestClass c)
{
    static const auto table = [] {
        std::array<std::array<Rule, kClassCount>, kKindCount> t;
        for (int k = 0; k < kKindCount; ++k)
            for (int r = 0; r < kClassCount; ++r)
                t[size_t(k)][size_t(r)] = makeRoutingRule(Kind(k), RequestClass(r));
        for (const auto &rules : t)
            for ([[maybe_unused]] const Rule &rule : rules)
                assert(rule.groups.size() <= GroupCounts::kMaxGroups);
        return t;
    }();
    return table[size_t(from)][size_t(c)];
}

// An app server's reads try its look-aside caches first.
const Rule &lookAsideRule()
{
    static const Rule rule{{{Kind::Cache}}, false, true};
    return rule;
}

// How a group's flow splits without edge weights: by the targets' instance counts.
double targetWeight(const Component &t)
{
    return std::max(1.0, t.mostInstances());
}

// Picks the successors of u for class c: the first rule group with a matching connection,
// split by edge weights or, without weights, by the targets' instance counts. Returns whether a
// group matched; `outs` stays empty when every member of that group is `dead`.
bool chooseTargets(const Prepared &p, int u, RequestClass c, const Rule &rule, int dead,
                   std::vector<Out> &outs)
{
    const auto &comps = p.design.components;
    outs.clear();
    bool matched = false;
    static thread_local std::vector<int> edges; // keeps its capacity between calls
    for (size_t g = 0; g < rule.groups.size(); ++g) {
        edges.clear();
        bool anyMatch = false;
        for (int e : p.outEdges[size_t(u)]) {
            const Connection &conn = p.design.connections[size_t(e)];
            if (!conn.carries(c))
                continue;
            const int v = p.to[size_t(e)];
            const Kind k = comps[size_t(v)].kind;
            if (std::find(rule.groups[g].begin(), rule.groups[g].end(), k) == rule.groups[g].end())
                continue;
            anyMatch = true;
            if (v != dead && !isDown(p, v))
                edges.push_back(e);
        }
        if (!anyMatch)
            continue;
        matched = true;
        if (edges.empty()) {
            if (rule.failover)
                continue; // e.g. the only replica is gone: reads fall back to the primary
            return true;  // the group is dead: the flow is lost
        }
        // DNS latency routing (geography.cpp) chooses among the targets in a placed region
        // (weight ≥ 0); one in no placed region is never chosen (it was: one such target turned
        // the whole split back to weights while each population's latency followed its own
        // target; QA). The chosen targets all gone, the split falls back to the weights.
        bool weighted = false;
        double chosen = 0;
        for (int e : edges) {
            weighted = weighted || p.design.connections[size_t(e)].weight.has_value();
            if (!p.geo.latencyWeight.empty() && p.geo.latencyWeight[size_t(e)][size_t(c)] > 0)
                chosen += p.geo.latencyWeight[size_t(e)][size_t(c)];
        }
        const bool byLatency = chosen > 0;
        double sum = 0;
        for (int e : edges) {
            const Connection &conn = p.design.connections[size_t(e)];
            const int v = p.to[size_t(e)];
            // DNS latency routing (geography.cpp): the shares of the populations nearest.
            const double w = byLatency  ? p.geo.latencyWeight[size_t(e)][size_t(c)]
                             : weighted ? conn.weight.value_or(1.0)
                                        : targetWeight(comps[size_t(v)]);
            if (byLatency && w <= 0)
                continue;
            outs.push_back({v, e, w, c});
            sum += w;
        }
        for (Out &o : outs)
            o.fraction /= sum;
        return true;
    }
    return matched;
}

// Per group of the rule: how many of u's connections carrying c match it (what chooseTargets
// would find with nothing dead).
void countGroupMatches(const Prepared &p, int u, RequestClass c, const Rule &rule,
                       std::span<int> count)
{
    std::fill(count.begin(), count.end(), 0);
    for (int e : p.outEdges[size_t(u)]) {
        if (!p.design.connections[size_t(e)].carries(c))
            continue;
        const Kind k = p.design.components[size_t(p.to[size_t(e)])].kind;
        for (size_t g = 0; g < rule.groups.size(); ++g)
            if (std::find(rule.groups[g].begin(), rule.groups[g].end(), k) != rule.groups[g].end())
                ++count[g];
    }
}

// What chooseTargets(p, u, c, rule, x, outs) reports as "matched, with no target left", for
// x the end of u's connection e, from the group counts alone: O(groups) instead of a scan of
// all of u's connections (one scan per x made findSpofs quadratic in a wide app's fan-out).
// A design with errors (duplicate connections among them) never gets here.
bool lostWithout(const Prepared &p, int e, RequestClass c, const Rule &rule,
                 std::span<const int> count)
{
    const Kind k = p.design.components[size_t(p.to[size_t(e)])].kind;
    const bool carries = p.design.connections[size_t(e)].carries(c);
    bool matched = false;
    for (size_t g = 0; g < rule.groups.size(); ++g) {
        if (count[g] == 0)
            continue;
        matched = true;
        const bool xInGroup = carries && std::find(rule.groups[g].begin(), rule.groups[g].end(),
                                                   k) != rule.groups[g].end();
        if (!xInGroup || count[g] > 1)
            return false; // a live member of the chosen group takes the flow
        if (!rule.failover)
            return true; // the group is x alone: its flow is lost
    }
    return matched;
}

// One pass over the components in topological order, pushing each class's flow on.
class Router
{
public:
    Router(const Prepared &p, int dead, int missing = -1)
        : m_p(p)
        , m_dead(dead)
        , m_missing(missing)
        , m_fallback(p.design.components.size())
        , m_lostMisses(p.design.components.size(), 0.0)
    {
    }

    Routing run()
    {
        const auto &comps = m_p.design.components;
        const size_t n = comps.size();
        m_r.perUser.assign(n, ClassRates{});
        m_r.outs.store.clear();
        m_r.outs.at.assign(n, {});
        m_r.absorbed.assign(n, ClassRates{});
        m_r.jobsPerWrite.assign(n, 0);
        m_r.edgeFlow.assign(m_p.design.connections.size(), 0);
        m_r.edgeClassFlow.assign(m_p.design.connections.size(), ClassRates{});
        m_r.deadEnd.assign(n, ClassRates{});
        m_r.failedAt.assign(n, ClassRates{});
        m_r.hitRatio.assign(n, 0);
        m_r.cacheFills.assign(n, 0);
        m_r.cacheInvalidations.assign(n, 0);
        for (size_t i = 0; i < n; ++i)
            if (comps[i].kind == Kind::Clients && int(i) != m_dead)
                for (int c : {kStatic, kRead, kWrite})
                    m_r.perUser[i][size_t(c)] = comps[i].number("share") * m_p.base[size_t(c)];
        for (int u : m_p.order) {
            if (u == m_dead || isDown(m_p, u))
                continue;
            auto &at = m_r.outs.at[size_t(u)];
            for (int ci = 0; ci < kClassCount; ++ci) {
                at[size_t(ci)] = std::uint32_t(m_r.outs.store.size());
                const double flow = m_r.perUser[size_t(u)][size_t(ci)];
                if (flow > 0)
                    routeClass(u, RequestClass(ci), flow);
            }
            at[kClassCount] = std::uint32_t(m_r.outs.store.size());
            routeJobs(u);
            at[kClassCount + 1] = std::uint32_t(m_r.outs.store.size());
        }
        addDataTierWork(m_p, m_r);
        return std::move(m_r);
    }

private:
    bool choose(int u, RequestClass c, const Rule &rule, std::vector<Out> &outs) const
    {
        return chooseTargets(m_p, u, c, rule, m_dead, outs);
    }

    // Sends the flow on along `list` as the current list (run() fills a component's lists while
    // it is at that component, so they lie side by side in outs.store).
    void send(double flow, const std::vector<Out> &list, double share)
    {
        for (const Out &o : list) {
            Out scaled = o;
            scaled.fraction = o.fraction * share;
            m_r.outs.store.push_back(scaled);
            m_r.perUser[size_t(o.target)][size_t(o.cls)] += flow * scaled.fraction;
            if (o.edge >= 0) {
                m_r.edgeFlow[size_t(o.edge)] += flow * scaled.fraction;
                m_r.edgeClassFlow[size_t(o.edge)][size_t(o.cls)] += flow * scaled.fraction;
            }
        }
    }

    // A class whose targets at u are all down: the flow is lost there.
    void lost(int u, RequestClass c, double flow)
    {
        m_r.lost += flow;
        m_r.failedAt[size_t(u)][size_t(c)] += flow;
    }

    // A class that arrives at u with no connection to go on to: the flow fails there.
    void deadEnd(int u, RequestClass c, double flow)
    {
        m_r.lost += flow;
        m_r.deadEnd[size_t(u)][size_t(c)] += flow;
    }

    void routeClass(int u, RequestClass c, double flow)
    {
        const Component &comp = m_p.design.components[size_t(u)];
        const size_t ci = size_t(c);
        if (comp.kind == Kind::AppServer && c == RequestClass::Read)
            return routeAppReads(u, flow);
        double absorb = 0; // fraction served here
        if (comp.kind == Kind::Cdn && c == RequestClass::Static)
            absorb = comp.number("hitRatio");
        if (comp.kind == Kind::Cache && c == RequestClass::Read) {
            // Every caller has been routed: the cache's reads and invalidations are complete.
            absorb = u == m_missing ? 0.0
                                    : cacheHitRatioFor(m_p, size_t(u), flow,
                                                       m_r.cacheInvalidations[size_t(u)]);
            m_r.hitRatio[size_t(u)] = absorb;
            m_r.cacheFills[size_t(u)] = flow * (1 - absorb); // a set per miss
        }
        const double forward = 1 - absorb;
        if (comp.kind == Kind::Cache && c == RequestClass::Read)
            return routeCacheReads(u, flow, absorb, forward);
        const Rule &rule = routingRule(comp.kind, c);
        if (rule.groups.empty()) {
            m_r.absorbed[size_t(u)][ci] = 1;
            return;
        }
        m_r.absorbed[size_t(u)][ci] = absorb;
        if (forward <= 0)
            return;
        const bool matched = choose(u, c, rule, m_outs);
        if (!m_outs.empty()) {
            send(flow, m_outs, forward);
        } else if (matched) {
            lost(u, c, flow * forward);
        } else if (rule.mustForward) {
            deadEnd(u, c, flow * forward);
        } else {
            m_r.absorbed[size_t(u)][ci] = 1;
        }
    }

    // Look-aside caches first; what they miss goes to the app's data tier.
    void routeAppReads(int u, double flow)
    {
        const RequestClass c = RequestClass::Read;
        std::vector<Out> &caches = m_caches, &data = m_outs;
        choose(u, c, lookAsideRule(), caches);
        const bool matched = choose(u, c, routingRule(Kind::AppServer, c), data);
        if (!caches.empty()) {
            send(flow, caches, 1.0);
            for (const Out &cache : caches) {
                // A write deletes the key from the cache its reads of that key go to.
                m_r.cacheInvalidations[size_t(cache.target)] +=
                    m_r.perUser[size_t(u)][kWrite] * cache.fraction;
                bool readThrough = false;
                for (int e : m_p.outEdges[size_t(cache.target)])
                    readThrough = readThrough || m_p.design.connections[size_t(e)].carries(c);
                if (readThrough)
                    continue;
                for (const Out &d : data)
                    m_fallback[size_t(cache.target)].push_back(
                        {{d.target, d.edge, d.fraction, c, u}, flow, cache.fraction});
                if (data.empty() && matched) // the data tier is down: the misses fail
                    m_lostMisses[size_t(cache.target)] += flow * cache.fraction;
            }
        } else if (!data.empty()) {
            send(flow, data, 1.0);
        } else if (matched) {
            lost(u, c, flow);
        } else {
            m_r.absorbed[size_t(u)][kRead] = 1;
        }
    }

    // A read-through cache forwards its misses; a look-aside one hands them to the data tier
    // its caller would have used (m_fallback, filled by routeAppReads).
    void routeCacheReads(int u, double flow, double absorb, double forward)
    {
        m_r.absorbed[size_t(u)][kRead] = absorb;
        const bool matched =
            choose(u, RequestClass::Read, routingRule(Kind::Cache, RequestClass::Read), m_outs);
        if (!m_outs.empty()) {
            send(flow, m_outs, forward);
        } else if (!m_fallback[size_t(u)].empty() || m_lostMisses[size_t(u)] > 0) {
            if (m_lostMisses[size_t(u)] > 0)
                lost(u, RequestClass::Read, m_lostMisses[size_t(u)] * forward);
            for (const Miss &m : m_fallback[size_t(u)]) {
                // The caller's reads × its share to this cache × the miss ratio × the data route.
                const double missed = m.callerFlow * (m.cacheShare * forward) * m.to.fraction;
                Out rel = m.to;
                rel.fraction = missed / flow;
                m_r.outs.store.push_back(rel);
                m_r.perUser[size_t(rel.target)][kRead] += missed;
                if (rel.edge >= 0) {
                    m_r.edgeFlow[size_t(rel.edge)] += missed;
                    m_r.edgeClassFlow[size_t(rel.edge)][kRead] += missed;
                }
            }
        } else if (matched) {
            lost(u, RequestClass::Read, flow * forward);
        } else {
            // Nothing behind the cache: the calling app answers misses itself.
            m_r.absorbed[size_t(u)][kRead] = 1;
        }
    }

    // Writes on an app server enqueue background jobs.
    void routeJobs(int u)
    {
        const Component &comp = m_p.design.components[size_t(u)];
        const double jobs = m_p.design.traffic.asyncPerWrite;
        const double writes = m_r.perUser[size_t(u)][kWrite];
        if (comp.kind != Kind::AppServer || jobs <= 0 || writes <= 0)
            return;
        const bool matched =
            choose(u, RequestClass::Job, routingRule(comp.kind, RequestClass::Job), m_outs);
        const double flow = writes * jobs;
        if (m_outs.empty()) {
            if (matched)
                lost(u, RequestClass::Job, flow);
            else
                deadEnd(u, RequestClass::Job, flow);
            return;
        }
        m_r.jobsPerWrite[size_t(u)] = jobs;
        for (const Out &o : m_outs) {
            m_r.outs.store.push_back(o);
            m_r.perUser[size_t(o.target)][kJob] += flow * o.fraction;
            if (o.edge >= 0) {
                m_r.edgeFlow[size_t(o.edge)] += flow * o.fraction;
                m_r.edgeClassFlow[size_t(o.edge)][kJob] += flow * o.fraction;
            }
        }
    }

    const Prepared &m_p;
    const int m_dead;
    const int m_missing; // a cache taken to miss every read (routeMissing), or −1
    Routing m_r;
    // A look-aside cache's misses go back to its caller's data route `to` (fraction: of the
    // caller's reads sent there); the miss ratio is known once the cache is reached.
    struct Miss {
        Out to;
        double callerFlow = 0, cacheShare = 0;
    };
    std::vector<std::vector<Miss>> m_fallback; // per look-aside cache
    std::vector<double> m_lostMisses;          // per look-aside cache: reads whose data is down
    std::vector<Out> m_outs, m_caches;         // scratch
};

} // namespace

std::vector<int> routeCandidates(const Prepared &p, int u, RequestClass c)
{
    const Rule &rule = routingRule(p.design.components[size_t(u)].kind, c);
    std::vector<int> edges;
    for (const std::vector<Kind> &group : rule.groups) {
        for (int e : p.outEdges[size_t(u)]) {
            const Kind k = p.design.components[size_t(p.to[size_t(e)])].kind;
            if (p.design.connections[size_t(e)].carries(c) &&
                std::find(group.begin(), group.end(), k) != group.end())
                edges.push_back(e);
        }
        if (!edges.empty())
            break;
    }
    return edges;
}

Routing route(const Prepared &p, int dead)
{
    return Router(p, dead).run();
}

Routing routeMissing(const Prepared &p, int missing)
{
    return Router(p, -1, missing).run();
}

std::string deadEndClasses(const ClassRates &flow)
{
    std::vector<std::string_view> names;
    for (int c = 0; c < kClassCount; ++c)
        if (flow[size_t(c)] > 0)
            names.push_back(className(RequestClass(c)));
    std::string text;
    for (size_t k = 0; k < names.size(); ++k)
        text += std::string(k == 0                  ? ""
                            : k + 1 == names.size() ? " and "
                                                    : ", ") +
                std::string(names[k]);
    return text;
}

void reportDeadEnds(const Prepared &p, const Routing &routing, Issues &issues)
{
    size_t unlisted = 0;
    for (size_t u = 0; u < routing.deadEnd.size(); ++u) {
        if (routing.deadEnd[u] == ClassRates{})
            continue;
        const Component &comp = p.design.components[u];
        addCapped(issues, unlisted,
                  {"design.components[" + std::to_string(u) + "]",
                   std::string(kindTitle(comp.kind)) + " \"" +
                       clipText(comp.label.empty() ? comp.id : comp.label) +
                       "\" has nowhere to send " + deadEndClasses(routing.deadEnd[u]) +
                       " requests: connect it onward",
                   comp.id});
    }
    closeCapped(issues, unlisted);
}

std::span<const int> GroupCounts::of(const Prepared &p, int u, RequestClass c)
{
    if (counts.empty())
        counts.resize(p.design.components.size());
    Counts &slot = counts[size_t(u)][size_t(c)];
    const Rule &rule = routingRule(p.design.components[size_t(u)].kind, c);
    const std::span<int> matches(slot.matches.data(), rule.groups.size());
    if (!slot.known) {
        countGroupMatches(p, u, c, rule, matches);
        slot.known = true;
    }
    return matches;
}

bool losesFlowWithout(const Prepared &p, int x, GroupCounts &counts)
{
    // Only x's callers decide where flow goes: if one of them still receives flow of a class
    // whose chosen group was x alone (and cannot fail over), that flow is lost.
    const auto &comps = p.design.components;
    for (int e : p.inEdges[size_t(x)]) {
        const int u = p.from[size_t(e)];
        const Component &cu = comps[size_t(u)];
        for (int ci = 0; ci < kClassCount; ++ci) {
            const RequestClass c = RequestClass(ci);
            const bool appJobs = cu.kind == Kind::AppServer && c == RequestClass::Job;
            if (p.perUser(size_t(u))[size_t(ci)] <= 0 && !appJobs)
                continue;
            if (appJobs && p.routing.jobOutsOf(size_t(u)).empty())
                continue;
            // An app's look-aside caches take the reads first; losing one of them loses nothing,
            // so only its data tier counts, as for every other class it forwards.
            const bool appReads = cu.kind == Kind::AppServer && c == RequestClass::Read;
            if (!appJobs && !appReads && p.routing.outsOf(size_t(u), ci).empty())
                continue; // u serves this class itself
            if (lostWithout(p, e, c, routingRule(cu.kind, c), counts.of(p, u, c)))
                return true;
        }
    }
    return false;
}

} // namespace sc::detail
