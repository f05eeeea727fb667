#pragma once

#include <QString>

#include <string_view>

namespace scui {

// The name a parameter of the parameter table (sc::paramSpecs, sc::autoscaleSpecs,
// sc::trafficSpecs) goes by in the GUI: the inspector's label and the undo steps that change it
// ("serviceTimeMs" → "Service time"; the unit in the name is the field's suffix instead).
QString paramTitle(std::string_view name);

} // namespace scui
