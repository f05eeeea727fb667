#include "canvasstyle.h"

#include "core/analysis/limits.h"
#include "core/io/textescape.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <array>
#include <vector>

namespace scui {

bool paletteIsDark()
{
    const QPalette p = QApplication::palette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

CanvasColors canvasColors()
{
    // Every item asks on every paint: computed once per palette, not 20,000 times a frame.
    static CanvasColors cached;
    static qint64 cachedKey = -1;
    const QPalette p = QApplication::palette();
    if (p.cacheKey() == cachedKey)
        return cached;
    CanvasColors c;
    c.dark = paletteIsDark();
    c.background = p.color(QPalette::Base);
    c.grid = c.dark ? QColor(255, 255, 255, 28) : QColor(0, 0, 0, 30);
    c.box = c.dark ? p.color(QPalette::Window).lighter(125) : QColor(252, 252, 253);
    c.border = c.dark ? QColor(130, 136, 146) : QColor(150, 156, 166);
    c.text = p.color(QPalette::Text);
    c.dim = c.dark ? QColor(175, 180, 190) : QColor(90, 96, 106);
    c.selection = p.color(QPalette::Highlight);
    c.bottleneck = c.dark ? QColor(255, 150, 50) : QColor(235, 115, 0);
    c.red = c.dark ? QColor(240, 85, 85) : QColor(200, 30, 40);
    c.amber = QColor(235, 160, 20);
    c.green = c.dark ? QColor(70, 190, 110) : QColor(40, 160, 80);
    c.barTrack = c.dark ? QColor(255, 255, 255, 40) : QColor(0, 0, 0, 28);
    c.port = c.dark ? QColor(90, 150, 230) : QColor(60, 120, 210);
    c.edge = c.dark ? QColor(150, 170, 200) : QColor(95, 110, 135);
    c.deepRed = c.dark ? QColor(255, 40, 110) : QColor(130, 0, 40);
    c.changed = c.dark ? QColor(190, 140, 255) : QColor(125, 60, 200);
    cached = c;
    cachedKey = p.cacheKey();
    return c;
}

int utilizationTone(double u)
{
    switch (sc::loadBand(u)) {
    case sc::LoadBand::Page:
        return 3;
    case sc::LoadBand::Critical:
        return 2;
    case sc::LoadBand::Warning:
        return 1;
    case sc::LoadBand::Normal:
        break;
    }
    return 0;
}

QColor toneColor(int tone, const CanvasColors &c)
{
    return tone >= 3 ? c.deepRed : tone == 2 ? c.red : tone == 1 ? c.amber : c.green;
}

QColor utilizationColor(double u, const CanvasColors &c)
{
    return toneColor(utilizationTone(u), c);
}

void paintSpofBadge(QPainter *painter, const QRectF &rect, const QFont &font)
{
    const CanvasColors col = canvasColors();
    painter->setPen(Qt::NoPen);
    painter->setBrush(col.red);
    painter->drawRoundedRect(rect, 4, 4);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, QStringLiteral("SPOF"));
}

void paintErrorMarker(QPainter *painter, const QRectF &rect)
{
    const CanvasColors col = canvasColors();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(col.box, 1.5));
    painter->setBrush(col.red);
    painter->drawEllipse(rect);
    // An exclamation mark drawn as shapes: the same in every font.
    const qreal w = rect.width();
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::white);
    painter->drawRoundedRect(
        QRectF(rect.center().x() - w * 0.07, rect.top() + w * 0.2, w * 0.14, w * 0.4), w * 0.05,
        w * 0.05);
    painter->drawEllipse(QPointF(rect.center().x(), rect.top() + w * 0.76), w * 0.08, w * 0.08);
}

namespace {

// One row of the legend: its sample is drawn by `sample` in a 28 × 14 cell.
struct LegendRow {
    QString name, meaning;
    int sample; // 0–3: a bar in that tone; 4 bottleneck outline; 5 SPOF; 6 error; 7 stroke
};

std::vector<LegendRow> legendRows()
{
    std::vector<LegendRow> rows;
    for (const sc::LoadBandInfo &b : sc::kLoadBands)
        rows.push_back({QString::fromUtf8(b.name), QString::fromUtf8(b.meaning),
                        utilizationTone(b.band == sc::LoadBand::Normal ? 0.0 : b.from + 1e-9)});
    rows.push_back({QObject::tr("Bottleneck"),
                    QObject::tr("orange outline: the busiest station at the users shown"), 4});
    rows.push_back({QObject::tr("SPOF"),
                    QObject::tr("single point of failure: when it fails, requests fail"), 5});
    rows.push_back({QObject::tr("Error"),
                    QObject::tr("red mark: requests stop here (overloaded, nowhere to go)"), 6});
    rows.push_back({QObject::tr("Flow"),
                    QObject::tr("line width grows with requests per second (log scale)"), 7});
    return rows;
}

constexpr qreal kLegendPad = 8, kSampleWidth = 30, kRowGap = 3;

} // namespace

QSizeF canvasLegendSize(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF fm(font), fb(bold);
    qreal nameWidth = 0, meaningWidth = 0;
    const std::vector<LegendRow> rows = legendRows();
    for (const LegendRow &r : rows) {
        nameWidth = std::max(nameWidth, fb.horizontalAdvance(r.name));
        meaningWidth = std::max(meaningWidth, fm.horizontalAdvance(r.meaning));
    }
    const qreal rowHeight = std::max<qreal>(14, fb.height());
    return {2 * kLegendPad + kSampleWidth + 6 + nameWidth + 8 + meaningWidth,
            2 * kLegendPad + fb.height() + kRowGap + qreal(rows.size()) * (rowHeight + kRowGap)};
}

void paintCanvasLegend(QPainter *painter, const QPointF &topLeft, const QFont &font)
{
    const CanvasColors col = canvasColors();
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF fb(bold);
    const QSizeF size = canvasLegendSize(font);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor plate = col.box;
    plate.setAlpha(235);
    painter->setPen(QPen(col.border, 1));
    painter->setBrush(plate);
    painter->drawRoundedRect(QRectF(topLeft, size), 6, 6);
    const std::vector<LegendRow> rows = legendRows();
    qreal nameWidth = 0;
    for (const LegendRow &r : rows)
        nameWidth = std::max(nameWidth, fb.horizontalAdvance(r.name));
    qreal y = topLeft.y() + kLegendPad;
    const qreal x = topLeft.x() + kLegendPad;
    painter->setFont(bold);
    painter->setPen(col.text);
    painter->drawText(QPointF(x, y + fb.ascent()), QObject::tr("Utilization at the peak"));
    y += fb.height() + kRowGap;
    const qreal rowHeight = std::max<qreal>(14, fb.height());
    for (const LegendRow &r : rows) {
        const QRectF cell(x, y + (rowHeight - 14) / 2, kSampleWidth - 4, 14);
        if (r.sample <= 3) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(toneColor(r.sample, col));
            painter->drawRoundedRect(cell.adjusted(0, 3, 0, -3), 3, 3);
        } else if (r.sample == 4) {
            painter->setPen(QPen(col.bottleneck, 3));
            painter->setBrush(col.box);
            painter->drawRoundedRect(cell.adjusted(2, 1, -2, -1), 3, 3);
        } else if (r.sample == 5) {
            QFont b = bold;
            b.setPixelSize(8);
            paintSpofBadge(painter, cell.adjusted(0, 1, 0, -1), b);
        } else if (r.sample == 6) {
            paintErrorMarker(painter, QRectF(cell.center() - QPointF(7, 7), QSizeF(14, 14)));
        } else {
            painter->setPen(QPen(col.edge, 1.5));
            painter->drawLine(QPointF(cell.left(), cell.top() + 3),
                              QPointF(cell.right(), cell.top() + 3));
            painter->setPen(QPen(col.edge, 5));
            painter->drawLine(QPointF(cell.left(), cell.bottom() - 3),
                              QPointF(cell.right(), cell.bottom() - 3));
        }
        const qreal baseline = y + (rowHeight - fb.height()) / 2 + fb.ascent();
        painter->setFont(bold);
        painter->setPen(col.text);
        painter->drawText(QPointF(x + kSampleWidth + 6, baseline), r.name);
        painter->setFont(font);
        painter->setPen(col.dim);
        painter->drawText(QPointF(x + kSampleWidth + 6 + nameWidth + 8, baseline), r.meaning);
        y += rowHeight + kRowGap;
    }
    painter->restore();
}

QString displayText(const QString &text)
{
    const auto replacement = [](char16_t c, bool loneSurrogate) -> char16_t {
        if (loneSurrogate)
            return u'\uFFFD';
        if (c == u'\t' || c == u'\n')
            return 0;
        if (c < 0x20)
            return char16_t(0x2400 + c); // ␀ … ␟
        if (c == 0x7F)
            return u'\u2421'; // ␡
        if ((c >= 0x80 && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
            return u'\uFFFD';
        return 0;
    };
    // Nothing to replace in almost every label: no copy then.
    QString out;
    bool copying = false;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text.at(i).unicode();
        qsizetype width = 1;
        bool lone = false;
        if (QChar::isHighSurrogate(c) && i + 1 < n &&
            QChar::isLowSurrogate(text.at(i + 1).unicode()))
            width = 2;
        else
            lone = QChar::isSurrogate(c);
        const char16_t r = width == 1 ? replacement(c, lone) : 0;
        // A bidirectional control would reorder what is drawn (a label reading other than it
        // is), a line or paragraph separator break it: written as the CLI and the reports write
        // them, "\u202e".
        const bool layout = width == 1 && sc::isLayoutControl(c);
        if ((r || layout) && !copying) {
            out = text.left(i);
            copying = true;
        }
        if (copying) {
            if (r)
                out.append(QChar(r));
            else if (layout)
                out.append(QStringLiteral("\\u%1").arg(unsigned(c), 4, 16, QLatin1Char('0')));
            else
                out.append(text.mid(i, width));
        }
        i += width - 1;
    }
    return copying ? out : text;
}

QString displayText(const std::string &utf8)
{
    return displayText(QString::fromStdString(utf8));
}

QIcon kindIcon(sc::Kind kind)
{
    static std::array<QIcon, sc::kKindCount> icons;
    QIcon &icon = icons[size_t(kind)];
    if (icon.isNull())
        icon = QIcon(QStringLiteral(":/icons/%1.svg")
                         .arg(QString::fromUtf8(sc::kindName(kind).data(),
                                                qsizetype(sc::kindName(kind).size()))));
    return icon;
}

} // namespace scui
