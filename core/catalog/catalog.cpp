#include "catalog.h"

#include "core/io/format.h"

#include <cmath>
#include <stdexcept>

namespace sc {

extern const char *const kBuiltinCatalogJson;

namespace {

using json = nlohmann::json;

// Every figure the model reads; a catalog without one is refused, so lookups cannot fail.
const std::pair<const char *, const char *> kRequiredServiceKeys[] = {
    {"alb", "hourlyUsd"},
    {"alb", "lcuHourUsd"},
    {"alb", "minLcu"},
    {"alb", "rpsPerLcu"},
    {"alb", "gbPerLcuHour"},
    {"alb", "maxRps"},
    {"alb", "latencyMs"},
    {"cloudfront", "perGbUsd"},
    {"cloudfront", "per10kRequestsUsd"},
    {"cloudfront", "maxRps"},
    {"s3", "standardGbMonthUsd"},
    {"s3", "iaGbMonthUsd"},
    {"s3", "glacierGbMonthUsd"},
    {"s3", "getPer1kUsd"},
    {"s3", "maxRps"},
    {"rdsStorage", "gbMonthUsd"},
    {"rds", "multiAzFactor"},
    {"dataTransfer", "outPerGbUsd"},
    {"sqs", "perMillionUsd"},
    {"sqs", "maxRps"},
    {"route53", "hostedZoneMonthUsd"},
    {"route53", "perMillionQueriesUsd"},
};
const char *const kRequiredAvailability[] = {"ec2Instance",
                                             "rdsSingleAz",
                                             "rdsMultiAz",
                                             "elasticacheSingle",
                                             "elasticacheMultiAz",
                                             "alb",
                                             "s3",
                                             "cloudfront",
                                             "sqs",
                                             "route53"};

std::optional<double> finiteNonNegative(const json &j, const std::string &path, Issues &errors)
{
    if (!j.is_number() || !std::isfinite(j.get<double>()) || j.get<double>() < 0) {
        errors.push_back({path, "must be a finite number ≥ 0"});
        return std::nullopt;
    }
    return j.get<double>();
}

std::string textOr(const json &obj, const char *key, std::string fallback = {})
{
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

} // namespace

const InstanceType *Catalog::instance(std::string_view name) const
{
    for (const InstanceType &t : instanceTypes)
        if (t.name == name)
            return &t;
    return nullptr;
}

double Catalog::service(std::string_view svc, std::string_view key) const
{
    auto s = services.find(svc);
    if (s != services.end())
        if (auto k = s->second.find(key); k != s->second.end())
            return k->second;
    throw std::logic_error("catalog lacks services." + std::string(svc) + "." + std::string(key));
}

double Catalog::pricingFactor(std::string_view model) const
{
    auto it = pricingFactors.find(model);
    return it == pricingFactors.end() ? 1.0 : it->second;
}

double Catalog::availabilityOf(std::string_view key) const
{
    auto it = availability.find(key);
    return it == availability.end() ? 0.995 : it->second;
}

namespace {

InstanceType readInstanceType(const json &e, const std::string &p, Issues &errors)
{
    InstanceType t;
    t.name = textOr(e, "name");
    t.service = textOr(e, "service", "ec2");
    t.source = textOr(e, "source");
    t.date = textOr(e, "date");
    t.note = textOr(e, "note");
    for (auto [key, out] : {std::pair{"vcpu", &t.vcpu}, std::pair{"memoryGiB", &t.memoryGiB},
                            std::pair{"hourlyUsd", &t.hourlyUsd}}) {
        if (!e.contains(key)) {
            errors.push_back({p + "." + key, "missing"});
            continue;
        }
        if (auto v = finiteNonNegative(e[key], p + "." + key, errors))
            *out = *v;
    }
    if (t.vcpu < 1)
        errors.push_back({p + ".vcpu", "must be at least 1"});
    if (e.contains("burstBaseline"))
        if (auto v = finiteNonNegative(e["burstBaseline"], p + ".burstBaseline", errors))
            t.burstBaseline = std::min(1.0, *v);
    return t;
}

void readInstanceTypes(const json &root, Catalog &c, Issues &errors)
{
    if (!root.contains("instanceTypes") || !root["instanceTypes"].is_array()) {
        errors.push_back({"instanceTypes", "must be an array"});
        return;
    }
    const json &list = root["instanceTypes"];
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string p = "instanceTypes[" + std::to_string(i) + "]";
        const json &e = list[i];
        if (!e.is_object() || textOr(e, "name").empty()) {
            errors.push_back({p, "must be an object with a \"name\""});
            continue;
        }
        InstanceType t = readInstanceType(e, p, errors);
        if (c.instance(t.name))
            errors.push_back({p + ".name", "duplicate instance type \"" + t.name + "\""});
        c.instanceTypes.push_back(std::move(t));
    }
}

void readPricesAndServices(const json &root, Catalog &c, Issues &errors)
{
    if (root.contains("pricingModels") && root["pricingModels"].is_object()) {
        for (auto it = root["pricingModels"].begin(); it != root["pricingModels"].end(); ++it) {
            const std::string p = "pricingModels." + it.key() + ".factor";
            if (it->is_object() && it->contains("factor"))
                if (auto v = finiteNonNegative((*it)["factor"], p, errors))
                    c.pricingFactors[it.key()] = *v;
        }
    }
    if (root.contains("services") && root["services"].is_object()) {
        for (auto s = root["services"].begin(); s != root["services"].end(); ++s) {
            if (!s->is_object())
                continue;
            for (auto k = s->begin(); k != s->end(); ++k)
                if (k->is_number())
                    if (auto v =
                            finiteNonNegative(*k, "services." + s.key() + "." + k.key(), errors))
                        c.services[s.key()][k.key()] = *v;
        }
    }
    for (auto [svc, key] : kRequiredServiceKeys)
        if (!c.services[svc].count(key))
            errors.push_back({std::string("services.") + svc + "." + key, "missing"});
}

void readAvailability(const json &root, Catalog &c, Issues &errors)
{
    if (root.contains("availability") && root["availability"].is_object()) {
        for (auto it = root["availability"].begin(); it != root["availability"].end(); ++it) {
            const json &v = it->is_object() && it->contains("value") ? (*it)["value"] : *it;
            if (auto a = finiteNonNegative(v, "availability." + it.key() + ".value", errors)) {
                if (*a > 1)
                    errors.push_back(
                        {"availability." + it.key() + ".value", "must be from 0 to 1"});
                else
                    c.availability[it.key()] = *a;
            }
        }
    }
    for (const char *key : kRequiredAvailability)
        if (!c.availability.count(key))
            errors.push_back({std::string("availability.") + key, "missing"});
}

} // namespace

std::optional<Catalog> Catalog::parse(std::string_view bytes, Issues &errors)
{
    json root;
    Issue parseError;
    if (!parseStrictJson(bytes, root, parseError, 16)) {
        errors.push_back(parseError);
        return std::nullopt;
    }
    if (!root.is_object() || textOr(root, "format") != "scalecanvas-catalog") {
        errors.push_back({"format", "must be \"scalecanvas-catalog\": not a price catalog"});
        return std::nullopt;
    }
    Catalog c;
    c.region = textOr(root, "region", "?");
    c.currency = textOr(root, "currency", "USD");
    c.date = textOr(root, "date", "undated");
    if (root.contains("hoursPerMonth"))
        if (auto v = finiteNonNegative(root["hoursPerMonth"], "hoursPerMonth", errors))
            c.hoursPerMonth = *v;
    readInstanceTypes(root, c, errors);
    readPricesAndServices(root, c, errors);
    readAvailability(root, c, errors);
    if (!errors.empty())
        return std::nullopt;
    return c;
}

std::optional<Catalog> Catalog::load(const std::string &path, Issues &errors)
{
    std::string bytes;
    if (std::string err = readFile(path, bytes, 8u << 20); !err.empty()) {
        errors.push_back({"", err});
        return std::nullopt;
    }
    return parse(bytes, errors);
}

const Catalog &Catalog::builtin()
{
    static const Catalog catalog = [] {
        Issues errors;
        auto c = parse(kBuiltinCatalogJson, errors);
        if (!c)
            throw std::logic_error("built-in catalog is broken: " + errors.front().toString());
        return *c;
    }();
    return catalog;
}

} // namespace sc
