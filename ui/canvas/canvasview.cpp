#include "canvasview.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/groupitem.h"
#include "ui/canvas/noteitem.h"
#include "ui/canvas/populationsitem.h"
#include "ui/document.h"

#include <QFocusEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace scui {
namespace {

// The legend overlay: paintCanvasLegend when expanded, a small tab when folded; a click toggles.
class LegendOverlay final : public QWidget
{
public:
    explicit LegendOverlay(QWidget *parent)
        : QWidget(parent)
    {
        setCursor(Qt::PointingHandCursor);
        setToolTip(QObject::tr("What the colours and marks on the boxes mean (click to fold)"));
        relayout();
    }
    bool expanded() const { return m_expanded; }
    void setExpanded(bool on)
    {
        m_expanded = on;
        relayout();
        update();
    }
    void relayout()
    {
        const QFont f = legendFont();
        if (m_expanded) {
            resize(canvasLegendSize(f).toSize() + QSize(2, 2));
        } else {
            const QFontMetrics fm(f);
            resize(fm.horizontalAdvance(tabText()) + 16, fm.height() + 8);
        }
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        if (m_expanded) {
            paintCanvasLegend(&p, QPointF(0.5, 0.5), legendFont());
            return;
        }
        const CanvasColors col = canvasColors();
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(col.border, 1));
        p.setBrush(col.box);
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
        p.setFont(legendFont());
        p.setPen(col.text);
        p.drawText(rect(), Qt::AlignCenter, tabText());
    }
    void mousePressEvent(QMouseEvent *event) override
    {
        setExpanded(!m_expanded);
        if (auto *view = qobject_cast<CanvasView *>(parentWidget()))
            view->setLegendExpanded(m_expanded); // places it again
        event->accept();
    }
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::FontChange)
            relayout();
        QWidget::changeEvent(event);
    }

private:
    static QString tabText() { return QObject::tr("Legend"); }
    QFont legendFont() const
    {
        // Presenting, in the boxes' projector proportion (QA: 11 px across a room).
        QFont f = font();
        f.setPixelSize(ComponentItem::projectorText() ? 18 : 11);
        return f;
    }
    bool m_expanded = false;
};

} // namespace

CanvasView::CanvasView(CanvasScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    // A band takes a region or zone only when it encloses it: its shape is its border, and a band
    // that crossed the border to take the boxes inside took the region too, which Delete then
    // removed with its place (QA). (The band's selection is set after rubberBandChanged.)
    connect(scene, &QGraphicsScene::selectionChanged, this, [this] {
        if (rubberBandRect().isNull())
            return;
        const QRectF band = mapToScene(rubberBandRect()).boundingRect();
        for (QGraphicsItem *item : m_scene->selectedItems())
            if (auto *group = qgraphicsitem_cast<GroupItem *>(item);
                group && !band.contains(group->mapRectToScene(group->rect())))
                group->setSelected(false);
    });
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
    // The viewport passes its focus to the view (its proxy): a Tab stop of its own was a stop
    // where nothing changed on screen (QA). A click on it still focuses the view. Set first:
    // a widget's focus policy is also its proxy's, and set after, it made the view a click-only
    // stop that Tab went past.
    viewport()->setFocusPolicy(Qt::ClickFocus);
    setFocusPolicy(Qt::StrongFocus);
    // A child of the view over its viewport, not of the viewport: scrolling moves the
    // viewport's children with the picture.
    m_legend = new LegendOverlay(this);
    placeLegend();
    // Scrolls, zooms, edits and new figures (boxes grow): the legend looks again for a clear corner
    // once the event loop has settled them.
    m_placeLegendTimer.setSingleShot(true);
    m_placeLegendTimer.setInterval(0);
    connect(&m_placeLegendTimer, &QTimer::timeout, this, &CanvasView::placeLegend);
    const auto later = [this] { m_placeLegendTimer.start(); };
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, later);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, later);
    connect(scene->document(), &Document::changed, this, later);
    connect(scene->document(), &Document::evaluated, this, later);
}

bool CanvasView::legendExpanded() const
{
    return static_cast<LegendOverlay *>(m_legend)->expanded();
}

void CanvasView::setLegendExpanded(bool expanded)
{
    auto *legend = static_cast<LegendOverlay *>(m_legend);
    if (legend->expanded() != expanded)
        legend->setExpanded(expanded);
    else
        legend->relayout(); // (at the text size in use: ComponentItem::projectorText)
    legend->update();
    placeLegend();
}

// Folded, the legend's tab takes the first corner of the view (bottom-left, bottom-right,
// top-left, top-right) with no box, note or populations card under it, and moves on when the view
// scrolls or one comes under it; where every corner has one, the corner it covers least.
// Unfolded (being read) it stays bottom-left.
void CanvasView::placeLegend()
{
    const QRect area = viewport()->geometry();
    constexpr int kMargin = 10;
    const QSize size = m_legend->size();
    const int left = area.left() + kMargin, right = area.right() + 1 - kMargin - size.width();
    const int top = area.top() + kMargin, bottom = area.bottom() + 1 - kMargin - size.height();
    const QPoint corners[] = {{left, bottom}, {right, bottom}, {left, top}, {right, top}};
    QPoint at = corners[0];
    if (!legendExpanded()) {
        // The area of the tab (in viewport pixels) that boxes, notes and cards lie under. The card
        // is a child of its clients box but not part of the box's shape: it was left out, and the
        // tab sat over the card's last rows (stage 5 at 1280 x 800).
        const auto covered = [this, &area, size](QPoint corner) {
            const QRect tab(corner - area.topLeft(), size);
            qreal sum = 0;
            for (QGraphicsItem *item : items(tab)) {
                if (!dynamic_cast<ComponentItem *>(item) && !dynamic_cast<NoteItem *>(item) &&
                    !qgraphicsitem_cast<PopulationsItem *>(item))
                    continue;
                const QRect over = mapFromScene(item->sceneBoundingRect()).boundingRect() & tab;
                sum += std::max(qreal(over.width()) * over.height(), 1.0); // touched: not clear
            }
            return sum;
        };
        qreal least = std::numeric_limits<qreal>::max();
        for (const QPoint corner : corners)
            if (const qreal c = covered(corner); c < least) {
                least = c;
                at = corner;
                if (c == 0)
                    break; // the first clear corner
            }
    }
    if (m_legend->pos() != at)
        m_legend->move(at);
    m_legend->raise();
}

void CanvasView::resizeEvent(QResizeEvent *event)
{
    // A dock opened or closed (the timeline, the charts) keeps what was at the centre of the view
    // there: the view kept its top left, and at 1280 × 800 the timeline left the boxes' title
    // rows at its bottom edge (QA). The centre of the view's whole area, scroll bars included:
    // a scroll bar that comes or goes changes the viewport, not what the user looks at (the
    // viewport's centre moved the view half a scroll bar each time; QA). By whole pixels, as a
    // scroll moves it (QGraphicsView's AnchorViewCenter centres it to a fraction, and its cached
    // background then drew lines half a pixel apart from where the boxes drew them).
    const QSize before = m_areaSize;
    const QPointF centre = mapToScene(QRect(QPoint(), before).center());
    QGraphicsView::resizeEvent(event);
    m_areaSize = maximumViewportSize();
    if (!before.isEmpty()) {
        const QPointF off = mapFromScene(centre) - QPointF(QRect(QPoint(), m_areaSize).center());
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qRound(off.x()));
        verticalScrollBar()->setValue(verticalScrollBar()->value() + qRound(off.y()));
    }
    placeLegend();
}

void CanvasView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        resetCachedContent();
        if (m_legend)
            m_legend->update();
    }
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
    factor = std::clamp(z * factor, kMinZoom, 4.0) / z;
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
    // About the view's centre, as Zoom In and Out: anchored under the mouse (the wheel's way),
    // a pointer left over the view since the last fit set the view on the scene point it had
    // been over before, often an empty corner.
    const auto a = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    setTransform(QTransform());
    setTransformationAnchor(a);
}

void CanvasView::showAt(const QRectF &area, qreal zoom, qreal marginPx)
{
    setTransform(QTransform::fromScale(zoom, zoom));
    const QSizeF shown = QSizeF(viewport()->size()) / zoom;
    const qreal margin = marginPx / zoom;
    const qreal x = area.width() + 2 * margin <= shown.width()
                        ? area.center().x()
                        : area.left() - margin + shown.width() / 2;
    const qreal y = area.height() + 2 * margin <= shown.height()
                        ? area.center().y()
                        : area.top() - margin + shown.height() / 2;
    centerOn(x, y);
}

void CanvasView::zoomToFit()
{
    const QRectF r = m_scene->designRect();
    if (r.isEmpty())
        return;
    // A margin in screen pixels, not scene units: zoomed far out, a scene margin shrinks to
    // nothing and the outermost boxes and their ports touch the edge.
    constexpr qreal kMarginPx = 32;
    const QRectF room =
        QRectF(viewport()->rect()).adjusted(kMarginPx, kMarginPx, -kMarginPx, -kMarginPx);
    const qreal most = m_fitLimit > 0 ? m_fitLimit : 1.5;
    const qreal z =
        std::clamp(std::min(room.width() / r.width(), room.height() / r.height()), kMinZoom, most);
    setTransform(QTransform::fromScale(z, z));
    if (z >= most && m_fitLimit <= 0)
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
    // The point under the cursor stays there. Qt's own anchor under the mouse reads the last
    // mouse move the view tracked, which a view that is not interactive never has (a comparison's
    // diagrams: one notch threw both onto empty canvas; GUI QA): anchored here, from the event.
    const QPointF at = event->position();
    const QPointF under = mapToScene(at.toPoint());
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(NoAnchor);
    zoomBy(std::pow(1.15, steps));
    setTransformationAnchor(anchor);
    const QPointF off = mapFromScene(under) - at;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(std::lround(off.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + int(std::lround(off.y())));
    event->accept();
}

namespace {

// Shift+click adds to the selection as Ctrl+click does, as diagram tools take either (QA): the
// event passed on with Ctrl for Shift, where Ctrl is not held already.
template <typename Handle> void shiftAsControl(QMouseEvent *event, Handle &&handle)
{
    const Qt::KeyboardModifiers mods = event->modifiers();
    if (!(mods & Qt::ShiftModifier) || (mods & Qt::ControlModifier)) {
        handle(event);
        return;
    }
    QMouseEvent asControl(event->type(), event->position(), event->scenePosition(),
                          event->globalPosition(), event->button(), event->buttons(),
                          (mods & ~Qt::ShiftModifier) | Qt::ControlModifier,
                          event->pointingDevice());
    handle(&asControl);
    event->setAccepted(asControl.isAccepted());
}

} // namespace

void CanvasView::focusInEvent(QFocusEvent *event)
{
    QGraphicsView::focusInEvent(event);
    const Qt::FocusReason why = event->reason();
    if (why == Qt::TabFocusReason || why == Qt::BacktabFocusReason ||
        why == Qt::ShortcutFocusReason) {
        m_keyboardFocus = true;
        viewport()->update();
    }
}

void CanvasView::focusOutEvent(QFocusEvent *event)
{
    QGraphicsView::focusOutEvent(event);
    // A menu or another window for a moment leaves the frame as it was when it comes back.
    const Qt::FocusReason why = event->reason();
    if (why != Qt::ActiveWindowFocusReason && why != Qt::PopupFocusReason)
        m_keyboardFocus = false;
    viewport()->update();
}

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    if (std::exchange(m_keyboardFocus, false))
        viewport()->update();
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_space)) {
        m_panning = true;
        m_spacePanned = m_space;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    // A click beside a connection, within this view's reach of it and on nothing else, selects
    // it as a click on it does (Ctrl or Shift: in or out of the selection).
    const QPoint at = event->position().toPoint();
    if (event->button() == Qt::LeftButton && isInteractive() && !itemAt(at)) {
        if (ConnectionItem *edge = connectionAt(at)) {
            const bool add = event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier);
            if (!add)
                m_scene->clearSelection();
            edge->setSelected(!add || !edge->isSelected());
            event->accept();
            return;
        }
    }
    shiftAsControl(event, [this](QMouseEvent *e) { QGraphicsView::mousePressEvent(e); });
}

ConnectionItem *CanvasView::connectionAt(const QPoint &viewportPos) const
{
    // The shape's half width on this screen, and what it lacks of the reach round the point.
    const qreal own = ConnectionItem::kMinPickWidth / 2 * zoom();
    const qreal reach = std::max<qreal>(0.5, kConnectionReachPx - own);
    QPainterPath around;
    around.addEllipse(QPointF(viewportPos) + QPointF(0.5, 0.5), reach, reach);
    for (QGraphicsItem *item : items(around, Qt::IntersectsItemShape))
        if (auto *edge = qgraphicsitem_cast<ConnectionItem *>(item); edge && edge->isVisible())
            return edge;
    return nullptr;
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
    shiftAsControl(event, [this](QMouseEvent *e) { QGraphicsView::mouseMoveEvent(e); });
    // Over a port (or while drawing a wire) the cross says a wire starts here.
    const bool port = !m_space && (event->buttons() == Qt::NoButton
                                       ? m_scene->portAt(mapToScene(event->position().toPoint()),
                                                         zoom()) != nullptr
                                       : m_portCursor);
    if (port != m_portCursor) {
        m_portCursor = port;
        if (port)
            viewport()->setCursor(Qt::CrossCursor);
        else
            viewport()->unsetCursor();
    }
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_space ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    shiftAsControl(event, [this](QMouseEvent *e) { QGraphicsView::mouseReleaseEvent(e); });
}

void CanvasView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && !scene()->focusItem()) {
        m_space = true;
        m_spacePanned = false;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    event->ignore();
    QGraphicsView::keyPressEvent(event);
    // Escape folds an open legend when nothing else took it (a connection being drawn, a label
    // being edited): it lay over the boxes until clicked (QA).
    if (event->key() == Qt::Key_Escape && !event->isAccepted() && legendExpanded()) {
        setLegendExpanded(false);
        event->accept();
    }
    // Else it clears the selection, as in every diagram editor (QA: it did nothing).
    if (event->key() == Qt::Key_Escape && !event->isAccepted() && scene() &&
        !scene()->selectedItems().isEmpty()) {
        scene()->clearSelection();
        event->accept();
    }
}

void CanvasView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && m_space) {
        m_space = false;
        if (!m_panning)
            viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        if (!m_spacePanned && !m_panning)
            emit spaceTapped();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

namespace {

// The kind a palette drag carries, if it carries one.
std::optional<sc::Kind> droppedKind(const QMimeData *mime)
{
    const QByteArray name = mime->data(kKindMimeType);
    return sc::kindFromName(std::string_view(name.constData(), size_t(name.size())));
}

} // namespace

void CanvasView::dragEnterEvent(QDragEnterEvent *event)
{
    // A canvas that is a view (presenting) takes no drop, and shows none to come.
    if (event->mimeData()->hasFormat(kKindMimeType) && !m_scene->readOnly())
        event->acceptProposedAction();
    else
        event->ignore();
}

void CanvasView::dragMoveEvent(QDragMoveEvent *event)
{
    const std::optional<sc::Kind> kind = droppedKind(event->mimeData());
    if (!kind) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    showDropPreview(m_scene->dropRect(mapToScene(event->position().toPoint())), kind);
}

void CanvasView::dragLeaveEvent(QDragLeaveEvent *event)
{
    showDropPreview({});
    QGraphicsView::dragLeaveEvent(event);
}

void CanvasView::showDropPreview(const QRectF &rect, std::optional<sc::Kind> kind)
{
    if (rect == m_dropRect && kind == m_dropKind)
        return;
    // The outline's pen and the selection's margin round both boxes.
    auto area = [this](const QRectF &r) {
        return mapFromScene(r).boundingRect().adjusted(-4, -4, 4, 4);
    };
    if (!m_dropRect.isEmpty())
        viewport()->update(area(m_dropRect));
    m_dropRect = rect;
    m_dropKind = kind;
    if (!m_dropRect.isEmpty())
        viewport()->update(area(m_dropRect));
}

void CanvasView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (m_keyboardFocus && hasFocus()) {
        // Where the keys go: a frame in the palette's highlight just inside the viewport, in
        // pixels whatever the zoom (QA: Tab reached the canvas with nothing on screen saying so).
        painter->save();
        painter->resetTransform();
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(viewport()->rect()).adjusted(1, 1, -1, -1));
        painter->restore();
    }
    if (m_dropRect.isEmpty() || !m_dropKind || !rect.intersects(m_dropRect.adjusted(-4, -4, 4, 4)))
        return;
    const sc::Kind kind = *m_dropKind;
    // The box to come, as a dashed outline in the selection's colour over a faint box, with its
    // icon and name where the box has them.
    const CanvasColors col = canvasColors();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = col.box;
    fill.setAlphaF(0.75);
    QPen pen(col.selection, 1.6, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawRoundedRect(m_dropRect, 8, 8);
    painter->setOpacity(0.8);
    const QPointF at = m_dropRect.topLeft();
    kindIcon(kind).paint(painter, QRectF(at + QPointF(8, 8), QSizeF(24, 24)).toRect());
    QFont font = painter->font();
    font.setPixelSize(14); // the box's own title size
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(col.text);
    const std::string_view title = sc::kindTitle(kind);
    painter->drawText(QRectF(at + QPointF(36, 4), QSizeF(m_dropRect.width() - 44, 32)),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QString::fromUtf8(title.data(), qsizetype(title.size())));
    painter->restore();
}

void CanvasView::dropEvent(QDropEvent *event)
{
    showDropPreview({});
    const std::optional<sc::Kind> kind = droppedKind(event->mimeData());
    if (!kind) {
        event->ignore();
        return;
    }
    m_scene->addComponent(*kind, mapToScene(event->position().toPoint()));
    event->acceptProposedAction();
    setFocus();
}

} // namespace scui
