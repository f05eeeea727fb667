#pragma once

// Internal to core/io: reading the geography keys of a design (docs/file-format.md
// "Geography"): design.populations, design.geography and the groups' members, region and place,
// with the migration of groups written without members.

#include "core/io/internal/checker.h"
#include "core/model/design.h"

#include <nlohmann/json.hpp>

#include <string>

namespace sc::io {

// `root` is the JSON path of the design object ("design", or "variants[2].design").
void readPopulations(Checker &checker, const nlohmann::json &j, Design &design,
                     const std::string &root);
void readGeography(Checker &checker, const nlohmann::json &j, Geography &g,
                   const std::string &root);
// A group's "members", "region" and "place" keys (types and ranges; ids are checked later).
void readGroupGeography(Checker &checker, const nlohmann::json &j, const std::string &path,
                        Group &g);
// After the groups are read: dangling ids, a component in two zones or two regions, a zone in a
// region it is not inside; and the migration of groups that have no "members" key.
void resolveGroups(Checker &checker, const nlohmann::json &groups, Design &design,
                   const std::string &root);

} // namespace sc::io
