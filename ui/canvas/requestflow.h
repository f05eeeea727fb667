#pragma once

// Animated request flow (issue 17, item 5; View ▸ Animate Requests): particles run along the
// connections from caller to callee, as many per length as the log of the req/s the connection
// carries, coloured by the class they carry (static, read, write, job) and red for the share
// the callee sheds. Built for speed: one timer, one item painting every particle of the
// connections in view in one pass (a drawPoints per colour), positions from each route's
// polyline measured once per route. Off, there is no timer at all; the window hidden or
// minimised pauses it.

#include "core/model/design.h"

#include <QColor>
#include <QElapsedTimer>
#include <QGraphicsItem>
#include <QObject>
#include <QPointer>
#include <QPolygonF>
#include <QTimer>

#include <array>
#include <vector>

class QGraphicsView;

namespace scui {

class CanvasScene;
class ConnectionItem;
class Document;

// The colour of a request class's particles; shed requests are kShedColour.
QColor requestClassColor(sc::RequestClass c);
inline const QColor kShedColour{0xe5, 0x39, 0x35};

class RequestFlowItem;

class RequestFlow : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFrameMs = 33;
    static constexpr double kSpeed = 90; // scene units a second along the route
    // `view` shows `scene`; the animation lives as long as the view.
    RequestFlow(CanvasScene *scene, Document *doc, QGraphicsView *view);
    ~RequestFlow() override;

    void setOn(bool on);
    bool isOn() const { return m_on; }
    // Whether frames are being drawn (on, and the window shown and not minimised).
    bool isRunning() const { return m_timer.isActive(); }
    const QTimer &timer() const { return m_timer; }
    // One frame: the particles move `seconds` (paint happens when the view repaints).
    void advance(double seconds);
    double clock() const { return m_clock; }

    // A particle as the next frame draws it: where, and its colour (0–3: the class, 4: shed).
    struct Particle {
        QPointF at;
        int colour = 0;
    };
    // The particles on the connections whose routes meet `area` (scene coordinates).
    std::vector<Particle> particles(const QRectF &area) const;
    // The particles of one connection (none when nothing flows on it).
    std::vector<Particle> particlesOn(const ConnectionItem *edge) const;
    // Particles per 100 scene units of route for `rps` req/s: 0 for nothing, then 1.5 per decade
    // (log scale), at least 0.5; at least one and at most 64 on a connection.
    static double densityFor(double rps);
    RequestFlowItem *item() const { return m_item; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    friend class RequestFlowItem;
    // One connection as animated: its route measured, its particles' count and colours.
    struct Edge {
        ConnectionItem *item = nullptr;
        QPolygonF route;            // the polyline the lengths were measured on
        std::vector<qreal> lengths; // cumulative, from the source
        QRectF bounds;
        std::vector<unsigned char> colours; // per particle
    };
    void rebuild();
    void measure(Edge &e) const;
    void updateRunning();
    template <typename F>
    void forEachParticle(const QRectF &area, F &&f, const ConnectionItem *only = nullptr) const;

    QPointer<CanvasScene> m_scene; // the scene deletes its items (the overlay too) when it goes
    Document *m_doc;
    QGraphicsView *m_view;
    RequestFlowItem *m_item = nullptr;
    QTimer m_timer;
    QElapsedTimer m_sinceFrame;
    bool m_on = false;
    mutable bool m_dirty = true; // the connections or their figures changed
    mutable std::vector<Edge> m_edges;
    double m_clock = 0;
};

// Paints every particle of the connections in view: above the connections and their labels,
// below the boxes.
class RequestFlowItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 18 };
    explicit RequestFlowItem(RequestFlow *flow);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    void setArea(const QRectF &area);

private:
    RequestFlow *m_flow;
    QRectF m_area;
    mutable std::array<std::vector<QPointF>, 5> m_points; // per colour, reused every frame
};

} // namespace scui
