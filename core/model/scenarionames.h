#pragma once

// The names of the built-in scenarios (core/analysis/scenarios.h), reserved: a file's own
// scenario may not take one, since it would hide the built-in one (findScenario looks in the
// file first).

#include <array>

namespace sc {

inline constexpr std::array<const char *, 7> kBuiltinScenarioNames = {
    "a day",    "viral spike", "Black Friday", "Black Friday unplanned", "primary fails over",
    "flapping", "zone outage"};

} // namespace sc
