// The timeline's day chart: demand against what is served, the failures and the instances of
// the auto-scaled tiers (the capacity staircase) above; the p99 against the objective below; a
// cursor at the clock on both. The series are the run's steps as the core returned them.

#include "ui/canvas/canvasstyle.h"
#include "ui/charts/charttheme.h"
#include "ui/charts/growthcharts.h"
#include "ui/document.h"
#include "ui/numberformat.h"
#include "ui/theme.h"
#include "ui/timeline/timeline.h"
#include "ui/timeline/timelinerun.h"

#include <algorithm>
#include <qcustomplot.h>

#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace scui {
namespace {

constexpr int kMostTiers = 3; // instance series drawn (the first auto-scaled tiers)

QColor seriesColor(int i, bool dark)
{
    // Demand, served, errors, p99: blue, green, red, purple; readable on both themes.
    static const QColor light[] = {"#1f77b4", "#2ca02c", "#d62728", "#7b4ea3"};
    static const QColor darkSet[] = {"#6cb4ff", "#6fdc6f", "#ff6b6b", "#c79bff"};
    return dark ? darkSet[i] : light[i];
}

QCPAxisRect *lowerRect(QCustomPlot *plot)
{
    return plot->axisRectCount() > 1 ? plot->axisRect(1) : plot->axisRect(0);
}

// A legend entry's name, cut to what a column has room for.
QString legendName(const QString &raw)
{
    const QString name = displayText(raw); // control characters as their symbols
    constexpr int kLongest = 24;
    return name.size() <= kLongest ? name : name.left(kLongest - 1) + QChar(0x2026);
}

} // namespace

void Timeline::buildChart()
{
    m_chart = new QCustomPlot;
    m_chart->setObjectName(QStringLiteral("timelineChart"));
    m_chart->setMinimumHeight(190);
    // Not as wide as its legend's row: the chart library's minimum size is its layout's, and a
    // legend of long names (a 1,000-component design's tiers) made the dock wider than the
    // window at 1280 × 800 and crushed the inspector (QA). The legend wraps instead (fitLegend).
    m_chart->setMinimumWidth(240);
    // The legend in a row of its own above the data; then the two charts.
    m_chart->plotLayout()->insertRow(0);
    m_chart->plotLayout()->addElement(0, 0, m_chart->legend);
    auto *lower = new QCPAxisRect(m_chart);
    m_chart->plotLayout()->addElement(2, 0, lower);
    m_chart->plotLayout()->setRowStretchFactors({0.001, 2, 1});
    m_chart->plotLayout()->setRowSpacing(0);
    auto *group = new QCPMarginGroup(m_chart);
    for (QCPAxisRect *r : {m_chart->axisRect(0), lower}) {
        r->setMarginGroup(QCP::msLeft | QCP::msRight, group);
        QSharedPointer<QCPAxisTickerTime> ticker(new QCPAxisTickerTime);
        ticker->setTimeFormat(QStringLiteral("%h:%m"));
        r->axis(QCPAxis::atBottom)->setTicker(ticker);
        auto *cursor = new QCPItemStraightLine(m_chart);
        cursor->setClipAxisRect(r);
        cursor->point1->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        cursor->point2->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        cursor->setVisible(false);
        m_cursors.push_back(cursor);
    }
    m_chart->axisRect(0)->axis(QCPAxis::atLeft)->setLabel(tr("req/s"));
    m_chart->axisRect(0)->axis(QCPAxis::atRight)->setLabel(tr("instances"));
    m_chart->axisRect(0)->axis(QCPAxis::atRight)->setVisible(true);
    for (QCPAxis::AxisType a : {QCPAxis::atLeft, QCPAxis::atRight}) {
        m_chart->axisRect(0)->axis(a)->setTicker(QSharedPointer<CountTicker>(new CountTicker));
        m_chart->axisRect(0)->axis(a)->ticker()->setTickCount(3);
    }
    lower->axis(QCPAxis::atLeft)->setLabel(tr("p99 (ms)"));
    // Log: the objective (hundreds of ms) and a time-out's 30 s both readable.
    lower->axis(QCPAxis::atLeft)->setScaleType(QCPAxis::stLogarithmic);
    lower->axis(QCPAxis::atLeft)->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_chart->legend->setVisible(true);
    m_chart->legend->setMargins(QMargins(4, 3, 4, 0));
    m_chart->legend->setBorderPen(Qt::NoPen);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_chart->legend->setFont(small);
    m_chart->legend->setRowSpacing(0);
    m_chart->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_chart->legend->setWrap(8);
    connect(m_chart, &QCustomPlot::mousePress, this,
            [this](QMouseEvent *e) { seekToChartPixel(e->pos().x()); });
    static_cast<QVBoxLayout *>(layout())->addWidget(m_chart, 1);
    applyChartTheme();
}

double Timeline::cursorX() const
{
    return m_cursors.empty() ? 0.0 : m_cursors.front()->point1->coords().x();
}

void Timeline::seekToChartPixel(double x)
{
    if (!m_run)
        return;
    const double at = m_chart->axisRect(0)->axis(QCPAxis::atBottom)->pixelToCoord(x);
    seek(at - m_run->scenario.startHour * 3600);
}

// As many columns as the widest entry leaves room for, at most 8 (each column as wide as its
// widest entry: names cut to "deman" and "App l" at 1280 × 800 with eight in a row; QA).
void Timeline::fitLegend()
{
    QCPLegend *legend = m_chart->legend;
    int widest = 1;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const QCPAbstractLegendItem *item = legend->item(i)) // (a grid's empty cells: null)
            widest = std::max(widest, item->minimumOuterSizeHint().width());
    // The chart's width less the legend's margins and the plot's, and a gap after each column.
    const QMargins margins = legend->margins();
    const int gap = legend->columnSpacing();
    const int room = m_chart->width() - margins.left() - margins.right() - 24;
    const int columns = std::clamp((room + gap) / (widest + gap), 1, 8);
    if (columns != legend->wrap()) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
}

void Timeline::plotRun()
{
    m_chart->clearGraphs();
    if (m_run)
        plotSeries();
    applyChartTheme();
    fitLegend();
    m_chart->replot(QCustomPlot::rpQueuedReplot);
}

void Timeline::plotSeries()
{
    const TimelineRun &run = *m_run;
    const bool dark = isDark(palette());
    const double start = run.scenario.startHour * 3600;
    QCPAxisRect *top = m_chart->axisRect(0), *low = lowerRect(m_chart);
    QVector<double> x, demand, served, errors, p99;
    double most = 1, mostInstances = 1, slowest = 0, fastest = 1e300;
    for (const sc::SimulationStep &s : run.steps) {
        most = std::max({most, s.demandRps, s.servedRps, s.errorRps});
        slowest = std::max(slowest, s.p99Ms.value_or(0.0));
        fastest = std::min(fastest, s.p99Ms.value_or(fastest));
        x << start + s.t;
        demand << s.demandRps;
        served << s.servedRps;
        errors << s.errorRps;
        p99 << (s.p99Ms ? *s.p99Ms : std::numeric_limits<double>::quiet_NaN());
    }
    auto add = [&](QCPAxisRect *r, QCPAxis::AxisType y, const QVector<double> &v,
                   const QString &name, const QColor &c) {
        QCPGraph *g = m_chart->addGraph(r->axis(QCPAxis::atBottom), r->axis(y));
        g->setName(name);
        g->setPen(QPen(c, 1.6));
        g->setData(x, v, true);
        g->setLineStyle(QCPGraph::lsStepLeft);
        return g;
    };
    // A step's rates and p99 stand for the interval after it (docs/model.md): drawn as steps,
    // not lines from one step to the next (at 300 s steps a spike with no ramp read as a
    // five-minute ramp, and errors as rising before they began; QA).
    add(top, QCPAxis::atLeft, demand, tr("demand"), seriesColor(0, dark))
        ->setPen(QPen(seriesColor(0, dark), 2.4));
    add(top, QCPAxis::atLeft, served, tr("served"), seriesColor(1, dark));
    add(top, QCPAxis::atLeft, errors, tr("errors"), seriesColor(2, dark))
        ->setBrush(QColor(seriesColor(2, dark).red(), 40, 40, 60));
    const sc::Design &d = m_doc->design();
    for (size_t k = 0; k < run.autoscaled.size() && int(k) < kMostTiers; ++k) {
        const int i = run.autoscaled[k];
        QVector<double> n;
        for (int s = 0; s < int(run.steps.size()); ++s) {
            n << run.at(s, i, &sc::SimulationStep::instances);
            mostInstances = std::max(mostInstances, n.back());
        }
        // Orange, teal and brown: none of the errors' and the objective's red (GUI QA: the second
        // tier's red dotted staircase read as the objective's red dashes), nor the other series'
        // blue, green and purple.
        static const QColor tierColors[] = {GrowthCharts::componentColor(1),
                                            GrowthCharts::componentColor(3),
                                            GrowthCharts::componentColor(8)};
        const QColor color = tierColors[k % std::size(tierColors)];
        QCPGraph *g = add(top, QCPAxis::atRight, n,
                          tr("instances: %1")
                              .arg(legendName(m_doc->componentLabel(
                                  QString::fromStdString(d.components[size_t(i)].id)))),
                          color);
        // Each tier its own dash as well as colour: two orange-ish dashed staircases were hard to
        // tell apart, and one hid the other where they were equal (QA).
        static const Qt::PenStyle dashes[] = {Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
        g->setPen(QPen(color, 1.6, dashes[k % 3]));
    }
    // The tiers past those drawn are named, not left out without a word (QA: stage 5's fourth,
    // Workers EU, was missing from the chart).
    if (run.autoscaled.size() > size_t(kMostTiers)) {
        // The first few by name, the rest counted (a 1,000-component design named ~250 tiers
        // there, and the legend had no room left for the series drawn; QA).
        constexpr size_t kNamed = 2;
        QStringList rest;
        for (size_t k = size_t(kMostTiers); k < run.autoscaled.size(); ++k)
            if (rest.size() < qsizetype(kNamed))
                rest << legendName(m_doc->componentLabel(
                    QString::fromStdString(d.components[size_t(run.autoscaled[k])].id)));
        const size_t others = run.autoscaled.size() - size_t(kMostTiers) - size_t(rest.size());
        if (others > 0)
            rest << tr("%n more", nullptr, int(others));
        // Zeros, not drawn (an empty graph made the chart library warn at every plot).
        QCPGraph *note = add(top, QCPAxis::atRight, QVector<double>(x.size(), 0.0),
                             tr("instances not drawn: %1").arg(rest.join(", ")), Qt::transparent);
        note->setObjectName(QStringLiteral("tiersNotDrawn"));
        note->setPen(Qt::NoPen);
    }
    // A step with a path down (no capacity on it) has no p99: the line breaks there (a failover's
    // minute read as an unexplained gap; QA).
    const bool gaps = std::any_of(run.steps.begin(), run.steps.end(),
                                  [](const sc::SimulationStep &s) { return !s.p99Ms; });
    add(low, QCPAxis::atLeft, p99, gaps ? tr("p99 (gaps: a path down)") : tr("p99"),
        seriesColor(3, dark));
    // The objective across the run, with a legend entry of its own in the colour and dash it is
    // drawn with (the p99's entry said "dashed: objective" in the p99's solid purple, and the
    // red dashed line had none; QA).
    const double slo = d.slo.p99Ms;
    const double end = std::max(x.back(), x.front() + 1);
    QCPGraph *objective =
        m_chart->addGraph(low->axis(QCPAxis::atBottom), low->axis(QCPAxis::atLeft));
    objective->setObjectName(QStringLiteral("slo"));
    objective->setName(tr("p99 objective %1").arg(formatLatency(slo)));
    objective->setPen(QPen(seriesColor(2, dark), 1, Qt::DashLine));
    objective->setData(QVector<double>{x.front(), end}, QVector<double>{slo, slo}, true);
    top->axis(QCPAxis::atRight)->setVisible(!run.autoscaled.empty());
    const QString format =
        start + run.scenario.durationS > 86400 ? tr("day %d, %h:%m") : QStringLiteral("%h:%m");
    // Room at the right for half the last time's label, which is centred on the run's end:
    // without an instances axis there it was cut off ("24:00" missing; QA).
    const QFontMetrics fm(top->axis(QCPAxis::atBottom)->tickLabelFont());
    const int half = fm.horizontalAdvance(QString(format)
                                              .replace(QLatin1String("%d"), "0")
                                              .replace(QLatin1String("%h"), "00")
                                              .replace(QLatin1String("%m"), "00")) /
                         2 +
                     4;
    for (QCPAxisRect *r : {top, low}) {
        r->axis(QCPAxis::atBottom)->setRange(x.front(), end);
        r->axis(QCPAxis::atBottom)
            ->ticker()
            .dynamicCast<QCPAxisTickerTime>()
            ->setTimeFormat(format);
        r->setMinimumMargins(QMargins(0, 0, half, 0));
    }
    top->axis(QCPAxis::atLeft)->setRange(0, most * 1.1);
    top->axis(QCPAxis::atRight)->setRange(0, mostInstances * 1.15);
    // Nearly two decades at least, so the log axis labels its powers of ten and nothing between.
    low->axis(QCPAxis::atLeft)
        ->setRange(std::max(1.0, std::min(fastest * 0.7, slo / 20)), std::max(slowest, slo) * 3);
}

void Timeline::applyChartTheme()
{
    const bool dark = isDark(palette());
    applyChartPalette(m_chart, chartPaletteOf(this));
    const QColor cursor = dark ? QColor("#9ecbff") : QColor("#1f4e99");
    for (QCPItemStraightLine *c : m_cursors)
        c->setPen(QPen(cursor, 1.5));
}

} // namespace scui
