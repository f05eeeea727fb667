#pragma once

#include "core/io/issue.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace sc {

inline constexpr int kMaxNesting = 64;

// Parses JSON strictly: depth limit, duplicate keys refused, non-finite numbers refused.
// On failure returns false and fills `error` with the path or position.
bool parseStrictJson(std::string_view bytes, nlohmann::json &out, Issue &error,
                     int maxDepth = kMaxNesting);

} // namespace sc
