#pragma once

class QCPAxis;
class QCustomPlot;
class QPalette;

namespace scui {

// The palette's colours on a chart: the backgrounds of the plot and of each axis rect, the
// axes, a dotted grid (and sub-grid on logarithmic axes) and the legend. The growth charts and
// the timeline's day chart share it, so both read alike in light and dark themes.
void applyChartPalette(QCustomPlot *plot, const QPalette &palette);

// A base-10 logarithmic axis labelled 10ⁿ with eight sub-ticks a decade (users, cost, latency).
void setLogAxis(QCPAxis *axis);

} // namespace scui
