#pragma once

// Built-in scenarios (DESIGN.md "Time"): the article's cases, on any design.

#include "core/model/design.h"
#include "core/model/scenario.h"

#include <optional>
#include <string_view>
#include <vector>

namespace sc {

// "a day", "viral spike" and, where the design has what they need, "Black Friday" and "Black
// Friday unplanned" (an app tier that may auto-scale to 20 or more), "flapping" (an auto-scaled
// tier), "primary fails over" (a database) and "zone outage" (a zone).
std::vector<Scenario> builtinScenarios(const Design &design);
// The indices of the components an event fails or restores: its component, or the members of
// its zone or region (a region's zones' members too) that the outage takes down — zone-redundant
// services (managed load balancers, DNS, CDN, object storage, queues) survive a zone, global ones
// (DNS, CDN) a region, and clients are never failed. A Multi-AZ database in the group is among
// them: it fails over. Empty when the event names nothing of the design.
std::vector<int> eventComponents(const Design &design, const ScenarioEvent &event);
// The names of the design's own scenarios, then of the built-in ones it does not override.
std::vector<std::string> scenarioNames(const Design &design);
// The scenario called `name`: the design's own first, then the built-in ones.
std::optional<Scenario> findScenario(const Design &design, std::string_view name);

} // namespace sc
