#pragma once

#include "core/model/params.h"

#include <QGraphicsView>
#include <QTimer>

#include <optional>

namespace scui {

class CanvasScene;
class ConnectionItem;

// Mime type of a palette drag: the kind name ("appServer").
inline constexpr char kKindMimeType[] = "application/x-scalecanvas-kind";

// Zoom (wheel, Ctrl +/-), pan (middle drag or space + drag), rubber-band selection, and
// drops from the palette. Space tapped without a drag is spaceTapped() (the timeline's play /
// pause, as Space on the timeline itself).
class CanvasView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit CanvasView(CanvasScene *scene, QWidget *parent = nullptr);

    CanvasScene *canvasScene() const { return m_scene; }
    // The legend over the view's bottom-left corner (what the colours and marks mean): a small
    // "Legend" tab at first; a click unfolds it and folds it again.
    QWidget *legend() const { return m_legend; }
    bool legendExpanded() const;
    void setLegendExpanded(bool expanded);
    qreal zoom() const { return transform().m11(); }
    // The least zoom (Zoom Out, Zoom to Fit): a thousand components in a column of 125 regions
    // fit a 1080-line screen at ~0.012, a 1280 × 800 one at ~0.008 (at 0.05, the floor before, a
    // third of it showed).
    static constexpr qreal kMinZoom = 0.005;
    // The largest zoom zoomToFit() gives. 0 (the editor's): up to 1.5, and a design that would
    // fit larger is shown at actual size; presenting sets 2, so a small design fills the
    // projector instead.
    void setFitLimit(qreal most) { m_fitLimit = most; }
    // Shows `area` (scene coordinates) at `zoom`: centred along an axis where it fits with
    // `marginPx` round it, else from its left edge (where the requests come in: designs read
    // left to right) or its top, `marginPx` before it.
    void showAt(const QRectF &area, qreal zoom, qreal marginPx);
    // While a palette item is dragged over the view: where its box would land (scene
    // coordinates), drawn as a dashed outline with the kind's icon and name; empty otherwise.
    QRectF dropPreview() const { return m_dropRect; }
    // Space is held: a left drag pans.
    bool panKeyHeld() const { return m_space; }
    // The connection at `viewportPos` as this view hit-tests it: its shape, or within
    // kConnectionReachPx of its line on this view's screen (zoomed out on a large design, its
    // 10 scene units were 2 px to hit; QA). A left click there selects it; null when none.
    ConnectionItem *connectionAt(const QPoint &viewportPos) const;
    static constexpr qreal kConnectionReachPx = 4;

signals:
    // Space pressed and released over the canvas with no pan between (not while a box's label
    // is being edited).
    void spaceTapped();

public slots:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void resetZoom();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    // The scene's background, then the connections (see ConnectionItem::paint).
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    // The drop preview, over the scene; the keyboard's focus frame round the viewport.
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void zoomBy(qreal factor);
    // The drop preview moved to `rect` (empty: gone), both areas repainted.
    void showDropPreview(const QRectF &rect, std::optional<sc::Kind> kind = {});
    void placeLegend();

    CanvasScene *m_scene;
    QWidget *m_legend = nullptr;
    QSize m_areaSize;          // viewport and scroll bars, at the last resize: its centre is kept
    QTimer m_placeLegendTimer; // placeLegend() once the view's changes have settled
    qreal m_fitLimit = 0;
    bool m_space = false;
    bool m_panning = false;
    bool m_spacePanned = false; // a drag panned while Space was held: its release is no tap
    bool m_portCursor = false;  // the cross shown over a port (a wire can start there)
    // The focus came from the keyboard (Tab, Shift+Tab, a shortcut): a frame shows where the
    // keys go, until the mouse is used on the canvas (as :focus-visible on the web).
    bool m_keyboardFocus = false;
    QPoint m_panLast;
    QRectF m_dropRect;                  // the drop preview's box (scene coordinates); empty: none
    std::optional<sc::Kind> m_dropKind; // its kind
};

} // namespace scui
