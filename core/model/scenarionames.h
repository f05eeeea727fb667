#pragma once

// The names of the built-in scenarios (core/analysis/scenarios.cpp names them from here),
// reserved: a file's own scenario may not take one, since it would hide the built-in one
// (findScenario looks in the file first).

#include <array>

namespace sc {

namespace builtin {
inline constexpr const char *kADay = "a day";
inline constexpr const char *kViralSpike = "viral spike";
inline constexpr const char *kBlackFriday = "Black Friday";
inline constexpr const char *kBlackFridayUnplanned = "Black Friday unplanned";
inline constexpr const char *kPrimaryFailsOver = "primary fails over";
inline constexpr const char *kFlapping = "flapping";
inline constexpr const char *kZoneOutage = "zone outage";
} // namespace builtin

inline constexpr std::array<const char *, 7> kBuiltinScenarioNames = {
    builtin::kADay,
    builtin::kViralSpike,
    builtin::kBlackFriday,
    builtin::kBlackFridayUnplanned,
    builtin::kPrimaryFailsOver,
    builtin::kFlapping,
    builtin::kZoneOutage};

} // namespace sc
