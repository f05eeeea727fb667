// Notes on the canvas (issue 17): a sticky note or free text added from the canvas's menu,
// dragged, resized by its handle, edited and deleted — each one undo step, all of them undone
// giving the file back byte for byte; notes are drawn in every export of the canvas.
#include "tests/common/canvasmouse.h"
#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/noteitem.h"
#include "ui/document.h"
#include "ui/export/diagramexport.h"

#include "core/io/format.h"
#include "ui/mainwindow/mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace scui;

namespace {

using sctest::drag;
using sctest::mouse;

QAction *findAction(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions())
        if (QString(a->text()).remove(QLatin1Char('&')) == text)
            return a;
    return nullptr;
}

// `w` shown at 1400 × 900 on the stage1-1k template, as a user opens it.
void showStage1(MainWindow &w)
{
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openTemplate(QStringLiteral("stage1-1k")));
}

// Right-clicks the empty canvas 60 units below the design, checks that the menu offers Add
// Text, and picks Add Note; `at` is where the click was, in scene coordinates.
void addNoteBelowDesign(MainWindow &w, QPointF &at)
{
    at = w.scene()->itemsBoundingRect().bottomLeft() + QPointF(0, 60);
    w.view()->centerOn(at);
    QMenu *menu = w.contextMenuAt(w.view()->mapFromScene(at));
    QVERIFY(findAction(menu, QStringLiteral("Add Text")));
    QAction *addNote = findAction(menu, QStringLiteral("Add Note"));
    QVERIFY(addNote);
    addNote->trigger();
    menu->close();
}

} // namespace

class TestNotes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_notes"));
    }

    // Select All (Ctrl+A) takes the notes with the boxes and connections, so Delete after it
    // clears them all in one undo step (QA: the notes stayed behind, unselected).
    void selectAllTakesTheNotes()
    {
        MainWindow w;
        showStage1(w);
        if (QTest::currentTestFailed())
            return;
        QPointF at;
        addNoteBelowDesign(w, at);
        if (QTest::currentTestFailed())
            return;
        Document *doc = w.document();
        QCOMPARE(doc->design().notes.size(), size_t(1));
        const int start = doc->undoStack()->index();
        w.scene()->clearSelection();
        w.view()->setFocus();
        QTest::keyClick(w.view()->viewport(), Qt::Key_A, Qt::ControlModifier);
        NoteItem *note = w.scene()->noteItem(QString::fromStdString(doc->design().notes[0].id));
        QVERIFY(note && note->isSelected());
        QCOMPARE(w.scene()->selectedIds().size(), qsizetype(doc->design().components.size()));
        QTest::keyClick(w.view()->viewport(), Qt::Key_Delete);
        QVERIFY(doc->design().notes.empty());
        QVERIFY(doc->design().components.empty());
        QCOMPARE(doc->undoStack()->index(), start + 1);
        doc->undoStack()->undo();
        QCOMPARE(doc->design().notes.size(), size_t(1));
        doc->undoStack()->setClean();
    }

    void addDragResizeEditDelete()
    {
        MainWindow w;
        showStage1(w);
        if (QTest::currentTestFailed())
            return;
        Document *doc = w.document();
        CanvasView *view = w.view();
        const std::string bytes = doc->serialized();
        const int start = doc->undoStack()->index();

        // Right-click empty canvas below the design: Add Note.
        QPointF at;
        addNoteBelowDesign(w, at);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(doc->design().notes.size(), size_t(1));
        const sc::Note added = doc->design().notes[0];
        QCOMPARE(added.kind, sc::Note::Kind::Sticky);
        QVERIFY(std::abs(added.x - at.x()) <= 1 && std::abs(added.y - at.y()) <= 1);
        NoteItem *item = w.scene()->noteItem(QString::fromStdString(added.id));
        QVERIFY(item && item->isSelected());
        QCOMPARE(doc->undoStack()->index(), start + 1);

        // Drag it 80 right, 40 down by its middle: one undo step however many moves.
        const QPointF middle(added.x + added.width / 2, added.y + added.height / 2);
        drag(view, middle, middle + QPointF(80, 40));
        QCOMPARE(doc->undoStack()->index(), start + 2);
        QCOMPARE(doc->design().notes[0].x, added.x + 80);
        QCOMPARE(doc->design().notes[0].y, added.y + 40);
        QCOMPARE(item->pos(), QPointF(added.x + 80, added.y + 40));

        // The corner handle of the selected note resizes it.
        const sc::Note moved = doc->design().notes[0];
        const QPointF corner(moved.x + moved.width - 4, moved.y + moved.height - 4);
        drag(view, corner, corner + QPointF(100, 30));
        QCOMPARE(doc->undoStack()->index(), start + 3);
        QCOMPARE(doc->design().notes[0].width, moved.width + 100);
        QCOMPARE(doc->design().notes[0].height, moved.height + 30);
        QCOMPARE(doc->design().notes[0].x, moved.x);

        w.scene()->setNoteText(item->id(), QStringLiteral("Cache goes here"));
        QCOMPARE(doc->design().notes[0].text, std::string("Cache goes here"));
        QCOMPARE(doc->undoStack()->index(), start + 4);

        // Saved with the design and read back the same; drawn in an export of the canvas.
        const sc::LoadResult back = sc::loadDesign(doc->serialized());
        QVERIFY(back.design);
        QCOMPARE(back.design->notes, doc->design().notes);
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("notes.svg"));
        QVERIFY(exportDiagram(w.scene(), DiagramFormat::Svg, svg).isEmpty());
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("Cache goes here"));

        // Delete with the key, as a user would.
        view->setFocus();
        QTest::keyClick(view->viewport(), Qt::Key_Delete);
        QVERIFY(doc->design().notes.empty());
        QVERIFY(!w.scene()->noteItem(QString::fromStdString(added.id)));

        while (doc->undoStack()->index() > start)
            doc->undoStack()->undo();
        QCOMPARE(doc->serialized(), bytes);
        doc->undoStack()->redo();
        QCOMPARE(doc->design().notes.size(), size_t(1));
        // Edit Note: a long line wraps in the editor as on the note (it scrolled sideways).
        bool wraps = false;
        QTimer::singleShot(0, &w, [&wraps] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QPlainTextEdit *edit = dialog ? dialog->findChild<QPlainTextEdit *>() : nullptr;
            wraps = edit && edit->lineWrapMode() == QPlainTextEdit::WidgetWidth;
            if (dialog)
                dialog->reject();
        });
        w.scene()->editNote(QString::fromStdString(added.id));
        QVERIFY(wraps);
        QCOMPARE(doc->undoStack()->index(), start + 1); // cancelled: no change

        doc->undoStack()->setClean();
    }
};

QTEST_MAIN(TestNotes)
#include "tst_notes.moc"
