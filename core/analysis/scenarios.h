#pragma once

// Built-in scenarios (DESIGN.md "Time"): the article's cases, on any design.

#include "core/model/design.h"
#include "core/model/scenario.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc {

// "a day", "viral spike" and, where the design has what they need, "Black Friday" and "Black
// Friday unplanned" (an app tier that may auto-scale to 20 or more), "flapping" (a tier that
// auto-scales by steps), "primary fails over" (a database) and "zone outage" (a zone).
std::vector<Scenario> builtinScenarios(const Design &design);
// The indices of the components an event fails or restores: its component, or the members of
// its zone or region (a region's zones' members too) that the outage takes down — zone-redundant
// services (managed load balancers, DNS, CDN, object storage, queues) survive a zone, global ones
// (DNS, CDN) a region, and clients are never failed. A Multi-AZ database in the group is among
// them: it fails over. Empty when the event names nothing of the design.
std::vector<int> eventComponents(const Design &design, const ScenarioEvent &event);
// What a Fail event does to each component it names (the one rule of the simulation and of the
// live failures): `instances` of its instances out (0: the whole component down); a database
// goes down as a whole, and a Multi-AZ one fails over to its standby.
struct FailureEffect {
    int component = -1;
    int instances = 0;
    bool failsOver = false;
};
std::vector<FailureEffect> failureEffects(const Design &design, const ScenarioEvent &event);
// The zones and regions down at a point of a list of events, each with the components its outage
// took down: a restore (of a component, its instances or a zone) brings back none that an outage
// still under way holds — a component restored during its zone's outage, or a zone during its
// region's, stays down until that outage is restored too (QA: it served again). A Multi-AZ
// database a zone's outage fails over is not held by it.
class GroupsDown
{
public:
    // Notes e's outage, or the end of it (a group's Restore), before e's effects apply.
    void apply(const Design &design, const ScenarioEvent &event);
    // Whether component i is held down by an outage not yet restored.
    bool holds(int component) const;

private:
    std::vector<std::pair<std::string, std::vector<int>>> m_down; // (group, components taken)
};
// The state a list of Fail and Restore events, applied in order, leaves each component in
// (Restore as in a scenario: a whole component back, or `instances` of the instances out back).
struct FailedState {
    bool down = false;       // the whole component failed
    bool failedOver = false; // down, then its standby took over (Multi-AZ database)
    int instancesOut = 0;    // instances failed while the component is up
    bool operator==(const FailedState &) const = default;
};
std::vector<FailedState> failedStates(const Design &design,
                                      const std::vector<ScenarioEvent> &events);
// The chaos monkey: from `fromS` (exclusive) up to `toS`, every `everyS` seconds, a Fail of one
// instance drawn at random among the design's self-hosted instances (each equally likely; a
// database counts as one, an auto-scaled tier its minimum; clients and managed services have
// none). Seeded: the same seed draws the same instances. Empty when there is nothing to fail.
std::vector<ScenarioEvent> chaosMonkey(const Design &design, double fromS, double toS,
                                       double everyS, std::uint64_t seed);
// `events` (the live failures) as events of `scenario` before its start, each long enough
// before it (max(detectionS, failoverS) + 1 s) that the balancers have found what they fail and
// a Multi-AZ database has failed over: a run of the scenario with them starts where the live
// failures' steady state is (docs/model.md "Live failures"). In order, ahead of the scenario's.
std::vector<ScenarioEvent> settledBeforeStart(const Scenario &scenario,
                                              std::vector<ScenarioEvent> events);
// The names of the design's own scenarios, then of the built-in ones it does not override.
std::vector<std::string> scenarioNames(const Design &design);
// The scenario called `name`: the design's own first, then the built-in ones.
std::optional<Scenario> findScenario(const Design &design, std::string_view name);
// The components and groups scenario `s` names (its events, its scheduled minimums) that
// `design` does not have, as "\"app2\", group \"east\"", or "" (a file's scenario on one of its
// variants: `simulate FILE#VARIANT` refuses it, the timeline offers it disabled).
std::string namedButAbsent(const Scenario &s, const Design &design);

} // namespace sc
