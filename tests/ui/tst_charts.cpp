// The growth charts plot what the model computes: the series are checked against the headless
// `scalecanvas sweep --format json`, and an edit moves the wall where the model's own per-user
// arrivals and capacities put it.

#include "core/analysis/report.h"
#include "core/io/templates.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/charts/charttheme.h"
#include "ui/charts/growthcharts.h"
#include "ui/commands/changecommands.h"
#include "ui/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/numberformat.h"

#include "tests/bench/generate.h"

#include <qcustomplot.h>

#include <QDockWidget>
#include <QPainter>
#include <QSemaphore>
#include <QStandardPaths>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

using scui::Document;
using scui::GrowthCharts;
using Kind = GrowthCharts::ChartKind;

namespace {

// `charts` shown at 1000 × 520 on the latency chart, its sweep plotted.
bool showOnLatency(GrowthCharts &charts)
{
    charts.resize(1000, 520);
    charts.tabs()->setCurrentWidget(charts.chart(Kind::Latency));
    charts.show();
    if (!QTest::qWaitForWindowExposed(&charts))
        return false;
    charts.flush();
    return true;
}

bool close(double a, double b, double rel = 1e-9)
{
    return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), 1e-300});
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor("#202124"));
    p.setColor(QPalette::WindowText, QColor("#e8eaed"));
    p.setColor(QPalette::Base, QColor("#1b1b1d"));
    p.setColor(QPalette::Text, QColor("#e8eaed"));
    p.setColor(QPalette::Button, QColor("#303134"));
    p.setColor(QPalette::ButtonText, QColor("#e8eaed"));
    p.setColor(QPalette::Mid, QColor("#5f6368"));
    return p;
}

// Users at which the first station saturates, from the model's per-user arrivals and the
// capacity of each station at its largest instance count (auto-scale max, shards, instances).
std::pair<double, int> derivedWall(const sc::Model &m)
{
    double wall = std::numeric_limits<double>::infinity();
    int at = -1;
    const auto &comps = m.design().components;
    for (size_t i = 0; i < comps.size(); ++i) {
        const sc::Component &c = comps[i];
        using sc::Kind;
        const bool sized = c.kind == Kind::AppServer || c.kind == Kind::Worker ||
                           c.kind == Kind::Database || c.kind == Kind::ReadReplica ||
                           c.kind == Kind::Pooler || c.kind == Kind::Cache;
        if (!sized)
            continue;
        double perUser = 0;
        for (int k = 0; k < sc::kClassCount; ++k)
            perUser += m.perUserArrival(int(i), sc::RequestClass(k));
        if (perUser <= 0)
            continue;
        const double instances = c.autoscale                ? c.autoscale->max
                                 : c.kind == Kind::Database ? c.number("shards")
                                                            : c.number("instances");
        const double users = m.capacityAt(int(i), instances) / perUser;
        if (users < wall)
            wall = users, at = int(i);
    }
    return {wall, at};
}

// Where a series runs, in pixels: every point and, for joined graphs, points every 2 px along
// the lines between them (worked out here, not by the charts' own placement test).
QVector<QPointF> seriesPixels(QCustomPlot *plot)
{
    QVector<QPointF> out;
    for (int g = 0; g < plot->graphCount(); ++g) {
        QCPGraph *graph = plot->graph(g);
        const bool logX = graph->keyAxis()->scaleType() == QCPAxis::stLogarithmic;
        const bool logY = graph->valueAxis()->scaleType() == QCPAxis::stLogarithmic;
        std::optional<QPointF> prev;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            if (!std::isfinite(it->value) || (logY && it->value <= 0) || (logX && it->key <= 0)) {
                prev.reset();
                continue;
            }
            const QPointF p = graph->coordsToPixels(it->key, it->value);
            out << p;
            if (prev && graph->lineStyle() != QCPGraph::lsNone) {
                const int steps = int(QLineF(*prev, p).length() / 2);
                for (int k = 1; k < steps; ++k)
                    out << *prev + (p - *prev) * (double(k) / steps);
            }
            prev = p;
        }
    }
    return out;
}

// What is wrong with the layout of `plot` shown at its current size, or empty.
QString layoutProblem(QCustomPlot *plot)
{
    const QRect widget = plot->rect();
    QCPAxisRect *area = plot->axisRect();
    if (!widget.contains(area->outerRect()))
        return QStringLiteral("axis rect with its labels %1 outside the widget %2")
            .arg(QDebug::toString(area->outerRect()), QDebug::toString(widget));
    for (QCPAxis *axis : area->axes()) {
        if (!axis->visible() || axis->label().isEmpty())
            continue;
        // A title is drawn along its axis and clipped to the axis' length.
        const int length = axis->orientation() == Qt::Vertical ? area->height() : area->width();
        const int text = QFontMetrics(axis->labelFont()).horizontalAdvance(axis->label());
        if (text > length)
            return QStringLiteral("axis title \"%1\" is %2 px along a %3 px axis")
                .arg(axis->label())
                .arg(text)
                .arg(length);
    }
    if (auto *t = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0)))
        if (QFontMetrics(t->font()).horizontalAdvance(t->text()) > widget.width())
            return QStringLiteral("heading \"%1\" wider than the widget").arg(t->text());
    // Named ticks (the cost breakdown's bars, the load bands) a line apart at least: closer, the
    // names print over each other.
    for (QCPAxis *axis : area->axes()) {
        const auto named = axis->ticker().dynamicCast<QCPAxisTickerText>();
        if (!axis->visible() || !named)
            continue;
        const int line = QFontMetrics(axis->tickLabelFont()).height();
        double last = qQNaN();
        for (auto it = named->ticks().cbegin(); it != named->ticks().cend(); ++it) {
            if (!axis->range().contains(it.key()))
                continue;
            const double at = axis->coordToPixel(it.key());
            if (!qIsNaN(last) && std::abs(at - last) < line)
                return QStringLiteral("tick name \"%1\" %2 px from the one before, a line is %3")
                    .arg(it.value())
                    .arg(std::abs(at - last))
                    .arg(line);
            last = at;
        }
    }
    // Labels on the plot (walls, cost bands) inside the plot, not cut off at its edge, and none
    // over another ("Scale $10k–$30k" ran into "Massive $100k–$1M" on a short plot; QA).
    QList<std::pair<QRectF, QString>> labels;
    for (int k = 0; k < plot->itemCount(); ++k) {
        auto *text = qobject_cast<QCPItemText *>(plot->item(k));
        if (!text || !text->visible() || text->text().isEmpty())
            continue;
        const QRectF box =
            QRectF(text->topLeft->pixelPosition(), text->bottomRight->pixelPosition()).normalized();
        if (!QRectF(area->rect()).adjusted(-1, -1, 1, 1).contains(box))
            return QStringLiteral("label \"%1\" %2 not inside the plot %3")
                .arg(text->text(), QDebug::toString(box), QDebug::toString(area->rect()));
        for (const auto &[other, name] : std::as_const(labels))
            if (other.intersects(box))
                return QStringLiteral("label \"%1\" over \"%2\"").arg(text->text(), name);
        labels.append({box, text->text()});
        // A cost band's whole name ("Scale $10k–$30k") on no series (GUI QA: the monthly cost's
        // line ran through it); its name alone may stand over one, on its backing.
        if (text->text().contains(QChar(0x2013)) && text->text().contains(QLatin1Char('$')))
            for (const QPointF &p : seriesPixels(plot))
                if (box.adjusted(1, 1, -1, -1).contains(p))
                    return QStringLiteral("label \"%1\" over a series at %2")
                        .arg(text->text(), QDebug::toString(p));
    }
    QCPLegend *legend = plot->legend;
    if (legend->visible() && legend->itemCount() > 0) {
        const QRect l = legend->outerRect();
        if (!widget.contains(l))
            return QStringLiteral("legend %1 outside the widget").arg(QDebug::toString(l));
        if (l.intersects(area->rect()))
            return QStringLiteral("legend %1 over the plot %2")
                .arg(QDebug::toString(l), QDebug::toString(area->rect()));
        for (int k = 0; k < legend->itemCount(); ++k) {
            auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(k));
            if (item && !l.contains(item->outerRect()))
                return QStringLiteral("legend entry \"%1\" %2 cut off from %3")
                    .arg(item->plottable()->name(), QDebug::toString(item->outerRect()),
                         QDebug::toString(l));
        }
        for (const QPointF &p : seriesPixels(plot))
            if (l.contains(p.toPoint()))
                return QStringLiteral("legend over a data point");
    }
    return {};
}

// The main window showing stage 4 at `screen` size, its charts dock raised: its charts, or
// nullptr when the window or the dock is missing.
GrowthCharts *chartsOfStage4(scui::MainWindow &w, QSize screen)
{
    if (!w.openTemplate(QStringLiteral("stage4-1m")))
        return nullptr;
    w.resize(screen);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return nullptr;
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("charts"));
    if (!dock)
        return nullptr;
    dock->raise();
    QApplication::processEvents();
    return dock->findChild<GrowthCharts *>();
}

} // namespace

class tst_Charts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void seriesMatchCli();
    void hitRatioMovesWall();
    void wallLabelHasNoExponent();
    void noWallWhereNothingIsServed();
    void usersMarkerFollowsDocumentAndClicks();
    void costBreakdownAddsUp();
    void multiAzDatabaseShowsItsWholeBill();
    void horizontalBeatsVerticalOnPrice();
    void exportsAllFormats();
    void darkModeTakesPaletteColours();
    void paletteChangeWhileDisabledKeepsActiveColours();
    void layoutFitsTheDefaultDock_data();
    void layoutFitsTheDefaultDock();
    void costBandNamesKeepOffTheSeries_data() { layoutFitsTheDefaultDock_data(); }
    void costBandNamesKeepOffTheSeries();
    void headingsFitANarrowDock();
    void costPerUserAxisSaysItsUnit();
    void legendsWholeAtEveryHeight();
    void logSubTicksHoldApart();
    void utilizationGuidesFromTheCoreTable();
    void dataTransferHasItsOwnBar();
    void hiddenChartsDrawnWhenShown();
    void hiddenWidgetSweepsWhenShown();
    void bigDesignsSweptAside();
    void wallLabelsNeverOverlap();
    void busiestOfThousandsHasSeparators();
    void alikeNamesToldApart();
    void latencyOfNothingServed_data();
    void latencyOfNothingServed();
    void overloadNoteWhole();
    void screenshots();

private:
    QJsonObject runSweep(const Document &doc);

    QTemporaryDir m_dir;
    Document m_doc;
    std::unique_ptr<GrowthCharts> m_charts;
};

void tst_Charts::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const sc::TemplateInfo *t = sc::findTemplate("stage4-1m");
    QVERIFY(t);
    QCOMPARE(m_doc.loadBytes(t->json), QString());
    QVERIFY(m_doc.modelOk());
    m_charts = std::make_unique<GrowthCharts>(&m_doc);
    m_charts->resize(1000, 520);
    m_charts->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_charts.get()));
    m_charts->flush();
}

QJsonObject tst_Charts::runSweep(const Document &doc)
{
    const QString path = m_dir.filePath("design.scalecanvas");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QByteArray::fromStdString(doc.serialized()));
    f.close();
    QProcess p;
    p.start(QStringLiteral(SCALECANVAS_BIN),
            {"sweep", path, "--points", QString::number(GrowthCharts::kSweepPoints), "--format",
             "json"});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning() << p.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

void tst_Charts::seriesMatchCli()
{
    const QJsonObject cli = runSweep(m_doc);
    const QJsonArray points = cli["points"].toArray();
    QCOMPARE(points.size(), GrowthCharts::kSweepPoints);

    const auto demand = m_charts->chart(Kind::Demand)->graph(0)->data();
    QCOMPARE(demand->size(), points.size());
    for (int k = 0; k < points.size(); ++k) {
        const QJsonObject p = points[k].toObject();
        QVERIFY2(close(demand->at(k)->key, p["users"].toDouble()), qPrintable(QString::number(k)));
        QVERIFY2(close(demand->at(k)->value, p["demandRps"].toDouble()),
                 qPrintable(QString::number(k)));
    }

    // Every station with load has its line; the others (clients, DNS) have none.
    QCustomPlot *util = m_charts->chart(Kind::Utilization);
    const QVector<int> &comps = m_charts->utilizationComponents();
    QVERIFY(comps.size() >= 6);
    QVERIFY(util->graphCount() >= comps.size());
    for (int g = 0; g < comps.size(); ++g) {
        const auto data = util->graph(g)->data();
        QCOMPARE(data->size(), points.size());
        for (int k = 0; k < points.size(); ++k) {
            const double expected =
                points[k].toObject()["utilization"].toArray()[comps[g]].toDouble();
            QVERIFY2(close(data->at(k)->value, expected),
                     qPrintable(QStringLiteral("component %1 point %2").arg(comps[g]).arg(k)));
        }
    }
    for (int i = 0; i < int(m_doc.design().components.size()); ++i) {
        if (comps.contains(i))
            continue;
        for (const QJsonValue &p : points)
            QCOMPARE(p.toObject()["utilization"].toArray()[i].toDouble(), 0.0);
    }

    // p99 where the CLI has one (null once a station is overloaded), in the same order.
    const auto p99 = m_charts->chart(Kind::Latency)->graph(2)->data();
    int j = 0;
    for (const QJsonValue &v : points) {
        const QJsonObject p = v.toObject();
        const QJsonValue l = p["latencyMs"].toObject()["p99"];
        if (l.isNull())
            continue;
        QVERIFY(j < p99->size());
        QVERIFY(close(p99->at(j)->key, p["users"].toDouble()));
        QVERIFY2(close(p99->at(j)->value, l.toDouble()), qPrintable(QString::number(j)));
        ++j;
    }
    QCOMPARE(j, p99->size());
    QVERIFY(j > 10);
    QVERIFY(j < points.size()); // stage 4 saturates before 10⁸ users: there is a shaded region

    const QJsonObject wall = cli["wall"].toObject();
    QVERIFY(m_charts->wallMarkerUsers());
    QVERIFY(close(*m_charts->wallMarkerUsers(), wall["users"].toDouble()));
}

void tst_Charts::hitRatioMovesWall()
{
    // In stage 4 cache misses go to the read replicas; the primary carries the writes (and the
    // jobs' writes) and is the wall (at 4.6M users). A modest drop in the hit ratio (95% → 94%:
    // the replicas' 24 cores then carry 0.95 × 0.06 × 50 ms per view, a wall at 4.85M users)
    // leaves the wall where it is; a deep one makes the replicas saturate first.
    const double before = *m_charts->wallMarkerUsers();
    const auto [derivedBefore, componentBefore] = derivedWall(*m_doc.model());
    QVERIFY(close(before, derivedBefore));
    QCOMPARE(componentBefore, m_doc.indexOf("db"));

    const std::string serialized = m_doc.serialized();
    auto setHitRatio = [this](double h) {
        m_doc.undoStack()->push(
            new scui::ChangeParameter(&m_doc, "cache", "hitRatio", sc::ParamValue{h, {}}));
        m_charts->flush();
    };
    setHitRatio(0.94);
    {
        const auto [expected, component] = derivedWall(*m_doc.model());
        QCOMPARE(component, m_doc.indexOf("db"));
        QVERIFY(close(*m_charts->wallMarkerUsers(), expected));
        QVERIFY(close(*m_charts->wallMarkerUsers(), before));
    }
    setHitRatio(0.2);
    const auto [expected, component] = derivedWall(*m_doc.model());
    QCOMPARE(component, m_doc.indexOf("replicas"));
    QCOMPARE(m_charts->sweep().wallComponent, component);
    const auto after = m_charts->wallMarkerUsers();
    QVERIFY(after);
    QVERIFY2(close(*after, expected),
             qPrintable(QStringLiteral("%1 vs %2").arg(*after).arg(expected)));
    QVERIFY2(*after < before, "more misses reach the replicas: the wall comes earlier");

    m_doc.undoStack()->undo();
    m_doc.undoStack()->undo();
    m_charts->flush();
    QCOMPARE(m_doc.serialized(), serialized);
    QVERIFY(close(*m_charts->wallMarkerUsers(), before));
}

void tst_Charts::usersMarkerFollowsDocumentAndClicks()
{
    m_doc.setUsers(54321);
    m_charts->flush();
    QCOMPARE(m_charts->usersMarker(), 54321.0);

    m_charts->tabs()->setCurrentIndex(int(Kind::Demand));
    QCustomPlot *plot = m_charts->chart(Kind::Demand);
    plot->replot();
    const int px = int(plot->xAxis->coordToPixel(2e5));
    const int py = plot->axisRect()->center().y();
    const double expected = std::round(plot->xAxis->pixelToCoord(px));
    QTest::mouseClick(plot, Qt::LeftButton, {}, QPoint(px, py));
    QCOMPARE(m_doc.users(), expected);
    QVERIFY(std::abs(std::log10(expected / 2e5)) < 0.02);
    m_charts->flush();
    QCOMPARE(m_charts->usersMarker(), expected);
    m_doc.setUsers(1e6);
    m_charts->flush();
}

void tst_Charts::costBreakdownAddsUp()
{
    QCustomPlot *plot = m_charts->chart(Kind::CostBreakdown);
    auto *now = qobject_cast<QCPBars *>(plot->plottable(0));
    auto *onDemand = qobject_cast<QCPBars *>(plot->plottable(1));
    QVERIFY(now && onDemand);
    double sum = 0, sumOd = 0;
    for (int k = 0; k < now->data()->size(); ++k) {
        sum += now->data()->at(k)->value;
        sumOd += onDemand->data()->at(k)->value;
        QVERIFY(onDemand->data()->at(k)->value >= now->data()->at(k)->value - 1e-9);
    }
    QVERIFY(close(sum, m_doc.evaluation().monthlyCostUsd, 1e-9));
    // The app tier is reserved and the workers spot: on-demand must cost more.
    QVERIFY(sumOd > sum * 1.01);
    // The bars read the cost lines' structured figures, not their labels: each component's
    // on-demand bar is the sum of its lines' onDemandUsd.
    double allOd = 0;
    for (const sc::CostItem &c : m_doc.evaluation().costItems)
        allOd += c.onDemandUsd;
    QVERIFY(close(sumOd, allOd, 1e-9));
    const int app = m_doc.indexOf("app");
    const int bar = m_charts->breakdownComponents().indexOf(app);
    QVERIFY(bar >= 0);
    double appNow = 0, appOd = 0, reserved = 0;
    for (const sc::CostItem &c : m_doc.evaluation().costItems) {
        if (c.componentId != "app")
            continue;
        appNow += c.monthlyUsd;
        appOd += c.onDemandUsd;
        if (c.pricing == "reserved")
            reserved += c.monthlyUsd;
    }
    QVERIFY(reserved > 0);
    QVERIFY(appOd > appNow);
    QCOMPARE(now->data()->at(bar)->value, appNow);
    QCOMPARE(onDemand->data()->at(bar)->value, appOd);
}

void tst_Charts::multiAzDatabaseShowsItsWholeBill()
{
    // Stage 4's primary is a Multi-AZ db.r5.4xlarge: the chart's bill for one primary is the
    // model's instance line, 2.00 USD/h (aws-prices.md) × 730 h × Multi-AZ 2.0 (not half of it).
    m_charts->setSelectedComponent(QStringLiteral("db"));
    m_charts->flush();
    QCOMPARE(m_charts->selectedComponent(), QString("db"));
    const sc::Component *db = m_doc.component(QStringLiteral("db"));
    QVERIFY(db && db->flag("multiAz"));
    QCOMPARE(db->number("shards"), 1.0);
    const sc::CostItem *line = nullptr;
    for (const sc::CostItem &c : m_doc.evaluation().costItems)
        if (c.componentId == "db" && c.category == sc::CostCategory::Compute)
            line = &c;
    QVERIFY(line);
    QVERIFY(close(line->monthlyUsd, 2.0 * 730 * 2.0));
    QCustomPlot *plot = m_charts->chart(Kind::VerticalHorizontal);
    const auto h = plot->graph(0)->data();
    QVERIFY(h->size() >= 2);
    QCOMPARE(h->at(0)->value, line->monthlyUsd);
    QCOMPARE(h->at(0)->key, m_doc.evaluation().components[size_t(m_doc.indexOf("db"))].capacityRps);
    QVERIFY(close(h->at(1)->value, 2 * line->monthlyUsd)); // two shards
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    // (One shard matches the biggest vertical option here: "1 shard", not "1 shards"; QA.)
    QVERIFY2(heading->text().contains(QStringLiteral("Primary: 1 shard × db.r5.4xlarge")),
             qPrintable(heading->text()));
    // One bigger RDS instance is billed Multi-AZ too: the top of the frontier, db.m5.4xlarge.
    const auto v = plot->graph(1)->data();
    QVERIFY(close(v->at(v->size() - 1)->value, 1.424 * 730 * 2.0));
    m_charts->setSelectedComponent(QString());
    m_charts->flush();
}

// GUI QA: in the short dock of a 1280 × 800 window the cost chart's right axis read "per 1k",
// taken for a title cut short. At every height it reads a whole title that fits the axis: in
// full where there is room, else "USD per 1k users", "USD/1k users" or "USD/1k".
void tst_Charts::costPerUserAxisSaysItsUnit()
{
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage4-1m")->json), QString());
    GrowthCharts charts(&doc);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    charts.tabs()->setCurrentIndex(int(Kind::Cost));
    const QStringList forms{QStringLiteral("USD/month per 1k users"),
                            QStringLiteral("USD per 1k users"), QStringLiteral("USD/1k users"),
                            QStringLiteral("USD/1k")};
    QStringList seen;
    for (const int height : {600, 260, 200, 175}) {
        charts.resize(1000, height);
        QApplication::processEvents();
        charts.flush();
        QCustomPlot *plot = charts.chart(Kind::Cost);
        plot->replot();
        const QString label = plot->yAxis2->label();
        QVERIFY2(forms.contains(label),
                 qPrintable(QStringLiteral("%1 px: \"%2\"").arg(plot->height()).arg(label)));
        QVERIFY2(QFontMetrics(plot->yAxis2->labelFont()).horizontalAdvance(label) <=
                     plot->axisRect()->height(),
                 qPrintable(label));
        seen << label;
    }
    QCOMPARE(seen.front(), forms.front()); // room for the whole title
    QVERIFY2(seen.back() != forms.front(), qPrintable(seen.join(QLatin1Char('|'))));
}

// GUI QA: at the default dock height of a 1920 × 1080 window the utilization legend's last row
// was cut by the chart's foot ("Primary" without its descender, "PgBouncer" read "PqBouncer").
// At every height every entry of every legend lies whole inside the chart.
void tst_Charts::legendsWholeAtEveryHeight()
{
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage4-1m")->json), QString());
    GrowthCharts charts(&doc);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    QStringList cut;
    for (int height = 200; height <= 600; height += 3) {
        charts.resize(1100, height);
        QApplication::processEvents();
        for (const Kind kind : {Kind::Demand, Kind::Utilization, Kind::Latency, Kind::Cost,
                                Kind::VerticalHorizontal}) {
            charts.tabs()->setCurrentIndex(int(kind));
            QApplication::processEvents();
            charts.flush();
            QCustomPlot *plot = charts.chart(kind);
            plot->replot();
            if (!plot->legend || !plot->legend->visible())
                continue;
            for (int k = 0; k < plot->legend->itemCount(); ++k) {
                if (!plot->legend->item(k))
                    continue;
                const QRect item = plot->legend->item(k)->outerRect();
                const QRect legend = plot->legend->outerRect();
                if (item.bottom() >= plot->height() || item.top() < 0 ||
                    item.bottom() > legend.bottom() || legend.bottom() >= plot->height())
                    cut << QStringLiteral("chart %1 at %2 px: entry %3 at %4–%5")
                                   .arg(int(kind))
                                   .arg(plot->height())
                                   .arg(k)
                                   .arg(item.top())
                                   .arg(item.bottom()) +
                               QStringLiteral(" legend %1–%2")
                                   .arg(legend.top())
                                   .arg(legend.bottom());
            }
        }
    }
    QVERIFY2(cut.isEmpty(), qPrintable(cut.mid(0, 6).join(QLatin1Char('\n'))));
}

// GUI QA: eight decades of a log axis in ~100 px (the demand chart at 1280 × 800) drew their
// sub ticks 2…9 as one solid bar. A decade gets 2…9 where they stand 3 px apart (65 px a decade:
// 9 and 10 are log10(10/9) = 0.046 of a decade apart), 2 and 5 where those stand 4 px apart (13 px:
// 0.3 of a decade), else no sub tick between its powers; as the window is made smaller and
// larger, not one replot late (review), and all of them on a chart never laid out.
void tst_Charts::logSubTicksHoldApart()
{
    QCustomPlot plot;
    scui::setLogAxis(plot.yAxis);
    plot.yAxis->setRange(1e-2, 1e6); // eight decades
    auto *ticker = dynamic_cast<scui::DecadeTicker *>(plot.yAxis->ticker().data());
    QVERIFY(ticker);
    // The densest set whose closest two stand apart on the axis as drawn: 9 and 10 at least
    // 3 px (all of 1…9), else 1 and 2 at least 4 px (1, 2, 5), else the powers alone.
    const auto expected = [&plot] {
        const auto apart = [&plot](double a, double b) {
            return std::abs(plot.yAxis->coordToPixel(a) - plot.yAxis->coordToPixel(b));
        };
        return apart(9, 10) >= 3 ? 9 : apart(1, 2) >= 4 ? 3 : 1;
    };
    // Drawn once off screen, never laid out before: the ticks have all their multiples.
    plot.toPixmap(400, 1000);
    QCOMPARE(ticker->multiplesUsed(), 9);
    plot.resize(400, 1000);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    for (const int height : {1000, 110, 300, 1000, 180, 700}) {
        plot.resize(400, height);
        for (int k = 0; k < 3; ++k)
            QCoreApplication::processEvents(); // the resize's replot, then the queued one
        QVERIFY2(ticker->multiplesUsed() == expected(),
                 qPrintable(QStringLiteral("%1 px tall: %2 multiples, %3 px a decade")
                                .arg(height)
                                .arg(ticker->multiplesUsed())
                                .arg(plot.axisRect()->rect().height() / 8.0)));
    }
    plot.resize(400, 110);
    for (int k = 0; k < 3; ++k)
        QCoreApplication::processEvents();
    QCOMPARE(ticker->multiplesUsed(), 1); // the case QA saw
    plot.resize(400, 1000);
    for (int k = 0; k < 3; ++k)
        QCoreApplication::processEvents();
    QCOMPARE(ticker->multiplesUsed(), 9);
}

// In a narrow dock (a side dock, 480 px) every chart's heading stays inside its chart: cut at
// the end, where it used to ask the layout for its whole width and be cut at both ends
// ("› servers: 24 × c5.xlarge … (per mon").
void tst_Charts::headingsFitANarrowDock()
{
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage4-1m")->json), QString());
    GrowthCharts charts(&doc);
    charts.resize(480, 320);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    for (int k = 0; k < GrowthCharts::kChartCount; ++k) {
        charts.tabs()->setCurrentIndex(k);
        QApplication::processEvents();
        charts.flush();
        QCustomPlot *plot = charts.chart(Kind(k));
        plot->replot();
        auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
        QVERIFY(heading);
        QVERIFY2(plot->rect().contains(heading->outerRect()),
                 qPrintable(QStringLiteral("%1: heading %2 in %3")
                                .arg(heading->text(), QDebug::toString(heading->outerRect()),
                                     QDebug::toString(plot->rect()))));
    }
    // The longest of them is longer than the chart is wide: the case this is about. Its text
    // stops short of both edges (drawn centred and clipped, it ran into both).
    charts.tabs()->setCurrentIndex(int(Kind::VerticalHorizontal));
    QApplication::processEvents();
    QCustomPlot *plot = charts.chart(Kind::VerticalHorizontal);
    plot->replot();
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    QVERIFY(QFontMetrics(heading->font()).horizontalAdvance(heading->text()) > plot->width());
    const QImage image = plot->toPixmap(plot->width(), plot->height()).toImage();
    const QRect row = heading->outerRect().intersected(image.rect());
    const QRgb background = image.pixel(0, row.top());
    int inked = 0;
    for (int y = row.top(); y <= row.bottom(); ++y)
        for (int x : {0, 1, 2, image.width() - 3, image.width() - 2, image.width() - 1})
            inked += image.pixel(x, y) != background;
    QCOMPARE(inked, 0);
}

void tst_Charts::horizontalBeatsVerticalOnPrice()
{
    // Scaling facts case 5: twenty t3.large against one c5.24xlarge. The chart compares within
    // the selected tier's family, so check the horizontal line against the model directly.
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("case-horizontal")->json), QString());
    GrowthCharts charts(&doc);
    charts.flush();
    QCOMPARE(charts.selectedComponent(), QString("app"));
    const auto h = charts.chart(Kind::VerticalHorizontal)->graph(0)->data();
    QVERIFY(h->size() >= 20);
    const sc::Catalog &cat = doc.model()->catalog();
    const double t3 = cat.instance("t3.large")->hourlyUsd * cat.hoursPerMonth;
    QVERIFY(close(h->at(19)->value, 20 * t3, 1e-9));
    QVERIFY(close(h->at(19)->key, doc.model()->capacityAt(doc.indexOf("app"), 20)));
    // The vertical line ends at the cheapest 96-vCPU instance: the c5.24xlarge.
    const auto v = charts.chart(Kind::VerticalHorizontal)->graph(1)->data();
    const double c5 = cat.instance("c5.24xlarge")->hourlyUsd * cat.hoursPerMonth;
    QVERIFY(close(v->at(v->size() - 1)->value, c5));
    QVERIFY(h->at(19)->value < c5 / 2);
}

void tst_Charts::exportsAllFormats()
{
    QCustomPlot *plot = m_charts->chart(Kind::Cost);
    for (const char *ext : {"png", "svg", "pdf"}) {
        const QString path = m_dir.filePath(QStringLiteral("cost.") + ext);
        QString error;
        QVERIFY2(GrowthCharts::saveChart(plot, path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(64);
        QVERIFY2(f.size() > 1000, ext);
        if (QByteArray(ext) == "png")
            QVERIFY(head.startsWith("\x89PNG"));
        else if (QByteArray(ext) == "pdf")
            QVERIFY(head.startsWith("%PDF"));
        else
            QVERIFY(head.startsWith("<?xml"));
    }
    QString error;
    QVERIFY(!GrowthCharts::saveChart(plot, m_dir.filePath("cost.bmpx"), &error));
    QVERIFY(!error.isEmpty());
}

void tst_Charts::darkModeTakesPaletteColours()
{
    m_charts->setPalette(darkPalette());
    m_charts->flush();
    QCustomPlot *plot = m_charts->chart(Kind::Latency);
    QCOMPARE(plot->xAxis->tickLabelColor(), QColor("#e8eaed"));
    QCOMPARE(plot->legend->textColor(), QColor("#e8eaed"));
    const QImage img = plot->toPixmap(400, 300).toImage();
    QVERIFY(img.pixelColor(2, 2).lightness() < 64);
    m_charts->setPalette(QPalette());
    m_charts->flush();
    QVERIFY(m_charts->chart(Kind::Latency)->xAxis->tickLabelColor().lightness() < 128);
}

// QA: at start-up every label of the growth charts was in the disabled grey until the theme
// changed: the charts keep the colours of the palette they are given, and read it while the
// window was not enabled yet. They take the palette's active colours whatever their state.
void tst_Charts::paletteChangeWhileDisabledKeepsActiveColours()
{
    QPalette p = darkPalette();
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor("#777777"));
    m_charts->setEnabled(false);
    m_charts->setPalette(p);
    m_charts->flush();
    m_charts->setEnabled(true);
    QCustomPlot *plot = m_charts->chart(Kind::Latency);
    QCOMPARE(plot->xAxis->tickLabelColor(), p.color(QPalette::Active, QPalette::WindowText));
    QCOMPARE(plot->legend->textColor(), p.color(QPalette::Active, QPalette::WindowText));
    m_charts->setPalette(QPalette());
    m_charts->flush();
}

void tst_Charts::layoutFitsTheDefaultDock_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

// Issue 13, item 6: in the main window at its default layout, every chart shows its axis titles
// whole, its legend beside the plot (not over a series) and the wall label off the demand and
// capacity lines.
// Stage 5 at a million users, the growth charts at both screens' default dock: the cost chart's
// band names keep off its two series (layoutProblem), going inside their band's foot or to
// their name alone (GUI QA: "Scale $10k–$30k" on the monthly cost's line, "Growth $1.5k–$3k"
// crossed by the cost per 1k users).
void tst_Charts::costBandNamesKeepOffTheSeries()
{
    QFETCH(QSize, screen);
    QStandardPaths::setTestModeEnabled(true);
    scui::MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage5-10m")));
    w.document()->setUsers(1e6);
    w.resize(screen);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("charts"));
    QVERIFY(dock);
    dock->raise();
    QApplication::processEvents();
    auto *charts = dock->findChild<GrowthCharts *>();
    QVERIFY(charts);
    charts->tabs()->setCurrentIndex(int(Kind::Cost));
    QApplication::processEvents();
    charts->flush();
    QCustomPlot *plot = charts->chart(Kind::Cost);
    plot->replot();
    const QString problem = layoutProblem(plot);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_Charts::layoutFitsTheDefaultDock()
{
    QFETCH(QSize, screen);
    QStandardPaths::setTestModeEnabled(true);
    scui::MainWindow w;
    GrowthCharts *charts = chartsOfStage4(w, screen);
    QVERIFY(charts);
    QTRY_VERIFY(charts->isVisible());
    // The dock gives the charts at least what they need (the main window asks 170 px; the
    // charts' minimum wins).
    QVERIFY2(charts->height() >= charts->minimumSizeHint().height(),
             qPrintable(QStringLiteral("%1 px high").arg(charts->height())));
    QVERIFY(charts->width() >= 600);
    for (int k = 0; k < GrowthCharts::kChartCount; ++k) {
        charts->tabs()->setCurrentIndex(k);
        QApplication::processEvents();
        charts->flush();
        QCustomPlot *plot = charts->chart(Kind(k));
        plot->replot();
        const QString problem = layoutProblem(plot);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1 at %2 × %3: %4")
                                                   .arg(charts->tabs()->tabText(k))
                                                   .arg(plot->width())
                                                   .arg(plot->height())
                                                   .arg(problem)));
    }
    // The value axes say what they count, in full or by their unit where the dock is too short
    // for the whole title (QA: no unit on the latency chart's axis).
    for (Kind k : {Kind::Utilization, Kind::Latency}) {
        charts->tabs()->setCurrentIndex(int(k));
        QApplication::processEvents();
        const QString title = charts->chart(k)->yAxis->label();
        QVERIFY2(title == (k == Kind::Latency ? QStringLiteral("Latency (ms)") : "Utilization ρ") ||
                     title == (k == Kind::Latency ? QStringLiteral("ms") : "ρ"),
                 qPrintable(title));
    }
    // The wall label: inside the plot, beside its line, touching no series.
    QCustomPlot *demand = charts->chart(Kind::Demand);
    charts->tabs()->setCurrentIndex(int(Kind::Demand));
    demand->replot();
    QCPItemText *label = charts->wallLabel();
    QVERIFY(label && label->visible());
    const QRectF box(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition());
    QVERIFY2(QRectF(demand->axisRect()->rect()).contains(box), qPrintable(QDebug::toString(box)));
    const double wallX = demand->xAxis->coordToPixel(*charts->wallMarkerUsers());
    QVERIFY(box.left() > wallX || box.right() < wallX);
    for (const QPointF &p : seriesPixels(demand))
        QVERIFY2(!box.contains(p), qPrintable(QDebug::toString(p)));
}

// Walk: a wall at 999,700 users read "Wall: Database at 1e+03K users" on the demand chart
// while the status bar said "Wall 1M": the chart's own count format rounded 999.7 to three
// figures as an exponent, and wrote "K" where the rest of the window writes "k".
void tst_Charts::wallLabelHasNoExponent()
{
    Document doc;
    const sc::TemplateInfo *t = sc::findTemplate("stage1-1k");
    QVERIFY(t);
    QCOMPARE(doc.loadBytes(t->json), QString());
    const auto [wall, at] = derivedWall(*doc.model());
    QVERIFY(at >= 0);
    const sc::Component &app = doc.design().components[size_t(at)];
    QCOMPARE(app.kind, sc::Kind::AppServer);
    const double service = app.number("serviceTimeMs");
    // Its capacity is inversely proportional to its service time: the wall moves to 999,700.
    doc.undoStack()->push(new scui::ChangeParameter(&doc, QString::fromStdString(app.id),
                                                    "serviceTimeMs",
                                                    sc::ParamValue{service * wall / 999'700, {}}));
    GrowthCharts charts(&doc);
    charts.resize(1000, 520);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    charts.flush();
    charts.chart(Kind::Demand)->replot();
    const std::optional<double> users = charts.wallMarkerUsers();
    QVERIFY(users && *users >= 999'500 && *users < 1e6);
    QCPItemText *label = charts.wallLabel();
    QVERIFY(label && label->visible());
    QVERIFY2(label->text().endsWith(QStringLiteral("at 1M users")), qPrintable(label->text()));
    QCOMPARE(scui::formatCount(*users), QStringLiteral("1M")); // as the status bar writes it
}

// QA: with the app tier failed (Fail Now) no dynamic request is served, and the status bar says
// "Walls none", but the demand chart drew "Wall: ALB at 57.6M users". No wall is drawn then;
// restored, it is back.
void tst_Charts::noWallWhereNothingIsServed()
{
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage4-1m")->json), QString());
    GrowthCharts charts(&doc);
    charts.resize(1000, 520);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    charts.flush();
    QVERIFY(charts.wallMarkerUsers());
    doc.chaos({0, sc::ScenarioEvent::Action::Fail, "app", 0, {}});
    QVERIFY(sc::servesNothing(doc.evaluation()));
    charts.flush();
    QVERIFY(!charts.wallMarkerUsers());
    QVERIFY(!charts.wallLabel()->visible());
    doc.restoreAll();
    charts.flush();
    QVERIFY(charts.wallMarkerUsers());
}

// Issue 13, item 12: the utilization chart's guides are the core's one table: the effective
// maximum at 80% and the article's levels (warning 70%, critical 85%, page 95%) as shaded
// bands in the canvas' colours, named as the canvas legend names them.
void tst_Charts::utilizationGuidesFromTheCoreTable()
{
    m_charts->flush();
    QCustomPlot *plot = m_charts->chart(Kind::Utilization);
    QCPGraph *maxLine = nullptr;
    for (int g = 0; g < plot->graphCount(); ++g)
        if (plot->graph(g)->name() == QStringLiteral("80% effective maximum"))
            maxLine = plot->graph(g);
    QVERIFY(maxLine);
    QCOMPARE(maxLine->data()->at(0)->value, 0.80);
    QCOMPARE(maxLine->data()->at(maxLine->data()->size() - 1)->value, 0.80);
    const auto &bands = m_charts->loadBandRects();
    QCOMPARE(bands.size(), 3); // warning, critical, page
    const double bottoms[] = {0.70, 0.85, 0.95};
    const double tops[] = {0.85, 0.95, plot->yAxis->range().upper};
    for (int k = 0; k < 3; ++k) {
        QCOMPARE(bands[k]->bottomRight->coords().y(), bottoms[k]);
        QCOMPARE(bands[k]->topLeft->coords().y(), tops[k]);
        // The canvas' colour of a station in that band.
        const QColor expected =
            scui::utilizationColor((bottoms[k] + tops[k]) / 2, scui::canvasColors());
        QCOMPARE(bands[k]->brush().color().rgb(), expected.rgb());
    }
    auto ticker = plot->yAxis2->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QStringList names;
    for (const QString &t : ticker->ticks())
        names << t;
    QCOMPARE(names, (QStringList{"Normal", "Warning > 70%", "Critical > 85%", "Page > 95%"}));
}

// Issue 13, item 14: data transfer out is a bar of its own, not the load balancer's. Clients →
// managed load balancer → app server at 100,000 users of 50 requests a day, each 20 KB with two
// 100 KB static fetches: 100,000 × 50 × (20 + 2 × 100) KB × 730/24 days = 33,458 GB a month:
// the first 10 TB (10,240 GB) at $0.09/GB, the rest at $0.085, less the account's free 100 GB
// at $0.09 (catalog: priceTiers.dataTransferOut) = $2,886.16.
void tst_Charts::dataTransferHasItsOwnBar()
{
    sc::Design d;
    d.name = "Transfer";
    d.traffic.users = 1e5;
    d.traffic.requestsPerUserPerDay = 50;
    d.traffic.staticPerRequest = 2;
    d.traffic.kbPerRequest = 20;
    d.traffic.kbPerStatic = 100;
    d.traffic.asyncPerWrite = 0;
    auto box = [](const char *id, sc::Kind kind, double x) {
        sc::Component c;
        c.id = id;
        c.label = id;
        c.kind = kind;
        c.position = {x, 0};
        return c;
    };
    d.components = {box("users", sc::Kind::Clients, 0), box("lb", sc::Kind::LoadBalancer, 200),
                    box("app", sc::Kind::AppServer, 400)};
    for (const auto &[from, to] : {std::pair{"users", "lb"}, std::pair{"lb", "app"}}) {
        sc::Connection c;
        c.from = from;
        c.to = to;
        d.connections.push_back(c);
    }
    Document doc;
    doc.reset(d);
    QVERIFY(doc.modelOk());
    GrowthCharts charts(&doc);
    charts.flush();
    const sc::Catalog &cat = doc.model()->catalog();
    QCOMPARE(cat.hoursPerMonth, 730.0);
    QCOMPARE(cat.tiers("dataTransferOut").tiers[0].usdPerUnit, 0.09);
    const double gb = 1e5 * 50 * (20 + 2 * 100) * (730.0 / 24) / 1e6;
    QVERIFY(close(gb, 33458.333333333, 1e-9));
    const double transferUsd = 10240 * 0.09 + (gb - 10240) * 0.085 - 100 * 0.09;

    QCustomPlot *plot = charts.chart(Kind::CostBreakdown);
    auto *bars = qobject_cast<QCPBars *>(plot->plottable(0));
    QVERIFY(bars);
    const QVector<int> &which = charts.breakdownComponents();
    const int transferBar = which.indexOf(GrowthCharts::kDataTransferBar);
    QVERIFY2(transferBar >= 0, "a data-transfer bar");
    QVERIFY(close(bars->data()->at(transferBar)->value, transferUsd, 1e-9));
    auto ticker = plot->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QCOMPARE(ticker->ticks().value(bars->data()->at(transferBar)->key), QString("Data transfer"));
    // The load balancer's bar is its own bill only (hours and LCUs), well below the transfer.
    const int lbBar = which.indexOf(doc.indexOf("lb"));
    QVERIFY(lbBar >= 0);
    double lbOwn = 0;
    for (const sc::CostItem &c : doc.evaluation().costItems)
        if (c.componentId == "lb" && c.category != sc::CostCategory::Transfer)
            lbOwn += c.monthlyUsd;
    QVERIFY(lbOwn > 0);
    QVERIFY(close(bars->data()->at(lbBar)->value, lbOwn, 1e-9));
    QVERIFY(lbOwn < transferUsd / 2);
    // The bars still add up to the model's total.
    double sum = 0;
    for (int k = 0; k < bars->data()->size(); ++k)
        sum += bars->data()->at(k)->value;
    QVERIFY(close(sum, doc.evaluation().monthlyCostUsd, 1e-9));
}

// The latency chart's "Overloaded: latency unbounded" note is whole inside the plot where its
// shaded run is narrower than the note at the plot's right edge: stage 5 is overloaded from ~26M
// users to the sweep's 10⁸, a run of ~0.6 of the plot's seven decades, and the note, centred on
// it, ran past the edge and read "latency unboun".
void tst_Charts::overloadNoteWhole()
{
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage5-10m")->json), QString());
    GrowthCharts charts(&doc);
    QVERIFY(showOnLatency(charts));
    QCustomPlot *plot = charts.chart(Kind::Latency);
    plot->replot();
    QCPItemText *note = charts.overloadLabel();
    QVERIFY(note && note->visible());
    const QRectF area = plot->axisRect()->rect();
    const QRectF box(note->topLeft->pixelPosition(), note->bottomRight->pixelPosition());
    QVERIFY2(area.contains(box), qPrintable(QDebug::toString(box) + QDebug::toString(area)));
    // Over the shaded run still: the run starts left of its right edge.
    const sc::Sweep &sweep = charts.sweep();
    const auto firstOver =
        std::find_if(sweep.points.begin(), sweep.points.end(),
                     [](const auto &p) { return p.users > 1e7 && !p.latency.valid; });
    QVERIFY(firstOver != sweep.points.end());
    QVERIFY(plot->xAxis->coordToPixel(firstOver->users) < box.right());
}

void tst_Charts::screenshots()
{
    // SC_CHART_SCREENSHOTS=docs/screenshots ./tst_charts screenshots: each chart as the charts
    // dock shows it in the main window at 1280×800 and 1920×1080, light and dark, stacked in one
    // picture per size and theme (charts-1280x800-light.png, ...).
    const QString out = qEnvironmentVariable("SC_CHART_SCREENSHOTS");
    if (out.isEmpty())
        QSKIP("set SC_CHART_SCREENSHOTS=<dir> to write the documentation screenshots");
    QStandardPaths::setTestModeEnabled(true);
    for (const QSize screen : {QSize(1280, 800), QSize(1920, 1080)}) {
        scui::MainWindow w;
        GrowthCharts *charts = chartsOfStage4(w, screen);
        QVERIFY(charts);
        for (const bool dark : {false, true}) {
            charts->setPalette(dark ? darkPalette() : QPalette());
            QApplication::processEvents();
            charts->flush();
            QVector<QImage> shots;
            for (int k = 0; k < GrowthCharts::kChartCount; ++k) {
                charts->tabs()->setCurrentIndex(k);
                QApplication::processEvents();
                charts->flush();
                shots << charts->grab().toImage();
            }
            QImage sheet(shots[0].width(), shots[0].height() * int(shots.size()),
                         QImage::Format_RGB32);
            QPainter p(&sheet);
            for (int k = 0; k < shots.size(); ++k)
                p.drawImage(0, k * shots[0].height(), shots[k]);
            p.end();
            const QString path = QStringLiteral("%1/charts-%2x%3-%4.png")
                                     .arg(out)
                                     .arg(screen.width())
                                     .arg(screen.height())
                                     .arg(dark ? "dark" : "light");
            QVERIFY(sheet.convertToFormat(QImage::Format_Indexed8, Qt::AvoidDither).save(path));
        }
        charts->setPalette(QPalette());
    }
}

QTEST_MAIN(tst_Charts)
// An edit draws the chart on screen only; a chart behind another tab is drawn when its tab is
// chosen, with the new figures (drawing all seven was two thirds of an edit's re-plot).
// Two regions' "API" lines read the same in the utilization legend, and their bars in the cost
// chart (QA, compare-regions' two-regions variant): each is told apart by its region.
void tst_Charts::alikeNamesToldApart()
{
    Document doc;
    const sc::TemplateInfo *t = sc::findTemplate("compare-regions");
    QVERIFY(t);
    QCOMPARE(doc.loadBytes(t->json), QString());
    QVERIFY(doc.showVariant(QStringLiteral("two-regions")));
    QVERIFY(doc.modelOk());
    GrowthCharts charts(&doc);
    charts.resize(1000, 520);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    charts.tabs()->setCurrentWidget(charts.chart(Kind::Utilization));
    charts.flush();
    QCustomPlot *util = charts.chart(Kind::Utilization);
    QStringList names;
    for (int g = 0; g < charts.utilizationComponents().size(); ++g)
        names << util->graph(g)->name();
    QVERIFY2(names.contains(QStringLiteral("API (us-east-1)")), qPrintable(names.join(", ")));
    QVERIFY2(names.contains(QStringLiteral("API (eu-west-1)")) ||
                 names.contains(QStringLiteral("API (eu-central-1)")),
             qPrintable(names.join(", ")));
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
}

void tst_Charts::latencyOfNothingServed_data()
{
    QTest::addColumn<QStringList>("kept"); // the stage 1 components kept, unconnected
    QTest::newRow("every component deleted") << QStringList{};
    QTest::newRow("clients alone") << QStringList{QStringLiteral("users")};
}

// A design that serves nothing (every component deleted, or clients with nothing to send to) is
// not overloaded: the latency chart says so in its heading, as the sizing charts say "no compute
// tier", with no p99 and no overload shading (QA: the whole range was shaded red, "Overloaded:
// latency unbounded", after Select All and Delete). The served figures are the core's sweep.
void tst_Charts::latencyOfNothingServed()
{
    QFETCH(QStringList, kept);
    const sc::TemplateInfo *t = sc::findTemplate("stage1-1k");
    QVERIFY(t);
    QJsonObject file = QJsonDocument::fromJson(QByteArray::fromStdString(t->json)).object();
    QJsonObject design = file["design"].toObject();
    QJsonArray components;
    for (const QJsonValue &c : design["components"].toArray())
        if (kept.contains(c.toObject()["id"].toString()))
            components << c;
    design["components"] = components;
    design["connections"] = QJsonArray();
    file["design"] = design;
    Document doc;
    QCOMPARE(doc.loadBytes(QJsonDocument(file).toJson().toStdString()), QString());
    QVERIFY(doc.modelOk());
    GrowthCharts charts(&doc);
    QVERIFY(showOnLatency(charts));
    const sc::Sweep &sweep = charts.sweep();
    QCOMPARE(sweep.points.size(), size_t(GrowthCharts::kSweepPoints));
    for (const sc::SweepPoint &p : sweep.points)
        QVERIFY2(p.goodputRps == 0 && !p.latency.valid, qPrintable(QString::number(p.users)));
    QCustomPlot *plot = charts.chart(Kind::Latency);
    plot->replot();
    QVERIFY(!charts.overloadLabel());
    for (int i = 0; i < plot->itemCount(); ++i)
        QVERIFY2(!qobject_cast<QCPItemRect *>(plot->item(i)), "shaded as overloaded");
    for (int g = 0; g < plot->graphCount(); ++g)
        QVERIFY2(!plot->graph(g)->name().startsWith(QStringLiteral("p")) ||
                     plot->graph(g)->data()->isEmpty(),
                 qPrintable(plot->graph(g)->name()));
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    QVERIFY(heading);
    QVERIFY2(heading->text().startsWith(QStringLiteral("Latency: ")), qPrintable(heading->text()));
    // A design that serves keeps its plain heading.
    auto *served =
        qobject_cast<QCPTextElement *>(m_charts->chart(Kind::Latency)->plotLayout()->element(0, 0));
    QCOMPARE(served->text(), QStringLiteral("Latency"));
}

void tst_Charts::hiddenChartsDrawnWhenShown()
{
    QTabWidget *tabs = m_charts->tabs();
    tabs->setCurrentIndex(tabs->indexOf(m_charts->chart(Kind::Demand)));
    m_charts->flush();
    std::array<int, GrowthCharts::kChartCount> drawn{};
    std::vector<QMetaObject::Connection> counting;
    for (int k = 0; k < GrowthCharts::kChartCount; ++k)
        counting.push_back(connect(m_charts->chart(Kind(k)), &QCustomPlot::afterReplot, this,
                                   [&drawn, k] { ++drawn[size_t(k)]; }));
    m_doc.undoStack()->push(
        new scui::ChangeParameter(&m_doc, "cache", "hitRatio", sc::ParamValue{0.5, {}}));
    m_charts->flush();
    QVERIFY(drawn[size_t(Kind::Demand)] >= 1);
    for (int k = 0; k < GrowthCharts::kChartCount; ++k)
        if (Kind(k) != Kind::Demand)
            QVERIFY2(drawn[size_t(k)] == 0, qPrintable(tabs->tabText(k)));
    // Chosen, the cost chart is drawn with the edit's figures (the sweep it plots).
    QCustomPlot *cost = m_charts->chart(Kind::Cost);
    tabs->setCurrentWidget(cost);
    QTRY_VERIFY(drawn[size_t(Kind::Cost)] >= 1);
    const auto data = cost->graph(0)->data();
    QCOMPARE(data->size(), int(m_charts->sweep().points.size()));
    QVERIFY(close(data->at(0)->value, m_charts->sweep().points.front().monthlyCostUsd));
    // Chosen again with nothing new, it is not drawn again.
    QTest::qWait(50);
    const int once = drawn[size_t(Kind::Cost)];
    tabs->setCurrentIndex(tabs->indexOf(m_charts->chart(Kind::Demand)));
    tabs->setCurrentWidget(cost);
    QTest::qWait(50);
    QCOMPARE(drawn[size_t(Kind::Cost)], once);
    for (const auto &c : counting)
        disconnect(c);
    m_doc.undoStack()->undo();
    m_charts->flush();
    tabs->setCurrentIndex(0);
}

// Hidden (the dock behind the warnings), the charts neither sweep nor draw after an edit; shown,
// they catch up with the design as it is then. A deep hit-ratio drop moves stage 4's wall from
// the primary to the replicas (hitRatioMovesWall).
void tst_Charts::hiddenWidgetSweepsWhenShown()
{
    GrowthCharts charts(&m_doc);
    charts.resize(1000, 520);
    QTest::qWait(20); // its first re-plot comes due while hidden
    QCOMPARE(charts.sweep().points.size(), size_t(0));
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    QTRY_COMPARE(charts.sweep().points.size(), size_t(GrowthCharts::kSweepPoints));
    QCOMPARE(charts.sweep().wallComponent, m_doc.indexOf("db"));
    charts.hide();
    m_doc.undoStack()->push(
        new scui::ChangeParameter(&m_doc, "cache", "hitRatio", sc::ParamValue{0.2, {}}));
    QTest::qWait(20);
    QCOMPARE(charts.sweep().wallComponent, m_doc.indexOf("db")); // not swept again
    charts.show();
    QTRY_COMPARE(charts.sweep().wallComponent, m_doc.indexOf("replicas"));
    m_doc.undoStack()->undo();
    m_charts->flush();
}

// A big design's sweep and latency wall are worked out on the document's analysis thread
// (Document::runAside): an edit leaves the charts as they were until they come, then they show
// the new model's figures to the last bit, walls included; a flush (an export) does the sweep at
// once and waits for the wall, and what was still on the way is dropped.
void tst_Charts::bigDesignsSweptAside()
{
    using Kind = GrowthCharts::ChartKind;
    using Wall = GrowthCharts::Wall;
    scui::Document doc;
    doc.reset(scbench::generateDesign(1000, true));
    QVERIFY(doc.model()->lumpCount() >= scui::Document::kAsideLumps);
    GrowthCharts charts(&doc);
    charts.resize(1000, 520);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    // The charts' figures are the model's own sweep, and both walls are marked.
    const auto shows = [&](const sc::Model &model) {
        const sc::Sweep direct =
            model.sweep(sc::kMinUsers, sc::kMaxUsers, GrowthCharts::kSweepPoints);
        const sc::Sweep &shown = charts.sweep();
        if (shown.points.size() != direct.points.size())
            return false;
        for (size_t k = 0; k < direct.points.size(); ++k)
            if (shown.points[k].monthlyCostUsd != direct.points[k].monthlyCostUsd ||
                shown.points[k].latency.p99 != direct.points[k].latency.p99)
                return false;
        const std::optional<double> wall = model.sloMaxUsers();
        const std::optional<double> marked = charts.wallMarkerUsers(Kind::Latency, Wall::Latency);
        return wall && marked && std::abs(*marked / *wall - 1) < 1e-9 &&
               charts.wallMarkerUsers(Kind::Demand, Wall::Latency) == marked;
    };
    QTRY_VERIFY_WITH_TIMEOUT(shows(sc::Model(doc.design(), doc.catalog())), 60000);

    // The analysis thread held up: an edit re-plots at once without its sweep.
    QSemaphore go, held;
    doc.runAside([&](const sc::Model &) { held.release(), go.acquire(); }, &charts, [] {});
    held.acquire();
    const auto p99s = [](const sc::Sweep &sweep) {
        std::vector<double> v;
        for (const sc::SweepPoint &pt : sweep.points)
            v.push_back(pt.latency.p99);
        return v;
    };
    const std::vector<double> before = p99s(charts.sweep());
    doc.undoStack()->push(
        new scui::ChangeParameter(&doc, "r0-cache", "hitRatio", sc::ParamValue{0.5, {}}));
    QTest::qWait(50); // the re-plot's timer
    QVERIFY(p99s(charts.sweep()) == before);
    const sc::Model edited(doc.design(), doc.catalog());
    QVERIFY(p99s(edited.sweep(sc::kMinUsers, sc::kMaxUsers, GrowthCharts::kSweepPoints)) != before);
    go.release();
    QTRY_VERIFY_WITH_TIMEOUT(shows(edited), 60000);

    // Held up again, with the undo's sweep waiting behind: a flush does the sweep and finds the
    // wall at once; the sweep that was on its way is dropped when it comes.
    doc.runAside([&](const sc::Model &) { held.release(), go.acquire(); }, &charts, [] {});
    held.acquire();
    doc.undoStack()->undo();
    QTest::qWait(50);
    charts.flush();
    const sc::Model undone(doc.design(), doc.catalog());
    QVERIFY(shows(undone));
    go.release();
    doc.waitForAside();
    QTest::qWait(50);
    QVERIFY(shows(undone));
    doc.undoStack()->setClean();
}

// Walk: with both walls at 21M users (near the right edge) on a low chart, the latency wall's
// label was drawn over the saturation wall's. Now at every height, for walls apart or together,
// the labels never overlap: the saturation wall's is always there, the latency wall's when it
// has room apart (and back when the chart grows).
void tst_Charts::wallLabelsNeverOverlap()
{
    using Kind = GrowthCharts::ChartKind;
    using Wall = GrowthCharts::Wall;
    Document doc;
    doc.reset(scbench::generateDesign(1000, true));
    const std::optional<double> wall = doc.evaluation().maxUsers;
    QVERIFY(wall);
    QVERIFY(doc.sloMaxUsers() == wall); // the walls together
    GrowthCharts charts(&doc);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    int latencyLabels = 0; // shown, over both charts and every height
    for (const int height : {560, 170, 560}) {
        charts.resize(1000, height);
        QCoreApplication::processEvents();
        charts.flush();
        for (const Kind kind : {Kind::Demand, Kind::Latency}) {
            const QString what =
                QStringLiteral("chart %1 at %2 px").arg(int(kind)).arg(charts.height());
            QCustomPlot *plot = charts.chart(kind);
            charts.tabs()->setCurrentIndex(int(kind));
            plot->replot();
            QCPItemText *saturation = charts.wallLabel(kind, Wall::Saturation);
            QCPItemText *latency = charts.wallLabel(kind, Wall::Latency);
            QVERIFY2(saturation && latency && charts.wallMarkerUsers(kind, Wall::Latency),
                     qPrintable(what));
            QVERIFY2(saturation->visible(), qPrintable(what));
            const QRectF a(saturation->topLeft->pixelPosition(),
                           saturation->bottomRight->pixelPosition());
            const QRectF b(latency->topLeft->pixelPosition(),
                           latency->bottomRight->pixelPosition());
            QVERIFY2(!latency->visible() || !a.intersects(b), qPrintable(what));
            // Room for both at 560 px; at 170 px not for the second.
            QVERIFY2(latency->visible() == (height == 560), qPrintable(what));
            latencyLabels += latency->visible();
        }
    }
    QCOMPARE(latencyLabels, 4);
    // Together, the latency wall is held at the saturation wall (the workers, behind a queue,
    // saturate first: docs/model.md), the p99 met up to it: its label says so, not "p99 > 500
    // ms from 28.6M users" beside a p99 of 80 ms past it (GUI QA).
    const double pastWall = *wall * 1.4;
    const sc::Evaluation past = sc::Model(doc.design(), doc.catalog()).evaluate(pastWall);
    QVERIFY(past.latency.valid && past.latency.p99 < doc.design().slo.p99Ms); // the scenario
    QCOMPARE(charts.wallLabel(Kind::Demand, Wall::Latency)->text(),
             QStringLiteral("p99 ≤ %1\nup to the wall")
                 .arg(scui::formatLatency(doc.design().slo.p99Ms)));
}

// The utilization chart's heading counts the stations as the app writes counts, "9,995", not
// "9995" (GUI QA): a design of 1,997 components, every one a station but the clients and the
// global DNS.
void tst_Charts::busiestOfThousandsHasSeparators()
{
    Document doc;
    doc.reset(scbench::generateDesign(2000, false));
    size_t stations = 0;
    for (const sc::ComponentResult &r : doc.evaluation().components)
        stations += r.station;
    QVERIFY(stations >= 1000 && stations < 10000); // four digits
    GrowthCharts charts(&doc);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    charts.tabs()->setCurrentIndex(int(GrowthCharts::ChartKind::Utilization));
    QTRY_VERIFY(charts.sweep().points.size() == size_t(GrowthCharts::kSweepPoints));
    charts.flush();
    auto *heading = qobject_cast<QCPTextElement *>(
        charts.chart(GrowthCharts::ChartKind::Utilization)->plotLayout()->element(0, 0));
    const QString count = QString::number(stations / 1000) + QLatin1Char(',') +
                          QString::number(stations % 1000).rightJustified(3, QLatin1Char('0'));
    QCOMPARE(heading->text(),
             QStringLiteral("Utilization — the 12 busiest of %1 stations").arg(count));
}

#include "tst_charts.moc"
