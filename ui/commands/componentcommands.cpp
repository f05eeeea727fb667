#include "componentcommands.h"

#include "ui/commands/groupcommands.h"
#include "ui/document.h"

#include "core/io/format.h"

#include <QObject>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace scui {

std::string serializeComponents(const sc::Design &design, const QStringList &ids)
{
    sc::Design part;
    part.name = "selection";
    part.traffic = design.traffic;
    std::set<std::string> chosen;
    for (const sc::Component &c : design.components)
        if (ids.contains(QString::fromStdString(c.id))) {
            part.components.push_back(c);
            chosen.insert(c.id);
        }
    for (const sc::Connection &c : design.connections)
        if (chosen.count(c.from) && chosen.count(c.to))
            part.connections.push_back(c);
    return sc::saveDesign(part);
}

sc::Design deserializeComponents(const std::string &json)
{
    sc::LoadResult r = sc::loadDesign(json);
    return r.design ? std::move(*r.design) : sc::Design{};
}

// --- AddComponents

namespace {

// `label`, or where a component of `taken` already has it, the label with the first free
// number ("Cache" → "Cache 2"; a copy of "Cache 2" → "Cache 3"): the warnings and the canvas
// name each box apart. Empty labels stay empty (the id shows).
std::string uniqueLabel(const sc::Design &taken, const std::string &label)
{
    const auto used = [&taken](const std::string &l) {
        return std::any_of(taken.components.begin(), taken.components.end(),
                           [&l](const sc::Component &c) { return c.label == l; });
    };
    if (label.empty() || !used(label))
        return label;
    std::string stem = label;
    const size_t space = stem.find_last_of(' ');
    if (space != std::string::npos && space + 1 < stem.size() &&
        std::all_of(stem.begin() + long(space) + 1, stem.end(),
                    [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
        stem.erase(space);
    for (int n = 2;; ++n)
        if (const std::string l = stem + " " + std::to_string(n); !used(l))
            return l;
}

} // namespace

AddComponents::AddComponents(Document *doc, const std::string &json, QPointF offset,
                             QUndoCommand *parent)
    : DocumentCommand(doc, parent)
{
    sc::Design part = deserializeComponents(json);
    // Fresh ids: taken against the document plus the ids handed out so far.
    sc::Design taken = doc->design();
    std::map<std::string, std::string> rename;
    for (sc::Component &c : part.components) {
        std::string stem = c.id;
        while (!stem.empty() && std::isdigit(static_cast<unsigned char>(stem.back())))
            stem.pop_back();
        const std::string id = taken.uniqueId(stem.empty() ? c.id : stem);
        rename[c.id] = id;
        c.id = id;
        c.label = uniqueLabel(taken, c.label);
        c.position.x += offset.x();
        c.position.y += offset.y();
        taken.components.push_back(c);
        m_ids << QString::fromStdString(id);
    }
    std::vector<sc::Connection> kept;
    for (sc::Connection &c : part.connections)
        if (rename.count(c.from) && rename.count(c.to)) {
            c.from = rename[c.from];
            c.to = rename[c.to];
            kept.push_back(c);
        }
    part.connections = kept;
    m_connectionCount = int(kept.size());
    m_json = sc::saveDesign(part);
    // The undo text names the box as the user sees it (its label), not by its id.
    const QString added = part.components.size() == 1 && !part.components[0].label.empty()
                              ? QString::fromStdString(part.components[0].label)
                              : m_ids.value(0);
    setText(m_ids.size() == 1 ? QObject::tr("Add %1").arg(added)
                              : QObject::tr("Add %n components", nullptr, int(m_ids.size())));
}

void AddComponents::redoEdit()
{
    sc::Design part = deserializeComponents(m_json);
    std::vector<std::pair<int, sc::Component>> items;
    const int base = int(m_doc->design().components.size());
    for (size_t i = 0; i < part.components.size(); ++i)
        items.emplace_back(base + int(i), part.components[i]);
    m_doc->insertComponents(items);
    m_firstConnection = int(m_doc->design().connections.size());
    std::vector<std::pair<int, sc::Connection>> connections;
    for (size_t i = 0; i < part.connections.size(); ++i)
        connections.emplace_back(m_firstConnection + int(i), std::move(part.connections[i]));
    m_doc->insertConnections(connections);
    if (m_before)
        m_doc->selectAfter(Selection{m_ids, {}, {}, {}});
}

void AddComponents::undoEdit()
{
    std::vector<int> connections(static_cast<size_t>(m_connectionCount));
    std::iota(connections.begin(), connections.end(), m_firstConnection);
    m_doc->removeConnections(std::move(connections));
    m_doc->removeComponents(m_ids);
    if (m_before)
        m_doc->selectAfter(*m_before);
}

// --- RemoveComponents

RemoveComponents::RemoveComponents(Document *doc, const QStringList &ids,
                                   const QList<ConnectionKey> &connections, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
{
    const sc::Design &d = doc->design();
    for (size_t i = 0; i < d.components.size(); ++i)
        if (ids.contains(QString::fromStdString(d.components[i].id))) {
            m_indices.push_back(int(i));
            m_ids << QString::fromStdString(d.components[i].id);
        }
    sc::Design part;
    part.name = "removed";
    for (int i : m_indices)
        part.components.push_back(d.components[size_t(i)]);
    m_json = sc::saveDesign(part);
    std::set<int> named;
    for (const ConnectionKey &key : connections)
        if (const int i = doc->connectionIndex(key); i >= 0)
            named.insert(i);
    std::set<std::string> gone;
    for (const QString &id : std::as_const(m_ids))
        gone.insert(id.toStdString());
    for (size_t i = 0; i < d.connections.size(); ++i) {
        const sc::Connection &c = d.connections[i];
        if (gone.count(c.from) || gone.count(c.to) || named.count(int(i)))
            m_connections.emplace_back(int(i), c);
    }
    m_groupsBefore = d.groups;
    m_groupsAfter = withoutMembers(d.groups, m_ids);
    const int n = int(m_ids.size());
    if (n == 0)
        setText(QObject::tr("Delete %n connection(s)", nullptr, int(m_connections.size())));
    else
        setText(n == 1 ? QObject::tr("Delete %1").arg(doc->componentLabel(m_ids.first()))
                       : QObject::tr("Delete %n components", nullptr, n));
}

void RemoveComponents::redoEdit()
{
    std::vector<int> connections;
    connections.reserve(m_connections.size());
    for (const auto &[index, c] : m_connections)
        connections.push_back(index);
    m_doc->removeConnections(std::move(connections));
    m_doc->removeComponents(m_ids);
    m_doc->setGroups(m_groupsAfter);
}

void RemoveComponents::undoEdit()
{
    sc::Design part = deserializeComponents(m_json);
    std::vector<std::pair<int, sc::Component>> items;
    for (size_t i = 0; i < part.components.size() && i < m_indices.size(); ++i)
        items.emplace_back(m_indices[i], part.components[i]);
    m_doc->insertComponents(items);
    m_doc->insertConnections(m_connections);
    m_doc->setGroups(m_groupsBefore);
}

// --- DeleteSelection

DeleteSelection::DeleteSelection(Document *doc, Selection selected, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_selected(std::move(selected))
{
    setText(QObject::tr("Delete"));
}

void DeleteSelection::redoEdit()
{
    DocumentCommand::redoEdit();
    m_doc->selectAfter({});
}

void DeleteSelection::undoEdit()
{
    DocumentCommand::undoEdit();
    m_doc->selectAfter(m_selected);
}

// --- MoveComponents

MoveComponents::MoveComponents(Document *doc, std::vector<Move> moves, int gesture,
                               QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_moves(std::move(moves))
    , m_gesture(gesture)
{
    setText(m_moves.size() == 1
                ? QObject::tr("Move %1").arg(doc->componentLabel(m_moves.front().id))
                : QObject::tr("Move %n components", nullptr, int(m_moves.size())));
}

void MoveComponents::redoEdit()
{
    std::vector<std::pair<QString, sc::Point>> p;
    p.reserve(m_moves.size());
    for (const Move &m : m_moves)
        p.emplace_back(m.id, m.to);
    m_doc->moveComponents(p);
    if (m_groups)
        m_doc->setGroups(m_groups->second);
    if (m_notes)
        m_doc->setNotes(m_notes->second);
}

void MoveComponents::setGroups(std::vector<sc::Group> before, std::vector<sc::Group> after)
{
    m_groups.emplace(std::move(before), std::move(after));
}

void MoveComponents::undoEdit()
{
    std::vector<std::pair<QString, sc::Point>> p;
    p.reserve(m_moves.size());
    for (const Move &m : m_moves)
        p.emplace_back(m.id, m.from);
    m_doc->moveComponents(p);
    if (m_groups)
        m_doc->setGroups(m_groups->first);
    if (m_notes)
        m_doc->setNotes(m_notes->first);
}

void MoveComponents::setNotes(std::vector<sc::Note> before, std::vector<sc::Note> after)
{
    m_notes.emplace(std::move(before), std::move(after));
}

bool MoveComponents::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveComponents *>(other);
    if (o->m_gesture != m_gesture || o->m_moves.size() != m_moves.size())
        return false;
    for (size_t i = 0; i < m_moves.size(); ++i)
        if (o->m_moves[i].id != m_moves[i].id)
            return false;
    for (size_t i = 0; i < m_moves.size(); ++i)
        m_moves[i].to = o->m_moves[i].to;
    if (o->m_groups) {
        if (m_groups)
            m_groups->second = o->m_groups->second;
        else
            m_groups = o->m_groups;
    }
    if (o->m_notes) {
        if (m_notes)
            m_notes->second = o->m_notes->second;
        else
            m_notes = o->m_notes;
    }
    return true;
}

// --- RenameComponent

RenameComponent::RenameComponent(Document *doc, const QString &id, const QString &label,
                                 QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_id(id)
    , m_new(label)
{
    if (const sc::Component *c = doc->component(id))
        m_old = QString::fromStdString(c->label);
    setText(QObject::tr("Rename %1").arg(doc->componentLabel(id)));
}

void RenameComponent::redoEdit()
{
    m_doc->setLabel(m_id, m_new);
}
void RenameComponent::undoEdit()
{
    m_doc->setLabel(m_id, m_old);
}

} // namespace scui
