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

ComponentItem::~ComponentItem() { QPixmapCache::remove(m_cacheKey); }

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

QRectF ComponentItem::portRect() { return QRectF(kWidth - 7, kHeight / 2 - 7, 14, 14); }

bool ComponentItem::isOnPort(const QPointF &scenePos) const
{
    return portRect().adjusted(-3, -3, 3, 3).contains(mapFromScene(scenePos));
}

void ComponentItem::sync()
{
    // Label, parameters or figures may have changed: the cached picture is stale.
    QPixmapCache::remove(m_cacheKey);
    m_cacheKey = {};
    if (const sc::Component *c = m_doc->component(m_id)) {
        const QPointF p(c->position.x, c->position.y);
        if (p != pos())
            setPos(p);
    }
    update();
}

const sc::Issue *ComponentItem::fault() const
{
    if (const sc::Model *m = m_doc->model())
        for (const sc::Issue &i : m->errors())
            if (QString::fromStdString(i.componentId) == m_id)
                return &i;
    return nullptr;
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
    const sc::Component *c = m_doc->component(m_id);
    if (!c)
        return;
    const CanvasColors col = canvasColors();
    const sc::ComponentResult *r = m_doc->result(m_id);
    const bool selected = option->state & QStyle::State_Selected;
    const QRectF box(0, 0, kWidth, kHeight);

    if (QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) <
        kDetailLevel) {
        // Too small to read: a plain block in the utilization colour (selection, errors and
        // the bottleneck stay visible), no text, no icon, no antialiasing.
        QColor fill = col.border;
        if (selected)
            fill = col.selection;
        else if (!r)
            fill = fault() ? col.red : col.dim;
        else if (m_doc->isBottleneck(m_id))
            fill = col.bottleneck;
        else if (r->station)
            fill = utilizationColor(std::isfinite(r->utilization) ? r->utilization : 1.0, col);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->fillRect(box, fill);
        return;
    }

    // On screen the box (text, an SVG icon, rounded shapes) is drawn once per zoom level and
    // change into a pixmap, then blitted: panning and dragging only translate it. Not
    // QGraphicsItem::DeviceCoordinateCache: that would put pixmaps into SVG and PDF exports
    // too; they render without a widget and get vectors.
    const QTransform world = painter->worldTransform();
    if (!widget || world.type() > QTransform::TxScale ||
        painter->paintEngine()->type() != QPaintEngine::Raster) {
        paintBox(painter, selected, widget);
        return;
    }
    const qreal dpr = painter->device()->devicePixelRatio();
    const QRectF bounds = boundingRect();
    const QSize size(int(std::ceil(bounds.width() * world.m11() * dpr)),
                     int(std::ceil(bounds.height() * world.m22() * dpr)));
    const qint64 palette = QApplication::palette().cacheKey();
    QPixmap pixmap;
    if (m_cacheScale != world.m11() || m_cacheSelected != selected || m_cachePalette != palette ||
        !QPixmapCache::find(m_cacheKey, &pixmap)) {
        pixmap = QPixmap(size);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHints(painter->renderHints());
        p.scale(world.m11(), world.m22());
        p.translate(-bounds.topLeft());
        paintBox(&p, selected, widget);
        p.end();
        QPixmapCache::remove(m_cacheKey);
        m_cacheKey = QPixmapCache::insert(pixmap); // LRU-bounded: no memory kept per item
        m_cacheScale = world.m11();
        m_cacheSelected = selected;
        m_cachePalette = palette;
    }
    // Whole device pixels, so the blit is a plain copy with no resampling.
    const QPointF topLeft = world.map(bounds.topLeft());
    painter->setWorldTransform(QTransform());
    painter->drawPixmap(QPointF(std::round(topLeft.x()), std::round(topLeft.y())), pixmap);
    painter->setWorldTransform(world);
}

void ComponentItem::paintBox(QPainter *painter, bool selected, QWidget *widget) const
{
    const sc::Component *c = m_doc->component(m_id);
    const CanvasColors col = canvasColors();
    const sc::ComponentResult *r = m_doc->result(m_id);
    const QRectF box(0, 0, kWidth, kHeight);

    painter->setRenderHint(QPainter::Antialiasing);
    // Bottleneck: a thick outline outside the box; selection: the highlight colour.
    if (m_doc->isBottleneck(m_id)) {
        painter->setPen(QPen(col.bottleneck, 3.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(-2, -2, 2, 2), 10, 10);
    }
    painter->setPen(QPen(selected ? col.selection : col.border, selected ? 2.2 : 1));
    painter->setBrush(col.box);
    painter->drawRoundedRect(box, 8, 8);

    // Header: icon, label, instances.
    kindIcon(c->kind).paint(painter, QRect(8, 8, 24, 24));
    // Not painter->font(): the view does not restore painter state between items.
    QFont f = widget ? widget->font() : QApplication::font();
    f.setPixelSize(14);
    f.setBold(true);
    painter->setFont(f);
    painter->setPen(col.text);
    const QFontMetricsF fm(f);
    painter->drawText(labelRect(), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(QString::fromStdString(c->label), Qt::ElideRight,
                                    labelRect().width()));
    QFont small = f;
    small.setBold(false);
    small.setPixelSize(11);
    painter->setFont(small);
    const QFontMetricsF sm(small);
    painter->setPen(col.dim);
    QString sub = QString::fromStdString(std::string(sc::kindTitle(c->kind)));
    if (r && sc::isInstanceBased(c->kind) && r->instances > 0) {
        const std::string type = c->text("instanceType");
        sub = QStringLiteral("%1 × %2").arg(formatCount(r->instances),
                                             QString::fromStdString(type));
    }
    painter->drawText(QRectF(36, 23, kWidth - 44, 14), Qt::AlignLeft | Qt::AlignVCenter,
                      sm.elidedText(sub, Qt::ElideRight, kWidth - 44));

    QFont fig = small;
    fig.setPixelSize(13);
    painter->setFont(fig);
    const QRectF row1(8, 42, kWidth - 16, 16);
    const QRectF row3(8, 82, kWidth - 16, 16);
    if (!r) {
        // The component at fault says why in red; the others only that figures are missing.
        painter->setPen(col.dim);
        QString msg = QObject::tr("no figures: the design has an error");
        if (const sc::Issue *i = fault()) {
            msg = QString::fromStdString(i->message);
            painter->setPen(col.red);
        }
        painter->drawText(QRectF(8, 42, kWidth - 16, 56), Qt::TextWordWrap, msg);
    } else {
        // Row 1: arrival rate, latency.
        painter->setPen(col.text);
        const Figures figs = figures();
        painter->drawText(row1, Qt::AlignLeft | Qt::AlignVCenter, figs.rps);
        if (r->overloaded) {
            QFont b = fig;
            b.setBold(true);
            painter->setFont(b);
            painter->setPen(col.red);
            painter->drawText(row1, Qt::AlignRight | Qt::AlignVCenter, figs.latency);
            painter->setFont(fig);
        } else if (r->station || r->meanLatencyMs > 0) {
            painter->setPen(col.dim);
            painter->drawText(row1, Qt::AlignRight | Qt::AlignVCenter, figs.latency);
        }
        // Row 2: utilization bar; components without a capacity say so instead.
        if (r->station) {
            const QRectF bar(8, 64, kWidth - 62, 10);
            painter->setPen(Qt::NoPen);
            painter->setBrush(col.barTrack);
            painter->drawRoundedRect(bar, 3, 3);
            const double u = std::isfinite(r->utilization) ? r->utilization : 1.0;
            QRectF done = bar;
            done.setWidth(bar.width() * std::clamp(u, 0.0, 1.0));
            if (u > 0 && done.width() < 2)
                done.setWidth(2);
            painter->setBrush(utilizationColor(u, col));
            painter->drawRoundedRect(done, 3, 3);
            painter->setPen(u >= 0.9 ? col.red : col.text);
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
        if (r->spof) {
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

    // Port handle.
    painter->setPen(QPen(col.border, 1.2));
    painter->setBrush(col.port);
    painter->drawEllipse(portRect().adjusted(2, 2, -2, -2));
}

} // namespace scui
