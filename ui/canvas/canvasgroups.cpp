// CanvasScene's regions and zones (docs/model.md "Geography"): their items, adding, renaming,
// moving and resizing them, and what a move of boxes does to them (regroupMoved, carryWithMove).
#include "canvasscene.h"

#include "ui/canvas/componentitem.h"
#include "ui/canvas/groupitem.h"
#include "ui/canvas/noteitem.h"
#include "ui/commands/componentcommands.h"
#include "ui/commands/groupcommands.h"

#include <algorithm>

namespace scui {

namespace {

sc::Group *findGroup(std::vector<sc::Group> &groups, const std::string &id)
{
    for (sc::Group &g : groups)
        if (g.id == id)
            return &g;
    return nullptr;
}

void setRect(sc::Group &g, const QRectF &r)
{
    g.x = r.x();
    g.y = r.y();
    g.width = r.width();
    g.height = r.height();
}

QRectF rectOf(const sc::Group &g)
{
    return {g.x, g.y, g.width, g.height};
}

sc::Point centreOf(const QPointF &topLeft)
{
    return {topLeft.x() + ComponentItem::kWidth / 2, topLeft.y() + ComponentItem::kHeight / 2};
}

sc::Point centreOf(const sc::Group &g)
{
    return {g.x + g.width / 2, g.y + g.height / 2};
}

QString kindText(const sc::Group &g)
{
    return g.kind == "region" ? QObject::tr("region") : QObject::tr("zone");
}

} // namespace

void CanvasScene::syncGroups()
{
    QSet<QString> seen;
    for (const sc::Group &g : m_doc->design().groups) {
        const QString id = QString::fromStdString(g.id);
        if (g.width <= 0 || g.height <= 0 || seen.contains(id))
            continue;
        seen.insert(id);
        if (GroupItem *item = m_groups.value(id)) {
            if (!(item->group() == g))
                item->sync(g);
            continue;
        }
        auto *item = new GroupItem(g);
        QGraphicsScene::addItem(item);
        m_groups.insert(id, item);
    }
    for (auto it = m_groups.begin(); it != m_groups.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        if (m_dragGroup == it.key())
            cancelGesture();
        delete it.value();
        it = m_groups.erase(it);
    }
}

GroupItem *CanvasScene::groupAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *i : items(scenePos))
        if (auto *g = qgraphicsitem_cast<GroupItem *>(i))
            return g;
    return nullptr;
}

std::vector<sc::Group> CanvasScene::regroupMoved(const std::vector<MoveComponents::Move> &moves,
                                                 QPointF delta) const
{
    // Every box moving (Select All, then an arrow or a drag) moves the whole diagram: its regions
    // and zones with it, each keeping its members (QA: the boxes slid out of frames that stayed
    // behind). Some boxes only: they leave the groups they leave and join those they land in.
    if (moves.size() == m_doc->design().components.size()) {
        std::vector<sc::Group> groups = m_startGroups;
        for (sc::Group &g : groups)
            setRect(g, rectOf(g).translated(delta));
        return groups;
    }
    std::vector<std::pair<std::string, sc::Point>> centres;
    centres.reserve(moves.size());
    for (const MoveComponents::Move &m : moves)
        centres.emplace_back(m.id.toStdString(), centreOf(QPointF(m.to.x, m.to.y)));
    return regroup(m_startGroups, centres);
}

std::optional<std::vector<sc::Note>> CanvasScene::notesMoved(QPointF delta) const
{
    std::vector<sc::Note> notes = m_startNotes;
    bool any = false;
    for (sc::Note &n : notes)
        if (const NoteItem *item = m_notes.value(QString::fromStdString(n.id));
            item && item->isSelected()) {
            n.x += delta.x();
            n.y += delta.y();
            any = true;
        }
    return any ? std::optional(std::move(notes)) : std::nullopt;
}

void CanvasScene::carryWithMove(MoveComponents *cmd, const std::vector<MoveComponents::Move> &moves,
                                QPointF delta) const
{
    if (!m_startGroups.empty()) // boxes moved into or out of a group join or leave it
        cmd->setGroups(m_startGroups, regroupMoved(moves, delta));
    if (std::optional<std::vector<sc::Note>> notes = notesMoved(delta))
        cmd->setNotes(m_startNotes, std::move(*notes));
}

// `r`, drawn round the boxes `members`, with each side that reaches into a box that is not one
// of them drawn back short of it (a box drawn inside a group reads as a member; QA: a region
// round four boxes covered the top of the one below them). Never inside the members' own boxes
// and the title above them; a box beside them on both axes stays covered.
QRectF CanvasScene::clearOfOthers(QRectF r, const QStringList &members) const
{
    QRectF inner;
    for (const QString &id : members)
        if (ComponentItem *item = m_items.value(id))
            inner |= item->boxRect();
    if (inner.isNull())
        return r;
    inner.adjust(0, -GroupItem::kTitleHeight, 0, 0);
    constexpr qreal kGap = 4;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        const QRectF box = it.value()->boxRect();
        if (members.contains(it.key()) || !r.intersects(box))
            continue;
        if (box.top() >= inner.bottom())
            r.setBottom(std::max(inner.bottom(), box.top() - kGap));
        else if (box.bottom() <= inner.top())
            r.setTop(std::min(inner.top(), box.bottom() + kGap));
        else if (box.left() >= inner.right())
            r.setRight(std::max(inner.right(), box.left() - kGap));
        else if (box.right() <= inner.left())
            r.setLeft(std::min(inner.left(), box.right() + kGap));
    }
    return r;
}

QString CanvasScene::addGroup(const std::string &kind, const QStringList &ids,
                              const QPointF &centre)
{
    if (m_readOnly)
        return {};
    QRectF r;
    QStringList members;
    for (const QString &id : ids)
        if (ComponentItem *item = m_items.value(id)) {
            r |= item->boxRect();
            members << id;
        }
    constexpr qreal kMargin = 2 * kGrid;
    if (r.isNull())
        r = QRectF(centre - QPointF(200, 140), QSizeF(400, 280));
    else
        r = r.adjusted(-kMargin, -kMargin - GroupItem::kTitleHeight, kMargin, kMargin);
    // Outwards to the grid, so that its edges line up with the boxes'.
    r = QRectF(
        QPointF(std::floor(r.left() / kGrid) * kGrid, std::floor(r.top() / kGrid) * kGrid),
        QPointF(std::ceil(r.right() / kGrid) * kGrid, std::ceil(r.bottom() / kGrid) * kGrid));
    r = clearOfOthers(r, members);
    std::vector<sc::Group> groups = m_doc->design().groups;
    sc::Group g;
    const bool region = kind == "region";
    g.kind = region ? "region" : "zone";
    g.id =
        m_doc->uniqueId(region ? QStringLiteral("region") : QStringLiteral("zone")).toStdString();
    // Numbered among its kind ("Region 2"): the id as label read "Region region".
    for (int n = 1; g.label.empty(); ++n) {
        const std::string l = std::to_string(n);
        if (std::none_of(groups.begin(), groups.end(),
                         [&](const sc::Group &o) { return o.kind == g.kind && o.label == l; }))
            g.label = l;
    }
    setRect(g, r);
    for (const QString &id : std::as_const(members))
        g.members.push_back(id.toStdString());
    if (!region) // a zone drawn inside a region is one of its zones
        for (const sc::Group &other : groups)
            if (other.kind == "region" && rectOf(other).contains(r.center()))
                g.region = other.id;
    // The boxes leave the groups of the same kind they were in (at most one of each kind).
    groups = withoutMembers(std::move(groups), members, g.kind);
    // A region drawn round zones of no region holds them.
    if (region)
        for (sc::Group &zone : groups)
            if (zone.kind == "zone" && zone.region.empty() && r.contains(rectOf(zone)))
                zone.region = g.id;
    groups.push_back(g);
    const QString id = QString::fromStdString(g.id);
    m_doc->undoStack()->push(new ChangeGroups(
        m_doc, std::move(groups),
        members.isEmpty()
            ? tr("New %1").arg(kindText(g))
            : tr("New %1 around %n component(s)", nullptr, int(members.size())).arg(kindText(g))));
    selectGroup(id);
    return id;
}

QString CanvasScene::selectedGroup() const
{
    const QList<QGraphicsItem *> chosen = selectedItems();
    if (chosen.size() != 1)
        return {};
    auto *g = qgraphicsitem_cast<GroupItem *>(chosen.front());
    return g ? g->id() : QString();
}

void CanvasScene::renameGroup(const QString &id, const QString &label)
{
    std::vector<sc::Group> groups = m_doc->design().groups;
    sc::Group *g = findGroup(groups, id.toStdString());
    const std::string text = label.simplified().toStdString();
    if (!g || text == g->label)
        return;
    if (text.empty()) {
        emit statusMessage(tr("A label cannot be empty; kept the old one"));
        return;
    }
    g->label = text;
    m_doc->undoStack()->push(
        new ChangeGroups(m_doc, std::move(groups), tr("Rename %1 %2").arg(kindText(*g), id)));
}

void CanvasScene::removeGroup(const QString &id)
{
    if (m_readOnly)
        return;
    std::vector<sc::Group> groups = m_doc->design().groups;
    const auto gone = std::find_if(groups.begin(), groups.end(),
                                   [&](const sc::Group &g) { return g.id == id.toStdString(); });
    if (gone == groups.end())
        return;
    const QString text = tr("Delete %1 %2").arg(kindText(*gone), id);
    const std::string regionId = gone->kind == "region" ? gone->id : std::string();
    groups.erase(gone);
    // Its zones stay, belonging to no region now.
    for (sc::Group &g : groups)
        if (!regionId.empty() && g.region == regionId)
            g.region.clear();
    m_doc->undoStack()->push(new ChangeGroups(m_doc, std::move(groups), text));
}

void CanvasScene::moveGroup(const QString &id, const QPointF &delta, int gesture)
{
    GroupItem *item = m_groups.value(id);
    if (!item)
        return;
    if (gesture == 0) { // not a drag: from where everything is now
        m_startGroups = m_doc->design().groups;
        m_startPositions.clear();
        for (ComponentItem *c : std::as_const(m_items))
            if (item->rect().contains(c->boxRect().center()))
                m_startPositions.emplace_back(c->id(), c->pos());
    }
    std::vector<sc::Group> groups = m_startGroups;
    const sc::Group *start = findGroup(m_startGroups, id.toStdString());
    if (!start)
        return;
    const QRectF from = rectOf(*start);
    // The group, and the groups that lie inside it (a region's zones), move together.
    for (sc::Group &g : groups)
        if (g.id == start->id || from.contains(rectOf(g)))
            setRect(g, rectOf(g).translated(delta));
    std::vector<MoveComponents::Move> moves;
    std::vector<std::pair<std::string, sc::Point>> centres;
    for (const auto &[box, p] : m_startPositions) {
        moves.push_back({box, {p.x(), p.y()}, {p.x() + delta.x(), p.y() + delta.y()}});
        centres.emplace_back(box.toStdString(), centreOf(p + delta));
    }
    // A zone dragged into (or out of) a region lies in it (or in none), and its boxes with it.
    groups = regroup(std::move(groups), centres);
    if (start->kind == "zone")
        groups = placeZone(std::move(groups), start->id);
    auto *cmd = new MoveComponents(m_doc, std::move(moves), gesture);
    cmd->setText(tr("Move %1 %2").arg(kindText(*start), id));
    cmd->setGroups(m_startGroups, std::move(groups));
    m_doc->undoStack()->push(cmd);
}

void CanvasScene::resizeGroup(const QString &id, const QRectF &rect, int gesture)
{
    std::vector<sc::Group> groups = m_doc->design().groups;
    sc::Group *g = findGroup(groups, id.toStdString());
    if (!g)
        return;
    setRect(*g, rect.normalized());
    // A box it no longer covers leaves it, one it now covers joins it (or a zone inside it).
    std::vector<std::pair<std::string, sc::Point>> centres;
    for (const sc::Component &c : m_doc->design().components) {
        const sc::Point centre = centreOf(QPointF(c.position.x, c.position.y));
        if (contains(*g, centre) ||
            std::find(g->members.begin(), g->members.end(), c.id) != g->members.end())
            centres.emplace_back(c.id, centre);
    }
    const QString text = tr("Resize %1 %2").arg(kindText(*g), id);
    // A zone resized lies in the region that holds its centre; a region resized takes in the
    // zones it now covers and lets go of those it no longer does.
    std::vector<std::string> zones;
    for (const sc::Group &z : groups)
        if (z.kind == "zone" &&
            (z.id == g->id ||
             (g->kind == "region" && (z.region == g->id || contains(*g, centreOf(z))))))
            zones.push_back(z.id);
    groups = regroup(std::move(groups), centres);
    for (const std::string &z : zones)
        groups = placeZone(std::move(groups), z);
    m_doc->undoStack()->push(new ChangeGroups(m_doc, std::move(groups), text, gesture));
}

void CanvasScene::dragGroup(const QPointF &scenePos)
{
    const sc::Group *start = findGroup(m_startGroups, m_dragGroup.toStdString());
    if (!start)
        return;
    const QRectF from = rectOf(*start);
    if (m_drag == Drag::MoveGroup) {
        const QPointF delta = snapped(from.topLeft() + scenePos - m_pressPos) - from.topLeft();
        const sc::Group *now = m_doc->group(m_dragGroup);
        if (now && rectOf(*now) != from.translated(delta))
            moveGroup(m_dragGroup, delta, m_gesture);
        return;
    }
    // The dragged corner follows the pointer; the opposite one stays.
    QRectF r = from;
    const QPointF p = snapped(scenePos);
    const qreal w = GroupItem::kMinWidth, h = GroupItem::kMinHeight;
    if (m_handle == 0 || m_handle == 3)
        r.setLeft(std::min(p.x(), from.right() - w));
    else
        r.setRight(std::max(p.x(), from.left() + w));
    if (m_handle == 0 || m_handle == 1)
        r.setTop(std::min(p.y(), from.bottom() - h));
    else
        r.setBottom(std::max(p.y(), from.top() + h));
    const sc::Group *now = m_doc->group(m_dragGroup);
    if (now && rectOf(*now) != r)
        resizeGroup(m_dragGroup, r, m_gesture);
}

} // namespace scui
