// The window on a laptop's 1280 x 800 screen, through the real widgets offscreen (QA round 5): the
// folded legend clear of the populations card.

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/noteitem.h"
#include "ui/canvas/populationsitem.h"
#include "ui/document.h"
#include "ui/mainwindow/mainwindow.h"

#include <QStandardPaths>
#include <QtTest>

#include <memory>

using namespace scui;

namespace {

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

} // namespace

class TestSmallScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void legendClearOfThePopulationsCard();
};

void TestSmallScreen::initTestCase()
{
    // A fresh settings profile: nothing of a user's own layout or theme.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_smallscreen"));
}

// QA round 5, finding 3: the folded legend sat over the last rows of the "Users by place" card
// on stage 5 at 1280 x 800 (its clients box just above the bottom-left corner). No box, note or
// card lies under it: as fitted, and scrolled so that the card covers the corner's upper half.
void TestSmallScreen::legendClearOfThePopulationsCard()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openTemplate(QStringLiteral("stage5-10m")));
    settle();
    CanvasView *view = w.view();
    QWidget *legend = view->legend();
    QVERIFY(legend && legend->isVisible() && !view->legendExpanded());
    QGraphicsItem *card = nullptr;
    for (QGraphicsItem *item : w.scene()->items())
        if (qgraphicsitem_cast<PopulationsItem *>(item) && item->isVisible())
            card = item;
    QVERIFY(card);
    const auto under = [&] {
        const QRect tab = legend->geometry().translated(-view->viewport()->geometry().topLeft());
        QStringList found;
        for (QGraphicsItem *item : view->items(tab)) {
            if (qgraphicsitem_cast<PopulationsItem *>(item))
                found << QStringLiteral("the populations card");
            else if (auto *box = dynamic_cast<ComponentItem *>(item))
                found << box->id();
            else if (dynamic_cast<NoteItem *>(item))
                found << QStringLiteral("a note");
        }
        return found.join(QStringLiteral(", "));
    };
    QTRY_VERIFY2(under().isEmpty(), qPrintable(under()));
    // The corner the legend takes first (bottom-left, 10 px in), in the viewport.
    const QSize vp = view->viewport()->size();
    const QRect corner(QPoint(10, vp.height() - 10 - legend->height()), legend->size());
    // The card's bottom-left 5 px right of the viewport's left edge, at the middle of the corner.
    const QPointF want(5, corner.center().y());
    const QPointF bottomLeft = card->sceneBoundingRect().bottomLeft();
    view->centerOn(bottomLeft + (QPointF(vp.width(), vp.height()) / 2 - want) / view->zoom());
    settle();
    const QRect cardAt = view->mapFromScene(card->sceneBoundingRect()).boundingRect();
    QVERIFY2(cardAt.intersects(corner), "the view did not scroll the card to the corner");
    QTRY_VERIFY2(under().isEmpty(), qPrintable(under()));
    QVERIFY(view->viewport()->geometry().contains(legend->geometry()));
    w.document()->undoStack()->setClean();
}

QTEST_MAIN(TestSmallScreen)
#include "tst_smallscreen.moc"
