#pragma once

#include "core/model/params.h"
#include "ui/commands/componentcommands.h"
#include "ui/document.h"

#include <QGraphicsScene>
#include <QHash>
#include <QMultiHash>
#include <QPointer>
#include <QSet>

#include <optional>
#include <vector>

class QGraphicsPathItem;

namespace scui {

class ComponentItem;
class ConnectionItem;
class GroupItem;
class NoteItem;
class PopulationsItem;
class LabelEditor;

// The scene keeps id → item and listens to the document; positions are model data, so a drag
// pushes MoveComponents commands instead of moving items itself.
class CanvasScene : public QGraphicsScene
{
    Q_OBJECT

public:
    static constexpr qreal kGrid = 20;
    // Above this many items (boxes and connections) the scene keeps no spatial index: Qt's BSP
    // tree files an item under every leaf its bounds cross, and the long edges of a big design
    // cross thousands (90,000 edges took gigabytes). A linear scan of the items costs a few
    // milliseconds per query instead.
    static constexpr int kIndexedItems = 4000;
    // Above this many connections they are drawn simplified at every zoom: straight lines,
    // no arrow heads, no flow labels (a design too big to draw in full still opens).
    static constexpr int kDetailedConnections = 20000;
    bool plainConnections() const { return m_plainConnections; }
    // Up to this many connections the flow labels are placed clear of the boxes and of each
    // other; above it each sits at the middle of its connection.
    static constexpr int kPlacedLabels = 2000;

    explicit CanvasScene(Document *doc, QObject *parent = nullptr);

    Document *document() const { return m_doc; }
    // What the design covers (its boxes, connections, regions, notes and marks): the scene's
    // items but the request-flow overlay, which spans the whole scene rect while it runs. What
    // fitting, exports and the scene's own margins go by.
    QRectF designRect() const;
    // The users' card ("Users by place"), in scene coordinates; empty when the design has none.
    QRectF populationsRect() const;
    ComponentItem *componentItem(const QString &id) const { return m_items.value(id); }
    // Draws boxes (and their edges) at other places than the design's for a moment, a lesson's
    // step moving in: a view only, not an edit; the next sync puts them where the design has them.
    void showComponentsAt(const std::vector<std::pair<QString, QPointF>> &positions);
    ConnectionItem *connectionItem(const ConnectionKey &key) const { return m_edges.value(key); }
    QList<ConnectionItem *> connectionItems() const { return m_edges.values(); }
    GroupItem *groupItem(const QString &id) const { return m_groups.value(id); }
    NoteItem *noteItem(const QString &id) const { return m_notes.value(id); }
    // Notes (issue 17): a sticky note or free text at `scenePos` (its top-left), one undo step;
    // returns its id. Editing the text, by a dialog or directly, is one undo step too.
    QString addNote(sc::Note::Kind kind, const QPointF &scenePos, const QString &text = {});
    void setNoteText(const QString &id, const QString &text);
    void editNote(const QString &id);

    // A view only (presenting, DESIGN.md "Present and compare"): boxes, edges, regions and notes
    // are selected and their menus opened, but nothing is moved, wired, renamed, added or
    // deleted (QA: a slip of the mouse before a class moved a lesson step's box for good, and
    // undo was out of reach there). Turning it on ends a gesture or an edit under way.
    void setReadOnly(bool on);
    bool readOnly() const { return m_readOnly; }

    bool snapToGrid() const { return m_snap; }
    void setSnapToGrid(bool on);
    QPointF snapped(const QPointF &p) const;
    // Where a box added at `scenePos` (a drop, a double-click in the palette) lands: centred
    // there, its corner on the grid when snapping is on.
    QRectF dropRect(const QPointF &scenePos) const;

    // Read from the scene's live selection, so a listener may call them at any moment.
    QStringList selectedIds() const;
    QList<ConnectionKey> selectedConnections() const;
    // Selects exactly `ids` (the boxes); one selectionChanged, or none when nothing changed.
    void selectIds(const QStringList &ids);
    // Selects exactly the items `selection` names that are on the canvas (boxes, connections,
    // regions and zones, notes); one selectionChanged, or none when nothing changed.
    void selectItems(const Selection &selection);
    // What is selected: boxes, connections, regions and zones, notes.
    Selection selection() const;
    // Selects every box and connection (Ctrl+A); one selectionChanged.
    void selectAll();

    // Creates a component of `kind` centred on `scenePos` (one undo step). Returns its id.
    QString addComponent(sc::Kind kind, const QPointF &scenePos);
    // True while addComponent selects the box it added (the window leaves the palette in front).
    bool addingComponent() const { return m_adding; }
    // Connects two components; returns why not (empty when the connection was made).
    QString connectComponents(const QString &from, const QString &to);
    // Deletes the selected components, connections, regions and zones (one undo step).
    void deleteSelection();

    // Regions and zones (issue 15). A new group of `kind` ("region" or "zone") fitted round the
    // boxes `ids`, which become its members; round `centre` at a default size when there are
    // none. A zone inside a region belongs to it. One undo step; returns the group's id.
    QString addGroup(const std::string &kind, const QStringList &ids, const QPointF &centre);
    // A new group's rectangle kept clear of the boxes that are not its members.
    QRectF clearOfOthers(QRectF r, const QStringList &members) const;
    // The selected group (the inspector shows it); empty when none or more than one thing is.
    QString selectedGroup() const;
    void selectGroup(const QString &id);
    // One undo step each; a group left as it was pushes nothing.
    void renameGroup(const QString &id, const QString &label);
    void removeGroup(const QString &id);
    // Moves a group by `delta` with the boxes and groups inside it, or resizes it to `rect`
    // (its members then being the boxes whose centre is inside). `gesture` merges a drag.
    void moveGroup(const QString &id, const QPointF &delta, int gesture = 0);
    void resizeGroup(const QString &id, const QRectF &rect, int gesture = 0);
    // Opens the in-place editor on a group's title.
    void editGroupLabel(const QString &id);
    // Places every flow label along its connection, clear of the boxes and of each other (the
    // first of a few points along each that is clear, in design order). After an edit only
    // the labels of the connections that moved, and those a box now covers, are placed again.
    void placeLabels();
    // The users' card beside its clients box where it covers no other box or note (again when
    // its text changes size: presenting).
    void placePopulations();
    // The box whose port is within its hit radius (ComponentItem::portHitRadius) of `scenePos`
    // for a view at `zoom`; the nearest one when several are.
    ComponentItem *portAt(const QPointF &scenePos, qreal zoom) const;
    // Opens the in-place label editor.
    void editLabel(const QString &id);
    // Applies what the open label editor holds (one undo step, as Return would); no-op without
    // one. Whatever asks "are there unsaved edits?" or saves calls this first.
    void commitLabelEdit();

signals:
    void statusMessage(const QString &message);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    // Escape drops a wire being drawn from a port; an arrow moves the selected boxes.
    void keyPressEvent(QKeyEvent *event) override;
    // Tooltips that say what the figure under the mouse is (ComponentItem::toolTipAt).
    void helpEvent(QGraphicsSceneHelpEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    class SelectionBatch;
    void onChanged(const ChangeEvent &event);
    // onChanged's work on the items, with the selection's listeners told once at the end.
    void applyChange(const ChangeEvent &event);
    // Ends a port or box drag whose items are gone (the design was replaced, or the drag's
    // source removed by an undo in the middle of it).
    void cancelGesture();
    void onEvaluated();
    void rebuild();
    // The populations card under the first clients box: made, moved, filled or removed to
    // match the design's populations and the evaluation's figures.
    void syncPopulations();
    void addItem(const QString &id);
    // Makes the group items match the document's groups (a handful): new, gone, changed.
    void syncGroups();
    void syncNotes();
    void commitNote(const sc::Note &note, int gesture);
    GroupItem *groupAt(const QPointF &scenePos) const;
    // Moves the selected boxes by `delta` (an arrow key): one undo step, which the repeats of
    // a held key join. False when no box is selected.
    bool nudgeSelection(QPointF delta, bool repeat);
    // A group drag's mouse move: moves or resizes m_dragGroup from where it began.
    void dragGroup(const QPointF &scenePos);
    // The groups after the moved boxes of a drag land (membership follows their centres).
    // The groups after `moves` (the boxes moved by `delta` since the gesture began): each box
    // in the groups it lands in; with every box moving, the groups moved by `delta` too.
    std::vector<sc::Group> regroupMoved(const std::vector<MoveComponents::Move> &moves,
                                        QPointF delta) const;
    // The notes with the selected ones moved by `delta` since the gesture began; none selected:
    // nullopt.
    std::optional<std::vector<sc::Note>> notesMoved(QPointF delta) const;
    // Sets on `cmd` what moves with its boxes: the groups (regroupMoved) and the selected notes.
    void carryWithMove(MoveComponents *cmd, const std::vector<MoveComponents::Move> &moves,
                       QPointF delta) const;
    // When `event` moved every box by one step: moves them, and the edges and their labels by
    // that step without routing them again; true then. Otherwise changes nothing.
    bool movedWhole(const ChangeEvent &event);
    // Makes the item of connection `key` match the document: created when the connection and
    // both its ends are there, deleted when not, otherwise kept (its figures re-read).
    void syncConnection(const ConnectionKey &key);
    // Items for the document's connections with an end among `ids` that have none yet.
    void addConnectionsOf(const QStringList &ids);
    void removeConnectionItem(ConnectionItem *edge);
    void adjustEdgesOf(const QString &id);
    // Re-routes the connections near `rects` (boxes came, went or moved there), each once, but
    // those in `skip`.
    void rerouteAround(const std::vector<QRectF> &rects,
                       const QSet<const ConnectionItem *> &skip = {});
    // A box drag ended: the connections of the boxes moved, and those near where they were
    // and are, go round boxes again.
    void endDrag();
    // Re-routes a connection; its label is placed again at the end of the change.
    void adjustEdge(ConnectionItem *edge);
    // Places the labels of m_unplaced and those over `areas` among the labels already placed.
    void placeLabelsNear(const std::vector<QRectF> &areas);
    void placeInMiddle(ConnectionItem *edge); // many labels, or during a drag
    ComponentItem *componentAt(const QPointF &scenePos) const;
    void growSceneRect();

    Document *m_doc;
    QHash<QString, ComponentItem *> m_items;
    QHash<ConnectionKey, ConnectionItem *> m_edges;
    QHash<QString, NoteItem *> m_notes;      // sticky notes and free text, above the edges
    QHash<QString, GroupItem *> m_groups;    // regions and zones, drawn behind
    QPointer<PopulationsItem> m_populations; // a child of its clients box, deleted with it
    QMultiHash<QString, ConnectionItem *> m_edgesOf;
    QSet<ConnectionItem *> m_unplaced; // re-routed: their labels to be placed again
    bool m_snap = true;
    bool m_readOnly = false;
    bool m_adding = false;
    bool m_plainConnections = false;

    // Gesture state.
    enum class Drag { None, Move, Connect, MoveGroup, ResizeGroup } m_drag = Drag::None;
    int m_gesture = 0;
    QPointF m_pressPos;
    QString m_anchor; // the item under the mouse when the drag began
    std::vector<std::pair<QString, QPointF>> m_startPositions;
    std::vector<sc::Group> m_startGroups; // the groups when a drag began
    std::vector<sc::Note> m_startNotes;   // the notes when a drag or a nudge began
    QPointF m_nudged;                     // the arrow keys' step so far (held: its repeats)
    QString m_dragGroup;                  // the group a group drag moves or resizes
    int m_handle = -1;                    // the corner a resize drags
    QString m_connectFrom;
    QGraphicsPathItem *m_rubberEdge = nullptr;
    QPointer<LabelEditor> m_editor;
};

} // namespace scui
