// `scalecanvas diff A B` (issue 18; DESIGN.md "Variants and comparison"): every delta is B − A
// of what `evaluate` prints for the two designs at the same users, for every pair of built-in
// templates; FILE#variant picks a variant; the Markdown is a table with no paths; the summary
// says what the numbers say; bad input exits 2 with the reason.
#include "tests/common/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using sctest::describe;
using sctest::exitedWith;
using sctest::runBinary;

namespace {

sctest::CliRun run(const QStringList &args)
{
    return runBinary(QStringLiteral(SCALECANVAS_BIN), args, 60000);
}

QJsonObject jsonOf(const QStringList &args)
{
    const sctest::CliRun r = run(args);
    if (!exitedWith(r, 0))
        qWarning("%s", describe(args, r).constData());
    return QJsonDocument::fromJson(r.out).object();
}

QStringList templateNames()
{
    QStringList names;
    for (const QByteArray &line : run({"templates"}).out.split('\n'))
        if (!line.trimmed().isEmpty())
            names << QString::fromUtf8(line).simplified().section(' ', 0, 0);
    return names;
}

// evaluate's figure for each delta key: the same JSON value, or its count for lists.
QJsonValue evaluated(const QJsonObject &e, const QString &key)
{
    if (key == "p50Ms" || key == "p99Ms")
        return e.value("latencyMs").toObject().value(key.left(3));
    if (key == "spofs")
        return double(e.value("spofs").toArray().size());
    if (key == "warnings") {
        const QJsonObject counts = e.value("warningCounts").toObject();
        return counts.value("error").toDouble() + counts.value("warning").toDouble();
    }
    return e.value(key);
}

const QStringList kDeltaKeys = {"monthlyCostUsd", "costPerUserUsd", "p50Ms",        "p99Ms",
                                "maxUsers",       "sloMaxUsers",    "availability", "errorRatePeak",
                                "spofs",          "warnings"};

} // namespace

class TestCliDiff : public QObject
{
    Q_OBJECT

private slots:
    // For every pair of templates at 100k users: a and b carry evaluate's figures, and each
    // delta is exactly b − a (null when either is null).
    void deltaIsBMinusAForEveryTemplatePair()
    {
        const QStringList names = templateNames();
        QVERIFY2(names.size() >= 16, qPrintable(names.join(' ')));
        std::map<QString, QJsonObject> eval;
        for (const QString &n : names) {
            eval[n] = jsonOf({"evaluate", n, "--users", "1e5"});
            QVERIFY2(!eval[n].isEmpty(), qPrintable(n));
        }
        int pairs = 0;
        for (int i = 0; i < names.size(); ++i)
            for (int j = i + 1; j < names.size(); ++j) {
                const QString &na = names[i], &nb = names[j];
                const QJsonObject d =
                    jsonOf({"diff", na, nb, "--users", "1e5", "--format", "json"});
                QCOMPARE(d.value("users").toDouble(), 1e5);
                const QJsonObject delta = d.value("delta").toObject();
                for (const QString &key : kDeltaKeys) {
                    const QJsonValue a = evaluated(eval[na], key), b = evaluated(eval[nb], key);
                    const QString where = na + " → " + nb + ": " + key;
                    if (key != "spofs" && key != "warnings") {
                        QVERIFY2(d.value("a").toObject().value(key) == a, qPrintable(where));
                        QVERIFY2(d.value("b").toObject().value(key) == b, qPrintable(where));
                    }
                    if (a.isNull() || b.isNull())
                        QVERIFY2(delta.value(key).isNull(), qPrintable(where));
                    else
                        QVERIFY2(delta.value(key).toDouble() == b.toDouble() - a.toDouble(),
                                 qPrintable(where));
                }
                ++pairs;
            }
        QCOMPARE(pairs, int(names.size() * (names.size() - 1) / 2));
    }

    // A variant named FILE#NAME is that variant: the ladder's stage-3 variant is the stage-3
    // template (a test of the lessons keeps them equal), so nothing differs.
    void variantOfAFile()
    {
        const QJsonObject d =
            jsonOf({"diff", "stage3-100k", "lesson-ladder#stage3-100k", "--format", "json"});
        QCOMPARE(d.value("b").toObject().value("name").toString(), QString("stage3-100k"));
        const QJsonObject components = d.value("components").toObject();
        for (const char *part : {"added", "removed", "changed"})
            QVERIFY2(components.value(part).toArray().isEmpty(), part);
        for (const QString &key : kDeltaKeys)
            if (!d.value("delta").toObject().value(key).isNull())
                QVERIFY2(d.value("delta").toObject().value(key).toDouble() == 0, qPrintable(key));
        // The stage-2 variant against stage 3: what the ladder adds between them.
        const QJsonObject s = jsonOf(
            {"diff", "lesson-ladder#stage2-10k", "lesson-ladder#stage3-100k", "--format", "json"});
        const QJsonObject c = s.value("components").toObject();
        QVERIFY(!c.value("added").toArray().isEmpty() || !c.value("changed").toArray().isEmpty());
    }

    // The other commands take FILE#VARIANT too (QA: `evaluate x#optimized` said "no such file",
    // and option B of a comparison could not be checked on its own): the ladder's stage-3
    // variant evaluates, sweeps, explains and simulates as the stage-3 template does, and
    // exports a picture; validate and --handout, which read the whole file, say so.
    void otherCommandsTakeAVariant()
    {
        const QString variant = "lesson-ladder#stage3-100k", own = "stage3-100k";
        for (const QStringList &tail :
             {QStringList{"evaluate", "--format", "json"},
              QStringList{"evaluate", "--format", "text"}, QStringList{"sweep", "--points", "20"},
              QStringList{"explain", "monthlyCostUsd", "--users", "2e5"},
              QStringList{"simulate", "--scenario", "viral spike", "--step", "60"}}) {
            QStringList a = tail, b = tail;
            a.insert(1, variant);
            b.insert(1, own);
            const sctest::CliRun ra = run(a), rb = run(b);
            QVERIFY2(exitedWith(ra, 0), describe(a, ra).constData());
            QVERIFY2(exitedWith(rb, 0), describe(b, rb).constData());
            QVERIFY2(!ra.out.isEmpty() && ra.out == rb.out, qPrintable(tail.join(' ')));
        }
        // B of a comparison alone: the diff's b figures are evaluate's of "FILE#VARIANT".
        const QJsonObject d =
            jsonOf({"diff", "compare-1m-bill", "compare-1m-bill#optimized", "--format", "json"});
        const QJsonObject b = jsonOf({"evaluate", "compare-1m-bill#optimized", "--users",
                                      QString::number(d.value("users").toDouble(), 'g', 17)});
        for (const char *key : {"monthlyCostUsd", "maxUsers", "availability"})
            QVERIFY2(d.value("b").toObject().value(key) == b.value(key), key);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath("b.png");
        const sctest::CliRun e = run({"export", "compare-1m-bill#optimized", "--png", png});
        QVERIFY2(exitedWith(e, 0), e.err.constData());
        QVERIFY(QFile(png).size() > 1000);
        // Its report says it is the variant, as the picture's title does (QA: titled with the
        // variant's own design name, it read as a design of its own).
        const QString md = dir.filePath("b.md");
        const sctest::CliRun r = run({"export", "compare-1m-bill#optimized", "--report", md});
        QVERIFY2(exitedWith(r, 0), r.err.constData());
        QFile report(md);
        QVERIFY(report.open(QIODevice::ReadOnly));
        QCOMPARE(report.readLine().trimmed(),
                 QByteArray("# unoptimized — variant: optimized — cost report"));
        // A variant it does not have, and the commands that read the whole file.
        const sctest::CliRun missing = run({"evaluate", "compare-1m-bill#nope"});
        QVERIFY(exitedWith(missing, 2));
        QVERIFY2(missing.err.contains("no variant \"nope\" (variants: \"optimized\""),
                 missing.err.constData());
        const sctest::CliRun v = run({"validate", "compare-1m-bill#optimized"});
        QVERIFY(exitedWith(v, 2));
        QVERIFY2(v.err.contains("validate checks a file with all its variants"), v.err.constData());
        const sctest::CliRun h =
            run({"export", "lesson-ladder#stage3-100k", "--handout", dir.filePath("h.pdf")});
        QVERIFY(exitedWith(h, 2));
        QVERIFY2(h.err.contains("--handout prints the file's lesson"), h.err.constData());
        QVERIFY(!QFile::exists(dir.filePath("h.pdf")));
    }

    // Vertical (one c5.24xlarge) against horizontal (20 × t3.large): the changed app server
    // with its parameters as numbers, the summary's cost and wall clauses from the deltas.
    void verticalAgainstHorizontal()
    {
        const QJsonObject d =
            jsonOf({"diff", "case-vertical", "case-horizontal", "--format", "json"});
        const QJsonArray changed = d.value("components").toObject().value("changed").toArray();
        QCOMPARE(changed.size(), 1);
        const QJsonObject app = changed[0].toObject();
        QCOMPARE(app.value("id").toString(), QString("app"));
        const QJsonObject params = app.value("params").toObject();
        QCOMPARE(params.value("instanceType").toArray(), QJsonArray({"c5.24xlarge", "t3.large"}));
        QCOMPARE(params.value("instances").toArray(), QJsonArray({1, 20}));

        const QJsonObject a = d.value("a").toObject(), b = d.value("b").toObject();
        const QString summary = d.value("summary").toString();
        const double cost = d.value("delta").toObject().value("monthlyCostUsd").toDouble();
        QVERIFY2(summary.contains(cost < 0 ? " less a month than " : " more a month than "),
                 qPrintable(summary));
        // Long names (over 24 characters) read as "A" and "B" in the sentence.
        const QString nameB = b.value("name").toString();
        QVERIFY(nameB.toUtf8().size() > 24);
        QVERIFY2(summary.startsWith("At 800k users, B costs "), qPrintable(summary));
        // Both below their walls at the cases' 800,000 users (16,000 req/s against 20,000): at a
        // million the twenty sat on theirs, ρ = 1, and read "overloaded" (QA).
        QVERIFY2(!summary.contains("overloaded"), qPrintable(summary));
        // The wall clause quotes b ÷ a to two significant figures when they differ by 5%.
        const double ratio = b.value("maxUsers").toDouble() / a.value("maxUsers").toDouble();
        if (ratio >= 1.05)
            QVERIFY2(summary.contains(QString::number(ratio, 'g', 2) + "× the users"),
                     qPrintable(summary));
        // The vertical design's one server is a single point of failure; 20 are not.
        const QJsonArray spofsA = a.value("spofs").toArray(), spofsB = b.value("spofs").toArray();
        if (spofsA.contains(QJsonValue("app")) && !spofsB.contains(QJsonValue("app")))
            QVERIFY2(summary.contains("removes the single point of failure at"),
                     qPrintable(summary));
    }

    // The built-in comparison of one c5.24xlarge (A) with twenty t3.large (B), its variant, at
    // the file's 800,000 users (16,000 req/s at the peak), derived from the two designs' inputs
    // (docs/model.md; reference/aws-prices.md): the same ALB and data out on both sides, so the
    // bill differs by the compute alone; capacity from the speedup formula at 2 ms a request;
    // availability 0.9999 × 0.995 for one server, the ALB's 0.9999 (to 1e-6) for twenty.
    void verticalHorizontalBuiltIn()
    {
        const QJsonObject d =
            jsonOf({"diff", "compare-vertical-horizontal", "compare-vertical-horizontal#horizontal",
                    "--format", "json"});
        QCOMPARE(d.value("users").toDouble(), 800000.0);
        const QJsonObject delta = d.value("delta").toObject();
        const double hours = 730;
        const double computeA = 4.08 * hours, computeB = 20 * 0.0832 * hours;
        QVERIFY(std::abs(delta.value("monthlyCostUsd").toDouble() - (computeB - computeA)) < 1e-6);
        QVERIFY(std::abs(delta.value("costPerUserUsd").toDouble() -
                         (computeB - computeA) / 800000) < 1e-12);
        const double perUser = 576.0 / 86400 * 3; // req/s per user at the peak
        const double capacityA = 96 / (1 + 0.0147 * 95) * 1000 / 2;
        const double capacityB = 20 * 2 * 1000.0 / 2;
        const double wallA = capacityA / perUser, wallB = capacityB / perUser;
        QVERIFY(std::abs(d.value("a").toObject().value("maxUsers").toDouble() - wallA) < 1e-6);
        QVERIFY(std::abs(d.value("b").toObject().value("maxUsers").toDouble() - wallB) < 1e-6);
        QVERIFY(std::abs(delta.value("maxUsers").toDouble() - (wallB - wallA)) < 1e-6);
        const double availabilityA = 0.9999 * 0.995;
        QVERIFY(std::abs(d.value("a").toObject().value("availability").toDouble() - availabilityA) <
                1e-12);
        QVERIFY(std::abs(delta.value("availability").toDouble() - (0.9999 - availabilityA)) < 1e-6);
        QCOMPARE(d.value("a").toObject().value("spofs").toArray(), QJsonArray({"app"}));
        QVERIFY(d.value("b").toObject().value("spofs").toArray().isEmpty());
        QCOMPARE(delta.value("spofs").toDouble(), -1.0);
        const QString summary = d.value("summary").toString();
        QVERIFY2(summary.contains("removes the single point of failure at"), qPrintable(summary));
        QVERIFY2(summary.contains("less a month than"), qPrintable(summary));
    }

    // A variant's name may hold '#', and so may the file's path: the split is at the first '#'
    // whose left part is a file.
    void hashInNames()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir().mkpath(dir.filePath("a#b"));
        const sctest::CliRun t = run({"template", "compare-cache"});
        QByteArray json = t.out;
        json.replace("\"with-cache\"", "\"with#cache\"");
        const QString path = dir.filePath("a#b/plan#1.scalecanvas");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        const QJsonObject d = jsonOf({"diff", path, path + "#with#cache", "--format", "json"});
        QCOMPARE(d.value("b").toObject().value("name").toString(), QString("with#cache"));
        QCOMPARE(d.value("components").toObject().value("added").toArray(), QJsonArray({"cache"}));
        const sctest::CliRun missing = run({"diff", path, path + "#nope"});
        QVERIFY(exitedWith(missing, 2));
        QVERIFY2(missing.err.contains("no variant \"nope\""), missing.err.constData());
        // The file's own design goes by its name too, as the compare window lists it (QA).
        QVERIFY2(missing.err.contains("the file's design: \"without-cache\""),
                 missing.err.constData());
        QCOMPARE(
            jsonOf({"diff", path + "#without-cache", path + "#with#cache", "--format", "json"}), d);
    }

    // A variant with errors has no figures to compare (QA: `diff` showed its "$0.00" and "no
    // wall" as better and exited 0; export --compare said "internal error", exit 1, with the
    // design's paths; a handout printed its step's figures as dashes): each refuses it, exit 2,
    // with the error at the variant's path.
    void aVariantWithErrorsIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto broken = [&](const char *name) {
            QJsonObject file = QJsonDocument::fromJson(run({"template", name}).out).object();
            QJsonArray variants = file.value("variants").toArray();
            QJsonObject variant = variants.at(0).toObject();
            QJsonObject design = variant.value("design").toObject();
            QJsonArray components = design.value("components").toArray();
            int at = 0;
            while (
                at < components.size() &&
                !components.at(at).toObject().value("params").toObject().contains("instanceType"))
                ++at;
            QJsonObject c = components.at(at).toObject();
            QJsonObject params = c.value("params").toObject();
            params["instanceType"] = "zz.huge";
            c["params"] = params;
            components[at] = c;
            design["components"] = components;
            variant["design"] = design;
            variants[0] = variant;
            file["variants"] = variants;
            const QString path = dir.filePath(QString::fromLatin1(name) + ".scalecanvas");
            QFile f(path);
            if (f.open(QIODevice::WriteOnly))
                f.write(QJsonDocument(file).toJson());
            return std::make_pair(path, QStringLiteral("variants[0].design.components[%1]."
                                                       "params.instanceType: unknown instance "
                                                       "type \"zz.huge\"")
                                            .arg(at));
        };
        const auto [cache, cacheError] = broken("compare-cache");
        const QString variant = cache + "#with-cache";
        for (const QStringList &args :
             {QStringList{"diff", cache, variant},
              QStringList{"export", cache, variant, "--compare", dir.filePath("c.md")}}) {
            const sctest::CliRun r = run(args);
            QVERIFY2(exitedWith(r, 2), qPrintable(args.join(' ')));
            QVERIFY2(r.err.contains(cacheError.toUtf8()), r.err.constData());
            QVERIFY2(!r.err.contains("note:"), r.err.constData()); // said once, as an error
            QVERIFY(r.out.isEmpty());
        }
        QVERIFY(!QFile::exists(dir.filePath("c.md")));
        // The file's own design still evaluates; the broken variant is said on stderr.
        const sctest::CliRun own = run({"evaluate", cache, "--format", "json"});
        QVERIFY2(exitedWith(own, 0), own.err.constData());
        QVERIFY2(own.err.contains("note: variant \"with-cache\" has 1 error, which validate "
                                  "refuses: " +
                                  cacheError.toUtf8()),
                 own.err.constData());
        const auto [ladder, ladderError] = broken("lesson-ladder");
        const sctest::CliRun h = run({"export", ladder, "--handout", dir.filePath("h.pdf")});
        QVERIFY2(exitedWith(h, 2), h.err.constData());
        QVERIFY2(h.err.contains(ladderError.toUtf8()) && !h.err.contains("note:"),
                 h.err.constData());
        QVERIFY(!QFile::exists(dir.filePath("h.pdf")));
    }

    // Markdown for a pull request: a heading, the summary, then a table — a header row naming
    // both designs, a separator row, one row per figure with four cells; no path of the files
    // compared anywhere in it.
    void markdownIsATableWithoutPaths()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList paths;
        for (const char *name : {"case-1m-unoptimized", "case-1m-optimized"}) {
            const sctest::CliRun t = run({"template", name});
            QVERIFY(exitedWith(t, 0));
            const QString path = dir.filePath(QString(name) + ".scalecanvas");
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(t.out);
            paths << path;
        }
        const QStringList args = {"diff", paths[0], paths[1], "--format", "md"};
        const sctest::CliRun r = run(args);
        QVERIFY2(exitedWith(r, 0), describe(args, r).constData());
        const QString md = QString::fromUtf8(r.out);
        QVERIFY(!md.contains(dir.path()));
        QVERIFY(!md.contains("/tmp"));
        QVERIFY(md.startsWith("### "));
        QStringList tableRows;
        for (const QString &line : md.split('\n'))
            if (line.startsWith('|'))
                tableRows << line;
        QCOMPARE(tableRows.size(), 2 + kDeltaKeys.size());
        QVERIFY(tableRows[0].contains("unoptimized") && tableRows[0].contains("optimized"));
        QCOMPARE(tableRows[1], QString("|---|---:|---:|---:|"));
        for (const QString &row : tableRows) {
            QVERIFY2(row.endsWith('|'), qPrintable(row));
            // Unescaped pipes: 5 (four cells).
            int pipes = 0;
            for (int i = 0; i < row.size(); ++i)
                pipes += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
            QVERIFY2(pipes == 5, qPrintable(row));
        }
        QVERIFY(md.contains("| Monthly cost |"));
        // The optimized bill is lower: its change reads as a saving and better.
        const QString costRow = tableRows[2];
        QVERIFY2(costRow.contains("| −$") && costRow.contains("(better)"), qPrintable(costRow));
    }

    void textNamesBothAndEveryFigure()
    {
        const sctest::CliRun r = run({"diff", "stage2-10k", "stage3-100k", "--users", "50k"});
        QVERIFY(exitedWith(r, 0));
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(text.contains("At 50k users"));
        for (const char *label : {"Monthly cost", "p99 latency", "Saturation wall", "Latency wall",
                                  "Availability", "Single points of failure"})
            QVERIFY2(text.contains(label), label);
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("one design") << QStringList{"diff", "case-vertical"} << "two designs";
        QTest::newRow("format") << QStringList{"diff", "case-vertical", "case-horizontal",
                                               "--format", "xml"}
                                << "--format must be text, md or json";
        QTest::newRow("missing variant")
            << QStringList{"diff", "case-vertical", "lesson-ladder#nope"} << "no variant \"nope\"";
        QTest::newRow("no such file")
            << QStringList{"diff", "/nonexistent/a.scalecanvas", "case-vertical"}
            << "a.scalecanvas";
        QTest::newRow("users") << QStringList{"diff", "case-vertical", "case-horizontal", "--users",
                                              "-5"}
                               << "--users must be a number";
        QTest::newRow("unknown option")
            << QStringList{"diff", "case-vertical", "case-horizontal", "--from", "1"}
            << "unknown option --from";
    }
    void badInputExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const sctest::CliRun r = run(args);
        QVERIFY2(exitedWith(r, 2), describe(args, r).constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliDiff)
#include "tst_cli_diff.moc"
