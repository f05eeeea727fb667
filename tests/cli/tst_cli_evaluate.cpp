// Runs `scalecanvas evaluate` and `scalecanvas sweep` on every built-in template and checks
// the output against the contract of DESIGN.md ("The headless interface"): every key, no
// NaN or infinity anywhere, overload reported as utilization ≥ 1 with null latency, demand
// figures worked out here from the template's own traffic block, the --users syntax, the
// sweep's log spacing and wall, and the exit codes.

#include "../common/clirun.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <utility>

namespace {

constexpr int kTimeoutMs = 10000;
// The page level of the alert table (scaling-facts.md: page above 95%).
constexpr double kPageUtilizationForTest = 0.95;

using sctest::CliRun;

CliRun runCli(const QStringList &args)
{
    return sctest::runBinary(QStringLiteral(SCALECANVAS_BIN), args, kTimeoutMs);
}

// Runs the binary and requires a normal exit with `expected`; the run is returned.
#define RUN_EXPECTING(run, args, expected)                                                         \
    const CliRun run = runCli(args);                                                               \
    QVERIFY2(sctest::exitedWith(run, expected), sctest::describe(args, run).constData())

bool relativelyClose(double got, double expected, double rel)
{
    return std::fabs(got - expected) <= rel * std::fabs(expected);
}

QString fmt(double v)
{
    return QString::number(v, 'g', 17);
}

// The text outside JSON string literals, lower-cased: where a nan/inf token would show.
QByteArray outsideStrings(const QByteArray &text)
{
    QByteArray out;
    bool inString = false, escape = false;
    for (char ch : text) {
        if (inString) {
            if (escape)
                escape = false;
            else if (ch == '\\')
                escape = true;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (ch == '"')
            inString = true;
        else
            out += char(std::tolower(static_cast<unsigned char>(ch)));
    }
    return out;
}

// Every number in the document is finite (QJsonDocument would not even parse NaN/Infinity).
bool allFinite(const QJsonValue &v, const QString &path, QString &bad)
{
    if (v.isDouble()) {
        if (std::isfinite(v.toDouble()))
            return true;
        bad = path;
        return false;
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (!allFinite(a[i], path + QStringLiteral("[%1]").arg(i), bad))
                return false;
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!allFinite(it.value(), path + '.' + it.key(), bad))
                return false;
    }
    return true;
}

QJsonObject parseObject(const QByteArray &text, QString &error)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &e);
    if (e.error != QJsonParseError::NoError)
        error = e.errorString() + QStringLiteral(" at %1").arg(e.offset);
    else if (!doc.isObject())
        error = QStringLiteral("not an object");
    return doc.object();
}

bool isNumberOrNull(const QJsonValue &v)
{
    return v.isDouble() || v.isNull();
}

} // namespace

class TestCliEvaluate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void evaluateTemplate_data();
    void evaluateTemplate();
    void overloaded_data();
    void overloaded();
    void demandFromTraffic_data();
    void demandFromTraffic();
    void usersSyntax();
    void usersRejected_data();
    void usersRejected();
    void sweepStage5();
    void customCatalog();
    void deadEnd();
    void exitCodes_data();
    void exitCodes();
    void wallBeyondTheSweepRange();

private:
    void templateRows();
    QJsonObject evaluate(const QString &name, const QStringList &extra);

    QTemporaryDir m_tmp;
    QStringList m_templates;
    QString m_stage5;
};

// DESIGN.md: maxUsers is the user count where the first station reaches ρ = 1, however far
// beyond the sweep's 10⁸ it lies; only sloMaxUsers is null without a wall below 10⁸ (docs/cli.md
// said both were). 100,000 c5.large (2 vCPU) at 1 ms, no serial part: 2 × 10⁸ req/s against
// 20 requests a day at 3× the average, 20 × 3 / 86,400 req/s per user: 2.88 × 10¹¹ users.
void TestCliEvaluate::wallBeyondTheSweepRange()
{
    const QJsonObject app{{"id", "app"},
                          {"kind", "appServer"},
                          {"label", "App"},
                          {"params", QJsonObject{{"instances", 100000},
                                                 {"instanceType", "c5.large"},
                                                 {"serviceTimeMs", 1},
                                                 {"serialFraction", 0},
                                                 {"coherency", 0},
                                                 {"threadsPerInstance", 1000}}}};
    const QJsonObject design{
        {"name", "Far wall"},
        {"traffic", QJsonObject{{"users", 14400},
                                {"requestsPerUserPerDay", 20},
                                {"writeFraction", 0},
                                {"peakToAverage", 3},
                                {"staticPerRequest", 0},
                                {"asyncPerWrite", 0}}},
        {"components", QJsonArray{QJsonObject{{"id", "users"}, {"kind", "clients"}}, app}},
        {"connections", QJsonArray{QJsonObject{{"from", "users"}, {"to", "app"}}}}};
    QFile f(m_tmp.filePath(QStringLiteral("far-wall.scalecanvas")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{"format", "scalecanvas"},
                                      {"formatVersion", 2},
                                      {"appVersion", "0.1.0"},
                                      {"design", design}})
                .toJson());
    f.close();
    const double wall = 100000 * 2 * 1000.0 / (20 * 3 / 86400.0);
    const QJsonObject o = evaluate(QStringLiteral("far-wall"), {});
    QVERIFY(o.value(QStringLiteral("maxUsers")).isDouble());
    QVERIFY2(relativelyClose(o.value(QStringLiteral("maxUsers")).toDouble(), wall, 1e-12),
             qPrintable(fmt(o.value(QStringLiteral("maxUsers")).toDouble())));
    QVERIFY(o.value(QStringLiteral("sloMaxUsers")).isNull());
    const QStringList args{QStringLiteral("diff"), f.fileName(), f.fileName(),
                           QStringLiteral("--format"), QStringLiteral("json")};
    RUN_EXPECTING(diff, args, 0);
    const QJsonObject a = QJsonDocument::fromJson(diff.out).object()["a"].toObject();
    QVERIFY(relativelyClose(a.value(QStringLiteral("maxUsers")).toDouble(), wall, 1e-12));
    QVERIFY(a.value(QStringLiteral("sloMaxUsers")).isNull());
}

void TestCliEvaluate::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SCALECANVAS_BIN)).isExecutable(),
             "SCALECANVAS_BIN is not an executable: " SCALECANVAS_BIN);
    QVERIFY(m_tmp.isValid());
    const QStringList args{QStringLiteral("templates")};
    RUN_EXPECTING(list, args, 0);
    // One line per template: name<TAB>title.
    for (const QByteArray &line : list.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> fields = line.split('\t');
        QVERIFY2(fields.size() == 2 && !fields[0].isEmpty() && !fields[1].isEmpty(),
                 line.constData());
        m_templates << QString::fromUtf8(fields[0]);
    }
    QVERIFY2(!m_templates.isEmpty(), "`scalecanvas templates` listed none");
    for (const QString &name : std::as_const(m_templates)) {
        const QStringList printArgs{QStringLiteral("template"), name};
        RUN_EXPECTING(print, printArgs, 0);
        QFile f(m_tmp.filePath(name + QStringLiteral(".scalecanvas")));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(print.out) == print.out.size());
        if (name.startsWith(QStringLiteral("stage5")))
            m_stage5 = f.fileName();
    }
    QVERIFY2(!m_stage5.isEmpty(), "no stage5 template");
}

void TestCliEvaluate::templateRows()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : std::as_const(m_templates))
        QTest::newRow(qPrintable(name)) << name;
}

// `evaluate FILE --format json [extra]`: exit 0 and a JSON object; empty on failure.
QJsonObject TestCliEvaluate::evaluate(const QString &name, const QStringList &extra)
{
    const QStringList args = QStringList{QStringLiteral("evaluate"),
                                         m_tmp.filePath(name + QStringLiteral(".scalecanvas")),
                                         QStringLiteral("--format"), QStringLiteral("json")} +
                             extra;
    const CliRun run = runCli(args);
    if (!run.finished || run.status != QProcess::NormalExit || run.exitCode != 0) {
        qWarning("%s", sctest::describe(args, run).constData());
        return {};
    }
    QString error;
    const QJsonObject o = parseObject(run.out, error);
    if (!error.isEmpty())
        qWarning("%s: %s", qPrintable(args.join(' ')), qPrintable(error));
    return o;
}

void TestCliEvaluate::evaluateTemplate_data()
{
    templateRows();
}

void TestCliEvaluate::evaluateTemplate()
{
    QFETCH(QString, name);
    const QString file = m_tmp.filePath(name + QStringLiteral(".scalecanvas"));
    const QStringList args{QStringLiteral("evaluate"), file, QStringLiteral("--format"),
                           QStringLiteral("json")};
    RUN_EXPECTING(run, args, 0);

    const QByteArray bare = outsideStrings(run.out);
    QVERIFY2(!bare.contains("nan") && !bare.contains("inf"), run.out.left(4000).constData());
    QString error;
    const QJsonObject o = parseObject(run.out, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QString bad;
    QVERIFY2(allFinite(o, QStringLiteral("(root)"), bad), qPrintable("not finite: " + bad));

    for (const char *key : {"users", "availability", "monthlyCostUsd", "costPerUserUsd",
                            "goodputRps", "errorRatePeak", "servedFraction"})
        QVERIFY2(o.value(QLatin1String(key)).isDouble(), key);
    for (const char *key : {"maxUsers", "scalingCeilingUsers", "sloMaxUsers"})
        QVERIFY2(o.contains(QLatin1String(key)) && isNumberOrNull(o.value(QLatin1String(key))),
                 key);
    // Model 2 (DESIGN.md "Service level and overload"): the objective, both walls in order, and
    // shares that are shares.
    const QJsonObject slo = o.value(QStringLiteral("slo")).toObject();
    QVERIFY(slo.value(QStringLiteral("p99Ms")).toDouble() > 0);
    QVERIFY(slo.value(QStringLiteral("availability")).toDouble() > 0);
    if (o.value(QStringLiteral("maxUsers")).isDouble() &&
        o.value(QStringLiteral("sloMaxUsers")).isDouble())
        QVERIFY(o.value(QStringLiteral("sloMaxUsers")).toDouble() <=
                o.value(QStringLiteral("maxUsers")).toDouble());
    for (const char *key : {"errorRatePeak", "servedFraction"}) {
        const double share = o.value(QLatin1String(key)).toDouble();
        QVERIFY2(share >= 0 && share <= 1, key);
    }
    // Geography (docs/cli.md): one entry per population, shares summing to 1, each with its
    // latency, page time and share of the bill; an empty array for a design without any.
    QVERIFY(o.value(QStringLiteral("populations")).isArray());
    double shares = 0, popCost = 0;
    const QJsonArray pops = o.value(QStringLiteral("populations")).toArray();
    for (const QJsonValue &v : pops) {
        const QJsonObject pop = v.toObject();
        QVERIFY(pop.value(QStringLiteral("name")).isString());
        shares += pop.value(QStringLiteral("share")).toDouble();
        popCost += pop.value(QStringLiteral("monthlyCostUsd")).toDouble();
        const QJsonObject l = pop.value(QStringLiteral("latencyMs")).toObject();
        for (const char *key : {"p50", "p95", "p99"})
            QVERIFY2(isNumberOrNull(l.value(QLatin1String(key))), key);
        QVERIFY(isNumberOrNull(pop.value(QStringLiteral("pageMs"))));
    }
    if (!pops.isEmpty()) {
        QVERIFY(std::fabs(shares - 1) < 1e-6);
        const double bill = o.value(QStringLiteral("monthlyCostUsd")).toDouble();
        QVERIFY(std::fabs(popCost - bill) <= 1e-9 * bill);
    }
    QVERIFY(o.contains(QStringLiteral("bottleneck")));
    QVERIFY(o.value(QStringLiteral("bottleneck")).isString() ||
            o.value(QStringLiteral("bottleneck")).isNull());
    const double availability = o.value(QStringLiteral("availability")).toDouble();
    QVERIFY(availability >= 0 && availability <= 1);

    const QJsonObject demand = o.value(QStringLiteral("demand")).toObject();
    for (const char *key : {"averageRps", "peakRps", "readRps", "writeRps", "staticRps", "jobRps"})
        QVERIFY2(demand.value(QLatin1String(key)).isDouble(), key);

    const QJsonObject latency = o.value(QStringLiteral("latencyMs")).toObject();
    for (const char *key : {"mean", "p50", "p95", "p99"})
        QVERIFY2(latency.contains(QLatin1String(key)) &&
                     isNumberOrNull(latency.value(QLatin1String(key))),
                 key);

    // The components are the file's, in its order.
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray fileComponents = QJsonDocument::fromJson(f.readAll())
                                          .object()[QStringLiteral("design")]
                                          .toObject()[QStringLiteral("components")]
                                          .toArray();
    const QJsonArray components = o.value(QStringLiteral("components")).toArray();
    QCOMPARE(components.size(), fileComponents.size());
    QStringList ids;
    for (qsizetype i = 0; i < components.size(); ++i) {
        const QJsonObject c = components[i].toObject();
        const QJsonObject fc = fileComponents[i].toObject();
        QCOMPARE(c.value(QStringLiteral("id")).toString(), fc[QStringLiteral("id")].toString());
        QCOMPARE(c.value(QStringLiteral("kind")).toString(), fc[QStringLiteral("kind")].toString());
        ids << c.value(QStringLiteral("id")).toString();
        for (const char *key :
             {"instances", "arrivalRps", "servedRps", "errorRps", "utilization", "monthlyCostUsd"})
            QVERIFY2(c.value(QLatin1String(key)).isDouble(), key);
        QVERIFY(std::fabs(c.value(QStringLiteral("servedRps")).toDouble() +
                          c.value(QStringLiteral("errorRps")).toDouble() -
                          c.value(QStringLiteral("arrivalRps")).toDouble()) <=
                1e-9 * std::max(1.0, c.value(QStringLiteral("arrivalRps")).toDouble()));
        for (const char *key : {"capacityRps", "meanLatencyMs", "concurrency"})
            QVERIFY2(c.contains(QLatin1String(key)) && isNumberOrNull(c.value(QLatin1String(key))),
                     key);
        QVERIFY(c.value(QStringLiteral("spof")).isBool());
        // Caches and replicas: their own work (docs/model.md "Cache fills and invalidations",
        // "Read replicas apply the primary's writes"), counted in their write arrivals.
        const QJsonObject byClass = c.value(QStringLiteral("arrivalsByClass")).toObject();
        const double writes = byClass.value(QStringLiteral("write")).toDouble();
        const double near = 1e-9 * std::max(1.0, writes);
        if (c.value(QStringLiteral("kind")).toString() == QStringLiteral("cache")) {
            const double hit = c.value(QStringLiteral("hitRatio")).toDouble(-1);
            QVERIFY2(hit >= 0 && hit <= 1, "hitRatio");
            const double fills = c.value(QStringLiteral("cacheFillRps")).toDouble(-1);
            const double deletes = c.value(QStringLiteral("cacheInvalidationRps")).toDouble(-1);
            QVERIFY(fills >= 0 && deletes >= 0);
            QVERIFY(std::fabs(fills + deletes - writes) <= near);
        }
        if (c.value(QStringLiteral("kind")).toString() == QStringLiteral("readReplica")) {
            QVERIFY(std::fabs(c.value(QStringLiteral("appliedWriteRps")).toDouble(-1) - writes) <=
                    near);
            QVERIFY(c.contains(QStringLiteral("replicationDelayMs")));
            const QJsonValue delay = c.value(QStringLiteral("replicationDelayMs"));
            QVERIFY(delay.isNull() || delay.toDouble() >= 10); // at least the ship delay
        }
    }
    if (o.value(QStringLiteral("bottleneck")).isString())
        QVERIFY(ids.contains(o.value(QStringLiteral("bottleneck")).toString()));

    const QJsonValue spofs = o.value(QStringLiteral("spofs"));
    QVERIFY(spofs.isArray());
    for (const QJsonValue &s : spofs.toArray())
        QVERIFY2(s.isString() && ids.contains(s.toString()), qPrintable(s.toString()));

    const QJsonValue warnings = o.value(QStringLiteral("warnings"));
    QVERIFY(warnings.isArray());
    // Each warning has its severity, errors first, then warnings, then advice; the counts agree.
    const QStringList severities{QStringLiteral("error"), QStringLiteral("warning"),
                                 QStringLiteral("advice")};
    int last = 0;
    QMap<QString, int> counted;
    for (const QJsonValue &w : warnings.toArray()) {
        const QJsonObject wo = w.toObject();
        QVERIFY(!wo.value(QStringLiteral("code")).toString().isEmpty());
        QVERIFY(wo.value(QStringLiteral("component")).isString());
        QVERIFY(!wo.value(QStringLiteral("message")).toString().isEmpty());
        const QString severity = wo.value(QStringLiteral("severity")).toString();
        QVERIFY2(severities.contains(severity), qPrintable(severity));
        QVERIFY2(severities.indexOf(severity) >= last, "warnings not sorted by severity");
        last = int(severities.indexOf(severity));
        ++counted[severity];
    }
    const QJsonObject counts = o.value(QStringLiteral("warningCounts")).toObject();
    for (const QString &s : severities)
        QCOMPARE(counts.value(s).toInt(-1), counted.value(s));

    const QStringList textArgs{QStringLiteral("evaluate"), file, QStringLiteral("--format"),
                               QStringLiteral("text")};
    RUN_EXPECTING(text, textArgs, 0);
    QVERIFY(!text.out.trimmed().isEmpty());
    // "warnings: 1 error, 2 warnings, 0 advice", then one "<severity> CODE [id]: …" line each.
    const QString countLine = QStringLiteral("\nwarnings: %1 error%2, %3 warning%4, %5 advice\n")
                                  .arg(counted.value(severities[0]))
                                  .arg(counted.value(severities[0]) == 1 ? "" : "s")
                                  .arg(counted.value(severities[1]))
                                  .arg(counted.value(severities[1]) == 1 ? "" : "s")
                                  .arg(counted.value(severities[2]));
    QVERIFY2(QString::fromUtf8(text.out).contains(countLine), text.out.constData());
    for (const QJsonValue &w : warnings.toArray()) {
        const QJsonObject wo = w.toObject();
        const QString start = '\n' + wo.value(QStringLiteral("severity")).toString() + ' ' +
                              wo.value(QStringLiteral("code")).toString() + QStringLiteral(" [") +
                              wo.value(QStringLiteral("component")).toString() +
                              QStringLiteral("]: ");
        QVERIFY2(QString::fromUtf8(text.out).contains(start), qPrintable(start));
    }
}

void TestCliEvaluate::overloaded_data()
{
    templateRows();
}

// At 10^10 users every template has stations past saturation: they show ρ ≥ 1 and null
// latency (JSON has no infinity), and so does the end-to-end p99.
void TestCliEvaluate::overloaded()
{
    QFETCH(QString, name);
    const QJsonObject o = evaluate(name, {QStringLiteral("--users"), QStringLiteral("1e10")});
    QVERIFY(!o.isEmpty());
    QCOMPARE(o.value(QStringLiteral("users")).toDouble(), 1e10);
    int overloaded = 0;
    for (const QJsonValue &v : o.value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = v.toObject();
        const QString id = c.value(QStringLiteral("id")).toString();
        const double rho = c.value(QStringLiteral("utilization")).toDouble();
        QVERIFY2(std::isfinite(rho) && rho >= 0, qPrintable(id));
        if (rho >= 1) {
            ++overloaded;
            QVERIFY2(c.value(QStringLiteral("meanLatencyMs")).isNull(), qPrintable(id));
        } else {
            QVERIFY2(c.value(QStringLiteral("meanLatencyMs")).isDouble(), qPrintable(id));
        }
    }
    QVERIFY(overloaded > 0);
    const QString bottleneck = o.value(QStringLiteral("bottleneck")).toString();
    QVERIFY(!bottleneck.isEmpty());
    QVERIFY(o.value(QStringLiteral("latencyMs")).toObject().value(QStringLiteral("p99")).isNull());
}

void TestCliEvaluate::demandFromTraffic_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("users"); // empty: the file's own user count
    for (const QString &name : std::as_const(m_templates)) {
        QTest::newRow(qPrintable(name + QStringLiteral("@file"))) << name << QString();
        QTest::newRow(qPrintable(name + QStringLiteral("@2.5e6")))
            << name << QStringLiteral("2.5e6");
    }
}

// DESIGN.md, Traffic: average = users × requestsPerUserPerDay / 86 400; peak = average ×
// peakToAverage; reads and writes split the peak by writeFraction; static = peak ×
// staticPerRequest; jobs = writes × asyncPerWrite.
void TestCliEvaluate::demandFromTraffic()
{
    QFETCH(QString, name);
    QFETCH(QString, users);
    QFile f(m_tmp.filePath(name + QStringLiteral(".scalecanvas")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject traffic = QJsonDocument::fromJson(f.readAll())
                                    .object()[QStringLiteral("design")]
                                    .toObject()[QStringLiteral("traffic")]
                                    .toObject();
    for (const char *key : {"users", "requestsPerUserPerDay", "writeFraction", "peakToAverage",
                            "staticPerRequest", "asyncPerWrite"})
        if (!traffic.contains(QLatin1String(key)))
            QSKIP(qPrintable(QStringLiteral("the template leaves %1 to its default").arg(key)));

    const double u = users.isEmpty() ? traffic[QStringLiteral("users")].toDouble() : 2.5e6;
    const double average = u * traffic[QStringLiteral("requestsPerUserPerDay")].toDouble() / 86400;
    const double peak = average * traffic[QStringLiteral("peakToAverage")].toDouble();
    const double writeFraction = traffic[QStringLiteral("writeFraction")].toDouble();
    const double write = peak * writeFraction;
    const struct {
        const char *key;
        double expected;
    } expected[] = {
        {"averageRps", average},
        {"peakRps", peak},
        {"readRps", peak * (1 - writeFraction)},
        {"writeRps", write},
        {"staticRps", peak * traffic[QStringLiteral("staticPerRequest")].toDouble()},
        {"jobRps", write * traffic[QStringLiteral("asyncPerWrite")].toDouble()},
    };

    const QStringList extra =
        users.isEmpty() ? QStringList() : QStringList{QStringLiteral("--users"), users};
    const QJsonObject o = evaluate(name, extra);
    QVERIFY(!o.isEmpty());
    QCOMPARE(o.value(QStringLiteral("users")).toDouble(), u);
    const QJsonObject demand = o.value(QStringLiteral("demand")).toObject();
    for (const auto &e : expected) {
        const double got = demand.value(QLatin1String(e.key)).toDouble(-1);
        QVERIFY2(e.expected == 0 ? got == 0 : relativelyClose(got, e.expected, 1e-9),
                 qPrintable(QStringLiteral("%1: got %2, expected %3")
                                .arg(QLatin1String(e.key), fmt(got), fmt(e.expected))));
    }
}

// 1e6, 1000000 and 1M are the same number: the outputs are byte-identical.
void TestCliEvaluate::usersSyntax()
{
    QByteArray first;
    for (const char *users : {"1e6", "1000000", "1M"}) {
        const QStringList args{QStringLiteral("evaluate"), m_stage5,
                               QStringLiteral("--users"),  QLatin1String(users),
                               QStringLiteral("--format"), QStringLiteral("json")};
        RUN_EXPECTING(run, args, 0);
        QString error;
        QCOMPARE(parseObject(run.out, error).value(QStringLiteral("users")).toDouble(), 1e6);
        if (first.isEmpty())
            first = run.out;
        else
            QVERIFY2(run.out == first, users);
    }
}

void TestCliEvaluate::usersRejected_data()
{
    QTest::addColumn<QString>("users");
    QTest::newRow("abc") << QStringLiteral("abc");
    QTest::newRow("-5") << QStringLiteral("-5");
    QTest::newRow("1e400") << QStringLiteral("1e400");
    QTest::newRow("empty") << QString();
    QTest::newRow("nan") << QStringLiteral("nan");
    QTest::newRow("inf") << QStringLiteral("inf");
}

void TestCliEvaluate::usersRejected()
{
    QFETCH(QString, users);
    const QStringList args{QStringLiteral("evaluate"), m_stage5, QStringLiteral("--users"), users};
    RUN_EXPECTING(run, args, 2);
    QVERIFY2(run.err.contains("--users"), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

// --catalog replaces the built-in prices: doubling every EC2 price of the catalog doubles the
// app tier's instance line; a broken catalog is refused with the JSON path of the problem.
void TestCliEvaluate::customCatalog()
{
    QFile builtin(QStringLiteral(SCALECANVAS_SOURCE_DIR "/resources/catalog.json"));
    QVERIFY(builtin.open(QIODevice::ReadOnly));
    QJsonObject catalog = QJsonDocument::fromJson(builtin.readAll()).object();
    QJsonArray types = catalog.value(QStringLiteral("instanceTypes")).toArray();
    for (int i = 0; i < types.size(); ++i) {
        QJsonObject t = types[i].toObject();
        if (t.value(QStringLiteral("service")).toString() == QLatin1String("ec2"))
            t[QStringLiteral("hourlyUsd")] = t.value(QStringLiteral("hourlyUsd")).toDouble() * 2;
        types[i] = t;
    }
    catalog[QStringLiteral("instanceTypes")] = types;
    QTemporaryDir dir;
    const QString doubled = dir.filePath(QStringLiteral("doubled.json"));
    QFile out(doubled);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(catalog).toJson());
    out.close();

    auto appCost = [this](const QStringList &extra) {
        QStringList args{QStringLiteral("evaluate"), m_stage5, QStringLiteral("--format"),
                         QStringLiteral("json")};
        args += extra;
        const CliRun run = runCli(args);
        QString error;
        const QJsonObject o = parseObject(run.out, error);
        double usd = 0;
        for (const QJsonValue &item : o.value(QStringLiteral("costItems")).toArray())
            if (item.toObject().value(QStringLiteral("component")).toString() ==
                    QLatin1String("app") &&
                item.toObject()
                    .value(QStringLiteral("item"))
                    .toString()
                    .contains(QLatin1String("c5.xlarge")))
                usd += item.toObject().value(QStringLiteral("monthlyUsd")).toDouble();
        return usd;
    };
    const double base = appCost({});
    QVERIFY(base > 0);
    QVERIFY(relativelyClose(appCost({QStringLiteral("--catalog"), doubled}), 2 * base, 1e-12));

    // The cost report at the same prices: its CSV's c5.xlarge lines (cents) double too.
    auto reportedApp = [&](const QStringList &extra) {
        const QString csv = dir.filePath(QStringLiteral("report.csv"));
        QFile::remove(csv);
        const CliRun run = runCli(
            QStringList{QStringLiteral("export"), m_stage5, QStringLiteral("--report"), csv} +
            extra);
        QFile f(csv);
        if (run.exitCode != 0 || !f.open(QIODevice::ReadOnly))
            return -1.0;
        double usd = 0;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.contains("c5.xlarge")) { // component,item,monthlyUsd,componentId
                const QList<QByteArray> fields = line.trimmed().split(',');
                usd += fields.at(fields.size() - 2).toDouble();
            }
        return usd;
    };
    const double reported = reportedApp({});
    QVERIFY(reported > 0);
    QVERIFY2(std::fabs(reportedApp({QStringLiteral("--catalog"), doubled}) - 2 * reported) <= 0.02,
             "the report's instance lines at the doubled prices");
    // A handout prints the lesson at the built-in prices: --catalog is refused, not ignored.
    const QStringList handout{QStringLiteral("export"),    m_stage5,
                              QStringLiteral("--handout"), dir.filePath(QStringLiteral("h.pdf")),
                              QStringLiteral("--catalog"), doubled};
    RUN_EXPECTING(refused, handout, 2);
    QVERIFY2(refused.err.contains("--catalog does not apply to --handout"),
             refused.err.constData());

    catalog[QStringLiteral("hoursPerMonth")] = QStringLiteral("many");
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile bad(broken);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(QJsonDocument(catalog).toJson());
    bad.close();
    const QStringList args{QStringLiteral("evaluate"), m_stage5, QStringLiteral("--catalog"),
                           broken};
    RUN_EXPECTING(run, args, 2);
    QVERIFY2(run.err.contains("hoursPerMonth"), run.err.constData());
}

// 200 points log-spaced from 10 to 10^8; the wall is where the named component reaches ρ = 1,
// which `evaluate` at that user count confirms; the CSV carries the same points and wall.
void TestCliEvaluate::sweepStage5()
{
    constexpr int kPoints = 200;
    const QStringList args{QStringLiteral("sweep"),    m_stage5,
                           QStringLiteral("--points"), QString::number(kPoints),
                           QStringLiteral("--format"), QStringLiteral("json")};
    RUN_EXPECTING(run, args, 0);
    QString error;
    const QJsonObject o = parseObject(run.out, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QString bad;
    QVERIFY2(allFinite(o, QStringLiteral("(root)"), bad), qPrintable("not finite: " + bad));
    const QByteArray bare = outsideStrings(run.out);
    QVERIFY(!bare.contains("nan") && !bare.contains("inf"));

    const QJsonArray points = o.value(QStringLiteral("points")).toArray();
    QCOMPARE(points.size(), qsizetype(kPoints));
    const double ratio = std::pow(1e8 / 10, 1.0 / (kPoints - 1));
    QVERIFY(relativelyClose(points.first()[QStringLiteral("users")].toDouble(), 10, 1e-9));
    QVERIFY(relativelyClose(points.last()[QStringLiteral("users")].toDouble(), 1e8, 1e-9));
    for (qsizetype i = 1; i < points.size(); ++i) {
        const double a = points[i - 1][QStringLiteral("users")].toDouble();
        const double b = points[i][QStringLiteral("users")].toDouble();
        QVERIFY2(
            relativelyClose(b / a, ratio, 1e-9),
            qPrintable(
                QStringLiteral("points %1 and %2: %3 / %4").arg(i - 1).arg(i).arg(fmt(b), fmt(a))));
        QVERIFY(relativelyClose(b, 10 * std::pow(ratio, double(i)), 1e-9));
    }

    const QJsonArray ids = o.value(QStringLiteral("components")).toArray();
    const QJsonObject wall = o.value(QStringLiteral("wall")).toObject();
    QVERIFY(wall.value(QStringLiteral("users")).isDouble());
    const double wallUsers = wall.value(QStringLiteral("users")).toDouble();
    QVERIFY(std::isfinite(wallUsers) && wallUsers > 0);
    const QString wallId = wall.value(QStringLiteral("component")).toString();
    QVERIFY2(ids.contains(QJsonValue(wallId)), qPrintable(wallId));
    const qsizetype wallIndex = ids.toVariantList().indexOf(wallId);
    // The latency wall, once: the same as `evaluate` reports, at or below the saturation wall,
    // and on stderr with the other.
    const QJsonObject sloWall = o.value(QStringLiteral("sloWall")).toObject();
    QCOMPARE(sloWall.value(QStringLiteral("p99Ms")).toDouble(), 500.0);
    QVERIFY(sloWall.value(QStringLiteral("users")).isDouble());
    const double sloUsers = sloWall.value(QStringLiteral("users")).toDouble();
    QVERIFY(sloUsers > 0 && sloUsers <= wallUsers);
    RUN_EXPECTING(eval,
                  (QStringList{QStringLiteral("evaluate"), m_stage5, QStringLiteral("--format"),
                               QStringLiteral("json")}),
                  0);
    const QJsonObject e = parseObject(eval.out, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(relativelyClose(e.value(QStringLiteral("sloMaxUsers")).toDouble(), sloUsers, 1e-12));
    QVERIFY2(run.err.contains("latency wall: "), run.err.constData());

    // Below the wall no station is saturated; above it the wall's component is.
    for (const QJsonValue &p : points) {
        const double users = p[QStringLiteral("users")].toDouble();
        const QJsonArray util = p[QStringLiteral("utilization")].toArray();
        QCOMPARE(util.size(), ids.size());
        if (users < wallUsers * (1 - 1e-9)) {
            for (qsizetype k = 0; k < util.size(); ++k)
                QVERIFY2(util[k].toDouble() < 1,
                         qPrintable(QStringLiteral("%1 saturated at %2 users, below the wall")
                                        .arg(ids[k].toString(), fmt(users))));
        } else if (users > wallUsers * (1 + 1e-9)) {
            // Past it requests fail: shed by the wall's component, or refused by the thread
            // pools in front of it, which then keep it at the edge of its capacity.
            QVERIFY(p[QStringLiteral("errorRate")].toDouble() > 0);
            QVERIFY(util[wallIndex].toDouble() >= kPageUtilizationForTest);
        }
    }

    const QJsonObject atWall = evaluate(QFileInfo(m_stage5).completeBaseName(),
                                        {QStringLiteral("--users"), fmt(wallUsers)});
    QVERIFY(!atWall.isEmpty());
    bool found = false;
    for (const QJsonValue &v : atWall.value(QStringLiteral("components")).toArray()) {
        if (v[QStringLiteral("id")].toString() != wallId)
            continue;
        found = true;
        // At the wall what the users send it equals its capacity: ρ = 1, or a little less where
        // the thread pools in front already refuse (and then requests fail).
        const double rho = v[QStringLiteral("utilization")].toDouble();
        QVERIFY2(rho <= 1 + 1e-6 && rho >= kPageUtilizationForTest,
                 qPrintable(QStringLiteral("ρ = %1").arg(fmt(rho))));
        if (rho < 1 - 1e-6)
            QVERIFY(atWall.value(QStringLiteral("errorRatePeak")).toDouble() > 0);
    }
    QVERIFY(found);

    // CSV (RFC 4180, CRLF): a header and one row per point with as many cells, nothing else;
    // the wall goes to stderr as "wall: USERS users at ID".
    const QStringList csvArgs{QStringLiteral("sweep"),    m_stage5,
                              QStringLiteral("--points"), QString::number(kPoints),
                              QStringLiteral("--format"), QStringLiteral("csv")};
    RUN_EXPECTING(csv, csvArgs, 0);
    QList<QByteArray> lines = csv.out.split('\n');
    QVERIFY(csv.out.endsWith("\r\n"));
    lines.removeLast();
    QCOMPARE(lines.size(), qsizetype(1 + kPoints));
    for (QByteArray &line : lines) {
        QVERIFY(line.endsWith('\r'));
        line.chop(1);
    }
    const qsizetype columns = lines.first().count(',') + 1;
    QVERIFY(lines.first().startsWith("users,"));
    for (qsizetype i = 1; i <= kPoints; ++i) {
        QCOMPARE(lines[i].count(',') + 1, columns);
        const double users = lines[i].left(lines[i].indexOf(',')).toDouble();
        QVERIFY(relativelyClose(users, points[i - 1][QStringLiteral("users")].toDouble(), 1e-9));
    }
    const QByteArray prefix = "wall: ";
    QVERIFY2(csv.err.startsWith(prefix) && csv.err.endsWith('\n'), csv.err.constData());
    // Two lines: the saturation wall, then the latency wall.
    const QList<QByteArray> errLines = csv.err.trimmed().split('\n');
    QCOMPARE(errLines.size(), qsizetype(2));
    const QList<QByteArray> wallLine = errLines[0].mid(prefix.size()).trimmed().split(' ');
    QCOMPARE(wallLine.size(), qsizetype(4));
    const QByteArray sloPrefix = "latency wall: ";
    QVERIFY2(errLines[1].startsWith(sloPrefix), errLines[1].constData());
    QVERIFY(relativelyClose(errLines[1].mid(sloPrefix.size()).split(' ').first().toDouble(),
                            sloUsers, 1e-9));
    bool ok = false;
    QVERIFY(relativelyClose(wallLine[0].toDouble(&ok), wallUsers, 1e-9) && ok);
    QCOMPARE(wallLine[1] + ' ' + wallLine[2], QByteArray("users at"));
    QCOMPARE(QString::fromUtf8(wallLine[3]), wallId);
}

// A design still being built (issue 13, item 18): "web" (60% of the users) reaches the app
// servers, "mobile" (40%) a load balancer wired to nothing. evaluate and sweep evaluate the
// connected part — the app's figures are those of the design without "mobile" and the
// balancer — and mark the balancer DEAD_END (an error); validate refuses the design, naming the
// balancer's JSON path.
void TestCliEvaluate::deadEnd()
{
    const QByteArray head = R"({"format": "scalecanvas", "formatVersion": 1, "appVersion": "0.1.0",
 "design": {"name": "Being built", "traffic": {"users": 100000, "writeFraction": 0.2},
  "components": [
   {"id": "web", "kind": "clients", "label": "Web", "params": {"share": 0.6}},
   {"id": "app", "kind": "appServer", "label": "App", "params": {"instances": 3}},
   {"id": "db", "kind": "database", "label": "Postgres", "params": {"multiAz": true}})";
    const QByteArray connected = R"(
  ], "connections": [{"from": "web", "to": "app"}, {"from": "app", "to": "db"})";
    const QByteArray lb = R"(,
   {"id": "mobile", "kind": "clients", "label": "Mobile", "params": {"share": 0.4}},
   {"id": "lb", "kind": "loadBalancer", "label": "Front door"})";
    const QByteArray toLb = R"(, {"from": "mobile", "to": "lb"})";
    const QByteArray tail = "]}}\n";
    const QString complete = m_tmp.filePath(QStringLiteral("connected.scalecanvas"));
    const QString building = m_tmp.filePath(QStringLiteral("dead-end.scalecanvas"));
    for (const auto &[path, bytes] : {std::pair{complete, head + connected + tail},
                                      std::pair{building, head + lb + connected + toLb + tail}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
    }
    const QStringList validateArgs{QStringLiteral("validate"), building};
    RUN_EXPECTING(validate, validateArgs, 2);
    QCOMPARE(validate.err, building.toUtf8() +
                               ": design.components[4]: Load balancer \"Front door\" has nowhere "
                               "to send static, read and write requests: connect it onward\n");
    QVERIFY(validate.out.isEmpty());

    QJsonObject o[2];
    for (int k = 0; k < 2; ++k) {
        const QStringList args{QStringLiteral("evaluate"), k ? building : complete};
        RUN_EXPECTING(run, args, 0);
        QString error;
        o[k] = parseObject(run.out, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QString bad;
        QVERIFY2(allFinite(o[k], QStringLiteral("$"), bad), qPrintable(bad));
    }
    const QJsonArray ca = o[0].value(QStringLiteral("components")).toArray();
    const QJsonArray cb = o[1].value(QStringLiteral("components")).toArray();
    for (int i : {1, 2}) // app and db: the same figures
        for (const char *key : {"arrivalRps", "utilization", "meanLatencyMs"})
            QCOMPARE(cb[i].toObject().value(QLatin1String(key)).toDouble(),
                     ca[i].toObject().value(QLatin1String(key)).toDouble());
    // The db's bill too. The app's data-out line shares the account's tiers with the
    // balancer's (docs/model.md "Tiered prices"): their volume together reaches cheaper tiers,
    // so the app's share (by volume) costs less than when it is alone.
    QCOMPARE(cb[2].toObject().value(QLatin1String("monthlyCostUsd")).toDouble(),
             ca[2].toObject().value(QLatin1String("monthlyCostUsd")).toDouble());
    QVERIFY(cb[1].toObject().value(QLatin1String("monthlyCostUsd")).toDouble() <
            ca[1].toObject().value(QLatin1String("monthlyCostUsd")).toDouble());
    QCOMPARE(o[1].value(QStringLiteral("maxUsers")).toDouble(),
             o[0].value(QStringLiteral("maxUsers")).toDouble());
    QVERIFY(relativelyClose(o[1].value(QStringLiteral("availability")).toDouble(),
                            0.6 * o[0].value(QStringLiteral("availability")).toDouble(), 1e-12));
    // The dead end is an error, listed with the errors (the db's TOO_MANY_CONNECTIONS, an
    // error too, comes before it in design order).
    QJsonObject deadEnd;
    bool errorsSoFar = true;
    for (const QJsonValue &w : o[1].value(QStringLiteral("warnings")).toArray()) {
        const bool error =
            w.toObject().value(QStringLiteral("severity")) == QStringLiteral("error");
        QVERIFY2(!error || errorsSoFar, "an error listed after a warning");
        errorsSoFar = errorsSoFar && error;
        if (w.toObject().value(QStringLiteral("code")) == QStringLiteral("DEAD_END"))
            deadEnd = w.toObject();
    }
    QCOMPARE(deadEnd.value(QStringLiteral("component")).toString(), QStringLiteral("lb"));
    QCOMPARE(deadEnd.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));

    for (const char *format : {"csv", "json"}) {
        const QStringList sweepArgs{QStringLiteral("sweep"),    building,
                                    QStringLiteral("--points"), QStringLiteral("20"),
                                    QStringLiteral("--format"), QLatin1String(format)};
        RUN_EXPECTING(sweep, sweepArgs, 0);
        QVERIFY(!sweep.out.isEmpty());
        QVERIFY2(outsideStrings(sweep.out).indexOf("nan") < 0, sweep.out.left(500).constData());
    }
}

void TestCliEvaluate::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    const QString missing = m_tmp.filePath(QStringLiteral("no-such-file.scalecanvas"));
    QTest::newRow("evaluate-missing-file") << QStringList{QStringLiteral("evaluate"), missing};
    QTest::newRow("sweep-missing-file") << QStringList{QStringLiteral("sweep"), missing};
    QTest::newRow("evaluate-unknown-option") << QStringList{
        QStringLiteral("evaluate"), m_stage5, QStringLiteral("--bogus"), QStringLiteral("1")};
    QTest::newRow("sweep-unknown-option") << QStringList{
        QStringLiteral("sweep"), m_stage5, QStringLiteral("--users"), QStringLiteral("5")};
    QTest::newRow("evaluate-bad-format") << QStringList{
        QStringLiteral("evaluate"), m_stage5, QStringLiteral("--format"), QStringLiteral("xml")};
    QTest::newRow("template-nosuch")
        << QStringList{QStringLiteral("template"), QStringLiteral("nosuch")};
}

// Invalid input is exit code 2 with a message on stderr and nothing on stdout.
void TestCliEvaluate::exitCodes()
{
    QFETCH(QStringList, args);
    RUN_EXPECTING(run, args, 2);
    QVERIFY(!run.err.trimmed().isEmpty());
    QVERIFY2(run.out.isEmpty(), run.out.left(500).constData());
}

QTEST_GUILESS_MAIN(TestCliEvaluate)
#include "tst_cli_evaluate.moc"
