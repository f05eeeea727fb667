// Cost: the monthly bill as terms whose units follow the instances, the users, the LCUs or
// nothing, priced once per edit from the catalog; evaluated at a user count.

#include "core/analysis/prepared.h"

#include "core/analysis/money.h"
#include "core/analysis/printfnumber.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sc::detail {

double reservedFloorOf(const Prepared &p, size_t i)
{
    const Component &c = p.design.components[i];
    if (!c.autoscale || c.textView("pricing") != "reserved" ||
        p.catalog.pricingFactor("reserved") == 1)
        return 0;
    // What a live failure left (its minimum lowered with its maximum) keeps the design's
    // reservation, as a run in time pays it.
    const bool failed = !p.unfailedMin.empty() && p.unfailedMin[i] >= 0;
    return failed ? p.unfailedMin[i] : c.autoscale->min;
}

namespace {

// A cost line's quantity: four significant digits below 9,999.5 ("10.42 LCU", "9,999" as
// "9999"), a whole number with thousands separators from there ("Storage 10,000 GB", not
// "1e+04", which %.4g writes from 9,999.5 on); %.4g only past 10^15.
std::string fourDigits(double v)
{
    // Whole with separators from a thousand on ("2,000 GB" beside "200,000 GB": "2000 GB" read
    // differently from its neighbours; QA), four figures below it, and a sliver as the text
    // output writes one, never an exponent ("3.042e-07 GB" at one user; QA).
    if (v > 0 && v < kSmallestPlain)
        return kBelowPlain;
    // A whole count below a thousand (most instance lines, "2 × c5.large") is its digits, as
    // %.4g writes them, without printf's parsing (a thousand lines an edit of a big design).
    if (v >= 0 && v < 999.5 && v == std::floor(v) && !std::signbit(v))
        return std::to_string(int(v));
    return wholeOrPrintf(v, 999.5, "%.4g");
}

class CostBuilder
{
public:
    explicit CostBuilder(Prepared &p)
        : m_p(p)
        , m_cat(p.catalog)
        , m_t(p.design.traffic)
        , m_hours(p.catalog.hoursPerMonth)
        // Monthly volumes run at the average rate: peak ÷ peakToAverage, over the month's seconds.
        , m_perMonth(m_hours * 3600 / m_t.peakToAverage)
    {
    }

    void build(const Carry *carry, const std::vector<char> *redo)
    {
        const size_t n = m_p.design.components.size();
        m_p.costTerms.clear();
        // About three lines for every two components (instances, a service fee, data out):
        // room at once rather than growth by copying.
        m_p.costTerms.reserve(n * 3 / 2 + 8);
        m_p.ownTerms.assign(n + 1, 0);
        setUpMeters();
        const std::vector<double> egressKb = egressKbPerUser();
        for (size_t i = 0; i < n; ++i) {
            m_p.ownTerms[i] = std::uint32_t(m_p.costTerms.size());
            if (carry && !(*redo)[i]) {
                carried(*carry->before, i);
                continue;
            }
            instanceTerm(i);
            creditTerm(i);
            serviceTerms(i);
            if (egressKb[i] > 0)
                addMetered(i, kInternetOut, egressKb[i] * m_perMonth / 1e6, "Data transfer out",
                           CostCategory::Transfer);
        }
        m_p.ownTerms[n] = std::uint32_t(m_p.costTerms.size());
        addTransferTerms(m_p, m_perMonth);
    }

private:
    enum MeterId {
        kCdnOut,
        kInternetOut,
        kCdnRequests,
        kQueueRequests,
        kDnsQueries,
        kDnsLatencyQueries,
        kMeterCount
    };

    // The meters billed once per account: the free allowances of AWS's free tier apply to the
    // account's total, not to each component (docs/model.md "Tiered prices").
    void setUpMeters()
    {
        m_p.meters.assign(kMeterCount, {});
        Meter &cdn = m_p.meters[kCdnOut];
        cdn.freeUnits = price("cloudfront", "freeTierGbMonth");
        double sum = 0;
        for (const CdnVolumeShare &s : m_p.cdnVolumeShares)
            sum += s.share > 0 ? s.share : 0;
        for (const CdnVolumeShare &s : m_p.cdnVolumeShares)
            if (s.share > 0)
                cdn.parts.push_back({m_cat.cdnTiers(s.geo), s.share / sum});
        if (cdn.parts.empty())
            cdn.parts.push_back({m_cat.cdnTiers(CdnGeo::NorthAmerica), 1});
        Meter &out = m_p.meters[kInternetOut];
        out.freeUnits = price("dataTransfer", "freeOutGbMonth");
        out.parts.push_back({m_cat.tiers("dataTransferOut"), 1});
        requestMeter(kCdnRequests, {{kInf, price("cloudfront", "per10kRequestsUsd") / 1e4}},
                     price("cloudfront", "freeTierRequestsMonth"));
        requestMeter(kQueueRequests, {{kInf, price("sqs", "perMillionUsd") / 1e6}},
                     price("sqs", "freeRequestsMonth"));
        // Route 53 prices each kind of query by the account's month: the first billion at one
        // price, the rest at another (half of it).
        const double first = price("route53", "firstTierQueriesMonth");
        requestMeter(kDnsQueries,
                     {{first, price("route53", "perMillionQueriesUsd") / 1e6},
                      {kInf, price("route53", "perMillionQueriesOver1BUsd") / 1e6}},
                     0);
        requestMeter(kDnsLatencyQueries,
                     {{first, price("route53", "latencyPerMillionUsd") / 1e6},
                      {kInf, price("route53", "latencyPerMillionOver1BUsd") / 1e6}},
                     0);
    }

    // A meter of requests through `tiers` (USD a request; the last without bound), the account's
    // first `free` of the month free.
    void requestMeter(MeterId id, std::vector<PriceTier> tiers, double free)
    {
        Meter &m = m_p.meters[size_t(id)];
        m.unit = Meter::Requests;
        m.freeUnits = free;
        TierTable table;
        table.tiers = std::move(tiers);
        m.parts.push_back({std::move(table), 1});
    }

    // Component i's terms as `before` has them, its metered volumes added as addMetered did.
    void carried(const Prepared &before, size_t i)
    {
        for (size_t t = before.ownTerms[i]; t < before.ownTerms[i + 1]; ++t) {
            const CostTerm &term = before.costTerms[t];
            if (term.basis == CostTerm::Metered)
                m_p.meters[size_t(term.meter)].unitsPerUser += term.unitsPerUser;
            m_p.costTerms.push_back(term);
        }
    }

    // A line that pays its share (by volume) of meter `id`'s bill.
    void addMetered(size_t i, MeterId id, double unitsPerUser, std::string label,
                    CostCategory category)
    {
        m_p.meters[size_t(id)].unitsPerUser += unitsPerUser;
        add(i, CostTerm::Metered, 0, std::move(label), category);
        m_p.costTerms.back().meter = int(id);
        m_p.costTerms.back().unitsPerUser = unitsPerUser;
    }

    // Surplus CPU credits of a burstable tier in unlimited mode: $ per vCPU-hour × vCPUs × the
    // month's hours per whole surplus instance.
    void creditTerm(size_t i)
    {
        const Prep &pr = m_p.prep[i];
        if (pr.burstBaseline >= 1 || !pr.instance)
            return;
        const double vcpuHours = pr.instance->vcpu * m_hours;
        add(i, CostTerm::Credits, vcpuHours * price("burstCredits", "surplusVcpuHourUsd"),
            "Surplus CPU credits {} vCPU-h (unlimited)", CostCategory::Compute, vcpuHours);
        m_p.costTerms.back().quantityUnit = m_p.costTerms.back().priceUnit = "vCPU-h";
    }

    void add(size_t i, CostTerm::Basis basis, double usdPerUnit, std::string label,
             CostCategory category, double quantityPerUnit = 1, double minUnits = 0)
    {
        addCounted(i, basis, usdPerUnit, std::move(label), category, quantityPerUnit, {}, minUnits);
    }
    // What a line's unit holds, and how its price is quoted (CostTerm::quantityUnit).
    struct Quantity {
        const char *unit = nullptr, *priced = nullptr;
    };
    // A line whose unit holds `quantityPerUnit` of `quantity`.
    void addCounted(size_t i, CostTerm::Basis basis, double usdPerUnit, std::string label,
                    CostCategory category, double quantityPerUnit, Quantity quantity,
                    double minUnits = 0)
    {
        m_p.costTerms.push_back({int(i),
                                 basis,
                                 usdPerUnit,
                                 quantityPerUnit,
                                 minUnits,
                                 0,
                                 SharedText(std::move(label)),
                                 category,
                                 {},
                                 1,
                                 -1,
                                 quantity.unit,
                                 quantity.priced});
    }

    // Bytes (KB per user per second at the peak) that leave AWS straight from a component,
    // not through the CDN: what arrives over edges from clients or DNS.
    std::vector<double> egressKbPerUser() const
    {
        const auto &comps = m_p.design.components;
        std::vector<double> egressKb(comps.size(), 0);
        for (size_t e = 0; e < m_p.design.connections.size(); ++e) {
            const Kind from = comps[size_t(m_p.from[e])].kind;
            const size_t to = size_t(m_p.to[e]);
            if ((from != Kind::Clients && from != Kind::Dns) || comps[to].kind == Kind::Cdn ||
                comps[to].kind == Kind::Dns)
                continue;
            const double in = totalOf(m_p.perUser(to));
            if (in <= 0)
                continue;
            const ClassRates &pu = m_p.perUser(to);
            egressKb[to] +=
                m_p.routing.edgeFlow[e] / in *
                (pu[kStatic] * m_t.kbPerStatic + (pu[kRead] + pu[kWrite]) * m_t.kbPerRequest);
        }
        return egressKb;
    }

    // The instances of instance-based kinds, at their pricing model (Multi-AZ doubles RDS).
    void instanceTerm(size_t i)
    {
        const Component &c = m_p.design.components[i];
        const InstanceType *type = m_p.prep[i].instance;
        if (!findParam(c.kind, "instanceType") ||
            (c.kind == Kind::LoadBalancer && c.flag("managed")) || !type)
            return;
        const std::string_view pricing = c.textView("pricing");
        const double factor = m_cat.pricingFactor(pricing);
        // A reservation is paid around the clock, run or not: an auto-scaled tier reserves its
        // minimum, and the instances it adds above it run on demand (scaling-facts.md case 14,
        // "reserved pricing for the always-on baseline"; QA: the reserved price on the whole
        // time-weighted count made the bill 25% lower than any purchase could).
        if (const double floor = reservedFloorOf(m_p, i); floor > 0) {
            reservedFloorTerms(i, floor, *type, factor);
            return;
        }
        double usd = type->hourlyUsd * m_hours * factor;
        const bool multiAz = c.kind == Kind::Database && c.flag("multiAz");
        const bool sharded = c.kind == Kind::Database && c.number("shards") > 1;
        if (multiAz)
            usd *= price("rds", "multiAzFactor");
        // "{} × m5.large (onDemand)", "{} shards × db.r6g.large Multi-AZ (reserved)": written
        // once into a string of its final size.
        const std::string_view count = sharded ? "{} shards × " : "{} × ";
        const std::string_view az = multiAz ? " Multi-AZ" : "";
        std::string label;
        const std::string shown = choiceText(pricing); // "on-demand", not the key "onDemand"
        label.reserve(count.size() + type->name.size() + az.size() + shown.size() + 3);
        label.append(count).append(type->name).append(az).append(" (").append(shown).append(")");
        add(i, CostTerm::Instances, usd, std::move(label), CostCategory::Compute);
        m_p.costTerms.back().pricing = std::string(pricing);
        m_p.costTerms.back().pricingFactor = factor;
    }

    // An auto-scaled tier at reserved pricing: its minimum reserved ("2 × c5.large (reserved)",
    // a fixed line), and what it runs above it on demand ("{} × c5.large (on demand above the
    // reserved 2)", the time-weighted count less the minimum). (App servers, workers and poolers
    // auto-scale: no Multi-AZ, no shards.)
    void reservedFloorTerms(size_t i, double floor, const InstanceType &type, double factor)
    {
        const double hourly = type.hourlyUsd * m_hours;
        addCounted(i, CostTerm::Fixed, floor * hourly * factor, "{} × " + type.name + " (reserved)",
                   CostCategory::Compute, floor, {"instances", "instance-month"});
        m_p.costTerms.back().pricing = "reserved";
        m_p.costTerms.back().pricingFactor = factor;
        add(i, CostTerm::Instances, hourly,
            "{} × " + type.name + " (on demand above the reserved " + fourDigits(floor) + ")",
            CostCategory::Compute);
        m_p.costTerms.back().pricing = "onDemand";
        m_p.costTerms.back().unitsOffset = floor;
    }

    // Storage, requests and transfer of each kind.
    void serviceTerms(size_t i)
    {
        const Component &c = m_p.design.components[i];
        const ClassRates &pu = m_p.perUser(i);
        const double rps = pu[kStatic] + pu[kRead] + pu[kWrite] + pu[kJob]; // per user, peak
        switch (c.kind) {
        case Kind::Database:
            return storage(i, c.number("storageGB") * c.number("shards"), c.flag("multiAz"));
        case Kind::ReadReplica:
            return replicaStorage(i, c);
        case Kind::LoadBalancer:
            if (c.flag("managed"))
                loadBalancer(i, rps, pu[kStatic]);
            return;
        case Kind::Cdn: {
            const double gbPerUser =
                (pu[kStatic] * m_t.kbPerStatic + (pu[kRead] + pu[kWrite]) * m_t.kbPerRequest) *
                m_perMonth / 1e6;
            addMetered(i, kCdnOut, gbPerUser, "Egress", CostCategory::Transfer);
            addMetered(i, kCdnRequests, rps * m_perMonth, "Requests", CostCategory::Requests);
            return;
        }
        case Kind::ObjectStorage:
            return objectStorage(i, rps);
        case Kind::Queue:
            addMetered(i, kQueueRequests, rps * m_perMonth * c.number("requestsPerJob"), "Requests",
                       CostCategory::Requests);
            return;
        case Kind::Dns: {
            addCounted(i, CostTerm::Fixed,
                       c.number("hostedZones") * price("route53", "hostedZoneMonthUsd"),
                       "Hosted zones", CostCategory::Requests, c.number("hostedZones"),
                       {"hosted zones", "hosted zone"});
            // Latency-based records are priced above standard ones (aws-prices.md), each kind
            // through its own tiers.
            const bool latency = c.textView("routing") == "latency";
            addMetered(i, latency ? kDnsLatencyQueries : kDnsQueries,
                       rps * m_perMonth * c.number("queriesPerRequest"),
                       latency ? "Latency-based queries" : "Queries", CostCategory::Requests);
            return;
        }
        default:
            return;
        }
    }

    // RDS storage; Multi-AZ bills the primary's and the standby's copies.
    void storage(size_t i, double gb, bool multiAz = false, std::string_view why = {})
    {
        const double copies = multiAz ? price("rdsStorage", "multiAzStorageFactor") : 1;
        addCounted(i, CostTerm::Fixed, gb * copies * price("rdsStorage", "gbMonthUsd"),
                   "Storage " + fourDigits(gb) + " GB" +
                       (multiAz ? " × " + fourDigits(copies) + " (Multi-AZ)" : "") +
                       std::string(why),
                   CostCategory::Storage, gb * copies, {"GB-months", "GB-month"});
    }

    // Each replica instance holds a copy of its primary's data (one shard's, of a sharded
    // primary), so it is provisioned at least the primary's storage per shard, whatever its own
    // storageGB says: RDS creates a replica with room for the source's data (docs/model.md
    // "Read replica storage").
    void replicaStorage(size_t i, const Component &c)
    {
        const double own = c.number("storageGB"),
                     instances = m_p.prep[i].instances + m_p.failedBilledOf(i);
        const int primary = m_p.routing.primaryOf[i];
        const double source =
            primary >= 0 ? m_p.design.components[size_t(primary)].number("storageGB") : 0;
        if (source <= own)
            return storage(i, own * instances);
        storage(i, source * instances, false,
                instances == 1 ? " (its primary's)"
                               : " (" + fourDigits(instances) + " × its primary's " +
                                     fourDigits(source) + " GB)");
    }

    // A managed balancer carrying `rps` requests per user, `staticRps` of them static.
    void loadBalancer(size_t i, double rps, double staticRps)
    {
        addCounted(i, CostTerm::Fixed, price("alb", "hourlyUsd") * m_hours, "ALB hours",
                   CostCategory::Compute, m_hours, {"hours", "hour"});
        // LCUs: the larger of rule evaluations (req/s) and GB processed per hour, each response
        // at its size (a static one at kbPerStatic).
        const double avgRps = rps / m_t.peakToAverage;
        const double byRequests = avgRps / price("alb", "rpsPerLcu");
        const double staticExtraKb =
            staticRps / m_t.peakToAverage * (m_t.kbPerStatic - m_t.kbPerRequest);
        const double byBytes =
            (avgRps * m_t.kbPerRequest + staticExtraKb) * 3600 / 1e6 / price("alb", "gbPerLcuHour");
        add(i, CostTerm::Lcu, price("alb", "lcuHourUsd") * m_hours, "{} LCU",
            CostCategory::Requests, 1, price("alb", "minLcu"));
        m_p.costTerms.back().unitsPerUser = std::max(byRequests, byBytes);
    }

    void objectStorage(size_t i, double rps)
    {
        const Component &c = m_p.design.components[i];
        const double gb = c.number("storageGB"), warm = c.number("warmFraction"),
                     cold = c.number("coldFraction");
        addCounted(i, CostTerm::Fixed,
                   gb * ((1 - warm - cold) * price("s3", "standardGbMonthUsd") +
                         warm * price("s3", "iaGbMonthUsd") +
                         cold * price("s3", "glacierGbMonthUsd")),
                   "Storage " + fourDigits(gb) + " GB", CostCategory::Storage, gb,
                   {"GB-months", "GB-month"});
        addCounted(i, CostTerm::Users, rps * m_perMonth / 1000 * price("s3", "getPer1kUsd"),
                   "GET requests", CostCategory::Requests, rps * m_perMonth / 1000,
                   {"thousand requests", "1,000 requests"});
    }

    // A catalog figure, looked up once per rebuild: a few figures price every component, and a
    // search of the catalog's maps by two strings for each was ~1,400 per rebuild of 997
    // components. Throws as Catalog::service does when the catalog lacks it.
    double price(std::string_view service, std::string_view key)
    {
        for (const Price &p : m_prices)
            if (sameName(p.key, key) && sameName(p.service, service))
                return p.value;
        const double value = m_cat.service(service, key);
        m_prices.push_back({service, key, value});
        return value;
    }

    struct Price {
        std::string_view service, key;
        double value;
    };
    Prepared &m_p;
    const Catalog &m_cat;
    const Traffic &m_t;
    const double m_hours, m_perMonth;
    std::vector<Price> m_prices; // price()'s, in the order first asked for
};

double costUnits(const Prepared &p, const CostTerm &term, double users,
                 const std::vector<double> &billed)
{
    switch (term.basis) {
    case CostTerm::Metered:
        return users * term.unitsPerUser;
    case CostTerm::Credits:
        return creditUnitsAt(p, size_t((*p.lumpOf)[size_t(term.component)]), users);
    case CostTerm::Fixed:
        return 1;
    case CostTerm::Instances: {
        // (Above a reserved floor: none while the tier runs below it, failed instances out.)
        const double count = billed[size_t((*p.lumpOf)[size_t(term.component)])];
        return term.unitsOffset > 0 ? std::max(0.0, count - term.unitsOffset) : count;
    }
    case CostTerm::Users:
        return users;
    case CostTerm::Lcu:
        return std::max(term.minUnits, users * term.unitsPerUser);
    }
    return 0;
}

} // namespace

void prepareCosts(Prepared &p, const Carry *carry, const std::vector<char> *redo)
{
    CostBuilder(p).build(carry, redo);
}

void splitBill(Prepared &p)
{
    p.fixedUsd = p.perUserUsd = 0;
    p.lcuTerms.clear();
    p.creditLumps.clear();
    p.fixedBilled.resize(p.lumps.size());
    std::vector<char> hasCredits(p.lumps.size(), 0);
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        const Prep &pr = p.prep[size_t(p.lumps[l].rep)];
        p.fixedBilled[l] = pr.autoscaled ? Prepared::kAutoScaledLump
                                         : pr.instances + p.failedBilledOf(size_t(p.lumps[l].rep));
    }
    for (size_t t = 0; t < p.costTerms.size(); ++t) {
        const CostTerm &term = p.costTerms[t];
        switch (term.basis) {
        case CostTerm::Fixed:
            p.fixedUsd += term.usdPerUnit;
            break;
        case CostTerm::Users:
            p.perUserUsd += term.usdPerUnit;
            break;
        case CostTerm::Instances: {
            // Less what the offset leaves out (the reserved floor, billed on its own line).
            Lump &lump = p.lumps[size_t((*p.lumpOf)[size_t(term.component)])];
            lump.instanceUsd += term.usdPerUnit;
            if (term.unitsOffset > 0) {
                p.fixedUsd -= term.usdPerUnit * term.unitsOffset;
                lump.reservedFloor = term.unitsOffset; // (a lump's floors are one: autoscale)
                lump.reservedUsd += term.usdPerUnit;
            }
            break;
        }
        case CostTerm::Lcu:
            p.lcuTerms.push_back(int(t));
            break;
        case CostTerm::Metered: // Prepared::meters
            break;
        case CostTerm::Credits: {
            const int l = (*p.lumpOf)[size_t(term.component)];
            if (!hasCredits[size_t(l)]) // in the order first billed (a search was quadratic)
                p.creditLumps.push_back(l);
            hasCredits[size_t(l)] = 1;
            p.lumps[size_t(l)].creditUsd += term.usdPerUnit;
            break;
        }
        }
    }
    p.creditCapacity.assign(p.lumps.size(), std::numeric_limits<double>::quiet_NaN());
    for (int l : p.creditLumps) {
        const size_t rep = size_t(p.lumps[size_t(l)].rep);
        if (!p.prep[rep].autoscaled)
            p.creditCapacity[size_t(l)] = capacityAt(p, int(rep), p.prep[rep].instances);
    }
}

double billedInstances(const Prepared &p, size_t i, double users)
{
    // Auto-scaled tiers are billed at their time-weighted count over the day profile.
    const Prep &pr = p.prep[i];
    if (!pr.autoscaled)
        return pr.instances + p.failedBilledOf(i);
    // The mean of 24 counts of the minimum, a whole number, is the minimum itself.
    if (wholeDayAtMinimum(p, i, users))
        return pr.scaleMin;
    std::array<double, 24> n{};
    hourlyInstances(p, i, users, n);
    double sum = 0;
    for (double count : n)
        sum += count;
    return sum / 24;
}

void billedByLump(const Prepared &p, double users, std::vector<double> &billed)
{
    billed.resize(p.lumps.size());
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        const double fixed = p.fixedBilled[l];
        billed[l] = fixed != Prepared::kAutoScaledLump
                        ? fixed
                        : billedInstances(p, size_t(p.lumps[l].rep), users);
    }
}

Bill billAt(const Prepared &p, double users, std::vector<std::pair<int, double>> *terms)
{
    Bill b;
    std::vector<double> billed;
    billedByLump(p, users, billed);
    b.meterUsd.reserve(p.meters.size());
    for (const Meter &m : p.meters)
        b.meterUsd.push_back(m.usdAt(users));
    b.componentUsd.assign(p.design.components.size(), 0.0);
    b.computeUsd.assign(p.design.components.size(), 0.0);
    b.lines.reserve(p.costTerms.size());
    for (size_t t = 0; t < p.costTerms.size(); ++t) {
        const CostTerm &term = p.costTerms[t];
        const double units = costUnits(p, term, users, billed);
        double usd = units * term.usdPerUnit;
        if (term.basis == CostTerm::Metered) {
            const Meter &m = p.meters[size_t(term.meter)];
            usd = m.unitsPerUser > 0
                      ? b.meterUsd[size_t(term.meter)] * term.unitsPerUser / m.unitsPerUser
                      : 0;
        } else if ((term.basis == CostTerm::Credits || term.unitsOffset > 0) && !(units > 0)) {
            continue; // no surplus this month, nothing above the reserved floor: no line
        }
        if (terms)
            terms->emplace_back(int(t), units);
        b.lines.push_back({int(t), units, usd});
        b.componentUsd[size_t(term.component)] += usd;
        if (term.category == CostCategory::Compute)
            b.computeUsd[size_t(term.component)] += usd;
        b.totalUsd += usd;
    }
    return b;
}

void addBill(const Bill &b, double users, Evaluation &ev)
{
    for (size_t i = 0; i < ev.components.size() && i < b.componentUsd.size(); ++i) {
        ev.components[i].monthlyCostUsd = b.componentUsd[i];
        ev.components[i].computeCostUsd = b.computeUsd[i];
    }
    ev.monthlyCostUsd = b.totalUsd;
    ev.costPerUserUsd = users > 0 ? ev.monthlyCostUsd / users : 0;
}

std::vector<CostItem> costItemsOf(const Prepared &p, double users, const Bill &b)
{
    std::vector<std::string> meterSuffix; // (a meter that bills something has lines)
    meterSuffix.reserve(p.meters.size());
    for (size_t m = 0; m < p.meters.size(); ++m)
        meterSuffix.push_back(b.meterUsd[m] > 0 ? meteredSuffix(p.meters[m], users, b.meterUsd[m])
                                                : std::string());
    const auto &comps = p.design.components;
    std::vector<CostItem> items;
    items.reserve(b.lines.size());
    for (const Bill::Line &line : b.lines) {
        const CostTerm &term = p.costTerms[size_t(line.term)];
        std::string item = term.label;
        if (term.basis == CostTerm::Metered)
            item = meteredLabel(p.meters[size_t(term.meter)], term, line.units, line.usd,
                                meterSuffix[size_t(term.meter)]);
        else if (auto at = item.find("{}"); at != std::string::npos)
            item.replace(at, 2, fourDigits(line.units * term.quantityPerUnit));
        items.push_back({comps[size_t(term.component)].id, std::move(item), line.usd, term.category,
                         term.pricing,
                         term.pricingFactor > 0 ? line.usd / term.pricingFactor : line.usd});
    }
    return items;
}

double monthlyUsdAt(const Prepared &p, double users, std::vector<double> &billed)
{
    billedByLump(p, users, billed);
    double usd = p.fixedUsd + p.perUserUsd * users;
    for (size_t l = 0; l < p.lumps.size(); ++l)
        usd += instancesUsd(p.lumps[l], billed[l]);
    for (int t : p.lcuTerms)
        usd +=
            costUnits(p, p.costTerms[size_t(t)], users, billed) * p.costTerms[size_t(t)].usdPerUnit;
    for (const Meter &m : p.meters)
        usd += m.usdAt(users);
    for (int l : p.creditLumps)
        usd += p.lumps[size_t(l)].creditUsd * creditUnitsAt(p, size_t(l), users);
    return usd;
}

} // namespace sc::detail
