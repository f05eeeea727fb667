#include "ui/canvas/requestflow.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/connectionitem.h"
#include "ui/document.h"

#include <QEvent>
#include <QGraphicsView>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace scui {

namespace {
constexpr int kMaxPerEdge = 64;
constexpr int kShed = 4;
} // namespace

QColor requestClassColor(sc::RequestClass c)
{
    switch (c) {
    case sc::RequestClass::Static:
        return {0x78, 0x90, 0x9c}; // blue grey
    case sc::RequestClass::Read:
        return {0x1e, 0x88, 0xe5}; // blue
    case sc::RequestClass::Write:
        return {0xfb, 0x8c, 0x00}; // orange
    case sc::RequestClass::Job:
        return {0x8e, 0x24, 0xaa}; // purple
    }
    return Qt::gray;
}

double RequestFlow::densityFor(double rps)
{
    if (!(rps > 0) || !std::isfinite(rps))
        return 0;
    return std::max(0.5, 1.5 * std::log10(1 + rps));
}

RequestFlow::RequestFlow(CanvasScene *scene, Document *doc, QGraphicsView *view)
    : QObject(view)
    , m_scene(scene)
    , m_doc(doc)
    , m_view(view)
{
    setObjectName(QStringLiteral("requestFlow"));
    m_timer.setInterval(kFrameMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const double seconds = std::min(0.1, m_sinceFrame.restart() / 1000.0);
        advance(seconds);
    });
    connect(doc, &Document::changed, this, [this] { m_dirty = true; });
    connect(doc, &Document::evaluated, this, [this] { m_dirty = true; });
    connect(scene, &QGraphicsScene::sceneRectChanged, this, [this](const QRectF &r) {
        if (m_item)
            m_item->setArea(r);
    });
}

RequestFlow::~RequestFlow()
{
    if (m_scene)
        delete m_item;
}

void RequestFlow::setOn(bool on)
{
    if (on == m_on)
        return;
    m_on = on;
    if (on) {
        m_item = new RequestFlowItem(this);
        m_item->setArea(m_scene->sceneRect());
        static_cast<QGraphicsScene *>(m_scene.data())->addItem(m_item);
        m_view->window()->installEventFilter(this);
        m_dirty = true;
    } else {
        m_view->window()->removeEventFilter(this);
        if (m_scene)
            delete m_item;
        m_item = nullptr;
        m_edges.clear();
    }
    updateRunning();
}

void RequestFlow::updateRunning()
{
    const QWidget *w = m_view->window();
    const bool run = m_on && w->isVisible() && !(w->windowState() & Qt::WindowMinimized);
    if (run && !m_timer.isActive()) {
        m_sinceFrame.start();
        m_timer.start();
    } else if (!run) {
        m_timer.stop();
    }
}

bool RequestFlow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Show:
    case QEvent::Hide:
    case QEvent::WindowStateChange:
        if (watched == m_view->window())
            QMetaObject::invokeMethod(this, &RequestFlow::updateRunning, Qt::QueuedConnection);
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void RequestFlow::advance(double seconds)
{
    m_clock += seconds;
    if (m_item)
        m_item->update();
}

void RequestFlow::measure(Edge &e) const
{
    e.route = e.item->polyline();
    e.lengths.assign(size_t(e.route.size()), 0);
    for (qsizetype i = 1; i < e.route.size(); ++i) {
        const QPointF d = e.route[i] - e.route[i - 1];
        e.lengths[size_t(i)] = e.lengths[size_t(i - 1)] + std::hypot(d.x(), d.y());
    }
    e.bounds = e.route.boundingRect().adjusted(-4, -4, 4, 4);
}

void RequestFlow::rebuild()
{
    m_dirty = false;
    m_edges.clear();
    if (!m_doc->modelOk())
        return;
    for (ConnectionItem *item : m_scene->connectionItems()) {
        const double rps = m_doc->edgeFlow(item->key());
        if (!(rps > 0))
            continue;
        Edge e;
        e.item = item;
        measure(e);
        const qreal length = e.lengths.empty() ? 0 : e.lengths.back();
        const int n = std::clamp(int(std::lround(densityFor(rps) * length / 100)), 1, kMaxPerEdge);
        const sc::ClassRates classes = m_doc->edgeClassFlow(item->key());
        double all = 0;
        for (double c : classes)
            all += c;
        const sc::ComponentResult *to = m_doc->result(item->key().to);
        const double shed = to && to->arrivalRps > 0 ? to->errorRps / to->arrivalRps : 0;
        e.colours.resize(size_t(n));
        for (int k = 0; k < n; ++k) {
            // Spread the colours along the route (golden-ratio steps), in their shares.
            const double u = std::fmod(k * 0.6180339887498949 + 0.31, 1.0);
            unsigned char colour = kShed;
            if (u >= shed) {
                double at = shed, step = all > 0 ? (1 - shed) / all : 0;
                colour = all > 0 ? 3 : 1;
                for (int c = 0; c < sc::kClassCount; ++c) {
                    at += classes[size_t(c)] * step;
                    if (u < at && classes[size_t(c)] > 0) {
                        colour = (unsigned char)c;
                        break;
                    }
                }
            }
            e.colours[size_t(k)] = colour;
        }
        m_edges.push_back(std::move(e));
    }
}

template <typename F>
void RequestFlow::forEachParticle(const QRectF &area, F &&f, const ConnectionItem *only) const
{
    if (m_dirty)
        const_cast<RequestFlow *>(this)->rebuild();
    const double travelled = m_clock * kSpeed;
    for (Edge &e : m_edges) {
        if ((only && e.item != only) || (!only && !e.bounds.intersects(area)))
            continue;
        const QPolygonF &now = e.item->polyline();
        if (now.constData() != e.route.constData() || now.size() != e.route.size())
            measure(e); // re-routed since
        const size_t points = e.lengths.size();
        const qreal length = points ? e.lengths.back() : 0;
        if (points < 2 || length <= 0)
            continue;
        const size_t n = e.colours.size();
        for (size_t k = 0; k < n; ++k) {
            const qreal s = std::fmod(travelled + length * qreal(k) / qreal(n), length);
            const auto it = std::upper_bound(e.lengths.begin(), e.lengths.end(), s);
            const size_t j = std::clamp<size_t>(size_t(it - e.lengths.begin()), 1, points - 1);
            const qreal seg = e.lengths[j] - e.lengths[j - 1];
            const qreal t = seg > 0 ? (s - e.lengths[j - 1]) / seg : 0;
            const QPointF &a = e.route[qsizetype(j - 1)], &b = e.route[qsizetype(j)];
            f(a + (b - a) * t, int(e.colours[k]));
        }
    }
}

std::vector<RequestFlow::Particle> RequestFlow::particles(const QRectF &area) const
{
    std::vector<Particle> out;
    forEachParticle(area, [&out](const QPointF &at, int colour) { out.push_back({at, colour}); });
    return out;
}

std::vector<RequestFlow::Particle> RequestFlow::particlesOn(const ConnectionItem *edge) const
{
    std::vector<Particle> out;
    forEachParticle(
        {},
        [&out](const QPointF &at, int colour) {
            out.push_back({at, colour});
        },
        edge);
    return out;
}

RequestFlowItem::RequestFlowItem(RequestFlow *flow)
    : m_flow(flow)
{
    setZValue(0.7); // above the connections and their labels (0.5), below the boxes (1)
    setAcceptedMouseButtons(Qt::NoButton);
    setFlag(QGraphicsItem::ItemUsesExtendedStyleOption);
}

void RequestFlowItem::setArea(const QRectF &area)
{
    prepareGeometryChange();
    m_area = area;
}

QRectF RequestFlowItem::boundingRect() const
{
    return m_area;
}

QPainterPath RequestFlowItem::shape() const
{
    return {}; // never under the pointer: clicks, menus and rubber bands see what is below
}

void RequestFlowItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    for (auto &v : m_points)
        v.clear();
    m_flow->forEachParticle(option->exposedRect, [this](const QPointF &at, int colour) {
        m_points[size_t(colour)].push_back(at);
    });
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    for (size_t c = 0; c < m_points.size(); ++c) {
        if (m_points[c].empty())
            continue;
        const QColor colour =
            c == size_t(kShed) ? kShedColour : requestClassColor(sc::RequestClass(c));
        QPen pen(colour, 5, Qt::SolidLine, Qt::SquareCap);
        pen.setCosmetic(true); // 5 px on screen, whatever the zoom
        painter->setPen(pen);
        painter->drawPoints(m_points[c].data(), int(m_points[c].size()));
    }
    painter->restore();
}

} // namespace scui
