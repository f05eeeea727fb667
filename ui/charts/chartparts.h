#pragma once

// The pieces the growth charts' files build their plots from (growthcharts.cpp: the charts
// against users; sizingcharts.cpp: speedup, the cost breakdown, vertical against horizontal).

#include <QColor>
#include <QString>

class QCPAxis;
class QPen;
class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;

namespace sc {
struct Design;
}

namespace scui {

// A count as the status bar and the boxes write it: 999,700 is "1M" (this wrote "1e+03K"),
// and thousands are "k" there too.
QString compact(double v);
// A dollar amount as compact writes a count ("$12k").
QString money(double usd);
// Component i's label (its id when the label is empty); empty for no component.
QString labelOf(const sc::Design &d, int i);
// labelOf, told apart from another component of the same label by its region ("API
// (eu-west-1)"), else by its id: two regions' "API" lines read the same in a legend (QA).
QString distinctLabelOf(const sc::Design &d, int i);
// A line of `plot` against `valueAxis` (its y axis when null).
QCPGraph *addLine(QCustomPlot *plot, const QString &name, const QColor &color, double width = 2,
                  Qt::PenStyle style = Qt::SolidLine, QCPAxis *valueAxis = nullptr);
// Every graph and plottable of `plot` gone (its items stay).
void clearPlot(QCustomPlot *plot);
// A vertical line at plot x (1 until placed), spanning the axis rect whatever the y scale.
QCPItemStraightLine *verticalLine(QCustomPlot *plot, const QPen &pen);
// A vertical line of verticalLine's kind moved to plot x.
void placeVertical(QCPItemStraightLine *line, double x);

} // namespace scui
