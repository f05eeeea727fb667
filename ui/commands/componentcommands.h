#pragma once

#include "core/model/design.h"
#include "ui/commands/documentcommand.h"
#include "ui/document.h"

#include <QPointF>
#include <QStringList>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace scui {

enum CommandId { MoveComponentsId = 1, ChangeGroupsId = 2, ChangeNotesId = 3 };

// Serializes components (and the connections among them) as a design file: undo and the
// clipboard reuse the core's serializer, as QtNodes does.
std::string serializeComponents(const sc::Design &design, const QStringList &ids);
// The components and connections of a serialized selection; empty on a parse failure.
sc::Design deserializeComponents(const std::string &json);

// Adds components (with fresh ids) and the connections among them. `json` is a design file;
// the ids it holds are remapped so they do not clash; positions are shifted by `offset`.
class AddComponents : public DocumentCommand
{
public:
    AddComponents(Document *doc, const std::string &json, QPointF offset = {},
                  QUndoCommand *parent = nullptr);
    QStringList ids() const { return m_ids; }
    // What was selected before (a paste's, a duplicate's): an undo selects it again (a duplicate
    // undone left nothing selected; QA), a redo selects what it adds. Unset (a box dropped from
    // the palette), each view keeps its selection less what is gone.
    void setSelectionBefore(Selection before) { m_before = std::move(before); }

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    std::optional<Selection> m_before;
    std::string m_json; // remapped, positioned
    QStringList m_ids;
    int m_firstConnection = 0;
    int m_connectionCount = 0;
};

// Removes components, every connection that touches them and the `connections` named besides
// (a deleted selection: one step); undo re-inserts the serialized components and the connections
// at their old indices, so the file comes back byte for byte.
class RemoveComponents : public DocumentCommand
{
public:
    RemoveComponents(Document *doc, const QStringList &ids,
                     const QList<ConnectionKey> &connections = {}, QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    QStringList m_ids;
    std::string m_json;
    std::vector<int> m_indices; // of m_ids, ascending
    // The groups before and after: the deleted components leave the groups they were in.
    std::vector<sc::Group> m_groupsBefore, m_groupsAfter;
    std::vector<std::pair<int, sc::Connection>> m_connections; // ascending index
};

// Deletes a selection, one step: its child commands remove the components and connections, the
// regions and zones, and the notes. Undone, what it removed comes back selected as it was (as in
// Qt Creator's form editor and Tiled), so it can be moved or deleted again at once; redone, it
// leaves nothing selected.
class DeleteSelection : public DocumentCommand
{
public:
    DeleteSelection(Document *doc, Selection selected, QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    Selection m_selected;
};

// Moves components; every mouse move of one drag (same `gesture`) merges into one step.
class MoveComponents : public DocumentCommand
{
public:
    struct Move {
        QString id;
        sc::Point from;
        sc::Point to;
    };
    MoveComponents(Document *doc, std::vector<Move> moves, int gesture,
                   QUndoCommand *parent = nullptr);
    // The regions and zones before the gesture and after it, in the same step: a box dropped
    // into a group joins it, a group dragged moves with what it holds (groupcommands.h).
    void setGroups(std::vector<sc::Group> before, std::vector<sc::Group> after);
    // The notes before the gesture and after it, in the same step: the selected ones move too.
    void setNotes(std::vector<sc::Note> before, std::vector<sc::Note> after);
    int id() const override { return MoveComponentsId; }
    bool mergeWith(const QUndoCommand *other) override;

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    std::vector<Move> m_moves;
    int m_gesture;
    std::optional<std::pair<std::vector<sc::Group>, std::vector<sc::Group>>> m_groups;
    std::optional<std::pair<std::vector<sc::Note>, std::vector<sc::Note>>> m_notes;
};

class RenameComponent : public DocumentCommand
{
public:
    RenameComponent(Document *doc, const QString &id, const QString &label,
                    QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    QString m_id;
    QString m_old;
    QString m_new;
};

} // namespace scui
