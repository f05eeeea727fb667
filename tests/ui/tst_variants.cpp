// Variants in the GUI (issue 18): a variant made from the shown design, switched to, renamed
// (the lesson steps naming it follow) and deleted (the steps naming it go, and come back with
// undo), each one undo step and one change event; undoing everything gives the file back byte
// for byte; saving writes the variants (read back with the core reader); the Variants menu,
// the tool bar's combo and the window title follow the document.
//
// The designs are the article's vertical case (one c5.24xlarge) and, as its variant, the same
// app tier on 20 t3.large: the numbers checked are the ones set here.
#include "core/io/format.h"
#include "core/io/templates.h"
#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/commands/changecommands.h"
#include "ui/commands/lessoncommands.h"
#include "ui/compare/compareview.h"
#include "ui/document.h"
#include "ui/inspector/inspector.h"
#include "ui/mainwindow/lessondock.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/variantsmenu.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QtTest>

#include <functional>

using namespace scui;

namespace {

sc::Design templateDesign(const char *name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    if (!t)
        qFatal("no template %s", name);
    sc::LoadResult r = sc::loadDesign(t->json);
    if (!r.design)
        qFatal("template %s does not load", name);
    return *r.design;
}

// What the combo and the menu call the vertical case's own design: its name, as the title does.
const QString kOwn = QStringLiteral("Case — vertical: one c5.24xlarge");

// The vertical case with a two-step lesson (both on the file's own design).
sc::Design verticalWithLesson()
{
    sc::Design d = templateDesign("case-vertical");
    d.lesson.title = "Up or out";
    for (double users : {1e4, 1e6}) {
        sc::LessonStep s;
        s.users = users;
        s.caption = "Step at " + std::to_string(int(users));
        d.lesson.steps.push_back(s);
    }
    return d;
}

const sc::ParamValue *param(const sc::Design &d, const std::string &id, const std::string &name)
{
    for (const sc::Component &c : d.components)
        if (c.id == id) {
            auto it = c.params.find(name);
            return it == c.params.end() ? nullptr : &it->second;
        }
    return nullptr;
}

// The designs the combo offers (above its separator and the "New Variant…" entry).
QStringList comboItems(const QComboBox *combo)
{
    QStringList items;
    for (int i = 0; i < combo->count() && !combo->itemText(i).isEmpty(); ++i)
        items << combo->itemText(i);
    return items;
}

// The checkable entries of the Variants menu (text without mnemonics) and the checked one.
QStringList menuItems(const VariantsMenu *v)
{
    QStringList items;
    for (QAction *a : v->showActions())
        items << a->text().remove(QLatin1Char('&'));
    return items;
}
QString checkedItem(const VariantsMenu *v)
{
    for (QAction *a : v->showActions())
        if (a->isChecked())
            return a->data().toString();
    return QStringLiteral("<none>");
}

QStringList stepVariants(const Document *doc)
{
    QStringList l;
    for (const sc::LessonStep &s : doc->design().lesson.steps)
        l << QString::fromStdString(s.variant);
    return l;
}

// Runs `action`, answering the message box it opens (if any) with the button whose text is
// `answer`. Returns whether a message box opened.
bool answering(const QString &answer, const std::function<void()> &action)
{
    bool opened = false;
    QTimer::singleShot(0, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            opened = true;
            for (QAbstractButton *b : box->buttons())
                if (b->text().remove(QLatin1Char('&')) == answer)
                    b->click();
        }
    });
    action();
    QCoreApplication::processEvents(); // the timer fires even when nothing opened
    return opened;
}

// Runs `action`, typing `text` into the input dialog it opens and accepting it (an empty `text`
// cancels). Returns whether a dialog opened.
bool typing(const QString &text, const std::function<void()> &action)
{
    bool opened = false;
    QTimer::singleShot(0, [&] {
        if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            opened = true;
            if (text.isEmpty()) {
                dialog->reject();
            } else {
                dialog->setTextValue(text);
                dialog->accept();
            }
        }
    });
    action();
    QCoreApplication::processEvents();
    return opened;
}

} // namespace

class TestVariants : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_variants"));
    }

    void init()
    {
        m_w = std::make_unique<MainWindow>();
        m_w->resize(1280, 800);
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
        m_doc = m_w->document();
        m_doc->reset(verticalWithLesson());
        m_v = m_w->findChild<VariantsMenu *>();
        QVERIFY(m_v);
    }

    void cleanup()
    {
        if (m_doc)
            m_doc->undoStack()->setClean();
        m_w.reset();
        m_doc = nullptr;
        m_v = nullptr;
    }

    // The menu bar has a Variants menu and the main window a tool bar with the combo, both
    // without the Lesson panel.
    void foundWithoutTheLessonPanel()
    {
        QMenu *menu = nullptr;
        for (QAction *a : m_w->menuBar()->actions())
            if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Variants"))
                menu = a->menu();
        QVERIFY(menu);
        QCOMPARE(menu, m_v->menu());
        QVERIFY(menu->actions().contains(m_v->newAction()));
        QVERIFY(m_v->toolBar()->isVisible());
        QVERIFY(m_v->combo()->isVisible());
        QCOMPARE(m_w->toolBarArea(m_v->toolBar()), Qt::TopToolBarArea);
        QCOMPARE(m_v->previousAction()->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_PageUp));
        QCOMPARE(m_v->nextAction()->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_PageDown));
        // No other action of the window has those keys.
        for (QAction *a : m_w->findChildren<QAction *>())
            if (a != m_v->previousAction() && a != m_v->nextAction())
                for (const QKeySequence &k : a->shortcuts())
                    QVERIFY2(k != m_v->previousAction()->shortcut() &&
                                 k != m_v->nextAction()->shortcut(),
                             qPrintable(a->text()));
        // Presenting shows the canvas, the strip and the users only; leaving brings it back.
        QTest::keyClick(m_w.get(), Qt::Key_F5);
        QVERIFY(!m_v->toolBar()->isVisible());
        QTest::keyClick(m_w.get(), Qt::Key_Escape);
        QVERIFY(m_v->toolBar()->isVisible());
        QCOMPARE(comboItems(m_v->combo()), QStringList{kOwn});
        QCOMPARE(m_v->combo()->count(), 3); // the design, a separator, New Variant…
        QCOMPARE(m_v->combo()->itemText(2), QStringLiteral("New Variant…"));
        QVERIFY(!m_v->renameAction()->isEnabled());
        QVERIFY(!m_v->deleteAction()->isEnabled());
    }

    // Create, switch, rename, delete: one undo step and one change event each; the lesson's
    // steps follow a rename and go with a deletion; undoing everything gives the bytes back.
    void createSwitchRenameDelete()
    {
        const std::string original = m_doc->serialized();
        QUndoStack *undo = m_doc->undoStack();
        const int start = undo->index();
        QList<ChangeEvent> changes;
        QObject listener; // the connection ends with this function
        connect(m_doc, &Document::changed, &listener,
                [&changes](const ChangeEvent &e) { changes << e; });

        // New variant from the current design: a copy, shown, named as typed (trimmed).
        QCOMPARE(m_v->newVariant(QStringLiteral("  horizontal ")), QString());
        QCOMPARE(undo->index(), start + 1);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(m_doc->variantNames(), QStringList{QStringLiteral("horizontal")});
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("horizontal"));
        QCOMPARE(sc::designContent(*m_doc->variantDesign(QStringLiteral("horizontal"))).components,
                 verticalWithLesson().components);
        QCOMPARE(m_v->combo()->currentText(), QStringLiteral("horizontal"));
        QVERIFY(m_w->windowTitle().contains(QStringLiteral("variant: horizontal")));
        QVERIFY(m_w->windowTitle().startsWith(QStringLiteral("Case — vertical: one c5.24xlarge")));

        // What is refused changes nothing and says why.
        const int refusedAt = undo->index();
        for (const QString &bad : {QString(), QStringLiteral("   "), QStringLiteral("horizontal"),
                                   QStringLiteral(" Design"), QString(257, QLatin1Char('x'))})
            QVERIFY2(!m_v->newVariant(bad).isEmpty(), qPrintable(bad));
        // "Design" is kept for a nameless own design, and the message says so, not that the menu
        // calls this one "Design" (its menu says "Case — vertical: …"; QA).
        const QString kept = m_v->newVariant(QStringLiteral("design"));
        QVERIFY2(kept.contains(QStringLiteral("own design when it has no name")), qPrintable(kept));
        QVERIFY(!kept.contains(QStringLiteral("Variants menu calls")));
        QVERIFY(m_v->newVariant(QString(257, QLatin1Char('x'))).contains(QStringLiteral("256")));
        QVERIFY(!m_v->renameVariant(QStringLiteral("nope"), QStringLiteral("x")).isEmpty());
        QVERIFY(!m_v->deleteVariant(QString()).isEmpty()); // the file's own is not a variant
        QCOMPARE(undo->index(), refusedAt);

        // An edit on the variant lands in the variant: 20 × t3.large.
        undo->push(
            new ChangeParameter(m_doc, QStringLiteral("app"), "instances", sc::ParamValue{20, {}}));
        undo->push(new ChangeParameter(m_doc, QStringLiteral("app"), "instanceType",
                                       sc::ParamValue{0, "t3.large"}));
        QCOMPARE(
            param(*m_doc->variantDesign(QStringLiteral("horizontal")), "app", "instances")->number,
            20.0);
        QCOMPARE(param(*m_doc->variantDesign(QString()), "app", "instances")->number, 1.0);

        // Lesson steps on the variant (one more step through the Lesson panel's command).
        sc::Lesson lesson = m_doc->design().lesson;
        lesson.steps[1].variant = "horizontal";
        lesson.steps.push_back(lesson.steps[1]);
        lesson.steps.back().users = 2e6;
        undo->push(new ChangeLesson(m_doc, lesson, QStringLiteral("Steps on the variant")));
        QCOMPARE(stepVariants(m_doc), (QStringList{QString(), QStringLiteral("horizontal"),
                                                   QStringLiteral("horizontal")}));

        // Switching is a view: no undo step, the file's bytes unchanged.
        const std::string edited = m_doc->serialized();
        const int editedAt = undo->index();
        m_v->combo()->activated(0); // as a click on "Design" does
        QCOMPARE(m_doc->shownVariant(), QString());
        QVERIFY(!m_w->windowTitle().contains(QStringLiteral("variant:")));
        QVERIFY(!m_v->previousAction()->isEnabled());
        m_v->nextAction()->trigger();
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("horizontal"));
        QVERIFY(!m_v->nextAction()->isEnabled());
        QCOMPARE(undo->index(), editedAt);
        QCOMPARE(m_doc->serialized(), edited);

        // Rename the shown variant: it stays shown, the two steps follow, one step.
        changes.clear();
        QCOMPARE(m_v->renameVariant(QStringLiteral("horizontal"), QStringLiteral("twenty small ")),
                 QString());
        QCOMPARE(undo->index(), editedAt + 1);
        QCOMPARE(changes.count(), 1);
        const ChangeEvent renamed = changes.front();
        QVERIFY(renamed.variantsChanged && renamed.lessonChanged && !renamed.reset);
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("twenty small"));
        QCOMPARE(m_doc->variantNames(), QStringList{QStringLiteral("twenty small")});
        QCOMPARE(stepVariants(m_doc), (QStringList{QString(), QStringLiteral("twenty small"),
                                                   QStringLiteral("twenty small")}));
        QCOMPARE(param(m_doc->design(), "app", "instances")->number, 20.0); // still shown
        QVERIFY(m_w->windowTitle().contains(QStringLiteral("variant: twenty small")));
        // Its design, named "horizontal" by New Variant, is renamed with it: the lesson's list
        // and the handout name a step by it (QA: "2. multi-az" after the rename); undone, back.
        QCOMPARE(m_doc->design().name, std::string("twenty small"));
        undo->undo();
        QCOMPARE(m_doc->design().name, std::string("horizontal"));
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("horizontal"));
        undo->redo();
        QCOMPARE(m_doc->design().name, std::string("twenty small"));

        // A second variant, of the file's own design, after the first.
        m_v->combo()->activated(0);
        QCOMPARE(m_v->newVariant(QStringLiteral("with cache")), QString());
        QCOMPARE(m_doc->variantNames(),
                 (QStringList{QStringLiteral("twenty small"), QStringLiteral("with cache")}));
        QCOMPARE(param(m_doc->design(), "app", "instances")->number, 1.0); // a copy of Design

        // Delete the first (not shown): its two steps go, in one step; undo puts the variant
        // back at index 0 and the steps where they were.
        const std::string beforeDelete = m_doc->serialized();
        const int deleteAt = undo->index();
        changes.clear();
        QCOMPARE(m_v->stepsNaming(QStringLiteral("twenty small")), 2);
        QCOMPARE(m_v->deleteVariant(QStringLiteral("twenty small")), QString());
        QCOMPARE(undo->index(), deleteAt + 1);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(m_doc->variantNames(), QStringList{QStringLiteral("with cache")});
        QCOMPARE(stepVariants(m_doc), QStringList{QString()});
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("with cache"));
        undo->undo();
        QCOMPARE(m_doc->variantNames(),
                 (QStringList{QStringLiteral("twenty small"), QStringLiteral("with cache")}));
        QCOMPARE(stepVariants(m_doc), (QStringList{QString(), QStringLiteral("twenty small"),
                                                   QStringLiteral("twenty small")}));
        QCOMPARE(m_doc->serialized(), beforeDelete);

        // Delete the shown one: the file's own design is shown; undo shows it again.
        QVERIFY(m_doc->showVariant(QStringLiteral("twenty small")));
        changes.clear();
        QCOMPARE(m_v->deleteVariant(QStringLiteral("twenty small")), QString());
        QCOMPARE(changes.count(), 1);
        QCOMPARE(m_doc->shownVariant(), QString());
        QCOMPARE(m_v->combo()->currentText(), kOwn);
        QCOMPARE(param(m_doc->design(), "app", "instances")->number, 1.0);
        undo->undo();
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("twenty small"));
        QCOMPARE(param(m_doc->design(), "app", "instances")->number, 20.0);
        QCOMPARE(m_doc->serialized(), beforeDelete);
        undo->redo();
        QCOMPARE(m_doc->shownVariant(), QString());
        QCOMPARE(m_doc->variantNames(), QStringList{QStringLiteral("with cache")});

        // Undo everything: the file byte for byte, the file's own design shown.
        while (undo->index() > start)
            undo->undo();
        QVERIFY(m_doc->variantNames().isEmpty());
        QCOMPARE(m_doc->shownVariant(), QString());
        QCOMPARE(m_doc->serialized(), original);
        QVERIFY(!m_doc->isModified());
        // And redo everything: the same file as before the undos.
        while (undo->canRedo())
            undo->redo();
        QCOMPARE(m_doc->variantNames(), QStringList{QStringLiteral("with cache")});
        QCOMPARE(stepVariants(m_doc), QStringList{QString()});
    }

    // A saved file holds the variants in format 2: the core reader reads them back, each with
    // its own design and the steps naming it.
    void savingWritesTheVariants()
    {
        QCOMPARE(m_v->newVariant(QStringLiteral("horizontal")), QString());
        m_doc->undoStack()->push(
            new ChangeParameter(m_doc, QStringLiteral("app"), "instances", sc::ParamValue{20, {}}));
        sc::Lesson lesson = m_doc->design().lesson;
        lesson.steps[1].variant = "horizontal";
        m_doc->undoStack()->push(new ChangeLesson(m_doc, lesson, QStringLiteral("step")));
        m_v->combo()->activated(0);
        QCOMPARE(m_v->newVariant(QStringLiteral("Option B")), QString());
        QCOMPARE(m_v->renameVariant(QStringLiteral("horizontal"), QStringLiteral("out")),
                 QString());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("vertical.scalecanvas"));
        QCOMPARE(m_w->saveTo(path), QString());
        const sc::LoadResult r = sc::loadDesignFile(path.toStdString());
        QVERIFY(r.design);
        QCOMPARE(r.fileFormatVersion, 2);
        const sc::Design &file = *r.design;
        QCOMPARE(file.variants.size(), size_t(2));
        QCOMPARE(file.variants[0].name, std::string("out"));
        QCOMPARE(file.variants[1].name, std::string("Option B"));
        // The file's own design: one c5.24xlarge; "out": 20 of them; "Option B": a copy of
        // the file's own.
        QCOMPARE(param(file, "app", "instances")->number, 1.0);
        QCOMPARE(param(file.variants[0].design, "app", "instances")->number, 20.0);
        QCOMPARE(param(file.variants[1].design, "app", "instances")->number, 1.0);
        QCOMPARE(file.variants[1].design.components, file.components);
        QCOMPARE(file.lesson.steps.size(), size_t(2));
        QCOMPARE(file.lesson.steps[1].variant, std::string("out"));
        // Read back, each variant is what the document holds (content, and the file's
        // objective).
        for (const sc::Variant &v : file.variants) {
            const sc::Design *held = m_doc->variantDesign(QString::fromStdString(v.name));
            QVERIFY(held);
            QCOMPARE(sc::designContent(v.design), sc::designContent(*held));
            QCOMPARE(v.design.slo, file.slo);
        }
        QVERIFY(!m_doc->isModified());
    }

    // The combo, the menu and the title follow the document: an undo of a rename, an undo of a
    // creation, the next/previous keys, a lesson step shown, a file opened.
    void menuAndComboFollowTheDocument()
    {
        QCOMPARE(m_v->newVariant(QStringLiteral("a&b")), QString());
        QCOMPARE(comboItems(m_v->combo()), (QStringList{kOwn, QStringLiteral("a&b")}));
        QCOMPARE(menuItems(m_v), (QStringList{kOwn + QStringLiteral(" (the file's own)"),
                                              QStringLiteral("ab")})); // "&&": one "&"
        QCOMPARE(m_v->showActions()[1]->text(), QStringLiteral("a&&b"));
        QCOMPARE(checkedItem(m_v), QStringLiteral("a&b"));
        QVERIFY(m_v->renameAction()->isEnabled());
        QVERIFY(m_v->deleteAction()->text().contains(QStringLiteral("a&&b")));

        QCOMPARE(m_v->renameVariant(QStringLiteral("a&b"), QStringLiteral("b")), QString());
        QCOMPARE(m_v->combo()->currentText(), QStringLiteral("b"));
        QCOMPARE(checkedItem(m_v), QStringLiteral("b"));
        m_doc->undoStack()->undo(); // the rename
        QCOMPARE(comboItems(m_v->combo()), (QStringList{kOwn, QStringLiteral("a&b")}));
        QCOMPARE(m_v->combo()->currentText(), QStringLiteral("a&b"));
        QCOMPARE(checkedItem(m_v), QStringLiteral("a&b"));
        QVERIFY(m_w->windowTitle().contains(QStringLiteral("variant: a&b")));

        // The keys step through Design, then the variants, in the file's order.
        QCOMPARE(m_v->newVariant(QStringLiteral("c")), QString());
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("c"));
        QTest::keyClick(m_w.get(), Qt::Key_PageUp, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("a&b"));
        QTest::keyClick(m_w.get(), Qt::Key_PageUp, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(m_doc->shownVariant(), QString());
        QCOMPARE(m_v->combo()->currentIndex(), 0);
        QCOMPARE(checkedItem(m_v), QString());
        QTest::keyClick(m_w.get(), Qt::Key_PageUp, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(m_doc->shownVariant(), QString()); // the first: nowhere further
        QTest::keyClick(m_w.get(), Qt::Key_PageDown, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("a&b"));

        // A menu entry shows its design.
        m_v->showActions()[2]->trigger();
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("c"));
        QCOMPARE(m_v->combo()->currentText(), QStringLiteral("c"));

        // Undo of the creation of "c" (shown): the design it was made from again, "c" gone.
        m_doc->undoStack()->undo();
        QCOMPARE(comboItems(m_v->combo()), (QStringList{kOwn, QStringLiteral("a&b")}));
        QCOMPARE(m_v->combo()->currentText(), QStringLiteral("a&b"));
        QCOMPARE(menuItems(m_v).size(), 2);

        // The Lesson panel's combo and duplicate share the rules.
        auto *panel = m_w->findChild<LessonPanel *>();
        QVERIFY(panel);
        QVERIFY(!panel->duplicateVariant(QStringLiteral("Design")));
        QVERIFY(panel->duplicateVariant(QStringLiteral("d")));
        QCOMPARE(m_v->combo()->currentText(), QStringLiteral("d"));
        QCOMPARE(panel->variants()->currentText(), QStringLiteral("d"));

        // A file opened: its variants (none).
        m_doc->undoStack()->setClean();
        QVERIFY(m_w->openTemplate(QStringLiteral("stage1-1k")));
        QCOMPARE(comboItems(m_v->combo()),
                 QStringList{QStringLiteral("Stage 1 — one server (~1K users)")});
        QCOMPARE(menuItems(m_v).size(), 1);
        QVERIFY(!m_w->windowTitle().contains(QStringLiteral("variant:")));
    }

    // QA round 2, finding 6: a variant shown is fitted in the view as an opened file is (it kept
    // the 2-box design's 1.4x zoom, and stage 3 showed four boxes); renaming it or an edit keeps
    // the view where the user put it.
    void shownVariantIsFitted()
    {
        QVERIFY(m_w->openTemplate(QStringLiteral("lesson-ladder")));
        CanvasView *view = m_w->view();
        for (const QString &name : {QStringLiteral("stage3-100k"), QStringLiteral("stage2-10k")}) {
            view->setTransform(QTransform::fromScale(1.4, 1.4));
            QVERIFY(m_doc->showVariant(name));
            QCoreApplication::processEvents();
            QVERIFY2(view->zoom() < 1.3, qPrintable(QString::number(view->zoom())));
            QVERIFY(view->zoom() >= MainWindow::kReadableZoom);
            // Every box in view (both fit at 1280 x 800 readably).
            const QRect shown =
                view->mapFromScene(m_w->scene()->itemsBoundingRect()).boundingRect();
            QVERIFY2(view->viewport()->rect().contains(shown),
                     qPrintable(QStringLiteral("%1: %2,%3 %4x%5")
                                    .arg(name)
                                    .arg(shown.x())
                                    .arg(shown.y())
                                    .arg(shown.width())
                                    .arg(shown.height())));
        }
        view->zoomIn();
        const qreal zoom = view->zoom();
        const std::string ownName = m_doc->variantDesign(QStringLiteral("stage2-10k"))->name;
        QCOMPARE(m_v->renameVariant(QStringLiteral("stage2-10k"), QStringLiteral("two")),
                 QString());
        // A design with a name of its own keeps it.
        QVERIFY(ownName != "stage2-10k");
        QCOMPARE(m_doc->variantDesign(QStringLiteral("two"))->name, ownName);
        QCoreApplication::processEvents();
        QCOMPARE(view->zoom(), zoom);
        m_w->scene()->selectIds({QString::fromStdString(m_doc->design().components[0].id)});
        m_w->deleteSelection();
        QCoreApplication::processEvents();
        QCOMPARE(view->zoom(), zoom);
        m_doc->undoStack()->setClean();
    }

    // The combo's last entry asks for a name and makes the variant; cancelled, it changes
    // nothing and the shown design stays selected.
    // With a variant shown and nothing selected, the inspector's name field is the variant's
    // name, as the menus show it, and editing it renames the variant (one undo step, the same
    // checks as the menu's Rename); it edited a second name the design carries inside the file
    // (QA). That one follows the rename where it was the variant's name (New Variant names it so):
    // the lesson's step list and the handout show it (QA).
    void inspectorNameIsTheVariantsName()
    {
        QCOMPARE(m_v->newVariant(QStringLiteral("horizontal")), QString());
        m_w->scene()->clearSelection();
        QLineEdit *name = nullptr;
        QTRY_VERIFY(
            (name = m_w->inspector()->findChild<QLineEdit *>(QStringLiteral("designName"))));
        QCOMPARE(name->text(), QStringLiteral("horizontal"));
        QCOMPARE(m_doc->design().name, std::string("horizontal"));
        QUndoStack *undo = m_doc->undoStack();
        const int at = undo->index();
        name->setText(QStringLiteral(" twenty small "));
        emit name->editingFinished();
        QCOMPARE(m_doc->variantNames(), QStringList{QStringLiteral("twenty small")});
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("twenty small"));
        QCOMPARE(m_v->combo()->currentText(), QStringLiteral("twenty small"));
        QCOMPARE(m_doc->design().name, std::string("twenty small"));
        QCOMPARE(undo->index(), at + 1);
        QTRY_COMPARE(name->text(), QStringLiteral("twenty small"));
        // A name the menu refuses is refused here, with its reason, and nothing changes.
        name->setText(QStringLiteral("Design"));
        emit name->editingFinished();
        QCOMPARE(m_doc->variantNames(), QStringList{QStringLiteral("twenty small")});
        QCOMPARE(undo->index(), at + 1);
        QCOMPARE(name->text(), QStringLiteral("twenty small"));
        QCOMPARE(m_w->inspector()->message(), variantNameProblem(*m_doc, QStringLiteral("Design"),
                                                                 QStringLiteral("twenty small")));
        undo->undo();
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("horizontal"));
        QTRY_COMPARE(name->text(), QStringLiteral("horizontal"));
        // The file's own design: its name, as before.
        m_v->combo()->activated(0);
        QTRY_VERIFY(
            (name = m_w->inspector()->findChild<QLineEdit *>(QStringLiteral("designName"))));
        QTRY_COMPARE(name->text(), QString::fromStdString(m_doc->design().name));
    }

    // A value typed and applied in a variant stays there: switched to the file's design with
    // the cursor still in the field, the field losing focus afterwards applied its value to the
    // design now shown too, and the save wrote it in both (QA).
    void editStaysWithItsDesign()
    {
        const QString id = QStringLiteral("app");
        const double before = m_doc->component(id)->number("instances");
        QCOMPARE(m_v->newVariant(QStringLiteral("b")), QString());
        m_w->scene()->selectIds({id});
        QSpinBox *spin = nullptr;
        QTRY_VERIFY((spin = qobject_cast<QSpinBox *>(
                         m_w->inspector()->editor(QStringLiteral("instances")))));
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, QString::number(before + 4));
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(m_doc->component(id)->number("instances"), before + 4);
        QVERIFY(spin->hasFocus());
        QVERIFY(m_doc->showVariant(QString()));
        QApplication::processEvents();
        m_w->view()->setFocus();
        QApplication::processEvents();
        QCOMPARE(m_doc->component(id)->number("instances"), before);
        QVERIFY(m_doc->showVariant(QStringLiteral("b")));
        QCOMPARE(m_doc->component(id)->number("instances"), before + 4);
    }

    // The arrows on the closed combo step through the designs and stop at the last (Down onto
    // "New Variant…" opened its dialog at once; QA), End goes to the last design; and the file's
    // design renamed, the combo names it so (it kept the old name; QA).
    void comboKeysStayOnTheDesigns()
    {
        QCOMPARE(m_v->newVariant(QStringLiteral("b")), QString());
        QComboBox *combo = m_v->combo();
        combo->setFocus();
        QVERIFY(!typing(QString(), [combo] { QTest::keyClick(combo, Qt::Key_Down); }));
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("b"));
        QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(m_doc->shownVariant(), QString());
        QVERIFY(!typing(QString(), [combo] { QTest::keyClick(combo, Qt::Key_End); }));
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("b"));
        QVERIFY(!typing(QString(), [combo] { QTest::keyClick(combo, Qt::Key_PageDown); }));
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("b"));
        QVERIFY(m_doc->showVariant(QString()));
        m_doc->undoStack()->push(new ChangeDesignProperties(m_doc, "Alpha", ""));
        QCOMPARE(combo->itemText(0), QStringLiteral("Alpha"));
        QCOMPARE(combo->currentText(), QStringLiteral("Alpha"));
    }

    void newVariantFromTheCombo()
    {
        QComboBox *combo = m_v->combo();
        const int at = m_doc->undoStack()->index();
        QVERIFY(typing(QString(), [combo] { combo->activated(combo->count() - 1); }));
        QCOMPARE(m_doc->undoStack()->index(), at);
        QCOMPARE(combo->currentText(), kOwn);
        QVERIFY(typing(QStringLiteral("from the combo"),
                       [combo] { combo->activated(combo->count() - 1); }));
        QCOMPARE(m_doc->undoStack()->index(), at + 1);
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("from the combo"));
        QCOMPARE(combo->currentText(), QStringLiteral("from the combo"));
        QCOMPARE(comboItems(combo), (QStringList{kOwn, QStringLiteral("from the combo")}));
    }

    // QA round 3: a long variant name neither widens the combo (it pushed the users' label into
    // the tool bar's overflow) nor is lost: elided in the box, whole in the tooltip and the
    // popup. The file's own design is called by its name, as the title and the compare window
    // call it, and no variant may take that name.
    void longNamesKeepTheComboNarrow()
    {
        QComboBox *combo = m_v->combo();
        const int width = combo->sizeHint().width();
        QVERIFY(width <= 260);
        QVERIFY(combo->toolTip().contains(kOwn));
        QVERIFY(m_w->windowTitle().contains(kOwn));
        QCOMPARE(m_w->openCompare()->optionName(QString()), kOwn);
        const QString longName = QStringLiteral("Option B: fewer app servers on reserved "
                                                "instances, proposal from review");
        QCOMPARE(m_v->newVariant(longName), QString());
        QCOMPARE(combo->currentText(), longName);
        QCOMPARE(combo->sizeHint().width(), width);
        QVERIFY(combo->width() <= 260);
        QVERIFY(combo->toolTip().contains(longName));
        QCOMPARE(combo->itemData(1, Qt::ToolTipRole).toString(), longName);
        QVERIFY(!m_v->newVariant(kOwn).isEmpty());
    }

    // Deleting a variant that lesson steps show asks first (Cancel keeps it); without steps it
    // goes at once (undo brings it back).
    void deleteAsksWhenStepsNameIt()
    {
        QCOMPARE(m_v->newVariant(QStringLiteral("b")), QString());
        const int at = m_doc->undoStack()->index();
        QVERIFY(!answering(QStringLiteral("Cancel"), [this] { m_v->deleteAction()->trigger(); }));
        QVERIFY(m_doc->variantNames().isEmpty());
        QCOMPARE(m_doc->undoStack()->index(), at + 1);
        m_doc->undoStack()->undo();
        QCOMPARE(m_doc->shownVariant(), QStringLiteral("b"));

        sc::Lesson lesson = m_doc->design().lesson;
        lesson.steps[0].variant = "b";
        m_doc->undoStack()->push(new ChangeLesson(m_doc, lesson, QStringLiteral("step")));
        const int withStep = m_doc->undoStack()->index();
        QVERIFY(answering(QStringLiteral("Cancel"), [this] { m_v->deleteAction()->trigger(); }));
        QCOMPARE(m_doc->variantNames(), QStringList{QStringLiteral("b")});
        QCOMPARE(m_doc->undoStack()->index(), withStep);
        QVERIFY(answering(QStringLiteral("Delete"), [this] { m_v->deleteAction()->trigger(); }));
        QVERIFY(m_doc->variantNames().isEmpty());
        QCOMPARE(m_doc->design().lesson.steps.size(), size_t(1));
        QCOMPARE(m_doc->undoStack()->index(), withStep + 1);
        m_doc->undoStack()->undo();
        QCOMPARE(stepVariants(m_doc), (QStringList{QStringLiteral("b"), QString()}));
    }

private:
    std::unique_ptr<MainWindow> m_w;
    Document *m_doc = nullptr;
    VariantsMenu *m_v = nullptr;
};

QTEST_MAIN(TestVariants)
#include "tst_variants.moc"
