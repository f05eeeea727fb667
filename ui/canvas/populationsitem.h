#pragma once

#include <QGraphicsObject>
#include <QString>
#include <QStringList>

#include <QRectF>

#include <vector>

namespace sc {
struct PopulationResult;
}

namespace scui {

// Where the users are and what each population gets (issue 15): a card under the design's
// clients box, one row per user population — its share, the p99 of its dynamic requests with its
// own round trips, the time of a page and its share of the bill. The figures are core's
// (Evaluation::populations); the card only formats them. A child of the clients box, so it
// moves with it and is drawn in every export of the canvas.
class PopulationsItem final : public QGraphicsObject
{
    Q_OBJECT
public:
    enum { Type = UserType + 5 };
    static constexpr qreal kGap = 10; // between the box and the card

    explicit PopulationsItem(QGraphicsItem *clientsBox);
    int type() const override { return Type; }

    // The rows as drawn: "North America 60%  p99 182 ms · page 0.41 s mean · $263,556/mo".
    static QStringList rowsOf(const std::vector<sc::PopulationResult> &populations);
    void setRows(const QStringList &rows);
    const QStringList &rows() const { return m_rows; }

    QSizeF cardSize() const { return m_size; }

    // Where a card of `card` size goes beside its clients box `box` (scene coordinates, the
    // card's top-left): under the box, else above it, left or right of it, the first place that
    // covers none of `obstacles` (the other boxes and notes). Where every place covers one, the
    // place that covers the least area. A card hung under the box whatever lay there covered
    // the boxes below it, more of them the more populations it lists.
    static QPointF placeBeside(const QRectF &box, const QSizeF &card,
                               const std::vector<QRectF> &obstacles);
    // The places placeBeside tries, in its order.
    static std::vector<QRectF> candidatePlaces(const QRectF &box, const QSizeF &card);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QStringList m_rows;
    QSizeF m_size;
    bool m_projector = false; // m_size is for projector text
};

} // namespace scui
