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
    // In pixels, as every scene item's text: a size in points follows the device's resolution,
    // so a PDF page (1,200 dpi) drew this card's text several times too large for it.
    f.setPixelSize(ComponentItem::projectorText() ? 18 : 11); // 8.5 pt at 96 dpi, ×1.6
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
            if (p.fetchesFailing > 0)
                row += QObject::tr(" · no page: %1 of its fetches fail")
                           .arg(formatPercent(p.fetchesFailing));
            else if (p.pageMs > 0)
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

std::vector<QRectF> PopulationsItem::candidatePlaces(const QRectF &box, const QSizeF &card)
{
    const qreal below = box.bottom() + kGap, above = box.top() - kGap - card.height();
    const qreal alignRight = box.right() - card.width();
    return {QRectF(QPointF(box.left(), below), card),
            QRectF(QPointF(alignRight, below), card),
            QRectF(QPointF(box.left(), above), card),
            QRectF(QPointF(alignRight, above), card),
            QRectF(QPointF(box.left() - kGap - card.width(), box.top()), card),
            QRectF(QPointF(box.right() + kGap, box.top()), card)};
}

QPointF PopulationsItem::placeBeside(const QRectF &box, const QSizeF &card,
                                     const std::vector<QRectF> &obstacles)
{
    const std::vector<QRectF> places = candidatePlaces(box, card);
    QPointF best = places.front().topLeft();
    qreal least = -1;
    for (const QRectF &place : places) {
        // A little apart from the boxes, as the card is from its own.
        const QRectF around = place.adjusted(-4, -4, 4, 4);
        qreal covered = 0;
        for (const QRectF &o : obstacles) {
            const QRectF both = around.intersected(o);
            covered += both.width() * both.height();
        }
        if (covered == 0)
            return place.topLeft();
        if (least < 0 || covered < least) {
            least = covered;
            best = place.topLeft();
        }
    }
    return best;
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
