// The median time (µs) of one of bench_core's cases in a process of its own, to set one build
// against another: it uses only the API every version since the first sweep has, so it compiles
// against an older checkout's headers and core library (README, "Performance"):
//   sweep_once COMPONENTS alike|varied RUNS [sweep|evaluate|edit|carry|paired]
// sweep: "evaluate + sweep" (the default); evaluate: one evaluation; edit: a hit ratio changed,
// the model rebuilt from scratch, one evaluation; carry: the same rebuilt from the model before
// the edit (builds since Model(before, design, catalog) only); paired: each carry after an
// evaluation of the model before the edit, as bench_core's "edit → figures" measures it.
// SWEEP_THREADS=N caps the sweep's threads (Model::setThreadLimit: 1 measures one core without
// the other thread's hand-overs); SWEEP_TO=USERS ends the sweep there instead of at 10⁸ (below
// a design's saturation wall, the sweep of points whose flows cut nothing).
#include "generate.h"

#include "core/analysis/model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {
volatile double g_sink = 0;
}

int main(int argc, char **argv)
{
    sc::Model::keepFreedMemory(); // as the app does (app/main.cpp)
    if (const char *threads = std::getenv("SWEEP_THREADS"))
        sc::Model::setThreadLimit(unsigned(std::max(0, std::atoi(threads))));
    const char *to = std::getenv("SWEEP_TO");
    const double sweepTo = to ? std::atof(to) : 1e8;
    const std::string what = argc == 5 ? argv[4] : "sweep";
    if ((argc != 4 && argc != 5) || (what != "sweep" && what != "evaluate" && what != "edit" &&
                                     what != "carry" && what != "paired")) {
        std::fprintf(
            stderr,
            "usage: sweep_once COMPONENTS alike|varied RUNS [sweep|evaluate|edit|carry|paired]\n");
        return 2;
    }
    const sc::Design d =
        scbench::generateDesign(std::atoi(argv[1]), std::string(argv[2]) == "varied");
    const sc::Model model(d, sc::Catalog::builtin());
    // The model before an edit has been evaluated at the users shown, as the app's always has
    // (Document::rebuildModel): its advice is there for the carried model to take over.
    if (what == "carry")
        g_sink = model.evaluate(1e6).monthlyCostUsd;
    sc::Design edited = d;
    const int runs = std::max(1, std::atoi(argv[3])), warmUp = 5;
    std::vector<double> us;
    for (int r = 0; r < warmUp + runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        if (what == "sweep") {
            g_sink = model.evaluate(1e6).monthlyCostUsd +
                     double(model.sweep(10, sweepTo, 200).points.size());
        } else if (what == "evaluate") {
            g_sink = model.evaluate(1e6).monthlyCostUsd;
        } else if (what == "edit") { // a rebuild from scratch
            edited.components[7].params["hitRatio"] = {0.8 + 0.01 * (g_sink > 0), {}};
            const sc::Model m(edited, sc::Catalog::builtin());
            g_sink = m.evaluate(1e6).monthlyCostUsd;
        } else if (what == "paired") { // carry, each edit after an evaluation of the model
            // before it (bench_core's edit case pairs them so: its baseline)
            g_sink = model.evaluate(1e6).monthlyCostUsd;
            const auto t2 = std::chrono::steady_clock::now();
            edited.components[7].params["hitRatio"] = {0.8 + 0.01 * (g_sink > 0), {}};
            const sc::Model m(model, edited, sc::Catalog::builtin());
            g_sink = m.evaluate(1e6).monthlyCostUsd;
            if (r >= warmUp)
                us.push_back(
                    std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t2)
                        .count());
            continue;
        } else { // as bench_core's edit case and the app: what the edit left carried over
            edited.components[7].params["hitRatio"] = {0.8 + 0.01 * (g_sink > 0), {}};
            const sc::Model m(model, edited, sc::Catalog::builtin());
            g_sink = m.evaluate(1e6).monthlyCostUsd;
        }
        const auto t1 = std::chrono::steady_clock::now();
        if (r >= warmUp)
            us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    std::nth_element(us.begin(), us.begin() + long(us.size() / 2), us.end());
    std::printf("%.0f\n", us[us.size() / 2]);
}
