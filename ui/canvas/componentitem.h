#pragma once

#include "core/model/params.h"

#include <QFont>
#include <QGraphicsItem>
#include <QPixmapCache>
#include <QString>

#include <memory>

namespace sc {
struct Issue;
}

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
        bool overloaded = false, spof = false;
        bool operator==(const Figures &) const = default;
    };
    Figures figures() const;

    // Re-reads the position, label, state and figures from the model; repaints only when what
    // the box shows has changed.
    void sync();
    // New figures: read when the box is next drawn at full detail, or at once by sync() (the
    // scene syncs only the boxes in view: reading all of a big design's figures after every
    // step of the users slider would cost more than the evaluation).
    void figuresChanged() { m_stale = true; }
    // The connection handle on the right edge, in item coordinates.
    static QRectF portRect();
    bool isOnPort(const QPointF &scenePos) const;
    QPointF outPoint() const { return pos() + QPointF(kWidth, kHeight / 2); }
    QPointF inPoint() const { return pos() + QPointF(0, kHeight / 2); }
    QRectF labelRect() const { return QRectF(36, 6, kWidth - 44, 18); }
    static QRectF barRect() { return QRectF(8, 64, kWidth - 62, 10); }

private:
    // Everything the box shows, as sync() read it from the document. paint() draws from this
    // alone, so the cached picture is valid for as long as it compares equal.
    struct Look {
        sc::Kind kind{};
        QString label, sub;
        bool hasFigures = false; // false when the design has errors
        QString fault;           // this component's own design error, if any
        Figures figures;
        bool station = false, showLatency = false, bottleneck = false;
        int bar = 0;  // utilization bar fill, in 1/1024 of the bar (finer than a pixel at 4×)
        int tone = 0; // utilizationTone of the utilization
        bool operator==(const Look &) const = default;
    };
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
        // Label and subtitle as elided to fit, for the texts and font they were measured with.
        QString fullLabel, fullSub;
        QFont font;
        QString label, sub;
    };
    Look readLook() const;
    // Re-reads the look; when it changed, drops the cached picture and returns true.
    bool refreshLook();
    // The design error this component is at fault for, if any.
    QString fault() const;
    // The parts that are the same for every box of a kind and state: outline, frame, icon,
    // bar track and port.
    void paintFrame(QPainter *painter, bool selected) const;
    // Label, subtitle and figures.
    void paintContent(QPainter *painter, QWidget *widget) const;

    Document *m_doc;
    QString m_id;
    std::unique_ptr<Detail> m_detail;
    bool m_stale = true; // m_detail->look may be out of date (figuresChanged)
};

} // namespace scui
