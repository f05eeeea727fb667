#pragma once

#include "core/analysis/compare.h"
#include "ui/canvas/diffmarks.h"

#include <QString>
#include <QWidget>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class QActionGroup;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QSplitter;
class QTabWidget;
class QTableWidget;

namespace scui {

class CanvasScene;
class CanvasView;
class Document;

// Option A against option B (issue 18; DESIGN.md "Variants and comparison"): two designs of the
// open file (its own and its variants) or of other files, side by side at the same users with
// zoom and pan linked, or B alone with what it changed from A marked (overlay); the delta table
// and summary of core's sc::compareOptions, the growth of both overlaid (core's sc::growthOf).
// A window of its own beside the editor: it follows the document (an edit, an undo, the variant
// shown) and edits nothing.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(Document *doc, QWidget *parent = nullptr);
    ~CompareView() override;

    // An option is named by a key: "" the file's own design, "v:NAME" its variant NAME, and for
    // a file opened here "f:N:" (its design) or "f:N:NAME" (its variant). False (and nothing
    // changes) when a key names nothing.
    bool setOptions(QString a, QString b);
    QString optionA() const;
    QString optionB() const;
    // Keys and names of what can be compared, in the order the choosers list them.
    QStringList optionKeys() const;
    QString optionName(const QString &key) const;
    // Opens another design file (or a built-in template's name) as options; returns the error,
    // empty on success, and the key of its own design in `key`.
    QString addFile(const QString &path, QString *key = nullptr);

    enum class Mode { SideBySide, Overlay };
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // The users both are shown and compared at (the document's when the view opens).
    void setUsers(double users);
    double users() const { return m_users; }

    // The comparison shown; nullopt when an option does not evaluate (problem() says why).
    const std::optional<sc::Comparison> &comparison() const { return m_comparison; }
    QString problem() const { return m_problem; }
    QString summaryText() const;
    QTableWidget *deltaTable() const { return m_table; }
    CanvasView *viewA() const { return m_viewA; }
    CanvasView *viewB() const { return m_viewB; }
    Document *documentA() const { return m_docA.get(); }
    Document *documentB() const { return m_docB.get(); }
    const DiffMarks &marksA() const { return m_marksA; }
    const DiffMarks &marksB() const { return m_marksB; }
    QTabWidget *charts() const { return m_charts; }
    QCustomPlot *chart(int index) const { return m_plots[size_t(index)]; }
    static constexpr int kChartCount = 4; // cost, p99, bottleneck utilization, availability
    // Both runs of one scenario (the "Scenario" tab): the names both can run (the file's own
    // and the built-in ones), the one chosen ("" none yet), and its two runs. The first time
    // the tab is shown with none chosen, the first of them runs.
    QStringList scenarioNames() const;
    bool runScenario(const QString &name);
    QString scenario() const { return m_scenario; }
    const std::optional<sc::ScenarioRun> &scenarioRunA() const { return m_runA; }
    const std::optional<sc::ScenarioRun> &scenarioRunB() const { return m_runB; }
    QCustomPlot *scenarioPlot() const { return m_scenarioPlot; }

    // Re-reads the document and recomputes now (a pending refresh runs at once; tests).
    void refresh();
    // Shows both diagrams at one zoom: on opening and after a change of option, fitted to what
    // either holds but never below a readable zoom (a design too wide is shown from its left
    // edge); `whole` (the Fit button, Ctrl+0, as the editor's Zoom to Fit): all of both, as
    // small as that takes.
    void fitBoth(bool whole = false);

    // The comparison report of what is shown, by the suffix of `path` (.pdf, .html, .md), in
    // the theme on screen; returns the error, empty on success.
    QString exportReport(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // The divider over the figures where they fit (showEvent; again as the summary changes).
    void fitFigures();
    struct OtherFile {
        QString title; // the file's base name
        sc::Design design;
    };
    void buildToolbar();
    void buildBottom();
    void fillChoosers();
    void scheduleRefresh();
    std::optional<sc::Design> designOf(const QString &key) const;
    int otherFileOf(const QString &key) const; // index in m_files of an "f:" key; -1: none
    void showComparison();
    void fillTable();
    // The boxes behind a row that counts them (SPOFs, errors and warnings), for its tooltip.
    QString rowBoxesTip(const sc::DeltaRow &row) const;
    void plotGrowth();
    void markDifferences();
    QWidget *buildScenarioTab();
    void plotScenario();
    void zoomBoth(bool in); // Zoom In (or Out) about the shown diagram's middle, both linked
    void syncViews(CanvasView *from);
    void setUsersFromField();
    void chooseReport();

    Document *m_doc;
    std::vector<OtherFile> m_files;
    QString m_keyA, m_keyB;
    // What the user chose: shown again when it comes back (a variant's deletion undone).
    QString m_wantA, m_wantB;
    Mode m_mode = Mode::SideBySide;
    double m_users = 0;
    bool m_refreshPending = false;
    bool m_syncing = false;
    bool m_fitted = false;
    bool m_figuresMoved = false; // the user moved the divider over the figures
    // The last fit's kind (fitBoth's `whole`), and whether the user has zoomed or scrolled the
    // diagrams since: until then a new size of the window fits them again.
    bool m_fitWhole = false;
    bool m_viewsMoved = false;
    bool m_refitPending = false; // a fit after a resize is queued
    // Declared before the marks: the marks are cleared while the scenes still exist.
    std::unique_ptr<Document> m_docA, m_docB;
    CanvasScene *m_sceneA = nullptr, *m_sceneB = nullptr;
    CanvasView *m_viewA = nullptr, *m_viewB = nullptr;
    DiffMarks m_marksA, m_marksB;
    std::optional<sc::Comparison> m_comparison;
    QString m_problem;
    QComboBox *m_chooserA = nullptr, *m_chooserB = nullptr;
    QLineEdit *m_usersField = nullptr;
    QActionGroup *m_modes = nullptr;
    QLabel *m_titleA = nullptr, *m_titleB = nullptr;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
    QTabWidget *m_charts = nullptr;
    std::array<QCustomPlot *, kChartCount> m_plots{};
    QSplitter *m_split = nullptr, *m_bottom = nullptr;
    QString m_scenario;
    QString m_scenarioWhy; // why the chosen scenario does not run on the two (empty: it runs)
    bool m_scenarioOffered = false; // the tab was shown: its first scenario was run then
    std::optional<sc::ScenarioRun> m_runA, m_runB;
    double m_scenarioUsers = -1; // the users both ran at (-1: their scenarios name different ones)
    QComboBox *m_scenarios = nullptr;
    QCustomPlot *m_scenarioPlot = nullptr;
    QLabel *m_scenarioSummary = nullptr;
    QLabel *m_scenarioAt = nullptr; // "at 1k users", beside the choice (the chart has no heading)
};

} // namespace scui
