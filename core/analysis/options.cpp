#include "options.h"

#include "core/analysis/limits.h"

#include <algorithm>
#include <cmath>

namespace sc {

namespace {

// The hottest shard's share of a database's load relative to one primary (as the model takes
// it): shardSkew ÷ shards beyond one shard.
double shardShare(const Component &c, double shards)
{
    return c.kind == Kind::Database && shards > 1 ? c.number("shardSkew") / shards : 1.0;
}

// Monthly price of one billed instance of `type` for component `c`, in the model's order of
// operations: hourly × hours × pricing factor, × the Multi-AZ factor for a Multi-AZ database.
double unitMonthlyUsd(const Catalog &catalog, const Component &c, const InstanceType &type)
{
    double usd =
        type.hourlyUsd * catalog.hoursPerMonth * catalog.pricingFactor(c.textView("pricing"));
    if (c.kind == Kind::Database && c.flag("multiAz"))
        usd *= catalog.service("rds", "multiAzFactor");
    return usd;
}

// Monthly price of `count` billed instances of `type` for component `c`, as the model bills them:
// an auto-scaled tier at reserved pricing reserves its minimum (at most the count) and runs the
// rest on demand (docs/model.md "Cost"); any other, count × unitMonthlyUsd.
double countMonthlyUsd(const Catalog &catalog, const Component &c, const InstanceType &type,
                       int count)
{
    const double unit = unitMonthlyUsd(catalog, c, type);
    const double factor = catalog.pricingFactor(c.textView("pricing"));
    if (!c.autoscale || c.textView("pricing") != "reserved" || factor == 1)
        return count * unit;
    // (Auto-scaled tiers are app servers, workers, poolers: no Multi-AZ factor on the price on
    // demand, and a reserved factor of 0 in a catalog divides nothing; review.)
    const double reserved = std::min(count, c.autoscale->min);
    return reserved * unit + (count - reserved) * type.hourlyUsd * catalog.hoursPerMonth;
}

// The cheapest single instance for each capacity among `candidates`, in rising capacity.
std::vector<ScaleOption> priceFrontier(std::vector<ScaleOption> candidates)
{
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const ScaleOption &a, const ScaleOption &b) {
                         return a.capacityRps != b.capacityRps ? a.capacityRps > b.capacityRps
                                                               : a.monthlyUsd < b.monthlyUsd;
                     });
    std::vector<ScaleOption> frontier;
    for (const ScaleOption &o : candidates)
        if (frontier.empty() || o.monthlyUsd < frontier.back().monthlyUsd)
            frontier.push_back(o);
    std::reverse(frontier.begin(), frontier.end());
    return frontier;
}

} // namespace

ScaleOptions scaleOptions(const Model &model, int i)
{
    ScaleOptions out;
    const auto &comps = model.design().components;
    if (!model.ok() || i < 0 || size_t(i) >= comps.size())
        return out;
    const Component &c = comps[size_t(i)];
    const Catalog &catalog = model.catalog();
    const InstanceType *type = isComputeKind(c.kind, c.flag("managed"))
                                   ? catalog.instance(c.textView("instanceType"))
                                   : nullptr;
    if (!type)
        return out;
    out.valid = true;
    const bool database = c.kind == Kind::Database;
    const double current = database ? c.number("shards") : std::max(1.0, c.number("instances"));
    // One unsharded instance, and the rate of one of its cores at the current mix.
    const double one = model.capacityAt(i, 1) * shardShare(c, current);
    // At full speed: a burstable type in standard credit mode runs at its baseline, the
    // candidates at theirs (sustainedShare).
    const double perCore = one / model.speedup(i, model.vcpuOf(i)) / sustainedShare(c, type);
    auto horizontalAt = [&](int n) {
        return database ? one / shardShare(c, n) : model.capacityAt(i, n);
    };

    std::vector<ScaleOption> bigger;
    for (const InstanceType &t : catalog.instanceTypes)
        if (t.service == type->service && t.vcpu >= type->vcpu)
            bigger.push_back(
                {&t, 1, model.speedup(i, std::max(1.0, t.vcpu)) * perCore * sustainedShare(c, &t),
                 countMonthlyUsd(catalog, c, t, 1)});
    out.vertical = priceFrontier(std::move(bigger));

    // Wide enough to show the biggest vertical option, twenty instances and twice today's.
    out.reachRps = std::max({out.vertical.empty() ? 0.0 : out.vertical.back().capacityRps * 1.5,
                             horizontalAt(20) * 1.05, horizontalAt(int(2 * current))});
    for (int n = 1; n <= ScaleOptions::kMaxHorizontal; ++n) {
        out.horizontal.push_back({type, n, horizontalAt(n), countMonthlyUsd(catalog, c, *type, n)});
        if (out.horizontal.back().capacityRps >= out.reachRps)
            break;
    }
    if (!out.vertical.empty()) {
        const double target = out.vertical.back().capacityRps;
        size_t k = 0;
        while (k + 1 < out.horizontal.size() && out.horizontal[k].capacityRps < target)
            ++k;
        out.matchingHorizontal = int(k);
    }
    return out;
}

Headroom headroomOf(const Evaluation &ev)
{
    Headroom h;
    double highest = 0;
    for (const ComponentResult &r : ev.components) {
        if (!r.station)
            continue;
        if (r.overloaded || r.utilization >= kSaturatedUtilization)
            h.overloaded = true;
        else if (std::isfinite(r.utilization))
            highest = std::max(highest, r.utilization);
    }
    // Past the wall a station is over capacity at the load offered to it, whatever ρ it shows:
    // the requests a pool refuses upstream of it never reach it (docs/model.md "Vertical vs
    // horizontal, headroom").
    if (ev.maxUsers && ev.users >= *ev.maxUsers)
        h.overloaded = true;
    h.known = h.overloaded || highest > 0;
    h.factor = !h.overloaded && highest > 0 ? 1 / highest : 0;
    return h;
}

} // namespace sc
