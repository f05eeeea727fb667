// GrowthCharts' charts of a design's sizing rather than of its users: the speedup over cores,
// the cost breakdown by component, vertical against horizontal (growthcharts.cpp has the charts
// against users and the dock they share).

#include "growthcharts.h"

#include "ui/charts/chartparts.h"
#include "ui/charts/charttheme.h"

#include "core/analysis/limits.h"
#include "core/analysis/options.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/document.h"
#include "ui/numberformat.h"
#include "ui/theme.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace scui {

namespace {

constexpr int kMaxBreakdownBars = 15;

} // namespace

void GrowthCharts::plotSpeedup()
{
    QCustomPlot *plot = chart(ChartKind::Speedup);
    clearPlot(plot);
    plot->clearItems();
    setLogAxis(plot->xAxis);
    setLogAxis(plot->yAxis);
    plot->xAxis->setLabel(tr("Cores (instances × vCPU)"));
    plot->yAxis->setLabel(tr("Speedup (×)"));
    plot->xAxis->setRange(1, 1024);
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    const int i = selectedIndex();
    if (!m_doc->modelOk() || i < 0) {
        heading->setText(tr("Speedup: no compute tier"));
        return;
    }
    const sc::Model &model = *m_doc->model();
    const sc::Component &c = m_doc->design().components[size_t(i)];
    const double sigma = c.number("serialFraction"), kappa = c.number("coherency");
    QVector<double> x, y;
    for (int k = 0; k <= 160; ++k) {
        const double cores = std::pow(1024.0, k / 160.0);
        x << cores;
        y << model.speedup(i, cores);
    }
    const QColor fg = chartPaletteOf(this).color(QPalette::WindowText);
    const QColor curve = componentColor(i);
    addLine(plot, tr("USL speedup, σ = %1, κ = %2").arg(sigma).arg(kappa), curve)
        ->setData(x, y, true);
    double hi = *std::max_element(y.begin(), y.end());
    QColor dashed = fg;
    dashed.setAlpha(170);
    if (sigma > 0) {
        addLine(plot, tr("Amdahl asymptote 1/σ = %1×").arg(1 / sigma, 0, 'g', 3), dashed, 1.5,
                Qt::DashLine)
            ->setData(QVector<double>{1, 1024}, QVector<double>{1 / sigma, 1 / sigma}, true);
        hi = std::max(hi, 1 / sigma);
    } else {
        addLine(plot, tr("No asymptote (σ = 0: linear)"), dashed, 1.5, Qt::DashLine);
    }
    const sc::Evaluation &ev = m_doc->evaluation();
    double cores = 1;
    if (size_t(i) < ev.components.size())
        cores = std::max(1.0, ev.components[size_t(i)].cores); // a sharded primary: one shard's
    QCPGraph *now =
        addLine(plot, tr("Now: %1 cores → %2×").arg(cores).arg(model.speedup(i, cores), 0, 'g', 3),
                curve, 0);
    now->setLineStyle(QCPGraph::lsNone);
    now->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, curve, curve, 9));
    now->setData(QVector<double>{cores}, QVector<double>{model.speedup(i, cores)}, true);
    placeVertical(verticalLine(plot, QPen(curve, 1, Qt::DotLine)), std::min(cores, 1024.0));
    plot->yAxis->setRange(0.8, hi * 2);

    QString ceiling = tr("none (horizontal tiers scale out)");
    if (ev.scalingCeilingUsers)
        ceiling = tr("%1 users, %2")
                      .arg(compact(*ev.scalingCeilingUsers),
                           labelOf(m_doc->design(), ev.ceilingComponent));
    heading->setText(tr("Speedup of %1 — design's scaling ceiling: %2")
                         .arg(labelOf(m_doc->design(), i), ceiling));
    plot->setProperty("unit", "×");
}

int GrowthCharts::breakdownRows(int plotHeight) const
{
    // A name needs a line and a little of the axis.
    const int line = QFontMetrics(font()).height();
    const int room = axisRoom(plotHeight);
    return std::clamp(room * 10 / (line * 11), 3, kMaxBreakdownBars);
}

void GrowthCharts::plotBreakdown()
{
    QCustomPlot *plot = chart(ChartKind::CostBreakdown);
    clearPlot(plot);
    m_breakdownComponents.clear();
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    plot->xAxis->setScaleType(QCPAxis::stLinear);
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    plot->xAxis->setNumberFormat("gb");
    plot->xAxis->setNumberPrecision(6);
    plot->xAxis->setLabel(tr("Monthly cost (USD/month)"));
    plot->yAxis->setLabel(QString());
    const sc::Design &design = m_doc->design();
    const sc::Evaluation &ev = m_doc->evaluation();
    // One bar per component, and one for data transfer: a transfer line is billed for the bytes
    // that leave AWS, and names the component they leave from (the load balancer, the CDN) only
    // to say where; filing it under that component made a load balancer look like $54K.
    const size_t n = design.components.size();
    const size_t transfer = n; // the index of the data-transfer bar
    std::vector<double> now(n + 1, 0), onDemand(n + 1, 0);
    for (const sc::CostItem &item : ev.costItems) {
        int i = m_doc->indexOf(QString::fromStdString(item.componentId));
        if (item.category == sc::CostCategory::Transfer)
            i = int(transfer);
        if (i < 0)
            continue;
        now[size_t(i)] += item.monthlyUsd;
        onDemand[size_t(i)] += item.onDemandUsd;
    }
    const auto barLabel = [&](int i) {
        return size_t(i) == transfer ? tr("Data transfer") : distinctLabelOf(design, i);
    };
    QVector<double> keys, vNow, vOd;
    QVector<QString> labels;
    double total = 0, totalOd = 0;
    // Largest at the top: the bars read top-down like a bill.
    std::vector<int> order;
    for (size_t i = 0; i <= n; ++i)
        if (now[i] > 0 || onDemand[i] > 0)
            order.push_back(int(i));
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return now[size_t(a)] > now[size_t(b)]; });
    // The biggest lines, then one bar for the rest: at most as many bars as their names have
    // rows on the axis (a 1280 × 800 screen gives the charts a few), so none overlaps another.
    const int rows = breakdownRows(plot->height());
    if (order.size() > size_t(rows)) {
        double restNow = 0, restOd = 0;
        for (size_t k = size_t(rows) - 1; k < order.size(); ++k) {
            restNow += now[size_t(order[k])];
            restOd += onDemand[size_t(order[k])];
        }
        const size_t others = order.size() - (size_t(rows) - 1);
        order.resize(size_t(rows) - 1);
        keys << 1;
        vNow << restNow;
        vOd << restOd;
        labels << tr("%1 others").arg(others);
        m_breakdownComponents << -1;
        total += restNow;
        totalOd += restOd;
    }
    std::reverse(order.begin(), order.end());
    for (int i : order) {
        keys << keys.size() + 1;
        vNow << now[size_t(i)];
        vOd << onDemand[size_t(i)];
        labels << barLabel(i);
        m_breakdownComponents << (size_t(i) == transfer ? kDataTransferBar : i);
        total += now[size_t(i)];
        totalOd += onDemand[size_t(i)];
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->setTicks(keys, labels);
    plot->yAxis->setTicker(ticker);
    plot->yAxis->setRange(0.3, keys.size() + 0.7);
    // Each component's two bars touch, and a wider gap parts one component's pair from the
    // next: the pairs read as pairs, not as an even row of bars.
    auto *group = new QCPBarsGroup(plot);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(0);
    auto *barsNow = new QCPBars(plot->yAxis, plot->xAxis);
    barsNow->setName(tr("Current pricing"));
    const QColor cNow = m_dark ? QColor("#8ab4f8") : QColor("#1a5fb4");
    barsNow->setBrush(cNow);
    barsNow->setPen(Qt::NoPen);
    barsNow->setWidth(0.34);
    barsNow->setBarsGroup(group);
    barsNow->setData(keys, vNow, true);
    auto *barsOd = new QCPBars(plot->yAxis, plot->xAxis);
    barsOd->setName(tr("If all on-demand"));
    QColor cOd = chartPaletteOf(this).color(QPalette::WindowText);
    cOd.setAlpha(90);
    barsOd->setBrush(cOd);
    barsOd->setPen(Qt::NoPen);
    barsOd->setWidth(0.34);
    barsOd->setBarsGroup(group);
    barsOd->setData(keys, vOd, true);
    double hi = 1;
    for (int k = 0; k < keys.size(); ++k)
        hi = std::max({hi, vNow[k], vOd[k]});
    plot->xAxis->setRange(0, hi * 1.15);
    const double saved = totalOd - total;
    heading->setText(tr("Cost at %1 users: %2/month · on-demand %3 · reserved/spot save %4 (%5%)")
                         .arg(compact(m_doc->users()), money(total), money(totalOd), money(saved))
                         .arg(totalOd > 0 ? saved / totalOd * 100 : 0, 0, 'f', 0));
    plot->setProperty("unit", "USD/month");
}

void GrowthCharts::plotVerticalHorizontal()
{
    QCustomPlot *plot = chart(ChartKind::VerticalHorizontal);
    clearPlot(plot);
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    setLogAxis(plot->xAxis);
    setLogAxis(plot->yAxis);
    plot->xAxis->setLabel(tr("Target capacity (req/s)"));
    plot->yAxis->setLabel(tr("USD/month"));
    const int i = selectedIndex();
    if (!m_doc->modelOk() || i < 0) {
        heading->setText(tr("Vertical vs horizontal: no compute tier"));
        return;
    }
    // Priced and sized by the core as the model bills them (pricing model, Multi-AZ, shards).
    const sc::ScaleOptions options = sc::scaleOptions(*m_doc->model(), i);
    if (!options.valid) {
        heading->setText(
            tr("Vertical vs horizontal: %1 has no instance type").arg(labelOf(m_doc->design(), i)));
        return;
    }
    auto series = [](const std::vector<sc::ScaleOption> &list, QVector<double> &x,
                     QVector<double> &y) {
        for (const sc::ScaleOption &o : list) {
            x << o.capacityRps;
            y << o.monthlyUsd;
        }
    };
    QVector<double> hx, hy, vx, vy;
    series(options.horizontal, hx, hy);
    series(options.vertical, vx, vy);
    const sc::InstanceType &type = *options.horizontal.front().type;
    const bool shards = m_doc->design().components[size_t(i)].kind == sc::Kind::Database;
    const QColor cH = m_dark ? QColor("#81c995") : QColor("#2e7d32");
    const QColor cV = m_dark ? QColor("#ff8a80") : QColor("#c62828");
    const QString typeName = QString::fromStdString(type.name);
    QCPGraph *h = addLine(plot,
                          shards ? tr("Horizontal: N shards × %1").arg(typeName)
                                 : tr("Horizontal: N × %1").arg(typeName),
                          cH);
    h->setLineStyle(QCPGraph::lsStepRight);
    h->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    h->setData(hx, hy, true);
    QCPGraph *v = addLine(
        plot, tr("Vertical: one bigger %1 instance").arg(QString::fromStdString(type.service)), cV);
    v->setLineStyle(QCPGraph::lsStepRight);
    v->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 6));
    v->setData(vx, vy, true);
    plot->xAxis->setRange(hx.front() / 2, options.reachRps * 1.5);
    double lo = hy.front(), hi = hy.back();
    for (double p : vy)
        lo = std::min(lo, p), hi = std::max(hi, p);
    plot->yAxis->setRange(lo / 2, hi * 3);

    // Compare at the biggest vertical option: how many of the current type match it.
    if (options.matchingHorizontal >= 0) {
        const sc::ScaleOption &n = options.horizontal[size_t(options.matchingHorizontal)];
        const sc::ScaleOption &big = options.vertical.back();
        heading->setText((shards && n.count == 1
                              ? tr("%1: %2 shard × %3 = %4 req/s for %5 vs 1 × %6 = %7 req/s "
                                   "for %8 (per month)")
                          : shards ? tr("%1: %2 shards × %3 = %4 req/s for %5 vs 1 × %6 = %7 req/s "
                                        "for %8 (per month)")
                                   : tr("%1: %2 × %3 = %4 req/s for %5 vs 1 × %6 = %7 req/s for %8 "
                                        "(per month)"))
                             .arg(labelOf(m_doc->design(), i))
                             .arg(n.count)
                             .arg(typeName, compact(n.capacityRps), money(n.monthlyUsd),
                                  QString::fromStdString(big.type->name), compact(big.capacityRps),
                                  money(big.monthlyUsd)));
    }
    plot->setProperty("unit", "USD/month");
}

} // namespace scui
