#pragma once

// The *.scalecanvas file format: the public header of core/io. The reader is designreader.cpp,
// the writer designwriter.cpp, version handling internal/migrations.cpp; the strict JSON parser
// (strictjson.h) and whole-file reading and atomic writing (fileio.h) come with this header.

#include "core/io/fileio.h"
#include "core/io/issue.h"
#include "core/io/strictjson.h"
#include "core/model/design.h"

#include <optional>
#include <string>
#include <string_view>

namespace sc {

inline constexpr int kFormatVersion = 2; // 2 adds "slo" beside the design
inline constexpr std::string_view kAppVersion = "0.1.0";
inline constexpr size_t kMaxComponents = 50000;
inline constexpr size_t kMaxStringBytes = 64u << 10;
inline constexpr size_t kMaxIdBytes = 256;

struct LoadResult {
    std::optional<Design> design;
    Issues errors;
    int fileFormatVersion = 0;
    // When the document was read to its end but had errors: the design as read (a value the
    // reader refused left at its default), for `validate` to check its connections too, so that
    // one run lists every problem. Never to be evaluated.
    std::optional<Design> partial;
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

} // namespace sc
