// Core benchmarks (issue 7): medians over repeated runs, each with a baseline measured in the
// same run. Not part of ctest: build the `bench_core` target and run it (see README).
#include "generate.h"
#include "report.h"

#include "core/analysis/model.h"
#include "core/analysis/queueing.h"
#include "core/io/format.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// A sample lasts at least this long: a call shorter than that is repeated within the sample
// and the sample divided by the repeats, so that the clock's own cost (tens of ns) and its
// resolution do not swamp sub-microsecond calls.
constexpr double kMinSampleUs = 200;

// Median wall time of one call, in microseconds, over `runs` samples. The calls that size the
// samples (doubling the repeats until a sample lasts kMinSampleUs) come first and are discarded:
// they are the warm-up.
double medianUs(int runs, const std::function<void()> &f)
{
    const auto timeUs = [&f](int repeats) {
        const auto a = Clock::now();
        for (int j = 0; j < repeats; ++j)
            f();
        return std::chrono::duration<double, std::micro>(Clock::now() - a).count();
    };
    int repeats = 1;
    while (timeUs(repeats) < kMinSampleUs && repeats < (1 << 20))
        repeats *= 2;
    std::vector<double> t;
    for (int i = 0; i < runs; ++i)
        t.push_back(timeUs(repeats) / repeats);
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

volatile double g_sink = 0;

} // namespace

int main(int argc, char **argv)
{
    const scbench::Report report("core", argc, argv);
    // An optional argument keeps only the cases whose name contains it ("sweep", "Erlang").
    const std::string only = argc > 1 ? argv[1] : "";
    auto wanted = [&only](const std::string &name) { return name.find(only) != std::string::npos; };
    std::FILE *out = report.human();
    std::fprintf(out, "%-52s %12s %12s %8s\n", "case", "median", "baseline", "ratio");
    auto row = [out, &report](const std::string &name, double us, double baseUs) {
        std::fprintf(out, "%-52s %9.1f µs %9.1f µs %7.2f×\n", name.c_str(), us, baseUs,
                     baseUs > 0 ? us / baseUs : 0);
        std::fflush(out);
        report.row(name, us, "us", baseUs);
    };

    // Evaluate + 200-point sweep; the baseline is one plain evaluation of the same model.
    for (bool varied : {false, true}) {
        for (int n : {10, 100, 1000, 10000}) {
            const sc::Design d = scbench::generateDesign(n, varied);
            const std::string size = std::to_string(d.components.size()) + " components" +
                                     (varied ? ", regions differ" : "");
            const std::string sweepName = "evaluate + sweep, " + size;
            const std::string editName = "edit → figures, " + size;
            if (!wanted(sweepName) && !wanted(editName))
                continue;
            const sc::Model model(d, sc::Catalog::builtin());
            const int runs = n >= 10000 ? 15 : 101;
            const double base =
                medianUs(runs, [&] { g_sink = model.evaluate(1e6).monthlyCostUsd; });
            if (wanted(sweepName)) {
                const double sweep = medianUs(runs, [&] {
                    g_sink = model.evaluate(1e6).monthlyCostUsd +
                             model.sweep(10, 1e8, 200).points.size();
                });
                row(sweepName, sweep, base);
            }
            if (wanted(editName)) {
                // One parameter edit → updated figures (rebuild the model, evaluate).
                sc::Design edited = d;
                const double edit = medianUs(runs, [&] {
                    edited.components[7].params["hitRatio"] = {0.8 + 0.01 * (g_sink > 0), {}};
                    const sc::Model m(edited, sc::Catalog::builtin());
                    g_sink = m.evaluate(1e6).monthlyCostUsd;
                });
                row(editName, edit, base);
            }
        }
    }

    // A day simulated in 10 s steps (8,640 steps; issue 16: ≤ 200 ms at 1,000 components); the
    // baseline is one evaluation of the same model.
    for (bool varied : {false, true}) {
        const sc::Design d = scbench::generateDesign(1000, varied);
        const std::string name = "simulate a day at 10 s, " + std::to_string(d.components.size()) +
                                 " components" + (varied ? ", regions differ" : "");
        if (!wanted(name))
            continue;
        const sc::Model model(d, sc::Catalog::builtin());
        const double base = medianUs(11, [&] { g_sink = model.evaluate(1e6).monthlyCostUsd; });
        sc::Scenario day;
        day.users = 1e6;
        const double us = medianUs(5, [&] { g_sink = model.simulate(day, {}).costUsd; });
        row(name, us, base);
    }

    // Erlang C at large c; the baseline is one std::lgamma call.
    for (double c : {1e3, 1e4, 1e5}) {
        for (double rho : {0.5, 0.9, 0.99}) {
            char name[64];
            std::snprintf(name, sizeof name, "Erlang C c=%.0e rho=%.2f", c, rho);
            if (!wanted(name))
                continue;
            const double base = medianUs(101, [&] { g_sink = std::lgamma(c + g_sink * 0); });
            const double us =
                medianUs(101, [&] { g_sink = sc::erlangC(std::int64_t(c), rho * c); });
            row(name, us, base);
        }
    }

    // Load + validate of a 10,000-component file vs a bare nlohmann::json::parse.
    if (wanted("load + validate 10k components (vs parse)")) {
        const std::string bytes = sc::saveDesign(scbench::generateDesign(10000));
        const double parse = medianUs(5, [&] { g_sink = nlohmann::json::parse(bytes).size(); });
        const double load = medianUs(5, [&] {
            sc::LoadResult r = sc::loadDesign(bytes);
            sc::Model m(*r.design, sc::Catalog::builtin());
            g_sink = m.ok();
        });
        row("load + validate 10k components (vs parse)", load, parse);
    }
    return 0;
}
