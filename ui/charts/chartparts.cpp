#include "chartparts.h"

#include "core/model/design.h"
#include "ui/numberformat.h"

#include <qcustomplot.h>

#include <QPen>

#include <algorithm>

namespace scui {

QString compact(double v)
{
    return formatCount(v);
}

QString money(double usd)
{
    return "$" + compact(usd);
}

QString labelOf(const sc::Design &d, int i)
{
    if (i < 0 || size_t(i) >= d.components.size())
        return {};
    return QString::fromStdString(d.components[size_t(i)].shownName());
}

QString distinctLabelOf(const sc::Design &d, int i)
{
    const QString label = labelOf(d, i);
    if (label.isEmpty())
        return label;
    // Compared as the file has them, not as a QString each (a big design's every component).
    const auto name = [&d](size_t j) -> const std::string & { return d.components[j].shownName(); };
    bool shared = false;
    for (size_t j = 0; j < d.components.size() && !shared; ++j)
        shared = j != size_t(i) && name(j) == name(size_t(i));
    if (!shared)
        return label;
    const std::string &id = d.components[size_t(i)].id;
    for (const sc::Group &g : d.groups)
        if (g.kind == "region" &&
            std::find(g.members.begin(), g.members.end(), id) != g.members.end())
            return label + QStringLiteral(" (%1)").arg(QString::fromStdString(
                               g.place && !g.place->region.empty() ? g.place->region
                               : g.label.empty()                   ? g.id
                                                                   : g.label));
    return label + QStringLiteral(" (%1)").arg(QString::fromStdString(id));
}

QCPGraph *addLine(QCustomPlot *plot, const QString &name, const QColor &color, double width,
                  Qt::PenStyle style, QCPAxis *valueAxis)
{
    QCPGraph *g = plot->addGraph(plot->xAxis, valueAxis ? valueAxis : plot->yAxis);
    g->setName(name);
    g->setPen(QPen(color, width, style));
    return g;
}

void clearPlot(QCustomPlot *plot)
{
    plot->clearGraphs();
    plot->clearPlottables();
}

QCPItemStraightLine *verticalLine(QCustomPlot *plot, const QPen &pen)
{
    auto *line = new QCPItemStraightLine(plot);
    for (QCPItemPosition *p : {line->point1, line->point2}) {
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    line->point1->setCoords(1, 0);
    line->point2->setCoords(1, 1);
    line->setPen(pen);
    return line;
}

void placeVertical(QCPItemStraightLine *line, double x)
{
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
}

} // namespace scui
