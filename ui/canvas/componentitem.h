#pragma once

#include "core/model/params.h"

#include <QFont>
#include <QGraphicsItem>
#include <QPixmapCache>
#include <QString>

#include <memory>
#include <vector>

namespace sc {
struct Issue;
struct ComponentResult;
} // namespace sc

namespace scui {

class Document;

// One component on the canvas. Holds its id and, as a cache, what its box shows: position,
// label and figures are re-read from the document on every sync (items hold no domain state).
class ComponentItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr qreal kWidth = 176;
    static constexpr qreal kHeight = 104;
    static constexpr qreal kBoxZ = 1, kSelectedBoxZ = 1.2; // under the notes (5)

    ComponentItem(Document *doc, const QString &id);
    ~ComponentItem() override;

    int type() const override { return Type; }
    QString id() const { return m_id; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // The figures as drawn on the box (empty strings when the design has errors).
    struct Figures {
        QString rps, latency, utilization, cost;
        QString failing; // "33% fail" when some arrivals fail (shed or refused); empty otherwise
        bool overloaded = false, spof = false;
        bool operator==(const Figures &) const = default;
    };
    Figures figures() const; // at the timeline's clock while it has a time frame
    // The figures of a component's results as a box shows them; empty without results. A
    // utilization of 1000% or more reads as the overload factor ("43×"): the box has room for
    // four digits of percent, and past that the factor is what a reader wants. A component that
    // fails requests says what share of its arrivals fail, in place of its latency.
    static Figures figuresOf(const sc::ComponentResult *result);

    // Everything the box shows, as sync() read it from the document. paint() draws from this
    // alone, so the cached picture is valid for as long as it compares equal.
    struct Look {
        sc::Kind kind{};
        QString label, sub;
        bool hasFigures = false; // false when the design has errors
        QString fault;           // this component's own design error, if any
        Figures figures;
        bool station = false, showLatency = false, bottleneck = false;
        bool error = false; // an error-severity warning is on this component (or it overloads)
        int bar = 0;  // utilization bar fill, in 1/1024 of the bar (finer than a pixel at 4×)
        int tone = 0; // utilizationTone of the utilization
        bool projector = false; // projectorText() when read
        bool timed = false;     // at the timeline's clock, `sub` has its instances (or "down")
        bool operator==(const Look &) const = default;
    };
    // One text on the box, laid out to fit: in the largest font of its range that holds it,
    // wrapped (the label, onto two lines), and elided only when even the smallest font cannot
    // hold it (the tooltip then has it in full). `rect` is the text's measured extent; every
    // rect lies inside the box and no two intersect.
    struct Text {
        enum Role { Label, Sub, Rps, Latency, Utilization, Cost, Spof, Note, Failing };
        Role role;
        QString text; // as drawn
        QString full; // before eliding
        QRectF rect;
        QFont font;
    };
    struct Layout {
        std::vector<Text> texts;
        QRectF bar;       // the utilization bar's track (empty for non-stations)
        QRectF errorMark; // the error marker (empty without an error)
        bool elided(const Text::Role role) const;
    };
    static Layout layout(const Look &look, const QFont &font);
    // Projector text (presentation mode, issue 17): every box shows its label, arrivals,
    // utilization and cost (or its failing share) in about 1.6× the type, leaving out the
    // subtitle and the latency, so a fitted design reads from the back of a room. A view mode
    // of all boxes, like the level of detail; the boxes re-read their look when next drawn.
    static void setProjectorText(bool on);
    static bool projectorText();
    // The look and layout as the box draws them now, re-read from the document (tests).
    Look look() const { return readLook(); }
    Layout currentLayout() const;
    // What a tooltip at `itemPos` says: what the figure or mark there means, then everything
    // the box shows in full (label, kind, every figure, the warnings on this component).
    QString toolTipAt(const QPointF &itemPos) const;

    // Re-reads the position, label, state and figures from the model; repaints only when what
    // the box shows has changed.
    void sync();
    // New figures: read when the box is next drawn at full detail, or at once by sync() (the
    // scene syncs only the boxes in view: reading all of a big design's figures after every
    // step of the users slider would cost more than the evaluation).
    void figuresChanged() { m_stale = true; }
    // The connection handle on the right edge, in item coordinates (the dot drawn inside it).
    static QRectF portRect();
    // How far from the port's centre a press starts a wire, in scene units at view zoom `zoom`:
    // at least 10 units, and at least 9 pixels on screen down to the zoom where boxes become
    // plain blocks (capped so the port never takes over the box).
    static qreal portHitRadius(qreal zoom);
    bool isOnPort(const QPointF &scenePos, qreal zoom = 1) const;
    QPointF outPoint() const { return pos() + QPointF(kWidth, kHeight / 2); }
    QPointF inPoint() const { return pos() + QPointF(0, kHeight / 2); }
    QRectF labelRect() const { return QRectF(36, 4, kWidth - 44, 18); }
    // The box in scene coordinates (without the port and outlines).
    QRectF boxRect() const { return QRectF(pos(), QSizeF(kWidth, kHeight)); }
    // How a plain block (zoomed out) writes its name in `size` on screen: on one line, else on
    // two, in type from 0.35 × the height (8–14 px) down to 8 px, where that fits it whole;
    // else elided to the width in the largest.
    struct BlockName {
        QString name;
        QSizeF size;
        int pixels = 0;
        bool wrapped = false;
        QString text;
    };
    static BlockName fitBlockName(const QString &name, const QSizeF &size, QFont font);

protected:
    // A selected box is drawn over the others (dropped onto a neighbour, it went under it).
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    // The on-screen picture (see paint) and what it shows: look, scale, selection, palette.
    struct Picture {
        quint64 look = 0;
        qreal scale = 0;
        bool selected = false;
        qint64 palette = 0;
        bool operator==(const Picture &) const = default;
    };
    // The look and what is cached for drawing it: made when the box is first drawn in detail
    // (the boxes of a big design seen zoomed out never need one).
    struct Detail {
        Look look;
        quint64 version = 0; // counts changes of look
        QPixmapCache::Key key;
        Picture cached;
        Picture drawn; // last drawn without a picture
        // The texts as laid out for the look and the font they were measured with.
        quint64 laidOut = 0;
        QFont font;
        Layout layout;
    };
    Look readLook() const;
    // Re-reads the look; when it changed, drops the cached picture and returns true.
    bool refreshLook();
    // The design error this component is at fault for, if any.
    QString fault() const;
    // The messages of the warnings on this component, with their severity ("Error: …").
    QStringList warningsOn() const;
    // The parts that are the same for every box of a kind and state: outline, frame, icon,
    // bar track and port.
    void paintBlockName(QPainter *painter, const QColor &fill, QWidget *widget) const;
    mutable std::unique_ptr<BlockName> m_blockName; // measured again when name or size change
    void paintFrame(QPainter *painter, bool selected) const;
    // Label, subtitle and figures.
    void paintContent(QPainter *painter, QWidget *widget) const;

    Document *m_doc;
    QString m_id;
    std::unique_ptr<Detail> m_detail;
    bool m_stale = true; // m_detail->look may be out of date (figuresChanged)
};

} // namespace scui
