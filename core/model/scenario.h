#pragma once

// A scenario: a stretch of time a design is simulated over (DESIGN.md "Time: scenarios and
// simulation"): a traffic shape, spikes, scheduled minimums and timed failures.

#include <optional>
#include <string>
#include <vector>

namespace sc {

// Traffic multiplied by `multiplier` from `atS`: it ramps up linearly over `rampS`, holds for
// `holdS` and ramps back down over `rampS`.
struct Spike {
    double atS = 0;
    double multiplier = 10;
    double rampS = 30;
    double holdS = 600;
    bool operator==(const Spike &) const = default;

    // Its factor on the traffic at t seconds: 0 → multiplier − 1 above 1 up the ramp, held, back
    // down; 1 outside [atS, atS + 2·rampS + holdS) (a step at the end stands for the time after
    // the spike). The simulation's traffic and the file's check of spikes together both read it.
    double factorAt(double t) const
    {
        const double into = t - atS;
        if (into < 0 || into >= 2 * rampS + holdS)
            return 1;
        double level = 1; // 0 → 1 up the ramp, 1 while held, 1 → 0 down the ramp
        if (into < rampS)
            level = rampS > 0 ? into / rampS : 1;
        else if (into > rampS + holdS)
            level = rampS > 0 ? 1 - (into - rampS - holdS) / rampS : 0;
        return 1 + (multiplier - 1) * level;
    }
};

// Fail or restore a component, or `instances` of its instances (0: the whole component); or,
// with `group` set (the id of a zone or region group; `component` then empty), every component
// in that group — a region's also those of its zones. An event at a negative time (never in a
// file: the timeline's live failures) happened before the run: its balancers' checks and a
// Multi-AZ database's failover count from then.
struct ScenarioEvent {
    enum class Action { Fail, Restore };
    double atS = 0;
    Action action = Action::Fail;
    std::string component;
    int instances = 0;
    std::string group;
    bool operator==(const ScenarioEvent &) const = default;
};

// From `atS`, auto-scaled `component` keeps at least `min` instances (a scheduled action).
struct ScheduledMinimum {
    double atS = 0;
    std::string component;
    int min = 1;
    bool operator==(const ScheduledMinimum &) const = default;
};

struct Scenario {
    enum class Shape { Day, Flat };
    std::string name;
    std::string description;
    double durationS = 86400;
    double stepS = 10;
    Shape shape = Shape::Day;
    std::optional<double> users; // daily active users; unset: the design's
    double startHour = 0;        // the clock time at t = 0 (the day profile's hour)
    // Multi-day runs: day d's traffic is the day shape × dayMultipliers[d] (missing days: 1).
    std::vector<double> dayMultipliers;
    std::vector<Spike> spikes;
    std::vector<ScenarioEvent> events;
    std::vector<ScheduledMinimum> schedules;
    double timeoutS = 30;  // a request waiting longer fails
    double failoverS = 90; // a Multi-AZ database's standby takes over after this long
    // A load balancer stops sending to a failed component after this long (health checks:
    // interval × unhealthy threshold, ALB's 30 s × 2).
    double detectionS = 60;
    bool noCooldown = false; // every auto-scaled tier runs with cooldown 0 (the "flapping" case)
    bool operator==(const Scenario &) const = default;
};

} // namespace sc
