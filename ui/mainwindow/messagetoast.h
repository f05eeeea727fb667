#pragma once

#include <QLabel>
#include <QTimer>

namespace scui {

// A message of the moment ("Saved …", "Nothing to paste", why a connection was refused): a card
// at the bottom of the canvas for a few seconds. The status bar holds only the figures; a
// message there hid them for its six seconds (or, beside them, was cut and ran into them).
// It lets the mouse through to the canvas beneath it.
class MessageToast final : public QLabel
{
    Q_OBJECT

public:
    explicit MessageToast(QWidget *parent);
    // Shows `text` for `ms` milliseconds (0: until the next message or clear()), at the bottom
    // middle of `area` (the view's viewport, in the parent's coordinates).
    void showMessage(const QString &text, int ms, const QRect &area);
    void clear();
    QString message() const { return isVisible() ? m_message : QString(); }
    void placeOver(const QRect &area); // again, as the viewport changes size

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_message; // in full: a long one is elided to the canvas's width
    QTimer m_timer;
};

} // namespace scui
