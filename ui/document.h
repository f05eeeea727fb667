#pragma once

#include "core/analysis/model.h"
#include "core/model/design.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace scui {

// What changed in the design; scene items and panels switch on the type and re-read the model.
struct ChangeEvent {
    enum Type {
        Reset,              // a whole new design (open, new)
        ComponentsAdded,    // ids
        ComponentsRemoved,  // ids
        ComponentsMoved,    // ids: positions only; the figures stay the same
        ComponentsChanged,  // ids: label, parameters, autoscale
        ConnectionsChanged, // any connection added or removed
        TrafficChanged,
    };
    Type type = Reset;
    QStringList ids;
};

// The one object that faces the model (STYLE.md): owns the design of one open file, its undo
// stack, the file path, the user count being looked at and the latest evaluation. Every edit
// arrives through an undo command calling the mutators below, which emit `changed`.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    // Replaces the design (clears the undo stack; the document becomes clean).
    void reset(sc::Design design, const QString &path = {});
    // Parses a *.scalecanvas file; on failure returns the errors, one per line.
    QString load(const QString &path);
    QString loadBytes(const std::string &bytes, const QString &path = {});
    // Atomic save; on failure returns the message and the document stays modified.
    QString save(const QString &path);

    const sc::Design &design() const { return m_design; }
    std::string serialized() const;
    QString filePath() const { return m_path; }
    void setFilePath(const QString &path);
    QString displayName() const;
    bool isModified() const { return !m_undo.isClean(); }
    // Marks the document modified with no undo step (a recovered autosave).
    void markModified();
    QUndoStack *undoStack() { return &m_undo; }

    // The user count the figures are shown at (the slider); starts at traffic.users.
    double users() const { return m_users; }
    void setUsers(double users);

    // The analysis. `model()` is null only before the first design.
    const sc::Model *model() const { return m_model.get(); }
    bool modelOk() const { return m_model && m_model->ok(); }
    const sc::Evaluation &evaluation() const { return m_eval; }
    // The price catalog the model bills with: the built-in one unless a file was loaded. An
    // application choice, not part of the design: not saved in it and not undoable.
    const sc::Catalog &catalog() const;
    QString catalogPath() const { return m_catalogPath; } // empty: the built-in catalog
    // Loads a catalog file as the CLI's --catalog does and rebuilds the model once. On failure
    // returns the problems, one per line ("PATH: message"), and changes nothing.
    QString loadCatalog(const QString &path);
    void useBuiltinCatalog();
    // Figures of a component at users(); null when the design has errors.
    const sc::ComponentResult *result(const QString &id) const;
    bool isBottleneck(const QString &id) const;
    // Peak req/s on connection `index` at users(); 0 when the design has errors.
    double edgeFlow(int index) const;

    int indexOf(const QString &id) const;
    const sc::Component *component(const QString &id) const;
    QString uniqueId(const QString &stem) const;

    // --- Mutators: for undo commands only. Each emits `changed`.
    void insertComponents(const std::vector<std::pair<int, sc::Component>> &items);
    void removeComponents(const QStringList &ids);
    void moveComponents(const std::vector<std::pair<QString, sc::Point>> &positions);
    void setLabel(const QString &id, const QString &label);
    void setParam(const QString &id, const std::string &name,
                  const std::optional<sc::ParamValue> &value);
    // The same parameter of several components, one value each (nullopt: back to the default),
    // with one model rebuild.
    void setParams(const QStringList &ids, const std::string &name,
                   const std::vector<std::optional<sc::ParamValue>> &values);
    void setAutoscale(const QString &id, const std::optional<sc::Autoscale> &autoscale);
    void insertConnection(int index, const sc::Connection &connection);
    void removeConnection(int index);
    void setConnection(int index, const sc::Connection &connection); // weight and classes
    void setTraffic(const std::string &field, double value);

signals:
    void changed(const scui::ChangeEvent &event);
    void evaluated(); // new figures (after every edit and every users change)
    void catalogChanged(); // other prices: followed by evaluated()
    void filePathChanged();
    void modifiedChanged(bool modified);

private:
    void rebuildIndex();
    void rebuildModel();
    void reevaluate();
    void emitChange(ChangeEvent::Type type, QStringList ids = {});

    sc::Design m_design;
    QUndoStack m_undo;
    QString m_path;
    double m_users = 1000;
    std::unique_ptr<const sc::Catalog> m_customCatalog; // null: the built-in one
    QString m_catalogPath;
    std::unique_ptr<sc::Model> m_model; // reads the catalog: declared after it
    sc::Evaluation m_eval;
    std::unordered_map<std::string, int> m_index;
};

} // namespace scui
