#pragma once

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QTransform>

#include <vector>

class QAction;
class QLabel;
class QShortcut;
class QToolBar;

class QDockWidget;

namespace scui {

class Document;
class LessonPlayer;
class MainWindow;

// Presentation mode (issue 17; F5, Esc leaves): the window full screen with its docks, menus
// and status bar hidden, the design fitted, a strip of headline figures across the top in
// projector-size type (users, peak req/s, p99 against the objective, availability against it,
// monthly cost, both walls) and the users control below it with each tier's walls marked. A
// presenter's clicker steps the users a decade at a time (PageDown/PageUp, →/←, Space).
// Leaving restores the window as it was. The strip only formats the document's figures.
// A design with a lesson is presented as the lesson: the clicker steps through its steps
// (LessonPlayer) from the first, and A, ↓ or Return reveals a step's answer.
class Presentation : public QObject
{
    Q_OBJECT
public:
    Presentation(MainWindow *window, Document *doc);

    bool active() const { return m_active; }
    void enter();
    void leave();
    void toggle() { m_active ? leave() : enter(); }
    // The clicker: the next decade of users above the viewed count, or the previous below it
    // (10, 100, … 10⁸).
    void next();
    void previous();

    QToolBar *strip() const { return m_strip; }
    LessonPlayer *lesson() const { return m_lesson; }
    // The strip's figures as shown, left to right ("Users 1M", "p99 212 ms ≤ 500 ms", …).
    QStringList headlines() const;
    // What the strip names before its figures, on two lines: the design shown (a variant's name,
    // else the design's) in bold, and below it whose variant it is and the file ("stage4-1m" over
    // "variant of Scaling ladder · ladder.scalecanvas"); each cut short (…) where the row has no
    // room for all of it. Whole, as one line (its tool tip).
    QString shownName() const;

signals:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The name and the figures, as the document has them now; then fitStrip().
    void updateStrip();
    void updateHeadlines();
    void fitStrip();
    // The strip's name (shownName) in type a little over half the figures' `font`, cut short to
    // the `room` they leave it (pixels).
    void fitName(const QFont &font, int room);
    // The name's least room at the figures' `font`: kNameChars characters (all of a shorter
    // name) and its margins.
    int nameRoom(const QFont &font, int spacing) const;
    // After leaving: the canvas's zoom and centre as they were, again at each size the window
    // passes through on its way back (until the user works in the view, or a second passes).
    void restoreView();
    void endRestoring();

    MainWindow *m_window;
    Document *m_doc;
    QToolBar *m_strip;
    LessonPlayer *m_lesson;
    std::vector<QLabel *> m_items;
    QLabel *m_name = nullptr;            // before the figures: what is presented (shownName)
    QString m_shownTitle, m_shownDetail; // the name's two lines, whole
    std::vector<QShortcut *> m_keys;     // enabled only while presenting
    bool m_active = false;
    QByteArray m_savedState;
    QFont m_usersFont;
    QTransform m_savedTransform; // the canvas's zoom and where it looked
    QPointF m_savedCentre;
    Qt::WindowStates m_savedWindowState;
    bool m_menuWasVisible = true, m_statusWasVisible = true;
    bool m_legendWasExpanded = false;
    // The menus disabled while presenting (those that were enabled): a menu bar the platform
    // draws (macOS, a global menu) stays when hidden, and its Undo and Open with it.
    std::vector<QPointer<QAction>> m_menusOff;
    QTimer m_restoring; // running: left a moment ago, the view not settled yet (restoreView)
    QList<QDockWidget *> m_frontDocks; // the docks shown in front of their tab groups
    QList<QDockWidget *> m_frontOrder; // the docks by when they came in front, longest ago first
    QStringList m_savedSelection;      // the components selected (ids)
    QString m_explainedFigure, m_explainedComponent; // what the Explain panel showed
};

} // namespace scui
