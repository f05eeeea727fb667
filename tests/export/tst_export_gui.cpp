// Issue 5, in the editor: File → Export Diagram… / Export Cost Report… exist, and the exporters
// render the live canvas — the user count of the slider, without the selection, leaving the
// selection and grid as they were.

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/compare/compareview.h"
#include "ui/document.h"
#include "ui/export/diagramexport.h"
#include "ui/export/exportdialogs.h"
#include "ui/export/reportexport.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/variantsmenu.h"
#include "ui/numberformat.h"
#include "ui/theme.h"
#include "ui/timeline/timelinerun.h"

#include "core/io/templates.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "core/io/format.h"

using namespace scui;

class TestExportGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Settings and autosaves go to the test locations, never the user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_export_gui"));
    }
    void menuEntries();
    void liveCanvas();
    void fitsLimits();
    void hugeSceneIsCapped();
    void controlCharactersStayValidXml();
    void titleBlockInEveryFormat();
    void shownVariantInNameAndTitle();
    void aMomentOfTheTimelineIsSaidSoAndTheReportIsSteady();
    void printIsLightWhenTheEditorIsDark();
    void compareReportIsLightWhenTheEditorIsDark();
    void dialogOffersScaleAndTheme();
    void reportFilesTransferApart();
    void reportSaysAReservedFloor();
};

namespace {

sc::Component box(const std::string &id, sc::Kind kind, double x, double y)
{
    sc::Component c;
    c.id = id;
    c.kind = kind;
    c.label = id;
    c.position = {x, y};
    return c;
}

sc::Connection wire(const std::string &from, const std::string &to)
{
    sc::Connection c;
    c.from = from;
    c.to = to;
    return c;
}

// Clients at (−far, −far) → an app server → its database near (far, far): valid for every far
// up to the format's 1e9.
sc::Design farApart(double far)
{
    sc::Design d;
    d.name = "Far apart";
    d.traffic.users = 1000;
    d.traffic.asyncPerWrite = 0;
    d.components = {box("near", sc::Kind::Clients, -far, -far),
                    box("app", sc::Kind::AppServer, far - 600, far),
                    box("db", sc::Kind::Database, far - 300, far)};
    d.connections = {wire("near", "app"), wire("app", "db")};
    return d;
}

// The money rule of the exports, worked out independently: cents, comma thousands.
QString usd(double v)
{
    const qint64 cents = std::llround(v * 100);
    return QLatin1Char('$') +
           QLocale(QLocale::English, QLocale::UnitedStates).toString(cents / 100) +
           QLatin1Char('.') + QStringLiteral("%1").arg(cents % 100, 2, 10, QLatin1Char('0'));
}

QString svgText(const QByteArray &svg)
{
    QXmlStreamReader xml(svg);
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters())
            text += xml.text();
    }
    return text;
}

// Text of a PDF (pdftotext, poppler-utils), spaces squeezed out; empty when not installed.
QString pdfText(const QString &path)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        return {};
    QProcess p;
    p.start(tool, {path, QStringLiteral("-")});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).remove(QRegularExpression("\\s+"));
}

// Rows from the top that hold pixels far from the background (text, swatches).
int inkRows(const QImage &image, int fromRow, int toRow)
{
    const QColor bg = image.pixelColor(1, 1);
    int rows = 0;
    for (int y = fromRow; y < toRow; ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.lightness() - bg.lightness()) > 100) {
                ++rows;
                break;
            }
        }
    return rows;
}

} // namespace

// The limits, worked out by hand: 40,000 × 10,000 units at 1× needs 0.4096× to be 16,384 px
// wide, which is also exactly 64 Mpx (16,384 × 4,096); small diagrams are left alone.
void TestExportGui::fitsLimits()
{
    DiagramFit f = fitDiagram(QRectF(0, 0, 40000, 10000), 1, DiagramFormat::Png);
    QCOMPARE(f.size, QSize(16384, 4096));
    QCOMPARE(f.scale, 0.4096);
    QVERIFY(!f.notice.isEmpty());
    // Square: the pixel count binds first: √(64·2²⁰) = 8,192 px a side.
    f = fitDiagram(QRectF(0, 0, 20000, 20000), 1, DiagramFormat::Png);
    QVERIFY(f.size.width() <= 8192 && f.size.height() <= 8192);
    QVERIFY(f.size.width() >= 8191);
    f = fitDiagram(QRectF(0, 0, 800, 600), 2, DiagramFormat::Png);
    QCOMPARE(f.size, QSize(1600, 1200));
    QCOMPARE(f.scale, 2.0);
    QVERIFY(f.notice.isEmpty());
    // Vector pages: 200 inches at 96 dpi = 19,200 units.
    f = fitDiagram(QRectF(0, 0, 38400, 1000), 1, DiagramFormat::Pdf);
    QCOMPARE(f.scale, 0.5);
    QCOMPARE(f.size, QSize(19200, 500));
    // SVG keeps full detail up to 2^24 units a side: a 525,000-unit diagram is left alone.
    f = fitDiagram(QRectF(0, 0, 2000, 525000), 1, DiagramFormat::Svg);
    QCOMPARE(f.scale, 1.0);
    QVERIFY(f.notice.isEmpty());
    f = fitDiagram(QRectF(0, 0, 2e9, 1000), 1, DiagramFormat::Svg);
    QCOMPARE(f.size.width(), 1 << 24);
}

// Issue 12, item 2: a valid design 2·10⁹ units across exported as PNG, SVG and PDF (a crash
// before: the image could not be allocated and items painted through a null engine), and a
// template with one box a million units away. Each comes out within the limits, and says so.
void TestExportGui::hugeSceneIsCapped()
{
    QTemporaryDir dir;
    for (double far : {1e9, 1e6}) {
        Document doc;
        sc::Design d =
            far == 1e9 ? farApart(far) : *sc::loadDesign(sc::saveDesign(farApart(0))).design;
        if (far == 1e6)
            d.components[2].position = {far, far / 2};
        sc::Group g;
        g.id = "wide";
        g.kind = "region";
        g.width = 1e9;
        g.height = 400;
        d.groups.push_back(g);
        doc.reset(d);
        QVERIFY2(doc.modelOk(), "the design is valid");
        CanvasScene scene(&doc);
        RenderNotes notes;
        const QByteArray png = renderDiagramPng(&scene, 2, &notes);
        QVERIFY(!png.isEmpty());
        QBuffer buffer;
        buffer.setData(png);
        const QSize size = QImageReader(&buffer, "png").size(); // the header: no decoding
        QVERIFY(size.width() > 0 && size.width() <= kMaxImageSide);
        QVERIFY(size.height() > 0 && size.height() <= kMaxImageSide);
        QVERIFY(qint64(size.width()) * size.height() <= kMaxImagePixels);
        QVERIFY(notes.notice.contains(QLatin1String("drawn at")));
        QVERIFY(notes.error.isEmpty());
        for (DiagramFormat format : {DiagramFormat::Svg, DiagramFormat::Pdf}) {
            const QString path =
                dir.filePath(QStringLiteral("far%1.%2").arg(int(far)).arg(int(format)));
            QString notice;
            QCOMPARE(exportDiagram(&scene, format, path, DiagramOptions{}, nullptr, &notice),
                     QString());
            QVERIFY(notice.contains(QLatin1String("drawn at")));
            QVERIFY(QFileInfo(path).size() > 0);
        }
    }
}

// Issue 12, item 10: control characters in a design's name, labels and ids are drawn as
// visible symbols, so the SVG (also the HTML report's diagram) stays well-formed XML and the
// canvas shows the same text.
void TestExportGui::controlCharactersStayValidXml()
{
    // The display text itself: C0 → U+2400 + code, DEL → U+2421, C1 and non-characters →
    // U+FFFD; tab, newline and a surrogate pair (U+1F600) kept; a lone surrogate → U+FFFD.
    QCOMPARE(displayText(QStringLiteral("a\u0001b\u001Fc")), QStringLiteral("a\u2401b\u241Fc"));
    QCOMPARE(displayText(QString(QChar(0x7F)) + QChar(0x85) + QChar(0xFFFE)),
             QStringLiteral("\u2421\uFFFD\uFFFD"));
    QCOMPARE(displayText(QStringLiteral("x\ty\nz")), QStringLiteral("x\ty\nz"));
    const QString smile = QString::fromUcs4(U"\U0001F600");
    QCOMPARE(displayText(smile), smile);
    QCOMPARE(displayText(QString(QChar(0xD800)) + QLatin1Char('x')), QStringLiteral("\uFFFDx"));
    QCOMPARE(displayText(std::string("\x1b[31mred")), QStringLiteral("\u241B[31mred"));

    Document doc;
    sc::Design d = farApart(0);
    d.name = "Name\x01 & <b>";
    d.components[0].label = "Users\x01\x02";
    d.components[1].id = "app\x1b]0;x\x07";
    d.components[1].label = std::string("App\x7f") + "\xc2\x85";
    d.connections[0].to = d.components[1].id;
    d.connections[1].from = d.components[1].id;
    sc::Group g;
    g.id = "g\x03";
    g.kind = "zone";
    g.width = 400;
    g.height = 300;
    d.groups.push_back(g);
    doc.reset(d);
    QVERIFY(doc.modelOk());
    CanvasScene scene(&doc);
    const QByteArray svg = renderDiagramSvg(&scene, QString::fromStdString(d.name));
    QVERIFY(!svg.isEmpty());
    QXmlStreamReader xml(svg);
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters())
            text += xml.text();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(text.contains(QStringLiteral("Users\u2401\u2402")));
    QVERIFY(text.contains(QStringLiteral("Name\u2401 & <b>")));
    QVERIFY(text.contains(QStringLiteral("Zone g\u2403")));
}

void TestExportGui::menuEntries()
{
    MainWindow w;
    QStringList texts;
    for (QAction *top : w.menuBar()->actions())
        if (top->menu() && top->text() == QLatin1String("&File"))
            for (QAction *a : top->menu()->actions())
                texts << a->text();
    QVERIFY2(texts.contains(QStringLiteral("Export &Diagram…")), qPrintable(texts.join(", ")));
    QVERIFY2(texts.contains(QStringLiteral("Export Cost &Report…")), qPrintable(texts.join(", ")));
}

void TestExportGui::liveCanvas()
{
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage3-100k")));
    Document *doc = w.document();
    CanvasScene *scene = w.scene();
    scene->selectIds({QStringLiteral("app")});
    const QStringList selected = scene->selectedIds();
    const bool snap = scene->snapToGrid();

    const QImage before = renderDiagramImage(scene, 1);
    QCOMPARE(scene->selectedIds(), selected);
    QCOMPARE(scene->snapToGrid(), snap);

    // The figures follow the users slider: 10× the users changes the picture.
    doc->setUsers(doc->users() * 10);
    const QImage after = renderDiagramImage(scene, 1);
    QCOMPARE(after.size(), before.size());
    QVERIFY(after != before);

    const QString csv = dir.filePath(QStringLiteral("r.csv"));
    QCOMPARE(exportReport(doc, scene, ReportFormat::Csv, csv), QString());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    const double total = lines.last().split(',').at(2).toDouble(); // component,item,monthlyUsd
    QVERIFY(std::abs(total - doc->evaluation().monthlyCostUsd) <= 0.005 + 1e-9);

    const QString pdf = dir.filePath(QStringLiteral("d.pdf"));
    QCOMPARE(exportDiagram(scene, DiagramFormat::Pdf, pdf), QString());
    QFile p(pdf);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.read(5) == "%PDF-");
}

// Issue 13, item 14: an exported diagram says what it shows: the design's name, the users, the
// monthly total (as the model computes it), and the legend of its colours. SVG and PDF text is
// searchable; the PNG has the block's ink above the same diagram.
void TestExportGui::titleBlockInEveryFormat()
{
    QStandardPaths::setTestModeEnabled(true);
    applyTheme(false);
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage3-100k")->json), QString());
    doc.setUsers(123456);
    QVERIFY(doc.modelOk());
    CanvasScene scene(&doc);
    const QString name = QString::fromStdString(doc.design().name);
    const QString users = QStringLiteral("123,456 daily active users");
    const QString total = usd(doc.evaluation().monthlyCostUsd);
    QVERIFY(!name.isEmpty());

    const QString svg = svgText(renderExport(&scene, DiagramFormat::Svg, DiagramOptions{}));
    for (const QString &s : {name, users, total, QStringLiteral("Warning above 70%"),
                             QStringLiteral("Critical above 85%"), QStringLiteral("Page above 95%"),
                             QStringLiteral("SPOF")})
        QVERIFY2(svg.contains(s), qPrintable(s));

    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("d.pdf"));
    QCOMPARE(exportDiagram(&scene, DiagramFormat::Pdf, pdf), QString());
    const QString text = pdfText(pdf);
    if (text.isEmpty())
        QSKIP("pdftotext (poppler-utils) is needed for the PDF half");
    for (QString s : {name, users, total})
        QVERIFY2(text.contains(s.remove(QRegularExpression("\\s+"))), qPrintable(s));

    // PNG: the bare diagram, and the export: taller by the block, whose rows carry ink, with
    // the same diagram under it.
    const QImage bare = renderDiagramImage(&scene, 1);
    const QImage full = renderExportImage(&scene, DiagramOptions{});
    const int block = full.height() - bare.height();
    QVERIFY2(block >= 60 && block <= 160, qPrintable(QString::number(block)));
    QVERIFY(full.width() >= bare.width());
    QVERIFY2(inkRows(full, 0, block) >= 30, "title, figures, source and legend are drawn");
    const int left = (full.width() - bare.width()) / 2;
    // The same diagram: the export's light palette is set afresh for its render, and a flow
    // label's anti-aliasing may differ by a sub-pixel; anything more than a few hundred pixels
    // (0.05% of the picture) is a different diagram.
    const QImage under =
        full.copy(left, block, bare.width(), bare.height()).convertToFormat(QImage::Format_RGB32);
    const QImage same = bare.convertToFormat(QImage::Format_RGB32);
    qint64 differing = 0;
    for (int y = 0; y < same.height(); ++y)
        for (int x = 0; x < same.width(); ++x)
            differing += under.pixel(x, y) != same.pixel(x, y) ? 1 : 0;
    QVERIFY2(differing * 2000 <= qint64(same.width()) * same.height(),
             qPrintable(QStringLiteral("%1 pixels differ").arg(differing)));
    // No block when turned off: the bare diagram.
    QCOMPARE(renderExportImage(&scene, DiagramOptions{1, ExportTheme::Light, false})
                 .convertToFormat(QImage::Format_RGB32),
             bare.convertToFormat(QImage::Format_RGB32));
}

// QA: Export Diagram with a variant shown suggested "stage4-1m.png" and titled the picture with
// the variant's name alone ("no cache"): the name and the title say which design and which
// variant, as the window's title does.
void TestExportGui::shownVariantInNameAndTitle()
{
    QStandardPaths::setTestModeEnabled(true);
    applyTheme(false);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("stage4-1m.scalecanvas"));
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage4-1m")->json, path), QString());
    const QString own = QString::fromStdString(doc.design().name);
    QVERIFY(own.startsWith(QStringLiteral("Stage 4")));
    QCOMPARE(suggestedExportPath(&doc, QStringLiteral(".png")),
             QDir(dir.path()).filePath(QStringLiteral("stage4-1m.png")));
    QCOMPARE(titleBlockOf(doc).title, own);

    QCOMPARE(newVariantFromShown(&doc, QStringLiteral("no cache")), QString()); // Variants menu
    QCOMPARE(doc.shownVariant(), QStringLiteral("no cache"));
    QCOMPARE(suggestedExportPath(&doc, QStringLiteral(".png")),
             QDir(dir.path()).filePath(QStringLiteral("stage4-1m-no-cache.png")));
    QCOMPARE(QFileInfo(suggestedExportPath(&doc, QStringLiteral("-cost.pdf"))).fileName(),
             QStringLiteral("stage4-1m-no-cache-cost.pdf"));
    // A comparison is of two designs, not of the one shown: named as before.
    QCOMPARE(QFileInfo(suggestedExportPath(&doc, QStringLiteral("-compare.pdf"), false)).fileName(),
             QStringLiteral("stage4-1m-compare.pdf"));
    const QString title = own + QStringLiteral(" — variant: no cache");
    QCOMPARE(titleBlockOf(doc).title, title);
    CanvasScene scene(&doc);
    const QString svg = svgText(renderExport(&scene, DiagramFormat::Svg, DiagramOptions{}));
    QVERIFY2(svg.contains(title), qPrintable(title));

    // What a file name cannot hold becomes a hyphen.
    QCOMPARE(newVariantFromShown(&doc, QStringLiteral("A/B: 2×")), QString());
    QCOMPARE(QFileInfo(suggestedExportPath(&doc, QStringLiteral(".png"))).fileName(),
             QStringLiteral("stage4-1m-a-b-2.png"));
    QVERIFY(doc.showVariant(QString()));
    QCOMPARE(QFileInfo(suggestedExportPath(&doc, QStringLiteral(".png"))).fileName(),
             QStringLiteral("stage4-1m.png"));
    QCOMPARE(titleBlockOf(doc).title, own);
    doc.undoStack()->setClean();
}

// GUI QA: exported with the timeline showing a moment of its run, the diagram's boxes are that
// moment's and its header said "1,000 daily active users · $596.58 per month", the steady state;
// the cost report drew the moment's diagram beside its steady tables. The header names the run's
// moment and its figures; the report draws the steady boxes (their monthly cost, which a moment's
// boxes do not show) and leaves the canvas on the moment.
void TestExportGui::aMomentOfTheTimelineIsSaidSoAndTheReportIsSteady()
{
    QStandardPaths::setTestModeEnabled(true);
    applyTheme(false);
    MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage3-100k")));
    w.show();
    Document *doc = w.document();
    const QString steadyFigures = titleBlockOf(*doc).figures;
    QVERIFY2(steadyFigures.contains(QStringLiteral("per month")), qPrintable(steadyFigures));
    QVERIFY(w.showTimeline(QStringLiteral("viral spike"), 1500)); // in the spike
    QVERIFY(doc->hasTimeFrame());
    const TimelineRun *run = doc->timeFrameRun();
    const int at = doc->timeFrameStep();
    const sc::SimulationStep &step = run->steps[size_t(at)];
    QVERIFY2(step.errorRps > 0, "the moment fails some: the case shows the difference");
    const QString figures = titleBlockOf(*doc).figures;
    // The moment: the scenario, its clock at the step shown (the 1,500 s asked: step 150 of
    // 10 s, 00:25:00), the users it ran at, what the clients send then and that some fail; not
    // the steady state's monthly bill.
    QCOMPARE(at, 150);
    for (const QString &part :
         {QStringLiteral("\u201cviral spike\u201d at 00:25:00 (run at the scenario's "),
          QStringLiteral(" · %1 dynamic req/s · ").arg(formatCount(step.demandRps)),
          QStringLiteral(" failing")})
        QVERIFY2(figures.contains(part), qPrintable(figures + " / " + part));
    QVERIFY2(!figures.contains(QStringLiteral("per month")), qPrintable(figures));
    CanvasScene *scene = w.findChild<CanvasScene *>();
    QVERIFY(scene);
    const QString svg = svgText(renderExport(scene, DiagramFormat::Svg, DiagramOptions{}));
    QVERIFY2(svg.contains(QStringLiteral("viral spike")), "the header in the picture");
    QVERIFY2(!svg.contains(QStringLiteral("/mo")), "a moment's boxes show no monthly cost");

    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("report.html"));
    QCOMPARE(exportReport(doc, scene, ReportFormat::Html, html), QString());
    QFile f(html);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString report = QString::fromUtf8(f.readAll());
    // (The diagram's box texts, in its SVG: a moment's boxes say "no backlog" and no cost.)
    QVERIFY2(report.contains(QStringLiteral("/mo</text>")) &&
                 !report.contains(QStringLiteral("backlog</text>")),
             "the report's diagram has the steady boxes");
    QVERIFY(doc->hasTimeFrame() && doc->timeFrameStep() == at); // the canvas back on the moment
    QVERIFY(!svgText(renderExport(scene, DiagramFormat::Svg, DiagramOptions{}))
                 .contains(QStringLiteral("/mo")));
    doc->undoStack()->setClean();
}

// Issue 13, item 14: with the editor dark, the diagram and the cost report still print light
// (unless dark is asked for), and the editor stays dark.
void TestExportGui::printIsLightWhenTheEditorIsDark()
{
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage3-100k")->json), QString());
    CanvasScene scene(&doc);
    applyTheme(true);
    const QColor darkBase = QApplication::palette().color(QPalette::Base);
    QVERIFY(darkBase.lightness() < 60);
    const QImage light = renderExportImage(&scene, DiagramOptions{});
    QVERIFY(light.pixelColor(2, 2).lightness() > 200);
    QVERIFY(light.pixelColor(2, light.height() - 3).lightness() > 200);
    QCOMPARE(QApplication::palette().color(QPalette::Base), darkBase);
    const QImage dark = renderExportImage(&scene, DiagramOptions{1, ExportTheme::Dark, true});
    QVERIFY(dark.pixelColor(2, 2).lightness() < 60);
    const QImage screen =
        renderExportImage(&scene, DiagramOptions{1, ExportTheme::AsOnScreen, true});
    QCOMPARE(screen.pixelColor(2, 2), darkBase);

    // The HTML report: its inline diagram and its chart are light.
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("r.html"));
    QCOMPARE(exportReport(&doc, &scene, ReportFormat::Html, html), QString());
    QFile f(html);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(f.readAll());
    QVERIFY(!page.contains(darkBase.name(), Qt::CaseInsensitive));
    const QRegularExpressionMatch png =
        QRegularExpression(QStringLiteral("<img class=\"chart\"[^>]*src=\"data:image/png;base64,"
                                          "([A-Za-z0-9+/=]+)"))
            .match(page);
    QVERIFY(png.hasMatch());
    const QImage chart = QImage::fromData(QByteArray::fromBase64(png.captured(1).toLatin1()));
    QVERIFY(!chart.isNull());
    QVERIFY(chart.pixelColor(3, 3).lightness() > 200);
    // Asked for dark, it is dark.
    QCOMPARE(exportReport(&doc, &scene, ReportFormat::Html, html, nullptr, ExportTheme::Dark),
             QString());
    QFile g(html);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(g.readAll()).contains(darkBase.name(), Qt::CaseInsensitive));
    QCOMPARE(QApplication::palette().color(QPalette::Base), darkBase);
    applyTheme(false);
}

// The Compare window's Export Report prints light too, from the dark editor: its diagrams and
// charts came out dark on the white page.
void TestExportGui::compareReportIsLightWhenTheEditorIsDark()
{
    applyTheme(true);
    const QColor darkBase = QApplication::palette().color(QPalette::Base);
    MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("compare-cache")));
    CompareView *view = w.openCompare();
    QVERIFY(view);
    QVERIFY(view->comparison().has_value());
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("c.html"));
    QCOMPARE(view->exportReport(html), QString());
    QFile f(html);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(f.readAll());
    QVERIFY(!page.contains(darkBase.name(), Qt::CaseInsensitive));
    const QRegularExpressionMatch png =
        QRegularExpression(QStringLiteral("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)"))
            .match(page);
    QVERIFY(png.hasMatch());
    const QImage chart = QImage::fromData(QByteArray::fromBase64(png.captured(1).toLatin1()));
    QVERIFY(!chart.isNull());
    QVERIFY2(chart.pixelColor(3, 3).lightness() > 200, qPrintable(chart.pixelColor(3, 3).name()));
    QCOMPARE(QApplication::palette().color(QPalette::Base), darkBase); // the editor stays dark
    applyTheme(false);
}

// Issue 13, item 14: the export dialog offers 1×, 2× and 3× (PNG only) and a theme, light for
// print by default even in the dark editor; what it returns is what gets drawn.
void TestExportGui::dialogOffersScaleAndTheme()
{
    applyTheme(true);
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage1-1k")->json), QString());
    CanvasScene scene(&doc);
    DiagramOptionsDialog dialog(DiagramFormat::Png);
    QCOMPARE(dialog.scaleBox()->count(), 3);
    QVERIFY(dialog.scaleBox()->isEnabled());
    DiagramOptions o = dialog.options();
    QCOMPARE(o.scale, 1.0);
    QCOMPARE(o.theme, ExportTheme::Light);
    QVERIFY(o.titleBlock);
    const QImage one = renderExportImage(&scene, o);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.scaleBox()->setFocus();
    QTest::keyClick(dialog.scaleBox(), Qt::Key_End); // the last entry: 3×
    dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findText(QStringLiteral("Dark")));
    o = dialog.options();
    QCOMPARE(o.scale, 3.0);
    QCOMPARE(o.theme, ExportTheme::Dark);
    const QImage three = renderExportImage(&scene, o);
    QVERIFY(std::abs(three.width() - 3 * one.width()) <= 3);
    QVERIFY(std::abs(three.height() - 3 * one.height()) <= 3);
    QVERIFY(three.pixelColor(2, 2).lightness() < 60);
    QVERIFY(one.pixelColor(2, 2).lightness() > 200);
    // Vectors have no scale to choose.
    DiagramOptionsDialog svg(DiagramFormat::Svg);
    QVERIFY(!svg.scaleBox()->isEnabled());
    QCOMPARE(svg.options().scale, 1.0);
    applyTheme(false);
}

// Issue 13, item 14: the report's components table gives data transfer a row of its own; the
// load balancer the bytes leave through shows only its own bill. By hand: 100,000 users × 50
// requests × (20 KB + 2 statics × 100 KB) × 730/24 days = 33,458.33 GB: 10,240 GB at $0.09, the
// rest at $0.085, less the free 100 GB at $0.09 = $2,886.16.
void TestExportGui::reportFilesTransferApart()
{
    const QByteArray json = R"({"format": "scalecanvas", "formatVersion": 1, "design": {
        "name": "Transfer", "traffic": {"users": 100000, "requestsPerUserPerDay": 50,
        "staticPerRequest": 2, "kbPerRequest": 20, "kbPerStatic": 100, "asyncPerWrite": 0},
        "components": [
          {"id": "users", "kind": "clients", "label": "Users", "position": {"x": 0, "y": 0}},
          {"id": "lb", "kind": "loadBalancer", "label": "Balancer", "position": {"x": 240, "y": 0},
           "params": {"managed": true}},
          {"id": "app", "kind": "appServer", "label": "App", "position": {"x": 480, "y": 0}}],
        "connections": [{"from": "users", "to": "lb"}, {"from": "lb", "to": "app"}]}})";
    Document doc;
    QCOMPARE(doc.loadBytes(json.toStdString()), QString());
    QVERIFY(doc.modelOk());
    CanvasScene scene(&doc);
    const QString html = QString::fromUtf8(reportHtml(&doc, &scene));
    // The row of its own, with the amount worked out above.
    const double gb = 1e5 * 50 * (20 + 2 * 100) * (730.0 / 24) / 1e6;
    const double transferUsd = 10240 * 0.09 + (gb - 10240) * 0.085 - 100 * 0.09;
    const QString transfer = usd(transferUsd);
    QCOMPARE(transfer, QStringLiteral("$2,886.16"));
    const QRegularExpression row(
        QStringLiteral("Data transfer \\(leaving the design[^<]*</td><td class=\"num\">([^<]+)<"));
    const QRegularExpressionMatch m = row.match(html);
    QVERIFY2(m.hasMatch(), "a data-transfer row in the components table");
    QCOMPARE(m.captured(1), transfer);
    // And a note that says where the diagram's boxes and the line items count it (QA: the same
    // box read three different costs with nothing to reconcile them).
    QVERIFY(html.contains(QStringLiteral("and the line items below count it with that component")));
    // The balancer's row: its own lines (the managed ALB's hours and LCUs), less than the
    // transfer it would have carried before.
    const QRegularExpression lbRow(QStringLiteral(
        "<tr><td>Balancer</td>(?:<td[^>]*>[^<]*</td>){5}<td class=\"num\">\\$([0-9,.]+)<"));
    const QRegularExpressionMatch lb = lbRow.match(html);
    QVERIFY2(lb.hasMatch(), "the balancer's row");
    // A managed balancer runs no instances of its own (item 10's sibling in the report).
    QVERIFY2(
        lb.captured(0).contains(QStringLiteral("<td class=\"num\">—</td><td>managed / usage</td>")),
        qPrintable(lb.captured(0)));
    const double lbUsd = lb.captured(1).remove(QLatin1Char(',')).toDouble();
    double own = 0;
    for (const sc::CostItem &c : doc.evaluation().costItems)
        if (c.componentId == "lb" && c.category != sc::CostCategory::Transfer)
            own += c.monthlyUsd;
    QVERIFY2(std::abs(lbUsd - own) <= 0.01, qPrintable(lb.captured(1)));
    QVERIFY(lbUsd < transferUsd);
}

// Stage 4's app tier auto-scales from 3 at reserved pricing: its row says the 3 are reserved and
// the rest on demand, as its bill's two lines (GUI QA: it read "reserved").
void TestExportGui::reportSaysAReservedFloor()
{
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage4-1m")->json), QString());
    const sc::Component *app = doc.component(QStringLiteral("app"));
    QVERIFY(app && app->autoscale && app->text("pricing") == "reserved");
    CanvasScene scene(&doc);
    const QString html = QString::fromUtf8(reportHtml(&doc, &scene));
    QVERIFY(html.contains(
        QStringLiteral("<td>reserved %1, on-demand above</td>").arg(app->autoscale->min)));
}

QTEST_MAIN(TestExportGui)
#include "tst_export_gui.moc"
