#pragma once

#include "core/analysis/model.h"
#include "core/analysis/scenarios.h"
#include "core/model/design.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QUndoStack>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace scui {

struct TimelineRun;

// A component's figures at one step of a simulated run (the timeline's clock, issue 16), per
// instance-group member as the core returned them.
struct FrameFigures {
    double instances = 0;   // up and serving
    double booting = 0;     // asked for, not serving yet
    double utilization = 0; // offered load over capacity (may be above 1, or infinite)
    double backlog = 0;     // requests waiting
    double errors = 0;      // req/s failing here
    double passedOn = 0;    // req/s it passes on (a box without a station shows it)
    // Whether `c`, which runs instances, is down at the step: none up and none booting (its box
    // says "down", the inspector too).
    bool down(const sc::Component &c) const
    {
        return c.runsInstances() && instances <= 0 && !(booting > 0);
    }
};

// A connection's identity: its two ends. A valid design has at most one connection from one
// component to another (the model refuses a second); in a design with that error a key names
// the first of them.
struct ConnectionKey {
    QString from;
    QString to;
    bool operator==(const ConnectionKey &) const = default;
};

inline size_t qHash(const ConnectionKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.from, key.to);
}

// What the canvas is asked to select after an undo step (an undone delete brings back what it
// took, selected as it was). Selection is the views' own state: a step only names items by id.
struct Selection {
    QStringList components; // ids
    QList<ConnectionKey> connections;
    QStringList groups; // ids of regions and zones
    QStringList notes;  // ids
};

// What one undo step (or any Document::Batch) changed, as the net difference between the design
// before and after it: scene items and panels update exactly what is named here and re-read the
// model. A component removed and put back in the same step counts as changed.
struct ChangeEvent {
    bool reset = false;            // a whole new design (open, new): everything is new
    bool variantShown = false;     // with reset: another variant of the same file shown
    QStringList componentsAdded;   // ids
    QStringList componentsRemoved; // ids
    QStringList componentsChanged; // ids: label, parameters, autoscale
    QStringList componentsMoved;   // ids: position (no new figures from that alone)
    QList<ConnectionKey> connectionsAdded;
    QList<ConnectionKey> connectionsRemoved;
    QList<ConnectionKey> connectionsChanged; // weight, classes
    bool trafficChanged = false;
    bool propertiesChanged = false; // the design's name, description or service-level objective
    bool sloChanged = false;        // the objective (with propertiesChanged): new walls, figures
    bool groupsChanged = false;     // regions and zones: any of their fields (the scene redraws)
    // Where things are: a group's members, kind or place, or the user populations (figures).
    bool placesChanged = false;
    bool lessonChanged = false;   // the lesson's title or steps
    bool notesChanged = false;    // the notes on the canvas
    bool variantsChanged = false; // a variant added, removed or renamed
    // When set, the views select exactly these items (an empty one: nothing) after the change;
    // otherwise each keeps what it has selected, less what is gone (Document::selectAfter).
    std::optional<Selection> select;

    // Whether the figures may differ: anything but moves and the name or description
    // (Document::evaluated follows).
    bool changesFigures() const
    {
        return reset || trafficChanged || sloChanged || placesChanged ||
               !componentsAdded.isEmpty() || !componentsRemoved.isEmpty() ||
               !componentsChanged.isEmpty() || !connectionsAdded.isEmpty() ||
               !connectionsRemoved.isEmpty() || !connectionsChanged.isEmpty();
    }
    bool isEmpty() const
    {
        return !changesFigures() && componentsMoved.isEmpty() && !propertiesChanged &&
               !groupsChanged && !lessonChanged && !notesChanged && !variantsChanged;
    }
};

// What File ▸ Design Properties… edits, one undo step for all of it.
struct DesignProperties {
    std::string name;
    std::string description;
    sc::Slo slo;
    std::vector<sc::Population> populations; // where the users are (issue 15)
    sc::Geography geography;                 // the network's constants (route factor, RTTs)
    bool operator==(const DesignProperties &) const = default;
};

// The one object that faces the model (STYLE.md): owns the design of one open file, its undo
// stack, the file path, the user count being looked at and the latest evaluation. Every edit
// arrives through an undo command calling the mutators below. Mutators run inside a Batch (their
// own, or the command's): the model is rebuilt and `changed` emitted once, when the outermost
// batch ends, with everything the batch touched.
class Document : public QObject
{
    Q_OBJECT

public:
    // Defers the model rebuild and the change event to the end of the outermost batch. Undo
    // commands open one in redo() and undo(), so every undo step is one rebuild and one event.
    // Between its start and its end the figures are those of the design before it.
    class Batch
    {
    public:
        explicit Batch(Document *doc)
            : m_doc(doc)
        {
            m_doc->beginBatch();
        }
        ~Batch() { m_doc->endBatch(); }
        Batch(const Batch &) = delete;
        Batch &operator=(const Batch &) = delete;

    private:
        Document *m_doc;
    };

    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    // Replaces the design (clears the undo stack; the document becomes clean).
    void reset(sc::Design design, const QString &path = {});
    // Parses a *.scalecanvas file; on failure returns the errors, one per line.
    QString load(const QString &path);
    QString loadBytes(const std::string &bytes, const QString &path = {});
    // Atomic save; on failure returns the message and the document stays modified.
    QString save(const QString &path);

    // The file on disk against the bytes last read from it or written to it here (their
    // SHA-256): has another program (a second instance, a sync tool, git) replaced it since?
    enum class DiskState { Unchanged, Changed, Removed };
    Q_ENUM(DiskState)
    DiskState diskState() const;

    // The design shown and edited: the file's own, or the variant shownVariant() names, with the
    // file's blocks beside it (objective, scenarios, lesson, notes). While a variant is shown its
    // slot in design().variants holds the file's own design: read the variants through
    // variantNames() and variantDesign(), and the file as saved through fileDesign().
    const sc::Design &design() const { return m_design; }
    sc::Design fileDesign() const;
    std::string serialized() const; // fileDesign() as saved

    // Variants (format 2). Which one is shown is a view, like the viewed users: not an edit, not
    // saved. An undo step remembers the variant it edited and shows it again when undone or
    // redone. showVariant("") shows the file's own design; an unknown name changes nothing and
    // returns false. A new variant shown is a whole new design (ChangeEvent::reset).
    QString shownVariant() const { return m_shownVariant; }
    bool showVariant(const QString &name);
    QStringList variantNames() const;
    // The design of variant `name` ("" the file's own) as the file holds it; null when unknown.
    const sc::Design *variantDesign(const QString &name) const;
    QString filePath() const { return m_path; }
    void setFilePath(const QString &path);
    QString displayName() const;
    // The design's name, "Untitled design" when it has none.
    QString designName() const;
    // What is shown, by name: the design's name, or with a variant shown the file's design and
    // the variant ("Stage 4 — variant: no cache"; the window's title and the exports' titles).
    QString shownTitle() const;
    // What the variants combo, its menu and the compare window call the file's own design: its
    // name, as the title says it, or "Design" when it has none.
    QString fileDesignName() const;
    bool isModified() const { return !m_undo.isClean(); }
    // Marks the document modified with no undo step (a recovered autosave).
    void markModified();
    QUndoStack *undoStack() { return &m_undo; }

    // Two user counts, one source of truth for each. The design's users (traffic.users) are
    // saved and change only through an undo command (ChangeTraffic). The viewed users are what
    // the figures are shown at: the slider, the users field, a click on a growth chart, the
    // boxes and the status bar all read and set this one value, and usersChanged() tells them.
    // It follows the design's users whenever those change (open, new, an edit, its undo).
    double users() const { return m_users; }
    void setUsers(double users);
    double designUsers() const { return m_design.traffic.users; }
    // Whether the figures are shown at another count than the design's users.
    bool viewingOtherUsers() const { return m_users != m_design.traffic.users; }

    // The analysis. `model()` is null only before the first design. Inside a batch that changed
    // the design the figures belong to the design before it: modelOk() is false until its end.
    const sc::Model *model() const { return m_model.get(); }
    // The model the figures come from: the design with the live failures while there are any,
    // model() otherwise. The evaluation, the walls and the growth charts read it, so that they
    // tell of one design (the charts kept the walls of the design without its failures).
    const sc::Model *figuresModel() const { return figuresShared().get(); }
    bool modelOk() const { return m_model && m_model->ok() && !m_pending.rebuild; }
    // modelOk() and the design has clients (sc::Model::hasClients): its availability is a
    // share of requests sent, not the 100% of a design that sends none.
    bool sendsRequests() const { return modelOk() && figuresModel()->hasClients(); }
    const sc::Evaluation &evaluation() const { return m_eval; }
    // The price catalog the model bills with: the built-in one unless a file was loaded. An
    // application choice, not part of the design: not saved in it and not undoable.
    const sc::Catalog &catalog() const;
    QString catalogPath() const { return m_catalogPath; } // empty: the built-in catalog
    // Loads a catalog file as the CLI's --catalog does and rebuilds the model once. On failure
    // returns the problems, one per line ("PATH: message"), and changes nothing.
    QString loadCatalog(const QString &path);
    void useBuiltinCatalog();
    // How many times the model has been built (each edit that changes figures: once).
    int modelBuilds() const { return m_modelBuilds; }
    // Figures of a component at users(); null when the design has errors.
    const sc::ComponentResult *result(const QString &id) const;
    bool isBottleneck(const QString &id) const;
    // Peak req/s the connection carries at users() (what its source serves into it:
    // Evaluation::edgeRps), or at the timeline's frame while one is set (what the source passes
    // on that step, in the routes' share); 0 when absent or the design has errors.
    double edgeFlow(const ConnectionKey &key) const;
    // The same split by the class it carries (static, read, write, job: what arrives at its
    // target), from the routing at users(); zero when absent or the design has errors.
    sc::ClassRates edgeClassFlow(const ConnectionKey &key) const;
    // The latency wall at the design's objective (figuresModel()'s sc::Model::sloMaxUsers(): found
    // once per model build, so asking again costs nothing); nullopt when the design has errors or
    // no wall. A big design's is found on the analysis thread (runAside) right after the build:
    // until sloWallFound(), sloWallKnown() is false and this waits for it.
    std::optional<double> sloMaxUsers() const;
    bool sloWallKnown() const { return m_sloWallKnown; }
    // Lumps (sc::Model::lumpCount) from which figuresModel()'s slow figures, its latency wall and
    // the growth charts' sweep, are worked out on the analysis thread (runAside): each edit, at
    // 1,000 distinct components they take ~5 and ~6 ms, at 10,000 ~25 and ~60 ms.
    static constexpr int kAsideLumps = 200;
    bool worksAside() const { return modelOk() && figuresModel()->lumpCount() >= kAsideLumps; }
    // Runs work(figuresModel()) on the document's analysis thread (one at a time, in order), then
    // done() on this thread, unless by then the figures model has been rebuilt or `context` is
    // gone: then done() is not called (nor work(), when it had not started). The model lives
    // until work() returns. Needs modelOk().
    void runAside(std::function<void(const sc::Model &)> work, QObject *context,
                  std::function<void()> done);
    // Waits until the analysis thread is idle (tests).
    void waitForAside();

    // The timeline's clock (issue 16): while a time frame is set, the boxes show step `step` of
    // `run` (FrameFigures) in place of the steady figures. One timeFrameChanged() per call; an
    // edit that changes figures drops the frame (its run is stale) before evaluated().
    void setTimeFrame(std::shared_ptr<const TimelineRun> run, int step);
    void clearTimeFrame();
    bool hasTimeFrame() const { return m_frameRun != nullptr; }
    const TimelineRun *timeFrameRun() const { return m_frameRun.get(); }
    std::shared_ptr<const TimelineRun> timeFrameShared() const { return m_frameRun; }
    int timeFrameStep() const { return m_frameStep; }
    // Component `id`'s figures at the frame; nullopt without a frame or for an unknown id.
    std::optional<FrameFigures> frameFigures(const QString &id) const;
    // Connection `index`'s source at the frame: what it passes on per unit of its per-user
    // arrivals (the users' worth of its routes' per-user flows); nullopt without a frame.
    std::optional<double> frameEdgeShare(int index) const;
    // A failure or a repair fired by hand at the frame's clock (the canvas's menu); the
    // timeline adds it to its run and re-runs.
    void fireEvent(const QString &id, bool fail);

    // Live chaos (issue 17): a failure or a repair by hand of a component, `instances` of its
    // instances, or a zone or region (ScenarioEvent's fields; atS is ignored). With the
    // timeline showing a run (a time frame) the event goes to the run at its clock
    // (eventFired); otherwise it joins the live failures and the figures re-route at once. The
    // live failures are state of the session, not an edit: no undo step, never saved, gone
    // with a new or opened design. One model rebuild per call.
    void chaos(sc::ScenarioEvent event);
    void restoreAll(); // clears the live failures (one rebuild)
    const sc::Failures &failures() const { return m_failures; }
    // What the live failures leave component `id` in (all clear without failures).
    sc::FailedState failedState(const QString &id) const;
    // What the box shows component `id` in: with a time frame, the state the run's events up to
    // the frame's step leave it in (the live failures are among them, before the start); else
    // failedState(id).
    sc::FailedState shownFailedState(const QString &id) const;
    // Components down or with instances out under the live failures.
    int failedCount() const;

    // A core problem as the GUI says it: the component named by its kind and label ("Load
    // balancer “LB”: …"), a connection by its ends, never a JSON path such as
    // "design.components[0]" (that is for files and the CLI).
    QString issueText(const sc::Issue &issue) const;
    // "Load balancer “LB”" (the id when the label is empty).
    QString componentName(const QString &id) const;
    // "LB": the label, or the id when the label is empty (or no such component).
    QString componentLabel(const QString &id) const;

    int indexOf(const QString &id) const;
    const sc::Component *component(const QString &id) const;
    QString uniqueId(const QString &stem) const;
    // Index of the (first) connection with this key in design().connections; -1 when none.
    int connectionIndex(const ConnectionKey &key) const;
    const sc::Connection *connection(const ConnectionKey &key) const;
    static ConnectionKey keyOf(const sc::Connection &connection);

    void beginBatch();
    void endBatch();

    // --- Mutators: for undo commands only. Positions are indices into the design's vectors, so
    // that undo puts everything back where it was, byte for byte.
    void insertComponents(const std::vector<std::pair<int, sc::Component>> &items);
    void removeComponents(const QStringList &ids);
    void moveComponents(const std::vector<std::pair<QString, sc::Point>> &positions);
    void setLabel(const QString &id, const QString &label);
    void setParam(const QString &id, const std::string &name,
                  const std::optional<sc::ParamValue> &value);
    // The same parameter of several components, one value each (nullopt: back to the default).
    void setParams(const QStringList &ids, const std::string &name,
                   const std::vector<std::optional<sc::ParamValue>> &values);
    void setAutoscale(const QString &id, const std::optional<sc::Autoscale> &autoscale);
    // Each connection lands at its index, in the order given (ascending: each where it was).
    void insertConnections(const std::vector<std::pair<int, sc::Connection>> &items);
    void removeConnections(std::vector<int> indices);
    void setConnection(int index, const sc::Connection &connection); // weight and classes
    void setTraffic(const std::string &field, double value);
    DesignProperties properties() const;
    void setProperties(const DesignProperties &properties);
    // Regions and zones, all of them at once (a handful: an edit replaces the list, and undo
    // puts the old one back byte for byte). The model is rebuilt only when what it reads of them
    // changed (members, kind, place), not for a rectangle or a label.
    void setGroups(const std::vector<sc::Group> &groups);
    const sc::Group *group(const QString &id) const;
    // The lesson and the notes, each replaced whole (small; undo puts the old one back).
    void setLesson(const sc::Lesson &lesson);
    void setNotes(const std::vector<sc::Note> &notes);
    // Adds a variant at `index` of the file's variants (its name must be new), or removes one
    // that is not shown.
    void insertVariant(int index, const sc::Variant &variant);
    void removeVariant(const QString &name);
    // Renames variant `from` to `to` (a name no other variant has); the shown one stays shown
    // under its new name (shownVariantChanged follows the change event). Its design's name and
    // the lesson steps naming it are the caller's (RenameVariant renames the steps).
    void renameVariant(const QString &from, const QString &to);
    // Asks the views to select `selection` (replacing what they have selected) once the open
    // batch's change is applied: it rides on the batch's change event, so the step stays one
    // event. Not an edit: a batch that changes nothing emits nothing.
    void selectAfter(const Selection &selection);

signals:
    // Once per batch that changed anything (so once per undo step), after the model is rebuilt.
    void changed(const scui::ChangeEvent &event);
    void evaluated(); // new figures (after every edit that changes them and every users change)
    // The viewed users changed (setUsers, or the design's users changed): after evaluated().
    void usersChanged(double users);
    void timeFrameChanged();                         // setTimeFrame, clearTimeFrame
    void eventFired(const sc::ScenarioEvent &event); // for the timeline's run, at its clock
    void failuresChanged(); // the live failures changed (after evaluated())
    void sloWallFound();    // a big design's latency wall, found after evaluated() (runAside)
    void catalogChanged();  // other prices: followed by evaluated()
    void filePathChanged();
    void modifiedChanged(bool modified);
    // A file watcher saw filePath() change on disk and diskState() confirms it (never for this
    // document's own saves); once per distinct content on disk.
    void fileChangedOnDisk(scui::Document::DiskState state);
    void shownVariantChanged(const QString &name); // after the change event of the new design
    void variantRenamed(const QString &from, const QString &to); // before its change event

private:
    // What the open batch has touched so far; turned into one ChangeEvent at its end.
    struct Pending {
        struct Touch {
            bool existed = false; // before the batch
            bool changed = false;
            bool moved = false;
        };
        int depth = 0;
        bool rebuild = false;
        bool reevaluate = false;
        bool reset = false;
        bool traffic = false;
        bool properties = false;
        bool slo = false;
        bool groups = false;
        bool places = false;
        bool lesson = false;
        bool notes = false;
        bool variants = false;
        bool shown = false; // another variant is shown
        std::optional<Selection> select;
        QHash<QString, Touch> components;
        QStringList componentOrder; // first touch first
        QHash<ConnectionKey, Touch> connections;
        QList<ConnectionKey> connectionOrder;
    };

    Pending::Touch &touchComponent(const QString &id);
    Pending::Touch &touchConnection(const ConnectionKey &key);
    ChangeEvent takeEvent();
    void rebuildIndex();
    void rebuildModel();
    void rebuildChaosModel(); // and, the figures model being new, starts on its latency wall
    void startSloWall();
    const std::shared_ptr<const sc::Model> &figuresShared() const
    {
        return m_chaosModel ? m_chaosModel : m_model;
    }
    // Drops the analysis thread's work not started and waits for what is running (its model
    // may read a catalog about to go); the next build starts anew.
    void dropAside();
    void reevaluate();
    // Records the file's content as last seen here (`bytes`, or read from disk when null) and
    // watches it.
    void stampDisk(const std::string *bytes);
    void resetTo(sc::Design design, const QString &path, const std::string *diskBytes);
    QString loadFrom(const std::string &bytes, const QString &path, const std::string *diskBytes);
    bool assignPath(const QString &path); // true when it changed (filePathChanged emitted)
    void watchFile();
    void checkDisk();
    void emitEvaluated(); // evaluated(), then usersChanged() when the viewed users moved

    sc::Design m_design;
    QString m_shownVariant; // "" the file's own design
    QUndoStack m_undo;
    QString m_path;
    double m_users = 1000;
    double m_shownUsers = -1; // the viewed users last announced by usersChanged()
    std::unique_ptr<const sc::Catalog> m_customCatalog; // null: the built-in one
    QString m_catalogPath;
    // Shared with the work on the analysis thread (runAside), which may outlive a rebuild.
    std::shared_ptr<const sc::Model> m_model; // reads the catalog: declared after it
    // With live failures: the model the figures come from (m_model stays the design's own: the
    // timeline simulates it, the walls and sweeps read it).
    sc::Failures m_failures;
    std::vector<sc::FailedState> m_failedStates; // per component, empty without failures
    std::shared_ptr<const sc::Model> m_chaosModel;
    sc::Evaluation m_eval;
    // Counts the figures models built; the analysis thread's work for an older one is dropped.
    int m_figuresGeneration = 0;
    std::shared_ptr<std::atomic<int>> m_currentGeneration = std::make_shared<std::atomic<int>>(0);
    bool m_sloWallKnown = true;
    int m_modelBuilds = 0;
    std::unordered_map<std::string, int> m_index;
    // Built on demand after the connections change: a paste of many connections builds it once.
    mutable QHash<ConnectionKey, int> m_connectionIndex;
    mutable bool m_connectionIndexStale = true;
    Pending m_pending;
    std::shared_ptr<const TimelineRun> m_frameRun; // null: no time frame
    int m_frameStep = 0;
    // The file as last read or written here: existence and SHA-256 (empty: no file).
    QByteArray m_diskHash;
    // The disk content fileChangedOnDisk was last emitted for (empty: the file was removed).
    std::optional<QByteArray> m_notifiedHash;
    std::unique_ptr<QFileSystemWatcher> m_watcher; // made for the first file (an inotify instance)
    QTimer m_diskCheck;  // coalesces the watcher's events (a writer's truncate, write, rename)
    QThreadPool m_aside; // the analysis thread (runAside); ~Document waits for it
};

} // namespace scui
