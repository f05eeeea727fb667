#pragma once

#include "core/model/design.h"

#include <QPointF>
#include <QStringList>
#include <QUndoCommand>

#include <string>
#include <vector>

namespace scui {

class Document;

enum CommandId { MoveComponentsId = 1 };

// Serializes components (and the connections among them) as a design file: undo and the
// clipboard reuse the core's serializer, as QtNodes does.
std::string serializeComponents(const sc::Design &design, const QStringList &ids);
// The components and connections of a serialized selection; empty on a parse failure.
sc::Design deserializeComponents(const std::string &json);

// Adds components (with fresh ids) and the connections among them. `json` is a design file;
// the ids it holds are remapped so they do not clash; positions are shifted by `offset`.
class AddComponents : public QUndoCommand
{
public:
    AddComponents(Document *doc, const std::string &json, QPointF offset = {},
                  QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    QStringList ids() const { return m_ids; }

private:
    Document *m_doc;
    std::string m_json; // remapped, positioned
    QStringList m_ids;
    int m_firstConnection = 0;
    int m_connectionCount = 0;
};

// Removes components and every connection that touches them; undo re-inserts the serialized
// components at their old indices, so the file comes back byte for byte.
class RemoveComponents : public QUndoCommand
{
public:
    RemoveComponents(Document *doc, const QStringList &ids, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    QStringList m_ids;
    std::string m_json;
    std::vector<int> m_indices;                                 // of m_ids, ascending
    std::vector<std::pair<int, sc::Connection>> m_connections; // ascending index
};

// Moves components; every mouse move of one drag (same `gesture`) merges into one step.
class MoveComponents : public QUndoCommand
{
public:
    struct Move {
        QString id;
        sc::Point from;
        sc::Point to;
    };
    MoveComponents(Document *doc, std::vector<Move> moves, int gesture,
                   QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override { return MoveComponentsId; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    Document *m_doc;
    std::vector<Move> m_moves;
    int m_gesture;
};

class RenameComponent : public QUndoCommand
{
public:
    RenameComponent(Document *doc, const QString &id, const QString &label,
                    QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    QString m_id;
    QString m_old;
    QString m_new;
};

} // namespace scui
