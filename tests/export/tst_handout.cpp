// Tests for the lesson handout (issue 17): `scalecanvas export FILE --handout OUT.pdf` run as a
// process on the built-in ladder lesson, read back with pdftotext page by page (every caption
// and question on its step's page, every answer on the last page only), the refusals, and the
// File → Export Handout… action's state on the live document.

#include "ui/document.h"
#include "ui/export/exportdialogs.h"
#include "ui/export/handoutexport.h"
#include "ui/numberformat.h"

#include "core/io/format.h"
#include "core/io/templates.h"
#include "core/model/design.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cmath>

namespace {

constexpr int kTimeoutMs = 120000;

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

// Runs of white space as one space: pdftotext breaks and pads the lines of a paragraph.
QString flat(QString text)
{
    return text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" ")).trimmed();
}

QString flat(const std::string &text)
{
    return flat(QString::fromStdString(text));
}

sc::Design loadTemplate(const char *name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    if (!t)
        return {};
    sc::LoadResult r = sc::loadDesign(t->json);
    return r.design ? *r.design : sc::Design{};
}

} // namespace

class TestHandout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void ladderPages();
    void captionsOnly();
    void captionControlsAreVisible();
    void scenarioStep();
    void refusals_data();
    void refusals();
    void overwriteGuard();
    void actionFollowsTheLesson();
    void menuPrintsTheFileWhateverIsShown();

private:
    QTemporaryDir m_tmp;
    QString m_pdftotext;
};

void TestHandout::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    QVERIFY2(!m_pdftotext.isEmpty(), "pdftotext (poppler-utils, tools/install-deps) is needed");
}

void TestHandout::ladderPages()
{
    const sc::Design ladder = loadTemplate("lesson-ladder");
    const size_t n = ladder.lesson.steps.size();
    QCOMPARE(n, size_t(5));
    const QString out = m_tmp.filePath(QStringLiteral("ladder.pdf"));
    const Run r = cli({QStringLiteral("export"), QStringLiteral("lesson-ladder"),
                       QStringLiteral("--handout"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Run text = run(m_pdftotext, {QStringLiteral("-layout"), out, QStringLiteral("-")});
    QCOMPARE(text.exitCode, 0);
    QStringList pages = QString::fromUtf8(text.out).split(QLatin1Char('\f'));
    if (!pages.isEmpty() && flat(pages.last()).isEmpty())
        pages.removeLast();                // pdftotext ends the last page with a form feed too
    QCOMPARE(size_t(pages.size()), n + 1); // a page per step, then the answers
    // A line broken after a hyphen ("Multi-" / "AZ") joins back without a space.
    for (QString &p : pages)
        p = flat(p.replace(QRegularExpression(QStringLiteral("-\\n\\s*")), QStringLiteral("-")));
    const QString &answers = pages.last();
    QVERIFY(answers.startsWith(QStringLiteral("Answers")));
    for (size_t i = 0; i < n; ++i) {
        const sc::LessonStep &s = ladder.lesson.steps[i];
        const QString &page = pages[qsizetype(i)];
        const QByteArray why =
            "step " + QByteArray::number(qsizetype(i + 1)) + ": " + page.left(400).toUtf8();
        QVERIFY2(page.contains(QStringLiteral("The scaling ladder")), why);
        QVERIFY2(page.contains(QStringLiteral("Step %1 of %2").arg(i + 1).arg(n)), why);
        QVERIFY2(page.contains(flat(s.caption)), why);
        QVERIFY2(page.contains(flat(s.question)), why);
        // The headline figures, with the step's users written out.
        for (const char *label : {"Users", "Peak", "p99", "Availability", "Monthly cost",
                                  "Wall (first station at 100%)", "Latency wall"})
            QVERIFY2(page.contains(QLatin1String(label)), label);
        QVERIFY2(page.contains(QLocale(QLocale::English).toString(qlonglong(s.users))), why);
        // The peak written out too (a printed page has room): users × requests a day / 86,400
        // × peak to average, whole from 100 req/s ("17,361 req/s", not "17k req/s").
        const sc::Traffic t = sc::lessonStepDesign(ladder, s)->traffic;
        const double peak = s.users * t.requestsPerUserPerDay / 86400 * t.peakToAverage;
        const QString peakText =
            peak >= 99.5 ? QLocale(QLocale::English).toString(qlonglong(std::llround(peak)))
                         : QString::number(peak, 'g', 3);
        QVERIFY2(page.contains(peakText + QStringLiteral(" req/s")), why + " " + peakText.toUtf8());
        // No answer on any step's page; each on the last, after its step's number.
        for (const sc::LessonStep &other : ladder.lesson.steps)
            QVERIFY2(!page.contains(flat(other.answer)), why);
        QVERIFY2(answers.contains(QStringLiteral("Step %1: ").arg(i + 1) + flat(s.answer)),
                 qPrintable(answers.left(600)));
        // No caption or question on the answers page.
        QVERIFY(!answers.contains(flat(s.caption)));
    }
}

// A lesson of captions only, without a title: a page per step, each headed by the design's
// name, and no answers page (QA: a last page with the heading "Answers" alone, and steps with
// no heading).
void TestHandout::captionsOnly()
{
    sc::Design file = loadTemplate("lesson-ladder");
    file.lesson.title.clear();
    for (sc::LessonStep &s : file.lesson.steps) {
        s.question.clear();
        s.answer.clear();
        s.scenario.clear();
    }
    QVERIFY(!file.name.empty());
    const QString in = m_tmp.filePath(QStringLiteral("captions.scalecanvas"));
    QVERIFY(sc::saveDesignFileAtomic(file, in.toStdString()).empty());
    const QString out = m_tmp.filePath(QStringLiteral("captions.pdf"));
    const Run r = cli({QStringLiteral("export"), in, QStringLiteral("--handout"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Run text = run(m_pdftotext, {QStringLiteral("-layout"), out, QStringLiteral("-")});
    QStringList pages = QString::fromUtf8(text.out).split(QLatin1Char('\f'));
    if (!pages.isEmpty() && flat(pages.last()).isEmpty())
        pages.removeLast();
    QCOMPARE(size_t(pages.size()), file.lesson.steps.size());
    for (const QString &page : pages) {
        QVERIFY2(flat(page).startsWith(flat(QString::fromStdString(file.name))),
                 flat(page).left(200).toUtf8());
        QVERIFY(!flat(page).startsWith(QStringLiteral("Answers")));
    }
}

// A caption's control characters read as the reports write them (QA: ESC and NUL vanished, and
// a right-to-left override printed "abc" as "cba").
void TestHandout::captionControlsAreVisible()
{
    sc::Design file = loadTemplate("lesson-ladder");
    file.lesson.steps.front().caption = "\x1b[2J\u202e"
                                        "abc";
    const QString in = m_tmp.filePath(QStringLiteral("controls.scalecanvas"));
    QVERIFY(sc::saveDesignFileAtomic(file, in.toStdString()).empty());
    const QString out = m_tmp.filePath(QStringLiteral("controls.pdf"));
    const Run r = cli({QStringLiteral("export"), in, QStringLiteral("--handout"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Run text = run(m_pdftotext, {QStringLiteral("-layout"), out, QStringLiteral("-")});
    const QString first = QString::fromUtf8(text.out).split(QLatin1Char('\f')).front();
    QVERIFY2(first.contains(QStringLiteral("\\u001b[2J\\u202eabc")), first.toUtf8());

    // So are a scenario's name on the step's page and the answers page, and the lesson's title
    // in the PDF's own title (review: both went out raw, "Evil cba" and a reordered title bar).
    sc::Scenario evil;
    evil.name = "Evil \u202e"
                "abc";
    evil.shape = sc::Scenario::Shape::Flat;
    evil.durationS = 600;
    evil.stepS = 60;
    file.scenarios.push_back(evil);
    file.lesson.steps.front().scenario = evil.name;
    file.lesson.title = "Ladder \u202e"
                        "xyz";
    QVERIFY(sc::saveDesignFileAtomic(file, in.toStdString()).empty());
    const Run again = cli({QStringLiteral("export"), in, QStringLiteral("--handout"), out});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    const QString all = QString::fromUtf8(
        run(m_pdftotext, {QStringLiteral("-layout"), out, QStringLiteral("-")}).out);
    QVERIFY2(all.count(QStringLiteral("Evil \\u202eabc")) >= 2, all.toUtf8()); // page, answers
    QVERIFY2(!all.contains(QStringLiteral("cba")), all.toUtf8());
    const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    QVERIFY(!pdfinfo.isEmpty());
    const QString info = QString::fromUtf8(run(pdfinfo, {out}).out);
    QVERIFY2(info.contains(QStringLiteral("Ladder \\u202exyz")), info.toUtf8());
}

// A step with a scenario (the exercises' Black Friday plan) names it on its page, and the
// answers page says what the run gives — the failed requests, the run's cost and the most
// instances of each auto-scaled tier, as `scalecanvas simulate` gives them for the step's design
// (QA: the handout showed the steady state only) — not the step's page: they answer its
// question ("how many does the day need?", 70).
void TestHandout::scenarioStep()
{
    const sc::Design file = loadTemplate("lesson-exercises");
    const auto step = std::find_if(file.lesson.steps.begin(), file.lesson.steps.end(),
                                   [](const sc::LessonStep &s) { return !s.scenario.empty(); });
    QVERIFY(step != file.lesson.steps.end());
    const auto at = step - file.lesson.steps.begin();
    const QString out = m_tmp.filePath(QStringLiteral("exercises.pdf"));
    const Run r = cli({QStringLiteral("export"), QStringLiteral("lesson-exercises"),
                       QStringLiteral("--handout"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Run text = run(m_pdftotext, {QStringLiteral("-layout"), out, QStringLiteral("-")});
    const QStringList pages = QString::fromUtf8(text.out).split(QLatin1Char('\f'));
    QVERIFY(pages.size() > at + 1);
    const QString stepPage = flat(pages[at]);
    QVERIFY2(
        stepPage.contains(
            QStringLiteral("Scenario to play: “%1”").arg(QString::fromStdString(step->scenario))),
        stepPage.toUtf8());
    QVERIFY2(!stepPage.contains(QStringLiteral("failed requests")), stepPage.toUtf8());
    const QString page = flat(pages[at + 1]);
    QVERIFY(page.startsWith(QStringLiteral("Answers")));
    // The step's design on its own, simulated by the CLI.
    const QString own = m_tmp.filePath(QStringLiteral("step.scalecanvas"));
    QVERIFY(
        sc::saveDesignFileAtomic(*sc::lessonStepDesign(file, *step), own.toStdString()).empty());
    const Run sim = cli({QStringLiteral("simulate"), own, QStringLiteral("--scenario"),
                         QString::fromStdString(step->scenario), QStringLiteral("--format"),
                         QStringLiteral("json")});
    QVERIFY2(sim.exitCode == 0, sim.err.constData());
    const QJsonObject summary =
        QJsonDocument::fromJson(sim.out).object().value(QStringLiteral("summary")).toObject();
    QVERIFY(!summary.isEmpty());
    const QByteArray why = page.toUtf8();
    QVERIFY2(
        page.contains(QStringLiteral("Scenario “%1”").arg(QString::fromStdString(step->scenario))),
        why);
    QVERIFY2(page.contains(
                 scui::formatCount(summary.value(QStringLiteral("failedRequests")).toDouble()) +
                 QStringLiteral(" failed requests")),
             why);
    QVERIFY2(page.contains(QStringLiteral("run cost ") +
                           scui::formatMoney(summary.value(QStringLiteral("costUsd")).toDouble())),
             why);
    // What the step's answer works out by hand: no request fails, and the peak needs
    // 20 × 1,736 req/s at 50% of a c5.xlarge's 1,000 req/s = 70 app servers.
    QVERIFY2(page.contains(QStringLiteral("0 failed requests (0%)")), why);
    QVERIFY2(page.contains(QStringLiteral("App servers 70")), why);
    const QJsonObject most = summary.value(QStringLiteral("maxInstances")).toObject();
    QVERIFY(!most.isEmpty());
    const sc::Design stepDesign = *sc::lessonStepDesign(file, *step);
    for (auto it = most.begin(); it != most.end(); ++it) {
        const sc::Component *c = stepDesign.find(it.key().toStdString());
        QVERIFY(c);
        QVERIFY2(page.contains(QString::fromStdString(c->shownName()) + QLatin1Char(' ') +
                               QString::number(it.value().toInt())),
                 why);
    }
    // The steps without one say nothing of a scenario.
    QVERIFY(!flat(pages.front()).contains(QStringLiteral("Scenario")));
}

void TestHandout::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString out = QStringLiteral("/tmp/never-written-handout.pdf");
    QTest::newRow("no lesson") << QStringList{QStringLiteral("stage1-1k"),
                                              QStringLiteral("--handout"), out}
                               << "no lesson: --handout needs a file whose \"lesson\" has steps";
    QTest::newRow("not a pdf") << QStringList{QStringLiteral("lesson-ladder"),
                                              QStringLiteral("--handout"),
                                              QStringLiteral("/tmp/x.png")}
                               << "--handout needs an output ending in .pdf";
    QTest::newRow("users") << QStringList{QStringLiteral("lesson-ladder"),
                                          QStringLiteral("--handout"), out,
                                          QStringLiteral("--users"), QStringLiteral("10")}
                           << "--users does not apply to --handout";
    QTest::newRow("two outputs") << QStringList{QStringLiteral("lesson-ladder"),
                                                QStringLiteral("--handout"), out,
                                                QStringLiteral("--pdf"),
                                                QStringLiteral("/tmp/y.pdf")}
                                 << "exactly one of --png, --svg, --pdf, --report or --handout";
}

void TestHandout::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(QStringList{QStringLiteral("export")} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/never-written-handout.pdf")));
}

// A lesson file named *.pdf exported onto itself is refused and left as it was.
void TestHandout::overwriteGuard()
{
    const QString path = m_tmp.filePath(QStringLiteral("lesson.pdf"));
    const QByteArray bytes = QByteArray::fromStdString(sc::findTemplate("lesson-ladder")->json);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
    }
    const Run r = cli({QStringLiteral("export"), path, QStringLiteral("--handout"),
                       m_tmp.filePath(QStringLiteral("./lesson.pdf"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("overwrite"), r.err.constData());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), bytes);
    // The exporter's own guard, for the GUI (the file is the document's).
    bool writeFailed = false;
    const QString err =
        scui::exportHandout(loadTemplate("lesson-ladder"), path, path, &writeFailed);
    QVERIFY(err.contains(QStringLiteral("overwrite")));
    QVERIFY(writeFailed);
}

// File → Export Handout… is enabled exactly while the document's lesson has steps.
void TestHandout::actionFollowsTheLesson()
{
    QMainWindow window;
    QMenu menu;
    scui::Document doc;
    doc.reset(loadTemplate("stage1-1k"));
    QAction *action = scui::addExportHandoutAction(&menu, &window, &doc);
    QVERIFY(menu.actions().contains(action));
    QCOMPARE(action->text(), QStringLiteral("Export &Handout…"));
    QVERIFY(!action->isEnabled());
    doc.reset(loadTemplate("lesson-exercises"));
    QVERIFY(action->isEnabled());
    QVERIFY(!scui::handoutPdf(doc.design()).isEmpty());
    sc::Design none = doc.design();
    none.lesson.steps.clear();
    doc.reset(none);
    QVERIFY(!action->isEnabled());
    QString error;
    QVERIFY(scui::handoutPdf(none, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("no lesson")));
    // A step's variant with errors is refused from the menu too, as by the CLI (its page read
    // dashes): the ladder's first variant given an instance type the catalog lacks.
    sc::Design ladder = loadTemplate("lesson-ladder");
    QVERIFY(!ladder.variants.empty());
    bool broken = false;
    for (sc::Component &c : ladder.variants[0].design.components)
        if (!broken && c.params.count("instanceType")) {
            c.params["instanceType"] = {0, "zz.huge"};
            broken = true;
        }
    QVERIFY(broken);
    QVERIFY(scui::handoutPdf(ladder, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("which has errors")) &&
                 error.contains(QStringLiteral("variants[0].design.components[")),
             qPrintable(error));
}

// QA: File ▸ Export Handout… with a variant shown printed the file's own design on that
// variant's step and the variant where the own design was due: the document's design() holds
// the file's own design in the shown variant's slot. The menu prints the file as the CLI does.
void TestHandout::menuPrintsTheFileWhateverIsShown()
{
    const QString cliOut = m_tmp.filePath(QStringLiteral("cli-ladder.pdf"));
    const Run r = cli({QStringLiteral("export"), QStringLiteral("lesson-ladder"),
                       QStringLiteral("--handout"), cliOut});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QMainWindow window;
    scui::Document doc;
    doc.reset(loadTemplate("lesson-ladder"));
    QVERIFY(doc.showVariant(QStringLiteral("stage3-100k"))); // step 3's design
    const QString menuOut = m_tmp.filePath(QStringLiteral("menu-ladder.pdf"));
    bool named = false;
    QTimer timer;
    timer.setInterval(20);
    connect(&timer, &QTimer::timeout, this, [&] {
        if (auto *files = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            files && !named) {
            if (auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))) {
                name->setText(menuOut);
                named = true;
                static_cast<QDialog *>(files)->accept();
            }
        }
    });
    timer.start();
    const QString message = scui::exportHandoutInteractively(&window, &doc);
    timer.stop();
    QVERIFY2(named && !message.isEmpty(), qPrintable(message));
    const auto text = [this](const QString &pdf) {
        const Run t = run(m_pdftotext, {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        return flat(QString::fromUtf8(t.out));
    };
    const QString fromCli = text(cliOut), fromMenu = text(menuOut);
    QVERIFY(fromCli.contains(QStringLiteral("Step 3 of 5")));
    QCOMPARE(fromMenu, fromCli);
}

QTEST_MAIN(TestHandout)
#include "tst_handout.moc"
