// The kinds and their parameter table (core/model/params): names, the defaults the reference
// facts give, the table's own consistency (every default inside its range, every default
// instance type in the catalog for the right service), and which connections make sense
// (docs/model.md, "Routing"). Parameter extremes in design files are tests/reliability's.
#include "core/catalog/catalog.h"
#include "core/model/params.h"

#include <QtTest>
#include <algorithm>

#include <cctype>
#include <set>
#include <string>

using namespace sc;

class TestKinds : public QObject
{
    Q_OBJECT

private slots:
    // The twelve kinds of DESIGN.md, by their file names, in palette order.
    void kindNames()
    {
        const char *names[] = {"clients",     "dns",   "cdn",    "loadBalancer",
                               "appServer",   "cache", "pooler", "database",
                               "readReplica", "queue", "worker", "objectStorage"};
        QCOMPARE(allKinds().size(), std::size(names));
        for (size_t i = 0; i < std::size(names); ++i) {
            const Kind k = allKinds()[i];
            QCOMPARE(std::string(kindName(k)), std::string(names[i]));
            QCOMPARE(kindFromName(names[i]), std::optional(k));
            QVERIFY(!kindTitle(k).empty());
        }
        QVERIFY(!kindFromName("server"));
        for (RequestClass c :
             {RequestClass::Static, RequestClass::Read, RequestClass::Write, RequestClass::Job})
            QCOMPARE(classFromName(className(c)), std::optional(c));
    }

    // Defaults that shared/reference/scaling-facts.md states.
    void documentedDefaults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("param");
        QTest::addColumn<double>("value");
        QTest::newRow("PostgreSQL max_connections 100") << "database"
                                                        << "maxConnections" << 100.0;
        QTest::newRow("Redis ~100K ops/s a node") << "cache"
                                                  << "opsPerNode" << 100000.0;
        QTest::newRow("a cache read ~0.5 ms") << "cache"
                                              << "serviceTimeMs" << 0.5;
        QTest::newRow("one primary") << "database"
                                     << "shards" << 1.0;
        QTest::newRow("single-AZ unless said") << "database"
                                               << "multiAz" << 0.0;
        QTest::newRow("managed ALB") << "loadBalancer"
                                     << "managed" << 1.0;
    }

    void documentedDefaults()
    {
        QFETCH(QString, kind);
        QFETCH(QString, param);
        QFETCH(double, value);
        const auto k = kindFromName(kind.toStdString());
        QVERIFY(k);
        const ParamSpec *spec = findParam(*k, param.toStdString());
        QVERIFY2(spec, qPrintable(param));
        QCOMPARE(spec->defaultValue, value);
    }

    // Auto-scaling: target tracking at ~60%, the AWS default cooldown of 300 s, and an
    // instance that serves within 1–3 minutes (scaling-facts.md). Only app servers and workers
    // scale.
    void autoscaleDefaults()
    {
        std::set<std::string> fields;
        for (const ParamSpec &s : autoscaleSpecs()) {
            fields.insert(std::string(s.name));
            if (s.name == "targetUtilization")
                QCOMPARE(s.defaultValue, 0.6);
            if (s.name == "cooldownS")
                QCOMPARE(s.defaultValue, 300.0);
            if (s.name == "bootS")
                QVERIFY(s.defaultValue >= 60 && s.defaultValue <= 180);
        }
        QCOMPARE(fields, (std::set<std::string>{"min", "max", "targetUtilization", "cooldownS",
                                                "bootS", "policy", "metricPeriodS", "scaleOutAbove",
                                                "scaleInBelow", "stepAdd"}));
        for (Kind k : allKinds())
            QCOMPARE(canAutoscale(k), k == Kind::AppServer || k == Kind::Worker);
    }

    // A default app server is the rule of thumb's t3.large at about 1,000 req/s:
    // 2 vCPU × 1000 ÷ serviceTimeMs.
    void defaultAppServerIsAboutAThousand()
    {
        const ParamSpec *type = findParam(Kind::AppServer, "instanceType");
        const ParamSpec *ms = findParam(Kind::AppServer, "serviceTimeMs");
        QVERIFY(type && ms);
        QCOMPARE(std::string(type->defaultText), std::string("t3.large"));
        const InstanceType *t = Catalog::builtin().instance(type->defaultText);
        QVERIFY(t);
        QCOMPARE(t->vcpu * 1000 / ms->defaultValue, 1000.0);
    }

    // findParam finds a name in a kind exactly when the kind's table lists it: every name of
    // every kind asked of every kind, and names that differ by a letter, a case or a length.
    void findParamFindsOnlyItsKindsNames()
    {
        for (Kind k : allKinds())
            for (Kind other : allKinds())
                for (const ParamSpec &s : paramSpecs(other)) {
                    const auto specs = paramSpecs(k);
                    const auto listed =
                        std::find_if(specs.begin(), specs.end(),
                                     [&s](const ParamSpec &x) { return x.name == s.name; });
                    const ParamSpec *expected = listed == specs.end() ? nullptr : &*listed;
                    QCOMPARE(findParam(k, s.name), expected);
                    std::string name(s.name);
                    QCOMPARE(findParam(k, name + "x"), nullptr);
                    QCOMPARE(findParam(k, name.substr(0, name.size() - 1)), nullptr);
                    name[0] = char(std::toupper(static_cast<unsigned char>(name[0])));
                    QCOMPARE(findParam(k, name), nullptr);
                }
        for (Kind k : allKinds()) {
            QCOMPARE(findParam(k, ""), nullptr);
            QCOMPARE(findParam(k, "autoscale"), nullptr);
        }
    }

    // The table itself: unique names per kind, numeric defaults inside [min, max], enum
    // defaults among their choices, default instance types in the catalog for the service
    // the parameter names.
    void tableIsConsistent()
    {
        for (Kind k : allKinds()) {
            std::set<std::string_view> names;
            for (const ParamSpec &s : paramSpecs(k)) {
                const std::string where = std::string(kindName(k)) + "." + std::string(s.name);
                QVERIFY2(names.insert(s.name).second, ("duplicate " + where).c_str());
                QVERIFY2(!s.description.empty(), where.c_str());
                QCOMPARE(findParam(k, s.name), &s);
                switch (s.type) {
                case ParamType::Int:
                case ParamType::Real:
                case ParamType::Bool:
                    QVERIFY2(s.min <= s.defaultValue && s.defaultValue <= s.max, where.c_str());
                    if (s.type != ParamType::Real)
                        QVERIFY2(s.defaultValue == std::floor(s.defaultValue), where.c_str());
                    break;
                case ParamType::Enum: {
                    const std::string choices = "|" + std::string(s.choices) + "|";
                    QVERIFY2(choices.find("|" + std::string(s.defaultText) + "|") !=
                                 std::string::npos,
                             where.c_str());
                    break;
                }
                case ParamType::InstanceType: {
                    const InstanceType *t = Catalog::builtin().instance(s.defaultText);
                    QVERIFY2(t, where.c_str());
                    QCOMPARE(t->service, std::string(s.choices));
                    break;
                }
                }
            }
            QCOMPARE(isInstanceBased(k), findParam(k, "instanceType") != nullptr);
        }
        for (const ParamSpec &s : trafficSpecs())
            QVERIFY2(s.min <= s.defaultValue && s.defaultValue <= s.max,
                     std::string(s.name).data());
    }

    // findParam finds a kind's own names and nothing else: not another kind's parameter, not a
    // name one letter short or long, nor one that differs only in case or in its last letter.
    void findParamFindsOnlyTheKindsNames()
    {
        std::set<std::string> every;
        for (Kind k : allKinds())
            for (const ParamSpec &s : paramSpecs(k))
                every.insert(std::string(s.name));
        for (Kind k : allKinds()) {
            std::set<std::string_view> own;
            for (const ParamSpec &s : paramSpecs(k))
                own.insert(s.name);
            for (const std::string &name : every) {
                const ParamSpec *found = findParam(k, name);
                QCOMPARE(found != nullptr, own.count(name) == 1);
                if (found)
                    QCOMPARE(std::string(found->name), name);
                std::string upper = name, last = name;
                upper[0] = char(std::toupper(static_cast<unsigned char>(upper[0])));
                last.back() = last.back() == 'x' ? 'y' : 'x';
                for (const std::string &other :
                     {name.substr(0, name.size() - 1), name + "s", upper, last})
                    if (!own.count(other))
                        QVERIFY2(!findParam(k, other),
                                 (std::string(kindName(k)) + ": " + other).c_str());
            }
            QVERIFY(!findParam(k, ""));
        }
    }

    // Every hop of docs/model.md's routing table is a connection the editor allows; nothing
    // sends to clients; databases, replicas and S3 send nothing onward.
    void connectionsOfTheRoutingTable()
    {
        using K = Kind;
        const std::pair<K, std::vector<K>> hops[] = {
            {K::Clients, {K::Dns, K::Cdn, K::LoadBalancer, K::AppServer, K::ObjectStorage}},
            {K::Dns, {K::Cdn, K::LoadBalancer, K::AppServer, K::ObjectStorage}},
            {K::Cdn, {K::ObjectStorage, K::LoadBalancer, K::AppServer}},
            {K::LoadBalancer, {K::LoadBalancer, K::AppServer}},
            {K::AppServer,
             {K::ObjectStorage, K::Cache, K::ReadReplica, K::Pooler, K::Database, K::Queue,
              K::Worker}},
            {K::Pooler, {K::ReadReplica, K::Database}},
            {K::Queue, {K::Worker}},
            {K::Worker, {K::Pooler, K::Database}},
        };
        for (const auto &[from, tos] : hops)
            for (K to : tos) {
                std::string reason;
                QVERIFY2(connectionAllowed(from, to, &reason),
                         (std::string(kindName(from)) + " → " + std::string(kindName(to)) + ": " +
                          reason)
                             .c_str());
            }
        for (K k : allKinds()) {
            std::string reason;
            QVERIFY(!connectionAllowed(k, K::Clients, &reason));
            QVERIFY(!reason.empty());
            for (K sink : {K::Database, K::ReadReplica, K::ObjectStorage})
                QVERIFY(!connectionAllowed(sink, k));
        }
    }
};

QTEST_GUILESS_MAIN(TestKinds)
#include "tst_kinds.moc"
