#include "reportexport.h"

#include "ui/canvas/canvasscene.h"
#include "ui/charts/growthcharts.h"
#include "ui/document.h"
#include "ui/export/diagramexport.h"
#include "ui/numberformat.h"

#include "core/analysis/report.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"

#include <qcustomplot.h>

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextObjectInterface>

#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>

namespace scui {
namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}
QString esc(const std::string &s)
{
    return qs(s).toHtmlEscaped();
}

const QLocale &enUs()
{
    static const QLocale c(QLocale::English, QLocale::UnitedStates);
    return c;
}

QString centsText(qint64 cents, bool dollarSign)
{
    const bool negative = cents < 0;
    const qint64 a = negative ? -cents : cents;
    QString s = enUs().toString(a / 100) + QLatin1Char('.') +
                QStringLiteral("%1").arg(a % 100, 2, 10, QLatin1Char('0'));
    if (dollarSign)
        s.prepend(QLatin1Char('$'));
    return negative ? QLatin1Char('-') + s : s;
}

qint64 toCents(double usd)
{
    return std::isfinite(usd) ? qint64(std::llround(usd * 100)) : 0;
}

// A user count in full: "100,000".
QString fullCount(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return enUs().toString(qint64(v));
    return enUs().toString(v, 'g', 6);
}

QString number(double v, int significant = 4)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    return enUs().toString(v, 'g', significant);
}

QString componentLabel(const sc::Design &d, const std::string &id)
{
    const sc::Component *c = d.find(id);
    return c ? qs(c->label) : qs(id);
}

QString downtimeText(double minutes)
{
    if (!std::isfinite(minutes))
        return QStringLiteral("—");
    if (minutes < 1)
        return QStringLiteral("%1 s").arg(number(minutes * 60, 3));
    if (minutes < 120)
        return QStringLiteral("%1 min").arg(number(minutes, 3));
    return QStringLiteral("%1 h").arg(number(minutes / 60, 3));
}

QString ninesText(double availability)
{
    if (availability >= 1)
        return QStringLiteral("≥ 10");
    return QString::number(sc::nines(availability), 'f', 2);
}

// The traffic block as (title, value, unit) rows, in the file's field order.
struct Assumption {
    QString name, value, note;
};
std::vector<Assumption> trafficRows(const sc::Traffic &t)
{
    return {
        {QObject::tr("Daily active users (file)"), fullCount(t.users), {}},
        {QObject::tr("Requests per user per day"), number(t.requestsPerUserPerDay), {}},
        {QObject::tr("Write fraction"), formatPercent(t.writeFraction, 1),
         QObject::tr("of dynamic requests")},
        {QObject::tr("Peak to average"), number(t.peakToAverage) + QStringLiteral("×"), {}},
        {QObject::tr("Static fetches per request"), number(t.staticPerRequest), {}},
        {QObject::tr("KB per request"), number(t.kbPerRequest), {}},
        {QObject::tr("KB per static fetch"), number(t.kbPerStatic), {}},
        {QObject::tr("Background jobs per write"), number(t.asyncPerWrite), {}},
        {QObject::tr("Network RTT"), number(t.networkRttMs) + QStringLiteral(" ms"), {}},
    };
}

QString pricingText(const sc::Component &c)
{
    if (!sc::isInstanceBased(c.kind))
        return QObject::tr("managed / usage");
    const std::string p = c.text("pricing");
    return p.empty() ? QStringLiteral("—") : qs(p);
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

// The cost-vs-users chart of the growth charts, rendered off screen.
QImage costChart(Document *doc, int width, int height, double scale)
{
    GrowthCharts charts(doc);
    charts.resize(width, height);
    charts.flush();
    QCustomPlot *plot = charts.chart(GrowthCharts::ChartKind::Cost);
    return plot->toPixmap(width, height, scale).toImage();
}

struct Context {
    const sc::Design &design;
    const sc::Model &model;
    const sc::Evaluation &ev;
    ReportLines lines;
};

enum class Target { Html, Pdf };

const char *const kCss = "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1d2026;}"
                         "h1{font-size:18pt;margin:0 0 2pt 0;}"
                         "h2{font-size:12.5pt;margin:12pt 0 4pt 0;color:#1f4e99;}"
                         "p.sub{color:#5a606a;margin:0 0 8pt 0;}"
                         "table{border-collapse:collapse;}"
                         "th{background-color:#e8ecf2;text-align:left;}"
                         "th,td{border:1px solid #c4c9d1;padding:3px 6px;vertical-align:top;}"
                         "td.num,th.num{text-align:right;white-space:nowrap;}"
                         "tr.sub td{background-color:#f4f6f9;font-weight:bold;}"
                         "tr.total td{background-color:#dde4ee;font-weight:bold;}"
                         "td.code{font-family:'DejaVu Sans Mono',monospace;white-space:nowrap;}"
                         "p.note{color:#5a606a;font-size:8pt;}"
                         ".diagram svg{max-width:100%;height:auto;border:1px solid #c4c9d1;}"
                         "img.chart{max-width:100%;height:auto;}";

// The report as HTML; `diagram` and `chart` are what goes in their place.
QString reportBody(const Context &x, Target target, const QString &diagram, const QString &chart)
{
    const sc::Design &d = x.design;
    const sc::Evaluation &ev = x.ev;
    const sc::Catalog &cat = x.model.catalog();
    const bool pdf = target == Target::Pdf;
    const QString tableAttrs =
        pdf ? QStringLiteral(" border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\"")
            : QStringLiteral(" width=\"100%\"");
    QString h;
    h += QStringLiteral("<h1>%1</h1>\n")
             .arg(esc(d.name.empty() ? std::string("Untitled design") : d.name));
    h += QStringLiteral("<p class=\"sub\">%1</p>\n")
             .arg(esc(
                 QObject::tr(
                     "Cost report at %1 daily active users · AWS %2 prices of %3 · ScaleCanvas %4")
                     .arg(fullCount(ev.users), qs(cat.region), qs(cat.date),
                          qs(std::string(sc::kAppVersion)))));

    // Summary.
    const double per1k = ev.costPerUserUsd * 1000;
    const double downtime = sc::downtimeMinutesPerMonth(ev.availability, cat.hoursPerMonth);
    h += QStringLiteral("<h2>%1</h2>\n<table%2>\n").arg(esc(QObject::tr("Summary")), tableAttrs);
    auto row = [&](const QString &k, const QString &v) {
        h += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td></tr>\n").arg(esc(k), esc(v));
    };
    row(QObject::tr("Monthly total"), centsText(x.lines.totalCents, true));
    row(QObject::tr("Cost per user per month"), formatUsdSmall(ev.costPerUserUsd));
    row(QObject::tr("Cost per 1,000 users per month"), formatUsdSmall(per1k));
    row(QObject::tr("Availability"), QObject::tr("%1 · %2 nines · %3 down per month")
                                         .arg(formatAvailability(ev.availability),
                                              ninesText(ev.availability), downtimeText(downtime)));
    row(QObject::tr("Peak dynamic load"), formatRps(ev.demand.peakRps));
    if (ev.latency.valid)
        row(QObject::tr("Latency p50 / p95 / p99"),
            QStringLiteral("%1 / %2 / %3")
                .arg(formatLatency(ev.latency.p50), formatLatency(ev.latency.p95),
                     formatLatency(ev.latency.p99)));
    else
        row(QObject::tr("Latency"), QObject::tr("unbounded: a station is overloaded"));
    if (ev.bottleneck >= 0)
        row(QObject::tr("Bottleneck"),
            QStringLiteral("%1 (%2)").arg(
                qs(d.components[size_t(ev.bottleneck)].label),
                formatPercent(ev.components[size_t(ev.bottleneck)].utilization)));
    row(QObject::tr("Users at the wall (first station at 100%)"),
        ev.maxUsers ? formatCount(*ev.maxUsers) : QObject::tr("none below the limits"));
    h += QStringLiteral("</table>\n");

    // Diagram.
    h += QStringLiteral("<h2>%1</h2>\n%2\n").arg(esc(QObject::tr("Diagram")), diagram);

    // Assumptions.
    h +=
        QStringLiteral("<h2>%1</h2>\n<table%2>\n").arg(esc(QObject::tr("Assumptions")), tableAttrs);
    h += QStringLiteral("<tr><th>%1</th><th class=\"num\">%2</th><th>%3</th></tr>\n")
             .arg(esc(QObject::tr("Traffic")), esc(QObject::tr("Value")), esc(QObject::tr("Note")));
    h += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td>%3</td></tr>\n")
             .arg(esc(QObject::tr("Users in this report")), esc(fullCount(ev.users)),
                  esc(QObject::tr("daily active users; the figures are at the daily peak")));
    for (const Assumption &a : trafficRows(d.traffic))
        h += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td>%3</td></tr>\n")
                 .arg(esc(a.name), esc(a.value), esc(a.note));
    h += QStringLiteral("<tr><th>%1</th><th class=\"num\"></th><th></th></tr>\n")
             .arg(esc(QObject::tr("Catalog")));
    auto catRow = [&](const QString &k, const QString &v, const QString &n = {}) {
        h += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td>%3</td></tr>\n")
                 .arg(esc(k), esc(v), esc(n));
    };
    catRow(QObject::tr("Region"), qs(cat.region), QObject::tr("AWS list prices"));
    catRow(QObject::tr("Prices as of"), qs(cat.date));
    catRow(QObject::tr("Currency"), qs(cat.currency));
    catRow(QObject::tr("Hours per month"), number(cat.hoursPerMonth));
    for (const auto &[name, factor] : cat.pricingFactors)
        catRow(QObject::tr("Pricing factor: %1").arg(qs(name)),
               QStringLiteral("%1×").arg(number(factor, 3)),
               QObject::tr("of the on-demand hourly price"));
    h += QStringLiteral("</table>\n");

    // Components.
    // On paper the tables start a page: a heading never sits alone at the foot of page 1.
    h += QStringLiteral("<h2%1>%2</h2>\n<table%3>\n")
             .arg(pdf ? QStringLiteral(" style=\"page-break-before: always\"") : QString(),
                  esc(QObject::tr("Components")), tableAttrs);
    h += QStringLiteral("<tr><th>%1</th><th>%2</th><th class=\"num\">%3</th><th>%4</th><th "
                        "class=\"num\">%5</th>"
                        "<th class=\"num\">%6</th><th class=\"num\">%7</th></tr>\n")
             .arg(esc(QObject::tr("Component")), esc(QObject::tr("Kind")),
                  esc(QObject::tr("Instances")), esc(QObject::tr("Pricing")),
                  esc(QObject::tr("Load")), esc(QObject::tr("Utilization")),
                  esc(QObject::tr("Monthly")));
    std::vector<qint64> subtotal(d.components.size(), 0);
    for (const ReportLine &l : x.lines.lines)
        if (l.component >= 0)
            subtotal[size_t(l.component)] += l.cents;
    for (size_t i = 0; i < d.components.size(); ++i) {
        const sc::Component &c = d.components[i];
        const sc::ComponentResult &r = ev.components[i];
        QString util = r.station ? formatPercent(r.utilization) : QStringLiteral("—");
        if (r.overloaded)
            util += QObject::tr(" overloaded");
        QString name = esc(c.label);
        if (r.spof)
            name += QStringLiteral(" <b>[SPOF]</b>");
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td class=\"num\">%3</td><td>%4</td><td "
                            "class=\"num\">%5</td>"
                            "<td class=\"num\">%6</td><td class=\"num\">%7</td></tr>\n")
                 .arg(name, esc(qs(std::string(sc::kindTitle(c.kind)))),
                      esc(sc::isInstanceBased(c.kind) ? formatCount(r.instances)
                                                      : QStringLiteral("—")),
                      esc(pricingText(c)), esc(formatRps(r.arrivalRps)), esc(util),
                      esc(centsText(subtotal[i], true)));
    }
    h += QStringLiteral("<tr class=\"total\"><td colspan=\"6\"><b>%1</b></td><td "
                        "class=\"num\"><b>%2</b></td></tr>\n")
             .arg(esc(QObject::tr("Total")), esc(centsText(x.lines.totalCents, true)));
    h += QStringLiteral("</table>\n");

    // Line items.
    h += QStringLiteral("<h2>%1</h2>\n<table%2>\n")
             .arg(esc(QObject::tr("Line items (USD per month)")), tableAttrs);
    h += QStringLiteral("<tr><th>%1</th><th>%2</th><th class=\"num\">%3</th></tr>\n")
             .arg(esc(QObject::tr("Component")), esc(QObject::tr("Item")),
                  esc(QObject::tr("Monthly")));
    int current = -2;
    for (size_t k = 0; k < x.lines.lines.size(); ++k) {
        const ReportLine &l = x.lines.lines[k];
        if (l.component != current) {
            current = l.component;
            h += QStringLiteral("<tr class=\"sub\"><td colspan=\"2\"><b>%1</b></td><td "
                                "class=\"num\"><b>%2</b></td></tr>\n")
                     .arg(esc(l.componentLabel),
                          esc(centsText(l.component >= 0 ? subtotal[size_t(l.component)] : l.cents,
                                        true)));
        }
        h += QStringLiteral("<tr><td></td><td>%1</td><td class=\"num\">%2</td></tr>\n")
                 .arg(esc(l.item), esc(centsText(l.cents, true)));
    }
    h += QStringLiteral("<tr class=\"total\"><td colspan=\"2\"><b>%1</b></td><td "
                        "class=\"num\"><b>%2</b></td></tr>\n")
             .arg(esc(QObject::tr("Total")), esc(centsText(x.lines.totalCents, true)));
    h += QStringLiteral("<tr><td colspan=\"2\">%1</td><td class=\"num\">%2</td></tr>\n")
             .arg(esc(QObject::tr("Per user")), esc(formatUsdSmall(ev.costPerUserUsd)));
    h += QStringLiteral("<tr><td colspan=\"2\">%1</td><td class=\"num\">%2</td></tr>\n")
             .arg(esc(QObject::tr("Per 1,000 users")), esc(formatUsdSmall(per1k)));
    h += QStringLiteral("</table>\n");
    h += QStringLiteral("<p class=\"note\">%1</p>\n")
             .arg(esc(QObject::tr(
                 "Amounts are rounded to the cent so that they add up to the total. "
                 "Auto-scaled tiers are billed at their time-weighted count over a day.")));

    // Chart.
    h += QStringLiteral("<h2>%1</h2>\n%2\n").arg(esc(QObject::tr("Cost as the users grow")), chart);

    // Failure.
    h += QStringLiteral("<h2>%1</h2>\n")
             .arg(esc(QObject::tr("Availability and single points of failure")));
    h += QStringLiteral("<p>%1</p>\n")
             .arg(esc(QObject::tr("Availability %1 (%2 nines): about %3 of downtime per month.")
                          .arg(formatAvailability(ev.availability), ninesText(ev.availability),
                               downtimeText(downtime))));
    if (ev.spofs.empty()) {
        h += QStringLiteral("<p>%1</p>\n").arg(esc(QObject::tr("No single points of failure.")));
    } else {
        h += QStringLiteral("<p>%1</p>\n<ul>\n")
                 .arg(esc(QObject::tr("Single points of failure (losing one stops traffic):")));
        for (const std::string &id : ev.spofs)
            h += QStringLiteral("<li>%1</li>\n").arg(esc(componentLabel(d, id)));
        h += QStringLiteral("</ul>\n");
    }

    // Warnings.
    h += QStringLiteral("<h2>%1</h2>\n").arg(esc(QObject::tr("Warnings")));
    if (ev.warnings.empty()) {
        h += QStringLiteral("<p>%1</p>\n").arg(esc(QObject::tr("None.")));
    } else {
        h += QStringLiteral("<table%1>\n<tr><th>%2</th><th>%3</th><th>%4</th></tr>\n")
                 .arg(tableAttrs, esc(QObject::tr("Code")), esc(QObject::tr("Component")),
                      esc(QObject::tr("Message")));
        for (const sc::Warning &w : ev.warnings)
            h += QStringLiteral("<tr><td class=\"code\">%1</td><td>%2</td><td>%3</td></tr>\n")
                     .arg(esc(w.code),
                          esc(w.componentId.empty() ? QStringLiteral("—")
                                                    : componentLabel(d, w.componentId)),
                          esc(w.message));
        h += QStringLiteral("</table>\n");
    }
    h += QStringLiteral("<p class=\"note\">%1</p>\n")
             .arg(esc(QObject::tr("Every figure comes from the model documented in docs/model.md; "
                                  "prices from the price catalog in use (%1, %2).")
                          .arg(qs(cat.region), qs(cat.date))));
    return h;
}

Context contextOf(const Document &doc)
{
    return Context{doc.design(), *doc.model(), doc.evaluation(),
                   reportLines(*doc.model(), doc.evaluation())};
}

QString csvField(const QString &s)
{
    QString v = s;
    // Spreadsheets run cells that start with these as formulas.
    if (!v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front()))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) ||
        v.contains(QLatin1Char('\n')) || v.contains(QLatin1Char('\r')) || v != s) {
        v.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        v = QLatin1Char('"') + v + QLatin1Char('"');
    }
    return v;
}

QString mdEscape(const QString &s)
{
    QString out;
    for (QChar ch : s) {
        if (ch == QLatin1Char('\n') || ch == QLatin1Char('\r')) {
            out += QLatin1Char(' ');
            continue;
        }
        if (QStringLiteral("\\`*_[]<>|#").contains(ch))
            out += QLatin1Char('\\');
        out += ch;
    }
    return out;
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
    if (!std::isfinite(usd))
        return QStringLiteral("—");
    return centsText(toCents(usd), true);
}

QString formatUsdSmall(double usd)
{
    if (!std::isfinite(usd))
        return QStringLiteral("—");
    if (usd != 0 && std::abs(usd) < 1)
        return QLatin1Char('$') + QString::number(usd, 'f', 4);
    return formatUsd(usd);
}

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
    double sum = 0;
    for (const auto &[index, c] : items)
        sum += std::isfinite(c->monthlyUsd) ? c->monthlyUsd : 0;
    out.totalCents = toCents(std::isfinite(ev.monthlyCostUsd) ? ev.monthlyCostUsd : sum);

    // Largest remainder: floor every item, then hand the missing cents to the largest fractions.
    std::vector<qint64> cents;
    std::vector<std::pair<double, size_t>> fraction;
    qint64 floored = 0;
    for (size_t k = 0; k < items.size(); ++k) {
        const double v =
            std::isfinite(items[k].second->monthlyUsd) ? items[k].second->monthlyUsd * 100 : 0;
        const double f = std::floor(v);
        cents.push_back(qint64(f));
        floored += qint64(f);
        fraction.emplace_back(v - f, k);
    }
    qint64 missing = out.totalCents - floored;
    if (missing >= 0 && missing <= qint64(items.size())) {
        std::stable_sort(fraction.begin(), fraction.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        for (qint64 m = 0; m < missing; ++m)
            ++cents[fraction[size_t(m)].second];
    } else {
        // The items do not add up to the total (should not happen): round each, and say so in
        // an explicit adjustment line so the table still sums.
        qint64 s = 0;
        for (size_t k = 0; k < items.size(); ++k)
            s += cents[k] = toCents(items[k].second->monthlyUsd);
        if (s != out.totalCents) {
            ReportLine adj;
            adj.componentLabel = QObject::tr("(unattributed)");
            adj.item = QObject::tr("Difference to the model's total");
            adj.cents = out.totalCents - s;
            out.lines.push_back(adj);
        }
    }
    std::vector<ReportLine> lines;
    for (size_t k = 0; k < items.size(); ++k) {
        ReportLine l;
        l.component = items[k].first;
        l.componentId = qs(items[k].second->componentId);
        l.componentLabel =
            l.component >= 0 ? qs(d.components[size_t(l.component)].label) : l.componentId;
        l.item = qs(items[k].second->item);
        l.cents = cents[k];
        lines.push_back(l);
    }
    lines.insert(lines.end(), out.lines.begin(), out.lines.end());
    out.lines = std::move(lines);
    return out;
}

QByteArray reportCsv(const Document &doc)
{
    const Context x = contextOf(doc);
    QString s = QStringLiteral("component,item,monthlyUsd\r\n");
    for (const ReportLine &l : x.lines.lines)
        s += csvField(l.componentLabel) + QLatin1Char(',') + csvField(l.item) + QLatin1Char(',') +
             centsText(l.cents, false).remove(QLatin1Char(',')) + QStringLiteral("\r\n");
    s += QStringLiteral("Total,,") + centsText(x.lines.totalCents, false).remove(QLatin1Char(',')) +
         QStringLiteral("\r\n");
    return s.toUtf8();
}

QByteArray reportMarkdown(const Document &doc)
{
    const Context x = contextOf(doc);
    const sc::Catalog &cat = x.model.catalog();
    QString s;
    s += QStringLiteral("# %1 — cost report\n\n").arg(mdEscape(qs(x.design.name)));
    s += QStringLiteral("At %1 daily active users; AWS %2 prices of %3.\n\n")
             .arg(fullCount(x.ev.users), mdEscape(qs(cat.region)), mdEscape(qs(cat.date)));
    s += QStringLiteral("| Component | Item | USD/month |\n|---|---|---:|\n");
    for (const ReportLine &l : x.lines.lines)
        s += QStringLiteral("| %1 | %2 | %3 |\n")
                 .arg(mdEscape(l.componentLabel), mdEscape(l.item), centsText(l.cents, true));
    s += QStringLiteral("| **Total** | | **%1** |\n\n").arg(centsText(x.lines.totalCents, true));
    s += QStringLiteral("Per user: %1 per month; per 1,000 users: %2 per month.\n")
             .arg(formatUsdSmall(x.ev.costPerUserUsd), formatUsdSmall(x.ev.costPerUserUsd * 1000));
    return s.toUtf8();
}

QByteArray reportHtml(Document *doc, CanvasScene *scene)
{
    const Context x = contextOf(*doc);
    // Inline SVG: drop the XML prologue, which HTML does not allow mid-document.
    QString svg = QString::fromUtf8(renderDiagramSvg(scene, qs(x.design.name)));
    if (const qsizetype at = svg.indexOf(QStringLiteral("<svg")); at > 0)
        svg = svg.mid(at);
    const QString diagram = QStringLiteral("<div class=\"diagram\">%1</div>").arg(svg);

    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    costChart(doc, 900, 380, 2).save(&buffer, "PNG");
    const QString chart =
        QStringLiteral(
            "<img class=\"chart\" width=\"900\" alt=\"%1\" src=\"data:image/png;base64,%2\">")
            .arg(esc(QObject::tr(
                     "Monthly cost and cost per 1,000 users from 10 to 100 million users")),
                 QString::fromLatin1(png.toBase64()));

    QString h =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"generator\" content=\"ScaleCanvas %1\">\n<title>%2</title>\n"
                       "<style>%3 body{max-width:960px;margin:24px auto;padding:0 16px;}"
                       " table{margin-bottom:6px;}</style>\n</head>\n<body>\n")
            .arg(qs(std::string(sc::kAppVersion)),
                 esc(QObject::tr("%1 — cost report").arg(qs(x.design.name))), QLatin1String(kCss));
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
    pdf.setTitle(QObject::tr("%1 — cost report").arg(qs(x.design.name)));
    pdf.setCreator(QStringLiteral("ScaleCanvas"));
    pdf.setResolution(300);
    // No printer margins: QTextDocument::print adds its own 2 cm and numbers the pages.
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                  QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));

    QTextDocument text;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8.5);
    font = withoutLigatures(font);
    text.setDefaultFont(font);
    text.setDefaultStyleSheet(QLatin1String(kCss));
    text.setDocumentMargin(0);

    // The text area in document units (96 dpi): the page less print()'s 2 cm margins.
    const QSizeF paint =
        (pdf.pageLayout().fullRect(QPageLayout::Inch).size() - QSizeF(4 / 2.54, 4 / 2.54)) * 96;
    const QRectF source = diagramRect(scene);
    // A little under the text width: tables at 100% come out a few pixels narrower.
    const double maxW = paint.width() * 0.96, maxH = paint.height() * 0.55;
    const double k = std::min({1.0, maxW / source.width(), maxH / source.height()});
    auto *object = new DiagramObject(scene, source.size() * k, &text);
    text.documentLayout()->registerHandler(kDiagramObject, object);

    const int chartW = int(paint.width()) - 2, chartH = int(chartW * 0.42);
    text.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("sc:chart.png")),
                     costChart(doc, 900, int(900 * 0.42), 2));
    const QString marker = QStringLiteral("SCALECANVAS-DIAGRAM-HERE");
    const QString chart =
        QStringLiteral("<p><img src=\"sc:chart.png\" width=\"%1\" height=\"%2\"></p>")
            .arg(chartW)
            .arg(chartH);
    text.setHtml(
        QStringLiteral("<html><body>%1</body></html>")
            .arg(reportBody(x, Target::Pdf, QStringLiteral("<p>%1</p>").arg(marker), chart)));
    QTextCursor at = text.find(marker);
    if (!at.isNull()) {
        QTextCharFormat f;
        f.setObjectType(kDiagramObject);
        at.insertText(QString(QChar::ObjectReplacementCharacter), f);
    }
    text.print(&pdf);
    return bytes;
}

QString exportReport(Document *doc, CanvasScene *scene, ReportFormat format, const QString &path,
                     bool *writeFailed)
{
    if (writeFailed)
        *writeFailed = false;
    if (!doc->modelOk())
        return QObject::tr("The design has errors; fix them before exporting a report");
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

} // namespace scui

#include "reportexport.moc"
