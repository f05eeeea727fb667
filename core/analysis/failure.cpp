// Failure: single points of failure (re-routing without each single component), N+1 (one
// instance fewer, or a cache's lost hits re-routed to the data tier), k-of-n tiers and the
// demand-weighted availability of the whole design.

#include "core/analysis/prepared.h"

#include <algorithm>
#include <cmath>

namespace sc::detail {
namespace {

// Probability that at least k of n independent units with availability a are up.
double atLeastKofN(int n, int k, double a)
{
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (a >= 1)
        return 1;
    if (a <= 0)
        return 0;
    const double la = std::log(a), lb = std::log1p(-a);
    const double lnN = logGamma(n + 1.0);
    double sum = 0;
    for (int j = n; j >= k; --j) {
        const double t =
            std::exp(lnN - logGamma(j + 1.0) - logGamma(n - j + 1.0) + j * la + (n - j) * lb);
        sum += t;
        if (t < 1e-18 * sum && j < n * a)
            break;
    }
    return std::min(1.0, sum);
}

// A tier of n units of availability `unit` that needs k of them for the load is up with
// P(≥ k of n up).
double kOfN(const Prepared &p, size_t i, double instances, double users, double unit)
{
    const int count = int(std::max(1.0, std::round(instances)));
    double lambda = 0;
    for (double v : p.perUser(i))
        lambda += v * users;
    // The fewest instances whose capacity exceeds the load (all of them when none do).
    int lo = 1, hi = count;
    if (lambda <= 0 || capacityAt(p, int(i), lo) > lambda)
        hi = lo;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (capacityAt(p, int(i), mid) > lambda)
            hi = mid;
        else
            lo = mid + 1;
    }
    return atLeastKofN(count, hi, unit);
}

// Availability of component i alone, from the catalog's SLAs.
double availabilityOf(const Prepared &p, size_t i, double instances, double users)
{
    const Component &c = p.design.components[i];
    const Catalog &cat = p.catalog;
    switch (c.kind) {
    case Kind::Clients:
        return 1;
    case Kind::Dns:
        return cat.availabilityOf("route53");
    case Kind::Cdn:
        return cat.availabilityOf("cloudfront");
    case Kind::ObjectStorage:
        return cat.availabilityOf("s3");
    case Kind::Queue:
        return cat.availabilityOf("sqs");
    case Kind::Cache:
        return instances >= 2 ? cat.availabilityOf("elasticacheMultiAz")
                              : cat.availabilityOf("elasticacheSingle");
    case Kind::Database:
        return c.flag("multiAz") ? cat.availabilityOf("rdsMultiAz")
                                 : cat.availabilityOf("rdsSingleAz");
    case Kind::ReadReplica:
        return kOfN(p, i, instances, users, cat.availabilityOf("rdsSingleAz"));
    case Kind::LoadBalancer:
        return c.flag("managed") ? cat.availabilityOf("alb")
                                 : kOfN(p, i, instances, users, cat.availabilityOf("ec2Instance"));
    default:
        return kOfN(p, i, instances, users, cat.availabilityOf("ec2Instance"));
    }
}

} // namespace

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

void prepareCacheLoss(Prepared &p)
{
    // N+1 of caches: where their hits go when they are gone. Routing is linear, so the hits
    // follow the misses' routes; only what lies downstream of the cache is visited.
    const size_t n = p.design.components.size();
    p.cacheFailover.assign(n, false);
    std::vector<int> topoPos(n, 0);
    for (size_t k = 0; k < p.order.size(); ++k)
        topoPos[size_t(p.order[k])] = int(k);
    for (size_t i = 0; i < n; ++i) {
        if (p.design.components[i].kind != Kind::Cache || p.perUser(i)[kRead] <= 0)
            continue;
        const auto &outs = p.routing.outs[i][kRead];
        double missShare = 0;
        for (const Out &o : outs)
            missShare += o.fraction;
        if (missShare <= 0)
            continue; // nothing behind the cache to take its hits
        const double hits = p.perUser(i)[kRead] * p.routing.absorbed[i][kRead];
        std::map<int, std::pair<int, double>> frontier; // topological position → (node, flow)
        auto push = [&](int node, double flow) {
            auto &slot = frontier[topoPos[size_t(node)]];
            slot.first = node;
            slot.second += flow;
        };
        for (const Out &o : outs)
            push(o.target, hits * o.fraction / missShare);
        auto &delta = p.cacheLoss[int(i)];
        while (!frontier.empty()) {
            const auto [node, flow] = frontier.begin()->second;
            frontier.erase(frontier.begin());
            delta.emplace_back(node, flow);
            p.cacheFailover[size_t(node)] = true;
            for (const Out &o : p.routing.outs[size_t(node)][kRead])
                push(o.target, flow * o.fraction);
        }
    }
}

RouteFigures routeFigures(const Prepared &p, const std::vector<const Station *> &st, double users,
                          double &availability)
{
    const auto &comps = p.design.components;
    const size_t n = comps.size();
    RouteFigures f;
    f.held.assign(n, ClassRates{});
    f.availability.assign(n, 1);
    std::vector<ClassRates> avail(n);
    for (size_t i = 0; i < n; ++i)
        f.availability[i] = availabilityOf(p, i, st[i]->instances, users);
    // From the sinks back: time held downstream, and the share of requests whose route is up.
    for (int u : p.sinksFirst) {
        const size_t ui = size_t(u);
        for (int k = 0; k < kClassCount; ++k) {
            double h = st[ui]->meanMs[size_t(k)], ok = p.routing.absorbed[ui][size_t(k)];
            if (st[ui]->overloaded)
                h = kInf;
            for (const Out &o : p.routing.outs[ui][size_t(k)]) {
                h += o.fraction * f.held[size_t(o.target)][size_t(o.cls)];
                ok += o.fraction * avail[size_t(o.target)][size_t(o.cls)];
            }
            f.held[ui][size_t(k)] = h;
            // A cache outage degrades (misses go to the database) rather than fails requests.
            avail[ui][size_t(k)] = (comps[ui].kind == Kind::Cache ? 1.0 : f.availability[ui]) * ok;
        }
    }
    double served = 0, demand = 0;
    for (size_t i = 0; i < n; ++i) {
        if (comps[i].kind != Kind::Clients)
            continue;
        for (int k : {kStatic, kRead, kWrite}) {
            served += p.perUser(i)[size_t(k)] * avail[i][size_t(k)];
            demand += p.perUser(i)[size_t(k)];
        }
    }
    availability = demand > 0 ? served / demand : 1;
    return f;
}

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
}

} // namespace sc::detail
