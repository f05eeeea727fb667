#include "canvasscene.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/groupitem.h"
#include "ui/canvas/labelplacement.h"
#include "ui/canvas/noteitem.h"
#include "ui/canvas/populationsitem.h"
#include "ui/canvas/requestflow.h"
#include "ui/commands/changecommands.h"
#include "ui/commands/componentcommands.h"
#include "ui/commands/groupcommands.h"
#include "ui/commands/lessoncommands.h"

#include "core/io/format.h"

#include <QGraphicsPathItem>
#include <QGraphicsSceneHelpEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QPaintEngine>
#include <QPainter>
#include <QPixmapCache>
#include <QPlainTextEdit>
#include <QSet>
#include <QSignalBlocker>
#include <QStyleOptionGraphicsItem>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

namespace scui {

// In-place label editor: Enter commits, Escape cancels, leaving the field commits.
class LabelEditor : public QGraphicsTextItem
{
public:
    LabelEditor(CanvasScene *scene, const QString &id, const QString &text, bool group = false)
        : QGraphicsTextItem(text)
        , m_scene(scene)
        , m_id(id)
        , m_group(group)
    {
        setTextInteractionFlags(Qt::TextEditorInteraction);
        setZValue(100);
        QTextCursor c(document());
        c.select(QTextCursor::Document);
        setTextCursor(c);
    }

    const QString &id() const { return m_id; }

    void finish(bool commit)
    {
        if (m_done)
            return;
        m_done = true;
        const QString text = toPlainText().simplified();
        Document *doc = m_scene->document();
        if (commit && m_group) {
            m_scene->renameGroup(m_id, text);
        } else if (commit) {
            const sc::Component *c = doc->component(m_id);
            if (text.isEmpty())
                emit m_scene->statusMessage(
                    QObject::tr("A label cannot be empty; kept the old one"));
            else if (c && text.toStdString() != c->label)
                doc->undoStack()->push(new RenameComponent(doc, m_id, text));
        }
        deleteLater();
    }

protected:
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override
    {
        // An opaque backing: the label the box still paints below must not show through.
        painter->fillRect(boundingRect(), canvasColors().box);
        QGraphicsTextItem::paint(painter, option, widget);
    }
    void keyPressEvent(QKeyEvent *e) override
    {
        if (e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter)
            finish(true);
        else if (e->key() == Qt::Key_Escape)
            finish(false);
        else
            QGraphicsTextItem::keyPressEvent(e);
    }
    void focusOutEvent(QFocusEvent *e) override
    {
        QGraphicsTextItem::focusOutEvent(e);
        finish(true);
    }

private:
    CanvasScene *m_scene;
    QString m_id;
    bool m_group;
    bool m_done = false;
};

CanvasScene::CanvasScene(Document *doc, QObject *parent)
    : QGraphicsScene(parent)
    , m_doc(doc)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(doc, &Document::changed, this, &CanvasScene::onChanged);
    connect(doc, &Document::evaluated, this, &CanvasScene::onEvaluated);
    // The timeline's clock: the boxes show another step (edges keep the steady figures).
    connect(doc, &Document::timeFrameChanged, this, &CanvasScene::onEvaluated);
    rebuild();
}

void CanvasScene::setReadOnly(bool on)
{
    if (on && !m_readOnly) {
        commitLabelEdit();
        cancelGesture();
    }
    m_readOnly = on;
}

void CanvasScene::setSnapToGrid(bool on)
{
    if (on == m_snap)
        return;
    m_snap = on;
    // The grid is drawn in the background, which the views cache.
    for (QGraphicsView *view : views())
        view->resetCachedContent();
    update();
}

QPointF CanvasScene::snapped(const QPointF &p) const
{
    if (!m_snap)
        return p;
    return QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid);
}

QRectF CanvasScene::dropRect(const QPointF &scenePos) const
{
    const QSizeF size(ComponentItem::kWidth, ComponentItem::kHeight);
    return QRectF(snapped(scenePos - QPointF(size.width() / 2, size.height() / 2)), size);
}

// Deleting a selected item makes Qt emit selectionChanged from inside the item's destructor,
// once per item, while the scene's tables are half updated; selecting many items emits once per
// item too (quadratic for Ctrl+A on a big design, as every listener re-reads the selection).
// Within a batch the scene's signals wait; at its end the listeners hear once, if the selection
// changed. (Nothing in a batch may change the scene rect: views listen for that.)
class CanvasScene::SelectionBatch
{
public:
    explicit SelectionBatch(CanvasScene *scene)
        : m_scene(scene)
        , m_before(selection(scene))
        , m_blocker(scene)
    {
    }
    ~SelectionBatch()
    {
        m_blocker.unblock();
        if (selection(m_scene) != m_before)
            emit m_scene->selectionChanged();
    }
    SelectionBatch(const SelectionBatch &) = delete;
    SelectionBatch &operator=(const SelectionBatch &) = delete;

private:
    static QSet<QGraphicsItem *> selection(const QGraphicsScene *scene)
    {
        const QList<QGraphicsItem *> items = scene->selectedItems();
        return QSet<QGraphicsItem *>(items.begin(), items.end());
    }
    CanvasScene *m_scene;
    QSet<QGraphicsItem *> m_before;
    QSignalBlocker m_blocker;
};

QStringList CanvasScene::selectedIds() const
{
    // The scene's own list holds live items only, whatever is being deleted; the tables may be
    // half way through an update when a listener asks. In design order, so commands and the
    // clipboard are deterministic.
    QSet<QString> chosen;
    for (QGraphicsItem *i : selectedItems())
        if (auto *c = qgraphicsitem_cast<ComponentItem *>(i))
            chosen.insert(c->id());
    QStringList ids;
    if (chosen.isEmpty())
        return ids;
    for (const sc::Component &c : m_doc->design().components)
        if (const QString id = QString::fromStdString(c.id); chosen.contains(id))
            ids << id;
    return ids;
}

QList<ConnectionKey> CanvasScene::selectedConnections() const
{
    QList<ConnectionKey> out;
    for (QGraphicsItem *i : selectedItems())
        if (auto *e = qgraphicsitem_cast<ConnectionItem *>(i))
            out << e->key();
    std::sort(out.begin(), out.end(), [this](const ConnectionKey &a, const ConnectionKey &b) {
        return m_doc->connectionIndex(a) < m_doc->connectionIndex(b);
    });
    return out;
}

void CanvasScene::selectIds(const QStringList &ids)
{
    SelectionBatch batch(this);
    clearSelection();
    for (const QString &id : ids)
        if (ComponentItem *item = m_items.value(id))
            item->setSelected(true);
}

// Every box, connection and note (a region or zone is not: it moves with its boxes, and Delete
// after Select All leaves it, as an empty frame, to be deleted on purpose).
void CanvasScene::selectAll()
{
    SelectionBatch batch(this);
    for (ComponentItem *item : std::as_const(m_items))
        item->setSelected(true);
    for (ConnectionItem *edge : std::as_const(m_edges))
        edge->setSelected(true);
    for (NoteItem *note : std::as_const(m_notes))
        note->setSelected(true);
}

QString CanvasScene::addComponent(sc::Kind kind, const QPointF &scenePos)
{
    if (m_readOnly)
        return {};
    sc::Design part;
    sc::Component c;
    c.kind = kind;
    c.id = std::string(sc::kindName(kind));
    c.label = std::string(sc::kindTitle(kind));
    const QPointF topLeft = dropRect(scenePos).topLeft();
    c.position = {topLeft.x(), topLeft.y()};
    part.components.push_back(c);
    auto *cmd = new AddComponents(m_doc, sc::saveDesign(part));
    const QStringList ids = cmd->ids();
    m_doc->undoStack()->push(cmd);
    m_adding = true;
    selectIds(ids);
    m_adding = false;
    return ids.value(0);
}

QString CanvasScene::connectComponents(const QString &from, const QString &to)
{
    if (m_readOnly)
        return tr("the canvas is a view while presenting (Esc to edit)");
    const sc::Component *a = m_doc->component(from);
    const sc::Component *b = m_doc->component(to);
    if (!a || !b)
        return tr("Unknown component");
    if (from == to)
        return tr("A component cannot connect to itself");
    for (const sc::Connection &c : m_doc->design().connections)
        if (c.from == a->id && c.to == b->id)
            return tr("%1 is already connected to %2")
                .arg(displayText(a->label), displayText(b->label));
    std::string reason;
    if (!sc::connectionAllowed(a->kind, b->kind, &reason))
        return displayText(reason);
    sc::Connection c;
    c.from = a->id;
    c.to = b->id;
    m_doc->undoStack()->push(new AddConnection(m_doc, c));
    return {};
}

Selection CanvasScene::selection() const
{
    Selection selected{selectedIds(), selectedConnections(), {}, {}};
    for (QGraphicsItem *i : selectedItems())
        if (auto *g = qgraphicsitem_cast<GroupItem *>(i))
            selected.groups << g->id();
        else if (auto *n = qgraphicsitem_cast<NoteItem *>(i))
            selected.notes << QString::fromStdString(n->note().id);
    return selected;
}

void CanvasScene::deleteSelection()
{
    if (m_readOnly)
        return;
    Selection selected = selection(); // what an undo selects again
    const QStringList ids = selected.components;
    const QList<ConnectionKey> edges = selected.connections;
    std::unordered_set<std::string> groups, notes;
    for (const QString &g : selected.groups)
        if (const GroupItem *item = groupItem(g))
            groups.insert(item->group().id);
    for (const QString &n : selected.notes)
        notes.insert(n.toStdString());
    if (ids.isEmpty() && edges.isEmpty() && groups.empty() && notes.empty())
        return;
    // One command, so one undo step, one model rebuild and one change event: the groups go
    // after the components, which leave the groups they were in first.
    auto *cmd = new DeleteSelection(m_doc, std::move(selected));
    if (!ids.isEmpty() || !edges.isEmpty())
        new RemoveComponents(m_doc, ids, edges, cmd);
    if (!groups.empty()) {
        std::vector<sc::Group> kept = withoutMembers(m_doc->design().groups, ids);
        std::erase_if(kept, [&](const sc::Group &g) { return groups.count(g.id) > 0; });
        new ChangeGroups(m_doc, std::move(kept), tr("Delete"), 0, cmd);
    }
    if (!notes.empty()) {
        std::vector<sc::Note> kept = m_doc->design().notes;
        std::erase_if(kept, [&](const sc::Note &n) { return notes.count(n.id) > 0; });
        new ChangeNotes(m_doc, std::move(kept), tr("Delete"), 0, cmd);
    }
    if (cmd->childCount() == 1) // "Delete App tier", not "Delete"
        cmd->setText(cmd->child(0)->text());
    m_doc->undoStack()->push(cmd);
}

void CanvasScene::syncNotes()
{
    QHash<QString, NoteItem *> old = std::exchange(m_notes, {});
    for (const sc::Note &n : m_doc->design().notes) {
        const QString id = QString::fromStdString(n.id);
        NoteItem *item = old.take(id);
        if (item) {
            item->sync(n);
        } else {
            item = new NoteItem(
                n, [this](const sc::Note &note, int gesture) { commitNote(note, gesture); },
                [this](const QString &noteId) { editNote(noteId); });
            QGraphicsScene::addItem(item);
        }
        m_notes.insert(id, item);
    }
    qDeleteAll(old);
}

void CanvasScene::commitNote(const sc::Note &note, int gesture)
{
    std::vector<sc::Note> notes = m_doc->design().notes;
    bool resized = false;
    for (sc::Note &n : notes)
        if (n.id == note.id) {
            resized = n.width != note.width || n.height != note.height;
            n = note;
        }
    m_doc->undoStack()->push(new ChangeNotes(
        m_doc, std::move(notes), resized ? tr("Resize note") : tr("Move note"), gesture));
}

QString CanvasScene::addNote(sc::Note::Kind kind, const QPointF &scenePos, const QString &text)
{
    if (m_readOnly)
        return {};
    std::vector<sc::Note> notes = m_doc->design().notes;
    std::string id = "note";
    for (int n = 2;
         std::any_of(notes.begin(), notes.end(), [&](const sc::Note &x) { return x.id == id; });
         ++n)
        id = "note" + std::to_string(n);
    sc::Note note;
    note.id = id;
    note.kind = kind;
    note.x = std::round(scenePos.x());
    note.y = std::round(scenePos.y());
    if (kind == sc::Note::Kind::Text) {
        note.width = 260;
        note.height = 60;
    }
    note.text = (text.isEmpty() ? (kind == sc::Note::Kind::Sticky ? tr("Note") : tr("Text")) : text)
                    .toStdString();
    notes.push_back(note);
    m_doc->undoStack()->push(new ChangeNotes(
        m_doc, std::move(notes), kind == sc::Note::Kind::Sticky ? tr("Add note") : tr("Add text")));
    const QString qid = QString::fromStdString(id);
    if (NoteItem *item = m_notes.value(qid)) {
        clearSelection();
        item->setSelected(true);
    }
    return qid;
}

void CanvasScene::setNoteText(const QString &id, const QString &text)
{
    std::vector<sc::Note> notes = m_doc->design().notes;
    bool changed = false;
    for (sc::Note &n : notes)
        if (n.id == id.toStdString() && n.text != text.toStdString()) {
            n.text = text.toStdString();
            changed = true;
        }
    if (changed)
        m_doc->undoStack()->push(new ChangeNotes(m_doc, std::move(notes), tr("Edit note")));
}

void CanvasScene::editNote(const QString &id)
{
    if (m_readOnly)
        return;
    NoteItem *item = m_notes.value(id);
    if (!item)
        return;
    QWidget *parent = views().isEmpty() ? nullptr : views().first();
    QInputDialog dialog(parent);
    dialog.setWindowTitle(tr("Edit Note"));
    dialog.setLabelText(tr("Text:"));
    dialog.setOption(QInputDialog::UsePlainTextEditForTextInput);
    dialog.setTextValue(QString::fromStdString(item->note().text));
    // Wrapped at the editor's width as the note wraps on the canvas (it scrolled sideways).
    if (auto *edit = dialog.findChild<QPlainTextEdit *>())
        edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    if (dialog.exec() == QDialog::Accepted)
        setNoteText(id, dialog.textValue());
}

void CanvasScene::editLabel(const QString &id)
{
    if (m_readOnly)
        return;
    ComponentItem *item = m_items.value(id);
    const sc::Component *c = m_doc->component(id);
    if (!item || !c)
        return;
    if (m_editor)
        m_editor->finish(true);
    auto *editor = new LabelEditor(this, id, QString::fromStdString(c->label));
    QFont f = editor->font();
    f.setPixelSize(13);
    f.setBold(true);
    editor->setFont(f);
    editor->setDefaultTextColor(canvasColors().text);
    editor->setTextWidth(item->labelRect().width());
    QGraphicsScene::addItem(editor);
    editor->setPos(item->pos() + item->labelRect().topLeft() - QPointF(4, 4));
    // An opaque backing so the painted label does not show through.
    editor->document()->setDocumentMargin(3);
    editor->setFocus();
    m_editor = editor;
}

void CanvasScene::commitLabelEdit()
{
    if (m_editor)
        m_editor->finish(true);
}

ComponentItem *CanvasScene::componentAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *i : items(scenePos))
        if (auto *c = qgraphicsitem_cast<ComponentItem *>(i))
            return c;
    return nullptr;
}

ComponentItem *CanvasScene::portAt(const QPointF &scenePos, qreal zoom) const
{
    const qreal r = ComponentItem::portHitRadius(zoom);
    ComponentItem *best = nullptr;
    qreal bestDistance = r;
    const QRectF around(scenePos - QPointF(r, r), QSizeF(2 * r, 2 * r));
    for (QGraphicsItem *i : items(around, Qt::IntersectsItemBoundingRect)) {
        auto *c = qgraphicsitem_cast<ComponentItem *>(i);
        if (!c || !c->isOnPort(scenePos, zoom))
            continue;
        const qreal d = QLineF(scenePos, c->outPoint()).length();
        if (!best || d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

namespace {

// The zoom of the view an event came through (1 without one).
qreal zoomOf(const QWidget *viewport)
{
    const auto *view =
        viewport ? qobject_cast<const QGraphicsView *>(viewport->parentWidget()) : nullptr;
    return view ? view->transform().m11() : 1;
}

} // namespace

void CanvasScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    const qreal zoom = zoomOf(event->widget());
    QString tip;
    if (ComponentItem *port = portAt(event->scenePos(), zoom))
        tip = port->toolTipAt(ComponentItem::portRect().center());
    else if (ComponentItem *item = componentAt(event->scenePos()))
        tip = item->toolTipAt(item->mapFromScene(event->scenePos()));
    if (tip.isEmpty()) {
        QGraphicsScene::helpEvent(event);
        return;
    }
    QToolTip::showText(event->screenPos(), tip, event->widget());
    event->setAccepted(true);
}

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    if (m_readOnly) { // a view: selection only
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    // A port first: its hit area reaches into the box and past its edge, at any zoom.
    if (ComponentItem *port = portAt(event->scenePos(), zoomOf(event->widget()))) {
        m_drag = Drag::Connect;
        m_connectFrom = port->id();
        m_rubberEdge = new QGraphicsPathItem;
        m_rubberEdge->setPen(QPen(canvasColors().selection, 2, Qt::DashLine));
        m_rubberEdge->setZValue(50);
        QGraphicsScene::addItem(m_rubberEdge);
        event->accept();
        return;
    }
    // A selected group's corner handle: a resize.
    const qreal zoom = zoomOf(event->widget());
    for (GroupItem *g : std::as_const(m_groups)) {
        if (const int handle = g->handleAt(event->scenePos(), zoom); handle >= 0) {
            m_drag = Drag::ResizeGroup;
            ++m_gesture;
            m_dragGroup = g->id();
            m_handle = handle;
            m_startGroups = m_doc->design().groups;
            event->accept();
            return;
        }
    }
    ComponentItem *item = componentAt(event->scenePos());
    GroupItem *group = item ? nullptr : groupAt(event->scenePos());
    QGraphicsScene::mousePressEvent(event); // selection
    m_startGroups = m_doc->design().groups;
    m_startNotes = m_doc->design().notes;
    m_pressPos = event->scenePos();
    if (item && item->isSelected()) {
        m_drag = Drag::Move;
        ++m_gesture;
        m_anchor = item->id();
        m_startPositions.clear();
        for (const QString &id : selectedIds())
            m_startPositions.emplace_back(id, m_items.value(id)->pos());
    } else if (group && group->isSelected()) {
        // Its title or border: the group moves with the boxes inside it.
        m_drag = Drag::MoveGroup;
        ++m_gesture;
        m_dragGroup = group->id();
        m_startPositions.clear();
        for (ComponentItem *c : std::as_const(m_items))
            if (group->rect().contains(c->boxRect().center()))
                m_startPositions.emplace_back(c->id(), c->pos());
    }
}

void CanvasScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_drag == Drag::Connect && m_rubberEdge) {
        const ComponentItem *from = m_items.value(m_connectFrom);
        if (!from) { // removed by an undo in the middle of the drag (cancelGesture)
            cancelGesture();
            return;
        }
        const QPointF a = from->outPoint();
        const QPointF b = event->scenePos();
        QPainterPath p(a);
        const qreal dx = std::max<qreal>(40, std::abs(b.x() - a.x()) / 2);
        p.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
        m_rubberEdge->setPath(p);
        return;
    }
    if ((m_drag == Drag::MoveGroup || m_drag == Drag::ResizeGroup) &&
        (event->buttons() & Qt::LeftButton)) {
        dragGroup(event->scenePos());
        return;
    }
    if (m_drag == Drag::Move && (event->buttons() & Qt::LeftButton)) {
        // The anchor's top-left snaps; every other selected item keeps its offset to it.
        QPointF anchorStart;
        for (const auto &[id, p] : m_startPositions)
            if (id == m_anchor)
                anchorStart = p;
        const QPointF delta = snapped(anchorStart + event->scenePos() - m_pressPos) - anchorStart;
        std::vector<MoveComponents::Move> moves;
        bool any = false;
        for (const auto &[id, start] : m_startPositions) {
            const sc::Component *c = m_doc->component(id);
            if (!c)
                continue;
            const QPointF to = start + delta;
            any = any || to != QPointF(c->position.x, c->position.y);
            moves.push_back({id, {start.x(), start.y()}, {to.x(), to.y()}});
        }
        if (any) {
            auto *cmd = new MoveComponents(m_doc, moves, m_gesture);
            // The boxes join the groups they are dropped in and leave those they leave; the
            // selected notes come along.
            carryWithMove(cmd, moves, delta);
            m_doc->undoStack()->push(cmd);
        }
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_drag == Drag::Connect) {
        delete m_rubberEdge;
        m_rubberEdge = nullptr;
        m_drag = Drag::None;
        if (ComponentItem *target = componentAt(event->scenePos())) {
            const QString why = connectComponents(m_connectFrom, target->id());
            emit statusMessage(why.isEmpty() ? tr("Connected") : tr("Cannot connect: %1").arg(why));
        }
        return;
    }
    const Drag drag = std::exchange(m_drag, Drag::None);
    if (drag == Drag::Move || drag == Drag::MoveGroup)
        endDrag();
    m_dragGroup.clear();
    m_handle = -1;
    growSceneRect();
    QGraphicsScene::mouseReleaseEvent(event);
}

void CanvasScene::keyPressEvent(QKeyEvent *event)
{
    // Letting go after Escape then connects nothing (the release finds no drag).
    if (event->key() == Qt::Key_Escape && m_drag == Drag::Connect) {
        cancelGesture();
        event->accept();
        return;
    }
    // An arrow moves the selected boxes a grid step, unless a label or note is being edited
    // or a drag is under way; with nothing selected it scrolls the view.
    static const QHash<int, QPointF> steps = {{Qt::Key_Left, {-kGrid, 0}},
                                              {Qt::Key_Right, {kGrid, 0}},
                                              {Qt::Key_Up, {0, -kGrid}},
                                              {Qt::Key_Down, {0, kGrid}}};
    if (steps.contains(event->key()) && !focusItem() && m_drag == Drag::None && !m_readOnly &&
        !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) &&
        nudgeSelection(steps.value(event->key()), event->isAutoRepeat())) {
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

bool CanvasScene::nudgeSelection(QPointF delta, bool repeat)
{
    const QStringList ids = selectedIds();
    const bool notes = std::any_of(m_notes.cbegin(), m_notes.cend(),
                                   [](const NoteItem *n) { return n->isSelected(); });
    if (ids.isEmpty() && !notes)
        return false;
    if (!repeat) { // a new step; a held key's repeats merge into it
        ++m_gesture;
        m_startGroups = m_doc->design().groups;
        m_startNotes = m_doc->design().notes;
        m_nudged = {};
    }
    m_nudged += delta; // from where the step began: a held key's repeats add up
    std::vector<MoveComponents::Move> moves;
    for (const QString &id : ids)
        if (const sc::Component *c = m_doc->component(id))
            moves.push_back(
                {id, c->position, {c->position.x + delta.x(), c->position.y + delta.y()}});
    auto *cmd = new MoveComponents(m_doc, moves, m_gesture);
    carryWithMove(cmd, moves, m_nudged);
    m_doc->undoStack()->push(cmd);
    growSceneRect();
    return true;
}

void CanvasScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_readOnly) {
        event->accept(); // (not passed on: a note would open its editor)
        return;
    }
    if (ComponentItem *item = componentAt(event->scenePos())) {
        editLabel(item->id());
        return;
    }
    if (GroupItem *group = groupAt(event->scenePos())) {
        editGroupLabel(group->id());
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void CanvasScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    const CanvasColors col = canvasColors();
    const QTransform world = painter->worldTransform();
    // Grid dots every 20 px, each a 2 × 2 block of device pixels; none when zoomed out so far
    // they would be a grey haze. The views cache the background, but the connections share
    // it, so it is redrawn after every edit: it must cost next to nothing.
    const bool grid = m_snap && world.m11() >= 0.5;
    if (!painter->isActive())
        return;
    if (grid && world.type() <= QTransform::TxTranslate &&
        painter->paintEngine()->type() == QPaintEngine::Raster &&
        painter->device()->devicePixelRatio() == 1) {
        // At 1:1 the background and its dots are one tile: a single texture fill, about
        // the cost of a plain fill.
        const QString key = QStringLiteral("scalecanvas/grid/%1/%2")
                                .arg(col.background.rgba())
                                .arg(col.grid.rgba());
        QPixmap tile;
        if (!QPixmapCache::find(key, &tile)) {
            constexpr int side = int(kGrid), last = side - 1;
            QImage image(side, side, QImage::Format_RGB32);
            image.fill(col.background);
            QPainter p(&image);
            // The dot around the grid point at the tile's corner, wrapping round.
            for (const QPoint &corner :
                 {QPoint(-1, -1), QPoint(last, -1), QPoint(-1, last), QPoint(last, last)})
                p.fillRect(QRect(corner, QSize(2, 2)), col.grid);
            p.end();
            tile = QPixmap::fromImage(image);
            QPixmapCache::insert(key, tile);
        }
        QBrush brush(tile);
        // Tile corners on the grid points: the grid point nearest the origin, in scene units.
        brush.setTransform(QTransform::fromTranslate(std::round(world.dx()) - world.dx(),
                                                     std::round(world.dy()) - world.dy()));
        painter->fillRect(rect, brush);
        return;
    }
    painter->fillRect(rect, col.background);
    if (!grid)
        return;
    // Otherwise one batch of non-antialiased rectangles: the raster engine's plain span fill
    // (points with a 2 px pen take the general stroker, ten times slower).
    const qreal left = std::floor(rect.left() / kGrid) * kGrid;
    const qreal top = std::floor(rect.top() / kGrid) * kGrid;
    std::vector<QRect> dots;
    dots.reserve(size_t((rect.width() / kGrid + 2) * (rect.height() / kGrid + 2)));
    for (qreal x = left; x < rect.right(); x += kGrid)
        for (qreal y = top; y < rect.bottom(); y += kGrid) {
            const QPointF d = world.map(QPointF(x, y));
            dots.emplace_back(int(std::floor(d.x() - 0.5)), int(std::floor(d.y() - 0.5)), 2, 2);
        }
    painter->save();
    painter->setWorldTransform(QTransform());
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    painter->setBrush(col.grid);
    painter->drawRects(dots.data(), int(dots.size()));
    painter->restore();
}

void CanvasScene::onChanged(const ChangeEvent &event)
{
    if (event.reset) {
        rebuild();
        return;
    }
    applyChange(event);
    if (!event.componentsAdded.isEmpty())
        growSceneRect();
}

void CanvasScene::applyChange(const ChangeEvent &event)
{
    SelectionBatch batch(this);
    if (event.groupsChanged)
        syncGroups();
    if (event.notesChanged)
        syncNotes();
    // Where boxes were and are: connections near them may need another route.
    std::vector<QRectF> changedAreas;
    // Only the items the event names change; every other item stays as it is.
    for (const ConnectionKey &key : event.connectionsRemoved)
        syncConnection(key);
    for (const QString &id : event.componentsRemoved) {
        // A connection that named the component but was not removed with it (a design with
        // errors) loses its item with the box it was drawn to.
        const QList<ConnectionItem *> left = m_edgesOf.values(id);
        for (ConnectionItem *e : left)
            removeConnectionItem(e);
        if (ComponentItem *item = m_items.value(id))
            changedAreas.push_back(item->boxRect());
        delete m_items.take(id);
        if (m_editor && m_editor->id() == id)
            delete m_editor; // nothing left to rename
        if (m_drag == Drag::Connect && m_connectFrom == id)
            cancelGesture();
    }
    for (const QString &id : event.componentsAdded) {
        addItem(id);
        if (ComponentItem *item = m_items.value(id))
            changedAreas.push_back(item->boxRect());
    }
    for (const ConnectionKey &key : event.connectionsAdded)
        syncConnection(key);
    for (const ConnectionKey &key : event.connectionsChanged)
        syncConnection(key);
    if (!event.componentsAdded.isEmpty())
        addConnectionsOf(event.componentsAdded);
    bool boxesMoved = !event.componentsMoved.isEmpty();
    for (const QString &id : event.componentsChanged) {
        if (ComponentItem *item = m_items.value(id)) {
            const QPointF was = item->pos();
            item->sync();
            if (item->pos() != was) { // removed and put back elsewhere in one step
                adjustEdgesOf(id);
                boxesMoved = true;
            }
        }
    }
    if (!movedWhole(event))
        for (const QString &id : event.componentsMoved) {
            if (ComponentItem *item = m_items.value(id)) {
                changedAreas.push_back(item->boxRect());
                item->sync();
                changedAreas.push_back(item->boxRect());
            }
            adjustEdgesOf(id);
        }
    // The connections this event added were routed as they came, round every box in its place
    // (unless a box moved after): routed again once per box the event added, an undo that
    // brought back 484 boxes took 0.85 s (QA: seconds, no sign of life).
    QSet<const ConnectionItem *> fresh;
    if (!boxesMoved)
        for (const ConnectionKey &key : event.connectionsAdded)
            if (const ConnectionItem *e = m_edges.value(key))
                fresh.insert(e);
    rerouteAround(changedAreas, fresh);
    placeLabelsNear(changedAreas);
    if (!changedAreas.empty() || event.notesChanged)
        placePopulations(); // a box or a note may have come onto the card, or left its place
    if (event.select)
        selectItems(*event.select);
}

bool CanvasScene::movedWhole(const ChangeEvent &event)
{
    // Every box moved by one step (Select All and an arrow key, or a drag of everything): the
    // routes and labels move with them as they are. Routed again box by box (each edge once per
    // end, then again round where each box was and is), 324 boxes took 3 s a step (QA).
    if (event.componentsMoved.size() != m_items.size() || !event.componentsAdded.isEmpty() ||
        !event.componentsRemoved.isEmpty() || m_items.isEmpty())
        return false;
    std::optional<QPointF> delta;
    for (const QString &id : event.componentsMoved) {
        const ComponentItem *item = m_items.value(id);
        const sc::Component *c = m_doc->component(id);
        if (!item || !c)
            return false;
        const QPointF d = QPointF(c->position.x, c->position.y) - item->pos();
        if (delta && d != *delta)
            return false;
        delta = d;
    }
    for (ComponentItem *item : std::as_const(m_items))
        item->sync();
    for (ConnectionItem *e : std::as_const(m_edges))
        e->translate(*delta);
    placePopulations();
    return true;
}

void CanvasScene::selectItems(const Selection &selection)
{
    SelectionBatch batch(this);
    clearSelection();
    const auto select = [](const auto &itemsByKey, const auto &keys) {
        for (const auto &key : keys)
            if (QGraphicsItem *item = itemsByKey.value(key))
                item->setSelected(true);
    };
    select(m_items, selection.components);
    select(m_edges, selection.connections);
    select(m_groups, selection.groups);
    select(m_notes, selection.notes);
}

void CanvasScene::onEvaluated()
{
    // New figures for everything, though often most boxes and edges read as before. Each one
    // re-reads them when it is next drawn in detail; what a view shows in detail re-reads them
    // now and is repainted only if its drawing changed. (Re-reading and repainting all of a
    // big design after every step of the users slider would cost more than the evaluation.)
    syncPopulations();
    for (ComponentItem *item : std::as_const(m_items))
        item->figuresChanged();
    for (ConnectionItem *e : m_edges)
        e->figuresChanged();
    // What the views show in detail is re-read once, whichever views share it; every view
    // then invalidates the changed edges it shows.
    struct Shown {
        QGraphicsView *view;
        QRectF area;
        bool detail;
    };
    std::vector<Shown> shownBy;
    for (QGraphicsView *view : views())
        shownBy.push_back({view, view->mapToScene(view->viewport()->rect()).boundingRect(),
                           QStyleOptionGraphicsItem::levelOfDetailFromTransform(
                               view->viewportTransform()) >= kDetailLevel});
    std::vector<QRectF> changedEdges; // scene rectangles of edges whose drawing changed
    for (const Shown &s : shownBy) {
        if (!s.detail)
            continue;
        for (QGraphicsItem *i : items(s.area, Qt::IntersectsItemBoundingRect)) {
            if (auto *c = qgraphicsitem_cast<ComponentItem *>(i)) {
                c->sync();
            } else if (auto *e = qgraphicsitem_cast<ConnectionItem *>(i)) {
                // Empty when unchanged, and for an edge already re-read for another view.
                if (const QRectF r = e->sync(); !r.isEmpty())
                    changedEdges.push_back(r);
            }
        }
    }
    for (const Shown &s : shownBy) {
        if (!s.detail) {
            // Zoomed out, boxes and edges are plain shapes read straight from the document.
            s.view->invalidateScene(s.area, BackgroundLayer);
            continue;
        }
        // Connections are drawn into the view's cached background (CanvasView::drawBackground):
        // a few changed ones are invalidated one by one, many as the rectangle round them
        // (the view would merge thousands of rectangles into one region, one at a time).
        constexpr size_t kSeparately = 16;
        std::vector<QRectF> changed;
        QRectF all;
        for (const QRectF &edge : changedEdges) {
            const QRectF r = edge & s.area;
            if (r.isEmpty())
                continue;
            if (changed.size() < kSeparately)
                changed.push_back(r);
            all |= r;
        }
        if (changed.size() < kSeparately) {
            for (const QRectF &r : changed)
                s.view->invalidateScene(r, BackgroundLayer);
        } else {
            s.view->invalidateScene(all, BackgroundLayer);
        }
    }
}

void CanvasScene::cancelGesture()
{
    delete std::exchange(m_rubberEdge, nullptr);
    m_drag = Drag::None;
    m_connectFrom.clear();
    m_anchor.clear();
    m_startPositions.clear();
    m_dragGroup.clear();
    m_handle = -1;
}

void CanvasScene::rebuild()
{
    {
        // The old items go with the selection's listeners told once, after, that nothing is
        // selected; the items leave the tables before they are deleted. A gesture or label
        // editor on them ends.
        SelectionBatch batch(this);
        cancelGesture();
        if (m_editor)
            delete m_editor;
        clearSelection();
        m_edgesOf.clear();
        m_unplaced.clear();
        for (ConnectionItem *e : std::as_const(m_edges))
            delete e->labelItem();
        qDeleteAll(std::exchange(m_edges, {}));
        qDeleteAll(std::exchange(m_items, {}));
        qDeleteAll(std::exchange(m_groups, {}));
        qDeleteAll(std::exchange(m_notes, {}));
    }
    const sc::Design &d = m_doc->design();
    m_plainConnections = d.connections.size() > size_t(kDetailedConnections);
    const auto index = d.components.size() + d.connections.size() > size_t(kIndexedItems)
                           ? QGraphicsScene::NoIndex
                           : QGraphicsScene::BspTreeIndex;
    if (itemIndexMethod() != index)
        setItemIndexMethod(index); // on an empty scene: nothing to re-file
    syncGroups();
    syncNotes();
    for (const sc::Component &c : m_doc->design().components)
        addItem(QString::fromStdString(c.id));
    growSceneRect(); // the routes round boxes keep within the scene rect
    for (const sc::Connection &c : m_doc->design().connections)
        syncConnection(Document::keyOf(c));
    placeLabels();
    syncPopulations();
}

void CanvasScene::syncPopulations()
{
    const sc::Design &d = m_doc->design();
    const auto &figures = m_doc->evaluation().populations;
    ComponentItem *box = nullptr;
    if (!d.populations.empty() && figures.size() == d.populations.size())
        for (const sc::Component &c : d.components)
            if (c.kind == sc::Kind::Clients) {
                box = m_items.value(QString::fromStdString(c.id));
                break;
            }
    if (m_populations && (!box || m_populations->parentItem() != box))
        delete m_populations.data();
    if (!box)
        return;
    if (!m_populations)
        m_populations = new PopulationsItem(box);
    m_populations->setRows(PopulationsItem::rowsOf(figures));
    placePopulations();
}

void CanvasScene::placePopulations()
{
    auto *box =
        m_populations ? qgraphicsitem_cast<ComponentItem *>(m_populations->parentItem()) : nullptr;
    if (!box)
        return;
    const QRectF own = box->boxRect();
    QRectF reach;
    for (const QRectF &r : PopulationsItem::candidatePlaces(own, m_populations->cardSize()))
        reach |= r.adjusted(-8, -8, 8, 8);
    std::vector<QRectF> obstacles;
    for (QGraphicsItem *i : items(reach, Qt::IntersectsItemBoundingRect)) {
        if (auto *c = qgraphicsitem_cast<ComponentItem *>(i); c && c != box)
            obstacles.push_back(c->boxRect());
        else if (qgraphicsitem_cast<NoteItem *>(i))
            obstacles.push_back(i->sceneBoundingRect());
    }
    // The connections too, a thin strip per stretch of each (QA: at projector size the card,
    // wider than the users' box, hid Route 53 → ALB EU): a place clear of them where there is
    // one, and the boxes still weigh far more than a line where none is clear.
    for (ConnectionItem *e : std::as_const(m_edges)) {
        const QPolygonF line = e->polyline();
        if (!line.boundingRect().adjusted(-2, -2, 2, 2).intersects(reach))
            continue;
        for (qsizetype k = 1; k < line.size(); ++k) {
            const QRectF stretch = QRectF(line[k - 1], line[k]).normalized().adjusted(-2, -2, 2, 2);
            if (stretch.intersects(reach))
                obstacles.push_back(stretch);
        }
    }
    const QPointF at = PopulationsItem::placeBeside(own, m_populations->cardSize(), obstacles);
    const QRectF was = m_populations->sceneBoundingRect();
    m_populations->setPos(at - own.topLeft());
    const QRectF now = m_populations->sceneBoundingRect();
    if (now != was)
        placeLabelsNear({was, now}); // the flow labels keep off the card as off a box
}

void CanvasScene::syncConnection(const ConnectionKey &key)
{
    // The opposite connection (B → A for A → B) runs beside this one when both go round the
    // pair (ConnectionItem::lane): it takes another route when this one comes or goes.
    const auto adjustOpposite = [&] {
        if (ConnectionItem *opposite = m_edges.value({key.to, key.from}))
            adjustEdge(opposite);
    };
    ConnectionItem *edge = m_edges.value(key);
    ComponentItem *from = m_items.value(key.from);
    ComponentItem *to = m_items.value(key.to);
    if (!from || !to || m_doc->connectionIndex(key) < 0) {
        if (edge) {
            removeConnectionItem(edge);
            adjustOpposite();
        }
        return;
    }
    if (edge) {
        edge->figuresChanged(); // its weight or classes: new figures follow
        return;
    }
    edge = new ConnectionItem(m_doc, key, from, to);
    QGraphicsScene::addItem(edge);
    if (!m_plainConnections) {
        auto *label = new EdgeLabelItem(edge);
        edge->setLabelItem(label);
        QGraphicsScene::addItem(label);
        edge->adjust(); // in the scene now: routed round the boxes
        label->setPos(edge->pointAlong(0.5));
        m_unplaced.insert(edge);
    }
    m_edges.insert(key, edge);
    m_edgesOf.insert(key.from, edge);
    m_edgesOf.insert(key.to, edge);
    // The earlier of a pair (an undone delete putting it back before its opposite): the later
    // one moves out beside it. (Added after its opposite, it took its lane itself.)
    if (!m_plainConnections && edge->lane() == 0)
        adjustOpposite();
}

void CanvasScene::addConnectionsOf(const QStringList &ids)
{
    // A command adds the connections of what it adds, and the event names them; this finds
    // only those of a design with errors (a connection to an id that was missing until now).
    std::unordered_set<std::string> added;
    for (const QString &id : ids)
        added.insert(id.toStdString());
    for (const sc::Connection &c : m_doc->design().connections)
        if (added.count(c.from) || added.count(c.to))
            if (const ConnectionKey key = Document::keyOf(c); !m_edges.contains(key))
                syncConnection(key);
}

void CanvasScene::removeConnectionItem(ConnectionItem *edge)
{
    const ConnectionKey key = edge->key();
    m_edges.remove(key);
    m_edgesOf.remove(key.from, edge);
    m_edgesOf.remove(key.to, edge);
    m_unplaced.remove(edge);
    delete edge->labelItem();
    delete edge;
}

void CanvasScene::rerouteAround(const std::vector<QRectF> &rects,
                                const QSet<const ConnectionItem *> &skip)
{
    // Without an index the edges are not routed round boxes (ConnectionItem::routeAroundBoxes),
    // and each search would scan the whole scene: an undo that brings back thousands of boxes
    // searched it once per box (seconds at 5,000 components).
    if (m_plainConnections || m_drag == Drag::Move || itemIndexMethod() == NoIndex)
        return;
    // Those that run through one (a box came there), and those that went round something (it
    // may have left their way): each once, however many of the areas it is near.
    std::vector<ConnectionItem *> edges;
    QSet<const ConnectionItem *> seen = skip;
    for (const QRectF &rect : rects) {
        const QRectF near = rect.adjusted(-12, -12, 12, 12);
        for (QGraphicsItem *i : items(near, Qt::IntersectsItemBoundingRect))
            if (auto *e = qgraphicsitem_cast<ConnectionItem *>(i))
                if (!seen.contains(e) && (e->detoured() || e->passesThrough(near))) {
                    seen.insert(e);
                    edges.push_back(e);
                }
    }
    for (ConnectionItem *e : edges)
        adjustEdge(e);
}

void CanvasScene::placeLabels()
{
    m_unplaced.clear();
    if (m_plainConnections)
        return;
    if (m_edges.size() > kPlacedLabels) {
        for (ConnectionItem *e : std::as_const(m_edges))
            if (e->labelItem())
                placeInMiddle(e);
        return;
    }
    const QSizeF size = EdgeLabelItem::plateSize();
    PlateObstacles obstacles;
    for (ComponentItem *c : std::as_const(m_items))
        obstacles.addBox(c->boxRect());
    if (m_populations)
        obstacles.addCard(m_populations->sceneBoundingRect());
    const PlateTest blocked = [&](const QRectF &r, Plate test) {
        return obstacles.blocks(r, test);
    };
    for (const sc::Connection &c : m_doc->design().connections) {
        ConnectionItem *e = m_edges.value(Document::keyOf(c));
        EdgeLabelItem *label = e ? e->labelItem() : nullptr;
        if (!label)
            continue;
        const std::optional<QPointF> at = labelPlace(e, size, blocked);
        label->setCrowded(!at);
        if (!at)
            continue;
        label->setPos(*at);
        obstacles.addLabel(plateRect(*at, size));
    }
}

void CanvasScene::placeLabelsNear(const std::vector<QRectF> &areas)
{
    // Labels a box now lies on go again too; with many labels each stays in the middle of its
    // edge, boxes or not, so there is nothing to look for (and an undo that brings back
    // thousands of boxes would search the scene once per box).
    // So do the labels beside it, a plate's size away, and those of the connections that pass
    // there: one that a box there had pushed aside goes back when the box goes (a duplicate
    // deleted left the label it had displaced off its wire until the file was opened again).
    // (Those whose path passes there, not whose bounds: a hub's long edges' bounds all cross
    // it, and deleting 8 boxes took 3.0 rebuilds instead of 1.8.)
    const bool many = m_edges.size() > kPlacedLabels;
    const QSizeF plate = EdgeLabelItem::plateSize();
    for (const QRectF &area : many ? std::vector<QRectF>{} : areas) {
        const QRectF near =
            area.adjusted(-plate.width(), -plate.height(), plate.width(), plate.height());
        for (QGraphicsItem *i : items(near, Qt::IntersectsItemBoundingRect)) {
            if (auto *label = qgraphicsitem_cast<EdgeLabelItem *>(i))
                m_unplaced.insert(label->edge());
            else if (auto *edge = qgraphicsitem_cast<ConnectionItem *>(i);
                     edge && edge->labelItem() && edge->path().intersects(near))
                m_unplaced.insert(edge);
        }
    }
    if (m_unplaced.isEmpty())
        return;
    QList<ConnectionItem *> edges(m_unplaced.begin(), m_unplaced.end());
    m_unplaced.clear();
    // Many labels, or in the middle of a drag (placed when it ends): in the middle.
    if (many || m_drag == Drag::Move) {
        for (ConnectionItem *e : edges)
            placeInMiddle(e);
        return;
    }
    std::sort(edges.begin(), edges.end(), [this](ConnectionItem *a, ConnectionItem *b) {
        return m_doc->connectionIndex(a->key()) < m_doc->connectionIndex(b->key());
    });
    const QSizeF size = EdgeLabelItem::plateSize();
    // What lies on a plate at `r`: another label (not one still to be placed), a box's port or
    // an arrow head into it, or a box (its body, for a plate beside a short edge). The end
    // zones reach past the boxes' bounds: look that much further.
    const auto blocked = [&](EdgeLabelItem *self, const QRectF &r, Plate test) {
        for (QGraphicsItem *i : items(r.adjusted(-kLabelEndReach, -4, kLabelEndReach, 4),
                                      Qt::IntersectsItemBoundingRect)) {
            if (auto *other = qgraphicsitem_cast<EdgeLabelItem *>(i)) {
                if (other != self && other->isVisible() && !m_unplaced.contains(other->edge()) &&
                    plateRect(other->pos(), size).intersects(r))
                    return true;
            } else if (auto *c = qgraphicsitem_cast<ComponentItem *>(i)) {
                if (boxBlocksPlate(c->boxRect(), r, test))
                    return true;
            } else if (qgraphicsitem_cast<PopulationsItem *>(i)) {
                if (cardBlocksPlate(i->sceneBoundingRect(), r, test))
                    return true;
            }
        }
        return false;
    };
    m_unplaced = QSet<ConnectionItem *>(edges.begin(), edges.end()); // not yet placed
    for (ConnectionItem *e : edges) {
        EdgeLabelItem *label = e->labelItem();
        const std::optional<QPointF> at = labelPlace(
            e, size, [&](const QRectF &r, Plate test) { return blocked(label, r, test); });
        label->setCrowded(!at);
        if (at)
            label->setPos(*at);
        m_unplaced.remove(e);
    }
}

void CanvasScene::placeInMiddle(ConnectionItem *edge)
{
    EdgeLabelItem *label = edge->labelItem();
    label->setCrowded(false);
    label->setPos(edge->path().pointAtPercent(0.5));
}

void CanvasScene::addItem(const QString &id)
{
    if (m_items.contains(id))
        return;
    auto *item = new ComponentItem(m_doc, id);
    QGraphicsScene::addItem(item);
    m_items.insert(id, item);
}

void CanvasScene::showComponentsAt(const std::vector<std::pair<QString, QPointF>> &positions)
{
    for (const auto &[id, p] : positions)
        if (ComponentItem *item = m_items.value(id)) {
            item->setPos(p);
            adjustEdgesOf(id);
        }
}

void CanvasScene::adjustEdgesOf(const QString &id)
{
    for (auto it = m_edgesOf.constFind(id); it != m_edgesOf.cend() && it.key() == id; ++it)
        adjustEdge(it.value());
}

void CanvasScene::adjustEdge(ConnectionItem *edge)
{
    // In the middle of a box drag the edges take their plain routes; they go round boxes when
    // it ends (endDrag).
    if (!edge->adjust(m_drag != Drag::Move))
        return;
    if (edge->labelItem())
        m_unplaced.insert(edge);
    // The later of an opposite pair keeps off this one's route: routed again after it.
    const ConnectionKey &key = edge->key();
    // (A connection of a box to itself, which a file may hold, is no pair.)
    ConnectionItem *opposite = m_edges.value({key.to, key.from});
    if (opposite && opposite != edge && edge->lane() == 0)
        adjustEdge(opposite);
}

void CanvasScene::endDrag()
{
    // Everything dragged: the edges moved with the boxes as they were (movedWhole).
    if (!m_items.isEmpty() && m_startPositions.size() == size_t(m_items.size())) {
        placePopulations();
        return;
    }
    std::vector<QRectF> areas;
    for (const auto &[id, start] : m_startPositions) {
        if (ComponentItem *item = m_items.value(id)) {
            areas.push_back(QRectF(start, item->boxRect().size()));
            areas.push_back(item->boxRect());
            adjustEdgesOf(id);
        }
    }
    rerouteAround(areas);
    placeLabelsNear(areas);
    placePopulations();
}

QRectF CanvasScene::designRect() const
{
    // As itemsBoundingRect, without the overlay: with it, each growth of the scene rect grew
    // the overlay, the next growth took it in, and a fit with the animation on (presenting,
    // QA) showed the design at a quarter of its size.
    QRectF r;
    const QList<QGraphicsItem *> all = items();
    for (const QGraphicsItem *item : all)
        if (item->type() != RequestFlowItem::Type)
            r |= item->sceneBoundingRect();
    return r;
}

QRectF CanvasScene::populationsRect() const
{
    return m_populations ? m_populations->sceneBoundingRect() : QRectF();
}

void CanvasScene::growSceneRect()
{
    // Generous margins so there is room to drop and pan around the design.
    QRectF r = designRect().adjusted(-800, -600, 800, 600);
    r = r.united(QRectF(-400, -300, 1600, 1200));
    if (!sceneRect().contains(r))
        setSceneRect(sceneRect().united(r));
}

// (The other group commands: canvasgroups.cpp.)
void CanvasScene::selectGroup(const QString &id)
{
    SelectionBatch batch(this);
    clearSelection();
    if (GroupItem *g = m_groups.value(id))
        g->setSelected(true);
}

void CanvasScene::editGroupLabel(const QString &id)
{
    if (m_readOnly)
        return;
    GroupItem *item = m_groups.value(id);
    if (!item)
        return;
    if (m_editor)
        m_editor->finish(true);
    const sc::Group &g = item->group();
    auto *editor = new LabelEditor(this, id, QString::fromStdString(g.label), true);
    const QFont f = GroupItem::titleFont(editor->font());
    editor->setFont(f);
    editor->setDefaultTextColor(canvasColors().text);
    editor->setTextWidth(std::max<qreal>(120, item->rect().width() / 2));
    QGraphicsScene::addItem(editor);
    // Over the label, after the title's "Region " or "Zone ", which stays in view: the editor
    // covered it, showed "1" for "Zone 1", and "Zone a" typed there made "Zone Zone a" (QA).
    editor->document()->setDocumentMargin(3);
    const qreal prefix = QFontMetricsF(f).horizontalAdvance(item->titlePrefix());
    editor->setPos(item->rect().topLeft() + QPointF(10 + prefix - 3, 0));
    editor->setFocus();
    m_editor = editor;
}

} // namespace scui
