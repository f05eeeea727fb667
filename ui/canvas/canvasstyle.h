#pragma once

#include "core/model/params.h"

#include <QColor>
#include <QIcon>
#include <QString>

#include <string>

namespace scui {

// Canvas colours, derived from the application palette so light and dark themes both work.
struct CanvasColors {
    QColor background, grid, box, border, text, dim, selection, bottleneck, red, amber, green,
        barTrack, port, edge;
    bool dark = false;
};
CanvasColors canvasColors();
// Below this level of detail (QStyleOptionGraphicsItem::levelOfDetailFromTransform, 1 at 1:1)
// text is a few pixels high and unreadable: items draw plain shapes instead.
inline constexpr qreal kDetailLevel = 0.35;
bool paletteIsDark();
// 0 (green), 1 (amber) or 2 (red): the load band of utilization ρ (core/analysis/limits.h).
int utilizationTone(double utilization);
QColor toneColor(int tone, const CanvasColors &colors);
QColor utilizationColor(double utilization, const CanvasColors &colors);
// Text from the design (labels, ids, names, error messages) as the canvas and every export
// draw it: C0 and C1 control characters other than tab and newline become visible symbols
// (U+2400.. control pictures for C0 and DEL, U+FFFD for C1), and so do lone surrogates and
// the non-characters U+FFFE/U+FFFF. What is left is valid XML 1.0 text, so an SVG never breaks
// on a label, and the screen, SVG, PDF and PNG all show the same thing.
QString displayText(const QString &text);
QString displayText(const std::string &utf8);
// The kind's SVG icon (resources/icons/<kind>.svg), cached.
QIcon kindIcon(sc::Kind kind);

} // namespace scui
