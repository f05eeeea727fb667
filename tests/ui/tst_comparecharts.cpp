// The overlaid growth charts of two options (issue 18): plotComparison draws exactly the series
// it is given — two graphs named after the options, one point per growth point, NaN left as a
// gap — on a log users axis, with the compared users marked.

#include "ui/charts/charttheme.h"
#include "ui/charts/comparecharts.h"

#include "core/analysis/compare.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/templates.h"

#include <qcustomplot.h>

#include <QTest>

#include <cmath>
#include <limits>

using scui::CompareChart;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Two hand-made growths: A is overloaded (p99 NaN) at its last two points, B at none.
sc::Growth growthA()
{
    sc::Growth g;
    g.users = {10, 1e3, 1e5, 1e7};
    g.monthlyCostUsd = {100, 100, 400, 1600};
    g.p99Ms = {20, 25, kNaN, kNaN};
    g.bottleneckUtilization = {0.001, 0.1, 1.4, 140};
    g.availability = {0.9995, 0.9995, 0.6, 0.01};
    return g;
}

sc::Growth growthB()
{
    sc::Growth g;
    g.users = {10, 1e3, 1e5, 1e7};
    g.monthlyCostUsd = {300, 300, 350, 900};
    g.p99Ms = {30, 31, 33, 60};
    g.bottleneckUtilization = {0.0005, 0.05, 0.5, 0.9};
    g.availability = {0.99999, 0.99999, 0.99999, 0.9999};
    return g;
}

const std::vector<double> &series(const sc::Growth &g, CompareChart kind)
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

int finiteCount(QCPGraph *g)
{
    int n = 0;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        n += std::isfinite(it->value);
    return n;
}

sc::Model templateModel(const char *name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    if (!t)
        qFatal("no template %s", name);
    const sc::LoadResult r = sc::loadDesign(t->json);
    if (!r.design)
        qFatal("template %s does not load", name);
    return sc::Model(*r.design, sc::Catalog::builtin());
}

} // namespace

class TestCompareCharts : public QObject
{
    Q_OBJECT

private slots:
    void twoNamedGraphsWithTheGivenPoints_data();
    void twoNamedGraphsWithTheGivenPoints();
    void usersLineAndSaturationLine();
    void availabilityZoomsOnTheNines();
    void coloursPerTheme();
    void replotKeepsTwoGraphs();
    void templateGrowth();
    void p99TicksReadInFull();
    void p99TicksLabelThePlateau();
    void logAxisInsideADecadeHasLabels();
    void legendsShowControlCharactersAsSymbols();
};

void TestCompareCharts::twoNamedGraphsWithTheGivenPoints_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("logY");
    // Finite points of A and B (growthA has two NaN p99 values, nothing else is NaN).
    QTest::addColumn<int>("finiteA");
    QTest::newRow("cost") << int(CompareChart::MonthlyCost) << true << 4;
    QTest::newRow("p99") << int(CompareChart::P99Latency) << true << 2;
    QTest::newRow("utilization") << int(CompareChart::Utilization) << false << 4;
    QTest::newRow("availability") << int(CompareChart::Availability) << false << 4;
}

void TestCompareCharts::twoNamedGraphsWithTheGivenPoints()
{
    QFETCH(int, kind);
    QFETCH(bool, logY);
    QFETCH(int, finiteA);
    const auto k = CompareChart(kind);
    QCustomPlot plot;
    plot.resize(700, 360);
    const sc::Growth a = growthA(), b = growthB();
    scui::plotComparison(&plot, k, a, b, "Vertical", "Horizontal", 1e5, false);
    QCOMPARE(plot.graphCount(), 2);
    QCOMPARE(plot.graph(0)->name(), QString("Vertical"));
    QCOMPARE(plot.graph(1)->name(), QString("Horizontal"));
    QCOMPARE(plot.legend->itemCount(), 2);
    QCOMPARE(plot.graph(0)->data()->size(), int(a.users.size()));
    QCOMPARE(plot.graph(1)->data()->size(), int(b.users.size()));
    QCOMPARE(finiteCount(plot.graph(0)), finiteA);
    QCOMPARE(finiteCount(plot.graph(1)), 4);
    // The values are the growth's own, point by point (NaN where it is NaN).
    for (int g = 0; g < 2; ++g) {
        const sc::Growth &src = g == 0 ? a : b;
        int i = 0;
        for (auto it = plot.graph(g)->data()->constBegin(); it != plot.graph(g)->data()->constEnd();
             ++it, ++i) {
            QCOMPARE(it->key, src.users[size_t(i)]);
            const double want = series(src, k)[size_t(i)];
            if (std::isnan(want))
                QVERIFY(std::isnan(it->value));
            else
                QCOMPARE(it->value, want);
        }
    }
    QCOMPARE(plot.xAxis->scaleType(), QCPAxis::stLogarithmic);
    QCOMPARE(plot.xAxis->range().lower, 10.0);
    QCOMPARE(plot.xAxis->range().upper, 1e8);
    QCOMPARE(plot.yAxis->scaleType(), logY ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    // A and B are told apart by colour and by dash.
    QVERIFY(plot.graph(0)->pen().color() != plot.graph(1)->pen().color());
    QVERIFY(plot.graph(0)->pen().style() != plot.graph(1)->pen().style());
    // Every finite value of both is inside the value axis: utilization is cut at 150%,
    // availability shows the points up to the users compared (1e5).
    for (int g = 0; g < 2; ++g)
        for (auto it = plot.graph(g)->data()->constBegin(); it != plot.graph(g)->data()->constEnd();
             ++it)
            if (std::isfinite(it->value) && (k != CompareChart::Utilization || it->value <= 1.5) &&
                (k != CompareChart::Availability || it->key <= 1e5))
                QVERIFY2(plot.yAxis->range().contains(it->value),
                         qPrintable(QString::number(it->value)));
}

void TestCompareCharts::usersLineAndSaturationLine()
{
    QCustomPlot plot;
    plot.resize(700, 360);
    scui::plotComparison(&plot, CompareChart::Utilization, growthA(), growthB(), "A", "B", 25000,
                         false);
    bool users = false, saturation = false;
    for (int i = 0; i < plot.itemCount(); ++i)
        if (auto *line = qobject_cast<QCPItemStraightLine *>(plot.item(i))) {
            const QPointF p1 = line->point1->coords(), p2 = line->point2->coords();
            if (line->point1->typeX() == QCPItemPosition::ptPlotCoords && p1.x() == 25000 &&
                p2.x() == 25000)
                users = true;
            if (line->point1->typeY() == QCPItemPosition::ptPlotCoords && p1.y() == 1.0 &&
                p2.y() == 1.0)
                saturation = true;
        }
    QVERIFY(users);
    QVERIFY(saturation);
    // The cost chart has the users line and no 100% line.
    scui::plotComparison(&plot, CompareChart::MonthlyCost, growthA(), growthB(), "A", "B", 25000,
                         false);
    int lines = 0;
    for (int i = 0; i < plot.itemCount(); ++i)
        lines += qobject_cast<QCPItemStraightLine *>(plot.item(i)) != nullptr;
    QCOMPARE(lines, 1);
    // The line's label lies inside the axes wherever the line is (QA: at 10⁸ users, the right
    // end, it was drawn right of the line and clipped away).
    for (const double at : {10.0, 25000.0, 3e7, 1e8}) {
        scui::plotComparison(&plot, CompareChart::MonthlyCost, growthA(), growthB(), "A", "B", at,
                             false);
        plot.replot();
        QCPItemText *label = nullptr;
        for (int i = 0; i < plot.itemCount(); ++i)
            if (auto *text = qobject_cast<QCPItemText *>(plot.item(i));
                text && text->text().endsWith(QStringLiteral(" users")))
                label = text;
        QVERIFY(label);
        const QRect box =
            QRectF(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition()).toRect();
        QVERIFY2(plot.axisRect()->rect().contains(box),
                 qPrintable(QStringLiteral("%1 users: label at %2,%3 to %4,%5")
                                .arg(at)
                                .arg(box.left())
                                .arg(box.top())
                                .arg(box.right())
                                .arg(box.bottom())));
    }
}

// Availability is read in nines: the axis spans what both options reach up to the users
// compared, so 99.95% and 99.999% stay apart (here from 99.95% − 0.005 pp to 100.005%).
void TestCompareCharts::availabilityZoomsOnTheNines()
{
    QCustomPlot plot;
    scui::plotComparison(&plot, CompareChart::Availability, growthA(), growthB(), "A", "B", 1e3,
                         false);
    // Lowest value up to 1e3 users: 0.9995 (A); highest 0.99999 (B). The pad is the larger of
    // a tenth of the span and 0.00005.
    const double pad = std::max((0.99999 - 0.9995) * 0.1, 5e-5);
    QCOMPARE(plot.yAxis->range().lower, 0.9995 - pad);
    QCOMPARE(plot.yAxis->range().upper, 0.99999 + pad);
    // At 1e5 users A is down to 60%: the axis reaches it.
    scui::plotComparison(&plot, CompareChart::Availability, growthA(), growthB(), "A", "B", 1e5,
                         false);
    QVERIFY(plot.yAxis->range().contains(0.6));
}

void TestCompareCharts::coloursPerTheme()
{
    QVERIFY(scui::compareColorA(false) != scui::compareColorB(false));
    QVERIFY(scui::compareColorA(true) != scui::compareColorB(true));
    QCustomPlot light, dark;
    scui::plotComparison(&light, CompareChart::MonthlyCost, growthA(), growthB(), "A", "B", 1e3,
                         false);
    scui::plotComparison(&dark, CompareChart::MonthlyCost, growthA(), growthB(), "A", "B", 1e3,
                         true);
    QCOMPARE(light.graph(0)->pen().color(), scui::compareColorA(false));
    QCOMPARE(dark.graph(1)->pen().color(), scui::compareColorB(true));
    // The dark chart's background is darker than the light one's.
    QVERIFY(dark.axisRect()->backgroundBrush().color().lightness() <
            light.axisRect()->backgroundBrush().color().lightness());
}

void TestCompareCharts::replotKeepsTwoGraphs()
{
    QCustomPlot plot;
    for (int k = 0; k < scui::kCompareChartCount; ++k)
        scui::plotComparison(&plot, CompareChart(k), growthA(), growthB(), "A", "B", 1e3, false);
    QCOMPARE(plot.graphCount(), 2);
    QCOMPARE(plot.legend->itemCount(), 2);
    // One heading, one legend, one axis rect: the layout is made once.
    QCOMPARE(plot.plotLayout()->elementCount(), 3);
    auto *heading = qobject_cast<QCPTextElement *>(plot.plotLayout()->element(0, 0));
    QVERIFY(heading);
    QCOMPARE(heading->text(), scui::compareChartTitle(CompareChart::Availability));
}

void TestCompareCharts::templateGrowth()
{
    // The two built-in options of the vertical-vs-horizontal comparison, as growthOf gives them.
    const sc::Model a = templateModel("case-vertical"), b = templateModel("case-horizontal");
    constexpr int kPoints = 40;
    const sc::Growth ga = sc::growthOf(a, kPoints), gb = sc::growthOf(b, kPoints);
    QCustomPlot plot;
    plot.resize(700, 360);
    scui::plotComparison(&plot, CompareChart::P99Latency, ga, gb, "Vertical", "Horizontal", 1e5,
                         false);
    int finiteA = 0, finiteB = 0;
    for (int i = 0; i < kPoints; ++i) {
        finiteA += std::isfinite(ga.p99Ms[size_t(i)]);
        finiteB += std::isfinite(gb.p99Ms[size_t(i)]);
    }
    QCOMPARE(plot.graph(0)->data()->size(), kPoints);
    QCOMPARE(finiteCount(plot.graph(0)), finiteA);
    QCOMPARE(finiteCount(plot.graph(1)), finiteB);
    // Both designs saturate below 10⁸ users: their p99 has a gap at the top of the range.
    QVERIFY(finiteA < kPoints);
    QVERIFY(finiteB < kPoints);
    QVERIFY(!plot.toPixmap(700, 360).isNull());
}

// The p99 axis writes its milliseconds in full, as the rest of the app does: 1,000 ms read
// "1e+03" beside "100" (QA). B's p99 here runs from 30 to 3,000 ms.
void TestCompareCharts::p99TicksReadInFull()
{
    QCustomPlot plot;
    plot.resize(700, 360);
    sc::Growth b = growthB();
    b.p99Ms = {30, 300, 3000, 3000};
    scui::plotComparison(&plot, CompareChart::P99Latency, growthA(), b, "A", "B", 1e5, false);
    plot.replot();
    const QVector<QString> labels = plot.yAxis->tickVectorLabels();
    QVERIFY(!labels.isEmpty());
    QVERIFY2(labels.contains(QStringLiteral("1000")),
             qPrintable(QStringList(labels.toList()).join(' ')));
    for (const QString &l : labels)
        QVERIFY2(!l.contains(QLatin1Char('e')), qPrintable(l));
}

// The p99 axis labels 1, 2 and 5 of each decade, so a plateau has a label near it: B's p99 is
// 330 ms up to 10⁵ users and 4,500 ms at 10⁷ (QA: the only labels were 2000 and 4000, the log
// ticker's linear fall-back within two decades). The range is half the lowest to twice the
// highest, 165 to 9,000 ms: 200, 500, 1000, 2000 and 5000. Over more decades than six such ticks
// cover, the powers of ten alone.
void TestCompareCharts::p99TicksLabelThePlateau()
{
    QCustomPlot plot;
    plot.resize(700, 360);
    sc::Growth a = growthB(), b = growthB();
    a.p99Ms = {330, 330, 330, 330};
    b.p99Ms = {330, 330, 330, 4500};
    scui::plotComparison(&plot, CompareChart::P99Latency, a, b, "A", "B", 1e5, false);
    plot.replot();
    QCOMPARE(QStringList(plot.yAxis->tickVectorLabels().toList()),
             (QStringList{"200", "500", "1000", "2000", "5000"}));
    b.p99Ms = {1, 10, 1e4, 1e6}; // 0.5 to 2·10⁶ ms
    scui::plotComparison(&plot, CompareChart::P99Latency, a, b, "A", "B", 1e5, false);
    plot.replot();
    QCOMPARE(QStringList(plot.yAxis->tickVectorLabels().toList()),
             (QStringList{"1", "10", "100", "1000", "10000", "100000", "1000000"}));
}

// An option's name with control characters reads in the legend with their symbols, as on the
// canvas (QA: a variant named with an ESC drew a box in the report's legends).
void TestCompareCharts::legendsShowControlCharactersAsSymbols()
{
    QCustomPlot plot;
    scui::plotComparison(&plot, CompareChart::MonthlyCost, growthA(), growthB(),
                         QStringLiteral("dead\x1b[31m"), "B", 1e3, false);
    QCOMPARE(plot.graph(0)->name(), QStringLiteral("dead\u241b[31m"));
    // A right-to-left override would draw "Pay account" reversed: written as the CLI writes it.
    scui::plotComparison(&plot, CompareChart::MonthlyCost, growthA(), growthB(),
                         QStringLiteral("Pay \u202Etnuocca"), "B", 1e3, false);
    QCOMPARE(plot.graph(0)->name(), QStringLiteral("Pay \\u202etnuocca"));
    scui::plotComparison(&plot, CompareChart::MonthlyCost, growthA(), growthB(),
                         QStringLiteral("One\u2028line"), "B", 1e3, false);
    QCOMPARE(plot.graph(0)->name(), QStringLiteral("One\\u2028line"));
}

QTEST_MAIN(TestCompareCharts)
// Every log axis (the growth charts', the sizing charts'): where fewer than two powers of ten fall
// in its range it labels 1, 2 and 5 of each decade, and where fewer than two of those, every
// multiple (GUI QA: a database's vertical-vs-horizontal chart over 150 to 8,000 req/s read
// "10³" alone); over many decades it keeps the powers.
void TestCompareCharts::logAxisInsideADecadeHasLabels()
{
    QCustomPlot plot;
    plot.resize(700, 360);
    scui::setLogAxis(plot.xAxis);
    const auto ticks = [&](double from, double to) {
        plot.xAxis->setRange(from, to);
        plot.replot();
        QVector<double> inside;
        for (double t : plot.xAxis->tickVector())
            if (t >= from && t <= to)
                inside << t;
        return inside;
    };
    QCOMPARE(ticks(150, 8000), (QVector<double>{200, 500, 1000, 2000, 5000}));
    QCOMPARE(ticks(3000, 9000), (QVector<double>{3000, 4000, 5000, 6000, 7000, 8000, 9000}));
    QCOMPARE(ticks(10, 1e8), (QVector<double>{10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}));
    QCOMPARE(ticks(800, 2e5), (QVector<double>{1e3, 1e4, 1e5}));
}

#include "tst_comparecharts.moc"
