// Canvas frame time (issue 7): the real CanvasScene/CanvasView showing a generated design,
// against a bare QGraphicsScene holding the same number of plain rectangle and line items
// (same positions, sizes and edges), rendered the same way in the same run, a frame of each in
// turns.
//   cmake --build build --target bench_canvas && build/tests/bench/bench_canvas [components...]
// A frame is the viewport (1400 × 900) rendered into a QImage; medians over kFrames frames, and
// the ratio the median of the kFrames pairs' ratios.
// SCALECANVAS_BENCH_IMAGES=<dir> also saves the last frame of every case as a PNG.

#include "generate.h"
#include "report.h"

#include "core/analysis/model.h"
#include "core/analysis/scenarios.h"
#include "ui/timeline/timelinerun.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/requestflow.h"
#include "ui/commands/componentcommands.h"
#include "ui/document.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QPainter>
#include <QTimer>

#include <ctime>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using scbench::median;

constexpr int kFrames = 61; // sub-millisecond frames: enough of them to span a slow spell
constexpr int kWarmup = 2;
constexpr int kDragSteps = 21; // 20 px each: the hub passes its targets within them
constexpr QSize kViewport(1400, 900);

double timeMs(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

// Frames of one view: each runs `before` untimed, then renders the viewport into an image and
// gives the render's wall time in ms. save() keeps the last frame as a PNG when
// SCALECANVAS_BENCH_IMAGES is set (and `name` is not empty).
class Frames
{
public:
    Frames(QGraphicsView *view, QString name, std::function<void()> before = {})
        : m_view(view)
        , m_name(std::move(name))
        , m_before(std::move(before))
        , m_image(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied)
    {
    }
    double operator()()
    {
        if (m_before)
            m_before();
        return timeMs([this] { m_view->viewport()->render(&m_image); });
    }
    void save() const
    {
        const QString dir = qEnvironmentVariable("SCALECANVAS_BENCH_IMAGES");
        if (dir.isEmpty() || m_name.isEmpty())
            return;
        QDir().mkpath(dir);
        m_image.save(QDir(dir).filePath(m_name + QStringLiteral(".png")));
    }

private:
    QGraphicsView *m_view;
    QString m_name;
    std::function<void()> m_before;
    QImage m_image;
};

// Median frame times of `frames` and of its baseline `base`: kWarmup discarded frames of each,
// then kFrames of each in turns (scbench::pairedMedians).
scbench::Paired pairedFrameMs(Frames &&frames, Frames &&base)
{
    for (int i = 0; i < kWarmup; ++i)
        base(), frames();
    const scbench::Paired m = scbench::pairedMedians(
        kFrames, [&frames] { return frames(); }, [&base] { return base(); });
    frames.save();
    base.save();
    return m;
}

// The scene point whose 1:1 viewport holds the most items (bounding rects): the worst place
// to look at. Candidates are component centres, sampled so big designs stay quick.
QPointF busiestCentre(scui::CanvasScene &scene, const sc::Design &d)
{
    const size_t step = std::max<size_t>(1, d.components.size() / 200);
    QPointF best;
    qsizetype most = -1;
    for (size_t i = 0; i < d.components.size(); i += i < 8 ? 1 : step) {
        const sc::Point &p = d.components[i].position;
        const QPointF c(p.x + scui::ComponentItem::kWidth / 2,
                        p.y + scui::ComponentItem::kHeight / 2);
        QRectF r(QPointF(0, 0), QSizeF(kViewport));
        r.moveCenter(c);
        const qsizetype n = scene.items(r, Qt::IntersectsItemBoundingRect).size();
        if (n > most)
            most = n, best = c;
    }
    return best;
}

// Plain items at the same places: a rectangle per component, a straight line per connection.
void fillBare(QGraphicsScene &bare, const sc::Design &d)
{
    using scui::ComponentItem;
    std::unordered_map<std::string, QPointF> pos;
    const QPen border(QColor(150, 156, 166), 1);
    const QBrush fill(QColor(252, 252, 253));
    for (const sc::Component &c : d.components) {
        const QPointF p(c.position.x, c.position.y);
        pos[c.id] = p;
        auto *r =
            bare.addRect(QRectF(0, 0, ComponentItem::kWidth, ComponentItem::kHeight), border, fill);
        r->setPos(p);
        r->setZValue(1);
    }
    const QPen edge(QColor(95, 110, 135), 1.5);
    for (const sc::Connection &c : d.connections) {
        const QPointF a = pos[c.from] + QPointF(ComponentItem::kWidth, ComponentItem::kHeight / 2);
        const QPointF b = pos[c.to] + QPointF(0, ComponentItem::kHeight / 2);
        bare.addLine(QLineF(a, b), edge);
    }
}

struct Row {
    QString what;
    double canvas = 0, bare = 0;
    double ratio = 0; // the median of paired frames' ratios; 0: canvas / bare
};

Row pairedRow(const QString &what, const scbench::Paired &m)
{
    return {what, m.value, m.base, m.ratio};
}

// How many of the boxes in the view show other figures after `change` (run twice, so the
// document ends as it began); the "after new figures" cases must repaint most of them.
std::pair<int, int> boxesChanged(scui::CanvasView &view, const std::function<void()> &change)
{
    std::vector<std::pair<scui::ComponentItem *, scui::ComponentItem::Figures>> before;
    const QRectF shown = view.mapToScene(view.viewport()->rect()).boundingRect();
    for (QGraphicsItem *i : view.scene()->items(shown))
        if (auto *c = qgraphicsitem_cast<scui::ComponentItem *>(i))
            before.emplace_back(c, c->figures());
    change();
    const int changed = int(std::count_if(before.begin(), before.end(), [](const auto &b) {
        const scui::ComponentItem::Figures now = b.first->figures();
        return now.rps != b.second.rps || now.latency != b.second.latency ||
               now.utilization != b.second.utilization || now.cost != b.second.cost;
    }));
    change();
    return {changed, int(before.size())};
}

void print(const std::vector<Row> &rows, const scbench::Report &report)
{
    std::FILE *out = report.human();
    std::fprintf(out, "%-56s %12s %12s %8s\n", "case", "canvas", "bare scene", "ratio");
    for (const Row &r : rows) {
        const double ratio = r.ratio > 0 ? r.ratio : r.bare > 0 ? r.canvas / r.bare : 0;
        if (r.bare > 0)
            std::fprintf(out, "%-56s %9.2f ms %9.2f ms %7.2fx\n", qPrintable(r.what), r.canvas,
                         r.bare, ratio);
        else
            std::fprintf(out, "%-56s %9.2f ms %12s %8s\n", qPrintable(r.what), r.canvas, "", "");
        // The idle rows are CPU ms per wall second, the rest wall ms.
        const bool cpu = r.what.contains(QStringLiteral("CPU ms per second"));
        report.row(r.what.toStdString(), r.canvas, cpu ? "ms/s" : "ms", r.bare, ratio);
    }
}

// Median of setting the time frame (`change`) and rendering the viewport, timed together.
double timelineFrameMs(QGraphicsView &view, const std::function<void()> &change)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> ms;
    for (int i = 0; i < kWarmup + kFrames; ++i) {
        const double t = timeMs([&] {
            change();
            view.viewport()->render(&image);
        });
        if (i >= kWarmup)
            ms.push_back(t);
    }
    return median(ms);
}

// One timeline frame (issue 16): the document's time frame moved on by what one frame of
// playback covers at 1× (a day in 30 s at 30 frames a second: 96 s, ~10 steps of 10 s), then
// the 1:1 viewport rendered; the run itself ("a day", simulated once) is timed apart.
void timelineRows(scui::Document &doc, scui::CanvasView &view, const QString &n,
                  std::vector<Row> &rows)
{
    std::shared_ptr<const scui::TimelineRun> run;
    std::optional<sc::Scenario> day = sc::findScenario(doc.design(), "a day");
    // At 4× the design's users the day moves most boxes' load visibly between frames.
    day->users = 4 * doc.design().traffic.users;
    const double sim = timeMs([&] { run = scui::runTimeline(*doc.model(), *day); });
    rows.push_back(
        {n + QStringLiteral(" timeline: simulate a day (%1 steps)").arg(run->steps.size()), sim,
         0});
    // Playback: from 6 AM, where the day profile climbs, one frame's worth of steps on each.
    const int perFrame = int(std::lround(86400.0 / (30 * 30) / run->scenario.stepS));
    const int six = int(6 * 3600 / run->scenario.stepS);
    int frame = 0;
    const auto play = [&] { doc.setTimeFrame(run, six + ++frame * perFrame); };
    doc.setTimeFrame(run, six);
    const auto [moved, shown] = boxesChanged(view, play);
    rows.push_back(
        {n + QStringLiteral(" timeline frame, playing (%1/%2 boxes change)").arg(moved).arg(shown),
         timelineFrameMs(view, play), 0});
    // The worst case: between 4 AM and 2 PM every box in view reads differently.
    int flip = 0;
    const auto jump = [&] { doc.setTimeFrame(run, ++flip % 2 ? 14 * 360 : 4 * 360); };
    const auto [changed, all] = boxesChanged(view, jump);
    rows.push_back({n + QStringLiteral(" timeline frame, seek 04:00 <-> 14:00 (%1/%2 boxes)")
                            .arg(changed)
                            .arg(all),
                    timelineFrameMs(view, jump), 0});
    doc.clearTimeFrame();
}

// Animated request flow (issue 17): one frame is the particles moved on by a 30th of a second
// and the viewport rendered with them, against the same viewport without the animation. The
// two take turns: a still frame hides the particles' item (the flow stays on, its routes
// measured once), an animated frame shows it again.
void animationRows(scui::CanvasScene &scene, scui::Document &doc, scui::CanvasView &view,
                   const QString &where, std::vector<Row> &rows)
{
    scui::RequestFlow flow(&scene, &doc, &view);
    flow.setOn(true);
    const size_t shown =
        flow.particles(view.mapToScene(view.viewport()->rect()).boundingRect()).size();
    const scbench::Paired m = pairedFrameMs(Frames(&view, QStringLiteral("anim-on-") + where,
                                                   [&flow] {
                                                       flow.item()->setVisible(true);
                                                       flow.advance(1.0 / 30);
                                                   }),
                                            Frames(&view, QStringLiteral("anim-off-") + where,
                                                   [&flow] { flow.item()->setVisible(false); }));
    rows.push_back(pairedRow(
        where + QStringLiteral(": animated frame (%1 particles) vs still").arg(shown), m));
    flow.setOn(false);
}

// Process CPU time per second of wall time while the event loop idles over the view for
// `seconds` (the animation off: no timer should wake it).
double idleCpuMsPerSecond(double seconds)
{
    QEventLoop loop;
    QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
    const std::clock_t start = std::clock();
    loop.exec();
    return double(std::clock() - start) * 1000.0 / CLOCKS_PER_SEC / seconds;
}

void run(int count, std::vector<Row> &rows)
{
    scui::Document doc;
    doc.reset(scbench::generateDesign(count));
    if (!doc.modelOk()) {
        std::fprintf(stderr, "generated design has errors\n");
        std::exit(1);
    }
    const sc::Design &d = doc.design();
    const QString n = QString::number(d.components.size());
    scui::CanvasScene scene(&doc);
    scui::CanvasView view(&scene);
    view.resize(kViewport);
    view.show();
    QCoreApplication::processEvents();

    QGraphicsScene bare;
    fillBare(bare, d);
    bare.setSceneRect(scene.sceneRect());
    QGraphicsView bareView(&bare);
    // Drawn the way the canvas draws by default; everything else at Qt's defaults.
    bareView.setRenderHints(view.renderHints());
    bareView.resize(kViewport);
    bareView.show();
    QCoreApplication::processEvents();
    // Same scroll-bar layout, so the same viewport size.
    bareView.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    bareView.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    view.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);

    // The baseline of the idle CPU below: the same view before any animation was made.
    const double idleBefore = idleCpuMsPerSecond(3);

    // 1:1 on the busiest area.
    const QPointF busy = busiestCentre(scene, d);
    view.resetZoom();
    view.centerOn(busy);
    bareView.setTransform(QTransform());
    bareView.centerOn(busy);
    rows.push_back(
        pairedRow(n + QStringLiteral(" components, 1:1 (busiest area)"),
                  pairedFrameMs(Frames(&view, QStringLiteral("canvas-%1-1to1").arg(n)),
                                Frames(&bareView, QStringLiteral("bare-%1-1to1").arg(n)))));

    // The frame right after new figures (the users slider moved; the evaluation itself is not
    // timed). Users go from the design's to half as many again and back, so the figures on
    // nearly every box and every flowing edge's width and label change: all of that is
    // redrawn (the canvas skips only what reads the same as before).
    int flip = 0;
    const double users = doc.users();
    const auto invalidate = [&] { doc.setUsers(++flip % 2 ? users * 1.5 : users); };
    const auto [changed, shown] = boxesChanged(view, invalidate);
    if (2 * changed < shown) {
        std::fprintf(stderr, "new figures change only %d of the %d boxes in view\n", changed,
                     shown);
        std::exit(1);
    }
    rows.push_back(pairedRow(
        n + QStringLiteral(" components, 1:1 after new figures (%1/%2 boxes)")
                .arg(changed)
                .arg(shown),
        pairedFrameMs(Frames(&view, QStringLiteral("canvas-%1-1to1-new").arg(n), invalidate),
                      Frames(&bareView, QString()))));

    animationRows(scene, doc, view, n + QStringLiteral(" 1:1"), rows);
    timelineRows(doc, view, n, rows);

    // Zoomed out to fit; the bare view gets the very same transform and centre.
    view.zoomToFit();
    QCoreApplication::processEvents();
    const QPointF centre = view.mapToScene(view.viewport()->rect().center());
    bareView.setTransform(view.transform());
    bareView.centerOn(centre);
    rows.push_back(
        pairedRow(n + QStringLiteral(" components, fit (zoom %1)").arg(view.zoom(), 0, 'f', 4),
                  pairedFrameMs(Frames(&view, QStringLiteral("canvas-%1-fit").arg(n)),
                                Frames(&bareView, QStringLiteral("bare-%1-fit").arg(n)))));
    rows.push_back(pairedRow(
        n + QStringLiteral(" components, fit after new figures"),
        pairedFrameMs(Frames(&view, QStringLiteral("canvas-%1-fit-new").arg(n), invalidate),
                      Frames(&bareView, QString()))));
    animationRows(scene, doc, view, n + QStringLiteral(" fit"), rows);
    rows.push_back({n + QStringLiteral(" idle, animation off: CPU ms per second (3 s)"),
                    idleCpuMsPerSecond(3), idleBefore});
    {
        scui::RequestFlow flow(&scene, &doc, &view);
        flow.setOn(true);
        rows.push_back({n + QStringLiteral(" fit, animation on: CPU ms per second (3 s)"),
                        idleCpuMsPerSecond(3), 0});
    }

    // One drag step, as CanvasScene::mouseMoveEvent does it: a mergeable MoveComponents push
    // (model → scene sync → edges re-routed), then the frame at 1:1 around the component.
    view.resetZoom();
    for (const char *which : {"r0-app", "glb"}) {
        const QString id = QString::fromLatin1(which);
        const sc::Component *c = doc.component(id);
        if (!c)
            continue;
        const sc::Point start = c->position;
        view.centerOn(scene.componentItem(id));
        QCoreApplication::processEvents();
        QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        std::vector<double> push, frame;
        for (int i = 1; i <= kWarmup + kDragSteps; ++i) {
            const sc::Point to{start.x + i * 20, start.y + (i % 2) * 20};
            std::vector<scui::MoveComponents::Move> moves{{id, start, to}};
            const double p = timeMs([&] {
                doc.undoStack()->push(new scui::MoveComponents(&doc, std::move(moves), 1));
            });
            const double f = timeMs([&] { view.viewport()->render(&image); });
            if (i > kWarmup)
                push.push_back(p), frame.push_back(p + f);
        }
        doc.undoStack()->undo();
        const int edges = int(
            std::count_if(d.connections.begin(), d.connections.end(), [&](const sc::Connection &e) {
                return e.from == which || e.to == which;
            }));
        rows.push_back({n + QStringLiteral(" drag step %1 (%2 edges): command").arg(id).arg(edges),
                        median(push), 0});
        rows.push_back(
            {n + QStringLiteral(" drag step %1: command + 1:1 frame").arg(id), median(frame), 0});
    }
}

} // namespace

int main(int argc, char **argv)
{
    sc::Model::keepFreedMemory(); // as the app does (app/main.cpp)
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const scbench::Report report("canvas", argc, argv);
    QApplication app(argc, argv);
    const std::vector<int> counts = scbench::componentCounts(argc, argv, {1000, 10000});
    std::vector<Row> rows;
    for (int count : counts)
        run(count, rows);
    std::fprintf(report.human(), "viewport %dx%d, median of %d frames\n", kViewport.width(),
                 kViewport.height(), kFrames);
    print(rows, report);
    return 0;
}
