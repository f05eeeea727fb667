#include "migrations.h"

#include "core/io/format.h"

#include <cmath>
#include <string>
#include <string_view>

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
        r.error("formatVersion",
                "must be a whole number from 1 to 1000000, got " + formatNumber(*v));
    else if (*v > kFormatVersion)
        r.error("formatVersion",
                "made by version " + madeBy + " (file format " + std::to_string(int(*v)) +
                    "); this ScaleCanvas (" + std::string(kAppVersion) + ") reads format " +
                    std::to_string(kFormatVersion) + " and older: update ScaleCanvas to open it");
    return int(*v);
}

namespace {

// The top-level keys of the envelope and the format version that added each (DESIGN.md "File
// format 2"); the reader is designreader.cpp's readDocument.
struct EnvelopeKey {
    std::string_view name;
    int since;
};
constexpr EnvelopeKey kEnvelopeKeys[] = {
    {"format", 1},    {"formatVersion", 1}, {"appVersion", 1}, {"design", 1}, {"slo", 2},
    {"scenarios", 2}, {"variants", 2},      {"lesson", 2},     {"notes", 2},
};

// Format 1 → 2: format 2 only adds blocks beside the design, each optional. A version-1 file
// states no service-level objective, so it is held to the defaults (an empty "slo").
void upgrade1To2(json &root)
{
    root["slo"] = json::object();
}

} // namespace

namespace {

// The message for `key` at `path`, a key of format `since` in a file of format `fileVersion`.
void laterFormat(Checker &r, const std::string &path, const std::string &key, int since,
                 int fileVersion)
{
    r.error(path, "\"" + key + "\" is part of file format " + std::to_string(since) +
                      ", but this file says formatVersion " + std::to_string(fileVersion) +
                      " (set formatVersion to " + std::to_string(since) + ")");
}

// Keys inside the design that a later format added (docs/file-format.md "Geography").
constexpr EnvelopeKey kDesignKeys[] = {{"populations", 2}, {"geography", 2}};
constexpr EnvelopeKey kGroupKeys[] = {{"members", 2}, {"region", 2}, {"place", 2}};

} // namespace

void checkEnvelopeKeys(const json &root, int fileVersion, Checker &r)
{
    for (auto it = root.begin(); it != root.end(); ++it) {
        const EnvelopeKey *known = nullptr;
        for (const EnvelopeKey &k : kEnvelopeKeys)
            if (k.name == it.key())
                known = &k;
        const std::string key = clipText(it.key());
        if (!known)
            r.error(key, "unknown field \"" + key + "\"");
        else if (known->since > fileVersion)
            laterFormat(r, key, key, known->since, fileVersion);
    }
    // A later format's keys inside the design are no silent upgrade either.
    const auto design = root.find("design");
    if (design == root.end() || !design->is_object())
        return;
    for (const EnvelopeKey &k : kDesignKeys)
        if (k.since > fileVersion && design->contains(k.name))
            laterFormat(r, "design." + std::string(k.name), std::string(k.name), k.since,
                        fileVersion);
    const auto groups = design->find("groups");
    if (groups == design->end() || !groups->is_array())
        return;
    for (size_t g = 0; g < groups->size(); ++g) {
        const json &group = (*groups)[g];
        for (const EnvelopeKey &k : kGroupKeys)
            if (k.since > fileVersion && group.is_object() && group.contains(k.name))
                laterFormat(r, "design.groups[" + std::to_string(g) + "]." + std::string(k.name),
                            std::string(k.name), k.since, fileVersion);
    }
}

void upgradeToCurrent(json &root, int fileVersion)
{
    // One step per version: when format N + 1 changes or adds a key, add
    // `if (fileVersion <= N) upgradeNToN1(root);` below, a row per new key in kEnvelopeKeys,
    // and keep a file of format N in tests/data/golden/ (as v1-minimal) that must keep loading.
    if (fileVersion <= 1)
        upgrade1To2(root);
}

} // namespace sc::io
