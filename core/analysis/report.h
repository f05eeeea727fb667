#pragma once

#include "core/analysis/model.h"

#include <nlohmann/json.hpp>

#include <string>

namespace sc {

// The `evaluate --format json` object of DESIGN.md. Non-finite figures become null.
nlohmann::ordered_json evaluationToJson(const Model &model, const Evaluation &ev);
std::string evaluationToText(const Model &model, const Evaluation &ev);

nlohmann::ordered_json sweepToJson(const Model &model, const Sweep &sweep);
std::string sweepToCsv(const Model &model, const Sweep &sweep);

// "99.95%", nines and downtime per month.
double nines(double availability);
double downtimeMinutesPerMonth(double availability, double hoursPerMonth = 730);

} // namespace sc
