#pragma once

#include "core/model/params.h"

#include <QColor>
#include <QIcon>
#include <QSizeF>
#include <QString>

#include <string>

class QFont;
class QPainter;
class QPointF;
class QRectF;

namespace scui {

// Canvas colours, derived from the application palette so light and dark themes both work.
struct CanvasColors {
    QColor background, grid, box, border, text, dim, selection, bottleneck, red, amber, green,
        barTrack, port, edge, deepRed;
    // The outline of a box a lesson step or a comparison changed: a colour of its own, apart
    // from the bottleneck's orange and the load bands (QA: an amber "changed" outline hid the
    // bottleneck a lesson asks for, or gave it away).
    QColor changed;
    bool dark = false;
};
CanvasColors canvasColors();
// Below this level of detail (QStyleOptionGraphicsItem::levelOfDetailFromTransform, 1 at 1:1)
// text is a few pixels high and unreadable: items draw plain shapes instead.
inline constexpr qreal kDetailLevel = 0.35;
// The smallest zoom a fit gives: a box's figures read at it (its 7-pixel figures at 0.48, stage 4
// whole at 1280 × 800, read in a screenshot; at 0.55 its right column was cut off by ~30 pixels).
// A design that does not fit at it is shown readable from its left (and top) edge, not whole
// and too small to read.
inline constexpr qreal kReadableZoom = 0.45;
// Between this and kDetailLevel a box is still a plain block, but with its name across it in
// screen-sized type (a lesson's last steps on a 1280 × 800 projector fit at ~0.3: the blocks
// were blank).
inline constexpr qreal kNameLevel = 0.2;
bool paletteIsDark();
// The load band of utilization ρ (core/analysis/limits.h) as a tone: 0 green (normal),
// 1 amber (warning), 2 red (critical), 3 deep red (page, and overload).
int utilizationTone(double utilization);
QColor toneColor(int tone, const CanvasColors &colors);
QColor utilizationColor(double utilization, const CanvasColors &colors);
// The canvas legend: what the bar colours (sc::kLoadBands), the bottleneck outline, the SPOF
// badge, the error marker and the stroke width mean. Drawn by the view's legend overlay and
// available to exports, so every picture of the canvas explains itself the same way.
QSizeF canvasLegendSize(const QFont &font);
void paintCanvasLegend(QPainter *painter, const QPointF &topLeft, const QFont &font);
// The marks a box carries, drawn by the boxes and by the legend alike.
void paintSpofBadge(QPainter *painter, const QRectF &rect, const QFont &font);
void paintErrorMarker(QPainter *painter, const QRectF &rect);

// Text from the design (labels, ids, names, error messages) as the canvas and every export
// draw it: C0 and C1 control characters other than tab and newline become visible symbols
// (U+2400.. control pictures for C0 and DEL, U+FFFD for C1), and so do lone surrogates and
// the non-characters U+FFFE/U+FFFF; the bidirectional controls and the line and paragraph
// separators (sc::isLayoutControl), which would reorder or break a label as drawn, are written
// as escapes ("\u202e", "\u2028"). What is left is valid XML 1.0 text,
// so an SVG never breaks on a label, and the screen, SVG, PDF and PNG all show the same thing.
QString displayText(const QString &text);
QString displayText(const std::string &utf8);
// The kind's SVG icon (resources/icons/<kind>.svg), cached.
QIcon kindIcon(sc::Kind kind);

} // namespace scui
