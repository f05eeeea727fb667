// Re-plotting the growth charts after an edit on a generated 1,000-component design, against
// the bare Model::sweep they are built on, measured in the same run: each run times the edit, the
// re-plot and then the sweep, and the ratio is the median of the runs' re-plot / sweep (as
// scbench::pairedMedians gives it), which a slow spell of a shared machine leaves alone.
//   cmake --build build --target bench_charts && build/tests/bench/bench_charts [components]

#include "generate.h"
#include "report.h"

#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "ui/charts/growthcharts.h"
#include "ui/commands/changecommands.h"
#include "ui/document.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using scbench::median;

int main(int argc, char **argv)
{
    sc::Model::keepFreedMemory(); // as the app does (app/main.cpp)
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const scbench::Report report("charts", argc, argv);
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 1000;
    constexpr int kRuns = 15;

    scui::Document doc;
    doc.reset(scbench::generateDesign(count));
    if (!doc.modelOk()) {
        std::fprintf(stderr, "generated design has errors\n");
        return 1;
    }
    scui::GrowthCharts charts(&doc);
    charts.resize(1200, 600);
    charts.show();
    charts.flush();

    std::vector<double> edit, replot, sweep, ratio;
    const QString id = QString::fromStdString(doc.design().components[7].id); // r0-cache
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer t;
        t.start();
        doc.undoStack()->push(new scui::ChangeParameter(&doc, id, "hitRatio",
                                                        sc::ParamValue{run % 2 ? 0.9 : 0.8, {}}));
        edit.push_back(t.nsecsElapsed() / 1e6);

        t.restart();
        charts.flush(); // re-sweep (200 points) + all seven charts + replot
        replot.push_back(t.nsecsElapsed() / 1e6);

        t.restart();
        const sc::Sweep s = doc.model()->sweep(10, 1e8, scui::GrowthCharts::kSweepPoints);
        sweep.push_back(t.nsecsElapsed() / 1e6);
        ratio.push_back(replot.back() / sweep.back());
        if (s.points.size() != size_t(scui::GrowthCharts::kSweepPoints))
            return 1;
    }
    const double e = median(edit), r = median(replot), s = median(sweep), q = median(ratio);
    std::FILE *out = report.human();
    const size_t n = doc.design().components.size();
    std::fprintf(out, "components: %zu, runs: %d (median)\n", n, kRuns);
    std::fprintf(out, "edit (model rebuild + evaluate): %8.2f ms\n", e);
    std::fprintf(out, "charts re-plot after the edit:   %8.2f ms\n", r);
    std::fprintf(out, "baseline Model::sweep(200):      %8.2f ms\n", s);
    std::fprintf(out, "charts overhead over the sweep:  %8.2f ms (%.2fx the sweep)\n", r - s, q);
    const std::string size = std::to_string(n) + " components";
    report.row("edit (model rebuild + evaluate), " + size, e, "ms");
    report.row("charts re-plot after an edit vs Model::sweep(200), " + size, r, "ms", s, q);
    return 0;
}
