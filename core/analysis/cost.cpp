// Cost: the monthly bill as terms whose units follow the instances, the users, the LCUs or
// nothing, priced once per edit from the catalog; evaluated at a user count.

#include "core/analysis/prepared.h"

#include <algorithm>
#include <charconv>

namespace sc::detail {
namespace {

// v as printf's %.4g writes it, without the format parsing (one per cost line).
std::string fourDigits(double v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
    return std::string(buf, r.ptr);
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

    void build()
    {
        m_p.costTerms.clear();
        const std::vector<double> egressKb = egressKbPerUser();
        for (size_t i = 0; i < m_p.design.components.size(); ++i) {
            instanceTerm(i);
            serviceTerms(i);
            if (egressKb[i] > 0) {
                const double gbPerUser = egressKb[i] * m_perMonth / 1e6;
                add(i, CostTerm::Users, gbPerUser * m_cat.service("dataTransfer", "outPerGbUsd"),
                    "Data transfer out {} GB", CostCategory::Transfer, gbPerUser);
            }
        }
        addTransferTerms(m_p, m_perMonth);
    }

private:
    void add(size_t i, CostTerm::Basis basis, double usdPerUnit, std::string label,
             CostCategory category, double quantityPerUnit = 1, double minUnits = 0)
    {
        m_p.costTerms.push_back({int(i),
                                 basis,
                                 usdPerUnit,
                                 quantityPerUnit,
                                 minUnits,
                                 0,
                                 std::move(label),
                                 category,
                                 {},
                                 1});
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
        double usd = type->hourlyUsd * m_hours * factor;
        std::string label = "{} × " + type->name;
        if (c.kind == Kind::Database) {
            if (c.flag("multiAz")) {
                usd *= m_cat.service("rds", "multiAzFactor");
                label += " Multi-AZ";
            }
            if (c.number("shards") > 1)
                label = "{} shards × " + type->name + (c.flag("multiAz") ? " Multi-AZ" : "");
        }
        add(i, CostTerm::Instances, usd, label.append(" (").append(pricing).append(")"),
            CostCategory::Compute);
        m_p.costTerms.back().pricing = std::string(pricing);
        m_p.costTerms.back().pricingFactor = factor;
    }

    // Storage, requests and transfer of each kind.
    void serviceTerms(size_t i)
    {
        const Component &c = m_p.design.components[i];
        const ClassRates &pu = m_p.perUser(i);
        const double rps = pu[kStatic] + pu[kRead] + pu[kWrite] + pu[kJob]; // per user, peak
        switch (c.kind) {
        case Kind::Database:
            return storage(i, c.number("storageGB") * c.number("shards"));
        case Kind::ReadReplica:
            return storage(i, c.number("storageGB") * m_p.prep[i].instances);
        case Kind::LoadBalancer:
            if (c.flag("managed"))
                loadBalancer(i, rps);
            return;
        case Kind::Cdn: {
            const double gbPerUser =
                (pu[kStatic] * m_t.kbPerStatic + (pu[kRead] + pu[kWrite]) * m_t.kbPerRequest) *
                m_perMonth / 1e6;
            add(i, CostTerm::Users, gbPerUser * m_cat.service("cloudfront", "perGbUsd"),
                "Egress {} GB", CostCategory::Transfer, gbPerUser);
            add(i, CostTerm::Users,
                rps * m_perMonth / 1e4 * m_cat.service("cloudfront", "per10kRequestsUsd"),
                "Requests", CostCategory::Requests);
            return;
        }
        case Kind::ObjectStorage:
            return objectStorage(i, rps);
        case Kind::Queue:
            add(i, CostTerm::Users,
                rps * m_perMonth * c.number("requestsPerJob") / 1e6 *
                    m_cat.service("sqs", "perMillionUsd"),
                "Requests", CostCategory::Requests);
            return;
        case Kind::Dns:
            add(i, CostTerm::Fixed,
                c.number("hostedZones") * m_cat.service("route53", "hostedZoneMonthUsd"),
                "Hosted zones", CostCategory::Requests);
            add(i, CostTerm::Users,
                rps * m_perMonth * c.number("queriesPerRequest") / 1e6 *
                    m_cat.service("route53", "perMillionQueriesUsd"),
                "Queries", CostCategory::Requests);
            return;
        default:
            return;
        }
    }

    void storage(size_t i, double gb)
    {
        add(i, CostTerm::Fixed, gb * m_cat.service("rdsStorage", "gbMonthUsd"),
            "Storage " + fourDigits(gb) + " GB", CostCategory::Storage);
    }

    void loadBalancer(size_t i, double rps)
    {
        add(i, CostTerm::Fixed, m_cat.service("alb", "hourlyUsd") * m_hours, "ALB hours",
            CostCategory::Compute);
        // LCUs: the larger of rule evaluations (req/s) and GB processed per hour.
        const double avgRps = rps / m_t.peakToAverage;
        const double byRequests = avgRps / m_cat.service("alb", "rpsPerLcu");
        const double byBytes =
            avgRps * m_t.kbPerRequest * 3600 / 1e6 / m_cat.service("alb", "gbPerLcuHour");
        add(i, CostTerm::Lcu, m_cat.service("alb", "lcuHourUsd") * m_hours, "{} LCU",
            CostCategory::Requests, 1, m_cat.service("alb", "minLcu"));
        m_p.costTerms.back().unitsPerUser = std::max(byRequests, byBytes);
    }

    void objectStorage(size_t i, double rps)
    {
        const Component &c = m_p.design.components[i];
        const double gb = c.number("storageGB"), warm = c.number("warmFraction"),
                     cold = c.number("coldFraction");
        add(i, CostTerm::Fixed,
            gb * ((1 - warm - cold) * m_cat.service("s3", "standardGbMonthUsd") +
                  warm * m_cat.service("s3", "iaGbMonthUsd") +
                  cold * m_cat.service("s3", "glacierGbMonthUsd")),
            "Storage " + fourDigits(gb) + " GB", CostCategory::Storage);
        add(i, CostTerm::Users, rps * m_perMonth / 1000 * m_cat.service("s3", "getPer1kUsd"),
            "GET requests", CostCategory::Requests);
    }

    Prepared &m_p;
    const Catalog &m_cat;
    const Traffic &m_t;
    const double m_hours, m_perMonth;
};

double costUnits(const Prepared &p, const CostTerm &term, double users,
                 const std::vector<double> &billed)
{
    switch (term.basis) {
    case CostTerm::Fixed:
        return 1;
    case CostTerm::Instances:
        return billed[size_t((*p.lumpOf)[size_t(term.component)])];
    case CostTerm::Users:
        return users;
    case CostTerm::Lcu:
        return std::max(term.minUnits, users * term.unitsPerUser);
    }
    return 0;
}

} // namespace

void prepareCosts(Prepared &p)
{
    CostBuilder(p).build();
}

void splitBill(Prepared &p)
{
    p.fixedUsd = p.perUserUsd = 0;
    p.lcuTerms.clear();
    for (size_t t = 0; t < p.costTerms.size(); ++t) {
        const CostTerm &term = p.costTerms[t];
        switch (term.basis) {
        case CostTerm::Fixed:
            p.fixedUsd += term.usdPerUnit;
            break;
        case CostTerm::Users:
            p.perUserUsd += term.usdPerUnit;
            break;
        case CostTerm::Instances:
            p.lumps[size_t((*p.lumpOf)[size_t(term.component)])].instanceUsd += term.usdPerUnit;
            break;
        case CostTerm::Lcu:
            p.lcuTerms.push_back(int(t));
            break;
        }
    }
}

void billedByLump(const Prepared &p, double users, std::vector<double> &billed)
{
    // Auto-scaled tiers are billed at their time-weighted count over the day profile.
    billed.resize(p.lumps.size());
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        const size_t i = size_t(p.lumps[l].rep);
        if (!p.prep[i].autoscaled) {
            billed[l] = p.prep[i].instances;
            continue;
        }
        double sum = 0;
        for (double shape : p.dayShape)
            sum += instancesAt(p, i, users * shape);
        billed[l] = sum / 24;
    }
}

void billAt(const Prepared &p, double users, Evaluation &ev)
{
    std::vector<double> billed;
    billedByLump(p, users, billed);
    const auto &comps = p.design.components;
    for (const CostTerm &term : p.costTerms) {
        const double units = costUnits(p, term, users, billed);
        const double usd = units * term.usdPerUnit;
        std::string item = term.label;
        if (auto at = item.find("{}"); at != std::string::npos)
            item.replace(at, 2, fourDigits(units * term.quantityPerUnit));
        ev.costItems.push_back({comps[size_t(term.component)].id, std::move(item), usd,
                                term.category, term.pricing,
                                term.pricingFactor > 0 ? usd / term.pricingFactor : usd});
        ev.components[size_t(term.component)].monthlyCostUsd += usd;
        ev.monthlyCostUsd += usd;
    }
    ev.costPerUserUsd = users > 0 ? ev.monthlyCostUsd / users : 0;
}

double monthlyUsdAt(const Prepared &p, double users, std::vector<double> &billed)
{
    billedByLump(p, users, billed);
    double usd = p.fixedUsd + p.perUserUsd * users;
    for (size_t l = 0; l < p.lumps.size(); ++l)
        usd += p.lumps[l].instanceUsd * billed[l];
    for (int t : p.lcuTerms)
        usd +=
            costUnits(p, p.costTerms[size_t(t)], users, billed) * p.costTerms[size_t(t)].usdPerUnit;
    return usd;
}

} // namespace sc::detail
