// The data tier's own work besides answering reads (docs/model.md "Cache hit ratio, derived",
// "Cache fills and invalidations", "Read replicas apply the primary's writes"): a cache's hit
// ratio from its keys and memory, its fills and invalidations; the writes a replica applies
// and how long they take to show there.

#include "core/analysis/cachemodel.h"
#include "core/analysis/prepared.h"

#include <algorithm>

namespace sc::detail {
namespace {

constexpr double kBytesPerGiB = 1073741824.0;

// The components that ask replica r for reads, a cache replaced by the app servers calling it,
// into `out` (cleared first).
void readersOf(const Prepared &p, int r, std::vector<int> &out)
{
    out.clear();
    for (int e : p.inEdges[size_t(r)]) {
        if (!p.design.connections[size_t(e)].carries(RequestClass::Read))
            continue;
        const int s = p.from[size_t(e)];
        if (p.design.components[size_t(s)].kind != Kind::Cache) {
            out.push_back(s);
            continue;
        }
        for (int e2 : p.inEdges[size_t(s)])
            if (p.design.connections[size_t(e2)].carries(RequestClass::Read))
                out.push_back(p.from[size_t(e2)]);
    }
}

// Per user: the writes of one shard of database d (the hottest, as its station counts them).
double shardWrites(const Prepared &p, const Routing &r, int d)
{
    const ClassRates &w = r.perUser[size_t(d)];
    return (w[kWrite] + w[kJob]) * shardFactor(p.design.components[size_t(d)]);
}

// The primary replica r copies: of the databases its readers write to (through poolers), the
// one with the most writes per shard, of equal ones (to 10⁻¹² of each other) the first in the
// design's order (not the first reached, which followed the order of the connections: a replica
// between two primaries of equal writes billed either one's storage; QA); −1 when they write to
// none. Readers whose writes go nowhere (a traffic without writes, readers sent reads only, a
// primary failed: routing sends nothing there) copy the database they are wired to write to,
// through poolers. `walk` is the caller's: its flags (one per component, all clear) are cleared
// again on return (a design of many replicas would otherwise clear a flag per component for
// each), its lists keep their blocks.
struct ReplicaWalk {
    std::vector<char> seen;
    std::vector<int> todo, visited;
};
int primaryOfReplica(const Prepared &p, const Routing &r, int replica, ReplicaWalk &walk)
{
    int best = -1;
    double bestWrites = 0;
    std::vector<char> &seen = walk.seen;
    std::vector<int> &todo = walk.todo, &visited = walk.visited;
    // `wired`: along the connections that carry writes, through poolers, instead of the routes.
    const auto search = [&](bool wired) {
        readersOf(p, replica, todo);
        visited.clear();
        while (!todo.empty()) {
            const int u = todo.back();
            todo.pop_back();
            if (seen[size_t(u)])
                continue;
            seen[size_t(u)] = 1;
            visited.push_back(u);
            const Kind kind = p.design.components[size_t(u)].kind;
            if (kind == Kind::Database) {
                const double writes = shardWrites(p, r, u);
                const double tie = 1e-12 * std::max(writes, bestWrites);
                if (best < 0 || writes > bestWrites + tie ||
                    (writes >= bestWrites - tie && u < best))
                    best = u, bestWrites = writes;
                continue;
            }
            if (!wired) {
                for (int k : {kWrite, kJob})
                    for (const Out &o : r.outsOf(size_t(u), k))
                        todo.push_back(o.target);
                continue;
            }
            for (int e : p.outEdges[size_t(u)]) {
                const int to = p.to[size_t(e)];
                const Kind target = p.design.components[size_t(to)].kind;
                if (p.design.connections[size_t(e)].carries(RequestClass::Write) &&
                    (target == Kind::Database || target == Kind::Pooler))
                    todo.push_back(to);
            }
        }
        for (int u : visited)
            seen[size_t(u)] = 0;
    };
    search(false);
    if (best < 0)
        search(true);
    return best;
}

} // namespace

bool derivesHitRatio(const Component &c)
{
    return c.kind == Kind::Cache && c.textView("hitRatioFrom") == "derived";
}

bool hitRatioFollowsUsers(const Design &d)
{
    return std::any_of(d.components.begin(), d.components.end(), [](const Component &c) {
        return derivesHitRatio(c) && c.number("ttlS") > 0;
    });
}

double cacheCapacityOf(const Prepared &p, size_t i)
{
    const Component &c = p.design.components[i];
    const InstanceType *type = p.instanceOf[i];
    const double memory = type ? c.number("instances") * type->memoryGiB * kBytesPerGiB : 0;
    return cacheCapacityKeys(memory, c.number("valueBytes"));
}

CacheFigures derivedCacheFigures(const Prepared &p, size_t i, double readPerUser,
                                 double invalidationsPerUser, double users)
{
    const Component &c = p.design.components[i];
    CacheInputs in;
    in.keys = c.number("keys");
    in.capacityKeys = cacheCapacityOf(p, i);
    in.zipfExponent = c.number("zipfExponent");
    in.ttlS = c.number("ttlS");
    in.readRps = readPerUser * users;
    in.invalidationRps = invalidationsPerUser * users;
    return cacheHitRatio(in);
}

double cacheHitRatioFor(const Prepared &p, size_t i, double readPerUser,
                        double invalidationsPerUser)
{
    const Component &c = p.design.components[i];
    if (!derivesHitRatio(c))
        return c.number("hitRatio");
    return derivedCacheFigures(p, i, readPerUser, invalidationsPerUser, p.design.traffic.users)
        .hitRatio;
}

void addDataTierWork(const Prepared &p, Routing &r)
{
    const auto &comps = p.design.components;
    const size_t n = comps.size();
    r.primaryOf.assign(n, -1);
    r.appliedWrites.assign(n, 0);
    ReplicaWalk walk;
    walk.seen.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        if (comps[i].kind == Kind::Cache) {
            r.perUser[i][kWrite] += r.cacheFills[i] + r.cacheInvalidations[i];
        } else if (comps[i].kind == Kind::ReadReplica) {
            // Every write the primary commits is applied on each replica (each instance); one
            // down (live failures, a run's outage found) applies none: nothing reaches it.
            const int primary = primaryOfReplica(p, r, int(i), walk);
            r.primaryOf[i] = primary;
            if (primary < 0 || isDown(p, int(i)))
                continue;
            const double instances = std::max(1.0, comps[i].number("instances"));
            r.appliedWrites[i] = shardWrites(p, r, primary) * instances;
            r.perUser[i][kWrite] += r.appliedWrites[i];
        }
    }
}

std::optional<double> replicationDelayMs(const Prepared &p, size_t i, const Station &s)
{
    if (s.overloaded)
        return std::nullopt;
    // A replica in another region than its primary: the log crosses the distance too (QA: a
    // replica in Sydney of a primary in Virginia read the same 15 ms as one beside it).
    const int primary = p.routing.primaryOf[i];
    const double away = primary >= 0 ? interRegionOneWayMs(p, primary, int(i)) : 0.0;
    return p.design.components[i].number("shipDelayMs") + away + s.meanMs[kWrite];
}

void dataTierFigures(const Prepared &p, const std::vector<const Station *> &st, double users,
                     Evaluation &ev)
{
    const Routing &r = p.routing;
    for (size_t i = 0; i < ev.components.size(); ++i) {
        ComponentResult &c = ev.components[i];
        if (c.kind == Kind::Cache) {
            c.hitRatio = r.hitRatio[i];
            // Past a wall above it, the share of its reads that reaches it (flow.cpp).
            const double offered = r.perUser[i][kRead] * users;
            const double reaching = c.arrivals[kRead] < offered ? c.arrivals[kRead] / offered : 1.0;
            c.cacheFillRps = r.cacheFills[i] * users * reaching;
            c.cacheInvalidationRps = r.cacheInvalidations[i] * users * reaching;
        } else if (c.kind == Kind::ReadReplica) {
            c.appliedWriteRps = c.arrivals[kWrite]; // what its primary commits
            // No delay where nothing is applied (no writes, or its primary down).
            if (r.primaryOf[i] >= 0 && c.appliedWriteRps > 0)
                c.replicationDelayMs = replicationDelayMs(p, i, *st[i]);
        }
    }
}

} // namespace sc::detail
