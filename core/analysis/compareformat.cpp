// The comparison as words: the summary paragraph and `scalecanvas diff`'s text, Markdown and
// JSON (docs/cli.md "diff"). Every figure comes from compare.cpp's rows.

#include "compare.h"

#include "core/analysis/explain.h"
#include "core/analysis/limits.h"
#include "core/analysis/printfnumber.h"
#include "core/analysis/report.h"
#include "core/io/textescape.h"
#include "core/model/geo.h"
#include "core/model/params.h"
#include "core/model/zero.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace sc {
namespace {

using ojson = nlohmann::ordered_json;

ojson num(std::optional<double> v)
{
    return v && std::isfinite(*v) ? ojson(unsignedZero(*v)) : ojson(nullptr);
}

// "A", "A and B", "A, B and C".
std::string listed(const std::vector<std::string> &items)
{
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return out;
}

std::vector<std::string> spofLabelsNotIn(const OptionFigures &from, const OptionFigures &other)
{
    std::vector<std::string> out;
    for (size_t i = 0; i < from.spofs.size(); ++i)
        if (std::find(other.spofs.begin(), other.spofs.end(), from.spofs[i]) == other.spofs.end())
            out.push_back(from.spofLabels[i]);
    return out;
}

std::string costClause(const Comparison &c)
{
    const DeltaRow &r = *findRow(c, "monthlyCostUsd");
    if (!r.delta || *r.delta == 0 || r.textDelta.find('$') == std::string::npos)
        return "costs the same a month as " + c.a.name;
    const std::string magnitude = r.textDelta.substr(r.textDelta.find('$'));
    return "costs " + magnitude + (*r.delta > 0 ? " more" : " less") + " a month than " + c.a.name;
}

// An option that serves no dynamic request: said first, and the walls, the latency and the single
// points of failure, which it cannot be better in, left out of the sentence.
std::string servedClause(const Comparison &c)
{
    if (c.b.servesNothing && !c.a.servesNothing)
        return "serves no dynamic request (" + c.a.name + " serves " +
               explainNumber((1 - c.a.errorRatePeak) * 100, 3) + "% at the peak)";
    if (c.a.servesNothing && !c.b.servesNothing)
        return "serves " + explainNumber((1 - c.b.errorRatePeak) * 100, 3) + "% at the peak (" +
               c.a.name + " serves no dynamic request)";
    if (c.a.servesNothing)
        return "serves no dynamic request (nor does " + c.a.name + ")";
    return {};
}

// What fails at the peak, when the two read differently (QA: an option that failed 10% of its
// requests was said to answer faster, and no word of the 10%): said before the cost.
std::string failingClause(const Comparison &c)
{
    const DeltaRow &r = *findRow(c, "errorRatePeak");
    // Both failing alike is said too (QA: two options that failed 99.997% each read only "is
    // more available").
    if (r.textA == r.textB && c.a.errorRatePeak >= 1e-9 && c.b.errorRatePeak >= 1e-9)
        return "fails " + r.textB + " of the requests at the peak, as " + c.a.name + " does";
    if (r.verdict == 0 || r.textA == r.textB)
        return {};
    if (c.a.errorRatePeak > 0 && c.b.errorRatePeak > 0)
        return "fails " + r.textB + " of the requests at the peak where " + c.a.name + " fails " +
               r.textA;
    if (c.b.errorRatePeak > 0)
        return "fails " + r.textB + " of the requests at the peak (" + c.a.name + " fails none)";
    return "fails none of the requests at the peak (" + c.a.name + " fails " + r.textA + ")";
}

// Static fetches that fail (a CDN with no origin): the population where the two differ most,
// said after the failing requests (they are not among them; QA: a broken CDN read faster).
std::string fetchesClause(const Comparison &c)
{
    const auto failing = [](const OptionFigures &f, const std::string &name) {
        const OptionFigures::Population *pop = populationOf(f, name);
        return pop ? pop->fetchesFailing : 0.0;
    };
    std::string most;
    double by = 0;
    for (const OptionFigures *f : {&c.a, &c.b})
        for (const OptionFigures::Population &pop : f->populations) {
            const double d = std::abs(failing(c.b, pop.name) - failing(c.a, pop.name));
            if (d > 1e-9 && (d > by || (d == by && pop.name < most))) {
                most = pop.name;
                by = d;
            }
        }
    if (most.empty())
        return {};
    const double a = failing(c.a, most), b = failing(c.b, most);
    const auto pct = [](double share) { return explainNumber(share * 100, 3) + "%"; };
    if (a == 0)
        return "fails " + pct(b) + " of " + most + "'s static fetches (" + c.a.name +
               " fails none)";
    if (b == 0)
        return "fails none of " + most + "'s static fetches (" + c.a.name + " fails " + pct(a) +
               ")";
    return "fails " + pct(b) + " of " + most + "'s static fetches where " + c.a.name + " fails " +
           pct(a);
}

std::string wallClause(const Comparison &c)
{
    const std::optional<double> a = c.a.maxUsers, b = c.b.maxUsers;
    if (!a && !b)
        return {};
    if (!b)
        return "has no wall up to " + shortNumber(kMaxUsers) + " users (" + c.a.name +
               " saturates at " + shortNumber(*a) + ")";
    if (!a)
        return "saturates at " + shortNumber(*b) + " users, where " + c.a.name + " has no wall";
    const double ratio = *b / *a;
    // Three digits up to 99, as the table's ratio has them (QA: "1.3×" above a table's
    // "1.25×"), then whole: %g writes 780 as "7.8e+02".
    if (ratio >= 1.05)
        return "carries " + detail::wholeOrPrintf(ratio, 99.5, "%.3g") +
               "× the users before its wall";
    if (ratio <= 1 / 1.05)
        return "reaches its wall at " + detail::wholeOrPrintf(ratio * 100, 99.5, "%.3g") + "% of " +
               c.a.name + (c.a.name.ends_with('s') ? "'" : "'s") + " users";
    return {};
}

// The p99 is of the requests served: where either option fails some, the sentence says so.
std::string latencyClause(const Comparison &c)
{
    const std::optional<double> a = c.a.p99Ms, b = c.b.p99Ms;
    const std::string answers = c.a.errorRatePeak > 0 || c.b.errorRatePeak > 0
                                    ? "answers what it serves in "
                                    : "answers in ";
    if (a && !b)
        return "is overloaded where " + c.a.name + " answers in " + findRow(c, "p99Ms")->textA +
               " at p99";
    if (!a && b)
        return answers + findRow(c, "p99Ms")->textB + " at p99 where " + c.a.name +
               " is overloaded";
    if (a && b && std::abs(*b - *a) > 0.05 * *a)
        return answers + findRow(c, "p99Ms")->textB + " at p99 instead of " +
               findRow(c, "p99Ms")->textA;
    return {};
}

// Page times that move by more than 5% of the slower of the two (a CDN or a region nearer the
// users is for that, and read no faster in any headline row; QA): the population with the most
// user time gained, its share × the change, and the one with the most lost, when any is ("loads
// EU pages 1.69 s faster (313 ms against 2 s) but US pages 124 ms slower (515 ms against 391 ms)").
// Either way round the same populations are named (QA: the first form took the largest change
// relative to A, one side only, whatever the share).
std::string pageClause(const Comparison &c)
{
    const auto shareOf = [&c](const std::string &name) {
        double share = 0;
        for (const OptionFigures *f : {&c.a, &c.b})
            if (const OptionFigures::Population *pop = populationOf(*f, name))
                share = std::max(share, pop->share);
        return share;
    };
    constexpr size_t kKey = std::string_view("pageMs@").size();
    const DeltaRow *faster = nullptr, *slower = nullptr;
    double fasterBy = 0, slowerBy = 0;
    for (const DeltaRow &r : c.rows) {
        if (!r.key.starts_with("pageMs@") || !r.delta || r.verdict == 0 ||
            !(std::abs(*r.delta) > 0.05 * std::max(*r.a, *r.b)))
            continue;
        const double weight = shareOf(r.key.substr(kKey)) * std::abs(*r.delta);
        const DeltaRow *&most = *r.delta < 0 ? faster : slower;
        double &by = *r.delta < 0 ? fasterBy : slowerBy;
        // (A tie goes to the first name in byte order, either way round.)
        if (!most || weight > by || (weight == by && r.key < most->key)) {
            most = &r;
            by = weight;
        }
    }
    const auto said = [](const DeltaRow &r) {
        std::string change = r.textDelta; // "−1.31 s"
        change.erase(0, change.starts_with("−") ? std::string("−").size() : 1);
        return r.key.substr(kKey) + " pages " + change + (*r.delta < 0 ? " faster" : " slower") +
               " (" + r.textB + " against " + r.textA + ")";
    };
    if (faster && slower)
        return "loads " + said(*faster) + " but " + said(*slower);
    return faster || slower ? "loads " + said(faster ? *faster : *slower) : std::string();
}

std::string spofClause(const Comparison &c)
{
    const std::vector<std::string> removed = spofLabelsNotIn(c.a, c.b);
    const std::vector<std::string> added = spofLabelsNotIn(c.b, c.a);
    std::string out;
    const auto plural = [](size_t n) {
        return n == 1 ? std::string("the single point of failure at ")
                      : std::string("the single points of failure at ");
    };
    if (!removed.empty())
        out = "removes " + plural(removed.size()) + listed(removed);
    if (!added.empty())
        out +=
            (out.empty() ? "" : " but ") + std::string("adds ") +
            (added.size() == 1 ? "a single point of failure at " : "single points of failure at ") +
            listed(added);
    return out;
}

std::string availabilityClause(const Comparison &c)
{
    const DeltaRow &r = *findRow(c, "availability");
    if (r.verdict == 0 || r.textA == r.textB)
        return {};
    return std::string("is ") + (r.verdict > 0 ? "more" : "less") + " available (" + r.textB +
           " against " + r.textA + ")";
}

// Design text on a line of the text report: its controls shown as escapes, as everywhere the
// CLI prints design text (docs/cli.md; they were spaces here, DEL and C1 passed as they were).
std::string oneLine(const std::string &s)
{
    return visibleControls(s);
}

// As the file writes it (docs/file-format.md "Geography").
ojson placeJson(const Place &p)
{
    return p.region.empty() ? ojson{{"lat", p.lat}, {"lon", p.lon}} : ojson{{"region", p.region}};
}

// What differs between two versions of a group, found once for the words ("Changed group
// east: place …") and the JSON (groups.details).
struct GroupDifference {
    bool kind, place, label, region, moved, resized;
    std::vector<std::string> gained, lost; // members b has that a has not, and a had that b has not
};

GroupDifference groupDifference(const Group &a, const Group &b)
{
    GroupDifference d{a.kind != b.kind,
                      a.place.has_value() != b.place.has_value() ||
                          (a.place && !samePlace(*a.place, *b.place)),
                      a.label != b.label,
                      a.region != b.region,
                      a.x != b.x || a.y != b.y,
                      a.width != b.width || a.height != b.height,
                      {},
                      {}};
    const auto holds = [](const Group &g, const std::string &m) {
        return std::find(g.members.begin(), g.members.end(), m) != g.members.end();
    };
    for (const std::string &m : b.members)
        if (!holds(a, m))
            d.gained.push_back(m);
    for (const std::string &m : a.members)
        if (!holds(b, m))
            d.lost.push_back(m);
    return d;
}

// groups: {added[ids], removed[ids], changed[ids], details[{id, kind?, place?, label?,
// region?: [a, b], members?: {added[], removed[]}, moved?, resized?}]} (what "Changed group"
// says in words, for a program).
ojson groupsJson(const DesignDiff &d)
{
    ojson details = ojson::array();
    for (const auto &[a, b] : d.groupChanges) {
        const GroupDifference diff = groupDifference(a, b);
        ojson o = {{"id", groupKey(b)}};
        if (diff.kind)
            o["kind"] = ojson::array({a.kind, b.kind});
        if (diff.place)
            o["place"] = ojson::array({a.place ? placeJson(*a.place) : ojson(nullptr),
                                       b.place ? placeJson(*b.place) : ojson(nullptr)});
        if (diff.label)
            o["label"] = ojson::array({a.label, b.label});
        if (diff.region)
            o["region"] = ojson::array({a.region.empty() ? ojson(nullptr) : ojson(a.region),
                                        b.region.empty() ? ojson(nullptr) : ojson(b.region)});
        if (!diff.gained.empty() || !diff.lost.empty())
            o["members"] = {{"added", diff.gained}, {"removed", diff.lost}};
        if (diff.moved)
            o["moved"] = true;
        if (diff.resized)
            o["resized"] = true;
        details.push_back(std::move(o));
    }
    return {{"added", d.groupsAdded},
            {"removed", d.groupsRemoved},
            {"changed", d.groupsChanged},
            {"details", std::move(details)}};
}

std::string shareText(double share)
{
    return detail::printfNumber("%.4g", share * 100) + "%";
}

// A parameter value as JSON: a number or a flag when the text is one, else the text.
ojson valueJson(const std::string &text)
{
    if (text == "true" || text == "false")
        return text == "true";
    char *end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(v))
        return v;
    return text;
}

std::vector<ValueChange> changesOf(const ComponentChange &ch)
{
    std::vector<ValueChange> out;
    if (ch.kindChanged)
        out.push_back({"kind", std::string(kindName(ch.kindA)), std::string(kindName(ch.kindB))});
    if (ch.labelChanged)
        out.push_back({"label", ch.labelA, ch.labelB});
    for (const ValueChange &v : ch.params)
        out.push_back(v);
    return out;
}

ojson populationsJson(const OptionFigures &f)
{
    ojson out = ojson::array();
    for (const OptionFigures::Population &pop : f.populations)
        out.push_back({{"name", pop.name},
                       {"share", num(pop.share)},
                       {"p99Ms", num(pop.p99Ms)},
                       {"pageMs", num(pop.pageMs)}});
    return out;
}

ojson sideJson(const OptionFigures &f)
{
    return {{"name", f.name},
            {"monthlyCostUsd", num(f.monthlyCostUsd)},
            {"costPerUserUsd", num(f.costPerUserUsd)},
            {"p50Ms", num(f.p50Ms)},
            {"p99Ms", num(f.p99Ms)},
            {"maxUsers", num(f.maxUsers)},
            {"sloMaxUsers", num(f.sloMaxUsers)},
            {"availability", num(f.availability)},
            {"errorRatePeak", num(f.errorRatePeak)},
            {"spofs", f.spofs},
            {"bottleneck", f.bottleneck.empty() ? ojson(nullptr) : ojson(f.bottleneck)},
            {"servesNothing", f.servesNothing},
            {"warningCounts",
             {{"error", f.errorCount}, {"warning", f.warningCount}, {"advice", f.adviceCount}}},
            {"populations", populationsJson(f)}};
}

ojson componentsJson(const DesignDiff &d)
{
    ojson changed = ojson::array();
    for (const ComponentChange &ch : d.componentsChanged) {
        if (!ch.changedBeyondLayout())
            continue;
        ojson params = ojson::object();
        for (const ValueChange &v : changesOf(ch))
            if (v.name != "label" && v.name != "kind")
                params[v.name] = {valueJson(v.a), valueJson(v.b)};
        ojson entry = {{"id", ch.id}, {"params", params}};
        if (ch.kindChanged)
            entry["kind"] = {std::string(kindName(ch.kindA)), std::string(kindName(ch.kindB))};
        if (ch.labelChanged)
            entry["label"] = {ch.labelA, ch.labelB};
        changed.push_back(entry);
    }
    return {{"added", d.componentsAdded}, {"removed", d.componentsRemoved}, {"changed", changed}};
}

ojson connectionsJson(const std::vector<Connection> &list)
{
    ojson out = ojson::array();
    for (const Connection &c : list)
        out.push_back({{"from", c.from}, {"to", c.to}});
    return out;
}

ojson classesJson(const Connection &c)
{
    ojson out = ojson::array();
    for (RequestClass k : c.classes)
        out.push_back(std::string(className(k)));
    return out;
}

// Added and removed by their ends; changed with the weight and the classes that differ (an
// unset weight is null, every class an empty list, as the file has them).
ojson connectionsJson(const DesignDiff &d)
{
    ojson changed = ojson::array();
    for (const ConnectionChange &c : d.connectionsChanged) {
        ojson entry = {{"from", c.b.from}, {"to", c.b.to}};
        if (c.a.weight != c.b.weight)
            entry["weight"] = {num(c.a.weight), num(c.b.weight)};
        if (c.a.classes != c.b.classes)
            entry["classes"] = {classesJson(c.a), classesJson(c.b)};
        changed.push_back(entry);
    }
    return {{"added", connectionsJson(d.connectionsAdded)},
            {"removed", connectionsJson(d.connectionsRemoved)},
            {"changed", changed}};
}

ojson populationsJson(const DesignDiff &d)
{
    ojson added = ojson::array(), removed = ojson::array(), changed = ojson::array();
    for (const PopulationChange &p : d.populations) {
        if (!p.a) {
            added.push_back(
                {{"name", p.name}, {"share", p.b->share}, {"place", placeJson(p.b->place)}});
        } else if (!p.b) {
            removed.push_back(p.name);
        } else {
            ojson entry = {{"name", p.name}};
            if (p.a->share != p.b->share)
                entry["share"] = {p.a->share, p.b->share};
            if (!(p.a->place == p.b->place))
                entry["place"] = {placeJson(p.a->place), placeJson(p.b->place)};
            changed.push_back(entry);
        }
    }
    return {{"added", added}, {"removed", removed}, {"changed", changed}};
}

// "Instance type c5.24xlarge → t3.large, Instances 1 → 20" (valueChangeText, as the GUI's
// tags and reports); in Markdown escaped as a table cell's text.
std::string changeText(const ComponentChange &ch, bool code)
{
    std::vector<std::string> parts;
    for (const ValueChange &v : changesOf(ch))
        parts.push_back(code ? markdownCell(valueChangeText(v)) : oneLine(valueChangeText(v)));
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? ", " : "") + parts[i];
    return out;
}

std::string verdictWord(int verdict)
{
    return verdict > 0 ? "better" : verdict < 0 ? "worse" : "";
}

// "Added population Asia (20% of the users, in ap-northeast-1)", "Changed population Europe:
// share 80% → 50%, place eu-west-1 → eu-central-1", "Removed population Asia".
template <typename Id> std::string populationText(const PopulationChange &p, const Id &id)
{
    if (!p.a)
        return "Added population " + id(p.name) + " (" + shareText(p.b->share) +
               " of the users, in " + id(placeText(p.b->place)) + ")";
    if (!p.b)
        return "Removed population " + id(p.name);
    std::vector<std::string> parts;
    if (p.a->share != p.b->share)
        parts.push_back("share " + shareText(p.a->share) + " → " + shareText(p.b->share));
    if (!(p.a->place == p.b->place))
        parts.push_back("place " + id(placeText(p.a->place)) + " → " + id(placeText(p.b->place)));
    std::string out = "Changed population " + id(p.name) + ":";
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? ", " : " ") + parts[i];
    return out;
}

// "Changed group east: place us-east-1 → eu-central-1, label us-east-1 → eu-central-1", what
// else differs after: its kind, its region (a zone's), the members it gained and lost, its box
// (QA: a region moved across the Atlantic read "Changed group east", like a box nudged).
template <typename Id> std::string groupText(const Group &a, const Group &b, const Id &id)
{
    const GroupDifference diff = groupDifference(a, b);
    std::vector<std::string> parts;
    if (diff.kind)
        parts.push_back("kind " + a.kind + " → " + b.kind);
    if (diff.place)
        parts.push_back("place " + (a.place ? id(placeText(*a.place)) : std::string("none")) +
                        " → " + (b.place ? id(placeText(*b.place)) : std::string("none")));
    if (diff.label)
        parts.push_back("label " + (a.label.empty() ? std::string("none") : id(a.label)) + " → " +
                        (b.label.empty() ? std::string("none") : id(b.label)));
    if (diff.region)
        parts.push_back("region " + (a.region.empty() ? std::string("none") : id(a.region)) +
                        " → " + (b.region.empty() ? std::string("none") : id(b.region)));
    std::string members;
    for (const std::string &m : diff.gained)
        members += (members.empty() ? "" : ", ") + ("+" + id(m));
    for (const std::string &m : diff.lost)
        members += (members.empty() ? "" : ", ") + ("−" + id(m));
    if (!members.empty())
        parts.push_back("members " + members);
    if (diff.moved)
        parts.push_back("moved");
    if (diff.resized)
        parts.push_back("resized");
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? ", " : ": ") + parts[i];
    return out;
}

// "route factor 2 → 3", "cross-zone RTT 1 ms → 20 ms" (docs/file-format.md "Geography").
std::string geographyText(const ValueChange &v)
{
    const std::string title = v.name == "routeFactor"     ? "route factor"
                              : v.name == "sameZoneRttMs" ? "same-zone RTT"
                                                          : "cross-zone RTT";
    const std::string unit = v.name == "routeFactor" ? "" : " ms";
    return title + " " + v.a + unit + " → " + v.b + unit;
}

} // namespace

// The connections, groups and traffic that changed, a line each, as the compare report lists
// them ("Added connection app → cache", "Traffic: KB per request 10 → 20"); in Markdown
// (`code`) ids as code spans. The text and Markdown diffs listed only components (QA).
std::vector<std::string> otherChanges(const DesignDiff &d, bool code)
{
    const auto id = [code](const std::string &text) {
        return code ? markdownCode(text) : oneLine(text);
    };
    const auto edge = [&id](const Connection &c) { return id(c.from) + " → " + id(c.to); };
    std::vector<std::string> out;
    for (const Connection &c : d.connectionsAdded)
        out.push_back("Added connection " + edge(c));
    for (const Connection &c : d.connectionsRemoved)
        out.push_back("Removed connection " + edge(c));
    for (const ConnectionChange &c : d.connectionsChanged)
        out.push_back("Changed connection " + edge(c.b));
    for (const std::string &g : d.groupsAdded)
        out.push_back("Added group " + id(g));
    for (const std::string &g : d.groupsRemoved)
        out.push_back("Removed group " + id(g));
    for (size_t g = 0; g < d.groupsChanged.size(); ++g)
        out.push_back("Changed group " + id(d.groupsChanged[g]) +
                      (g < d.groupChanges.size()
                           ? groupText(d.groupChanges[g].first, d.groupChanges[g].second, id)
                           : std::string()));
    if (!d.traffic.empty()) {
        std::string parts;
        for (const ValueChange &v : d.traffic)
            parts += (parts.empty() ? "" : ", ") +
                     (code ? markdownCell(valueChangeText(v)) : oneLine(valueChangeText(v)));
        out.push_back("Traffic: " + parts);
    }
    // Where the users are and how far apart the zones are move the latencies as much as a
    // component does (they were listed nowhere, the figures moving with no cause; QA).
    for (const PopulationChange &p : d.populations)
        out.push_back(populationText(p, id));
    if (!d.geography.empty()) {
        std::string parts;
        for (const ValueChange &v : d.geography)
            parts += (parts.empty() ? "" : ", ") + geographyText(v);
        out.push_back("Geography: " + parts);
    }
    return out;
}

std::string comparisonSummary(const Comparison &named)
{
    // Names a sentence can carry; longer ones (a file's title) read as "A" and "B".
    constexpr size_t kLongestName = 24;
    Comparison c = named;
    if (c.a.name.size() > kLongestName || c.b.name.size() > kLongestName) {
        c.a.name = "A";
        c.b.name = "B";
    }
    // Nothing differs (a design against itself, or against a copy moved nowhere): said as such,
    // as the compare window says it, not as "costs the same a month" (QA).
    const bool sameFigures =
        std::all_of(c.rows.begin(), c.rows.end(), [](const DeltaRow &r) { return r.a == r.b; });
    if (c.diff.empty() && c.objectives.empty() && c.warningChanges.empty() && sameFigures)
        return "At " + shortNumber(c.users) + " " + usersWord(c.users) + ", " + c.b.name +
               " is the same design as " + c.a.name + ": every figure is the same" +
               (c.b.servesNothing ? ", and it serves no dynamic request." : ".");
    std::vector<std::string> clauses;
    const std::string served = servedClause(c);
    const std::vector<std::string> candidates =
        served.empty()
            ? std::vector<std::string>{failingClause(c),      fetchesClause(c), costClause(c),
                                       wallClause(c),         latencyClause(c), pageClause(c),
                                       availabilityClause(c), spofClause(c)}
            : std::vector<std::string>{served, costClause(c), availabilityClause(c)};
    for (const std::string &clause : candidates)
        if (!clause.empty())
            clauses.push_back(clause);
    return "At " + shortNumber(c.users) + " " + usersWord(c.users) + ", " + c.b.name + " " +
           listed(clauses) + ".";
}

nlohmann::ordered_json comparisonToJson(const Comparison &c)
{
    ojson delta = ojson::object(), populations = ojson::object();
    for (const DeltaRow &r : c.rows) {
        // A population's row ("pageMs@EU") under delta.populations.EU.pageMs.
        if (const size_t at = r.key.find('@'); at != std::string::npos)
            populations[r.key.substr(at + 1)][r.key.substr(0, at)] = num(r.delta);
        else
            delta[r.key] = num(r.delta);
    }
    delta["populations"] = std::move(populations);
    ojson warnings = {{"added", ojson::array()}, {"removed", ojson::array()}};
    for (const WarningChange &w : c.warningChanges)
        warnings[w.added ? "added" : "removed"].push_back(
            {{"code", w.warning.code}, {"component", w.warning.componentId}});
    const DesignDiff &d = c.diff;
    ojson traffic = ojson::object();
    for (const ValueChange &v : d.traffic)
        traffic[v.name] = {valueJson(v.a), valueJson(v.b)};
    ojson geography = ojson::object();
    for (const ValueChange &v : d.geography)
        geography[v.name] = {valueJson(v.a), valueJson(v.b)};
    ojson objectives = ojson::object();
    for (const Comparison::ObjectiveChange &o : c.objectives)
        objectives[o.key] = {num(o.a), num(o.b)};
    return {{"users", c.users},
            {"a", sideJson(c.a)},
            {"b", sideJson(c.b)},
            {"delta", delta},
            {"components", componentsJson(d)},
            {"connections", connectionsJson(d)},
            {"groups", groupsJson(d)},
            {"traffic", traffic},
            {"populations", populationsJson(d)},
            {"geography", geography},
            {"objectives", objectives},
            {"warnings", warnings},
            {"summary", comparisonSummary(c)}};
}

namespace {

// `text` padded with spaces on the left (`right`: on the right) to `width` characters as
// shown (shownWidth: "−" and "×" take one column); a longer text is kept whole.
std::string padded(const std::string &text, size_t width, bool right = false)
{
    const size_t shown = shownWidth(text);
    return shown >= width ? text : fitColumn(text, width, !right);
}

} // namespace

std::string comparisonToText(const Comparison &c)
{
    std::string out = "A: " + oneLine(c.a.name) + "\nB: " + oneLine(c.b.name) + "\nAt " +
                      shortNumber(c.users) + " " + usersWord(c.users) + "\n\n";
    const auto row = [&out](const std::string &label, const std::string &a, const std::string &b,
                            const std::string &delta, const std::string &verdict) {
        std::string line = padded(label, 26, true) + " " + padded(a, 14) + " " + padded(b, 14) +
                           " " + padded(delta, 18);
        out += (verdict.empty() ? line : line + "  " + verdict) + "\n";
    };
    row("", "A", "B", "B − A", "");
    for (const DeltaRow &r : c.rows) // (a population's name is in its row's label)
        row(oneLine(r.label), r.textA, r.textB, r.textDelta, verdictWord(r.verdict));
    out += "\n";
    const DesignDiff &d = c.diff;
    for (const std::string &id : d.componentsAdded)
        out += "+ " + oneLine(id) + "\n";
    for (const std::string &id : d.componentsRemoved)
        out += "- " + oneLine(id) + "\n";
    for (const ComponentChange &ch : d.componentsChanged)
        if (ch.changedBeyondLayout())
            out += "~ " + oneLine(ch.id) + ": " + changeText(ch, false) + "\n";
    for (const std::string &line : otherChanges(d, false))
        out += line + "\n";
    for (const Comparison::ObjectiveChange &o : c.objectives)
        out += "Objectives: " + o.text + "\n";
    for (const WarningChange &w : c.warningChanges)
        out += std::string(w.added ? "new warning " : "gone warning ") + w.warning.code +
               (w.warning.componentId.empty() ? "" : " at " + oneLine(w.warning.componentId)) +
               "\n";
    return out + "\n" + oneLine(comparisonSummary(c)) + "\n";
}

std::string comparisonToMarkdown(const Comparison &c)
{
    std::string out = "### " + markdownCell(c.a.name) + " → " + markdownCell(c.b.name) + " at " +
                      shortNumber(c.users) + " " + usersWord(c.users) + "\n\n" +
                      markdownCell(comparisonSummary(c)) + "\n\n| Figure | " +
                      markdownCell(c.a.name) + " | " + markdownCell(c.b.name) +
                      " | Change |\n|---|---:|---:|---:|\n";
    for (const DeltaRow &r : c.rows)
        out += "| " + markdownCell(r.label) + " | " + r.textA + " | " + r.textB + " | " +
               r.textDelta +
               (r.verdict > 0   ? " (better)"
                : r.verdict < 0 ? " (worse)"
                                : "") +
               " |\n";
    const DesignDiff &d = c.diff;
    std::string components;
    for (const std::string &id : d.componentsAdded)
        components += "- Added " + markdownCode(id) + "\n";
    for (const std::string &id : d.componentsRemoved)
        components += "- Removed " + markdownCode(id) + "\n";
    for (const ComponentChange &ch : d.componentsChanged)
        if (ch.changedBeyondLayout())
            components += "- Changed " + markdownCode(ch.id) + ": " + changeText(ch, true) + "\n";
    if (!components.empty())
        out += "\n**Components**\n\n" + components;
    std::string others;
    for (const std::string &line : otherChanges(d, true))
        others += "- " + line + "\n";
    for (const Comparison::ObjectiveChange &o : c.objectives)
        others += "- Objectives: " + markdownCell(o.text) + "\n";
    if (!others.empty())
        out += "\n**Connections, groups, traffic, geography and objectives**\n\n" + others;
    std::string warnings;
    for (const WarningChange &w : c.warningChanges)
        warnings +=
            std::string(w.added ? "- New: " : "- Gone: ") + markdownCode(w.warning.code) +
            (w.warning.componentId.empty() ? "" : " at " + markdownCode(w.warning.componentId)) +
            " — " + markdownCell(w.warning.message) + "\n";
    if (!warnings.empty())
        out += "\n**Warnings**\n\n" + warnings;
    return out;
}

} // namespace sc
