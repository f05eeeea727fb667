// Tests for the comparison report (issue 18): `scalecanvas export A B --compare OUT` run as a
// process on the built-in vertical and horizontal designs and on files made from them. The PDF
// is read back with pdfinfo and pdftotext, the HTML and Markdown as text; what each must hold
// (the summary, every row of the delta table, both names) comes from core's own comparison of
// the same two designs, and the escaping from the rules of docs/cli.md.

#include "ui/canvas/canvasscene.h"
#include "ui/document.h"
#include "ui/export/compareexport.h"
#include "ui/export/diagramexport.h"

#include "core/analysis/compare.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/templates.h"
#include "core/io/textescape.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kTimeoutMs = 240000;

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(v));
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(kTimeoutMs) || !p.waitForFinished(kTimeoutMs)) {
        p.kill();
        p.waitForFinished(kTimeoutMs);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

Run cli(const QStringList &args)
{
    return run(QStringLiteral(SCALECANVAS_BIN), args);
}

QString flat(QString text)
{
    return text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" ")).trimmed();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject templateJson(const char *name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    return t ? QJsonDocument::fromJson(QByteArray::fromStdString(t->json)).object() : QJsonObject();
}

bool writeJson(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    const QByteArray bytes = QJsonDocument(o).toJson();
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Core's comparison of two design files at A's users, named as the CLI names them (after the
// design), as the report must show it.
sc::Comparison compareFiles(const QString &pathA, const QString &pathB)
{
    const sc::LoadResult a = sc::loadDesignFile(pathA.toStdString());
    const sc::LoadResult b = sc::loadDesignFile(pathB.toStdString());
    if (!a.design || !b.design)
        qFatal("test designs do not load");
    const sc::Model ma(*a.design, sc::Catalog::builtin()), mb(*b.design, sc::Catalog::builtin());
    return sc::compareOptions(ma, a.design->name, mb, b.design->name, a.design->traffic.users);
}

QString html(const std::string &s)
{
    return QString::fromStdString(sc::htmlText(s));
}

} // namespace

class TestCompareReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pdfPages();
    void pdfDark();
    void htmlEscaped();
    void markdownTable();
    void variantOfAFile();
    void refusals_data();
    void refusals();
    void overwriteGuard();
    void variantsOfTheOpenFile();
    void diagramsAtOneScale();

private:
    QString fileNamed(const char *templateName, const QString &designName);

    QTemporaryDir m_tmp;
    QString m_pdftotext, m_pdfinfo;
    QString m_evil; // a design name full of markup
};

void TestCompareReport::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    m_pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    QVERIFY2(!m_pdftotext.isEmpty() && !m_pdfinfo.isEmpty(),
             "pdftotext and pdfinfo (poppler-utils, tools/install-deps) are needed");
    m_evil = QStringLiteral("<script>alert(1)</script> Tom & \"Jerry\"");
}

// A copy of a template as a file of the temporary folder, its design renamed.
QString TestCompareReport::fileNamed(const char *templateName, const QString &designName)
{
    QJsonObject file = templateJson(templateName);
    QJsonObject design = file.value(QStringLiteral("design")).toObject();
    design.insert(QStringLiteral("name"), designName);
    file.insert(QStringLiteral("design"), design);
    const QString path =
        m_tmp.filePath(QString::fromLatin1(templateName) + QStringLiteral(".scalecanvas"));
    if (!writeJson(path, file))
        return {};
    return path;
}

void TestCompareReport::pdfPages()
{
    const QString a = fileNamed("case-vertical", QStringLiteral("Vertical"));
    const QString b = fileNamed("case-horizontal", QStringLiteral("Horizontal"));
    const QString out = m_tmp.filePath(QStringLiteral("report.pdf"));
    const Run r = cli({QStringLiteral("export"), a, b, QStringLiteral("--compare"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray bytes = readAll(out);
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.size() > 20000); // two diagrams and four charts
    // Three pages: the table and the diagrams, the charts, the changes.
    const Run info = run(m_pdfinfo, {out});
    QCOMPARE(info.exitCode, 0);
    const QRegularExpressionMatch pages =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(info.out));
    QVERIFY(pages.hasMatch());
    QCOMPARE(pages.captured(1).toInt(), 3);
    const Run text = run(m_pdftotext, {out, QStringLiteral("-")});
    QCOMPARE(text.exitCode, 0);
    const QStringList texts = QString::fromUtf8(text.out).split(QLatin1Char('\f'));
    QVERIFY(texts.size() >= 3);
    const QString first = flat(texts[0]);
    const sc::Comparison c = compareFiles(a, b);
    QVERIFY2(first.contains(QStringLiteral("Vertical vs Horizontal")), qPrintable(first));
    QVERIFY2(first.contains(flat(QString::fromStdString(sc::comparisonSummary(c)))),
             qPrintable(first));
    for (const sc::DeltaRow &row : c.rows) {
        QVERIFY2(first.contains(QString::fromStdString(row.label)), row.label.c_str());
        QVERIFY2(first.contains(QString::fromStdString(row.textDelta)), row.textDelta.c_str());
    }
    QVERIFY(flat(texts[1]).startsWith(QStringLiteral("How they grow")));
    QVERIFY(flat(texts[2]).startsWith(QStringLiteral("What B changes")));
    // Every component B adds, removes or changes is listed by id on the last page, a bullet
    // each (paragraphs: a Qt list of 20,000 items took half a minute to lay out; QA).
    QVERIFY(!c.diff.componentsChanged.empty() || !c.diff.componentsAdded.empty());
    QVERIFY2(flat(texts[2]).contains(QStringLiteral("\u2022 ")), qPrintable(texts[2]));
    for (const std::string &id : c.diff.componentsAdded)
        QVERIFY2(flat(texts[2]).contains(QString::fromStdString(id)), id.c_str());
    for (const std::string &id : c.diff.componentsRemoved)
        QVERIFY2(flat(texts[2]).contains(QString::fromStdString(id)), id.c_str());
    for (const sc::ComponentChange &ch : c.diff.componentsChanged)
        if (ch.changedBeyondLayout())
            QVERIFY2(flat(texts[2]).contains(QString::fromStdString(ch.id)), ch.id.c_str());
    QVERIFY2(flat(texts[2]).contains(QStringLiteral("Warnings that differ")), qPrintable(texts[2]));
}

void TestCompareReport::pdfDark()
{
    const QString out = m_tmp.filePath(QStringLiteral("dark.pdf"));
    const Run r = cli({QStringLiteral("export"), QStringLiteral("case-vertical"),
                       QStringLiteral("case-horizontal"), QStringLiteral("--compare"), out,
                       QStringLiteral("--theme"), QStringLiteral("dark"), QStringLiteral("--users"),
                       QStringLiteral("1M")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Run text = run(m_pdftotext, {out, QStringLiteral("-")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(
        flat(QString::fromUtf8(text.out)).contains(QStringLiteral("1,000,000 daily active users")));
}

void TestCompareReport::htmlEscaped()
{
    const QString a = fileNamed("case-vertical", m_evil);
    const QString b = fileNamed("case-horizontal", QStringLiteral("B & <b>bold</b>"));
    const QString out = m_tmp.filePath(QStringLiteral("report.html"));
    const Run r = cli({QStringLiteral("export"), a, b, QStringLiteral("--compare"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString page = QString::fromUtf8(readAll(out));
    QVERIFY(page.startsWith(QStringLiteral("<!DOCTYPE html>")));
    const sc::Comparison c = compareFiles(a, b);
    QVERIFY2(page.contains(html(sc::comparisonSummary(c))), qPrintable(page.left(3000)));
    for (const sc::DeltaRow &row : c.rows) {
        QVERIFY2(page.contains(html(row.label)), row.label.c_str());
        QVERIFY2(page.contains(html(row.textA)), row.textA.c_str());
        QVERIFY2(page.contains(html(row.textB)), row.textB.c_str());
    }
    // Both names, escaped by hand: & < > " as entities.
    QVERIFY(page.contains(
        QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; &quot;Jerry&quot;")));
    QVERIFY(page.contains(QStringLiteral("B &amp; &lt;b&gt;bold&lt;/b&gt;")));
    QVERIFY(!page.contains(QStringLiteral("<script")));
    QVERIFY(!page.contains(QStringLiteral("<b>bold")));
    // Self-contained: six pictures inline (two diagrams, four charts), nothing fetched.
    QCOMPARE(page.count(QStringLiteral("src=\"data:image/png;base64,")), 6);
    QCOMPARE(page.count(QStringLiteral("src=\"")), 6);
    QVERIFY(!page.contains(QStringLiteral("http://")) &&
            !page.contains(QStringLiteral("https://")));
    QVERIFY(!page.contains(m_tmp.path()));
}

void TestCompareReport::markdownTable()
{
    const QString a = fileNamed("case-vertical", QStringLiteral("Vertical | one box"));
    const QString b = fileNamed("case-horizontal", QStringLiteral("Horizontal"));
    const QString out = m_tmp.filePath(QStringLiteral("report.md"));
    const Run r = cli({QStringLiteral("export"), a, b, QStringLiteral("--compare"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString md = QString::fromUtf8(readAll(out));
    const sc::Comparison c = compareFiles(a, b);
    // The table by structure: a header row of four cells, the separator row, then exactly one
    // row per delta row, each starting with the row's label; a pipe in a name is escaped, so
    // every row has five unescaped pipes.
    const QStringList lines = md.split(QLatin1Char('\n'));
    const auto pipes = [](const QString &line) {
        return line.count(QRegularExpression(QStringLiteral("(?<!\\\\)\\|")));
    };
    qsizetype header = -1;
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (lines[i].startsWith(QStringLiteral("| Figure |"))) {
            header = i;
            break;
        }
    QVERIFY2(header >= 0, qPrintable(md));
    QCOMPARE(pipes(lines[header]), 5);
    QVERIFY(lines[header].contains(QStringLiteral("Vertical \\| one box")));
    QVERIFY(lines[header + 1].startsWith(QStringLiteral("|---|")));
    QCOMPARE(pipes(lines[header + 1]), 5);
    qsizetype rows = 0;
    for (qsizetype i = header + 2; i < lines.size() && lines[i].startsWith(QLatin1Char('|'));
         ++i, ++rows) {
        QCOMPARE(pipes(lines[i]), 5);
        QVERIFY2(size_t(rows) < c.rows.size(), qPrintable(lines[i]));
        QVERIFY2(lines[i].startsWith(QStringLiteral("| ") +
                                     QString::fromStdString(c.rows[size_t(rows)].label) +
                                     QStringLiteral(" |")),
                 qPrintable(lines[i]));
    }
    QCOMPARE(size_t(rows), c.rows.size());
    // A short header above it, and no path: neither the inputs' nor the temporary folder's.
    QVERIFY(md.startsWith(QStringLiteral("# ")));
    QVERIFY(!md.contains(m_tmp.path()));
    QVERIFY(!md.contains(QStringLiteral("/tmp")));
    QVERIFY(!md.contains(QStringLiteral(".scalecanvas")));
    QVERIFY(!md.contains(QDir::homePath()));
}

// FILE#VARIANT: a variant of a file compared with the file's own design.
void TestCompareReport::variantOfAFile()
{
    QJsonObject file = templateJson("case-vertical");
    QJsonObject variant;
    variant.insert(QStringLiteral("name"), QStringLiteral("Twenty small"));
    variant.insert(QStringLiteral("design"),
                   templateJson("case-horizontal").value(QStringLiteral("design")));
    file.insert(QStringLiteral("formatVersion"), 2);
    file.insert(QStringLiteral("variants"), QJsonArray{variant});
    const QString path = m_tmp.filePath(QStringLiteral("options.scalecanvas"));
    QVERIFY(writeJson(path, file));
    const QString out = m_tmp.filePath(QStringLiteral("variant.md"));
    const Run r = cli({QStringLiteral("export"), path, path + QStringLiteral("#Twenty small"),
                       QStringLiteral("--compare"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString md = QString::fromUtf8(readAll(out));
    QVERIFY2(md.contains(QStringLiteral("| Figure | ")), qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral(" | Twenty small | Change |")), qPrintable(md));
}

void TestCompareReport::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString out = QStringLiteral("/tmp/never-written-compare.pdf");
    const QString a = QStringLiteral("case-vertical"), b = QStringLiteral("case-horizontal");
    QTest::newRow("wrong suffix") << QStringList{a, b, QStringLiteral("--compare"),
                                                 QStringLiteral("/tmp/never-written-compare.txt")}
                                  << "--compare needs an output ending in .pdf, .html or .md, got "
                                     "\"/tmp/never-written-compare.txt\"";
    QTest::newRow("one design") << QStringList{a, QStringLiteral("--compare"), out}
                                << "--compare needs two designs";
    QTest::newRow("three designs")
        << QStringList{a, b, a, QStringLiteral("--compare"), out} << "--compare needs two designs";
    QTest::newRow("missing variant")
        << QStringList{a, b + QStringLiteral("#nope"), QStringLiteral("--compare"), out}
        << "case-horizontal: no variant \"nope\" (the file has none; the file's design: "
           "\"Case — horizontal: 20 × t3.large\")";
    QTest::newRow("two designs, no --compare") << QStringList{a, b, QStringLiteral("--pdf"), out}
                                               << "export of two designs needs --compare";
    QTest::newRow("two outputs")
        << QStringList{a, b, QStringLiteral("--compare"), out, QStringLiteral("--report"), out}
        << "--compare and --report do not go together";
    QTest::newRow("bad theme") << QStringList{a,
                                              b,
                                              QStringLiteral("--compare"),
                                              out,
                                              QStringLiteral("--theme"),
                                              QStringLiteral("blue")}
                               << "--theme must be light or dark";
    QTest::newRow("bad users") << QStringList{a,
                                              b,
                                              QStringLiteral("--compare"),
                                              out,
                                              QStringLiteral("--users"),
                                              QStringLiteral("-5")}
                               << "--users must be a number from 0";
    QTest::newRow("missing file") << QStringList{QStringLiteral("/tmp/no-such-design.scalecanvas"),
                                                 b, QStringLiteral("--compare"), out}
                                  << "/tmp/no-such-design.scalecanvas";
}

void TestCompareReport::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(QStringList{QStringLiteral("export")} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/never-written-compare.pdf")));
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/never-written-compare.txt")));
}

// A design file named *.md compared into itself, by another name, is refused and left as it was.
void TestCompareReport::overwriteGuard()
{
    const QString path = m_tmp.filePath(QStringLiteral("design.md"));
    const QByteArray bytes = QByteArray::fromStdString(sc::findTemplate("case-vertical")->json);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
    }
    const Run r = cli({QStringLiteral("export"), QStringLiteral("case-horizontal"), path,
                       QStringLiteral("--compare"), m_tmp.filePath(QStringLiteral("./design.md"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("overwrite"), r.err.constData());
    QCOMPARE(readAll(path), bytes);
}

// What the compare view calls: two variants of the open document, exported in-process.
void TestCompareReport::variantsOfTheOpenFile()
{
    QJsonObject file = templateJson("case-vertical");
    QJsonObject variant;
    variant.insert(QStringLiteral("name"), QStringLiteral("Twenty small"));
    variant.insert(QStringLiteral("design"),
                   templateJson("case-horizontal").value(QStringLiteral("design")));
    file.insert(QStringLiteral("formatVersion"), 2);
    file.insert(QStringLiteral("variants"), QJsonArray{variant});
    const QString path = m_tmp.filePath(QStringLiteral("open.scalecanvas"));
    QVERIFY(writeJson(path, file));
    scui::Document doc;
    QCOMPARE(doc.load(path), QString());
    doc.setUsers(250000);
    QVERIFY(!scui::compareVariants(doc, QString(), QStringLiteral("nope")));
    const std::optional<scui::CompareInput> in =
        scui::compareVariants(doc, QString(), QStringLiteral("Twenty small"));
    QVERIFY(in);
    QCOMPARE(in->nameA, doc.designName());
    QCOMPARE(in->nameB, QStringLiteral("Twenty small"));
    QCOMPARE(in->users, 250000.0);
    QCOMPARE(in->a.components.size(), doc.design().components.size());
    QCOMPARE(in->sourcePaths, QStringList{path});
    // The Markdown report is core's comparison of the two at the document's users.
    const QString md = m_tmp.filePath(QStringLiteral("open.md"));
    bool writeFailed = true;
    QCOMPARE(scui::exportComparison(*in, md, scui::ExportTheme::Light, &writeFailed), QString());
    QVERIFY(!writeFailed);
    const sc::Model ma(in->a, sc::Catalog::builtin()), mb(in->b, sc::Catalog::builtin());
    const sc::Comparison c =
        sc::compareOptions(ma, in->nameA.toStdString(), mb, in->nameB.toStdString(), 250000);
    const QString text = QString::fromUtf8(readAll(md));
    QVERIFY2(text.contains(QString::fromStdString(sc::comparisonToMarkdown(c))), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("250,000 daily active users")));
    // A suffix that is no report, and the open file itself: refused as the caller's mistake.
    QVERIFY(!scui::exportComparison(*in, m_tmp.filePath(QStringLiteral("x.txt")),
                                    scui::ExportTheme::Light, &writeFailed)
                 .isEmpty());
    QVERIFY(writeFailed);
    // A design file that ends in .md is not replaced by the report, under any name.
    const QString guarded = m_tmp.filePath(QStringLiteral("guarded.md"));
    QVERIFY(writeJson(guarded, file));
    const QByteArray before = readAll(guarded);
    scui::CompareInput fromMd = *in;
    fromMd.sourcePaths = {guarded};
    const QString err =
        scui::exportComparison(fromMd, m_tmp.filePath(QStringLiteral("./guarded.md")),
                               scui::ExportTheme::Light, &writeFailed);
    QVERIFY2(err.contains(QStringLiteral("overwrite")), qPrintable(err));
    QVERIFY(writeFailed);
    QCOMPARE(readAll(guarded), before);
}

// Both diagrams of the report at one scale, the smaller of the two fits, so that equal boxes look
// equal: the regions' two-region option is about twice as tall as its one-region option, and,
// each fitted to its own half of the page, it came out at half A's scale (3-point text on A4;
// QA). Each picture's document units per scene unit: its shown width over the width of the
// scene area it shows (diagramRect, the exported area).
void TestCompareReport::diagramsAtOneScale()
{
    scui::Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("compare-regions")->json), QString());
    const std::optional<scui::CompareInput> in =
        scui::compareVariants(doc, QString(), QStringLiteral("two-regions"));
    QVERIFY(in);
    QString error;
    const QString page = QString::fromUtf8(scui::comparisonHtml(*in, &error));
    QVERIFY2(!page.isEmpty(), qPrintable(error));
    const auto shown = [&page](const QString &name) {
        const QRegularExpression img(
            QStringLiteral("<img src=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\" "
                           "alt=\"Diagram of %1\">")
                .arg(QRegularExpression::escape(name)));
        const QRegularExpressionMatch m = img.match(page);
        return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
    };
    const auto area = [&in](const sc::Design &design) {
        scui::Document option;
        option.reset(design);
        option.setUsers(in->users);
        scui::CanvasScene scene(&option);
        return scui::diagramRect(&scene).size();
    };
    const QSizeF a = shown(in->nameA), b = shown(in->nameB);
    QVERIFY2(!a.isEmpty() && !b.isEmpty(),
             qPrintable(in->nameA + QStringLiteral(", ") + in->nameB));
    const QSizeF sceneA = area(in->a), sceneB = area(in->b);
    QVERIFY(sceneB.height() > 1.5 * sceneA.height()); // the case: B much taller than A
    const double kA = a.width() / sceneA.width(), kB = b.width() / sceneB.width();
    // The sizes are whole units: one unit of the width either way at most.
    const double slack = 1 / sceneA.width() + 1 / sceneB.width();
    QVERIFY2(std::abs(kA - kB) <= slack,
             qPrintable(QStringLiteral("A %1, B %2 units a scene unit").arg(kA).arg(kB)));
    // Each at that scale both ways (not stretched).
    QVERIFY(std::abs(a.height() / sceneA.height() - kA) <= 1 / sceneA.height() + 1e-9);
    QVERIFY(std::abs(b.height() / sceneB.height() - kB) <= 1 / sceneB.height() + 1e-9);
}

QTEST_MAIN(TestCompareReport)
#include "tst_compare.moc"
