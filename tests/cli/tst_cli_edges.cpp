// What an outside look at the CLI found (2026-12-03), run as a process: an export never replaces
// the catalog it read; a write to a full stdout is an error, not an empty success; an option
// nobody knows never starts the editor; an empty design is not a complete one; a catalog
// without a pricing model is refused rather than billing on demand; a step that does not divide
// a scenario still counts the scenario's whole length; the discrete run's served rate is what
// its stations serve; Markdown code spans hold any id; "-0" users is 0; a pipe is not read.
// Expected values come from docs/cli.md, docs/model.md and the flat scenario's arithmetic.

#include "../common/clirun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <sys/stat.h>

namespace {

constexpr int kTimeoutMs = 60000;

using sctest::CliRun;

CliRun runCli(const QStringList &args, int timeoutMs = kTimeoutMs)
{
    return sctest::runBinary(QStringLiteral(SCALECANVAS_BIN), args, timeoutMs);
}

#define RUN_EXPECTING(run, args, expected)                                                         \
    const CliRun run = runCli(args);                                                               \
    QVERIFY2(sctest::exitedWith(run, expected), sctest::describe(args, run).constData())

// The binary with its stdout on /dev/full (every write fails once flushed): the exit code and
// stderr.
CliRun runIntoFullDisk(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QStringLiteral("/dev/full"));
    p.start(QStringLiteral(SCALECANVAS_BIN), args);
    CliRun run;
    run.started = p.waitForStarted(kTimeoutMs);
    run.finished = run.started && p.waitForFinished(kTimeoutMs);
    run.status = p.exitStatus();
    run.exitCode = p.exitCode();
    run.err = p.readAllStandardError();
    return run;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A format-1 file at `path` holding `design`.
bool writeDesign(const QString &path, const QJsonObject &design)
{
    return writeFile(path, QJsonDocument(QJsonObject{{"format", "scalecanvas"},
                                                     {"formatVersion", 1},
                                                     {"appVersion", "0.1.0"},
                                                     {"design", design}})
                               .toJson());
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Clients → one app server instance taking `serviceTimeMs` a request (no auto-scaling), format 2
// with the scenarios given.
QByteArray twoBoxDesign(const QJsonArray &scenarios, double users, double serviceTimeMs)
{
    const QJsonArray components{
        QJsonObject{{"id", "web"}, {"kind", "clients"}, {"label", "Users"}},
        QJsonObject{{"id", "app"},
                    {"kind", "appServer"},
                    {"label", "App"},
                    {"params", QJsonObject{{"instances", 1}, {"serviceTimeMs", serviceTimeMs}}}}};
    const QJsonObject design{
        {"name", "Two boxes"},
        {"traffic", QJsonObject{{"users", users}}},
        {"components", components},
        {"connections", QJsonArray{QJsonObject{{"from", "web"}, {"to", "app"}}}}};
    return QJsonDocument(QJsonObject{{"format", "scalecanvas"},
                                     {"formatVersion", 2},
                                     {"appVersion", "0.1.0"},
                                     {"design", design},
                                     {"scenarios", scenarios}})
        .toJson();
}

QJsonObject summaryOf(const CliRun &run)
{
    return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("summary")).toObject();
}

} // namespace

class TestCliEdges : public QObject
{
    Q_OBJECT

private slots:
    // docs/cli.md: refused with exit 2, "an output that is one of the inputs" — the catalog too.
    void exportCompareNeverReplacesItsCatalog()
    {
        QTemporaryDir dir;
        const QString catalog = dir.filePath(QStringLiteral("prices.md"));
        const QByteArray original =
            readFile(QStringLiteral(SCALECANVAS_SOURCE_DIR "/resources/catalog.json"));
        QVERIFY(!original.isEmpty());
        QVERIFY(writeFile(catalog, original));
        const QStringList args{"export",    "compare-cache", "compare-cache#with-cache",
                               "--compare", catalog,         "--catalog",
                               catalog};
        RUN_EXPECTING(run, args, 2);
        QVERIFY2(run.err.contains("is the catalog"), run.err.constData());
        QCOMPARE(readFile(catalog), original);
    }

    // What a command prints must reach its reader: on a full disk the exit is 1, with a message.
    void aFullStdoutIsAnError()
    {
        const QList<QStringList> commands{{"template", "stage1-1k"},
                                          {"templates"},
                                          {"evaluate", "stage1-1k"},
                                          {"evaluate", "stage1-1k", "--format", "text"},
                                          {"explain", "stage1-1k", "monthlyCostUsd"},
                                          {"diff", "stage1-1k", "stage2-10k"},
                                          {"validate", "stage1-1k"}};
        for (const QStringList &args : commands) {
            const CliRun run = runIntoFullDisk(args);
            QVERIFY2(sctest::exitedWith(run, 1), sctest::describe(args, run).constData());
            QVERIFY2(run.err.contains("could not write to standard output"),
                     sctest::describe(args, run).constData());
        }
    }

    // An option no command has is unknown even last on the line (it said "needs a value"); a
    // known one last on the line does need its value.
    void unknownOptionLastIsUnknown()
    {
        const CliRun bogus = sctest::runBinary(QStringLiteral(SCALECANVAS_BIN),
                                               {"sweep", "stage1-1k", "--bogus"}, kTimeoutMs);
        QVERIFY(sctest::exitedWith(bogus, 2));
        QVERIFY2(bogus.err.startsWith("scalecanvas: unknown option --bogus\n"),
                 bogus.err.constData());
        const CliRun users = sctest::runBinary(QStringLiteral(SCALECANVAS_BIN),
                                               {"sweep", "stage1-1k", "--users"}, kTimeoutMs);
        QVERIFY(sctest::exitedWith(users, 2));
        QVERIFY2(users.err.startsWith("scalecanvas: option --users needs a value\n"),
                 users.err.constData());
    }

    // A missing value or an unknown short option is said as such; both read "evaluate needs
    // exactly one FILE" (the next option was taken for the value, and -v for a FILE). A negative
    // number is still a value (refused by its range), and a file named like an option is ./-v.
    void aMissingValueOrAShortOptionIsNamed()
    {
        const QList<std::pair<QStringList, QByteArray>> cases{
            {{"evaluate", "stage1-1k", "--users", "--format", "text"},
             "scalecanvas: option --users needs a value, got the option --format after it\n"},
            {{"evaluate", "stage1-1k", "-v"}, "scalecanvas: unknown option -v\n"},
            {{"sweep", "-x", "stage1-1k"}, "scalecanvas: unknown option -x\n"},
            {{"evaluate", "stage1-1k", "--users", "-5"}, "--users must be a number from 0 to"},
            // An empty value after '=' (the shell split "--format= text"): not a second FILE.
            {{"evaluate", "stage1-1k", "--format=", "text"},
             "scalecanvas: option --format needs a value after =\n"},
            // Not options: values out of range, refused as such.
            {{"evaluate", "stage1-1k", "--users", "-inf"}, "--users must be a number from 0 to"},
            {{"evaluate", "stage1-1k", "--users", "-NaN"}, "--users must be a number from 0 to"},
            {{"sweep", "stage1-1k", "--from", "-Infinity"}, "--from must be a number"},
            // A long value is quoted whole (the message was cut at 200 bytes).
            {{"evaluate", "stage1-1k", "--users", QString(300, QLatin1Char('9')) + "x"},
             QByteArray(300, '9') + "x\"\n"}};
        for (const auto &[args, message] : cases) {
            const CliRun run = runCli(args, 20000);
            QVERIFY2(sctest::exitedWith(run, 2), sctest::describe(args, run).constData());
            QVERIFY2(run.err.startsWith(message) || run.err.contains(message),
                     sctest::describe(args, run).constData());
            QVERIFY2(!run.err.contains("needs exactly one FILE"),
                     sctest::describe(args, run).constData());
        }
    }

    // docs/cli.md: N is 1e6, 1000000, 1_000_000 or a plain number with a suffix; "1e6k" was read
    // as 10^9 and "_1", "1_", "1__0" as 1, 1 and 10.
    void userCountsAreWrittenAsDocumented()
    {
        for (const char *users : {"1e6k", "_1", "1_", "1__0", "1_e6"}) {
            const QStringList args{"evaluate", "stage1-1k", "--users", users};
            const CliRun run = runCli(args, 20000);
            QVERIFY2(sctest::exitedWith(run, 2), sctest::describe(args, run).constData());
            QVERIFY2(run.err.contains("--users must be a number from 0 to 1e+10"),
                     sctest::describe(args, run).constData());
        }
        RUN_EXPECTING(grouped, (QStringList{"evaluate", "stage1-1k", "--users", "1_000_000"}), 0);
        QVERIFY(QJsonDocument::fromJson(grouped.out).object()["users"].toDouble() == 1e6);
        // Within "0 to 1e+10" as written, but below the normal doubles: said why (CLI QA).
        for (const char *tiny : {"1e-320", "1e-400"}) {
            RUN_EXPECTING(below, (QStringList{"evaluate", "stage1-1k", "--users", tiny}), 2);
            QVERIFY2(below.err.contains(QStringLiteral("got \"%1\": closer to 0 than a double "
                                                       "holds (below 2.2e-308); write 0")
                                            .arg(QLatin1String(tiny))
                                            .toUtf8()),
                     below.err.constData());
        }
        RUN_EXPECTING(word, (QStringList{"evaluate", "stage1-1k", "--users", "many"}), 2);
        QVERIFY2(!word.err.contains("closer to 0"), word.err.constData());
    }

    // The usage offers --scale on the PNG line only (it applies to --png alone; it stood on the
    // --png|--svg|--pdf line), and names every command.
    void usageOffersScaleForPngOnly()
    {
        RUN_EXPECTING(run, (QStringList{"--help"}), 0);
        const QList<QByteArray> lines = run.out.split('\n');
        int png = 0;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QByteArray &line = lines[i];
            if (line.contains("--svg") || line.contains("--report") || line.contains("--handout") ||
                line.contains("--compare"))
                QVERIFY2(!line.contains("--scale") && !lines.value(i + 1).contains("--scale"),
                         line.constData());
            png += line.contains("export FILE --png OUT") && line.contains("[--scale 1|2]");
        }
        QCOMPARE(png, 1);
        for (const char *command : {"validate", "evaluate", "sweep", "simulate", "explain", "diff",
                                    "export", "templates", "template"})
            QVERIFY2(run.out.contains(QByteArray("scalecanvas ") + command + " "), command);
        // docs/cli.md's synopsis (the first sh block) likewise; it left out explain.
        const QByteArray doc = readFile(QStringLiteral(SCALECANVAS_SOURCE_DIR "/docs/cli.md"));
        const qsizetype from = doc.indexOf("```sh\n"), to = doc.indexOf("```\n", from + 6);
        QVERIFY(from >= 0 && to > from);
        const QByteArray synopsis = doc.mid(from, to - from);
        for (const QByteArray &line : synopsis.split('\n'))
            if (line.contains("--scale"))
                QVERIFY2(line.contains("export FILE --png OUT") && !line.contains("--svg"),
                         line.constData());
        for (const char *command : {"validate", "evaluate", "sweep", "simulate", "explain", "diff",
                                    "export", "templates", "template"})
            QVERIFY2(synopsis.contains(QByteArray("scalecanvas ") + command + " ") ||
                         synopsis.contains(QByteArray("scalecanvas ") + command + "\n"),
                     command);
    }

    // A reader that stops reading (`| head -1`) is the same: exit 1 with the message, not death
    // by SIGPIPE (exit 141 in a shell, without a word).
    void aClosedPipeIsAnError()
    {
        const QList<QStringList> commands{{"sweep", "stage5-10m", "--points", "10000"},
                                          {"simulate", "stage1-1k", "--step", "1"}};
        for (const QStringList &args : commands) {
            QProcess p, head; // p | head -c 100
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            p.setProcessEnvironment(env);
            p.setStandardOutputProcess(&head);
            head.setStandardOutputFile(QProcess::nullDevice());
            head.start(QStringLiteral("head"), {QStringLiteral("-c"), QStringLiteral("100")});
            p.start(QStringLiteral(SCALECANVAS_BIN), args);
            QVERIFY(p.waitForStarted(kTimeoutMs) && head.waitForStarted(kTimeoutMs));
            QVERIFY(head.waitForFinished(kTimeoutMs));
            QVERIFY2(p.waitForFinished(kTimeoutMs), qPrintable(args.join(' ')));
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 1,
                     qPrintable(args.join(' ') + QStringLiteral(": exit %1, status %2")
                                                     .arg(p.exitCode())
                                                     .arg(int(p.exitStatus()))));
            QVERIFY(p.readAllStandardError().contains("could not write to standard output"));
        }
    }

    // An option nobody knows is refused (exit 2) instead of starting the editor, which would
    // leave a script waiting for a window; --version answers.
    void unknownOptionsNeverStartTheEditor()
    {
        const QList<QStringList> cases{
            {"--bogus"}, {"-v"}, {"--users"}, {"--users", "5"}, {"stage1-1k", "--nope"}};
        for (const QStringList &args : cases) {
            const CliRun run = runCli(args, 20000);
            QVERIFY2(sctest::exitedWith(run, 2), sctest::describe(args, run).constData());
            QVERIFY2(run.err.contains("unknown option"), sctest::describe(args, run).constData());
        }
        const QStringList two{"stage1-1k", "stage2-10k"};
        const CliRun twoFiles = runCli(two, 20000);
        QVERIFY2(sctest::exitedWith(twoFiles, 2), sctest::describe(two, twoFiles).constData());
        RUN_EXPECTING(version, QStringList{"--version"}, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^ScaleCanvas \\d+\\.\\d+\\.\\d+\\n$"))
                     .match(QString::fromUtf8(version.out))
                     .hasMatch(),
                 version.out.constData());
    }

    // --help (or -h) after a command or a file prints the usage and exits 0; it was taken for
    // an option wanting a value ("option --help needs a value", exit 2).
    void helpAnywhereGivesTheUsage()
    {
        const QList<QStringList> cases{{"simulate", "--help"},
                                       {"evaluate", "stage1-1k", "-h"},
                                       {"export", "stage1-1k", "--png", "x.png", "--help"},
                                       // an option short of its value (QA: exit 2)
                                       {"export", "stage1-1k", "--png", "--help"},
                                       {"evaluate", "stage1-1k", "--users", "-h"},
                                       {"stage1-1k", "--help"},
                                       // after --version too (QA: exit 2)
                                       {"--version", "--help"}};
        for (const QStringList &args : cases) {
            const CliRun run = runCli(args, 20000);
            QVERIFY2(sctest::exitedWith(run, 0), sctest::describe(args, run).constData());
            QVERIFY2(run.out.startsWith("usage: scalecanvas"),
                     sctest::describe(args, run).constData());
            QVERIFY2(run.err.isEmpty(), sctest::describe(args, run).constData());
        }
        QVERIFY(!QFile::exists(QStringLiteral("x.png"))); // nothing was exported
    }

    // An option out of range names its bounds exactly (the seed's top is 2^53, which %g wrote as
    // 9.0072e+15) and offers the ways of writing a count only for a user count.
    void rangesAreStatedExactly()
    {
        const QList<std::pair<QStringList, QByteArray>> cases{
            {{"simulate", "stage1-1k", "--des", "--seed", "-1"},
             "--seed must be a whole number from 0 to 9007199254740992 (2^53), got \"-1\""},
            {{"simulate", "stage1-1k", "--step", "0"},
             "--step must be a number from 1 to 3600, got \"0\""},
            {{"sweep", "stage1-1k", "--points", "0"},
             "--points must be a number from 1 to 10000, got \"0\""},
            // These two said what was wrong but not what was given (QA).
            {{"sweep", "stage1-1k", "--points", "2.5"},
             "--points must be a whole number from 1 to 10000, got \"2.5\""},
            {{"sweep", "stage1-1k", "--from", "100", "--to", "10"},
             "--to (\"10\") must not be below --from (\"100\")"},
            {{"sweep", "stage1-1k", "--to", "5"},
             "--to (\"5\") must not be below --from (its default)"},
            // One user count asked for 200 times printed 200 equal rows (QA).
            {{"sweep", "stage1-1k", "--from", "1000", "--to", "1e3"},
             "--from (\"1000\") and --to (\"1e3\") are the same user count: a sweep of 200 points "
             "needs a range (--points 1 for one user count)"},
            {{"evaluate", "stage1-1k", "--users", "-5"},
             "--users must be a number from 0 to 1e+10 (1e6, 1000000 and 1M are accepted), got "
             "\"-5\""},
            // An empty name, said as one (QA: ": cannot open : no such file", and "unknown
            // design figure" for a component figure).
            {{"evaluate", "stage1-1k", "--catalog", ""},
             "--catalog: the CATALOG given is an empty name"},
            {{"explain", "stage4-1m", "utilization", "--component", ""},
             "--component: the ID given is an empty name"}};
        for (const auto &[args, message] : cases) {
            const CliRun run = runCli(args, 20000);
            QVERIFY2(sctest::exitedWith(run, 2), sctest::describe(args, run).constData());
            QVERIFY2(run.err.contains(message), sctest::describe(args, run).constData());
        }
    }

    // docs/cli.md: "validate exits 0 only for a complete design"; one with nothing in it is not.
    void validateRefusesAnEmptyDesign()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.scalecanvas"));
        const QJsonObject design{{"name", "Empty"},
                                 {"traffic", QJsonObject{{"users", 1000}}},
                                 {"components", QJsonArray{}},
                                 {"connections", QJsonArray{}}};
        QVERIFY(writeDesign(path, design));
        RUN_EXPECTING(run, (QStringList{"validate", path}), 2);
        QVERIFY2(run.err.contains("design.components") && run.err.contains("no components"),
                 run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    // validate lists every problem in one run (DESIGN.md: "one error line per problem"): a
    // parameter out of range no longer hides a dangling connection (QA: it took two runs).
    void validateListsEveryProblem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("two.scalecanvas"));
        const QJsonObject design{
            {"name", "Two problems"},
            {"traffic", QJsonObject{{"users", 1000}}},
            {"components", QJsonArray{QJsonObject{{"id", "u"}, {"kind", "clients"}},
                                      QJsonObject{{"id", "c"},
                                                  {"kind", "cache"},
                                                  {"params", QJsonObject{{"hitRatio", 5}}}}}},
            {"connections", QJsonArray{QJsonObject{{"from", "u"}, {"to", "c"}},
                                       QJsonObject{{"from", "c"}, {"to", "nowhere"}}}}};
        QVERIFY(writeDesign(path, design));
        RUN_EXPECTING(run, (QStringList{"validate", path}), 2);
        QVERIFY2(run.err.contains("design.components[1].params.hitRatio: must be from 0 to 1"),
                 run.err.constData());
        QVERIFY2(run.err.contains("design.connections[1].to: no component with id \"nowhere\""),
                 run.err.constData());
        QVERIFY(run.out.isEmpty());

        // A load balancer that sends its requests nowhere, beside a dangling connection: both
        // are listed (QA: the dangling connection hid the dead end until it was mended).
        const QString deadEnd = dir.filePath(QStringLiteral("deadend.scalecanvas"));
        const QJsonObject built{
            {"name", "Dead end and dangling"},
            {"traffic", QJsonObject{{"users", 1000}}},
            {"components", QJsonArray{QJsonObject{{"id", "u"}, {"kind", "clients"}},
                                      QJsonObject{{"id", "app"}, {"kind", "appServer"}},
                                      QJsonObject{{"id", "lb"}, {"kind", "loadBalancer"}},
                                      QJsonObject{{"id", "front"}, {"kind", "loadBalancer"}}}},
            {"connections", QJsonArray{QJsonObject{{"from", "u"}, {"to", "app"}},
                                       QJsonObject{{"from", "u"}, {"to", "lb"}},
                                       QJsonObject{{"from", "app"}, {"to", "nowhere"}},
                                       QJsonObject{{"from", "u"}, {"to", "front"}},
                                       QJsonObject{{"from", "front"}, {"to", "ap"}}}}};
        QVERIFY(writeDesign(deadEnd, built));
        RUN_EXPECTING(both, (QStringList{"validate", deadEnd}), 2);
        QVERIFY2(both.err.contains("design.connections[2].to: no component with id \"nowhere\""),
                 both.err.constData());
        QVERIFY2(both.err.contains("design.components[2]:") &&
                     both.err.contains("has nowhere to send"),
                 both.err.constData());
        // The balancer whose one target is misspelled ("ap") is not said to send nowhere as
        // well: that is its dangling connection, said once (review).
        QVERIFY2(both.err.contains("design.connections[4].to: no component with id \"ap\""),
                 both.err.constData());
        QVERIFY2(!both.err.contains("design.components[3]:"), both.err.constData());
        QCOMPARE(both.err.count("has nowhere to send"), qsizetype(1));

        // The same with a parameter out of range too: the file's own error beside the others
        // (QA: the two errors together hid the dead end either alone let through).
        QJsonObject withParam = built;
        QJsonArray comps = withParam["components"].toArray();
        QJsonObject app = comps[1].toObject();
        app["params"] = QJsonObject{{"serviceTimeMs", -1}};
        comps[1] = app;
        withParam["components"] = comps;
        QVERIFY(writeDesign(deadEnd, withParam));
        RUN_EXPECTING(three, (QStringList{"validate", deadEnd}), 2);
        QVERIFY2(three.err.contains("design.components[1].params.serviceTimeMs: must be from"),
                 three.err.constData());
        QVERIFY2(three.err.contains("design.connections[2].to: no component with id \"nowhere\""),
                 three.err.constData());
        QVERIFY2(three.err.contains("design.components[2]:") &&
                     three.err.contains("has nowhere to send"),
                 three.err.constData());
        QCOMPARE(three.err.count("has nowhere to send"), qsizetype(1));
    }

    // A component whose kind the reader refuses is said to be of no kind it knows, and nothing
    // else about it: read on as an app server, its connections drew "App servers do not send
    // requests to CDNs" and "… to load balancers" (QA). The dangling connection beside it is
    // still listed.
    void anUnknownKindIsSaidOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("firewall.scalecanvas"));
        const QJsonObject design{
            {"name", "A firewall"},
            {"traffic", QJsonObject{{"users", 1000}}},
            {"components", QJsonArray{QJsonObject{{"id", "u"}, {"kind", "clients"}},
                                      QJsonObject{{"id", "fw"}, {"kind", "firewall"}},
                                      QJsonObject{{"id", "cdn"}, {"kind", "cdn"}},
                                      QJsonObject{{"id", "lb"}, {"kind", "loadBalancer"}}}},
            {"connections", QJsonArray{QJsonObject{{"from", "u"}, {"to", "fw"}},
                                       QJsonObject{{"from", "fw"}, {"to", "cdn"}},
                                       QJsonObject{{"from", "fw"}, {"to", "lb"}},
                                       QJsonObject{{"from", "lb"}, {"to", "nowhere"}}}}};
        QVERIFY(writeDesign(path, design));
        RUN_EXPECTING(run, (QStringList{"validate", path}), 2);
        QVERIFY2(run.err.contains("design.components[1].kind: unknown kind \"firewall\""),
                 run.err.constData());
        QVERIFY2(run.err.contains("design.connections[3].to: no component with id \"nowhere\""),
                 run.err.constData());
        QVERIFY2(!run.err.contains("App server"), run.err.constData());
        QVERIFY2(!run.err.contains("\"fw\""), run.err.constData());
        // Likewise a kind that is no string, or empty: refused without a component named.
        for (const QJsonValue &kind : {QJsonValue(5), QJsonValue("")}) {
            QJsonObject bad = design;
            QJsonArray components = bad.value("components").toArray();
            QJsonObject fw = components[1].toObject();
            fw.insert("kind", kind);
            components[1] = fw;
            bad.insert("components", components);
            QVERIFY(writeDesign(path, bad));
            RUN_EXPECTING(again, (QStringList{"validate", path}), 2);
            QVERIFY2(again.err.contains("design.components[1].kind"), again.err.constData());
            QVERIFY2(!again.err.contains("App server"), again.err.constData());
        }
    }

    // docs/catalog.md: a file with a problem is refused as a whole. Without the factors of the
    // pricing models a component may name, reserved and spot instances would be billed on
    // demand without a word.
    void aCatalogWithoutPricingModelsIsRefused()
    {
        QTemporaryDir dir;
        QJsonObject root =
            QJsonDocument::fromJson(
                readFile(QStringLiteral(SCALECANVAS_SOURCE_DIR "/resources/catalog.json")))
                .object();
        QVERIFY(root.contains(QStringLiteral("pricingModels")));
        root.insert(QStringLiteral("pricingModels"),
                    QJsonObject{{"onDemand", QJsonObject{{"factor", 1}}}});
        const QString catalog = dir.filePath(QStringLiteral("catalog.json"));
        QVERIFY(writeFile(catalog, QJsonDocument(root).toJson()));
        RUN_EXPECTING(run, (QStringList{"evaluate", "stage3-100k", "--catalog", catalog}), 2);
        QVERIFY2(run.err.contains("pricingModels.reserved: missing"), run.err.constData());
        QVERIFY2(run.err.contains("pricingModels.spot: missing"), run.err.constData());
        root.remove(QStringLiteral("pricingModels"));
        QVERIFY(writeFile(catalog, QJsonDocument(root).toJson()));
        RUN_EXPECTING(none, (QStringList{"evaluate", "stage3-100k", "--catalog", catalog}), 2);
        QVERIFY2(none.err.contains("pricingModels: missing"), none.err.constData());
    }

    // docs/model.md "Summary": each step counts for the interval after it, up to the scenario's
    // end. In a flat scenario every step sends the same demand D, so a 10 s scenario counts
    // 10·D requests whatever the step; a step longer than the scenario is refused, as the file's
    // own check refuses it, and the discrete mode (whole intervals only) refuses a step that
    // does not divide it.
    void aStepThatDoesNotDivideStillCountsTheWholeScenario()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("flat.scalecanvas"));
        const QJsonArray scenarios{
            QJsonObject{{"name", "short"}, {"durationS", 10}, {"stepS", 5}, {"shape", "flat"}}};
        QVERIFY(writeFile(path, twoBoxDesign(scenarios, 1000, 10)));
        double demand = 0, costPerSecond = 0;
        {
            RUN_EXPECTING(run, (QStringList{"simulate", path, "--format", "json"}), 0);
            const QJsonObject row = QJsonDocument::fromJson(run.out)
                                        .object()
                                        .value(QStringLiteral("series"))
                                        .toArray()
                                        .first()
                                        .toObject();
            demand = row.value(QStringLiteral("demandRps")).toDouble();
            costPerSecond = row.value(QStringLiteral("costUsd")).toDouble() / 5;
            QVERIFY(demand > 0 && costPerSecond > 0);
        }
        for (const char *step : {"1", "3", "4", "7", "10"}) {
            const QStringList args{"simulate", path, "--step", step, "--format", "json"};
            RUN_EXPECTING(run, args, 0);
            const QJsonObject sum = summaryOf(run);
            const double requests = sum.value(QStringLiteral("requests")).toDouble();
            const double cost = sum.value(QStringLiteral("costUsd")).toDouble();
            QVERIFY2(std::fabs(requests - 10 * demand) <= 1e-9 * 10 * demand,
                     qPrintable(QStringLiteral("step %1: %2 requests, expected %3")
                                    .arg(step)
                                    .arg(requests, 0, 'g', 17)
                                    .arg(10 * demand, 0, 'g', 17)));
            QVERIFY2(std::fabs(cost - 10 * costPerSecond) <= 1e-9 * 10 * costPerSecond,
                     qPrintable(QStringLiteral("step %1: $%2, expected $%3")
                                    .arg(step)
                                    .arg(cost, 0, 'g', 17)
                                    .arg(10 * costPerSecond, 0, 'g', 17)));
        }
        RUN_EXPECTING(longer, (QStringList{"simulate", path, "--step", "11"}), 2);
        QVERIFY2(longer.err.contains("longer than the scenario"), longer.err.constData());
        RUN_EXPECTING(des, (QStringList{"simulate", path, "--step", "7", "--des"}), 2);
        QVERIFY2(des.err.contains("divides"), des.err.constData());
    }

    // A wall below one user reads as it is in the reports, as evaluate gives it (QA: 0.96 users
    // read "Wall: 1 users", above the wall). 3·10⁶ requests per user a day on one server of 10 ms.
    void aWallBelowOneUserReadsAsItIs()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("heavy.scalecanvas"));
        QJsonObject file = QJsonDocument::fromJson(twoBoxDesign({}, 1000, 10)).object();
        QJsonObject design = file.value("design").toObject();
        QJsonObject traffic = design.value("traffic").toObject();
        traffic["requestsPerUserPerDay"] = 3e6;
        design["traffic"] = traffic;
        file["design"] = design;
        QVERIFY(writeFile(path, QJsonDocument(file).toJson()));
        RUN_EXPECTING(ev, (QStringList{"evaluate", path}), 0);
        const double wall = QJsonDocument::fromJson(ev.out).object().value("maxUsers").toDouble();
        QVERIFY2(wall > 0.1 && wall < 0.995, QByteArray::number(wall));
        const QString md = dir.filePath(QStringLiteral("r.md"));
        RUN_EXPECTING(r, (QStringList{"export", path, "--report", md}), 0);
        QFile f(md);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        const QByteArray expected = "Wall: " + QByteArray::number(wall, 'g', 2) + " users";
        QVERIFY2(text.contains(expected), (expected + " in:\n" + text.left(600)).constData());
    }

    // An objective not even 10 users meet (p99 ≤ 1 ms behind a server of 10 ms): the latency
    // wall, 0 in the JSON, reads "below 10 users" in the text and on sweep's stderr (QA: "latency
    // wall: 0 users (p99 within 500 ms)" beside a p99 of 564 ms).
    void aLatencyWallBelowTheFewestUsersSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("strict.scalecanvas"));
        QJsonObject file = QJsonDocument::fromJson(twoBoxDesign({}, 1000, 10)).object();
        file["slo"] = QJsonObject{{"p99Ms", 1}};
        QVERIFY(writeFile(path, QJsonDocument(file).toJson()));
        RUN_EXPECTING(json, (QStringList{"evaluate", path}), 0);
        QCOMPARE(QJsonDocument::fromJson(json.out).object().value("sloMaxUsers").toDouble(-1), 0.0);
        const QByteArray said = "latency wall: below 10 users (the p99 exceeds 1 ms even there)";
        RUN_EXPECTING(text, (QStringList{"evaluate", path, "--format", "text"}), 0);
        QVERIFY2(text.out.contains(said), text.out.constData());
        RUN_EXPECTING(sweep, (QStringList{"sweep", path, "--points", "3"}), 0);
        QVERIFY2(sweep.err.contains(said), sweep.err.constData());
    }

    // No latency wall up to 10⁸ users is said on sweep's stderr as evaluate says it (CLI QA: the
    // line was left out). One app server at 1 µs a request serves 10⁶ req/s a core; 10⁸ users
    // at 10 requests a day, flat, send 10⁸ × 10 / 86,400 = 11,574 req/s: no wall, p99 ≪ 500 ms.
    void noLatencyWallIsSaidBySweep()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("roomy.scalecanvas"));
        QJsonObject file = QJsonDocument::fromJson(twoBoxDesign({}, 1000, 0.001)).object();
        QJsonObject design = file["design"].toObject();
        design["traffic"] =
            QJsonObject{{"users", 1000}, {"requestsPerUserPerDay", 10}, {"peakToAverage", 1}};
        file["design"] = design;
        QVERIFY(writeFile(path, QJsonDocument(file).toJson()));
        RUN_EXPECTING(text, (QStringList{"evaluate", path, "--format", "text"}), 0);
        QVERIFY2(text.out.contains("latency wall: none (p99 within 500 ms up to 100M users)"),
                 text.out.constData());
        RUN_EXPECTING(sweep, (QStringList{"sweep", path, "--points", "3"}), 0);
        QVERIFY2(sweep.err.contains("latency wall: none (p99 within 500 ms up to 100000000 users)"),
                 sweep.err.constData());
    }

    // A restore that no failure before it covers changes nothing: the run says so with its path
    // and goes on (QA: accepted in silence). A restore after a failure of the same component, or
    // at the same time after it in the list, says nothing.
    void aRestoreOfNothingIsSaid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("restores.scalecanvas"));
        const auto event = [](double at, const char *action) {
            return QJsonObject{{"atS", at}, {"action", action}, {"component", "app"}};
        };
        const QJsonArray events{event(100, "restore"), event(300, "fail"), event(400, "restore"),
                                event(500, "fail"), event(500, "restore")};
        QJsonArray without = events;
        without.removeFirst();
        const QJsonArray scenarios{
            QJsonObject{{"name", "with"}, {"durationS", 900}, {"events", events}},
            QJsonObject{{"name", "without"}, {"durationS", 900}, {"events", without}}};
        QVERIFY(writeFile(path, twoBoxDesign(scenarios, 1000, 10)));
        RUN_EXPECTING(with,
                      (QStringList{"simulate", path, "--scenario", "with", "--format", "json"}), 0);
        QVERIFY2(with.err.contains("note: scenarios[0].events[0]: restores app at 100 s, where no "
                                   "failure before it took any of it down: it changes nothing"),
                 with.err.constData());
        QCOMPARE(with.err.count("note:"), 1);
        RUN_EXPECTING(
            plain, (QStringList{"simulate", path, "--scenario", "without", "--format", "json"}), 0);
        QVERIFY2(plain.err.isEmpty(), plain.err.constData());
        QCOMPARE(summaryOf(with), summaryOf(plain)); // it changed nothing indeed
    }

    // A command line that cannot run says why, then the usage of its command alone (QA: an
    // unknown scenario's one line came before thirty of every command's usage).
    void aUsageErrorShowsItsCommandsUsage()
    {
        RUN_EXPECTING(run, (QStringList{"simulate", "stage1-1k", "--scenario", "nope"}), 2);
        QVERIFY2(run.err.startsWith("scalecanvas: --scenario: no scenario \"nope\""),
                 run.err.constData());
        QVERIFY2(run.err.contains("usage: scalecanvas simulate FILE [--scenario NAME]"),
                 run.err.constData());
        QVERIFY2(run.err.contains("[--des [--seed N]]"), run.err.constData()); // its next lines
        for (const char *other : {"scalecanvas sweep", "scalecanvas export", "[FILE]"})
            QVERIFY2(!run.err.contains(other), run.err.constData());
        QVERIFY2(run.err.contains("scalecanvas --help"), run.err.constData());
        RUN_EXPECTING(help, (QStringList{"--help"}), 0);
        QVERIFY(help.out.contains("scalecanvas sweep") && help.out.contains("scalecanvas export"));
    }

    // A command line that does not parse names its command's usage too, not every command's
    // (QA: a missing value, an unknown option or one given twice printed all 29 lines).
    void aParseErrorShowsItsCommandsUsage()
    {
        const QList<QStringList> cases{{"evaluate", "stage1-1k", "--users"},
                                       {"evaluate", "stage1-1k", "--bogus"},
                                       {"evaluate", "stage1-1k", "-v"},
                                       {"evaluate", "stage1-1k", "--users", "1", "--users", "2"}};
        for (const QStringList &args : cases) {
            const CliRun run = runCli(args, 20000);
            QVERIFY2(sctest::exitedWith(run, 2), sctest::describe(args, run).constData());
            QVERIFY2(run.err.contains("usage: scalecanvas evaluate FILE"),
                     sctest::describe(args, run).constData());
            QVERIFY2(!run.err.contains("scalecanvas sweep"),
                     sctest::describe(args, run).constData());
        }
        RUN_EXPECTING(svg, (QStringList{"export", "stage1-1k", "--svg"}), 2);
        QVERIFY2(svg.err.contains("scalecanvas export FILE --svg") &&
                     !svg.err.contains("scalecanvas evaluate"),
                 svg.err.constData());
    }

    // The editor's FILE is a design file: a folder or a device is refused before any window
    // opens (docs/cli.md; QA: `scalecanvas /dev/null` started the editor and a script waited),
    // with the editor's line of the usage. An empty FILE is said to be one.
    void theEditorRefusesAFolderOrADevice()
    {
        QTemporaryDir dir;
        for (const QString &arg : {dir.path(), QStringLiteral("/dev/null")}) {
            const CliRun run = runCli({arg}, 20000);
            QVERIFY2(sctest::exitedWith(run, 2), sctest::describe({arg}, run).constData());
            QVERIFY2(run.err.contains(arg == dir.path() ? "is a folder" : "not a regular file"),
                     run.err.constData());
            QVERIFY2(run.err.contains("usage: scalecanvas [FILE]") &&
                         !run.err.contains("scalecanvas evaluate"),
                     run.err.constData());
        }
        for (const QStringList &args :
             {QStringList{"evaluate", ""}, QStringList{"export", "", "--svg", "x.svg"}}) {
            const CliRun run = runCli(args, 20000);
            QVERIFY2(sctest::exitedWith(run, 2), sctest::describe(args, run).constData());
            QVERIFY2(run.err.contains("the FILE given is an empty name"), run.err.constData());
        }
    }

    // A step's rate is the mean over it (docs/cli.md): a step longer than a spike averages the
    // spike away, which the run says on stderr, and still runs. The viral spike: 30 s of ramp
    // from minute 10, held 10 minutes, 30 s down: 660 s in all; a step of half the hold, 300 s,
    // has a whole step inside the hold wherever the steps fall.
    void aStepLongerThanASpikeIsSaid()
    {
        const QStringList base{"simulate",    "stage1-1k", "--scenario",
                               "viral spike", "--format",  "json"};
        RUN_EXPECTING(longer, (base + QStringList{"--step", "1200"}), 0);
        QVERIFY2(longer.err.contains("longer than the spike at 600 s"), longer.err.constData());
        QVERIFY2(longer.err.contains("300 s or less"), longer.err.constData());
        QVERIFY(!QJsonDocument::fromJson(longer.out).isNull());
        RUN_EXPECTING(shorter, (base + QStringList{"--step", "630"}), 0);
        QVERIFY2(shorter.err.isEmpty(), shorter.err.constData());
    }

    // A spike of ramps and no hold (100 s up from minute 10, 100 s down: 200 s) is made by its
    // ramps: at a 300 s step the run advises half a ramp, 50 s, not "1 s or less".
    void aSpikeOfRampsAdvisesHalfARamp()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ramps.scalecanvas"));
        const QJsonArray scenarios{QJsonObject{
            {"name", "ramps only"},
            {"durationS", 3600},
            {"stepS", 10},
            {"spikes", QJsonArray{QJsonObject{
                           {"atS", 600}, {"multiplier", 4}, {"rampS", 100}, {"holdS", 0}}}}}};
        QVERIFY(writeFile(path, twoBoxDesign(scenarios, 1000, 10)));
        RUN_EXPECTING(run, (QStringList{"simulate", path, "--step", "300", "--format", "json"}), 0);
        QVERIFY2(run.err.contains("a step of 50 s or less shows it"), run.err.constData());
    }

    // A spike shorter than the least step (0.3 s ramps and 0.2 s held: 0.8 s) is said to be so
    // at a 1 s step, not given the step it runs at as the cure (QA).
    void aSpikeShorterThanTheLeastStepIsSaid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("short.scalecanvas"));
        const QJsonArray scenarios{QJsonObject{
            {"name", "blip"},
            {"durationS", 60},
            {"stepS", 1},
            {"spikes", QJsonArray{QJsonObject{
                           {"atS", 30}, {"multiplier", 4}, {"rampS", 0.3}, {"holdS", 0.2}}}}}};
        QVERIFY(writeFile(path, twoBoxDesign(scenarios, 1000, 10)));
        for (const char *step : {"1", "2", "5"}) { // (at 2 s and 5 s it said "1 s or less"; review)
            RUN_EXPECTING(run, (QStringList{"simulate", path, "--step", step, "--format", "json"}),
                          0);
            QVERIFY2(run.err.contains("no step shows it: it is shorter than the least step, 1 s"),
                     run.err.constData());
            QVERIFY2(!run.err.contains("or less shows it"), run.err.constData());
        }
    }

    // FILE#VARIANT simulates the file's scenarios too, as the editor's timeline does on a shown
    // variant (QA: the run could not be had headless), the same run as the variant's design in
    // a file of its own; one that names a component the variant lacks is refused, saying which.
    void aVariantRunsTheFilesScenarios()
    {
        QTemporaryDir dir;
        const QJsonArray scenarios{QJsonObject{
            {"name", "outage"},
            {"durationS", 600},
            {"stepS", 10},
            {"shape", "flat"},
            {"events",
             QJsonArray{QJsonObject{{"atS", 300}, {"action", "fail"}, {"component", "app"}}}}}};
        QJsonObject file = QJsonDocument::fromJson(twoBoxDesign(scenarios, 1000, 10)).object();
        const QJsonObject fast =
            QJsonDocument::fromJson(twoBoxDesign({}, 1000, 5)).object().value("design").toObject();
        QJsonObject renamed = fast;
        renamed["components"] =
            QJsonArray{fast.value("components").toArray().at(0),
                       QJsonObject{{"id", "app2"}, {"kind", "appServer"}, {"label", "App"}}};
        renamed["connections"] = QJsonArray{QJsonObject{{"from", "web"}, {"to", "app2"}}};
        file["variants"] = QJsonArray{QJsonObject{{"name", "fast"}, {"design", fast}},
                                      QJsonObject{{"name", "renamed"}, {"design", renamed}}};
        const QString path = dir.filePath(QStringLiteral("variants.scalecanvas"));
        QVERIFY(writeFile(path, QJsonDocument(file).toJson()));
        const QString alone = dir.filePath(QStringLiteral("alone.scalecanvas"));
        QVERIFY(writeFile(alone, twoBoxDesign(scenarios, 1000, 5)));
        const QStringList tail{"--scenario", "outage", "--format", "json"};
        RUN_EXPECTING(variant, (QStringList{"simulate", path + "#fast"} + tail), 0);
        RUN_EXPECTING(own, (QStringList{"simulate", alone} + tail), 0);
        QVERIFY(summaryOf(variant)["failedRequests"].toDouble() > 0);
        QCOMPARE(summaryOf(variant), summaryOf(own));
        RUN_EXPECTING(absent, (QStringList{"simulate", path + "#renamed"} + tail), 2);
        QVERIFY2(absent.err.contains("\"outage\" names \"app\", which this variant does not have"),
                 absent.err.constData());
        RUN_EXPECTING(unknown, (QStringList{"simulate", path + "#fast", "--scenario", "nope"}), 2);
        QVERIFY2(unknown.err.contains("(this design has \"outage\", \"a day\""),
                 unknown.err.constData()); // the file's own first, as docs/cli.md lists them
        // The file's first is a variant's default too (CLI QA: the variant ran "a day", saying
        // nothing), and is not offered where the variant lacks what it names.
        RUN_EXPECTING(byDefault, (QStringList{"simulate", path + "#fast", "--format", "json"}), 0);
        QCOMPARE(QJsonDocument::fromJson(byDefault.out).object().value("scenario").toString(),
                 QStringLiteral("outage"));
        // Where the variant lacks what the default names, the first it can run plays, as the
        // editor's timeline shows it, and stderr says so.
        RUN_EXPECTING(lacking, (QStringList{"simulate", path + "#renamed", "--format", "json"}), 0);
        QVERIFY2(lacking.err.contains("note: the file's first scenario, \"outage\", names \"app\", "
                                      "which this variant does not have: running \"a day\""),
                 lacking.err.constData());
        QCOMPARE(QJsonDocument::fromJson(lacking.out).object().value("scenario").toString(),
                 QStringLiteral("a day"));
        RUN_EXPECTING(notOffered,
                      (QStringList{"simulate", path + "#renamed", "--scenario", "nope"}), 2);
        QVERIFY2(!notOffered.err.contains("outage") && notOffered.err.contains("\"a day\""),
                 notOffered.err.constData());
        // The first it can run, in the timeline's order (review): the file's own that runs
        // there before "a day".
        QJsonObject calm = scenarios[0].toObject();
        calm["name"] = "calm";
        calm.remove("events");
        file["scenarios"] = QJsonArray{scenarios[0], calm};
        const QString two = dir.filePath(QStringLiteral("two.scalecanvas"));
        QVERIFY(writeFile(two, QJsonDocument(file).toJson()));
        RUN_EXPECTING(second, (QStringList{"simulate", two + "#renamed", "--format", "json"}), 0);
        QCOMPARE(QJsonDocument::fromJson(second.out).object().value("scenario").toString(),
                 QStringLiteral("calm"));
    }

    // --seed is a whole number from 0 to 2^53 (docs/cli.md), not a user count: above 10^10 it
    // was refused as one, with a message naming 2^53 as the top. 10^11 and 2^53 run; 2^53 + 1,
    // 2^64, a suffix, an exponent, a sign and nothing are refused with the range.
    void seedsRunUpTo2To53()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("flat.scalecanvas"));
        const QJsonArray scenarios{
            QJsonObject{{"name", "short"}, {"durationS", 10}, {"stepS", 5}, {"shape", "flat"}}};
        QVERIFY(writeFile(path, twoBoxDesign(scenarios, 1000, 10)));
        for (const char *seed : {"0", "100000000000", "9007199254740992"}) {
            RUN_EXPECTING(run, (QStringList{"simulate", path, "--des", "--seed", seed}), 0);
        }
        for (const char *seed :
             {"9007199254740993", "18446744073709551616", "1k", "1e3", "-1", "+1", ""}) {
            RUN_EXPECTING(run, (QStringList{"simulate", path, "--des", "--seed", seed}), 2);
            const QByteArray expected =
                "--seed must be a whole number from 0 to 9007199254740992 (2^53), got \"" +
                QByteArray(seed) + "\"";
            QVERIFY2(run.err.contains(expected), run.err.constData());
        }
    }

    // docs/model.md "Discrete-event mode": the rows' served rate comes from the discrete run. A
    // station held at five times its capacity serves about its capacity each step (the fluid
    // run's served rate there: min(C, λ + B/Δt) = C), not the arrivals, and not nothing while
    // its backlog builds.
    void theDiscreteRunServesWhatItsStationsCan()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("overload.scalecanvas"));
        const QJsonArray scenarios{QJsonObject{
            {"name", "overload"}, {"durationS", 300}, {"stepS", 10}, {"shape", "flat"}}};
        // 100,000 users at the default rates against one instance of 100 ms a request.
        QVERIFY(writeFile(path, twoBoxDesign(scenarios, 1e5, 100)));
        RUN_EXPECTING(fluid, (QStringList{"simulate", path, "--format", "json"}), 0);
        RUN_EXPECTING(des, (QStringList{"simulate", path, "--format", "json", "--des"}), 0);
        const QJsonArray f = QJsonDocument::fromJson(fluid.out).object()["series"].toArray();
        const QJsonArray d = QJsonDocument::fromJson(des.out).object()["series"].toArray();
        QCOMPARE(d.size(), f.size());
        const double capacity = f[5].toObject()["servedRps"].toDouble();
        const double demand = f[5].toObject()["demandRps"].toDouble();
        QVERIFY2(demand > 3 * capacity, "the scenario must overload the station");
        double served = 0;
        for (qsizetype n = 0; n + 1 < d.size(); ++n) {
            const double s = d[n].toObject()["servedRps"].toDouble();
            // A step's Poisson departures stay well within half the capacity either way.
            QVERIFY2(s > 0.5 * capacity && s < 1.5 * capacity,
                     qPrintable(QStringLiteral("row %1: served %2 req/s, capacity %3")
                                    .arg(n)
                                    .arg(s)
                                    .arg(capacity)));
            served += s;
        }
        const double mean = served / double(d.size() - 1);
        QVERIFY2(std::fabs(mean - capacity) <= 0.1 * capacity,
                 qPrintable(QStringLiteral("mean served %1, capacity %2").arg(mean).arg(capacity)));
    }

    // docs/cli.md: Markdown escapes markup in text; an id in a code span keeps its backquotes
    // (the span's fence is longer than any run of them inside).
    void markdownCodeSpansHoldAnyId()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("odd.scalecanvas"));
        const QJsonArray scenarios;
        QByteArray bytes = twoBoxDesign(scenarios, 1000, 10);
        bytes.replace("\"app\"", "\"a`b|c\"");
        bytes.replace("Two boxes", "N&M <x>");
        QVERIFY(writeFile(path, bytes));
        RUN_EXPECTING(run, (QStringList{"diff", "stage1-1k", path, "--format", "md"}), 0);
        QVERIFY2(run.out.contains("- Added ``a`b|c``\n"), run.out.constData());
        QVERIFY2(run.out.contains("N\\&M \\<x\\>"), run.out.constData());
    }

    // "-0" users is zero users: no negative zero in the output.
    void minusZeroUsersIsZero()
    {
        RUN_EXPECTING(run, (QStringList{"evaluate", "stage1-1k", "--users", "-0"}), 0);
        QVERIFY2(!run.out.contains("-0.0") && !run.out.contains(": -0"), run.out.left(400));
        QCOMPARE(QJsonDocument::fromJson(run.out).object()["users"].toDouble(), 0.0);
        QVERIFY(!std::signbit(QJsonDocument::fromJson(run.out).object()["users"].toDouble()));
    }

    // A pipe would wait for a writer: only regular files are read, and the message says so.
    void aPipeIsNotRead()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("design.scalecanvas"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const CliRun run = runCli({"validate", fifo}, 20000);
        QVERIFY2(sctest::exitedWith(run, 2), sctest::describe({"validate", fifo}, run).constData());
        QVERIFY2(run.err.contains("not a regular file"), run.err.constData());
        RUN_EXPECTING(diff, (QStringList{"diff", "#", "stage1-1k"}), 2);
        QVERIFY2(diff.err.contains("no file before the '#'"), diff.err.constData());
    }

    // A component that is no station has no capacity: "no limit" in the text (its JSON null),
    // not a 0 that read as "carries nothing" (QA). stage4-1m's clients and DNS are none; its CDN
    // is one.
    void noStationHasNoCapacity()
    {
        RUN_EXPECTING(run, (QStringList{"evaluate", "stage4-1m", "--format", "text"}), 0);
        const QStringList lines = QString::fromUtf8(run.out).split('\n');
        const auto row = [&lines](const QString &id) {
            for (const QString &l : lines)
                if (l.startsWith(id + QLatin1Char(' ')))
                    return l.simplified().split(' ');
            return QStringList();
        };
        for (const QString &id : {QStringLiteral("users"), QStringLiteral("dns")}) {
            const QString line = row(id).join(' ');
            QVERIFY2(line.contains(QStringLiteral(" no limit ")), qPrintable(line));
        }
        const QStringList cdn = row(QStringLiteral("cdn"));
        QVERIFY2(cdn.size() > 4 && cdn[4] != QLatin1String("no") && cdn[4] != QLatin1String("0"),
                 qPrintable(cdn.join(' ')));
    }

    // validate counts in English (QA: "ok (2 components, 1 connections)"); stage1-1k is
    // clients → one server: two components and one connection.
    void validateCountsInTheSingular()
    {
        RUN_EXPECTING(run, (QStringList{"validate", "stage1-1k"}), 0);
        QCOMPARE(run.out, QByteArray("stage1-1k: ok (2 components, 1 connection)\n"));
    }

    // sweep's stderr names a far wall in whole users, not "1.92e+10": stage1-1k with a
    // millionth of its requests per user saturates past 10^10 users.
    void farWallWithoutExponent()
    {
        RUN_EXPECTING(tpl, (QStringList{"template", "stage1-1k"}), 0);
        QJsonObject file = QJsonDocument::fromJson(tpl.out).object();
        QJsonObject design = file["design"].toObject();
        QJsonObject traffic = design["traffic"].toObject();
        traffic["requestsPerUserPerDay"] = traffic["requestsPerUserPerDay"].toDouble() / 1e6;
        design["traffic"] = traffic;
        file["design"] = design;
        QTemporaryDir dir;
        const QString path = dir.filePath("far.scalecanvas");
        QVERIFY(writeFile(path, QJsonDocument(file).toJson()));
        const QStringList args{"sweep", path, "--points", "3", "--format", "json"};
        RUN_EXPECTING(run, args, 0);
        const double wall =
            QJsonDocument::fromJson(run.out).object()["wall"].toObject()["users"].toDouble();
        QVERIFY2(wall >= 1e10 && wall < 1e15, QByteArray::number(wall));
        const QByteArray expected =
            "wall: " + QByteArray::number(qint64(std::llround(wall))) + " users at ";
        QVERIFY2(run.err.startsWith(expected), (run.err + " vs " + expected).constData());
    }

    // evaluate's text table writes a utilization above 0 and below 1% as "<1%", not "0%" (which
    // reads as idle), and an idle component as "0%" (QA after the GUI's "<1%").
    void smallUtilizationIsNotZero()
    {
        const QStringList base{"evaluate", "stage3-100k", "--users", "10", "--format"};
        RUN_EXPECTING(json, base + QStringList{"json"}, 0);
        RUN_EXPECTING(text, base + QStringList{"text"}, 0);
        const QList<QByteArray> lines = text.out.split('\n');
        int slivers = 0;
        for (const QJsonValue v :
             QJsonDocument::fromJson(json.out).object()["components"].toArray()) {
            const QJsonObject c = v.toObject();
            const double rho = c["utilization"].toDouble();
            if (!(rho > 0 && rho < 0.01))
                continue;
            ++slivers;
            const QByteArray id = c["id"].toString().toUtf8();
            const auto line = std::find_if(lines.begin(), lines.end(), [&](const QByteArray &l) {
                return l.startsWith(id + ' ');
            });
            QVERIFY2(line != lines.end(), id.constData());
            QVERIFY2(line->contains(" <1% ") && !line->contains(" 0% "), line->constData());
        }
        QVERIFY2(slivers > 0, "stage3-100k at 10 users has a component below 1%");
    }

    // One user is "1 user" wherever a sentence names the count (QA: "at 1 users").
    void oneUserInTheSingular()
    {
        const QList<std::pair<QStringList, QByteArray>> cases{
            {{"evaluate", "stage1-1k", "--users", "1", "--format", "text"}, " at 1 user: "},
            {{"diff", "stage1-1k", "stage2-10k", "--users", "1"}, "\nAt 1 user\n"},
            {{"diff", "stage1-1k", "stage2-10k", "--users", "1", "--format", "md"}, "At 1 user, "},
            {{"explain", "stage1-1k", "monthlyCostUsd", "--users", "1"}, "at 1 user — "}};
        for (const auto &[args, phrase] : cases) {
            RUN_EXPECTING(run, args, 0);
            QVERIFY2(run.out.contains(phrase) && !run.out.contains("1 users"),
                     sctest::describe(args, run).constData());
        }
        RUN_EXPECTING(
            many, (QStringList{"evaluate", "stage1-1k", "--users", "2", "--format", "text"}), 0);
        QVERIFY2(many.out.contains(" at 2 users: "), many.out.constData());
        // The Markdown reports too (QA: "At 1 daily active users").
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("r.md")),
                      compare = dir.filePath(QStringLiteral("c.md"));
        RUN_EXPECTING(r, (QStringList{"export", "stage1-1k", "--report", report, "--users", "1"}),
                      0);
        RUN_EXPECTING(c,
                      (QStringList{"export", "stage1-1k", "stage2-10k", "--compare", compare,
                                   "--users", "1"}),
                      0);
        for (const QString &path : {report, compare}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray text = f.readAll();
            QVERIFY2(text.contains(" 1 daily active user;") &&
                         !text.contains("1 daily active users"),
                     text.left(400).constData());
        }
    }

    // diff's summary writes how many times the users B carries in whole figures past 99 (QA:
    // stage1-1k against stage5-10m "carries 7.8e+02× the users before its wall").
    void diffSummaryRatioHasNoExponent()
    {
        const QStringList args{"diff", "stage1-1k", "stage5-10m", "--format", "json"};
        RUN_EXPECTING(run, args, 0);
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        const double a = o["a"].toObject()["maxUsers"].toDouble();
        const double b = o["b"].toObject()["maxUsers"].toDouble();
        QVERIFY2(a > 0 && b / a >= 100 && b / a < 999.5, run.out.left(2000).constData());
        const QString expected =
            QStringLiteral("carries %1× the users before its wall").arg(std::llround(b / a));
        QVERIFY2(o["summary"].toString().contains(expected),
                 (o["summary"].toString() + " lacks " + expected).toUtf8().constData());
    }

    // The summary's ratio of the walls has the digits of the table's (QA: "carries 1.3× the
    // users" above a table's "(1.25×)"): stage 3 against stage 2, the ratio read from the table,
    // three significant figures in both.
    void diffSummaryRatioAsTheTable()
    {
        RUN_EXPECTING(run, (QStringList{"diff", "stage2-10k", "stage3-100k"}), 0);
        const QString text = QString::fromUtf8(run.out);
        const QRegularExpressionMatch row =
            QRegularExpression(QStringLiteral("Saturation wall[^\\n]*\\(([0-9.]+)×\\)"))
                .match(text);
        QVERIFY2(row.hasMatch(), run.out.constData());
        const QString ratio = row.captured(1);
        QVERIFY2(QRegularExpression(QStringLiteral("^[1-9]\\.[0-9]{2}$")).match(ratio).hasMatch(),
                 qPrintable(ratio)); // a ratio below 10 that is not whole: "x.yz"
        QVERIFY2(text.contains(QStringLiteral("carries ") + ratio + QStringLiteral("× the users")),
                 run.out.constData());
    }

    // The cost report's sentences are for people too (QA: case-1m-optimized at 10^10 users,
    // "At the peak >99% of dynamic requests fail; 3.73e-09 req/s are served.").
    void reportHasNoExponent()
    {
        QTemporaryDir dir;
        const QRegularExpression exponent(QStringLiteral("[0-9][eE][-+][0-9]"));
        for (const char *users : {"1", "1e10"}) {
            const QString md = dir.filePath(QStringLiteral("report.md"));
            RUN_EXPECTING(
                run, (QStringList{"export", "case-1m-optimized", "--report", md, "--users", users}),
                0);
            const QString text = QString::fromUtf8(readFile(md));
            const QRegularExpressionMatch m = exponent.match(text);
            QVERIFY2(!m.hasMatch(),
                     (QByteArray(users) + ": " + text.mid(m.capturedStart() - 200, 300).toUtf8())
                         .constData());
        }
    }

    // Text is for people: no figure in an exponent, however few or many the users (QA: at one
    // user stage3-100k's queue carried "8.68e-05" req/s; at 10^10 users case-1m-optimized served
    // "2.22e-14%" of its peak, "3.73e-09 of 17.4M req/s").
    void textHasNoExponentAtAnyUsers()
    {
        const QRegularExpression exponent(QStringLiteral("[0-9][eE][-+][0-9]"));
        for (const char *name : {"stage3-100k", "case-1m-optimized", "case-tiny-blog"})
            for (const char *users : {"1", "1e10"}) {
                RUN_EXPECTING(
                    run, (QStringList{"evaluate", name, "--users", users, "--format", "text"}), 0);
                const QRegularExpressionMatch m = exponent.match(QString::fromUtf8(run.out));
                QVERIFY2(!m.hasMatch(), (QByteArray(name) + " at " + users + ": " +
                                         m.captured().toUtf8() + "\n" + run.out)
                                            .constData());
            }
        // stage3-100k's queue at one user: 1 × 50 requests a day / 86,400 s × 3 (peak) × 5%
        // writes × 1 job a write = 8.7e-5 jobs/s, below the 0.0001 that three digits show.
        RUN_EXPECTING(
            one, (QStringList{"evaluate", "stage3-100k", "--users", "1", "--format", "text"}), 0);
        const QRegularExpression queueRow(QStringLiteral("\\nqueue +queue +1 +<0\\.0001 "));
        QVERIFY2(queueRow.match(QString::fromUtf8(one.out)).hasMatch(), one.out.constData());
    }

    // Every command lists every error in one run, as validate does (QA: evaluate and export
    // named the parameter out of range and hid the dangling connection behind it).
    void everyErrorInOneRun()
    {
        QTemporaryDir dir;
        RUN_EXPECTING(tpl, (QStringList{"template", "stage1-1k"}), 0);
        QJsonObject file = QJsonDocument::fromJson(tpl.out).object();
        QJsonObject design = file.value("design").toObject();
        QJsonArray components = design.value("components").toArray();
        QJsonObject server = components.at(1).toObject();
        QJsonObject params = server.value("params").toObject();
        params["instances"] = -3;
        server["params"] = params;
        components[1] = server;
        design["components"] = components;
        QJsonArray connections = design.value("connections").toArray();
        connections.append(
            QJsonObject{{"from", components.at(0).toObject().value("id")}, {"to", "zz"}});
        design["connections"] = connections;
        file["design"] = design;
        const QString path = dir.filePath(QStringLiteral("two.scalecanvas"));
        QVERIFY(writeFile(path, QJsonDocument(file).toJson()));
        for (const QStringList &args :
             {QStringList{"validate", path}, QStringList{"evaluate", path},
              QStringList{"export", path, "--png", dir.filePath(QStringLiteral("x.png"))}}) {
            RUN_EXPECTING(run, args, 2);
            QVERIFY2(run.err.contains("design.components[1].params.instances") &&
                         run.err.contains("no component with id \"zz\""),
                     sctest::describe(args, run).constData());
        }
    }

    // Inputs QA found said unclearly: a switch given a value (`--des=0` ran the discrete mode,
    // its opposite), `--version` with more after it ("unknown option"), a file saved as UTF-16
    // ("NUL byte at line 1"), a duplicate key of 5,000 characters (the message held it twice
    // whole), a group id past the 256 bytes of any other id (accepted).
    void unclearInputsSaidClearly()
    {
        QTemporaryDir dir;
        RUN_EXPECTING(des, (QStringList{"simulate", "stage1-1k", "--des=0"}), 2);
        QVERIFY2(des.err.contains("option --des takes no value"), des.err.constData());
        RUN_EXPECTING(version, (QStringList{"--version", "extra"}), 2);
        QVERIFY2(version.err.contains("--version takes no arguments, got \"extra\""),
                 version.err.constData());
        RUN_EXPECTING(tpl, (QStringList{"template", "stage1-1k"}), 0);
        const QString utf16 = dir.filePath(QStringLiteral("utf16.scalecanvas"));
        QByteArray wide("\xff\xfe");
        for (const char c : tpl.out)
            wide.append(c).append('\0');
        QVERIFY(writeFile(utf16, wide));
        RUN_EXPECTING(bom, (QStringList{"validate", utf16}), 2);
        QVERIFY2(bom.err.contains("the file is UTF-16 or UTF-32, not UTF-8; save it as UTF-8"),
                 bom.err.constData());
        const QString dup = dir.filePath(QStringLiteral("dup.scalecanvas"));
        const QByteArray key(5000, 'k');
        QByteArray text = tpl.out;
        text.insert(text.indexOf('{') + 1, "\"" + key + "\": 1, \"" + key + "\": 2,");
        QVERIFY(writeFile(dup, text));
        RUN_EXPECTING(twice, (QStringList{"validate", dup}), 2);
        QVERIFY2(twice.err.contains("duplicate key") && twice.err.size() < 400,
                 twice.err.left(400).constData());
        QJsonObject file = QJsonDocument::fromJson(tpl.out).object();
        QJsonObject design = file.value("design").toObject();
        design["groups"] = QJsonArray{QJsonObject{{"id", QString(300, 'g')},
                                                  {"kind", "zone"},
                                                  {"label", "a"},
                                                  {"members", QJsonArray{}}}};
        file["design"] = design;
        file["formatVersion"] = 2;
        const QString longId = dir.filePath(QStringLiteral("id.scalecanvas"));
        QVERIFY(writeFile(longId, QJsonDocument(file).toJson()));
        RUN_EXPECTING(id, (QStringList{"validate", longId}), 2);
        QVERIFY2(id.err.contains("design.groups[0].id: id is 300 bytes long; the limit is 256"),
                 id.err.constData());
        // A variant's name is a name, and is called so (QA: "id is 257 bytes long").
        file = QJsonDocument::fromJson(tpl.out).object();
        file["variants"] =
            QJsonArray{QJsonObject{{"name", QString(257, 'v')}, {"design", file.value("design")}}};
        const QString longName = dir.filePath(QStringLiteral("name.scalecanvas"));
        QVERIFY(writeFile(longName, QJsonDocument(file).toJson()));
        RUN_EXPECTING(name, (QStringList{"validate", longName}), 2);
        QVERIFY2(name.err.contains("variants[0].name: name is 257 bytes long; the limit is 256"),
                 name.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliEdges)
#include "tst_cli_edges.moc"
