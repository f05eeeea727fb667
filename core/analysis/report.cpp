#include "report.h"

#include "core/analysis/limits.h"
#include "core/analysis/money.h"
#include "core/analysis/printfnumber.h"
#include "core/io/textescape.h"
#include "core/model/zero.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <sstream>

namespace sc {
namespace {

using ojson = nlohmann::ordered_json;

ojson num(double v)
{
    return std::isfinite(v) ? ojson(unsignedZero(v)) : ojson(nullptr);
}

ojson latencyJson(const LatencySummary &l)
{
    if (!l.valid)
        return {{"mean", nullptr}, {"p50", nullptr}, {"p95", nullptr}, {"p99", nullptr}};
    return {{"mean", num(l.mean)}, {"p50", num(l.p50)}, {"p95", num(l.p95)}, {"p99", num(l.p99)}};
}

// Per population (docs/cli.md): its share, latency, page time and share of the bill.
ojson populationsJson(const Evaluation &ev)
{
    ojson pops = ojson::array();
    for (const PopulationResult &r : ev.populations) {
        pops.push_back(
            {{"name", r.name},
             {"share", num(r.share)},
             {"latencyMs", latencyJson(r.latency)},
             {"pageMs", r.latency.valid && r.pageMs > 0 ? num(r.pageMs) : ojson(nullptr)},
             {"fetchesFailing", num(r.fetchesFailing)},
             {"monthlyCostUsd", num(r.monthlyCostUsd)}});
    }
    return pops;
}

std::string idAt(const Model &m, int i)
{
    return i >= 0 ? m.design().components[size_t(i)].id : std::string();
}

} // namespace

double nines(double a)
{
    // The unavailability to 12 decimals, as the percentage is first rounded (formatAvailability):
    // 0.999999 is stored a hair below, and its nines read 5.99999999998 (shown "5.99"; QA).
    // Capped at 10 ("≥ 10 nines"), where 1 itself is: past it, the rounding to 0 made the
    // nines fall from 12 back to 10 as the availability rose (review).
    const double down = std::round((1 - a) * 1e12) / 1e12;
    if (a >= 1 || down <= 0)
        return 10;
    return unsignedZero(std::min(10.0, -std::log10(down))); // (no availability: 0 nines)
}

double downtimeMinutesPerMonth(double a, double hours)
{
    return (1 - a) * hours * 60;
}

// "230k", "4.61M", "17.4", "0.579": three significant digits, k/M/B/T from a thousand on, as
// the GUI writes counts (the boxes' "576k" beside a comparison's "576K"; QA) (text output is for
// people; JSON keeps every digit).
std::string shortNumber(double x)
{
    if (!std::isfinite(x))
        return "—";
    // %.3g turns to an exponent below 0.0001 ("8.68e-05" jobs/s at one user): text for people
    // says how small instead.
    if (x != 0 && std::abs(x) < detail::kSmallestPlain)
        return x > 0 ? detail::kBelowPlain : ">-0.0001";
    static const char *const kSuffix[] = {"", "k", "M", "B", "T"};
    int k = 0;
    double v = x;
    while (std::abs(v) >= 999.5 && k < 4)
        v /= 1000, ++k;
    char buf[32];
    // Past a billion trillions (a scaling ceiling of 2.88·10²⁰⁸ users, from a write fraction of
    // 10⁻²⁰⁰) separators would write hundreds of digits: the exponent reads better.
    if (std::abs(v) >= 999.5e6) {
        std::snprintf(buf, sizeof buf, "%.3g", x);
        return buf;
    }
    if (std::abs(v) >= 999.5) {
        // Past the last suffix (10¹⁵ and up): trillions, three significant digits, whole with
        // separators ("1,160T"), where %.3g wrote an exponent ("1.16e+15").
        const double unit = std::pow(10.0, std::floor(std::log10(std::abs(v))) - 2);
        return detail::wholeOrPrintf(std::round(v / unit) * unit, 999.5, "%.3g") + kSuffix[k];
    }
    std::snprintf(buf, sizeof buf, "%.3g%s", v, kSuffix[k]);
    return buf;
}

std::string wholeFigures(double v, int significant)
{
    return std::isfinite(v) ? detail::wholeDigits(v, significant) : "—";
}

namespace {
constexpr int kMinAvailabilityDecimals = 2;
constexpr int kMaxAvailabilityDecimals = 6;
constexpr std::int64_t kPicoPerUnit = 1'000'000'000'000; // the availability in 10⁻¹² steps
constexpr std::int64_t kPicoPerPercent = kPicoPerUnit / 100;
// Binary noise allowance when cutting a figure at a decimal: 0.999's nines are 2.9999999…
constexpr double kCutEpsilon = 1e-9;

// `v` / `unit` with `decimals` places, trailing zeros of the fraction dropped, and `suffix`.
std::string scaledCount(double v, double unit, int decimals, const char *suffix)
{
    return detail::fixedTrimmed(v / unit, decimals) + suffix;
}

// The unit (a thousand, a million, …) `a` (≥ 0) is written in, and its suffix; 1 and "" below a
// thousand. A value that would round up to a thousand of a unit is written in the next.
std::pair<double, const char *> countUnit(double a)
{
    if (a >= 999.5e9)
        return {1e12, "T"};
    if (a >= 999.5e6)
        return {1e9, "B"};
    if (a >= 999.5e3)
        return {1e6, "M"};
    if (a >= 999.5)
        return {1e3, "k"};
    return {1, ""};
}

} // namespace

std::string compactCount(double v)
{
    if (!std::isfinite(v))
        return "—";
    const double a = std::fabs(v);
    if (const auto [unit, suffix] = countUnit(a); unit > 1) {
        // Past the last suffix, whole trillions with separators ("304,167T", not "304167T";
        // review), as shortNumber writes them.
        if (a / unit >= 999.5)
            return detail::wholeOrPrintf(v / unit, 999.5, "%.0f") + suffix;
        return scaledCount(v, unit, std::fabs(v / unit) < 10 ? 1 : 0, suffix);
    }
    if (a == 0)
        return "0";
    if (a < 0.01)
        return "<0.01";
    char buf[64];
    if (a < 10)
        std::snprintf(buf, sizeof buf, "%.2g", v);
    else
        std::snprintf(buf, sizeof buf, "%.0f", std::round(v));
    return buf;
}

std::string compactUsers(double v)
{
    if (!(std::fabs(v) >= 999.5)) // below a thousand, or not a number
        return compactCount(v);
    return shortNumber(v); // the CLI's three figures: "1.15M", "576k"
}

namespace {

// formatAvailability with at least `atLeast` decimals.
std::string availabilityDecimals(double a, int atLeast)
{
    if (!std::isfinite(a) || a < 0 || a > 1)
        return "—";
    std::int64_t pico = std::llround(a * double(kPicoPerUnit));
    // From the last digit shown up, 1 included: "≥ 99.999999%". A tier of many instances comes
    // out as exactly 1 in double precision (1 − qⁿ below the last bit) though it can fail, and
    // 100% is a promise no design keeps.
    if (pico >= kPicoPerUnit - kPicoPerUnit / 100'000'000)
        return "≥ 99.999999%";
    const std::string whole = std::to_string(pico / kPicoPerPercent);
    std::string fraction = std::to_string(pico % kPicoPerPercent);
    fraction.insert(0, 10 - fraction.size(), '0'); // ten decimals of the percentage
    const int nines =
        int(std::find_if(fraction.begin(), fraction.end(), [](char ch) { return ch != '9'; }) -
            fraction.begin());
    const int decimals =
        std::clamp(std::max(nines, atLeast), kMinAvailabilityDecimals, kMaxAvailabilityDecimals);
    return whole + "." + fraction.substr(0, size_t(decimals)) + "%";
}

} // namespace

std::string formatAvailability(double a)
{
    return availabilityDecimals(a, 0);
}

bool stationOverloaded(const Evaluation &ev)
{
    return std::any_of(ev.components.begin(), ev.components.end(),
                       [](const ComponentResult &r) { return r.overloaded; });
}

bool servesNothing(const Evaluation &ev)
{
    return !ev.latency.valid && !stationOverloaded(ev);
}

std::pair<std::string, std::string> formatAvailabilitiesApart(double a, double b)
{
    std::pair<std::string, std::string> out{formatAvailability(a), formatAvailability(b)};
    for (int d = kMinAvailabilityDecimals + 1;
         a < b && out.first == out.second && d <= kMaxAvailabilityDecimals; ++d)
        out = {availabilityDecimals(a, d), availabilityDecimals(b, d)};
    return out;
}

std::string formatNines(double a)
{
    if (!std::isfinite(a) || a < 0 || a > 1)
        return "—";
    const double n = nines(a);
    if (a >= 1 || n >= 10)
        return "≥ 10";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", std::floor(n * 100 + kCutEpsilon) / 100);
    return buf;
}

std::string formatDowntime(double minutes)
{
    if (!std::isfinite(minutes) || minutes < 0)
        return "—";
    double value = minutes * 60;
    const char *unit = "s";
    if (minutes >= 120)
        value = minutes / 60, unit = "h";
    else if (minutes >= 1)
        value = minutes, unit = "min";
    int decimals = 0;
    if (value > 0) {
        // Up to three significant digits, rounded up.
        decimals = std::max(0, 2 - int(std::floor(std::log10(value))));
        const double scale = std::pow(10.0, decimals);
        value = std::ceil(value * scale - kCutEpsilon) / scale;
        decimals = std::max(0, 2 - int(std::floor(std::log10(value))));
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f %s", decimals, value, unit);
    return buf;
}

std::string availabilityText(double a, double hoursPerMonth)
{
    return formatAvailability(a) + " (" + formatNines(a) + " nines, " +
           formatDowntime(downtimeMinutesPerMonth(a, hoursPerMonth)) + " down per month)";
}

namespace {

// One component's figures, as `evaluate --format json` lists them.
ojson componentJson(const Component &c, const ComponentResult &r)
{
    ojson arrivals;
    for (int k = 0; k < kClassCount; ++k)
        arrivals[std::string(className(RequestClass(k)))] = num(r.arrivals[size_t(k)]);
    ojson j = {{"id", r.id},
               {"kind", std::string(kindName(r.kind))},
               {"label", c.label},
               {"instances", num(r.instances)},
               {"arrivalRps", num(r.arrivalRps)},
               {"arrivalsByClass", arrivals},
               {"servedRps", num(r.servedRps)},
               {"errorRps", num(r.errorRps)},
               {"capacityRps", r.station ? num(r.capacityRps) : ojson(nullptr)},
               {"utilization", num(r.utilization)},
               {"meanLatencyMs", r.overloaded ? ojson(nullptr) : num(r.meanLatencyMs)},
               {"concurrency", r.overloaded ? ojson(nullptr) : num(r.concurrency)},
               {"monthlyCostUsd", num(r.monthlyCostUsd)},
               {"spof", r.spof},
               {"nPlusOne", r.nPlusOne},
               {"availability", num(r.availability)}};
    if (r.kind == Kind::AppServer)
        j["threadsBusyPerInstance"] = num(r.threadsBusyPerInstance);
    if (r.kind == Kind::Database || r.kind == Kind::ReadReplica) {
        j["connectionsOpened"] = num(r.connectionsOpened);
        // (Overloaded, every connection it has is busy; with none counted, λ·W is unbounded.)
        j["connectionsBusy"] =
            r.overloaded && !(r.connectionsOpened > 0) ? ojson(nullptr) : num(r.connectionsBusy);
    }
    if (r.kind == Kind::Cache) {
        j["hitRatio"] = num(r.hitRatio);
        j["cacheFillRps"] = num(r.cacheFillRps);
        j["cacheInvalidationRps"] = num(r.cacheInvalidationRps);
    }
    if (r.kind == Kind::ReadReplica) {
        j["appliedWriteRps"] = num(r.appliedWriteRps);
        j["replicationDelayMs"] =
            r.replicationDelayMs ? num(*r.replicationDelayMs) : ojson(nullptr);
    }
    return j;
}

} // namespace

ojson evaluationToJson(const Model &model, const Evaluation &ev)
{
    ojson o;
    o["users"] = num(ev.users);
    o["demand"] = {{"averageRps", num(ev.demand.averageRps)}, {"peakRps", num(ev.demand.peakRps)},
                   {"readRps", num(ev.demand.readRps)},       {"writeRps", num(ev.demand.writeRps)},
                   {"staticRps", num(ev.demand.staticRps)},   {"jobRps", num(ev.demand.jobRps)}};
    ojson comps = ojson::array();
    for (size_t i = 0; i < ev.components.size(); ++i)
        comps.push_back(componentJson(model.design().components[i], ev.components[i]));
    o["components"] = comps;
    o["latencyMs"] = latencyJson(ev.latency);
    ojson byClass;
    for (int k = 0; k < kClassCount; ++k)
        byClass[std::string(className(RequestClass(k)))] =
            latencyJson(ev.latencyByClass[size_t(k)]);
    o["latencyByClassMs"] = byClass;
    o["bottleneck"] = ev.bottleneck >= 0 ? ojson(idAt(model, ev.bottleneck)) : ojson(nullptr);
    o["maxUsers"] = ev.maxUsers ? num(*ev.maxUsers) : ojson(nullptr);
    o["wallComponent"] =
        ev.wallComponent >= 0 ? ojson(idAt(model, ev.wallComponent)) : ojson(nullptr);
    // The second wall: the most users at which the p99 still meets the design's objective.
    const Slo &slo = model.design().slo;
    o["slo"] = {{"p99Ms", num(slo.p99Ms)}, {"availability", num(slo.availability)}};
    if (slo.monthlyBudgetUsd)
        o["slo"]["monthlyBudgetUsd"] = num(*slo.monthlyBudgetUsd);
    const std::optional<double> sloWall = model.sloMaxUsers();
    o["sloMaxUsers"] = sloWall ? num(*sloWall) : ojson(nullptr);
    o["scalingCeilingUsers"] =
        ev.scalingCeilingUsers ? num(*ev.scalingCeilingUsers) : ojson(nullptr);
    o["ceilingComponent"] =
        ev.ceilingComponent >= 0 ? ojson(idAt(model, ev.ceilingComponent)) : ojson(nullptr);
    o["goodputRps"] = num(ev.goodputRps);
    o["errorRatePeak"] = num(ev.errorRatePeak);
    o["servedFraction"] = num(ev.servedFraction);
    o["availability"] = num(ev.availability);
    o["availabilityPercent"] = num(ev.availability * 100);
    o["availabilityNines"] = num(nines(ev.availability));
    o["downtimeMinutesPerMonth"] =
        num(downtimeMinutesPerMonth(ev.availability, model.catalog().hoursPerMonth));
    o["spofs"] = ev.spofs;
    o["monthlyCostUsd"] = num(ev.monthlyCostUsd);
    o["costPerUserUsd"] = ev.users > 0 ? num(ev.costPerUserUsd) : ojson(nullptr);
    o["costPer1kUsersUsd"] = ev.users > 0 ? num(ev.costPerUserUsd * 1000) : ojson(nullptr);
    ojson items = ojson::array();
    for (const CostItem &c : ev.costItems)
        items.push_back(
            {{"component", c.componentId}, {"item", c.item}, {"monthlyUsd", num(c.monthlyUsd)}});
    o["costItems"] = items;
    o["populations"] = populationsJson(ev);
    ojson warnings = ojson::array();
    for (const Warning &w : ev.warnings)
        warnings.push_back({{"code", w.code},
                            {"component", w.componentId},
                            {"message", w.message},
                            {"severity", severityName(w.severity)}});
    o["warnings"] = warnings;
    const SeverityCounts counts = countBySeverity(ev.warnings);
    o["warningCounts"] = {
        {"error", counts.errors}, {"warning", counts.warnings}, {"advice", counts.advice}};
    o["catalog"] = {{"region", model.catalog().region}, {"date", model.catalog().date}};
    return o;
}

namespace {

// A money cell of the text table, 10 wide: "1234.57" up to a million, then "30.4M" (M, B, T:
// shortNumber), or "2.59e+22" beyond the range (moneyBeyondRange).
std::string moneyCell(double usd)
{
    char b[40];
    if (!std::isfinite(usd))
        return "—";
    if (moneyBeyondRange(usd))
        std::snprintf(b, sizeof b, "%.2e", usd);
    else if (std::fabs(usd) >= 1e6) // three significant digits with M, B, T, as the table's
        return shortNumber(usd);    // other figures (QA: "30420637.63" broke the column)
    else
        return formatUsd(usd, MoneyStyle::Plain);
    return b;
}

// `text` cut to at most `bytes` bytes on a UTF-8 boundary, padded with spaces to `width`.
std::string perUserText(const Evaluation &ev)
{
    if (!(ev.users > 0))
        return "no cost per user at 0 users";
    return formatUsdSmall(ev.costPerUserUsd) + " per user, " +
           formatUsdSmall(ev.costPerUserUsd * 1000) + " per 1k users";
}

// "100,000": a whole number below 10^15 with thousands separators; else as shortNumber.
std::string grouped(double x)
{
    if (!std::isfinite(x) || std::abs(x) >= 1e15 || x != std::floor(x))
        return shortNumber(x);
    return (x < 0 ? "-" : "") + withThousands(std::uint64_t(std::abs(x)));
}

} // namespace

std::string warningLine(const Warning &w)
{
    // A design-wide one (NO_CLIENTS) names no component: no empty "[]" (QA).
    return std::string(severityName(w.severity)) + " " + visibleControls(w.code) +
           (w.componentId.empty() ? "" : " [" + visibleControls(w.componentId) + "]") + ": " +
           visibleControls(w.message);
}

std::string utilizationText(double rho)
{
    if (rho > 0 && rho < 0.01)
        return "<1%";
    // Past four digits, as the inspector writes it: a tier asked for 10¹³ times its capacity
    // read "2314814814814815%" (QA); the figure itself is in the JSON.
    if (std::isfinite(rho) && rho * 100 >= 9999.5)
        return ">9999%";
    // (printfNumber: the same characters as snprintf's, without its ~1,300 instructions; the
    // advisor writes one per overprovisioned component.)
    return detail::printfNumber("%.0f%%", rho * 100);
}

namespace {

void componentLines(std::ostringstream &out, const Evaluation &ev)
{
    // The id column is as wide as the longest id (at least 16 characters, at most 40: a longer
    // one is cut with "…"; the JSON output has every id whole).
    size_t idWidth = 16;
    for (const ComponentResult &r : ev.components)
        idWidth = std::max(idWidth, std::min<size_t>(40, shownWidth(visibleControls(r.id))));
    char line[512];
    std::snprintf(line, sizeof line, " %-14s %6s %11s %11s %6s %10s %10s\n", "kind", "inst",
                  "req/s", "capacity", "util", "latency", "$/month");
    out << fitColumn("component", idWidth) << line;
    for (const ComponentResult &r : ev.components) {
        char lat[32] = "overload";
        if (!r.overloaded)
            std::snprintf(lat, sizeof lat, "%s ms", millisecondsText(r.meanLatencyMs).c_str());
        std::snprintf(line, sizeof line, " %-14s %6s %11s %11s %6s %10s %10s%s\n",
                      std::string(kindName(r.kind)).c_str(), grouped(r.instances).c_str(),
                      shortNumber(r.arrivalRps).c_str(),
                      // No station, no capacity: "no limit", as the diagram says it (JSON null),
                      // not the 0 that read as "carries nothing" (QA).
                      r.station ? shortNumber(r.capacityRps).c_str() : "no limit",
                      utilizationText(r.utilization).c_str(), lat,
                      moneyCell(r.monthlyCostUsd).c_str(), r.spof ? "  SPOF" : "");
        out << fitEscapedColumn(r.id, idWidth) << line;
    }
}

// A line per cache (hit ratio, fills, invalidations) and per replica (applied writes, delay).
void dataTierLines(std::ostringstream &out, const Evaluation &ev)
{
    char line[512];
    for (const ComponentResult &r : ev.components) {
        if (r.kind == Kind::Cache) {
            std::snprintf(line, sizeof line, ": hit ratio %.1f%%, fills %s/s, invalidations %s/s\n",
                          std::floor(r.hitRatio * 1000 + 1e-9) / 10,
                          shortNumber(r.cacheFillRps).c_str(),
                          shortNumber(r.cacheInvalidationRps).c_str());
        } else if (r.kind == Kind::ReadReplica) {
            char delay[64] = "unbounded (overloaded)";
            if (r.replicationDelayMs)
                std::snprintf(delay, sizeof delay, "%s ms",
                              millisecondsText(*r.replicationDelayMs).c_str());
            else if (r.appliedWriteRps <= 0)
                std::snprintf(delay, sizeof delay, "none (no writes to apply)");
            std::snprintf(line, sizeof line, ": applies %s writes/s, replication delay %s\n",
                          shortNumber(r.appliedWriteRps).c_str(), delay);
        } else {
            continue;
        }
        out << visibleControls(r.id) << line;
    }
}

// "population EU (20%): p50 312 ms, p99 402 ms, page 1,840 ms, $1,234.00 a month".
std::string populationLines(const Evaluation &ev)
{
    std::string out;
    for (const PopulationResult &r : ev.populations) {
        char line[256];
        if (r.latency.valid && r.fetchesFailing > 0)
            std::snprintf(line, sizeof line,
                          " (%s%%): p50 %s ms, p99 %s ms, no page: %s%% of its fetches fail, ",
                          shortNumber(r.share * 100).c_str(),
                          millisecondsText(r.latency.p50).c_str(),
                          millisecondsText(r.latency.p99).c_str(),
                          shortNumber(r.fetchesFailing * 100).c_str());
        else if (r.latency.valid)
            std::snprintf(
                line, sizeof line, " (%s%%): p50 %s ms, p99 %s ms, page %s ms, ",
                shortNumber(r.share * 100).c_str(), millisecondsText(r.latency.p50).c_str(),
                millisecondsText(r.latency.p99).c_str(), millisecondsText(r.pageMs).c_str());
        else
            std::snprintf(line, sizeof line, " (%s%%): latency unbounded, ",
                          shortNumber(r.share * 100).c_str());
        out += "population " + visibleControls(r.name) + line + formatUsd(r.monthlyCostUsd) +
               " a month\n";
    }
    return out;
}

// "served: 83.3% at the peak (20K of 24K req/s fail 4K), 97.2% over the day".
std::string servedLine(const Evaluation &ev)
{
    if (ev.errorRatePeak <= 0 && ev.servedFraction >= 1)
        return "served: every request\n";
    char line[256];
    const double offered = ev.demand.peakRps;
    std::snprintf(line, sizeof line,
                  "served: %s%% at the peak (%s of %s req/s; %s fail), %s%% over the day\n",
                  shortNumber((1 - ev.errorRatePeak) * 100).c_str(),
                  shortNumber(ev.goodputRps).c_str(), shortNumber(offered).c_str(),
                  shortNumber(offered - ev.goodputRps).c_str(),
                  shortNumber(ev.servedFraction * 100).c_str());
    return line;
}

} // namespace

// A time in milliseconds as the text reports write it: three significant digits below a second
// ("38.4"), whole milliseconds with separators from there ("2,290", not "2.29e+03").
std::string millisecondsText(double ms)
{
    return detail::wholeOrPrintf(ms, 999.5, "%.3g");
}

// evaluate's text: the availability against its objective and the bill against its budget.
std::string objectiveLines(const Model &model, const Evaluation &ev)
{
    std::ostringstream out;
    const double objective = model.design().slo.availability;
    // (The two apart where they differ: "99.90%; objective 99.90% missed" read as a slip; QA.)
    const auto [shown, goal] = formatAvailabilitiesApart(ev.availability, objective);
    out << "availability: " << shown << " (" << formatNines(ev.availability) << " nines, "
        << formatDowntime(downtimeMinutesPerMonth(ev.availability, model.catalog().hoursPerMonth))
        << " down per month); objective " << goal
        << (ev.availability >= objective ? " met" : " missed") << "\n";
    out << "monthly cost: " << formatUsd(ev.monthlyCostUsd) << " (" << perUserText(ev) << ")";
    // Against the budget, as against the availability objective (the reports said it, the
    // text did not; QA).
    if (const std::optional<double> budget = model.design().slo.monthlyBudgetUsd)
        out << "; budget " << formatUsd(*budget)
            << (ev.monthlyCostUsd <= *budget
                    ? " met"
                    : " exceeded by " + formatUsd(ev.monthlyCostUsd - *budget));
    out << "\n";
    return out.str();
}

std::string evaluationToText(const Model &model, const Evaluation &ev)
{
    std::ostringstream out;
    char line[512];
    const auto id = [&](int i) { return visibleControls(idAt(model, i)); };
    std::snprintf(line, sizeof line, " at %s %s: %s req/s at the peak (%s average)\n",
                  grouped(ev.users).c_str(), usersWord(ev.users),
                  shortNumber(ev.demand.peakRps).c_str(),
                  shortNumber(ev.demand.averageRps).c_str());
    out << visibleControls(model.design().name) << line;
    componentLines(out, ev);
    dataTierLines(out, ev);
    const bool overloaded = stationOverloaded(ev);
    if (ev.latency.valid)
        std::snprintf(
            line, sizeof line, "latency: mean %s ms, p50 %s, p95 %s, p99 %s ms\n",
            millisecondsText(ev.latency.mean).c_str(), millisecondsText(ev.latency.p50).c_str(),
            millisecondsText(ev.latency.p95).c_str(), millisecondsText(ev.latency.p99).c_str());
    else if (overloaded)
        std::snprintf(line, sizeof line,
                      "latency: unbounded (a station on the path is overloaded)\n");
    else
        std::snprintf(line, sizeof line, "latency: none (no dynamic request is served)\n");
    out << line << servedLine(ev);
    out << "bottleneck: " << (ev.bottleneck >= 0 ? id(ev.bottleneck) : "none") << "\n";
    if (ev.maxUsers)
        std::snprintf(line, sizeof line, "max users: %s (wall at %s)\n",
                      shortNumber(*ev.maxUsers).c_str(), id(ev.wallComponent).c_str());
    else
        std::snprintf(line, sizeof line, "max users: no limit\n");
    out << line;
    // The objective as written (1,000 ms, not the "1K ms" of a user count).
    const double sloMs = model.design().slo.p99Ms;
    char sloText[32];
    if (sloMs == std::floor(sloMs) && sloMs < 1e15)
        std::snprintf(sloText, sizeof sloText, "%s", withThousands(std::uint64_t(sloMs)).c_str());
    else
        std::snprintf(sloText, sizeof sloText, "%.6g", sloMs);
    const std::optional<double> sloWall = model.sloMaxUsers();
    if (sloWall && *sloWall > 0)
        std::snprintf(line, sizeof line, "latency wall: %s users (p99 within %s ms)\n",
                      shortNumber(*sloWall).c_str(), sloText);
    else if (sloWall) // 0: not even the fewest users meet it (QA: "0 users (p99 within 500 ms)")
        std::snprintf(line, sizeof line,
                      "latency wall: below %s users (the p99 exceeds %s ms even there)\n",
                      shortNumber(kMinUsers).c_str(), sloText);
    else if (servesNothing(ev)) // nothing timed: no claim that it is met (QA)
        std::snprintf(line, sizeof line, "latency wall: none (no dynamic request is served)\n");
    else
        std::snprintf(line, sizeof line, "latency wall: none (p99 within %s ms up to %s users)\n",
                      sloText, shortNumber(kMaxUsers).c_str());
    out << line;
    if (ev.scalingCeilingUsers)
        out << "scaling ceiling: " << shortNumber(*ev.scalingCeilingUsers) << " users ("
            << id(ev.ceilingComponent) << ")\n";
    else
        out << "scaling ceiling: none (every tier scales out)\n";
    out << objectiveLines(model, ev);
    if (ev.errorRatePeak > 0)
        out << "note: " << kBillOfferedNote << "\n";
    out << populationLines(ev);
    bool beyond = moneyBeyondRange(ev.monthlyCostUsd);
    for (const ComponentResult &r : ev.components)
        beyond = beyond || moneyBeyondRange(r.monthlyCostUsd);
    if (beyond)
        out << "note: " << kMoneyBeyondNote << "\n";
    out << "warnings: " << severityCountsText(countBySeverity(ev.warnings)) << "\n";
    for (const Warning &w : ev.warnings)
        out << warningLine(w) << "\n";
    return out.str();
}

// The tree of what SweepWriter streams: one serializer for the sweep's JSON.
ojson sweepToJson(const Model &model, const Sweep &sweep)
{
    std::ostringstream out;
    SweepWriter w(out, model, SweepWriter::Format::Json);
    w.write(sweep);
    w.finish(sweep);
    return ojson::parse(out.str());
}

namespace {

// Shortest round-trip form for JSON ("null" when not finite).
void appendJsonNumber(std::string &out, double v)
{
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// Ten significant digits, as printf's %.10g; nothing when not finite (an empty CSV cell).
void appendCsvNumber(std::string &out, double v)
{
    if (!std::isfinite(v))
        return;
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 10);
    out.append(buf, r.ptr);
}

std::string jsonString(const std::string &s)
{
    return escapeJsonControls(ojson(s).dump());
}

void appendLatencyJson(std::string &out, const LatencySummary &l)
{
    const char *const names[] = {"mean", "p50", "p95", "p99"};
    const double values[] = {l.mean, l.p50, l.p95, l.p99};
    out += '{';
    for (int k = 0; k < 4; ++k) {
        out += k ? ", \"" : "\"";
        out += names[k];
        out += "\": ";
        appendJsonNumber(out, l.valid ? values[k] : NAN);
    }
    out += '}';
}

void appendPerComponentJson(std::string &out, const PerComponent &values)
{
    out += '[';
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ", ";
        appendJsonNumber(out, values[i]);
    }
    out += ']';
}

void appendPointJson(std::string &out, const SweepPoint &p, const std::vector<std::string> &ids)
{
    out += "    {\"users\": ";
    appendJsonNumber(out, p.users);
    out += ", \"demandRps\": ";
    appendJsonNumber(out, p.demandRps);
    out += ", \"capacityRps\": ";
    appendJsonNumber(out, p.capacityRps);
    out += ", \"goodputRps\": ";
    appendJsonNumber(out, p.goodputRps);
    out += ", \"errorRate\": ";
    appendJsonNumber(out, p.errorRate);
    out += ",\n     \"utilization\": ";
    appendPerComponentJson(out, p.utilization);
    out += ",\n     \"instances\": ";
    appendPerComponentJson(out, p.instances);
    out += ",\n     \"latencyMs\": ";
    appendLatencyJson(out, p.latency);
    out += ", \"monthlyCostUsd\": ";
    appendJsonNumber(out, p.monthlyCostUsd);
    out += ", \"costPerUserUsd\": ";
    appendJsonNumber(out, p.users > 0 ? p.costPerUserUsd : NAN);
    out += ", \"bottleneck\": ";
    out += p.bottleneck >= 0 ? ids[size_t(p.bottleneck)] : "null";
    out += '}';
}

void appendPointCsv(std::string &out, const SweepPoint &p, const std::vector<std::string> &ids)
{
    appendCsvNumber(out, p.users);
    out += ',';
    appendCsvNumber(out, p.demandRps);
    out += ',';
    appendCsvNumber(out, p.capacityRps);
    out += ',';
    appendCsvNumber(out, p.goodputRps);
    out += ',';
    appendCsvNumber(out, p.errorRate);
    for (double v : {p.latency.mean, p.latency.p50, p.latency.p95, p.latency.p99}) {
        out += ',';
        if (p.latency.valid)
            appendCsvNumber(out, v);
    }
    out += ',';
    appendCsvNumber(out, p.monthlyCostUsd);
    out += ',';
    if (p.users > 0)
        appendCsvNumber(out, p.costPerUserUsd);
    out += ',';
    if (p.bottleneck >= 0)
        out += ids[size_t(p.bottleneck)];
    for (double u : p.utilization) {
        out += ',';
        appendCsvNumber(out, u);
    }
    for (double n : p.instances) {
        out += ',';
        appendCsvNumber(out, n);
    }
    out += "\r\n";
}

} // namespace

std::string escapeJsonControls(std::string json)
{
    std::string out;
    out.reserve(json.size());
    for (size_t i = 0; i < json.size();) {
        char32_t cp = 0;
        const size_t n = utf8At(json, i, cp);
        // DEL, C1, the line and paragraph separators and the bidirectional controls, as
        // visibleControls has them (C0 is dump's).
        if (n > 0 && (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || isLayoutControl(cp))) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(cp));
            out += buf;
        } else {
            out.append(json, i, std::max<size_t>(n, 1));
        }
        i += std::max<size_t>(n, 1);
    }
    return out;
}

SweepWriter::SweepWriter(std::ostream &out, const Model &model, Format format)
    : m_out(out)
    , m_model(model)
    , m_format(format)
{
    std::string text;
    if (format == Format::Json) {
        text = "{\n  \"components\": [";
        for (const Component &c : model.design().components) {
            m_ids.push_back(jsonString(c.id));
            text += m_ids.size() > 1 ? ", " : "";
            text += m_ids.back();
        }
        text += "],\n  \"points\": [";
    } else {
        text = "users,demandRps,capacityRps,goodputRps,errorRate,latencyMeanMs,latencyP50Ms,"
               "latencyP95Ms,"
               "latencyP99Ms,monthlyCostUsd,costPerUserUsd,bottleneck";
        for (const Component &c : model.design().components) {
            m_ids.push_back(csvField(visibleControls(c.id)));
            text += ',' + csvField("util:" + visibleControls(c.id));
        }
        for (const Component &c : model.design().components)
            text += ',' + csvField("instances:" + visibleControls(c.id));
        text += "\r\n";
    }
    m_out.write(text.data(), std::streamsize(text.size()));
}

void SweepWriter::write(const Sweep &part)
{
    std::string text;
    for (const SweepPoint &p : part.points) {
        if (m_format == Format::Json) {
            text += m_points ? ",\n" : "\n";
            appendPointJson(text, p, m_ids);
        } else {
            appendPointCsv(text, p, m_ids);
        }
        ++m_points;
        m_out.write(text.data(), std::streamsize(text.size()));
        text.clear();
    }
}

void SweepWriter::finish(const Sweep &sweep)
{
    m_sloWall = m_model.sloMaxUsers();
    if (m_format == Format::Csv)
        return;
    std::string text = m_points ? "\n  ],\n" : "],\n";
    text += "  \"wall\": {\"users\": ";
    if (sweep.wallUsers)
        appendJsonNumber(text, *sweep.wallUsers);
    else
        text += "null";
    text += ", \"component\": ";
    text += sweep.wallComponent >= 0 ? m_ids[size_t(sweep.wallComponent)] : "null";
    // The latency wall, once per sweep: the design's, whatever range the points cover.
    text += "},\n  \"sloWall\": {\"users\": ";
    if (m_sloWall)
        appendJsonNumber(text, *m_sloWall);
    else
        text += "null";
    text += ", \"p99Ms\": ";
    appendJsonNumber(text, m_model.design().slo.p99Ms);
    text += "}\n}\n";
    m_out.write(text.data(), std::streamsize(text.size()));
}

void writeSweepJson(std::ostream &out, const Model &model, const Sweep &sweep)
{
    SweepWriter w(out, model, SweepWriter::Format::Json);
    w.write(sweep);
    w.finish(sweep);
}

void writeSweepCsv(std::ostream &out, const Model &model, const Sweep &sweep)
{
    SweepWriter w(out, model, SweepWriter::Format::Csv);
    w.write(sweep);
    w.finish(sweep);
}

std::string sweepToCsv(const Model &model, const Sweep &sweep)
{
    std::ostringstream out;
    writeSweepCsv(out, model, sweep);
    return out.str();
}

} // namespace sc
