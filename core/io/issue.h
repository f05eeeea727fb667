#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sc {

// A problem found in a file or a design: where (a JSON path such as
// "design.components[2].params.instances") and what.
struct Issue {
    Issue() = default;
    Issue(std::string p, std::string m, std::string id = {})
        : path(std::move(p)), message(std::move(m)), componentId(std::move(id))
    {
    }
    std::string path;
    std::string message;
    std::string componentId; // when the issue belongs to a component
    std::string toString() const { return path.empty() ? message : path + ": " + message; }
};

using Issues = std::vector<Issue>;

} // namespace sc
