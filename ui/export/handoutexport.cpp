#include "handoutexport.h"

#include "ui/canvas/canvasscene.h"
#include "ui/document.h"
#include "ui/export/reportexport.h"
#include "ui/timeline/timelinerun.h"

#include "core/analysis/scenarios.h"
#include "core/analysis/variantcheck.h"
#include "core/catalog/catalog.h"
#include "core/io/textescape.h"

#include <QBuffer>
#include <QFont>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace scui {
namespace {

const char *const kCss = "h1 { font-size: 16pt; margin: 0; }"
                         "p.step { color: #555; margin-top: 2pt; }"
                         "p.caption { font-size: 11pt; margin-top: 8pt; }"
                         "p.question { font-size: 11pt; margin-top: 10pt; }"
                         "p.scenario { margin-top: 8pt; }"
                         "p.answer { margin-top: 6pt; }";

// Design text on the page: its controls made visible as in every report (sc::htmlText: ESC and
// NUL vanished here, and a right-to-left override reversed a caption; QA), lines as lines.
QString html(const std::string &text)
{
    return QString::fromStdString(sc::htmlText(text))
        .replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString figuresTable(const Document &doc)
{
    // A column of its own between label and value: QTextDocument leaves out a cell's padding.
    QString rows;
    for (const HeadlineFigure &f : headlineFigures(doc))
        rows += QStringLiteral("<tr><td>%1</td><td width=\"16\"></td><td>%2</td></tr>")
                    .arg(f.label.toHtmlEscaped(), html(f.value.toStdString()));
    return QStringLiteral("<table>%1</table>").arg(rows);
}

// A step's scenario, run on its design as the timeline runs it (LessonPlayer::playScenario):
// its name, the run's summary and the most instances of each auto-scaled tier — what the
// step's question asks, so for the answers page.
QString scenarioParagraph(const Document &doc, const std::string &name)
{
    QString line = QObject::tr("Scenario “%1”").arg(QString::fromStdString(name));
    std::optional<sc::Scenario> scenario = sc::findScenario(doc.design(), name);
    const sc::Model *model = doc.model();
    const auto run =
        scenario && model && doc.modelOk() ? runTimeline(*model, std::move(*scenario)) : nullptr;
    if (!run) {
        line += QObject::tr(": not run (%1)")
                    .arg(scenario ? QObject::tr("the design has errors")
                                  : QObject::tr("the step's design has no such scenario"));
    } else {
        line += QStringLiteral(" ") + runUsersText(run->users, run->scenario.users.has_value()) +
                QStringLiteral(": ") + runSummaryText(run->summary, doc.design().slo);
        QStringList most;
        for (const auto &[id, n] : run->summary.maxInstances)
            if (const sc::Component *c = doc.design().find(id))
                most << QStringLiteral("%1 %2").arg(QString::fromStdString(c->shownName()),
                                                    QString::number(n));
        if (!most.isEmpty())
            line += QObject::tr(" · most instances: %1").arg(most.join(QStringLiteral(", ")));
    }
    // (The scenario's and the components' names are design text: html() as every line's.)
    return QStringLiteral("<p class=\"scenario\">%1</p>").arg(html(line.toStdString()));
}

// The lesson's title, or its design's name where it has none (its pages had no heading; QA).
const std::string &lessonTitle(const sc::Design &file)
{
    return file.lesson.title.empty() ? file.name : file.lesson.title;
}

// One step's page: its design in a document of its own at the step's users, drawn as a picture
// (resource sc:step<i>.png) at most `box` (document units) in size.
QString stepPage(QTextDocument &text, const sc::Design &file, size_t i, const QSizeF &box,
                 QString &scenarioRun)
{
    const sc::LessonStep &step = file.lesson.steps[i];
    Document doc;
    doc.reset(*sc::lessonStepDesign(file, step));
    doc.setUsers(step.users);
    CanvasScene scene(&doc);
    const QImage picture = renderDiagramImage(&scene, 2);
    const QUrl url(QStringLiteral("sc:step%1.png").arg(i));
    text.addResource(QTextDocument::ImageResource, url, picture);
    const QSizeF natural = QSizeF(picture.size()) / 2;
    const double k = std::min({1.0, box.width() / std::max(1.0, natural.width()),
                               box.height() / std::max(1.0, natural.height())});
    QString page = QStringLiteral("<div style=\"page-break-before: %1\">")
                       .arg(i == 0 ? QStringLiteral("auto") : QStringLiteral("always"));
    page += QStringLiteral("<h1>%1</h1>").arg(html(lessonTitle(file)));
    page += QStringLiteral("<p class=\"step\">%1 · %2</p>")
                .arg(QObject::tr("Step %1 of %2").arg(i + 1).arg(file.lesson.steps.size()),
                     html(doc.design().name));
    if (!picture.isNull())
        page += QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"></p>")
                    .arg(url.toString())
                    .arg(int(natural.width() * k))
                    .arg(int(natural.height() * k));
    page += QStringLiteral("<p class=\"caption\">%1</p>").arg(html(step.caption));
    page += figuresTable(doc);
    if (!step.scenario.empty()) { // its run answers questions: on the answers page
        scenarioRun = scenarioParagraph(doc, step.scenario);
        page += QStringLiteral("<p class=\"scenario\">%1</p>")
                    .arg(html(QObject::tr("Scenario to play: “%1” (its run is on the answers page)")
                                  .arg(QString::fromStdString(step.scenario))
                                  .toStdString()));
    }
    if (!step.question.empty())
        page += QStringLiteral("<p class=\"question\"><b>%1</b> %2</p>")
                    .arg(QObject::tr("Question:"), html(step.question));
    return page + QStringLiteral("</div>");
}

// The answers, and each scenario's run (`scenarioRuns`, per step: stepPage's) after its step's.
QString answersPage(const sc::Design &file, const std::vector<QString> &scenarioRuns)
{
    // No step asks a question or plays a scenario: no page of answers (it was a heading alone;
    // QA).
    bool any = false;
    for (size_t i = 0; i < file.lesson.steps.size(); ++i)
        any = any || !file.lesson.steps[i].question.empty() || !scenarioRuns[i].isEmpty();
    if (!any)
        return {};
    QString page = QStringLiteral("<div style=\"page-break-before: always\"><h1>%1</h1>")
                       .arg(QObject::tr("Answers"));
    for (size_t i = 0; i < file.lesson.steps.size(); ++i) {
        const sc::LessonStep &step = file.lesson.steps[i];
        if (!step.question.empty())
            page += QStringLiteral("<p class=\"answer\"><b>%1</b> %2</p>")
                        .arg(QObject::tr("Step %1:").arg(i + 1),
                             step.answer.empty() ? QObject::tr("(no answer given)").toHtmlEscaped()
                                                 : html(step.answer));
        if (!scenarioRuns[i].isEmpty()) {
            if (step.question.empty())
                page += QStringLiteral("<p class=\"answer\"><b>%1</b></p>")
                            .arg(QObject::tr("Step %1:").arg(i + 1));
            page += scenarioRuns[i];
        }
    }
    return page + QStringLiteral("</div>");
}

} // namespace

bool hasLessonSteps(const sc::Design &file)
{
    return !file.lesson.steps.empty();
}

QByteArray handoutPdf(const sc::Design &file, QString *error)
{
    if (!hasLessonSteps(file)) {
        if (error)
            *error = QObject::tr("The design has no lesson: a handout needs lesson steps");
        return {};
    }
    for (size_t i = 0; i < file.lesson.steps.size(); ++i) {
        const sc::LessonStep &step = file.lesson.steps[i];
        if (!sc::lessonStepDesign(file, step)) {
            if (error)
                *error = QObject::tr("A step names the variant \"%1\", which the file lacks")
                             .arg(QString::fromStdString(step.variant));
            return {};
        }
        // A variant with errors has no figures to print (its page read dashes), as the CLI
        // refuses it (review).
        const sc::Issues errors =
            step.variant.empty() ? sc::Issues{}
                                 : sc::variantErrors(file, step.variant, sc::Catalog::builtin());
        if (!errors.empty()) {
            if (error)
                *error = QObject::tr("Step %1 shows the variant \"%2\", which has errors (%3): "
                                     "fix them before printing the handout")
                             .arg(i + 1)
                             .arg(QString::fromStdString(step.variant),
                                  QString::fromStdString(errors.front().toString()));
            return {};
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    setUpReportPdf(pdf, QObject::tr("%1 — handout").arg(QString::fromStdString(lessonTitle(file))));
    QTextDocument text;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(10);
    text.setDefaultFont(withoutLigatures(font));
    text.setDefaultStyleSheet(QLatin1String(kCss));
    text.setDocumentMargin(0);
    // The text area in document units (96 dpi): the page less print()'s 2 cm margins. The
    // diagram takes at most half of its height, leaving the rest to the text.
    const QSizeF paint =
        (pdf.pageLayout().fullRect(QPageLayout::Inch).size() - QSizeF(4 / 2.54, 4 / 2.54)) * 96;
    const QSizeF box(paint.width() * 0.96, paint.height() * 0.5);
    QString body;
    std::vector<QString> scenarioRuns(file.lesson.steps.size());
    for (size_t i = 0; i < file.lesson.steps.size(); ++i)
        body += stepPage(text, file, i, box, scenarioRuns[i]);
    body += answersPage(file, scenarioRuns);
    text.setHtml(QStringLiteral("<html><body>%1</body></html>").arg(body));
    printPaged(text, pdf);
    if (bytes.isEmpty() && error)
        *error = QObject::tr("Could not render the handout");
    return bytes;
}

QString exportHandout(const sc::Design &file, const QString &sourcePath, const QString &path,
                      bool *writeFailed, ExportTheme theme)
{
    ScopedExportTheme printTheme(theme);
    if (writeFailed)
        *writeFailed = false;
    // The handout must not replace the lesson it prints (same path, ./x, a link to it).
    std::error_code ec;
    if (!sourcePath.isEmpty() &&
        std::filesystem::equivalent(sourcePath.toStdString(), path.toStdString(), ec) && !ec) {
        if (writeFailed)
            *writeFailed = true;
        return QObject::tr("The handout would overwrite the design file %1; choose another name")
            .arg(sourcePath);
    }
    QString error;
    const QByteArray bytes = handoutPdf(file, &error);
    if (bytes.isEmpty())
        return error;
    const QString err = writeBytesAtomic(path, bytes);
    if (writeFailed)
        *writeFailed = !err.isEmpty();
    return err;
}

} // namespace scui
