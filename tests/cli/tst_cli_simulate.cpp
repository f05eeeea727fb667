// `scalecanvas simulate` on every built-in scenario of every template (issue 16): the CSV columns
// and the JSON series and summary of DESIGN.md "Time: scenarios and simulation". The summary's
// totals are checked against the series they summarize (each row stands for the step after it).
#include "tests/common/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

#include <cmath>

using sctest::CliRun;

namespace {

CliRun run(const QStringList &args)
{
    return sctest::runBinary(QStringLiteral(SCALECANVAS_BIN), args, 120000);
}

QStringList templates()
{
    const CliRun r = run({QStringLiteral("templates")});
    QStringList names;
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.isEmpty())
            names.push_back(QString::fromUtf8(line.split('\t').front()));
    return names;
}

// The scenarios a design offers, as the error for an unknown one lists them.
QStringList scenariosOf(const QString &design)
{
    const CliRun r = run({QStringLiteral("simulate"), design, QStringLiteral("--scenario"),
                          QStringLiteral("no such scenario")});
    QStringList names;
    const QString err = QString::fromUtf8(r.err);
    const int from = err.indexOf(QStringLiteral("(this design has"));
    auto it = QRegularExpression(QStringLiteral("\"([^\"]+)\"")).globalMatch(err.mid(from));
    while (it.hasNext())
        names.push_back(it.next().captured(1));
    return names;
}

} // namespace

class TestCliSimulate : public QObject
{
    Q_OBJECT

private slots:
    void everyBuiltinScenario_data()
    {
        QTest::addColumn<QString>("design");
        QTest::addColumn<QString>("scenario");
        const QStringList all = templates();
        QVERIFY(all.size() >= 14);
        for (const QString &t : all) {
            const QStringList names = scenariosOf(t);
            QVERIFY2(names.contains(QStringLiteral("a day")), qPrintable(t));
            for (const QString &s : names)
                QTest::newRow(qPrintable(t + QStringLiteral(" / ") + s)) << t << s;
        }
    }

    void everyBuiltinScenario()
    {
        QFETCH(QString, design);
        QFETCH(QString, scenario);
        const QStringList base{QStringLiteral("simulate"),   design,
                               QStringLiteral("--scenario"), scenario,
                               QStringLiteral("--step"),     QStringLiteral("60")};
        // JSON: {scenario, series[...], summary{...}}.
        const QStringList jsonArgs =
            base + QStringList{QStringLiteral("--format"), QStringLiteral("json")};
        const CliRun j = run(jsonArgs);
        QVERIFY2(sctest::exitedWith(j, 0), sctest::describe(jsonArgs, j).constData());
        QJsonParseError perr;
        const QJsonObject doc = QJsonDocument::fromJson(j.out, &perr).object();
        QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(perr.errorString()));
        QCOMPARE(doc.value(QStringLiteral("scenario")).toString(), scenario);
        const QJsonArray series = doc.value(QStringLiteral("series")).toArray();
        QVERIFY(series.size() >= 2);
        const double dt = series[1].toObject().value(QStringLiteral("t")).toDouble() -
                          series[0].toObject().value(QStringLiteral("t")).toDouble();
        QCOMPARE(dt, 60.0);
        double requests = 0, failed = 0, servedSoFar = 0;
        for (qsizetype n = 0; n < series.size(); ++n) {
            const QJsonObject row = series[n].toObject();
            for (const char *key : {"t", "demandRps", "servedRps", "errorRps", "p99Ms", "costUsd",
                                    "instances", "utilization", "backlog"})
                QVERIFY2(row.contains(QLatin1String(key)), key);
            QCOMPARE(row.value(QStringLiteral("t")).toDouble(), 60.0 * double(n));
            const double demand = row.value(QStringLiteral("demandRps")).toDouble();
            const double served = row.value(QStringLiteral("servedRps")).toDouble();
            const double errors = row.value(QStringLiteral("errorRps")).toDouble();
            QVERIFY(std::isfinite(demand) && served >= 0 && errors >= 0);
            // A step may serve more than it is sent (a backlog draining), never more than
            // has been sent so far.
            servedSoFar += served * 60;
            QVERIFY(servedSoFar <= (requests + demand * 60) * (1 + 1e-9) + 1e-6);
            if (n + 1 < series.size()) { // the last row stands for no time after it
                requests += demand * 60;
                failed += errors * 60;
            }
        }
        const QJsonObject sum = doc.value(QStringLiteral("summary")).toObject();
        for (const char *key : {"requests", "failedRequests", "errorRate", "sloViolationSeconds",
                                "maxInstances", "costUsd"})
            QVERIFY2(sum.contains(QLatin1String(key)), key);
        const double sumRequests = sum.value(QStringLiteral("requests")).toDouble();
        QVERIFY(std::fabs(sumRequests - requests) <= 1e-9 * std::max(1.0, requests));
        const double sumFailed = sum.value(QStringLiteral("failedRequests")).toDouble();
        QVERIFY(std::fabs(sumFailed - failed) <= 1e-9 * std::max(1.0, requests));
        if (requests > 0)
            QVERIFY(std::fabs(sum.value(QStringLiteral("errorRate")).toDouble() -
                              failed / requests) < 1e-9);
        const double violation = sum.value(QStringLiteral("sloViolationSeconds")).toDouble();
        QVERIFY(violation >= 0 && violation <= 60.0 * double(series.size() - 1));

        // CSV: the same rows, with the columns of DESIGN.md.
        const QStringList csvArgs =
            base + QStringList{QStringLiteral("--format"), QStringLiteral("csv")};
        const CliRun c = run(csvArgs);
        QVERIFY2(sctest::exitedWith(c, 0), sctest::describe(csvArgs, c).constData());
        const QList<QByteArray> lines = c.out.trimmed().split('\n');
        QCOMPARE(lines.size(), series.size() + 1);
        const QByteArray header = lines.front();
        QVERIFY2(header.startsWith("t,demandRps,servedRps,errorRps,p99Ms,costUsd,instances:"),
                 header.constData());
        QVERIFY(header.contains(",util:") && header.contains(",backlog:"));
        const qsizetype columns = header.count(',') + 1;
        QCOMPARE((columns - 6) % 3, qsizetype(0));
        // Every cell a number or empty (a figure that does not exist): never "inf" or "nan",
        // which a spreadsheet reads as text (a component down has no utilization).
        for (qsizetype n = 1; n < lines.size(); ++n) {
            const QList<QByteArray> cells = lines[n].trimmed().split(',');
            QCOMPARE(cells.size(), columns);
            for (const QByteArray &cell : cells) {
                bool ok = cell.isEmpty();
                if (!ok) {
                    const double v = cell.toDouble(&ok);
                    ok = ok && std::isfinite(v);
                }
                QVERIFY2(ok, (lines[n].left(60) + "…: " + cell).constData());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCliSimulate)
#include "tst_cli_simulate.moc"
