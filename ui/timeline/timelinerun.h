#pragma once

// One simulated run of a scenario as the timeline shows it (issue 16): the steps and summary
// Model::simulate returned, kept whole so that playback only moves a cursor through them.

#include "core/analysis/model.h"
#include "core/model/scenario.h"

#include <QString>

#include <memory>
#include <vector>

namespace scui {

struct TimelineRun {
    sc::Scenario scenario; // the run's own copy (events fired by hand included)
    double users = 0;      // the users it ran at: the scenario's, else its design's
    std::vector<sc::SimulationStep> steps;
    sc::SimulationSummary summary;
    std::vector<int> lumpOf;     // component index (design order) → index into a step's per-lump
    std::vector<int> autoscaled; // the auto-scaled components (design order)

    // The step at or before `t` seconds (clamped to the run).
    int stepAt(double t) const;
    // Step `s`'s clock time: "09:46", or "day 2, 09:46" in a run past its first day.
    QString clockAt(int s) const;
    // Component `i`'s figure in step `s` of a per-lump vector (`of` is a member pointer).
    double at(int s, int i, std::vector<double> sc::SimulationStep::*of) const
    {
        return (steps[size_t(s)].*of)[size_t(lumpOf[size_t(i)])];
    }
};

// Simulates `scenario` on the design of `model` (a model of it that keeps every component an
// event names out of lumps, so each fails alone). Null when the design has errors.
std::shared_ptr<const TimelineRun> runTimeline(const sc::Model &model, sc::Scenario scenario);

// A run's summary in a line, against the design's objective `slo`: "12 failed requests (0.01%) ·
// 3 min outside the objective (p99 ≤ 500 ms, ≥ 99.90% served) · run cost $1,003" (the timeline's
// and the handout's).
QString runSummaryText(const sc::SimulationSummary &summary, const sc::Slo &slo);
// The users a run is at, whatever the slider views: "at the design's 1M users", or the
// scenario's when it sets them (`scenarioUsers`).
QString runUsersText(double users, bool scenarioUsers);
// A step's share of the clients' dynamic requests failing: "12% failing", ">99% failing",
// "none failing" (the presentation strip and an exported diagram's header of a moment).
QString failingNowText(const sc::SimulationStep &step);

} // namespace scui
