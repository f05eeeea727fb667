#include "document.h"

#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "ui/timeline/timelinerun.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <unordered_set>
#include <utility>

namespace scui {
namespace {

// SHA-256 of the file at `path`; empty when it does not exist, "?" when it cannot be read.
QByteArray hashOfFile(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f))
        return QByteArrayLiteral("?");
    return hash.result();
}

QByteArray hashOf(const std::string &bytes)
{
    return QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())),
                                    QCryptographicHash::Sha256);
}

} // namespace

Document::Document(QObject *parent)
    : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
    // An atomic save elsewhere replaces the file: the watcher loses it and it is added again.
    m_diskCheck.setSingleShot(true);
    m_diskCheck.setInterval(200);
    connect(&m_diskCheck, &QTimer::timeout, this, &Document::checkDisk);
    m_aside.setMaxThreadCount(1);
    reset(sc::Design{});
}

// The work on the analysis thread reads the models and the catalog: it ends first (what it
// queued for this thread is dropped with this object).
Document::~Document()
{
    dropAside();
}

void Document::dropAside()
{
    m_currentGeneration->store(-1); // what has not started returns at once
    m_aside.clear();
    m_aside.waitForDone();
}

void Document::runAside(std::function<void(const sc::Model &)> work, QObject *context,
                        std::function<void()> done)
{
    Q_ASSERT(m_model && m_model->ok());
    // Read on this thread only; the analysis thread passes it on, and may be the last to let it
    // go (a job dropped, or its runnable deleted after the reply ran): `done` must capture
    // nothing that needs this thread to be destroyed.
    struct Reply {
        QPointer<QObject> context;
        std::function<void()> done;
    };
    auto reply = std::make_shared<Reply>(Reply{context, std::move(done)});
    m_aside.start([this, model = figuresShared(), generation = m_figuresGeneration,
                   current = m_currentGeneration, work = std::move(work), reply] {
        if (current->load() != generation)
            return;
        work(*model);
        QMetaObject::invokeMethod(
            this,
            [this, generation, reply] {
                if (generation == m_figuresGeneration && reply->context)
                    reply->done();
            },
            Qt::QueuedConnection);
    });
}

void Document::waitForAside()
{
    m_aside.waitForDone();
}

void Document::reset(sc::Design design, const QString &path)
{
    resetTo(std::move(design), path, nullptr);
}

void Document::resetTo(sc::Design design, const QString &path, const std::string *diskBytes)
{
    {
        Batch batch(this);
        m_undo.clear();
        m_design = std::move(design);
        m_shownVariant.clear();
        m_failures.events.clear(); // the session's failures were of the design before
        m_users = m_design.traffic.users > 0 ? m_design.traffic.users : 1000;
        rebuildIndex();
        m_connectionIndexStale = true;
        m_pending.reset = true;
        m_pending.rebuild = true;
        m_undo.setClean();
        assignPath(path);
        // Bytes from elsewhere (a recovered autosave): edits count against the file as it is.
        stampDisk(diskBytes);
    }
    emit modifiedChanged(false);
}

QString Document::load(const QString &path)
{
    std::string bytes;
    if (std::string err = sc::readFile(path.toStdString(), bytes); !err.empty())
        return QString::fromStdString(err);
    return loadFrom(bytes, path, &bytes);
}

QString Document::loadBytes(const std::string &bytes, const QString &path)
{
    return loadFrom(bytes, path, nullptr);
}

QString Document::loadFrom(const std::string &bytes, const QString &path,
                           const std::string *diskBytes)
{
    sc::LoadResult r = sc::loadDesign(bytes);
    if (!r.design) {
        // The file did not load, so no label is known: the component's id names it, and the
        // JSON path stays (in brackets) to find the place in the file.
        QStringList lines;
        for (const sc::Issue &i : r.errors)
            lines << (i.componentId.empty() ? QString::fromStdString(i.toString())
                                            : tr("Component “%1” (%2): %3")
                                                  .arg(QString::fromStdString(i.componentId),
                                                       QString::fromStdString(i.path),
                                                       QString::fromStdString(i.message)));
        return lines.isEmpty() ? tr("Not a ScaleCanvas design") : lines.join('\n');
    }
    resetTo(std::move(*r.design), path, diskBytes);
    return {};
}

QString Document::save(const QString &path)
{
    const std::string bytes = serialized();
    std::string err = sc::writeFileAtomic(path.toStdString(), bytes);
    if (!err.empty())
        return QString::fromStdString(err);
    assignPath(path);
    stampDisk(&bytes);
    m_undo.setClean();
    return {};
}

void Document::stampDisk(const std::string *bytes)
{
    m_diskHash = m_path.isEmpty() ? QByteArray() : bytes ? hashOf(*bytes) : hashOfFile(m_path);
    m_notifiedHash.reset();
    watchFile();
}

// Watches the file, or its folder while the file is missing (to see it come back).
void Document::watchFile()
{
    if (m_watcher) {
        if (!m_watcher->files().isEmpty())
            m_watcher->removePaths(m_watcher->files());
        if (!m_watcher->directories().isEmpty())
            m_watcher->removePaths(m_watcher->directories());
    }
    if (m_path.isEmpty())
        return;
    if (!m_watcher) {
        m_watcher = std::make_unique<QFileSystemWatcher>();
        auto check = [this] { m_diskCheck.start(); };
        connect(m_watcher.get(), &QFileSystemWatcher::fileChanged, this, check);
        connect(m_watcher.get(), &QFileSystemWatcher::directoryChanged, this, check);
    }
    if (QFileInfo::exists(m_path))
        m_watcher->addPath(m_path);
    else if (const QString dir = QFileInfo(m_path).absolutePath(); QFileInfo::exists(dir))
        m_watcher->addPath(dir);
}

Document::DiskState Document::diskState() const
{
    if (m_path.isEmpty())
        return DiskState::Unchanged;
    const QByteArray now = hashOfFile(m_path);
    if (now == m_diskHash)
        return DiskState::Unchanged;
    return now.isEmpty() ? DiskState::Removed : DiskState::Changed;
}

void Document::checkDisk()
{
    watchFile();
    const QByteArray now = hashOfFile(m_path);
    if (m_path.isEmpty() || now == m_diskHash || now == m_notifiedHash)
        return;
    m_notifiedHash = now;
    emit fileChangedOnDisk(now.isEmpty() ? DiskState::Removed : DiskState::Changed);
}

void Document::markModified()
{
    m_undo.resetClean();
    emit modifiedChanged(true);
}

std::string Document::serialized() const
{
    return sc::saveDesign(fileDesign());
}

namespace {

int variantIndex(const sc::Design &design, const QString &name)
{
    const std::string key = name.toStdString();
    for (size_t i = 0; i < design.variants.size(); ++i)
        if (design.variants[i].name == key)
            return int(i);
    return -1;
}

} // namespace

sc::Design Document::fileDesign() const
{
    sc::Design file = m_design;
    if (const int i = variantIndex(file, m_shownVariant); i >= 0)
        sc::swapDesignContent(file, file.variants[size_t(i)].design);
    return file;
}

bool Document::showVariant(const QString &name)
{
    if (name == m_shownVariant)
        return true;
    const int to = variantIndex(m_design, name);
    if (!name.isEmpty() && to < 0)
        return false;
    Batch batch(this);
    // Back to the file's own design, then out to the variant asked for.
    if (const int from = variantIndex(m_design, m_shownVariant); from >= 0)
        sc::swapDesignContent(m_design, m_design.variants[size_t(from)].design);
    if (to >= 0)
        sc::swapDesignContent(m_design, m_design.variants[size_t(to)].design);
    m_shownVariant = name;
    m_failures.events.clear(); // the session's failures were of the design shown before
    m_users = m_design.traffic.users > 0 ? m_design.traffic.users : 1000;
    rebuildIndex();
    m_connectionIndexStale = true;
    m_pending.reset = true;
    m_pending.shown = true;
    m_pending.rebuild = true;
    return true;
}

QStringList Document::variantNames() const
{
    QStringList names;
    for (const sc::Variant &v : m_design.variants)
        names << QString::fromStdString(v.name);
    return names;
}

const sc::Design *Document::variantDesign(const QString &name) const
{
    if (name == m_shownVariant)
        return &m_design;
    if (name.isEmpty()) // shown elsewhere: the file's own design waits in the shown one's slot
        return &m_design.variants[size_t(variantIndex(m_design, m_shownVariant))].design;
    const int i = variantIndex(m_design, name);
    return i < 0 ? nullptr : &m_design.variants[size_t(i)].design;
}

void Document::setLesson(const sc::Lesson &lesson)
{
    if (lesson == m_design.lesson)
        return;
    Batch batch(this);
    m_design.lesson = lesson;
    m_pending.lesson = true;
}

void Document::setNotes(const std::vector<sc::Note> &notes)
{
    if (notes == m_design.notes)
        return;
    Batch batch(this);
    m_design.notes = notes;
    m_pending.notes = true;
}

void Document::selectAfter(const Selection &selection)
{
    Batch batch(this);
    m_pending.select = selection;
}

void Document::insertVariant(int index, const sc::Variant &variant)
{
    Batch batch(this);
    auto &vs = m_design.variants;
    vs.insert(vs.begin() + std::clamp<long>(index, 0, long(vs.size())), variant);
    m_pending.variants = true;
}

void Document::removeVariant(const QString &name)
{
    const int i = variantIndex(m_design, name);
    if (i < 0 || name == m_shownVariant)
        return;
    Batch batch(this);
    m_design.variants.erase(m_design.variants.begin() + i);
    m_pending.variants = true;
}

void Document::renameVariant(const QString &from, const QString &to)
{
    const int i = variantIndex(m_design, from);
    if (i < 0 || from == to || variantIndex(m_design, to) >= 0)
        return;
    Batch batch(this);
    m_design.variants[size_t(i)].name = to.toStdString();
    // Its design named as the variant (New Variant from Current names it so) takes the new name
    // too: the lesson's step list and the handout name a step by it, and read the old name
    // (QA). One it was given of its own keeps it. (Shown, the variant's design is design().)
    std::string &named =
        from == m_shownVariant ? m_design.name : m_design.variants[size_t(i)].design.name;
    if (named == from.toStdString()) {
        named = to.toStdString();
        m_pending.properties = true;
    }
    emit variantRenamed(from, to);
    if (from == m_shownVariant) {
        m_shownVariant = to;
        m_pending.shown = true;
    }
    m_pending.variants = true;
}

void Document::setFilePath(const QString &path)
{
    if (assignPath(path))
        stampDisk(nullptr);
}

bool Document::assignPath(const QString &path)
{
    if (path == m_path)
        return false;
    m_path = path;
    emit filePathChanged();
    return true;
}

QString Document::displayName() const
{
    return m_path.isEmpty()
               ? QString::fromStdString(m_design.name.empty() ? "Untitled" : m_design.name)
               : QFileInfo(m_path).fileName();
}

QString Document::designName() const
{
    return m_design.name.empty() ? tr("Untitled design") : QString::fromStdString(m_design.name);
}

QString Document::shownTitle() const
{
    if (m_shownVariant.isEmpty())
        return designName();
    const sc::Design *own = variantDesign(QString());
    const QString name =
        own && !own->name.empty() ? QString::fromStdString(own->name) : tr("Untitled design");
    return tr("%1 — variant: %2").arg(name, m_shownVariant);
}

QString Document::fileDesignName() const
{
    const sc::Design *own = variantDesign(QString());
    return own && !own->name.empty() ? QString::fromStdString(own->name) : tr("Design");
}

void Document::setUsers(double users)
{
    if (!std::isfinite(users) || users < 0 || users == m_users)
        return;
    m_users = users;
    if (m_pending.depth > 0)
        m_pending.reevaluate = true; // at the end of the batch, with the model of its design
    else
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
    if (!modelOk())
        return false;
    // At the timeline's clock: the step's (a spike may overload another tier).
    const int bottleneck = m_frameRun && !m_frameRun->steps.empty()
                               ? m_frameRun->steps[size_t(m_frameStep)].bottleneck
                               : m_eval.bottleneck;
    return bottleneck >= 0 && bottleneck == indexOf(id);
}

// At the timeline's frame: what the connection's source passes on that step, in the share of
// its arrivals the routes send over this connection (the routing's per-user flows). nullopt
// without a frame.
std::optional<double> Document::frameEdgeShare(int index) const
{
    if (!m_frameRun || index < 0 || size_t(index) >= m_design.connections.size())
        return std::nullopt;
    const int from = indexOf(QString::fromStdString(m_design.connections[size_t(index)].from));
    if (from < 0 || size_t(from) >= m_frameRun->lumpOf.size() || m_frameRun->steps.empty())
        return std::nullopt;
    double arriving = 0; // per user, at the source
    for (int k = 0; k < sc::kClassCount; ++k)
        arriving += m_model->perUserArrival(from, sc::RequestClass(k));
    if (!(arriving > 0))
        return 0.0;
    const double passed = m_frameRun->at(m_frameStep, from, &sc::SimulationStep::passedOn);
    double share = passed / arriving; // users' worth of the source's per-user flow
    // A balancer that sends its targets other shares than its routes (one routed round, found
    // down, short of instances: the rest to those left) carries what the step says it sends on
    // each, none to a target it skips (QA: the arrows kept 100/s each after one of two targets
    // went down, the boxes 0 and 200 req/s).
    const sc::SimulationStep &step = m_frameRun->steps[size_t(m_frameStep)];
    const int to = indexOf(QString::fromStdString(m_design.connections[size_t(index)].to));
    const double perUser = m_model->perUserEdgeFlow(index);
    bool rerouted = false;
    double sent = 0;
    for (const sc::SimulationStep::Rerouted &r : step.rerouted)
        if (r.from == from) {
            rerouted = true;
            sent += r.to == to ? r.rps : 0.0;
        }
    if (rerouted && perUser > 0)
        share = sent / perUser;
    return std::isfinite(share) ? share : 0.0;
}

double Document::edgeFlow(const ConnectionKey &key) const
{
    if (!modelOk())
        return 0;
    const int index = connectionIndex(key);
    if (index < 0)
        return 0;
    // The timeline's clock: the step's flow, not the steady one.
    if (const std::optional<double> share = frameEdgeShare(index)) {
        const double f = m_model->perUserEdgeFlow(index) * *share;
        return std::isfinite(f) ? f : 0;
    }
    // What the model says the connection carries; a model that does not give per-connection
    // figures (none yet) leaves it to the routing's per-user flow.
    const double f = m_eval.edgeRps.size() == m_design.connections.size()
                         ? m_eval.edgeRps[size_t(index)]
                         : m_model->perUserEdgeFlow(index) * m_users;
    return std::isfinite(f) ? f : 0;
}

sc::ClassRates Document::edgeClassFlow(const ConnectionKey &key) const
{
    const int index = modelOk() ? connectionIndex(key) : -1;
    if (index < 0)
        return {};
    sc::ClassRates r = figuresModel()->perUserEdgeClassFlow(index);
    const double scale = frameEdgeShare(index).value_or(m_users);
    for (double &v : r)
        v = std::isfinite(v * scale) ? v * scale : 0;
    return r;
}

std::optional<double> Document::sloMaxUsers() const
{
    return modelOk() ? figuresModel()->sloMaxUsers() : std::nullopt;
}

QString Document::componentName(const QString &id) const
{
    const sc::Component *c = component(id);
    if (!c)
        return tr("“%1”").arg(id);
    const std::string_view kind = sc::kindTitle(c->kind);
    return tr("%1 “%2”").arg(QString::fromUtf8(kind.data(), qsizetype(kind.size())),
                             componentLabel(id));
}

QString Document::componentLabel(const QString &id) const
{
    const sc::Component *c = component(id);
    return c && !c->label.empty() ? QString::fromStdString(c->label) : id;
}

QString Document::issueText(const sc::Issue &issue) const
{
    const QString message = QString::fromStdString(issue.message);
    const QString path = QString::fromStdString(issue.path);
    static const QRegularExpression item(
        QStringLiteral(R"(^design\.(components|connections)\[(\d+)\](.*)$)"));
    const QRegularExpressionMatch m = item.match(path);
    QString who;
    QString field;
    // A connection is named by its ends (its issue's component id, the end it leaves, is what
    // a click selects).
    const bool connection = m.hasMatch() && m.captured(1) == QLatin1String("connections") &&
                            m.captured(2).toULongLong() < m_design.connections.size();
    if (!connection && !issue.componentId.empty() &&
        component(QString::fromStdString(issue.componentId))) {
        who = componentName(QString::fromStdString(issue.componentId));
        if (m.hasMatch())
            field = m.captured(3);
    } else if (m.hasMatch()) {
        const size_t i = m.captured(2).toULongLong();
        field = m.captured(3);
        if (m.captured(1) == QLatin1String("components") && i < m_design.components.size()) {
            who = componentName(QString::fromStdString(m_design.components[i].id));
        } else if (i < m_design.connections.size()) {
            const sc::Connection &c = m_design.connections[i];
            who = tr("Connection %1 → %2")
                      .arg(componentName(QString::fromStdString(c.from)),
                           componentName(QString::fromStdString(c.to)));
            field.clear(); // "from"/"to" name an end the message quotes
        }
    } else if (path.startsWith(QLatin1String("design.traffic."))) {
        who = tr("Traffic, %1").arg(path.mid(15));
    } else if (path.startsWith(QLatin1String("design"))) {
        who = tr("Design");
    }
    if (who.isEmpty())
        return issue.path.empty() ? message : path + QStringLiteral(": ") + message;
    // The parameter, when the message does not name it already: "(instanceType)".
    field.remove(QRegularExpression(QStringLiteral(R"(^\.(params|autoscale)?\.?)")));
    if (!field.isEmpty() && !message.contains(field))
        who += QStringLiteral(" (%1)").arg(field);
    return who + QStringLiteral(": ") + message;
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

int Document::connectionIndex(const ConnectionKey &key) const
{
    if (m_connectionIndexStale) {
        m_connectionIndex.clear();
        m_connectionIndex.reserve(qsizetype(m_design.connections.size()));
        // Backwards, so that of two connections with one key the first is kept.
        for (size_t i = m_design.connections.size(); i-- > 0;)
            m_connectionIndex.insert(keyOf(m_design.connections[i]), int(i));
        m_connectionIndexStale = false;
    }
    return m_connectionIndex.value(key, -1);
}

const sc::Connection *Document::connection(const ConnectionKey &key) const
{
    const int i = connectionIndex(key);
    return i < 0 ? nullptr : &m_design.connections[size_t(i)];
}

ConnectionKey Document::keyOf(const sc::Connection &connection)
{
    return {QString::fromStdString(connection.from), QString::fromStdString(connection.to)};
}

// --- Batches

void Document::beginBatch()
{
    ++m_pending.depth;
}

void Document::endBatch()
{
    Q_ASSERT(m_pending.depth > 0);
    if (--m_pending.depth > 0)
        return;
    const bool rebuild = m_pending.rebuild;
    const bool reevaluate = m_pending.reevaluate;
    m_pending.rebuild = m_pending.reevaluate = false;
    if (rebuild)
        rebuildModel();
    else if (reevaluate && m_model && m_model->ok())
        m_eval = figuresModel()->evaluate(m_users);
    m_eval.users = m_users;
    // Slots may edit again (and open batches of their own): the pending state is taken first.
    const bool shown = m_pending.shown;
    const ChangeEvent event = takeEvent();
    if (!event.isEmpty())
        emit changed(event);
    if (shown)
        emit shownVariantChanged(m_shownVariant);
    if (rebuild || reevaluate)
        emitEvaluated();
}

void Document::emitEvaluated()
{
    emit evaluated();
    if (m_users != m_shownUsers) {
        m_shownUsers = m_users;
        emit usersChanged(m_users);
    }
}

Document::Pending::Touch &Document::touchComponent(const QString &id)
{
    auto it = m_pending.components.find(id);
    if (it == m_pending.components.end()) {
        it = m_pending.components.insert(id, {indexOf(id) >= 0, false, false});
        m_pending.componentOrder << id;
    }
    return *it;
}

Document::Pending::Touch &Document::touchConnection(const ConnectionKey &key)
{
    auto it = m_pending.connections.find(key);
    if (it == m_pending.connections.end()) {
        it = m_pending.connections.insert(key, {connectionIndex(key) >= 0, false, false});
        m_pending.connectionOrder << key;
    }
    return *it;
}

ChangeEvent Document::takeEvent()
{
    Pending p = std::exchange(m_pending, Pending{});
    ChangeEvent e;
    e.reset = p.reset;
    e.variantShown = p.reset && p.shown;
    e.lessonChanged = p.lesson;
    e.notesChanged = p.notes;
    e.variantsChanged = p.variants;
    e.select = std::move(p.select);
    if (e.reset)
        return e; // everything is new; what else was touched does not matter
    e.trafficChanged = p.traffic;
    e.propertiesChanged = p.properties;
    e.sloChanged = p.slo;
    e.groupsChanged = p.groups;
    e.placesChanged = p.places;
    for (const QString &id : std::as_const(p.componentOrder)) {
        const Pending::Touch &t = p.components[id];
        const bool now = indexOf(id) >= 0;
        if (!t.existed && now)
            e.componentsAdded << id;
        else if (t.existed && !now)
            e.componentsRemoved << id;
        else if (t.existed && now) {
            if (t.changed)
                e.componentsChanged << id;
            if (t.moved)
                e.componentsMoved << id;
        }
    }
    for (const ConnectionKey &key : std::as_const(p.connectionOrder)) {
        const Pending::Touch &t = p.connections[key];
        const bool now = connectionIndex(key) >= 0;
        if (!t.existed && now)
            e.connectionsAdded << key;
        else if (t.existed && !now)
            e.connectionsRemoved << key;
        else if (t.existed && now)
            e.connectionsChanged << key;
    }
    return e;
}

// --- Mutators

void Document::insertComponents(const std::vector<std::pair<int, sc::Component>> &items)
{
    Batch batch(this);
    // Ascending indices: each lands where it was when it was taken out.
    for (const auto &[index, c] : items) {
        touchComponent(QString::fromStdString(c.id)).changed = true;
        const size_t at =
            std::clamp<size_t>(size_t(std::max(index, 0)), 0, m_design.components.size());
        m_design.components.insert(m_design.components.begin() + long(at), c);
    }
    rebuildIndex();
    m_pending.rebuild = true;
}

void Document::removeComponents(const QStringList &ids)
{
    if (ids.isEmpty())
        return;
    Batch batch(this);
    for (const QString &id : ids)
        if (indexOf(id) >= 0)
            touchComponent(id).changed = true;
    const std::unordered_set<std::string> gone = [&] {
        std::unordered_set<std::string> s;
        for (const QString &id : ids)
            s.insert(id.toStdString());
        return s;
    }();
    std::erase_if(m_design.components, [&](const sc::Component &c) { return gone.count(c.id); });
    rebuildIndex();
    m_pending.rebuild = true;
}

void Document::moveComponents(const std::vector<std::pair<QString, sc::Point>> &positions)
{
    Batch batch(this);
    for (const auto &[id, p] : positions) {
        const int i = indexOf(id);
        if (i < 0)
            continue;
        m_design.components[size_t(i)].position = p;
        touchComponent(id).moved = true;
    }
    // Positions do not enter the model: no rebuild, which keeps big drags smooth.
}

void Document::setLabel(const QString &id, const QString &label)
{
    Batch batch(this);
    const int i = indexOf(id);
    if (i < 0)
        return;
    m_design.components[size_t(i)].label = label.toStdString();
    touchComponent(id).changed = true;
    m_pending.rebuild = true; // labels are in the model's warnings
}

void Document::setParam(const QString &id, const std::string &name,
                        const std::optional<sc::ParamValue> &value)
{
    setParams({id}, name, {value});
}

void Document::setParams(const QStringList &ids, const std::string &name,
                         const std::vector<std::optional<sc::ParamValue>> &values)
{
    Batch batch(this);
    for (qsizetype k = 0; k < ids.size() && size_t(k) < values.size(); ++k) {
        const int i = indexOf(ids[k]);
        if (i < 0)
            continue;
        auto &params = m_design.components[size_t(i)].params;
        if (values[size_t(k)])
            params[name] = *values[size_t(k)];
        else
            params.erase(name);
        touchComponent(ids[k]).changed = true;
        m_pending.rebuild = true;
    }
}

void Document::setAutoscale(const QString &id, const std::optional<sc::Autoscale> &autoscale)
{
    Batch batch(this);
    const int i = indexOf(id);
    if (i < 0)
        return;
    m_design.components[size_t(i)].autoscale = autoscale;
    touchComponent(id).changed = true;
    m_pending.rebuild = true;
}

void Document::insertConnections(const std::vector<std::pair<int, sc::Connection>> &items)
{
    if (items.empty())
        return;
    Batch batch(this);
    for (const auto &[index, c] : items)
        touchConnection(keyOf(c)).changed = true;
    auto &cs = m_design.connections;
    for (const auto &[index, c] : items) {
        const size_t at = std::clamp<size_t>(size_t(std::max(index, 0)), 0, cs.size());
        cs.insert(cs.begin() + long(at), c);
    }
    m_connectionIndexStale = true;
    m_pending.rebuild = true;
}

void Document::removeConnections(std::vector<int> indices)
{
    auto &cs = m_design.connections;
    std::erase_if(indices, [&](int i) { return i < 0 || size_t(i) >= cs.size(); });
    if (indices.empty())
        return;
    Batch batch(this);
    for (int i : indices)
        touchConnection(keyOf(cs[size_t(i)])).changed = true;
    // Last first, so each index still names the connection it named.
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    for (auto it = indices.rbegin(); it != indices.rend(); ++it)
        cs.erase(cs.begin() + *it);
    m_connectionIndexStale = true;
    m_pending.rebuild = true;
}

void Document::setConnection(int index, const sc::Connection &connection)
{
    auto &cs = m_design.connections;
    if (index < 0 || size_t(index) >= cs.size())
        return;
    Batch batch(this);
    touchConnection(keyOf(cs[size_t(index)])).changed = true;
    touchConnection(keyOf(connection)).changed = true; // the same ends, unless a caller moves them
    cs[size_t(index)] = connection;
    m_connectionIndexStale = true;
    m_pending.rebuild = true;
}

void Document::setTraffic(const std::string &field, double value)
{
    Batch batch(this);
    double *f = m_design.traffic.field(field);
    if (!f)
        return;
    *f = value;
    if (field == "users")
        m_users = value;
    m_pending.traffic = true;
    m_pending.rebuild = true;
}

DesignProperties Document::properties() const
{
    return {m_design.name, m_design.description, m_design.slo, m_design.populations,
            m_design.geography};
}

void Document::setProperties(const DesignProperties &properties)
{
    if (properties == this->properties())
        return;
    Batch batch(this);
    m_design.name = properties.name;
    m_design.description = properties.description;
    m_pending.properties = true;
    if (properties.slo != m_design.slo) {
        // The objective moves the latency wall (and whatever the model holds the design to).
        m_design.slo = properties.slo;
        m_pending.slo = true;
        m_pending.rebuild = true;
    }
    if (properties.populations != m_design.populations ||
        properties.geography != m_design.geography) {
        m_design.populations = properties.populations;
        m_design.geography = properties.geography;
        m_pending.places = true;
        m_pending.rebuild = true;
    }
}

namespace {

// What the model reads of a group: everything but its rectangle and label.
bool samePlace(const sc::Group &a, const sc::Group &b)
{
    sc::Group x = a, y = b;
    x.label = y.label;
    x.x = y.x;
    x.y = y.y;
    x.width = y.width;
    x.height = y.height;
    return x == y;
}

} // namespace

void Document::setGroups(const std::vector<sc::Group> &groups)
{
    if (groups == m_design.groups)
        return;
    Batch batch(this);
    const bool places =
        groups.size() != m_design.groups.size() ||
        !std::equal(groups.begin(), groups.end(), m_design.groups.begin(), samePlace);
    m_design.groups = groups;
    m_pending.groups = true;
    if (places) {
        m_pending.places = true;
        m_pending.rebuild = true;
    }
}

const sc::Group *Document::group(const QString &id) const
{
    const std::string key = id.toStdString();
    for (const sc::Group &g : m_design.groups)
        if (g.id == key)
            return &g;
    return nullptr;
}

void Document::rebuildIndex()
{
    m_index.clear();
    for (size_t i = 0; i < m_design.components.size(); ++i)
        m_index[m_design.components[i].id] = int(i);
}

void Document::setTimeFrame(std::shared_ptr<const TimelineRun> run, int step)
{
    m_frameRun = std::move(run);
    m_frameStep = m_frameRun ? std::clamp(step, 0, int(m_frameRun->steps.size()) - 1) : 0;
    emit timeFrameChanged();
}

void Document::clearTimeFrame()
{
    if (!m_frameRun)
        return;
    m_frameRun.reset();
    emit timeFrameChanged();
}

std::optional<FrameFigures> Document::frameFigures(const QString &id) const
{
    const int i = indexOf(id);
    if (!m_frameRun || i < 0 || size_t(i) >= m_frameRun->lumpOf.size() || m_frameRun->steps.empty())
        return std::nullopt;
    const TimelineRun &r = *m_frameRun;
    using S = sc::SimulationStep;
    return FrameFigures{r.at(m_frameStep, i, &S::instances),   r.at(m_frameStep, i, &S::booting),
                        r.at(m_frameStep, i, &S::utilization), r.at(m_frameStep, i, &S::backlog),
                        r.at(m_frameStep, i, &S::errors),      r.at(m_frameStep, i, &S::passedOn)};
}

void Document::rebuildModel()
{
    ++m_modelBuilds;
    m_frameRun.reset(); // a run of the design before: stale
    // What the edit did not change is carried over from the model before it (Model's
    // constructor checks what may be; anything else is worked out afresh).
    m_model = m_model ? std::make_shared<const sc::Model>(*m_model, m_design, catalog())
                      : std::make_shared<const sc::Model>(m_design, catalog());
    rebuildChaosModel();
    m_eval = m_model->ok() ? figuresModel()->evaluate(m_users) : sc::Evaluation{};
    m_eval.users = m_users;
}

void Document::rebuildChaosModel()
{
    m_chaosModel.reset();
    m_failedStates.clear();
    if (!m_failures.events.empty() && m_model->ok()) {
        m_failedStates = sc::failedStates(m_design, m_failures.events);
        m_chaosModel = std::make_shared<const sc::Model>(m_design, catalog(), m_failures);
    }
    startSloWall();
}

void Document::startSloWall()
{
    m_currentGeneration->store(++m_figuresGeneration);
    m_sloWallKnown = !worksAside(); // a small design's is found when asked (sloMaxUsers)
    if (m_sloWallKnown)
        return;
    runAside([](const sc::Model &m) { (void)m.sloMaxUsers(); }, this,
             [this] {
                 m_sloWallKnown = true;
                 emit sloWallFound();
             });
}

void Document::fireEvent(const QString &id, bool fail)
{
    sc::ScenarioEvent e;
    e.action = fail ? sc::ScenarioEvent::Action::Fail : sc::ScenarioEvent::Action::Restore;
    e.component = id.toStdString();
    emit eventFired(e);
}

void Document::chaos(sc::ScenarioEvent event)
{
    if (hasTimeFrame()) {
        emit eventFired(event);
        return;
    }
    event.atS = 0;
    m_failures.events.push_back(std::move(event));
    if (sc::failedStates(m_design, m_failures.events) ==
        std::vector<sc::FailedState>(m_design.components.size()))
        m_failures.events.clear(); // everything restored: no failures left
    ++m_modelBuilds;
    rebuildChaosModel();
    reevaluate();
    emit failuresChanged();
}

void Document::restoreAll()
{
    if (m_failures.events.empty())
        return;
    m_failures.events.clear();
    ++m_modelBuilds;
    rebuildChaosModel();
    reevaluate();
    emit failuresChanged();
}

sc::FailedState Document::failedState(const QString &id) const
{
    const int i = indexOf(id);
    return i >= 0 && size_t(i) < m_failedStates.size() ? m_failedStates[size_t(i)]
                                                       : sc::FailedState{};
}

sc::FailedState Document::shownFailedState(const QString &id) const
{
    const int i = indexOf(id);
    if (!m_frameRun || i < 0 || m_frameRun->steps.empty())
        return failedState(id);
    const double t = m_frameRun->steps[size_t(m_frameStep)].t;
    std::vector<sc::ScenarioEvent> fired;
    for (const sc::ScenarioEvent &e : m_frameRun->scenario.events)
        if (e.atS <= t)
            fired.push_back(e);
    std::stable_sort(fired.begin(), fired.end(),
                     [](const auto &a, const auto &b) { return a.atS < b.atS; });
    const std::vector<sc::FailedState> states = sc::failedStates(m_design, fired);
    return size_t(i) < states.size() ? states[size_t(i)] : sc::FailedState{};
}

int Document::failedCount() const
{
    int n = 0;
    for (const sc::FailedState &s : m_failedStates)
        n += s.down || s.instancesOut > 0;
    return n;
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
    dropAside(); // the old catalog's models may be at work there
    rebuildModel();
    emit catalogChanged();
    emitEvaluated();
    return {};
}

void Document::useBuiltinCatalog()
{
    if (!m_customCatalog)
        return;
    auto old = std::exchange(m_customCatalog, nullptr);
    m_catalogPath.clear();
    dropAside(); // the old catalog's models may be at work there
    rebuildModel();
    emit catalogChanged();
    emitEvaluated();
}

void Document::reevaluate()
{
    if (m_model && m_model->ok())
        m_eval = figuresModel()->evaluate(m_users);
    m_eval.users = m_users;
    emitEvaluated();
}

} // namespace scui
