#include "migrations.h"

#include "core/io/format.h"

#include <cmath>
#include <string>

namespace sc::io {

using json = nlohmann::json;

int checkFileHeader(const json &root, Checker &r)
{
    if (!root.contains("format") || !root["format"].is_string() ||
        root["format"].get<std::string>() != "scalecanvas") {
        r.error("format", "must be \"scalecanvas\": this is not a ScaleCanvas design");
        return 0;
    }
    std::string madeBy = "unknown";
    if (root.contains("appVersion") && root["appVersion"].is_string())
        madeBy = root["appVersion"].get<std::string>().substr(0, 64);
    if (!root.contains("formatVersion")) {
        r.error("formatVersion", "missing");
        return 0;
    }
    auto v = r.plainNumber(root["formatVersion"], "formatVersion", 1, 1e6);
    if (!v)
        return 0;
    if (*v != std::floor(*v))
        r.error("formatVersion", "must be a whole number");
    else if (*v > kFormatVersion)
        r.error("formatVersion",
                "made by version " + madeBy + " (file format " + std::to_string(int(*v)) +
                    "); this ScaleCanvas (" + std::string(kAppVersion) + ") reads format " +
                    std::to_string(kFormatVersion) + ": update ScaleCanvas to open it");
    return int(*v);
}

void upgradeToCurrent(json & /*root*/, int /*fileVersion*/)
{
    // Format 1 is the only one so far. When format N + 1 changes a key, add here
    // `if (fileVersion <= N) upgradeNToN1(root);` (a function that rewrites the JSON of format
    // N as N + 1), and keep a file of format N in tests/data/golden/ (as v1-minimal) that must
    // keep loading.
}

} // namespace sc::io
