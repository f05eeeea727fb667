#pragma once

#include "ui/document.h"

#include <QGraphicsPathItem>

#include <memory>
#include <vector>

namespace scui {

class ComponentItem;
class EdgeLabelItem;

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

    // Re-routes the connection (its ends or a box near it moved): a smooth curve when that
    // runs clear of every box, else an orthogonal route round the boxes in the way (a back
    // edge, or one whose straight course crosses a box), never under its own ends. Returns
    // whether the route changed. With `roundBoxes` false, the plain route (in the middle of a
    // drag: routing round boxes is done once, when the drag ends).
    bool adjust(bool roundBoxes = true);
    // Moves the route (and its label) by `delta`, as routing it again would when every box moved
    // by `delta`: a whole diagram moved is not routed again edge by edge.
    void translate(QPointF delta);
    // How much further out than usual the route goes round the boxes: more than nothing for the
    // later of two opposite connections (A → B and B → A), which would otherwise run on the
    // other's line.
    qreal lane() const;
    // Whether the route goes round boxes (not the plain route of route()).
    bool detoured() const { return m_detoured; }
    // Whether the route runs through `rect`.
    bool passesThrough(const QRectF &rect) const;
    // The route as drawn, from the source's port to the target's arrow head.
    QPainterPath path() const { return m_path; }
    // The route flattened into a polyline (what labels are placed along).
    const QPolygonF &polyline() const;
    // The point `fraction` (0 … 1) of the way along the route.
    QPointF pointAlong(qreal fraction) const;
    // The flow label's item (drawn above every connection), if the scene made one.
    EdgeLabelItem *labelItem() const { return m_labelItem; }
    void setLabelItem(EdgeLabelItem *label) { m_labelItem = label; }
    // The flow as the label shows it ("1.2k/s"); empty when nothing flows.
    const QString &labelText() const { return m_label; }
    // Re-reads the flow after new figures. Returns the area whose drawing changed (the whole
    // connection, its label alone, or nothing), which the caller repaints in the views' cached
    // backgrounds.
    QRectF sync();
    // New figures: read when the connection is next drawn at full detail, or at once by sync().
    void figuresChanged() { m_stale = true; }
    // Whether the flattened curve has been built (only for drawing in detail; tests).
    bool hasCurve() const { return bool(m_curve); }
    QRectF boundingRect() const override;
    // The line stroked pickWidth() wide (scene units): what hit-tests it in every view.
    QPainterPath shape() const override;
    // A little wider than the line: 4 units more than its pen, at least kMinPickWidth.
    qreal pickWidth() const;
    static constexpr qreal kMinPickWidth = 10;
    // Draws the connection; nothing when `widget` is a CanvasView's viewport, which draws
    // its connections into its cached background instead (CanvasView::drawBackground).
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    // Marks the area this connection covers for repainting in the views' cached backgrounds.
    void invalidateBackground();
    // The route round the boxes in the scene (route() without one).
    QPainterPath routeAroundBoxes() const;

    // The curve flattened, for drawing in detail: built when first needed (the edges of a big
    // design seen zoomed out are straight lines and never need one).
    struct Curve {
        QPolygonF points;         // so paint can draw only the visible part
        std::vector<qreal> bends; // tan(θ/2) of the bend at each point (see curve())
    };
    // Drawn as a plain line at every zoom (CanvasScene::plainConnections).
    bool plain() const;
    // Drops from `levels` those the opposite connection runs along (within `lane`), and adds
    // levels `lane` above and below each: where both go round the same boxes, the later runs
    // beside the earlier, not on its line (routed after it: CanvasScene::adjustEdge).
    void keepOffRuns(std::vector<qreal> &levels, qreal lane) const;
    // The route from port to port, from the ends' positions alone.
    QPainterPath route() const;
    const Curve &curve() const;

    Document *m_doc;
    ConnectionKey m_key;
    ComponentItem *m_from;
    ComponentItem *m_to;
    QRectF m_bounds; // cached: the index and the view ask for it constantly
    QPainterPath m_path;
    bool m_detoured = false;
    EdgeLabelItem *m_labelItem = nullptr; // owned by the scene
    mutable std::unique_ptr<Curve> m_curve;
    // What the flow looks like, as sync() read it: stroke width and label ("1.2k/s"; empty
    // when nothing flows, which dims the stroke).
    qreal m_width = 0;
    QString m_label;
    bool m_stale = false; // m_width and m_label may be out of date (figuresChanged)
};

// The flow label of a connection: the req/s on a plate, drawn above every connection and below
// the boxes. The scene places it along its connection, clear of the boxes and of the other
// labels (CanvasScene::placeLabels); its plate is the same size whatever it says, so placing
// needs no figures.
class EdgeLabelItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };
    static constexpr qreal kZ = 0.5; // above connections (0), below boxes (1)

    explicit EdgeLabelItem(ConnectionItem *edge);
    int type() const override { return Type; }
    ConnectionItem *edge() const { return m_edge; }
    // The plate's size at the text size in use (ComponentItem::projectorText).
    static QSizeF plateSize();
    // The widest text a plate holds at the label font's size; a wider one is drawn smaller.
    static qreal textRoom();
    // The text size changed (Present mode on or off): the plate grows or shrinks.
    void textSizeChanged();
    // Left out by the scene: no place along its connection keeps it off the ports and arrow
    // heads (boxes too close together). Hidden while crowded, whatever the flow.
    void setCrowded(bool crowded);
    bool crowded() const { return m_crowded; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    ConnectionItem *m_edge;
    bool m_crowded = false;
};

} // namespace scui
