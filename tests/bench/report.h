#pragma once
// One row format for every benchmark (issue 19), read by tools/bench. Run with --tsv, a bench
// prints its human table on stderr and, on stdout, one tab-separated line per case:
//   bench  case  value  unit  baseline  ratio
// (value and baseline in the same unit; baseline and ratio empty when the case has none).
// Without --tsv it prints only its human table, on stdout, as before.

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace scbench {

class Report
{
public:
    // Takes "--tsv" out of argv (so the other arguments read as before).
    Report(const char *bench, int &argc, char **argv)
        : bench_(bench)
    {
        int kept = 1;
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--tsv") == 0)
                tsv_ = true;
            else
                argv[kept++] = argv[i];
        }
        argc = kept;
        argv[argc] = nullptr;
    }

    // Where the human table goes.
    std::FILE *human() const { return tsv_ ? stderr : stdout; }

    // One case: `value` and `base` in `unit`; base <= 0 means no baseline. `ratio`, when given,
    // is the case's own ratio to its baseline (the median of paired samples, see pairedMedians),
    // else value / base.
    void row(const std::string &name, double value, const char *unit, double base = 0,
             double ratio = 0) const
    {
        if (!tsv_)
            return;
        if (base > 0)
            std::printf("%s\t%s\t%.6g\t%s\t%.6g\t%.6g\n", bench_, name.c_str(), value, unit, base,
                        ratio > 0 ? ratio : value / base);
        else
            std::printf("%s\t%s\t%.6g\t%s\t\t\n", bench_, name.c_str(), value, unit);
        std::fflush(stdout);
    }

private:
    const char *bench_;
    bool tsv_ = false;
};

// The median of `v` (the upper one of an even count; 0 when empty).
inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// The case and its baseline measured in turns, `runs` pairs (a sample of each, one after the
// other), so that a slow spell of a shared machine slows both: the medians of each and the
// median of the pairs' ratios, which is what reproduces from run to run.
struct Paired {
    double value = 0, base = 0, ratio = 0;
};
template <typename Sample, typename BaseSample>
Paired pairedMedians(int runs, const Sample &sample, const BaseSample &baseSample)
{
    std::vector<double> v, b, r;
    for (int i = 0; i < runs; ++i) {
        b.push_back(baseSample());
        v.push_back(sample());
        r.push_back(b.back() > 0 ? v.back() / b.back() : 0);
    }
    return {median(v), median(b), median(r)};
}

} // namespace scbench
