#pragma once

#include <QGraphicsItem>
#include <QString>

namespace scui {

class Document;

// One component on the canvas. Holds only its id: position, label and figures are re-read
// from the document on every sync and paint (items hold no domain state).
class ComponentItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr qreal kWidth = 176;
    static constexpr qreal kHeight = 104;

    ComponentItem(Document *doc, const QString &id);

    int type() const override { return Type; }
    QString id() const { return m_id; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

    // The figures as drawn on the box (empty strings when the design has errors).
    struct Figures {
        QString rps, latency, utilization, cost;
        bool overloaded = false, spof = false;
    };
    Figures figures() const;

    // Re-reads the position from the model.
    void sync();
    // The connection handle on the right edge, in item coordinates.
    static QRectF portRect();
    bool isOnPort(const QPointF &scenePos) const;
    QPointF outPoint() const { return pos() + QPointF(kWidth, kHeight / 2); }
    QPointF inPoint() const { return pos() + QPointF(0, kHeight / 2); }
    QRectF labelRect() const { return QRectF(36, 6, kWidth - 44, 18); }

private:
    Document *m_doc;
    QString m_id;
};

} // namespace scui
