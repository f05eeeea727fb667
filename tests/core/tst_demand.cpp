// Demand: the traffic's rates at a user count and the day profile auto-scaled tiers are
// billed over (docs/model.md, "Traffic"). The profile is rebuilt here from its documented
// formula, so the time-weighted bill is checked against an independent computation.
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <array>
#include <cmath>
#include <numbers>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

// rate(h)/peak = (b + (P − b)·g(h)^k)/P, g a raised cosine peaking at 14:00, b = 1/P, k such
// that the mean over the 24 hours is 1/P (docs/model.md, "Traffic"). Bisection on k: the
// mean falls as k grows.
std::array<double, 24> dayProfile(double P)
{
    std::array<double, 24> g{}, shape{};
    for (int h = 0; h < 24; ++h)
        g[size_t(h)] = 0.5 * (1 + std::cos(2 * std::numbers::pi * (h - 14) / 24.0));
    const double b = 1 / P;
    auto meanAt = [&](double k) {
        double s = 0;
        for (double x : g)
            s += (b + (P - b) * std::pow(x, k)) / P;
        return s / 24;
    };
    double lo = 1e-9, hi = 1e6;
    for (int i = 0; i < 200; ++i) {
        const double mid = std::sqrt(lo * hi); // k spans decades: bisect its logarithm
        (meanAt(mid) > 1 / P ? lo : hi) = mid;
    }
    for (int h = 0; h < 24; ++h)
        shape[size_t(h)] = (b + (P - b) * std::pow(g[size_t(h)], lo)) / P;
    return shape;
}

// The instance lines of a component (not its data transfer).
double computeUsd(const Evaluation &ev, const std::string &id)
{
    double usd = 0;
    for (const CostItem &item : ev.costItems)
        if (item.componentId == id && item.category == CostCategory::Compute)
            usd += item.monthlyUsd;
    return usd;
}

} // namespace

class TestDemand : public QObject
{
    Q_OBJECT

private slots:
    // Case 7: 50 photo views per user per day → 1K users ≈ 0.58 req/s; 1M users ≈ 579 req/s.
    void photoGrowth()
    {
        Design d;
        d.traffic = flat(1000, 50);
        d.traffic.peakToAverage = 3;
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer)};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        QCOMPARE_LT(std::fabs(m.evaluate(1000).demand.averageRps - 50e3 / 86400), 1e-12);
        const double million = m.evaluate(1e6).demand.averageRps;
        QCOMPARE_LT(std::fabs(million - 50e6 / 86400), 1e-9);
        QVERIFY(million > 570 && million < 600);
    }

    // Case 6: 500 visitors × 3 pages = 1,500 req/day ≈ 0.017 req/s on average.
    void tinyBlogDemand()
    {
        const auto d = sctest::templateDesign("case-tiny-blog");
        QVERIFY(d);
        Model m(*d, Catalog::builtin());
        const Evaluation ev = m.evaluate(500);
        QCOMPARE_LT(std::fabs(ev.demand.averageRps - 1500.0 / 86400), 1e-12);
    }

    // The demand block at a user count: the average, the peak (× peakToAverage) and its
    // split into reads, writes, static fetches and jobs.
    void demandByClass()
    {
        Design d;
        d.traffic.requestsPerUserPerDay = 43.2; // 0.0005 req/s per user on average
        d.traffic.peakToAverage = 4;
        d.traffic.writeFraction = 0.1;
        d.traffic.staticPerRequest = 3;
        d.traffic.asyncPerWrite = 2;
        d.components = {make("u", Kind::Clients), make("app", Kind::AppServer),
                        make("queue", Kind::Queue), make("workers", Kind::Worker)};
        d.connections = {wire("u", "app"), wire("app", "queue"), wire("queue", "workers")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Demand dm = m.evaluate(2e6).demand;
        SC_COMPARE_REL(dm.averageRps, 1000.0, 1e-12); // 2e6 × 43.2 / 86,400
        SC_COMPARE_REL(dm.peakRps, 4000.0, 1e-12);
        SC_COMPARE_REL(dm.readRps, 3600.0, 1e-12);
        SC_COMPARE_REL(dm.writeRps, 400.0, 1e-12);
        SC_COMPARE_REL(dm.staticRps, 12000.0, 1e-12);
        SC_COMPARE_REL(dm.jobRps, 800.0, 1e-12);
        // Linear in users.
        SC_COMPARE_REL(m.evaluate(1e3).demand.peakRps, 2.0, 1e-12);
    }

    // The day profile, rebuilt here, peaks at 1 (14:00), averages 1/P and bottoms out at
    // b/P = 1/P² (02:00: a night rate of the average ÷ P), as documented.
    void dayProfileShape()
    {
        for (double P : {1.5, 3.0, 10.0}) {
            const auto s = dayProfile(P);
            double mean = 0;
            for (double x : s)
                mean += x / 24;
            SC_COMPARE_REL(mean, 1 / P, 1e-9);
            SC_COMPARE_REL(s[14], 1.0, 1e-12);
            SC_COMPARE_REL(s[2], 1 / (P * P), 1e-12);
        }
    }

    // An auto-scaled tier is billed at its time-weighted count over the day: each hour runs
    // n(h) = ⌈λ·shape(h) / (target × per-instance capacity)⌉ instances, clamped to
    // [min, max]. c5.large at 2 ms: 1,000 req/s an instance; target 0.5 → 500 req/s each.
    void autoScaledBillFollowsTheDay()
    {
        Design d;
        d.traffic = flat(1e6, 86.4); // 0.001 req/s per user on average
        d.traffic.peakToAverage = 3; // 0.003 at the peak
        Component app = make("app", Kind::AppServer, {{"instanceType", text("c5.large")}});
        app.autoscale = Autoscale{2, 40, 0.5, 300, 120};
        d.components = {make("u", Kind::Clients), app};
        d.connections = {wire("u", "app")};
        Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        for (double users : {1.1e5, 1.3e6, 4.1e6}) { // peaks of 330, 3,900 and 12,300 req/s
            const double peak = users * 86.4 / 86400 * 3;
            double billed = 0;
            for (double shape : dayProfile(3))
                billed += std::clamp(std::ceil(peak * shape / 500), 2.0, 40.0) / 24;
            const Evaluation ev = m.evaluate(users);
            const double expectedUsd = billed * 0.085 * 730; // c5.large $0.085/h on demand
            SC_COMPARE_REL(computeUsd(ev, "app"), expectedUsd, 1e-12);
            // The figures at the peak use the peak count.
            const ComponentResult *r = sctest::resultOf(ev, "app");
            QVERIFY(r);
            QCOMPARE(r->instances, std::clamp(std::ceil(peak / 500), 2.0, 40.0));
        }
    }

    // User counts as the CLI and the slider's box take them: plain or scientific numbers,
    // k/M/B (and G) suffixes, underscores between digits; up to 10¹⁰ users.
    void parseUserCount_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("users"); // −1: refused
        QTest::newRow("plain") << "1000000" << 1e6;
        QTest::newRow("scientific") << "1e6" << 1e6;
        QTest::newRow("k") << "2.5k" << 2500.0;
        QTest::newRow("M") << "1M" << 1e6;
        QTest::newRow("m") << "3m" << 3e6;
        QTest::newRow("B") << "10B" << 1e10;
        QTest::newRow("G") << "1G" << 1e9;
        QTest::newRow("underscores") << "1_000_000" << 1e6;
        QTest::newRow("zero") << "0" << 0.0;
        QTest::newRow("empty") << "" << -1.0;
        QTest::newRow("word") << "many" << -1.0;
        QTest::newRow("negative") << "-5" << -1.0;
        QTest::newRow("above 1e10") << "10.5B" << -1.0;
        QTest::newRow("overflow") << "1e400" << -1.0;
        // Below the normal doubles: 1e-400 was read as 0 and 1e-320 gave another availability
        // (QA); the file reader refuses 1e-400 too. The smallest normal count stays.
        QTest::newRow("underflow") << "1e-400" << -1.0;
        QTest::newRow("subnormal") << "1e-320" << -1.0;
        QTest::newRow("smallest normal") << "2.2250738585072014e-308" << 2.2250738585072014e-308;
        QTest::newRow("tiny") << "1e-10" << 1e-10;
        QTest::newRow("two points") << "1.2.3" << -1.0;
        QTest::newRow("two suffixes") << "1MM" << -1.0;
        QTest::newRow("space") << "1 000" << -1.0;
        QTest::newRow("only an underscore") << "_" << -1.0;
        QTest::newRow("nan") << "nan" << -1.0;
        // A suffix after a plain number only; an underscore only between two digits.
        QTest::newRow("exponent and suffix") << "1e6k" << -1.0;
        QTest::newRow("exponent and suffix, capital") << "1E3M" << -1.0;
        QTest::newRow("leading underscore") << "_1" << -1.0;
        QTest::newRow("trailing underscore") << "1_" << -1.0;
        QTest::newRow("two underscores") << "1__0" << -1.0;
        QTest::newRow("underscore before the exponent") << "1_e6" << -1.0;
        QTest::newRow("underscore before the suffix") << "1_k" << -1.0;
        QTest::newRow("underscore by the point") << "1_.5" << -1.0;
        QTest::newRow("groups and a suffix") << "1_000k" << 1e6;
        QTest::newRow("underscore and a fraction") << "1_2.5k" << 12500.0;
    }

    void parseUserCount()
    {
        QFETCH(QString, text);
        QFETCH(double, users);
        const std::optional<double> got = sc::parseUserCount(text.toStdString());
        if (users < 0) {
            QVERIFY2(!got, qPrintable(QString::number(got.value_or(0), 'g', 17)));
        } else {
            QVERIFY(got);
            QCOMPARE(*got, users);
        }
    }

    // With a flat day (peakToAverage 1) the time-weighted count is the peak count.
    void flatDayBillsThePeakCount()
    {
        Design d;
        d.traffic = flat(1e6, 86.4 * 2.2); // 2,200 req/s all day
        Component app = make("app", Kind::AppServer, {{"instanceType", text("c5.large")}});
        app.autoscale = Autoscale{2, 40, 0.5, 300, 120};
        d.components = {make("u", Kind::Clients), app};
        d.connections = {wire("u", "app")};
        const Evaluation ev = Model(d, Catalog::builtin()).evaluate(1e6);
        SC_COMPARE_REL(sctest::costLine(ev, "app", "5 × c5.large"), 5 * 0.085 * 730, 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestDemand)
#include "tst_demand.moc"
