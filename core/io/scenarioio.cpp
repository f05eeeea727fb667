// Scenarios in the file: DESIGN.md "File format 2" and "Time: scenarios and simulation".

#include "core/io/internal/scenarioio.h"

#include "core/model/params.h"
#include "core/model/scenarionames.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace sc::io {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr double kMaxDurationS = 31 * 86400.0; // a month of 1-second steps is 2.7M rows
constexpr double kMaxMultiplier = 1000;

std::string at(const std::string &path, size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

// A number in [lo, hi] at path.key, written into `out` when present and valid.
void field(Checker &c, const json &j, const std::string &path, const char *key, double lo,
           double hi, double &out)
{
    if (j.contains(key))
        if (auto v = c.plainNumber(j[key], Checker::join(path, key), lo, hi))
            out = *v;
}

// A key every entry of its list must have (a spike's, event's or schedule's time: an entry
// without it ran from t = 0 without a word).
void requiredField(Checker &c, const json &j, const std::string &path, const char *key, double lo,
                   double hi, double &out)
{
    if (!j.contains(key))
        c.error(Checker::join(path, key), "missing");
    field(c, j, path, key, lo, hi, out);
}

// The id of a component of the design at path.component ("" when it names none).
std::string componentAt(Checker &c, const json &j, const std::string &path, const Design &d)
{
    if (!j.contains("component")) {
        c.error(path + ".component", "missing");
        return {};
    }
    auto id = c.string(j["component"], path + ".component", false);
    if (id && d.indexOf(*id) < 0) {
        c.error(path + ".component", "names no component of the design: \"" + *id + "\"");
        return {};
    }
    return id.value_or("");
}

// The multiplier e^logV as text: "1050×", "2550.3×" (not "2.55e+03×"; QA), or past a million
// "2.55×10^165" (from its logarithm: e^711 and more is no double).
std::string multiplierText(double logV)
{
    char buf[48];
    if (logV < std::log(1e6)) {
        std::snprintf(buf, sizeof buf, "%.1f", std::exp(logV));
        std::string text = buf;
        if (text.ends_with(".0"))
            text.resize(text.size() - 2);
        return text + "×";
    }
    const double decimal = logV / std::log(10.0);
    double exponent = std::floor(decimal), mantissa = std::pow(10.0, decimal - exponent);
    if (mantissa >= 9.995) { // (10^330 a hair short: "10.00×10^329")
        mantissa /= 10;
        exponent += 1;
    }
    std::snprintf(buf, sizeof buf, "%.2f×10^%.0f", mantissa, exponent);
    return buf;
}

// Spikes that overlap multiply the traffic together: at most kMaxMultiplier at any moment, as
// one spike (QA: 55 spikes of 1000× held over the run asked a server for 10¹⁶⁴ req/s, and each
// step took half a second). First a bound, every spike at its peak over its whole span; only a
// file past it is looked at closely: the product at the spikes' corners and between them, as
// the run takes it (ramps at their level, dips below 1× included).
void checkSpikesTogether(Checker &c, const std::string &path, const std::vector<Spike> &spikes)
{
    std::vector<std::pair<double, double>> edges; // time, log of the multiplier (− at the end)
    for (const Spike &sp : spikes) {
        if (!(sp.multiplier > 1))
            continue;
        edges.emplace_back(sp.atS, std::log(sp.multiplier));
        edges.emplace_back(sp.atS + 2 * sp.rampS + sp.holdS, -std::log(sp.multiplier));
    }
    std::sort(edges.begin(), edges.end());
    double sum = 0, bound = 0;
    for (const auto &[t, logM] : edges)
        bound = std::max(bound, sum += logM);
    const double limit = std::log(kMaxMultiplier) + 1e-9;
    if (bound <= limit)
        return;
    std::vector<double> corners;
    for (const Spike &sp : spikes)
        for (double t : {sp.atS, sp.atS + sp.rampS, sp.atS + sp.rampS + sp.holdS})
            corners.push_back(t);
    std::sort(corners.begin(), corners.end());
    for (size_t k = 0; k < corners.size(); ++k)
        for (const double t :
             {corners[k],
              k + 1 < corners.size() ? (corners[k] + corners[k + 1]) / 2 : corners[k]}) {
            double most = 0;
            for (const Spike &sp : spikes)
                most += std::log(sp.factorAt(t));
            if (most > limit) {
                c.error(path + ".spikes", "spikes overlapping at " + formatNumber(t) +
                                              " s multiply the traffic by " + multiplierText(most) +
                                              "; at most " + formatNumber(kMaxMultiplier) +
                                              "× at once, as one spike");
                return;
            }
        }
}

void readSpike(Checker &c, const json &j, const std::string &path, Spike &s)
{
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"atS", "multiplier", "rampS", "holdS"});
    requiredField(c, j, path, "atS", 0, kMaxDurationS, s.atS);
    if (j.contains("multiplier"))
        if (auto v = c.numberAbove(j["multiplier"], path + ".multiplier", 0, kMaxMultiplier, "×"))
            s.multiplier = *v;
    field(c, j, path, "rampS", 0, 86400, s.rampS);
    field(c, j, path, "holdS", 0, kMaxDurationS, s.holdS);
    // No ramp and no hold: the traffic would never leave its level (QA: accepted, and the run
    // then advised a step to show it).
    if (s.rampS == 0 && s.holdS == 0)
        c.error(path, "rampS and holdS are both 0: the spike would last no time; give it a hold "
                      "or a ramp");
}

// An event's zone or region: the id of a group of that kind (path.zone or path.region).
std::string groupAt(Checker &c, const json &j, const std::string &path, const Design &d,
                    const char *kind)
{
    auto id = c.string(j[kind], Checker::join(path, kind), false);
    if (!id)
        return {};
    const bool found = std::any_of(d.groups.begin(), d.groups.end(),
                                   [&](const Group &g) { return g.id == *id && g.kind == kind; });
    if (!found) {
        c.error(Checker::join(path, kind),
                std::string("names no ") + kind + " of the design: \"" + *id + "\"");
        return {};
    }
    return *id;
}

// What an event fails or restores: exactly one of "component", "zone" and "region".
void readEventTarget(Checker &c, const json &j, const std::string &path, const Design &d,
                     ScenarioEvent &e)
{
    const int named =
        int(j.contains("component")) + int(j.contains("zone")) + int(j.contains("region"));
    if (named > 1) {
        c.error(path, "names more than one of \"component\", \"zone\" and \"region\"");
        return;
    }
    if (named == 0) { // (it said "component: missing", as though a zone or region would not do)
        c.error(path, "names nothing to fail or restore: give one of \"component\", \"zone\" "
                      "or \"region\"");
        return;
    }
    if (j.contains("zone") || j.contains("region")) {
        const char *kind = j.contains("zone") ? "zone" : "region";
        e.group = groupAt(c, j, path, d, kind);
        if (j.contains("instances"))
            c.error(path + ".instances",
                    std::string("only a component's event counts instances, not a ") + kind + "'s");
        return;
    }
    e.component = componentAt(c, j, path, d);
}

// An event fails or restores at most the instances its component can have: its
// autoscale.max, its `instances`, or the one of a component without a count (a database fails
// as a whole and ignores it).
void checkEventInstances(Checker &c, const std::string &path, const Component &target, double n)
{
    const double most = target.mostInstances();
    if (n <= most)
        return;
    const bool counted = findParam(target.kind, "instances") != nullptr;
    const std::string what = target.autoscale ? "autoscale.max"
                             : counted        ? "instances"
                                              : "instances (one: it has no instance count)";
    c.error(path + ".instances", "must be at most \"" + target.id + "\"'s " + what + " (" +
                                     formatNumber(most) + "), got " + formatNumber(n));
}

void readEvent(Checker &c, const json &j, const std::string &path, const Design &d,
               ScenarioEvent &e)
{
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"atS", "action", "component", "zone", "region", "instances"});
    requiredField(c, j, path, "atS", 0, kMaxDurationS, e.atS);
    if (!j.contains("action"))
        c.error(path + ".action", "missing (\"fail\" or \"restore\")");
    if (j.contains("action")) {
        auto a = c.string(j["action"], path + ".action", false);
        if (a && *a != "fail" && *a != "restore")
            c.error(path + ".action", "must be \"fail\" or \"restore\", got \"" + *a + "\"");
        else if (a)
            e.action = *a == "fail" ? ScenarioEvent::Action::Fail : ScenarioEvent::Action::Restore;
    }
    readEventTarget(c, j, path, d, e);
    const Component *target = d.find(e.component);
    if (target && target->kind == Kind::Clients)
        c.error(
            path + ".component",
            "\"" + e.component +
                "\" is the clients component: the users do not fail; an event names a component "
                "that serves them, a zone or a region");
    double n = 0;
    field(c, j, path, "instances", 0, 100000, n);
    if (n != std::floor(n))
        c.error(path + ".instances",
                "must be a whole number from 0 to 100000, got " + formatNumber(n));
    else if (target && target->kind == Kind::Database && n > 1)
        // (It was read and ignored: 5,000 accepted on a one-shard database; QA.)
        c.error(path + ".instances", "a database fails as a whole (a Multi-AZ one's standby "
                                     "takes over): leave instances out, or 0 or 1; got " +
                                         formatNumber(n));
    else if (target && target->kind != Kind::Clients && target->kind != Kind::Database)
        checkEventInstances(c, path, *target, n);
    e.instances = int(n);
}

void readSchedule(Checker &c, const json &j, const std::string &path, const Design &d,
                  ScheduledMinimum &s)
{
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"atS", "component", "min"});
    requiredField(c, j, path, "atS", 0, kMaxDurationS, s.atS);
    s.component = componentAt(c, j, path, d);
    if (const Component *comp = d.find(s.component); comp && !comp->autoscale)
        c.error(path + ".component", "\"" + s.component + "\" does not auto-scale");
    double min = s.min;
    requiredField(c, j, path, "min", 1, 100000, min);
    if (min != std::floor(min))
        c.error(path + ".min", "must be a whole number from 1 to 100000, got " + formatNumber(min));
    else if (const Component *comp = d.find(s.component);
             comp && comp->autoscale && min > comp->autoscale->max)
        c.error(path + ".min", "must be at most \"" + s.component + "\"'s autoscale.max (" +
                                   std::to_string(comp->autoscale->max) + "), got " +
                                   std::to_string(std::lround(min)));
    s.min = int(min);
}

template <typename T, typename Read>
void readList(Checker &c, const json &j, const std::string &path, std::vector<T> &out, Read read)
{
    if (!c.expectArray(j, path))
        return;
    out.resize(j.size());
    for (size_t i = 0; i < j.size(); ++i)
        read(j[i], at(path, i), out[i]);
}

void readTraffic(Checker &c, const json &j, const std::string &path, Scenario &s)
{
    if (j.contains("shape")) {
        auto shape = c.string(j["shape"], path + ".shape", false);
        if (shape && *shape != "day" && *shape != "flat")
            c.error(path + ".shape", "must be \"day\" or \"flat\", got \"" + *shape + "\"");
        else if (shape)
            s.shape = *shape == "day" ? Scenario::Shape::Day : Scenario::Shape::Flat;
    }
    if (j.contains("users"))
        if (auto v = c.plainNumber(j["users"], path + ".users", 0, 1e10))
            s.users = *v;
    field(c, j, path, "startHour", 0, 23.999, s.startHour);
    if (j.contains("dayMultipliers"))
        readList(c, j["dayMultipliers"], path + ".dayMultipliers", s.dayMultipliers,
                 [&c](const json &v, const std::string &p, double &out) {
                     if (auto m = c.plainNumber(v, p, 0, kMaxMultiplier))
                         out = *m;
                 });
    if (j.contains("spikes"))
        readList(
            c, j["spikes"], path + ".spikes", s.spikes,
            [&c](const json &v, const std::string &p, Spike &out) { readSpike(c, v, p, out); });
}

// A multiplier for a day the scenario does not reach (day 0 is the day of startHour; the days
// from it to the end) would never apply: said, not ignored. (Not against a start hour or a length
// refused: the default's hour 0 or day stood in for it; QA, review.)
void checkDayMultipliers(Checker &c, const json &j, const std::string &path, const Scenario &s,
                         bool durationRead)
{
    const bool startRead =
        durationRead && (!j.contains("startHour") || (j["startHour"].is_number() &&
                                                      j["startHour"].get<double>() == s.startHour));
    const double days = std::max(1.0, std::ceil((s.startHour * 3600 + s.durationS) / 86400 - 1e-9));
    if (startRead && double(s.dayMultipliers.size()) > days)
        c.error(path + ".dayMultipliers",
                std::to_string(s.dayMultipliers.size()) + " values for a scenario of " +
                    formatNumber(days) + (days == 1 ? " day" : " days") + " (" +
                    formatNumber(s.durationS) + " s from hour " + formatNumber(s.startHour) +
                    "): day " + formatNumber(days + 1) + " on would never happen; at most " +
                    formatNumber(days) + (days == 1 ? " value" : " values"));
}

void readScenario(Checker &c, const json &j, const std::string &path, const Design &d, Scenario &s)
{
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path,
                  {"name", "description", "durationS", "stepS", "shape", "users", "startHour",
                   "dayMultipliers", "spikes", "events", "schedules", "timeoutS", "failoverS",
                   "detectionS", "noCooldown"});
    if (!j.contains("name"))
        c.error(path + ".name", "missing");
    else if (auto n = c.string(j["name"], path + ".name", false))
        s.name = *n;
    if (j.contains("description"))
        if (auto t = c.string(j["description"], path + ".description", true))
            s.description = *t;
    // What is judged against the length (a step, times after the end, the days' multipliers) is
    // not when the length is refused: the default's day stood in for it (QA, review); nor a step
    // refused against it (the default's 10 s).
    const size_t problems = c.issues.size() + c.unlisted;
    if (j.contains("durationS"))
        if (auto v = c.numberAbove(j["durationS"], path + ".durationS", 0, kMaxDurationS, "s"))
            s.durationS = *v;
    const bool durationRead = c.issues.size() + c.unlisted == problems;
    field(c, j, path, "stepS", 1, 3600, s.stepS);
    const bool stepRead = c.issues.size() + c.unlisted == problems; // (nor a step refused)
    // The default step is no longer than the scenario: a scenario of 5 s without a step has one
    // of 5 s (QA: it was refused for a step of 10 s the file never gave). Shorter than the
    // shortest step there is none to run.
    const bool stepGiven = j.contains("stepS");
    if (!stepGiven && s.stepS > s.durationS && s.durationS >= 1)
        s.stepS = s.durationS;
    if (durationRead && stepRead && s.stepS > s.durationS) {
        if (stepGiven)
            c.error(path + ".stepS", "the step (" + formatNumber(s.stepS) +
                                         " s) is longer than the scenario (" +
                                         formatNumber(s.durationS) + " s)");
        else
            c.error(path + ".durationS", "the scenario (" + formatNumber(s.durationS) +
                                             " s) is shorter than the shortest step (1 s)");
    }
    readTraffic(c, j, path, s);
    if (j.contains("events"))
        readList(c, j["events"], path + ".events", s.events,
                 [&](const json &v, const std::string &p, ScenarioEvent &out) {
                     readEvent(c, v, p, d, out);
                 });
    if (j.contains("schedules"))
        readList(c, j["schedules"], path + ".schedules", s.schedules,
                 [&](const json &v, const std::string &p, ScheduledMinimum &out) {
                     readSchedule(c, v, p, d, out);
                 });
    // A spike, an event or a schedule after the end would never happen: said, not ignored.
    const auto within = [&](const char *list, size_t i, double atS) {
        if (durationRead && atS > s.durationS)
            c.error(path + "." + list + "[" + std::to_string(i) + "].atS",
                    "at " + formatNumber(atS) + " s, after the scenario's end (" +
                        formatNumber(s.durationS) + " s): it would never happen");
    };
    for (size_t i = 0; i < s.spikes.size(); ++i)
        within("spikes", i, s.spikes[i].atS);
    checkSpikesTogether(c, path, s.spikes);
    for (size_t i = 0; i < s.events.size(); ++i)
        within("events", i, s.events[i].atS);
    for (size_t i = 0; i < s.schedules.size(); ++i)
        within("schedules", i, s.schedules[i].atS);
    checkDayMultipliers(c, j, path, s, durationRead);
    if (j.contains("timeoutS"))
        if (auto v = c.numberAbove(j["timeoutS"], path + ".timeoutS", 0, 3600, "s"))
            s.timeoutS = *v;
    field(c, j, path, "failoverS", 0, 3600, s.failoverS);
    field(c, j, path, "detectionS", 0, 3600, s.detectionS);
    if (j.contains("noCooldown")) {
        if (j["noCooldown"].is_boolean())
            s.noCooldown = j["noCooldown"].get<bool>();
        else
            c.error(path + ".noCooldown",
                    "must be true or false, got " + typeName(j["noCooldown"]));
    }
}

} // namespace

void readScenarios(Checker &c, const json &list, Design &design)
{
    readList(c, list, "scenarios", design.scenarios,
             [&](const json &v, const std::string &p, Scenario &out) {
                 readScenario(c, v, p, design, out);
             });
    std::set<std::string> names;
    for (size_t i = 0; i < design.scenarios.size(); ++i) {
        const std::string &name = design.scenarios[i].name;
        if (!name.empty() && !names.insert(name).second)
            c.error(at("scenarios", i) + ".name",
                    "\"" + name + "\" names another scenario already");
        // The file's scenario would hide the built-in one of that name.
        const auto &builtin = kBuiltinScenarioNames;
        if (std::find(builtin.begin(), builtin.end(), name) != builtin.end()) {
            std::string list;
            for (const char *b : builtin)
                list += std::string(list.empty() ? "\"" : ", \"") + b + "\"";
            c.error(at("scenarios", i) + ".name",
                    "\"" + name +
                        "\" is the name of a built-in scenario, which it would hide: choose "
                        "another (built-in: " +
                        list + ")");
        }
    }
}

namespace {

// "zone" or "region": the kind of the design's group `id` ("zone" when there is none).
const char *groupKind(const Design &design, const std::string &id)
{
    for (const Group &g : design.groups)
        if (g.id == id)
            return g.kind == "region" ? "region" : "zone";
    return "zone";
}

} // namespace

ojson scenariosToJson(const std::vector<Scenario> &scenarios, const Design &design)
{
    ojson list = ojson::array();
    const Scenario defaults;
    for (const Scenario &s : scenarios) {
        ojson o;
        o["name"] = s.name;
        if (!s.description.empty())
            o["description"] = s.description;
        o["durationS"] = s.durationS;
        o["stepS"] = s.stepS;
        o["shape"] = s.shape == Scenario::Shape::Day ? "day" : "flat";
        if (s.users)
            o["users"] = *s.users;
        if (s.startHour != defaults.startHour)
            o["startHour"] = s.startHour;
        if (!s.dayMultipliers.empty())
            o["dayMultipliers"] = s.dayMultipliers;
        for (const Spike &p : s.spikes)
            o["spikes"].push_back({{"atS", p.atS},
                                   {"multiplier", p.multiplier},
                                   {"rampS", p.rampS},
                                   {"holdS", p.holdS}});
        for (const ScenarioEvent &e : s.events) {
            ojson ev = {{"atS", e.atS},
                        {"action", e.action == ScenarioEvent::Action::Fail ? "fail" : "restore"},
                        {"component", e.component}};
            if (!e.group.empty()) {
                ev.erase("component");
                ev[groupKind(design, e.group)] = e.group;
            }
            if (e.instances > 0)
                ev["instances"] = e.instances;
            o["events"].push_back(ev);
        }
        for (const ScheduledMinimum &m : s.schedules)
            o["schedules"].push_back({{"atS", m.atS}, {"component", m.component}, {"min", m.min}});
        o["timeoutS"] = s.timeoutS;
        o["failoverS"] = s.failoverS;
        if (s.detectionS != defaults.detectionS)
            o["detectionS"] = s.detectionS;
        if (s.noCooldown)
            o["noCooldown"] = true;
        list.push_back(o);
    }
    return list;
}

} // namespace sc::io
