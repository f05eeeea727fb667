// Issue 12: what the CLI writes, run as a process. `export` never overwrites its input, by any
// name of it (items 6); money past any sensible range is printed as such, never as a wrapped
// 64-bit number (8); `sweep --format csv` is RFC 4180 with formulas neutralised and the wall
// on stderr, and per-user figures at 0 users are null/empty (9); design text with escape
// sequences never reaches the terminal raw (10). Expected values are worked out here from the
// rules in docs/cli.md, not copied from the program's output.

#include "../common/clirun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <unistd.h>

namespace {

constexpr int kTimeoutMs = 60000;

using sctest::CliRun;

CliRun runCli(const QStringList &args)
{
    return sctest::runBinary(QStringLiteral(SCALECANVAS_BIN), args, kTimeoutMs);
}

// Runs the binary and requires a normal exit with `expected`; the run is returned.
#define RUN_EXPECTING(run, args, expected)                                                         \
    const CliRun run = runCli(args);                                                               \
    QVERIFY2(sctest::exitedWith(run, expected), sctest::describe(args, run).constData())

// clients → load balancer → app server → database, with the ids, the app's label and the
// traffic given. QJsonDocument writes C0 controls as \u escapes and DEL/C1 raw, as a hostile
// file may.
QByteArray design(const QStringList &ids, const QString &appLabel, const QJsonObject &traffic,
                  const QJsonArray &extraConnections = {})
{
    const char *const kinds[] = {"clients", "loadBalancer", "appServer", "database"};
    QJsonArray components, connections;
    for (int i = 0; i < 4; ++i) {
        QJsonObject c{{"id", ids[i]}, {"kind", kinds[i]}, {"label", ids[i]}};
        if (i == 2) {
            c.insert("label", appLabel);
            // One slow app server: the bottleneck, by far.
            c.insert("params", QJsonObject{{"instances", 1}, {"serviceTimeMs", 500}});
        }
        components.append(c);
        if (i > 0)
            connections.append(QJsonObject{{"from", ids[i - 1]}, {"to", ids[i]}});
    }
    for (const QJsonValue &c : extraConnections)
        connections.append(c);
    const QJsonObject d{{"name", "Output"},
                        {"traffic", traffic},
                        {"components", components},
                        {"connections", connections}};
    return QJsonDocument(QJsonObject{{"format", "scalecanvas"},
                                     {"formatVersion", 1},
                                     {"appVersion", "0.1.0"},
                                     {"design", d}})
        .toJson();
}

const QStringList kPlainIds{"web", "lb", "app", "db"};

// RFC 4180 records of a text; `ok` false on a quote in an unquoted field or an open quote.
QList<QStringList> parseCsv(const QString &text, bool &ok)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, wasQuoted = false;
    ok = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += c, ++i;
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            ok = ok && field.isEmpty() && !wasQuoted;
            quoted = wasQuoted = true;
        } else if (c == ',') {
            row << field, field.clear(), wasQuoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            row << field, field.clear(), wasQuoted = false;
            rows << row, row.clear();
        } else {
            ok = ok && c != '\n' && c != '\r' && !wasQuoted; // a bare LF/CR ends no record
            field += c;
        }
    }
    ok = ok && !quoted && field.isEmpty() && row.isEmpty(); // the last record ends in CRLF
    return rows;
}

// The first raw control byte of `bytes` other than those in `allowed`: C0, DEL, or a C1 code
// point in UTF-8 (C2 80 … C2 9F). -1 when there is none.
qsizetype firstControl(const QByteArray &bytes, const QByteArray &allowed)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if ((b < 0x20 || b == 0x7F) && !allowed.contains(char(b)))
            return i;
        if (b == 0xC2 && i + 1 < bytes.size() && static_cast<unsigned char>(bytes[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(bytes[i + 1]) <= 0x9F)
            return i;
    }
    return -1;
}

#define VERIFY_NO_CONTROLS(bytes, allowed, what)                                                   \
    do {                                                                                           \
        const QByteArray b_ = (bytes);                                                             \
        const qsizetype at_ = firstControl(b_, allowed);                                           \
        QVERIFY2(at_ < 0, qPrintable(QStringLiteral("%1: raw control at byte %2: %3")              \
                                         .arg(QLatin1String(what))                                 \
                                         .arg(at_)                                                 \
                                         .arg(QString::fromUtf8(b_.mid(at_ - 20, 40).toHex()))));  \
    } while (0)

} // namespace

class TestCliOutput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exportRefusesItsInput_data();
    void exportRefusesItsInput();
    void exportToAnotherFileWorks();
    void mistypedCommandIsRefused_data();
    void mistypedCommandIsRefused();
    void templateNameWhereFileExpected();
    void textNumbersAreHuman();
    void moneyBeyondRangeInText();
    void billPastTheWallSaysItIsAnUpperBound();
    void sweepCsvIsRfc4180();
    void simulateCsvIsRfc4180();
    void sweepJsonStreamsTheSameFigures();
    void perUserAtZeroUsers();
    void controlsNeverReachTheTerminal();
    void bidiControlsNeverReachTheTerminal();
    void simulateJsonEscapesIds();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_tmp;
};

void TestCliOutput::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SCALECANVAS_BIN)).isExecutable(), SCALECANVAS_BIN);
    QVERIFY(m_tmp.isValid());
}

QString TestCliOutput::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_tmp.filePath(name);
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestCliOutput::exportRefusesItsInput_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("alias");
    for (const auto &[option, suffix] :
         {std::pair{"--png", "png"}, std::pair{"--svg", "svg"}, std::pair{"--pdf", "pdf"},
          std::pair{"--report", "pdf"}, std::pair{"--report", "html"}, std::pair{"--report", "csv"},
          std::pair{"--report", "md"}})
        for (const char *alias : {"same", "dot", "dotdot", "symlink", "hardlink"})
            QTest::addRow("%s %s %s", option, suffix, alias)
                << QString::fromLatin1(option) << QString::fromLatin1(suffix)
                << QString::fromLatin1(alias);
}

// `export x.svg --svg x.svg` and every other way of naming the input as the output.
void TestCliOutput::exportRefusesItsInput()
{
    QFETCH(QString, option);
    QFETCH(QString, suffix);
    QFETCH(QString, alias);
    const QString dir = QStringLiteral("self-%1-%2-%3").arg(option.mid(2), suffix, alias);
    const QByteArray original = design(kPlainIds, "App", QJsonObject{{"users", 1000}});
    const QString in = write(dir + "/design." + suffix, original);
    QVERIFY(QDir().mkpath(m_tmp.filePath(dir + "/sub")));
    QString out;
    if (alias == "same")
        out = in;
    else if (alias == "dot")
        out = m_tmp.filePath(dir + "/./design." + suffix);
    else if (alias == "dotdot")
        out = m_tmp.filePath(dir + "/sub/../design." + suffix);
    else if (alias == "symlink")
        QVERIFY(QFile::link(in, out = m_tmp.filePath(dir + "/link." + suffix)));
    else
        QVERIFY(
            ::link(QFile::encodeName(in).constData(),
                   QFile::encodeName(out = m_tmp.filePath(dir + "/hard." + suffix)).constData()) ==
            0);
    const QStringList args{"export", in, option, out};
    RUN_EXPECTING(run, args, 2);
    QVERIFY2(run.err.contains("overwrite its input"), run.err.constData());
    QFile f(in);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), original);
    QVERIFY(QFileInfo(out).exists()); // the alias itself is untouched too
}

void TestCliOutput::exportToAnotherFileWorks()
{
    const QString in = write("other/design.csv", design(kPlainIds, "App", {{"users", 1000}}));
    const QStringList args{"export", in, "--report", m_tmp.filePath("other/report.csv")};
    RUN_EXPECTING(run, args, 0);
    QVERIFY(QFileInfo(m_tmp.filePath("other/report.csv")).size() > 0);
}

// Very large traffic, valid by the parameter table: the bill is far beyond $1e15 a month.
void TestCliOutput::moneyBeyondRangeInText()
{
    const QJsonObject traffic{
        {"users", 1e10}, {"requestsPerUserPerDay", 1e7}, {"kbPerRequest", 1e7}};
    const QString in = write("huge.scalecanvas", design(kPlainIds, "App", traffic));
    const QStringList jsonArgs{"evaluate", in, "--format", "json"};
    RUN_EXPECTING(json, jsonArgs, 0);
    const double total = QJsonDocument::fromJson(json.out).object()["monthlyCostUsd"].toDouble();
    QVERIFY2(total > 1e15, qPrintable(QString::number(total)));

    const QStringList textArgs{"evaluate", in, "--format", "text"};
    RUN_EXPECTING(text, textArgs, 0);
    // Three significant digits in scientific notation, as docs/cli.md says.
    const QByteArray expected = "monthly cost: $" + QByteArray::number(total, 'e', 2);
    QVERIFY2(text.out.contains(expected), text.out.constData());
    QVERIFY2(text.out.contains("beyond any sensible range"), text.out.constData());
    QVERIFY(!text.out.contains("-$") && !text.out.contains("-92"));
}

// The bill stays sized for the demand offered (docs/model.md "The bill"): past the wall the text
// and the reports say so beside it (QA: case-tiny-blog at 10⁸ users billed $7,271 for one
// t3.micro serving 50 req/s, with no word).
void TestCliOutput::billPastTheWallSaysItIsAnUpperBound()
{
    const QByteArray note = "the bill is an upper bound, sized for every request offered";
    const QStringList past{"evaluate", "case-tiny-blog", "--users", "1e8", "--format", "text"};
    RUN_EXPECTING(over, past, 0);
    QVERIFY2(over.out.contains("served: 0.048% at the peak"), over.out.constData());
    QVERIFY2(over.out.contains("note: Not every request is served at the peak: " + note),
             over.out.constData());
    // Below its wall (48K users: one t3.micro of 50 req/s at 104 req/s per 10⁵ users) nothing
    // fails, and nothing is said.
    const QStringList below{"evaluate", "case-tiny-blog", "--users", "1000", "--format", "text"};
    RUN_EXPECTING(fine, below, 0);
    QVERIFY2(fine.out.contains("served: every request"), fine.out.constData());
    QVERIFY2(!fine.out.contains(note), fine.out.constData());
    const QString md = m_tmp.filePath("tiny.md"), html = m_tmp.filePath("tiny.html");
    RUN_EXPECTING(reported,
                  (QStringList{"export", "case-tiny-blog", "--users", "1e8", "--report", md}), 0);
    RUN_EXPECTING(page,
                  (QStringList{"export", "case-tiny-blog", "--users", "1e8", "--report", html}), 0);
    for (const QString &path : {md, html}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains(note), text.constData());
    }
}

void TestCliOutput::sweepCsvIsRfc4180()
{
    const QString formula = QStringLiteral("=HYPERLINK(\"http://x.example\",\"click\")");
    const QStringList ids{"line\nbreak", "a,b", formula, "q\"uote"};
    const QString in = write("csv.scalecanvas", design(ids, "App", {{"users", 1000}}));
    constexpr int kPoints = 25;
    const QStringList args{"sweep", in, "--points", QString::number(kPoints), "--format", "csv"};
    RUN_EXPECTING(run, args, 0);
    bool ok = false;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(run.out), ok);
    QVERIFY2(ok, "not RFC 4180 (CRLF records, quotes only around whole fields)");
    QCOMPARE(rows.size(), qsizetype(1 + kPoints)); // a header and the points: no trailer
    const QStringList &header = rows.first();
    QCOMPARE(header.size(), qsizetype(12 + 2 * ids.size()));
    for (const QStringList &r : rows)
        QCOMPARE(r.size(), header.size());
    QCOMPARE(header[3], QStringLiteral("goodputRps"));
    QCOMPARE(header[4], QStringLiteral("errorRate"));
    // Ids keep their commas and quotes; a newline is shown as "\n" (stdout may be a terminal).
    QCOMPARE(header[12], QStringLiteral("util:line\\nbreak"));
    QCOMPARE(header[13], QStringLiteral("util:a,b"));
    QCOMPARE(header[14], QStringLiteral("util:") + formula);
    QCOMPARE(header[15], QStringLiteral("util:q\"uote"));
    QCOMPARE(header[11], QStringLiteral("bottleneck"));
    // The slow app server is the bottleneck: as text, never a live formula.
    for (qsizetype i = 1; i < rows.size(); ++i)
        QCOMPARE(rows[i][11], QLatin1Char('\'') + formula);
    // The wall is on stderr, its component's id made safe.
    QVERIFY2(run.err.startsWith("wall: ") && run.err.contains("=HYPERLINK"), run.err.constData());
    // Cost per user = monthly cost / users, from the row's own cells.
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const double users = rows[i][0].toDouble(), cost = rows[i][9].toDouble();
        QVERIFY(users > 0);
        QVERIFY(std::fabs(rows[i][10].toDouble() - cost / users) <= 1e-8 * cost / users);
    }
}

// simulate's CSV as sweep's (docs/cli.md): CRLF records, ids with commas and quotes quoted, a
// newline in an id shown as "\n"; a header, then a row per step of the day at 600 s (145).
void TestCliOutput::simulateCsvIsRfc4180()
{
    const QString formula = QStringLiteral("=HYPERLINK(\"http://x.example\",\"click\")");
    const QStringList ids{"line\nbreak", "a,b", formula, "q\"uote"};
    const QString in = write("sim.scalecanvas", design(ids, "App", {{"users", 1000}}));
    const QStringList args{"simulate", in, "--step", "600", "--format", "csv"};
    RUN_EXPECTING(run, args, 0);
    bool ok = false;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(run.out), ok);
    QVERIFY2(ok, "not RFC 4180 (CRLF records, quotes only around whole fields)");
    QCOMPARE(rows.size(), qsizetype(1 + 86400 / 600 + 1));
    const QStringList &header = rows.first();
    QCOMPARE(header.size(), qsizetype(6 + 3 * ids.size()));
    for (const QStringList &r : rows)
        QCOMPARE(r.size(), header.size());
    QCOMPARE(header[6], QStringLiteral("instances:line\\nbreak"));
    QCOMPARE(header[7], QStringLiteral("instances:a,b"));
    QCOMPARE(header[8], QStringLiteral("instances:") + formula);
    QCOMPARE(header[9], QStringLiteral("instances:q\"uote"));
    QCOMPARE(header[10], QStringLiteral("util:line\\nbreak"));
    QCOMPARE(header[14], QStringLiteral("backlog:line\\nbreak"));
    QCOMPARE(rows[1][0], QStringLiteral("0"));
    QCOMPARE(rows.last()[0], QStringLiteral("86400"));
}

// The streamed JSON holds what the CSV holds, and the ids exactly as in the file.
void TestCliOutput::sweepJsonStreamsTheSameFigures()
{
    const QStringList ids{"web", "a,b\x1b[2J", "app\"x", "db\nz"};
    const QString in = write("json.scalecanvas", design(ids, "App", {{"users", 1000}}));
    const QStringList jsonArgs{"sweep", in, "--points", "7", "--format", "json"};
    RUN_EXPECTING(json, jsonArgs, 0);
    QJsonParseError e;
    const QJsonObject o = QJsonDocument::fromJson(json.out, &e).object();
    QVERIFY2(e.error == QJsonParseError::NoError, qPrintable(e.errorString()));
    const QJsonArray components = o["components"].toArray();
    QCOMPARE(components.size(), qsizetype(4));
    for (qsizetype i = 0; i < 4; ++i)
        QCOMPARE(components[i].toString(), ids[i]);
    const QStringList csvArgs{"sweep", in, "--points", "7", "--format", "csv"};
    RUN_EXPECTING(csv, csvArgs, 0);
    bool ok = false;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv.out), ok);
    QVERIFY(ok);
    const QJsonArray points = o["points"].toArray();
    QCOMPARE(points.size(), qsizetype(7));
    for (qsizetype i = 0; i < points.size(); ++i) {
        const QJsonObject p = points[i].toObject();
        const QStringList &r = rows[i + 1];
        for (const auto &[key, column] :
             {std::pair{"users", 0}, std::pair{"goodputRps", 3}, std::pair{"errorRate", 4},
              std::pair{"monthlyCostUsd", 9}, std::pair{"costPerUserUsd", 10}}) {
            const double a = p[QLatin1String(key)].toDouble(), b = r[column].toDouble();
            QVERIFY2(std::fabs(a - b) <= 1e-9 * std::fabs(a), key);
        }
        QCOMPARE(p["utilization"].toArray().size(), qsizetype(4));
        QCOMPARE(p["bottleneck"].toString(), ids[2]);
    }
    QVERIFY(o["wall"].toObject().contains("users"));
}

void TestCliOutput::perUserAtZeroUsers()
{
    const QString in = write("zero.scalecanvas", design(kPlainIds, "App", {{"users", 1000}}));
    const QStringList jsonArgs{"evaluate", in, "--users", "0", "--format", "json"};
    RUN_EXPECTING(json, jsonArgs, 0);
    const QJsonObject o = QJsonDocument::fromJson(json.out).object();
    QVERIFY(o.contains("costPerUserUsd") && o["costPerUserUsd"].isNull());
    QVERIFY(o.contains("costPer1kUsersUsd") && o["costPer1kUsersUsd"].isNull());
    QVERIFY(o["monthlyCostUsd"].toDouble() > 0); // the instances still cost money
    const QStringList textArgs{"evaluate", in, "--users", "0", "--format", "text"};
    RUN_EXPECTING(text, textArgs, 0);
    QVERIFY2(text.out.contains("no cost per user at 0 users"), text.out.constData());
    QVERIFY(!text.out.contains("per user,"));
    // At 1,000 users the figure is there: monthly cost / 1,000.
    const QStringList atArgs{"evaluate", in, "--users", "1000", "--format", "json"};
    RUN_EXPECTING(at, atArgs, 0);
    const QJsonObject a = QJsonDocument::fromJson(at.out).object();
    QVERIFY(std::fabs(a["costPerUserUsd"].toDouble() - a["monthlyCostUsd"].toDouble() / 1000) <
            1e-12);
}

// A label with the bidirectional controls that reorder a line as shown (RLO U+202E, LRI U+2066,
// PDI U+2069, RLM U+200F): written as escapes in the text outputs (CLI QA: passed through, the
// "Trojan Source" trick), and in JSON as JSON escapes, so a JSON reader gets the label as it is;
// in the reports (HTML, Markdown) as escapes too (QA: a report's "RLO" read "OLR" in its PDF).
void TestCliOutput::bidiControlsNeverReachTheTerminal()
{
    const QString label = QStringLiteral("Pay \u202Etnuocca\u2066x\u2069\u200F");
    const QStringList ids{"web", "lb", "app", "db"};
    const QString in = write("bidi.scalecanvas", design(ids, label, {{"users", 1000}}));
    const QStringList textArgs{"evaluate", in, "--format", "text"};
    RUN_EXPECTING(text, textArgs, 0);
    for (const QChar c : {QChar(0x202E), QChar(0x2066), QChar(0x2069), QChar(0x200F)})
        QVERIFY2(!QString::fromUtf8(text.out).contains(c),
                 qPrintable(QString::number(c.unicode(), 16)));
    QVERIFY2(text.out.contains("\\u202etnuocca\\u2066x\\u2069\\u200f"), text.out.constData());
    const QStringList jsonArgs{"evaluate", in, "--format", "json"};
    RUN_EXPECTING(json, jsonArgs, 0);
    for (const QChar c : {QChar(0x202E), QChar(0x2066), QChar(0x2069), QChar(0x200F)})
        QVERIFY(!QString::fromUtf8(json.out).contains(c));
    QVERIFY2(json.out.contains("\\u202e"), json.out.left(400).constData());
    const QJsonObject o = QJsonDocument::fromJson(json.out).object();
    bool found = false;
    for (const QJsonValue v : o["components"].toArray())
        found = found || v.toObject()["label"].toString() == label;
    QVERIFY(found);
    for (const char *suffix : {".html", ".md"}) {
        const QString path = QFileInfo(in).dir().filePath(QStringLiteral("bidi") + suffix);
        const QStringList reportArgs{"export", in, "--report", path};
        RUN_EXPECTING(report, reportArgs, 0);
        QFile page(path);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString written = QString::fromUtf8(page.readAll());
        for (const QChar c : {QChar(0x202E), QChar(0x2066), QChar(0x2069), QChar(0x200F)})
            QVERIFY2(!written.contains(c), suffix);
        // (Markdown escapes the escapes' backslashes: "\\u202e".)
        QVERIFY2(written.contains(QStringLiteral("u202etnuocca")), suffix);
    }
    // The line and paragraph separators, where an editor or a browser breaks a line, too (QA: an
    // error line is one line).
    const QString split = QStringLiteral("Line\u2028Para\u2029End");
    const QString in2 = write("separators.scalecanvas", design(ids, split, {{"users", 1000}}));
    RUN_EXPECTING(sepText, (QStringList{"evaluate", in2, "--format", "text"}), 0);
    QVERIFY2(sepText.out.contains("Line\\u2028Para\\u2029End"), sepText.out.constData());
    RUN_EXPECTING(sepJson, (QStringList{"evaluate", in2, "--format", "json"}), 0);
    QVERIFY(!QString::fromUtf8(sepJson.out).contains(QChar(0x2028)));
    bool same = false;
    for (const QJsonValue v : QJsonDocument::fromJson(sepJson.out).object()["components"].toArray())
        same = same || v.toObject()["label"].toString() == split;
    QVERIFY(same);
}

// simulate's JSON rows are keyed by the component ids: escaped as every JSON output escapes
// design text (review: C1, U+202E and U+2028 went out raw there, and only there), and read back
// as the ids they are.
void TestCliOutput::simulateJsonEscapesIds()
{
    const QString app = QStringLiteral("app\u202E\u2028x\u0085");
    const QString in =
        write("simulate-ids.scalecanvas",
              design({"web", "lb", app, "db"}, QStringLiteral("App"), {{"users", 1000}}));
    RUN_EXPECTING(run,
                  (QStringList{"simulate", in, "--scenario", "viral spike", "--step", "600",
                               "--format", "json"}),
                  0);
    const QString out = QString::fromUtf8(run.out);
    for (const QChar c : {QChar(0x202E), QChar(0x2028), QChar(0x0085)})
        QVERIFY2(!out.contains(c), qPrintable(QString::number(c.unicode(), 16)));
    const QJsonArray series = QJsonDocument::fromJson(run.out).object()["series"].toArray();
    QVERIFY(!series.isEmpty());
    QVERIFY(series.first().toObject()["instances"].toObject().contains(app));
}

// An id and a label with a terminal title sequence, a clear screen, DEL and C1 CSI.
void TestCliOutput::controlsNeverReachTheTerminal()
{
    const QString evilId = QStringLiteral("app\x1b]0;pwned\x07\x7f\u009b31m");
    const QString evilLabel = QStringLiteral("App\x1b[2J\r\nX");
    const QStringList ids{"web", "lb", evilId, "db"};
    const QString in = write("evil.scalecanvas", design(ids, evilLabel, {{"users", 1000}}));

    const QString broken =
        write("evil-broken.scalecanvas",
              design(ids, evilLabel, {{"users", 1000}},
                     {QJsonObject{{"from", evilId}, {"to", QStringLiteral("ghost\x1b[31m")}}}));
    const QStringList validateArgs{"validate", broken};
    RUN_EXPECTING(validate, validateArgs, 2);
    VERIFY_NO_CONTROLS(validate.err, "\n", "validate stderr");
    QVERIFY2(validate.err.contains("ghost\\u001b[31m"), validate.err.constData());

    const QStringList textArgs{"evaluate", in, "--format", "text"};
    RUN_EXPECTING(text, textArgs, 0);
    VERIFY_NO_CONTROLS(text.out, "\n", "evaluate text");
    QVERIFY2(text.out.contains("app\\u001b]0;pwned\\u0007\\u007f\\u009b31m"), text.out.constData());

    for (const char *format : {"json", "csv"}) {
        const QStringList args{"sweep", in, "--points", "5", "--format", format};
        RUN_EXPECTING(sweep, args, 0);
        VERIFY_NO_CONTROLS(sweep.out, "\r\n", "sweep stdout");
        VERIFY_NO_CONTROLS(sweep.err, "\n", "sweep stderr");
    }
    const QStringList jsonArgs{"evaluate", in, "--format", "json"};
    RUN_EXPECTING(json, jsonArgs, 0);
    VERIFY_NO_CONTROLS(json.out, "\n", "evaluate json");
    const QJsonObject o = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(o["components"].toArray()[2].toObject()["id"].toString(), evilId);
    QCOMPARE(o["components"].toArray()[2].toObject()["label"].toString(), evilLabel);

    // The caller's own arguments are echoed safely too.
    const QStringList badArgs{"evaluate", in, "--format", "\x1b[2Jtext"};
    RUN_EXPECTING(bad, badArgs, 2);
    VERIFY_NO_CONTROLS(bad.err, "\n", "usage error");
}

// A mistyped command (or one that does not exist) must not start the editor and hang a
// script: the usage, a suggestion when a command is at most two edits away, exit 2 (issue 13).
void TestCliOutput::mistypedCommandIsRefused_data()
{
    QTest::addColumn<QString>("arg");
    QTest::addColumn<QString>("suggestion"); // empty: none expected
    QTest::newRow("transposed") << "evalute"
                                << "evaluate";
    QTest::newRow("missing letter") << "swep"
                                    << "sweep";
    QTest::newRow("plural") << "validates"
                            << "validate";
    QTest::newRow("close to diff") << "dif"
                                   << "diff";
    QTest::newRow("no such command") << "compare-all"
                                     << "";
    QTest::newRow("no such file") << "no-such-design.scalecanvas"
                                  << "";
}

void TestCliOutput::mistypedCommandIsRefused()
{
    QFETCH(QString, arg);
    QFETCH(QString, suggestion);
    const QStringList args{arg, QStringLiteral("x.scalecanvas")};
    RUN_EXPECTING(run, args, 2);
    QVERIFY2(run.err.contains("is neither a command nor a file"), run.err.constData());
    QVERIFY2(run.err.contains("usage: scalecanvas"), run.err.constData());
    if (suggestion.isEmpty())
        QVERIFY2(!run.err.contains("did you mean"), run.err.constData());
    else
        QVERIFY2(run.err.contains(("(did you mean \"" + suggestion + "\"?)").toUtf8()),
                 run.err.constData());
}

// A built-in design's name stands for a file that does not exist (issue 13): the same figures
// as `scalecanvas template NAME` written to a file; an unknown name is still "cannot open".
void TestCliOutput::templateNameWhereFileExpected()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("stage3.scalecanvas"));
    {
        RUN_EXPECTING(printed,
                      (QStringList{QStringLiteral("template"), QStringLiteral("stage3-100k")}), 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(printed.out);
    }
    const QStringList byName{QStringLiteral("evaluate"), QStringLiteral("stage3-100k"),
                             QStringLiteral("--format"), QStringLiteral("json")};
    const QStringList byFile{QStringLiteral("evaluate"), file, QStringLiteral("--format"),
                             QStringLiteral("json")};
    RUN_EXPECTING(named, byName, 0);
    RUN_EXPECTING(filed, byFile, 0);
    QCOMPARE(named.out, filed.out);
    RUN_EXPECTING(unknown, (QStringList{QStringLiteral("evaluate"), QStringLiteral("stage9-1b")}),
                  2);
    QVERIFY2(unknown.err.contains("stage9-1b"), unknown.err.constData());
    // It says why it cannot be opened (it said "cannot open stage9-1b" alone; QA).
    QVERIFY2(unknown.err.contains("stage9-1b: no such file"), unknown.err.constData());
}

// `evaluate --format text` is for people: "100,000 users", "576k", never "1e+05" (issue 13).
// Stage 3 at its 100,000 users: 100,000 × 50 views × 3 (peak) / 86,400 s = 173.6 views/s at the
// peak, 57.87 on average; its primary (2 vCPU) carries the 5% writes and as many jobs' writes
// at 20 ms: a wall at 2 / (0.1 × 0.020) = 1,000 views/s, 1,000 / 173.6 × 100,000 = 576,000.
void TestCliOutput::textNumbersAreHuman()
{
    const QStringList args{QStringLiteral("evaluate"), QStringLiteral("stage3-100k"),
                           QStringLiteral("--format"), QStringLiteral("text")};
    RUN_EXPECTING(run, args, 0);
    QVERIFY2(run.out.contains(" at 100,000 users: 174 req/s at the peak (57.9 average)"),
             run.out.constData());
    QVERIFY2(run.out.contains("max users: 576k (wall at db)"), run.out.constData());
    QVERIFY2(!run.out.contains("e+"), run.out.constData());
    const QStringList big{QStringLiteral("evaluate"), QStringLiteral("stage5-10m"),
                          QStringLiteral("--format"), QStringLiteral("text")};
    RUN_EXPECTING(five, big, 0);
    QVERIFY2(five.out.contains(" at 10,000,000 users: 17.4k req/s at the peak (5.79k average)"),
             five.out.constData());
    QVERIFY2(!five.out.contains("e+"), five.out.constData());
}

QTEST_GUILESS_MAIN(TestCliOutput)
#include "tst_cli_output.moc"
