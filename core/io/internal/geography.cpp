#include "core/io/internal/geography.h"

#include "core/model/geo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

namespace sc::io {
namespace {

using json = nlohmann::json;

void readPlace(Checker &c, const json &j, const std::string &path, Place &place)
{
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"region", "lat", "lon"});
    if (j.contains("region")) {
        if (j.contains("lat") || j.contains("lon"))
            c.error(path, "give either \"region\" or \"lat\" and \"lon\", not both");
        if (auto s = c.string(j["region"], path + ".region", false)) {
            if (!findAwsRegion(*s))
                c.error(path + ".region", "unknown AWS region \"" + s->substr(0, 64) +
                                              "\" (known: " + awsRegionNames() + ")");
            place.region = *s;
        }
        return;
    }
    if (!j.contains("lat") || !j.contains("lon")) {
        c.error(path, "needs \"region\", or both \"lat\" and \"lon\"");
        return;
    }
    if (auto v = c.plainNumber(j["lat"], path + ".lat", -90, 90))
        place.lat = *v;
    if (auto v = c.plainNumber(j["lon"], path + ".lon", -180, 180))
        place.lon = *v;
}

void readPopulation(Checker &c, const json &j, const std::string &path, Population &p)
{
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"name", "share", "place"});
    // Named: the reports, the map and the inspector tell the populations apart by name.
    if (!j.contains("name"))
        c.error(path, "missing \"name\"");
    else if (auto s = c.string(j["name"], path + ".name", false))
        p.name = *s;
    if (!j.contains("share"))
        c.error(path, "missing \"share\"");
    else if (auto v = c.numberAbove(j["share"], path + ".share", 0, 1, ""))
        p.share = *v;
    if (!j.contains("place"))
        c.error(path, "missing \"place\"");
    else
        readPlace(c, j["place"], path + ".place", p.place);
}

bool inside(const Group &g, double x, double y)
{
    return x >= g.x && x <= g.x + g.width && y >= g.y && y <= g.y + g.height;
}

// The region of the zone that lists component `id` (empty: in no zone, or one in no region).
std::string regionOfZoneOf(const Design &design, const std::string &id)
{
    for (const Group &g : design.groups)
        if (g.kind == "zone" &&
            std::find(g.members.begin(), g.members.end(), id) != g.members.end())
            return g.region;
    return {};
}

// Groups written before members existed (`migrating`) take the components whose box centre
// lies inside. A component inside several of one kind, whose rectangles a format-1 canvas let
// overlap, goes to the smallest (QA: the file was refused, at a members path it does not have);
// none takes a component that a group of its kind lists itself.
void inferMembers(Design &design, const std::vector<char> &migrating)
{
    for (const char *kind : {"zone", "region"}) {
        std::set<std::string> listed;
        for (size_t i = 0; i < design.groups.size(); ++i)
            if (!migrating[i] && design.groups[i].kind == kind)
                listed.insert(design.groups[i].members.begin(), design.groups[i].members.end());
        for (const Component &c : design.components) {
            const double x = c.position.x + kComponentBoxWidth / 2,
                         y = c.position.y + kComponentBoxHeight / 2;
            // (In a zone that lies in a region: that region, or none — a region its zone does
            // not lie in would put it in two.)
            const std::string zoneRegion =
                kind == std::string_view("region") ? regionOfZoneOf(design, c.id) : std::string();
            Group *best = nullptr;
            for (size_t i = 0; i < design.groups.size(); ++i) {
                Group &g = design.groups[i];
                if (!migrating[i] || g.kind != kind || !inside(g, x, y) ||
                    (!zoneRegion.empty() && g.id != zoneRegion))
                    continue;
                if (!best || g.width * g.height < best->width * best->height)
                    best = &g;
            }
            if (best && !listed.count(c.id))
                best->members.push_back(c.id);
        }
    }
}

// Groups written before members existed: the region whose rectangle holds the zone, and the
// place a region's label names.
void migrateGroup(const Design &design, Group &g)
{
    if (g.kind == "region" && !g.place && findAwsRegion(g.label))
        g.place = Place{g.label, 0, 0};
    if (g.kind != "zone" || !g.region.empty())
        return;
    for (const Group &r : design.groups)
        if (r.kind == "region" && !r.id.empty() && inside(r, g.x, g.y) &&
            inside(r, g.x + g.width, g.y + g.height)) {
            g.region = r.id;
            return;
        }
}

std::string groupPath(const std::string &root, size_t i)
{
    return root + ".groups[" + std::to_string(i) + "]";
}

// Dangling members, a component listed in a second zone or region, and a component listed in
// a region other than the one its zone lies in.
void checkMembership(Checker &c, const Design &design, const std::string &root)
{
    std::map<std::string, size_t> in[2]; // zone, region: component id → group index
    for (size_t i = 0; i < design.groups.size(); ++i) {
        const Group &g = design.groups[i];
        const int k = g.kind == "zone" ? 0 : 1;
        for (size_t m = 0; m < g.members.size(); ++m) {
            const std::string mp = groupPath(root, i) + ".members[" + std::to_string(m) + "]";
            const std::string &id = g.members[m];
            if (!design.find(id)) {
                c.error(mp, "no component with id \"" + id + "\"");
                continue;
            }
            auto [it, fresh] = in[k].emplace(id, i);
            if (!fresh)
                c.error(mp, "component \"" + id + "\" is already in " + g.kind + " " +
                                groupPath(root, it->second) + "; a component is in at most one " +
                                g.kind);
        }
    }
    for (const auto &[id, zone] : in[0]) {
        auto r = in[1].find(id);
        const std::string &zoneRegion = design.groups[zone].region;
        const bool known = std::any_of(design.groups.begin(), design.groups.end(), [&](auto &g) {
            return g.kind == "region" && g.id == zoneRegion;
        });
        if (r != in[1].end() && known && design.groups[r->second].id != zoneRegion)
            c.error(groupPath(root, r->second) + ".members",
                    "component \"" + id + "\" is in zone " + groupPath(root, zone) +
                        ", which lies in region \"" + zoneRegion + "\", not in this one");
    }
}

} // namespace

void readPopulations(Checker &c, const json &j, Design &design, const std::string &root)
{
    const std::string path = root + ".populations";
    if (!c.expectArray(j, path))
        return;
    design.populations.resize(j.size());
    double sum = 0;
    const size_t before = c.issues.size() + c.unlisted;
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string at = path + "[" + std::to_string(i) + "]";
        readPopulation(c, j[i], at, design.populations[i]);
        sum += design.populations[i].share;
        const std::string &name = design.populations[i].name;
        for (size_t k = 0; k < i && !name.empty(); ++k)
            if (design.populations[k].name == name) {
                c.error(at + ".name", "duplicate name \"" + clipText(name) + "\" (also used by " +
                                          path + "[" + std::to_string(k) + "])");
                break;
            }
    }
    // The sum is checked only when every share could be read.
    if (!j.empty() && c.issues.size() + c.unlisted == before && std::abs(sum - 1) > 1e-6) {
        // To seven figures, past the 10⁻⁶ it is held to: 0.6 + 0.3 read "0.8999999999999999".
        char text[32];
        std::snprintf(text, sizeof text, "%.7g", sum);
        c.error(path, std::string("the shares sum to ") + text + "; they must sum to 1");
    }
}

void readGeography(Checker &c, const json &j, Geography &g, const std::string &root)
{
    const std::string path = root + ".geography";
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"routeFactor", "sameZoneRttMs", "crossZoneRttMs"});
    if (j.contains("routeFactor"))
        if (auto v = c.plainNumber(j["routeFactor"], path + ".routeFactor", 1, 5))
            g.routeFactor = *v;
    if (j.contains("sameZoneRttMs"))
        if (auto v = c.plainNumber(j["sameZoneRttMs"], path + ".sameZoneRttMs", 0, 1000))
            g.sameZoneRttMs = *v;
    if (j.contains("crossZoneRttMs"))
        if (auto v = c.plainNumber(j["crossZoneRttMs"], path + ".crossZoneRttMs", 0, 1000))
            g.crossZoneRttMs = *v;
}

void readGroupGeography(Checker &c, const json &j, const std::string &path, Group &g)
{
    if (j.contains("members") && c.expectArray(j["members"], path + ".members")) {
        const json &ms = j["members"];
        for (size_t i = 0; i < ms.size(); ++i) {
            const std::string p = path + ".members[" + std::to_string(i) + "]";
            if (auto s = c.string(ms[i], p, false))
                g.members.push_back(c.checkId(*s, p));
        }
    }
    // (A kind that is neither was refused by name: not again as "only a zone …"; QA.)
    const bool knownKind = g.kind == "zone" || g.kind == "region";
    if (j.contains("region")) {
        if (g.kind != "zone" && knownKind)
            c.error(path + ".region", "only a zone lies in a region");
        else if (auto s = c.string(j["region"], path + ".region", false))
            g.region = *s;
    }
    if (j.contains("place")) {
        if (g.kind != "region" && knownKind)
            c.error(path + ".place", "only a region has a place");
        g.place.emplace();
        readPlace(c, j["place"], path + ".place", *g.place);
    }
}

void resolveGroups(Checker &c, const json &groups, Design &design, const std::string &root)
{
    std::vector<char> migrating(design.groups.size(), 0);
    for (size_t i = 0; i < design.groups.size() && i < groups.size(); ++i)
        migrating[i] = groups[i].is_object() && !groups[i].contains("members");
    for (size_t i = 0; i < design.groups.size(); ++i)
        if (migrating[i])
            migrateGroup(design, design.groups[i]);
    inferMembers(design, migrating);
    std::set<std::string> regions;
    for (const Group &g : design.groups)
        if (g.kind == "region" && !g.id.empty())
            regions.insert(g.id);
    for (size_t i = 0; i < design.groups.size(); ++i) {
        const Group &g = design.groups[i];
        if (!g.region.empty() && !regions.count(g.region))
            c.error(groupPath(root, i) + ".region",
                    "no region group with id \"" + clipText(g.region) + "\"");
    }
    checkMembership(c, design, root);
}

} // namespace sc::io
