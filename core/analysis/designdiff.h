#pragma once

// PLACEHOLDER until the lessons helper's diff lands.
#include "core/model/design.h"

#include <string>
#include <vector>

namespace sc {

struct ComponentChange {
    std::string id;
    std::vector<std::string> params;
    bool kindChanged = false, labelChanged = false, moved = false;
};

struct DesignDiff {
    std::vector<std::string> componentsAdded, componentsRemoved;
    std::vector<ComponentChange> componentsChanged;
};

DesignDiff diffDesigns(const Design &a, const Design &b);

} // namespace sc
