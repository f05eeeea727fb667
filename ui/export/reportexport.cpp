#include "reportexport.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/charts/growthcharts.h"
#include "ui/document.h"
#include "ui/export/diagramexport.h"
#include "ui/numberformat.h"
#include "ui/timeline/timelinerun.h"

#include "core/analysis/limits.h"
#include "core/analysis/money.h"
#include "core/analysis/report.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/textescape.h"

#include <qcustomplot.h>

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QScopeGuard>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextObjectInterface>
#include <QTextOption>

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <numeric>

namespace scui {
namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

const QLocale &enUs()
{
    static const QLocale c(QLocale::English, QLocale::UnitedStates);
    return c;
}

// An amount of a report table: its cents while the report is exact, else the amount itself
// (scientific notation beyond sc::kMoneyBeyondUsd).
QString amountText(const ReportLines &lines, qint64 cents, double usd,
                   sc::MoneyStyle style = sc::MoneyStyle::Text)
{
    return qs(lines.exact ? sc::formatCents(cents, style) : sc::formatUsd(usd, style));
}
QString totalText(const ReportLines &lines, sc::MoneyStyle style = sc::MoneyStyle::Text)
{
    return amountText(lines, lines.totalCents, lines.totalUsd, style);
}
QString lineText(const ReportLines &lines, const ReportLine &l,
                 sc::MoneyStyle style = sc::MoneyStyle::Text)
{
    return amountText(lines, l.cents, l.usd, style);
}

QString number(double v, int significant = 4)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    // Past four digits in full, with separators: 'g' wrote "1E+06" requests a day (QA).
    if (std::abs(v) >= 9999.5)
        return formatFullCount(v);
    return enUs().toString(v, 'g', significant);
}

QString componentLabel(const sc::Design &d, const std::string &id)
{
    const sc::Component *c = d.find(id);
    return c ? qs(c->shownName()) : qs(id);
}

// Nines and downtime as every view writes them (core: never overstated).
QString downtimeText(double minutes)
{
    return QString::fromStdString(sc::formatDowntime(minutes));
}

QString ninesText(double availability)
{
    return QString::fromStdString(sc::formatNines(availability));
}

// Why a design has no latency: a station overloaded, or no request served at all (the reports
// said "overloaded" and "the p99 meets … at every user count" where nothing is served; QA).
QString noLatencyText(const sc::Evaluation &ev)
{
    return sc::stationOverloaded(ev) ? QObject::tr("unbounded: a station is overloaded")
                                     : QObject::tr("none: no dynamic request is served");
}

// The traffic block as (title, value, unit) rows, in the file's field order.
struct Assumption {
    QString name, value, note;
};
std::vector<Assumption> trafficRows(const sc::Traffic &t)
{
    return {
        {QObject::tr("Daily active users (file)"), formatFullCount(t.users), {}},
        {QObject::tr("Requests per user per day"), number(t.requestsPerUserPerDay), {}},
        {QObject::tr("Write fraction"), formatPercent(t.writeFraction, 1),
         QObject::tr("of dynamic requests")},
        {QObject::tr("Peak to average"), number(t.peakToAverage) + QStringLiteral("×"), {}},
        {QObject::tr("Static fetches per request"), number(t.staticPerRequest), {}},
        {QObject::tr("API calls per page"), number(t.callsPerPage),
         QObject::tr("one after another (the page time)")},
        {QObject::tr("KB per request"), number(t.kbPerRequest), {}},
        {QObject::tr("KB per static fetch"), number(t.kbPerStatic), {}},
        {QObject::tr("Background jobs per write"), number(t.asyncPerWrite), {}},
        {QObject::tr("Network RTT"), number(t.networkRttMs) + QStringLiteral(" ms"), {}},
    };
}

QString pricingText(const sc::Component &c, const sc::Catalog &catalog)
{
    if (!c.runsInstances())
        return QObject::tr("managed / usage");
    const std::string p = c.text("pricing");
    // An auto-scaled tier at reserved pricing reserves its minimum and runs the rest on demand
    // (docs/model.md "Cost"; GUI QA: the row read "reserved" beside a bill half on demand).
    if (p == "reserved" && c.autoscale && catalog.pricingFactor("reserved") != 1)
        return QObject::tr("reserved %1, on-demand above").arg(c.autoscale->min);
    return p.empty() ? QStringLiteral("—") : qs(sc::choiceText(p)); // "on-demand", not "onDemand"
}

// --- The diagram as a vector object inside a QTextDocument -------------------------------------

constexpr int kDiagramObject = QTextFormat::UserObject + 1;

class DiagramObject : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)

public:
    DiagramObject(CanvasScene *scene, QSizeF size, QObject *parent)
        : QObject(parent)
        , m_scene(scene)
        , m_size(size)
    {
    }

    // `size` is in document units (96 dpi); the layout works in its paint device's units.
    QSizeF intrinsicSize(QTextDocument *doc, int, const QTextFormat &) override
    {
        const QPaintDevice *device = doc->documentLayout()->paintDevice();
        const qreal scale = device ? device->logicalDpiX() / 96.0 : 1.0;
        return m_size * scale;
    }

    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *, int,
                    const QTextFormat &) override
    {
        // Rendered straight into the PDF painter: vectors and real text, fonts embedded.
        const QRectF source = diagramRect(m_scene);
        const QStringList selection = m_scene->selectedIds();
        const bool snap = m_scene->snapToGrid();
        m_scene->clearSelection();
        m_scene->setSnapToGrid(false);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setRenderHint(QPainter::TextAntialiasing);
        painter->setFont(withoutLigatures(painter->font()));
        m_scene->render(painter, rect, source, Qt::KeepAspectRatio);
        painter->restore();
        m_scene->setSnapToGrid(snap);
        m_scene->selectIds(selection);
    }

private:
    CanvasScene *m_scene;
    QSizeF m_size;
};

// Past this many components the report shows the diagram as a picture of bounded size, not as
// vectors: 10,000 components as inline SVG were 118 MB of HTML, and as PDF vectors 81 s.
constexpr size_t kVectorDiagramComponents = 300;
// The longest side of that picture, in pixels (at 2× for print: 18 cm at 280 dpi).
constexpr double kDiagramPicturePx = 2000;

bool diagramAsPicture(const sc::Design &d)
{
    return d.components.size() > kVectorDiagramComponents;
}

// The whole diagram scaled down to fit kDiagramPicturePx, as PNG bytes.
QByteArray diagramPicture(CanvasScene *scene)
{
    const QRectF source = diagramRect(scene);
    const double k = std::min(1.0, kDiagramPicturePx / std::max(source.width(), source.height()));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    renderDiagramImage(scene, k).save(&buffer, "PNG");
    return png;
}

QString diagramPictureNote(const sc::Design &d, CanvasScene *scene)
{
    const QString count =
        QLocale(QLocale::English, QLocale::UnitedStates).toString(qulonglong(d.components.size()));
    // A PDF page is at most 200 inches a side: a diagram larger than that is shrunk there too
    // (GUI QA: the advice sent a design of 10,000 to a PDF drawn at 0.036×).
    if (fitDiagram(diagramRect(scene), 1, DiagramFormat::Pdf).scale < 1)
        return QObject::tr("The design has %1 components: the diagram is shown as a picture. "
                           "Export it as SVG for every detail (a PDF page, at most 200 inches "
                           "a side, holds it only shrunk).")
            .arg(count);
    return QObject::tr("The design has %1 components: the diagram is shown as a picture. "
                       "Export it as SVG or PDF for every detail.")
        .arg(count);
}

// The cost-vs-users chart of the growth charts, rendered off screen.
QImage costChart(Document *doc, int width, int height, double scale)
{
    GrowthCharts charts(doc);
    charts.resize(width, height);
    charts.flush();
    QCustomPlot *plot = charts.chart(GrowthCharts::ChartKind::Cost);
    return plot->toPixmap(width, height, scale).toImage();
}

// Rows the HTML and PDF reports give the component tables, the SPOF list and the warnings: a
// design of 10,000 components would otherwise make a report of thousands of pages. Past the
// limit the components with the highest monthly cost (then utilization) are listed and the rest
// summed in one row; the CSV and Markdown reports keep every line.
constexpr size_t kReportRows = 60;

struct Context {
    const sc::Design &design;
    const sc::Model &model;
    const sc::Evaluation &ev;
    ReportLines lines;
    std::vector<qint64> subtotalCents; // per component, when the lines are exact
    std::vector<double> subtotalUsd;   // per component
    std::vector<char> listed;          // per component: has its own rows in the tables
    size_t unlisted = 0;
    // The components table's figures: each component without its data transfer, which has a
    // row of its own (bytes leaving through a load balancer are not the balancer's bill).
    std::vector<qint64> ownCents;
    std::vector<double> ownUsd;
    qint64 transferCents = 0;
    double transferUsd = 0;
    // What the report is of, as the window's title says it: the design's name, or with a variant
    // shown "Design — variant: NAME" (QA: a variant's report read as a design of its own).
    QString title;
};

// A wall's user count: whole, or below one user as it is (a wall at 0.96 users read "1 users",
// above the wall evaluate gives; QA).
QString wallCount(double users)
{
    return formatFullCount(users < 1 ? users : std::round(users));
}

QString perUserText(const sc::Evaluation &ev, double perUser)
{
    // Nobody to share the bill at 0 users: no figure rather than $0.
    return ev.users > 0 ? formatUsdSmall(perUser) : QStringLiteral("—");
}

// The amount of `cents`/`usd` as the report's lines print it.
QString moneyOf(const Context &x, qint64 cents, double usd)
{
    return amountText(x.lines, cents, usd);
}

// The report's headline (DESIGN.md "Service level and overload"): the objective, both walls,
// availability against the objective, and what the peak serves and fails. Sentences, plain text.
QStringList headline(const Context &x)
{
    const sc::Slo &slo = x.design.slo;
    const sc::Evaluation &ev = x.ev;
    QStringList out;
    QString objective = QObject::tr("Objective: p99 at most %1, availability at least %2")
                            .arg(formatLatency(slo.p99Ms), formatAvailability(slo.availability));
    if (slo.monthlyBudgetUsd)
        objective += QObject::tr(", a budget of %1 a month").arg(formatUsd(*slo.monthlyBudgetUsd));
    out << objective + QLatin1Char('.');
    const std::optional<double> sloWall = x.model.sloMaxUsers();
    const QString p99 = formatLatency(slo.p99Ms);
    QString walls;
    if (sc::servesNothing(ev)) {
        // No wall to grow to (as the status bar and the comparison say it: "57.6M users, where
        // ALB reaches 100%" beside 100% failing; review).
        walls = QObject::tr("No walls: no dynamic request is served, so none to grow to, and no "
                            "latency to hold to %1")
                    .arg(p99);
    } else {
        walls = ev.maxUsers
                    ? QObject::tr("Wall: %1 users, where %2 reaches 100%")
                          .arg(wallCount(*ev.maxUsers),
                               ev.wallComponent >= 0
                                   ? qs(x.design.components[size_t(ev.wallComponent)].shownName())
                                   : QObject::tr("the first station"))
                    : QObject::tr("No wall below %1 users").arg(formatFullCount(sc::kMaxUsers));
        // Held at the saturation wall, the p99 meets the objective up to it, as the growth charts
        // say (review: "past which the p99 exceeds 500 ms" beside a p99 of 80 ms).
        walls += sc::latencyWallHeldAtWall(sloWall, ev.maxUsers)
                     ? QObject::tr("; the p99 meets %1 up to it").arg(p99)
                 : sloWall && *sloWall > 0
                     ? QObject::tr("; latency wall: %1 users, past which the p99 exceeds %2")
                           .arg(wallCount(*sloWall), p99)
                 : sloWall ? QObject::tr("; latency wall: the p99 exceeds %1 even at %2 users")
                                 .arg(p99, formatFullCount(sc::kMinUsers))
                           // (Up to the sweep's top, as `evaluate` says it: "at every user count"
                           // read beside a saturation wall of 28.8 billion users; QA.)
                           : QObject::tr("; the p99 meets %1 up to %2 users")
                                 .arg(p99, formatFullCount(sc::kMaxUsers));
    }
    out << walls + QLatin1Char('.');
    // (The two apart where they differ: "99.90% is below the objective of 99.90%"; QA.)
    const auto [shown, goal] = sc::formatAvailabilitiesApart(ev.availability, slo.availability);
    out << (ev.availability >= slo.availability
                ? QObject::tr("Availability %1 meets the objective of %2.")
                : QObject::tr("Availability %1 is below the objective of %2."))
               .arg(QString::fromStdString(shown), QString::fromStdString(goal));
    if (ev.errorRatePeak > 0)
        out << QObject::tr("At the peak %1 of dynamic requests fail; %2 are served.")
                   .arg(formatFailShare(ev.errorRatePeak), formatFullRps(ev.goodputRps));
    if (slo.monthlyBudgetUsd)
        out << (ev.monthlyCostUsd <= *slo.monthlyBudgetUsd
                    ? QObject::tr("The monthly cost is within the budget.")
                    : QObject::tr("The monthly cost is over the budget."));
    return out;
}

enum class Target { Html, Pdf };

const char *const kCss = "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1d2026;}"
                         "h1{font-size:18pt;margin:0 0 2pt 0;}"
                         "h2{font-size:12.5pt;margin:12pt 0 4pt 0;color:#1f4e99;}"
                         "p.sub{color:#5a606a;margin:0 0 8pt 0;}"
                         "p.headline{margin:0 0 8pt 0;}"
                         "table{border-collapse:collapse;}"
                         "th{background-color:#e8ecf2;text-align:left;}"
                         "th,td{border:1px solid #c4c9d1;padding:3px 6px;vertical-align:top;}"
                         "td.num,th.num{text-align:right;white-space:nowrap;}"
                         "td.fig{text-align:right;}"
                         "tr.sub td{background-color:#f4f6f9;font-weight:bold;}"
                         "tr.total td{background-color:#dde4ee;font-weight:bold;}"
                         "td.code{font-family:'DejaVu Sans Mono',monospace;white-space:nowrap;}"
                         "p.note{color:#5a606a;font-size:8pt;}"
                         "td.owner{color:#8a9099;}"
                         ".diagram svg{max-width:100%;height:auto;border:1px solid #c4c9d1;}"
                         "img.chart{max-width:100%;height:auto;}";

// A rate in a table cell that may wrap: between the number and its unit, never inside "req/s"
// (a line may break after a slash: "100,000 req/" over "s").
QString loadCell(double rps)
{
    QString text = htmlEscaped(formatFullRps(rps));
    text.replace(QStringLiteral("req/s"), QStringLiteral("req/\u2060s")); // a word joiner
    return text;
}

// The length of the run of non-space characters that holds text[i].
qsizetype runLength(const QString &text, qsizetype i)
{
    qsizetype from = i, to = i;
    while (from > 0 && !text[from - 1].isSpace())
        --from;
    while (to + 1 < text.size() && !text[to + 1].isSpace())
        ++to;
    return to - from + 1;
}

// Design text for a PDF's table cell: a PDF breaks lines between words only
// (breakBetweenWordsOnly), so a word longer than 20 characters (a label of 110 x's: the table ran
// off the page) is given a zero-width space every 10, where a line may break. As typed elsewhere.
QString wrappable(const QString &text, bool pdf)
{
    if (!pdf)
        return text;
    QString out;
    out.reserve(text.size());
    qsizetype run = 0, sinceBreak = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        run = ch.isSpace() ? 0 : run + 1;
        sinceBreak = ch.isSpace() ? 0 : sinceBreak + 1;
        out += ch;
        // (Never between the halves of a surrogate pair.)
        if (sinceBreak >= 10 && !ch.isHighSurrogate() && i + 1 < text.size() &&
            !text[i + 1].isSpace() && (run >= 20 || runLength(text, i) > 20)) {
            out += QChar(0x200B);
            sinceBreak = 0;
        }
    }
    return out;
}

// The components table: one row per listed component, one for the rest, the total.
void componentsTable(const Context &x, QString &h, const QString &tableAttrs, bool pdf)
{
    const sc::Design &d = x.design;
    h += QStringLiteral("<h2>%1</h2>\n<table%2>\n")
             .arg(htmlEscaped(QObject::tr("Components")), tableAttrs);
    // (A header row in <thead>: a PDF repeats it on each page the table runs onto; QA.)
    h += QStringLiteral("<thead><tr><th>%1</th><th>%2</th><th class=\"num\">%3</th><th>%4</th><th "
                        "class=\"num\">%5</th>"
                        "<th class=\"num\">%6</th><th class=\"num\">%7</th></tr></thead>\n")
             .arg(htmlEscaped(QObject::tr("Component")), htmlEscaped(QObject::tr("Kind")),
                  htmlEscaped(QObject::tr("Instances")), htmlEscaped(QObject::tr("Pricing")),
                  htmlEscaped(QObject::tr("Load")), htmlEscaped(QObject::tr("Utilization")),
                  htmlEscaped(QObject::tr("Monthly")));
    qint64 restCents = 0;
    double restUsd = 0;
    for (size_t i = 0; i < d.components.size(); ++i) {
        if (!x.listed[i]) {
            restCents += x.ownCents[i];
            restUsd += x.ownUsd[i];
            continue;
        }
        const sc::Component &c = d.components[i];
        const sc::ComponentResult &r = x.ev.components[i];
        QString util = r.station ? formatPercent(r.utilization) : QStringLiteral("—"), why;
        if (r.overloaded)
            why = QObject::tr("overloaded");
        if (r.errorRps > 0 && r.arrivalRps > 0) // as the box says it
            why += (why.isEmpty() ? QString() : QStringLiteral(" · ")) +
                   QObject::tr("%1 fail").arg(formatFailShare(r.errorRps / r.arrivalRps));
        // On a line of its own under the percentage, and the cell (as the load's: "34,722,222
        // req/s") may wrap between its words: "109% overloaded · 43% fail" on one line squeezed
        // the other columns to a few letters, and at 10¹⁰ users "overloaded · >99% fail" and the
        // loads still broke "Component" and "CloudFront" mid-word (QA).
        QString utilHtml = htmlEscaped(util);
        if (!why.isEmpty())
            utilHtml += QStringLiteral("<br>") + htmlEscaped(why);
        QString name = htmlEscaped(wrappable(qs(c.shownName()), pdf));
        if (r.spof)
            name += QStringLiteral(" <b>[SPOF]</b>");
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td class=\"num\">%3</td><td>%4</td><td "
                            "class=\"fig\">%5</td>"
                            "<td class=\"fig\">%6</td><td class=\"num\">%7</td></tr>\n")
                 .arg(name, htmlEscaped(qs(std::string(sc::kindTitle(c.kind)))),
                      htmlEscaped(c.runsInstances() ? formatCount(r.instances)
                                                    : QStringLiteral("—")),
                      htmlEscaped(pricingText(c, x.model.catalog())), loadCell(r.arrivalRps),
                      utilHtml, htmlEscaped(moneyOf(x, x.ownCents[i], x.ownUsd[i])));
    }
    if (x.unlisted > 0)
        h += QStringLiteral("<tr><td colspan=\"6\">%1</td><td class=\"num\">%2</td></tr>\n")
                 .arg(htmlEscaped(QObject::tr("… %1 more components, listed in the CSV report")
                                      .arg(enUs().toString(qulonglong(x.unlisted)))),
                      htmlEscaped(moneyOf(x, restCents, restUsd)));
    if (x.transferUsd != 0)
        h += QStringLiteral("<tr><td colspan=\"6\">%1</td><td class=\"num\">%2</td></tr>\n")
                 .arg(htmlEscaped(
                          QObject::tr("Data transfer (leaving the design; line items below)")),
                      htmlEscaped(moneyOf(x, x.transferCents, x.transferUsd)));
    h += QStringLiteral("<tr class=\"total\"><td colspan=\"6\"><b>%1</b></td><td "
                        "class=\"num\"><b>%2</b></td></tr>\n")
             .arg(htmlEscaped(QObject::tr("Total")), htmlEscaped(totalText(x.lines)));
    h += QStringLiteral("</table>\n");
    if (x.transferUsd != 0) // the diagram's boxes and the line items count it with its component
        h += QStringLiteral("<p class=\"note\">%1</p>\n")
                 .arg(htmlEscaped(QObject::tr(
                     "Monthly: each component's own bill. The data transfer that leaves through "
                     "a component is on the row of its own above; the diagram's boxes and the "
                     "line items below count it with that component.")));
}

// The line items of the listed components, grouped with a subtotal each; the rest in one row.
void lineItemsTable(const Context &x, QString &h, const QString &tableAttrs, bool pdf)
{
    h += QStringLiteral("<h2>%1</h2>\n<table%2>\n")
             .arg(htmlEscaped(QObject::tr("Line items (USD per month)")), tableAttrs);
    h += QStringLiteral("<thead><tr><th>%1</th><th>%2</th><th class=\"num\">%3</th></tr></thead>\n")
             .arg(htmlEscaped(QObject::tr("Component")), htmlEscaped(QObject::tr("Item")),
                  htmlEscaped(QObject::tr("Monthly")));
    int current = -2;
    qint64 restCents = 0;
    double restUsd = 0;
    for (const ReportLine &l : x.lines.lines) {
        if (l.component >= 0 && !x.listed[size_t(l.component)]) {
            restCents += l.cents;
            restUsd += l.usd;
            continue;
        }
        if (l.component != current) {
            current = l.component;
            const QString sub = l.component >= 0 ? moneyOf(x, x.subtotalCents[size_t(l.component)],
                                                           x.subtotalUsd[size_t(l.component)])
                                                 : lineText(x.lines, l);
            h += QStringLiteral("<tr class=\"sub\"><td colspan=\"2\"><b>%1</b></td><td "
                                "class=\"num\"><b>%2</b></td></tr>\n")
                     .arg(htmlEscaped(wrappable(l.componentLabel, pdf)), htmlEscaped(sub));
        }
        // On paper each item names its component, dimmed: a page break after the group's row
        // left the items on the next page with no component (QA: "Postgres" at page 2's foot,
        // its Multi-AZ instance and storage under a blank cell on page 3).
        h += QStringLiteral("<tr><td class=\"owner\">%1</td><td>%2</td><td class=\"num\">%3</td>"
                            "</tr>\n")
                 .arg(pdf ? htmlEscaped(wrappable(l.componentLabel, pdf)) : QString(),
                      htmlEscaped(wrappable(l.item, pdf)), htmlEscaped(lineText(x.lines, l)));
    }
    if (x.unlisted > 0)
        h += QStringLiteral("<tr class=\"sub\"><td colspan=\"2\"><b>%1</b></td><td "
                            "class=\"num\"><b>%2</b></td></tr>\n")
                 .arg(htmlEscaped(QObject::tr("… the line items of %1 more components (see the CSV "
                                              "report)")
                                      .arg(enUs().toString(qulonglong(x.unlisted)))),
                      htmlEscaped(moneyOf(x, restCents, restUsd)));
    h += QStringLiteral("<tr class=\"total\"><td colspan=\"2\"><b>%1</b></td><td "
                        "class=\"num\"><b>%2</b></td></tr>\n")
             .arg(htmlEscaped(QObject::tr("Total")), htmlEscaped(totalText(x.lines)));
    h += QStringLiteral("<tr><td colspan=\"2\">%1</td><td class=\"num\">%2</td></tr>\n")
             .arg(htmlEscaped(QObject::tr("Per user")),
                  htmlEscaped(perUserText(x.ev, x.ev.costPerUserUsd)));
    h += QStringLiteral("<tr><td colspan=\"2\">%1</td><td class=\"num\">%2</td></tr>\n")
             .arg(htmlEscaped(QObject::tr("Per 1,000 users")),
                  htmlEscaped(perUserText(x.ev, x.ev.costPerUserUsd * 1000)));
    h += QStringLiteral("</table>\n");
    h += QStringLiteral("<p class=\"note\">%1</p>\n")
             .arg(htmlEscaped(
                 x.lines.exact
                     ? QObject::tr("Amounts are rounded to the cent so that they add up to "
                                   "the total. Auto-scaled tiers are billed at their "
                                   "time-weighted count over a day (at reserved pricing, "
                                   "their minimum reserved and the rest on demand).")
                     : QString::fromUtf8(sc::kMoneyBeyondNote)));
    if (x.ev.errorRatePeak > 0)
        h += QStringLiteral("<p class=\"note\">%1</p>\n")
                 .arg(htmlEscaped(QString::fromUtf8(sc::kBillOfferedNote)));
}

// The report as HTML; `diagram` and `chart` are what goes in their place. `chartOnFirst`: the
// cost chart right after the diagram (on paper, where page 1 has room for it) rather than after
// the line items.
QString reportBody(const Context &x, Target target, const QString &diagram, const QString &chart,
                   bool chartOnFirst = false)
{
    const sc::Design &d = x.design;
    const sc::Evaluation &ev = x.ev;
    const sc::Catalog &cat = x.model.catalog();
    const bool pdf = target == Target::Pdf;
    const QString tableAttrs =
        pdf ? QStringLiteral(" border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\"")
            : QStringLiteral(" width=\"100%\"");
    QString h;
    h += QStringLiteral("<h1>%1</h1>\n").arg(htmlEscaped(x.title));
    h +=
        QStringLiteral("<p class=\"sub\">%1</p>\n")
            .arg(htmlEscaped(QObject::tr("Cost report at %1 · AWS %2 prices of %3 · ScaleCanvas %4")
                                 .arg(formatDailyActiveUsers(ev.users), qs(cat.region),
                                      qs(cat.date), qs(std::string(sc::kAppVersion)))));
    h += QStringLiteral("<p class=\"headline\">%1</p>\n")
             .arg(htmlEscaped(headline(x).join(QLatin1Char(' '))));

    // Summary.
    const double per1k = ev.costPerUserUsd * 1000;
    const double downtime = sc::downtimeMinutesPerMonth(ev.availability, cat.hoursPerMonth);
    h += QStringLiteral("<h2>%1</h2>\n<table%2>\n")
             .arg(htmlEscaped(QObject::tr("Summary")), tableAttrs);
    auto row = [&](const QString &k, const QString &v) {
        h += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td></tr>\n")
                 .arg(htmlEscaped(k), htmlEscaped(v));
    };
    row(QObject::tr("Monthly total"), totalText(x.lines));
    row(QObject::tr("Cost per user per month"), perUserText(ev, ev.costPerUserUsd));
    row(QObject::tr("Cost per 1,000 users per month"), perUserText(ev, per1k));
    row(QObject::tr("Availability"), QObject::tr("%1 · %2 nines · %3 down per month")
                                         .arg(formatAvailability(ev.availability),
                                              ninesText(ev.availability), downtimeText(downtime)));
    row(QObject::tr("Availability objective"), formatAvailability(d.slo.availability));
    row(QObject::tr("Peak dynamic load"), formatFullRps(ev.demand.peakRps));
    if (ev.latency.valid)
        row(QObject::tr("Latency p50 / p95 / p99"),
            QStringLiteral("%1 / %2 / %3")
                .arg(formatLatency(ev.latency.p50), formatLatency(ev.latency.p95),
                     formatLatency(ev.latency.p99)));
    else
        row(QObject::tr("Latency"), noLatencyText(ev));
    if (ev.bottleneck >= 0)
        row(QObject::tr("Bottleneck"),
            QStringLiteral("%1 (%2)").arg(
                qs(d.components[size_t(ev.bottleneck)].shownName()),
                formatPercent(ev.components[size_t(ev.bottleneck)].utilization)));
    row(QObject::tr("Users at the wall (first station at 100%)"),
        sc::servesNothing(ev) ? QObject::tr("none: no dynamic request is served")
        : ev.maxUsers         ? wallCount(*ev.maxUsers)
                              : QObject::tr("none below the limits"));
    const std::optional<double> sloWall = x.model.sloMaxUsers();
    row(QObject::tr("Users at the latency wall (p99 at most %1)").arg(formatLatency(d.slo.p99Ms)),
        !sloWall && sc::servesNothing(ev) ? QObject::tr("none: no dynamic request is served")
        : !sloWall                        ? QObject::tr("none below the limits")
        : *sloWall > 0                    ? wallCount(*sloWall)
                       : QObject::tr("below %1").arg(formatFullCount(sc::kMinUsers)));
    row(QObject::tr("Served at the peak (goodput)"), formatFullRps(ev.goodputRps));
    if (ev.errorRatePeak > 0)
        row(QObject::tr("Failing at the peak"), formatFailShare(ev.errorRatePeak));
    h += QStringLiteral("</table>\n");

    // Diagram.
    h += QStringLiteral("<h2>%1</h2>\n%2\n").arg(htmlEscaped(QObject::tr("Diagram")), diagram);
    const QString chartSection =
        QStringLiteral("<h2>%1</h2>\n%2\n")
            .arg(htmlEscaped(QObject::tr("Cost as the users grow")), chart);
    if (chartOnFirst)
        h += chartSection;

    // Assumptions. On paper the tables start a page, the components right after the
    // assumptions: a heading never sits alone at the foot of page 1, and the assumptions' last
    // rows do not take a page of their own.
    h += QStringLiteral("<h2%1>%2</h2>\n<table%3>\n")
             .arg(pdf ? QStringLiteral(" style=\"page-break-before: always\"") : QString(),
                  htmlEscaped(QObject::tr("Assumptions")), tableAttrs);
    h += QStringLiteral("<tr><th>%1</th><th class=\"num\">%2</th><th>%3</th></tr>\n")
             .arg(htmlEscaped(QObject::tr("Traffic")), htmlEscaped(QObject::tr("Value")),
                  htmlEscaped(QObject::tr("Note")));
    h +=
        QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td>%3</td></tr>\n")
            .arg(htmlEscaped(QObject::tr("Users in this report")),
                 htmlEscaped(formatFullCount(ev.users)),
                 htmlEscaped(QObject::tr("daily active users; the figures are at the daily peak")));
    for (const Assumption &a : trafficRows(d.traffic))
        h += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td>%3</td></tr>\n")
                 .arg(htmlEscaped(a.name), htmlEscaped(a.value), htmlEscaped(a.note));
    h += QStringLiteral("<tr><th>%1</th><th class=\"num\"></th><th></th></tr>\n")
             .arg(htmlEscaped(QObject::tr("Catalog")));
    auto catRow = [&](const QString &k, const QString &v, const QString &n = {}) {
        h += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td>%3</td></tr>\n")
                 .arg(htmlEscaped(k), htmlEscaped(v), htmlEscaped(n));
    };
    catRow(QObject::tr("Region"), qs(cat.region), QObject::tr("AWS list prices"));
    catRow(QObject::tr("Prices as of"), qs(cat.date));
    catRow(QObject::tr("Currency"), qs(cat.currency));
    catRow(QObject::tr("Hours per month"), number(cat.hoursPerMonth));
    for (const auto &[name, factor] : cat.pricingFactors)
        catRow(QObject::tr("Pricing factor: %1").arg(qs(sc::choiceText(name))),
               QStringLiteral("%1×").arg(number(factor, 3)),
               QObject::tr("of the on-demand hourly price"));
    h += QStringLiteral("</table>\n");

    componentsTable(x, h, tableAttrs, pdf);
    lineItemsTable(x, h, tableAttrs, pdf);

    if (!chartOnFirst)
        h += chartSection;

    // Failure.
    h += QStringLiteral("<h2>%1</h2>\n")
             .arg(htmlEscaped(QObject::tr("Availability and single points of failure")));
    h += QStringLiteral("<p>%1</p>\n")
             .arg(htmlEscaped(
                 QObject::tr("Availability %1 (%2 nines): about %3 of downtime per month.")
                     .arg(formatAvailability(ev.availability), ninesText(ev.availability),
                          downtimeText(downtime))));
    if (ev.spofs.empty()) {
        h += QStringLiteral("<p>%1</p>\n")
                 .arg(htmlEscaped(QObject::tr("No single points of failure.")));
    } else {
        h += QStringLiteral("<p>%1</p>\n<ul>\n")
                 .arg(htmlEscaped(
                     QObject::tr("Single points of failure (losing one stops traffic):")));
        for (size_t k = 0; k < std::min(ev.spofs.size(), kReportRows); ++k)
            h += QStringLiteral("<li>%1</li>\n").arg(htmlEscaped(componentLabel(d, ev.spofs[k])));
        if (ev.spofs.size() > kReportRows)
            h += QStringLiteral("<li>%1</li>\n")
                     .arg(htmlEscaped(
                         QObject::tr("… and %1 more (scalecanvas evaluate lists them all)")
                             .arg(enUs().toString(qulonglong(ev.spofs.size() - kReportRows)))));
        h += QStringLiteral("</ul>\n");
    }

    // Warnings.
    h += QStringLiteral("<h2>%1</h2>\n").arg(htmlEscaped(QObject::tr("Warnings")));
    if (ev.warnings.empty()) {
        h += QStringLiteral("<p>%1</p>\n").arg(htmlEscaped(QObject::tr("None.")));
    } else {
        h += QStringLiteral("<p>%1</p>\n")
                 .arg(htmlEscaped(QString::fromStdString(
                     sc::severityCountsText(sc::countBySeverity(ev.warnings)))));
        h +=
            QStringLiteral("<table%1>\n<thead><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>"
                           "</thead>\n")
                .arg(tableAttrs, htmlEscaped(QObject::tr("Severity")),
                     htmlEscaped(QObject::tr("Code")), htmlEscaped(QObject::tr("Component")),
                     htmlEscaped(QObject::tr("Message")));
        for (size_t k = 0; k < std::min(ev.warnings.size(), kReportRows); ++k) {
            const sc::Warning &w = ev.warnings[k];
            h += QStringLiteral("<tr><td>%1</td><td class=\"code\">%2</td><td>%3</td>"
                                "<td>%4</td></tr>\n")
                     .arg(htmlEscaped(QString::fromLatin1(sc::severityName(w.severity))),
                          htmlEscaped(w.code),
                          htmlEscaped(w.componentId.empty()
                                          ? QStringLiteral("—")
                                          : wrappable(componentLabel(d, w.componentId), pdf)),
                          htmlEscaped(wrappable(qs(w.message), pdf)));
        }
        if (ev.warnings.size() > kReportRows)
            h += QStringLiteral("<tr><td colspan=\"4\">%1</td></tr>\n")
                     .arg(htmlEscaped(
                         QObject::tr("… and %1 more warnings (scalecanvas evaluate lists "
                                     "them all)")
                             .arg(enUs().toString(qulonglong(ev.warnings.size() - kReportRows)))));
        h += QStringLiteral("</table>\n");
    }
    h += QStringLiteral("<p class=\"note\">%1</p>\n")
             .arg(htmlEscaped(
                 QObject::tr("Every figure comes from the model documented in docs/model.md; "
                             "prices from the price catalog in use (%1, %2).")
                     .arg(qs(cat.region), qs(cat.date))));
    return h;
}

Context contextOf(const Document &doc)
{
    Context x{doc.design(),
              *doc.model(),
              doc.evaluation(),
              reportLines(*doc.model(), doc.evaluation()),
              {},
              {},
              {},
              0,
              {},
              {},
              0,
              0,
              doc.shownTitle()};
    const size_t n = x.design.components.size();
    x.subtotalCents.assign(n, 0);
    x.subtotalUsd.assign(n, 0);
    x.ownCents.assign(n, 0);
    x.ownUsd.assign(n, 0);
    for (const ReportLine &l : x.lines.lines) {
        if (l.transfer)
            x.transferCents += l.cents, x.transferUsd += l.usd;
        if (l.component < 0)
            continue;
        x.subtotalCents[size_t(l.component)] += l.cents;
        x.subtotalUsd[size_t(l.component)] += l.usd;
        if (!l.transfer)
            x.ownCents[size_t(l.component)] += l.cents, x.ownUsd[size_t(l.component)] += l.usd;
    }
    // The components the tables list: all of them, or the kReportRows that cost the most (then
    // the most utilized), shown in design order.
    x.listed.assign(n, 1);
    if (n > kReportRows) {
        std::vector<size_t> order(n);
        std::iota(order.begin(), order.end(), size_t(0));
        // NaN sorts last, so the order stays strict.
        const auto key = [](double v) { return std::isnan(v) ? -HUGE_VAL : v; };
        const auto &results = x.ev.components;
        std::partial_sort(
            order.begin(), order.begin() + kReportRows, order.end(), [&](size_t a, size_t b) {
                const double ca = key(x.subtotalUsd[a]), cb = key(x.subtotalUsd[b]);
                if (ca != cb)
                    return ca > cb;
                const double ua = key(results[a].utilization), ub = key(results[b].utilization);
                if (ua != ub)
                    return ua > ub;
                return a < b;
            });
        x.listed.assign(n, 0);
        for (size_t k = 0; k < kReportRows; ++k)
            x.listed[order[k]] = 1;
        x.unlisted = n - kReportRows;
    }
    return x;
}

// Design text as a CSV cell: its controls made visible first, as the CLI's CSV writers do (raw
// ESC, BEL and C1 bytes reached the report's CSV; QA).
QString csvField(const QString &s)
{
    return qs(sc::csvField(sc::visibleControls(s.toStdString())));
}

QString mdEscape(const QString &s)
{
    return qs(sc::markdownCell(s.toStdString()));
}

// Where the block of image `name` of `text` lies when laid out on pages of `page` (document
// units): its top and bottom, the first page's from 0 to page.height().
std::optional<std::pair<double, double>> imageBlockOnPages(QTextDocument &text, const QString &name,
                                                           QSizeF page)
{
    text.setPageSize(page);
    std::optional<std::pair<double, double>> at;
    for (QTextBlock b = text.begin(); b.isValid() && !at; b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().toImageFormat().name() == name) {
                const QRectF r = text.documentLayout()->blockBoundingRect(b);
                at = {r.top(), r.bottom()};
                break;
            }
    text.setPageSize(QSizeF()); // print() paginates it for the printer
    return at;
}

} // namespace

std::optional<ReportFormat> reportFormatFor(const QString &path)
{
    const QString s = QFileInfo(path).suffix().toLower();
    if (s == QLatin1String("pdf"))
        return ReportFormat::Pdf;
    if (s == QLatin1String("html") || s == QLatin1String("htm"))
        return ReportFormat::Html;
    if (s == QLatin1String("csv"))
        return ReportFormat::Csv;
    if (s == QLatin1String("md"))
        return ReportFormat::Markdown;
    return std::nullopt;
}

QString formatUsd(double usd)
{
    return qs(sc::formatUsd(usd));
}

QString formatUsdSmall(double usd)
{
    return qs(sc::formatUsdSmall(usd));
}

namespace {

// Cents per line by largest remainder: floor every line, then hand the missing cents to the
// largest fractions; adds an explicit adjustment line if the items do not add up to the total.
void centsByLargestRemainder(const std::vector<const sc::CostItem *> &items, ReportLines &out,
                             std::vector<qint64> &cents)
{
    std::vector<std::pair<double, size_t>> fraction;
    qint64 floored = 0;
    for (size_t k = 0; k < items.size(); ++k) {
        const double v = std::isfinite(items[k]->monthlyUsd) ? items[k]->monthlyUsd * 100 : 0;
        const double f = std::floor(v);
        cents.push_back(qint64(f)); // |v| < 1e17: checked by the caller
        floored += qint64(f);
        fraction.emplace_back(v - f, k);
    }
    const qint64 missing = out.totalCents - floored;
    if (missing >= 0 && missing <= qint64(items.size())) {
        std::stable_sort(fraction.begin(), fraction.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        for (qint64 m = 0; m < missing; ++m)
            ++cents[fraction[size_t(m)].second];
        return;
    }
    // The items do not add up to the total (should not happen): round each, and say so in an
    // explicit adjustment line so the table still sums.
    qint64 s = 0;
    for (size_t k = 0; k < items.size(); ++k)
        s += cents[k] = sc::centsOf(items[k]->monthlyUsd).value_or(0);
    if (s != out.totalCents) {
        ReportLine adj;
        adj.componentLabel = QObject::tr("(unattributed)");
        adj.item = QObject::tr("Difference to the model's total");
        adj.cents = out.totalCents - s;
        adj.usd = double(adj.cents) / 100;
        out.lines.push_back(adj);
    }
}

} // namespace

ReportLines reportLines(const sc::Model &model, const sc::Evaluation &ev)
{
    const sc::Design &d = model.design();
    ReportLines out;
    // Group by component in design order, keeping the model's order within a component.
    std::vector<std::pair<int, const sc::CostItem *>> items;
    for (const sc::CostItem &c : ev.costItems)
        items.emplace_back(d.indexOf(c.componentId), &c);
    std::stable_sort(items.begin(), items.end(), [](const auto &a, const auto &b) {
        return (a.first < 0 ? INT_MAX : a.first) < (b.first < 0 ? INT_MAX : b.first);
    });
    double sum = 0, magnitude = 0;
    for (const auto &[index, c] : items) {
        sum += std::isfinite(c->monthlyUsd) ? c->monthlyUsd : 0;
        magnitude += std::isfinite(c->monthlyUsd) ? std::fabs(c->monthlyUsd) : 0;
    }
    out.totalUsd = std::isfinite(ev.monthlyCostUsd) ? ev.monthlyCostUsd : sum;
    // Whole cents only where 64 bits hold every sum of them: the total and the lines together
    // below sc::kMoneyBeyondUsd (1e17 cents, far from 9.2e18).
    const std::optional<qint64> total = sc::centsOf(out.totalUsd);
    out.exact = total && !sc::moneyBeyondRange(magnitude);
    std::vector<qint64> cents;
    if (out.exact) {
        out.totalCents = *total;
        std::vector<const sc::CostItem *> costs;
        for (const auto &item : items)
            costs.push_back(item.second);
        centsByLargestRemainder(costs, out, cents);
    }
    std::vector<ReportLine> lines;
    for (size_t k = 0; k < items.size(); ++k) {
        ReportLine l;
        l.component = items[k].first;
        l.componentId = qs(items[k].second->componentId);
        l.componentLabel =
            l.component >= 0 ? qs(d.components[size_t(l.component)].shownName()) : l.componentId;
        l.item = qs(items[k].second->item);
        l.cents = out.exact ? cents[k] : 0;
        l.usd = out.exact ? double(l.cents) / 100 : items[k].second->monthlyUsd;
        l.transfer = items[k].second->category == sc::CostCategory::Transfer;
        lines.push_back(l);
    }
    lines.insert(lines.end(), out.lines.begin(), out.lines.end());
    out.lines = std::move(lines);
    return out;
}

QByteArray reportCsv(const Document &doc)
{
    const Context x = contextOf(doc);
    // The component's name as the diagram shows it, then its id last: names may repeat (an
    // "App servers" per region) and a spreadsheet joins the rows with evaluate's by the id. (The
    // first three columns are where they were before the id was added.)
    QString s = QStringLiteral("component,item,monthlyUsd,componentId\r\n");
    for (const ReportLine &l : x.lines.lines)
        s += csvField(l.componentLabel) + QLatin1Char(',') + csvField(l.item) + QLatin1Char(',') +
             lineText(x.lines, l, sc::MoneyStyle::Plain) + QLatin1Char(',') +
             csvField(l.componentId) + QStringLiteral("\r\n");
    s += QStringLiteral("Total,,") + totalText(x.lines, sc::MoneyStyle::Plain) +
         QStringLiteral(",\r\n");
    // The note is a row of its own after the total, in the item column, only when the amounts
    // are not to the cent (a table of figures: the other reports say what the bill stands for).
    if (!x.lines.exact)
        s += QStringLiteral("Note,") + csvField(QString::fromUtf8(sc::kMoneyBeyondNote)) +
             QStringLiteral(",,\r\n");
    return s.toUtf8();
}

QByteArray reportMarkdown(const Document &doc)
{
    const Context x = contextOf(doc);
    const sc::Catalog &cat = x.model.catalog();
    QString s;
    s += QStringLiteral("# %1 — cost report\n\n").arg(mdEscape(x.title));
    s += QStringLiteral("At %1; AWS %2 prices of %3.\n\n")
             .arg(formatDailyActiveUsers(x.ev.users), mdEscape(qs(cat.region)),
                  mdEscape(qs(cat.date)));
    s += mdEscape(headline(x).join(QLatin1Char(' '))) + QStringLiteral("\n\n");
    // The load and the latency, as the HTML and PDF reports' summary gives them (QA: the
    // Markdown had neither).
    s += QStringLiteral("Peak dynamic load: %1. %2\n\n")
             .arg(formatFullRps(x.ev.demand.peakRps),
                  x.ev.latency.valid
                      ? QStringLiteral("Latency p50 / p95 / p99: %1 / %2 / %3.")
                            .arg(formatLatency(x.ev.latency.p50), formatLatency(x.ev.latency.p95),
                                 formatLatency(x.ev.latency.p99))
                      : QStringLiteral("Latency: %1.").arg(mdEscape(noLatencyText(x.ev))));
    // The users by place, as the diagram's card gives them (QA: only the HTML and PDF reports,
    // through their diagram, had them).
    if (!x.ev.populations.empty()) {
        s += QStringLiteral("| Users by place | Share | p99 | Page (mean) | USD/month |\n"
                            "|---|---:|---:|---:|---:|\n");
        for (const sc::PopulationResult &pop : x.ev.populations)
            s += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                     .arg(mdEscape(qs(pop.name)), formatPercent(pop.share),
                          pop.latency.valid ? formatLatency(pop.latency.p99)
                                            : QObject::tr("overloaded"),
                          pop.latency.valid && pop.pageMs > 0 ? formatLatency(pop.pageMs)
                          : pop.fetchesFailing > 0 ? QObject::tr("none: %1 of fetches fail")
                                                         .arg(formatPercent(pop.fetchesFailing))
                                                   : QStringLiteral("—"),
                          formatUsd(pop.monthlyCostUsd));
        s += QLatin1Char('\n');
    }
    s += QStringLiteral("| Component | Item | USD/month |\n|---|---|---:|\n");
    for (const ReportLine &l : x.lines.lines)
        s += QStringLiteral("| %1 | %2 | %3 |\n")
                 .arg(mdEscape(l.componentLabel), mdEscape(l.item), lineText(x.lines, l));
    s += QStringLiteral("| **Total** | | **%1** |\n\n").arg(totalText(x.lines));
    if (!x.lines.exact)
        s += mdEscape(QString::fromUtf8(sc::kMoneyBeyondNote)) + QStringLiteral("\n\n");
    if (x.ev.errorRatePeak > 0)
        s += mdEscape(QString::fromUtf8(sc::kBillOfferedNote)) + QStringLiteral("\n\n");
    s += QStringLiteral("Per user: %1 per month; per 1,000 users: %2 per month.\n")
             .arg(perUserText(x.ev, x.ev.costPerUserUsd),
                  perUserText(x.ev, x.ev.costPerUserUsd * 1000));
    s += QStringLiteral("Availability: %1. Warnings: %2.\n")
             .arg(qs(sc::availabilityText(x.ev.availability, cat.hoursPerMonth)),
                  qs(sc::severityCountsText(sc::countBySeverity(x.ev.warnings))));
    return s.toUtf8();
}

QByteArray reportHtml(Document *doc, CanvasScene *scene)
{
    const Context x = contextOf(*doc);
    QString diagram;
    if (diagramAsPicture(x.design)) {
        diagram =
            QStringLiteral("<div class=\"diagram\"><img class=\"chart\" alt=\"%1\" "
                           "src=\"data:image/png;base64,%2\"></div>\n<p class=\"note\">%3</p>")
                .arg(htmlEscaped(QObject::tr("Diagram")),
                     QString::fromLatin1(diagramPicture(scene).toBase64()),
                     htmlEscaped(diagramPictureNote(x.design, scene)));
    } else {
        // Inline SVG: drop the XML prologue, which HTML does not allow mid-document. Control
        // characters of design text are made visible here too (HTML and XML forbid them).
        QString svg = qs(sc::visibleControls(renderDiagramSvg(scene, x.title).toStdString(), true));
        if (const qsizetype at = svg.indexOf(QStringLiteral("<svg")); at > 0)
            svg = svg.mid(at);
        diagram = QStringLiteral("<div class=\"diagram\">%1</div>").arg(svg);
    }

    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    costChart(doc, 900, 380, 2).save(&buffer, "PNG");
    const QString chart =
        QStringLiteral(
            "<img class=\"chart\" width=\"900\" alt=\"%1\" src=\"data:image/png;base64,%2\">")
            .arg(htmlEscaped(QObject::tr(
                     "Monthly cost and cost per 1,000 users from 10 to 100 million users")),
                 QString::fromLatin1(png.toBase64()));

    QString h =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"generator\" content=\"ScaleCanvas %1\">\n<title>%2</title>\n"
                       "<style>%3 body{max-width:960px;margin:24px auto;padding:0 16px;}"
                       " table{margin-bottom:6px;}</style>\n</head>\n<body>\n")
            .arg(qs(std::string(sc::kAppVersion)),
                 htmlEscaped(QObject::tr("%1 — cost report").arg(x.title)), QLatin1String(kCss));
    h += reportBody(x, Target::Html, diagram, chart);
    h += QStringLiteral("</body>\n</html>\n");
    return h.toUtf8();
}

QByteArray reportPdf(Document *doc, CanvasScene *scene)
{
    const Context x = contextOf(*doc);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    setUpReportPdf(pdf, QObject::tr("%1 — cost report").arg(x.title));

    QTextDocument text;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8.5);
    font = withoutLigatures(font);
    text.setDefaultFont(font);
    text.setDefaultStyleSheet(QLatin1String(kCss));
    text.setDocumentMargin(0);
    breakBetweenWordsOnly(text);

    // The text area in document units (96 dpi): the page less print()'s 2 cm margins.
    const QSizeF paint =
        (pdf.pageLayout().fullRect(QPageLayout::Inch).size() - QSizeF(4 / 2.54, 4 / 2.54)) * 96;
    const QString marker = QStringLiteral("SCALECANVAS-DIAGRAM-HERE");
    const QRectF source = diagramRect(scene);
    // A little under the text width: tables at 100% come out a few pixels narrower.
    const double maxW = paint.width() * 0.96, maxH = paint.height() * 0.55;
    const double k = std::min({1.0, maxW / source.width(), maxH / source.height()});
    const bool picture = diagramAsPicture(x.design);
    QList<QPair<int, QObject *>> handlers;
    if (picture) {
        text.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("sc:diagram.png")),
                         QImage::fromData(diagramPicture(scene), "PNG"));
    } else {
        auto *object = new DiagramObject(scene, source.size() * k, &text);
        text.documentLayout()->registerHandler(kDiagramObject, object);
        handlers.append({kDiagramObject, object});
    }
    const QString diagram =
        picture ? QStringLiteral("<p><img src=\"sc:diagram.png\" width=\"%1\" height=\"%2\"></p>"
                                 "<p class=\"note\">%3</p>")
                      .arg(int(source.width() * k))
                      .arg(int(source.height() * k))
                      .arg(htmlEscaped(diagramPictureNote(x.design, scene)))
                : QStringLiteral("<p>%1</p>").arg(marker);

    const QString chartIn = QStringLiteral("sc:chart.png");
    constexpr double kAspect = 0.42; // the cost chart's height over its width
    text.addResource(QTextDocument::ImageResource, QUrl(chartIn),
                     costChart(doc, 900, int(900 * kAspect), 2));
    const auto chartOf = [&chartIn](double width) {
        return QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"></p>")
            .arg(chartIn)
            .arg(int(width))
            .arg(int(width * kAspect));
    };
    const auto layOut = [&](const QString &chart, bool chartOnFirst) {
        text.setHtml(QStringLiteral("<html><body>%1</body></html>")
                         .arg(reportBody(x, Target::Pdf, diagram, chart, chartOnFirst)));
        QTextCursor at = picture ? QTextCursor() : text.find(marker);
        if (!at.isNull()) {
            QTextCharFormat f;
            f.setObjectType(kDiagramObject);
            at.insertText(QString(QChar::ObjectReplacementCharacter), f);
        }
    };
    // Page 1 holds the summary and the diagram; the tables start page 2. The cost chart fills
    // page 1's foot where it fits there (a wide diagram leaves half the page empty), down to
    // four fifths of its width, else it follows the line items. The foot keeps a little room:
    // print() lays the text out again with the printer's font metrics.
    const double chartW = paint.width() - 2, foot = paint.height() * 0.96;
    layOut(chartOf(chartW), true);
    bool placed = false;
    if (const auto at = imageBlockOnPages(text, chartIn, paint); at && at->first < foot) {
        const double over = at->second - foot, height = chartW * kAspect;
        placed = over <= 0;
        if (!placed && height - over >= 0.8 * height) {
            layOut(chartOf(chartW * (height - over) / height), true);
            const auto again = imageBlockOnPages(text, chartIn, paint);
            placed = again && again->second <= foot;
        }
    }
    if (!placed)
        layOut(chartOf(chartW), false);
    printPaged(text, pdf, handlers);
    return bytes;
}

void setUpReportPdf(QPdfWriter &pdf, const QString &title)
{
    pdf.setTitle(displayText(title)); // design text: a viewer's title bar shows it (review)
    pdf.setCreator(QStringLiteral("ScaleCanvas"));
    pdf.setResolution(300);
    // No printer margins: QTextDocument::print adds its own 2 cm and numbers the pages.
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                  QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
}

std::vector<HeadlineFigure> headlineFigures(const Document &doc)
{
    const sc::Evaluation &ev = doc.evaluation();
    const sc::Slo &slo = doc.design().slo;
    const bool ok = doc.modelOk();
    const QString none = QStringLiteral("—");
    std::vector<HeadlineFigure> out;
    out.push_back({QObject::tr("Users"), formatFullCount(std::round(doc.users()))});
    // Dynamic requests, as the strip and the status bar say (QA: "Peak 17.4 req/s" beside a
    // clients box of 35, which counts the static fetches too).
    out.push_back(
        {QObject::tr("Peak (dynamic requests)"), ok ? formatFullRps(ev.demand.peakRps) : none});
    QString p99 = none;
    if (ok)
        p99 = ev.latency.valid ? QObject::tr("%1 (objective %2: %3)")
                                     .arg(formatLatency(ev.latency.p99), formatLatency(slo.p99Ms),
                                          ev.latency.p99 <= slo.p99Ms ? QObject::tr("met")
                                                                      : QObject::tr("missed"))
                               : noLatencyText(ev);
    out.push_back({QObject::tr("p99"), p99});
    out.push_back({QObject::tr("Availability"),
                   ok ? QObject::tr("%1 (objective %2: %3)")
                                .arg(formatAvailability(ev.availability),
                                     formatAvailability(slo.availability),
                                     ev.availability >= slo.availability ? QObject::tr("met")
                                                                         : QObject::tr("missed")) +
                            // What fails at the peak said too, as the presentation strip says it
                            // (QA: the handout of an overloaded step said only "objective missed").
                            (doc.sendsRequests() && ev.errorRatePeak > 0
                                 ? QObject::tr("; %1 failing at the peak")
                                       .arg(formatFailShare(ev.errorRatePeak))
                                 : QString())
                      : none});
    out.push_back({QObject::tr("Monthly cost"), ok ? formatUsd(ev.monthlyCostUsd) : none});
    const auto users = [&](const std::optional<double> &u) {
        if (!ok)
            return none;
        if (!u)
            return QObject::tr("none below %1 users").arg(formatFullCount(sc::kMaxUsers));
        return *u > 0 ? QObject::tr("%1 users").arg(wallCount(*u))
                      : QObject::tr("below %1 users").arg(formatFullCount(sc::kMinUsers));
    };
    out.push_back({QObject::tr("Wall (first station at 100%)"),
                   ok && sc::servesNothing(ev) ? QObject::tr("none: no dynamic request is served")
                                               : users(ev.maxUsers)});
    // No request served: no latency wall, not "none below 100M users" (review).
    const std::optional<double> sloWall = ok ? doc.sloMaxUsers() : std::nullopt;
    out.push_back({QObject::tr("Latency wall (p99 within %1)").arg(formatLatency(slo.p99Ms)),
                   ok && !sloWall && sc::servesNothing(ev)
                       ? QObject::tr("none: no dynamic request is served")
                       : users(sloWall)});
    return out;
}

QString exportReport(Document *doc, CanvasScene *scene, ReportFormat format, const QString &path,
                     bool *writeFailed, ExportTheme theme)
{
    // The canvas and the cost chart take their colours from the application palette.
    ScopedExportTheme printTheme(theme);
    if (writeFailed)
        *writeFailed = false;
    if (!doc->modelOk())
        return QObject::tr("The design has errors; fix them before exporting a report");
    // The report is of the steady state, as its tables are: a moment of the timeline's run
    // shown on the canvas is put aside while its diagram is drawn (GUI QA: a diagram of 3k req/s
    // and 19× beside a summary of 1.7 req/s and 3%).
    // (CSV and Markdown draw no diagram: the canvas is left as it is.)
    const bool drawn = format == ReportFormat::Pdf || format == ReportFormat::Html;
    const std::shared_ptr<const TimelineRun> frame = drawn ? doc->timeFrameShared() : nullptr;
    const int frameStep = doc->timeFrameStep();
    if (frame)
        doc->clearTimeFrame();
    const auto showFrameAgain = qScopeGuard([&] {
        if (frame)
            doc->setTimeFrame(frame, frameStep);
    });
    // The report must not replace the design it reports on (same path, ./x, a link to it).
    std::error_code ec;
    if (!doc->filePath().isEmpty() &&
        std::filesystem::equivalent(doc->filePath().toStdString(), path.toStdString(), ec) && !ec) {
        if (writeFailed)
            *writeFailed = true;
        return QObject::tr("The report would overwrite the design file %1; choose another name")
            .arg(doc->filePath());
    }
    QByteArray bytes;
    switch (format) {
    case ReportFormat::Pdf:
        bytes = reportPdf(doc, scene);
        break;
    case ReportFormat::Html:
        bytes = reportHtml(doc, scene);
        break;
    case ReportFormat::Csv:
        bytes = reportCsv(*doc);
        break;
    case ReportFormat::Markdown:
        bytes = reportMarkdown(*doc);
        break;
    }
    if (bytes.isEmpty())
        return QObject::tr("Could not render the report");
    const QString err = writeBytesAtomic(path, bytes);
    if (writeFailed)
        *writeFailed = !err.isEmpty();
    return err;
}

QString htmlEscaped(const std::string &text)
{
    return QString::fromStdString(sc::htmlText(text));
}

QString htmlEscaped(const QString &text)
{
    return htmlEscaped(text.toStdString());
}

} // namespace scui

#include "reportexport.moc"
