// The median time (µs) of bench_core's "evaluate + sweep" case in a process of its own, to set
// one build against another: it uses only the API every version since the first sweep has, so it
// compiles against an older checkout's headers and core library (README, "Performance"):
//   sweep_once COMPONENTS alike|varied RUNS
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
    if (argc != 4) {
        std::fprintf(stderr, "usage: sweep_once COMPONENTS alike|varied RUNS\n");
        return 2;
    }
    const sc::Design d =
        scbench::generateDesign(std::atoi(argv[1]), std::string(argv[2]) == "varied");
    const sc::Model model(d, sc::Catalog::builtin());
    const int runs = std::max(1, std::atoi(argv[3])), warmUp = 5;
    std::vector<double> us;
    for (int r = 0; r < warmUp + runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        g_sink =
            model.evaluate(1e6).monthlyCostUsd + double(model.sweep(10, 1e8, 200).points.size());
        const auto t1 = std::chrono::steady_clock::now();
        if (r >= warmUp)
            us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    std::nth_element(us.begin(), us.begin() + long(us.size() / 2), us.end());
    std::printf("%.0f\n", us[us.size() / 2]);
}
