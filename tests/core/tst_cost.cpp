// Cost: the monthly bill by line. Every expected figure is the catalog price (or a case's own
// price) times a quantity worked out here: hours × 730, GB from the traffic, requests per
// month at the average rate (docs/model.md, "Cost").
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>

using namespace sc;

namespace {

using sctest::flat;
using sctest::hourly;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

constexpr double kHours = 730; // a month (the catalog's hoursPerMonth)
constexpr double kMonthSeconds = 730 * 3600.0;

} // namespace

class TestCost : public QObject
{
    Q_OBJECT

private slots:
    // Case 5: 20 × t3.large vs one c5.24xlarge. Costs: hourly × 730 from the catalog; the
    // article quotes $1,220 and $2,940.
    void horizontalVsVerticalBill()
    {
        const auto h = sctest::templateDesign("case-horizontal");
        const auto v = sctest::templateDesign("case-vertical");
        QVERIFY(h && v);
        Model mh(*h, Catalog::builtin()), mv(*v, Catalog::builtin());
        const double users = 0.5e6;
        const Evaluation eh = mh.evaluate(users), evv = mv.evaluate(users);
        const ComponentResult *appH = sctest::resultOf(eh, "app");
        const ComponentResult *appV = sctest::resultOf(evv, "app");
        QVERIFY(appH && appV);
        const double costH = 20 * hourly("t3.large") * 730, costV = hourly("c5.24xlarge") * 730;
        QCOMPARE_LT(std::fabs(appH->monthlyCostUsd - costH), 1e-6);
        QCOMPARE_LT(std::fabs(appV->monthlyCostUsd - costV), 1e-6);
        QVERIFY(std::fabs(costH - 1220) / 1220 < 0.02);
        QVERIFY(std::fabs(costV - 2940) / 2940 < 0.02);
        QVERIFY(std::fabs(costV / costH - 2.4) < 0.1);
    }

    // Case 10: 10 TB on $0.10 SSD → $1,000; 2 TB hot $0.08 + 3 TB warm $0.0125 + 5 TB cold $0.004
    // → $217.50. The case's prices go in through a catalog of our own.
    void tieredStorage()
    {
        Catalog c = Catalog::builtin();
        c.services["s3"]["standardGbMonthUsd"] = 0.08;
        c.services["s3"]["iaGbMonthUsd"] = 0.0125;
        c.services["s3"]["glacierGbMonthUsd"] = 0.004;
        Design d;
        d.traffic = flat(1, 0);
        d.components = {make("u", Kind::Clients), make("s3", Kind::ObjectStorage,
                                                       {{"storageGB", num(10000)},
                                                        {"warmFraction", num(0.3)},
                                                        {"coldFraction", num(0.5)}})};
        d.connections = {wire("u", "s3")};
        Model m(d, c);
        QVERIFY(m.ok());
        Evaluation ev = m.evaluate(1);
        const ComponentResult *s3 = sctest::resultOf(ev, "s3");
        QVERIFY(s3);
        QCOMPARE_LT(std::fabs(s3->monthlyCostUsd - (2000 * 0.08 + 3000 * 0.0125 + 5000 * 0.004)),
                    1e-9);
        QCOMPARE_LT(std::fabs(s3->monthlyCostUsd - 217.50), 1e-9);
        c.services["s3"]["standardGbMonthUsd"] = 0.10;
        d.components[1].params.erase("warmFraction");
        d.components[1].params.erase("coldFraction");
        Model all(d, c);
        ev = all.evaluate(1);
        s3 = sctest::resultOf(ev, "s3");
        QVERIFY(s3);
        QCOMPARE_LT(std::fabs(s3->monthlyCostUsd - 1000), 1e-9);
    }

    // Case 11: 1M page views a month × 2 MB = 2 TB → ~$170 at $0.085/GB, less the account's
    // free 1 TB (1,024 GB) a month: (2,000 − 1,024) × $0.085 = $82.96.
    void cdnBill()
    {
        Design d;
        const double seconds = 730 * 3600.0;
        d.traffic = flat(1, 1e6 / seconds * 86400); // one user making 1M views a month
        d.traffic.staticPerRequest = 1;
        d.traffic.kbPerStatic = 2000; // 2 MB in decimal units, as AWS bills
        d.components = {make("u", Kind::Clients), make("cdn", Kind::Cdn, {{"hitRatio", num(1)}}),
                        make("s3", Kind::ObjectStorage), make("app", Kind::AppServer)};
        d.connections = {wire("u", "cdn"), wire("cdn", "s3"), wire("u", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(1);
        double egress = -1;
        for (const CostItem &item : ev.costItems)
            if (item.componentId == "cdn" && item.item.rfind("Egress", 0) == 0)
                egress = item.monthlyUsd;
        QCOMPARE_LT(std::fabs(egress - (2000 - 1024) * 0.085), 1e-6);
        QCOMPARE(std::round(egress + 1024 * 0.085), 170.0);
    }

    // Case 14: reserved pricing applies the catalog's factor to the same 8 m5.xlarge.
    void rightSizingReserved()
    {
        Design d;
        d.traffic = flat(800 * 86400.0, 1);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                       {{"instances", num(8)},
                                                        {"instanceType", text("m5.xlarge")},
                                                        {"serviceTimeMs", num(10)},
                                                        {"pricing", text("reserved")}})};
        d.connections = {wire("u", "app")};
        Model r(d, Catalog::builtin());
        double reserved = 0;
        for (const CostItem &item : r.evaluate(d.traffic.users).costItems)
            if (item.item.find("m5.xlarge") != std::string::npos)
                reserved += item.monthlyUsd;
        QCOMPARE_LT(std::fabs(reserved - 8 * hourly("m5.xlarge") * 730 *
                                             Catalog::builtin().pricingFactor("reserved")),
                    1e-6);
    }

    // An auto-scaled tier at reserved pricing reserves its minimum, paid around the clock, and
    // runs what it adds above it on demand (case 14: "reserved pricing for the always-on
    // baseline"; QA: the reserved factor on the whole time-weighted count billed less than any
    // purchase could). N the time-weighted count the on-demand bill of the same tier shows:
    // reserved = 2 × h × 730 × 0.6 + (N − 2) × h × 730.
    void autoScaledReservesItsMinimum()
    {
        Design d;
        d.traffic = flat(800 * 86400.0, 1);
        d.traffic.peakToAverage = 3; // a day profile: the count moves over the day
        Component app = make("app", Kind::AppServer,
                             {{"instanceType", text("c5.large")}, {"serviceTimeMs", num(10)}});
        app.autoscale = Autoscale{2, 40, 0.5, 300, 120};
        d.components = {make("u", Kind::Clients), app};
        d.connections = {wire("u", "app")};
        const auto linesOf = [](const Design &design) {
            std::map<std::string, double> lines;
            for (const CostItem &item :
                 Model(design, Catalog::builtin()).evaluate(design.traffic.users).costItems)
                if (item.item.find("c5.large") != std::string::npos)
                    lines[item.item] += item.monthlyUsd;
            return lines;
        };
        const double month = hourly("c5.large") * kHours;
        const auto onDemand = linesOf(d);
        QCOMPARE(onDemand.size(), size_t(1));
        const double n = onDemand.begin()->second / month;
        QVERIFY2(n > 3, qPrintable(QString::number(n))); // above the floor most of the day
        d.components[1].params["pricing"] = text("reserved");
        const auto reserved = linesOf(d);
        QCOMPARE(reserved.size(), size_t(2));
        const double factor = Catalog::builtin().pricingFactor("reserved");
        QVERIFY(std::fabs(reserved.at("2 × c5.large (reserved)") - 2 * month * factor) < 1e-9);
        double above = -1;
        for (const auto &[item, usd] : reserved)
            if (item.find("(on demand above the reserved 2)") != std::string::npos)
                above = usd;
        QVERIFY(std::fabs(above - (n - 2) * month) < 1e-6);
        // A live failure leaves the tier fewer instances, and its minimum with them, but the
        // reservation is the design's: still 2 × c5.large reserved (review: it fell to 1).
        Failures failures;
        failures.events.push_back({0, ScenarioEvent::Action::Fail, "app", 39, {}});
        std::map<std::string, double> failed;
        for (const CostItem &item :
             Model(d, Catalog::builtin(), failures).evaluate(d.traffic.users).costItems)
            if (item.item.find("c5.large") != std::string::npos)
                failed[item.item] += item.monthlyUsd;
        QVERIFY2(failed.count("2 × c5.large (reserved)"), failed.begin()->first.c_str());
        QVERIFY(std::fabs(failed.at("2 × c5.large (reserved)") - 2 * month * factor) < 1e-9);
        // So at another user count with a derived cache of a TTL (the model rebuilt there;
        // review: the rebuild dropped the failures' reservation).
        Design cached = d;
        cached.components.push_back(
            make("cache", Kind::Cache, {{"hitRatioFrom", text("derived")}, {"ttlS", num(300)}}));
        cached.connections.push_back(wire("app", "cache"));
        std::map<std::string, double> elsewhere;
        for (const CostItem &item :
             Model(cached, Catalog::builtin(), failures).evaluate(d.traffic.users / 2).costItems)
            if (item.item.find("c5.large") != std::string::npos)
                elsewhere[item.item] += item.monthlyUsd;
        QVERIFY2(elsewhere.count("2 × c5.large (reserved)"), elsewhere.begin()->first.c_str());
        // The sweep's total is the evaluation's.
        const Model m(d, Catalog::builtin());
        const double users = d.traffic.users;
        const Sweep s = m.sweep(users, users, 1);
        QVERIFY(std::fabs(s.points.at(0).monthlyCostUsd - m.evaluate(users).monthlyCostUsd) <
                1e-9 * s.points.at(0).monthlyCostUsd);
    }

    // Case 15: 1M users, unoptimized ~$15,000/month vs optimized ~$4,500 for the same load.
    void twoBills()
    {
        const auto u = sctest::templateDesign("case-1m-unoptimized");
        const auto o = sctest::templateDesign("case-1m-optimized");
        QVERIFY(u && o);
        QCOMPARE(u->traffic, o->traffic);
        Model mu(*u, Catalog::builtin()), mo(*o, Catalog::builtin());
        const Evaluation eu = mu.evaluate(1e6), eo = mo.evaluate(1e6);
        QVERIFY(std::fabs(eu.monthlyCostUsd - 15000) / 15000 < 0.10);
        QVERIFY(std::fabs(eo.monthlyCostUsd - 4500) / 4500 < 0.20);
        QVERIFY(eo.monthlyCostUsd < eu.monthlyCostUsd / 2.5);
        // Both carry the load.
        for (const ComponentResult &r : eu.components)
            QVERIFY2(!r.overloaded, r.id.c_str());
        for (const ComponentResult &r : eo.components)
            QVERIFY2(!r.overloaded, r.id.c_str());
    }

    // Four Multi-AZ shards of db.m5.large are billed: 4 × 2 × hourly × 730, and 4 × 100 GB of
    // storage at the catalog's RDS GB-month price, twice: the primary's and the standby's copy.
    void shardedBill()
    {
        Design d;
        d.traffic = flat(400 * 86400.0, 1, 1.0);
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer, {{"instances", num(4)}}),
                        make("db", Kind::Database,
                             {{"shards", num(4)}, {"shardSkew", num(1.5)}, {"multiAz", num(1)}})};
        d.connections = {wire("u", "app"), wire("app", "db")};
        Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(d.traffic.users);
        double instancesUsd = 0;
        for (const CostItem &item : ev.costItems)
            if (item.componentId == "db" && item.item.find("db.m5.large") != std::string::npos)
                instancesUsd += item.monthlyUsd;
        QCOMPARE_LT(std::fabs(instancesUsd - 4 * 2 * hourly("db.m5.large") * 730), 1e-6);
        SC_COMPARE_REL(sctest::costLine(ev, "db", "Storage"), 4 * 100 * 0.115 * 2, 1e-12);
    }

    // A cost line's quantity reads as people write it: 12,345 GB of storage (was "1.234e+04
    // GB"), "× 2" for the Multi-AZ copy, whole with separators from a thousand on ("9,877 GB";
    // "2000 GB" stood beside "200,000 GB"; QA), so 9,999.7 GB is "10,000 GB" (was "1e+04 GB"),
    // and four figures below a thousand.
    void quantitiesWithoutExponents()
    {
        Design d;
        d.traffic = flat(1000, 1);
        d.components = {
            make("u", Kind::Clients),
            make("app", Kind::AppServer),
            make("db", Kind::Database, {{"storageGB", num(12345)}, {"multiAz", num(1)}}),
            make("small", Kind::Database, {{"storageGB", num(9876.7)}}),
            make("edge", Kind::Database, {{"storageGB", num(9999.7)}}),
            make("tiny", Kind::Database, {{"storageGB", num(20.25)}})};
        d.connections = {wire("u", "app"), wire("app", "db"), wire("app", "small"),
                         wire("app", "edge"), wire("app", "tiny")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        std::map<std::string, std::string> storage;
        for (const CostItem &item : ev.costItems)
            if (item.item.rfind("Storage", 0) == 0)
                storage[item.componentId] = item.item;
        QCOMPARE(QString::fromStdString(storage["db"]),
                 QStringLiteral("Storage 12,345 GB × 2 (Multi-AZ)"));
        QCOMPARE(QString::fromStdString(storage["small"]), QStringLiteral("Storage 9,877 GB"));
        QCOMPARE(QString::fromStdString(storage["edge"]), QStringLiteral("Storage 10,000 GB"));
        QCOMPARE(QString::fromStdString(storage["tiny"]), QStringLiteral("Storage 20.25 GB"));
    }

    // Each read replica instance holds a copy of its primary's data, one shard's of a sharded
    // primary, so it is billed at least the primary's storageGB at RDS's $0.115 per GB-month
    // (docs/model.md "Read replica storage"); its own storageGB where that is more, and where
    // it has no primary (nothing reads through it to a database).
    void replicaStorageIsAtLeastItsPrimarys()
    {
        Design d;
        d.traffic = flat(1000, 86400 * 0.01, 0.5); // the readers write: each replica has a primary
        d.components = {
            make("u", Kind::Clients),
            make("app1", Kind::AppServer),
            make("shop", Kind::Database, {{"storageGB", num(500)}}),
            make("copies", Kind::ReadReplica, {{"instances", num(2)}}), // default 100 GB
            make("app2", Kind::AppServer),
            make("orders", Kind::Database, {{"storageGB", num(500)}}),
            make("roomy", Kind::ReadReplica, {{"storageGB", num(800)}}),
            make("app3", Kind::AppServer),
            make("big", Kind::Database, {{"storageGB", num(300)}, {"shards", num(4)}}),
            make("shard", Kind::ReadReplica),
            make("alone", Kind::ReadReplica)};
        for (const char *app : {"app1", "app2", "app3"})
            d.connections.push_back(wire("u", app));
        const char *const pairs[][3] = {
            {"app1", "shop", "copies"}, {"app2", "orders", "roomy"}, {"app3", "big", "shard"}};
        for (const auto &[app, primary, replica] : pairs) {
            d.connections.push_back(wire(app, primary));
            d.connections.push_back(wire(app, replica));
        }
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        std::map<std::string, std::pair<std::string, double>> storage;
        for (const CostItem &item : ev.costItems)
            if (item.item.rfind("Storage", 0) == 0)
                storage[item.componentId] = {item.item, item.monthlyUsd};
        const auto check = [&storage](const char *id, const char *label, double gb) {
            QCOMPARE(QString::fromStdString(storage[id].first), QString::fromUtf8(label));
            QCOMPARE_LT(std::fabs(storage[id].second - gb * 0.115), 1e-9);
        };
        check("copies", "Storage 1,000 GB (2 × its primary's 500 GB)", 2 * 500); // was 2 × 100
        check("roomy", "Storage 800 GB", 800);                                   // its own: more
        check("shard", "Storage 300 GB (its primary's)", 300); // one shard, not 4 × 300
        check("alone", "Storage 100 GB", 100);                 // no primary: its own
        check("big", "Storage 1,200 GB", 4 * 300);
    }

    // A replica whose readers write to two primaries alike copies the first in the design's
    // order, whichever connection was drawn first (QA: the two orders billed 2 × 900 GB and
    // 2 × 300 GB for one design); readers in a traffic without writes copy the database they
    // are wired to write to (QA: writeFraction 0 left the replica a copy of nothing, billed its
    // own 100 GB and told to wire the writes it had wired).
    void replicaPrimaryIsTheSameWhateverTheOrder()
    {
        Design d;
        d.traffic = flat(1000, 86400 * 0.01, 0.5);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer),
                        make("rep", Kind::ReadReplica, {{"instances", num(2)}}),
                        make("small", Kind::Database, {{"storageGB", num(300)}}),
                        make("big", Kind::Database, {{"storageGB", num(900)}})};
        const auto storageOf = [](const Design &design) {
            for (const CostItem &item :
                 Model(design, Catalog::builtin()).evaluate(design.traffic.users).costItems)
                if (item.componentId == "rep" && item.item.rfind("Storage", 0) == 0)
                    return item.monthlyUsd;
            return -1.0;
        };
        d.connections = {wire("u", "app"), wire("app", "rep"), wire("app", "small"),
                         wire("app", "big")};
        QCOMPARE_LT(std::fabs(storageOf(d) - 2 * 300 * 0.115), 1e-9); // "small" comes first
        d.connections = {wire("u", "app"), wire("app", "rep"), wire("app", "big"),
                         wire("app", "small")};
        QCOMPARE_LT(std::fabs(storageOf(d) - 2 * 300 * 0.115), 1e-9);
        // No writes at all: the database the readers are wired to.
        d.traffic = flat(1000, 86400 * 0.01, 0);
        d.components.pop_back();
        d.components[3].params["storageGB"] = num(500);
        d.connections = {wire("u", "app"), wire("app", "rep"), wire("app", "small")};
        QCOMPARE_LT(std::fabs(storageOf(d) - 2 * 500 * 0.115), 1e-9);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        QVERIFY(!sctest::hasWarning(ev, "REPLICA_NO_PRIMARY", "rep"));
        // Not wired to any database: a copy of nothing, its own storage.
        d.connections = {wire("u", "app"), wire("app", "rep")};
        QCOMPARE_LT(std::fabs(storageOf(d) - 2 * 100 * 0.115), 1e-9);
    }

    // The pricing models scale the same instances by the catalog's factors (on-demand 1,
    // reserved 0.6, spot 0.3); each instance line says which and what on-demand would cost.
    void pricingModels_data()
    {
        QTest::addColumn<QString>("pricing");
        QTest::addColumn<double>("factor");
        QTest::addColumn<QString>("shown"); // in the line, as people write it (not the key)
        QTest::newRow("onDemand") << "onDemand" << 1.0 << "3 × c5.xlarge (on-demand)";
        QTest::newRow("reserved") << "reserved" << 0.6 << "3 × c5.xlarge (reserved)";
        QTest::newRow("spot") << "spot" << 0.3 << "3 × c5.xlarge (spot)";
    }

    void pricingModels()
    {
        QFETCH(QString, pricing);
        QFETCH(double, factor);
        QFETCH(QString, shown);
        Design d;
        d.traffic = flat(100 * 86400.0, 1);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                       {{"instances", num(3)},
                                                        {"instanceType", text("c5.xlarge")},
                                                        {"pricing", text(qPrintable(pricing))}})};
        d.connections = {wire("u", "app")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        const CostItem *line = nullptr;
        for (const CostItem &item : ev.costItems)
            if (item.componentId == "app" && item.category == CostCategory::Compute)
                line = &item;
        QVERIFY(line);
        const double onDemand = 3 * 0.17 * kHours; // c5.xlarge $0.17/h (aws-prices.md, K)
        SC_COMPARE_REL(line->monthlyUsd, onDemand * factor, 1e-12);
        SC_COMPARE_REL(line->onDemandUsd, onDemand, 1e-12);
        QCOMPARE(QString::fromStdString(line->pricing), pricing);
        QCOMPARE(QString::fromStdString(line->item), shown);
    }

    // RDS and ElastiCache sell no spot capacity (aws-prices.md: their prices are on-demand and
    // reserved): a database, replica or cache "on spot" is refused with its path, where it was
    // billed at 30% of its price (QA); a worker on spot loads.
    void noSpotForManagedData()
    {
        for (const char *kind : {"database", "readReplica", "cache", "worker"}) {
            const std::string json =
                std::string("{\"format\": \"scalecanvas\", \"formatVersion\": 2, \"design\": "
                            "{\"name\": \"x\", \"components\": [{\"id\": \"d\", \"kind\": \"") +
                kind + "\", \"params\": {\"pricing\": \"spot\"}}], \"connections\": []}}";
            const sc::LoadResult r = sc::loadDesign(json);
            const bool worker = std::string(kind) == "worker";
            QVERIFY2(r.design.has_value() == worker, kind);
            if (worker)
                continue;
            QVERIFY(!r.errors.empty());
            QCOMPARE(r.errors.front().path, std::string("design.components[0].params.pricing"));
            QVERIFY2(r.errors.front().message.find("onDemand|reserved") != std::string::npos,
                     r.errors.front().message.c_str());
        }
    }

    // ALB: $0.0225 an hour + LCU-hours at $0.008, LCU = max(1, average req/s ÷ 1,000, GB an
    // hour). Average 2,000 req/s of 0.1 KB: 2 LCU by requests, 0.72 GB/h by bytes → 2 LCU.
    // At 10 users the minimum of one LCU ($5.84 a month, Infracost's figure) applies.
    void albHoursAndLcu()
    {
        Design d;
        d.traffic = flat(1e6, 172.8); // 1e6 × 172.8 / 86,400 = 2,000 req/s on average
        d.traffic.peakToAverage = 2;  // 4,000 at the peak; the bill follows the average
        d.traffic.kbPerRequest = 0.1;
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                        make("app", Kind::AppServer,
                             {{"instances", num(4)},
                              {"instanceType", text("c5.xlarge")},
                              {"serviceTimeMs", num(1)}})};
        d.connections = {wire("u", "lb"), wire("lb", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        Evaluation ev = m.evaluate(1e6);
        SC_COMPARE_REL(ev.demand.averageRps, 2000.0, 1e-12);
        SC_COMPARE_REL(sctest::costLine(ev, "lb", "ALB hours"), 0.0225 * kHours, 1e-12);
        SC_COMPARE_REL(sctest::costLine(ev, "lb", "2 LCU"), 2 * 0.008 * kHours, 1e-12);
        // Data transfer out: the ALB answers the users; 2,000 req/s × 0.1 KB over the month, the
        // first 100 GB free, the rest in the first tier.
        const double gb = 2000 * 0.1 * kMonthSeconds / 1e6; // 525.6 GB
        SC_COMPARE_REL(sctest::costLine(ev, "lb", "Data transfer out"), (gb - 100) * 0.09, 1e-12);
        ev = m.evaluate(10);
        SC_COMPARE_REL(sctest::costLine(ev, "lb", "1 LCU"), 5.84, 1e-12);
    }

    // The ALB processes every response it carries: static ones at kbPerStatic, dynamic ones at
    // kbPerRequest, as the data-transfer line counts them. 1,000 dynamic req/s of 1 KB and
    // 1,000 static of 100 KB, flat: (1,000 + 100,000) KB/s × 3,600 ÷ 10⁶ = 363.6 GB an hour
    // → 363.6 LCU, well above the 2 LCU of the request rate.
    void albLcuCountsStaticBytes()
    {
        Design d;
        d.traffic = flat(1e6, 86.4); // 1,000 dynamic req/s
        d.traffic.staticPerRequest = 1;
        d.traffic.kbPerRequest = 1;
        d.traffic.kbPerStatic = 100;
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer),
                        make("app", Kind::AppServer,
                             {{"instances", num(4)},
                              {"instanceType", text("c5.xlarge")},
                              {"serviceTimeMs", num(1)}})};
        d.connections = {wire("u", "lb"), wire("lb", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(1e6);
        const double gbPerHour = (1000 * 1 + 1000 * 100) * 3600 / 1e6;
        // 265,428 GB a month through the tiers: 10 TB at $0.09, 40 TB at $0.085, 100 TB at
        // $0.07, the rest at $0.05; the free 100 GB are the month's first (at $0.09).
        const double out = 10240 * 0.09 + 40960 * 0.085 + 102400 * 0.07 +
                           (gbPerHour * kHours - 153600) * 0.05 - 100 * 0.09;
        SC_COMPARE_REL(sctest::costLine(ev, "lb", "Data transfer out"), out, 1e-12);
        // The bytes dimension counts each response at its size: 1,000 KB/s of dynamic and
        // 100,000 KB/s of static responses, 363.6 LCU (static ones at kbPerRequest, as the model
        // had it, would be 7.2).
        SC_COMPARE_REL(sctest::costLine(ev, "lb", "LCU"), gbPerHour * 0.008 * kHours, 1e-12);
    }

    // SQS bills send, receive and delete (3 requests a job) at $0.40 a million after the free
    // million a month; Route 53 a
    // hosted zone ($0.50) and 0.05 queries a request at $0.40 a million ($0.60 with latency
    // routing).
    void queueAndDnsRequests()
    {
        Design d;
        d.traffic = flat(1e6, 86.4, 0.5); // 1,000 req/s, 500 writes/s
        d.traffic.asyncPerWrite = 2;      // 1,000 jobs/s
        d.components = {make("u", Kind::Clients), make("dns", Kind::Dns),
                        make("app", Kind::AppServer,
                             {{"instances", num(4)}, {"instanceType", text("c5.xlarge")}}),
                        make("queue", Kind::Queue),
                        make("workers", Kind::Worker,
                             {{"instances", num(40)},
                              {"instanceType", text("c5.xlarge")},
                              {"serviceTimeMs", num(50)}})};
        d.connections = {wire("u", "dns"), wire("dns", "app"), wire("app", "queue"),
                         wire("queue", "workers")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(1e6);
        const double jobsPerMonth = 1000 * kMonthSeconds;
        SC_COMPARE_REL(sctest::costLine(ev, "queue", "Requests"),
                       (jobsPerMonth * 3 - 1e6) / 1e6 * 0.40, 1e-12);
        SC_COMPARE_REL(sctest::costLine(ev, "dns", "Hosted zones"), 0.50, 1e-12);
        const double queriesPerMonth = 1000 * kMonthSeconds * 0.05;
        SC_COMPARE_REL(sctest::costLine(ev, "dns", "Queries"), queriesPerMonth / 1e6 * 0.40, 1e-12);
        // Latency-based records: $0.60 a million (aws-prices.md), the same queries.
        d.components[1].params["routing"] = text("latency");
        const Evaluation latency = Model(d, Catalog::builtin()).evaluate(1e6);
        SC_COMPARE_REL(sctest::costLine(latency, "dns", "Latency-based queries"),
                       queriesPerMonth / 1e6 * 0.60, 1e-12);
        QCOMPARE(sctest::costLine(latency, "dns", "Queries"), -1.0); // no standard line
    }

    // Route 53 bills the account's first billion queries a month of each kind at the first
    // price and the rest at half of it (standard $0.40 then $0.20 per million, latency-based
    // $0.60 then $0.30; aws.amazon.com/route53/pricing): two DNS of one kind count one billion
    // between them, each paying its share by volume.
    void dnsQueriesPastTheFirstBillion()
    {
        Design d;
        d.traffic = flat(1e8, 86.4); // 100,000 req/s
        d.components = {make("u", Kind::Clients), make("dnsA", Kind::Dns), make("dnsB", Kind::Dns),
                        make("app", Kind::AppServer, {{"instances", num(4)}})};
        d.connections = {wire("u", "dnsA"), wire("u", "dnsB"), wire("dnsA", "app"),
                         wire("dnsB", "app")};
        const double users = 1e8;
        // Each DNS answers half the requests, one query in twenty (queriesPerRequest 0.05).
        const double each = 50000 * kMonthSeconds * 0.05; // 6.57e9 a month
        const auto tiered = [](double queries, double first, double then) {
            return std::min(queries, 1e9) / 1e6 * first + std::max(0.0, queries - 1e9) / 1e6 * then;
        };
        const Model model(d, Catalog::builtin());
        QVERIFY(model.ok());
        const Evaluation standard = model.evaluate(users);
        const double both = tiered(2 * each, 0.40, 0.20); // $2,828 for 1.314e10 queries
        SC_COMPARE_REL(sctest::costLine(standard, "dnsA", "Queries"), both / 2, 1e-12);
        SC_COMPARE_REL(sctest::costLine(standard, "dnsB", "Queries"), both / 2, 1e-12);
        // One of each kind: each its own first billion.
        d.components[1].params["routing"] = text("latency");
        const Evaluation mixed = Model(d, Catalog::builtin()).evaluate(users);
        SC_COMPARE_REL(sctest::costLine(mixed, "dnsA", "Latency-based queries"),
                       tiered(each, 0.60, 0.30), 1e-12);
        SC_COMPARE_REL(sctest::costLine(mixed, "dnsB", "Queries"), tiered(each, 0.40, 0.20), 1e-12);
        // Below the billion, the first price throughout.
        const Evaluation small = Model(d, Catalog::builtin()).evaluate(1e6);
        SC_COMPARE_REL(sctest::costLine(small, "dnsB", "Queries"), each / 100 / 1e6 * 0.40, 1e-12);
    }

    // The bill adds up: the total is the sum of the lines and of the components, and the cost
    // per user divides it by the users.
    void totalsAddUp()
    {
        const auto d = sctest::templateDesign("stage4-1m");
        QVERIFY(d);
        const Evaluation ev = Model(*d, Catalog::builtin()).evaluate(1e6);
        double lines = 0, components = 0;
        for (const CostItem &item : ev.costItems)
            lines += item.monthlyUsd;
        for (const ComponentResult &r : ev.components)
            components += r.monthlyCostUsd;
        QVERIFY(ev.monthlyCostUsd > 0);
        SC_COMPARE_REL(lines, ev.monthlyCostUsd, 1e-12);
        SC_COMPARE_REL(components, ev.monthlyCostUsd, 1e-12);
        SC_COMPARE_REL(ev.costPerUserUsd, ev.monthlyCostUsd / 1e6, 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestCost)
#include "tst_cost.moc"
