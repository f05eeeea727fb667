#include "changecommands.h"

#include "ui/document.h"
#include "ui/inspector/paramtitle.h"

#include <QObject>

namespace scui {

ChangeParameter::ChangeParameter(Document *doc, const QString &id, const std::string &name,
                                 std::optional<sc::ParamValue> value, QUndoCommand *parent)
    : ChangeParameter(doc, QStringList{id}, name, std::move(value), parent)
{
}

ChangeParameter::ChangeParameter(Document *doc, const QStringList &ids, const std::string &name,
                                 std::optional<sc::ParamValue> value, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
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
    const QString param = paramTitle(name); // as the inspector labels it
    setText(ids.size() == 1
                ? QObject::tr("Change %1 of %2").arg(param, doc->componentLabel(ids.first()))
                : QObject::tr("Change %1 of %2 components").arg(param).arg(ids.size()));
}

void ChangeParameter::redoEdit()
{
    m_doc->setParams(m_ids, m_name,
                     std::vector<std::optional<sc::ParamValue>>(m_old.size(), m_new));
}

void ChangeParameter::undoEdit()
{
    m_doc->setParams(m_ids, m_name, m_old);
}

ChangeAutoscale::ChangeAutoscale(Document *doc, const QString &id,
                                 std::optional<sc::Autoscale> value, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_id(id)
    , m_new(std::move(value))
{
    if (const sc::Component *c = doc->component(id))
        m_old = c->autoscale;
    setText(QObject::tr("Change auto-scaling of %1").arg(doc->componentLabel(id)));
}

void ChangeAutoscale::redoEdit()
{
    m_doc->setAutoscale(m_id, m_new);
}
void ChangeAutoscale::undoEdit()
{
    m_doc->setAutoscale(m_id, m_old);
}

ChangeTraffic::ChangeTraffic(Document *doc, const std::string &field, double value,
                             QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_field(field)
    , m_old(doc->design().traffic.get(field))
    , m_new(value)
    , m_viewed(doc->users())
{
    setText(QObject::tr("Change %1 of the traffic").arg(paramTitle(field)));
}

void ChangeTraffic::redoEdit()
{
    m_doc->setTraffic(m_field, m_new);
}
void ChangeTraffic::undoEdit()
{
    m_doc->setTraffic(m_field, m_old);
    // Setting the design's users views them; undone, the count viewed before is viewed again
    // (QA: "Make 2.5M the design's users" undone showed 1k, not 2.5M beside the design's 1k).
    if (m_field == "users")
        m_doc->setUsers(m_viewed);
}

ChangeDesignProperties::ChangeDesignProperties(Document *doc, DesignProperties properties,
                                               QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_old(doc->properties())
    , m_new(std::move(properties))
{
    // Named by what changed: one thing by itself, several together.
    const bool name = m_new.name != m_old.name;
    const bool description = m_new.description != m_old.description;
    const bool slo = m_new.slo != m_old.slo;
    const bool populations = m_new.populations != m_old.populations;
    const bool network = m_new.geography != m_old.geography;
    if (int(name) + int(description) + int(slo) + int(populations) + int(network) > 1)
        setText(QObject::tr("Change design properties"));
    else if (populations)
        setText(QObject::tr("Change user populations"));
    else if (network)
        setText(QObject::tr("Change network round trips"));
    else if (name)
        setText(QObject::tr("Rename design to “%1”").arg(QString::fromStdString(m_new.name)));
    else if (slo)
        setText(QObject::tr("Change service-level objective"));
    else
        setText(QObject::tr("Change design description"));
}

ChangeDesignProperties::ChangeDesignProperties(Document *doc, std::string name,
                                               std::string description, QUndoCommand *parent)
    : ChangeDesignProperties(doc,
                             {std::move(name), std::move(description), doc->design().slo,
                              doc->design().populations, doc->design().geography},
                             parent)
{
}

void ChangeDesignProperties::redoEdit()
{
    m_doc->setProperties(m_new);
}
void ChangeDesignProperties::undoEdit()
{
    m_doc->setProperties(m_old);
}

AddConnection::AddConnection(Document *doc, sc::Connection connection, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_connection(std::move(connection))
{
    // The boxes as the user names them (their labels), not by their ids.
    setText(QObject::tr("Connect %1 → %2")
                .arg(doc->componentLabel(QString::fromStdString(m_connection.from)),
                     doc->componentLabel(QString::fromStdString(m_connection.to))));
}

void AddConnection::redoEdit()
{
    m_index = int(m_doc->design().connections.size());
    m_doc->insertConnections({{m_index, m_connection}});
}

void AddConnection::undoEdit()
{
    m_doc->removeConnections({m_index});
}

RemoveConnection::RemoveConnection(Document *doc, const ConnectionKey &key, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_index(doc->connectionIndex(key))
{
    if (const sc::Connection *c = doc->connection(key))
        m_connection = *c;
    setText(QObject::tr("Disconnect %1 → %2")
                .arg(doc->componentLabel(QString::fromStdString(m_connection.from)),
                     doc->componentLabel(QString::fromStdString(m_connection.to))));
}

void RemoveConnection::redoEdit()
{
    m_doc->removeConnections({m_index});
}

void RemoveConnection::undoEdit()
{
    if (m_index < 0)
        return;
    m_doc->insertConnections({{m_index, m_connection}});
    // Selected again, as an undone delete of the selection brings its items back (GUI QA: one
    // removed from its menu came back unselected).
    m_doc->selectAfter(Selection{{}, {Document::keyOf(m_connection)}, {}, {}});
}

ChangeConnection::ChangeConnection(Document *doc, const ConnectionKey &key, sc::Connection changed,
                                   QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_index(doc->connectionIndex(key))
    , m_new(std::move(changed))
{
    if (const sc::Connection *c = doc->connection(key))
        m_old = *c;
    setText(QObject::tr("Change connection %1 → %2")
                .arg(doc->componentLabel(QString::fromStdString(m_old.from)),
                     doc->componentLabel(QString::fromStdString(m_old.to))));
}

void ChangeConnection::redoEdit()
{
    m_doc->setConnection(m_index, m_new);
}
void ChangeConnection::undoEdit()
{
    m_doc->setConnection(m_index, m_old);
}

} // namespace scui
