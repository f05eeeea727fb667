#pragma once

// The timeline (issue 16, DESIGN.md "Time: scenarios and simulation"): choose a scenario, play
// its simulated run, and the canvas follows the clock through the document's time frame. The
// simulation runs once per scenario and design (Model::simulate, in core); playback only moves a
// cursor through the steps it returned.

#include <QElapsedTimer>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include "core/model/scenario.h"

#include <cstdint>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;
class QDockWidget;
class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace scui {

class Document;
struct ChangeEvent;
struct TimelineRun;

class Timeline : public QWidget
{
    Q_OBJECT

public:
    // 30 frames a second; at speed 1 the whole run plays in kRunSeconds (a day in 30 s).
    static constexpr int kFrameMs = 33;
    static constexpr double kRunSeconds = 30;

    explicit Timeline(Document *doc, QWidget *parent = nullptr);
    ~Timeline() override;

    // The scenarios offered: the design's own, then the built-in ones (sc::scenarioNames).
    QStringList scenarioNames() const;
    // Why scenario `name` cannot run on the design shown (a file's scenario naming components
    // or groups a variant lacks, as `simulate FILE#VARIANT` refuses it), or "" when it can.
    QString cannotRun(const QString &name) const;
    QString cannotRun(const sc::Scenario &s) const;
    // Runs the scenario called `name` (false when the design has none of that name, or it
    // cannot run on it: cannotRun). It stays the one wanted: an edit that leaves it unable to
    // run shows the first that can, saying why, until an edit (an undo) lets it run again.
    bool chooseScenario(const QString &name);
    QString scenarioName() const { return m_scenario; }
    // The scenario last chosen (by the user, or a file opened), whether it runs or not.
    QString wantedScenario() const { return m_wanted; }
    // The run shown; null before a scenario is chosen or when the design has errors.
    const TimelineRun *run() const { return m_run.get(); }

    // While active the canvas shows the clock's step (Document::setTimeFrame); the dock being
    // shown activates it, closing it or stop() leaves it (the steady figures return).
    void setActive(bool active);
    bool isActive() const { return m_active; }
    void stop();

    double clock() const { return m_clock; } // seconds from the run's start
    int step() const;                        // the run's step at the clock (-1: no run)
    void seek(double t);                     // clamped to the run; activates
    void stepForward();
    void stepBack();
    void play();
    void pause();
    void togglePlay();
    bool isPlaying() const { return m_timer.isActive(); }
    // Playback speed: 1 plays the whole run in kRunSeconds; 0.25, 0.5, 2 and 4 are offered.
    void setSpeed(double factor);
    double speed() const { return m_speed; }
    // What one frame of playback does: the clock moves `wallSeconds` × the speed's rate.
    void advance(double wallSeconds);

    // A failure or a repair of component `id` at the clock, added to the run's copy of the
    // scenario (the design file keeps its scenarios); the run is simulated again and playback
    // goes on from the same clock. False without an active run or for an unknown component.
    bool fireEvent(const QString &id, bool fail);
    // The same for any event (a component, some of its instances, a zone or a region): Live
    // chaos with the timeline playing (Document::chaos). False when it names nothing.
    bool fireEvent(sc::ScenarioEvent event);
    // Events at their own times added to the run's scenario (one re-run): the chaos monkey's.
    bool addEvents(const std::vector<sc::ScenarioEvent> &events);
    // The chaos monkey (issue 17): on, a Fail of one random instance every `everyS` seconds of
    // simulated time from the clock to the run's end (sc::chaosMonkey, seed kMonkeySeed) joins
    // the run; off, those still ahead of the clock leave it. everyS 0 keeps the interval.
    static constexpr std::uint64_t kMonkeySeed = 17;
    void setChaosMonkey(bool on, double everyS = 0);
    bool chaosMonkey() const { return !m_monkeyEvents.empty(); }
    double chaosMonkeyInterval() const { return m_monkeyEveryS; }

    // "12:05" (with "day 2, " on multi-day runs): the clock time at `t` into the run.
    QString clockText() const;
    // Failed requests, the time outside the objective and the run's cost (SimulationSummary).
    // Led by why the scenario chosen does not run, when the design shown keeps it from running.
    QString summaryText() const;
    QCustomPlot *chart() const { return m_chart; }
    // The cursor's position on the chart (plot x: seconds from the start).
    double cursorX() const;
    // Seeks to where a click at pixel x of the chart points (the chart's mouse handler).
    void seekToChartPixel(double x);

signals:
    void clockChanged(double t);
    void runChanged();

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildControls();
    void buildChart();
    // Offers the scenarios of the design shown and runs the one wanted, or the first that can
    // run; whether it ran one.
    bool refillScenarios();
    bool runScenario(const QString &name);
    void rerun();
    void designChanged(const ChangeEvent &event);
    void showFrame();
    void plotRun();
    void plotSeries();
    void applyChartTheme();
    void fitLegend();
    void updateControls();
    QString runSummary() const; // summaryText's figures
    bool setRunEvents(std::vector<sc::ScenarioEvent> events);

    Document *m_doc;
    QPointer<Document> m_docAlive;
    QString m_scenario; // the one run
    QString m_wanted;   // the one chosen (m_scenario unless it cannot run here)
    std::shared_ptr<const TimelineRun> m_run;
    double m_clock = 0, m_speed = 1;
    bool m_active = false, m_stale = false;
    bool m_stopped = false; // Stop pressed: not active again until a seek or Play
    QTimer m_timer;
    QElapsedTimer m_sinceFrame; // wall time since the last frame while playing
    QComboBox *m_scenarios = nullptr;
    QComboBox *m_speeds = nullptr;
    QToolButton *m_play = nullptr, *m_back = nullptr, *m_forward = nullptr, *m_stop = nullptr;
    QSlider *m_scrubber = nullptr;
    QLabel *m_clockLabel = nullptr, *m_summary = nullptr;
    QCustomPlot *m_chart = nullptr;
    std::vector<QCPItemStraightLine *> m_cursors;
    QCheckBox *m_monkey = nullptr;
    QSpinBox *m_monkeyEvery = nullptr;
    double m_monkeyEveryS = 300;
    std::vector<sc::ScenarioEvent> m_monkeyEvents; // in the run, fired by the monkey
};

// The Timeline dock (View ▸ Timeline, Ctrl+T), hidden at first; showing it activates the
// timeline, closing it returns the canvas to the steady figures.
QDockWidget *createTimelineDock(Document *doc, QWidget *parent);

} // namespace scui
