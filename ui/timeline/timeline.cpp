#include "ui/timeline/timeline.h"

#include "core/analysis/scenarios.h"
#include "ui/document.h"
#include "ui/numberformat.h"
#include "ui/theme.h"
#include "ui/timeline/timelinerun.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QProxyStyle>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace scui {
namespace {

// A slider that a left click on its track sets there, not a page step on: the application's
// style otherwise (makeStyle's, which the proxy owns).
class AbsoluteClickStyle : public QProxyStyle
{
public:
    AbsoluteClickStyle()
        : QProxyStyle(makeStyle())
    {
    }
    int styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget,
                  QStyleHintReturn *returnData) const override
    {
        if (hint == SH_Slider_AbsoluteSetButtons)
            return Qt::LeftButton;
        return QProxyStyle::styleHint(hint, option, widget, returnData);
    }
};

constexpr double kSpeeds[] = {0.25, 0.5, 1, 2, 4};

QString speedName(double factor)
{
    if (factor == 0.25)
        return QStringLiteral("¼×");
    if (factor == 0.5)
        return QStringLiteral("½×");
    return QStringLiteral("%1×").arg(factor);
}

// A standard media icon in the palette's button text colour: Fusion draws them dark grey,
// unreadable on the dark theme.
QIcon mediaIcon(QStyle::StandardPixmap which, const QPalette &palette)
{
    QPixmap pm = QApplication::style()->standardIcon(which).pixmap(QSize(16, 16), 2.0);
    QPainter p(&pm);
    p.setCompositionMode(QPainter::CompositionMode_SourceIn);
    p.fillRect(pm.rect(), palette.color(QPalette::ButtonText));
    p.end();
    return QIcon(pm);
}

QToolButton *toolButton(const QString &tip)
{
    auto *b = new QToolButton;
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

Timeline::Timeline(Document *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_docAlive(doc)
{
    setObjectName(QStringLiteral("timeline"));
    setFocusPolicy(Qt::StrongFocus);
    m_timer.setInterval(kFrameMs);
    // Each frame moves the clock by the wall time since the last one (at most a tenth of a
    // second: a stalled frame does not jump), so a slow display keeps the speed.
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const double wall =
            m_sinceFrame.isValid() ? m_sinceFrame.restart() / 1000.0 : kFrameMs / 1000.0;
        advance(std::clamp(wall, 0.0, 0.1));
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    buildControls();
    buildChart();
    connect(doc, &Document::changed, this, &Timeline::designChanged);
    connect(doc, &Document::catalogChanged, this, [this] { rerun(); });
    connect(doc, &Document::failuresChanged, this, [this] {
        if (m_active)
            rerun();
        else
            m_stale = true;
    });
    connect(doc, &Document::eventFired, this, [this](const sc::ScenarioEvent &e) { fireEvent(e); });
    refillScenarios();
    updateControls();
}

Timeline::~Timeline()
{
    // The document may be gone already (a main window deletes its children in order).
    if (m_active && m_docAlive)
        m_doc->clearTimeFrame();
}

void Timeline::buildControls()
{
    auto *row = new QHBoxLayout;
    m_scenarios = new QComboBox;
    m_scenarios->setObjectName(QStringLiteral("timelineScenario"));
    m_scenarios->setToolTip(
        tr("The scenario to simulate: the design's own, then the built-in ones"));
    m_scenarios->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_scenarios, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty() && name != m_scenario)
            chooseScenario(name);
    });
    // The one shown, chosen while it stands in for one that cannot run, is the one wanted from
    // then on (no text changes: it was ignored, and an undo switched back; review).
    connect(m_scenarios, &QComboBox::activated, this, [this](int i) {
        if (const QString name = m_scenarios->itemText(i); name == m_scenario && name != m_wanted) {
            m_wanted = name;
            updateControls();
        }
    });
    m_back = toolButton(tr("Step back"));
    m_play = toolButton(tr("Play / pause (Space)"));
    m_forward = toolButton(tr("Step forward"));
    m_stop = toolButton(tr("Stop: back to the steady figures"));
    connect(m_back, &QToolButton::clicked, this, &Timeline::stepBack);
    connect(m_play, &QToolButton::clicked, this, &Timeline::togglePlay);
    connect(m_forward, &QToolButton::clicked, this, &Timeline::stepForward);
    connect(m_stop, &QToolButton::clicked, this, &Timeline::stop);
    m_speeds = new QComboBox;
    m_speeds->setToolTip(tr("Playback speed: 1× plays the whole run in %1 s").arg(kRunSeconds));
    for (double f : kSpeeds)
        m_speeds->addItem(speedName(f), f);
    m_speeds->setCurrentIndex(2);
    connect(m_speeds, &QComboBox::currentIndexChanged, this,
            [this](int i) { setSpeed(m_speeds->itemData(i).toDouble()); });
    m_scrubber = new QSlider(Qt::Horizontal);
    m_scrubber->setObjectName(QStringLiteral("timelineScrubber"));
    connect(m_scrubber, &QSlider::valueChanged, this, [this](int v) {
        if (m_run)
            seek(v * m_run->scenario.stepS);
    });
    // A click on the scrubber's track seeks there, as a click on the chart does (GUI QA: it
    // paged by a tenth of the run): the slider's own hint, in the application's style.
    auto *absolute = new AbsoluteClickStyle;
    absolute->setParent(m_scrubber);
    m_scrubber->setStyle(absolute);
    // Space in the scenario or speed list plays, as on the rest of the timeline (it opened the
    // list again; F4 and Alt+↓ still do).
    for (QWidget *w : std::initializer_list<QWidget *>{m_scenarios, m_speeds})
        w->installEventFilter(this);
    m_clockLabel = new QLabel;
    m_clockLabel->setObjectName(QStringLiteral("timelineClock"));
    m_clockLabel->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("day 88, 88:88:88")));
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_scenarios, m_back, m_play, m_forward, m_stop, m_speeds})
        row->addWidget(w);
    row->addWidget(m_scrubber, 1);
    row->addWidget(m_clockLabel);
    static_cast<QVBoxLayout *>(layout())->addLayout(row);
    m_monkey = new QCheckBox(tr("Chaos monkey"));
    m_monkey->setObjectName(QStringLiteral("chaosMonkey"));
    m_monkey->setToolTip(tr("Fails one random instance (seeded: the same run each time) every "
                            "so many seconds of simulated time from the clock on"));
    m_monkeyEvery = new QSpinBox;
    m_monkeyEvery->setObjectName(QStringLiteral("chaosMonkeyEvery"));
    m_monkeyEvery->setRange(10, 86400);
    m_monkeyEvery->setSingleStep(60);
    m_monkeyEvery->setValue(int(m_monkeyEveryS));
    m_monkeyEvery->setPrefix(tr("every "));
    m_monkeyEvery->setSuffix(tr(" s"));
    connect(m_monkey, &QCheckBox::toggled, this, [this](bool on) { setChaosMonkey(on); });
    connect(m_monkeyEvery, &QSpinBox::valueChanged, this, [this](int v) {
        m_monkeyEveryS = v;
        if (m_monkey->isChecked())
            setChaosMonkey(true, v);
    });
    row->addWidget(m_monkey);
    row->addWidget(m_monkeyEvery);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("timelineSummary"));
    // Wrapped: a summary led by why the chosen scenario cannot run widened the dock past the
    // window at 1280 × 800, pushing the inspector off it.
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText); // (a scenario's name from the file is not markup)
    static_cast<QVBoxLayout *>(layout())->addWidget(m_summary);
}

void Timeline::setChaosMonkey(bool on, double everyS)
{
    if (everyS > 0)
        m_monkeyEveryS = everyS;
    {
        const QSignalBlocker block(m_monkey), blockEvery(m_monkeyEvery);
        m_monkey->setChecked(on);
        m_monkeyEvery->setValue(int(std::lround(m_monkeyEveryS)));
    }
    if (!m_run)
        return;
    // The monkey's failures still ahead of the clock go; those behind it have happened. At the
    // end of the run, where Play starts over, the monkey is set (or taken off) for the whole
    // run: ticked there, it had nothing left to fail, and the replay showed none (QA).
    const bool atEnd = step() + 1 >= int(m_run->steps.size());
    const double from = atEnd ? 0.0 : step() * m_run->scenario.stepS;
    std::vector<sc::ScenarioEvent> events;
    for (const sc::ScenarioEvent &e : m_run->scenario.events)
        if ((!atEnd && e.atS <= m_clock) ||
            std::find(m_monkeyEvents.begin(), m_monkeyEvents.end(), e) == m_monkeyEvents.end())
            events.push_back(e);
    m_monkeyEvents.clear();
    if (on) {
        const double end = double(m_run->steps.size() - 1) * m_run->scenario.stepS;
        m_monkeyEvents = sc::chaosMonkey(m_doc->design(), from, end, m_monkeyEveryS, kMonkeySeed);
        // (Those an earlier untick left behind the clock are the same seeded failures: kept
        // once, not twice; review.)
        std::erase_if(events, [this](const sc::ScenarioEvent &e) {
            return std::find(m_monkeyEvents.begin(), m_monkeyEvents.end(), e) !=
                   m_monkeyEvents.end();
        });
        events.insert(events.end(), m_monkeyEvents.begin(), m_monkeyEvents.end());
    }
    setRunEvents(std::move(events));
}

QStringList Timeline::scenarioNames() const
{
    QStringList out;
    for (const std::string &n : sc::scenarioNames(m_doc->design()))
        out << QString::fromStdString(n);
    return out;
}

QString Timeline::cannotRun(const QString &name) const
{
    const auto s = sc::findScenario(m_doc->design(), name.toStdString());
    return s ? cannotRun(*s) : tr("This design does not offer it");
}

QString Timeline::cannotRun(const sc::Scenario &s) const
{
    const std::string absent = sc::namedButAbsent(s, m_doc->design());
    return absent.empty() ? QString()
                          : tr("Names %1, which this design does not have")
                                .arg(QString::fromStdString(absent));
}

bool Timeline::refillScenarios()
{
    const QStringList names = scenarioNames();
    QStringList runnable;
    {
        const QSignalBlocker block(m_scenarios);
        m_scenarios->clear();
        m_scenarios->addItems(names);
        // What each one is, on its item (the viral spike's fixed rates above all); one that
        // names what the design shown lacks (a file's scenario on a variant) offered disabled,
        // saying so: it ran with those events dropped, where `simulate` refuses it (QA).
        auto *items = qobject_cast<QStandardItemModel *>(m_scenarios->model());
        for (int i = 0; i < names.size(); ++i) {
            const auto s = sc::findScenario(m_doc->design(), names[i].toStdString());
            const QString why = s ? cannotRun(*s) : QString();
            if (!why.isEmpty() && items) {
                items->item(i)->setEnabled(false);
                m_scenarios->setItemData(i, why, Qt::ToolTipRole);
                continue;
            }
            runnable << names[i];
            if (s)
                m_scenarios->setItemData(i, QString::fromStdString(s->description),
                                         Qt::ToolTipRole);
        }
        m_scenarios->setCurrentIndex(int(names.indexOf(m_scenario)));
    }
    // The one wanted when it can run (again: an undo brings back what an edit took away; it
    // switched for good, and without a word; review), else the one running, else the first.
    const QString next = runnable.contains(m_wanted)     ? m_wanted
                         : runnable.contains(m_scenario) ? m_scenario
                                                         : runnable.value(0);
    if (m_wanted.isEmpty())
        m_wanted = next;
    if (next == m_scenario)
        return false;
    m_scenario.clear();
    m_run.reset();
    if (!m_active && !next.isEmpty()) { // run when shown (setActive), not for a hidden dock
        m_scenario = next;
        const QSignalBlocker block(m_scenarios);
        m_scenarios->setCurrentText(next);
        m_clock = 0;
        m_stale = true;
        plotRun(); // (no run: the chart no longer shows the one before)
        updateControls();
        emit runChanged();
        return true;
    }
    return !next.isEmpty() && runScenario(next);
}

bool Timeline::chooseScenario(const QString &name)
{
    if (!runScenario(name))
        return false;
    m_wanted = name;
    updateControls(); // (no word left on the one wanted)
    return true;
}

bool Timeline::runScenario(const QString &name)
{
    if (!scenarioNames().contains(name) || !cannotRun(name).isEmpty())
        return false;
    m_scenario = name;
    {
        const QSignalBlocker block(m_scenarios);
        m_scenarios->setCurrentText(name);
    }
    m_run.reset();
    m_clock = 0;
    rerun();
    return true;
}

// Simulates the chosen scenario (its copy in the run when there is one: events fired by hand
// stay) on the design as it is now; a run of an earlier design is dropped.
void Timeline::rerun()
{
    m_stale = false;
    const sc::Model *model = m_doc->model();
    std::optional<sc::Scenario> scenario =
        sc::findScenario(m_doc->design(), m_scenario.toStdString());
    if (scenario) {
        // The live failures (Fail Now) are in place from before the run, found and failed
        // over; then the scenario's events, or the run's own (fired by hand, the monkey's).
        std::vector<sc::ScenarioEvent> events =
            sc::settledBeforeStart(*scenario, m_doc->failures().events);
        for (const sc::ScenarioEvent &e : m_run ? m_run->scenario.events : scenario->events)
            if (e.atS >= 0)
                events.push_back(e);
        scenario->events = std::move(events);
    }
    // (An empty design has nothing to run: its users' requests entered nowhere, and the run read
    // "100% failed" beside a status bar of dashes; QA.)
    m_run = model && m_doc->modelOk() && scenario && !m_doc->design().components.empty()
                ? runTimeline(*model, std::move(*scenario))
                : nullptr;
    plotRun();
    showFrame();
    updateControls();
    emit runChanged();
}

void Timeline::designChanged(const ChangeEvent &event)
{
    // Another file opens on its own first scenario, as `simulate FILE` runs it (it kept the
    // one chosen in the file before, "a day", when the new file had one of that name; QA).
    // Another variant of the same file keeps the chosen one, to be seen on both.
    if (event.reset && !event.variantShown)
        m_scenario = m_wanted = scenarioNames().value(0);
    if (event.reset) {
        m_run.reset(); // another design: events fired on the old one go
        m_monkeyEvents.clear();
        const QSignalBlocker block(m_monkey);
        m_monkey->setChecked(false);
    }
    // (A refill that runs another scenario has run it on the design as it is: once, not twice.)
    const bool ran =
        (event.reset || event.changesFigures() || event.propertiesChanged) && refillScenarios();
    if (ran || (!event.changesFigures() && !event.sloChanged))
        return;
    if (m_active)
        rerun();
    else
        m_stale = true;
}

void Timeline::setActive(bool active)
{
    // Stopped by the user, the timeline stays stopped until a seek or Play: a dock shown again
    // (as a tab, by a new theme, after presenting, which hides every dock, or reopened) is no
    // request to play. (Presenting reset it: leaving put the canvas back on the run's clock.)
    if (active == m_active || (active && m_stopped))
        return;
    m_active = active;
    if (!active) {
        pause();
        m_doc->clearTimeFrame();
    } else if (m_stale || !m_run) {
        rerun();
    } else {
        showFrame();
    }
    updateControls();
}

void Timeline::stop()
{
    pause();
    m_active = false;
    m_stopped = true;
    m_doc->clearTimeFrame();
    updateControls();
}

int Timeline::step() const
{
    return m_run ? m_run->stepAt(m_clock) : -1;
}

void Timeline::seek(double t)
{
    const double end = m_run ? m_run->steps.size() > 0
                                   ? double(m_run->steps.size() - 1) * m_run->scenario.stepS
                                   : 0.0
                             : 0.0;
    m_clock = std::clamp(t, 0.0, end);
    if (!m_active) {
        m_active = true;
        m_stopped = false;
        if (m_stale)
            rerun();
        updateControls();
    }
    showFrame();
}

void Timeline::stepForward()
{
    if (m_run)
        seek((step() + 1) * m_run->scenario.stepS);
}

void Timeline::stepBack()
{
    if (m_run)
        seek((step() - 1) * m_run->scenario.stepS);
}

void Timeline::play()
{
    if (!m_run && m_stale && !m_scenario.isEmpty())
        rerun(); // switched while stopped (refillScenarios): run now
    if (!m_run || m_run->steps.empty())
        return;
    if (step() + 1 >= int(m_run->steps.size()))
        m_clock = 0; // at the end: from the start again
    if (!m_active)
        seek(m_clock);
    m_sinceFrame.start();
    m_timer.start();
    updateControls();
}

void Timeline::pause()
{
    m_timer.stop();
    m_sinceFrame.invalidate();
    updateControls();
}

void Timeline::togglePlay()
{
    isPlaying() ? pause() : play();
}

void Timeline::setSpeed(double factor)
{
    m_speed = factor > 0 ? factor : 1;
    const QSignalBlocker block(m_speeds);
    m_speeds->setCurrentIndex(m_speeds->findData(m_speed));
}

void Timeline::advance(double wallSeconds)
{
    if (!m_run || m_run->steps.empty())
        return;
    const double end = double(m_run->steps.size() - 1) * m_run->scenario.stepS;
    const double rate = std::max(end, m_run->scenario.stepS) / kRunSeconds * m_speed;
    seek(m_clock + wallSeconds * rate);
    if (m_clock >= end)
        pause();
}

bool Timeline::fireEvent(const QString &id, bool fail)
{
    sc::ScenarioEvent e;
    e.action = fail ? sc::ScenarioEvent::Action::Fail : sc::ScenarioEvent::Action::Restore;
    e.component = id.toStdString();
    return fireEvent(e);
}

bool Timeline::fireEvent(sc::ScenarioEvent e)
{
    if (!m_run || !m_active || sc::eventComponents(m_doc->design(), e).empty())
        return false;
    e.atS = step() * m_run->scenario.stepS; // the step shown: its figures change from it on
    return addEvents({e});
}

bool Timeline::addEvents(const std::vector<sc::ScenarioEvent> &events)
{
    if (!m_run)
        return false;
    std::vector<sc::ScenarioEvent> all = m_run->scenario.events;
    all.insert(all.end(), events.begin(), events.end());
    return setRunEvents(std::move(all));
}

bool Timeline::setRunEvents(std::vector<sc::ScenarioEvent> events)
{
    if (!m_run || !m_active || !m_doc->model())
        return false;
    sc::Scenario scenario = m_run->scenario;
    scenario.events = std::move(events);
    m_run = runTimeline(*m_doc->model(), std::move(scenario));
    plotRun();
    showFrame();
    updateControls();
    emit runChanged();
    return true;
}

// One frame: the document's time frame at the clock (the canvas follows), the scrubber, the
// clock and the chart's cursor.
void Timeline::showFrame()
{
    if (m_active && m_run && !m_run->steps.empty())
        m_doc->setTimeFrame(m_run, step());
    else if (m_active)
        m_doc->clearTimeFrame();
    {
        const QSignalBlocker block(m_scrubber);
        m_scrubber->setRange(0, m_run ? std::max(0, int(m_run->steps.size()) - 1) : 0);
        m_scrubber->setValue(std::max(0, step()));
    }
    m_clockLabel->setText(clockText());
    for (QCPItemStraightLine *c : m_cursors) {
        c->point1->setCoords(m_clock, 0);
        c->point2->setCoords(m_clock, 1);
        c->setVisible(m_active && m_run);
    }
    m_chart->replot(QCustomPlot::rpQueuedReplot);
    emit clockChanged(m_clock);
}

QString Timeline::clockText() const
{
    return m_run ? m_run->clockAt(step()) : QStringLiteral("--:--");
}

QString Timeline::summaryText() const
{
    // The one chosen, where an edit or the variant shown keeps it from running, says why.
    QString why = m_wanted != m_scenario ? cannotRun(m_wanted) : QString();
    const QString run = runSummary();
    if (why.isEmpty())
        return run;
    why[0] = why[0].toLower(); // ("Names …" mid-sentence)
    return tr("“%1” cannot run: %2. ").arg(m_wanted, why) +
           (m_scenario.isEmpty() ? QString() : tr("Showing “%1”. ").arg(m_scenario)) + run;
}

QString Timeline::runSummary() const
{
    if (!m_run)
        return !m_doc->modelOk()                    ? tr("No run: the design has errors")
               : m_doc->design().components.empty() ? tr("No run: the design is empty")
                                                    : QString();
    // The users it ran at first (QA: the slider at 2M, the run at the design's 1M, and nothing
    // said so).
    QString at = runUsersText(m_run->users, m_run->scenario.users.has_value());
    at[0] = at[0].toUpper();
    return at + QStringLiteral(": ") + runSummaryText(m_run->summary, m_doc->design().slo);
}

void Timeline::updateControls()
{
    const QPalette pal = palette();
    m_play->setIcon(mediaIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay, pal));
    m_back->setIcon(mediaIcon(QStyle::SP_MediaSeekBackward, pal));
    m_forward->setIcon(mediaIcon(QStyle::SP_MediaSeekForward, pal));
    m_stop->setIcon(mediaIcon(QStyle::SP_MediaStop, pal));
    m_summary->setText(summaryText());
    for (QWidget *w : std::initializer_list<QWidget *>{m_back, m_forward, m_scrubber})
        w->setEnabled(m_run != nullptr);
    // Play also runs a scenario switched to while stopped (refillScenarios; review: after Stop
    // and an edit, Play and Space did nothing).
    m_play->setEnabled(m_run != nullptr || (m_stale && !m_scenario.isEmpty()));
    m_stop->setEnabled(m_active);
}

bool Timeline::event(QEvent *event)
{
    // The timeline's keys are its own while it has the focus: presenting, the window's Space
    // (the next decade of users) and arrows took them (review: Space did not pause, → on the
    // scrubber moved the users). Space plays and pauses; each control keeps the keys it uses,
    // and the others (Return, a list's ← →) go on to the window: a lesson's Next and Previous.
    // (The keypad's modifier aside: its Enter, and every arrow on macOS, carry it.)
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
            return QWidget::event(event);
        const QWidget *focus = focusWidget();
        const int k = key->key();
        const bool vertical =
            k == Qt::Key_Up || k == Qt::Key_Down || k == Qt::Key_PageUp || k == Qt::Key_PageDown;
        const bool own =
            k == Qt::Key_Space ||
            (focus == m_scrubber && (vertical || k == Qt::Key_Left || k == Qt::Key_Right)) ||
            ((focus == m_scenarios || focus == m_speeds) && vertical) ||
            (focus == m_monkeyEvery && (vertical || k == Qt::Key_Return || k == Qt::Key_Enter));
        if (own) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

bool Timeline::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_scenarios || watched == m_speeds) && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space &&
        (static_cast<QKeyEvent *>(event)->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
        togglePlay();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void Timeline::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space) {
        togglePlay();
        return;
    }
    QWidget::keyPressEvent(event);
}

void Timeline::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_chart) {
        fitLegend();
        m_chart->replot(QCustomPlot::rpQueuedReplot);
    }
}

void Timeline::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_chart) {
        plotRun(); // the series' colours follow the theme too
        updateControls();
    }
}

QDockWidget *createTimelineDock(Document *doc, QWidget *parent)
{
    auto *dock = new QDockWidget(QObject::tr("Timeline"), parent);
    dock->setObjectName(QStringLiteral("timelineDock"));
    auto *timeline = new Timeline(doc, dock);
    dock->setWidget(timeline);
    dock->hide();
    QObject::connect(dock, &QDockWidget::visibilityChanged, timeline, [dock, timeline](bool) {
        // Tabbed behind another dock counts as shown: only closing it leaves the timeline.
        timeline->setActive(!dock->isHidden());
    });
    return dock;
}

} // namespace scui
