#pragma once
// Where a connection's flow label goes (CanvasScene::placeLabels, placeLabelsNear): along its
// connection where nothing is in the way, else beside it, never on a port or an arrow head nor
// where a box hides its text; the tests a place must pass, and a whole scene's obstacles filed
// in grids.

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <vector>

namespace scui {

class ConnectionItem;

// What a place for a plate must be clear of: other labels, the ports and arrow heads, and
// Clear: the boxes (with a margin); Beside: the boxes but for their sides' padding; Readable:
// the boxes but for the plate's own padding (textZone), so its text shows whole. The boxes are
// drawn above the labels: a plate any further under one is hidden there.
enum class Plate { Clear, Beside, Readable };
using PlateTest = std::function<bool(const QRectF &, Plate)>; // true: blocked

// The plate of a label centred at `centre`.
QRectF plateRect(const QPointF &centre, const QSizeF &size);

// How far left of a box the arrow head of a connection into it reaches (5 + 14 / 2 + 4 px at
// the widest stroke), and a margin.
inline constexpr qreal kLabelEndReach = 19;

// Whether a box at `box` blocks a plate at `plate` for `test`: its port and the arrow head into
// it always, its body as `test` says.
bool boxBlocksPlate(const QRectF &box, const QRectF &plate, Plate test);
// Whether the users' card at `card` blocks a plate at `plate` for `test`: as a box's body, with no
// margin and nothing to tuck under.
bool cardBlocksPlate(const QRectF &card, const QRectF &plate, Plate test);

// Along the connection where nothing is in the way, nearest the middle first; on a connection
// too short for a plate between its ends (boxes side by side, 44 units apart in the templates),
// over its middle above the higher end or below the lower one, clear of the ports and arrow
// heads; else moved aside, near the connection and clear of the boxes; else along it where its
// text shows whole. Never on a port or an arrow head, nor where a box hides its text: with no
// such place, nullopt (the label is left out).
std::optional<QPointF> labelPlace(const ConnectionItem *edge, const QSizeF &size,
                                  const PlateTest &blocked);

// Rectangles filed under the cells of a grid they touch: "does this rectangle hit any?" looks
// at a few cells, not at every rectangle.
class RectGrid
{
public:
    void add(const QRectF &r)
    {
        forCells(r, [&](quint64 cell) {
            m_cells[cell].push_back(r);
            return false;
        });
    }
    bool hits(const QRectF &r) const
    {
        return forCells(r, [&](quint64 cell) {
            const auto it = m_cells.constFind(cell);
            if (it == m_cells.cend())
                return false;
            return std::any_of(it->begin(), it->end(),
                               [&](const QRectF &o) { return o.intersects(r); });
        });
    }

private:
    static constexpr qreal kCell = 120;
    template <typename F> static bool forCells(const QRectF &r, F &&f)
    {
        const auto lo = [](qreal v) { return qint64(std::floor(v / kCell)); };
        for (qint64 x = lo(r.left()); x <= lo(r.right()); ++x)
            for (qint64 y = lo(r.top()); y <= lo(r.bottom()); ++y)
                if (f((quint64(quint32(qint32(x))) << 32) | quint32(qint32(y))))
                    return true;
        return false;
    }
    QHash<quint64, std::vector<QRectF>> m_cells;
};

// A whole scene's boxes, users' card and labels placed so far, filed in grids (placeLabels places
// every label anew): blocks() is its PlateTest.
class PlateObstacles
{
public:
    void addBox(const QRectF &box);
    void addCard(const QRectF &card);
    void addLabel(const QRectF &plate) { m_labels.add(plate); }
    bool blocks(const QRectF &plate, Plate test) const;

private:
    RectGrid m_boxes; // with a 3-unit margin; the card as it is
    RectGrid m_ends, m_cores, m_labels;
};

} // namespace scui
