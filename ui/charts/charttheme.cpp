#include "charttheme.h"

#include "ui/numberformat.h"
#include "ui/theme.h"

#include <QPalette>
#include <QWidget>

#include <cmath>

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

QPalette chartPaletteOf(const QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setCurrentColorGroup(QPalette::Active);
    return palette;
}

namespace {

// m × 10^e for each mantissa m, from the last one below the range to the first above it.
QVector<double> decadesOf(const QCPRange &range, const QVector<double> &mantissas)
{
    QVector<double> out;
    const int first = int(std::floor(std::log10(range.lower))) - 1;
    const int last = int(std::ceil(std::log10(range.upper))) + 1;
    for (int e = first; e <= last; ++e)
        for (double m : mantissas) {
            const double t = m * std::pow(10.0, e);
            if (t >= range.lower && t <= range.upper)
                out << t;
            else if (t < range.lower)
                out = {t}; // the last below: one tick outside, for the sub ticks
            else {
                out << t; // the first above
                return out;
            }
        }
    return out;
}

} // namespace

QVector<double> DecadeTicker::createTickVector(double step, const QCPRange &range)
{
    if (!(range.lower > 0) || !std::isfinite(range.upper)) // no decades to speak of
        return QCPAxisTickerLog::createTickVector(step, range);
    const QVector<QVector<double>> powers{{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
    const QVector<QVector<double>> detail{{1, 2, 5}, {1}};
    QVector<double> ticks;
    for (const QVector<double> &mantissas : m_prefer == Powers ? powers : detail) {
        ticks = decadesOf(range, mantissas);
        int inside = 0;
        for (double t : ticks)
            inside += range.contains(t);
        if (m_prefer == Powers && inside > 8) // many decades: QCustomPlot's every n-th power
            return QCPAxisTickerLog::createTickVector(step, range);
        if (m_prefer == Powers ? inside >= 2 : inside <= 6)
            break;
    }
    return ticks;
}

void DecadeTicker::setAxis(QCPAxis *axis)
{
    m_axis = axis;
    // Once the replot has laid the rect out: another number of multiples than the ticks were
    // made with, made again at its size (review: a window made smaller kept the solid bar).
    // (Once an axis: its ticker is read at each layout, whichever it has then.)
    QCustomPlot *plot = axis ? axis->parentPlot() : nullptr;
    if (!plot || axis->property("scSubTicksWatched").toBool())
        return;
    axis->setProperty("scSubTicksWatched", true);
    const QPointer<QCPAxis> watched(axis);
    QObject::connect(plot, &QCustomPlot::afterLayout, axis, [watched] {
        const auto *ticker =
            watched ? dynamic_cast<const DecadeTicker *>(watched->ticker().data()) : nullptr;
        if (ticker && ticker->multiplesNow() != ticker->multiplesUsed())
            watched->parentPlot()->replot(QCustomPlot::rpQueuedReplot);
    });
}

int DecadeTicker::multiplesNow() const
{
    if (!m_axis || !m_axis->axisRect())
        return 9;
    const QRect rect = m_axis->axisRect()->rect();
    const double pixels = m_axis->orientation() == Qt::Vertical ? rect.height() : rect.width();
    if (!(pixels > 0)) // not laid out yet (a chart drawn once, off screen)
        return 9;
    const double decades =
        std::log10(m_axis->range().upper) - std::log10(std::max(1e-300, m_axis->range().lower));
    const double perDecade = decades > 0 ? pixels / decades : pixels;
    // As many multiples a decade as its length holds apart (GUI QA: eight decades in 100 px, at
    // 1280 × 800, drew their 2…9 as one solid bar): 2…9 where the closest two, 9 and 10, are
    // 3 px apart (~65 px a decade), 2 and 5 where theirs (1 and 2, 5 and 10) are 4 px (~13 px),
    // else the powers alone.
    return perDecade * std::log10(10.0 / 9) >= 3 ? 9 : perDecade * std::log10(2.0) >= 4 ? 3 : 1;
}

QVector<double> DecadeTicker::createSubTickVector(int, const QVector<double> &ticks)
{
    QVector<double> subTicks;
    if (ticks.size() < 2)
        return subTicks;
    m_used = multiplesNow();
    const QVector<double> mantissas = m_used == 9   ? QVector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9}
                                      : m_used == 3 ? QVector<double>{1, 2, 5}
                                                    : QVector<double>{1};
    for (double t : decadesOf(QCPRange(ticks.front(), ticks.back()), mantissas))
        if (!ticks.contains(t))
            subTicks << t;
    return subTicks;
}

void setLogAxis(QCPAxis *axis)
{
    axis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<DecadeTicker> ticker(new DecadeTicker);
    ticker->setLogBase(10);
    ticker->setAxis(axis);
    axis->setTicker(ticker);
    axis->setNumberFormat("eb");
    axis->setNumberPrecision(0);
}

QString CountTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    // (The timeline's axis of a big design read "75000", "100000"; GUI QA.)
    return formatCount(std::abs(tick) < 1e-9 ? 0.0 : tick);
}

} // namespace scui
