#include "groupitem.h"

#include "componentitem.h"

#include "ui/canvas/canvasstyle.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <array>
#include <cmath>

namespace scui {
namespace {

std::array<QPointF, 4> corners(const QRectF &r)
{
    return {r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft()};
}

} // namespace

GroupItem::GroupItem(const sc::Group &group)
    : m_group(group)
{
    setFlag(ItemIsSelectable);
    setAcceptedMouseButtons(Qt::LeftButton);
    sync(group);
}

void GroupItem::sync(const sc::Group &group)
{
    prepareGeometryChange();
    m_group = group;
    // Behind the boxes; a zone above the region it sits in.
    setZValue(isRegion() ? -3 : -2);
    setToolTip(QObject::tr("%1 — drag its title to move it, its corners to resize it (when "
                           "selected); a box dropped inside it belongs to it")
                   .arg(title()));
    update();
}

namespace {
QString titleFormat(bool region)
{
    return region ? QObject::tr("Region %1") : QObject::tr("Zone %1");
}
} // namespace

QString GroupItem::title() const
{
    const QString label = displayText(m_group.label.empty() ? m_group.id : m_group.label);
    return titlePrefix() + label;
}

QString GroupItem::titlePrefix() const
{
    const QString format = titleFormat(isRegion());
    const QString prefix = format.left(format.indexOf(QLatin1String("%1")));
    // A label that already says what the group is ("Region 0", "zone a") is not prefixed again
    // (QA: "Region region 0").
    const QString label =
        QString::fromStdString(m_group.label.empty() ? m_group.id : m_group.label);
    const QString kind = prefix.trimmed();
    const bool saysIt = label.startsWith(kind, Qt::CaseInsensitive) &&
                        (label.size() == kind.size() || !label.at(kind.size()).isLetter());
    return saysIt ? QString() : prefix;
}

QFont GroupItem::titleFont(const QFont &base)
{
    QFont font = base;
    // Projector text (presentation) as the boxes' (×1.6): at 12 px a region's title came out
    // ~7 px on a projector once the lesson was fitted (QA).
    font.setPixelSize(ComponentItem::projectorText() ? 18 : 12);
    font.setBold(true);
    return font;
}

int GroupItem::handleAt(const QPointF &scenePos, qreal zoom) const
{
    if (!isSelected())
        return -1;
    const qreal r = std::min(kHandle * 0.75 / std::max<qreal>(zoom, 0.05), kHandle) + 2;
    const auto c = corners(rect());
    for (int i = 0; i < 4; ++i)
        if (std::abs(scenePos.x() - c[size_t(i)].x()) <= r &&
            std::abs(scenePos.y() - c[size_t(i)].y()) <= r)
            return i;
    return -1;
}

QRectF GroupItem::boundingRect() const
{
    return rect().adjusted(-2 * kHandle, -2 * kHandle, 2 * kHandle, 2 * kHandle);
}

QPainterPath GroupItem::shape() const
{
    // The title strip and the border; the inside belongs to the canvas.
    const QRectF r = rect();
    QPainterPath p;
    p.setFillRule(Qt::OddEvenFill);
    p.addRect(r.adjusted(-kBorderGrab, -kBorderGrab, kBorderGrab, kBorderGrab));
    const QRectF inner = r.adjusted(kBorderGrab, kTitleHeight, -kBorderGrab, -kBorderGrab);
    if (inner.isValid())
        p.addRect(inner);
    if (isSelected())
        for (const QPointF &c : corners(r))
            p.addRect(QRectF(c - QPointF(kHandle, kHandle), QSizeF(2 * kHandle, 2 * kHandle)));
    return p;
}

void GroupItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const CanvasColors colors = canvasColors();
    const QRectF r = rect();
    // Regions in the selection blue, zones in green: the two read apart at a glance, in both
    // themes, and neither is a load colour's red or amber.
    const QColor hue = isRegion() ? colors.selection : colors.green;
    QColor fill = hue;
    fill.setAlpha(colors.dark ? 26 : 16);
    QColor border = hue;
    border.setAlpha(isSelected() ? 255 : 150);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(
        QPen(border, isSelected() ? 2.0 : 1.2, isSelected() ? Qt::SolidLine : Qt::DashLine));
    painter->setBrush(fill);
    painter->drawRoundedRect(r, 10, 10);
    const qreal lod = option ? option->levelOfDetailFromTransform(painter->worldTransform()) : 1;
    if (lod >= kDetailLevel / 2) {
        const QFont font = titleFont(painter->font());
        painter->setFont(font);
        const bool projector = ComponentItem::projectorText();
        painter->setPen(isSelected() || projector ? colors.text : colors.dim);
        const QRectF strip(r.left() + 10, r.top() + (projector ? 2 : 4), r.width() - 20,
                           kTitleHeight - (projector ? 2 : 6));
        painter->drawText(strip, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(font).elidedText(title(), Qt::ElideRight, strip.width()));
    }
    if (!isSelected())
        return;
    const qreal side = std::min(kHandle * 0.75 / std::max<qreal>(lod, 0.05), 2 * kHandle);
    painter->setPen(QPen(hue, 1));
    painter->setBrush(colors.box);
    for (const QPointF &c : corners(r))
        painter->drawRect(QRectF(c - QPointF(side / 2, side / 2), QSizeF(side, side)));
}

QVariant GroupItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSelectedHasChanged)
        prepareGeometryChange(); // the handles join or leave the shape
    return QGraphicsItem::itemChange(change, value);
}

} // namespace scui
