#include "growthcharts.h"

#include "ui/charts/chartparts.h"
#include "ui/charts/charttheme.h"
#include "ui/filedialogs.h"

#include "core/analysis/limits.h"
#include "core/analysis/options.h"
#include "core/analysis/report.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/document.h"
#include "ui/numberformat.h"
#include "ui/theme.h"

#include <qcustomplot.h>

#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QResizeEvent>
#include <QShowEvent>
#include <QSvgGenerator>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace scui {

namespace {

// A chart's heading that fits its width: cut at the end with "…" where it is longer than the
// chart is wide (a narrow dock cut a centred heading at both ends: "› servers: 24 × c5… (per
// mon"), and asking no width of the layout (QCPTextElement asks its text's, which widened the
// heading's row past the plot).
class FittedHeading final : public QCPTextElement
{
public:
    using QCPTextElement::QCPTextElement;

protected:
    QSize minimumOuterSizeHint() const override
    {
        QSize size = QCPTextElement::minimumOuterSizeHint();
        size.setWidth(mMargins.left() + mMargins.right());
        return size;
    }
    void draw(QCPPainter *painter) override
    {
        painter->setFont(mainFont());
        painter->setPen(QPen(mainTextColor()));
        const QString shown =
            QFontMetrics(mainFont()).elidedText(mText, Qt::ElideRight, std::max(0, mRect.width()));
        painter->drawText(mRect, mTextFlags, shown, &mTextBoundingRect);
    }
};

using sc::kMaxUsers;
using sc::kMinUsers;
constexpr int kUsersCharts = 4; // Demand, Utilization, Latency, Cost share the users axis
constexpr int kMaxUtilizationLines = 12;
// The utilization axis runs past saturation, so the Page band and an overload show.
constexpr double kUtilizationTop = 1.25;

bool isUsersChart(GrowthCharts::ChartKind k)
{
    return int(k) < kUsersCharts;
}

// The latency wall and the p99 objective: one colour, apart from the saturation wall's red.
QColor latencyWallColor(bool dark)
{
    return dark ? QColor("#ce93d8") : QColor("#7b1fa2");
}

bool isComputeTier(const sc::Component &c)
{
    return sc::isComputeKind(c.kind, c.flag("managed"));
}

// Whether the segment a–b crosses the rectangle (Liang–Barsky clipping).
bool segmentHitsRect(QPointF a, QPointF b, const QRectF &r)
{
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[] = {-dx, dx, -dy, dy};
    const double q[] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int k = 0; k < 4; ++k) {
        if (p[k] == 0) {
            if (q[k] < 0)
                return false;
            continue;
        }
        const double t = q[k] / p[k];
        if (p[k] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

} // namespace

bool GrowthCharts::rectHitsData(QCustomPlot *plot, const QRectF &rect)
{
    for (int g = 0; g < plot->graphCount(); ++g) {
        QCPGraph *graph = plot->graph(g);
        if (!graph->visible())
            continue;
        const bool logY = graph->valueAxis()->scaleType() == QCPAxis::stLogarithmic;
        const bool logX = graph->keyAxis()->scaleType() == QCPAxis::stLogarithmic;
        const bool joined = graph->lineStyle() != QCPGraph::lsNone;
        bool have = false;
        QPointF prev;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            if (!std::isfinite(it->value) || (logY && it->value <= 0) || (logX && it->key <= 0)) {
                have = false;
                continue;
            }
            const QPointF at = graph->coordsToPixels(it->key, it->value);
            if (rect.contains(at) || (have && joined && segmentHitsRect(prev, at, rect)))
                return true;
            prev = at;
            have = true;
        }
    }
    return false;
}

GrowthCharts::GrowthCharts(Document *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    makePlot(ChartKind::Demand, tr("Demand"));
    makePlot(ChartKind::Utilization, tr("Utilization"));
    makePlot(ChartKind::Latency, tr("Latency"));
    makePlot(ChartKind::Cost, tr("Cost"));
    makePlot(ChartKind::Speedup, tr("Speedup"));
    makePlot(ChartKind::CostBreakdown, tr("Cost breakdown"));
    makePlot(ChartKind::VerticalHorizontal, tr("Vertical vs horizontal"));

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &GrowthCharts::replotIfShown);

    for (const ChartKind kind : {ChartKind::Demand, ChartKind::Latency})
        connect(chart(kind), &QCustomPlot::afterLayout, this,
                [this, kind] { placeWallLabels(kind); });
    connect(chart(ChartKind::Cost), &QCustomPlot::afterLayout, this,
            [this] { declutterCostBandNames(chart(ChartKind::Cost)); });
    connect(m_doc, &Document::changed, this, [this](const ChangeEvent &e) {
        if (e.changesFigures())
            schedule(true);
    });
    connect(m_doc, &Document::evaluated, this, [this] { schedule(false); });
    connect(m_doc, &Document::catalogChanged, this, [this] { schedule(true); });
    // Live failures: the figures' model is another design (the walls move with the status bar's).
    connect(m_doc, &Document::failuresChanged, this, [this] { schedule(true); });
    // A big design's latency wall comes after its figures (Document::runAside): its markers are
    // added then (a pending re-sweep reads it anyway).
    connect(m_doc, &Document::sloWallFound, this, [this] {
        if (!m_resweep && !m_sweepAside)
            showSloWall();
    });
    applyTheme();
    schedule(true);
}

GrowthCharts::~GrowthCharts() = default;

QColor GrowthCharts::componentColor(int index)
{
    // Tableau 10: distinct, and readable on both light and dark backgrounds.
    static const QColor base[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    constexpr int n = int(std::size(base));
    if (index < 0)
        return base[0];
    if (index < n)
        return base[index];
    // Beyond ten: golden-angle hues, stable per index.
    const int hue = int(std::fmod(index * 137.508, 360.0));
    return QColor::fromHsv(hue, 150 + (index % 3) * 30, 200 - (index % 2) * 30);
}

QCustomPlot *GrowthCharts::makePlot(ChartKind kind, const QString &title)
{
    auto *plot = new QCustomPlot;
    m_plots[size_t(kind)] = plot;
    plot->setObjectName(QStringLiteral("chart%1").arg(int(kind)));
    plot->setMinimumSize(minimumPlotSize());
    // Heading across the top; below it the axis rect and, beside it, the legend: never over
    // the data, whatever the series do.
    QCPAxisRect *rect = plot->axisRect();
    QCPLayoutGrid *layout = plot->plotLayout();
    layout->take(rect);
    layout->simplify();
    auto *heading =
        new FittedHeading(plot, title, QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    layout->addElement(0, 0, heading);
    auto *body = new QCPLayoutGrid;
    layout->addElement(1, 0, body);
    layout->setRowStretchFactor(0, 0.001);
    body->addElement(0, 0, rect);
    rect->insetLayout()->take(plot->legend);
    rect->insetLayout()->simplify();
    // The legend at the top of its column, as tall as its entries (a stretching spacer below).
    auto *side = new QCPLayoutGrid;
    body->addElement(0, 1, side);
    body->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(plot));
    side->setRowStretchFactor(0, 0.001);
    // Its frame inside the widget: at the right edge its last column of pixels was cut (QA).
    side->setMargins(QMargins(0, 0, 2, 0));
    plot->legend->setVisible(true);
    plot->legend->setFont(font());
    plot->legend->setFillOrder(QCPLegend::foRowsFirst);
    plot->legend->setIconSize(24, 12);
    plot->legend->setMargins(QMargins(6, 4, 6, 4));
    plot->legend->setLayer(QStringLiteral("legend"));
    plot->installEventFilter(this);
    if (isUsersChart(kind)) {
        setLogAxis(plot->xAxis);
        plot->xAxis->setRange(kMinUsers, kMaxUsers);
        plot->xAxis->setLabel(tr("Daily active users"));
        m_usersLines[size_t(kind)] = verticalLine(plot, QPen());
        connect(plot, &QCustomPlot::mousePress, this, [this, plot](QMouseEvent *e) {
            if (e->button() != Qt::LeftButton || !plot->axisRect()->rect().contains(e->pos()))
                return;
            const double x = plot->xAxis->pixelToCoord(e->pos().x());
            if (std::isfinite(x) && x > 0)
                m_doc->setUsers(std::round(std::clamp(x, kMinUsers, kMaxUsers)));
        });
    }
    plot->setMouseTracking(true);
    connect(plot, &QCustomPlot::mouseMove, this,
            [this, plot](QMouseEvent *e) { showReadout(plot, e->pos()); });
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot, &QWidget::customContextMenuRequested, this, [this, plot](const QPoint &pos) {
        QMenu menu(plot);
        menu.addAction(tr("Export chart…"), this, [this, plot] { exportChart(plot); });
        menu.exec(plot->mapToGlobal(pos));
    });
    m_tabs->addTab(plot, title);
    return plot;
}

void GrowthCharts::setSelectedComponent(const QString &id)
{
    if (id == m_selected)
        return;
    m_selected = id;
    schedule(false);
}

QString GrowthCharts::selectedComponent() const
{
    const int i = selectedIndex();
    return i < 0 ? QString() : QString::fromStdString(m_doc->design().components[size_t(i)].id);
}

int GrowthCharts::selectedIndex() const
{
    const auto &comps = m_doc->design().components;
    const int chosen = m_doc->indexOf(m_selected);
    if (chosen >= 0 && isComputeTier(comps[size_t(chosen)]))
        return chosen;
    for (size_t i = 0; i < comps.size(); ++i)
        if (isComputeTier(comps[i]))
            return int(i);
    return -1;
}

GrowthCharts::WallMarker *GrowthCharts::markersOf(ChartKind chart)
{
    return chart == ChartKind::Demand    ? m_demandWalls
           : chart == ChartKind::Latency ? m_latencyWalls
                                         : nullptr;
}

const GrowthCharts::WallMarker *GrowthCharts::markersOf(ChartKind chart) const
{
    return const_cast<GrowthCharts *>(this)->markersOf(chart);
}

QCPItemStraightLine *GrowthCharts::wallLine(ChartKind chart, Wall wall) const
{
    const WallMarker *m = markersOf(chart);
    return m ? m[int(wall)].line : nullptr;
}

QCPItemText *GrowthCharts::wallLabel(ChartKind chart, Wall wall) const
{
    const WallMarker *m = markersOf(chart);
    return m ? m[int(wall)].text : nullptr;
}

std::optional<double> GrowthCharts::wallMarkerUsers(ChartKind chart, Wall wall) const
{
    const QCPItemStraightLine *line = wallLine(chart, wall);
    if (!line || !line->visible())
        return std::nullopt;
    return line->point1->coords().x();
}

double GrowthCharts::usersMarker() const
{
    return m_usersLines[0] ? m_usersLines[0]->point1->coords().x() : 0;
}

void GrowthCharts::schedule(bool resweep)
{
    m_resweep = m_resweep || resweep;
    m_timer->start();
}

void GrowthCharts::flush()
{
    // A sweep still on the analysis thread is done here instead (the one there is dropped).
    if (m_sweepAside)
        m_resweep = true;
    if (m_timer->isActive() || m_hiddenPending || m_sweepAside) {
        m_timer->stop();
        m_hiddenPending = false;
        m_flushing = true;
        replot();
        m_flushing = false;
    }
    // What is flushed is complete: with the latency wall, waited for if it is still being found.
    if (m_doc->modelOk() && !m_doc->sloWallKnown())
        showSloWall();
}

void GrowthCharts::showSloWall()
{
    m_sloWall = m_doc->sloMaxUsers();
    for (const ChartKind kind : {ChartKind::Demand, ChartKind::Latency}) {
        plotWalls(kind);
        drawOrMarkStale(size_t(kind));
    }
}

void GrowthCharts::replotIfShown()
{
    // Hidden (the dock behind the warnings, or closed), the charts wait: their sweep of 200
    // points and their drawing are for no one, and at 10,000 distinct components the sweep
    // alone is tens of milliseconds an edit.
    if (!isVisible()) {
        m_hiddenPending = true;
        return;
    }
    replot();
}

void GrowthCharts::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_hiddenPending) {
        m_hiddenPending = false;
        replot();
    }
}

QSize GrowthCharts::minimumPlotSize() const
{
    // Room for the heading, the tick labels and the axis title under the plot (six lines) and a
    // plot of five lines: small enough for a 1280 × 800 screen to keep most of its height for
    // the canvas. A y-axis title longer than its axis is left out (fitAxisTitles), never
    // clipped.
    const int line = QFontMetrics(font()).height();
    return {34 * line, 11 * line};
}

int GrowthCharts::axisRoom(int plotHeight) const
{
    // Less the heading, the tick labels, the x-axis title and the margins: about six lines, as
    // minimumPlotSize counts them.
    return plotHeight - 6 * QFontMetrics(font()).height();
}

void GrowthCharts::fitAxisTitles(QCustomPlot *plot, int height)
{
    const int room = axisRoom(height);
    for (QCPAxis *axis : {plot->yAxis, plot->yAxis2}) {
        // The full title as last set by a plot function; shown whenever it fits.
        // (A label other than the one last shown here is a plot function's new title.)
        QString full = axis->property("fullLabel").toString();
        if (!axis->label().isEmpty() && axis->label() != axis->property("shownLabel").toString())
            full = axis->label(), axis->setProperty("fullLabel", full);
        // Too long for a short plot: its unit alone ("Latency (ms)" → "ms", "Utilization ρ" →
        // "ρ"), so a short dock still says what the axis counts (QA: no unit on latency), or
        // the short title a plot function gave it (the cost per 1k users: its last word,
        // "users", said the wrong thing; QA).
        // (A plot function may give shorter titles, the longest that fits shown: "per 1k"
        // alone read as a title cut short; GUI QA.)
        const int open = int(full.lastIndexOf(QLatin1Char('(')));
        QStringList forms{full};
        if (const QStringList given = axis->property("shortLabels").toStringList();
            !given.isEmpty())
            forms << given;
        else
            forms << (open >= 0 && full.endsWith(QLatin1Char(')'))
                          ? full.mid(open + 1, full.size() - open - 2)
                          : full.mid(full.lastIndexOf(QLatin1Char(' ')) + 1));
        const QFontMetrics fm(axis->labelFont());
        QString shown;
        for (const QString &form : forms)
            if (fm.horizontalAdvance(form) <= room) {
                shown = form;
                break;
            }
        axis->setLabel(shown);
        axis->setProperty("shownLabel", shown);
    }
}

QSize GrowthCharts::minimumSizeHint() const
{
    const int tabBar = m_tabs ? m_tabs->tabBar()->sizeHint().height() : 0;
    return minimumPlotSize() + QSize(0, tabBar);
}

QSize GrowthCharts::sizeHint() const
{
    const int line = QFontMetrics(font()).height();
    return minimumSizeHint() + QSize(20 * line, 4 * line);
}

void GrowthCharts::drawIfStale(QCustomPlot *plot)
{
    for (size_t k = 0; k < m_plots.size(); ++k)
        if (m_plots[k] == plot && m_stale[k]) {
            m_stale[k] = false;
            plot->replot();
        }
}

bool GrowthCharts::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Show)
        if (auto *plot = qobject_cast<QCustomPlot *>(watched))
            drawIfStale(plot);
    if (event->type() == QEvent::Resize)
        if (auto *plot = qobject_cast<QCustomPlot *>(watched)) {
            const auto *resize = static_cast<QResizeEvent *>(event);
            fitLegend(plot, resize->size().height());
            // Another height holds another number of bar names.
            if (plot == chart(ChartKind::CostBreakdown) &&
                breakdownRows(resize->size().height()) != breakdownRows(resize->oldSize().height()))
                QTimer::singleShot(0, this, [this] {
                    plotBreakdown();
                    chart(ChartKind::CostBreakdown)->replot();
                });
        }
    return QWidget::eventFilter(watched, event);
}

// The legend beside the plot fills a column as tall as the plot, then the next one.
void GrowthCharts::fitLegend(QCustomPlot *plot, int height)
{
    QCPLegend *legend = plot->legend;
    int entry = std::max(QFontMetrics(legend->font()).height(), legend->iconSize().height());
    for (int k = 0; k < legend->itemCount(); ++k)
        if (QCPAbstractLegendItem *item = legend->item(k))
            entry = std::max(entry, item->minimumOuterSizeHint().height());
    entry += legend->rowSpacing();
    int heading = 0;
    if (auto *t = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0)))
        heading = QFontMetrics(t->font()).height() + t->margins().top() + t->margins().bottom();
    const QMargins m = legend->margins();
    const int room = height - heading - m.top() - m.bottom() - 4; // 4: border and slack
    int rows = std::max(1, (room + legend->rowSpacing()) / entry);
    legend->setWrap(rows);
    legend->setFillOrder(QCPLegend::foRowsFirst, true); // re-flows the entries
    // The entries' own heights may add up to more than the estimate, which forgot the space
    // between the heading's row and the plot's (GUI QA: the last row's descenders cut by the
    // legend's frame): a row fewer until the column fits.
    const int below = height - heading - plot->plotLayout()->rowSpacing() - 1;
    while (rows > 1 && legend->minimumOuterSizeHint().height() > below) {
        legend->setWrap(--rows);
        legend->setFillOrder(QCPLegend::foRowsFirst, true);
    }
    fitAxisTitles(plot, height);
    if (plot == chart(ChartKind::Utilization))
        fitLoadBandNames(plot, height);
    if (plot == chart(ChartKind::Cost))
        placeCostBandNames(plot, height);
}

// Each cost band's name above it, or just inside its top where too little of the plot is left
// above the band (on a short plot the top band's name would be cut off at the edge).
void GrowthCharts::placeCostBandNames(QCustomPlot *plot, int height)
{
    const QCPRange shown = plot->yAxis->range();
    const double top = shown.upper, decades = std::log(top / std::max(shown.lower, 1e-300));
    const int line = QFontMetrics(font()).height();
    const double axisPx = std::max(1, axisRoom(height));
    for (QCPItemText *text : std::as_const(m_costBandNames)) {
        const double bandTop = std::min(text->property("bandTop").toDouble(), top);
        const bool inside = axisPx * std::log(top / bandTop) / decades < 1.3 * line;
        text->position->setCoords(text->position->key(), bandTop);
        text->setPositionAlignment(Qt::AlignLeft | (inside ? Qt::AlignTop : Qt::AlignBottom));
    }
}

namespace {

// The pixel rectangle a label's text and padding take at `topLeft`.
QSizeF labelSize(const QCPItemText *text)
{
    const QMargins pad = text->padding();
    const QSizeF size =
        QFontMetricsF(text->font()).boundingRect(QRectF(), Qt::AlignLeft, text->text()).size();
    return {size.width() + pad.left() + pad.right() + 2,
            size.height() + pad.top() + pad.bottom() + 2};
}

// Where a centred label (the latency chart's overload note) is drawn, in pixels.
QRectF centredLabelRect(const QCPItemText *text)
{
    const QSizeF size = labelSize(text);
    const QPointF at = text->position->pixelPosition();
    return {at - QPointF(size.width() / 2, size.height() / 2), size};
}

} // namespace

// After the cost chart's layout, before it is drawn: a band's name that would run into the
// next one's (a short or narrow plot: "Scale $10k–$30k" over "Massive $100k–$1M"; QA), past the
// plot's right edge, or across a series (GUI QA: "Scale $10k–$30k" on the monthly cost's line,
// "Growth $1.5k–$3k" crossed by the cost per 1k users) goes inside its band's foot instead, or
// says the band's name alone, or nothing.
void GrowthCharts::declutterCostBandNames(QCustomPlot *plot)
{
    const QRect area = plot->axisRect()->rect();
    const auto rectOf = [](QCPItemText *text) {
        const QSizeF size = labelSize(text);
        const QPointF at = text->position->pixelPosition();
        const bool below = text->positionAlignment() & Qt::AlignTop;
        return QRectF(QPointF(at.x(), below ? at.y() : at.y() - size.height()), size);
    };
    for (QCPItemText *text : std::as_const(m_costBandNames)) {
        text->setText(text->property("fullText").toString());
        text->setVisible(true);
    }
    for (qsizetype i = 0; i < m_costBandNames.size(); ++i) {
        QCPItemText *text = m_costBandNames[i];
        // Clear of the plot's right edge and the names after it; `wholly`: of the plot's top and
        // foot and of the series too.
        const auto clear = [&](bool wholly) {
            const QRectF r = rectOf(text);
            if (r.right() > area.right())
                return false;
            if (wholly &&
                (r.top() < area.top() || r.bottom() > area.bottom() || rectHitsData(plot, r)))
                return false;
            for (qsizetype j = i + 1; j < m_costBandNames.size(); ++j)
                if (r.intersects(rectOf(m_costBandNames[j])))
                    return false;
            return true;
        };
        const double key = text->position->key();
        const QPointF atTop(key, text->position->value());
        const Qt::Alignment topAlign = text->positionAlignment();
        const QBrush behind = text->brush();
        bool placed = false;
        for (const bool foot : {false, true}) {
            text->position->setCoords(foot ? QPointF(key, text->property("bandFoot").toDouble())
                                           : atTop);
            text->setPositionAlignment(foot ? Qt::AlignLeft | Qt::AlignBottom : topAlign);
            // Inside its band no series crosses it: the band's colour shows behind the name.
            text->setBrush(foot ? QBrush(Qt::NoBrush) : behind);
            for (const char *which : {"fullText", "shortText"}) {
                text->setText(text->property(which).toString());
                if ((placed = clear(true)))
                    break;
            }
            if (placed)
                break;
        }
        if (!placed) {
            // Where it was, its name alone on its backing (readable over a series), if it
            // clears the plot's edge and the other names.
            text->position->setCoords(atTop);
            text->setPositionAlignment(topAlign);
            text->setBrush(behind);
            text->setText(text->property("shortText").toString());
            text->setVisible(clear(false));
        }
    }
}

// The load bands' names on the right axis, from the top down, each only where it clears the one
// above: on a short plot (the charts of a 1280 × 800 screen) Critical's name would sit on
// Page's and Warning's.
void GrowthCharts::fitLoadBandNames(QCustomPlot *plot, int height)
{
    if (m_loadBandTicks.isEmpty())
        return;
    const int line = QFontMetrics(plot->yAxis2->tickLabelFont()).height();
    const double room = std::max(1, axisRoom(height));
    const QCPRange range = plot->yAxis->range();
    const double perUnit = room / std::max(1e-9, range.size());
    QVector<double> ticks;
    QVector<QString> names;
    double last = std::numeric_limits<double>::infinity();
    for (qsizetype k = m_loadBandTicks.size() - 1; k >= 0; --k) {
        const double y = m_loadBandTicks[k] * perUnit;
        if (last - y < line)
            continue;
        ticks.prepend(m_loadBandTicks[k]);
        names.prepend(m_loadBandNames[k]);
        last = y;
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->setTicks(ticks, names);
    ticker->setSubTickCount(0);
    plot->yAxis2->setTicker(ticker);
}

void GrowthCharts::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
        schedule(true); // series colours follow the palette too
    }
}

void GrowthCharts::applyTheme()
{
    const QPalette pal = chartPaletteOf(this);
    m_dark = isDark(pal);
    const QColor fg = pal.color(QPalette::WindowText);
    for (QCustomPlot *plot : m_plots) {
        applyChartPalette(plot, pal);
        if (auto *t = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0)))
            t->setTextColor(fg);
    }
    QColor marker = m_dark ? QColor("#9ecbff") : QColor("#1f4e99");
    for (QCPItemStraightLine *l : m_usersLines)
        if (l)
            l->setPen(QPen(marker, 1.5, Qt::DashDotLine));
}

void GrowthCharts::replot()
{
    if (std::exchange(m_resweep, false)) {
        ++m_sweepRound; // a sweep still on the analysis thread is outdated
        m_sweepAside = false;
        // A big design's sweep (~6 ms at 1,000 distinct components, ~60 ms at 10,000) is done on
        // the document's analysis thread, after its latency wall: its charts follow when it is.
        if (!m_flushing && m_doc->worksAside()) {
            sweepAside();
        } else {
            m_sweep = m_doc->modelOk()
                          ? m_doc->figuresModel()->sweep(kMinUsers, kMaxUsers, kSweepPoints)
                          : sc::Sweep{};
            plotSwept();
        }
    }
    plotSpeedup();
    plotBreakdown();
    plotVerticalHorizontal();
    updateUsersMarkers();
    drawPlots();
}

void GrowthCharts::sweepAside()
{
    m_sweepAside = true;
    const int round = m_sweepRound;
    auto swept = std::make_shared<sc::Sweep>();
    m_doc->runAside(
        [swept](const sc::Model &model) {
            *swept = model.sweep(kMinUsers, kMaxUsers, kSweepPoints);
        },
        this,
        [this, swept, round] {
            if (round != m_sweepRound)
                return;
            m_sweepAside = false;
            m_sweep = std::move(*swept);
            plotSwept();
            drawPlots();
        });
}

void GrowthCharts::plotSwept()
{
    // The model finds its latency wall once; a new model comes with a resweep. A big one's
    // may still be being found: it is added when it is (showSloWall).
    m_sloWall = m_doc->sloWallKnown() ? m_doc->sloMaxUsers() : std::nullopt;
    plotDemand();
    plotUtilization();
    plotLatency();
    plotCost();
}

void GrowthCharts::drawPlots()
{
    // Only the charts on screen are drawn now: drawing the six behind other tabs (or all seven,
    // with the dock behind the warnings) was two thirds of an edit's re-plot at 1,000
    // components. The others are drawn when shown (eventFilter); exports (saveChart, toPixmap)
    // lay a chart out and draw it themselves (QCustomPlot::draw), shown or not.
    for (size_t k = 0; k < m_plots.size(); ++k) {
        QCustomPlot *plot = m_plots[k];
        plot->setMinimumSize(minimumPlotSize()); // the titles may have changed
        fitLegend(plot, plot->height());
        drawOrMarkStale(k);
    }
    updateGeometry();
}

void GrowthCharts::drawOrMarkStale(size_t k)
{
    m_stale[k] = !m_plots[k]->isVisible();
    if (!m_stale[k])
        m_plots[k]->replot();
}

void GrowthCharts::updateUsersMarkers()
{
    const QPen pen(m_dark ? QColor("#9ecbff") : QColor("#1f4e99"), 1.5, Qt::DashDotLine);
    for (QCPItemStraightLine *l : m_usersLines) {
        if (!l)
            continue;
        l->setPen(pen);
        placeVertical(l, std::clamp(m_doc->users(), kMinUsers, kMaxUsers));
    }
}

void GrowthCharts::plotDemand()
{
    QCustomPlot *plot = chart(ChartKind::Demand);
    clearPlot(plot);
    // Dynamic requests (reads and writes), as the status bar's peak and the walls count them;
    // the boxes' arrivals add the static fetches (QA: "33 req/s at the wall" beside a box's
    // capacity of 67 read as a contradiction).
    plot->yAxis->setLabel(tr("Peak dynamic req/s"));
    setLogAxis(plot->yAxis);
    QVector<double> x, demand, capacity;
    for (const sc::SweepPoint &p : m_sweep.points) {
        x << p.users;
        demand << p.demandRps;
        capacity << p.capacityRps;
    }
    const QColor demandColor = m_dark ? QColor("#8ab4f8") : QColor("#1a5fb4");
    const QColor capColor = m_dark ? QColor("#81c995") : QColor("#2e7d32");
    addLine(plot, tr("Demand (dynamic req/s at the peak)"), demandColor)->setData(x, demand, true);
    addLine(plot, tr("Capacity at the wall (dynamic req/s)"), capColor, 2, Qt::DashLine)
        ->setData(x, capacity, true);
    double lo = 1e-3, hi = 1;
    for (int i = 0; i < x.size(); ++i) {
        hi = std::max({hi, demand[i], capacity[i]});
        if (demand[i] > 0)
            lo = std::min(lo, demand[i]);
    }
    plot->yAxis->setRange(lo / 2, hi * 3);

    plotWalls(ChartKind::Demand);
    plot->setProperty("unit", "req/s");
}

void GrowthCharts::showWall(WallMarker &marker, QCustomPlot *plot, Wall wall,
                            std::optional<double> users, const QString &text)
{
    if (!marker.line) {
        marker.line = verticalLine(plot, QPen());
        marker.text = new QCPItemText(plot);
        // Placed in pixels once the layout is known (placeWallLabels), beside the line and off
        // the series.
        marker.text->position->setType(QCPItemPosition::ptAbsolute);
        marker.text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        marker.text->setPadding(QMargins(4, 2, 4, 2));
        marker.text->setTextAlignment(Qt::AlignLeft);
        marker.text->setClipToAxisRect(true);
        // Over the series (the main layer), so its opaque ground keeps the lines off its text
        // where no place beside the line is free of them.
        marker.text->setLayer(QStringLiteral("axes"));
    }
    // The saturation wall solid red; the latency wall dashed violet, its label's frame dashed.
    const bool latency = wall == Wall::Latency;
    const QColor color =
        latency ? latencyWallColor(m_dark) : (m_dark ? QColor("#ff8a80") : QColor("#c62828"));
    const Qt::PenStyle style = latency ? Qt::DashLine : Qt::SolidLine;
    marker.line->setPen(QPen(color, 2, style));
    marker.text->setColor(color);
    QColor textBg = chartPaletteOf(this).color(QPalette::Base);
    textBg.setAlpha(235);
    marker.text->setBrush(textBg);
    marker.text->setPen(QPen(color, 1, style));
    marker.line->setVisible(users.has_value());
    marker.text->setVisible(users.has_value());
    if (users) {
        placeVertical(marker.line, *users);
        marker.text->setText(text);
    }
}

// Both walls on the demand or the latency chart.
void GrowthCharts::plotWalls(ChartKind chart)
{
    QCustomPlot *plot = this->chart(chart);
    WallMarker *markers = markersOf(chart);
    std::optional<double> wall;
    // None where no dynamic request is served (every route dead-ends, or goes to a component
    // failed now), as the status bar says it: "Wall: ALB at 57.6M users" beside "Walls none"
    // (QA).
    const bool servesNone = m_doc->modelOk() && sc::servesNothing(m_doc->evaluation());
    if (m_sweep.wallUsers && *m_sweep.wallUsers > 0 && !servesNone)
        wall = *m_sweep.wallUsers;
    showWall(
        markers[int(Wall::Saturation)], plot, Wall::Saturation, wall,
        tr("Wall: %1\nat %2 users")
            .arg(labelOf(m_doc->design(), m_sweep.wallComponent), formatUsers(wall.value_or(0))));
    // The latency wall; at 0 not even the fewest users meet the objective: marked there.
    const QString objective = formatLatency(m_doc->design().slo.p99Ms);
    std::optional<double> slo;
    if (m_sloWall)
        slo = std::max(*m_sloWall, kMinUsers);
    // At the saturation wall itself, the latency wall is held there, the p99 met up to it (the
    // saturating station off the requests' path, workers behind a queue: docs/model.md); "p99 >
    // 500 ms from 28.6M users" read as false beside a p99 of 80 ms past it (GUI QA).
    showWall(markers[int(Wall::Latency)], plot, Wall::Latency, slo,
             sc::latencyWallHeldAtWall(m_sloWall, wall)
                 ? tr("p99 ≤ %1\nup to the wall").arg(objective)
             : m_sloWall && *m_sloWall > 0
                 ? tr("p99 > %1\nfrom %2 users").arg(objective, formatUsers(*m_sloWall))
                 : tr("p99 > %1\nat every count").arg(objective));
}

void GrowthCharts::placeWallLabels(ChartKind chart)
{
    QCustomPlot *plot = this->chart(chart);
    WallMarker *markers = markersOf(chart);
    const QRectF area = plot->axisRect()->rect();
    QVector<QRectF> taken;
    QVector<double> lines;
    for (int k = 0; k < 2; ++k)
        if (markers[k].line && markers[k].line->visible())
            lines << plot->xAxis->coordToPixel(markers[k].line->point1->coords().x());
    constexpr double kGap = 6;
    for (const Wall wall : {Wall::Saturation, Wall::Latency}) {
        QCPItemText *text = markers[int(wall)].text;
        // A wall has its label when it has its line (showWall); a label this found no room for
        // before may have room now (a taller dock).
        if (!text || !markers[int(wall)].line->visible())
            continue;
        const QSizeF box = labelSize(text);
        const double x = plot->xAxis->coordToPixel(markers[int(wall)].line->point1->coords().x());
        // The latency wall is at or before the saturation wall: its label looks left first, the
        // saturation wall's right, so the two stay apart when the walls are close.
        const bool rightFirst = wall == Wall::Saturation;
        // Beside the line at the top, the middle and the bottom: the first box inside the plot
        // that touches no series, no other label and no other wall; failing that, no label.
        std::optional<QRectF> clear, apart, inside;
        for (const double yRatio : {0.0, 0.5, 1.0})
            for (const bool right : {rightFirst, !rightFirst}) {
                const double left = right ? x + kGap : x - kGap - box.width();
                const double top = area.top() + kGap +
                                   yRatio * std::max(0.0, area.height() - box.height() - 2 * kGap);
                const QRectF r(QPointF(left, top), box);
                if (!area.contains(r))
                    continue;
                const bool free = std::none_of(taken.begin(), taken.end(),
                                               [&](const QRectF &t) { return t.intersects(r); });
                const bool offLines = std::none_of(lines.begin(), lines.end(), [&](double lx) {
                    return lx >= r.left() && lx <= r.right();
                });
                if (!inside)
                    inside = r;
                if (free && !apart)
                    apart = r;
                if (free && offLines && !clear && !rectHitsData(plot, r))
                    clear = r;
            }
        // The second label with nowhere apart from the first (the walls together near an edge
        // of a low chart) is left out: its line and the status bar still tell it.
        const bool shown = clear || apart || taken.isEmpty();
        text->setVisible(shown);
        if (!shown)
            continue;
        const QRectF r = clear    ? *clear
                         : apart  ? *apart
                         : inside ? *inside
                                  : QRectF(area.topLeft(), box);
        text->position->setCoords(r.topLeft());
        taken << r;
    }
    if (chart == ChartKind::Latency)
        placeOverloadNote(taken);
}

// The latency chart's overload note, in its shaded run: in the middle, or higher or lower where
// a wall's label is; in one word where its two lines have no such place (a short chart: the note
// was hidden beside stage 5's wall labels at 1920 × 1080), and hidden when neither has one (the
// saturation wall's label says as much). A run narrower than the note near the plot's edge has it
// moved in from that edge, whole (stage 5's run from 26M users cut it to "latency unboun").
void GrowthCharts::placeOverloadNote(const QVector<QRectF> &taken)
{
    if (!m_overloadText)
        return;
    QCustomPlot *plot = chart(ChartKind::Latency);
    const QRectF area = plot->axisRect()->rect();
    const double centre =
        plot->xAxis->coordToPixel(m_overloadText->property("runCentre").toDouble());
    for (const QString &text : {tr("Overloaded:\nlatency unbounded"), tr("Overloaded")}) {
        m_overloadText->setText(text);
        const double half = labelSize(m_overloadText).width() / 2 + 2;
        const double x = plot->xAxis->pixelToCoord(
            std::max(area.left() + half, std::min(centre, area.right() - half)));
        for (const double yRatio : {0.5, 0.75, 0.25, 0.9, 0.1}) {
            m_overloadText->position->setCoords(x, yRatio);
            const QRectF r = centredLabelRect(m_overloadText);
            const bool fits = r.top() >= area.top() && r.bottom() <= area.bottom();
            if (fits && std::none_of(taken.begin(), taken.end(),
                                     [&](const QRectF &t) { return t.intersects(r); })) {
                m_overloadText->setVisible(true);
                return;
            }
        }
    }
    m_overloadText->setVisible(false);
}

void GrowthCharts::plotUtilization()
{
    QCustomPlot *plot = chart(ChartKind::Utilization);
    clearPlot(plot);
    plot->clearItems();
    m_usersLines[size_t(ChartKind::Utilization)] = verticalLine(plot, QPen());
    m_utilComponents.clear();
    plot->yAxis->setLabel(tr("Utilization ρ"));
    plot->yAxis->setRange(0, kUtilizationTop);
    const auto &pts = m_sweep.points;
    const size_t n = pts.empty() ? 0 : pts.front().utilization.size();
    int stations = 0;
    for (size_t i = 0; i < n; ++i)
        stations += std::any_of(pts.begin(), pts.end(),
                                [i](const sc::SweepPoint &p) { return p.utilization[i] > 0; });
    QVector<double> x;
    for (const sc::SweepPoint &p : pts)
        x << p.users;
    // Stations ranked by how early and how hard they fill (area under ρ, capped): a design
    // with hundreds of tiers shows the ones that matter, and the title says how many.
    std::vector<std::pair<double, int>> ranked;
    for (size_t i = 0; i < n; ++i) {
        double area = 0;
        for (const sc::SweepPoint &p : pts)
            area += std::min(p.utilization[i], kUtilizationTop);
        if (area > 0) // not a station otherwise: no capacity to fill
            ranked.push_back({-area, int(i)});
    }
    std::stable_sort(ranked.begin(), ranked.end());
    if (ranked.size() > size_t(kMaxUtilizationLines))
        ranked.resize(size_t(kMaxUtilizationLines));
    std::sort(ranked.begin(), ranked.end(),
              [](const auto &a, const auto &b) { return a.second < b.second; });
    for (const auto &[area, i] : ranked) {
        QVector<double> y;
        y.reserve(x.size());
        for (const sc::SweepPoint &p : pts)
            y << p.utilization[size_t(i)];
        m_utilComponents << i;
        addLine(plot, distinctLabelOf(m_doc->design(), i), componentColor(i))->setData(x, y, true);
    }
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    heading->setText(
        m_utilComponents.size() < stations
            ? tr("Utilization — the %1 busiest of %2 stations")
                  .arg(formatFullCount(double(m_utilComponents.size())), formatFullCount(stations))
            : tr("Utilization"));
    QColor guide = chartPaletteOf(this).color(QPalette::WindowText);
    guide.setAlpha(170);
    QCPGraph *g =
        addLine(plot, tr("%1 effective maximum").arg(formatPercent(sc::kTargetUtilization)), guide,
                1.5, Qt::DashLine);
    g->setData(QVector<double>{kMinUsers, kMaxUsers},
               QVector<double>{sc::kTargetUtilization, sc::kTargetUtilization}, true);
    plotLoadBands(plot);
    plot->setProperty("unit", "");
}

// The load levels of core/analysis/limits.h behind the utilization lines: each band above
// Normal shaded in its canvas colour, and every band named on the right axis, beside the
// data rather than on it.
void GrowthCharts::plotLoadBands(QCustomPlot *plot)
{
    const CanvasColors colors = canvasColors();
    QVector<double> ticks;
    QVector<QString> names;
    m_loadBandRects.clear();
    constexpr size_t n = std::size(sc::kLoadBands);
    for (size_t k = 0; k < n; ++k) {
        const sc::LoadBandInfo &band = sc::kLoadBands[k];
        const double to = k + 1 < n ? sc::kLoadBands[k + 1].from : kUtilizationTop;
        ticks << (band.from + to) / 2;
        names << (k == 0 ? tr(band.name)
                         : tr("%1 > %2").arg(tr(band.name), formatPercent(band.from)));
        if (band.band == sc::LoadBand::Normal)
            continue;
        QColor fill = utilizationColor((band.from + to) / 2, colors);
        fill.setAlpha(m_dark ? 40 + 14 * int(k) : 26 + 12 * int(k));
        auto *rect = new QCPItemRect(plot);
        for (QCPItemPosition *p : {rect->topLeft, rect->bottomRight}) {
            p->setTypeX(QCPItemPosition::ptAxisRectRatio);
            p->setTypeY(QCPItemPosition::ptPlotCoords);
        }
        rect->topLeft->setCoords(0, to);
        rect->bottomRight->setCoords(1, band.from);
        rect->setPen(Qt::NoPen);
        rect->setBrush(fill);
        rect->setLayer(QStringLiteral("grid"));
        m_loadBandRects << rect;
    }
    m_loadBandTicks = ticks;
    m_loadBandNames = names;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->setTicks(ticks, names);
    ticker->setSubTickCount(0);
    QCPAxis *right = plot->yAxis2;
    right->setVisible(true);
    right->setTicker(ticker);
    right->setRange(plot->yAxis->range());
    right->setTickLength(0, 0);
    right->setSubTickLength(0, 0);
    right->grid()->setVisible(false);
    right->setLabel(QString());
}

void GrowthCharts::plotLatency()
{
    QCustomPlot *plot = chart(ChartKind::Latency);
    clearPlot(plot);
    plot->clearItems();
    m_latencyWalls[0] = m_latencyWalls[1] = {};
    m_overloadText = nullptr;
    m_usersLines[size_t(ChartKind::Latency)] = verticalLine(plot, QPen());
    plot->yAxis->setLabel(tr("Latency (ms)"));
    // A design that serves no dynamic request at any count (no clients, or nothing they reach) has
    // no latency and nothing overloaded: its heading says so, as the sizing charts say "no compute
    // tier" (the whole range was shaded "Overloaded: latency unbounded"; QA). What is served is
    // the core's sweep's goodput.
    const auto &pts = m_sweep.points;
    const bool served = std::any_of(pts.begin(), pts.end(),
                                    [](const sc::SweepPoint &p) { return p.goodputRps > 0; });
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    heading->setText(served || pts.empty()     ? tr("Latency")
                     : !m_doc->sendsRequests() ? tr("Latency: no clients, no requests to time")
                                               : tr("Latency: no requests served, none to time"));
    if (!served && !pts.empty()) {
        plot->yAxis->setRange(0, 1000);
        plotWalls(ChartKind::Latency);
        plot->setProperty("unit", "ms");
        return;
    }
    QVector<double> x, p50, p95, p99;
    double hi = 0;
    for (const sc::SweepPoint &p : m_sweep.points) {
        if (!p.latency.valid)
            continue;
        x << p.users;
        p50 << p.latency.p50;
        p95 << p.latency.p95;
        p99 << p.latency.p99;
        hi = std::max(hi, p.latency.p99);
    }
    const QColor c50 = m_dark ? QColor("#81c995") : QColor("#2e7d32");
    const QColor c95 = m_dark ? QColor("#fdd663") : QColor("#b26a00");
    const QColor c99 = m_dark ? QColor("#ff8a80") : QColor("#c62828");
    addLine(plot, tr("p50"), c50)->setData(x, p50, true);
    addLine(plot, tr("p95"), c95)->setData(x, p95, true);
    addLine(plot, tr("p99"), c99)->setData(x, p99, true);
    // The objective the p99 is held to, across the chart (in the latency wall's colour).
    const double objective = m_doc->design().slo.p99Ms;
    if (m_doc->modelOk() && std::isfinite(objective) && objective > 0) {
        addLine(plot, tr("p99 objective %1").arg(formatLatency(objective)),
                latencyWallColor(m_dark), 1.5, Qt::DashLine)
            ->setData(QVector<double>{kMinUsers, kMaxUsers}, QVector<double>{objective, objective},
                      true);
        hi = std::max(hi, objective);
    }
    if (hi <= 0)
        hi = 1000;
    plot->yAxis->setRange(0, hi * 1.15);

    // Shade the runs of points where a station is overloaded (latency undefined).
    QColor shade = c99;
    shade.setAlpha(m_dark ? 60 : 40);
    bool labelled = false;
    for (size_t i = 0; i < pts.size();) {
        if (pts[i].latency.valid) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < pts.size() && !pts[j + 1].latency.valid)
            ++j;
        // From halfway between the last valid point and the first invalid one.
        const double from = i == 0 ? kMinUsers : std::sqrt(pts[i - 1].users * pts[i].users);
        const double to =
            j + 1 == pts.size() ? kMaxUsers : std::sqrt(pts[j].users * pts[j + 1].users);
        auto *rect = new QCPItemRect(plot);
        rect->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
        rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
        rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->topLeft->setCoords(from, 0);
        rect->bottomRight->setCoords(to, 1);
        rect->setPen(Qt::NoPen);
        rect->setBrush(shade);
        rect->setLayer("grid");
        if (!labelled) {
            auto *text = new QCPItemText(plot);
            text->position->setTypeX(QCPItemPosition::ptPlotCoords);
            text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
            text->position->setCoords(std::sqrt(from * to), 0.5);
            text->setProperty("runCentre", std::sqrt(from * to)); // placeOverloadNote's start
            text->setText(tr("Overloaded:\nlatency unbounded"));
            text->setColor(chartPaletteOf(this).color(QPalette::WindowText));
            // On a ground of its own over the series, as the walls' labels: the objective's line
            // and the users' marker struck it through, and in the dark theme its text was grey
            // on the red band (QA).
            text->setPadding(QMargins(4, 2, 4, 2));
            QColor ground = chartPaletteOf(this).color(QPalette::Base);
            ground.setAlpha(235);
            text->setBrush(ground);
            text->setLayer(QStringLiteral("axes"));
            m_overloadText = text;
            labelled = true;
        }
        i = j + 1;
    }
    plotWalls(ChartKind::Latency);
    plot->setProperty("unit", "ms");
}

void GrowthCharts::plotCost()
{
    QCustomPlot *plot = chart(ChartKind::Cost);
    clearPlot(plot);
    plot->clearItems();
    m_usersLines[size_t(ChartKind::Cost)] = verticalLine(plot, QPen());
    plot->yAxis->setLabel(tr("USD/month"));
    plot->yAxis2->setVisible(true);
    plot->yAxis2->setLabel(tr("USD/month per 1k users"));
    plot->yAxis2->setProperty(
        "shortLabels", QStringList{tr("USD per 1k users"), tr("USD/1k users"), tr("USD/1k")});
    setLogAxis(plot->yAxis);
    setLogAxis(plot->yAxis2);
    QVector<double> x, cost, per1k;
    double hi = 1e6, lo2 = 1e9, hi2 = 0;
    for (const sc::SweepPoint &p : m_sweep.points) {
        x << p.users;
        cost << p.monthlyCostUsd;
        per1k << p.costPerUserUsd * 1000;
        hi = std::max(hi, p.monthlyCostUsd);
        if (p.costPerUserUsd > 0) {
            lo2 = std::min(lo2, p.costPerUserUsd * 1000);
            hi2 = std::max(hi2, p.costPerUserUsd * 1000);
        }
    }
    plot->yAxis->setRange(10, hi * 3);
    if (hi2 <= 0)
        lo2 = 0.1, hi2 = 1000;
    plot->yAxis2->setRange(lo2 / 3, hi2 * 3);

    const QColor fg = chartPaletteOf(this).color(QPalette::WindowText);
    m_costBandNames.clear();
    for (size_t t = 0; t < std::size(sc::kCostBands); ++t) {
        const sc::CostBand &tier = sc::kCostBands[t];
        QColor fill = componentColor(int(t) + 4);
        fill.setAlpha(m_dark ? 70 : 50);
        auto *rect = new QCPItemRect(plot);
        rect->topLeft->setCoords(tier.usersFrom, tier.usdTo);
        rect->bottomRight->setCoords(tier.usersTo, tier.usdFrom);
        rect->setPen(QPen(fill.darker(m_dark ? 80 : 130), 1));
        rect->setBrush(fill);
        rect->setLayer("grid");
        // Its name above it (placeCostBandNames); none for a band above the plot.
        if (tier.usdFrom >= plot->yAxis->range().upper)
            continue;
        auto *text = new QCPItemText(plot);
        text->setProperty("bandTop", tier.usdTo);
        text->setProperty("bandFoot", tier.usdFrom);
        text->position->setCoords(std::max(tier.usersFrom, kMinUsers), tier.usdTo);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        m_costBandNames << text;
        const QString full =
            QStringLiteral("%1 %2–%3").arg(tr(tier.name), money(tier.usdFrom), money(tier.usdTo));
        text->setText(full);
        text->setProperty("fullText", full);
        text->setProperty("shortText", tr(tier.name));
        text->setColor(fg);
        QColor textBg = chartPaletteOf(this).color(QPalette::Base);
        textBg.setAlpha(200);
        text->setBrush(textBg); // readable where the users marker or a series crosses it
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.9);
        text->setFont(f);
    }
    const QColor costColor = m_dark ? QColor("#8ab4f8") : QColor("#1a5fb4");
    const QColor perColor = m_dark ? QColor("#f6aea9") : QColor("#a61e4d");
    addLine(plot, tr("Monthly cost (USD)"), costColor)->setData(x, cost, true);
    addLine(plot, tr("Cost per 1k users (USD, right axis)"), perColor, 2, Qt::DashLine,
            plot->yAxis2)
        ->setData(x, per1k, true);
    // The design's monthly budget (File ▸ Design Properties…), across the chart as the latency
    // chart's p99 objective: where the cost line crosses it, the design outgrows its budget.
    if (const std::optional<double> budget = m_doc->design().slo.monthlyBudgetUsd;
        budget && *budget > 0 && m_doc->modelOk()) {
        addLine(plot, tr("Budget %1").arg(formatMonthly(*budget)), latencyWallColor(m_dark), 1.5,
                Qt::DashLine)
            ->setData(QVector<double>{kMinUsers, kMaxUsers}, QVector<double>{*budget, *budget},
                      true);
        plot->yAxis->setRange(std::min(10.0, *budget / 3), std::max(hi, *budget) * 3);
    }
    plot->setProperty("unit", "USD");
}

void GrowthCharts::showReadout(QCustomPlot *plot, QPoint pos)
{
    if (!plot->axisRect()->rect().contains(pos)) {
        QToolTip::hideText();
        return;
    }
    const double x = plot->xAxis->pixelToCoord(pos.x());
    const QString unit = plot->property("unit").toString();
    const bool usersAxis = plot->xAxis->label() == tr("Daily active users");
    QStringList lines;
    if (usersAxis)
        lines << tr("%1 users").arg(compact(x));
    struct Row {
        QString name;
        double value;
    };
    std::vector<Row> rows;
    for (int g = 0; g < plot->graphCount(); ++g) {
        QCPGraph *graph = plot->graph(g);
        const auto data = graph->data();
        if (data->isEmpty() || data->size() < 3)
            continue;
        auto it = data->findBegin(x, true);
        auto best = it;
        if (it + 1 != data->constEnd() &&
            std::abs(std::log((it + 1)->key / x)) < std::abs(std::log(it->key / x)))
            best = it + 1;
        rows.push_back({graph->name(), best->value});
    }
    if (rows.size() > 10) {
        std::sort(rows.begin(), rows.end(), [](auto &a, auto &b) { return a.value > b.value; });
        rows.resize(10);
    }
    if (!usersAxis && plot->xAxis->scaleType() == QCPAxis::stLogarithmic)
        lines << QStringLiteral("%1 %2").arg(compact(x), plot->xAxis->label());
    for (const Row &r : rows)
        lines << QStringLiteral("%1: %2 %3").arg(r.name, compact(r.value), unit);
    if (rows.empty() && !usersAxis)
        return;
    QToolTip::showText(plot->mapToGlobal(pos), lines.join('\n'), plot);
}

bool GrowthCharts::saveChart(QCustomPlot *plot, const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == "png") {
        ok = plot->savePng(path, 0, 0, 2.0); // 2× for slides and high-DPI screens
    } else if (suffix == "pdf") {
        ok = plot->savePdf(path);
    } else if (suffix == "svg") {
        const int w = plot->width(), h = plot->height();
        QSvgGenerator gen;
        gen.setFileName(path);
        gen.setSize(QSize(w, h));
        gen.setViewBox(QRect(0, 0, w, h));
        gen.setResolution(96);
        gen.setTitle(plot->objectName());
        QCPPainter painter;
        ok = painter.begin(&gen);
        if (ok) {
            plot->toPainter(&painter, w, h);
            ok = painter.end();
        }
        ok = ok && QFileInfo(path).size() > 0;
    } else {
        if (error)
            *error = tr("Unknown format \"%1\": use .png, .svg or .pdf").arg(suffix);
        return false;
    }
    if (!ok && error)
        *error = tr("Could not write %1").arg(path);
    return ok;
}

void GrowthCharts::exportChart(QCustomPlot *plot)
{
    const int tab = m_tabs->indexOf(plot);
    QString stem = m_tabs->tabText(tab).toLower().replace(' ', '-');
    QString filter;
    const QString path = askSaveFileName(
        this, tr("Export chart"), stem + ".png",
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &filter);
    if (path.isEmpty())
        return;
    QString file = path;
    if (QFileInfo(file).suffix().isEmpty())
        file += filter.contains("svg") ? ".svg" : filter.contains("pdf") ? ".pdf" : ".png";
    QString error;
    if (!saveChart(plot, file, &error))
        QMessageBox::warning(this, tr("Export chart"), error);
}

QDockWidget *createGrowthChartsDock(Document *doc, QWidget *parent)
{
    auto *dock = new QDockWidget(QObject::tr("Growth charts"), parent);
    dock->setObjectName(QStringLiteral("growthChartsDock"));
    dock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    dock->setWidget(new GrowthCharts(doc, dock));
    return dock;
}

} // namespace scui
