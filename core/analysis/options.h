#pragma once

#include "core/analysis/model.h"

#include <vector>

namespace sc {

// One way to give a compute tier a capacity: `count` instances of `type`.
struct ScaleOption {
    const InstanceType *type = nullptr;
    int count = 1;          // instances; shards (primaries) for a database
    double capacityRps = 0; // req/s at the component's current request mix
    // The instance line as the model bills it (USD/month): count × hourly price × hours per
    // month × pricing factor, × the Multi-AZ factor for a Multi-AZ database; an auto-scaled
    // tier at reserved pricing reserves its minimum (at most the count), the rest on demand.
    double monthlyUsd = 0;
};

// Scale out or scale up (reference/scaling-facts.md, "vertical vs horizontal").
struct ScaleOptions {
    bool valid = false; // false: not a compute tier with a known instance type, or model errors
    // N × the current type, N = 1, 2, …, until the capacity reaches `reachRps` (at most
    // kMaxHorizontal). For a database N counts shards: capacity × N ÷ shardSkew beyond one.
    std::vector<ScaleOption> horizontal;
    // One instance of the same service with at least the current vCPUs: the price frontier
    // (for each capacity the cheapest type that reaches it), in rising capacity and price.
    std::vector<ScaleOption> vertical;
    double reachRps = 0; // capacity the horizontal series covers
    // Index in `horizontal` of the fewest current-type instances that match the biggest
    // vertical option (the last index when none does); -1 without vertical options.
    int matchingHorizontal = -1;
    static constexpr int kMaxHorizontal = 1000;
};

// The vertical-vs-horizontal options of component `i`, priced with its pricing model (and
// Multi-AZ factor); capacities follow the model's USL curve (capacity = speedup(cores) × the
// per-core rate at the current mix), so at its current count the horizontal series shows the
// model's own capacity and instance bill.
ScaleOptions scaleOptions(const Model &model, int i);

// How far the peak can grow before the first station saturates: 1 ÷ the highest utilization;
// overloaded at or past the wall (Evaluation::maxUsers), where a station saturates at full load
// even when a pool upstream refuses the excess first and keeps its ρ below 1.
struct Headroom {
    bool known = false;      // false: no station carries load (or no evaluation)
    bool overloaded = false; // some station is at or above saturation, or the users at the wall
    double factor = 0;       // 1 ÷ highest ρ (> 1) when known and not overloaded
};
Headroom headroomOf(const Evaluation &ev);

} // namespace sc
