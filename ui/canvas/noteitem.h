#pragma once

#include "core/model/lesson.h"

#include <QGraphicsItem>
#include <QString>

#include <functional>

namespace scui {

// A note on the canvas (issue 17): a sticky note (a yellow card of its size) or free text (no
// card; its width wraps the text). It holds the note it was last synced with; a drag moves it, a
// drag of the corner handle of a selected note resizes it, a double click edits its text — each
// gesture is one undo step, through `commit` (the scene pushes ChangeNotes).
class NoteItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 6 };
    static constexpr qreal kHandle = 12;
    static constexpr qreal kMinWidth = 60, kMinHeight = 30;
    static constexpr qreal kPadding = 8;

    // What a gesture changed: the note after it, and the gesture's number (moves of one drag
    // merge into one step).
    using Commit = std::function<void(const sc::Note &note, int gesture)>;
    using Edit = std::function<void(const QString &id)>;
    NoteItem(const sc::Note &note, Commit commit, Edit edit);

    int type() const override { return Type; }
    QString id() const { return QString::fromStdString(m_note.id); }
    const sc::Note &note() const { return m_note; }
    void sync(const sc::Note &note);
    QRectF rect() const { return {0, 0, m_note.width, m_note.height}; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    bool onHandle(const QPointF &itemPos) const;

    sc::Note m_note;
    Commit m_commit;
    Edit m_edit;
    enum class Drag { None, Move, Resize } m_drag = Drag::None;
    QPointF m_pressScene;
    sc::Note m_start;
    int m_gesture = 0;
};

} // namespace scui
