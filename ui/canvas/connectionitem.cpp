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
#include <array>
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

// The point `fraction` of the way along a polyline. (QPainterPath::pointAtPercent measures the
// curve itself, which for a long one costs more than the rest of re-routing it.)
QPointF along(const QPolygonF &points, qreal fraction)
{
    if (points.isEmpty())
        return {};
    qreal total = 0;
    for (qsizetype i = 1; i < points.size(); ++i)
        total += QLineF(points[i - 1], points[i]).length();
    qreal left = total * fraction;
    for (qsizetype i = 1; i < points.size(); ++i) {
        const QLineF segment(points[i - 1], points[i]);
        if (segment.length() >= left && segment.length() > 0)
            return segment.pointAt(left / segment.length());
        left -= segment.length();
    }
    return points.constLast();
}

// How far routes keep from boxes, and how far they run straight out of a port and into one.
constexpr qreal kClearance = 10, kStub = 20;
// How much further out the second of a pair of opposite connections (A → B and B → A) runs when
// it goes round: both go round below (or above) the pair, and without this their runs would lie
// on one line. The widest strokes (14) stay 2 units apart.
constexpr qreal kLane = 16;
// A target at least this far right of its source's port is reached going forward (a curve or a
// Z); nearer or to the left, the route goes round.
constexpr qreal kMinGap = 8;
// Above this many boxes in the way an edge keeps its plain route (rerouting costs too much).
constexpr size_t kMostObstacles = 200;

// Whether `segment` passes through the interior of `r`.
bool crosses(const QLineF &segment, const QRectF &r)
{
    const auto inside = clipTo(segment, r);
    if (!inside)
        return false;
    // Touching an edge or a corner is not crossing.
    const QPointF m = (inside->p1() + inside->p2()) / 2;
    return r.adjusted(0.5, 0.5, -0.5, -0.5).contains(m);
}

// The boxes an edge must keep clear of (with the clearance round them) and its own two ends.
struct Obstacles {
    std::vector<QRectF> boxes;
    std::array<QRectF, 2> ends;

    // Whether the run from p to q crosses none of the boxes, nor (`checkEnds`) the ends.
    bool runClear(QPointF p, QPointF q, bool checkEnds) const
    {
        const QLineF segment(p, q);
        for (const QRectF &r : boxes)
            if (crosses(segment, r))
                return false;
        if (checkEnds)
            for (const QRectF &r : ends)
                if (crosses(segment, r))
                    return false;
        return true;
    }
    // Whether a polyline from port to port is clear: only the stubs at the ports may touch the
    // ends' own boxes.
    bool clear(const QPolygonF &points) const
    {
        for (qsizetype i = 0; i + 1 < points.size(); ++i)
            if (!runClear(points[i], points[i + 1], i > 0 && i + 2 < points.size()))
                return false;
        return true;
    }
};

// Round the boxes from port a to port b: out of a, along one of `levels` (tried in order), and
// into b; the first clear detour, or an empty polygon. Short stubs after the usual ones: the only
// way down into (or out of) a port whose neighbour stands close beside it; then the long ones
// past the ends' own boxes. The two runs out of a depend only on
// the stub out, the two into b only on the stub in, so they are checked once per level (a hub's
// edges in a crowded column try hundreds of levels); the detour found is the first that trying
// every pair of stubs at every level in this order would find. Every stub is `lane` longer (the
// outer one of a pair of opposite connections).
QPolygonF levelDetour(QPointF a, QPointF b, const std::vector<qreal> &levels, const Obstacles &o,
                      qreal lane)
{
    // Last, the stubs that clear the ends' own boxes: out past the target's right side, in from
    // beyond the source's left, for a target that stands below or above the source's port (its
    // box across every shorter stub's run; the edge went through it; QA).
    std::array<qreal, 7> stubs{kStub,
                               2 * kStub,
                               3 * kStub,
                               kStub / 2,
                               kStub / 5,
                               std::max(kStub, o.ends[1].right() + 2 * kClearance - a.x()),
                               std::max(kStub, b.x() - o.ends[0].left() + 2 * kClearance)};
    for (qreal &stub : stubs)
        stub += lane;
    std::array<bool, stubs.size()> outStub{}, inStub{}; // the runs level with the ports
    for (size_t k = 0; k < stubs.size(); ++k) {
        outStub[k] = o.runClear(a, QPointF(a.x() + stubs[k], a.y()), false);
        inStub[k] = o.runClear(QPointF(b.x() - stubs[k], b.y()), b, false);
    }
    for (const qreal y : levels) {
        std::array<bool, stubs.size()> outClear{}, inClear{};
        bool anyOut = false, anyIn = false;
        for (size_t k = 0; k < stubs.size(); ++k) {
            const qreal x = a.x() + stubs[k];
            outClear[k] = outStub[k] && o.runClear(QPointF(x, a.y()), QPointF(x, y), true);
            anyOut |= outClear[k];
        }
        for (size_t k = 0; k < stubs.size() && anyOut; ++k) {
            const qreal x = b.x() - stubs[k];
            inClear[k] = inStub[k] && o.runClear(QPointF(x, y), QPointF(x, b.y()), true);
            anyIn |= inClear[k];
        }
        if (!anyOut || !anyIn)
            continue;
        for (size_t out = 0; out < stubs.size(); ++out)
            for (size_t in = 0; in < stubs.size(); ++in) {
                const QPointF from(a.x() + stubs[out], y), to(b.x() - stubs[in], y);
                if (outClear[out] && inClear[in] && o.runClear(from, to, true))
                    return {a, QPointF(from.x(), a.y()), from, to, QPointF(to.x(), b.y()), b};
            }
    }
    return {};
}

// A polyline with its corners rounded (radius at most 14, and at most half of either segment).
QPainterPath orthogonal(const QPolygonF &points)
{
    QPainterPath p(points.value(0));
    for (qsizetype i = 1; i + 1 < points.size(); ++i) {
        const QPointF prev = points[i - 1], at = points[i], next = points[i + 1];
        const qreal in = QLineF(prev, at).length(), out = QLineF(at, next).length();
        const qreal r = std::min<qreal>({14, in / 2, out / 2});
        if (r <= 0) {
            p.lineTo(at);
            continue;
        }
        p.lineTo(at + (prev - at) * (r / in));
        p.quadTo(at, at + (next - at) * (r / out));
    }
    p.lineTo(points.constLast());
    return p;
}

// Projector text (Present mode) reads 1.6 × as tall, as the boxes' text does.
QFont labelFont(QFont f)
{
    f.setPixelSize(ComponentItem::projectorText() ? 16 : 10);
    return f;
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
        changed = m_bounds; // the stroke itself
    if (label != m_label && m_labelItem) {
        // The label is an item of its own, above the cached background.
        m_labelItem->setVisible(!label.isEmpty() && !m_labelItem->crowded());
        m_labelItem->update();
    }
    m_width = width;
    m_label = std::move(label);
    return changed;
}

qreal ConnectionItem::lane() const
{
    // The later of the two in the design: the earlier keeps its route when the other is added.
    const int reverse = m_doc->connectionIndex({m_key.to, m_key.from});
    return reverse >= 0 && reverse < m_doc->connectionIndex(m_key) ? kLane : 0;
}

QPainterPath ConnectionItem::route() const
{
    const QPointF a = m_from->outPoint();
    const QPointF b = m_to->inPoint() - QPointF(6, 0); // leave room for the arrow head
    QPainterPath p(a);
    if (b.x() >= a.x() + kMinGap) {
        const qreal dx = std::max<qreal>(40, std::abs(b.x() - a.x()) / 2);
        p.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
    } else {
        // A backward edge goes round underneath both boxes instead of across them; the second
        // of an opposite pair (both backward when neither box stands clear of the other) runs
        // outside the first.
        const qreal lane = this->lane(), stub = kStub + lane;
        const qreal below = std::max(m_from->pos().y(), m_to->pos().y()) + ComponentItem::kHeight +
                            kClearance + 10 + lane;
        p = orthogonal({a, QPointF(a.x() + stub, a.y()), QPointF(a.x() + stub, below),
                        QPointF(b.x() - stub, below), QPointF(b.x() - stub, b.y()), b});
    }
    return p;
}

QPainterPath ConnectionItem::routeAroundBoxes() const
{
    const QPointF a = m_from->outPoint();
    const QPointF b = m_to->inPoint() - QPointF(6, 0);
    QGraphicsScene *s = scene();
    const auto *cs = qobject_cast<const CanvasScene *>(s);
    if (!cs || cs->itemIndexMethod() == QGraphicsScene::NoIndex)
        return route(); // a design too big to route each edge round its neighbours
    // The other boxes in `area`, with the clearance round them.
    Obstacles obstacles{{}, {m_from->boxRect(), m_to->boxRect()}};
    std::vector<QRectF> &boxes = obstacles.boxes;
    const auto collect = [&](const QRectF &area) {
        boxes.clear();
        for (QGraphicsItem *i : s->items(area, Qt::IntersectsItemBoundingRect))
            if (auto *c = qgraphicsitem_cast<ComponentItem *>(i); c && c != m_from && c != m_to)
                boxes.push_back(
                    c->boxRect().adjusted(-kClearance, -kClearance, kClearance, kClearance));
        return boxes.size() <= kMostObstacles;
    };
    // Most edges: the smooth route, clear of the few boxes near it.
    const QPainterPath smooth = route();
    const qreal gap = b.x() - a.x();
    if (gap >= kMinGap) {
        const QRectF near =
            smooth.boundingRect().adjusted(-kClearance, -kClearance, kClearance, kClearance);
        if (collect(near) && obstacles.clear(smooth.toSubpathPolygons().value(0)))
            return smooth;
    }
    // Otherwise the boxes round both ends and between them, where a detour can run.
    // (With the ends' boxes: the longest stubs run out past them.)
    const QRectF around = QRectF(a, b)
                              .normalized()
                              .adjusted(-3 * kStub, -2 * ComponentItem::kHeight, 3 * kStub,
                                        2 * ComponentItem::kHeight)
                              .united(obstacles.ends[0].adjusted(-3 * kStub, 0, 3 * kStub, 0))
                              .united(obstacles.ends[1].adjusted(-3 * kStub, 0, 3 * kStub, 0));
    if (!collect(around))
        return smooth; // too crowded to route round: keep the plain route
    // A Z through a vertical channel between the ends, nearest the middle first.
    if (gap >= kMinGap) {
        const qreal mid = (a.x() + b.x()) / 2;
        const qreal stub = std::min(kStub, gap / 2);
        std::vector<qreal> xs{mid};
        for (qreal x = a.x() + stub; x <= b.x() - stub; x += 10)
            xs.push_back(x);
        std::sort(xs.begin(), xs.end(),
                  [mid](qreal l, qreal r) { return std::abs(l - mid) < std::abs(r - mid); });
        for (const qreal x : xs) {
            const QPolygonF z{a, QPointF(x, a.y()), QPointF(x, b.y()), b};
            if (obstacles.clear(z))
                return orthogonal(z);
        }
    }
    // Round the boxes in the way: out of the port, along a level above or below them, and in.
    std::vector<qreal> levels;
    for (const QRectF &r : boxes)
        levels.insert(levels.end(), {r.top() - kClearance, r.bottom() + kClearance});
    for (const QRectF &r : obstacles.ends)
        levels.insert(levels.end(), {r.top() - 2 * kClearance, r.bottom() + 2 * kClearance});
    const qreal lane = this->lane();
    if (lane > 0)
        keepOffRuns(levels, lane);
    std::sort(levels.begin(), levels.end(), [&](qreal l, qreal r) {
        return std::abs(l - a.y()) + std::abs(l - b.y()) <
               std::abs(r - a.y()) + std::abs(r - b.y());
    });
    const QPolygonF detour = levelDetour(a, b, levels, obstacles, lane);
    return detour.isEmpty() ? smooth : orthogonal(detour);
}

void ConnectionItem::keepOffRuns(std::vector<qreal> &levels, qreal lane) const
{
    const auto *s = qobject_cast<const CanvasScene *>(scene());
    const ConnectionItem *opposite = s ? s->connectionItem({m_key.to, m_key.from}) : nullptr;
    if (!opposite)
        return;
    // The levels of its level runs (a detour's are straight and level).
    std::vector<qreal> runs;
    const QPolygonF &points = opposite->polyline();
    for (qsizetype i = 0; i + 1 < points.size(); ++i)
        if (points[i].y() == points[i + 1].y() && points[i].x() != points[i + 1].x())
            runs.push_back(points[i].y());
    const auto onRun = [&](qreal level) {
        return std::any_of(runs.begin(), runs.end(),
                           [&](qreal y) { return std::abs(level - y) < lane; });
    };
    // Each level, and `lane` above and below it (beside a run of the opposite one's there).
    std::vector<qreal> apart;
    for (const qreal level : levels)
        for (const qreal l : {level, level - lane, level + lane})
            if (!onRun(l))
                apart.push_back(l);
    levels = std::move(apart);
}

const ConnectionItem::Curve &ConnectionItem::curve() const
{
    if (m_curve)
        return *m_curve;
    m_curve = std::make_unique<Curve>();
    Curve &c = *m_curve;
    c.points = m_path.toSubpathPolygons().value(0);
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
    return c;
}

const QPolygonF &ConnectionItem::polyline() const
{
    return curve().points;
}

QPointF ConnectionItem::pointAlong(qreal fraction) const
{
    return along(curve().points, fraction);
}

bool ConnectionItem::adjust(bool roundBoxes)
{
    QPainterPath path = plain() || !roundBoxes ? route() : routeAroundBoxes();
    if (path == m_path && !m_path.isEmpty())
        return false; // a box moved nearby and the route stays: nothing to redraw
    invalidateBackground();
    prepareGeometryChange();
    // The curve is flattened when it is next drawn in detail. The bounds hold the stroke (at
    // most 14 px) and the arrow head: no flattening needed for them.
    m_curve.reset();
    m_detoured = !plain() && path != route();
    m_path = std::move(path);
    m_bounds = m_path.boundingRect().adjusted(-16, -16, 16, 16);
    invalidateBackground();
    return true;
}

void ConnectionItem::translate(QPointF delta)
{
    invalidateBackground();
    prepareGeometryChange();
    m_curve.reset();
    m_path.translate(delta);
    m_bounds.translate(delta);
    invalidateBackground();
    if (m_labelItem)
        m_labelItem->setPos(m_labelItem->pos() + delta);
}

bool ConnectionItem::passesThrough(const QRectF &rect) const
{
    if (!m_bounds.intersects(rect))
        return false;
    const QPolygonF &points = curve().points;
    for (qsizetype i = 0; i + 1 < points.size(); ++i)
        if (clipTo(QLineF(points[i], points[i + 1]), rect))
            return true;
    return false;
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

qreal ConnectionItem::pickWidth() const
{
    return std::max<qreal>(kMinPickWidth, penWidth() + 4);
}

QPainterPath ConnectionItem::shape() const
{
    // A little wider than the line, in scene units: the same for every view of the scene (it
    // read the first view's zoom, and a second view hit-tested at the first one's). What is at
    // least 8 px wide on a view's screen zoomed out is the view's own hit test
    // (CanvasView::connectionAt).
    QPainterPathStroker s;
    s.setWidth(pickWidth());
    s.setCapStyle(Qt::RoundCap); // a square cap reaches √2 × 16 past a diagonal line's end
    s.setJoinStyle(Qt::RoundJoin);
    if (plain()) {
        QPainterPath line(m_from->outPoint());
        line.lineTo(m_to->inPoint() - QPointF(6, 0));
        return s.createStroke(line);
    }
    return s.createStroke(m_path);
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
}

EdgeLabelItem::EdgeLabelItem(ConnectionItem *edge)
    : m_edge(edge)
{
    setZValue(kZ);
    setAcceptedMouseButtons(Qt::NoButton);
    setVisible(!edge->labelText().isEmpty());
}

QSizeF EdgeLabelItem::plateSize()
{
    // Room for the widest flow formatCount writes ("888.8k", "<0.01", "1000T") and "/s"; one
    // size for the editor's text and one for the projector's. The projector's text is 1.6 × as
    // wide: a plate for its widest flow did not fit between two boxes a template's 44 units apart
    // (tucked under their padding), and the labels of short edges went above the boxes, far from
    // their edges (QA). Its plate holds a three-figure flow ("888/s"); a wider one is drawn
    // smaller to fit (paint).
    const auto measure = [] {
        const QFontMetricsF fm(labelFont(QApplication::font()));
        static const QStringList editor{QStringLiteral("888.8k/s"), QStringLiteral("<0.01/s"),
                                        QStringLiteral("1000T/s"), QStringLiteral("8.8M/s")};
        static const QStringList projector{QStringLiteral("888/s")};
        qreal w = 0;
        for (const QString &sample : ComponentItem::projectorText() ? projector : editor)
            w = std::max(w, fm.horizontalAdvance(sample));
        // (The projector's with less room at the sides: centred on an edge that ends in an
        // arrow, its plate sits 3 units off the gap's middle.)
        const qreal sides = ComponentItem::projectorText() ? 6 : 8;
        return QSizeF(std::ceil(w) + sides, std::ceil(fm.height()) + 2);
    };
    static QSizeF sizes[2];
    QSizeF &size = sizes[ComponentItem::projectorText() ? 1 : 0];
    if (size.isEmpty())
        size = measure();
    return size;
}

qreal EdgeLabelItem::textRoom()
{
    // The projector's plate is a hair narrower than its sample's text: in the gap between two
    // boxes a template leaves (44 units), the text then stays clear of both.
    return plateSize().width() - (ComponentItem::projectorText() ? 8 : 5);
}

void EdgeLabelItem::setCrowded(bool crowded)
{
    m_crowded = crowded;
    setVisible(!crowded && !m_edge->labelText().isEmpty());
}

void EdgeLabelItem::textSizeChanged()
{
    prepareGeometryChange();
    update();
}

QRectF EdgeLabelItem::boundingRect() const
{
    const QSizeF s = plateSize();
    return QRectF(QPointF(-s.width() / 2, -s.height() / 2), s);
}

void EdgeLabelItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget)
{
    const QString &text = m_edge->labelText();
    if (text.isEmpty() || !painter->isActive() ||
        QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) <
            kDetailLevel)
        return;
    const CanvasColors col = canvasColors();
    // A plate of the canvas colour, so no stroke (its own or another's, a lesson's outline
    // passing behind it; QA) runs through the text.
    const QColor plate = col.background;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_edge->isSelected() ? col.selection : col.border, 0.8));
    painter->setBrush(plate);
    const QRectF r = boundingRect().adjusted(0.5, 0.5, -0.5, -0.5);
    painter->drawRoundedRect(r, 4, 4);
    // Not painter->font(): the view does not restore painter state between items. A text wider
    // than the plate (a projector's five-figure flow) is drawn smaller to fit it.
    QFont font = labelFont(widget ? widget->font() : QApplication::font());
    const qreal room = textRoom(), wide = QFontMetricsF(font).horizontalAdvance(text);
    if (wide > room && wide > 0)
        font.setPixelSize(std::max(7, int(font.pixelSize() * room / wide)));
    painter->setFont(font);
    painter->setPen(col.text);
    painter->drawText(r, Qt::AlignCenter, text);
}

} // namespace scui
