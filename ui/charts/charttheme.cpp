#include "charttheme.h"

#include "ui/theme.h"

#include <QPalette>
#include <qcustomplot.h>

namespace scui {

void applyChartPalette(QCustomPlot *plot, const QPalette &palette)
{
    const bool dark = isDark(palette);
    const QColor bg = palette.color(QPalette::Base);
    const QColor fg = palette.color(QPalette::WindowText);
    QColor grid = fg;
    grid.setAlpha(dark ? 60 : 45);
    QColor subGrid = fg;
    subGrid.setAlpha(dark ? 25 : 18);
    plot->setBackground(bg);
    for (QCPAxisRect *rect : plot->axisRects()) {
        rect->setBackground(bg);
        for (QCPAxis *a : rect->axes()) {
            a->setBasePen(QPen(fg, 1));
            a->setTickPen(QPen(fg, 1));
            a->setSubTickPen(QPen(fg, 1));
            a->setTickLabelColor(fg);
            a->setLabelColor(fg);
            a->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            a->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
            a->grid()->setSubGridVisible(a->scaleType() == QCPAxis::stLogarithmic);
            a->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
    QColor legendBg = bg;
    legendBg.setAlpha(220);
    plot->legend->setBrush(legendBg);
    plot->legend->setBorderPen(QPen(grid));
    plot->legend->setTextColor(fg);
}

void setLogAxis(QCPAxis *axis)
{
    axis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    ticker->setLogBase(10);
    ticker->setSubTickCount(8);
    axis->setTicker(ticker);
    axis->setNumberFormat("eb");
    axis->setNumberPrecision(0);
}

} // namespace scui
