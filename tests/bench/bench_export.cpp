// Diagram export (issue 7): a generated design rendered to SVG and PDF by the real exporters,
// against a bare QGraphicsScene holding the same number of plain rectangle, text and line
// items written through the same QSvgGenerator / QPdfWriter in the same run, a call of each in
// turns.
//   cmake --build build --target bench_export && build/tests/bench/bench_export [components...]

#include "generate.h"
#include "report.h"

#include "core/analysis/model.h"
#include "ui/canvas/canvasscene.h"
#include "ui/canvas/componentitem.h"
#include "ui/document.h"
#include "ui/export/diagramexport.h"

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <unordered_map>
#include <vector>

namespace {

constexpr int kRuns = 9;

// The wall time of one call of f, in milliseconds; `bytes` gets the size of its output.
double sampleMs(const std::function<QByteArray()> &f, qsizetype *bytes)
{
    QElapsedTimer t;
    t.start();
    const QByteArray out = f();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    *bytes = out.size();
    return ms;
}

// Median wall time of kRuns calls, in milliseconds; `bytes` gets the size of the last output.
double medianMs(const std::function<QByteArray()> &f, qsizetype *bytes)
{
    std::vector<double> ms;
    for (int i = 0; i < kRuns; ++i)
        ms.push_back(sampleMs(f, bytes));
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// f and its bare twin in turns, kRuns calls of each (scbench::pairedMedians), in milliseconds;
// `bytes` and `bareBytes` get the sizes of the last outputs.
scbench::Paired pairedMs(const std::function<QByteArray()> &f, qsizetype *bytes,
                         const std::function<QByteArray()> &bare, qsizetype *bareBytes)
{
    return scbench::pairedMedians(
        kRuns, [&] { return sampleMs(f, bytes); }, [&] { return sampleMs(bare, bareBytes); });
}

// A box with its name per component and a straight line per connection, at the same places.
void fillBare(QGraphicsScene &bare, const sc::Design &d)
{
    using scui::ComponentItem;
    std::unordered_map<std::string, QPointF> pos;
    for (const sc::Component &c : d.components) {
        const QPointF p(c.position.x, c.position.y);
        pos[c.id] = p;
        auto *r = bare.addRect(QRectF(0, 0, ComponentItem::kWidth, ComponentItem::kHeight),
                               QPen(QColor(150, 156, 166)), QBrush(QColor(252, 252, 253)));
        r->setPos(p);
        auto *t = bare.addSimpleText(QString::fromStdString(c.id));
        t->setPos(p + QPointF(8, 6));
    }
    for (const sc::Connection &c : d.connections) {
        const QPointF a = pos[c.from] + QPointF(ComponentItem::kWidth, ComponentItem::kHeight / 2);
        const QPointF b = pos[c.to] + QPointF(0, ComponentItem::kHeight / 2);
        bare.addLine(QLineF(a, b), QPen(QColor(95, 110, 135), 1.5));
    }
}

QByteArray bareSvg(QGraphicsScene &scene)
{
    const QRectF source = scene.itemsBoundingRect();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setSize(source.size().toSize());
    gen.setViewBox(QRect(QPoint(0, 0), source.size().toSize()));
    gen.setResolution(96);
    QPainter painter(&gen);
    scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    return bytes;
}

QByteArray barePdf(QGraphicsScene &scene)
{
    const QRectF source = scene.itemsBoundingRect();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(96);
    pdf.setPageLayout(QPageLayout(QPageSize(source.size() * (72.0 / 96.0), QPageSize::Point,
                                            QString(), QPageSize::ExactMatch),
                                  QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    QPainter painter(&pdf);
    scene.render(&painter, QRectF(pdf.pageLayout().paintRectPixels(96)), source);
    painter.end();
    return bytes;
}

} // namespace

int main(int argc, char **argv)
{
    sc::Model::keepFreedMemory(); // as the app does (app/main.cpp)
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const scbench::Report report("export", argc, argv);
    QApplication app(argc, argv);
    const std::vector<int> counts = scbench::componentCounts(argc, argv, {1000});

    std::FILE *out = report.human();
    std::fprintf(out, "%-40s %10s %10s %8s %10s\n", "case", "median", "bare", "ratio", "bytes");
    for (int count : counts) {
        scui::Document doc;
        doc.reset(scbench::generateDesign(count));
        if (!doc.modelOk()) {
            std::fprintf(stderr, "generated design has errors\n");
            return 1;
        }
        scui::CanvasScene scene(&doc);
        QGraphicsScene bare;
        fillBare(bare, doc.design());
        const int n = int(doc.design().components.size());
        qsizetype bytes = 0, bareBytes = 0;
        const auto row = [&](const QString &name, const scbench::Paired &m) {
            std::fprintf(out, "%-40s %7.1f ms %7.1f ms %7.2f× %10lld\n", qPrintable(name), m.value,
                         m.base, m.ratio, static_cast<long long>(bytes));
            report.row(name.toStdString(), m.value, "ms", m.base, m.ratio);
        };
        row(QStringLiteral("export SVG, %1 components").arg(n),
            pairedMs([&] { return scui::renderDiagramSvg(&scene); }, &bytes,
                     [&] { return bareSvg(bare); }, &bareBytes));
        row(QStringLiteral("export PDF, %1 components").arg(n),
            pairedMs([&] { return scui::renderDiagramPdf(&scene); }, &bytes,
                     [&] { return barePdf(bare); }, &bareBytes));
        // PNG: capped at 16,384 px a side and 64 Mpx (issue 12, item 13); no bare twin. Run
        // with 10000 for the case: `bench_export 10000`.
        scui::RenderNotes notes;
        const double png =
            medianMs([&] { return scui::renderDiagramPng(&scene, 1, &notes); }, &bytes);
        const QString pngName = QStringLiteral("export PNG, %1 components").arg(n);
        std::fprintf(out, "%-40s %7.1f ms %10s %8s %10lld  %s\n", qPrintable(pngName), png, "", "",
                     static_cast<long long>(bytes), qPrintable(notes.notice));
        report.row(pngName.toStdString(), png, "ms");
    }
    return 0;
}
