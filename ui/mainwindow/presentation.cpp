#include "presentation.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/populationsitem.h"
#include "ui/document.h"
#include "ui/explain/explainpanel.h"
#include "ui/mainwindow/bringforward.h"
#include "ui/mainwindow/lessonplayer.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/usersslider.h"
#include "ui/numberformat.h"
#include "ui/timeline/timeline.h"
#include "ui/timeline/timelinerun.h"

#include "core/analysis/limits.h"
#include "core/analysis/model.h"
#include "core/analysis/report.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QShortcut>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace scui {
namespace {

// The strip's type: about 4% of a 1080-line projector's height, readable from the back; smaller
// (not below kStripMinPointSize) where the figures would not all fit across the screen.
constexpr qreal kStripPointSize = 20;
constexpr qreal kStripMinPointSize = 9;
// The largest zoom a fit gives while presenting: a design of a few boxes fills the projector
// (the editor shows it at actual size).
constexpr qreal kProjectorFitZoom = 2;

enum Headline { Users, Peak, P99, Availability, Cost, Walls, HeadlineCount };
// The least room the design's name keeps on the strip, in average characters of its type: the
// figures shrink for it (presenting named no design nor variant; QA), the rest is cut short.
constexpr int kNameChars = 24;
// The name's type against the figures': two lines of it take about the height of one of theirs
// (not below the strip's least type, kStripMinPointSize).
constexpr qreal kNameScale = 0.65;

// The strip's label margins round its text.
constexpr int kLabelMargin = 12;

// Every box in projector text or back: each re-reads its look when next drawn.
void setProjectorText(CanvasScene *scene, bool on)
{
    ComponentItem::setProjectorText(on);
    for (QGraphicsItem *item : scene->items())
        if (auto *box = qgraphicsitem_cast<ComponentItem *>(item)) {
            box->figuresChanged();
            box->update();
        } else if (auto *label = qgraphicsitem_cast<EdgeLabelItem *>(item)) {
            label->textSizeChanged(); // the flow labels and the users' card grow with them
        } else if (auto *card = qgraphicsitem_cast<PopulationsItem *>(item)) {
            card->setRows(card->rows());
        }
    // The card at its new size where it fits (QA: placed for the projector's type left of the
    // users' box, it stayed there, cut off by the canvas's edge, after leaving); then the plates
    // at theirs, clear of the boxes, the card and each other.
    scene->placePopulations();
    scene->placeLabels();
}

// What is presented: the design shown, and under it whose variant it is and the file
// ("two-regions" over "variant of one-region · regions.scalecanvas").
std::pair<QString, QString> presentedName(const Document &doc)
{
    QStringList detail;
    const QString variant = doc.shownVariant();
    if (!variant.isEmpty())
        detail << Presentation::tr("variant of %1").arg(doc.fileDesignName());
    if (!doc.filePath().isEmpty())
        detail << QFileInfo(doc.filePath()).fileName();
    return {variant.isEmpty() ? doc.designName() : variant, detail.join(QStringLiteral(" · "))};
}

// The name's type at the figures' `font`, bold for its first line.
QFont nameFont(QFont font, bool bold)
{
    font.setPointSizeF(std::max(kStripMinPointSize, font.pointSizeF() * kNameScale));
    font.setBold(bold);
    return font;
}

} // namespace

Presentation::Presentation(MainWindow *window, Document *doc)
    : QObject(window)
    , m_window(window)
    , m_doc(doc)
{
    m_restoring.setSingleShot(true);
    m_restoring.setInterval(1000);
    connect(&m_restoring, &QTimer::timeout, this, &Presentation::endRestoring);
    m_strip = new QToolBar(tr("Headline figures"), window);
    m_strip->setObjectName(QStringLiteral("headlineStrip"));
    m_strip->setMovable(false);
    m_strip->setFloatable(false);
    QFont big = m_strip->font();
    big.setPointSizeF(kStripPointSize);
    m_name = new QLabel;
    m_name->setObjectName(QStringLiteral("presentedDesign"));
    m_name->setTextFormat(Qt::RichText);
    m_name->setFont(nameFont(big, false));
    m_name->setContentsMargins(kLabelMargin, 0, kLabelMargin, 0);
    m_strip->addWidget(m_name);
    for (int i = 0; i < HeadlineCount; ++i) {
        auto *label = new QLabel;
        label->setFont(big);
        label->setContentsMargins(kLabelMargin, 4, kLabelMargin, 4);
        label->setObjectName(QStringLiteral("headline%1").arg(i));
        m_strip->addWidget(label);
        m_items.push_back(label);
    }
    m_items[Peak]->setToolTip(tr("Dynamic requests per second (reads and writes) at the daily "
                                 "peak; static fetches (CDN, object storage) are not counted"));
    m_items[Walls]->setToolTip(tr("Saturation wall · latency wall (p99 within the objective)"));
    m_strip->hide();
    m_strip->installEventFilter(this); // a new palette: the misses' red is written again
    const auto key = [this](QKeySequence seq, void (Presentation::*slot)()) {
        auto *s = new QShortcut(seq, m_window);
        s->setContext(Qt::WindowShortcut);
        s->setEnabled(false);
        connect(s, &QShortcut::activated, this, slot);
        m_keys.push_back(s);
    };
    for (Qt::Key k : {Qt::Key_PageDown, Qt::Key_Right, Qt::Key_Space})
        key(QKeySequence(k), &Presentation::next);
    for (Qt::Key k : {Qt::Key_PageUp, Qt::Key_Left})
        key(QKeySequence(k), &Presentation::previous);
    key(QKeySequence(Qt::Key_Escape), &Presentation::leave);
    m_lesson = new LessonPlayer(window, doc);
    // A shows a step's answer; ↓ and Return are a lesson's Next and ↑ its Previous, as a
    // presenter's clicker and slide shows have them: the answer first, then the next step (QA:
    // they showed the answer and then did nothing, and a presenter using them stood on it).
    const auto lessonKey = [this](Qt::Key k, auto slot) {
        auto *s = new QShortcut(QKeySequence(k), m_window);
        s->setContext(Qt::WindowShortcut);
        s->setEnabled(false);
        connect(s, &QShortcut::activated, m_lesson, slot);
        m_keys.push_back(s);
    };
    lessonKey(Qt::Key_A, &LessonPlayer::revealAnswer);
    for (Qt::Key k : {Qt::Key_Down, Qt::Key_Return, Qt::Key_Enter})
        lessonKey(k, &LessonPlayer::next);
    lessonKey(Qt::Key_Up, &LessonPlayer::previous);
    auto *play = new QShortcut(QKeySequence(Qt::Key_P), m_window);
    play->setContext(Qt::WindowShortcut);
    play->setEnabled(false);
    connect(play, &QShortcut::activated, m_lesson, &LessonPlayer::playScenario);
    m_keys.push_back(play);
    for (auto signal : {&Document::evaluated, &Document::sloWallFound, &Document::timeFrameChanged,
                        &Document::filePathChanged})
        connect(m_doc, signal, this, [this] {
            if (m_active)
                updateStrip();
        });
    connect(m_doc, &Document::shownVariantChanged, this, [this] {
        if (m_active)
            updateStrip();
    });
}

void Presentation::enter()
{
    if (m_active)
        return;
    m_active = true;
    endRestoring();
    m_savedState = m_window->saveState();
    // restoreState brings the docks back, but not always the tab that was in front of each
    // group (the timeline's came back behind the growth charts).
    m_frontDocks.clear();
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        if (dock->isVisible() && !dock->visibleRegion().isEmpty())
            m_frontDocks.push_back(dock);
    // And the order they came in front: restoreState rebuilds the tab bars, which forgot it (QA:
    // the timeline closed after presenting gave the front to the warnings, not the growth charts
    // chosen before it).
    m_frontOrder = m_window->docksByWhenInFront();
    // The selection too: a lesson's steps show their designs, and the design shown again on
    // leaving had nothing selected (QA: the Inspector read "Design" after Esc).
    m_savedSelection = m_window->scene()->selectedIds();
    // And what the Explain panel showed, cleared by the steps' designs (QA: it came back empty).
    const auto *explain = m_window->findChild<ExplainPanel *>();
    const bool explaining = explain && explain->isVisible(); // its panel shown, in front or not
    m_explainedFigure = explaining ? explain->figure() : QString();
    m_explainedComponent = explaining ? explain->componentId() : QString();
    CanvasView *view = m_window->view();
    m_savedTransform = view->transform();
    m_savedCentre = view->mapToScene(view->viewport()->rect().center());
    m_savedWindowState = m_window->windowState();
    m_menuWasVisible = m_window->menuBar()->isVisible();
    m_statusWasVisible = m_window->statusBar()->isVisible();
    // A scenario on the canvas stays, its timeline beside the diagram: the class sees the spike
    // or the failure played (GUI QA: F5 mid-run showed the steady figures, the run paused).
    // (Not a lesson's: each step shows its design at its users, a step's own scenario played
    // with P; review: a run kept showed its frame on every step's design.)
    QDockWidget *timeline = m_window->timelineDock();
    const bool running =
        m_doc->hasTimeFrame() && timeline->isVisible() && m_doc->design().lesson.steps.empty();
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        if (dock != timeline || !running)
            dock->hide();
    // The canvas is a view (below), and so are the menus' shortcuts: hidden, a menu bar of
    // widgets takes them with it, but one the platform draws keeps them (review: Undo and Open
    // mid-presentation). F5 and the presentation's keys are the window's own.
    m_menusOff.clear();
    for (QAction *menu : m_window->menuBar()->actions())
        if (menu->isEnabled()) {
            menu->setEnabled(false);
            m_menusOff.emplace_back(menu);
        }
    m_window->menuBar()->hide();
    m_window->statusBar()->hide();
    auto *usersBar = m_window->findChild<QToolBar *>(QStringLiteral("usersToolBar"));
    if (m_window->toolBarArea(m_strip) == Qt::NoToolBarArea) {
        if (usersBar) { // above the users bar, on a row of its own
            m_window->insertToolBar(usersBar, m_strip);
            m_window->insertToolBarBreak(usersBar);
        } else {
            m_window->addToolBar(Qt::TopToolBarArea, m_strip);
        }
    }
    m_strip->show();
    if (usersBar) { // the users control in larger type too
        // Return in its field applies the number typed, as it does when not presenting (the
        // window's Return, reveal the answer, took it first: QA, the answer shown early).
        for (QLineEdit *field : usersBar->findChildren<QLineEdit *>())
            field->installEventFilter(this);
        m_usersFont = usersBar->font();
        QFont f = m_usersFont;
        f.setPointSizeF(kStripPointSize * 0.7);
        usersBar->setFont(f);
    }
    for (QShortcut *s : m_keys)
        s->setEnabled(true);
    updateStrip();
    setProjectorText(m_window->scene(), true);
    m_legendWasExpanded = view->legendExpanded();
    view->setLegendExpanded(m_legendWasExpanded); // in projector type
    // A view, as a lesson's steps are (README): nothing on the canvas is edited while presenting.
    m_window->scene()->setReadOnly(true);
    // Fitted again whenever the canvas changes size (the window going full screen, a lesson's
    // bar growing with a longer caption).
    view->viewport()->installEventFilter(this);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setFitLimit(kProjectorFitZoom);
    m_lesson->start(0);
    if (running)
        m_window->showTimelineBesideDiagram();
    m_window->showFullScreen();
    // Fitted once the window has its full-screen size.
    QTimer::singleShot(0, m_window, [this] {
        if (m_active)
            m_window->view()->zoomToFit();
    });
    emit activeChanged(true);
}

void Presentation::leave()
{
    if (!m_active)
        return;
    m_active = false;
    for (QShortcut *s : m_keys)
        s->setEnabled(false);
    m_lesson->stop();
    setProjectorText(m_window->scene(), false);
    // The legend as it was: folded if it was, unfolded while presenting or not (QA).
    m_window->view()->setLegendExpanded(m_legendWasExpanded);
    m_window->scene()->setReadOnly(false);
    m_window->view()->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_window->view()->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_window->view()->setFitLimit(0);
    // Out of the window's layout again, so the saved layout is as it was.
    m_window->removeToolBar(m_strip);
    m_strip->hide();
    if (auto *usersBar = m_window->findChild<QToolBar *>(QStringLiteral("usersToolBar"))) {
        for (QLineEdit *field : usersBar->findChildren<QLineEdit *>())
            field->removeEventFilter(this);
        m_window->removeToolBarBreak(usersBar);
        usersBar->setFont(m_usersFont);
    }
    m_window->setWindowState(m_savedWindowState);
    m_window->restoreState(m_savedState);
    for (const QPointer<QAction> &menu : std::exchange(m_menusOff, {}))
        if (menu)
            menu->setEnabled(true);
    m_window->menuBar()->setVisible(m_menuWasVisible);
    m_window->statusBar()->setVisible(m_statusWasVisible);
    m_window->scene()->selectIds(m_savedSelection);
    if (auto *explain = m_window->findChild<ExplainPanel *>();
        explain && !m_explainedFigure.isEmpty() && explain->figure().isEmpty())
        explain->explain(m_explainedFigure, m_explainedComponent);
    for (QDockWidget *dock : std::as_const(m_frontOrder))
        if (dock->isVisible())
            bringForward(dock);
    for (QDockWidget *dock : std::as_const(m_frontDocks))
        if (dock->isVisible())
            bringForward(dock);
    // The view as it was once the window has its old size back: the window manager gives it
    // back in steps after this returns (once was ~145 px off at 1920 × 1080), so at each one.
    m_restoring.start(); // a second, from the last time presenting was left
    QTimer::singleShot(0, this, &Presentation::restoreView);
    emit activeChanged(false);
}

void Presentation::restoreView()
{
    if (m_active || !m_restoring.isActive())
        return;
    m_window->view()->setTransform(m_savedTransform);
    m_window->view()->centerOn(m_savedCentre);
}

void Presentation::endRestoring()
{
    m_restoring.stop();
    if (!m_active)
        m_window->view()->viewport()->removeEventFilter(this);
}

bool Presentation::eventFilter(QObject *watched, QEvent *event)
{
    if (auto *field = qobject_cast<QLineEdit *>(watched)) {
        if (m_active && event->type() == QEvent::ShortcutOverride) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter) {
                event->accept(); // the field's, not the window's shortcut
                // Once it has applied the number, the keys go to the steps again (a number it
                // refused stays in the field, to be put right).
                const double before = m_doc->users();
                QTimer::singleShot(0, m_window, [this, guard = QPointer<QLineEdit>(field), before] {
                    if (m_active && guard && guard->hasFocus() && m_doc->users() != before)
                        m_window->view()->setFocus(Qt::ShortcutFocusReason);
                });
            }
        }
        return QObject::eventFilter(watched, event);
    }
    if (watched == m_strip) {
        if (m_active && event->type() == QEvent::PaletteChange)
            updateStrip();
        return QObject::eventFilter(watched, event);
    }
    if (m_restoring.isActive()) {
        if (event->type() == QEvent::Resize)
            QTimer::singleShot(0, this, &Presentation::restoreView);
        else if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::Wheel)
            endRestoring(); // the user works in the view: it stays where they put it
        return QObject::eventFilter(watched, event);
    }
    if (m_active && event->type() == QEvent::Resize)
        QTimer::singleShot(0, m_window, [this] {
            if (!m_active)
                return;
            fitStrip();
            // A lesson's boxes on their way are fitted where they come to rest (the glide's
            // end), not where they are now.
            if (!m_lesson->gliding())
                m_window->view()->zoomToFit();
        });
    return QObject::eventFilter(watched, event);
}

// Every headline figure on the one row the screen gives the strip: at 20 pt a 1280-pixel screen
// had room for four of the six, the cost and the walls hidden behind the tool bar's "»". The
// design's name before them keeps its least room (nameRoom); the rest of it is cut short.
void Presentation::fitStrip()
{
    const QStyle *style = m_strip->style();
    const int spacing = style->pixelMetric(QStyle::PM_ToolBarItemSpacing, nullptr, m_strip);
    const int room = m_window->width() - 2 * style->pixelMetric(QStyle::PM_ToolBarFrameWidth) -
                     style->pixelMetric(QStyle::PM_ToolBarHandleExtent) -
                     2 * style->pixelMetric(QStyle::PM_ToolBarItemMargin) - 8;
    // A label's width at a size: its text's advance in that type plus what its size hint adds
    // round the text at the type it has (margins, indent, style: the advance alone came short,
    // and at 1280 pixels the walls went behind the "»"; QA). Worked out without setting a font
    // on the labels until the size is chosen: this runs with every new figure while presenting.
    std::vector<int> around;
    for (const QLabel *l : m_items)
        around.push_back(l->sizeHint().width() -
                         QFontMetrics(l->font()).horizontalAdvance(l->text()));
    QFont f = m_items.front()->font();
    qreal size = kStripPointSize;
    int figures = 0;
    for (int round = 0; round < 20; ++round) {
        f.setPointSizeF(size);
        const QFontMetrics fm(f);
        figures = 0;
        for (size_t i = 0; i < m_items.size(); ++i)
            figures += fm.horizontalAdvance(m_items[i]->text()) + around[i] + spacing;
        const int width = figures + nameRoom(f, spacing);
        if (width <= room || size <= kStripMinPointSize)
            break;
        // (What lies round the text does not shrink with it: at least 0.2 pt a round.)
        size = std::max(kStripMinPointSize,
                        std::min(size - 0.2, std::floor(size * room / width * 10) / 10));
    }
    for (QLabel *l : m_items)
        if (l->font() != f)
            l->setFont(f);
    fitName(f, room - figures);
}

int Presentation::nameRoom(const QFont &font, int spacing) const
{
    const QFontMetrics title(nameFont(font, true)), detail(nameFont(font, false));
    const int whole =
        std::max(title.horizontalAdvance(m_shownTitle), detail.horizontalAdvance(m_shownDetail));
    return std::min(whole, kNameChars * detail.averageCharWidth()) + 2 * kLabelMargin + spacing;
}

void Presentation::fitName(const QFont &font, int room)
{
    const QFont plain = nameFont(font, false);
    const QFontMetrics title(nameFont(font, true)), detail(plain);
    const QStyle *style = m_strip->style();
    const int spacing = style->pixelMetric(QStyle::PM_ToolBarItemSpacing, nullptr, m_strip);
    const int whole =
        std::max(title.horizontalAdvance(m_shownTitle), detail.horizontalAdvance(m_shownDetail));
    const int text = std::clamp(room - 2 * kLabelMargin - spacing, 0, whole);
    // (Rich text for the bold line: each line cut short first, then escaped.)
    QString html = QStringLiteral("<b>%1</b>")
                       .arg(title.elidedText(m_shownTitle, Qt::ElideRight, text).toHtmlEscaped());
    if (!m_shownDetail.isEmpty())
        html += QStringLiteral("<br>") +
                detail.elidedText(m_shownDetail, Qt::ElideRight, text).toHtmlEscaped();
    if (m_name->font() != plain)
        m_name->setFont(plain);
    m_name->setText(html);
    m_name->setToolTip(shownName());
}

QString Presentation::shownName() const
{
    return m_shownDetail.isEmpty() ? m_shownTitle
                                   : QStringLiteral("%1 · %2").arg(m_shownTitle, m_shownDetail);
}

void Presentation::next()
{
    if (m_lesson->active())
        return m_lesson->next();
    m_doc->setUsers(UsersSlider::decadeFrom(m_doc->users(), 1));
}

void Presentation::previous()
{
    if (m_lesson->active())
        return m_lesson->previous();
    m_doc->setUsers(UsersSlider::decadeFrom(m_doc->users(), -1));
}

QStringList Presentation::headlines() const
{
    QStringList texts;
    for (QLabel *l : m_items)
        texts.push_back(l->text());
    return texts;
}

void Presentation::updateStrip()
{
    std::tie(m_shownTitle, m_shownDetail) = presentedName(*m_doc);
    updateHeadlines();
}

void Presentation::updateHeadlines()
{
    const sc::Evaluation &ev = m_doc->evaluation();
    const bool ok = m_doc->modelOk();
    const sc::Slo &slo = m_doc->design().slo;
    const QString none = QStringLiteral("—");
    m_items[Users]->setText(tr("%1 users").arg(formatCount(m_doc->users())));
    // Dynamic requests, as the status bar words it (the clients' boxes add the static fetches).
    m_items[Peak]->setText(
        tr("peak %1 dynamic req/s").arg(ok ? formatCount(ev.demand.peakRps) : none));
    // Without clients nothing is sent: no latency and no share served to speak of (not
    // "overloaded", not 100%), and nothing in red.
    const bool sends = m_doc->sendsRequests();
    // A p99 against the objective ("p99 84 ms ≤ 500 ms"), none past an overloaded station.
    const auto p99Text = [&slo](std::optional<double> p99) {
        return p99 ? tr("p99 %1 %2 %3")
                         .arg(formatLatency(*p99),
                              *p99 <= slo.p99Ms ? QStringLiteral("≤") : QStringLiteral(">"),
                              formatLatency(slo.p99Ms))
                   : tr("p99 overloaded");
    };
    bool latencyOk = sends && ev.latency.valid && ev.latency.p99 <= slo.p99Ms;
    m_items[P99]->setText(
        !sends ? tr("p99 %1").arg(none)
               : p99Text(ev.latency.valid ? std::optional(ev.latency.p99) : std::nullopt));
    bool availableOk = sends && ev.availability >= slo.availability;
    // Requests failing at the peak said too, as the status bar's "Failing" does: a p99 within
    // its objective beside boxes that say "20% fail" misled a class (QA).
    const bool failingAtPeak = ok && sends && ev.errorRatePeak > 0;
    m_items[Availability]->setText(
        sends ? tr("available %1 %2 %3")
                        .arg(formatAvailability(ev.availability),
                             availableOk ? QStringLiteral("≥") : QStringLiteral("<"),
                             formatAvailability(slo.availability)) +
                    (failingAtPeak
                         ? tr(" · %1 failing at the peak").arg(formatPercent(ev.errorRatePeak))
                         : QString())
              : tr("available %1").arg(none));
    if (failingAtPeak)
        availableOk = false;
    m_items[Cost]->setText(ok ? formatMonthly(ev.monthlyCostUsd) : none);
    if (const TimelineRun *run = m_doc->timeFrameRun(); run && !run->steps.empty() && sends) {
        // A scenario playing: the strip follows the clock as the boxes do (it kept the steady
        // peak's 1.7k req/s beside boxes at 12k; QA). Cost and walls stay the design's.
        const int at = std::clamp(m_doc->timeFrameStep(), 0, int(run->steps.size()) - 1);
        const sc::SimulationStep &step = run->steps[size_t(at)];
        m_items[Users]->setText(
            tr("%1 users · %2").arg(formatCount(m_doc->users()), run->clockAt(at)));
        m_items[Peak]->setText(tr("%1 dynamic req/s now").arg(formatCount(step.demandRps)));
        latencyOk = step.p99Ms && *step.p99Ms <= slo.p99Ms;
        m_items[P99]->setText(p99Text(step.p99Ms));
        availableOk = !(sc::failingShare(step.errorRps, step.demandRps) > 0);
        m_items[Availability]->setText(failingNowText(step));
    }
    // 0 is a wall below the fewest users the model counts, as the status bar says it ("0" read
    // as a figure; QA).
    const auto wall = [](const std::optional<double> &u) {
        return !u       ? QStringLiteral("∞")
               : *u > 0 ? formatUsers(*u)
                        : tr("below %1").arg(formatCount(sc::kMinUsers));
    };
    const QString latencyWall =
        m_doc->sloWallKnown() ? wall(m_doc->sloMaxUsers()) : QStringLiteral("…");
    // No wall where no dynamic request is served: "none served", not the "∞" of a p99 met at
    // every count (QA: "walls 57.6M · ∞" beside "100% failing"), nor the saturation wall of a
    // station no user's request reaches (GUI QA: "Wall 57.6M" beside "Failing 100%"); the two
    // walls as one, as the status bar says them. Each named, as the status bar names them
    // ("walls 19.2k · 16.2k" did not say which was which; QA).
    m_items[Walls]->setText(
        !sends ? tr("walls %1").arg(none) // nothing sent, nothing saturates
        : ok && sc::servesNothing(ev)
            ? tr("walls none served")
            : tr("wall %1 · latency wall %2").arg(wall(ev.maxUsers), latencyWall));
    // Red where the design misses its objective.
    for (auto [item, good] : {std::pair{m_items[P99], latencyOk || !sends},
                              {m_items[Availability], availableOk || !sends}})
        item->setStyleSheet(good ? QString()
                                 : QStringLiteral("color: %1").arg(canvasColors().red.name()));
    fitStrip();
}

} // namespace scui
