#pragma once

#include "core/analysis/compare.h"

#include <QColor>
#include <QPen>
#include <QString>

class QCustomPlot;
class QCPTextElement;

namespace scui {

// The overlaid growth charts of two options (issue 18: the compare view and the comparison
// report): one figure of option A and option B against users, 10 to 10⁸ on a log axis. Every
// value is what sc::growthOf computed; the chart only draws it.
enum class CompareChart {
    MonthlyCost,  // USD/month, log y
    P99Latency,   // ms, log y; gaps where the p99 is NaN (a station on the path overloaded)
    Utilization,  // ρ of each option's bottleneck, with the 100% line
    Availability, // percent
};
constexpr int kCompareChartCount = 4;

// The chart's title: "Monthly cost", "p99 latency", …
QString compareChartTitle(CompareChart kind);

// The colours of option A and option B in a theme: distinct from each other, and readable on
// the theme's chart background.
QColor compareColorA(bool dark);
QColor compareColorB(bool dark);
// The pen of an option's line on every comparison chart: A wide and solid, B narrow and dashed
// (on top: where the two coincide both still show), each in its colour.
QPen comparePen(bool optionB, bool dark);
// An option's name as a legend shows it: at most `chars` characters, elided in the middle ("Option
// B: fewer…from review"); the plot's tooltip gives the names whole (setCompareToolTip).
QString legendName(const QString &name, int chars = 32);
void setCompareToolTip(QCustomPlot *plot, const QString &nameA, const QString &nameB);
// Puts `plot`'s heading and legend above its axes (once; later calls only return the heading):
// the legend never covers the lines.
QCPTextElement *legendAbovePlot(QCustomPlot *plot);

// Fills `plot` (cleared first; call again to re-plot) with the chart `kind`: a heading, a legend
// of the two names above the axes, graph 0 option A (solid) and graph 1 option B (dashed), one
// point per growth point (NaN where the figure is undefined), the compared `users` marked by a
// vertical line, coloured for the light or the dark theme. Does not call replot().
void plotComparison(QCustomPlot *plot, CompareChart kind, const sc::Growth &a, const sc::Growth &b,
                    const QString &nameA, const QString &nameB, double users, bool dark);

} // namespace scui
