// `scalecanvas simulate`: a scenario run in time (issue 16), its rows as CSV or JSON, and the
// notes on stderr about what the run will not show.

#include "clicommon.h"

#include "core/analysis/report.h"
#include "core/analysis/scenarios.h"
#include "core/io/format.h"
#include "core/io/textescape.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>

namespace sccli {
namespace {

// Ten significant digits; a figure that does not exist (a component down has no utilization)
// is an empty cell, as in the JSON's null.
std::string number(double v)
{
    if (!std::isfinite(v))
        return {};
    char out[32];
    std::snprintf(out, sizeof out, "%.10g", v);
    return out;
}

// One row of the CSV: the headline columns, then per component its instances, ρ and backlog.
// A step's rate is the traffic's mean over it: a spike (up its ramp, held, down its ramp)
// shorter than the step is averaged away (at --step 1200 the viral spike fails nothing). Said on
// stderr, not refused: a long step is a fair way to look at a long run. A step of half the hold
// or less has a whole step inside it, wherever the steps fall; where the ramps are longer than
// the hold they make the spike, and a step of half a ramp shows most of its rise (it advised
// "1 s or less" for a spike of 100 s ramps that a 10 s step shows at 96%; QA).
void noteSpikesAveragedAway(const sc::Scenario &scenario)
{
    for (const sc::Spike &spike : scenario.spikes) {
        const double span = 2 * spike.rampS + spike.holdS;
        if (span >= scenario.stepS || spike.atS >= scenario.durationS)
            continue;
        // The steps are whole seconds, 1 s the least: a spike shorter than that has no step
        // that shows it (QA: at --step 1 a spike of 0.8 s was told "a step of 1 s or less").
        constexpr double kLeastStep = 1;
        const double shows =
            std::max(kLeastStep, std::floor(std::max(spike.holdS, spike.rampS) / 2));
        char advice[120];
        if (span >= kLeastStep) // then shows < the step (at most half the span, or 1 s)
            std::snprintf(advice, sizeof advice, "a step of %g s or less shows it", shows);
        else
            std::snprintf(advice, sizeof advice,
                          "no step shows it: it is shorter than the least step, %g s", kLeastStep);
        char buf[500];
        std::snprintf(buf, sizeof buf,
                      "scalecanvas: simulate: note: the step (%g s) is longer than the spike at "
                      "%g s (%g s up, %g s held, %g s down): each step's rate is the mean over it, "
                      "so the spike's peak is averaged away; %s\n",
                      scenario.stepS, spike.atS, spike.rampS, spike.holdS, spike.rampS, advice);
        std::cerr << buf;
    }
}

// A restore that no failure before it (or at its time, earlier in the list) covers changes
// nothing: said on stderr with its path, and the run goes on (QA: such events were taken in
// silence). (In the editor a failure made by hand before the run starts may be what it restores.)
void noteRestoresOfNothing(const std::string &path, const sc::Design &design,
                           const sc::Scenario &scenario)
{
    const auto own = std::find_if(design.scenarios.begin(), design.scenarios.end(),
                                  [&](const sc::Scenario &s) { return s.name == scenario.name; });
    if (own == design.scenarios.end())
        return; // a built-in one
    const std::vector<sc::ScenarioEvent> &events = scenario.events;
    for (size_t j = 0; j < events.size(); ++j) {
        const sc::ScenarioEvent &e = events[j];
        if (e.action != sc::ScenarioEvent::Action::Restore)
            continue;
        const std::vector<int> restored = sc::eventComponents(design, e);
        bool undoes = false;
        for (size_t k = 0; k < events.size() && !undoes; ++k) {
            const sc::ScenarioEvent &f = events[k];
            if (f.action != sc::ScenarioEvent::Action::Fail ||
                !(f.atS < e.atS || (f.atS == e.atS && k < j)))
                continue;
            for (const int i : sc::eventComponents(design, f))
                undoes = undoes || std::find(restored.begin(), restored.end(), i) != restored.end();
        }
        if (undoes)
            continue;
        char at[32];
        std::snprintf(at, sizeof at, "%g", e.atS);
        errorLine(path + ": note: scenarios[" + std::to_string(own - design.scenarios.begin()) +
                  "].events[" + std::to_string(j) + "]: restores " +
                  sc::visibleControls(e.group.empty() ? e.component : e.group) + " at " + at +
                  " s, where no failure before it took any of it down: it changes nothing");
    }
}

void simulationCsvRow(const sc::Model &model, const sc::SimulationStep &s)
{
    std::string row = number(s.t) + "," + number(s.demandRps) + "," + number(s.servedRps) + "," +
                      number(s.errorRps) + "," + (s.p99Ms ? number(*s.p99Ms) : "") + "," +
                      number(s.costUsd);
    const size_t n = model.design().components.size();
    for (const std::vector<double> *column : {&s.instances, &s.utilization, &s.backlog})
        for (size_t i = 0; i < n; ++i)
            row += "," + number((*column)[size_t(model.lumpOf(int(i)))]);
    std::cout << row << "\r\n";
}

nlohmann::ordered_json simulationJsonRow(const sc::Model &model, const sc::SimulationStep &s)
{
    nlohmann::ordered_json row = {{"t", s.t},
                                  {"demandRps", s.demandRps},
                                  {"servedRps", s.servedRps},
                                  {"errorRps", s.errorRps},
                                  {"p99Ms", s.p99Ms ? nlohmann::ordered_json(*s.p99Ms) : nullptr},
                                  {"costUsd", s.costUsd}};
    nlohmann::ordered_json inst = nlohmann::ordered_json::object(), util = inst, backlog = inst;
    const auto &comps = model.design().components;
    for (size_t i = 0; i < comps.size(); ++i) {
        const size_t l = size_t(model.lumpOf(int(i)));
        inst[comps[i].id] = s.instances[l];
        util[comps[i].id] =
            std::isfinite(s.utilization[l]) ? nlohmann::ordered_json(s.utilization[l]) : nullptr;
        backlog[comps[i].id] = s.backlog[l];
    }
    row["instances"] = inst;
    row["utilization"] = util;
    row["backlog"] = backlog;
    return row;
}

std::optional<uint64_t> seedOption(const Args &a, std::string &error)
{
    constexpr uint64_t kMaxSeed = uint64_t(1) << 53;
    const auto it = a.options.find("seed");
    if (it == a.options.end())
        return 1;
    const std::string &text = it->second;
    uint64_t seed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || seed > kMaxSeed) {
        error = "--seed must be a whole number from 0 to " + std::to_string(kMaxSeed) +
                " (2^53), got \"" + text + "\"";
        return std::nullopt;
    }
    return seed;
}

} // namespace

int cmdSimulate(const Args &a)
{
    std::string error, path;
    if (!checkOptions(a, {"catalog", "scenario", "step", "format", "des", "seed"}, error))
        return usageError(error);
    const bool des = a.options.count("des") > 0;
    if (a.options.count("seed") && !des)
        return usageError("--seed: only with --des");
    const std::optional<uint64_t> seed = seedOption(a, error);
    if (!seed)
        return usageError(error);
    if (int rc = needFile(a, path))
        return rc;
    const std::optional<std::string> chosen = formatOption(a, "csv", "json", error);
    if (!chosen)
        return usageError(error);
    const std::string &format = *chosen;
    auto step = numberOption(a, "step", 10, 1, 3600, error);
    if (!step)
        return usageError(error);
    Loaded loaded;
    if (!loadWithCatalog(a, path, loaded))
        return kInvalid;
    // Without --scenario: the file's first scenario (a variant's too: the file's), or a day.
    const sc::Design &design = loaded.model->design();
    const std::vector<sc::Scenario> &files =
        loaded.file && design.scenarios.empty() ? loaded.file->scenarios : design.scenarios;
    const bool named = a.options.count("scenario") > 0;
    const std::string name = named           ? a.options.at("scenario")
                             : files.empty() ? "a day"
                                             : files.front().name;
    // A variant runs the file's scenarios too, as the editor's timeline runs them on it (QA: a
    // run shown on a variant could not be had headless), where what they name is in it. One the
    // variant cannot run is refused when asked for; as the default (the file's first), the first
    // it can run plays instead, as the editor's timeline shows it, and stderr says so (CLI QA:
    // the variant ran "a day", saying nothing).
    std::optional<sc::Scenario> scenario;
    const auto it = std::find_if(files.begin(), files.end(),
                                 [&name](const sc::Scenario &s) { return s.name == name; });
    if (it != files.end()) {
        if (std::string missing = sc::namedButAbsent(*it, design); missing.empty()) {
            scenario = *it;
        } else if (named) {
            return usageError("--scenario: \"" + name + "\" names " + missing +
                              ", which this variant does not have");
        } else {
            // In the timeline's order: the file's own that runs there, else "a day" (a file's
            // scenario may not take a built-in one's name).
            const auto runs = std::find_if(files.begin(), files.end(), [&design](const auto &s) {
                return sc::namedButAbsent(s, design).empty();
            });
            scenario =
                runs != files.end() ? std::optional(*runs) : sc::findScenario(design, "a day");
            if (scenario) // ("a day" runs on every design)
                errorLine(path + ": note: the file's first scenario, \"" + name + "\", names " +
                          missing + ", which this variant does not have: running \"" +
                          scenario->name +
                          "\", as the editor's timeline does (--scenario chooses)");
        }
    }
    if (!scenario)
        scenario = sc::findScenario(design, name);
    if (!scenario) {
        // The file's own first, those the variant can run, then the built-in ones (the file's
        // came last, and one refused here was listed; CLI QA).
        std::vector<std::string> names;
        for (const sc::Scenario &s : files)
            if (sc::namedButAbsent(s, design).empty())
                names.push_back(s.name);
        for (std::string &n : sc::scenarioNames(design))
            if (std::find(names.begin(), names.end(), n) == names.end())
                names.push_back(std::move(n));
        std::string listed;
        for (const std::string &n : names)
            listed += (listed.empty() ? "\"" : ", \"") + n + "\"";
        return usageError("--scenario: no scenario \"" + name + "\" (this design has " + listed +
                          ")");
    }
    if (a.options.count("step")) {
        if (*step > scenario->durationS) {
            char buf[160];
            std::snprintf(buf, sizeof buf,
                          "--step: the step (%g s) is longer than the scenario (%g s)", *step,
                          scenario->durationS);
            return usageError(buf);
        }
        scenario->stepS = *step;
    }
    noteSpikesAveragedAway(*scenario);
    noteRestoresOfNothing(path, design, *scenario);
    // The rows are per lump: the components its events fail are kept out of lumps here, so the
    // columns read the model the run uses.
    std::vector<std::string> apart;
    for (const sc::ScenarioEvent &e : scenario->events)
        for (const int i : sc::eventComponents(design, e))
            apart.push_back(design.components[size_t(i)].id);
    std::optional<sc::Model> own;
    if (!apart.empty())
        own.emplace(design, loaded.model->catalog(), apart);
    const sc::Model &model = own ? *own : *loaded.model;
    // The discrete-event mode runs before the first row: a design too large is refused first.
    std::vector<sc::SimulationStep> desRows;
    sc::SimulationSummary desSum;
    if (des) {
        desSum = model.simulateDiscrete(
            *scenario, *seed, [&desRows](const sc::SimulationStep &s) { desRows.push_back(s); },
            &error);
        if (!error.empty())
            return usageError("--des: " + error);
    }
    const auto &comps = model.design().components;
    if (format == "csv") {
        std::string header = "t,demandRps,servedRps,errorRps,p99Ms,costUsd";
        for (const char *prefix : {"instances:", "util:", "backlog:"})
            for (const sc::Component &c : comps)
                header += "," + sc::csvField(prefix + sc::visibleControls(c.id));
        std::cout << header << "\r\n";
    } else {
        std::cout << "{\n  \"scenario\": "
                  << sc::escapeJsonControls(nlohmann::ordered_json(scenario->name).dump())
                  << ",\n  \"series\": [";
    }
    // The rows' keys are the component ids: escaped as every JSON output escapes design text
    // (review: C1, the bidirectional controls and U+2028 went out raw here), the scan only where
    // an id needs it (a month at 1 s steps is two gigabytes of rows).
    const bool idsNeedEscapes = std::any_of(comps.begin(), comps.end(), [](const sc::Component &c) {
        const std::string key = nlohmann::ordered_json(c.id).dump();
        return sc::escapeJsonControls(key) != key;
    });
    bool first = true;
    auto row = [&](const sc::SimulationStep &s) {
        if (format == "csv") {
            simulationCsvRow(model, s);
            return;
        }
        std::string text = simulationJsonRow(model, s).dump(
            -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        if (idsNeedEscapes)
            text = sc::escapeJsonControls(std::move(text));
        std::cout << (first ? "\n    " : ",\n    ") << text;
        first = false;
    };
    for (const sc::SimulationStep &s : desRows)
        row(s);
    const sc::SimulationSummary sum = des ? desSum : model.simulate(*scenario, row);
    if (format == "json") {
        nlohmann::ordered_json most = nlohmann::ordered_json::object();
        for (const auto &[id, n] : sum.maxInstances)
            most[id] = n;
        const nlohmann::ordered_json summary = {
            {"requests", sum.requests},   {"failedRequests", sum.failedRequests},
            {"errorRate", sum.errorRate}, {"sloViolationSeconds", sum.sloViolationSeconds},
            {"maxInstances", most},       {"costUsd", sum.costUsd}};
        std::cout << "\n  ],\n  \"summary\": "
                  << sc::escapeJsonControls(summary.dump(
                         -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
                  << "\n}\n";
    }
    std::cout.flush();
    if (!std::cout)
        return writeError("standard output");
    return kOk;
}

} // namespace sccli
