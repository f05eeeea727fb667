#include "connectionitem.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/document.h"
#include "ui/numberformat.h"

#include <QApplication>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <optional>

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

// The point half way along a polyline. (QPainterPath::pointAtPercent measures the curve
// itself, which for a long one costs more than the rest of re-routing it.)
QPointF halfway(const QPolygonF &points)
{
    if (points.isEmpty())
        return {};
    qreal total = 0;
    for (qsizetype i = 1; i < points.size(); ++i)
        total += QLineF(points[i - 1], points[i]).length();
    qreal left = total / 2;
    for (qsizetype i = 1; i < points.size(); ++i) {
        const QLineF segment(points[i - 1], points[i]);
        if (segment.length() >= left && segment.length() > 0)
            return segment.pointAt(left / segment.length());
        left -= segment.length();
    }
    return points.constLast();
}

} // namespace

ConnectionItem::ConnectionItem(Document *doc, const ConnectionKey &key, ComponentItem *from,
                               ComponentItem *to)
    : m_doc(doc)
    , m_key(key)
    , m_from(from)
    , m_to(to)
{
    // No ItemUsesExtendedStyleOption: the views draw connections with their backgrounds and
    // pass the exposed area themselves; anything else (exports) draws the whole curve.
    setFlags(ItemIsSelectable);
    setZValue(0);
    sync();
    adjust();
}

ConnectionItem::~ConnectionItem()
{
    invalidateBackground();
}

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
    // In steps of 1/16 px, finer than antialiasing shows: a small step of the users slider
    // then leaves most strokes as they are, and only their labels are redrawn.
    const qreal w = std::clamp(1.5 + 1.6 * std::log10(1 + rps), 1.5, 14.0);
    return std::round(w * 16) / 16;
}

qreal ConnectionItem::penWidth() const
{
    return widthForFlow(m_doc->edgeFlow(m_key));
}

QRectF ConnectionItem::sync()
{
    m_stale = false;
    const double flow = m_doc->edgeFlow(m_key);
    const qreal width = widthForFlow(flow);
    QString label = flow > 0 ? formatCount(flow) + QStringLiteral("/s") : QString();
    QRectF changed;
    if (width != m_width || label.isEmpty() != m_label.isEmpty())
        changed = m_bounds;    // the stroke itself
    else if (label != m_label) // only the label (a step of the slider), where it was drawn
        changed = m_curve ? labelRect().adjusted(-2, -2, 2, 2) : m_bounds;
    m_width = width;
    m_label = std::move(label);
    return changed;
}

QRectF ConnectionItem::labelRect() const
{
    const QPointF mid = curve().mid;
    return QRectF(mid.x() - 30, mid.y() - 7 - m_width / 2 - 8, 60, 13);
}

QPainterPath ConnectionItem::route() const
{
    const QPointF a = m_from->outPoint();
    const QPointF b = m_to->inPoint() - QPointF(6, 0); // leave room for the arrow head
    QPainterPath p(a);
    if (b.x() >= a.x() + 20) {
        const qreal dx = std::max<qreal>(40, std::abs(b.x() - a.x()) / 2);
        p.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
    } else {
        // A backward edge goes round underneath both boxes instead of across them.
        const qreal below =
            std::max(m_from->pos().y(), m_to->pos().y()) + ComponentItem::kHeight + 18;
        p.cubicTo(a + QPointF(40, 0), QPointF(a.x() + 40, below), QPointF(a.x(), below));
        p.lineTo(QPointF(b.x(), below));
        p.cubicTo(QPointF(b.x() - 40, below), b - QPointF(40, 0), b);
    }
    return p;
}

const ConnectionItem::Curve &ConnectionItem::curve() const
{
    if (m_curve)
        return *m_curve;
    m_curve = std::make_unique<Curve>();
    Curve &c = *m_curve;
    c.points = route().toSubpathPolygons().value(0);
    // tan(θ/2) of the bend θ at each point of the flattened curve (paint: how far a segment
    // runs on into the next); 1 for a right angle or sharper, which a smooth curve has not.
    c.bends.assign(size_t(c.points.size()), 0);
    QPointF in; // the unit direction into point i
    for (qsizetype i = 1; i < c.points.size(); ++i) {
        const QLineF segment(c.points[i - 1], c.points[i]);
        const qreal length = segment.length();
        const QPointF out = length > 0 ? (segment.p2() - segment.p1()) / length : QPointF();
        if (i > 1 && !in.isNull() && !out.isNull()) {
            const qreal cos = QPointF::dotProduct(in, out);
            const qreal sin = std::abs(in.x() * out.y() - in.y() * out.x());
            c.bends[size_t(i - 1)] = cos > 0 ? sin / (1 + cos) : 1;
        }
        in = out;
    }
    c.mid = halfway(c.points);
    return c;
}

void ConnectionItem::adjust()
{
    invalidateBackground();
    prepareGeometryChange();
    // The curve is flattened when it is next drawn in detail. The bounds hold the stroke (at
    // most 14 px), the arrow head and the flow label over any point of the curve (it sticks out
    // sideways where the curve runs vertically): no flattening needed for them.
    m_curve.reset();
    m_bounds = route().boundingRect().adjusted(-32, -24, 32, 20);
    invalidateBackground();
}

QRectF ConnectionItem::boundingRect() const
{
    return m_bounds;
}

bool ConnectionItem::plain() const
{
    const auto *s = qobject_cast<const CanvasScene *>(scene());
    return s && s->plainConnections();
}

QPainterPath ConnectionItem::shape() const
{
    QPainterPathStroker s;
    s.setWidth(std::max<qreal>(10, penWidth() + 4));
    if (plain()) {
        QPainterPath line(m_from->outPoint());
        line.lineTo(m_to->inPoint() - QPointF(6, 0));
        return s.createStroke(line);
    }
    return s.createStroke(route());
}

void ConnectionItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                           QWidget *widget)
{
    if (widget && qobject_cast<CanvasView *>(widget->parentWidget()))
        return; // drawn with the view's background
    if (!painter->isActive())
        return; // a painter that never started (an export whose image could not be made)
    const CanvasColors col = canvasColors();
    const bool selected = option->state & QStyle::State_Selected;
    QColor c = selected ? col.selection : col.edge;
    if (plain() || QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) <
                       kDetailLevel) {
        // Zoomed far out, or one of very many: one hairline from port to port, no arrow head,
        // no label; dimmed when nothing flows (read straight from the document: no width or
        // label needed).
        if (!selected && m_doc->edgeFlow(m_key) <= 0)
            c.setAlpha(120);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(c, 0));
        painter->drawLine(m_from->outPoint(), m_to->inPoint() - QPointF(6, 0));
        return;
    }
    const QPolygonF &points = curve().points;
    const std::vector<qreal> &bends = curve().bends;
    if (m_stale)
        sync();
    if (!selected && m_label.isEmpty())
        c.setAlpha(120); // nothing flows
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal width = m_width;
    painter->setBrush(Qt::NoBrush);
    // Stroke only the parts of the segments inside the exposed area: a curve thousands of
    // pixels long (a big generated design) otherwise costs its whole length on every repaint.
    const QRectF visible = option->exposedRect.adjusted(-width, -width, width, width);
    if (painter->paintEngine()->type() == QPaintEngine::Raster &&
        painter->worldTransform().type() <= QTransform::TxScale) {
        // On screen and in PNGs: the flattened curve as separate flat-capped segments. The
        // raster engine draws those with its line rasterizer; a wide polyline goes through
        // the general stroker and polygon filler instead, about seven times slower (a hub's
        // hundred edges crossing the view made that most of a frame). Each segment runs on
        // past a joint to the mitre point (a bend of θ needs width/2 · tan(θ/2)), and at
        // least 3/4 of a pixel so no antialiased seam shows; for the gentle bends of a
        // flattened curve that is the round join to within a fraction of a pixel. The segments
        // overlap there, so the colour must be opaque: a translucent one is mixed with the
        // background it would show through.
        if (c.alpha() < 255) {
            const qreal a = c.alphaF();
            const auto mix = [a](float fg, float bg) { return a * fg + (1 - a) * bg; };
            c = QColor::fromRgbF(mix(c.redF(), col.background.redF()),
                                 mix(c.greenF(), col.background.greenF()),
                                 mix(c.blueF(), col.background.blueF()));
        }
        painter->setPen(QPen(c, width, Qt::SolidLine, Qt::FlatCap));
        const qreal overlap = 0.75 / painter->worldTransform().m11();
        QVarLengthArray<QLineF, 64> lines;
        const qsizetype n = points.size();
        for (qsizetype i = 0; i + 1 < n; ++i) {
            const QPointF a = points[i], b = points[i + 1];
            if (std::max(a.x(), b.x()) < visible.left() ||
                std::min(a.x(), b.x()) > visible.right() ||
                std::max(a.y(), b.y()) < visible.top() || std::min(a.y(), b.y()) > visible.bottom())
                continue;
            const qreal length = QLineF(a, b).length();
            if (length == 0)
                continue;
            const QPointF along = (b - a) / length;
            const qreal before = i > 0 ? std::max(overlap, width / 2 * bends[size_t(i)]) : 0;
            const qreal after = i + 2 < n ? std::max(overlap, width / 2 * bends[size_t(i + 1)]) : 0;
            if (const auto clipped = clipTo(QLineF(a - along * before, b + along * after), visible))
                lines.append(*clipped);
        }
        painter->drawLines(lines.constData(), int(lines.size()));
    } else {
        // Vector output (SVG, PDF) keeps one smooth path with round joins. Consecutive
        // visible segments go out as one polyline.
        painter->setPen(QPen(c, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QVarLengthArray<QPointF, 64> run;
        const auto flush = [&] {
            if (run.size() > 1)
                painter->drawPolyline(run.constData(), int(run.size()));
            run.clear();
        };
        for (qsizetype i = 0; i + 1 < points.size(); ++i) {
            const auto clipped = clipTo(QLineF(points[i], points[i + 1]), visible);
            if (!clipped) {
                flush();
                continue;
            }
            if (run.isEmpty())
                run.append(clipped->p1());
            run.append(clipped->p2());
            if (!visible.contains(points[i + 1]))
                flush(); // the curve leaves the exposed area here
        }
        flush();
    }

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
    if (!m_label.isEmpty()) {
        const QRectF r = labelRect();
        if (!option->exposedRect.intersects(r))
            return;
        // Not painter->font(): the view does not restore painter state between items.
        QFont f = widget ? widget->font() : QApplication::font();
        f.setPixelSize(10);
        painter->setFont(f);
        painter->setPen(col.dim);
        painter->drawText(r, Qt::AlignCenter, m_label);
    }
}

} // namespace scui
