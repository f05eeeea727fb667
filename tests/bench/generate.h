#pragma once

#include "core/model/design.h"

#include <cstdlib>
#include <string>
#include <vector>

namespace scbench {

// A realistic design of about `count` components: one edge (clients, DNS, CDN, S3, global LB)
// and regions of eight (ALB → auto-scaled app tier → cache, replicas, pooler → primary,
// queue → workers), wired like the templates. The regions are alike, as cells of a scaled-out
// design are, unless `varied`: then each has its own hit ratio, instance types, replica count
// and service times, so no two components behave the same.
inline sc::Design generateDesign(int count, bool varied = false)
{
    using sc::Kind;
    sc::Design d;
    d.name = "Generated " + std::to_string(count);
    d.traffic.users = 1e6;
    d.traffic.asyncPerWrite = 1;
    auto add = [&d](const std::string &id, Kind kind, double x, double y,
                    sc::ParamMap params = {}) {
        sc::Component c;
        c.id = id;
        c.kind = kind;
        c.label = id;
        c.position = {x, y};
        c.params = std::move(params);
        d.components.push_back(std::move(c));
    };
    auto wire = [&d](const std::string &from, const std::string &to) {
        sc::Connection c;
        c.from = from;
        c.to = to;
        d.connections.push_back(c);
    };
    add("users", Kind::Clients, 0, 0);
    add("dns", Kind::Dns, 260, 0);
    add("cdn", Kind::Cdn, 520, -200);
    add("s3", Kind::ObjectStorage, 780, -200);
    add("glb", Kind::LoadBalancer, 520, 0);
    wire("users", "dns");
    wire("dns", "cdn");
    wire("cdn", "s3");
    wire("dns", "glb");
    const int regions = std::max(1, (count - 5) / 8);
    for (int r = 0; r < regions; ++r) {
        const std::string p = "r" + std::to_string(r) + "-";
        const double y = r * 420.0;
        static const char *const appTypes[] = {"c5.large", "c5.xlarge", "m5.large", "c6i.large"};
        const double f = varied ? double(r) / regions : 0; // 0 ≤ f < 1, distinct per region
        add(p + "lb", Kind::LoadBalancer, 780, y);
        add(p + "app", Kind::AppServer, 1040, y,
            {{"instanceType", {0, varied ? appTypes[r % 4] : "c5.large"}},
             {"serviceTimeMs", {2 + f, {}}}});
        d.components.back().autoscale = sc::Autoscale{2, 20, 0.6, 300, 120};
        add(p + "cache", Kind::Cache, 1300, y - 130, {{"hitRatio", {0.9 - 0.1 * f, {}}}});
        add(p + "replica", Kind::ReadReplica, 1820, y - 80,
            {{"instances", {varied ? 1.0 + r % 3 : 2.0, {}}},
             {"readServiceTimeMs", {5 + 3 * f, {}}}});
        add(p + "pool", Kind::Pooler, 1560, y + 20, {{"serviceTimeMs", {0.05 + 0.05 * f, {}}}});
        add(p + "db", Kind::Database, 1820, y + 60,
            {{"multiAz", {1, {}}}, {"writeServiceTimeMs", {10 + 5 * f, {}}}});
        add(p + "queue", Kind::Queue, 1300, y + 150);
        add(p + "workers", Kind::Worker, 1560, y + 160,
            {{"instances", {varied ? 2.0 + r % 2 : 2.0, {}}},
             {"serviceTimeMs", {100 + 40 * f, {}}}});
        wire("glb", p + "lb");
        wire(p + "lb", p + "app");
        wire(p + "app", p + "cache");
        wire(p + "app", p + "replica");
        wire(p + "app", p + "pool");
        wire(p + "pool", p + "db");
        wire(p + "app", p + "queue");
        wire(p + "queue", p + "workers");
        wire(p + "workers", p + "pool");
    }
    return d;
}

// The component counts a benchmark runs: its arguments, or `fallback` when it has none.
inline std::vector<int> componentCounts(int argc, char **argv, std::vector<int> fallback)
{
    std::vector<int> counts;
    for (int i = 1; i < argc; ++i)
        counts.push_back(std::atoi(argv[i]));
    return counts.empty() ? fallback : counts;
}

} // namespace scbench
