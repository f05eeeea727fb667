#pragma once

// The semantic difference between two designs (DESIGN.md "Variants and comparison"): what a
// lesson's next step highlights and what `scalecanvas diff` will print. Components, connections
// and groups are matched by identity (an id; a connection by its two ends), not by position in
// the file, so reordering a file changes nothing here.

#include "core/model/design.h"

#include <optional>
#include <string>
#include <vector>

namespace sc {

// One value that differs, as text in the file's terms: numbers as %.10g ("0.9", "2"), flags as
// "true"/"false", enums and instance types as their names. A parameter a component does not set
// counts as its default, so setting a parameter to its default is no change.
struct ValueChange {
    std::string name; // "instances", "autoscale.max", "autoscale" (on/off), "users"
    std::string a, b;
    bool operator==(const ValueChange &) const = default;
};

// A value's change as people read it, the parameter named as the inspector names it: "Multi AZ
// on → off", "Pricing on-demand → spot", "Service time 5 ms → 10 ms", "Auto-scaling max 10 → 20",
// "Kind App server → Workers", "Label Web API → Web API EU" (the file's keys, "multiAz true →
// false", read as code; review).
std::string valueChangeText(const ValueChange &change);

// A component present in both designs (same id) that differs.
struct ComponentChange {
    std::string id;
    bool kindChanged = false;
    Kind kindA = Kind::AppServer, kindB = Kind::AppServer;
    bool labelChanged = false;
    std::string labelA, labelB;
    bool moved = false; // its position differs: layout only, apart from the parameters
    Point positionA, positionB;
    // Parameters in the table of both kinds, then the autoscale block (fields "autoscale.min",
    // or "autoscale" "off"/"on" when only one side auto-scales).
    std::vector<ValueChange> params;
    // A change beyond layout: kind, label or a parameter.
    bool changedBeyondLayout() const { return kindChanged || labelChanged || !params.empty(); }
};

// A connection matched by (from, to) whose weight or classes differ.
struct ConnectionChange {
    Connection a, b;
};

// A population matched by name (an added one has no `a`, a removed one no `b`).
struct PopulationChange {
    std::string name;
    std::optional<Population> a, b;
};

struct DesignDiff {
    std::vector<std::string> componentsAdded;       // ids in b, not in a (in b's order)
    std::vector<std::string> componentsRemoved;     // ids in a, not in b (in a's order)
    std::vector<ComponentChange> componentsChanged; // in b's order
    std::vector<Connection> connectionsAdded;       // (from, to) in b, not in a
    std::vector<Connection> connectionsRemoved;     // (from, to) in a, not in b
    std::vector<ConnectionChange> connectionsChanged;
    std::vector<std::string> groupsAdded; // ids (a group without an id: "kind:label")
    std::vector<std::string> groupsRemoved;
    std::vector<std::string> groupsChanged; // same id; label, members, place or box differ
    std::vector<std::pair<Group, Group>> groupChanges; // groupsChanged's a and b, in its order
    std::vector<ValueChange> traffic;                  // traffic fields that differ
    // Populations added, removed or changed (share, place), in b's order then a's removed;
    // the geography's constants that differ ("routeFactor", "sameZoneRttMs", "crossZoneRttMs").
    std::vector<PopulationChange> populations;
    std::vector<ValueChange> geography;
    bool empty() const;
};

// What changed from design `a` to design `b` (b is the newer: "added" means in b only). Only the
// designs themselves are compared (their components, connections, groups, traffic, populations
// and geography): not their name, description, slo, scenarios, variants, lesson or notes.
DesignDiff diffDesigns(const Design &a, const Design &b);
// How the diff names a group: its id, or "kind:label" for one without.
std::string groupKey(const Group &g);
// Two places alike: the same region, or (neither a region) the same coordinates.
bool samePlace(const Place &a, const Place &b);

} // namespace sc
