#include "lessonplayer.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/timeline/timeline.h"

#include "core/analysis/designdiff.h"

#include <QDockWidget>
#include <QEvent>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QPen>
#include <QToolBar>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <algorithm>

namespace scui {
namespace {

// The bar's type: the presentation strip's size for the caption, a little less for the rest.
constexpr qreal kCaptionPointSize = 18;
// The most of the window's height the bar takes (LessonPlayer::fitCaption).
constexpr double kMostOfTheWindow = 0.4;

QLabel *barLabel(qreal pointSize, bool bold = false)
{
    auto *label = new QLabel;
    QFont f = label->font();
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    label->setFont(f);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

LessonPlayer::LessonPlayer(MainWindow *window, Document *doc)
    : QObject(window)
    , m_window(window)
    , m_doc(doc)
{
    m_bar = new QToolBar(tr("Lesson"), window);
    m_bar->setObjectName(QStringLiteral("lessonBar"));
    m_bar->setMovable(false);
    m_bar->setFloatable(false);
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(16, 6, 16, 8);
    layout->setSpacing(4);
    m_heading = barLabel(kCaptionPointSize * 0.7, true);
    m_caption = barLabel(kCaptionPointSize);
    m_question = barLabel(kCaptionPointSize, true);
    m_answer = barLabel(kCaptionPointSize);
    for (QLabel *l : {m_heading, m_caption, m_question, m_answer})
        layout->addWidget(l);
    box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_box = box;
    m_bar->addWidget(box);
    m_bar->hide();
    window->installEventFilter(this);
    // A step's design edited or the lesson changed under the player: the bar follows.
    connect(m_doc, &Document::changed, this, [this](const ChangeEvent &e) {
        if (!m_active)
            return;
        if (stepCount() == 0)
            stop();
        else if (e.lessonChanged)
            updateBar();
    });
}

LessonPlayer::~LessonPlayer() = default;

bool LessonPlayer::eventFilter(QObject *watched, QEvent *event)
{
    // The bar's lines and its share of the height follow the window's size (F5 makes it the
    // screen's).
    if (watched == m_window && event->type() == QEvent::Resize && m_active)
        updateBar();
    return QObject::eventFilter(watched, event);
}

int LessonPlayer::stepCount() const
{
    return int(m_doc->design().lesson.steps.size());
}

bool LessonPlayer::start(int step)
{
    if (stepCount() == 0)
        return false;
    if (!m_active) {
        m_active = true;
        m_savedVariant = m_doc->shownVariant();
        m_savedUsers = m_doc->users();
        m_window->addToolBar(Qt::BottomToolBarArea, m_bar);
        m_bar->show();
        emit activeChanged(true);
    }
    m_step = -1; // nothing to compare the first step shown with
    goTo(step);
    return true;
}

void LessonPlayer::stop()
{
    if (!m_active)
        return;
    m_active = false;
    leaveStep();
    m_step = -1;
    m_window->removeToolBar(m_bar);
    m_bar->hide();
    m_doc->showVariant(m_savedVariant);
    m_doc->setUsers(m_savedUsers);
    emit activeChanged(false);
}

void LessonPlayer::next()
{
    if (!m_active)
        return;
    const sc::LessonStep &s = m_doc->design().lesson.steps[size_t(m_step)];
    if (!s.question.empty() && !s.answer.empty() && !m_answerShown)
        revealAnswer();
    else if (m_step + 1 < stepCount())
        goTo(m_step + 1);
}

void LessonPlayer::previous()
{
    if (m_active && m_step > 0)
        goTo(m_step - 1);
}

void LessonPlayer::goTo(int step)
{
    if (!m_active || stepCount() == 0)
        return;
    show(std::clamp(step, 0, stepCount() - 1));
}

void LessonPlayer::revealAnswer()
{
    if (!m_active || m_answerShown)
        return;
    m_answerShown = true;
    updateBar();
}

bool LessonPlayer::playScenario()
{
    if (!m_active || m_step < 0)
        return false;
    const std::string &name = m_doc->design().lesson.steps[size_t(m_step)].scenario;
    if (name.empty() || !m_window->showTimeline(QString::fromStdString(name), 0))
        return false;
    m_playing = true;
    m_window->timeline()->play();
    return true;
}

void LessonPlayer::closeScenario()
{
    if (!m_playing)
        return;
    m_playing = false;
    m_window->timeline()->stop();
    m_window->timelineDock()->hide();
}

QStringList LessonPlayer::texts() const
{
    return {m_heading->text(), m_caption->text(), m_question->text(), m_answer->text()};
}

void LessonPlayer::show(int step)
{
    const sc::LessonStep target = m_doc->design().lesson.steps[size_t(step)];
    const QString variant = QString::fromStdString(target.variant);
    const QString fromVariant = m_doc->shownVariant();
    const bool first = m_step < 0;
    // Where the boxes are before the step, for those that stay.
    std::vector<std::pair<QString, QPointF>> before;
    for (const sc::Component &c : m_doc->design().components)
        before.emplace_back(QString::fromStdString(c.id), QPointF(c.position.x, c.position.y));
    leaveStep();
    // A step naming no variant stays on the design shown (the loader refuses such files).
    const bool shown = m_doc->showVariant(variant);
    m_doc->setUsers(target.users);
    m_step = step;
    m_answerShown = false;
    // What the step changed from the one before it, whichever way it was reached (back from
    // the next step, the marks were that step's boxes as "removed").
    if (shown && !first && step > 0)
        markChanges(QString::fromStdString(m_doc->design().lesson.steps[size_t(step - 1)].variant));
    updateBar();
    // Fitted to where the boxes go, before they glide there from where they were: fitted to
    // where they started, a box that moved out (lesson-exercises' database, one place right
    // for the pooler) ended past the screen's edge.
    const bool fitted = first || variant != fromVariant;
    if (fitted)
        m_window->view()->zoomToFit();
    if (shown && !first)
        animateFrom(before, fitted);
    emit stepChanged(step);
}

void LessonPlayer::updateBar()
{
    const sc::Lesson &lesson = m_doc->design().lesson;
    if (m_step < 0 || m_step >= int(lesson.steps.size()))
        return;
    const sc::LessonStep &s = lesson.steps[size_t(m_step)];
    QString heading = tr("Step %1 of %2").arg(m_step + 1).arg(lesson.steps.size());
    if (!lesson.title.empty())
        heading += QStringLiteral(" · ") + QString::fromStdString(lesson.title);
    if (!s.scenario.empty())
        heading +=
            QStringLiteral(" · ") + tr("P plays “%1”").arg(QString::fromStdString(s.scenario));
    const bool answer = m_answerShown && !s.answer.empty();
    const bool toReveal = !s.question.empty() && !s.answer.empty() && !answer; // as next() does
    // What the next key does, for a teacher who has not read the README (QA): the answer, the
    // next step, or nothing more.
    const bool last = m_step + 1 == int(lesson.steps.size());
    heading += QStringLiteral(" · ") + (toReveal ? tr("→ shows the answer")
                                        : last   ? tr("end of the lesson, Esc leaves")
                                                 : tr("→ next step"));
    m_heading->setText(heading);
    // The answer takes the caption's place (read by then): the bar grows little, so the canvas
    // keeps its scale and its figures (QA: at 1280 × 800 the ladder's last step, refitted
    // under caption, question and answer, fell to the boxes without figures).
    m_caption->setText(QString::fromStdString(s.caption));
    m_caption->setVisible(!s.caption.empty() && !answer);
    m_question->setText(s.question.empty()
                            ? QString()
                            : tr("Question: %1").arg(QString::fromStdString(s.question)));
    m_question->setVisible(!s.question.empty());
    m_answer->setText(answer ? tr("Answer: %1").arg(QString::fromStdString(s.answer)) : QString());
    m_answer->setVisible(answer);
    // A tool bar does not ask its widgets' height for their width: the wrapped lines' height
    // at the window's width, set here, keeps the bar as tall as its text and no taller.
    const QMargins margins = m_box->layout()->contentsMargins();
    const int width = std::max(200, m_window->width() - margins.left() - margins.right() - 16);
    int height = margins.top() + margins.bottom();
    int shown = 0;
    for (QLabel *l : {m_heading, m_question, m_answer})
        if (!l->isHidden()) {
            height += l->heightForWidth(width);
            ++shown;
        }
    if (!m_caption->isHidden()) {
        height += fitCaption(width, int(m_window->height() * kMostOfTheWindow) - height);
        ++shown;
    }
    height += std::max(0, shown - 1) * m_box->layout()->spacing();
    m_box->setFixedHeight(height);
}

int LessonPlayer::fitCaption(int width, int room)
{
    // A caption of a paragraph or more is cut, ending in "…", to what leaves the diagram most
    // of the window: the bar takes at most kMostOfTheWindow of it, and the caption what the rest
    // of the bar leaves (a line at least). A 3,000-character caption left the diagram a 60 px
    // strip and pushed the question off the screen (QA). The Lesson panel, the tooltip and the
    // handout have it whole.
    const QString full = m_caption->text();
    m_caption->setToolTip(QString());
    room = std::max(room, m_caption->fontMetrics().lineSpacing());
    if (const int whole = m_caption->heightForWidth(width); whole <= room)
        return whole;
    const auto cut = [&full](qsizetype n) { return full.left(n).trimmed() + QStringLiteral("…"); };
    qsizetype fits = 0, over = full.size(); // the longest cut that fits, the shortest that does not
    while (over - fits > 1) {
        const qsizetype mid = (fits + over) / 2;
        m_caption->setText(cut(mid));
        (m_caption->heightForWidth(width) <= room ? fits : over) = mid;
    }
    m_caption->setText(cut(fits));
    m_caption->setToolTip(full);
    return m_caption->heightForWidth(width);
}

void LessonPlayer::leaveStep()
{
    if (m_animation)
        m_animation->stop();
    closeScenario();
    m_marks.clear();
}

void LessonPlayer::markChanges(const QString &fromVariant)
{
    m_marks.clear();
    if (const sc::Design *before = m_doc->variantDesign(fromVariant))
        m_marks.show(m_window->scene(), *before, sc::diffDesigns(*before, m_doc->design()));
}

void LessonPlayer::animateFrom(const std::vector<std::pair<QString, QPointF>> &from, bool fitted)
{
    CanvasScene *scene = m_window->scene();
    std::vector<std::pair<QString, QPointF>> start, end;
    for (const auto &[id, p] : from)
        if (const sc::Component *c = m_doc->component(id)) {
            const QPointF to(c->position.x, c->position.y);
            if (to != p && scene->componentItem(id)) {
                start.emplace_back(id, p);
                end.emplace_back(id, to);
            }
        }
    if (start.empty() || m_animationMs <= 0)
        return;
    auto *animation = new QVariantAnimation(this);
    animation->setStartValue(0.0);
    animation->setEndValue(1.0);
    animation->setDuration(m_animationMs);
    animation->setEasingCurve(QEasingCurve::InOutCubic);
    connect(animation, &QVariantAnimation::valueChanged, this,
            [scene, start, end](const QVariant &v) {
                const qreal t = v.toReal();
                std::vector<std::pair<QString, QPointF>> now;
                now.reserve(start.size());
                for (size_t i = 0; i < start.size(); ++i)
                    now.emplace_back(start[i].first,
                                     start[i].second + (end[i].second - start[i].second) * t);
                scene->showComponentsAt(now);
            });
    connect(animation, &QVariantAnimation::finished, this, [this, scene, end, fitted] {
        scene->showComponentsAt(end);
        // A step fitted on showing is fitted again where its boxes came to rest: a refit as the
        // bar changed height saw them on their way, spread as far as the step before had them
        // (back from a wider step, the step came out smaller than reached forward; QA). Else a
        // box that glided out of the view is brought back.
        CanvasView *view = m_window->view();
        const QRectF seen = view->mapToScene(view->viewport()->rect()).boundingRect();
        bool outside = false;
        for (const auto &[id, at] : end)
            if (const ComponentItem *item = scene->componentItem(id))
                outside = outside || !seen.contains(item->boxRect());
        if (fitted || outside)
            view->zoomToFit();
    });
    m_animation = animation;
    scene->showComponentsAt(start);
    animation->start(QAbstractAnimation::DeleteWhenStopped);
}

} // namespace scui
