#include "changecommands.h"

#include "ui/document.h"

#include <QObject>

namespace scui {

ChangeParameter::ChangeParameter(Document *doc, const QString &id, const std::string &name,
                                 std::optional<sc::ParamValue> value, QUndoCommand *parent)
    : ChangeParameter(doc, QStringList{id}, name, std::move(value), parent)
{
}

ChangeParameter::ChangeParameter(Document *doc, const QStringList &ids, const std::string &name,
                                 std::optional<sc::ParamValue> value, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_ids(ids)
    , m_name(name)
    , m_new(std::move(value))
{
    for (const QString &id : ids) {
        std::optional<sc::ParamValue> old;
        if (const sc::Component *c = doc->component(id))
            if (auto it = c->params.find(name); it != c->params.end())
                old = it->second;
        m_old.push_back(std::move(old));
    }
    const QString param = QString::fromStdString(name);
    setText(ids.size() == 1 ? QObject::tr("Change %1 of %2").arg(param, ids.first())
                            : QObject::tr("Change %1 of %2 components").arg(param).arg(ids.size()));
}

void ChangeParameter::redo()
{
    m_doc->setParams(m_ids, m_name, std::vector<std::optional<sc::ParamValue>>(m_old.size(), m_new));
}

void ChangeParameter::undo() { m_doc->setParams(m_ids, m_name, m_old); }

ChangeAutoscale::ChangeAutoscale(Document *doc, const QString &id,
                                 std::optional<sc::Autoscale> value, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_id(id)
    , m_new(std::move(value))
{
    if (const sc::Component *c = doc->component(id))
        m_old = c->autoscale;
    setText(QObject::tr("Change auto-scaling of %1").arg(id));
}

void ChangeAutoscale::redo() { m_doc->setAutoscale(m_id, m_new); }
void ChangeAutoscale::undo() { m_doc->setAutoscale(m_id, m_old); }

ChangeTraffic::ChangeTraffic(Document *doc, const std::string &field, double value,
                             QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_field(field)
    , m_old(doc->design().traffic.get(field))
    , m_new(value)
{
    setText(QObject::tr("Change traffic %1").arg(QString::fromStdString(field)));
}

void ChangeTraffic::redo() { m_doc->setTraffic(m_field, m_new); }
void ChangeTraffic::undo() { m_doc->setTraffic(m_field, m_old); }

AddConnection::AddConnection(Document *doc, sc::Connection connection, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_connection(std::move(connection))
{
    setText(QObject::tr("Connect %1 → %2")
                .arg(QString::fromStdString(m_connection.from),
                     QString::fromStdString(m_connection.to)));
}

void AddConnection::redo()
{
    m_index = int(m_doc->design().connections.size());
    m_doc->insertConnection(m_index, m_connection);
}

void AddConnection::undo() { m_doc->removeConnection(m_index); }

RemoveConnection::RemoveConnection(Document *doc, int index, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_index(index)
{
    if (index >= 0 && size_t(index) < doc->design().connections.size())
        m_connection = doc->design().connections[size_t(index)];
    setText(QObject::tr("Disconnect %1 → %2")
                .arg(QString::fromStdString(m_connection.from),
                     QString::fromStdString(m_connection.to)));
}

void RemoveConnection::redo() { m_doc->removeConnection(m_index); }
void RemoveConnection::undo() { m_doc->insertConnection(m_index, m_connection); }

ChangeConnection::ChangeConnection(Document *doc, int index, sc::Connection changed,
                                   QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_index(index)
    , m_new(std::move(changed))
{
    if (index >= 0 && size_t(index) < doc->design().connections.size())
        m_old = doc->design().connections[size_t(index)];
    setText(QObject::tr("Change connection %1 → %2")
                .arg(QString::fromStdString(m_old.from), QString::fromStdString(m_old.to)));
}

void ChangeConnection::redo() { m_doc->setConnection(m_index, m_new); }
void ChangeConnection::undo() { m_doc->setConnection(m_index, m_old); }

} // namespace scui
