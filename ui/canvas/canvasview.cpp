#include "canvasview.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/connectionitem.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace scui {

CanvasView::CanvasView(CanvasScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    // Every item sets the pen, brush, font and hints it draws with, and its bounding rect
    // already includes the antialiasing margin: no per-item save/restore, no adjustment.
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    // The scene's background fills every exposed rect: the viewport need not clear it first.
    viewport()->setAutoFillBackground(false);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    // The background grid is thousands of dots: drawn once, scrolled with the view (Qt redraws
    // it after a zoom; a palette change and the snap toggle reset it). The connections are
    // part of that cached background (drawBackground); the scene invalidates the area of each
    // one that new figures change.
    setCacheMode(CacheBackground);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
}

void CanvasView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        resetCachedContent();
    QGraphicsView::changeEvent(event);
}

void CanvasView::drawBackground(QPainter *painter, const QRectF &exposed)
{
    // `exposed` holds whatever the scene invalidated, which may reach far beyond the viewport
    // (a long connection's bounds); only the part in view is drawn.
    const QRectF rect = exposed & mapToScene(viewport()->rect()).boundingRect();
    if (rect.isEmpty())
        return;
    QGraphicsView::drawBackground(painter, rect);
    // Connections lie under every box, so they are drawn with the background and cached with
    // it: a hundred long edges crossing the view cost one blit, not a hundred antialiased
    // strokes per frame. Each one invalidates its own area when it changes.
    painter->save();
    QStyleOptionGraphicsItem option;
    option.exposedRect = rect; // connections sit at the scene origin: item = scene coordinates
    const QList<QGraphicsItem *> under =
        m_scene->items(rect, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder, transform());
    for (QGraphicsItem *item : under) {
        auto *edge = qgraphicsitem_cast<ConnectionItem *>(item);
        if (!edge || !edge->isVisible())
            continue;
        option.state = edge->isSelected() ? QStyle::State_Selected : QStyle::State_None;
        option.rect = edge->boundingRect().toAlignedRect();
        edge->paint(painter, &option, nullptr);
    }
    painter->restore();
}

void CanvasView::zoomBy(qreal factor)
{
    const qreal z = zoom();
    factor = std::clamp(z * factor, 0.05, 4.0) / z;
    scale(factor, factor);
}

void CanvasView::zoomIn()
{
    const auto a = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    zoomBy(1.25);
    setTransformationAnchor(a);
}

void CanvasView::zoomOut()
{
    const auto a = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    zoomBy(1 / 1.25);
    setTransformationAnchor(a);
}

void CanvasView::resetZoom()
{
    setTransform(QTransform());
}

void CanvasView::zoomToFit()
{
    const QRectF r = m_scene->itemsBoundingRect();
    if (r.isEmpty())
        return;
    // A margin in screen pixels, not scene units: zoomed far out, a scene margin shrinks to
    // nothing and the outermost boxes and their ports touch the edge.
    constexpr qreal kMarginPx = 32;
    const QRectF room =
        QRectF(viewport()->rect()).adjusted(kMarginPx, kMarginPx, -kMarginPx, -kMarginPx);
    const qreal z =
        std::clamp(std::min(room.width() / r.width(), room.height() / r.height()), 0.05, 1.5);
    setTransform(QTransform::fromScale(z, z));
    if (z >= 1.5)
        resetZoom();
    centerOn(r.center());
}

void CanvasView::wheelEvent(QWheelEvent *event)
{
    const qreal steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.15, steps));
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_space)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - m_panLast;
        m_panLast = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_space ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void CanvasView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && !scene()->focusItem()) {
        m_space = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && m_space) {
        m_space = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CanvasView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(kKindMimeType))
        event->acceptProposedAction();
    else
        event->ignore();
}

void CanvasView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(kKindMimeType))
        event->acceptProposedAction();
    else
        event->ignore();
}

void CanvasView::dropEvent(QDropEvent *event)
{
    const QByteArray name = event->mimeData()->data(kKindMimeType);
    const auto kind = sc::kindFromName(std::string_view(name.constData(), size_t(name.size())));
    if (!kind) {
        event->ignore();
        return;
    }
    m_scene->addComponent(*kind, mapToScene(event->position().toPoint()));
    event->acceptProposedAction();
    setFocus();
}

} // namespace scui
