#include "catalog.h"

#include "core/io/format.h"
#include "core/io/internal/checker.h"
#include "core/model/params.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <span>
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
    {"route53", "firstTierQueriesMonth"},
    {"route53", "perMillionQueriesOver1BUsd"},
    {"route53", "latencyPerMillionOver1BUsd"},
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

// The catalog version this ScaleCanvas reads (the `catalogVersion` of resources/catalog.json).
constexpr int kCatalogVersion = 1;

// A key an entry may have: a figure (or name) its reader checks, or a note beside the figures
// (text, or true/false), which nothing reads but the type of which is checked.
enum class Note { None, Text, Flag };
struct Field {
    std::string_view key;
    Note note = Note::None;
};

// The keys of each kind of entry (docs/catalog.md "Layout"): what the model reads, then the
// notes of the built-in catalog.
constexpr Field kInstanceFields[] = {
    {"name"},
    {"service"},
    {"vcpu"},
    {"memoryGiB"},
    {"hourlyUsd"},
    {"burstBaseline"},
    {"source", Note::Text},
    {"date", Note::Text},
    {"note", Note::Text},
    {"arch", Note::Text},
    {"engine", Note::Text},
    {"specSource", Note::Text},
    {"burstBaselineSource", Note::Text},
    {"assumption", Note::Flag},
};
constexpr Field kPricingModelFields[] = {{"factor"},
                                         {"source", Note::Text},
                                         {"date", Note::Text},
                                         {"note", Note::Text},
                                         {"assumption", Note::Flag}};
constexpr Field kAvailabilityFields[] = {{"value"},
                                         {"singleAzValue"},
                                         {"source", Note::Text},
                                         {"date", Note::Text},
                                         {"note", Note::Text}};
constexpr Field kTierTableFields[] = {{"title", Note::Text},
                                      {"tiers"},
                                      {"source", Note::Text},
                                      {"date", Note::Text},
                                      {"note", Note::Text}};
constexpr Field kTierFields[] = {{"upToGb"}, {"usdPerGb"}};
constexpr Field kSourceFields[] = {
    {"title", Note::Text}, {"where", Note::Text}, {"date", Note::Text}, {"note", Note::Text}};

// Every key of `obj` (at `p`) is one of `fields` and each note is of its kind: a misspelt key
// ("burstBaselin") is refused rather than left at its default without a word (QA).
void checkFields(io::Checker &check, const json &obj, const std::string &p, const char *what,
                 std::span<const Field> fields)
{
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string kp = p + "." + clipText(it.key());
        const auto f = std::find_if(fields.begin(), fields.end(),
                                    [&it](const Field &f) { return f.key == it.key(); });
        if (f == fields.end()) {
            std::string known;
            for (const Field &k : fields)
                known += (known.empty() ? "" : ", ") + std::string(k.key);
            check.error(kp, "unknown field \"" + clipText(it.key()) + "\"; " + what + " may have " +
                                known);
        } else if (f->note == Note::Text && !it->is_string()) {
            check.error(kp, "must be text, got " + io::typeName(*it));
        } else if (f->note == Note::Flag && !it->is_boolean()) {
            check.error(kp, "must be true or false, got " + io::typeName(*it));
        }
    }
}

// The value found, for a message: text quoted ("rdss"), a number as printed, else its type.
std::string found(const json &j)
{
    if (j.is_string())
        return "\"" + clipText(j.get<std::string>()) + "\"";
    if (j.is_number())
        return io::formatNumber(j.get<double>());
    return io::typeName(j);
}

// root[key] when it is an object; nullptr (and an error when it is there) otherwise.
const json *section(io::Checker &check, const json &root, const char *key, const char *shape)
{
    auto it = root.find(key);
    if (it == root.end())
        return nullptr;
    if (!it->is_object()) {
        check.error(key, "must be an object " + std::string(shape) + ", got " + io::typeName(*it));
        return nullptr;
    }
    return &*it;
}

// The built-in catalog: a catalog file may name its services, figures, availabilities and
// tier tables and no others, so that a misspelt one is refused rather than left unread.
const json &builtinRoot()
{
    static const json root = json::parse(kBuiltinCatalogJson);
    return root;
}

std::set<std::string> builtinKeys(const char *sectionKey)
{
    std::set<std::string> keys;
    const json &entries = builtinRoot().at(sectionKey);
    for (auto it = entries.begin(); it != entries.end(); ++it)
        keys.insert(it.key());
    return keys;
}

std::string joined(const std::set<std::string> &names)
{
    std::string text;
    for (const std::string &n : names)
        text += (text.empty() ? "" : ", ") + n;
    return text;
}

// Whether `name`, a key at `p`, is one of `known`; an error naming them when it is not.
bool knownName(io::Checker &check, const std::string &p, const char *what, const std::string &name,
               const std::set<std::string> &known)
{
    if (known.count(name) != 0)
        return true;
    check.error(p, "unknown " + std::string(what) + " \"" + clipText(name) + "\" (one of " +
                       joined(known) + ")");
    return false;
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
    t.service = "ec2";
    t.source = textOr(e, "source");
    t.date = textOr(e, "date");
    t.note = textOr(e, "note");
    const size_t before = check.issues.size();
    checkFields(check, e, p, "an instance type", kInstanceFields);
    if (auto s = e.find("service"); s != e.end()) {
        if (s->is_string() && (*s == "ec2" || *s == "rds" || *s == "elasticache"))
            t.service = s->get<std::string>();
        else // it was read as "ec2" (QA)
            check.error(p + ".service", "must be one of ec2, rds, elasticache, got " + found(*s));
    }
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
        const json &services = builtinRoot().at("services");
        for (auto s = services.begin(); s != services.end(); ++s)
            for (auto k = s->begin(); k != s->end(); ++k)
                if (k->is_number())
                    figures[s.key()].insert(k.key());
        return figures;
    }();
    return known;
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

// The pricing models a component may name: the `pricing` parameter's choices.
std::set<std::string> pricingChoices()
{
    std::set<std::string> names;
    const ParamSpec *pricing = findParam(Kind::AppServer, "pricing");
    for (std::string_view rest = pricing ? pricing->choices : ""; !rest.empty();) {
        const size_t bar = rest.find('|');
        names.emplace(rest.substr(0, bar));
        rest = bar == std::string_view::npos ? "" : rest.substr(bar + 1);
    }
    return names;
}

void readPricingModels(io::Checker &check, const json &root, Catalog &c)
{
    // Every pricing model a component may name has its factor, and no other is given: without
    // one, reserved and spot instances would be billed on demand, silently; another ("gift")
    // would never be read.
    const std::set<std::string> choices = pricingChoices();
    const json *models = root.contains("pricingModels") ? &root["pricingModels"] : nullptr;
    if (!models)
        check.error("pricingModels", "missing");
    else if (!models->is_object())
        check.error("pricingModels", "must be an object, got " + io::typeName(*models));
    if (!models || !models->is_object())
        return;
    for (auto it = models->begin(); it != models->end(); ++it) {
        const std::string p = "pricingModels." + clipText(it.key());
        if (!knownName(check, p, "pricing model", it.key(), choices))
            continue;
        if (!it->is_object()) {
            check.error(p, "must be an object {\"factor\"}, got " + io::typeName(*it));
            continue;
        }
        checkFields(check, *it, p, "a pricing model", kPricingModelFields);
        if (!it->contains("factor"))
            check.error(p + ".factor", "missing");
        else if (auto v = inRange(check, (*it)["factor"], p + ".factor", kPricingFactor))
            c.pricingFactors[it.key()] = *v;
    }
    for (const std::string &name : choices)
        if (!models->contains(name))
            check.error("pricingModels." + name,
                        "missing (a component may be priced by each of " + joined(choices) + ")");
}

void readServices(io::Checker &check, const json &root, Catalog &c)
{
    const json *services = section(check, root, "services", "{service: {figure: number, …}}");
    if (!services && root.contains("services"))
        return; // not an object: said above
    if (services)
        for (auto s = services->begin(); s != services->end(); ++s)
            readService(check, s.key(), *s, c);
    // What the model reads must be there (a figure out of range is reported above).
    for (auto [svc, key] : kRequiredServiceKeys) {
        const std::string p = std::string("services.") + svc + "." + key;
        const bool there = services && services->contains(svc) && (*services)[svc].is_object() &&
                           (*services)[svc].contains(key);
        if (!there) // (a figure that is not a number is reported by readService)
            check.error(p, "missing");
    }
}

// One step of a tier table at `p`: every step but the last has an upper bound above the
// previous one; the last has none (the price of any volume beyond).
std::optional<PriceTier> readTier(io::Checker &check, const json &e, const std::string &p,
                                  bool first, bool last, double previousBound)
{
    if (!e.is_object()) {
        check.error(p, "must be an object {\"upToGb\", \"usdPerGb\"}, got " + io::typeName(e));
        return std::nullopt;
    }
    PriceTier t;
    const size_t before = check.issues.size();
    checkFields(check, e, p, "a tier", kTierFields);
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
            // (The first tier's bound above 0 GB: it has no tier before it; QA.)
            if (!(*v > previousBound))
                check.error(p + ".upToGb", !first ? "bounds must ascend: " + io::formatNumber(*v) +
                                                        " GB is not above the previous tier's " +
                                                        io::formatNumber(previousBound) + " GB"
                                                  : "must be above 0 GB: the first tier's bound is "
                                                    "where the second begins");
        }
    if (check.issues.size() != before)
        return std::nullopt;
    return t;
}

void readTierTable(io::Checker &check, const json &e, const std::string &p, TierTable &table)
{
    if (!e.is_object()) {
        check.error(p,
                    "must be an object {title, tiers, source, date, note}, got " + io::typeName(e));
        return;
    }
    checkFields(check, e, p, "a tier table", kTierTableFields);
    if (!e.contains("tiers") || !e["tiers"].is_array() || e["tiers"].empty()) {
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
        if (auto t = readTier(check, list[i], tp, i == 0, i + 1 == list.size(), bound)) {
            table.tiers.push_back(*t);
            bound = t->upTo;
        }
    }
}

void readPriceTiers(io::Checker &check, const json &root, Catalog &c)
{
    static const std::set<std::string> known = builtinKeys("priceTiers");
    const json *tables =
        section(check, root, "priceTiers", "{name: {title, tiers, source, date, note}}");
    if (!tables && root.contains("priceTiers"))
        return; // not an object: said above
    if (tables)
        for (auto it = tables->begin(); it != tables->end(); ++it) {
            const std::string p = "priceTiers." + clipText(it.key());
            if (knownName(check, p, "tier table", it.key(), known))
                readTierTable(check, *it, p, c.priceTiers[it.key()]);
        }
    for (const char *name : kRequiredTiers)
        if (!tables || !tables->contains(name))
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

// availability.<key> (at `p`): a number, or an object with the number as its `value`.
std::optional<double> readAvailabilityEntry(io::Checker &check, const json &e, const std::string &p)
{
    if (e.is_number())
        return inRange(check, e, p, kAvailability);
    if (!e.is_object()) {
        check.error(p,
                    "must be a number from 0 to 1 or an object {value, …}, got " + io::typeName(e));
        return std::nullopt;
    }
    checkFields(check, e, p, "an availability", kAvailabilityFields);
    if (e.contains("singleAzValue")) // a note: the model reads `value`
        inRange(check, e["singleAzValue"], p + ".singleAzValue", kAvailability);
    if (!e.contains("value")) {
        check.error(p + ".value", "missing");
        return std::nullopt;
    }
    return inRange(check, e["value"], p + ".value", kAvailability);
}

void readAvailability(io::Checker &check, const json &root, Catalog &c)
{
    static const std::set<std::string> known = builtinKeys("availability");
    const json *entries = section(check, root, "availability", "{key: number or {value, …}}");
    if (!entries && root.contains("availability"))
        return; // not an object: said above
    if (entries)
        for (auto it = entries->begin(); it != entries->end(); ++it) {
            const std::string p = "availability." + clipText(it.key());
            if (!knownName(check, p, "availability", it.key(), known))
                continue;
            if (auto a = readAvailabilityEntry(check, *it, p))
                c.availability[it.key()] = *a;
        }
    for (const char *key : kRequiredAvailability)
        if (!entries || !entries->contains(key))
            check.error(std::string("availability.") + key, "missing");
}

// sources.<code>: the title, place and date of a source that entries name by its code.
void checkSources(io::Checker &check, const json &root)
{
    const json *sources = section(check, root, "sources", "{code: {title, where, date, note}}");
    if (!sources)
        return;
    for (auto it = sources->begin(); it != sources->end(); ++it) {
        const std::string p = "sources." + clipText(it.key());
        if (!it->is_object())
            check.error(p,
                        "must be an object {title, where, date, note}, got " + io::typeName(*it));
        else
            checkFields(check, *it, p, "a source", kSourceFields);
    }
}

// catalogVersion: the version this ScaleCanvas reads; false when the file is of a later one
// (its other problems would only be what the later version added).
bool checkVersion(io::Checker &check, const json &root)
{
    const std::string version = std::to_string(kCatalogVersion);
    auto it = root.find("catalogVersion");
    if (it == root.end()) {
        check.error("catalogVersion", "missing (must be " + version +
                                          ", the catalog version this ScaleCanvas reads)");
        return true;
    }
    const double v = it->is_number() ? it->get<double>() : 0;
    if (it->is_number() && v > kCatalogVersion && v <= 1e6 && v == std::floor(v)) {
        check.error("catalogVersion", "catalog version " + io::formatNumber(v) +
                                          " is newer than this ScaleCanvas (" +
                                          std::string(kAppVersion) + ") reads (" + version +
                                          "): update ScaleCanvas to use this catalog");
        return false;
    }
    if (!it->is_number() || v != kCatalogVersion)
        check.error("catalogVersion", "must be " + version +
                                          " (the catalog version this ScaleCanvas reads), got " +
                                          found(*it));
    return true;
}

// region and date: text shown with every figure; currency: US dollars, the only one.
void readHeader(io::Checker &check, const json &root, Catalog &c)
{
    auto text = [&](const char *key, const char *what, const char *fallback) {
        auto it = root.find(key);
        if (it == root.end())
            return std::string(fallback);
        if (!it->is_string())
            check.error(key, "must be text (" + std::string(what) + "), got " + io::typeName(*it));
        else if (it->get_ref<const std::string &>().empty())
            check.error(key, "must not be empty");
        return textOr(root, key, fallback);
    };
    c.region = text("region", "the AWS region of the prices, e.g. \"us-east-1\"", "?");
    c.date = text("date", "when the prices were taken, e.g. \"2026-08-21\"", "undated");
    // Every price is in USD by its key (hourlyUsd, usdPerGb) and every figure prints "$":
    // another currency would be shown beside figures that are not in it.
    c.currency = "USD";
    if (auto it = root.find("currency"); it != root.end() && *it != "USD")
        check.error("currency", "must be \"USD\": every price of a catalog is in US dollars "
                                "(hourlyUsd, usdPerGb, …) and is shown in $, got " +
                                    found(*it));
}

// Every section of a catalog of the version this ScaleCanvas reads into `c`, every problem into
// `check`.
void readCatalog(io::Checker &check, const json &root, Catalog &c)
{
    // A misspelt key ("regoin", "hoursPerMonht") is refused, not left to its default ("?",
    // 730) without a word, as a design's are (QA).
    check.unknownKeys(root, "",
                      {"format", "catalogVersion", "region", "currency", "date", "hoursPerMonth",
                       "sources", "instanceTypes", "pricingModels", "services", "priceTiers",
                       "availability"});
    readHeader(check, root, c);
    if (root.contains("hoursPerMonth"))
        if (auto v = inRange(check, root["hoursPerMonth"], "hoursPerMonth", kHoursPerMonth))
            c.hoursPerMonth = *v;
    readInstanceTypes(check, root, c);
    readPricingModels(check, root, c);
    readServices(check, root, c);
    readPriceTiers(check, root, c);
    readAvailability(check, root, c);
    checkSources(check, root);
    readProvenance(root, "services", c);
    readProvenance(root, "availability", c);
    readSourceTitles(root, c);
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
    io::Checker check;
    if (checkVersion(check, root))
        readCatalog(check, root, c);
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
