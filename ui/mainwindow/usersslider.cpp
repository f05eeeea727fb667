#include "usersslider.h"

#include "ui/canvas/canvasstyle.h"

#include "core/analysis/limits.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace scui {
namespace {

constexpr int kTick = 5;    // a tick's height above and below the groove
constexpr int kHoverPx = 4; // how near the pointer must be to a tick to name it

} // namespace

UsersSlider::UsersSlider(QWidget *parent)
    : QSlider(Qt::Horizontal, parent)
{
    setMinimumHeight(sizeHint().height() + 2 * kTick);
}

double UsersSlider::decadeFrom(double users, int direction)
{
    if (direction > 0)
        return std::min(std::pow(10.0, std::floor(std::log10(users) + 1e-9) + 1), sc::kMaxUsers);
    return std::max(std::pow(10.0, std::ceil(std::log10(users) - 1e-9) - 1), sc::kMinUsers);
}

void UsersSlider::keyPressEvent(QKeyEvent *event)
{
    // A page of a log slider is a decade: its own page step moved 1/70 of the range.
    const int key = event->key();
    if ((key == Qt::Key_PageUp || key == Qt::Key_PageDown) &&
        event->modifiers() == Qt::NoModifier) {
        emit decadeStepped(key == Qt::Key_PageUp ? 1 : -1);
        event->accept();
        return;
    }
    QSlider::keyPressEvent(event);
}

void UsersSlider::setMarks(std::vector<Mark> marks)
{
    if (marks == m_marks)
        return;
    m_marks = std::move(marks);
    update();
}

int UsersSlider::xOf(int position) const
{
    QStyleOptionSlider opt;
    initStyleOption(&opt);
    const QRect groove =
        style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderGroove, this);
    const QRect handle =
        style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, this);
    const int span = groove.width() - handle.width();
    return groove.left() + handle.width() / 2 +
           QStyle::sliderPositionFromValue(minimum(), maximum(), position, span, opt.upsideDown);
}

const UsersSlider::Mark *UsersSlider::markAt(int x) const
{
    const Mark *best = nullptr;
    int bestDistance = kHoverPx + 1;
    for (const Mark &m : m_marks) {
        const int d = std::abs(xOf(m.position) - x);
        if (d < bestDistance || (d == bestDistance && best && m.full && !best->full)) {
            best = &m;
            bestDistance = d;
        }
    }
    return best;
}

void UsersSlider::paintEvent(QPaintEvent *event)
{
    QSlider::paintEvent(event);
    if (m_marks.empty())
        return;
    const CanvasColors c = canvasColors();
    QPainter p(this);
    const int mid = height() / 2;
    // Amber first, red over it: where both fall on one pixel, the saturation shows.
    for (bool full : {false, true}) {
        p.setPen(QPen(full ? c.red : c.amber, 2));
        for (const Mark &m : m_marks)
            if (m.full == full) {
                const int x = xOf(m.position);
                p.drawLine(x, 1, x, mid - 4);
                p.drawLine(x, mid + 4, x, height() - 2);
            }
    }
}

bool UsersSlider::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const Mark *m = markAt(help->pos().x())) {
            QToolTip::showText(help->globalPos(), m->text, this);
            return true;
        }
    }
    return QSlider::event(event);
}

} // namespace scui
