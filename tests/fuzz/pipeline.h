#pragma once

// The loader pipeline the fuzz target drives and tests/reliability replays without sanitizers:
// parse → validate → build the model → evaluate (+ a short sweep) → save → reload → equal →
// save again byte-identical. Core only (no Qt), header-only so both builds share it.

#include "core/analysis/model.h"
#include "core/analysis/report.h"
#include "core/io/format.h"

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace sc::reliability {

// Names of the figures of an evaluation that are NaN or infinite. Figures the model documents
// as meaningless when a station is overloaded (its latency, concurrency) or when the path is
// overloaded (latency summaries with valid == false) are skipped.
inline std::vector<std::string> nonFiniteFigures(const Evaluation &ev)
{
    std::vector<std::string> bad;
    auto check = [&bad](double v, const std::string &name) {
        if (!std::isfinite(v))
            bad.push_back(name + "=" + std::to_string(v));
    };
    auto checkLatency = [&](const LatencySummary &l, const std::string &name) {
        if (!l.valid)
            return;
        check(l.mean, name + ".mean");
        check(l.p50, name + ".p50");
        check(l.p95, name + ".p95");
        check(l.p99, name + ".p99");
    };
    check(ev.users, "users");
    check(ev.demand.averageRps, "demand.averageRps");
    check(ev.demand.peakRps, "demand.peakRps");
    check(ev.demand.readRps, "demand.readRps");
    check(ev.demand.writeRps, "demand.writeRps");
    check(ev.demand.staticRps, "demand.staticRps");
    check(ev.demand.jobRps, "demand.jobRps");
    for (const ComponentResult &r : ev.components) {
        const std::string p = "components[" + r.id + "].";
        check(r.instances, p + "instances");
        for (size_t k = 0; k < r.arrivals.size(); ++k)
            check(r.arrivals[k], p + "arrivals[" + std::to_string(k) + "]");
        check(r.arrivalRps, p + "arrivalRps");
        check(r.capacityRps, p + "capacityRps");
        check(r.utilization, p + "utilization");
        if (!r.overloaded) {
            check(r.meanLatencyMs, p + "meanLatencyMs");
            check(r.concurrency, p + "concurrency");
            check(r.connectionsBusy, p + "connectionsBusy");
        }
        check(r.monthlyCostUsd, p + "monthlyCostUsd");
        check(r.availability, p + "availability");
        // Unbounded (+inf, printed as null/"unbounded") when a station downstream is overloaded.
        if (!(r.threadsBusyPerInstance == INFINITY))
            check(r.threadsBusyPerInstance, p + "threadsBusyPerInstance");
        check(r.connectionsOpened, p + "connectionsOpened");
    }
    checkLatency(ev.latency, "latency");
    for (size_t k = 0; k < ev.latencyByClass.size(); ++k)
        checkLatency(ev.latencyByClass[k], "latencyByClass[" + std::to_string(k) + "]");
    if (ev.maxUsers)
        check(*ev.maxUsers, "maxUsers");
    if (ev.scalingCeilingUsers)
        check(*ev.scalingCeilingUsers, "scalingCeilingUsers");
    check(ev.availability, "availability");
    check(ev.monthlyCostUsd, "monthlyCostUsd");
    check(ev.costPerUserUsd, "costPerUserUsd");
    for (const CostItem &c : ev.costItems)
        check(c.monthlyUsd, "costItems[" + c.componentId + " " + c.item + "]");
    return bad;
}

inline std::vector<std::string> nonFiniteFigures(const Sweep &sweep)
{
    std::vector<std::string> bad;
    auto check = [&bad](double v, const std::string &name) {
        if (!std::isfinite(v))
            bad.push_back(name + "=" + std::to_string(v));
    };
    for (size_t i = 0; i < sweep.points.size(); ++i) {
        const SweepPoint &p = sweep.points[i];
        const std::string n = "points[" + std::to_string(i) + "].";
        check(p.users, n + "users");
        check(p.demandRps, n + "demandRps");
        check(p.capacityRps, n + "capacityRps");
        check(p.monthlyCostUsd, n + "monthlyCostUsd");
        check(p.costPerUserUsd, n + "costPerUserUsd");
        for (size_t k = 0; k < p.utilization.size(); ++k)
            check(p.utilization[k], n + "utilization[" + std::to_string(k) + "]");
        for (size_t k = 0; k < p.instances.size(); ++k)
            check(p.instances[k], n + "instances[" + std::to_string(k) + "]");
        if (p.latency.valid) {
            check(p.latency.mean, n + "latency.mean");
            check(p.latency.p99, n + "latency.p99");
        }
    }
    if (sweep.wallUsers)
        check(*sweep.wallUsers, "wallUsers");
    return bad;
}

// Any NaN or infinity in a JSON document (the report layer turns them into null, so this is a
// belt-and-braces check of what a CLI or report would print).
inline bool jsonAllFinite(const nlohmann::ordered_json &j)
{
    if (j.is_number_float())
        return std::isfinite(j.get<double>());
    if (j.is_structured())
        for (const auto &v : j)
            if (!jsonAllFinite(v))
                return false;
    return true;
}

struct PipelineResult {
    bool loaded = false;  // loadDesign accepted the bytes
    bool modelOk = false; // the model found no design errors
    std::string failure;  // empty when every property held
};

// Runs the whole pipeline on `bytes`. `sweepPoints` keeps the fuzzer fast (0 = no sweep).
inline PipelineResult runPipeline(std::string_view bytes, int sweepPoints = 8)
{
    PipelineResult out;
    const LoadResult loaded = loadDesign(bytes);
    if (!loaded.design) {
        if (loaded.errors.empty())
            out.failure = "refused without an error";
        for (const Issue &e : loaded.errors)
            if (e.message.empty())
                out.failure = "an error without a message at " + e.path;
        return out;
    }
    if (!loaded.errors.empty()) {
        out.failure = "a design and errors at once";
        return out;
    }
    out.loaded = true;
    const Design &design = *loaded.design;

    const std::string saved = saveDesign(design);
    const LoadResult again = loadDesign(saved);
    if (!again.design) {
        out.failure = "the saved design does not load: " +
                      (again.errors.empty() ? std::string("?") : again.errors.front().toString());
        return out;
    }
    if (!(*again.design == design)) {
        out.failure = "the reloaded design differs from the loaded one";
        return out;
    }
    if (saveDesign(*again.design) != saved) {
        out.failure = "saving the reloaded design gives other bytes";
        return out;
    }

    const Model model(design, Catalog::builtin());
    if (!model.ok()) {
        for (const Issue &e : model.errors())
            if (e.message.empty())
                out.failure = "a model error without a message at " + e.path;
        return out;
    }
    out.modelOk = true;
    const Evaluation ev = model.evaluate(design.traffic.users);
    if (auto bad = nonFiniteFigures(ev); !bad.empty()) {
        out.failure = "non-finite figure: " + bad.front();
        return out;
    }
    const auto j = evaluationToJson(model, ev);
    if (!jsonAllFinite(j)) {
        out.failure = "non-finite number in evaluationToJson";
        return out;
    }
    (void)j.dump(); // throws on invalid UTF-8 in a label or id
    (void)evaluationToText(model, ev);
    if (sweepPoints > 0) {
        const Sweep sweep = model.sweep(10, 1e8, sweepPoints);
        if (auto bad = nonFiniteFigures(sweep); !bad.empty()) {
            out.failure = "non-finite sweep figure: " + bad.front();
            return out;
        }
        (void)sweepToJson(model, sweep).dump();
        (void)sweepToCsv(model, sweep);
    }
    return out;
}

} // namespace sc::reliability
