#include "noteitem.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"

#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace scui {
namespace {

int nextGesture()
{
    static int gesture = 1 << 20; // apart from the scene's own gesture numbers
    return ++gesture;
}

QFont noteFont()
{
    QFont f;
    f.setPixelSize(15); // 11 pt at 96 dpi; in pixels, so a PDF page draws it the same size
    return f;
}

} // namespace

NoteItem::NoteItem(const sc::Note &note, Commit commit, Edit edit)
    : m_note(note)
    , m_commit(std::move(commit))
    , m_edit(std::move(edit))
{
    setFlags(ItemIsSelectable);
    setZValue(5); // above the boxes' edges, below a box being dragged
    setPos(note.x, note.y);
    setToolTip(QObject::tr("Note: drag to move, double-click to edit"));
}

void NoteItem::sync(const sc::Note &note)
{
    if (note == m_note)
        return;
    prepareGeometryChange();
    m_note = note;
    setPos(note.x, note.y);
    update();
}

QRectF NoteItem::boundingRect() const
{
    return rect().adjusted(-3, -3, 3, 3);
}

void NoteItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const CanvasColors colors = canvasColors();
    const QRectF r = rect();
    if (m_note.kind == sc::Note::Kind::Sticky) {
        const QColor paper = colors.dark ? QColor(0x6b, 0x5d, 0x1c) : QColor(0xff, 0xf1, 0x9a);
        painter->setPen(QPen(colors.dark ? paper.lighter(140) : paper.darker(125), 1));
        painter->setBrush(paper);
        painter->drawRoundedRect(r, 3, 3);
    }
    painter->setFont(noteFont());
    painter->setPen(colors.text);
    painter->drawText(r.adjusted(kPadding, kPadding, -kPadding, -kPadding),
                      Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, displayText(m_note.text));
    if (isSelected()) {
        painter->setPen(QPen(colors.selection, 1.5, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(r);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors.selection);
        painter->drawRect(QRectF(r.bottomRight() - QPointF(kHandle, kHandle), r.bottomRight()));
    }
}

bool NoteItem::onHandle(const QPointF &itemPos) const
{
    const QRectF r = rect();
    return isSelected() &&
           QRectF(r.bottomRight() - QPointF(kHandle, kHandle), r.bottomRight()).contains(itemPos);
}

void NoteItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    // On a canvas that is a view (presenting) a note is selected, not moved or resized.
    const auto *canvas = qobject_cast<const CanvasScene *>(scene());
    m_drag = canvas && canvas->readOnly() ? Drag::None
             : onHandle(event->pos())     ? Drag::Resize
                                          : Drag::Move;
    m_pressScene = event->scenePos();
    m_start = m_note;
    m_gesture = nextGesture();
    if (!isSelected()) {
        if (!(event->modifiers() & Qt::ControlModifier) && scene())
            scene()->clearSelection();
        setSelected(true);
    }
    event->accept();
}

void NoteItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_drag == Drag::None)
        return;
    const QPointF d = event->scenePos() - m_pressScene;
    sc::Note n = m_start;
    if (m_drag == Drag::Move) {
        n.x = std::round(m_start.x + d.x());
        n.y = std::round(m_start.y + d.y());
    } else {
        n.width = std::round(std::max(kMinWidth, m_start.width + d.x()));
        n.height = std::round(std::max(kMinHeight, m_start.height + d.y()));
    }
    if (!(n == m_note))
        m_commit(n, m_gesture);
}

void NoteItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *)
{
    m_drag = Drag::None;
}

void NoteItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    m_drag = Drag::None;
    m_edit(id());
    event->accept();
}

} // namespace scui
