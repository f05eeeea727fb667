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

// How many problems one load or validation lists; the rest are counted in one closing line, so
// a file with a million mistakes gives a short answer quickly.
inline constexpr size_t kMaxIssues = 200;

// Adds `issue` unless kMaxIssues are listed already; then only counts it in `unlisted`.
inline void addCapped(Issues &issues, size_t &unlisted, Issue issue)
{
    if (issues.size() < kMaxIssues)
        issues.push_back(std::move(issue));
    else
        ++unlisted;
}

// The closing line "… and N more problems" when some were not listed.
inline void closeCapped(Issues &issues, size_t unlisted)
{
    if (unlisted > 0)
        issues.push_back({"", "… and " + std::to_string(unlisted) + " more problem" +
                                  (unlisted == 1 ? "" : "s") + " not listed"});
}

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
