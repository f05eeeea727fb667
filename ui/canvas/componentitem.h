#pragma once

#include <QGraphicsItem>
#include <QPixmapCache>
#include <QString>

namespace sc {
struct Issue;
}

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
    ~ComponentItem() override;

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

    // Re-reads the position from the model and repaints (figures, label and state included).
    void sync();
    // The connection handle on the right edge, in item coordinates.
    static QRectF portRect();
    bool isOnPort(const QPointF &scenePos) const;
    QPointF outPoint() const { return pos() + QPointF(kWidth, kHeight / 2); }
    QPointF inPoint() const { return pos() + QPointF(0, kHeight / 2); }
    QRectF labelRect() const { return QRectF(36, 6, kWidth - 44, 18); }

private:
    // The design error this component is at fault for, if any.
    const sc::Issue *fault() const;
    // The box at full detail, in item coordinates.
    void paintBox(QPainter *painter, bool selected, QWidget *widget) const;

    Document *m_doc;
    QString m_id;
    // The on-screen picture (see paint): valid for this scale, selection state and palette.
    QPixmapCache::Key m_cacheKey;
    qreal m_cacheScale = 0;
    bool m_cacheSelected = false;
    qint64 m_cachePalette = 0;
};

} // namespace scui
