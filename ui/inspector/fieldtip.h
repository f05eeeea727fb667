#pragma once

#include <QLabel>
#include <QPointer>

#include <functional>

class QScrollArea;

namespace scui {

// A message about one field, shown under it (or over it where its host ends below it): the
// inspector's refusal of a typed value, which below all the fields can be a screen's height from
// the field typed in (GUI QA: 700 px at 1920 × 1080). It stands over the fields rather than
// between them, so none moves while one is typed in, and clicks go through it to the field
// beneath. It goes when the focus leaves the field or `scroll` scrolls.
class FieldTip : public QLabel
{
public:
    FieldTip(QWidget *host, QScrollArea *scroll);

    void showAt(QWidget *field, const QString &text);
    void dismiss();
    // Called whenever a shown tip goes (dismissed, the focus gone, the fields scrolled).
    void setOnGone(std::function<void()> gone) { m_gone = std::move(gone); }

private:
    QPointer<QWidget> m_field; // the field the tip is about, while shown
    std::function<void()> m_gone;
};

} // namespace scui
