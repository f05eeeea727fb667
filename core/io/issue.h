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
        : path(std::move(p))
        , message(std::move(m))
        , componentId(std::move(id))
    {
    }
    std::string path;
    std::string message;
    std::string componentId; // when the issue belongs to a component
    std::string toString() const { return path.empty() ? message : path + ": " + message; }
};

using Issues = std::vector<Issue>;

// User text quoted in a message, cut to `limit` bytes so a hostile file cannot flood the output.
inline std::string clipText(const std::string &text, size_t limit = 64)
{
    if (text.size() <= limit)
        return text;
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // do not split a UTF-8 sequence
    return text.substr(0, cut) + "…";
}

} // namespace sc
