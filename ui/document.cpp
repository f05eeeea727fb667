#include "document.h"

#include "core/catalog/catalog.h"
#include "core/io/format.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <utility>

namespace scui {

Document::Document(QObject *parent)
    : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
    reset(sc::Design{});
}

Document::~Document() = default;

void Document::reset(sc::Design design, const QString &path)
{
    m_undo.clear();
    m_design = std::move(design);
    m_users = m_design.traffic.users > 0 ? m_design.traffic.users : 1000;
    rebuildIndex();
    rebuildModel();
    m_undo.setClean();
    setFilePath(path);
    emitChange(ChangeEvent::Reset);
    emit modifiedChanged(false);
}

QString Document::load(const QString &path)
{
    std::string bytes;
    if (std::string err = sc::readFile(path.toStdString(), bytes); !err.empty())
        return QString::fromStdString(err);
    return loadBytes(bytes, path);
}

QString Document::loadBytes(const std::string &bytes, const QString &path)
{
    sc::LoadResult r = sc::loadDesign(bytes);
    if (!r.design) {
        QStringList lines;
        for (const sc::Issue &i : r.errors)
            lines << QString::fromStdString(i.toString());
        return lines.isEmpty() ? tr("Not a ScaleCanvas design") : lines.join('\n');
    }
    reset(std::move(*r.design), path);
    return {};
}

QString Document::save(const QString &path)
{
    std::string err = sc::saveDesignFileAtomic(m_design, path.toStdString());
    if (!err.empty())
        return QString::fromStdString(err);
    setFilePath(path);
    m_undo.setClean();
    return {};
}

void Document::markModified()
{
    m_undo.resetClean();
    emit modifiedChanged(true);
}

std::string Document::serialized() const { return sc::saveDesign(m_design); }

void Document::setFilePath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    emit filePathChanged();
}

QString Document::displayName() const
{
    return m_path.isEmpty() ? QString::fromStdString(m_design.name.empty() ? "Untitled"
                                                                           : m_design.name)
                            : QFileInfo(m_path).fileName();
}

void Document::setUsers(double users)
{
    if (!std::isfinite(users) || users < 0 || users == m_users)
        return;
    m_users = users;
    reevaluate();
}

const sc::ComponentResult *Document::result(const QString &id) const
{
    if (!modelOk())
        return nullptr;
    const int i = indexOf(id);
    if (i < 0 || size_t(i) >= m_eval.components.size())
        return nullptr;
    return &m_eval.components[size_t(i)];
}

bool Document::isBottleneck(const QString &id) const
{
    return modelOk() && m_eval.bottleneck >= 0 && m_eval.bottleneck == indexOf(id);
}

double Document::edgeFlow(int index) const
{
    if (!modelOk() || index < 0 || size_t(index) >= m_design.connections.size())
        return 0;
    const double f = m_model->perUserEdgeFlow(index) * m_users;
    return std::isfinite(f) ? f : 0;
}

int Document::indexOf(const QString &id) const
{
    auto it = m_index.find(id.toStdString());
    return it == m_index.end() ? -1 : it->second;
}

const sc::Component *Document::component(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_design.components[size_t(i)];
}

QString Document::uniqueId(const QString &stem) const
{
    return QString::fromStdString(m_design.uniqueId(stem.toStdString()));
}

void Document::insertComponents(const std::vector<std::pair<int, sc::Component>> &items)
{
    QStringList ids;
    // Ascending indices: each lands where it was when it was taken out.
    for (const auto &[index, c] : items) {
        const size_t at = std::clamp<size_t>(size_t(std::max(index, 0)), 0,
                                             m_design.components.size());
        m_design.components.insert(m_design.components.begin() + long(at), c);
        ids << QString::fromStdString(c.id);
    }
    rebuildIndex();
    rebuildModel();
    emitChange(ChangeEvent::ComponentsAdded, ids);
}

void Document::removeComponents(const QStringList &ids)
{
    auto &cs = m_design.components;
    cs.erase(std::remove_if(cs.begin(), cs.end(),
                            [&](const sc::Component &c) {
                                return ids.contains(QString::fromStdString(c.id));
                            }),
             cs.end());
    rebuildIndex();
    rebuildModel();
    emitChange(ChangeEvent::ComponentsRemoved, ids);
}

void Document::moveComponents(const std::vector<std::pair<QString, sc::Point>> &positions)
{
    QStringList ids;
    for (const auto &[id, p] : positions) {
        const int i = indexOf(id);
        if (i < 0)
            continue;
        m_design.components[size_t(i)].position = p;
        ids << id;
    }
    // Positions do not enter the model: no re-evaluation, which keeps big drags smooth.
    emitChange(ChangeEvent::ComponentsMoved, ids);
}

void Document::setLabel(const QString &id, const QString &label)
{
    const int i = indexOf(id);
    if (i < 0)
        return;
    m_design.components[size_t(i)].label = label.toStdString();
    rebuildModel();
    emitChange(ChangeEvent::ComponentsChanged, {id});
}

void Document::setParam(const QString &id, const std::string &name,
                        const std::optional<sc::ParamValue> &value)
{
    const int i = indexOf(id);
    if (i < 0)
        return;
    auto &params = m_design.components[size_t(i)].params;
    if (value)
        params[name] = *value;
    else
        params.erase(name);
    rebuildModel();
    emitChange(ChangeEvent::ComponentsChanged, {id});
}

void Document::setParams(const QStringList &ids, const std::string &name,
                         const std::vector<std::optional<sc::ParamValue>> &values)
{
    QStringList changed;
    for (qsizetype k = 0; k < ids.size() && size_t(k) < values.size(); ++k) {
        const int i = indexOf(ids[k]);
        if (i < 0)
            continue;
        auto &params = m_design.components[size_t(i)].params;
        if (values[size_t(k)])
            params[name] = *values[size_t(k)];
        else
            params.erase(name);
        changed << ids[k];
    }
    if (changed.isEmpty())
        return;
    rebuildModel();
    emitChange(ChangeEvent::ComponentsChanged, changed);
}

void Document::setAutoscale(const QString &id, const std::optional<sc::Autoscale> &autoscale)
{
    const int i = indexOf(id);
    if (i < 0)
        return;
    m_design.components[size_t(i)].autoscale = autoscale;
    rebuildModel();
    emitChange(ChangeEvent::ComponentsChanged, {id});
}

void Document::insertConnection(int index, const sc::Connection &connection)
{
    auto &cs = m_design.connections;
    const size_t at = std::clamp<size_t>(size_t(std::max(index, 0)), 0, cs.size());
    cs.insert(cs.begin() + long(at), connection);
    rebuildModel();
    emitChange(ChangeEvent::ConnectionsChanged);
}

void Document::removeConnection(int index)
{
    auto &cs = m_design.connections;
    if (index < 0 || size_t(index) >= cs.size())
        return;
    cs.erase(cs.begin() + index);
    rebuildModel();
    emitChange(ChangeEvent::ConnectionsChanged);
}

void Document::setConnection(int index, const sc::Connection &connection)
{
    auto &cs = m_design.connections;
    if (index < 0 || size_t(index) >= cs.size())
        return;
    cs[size_t(index)] = connection;
    rebuildModel();
    emitChange(ChangeEvent::ConnectionsChanged);
}

void Document::setTraffic(const std::string &field, double value)
{
    double *f = m_design.traffic.field(field);
    if (!f)
        return;
    *f = value;
    if (field == "users")
        m_users = value;
    rebuildModel();
    emitChange(ChangeEvent::TrafficChanged);
}

void Document::rebuildIndex()
{
    m_index.clear();
    for (size_t i = 0; i < m_design.components.size(); ++i)
        m_index[m_design.components[i].id] = int(i);
}

void Document::rebuildModel()
{
    m_model = std::make_unique<sc::Model>(m_design, catalog());
    m_eval = m_model->ok() ? m_model->evaluate(m_users) : sc::Evaluation{};
    m_eval.users = m_users;
}

const sc::Catalog &Document::catalog() const
{
    return m_customCatalog ? *m_customCatalog : sc::Catalog::builtin();
}

QString Document::loadCatalog(const QString &path)
{
    sc::Issues errors;
    std::optional<sc::Catalog> loaded = sc::Catalog::load(path.toStdString(), errors);
    if (!loaded) {
        QStringList lines;
        for (const sc::Issue &i : errors)
            lines << QString::fromStdString(i.toString());
        return lines.isEmpty() ? tr("Not a price catalog") : lines.join('\n');
    }
    // The old catalog outlives the model that reads it: it goes when `old` does.
    auto old = std::exchange(m_customCatalog, std::make_unique<const sc::Catalog>(*loaded));
    m_catalogPath = path;
    rebuildModel();
    emit catalogChanged();
    emit evaluated();
    return {};
}

void Document::useBuiltinCatalog()
{
    if (!m_customCatalog)
        return;
    auto old = std::exchange(m_customCatalog, nullptr);
    m_catalogPath.clear();
    rebuildModel();
    emit catalogChanged();
    emit evaluated();
}

void Document::reevaluate()
{
    if (m_model && m_model->ok())
        m_eval = m_model->evaluate(m_users);
    m_eval.users = m_users;
    emit evaluated();
}

void Document::emitChange(ChangeEvent::Type type, QStringList ids)
{
    emit changed(ChangeEvent{type, std::move(ids)});
    if (type != ChangeEvent::ComponentsMoved)
        emit evaluated();
}

} // namespace scui
