#include "ui/timeline/timelinerun.h"

#include "core/analysis/scenarios.h"
#include "ui/numberformat.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace scui {

QString TimelineRun::clockAt(int s) const
{
    const double start = scenario.startHour * 3600;
    // The row's own time (a last, shorter interval ends at the scenario's end, not a step on).
    const double t =
        s >= 0 && size_t(s) < steps.size() ? steps[size_t(s)].t : std::max(0, s) * scenario.stepS;
    // Whole seconds, a rounding's residue below one taken as that second.
    const long seconds = long(std::floor(start + t + 1e-6));
    const long minutes = seconds / 60;
    // Steps that are not whole minutes show their seconds: at 10 s steps three steps read
    // 00:14, 00:15, 00:15, and a Fail Now could not be placed again with `simulate` (QA).
    const bool withSeconds = std::fmod(scenario.stepS, 60) != 0;
    const long second = seconds % 60;
    const auto hhmm = [withSeconds, second](long hours, long mins) {
        const QString text = QStringLiteral("%1:%2")
                                 .arg(hours, 2, 10, QLatin1Char('0'))
                                 .arg(mins, 2, 10, QLatin1Char('0'));
        return withSeconds ? text + QStringLiteral(":%1").arg(second, 2, 10, QLatin1Char('0'))
                           : text;
    };
    if (start + scenario.durationS <= 86400) // within a day: its end is 24:00, not 00:00 (QA)
        return minutes >= 1440 ? hhmm(24, 0) : hhmm(minutes / 60, minutes % 60);
    return QObject::tr("day %1, %2")
        .arg(minutes / 1440 + 1)
        .arg(hhmm((minutes / 60) % 24, minutes % 60));
}

int TimelineRun::stepAt(double t) const
{
    if (steps.empty())
        return -1;
    const double dt = scenario.stepS > 0 ? scenario.stepS : 1;
    const long n = long(std::floor(t / dt + 1e-9));
    return int(std::clamp<long>(n, 0, long(steps.size()) - 1));
}

namespace {

// A model of the design with every component an event names kept out of lumps (the same
// figures; Model::simulate would otherwise build that model itself, with other lumps).
std::unique_ptr<sc::Model> apartModel(const sc::Model &model, const sc::Scenario &scenario)
{
    std::vector<std::string> apart;
    // A zone or region event fails its members: each of them is kept apart.
    for (const sc::ScenarioEvent &e : scenario.events)
        for (int i : sc::eventComponents(model.design(), e)) {
            const std::string &id = model.design().components[size_t(i)].id;
            if (std::find(apart.begin(), apart.end(), id) == apart.end())
                apart.push_back(id);
        }
    if (apart.empty())
        return nullptr;
    return std::make_unique<sc::Model>(model.design(), model.catalog(), apart);
}

} // namespace

std::shared_ptr<const TimelineRun> runTimeline(const sc::Model &base, sc::Scenario scenario)
{
    if (!base.ok())
        return nullptr;
    const std::unique_ptr<sc::Model> own = apartModel(base, scenario);
    const sc::Model &model = own ? *own : base;
    auto run = std::make_shared<TimelineRun>();
    run->summary =
        model.simulate(scenario, [&](const sc::SimulationStep &s) { run->steps.push_back(s); });
    const auto &comps = model.design().components;
    run->lumpOf.resize(comps.size());
    for (size_t i = 0; i < comps.size(); ++i) {
        run->lumpOf[i] = model.lumpOf(int(i));
        if (comps[i].autoscale)
            run->autoscaled.push_back(int(i));
    }
    run->users = scenario.users.value_or(model.design().traffic.users);
    run->scenario = std::move(scenario);
    return run;
}

QString runUsersText(double users, bool scenarioUsers)
{
    return scenarioUsers ? QObject::tr("at the scenario's %1 users").arg(formatUsers(users))
                         : QObject::tr("at the design's %1 users").arg(formatUsers(users));
}

QString failingNowText(const sc::SimulationStep &step)
{
    const double failing = sc::failingShare(step.errorRps, step.demandRps);
    return failing > 0 ? QObject::tr("%1 failing").arg(formatFailShare(failing))
                       : QObject::tr("none failing");
}

QString runSummaryText(const sc::SimulationSummary &s, const sc::Slo &slo)
{
    // The share to the place an objective of 99.9% asks about: 1.52% read "2%" (QA).
    const double r = s.errorRate;
    const QString share =
        r > 0 && r < 0.1 ? formatPercent(r, r < 0.01 ? 2 : 1) : formatFailShare(r);
    return QObject::tr("%1 failed requests (%2) · %3 outside the objective (p99 ≤ %4, ≥ %5 "
                       "served) · run cost %6")
        .arg(formatCount(s.failedRequests), share)
        .arg(formatTimeSpan(s.sloViolationSeconds))
        .arg(formatLatency(slo.p99Ms), formatAvailability(slo.availability),
             formatMoney(s.costUsd));
}

} // namespace scui
