#pragma once

#include <QFrame>

namespace scui {

// The empty canvas's welcome: a card over the middle of the view naming the first things to do
// (a worked design from the templates, the scaling-ladder lesson, a file of one's own, or a
// component dragged from the palette and wired). The main window shows it while the design
// has no component and hides it once one is added; it never covers a design.
class WelcomeOverlay final : public QFrame
{
    Q_OBJECT

public:
    explicit WelcomeOverlay(QWidget *parent);
    // Centres the card over `area` (the view's viewport, in the parent's coordinates).
    void placeOver(const QRect &area);

signals:
    void templateRequested();
    void lessonRequested();
    void openRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    // A component dragged from the palette over the card: the card steps aside, so the drop
    // lands on the canvas beneath it.
    void dragEnterEvent(QDragEnterEvent *event) override;
};

} // namespace scui
