// Tests for the built-in comparisons (resources/templates/compare-*.scalecanvas, written by
// resources/comparisons/generate.py): option A is each file's design, option B its one variant.
// The designs are the case and stage templates' (so a comparison cannot drift from its case),
// A and B differ only where the comparison means them to (sc::diffDesigns), and the figure that
// makes each comparison's point is derived here by hand — from the designs' inputs, the catalog's
// prices (reference/aws-prices.md) and the formulas of docs/model.md — and checked against
// `evaluate` of A and of B at the template's users, and their difference b − a.

#include "core/analysis/compare.h"
#include "core/analysis/designdiff.h"
#include "core/analysis/model.h"
#include "core/analysis/variantcheck.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/templates.h"
#include "core/io/textescape.h"
#include "tests/common/designbuilder.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

// The row of `key` of B against A (an empty row when there is none).
sc::DeltaRow rowBetween(const sc::OptionFigures &a, const sc::OptionFigures &b,
                        const std::string &key)
{
    for (const sc::DeltaRow &r : sc::deltaRows(a, b))
        if (r.key == key)
            return r;
    return sc::DeltaRow{};
}

using Strings = std::vector<std::string>;

sc::Design loadTemplate(const char *name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    if (!t)
        return {};
    sc::LoadResult r = sc::loadDesign(t->json);
    return r.design ? *r.design : sc::Design{};
}

// Option A (the file's design, without the blocks beside it) and option B (its first variant,
// held to the file's objective), each with its model and its evaluation at the file's users.
struct Option {
    sc::Design design;
    std::optional<sc::Model> model;
    sc::Evaluation ev;
};
struct Pair {
    sc::Design file;
    Option a, b;
};

void evaluate(Option &o, double users)
{
    o.model.emplace(o.design, sc::Catalog::builtin());
    o.ev = o.model->evaluate(users);
}

Pair loadPair(const char *name)
{
    Pair p;
    p.file = loadTemplate(name);
    if (p.file.variants.empty())
        return p;
    p.a.design = sc::designContent(p.file);
    p.a.design.slo = p.file.slo;
    p.b.design = p.file.variants.front().design;
    p.b.design.slo = p.file.slo;
    evaluate(p.a, p.file.traffic.users);
    evaluate(p.b, p.file.traffic.users);
    return p;
}

const sc::ComponentResult &result(const Option &o, const char *id)
{
    static const sc::ComponentResult none;
    for (const sc::ComponentResult &c : o.ev.components)
        if (c.id == id)
            return c;
    return none;
}

const sc::PopulationResult &population(const Option &o, const char *name)
{
    static const sc::PopulationResult none;
    for (const sc::PopulationResult &p : o.ev.populations)
        if (p.name == name)
            return p;
    return none;
}

bool near(double got, double want, double relative)
{
    return std::abs(got - want) <= relative * std::abs(want);
}

QByteArray describe(double got, double want)
{
    return QByteArray::number(got, 'g', 12) + " (model) vs " + QByteArray::number(want, 'g', 12) +
           " (by hand)";
}

#define SC_NEAR(got, want, rel) QVERIFY2(near((got), (want), (rel)), describe((got), (want)))

// The design `d` with another name, description and users: what a comparison keeps of a case.
sc::Design withoutTitle(sc::Design d, double users)
{
    d.name.clear();
    d.description.clear();
    d.traffic.users = users;
    return d;
}

Strings changedIds(const sc::DesignDiff &d)
{
    Strings out;
    for (const sc::ComponentChange &c : d.componentsChanged)
        out.push_back(c.id);
    return out;
}

Strings ends(const std::vector<sc::Connection> &cs)
{
    Strings out;
    for (const sc::Connection &c : cs)
        out.push_back(c.from + ">" + c.to);
    std::sort(out.begin(), out.end());
    return out;
}

Strings paramNames(const sc::ComponentChange &c)
{
    Strings out;
    for (const sc::ValueChange &v : c.params)
        out.push_back(v.name);
    return out;
}

// "12,345": a figure rounded as a description quotes it.
std::string withCommas(double value)
{
    std::string digits = std::to_string(std::lround(value));
    for (int at = int(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(size_t(at), ",");
    return digits;
}

// The file's description quotes `text` (a figure this test derived by hand).
#define SC_QUOTES(file, text)                                                                      \
    QVERIFY2((file).description.find(text) != std::string::npos, std::string(text).c_str())

// docs/model.md "Cost": a month is 730 hours.
constexpr double kHours = 730;

// Dynamic requests a second at the peak: users × requests a day / 86,400 s × peak-to-average.
double peakRps(const sc::Traffic &t)
{
    return t.users * t.requestsPerUserPerDay / 86400 * t.peakToAverage;
}

// Data transfer out to the internet (docs/model.md "Tiered prices", aws-prices.md): the month's
// GB through the tiers of 10 TB at $0.09, 40 TB at $0.085, 100 TB at $0.07 and beyond at $0.05
// (1 TB = 1,024 GB), the account's first 100 GB free.
double transferOutUsd(double gb)
{
    const double bounds[] = {10 * 1024.0, 50 * 1024.0, 150 * 1024.0, 1e300};
    const double prices[] = {0.09, 0.085, 0.07, 0.05};
    auto tiered = [&](double v) {
        double usd = 0, lower = 0;
        for (size_t i = 0; i < std::size(bounds); ++i) {
            usd += std::max(0.0, std::min(v, bounds[i]) - lower) * prices[i];
            lower = bounds[i];
        }
        return usd;
    };
    return tiered(gb) - tiered(std::min(gb, 100.0));
}

// Round trip between two places (docs/model.md "Geography"): the haversine distance on a
// 6,371 km sphere ÷ 200 km/ms, there and back, × the route factor 2.
double roundTripMs(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = std::numbers::pi / 180;
    const double h = std::pow(std::sin((lat2 - lat1) * rad / 2), 2) +
                     std::cos(lat1 * rad) * std::cos(lat2 * rad) *
                         std::pow(std::sin((lon2 - lon1) * rad / 2), 2);
    const double km = 2 * 6371 * std::asin(std::sqrt(h));
    return km / 200 * 2 * 2;
}

// The comparison of two options' headline figures: its rows only.
sc::Comparison comparisonOf(const sc::OptionFigures &a, const sc::OptionFigures &b)
{
    sc::Comparison c;
    c.a = a;
    c.b = b;
    c.rows = sc::deltaRows(a, b);
    return c;
}

// Two options' headline figures, and their comparison's table (the text tables' cases).
sc::Comparison tableOfTwo()
{
    sc::OptionFigures a;
    a.name = "A";
    a.monthlyCostUsd = 15985;
    a.p50Ms = 56.1;
    a.p99Ms = 79.6;
    a.maxUsers = 2.84e6;
    a.availability = 0.9993;
    sc::OptionFigures b = a;
    b.name = "B";
    b.monthlyCostUsd = 12172;
    b.p99Ms = 103.7;
    b.maxUsers = 1.15e6;
    return comparisonOf(a, b);
}

} // namespace

class TestComparisons : public QObject
{
    Q_OBJECT

private slots:
    void everyComparisonLoads_data();
    void everyComparisonLoads();
    void designsAreTheCases();
    void differencesAreTheIntended();
    void verticalHorizontalDeltaTable();
    void verticalHorizontalOneServerLost();
    void billDelta();
    void cacheOffload();
    void regionsLatency();
    void tooSmallToShowReadsZero();
    void servingNothingIsNeverBetter();
    void failingIsSaidFirst();
    void roundingNoiseIsNoChange();
    void anAddedErrorIsWorse();
    void textColumnsLineUp();
    void wideCharactersTakeTwoColumns();
    void pointsAndWhatElseChanged();
    void whereTheUsersAreIsAChange();
    void smallFiguresReadTheirDifference();
    void aMovedRegionSaysWhere();
    void pagesEitherWay();
    void reviewedEdges();
    void failingFetchesAreNoFasterPage();
};

void TestComparisons::everyComparisonLoads_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("variant");
    QTest::newRow("vertical-horizontal") << "compare-vertical-horizontal"
                                         << "horizontal";
    QTest::newRow("1m-bill") << "compare-1m-bill"
                             << "optimized";
    QTest::newRow("cache") << "compare-cache"
                           << "with-cache";
    QTest::newRow("regions") << "compare-regions"
                             << "two-regions";
}

// Each is a format-2 file with one variant, both options complete (what `validate` checks of
// the design and of every variant), evaluated with figures at the file's users; its title says
// it is a comparison and its description how to compare.
void TestComparisons::everyComparisonLoads()
{
    QFETCH(QString, name);
    QFETCH(QString, variant);
    const sc::TemplateInfo *t = sc::findTemplate(name.toStdString());
    QVERIFY(t);
    const sc::LoadResult r = sc::loadDesign(t->json);
    QVERIFY(r.design);
    QVERIFY(r.errors.empty());
    QCOMPARE(r.fileFormatVersion, 2);
    const sc::Design &file = *r.design;
    QCOMPARE(file.variants.size(), size_t(1));
    QCOMPARE(file.variants[0].name, variant.toStdString());
    QVERIFY(file.lesson.steps.empty());
    // Option A's short name beside the variant's: lists title the file "A vs B".
    QVERIFY(!file.name.empty() && file.name.size() <= 24);
    QCOMPARE(sc::fileTitle(file), file.name + " vs " + variant.toStdString());
    const std::string how = "`scalecanvas diff FILE FILE#" + variant.toStdString() + "`";
    QVERIFY2(file.description.find(how) != std::string::npos, file.description.c_str());
    QVERIFY(file.description.find("first variant") != std::string::npos);

    const sc::Model a(sc::designContent(file), sc::Catalog::builtin());
    QVERIFY2(a.validationIssues().empty(),
             a.validationIssues().empty() ? "" : a.validationIssues()[0].toString().c_str());
    const sc::Issues v = sc::variantValidationIssues(file, sc::Catalog::builtin());
    QVERIFY2(v.empty(), v.empty() ? "" : v[0].toString().c_str());

    const Pair p = loadPair(name.toUtf8().constData());
    for (const Option *o : {&p.a, &p.b}) {
        QCOMPARE(o->ev.users, file.traffic.users);
        QCOMPARE(o->design.traffic.users, file.traffic.users);
        QVERIFY(std::isfinite(o->ev.monthlyCostUsd) && o->ev.monthlyCostUsd > 0);
        QVERIFY(o->ev.latency.valid && std::isfinite(o->ev.latency.p99));
        QVERIFY(o->ev.maxUsers && *o->ev.maxUsers > file.traffic.users);
    }
}

// A and B are the case and stage templates' designs, at the comparison's users.
void TestComparisons::designsAreTheCases()
{
    {
        const Pair p = loadPair("compare-vertical-horizontal");
        const double users = p.file.traffic.users;
        QCOMPARE(users, 800000.0);
        QVERIFY(withoutTitle(p.a.design, users) ==
                withoutTitle(loadTemplate("case-vertical"), users));
        QVERIFY(withoutTitle(p.b.design, users) ==
                withoutTitle(loadTemplate("case-horizontal"), users));
    }
    {
        const Pair p = loadPair("compare-1m-bill");
        QVERIFY(withoutTitle(p.a.design, 1e6) ==
                withoutTitle(loadTemplate("case-1m-unoptimized"), 1e6));
        QVERIFY(withoutTitle(p.b.design, 1e6) ==
                withoutTitle(loadTemplate("case-1m-optimized"), 1e6));
    }
    {
        // B is stage 3 with Redis at 95% hits instead of 90%; A is B without Redis.
        const Pair p = loadPair("compare-cache");
        const double users = p.file.traffic.users;
        sc::Design stage3 = withoutTitle(loadTemplate("stage3-100k"), users);
        sc::Component *redis = stage3.find("cache");
        QVERIFY(redis);
        QCOMPARE(redis->number("hitRatio"), 0.9);
        redis->params["hitRatio"].number = 0.95;
        QVERIFY(withoutTitle(p.b.design, users) == stage3);
        sc::Design noCache = stage3;
        noCache.components.erase(noCache.components.begin() + noCache.indexOf("cache"));
        std::erase_if(noCache.connections, [](const sc::Connection &c) { return c.to == "cache"; });
        QVERIFY(withoutTitle(p.a.design, users) == noCache);
    }
    {
        const Pair p = loadPair("compare-regions");
        const double users = p.file.traffic.users;
        const sc::Design before = loadTemplate("case-europe-before");
        QCOMPARE(users, before.traffic.users);
        QVERIFY(withoutTitle(p.a.design, users) == withoutTitle(before, users));
        QVERIFY(p.file.slo == before.slo);
    }
}

// What differs between A and B, by identity (sc::diffDesigns): only what the comparison is about.
void TestComparisons::differencesAreTheIntended()
{
    {
        // One big server or twenty small ones: the app tier, nothing else. The big one runs 200
        // threads, the twenty the default 50: a request holds its thread while it occupies a
        // core, so 96 cores need a pool of at least 96 (docs/model.md "Pools are limits").
        const Pair p = loadPair("compare-vertical-horizontal");
        const sc::DesignDiff d = sc::diffDesigns(p.a.design, p.b.design);
        QVERIFY(d.componentsAdded.empty() && d.componentsRemoved.empty());
        QCOMPARE(changedIds(d), Strings{"app"});
        const sc::ComponentChange &app = d.componentsChanged[0];
        QVERIFY(app.labelChanged && !app.moved && !app.kindChanged);
        QCOMPARE(paramNames(app),
                 (Strings{"instances", "instanceType", "serialFraction", "threadsPerInstance"}));
        QVERIFY(d.connectionsAdded.empty() && d.connectionsRemoved.empty());
        QVERIFY(d.connectionsChanged.empty() && d.traffic.empty());
        QVERIFY(d.groupsAdded.empty() && d.groupsRemoved.empty() && d.groupsChanged.empty());
    }
    {
        // The bill: Redis and PgBouncer added, five tiers resized, repriced or retiered; the
        // reads go through the cache, the writes through the pooler.
        const Pair p = loadPair("compare-1m-bill");
        const sc::DesignDiff d = sc::diffDesigns(p.a.design, p.b.design);
        QCOMPARE(d.componentsAdded, (Strings{"cache", "pooler"}));
        QVERIFY(d.componentsRemoved.empty());
        QCOMPARE(changedIds(d), (Strings{"files", "app", "replicas", "db", "workers"}));
        QCOMPARE(ends(d.connectionsAdded),
                 (Strings{"app>cache", "app>pooler", "pooler>db", "workers>pooler"}));
        QCOMPARE(ends(d.connectionsRemoved), (Strings{"app>db", "workers>db"}));
        QVERIFY(d.traffic.empty());
    }
    {
        // The cache: Redis and the app's connection to it, nothing else.
        const Pair p = loadPair("compare-cache");
        const sc::DesignDiff d = sc::diffDesigns(p.a.design, p.b.design);
        QCOMPARE(d.componentsAdded, Strings{"cache"});
        QVERIFY(d.componentsRemoved.empty() && d.componentsChanged.empty());
        QCOMPARE(ends(d.connectionsAdded), Strings{"app>cache"});
        QVERIFY(d.connectionsRemoved.empty() && d.connectionsChanged.empty());
        QVERIFY(d.traffic.empty() && d.groupsAdded.empty());
    }
    {
        // Two regions: the EU region and what is in it, and Route 53 in front of both; the
        // US side as it was, the users now reaching it through DNS.
        const Pair p = loadPair("compare-regions");
        const sc::DesignDiff d = sc::diffDesigns(p.a.design, p.b.design);
        QCOMPARE(d.componentsAdded,
                 (Strings{"dns", "assetsDns", "lbEu", "appEu", "replicaEu", "filesEu"}));
        QVERIFY(d.componentsRemoved.empty() && d.componentsChanged.empty());
        QCOMPARE(ends(d.connectionsRemoved), (Strings{"users>files", "users>lb"}));
        QCOMPARE(ends(d.connectionsAdded),
                 (Strings{"appEu>db", "appEu>replicaEu", "assetsDns>files", "assetsDns>filesEu",
                          "dns>lb", "dns>lbEu", "lbEu>appEu", "users>assetsDns", "users>dns"}));
        QCOMPARE(d.groupsAdded, Strings{"eu"});
        QVERIFY(d.groupsRemoved.empty() && d.groupsChanged.empty());
        QVERIFY(d.traffic.empty());
        QVERIFY(p.a.design.populations == p.b.design.populations);
    }
}

// Scaling-facts case 5 at 800,000 users, by hand: 576 requests a user a day at 3× the average
// are 0.02 req/s per user at the peak, 16,000 req/s. Cost, capacity and availability of each
// option from their inputs, then the deltas b − a.
void TestComparisons::verticalHorizontalDeltaTable()
{
    const Pair p = loadPair("compare-vertical-horizontal");
    const sc::Traffic &t = p.a.design.traffic;
    const double users = t.users;
    const double perUser = 576.0 / 86400 * 3; // req/s per user at the peak
    QCOMPARE(peakRps(t), users * perUser);
    QVERIFY(near(users * perUser, 16000, 1e-12));

    // Prices (aws-prices.md; the catalog): c5.24xlarge $4.08/h, t3.large $0.0832/h.
    QCOMPARE(sc::Catalog::builtin().instance("c5.24xlarge")->hourlyUsd, 4.08);
    QCOMPARE(sc::Catalog::builtin().instance("t3.large")->hourlyUsd, 0.0832);
    const double computeA = 4.08 * kHours * 1;
    const double computeB = 0.0832 * kHours * 20;
    // A t3.large bills surplus credits only when its mean CPU over the day is above its 30%
    // baseline; the day's mean rate is the peak ÷ peakToAverage, so the mean CPU is
    // ρ_peak / 3 = 0.8 / 3 = 27%: no credits ("Burstable instances").
    const double rhoB = users * perUser / (20 * 2 * 1000.0 / 2);
    QVERIFY(near(rhoB, 0.8, 1e-12));
    QVERIFY(rhoB / t.peakToAverage < 0.30);
    // The ALB: $0.0225 an hour + $0.008 per LCU-hour, the LCUs the larger of the average
    // req/s ÷ 1,000 and the GB processed per hour (10 KB a response).
    const double averageRps = users * perUser / t.peakToAverage;
    const double lcu = std::max({1.0, averageRps / 1000, averageRps * t.kbPerRequest * 3600 / 1e6});
    QVERIFY(near(lcu, 192, 1e-12));
    const double alb = 0.0225 * kHours + 0.008 * kHours * lcu;
    // Data out: every response leaves AWS from the ALB, 10 KB each, over the month's seconds.
    const double gbOut = averageRps * t.kbPerRequest * kHours * 3600 / 1e6;
    QVERIFY(near(gbOut, 140160, 1e-12));
    const double out = transferOutUsd(gbOut);
    SC_NEAR(p.a.ev.monthlyCostUsd, computeA + alb + out, 1e-9);
    SC_NEAR(p.b.ev.monthlyCostUsd, computeB + alb + out, 1e-9);
    SC_NEAR(p.b.ev.monthlyCostUsd - p.a.ev.monthlyCostUsd, computeB - computeA, 1e-9);
    QVERIFY(near(computeB - computeA, -1763.68, 1e-12));
    SC_NEAR(p.b.ev.costPerUserUsd - p.a.ev.costPerUserUsd, (computeB - computeA) / users, 1e-9);
    SC_QUOTES(p.file, "cost $" + withCommas(computeA - computeB) + " a month less");
    SC_QUOTES(p.file, "compute $" + withCommas(computeA) + " against $" + withCommas(computeB));

    // Capacity ("Stations"): S(c) = c / (1 + σ(c − 1)) cores of 1000 / 2 ms each. One
    // c5.24xlarge: 96 vCPU at σ = 0.0147; twenty t3.large: 40 vCPU, σ = 0.
    const double capacityA = 96 / (1 + 0.0147 * 95) * 1000 / 2;
    const double capacityB = 20 * 2 * 1000.0 / 2;
    SC_NEAR(result(p.a, "app").capacityRps, capacityA, 1e-12);
    SC_NEAR(result(p.b, "app").capacityRps, capacityB, 1e-12);
    SC_NEAR(result(p.a, "app").utilization, users * perUser / capacityA, 1e-12);
    SC_NEAR(result(p.b, "app").utilization, 0.8, 1e-12);
    // maxUsers: capacity ÷ per-user rate (the ALB's 100,000 req/s is far off).
    QCOMPARE(p.a.ev.wallComponent, p.a.design.indexOf("app"));
    SC_NEAR(*p.a.ev.maxUsers, capacityA / perUser, 1e-12);
    SC_NEAR(*p.b.ev.maxUsers, capacityB / perUser, 1e-12);
    QVERIFY(near(capacityB / perUser, 1e6, 1e-12));
    QCOMPARE(std::lround(capacityA / 1000), 20L);
    SC_QUOTES(p.file, "Both carry about 20,000 req/s, a million users");
    SC_NEAR(*p.b.ev.maxUsers - *p.a.ev.maxUsers, (capacityB - capacityA) / perUser, 1e-9);

    // Availability ("Failure"): the ALB's 99.99% in series with the app tier. One instance
    // serves everything while up (99.5%, ρ < 1). Twenty, each up with 0.995, serve with x up
    // min(1, x · 1000 / λ) of the requests: at the peak 16 of 20 carry it all.
    const double availabilityA = 0.9999 * 0.995;
    double tierAtPeak = 0;
    for (int x = 0; x <= 20; ++x) {
        const double binomial = std::tgamma(21) / (std::tgamma(x + 1) * std::tgamma(21 - x)) *
                                std::pow(0.995, x) * std::pow(0.005, 20 - x);
        tierAtPeak += binomial * std::min(1.0, x * 1000 / (users * perUser));
    }
    QVERIFY(tierAtPeak < 1 && tierAtPeak > 1 - 1e-8);
    SC_NEAR(p.a.ev.availability, availabilityA, 1e-12);
    // Off the peak fewer servers carry the load, so the day's average lies between the peak
    // hour's and the ALB's own.
    QVERIFY2(p.b.ev.availability >= 0.9999 * tierAtPeak - 1e-12 &&
                 p.b.ev.availability <= 0.9999 + 1e-12,
             describe(p.b.ev.availability, 0.9999 * tierAtPeak));
    SC_NEAR(p.b.ev.availability - p.a.ev.availability, 0.9999 - availabilityA, 1e-6);
    // The single point of failure is A's app server; B has none.
    QCOMPARE(p.a.ev.spofs, Strings{"app"});
    QVERIFY(p.b.ev.spofs.empty());
    // N+1 at the peak: 19 of B's servers carry 16,000 req/s (19,000); A has no second.
    QVERIFY(19 * 1000 >= users * perUser);
    QVERIFY(result(p.b, "app").nPlusOne);
    QVERIFY(!result(p.a, "app").nPlusOne);
}

// One server lost (docs/model.md "Live failures"): B keeps 19 of 20 servers, 19,000 req/s for
// 16,000, and serves every request; A has nothing left and serves none.
void TestComparisons::verticalHorizontalOneServerLost()
{
    const Pair p = loadPair("compare-vertical-horizontal");
    const double users = p.file.traffic.users;
    const double peak = users * 576.0 / 86400 * 3;
    sc::ScenarioEvent lose;
    lose.component = "app";
    lose.instances = 1;
    const sc::Evaluation a =
        sc::Model(p.a.design, sc::Catalog::builtin(), sc::Failures{{lose}}).evaluate(users);
    const sc::Evaluation b =
        sc::Model(p.b.design, sc::Catalog::builtin(), sc::Failures{{lose}}).evaluate(users);
    QCOMPARE(a.goodputRps, 0.0);
    QCOMPARE(a.errorRatePeak, 1.0);
    SC_NEAR(b.goodputRps, peak, 1e-12);
    QCOMPARE(b.errorRatePeak, 0.0);
    // Its wall moves from 20 to 19 servers' worth: 19,000 req/s ÷ 0.02 per user.
    SC_NEAR(*b.maxUsers, 19 * 1000 / (576.0 / 86400 * 3), 1e-12);
    // A server of twenty is 5% of B's capacity; A's one is all of its own.
    SC_NEAR((*p.b.ev.maxUsers - *b.maxUsers) / *p.b.ev.maxUsers, 1.0 / 20, 1e-9);
    SC_QUOTES(p.file, "lose 5% of their capacity with a server instead of all of it");
    SC_NEAR(b.components[size_t(p.b.design.indexOf("app"))].utilization, peak / 19000, 1e-12);
}

// Scaling-facts case 15: the same million users on two bills. The lines both bills share
// (CloudFront, the ALB, SQS, S3's GETs, data out) are the same traffic at the same prices, so the
// optimized bill is lower by the lines that differ, each hourly × 730 × count × pricing factor
// (reserved 0.6, spot 0.3; Multi-AZ RDS × 2) and RDS storage at $0.115/GB-month (a Multi-AZ
// primary's × 2, each replica instance at least its primary's storage: docs/model.md "Read
// replica storage"), S3 by its storage classes.
void TestComparisons::billDelta()
{
    const Pair p = loadPair("compare-1m-bill");
    const double h = kHours;
    const double computeA = 16 * 0.384 * h        // app: 16 × m5.2xlarge
                            + 2 * 2.0 * h         // replicas: 2 × db.r5.4xlarge
                            + 2.0 * h * 2         // primary: db.r5.4xlarge, Multi-AZ
                            + 6 * 0.34 * h;       // workers: 6 × c5.2xlarge
    const double computeB = 4 * 0.17 * h * 0.6    // app: 4 × c5.xlarge, reserved
                            + 2 * 0.206 * h       // Redis: 2 × cache.r6g.large
                            + 2 * 0.0208 * h      // PgBouncer: 2 × t3.small
                            + 1 * 0.5 * h * 0.6   // replica: 1 × db.r5.xlarge, reserved
                            + 0.5 * h * 2 * 0.6   // primary: db.r5.xlarge, Multi-AZ, reserved
                            + 3 * 0.17 * h * 0.3; // workers: 3 × c5.xlarge, spot
    // The replicas' own storageGB is the default 100 GB, under primaries of 1,000 and 500 GB.
    const double storageA = 2 * 1000 * 0.115 + 1000 * 0.115 * 2 + 10000 * 0.023;
    const double storageB =
        1 * 500 * 0.115 + 500 * 0.115 * 2 + 10000 * (0.2 * 0.023 + 0.3 * 0.0125 + 0.5 * 0.0036);
    // The prices as the catalog has them (aws-prices.md).
    for (auto [type, price] : {std::pair{"m5.2xlarge", 0.384},
                               {"db.r5.4xlarge", 2.0},
                               {"c5.2xlarge", 0.34},
                               {"c5.xlarge", 0.17},
                               {"cache.r6g.large", 0.206},
                               {"t3.small", 0.0208},
                               {"db.r5.xlarge", 0.5}})
        QCOMPARE(sc::Catalog::builtin().instance(type)->hourlyUsd, price);
    // PgBouncer's t3.small bills no credits: its mean CPU is below its 20% baseline.
    QVERIFY(result(p.b, "pooler").utilization / 3 < 0.20);

    auto category = [](const Option &o, sc::CostCategory c) {
        double sum = 0;
        for (const sc::CostItem &i : o.ev.costItems)
            sum += i.category == c ? i.monthlyUsd : 0;
        return sum;
    };
    SC_NEAR(category(p.a, sc::CostCategory::Compute) - category(p.b, sc::CostCategory::Compute),
            computeA - computeB, 1e-9);
    SC_NEAR(category(p.a, sc::CostCategory::Storage) - category(p.b, sc::CostCategory::Storage),
            storageA - storageB, 1e-9);
    for (auto c : {sc::CostCategory::Transfer, sc::CostCategory::Requests})
        SC_NEAR(category(p.b, c), category(p.a, c), 1e-12);
    const double saved = computeA - computeB + storageA - storageB;
    SC_NEAR(p.a.ev.monthlyCostUsd - p.b.ev.monthlyCostUsd, saved, 1e-9);
    // 10,671.662 before 2026-12-07, when each replica billed its own 100 GB: + 2 × 900 GB on A's
    // side − 400 GB on B's, × $0.115 = + $161.
    QVERIFY(near(saved, 10671.662 + (2 * 900 - 400) * 0.115, 1e-9));
    SC_QUOTES(p.file, "$" + withCommas(saved) + " a month lower");
    SC_QUOTES(p.file, "compute $" + withCommas(computeA) + " \u2192 $" + withCommas(computeB));
    SC_QUOTES(p.file, "storage $" + withCommas(storageA) + " \u2192 $" + withCommas(storageB));
    // The article's ~$15,000 against ~$4,500: the optimized bill is under a third of the other.
    QVERIFY(p.b.ev.monthlyCostUsd < p.a.ev.monthlyCostUsd / 3);
    // Both carry the million users.
    QVERIFY(*p.a.ev.maxUsers > 1e6 && *p.b.ev.maxUsers > 1e6);
    QCOMPARE(p.b.ev.goodputRps, p.a.ev.goodputRps);
}

// Scaling-facts case 9, cache offload, on stage 3's design: without a cache every read reaches
// the read replica; Redis at 95% hits lets 5% of them through (10,000 queries/s → 500).
void TestComparisons::cacheOffload()
{
    const Pair p = loadPair("compare-cache");
    const sc::Traffic &t = p.a.design.traffic;
    const double users = t.users;
    const double perUser = 50.0 / 86400 * 3; // dynamic req/s per user at the peak
    const double reads = users * perUser * 0.95, writes = users * perUser * 0.05;
    QCOMPARE(t.writeFraction, 0.05);
    SC_NEAR(result(p.a, "replicas").arrivals[size_t(sc::RequestClass::Read)], reads, 1e-12);
    SC_NEAR(result(p.b, "replicas").arrivals[size_t(sc::RequestClass::Read)], 0.05 * reads, 1e-12);
    SC_NEAR(result(p.b, "cache").arrivals[size_t(sc::RequestClass::Read)], reads, 1e-12);
    SC_NEAR(result(p.b, "cache").hitRatio, 0.95, 1e-12);
    QVERIFY(near(10000 * (1 - 0.95), 500, 1e-12)); // the reference's own figures

    // The replica (db.m5.2xlarge, 8 vCPU) reads in 50 ms and applies the primary's writes —
    // the app's and one per job — at half the primary's 20 ms ("Read replicas apply").
    const double applied = 2 * writes;
    const double busyA = (reads * 50 + applied * 10) / 8000;
    const double busyB = (0.05 * reads * 50 + applied * 10) / 8000;
    SC_NEAR(result(p.a, "replicas").utilization, busyA, 1e-12);
    SC_NEAR(result(p.b, "replicas").utilization, busyB, 1e-12);
    QCOMPARE(std::lround(100 * busyA), 84L);
    QCOMPARE(std::lround(100 * busyB), 6L);
    SC_QUOTES(p.file, "which runs at 84%");
    SC_QUOTES(p.file, "it runs at 6%");
    // A's wall is the replica's; B's moves to the primary's writes (db.m5.large, 2 vCPU, the
    // app's and the jobs' writes at 20 ms): 2,000 / (2 × 0.05 × perUser × 20).
    QCOMPARE(p.a.ev.wallComponent, p.a.design.indexOf("replicas"));
    SC_NEAR(*p.a.ev.maxUsers, 8000 / (perUser * (0.95 * 50 + 2 * 0.05 * 10)), 1e-12);
    QCOMPARE(p.b.ev.wallComponent, p.b.design.indexOf("db"));
    SC_NEAR(*p.b.ev.maxUsers, 2000 / (2 * 0.05 * perUser * 20), 1e-12);
    QCOMPARE(std::lround(*p.a.ev.maxUsers / 1000), 95L);
    SC_QUOTES(p.file, "its wall at 95,000 users");
    SC_QUOTES(p.file, "the primary's writes at " + withCommas(2000 / (2 * 0.05 * perUser * 20)));
    // Redis costs its node: one cache.m5.large, $0.156 an hour; nothing else changes on the bill.
    SC_NEAR(p.b.ev.monthlyCostUsd - p.a.ev.monthlyCostUsd, 0.156 * kHours, 1e-9);
    SC_QUOTES(p.file, "for $" + withCommas(0.156 * kHours) + " a month");
    // A read that hits skips the replica's 50 ms query (and its wait) and pays Redis's 0.5 ms
    // lookup instead; every read looks up. So the mean end to end falls by at least
    // reads' share × (hit ratio × 50 − 0.5) ms; the replica's wait in A only widens the gap.
    const double atLeast = 0.95 * (0.95 * 50 - 0.5);
    QVERIFY2(p.a.ev.latency.mean - p.b.ev.latency.mean > atLeast,
             describe(p.a.ev.latency.mean - p.b.ev.latency.mean, atLeast));
}

// The "Europe complains" case: 20% of the users in Frankfurt. In one region their every call
// crosses to Virginia; with eu-central-1 added, Route 53 latency routing sends them to the EU
// region (0 km away) for the API's reads and the assets, and only their writes (5%) still cross
// to the primary in us-east-1.
void TestComparisons::regionsLatency()
{
    const Pair p = loadPair("compare-regions");
    const sc::Traffic &t = p.a.design.traffic;
    // Frankfurt (eu-central-1, 50.11, 8.68) – Ashburn (us-east-1, 39.04, −77.49), great circle
    // × 2 both ways: about 131 ms.
    const double atlantic = roundTripMs(50.11, 8.68, 39.04, -77.49);
    QVERIFY(atlantic > 130 && atlantic < 132);

    // Latency routing: the EU's 20% of the API calls reach the EU balancer, the US's 80% the
    // one in Virginia.
    const double api = peakRps(t);
    SC_NEAR(result(p.b, "lbEu").arrivalRps, 0.2 * api, 1e-9);
    SC_NEAR(result(p.b, "lb").arrivalRps, 0.8 * api, 1e-9);
    SC_NEAR(result(p.b, "filesEu").arrivals[size_t(sc::RequestClass::Static)],
            0.2 * api * t.staticPerRequest, 1e-9);

    // The EU's dynamic requests: A pays the Atlantic on every one; B on its writes only.
    // What remains between them is the stations' waits (less load on each in B): < 3 ms.
    const double gainEu = population(p.a, "EU").latency.mean - population(p.b, "EU").latency.mean;
    const double byHand = (1 - t.writeFraction) * atlantic;
    QVERIFY2(gainEu >= byHand && gainEu < byHand + 3, describe(gainEu, byHand));
    // A page: 3 API calls one after another, then their 3 × 20 assets over 6 connections, 10
    // rounds each a round trip to where the assets are — Virginia in A, Frankfurt in B — plus
    // S3's own time, the same.
    QCOMPARE(t.callsPerPage, 3.0);
    const double rounds = std::ceil(3 * t.staticPerRequest / 6);
    QCOMPARE(rounds, 10.0);
    const double pageGain = population(p.a, "EU").pageMs - population(p.b, "EU").pageMs;
    SC_NEAR(pageGain - 3 * gainEu, rounds * atlantic, 1e-9);
    QVERIFY(population(p.b, "EU").pageMs < population(p.a, "EU").pageMs / 4);
    // Quoted: the round trip, and the page's gain by hand (ten rounds and at least the three
    // calls' reads').
    SC_QUOTES(p.file, "Atlantic (" + withCommas(atlantic) + " ms there and back)");
    const double pageByHand = rounds * atlantic + 3 * byHand;
    QVERIFY2(pageByHand > 1650 && pageByHand < 1750 && pageGain < 1750 && pageGain >= pageByHand,
             describe(pageGain, pageByHand));
    SC_QUOTES(p.file, "loads 1.7 s faster");
    // The US users keep their region: their mean moves by the waits only.
    const double gainUs = population(p.a, "US").latency.mean - population(p.b, "US").latency.mean;
    QVERIFY2(std::abs(gainUs) < 3, QByteArray::number(gainUs));
    // The EU region's writes cross to the primary: the EU population's p99 in B still holds a
    // write's round trip over the Atlantic or not, but its p50 (a read) no longer does.
    QVERIFY(population(p.b, "EU").latency.p50 < population(p.a, "EU").latency.p50 - 0.9 * atlantic);

    // The comparison says it (QA: no row and no clause gave the page's gain, what B is for): a
    // row per population, its page time, and the clause of the one that moves most.
    const sc::Comparison c =
        sc::compareOptions(*p.a.model, "one-region", *p.b.model, "two-regions", p.a.ev.users);
    const sc::DeltaRow *eu = sc::findRow(c, "pageMs@EU");
    QVERIFY(eu && eu->delta && sc::findRow(c, "pageMs@US"));
    SC_NEAR(*eu->delta, -pageGain, 1e-9);
    QCOMPARE(eu->label, std::string("Page time, EU"));
    QCOMPARE(eu->verdict, 1);
    const std::string summary = sc::comparisonSummary(c);
    const size_t at = summary.find("loads EU pages ");
    QVERIFY2(at != std::string::npos && summary.find(" s faster (", at) != std::string::npos,
             summary.c_str());
    const double said = std::stod(summary.substr(at + std::string("loads EU pages ").size()));
    QVERIFY2(said * 1000 >= pageByHand - 5 && said * 1000 < 1750, summary.c_str());
    const nlohmann::ordered_json json = sc::comparisonToJson(c);
    SC_NEAR(json["delta"]["populations"]["EU"]["pageMs"].get<double>(), -pageGain, 1e-9);
    SC_NEAR(json["b"]["populations"][1]["pageMs"].get<double>(), population(p.b, "EU").pageMs,
            1e-9);
    QCOMPARE(json["b"]["populations"][1]["name"].get<std::string>(), std::string("EU"));
}

// A difference of points reads in plain digits (99.9% against 0.1% available is 99.8 points:
// "%.2g" printed "+1e+02 pp"; QA); the text and Markdown list what B changes beyond its
// components — connections, groups, traffic — and the objectives that differ (a latency wall
// that moved with none of the design changed said nothing of why; QA).
void TestComparisons::pointsAndWhatElseChanged()
{
    sc::OptionFigures a;
    a.name = "A";
    a.availability = 0.999;
    a.errorRatePeak = 0;
    sc::OptionFigures b = a;
    b.name = "B";
    b.availability = 0.001;
    b.errorRatePeak = 0.998;
    sc::Comparison c = comparisonOf(a, b);
    QCOMPARE(sc::findRow(c, "availability")->textDelta, std::string("−99.8 pp"));
    QCOMPARE(sc::findRow(c, "errorRatePeak")->textDelta, std::string("+99.8 pp"));
    QCOMPARE(sc::findRow(c, "errorRatePeak")->textB, std::string("99.8%"));
    // A latency wall of 0 (the objective missed at the fewest users counted) reads as such.
    a.sloMaxUsers = 0;
    b.sloMaxUsers = 16200;
    c.rows = sc::deltaRows(a, b);
    QCOMPARE(sc::findRow(c, "sloMaxUsers")->textA, std::string("below 10"));
    QCOMPARE(sc::findRow(c, "sloMaxUsers")->textB, std::string("16.2k"));
    b.availability = 0.999 - 4e-7; // 0.00004 points
    c.rows = sc::deltaRows(a, b);
    QCOMPARE(sc::findRow(c, "availability")->textDelta, std::string("−0.00004 pp"));

    sc::Connection cut;
    cut.from = "app";
    cut.to = "cache";
    c.diff.connectionsRemoved = {cut};
    c.diff.traffic = {{"kbPerRequest", "10", "20"}};
    c.objectives = {{"p99Ms", 300, 500, "p99 objective 300 ms → 500 ms"}};
    const std::string text = sc::comparisonToText(c), md = sc::comparisonToMarkdown(c);
    for (const std::string &out : {text, md}) {
        QVERIFY2(out.find("Removed connection") != std::string::npos, out.c_str());
        QVERIFY2(out.find("Traffic: KB per request 10 → 20") != std::string::npos, out.c_str());
        QVERIFY2(out.find("p99 objective 300 ms → 500 ms") != std::string::npos, out.c_str());
    }
    QVERIFY2(text.find("Removed connection app → cache") != std::string::npos, text.c_str());
    QVERIFY2(md.find("Removed connection `app` → `cache`") != std::string::npos, md.c_str());
    const nlohmann::ordered_json json = sc::comparisonToJson(c);
    QCOMPARE(json["objectives"]["p99Ms"][0].get<double>(), 300.0);
    QCOMPARE(json["objectives"]["p99Ms"][1].get<double>(), 500.0);
    // Design text on the text report's lines: controls as escapes, as the CLI shows them.
    c.a.name = "N\x1b]0;x\x07";
    QVERIFY2(sc::comparisonToText(c).rfind("A: N\\u001b]0;x\\u0007\n", 0) == 0,
             sc::comparisonToText(c).c_str());
}

// Where the users are and the network's constants move the latencies as components do: the
// diff names them, in the text, the Markdown and the JSON, with the connections and groups that
// changed (QA: B's users half in Europe, p50 +90.7 ms with no change listed; the JSON had no
// changed connections and no groups at all).
void TestComparisons::whereTheUsersAreIsAChange()
{
    const Pair p = loadPair("compare-regions");
    sc::Design b = p.a.design;
    b.populations[0].share = 0.5; // US, 0.8 in A
    b.populations[1].share = 0.4; // EU, 0.2 in A
    b.populations.push_back({"Tokyo", 0.1, {"ap-northeast-1", 0, 0}});
    b.geography.routeFactor = 3;
    b.connections[1].weight = 2; // lb → app
    b.groups[0].label += " (B)";
    const sc::Model ma(p.a.design, sc::Catalog::builtin()), mb(b, sc::Catalog::builtin());
    QVERIFY(ma.ok() && mb.ok());
    const sc::Comparison c = sc::compareOptions(ma, "A", mb, "B", p.file.traffic.users);
    QCOMPARE(c.diff.populations.size(), size_t(3));
    QVERIFY(!c.diff.empty());
    const std::string text = sc::comparisonToText(c), md = sc::comparisonToMarkdown(c);
    for (const char *line :
         {"Changed population US: share 80% → 50%", "Changed population EU: share 20% → 40%",
          "Added population Tokyo (10% of the users, in ap-northeast-1)",
          "Geography: route factor 2 → 3", "Changed connection lb → app", "Changed group east"})
        QVERIFY2(text.find(line) != std::string::npos, (std::string(line) + "\n" + text).c_str());
    QVERIFY2(md.find("Changed population `US`: share 80% → 50%") != std::string::npos, md.c_str());
    const nlohmann::ordered_json json = sc::comparisonToJson(c);
    QCOMPARE(json["populations"]["changed"][0]["name"].get<std::string>(), std::string("US"));
    QCOMPARE(json["populations"]["changed"][0]["share"][1].get<double>(), 0.5);
    QCOMPARE(json["populations"]["added"][0]["place"]["region"].get<std::string>(),
             std::string("ap-northeast-1"));
    QCOMPARE(json["geography"]["routeFactor"][0].get<double>(), 2.0);
    QCOMPARE(json["geography"]["routeFactor"][1].get<double>(), 3.0);
    QCOMPARE(json["connections"]["changed"][0]["to"].get<std::string>(), std::string("app"));
    QVERIFY(json["connections"]["changed"][0]["weight"][0].is_null());
    QCOMPARE(json["connections"]["changed"][0]["weight"][1].get<double>(), 2.0);
    QCOMPARE(json["groups"]["changed"][0].get<std::string>(), std::string("east"));
    // A design against itself: nothing of it listed.
    const sc::Comparison same = sc::compareOptions(ma, "A", ma, "B", p.file.traffic.users);
    QVERIFY(same.diff.empty());
}

// Figures the table once rounded away (QA): a cost per user of $0.0099 against $0.0100 (unoptimized
// against 200 GB more storage at 2M users: $19,893 and $19,985 a month) read "0"; B − A is
// $92 ÷ 2M = $0.000046 a user, worse. A failing share of 99.954% read "100%".
void TestComparisons::smallFiguresReadTheirDifference()
{
    sc::OptionFigures a;
    a.name = "unoptimized";
    a.costPerUserUsd = 19893.0 / 2e6; // 0.0099465
    a.errorRatePeak = 0.99954;
    a.maxUsers = 1e6;
    sc::OptionFigures b = a;
    b.name = "more-storage";
    b.costPerUserUsd = 19985.0 / 2e6; // 0.0099925
    b.errorRatePeak = 0.99847;
    b.maxUsers = 0.5e6;
    const sc::DeltaRow perUser = rowBetween(a, b, "costPerUserUsd");
    QCOMPARE(perUser.textA, std::string("$0.00995")); // three significant digits
    QCOMPARE(perUser.textB, std::string("$0.00999"));
    QCOMPARE(perUser.textDelta, std::string("+$0.000046"));
    QCOMPARE(perUser.verdict, -1);
    // From a cent up, four decimals as before: $0.0615 against $0.0658, 0.0043479 apart.
    sc::OptionFigures c = a, d = a;
    c.costPerUserUsd = 0.0615;
    d.costPerUserUsd = 0.0615 + 0.0043479;
    const sc::DeltaRow centRow = rowBetween(c, d, "costPerUserUsd");
    QCOMPARE(centRow.textA, std::string("$0.0615"));
    QCOMPARE(centRow.textB, std::string("$0.0658"));
    QCOMPARE(centRow.textDelta, std::string("+$0.00435"));
    const sc::DeltaRow failing = rowBetween(a, b, "errorRatePeak");
    QCOMPARE(failing.textA, std::string("99.95%"));
    QCOMPARE(failing.textB, std::string("99.85%"));        // at A's precision
    QCOMPARE(failing.textDelta, std::string("−0.107 pp")); // 99.847 − 99.954
    // Near all of them, as many digits as it takes, and a difference where they read apart:
    // 99.997% against 99.995% (it read "0" between them); the same text, no difference.
    const auto failingRow = [&a](double shareA, double shareB) {
        sc::OptionFigures x = a, y = a;
        x.errorRatePeak = shareA;
        y.errorRatePeak = shareB;
        return rowBetween(x, y, "errorRatePeak");
    };
    const sc::DeltaRow nearRow = failingRow(0.99997, 0.99995);
    QCOMPARE(nearRow.textA, std::string("99.997%"));
    QCOMPARE(nearRow.textB, std::string("99.995%"));
    QCOMPARE(nearRow.textDelta, std::string("−0.002 pp"));
    QCOMPARE(nearRow.verdict, 1);
    // At one precision, its zeros kept: 99.999% beside 99.990% (it read 99.99%).
    const sc::DeltaRow ninesRow = failingRow(0.99999, 0.9999);
    QCOMPARE(ninesRow.textA, std::string("99.999%"));
    QCOMPARE(ninesRow.textB, std::string("99.990%"));
    QCOMPARE(ninesRow.textDelta, std::string("−0.009 pp"));
    const sc::DeltaRow sameRow = failingRow(0.99997, 0.99997 + 1e-9); // 99.9970001%
    QCOMPARE(sameRow.textDelta, std::string("0"));
    QCOMPARE(sameRow.verdict, 0);
    // All of them still reads 100%.
    sc::OptionFigures all = a;
    all.errorRatePeak = 1;
    QCOMPARE(rowBetween(all, b, "errorRatePeak").textA, std::string("100%"));
    // A name ending in s takes an apostrophe alone: B reaches its wall at half of A's users.
    sc::Comparison cmp;
    cmp.users = 2e6;
    cmp.a = b;
    cmp.b = a;
    cmp.a.name = "two-regions";
    cmp.b.maxUsers = 0.25e6;
    cmp.rows = sc::deltaRows(cmp.a, cmp.b);
    const std::string summary = sc::comparisonSummary(cmp);
    QVERIFY2(summary.find("at 50% of two-regions' users") != std::string::npos, summary.c_str());
    // Both failing the same share is said (it read only "is more available").
    sc::Comparison alike = cmp;
    alike.a.errorRatePeak = alike.b.errorRatePeak = 0.99997;
    alike.a.availability = 0.0011;
    alike.b.availability = 0.0051;
    alike.rows = sc::deltaRows(alike.a, alike.b);
    const std::string both = sc::comparisonSummary(alike);
    QVERIFY2(both.find(" fails 99.997% of the requests at the peak, as two-regions does") !=
                 std::string::npos,
             both.c_str());
}

// A region moved to another continent is said with its place (QA: "Changed group east" alone,
// as for a box nudged, where the US users' calls took 124 ms more).
void TestComparisons::aMovedRegionSaysWhere()
{
    const Pair p = loadPair("compare-regions");
    sc::Design b = p.a.design;
    QCOMPARE(b.groups[0].id, std::string("east"));
    QVERIFY(b.groups[0].place && b.groups[0].place->region == "us-east-1");
    b.groups[0].place = sc::Place{"eu-central-1", 0, 0};
    b.groups[0].label = "Frankfurt";
    const std::string moved = b.groups[0].members.back();
    b.groups[0].members.pop_back();
    b.groups[0].x += 10;
    const sc::Model ma(p.a.design, sc::Catalog::builtin()), mb(b, sc::Catalog::builtin());
    QVERIFY(ma.ok() && mb.ok());
    const sc::Comparison c = sc::compareOptions(ma, "A", mb, "B", p.file.traffic.users);
    const std::string text = sc::comparisonToText(c), md = sc::comparisonToMarkdown(c);
    const std::string want = "Changed group east: place us-east-1 → eu-central-1, label " +
                             p.a.design.groups[0].label + " → Frankfurt, members −" + moved +
                             ", moved";
    QVERIFY2(text.find(want + "\n") != std::string::npos, (want + "\n" + text).c_str());
    QVERIFY2(md.find("Changed group `east`: place `us-east-1` → `eu-central-1`") !=
                 std::string::npos,
             md.c_str());
    const nlohmann::ordered_json json = sc::comparisonToJson(c)["groups"];
    QCOMPARE(json["changed"][0].get<std::string>(), std::string("east"));
    const nlohmann::ordered_json &detail = json["details"][0];
    QCOMPARE(detail["id"].get<std::string>(), std::string("east"));
    QCOMPARE(detail["place"][0]["region"].get<std::string>(), std::string("us-east-1"));
    QCOMPARE(detail["place"][1]["region"].get<std::string>(), std::string("eu-central-1"));
    QCOMPARE(detail["label"][1].get<std::string>(), std::string("Frankfurt"));
    QCOMPARE(detail["members"]["removed"][0].get<std::string>(), moved);
    QVERIFY(detail["members"]["added"].empty());
    QCOMPARE(detail["moved"].get<bool>(), true);
    QVERIFY(!detail.contains("resized") && !detail.contains("kind") && !detail.contains("region"));
}

// The pages of two populations move apart: the summary names the one that gains most user time
// (share × change) and the one that loses most, the same two either way round (QA: it named
// one, by its change relative to A, whatever its share). A population's name is escaped in the
// Markdown table as anywhere else ("A|B" split the row).
void TestComparisons::pagesEitherWay()
{
    sc::OptionFigures a;
    a.name = "optA";
    a.populations = {{"X", 0.01, 50.0, 100.0}, {"Y", 0.49, 300.0, 2020.0}, {"A|B", 0.5, 1.0, 100}};
    sc::OptionFigures b = a;
    b.name = "optB";
    b.populations[0].pageMs = 300;  // +200 ms for 1% of the users: 2 ms of user time
    b.populations[1].pageMs = 1510; // −510 ms for 49%: 249.9
    b.populations[2].pageMs = 150;  // +50 ms for 50%: 25, the most lost
    sc::Comparison ab;
    ab.users = 1000;
    ab.a = a;
    ab.b = b;
    ab.rows = sc::deltaRows(a, b);
    const std::string forward = sc::comparisonSummary(ab);
    QVERIFY2(forward.find("loads Y pages 510 ms faster (1.51 s against 2.02 s) but A|B pages 50 "
                          "ms slower (150 ms against 100 ms)") != std::string::npos,
             forward.c_str());
    sc::Comparison ba = ab;
    std::swap(ba.a, ba.b);
    ba.rows = sc::deltaRows(ba.a, ba.b);
    const std::string back = sc::comparisonSummary(ba);
    QVERIFY2(back.find("loads A|B pages 50 ms faster (100 ms against 150 ms) but Y pages 510 ms "
                       "slower (2.02 s against 1.51 s)") != std::string::npos,
             back.c_str());
    // Within 5% of the slower of the two, either way round, no clause: 100 → 105.2 (5.2 ms, past
    // 5% of 100 but not of 105.2) and back.
    sc::OptionFigures c = a, d = a;
    c.populations = {{"X", 1.0, 1.0, 100.0}};
    d.populations = {{"X", 1.0, 1.0, 105.2}};
    for (const bool swapped : {false, true}) {
        sc::Comparison small;
        small.users = 1000;
        small.a = swapped ? d : c;
        small.b = swapped ? c : d;
        small.rows = sc::deltaRows(small.a, small.b);
        const std::string said = sc::comparisonSummary(small);
        QVERIFY2(said.find("pages") == std::string::npos, said.c_str());
    }
    const std::string md = sc::comparisonToMarkdown(ab);
    QVERIFY2(md.find("| Page time, A\\|B | 100 ms | 150 ms |") != std::string::npos, md.c_str());
}

// The review's edges: a cost per user from $1 shown in cents, and its difference (it read "0"
// between $125.27 and $125.31); one just under $1 reads "$1.00", not "$1.0000"; a failing
// share beside one in the nineties keeps its own precision ("10.0000%" before); within 10⁻⁹ of
// all reads 100%; two pages' changes of one weight name the first name either way round; a
// population only one option has stays "added" beside an option that serves nothing; a
// residue of failing on both sides is not said.
void TestComparisons::reviewedEdges()
{
    sc::OptionFigures a;
    a.name = "A";
    sc::OptionFigures b = a;
    b.name = "B";
    a.costPerUserUsd = 125.27;
    b.costPerUserUsd = 125.31;
    const sc::DeltaRow dollars = rowBetween(a, b, "costPerUserUsd");
    QCOMPARE(dollars.textA, std::string("$125.27"));
    QCOMPARE(dollars.textDelta, std::string("+$0.0400"));
    QCOMPARE(dollars.verdict, -1);
    b.costPerUserUsd = 0.99996;
    QCOMPARE(rowBetween(a, b, "costPerUserUsd").textB, std::string("$1.00"));
    b.costPerUserUsd = 0; // nothing billed: no cents, not the "$1.00" of the line above
    QCOMPARE(rowBetween(a, b, "costPerUserUsd").textB, std::string("$0.00"));

    a.errorRatePeak = 0.1;
    b.errorRatePeak = 0.99999;
    const sc::DeltaRow shares = rowBetween(a, b, "errorRatePeak");
    QCOMPARE(shares.textA, std::string("10%"));
    QCOMPARE(shares.textB, std::string("99.999%"));
    b.errorRatePeak = 1 - 1e-10;
    QCOMPARE(rowBetween(a, b, "errorRatePeak").textB, std::string("100%"));

    // X and Y both 100 ms slower for half the users each: X, either way round.
    a.populations = {{"Y", 0.5, 1.0, 300.0}, {"X", 0.5, 1.0, 100.0}};
    b.populations = {{"Y", 0.5, 1.0, 400.0}, {"X", 0.5, 1.0, 200.0}};
    for (const bool swapped : {false, true}) {
        sc::Comparison c;
        c.users = 1000;
        c.a = swapped ? b : a;
        c.b = swapped ? a : b;
        c.a.errorRatePeak = c.b.errorRatePeak = 0;
        c.rows = sc::deltaRows(c.a, c.b);
        const std::string said = sc::comparisonSummary(c);
        QVERIFY2(said.find(swapped ? "loads X pages 100 ms faster"
                                   : "loads X pages 100 ms slower") != std::string::npos,
                 said.c_str());
    }

    sc::OptionFigures none = a, some = a;
    none.servesNothing = true;
    none.populations = {{"X", 1.0, std::nullopt, std::nullopt}};
    some.populations = {{"X", 0.5, 1.0, 100.0}, {"Tokyo", 0.5, 1.0, 900.0}};
    const sc::DeltaRow tokyo = rowBetween(none, some, "pageMs@Tokyo");
    QCOMPARE(tokyo.textA, std::string("—"));
    QCOMPARE(tokyo.textDelta, std::string("added"));
    QCOMPARE(tokyo.verdict, 0);
    QCOMPARE(rowBetween(none, some, "pageMs@X").textA, std::string("none served"));

    sc::Comparison residue;
    residue.users = 1000;
    residue.a = a;
    residue.b = a;
    residue.b.name = "B";
    residue.a.errorRatePeak = residue.b.errorRatePeak = 1e-12;
    residue.b.monthlyCostUsd = 10;
    residue.rows = sc::deltaRows(residue.a, residue.b);
    const std::string said = sc::comparisonSummary(residue);
    QVERIFY2(said.find("fails") == std::string::npos, said.c_str());
}

// A CDN with no origin (its 10% of misses go nowhere) against the working one: its pages are
// not faster (they were: 543 against 694 ms in Europe, the failed fetches left out; QA). The
// rows read the share failing, worse, and the summary says it.
void TestComparisons::failingFetchesAreNoFasterPage()
{
    const sc::Design working = loadTemplate("case-europe-cdn");
    sc::Design broken = working;
    std::erase_if(broken.connections,
                  [](const sc::Connection &e) { return e.from == "cdn" && e.to == "files"; });
    const sc::Model mw(working, sc::Catalog::builtin()), mb(broken, sc::Catalog::builtin());
    const sc::Comparison c = sc::compareOptions(mw, "working", mb, "broken", 100000);
    const sc::DeltaRow *eu = sc::findRow(c, "pageMs@EU");
    QVERIFY(eu && eu->a && !eu->b);
    QCOMPARE(eu->textB, std::string("10% of fetches fail")); // 1 − the hit ratio 0.9
    QCOMPARE(eu->verdict, -1);
    const std::string said = sc::comparisonSummary(c);
    QVERIFY2(said.find("broken fails 10% of EU's static fetches (working fails none)") !=
                 std::string::npos,
             said.c_str());
    QVERIFY2(said.find("pages") == std::string::npos, said.c_str());
}

// A population named in CJK (QA: "東京" misaligned the text table's columns, its two characters
// counted as two columns where a terminal draws four): the table reads as it does with an ASCII
// name of the same columns, and a cut keeps to the columns too.
void TestComparisons::wideCharactersTakeTwoColumns()
{
    const auto table = [](const std::string &place) {
        sc::Comparison c = tableOfTwo();
        for (sc::DeltaRow &r : c.rows)
            r.label += ", " + place;
        return sc::comparisonToText(c);
    };
    // Two wide characters are four columns; a combining accent none.
    std::string wide = table("東京 Cafe\u0301"), ascii = table("TKYO Cafe");
    QVERIFY(wide.find("東京") != std::string::npos);
    for (auto [from, to] : {std::pair<std::string, std::string>{"東京", "TKYO"}, {"e\u0301", "e"}})
        for (size_t at = 0; (at = wide.find(from, at)) != std::string::npos; at += to.size())
            wide.replace(at, from.size(), to);
    QCOMPARE(QString::fromStdString(wide), QString::fromStdString(ascii));
    QCOMPARE(sc::shownWidth("東京 p99"), size_t(8));
    QCOMPARE(sc::shownWidth("Cafe\u0301"), size_t(4));
    QCOMPARE(sc::fitColumn("東京東京", 5), std::string("東京…"));
    QCOMPARE(sc::fitColumn("東京東京", 4), std::string("東… ")); // 京 would end in column 5
    QCOMPARE(sc::fitColumn("東京", 6, true), std::string("  東京"));
}

QTEST_GUILESS_MAIN(TestComparisons)
#include "tst_comparisons.moc"

// A difference below what the table shows reads "0", neither better nor worse: B stores 1 GB
// more in S3 than stage 3 (about $0.02 a month), which at 1M users is 2e-8 dollars per user,
// once shown as "+$0.0000 worse".
// Stage 3 with its balancer wired to nothing serves no user's request (QA): its latencies and
// both walls read "none served", not "overloaded" and "none", and in every row it cannot be
// better in (the latencies, both walls, fewer single points of failure) it is the worse option,
// either way round; the summary says so first and leaves those rows out. Two such options are
// the same there.
void TestComparisons::servingNothingIsNeverBetter()
{
    const sc::Design served = loadTemplate("stage3-100k");
    sc::Design dead = served;
    std::erase_if(dead.connections,
                  [](const sc::Connection &c) { return c.from == "lb" && c.to == "app"; });
    QCOMPARE(dead.connections.size(), served.connections.size() - 1);
    const sc::Model ms(served, sc::Catalog::builtin()), md(dead, sc::Catalog::builtin());
    const double users = served.traffic.users;
    const Strings rows = {"p50Ms", "p99Ms", "maxUsers", "sloMaxUsers", "spofs"};
    for (const bool deadIsB : {true, false}) {
        const sc::Comparison c = deadIsB ? sc::compareOptions(ms, "Served", md, "Dead", users)
                                         : sc::compareOptions(md, "Dead", ms, "Served", users);
        QCOMPARE(c.a.servesNothing, !deadIsB);
        QCOMPARE(c.b.servesNothing, deadIsB);
        for (const std::string &key : rows) {
            const sc::DeltaRow *r = sc::findRow(c, key);
            QVERIFY(r);
            QCOMPARE(r->verdict, deadIsB ? -1 : 1);
            if (key != "spofs") { // the walls too: the dead one's is a station's no user reaches
                QCOMPARE(deadIsB ? r->textB : r->textA, std::string("none served"));
                QVERIFY(!r->delta);
                QCOMPARE(r->textDelta, std::string("changed"));
            }
        }
        // Stage 3's one single point of failure (its primary) is on no served path in the dead
        // one: fewer there is no better. The same count is neither (GUI QA: "0 | 0 | 0 worse").
        QCOMPARE(sc::findRow(c, "spofs")->textDelta, std::string(deadIsB ? "−1" : "+1"));
        sc::Design deadMultiAz = dead, servedMultiAz = served;
        for (sc::Design *d : {&deadMultiAz, &servedMultiAz})
            for (sc::Component &comp : d->components)
                if (comp.kind == sc::Kind::Database)
                    comp.params["multiAz"] = {1, {}};
        const sc::Model msz(servedMultiAz, sc::Catalog::builtin()),
            mdz(deadMultiAz, sc::Catalog::builtin());
        const sc::Comparison same = deadIsB ? sc::compareOptions(msz, "Served", mdz, "Dead", users)
                                            : sc::compareOptions(mdz, "Dead", msz, "Served", users);
        QCOMPARE(same.a.spofs.size(), size_t(0));
        QCOMPARE(same.b.spofs.size(), size_t(0));
        QCOMPARE(sc::findRow(same, "spofs")->verdict, 0);
        QCOMPARE(sc::findRow(same, "maxUsers")->verdict, deadIsB ? -1 : 1);
        const std::string summary = sc::comparisonSummary(c);
        const std::string first =
            deadIsB ? "At 100k users, Dead serves no dynamic request (Served serves "
                      "100% at the peak)"
                    : "At 100k users, Served serves 100% at the peak (Dead "
                      "serves no dynamic request)";
        QVERIFY2(summary.rfind(first, 0) == 0, summary.c_str());
        for (const char *left : {"wall", "p99", "single point", "overloaded"})
            QVERIFY2(summary.find(left) == std::string::npos, summary.c_str());
    }
    const sc::Comparison both = sc::compareOptions(md, "A", md, "B", users);
    for (const std::string &key : rows)
        QCOMPARE(sc::findRow(both, key)->verdict, 0);
    // Two that serve nothing are the same in their single points of failure too, whatever their
    // counts (review: "2 | 1 | −1 better"): a balancer, an app tier of one or two instances and a
    // pooler wired to nothing after it.
    sc::Design poolerToNothing;
    poolerToNothing.traffic = sctest::flat(1000, 50, 0.1);
    poolerToNothing.components = {
        sctest::make("users", sc::Kind::Clients), sctest::make("lb", sc::Kind::LoadBalancer),
        sctest::make("app", sc::Kind::AppServer, {{"instances", sctest::num(1)}}),
        sctest::make("pool", sc::Kind::Pooler)};
    poolerToNothing.connections = {sctest::wire("users", "lb"), sctest::wire("lb", "app"),
                                   sctest::wire("app", "pool")};
    sc::Design twoApps = poolerToNothing;
    twoApps.components[2].params["instances"] = sctest::num(2);
    const sc::Model one(poolerToNothing, sc::Catalog::builtin()),
        two(twoApps, sc::Catalog::builtin());
    const sc::Comparison counts = sc::compareOptions(one, "One", two, "Two", 1000);
    QVERIFY(counts.a.servesNothing && counts.b.servesNothing);
    QCOMPARE(counts.a.spofs.size(), size_t(2)); // the scenario: the counts differ
    QCOMPARE(counts.b.spofs.size(), size_t(1));
    QCOMPARE(sc::findRow(counts, "spofs")->verdict, 0);
    QCOMPARE(sc::findRow(both, "p99Ms")->textDelta, std::string("—"));
    QVERIFY2(sc::comparisonSummary(both).find("B is the same design as A: every figure is the "
                                              "same, and it serves no dynamic request.") !=
                 std::string::npos,
             sc::comparisonSummary(both).c_str());
}

// QA: an option that failed 10% of its requests at the peak was said to answer faster, with no
// word of the 10%. The connection storm refuses 1 − 400/(20 × 25) = 20% (scaling-facts.md case
// 10); with 500 connections accepted it refuses none. The summary says what fails first, either
// way round, and its p99 is of what each serves.
void TestComparisons::failingIsSaidFirst()
{
    const sc::Design storm = loadTemplate("case-connection-storm");
    sc::Design roomy = storm;
    for (sc::Component &c : roomy.components)
        if (c.kind == sc::Kind::Database)
            c.params["maxConnections"] = {20 * 25, {}};
    const sc::Model ms(storm, sc::Catalog::builtin()), mr(roomy, sc::Catalog::builtin());
    const double users = storm.traffic.users;
    const double refused = 1 - 400.0 / (20 * 25);
    const sc::Comparison fixed = sc::compareOptions(ms, "Storm", mr, "Roomy", users);
    SC_NEAR(fixed.a.errorRatePeak, refused, 1e-12);
    QCOMPARE(fixed.b.errorRatePeak, 0.0);
    const std::string s1 = sc::comparisonSummary(fixed);
    QVERIFY2(s1.rfind("At 200k users, Roomy fails none of the requests at the peak (Storm fails "
                      "20%), costs ",
                      0) == 0,
             s1.c_str());
    const sc::Comparison broken = sc::compareOptions(mr, "Roomy", ms, "Storm", users);
    const std::string s2 = sc::comparisonSummary(broken);
    QVERIFY2(s2.rfind("At 200k users, Storm fails 20% of the requests at the peak (Roomy fails "
                      "none), costs ",
                      0) == 0,
             s2.c_str());
    for (const std::string &s : {s1, s2})
        QVERIFY2(s.find("answers in") == std::string::npos, s.c_str());
    // The same design twice is said to be that (QA: "B costs the same a month as A", where the
    // compare window said they were the same design).
    const std::string same = sc::comparisonSummary(sc::compareOptions(ms, "A", ms, "B", users));
    QCOMPARE(same, std::string("At 200k users, B is the same design as A: every figure is the "
                               "same."));
}

void TestComparisons::tooSmallToShowReadsZero()
{
    const sc::Design a = loadTemplate("stage3-100k");
    sc::Design b = a;
    for (sc::Component &c : b.components)
        if (c.kind == sc::Kind::ObjectStorage)
            c.params["storageGB"] = {c.number("storageGB") + 1, {}};
    const sc::Model ma(a, sc::Catalog::builtin()), mb(b, sc::Catalog::builtin());
    const sc::Comparison c = sc::compareOptions(ma, "A", mb, "B", 1e6);
    // Stage 3's S3 keeps 70% in Standard ($0.023/GB-month) and its warmFraction 30% in
    // Standard-IA ($0.0125, aws-prices.md): 1 GB more is $0.01985 a month, shown to the cent.
    const sc::DeltaRow *cost = sc::findRow(c, "monthlyCostUsd");
    QVERIFY(cost && cost->delta);
    SC_NEAR(*cost->delta, 0.7 * 0.023 + 0.3 * 0.0125, 1e-9);
    QCOMPARE(cost->textDelta, std::string("+$0.02"));
    QCOMPARE(cost->verdict, -1);
    const sc::DeltaRow *perUser = sc::findRow(c, "costPerUserUsd");
    QVERIFY(perUser && perUser->delta && *perUser->delta > 0 && *perUser->delta < 5e-5);
    QCOMPARE(perUser->textDelta, std::string("0"));
    QCOMPARE(perUser->verdict, 0);
}

// The errors among the errors and warnings are said, and decide the verdict: B with an error
// added and a warning dropped has as many as A (2 and 2: "0", neither better nor worse; QA)
// but is worse, "+1 error"; fewer errors with more warnings is better, its count's difference
// beside the errors'. The JSON's delta stays the count's, b − a.
void TestComparisons::anAddedErrorIsWorse()
{
    sc::OptionFigures a;
    a.name = "A";
    a.warningCount = 2;
    sc::OptionFigures b = a;
    b.name = "B";
    b.errorCount = 1;
    b.warningCount = 1;
    const auto row = [](const sc::OptionFigures &x, const sc::OptionFigures &y) {
        for (const sc::DeltaRow &r : sc::deltaRows(x, y))
            if (r.key == "warnings")
                return r;
        return sc::DeltaRow{};
    };
    const sc::DeltaRow added = row(a, b);
    QCOMPARE(added.textA, std::string("2"));
    QCOMPARE(added.textB, std::string("2 (1 error)"));
    QCOMPARE(*added.delta, 0.0);
    QCOMPARE(added.textDelta, std::string("+1 error"));
    QCOMPARE(added.verdict, -1);
    sc::OptionFigures c = a;
    c.errorCount = 2;
    c.warningCount = 0;
    sc::OptionFigures d = a;
    d.errorCount = 0;
    d.warningCount = 3;
    const sc::DeltaRow fewer = row(c, d); // 2 errors → 3 warnings
    QCOMPARE(fewer.textA, std::string("2 (2 errors)"));
    QCOMPARE(fewer.textB, std::string("3"));
    QCOMPARE(*fewer.delta, 1.0);
    QCOMPARE(fewer.textDelta, std::string("+1 (−2 errors)"));
    QCOMPARE(fewer.verdict, 1);
    // The same errors: the count decides, as before.
    QCOMPARE(row(d, a).verdict, 1);
    QCOMPARE(row(d, a).textDelta, std::string("−1"));
}

// Two evaluations that add the same terms in another order differ in the last bits: the p99 of
// 165 ms against 165 + 3.22e-11 ms read "+3.22e-11 ms worse". Within 1e-9 of the figures a
// difference reads "0", neither better nor worse (the JSON's delta stays b − a, exactly). So
// does a latency or wall that moves less than half a unit of its fourth digit (the columns show
// three): 2e-9 of 165 ms (3.3e-7 ms, once "+3.3e-07 ms worse"), 56.1 ms against 56.1 + 1.2e-6
// (QA: "+1.2e-06 ms worse" between two columns reading 56.1 ms), 0.049 ms of 165; a real
// 0.4 ms (165 → 165.4, half a unit of the fourth digit is 0.05 ms) and a 0.3% wall count.
void TestComparisons::roundingNoiseIsNoChange()
{
    sc::OptionFigures a;
    a.name = "A";
    a.monthlyCostUsd = 496.4;
    a.p50Ms = 69.4;
    a.p99Ms = 165;
    a.maxUsers = 2.5e6;
    a.availability = 0.99999999;
    sc::OptionFigures b = a;
    b.name = "B";
    b.p99Ms = 165 + 3.22e-11;
    b.monthlyCostUsd = 496.4 * (1 + 1e-12);
    b.maxUsers = 2.5e6 * (1 - 5e-10);
    const std::vector<sc::DeltaRow> rows = sc::deltaRows(a, b);
    sc::Comparison c;
    c.a = a;
    c.b = b;
    c.rows = rows;
    const nlohmann::ordered_json json = sc::comparisonToJson(c);
    for (const char *key : {"p99Ms", "monthlyCostUsd", "maxUsers"}) {
        const sc::DeltaRow *r = sc::findRow(c, key);
        QVERIFY(r && r->delta && *r->b != *r->a);
        QCOMPARE(*r->delta, *r->b - *r->a);
        QCOMPARE(r->textDelta, std::string("0"));
        QCOMPARE(r->verdict, 0);
        QCOMPARE(json["delta"][key].get<double>(), *r->b - *r->a);
    }
    QVERIFY2(sc::comparisonToText(c).find("worse") == std::string::npos,
             sc::comparisonToText(c).c_str());
    QVERIFY2(sc::comparisonSummary(c).find("B costs the same a month as A.") != std::string::npos,
             sc::comparisonSummary(c).c_str());
    // Two availabilities that read the same, 99.90% (0.999 and 0.99900406: 0.000406 pp apart),
    // read no difference (QA: "+0.000406 pp better" in green between them); 99.90% against
    // 99.91% still reads +0.01 pp better.
    const auto availabilityRow = [&](double x, double y) {
        sc::OptionFigures fa = a, fb = a;
        fa.availability = x;
        fb.availability = y;
        for (const sc::DeltaRow &r : sc::deltaRows(fa, fb))
            if (r.key == "availability")
                return r;
        return sc::DeltaRow{};
    };
    const sc::DeltaRow same = availabilityRow(0.999, 0.99900406);
    QCOMPARE(same.textA, same.textB);
    QCOMPARE(same.textDelta, std::string("0"));
    QCOMPARE(same.verdict, 0);
    QCOMPARE(*same.delta, 0.99900406 - 0.999); // the JSON's delta stays b − a
    const sc::DeltaRow apart = availabilityRow(0.999, 0.9991);
    QVERIFY(apart.textA != apart.textB);
    QCOMPARE(apart.verdict, 1);
    QCOMPARE(apart.textDelta, std::string("+0.01 pp"));
    for (const double p99 : {165 * (1 + 2e-9), 165.049}) {
        b.p99Ms = p99;
        const sc::DeltaRow p = sc::deltaRows(a, b)[3];
        QCOMPARE(p.key, std::string("p99Ms"));
        QCOMPARE(*p.delta, p99 - 165);
        QCOMPARE(p.verdict, 0);
        QCOMPARE(p.textDelta, std::string("0"));
    }
    sc::OptionFigures small = a;
    small.p50Ms = 56.1;
    sc::OptionFigures smallB = small;
    smallB.p50Ms = 56.1 + 1.2e-6;
    const sc::DeltaRow p50 = sc::deltaRows(small, smallB)[2];
    QCOMPARE(p50.key, std::string("p50Ms"));
    QCOMPARE(p50.textDelta, std::string("0"));
    QCOMPARE(p50.verdict, 0);
    // 0.4 ms is a difference, shown as such; so is a wall 8,880 users (0.3%) higher.
    b.p99Ms = 165.4;
    b.maxUsers = 2.5e6 + 8880;
    const std::vector<sc::DeltaRow> real = sc::deltaRows(a, b);
    QCOMPARE(real[3].key, std::string("p99Ms"));
    QCOMPARE(real[3].verdict, -1);
    QCOMPARE(real[3].textDelta, std::string("+0.4 ms"));
    const sc::DeltaRow *wall = nullptr;
    for (const sc::DeltaRow &r : real)
        if (r.key == "maxUsers")
            wall = &r;
    QVERIFY(wall);
    QCOMPARE(wall->verdict, 1);
    // 2,508,880 / 2,500,000 = 1.003552: three digits read "1", so four.
    QCOMPARE(wall->textDelta, std::string("+8.88k (1.004×)"));
}

// The text table's columns line up whatever the characters: "−" and "×" are one column each
// (three and two bytes; padded by bytes, a row with a minus sat two columns right of the others
// and "1.15M −1.68M (0.406×)" ran into the column before). Every row of the table ends its
// delta column at 26 + 1 + 14 + 1 + 14 + 1 + 18 = 75 characters.
void TestComparisons::textColumnsLineUp()
{
    const sc::Comparison c = tableOfTwo();
    const std::string text = sc::comparisonToText(c);
    std::istringstream lines(text);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        const bool tableRow =
            line.rfind("Monthly cost", 0) == 0 || line.rfind("Saturation wall", 0) == 0 ||
            line.rfind("p99 latency", 0) == 0 || line.find("B − A") != std::string::npos;
        if (!tableRow)
            continue;
        ++rows;
        // The characters up to the delta column's end (a UTF-8 character counts once).
        size_t shown = 0, end = 0;
        for (; end < line.size() && shown < 75; ++end)
            shown += (static_cast<unsigned char>(line[end]) & 0xC0) != 0x80;
        while (end < line.size() && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80)
            ++end; // the rest of the 75th character
        QVERIFY2(shown == 75 && line[end - 1] != ' ', line.c_str());
        QVERIFY2(end == line.size() || line[end] == ' ', line.c_str());
    }
    QCOMPARE(rows, 4);
    QVERIFY2(text.find(" −1.69M (0.405×)") != std::string::npos, text.c_str());
}
