// Geography (docs/model.md "Geography"): which region and zone each component is in, the round
// trips a call pays for where its ends are, the populations' own round trips, DNS latency
// routing, and the transfer billed on the calls that cross zones and regions.

#include "core/analysis/prepared.h"

#include <algorithm>
#include <cmath>

namespace sc::detail {

bool inPlacedRegion(const Prepared &p, int v)
{
    const int g = p.geo.regionOf[size_t(v)];
    return g >= 0 && p.geo.at[size_t(g)].has_value();
}

namespace {

// The DNS split of latency routing, class by class: each population goes to the target whose
// region is nearest to it among those the class can go to (the targets routing chooses among:
// a bucket that serves static files takes no API call, however near); a target's weight is the
// sum of the shares of the populations that chose it.
void prepareLatencyRouting(Prepared &p)
{
    const Design &d = p.design;
    const size_t n = d.components.size();
    ClassRates none;
    none.fill(-1);
    std::array<int, kClassCount> noChoice;
    noChoice.fill(-1);
    p.geo.latencyWeight.assign(d.connections.size(), none);
    p.geo.dnsChoice.assign(d.populations.size(), std::vector(n, noChoice));
    bool any = false;
    for (size_t u = 0; u < n; ++u) {
        const Component &c = d.components[u];
        if (c.kind != Kind::Dns || c.textView("routing") != "latency" || d.populations.empty())
            continue;
        for (int k = 0; k < kClassCount; ++k) {
            // The candidates: the targets the class goes to that are in a placed region.
            std::vector<int> candidates = routeCandidates(p, int(u), RequestClass(k));
            std::erase_if(candidates, [&](int e) { return !inPlacedRegion(p, p.to[size_t(e)]); });
            for (size_t pop = 0; pop < d.populations.size(); ++pop) {
                double best = kInf;
                int bestEdge = -1;
                for (int e : candidates) {
                    const int g = p.geo.regionOf[size_t(p.to[size_t(e)])];
                    const double ms =
                        roundTripMs(p.geo.populationAt[pop], *p.geo.at[size_t(g)], 1.0);
                    if (ms < best) {
                        best = ms;
                        bestEdge = e;
                    }
                }
                if (bestEdge < 0)
                    continue; // no target has a place: the split stays as weighted
                any = true;
                p.geo.dnsChoice[pop][u][size_t(k)] = p.to[size_t(bestEdge)];
                for (int e : candidates) {
                    double &w = p.geo.latencyWeight[size_t(e)][size_t(k)];
                    w = std::max(w, 0.0) + (e == bestEdge ? d.populations[pop].share : 0);
                }
            }
        }
    }
    if (!any) {
        p.geo.latencyWeight.clear();
        p.geo.dnsChoice.clear();
    }
}

} // namespace

bool atUsersEnd(Kind kind)
{
    return kind == Kind::Clients || kind == Kind::Dns || kind == Kind::Cdn;
}

void prepareGeography(Prepared &p)
{
    const Design &d = p.design;
    auto &geo = p.geo;
    geo.regionOf.assign(d.components.size(), -1);
    geo.zoneOf.assign(d.components.size(), -1);
    geo.at.assign(d.groups.size(), std::nullopt);
    for (size_t g = 0; g < d.groups.size(); ++g) {
        const Group &group = d.groups[g];
        if (group.place)
            geo.at[g] = coordinatesOf(*group.place);
        for (const std::string &id : group.members) {
            const int i = d.indexOf(id);
            if (i >= 0)
                (group.kind == "zone" ? geo.zoneOf : geo.regionOf)[size_t(i)] = int(g);
        }
    }
    // A component in a zone is in the zone's region.
    for (size_t i = 0; i < d.components.size(); ++i) {
        const int z = geo.zoneOf[i];
        if (z < 0 || geo.regionOf[i] >= 0 || d.groups[size_t(z)].region.empty())
            continue;
        for (size_t g = 0; g < d.groups.size(); ++g)
            if (d.groups[g].kind == "region" && d.groups[g].id == d.groups[size_t(z)].region)
                geo.regionOf[i] = int(g);
    }
    geo.populationAt.clear();
    for (const Population &pop : d.populations)
        geo.populationAt.push_back(coordinatesOf(pop.place).value_or(LatLon{}));
    prepareLatencyRouting(p);
}

std::vector<CdnVolumeShare> cdnVolumeSharesOf(const Design &design)
{
    std::vector<CdnVolumeShare> shares;
    for (const Population &pop : design.populations) {
        const AwsRegion *r = regionOfPlace(pop.place);
        const CdnGeo geo = cdnGeoOf(r ? r->name : std::string_view{});
        auto it = std::find_if(shares.begin(), shares.end(),
                               [&](const CdnVolumeShare &s) { return s.geo == geo; });
        if (it == shares.end())
            shares.push_back({geo, pop.share});
        else
            it->share += pop.share;
    }
    return shares;
}

double hopMs(const Prepared &p, int u, int v)
{
    const auto &geo = p.geo;
    const int ru = geo.regionOf[size_t(u)], rv = geo.regionOf[size_t(v)];
    const int zu = geo.zoneOf[size_t(u)], zv = geo.zoneOf[size_t(v)];
    const Geography &net = p.design.geography;
    if ((ru < 0 && zu < 0) || (rv < 0 && zv < 0))
        return 0; // an end in no group
    if (ru >= 0 && rv >= 0 && ru != rv) {
        const auto &a = geo.at[size_t(ru)], &b = geo.at[size_t(rv)];
        return a && b ? roundTripMs(*a, *b, net.routeFactor) : 0;
    }
    if (zu >= 0 && zv >= 0 && zu != zv)
        return net.crossZoneRttMs;
    return net.sameZoneRttMs;
}

double interRegionOneWayMs(const Prepared &p, int u, int v)
{
    const int ru = p.geo.regionOf[size_t(u)], rv = p.geo.regionOf[size_t(v)];
    return ru >= 0 && rv >= 0 && ru != rv ? hopMs(p, u, v) / 2 : 0.0;
}

double clientRttMs(const Prepared &p, size_t pop, int v)
{
    const int g = p.geo.regionOf[size_t(v)];
    if (g < 0 || !p.geo.at[size_t(g)])
        return p.design.traffic.networkRttMs;
    return roundTripMs(p.geo.populationAt[pop], *p.geo.at[size_t(g)],
                       p.design.geography.routeFactor);
}

namespace {

// Which kind of crossing a call from u to v makes, as billed: 0 none, 1 across zones, 2 across
// regions. A managed service runs in every zone of its region (a zone outage spares it: a
// managed balancer, a queue, object storage), so a call to or from it is billed no crossing of
// zones: AWS bills none between an ALB and its targets, nor between EC2 and SQS or S3 within a
// region (QA: an ALB and an SQS queue "in" zone a billed $630 of cross-zone transfer a month).
int crossingOf(const Prepared &p, int u, int v)
{
    const auto &geo = p.geo;
    const int ru = geo.regionOf[size_t(u)], rv = geo.regionOf[size_t(v)];
    if (ru >= 0 && rv >= 0 && ru != rv)
        return 2;
    const int zu = geo.zoneOf[size_t(u)], zv = geo.zoneOf[size_t(v)];
    if (zu < 0 || zv < 0 || zu == zv)
        return 0;
    const auto &comps = p.design.components;
    return isManaged(comps[size_t(u)]) || isManaged(comps[size_t(v)]) ? 0 : 1;
}

// A look-aside cache's fills (a set per read miss, Routing::cacheFills) are made by its callers,
// each in the share of the cache's reads it sends: each moves the value read, kbPerRequest, from
// the app to the cache. A read-through cache fills itself from the response it fetched (already
// counted on its call to the data tier).
void addLookAsideFills(const Prepared &p, size_t u, std::vector<std::array<double, 3>> &kb)
{
    const Component &c = p.design.components[u];
    const double reads = p.perUser(u)[kRead], fills = p.routing.cacheFills[u];
    if (c.kind != Kind::Cache || !(reads > 0) || !(fills > 0))
        return;
    for (int e : p.outEdges[u])
        if (p.design.connections[size_t(e)].carries(RequestClass::Read))
            return; // read-through
    for (int e : p.inEdges[u]) {
        const int from = p.from[size_t(e)];
        const double share = p.routing.edgeClassFlow[size_t(e)][kRead] / reads;
        kb[size_t(from)][size_t(crossingOf(p, from, int(u)))] +=
            fills * share * p.design.traffic.kbPerRequest;
    }
}

} // namespace

// Transfer across zones and regions: every call moves its payload once (traffic.kbPerStatic
// for a static fetch, traffic.kbPerRequest for a read, a write or a job; requests are small
// beside responses), at the month's average rate; a look-aside cache's miss moves it twice, the
// app's read of its data tier and then its fill of the cache. Across zones AWS bills $0.01/GB out
// of one zone and $0.01/GB into the other, so a GB crossing costs both; across regions the sending
// region pays $0.02/GB. Billed on the component that makes the calls. A read replica in another
// region than its primary receives the primary's log: each write it applies (Routing::
// appliedWrites, every instance its own stream) moves traffic.kbPerRequest across regions,
// billed on the replica at the same rate; within a region replication moves free (RDS).
void addTransferTerms(Prepared &p, double perMonth)
{
    const Traffic &t = p.design.traffic;
    const size_t n = p.design.components.size();
    std::vector<std::array<double, 3>> kb(n, {0, 0, 0}); // per component, per crossing
    for (size_t u = 0; u < n; ++u) {
        for (int k = 0; k < kClassCount; ++k)
            for (const Out &o : p.routing.outsOf(u, k)) {
                // On the component that makes the call (a look-aside cache's misses: its app).
                const int from = hopOrigin(o, int(u));
                kb[size_t(from)][size_t(crossingOf(p, from, o.target))] +=
                    p.perUser(u)[size_t(k)] * o.fraction *
                    (k == kStatic ? t.kbPerStatic : t.kbPerRequest);
            }
        for (const Out &o : p.routing.jobOutsOf(u))
            kb[u][size_t(crossingOf(p, int(u), o.target))] +=
                p.perUser(u)[kWrite] * p.routing.jobsPerWrite[u] * o.fraction * t.kbPerRequest;
        addLookAsideFills(p, u, kb);
    }
    // Priced only where something crosses (a catalog for designs without groups need not
    // carry these rates).
    auto usdPerGbOf = [&p](int crossing) {
        return crossing == 1 ? 2 * p.catalog.service("dataTransfer", "interAzPerGbUsd")
                             : p.catalog.service("dataTransfer", "interRegionPerGbUsd");
    };
    auto bill = [&p, perMonth](size_t u, double kbPerUser, double usdPerGb, const char *label) {
        const double gbPerUser = kbPerUser * perMonth / 1e6;
        p.costTerms.push_back({int(u),
                               CostTerm::Users,
                               gbPerUser * usdPerGb,
                               gbPerUser,
                               0,
                               0,
                               SharedText(label),
                               CostCategory::Transfer,
                               {},
                               1,
                               -1,
                               "GB",
                               "GB"});
    };
    const char *labels[3] = {"", "Cross-zone transfer {} GB", "Cross-region transfer {} GB"};
    for (size_t u = 0; u < n; ++u)
        for (int c : {1, 2})
            if (kb[u][size_t(c)] > 0)
                bill(u, kb[u][size_t(c)], usdPerGbOf(c), labels[c]);
    for (size_t u = 0; u < n; ++u) {
        const int primary = p.routing.primaryOf[u];
        if (primary >= 0 && p.routing.appliedWrites[u] > 0 && crossingOf(p, primary, int(u)) == 2)
            bill(u, p.routing.appliedWrites[u] * t.kbPerRequest, usdPerGbOf(2),
                 "Cross-region replication {} GB");
    }
}

// A page (docs/model.md "Geography"): traffic.callsPerPage dynamic calls one after another, then
// their static fetches (traffic.staticPerRequest each) over kPageConnections parallel
// connections, in rounds, each round one static fetch's mean time (the CDN edge's when it serves
// them, the origin's with the round trip otherwise).
constexpr double kPageConnections = 6; // browsers open 6 connections per host over HTTP/1.1

void populationFigures(const Prepared &p, const std::vector<Station> &st, Evaluation &ev)
{
    const auto &pops = p.design.populations;
    ev.populations.clear();
    // What the clients send of static fetches per user, each population's walk from all of it.
    double sent = 0;
    for (int cl : p.clientLumps)
        sent += p.perUser(size_t(p.lumps[size_t(cl)].rep))[kStatic] * p.lumps[size_t(cl)].size;
    LatencyScratch scratch;
    std::array<LatencyMixture, kClassCount> done;
    std::array<bool, kClassCount> invalid{};
    for (size_t i = 0; i < pops.size(); ++i) {
        propagateLatency(p, st, (1u << kStatic) | (1u << kRead) | (1u << kWrite), scratch, done,
                         invalid, int(i));
        PopulationResult r;
        r.name = pops[i].name;
        r.share = pops[i].share;
        LatencyMixture dynamic = done[kRead];
        dynamic.addAll(done[kWrite], 1.0);
        r.latency = summarize(dynamic, invalid[kRead] || invalid[kWrite], 0);
        const LatencySummary fetch = summarize(done[kStatic], invalid[kStatic], 0);
        const Traffic &t = p.design.traffic;
        const double rounds = std::ceil(t.callsPerPage * t.staticPerRequest / kPageConnections);
        // Fetches that fail (a CDN with no origin, a dead end, a target down) end no page: a page
        // time of those that arrive read faster than a working CDN's (QA). None then, and the
        // share said beside it.
        const double failing = sent > 0 ? 1 - done[kStatic].totalWeight() / sent : 0;
        r.fetchesFailing = failing > 1e-9 ? std::min(1.0, failing) : 0;
        if (r.latency.valid && (fetch.valid || rounds == 0) && r.fetchesFailing == 0)
            r.pageMs = t.callsPerPage * r.latency.mean + rounds * fetch.mean;
        ev.populations.push_back(std::move(r));
    }
}

} // namespace sc::detail
