#include "ui/canvas/labelplacement.h"

#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"

#include <array>

namespace scui {

namespace {

// Where along its connection a label may go, nearest the middle first: that is where a reader
// looks for it.
constexpr qreal kLabelAlong[] = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.12, 0.88};

// Where no label may lie: a box's port (its right edge's middle, 7 px round) and the arrow head
// of a connection into it (its left edge's middle, up to 16 px long and 12 px either side), with
// a 3 px margin. A plate there hid the port one drags wires from, or the arrow.
std::array<QRectF, 2> labelEndZones(const QRectF &box)
{
    const qreal y = box.center().y();
    return {QRectF(box.right() - 10, y - 10, 20, 20),
            QRectF(box.left() - kLabelEndReach, y - 15, kLabelEndReach + 3, 30)};
}

// A box less the few pixels at its sides that hold no text (its frame and padding): a plate
// beside a short connection may tuck under them, drawn below the box.
QRectF labelCore(const QRectF &box)
{
    constexpr qreal kTuck = 8; // ComponentItem's kPad
    return box.adjusted(kTuck, -3, -kTuck, 3);
}

// The part of a plate its text may cover: the plate less the room EdgeLabelItem::plateSize
// leaves round the widest text (4 units at the sides, 1 above and below).
QRectF textZone(const QRectF &plate)
{
    return plate.adjusted(4, 1, -4, -1);
}

// Near the connection, clear of everything, nearest the connection first and then nearest its
// middle: a plate's width away at most, or just above or below the boxes it runs between (from
// a port at a box's middle), so it still reads as the connection's. For a label no place on its
// connection keeps clear of the boxes (boxes close on both sides of it, a plate wider than the
// gap between two boxes).
std::optional<QPointF> labelAside(const ConnectionItem *edge, const QSizeF &size,
                                  const PlateTest &blocked)
{
    constexpr qreal kStep = 6;
    const qreal reach =
        std::max(size.width(), ComponentItem::kHeight / 2 + size.height() + 2 * kStep);
    for (qreal d = kStep; d <= reach; d += kStep)
        for (const qreal f : kLabelAlong) {
            const QPointF on = edge->pointAlong(f);
            for (const QPointF offset :
                 {QPointF(0, -d), QPointF(0, d), QPointF(-d, 0), QPointF(d, 0)}) {
                const QPointF p = on + offset;
                if (!blocked(plateRect(p, size).adjusted(-2, -2, 2, 2), Plate::Clear))
                    return p;
            }
        }
    return std::nullopt;
}

} // namespace

QRectF plateRect(const QPointF &centre, const QSizeF &size)
{
    return QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
}

bool boxBlocksPlate(const QRectF &box, const QRectF &plate, Plate test)
{
    for (const QRectF &end : labelEndZones(box))
        if (end.intersects(plate))
            return true;
    switch (test) {
    case Plate::Clear:
        return box.adjusted(-3, -3, 3, 3).intersects(plate);
    case Plate::Beside:
        return labelCore(box).intersects(plate);
    case Plate::Readable:
        return box.intersects(textZone(plate));
    }
    return false;
}

bool cardBlocksPlate(const QRectF &card, const QRectF &plate, Plate test)
{
    return (test == Plate::Clear && card.intersects(plate)) ||
           (test == Plate::Readable && card.intersects(textZone(plate)));
}

std::optional<QPointF> labelPlace(const ConnectionItem *edge, const QSizeF &size,
                                  const PlateTest &blocked)
{
    const auto along = [&](Plate test, qreal margin) -> std::optional<QPointF> {
        for (const qreal f : kLabelAlong) {
            const QPointF p = edge->pointAlong(f);
            if (!blocked(plateRect(p, size).adjusted(-margin, -margin, margin, margin), test))
                return p;
        }
        return std::nullopt;
    };
    if (const auto p = along(Plate::Clear, 2))
        return p;
    // Above the higher end or below the lower one, past their end zones (15 px either side):
    // first beside the end it heads to, so that two edges fanning out of one port up and down
    // each get the side of their own (QA: the downward edge's label took the place above the
    // port, on the upward edge's curve, and pushed that one's off its edge).
    const QPointF mid = edge->pointAlong(0.5);
    const QPointF a = edge->pointAlong(0), b = edge->pointAlong(1);
    const qreal off = 17 + size.height() / 2;
    const qreal above = std::min(a.y(), b.y()) - off, below = std::max(a.y(), b.y()) + off;
    // (Across the gap's middle: the connection's own ends 6 units short of the box it enters, for
    // its arrow head, so its middle is 3 units left of the gap's.)
    for (const qreal y : b.y() < a.y() ? std::array{above, below} : std::array{below, above}) {
        const QPointF p(mid.x() + 3, y);
        if (!blocked(plateRect(p, size).adjusted(-1, -1, 1, 1), Plate::Beside))
            return p;
    }
    if (const auto p = labelAside(edge, size, blocked))
        return p;
    return along(Plate::Readable, 0);
}

void PlateObstacles::addBox(const QRectF &box)
{
    m_boxes.add(box.adjusted(-3, -3, 3, 3));
    for (const QRectF &end : labelEndZones(box))
        m_ends.add(end);
    m_cores.add(labelCore(box));
}

void PlateObstacles::addCard(const QRectF &card)
{
    m_boxes.add(card); // reads as a box
}

bool PlateObstacles::blocks(const QRectF &plate, Plate test) const
{
    // (`m_boxes` holds the boxes with a 3-unit margin.)
    return m_ends.hits(plate) || m_labels.hits(plate) ||
           (test == Plate::Clear && m_boxes.hits(plate)) ||
           (test == Plate::Beside && m_cores.hits(plate)) ||
           (test == Plate::Readable && m_boxes.hits(textZone(plate).adjusted(3, 3, -3, -3)));
}

} // namespace scui
