#pragma once

#include "core/io/issue.h"
#include "core/model/design.h"

#include <optional>
#include <string>
#include <string_view>

namespace sc {

inline constexpr int kFormatVersion = 1;
inline constexpr std::string_view kAppVersion = "0.1.0";
inline constexpr size_t kMaxFileBytes = 32u << 20; // 32 MiB
inline constexpr int kMaxNesting = 64;
inline constexpr size_t kMaxComponents = 50000;
inline constexpr size_t kMaxStringBytes = 64u << 10;
inline constexpr size_t kMaxIdBytes = 256;

struct LoadResult {
    std::optional<Design> design;
    Issues errors;
    int fileFormatVersion = 0;
};

// Parses and checks a *.scalecanvas document. Every problem is reported with its JSON path;
// a design is returned only when there are none. Never throws.
LoadResult loadDesign(std::string_view bytes);
LoadResult loadDesignFile(const std::string &path);

// Serializes a design: stable key order, 2-space indent, trailing newline.
std::string saveDesign(const Design &design);

// Writes via a temporary file in the same folder and an atomic rename. Returns an error
// message, empty on success; the original file is untouched on failure.
std::string saveDesignFileAtomic(const Design &design, const std::string &path);
std::string writeFileAtomic(const std::string &path, std::string_view bytes);

// Reads a whole file, refusing ones larger than `limit`. Returns an error message or "".
std::string readFile(const std::string &path, std::string &out, size_t limit = kMaxFileBytes);

// Parses JSON strictly: depth limit, duplicate keys refused, non-finite numbers refused.
// On failure returns false and fills `error` with the path or position.
bool parseStrictJson(std::string_view bytes, nlohmann::json &out, Issue &error,
                     int maxDepth = kMaxNesting);

} // namespace sc
