#pragma once

#include "core/model/design.h"

#include <QFont>
#include <QGraphicsItem>
#include <QString>

namespace scui {

// A region or availability zone, drawn behind the boxes: a labelled, translucent frame. It holds
// no state of its own but the group it was last synced with (the model's); it is grabbed by its
// title strip and its border, so a click or a rubber band inside it reaches the canvas, and
// resized by the handles at its corners when selected. Edits go through the scene as commands.
class GroupItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };
    // The strip along the top that holds the title: grabbing it moves the group.
    static constexpr qreal kTitleHeight = 26;
    static constexpr qreal kBorderGrab = 6;
    static constexpr qreal kHandle = 9; // side of a corner handle at 1:1
    // The smallest a group may be resized to.
    static constexpr qreal kMinWidth = 120, kMinHeight = 80;

    explicit GroupItem(const sc::Group &group);
    int type() const override { return Type; }
    QString id() const { return QString::fromStdString(m_group.id); }
    const sc::Group &group() const { return m_group; }
    bool isRegion() const { return m_group.kind == "region"; }
    QRectF rect() const { return {m_group.x, m_group.y, m_group.width, m_group.height}; }
    void sync(const sc::Group &group);
    // What the title says: "Region eu-west · Frankfurt", "Zone a".
    QString title() const;
    // The words of the title before its label ("Region ", "Zone "): an in-place rename edits
    // the label after them.
    QString titlePrefix() const;
    // The font the title is drawn in.
    static QFont titleFont(const QFont &base);

    // The corner whose handle is under `scenePos` (0 top-left, 1 top-right, 2 bottom-right,
    // 3 bottom-left), -1 for none; only a selected group has handles.
    int handleAt(const QPointF &scenePos, qreal zoom) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    sc::Group m_group;
};

} // namespace scui
