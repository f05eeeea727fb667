#include "connectionitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/document.h"
#include "ui/numberformat.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <QVarLengthArray>

#include <algorithm>
#include <optional>
#include <cmath>

namespace scui {
namespace {

// Liang–Barsky: the part of `line` inside `r`, if any.
std::optional<QLineF> clipTo(const QLineF &line, const QRectF &r)
{
    const double dx = line.dx(), dy = line.dy();
    double t0 = 0, t1 = 1;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {line.x1() - r.left(), r.right() - line.x1(), line.y1() - r.top(),
                         r.bottom() - line.y1()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return std::nullopt;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return std::nullopt;
    }
    return QLineF(line.pointAt(t0), line.pointAt(t1));
}

} // namespace

ConnectionItem::ConnectionItem(Document *doc, int index, ComponentItem *from, ComponentItem *to)
    : m_doc(doc)
    , m_index(index)
    , m_from(from)
    , m_to(to)
{
    setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption);
    setZValue(0);
    adjust();
}

ConnectionItem::~ConnectionItem() { invalidateBackground(); }

void ConnectionItem::invalidateBackground()
{
    if (QGraphicsScene *s = scene())
        s->invalidate(m_bounds, QGraphicsScene::BackgroundLayer);
}

QVariant ConnectionItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    switch (change) {
    case ItemSceneChange: // leaving the old scene
    case ItemSceneHasChanged:
    case ItemSelectedHasChanged:
    case ItemVisibleHasChanged:
        invalidateBackground();
        break;
    default:
        break;
    }
    return QGraphicsItem::itemChange(change, value);
}

qreal ConnectionItem::widthForFlow(double rps)
{
    if (!std::isfinite(rps) || rps <= 0)
        return 1.5;
    return std::clamp(1.5 + 1.6 * std::log10(1 + rps), 1.5, 14.0);
}

qreal ConnectionItem::penWidth() const { return widthForFlow(m_doc->edgeFlow(m_index)); }

void ConnectionItem::adjust()
{
    invalidateBackground();
    prepareGeometryChange();
    const QPointF a = m_from->outPoint();
    const QPointF b = m_to->inPoint() - QPointF(6, 0); // leave room for the arrow head
    QPainterPath p(a);
    if (b.x() >= a.x() + 20) {
        const qreal dx = std::max<qreal>(40, std::abs(b.x() - a.x()) / 2);
        p.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
    } else {
        // A backward edge goes round underneath both boxes instead of across them.
        const qreal below = std::max(m_from->pos().y(), m_to->pos().y()) +
                            ComponentItem::kHeight + 18;
        p.cubicTo(a + QPointF(40, 0), QPointF(a.x() + 40, below), QPointF(a.x(), below));
        p.lineTo(QPointF(b.x(), below));
        p.cubicTo(QPointF(b.x() - 40, below), b - QPointF(40, 0), b);
    }
    m_path = p;
    m_points = p.toSubpathPolygons().value(0);
    m_bounds = p.boundingRect().adjusted(-20, -20, 20, 20);
    m_mid = p.pointAtPercent(0.5); // measures the whole curve: once here, not on every paint
    invalidateBackground();
}

QRectF ConnectionItem::boundingRect() const { return m_bounds; }

QPainterPath ConnectionItem::shape() const
{
    QPainterPathStroker s;
    s.setWidth(std::max<qreal>(10, penWidth() + 4));
    return s.createStroke(m_path);
}

void ConnectionItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                           QWidget *widget)
{
    if (widget && qobject_cast<CanvasView *>(widget->parentWidget()))
        return; // drawn with the view's background
    const CanvasColors col = canvasColors();
    const bool selected = option->state & QStyle::State_Selected;
    const double flow = m_doc->edgeFlow(m_index);
    QColor c = selected ? col.selection : col.edge;
    if (!selected && flow <= 0)
        c.setAlpha(120);
    if (QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) <
        kDetailLevel) {
        // Zoomed far out: one hairline from port to port, no arrow head, no label.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(c, 0));
        painter->drawLine(m_points.constFirst(), m_points.constLast());
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal width = widthForFlow(flow);
    painter->setPen(QPen(c, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    // Stroke only the parts of the segments inside the exposed area: a curve thousands of
    // pixels long (a big generated design) otherwise costs its whole length on every repaint.
    // Consecutive visible segments go out as one polyline: one stroke to rasterize instead of
    // one per segment (a hundred long edges crossing the view made that the bulk of a frame).
    const QRectF visible = option->exposedRect.adjusted(-width, -width, width, width);
    QVarLengthArray<QPointF, 64> run;
    const auto flush = [&] {
        if (run.size() > 1)
            painter->drawPolyline(run.constData(), int(run.size()));
        run.clear();
    };
    for (int i = 0; i + 1 < m_points.size(); ++i) {
        const auto clipped = clipTo(QLineF(m_points[i], m_points[i + 1]), visible);
        if (!clipped) {
            flush();
            continue;
        }
        if (run.isEmpty())
            run.append(clipped->p1());
        run.append(clipped->p2());
        if (!visible.contains(m_points[i + 1]))
            flush(); // the curve leaves the exposed area here
    }
    flush();

    // Arrow head at the target (skipped, like the label, when it is outside the exposed area:
    // a long edge is often repainted only for a sliver of its curve).
    const QPointF tip = m_to->inPoint();
    const qreal h = 5 + width / 2;
    if (option->exposedRect.intersects(QRectF(tip.x() - h - 4, tip.y() - h, h + 4, 2 * h))) {
        QPolygonF head;
        head << tip << tip + QPointF(-h - 4, -h) << tip + QPointF(-h - 4, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawPolygon(head);
    }

    // The flow, small, beside the middle of the curve.
    if (flow > 0) {
        const QRectF r(m_mid.x() - 30, m_mid.y() - 7 - width / 2 - 8, 60, 13);
        if (!option->exposedRect.intersects(r))
            return;
        // Not painter->font(): the view does not restore painter state between items.
        QFont f = widget ? widget->font() : QApplication::font();
        f.setPixelSize(10);
        painter->setFont(f);
        painter->setPen(col.dim);
        painter->drawText(r, Qt::AlignCenter, formatCount(flow) + QStringLiteral("/s"));
    }
}

} // namespace scui
