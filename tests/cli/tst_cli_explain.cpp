// `scalecanvas explain` (issue 17): the explanation's result is the figure `evaluate` prints;
// an unknown figure or component is refused (exit 2) with the names allowed.
#include "tests/common/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using sctest::describe;
using sctest::exitedWith;
using sctest::runBinary;

namespace {

sctest::CliRun run(const QStringList &args)
{
    return runBinary(QStringLiteral(SCALECANVAS_BIN), args, 60000);
}

} // namespace

class TestCliExplain : public QObject
{
    Q_OBJECT

private slots:
    // The JSON's result equals evaluate's figure at the same users, for a component's
    // utilization, the design's cost and availability.
    void resultIsTheEvaluatedFigure()
    {
        const QStringList eargs = {"evaluate", "case-1m-optimized", "--users", "2M"};
        const auto ev = run(eargs);
        QVERIFY2(exitedWith(ev, 0), describe(eargs, ev).constData());
        const QJsonObject e = QJsonDocument::fromJson(ev.out).object();
        QJsonObject app;
        for (const QJsonValue &c : e.value("components").toArray())
            if (c.toObject().value("id").toString() == "app")
                app = c.toObject();
        QVERIFY(!app.isEmpty());
        const struct {
            QString figure, component;
            double expected;
        } cases[] = {
            {"utilization", "app", app.value("utilization").toDouble()},
            {"monthlyCostUsd", "", e.value("monthlyCostUsd").toDouble()},
            {"availability", "", e.value("availability").toDouble()},
        };
        for (const auto &c : cases) {
            QStringList args = {"explain", "case-1m-optimized", c.figure, "--users",
                                "2M",      "--format",          "json"};
            if (!c.component.isEmpty())
                args << "--component" << c.component;
            const auto r = run(args);
            QVERIFY2(exitedWith(r, 0), describe(args, r).constData());
            const QJsonObject x = QJsonDocument::fromJson(r.out).object();
            QCOMPARE(x.value("figure").toString(), c.figure);
            QCOMPARE(x.value("users").toDouble(), 2e6);
            const double got = x.value("result").toObject().value("value").toDouble();
            QVERIFY2(
                std::fabs(got - c.expected) <= 1e-9 * std::max(1.0, std::fabs(c.expected)),
                qPrintable(QStringLiteral("%1: %2 vs %3").arg(c.figure).arg(got).arg(c.expected)));
            QVERIFY(!x.value("inputs").toArray().isEmpty());
        }
        // The text form: the same explanation, aligned lines.
        const QStringList targs = {"explain", "case-1m-optimized", "utilization", "--component",
                                   "app"};
        const auto t = run(targs);
        QVERIFY2(exitedWith(t, 0), describe(targs, t).constData());
        QVERIFY(t.out.contains("Formula\n  ρ = λ·f·S̄ / (1000·S(c))"));
        QVERIFY(t.out.contains("\nResult\n  ρ = "));
    }

    // Where evaluate has no figure (null: no latency past an overloaded station, no wall), the
    // explanation's result is null too, shown "—": never a 0 that reads as a figure. Stage 1's
    // one server is overloaded at 300k users; an empty design has no wall and no requests.
    void noFigureIsNull()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString empty = dir.filePath(QStringLiteral("empty.scalecanvas"));
        {
            QFile f(empty);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"format": "scalecanvas", "formatVersion": 1, "design": {"name": "empty",
                "traffic": {"users": 1000}, "components": [], "connections": []}})");
        }
        const QStringList eargs = {"evaluate", "stage1-1k", "--users", "3e5"};
        const auto ev = run(eargs);
        QVERIFY2(exitedWith(ev, 0), describe(eargs, ev).constData());
        const QJsonObject e = QJsonDocument::fromJson(ev.out).object();
        QVERIFY(e.value("latencyMs").toObject().value("p99").isNull());
        const struct {
            QStringList args;
            QString shown;
        } cases[] = {
            {{"stage1-1k", "p99Ms", "--users", "3e5"}, "— (overloaded)"},
            {{"stage1-1k", "meanLatencyMs", "--users", "3e5"}, "— (overloaded)"},
            {{"stage1-1k", "meanLatencyMs", "--component", "server", "--users", "3e5"},
             "— (overloaded)"},
            {{empty, "maxUsers"}, "no wall"},
            {{empty, "p99Ms"}, "— (no requests)"},
        };
        for (const auto &c : cases) {
            const QStringList args =
                QStringList{"explain"} + c.args + QStringList{"--format", "json"};
            const auto r = run(args);
            QVERIFY2(exitedWith(r, 0), describe(args, r).constData());
            const QJsonObject x = QJsonDocument::fromJson(r.out).object();
            const QJsonObject result = x.value("result").toObject();
            QVERIFY2(result.value("value").isNull(), describe(args, r).constData());
            QCOMPARE(result.value("text").toString(), QStringLiteral("—"));
            QCOMPARE(x.value("shown").toString(), c.shown);
        }
    }

    void unknownNamesRefused()
    {
        const QStringList a = {"explain", "stage3-100k", "latency"};
        const auto r = run(a);
        QVERIFY2(exitedWith(r, 2), describe(a, r).constData());
        QVERIFY2(r.err.contains("meanLatencyMs") && r.err.contains("utilization"),
                 r.err.constData());
        const QStringList b = {"explain", "stage3-100k", "utilization", "--component", "nope"};
        const auto s = run(b);
        QVERIFY2(exitedWith(s, 2), describe(b, s).constData());
        QVERIFY2(s.err.contains("\"nope\"") && s.err.contains("app"), s.err.constData());
        const QStringList c = {"explain", "stage3-100k"};
        const auto u = run(c);
        QVERIFY2(exitedWith(u, 2), describe(c, u).constData());
        QVERIFY2(u.err.contains("needs a FILE and a FIGURE"), u.err.constData());
    }
};

QTEST_APPLESS_MAIN(TestCliExplain)
#include "tst_cli_explain.moc"
