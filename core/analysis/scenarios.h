#pragma once

// Built-in scenarios (DESIGN.md "Time"): the article's cases, on any design.

#include "core/model/design.h"
#include "core/model/scenario.h"

#include <optional>
#include <string_view>
#include <vector>

namespace sc {

// "a day", "viral spike" and, where the design has what they need, "Black Friday" and "Black
// Friday unplanned" (an app tier that may auto-scale to 20 or more) and "primary fails over"
// (a database).
std::vector<Scenario> builtinScenarios(const Design &design);
// The names of the design's own scenarios, then of the built-in ones it does not override.
std::vector<std::string> scenarioNames(const Design &design);
// The scenario called `name`: the design's own first, then the built-in ones.
std::optional<Scenario> findScenario(const Design &design, std::string_view name);

} // namespace sc
