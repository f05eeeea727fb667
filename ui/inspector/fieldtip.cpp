#include "fieldtip.h"

#include <QApplication>
#include <QScrollArea>
#include <QScrollBar>

#include <algorithm>

namespace scui {

FieldTip::FieldTip(QWidget *host, QScrollArea *scroll)
    : QLabel(host) // not in the host's layout: placed by showAt
{
    setObjectName(QStringLiteral("inspectorFieldTip"));
    setWordWrap(true);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setForegroundRole(QPalette::ToolTipText);
    setBackgroundRole(QPalette::ToolTipBase);
    setAutoFillBackground(true);
    setFrameShape(QFrame::Box);
    setMargin(3);
    hide();
    connect(scroll->verticalScrollBar(), &QScrollBar::valueChanged, this, &FieldTip::dismiss);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        // (A spin box's line edit and the box itself are one field.)
        if (m_field && now != m_field && !m_field->isAncestorOf(now) &&
            !(now && now->isAncestorOf(m_field)))
            dismiss();
    });
}

void FieldTip::showAt(QWidget *field, const QString &text)
{
    m_field = field;
    setText(text);
    QWidget *host = parentWidget();
    setFixedWidth(
        std::min(std::max(120, host->width() - 12), fontMetrics().horizontalAdvance(text) + 16));
    setFixedHeight(heightForWidth(width()));
    // Under the field, or over it where the host ends below it (review: a field at the foot of a
    // scrolled page had its tip cut off).
    const QPoint at = field->mapTo(host, QPoint(0, 0));
    int y = at.y() + field->height() + 2;
    if (y + height() > host->height() - 2)
        y = std::max(0, at.y() - height() - 2);
    move(std::clamp(at.x(), 6, std::max(6, host->width() - width() - 6)), y);
    show();
    raise();
}

void FieldTip::dismiss()
{
    m_field = nullptr;
    if (!isVisible())
        return;
    hide();
    if (m_gone)
        m_gone();
}

} // namespace scui
