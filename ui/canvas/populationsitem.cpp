#include "populationsitem.h"

#include "canvasstyle.h"
#include "componentitem.h"
#include "ui/numberformat.h"

#include "core/analysis/model.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace scui {
namespace {

constexpr qreal kPadding = 8;
constexpr qreal kLineGap = 2;

QFont cardFont(bool title)
{
    QFont f;
    f.setPointSizeF(ComponentItem::projectorText() ? 8.5 * 1.6 : 8.5); // as the boxes' text
    f.setBold(title);
    return f;
}

QString titleText()
{
    return QObject::tr("Users by place");
}

} // namespace

PopulationsItem::PopulationsItem(QGraphicsItem *clientsBox)
    : QGraphicsObject(clientsBox)
{
    setPos(0, ComponentItem::kHeight + kGap);
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(-1);
}

QStringList PopulationsItem::rowsOf(const std::vector<sc::PopulationResult> &populations)
{
    QStringList rows;
    for (const sc::PopulationResult &p : populations) {
        QString row = displayText(p.name) + QStringLiteral("  ") + formatPercent(p.share) +
                      QStringLiteral("  ");
        if (p.latency.valid) {
            row += QObject::tr("p99 %1").arg(formatLatency(p.latency.p99));
            if (p.pageMs > 0)
                row += QObject::tr(" · page %1 mean").arg(formatLatency(p.pageMs));
        } else {
            row += QObject::tr("overloaded");
        }
        row += QStringLiteral(" · ") + formatMonthly(p.monthlyCostUsd);
        rows.push_back(row);
    }
    return rows;
}

void PopulationsItem::setRows(const QStringList &rows)
{
    if (rows == m_rows && m_projector == ComponentItem::projectorText())
        return;
    m_projector = ComponentItem::projectorText();
    prepareGeometryChange();
    m_rows = rows;
    const QFontMetricsF title(cardFont(true)), body(cardFont(false));
    qreal width = title.horizontalAdvance(titleText());
    for (const QString &r : rows)
        width = std::max(width, body.horizontalAdvance(r));
    m_size = QSizeF(width + 2 * kPadding,
                    2 * kPadding + title.height() + rows.size() * (body.height() + kLineGap));
    update();
}

QRectF PopulationsItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_size).adjusted(-1, -1, 1, 1);
}

void PopulationsItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const CanvasColors c = canvasColors();
    const QRectF r(QPointF(0, 0), m_size);
    painter->setPen(QPen(c.border, 1));
    painter->setBrush(c.box);
    if (QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) <
        kDetailLevel) {
        painter->drawRect(r); // unreadable this small: the card's shape only
        return;
    }
    Q_UNUSED(option);
    painter->drawRoundedRect(r, 4, 4);
    const QFont title = cardFont(true), body = cardFont(false);
    qreal y = kPadding;
    painter->setPen(c.text);
    painter->setFont(title);
    const qreal titleHeight = QFontMetricsF(title).height();
    painter->drawText(QRectF(kPadding, y, r.width() - 2 * kPadding, titleHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, titleText());
    y += titleHeight;
    painter->setFont(body);
    const qreal lineHeight = QFontMetricsF(body).height();
    for (const QString &row : m_rows) {
        painter->drawText(QRectF(kPadding, y, r.width() - 2 * kPadding, lineHeight),
                          Qt::AlignLeft | Qt::AlignVCenter, row);
        y += lineHeight + kLineGap;
    }
}

} // namespace scui
