#pragma once

// Internal to core/io: file-format versions. A file names its format ("scalecanvas") and the
// version it was written in; this build reads kFormatVersion (core/io/format.h) and older.

#include "core/io/internal/checker.h"

#include <nlohmann/json.hpp>

namespace sc::io {

// Checks the header of a document: "format" must be "scalecanvas" and "formatVersion" a whole
// number no newer than kFormatVersion. Problems go to `checker`. Returns the file's format
// version (0 when it could not be read).
int checkFileHeader(const nlohmann::json &root, Checker &checker);

// One error per top-level key the file's format version does not have: a key of a later
// format ("slo" in a version-1 file) says which version added it, any other is unknown.
void checkEnvelopeKeys(const nlohmann::json &root, int fileVersion, Checker &checker);

// Rewrites a document of format `fileVersion` (checked, ≤ kFormatVersion) as the current
// format, one documented step per version, so the design reader only knows the current one.
void upgradeToCurrent(nlohmann::json &root, int fileVersion);

} // namespace sc::io
