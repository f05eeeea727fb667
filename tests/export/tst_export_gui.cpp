// Issue 5, in the editor: File → Export Diagram… / Export Cost Report… exist, and the exporters
// render the live canvas — the user count of the slider, without the selection, leaving the
// selection and grid as they were.

#include "ui/canvas/canvasscene.h"
#include "ui/document.h"
#include "ui/export/diagramexport.h"
#include "ui/export/reportexport.h"
#include "ui/mainwindow/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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
};

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
    const double total = lines.last().split(',').last().toDouble();
    QVERIFY(std::abs(total - doc->evaluation().monthlyCostUsd) <= 0.005 + 1e-9);

    const QString pdf = dir.filePath(QStringLiteral("d.pdf"));
    QCOMPARE(exportDiagram(scene, DiagramFormat::Pdf, pdf), QString());
    QFile p(pdf);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.read(5) == "%PDF-");
}

QTEST_MAIN(TestExportGui)
#include "tst_export_gui.moc"
