// Built-in scenarios: the article's cases (reference/time-and-place.md), made for any design.

#include "core/analysis/scenarios.h"

#include "core/analysis/model.h"
#include "core/analysis/report.h"
#include "core/io/textescape.h"
#include "core/model/scenarionames.h"

#include <algorithm>
#include <random>

namespace sc {
namespace {

// Daily active users whose peak sends `rps` dynamic requests per second.
double usersFor(const Design &d, double rps)
{
    const Traffic &t = d.traffic;
    const double perUser = t.requestsPerUserPerDay / 86400.0 * t.peakToAverage;
    return perUser > 0 ? rps / perUser : t.users;
}

Scenario aDay()
{
    Scenario s;
    s.name = builtin::kADay;
    s.description = "24 hours of the design's day profile from midnight";
    return s;
}

// 1,000 → 10,000 req/s in 30 s, held 10 minutes (time-and-place.md, worked case 1).
Scenario viralSpike(const Design &d)
{
    Scenario s;
    s.name = builtin::kViralSpike;
    // Fixed rates, whatever the design's own peak: said, as the design's own peak may be far
    // from them (a design of 1,000 users read "9.1M failed requests (99%)" with no hint; QA).
    const Traffic &t = d.traffic;
    const double ownPeak = t.users * t.requestsPerUserPerDay / 86400.0 * t.peakToAverage;
    s.description = "1,000 req/s, then 10,000 within 30 s at minute 10, held for 10 minutes: "
                    "fixed rates, whatever the design's own peak (" +
                    shortNumber(ownPeak) + " req/s)";
    s.shape = Scenario::Shape::Flat;
    s.durationS = 3600;
    s.users = usersFor(d, 1000);
    s.spikes.push_back({600, 10, 30, 600});
    return s;
}

// The sale opens at 6 AM: the day's traffic × 20 (time-and-place.md, worked case 2), and 3× that
// in the first half hour as the crowd at the doors comes in; planned, the auto-scaled tier
// `tier` keeps at least 20 instances from 5:30, ready before the doors open.
Scenario blackFriday(const Component &tier, bool planned)
{
    Scenario s;
    s.name = planned ? builtin::kBlackFriday : builtin::kBlackFridayUnplanned;
    s.description = "20× traffic from 6 AM, 3× that in its first half hour" +
                    (planned ? ", " + tier.id + " at least 20 from 5:30 AM" : std::string());
    s.spikes.push_back({6 * 3600.0, 20, 300, 18 * 3600.0});
    s.spikes.push_back({6 * 3600.0, 3, 30, 1800});
    if (planned)
        s.schedules.push_back({5.5 * 3600, tier.id, 20});
    return s;
}

// A day with no cooldown on the auto-scaled tiers (time-and-place.md: without one a tier flaps;
// offered where a tier scales by steps, the policy that can);
// the design's own tiers are given cooldown 0 by the run (Scenario::noCooldown).
Scenario flapping()
{
    Scenario s = aDay();
    s.name = builtin::kFlapping;
    s.description = "a day with no cooldown on the auto-scaled tiers: they add and remove in turn";
    s.noCooldown = true;
    return s;
}

// The design's first zone fails at minute 10 and comes back at minute 40.
Scenario zoneOutage(const Group &zone)
{
    Scenario s;
    s.name = builtin::kZoneOutage;
    s.description = "zone " + zone.id + " fails at minute 10 and is back at minute 40";
    s.shape = Scenario::Shape::Flat;
    s.durationS = 3600;
    s.events.push_back({600, ScenarioEvent::Action::Fail, "", 0, zone.id});
    s.events.push_back({2400, ScenarioEvent::Action::Restore, "", 0, zone.id});
    return s;
}

bool survives(const Component &c, bool region)
{
    switch (c.kind) {
    case Kind::Clients:
    case Kind::Dns:
    case Kind::Cdn:
        return true;
    case Kind::ObjectStorage:
    case Kind::Queue:
        return !region;
    case Kind::LoadBalancer:
        return !region && c.flag("managed");
    default:
        return false;
    }
}

} // namespace

std::vector<int> eventComponents(const Design &design, const ScenarioEvent &event)
{
    std::vector<int> out;
    if (event.group.empty()) {
        if (const int i = design.indexOf(event.component); i >= 0)
            out.push_back(i);
        return out;
    }
    const auto g = std::find_if(design.groups.begin(), design.groups.end(),
                                [&event](const Group &x) { return x.id == event.group; });
    if (g == design.groups.end())
        return out;
    const bool region = g->kind == "region";
    auto take = [&](const Group &from) {
        for (const std::string &id : from.members)
            if (const int i = design.indexOf(id); i >= 0 &&
                                                  !survives(design.components[size_t(i)], region) &&
                                                  std::find(out.begin(), out.end(), i) == out.end())
                out.push_back(i);
    };
    take(*g);
    if (region)
        for (const Group &z : design.groups)
            if (z.kind == "zone" && z.region == g->id)
                take(z);
    return out;
}

std::vector<FailureEffect> failureEffects(const Design &design, const ScenarioEvent &event)
{
    std::vector<FailureEffect> out;
    // A Multi-AZ standby is in another zone of the same region: a region's outage takes it too
    // (time-and-place.md; the primary came back after failoverS with its region still down: QA).
    const bool region =
        std::any_of(design.groups.begin(), design.groups.end(), [&](const Group &g) {
            return !event.group.empty() && g.id == event.group && g.kind == "region";
        });
    for (const int i : eventComponents(design, event)) {
        const Component &c = design.components[size_t(i)];
        FailureEffect e{i, event.group.empty() ? event.instances : 0, false};
        if (c.kind == Kind::Database) {
            e.instances = 0;
            e.failsOver = c.flag("multiAz") && !region;
        }
        out.push_back(e);
    }
    return out;
}

void GroupsDown::apply(const Design &design, const ScenarioEvent &event)
{
    if (event.group.empty())
        return;
    if (event.action == ScenarioEvent::Action::Restore)
        std::erase_if(m_down, [&event](const auto &g) { return g.first == event.group; });
    else {
        // A Multi-AZ database its zone's outage fails over is not held: its standby serves.
        std::vector<int> held;
        for (const FailureEffect &e : failureEffects(design, event))
            if (!e.failsOver)
                held.push_back(e.component);
        m_down.emplace_back(event.group, std::move(held));
    }
}

bool GroupsDown::holds(int component) const
{
    return std::any_of(m_down.begin(), m_down.end(), [component](const auto &g) {
        return std::find(g.second.begin(), g.second.end(), component) != g.second.end();
    });
}

std::vector<FailedState> failedStates(const Design &design,
                                      const std::vector<ScenarioEvent> &events)
{
    std::vector<FailedState> out(design.components.size());
    // Down by an event no failover undoes (a Multi-AZ database's region), until restored.
    std::vector<char> held(design.components.size(), 0);
    GroupsDown groups;
    for (const ScenarioEvent &event : events) {
        groups.apply(design, event);
        if (event.action == ScenarioEvent::Action::Restore) {
            const int instances = event.group.empty() ? event.instances : 0;
            for (const int i : eventComponents(design, event)) {
                if (groups.holds(i))
                    continue;
                FailedState &s = out[size_t(i)];
                s.down = s.failedOver = false;
                held[size_t(i)] = 0;
                s.instancesOut = instances > 0 ? std::max(0, s.instancesOut - instances) : 0;
            }
            continue;
        }
        for (const FailureEffect &e : failureEffects(design, event)) {
            FailedState &s = out[size_t(e.component)];
            if (e.instances > 0) {
                s.instancesOut += e.instances;
                continue;
            }
            if (!e.failsOver && design.components[size_t(e.component)].flag("multiAz"))
                held[size_t(e.component)] = 1;
            s.down = true;
            s.failedOver = e.failsOver && !held[size_t(e.component)];
        }
    }
    return out;
}

std::vector<ScenarioEvent> settledBeforeStart(const Scenario &scenario,
                                              std::vector<ScenarioEvent> events)
{
    const double at = -(std::max(scenario.detectionS, scenario.failoverS) + 1);
    for (ScenarioEvent &e : events)
        e.atS = at;
    return events;
}

std::vector<ScenarioEvent> chaosMonkey(const Design &design, double fromS, double toS,
                                       double everyS, std::uint64_t seed)
{
    std::vector<ScenarioEvent> out;
    std::vector<std::pair<std::string, double>> pool; // (component, cumulative instances)
    double total = 0;
    for (const Component &c : design.components) {
        if (c.kind == Kind::Clients ||
            isManagedKind(c.kind, c.kind == Kind::LoadBalancer && c.flag("managed")))
            continue;
        const double n = c.autoscale                      ? c.autoscale->min
                         : c.kind == Kind::Database       ? 1.0
                         : findParam(c.kind, "instances") ? c.number("instances")
                                                          : 1.0;
        if (n < 1)
            continue;
        total += n;
        pool.emplace_back(c.id, total);
    }
    if (pool.empty() || !(everyS > 0))
        return out;
    std::mt19937_64 draw(seed);
    for (double t = fromS + everyS; t <= toS; t += everyS) {
        const double x = std::uniform_real_distribution<double>(0, total)(draw);
        const auto hit = std::upper_bound(pool.begin(), pool.end(), x,
                                          [](double v, const auto &p) { return v < p.second; });
        out.push_back({t,
                       ScenarioEvent::Action::Fail,
                       (hit == pool.end() ? pool.back() : *hit).first,
                       1,
                       {}});
    }
    return out;
}

std::vector<Scenario> builtinScenarios(const Design &design)
{
    std::vector<Scenario> out{aDay(), viralSpike(design)};
    for (const Component &c : design.components)
        if (c.kind == Kind::AppServer && c.autoscale && c.autoscale->max >= 20) {
            out.push_back(blackFriday(c, true));
            out.push_back(blackFriday(c, false));
            break;
        }
    for (const Component &c : design.components) {
        if (c.kind != Kind::Database)
            continue;
        Scenario s;
        s.name = builtin::kPrimaryFailsOver;
        s.description = c.id + " fails at minute 10 (" +
                        (c.flag("multiAz") ? std::string("Multi-AZ: the standby takes over")
                                           : std::string("single-AZ: restored at minute 30")) +
                        ")";
        s.shape = Scenario::Shape::Flat;
        s.durationS = 3600;
        s.events.push_back({600, ScenarioEvent::Action::Fail, c.id, 0, {}});
        if (!c.flag("multiAz"))
            s.events.push_back({1800, ScenarioEvent::Action::Restore, c.id, 0, {}});
        out.push_back(s);
        break;
    }
    // Only where a tier scales by steps: one that tracks a target counts the instances booting
    // and does not overshoot, so without a cooldown it follows the day as with one ("flapping"
    // was "a day" to the bit on every template that offered it; QA).
    if (std::any_of(design.components.begin(), design.components.end(), [](const Component &c) {
            return c.autoscale && c.autoscale->policy == Autoscale::Policy::Step;
        }))
        out.push_back(flapping());
    for (const Group &g : design.groups)
        if (g.kind == "zone") {
            out.push_back(zoneOutage(g));
            break;
        }
    return out;
}

std::vector<std::string> scenarioNames(const Design &design)
{
    std::vector<std::string> names;
    for (const Scenario &s : design.scenarios)
        names.push_back(s.name);
    for (const Scenario &s : builtinScenarios(design))
        if (std::find(names.begin(), names.end(), s.name) == names.end())
            names.push_back(s.name);
    return names;
}

std::optional<Scenario> findScenario(const Design &design, std::string_view name)
{
    for (const Scenario &s : design.scenarios)
        if (s.name == name)
            return s;
    for (Scenario &s : builtinScenarios(design))
        if (s.name == name)
            return s;
    return std::nullopt;
}

std::string namedButAbsent(const Scenario &s, const Design &design)
{
    std::vector<std::string> absent;
    const auto note = [&absent](std::string text) {
        if (std::find(absent.begin(), absent.end(), text) == absent.end())
            absent.push_back(std::move(text));
    };
    const auto hasGroup = [&design](const std::string &id) {
        return std::any_of(design.groups.begin(), design.groups.end(),
                           [&id](const Group &g) { return g.id == id; });
    };
    for (const ScenarioEvent &e : s.events) {
        if (!e.component.empty() && !design.find(e.component))
            note("\"" + visibleControls(e.component) + "\"");
        if (!e.group.empty() && !hasGroup(e.group))
            note("group \"" + visibleControls(e.group) + "\"");
    }
    for (const ScheduledMinimum &m : s.schedules)
        if (!design.find(m.component))
            note("\"" + visibleControls(m.component) + "\"");
    std::string text;
    for (const std::string &a : absent)
        text += (text.empty() ? "" : ", ") + a;
    return text;
}

} // namespace sc
