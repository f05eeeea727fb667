// Explain every number: each figure's formula (as docs/model.md writes it), its inputs with
// where they come from, the intermediates and the result, read from what the evaluation itself
// computed (detail::EvaluationTrace) — nothing here computes a figure of its own.

#include "core/analysis/explain.h"

#include "core/analysis/limits.h"
#include "core/analysis/money.h"
#include "core/analysis/prepared.h"
#include "core/analysis/printfnumber.h"
#include "core/analysis/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>

namespace sc {

using namespace detail;

namespace {

// What an explanation reads: the prepared design, the evaluation and its intermediates.
struct Ctx {
    const Model &model;
    const Prepared &p;
    double users = 0;
    EvaluationTrace tr;
    Evaluation ev;
    Ctx(const Model &m, double u)
        : model(m)
        , p(m.prepared())
        , users(u)
    {
        ev = evaluateAt(p, u, &tr);
    }
    const Component &comp(size_t i) const { return p.design.components[i]; }
    const Station &station(size_t i) const { return tr.flow.st[size_t((*p.lumpOf)[i])]; }
};

const char *kClassNames[kClassCount] = {"static", "read", "write", "job"};

std::string paramPath(size_t i, std::string_view name)
{
    return "design.components[" + std::to_string(i) + "].params." + std::string(name);
}

std::string trafficPath(std::string_view name)
{
    return "design.traffic." + std::string(name);
}

// `symbol = value unit`, what it is, where it comes from.
ExplainValue val(std::string symbol, double value, std::string unit, std::string what,
                 std::string source, int digits = 6)
{
    ExplainValue v;
    std::replace(symbol.begin(), symbol.end(), ' ', '_'); // a symbol is one word
    v.symbol = std::move(symbol);
    v.value = value;
    v.unit = std::move(unit);
    v.what = std::move(what);
    v.source = std::move(source);
    v.digits = digits;
    return v;
}

// The same for a value that is itself an explainable figure.
ExplainValue fig(std::string symbol, double value, std::string unit, std::string what,
                 const std::string &key, const std::string &componentId, int digits = 6)
{
    ExplainValue v =
        val(std::move(symbol), value, std::move(unit), std::move(what),
            "figure " + key + (componentId.empty() ? "" : " of " + componentId), digits);
    v.figureKey = key;
    v.figureComponent = componentId;
    return v;
}

std::string instanceSource(const Ctx &c, size_t i)
{
    const InstanceType *t = c.p.instanceOf.empty() ? nullptr : c.p.instanceOf[i];
    if (!t)
        return paramPath(i, "instanceType");
    return "catalog instanceTypes " + t->name + " (" +
           c.p.catalog.provenanceOf("sources." + t->source) + ", " + t->date + ")";
}

// Where an instance count comes from: the parameter, or the auto-scaling that sizes it.
std::string instancesSource(const Ctx &c, size_t i)
{
    return c.comp(i).autoscale ? "auto-scaled: the count that holds the target "
                                 "(design.components[" +
                                     std::to_string(i) + "].autoscale)"
                               : paramPath(i, "instances");
}

std::string serviceSource(const Ctx &c, const std::string &svc, const std::string &key)
{
    return "catalog services." + svc + "." + key + " (" +
           c.p.catalog.provenanceOf("services." + svc) + ")";
}

std::string availabilitySource(const Ctx &c, const std::string &key)
{
    return "catalog availability." + key + " (" + c.p.catalog.provenanceOf("availability." + key) +
           ")";
}

std::string componentTitle(const Ctx &c, size_t i)
{
    const Component &comp = c.comp(i);
    return comp.id + " (" + std::string(kindTitle(comp.kind)) + ")";
}

std::string shownMs(double ms)
{
    return explainNumber(ms, 4) + " ms";
}

// Where the p99 objective comes from: the file's top-level `slo` block (docs/file-format.md),
// the default when it has none.
constexpr const char *kSloSource = "slo.p99Ms (File ▸ Design Properties; 500 ms when the file "
                                   "has no slo block)";

// A figure the evaluation does not have (no latency past an overloaded station, no wall): NaN,
// written "—" in the text and null in the JSON, as evaluate writes it.
constexpr double kNoFigure = std::numeric_limits<double>::quiet_NaN();

double orNone(std::optional<double> v)
{
    return v.value_or(kNoFigure);
}

// Why the end-to-end latency is not there: a station on the path overloaded, or no dynamic
// requests at all (no clients, or they send none).
std::string noLatencyText(const Ctx &c)
{
    return c.p.sendsDynamicRequests() ? "— (overloaded)" : "— (no requests)";
}

// --- design figures -----------------------------------------------------------------------

// Per lump and class: the share of its requests that end as dynamic requests (read or write)
// somewhere below, following the same routes as the latency (each hop's fraction).
std::vector<ClassRates> dynamicReach(const Prepared &p)
{
    std::vector<ClassRates> reach(p.lumps.size(), ClassRates{});
    for (auto it = p.lumpOrder.rbegin(); it != p.lumpOrder.rend(); ++it) {
        const size_t l = size_t(*it);
        const size_t rep = size_t(p.lumps[l].rep);
        for (int k = 0; k < kClassCount; ++k) {
            double r = (k == kRead || k == kWrite) ? p.routing.absorbed[rep][size_t(k)] : 0;
            for (const Out &o : p.outsOf(l, k))
                r += o.fraction * reach[size_t(o.target)][size_t(o.cls)];
            reach[l][size_t(k)] = r;
        }
    }
    return reach;
}

std::string lumpName(const Ctx &c, size_t l)
{
    const Lump &lump = c.p.lumps[l];
    std::string id = c.comp(size_t(lump.rep)).id;
    return lump.size > 1 ? id + "×" + std::to_string(lump.size) : id;
}

void latencyTerms(const Ctx &c, Explanation &e)
{
    const Prepared &p = c.p;
    const std::vector<ClassRates> reach = dynamicReach(p);
    const auto &w = c.tr.latencyWeights;
    double total = 0;
    for (size_t l = 0; l < p.lumps.size(); ++l)
        for (int k : {kRead, kWrite})
            total += w[l][size_t(k)] * p.routing.absorbed[size_t(p.lumps[l].rep)][size_t(k)];
    if (!(total > 0))
        return;
    for (int l : p.lumpOrder) {
        const size_t lu = size_t(l), rep = size_t(p.lumps[lu].rep);
        for (int k = 0; k < kClassCount; ++k) {
            const double v = w[lu][size_t(k)] * reach[lu][size_t(k)] / total;
            if (!(v > 0))
                continue;
            const std::string at = lumpName(c, lu) + ":" + kClassNames[k];
            if (c.tr.flow.st[lu].meanMs[size_t(k)] > 0) { // clients and DNS take no time
                e.inputs.push_back(val("v[" + at + "]", v, "", "visits per dynamic request",
                                       "routing (docs/model.md \"Routing\")"));
                e.inputs.push_back(fig("R[" + at + "]", c.tr.flow.st[lu].meanMs[size_t(k)], "ms",
                                       std::string("mean response time, ") + kClassNames[k],
                                       "meanLatencyMs", c.comp(rep).id));
            }
            for (const Out &o : p.outsOf(lu, k)) {
                const double hop = hopMs(p, hopOrigin(o, int(rep)), p.lumps[size_t(o.target)].rep);
                const double hv =
                    w[lu][size_t(k)] * o.fraction * reach[size_t(o.target)][size_t(o.cls)] / total;
                if (!(hop > 0 && hv > 0))
                    continue;
                // A look-aside cache's misses: the hop is its app server's call (Out::via).
                const std::string from =
                    o.via < 0
                        ? at
                        : lumpName(c, size_t((*p.lumpOf)[size_t(o.via)])) + ":" + kClassNames[k];
                e.inputs.push_back(
                    val("h[" + from + ">" + lumpName(c, size_t(o.target)) + "]", hv * hop, "ms",
                        o.via < 0
                            ? std::string("hop round trip × its visits")
                            : "hop round trip × its visits (the misses of " + lumpName(c, lu) + ")",
                        "design.groups (docs/model.md \"Geography\")"));
            }
        }
    }
}

Explanation explainMeanLatency(const Ctx &c)
{
    Explanation e;
    e.title = "Mean latency of dynamic requests (reads and writes), end to end";
    e.section = "End-to-end latency";
    const auto &pops = c.p.design.populations;
    if (!pops.empty()) {
        e.formula = {"W̄ = Σ s·W̄_pop over the populations (each sends the same requests per user)"};
        for (size_t i = 0; i < pops.size(); ++i) {
            e.inputs.push_back(val("s[" + pops[i].name + "]", pops[i].share, "", "share of users",
                                   "design.populations[" + std::to_string(i) + "].share"));
            e.inputs.push_back(
                val("W[" + pops[i].name + "]", c.ev.populations[i].latency.mean, "ms",
                    "mean latency of the population, its round trips inside",
                    "evaluate populations[" + std::to_string(i) + "].latencyMs.mean"));
        }
    } else {
        e.formula = {"W̄ = Σ v·R + Σ h + RTT",
                     "v: visits of a component per dynamic request, by class (routing)",
                     "R: the component's mean response time for that class (its meanLatencyMs)",
                     "h: hop round trips between zones and regions × their visits"};
        latencyTerms(c, e);
        e.inputs.push_back(val("RTT", clientShiftMs(c.p), "ms", "user ↔ site round trip",
                               trafficPath("networkRttMs")));
    }
    if (!c.ev.latency.valid) {
        e.notes.push_back(c.p.sendsDynamicRequests()
                              ? "A station on the path is overloaded (ρ ≥ 1): no latency."
                              : "No dynamic requests: no latency.");
        e.result = val("W̄", kNoFigure, "ms", "mean latency", "");
        e.shown = noLatencyText(c);
        return e;
    }
    e.notes.push_back("Each request's time is a mixture over its routes (docs/model.md): its mean "
                      "is the visits-weighted sum of the stations' means, exactly.");
    e.result = val("W̄", c.ev.latency.mean, "ms", "mean latency", "");
    e.shown = shownMs(c.ev.latency.mean);
    return e;
}

Explanation explainP99(const Ctx &c)
{
    Explanation e;
    e.title = "p99 latency of dynamic requests, end to end";
    e.section = "End-to-end latency";
    // With populations each one's round trips are inside its part of the mixture, nothing added
    // after it (the formula ended "+ RTT" there too; QA).
    e.formula = {c.p.design.populations.empty()
                     ? "p99 = the least t with F(t) ≥ 0.99, F the mixture of gamma laws (one per "
                       "route, matched by mean and variance), + RTT"
                     : "p99 = the least t with F(t) ≥ 0.99, F the mixture of gamma laws (one per "
                       "route and population, matched by mean and variance, each population's "
                       "round trips in its part)"};
    const bool valid = c.ev.latency.valid;
    const auto orNoLatency = [valid](double v) { return valid ? v : kNoFigure; };
    e.inputs.push_back(fig("W̄", orNoLatency(c.ev.latency.mean), "ms", "mean of the same mixture",
                           "meanLatencyMs", ""));
    // With populations each one's round trips are inside its part of the mixture: none added
    // (it cited traffic.networkRttMs, which populations replace; QA).
    if (c.p.design.populations.empty())
        e.inputs.push_back(val("RTT", clientShiftMs(c.p), "ms", "user ↔ site round trip",
                               trafficPath("networkRttMs")));
    else
        e.inputs.push_back(val("RTT", clientShiftMs(c.p), "ms",
                               "added after: each population's round trips are in the mixture",
                               "design.populations (docs/model.md \"Geography\")"));
    e.inputs.push_back(val("SLO", c.p.design.slo.p99Ms, "ms", "the p99 objective", kSloSource));
    e.steps.push_back(
        val("p50", orNoLatency(c.ev.latency.p50), "ms", "median", "the same mixture"));
    e.steps.push_back(
        val("p95", orNoLatency(c.ev.latency.p95), "ms", "95th percentile", "the same mixture"));
    e.result = val("p99", orNoLatency(c.ev.latency.p99), "ms", "99th percentile", "");
    e.shown = valid ? shownMs(c.ev.latency.p99) : noLatencyText(c);
    e.notes.push_back(
        "Percentiles are read off the mixture by Newton steps in a bisection bracket; "
        "they do not add up like means (approximation, docs/model.md).");
    return e;
}

Explanation explainPeakRps(const Ctx &c)
{
    Explanation e;
    const Traffic &t = c.p.design.traffic;
    e.title = "Dynamic requests per second at the peak";
    e.section = "Traffic";
    e.formula = {"average = users × requestsPerUserPerDay / 86400",
                 "peak = average × peakToAverage"};
    e.inputs.push_back(val("users", c.users, "", "daily active users",
                           "the users slider (design.traffic.users)", 9));
    e.inputs.push_back(val("requestsPerUserPerDay", t.requestsPerUserPerDay, "",
                           "dynamic requests "
                           "per user per day",
                           trafficPath("requestsPerUserPerDay")));
    e.inputs.push_back(val("peakToAverage", t.peakToAverage, "", "peak rate ÷ daily average",
                           trafficPath("peakToAverage")));
    e.steps.push_back(val("average", c.ev.demand.averageRps, "req/s", "daily average", ""));
    e.steps.push_back(val("read", c.ev.demand.readRps, "req/s", "peak × (1 − writeFraction)",
                          trafficPath("writeFraction")));
    e.steps.push_back(val("write", c.ev.demand.writeRps, "req/s", "peak × writeFraction",
                          trafficPath("writeFraction")));
    e.result = val("peak", c.ev.demand.peakRps, "req/s", "dynamic requests at the peak", "");
    e.shown = compactCount(c.ev.demand.peakRps) + " req/s"; // as the status bar
    return e;
}

void availabilityRoutes(const Ctx &c, Explanation &e)
{
    const Prepared &p = c.p;
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        const size_t rep = size_t(p.lumps[l].rep);
        if (c.comp(rep).kind == Kind::Clients || !(totalOf(p.perUser(rep)) > 0))
            continue;
        e.inputs.push_back(fig("a[" + lumpName(c, l) + "]", c.tr.tier[l], "",
                               "share it serves of what reaches it (SLA, instances, capacity)",
                               "availability", c.comp(rep).id, 10));
    }
    for (int cl : p.clientLumps)
        for (int k : {kStatic, kRead, kWrite})
            if (!c.tr.routeShares.empty())
                e.steps.push_back(
                    val(std::string("r[") + lumpName(c, size_t(cl)) + ":" + kClassNames[k] + "]",
                        c.tr.routeShares[size_t(cl)][size_t(k)], "",
                        "at the peak: share whose route is up and served",
                        "r = own × (absorbed + Σ fraction × r of the next)", 10));
}

// The failover pools' shares at the peak (after the lumps in the tier figures).
void failoverPools(const Ctx &c, Explanation &e)
{
    const Prepared &p = c.p;
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        const auto pools = p.failoverPoolsOf(l);
        for (size_t j = 0; j < pools.size(); ++j) {
            const size_t at = p.poolShareAt(pools[j]);
            if (at >= c.tr.tier.size() || c.tr.tier[at] < 0)
                continue;
            std::string targets;
            for (std::uint32_t t = pools[j].first; t < pools[j].last; ++t)
                targets +=
                    (targets.empty() ? "" : ", ") + lumpName(c, size_t(p.failoverTargets[t].lump));
            e.inputs.push_back(val("p[" + lumpName(c, l) + ":" + kClassNames[pools[j].cls] + "]",
                                   c.tr.tier[at], "",
                                   "share " + targets + " serve together of what reaches them",
                                   "failover at a split (docs/model.md \"Failure\")", 10));
        }
    }
}

Explanation explainAvailability(const Ctx &c)
{
    Explanation e;
    e.title = "Availability: share of the day's requests served";
    e.section = "Failure";
    e.formula = {"A = Σ_h d_h·A_h / Σ_h d_h over the 24 hours of the day profile",
                 "A_h = Σ_k d_k·r_k / Σ_k d_k over the static, read and write requests the "
                 "clients send",
                 "r = own × (absorbed + Σ fraction × r of the next): series along a route, "
                 "weighted across branches; own = a of the component (a cache: what it serves)",
                 "a split by instance count over two or more app servers, poolers, workers, "
                 "replicas or self-hosted balancers: they serve together, p = E[min(1, X·c/λ)] "
                 "over X ~ Binomial(N, a) of their N instances standing for each one's own "
                 "(replicas: λ less the (N − X)·w writes the instances down would apply)"};
    availabilityRoutes(c, e);
    failoverPools(c, e);
    for (size_t h = 0; h < c.tr.hours.size(); ++h) {
        const HourFigures &hf = c.tr.hours[h];
        const std::string at = std::to_string(h);
        e.steps.push_back(
            val("d[" + at + "]", hf.askedRps, "req/s",
                "requests sent in hour " + at + " (" + explainNumber(hf.shape, 4) + " × the peak)",
                "day profile (docs/model.md \"Traffic\")"));
        e.steps.push_back(val("A[" + at + "]", hf.availability, "", "served share in hour " + at,
                              "the hour's load, as A_h", 10));
    }
    e.result = val("A", c.ev.availability, "", "availability", "", 10);
    e.shown = formatAvailability(c.ev.availability);
    if (!c.p.hasClients)
        e.notes.push_back("No clients: the users' requests enter nowhere, so none is served "
                          "(docs/model.md \"Routing\").");
    e.notes.push_back(availabilityText(c.ev.availability, c.p.catalog.hoursPerMonth));
    return e;
}

// Where a line's price comes from: the instance type's, or the catalog's service entry.
std::string costSource(const Ctx &c, const CostTerm &term)
{
    if (term.basis == CostTerm::Instances || !term.pricing.empty()) // (a reserved floor's too)
        return instanceSource(c, size_t(term.component));
    // Surplus CPU credits are priced per vCPU-hour by the catalog's burstCredits entry, not by
    // the instance type (QA: the line cited the type's source).
    if (term.basis == CostTerm::Credits)
        return serviceSource(c, "burstCredits", "surplusVcpuHourUsd");
    // A metered volume is priced through its meter's tier tables (docs/model.md "Tiered
    // prices"), not the service's flat entry (a CDN's egress was credited to
    // services.cloudfront; QA). A meter of flat prices (requests) has no titled table.
    if (term.basis == CostTerm::Metered && term.meter >= 0) {
        std::string tables;
        for (const auto &part : c.p.meters[size_t(term.meter)].parts)
            if (const TierTable &table = part.first; !table.title.empty())
                tables += (tables.empty() ? "catalog priceTiers: " : "; ") + table.title + " (" +
                          table.source + ", " + table.date + ")";
        if (!tables.empty())
            return tables;
    }
    const Component &comp = c.comp(size_t(term.component));
    std::string svc;
    if (term.category == CostCategory::Transfer && comp.kind != Kind::Cdn)
        svc = "dataTransfer";
    else if (comp.kind == Kind::Database || comp.kind == Kind::ReadReplica)
        svc = "rdsStorage";
    else if (comp.kind == Kind::Cdn)
        svc = "cloudfront";
    else if (comp.kind == Kind::ObjectStorage)
        svc = "s3";
    else if (comp.kind == Kind::Queue)
        svc = "sqs";
    else if (comp.kind == Kind::Dns)
        svc = "route53";
    else if (comp.kind == Kind::LoadBalancer)
        svc = "alb";
    if (svc.empty() || !c.p.catalog.services.count(svc))
        return "catalog of " + c.p.catalog.date;
    return "catalog services." + svc + " (" + c.p.catalog.provenanceOf("services." + svc) + ")";
}

Explanation explainCost(const Ctx &c, int component)
{
    Explanation e;
    e.section = "Cost (monthly, USD)";
    e.title = component < 0 ? "Monthly cost of the design"
                            : "Monthly cost of " + componentTitle(c, size_t(component));
    e.formula = {"cost = Σ lines",
                 "line = units × price per unit, or quantity × its price (GB × $/GB); a metered "
                 "line: its share by volume of the meter's tiered bill, B × v ÷ V"};
    const auto &items = c.ev.costItems;
    for (size_t j = 0; j < items.size(); ++j) {
        const auto [t, units] = c.tr.costTerms[j];
        const CostTerm &term = c.p.costTerms[size_t(t)];
        if (component >= 0 && term.component != component)
            continue;
        const std::string n = std::to_string(e.inputs.size() + 1);
        const std::string source = costSource(c, term);
        if (term.basis != CostTerm::Metered && term.quantityUnit && term.quantityPerUnit > 0) {
            // In what the price is quoted in (GB, GB-months, requests), not per user or per line.
            e.steps.push_back(val("q[" + n + "]", units * term.quantityPerUnit, term.quantityUnit,
                                  "of " + items[j].item, items[j].componentId));
            e.steps.push_back(val("p[" + n + "]", term.usdPerUnit / term.quantityPerUnit,
                                  std::string("USD per ") + term.priceUnit, "price", source));
        } else if (term.basis != CostTerm::Metered) {
            e.steps.push_back(
                val("u[" + n + "]", units, "", "units of " + items[j].item, items[j].componentId));
            e.steps.push_back(
                val("p[" + n + "]", term.usdPerUnit, "USD",
                    "price per unit" + (term.pricing.empty() ? "" : " (" + term.pricing + ")"),
                    source));
        } else if (term.meter >= 0) {
            // The line's volume, the meter's (every component on it) and the meter's bill for
            // it, its tiers less the account's free allowance: the line is B × v ÷ V (QA: a
            // metered line had no step to recompute it from).
            const Meter &m = c.p.meters[size_t(term.meter)];
            const char *unit = m.unit == Meter::Gb ? "GB/month" : "requests/month";
            // (To the line's eight digits: B rounded to six did not give the line back; review.)
            e.steps.push_back(val("v[" + n + "]", term.unitsPerUser * c.users, unit,
                                  "of " + items[j].item, items[j].componentId, 8));
            e.steps.push_back(val("V[" + n + "]", m.unitsPerUser * c.users, unit,
                                  "the meter's whole volume, every component on it", "", 8));
            const std::string free = m.freeUnits > 0
                                         ? ", the account's first " + explainNumber(m.freeUnits) +
                                               (m.unit == Meter::Gb ? " GB" : " requests") + " free"
                                         : std::string();
            e.steps.push_back(val("B[" + n + "]", m.usdAt(c.users), "USD/month",
                                  "the meter's bill for V: its tiers" + free, source, 8));
        }
        e.inputs.push_back(val("line[" + n + "]", items[j].monthlyUsd, "USD/month",
                               items[j].componentId + ": " + items[j].item, source, 8));
    }
    const double total =
        component < 0 ? c.ev.monthlyCostUsd : c.ev.components[size_t(component)].monthlyCostUsd;
    e.result = val("cost", total, "USD/month", "monthly cost", "", 8);
    e.shown = formatUsd(total);
    e.notes.push_back("Instances: hourly × " + explainNumber(c.p.catalog.hoursPerMonth) +
                      " h × count × pricing factor (on-demand 1, reserved 0.6, spot 0.3); "
                      "auto-scaled tiers at their time-weighted count over the day profile, "
                      "at reserved pricing their minimum reserved and the rest on demand.");
    // Past a wall, as evaluate's text and the reports say it (the GUI's Explain panel did not).
    if (c.ev.errorRatePeak > 0)
        e.notes.push_back(kBillOfferedNote);
    return e;
}

Explanation explainMaxUsers(const Ctx &c)
{
    Explanation e;
    e.title = "The wall: users at which the first station reaches ρ = 1";
    e.section = "Bottleneck, wall, ceiling";
    e.formula = {"maxUsers = min over stations of capacity ÷ per-user arrival rate",
                 "(auto-scaled tiers at their max)"};
    for (const TierWall &w : c.p.tierWalls)
        e.inputs.push_back(val("U[" + c.comp(size_t(w.component)).id + "]", w.fullUsers, "users",
                               "capacity at full size ÷ per-user arrivals", "tier walls", 9));
    if (c.p.wallComponent >= 0) {
        const size_t i = size_t(c.p.wallComponent);
        const double perUser = totalOf(c.p.perUser(i));
        e.steps.push_back(val("λ1", perUser, "req/s per user",
                              "arrivals per user at " + c.comp(i).id, "routing", 8));
        e.steps.push_back(val("C", perUser * *c.p.wall, "req/s",
                              "capacity of " + c.comp(i).id + " at full size", "stations"));
    }
    e.result = val("maxUsers", orNone(c.ev.maxUsers), "users", "the wall", "", 9);
    e.shown = c.ev.maxUsers ? compactUsers(*c.ev.maxUsers) + " users" : "no wall";
    return e;
}

Explanation explainSloMaxUsers(const Ctx &c)
{
    Explanation e;
    e.title = "The latency wall: most users with p99 ≤ the objective";
    e.section = "Bottleneck, wall, ceiling";
    e.formula = {"sloMaxUsers = the first users count at which p99(users) = SLO",
                 "(100 log-spaced counts from 10 to maxUsers, then bisection to 1e-9); "
                 "never above maxUsers"};
    e.inputs.push_back(val("SLO", c.p.design.slo.p99Ms, "ms", "p99 objective", kSloSource));
    e.inputs.push_back(
        fig("maxUsers", orNone(c.ev.maxUsers), "users", "the wall", "maxUsers", "", 9));
    const std::optional<double> u = c.model.sloMaxUsers();
    if (u && *u > 0) {
        // As the search found it: with this model's routing (a TTL cache's hit ratio at the
        // design's users, not at U: its p99 there read 299 ms against an objective of 500; QA).
        const Evaluation at = evaluateAt(c.p, *u, nullptr);
        e.steps.push_back(val("p99(U)", at.latency.valid ? at.latency.p99 : kNoFigure, "ms",
                              "p99 at that count", "evaluate at U"));
    }
    e.result = val("U", orNone(u), "users", "latency wall", "", 9);
    // As the status bar and evaluate say it (QA: "0 users" where evaluate read "below 10 users",
    // and "meets the objective" where no dynamic request is served).
    e.shown = u && *u > 0 ? compactUsers(*u) + " users"
              : u         ? "below " + compactUsers(kMinUsers) +
                        " users (the p99 exceeds the objective even there)"
              : servesNothing(c.ev) ? std::string("none (no dynamic request is served)")
                                    : std::string("none (the p99 meets the objective up to 10^8)");
    return e;
}

Explanation explainGoodput(const Ctx &c, bool errorRate)
{
    Explanation e;
    e.section = "Overload, pools and the day";
    e.title = errorRate ? "Error rate at the peak" : "Goodput: dynamic requests served at the peak";
    e.formula = {"goodput G = D − (shed past capacity + refused by pools + sent to dead ends)",
                 "errorRatePeak = 1 − G / D"};
    e.inputs.push_back(
        fig("D", c.ev.demand.peakRps, "req/s", "dynamic requests sent", "peakRps", ""));
    for (const ComponentResult &r : c.ev.components)
        if (r.errorRps > 0)
            e.inputs.push_back(fig("e[" + r.id + "]", r.errorRps, "req/s",
                                   "failing there (all classes)", "servedRps", r.id));
    const double lost = c.ev.demand.peakRps - c.ev.goodputRps;
    e.steps.push_back(val("lost", lost, "req/s", "dynamic requests that fail", ""));
    if (!c.p.hasClients)
        e.notes.push_back("No clients: the users' requests enter nowhere, so all of D is lost "
                          "(docs/model.md \"Routing\").");
    if (errorRate) {
        e.steps.push_back(val("G", c.ev.goodputRps, "req/s", "goodput", ""));
        e.result = val("errorRatePeak", c.ev.errorRatePeak, "", "share that fails", "");
        e.shown = explainNumber(c.ev.errorRatePeak * 100, 3) + "%";
    } else {
        e.result = val("G", c.ev.goodputRps, "req/s", "goodput", "");
        e.shown = compactCount(c.ev.goodputRps) + " req/s";
    }
    return e;
}

} // namespace

// --- component figures ----------------------------------------------------------------------

namespace {

void arrivalInputs(const Ctx &c, size_t i, Explanation &e, bool withService)
{
    const ComponentResult &r = c.ev.components[i];
    const Prep &pr = c.p.prep[i];
    const Component &comp = c.comp(i);
    for (int k = 0; k < kClassCount; ++k) {
        if (!(r.arrivals[size_t(k)] > 0))
            continue;
        e.inputs.push_back(val(std::string("λ_") + kClassNames[k], r.arrivals[size_t(k)], "req/s",
                               std::string("arrivals at the peak, ") + kClassNames[k],
                               "routing × users (what upstream serves)"));
        if (!withService)
            continue;
        const char *param =
            comp.kind == Kind::Database
                ? (k == kWrite || k == kJob ? "writeServiceTimeMs" : "readServiceTimeMs")
            : comp.kind == Kind::ReadReplica ? "readServiceTimeMs"
                                             : "serviceTimeMs";
        std::string source = paramPath(i, param);
        // A replica applies its primary's writes at a fraction of their cost (stations.cpp).
        if (comp.kind == Kind::ReadReplica && k == kWrite && c.p.routing.primaryOf[i] >= 0)
            source = paramPath(i, "applyCostFraction") + " × " +
                     paramPath(size_t(c.p.routing.primaryOf[i]), "writeServiceTimeMs") +
                     " (the primary's)";
        if (!c.p.instanceOf.empty() && sustainedShare(comp, c.p.instanceOf[i]) < 1)
            source += " ÷ the t3 baseline (standard credit mode)";
        e.inputs.push_back(val(std::string("s_") + kClassNames[k], pr.serviceMs[size_t(k)], "ms",
                               std::string("service time on one core, ") + kClassNames[k], source));
    }
}

void computeUtilization(const Ctx &c, size_t i, Explanation &e)
{
    const Prep &pr = c.p.prep[i];
    const Station &s = c.station(i);
    const Component &comp = c.comp(i);
    e.formula = {"ρ = λ·f·S̄ / (1000·S(c))", "S̄ = Σ λ_k·s_k / λ",
                 "S(c) = c / (1 + σ(c−1) + κc(c−1))",
                 "c = n × vCPU (a database: one shard's vCPU; f = shardSkew / shards)"};
    arrivalInputs(c, i, e, true);
    const bool database = comp.kind == Kind::Database;
    e.inputs.push_back(val("n", s.instances, "", database ? "shards" : "instances at the peak",
                           database ? paramPath(i, "shards") : instancesSource(c, i)));
    e.inputs.push_back(val("vCPU", pr.vcpu, "", "cores per instance", instanceSource(c, i)));
    e.inputs.push_back(
        val("σ", pr.sigma, "", "USL serial fraction", paramPath(i, "serialFraction")));
    e.inputs.push_back(val("κ", pr.kappa, "", "USL coherency", paramPath(i, "coherency")));
    e.inputs.push_back(val("f", pr.shard, "", "share of the load on the hottest shard",
                           database ? paramPath(i, "shardSkew") + " / shards" : "not sharded"));
    e.steps.push_back(
        val("λ", c.ev.components[i].arrivalRps, "req/s", "arrivals, all classes", ""));
    e.steps.push_back(val("S̄", s.sbarMs, "ms", "arrival-weighted service time", ""));
    e.steps.push_back(val("c", s.cores, "", "cores", ""));
    e.steps.push_back(val("S(c)", s.speedup, "", "USL speedup (Gunther)", ""));
    e.steps.push_back(val("capacity", s.capacity, "req/s", "S(c) × 1000 / S̄ / f", ""));
}

Explanation explainUtilization(const Ctx &c, size_t i)
{
    Explanation e;
    e.title = "Utilization ρ of " + componentTitle(c, i);
    e.section = "Stations";
    const Prep &pr = c.p.prep[i];
    const Station &s = c.station(i);
    const Component &comp = c.comp(i);
    switch (pr.type) {
    case Prep::Compute:
        computeUtilization(c, i, e);
        break;
    case Prep::CacheNodes:
        e.formula = {"ρ = λ / (nodes × opsPerNode)"};
        arrivalInputs(c, i, e, false);
        e.inputs.push_back(val("nodes", s.instances, "", "cache nodes", paramPath(i, "instances")));
        e.inputs.push_back(val("opsPerNode", pr.opsPerNode, "ops/s", "one node's capacity",
                               paramPath(i, "opsPerNode")));
        e.steps.push_back(
            val("λ", c.ev.components[i].arrivalRps, "req/s", "reads + fills + invalidations", ""));
        break;
    case Prep::Managed: {
        const char *svc = comp.kind == Kind::Cdn             ? "cloudfront"
                          : comp.kind == Kind::Queue         ? "sqs"
                          : comp.kind == Kind::ObjectStorage ? "s3"
                                                             : "alb";
        e.formula = {"ρ = λ / maxRps (the service's practical limit)"};
        arrivalInputs(c, i, e, false);
        e.inputs.push_back(val("maxRps", pr.managedCapacity, "req/s",
                               "practical limit (an assumption, marked so in the catalog)",
                               serviceSource(c, svc, "maxRps")));
        e.steps.push_back(val("λ", c.ev.components[i].arrivalRps, "req/s", "arrivals", ""));
        break;
    }
    case Prep::None:
        e.formula = {"not a station: no capacity, no utilization"};
        break;
    }
    e.result = val("ρ", s.rho, "", "utilization", "");
    // As the box writes it ("5%", "<1%"), the figure clicked; the result above has its digits
    // (QA: "shown as 5.46%" beside a box reading 5%).
    e.shown = utilizationText(s.rho);
    if (s.overloaded)
        e.notes.push_back("ρ ≥ 1: overloaded; the station serves 1/ρ of its arrivals.");
    return e;
}

Explanation explainResponse(const Ctx &c, size_t i)
{
    Explanation e;
    e.title = "Mean time in " + componentTitle(c, i) + ", not downstream";
    e.section = "The wait: Erlang C and M/G/c";
    const Prep &pr = c.p.prep[i];
    const Station &s = c.station(i);
    arrivalInputs(c, i, e, pr.type == Prep::Compute);
    if (pr.type == Prep::Compute) {
        e.formula = {"R_k = s_k·c/S(c) + E[Wq]", "E[Wq] = f·C·S̄'/(c_q(1 − ρ)), S̄' = S̄·c/S(c)",
                     "C: Erlang C for c_q servers per queue; f: Kimura's M/G/c factor",
                     "R̄ = Σ λ_k·R_k / λ"};
        e.steps.push_back(val("c", s.cores, "", "cores", ""));
        e.steps.push_back(val("S(c)", s.speedup, "", "USL speedup", ""));
        e.steps.push_back(val("S̄", s.sbarMs, "ms", "arrival-weighted service time", ""));
        e.steps.push_back(val("queues", s.queues, "", "queues (one per instance or one shared)",
                              "docs/model.md \"Queues\""));
        e.steps.push_back(val("c_q", s.queueServers, "", "servers per queue", ""));
        e.steps.push_back(fig("ρ", s.rho, "", "utilization", "utilization", c.comp(i).id));
        // A pool that refuses some: the station queues only what it lets in, and its wait is at
        // that load (the utilization shown is of everything that reaches it; QA: C and E[Wq]
        // at 7% beside a ρ of 70% could not be recomputed).
        const double admitted =
            c.tr.flow.admitted.empty() ? 1.0 : c.tr.flow.admitted[size_t((*c.p.lumpOf)[i])];
        if (admitted < 1 && admitted > 0) {
            e.formula[1] = "E[Wq] = f·C·S̄'/(c_q(1 − ρ_q)), S̄' = S̄·c/S(c), ρ_q = admitted × ρ";
            e.formula[2] = "C: Erlang C for c_q servers per queue at ρ_q; f: Kimura's M/G/c factor";
            e.steps.push_back(val("admitted", admitted, "", "share its pools let in", "pools", 10));
            e.steps.push_back(
                val("ρ_q", admitted * s.rho, "", "utilization of what it lets in and queues", ""));
        }
        e.steps.push_back(val("C", s.waitProbability, "", "probability of waiting (Erlang C)", ""));
        e.steps.push_back(val("f", s.waitFactor, "", "M/G/c factor (1 when serviceCv = 1)",
                              paramPath(i, "serviceCv")));
    } else if (pr.type == Prep::CacheNodes) {
        e.formula = {"R = serviceTimeMs + E[Wq] of one node, an M/M/1 at λ / nodes",
                     "E[Wq] = ρ·S/(1 − ρ), S = 1000 / opsPerNode"};
        e.inputs.push_back(val("serviceTimeMs", pr.fixedMs, "ms", "a cache operation",
                               paramPath(i, "serviceTimeMs")));
        e.steps.push_back(fig("ρ", s.rho, "", "utilization", "utilization", c.comp(i).id));
    } else {
        e.formula = {"R = the service's fixed latency (no queueing)"};
        if (pr.type == Prep::Managed) {
            const char *param = managedLatencyParam(c.comp(i).kind);
            e.inputs.push_back(
                val(param, pr.fixedMs, "ms", "the service's fixed latency", paramPath(i, param)));
        }
    }
    const ComponentResult &r = c.ev.components[i];
    // Past its capacity a station has no queueing figures (ρ ≥ 1: no steady state).
    const auto ifStable = [&r](double v) { return r.overloaded ? kNoFigure : v; };
    if (pr.type != Prep::None)
        e.steps.push_back(val("E[Wq]", ifStable(s.meanWaitMs), "ms", "mean wait", ""));
    for (int k = 0; k < kClassCount; ++k)
        if (c.ev.components[i].arrivals[size_t(k)] > 0)
            e.steps.push_back(val(std::string("R_") + kClassNames[k], ifStable(s.meanMs[size_t(k)]),
                                  "ms", std::string("mean response time, ") + kClassNames[k], ""));
    e.result = val("R̄", ifStable(r.meanLatencyMs), "ms", "mean time in the component", "");
    e.shown = r.overloaded ? "— (overloaded)" : shownMs(r.meanLatencyMs);
    // Why there is no figure although ρ_q < 1 can be worked out above (QA: the steps gave C and
    // f from which a finite wait follows, then "—").
    if (r.overloaded && pr.type == Prep::Compute && r.refusedRps > 0)
        e.notes.push_back("ρ counts what its pools refuse: asked for more than it can carry "
                          "(ρ ≥ 1), it reads as overloaded and has no latency of its own, "
                          "whatever the share it lets in would wait (docs/model.md \"Stations\": "
                          "ρ = arrivals / capacity).");
    else if (r.overloaded)
        e.notes.push_back("ρ ≥ 1: overloaded, no steady state, so no wait and no latency.");
    return e;
}

// What reaches a component at the peak, before any of it is refused or shed (the box's rate).
Explanation explainArrivals(const Ctx &c, size_t i)
{
    Explanation e;
    const ComponentResult &r = c.ev.components[i];
    e.title = "Requests arriving at " + componentTitle(c, i);
    e.section = "Routing";
    e.formula = {"λ = Σ_k λ_k",
                 c.comp(i).kind == Kind::Clients
                     ? "λ_k = users × what one user sends of class k at the peak"
                     : "λ_k = what the components before it serve it of class k at the peak"};
    arrivalInputs(c, i, e, false);
    e.result = val("λ", r.arrivalRps, "req/s", "arrivals at the peak, all classes", "");
    e.shown = compactCount(r.arrivalRps) + " req/s"; // as the boxes write rates
    if (r.errorRps > 0)
        e.notes.push_back("Of these it serves " + compactCount(r.servedRps) +
                          " req/s; the rest is refused by a pool, shed past its capacity or has "
                          "nowhere to go on (servedRps).");
    return e;
}

Explanation explainServed(const Ctx &c, size_t i)
{
    Explanation e;
    const ComponentResult &r = c.ev.components[i];
    e.title = "Requests served by " + componentTitle(c, i);
    e.section = "Overload, pools and the day";
    e.formula = {"served = λ × admitted × min(1, 1/ρ)",
                 "admitted: the share its pools (threads, connections) let in"};
    arrivalInputs(c, i, e, false);
    e.steps.push_back(val("λ", r.arrivalRps, "req/s", "arrivals, all classes", ""));
    e.steps.push_back(fig("ρ", r.utilization, "", "utilization", "utilization", r.id));
    e.steps.push_back(val("refused", r.refusedRps, "req/s", "refused by a pool", ""));
    e.steps.push_back(val("errors", r.errorRps, "req/s", "shed or refused", ""));
    e.result = val("served", r.servedRps, "req/s", "served at the peak", "");
    e.shown = compactCount(r.servedRps) + " req/s"; // as the boxes write rates
    return e;
}

// The threads an app server instance's requests hold: what limitedFlowAt's pools decided on
// (Flow::held, Flow::served at the peak), as threadsHeldPerInstance adds them up.
Explanation explainThreads(const Ctx &c, size_t i)
{
    Explanation e;
    const ComponentResult &r = c.ev.components[i];
    const Station &s = c.station(i);
    const size_t l = size_t((*c.p.lumpOf)[i]);
    e.title = "Threads held per instance of " + componentTitle(c, i);
    e.section = "Little's law";
    e.formula = {"threads = Σ_k λ_k·x·h_k / (1000·n)",
                 "h_k = s_k·c/S(c) + D_k: service under contention, then the whole time "
                 "downstream D_k, round trips between zones and regions included (not the wait "
                 "for one of its own cores)",
                 "x: the share the pools let in and the cores serve"};
    arrivalInputs(c, i, e, true);
    e.inputs.push_back(val("n", s.instances, "", "instances at the peak", instancesSource(c, i)));
    const double pool = c.p.prep[i].connectionsPerInstance;
    e.inputs.push_back(val("pool", pool, "", "threads in one instance's pool",
                           paramPath(i, "threadsPerInstance")));
    e.steps.push_back(val("c", s.cores, "", "cores", ""));
    e.steps.push_back(val("S(c)", s.speedup, "", "USL speedup (Gunther)", ""));
    const Flow &f = c.tr.flow;
    e.steps.push_back(
        val("x", l < f.served.size() ? f.served[l] : 1.0, "", "share let in and served", ""));
    for (int k = 0; k < kClassCount; ++k)
        if (r.arrivals[size_t(k)] > 0 && l < f.held.size())
            e.steps.push_back(val(std::string("h_") + kClassNames[k], f.held[l][size_t(k)], "ms",
                                  std::string("a request's hold on its thread, ") + kClassNames[k],
                                  ""));
    e.result = val("threads", r.threadsBusyPerInstance, "", "threads held per instance", "");
    e.shown = explainNumber(r.threadsBusyPerInstance, 4) + " of " + explainNumber(pool, 6);
    if (r.refusedRps > 0 && !std::isfinite(r.threadsBusyPerInstance))
        e.notes.push_back("The pool is short: a station below is past its capacity, so the "
                          "requests it lets in would hold their threads without end "
                          "(THREAD_POOL_EXHAUSTED).");
    else if (r.refusedRps > 0 && r.threadsBusyPerInstance < pool * kPoolFull)
        e.notes.push_back("The pool is short: it lets in the share past which a station below "
                          "would reach its capacity (one request more would wait there without "
                          "end) and refuses the rest (THREAD_POOL_EXHAUSTED); the threads that "
                          "share holds do not fill it.");
    else if (r.refusedRps > 0)
        e.notes.push_back("The pool is short: it lets in the share whose threads fill it and "
                          "refuses the rest (THREAD_POOL_EXHAUSTED); the figure reads full.");
    return e;
}

// The connections a database's or replica's callers open: every caller instance running at
// this load opens its own (componentFigures' count).
Explanation explainConnections(const Ctx &c, size_t i)
{
    Explanation e;
    const ComponentResult &r = c.ev.components[i];
    e.title = "Connections opened to " + componentTitle(c, i);
    e.section = "Little's law";
    e.formula = {"opened = Σ callers n × per-instance connections",
                 "per instance: an app server its threadsPerInstance, a pooler its poolSize, "
                 "a worker its vCPU"};
    const auto &conns = c.p.design.connections;
    for (size_t k = 0; k < conns.size(); ++k) {
        if (size_t(c.p.to[k]) != i)
            continue;
        const size_t from = size_t(c.p.from[k]);
        const double per = c.p.prep[from].connectionsPerInstance;
        if (!(per > 0))
            continue;
        const std::string &caller = c.comp(from).id;
        const Kind kind = c.comp(from).kind;
        e.inputs.push_back(val("n[" + caller + "]", c.station(from).instances, "",
                               "instances of " + caller + " at this load",
                               instancesSource(c, from)));
        e.inputs.push_back(val("per[" + caller + "]", per, "", "connections each opens",
                               kind == Kind::AppServer ? paramPath(from, "threadsPerInstance")
                               : kind == Kind::Pooler  ? paramPath(from, "poolSize")
                                                       : instanceSource(c, from) + " (vCPU)"));
    }
    e.result = val("opened", r.connectionsOpened, "", "connections the callers open", "");
    if (!findParam(c.comp(i).kind, "maxConnections")) { // a read replica: no limit, none refused
        e.shown = explainNumber(r.connectionsOpened, 6);
        return e;
    }
    const double limit = c.comp(i).number("maxConnections");
    e.inputs.push_back(val("maxConnections", limit, "", "what the server accepts",
                           paramPath(i, "maxConnections")));
    e.shown = explainNumber(r.connectionsOpened, 6) + " of " + explainNumber(limit, 6);
    if (r.connectionsOpened > limit)
        e.notes.push_back("More than it accepts: it admits maxConnections / opened of what "
                          "reaches it and refuses the rest (TOO_MANY_CONNECTIONS).");
    return e;
}

// The SLA behind a component's availability (tierAvailability's keys).
std::string slaKey(const Component &comp, const Station &s, bool &pooled)
{
    pooled = false;
    switch (comp.kind) {
    case Kind::Dns:
        return "route53";
    case Kind::Cdn:
        return "cloudfront";
    case Kind::ObjectStorage:
        return "s3";
    case Kind::Queue:
        return "sqs";
    case Kind::Cache:
        return s.instances >= 2 ? "elasticacheMultiAz" : "elasticacheSingle";
    case Kind::Database:
        return comp.flag("multiAz") ? "rdsMultiAz" : "rdsSingleAz";
    case Kind::LoadBalancer:
        if (comp.flag("managed"))
            return "alb";
        break;
    case Kind::Clients:
        return "";
    default:
        break;
    }
    pooled = true;
    return comp.kind == Kind::ReadReplica ? "rdsSingleAz" : "ec2Instance";
}

void tierTerms(const Ctx &c, size_t i, Explanation &e)
{
    const Station &s = c.station(i);
    const int n = int(std::max(1.0, std::round(s.instances)));
    const double full = capacityAt(c.p, int(i), n);
    e.inputs.push_back(val("n", n, "", "instances at the peak",
                           c.comp(i).autoscale ? "auto-scaled to the load (design.components[" +
                                                     std::to_string(i) + "].autoscale)"
                                               : paramPath(i, "instances")));
    // An app server's x instances serve no more than their threads hold.
    const size_t l = size_t((*c.p.lumpOf)[i]);
    const double threadRate = threadRateOf(c.p, l);
    if (std::isfinite(threadRate))
        e.inputs.push_back(val("t", threadRate, "req/s",
                               "what one instance's threads hold: threads / unloaded hold",
                               paramPath(i, "threadsPerInstance")));
    for (int x = n; x >= 1 && n - x < 12; --x) {
        const double cores = s.capacity * (full > 0 ? capacityAt(c.p, int(i), x) / full : 0);
        const double cap = std::min(cores, x * threadRate);
        e.steps.push_back(
            val("cap[" + std::to_string(x) + "]", cap, "req/s",
                "capacity with " + std::to_string(x) + " of " + std::to_string(n) + " up",
                cap < cores ? "x × t (threads)" : "stations (USL)", 8));
    }
}

Explanation explainComponentAvailability(const Ctx &c, size_t i)
{
    Explanation e;
    const Component &comp = c.comp(i);
    const ComponentResult &r = c.ev.components[i];
    const size_t l = size_t((*c.p.lumpOf)[i]);
    e.title = "Availability of " + componentTitle(c, i) + " alone";
    e.section = "Failure";
    bool pooled = false;
    const std::string key = slaKey(comp, c.station(i), pooled);
    const double admitted = c.tr.flow.admitted.empty() ? 1.0 : c.tr.flow.admitted[l];
    const double served = c.tr.flow.served[l];
    if (key.empty()) {
        e.formula = {"clients: 1"};
    } else if (!pooled) {
        // (The share served is the pools' and the capacity's together: it was shown under the
        // capacity's name, 0.8 where min(1, 1/ρ) is 1 behind refusing pools; QA.)
        e.formula = {"A = SLA × served", "served = admitted × min(1,1/ρ)"};
        e.inputs.push_back(val("SLA", c.p.catalog.availabilityOf(key), "", "the service's SLA",
                               availabilitySource(c, key), 10));
        e.inputs.push_back(val("admitted", admitted, "", "share its pools let in", "pools", 10));
        e.inputs.push_back(val("min(1,1/ρ)", admitted > 0 ? served / admitted : 1.0, "",
                               "share of what it lets in its capacity serves", "stations", 10));
        e.steps.push_back(val("served", served, "", "share of its arrivals it serves", "", 10));
    } else {
        // A replica's instances each apply every write: with x up the others' are not asked.
        const bool replica = c.comp(i).kind == Kind::ReadReplica;
        e.formula = {replica ? "A = admitted × min(1, Σ_x P(x) · min(1, cap[x] / (λ − (n − x)·w)))"
                             : "A = admitted × min(1, Σ_x P(x) · min(1, cap[x] / λ))",
                     "P(x) = C(n, x)·a^x·(1 − a)^(n−x): x of n instances up (Binomial)",
                     "summed from x = n down until the terms no longer count"};
        e.inputs.push_back(val("a", c.p.catalog.availabilityOf(key), "",
                               "one instance up (its SLA)", availabilitySource(c, key), 10));
        e.inputs.push_back(val("λ", r.arrivalRps * admitted, "req/s", "arrivals let in", "", 8));
        if (replica)
            e.inputs.push_back(val(
                "w", r.arrivals[kWrite] * admitted / std::max(1.0, std::round(r.instances)),
                "req/s", "writes one instance applies (its own)", "docs/model.md \"Failure\"", 8));
        tierTerms(c, i, e);
        e.inputs.push_back(val("admitted", admitted, "", "share its pools let in", "pools", 10));
    }
    e.result = val("A", r.availability, "", "availability of the component", "", 10);
    e.shown = formatAvailability(r.availability);
    return e;
}

using DesignFn = std::function<Explanation(const Ctx &)>;
using ComponentFn = std::function<Explanation(const Ctx &, size_t)>;

const std::map<std::string, DesignFn> &designFns()
{
    static const std::map<std::string, DesignFn> fns = {
        {"meanLatencyMs", explainMeanLatency},
        {"p99Ms", explainP99},
        {"availability", explainAvailability},
        {"monthlyCostUsd", [](const Ctx &c) { return explainCost(c, -1); }},
        {"peakRps", explainPeakRps},
        {"maxUsers", explainMaxUsers},
        {"sloMaxUsers", explainSloMaxUsers},
        {"goodputRps", [](const Ctx &c) { return explainGoodput(c, false); }},
        {"errorRatePeak", [](const Ctx &c) { return explainGoodput(c, true); }},
    };
    return fns;
}

const std::map<std::string, ComponentFn> &componentFns()
{
    static const std::map<std::string, ComponentFn> fns = {
        {"utilization", explainUtilization},
        {"meanLatencyMs", explainResponse},
        {"monthlyCostUsd", [](const Ctx &c, size_t i) { return explainCost(c, int(i)); }},
        {"arrivalRps", explainArrivals},
        {"servedRps", explainServed},
        {"availability", explainComponentAvailability},
        {"threadsBusyPerInstance", explainThreads},
        {"connectionsOpened", explainConnections},
    };
    return fns;
}

std::string joined(const std::vector<std::string> &names)
{
    std::string s;
    for (const std::string &n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

} // namespace

const std::vector<std::string> &designFigureKeys()
{
    static const std::vector<std::string> keys = {"meanLatencyMs",  "p99Ms",      "availability",
                                                  "monthlyCostUsd", "peakRps",    "maxUsers",
                                                  "sloMaxUsers",    "goodputRps", "errorRatePeak"};
    return keys;
}

const std::vector<std::string> &componentFigureKeys()
{
    static const std::vector<std::string> keys = {
        "utilization", "meanLatencyMs", "monthlyCostUsd",         "arrivalRps",
        "servedRps",   "availability",  "threadsBusyPerInstance", "connectionsOpened"};
    return keys;
}

bool componentHasFigure(const Component &c, const std::string &key)
{
    if (key == "threadsBusyPerInstance")
        return c.kind == Kind::AppServer;
    if (key == "connectionsOpened")
        return c.kind == Kind::Database || c.kind == Kind::ReadReplica;
    return true;
}

std::string joinedFigureKeys(bool component)
{
    return joined(component ? componentFigureKeys() : designFigureKeys());
}

std::optional<Explanation> explainFigure(const Model &model, const FigureRef &ref,
                                         std::string &error)
{
    const bool perComponent = !ref.componentId.empty();
    const int i = perComponent ? model.design().indexOf(ref.componentId) : -1;
    if (perComponent && i < 0) {
        std::vector<std::string> ids;
        for (const Component &comp : model.design().components)
            ids.push_back(comp.id);
        error = "unknown component \"" + clipText(ref.componentId) +
                "\"; the design has: " + joined(ids);
        return std::nullopt;
    }
    const auto &keys = perComponent ? componentFigureKeys() : designFigureKeys();
    if (std::find(keys.begin(), keys.end(), ref.key) == keys.end()) {
        error =
            "unknown " + std::string(perComponent ? "component " : "design ") + "figure \"" +
            clipText(ref.key) + "\"; allowed: " + joined(keys) +
            (perComponent ? "" : " (with --component ID: " + joined(componentFigureKeys()) + ")");
        return std::nullopt;
    }
    if (!model.ok()) {
        error = "the design has errors, so it has no figures (run `scalecanvas validate`)";
        return std::nullopt;
    }
    if (perComponent && !componentHasFigure(model.design().components[size_t(i)], ref.key)) {
        // The kind as the palette names it ("CDN", "Workers"), quoted: an article and a
        // possessive made "a cDN's" and "a workers's" of them (QA).
        error =
            ref.key + " is a figure of " +
            (ref.key == "threadsBusyPerInstance" ? "app servers" : "databases and read replicas") +
            " only; \"" + clipText(ref.componentId) + "\" is of kind \"" +
            std::string(kindTitle(model.design().components[size_t(i)].kind)) + "\"";
        return std::nullopt;
    }
    const double users = ref.users.value_or(model.design().traffic.users);
    // A derived hit ratio with a TTL follows the users: the model at that count (as evaluate).
    // The walls are the design's users' (as evaluate's): the model as it is.
    std::optional<Model> at;
    const bool wall = ref.key == "maxUsers" || ref.key == "sloMaxUsers";
    if (!wall && users != model.design().traffic.users && hitRatioFollowsUsers(model.design())) {
        Design d = model.design();
        d.traffic.users = users;
        at.emplace(d, model.catalog());
    }
    const Ctx c(at ? *at : model, users);
    Explanation e =
        perComponent ? componentFns().at(ref.key)(c, size_t(i)) : designFns().at(ref.key)(c);
    e.key = ref.key;
    e.componentId = ref.componentId;
    e.users = users;
    return e;
}

std::string explainNumber(double value, int digits)
{
    if (std::isnan(value)) // a figure that does not exist
        return "—";
    if (std::isinf(value))
        return value > 0 ? "∞" : "-∞";
    if (value == 0)
        return "0";
    const int magnitude = int(std::floor(std::log10(std::fabs(value))));
    const int decimals = std::clamp(digits - 1 - magnitude, 0, 15);
    const std::string s = detail::fixedTrimmed(value, decimals);
    return s == "-0" ? "0" : s;
}

namespace {

// Columns as a terminal counts them (UTF-8 continuation bytes do not take a column).
size_t columns(const std::string &s)
{
    size_t n = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const auto ch = static_cast<unsigned char>(s[i]);
        const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        // Combining marks (U+0300–U+036F, the bar of S̄ and W̄) take no column either.
        const bool combining = ch == 0xCC || (ch == 0xCD && next < 0xB0);
        n += (ch & 0xC0) != 0x80 && !combining;
    }
    return n;
}

std::string padded(const std::string &s, size_t width)
{
    const size_t n = columns(s);
    return n >= width ? s + " " : s + std::string(width - n, ' ');
}
void valueLines(const std::vector<ExplainValue> &values, std::string &out)
{
    size_t w = 0;
    for (const ExplainValue &v : values) {
        const std::string head = explainHead(v);
        w = std::max(w, columns(head));
    }
    w = std::min<size_t>(w + 2, 36);
    for (const ExplainValue &v : values) {
        const std::string head = explainHead(v);
        out += "  " + padded(head, w) + v.what + "\n";
        if (!v.source.empty())
            out += "      from " + v.source + "\n";
    }
}

nlohmann::json valueJson(const ExplainValue &v)
{
    nlohmann::json j = {{"symbol", v.symbol}, {"value", v.value},
                        {"unit", v.unit},     {"what", v.what},
                        {"source", v.source}, {"text", explainNumber(v.value, v.digits)}};
    if (!v.figureKey.empty())
        j["figure"] = {{"key", v.figureKey}, {"component", v.figureComponent}};
    if (!std::isfinite(v.value))
        j["value"] = nullptr;
    if (std::isnan(v.value)) // a figure that does not exist has no unit, as in the text
        j["unit"] = "";
    return j;
}

} // namespace

std::string explainHead(const ExplainValue &v)
{
    const bool unit = !v.unit.empty() && !std::isnan(v.value);
    return v.symbol + " = " + explainNumber(v.value, v.digits) + (unit ? " " + v.unit : "");
}

std::string explanationText(const Explanation &e)
{
    std::string out = e.title + "\n";
    out += "at " + explainNumber(e.users, 9) + " " + usersWord(e.users) + " — docs/model.md \"" +
           e.section + "\"\n\n";
    out += "Formula\n";
    for (const std::string &f : e.formula)
        out += "  " + f + "\n";
    if (!e.inputs.empty()) {
        out += "\nInputs\n";
        valueLines(e.inputs, out);
    }
    if (!e.steps.empty()) {
        out += "\nSteps\n";
        valueLines(e.steps, out);
    }
    out += "\nResult\n";
    valueLines({e.result}, out);
    out += "  shown as " + e.shown + "\n";
    if (!e.notes.empty()) {
        out += "\nNotes\n";
        for (const std::string &n : e.notes)
            out += "  " + n + "\n";
    }
    return out;
}

std::string explanationJson(const Explanation &e)
{
    nlohmann::json j;
    j["figure"] = e.key;
    if (!e.componentId.empty())
        j["component"] = e.componentId;
    j["users"] = e.users;
    j["title"] = e.title;
    j["section"] = e.section;
    j["formula"] = e.formula;
    j["inputs"] = nlohmann::json::array();
    for (const ExplainValue &v : e.inputs)
        j["inputs"].push_back(valueJson(v));
    j["steps"] = nlohmann::json::array();
    for (const ExplainValue &v : e.steps)
        j["steps"].push_back(valueJson(v));
    j["result"] = valueJson(e.result);
    j["shown"] = e.shown;
    j["notes"] = e.notes;
    return escapeJsonControls(j.dump(2)) + "\n";
}

} // namespace sc
