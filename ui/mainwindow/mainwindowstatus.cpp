// The main window's status bar and warnings panel: the headline figures, the walls and the
// price catalog in the status bar, the slider's tier marks, and the advisor's warnings listed by
// severity (split from mainwindow.cpp: one concern per file).
#include "mainwindow.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/document.h"
#include "ui/mainwindow/messagetoast.h"
#include "ui/mainwindow/statusfigures.h"
#include "ui/mainwindow/usersslider.h"
#include "ui/numberformat.h"
#include "ui/timeline/timeline.h"

#include "core/analysis/limits.h"
#include "core/analysis/options.h"
#include "core/analysis/report.h"
#include "core/catalog/catalog.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStatusBar>
#include <QStyle>

#include <cmath>

namespace scui {
namespace {

// One icon per level, distinct at a glance: a red stop, an amber warning, a blue "i".
QIcon severityIcon(sc::Severity severity)
{
    QStyle *style = QApplication::style();
    switch (severity) {
    case sc::Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case sc::Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case sc::Severity::Advice:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QString severityTitle(sc::Severity severity)
{
    switch (severity) {
    case sc::Severity::Error:
        return QObject::tr("Error");
    case sc::Severity::Warning:
        return QObject::tr("Warning");
    case sc::Severity::Advice:
        break;
    }
    return QObject::tr("Advice");
}

} // namespace

void MainWindow::createStatusBar()
{
    // The figures sit in one row, always shown: a message ("Saved …") goes on a card at the
    // bottom of the canvas (showMessage). In the bar it either hid the figures while it showed
    // or, beside them, was cut short and ran into the first figure.
    m_statusFigures = new StatusFigures(StatusCount);
    m_statusFigures->setObjectName(QStringLiteral("statusFigures"));
    for (int i = 0; i < StatusCount; ++i)
        m_status[i] = m_statusFigures->label(i);
    // Too narrow for every figure in full (1280 px, the timeline open, requests failing): the
    // price catalog's date gives way first, then the walls' wording, the objective and the budget
    // (red says "below" and "over" already), then who refuses requests; the users, the peak and
    // the headroom stay whole.
    m_statusFigures->setShorteningOrder({StatusPrices, StatusWalls, StatusAvailability, StatusCost,
                                         StatusFailing, StatusSteady, StatusHeadroom});
    // The whole bar's width, the figures from its left: a figure that changes length moves only
    // those after it (right-aligned, every change of the users moved "Users …" itself; GUI QA).
    statusBar()->addPermanentWidget(m_statusFigures, 1);
    // What reaches the bar's own message (an action's status tip, a caller that knows only
    // QMainWindow) goes to the card too, and leaves the bar.
    m_message = new MessageToast(m_view);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString &message) {
        if (message.isEmpty())
            return;
        showMessage(message);
        statusBar()->clearMessage();
    });
    // The timeline's frame is in the boxes and in the timeline's own summary; the headline
    // figures here stay those of the day's steady state, and say so while a frame shows.
    QLabel *steady = m_status[StatusSteady];
    steady->setObjectName(QStringLiteral("statusSteady"));
    // Bold by its font, not a style sheet: a style sheet kept the palette it was set with, so
    // in the dark theme the label stayed black on the dark status bar.
    QFont bold = steady->font();
    bold.setBold(true);
    steady->setFont(bold);
    m_statusFigures->setFigure(
        StatusSteady, {tr("Steady state:"), tr("Steady:")},
        tr("The timeline shows a moment of its run on the canvas; the figures here are the "
           "design's steady state at the peak of the day. The run's own figures are in the "
           "timeline panel."));
    steady->setVisible(m_doc->hasTimeFrame());
    connect(m_doc, &Document::timeFrameChanged, steady,
            [this, steady] { steady->setVisible(m_doc->hasTimeFrame()); });
    // The figures a click explains (ui/explain/explainpanel.cpp).
    m_status[StatusPeak]->setProperty("explainFigure", QStringLiteral("peakRps"));
    m_status[StatusHeadroom]->setProperty("explainFigure", QStringLiteral("bottleneck"));
    m_status[StatusWalls]->setProperty("explainFigure", QStringLiteral("maxUsers"));
    m_status[StatusFailing]->setProperty("explainFigure", QStringLiteral("errorRatePeak"));
    m_status[StatusCost]->setProperty("explainFigure", QStringLiteral("monthlyCostUsd"));
    m_status[StatusAvailability]->setProperty("explainFigure", QStringLiteral("availability"));
}

void MainWindow::showMessage(const QString &text, int ms)
{
    m_messageOfAnEdit = false;
    m_message->showMessage(text, ms, m_view->viewport()->geometry());
}

void MainWindow::showEditMessage(const QString &text)
{
    showMessage(text, 6000);
    m_messageOfAnEdit = true;
}

QString MainWindow::currentMessage() const
{
    return m_message->message();
}

void MainWindow::clearMessage()
{
    m_message->clear();
}

QList<QLabel *> MainWindow::statusLabels() const
{
    return {std::begin(m_status), std::end(m_status)};
}

QString MainWindow::statusText() const
{
    QStringList parts;
    for (int i = 0; i < StatusCount; ++i)
        if (!m_status[i]->isHidden())
            parts << m_statusFigures->fullText(i);
    return parts.join(QStringLiteral(" | "));
}

void MainWindow::updateSliderMarks()
{
    if (m_doc->modelBuilds() == m_marksBuild)
        return;
    m_marksBuild = m_doc->modelBuilds();
    std::vector<UsersSlider::Mark> marks;
    if (m_doc->modelOk()) {
        // One mark per position and level; tiers that share one are named together.
        std::map<std::pair<int, bool>, QStringList> at;
        for (const sc::TierWall &w : m_doc->figuresModel()->tierWalls()) {
            const QString name = m_doc->componentName(
                QString::fromStdString(m_doc->design().components[size_t(w.component)].id));
            for (bool full : {false, true}) {
                const double users = full ? w.fullUsers : w.targetUsers;
                if (users >= sc::kMinUsers && users <= sc::kMaxUsers)
                    at[{sliderPosition(users), full}].push_back(
                        tr("%1 reaches %2 at %3 users")
                            .arg(name, full ? tr("100%") : formatPercent(sc::kTargetUtilization),
                                 formatCount(users)));
            }
        }
        for (auto &[key, lines] : at) {
            constexpr int kNamed = 4;
            if (lines.size() > kNamed) {
                const qsizetype more = lines.size() - kNamed;
                lines = lines.mid(0, kNamed);
                lines.push_back(tr("… and %n more", nullptr, int(more)));
            }
            marks.push_back({key.first, key.second, lines.join(QLatin1Char('\n'))});
        }
    }
    m_slider->setMarks(std::move(marks));
}

void MainWindow::updateFigures()
{
    const sc::Evaluation &ev = m_doc->evaluation();
    const bool ok = m_doc->modelOk();
    const QString none = QStringLiteral("—");
    showUsersStatus();
    // Dynamic requests only, as the model's peak (docs/model.md "Traffic"): the clients box's
    // arrivals add the static fetches, so a bare "Peak 1.7 req/s" beside its 5.2 read as a
    // contradiction.
    m_statusFigures->setFigure(
        StatusPeak,
        ok ? tr("Peak %1 dynamic req/s").arg(formatCount(ev.demand.peakRps)) : tr("Peak —"),
        tr("Dynamic requests per second (reads and writes) at the daily peak: users × requests "
           "per user per day ÷ 86,400 × peak-to-average.\nStatic fetches (CDN, object storage) "
           "are not counted here: %1 more at the peak, which the clients' boxes count in their "
           "arrivals.")
            .arg(ok ? formatRps(ev.demand.staticRps) : none));
    const sc::Headroom room = sc::headroomOf(ev);
    QString headroom = none;
    // Serving no dynamic request (every route dead-ends), there is no load to grow: the
    // highest utilization is a station's no user's request reaches (GUI QA: "Headroom 58×"
    // beside "Failing 100% at ALB").
    const bool servesNone = ok && m_doc->sendsRequests() && sc::servesNothing(ev);
    if (servesNone)
        headroom = none;
    else if (ok && room.overloaded)
        headroom = tr("overloaded");
    else if (ok && room.known)
        headroom = // "1.8×", "22×", "419k×" (not "418909×"), as the other figures read
            (room.factor < 10 ? QString::number(room.factor, 'f', 1) : formatCount(room.factor)) +
            QStringLiteral("×");
    m_statusFigures->setFigure(
        StatusHeadroom, tr("Headroom %1").arg(headroom),
        servesNone ? tr("No dynamic request is served (see Failing), so there is no load to grow")
                   : tr("1 / highest utilization: how far the peak can grow before the first "
                        "component saturates"));
    updateWallsStatus();
    updateServiceStatus();
    updateSliderMarks();
    // Against the budget when the design has one (File ▸ Design Properties…), as the
    // availability against its objective: red and "> budget" when over it.
    const std::optional<double> budget = m_doc->design().slo.monthlyBudgetUsd;
    const bool overBudget = ok && budget && ev.monthlyCostUsd > *budget;
    const QString cost = tr("Cost %1").arg(ok ? formatMonthly(ev.monthlyCostUsd) : none);
    m_statusFigures->setFigure(
        StatusCost,
        overBudget ? QStringList{cost + tr(" > %1 budget").arg(formatMonthly(*budget)),
                                 cost + tr(" > budget")}
                   : QStringList{cost},
        tr("What the design costs a month at these users, at the catalog's prices (File ▸ "
           "Export Cost Report… itemizes it)") +
            (budget
                 ? tr(". The budget is %1 (File ▸ Design Properties…).").arg(formatMonthly(*budget))
                 : QString()));
    m_status[StatusCost]->setStyleSheet(
        overBudget ? QStringLiteral("color: %1").arg(canvasColors().red.name()) : QString());
    const sc::Catalog &prices = m_doc->catalog();
    const QString region = QString::fromStdString(prices.region);
    const QString date = QString::fromStdString(prices.date);
    const QString custom = m_doc->catalogPath();
    QStringList pricesForms{tr("Prices %1 %2").arg(region, date), tr("Prices %1").arg(region)};
    if (!custom.isEmpty())
        pricesForms.prepend(
            tr("Prices %1 %2 (%3)").arg(region, date, QFileInfo(custom).fileName()));
    m_statusFigures->setFigure(
        StatusPrices, pricesForms,
        custom.isEmpty() ? tr("The built-in AWS price catalog (File ▸ Load Price Catalog… to use "
                              "another)")
                         : tr("Prices from %1 (File ▸ Use Built-in Prices to go back)")
                               .arg(QDir::toNativeSeparators(custom)));
    updateWarnings();
}

void MainWindow::showUsersStatus()
{
    m_statusFigures->setFigure(StatusUsers, tr("Users %1").arg(formatCount(m_doc->users())),
                               tr("Daily active users the figures are shown at (the slider); the "
                                  "design's own users are in Inspector ▸ Traffic"));
}

// The two walls (DESIGN.md "Two walls"): where the first station saturates, and where the p99
// stops meeting the objective. The latency wall is the model's, found once per model build.
void MainWindow::updateWallsStatus()
{
    const sc::Evaluation &ev = m_doc->evaluation();
    const QString objective = formatLatency(m_doc->design().slo.p99Ms);
    if (!m_doc->modelOk()) {
        m_statusFigures->setFigure(StatusWalls, tr("Wall —"),
                                   tr("No walls: the design has errors"));
        return;
    }
    // Without clients nothing is sent: no load, so no wall to speak of (not "no wall up to
    // 100M users").
    if (!m_doc->sendsRequests()) {
        m_statusFigures->setFigure(
            StatusWalls, tr("Wall —"),
            tr("No walls: without clients no requests are sent, so nothing saturates (add Clients "
               "from the palette and connect it)."));
        return;
    }
    // No dynamic request served: no walls to speak of (QA: "latency wall none served (p99 ≤ 500
    // ms)" read as a figure; GUI QA: "Wall 57.6M" beside "Failing 100%", a station's wall that
    // no user's request reaches). "Dynamic": the static files may be served (the availability
    // beside it read 49.94% against "no request is served").
    if (sc::servesNothing(ev)) {
        m_statusFigures->setFigure(
            StatusWalls,
            {tr("Walls none (no dynamic request is served)"), tr("Walls none (none served)")},
            tr("No dynamic request is served (see Failing), so there is no wall to grow to and no "
               "latency to hold to the objective of %1.")
                .arg(objective));
        return;
    }
    // A big design's latency wall is still being found after an edit (Document::runAside):
    // "…" until it is (sloWallFound).
    const bool sloKnown = m_doc->sloWallKnown();
    const std::optional<double> slo = sloKnown ? m_doc->sloMaxUsers() : std::nullopt;
    // The latency wall as the label says it, and as the tooltip does.
    QString latencyWall = QStringLiteral("…"), latencyWallTip = tr("being worked out");
    if (sloKnown && !slo) {
        latencyWall = tr("none");
        latencyWallTip = tr("met at every user count up to the wall");
    } else if (sloKnown && *slo > 0) {
        latencyWall = formatUsers(*slo);
        latencyWallTip = tr("%1 users").arg(latencyWall);
    } else if (sloKnown) {
        latencyWall = tr("below %1 users").arg(formatCount(sc::kMinUsers)); // ("below 10"; QA)
        latencyWallTip = tr("not met even at %1 users").arg(formatCount(sc::kMinUsers));
    }
    QStringList forms;
    if (sloKnown && !ev.maxUsers && !slo) {
        forms << tr("No wall up to %1 users").arg(formatCount(sc::kMaxUsers)) << tr("No wall");
    } else {
        const QString wall = ev.maxUsers ? formatUsers(*ev.maxUsers) : tr("none");
        // Narrower: without the objective (the tooltip gives it), then "p99" for "latency".
        forms << tr("Wall %1 · latency wall %2 (p99 ≤ %3)").arg(wall, latencyWall, objective)
              << tr("Wall %1 · latency wall %2").arg(wall, latencyWall)
              << tr("Wall %1 · p99 wall %2").arg(wall, latencyWall);
    }
    m_statusFigures->setFigure(
        StatusWalls, forms,
        tr("Wall: the users at which the first station reaches 100% and starts to shed "
           "requests (%1).\nLatency wall: the most users at which the p99 of dynamic requests "
           "still meets the objective of %2 (File ▸ Design Properties…): %3.")
            .arg(ev.maxUsers ? tr("%1 users").arg(formatUsers(*ev.maxUsers))
                             : tr("none up to %1 users").arg(formatCount(sc::kMaxUsers)),
                 objective, latencyWallTip));
}

// Availability against the objective, and the share of the peak that fails when any does.
void MainWindow::updateServiceStatus()
{
    const sc::Evaluation &ev = m_doc->evaluation();
    const bool ok = m_doc->modelOk();
    const double target = m_doc->design().slo.availability;
    // Without clients nothing is sent: no share of requests to speak of.
    const bool sends = m_doc->sendsRequests();
    const bool below = sends && ev.availability < target;
    const QString availability =
        sends ? tr("Availability %1").arg(formatAvailability(ev.availability))
              : tr("Availability —");
    m_statusFigures->setFigure(
        StatusAvailability,
        below ? QStringList{availability + tr(" < %1 SLO").arg(formatAvailability(target)),
                            availability + tr(" < SLO")}
              : QStringList{availability},
        (ok && !sends ? tr("No clients: the users' requests enter nowhere, so none is served (add "
                           "Clients from the palette and connect it).\n")
                      : QString()) +
            tr("Share of all requests served over the day, static files included (weighted by "
               "demand): components that are down and requests shed or refused both count. "
               "\"Failing\" counts only the dynamic requests, at the peak, so the two differ when "
               "the static ones are served. The objective is %1 (File ▸ Design Properties…).")
                .arg(formatAvailability(target)));
    m_status[StatusAvailability]->setStyleSheet(
        below ? QStringLiteral("color: %1").arg(canvasColors().red.name()) : QString());
    QLabel *failing = m_status[StatusFailing];
    // Without clients none of the users' requests is served (an error rate of 1): the
    // availability's "—" and its tooltip say why, as the presentation strip does.
    const bool fails = ok && sends && ev.errorRatePeak > 0;
    failing->setVisible(fails);
    // Who fails them, and how: past a station's capacity the bottleneck (the highest ρ, the core's
    // figure) sheds the most; else the pool that refuses the most (below the saturation wall the
    // only way: "Headroom 5.8× · Wall 576k" beside "Failing 4%" read as a contradiction without
    // it); else the route to nothing that loses the most. (The largest refusals alone named a
    // database refusing 8 req/s while the app servers above it shed 98%; QA.)
    const auto most = [&ev](auto figure) {
        const sc::ComponentResult *best = nullptr;
        for (const sc::ComponentResult &r : ev.components)
            if (figure(r) > 0 && (!best || figure(r) > figure(*best)))
                best = &r;
        return best;
    };
    const sc::ComponentResult *worst = nullptr;
    if (ev.bottleneck >= 0 && size_t(ev.bottleneck) < ev.components.size() &&
        ev.components[size_t(ev.bottleneck)].overloaded &&
        ev.components[size_t(ev.bottleneck)].errorRps > 0)
        worst = &ev.components[size_t(ev.bottleneck)];
    if (!worst)
        worst = most([](const sc::ComponentResult &r) { return r.refusedRps; });
    if (!worst)
        worst = most([](const sc::ComponentResult &r) { return r.errorRps; });
    const QString failedBy =
        worst ? m_doc->componentLabel(QString::fromStdString(worst->id)) : QString();
    const bool sheds = worst && worst->overloaded;
    const bool refuses = worst && !sheds && worst->refusedRps > 0;
    const QString share = formatFailShare(ev.errorRatePeak);
    const QStringList failForms =
        !fails ? QStringList{QString()}
        : failedBy.isEmpty()
            ? QStringList{tr("Failing %1 at the peak").arg(share), tr("Failing %1").arg(share)}
        : refuses ? QStringList{tr("Failing %1: %2 refuses").arg(share, failedBy),
                                tr("Failing %1").arg(share)}
        : sheds
            ? QStringList{tr("Failing %1: %2 overloaded").arg(share, failedBy),
                          tr("Failing %1").arg(share)}
            : QStringList{tr("Failing %1 at %2").arg(share, failedBy), tr("Failing %1").arg(share)};
    failing->setStyleSheet(QStringLiteral("color: %1").arg(canvasColors().red.name()));
    const QString why =
        failedBy.isEmpty() ? QString()
        : refuses ? tr(".\n%1 fails the most: it refuses requests below its capacity, too few "
                       "connections (a database) or threads (an app server).")
                        .arg(failedBy)
        : sheds ? tr(".\n%1 fails the most: more arrives than its capacity, and what is past it "
                     "is shed.")
                      .arg(failedBy)
                : tr(".\n%1 fails the most: what it has nowhere to send, or sends to a "
                     "component that is down.")
                      .arg(failedBy);
    m_statusFigures->setFigure(
        StatusFailing, failForms,
        tr("Share of the peak's dynamic requests that fail (shed past a station's capacity or "
           "refused by a pool); %1 are served")
                .arg(ok ? formatRps(ev.goodputRps) : QStringLiteral("—")) +
            why);
}

void MainWindow::updateWarnings()
{
    std::vector<sc::Warning> rows;
    if (const sc::Model *m = m_doc->model(); m && !m->ok()) {
        // The design's errors, each naming its component as the GUI does (not a JSON path).
        for (const sc::Issue &i : m->errors())
            rows.push_back(
                {"", i.componentId, m_doc->issueText(i).toStdString(), sc::Severity::Error});
    } else if (!canvasBlank()) {
        rows = m_doc->evaluation().warnings;
    }
    // (A blank canvas's one error, NO_CLIENTS, is what its "Start a design" card says in words:
    // a new design opened on "1 error". `evaluate` and the reports give it.)
    showWarnings(std::move(rows));
}

void MainWindow::showWarnings(std::vector<sc::Warning> rows)
{
    m_warnings->clear();
    // Errors first, then warnings, then advice (stable: the advisor's order within a level).
    std::stable_sort(rows.begin(), rows.end(), [](const sc::Warning &a, const sc::Warning &b) {
        return a.severity < b.severity;
    });
    int counts[3] = {0, 0, 0};
    for (const sc::Warning &r : rows) {
        ++counts[int(r.severity)];
        const QString text = QString::fromStdString(r.message);
        auto *item = new QListWidgetItem(severityIcon(r.severity), text);
        item->setData(Qt::UserRole, QString::fromStdString(r.componentId));
        item->setData(kSeverityRole, int(r.severity));
        item->setToolTip(tr("%1: %2").arg(severityTitle(r.severity), text));
        m_warnings->addItem(item);
    }
    if (rows.empty() && !m_doc->design().components.empty()) {
        auto *item = new QListWidgetItem(style()->standardIcon(QStyle::SP_DialogApplyButton),
                                         tr("No warnings at %1 users: every station has headroom, "
                                            "no single point of failure")
                                             .arg(formatCount(m_doc->users())));
        item->setFlags(Qt::ItemIsEnabled); // not selectable: it names no component
        m_warnings->addItem(item);
    }
    // The counts in the dock's title, which its tab beside the growth charts shows.
    QStringList parts;
    if (counts[0] > 0)
        parts << (counts[0] == 1 ? tr("1 error") : tr("%1 errors").arg(counts[0]));
    if (counts[1] > 0)
        parts << (counts[1] == 1 ? tr("1 warning") : tr("%1 warnings").arg(counts[1]));
    if (counts[2] > 0)
        parts << tr("%1 advice").arg(counts[2]);
    m_warningsDock->setWindowTitle(parts.isEmpty() ? tr("Warnings")
                                                   : tr("Warnings — %1").arg(parts.join(" · ")));
    // The View menu names the panel, not its counts (the dock renames its action with its title).
    m_warningsDock->toggleViewAction()->setText(tr("Warnings"));
}

} // namespace scui
