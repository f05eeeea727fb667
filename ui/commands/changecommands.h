#pragma once

#include "core/model/design.h"
#include "ui/commands/documentcommand.h"
#include "ui/document.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace scui {

// Sets (or, with nullopt, clears back to the table's default) one parameter of a component, or
// of several at once (one undo step, one model rebuild).
class ChangeParameter : public DocumentCommand
{
public:
    ChangeParameter(Document *doc, const QString &id, const std::string &name,
                    std::optional<sc::ParamValue> value, QUndoCommand *parent = nullptr);
    ChangeParameter(Document *doc, const QStringList &ids, const std::string &name,
                    std::optional<sc::ParamValue> value, QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    QStringList m_ids;
    std::string m_name;
    std::vector<std::optional<sc::ParamValue>> m_old; // per id
    std::optional<sc::ParamValue> m_new;
};

class ChangeAutoscale : public DocumentCommand
{
public:
    ChangeAutoscale(Document *doc, const QString &id, std::optional<sc::Autoscale> value,
                    QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    QString m_id;
    std::optional<sc::Autoscale> m_old;
    std::optional<sc::Autoscale> m_new;
};

// One field of the design's traffic (sc::trafficSpecs()).
class ChangeTraffic : public DocumentCommand
{
public:
    ChangeTraffic(Document *doc, const std::string &field, double value,
                  QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    std::string m_field;
    double m_old = 0;
    double m_new = 0;
    // The users viewed before: the command sets the design's users, an undo views these again.
    double m_viewed = 0;
};

// The design's name, description and service-level objective (one undo step for all).
class ChangeDesignProperties : public DocumentCommand
{
public:
    ChangeDesignProperties(Document *doc, DesignProperties properties,
                           QUndoCommand *parent = nullptr);
    // The name and description; the objective stays.
    ChangeDesignProperties(Document *doc, std::string name, std::string description,
                           QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    DesignProperties m_old;
    DesignProperties m_new;
};

class AddConnection : public DocumentCommand
{
public:
    AddConnection(Document *doc, sc::Connection connection, QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    sc::Connection m_connection;
    int m_index = 0;
};

// Changes a connection's weight or request classes (its ends stay).
class ChangeConnection : public DocumentCommand
{
public:
    ChangeConnection(Document *doc, const ConnectionKey &key, sc::Connection changed,
                     QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    int m_index; // where the connection is, for an undo byte for byte
    sc::Connection m_old;
    sc::Connection m_new;
};

class RemoveConnection : public DocumentCommand
{
public:
    RemoveConnection(Document *doc, const ConnectionKey &key, QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    int m_index;
    sc::Connection m_connection;
};

} // namespace scui
