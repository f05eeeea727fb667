#include "componentitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/document.h"
#include "ui/numberformat.h"

#include <QApplication>
#include <QIcon>
#include <QPaintEngine>
#include <QPainter>
#include <QPixmapCache>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace scui {

ComponentItem::ComponentItem(Document *doc, const QString &id)
    : m_doc(doc)
    , m_id(id)
{
    setFlags(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(1);
    sync();
}

ComponentItem::~ComponentItem()
{
    if (m_detail)
        QPixmapCache::remove(m_detail->key);
}

QRectF ComponentItem::boundingRect() const
{
    // Room for the bottleneck outline and the port handle.
    return QRectF(-4, -4, kWidth + 12, kHeight + 8);
}

QPainterPath ComponentItem::shape() const
{
    // The same for every box: built once (hit tests and rubber bands ask often).
    static const QPainterPath path = [] {
        QPainterPath p;
        p.addRoundedRect(QRectF(0, 0, kWidth, kHeight), 8, 8);
        p.addEllipse(portRect());
        return p;
    }();
    return path;
}

QRectF ComponentItem::portRect()
{
    return QRectF(kWidth - 7, kHeight / 2 - 7, 14, 14);
}

bool ComponentItem::isOnPort(const QPointF &scenePos) const
{
    return portRect().adjusted(-3, -3, 3, 3).contains(mapFromScene(scenePos));
}

void ComponentItem::sync()
{
    if (const sc::Component *c = m_doc->component(m_id)) {
        const QPointF p(c->position.x, c->position.y);
        if (p != pos())
            setPos(p);
    }
    if (!m_detail) {
        // Never drawn in detail: nothing cached to keep; the look is read when it is.
        m_stale = true;
        update();
        return;
    }
    // New figures arrive for every component after every edit and every step of the users
    // slider, and often read the same as before: then the box keeps its cached picture and
    // asks for no repaint.
    if (refreshLook())
        update();
}

bool ComponentItem::refreshLook()
{
    m_stale = false;
    if (!m_detail)
        m_detail = std::make_unique<Detail>();
    Look look = readLook();
    if (m_detail->version > 0 && look == m_detail->look)
        return false;
    m_detail->look = std::move(look);
    ++m_detail->version;
    QPixmapCache::remove(m_detail->key);
    m_detail->key = {};
    return true;
}

QString ComponentItem::fault() const
{
    if (const sc::Model *m = m_doc->model())
        for (const sc::Issue &i : m->errors())
            if (QString::fromStdString(i.componentId) == m_id)
                return displayText(i.message);
    return {};
}

ComponentItem::Look ComponentItem::readLook() const
{
    Look l;
    const sc::Component *c = m_doc->component(m_id);
    if (!c)
        return l;
    l.kind = c->kind;
    l.label = displayText(c->label);
    const sc::ComponentResult *r = m_doc->result(m_id);
    l.sub = QString::fromStdString(std::string(sc::kindTitle(c->kind)));
    if (r && sc::isInstanceBased(c->kind) && !sc::isManagedKind(c->kind, c->flag("managed")) &&
        r->instances > 0)
        l.sub = QStringLiteral("%1 × %2").arg(formatCount(r->instances),
                                              displayText(c->text("instanceType")));
    l.fault = fault();
    l.bottleneck = m_doc->isBottleneck(m_id);
    if (!r)
        return l;
    l.hasFigures = true;
    l.figures = figures();
    l.station = r->station;
    l.showLatency = r->overloaded || r->station || r->meanLatencyMs > 0;
    if (r->station) {
        const double u = std::isfinite(r->utilization) ? r->utilization : 1.0;
        l.tone = utilizationTone(u);
        l.bar = int(std::lround(std::clamp(u, 0.0, 1.0) * 1024));
        if (u > 0 && l.bar == 0)
            l.bar = 1; // a sliver still shows (paint draws at least 2 px)
    }
    return l;
}

ComponentItem::Figures ComponentItem::figures() const
{
    Figures f;
    const sc::ComponentResult *r = m_doc->result(m_id);
    if (!r)
        return f;
    f.rps = formatRps(r->arrivalRps);
    f.overloaded = r->overloaded;
    f.spof = r->spof;
    if (r->overloaded)
        f.latency = QObject::tr("overloaded");
    else if (r->station || r->meanLatencyMs > 0)
        f.latency = formatLatency(r->meanLatencyMs);
    f.utilization = r->station ? formatPercent(std::isfinite(r->utilization) ? r->utilization : 1.0)
                               : QObject::tr("no capacity limit");
    f.cost = formatMonthly(r->monthlyCostUsd);
    return f;
}

void ComponentItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                          QWidget *widget)
{
    if (!m_doc->component(m_id) || !painter->isActive())
        return; // no painting through a painter that never started (a failed export image)
    const CanvasColors col = canvasColors();
    const bool selected = option->state & QStyle::State_Selected;
    const QRectF box(0, 0, kWidth, kHeight);

    if (QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) <
        kDetailLevel) {
        // Too small to read: a plain block in the utilization colour (selection, errors and
        // the bottleneck stay visible), no text, no icon, no antialiasing. Read straight from
        // the document: the look's text is not needed.
        const sc::ComponentResult *r = m_doc->result(m_id);
        QColor fill = col.border;
        if (selected)
            fill = col.selection;
        else if (!r)
            fill = fault().isEmpty() ? col.dim : col.red;
        else if (m_doc->isBottleneck(m_id))
            fill = col.bottleneck;
        else if (r->station)
            fill = utilizationColor(std::isfinite(r->utilization) ? r->utilization : 1.0, col);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->fillRect(box, fill);
        return;
    }
    if (!m_detail || m_stale)
        refreshLook();
    Detail &d = *m_detail;

    // On screen the box (text, an SVG icon, rounded shapes) is drawn once per zoom level and
    // change into a pixmap, then blitted: panning and dragging only translate it. Not
    // QGraphicsItem::DeviceCoordinateCache: that would put pixmaps into SVG and PDF exports
    // too; they render without a widget and get vectors.
    const QTransform world = painter->worldTransform();
    if (!widget || world.type() > QTransform::TxScale ||
        painter->paintEngine()->type() != QPaintEngine::Raster) {
        paintFrame(painter, selected);
        paintContent(painter, widget);
        return;
    }
    const qreal dpr = painter->device()->devicePixelRatio();
    const QRectF bounds = boundingRect();
    const Picture wanted{d.version, world.m11(), selected, QApplication::palette().cacheKey()};
    // Whole device pixels, so the blits are plain copies with no resampling.
    const QPointF topLeft = world.map(bounds.topLeft());
    const QPointF at(std::round(topLeft.x()), std::round(topLeft.y()));
    QPixmap pixmap;
    if (d.cached == wanted && QPixmapCache::find(d.key, &pixmap)) {
        painter->setWorldTransform(QTransform());
        painter->drawPixmap(at, pixmap);
        painter->setWorldTransform(world);
        return;
    }
    // The frame, icon and port are the same for every box of a kind and state: drawn once
    // (rounded, antialiased shapes are the slow part of a box) and copied.
    const QString frameKey =
        QStringLiteral("scalecanvas/box/%1/%2/%3/%4/%5/%6")
            .arg(world.m11())
            .arg(dpr)
            .arg(wanted.palette)
            .arg(int(d.look.kind))
            .arg(int(selected))
            .arg(int(d.look.bottleneck) * 2 + int(d.look.hasFigures && d.look.station));
    // A painter on a picture of the box at this zoom, in item coordinates.
    auto drawOn = [&](QPixmap &picture, const auto &paint) {
        QPainter p(&picture);
        p.setRenderHints(painter->renderHints());
        p.scale(world.m11(), world.m22());
        p.translate(-bounds.topLeft());
        paint(&p);
    };
    QPixmap frame;
    if (!QPixmapCache::find(frameKey, &frame)) {
        frame = QPixmap(QSize(int(std::ceil(bounds.width() * world.m11() * dpr)),
                              int(std::ceil(bounds.height() * world.m22() * dpr))));
        frame.setDevicePixelRatio(dpr);
        frame.fill(Qt::transparent);
        drawOn(frame, [&](QPainter *p) { paintFrame(p, selected); });
        QPixmapCache::insert(frameKey, frame);
    }
    if (d.drawn != wanted) {
        // The first time a look is shown it is drawn straight onto the view: new figures
        // often replace it before it is shown again (the users slider), and a picture made
        // for one frame costs more than it saves. Positioned exactly as the picture would be.
        d.drawn = wanted;
        painter->setWorldTransform(QTransform());
        painter->drawPixmap(at, frame);
        painter->setWorldTransform(QTransform::fromTranslate(at.x(), at.y())
                                       .scale(world.m11(), world.m22())
                                       .translate(-bounds.left(), -bounds.top()));
        paintContent(painter, widget);
        painter->setWorldTransform(world);
        return;
    }
    pixmap = frame.copy();
    drawOn(pixmap, [&](QPainter *p) { paintContent(p, widget); });
    QPixmapCache::remove(d.key);
    d.key = QPixmapCache::insert(pixmap); // LRU-bounded: no memory kept per item
    d.cached = wanted;
    painter->setWorldTransform(QTransform());
    painter->drawPixmap(at, pixmap);
    painter->setWorldTransform(world);
}

void ComponentItem::paintFrame(QPainter *painter, bool selected) const
{
    const Look &look = m_detail->look;
    const CanvasColors col = canvasColors();
    const QRectF box(0, 0, kWidth, kHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    // Bottleneck: a thick outline outside the box; selection: the highlight colour.
    if (look.bottleneck) {
        painter->setPen(QPen(col.bottleneck, 3.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(-2, -2, 2, 2), 10, 10);
    }
    painter->setPen(QPen(selected ? col.selection : col.border, selected ? 2.2 : 1));
    painter->setBrush(col.box);
    painter->drawRoundedRect(box, 8, 8);
    kindIcon(look.kind).paint(painter, QRect(8, 8, 24, 24));
    if (look.hasFigures && look.station) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(col.barTrack);
        painter->drawRoundedRect(barRect(), 3, 3);
    }
    // Port handle.
    painter->setPen(QPen(col.border, 1.2));
    painter->setBrush(col.port);
    painter->drawEllipse(portRect().adjusted(2, 2, -2, -2));
}

void ComponentItem::paintContent(QPainter *painter, QWidget *widget) const
{
    const Look &look = m_detail->look;
    Detail &d = *m_detail;
    const CanvasColors col = canvasColors();
    painter->setRenderHint(QPainter::Antialiasing);
    // Header: label, instances. Not painter->font(): the view does not restore painter state
    // between items.
    QFont f = widget ? widget->font() : QApplication::font();
    f.setPixelSize(14);
    f.setBold(true);
    QFont small = f;
    small.setBold(false);
    small.setPixelSize(11);
    // Measuring text to elide it costs as much as drawing it: done once per text and font.
    if (d.fullLabel != look.label || d.fullSub != look.sub || d.font != f) {
        d.fullLabel = look.label;
        d.fullSub = look.sub;
        d.font = f;
        d.label = QFontMetricsF(f).elidedText(look.label, Qt::ElideRight, labelRect().width());
        d.sub = QFontMetricsF(small).elidedText(look.sub, Qt::ElideRight, kWidth - 44);
    }
    painter->setFont(f);
    painter->setPen(col.text);
    painter->drawText(labelRect(), Qt::AlignLeft | Qt::AlignVCenter, d.label);
    painter->setFont(small);
    painter->setPen(col.dim);
    painter->drawText(QRectF(36, 23, kWidth - 44, 14), Qt::AlignLeft | Qt::AlignVCenter, d.sub);

    QFont fig = small;
    fig.setPixelSize(13);
    painter->setFont(fig);
    const QRectF row1(8, 42, kWidth - 16, 16);
    const QRectF row3(8, 82, kWidth - 16, 16);
    if (!look.hasFigures) {
        // The component at fault says why in red; the others only that figures are missing.
        painter->setPen(look.fault.isEmpty() ? col.dim : col.red);
        painter->drawText(QRectF(8, 42, kWidth - 16, 56), Qt::TextWordWrap,
                          look.fault.isEmpty() ? QObject::tr("no figures: the design has an error")
                                               : look.fault);
        return;
    }
    const Figures &figs = look.figures;
    // Row 1: arrival rate, latency.
    painter->setPen(col.text);
    painter->drawText(row1, Qt::AlignLeft | Qt::AlignVCenter, figs.rps);
    if (figs.overloaded) {
        QFont b = fig;
        b.setBold(true);
        painter->setFont(b);
        painter->setPen(col.red);
        painter->drawText(row1, Qt::AlignRight | Qt::AlignVCenter, figs.latency);
        painter->setFont(fig);
    } else if (look.showLatency) {
        painter->setPen(col.dim);
        painter->drawText(row1, Qt::AlignRight | Qt::AlignVCenter, figs.latency);
    }
    // Row 2: utilization bar (its track is in the frame); components without a capacity say
    // so instead.
    if (look.station) {
        const QRectF bar = barRect();
        QRectF done = bar;
        done.setWidth(bar.width() * look.bar / 1024);
        if (look.bar > 0 && done.width() < 2)
            done.setWidth(2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(toneColor(look.tone, col));
        painter->drawRoundedRect(done, 3, 3);
        painter->setPen(look.tone >= 2 ? col.red : col.text);
        painter->drawText(QRectF(bar.right() + 2, 59, kWidth - bar.right() - 12, 20),
                          Qt::AlignRight | Qt::AlignVCenter, figs.utilization);
    } else {
        painter->setFont(small);
        painter->setPen(col.dim);
        painter->drawText(QRectF(8, 59, kWidth - 20, 20), Qt::AlignLeft | Qt::AlignVCenter,
                          QObject::tr("no capacity limit"));
        painter->setFont(fig);
    }
    // Row 3: cost, SPOF badge.
    painter->setPen(col.text);
    painter->drawText(row3, Qt::AlignLeft | Qt::AlignVCenter, figs.cost);
    if (figs.spof) {
        QFont b = small;
        b.setBold(true);
        b.setPixelSize(10);
        painter->setFont(b);
        const QRectF badge(kWidth - 50, 83, 40, 15);
        painter->setPen(Qt::NoPen);
        painter->setBrush(col.red);
        painter->drawRoundedRect(badge, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, QStringLiteral("SPOF"));
    }
}

} // namespace scui
