#pragma once
// One row format for every benchmark (issue 19), read by tools/bench. Run with --tsv, a bench
// prints its human table on stderr and, on stdout, one tab-separated line per case:
//   bench  case  value  unit  baseline  ratio
// (value and baseline in the same unit; baseline and ratio empty when the case has none).
// Without --tsv it prints only its human table, on stdout, as before.

#include <cstdio>
#include <cstring>
#include <string>

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

    // One case: `value` and `base` in `unit`; base <= 0 means no baseline.
    void row(const std::string &name, double value, const char *unit, double base = 0) const
    {
        if (!tsv_)
            return;
        if (base > 0)
            std::printf("%s\t%s\t%.6g\t%s\t%.6g\t%.6g\n", bench_, name.c_str(), value, unit, base,
                        value / base);
        else
            std::printf("%s\t%s\t%.6g\t%s\t\t\n", bench_, name.c_str(), value, unit);
        std::fflush(stdout);
    }

private:
    const char *bench_;
    bool tsv_ = false;
};

} // namespace scbench
