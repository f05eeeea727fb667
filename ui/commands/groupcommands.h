#pragma once

#include "core/model/design.h"
#include "ui/commands/componentcommands.h"
#include "ui/commands/documentcommand.h"
#include "ui/document.h"

#include <QString>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

namespace scui {

// Membership follows the canvas (issue 15): a component whose centre lies inside a group's
// rectangle when it is dropped belongs to it; dragged out, it no longer does. These compute the
// groups after such a gesture; the commands below apply them as part of the same undo step.

// The groups once the components named in `centres` (id, centre of its box) sit there: each
// joins the innermost zone and the innermost region whose rectangle holds its centre and
// leaves every other (a component is in at most one zone and one region).
std::vector<sc::Group> regroup(std::vector<sc::Group> groups,
                               const std::vector<std::pair<std::string, sc::Point>> &centres);
// The groups without the components `ids` among their members (the components are deleted, or
// join another group of `kind`; every kind when empty).
std::vector<sc::Group> withoutMembers(std::vector<sc::Group> groups, const QStringList &ids,
                                      const std::string &kind = {});
bool contains(const sc::Group &group, const sc::Point &point);
// The groups once zone `zoneId` sits where its rectangle is: it lies in the innermost region
// whose rectangle holds its centre, or in none (its `region` follows the canvas as a box's
// membership does).
std::vector<sc::Group> placeZone(std::vector<sc::Group> groups, const std::string &zoneId);

// Replaces the design's regions and zones: adds one, deletes one, renames, resizes, gives a
// region its place or a zone its region. Every mouse move of one drag (same non-zero `gesture`)
// merges into one step.
class ChangeGroups : public DocumentCommand
{
public:
    ChangeGroups(Document *doc, std::vector<sc::Group> groups, const QString &text, int gesture = 0,
                 QUndoCommand *parent = nullptr);
    int id() const override { return m_gesture != 0 ? ChangeGroupsId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    std::vector<sc::Group> m_old;
    std::vector<sc::Group> m_new;
    int m_gesture;
};

} // namespace scui
