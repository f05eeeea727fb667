#include "welcomeoverlay.h"

#include "ui/canvas/canvasstyle.h"

#include <QDragEnterEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

namespace scui {

WelcomeOverlay::WelcomeOverlay(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("welcomeOverlay"));
    setAcceptDrops(true);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(22, 18, 22, 18);
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(8);

    auto *title = new QLabel(tr("Start a design"));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    title->setFont(big);
    grid->addWidget(title, 0, 0, 1, 2);

    int row = 1;
    const auto add = [&](const char *name, const QString &text, const QString &what,
                         void (WelcomeOverlay::*signal)()) {
        auto *button = new QPushButton(text);
        button->setObjectName(QString::fromLatin1(name));
        button->setCursor(Qt::PointingHandCursor);
        connect(button, &QPushButton::clicked, this, signal);
        auto *label = new QLabel(what);
        label->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(button, row, 0);
        grid->addWidget(label, row, 1);
        ++row;
    };
    add("welcomeTemplate", tr("New from Template…"),
        tr("A worked design, from one server to ten million users"),
        &WelcomeOverlay::templateRequested);
    add("welcomeLesson", tr("Scaling Ladder Lesson"),
        tr("Step through where each stage breaks and what it costs"),
        &WelcomeOverlay::lessonRequested);
    add("welcomeOpen", tr("Open…"), tr("A .scalecanvas file of your own"),
        &WelcomeOverlay::openRequested);

    auto *hint = new QLabel(tr("Or drag a component from the palette onto the canvas (a "
                               "double-click adds it here),\nthen drag from a box's port on its "
                               "right edge to another box to wire them."));
    hint->setObjectName(QStringLiteral("welcomeHint"));
    grid->addWidget(hint, row, 0, 1, 2);
    grid->setRowMinimumHeight(row, hint->sizeHint().height() + 8);
    hint->setAlignment(Qt::AlignLeft | Qt::AlignBottom);
    adjustSize();
}

void WelcomeOverlay::placeOver(const QRect &area)
{
    adjustSize();
    const QSize s = size().boundedTo(area.size());
    resize(s);
    move(area.center() - QPoint(s.width() / 2, s.height() / 2));
}

void WelcomeOverlay::paintEvent(QPaintEvent *)
{
    // A card in the colours of the boxes on the canvas, as the legend's tab is.
    const CanvasColors col = canvasColors();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(col.border, 1));
    p.setBrush(col.box);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
}

void WelcomeOverlay::dragEnterEvent(QDragEnterEvent *event)
{
    hide();
    event->ignore();
}

} // namespace scui
