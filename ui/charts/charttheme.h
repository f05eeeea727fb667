#pragma once

#include <qcustomplot.h>

#include <QPointer>

class QPalette;

namespace scui {

// The palette's colours on a chart: the backgrounds of the plot and of each axis rect, the
// axes, a dotted grid (and sub-grid on logarithmic axes) and the legend. The growth charts and
// the timeline's day chart share it, so both read alike in light and dark themes.
void applyChartPalette(QCustomPlot *plot, const QPalette &palette);

// `widget`'s palette read in its Active colours. A chart keeps the colours it was given, and
// QWidget::palette() answers in the colours of the widget's state at the time: the growth charts
// took the disabled grey for every label at start-up, until the theme changed (QA).
QPalette chartPaletteOf(const QWidget *widget);

// Ticks of a base-10 log axis at m × 10ⁿ, and sub ticks at every whole multiple of a decade
// between them. `Powers`: the powers of ten, or 1, 2 and 5 a decade where fewer than two powers
// fall in the range, or every multiple where fewer than two of those do (GUI QA: a range inside
// one decade had the single label "10³", or none). `Detail`: 1, 2 and 5 a decade, the powers
// alone where those are more than six.
class DecadeTicker : public QCPAxisTickerLog
{
public:
    enum Prefer { Powers, Detail };
    explicit DecadeTicker(Prefer prefer = Powers)
        : m_prefer(prefer)
    {
    }
    // The axis it ticks, whose length sets how many sub ticks a decade has room for: 9, 3 or 1
    // multiples (of 1…9, 1, 2, 5, or 1), as the axis's rect holds them apart now (9 while it
    // has no size yet). The ticks are made before a replot lays the rect out: the axis's plot
    // is drawn once more when the laid-out rect holds another number than the ticks were made
    // with (a window made smaller).
    void setAxis(QCPAxis *axis);
    int multiplesNow() const;
    int multiplesUsed() const { return m_used; }

protected:
    QVector<double> createTickVector(double step, const QCPRange &range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double> &ticks) override;

private:
    Prefer m_prefer;
    QPointer<QCPAxis> m_axis;
    int m_used = 9;
};

// Linear ticks labelled as the boxes write counts (formatCount: "75k", "1.2M"), not "75000".
class CountTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar,
                         int precision) override;
};

// A base-10 logarithmic axis labelled 10ⁿ (DecadeTicker: 2·10³ and 5·10³ too within a decade),
// with the decade's multiples as sub ticks (users, cost, latency).
void setLogAxis(QCPAxis *axis);

} // namespace scui
