#pragma once

#include "ui/document.h"

#include <QGraphicsPathItem>

#include <memory>
#include <vector>

namespace scui {

class ComponentItem;

// One connection, drawn from the source's port to the target's left edge; the stroke grows
// with the traffic it carries (log scale).
class ConnectionItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    // The item of the connection `key`, between the items of its two ends.
    ConnectionItem(Document *doc, const ConnectionKey &key, ComponentItem *from, ComponentItem *to);
    ~ConnectionItem() override;

    int type() const override { return Type; }
    const ConnectionKey &key() const { return m_key; }
    ComponentItem *from() const { return m_from; }
    ComponentItem *to() const { return m_to; }
    // Stroke width for a flow in req/s: 1.5 px at nothing, +1.6 px per decade, at most 14 px
    // (in steps of 1/16 px).
    static qreal widthForFlow(double rps);
    qreal penWidth() const;

    void adjust(); // endpoints moved
    // Re-reads the flow after new figures. Returns the area whose drawing changed (the whole
    // connection, its label alone, or nothing), which the caller repaints in the views' cached
    // backgrounds.
    QRectF sync();
    // New figures: read when the connection is next drawn at full detail, or at once by sync().
    void figuresChanged() { m_stale = true; }
    // Whether the flattened curve has been built (only for drawing in detail; tests).
    bool hasCurve() const { return bool(m_curve); }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    // Draws the connection; nothing when `widget` is a CanvasView's viewport, which draws
    // its connections into its cached background instead (CanvasView::drawBackground).
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    // Marks the area this connection covers for repainting in the views' cached backgrounds.
    void invalidateBackground();
    // Where the flow label goes.
    QRectF labelRect() const;

    // The curve flattened, for drawing in detail: built when first needed (the edges of a big
    // design seen zoomed out are straight lines and never need one).
    struct Curve {
        QPolygonF points;         // so paint can draw only the visible part
        std::vector<qreal> bends; // tan(θ/2) of the bend at each point (see curve())
        QPointF mid;              // where the flow label goes
    };
    // Drawn as a plain line at every zoom (CanvasScene::plainConnections).
    bool plain() const;
    // The route from port to port, from the ends' positions.
    QPainterPath route() const;
    const Curve &curve() const;

    Document *m_doc;
    ConnectionKey m_key;
    ComponentItem *m_from;
    ComponentItem *m_to;
    QRectF m_bounds; // cached: the index and the view ask for it constantly
    mutable std::unique_ptr<Curve> m_curve;
    // What the flow looks like, as sync() read it: stroke width and label ("1.2k/s"; empty
    // when nothing flows, which dims the stroke).
    qreal m_width = 0;
    QString m_label;
    bool m_stale = false; // m_width and m_label may be out of date (figuresChanged)
};

} // namespace scui
