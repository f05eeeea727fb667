#include "connectionitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/document.h"
#include "ui/numberformat.h"

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

qreal ConnectionItem::widthForFlow(double rps)
{
    if (!std::isfinite(rps) || rps <= 0)
        return 1.5;
    return std::clamp(1.5 + 1.6 * std::log10(1 + rps), 1.5, 14.0);
}

qreal ConnectionItem::penWidth() const { return widthForFlow(m_doc->edgeFlow(m_index)); }

void ConnectionItem::adjust()
{
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
}

QRectF ConnectionItem::boundingRect() const
{
    return m_path.boundingRect().adjusted(-20, -20, 20, 20);
}

QPainterPath ConnectionItem::shape() const
{
    QPainterPathStroker s;
    s.setWidth(std::max<qreal>(10, penWidth() + 4));
    return s.createStroke(m_path);
}

void ConnectionItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const CanvasColors col = canvasColors();
    const bool selected = option->state & QStyle::State_Selected;
    const double flow = m_doc->edgeFlow(m_index);
    QColor c = selected ? col.selection : col.edge;
    if (!selected && flow <= 0)
        c.setAlpha(120);
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal width = widthForFlow(flow);
    painter->setPen(QPen(c, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    // Stroke only the parts of the segments inside the exposed area: a curve thousands of
    // pixels long (a big generated design) otherwise costs its whole length on every repaint.
    const QRectF visible = option->exposedRect.adjusted(-width, -width, width, width);
    QVarLengthArray<QLineF, 64> lines;
    for (int i = 0; i + 1 < m_points.size(); ++i)
        if (auto clipped = clipTo(QLineF(m_points[i], m_points[i + 1]), visible))
            lines.append(*clipped);
    if (!lines.isEmpty())
        painter->drawLines(lines.constData(), int(lines.size()));

    // Arrow head at the target.
    const QPointF tip = m_to->inPoint();
    const qreal h = 5 + widthForFlow(flow) / 2;
    QPolygonF head;
    head << tip << tip + QPointF(-h - 4, -h) << tip + QPointF(-h - 4, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(c);
    painter->drawPolygon(head);

    // The flow, small, beside the middle of the curve.
    if (flow > 0) {
        QFont f = painter->font();
        f.setPixelSize(10);
        painter->setFont(f);
        const QPointF mid = m_path.pointAtPercent(0.5);
        const QString text = formatCount(flow) + QStringLiteral("/s");
        const QRectF r(mid.x() - 30, mid.y() - 7 - widthForFlow(flow) / 2 - 8, 60, 13);
        painter->setPen(col.dim);
        painter->drawText(r, Qt::AlignCenter, text);
    }
}

} // namespace scui
