// Geography (docs/model.md "Geography"): great-circle round trips, hops across zones and
// regions, the populations' own round trips, DNS latency routing, transfer across zones and
// regions, and the "Europe complains" case's page times. Every distance below was worked out
// by hand with the haversine formula on a 6,371 km sphere (a separate Python one-liner), not
// read from the code.
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/model/geo.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <cmath>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

constexpr double kMonthSeconds = 730 * 3600.0;
// Great-circle kilometres (haversine, 6,371 km), by hand.
constexpr double kUsEast1ToEuWest1Km = 5461.524;
constexpr double kParisToUsEast1Km = 6186.533;
constexpr double kNewYorkToUsEast1Km = 350.204;

// RTT at the default route factor 2: km ÷ 200 km/ms × 2 × 2.
double rtt2(double km)
{
    return km / 200 * 4;
}

Group group(const std::string &id, const std::string &kind, std::vector<std::string> members)
{
    Group g;
    g.id = id;
    g.kind = kind;
    g.label = id;
    g.members = std::move(members);
    return g;
}

Group region(const std::string &id, const std::string &aws, std::vector<std::string> members)
{
    Group g = group(id, "region", std::move(members));
    g.place = Place{aws, 0, 0};
    return g;
}

// users → app → db: the app's service time and the database's fixed ones; reads and writes
// both go to the database. Flat traffic: 0.01 dynamic req/s per user, half of them writes.
Design chain()
{
    Design d;
    d.name = "chain";
    d.traffic = flat(1000, 86400 * 0.01, 0.5); // 0.01 dynamic req/s per user at the peak
    d.traffic.kbPerRequest = 20;
    d.components = {
        make("users", Kind::Clients),
        make("app", Kind::AppServer, {{"instances", num(4)}, {"instanceType", text("c5.large")}}),
        make("db", Kind::Database, {{"instanceType", text("db.m5.large")}})};
    d.connections = {wire("users", "app"), wire("app", "db")};
    return d;
}

// DNS latency routing's case: users → DNS (latency) → an app in us-east-1 (1 instance) and one
// in eu-west-1 (3), both on `db` in us-east-1; US users (80%) in us-east-2, EU (20%) in
// eu-west-2. Flat traffic of 0.01 dynamic req/s per user.
Design twoRegionsBehindLatencyDns(Component db)
{
    Design d;
    d.traffic = flat(1000, 86400 * 0.01);
    d.components = {make("users", Kind::Clients),
                    make("dns", Kind::Dns, {{"routing", text("latency")}}),
                    make("appUs", Kind::AppServer, {{"instances", num(1)}}),
                    make("appEu", Kind::AppServer, {{"instances", num(3)}}), std::move(db)};
    d.connections = {wire("users", "dns"), wire("dns", "appUs"), wire("dns", "appEu"),
                     wire("appUs", "db"), wire("appEu", "db")};
    d.groups = {region("us", "us-east-1", {"appUs", "db"}), region("eu", "eu-west-1", {"appEu"})};
    d.populations = {{"US", 0.8, Place{"us-east-2", 0, 0}}, {"EU", 0.2, Place{"eu-west-2", 0, 0}}};
    return d;
}

// twoRegionsBehindLatencyDns's DNS split, 80/20 of its 10 req/s, and each population's latency
// as in `base` (the design without what was added beside its targets).
void splitsAsWithout(const Evaluation &ev, const Evaluation &base)
{
    const double total = 1000 * 0.01;
    QVERIFY(std::fabs(sctest::resultOf(ev, "appUs")->arrivalRps - 0.8 * total) < 1e-9);
    QVERIFY(std::fabs(sctest::resultOf(ev, "appEu")->arrivalRps - 0.2 * total) < 1e-9);
    for (size_t k = 0; k < 2; ++k)
        QVERIFY2(std::fabs(ev.populations[k].latency.mean - base.populations[k].latency.mean) <
                     1e-9,
                 qPrintable(QString("%1 vs %2")
                                .arg(ev.populations[k].latency.mean)
                                .arg(base.populations[k].latency.mean)));
}

double costOf(const Evaluation &ev, const std::string &id, const std::string &prefix)
{
    double usd = 0;
    for (const CostItem &c : ev.costItems)
        if (c.componentId == id && c.item.rfind(prefix, 0) == 0)
            usd += c.monthlyUsd;
    return usd;
}

} // namespace

class TestGeography : public QObject
{
    Q_OBJECT

private slots:
    // time-and-place.md: New York (40.71, −74.01) – Tokyo ≈ 10,850 km, 108 ms round trip at the
    // bound, twice that at the default route factor.
    void newYorkTokyo()
    {
        const LatLon ny{40.71, -74.01}, tokyo = findAwsRegion("ap-northeast-1")->at;
        QVERIFY(std::fabs(greatCircleKm(ny, tokyo) - 10849.954) < 0.01);
        QVERIFY(std::fabs(roundTripMs(ny, tokyo, 1) - 108.4995) < 0.001);
        QVERIFY(std::fabs(roundTripMs(ny, tokyo, kDefaultRouteFactor) - 216.999) < 0.001);
        QCOMPARE(greatCircleKm(ny, ny), 0.0);
        QCOMPARE(findAwsRegion("eu-paris-1"), nullptr);
        QCOMPARE(awsRegions().size(), size_t(15));
    }

    // No group, no population: nothing moves (the same figures as before geography).
    void noGroupsNoChange()
    {
        const Design d = chain();
        Design grouped = chain();
        grouped.groups = {group("a", "zone", {}), group("r", "region", {})}; // empty groups
        const Evaluation a = Model(d, Catalog::builtin()).evaluate(1000);
        const Evaluation b = Model(grouped, Catalog::builtin()).evaluate(1000);
        QCOMPARE(a.latency.mean, b.latency.mean);
        QCOMPARE(a.latency.p99, b.latency.p99);
        QCOMPARE(a.monthlyCostUsd, b.monthlyCostUsd);
        QVERIFY(a.populations.empty());
    }

    // The app in us-east-1, the database in eu-west-1: every dynamic call pays the RTT between
    // the two regions once; the app (the caller) pays $0.02/GB for the 20 KB each call moves.
    void crossRegionHopAndTransfer()
    {
        Design d = chain();
        d.groups = {region("east", "us-east-1", {"app"}), region("west", "eu-west-1", {"db"})};
        const Evaluation base = Model(chain(), Catalog::builtin()).evaluate(1000);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        const double hop = rtt2(kUsEast1ToEuWest1Km); // 109.23 ms
        QVERIFY(std::fabs(hop - 109.2305) < 1e-3);
        QVERIFY2(std::fabs(ev.latency.mean - base.latency.mean - hop) < 1e-3, // km to 1 m
                 qPrintable(QString::number(ev.latency.mean - base.latency.mean)));
        // 1,000 users × 0.01 req/s (flat day) × 20 KB × a month's seconds = GB.
        const double gb = 1000 * 0.01 * 20 * kMonthSeconds / 1e6;
        QVERIFY(std::fabs(costOf(ev, "app", "Cross-region transfer") - gb * 0.02) < 1e-6);
        QCOMPARE(costOf(ev, "app", "Cross-zone transfer"), 0.0);
        QVERIFY(std::fabs(ev.monthlyCostUsd - base.monthlyCostUsd - gb * 0.02) < 1e-6);
    }

    // A replica a region away from its primary (docs/model.md "Replication delay"): the log
    // crosses the ocean too, one way (half the round trip): 109.23 / 2 = 54.62 ms more than the
    // same replica beside its primary. Its readers beside it get the write's response as late
    // (it crosses the same ocean), so no REPLICA_LAG; read from the primary's region, the
    // 54.62 ms are not made up and the delay (> the 50 ms round trip) is flagged. (QA: the
    // delay ignored distance.)
    void replicaAwayFromItsPrimary()
    {
        Design d = chain();
        d.traffic.networkRttMs = 50;
        d.components.push_back(make("replica", Kind::ReadReplica));
        d.connections.push_back(wire("app", "replica"));
        auto delayOf = [](const Evaluation &ev) {
            const ComponentResult *r = sctest::resultOf(ev, "replica");
            return r && r->replicationDelayMs ? *r->replicationDelayMs : -1.0;
        };
        auto lagWarned = [](const Evaluation &ev) {
            for (const Warning &w : ev.warnings)
                if (w.code == "REPLICA_LAG")
                    return true;
            return false;
        };
        const Evaluation beside = Model(d, Catalog::builtin()).evaluate(1000);
        QVERIFY(delayOf(beside) > 0 && delayOf(beside) < 50);
        QVERIFY(!lagWarned(beside));
        // The app and its replica in eu-west-1, the primary in us-east-1.
        Design far = d;
        far.groups = {region("east", "us-east-1", {"db"}),
                      region("west", "eu-west-1", {"app", "replica"})};
        const Evaluation ev = Model(far, Catalog::builtin()).evaluate(1000);
        const double oneWay = rtt2(kUsEast1ToEuWest1Km) / 2;
        QVERIFY2(std::fabs(delayOf(ev) - delayOf(beside) - oneWay) < 1e-3,
                 qPrintable(QString::number(delayOf(ev) - delayOf(beside))));
        QVERIFY(delayOf(ev) > 50);
        QVERIFY(!lagWarned(ev));
        // The app beside the primary, its replica away: the response makes up nothing.
        Design away = d;
        away.groups = {region("east", "us-east-1", {"db", "app"}),
                       region("west", "eu-west-1", {"replica"})};
        const Evaluation ev2 = Model(away, Catalog::builtin()).evaluate(1000);
        QVERIFY(std::fabs(delayOf(ev2) - delayOf(beside) - oneWay) < 1e-3);
        QVERIFY(lagWarned(ev2));
    }

    // With populations a user's next read comes the population's round trip after the
    // response to their write, not traffic.networkRttMs (which their latency no longer counts):
    // REPLICA_LAG measures the replica's delay against the nearest population's round trip to a
    // reader. Everything in us-east-1, networkRttMs 50 ms: New York users are rtt2(350.204 km)
    // = 7.004 ms away, Paris users rtt2(6,186.533 km) = 123.7 ms; the replica's delay lies
    // between (its ship delay alone is 10 ms).
    void replicaLagAgainstThePopulationsRoundTrip()
    {
        Design d = chain();
        d.traffic.networkRttMs = 50;
        d.components.push_back(make("replica", Kind::ReadReplica));
        d.connections.push_back(wire("app", "replica"));
        d.groups = {region("east", "us-east-1", {"app", "db", "replica"})};
        const auto lag = [](const Evaluation &ev) {
            for (const Warning &w : ev.warnings)
                if (w.code == "REPLICA_LAG")
                    return w.message;
            return std::string();
        };
        d.populations = {{"NY", 1, Place{"", 40.71, -74.01}}};
        const Evaluation ny = Model(d, Catalog::builtin()).evaluate(1000);
        const ComponentResult *r = sctest::resultOf(ny, "replica");
        QVERIFY(r && r->replicationDelayMs);
        const double delay = *r->replicationDelayMs, nyRtt = rtt2(kNewYorkToUsEast1Km);
        QVERIFY(delay > nyRtt && delay < 50 && delay < rtt2(kParisToUsEast1Km));
        QVERIFY2(lag(ny).find("exceeds the 7 ms round trip") != std::string::npos, lag(ny).c_str());
        d.populations = {{"Paris", 1, Place{"", 48.85, 2.35}}};
        QCOMPARE(lag(Model(d, Catalog::builtin()).evaluate(1000)), std::string());
        // Users placed at the region itself have no round trip to it: said so, not "the 0 ms
        // round trip" (QA, compare-regions' EU users at eu-central-1).
        d.populations = {{"East", 1, Place{"us-east-1", 0, 0}}};
        const std::string here = lag(Model(d, Catalog::builtin()).evaluate(1000));
        QVERIFY2(here.find("the users at its region have no round trip to wait") !=
                         std::string::npos &&
                     here.find("0 ms round trip") == std::string::npos,
                 here.c_str());
        // Both: the nearest population's round trip decides.
        d.populations = {{"Paris", 0.9, Place{"", 48.85, 2.35}},
                         {"NY", 0.1, Place{"", 40.71, -74.01}}};
        QVERIFY(!lag(Model(d, Catalog::builtin()).evaluate(1000)).empty());
        // Without populations, networkRttMs as before: 50 ms, no warning.
        d.populations.clear();
        QCOMPARE(lag(Model(d, Catalog::builtin()).evaluate(1000)), std::string());
    }

    // The window is the least over the replica's readers of each one's own round trip and way
    // back from the primary (QA): Paris users split by weight between an app in us-east-1 and
    // one in eu-west-1, both reading `replica` and writing to `db` in us-east-1. Through the US
    // app: 123.7 ms + 0; through the EU app: 15.6 ms + 54.6 ms = 70.2 ms; the replica's delay
    // (~25 ms) is within either, where the least round trip (15.6, the EU app's) with the least
    // way back (0, the US app's) flagged it. An idle reader (wired, receiving nothing) counts
    // no round trip.
    void replicaLagReaderByReader()
    {
        Design d = chain();
        d.traffic.networkRttMs = 50;
        // Its log shipped in 20 ms (the default 10 ms would be within the Paris users' 15.6).
        d.components.push_back(make("replica", Kind::ReadReplica, {{"shipDelayMs", num(20)}}));
        d.components.push_back(make("dns", Kind::Dns));
        d.components.push_back(make("euApp", Kind::AppServer, {{"instances", num(4)}}));
        d.connections = {wire("users", "dns"),   wire("dns", "app"), wire("dns", "euApp"),
                         wire("app", "replica"), wire("app", "db"),  wire("euApp", "replica"),
                         wire("euApp", "db")};
        d.groups = {region("east", "us-east-1", {"app", "db", "replica"}),
                    region("west", "eu-west-1", {"euApp"})};
        d.populations = {{"Paris", 1, Place{"", 48.85, 2.35}}};
        const auto lagged = [](const Design &design) {
            return sctest::hasWarning(Model(design, Catalog::builtin()).evaluate(1000),
                                      "REPLICA_LAG", "replica");
        };
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        const ComponentResult *r = sctest::resultOf(ev, "replica");
        QVERIFY(r && r->replicationDelayMs);
        // Paris (48.85, 2.35) – Dublin (eu-west-1, 53.35, −6.26): 781.262 km by haversine.
        const double paris = rtt2(781.262);
        QVERIFY2(*r->replicationDelayMs > paris + 1 &&
                     *r->replicationDelayMs < paris + rtt2(kUsEast1ToEuWest1Km) / 2,
                 qPrintable(QString::number(*r->replicationDelayMs)));
        QVERIFY(!lagged(d));
        // The EU app idle (wired, nothing sent to it): only the US app's 123.7 ms.
        d.connections.erase(d.connections.begin() + 2);
        QVERIFY(
            sctest::resultOf(Model(d, Catalog::builtin()).evaluate(1000), "euApp")->arrivalRps ==
            0);
        QVERIFY(!lagged(d));
        // The users beside the EU app and the EU app in use again, the primary beside them too:
        // nothing comes back from afar and 15.6 ms < the delay: flagged.
        d.connections.insert(d.connections.begin() + 2, wire("dns", "euApp"));
        d.groups = {region("east", "us-east-1", {"app"}),
                    region("west", "eu-west-1", {"euApp", "db", "replica"})};
        QVERIFY(lagged(d));
    }

    // A replica a region away from its primary receives the primary's log across the ocean
    // (aws-prices.md: "to another region $0.02/GB"); within a region RDS replicates free. Each
    // write the primary commits moves traffic.kbPerRequest to each replica instance: 1,000 users
    // × 0.005 writes/s (half of the 0.01 dynamic req/s, flat day) × 20 KB × a month's seconds,
    // on the replica's bill. (QA: stage 5's EU replicas' replication was not billed.)
    void replicationAcrossRegionsIsBilled()
    {
        Design d = chain();
        d.components.push_back(make("replica", Kind::ReadReplica));
        d.connections.push_back(wire("app", "replica"));
        d.groups = {region("east", "us-east-1", {"app", "db"}),
                    region("west", "eu-west-1", {"replica"})};
        const double gb = 1000 * 0.005 * 20 * kMonthSeconds / 1e6; // 262.8 GB
        QVERIFY(std::fabs(gb - 262.8) < 1e-9);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        QVERIFY2(std::fabs(costOf(ev, "replica", "Cross-region replication") - gb * 0.02) < 1e-9,
                 qPrintable(QString::number(costOf(ev, "replica", "Cross-region replication"))));
        bool labelled = false;
        for (const CostItem &c : ev.costItems)
            labelled = labelled || c.item == "Cross-region replication 262.8 GB";
        QVERIFY(labelled);
        // Two instances: two streams.
        Design two = d;
        two.components.back().params["instances"] = num(2);
        const Evaluation ev2 = Model(two, Catalog::builtin()).evaluate(1000);
        QVERIFY(std::fabs(costOf(ev2, "replica", "Cross-region replication") - 2 * gb * 0.02) <
                1e-9);
        // The replica beside its primary, or in another zone of its region: nothing billed.
        Design beside = d;
        beside.groups = {region("east", "us-east-1", {"app", "db", "replica"})};
        const Evaluation same = Model(beside, Catalog::builtin()).evaluate(1000);
        QCOMPARE(costOf(same, "replica", "Cross-region replication"), 0.0);
        // The bill: the replication and the app's reads crossing to the replica, nothing else.
        QVERIFY(std::fabs(ev.monthlyCostUsd - same.monthlyCostUsd - gb * 0.02 -
                          costOf(ev, "app", "Cross-region transfer")) < 1e-6);
        Design zones = d;
        zones.groups = {region("east", "us-east-1", {"app"}), group("a", "zone", {"db"}),
                        group("b", "zone", {"replica"})};
        zones.groups[1].region = zones.groups[2].region = "east";
        const Evaluation z = Model(zones, Catalog::builtin()).evaluate(1000);
        QCOMPARE(costOf(z, "replica", "Cross-region replication"), 0.0);
        QCOMPARE(costOf(z, "replica", "Cross-zone"), 0.0);
    }

    // A thread waits for its call's answer to cross back (docs/model.md "Pools are limits"):
    // with the database a region away, each of the app's requests holds its thread the round
    // trip longer. Little's law: 1,000 users × 0.01 req/s = 10 req/s over 4 instances, each
    // holding 109.23 ms more: 10 × 0.10923 / 4 = 0.2731 threads more per instance.
    void crossRegionHopHoldsTheThreads()
    {
        Design d = chain();
        d.groups = {region("east", "us-east-1", {"app"}), region("west", "eu-west-1", {"db"})};
        const Evaluation base = Model(chain(), Catalog::builtin()).evaluate(1000);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        const ComponentResult &before = *sctest::resultOf(base, "app");
        const ComponentResult &after = *sctest::resultOf(ev, "app");
        QVERIFY(std::fabs(after.arrivalRps - 10) < 1e-9);
        QCOMPARE(after.instances, 4.0);
        const double more = 10 * rtt2(kUsEast1ToEuWest1Km) / 1000 / 4;
        QVERIFY2(std::fabs(after.threadsBusyPerInstance - before.threadsBusyPerInstance - more) <
                     1e-6,
                 qPrintable(QString("%1 → %2, expected %3 more")
                                .arg(before.threadsBusyPerInstance)
                                .arg(after.threadsBusyPerInstance)
                                .arg(more)));
    }

    // Two zones of one region: 1 ms a call (the stated default) and $0.01/GB each way.
    void crossZoneHopAndTransfer()
    {
        Design d = chain();
        d.groups = {region("east", "us-east-1", {}), group("a", "zone", {"app"}),
                    group("b", "zone", {"db"})};
        d.groups[1].region = d.groups[2].region = "east";
        const Evaluation base = Model(chain(), Catalog::builtin()).evaluate(1000);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        QVERIFY(std::fabs(ev.latency.mean - base.latency.mean - 1.0) < 1e-9);
        const double gb = 1000 * 0.01 * 20 * kMonthSeconds / 1e6;
        QVERIFY(std::fabs(costOf(ev, "app", "Cross-zone transfer") - gb * 2 * 0.01) < 1e-6);
        // One zone: 0.1 ms, nothing billed.
        d.groups[2].members = {};
        d.groups[1].members = {"app", "db"};
        const Evaluation same = Model(d, Catalog::builtin()).evaluate(1000);
        QVERIFY(std::fabs(same.latency.mean - base.latency.mean - 0.1) < 1e-9);
        QCOMPARE(costOf(same, "app", "Cross-zone transfer"), 0.0);
    }

    // A managed service spans its region's zones (docs/model.md "Transfer across zones and
    // regions"): a managed balancer in zone a before the app in zone b bills no transfer, the
    // app's calls to the database in zone a still do: 0.01 req/s a user × 20 KB × the month,
    // $0.02/GB, as crossZoneHopAndTransfer's. A self-hosted balancer is billed its crossing.
    void managedServicesCrossNoZone()
    {
        Design d = chain();
        d.components.insert(d.components.begin() + 1,
                            make("lb", Kind::LoadBalancer, {{"managed", num(1)}}));
        d.connections = {wire("users", "lb"), wire("lb", "app"), wire("app", "db")};
        d.groups = {region("east", "us-east-1", {}), group("a", "zone", {"lb", "db"}),
                    group("b", "zone", {"app"})};
        d.groups[1].region = d.groups[2].region = "east";
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        const double gb = 1000 * 0.01 * 20 * kMonthSeconds / 1e6;
        QCOMPARE(costOf(ev, "lb", "Cross-zone transfer"), 0.0);
        QVERIFY(std::fabs(costOf(ev, "app", "Cross-zone transfer") - gb * 2 * 0.01) < 1e-6);
        d.components[1].params["managed"] = num(0);
        d.components[1].params["instanceType"] = text("c5.large");
        const Evaluation selfHosted = Model(d, Catalog::builtin()).evaluate(1000);
        QVERIFY(std::fabs(costOf(selfHosted, "lb", "Cross-zone transfer") - gb * 2 * 0.01) < 1e-6);
    }

    // A look-aside cache's misses are the app's own reads of the database (docs/model.md
    // "Geography": the component that makes the call pays the hop and the transfer): 0.005
    // reads/s per user, 80% hits, 0.005 writes/s. Beside the same design in one zone (0.1 ms a
    // hop), a cache in zone b adds (1.0 − 0.1) ms to the half of the requests that read and the
    // app (zone a) is billed their transfer; a database in zone b too adds the misses' and the
    // writes' crossings, also the app's. The cache bills none (QA: it paid for the misses, and
    // its zone decided their round trip). With the cache away, each miss's fill (the app sets
    // the value it read, 0.005 × 0.2 a user) crosses to it too (docs/model.md "Transfer across
    // zones and regions"; before 2026-12-07 the fills moved free).
    void lookAsideMissesAreTheAppsCalls()
    {
        Design d = chain();
        d.components.push_back(make("cache", Kind::Cache, {{"hitRatio", num(0.8)}}));
        d.connections.push_back(wire("app", "cache"));
        d.groups = {region("east", "us-east-1", {}), group("a", "zone", {"app", "db", "cache"}),
                    group("b", "zone", {})};
        d.groups[1].region = d.groups[2].region = "east";
        const Evaluation one = Model(d, Catalog::builtin()).evaluate(1000);
        const double gbPerRate = 1000 * 20 * kMonthSeconds / 1e6; // GB a month per req/s/user
        const double hop = 1.0 - 0.1;
        d.groups[1].members = {"app", "db"};
        d.groups[2].members = {"cache"};
        const Evaluation cacheAway = Model(d, Catalog::builtin()).evaluate(1000);
        QVERIFY(std::fabs(cacheAway.latency.mean - one.latency.mean - 0.5 * hop) < 1e-9);
        const double fills = 0.005 * (1 - 0.8);
        QVERIFY(std::fabs(costOf(cacheAway, "app", "Cross-zone transfer") -
                          (0.005 + fills) * gbPerRate * 2 * 0.01) < 1e-6);
        QCOMPARE(costOf(cacheAway, "cache", "Cross-zone transfer"), 0.0);
        d.groups[1].members = {"app"};
        d.groups[2].members = {"cache", "db"};
        const Evaluation dataAway = Model(d, Catalog::builtin()).evaluate(1000);
        QVERIFY(std::fabs(dataAway.latency.mean - one.latency.mean -
                          (0.5 * hop + 0.5 * 0.2 * hop + 0.5 * hop)) < 1e-9);
        QVERIFY(std::fabs(costOf(dataAway, "app", "Cross-zone transfer") -
                          (0.005 + 0.005 * 0.2 + 0.005 + fills) * gbPerRate * 2 * 0.01) < 1e-6);
        QCOMPARE(costOf(dataAway, "cache", "Cross-zone transfer"), 0.0);
    }

    // A read-through cache fills itself from the response it fetched: its miss crosses once
    // (the cache's call to the database, on the cache's bill), and the app pays only its reads of
    // the cache; nothing more for the fill. 0.005 reads/s per user at 80% hits, the cache and
    // the database in zone b, the app in a; the app's writes go straight to the database.
    void readThroughFillsCrossNothingMore()
    {
        Design d = chain();
        d.components.push_back(make("cache", Kind::Cache, {{"hitRatio", num(0.8)}}));
        d.connections = {wire("users", "app"), wire("app", "cache"), wire("cache", "db"),
                         wire("app", "db")};
        d.groups = {region("east", "us-east-1", {}), group("a", "zone", {"app"}),
                    group("b", "zone", {"cache", "db"})};
        d.groups[1].region = d.groups[2].region = "east";
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        const double gbPerRate = 1000 * 20 * kMonthSeconds / 1e6;
        // The app: its reads to the cache and its writes to the database cross; the cache's
        // misses to the database stay in zone b.
        QVERIFY(std::fabs(costOf(ev, "app", "Cross-zone transfer") -
                          (0.005 + 0.005) * gbPerRate * 2 * 0.01) < 1e-6);
        QCOMPARE(costOf(ev, "cache", "Cross-zone transfer"), 0.0);
    }

    // Populations in Paris (20%) and New York (80%) of an app in us-east-1: each pays its own
    // RTT instead of traffic.networkRttMs; the overall mean is the shares' mixture; the bill
    // is split by share.
    void populationsPayTheirRoundTrip()
    {
        Design d = chain();
        d.groups = {region("east", "us-east-1", {"app", "db"})};
        d.populations = {{"US", 0.8, Place{"", 40.71, -74.01}},
                         {"EU", 0.2, Place{"", 48.85, 2.35}}};
        Design one = chain();
        one.groups = d.groups;
        const Evaluation base = Model(one, Catalog::builtin()).evaluate(1000);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        QCOMPARE(ev.populations.size(), size_t(2));
        const double us = rtt2(kNewYorkToUsEast1Km), eu = rtt2(kParisToUsEast1Km);
        const double rtt = one.traffic.networkRttMs;
        const auto near = [](double got, double want) {
            return std::fabs(got - want) < 1e-3; // the distances are to 1 m
        };
        QVERIFY2(near(ev.populations[0].latency.mean, base.latency.mean - rtt + us),
                 qPrintable(QString("%1 vs %2")
                                .arg(ev.populations[0].latency.mean)
                                .arg(base.latency.mean - rtt + us)));
        QVERIFY(near(ev.populations[1].latency.mean, base.latency.mean - rtt + eu));
        QVERIFY(near(ev.latency.mean, base.latency.mean - rtt + 0.8 * us + 0.2 * eu));
        QVERIFY(std::fabs(ev.populations[1].monthlyCostUsd - 0.2 * ev.monthlyCostUsd) < 1e-9);
        QCOMPARE(ev.populations[1].name, std::string("EU"));
    }

    // DNS latency routing: US users (80%) nearest us-east-1, EU users (20%) nearest eu-west-1;
    // the DNS split is 80/20 whatever the instance counts; weighted routing splits by them.
    void dnsLatencyRouting()
    {
        Design d = twoRegionsBehindLatencyDns(make("db", Kind::Database));
        const Model m(d, Catalog::builtin());
        QVERIFY2(m.ok(), m.ok() ? "" : m.errors()[0].message.c_str());
        const Evaluation ev = m.evaluate(1000);
        const double total = 1000 * 0.01;
        QVERIFY(std::fabs(sctest::resultOf(ev, "appUs")->arrivalRps - 0.8 * total) < 1e-9);
        QVERIFY(std::fabs(sctest::resultOf(ev, "appEu")->arrivalRps - 0.2 * total) < 1e-9);
        // Each population's latency follows only its own target: US users never pay the
        // Atlantic (us-east-2 → us-east-1 and on to the database in us-east-1).
        QVERIFY(ev.populations[0].latency.mean < ev.populations[1].latency.mean);
        d.components[1].params.clear(); // weighted: by instance counts, 1 : 3
        const Evaluation w = Model(d, Catalog::builtin()).evaluate(1000);
        QVERIFY(std::fabs(sctest::resultOf(w, "appUs")->arrivalRps - 0.25 * total) < 1e-9);
    }

    // A target in no placed region is never chosen by DNS latency routing (docs/model.md "DNS
    // latency routing"): dnsLatencyRouting's design with a third app in a region without a
    // place splits 80/20 as before, the third takes nothing, and each population's latency is
    // what it is without it (QA: one unplaced target turned the split to weights, a third each,
    // while Tokyo's latency went half to the chosen target and half to the unplaced one). The
    // database takes every connection the three apps open (an app's pool opens them whether or
    // not it sends anything: with the default 100, appX's would be refused a share).
    void latencyRoutingNeverChoosesAnUnplacedTarget()
    {
        Design d =
            twoRegionsBehindLatencyDns(make("db", Kind::Database, {{"maxConnections", num(1000)}}));
        Design with = d;
        with.components.push_back(make("appX", Kind::AppServer, {{"instances", num(2)}}));
        with.connections.push_back(wire("dns", "appX"));
        with.connections.push_back(wire("appX", "db"));
        with.groups.push_back(group("nowhere", "region", {"appX"})); // a region with no place
        const Evaluation base = Model(d, Catalog::builtin()).evaluate(1000);
        const Model m(with, Catalog::builtin());
        QVERIFY2(m.ok(), m.ok() ? "" : m.errors()[0].message.c_str());
        const Evaluation ev = m.evaluate(1000);
        splitsAsWithout(ev, base);
        QCOMPARE(sctest::resultOf(ev, "appX")->arrivalRps, 0.0);
    }

    // DNS latency routing chooses class by class among the targets the class goes to (docs/
    // model.md "DNS latency routing"): dnsLatencyRouting's design with a bucket for static files
    // in eu-west-2, where the EU users are, wired first. The EU users' API calls still go to
    // eu-west-1, 80/20 as without it (QA: the bucket, nearest, took the EU users' choice, and
    // their calls all crossed to us-east-1, whatever the order of the connections).
    void latencyRoutingChoosesPerClass()
    {
        const Design d = twoRegionsBehindLatencyDns(make("db", Kind::Database));
        Design with = d;
        with.components.push_back(make("assets", Kind::ObjectStorage));
        Connection toAssets = wire("dns", "assets");
        toAssets.classes = {RequestClass::Static};
        with.connections.insert(with.connections.begin() + 1, toAssets);
        with.groups.push_back(region("london", "eu-west-2", {"assets"}));
        const Evaluation base = Model(d, Catalog::builtin()).evaluate(1000);
        const Model m(with, Catalog::builtin());
        QVERIFY2(m.ok(), m.ok() ? "" : m.errors()[0].message.c_str());
        splitsAsWithout(m.evaluate(1000), base);
    }

    // Stage 5: DNS latency routing sends each population to its region; static fetches go to
    // the CDN beside it (a regression: the population's static requests were dropped at the
    // DNS, leaving a page time of 0).
    void stage5PopulationsHavePages()
    {
        const auto d = sctest::templateDesign("stage5-10m");
        QVERIFY(d);
        const Evaluation ev = Model(*d, Catalog::builtin()).evaluate(1e7);
        QCOMPARE(ev.populations.size(), size_t(2));
        for (const PopulationResult &r : ev.populations)
            QVERIFY2(r.pageMs > r.latency.mean + 5, qPrintable(QString::fromStdString(r.name)));
        // Writes from Europe cross to the primary in us-east-1: the EU app pays a transfer line.
        QVERIFY(costOf(ev, "westPooler", "Cross-region transfer") > 0);
    }

    // time-and-place.md's case: 80% of the users in New York, 20% in Frankfurt; the API, the
    // database and the assets in us-east-1. A page: 3 API calls one after another, then their
    // 3 × 20 = 60 assets over 6 connections = 10 rounds. Without a CDN each round is the round
    // trip to Virginia + S3's 20 ms; with CloudFront (90% hits at 5 ms) it is
    // 5 + 10% × (round trip + 20).
    void europeComplains()
    {
        constexpr double kFrankfurtToUsEast1Km = 6549.246, kNewYorkKm = kNewYorkToUsEast1Km;
        const double eu = rtt2(kFrankfurtToUsEast1Km), us = rtt2(kNewYorkKm); // 131.0, 7.0 ms
        const auto before = sctest::templateDesign("case-europe-before");
        const auto cdn = sctest::templateDesign("case-europe-cdn");
        QVERIFY(before && cdn);
        const Evaluation b = Model(*before, Catalog::builtin()).evaluate(100000);
        const Evaluation c = Model(*cdn, Catalog::builtin()).evaluate(100000);
        QCOMPARE(b.populations.size(), size_t(2));
        const PopulationResult &bUs = b.populations[0], &bEu = b.populations[1];
        const PopulationResult &cUs = c.populations[0], &cEu = c.populations[1];
        const auto near = [](double got, double want) { return std::fabs(got - want) < 1e-3; };
        // The API call: the same stations, each population's own round trip.
        QVERIFY(near(bEu.latency.mean - bUs.latency.mean, eu - us));
        QVERIFY(near(cEu.latency.mean, bEu.latency.mean));
        // The three calls, then the assets: 10 rounds.
        QCOMPARE(before->traffic.callsPerPage, 3.0);
        QCOMPARE(before->traffic.staticPerRequest, 20.0);
        QVERIFY2(near(bEu.pageMs - 3 * bEu.latency.mean, 10 * (eu + 20)),
                 qPrintable(QString::number(bEu.pageMs - 3 * bEu.latency.mean)));
        QVERIFY(near(bUs.pageMs - 3 * bUs.latency.mean, 10 * (us + 20)));
        QVERIFY(near(cEu.pageMs - 3 * cEu.latency.mean, 10 * (5 + 0.1 * (eu + 20))));
        QVERIFY(near(cUs.pageMs - 3 * cUs.latency.mean, 10 * (5 + 0.1 * (us + 20))));
        // The article's figures within 15%: EU pages ~1.8 s before and ≈ 800 ms with the CDN,
        // US pages ~400 ms; after the CDN the API calls are most of the EU's page.
        const auto within15 = [](double got, double want) {
            return std::fabs(got / want - 1) <= 0.15;
        };
        QVERIFY2(within15(bEu.pageMs, 1800), qPrintable(QString::number(bEu.pageMs)));
        QVERIFY2(within15(cEu.pageMs, 800), qPrintable(QString::number(cEu.pageMs)));
        QVERIFY2(within15(bUs.pageMs, 400), qPrintable(QString::number(bUs.pageMs)));
        QVERIFY(3 * cEu.latency.mean > 0.5 * cEu.pageMs);
        QVERIFY(near(bEu.monthlyCostUsd, 0.2 * b.monthlyCostUsd));
        QCOMPARE(cEu.fetchesFailing, 0.0);

        // The CDN with no origin: its 10% of misses go nowhere. A page of the fetches that
        // arrive (the edge's 5 ms each) read faster than the working CDN's (QA); none now, and
        // the share failing, 1 − the hit ratio.
        Design broken = *cdn;
        std::erase_if(broken.connections,
                      [](const Connection &e) { return e.from == "cdn" && e.to == "files"; });
        QCOMPARE(broken.connections.size(), cdn->connections.size() - 1);
        const Evaluation d = Model(broken, Catalog::builtin()).evaluate(100000);
        QCOMPARE(d.populations.size(), size_t(2));
        for (const PopulationResult &pop : d.populations) {
            QVERIFY2(near(pop.fetchesFailing, 1 - 0.9),
                     qPrintable(QString::number(pop.fetchesFailing)));
            QCOMPARE(pop.pageMs, 0.0);
            QVERIFY(pop.latency.valid); // the API calls still arrive
        }
    }
};

QTEST_GUILESS_MAIN(TestGeography)
#include "tst_geography.moc"
