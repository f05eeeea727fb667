// The five growth-stage templates tell the story (issue 13): each stage runs comfortably (every
// station below 70%) at its own user count, and stages 1–4 hit a wall (some station at 100% or
// more) between 3× and 30× their user count, at the station the next stage fixes. The walls
// are derived here by hand from the traffic and service times the templates state in their
// descriptions, and compared with `scalecanvas evaluate --format json`.
#include "../common/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

// The photo app of every stage: 50 views per user per day, each loading one photo; 5% of the
// views are writes; the peak hour is 3× the average.
constexpr double kViewsPerDay = 50, kWrites = 0.05, kPeak = 3;
constexpr double kViewsPerUserPeak = kViewsPerDay * kPeak / 86400; // views/s per user

QString templateFile(const QString &name)
{
    return QStringLiteral(SCALECANVAS_SOURCE_DIR "/resources/templates/") + name +
           QStringLiteral(".scalecanvas");
}

QJsonObject evaluate(const QString &name, double users)
{
    const sctest::CliRun run = sctest::runBinary(
        QStringLiteral(SCALECANVAS_BIN),
        {QStringLiteral("evaluate"), templateFile(name), QStringLiteral("--users"),
         QString::number(users, 'g', 17), QStringLiteral("--format"), QStringLiteral("json")},
        60000);
    if (!run.finished || run.exitCode != 0)
        qWarning("%s", run.err.constData());
    return QJsonDocument::fromJson(run.out).object();
}

double highestUtilization(const QJsonObject &result, QString *where)
{
    double highest = -1;
    for (const QJsonValue &v : result[QStringLiteral("components")].toArray()) {
        const QJsonObject c = v.toObject();
        if (c[QStringLiteral("utilization")].isDouble() &&
            c[QStringLiteral("utilization")].toDouble() > highest) {
            highest = c[QStringLiteral("utilization")].toDouble();
            *where = c[QStringLiteral("id")].toString();
        }
    }
    return highest;
}

} // namespace

class TestCliStages : public QObject
{
    Q_OBJECT

private slots:
    void stages_data();
    void stages();
};

void TestCliStages::stages_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("users");
    QTest::addColumn<QString>("wallAt");
    QTest::addColumn<double>("wallUsers"); // 0: no wall required (stage 5)

    // Stage 1: one t3.medium (2 vCPU) serves views and photos alike at 30 ms of CPU each:
    // 2 / 0.030 = 66.7 req/s; each user sends 2 × kViewsPerUserPeak at the peak.
    const double stage1 = (2 / 0.030) / (2 * kViewsPerUserPeak);
    // Stage 2: the database (db.t3.medium, 2 vCPU) sees the 10% cache misses of the 95% reads
    // at 50 ms and the 5% writes at 10 ms: 5.25 ms of CPU per view.
    const double stage2 =
        (2 / ((1 - kWrites) * 0.10 * 0.050 + kWrites * 0.010)) / kViewsPerUserPeak;
    // Stage 3: the primary (db.m5.large, 2 vCPU) sees only writes: the app's 5% and one
    // worker job per write, 20 ms each (the misses go to the replica).
    const double stage3 = (2 / (2 * kWrites * 0.020)) / kViewsPerUserPeak;
    // Stage 4: the same writes on a db.r5.4xlarge (16 vCPU).
    const double stage4 = (16 / (2 * kWrites * 0.020)) / kViewsPerUserPeak;

    QTest::newRow("stage 1") << "stage1-1k" << 1e3 << "server" << stage1;
    QTest::newRow("stage 2") << "stage2-10k" << 1e4 << "db" << stage2;
    QTest::newRow("stage 3") << "stage3-100k" << 1e5 << "db" << stage3;
    QTest::newRow("stage 4") << "stage4-1m" << 1e6 << "db" << stage4;
    QTest::newRow("stage 5") << "stage5-10m" << 1e7 << "" << 0.0;
}

void TestCliStages::stages()
{
    QFETCH(QString, name);
    QFETCH(double, users);
    QFETCH(QString, wallAt);
    QFETCH(double, wallUsers);

    const QJsonObject own = evaluate(name, users);
    QVERIFY2(!own.isEmpty(), "evaluate failed");
    QCOMPARE(own[QStringLiteral("users")].toDouble(), users);
    QString where;
    const double comfortable = highestUtilization(own, &where);
    QVERIFY2(
        comfortable >= 0 && comfortable < 0.7,
        qPrintable(QStringLiteral("%1 runs at %2 at its own users").arg(where).arg(comfortable)));
    if (wallUsers == 0)
        return;

    // The wall: where and when, as derived by hand, and between 3× and 30× the stage's users.
    QCOMPARE(own[QStringLiteral("wallComponent")].toString(), wallAt);
    const double maxUsers = own[QStringLiteral("maxUsers")].toDouble();
    QVERIFY2(std::abs(maxUsers - wallUsers) <= 1e-9 * wallUsers,
             qPrintable(QStringLiteral("maxUsers %1, by hand %2").arg(maxUsers).arg(wallUsers)));
    QVERIFY(maxUsers > 3 * users && maxUsers < 30 * users);

    const QJsonObject beyond = evaluate(name, 30 * users);
    QVERIFY(highestUtilization(beyond, &where) >= 1);
}

QTEST_GUILESS_MAIN(TestCliStages)
#include "tst_cli_stages.moc"
