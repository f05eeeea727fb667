// Undo steps on a big design (issue 11): paste of one region (8 components, 8 connections among
// them), delete of it, and one parameter edit across every app server, each done, undone and
// redone through the real Document, CanvasScene and CanvasView, against one bare model rebuild
// (sc::Model + evaluate) of the design the step leaves, measured in the same run, in turns.
//   cmake --build build --target bench_edit && build/tests/bench/bench_edit [components...]
// A step is timed from the push (or undo/redo) until the scene is up to date; "+ frame" adds
// rendering the 1:1 viewport over the pasted region. The charts' re-plot is deferred and
// measured by bench_charts.

#include "generate.h"
#include "report.h"

#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/commands/changecommands.h"
#include "ui/commands/componentcommands.h"
#include "ui/document.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace {

using scbench::median;

constexpr int kRuns = 101;
constexpr int kWarmup = 3;
constexpr QSize kViewport(1400, 900);

double timeMs(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

volatile double g_sink = 0;

struct Row {
    QString what;
    double ms = 0, baseMs = 0, ratio = 0;
};

void print(const std::vector<Row> &rows, const scbench::Report &report)
{
    std::FILE *out = report.human();
    std::fprintf(out, "%-58s %12s %12s %8s\n", "case", "median", "baseline", "ratio");
    for (const Row &r : rows) {
        std::fprintf(out, "%-58s %9.2f ms %9.2f ms %7.2fx\n", qPrintable(r.what), r.ms, r.baseMs,
                     r.ratio);
        report.row(r.what.toStdString(), r.ms, "ms", r.baseMs, r.ratio);
    }
}

// The time of one model rebuild (sc::Model + evaluate) of `d`: what every step that changes
// figures costs at least.
double rebuildMs(const sc::Design &d, double users)
{
    return timeMs([&] {
        const sc::Model m(d, sc::Catalog::builtin());
        g_sink = m.evaluate(users).monthlyCostUsd;
    });
}

struct Timing {
    scbench::Paired step, framed;
};

// Median times of `step` (timed) and of the step plus one 1:1 frame; `back` (untimed) returns
// the document to where it was before each run. The baseline rebuilds the design the step
// leaves. After kWarmup discarded runs of each, a run of the step and a rebuild take turns
// (scbench::pairedMedians); both cases share the rebuilds, each pair giving a ratio of each.
Timing measure(scui::Document &doc, scui::CanvasView &view, const std::function<void()> &step,
               const std::function<void()> &back, int runs = kRuns)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> framed, bases;
    double lastFramed = 0;
    sc::Design after; // what the first run's step leaves
    bool first = true;
    const auto stepMs = [&] {
        const double s = timeMs(step);
        lastFramed = s + timeMs([&] { view.viewport()->render(&image); });
        if (first) {
            if (!doc.modelOk()) {
                std::fprintf(stderr, "the design has errors after the step\n");
                std::exit(1);
            }
            after = doc.design();
            first = false;
        }
        back();
        view.viewport()->render(&image);
        return s;
    };
    for (int i = 0; i < kWarmup; ++i)
        stepMs();
    const double users = doc.users();
    for (int i = 0; i < kWarmup; ++i)
        rebuildMs(after, users);
    Timing t;
    t.step = scbench::pairedMedians(
        runs,
        [&] {
            const double s = stepMs();
            framed.push_back(lastFramed);
            return s;
        },
        [&] {
            bases.push_back(rebuildMs(after, users));
            return bases.back();
        });
    std::vector<double> ratios;
    for (size_t i = 0; i < framed.size(); ++i)
        ratios.push_back(framed[i] / bases[i]);
    t.framed = {median(framed), t.step.base, median(ratios)};
    return t;
}

void run(int count, std::vector<Row> &rows)
{
    scui::Document doc;
    doc.reset(scbench::generateDesign(count));
    if (!doc.modelOk()) {
        std::fprintf(stderr, "generated design has errors\n");
        std::exit(1);
    }
    scui::CanvasScene scene(&doc);
    scui::CanvasView view(&scene);
    view.resize(kViewport);
    view.show();
    view.resetZoom();
    QCoreApplication::processEvents();
    QUndoStack *undo = doc.undoStack();
    const QString n = QString::number(doc.design().components.size());

    // The first region: 8 components, 8 connections among them (its balancer's link to the
    // global one stays behind, as a copy of the region would leave it).
    QStringList region;
    for (const sc::Component &c : doc.design().components)
        if (c.id.rfind("r0-", 0) == 0)
            region << QString::fromStdString(c.id);
    const std::string clip = scui::serializeComponents(doc.design(), region);
    const QPointF offset(0, -600); // above the first region, into empty canvas
    view.centerOn(scene.componentItem(region.first()));
    view.centerOn(view.mapToScene(view.viewport()->rect().center()) + offset);

    auto add = [&](const QString &what, const Timing &t) {
        rows.push_back(
            {n + QStringLiteral(" components, ") + what, t.step.value, t.step.base, t.step.ratio});
        rows.push_back({n + QStringLiteral(" components, ") + what + QStringLiteral(" + frame"),
                        t.framed.value, t.framed.base, t.framed.ratio});
    };
    const auto undoStep = [&] { undo->undo(); };
    const auto redoStep = [&] { undo->redo(); };
    const auto paste = [&] { undo->push(new scui::AddComponents(&doc, clip, offset)); };
    add(QStringLiteral("paste 8 (8 connections)"), measure(doc, view, paste, undoStep));
    paste();
    add(QStringLiteral("undo paste"), measure(doc, view, undoStep, redoStep));
    add(QStringLiteral("redo paste"), measure(doc, view, redoStep, undoStep));
    undo->undo();

    const auto remove = [&] {
        scene.selectIds(region);
        scene.deleteSelection();
    };
    add(QStringLiteral("delete 8 (9 connections)"), measure(doc, view, remove, undoStep));

    QStringList apps;
    for (const sc::Component &c : doc.design().components)
        if (c.kind == sc::Kind::AppServer)
            apps << QString::fromStdString(c.id);
    int flip = 0;
    const auto edit = [&] {
        const sc::ParamValue v{++flip % 2 ? 3.0 : 2.5, {}};
        undo->push(new scui::ChangeParameter(&doc, apps, "serviceTimeMs", v));
    };
    add(QStringLiteral("edit %1 app servers at once").arg(apps.size()),
        measure(doc, view, edit, undoStep));
}

// Delete every component of a design too big for the scene's index (5,000 components and their
// connections: edges drawn without routing round boxes, labels in the middle), and undo it: the
// undo brings back every box, edge and label in one step. (Each box searched the whole scene
// for edges to reroute and labels to move: 4.7 s for the undo.) Fewer runs: a step is ~0.1 s.
void runDeleteAll(int count, std::vector<Row> &rows)
{
    scui::Document doc;
    doc.reset(scbench::generateDesign(count));
    scui::CanvasScene scene(&doc);
    scui::CanvasView view(&scene);
    view.resize(kViewport);
    view.show();
    QCoreApplication::processEvents();
    QStringList all;
    for (const sc::Component &c : doc.design().components)
        all << QString::fromStdString(c.id);
    const QString n = QString::number(all.size());
    QUndoStack *undo = doc.undoStack();
    scene.selectIds(all);
    scene.deleteSelection();
    const Timing t = measure(
        doc, view, [&] { undo->undo(); }, [&] { undo->redo(); }, 11);
    rows.push_back({n + QStringLiteral(" components, undo deleting all of them"), t.step.value,
                    t.step.base, t.step.ratio});
}

} // namespace

int main(int argc, char **argv)
{
    sc::Model::keepFreedMemory(); // as the app does (app/main.cpp)
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const scbench::Report report("edit", argc, argv);
    QApplication app(argc, argv);
    const std::vector<int> counts = scbench::componentCounts(argc, argv, {1000});
    std::vector<Row> rows;
    for (int count : counts)
        run(count, rows);
    if (argc == 1) // the default sizes
        runDeleteAll(5000, rows);
    std::fprintf(report.human(),
                 "median of %d runs; baseline: one model rebuild (sc::Model + evaluate) of the "
                 "design the step leaves, in turns with the step; ratio: the median of the runs' "
                 "ratios\n",
                 kRuns);
    print(rows, report);
    return 0;
}
