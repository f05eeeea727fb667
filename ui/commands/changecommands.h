#pragma once

#include "core/model/design.h"

#include <QString>
#include <QStringList>
#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace scui {

class Document;

// Sets (or, with nullopt, clears back to the table's default) one parameter of a component, or
// of several at once (one undo step, one model rebuild).
class ChangeParameter : public QUndoCommand
{
public:
    ChangeParameter(Document *doc, const QString &id, const std::string &name,
                    std::optional<sc::ParamValue> value, QUndoCommand *parent = nullptr);
    ChangeParameter(Document *doc, const QStringList &ids, const std::string &name,
                    std::optional<sc::ParamValue> value, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    QStringList m_ids;
    std::string m_name;
    std::vector<std::optional<sc::ParamValue>> m_old; // per id
    std::optional<sc::ParamValue> m_new;
};

class ChangeAutoscale : public QUndoCommand
{
public:
    ChangeAutoscale(Document *doc, const QString &id, std::optional<sc::Autoscale> value,
                    QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    QString m_id;
    std::optional<sc::Autoscale> m_old;
    std::optional<sc::Autoscale> m_new;
};

// One field of the design's traffic (sc::trafficSpecs()).
class ChangeTraffic : public QUndoCommand
{
public:
    ChangeTraffic(Document *doc, const std::string &field, double value,
                  QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    std::string m_field;
    double m_old = 0;
    double m_new = 0;
};

class AddConnection : public QUndoCommand
{
public:
    AddConnection(Document *doc, sc::Connection connection, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    sc::Connection m_connection;
    int m_index = 0;
};

// Changes a connection's weight or request classes (its ends stay).
class ChangeConnection : public QUndoCommand
{
public:
    ChangeConnection(Document *doc, int index, sc::Connection changed, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    int m_index;
    sc::Connection m_old;
    sc::Connection m_new;
};

class RemoveConnection : public QUndoCommand
{
public:
    RemoveConnection(Document *doc, int index, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    int m_index;
    sc::Connection m_connection;
};

} // namespace scui
