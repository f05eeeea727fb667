#include "compareexport.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/diffmarks.h"
#include "ui/charts/comparecharts.h"
#include "ui/document.h"
#include "ui/export/reportexport.h"
#include "ui/numberformat.h"
#include "ui/theme.h"

#include "core/analysis/compare.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/textescape.h"
#include "core/model/params.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QBuffer>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

namespace scui {
namespace {

// Points of each growth series: enough for smooth lines, cheap for large designs.
constexpr int kGrowthPoints = 100;
// The longest side of a diagram picture, in pixels (2× for print, smaller for a big design).
constexpr double kDiagramPx = 2400;

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// Both options evaluated: each in a document of its own (the diagram draws it), compared and
// grown by core.
struct Prepared {
    Document docA, docB;
    sc::Comparison c;
    sc::Growth ga, gb;
    QString nameA, nameB;
};

QString firstError(const Document &doc)
{
    if (!doc.model() || doc.model()->errors().empty())
        return QObject::tr("it could not be evaluated");
    const sc::Issue &e = doc.model()->errors().front();
    return qs(sc::visibleControls(e.path.empty() ? e.message : e.path + ": " + e.message));
}

bool loadOption(Document &doc, const sc::Design &design, const CompareInput &in,
                const QString &name, QString *error)
{
    if (!in.catalogPath.isEmpty()) {
        const QString err = doc.loadCatalog(in.catalogPath);
        if (!err.isEmpty()) {
            if (error)
                *error = err;
            return false;
        }
    }
    doc.reset(design);
    doc.setUsers(in.users);
    if (doc.modelOk())
        return true;
    if (error)
        *error = QObject::tr("Option %1 has errors (%2); fix them before comparing")
                     .arg(name, firstError(doc));
    return false;
}

std::unique_ptr<Prepared> prepare(const CompareInput &in, QString *error)
{
    if (!std::isfinite(in.users) || in.users < 0) {
        if (error)
            *error = QObject::tr("The users to compare at must be a number of at least 0");
        return nullptr;
    }
    auto p = std::make_unique<Prepared>();
    p->nameA = in.nameA.isEmpty() ? QStringLiteral("A") : in.nameA;
    p->nameB = in.nameB.isEmpty() ? QStringLiteral("B") : in.nameB;
    if (p->nameA == p->nameB) {
        p->nameA += QStringLiteral(" (A)");
        p->nameB += QStringLiteral(" (B)");
    }
    if (!loadOption(p->docA, in.a, in, p->nameA, error) ||
        !loadOption(p->docB, in.b, in, p->nameB, error))
        return nullptr;
    p->c = sc::compareOptions(*p->docA.model(), p->nameA.toStdString(), *p->docB.model(),
                              p->nameB.toStdString(), in.users);
    p->ga = sc::growthOf(*p->docA.model(), kGrowthPoints);
    p->gb = sc::growthOf(*p->docB.model(), kGrowthPoints);
    return p;
}

// --- Pictures ---------------------------------------------------------------------------------

enum class Mark { Added, Changed, Removed };

QColor markColor(Mark m, bool dark)
{
    switch (m) {
    case Mark::Added:
        return dark ? QColor("#81c995") : QColor("#2e7d32");
    case Mark::Changed: // violet, as the compare window draws it (canvasColors().changed): an
                        // amber read as the bottleneck's orange ring beside it (QA)
        return dark ? QColor(190, 140, 255) : QColor(125, 60, 200);
    case Mark::Removed:
        break;
    }
    return dark ? QColor("#ff8a80") : QColor("#c62828");
}

bool paletteIsDark()
{
    return isDark(QApplication::palette());
}

// An option's diagram: the picture, and the size of the scene area it shows (scene units), by
// which both diagrams are laid out at one scale.
struct Diagram {
    QImage image;
    QSizeF scene;
};

// The option's diagram as the canvas draws it, with the components of `marks` outlined.
Diagram diagramPicture(Document &doc, const std::vector<std::pair<std::string, Mark>> &marks)
{
    CanvasScene scene(&doc);
    const QRectF source = diagramRect(&scene);
    const double scale =
        std::min(2.0, kDiagramPx / std::max({source.width(), source.height(), 1.0}));
    Diagram d{renderDiagramImage(&scene, scale), source.size()};
    QImage &image = d.image;
    if (image.isNull() || marks.empty())
        return d;
    // The image covers `source`: scene → pixels by its own scale (smaller when fitted).
    const double k = image.width() / std::max(1.0, source.width());
    const bool dark = paletteIsDark();
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const auto &[id, mark] : marks) {
        const ComponentItem *item = scene.componentItem(qs(id));
        if (!item)
            continue;
        const QRectF r = item->sceneBoundingRect().adjusted(-5, -5, 5, 5);
        const QRectF px((r.left() - source.left()) * k, (r.top() - source.top()) * k, r.width() * k,
                        r.height() * k);
        painter.setPen(QPen(markColor(mark, dark), 3 * k,
                            mark == Mark::Removed ? Qt::DashLine : Qt::SolidLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(px, 8 * k, 8 * k);
    }
    return d;
}

Diagram pictureOfA(Prepared &p)
{
    std::vector<std::pair<std::string, Mark>> marks;
    for (const std::string &id : p.c.diff.componentsRemoved)
        marks.emplace_back(id, Mark::Removed);
    for (const sc::ComponentChange &ch : p.c.diff.componentsChanged)
        if (ch.changedBeyondLayout())
            marks.emplace_back(ch.id, Mark::Changed);
    return diagramPicture(p.docA, marks);
}

Diagram pictureOfB(Prepared &p)
{
    std::vector<std::pair<std::string, Mark>> marks;
    for (const std::string &id : p.c.diff.componentsAdded)
        marks.emplace_back(id, Mark::Added);
    for (const sc::ComponentChange &ch : p.c.diff.componentsChanged)
        if (ch.changedBeyondLayout())
            marks.emplace_back(ch.id, Mark::Changed);
    return diagramPicture(p.docB, marks);
}

// One overlaid growth chart, `size` pixels at 1×, drawn at 2×.
QImage chartPicture(const Prepared &p, CompareChart kind, QSize size)
{
    QCustomPlot plot;
    plot.resize(size);
    plotComparison(&plot, kind, p.ga, p.gb, p.nameA, p.nameB, p.c.users, paletteIsDark());
    return plot.toPixmap(size.width(), size.height(), 2).toImage();
}

QByteArray pngOf(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

// --- The body, shared by HTML and PDF ---------------------------------------------------------

// How the body refers to a picture: its source (a data: URI or a document resource) and the
// size it is shown at (document units).
struct Picture {
    QString src;
    QSize size;
};

struct Pictures {
    Picture a, b;
    bool stacked = false; // the diagrams one above the other (wide ones), else side by side
    Picture charts[kCompareChartCount];
};

const char *const kCss = "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1d2026;}"
                         "h1{font-size:18pt;margin:0 0 2pt 0;}"
                         "h2{font-size:12.5pt;margin:12pt 0 4pt 0;color:#1f4e99;}"
                         "p.sub{color:#5a606a;margin:0 0 8pt 0;}"
                         "p.summary{font-size:10.5pt;margin:0 0 8pt 0;}"
                         "table{border-collapse:collapse;}"
                         "th{background-color:#e8ecf2;text-align:left;}"
                         "th,td{border:1px solid #c4c9d1;padding:3px 6px;vertical-align:top;}"
                         "td.num{text-align:right;white-space:nowrap;}"
                         "th.num{text-align:right;}"
                         "td.better{background-color:#e6f4ea;color:#137333;font-weight:bold;}"
                         "td.worse{background-color:#fce8e6;color:#b3261e;font-weight:bold;}"
                         "td.pic{border:none;padding:0 6px 0 0;text-align:center;}"
                         "p.note{color:#5a606a;font-size:8pt;}"
                         "p.item{margin-top:0px;margin-bottom:2px;"
                         "margin-left:120px;text-indent:-30px;}"
                         "span.added{color:#2e7d32;font-weight:bold;}"
                         "span.changed{color:#7d3cc8;font-weight:bold;}"
                         "span.removed{color:#c62828;font-weight:bold;}"
                         "img{max-width:100%;height:auto;}";

QString deltaTable(const sc::Comparison &c, const QString &tableAttrs)
{
    // Widths given: on paper the figure column was squeezed to a letter a line.
    QString h = QStringLiteral("<table%1>\n<tr><th width=\"28%\">%2</th>"
                               "<th class=\"num\" width=\"24%\">%3</th>"
                               "<th class=\"num\" width=\"24%\">%4</th>"
                               "<th class=\"num\" width=\"24%\">%5</th></tr>\n")
                    .arg(tableAttrs, htmlEscaped(QObject::tr("Figure")), htmlEscaped(c.a.name),
                         htmlEscaped(c.b.name), htmlEscaped(QObject::tr("Change (B − A)")));
    for (const sc::DeltaRow &r : c.rows) {
        const QString verdict = r.verdict > 0   ? QObject::tr(" · better")
                                : r.verdict < 0 ? QObject::tr(" · worse")
                                                : QString();
        const QString cls = r.verdict > 0   ? QStringLiteral("num better")
                            : r.verdict < 0 ? QStringLiteral("num worse")
                                            : QStringLiteral("num");
        h += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td class=\"num\">%3</td>"
                            "<td class=\"%4\">%5</td></tr>\n")
                 .arg(htmlEscaped(r.label), htmlEscaped(r.textA), htmlEscaped(r.textB), cls,
                      htmlEscaped(qs(r.textDelta) + verdict));
    }
    return h + QStringLiteral("</table>\n");
}

QString img(const Picture &p, const QString &alt)
{
    return QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\" alt=\"%4\">")
        .arg(p.src)
        .arg(p.size.width())
        .arg(p.size.height())
        .arg(htmlEscaped(alt));
}

QString diagramsBlock(const Prepared &p, const Pictures &pics)
{
    const QString a =
        QStringLiteral("<b>A: %1</b><br>%2")
            .arg(htmlEscaped(p.nameA), img(pics.a, QObject::tr("Diagram of %1").arg(p.nameA)));
    const QString b =
        QStringLiteral("<b>B: %1</b><br>%2")
            .arg(htmlEscaped(p.nameB), img(pics.b, QObject::tr("Diagram of %1").arg(p.nameB)));
    QString h = pics.stacked
                    ? QStringLiteral("<table width=\"100%\"><tr><td class=\"pic\">%1</td></tr>"
                                     "<tr><td class=\"pic\">%2</td></tr></table>\n")
                          .arg(a, b)
                    : QStringLiteral("<table width=\"100%\"><tr><td class=\"pic\" "
                                     "width=\"50%\">%1</td><td class=\"pic\" "
                                     "width=\"50%\">%2</td></tr></table>\n")
                          .arg(a, b);
    // The outlines' legend: only the kinds of change there are.
    const sc::DesignDiff &d = p.c.diff;
    QStringList kinds;
    if (!d.componentsAdded.empty())
        kinds << QStringLiteral("<span class=\"added\">%1</span>")
                     .arg(htmlEscaped(QObject::tr("green: added in B")));
    if (std::any_of(d.componentsChanged.begin(), d.componentsChanged.end(),
                    [](const sc::ComponentChange &ch) { return ch.changedBeyondLayout(); }))
        kinds << QStringLiteral("<span class=\"changed\">%1</span>")
                     .arg(htmlEscaped(QObject::tr("violet: changed")));
    if (!d.componentsRemoved.empty())
        kinds << QStringLiteral("<span class=\"removed\">%1</span>")
                     .arg(htmlEscaped(QObject::tr("red, dashed: removed (on A)")));
    if (!kinds.isEmpty())
        h += QStringLiteral("<p class=\"note\">%1 %2</p>\n")
                 .arg(htmlEscaped(QObject::tr("Outlined components —")),
                      kinds.join(QStringLiteral(" · ")));
    return h;
}

QString chartsBlock(const Pictures &pics, bool pdf)
{
    QString h =
        QStringLiteral("<h2%1>%2</h2>\n<p class=\"note\">%3</p>\n")
            .arg(pdf ? QStringLiteral(" style=\"page-break-before: always\"") : QString(),
                 htmlEscaped(QObject::tr("How they grow")),
                 htmlEscaped(QObject::tr("From 10 to 100 million daily active users; the "
                                         "dash-dotted line marks the users compared. A gap in "
                                         "the p99 line: a station on the path is overloaded.")));
    for (int k = 0; k < kCompareChartCount; ++k)
        h += QStringLiteral("<p>%1</p>\n")
                 .arg(img(pics.charts[k], compareChartTitle(CompareChart(k))));
    return h;
}

QString componentName(const sc::Design &d, const std::string &id)
{
    const sc::Component *c = d.find(id);
    return c && !c->label.empty() && c->label != id
               ? QStringLiteral("%1 (%2)").arg(qs(c->label), qs(id))
               : qs(id);
}

QString valueChanges(const std::vector<sc::ValueChange> &changes)
{
    QStringList parts;
    for (const sc::ValueChange &v : changes)
        parts << DiffMarks::valueChangeText(v);
    return parts.join(QStringLiteral(", "));
}

QStringList componentChangeLines(const Prepared &p)
{
    const sc::DesignDiff &d = p.c.diff;
    const sc::Design &a = p.docA.design(), &b = p.docB.design();
    QStringList out;
    for (const std::string &id : d.componentsAdded)
        out << QObject::tr("Added %1").arg(componentName(b, id));
    for (const std::string &id : d.componentsRemoved)
        out << QObject::tr("Removed %1").arg(componentName(a, id));
    for (const sc::ComponentChange &ch : d.componentsChanged) {
        if (!ch.changedBeyondLayout())
            continue;
        std::vector<sc::ValueChange> values;
        if (ch.kindChanged)
            values.push_back(
                {"kind", std::string(sc::kindName(ch.kindA)), std::string(sc::kindName(ch.kindB))});
        if (ch.labelChanged) {
            const sc::Component *ca = a.find(ch.id), *cb = b.find(ch.id);
            values.push_back({"label", ca ? ca->label : "", cb ? cb->label : ""});
        }
        values.insert(values.end(), ch.params.begin(), ch.params.end());
        out << QObject::tr("Changed %1: %2").arg(componentName(b, ch.id), valueChanges(values));
    }
    // Connections, groups and traffic as the text and Markdown diffs list them (this list had
    // its own copy, without the groups; review).
    for (const std::string &line : sc::otherChanges(d, false))
        out << qs(line);
    for (const sc::Comparison::ObjectiveChange &o : p.c.objectives)
        out << QObject::tr("Objectives: %1").arg(qs(o.text));
    return out;
}

QStringList warningChangeLines(const sc::Comparison &c)
{
    QStringList out;
    for (const sc::WarningChange &w : c.warningChanges) {
        const QString where = w.warning.componentId.empty()
                                  ? QString()
                                  : QObject::tr(" at %1").arg(qs(w.warning.componentId));
        out << (w.added ? QObject::tr("Only in B: %1%2 — %3") : QObject::tr("Only in A: %1%2 — %3"))
                   .arg(qs(w.warning.code), where, qs(w.warning.message));
    }
    return out;
}

// A heading and its lines, a bullet each. On paper (`pdf`) a paragraph per line with its bullet
// written: QTextDocument numbers a list's items by searching the list for each one, so a list of
// 20,000 (a design of 10,000 components against one of 10) took half a minute to lay out (QA).
QString listBlock(const QString &title, const QStringList &lines, const QString &none, bool pdf)
{
    QString h = QStringLiteral("<h2>%1</h2>\n").arg(htmlEscaped(title));
    if (lines.isEmpty())
        return h + QStringLiteral("<p>%1</p>\n").arg(htmlEscaped(none));
    if (pdf) {
        for (const QString &l : lines)
            h += QStringLiteral("<p class=\"item\">\u2022 %1</p>\n").arg(htmlEscaped(l));
        return h;
    }
    h += QStringLiteral("<ul>\n");
    for (const QString &l : lines)
        h += QStringLiteral("<li>%1</li>\n").arg(htmlEscaped(l));
    return h + QStringLiteral("</ul>\n");
}

QString reportTitle(const Prepared &p)
{
    return QObject::tr("%1 vs %2").arg(p.nameA, p.nameB);
}

QString body(const Prepared &p, const Pictures &pics, bool pdf)
{
    const sc::Catalog &cat = p.docA.catalog();
    const QString tableAttrs =
        pdf ? QStringLiteral(" border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\"")
            : QStringLiteral(" width=\"100%\"");
    QString h = QStringLiteral("<h1>%1</h1>\n").arg(htmlEscaped(reportTitle(p)));
    h += QStringLiteral("<p class=\"sub\">%1</p>\n")
             .arg(htmlEscaped(QObject::tr("Comparison at %1 · AWS %2 prices of %3 · "
                                          "ScaleCanvas %4")
                                  .arg(formatDailyActiveUsers(p.c.users), qs(cat.region),
                                       qs(cat.date), qs(std::string(sc::kAppVersion)))));
    h += QStringLiteral("<p class=\"summary\">%1</p>\n")
             .arg(htmlEscaped(sc::comparisonSummary(p.c)));
    h += deltaTable(p.c, tableAttrs);
    h += QStringLiteral("<h2>%1</h2>\n").arg(htmlEscaped(QObject::tr("The two designs")));
    h += diagramsBlock(p, pics);
    h += chartsBlock(pics, pdf);
    h += QStringLiteral("<div%1>").arg(pdf ? QStringLiteral(" style=\"page-break-before: always\"")
                                           : QString());
    h += listBlock(QObject::tr("What B changes"), componentChangeLines(p),
                   QObject::tr("The two designs have the same components and connections."), pdf);
    h += listBlock(QObject::tr("Warnings that differ"), warningChangeLines(p.c),
                   QObject::tr("Both options raise the same warnings."), pdf);
    return h + QStringLiteral("</div>\n");
}

// A picture shown within `box` (document units), keeping its aspect; `natural` is its size at
// 1× (the pictures are drawn at 2×).
QSize fitted(QSize natural, QSizeF box)
{
    const double k = std::min({1.0, box.width() / std::max(1, natural.width()),
                               box.height() / std::max(1, natural.height())});
    return {std::max(1, int(natural.width() * k)), std::max(1, int(natural.height() * k))};
}

struct Rendered {
    Diagram a, b;
    QImage charts[kCompareChartCount];
};

// Both diagrams (outlined) and the four charts, each chart `chartSize` at 1×.
Rendered render(Prepared &p, QSize chartSize)
{
    Rendered r;
    r.a = pictureOfA(p);
    r.b = pictureOfB(p);
    for (int k = 0; k < kCompareChartCount; ++k)
        r.charts[k] = chartPicture(p, CompareChart(k), chartSize);
    return r;
}

// The size a diagram is shown at `unitsPerScene` document units a scene unit.
QSize atScale(const Diagram &d, double unitsPerScene)
{
    return {std::max(1, int(d.scene.width() * unitsPerScene)),
            std::max(1, int(d.scene.height() * unitsPerScene))};
}

// The sizes the pictures are shown at in a text `width` wide (document units): the diagrams
// together at most `diagramHeight` high, the charts as wide as the text.
Pictures layOut(const Rendered &r, double width, double diagramHeight)
{
    Pictures pics;
    // Both diagrams at one scale, so that equal boxes look equal: the smaller of the two fits
    // (each fitted on its own, the regions' B, twice as tall as A, came out at half A's scale:
    // 3-point text on A4; QA). Side by side, or stacked when that gives the larger scale (wide
    // diagrams), the height then shared in proportion to theirs. Document units a scene unit,
    // never past a picture's 1× size (they are drawn at 2×).
    const auto most = [](const Diagram &d) {
        return d.image.isNull() ? 1.0 : d.image.width() / 2.0 / std::max(1.0, d.scene.width());
    };
    const double wa = std::max(1.0, r.a.scene.width()), ha = std::max(1.0, r.a.scene.height());
    const double wb = std::max(1.0, r.b.scene.width()), hb = std::max(1.0, r.b.scene.height());
    const double side = width / 2 - 12;
    const double bySide = std::min(
        {most(r.a), most(r.b), side / wa, side / wb, diagramHeight / ha, diagramHeight / hb});
    const double stacked =
        std::min({most(r.a), most(r.b), width / wa, width / wb, (diagramHeight - 20) / (ha + hb)});
    pics.stacked = stacked > bySide;
    const double scale = std::max(stacked, bySide);
    pics.a.size = atScale(r.a, scale);
    pics.b.size = atScale(r.b, scale);
    for (int k = 0; k < kCompareChartCount; ++k)
        pics.charts[k].size = fitted(r.charts[k].size() / 2, QSizeF(width, 10000));
    return pics;
}

QString markdownOf(const Prepared &p)
{
    const sc::Catalog &cat = p.docA.catalog();
    QString s = QStringLiteral("# %1\n\n").arg(qs(sc::markdownCell(reportTitle(p).toStdString())));
    s += QStringLiteral("Comparison at %1; AWS %2 prices of %3; ScaleCanvas "
                        "%4.\n\n")
             .arg(formatDailyActiveUsers(p.c.users), qs(sc::markdownCell(cat.region)),
                  qs(sc::markdownCell(cat.date)), qs(std::string(sc::kAppVersion)));
    return s + qs(sc::visibleControls(sc::comparisonToMarkdown(p.c), true));
}

} // namespace

std::optional<CompareFormat> compareFormatFor(const QString &path)
{
    const QString s = QFileInfo(path).suffix().toLower();
    if (s == QLatin1String("pdf"))
        return CompareFormat::Pdf;
    if (s == QLatin1String("html") || s == QLatin1String("htm"))
        return CompareFormat::Html;
    if (s == QLatin1String("md"))
        return CompareFormat::Markdown;
    return std::nullopt;
}

std::optional<CompareInput> compareVariants(const Document &doc, const QString &variantA,
                                            const QString &variantB)
{
    const sc::Design file = doc.fileDesign();
    std::optional<sc::Design> a = sc::optionDesign(file, variantA.toStdString());
    std::optional<sc::Design> b = sc::optionDesign(file, variantB.toStdString());
    if (!a || !b)
        return std::nullopt;
    const auto nameOf = [&doc](const QString &variant) {
        return variant.isEmpty() ? doc.designName() : variant;
    };
    CompareInput in;
    in.a = std::move(*a);
    in.b = std::move(*b);
    in.nameA = nameOf(variantA);
    in.nameB = nameOf(variantB);
    in.users = doc.users();
    in.catalogPath = doc.catalogPath();
    in.sourcePaths << doc.filePath();
    return in;
}

QByteArray comparisonMarkdown(const CompareInput &in, QString *error)
{
    const std::unique_ptr<Prepared> p = prepare(in, error);
    return p ? markdownOf(*p).toUtf8() : QByteArray();
}

QByteArray comparisonHtml(const CompareInput &in, QString *error)
{
    const std::unique_ptr<Prepared> p = prepare(in, error);
    if (!p)
        return {};
    constexpr double kWidth = 920;
    const Rendered r = render(*p, QSize(900, 300));
    Pictures pics = layOut(r, kWidth, 520);
    const auto uri = [](const QImage &image) {
        return QStringLiteral("data:image/png;base64,") +
               QString::fromLatin1(pngOf(image).toBase64());
    };
    pics.a.src = uri(r.a.image);
    pics.b.src = uri(r.b.image);
    for (int k = 0; k < kCompareChartCount; ++k)
        pics.charts[k].src = uri(r.charts[k]);
    QString h =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"generator\" content=\"ScaleCanvas %1\">\n<title>%2</title>\n"
                       "<style>%3 body{max-width:960px;margin:24px auto;padding:0 16px;}"
                       " table{margin-bottom:6px;}</style>\n</head>\n<body>\n")
            .arg(qs(std::string(sc::kAppVersion)), htmlEscaped(reportTitle(*p)),
                 QLatin1String(kCss));
    h += body(*p, pics, false);
    h += QStringLiteral("</body>\n</html>\n");
    return h.toUtf8();
}

QByteArray comparisonPdf(const CompareInput &in, QString *error)
{
    const std::unique_ptr<Prepared> p = prepare(in, error);
    if (!p)
        return {};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    setUpReportPdf(pdf, reportTitle(*p));
    QTextDocument text;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8.5);
    text.setDefaultFont(withoutLigatures(font));
    text.setDefaultStyleSheet(QLatin1String(kCss));
    text.setDocumentMargin(0);
    // The text area in document units (96 dpi): the page less print()'s 2 cm margins.
    const QSizeF paint =
        (pdf.pageLayout().fullRect(QPageLayout::Inch).size() - QSizeF(4 / 2.54, 4 / 2.54)) * 96;
    const double width = paint.width() * 0.96;
    // Four charts and their heading fill page 2.
    const int chartH = int((paint.height() - 90) / kCompareChartCount) - 14;
    const Rendered r = render(*p, QSize(int(width), chartH));
    Pictures pics = layOut(r, width, paint.height() * 0.46);
    const auto resource = [&text](const QImage &image, const QString &name) {
        const QUrl url(QStringLiteral("sc:") + name);
        text.addResource(QTextDocument::ImageResource, url, image);
        return url.toString();
    };
    pics.a.src = resource(r.a.image, QStringLiteral("a.png"));
    pics.b.src = resource(r.b.image, QStringLiteral("b.png"));
    for (int k = 0; k < kCompareChartCount; ++k)
        pics.charts[k].src = resource(r.charts[k], QStringLiteral("chart%1.png").arg(k));
    text.setHtml(QStringLiteral("<html><body>%1</body></html>").arg(body(*p, pics, true)));
    printPaged(text, pdf);
    if (bytes.isEmpty() && error)
        *error = QObject::tr("Could not render the comparison report");
    return bytes;
}

QString exportComparison(const CompareInput &in, const QString &path, ExportTheme theme,
                         bool *writeFailed)
{
    ScopedExportTheme printTheme(theme);
    if (writeFailed)
        *writeFailed = false;
    const std::optional<CompareFormat> format = compareFormatFor(path);
    if (!format) {
        if (writeFailed)
            *writeFailed = true;
        return QObject::tr("A comparison report is a .pdf, .html or .md file, not \"%1\"")
            .arg(QFileInfo(path).fileName());
    }
    // The report must not replace a design it compares (same path, ./x, a link to it).
    for (const QString &source : in.sourcePaths) {
        std::error_code ec;
        if (!source.isEmpty() &&
            std::filesystem::equivalent(source.toStdString(), path.toStdString(), ec) && !ec) {
            if (writeFailed)
                *writeFailed = true;
            return QObject::tr("The report would overwrite the design file %1; choose another "
                               "name")
                .arg(source);
        }
    }
    QString error;
    const QByteArray bytes = *format == CompareFormat::Pdf    ? comparisonPdf(in, &error)
                             : *format == CompareFormat::Html ? comparisonHtml(in, &error)
                                                              : comparisonMarkdown(in, &error);
    if (bytes.isEmpty())
        return error.isEmpty() ? QObject::tr("Could not render the comparison report") : error;
    const QString err = writeBytesAtomic(path, bytes);
    if (writeFailed)
        *writeFailed = !err.isEmpty();
    return err;
}

} // namespace scui
