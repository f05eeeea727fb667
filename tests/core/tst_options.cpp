// Vertical-vs-horizontal options, headroom and the load bands: expected figures are worked out
// here from the catalog's prices (× 730 h × the pricing factor × the Multi-AZ factor) and the
// service times, and the options must bill what the model's own cost lines bill.
#include "core/analysis/limits.h"
#include "core/analysis/options.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace sc;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

namespace {

// Clients → app (t3.large, 2 ms a request) → db (db.m5.large, 5 ms a read). Reads only, flat.
Design twoTiers(ParamMap app, ParamMap db)
{
    Design d;
    d.traffic.users = 1000;
    d.traffic.writeFraction = 0;
    d.traffic.peakToAverage = 1;
    d.traffic.staticPerRequest = 0;
    d.components.push_back(make("users", Kind::Clients));
    app.emplace("instanceType", text("t3.large"));
    app.emplace("serviceTimeMs", num(2));
    d.components.push_back(make("app", Kind::AppServer, std::move(app)));
    db.emplace("instanceType", text("db.m5.large"));
    db.emplace("readServiceTimeMs", num(5));
    d.components.push_back(make("db", Kind::Database, std::move(db)));
    d.connections = {wire("users", "app"), wire("app", "db")};
    return d;
}

// The model's instance line (category Compute) of a component.
const CostItem *instanceLine(const Evaluation &ev, const std::string &id)
{
    for (const CostItem &c : ev.costItems)
        if (c.componentId == id && c.category == CostCategory::Compute)
            return &c;
    return nullptr;
}

bool close(double a, double b, double rel = 1e-12)
{
    return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), 1e-300});
}

ComponentResult station(double utilization, bool overloaded = false)
{
    ComponentResult r;
    r.station = true;
    r.utilization = utilization;
    r.overloaded = overloaded;
    return r;
}

} // namespace

class tst_Options : public QObject
{
    Q_OBJECT

private slots:
    void horizontalIsNTimesTheBilledInstance();
    void multiAzDatabaseBillsLikeTheModel();
    void shardedDatabaseScalesByShards();
    void onlyComputeTiersHaveOptions_data();
    void onlyComputeTiersHaveOptions();
    void headroom_data();
    void headroom();
    void loadBands_data();
    void loadBands();
    void usersRangeIsTheSweepDefault();
};

void tst_Options::horizontalIsNTimesTheBilledInstance()
{
    const Model m(twoTiers({{"instances", num(3)}, {"pricing", text("spot")}}, {}),
                  Catalog::builtin());
    QVERIFY(m.ok());
    const int app = m.design().indexOf("app");
    const ScaleOptions o = scaleOptions(m, app);
    QVERIFY(o.valid);
    // t3.large: 0.0832 USD/h, 730 h, spot factor 0.3; 2 vCPU at 2 ms = 1,000 req/s an instance.
    const double unit = 0.0832 * 730 * 0.3;
    QVERIFY(o.horizontal.size() >= 20);
    for (size_t k = 0; k < o.horizontal.size(); ++k) {
        const ScaleOption &h = o.horizontal[k];
        QCOMPARE(h.count, int(k) + 1);
        QCOMPARE(h.type->name, std::string("t3.large"));
        QVERIFY2(close(h.monthlyUsd, (k + 1) * unit), qPrintable(QString::number(k)));
        QVERIFY(close(h.capacityRps, (k + 1) * 1000.0));
    }
    // Three instances today: the series bills what the model bills for them.
    const Evaluation ev = m.evaluate(1000);
    const CostItem *line = instanceLine(ev, "app");
    QVERIFY(line);
    QCOMPARE(line->monthlyUsd, o.horizontal[2].monthlyUsd);
    QCOMPARE(ev.components[size_t(app)].capacityRps, o.horizontal[2].capacityRps);
    // Vertical: the cheapest EC2 type per vCPU count ≥ 2 (t3.nano at 2, then t3.xlarge at 4,
    // t3.2xlarge at 8, c5.4xlarge at 16, … c5.24xlarge at 96), each one instance at spot.
    QVERIFY(!o.vertical.empty());
    QCOMPARE(o.vertical.front().type->name, std::string("t3.nano"));
    QVERIFY(close(o.vertical.front().monthlyUsd, 0.0052 * 730 * 0.3));
    QCOMPARE(o.vertical.back().type->name, std::string("c5.24xlarge"));
    QVERIFY(close(o.vertical.back().monthlyUsd, 4.08 * 730 * 0.3));
    QVERIFY(close(o.vertical.back().capacityRps, 96 * 500.0));
    for (size_t k = 1; k < o.vertical.size(); ++k) {
        QVERIFY(o.vertical[k].capacityRps > o.vertical[k - 1].capacityRps);
        QVERIFY(o.vertical[k].monthlyUsd > o.vertical[k - 1].monthlyUsd);
        QCOMPARE(o.vertical[k].count, 1);
    }
    // 48 × t3.large match one c5.24xlarge (48,000 req/s); the series reaches 1.5 × that.
    QCOMPARE(o.matchingHorizontal, 47);
    QVERIFY(close(o.reachRps, 72000));
    QCOMPARE(o.horizontal.size(), size_t(72));
    QVERIFY(o.horizontal.back().capacityRps >= o.reachRps);
}

void tst_Options::multiAzDatabaseBillsLikeTheModel()
{
    const Model m(twoTiers({}, {{"multiAz", num(1)}, {"pricing", text("reserved")}}),
                  Catalog::builtin());
    QVERIFY(m.ok());
    const ScaleOptions o = scaleOptions(m, m.design().indexOf("db"));
    QVERIFY(o.valid);
    // db.m5.large: 0.178 USD/h × 730 h × reserved 0.6 × Multi-AZ 2.0.
    const double unit = 0.178 * 730 * 0.6 * 2.0;
    QVERIFY(close(o.horizontal.front().monthlyUsd, unit));
    const Evaluation ev = m.evaluate(1000);
    const CostItem *line = instanceLine(ev, "db");
    QVERIFY(line);
    QCOMPARE(line->pricing, std::string("reserved"));
    QCOMPARE(o.horizontal.front().monthlyUsd, line->monthlyUsd); // the whole bill, not half
    QCOMPARE(o.horizontal.front().capacityRps, ev.components[2].capacityRps);
    // 2 vCPU at 5 ms a read: 400 req/s. Vertical: cheapest RDS type per vCPU count, Multi-AZ.
    QVERIFY(close(o.horizontal.front().capacityRps, 400));
    const std::pair<const char *, double> frontier[] = {{"db.t3.micro", 0.018},
                                                        {"db.m5.xlarge", 0.356},
                                                        {"db.m5.2xlarge", 0.712},
                                                        {"db.m5.4xlarge", 1.424}};
    QCOMPARE(o.vertical.size(), std::size(frontier));
    for (size_t k = 0; k < std::size(frontier); ++k) {
        QCOMPARE(o.vertical[k].type->name, std::string(frontier[k].first));
        QVERIFY(close(o.vertical[k].monthlyUsd, frontier[k].second * 730 * 0.6 * 2.0));
        QVERIFY(close(o.vertical[k].capacityRps, 400.0 * (1 << (k + 1)) / 2));
    }
}

void tst_Options::shardedDatabaseScalesByShards()
{
    // Horizontal for a primary means shards: n × 400 req/s ÷ skew 1.2 beyond one shard.
    const Model m(twoTiers({}, {{"shards", num(3)}, {"multiAz", num(1)}}), Catalog::builtin());
    QVERIFY(m.ok());
    const int db = m.design().indexOf("db");
    const ScaleOptions o = scaleOptions(m, db);
    QVERIFY(o.valid);
    QVERIFY(close(o.horizontal[0].capacityRps, 400));
    for (size_t k = 1; k < o.horizontal.size(); ++k)
        QVERIFY(close(o.horizontal[k].capacityRps, 400.0 * double(k + 1) / 1.2));
    const double unit = 0.178 * 730 * 1.0 * 2.0;
    QVERIFY(close(o.horizontal[2].monthlyUsd, 3 * unit));
    // Today's three shards: the model's capacity and instance line.
    const Evaluation ev = m.evaluate(1000);
    QVERIFY(close(o.horizontal[2].capacityRps, ev.components[size_t(db)].capacityRps));
    QCOMPARE(o.horizontal[2].monthlyUsd, instanceLine(ev, "db")->monthlyUsd);
    // The biggest vertical option, one unsharded db.m5.4xlarge: 3,200 req/s; ten shards match.
    QVERIFY(close(o.vertical.back().capacityRps, 3200));
    QCOMPARE(o.matchingHorizontal, 9);
    // Reach: twenty shards × 1.05 = 7,000 req/s, which 21 shards just make (the boundary is
    // left to rounding, so the test asks for the property).
    QVERIFY(close(o.reachRps, 7000));
    QVERIFY(o.horizontal.back().capacityRps >= o.reachRps);
    QVERIFY(o.horizontal[o.horizontal.size() - 2].capacityRps < o.reachRps);
    QVERIFY(o.horizontal.size() == 21 || o.horizontal.size() == 22);
}

void tst_Options::onlyComputeTiersHaveOptions_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("app server") << "app" << true;
    QTest::newRow("worker") << "worker" << true;
    QTest::newRow("pooler") << "pooler" << true;
    QTest::newRow("database") << "db" << true;
    QTest::newRow("read replica") << "replica" << true;
    QTest::newRow("self-hosted balancer") << "lbSelf" << true;
    QTest::newRow("managed balancer") << "lbManaged" << false;
    QTest::newRow("cache (nodes, not cores)") << "cache" << false;
    QTest::newRow("cdn") << "cdn" << false;
    QTest::newRow("queue") << "queue" << false;
    QTest::newRow("clients") << "users" << false;
}

void tst_Options::onlyComputeTiersHaveOptions()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    Design d;
    d.components = {make("users", Kind::Clients),
                    make("cdn", Kind::Cdn),
                    make("lbManaged", Kind::LoadBalancer),
                    make("lbSelf", Kind::LoadBalancer, {{"managed", num(0)}}),
                    make("app", Kind::AppServer),
                    make("cache", Kind::Cache),
                    make("pooler", Kind::Pooler),
                    make("db", Kind::Database),
                    make("replica", Kind::ReadReplica),
                    make("queue", Kind::Queue),
                    make("worker", Kind::Worker)};
    d.connections = {wire("users", "cdn"),    wire("cdn", "lbManaged"), wire("lbManaged", "lbSelf"),
                     wire("lbSelf", "app"),   wire("app", "cache"),     wire("cache", "pooler"),
                     wire("pooler", "db"),    wire("app", "replica"),   wire("app", "queue"),
                     wire("queue", "worker"), wire("worker", "db")};
    const Model m(d, Catalog::builtin());
    QVERIFY2(m.ok(), m.ok() ? "" : m.errors().front().toString().c_str());
    const int i = m.design().indexOf(id.toStdString());
    const Component &c = m.design().components[size_t(i)];
    QCOMPARE(isComputeKind(c.kind, c.flag("managed")), valid);
    const ScaleOptions o = scaleOptions(m, i);
    QCOMPARE(o.valid, valid);
    QCOMPARE(o.horizontal.empty(), !valid);
    QVERIFY(!scaleOptions(m, -1).valid);
    QVERIFY(!scaleOptions(m, 99).valid);
}

void tst_Options::headroom_data()
{
    QTest::addColumn<QVector<double>>("stations"); // utilizations; -1: overloaded at ρ = ∞
    QTest::addColumn<double>("users");
    QTest::addColumn<double>("wall"); // maxUsers; -1: no wall
    QTest::addColumn<bool>("known");
    QTest::addColumn<bool>("overloaded");
    QTest::addColumn<double>("factor");
    QTest::newRow("no stations") << QVector<double>{} << 1e3 << -1.0 << false << false << 0.0;
    QTest::newRow("idle") << QVector<double>{0.0} << 1e3 << -1.0 << false << false << 0.0;
    QTest::newRow("a quarter") << QVector<double>{0.25} << 1e3 << -1.0 << true << false << 4.0;
    QTest::newRow("highest counts")
        << QVector<double>{0.5, 0.8, 0.1} << 1e3 << -1.0 << true << false << 1.25;
    QTest::newRow("saturated") << QVector<double>{0.5, 1.0} << 1e3 << -1.0 << true << true << 0.0;
    QTest::newRow("overloaded at infinity")
        << QVector<double>{0.5, -1} << 1e3 << -1.0 << true << true << 0.0;
    QTest::newRow("below its wall") << QVector<double>{0.5} << 1e5 << 2e5 << true << false << 2.0;
    // Past the wall no station may reach ρ = 1 when a pool upstream refuses the excess first
    // (stage 4 with its cache failed: replicas at 97.7%, the app's threads refusing 47%, wall
    // at 547k users, viewed at 1M): overloaded, not "1.0×".
    QTest::newRow("past its wall")
        << QVector<double>{0.977} << 1e6 << 547485.0 << true << true << 0.0;
    QTest::newRow("at its wall") << QVector<double>{0.9} << 2e5 << 2e5 << true << true << 0.0;
}

void tst_Options::headroom()
{
    QFETCH(QVector<double>, stations);
    QFETCH(double, users);
    QFETCH(double, wall);
    QFETCH(bool, known);
    QFETCH(bool, overloaded);
    QFETCH(double, factor);
    Evaluation ev;
    ev.users = users;
    if (wall >= 0)
        ev.maxUsers = wall;
    ComponentResult notAStation; // clients: never counted, whatever they carry
    notAStation.utilization = 5;
    ev.components.push_back(notAStation);
    for (double u : stations)
        ev.components.push_back(u < 0 ? station(std::numeric_limits<double>::infinity(), true)
                                      : station(u, u >= 1));
    const Headroom h = headroomOf(ev);
    QCOMPARE(h.known, known);
    QCOMPARE(h.overloaded, overloaded);
    QCOMPARE(h.factor, factor);
}

void tst_Options::loadBands_data()
{
    QTest::addColumn<double>("utilization");
    QTest::addColumn<int>("band");
    // The article's alert levels (reference/time-and-place.md): warn > 70%, critical > 85%,
    // page > 95%.
    QTest::newRow("idle") << 0.0 << int(LoadBand::Normal);
    QTest::newRow("70% is still normal") << 0.7 << int(LoadBand::Normal);
    QTest::newRow("just above 70%") << 0.7001 << int(LoadBand::Warning);
    QTest::newRow("80% (effective maximum) warns") << 0.8 << int(LoadBand::Warning);
    QTest::newRow("85% is still a warning") << 0.85 << int(LoadBand::Warning);
    QTest::newRow("86% is critical") << 0.86 << int(LoadBand::Critical);
    QTest::newRow("95% is still critical") << 0.95 << int(LoadBand::Critical);
    QTest::newRow("96% pages") << 0.96 << int(LoadBand::Page);
    QTest::newRow("overloaded pages") << 1.5 << int(LoadBand::Page);
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << int(LoadBand::Normal);
}

void tst_Options::loadBands()
{
    QFETCH(double, utilization);
    QFETCH(int, band);
    QCOMPARE(int(loadBand(utilization)), band);
}

void tst_Options::usersRangeIsTheSweepDefault()
{
    // DESIGN.md "Sweep": 10 to 10⁸ users, 200 points; the 80% line sits between the bands.
    QCOMPARE(kMinUsers, 10.0);
    QCOMPARE(kMaxUsers, 1e8);
    QCOMPARE(kSweepPoints, 200);
    QCOMPARE(kWarnUtilization, 0.70);
    QCOMPARE(kTargetUtilization, 0.80);
    QCOMPARE(kCriticalUtilization, 0.85);
    QCOMPARE(kPageUtilization, 0.95);
    // The legend lists the bands in order, each starting where loadBand() enters it.
    double from = -1;
    for (const LoadBandInfo &b : kLoadBands) {
        QVERIFY(b.from > from);
        from = b.from;
        QCOMPARE(int(loadBand(b.from)), int(b.band) == 0 ? 0 : int(b.band) - 1);
        QCOMPARE(int(loadBand(std::nextafter(b.from, 2.0))), int(b.band));
    }
}

QTEST_GUILESS_MAIN(tst_Options)
#include "tst_options.moc"
