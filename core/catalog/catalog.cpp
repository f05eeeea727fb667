#include "catalog.h"

#include "core/io/format.h"
#include "core/io/internal/checker.h"
#include "core/model/params.h"

#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

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
    {"cloudfront", "per10kRequestsUsd"},
    {"cloudfront", "freeTierGbMonth"},
    {"cloudfront", "freeTierRequestsMonth"},
    {"cloudfront", "maxRps"},
    {"s3", "standardGbMonthUsd"},
    {"s3", "iaGbMonthUsd"},
    {"s3", "glacierGbMonthUsd"},
    {"s3", "getPer1kUsd"},
    {"s3", "maxRps"},
    {"rdsStorage", "gbMonthUsd"},
    {"rdsStorage", "multiAzStorageFactor"},
    {"rds", "multiAzFactor"},
    {"dataTransfer", "freeOutGbMonth"},
    {"dataTransfer", "interAzPerGbUsd"},
    {"dataTransfer", "interRegionPerGbUsd"},
    {"burstCredits", "surplusVcpuHourUsd"},
    {"sqs", "perMillionUsd"},
    {"sqs", "freeRequestsMonth"},
    {"sqs", "maxRps"},
    {"route53", "hostedZoneMonthUsd"},
    {"route53", "perMillionQueriesUsd"},
    {"route53", "latencyPerMillionUsd"},
};
// Every tier table the bill reads (CloudFront: one per pricing region, cdnGeoKey).
const char *const kRequiredTiers[] = {"dataTransferOut",           "cloudfrontOut.northAmerica",
                                      "cloudfrontOut.europe",      "cloudfrontOut.japan",
                                      "cloudfrontOut.australia",   "cloudfrontOut.india",
                                      "cloudfrontOut.southAmerica"};
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

// The range a figure must lie in, and its unit for the message. Real AWS prices sit far inside
// (docs/catalog.md): the bounds only refuse what would make a figure meaningless (a divisor of
// 0, a price that overflows a bill).
struct Range {
    double lo, hi;
    const char *unit;
};

constexpr Range kVcpu{1, 1024, "vCPUs"};
constexpr Range kMemoryGiB{0.25, 32768, "GiB"};
constexpr Range kHourlyUsd{0, 1000, "USD per hour"};
constexpr Range kBurstBaseline{0.01, 1, "(share of a vCPU)"};
constexpr Range kHoursPerMonth{672, 744, "hours (28 to 31 days)"};
constexpr Range kPricingFactor{0, 10, "× the on-demand price"};
constexpr Range kAvailability{0, 1, ""};
constexpr Range kTierBound{0, 1e15, "GB"}; // a bound of 0 is refused below (must ascend from 0)
constexpr Range kTierPrice{0, 1000, "USD per GB"};

// A service figure's range by its key: exact names first, then by the key's ending.
Range serviceRange(std::string_view key)
{
    auto endsWith = [key](std::string_view tail) {
        return key.size() >= tail.size() && key.substr(key.size() - tail.size()) == tail;
    };
    if (key == "rpsPerLcu")
        return {1, 1e7, "requests/s per LCU"};
    if (key == "gbPerLcuHour")
        return {0.001, 1e6, "GB per LCU-hour"};
    if (key == "multiAzFactor")
        return {1, 10, "× the single-AZ price"};
    if (endsWith("maxRps") || endsWith("MaxRps"))
        return {1, 1e9, "requests/s"};
    if (endsWith("Ms"))
        return {0, 60000, "ms"};
    if (endsWith("Usd"))
        return {0, 1000, "USD"};
    if (endsWith("Factor"))
        return {0, 10, ""};
    return {0, 1e12, ""}; // counts and allowances (free tiers, included IOPS)
}

std::optional<double> inRange(io::Checker &check, const json &j, const std::string &path, Range r)
{
    ParamSpec spec{"", ParamType::Real, r.unit, 0, r.lo, r.hi, {}, {}, {}};
    return check.number(j, path, spec);
}

std::string textOr(const json &obj, const char *key, std::string fallback = {})
{
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

} // namespace

const InstanceType *Catalog::instance(std::string_view name) const
{
    // The index the loader built, checked (instanceTypes is public and may have changed since).
    if (auto it = m_index.find(name); it != m_index.end() && it->second < instanceTypes.size() &&
                                      instanceTypes[it->second].name == name)
        return &instanceTypes[it->second];
    if (m_index.size() == instanceTypes.size())
        return nullptr;
    for (const InstanceType &t : instanceTypes)
        if (t.name == name)
            return &t;
    return nullptr;
}

void Catalog::reindex()
{
    m_index.clear();
    for (size_t i = 0; i < instanceTypes.size(); ++i)
        m_index.emplace(instanceTypes[i].name, i); // the first of a name wins, as before
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

const TierTable &Catalog::tiers(std::string_view name) const
{
    if (auto it = priceTiers.find(name); it != priceTiers.end())
        return it->second;
    throw std::logic_error("catalog lacks priceTiers." + std::string(name));
}

const TierTable &Catalog::cdnTiers(CdnGeo geo) const
{
    return tiers("cloudfrontOut." + std::string(cdnGeoKey(geo)));
}

std::string Catalog::provenanceOf(std::string_view key) const
{
    auto it = provenance.find(key);
    return it == provenance.end() ? "resources/catalog.json" : it->second;
}

double Catalog::availabilityOf(std::string_view key) const
{
    auto it = availability.find(key);
    return it == availability.end() ? 0.995 : it->second;
}

namespace {

InstanceType readInstanceType(io::Checker &check, const json &e, const std::string &p)
{
    InstanceType t;
    t.name = textOr(e, "name");
    t.service = textOr(e, "service", "ec2");
    t.source = textOr(e, "source");
    t.date = textOr(e, "date");
    t.note = textOr(e, "note");
    const size_t before = check.issues.size();
    for (auto [key, out, range] :
         {std::tuple{"vcpu", &t.vcpu, kVcpu}, std::tuple{"memoryGiB", &t.memoryGiB, kMemoryGiB},
          std::tuple{"hourlyUsd", &t.hourlyUsd, kHourlyUsd}}) {
        if (!e.contains(key))
            check.error(p + "." + key, "missing");
        else if (auto v = inRange(check, e[key], p + "." + key, range))
            *out = *v;
    }
    if (e.contains("burstBaseline"))
        if (auto v = inRange(check, e["burstBaseline"], p + ".burstBaseline", kBurstBaseline))
            t.burstBaseline = *v;
    // The path has the index; the message names the type too.
    for (size_t i = before; i < check.issues.size(); ++i)
        check.issues[i].message += " (instance type \"" + clipText(t.name) + "\")";
    return t;
}

void readInstanceTypes(io::Checker &check, const json &root, Catalog &c)
{
    if (!root.contains("instanceTypes") || !root["instanceTypes"].is_array()) {
        check.error("instanceTypes", "must be an array");
        return;
    }
    const json &list = root["instanceTypes"];
    std::unordered_map<std::string, size_t> seen; // name → index, for duplicates
    seen.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string p = "instanceTypes[" + std::to_string(i) + "]";
        const json &e = list[i];
        if (!e.is_object() || textOr(e, "name").empty()) {
            check.error(p, "must be an object with a \"name\"");
            continue;
        }
        InstanceType t = readInstanceType(check, e, p);
        if (auto [at, fresh] = seen.emplace(t.name, i); !fresh)
            check.error(p + ".name", "duplicate instance type \"" + clipText(t.name) +
                                         "\" (also instanceTypes[" + std::to_string(at->second) +
                                         "])");
        c.instanceTypes.push_back(std::move(t));
    }
}

// The figures (numbers) of each service of the built-in catalog: a catalog file may give these
// and no others, so that a misspelt one ("perMilionUsd") or service ("sqss") is refused rather
// than left unread while the model bills at the figure it reads (QA).
const std::map<std::string, std::set<std::string>, std::less<>> &knownServiceFigures()
{
    static const auto known = [] {
        std::map<std::string, std::set<std::string>, std::less<>> figures;
        const json root = json::parse(kBuiltinCatalogJson);
        for (auto s = root["services"].begin(); s != root["services"].end(); ++s)
            for (auto k = s->begin(); k != s->end(); ++k)
                if (k->is_number())
                    figures[s.key()].insert(k.key());
        return figures;
    }();
    return known;
}

std::string joined(const std::set<std::string> &names)
{
    std::string text;
    for (const std::string &n : names)
        text += (text.empty() ? "" : ", ") + n;
    return text;
}

// services.<name>: its figures into c.services; text and booleans beside them are notes.
void readService(io::Checker &check, const std::string &name, const json &e, Catalog &c)
{
    const std::string p = "services." + clipText(name);
    const auto &known = knownServiceFigures();
    const auto figures = known.find(name);
    if (figures == known.end()) {
        std::set<std::string> services;
        for (const auto &[service, keys] : known)
            services.insert(service);
        check.error(p,
                    "unknown service \"" + clipText(name) + "\" (one of " + joined(services) + ")");
        return;
    }
    if (!e.is_object()) {
        check.error(p, "must be an object {figure: number, …}, got " + io::typeName(e));
        return;
    }
    for (auto k = e.begin(); k != e.end(); ++k) {
        const std::string kp = p + "." + clipText(k.key());
        const bool figure = figures->second.count(k.key()) != 0;
        if (figure && !k->is_number())
            check.error(kp, "must be a number, got " + io::typeName(*k));
        else if (!figure && k->is_number())
            check.error(kp, "unknown figure \"" + clipText(k.key()) + "\" (" + p + " has " +
                                joined(figures->second) + ")");
        else if (!figure && !k->is_string() && !k->is_boolean())
            check.error(kp, "must be text (a note beside the figures), got " + io::typeName(*k));
        else if (figure)
            if (auto v = inRange(check, *k, kp, serviceRange(k.key())))
                c.services[name][k.key()] = *v;
    }
}

void readPricesAndServices(io::Checker &check, const json &root, Catalog &c)
{
    // Every pricing model a component may name (the `pricing` parameter's choices) has its
    // factor: without one, reserved and spot instances would be billed on demand, silently.
    const json *models = root.contains("pricingModels") ? &root["pricingModels"] : nullptr;
    if (!models)
        check.error("pricingModels", "missing");
    else if (!models->is_object())
        check.error("pricingModels", "must be an object, got " + io::typeName(*models));
    else
        for (auto it = models->begin(); it != models->end(); ++it) {
            const std::string p = "pricingModels." + clipText(it.key());
            if (!it->is_object())
                check.error(p, "must be an object {\"factor\"}, got " + io::typeName(*it));
            else if (!it->contains("factor"))
                check.error(p + ".factor", "missing");
            else if (auto v = inRange(check, (*it)["factor"], p + ".factor", kPricingFactor))
                c.pricingFactors[it.key()] = *v;
        }
    if (models && models->is_object()) {
        const ParamSpec *pricing = findParam(Kind::AppServer, "pricing");
        for (std::string_view rest = pricing ? pricing->choices : ""; !rest.empty();) {
            const size_t bar = rest.find('|');
            const std::string name(rest.substr(0, bar));
            rest = bar == std::string_view::npos ? "" : rest.substr(bar + 1);
            if (!models->contains(name))
                check.error("pricingModels." + name,
                            "missing (a component may be priced by each of " +
                                std::string(pricing->choices) + ")");
        }
    }
    if (root.contains("services") && root["services"].is_object())
        for (auto s = root["services"].begin(); s != root["services"].end(); ++s)
            readService(check, s.key(), *s, c);
    // What the model reads must be there (a figure out of range is reported above).
    for (auto [svc, key] : kRequiredServiceKeys) {
        const std::string p = std::string("services.") + svc + "." + key;
        const json *v = root.contains("services") && root["services"].is_object() &&
                                root["services"].contains(svc) &&
                                root["services"][svc].is_object() &&
                                root["services"][svc].contains(key)
                            ? &root["services"][svc][key]
                            : nullptr;
        if (!v) // (a figure that is not a number is reported by readService)
            check.error(p, "missing");
    }
}

// One step of a tier table at `p`: every step but the last has an upper bound above the
// previous one; the last has none (the price of any volume beyond).
std::optional<PriceTier> readTier(io::Checker &check, const json &e, const std::string &p,
                                  bool last, double previousBound)
{
    if (!e.is_object()) {
        check.error(p, "must be an object {\"upToGb\", \"usdPerGb\"}, got " + io::typeName(e));
        return std::nullopt;
    }
    PriceTier t;
    const size_t before = check.issues.size();
    if (!e.contains("usdPerGb"))
        check.error(p + ".usdPerGb", "missing");
    else if (auto v = inRange(check, e["usdPerGb"], p + ".usdPerGb", kTierPrice))
        t.usdPerUnit = *v;
    if (last && e.contains("upToGb"))
        check.error(p + ".upToGb", "the last tier has no bound: it prices every volume beyond");
    else if (!last && !e.contains("upToGb"))
        check.error(p + ".upToGb", "missing (only the last tier is open-ended)");
    else if (!last)
        if (auto v = inRange(check, e["upToGb"], p + ".upToGb", kTierBound)) {
            t.upTo = *v;
            if (!(*v > previousBound))
                check.error(p + ".upToGb", "bounds must ascend: " + io::formatNumber(*v) +
                                               " GB is not above the previous tier's " +
                                               io::formatNumber(previousBound) + " GB");
        }
    if (check.issues.size() != before)
        return std::nullopt;
    return t;
}

void readTierTable(io::Checker &check, const json &e, const std::string &p, TierTable &table)
{
    if (!e.is_object() || !e.contains("tiers") || !e["tiers"].is_array() || e["tiers"].empty()) {
        check.error(p + ".tiers", "must be a non-empty array of tiers");
        return;
    }
    table.title = textOr(e, "title");
    table.source = textOr(e, "source");
    table.date = textOr(e, "date");
    const json &list = e["tiers"];
    double bound = 0;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string tp = p + ".tiers[" + std::to_string(i) + "]";
        if (auto t = readTier(check, list[i], tp, i + 1 == list.size(), bound)) {
            table.tiers.push_back(*t);
            bound = t->upTo;
        }
    }
}

void readPriceTiers(io::Checker &check, const json &root, Catalog &c)
{
    const bool present = root.contains("priceTiers") && root["priceTiers"].is_object();
    if (present)
        for (auto it = root["priceTiers"].begin(); it != root["priceTiers"].end(); ++it)
            readTierTable(check, *it, "priceTiers." + clipText(it.key()), c.priceTiers[it.key()]);
    for (const char *name : kRequiredTiers)
        if (!present || !root["priceTiers"].contains(name))
            check.error(std::string("priceTiers.") + name, "missing");
}

// "source: its title, date" for each object entry of root[section] (Catalog::provenance).
void readProvenance(const json &root, const char *section, Catalog &c)
{
    if (!root.contains(section) || !root[section].is_object())
        return;
    const json *sources =
        root.contains("sources") && root["sources"].is_object() ? &root["sources"] : nullptr;
    for (auto it = root[section].begin(); it != root[section].end(); ++it) {
        if (!it->is_object() || !it->contains("source"))
            continue;
        const std::string code = textOr(*it, "source");
        std::string text = code;
        if (sources && sources->contains(code) && (*sources)[code].is_object())
            text += ": " + textOr((*sources)[code], "title");
        if (const std::string date = textOr(*it, "date"); !date.empty())
            text += ", " + date;
        c.provenance[std::string(section) + "." + it.key()] = clipText(text, 240);
    }
}

// "sources.K" → "K: its title" for every source of the catalog.
void readSourceTitles(const json &root, Catalog &c)
{
    if (!root.contains("sources") || !root["sources"].is_object())
        return;
    for (auto it = root["sources"].begin(); it != root["sources"].end(); ++it)
        if (it->is_object())
            c.provenance["sources." + it.key()] =
                clipText(it.key() + ": " + textOr(*it, "title"), 240);
}

void readAvailability(io::Checker &check, const json &root, Catalog &c)
{
    if (root.contains("availability") && root["availability"].is_object()) {
        for (auto it = root["availability"].begin(); it != root["availability"].end(); ++it) {
            const json &v = it->is_object() && it->contains("value") ? (*it)["value"] : *it;
            if (auto a = inRange(check, v, "availability." + clipText(it.key()) + ".value",
                                 kAvailability))
                c.availability[it.key()] = *a;
        }
    }
    for (const char *key : kRequiredAvailability)
        if (!root.contains("availability") || !root["availability"].is_object() ||
            !root["availability"].contains(key))
            check.error(std::string("availability.") + key, "missing");
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
    io::Checker check;
    // A misspelt key ("regoin", "hoursPerMonht") is refused, not left to its default ("?",
    // 730) without a word, as a design's are (QA).
    check.unknownKeys(root, "",
                      {"format", "catalogVersion", "region", "currency", "date", "hoursPerMonth",
                       "sources", "instanceTypes", "pricingModels", "services", "priceTiers",
                       "availability"});
    if (root.contains("hoursPerMonth"))
        if (auto v = inRange(check, root["hoursPerMonth"], "hoursPerMonth", kHoursPerMonth))
            c.hoursPerMonth = *v;
    readInstanceTypes(check, root, c);
    readPricesAndServices(check, root, c);
    readPriceTiers(check, root, c);
    readAvailability(check, root, c);
    readProvenance(root, "services", c);
    readProvenance(root, "availability", c);
    readSourceTitles(root, c);
    if (!check.issues.empty()) {
        for (Issue &i : check.closed())
            errors.push_back(std::move(i));
        return std::nullopt;
    }
    c.reindex();
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
