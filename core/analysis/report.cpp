#include "report.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace sc {
namespace {

using ojson = nlohmann::ordered_json;

ojson num(double v)
{
    return std::isfinite(v) ? ojson(v) : ojson(nullptr);
}

ojson latencyJson(const LatencySummary &l)
{
    if (!l.valid)
        return {{"mean", nullptr}, {"p50", nullptr}, {"p95", nullptr}, {"p99", nullptr}};
    return {{"mean", num(l.mean)}, {"p50", num(l.p50)}, {"p95", num(l.p95)}, {"p99", num(l.p99)}};
}

std::string idAt(const Model &m, int i)
{
    return i >= 0 ? m.design().components[size_t(i)].id : std::string();
}

} // namespace

double nines(double a)
{
    if (a >= 1)
        return 10; // shown as "≥ 10 nines"
    return -std::log10(1 - a);
}

double downtimeMinutesPerMonth(double a, double hours)
{
    return (1 - a) * hours * 60;
}

ojson evaluationToJson(const Model &model, const Evaluation &ev)
{
    ojson o;
    o["users"] = num(ev.users);
    o["demand"] = {{"averageRps", num(ev.demand.averageRps)}, {"peakRps", num(ev.demand.peakRps)},
                   {"readRps", num(ev.demand.readRps)},       {"writeRps", num(ev.demand.writeRps)},
                   {"staticRps", num(ev.demand.staticRps)},   {"jobRps", num(ev.demand.jobRps)}};
    ojson comps = ojson::array();
    for (size_t i = 0; i < ev.components.size(); ++i) {
        const ComponentResult &r = ev.components[i];
        const Component &c = model.design().components[i];
        ojson arrivals;
        for (int k = 0; k < kClassCount; ++k)
            arrivals[std::string(className(RequestClass(k)))] = num(r.arrivals[size_t(k)]);
        ojson j = {{"id", r.id},
                   {"kind", std::string(kindName(r.kind))},
                   {"label", c.label},
                   {"instances", num(r.instances)},
                   {"arrivalRps", num(r.arrivalRps)},
                   {"arrivalsByClass", arrivals},
                   {"capacityRps", r.station ? num(r.capacityRps) : ojson(nullptr)},
                   {"utilization", num(r.utilization)},
                   {"meanLatencyMs", r.overloaded ? ojson(nullptr) : num(r.meanLatencyMs)},
                   {"concurrency", r.overloaded ? ojson(nullptr) : num(r.concurrency)},
                   {"monthlyCostUsd", num(r.monthlyCostUsd)},
                   {"spof", r.spof},
                   {"nPlusOne", r.nPlusOne},
                   {"availability", num(r.availability)}};
        if (r.kind == Kind::AppServer)
            j["threadsBusyPerInstance"] = num(r.threadsBusyPerInstance);
        if (r.kind == Kind::Database || r.kind == Kind::ReadReplica) {
            j["connectionsOpened"] = num(r.connectionsOpened);
            j["connectionsBusy"] = r.overloaded ? ojson(nullptr) : num(r.connectionsBusy);
        }
        comps.push_back(std::move(j));
    }
    o["components"] = comps;
    o["latencyMs"] = latencyJson(ev.latency);
    ojson byClass;
    for (int k = 0; k < kClassCount; ++k)
        byClass[std::string(className(RequestClass(k)))] =
            latencyJson(ev.latencyByClass[size_t(k)]);
    o["latencyByClassMs"] = byClass;
    o["bottleneck"] = ev.bottleneck >= 0 ? ojson(idAt(model, ev.bottleneck)) : ojson(nullptr);
    o["maxUsers"] = ev.maxUsers ? num(*ev.maxUsers) : ojson(nullptr);
    o["wallComponent"] =
        ev.wallComponent >= 0 ? ojson(idAt(model, ev.wallComponent)) : ojson(nullptr);
    o["scalingCeilingUsers"] =
        ev.scalingCeilingUsers ? num(*ev.scalingCeilingUsers) : ojson(nullptr);
    o["ceilingComponent"] =
        ev.ceilingComponent >= 0 ? ojson(idAt(model, ev.ceilingComponent)) : ojson(nullptr);
    o["availability"] = num(ev.availability);
    o["availabilityPercent"] = num(ev.availability * 100);
    o["availabilityNines"] = num(nines(ev.availability));
    o["downtimeMinutesPerMonth"] =
        num(downtimeMinutesPerMonth(ev.availability, model.catalog().hoursPerMonth));
    o["spofs"] = ev.spofs;
    o["monthlyCostUsd"] = num(ev.monthlyCostUsd);
    o["costPerUserUsd"] = num(ev.costPerUserUsd);
    o["costPer1kUsersUsd"] = num(ev.costPerUserUsd * 1000);
    ojson items = ojson::array();
    for (const CostItem &c : ev.costItems)
        items.push_back(
            {{"component", c.componentId}, {"item", c.item}, {"monthlyUsd", num(c.monthlyUsd)}});
    o["costItems"] = items;
    ojson warnings = ojson::array();
    for (const Warning &w : ev.warnings)
        warnings.push_back(
            {{"code", w.code}, {"component", w.componentId}, {"message", w.message}});
    o["warnings"] = warnings;
    o["catalog"] = {{"region", model.catalog().region}, {"date", model.catalog().date}};
    return o;
}

std::string evaluationToText(const Model &model, const Evaluation &ev)
{
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line, "%s at %.6g users: %.4g req/s at the peak (%.4g average)\n",
                  model.design().name.c_str(), ev.users, ev.demand.peakRps, ev.demand.averageRps);
    out << line;
    std::snprintf(line, sizeof line, "%-16s %-14s %6s %11s %11s %6s %10s %10s\n", "component",
                  "kind", "inst", "req/s", "capacity", "util", "latency", "$/month");
    out << line;
    for (size_t i = 0; i < ev.components.size(); ++i) {
        const ComponentResult &r = ev.components[i];
        std::string lat = r.overloaded ? "overload" : [&] {
            char b[32];
            std::snprintf(b, sizeof b, "%.3g ms", r.meanLatencyMs);
            return std::string(b);
        }();
        std::snprintf(line, sizeof line,
                      "%-16.16s %-14s %6.4g %11.4g %11.4g %5.0f%% %10s %10.2f%s\n", r.id.c_str(),
                      std::string(kindName(r.kind)).c_str(), r.instances, r.arrivalRps,
                      r.capacityRps, r.utilization * 100, lat.c_str(), r.monthlyCostUsd,
                      r.spof ? "  SPOF" : "");
        out << line;
    }
    if (ev.latency.valid)
        std::snprintf(line, sizeof line, "latency: mean %.3g ms, p50 %.3g, p95 %.3g, p99 %.3g ms\n",
                      ev.latency.mean, ev.latency.p50, ev.latency.p95, ev.latency.p99);
    else
        std::snprintf(line, sizeof line,
                      "latency: unbounded (a station on the path is overloaded)\n");
    out << line;
    out << "bottleneck: " << (ev.bottleneck >= 0 ? idAt(model, ev.bottleneck) : "none") << "\n";
    if (ev.maxUsers)
        std::snprintf(line, sizeof line, "max users: %.4g (wall at %s)\n", *ev.maxUsers,
                      idAt(model, ev.wallComponent).c_str());
    else
        std::snprintf(line, sizeof line, "max users: no limit\n");
    out << line;
    if (ev.scalingCeilingUsers)
        std::snprintf(line, sizeof line, "scaling ceiling: %.4g users (%s)\n",
                      *ev.scalingCeilingUsers, idAt(model, ev.ceilingComponent).c_str());
    else
        std::snprintf(line, sizeof line, "scaling ceiling: none (every tier scales out)\n");
    out << line;
    std::snprintf(line, sizeof line, "availability: %.4f%% (%.2f nines, %.1f min down/month)\n",
                  ev.availability * 100, nines(ev.availability),
                  downtimeMinutesPerMonth(ev.availability, model.catalog().hoursPerMonth));
    out << line;
    std::snprintf(line, sizeof line, "monthly cost: $%.2f ($%.4f per user, $%.2f per 1k users)\n",
                  ev.monthlyCostUsd, ev.costPerUserUsd, ev.costPerUserUsd * 1000);
    out << line;
    for (const Warning &w : ev.warnings)
        out << "warning " << w.code << " [" << w.componentId << "]: " << w.message << "\n";
    return out.str();
}

ojson sweepToJson(const Model &model, const Sweep &sweep)
{
    ojson o;
    ojson ids = ojson::array();
    for (const Component &c : model.design().components)
        ids.push_back(c.id);
    o["components"] = ids;
    ojson pts = ojson::array();
    for (const SweepPoint &p : sweep.points) {
        ojson util = ojson::array(), inst = ojson::array();
        for (double u : p.utilization)
            util.push_back(num(u));
        for (double n : p.instances)
            inst.push_back(num(n));
        pts.push_back({{"users", num(p.users)},
                       {"demandRps", num(p.demandRps)},
                       {"capacityRps", num(p.capacityRps)},
                       {"utilization", util},
                       {"instances", inst},
                       {"latencyMs", latencyJson(p.latency)},
                       {"monthlyCostUsd", num(p.monthlyCostUsd)},
                       {"costPerUserUsd", num(p.costPerUserUsd)},
                       {"bottleneck",
                        p.bottleneck >= 0 ? ojson(idAt(model, p.bottleneck)) : ojson(nullptr)}});
    }
    o["points"] = pts;
    o["wall"] = {{"users", sweep.wallUsers ? num(*sweep.wallUsers) : ojson(nullptr)},
                 {"component", sweep.wallComponent >= 0 ? ojson(idAt(model, sweep.wallComponent))
                                                        : ojson(nullptr)}};
    return o;
}

std::string sweepToCsv(const Model &model, const Sweep &sweep)
{
    std::ostringstream out;
    out.precision(10);
    auto cell = [&out](double v) {
        if (std::isfinite(v))
            out << v;
    };
    out << "users,demandRps,capacityRps,latencyMeanMs,latencyP50Ms,latencyP95Ms,latencyP99Ms,"
           "monthlyCostUsd,costPerUserUsd,bottleneck";
    for (const Component &c : model.design().components)
        out << ",util:" << c.id;
    for (const Component &c : model.design().components)
        out << ",instances:" << c.id;
    out << "\n";
    for (const SweepPoint &p : sweep.points) {
        cell(p.users);
        out << ',';
        cell(p.demandRps);
        out << ',';
        cell(p.capacityRps);
        for (double v : {p.latency.mean, p.latency.p50, p.latency.p95, p.latency.p99}) {
            out << ',';
            if (p.latency.valid)
                cell(v);
        }
        out << ',';
        cell(p.monthlyCostUsd);
        out << ',';
        cell(p.costPerUserUsd);
        out << ',' << (p.bottleneck >= 0 ? idAt(model, p.bottleneck) : "");
        for (double u : p.utilization) {
            out << ',';
            cell(u);
        }
        for (double n : p.instances) {
            out << ',';
            cell(n);
        }
        out << "\n";
    }
    out << "# wall," << (sweep.wallUsers ? std::to_string(*sweep.wallUsers) : "none") << ","
        << (sweep.wallComponent >= 0 ? idAt(model, sweep.wallComponent) : "") << "\n";
    return out.str();
}

} // namespace sc
