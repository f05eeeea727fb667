// The service-level objective of file format 2 through the binary (issue 14, item 1): the
// objective a file states is the one `evaluate` and `sweep` report and hold the design to, a
// version-1 file is held to the defaults, and a tighter objective can only lower the latency
// wall (the end-to-end p99 grows with the users, so the most users meeting 200 ms are at most
// those meeting 500 ms).

#include "../common/clirun.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

const QString kBinary = QStringLiteral(SCALECANVAS_BIN);

// clients → load balancer → 2 app servers → database; `slo` is the "slo" member of a
// version-2 file ("" for none), `version` the formatVersion.
QByteArray designFile(const QByteArray &slo, int version = 2)
{
    QByteArray t = R"({"format": "scalecanvas", "formatVersion": @V@, "appVersion": "0.1.0",@SLO@
 "design": {"name": "Objective", "traffic": {"users": 10000},
  "components": [
   {"id": "web", "kind": "clients", "label": "Users"},
   {"id": "lb", "kind": "loadBalancer", "label": "ALB"},
   {"id": "app", "kind": "appServer", "label": "App", "params": {"instances": 2}},
   {"id": "db", "kind": "database", "label": "Postgres"}],
  "connections": [{"from": "web", "to": "lb"}, {"from": "lb", "to": "app"},
                  {"from": "app", "to": "db"}]}}
)";
    t.replace("@V@", QByteArray::number(version));
    t.replace("@SLO@", slo.isEmpty() ? QByteArray() : " \"slo\": " + slo + ",");
    return t;
}

} // namespace

class TestCliSlo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void objectiveIsReported();
    void versionOneHasTheDefaults();
    void tighterObjectiveLowersTheWall();
    void sweepNamesTheObjective();
    void badObjectiveIsRefused();

private:
    // Writes `bytes` to a new file of the temporary folder and returns its path.
    QString write(const QByteArray &bytes);
    // `evaluate FILE --format json` (exit 0 expected), parsed; empty on failure (and a test
    // failure).
    QJsonObject evaluate(const QString &file);
    QTemporaryDir m_dir;
    int m_files = 0;
};

void TestCliSlo::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestCliSlo::write(const QByteArray &bytes)
{
    const QString path = m_dir.filePath(QString("d%1.scalecanvas").arg(++m_files));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

QJsonObject TestCliSlo::evaluate(const QString &file)
{
    const QStringList args{QStringLiteral("evaluate"), file, QStringLiteral("--format"),
                           QStringLiteral("json")};
    const sctest::CliRun run = sctest::runBinary(kBinary, args, 60000);
    if (!sctest::exitedWith(run, 0)) {
        QTest::qFail(sctest::describe(args, run).constData(), __FILE__, __LINE__);
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    if (!doc.isObject()) {
        QTest::qFail(qPrintable(error.errorString()), __FILE__, __LINE__);
        return {};
    }
    return doc.object();
}

// The file's objective, budget included, is what evaluate prints, as numbers.
void TestCliSlo::objectiveIsReported()
{
    const QJsonObject o = evaluate(
        write(designFile(R"({"p99Ms": 200, "availability": 0.9995, "monthlyBudgetUsd": 800})")));
    QVERIFY(!o.isEmpty());
    const QJsonObject slo = o.value(QStringLiteral("slo")).toObject();
    QCOMPARE(slo.value(QStringLiteral("p99Ms")).toDouble(), 200.0);
    QCOMPARE(slo.value(QStringLiteral("availability")).toDouble(), 0.9995);
    QCOMPARE(slo.value(QStringLiteral("monthlyBudgetUsd")).toDouble(), 800.0);

    // Without a budget the key is absent; the text form names the objective too.
    const QString file = write(designFile(R"({"p99Ms": 200})"));
    const QJsonObject noBudget = evaluate(file).value(QStringLiteral("slo")).toObject();
    QVERIFY(!noBudget.contains(QStringLiteral("monthlyBudgetUsd")));
    QCOMPARE(noBudget.value(QStringLiteral("availability")).toDouble(), 0.999);
    const QStringList args{QStringLiteral("evaluate"), file, QStringLiteral("--format"),
                           QStringLiteral("text")};
    const sctest::CliRun text = sctest::runBinary(kBinary, args, 60000);
    QVERIFY2(sctest::exitedWith(text, 0), sctest::describe(args, text).constData());
    QVERIFY2(text.out.contains("(p99 within 200 ms)") || text.out.contains("within 200 ms up to"),
             text.out.constData());
    // An objective of a second reads as the milliseconds it is, not as a user count ("1K").
    const QStringList second{QStringLiteral("evaluate"), write(designFile(R"({"p99Ms": 1000})")),
                             QStringLiteral("--format"), QStringLiteral("text")};
    const sctest::CliRun secondText = sctest::runBinary(kBinary, second, 60000);
    QVERIFY2(sctest::exitedWith(secondText, 0), sctest::describe(second, secondText).constData());
    QVERIFY2(secondText.out.contains("(p99 within 1,000 ms)") ||
                 secondText.out.contains("within 1,000 ms up to"),
             secondText.out.constData());
    // The text weighs the bill against a budget, as the reports do: the JSON's monthly cost
    // against $1 (exceeded by the difference) and against $10⁹ (met); none without one.
    const QString budgeted = write(designFile(R"({"monthlyBudgetUsd": 1})"));
    const double usd = evaluate(budgeted).value(QStringLiteral("monthlyCostUsd")).toDouble();
    QVERIFY(usd > 1);
    for (const auto &[budget, line] :
         {std::pair{QByteArray("1"),
                    "; budget $1.00 exceeded by $" + QByteArray::number(usd - 1, 'f', 2)},
          std::pair{QByteArray("1000000000"), QByteArray("; budget $1,000,000,000.00 met")}}) {
        const QStringList b{QStringLiteral("evaluate"),
                            write(designFile("{\"monthlyBudgetUsd\": " + budget + "}")),
                            QStringLiteral("--format"), QStringLiteral("text")};
        const sctest::CliRun run = sctest::runBinary(kBinary, b, 60000);
        QVERIFY2(sctest::exitedWith(run, 0), sctest::describe(b, run).constData());
        QVERIFY2(run.out.contains(line), run.out.constData());
    }
    QVERIFY(!text.out.contains("; budget"));
}

// A version-1 file (no "slo") evaluates exactly like the same design in version 2 stating the
// defaults, 500 ms and 0.999: the migration gives the defaults and nothing else changes.
void TestCliSlo::versionOneHasTheDefaults()
{
    const QJsonObject v1 = evaluate(write(designFile("", 1)));
    const QJsonObject v2 = evaluate(write(designFile(R"({"p99Ms": 500, "availability": 0.999})")));
    const QJsonObject v2Bare = evaluate(write(designFile("")));
    QVERIFY(!v1.isEmpty() && !v2.isEmpty());
    const QJsonObject slo = v1.value(QStringLiteral("slo")).toObject();
    QCOMPARE(slo.value(QStringLiteral("p99Ms")).toDouble(), 500.0);
    QCOMPARE(slo.value(QStringLiteral("availability")).toDouble(), 0.999);
    QVERIFY(!slo.contains(QStringLiteral("monthlyBudgetUsd")));
    QCOMPARE(v1, v2);
    QCOMPARE(v1, v2Bare);
}

// The latency wall never rises when the objective tightens, and stays at or below the
// saturation wall. For this design both walls exist at 200 ms and 500 ms, and since the p99
// rises strictly with the users the 200 ms wall is strictly lower.
void TestCliSlo::tighterObjectiveLowersTheWall()
{
    const double objectives[] = {50, 100, 200, 300, 500, 1000, 5000};
    double previous = -1;
    double at200 = -1, at500 = -1;
    for (double ms : objectives) {
        const QJsonObject o =
            evaluate(write(designFile("{\"p99Ms\": " + QByteArray::number(ms) + "}")));
        QVERIFY(!o.isEmpty());
        QCOMPARE(
            o.value(QStringLiteral("slo")).toObject().value(QStringLiteral("p99Ms")).toDouble(),
            ms);
        const QJsonValue wall = o.value(QStringLiteral("sloMaxUsers"));
        // null: not even the first users meet the objective; counts as 0 for the order.
        QVERIFY2(wall.isNull() || wall.isDouble(), qPrintable(QString::number(ms)));
        const double users = wall.isNull() ? 0 : wall.toDouble();
        QVERIFY(std::isfinite(users) && users >= 0);
        QVERIFY2(users >= previous, qPrintable(QString("%1 ms: %2 users, below %3 at a looser "
                                                       "objective")
                                                   .arg(ms)
                                                   .arg(users)
                                                   .arg(previous)));
        QVERIFY(users <= o.value(QStringLiteral("maxUsers")).toDouble());
        previous = users;
        if (ms == 200)
            at200 = users;
        if (ms == 500)
            at500 = users;
    }
    QVERIFY2(at200 > 0 && at500 > 0, qPrintable(QString("%1 %2").arg(at200).arg(at500)));
    QVERIFY2(at200 < at500, qPrintable(QString("%1 vs %2").arg(at200).arg(at500)));
}

// sweep's latency wall is held to the file's objective as well.
void TestCliSlo::sweepNamesTheObjective()
{
    const QString file = write(designFile(R"({"p99Ms": 200})"));
    const QStringList args{QStringLiteral("sweep"),    file,
                           QStringLiteral("--from"),   QStringLiteral("100"),
                           QStringLiteral("--to"),     QStringLiteral("1e6"),
                           QStringLiteral("--points"), QStringLiteral("5"),
                           QStringLiteral("--format"), QStringLiteral("json")};
    const sctest::CliRun run = sctest::runBinary(kBinary, args, 60000);
    QVERIFY2(sctest::exitedWith(run, 0), sctest::describe(args, run).constData());
    const QJsonObject o = QJsonDocument::fromJson(run.out).object();
    const QJsonObject sloWall = o.value(QStringLiteral("sloWall")).toObject();
    QCOMPARE(sloWall.value(QStringLiteral("p99Ms")).toDouble(), 200.0);
    QCOMPARE(sloWall.value(QStringLiteral("users")).toDouble(),
             evaluate(file).value(QStringLiteral("sloMaxUsers")).toDouble());
}

// An objective of 0 ms is an error naming the JSON path and the allowed range; so is a block
// of format 2 in a version-1 file, and a file of format 3.
void TestCliSlo::badObjectiveIsRefused()
{
    const struct {
        QByteArray file;
        QByteArray message;
    } cases[] = {
        {designFile(R"({"p99Ms": 0})"),
         "slo.p99Ms: must be more than 0 and at most 3600000 ms, got 0"},
        {designFile(R"({"availability": 0})"),
         "slo.availability: must be more than 0 and at most 1, got 0"},
        {designFile(R"({"p99Ms": 200})", 1), "slo: \"slo\" is part of file format 2"},
        {designFile(R"({"p99Ms": 200})", 3),
         "formatVersion: made by version 0.1.0 (file format 3)"},
    };
    for (const auto &c : cases) {
        for (const char *command : {"validate", "evaluate"}) {
            const QStringList args{QString::fromLatin1(command), write(c.file)};
            const sctest::CliRun run = sctest::runBinary(kBinary, args, 60000);
            QVERIFY2(sctest::exitedWith(run, 2), sctest::describe(args, run).constData());
            QVERIFY2(run.err.contains(c.message), run.err.constData());
            QVERIFY(run.out.isEmpty());
        }
    }
}

QTEST_GUILESS_MAIN(TestCliSlo)
#include "tst_cli_slo.moc"
