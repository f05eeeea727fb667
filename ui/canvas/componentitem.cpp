#include "componentitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/document.h"
#include "ui/numberformat.h"

#include <QApplication>
#include <QIcon>
#include <QPainter>
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

QRectF ComponentItem::boundingRect() const
{
    // Room for the bottleneck outline and the port handle.
    return QRectF(-4, -4, kWidth + 12, kHeight + 8);
}

QPainterPath ComponentItem::shape() const
{
    QPainterPath p;
    p.addRoundedRect(QRectF(0, 0, kWidth, kHeight), 8, 8);
    p.addEllipse(portRect());
    return p;
}

QRectF ComponentItem::portRect() { return QRectF(kWidth - 7, kHeight / 2 - 7, 14, 14); }

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
    update();
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

void ComponentItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const sc::Component *c = m_doc->component(m_id);
    if (!c)
        return;
    const CanvasColors col = canvasColors();
    const sc::ComponentResult *r = m_doc->result(m_id);
    const bool selected = option->state & QStyle::State_Selected;
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
    QFont f = painter->font();
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
        if (const sc::Model *m = m_doc->model())
            for (const sc::Issue &i : m->errors())
                if (QString::fromStdString(i.componentId) == m_id) {
                    msg = QString::fromStdString(i.message);
                    painter->setPen(col.red);
                    break;
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
