#include "comparecharts.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/charts/charttheme.h"
#include "ui/numberformat.h"
#include "ui/theme.h"

#include "core/analysis/limits.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace scui {
namespace {

// Percent tick labels for axes that plot ratios (utilization, availability), with as many
// decimals as the tick step needs.
class PercentTicker : public QCPAxisTicker
{
public:
    int decimals = 0;

protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        return formatPercent(tick, decimals);
    }
};

// Milliseconds on a log axis, in full as the rest of the app writes them ("80", "200",
// "1000", "0.5"): QCustomPlot's "g" format wrote 1,000 ms as "1e+03" (QA).
// Its ticks are 1, 2 and 5 of each decade (the powers of ten alone when those are more than six):
// the log ticker fell back to linear steps within two decades, and labelled a p99 plateau of
// 330 ms with nothing nearer than 2000 and 4000 (QA).
class MillisecondTicker : public DecadeTicker
{
public:
    MillisecondTicker()
        : DecadeTicker(Detail)
    {
    }

protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        return tick >= 1 ? QString::number(std::round(tick), 'f', 0)
                         : QString::number(tick, 'g', 2);
    }
};

void setLinearAxis(QCPAxis *axis)
{
    axis->setScaleType(QCPAxis::stLinear);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    axis->setNumberFormat("gb");
    axis->setNumberPrecision(6);
}

// A percent axis over [lo, hi] (ratios), its tick labels precise enough to tell the ticks apart.
void setPercentAxis(QCPAxis *axis, double lo, double hi)
{
    axis->setScaleType(QCPAxis::stLinear);
    QSharedPointer<PercentTicker> ticker(new PercentTicker);
    ticker->setTickCount(5);
    const double stepPercent = std::max((hi - lo) * 100 / 5, 1e-6);
    ticker->decimals = std::clamp(int(std::ceil(-std::log10(stepPercent))), 0, 4);
    axis->setTicker(ticker);
    axis->setRange(lo, hi);
}

} // namespace

// The heading, the legend and the axes, one above the other: the legend never covers data. Done
// once per plot; a re-plot only changes the heading's text.
QCPTextElement *legendAbovePlot(QCustomPlot *plot)
{
    QCPLayoutGrid *layout = plot->plotLayout();
    if (plot->property("scCompareLayout").toBool())
        return qobject_cast<QCPTextElement *>(layout->element(0, 0));
    QCPAxisRect *rect = plot->axisRect();
    layout->take(rect);
    layout->simplify();
    QFont headingFont = plot->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() + 1);
    auto *heading = new QCPTextElement(plot, QString(), headingFont);
    layout->addElement(0, 0, heading);
    rect->insetLayout()->take(plot->legend);
    rect->insetLayout()->simplify();
    layout->addElement(1, 0, plot->legend);
    layout->addElement(2, 0, rect);
    layout->setRowStretchFactor(0, 0.001);
    layout->setRowStretchFactor(1, 0.001);
    plot->legend->setVisible(true);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(0);
    plot->legend->setIconSize(28, 12);
    plot->legend->setMargins(QMargins(6, 3, 6, 3));
    plot->legend->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    layout->setMargins(QMargins(0, 0, 0, 0));
    plot->setProperty("scCompareLayout", true);
    return heading;
}

namespace {

// The series of `g` that `kind` plots.
const std::vector<double> &seriesOf(const sc::Growth &g, CompareChart kind)
{
    switch (kind) {
    case CompareChart::MonthlyCost:
        return g.monthlyCostUsd;
    case CompareChart::P99Latency:
        return g.p99Ms;
    case CompareChart::Utilization:
        return g.bottleneckUtilization;
    case CompareChart::Availability:
        break;
    }
    return g.availability;
}

QCPGraph *addSeries(QCustomPlot *plot, const sc::Growth &g, CompareChart kind, const QString &name,
                    const QPen &pen)
{
    QCPGraph *graph = plot->addGraph(plot->xAxis, plot->yAxis);
    graph->setName(name);
    graph->setPen(pen);
    const std::vector<double> &y = seriesOf(g, kind);
    const size_t n = std::min(g.users.size(), y.size());
    QVector<double> keys, values;
    for (size_t i = 0; i < n; ++i) {
        keys << g.users[i];
        // NaN keeps its place: QCustomPlot breaks the line there.
        values << (std::isfinite(y[i]) ? y[i] : std::numeric_limits<double>::quiet_NaN());
    }
    graph->setData(keys, values, true);
    return graph;
}

// The finite values of both series that `kind` plots; on a log axis only the positive ones;
// for availability only those up to `users` (and the first point).
std::vector<double> plottedValues(CompareChart kind, const sc::Growth &a, const sc::Growth &b,
                                  bool log, double users)
{
    std::vector<double> out;
    for (const sc::Growth *g : {&a, &b}) {
        const std::vector<double> &y = seriesOf(*g, kind);
        for (size_t i = 0; i < y.size() && i < g->users.size(); ++i) {
            if (kind == CompareChart::Availability && i > 0 && g->users[i] > users * 1.0001)
                break;
            if (std::isfinite(y[i]) && (!log || y[i] > 0))
                out.push_back(y[i]);
        }
    }
    return out;
}

void setValueAxis(QCustomPlot *plot, CompareChart kind, const std::vector<double> &values)
{
    QCPAxis *y = plot->yAxis;
    const auto [lo, hi] = values.empty()
                              ? std::pair{1.0, 10.0}
                              : std::pair{*std::min_element(values.begin(), values.end()),
                                          *std::max_element(values.begin(), values.end())};
    switch (kind) {
    case CompareChart::MonthlyCost:
        setLogAxis(y);
        y->setLabel(QObject::tr("USD/month"));
        y->setRange(std::max(lo / 2, 1e-2), std::max(hi * 2, 10.0));
        break;
    case CompareChart::P99Latency: {
        setLogAxis(y);
        // Milliseconds read best in full ("80", "200"), and p99s often span less than a decade.
        QSharedPointer<MillisecondTicker> ticker(new MillisecondTicker); // 1, 2, 5 a decade
        ticker->setLogBase(10);
        ticker->setAxis(y);
        y->setTicker(ticker);
        y->setLabel(QObject::tr("p99 (ms)"));
        y->setRange(std::max(lo / 2, 1e-3), std::max(hi * 2, 1.0));
        break;
    }
    case CompareChart::Utilization:
        // Past saturation ρ grows without bound: the chart shows the crossing, up to 150%.
        setPercentAxis(y, 0, std::clamp(hi * 1.1, 1.1, 1.5));
        y->setLabel(QObject::tr("Bottleneck utilization"));
        break;
    case CompareChart::Availability: {
        // `values` holds the points up to the users compared: past the walls both fall off the
        // bottom, as utilization runs off the top, and the nines that differ stay readable.
        const double pad = std::max((std::min(hi, 1.0) - lo) * 0.1, 5e-5);
        setPercentAxis(y, std::max(0.0, lo - pad), std::min(hi, 1.0) + pad);
        y->setLabel(QObject::tr("Availability"));
        break;
    }
    }
}

// A line across (horizontal, at plot y `value`) or down (vertical, at plot x `value`) the axes.
QCPItemStraightLine *markLine(QCustomPlot *plot, bool vertical, double value, const QPen &pen)
{
    auto *line = new QCPItemStraightLine(plot);
    for (QCPItemPosition *p : {line->point1, line->point2}) {
        p->setTypeX(vertical ? QCPItemPosition::ptPlotCoords : QCPItemPosition::ptAxisRectRatio);
        p->setTypeY(vertical ? QCPItemPosition::ptAxisRectRatio : QCPItemPosition::ptPlotCoords);
    }
    line->point1->setCoords(vertical ? value : 0, vertical ? 0 : value);
    line->point2->setCoords(vertical ? value : 1, vertical ? 1 : value);
    line->setPen(pen);
    return line;
}

// A label at the top of a vertical line (on its left when `leftOfLine`) or at the right end of
// a horizontal one.
QCPItemText *markLabel(QCustomPlot *plot, bool vertical, double value, const QString &text,
                       const QColor &color, bool leftOfLine = false)
{
    auto *label = new QCPItemText(plot);
    label->position->setTypeX(vertical ? QCPItemPosition::ptPlotCoords
                                       : QCPItemPosition::ptAxisRectRatio);
    label->position->setTypeY(vertical ? QCPItemPosition::ptAxisRectRatio
                                       : QCPItemPosition::ptPlotCoords);
    label->position->setCoords(vertical ? value : 1, vertical ? 0 : value);
    label->setPositionAlignment(vertical
                                    ? (leftOfLine ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop
                                    : Qt::AlignRight | Qt::AlignBottom);
    label->setPadding(QMargins(4, 2, 4, 2));
    label->setText(text);
    label->setColor(color);
    label->setClipToAxisRect(true);
    return label;
}

} // namespace

QString compareChartTitle(CompareChart kind)
{
    switch (kind) {
    case CompareChart::MonthlyCost:
        return QObject::tr("Monthly cost");
    case CompareChart::P99Latency:
        return QObject::tr("p99 latency");
    case CompareChart::Utilization:
        return QObject::tr("Utilization of the bottleneck");
    case CompareChart::Availability:
        break;
    }
    return QObject::tr("Availability");
}

QColor compareColorA(bool dark)
{
    return dark ? QColor("#8ab4f8") : QColor("#1a5fb4");
}

QColor compareColorB(bool dark)
{
    return dark ? QColor("#ffb74d") : QColor("#d35400");
}

QPen comparePen(bool optionB, bool dark)
{
    return optionB ? QPen(compareColorB(dark), 2, Qt::DashLine) : QPen(compareColorA(dark), 3.4);
}

QString legendName(const QString &raw, int chars)
{
    // Control characters as their symbols, as on the canvas (a variant's ESC drew a box; QA).
    const QString name = displayText(raw);
    if (name.size() <= chars)
        return name;
    const int head = (chars - 1) / 2, tail = chars - 1 - head;
    return name.left(head) + QChar(0x2026) + name.right(tail);
}

void setCompareToolTip(QCustomPlot *plot, const QString &nameA, const QString &nameB)
{
    plot->setToolTip(
        QObject::tr("A (solid): %1\nB (dashed): %2").arg(displayText(nameA), displayText(nameB)));
}

void plotComparison(QCustomPlot *plot, CompareChart kind, const sc::Growth &a, const sc::Growth &b,
                    const QString &nameA, const QString &nameB, double users, bool dark)
{
    plot->clearGraphs();
    plot->clearPlottables();
    plot->clearItems();
    QCPTextElement *heading = legendAbovePlot(plot);
    const QPalette palette = themePalette(dark);
    const QColor fg = palette.color(QPalette::WindowText);
    heading->setText(compareChartTitle(kind));
    heading->setTextColor(fg);

    setLogAxis(plot->xAxis);
    plot->xAxis->setRange(sc::kMinUsers, sc::kMaxUsers);
    plot->xAxis->setLabel(QObject::tr("Daily active users"));
    const bool log = kind == CompareChart::MonthlyCost || kind == CompareChart::P99Latency;
    if (!log)
        setLinearAxis(plot->yAxis);
    setValueAxis(plot, kind, plottedValues(kind, a, b, log, users));

    addSeries(plot, a, kind, legendName(nameA), comparePen(false, dark));
    addSeries(plot, b, kind, legendName(nameB), comparePen(true, dark));
    setCompareToolTip(plot, nameA, nameB);

    QColor guide = fg;
    guide.setAlpha(170);
    if (kind == CompareChart::Utilization) {
        markLine(plot, false, 1.0, QPen(guide, 1.2, Qt::DashLine));
        markLabel(plot, false, 1.0, QObject::tr("100%: saturated"), guide);
    }
    const QColor marker = dark ? QColor("#e0e0e0") : QColor("#37474f");
    const double at = std::clamp(users, sc::kMinUsers, sc::kMaxUsers);
    markLine(plot, true, at, QPen(marker, 1.5, Qt::DashDotLine));
    // In the right quarter of the axis the label goes left of the line: on its right it was
    // clipped away at 10⁸ users (QA: the report's caption spoke of a line nobody could find).
    const double along = std::log10(at / sc::kMinUsers) / std::log10(sc::kMaxUsers / sc::kMinUsers);
    markLabel(plot, true, at, QObject::tr("%1 users").arg(formatCount(users)), marker,
              along > 0.75);

    // After the axes are set up: the palette reaches the sub-grid of log axes too.
    applyChartPalette(plot, palette);
    plot->legend->setBorderPen(Qt::NoPen);
}

} // namespace scui
