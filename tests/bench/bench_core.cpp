// Core benchmarks (issue 7): medians over repeated runs, each case and its baseline sampled in
// turns in the same run (scbench::pairedMedians). Not part of ctest: build the `bench_core` target
// and run it (see README).
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

// One sample of f: the wall time of one call, in microseconds. The calls that size the sample
// (doubling the repeats until a sample lasts kMinSampleUs) come first and are discarded: they
// are the warm-up.
class Sampler
{
public:
    explicit Sampler(std::function<void()> f)
        : m_f(std::move(f))
    {
        while (timeUs(m_repeats) < kMinSampleUs && m_repeats < (1 << 20))
            m_repeats *= 2;
    }
    double operator()() const { return timeUs(m_repeats) / m_repeats; }

private:
    double timeUs(int repeats) const
    {
        const auto a = Clock::now();
        for (int j = 0; j < repeats; ++j)
            m_f();
        return std::chrono::duration<double, std::micro>(Clock::now() - a).count();
    }
    std::function<void()> m_f;
    int m_repeats = 1;
};

// f and its baseline in turns (scbench::pairedMedians), in microseconds.
scbench::Paired pairedUs(int runs, const std::function<void()> &f,
                         const std::function<void()> &base)
{
    const Sampler sampleBase(base), sample(f);
    return scbench::pairedMedians(runs, sample, sampleBase);
}

volatile double g_sink = 0;

} // namespace

int main(int argc, char **argv)
{
    sc::Model::keepFreedMemory(); // as the app does (app/main.cpp)
    const scbench::Report report("core", argc, argv);
    // An optional argument keeps only the cases whose name contains it ("sweep", "Erlang").
    const std::string only = argc > 1 ? argv[1] : "";
    auto wanted = [&only](const std::string &name) { return name.find(only) != std::string::npos; };
    std::FILE *out = report.human();
    std::fprintf(out, "%-52s %12s %12s %8s\n", "case", "median", "baseline", "ratio");
    auto pairedRow = [out, &report](const std::string &name, const scbench::Paired &m) {
        std::fprintf(out, "%-52s %9.1f µs %9.1f µs %7.2f×\n", name.c_str(), m.value, m.base,
                     m.ratio);
        std::fflush(out);
        report.row(name, m.value, "us", m.base, m.ratio);
    };

    // Evaluate + 200-point sweep; the baseline is one plain evaluation of the same model.
    for (bool varied : {false, true}) {
        for (int n : {10, 100, 1000, 10000}) {
            const sc::Design d = scbench::generateDesign(n, varied);
            const std::string size = std::to_string(d.components.size()) + " components" +
                                     (varied ? ", regions differ" : "");
            const std::string sweepName = "evaluate + sweep, " + size;
            const std::string editName = "edit → figures, " + size;
            const std::string scratchName = "edit, rebuilt from scratch → figures, " + size;
            if (!wanted(sweepName) && !wanted(editName) && !wanted(scratchName))
                continue;
            const sc::Model model(d, sc::Catalog::builtin());
            // Samples per case: enough to span the slow spells of a shared machine (an edit at
            // 10,000 components takes tens of ms, a sweep hundreds).
            const int runs = n >= 10000 ? 21 : 101;
            const int editRuns = n >= 10000 ? 61 : 201;
            const auto evaluate = [&] { g_sink = model.evaluate(1e6).monthlyCostUsd; };
            if (wanted(sweepName))
                pairedRow(sweepName, pairedUs(
                                         runs,
                                         [&] {
                                             g_sink = model.evaluate(1e6).monthlyCostUsd +
                                                      model.sweep(10, 1e8, 200).points.size();
                                         },
                                         evaluate));
            if (wanted(editName)) {
                // One parameter edit → updated figures: the model rebuilt from the one before
                // the edit, as the app does (Document::rebuildModel), and evaluated.
                sc::Design edited = d;
                pairedRow(editName, pairedUs(
                                        editRuns,
                                        [&] {
                                            edited.components[7].params["hitRatio"] = {
                                                0.8 + 0.01 * (g_sink > 0), {}};
                                            const sc::Model m(model, edited,
                                                              sc::Catalog::builtin());
                                            g_sink = m.evaluate(1e6).monthlyCostUsd;
                                        },
                                        evaluate));
            }
            if (wanted(scratchName)) {
                // The same rebuilt from the design alone (what an edit cost before the carry).
                sc::Design edited = d;
                pairedRow(scratchName, pairedUs(
                                           editRuns,
                                           [&] {
                                               edited.components[7].params["hitRatio"] = {
                                                   0.8 + 0.01 * (g_sink > 0), {}};
                                               const sc::Model m(edited, sc::Catalog::builtin());
                                               g_sink = m.evaluate(1e6).monthlyCostUsd;
                                           },
                                           evaluate));
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
        sc::Scenario day;
        day.users = 1e6;
        pairedRow(name, pairedUs(
                            5, [&] { g_sink = model.simulate(day, {}).costUsd; },
                            [&] { g_sink = model.evaluate(1e6).monthlyCostUsd; }));
    }

    // Erlang C at large c; the baseline is one std::lgamma call.
    for (double c : {1e3, 1e4, 1e5}) {
        for (double rho : {0.5, 0.9, 0.99}) {
            char name[64];
            std::snprintf(name, sizeof name, "Erlang C c=%.0e rho=%.2f", c, rho);
            if (!wanted(name))
                continue;
            pairedRow(name, pairedUs(
                                101, [&] { g_sink = sc::erlangC(std::int64_t(c), rho * c); },
                                [&] { g_sink = std::lgamma(c + g_sink * 0); }));
        }
    }

    // Load + validate of a 10,000-component file vs a bare nlohmann::json::parse.
    if (wanted("load + validate 10k components (vs parse)")) {
        const std::string bytes = sc::saveDesign(scbench::generateDesign(10000));
        pairedRow("load + validate 10k components (vs parse)",
                  pairedUs(
                      9,
                      [&] {
                          sc::LoadResult r = sc::loadDesign(bytes);
                          sc::Model m(*r.design, sc::Catalog::builtin());
                          g_sink = m.ok();
                      },
                      [&] { g_sink = nlohmann::json::parse(bytes).size(); }));
    }
    return 0;
}
