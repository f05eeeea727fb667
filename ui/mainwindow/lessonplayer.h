#pragma once

#include "ui/canvas/diffmarks.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QVariantAnimation>

#include <vector>

class QGraphicsItem;
class QLabel;
class QToolBar;
class QVariantAnimation;

namespace scui {

class Document;
class MainWindow;

// Plays the document's lesson (issue 17; DESIGN.md "Lessons"): each step shows its design (the
// file's own or a variant, Document::showVariant — a view, not an edit) at its user count, with
// its caption and question in a bar along the bottom of the window. Boxes that stay move from
// where they were to where the step has them; what the step added or changed is outlined (green,
// amber) and what it removed is left as a dashed ghost for the step. Next reveals a hidden answer
// before going on, so a presenter's clicker (one button) walks through questions too. Stopping
// shows the variant and users that were shown before.
class LessonPlayer : public QObject
{
    Q_OBJECT
public:
    LessonPlayer(MainWindow *window, Document *doc);
    ~LessonPlayer() override;

    bool active() const { return m_active; }
    int step() const { return m_step; } // 0-based; -1 when not playing
    int stepCount() const;
    bool answerShown() const { return m_answerShown; }

    // Starts at `step` (clamped); false when the document has no lesson.
    bool start(int step = 0);
    void stop();
    void next();     // the answer when hidden, else the next step
    void previous(); // the step before (its answer hidden)
    void goTo(int step);
    void revealAnswer();
    // Plays the step's scenario in the timeline (opened for it, closed again on the next step);
    // false when the step has none or the file does not have it.
    bool playScenario();

    // What the shown step changed against the step before (ids), as highlighted.
    QStringList added() const { return m_marks.added(); }
    QStringList changed() const { return m_marks.changed(); }
    QStringList removed() const { return m_marks.removed(); }
    const DiffMarks &marks() const { return m_marks; }
    QToolBar *bar() const { return m_bar; }
    // The bar's texts as shown: "Step 2 of 5 · title", the caption, the question, the answer
    // (empty until revealed).
    QStringList texts() const;
    // Positions animate over this long (0: at once; tests).
    void setAnimationMs(int ms) { m_animationMs = ms; }
    // Whether a step's boxes are gliding to their places (its fit waits for the end).
    bool gliding() const
    {
        return m_animation && m_animation->state() == QAbstractAnimation::Running;
    }

signals:
    void stepChanged(int step);
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void show(int step);
    void updateBar();
    // The caption cut to `room` px at `width` (whole when it fits); its height.
    int fitCaption(int width, int room);
    // What the shown step left: its animation, its scenario, its outlines.
    void leaveStep();
    void closeScenario();
    void markChanges(const QString &fromVariant);
    // The boxes glide from `from` to their places; `fitted`: the step was fitted to them.
    void animateFrom(const std::vector<std::pair<QString, QPointF>> &from, bool fitted);

    MainWindow *m_window;
    Document *m_doc;
    QToolBar *m_bar;
    QWidget *m_box;
    QLabel *m_heading, *m_caption, *m_question, *m_answer;
    bool m_active = false;
    int m_step = -1;
    bool m_answerShown = false;
    bool m_playing = false; // the timeline was opened for the step's scenario
    int m_animationMs = 450;
    QString m_savedVariant;
    double m_savedUsers = 0;
    DiffMarks m_marks; // outlines and ghosts
    QPointer<QVariantAnimation> m_animation;
};

} // namespace scui
