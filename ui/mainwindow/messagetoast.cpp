#include "messagetoast.h"

#include "ui/canvas/canvasstyle.h"

#include <QPainter>

namespace scui {
namespace {
constexpr int kMargin = 12;  // from the viewport's bottom and sides
constexpr int kPadding = 10; // inside the card
} // namespace

MessageToast::MessageToast(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("statusMessage"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setContentsMargins(kPadding, kPadding / 2, kPadding, kPadding / 2);
    setTextFormat(Qt::PlainText);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MessageToast::clear);
    hide();
}

void MessageToast::showMessage(const QString &text, int ms, const QRect &area)
{
    if (text.isEmpty()) {
        clear();
        return;
    }
    m_message = text;
    placeOver(area);
    show();
    raise();
    if (ms > 0)
        m_timer.start(ms);
    else
        m_timer.stop();
}

void MessageToast::clear()
{
    m_timer.stop();
    m_message.clear();
    hide();
}

void MessageToast::placeOver(const QRect &area)
{
    // As wide as its text, at most the canvas's width less the margins: elided beyond that.
    const QMargins m = contentsMargins();
    const int room = std::max(0, area.width() - 2 * kMargin - m.left() - m.right());
    setText(fontMetrics().elidedText(m_message, Qt::ElideMiddle, room));
    setToolTip(text() == m_message ? QString() : m_message);
    const QSize s = sizeHint().boundedTo(area.size());
    resize(s);
    move(area.left() + (area.width() - s.width()) / 2, area.bottom() - kMargin - s.height());
}

void MessageToast::paintEvent(QPaintEvent *event)
{
    // A card in the colours of the boxes, as the welcome card and the legend's tab are.
    const CanvasColors col = canvasColors();
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(col.border, 1));
        p.setBrush(col.box);
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    }
    QLabel::paintEvent(event);
}

} // namespace scui
