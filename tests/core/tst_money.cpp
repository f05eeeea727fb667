// Money (issue 15): tiered transfer prices, free tiers once per account, burstable credits and
// Multi-AZ storage. Every expected figure is worked out here from the price tables written in
// this file (aws-prices.md, as the catalog must carry them), never read back from the model.
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

constexpr double kHours = 730;
constexpr double kMonthSeconds = 730 * 3600.0;
constexpr double kTb = 1024; // GB: AWS's tiers count 1 TB as 1,024 GB

// CloudFront US/Mexico/Canada (aws.amazon.com/cloudfront/pricing, 2026-11), $ per GB.
constexpr double kCdnNa[] = {0.085, 0.080, 0.060, 0.040, 0.030, 0.025, 0.020};
// The same steps for Japan.
constexpr double kCdnJapan[] = {0.114, 0.089, 0.086, 0.084, 0.080, 0.070, 0.060};
// Free per account and month: 1 TB of CloudFront data out.
constexpr double kCdnFreeGb = 1024;

// Users, and a day of static fetches, so that the month's CDN volume is `gb` (flat day, one
// static fetch of 1,000 KB per request).
Design cdnDesign(double gb, int cdns = 1)
{
    Design d;
    const double users = 1000, kb = 1000;
    const double perDay = gb / users / (kb * kMonthSeconds / 86400 / 1e6);
    d.traffic = flat(users, perDay);
    d.traffic.staticPerRequest = 1;
    d.traffic.kbPerStatic = kb;
    d.traffic.kbPerRequest = 0; // the app's responses add no data out
    d.components = {make("u", Kind::Clients), make("s3", Kind::ObjectStorage),
                    make("app", Kind::AppServer)};
    d.connections = {wire("u", "app")};
    for (int k = 0; k < cdns; ++k) {
        const std::string id = "cdn" + std::to_string(k);
        d.components.push_back(make(id, Kind::Cdn, {{"hitRatio", num(1)}}));
        d.connections.push_back(wire("u", id));
        d.connections.push_back(wire(id, "s3"));
    }
    return d;
}

// The CDN's data-out lines of an evaluation, summed, and the first one's label.
double egressOf(const Evaluation &ev, std::string *label = nullptr)
{
    double usd = 0;
    for (const CostItem &item : ev.costItems)
        if (item.item.rfind("Egress", 0) == 0) {
            usd += item.monthlyUsd;
            if (label && label->empty())
                *label = item.item;
        }
    return usd;
}

// One app tier of `type` at 1,000 req/s a vCPU-free second: serviceTimeMs 2 on 2 vCPUs carries
// 1,000 req/s, so `users` × `perDay` ÷ 86,400 = `rps` sets its utilization.
Design burstDesign(const char *type, const char *mode, double rps, double peakToAverage = 1)
{
    Design d;
    d.traffic = flat(1000, rps / 1000 * 86400 / peakToAverage);
    d.traffic.peakToAverage = peakToAverage;
    d.traffic.kbPerRequest = 0;
    d.components = {make("u", Kind::Clients), make("app", Kind::AppServer,
                                                   {{"instances", num(1)},
                                                    {"instanceType", text(type)},
                                                    {"serviceTimeMs", num(2)},
                                                    {"creditMode", text(mode)}})};
    d.connections = {wire("u", "app")};
    return d;
}

} // namespace

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    // CloudFront US data out at 5 TB, 60 TB and 30 PB a month, through the tiers: first 10 TB,
    // next 40, next 100, next 350, next 524, next 4 PB (4,096 TB), the rest. The account's free
    // 1 TB is the month's first 1,024 GB: they come off the first tier's price.
    void cdnTiers_data()
    {
        QTest::addColumn<double>("gb");
        QTest::addColumn<double>("usd");
        QTest::addColumn<QString>("volume");
        const double *p = kCdnNa;
        QTest::newRow("5 TB") << 5 * kTb << (5 * kTb - kCdnFreeGb) * p[0] << "5.0 TB";
        QTest::newRow("60 TB") << 60 * kTb
                               << (10 * p[0] + 40 * p[1] + 10 * p[2]) * kTb - kCdnFreeGb * p[0]
                               << "60.0 TB";
        QTest::newRow("30 PB") << 30 * kTb * kTb
                               << (10 * p[0] + 40 * p[1] + 100 * p[2] + 350 * p[3] + 524 * p[4] +
                                   4096 * p[5] + (30 * 1024 - 5120) * p[6]) *
                                          kTb -
                                      kCdnFreeGb * p[0]
                               << "30.0 PB";
    }

    void cdnTiers()
    {
        QFETCH(double, gb);
        QFETCH(double, usd);
        QFETCH(QString, volume);
        const Design d = cdnDesign(gb);
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        std::string label;
        const Evaluation ev = m.evaluate(d.traffic.users);
        SC_COMPARE_REL(egressOf(ev, &label), usd, 1e-9);
        // The label shows the volume and the blended rate (the line ÷ the whole volume).
        char rate[32];
        std::snprintf(rate, sizeof rate, "$%.4f/GB blended", usd / gb);
        QVERIFY2(label.find(volume.toStdString()) != std::string::npos, label.c_str());
        QVERIFY2(label.find(rate) != std::string::npos, label.c_str());
        // …and the free allowance it is blended with (CloudFront's 1 TB = 1,024 GB a month).
        QVERIFY2(label.find(", the account's first 1.0 TB free") != std::string::npos,
                 label.c_str());
        // The sweep prices the same volume the same way.
        const Sweep s = m.sweep(d.traffic.users, d.traffic.users, 1);
        QCOMPARE(s.points.size(), size_t(1));
        SC_COMPARE_REL(s.points[0].monthlyCostUsd, ev.monthlyCostUsd, 1e-12);
    }

    // A sliver of data out reads as the text output writes one, never with an exponent (QA:
    // "Egress 9.125e-07 GB (free tier)" at one user): 10⁻⁶ GB, inside the free terabyte.
    void sliverOfDataOut()
    {
        const Design d = cdnDesign(1e-6);
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        std::string label;
        QCOMPARE(egressOf(m.evaluate(d.traffic.users), &label), 0.0);
        QVERIFY2(label.find("<0.0001 GB (free tier)") != std::string::npos, label.c_str());
    }

    // The geographic split: half the 60 TB (30 TB) to US users, half to Japan's. Each region's
    // volume goes through its own table; the free 1 TB is split in the same shares.
    void cdnGeographicSplit()
    {
        const Design d = cdnDesign(60 * kTb);
        Model m(d, Catalog::builtin(), {{CdnGeo::NorthAmerica, 0.5}, {CdnGeo::Japan, 0.5}});
        QVERIFY(m.ok());
        const double us = (10 * kCdnNa[0] + 20 * kCdnNa[1]) * kTb - kCdnFreeGb / 2 * kCdnNa[0];
        const double jp =
            (10 * kCdnJapan[0] + 20 * kCdnJapan[1]) * kTb - kCdnFreeGb / 2 * kCdnJapan[0];
        SC_COMPARE_REL(egressOf(m.evaluate(d.traffic.users)), us + jp, 1e-9);
    }

    // The same split read from the design's user populations: one named by its region, one by
    // coordinates (Tokyo, 35.68 N 139.69 E: nearest AWS region ap-northeast-1, priced as Japan).
    // A lone population in Frankfurt prices the whole volume by Europe's table (the same steps
    // as the US's).
    void cdnSplitFromPopulations()
    {
        Design d = cdnDesign(60 * kTb);
        d.populations = {{"US", 0.5, Place{"us-east-1"}}, {"Tokyo", 0.5, Place{"", 35.68, 139.69}}};
        const double us = (10 * kCdnNa[0] + 20 * kCdnNa[1]) * kTb - kCdnFreeGb / 2 * kCdnNa[0];
        const double jp =
            (10 * kCdnJapan[0] + 20 * kCdnJapan[1]) * kTb - kCdnFreeGb / 2 * kCdnJapan[0];
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        SC_COMPARE_REL(egressOf(m.evaluate(d.traffic.users)), us + jp, 1e-9);
        // The model a scenario builds with failed components apart prices it the same way.
        Model apart(d, Catalog::builtin(), std::vector<std::string>{"app"});
        SC_COMPARE_REL(egressOf(apart.evaluate(d.traffic.users)), us + jp, 1e-9);
        d.populations = {{"EU", 1, Place{"eu-central-1"}}};
        const double eu =
            (10 * kCdnNa[0] + 40 * kCdnNa[1] + 10 * kCdnNa[2]) * kTb - kCdnFreeGb * kCdnNa[0];
        SC_COMPARE_REL(egressOf(Model(d, Catalog::builtin()).evaluate(d.traffic.users)), eu, 1e-9);
    }

    // Stage 5 at 100M users (issue 15): 50 requests a user a day, one 30 KB static fetch each,
    // all from CloudFront (hits and misses alike reach the users from the edge): 1e8 × 50 ÷
    // 86,400 × 30 KB = 1.736 GB/s on average, 4.56 PB in a 730-hour month. Its users are 60% in
    // New York and 40% in Paris (nearest AWS regions us-east-1 and eu-west-3: the US and
    // Europe tables, the same steps), each share through its own tiers, the free 1 TB split
    // the same way.
    void stage5CdnAt100M()
    {
        const auto d = sctest::templateDesign("stage5-10m");
        QVERIFY(d);
        const double gb = 1e8 * 50 / 86400.0 * 30 / 1e6 * kMonthSeconds;
        const auto tiered = [](double v) { // v in GB, through kCdnNa's steps (TB bounds)
            const double bounds[] = {10, 50, 150, 500, 1024, 5120};
            double usd = 0, lower = 0;
            for (int k = 0; k < 6; ++k) {
                usd += std::max(0.0, std::min(v, bounds[k] * kTb) - lower) * kCdnNa[k];
                lower = bounds[k] * kTb;
            }
            return usd + std::max(0.0, v - lower) * kCdnNa[6];
        };
        const double want = tiered(0.6 * gb) - 0.6 * kCdnFreeGb * kCdnNa[0] + tiered(0.4 * gb) -
                            0.4 * kCdnFreeGb * kCdnNa[0];
        const Evaluation ev = Model(*d, Catalog::builtin()).evaluate(1e8);
        SC_COMPARE_REL(egressOf(ev), want, 1e-9);
        // Blended ≈ $0.031/GB (the first PB's tiers, then $0.025), not the first tier's $0.085.
        QVERIFY(want / gb > 0.025 && want / gb < 0.035);
    }

    // AWS region names → CloudFront's pricing regions (docs/model.md "Tiered prices").
    void cdnGeoOfRegions_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<int>("geo");
        QTest::newRow("us-east-1") << "us-east-1" << int(CdnGeo::NorthAmerica);
        QTest::newRow("ca-central-1") << "ca-central-1" << int(CdnGeo::NorthAmerica);
        QTest::newRow("eu-central-1") << "eu-central-1" << int(CdnGeo::Europe);
        QTest::newRow("ap-northeast-1") << "ap-northeast-1" << int(CdnGeo::Japan);
        QTest::newRow("ap-southeast-2") << "ap-southeast-2" << int(CdnGeo::Australia);
        QTest::newRow("ap-south-1") << "ap-south-1" << int(CdnGeo::India);
        QTest::newRow("sa-east-1") << "sa-east-1" << int(CdnGeo::SouthAmerica);
        QTest::newRow("ap-southeast-1 (assumed Japan)") << "ap-southeast-1" << int(CdnGeo::Japan);
        QTest::newRow("me-south-1 (assumed Japan)") << "me-south-1" << int(CdnGeo::Japan);
        QTest::newRow("unknown") << "mars-1" << int(CdnGeo::NorthAmerica);
    }

    void cdnGeoOfRegions()
    {
        QFETCH(QString, region);
        QFETCH(int, geo);
        QCOMPARE(int(cdnGeoOf(region.toStdString())), geo);
    }

    // Free tiers apply once per account: two CDNs of 600 GB each share the free 1 TB (so
    // 1,200 − 1,024 GB are billed, half on each), where one free TB each would bill nothing.
    void cdnFreeTierOnce()
    {
        const Design d = cdnDesign(1200, 2);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(d.traffic.users);
        const double total = (1200 - kCdnFreeGb) * kCdnNa[0];
        SC_COMPARE_REL(sctest::costLine(ev, "cdn0", "Egress"), total / 2, 1e-9);
        SC_COMPARE_REL(sctest::costLine(ev, "cdn1", "Egress"), total / 2, 1e-9);
    }

    // Two queues of 0.8M requests a month each ($0.40 a million): the free million is the
    // account's, so 0.6M are billed, $0.12 on each queue.
    void queueFreeTierOnce()
    {
        Design d;
        const double jobsPerSecond = 0.8e6 / 3 / kMonthSeconds; // 3 requests a job
        d.traffic = flat(1000, 2 * jobsPerSecond / 1000 * 86400, 1.0);
        d.traffic.asyncPerWrite = 1;
        d.traffic.kbPerRequest = 0;
        d.components = {make("u", Kind::Clients),   make("app", Kind::AppServer),
                        make("db", Kind::Database), make("q1", Kind::Queue),
                        make("q2", Kind::Queue),    make("w", Kind::Worker)};
        d.connections = {wire("u", "app"),  wire("app", "db"), wire("app", "q1"),
                         wire("app", "q2"), wire("q1", "w"),   wire("q2", "w")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        SC_COMPARE_REL(sctest::costLine(ev, "q1", "Requests"), (1.6e6 - 1e6) / 1e6 * 0.40 / 2,
                       1e-9);
        SC_COMPARE_REL(sctest::costLine(ev, "q2", "Requests"), (1.6e6 - 1e6) / 1e6 * 0.40 / 2,
                       1e-9);
        // The line says its count, its rate blended with the free million ($0.12 for 0.8M:
        // $0.15 a million) and the allowance, as a volume's line does (QA: "Requests" alone).
        // A tenth of the traffic, 80k each, is inside the allowance: "(free tier)".
        bool said = false;
        for (const CostItem &item : ev.costItems)
            said = said || (item.componentId == "q1" &&
                            item.item == "Requests 800k at $0.1500 per million blended, the "
                                         "account's first 1M free");
        QVERIFY(said);
        const Evaluation tenth = Model(d, Catalog::builtin()).evaluate(100);
        bool free = false;
        for (const CostItem &item : tenth.costItems)
            free = free || (item.componentId == "q2" && item.item == "Requests 80k (free tier)" &&
                            item.monthlyUsd == 0);
        QVERIFY(free);
        // No users, no volume: nothing free or paid, the count alone (it read "0 (free tier)").
        bool none = false;
        for (const CostItem &item : Model(d, Catalog::builtin()).evaluate(0).costItems)
            none = none || (item.componentId == "q1" && item.item == "Requests 0");
        QVERIFY(none);
    }

    // A t3.large held at 100% all day in unlimited mode: $0.0832 an hour plus 2 vCPUs × (1 −
    // 0.30 baseline) × $0.05 per vCPU-hour of surplus credits = $0.1532 an hour.
    void t3UnlimitedFullDay()
    {
        const Design d = burstDesign("t3.large", "unlimited", 1000);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        const ComponentResult *app = sctest::resultOf(ev, "app");
        QVERIFY(app);
        SC_COMPARE_REL(app->utilization, 1.0, 1e-12);
        SC_COMPARE_REL(sctest::costLine(ev, "app", "Surplus CPU credits"),
                       2 * (1 - 0.30) * 0.05 * kHours, 1e-12);
        SC_COMPARE_REL(app->monthlyCostUsd / kHours, 0.0832 + 2 * 0.7 * 0.05, 1e-12);
        SC_COMPARE_REL(app->monthlyCostUsd / kHours, 0.1532, 1e-12);
    }

    // Credits are averaged over the day as AWS does (24 h): at 100% at the peak with a peak
    // three times the average, the day averages 1/3, just above the 30% baseline.
    void t3UnlimitedOverTheDay()
    {
        const Design d = burstDesign("t3.large", "unlimited", 1000, 3);
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        SC_COMPARE_REL(sctest::costLine(ev, "app", "Surplus CPU credits"),
                       2 * (1.0 / 3 - 0.30) * 0.05 * kHours, 1e-9);
        // At 0.8 of that load the day averages 0.8/3 < 30%: no surplus, no line.
        const Evaluation cool =
            Model(burstDesign("t3.large", "unlimited", 800, 3), Catalog::builtin()).evaluate(1000);
        for (const CostItem &item : cool.costItems)
            QVERIFY2(item.item.find("Surplus") == std::string::npos, item.item.c_str());
        // At 0.9 of it the day averages 0.9 / 3 = 0.30, the baseline exactly: no surplus, no
        // line, no advice (QA: a "$2.2e-15" line of rounding residue and "$0/month" advice).
        Design at = burstDesign("t3.large", "unlimited", 900, 3);
        at.traffic.users = 300000; // 300,000 × 86.4 a day = 300 req/s on average, 900 at the peak
        at.traffic.requestsPerUserPerDay = 86.4;
        const Evaluation even = Model(at, Catalog::builtin()).evaluate(at.traffic.users);
        SC_COMPARE_REL(sctest::resultOf(even, "app")->utilization, 0.9, 1e-12);
        for (const CostItem &item : even.costItems)
            QVERIFY2(item.item.find("Surplus") == std::string::npos, item.item.c_str());
        for (const Warning &w : even.warnings)
            QVERIFY2(w.code != "BURST_CREDITS", w.message.c_str());
    }

    // Standard mode sustains the baseline: a t3.large carries 30% of what it carries unlimited,
    // and its wall comes at 30% of the users.
    void t3StandardCapacity()
    {
        const Model unlimited(burstDesign("t3.large", "unlimited", 100), Catalog::builtin());
        const Model standard(burstDesign("t3.large", "standard", 100), Catalog::builtin());
        const Evaluation eu = unlimited.evaluate(1000), es = standard.evaluate(1000);
        const ComponentResult *u = sctest::resultOf(eu, "app");
        const ComponentResult *s = sctest::resultOf(es, "app");
        QVERIFY(u && s);
        SC_COMPARE_REL(u->capacityRps, 2 * 1000 / 2.0, 1e-12);
        SC_COMPARE_REL(s->capacityRps, 0.30 * 2 * 1000 / 2.0, 1e-12);
        QVERIFY(eu.maxUsers && es.maxUsers);
        SC_COMPARE_REL(*es.maxUsers, 0.30 * *eu.maxUsers, 1e-12);
        // Standard mode bills no credits; a non-burstable type ignores the mode.
        const Evaluation hot =
            Model(burstDesign("t3.large", "standard", 1000), Catalog::builtin()).evaluate(1000);
        QCOMPARE(sctest::costLine(hot, "app", "Surplus"), -1.0); // no such line
        const Evaluation ec5 =
            Model(burstDesign("c5.large", "standard", 100), Catalog::builtin()).evaluate(1000);
        const ComponentResult *c5 = sctest::resultOf(ec5, "app");
        QVERIFY(c5);
        SC_COMPARE_REL(c5->capacityRps, 2 * 1000 / 2.0, 1e-12);
    }

    // The advisor prices the surplus against the cheapest non-burstable type of the same vCPUs
    // (c5.large, $0.085/h, first in the catalog of the two at that price): $111.84 a month for the
    // t3.large with credits, $62.05 for the c5.
    void burstAdvice()
    {
        const Evaluation ev =
            Model(burstDesign("t3.large", "unlimited", 1000), Catalog::builtin()).evaluate(1000);
        const Warning *w = sctest::warningOf(ev, "BURST_CREDITS", "app");
        QVERIFY(w);
        QCOMPARE(w->severity, Severity::Advice);
        char now[32], alt[32];
        std::snprintf(now, sizeof now, "$%.0f/month", (0.0832 + 2 * 0.7 * 0.05) * kHours);
        std::snprintf(alt, sizeof alt, "$%.0f/month", 0.085 * kHours);
        QVERIFY2(w->message.find(now) != std::string::npos, w->message.c_str());
        QVERIFY2(w->message.find(std::string("c5.large at the same capacity ") + alt) !=
                     std::string::npos,
                 w->message.c_str());
        QVERIFY2(w->message.find("c5.large is cheaper") != std::string::npos, w->message.c_str());
        QVERIFY(!sctest::hasWarning(ev, "BURSTABLE_BASELINE", "app"));
        // Standard mode past its baseline: throttled.
        const Evaluation throttled =
            Model(burstDesign("t3.large", "standard", 400), Catalog::builtin()).evaluate(1000);
        const Warning *t = sctest::warningOf(throttled, "BURSTABLE_BASELINE", "app");
        QVERIFY(t);
        QVERIFY2(t->message.find("throttled") != std::string::npos, t->message.c_str());
        QVERIFY(!sctest::hasWarning(throttled, "BURST_CREDITS", "app"));
    }

    // RDS Multi-AZ bills the storage of the primary and of the standby: 100 GB × $0.115 × 2.
    void multiAzStorage_data()
    {
        QTest::addColumn<bool>("multiAz");
        QTest::addColumn<double>("usd");
        QTest::addColumn<QString>("label");
        QTest::newRow("single-AZ") << false << 100 * 0.115 << "Storage 100 GB";
        QTest::newRow("Multi-AZ") << true << 100 * 0.115 * 2 << "Storage 100 GB × 2 (Multi-AZ)";
    }

    void multiAzStorage()
    {
        QFETCH(bool, multiAz);
        QFETCH(double, usd);
        QFETCH(QString, label);
        Design d;
        d.traffic = flat(1000, 10, 0.5);
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer),
                        make("db", Kind::Database, {{"multiAz", num(multiAz ? 1 : 0)}})};
        d.connections = {wire("u", "app"), wire("app", "db")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1000);
        SC_COMPARE_REL(sctest::costLine(ev, "db", "Storage"), usd, 1e-12);
        bool found = false;
        for (const CostItem &item : ev.costItems)
            found = found || item.item == label.toStdString();
        QVERIFY2(found, qPrintable(label));
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
