// One availability rule everywhere (issue 13, item 9): for every built-in template at several
// user counts, `evaluate --format text`, the GUI's formatting (scui::formatAvailability, which
// the status bar and the reports use) and the HTML cost report print the same digits for
// the same design, and those digits never overstate the availability of the JSON output.

#include "../common/clirun.h"

#include "ui/numberformat.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

constexpr int kTimeoutMs = 20000;

sctest::CliRun runCli(const QStringList &args)
{
    return sctest::runBinary(QStringLiteral(SCALECANVAS_BIN), args, kTimeoutMs);
}

QStringList templateNames()
{
    const sctest::CliRun run = runCli({QStringLiteral("templates")});
    QStringList names;
    for (const QByteArray &line : run.out.split('\n'))
        if (!line.isEmpty())
            names << QString::fromUtf8(line.split('\t').first());
    return names;
}

} // namespace

class TestCliAvailability : public QObject
{
    Q_OBJECT

private slots:
    void sameDigits_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("users");
        const QStringList names = templateNames();
        QVERIFY(names.size() >= 5);
        for (const QString &n : names)
            for (const char *users : {"1000", "1e6"})
                QTest::newRow(qPrintable(n + '@' + users)) << n << QString::fromLatin1(users);
    }

    void sameDigits()
    {
        QFETCH(QString, name);
        QFETCH(QString, users);
        const QStringList jsonArgs{QStringLiteral("evaluate"), name, QStringLiteral("--users"),
                                   users};
        const sctest::CliRun json = runCli(jsonArgs);
        QVERIFY2(sctest::exitedWith(json, 0), sctest::describe(jsonArgs, json).constData());
        const double a = QJsonDocument::fromJson(json.out)
                             .object()
                             .value(QStringLiteral("availability"))
                             .toDouble(-1);
        QVERIFY(a >= 0 && a <= 1);
        const QString gui = scui::formatAvailability(a);

        const QStringList textArgs = jsonArgs + QStringList{"--format", "text"};
        const sctest::CliRun text = runCli(textArgs);
        QVERIFY2(sctest::exitedWith(text, 0), sctest::describe(textArgs, text).constData());
        static const QRegularExpression line(QStringLiteral("\navailability: (\\S+%) \\("));
        const QRegularExpressionMatch m = line.match(QString::fromUtf8(text.out));
        QVERIFY2(m.hasMatch(), text.out.constData());
        QCOMPARE(m.captured(1), gui);

        // Never more than the value: the digits shown, read back, are at most 100·a (within
        // the 12-decimal rounding of the rule).
        QString shown = gui;
        shown.chop(1);
        QVERIFY2(shown.toDouble() <= a * 100 + 1e-9, qPrintable(gui));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString html = dir.filePath(QStringLiteral("report.html"));
        const QStringList exportArgs{QStringLiteral("export"),   name,
                                     QStringLiteral("--report"), html,
                                     QStringLiteral("--users"),  users};
        const sctest::CliRun report = runCli(exportArgs);
        QVERIFY2(sctest::exitedWith(report, 0), sctest::describe(exportArgs, report).constData());
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString body = QString::fromUtf8(f.readAll());
        QVERIFY2(body.contains(gui), qPrintable(gui + " not in the report"));
    }
};

QTEST_GUILESS_MAIN(TestCliAvailability)
#include "tst_cli_availability.moc"
