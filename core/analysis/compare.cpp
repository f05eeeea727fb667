#include "compare.h"

#include "core/analysis/explain.h"
#include "core/analysis/limits.h"
#include "core/analysis/money.h"
#include "core/analysis/report.h"
#include "core/model/params.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sc {
namespace {

using ojson = nlohmann::ordered_json;

// A figure as `evaluate` writes it: unset when not finite (JSON null).
std::optional<double> finite(std::optional<double> v)
{
    return v && std::isfinite(*v) ? v : std::nullopt;
}

std::string labelOf(const Design &d, const std::string &id)
{
    for (const Component &c : d.components)
        if (c.id == id)
            return c.label.empty() ? id : c.label;
    return id;
}

std::string printf1(const char *format, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

// "$1,240" from $100 on, "$12.34" below (the cents matter there).
std::string money(double usd)
{
    if (std::abs(usd) < 100 || moneyBeyondRange(usd))
        return formatUsd(usd);
    const std::string cents = formatUsd(std::round(usd)); // "$1,240.00"
    return cents.substr(0, cents.size() - 3);
}

std::string milliseconds(double ms)
{
    // Three significant digits, never an exponent ("+1e+02 pp" read for 99.8 points; QA), and
    // in seconds from 1,000 ms, rounding included (999.95 ms reads "1 s", not "1000 ms").
    const std::string text = explainNumber(ms, 3);
    return ms >= 1000 || text == "1000" ? explainNumber(ms / 1000, 3) + " s" : text + " ms";
}

// Whether a figure's text has no digit but zeros ("$0.0000", "0 pp").
bool readsZero(const std::string &text)
{
    return std::none_of(text.begin(), text.end(), [](char c) { return c >= '1' && c <= '9'; });
}

std::string signedText(double delta, const std::string &magnitude)
{
    if (delta == 0 || readsZero(magnitude)) // no "−$0.0000": a difference below what is shown
        return "0";
    return (delta > 0 ? "+" : "−") + magnitude;
}

// Whether `delta` is less than half a unit of the fourth significant digit of the larger of
// `a` and `b` (one digit past those the columns show).
bool belowFourthDigit(double delta, double a, double b)
{
    const double larger = std::max(std::abs(a), std::abs(b));
    if (!(larger > 0) || !std::isfinite(larger))
        return false;
    const double unit = std::pow(10.0, std::floor(std::log10(larger)) - 3);
    return std::abs(delta) < unit / 2;
}

bool isPopulationRow(const std::string &key)
{
    return key.find('@') != std::string::npos;
}

// A cost per user below $1 to three significant digits, at least four decimals ("$0.00995",
// "$0.0615"; a difference "$0.000046"); from $1 as money. (At four decimals B − A read "0" for
// $0.0099 against $0.0100, $92 a month apart at 2M users; QA.)
std::string perUserUsd(double usd)
{
    const double m = std::abs(usd);
    if (!(m > 0))
        return formatUsdSmall(usd);
    if (!(m < 0.99995)) // (what reads $1.0000 at four decimals: "$1.00")
        return formatUsdSmall(m < 1 ? std::copysign(1.0, usd) : usd);
    const int decimals = std::max(4, 2 - int(std::floor(std::log10(m))));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, m);
    std::string t = buf;
    while (decimals > 4 && t.back() == '0' && t.size() > 6) // "0.0000460" → "0.000046"
        t.pop_back();
    return (usd < 0 ? "-$" : "$") + t;
}

// The significant digits a share of the requests needs in percent: three, more where three read
// 100% and it is not all of them (99.954% read "100%" beside a difference of −0.107 pp; QA).
int percentDigits(double share)
{
    int digits = 3;
    while (digits < 9 && share < 1 && explainNumber(share * 100, digits) == "100")
        ++digits;
    return digits;
}

// To `digits` significant digits; past three, its zeros kept, so two shares at one precision
// read alike ("99.990%" beside "99.999%", not "99.99%").
std::string percentOf(double share, int digits)
{
    if (digits <= 3 || !(share > 0))
        return explainNumber(share * 100, digits) + "%";
    const int magnitude = int(std::floor(std::log10(share * 100)));
    const std::string t = printf1(
        ("%." + std::to_string(std::max(0, digits - 1 - magnitude)) + "f").c_str(), share * 100);
    // Within 10⁻⁹ of all of them (rounding: nine digits still read 100): all ("100.0000000%").
    return (t.starts_with("100") ? std::string("100") : t) + "%";
}

// The figure of a row as people read it.
std::string rowText(const std::string &key, std::optional<double> v)
{
    if (!v)
        return key == "p50Ms" || key == "p99Ms" || isPopulationRow(key) ? "overloaded"
               : key == "maxUsers" || key == "sloMaxUsers"              ? "none"
                                                                        : "—";
    if (key == "monthlyCostUsd")
        return money(*v);
    if (key == "costPerUserUsd")
        return perUserUsd(*v);
    if (key == "p50Ms" || key == "p99Ms" || isPopulationRow(key))
        return milliseconds(*v);
    if (key == "maxUsers" || key == "sloMaxUsers") // 0: not met at the fewest users counted
        return *v > 0 ? shortNumber(*v) : "below " + shortNumber(kMinUsers);
    if (key == "availability")
        return formatAvailability(*v);
    if (key == "errorRatePeak")
        return percentOf(*v, percentDigits(*v));
    return printf1("%.0f", *v); // counts
}

std::string deltaText(const DeltaRow &r)
{
    if (!r.delta)
        return r.a.has_value() == r.b.has_value() ? "—" : "changed";
    const double d = *r.delta;
    if (r.key == "monthlyCostUsd")
        return signedText(d, money(std::abs(d)));
    if (r.key == "costPerUserUsd")
        return signedText(d, perUserUsd(std::abs(d)));
    if (r.key == "p50Ms" || r.key == "p99Ms" || isPopulationRow(r.key))
        return signedText(d, milliseconds(std::abs(d)));
    if (r.key == "maxUsers" || r.key == "sloMaxUsers") {
        std::string t = signedText(d, shortNumber(std::abs(d)));
        if (*r.a > 0 && t != "0") {
            // Three digits, or four where three read 1 ("1.003×", not "1×").
            std::string ratio = printf1("%.3g", *r.b / *r.a);
            if (ratio == "1")
                ratio = printf1("%.4g", *r.b / *r.a);
            t += " (" + ratio + "×)";
        }
        return t;
    }
    if (r.key == "availability" || r.key == "errorRatePeak")
        return signedText(d, explainNumber(std::abs(d) * 100, 3) + " pp");
    return signedText(d, printf1("%.0f", std::abs(d)));
}

// +1 when B is better, −1 when worse, 0 the same. An unset figure counts as +∞: no wall is the
// best wall, an overloaded latency the worst latency.
int verdictOf(const DeltaRow &r)
{
    constexpr double kInf = std::numeric_limits<double>::infinity();
    if (!r.a && !r.b && r.key != "p50Ms" && r.key != "p99Ms" && r.key != "maxUsers" &&
        r.key != "sloMaxUsers")
        return 0;
    const double a = r.a.value_or(kInf), b = r.b.value_or(kInf);
    if (a == b)
        return 0;
    return (b < a) == r.lowerIsBetter ? 1 : -1;
}

DeltaRow makeRow(const std::string &key, const std::string &label, std::optional<double> a,
                 std::optional<double> b, bool lowerIsBetter)
{
    DeltaRow r;
    r.key = key;
    r.label = label;
    r.a = finite(a);
    r.b = finite(b);
    if (r.a && r.b)
        r.delta = *r.b - *r.a;
    r.lowerIsBetter = lowerIsBetter;
    r.verdict = verdictOf(r);
    r.textA = rowText(r.key, r.a);
    r.textB = rowText(r.key, r.b);
    // Two shares in the nineties to one precision ("99.999%" beside "99.990%", not "99.99%"),
    // others each to their own (one near 100% gave "10.0000%" beside it; review).
    if (r.key == "errorRatePeak" && r.a && r.b && *r.a >= 0.9 && *r.b >= 0.9) {
        const int digits = std::max(percentDigits(*r.a), percentDigits(*r.b));
        r.textA = percentOf(*r.a, digits);
        r.textB = percentOf(*r.b, digits);
    }
    r.textDelta = deltaText(r);
    // A difference too small to show reads "0", and is neither better nor worse; so does
    // rounding noise, within 1e-9 of the figures: two evaluations that add the same terms in
    // another order differ in the last bits ("165 ms / 165 ms / +3.22e-11 ms worse"). The delta
    // itself stays b − a.
    // A figure shown to three significant digits (latencies, page times, walls, a cost per user
    // below $1) whose difference does not reach half a unit of a fourth digit reads the same, and
    // its difference "0" ("56.1 ms / 56.1 ms / +1.2e-06 ms worse" before; 165 → 165.4 ms still
    // shows +0.4 ms). From $1 a cost per user is shown in cents, and so is its difference ($125.27
    // against $125.31 read "0"; review).
    constexpr double kNoise = 1e-9;
    const bool threeDigits =
        r.key == "p50Ms" || r.key == "p99Ms" || r.key == "maxUsers" || r.key == "sloMaxUsers" ||
        isPopulationRow(r.key) ||
        (r.key == "costPerUserUsd" && r.a && r.b && std::max(std::abs(*r.a), std::abs(*r.b)) < 1);
    // Availability reads to as many decimals as its nines need: two options that read the same
    // there read no difference ("99.90% / 99.90% / +0.000406 pp better" before; QA).
    // So does the failing share, to three digits but more near 100% (99.997% and 99.995% read a
    // difference of "0" beside them).
    const bool sameText =
        (r.key == "availability" || r.key == "errorRatePeak") && r.textA == r.textB;
    if (r.delta && *r.delta != 0 &&
        (r.textDelta == "0" || sameText ||
         std::abs(*r.delta) <= kNoise * std::max(std::abs(*r.a), std::abs(*r.b)) ||
         (threeDigits && belowFourthDigit(*r.delta, *r.a, *r.b)))) {
        r.textDelta = "0";
        r.verdict = 0;
    }
    return r;
}

} // namespace

namespace {

// The rows an option that serves no dynamic request cannot be better in (QA: a design whose routes
// all dead-end read "overloaded", and its walls, latency wall and fewer single points of failure
// "better", in a comparison report): its latencies and latency wall read "none served", and
// beside an option that serves some it is the worse one in each of these rows. Its saturation
// wall, a station's that carries no user's request, reads "none served" too (GUI QA: a wall
// "57.6M → 2.84M: −54.8M better" read as a mistake). Fewer single points of failure are no
// better there (nothing is on a served path), the same count no worse ("0 | 0 | 0 worse", QA).
// Two that serve nothing are the same.
void noneServed(const OptionFigures &a, const OptionFigures &b, std::vector<DeltaRow> &rows)
{
    if (!a.servesNothing && !b.servesNothing)
        return;
    const int verdict = a.servesNothing == b.servesNothing ? 0 : a.servesNothing ? 1 : -1;
    for (DeltaRow &r : rows) {
        if (r.key == "spofs") {
            if (verdict == 0 || r.verdict == -verdict) // (both, or the one serving none has fewer)
                r.verdict = verdict;
            continue;
        }
        if (r.key != "p50Ms" && r.key != "p99Ms" && r.key != "sloMaxUsers" && r.key != "maxUsers" &&
            !isPopulationRow(r.key))
            continue;
        if (r.textDelta == "added" || r.textDelta == "removed") // a population one has not
            continue;
        if (a.servesNothing)
            r.textA = "none served";
        if (b.servesNothing)
            r.textB = "none served";
        r.delta.reset();
        r.textDelta = r.textA == r.textB ? "—" : "changed";
        r.verdict = verdict;
    }
}

// The errors among the errors and warnings said beside their count ("3 (1 error)"), and an
// option with fewer errors the better one whatever the count: B adding an error and dropping a
// warning read "2 | 2 | 0", neither better nor worse (QA). The delta stays the count's.
void errorsAmongWarnings(const OptionFigures &a, const OptionFigures &b, DeltaRow &row)
{
    const auto errors = [](int n) { return std::to_string(n) + (n == 1 ? " error" : " errors"); };
    const auto withErrors = [&errors](const std::string &text, int n) {
        return n == 0 ? text : text + " (" + errors(n) + ")";
    };
    row.textA = withErrors(row.textA, a.errorCount);
    row.textB = withErrors(row.textB, b.errorCount);
    if (a.errorCount == b.errorCount)
        return;
    row.verdict = b.errorCount < a.errorCount ? 1 : -1;
    const int more = b.errorCount - a.errorCount;
    const std::string change = (more > 0 ? "+" : "−") + errors(std::abs(more));
    row.textDelta = row.delta && *row.delta != 0 ? row.textDelta + " (" + change + ")" : change;
}

// Per population, A's then those B adds, its page time (its p99 is in the JSON's sides: a row
// each kept the table whole at 1280 × 800); a population one option has not reads "—" there.
void populationRows(const OptionFigures &a, const OptionFigures &b, std::vector<DeltaRow> &rows)
{
    std::vector<std::string> names;
    for (const OptionFigures *f : {&a, &b})
        for (const OptionFigures::Population &pop : f->populations)
            if (std::find(names.begin(), names.end(), pop.name) == names.end())
                names.push_back(pop.name);
    for (const std::string &name : names) {
        const OptionFigures::Population *pa = populationOf(a, name), *pb = populationOf(b, name);
        const auto page = [](const OptionFigures::Population *pop) {
            return pop ? pop->pageMs : std::nullopt;
        };
        DeltaRow r = makeRow("pageMs@" + name, "Page time, " + name, page(pa), page(pb), true);
        // Some of its fetches failing: no page time, the worse side (as an overloaded one).
        for (const auto &[pop, text] : {std::pair{pa, &r.textA}, std::pair{pb, &r.textB}})
            if (pop && pop->fetchesFailing > 0)
                *text = explainNumber(pop->fetchesFailing * 100, 3) + "% of fetches fail";
        if (!pa || !pb) { // not a figure of that option: neither better nor worse
            r.textA = pa ? r.textA : "—";
            r.textB = pb ? r.textB : "—";
            r.delta.reset();
            r.textDelta = pa ? "removed" : "added";
            r.verdict = 0;
        }
        rows.push_back(std::move(r));
    }
}

} // namespace

std::vector<DeltaRow> deltaRows(const OptionFigures &a, const OptionFigures &b)
{
    const auto alerts = [](const OptionFigures &f) {
        return std::optional<double>(f.errorCount + f.warningCount);
    };
    std::vector<DeltaRow> rows = {
        makeRow("monthlyCostUsd", "Monthly cost", a.monthlyCostUsd, b.monthlyCostUsd, true),
        makeRow("costPerUserUsd", "Cost per user", a.costPerUserUsd, b.costPerUserUsd, true),
        makeRow("p50Ms", "p50 latency", a.p50Ms, b.p50Ms, true),
        makeRow("p99Ms", "p99 latency", a.p99Ms, b.p99Ms, true),
    };
    populationRows(a, b, rows);
    rows.insert(
        rows.end(),
        {
            makeRow("maxUsers", "Saturation wall (users)", a.maxUsers, b.maxUsers, false),
            makeRow("sloMaxUsers", "Latency wall (users)", a.sloMaxUsers, b.sloMaxUsers, false),
            makeRow("availability", "Availability", a.availability, b.availability, false),
            makeRow("errorRatePeak", "Failing at the peak", a.errorRatePeak, b.errorRatePeak, true),
            makeRow("spofs", "Single points of failure", double(a.spofs.size()),
                    double(b.spofs.size()), true),
            makeRow("warnings", "Errors and warnings", alerts(a), alerts(b), true),
        });
    errorsAmongWarnings(a, b, rows.back());
    noneServed(a, b, rows);
    return rows;
}

namespace {

bool sameWarning(const Warning &x, const Warning &y)
{
    return x.code == y.code && x.componentId == y.componentId;
}

std::vector<WarningChange> warningChanges(const OptionFigures &a, const OptionFigures &b)
{
    std::vector<WarningChange> out;
    const auto onlyIn = [&](const OptionFigures &from, const OptionFigures &other, bool added) {
        for (const Warning &w : from.warnings) {
            if (w.severity == Severity::Advice)
                continue;
            const bool inOther = std::any_of(other.warnings.begin(), other.warnings.end(),
                                             [&](const Warning &o) { return sameWarning(w, o); });
            if (!inOther)
                out.push_back({w, added});
        }
    };
    onlyIn(a, b, false);
    onlyIn(b, a, true);
    return out;
}

} // namespace

const OptionFigures::Population *populationOf(const OptionFigures &f, const std::string &name)
{
    const auto it = std::find_if(f.populations.begin(), f.populations.end(),
                                 [&name](const auto &pop) { return pop.name == name; });
    return it != f.populations.end() ? &*it : nullptr;
}

OptionFigures optionFigures(const Model &model, const std::string &name, double users)
{
    const Evaluation ev = model.evaluate(users);
    const Design &d = model.design();
    OptionFigures f;
    f.name = name;
    f.users = users;
    f.monthlyCostUsd = ev.monthlyCostUsd;
    if (users > 0)
        f.costPerUserUsd = finite(ev.costPerUserUsd);
    if (ev.latency.valid) {
        f.p50Ms = finite(ev.latency.p50);
        f.p99Ms = finite(ev.latency.p99);
    }
    f.servesNothing = servesNothing(ev);
    f.maxUsers = finite(ev.maxUsers);
    f.sloMaxUsers = finite(model.sloMaxUsers());
    f.availability = ev.availability;
    f.errorRatePeak = ev.errorRatePeak;
    f.spofs = ev.spofs;
    for (const std::string &id : f.spofs)
        f.spofLabels.push_back(labelOf(d, id));
    if (ev.bottleneck >= 0) {
        f.bottleneck = d.components[size_t(ev.bottleneck)].id;
        f.bottleneckLabel = labelOf(d, f.bottleneck);
        f.bottleneckUtilization = ev.components[size_t(ev.bottleneck)].utilization;
    }
    for (const PopulationResult &pop : ev.populations) {
        OptionFigures::Population out{pop.name, pop.share, std::nullopt, std::nullopt,
                                      pop.fetchesFailing};
        if (pop.latency.valid) {
            out.p99Ms = finite(pop.latency.p99);
            if (pop.pageMs > 0)
                out.pageMs = finite(pop.pageMs);
        }
        f.populations.push_back(std::move(out));
    }
    f.warnings = ev.warnings;
    const SeverityCounts counts = countBySeverity(ev.warnings);
    f.errorCount = counts.errors;
    f.warningCount = counts.warnings;
    f.adviceCount = counts.advice;
    return f;
}

Comparison compareOptions(const Model &a, const std::string &nameA, const Model &b,
                          const std::string &nameB, double users)
{
    Comparison c;
    c.users = users;
    c.a = optionFigures(a, nameA, users);
    c.b = optionFigures(b, nameB, users);
    c.diff = diffDesigns(a.design(), b.design());
    c.rows = deltaRows(c.a, c.b);
    c.warningChanges = warningChanges(c.a, c.b);
    const Slo &sa = a.design().slo, &sb = b.design().slo;
    if (sa.p99Ms != sb.p99Ms)
        c.objectives.push_back(
            {"p99Ms", sa.p99Ms, sb.p99Ms,
             "p99 objective " + milliseconds(sa.p99Ms) + " → " + milliseconds(sb.p99Ms)});
    if (sa.availability != sb.availability)
        c.objectives.push_back({"availability", sa.availability, sb.availability,
                                "availability objective " + formatAvailability(sa.availability) +
                                    " → " + formatAvailability(sb.availability)});
    if (sa.monthlyBudgetUsd != sb.monthlyBudgetUsd) {
        const auto budget = [](const std::optional<double> &usd) {
            return usd ? formatUsd(*usd) : std::string("none");
        };
        c.objectives.push_back({"monthlyBudgetUsd", sa.monthlyBudgetUsd, sb.monthlyBudgetUsd,
                                "monthly budget " + budget(sa.monthlyBudgetUsd) + " → " +
                                    budget(sb.monthlyBudgetUsd)});
    }
    return c;
}

const DeltaRow *findRow(const Comparison &c, const std::string &key)
{
    for (const DeltaRow &r : c.rows)
        if (r.key == key)
            return &r;
    return nullptr;
}

Growth growthOf(const Model &model, int points)
{
    Growth g;
    for (int at = 0; at < points; ++at) {
        const double users =
            points == 1 ? kMinUsers
                        : kMinUsers * std::pow(kMaxUsers / kMinUsers, double(at) / (points - 1));
        const Evaluation ev = model.evaluate(users);
        g.users.push_back(users);
        g.monthlyCostUsd.push_back(ev.monthlyCostUsd);
        g.p99Ms.push_back(ev.latency.valid ? ev.latency.p99
                                           : std::numeric_limits<double>::quiet_NaN());
        g.bottleneckUtilization.push_back(
            ev.bottleneck >= 0 ? ev.components[size_t(ev.bottleneck)].utilization : 0);
        g.availability.push_back(ev.availability);
    }
    return g;
}

ScenarioRun runScenario(const Model &model, const Scenario &scenario)
{
    ScenarioRun run;
    run.summary = model.simulate(scenario, [&run](const SimulationStep &step) {
        run.t.push_back(step.t);
        run.demandRps.push_back(step.demandRps);
        run.servedRps.push_back(step.servedRps);
        run.errorRps.push_back(step.errorRps);
        run.p99Ms.push_back(step.p99Ms.value_or(std::numeric_limits<double>::quiet_NaN()));
    });
    return run;
}

} // namespace sc
