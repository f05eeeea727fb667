#pragma once

// Scenarios in the file (format 2, `scenarios[]` beside the design): read with every value
// checked against its range and every component it names against the design; written back.

#include "core/io/internal/checker.h"
#include "core/model/design.h"

#include <nlohmann/json.hpp>

namespace sc::io {

// Reads root["scenarios"] (path "scenarios") into design.scenarios; needs the components read.
void readScenarios(Checker &c, const nlohmann::json &list, Design &design);
nlohmann::ordered_json scenariosToJson(const std::vector<Scenario> &scenarios,
                                       const Design &design);

} // namespace sc::io
