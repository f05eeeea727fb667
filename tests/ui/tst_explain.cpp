// The Explain panel (issue 17, "Explain every number"): a click on a figure of a component box,
// of the status bar or of the inspector shows core's explanation of that figure, through the real
// widgets; the panel follows the users slider; a click on a box still selects it.
#include "core/analysis/explain.h"
#include "core/analysis/model.h"
#include "core/analysis/report.h"
#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/document.h"
#include "ui/explain/explainpanel.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/numberformat.h"
#include "ui/theme.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextLayout>
#include <QTextTable>
#include <QtTest>

#include <memory>
#include <optional>

using namespace scui;

namespace {

// The viewport point at the middle of the text of `role` on component `id`'s box.
QPoint figurePoint(MainWindow &w, const QString &id, ComponentItem::Text::Role role)
{
    ComponentItem *box = w.scene()->componentItem(id);
    if (!box)
        return {};
    for (const ComponentItem::Text &t : box->currentLayout().texts)
        if (t.role == role)
            return w.view()->mapFromScene(box->mapToScene(t.rect.center()));
    return {};
}

QLabel *statusLabel(MainWindow &w, const QString &figure)
{
    for (QLabel *l : w.statusBar()->findChildren<QLabel *>())
        if (l->property("explainFigure").toString() == figure)
            return l;
    return nullptr;
}

// The colours the links of a rich-text label are painted in (a label lays its text out when
// painted).
QSet<QRgb> linkColours(QLabel *label)
{
    label->grab();
    QSet<QRgb> colours;
    for (QTextDocument *doc : label->findChildren<QTextDocument *>())
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
            for (auto it = b.begin(); !it.atEnd(); ++it)
                if (it.fragment().charFormat().isAnchor())
                    colours.insert(it.fragment().charFormat().foreground().color().rgb());
    return colours;
}

} // namespace

class TestExplainPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_explain"));
    }

    void init()
    {
        m_w = std::make_unique<MainWindow>();
        m_w->resize(1600, 1000);
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
        QVERIFY(m_w->openTemplate(QStringLiteral("stage3-100k")));
        QCoreApplication::processEvents();
        m_panel = m_w->findChild<ExplainPanel *>();
        QVERIFY(m_panel);
    }

    void cleanup()
    {
        m_w->document()->undoStack()->setClean();
        m_w.reset();
    }

    // A click on the utilization figure of the app box: the panel opens on that explanation,
    // whose result is the model's utilization; the box is selected as by any click.
    void clickOnBoxFigure()
    {
        auto *dock = qobject_cast<QDockWidget *>(m_panel->parentWidget());
        QVERIFY(dock);
        QVERIFY(!dock->isVisible()); // closed until a figure is clicked
        const QPoint at =
            figurePoint(*m_w, QStringLiteral("app"), ComponentItem::Text::Utilization);
        QVERIFY(m_w->view()->viewport()->rect().contains(at));
        QTest::mouseClick(m_w->view()->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(m_panel->figure(), QStringLiteral("utilization"));
        QCOMPARE(m_panel->componentId(), QStringLiteral("app"));
        QVERIFY(dock->isVisible());
        const sc::ComponentResult *r = m_w->document()->result(QStringLiteral("app"));
        QVERIFY(r);
        const QString text = m_panel->text();
        // The box by the name the user gave it, not its id.
        QVERIFY2(text.contains(QStringLiteral("Utilization ρ of App servers (App server)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ρ = %1").arg(
                     QString::fromStdString(sc::explainNumber(r->utilization)))),
                 qPrintable(text));
        QVERIFY(m_w->scene()->selectedIds().contains(QStringLiteral("app")));

        // The cost line of the db box explains the db's bill.
        const QPoint cost = figurePoint(*m_w, QStringLiteral("db"), ComponentItem::Text::Cost);
        QTest::mouseClick(m_w->view()->viewport(), Qt::LeftButton, {}, cost);
        QTRY_COMPARE(m_panel->figure(), QStringLiteral("monthlyCostUsd"));
        QCOMPARE(m_panel->componentId(), QStringLiteral("db"));
        QVERIFY(m_panel->text().contains(QStringLiteral("Monthly cost of Primary")));

        // The rate a box writes is its arrivals, and explains them (QA: it explained what is
        // served, another figure where a box refuses some).
        const QPoint rate = figurePoint(*m_w, QStringLiteral("db"), ComponentItem::Text::Rps);
        QTest::mouseClick(m_w->view()->viewport(), Qt::LeftButton, {}, rate);
        QTRY_COMPARE(m_panel->figure(), QStringLiteral("arrivalRps"));
        QVERIFY2(m_panel->text().contains(QStringLiteral("Requests arriving at Primary")),
                 qPrintable(m_panel->text()));
    }

    // Under a live failure the panel explains the figures shown, those of the design with the
    // failure (QA: it explained the design without it): an instance of the app tier out raises
    // its utilization, and the explanation's result is the raised one.
    void explainsTheFiguresUnderLiveFailures()
    {
        m_panel->explain(QStringLiteral("utilization"), QStringLiteral("app"));
        const double before = m_w->document()->result(QStringLiteral("app"))->utilization;
        m_w->document()->chaos({0, sc::ScenarioEvent::Action::Fail, "app", 1, {}});
        QCoreApplication::processEvents();
        const double after = m_w->document()->result(QStringLiteral("app"))->utilization;
        QVERIFY(after > before);
        const QString text = m_panel->text();
        QVERIFY2(text.contains(QStringLiteral("ρ = %1").arg(
                     QString::fromStdString(sc::explainNumber(after)))),
                 qPrintable(text));
    }

    // Deleting the component explained: the panel says it is gone, in words and by its label
    // (it printed the command line's "unknown component …; the design has: …", then the id).
    // An undo brings the component back and its explanation with it (QA round 2: "“appServer3”
    // is no longer in the design" stayed after Ctrl+Z).
    void deletedComponentComesBackWithUndo()
    {
        m_panel->explain(QStringLiteral("utilization"), QStringLiteral("cache"));
        QVERIFY(m_panel->text().contains(QStringLiteral("Utilization")));
        m_w->scene()->selectIds({QStringLiteral("cache")});
        m_w->deleteSelection();
        QVERIFY(!m_w->document()->component(QStringLiteral("cache")));
        QCoreApplication::processEvents();
        QString text = m_panel->text();
        QVERIFY2(text.contains(QStringLiteral("“Redis” is no longer in the design")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("the design has")), qPrintable(text));
        m_w->document()->undoStack()->undo();
        QCoreApplication::processEvents();
        text = m_panel->text();
        QVERIFY2(text.contains(QStringLiteral("Utilization ρ of Redis")), qPrintable(text));
        QCOMPARE(m_panel->figure(), QStringLiteral("utilization"));
        QCOMPARE(m_panel->componentId(), QStringLiteral("cache"));
    }

    // Opening another design clears the panel back to its prompt (QA: "“Replicas EU” is no
    // longer in the design" stayed over the next design opened).
    void anotherDesignClearsThePanel()
    {
        m_panel->explain(QStringLiteral("utilization"), QStringLiteral("cache"));
        QVERIFY(m_panel->text().contains(QStringLiteral("Utilization")));
        QVERIFY(m_w->openTemplate(QStringLiteral("stage1-1k")));
        QCoreApplication::processEvents();
        QCOMPARE(m_panel->figure(), QString());
        QCOMPARE(m_panel->componentId(), QString());
        QCOMPARE(m_panel->text(), QString());
    }

    // At 1280 x 800 the panel opens in the inspector's dock at its width: it widened the dock
    // from about 310 to 510 px, and the dock stayed wide after View ▸ Explain was unticked.
    void explainKeepsTheDockWidth()
    {
        m_w->resize(1280, 800);
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        auto *inspector = m_w->findChild<QDockWidget *>(QStringLiteral("inspector"));
        auto *dock = qobject_cast<QDockWidget *>(m_panel->parentWidget());
        QVERIFY(inspector && dock);
        const int canvas = m_w->view()->width();
        m_panel->explain(QStringLiteral("utilization"), QStringLiteral("app"));
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        QVERIFY(dock->isVisible());
        QVERIFY2(
            m_w->view()->width() >= canvas - 2,
            qPrintable(QStringLiteral("canvas %1 -> %2 px").arg(canvas).arg(m_w->view()->width())));
        dock->toggleViewAction()->trigger(); // the dock's toggle: hidden
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        QVERIFY(!dock->isVisible());
        QVERIFY(m_w->view()->width() >= canvas - 2);
    }

    // View ▸ Explain brings the panel forward from behind the inspector's tab; with it in front,
    // hides it (QA: the dock's own toggle hid it, then showed it behind the tab again). Its
    // check mark says whether it is in front.
    void viewMenuBringsTheDockForward()
    {
        auto *inspector = m_w->findChild<QDockWidget *>(QStringLiteral("inspector"));
        auto *dock = qobject_cast<QDockWidget *>(m_panel->parentWidget());
        QVERIFY(inspector && dock);
        QAction *item = nullptr;
        for (QAction *a : m_w->menuBar()->actions())
            if (a->menu() && a->text().remove(QLatin1Char('&')) == QLatin1String("View"))
                for (QAction *v : a->menu()->actions())
                    if (v->text() == dock->toggleViewAction()->text())
                        item = v;
        QVERIFY(item && item != dock->toggleViewAction());
        const auto inFront = [](QDockWidget *d) {
            return d->isVisible() && !d->visibleRegion().isEmpty();
        };
        m_panel->explain(QStringLiteral("utilization"), QStringLiteral("app"));
        QTRY_VERIFY(inFront(dock));
        QTRY_VERIFY(item->isChecked());
        if (!m_w->tabifiedDockWidgets(dock).contains(inspector))
            m_w->tabifyDockWidget(inspector, dock);
        inspector->raise();
        QTRY_VERIFY(!inFront(dock));
        QTRY_VERIFY(!item->isChecked());
        item->trigger();
        QTRY_VERIFY(inFront(dock));
        QTRY_VERIFY(item->isChecked());
        item->trigger();
        QTRY_VERIFY(dock->isHidden());
        QTRY_VERIFY(!item->isChecked());
        item->trigger();
        QTRY_VERIFY(inFront(dock));
    }

    // A drag that starts on a figure moves the box and explains nothing.
    void dragIsNotAClick()
    {
        const QPoint at = figurePoint(*m_w, QStringLiteral("app"), ComponentItem::Text::Latency);
        QWidget *vp = m_w->view()->viewport();
        QTest::mousePress(vp, Qt::LeftButton, {}, at);
        QTest::mouseMove(vp, at + QPoint(40, 30));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, at + QPoint(40, 30));
        QCoreApplication::processEvents();
        QVERIFY(m_panel->figure().isEmpty());
    }

    // The status bar's availability: the design's, as the model gives it; the users slider
    // moves and the explanation follows.
    void clickOnStatusFigure()
    {
        QLabel *avail = statusLabel(*m_w, QStringLiteral("availability"));
        QVERIFY(avail);
        QTest::mouseClick(avail, Qt::LeftButton);
        QTRY_COMPARE(m_panel->figure(), QStringLiteral("availability"));
        QVERIFY(m_panel->componentId().isEmpty());
        const double a = m_w->document()->evaluation().availability;
        QVERIFY2(
            m_panel->text().contains(QStringLiteral("shown as %1")
                                         .arg(QString::fromStdString(sc::formatAvailability(a)))),
            qPrintable(m_panel->text()));

        QLabel *cost = statusLabel(*m_w, QStringLiteral("monthlyCostUsd"));
        QVERIFY(cost);
        QTest::mouseClick(cost, Qt::LeftButton);
        QTRY_COMPARE(m_panel->figure(), QStringLiteral("monthlyCostUsd"));
        QVERIFY(m_panel->text().contains(QStringLiteral("at 100,000 users")));
        m_w->document()->setUsers(400000);
        QTRY_VERIFY2(m_panel->text().contains(QStringLiteral("at 400,000 users")),
                     qPrintable(m_panel->text()));
        QVERIFY(m_panel->text().contains(QStringLiteral("Monthly cost of the design")));
    }

    // Every clickable status figure's tooltip ends with how to see the explanation, and still
    // does after the figures change (the first update replaced the tooltip without it).
    void statusTooltipsKeepTheClickHint()
    {
        const QString hint = QStringLiteral("Click to see how it is computed.");
        const QStringList figures{QStringLiteral("availability"), QStringLiteral("monthlyCostUsd"),
                                  QStringLiteral("peakRps"), QStringLiteral("maxUsers")};
        for (double users : {100000.0, 3e6, 2.5e7}) {
            m_w->document()->setUsers(users);
            for (const QString &figure : figures) {
                QLabel *label = statusLabel(*m_w, figure);
                QVERIFY(label);
                QVERIFY2(label->toolTip().endsWith(hint),
                         qPrintable(figure + QStringLiteral(": ") + label->toolTip()));
            }
        }
    }

    // The inspector's figures are links to their explanations.
    void inspectorFigureLink()
    {
        m_w->scene()->selectIds({QStringLiteral("cache")});
        QCoreApplication::processEvents();
        auto *figures = m_w->findChild<QLabel *>(QStringLiteral("inspectorFigures"));
        QVERIFY(figures);
        QVERIFY(figures->text().contains(QStringLiteral("explain:utilization")));
        emit figures->linkActivated(QStringLiteral("explain:utilization"));
        QCOMPARE(m_panel->figure(), QStringLiteral("utilization"));
        QCOMPARE(m_panel->componentId(), QStringLiteral("cache"));
        QVERIFY(m_panel->text().contains(QStringLiteral("ρ = λ / (nodes × opsPerNode)")));
        // Arrivals link to their own explanation (Served, shown where some fail, to its own).
        QVERIFY(figures->text().contains(QStringLiteral("explain:arrivalRps")));
    }

    // Walk: the clients' inspector read "Availability ≥ 99.999999%" beside "Failed … (100% of
    // arrivals)": the figure was the clients' own, 1 by definition (nothing of theirs fails).
    // The clients show the design's availability, end to end, and say so; the other boxes say
    // that theirs is their own. Clients wired to nothing lose every request: 0.00%.
    void clientsShowAvailabilityEndToEnd()
    {
        const auto figures = [this] {
            QCoreApplication::processEvents();
            return m_w->findChild<QLabel *>(QStringLiteral("inspectorFigures"));
        };
        m_w->scene()->selectIds({QStringLiteral("users")});
        QLabel *f = figures();
        QVERIFY(f);
        const QString served = formatAvailability(m_w->document()->evaluation().availability);
        QVERIFY2(f->text().contains(QStringLiteral("Availability (end to end)")) &&
                     f->text().contains(served.toHtmlEscaped()),
                 qPrintable(f->text()));
        QVERIFY(statusLabel(*m_w, QStringLiteral("availability"))->text().contains(served));
        emit f->linkActivated(QStringLiteral("explain:@availability"));
        QCOMPARE(m_panel->figure(), QStringLiteral("availability"));
        QCOMPARE(m_panel->componentId(), QString());
        QVERIFY2(m_panel->text().contains(QStringLiteral("share of the day's requests served")),
                 qPrintable(m_panel->text()));
        m_w->scene()->selectIds({QStringLiteral("app")});
        f = figures();
        QVERIFY(f);
        QVERIFY2(f->text().contains(QStringLiteral("Availability (alone)")), qPrintable(f->text()));

        sc::Design lone;
        lone.name = "Lone clients";
        sc::Component u;
        u.id = "u";
        u.kind = sc::Kind::Clients;
        lone.components = {u};
        m_w->document()->reset(lone);
        m_w->scene()->selectIds({QStringLiteral("u")});
        f = figures();
        QVERIFY(f);
        const QString text = f->text();
        QVERIFY2(text.contains(QStringLiteral("req/s (100%)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Availability (end to end)")) &&
                     text.contains(QStringLiteral("0.00%")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("99.9")), qPrintable(text));
    }

    // A budget set in Design Properties is read against the cost, as the availability against
    // its objective: the status bar says "> budget" in red when the bill is over it, nothing
    // when within; the undo takes it away.
    void costAgainstTheBudget()
    {
        Document *doc = m_w->document();
        doc->setUsers(100000);
        QLabel *cost = statusLabel(*m_w, QStringLiteral("monthlyCostUsd"));
        QVERIFY(cost);
        const double bill = doc->evaluation().monthlyCostUsd;
        QVERIFY(bill > 100);
        QVERIFY(!cost->text().contains(QStringLiteral("budget")));
        DesignProperties p = doc->properties();
        p.slo.monthlyBudgetUsd = std::floor(bill / 2);
        m_w->setDesignProperties(p);
        QVERIFY2(cost->text().contains(
                     QStringLiteral("> %1 budget").arg(formatMonthly(std::floor(bill / 2)))),
                 qPrintable(cost->text()));
        QVERIFY(cost->styleSheet().contains(canvasColors().red.name()));
        QVERIFY(cost->toolTip().contains(QStringLiteral("The budget is")));
        p.slo.monthlyBudgetUsd = std::ceil(bill * 2);
        m_w->setDesignProperties(p);
        QVERIFY2(!cost->text().contains(QStringLiteral("budget")), qPrintable(cost->text()));
        QVERIFY(cost->styleSheet().isEmpty());
        doc->undoStack()->undo();
        doc->undoStack()->undo();
        QVERIFY(!doc->design().slo.monthlyBudgetUsd);
        QVERIFY(cost->toolTip().indexOf(QStringLiteral("The budget is")) < 0);
    }

    // The pools' figures too: an app server's threads held and a database's connections opened
    // are rows of the inspector that open their explanations.
    void poolFiguresLink()
    {
        m_w->scene()->selectIds({QStringLiteral("app")});
        QCoreApplication::processEvents();
        auto *figures = m_w->findChild<QLabel *>(QStringLiteral("inspectorFigures"));
        QVERIFY(figures);
        QVERIFY2(figures->text().contains(QStringLiteral("explain:threadsBusyPerInstance")),
                 qPrintable(figures->text()));
        QVERIFY(figures->text().contains(QStringLiteral(" per instance")));
        emit figures->linkActivated(QStringLiteral("explain:threadsBusyPerInstance"));
        QCOMPARE(m_panel->figure(), QStringLiteral("threadsBusyPerInstance"));
        QVERIFY2(m_panel->text().contains(QStringLiteral("Threads held per instance of ")),
                 qPrintable(m_panel->text()));
        m_w->scene()->selectIds({QStringLiteral("db")});
        QCoreApplication::processEvents();
        figures = m_w->findChild<QLabel *>(QStringLiteral("inspectorFigures"));
        QVERIFY(figures);
        QVERIFY2(figures->text().contains(QStringLiteral("explain:connectionsOpened")),
                 qPrintable(figures->text()));
        emit figures->linkActivated(QStringLiteral("explain:connectionsOpened"));
        QCOMPARE(m_panel->componentId(), QStringLiteral("db"));
        QVERIFY2(m_panel->text().contains(QStringLiteral("Connections opened to ")),
                 qPrintable(m_panel->text()));
    }

    // Walk: a read replica's connections explained themselves against "maxConnections = 0 ...
    // from design.components[7].params.maxConnections", a parameter it does not have, and said
    // it refuses the rest (TOO_MANY_CONNECTIONS), which the model never does at a replica.
    void replicaConnectionsHaveNoLimit()
    {
        m_w->scene()->selectIds({QStringLiteral("replicas")});
        QCoreApplication::processEvents();
        auto *figures = m_w->findChild<QLabel *>(QStringLiteral("inspectorFigures"));
        QVERIFY(figures);
        emit figures->linkActivated(QStringLiteral("explain:connectionsOpened"));
        QCOMPARE(m_panel->componentId(), QStringLiteral("replicas"));
        const QString text = m_panel->text();
        QVERIFY2(text.contains(QStringLiteral("Connections opened to ")), qPrintable(text));
        const sc::ComponentResult *r = m_w->document()->result(QStringLiteral("replicas"));
        QVERIFY(r && r->connectionsOpened > 0 && r->refusedRps == 0);
        QVERIFY2(!text.contains(QStringLiteral("maxConnections")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("TOO_MANY_CONNECTIONS")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral(" of 0")), qPrintable(text));
    }

    // QA: View ▸ Dark Theme while running left the inspector's figure links pure blue on dark
    // grey (right only after a restart); the status bar's red must follow a palette change too,
    // however it came.
    void colouredTextFollowsTheTheme()
    {
        const QColor light = themePalette(false).color(QPalette::Link);
        const QColor dark = themePalette(true).color(QPalette::Link);
        QVERIFY(light != dark);
        m_w->applyTheme(false);
        m_w->scene()->selectIds({QStringLiteral("app")});
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the old page
        auto *figures = m_w->findChild<QLabel *>(QStringLiteral("inspectorFigures"));
        QVERIFY(figures);
        QCOMPARE(linkColours(figures), QSet<QRgb>{light.rgb()});
        m_w->applyTheme(true); // View ▸ Dark Theme
        QTRY_COMPARE(linkColours(figures), QSet<QRgb>{dark.rgb()});
        m_w->applyTheme(false);
        QTRY_COMPARE(linkColours(figures), QSet<QRgb>{light.rgb()});

        // Past the wall (~580k users, the template says): the status bar says it in red.
        m_w->document()->setUsers(5e6);
        QLabel *failing = statusLabel(*m_w, QStringLiteral("errorRatePeak"));
        QVERIFY(failing);
        QVERIFY(!failing->isHidden());
        const QString lightRed = canvasColors().red.name();
        QVERIFY(failing->styleSheet().contains(lightRed));
        applyTheme(true); // the palette changed by something else than the menu
        const QString darkRed = canvasColors().red.name();
        QVERIFY(darkRed != lightRed);
        QTRY_VERIFY2(failing->styleSheet().contains(darkRed), qPrintable(failing->styleSheet()));
        m_w->applyTheme(false);
        QTRY_VERIFY(failing->styleSheet().contains(lightRed));
    }

    // QA at 1280×800: the panel broke lines inside words and paths ("…params.servic" /
    // "eTimeMs") and its columns went out of line. Lines break between words and path segments
    // only, and what each value is starts at one column, under the value.
    void wrapsAtWordsWithColumnsAligned()
    {
        m_w->resize(1280, 800);
        m_panel->explain(QStringLiteral("utilization"), QStringLiteral("app"));
        auto *dock = qobject_cast<QDockWidget *>(m_panel->parentWidget());
        QVERIFY(dock);
        m_w->resizeDocks({dock}, {300}, Qt::Horizontal); // the width QA saw
        QCoreApplication::processEvents();
        auto *edit = m_panel->findChild<QTextEdit *>();
        QVERIFY(edit);
        QTextDocument *doc = edit->document();
        // The source of the service time: a path longer than the panel is wide.
        QVERIFY(m_panel->text().contains(QStringLiteral("params.serviceTimeMs")));
        int wrapped = 0;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
            QTextLayout *layout = b.layout();
            QVERIFY(layout);
            const QString t = b.text();
            for (int i = 0; i + 1 < layout->lineCount(); ++i) {
                const int at = layout->lineAt(i).textStart() + layout->lineAt(i).textLength();
                if (at <= 0 || at >= t.size())
                    continue;
                ++wrapped;
                QVERIFY2(!(t.at(at - 1).isLetterOrNumber() && t.at(at).isLetterOrNumber()),
                         qPrintable(QStringLiteral("broken inside a word: “%1|%2”")
                                        .arg(t.left(at).right(20), t.mid(at, 20))));
            }
        }
        QVERIFY2(wrapped > 0, "at this width some lines wrap");
        // What each value is, under it: one left edge in every table (the values' at another),
        // and nothing runs past the panel's right edge (QA: beside a long value, "loadBalancer
        // ALB hours" ran off it and needed a horizontal scroll bar).
        int tables = 0;
        for (QTextFrame *f : doc->rootFrame()->childFrames()) {
            auto *table = qobject_cast<QTextTable *>(f);
            if (!table)
                continue;
            ++tables;
            QCOMPARE(table->columns(), 1);
            std::optional<int> values, about;
            for (int r = 0; r < table->rows(); ++r) {
                const QTextTableCell cell = table->cellAt(r, 0);
                const int x = edit->cursorRect(cell.firstCursorPosition()).left();
                const bool value = cell.firstCursorPosition().block().text().contains(
                    QLatin1Char('=')); // "u[1] = 1", "line[2] = 2676.6667 USD/month"
                std::optional<int> &edge = value ? values : about;
                if (!edge)
                    edge = x;
                QCOMPARE(x, *edge);
            }
            QVERIFY(values && about && *about > *values);
        }
        m_panel->explain(QStringLiteral("monthlyCostUsd"), QStringLiteral("lb"));
        QCoreApplication::processEvents();
        QCOMPARE(edit->horizontalScrollBar()->maximum(), 0);
        QVERIFY(tables >= 2); // inputs, steps, result
    }

private:
    std::unique_ptr<MainWindow> m_w;
    ExplainPanel *m_panel = nullptr;
};

QTEST_MAIN(TestExplainPanel)
#include "tst_explain.moc"
