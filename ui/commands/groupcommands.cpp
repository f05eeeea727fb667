#include "groupcommands.h"

#include "ui/document.h"

#include <algorithm>
#include <unordered_set>

namespace scui {

bool contains(const sc::Group &group, const sc::Point &point)
{
    return point.x >= group.x && point.x <= group.x + group.width && point.y >= group.y &&
           point.y <= group.y + group.height;
}

std::vector<sc::Group> regroup(std::vector<sc::Group> groups,
                               const std::vector<std::pair<std::string, sc::Point>> &centres)
{
    // A component is in at most one zone and one region (the file format's rule): of the
    // groups of a kind that hold its centre, the smallest (the one drawn innermost).
    const auto area = [](const sc::Group &g) { return g.width * g.height; };
    for (const auto &[id, centre] : centres) {
        for (const char *kind : {"zone", "region"}) {
            sc::Group *target = nullptr;
            for (sc::Group &g : groups)
                if (g.kind == kind && contains(g, centre) && (!target || area(g) < area(*target)))
                    target = &g;
            for (sc::Group &g : groups) {
                if (g.kind != kind)
                    continue;
                auto &members = g.members;
                const auto at = std::find(members.begin(), members.end(), id);
                if (&g == target && at == members.end())
                    members.push_back(id);
                else if (&g != target && at != members.end())
                    members.erase(at);
            }
        }
    }
    return groups;
}

std::vector<sc::Group> placeZone(std::vector<sc::Group> groups, const std::string &zoneId)
{
    const auto zone = std::find_if(groups.begin(), groups.end(), [&](const sc::Group &g) {
        return g.kind == "zone" && g.id == zoneId;
    });
    if (zone == groups.end())
        return groups;
    const sc::Point centre{zone->x + zone->width / 2, zone->y + zone->height / 2};
    const sc::Group *region = nullptr;
    for (const sc::Group &g : groups)
        if (g.kind == "region" && contains(g, centre) &&
            (!region || g.width * g.height < region->width * region->height))
            region = &g;
    zone->region = region ? region->id : std::string();
    return groups;
}

std::vector<sc::Group> withoutMembers(std::vector<sc::Group> groups, const QStringList &ids,
                                      const std::string &kind)
{
    std::unordered_set<std::string> gone;
    for (const QString &id : ids)
        gone.insert(id.toStdString());
    for (sc::Group &g : groups)
        if (kind.empty() || g.kind == kind)
            std::erase_if(g.members, [&](const std::string &m) { return gone.count(m) > 0; });
    return groups;
}

ChangeGroups::ChangeGroups(Document *doc, std::vector<sc::Group> groups, const QString &text,
                           int gesture, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_old(doc->design().groups)
    , m_new(std::move(groups))
    , m_gesture(gesture)
{
    setText(text);
}

bool ChangeGroups::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const ChangeGroups *>(other);
    if (o->m_gesture != m_gesture)
        return false;
    m_new = o->m_new;
    return true;
}

void ChangeGroups::redoEdit()
{
    m_doc->setGroups(m_new);
}

void ChangeGroups::undoEdit()
{
    m_doc->setGroups(m_old);
}

} // namespace scui
