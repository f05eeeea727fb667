#pragma once

#include "core/model/params.h"
#include "ui/document.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QScrollArea;
class QGroupBox;
class QFormLayout;

namespace scui {

class FieldTip;
class UndoKeysToDocument;

// The selected component's parameters, read from sc::paramSpecs() (the one table: kinds,
// units, ranges, defaults, descriptions); the traffic when nothing is selected.
class Inspector : public QWidget
{
    Q_OBJECT

public:
    explicit Inspector(Document *doc, QWidget *parent = nullptr);

    void setSelection(const QStringList &ids);
    // Shows a connection (weight and request classes).
    void setConnection(const ConnectionKey &key);
    const std::optional<ConnectionKey> &currentConnection() const { return m_connection; }
    // Shows a region or zone: its label, a region's place, a zone's region, its members.
    void setGroup(const QString &id);
    QString currentGroup() const { return m_group; }
    QString currentId() const { return m_id; }
    // The editor of parameter `name` (for tests): QSpinBox, QDoubleSpinBox, QCheckBox, QComboBox.
    QWidget *editor(const QString &name) const;
    QString message() const;

signals:
    // A figure of component `id` was clicked (its link): the Explain panel shows it. An empty
    // `id`: the design's figure (the clients' availability end to end).
    void explainRequested(const QString &id, const QString &figure);

protected:
    // A new theme: the figures' links are laid out again in its link colour.
    void changeEvent(QEvent *event) override;
    // The wheel over a field that is not being edited scrolls the panel (rebuild).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Field {
        QString name;
        QWidget *widget = nullptr;
        std::function<void()> refresh; // reads the model into the widget
    };

    void rebuild();
    void refreshValues();
    void refreshFigures();
    void fitFiguresHeight();
    void refreshViewing(); // the traffic page's "viewed at" note
    // `text` below the fields (empty: none), and when `field` is given under it too, until the
    // focus leaves it or the fields scroll.
    void showMessage(const QString &text, QWidget *field = nullptr);
    void onChanged(const ChangeEvent &event);

    QWidget *makeNumberEditor(const sc::ParamSpec &spec, std::function<double()> get,
                              std::function<bool(double)> set, std::function<bool()> mixed = {});
    QString componentTitle(const sc::Component &c) const;
    void buildComponent(QFormLayout *form, const sc::Component &c);
    bool burstable(const sc::Component &c) const;
    QStringList unusedParams(const QStringList &ids) const;
    void hideParams(QFormLayout *form, const QStringList &names);
    void buildSelection(QFormLayout *form); // several components: their common parameters
    void buildParams(QFormLayout *form, sc::Kind kind, const QStringList &ids);
    void buildAutoscale(QFormLayout *form, const sc::Component &c);
    void buildTraffic(QFormLayout *form);
    void buildConnection(QFormLayout *form, const ConnectionKey &key);
    void buildGroup(QFormLayout *form, const sc::Group &group);

    Document *m_doc;
    QStringList m_ids;
    QString m_id;                              // shown component; empty for the traffic page
    std::optional<ConnectionKey> m_connection; // shown connection
    QString m_group;                           // shown region or zone
    bool m_hadAutoscale = false;
    bool m_hadManaged = false;
    QStringList m_unused; // the parameters the page leaves out (unusedParams)
    QScrollArea *m_scroll;
    QLabel *m_title;
    QLabel *m_message;
    FieldTip *m_fieldTip; // the message again, under the field it is about
    QLabel *m_figures = nullptr;
    QLabel *m_viewing = nullptr;  // traffic page: design users against the viewed ones
    QLabel *m_edgeFlow = nullptr; // connection page: what it carries at the viewed users
    QPointer<QWidget> m_page;
    UndoKeysToDocument *m_undoKeys; // Ctrl+Z in a committed field undoes the document
    std::vector<Field> m_fields;
    bool m_reverting = false; // Esc in a field: it reads the design even with the focus
};

} // namespace scui
