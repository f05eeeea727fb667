#pragma once

// Option A against option B (DESIGN.md "Variants and comparison"): two designs evaluated at the
// same users, their headline figures side by side with B − A, what changed between them, and a
// sentence that says it. `scalecanvas diff`, the compare view and the comparison report all read
// this; none computes a figure of its own.

#include "core/analysis/designdiff.h"
#include "core/analysis/model.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sc {

// One option's headline figures at the compared users, each exactly as `evaluate` reports it
// (the JSON key in the comment).
struct OptionFigures {
    std::string name;                     // as the caller names it: a design's name, a variant's
    double users = 0;                     // users
    double monthlyCostUsd = 0;            // monthlyCostUsd
    std::optional<double> costPerUserUsd; // costPerUserUsd (unset at 0 users)
    std::optional<double> p50Ms, p99Ms;   // latencyMs.p50/p99 (unset: a station on the path is
                                          // overloaded, or no dynamic request is served)
    // No request is served (no latency, and no station overloaded: every route dead-ends, or
    // there are no clients), as `evaluate` says "latency: none (no dynamic request is served)".
    bool servesNothing = false;
    std::optional<double> maxUsers;      // maxUsers: the saturation wall (unset: none)
    std::optional<double> sloMaxUsers;   // sloMaxUsers: the latency wall at the design's p99
    double availability = 1;             // availability
    double errorRatePeak = 0;            // errorRatePeak
    std::vector<std::string> spofs;      // spofs (component ids)
    std::vector<std::string> spofLabels; // their labels (the id when a component has none)
    std::string bottleneck;              // bottleneck (id; empty when nothing carries load)
    std::string bottleneckLabel;
    double bottleneckUtilization = 0;                      // its ρ (0 when there is none)
    std::vector<Warning> warnings;                         // warnings, as the advisor lists them
    int errorCount = 0, warningCount = 0, adviceCount = 0; // warningCounts
    // Per population (evaluate's populations[]), in the design's order: where the users are
    // decides what a multi-region option is for (QA: a CDN that took Europe's page from 2.0 s to
    // 0.69 s read "worse" in every row).
    struct Population {
        std::string name;
        double share = 0;
        std::optional<double> p99Ms, pageMs; // unset: overloaded, or nothing served
        double fetchesFailing = 0; // its static fetches' share that fails (pageMs unset then)
    };
    std::vector<Population> populations;
};

// The population of `f` named `name` (null: none).
const OptionFigures::Population *populationOf(const OptionFigures &f, const std::string &name);

// The figures of `model` at `users`, named `name`. The model must have no errors.
OptionFigures optionFigures(const Model &model, const std::string &name, double users);

// A row of the delta table: what both options show and how B compares with A.
struct DeltaRow {
    std::string key;   // the JSON key ("monthlyCostUsd", "p99Ms", "spofs", …)
    std::string label; // "Monthly cost"
    std::optional<double> a, b;
    std::optional<double> delta; // b − a; unset when either is
    bool lowerIsBetter = true;
    // +1 B is better, −1 B is worse, 0 the same (or not comparable: either side unset, where
    // an unset wall means "none" and is the better one).
    int verdict = 0;
    std::string textA, textB, textDelta; // as people read them: "$1,240", "+$1,240", "4.6×"
};

// A warning present in one option and not the other (matched by code and component).
struct WarningChange {
    Warning warning;
    bool added = false; // in B only (else in A only)
};

struct Comparison {
    double users = 0;
    OptionFigures a, b;
    DesignDiff diff; // components, connections, groups, traffic: what B changes from A
    std::vector<DeltaRow> rows;
    std::vector<WarningChange> warningChanges;
    // The objectives that differ (the latency wall is the p99's: a wall that moved with no
    // change to the design says why).
    struct ObjectiveChange {
        std::string key;            // slo's: "p99Ms", "availability", "monthlyBudgetUsd"
        std::optional<double> a, b; // unset: no budget
        std::string text;           // "p99 objective 300 ms → 500 ms"
    };
    std::vector<ObjectiveChange> objectives;
};

// Evaluates both at `users` and fills every part. Both models must have no errors.
Comparison compareOptions(const Model &a, const std::string &nameA, const Model &b,
                          const std::string &nameB, double users);

// The rows of the delta table, B − A: cost, cost per user, p50, p99, per population its page
// time (key "pageMs@NAME"; A's populations, then those B adds), the two walls, availability,
// the peak's failing share, SPOFs and errors plus warnings. A difference within
// 1e-9 of the figures (rounding noise) reads "0", neither better nor worse (delta stays b − a).
std::vector<DeltaRow> deltaRows(const OptionFigures &a, const OptionFigures &b);

// The connections, groups and traffic B changes, a line each, as the text, the Markdown and the
// comparison report list them ("Added connection app → cache", "Traffic: KB per request 10 →
// 20"); with `code`, Markdown (ids as code spans, text escaped as a cell's), else plain with
// the controls in design text made visible.
std::vector<std::string> otherChanges(const DesignDiff &d, bool code);
// The row of `rows` with `key`; nullptr when there is none.
const DeltaRow *findRow(const Comparison &c, const std::string &key);

// One paragraph from the numbers: "Horizontal costs $1,240 more a month than Vertical, carries
// 4.6× the users before its wall and removes the single point of failure at App." Names longer
// than 24 characters (UTF-8 bytes) read as "A" and "B".
std::string comparisonSummary(const Comparison &c);

// `scalecanvas diff` (docs/cli.md "diff"): JSON {users, a{…}, b{…}, delta{…}, components{…}};
// text for a terminal; Markdown for a pull request or a decision record (a table, no paths).
nlohmann::ordered_json comparisonToJson(const Comparison &c);
std::string comparisonToText(const Comparison &c);
std::string comparisonToMarkdown(const Comparison &c);

// How an option grows (the compare view's and the report's overlaid charts): figures at
// `points` users spaced evenly in log from kMinUsers to kMaxUsers. p99 is NaN where a station
// on the path is overloaded; availability counts overload as a loss.
struct Growth {
    std::vector<double> users, monthlyCostUsd, p99Ms, bottleneckUtilization, availability;
};
Growth growthOf(const Model &model, int points);

// A scenario run of one option (the compare view's "both runs of the same scenario"): per step
// of Model::simulate its time, demand, served and failed req/s and p99 (NaN when unset), and the
// run's summary.
struct ScenarioRun {
    std::vector<double> t, demandRps, servedRps, errorRps, p99Ms;
    SimulationSummary summary;
};
ScenarioRun runScenario(const Model &model, const Scenario &scenario);

} // namespace sc
