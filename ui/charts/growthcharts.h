#pragma once

#include "core/analysis/limits.h"
#include "core/analysis/model.h"

#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

#include <array>
#include <optional>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QDockWidget;
class QTabWidget;
class QTimer;

namespace scui {

class Document;
struct ChangeEvent;

// The growth charts of DESIGN.md ("Sweep"): what happens to a design between 10 and 10⁸ users.
// Every chart re-reads the document; none keeps domain state of its own beyond the last sweep.
class GrowthCharts : public QWidget
{
    Q_OBJECT

public:
    enum class ChartKind {
        Demand,             // graph 0 demand, graph 1 capacity (req/s); wall line
        Utilization,        // one graph per station (the 12 busiest), in design order, then
                            // the target utilization line
        Latency,            // graphs 0..2: p50, p95, p99 (ms), valid points only
        Cost,               // graph 0 monthly cost (USD), graph 1 cost per 1k users (USD)
        Speedup,            // graph 0 USL speedup, graph 1 1/σ asymptote, graph 2 current cores
        CostBreakdown,      // plottable 0 current bars, plottable 1 on-demand bars (USD/month)
        VerticalHorizontal, // graph 0 N × current type, graph 1 one bigger instance (USD/month
                            // as billed: sc::scaleOptions)
    };
    static constexpr int kChartCount = 7;
    static constexpr int kSweepPoints = sc::kSweepPoints;

    explicit GrowthCharts(Document *doc, QWidget *parent = nullptr);
    ~GrowthCharts() override;

    QCustomPlot *chart(ChartKind kind) const { return m_plots[size_t(kind)]; }
    QTabWidget *tabs() const { return m_tabs; }
    const sc::Sweep &sweep() const { return m_sweep; }
    // Component index (design order) of each graph of the utilization chart.
    const QVector<int> &utilizationComponents() const { return m_utilComponents; }
    // Component index of each bar of the cost breakdown (bottom up; -1: the "others" bar,
    // kDataTransferBar: data transfer).
    const QVector<int> &breakdownComponents() const { return m_breakdownComponents; }
    // The two walls (DESIGN.md "Two walls"), marked on the demand and the latency charts: the
    // saturation wall (the first station at ρ = 1) and the latency wall (the p99 past the
    // design's objective, sc::Model::sloMaxUsers).
    enum class Wall { Saturation, Latency };
    // Where the markers sit (plot x coordinates, read back from the plot items); nullopt when
    // hidden. `chart` is Demand or Latency.
    std::optional<double> wallMarkerUsers(ChartKind chart = ChartKind::Demand,
                                          Wall wall = Wall::Saturation) const;
    double usersMarker() const;
    // A wall's line and label (null before the first plot; `chart` is Demand or Latency).
    QCPItemStraightLine *wallLine(ChartKind chart, Wall wall) const;
    QCPItemText *wallLabel(ChartKind chart, Wall wall) const;
    // The latency chart's "Overloaded" note (null when nothing overloads).
    QCPItemText *overloadLabel() const { return m_overloadText; }

    // The tier charts 5 and 7 describe; empty picks the first compute tier.
    void setSelectedComponent(const QString &id);
    QString selectedComponent() const;

    // Runs a pending re-plot now, shown or not (tests, benchmarks, exports).
    void flush();

    // Big enough for every axis title, tick label and legend column (issue 13, item 6); the
    // dock asks for sizeHint() by default.
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;
    // The wall label of the demand chart (placed beside the wall line, off the series).
    QCPItemText *wallLabel() const { return wallLabel(ChartKind::Demand, Wall::Saturation); }
    // The shaded load bands of the utilization chart, Warning up (sc::kLoadBands).
    const QVector<QCPItemRect *> &loadBandRects() const { return m_loadBandRects; }
    // The cost-breakdown bar of data transfer (CostCategory::Transfer, whichever component
    // carries the line): breakdownComponents() holds this instead of a component index.
    static constexpr int kDataTransferBar = -2;
    // Whether a pixel rectangle of `plot` touches any graph's points or the lines between them.
    static bool rectHitsData(QCustomPlot *plot, const QRectF &rect);

    // A deterministic palette keyed by component index, shared with the canvas.
    static QColor componentColor(int index);
    // Saves by suffix: .png, .svg or .pdf. On failure returns false and sets `error`.
    static bool saveChart(QCustomPlot *plot, const QString &path, QString *error = nullptr);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void schedule(bool resweep);
    void replotIfShown(); // the timer's: a hidden widget re-plots when shown (showEvent)
    void replot();
    void sweepAside();              // the sweep on the document's analysis thread, then plotSwept
    void plotSwept();               // the charts of the sweep: demand, utilization, latency, cost
    void drawPlots();               // the charts on screen; the others are marked stale
    void drawOrMarkStale(size_t k); // chart k drawn when on screen, else drawn when shown
    void showSloWall(); // the latency wall's markers, from the document's (waits for it)
    void applyTheme();
    void plotDemand();
    void plotUtilization();
    void plotLoadBands(QCustomPlot *plot);
    // A wall's line and label on `plot` at `users` (hidden when nullopt), made on first use.
    struct WallMarker {
        QCPItemStraightLine *line = nullptr;
        QCPItemText *text = nullptr;
    };
    void showWall(WallMarker &marker, QCustomPlot *plot, Wall wall, std::optional<double> users,
                  const QString &text);
    void plotWalls(ChartKind chart);
    // Beside their lines, inside the plot, off the series and off each other.
    void placeWallLabels(ChartKind chart);
    void placeOverloadNote(const QVector<QRectF> &taken);
    WallMarker *markersOf(ChartKind chart);
    const WallMarker *markersOf(ChartKind chart) const;
    void fitLegend(QCustomPlot *plot, int height);
    void fitAxisTitles(QCustomPlot *plot, int height);
    QSize minimumPlotSize() const;
    void plotLatency();
    void plotCost();
    void plotSpeedup();
    void plotBreakdown();
    // What the y axis gets of a chart of this height, in pixels.
    int axisRoom(int plotHeight) const;
    // Bars whose names fit on the breakdown's axis in a plot of this height (3 at least).
    int breakdownRows(int plotHeight) const;
    void fitLoadBandNames(QCustomPlot *plot, int height);
    void placeCostBandNames(QCustomPlot *plot, int height);
    void declutterCostBandNames(QCustomPlot *plot);
    void plotVerticalHorizontal();
    void updateUsersMarkers();
    int selectedIndex() const;
    QCustomPlot *makePlot(ChartKind kind, const QString &title);
    void drawIfStale(QCustomPlot *plot); // replotted while hidden: drawn now
    void exportChart(QCustomPlot *plot);
    void showReadout(QCustomPlot *plot, QPoint pos);

    Document *m_doc;
    QTabWidget *m_tabs = nullptr;
    std::array<QCustomPlot *, kChartCount> m_plots{};
    // Per chart: its data changed while it was hidden (another tab in front, or the dock behind
    // the warnings), so it is drawn when it is next shown (eventFilter) rather than at once.
    std::array<bool, kChartCount> m_stale{};
    std::array<QCPItemStraightLine *, 4> m_usersLines{}; // charts on the users axis
    WallMarker m_demandWalls[2];                         // by Wall
    WallMarker m_latencyWalls[2];
    QCPItemText *m_overloadText = nullptr;
    std::optional<double> m_sloWall; // the latency wall of the model swept last
    QTimer *m_timer = nullptr;
    bool m_resweep = true;
    bool m_flushing = false;      // flush(): everything on this thread, now
    bool m_sweepAside = false;    // a sweep is on the analysis thread (sweepAside)
    int m_sweepRound = 0;         // counts the sweeps asked for: an older one's result is dropped
    bool m_hiddenPending = false; // a re-plot came due while hidden: run when shown
    bool m_dark = false;
    sc::Sweep m_sweep;
    QVector<int> m_utilComponents;
    QVector<int> m_breakdownComponents;
    QVector<QCPItemRect *> m_loadBandRects;
    QVector<double> m_loadBandTicks; // every band's name on the right axis, bottom up
    QVector<QString> m_loadBandNames;
    QVector<QCPItemText *> m_costBandNames; // the cost chart's band names (placeCostBandNames)
    QString m_selected;
};

// The charts in a dock for the main window's bottom area.
QDockWidget *createGrowthChartsDock(Document *doc, QWidget *parent);

} // namespace scui
