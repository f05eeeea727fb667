#include "statusfigures.h"

#include <QEvent>
#include <QLabel>
#include <QLayout>
#include <QScopedValueRollback>

#include <algorithm>

namespace scui {

StatusFigures::StatusFigures(int count, QWidget *parent)
    : QWidget(parent)
    , m_figures(size_t(count))
{
    for (Figure &f : m_figures) {
        f.label = new QLabel(this);
        f.label->setContentsMargins(6, 0, 6, 0);
        f.label->installEventFilter(this);
    }
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void StatusFigures::setFigure(int i, const QStringList &forms, const QString &toolTip)
{
    Figure &f = m_figures[size_t(i)];
    const QStringList given = forms.isEmpty() ? QStringList{QString()} : forms;
    if (f.forms == given && f.toolTip == toolTip)
        return;
    f.forms = given;
    f.toolTip = toolTip;
    hintChanged();
}

QString StatusFigures::fullText(int i) const
{
    const Figure &f = m_figures[size_t(i)];
    return f.forms.isEmpty() ? f.label->text() : f.forms.front();
}

void StatusFigures::setShorteningOrder(std::vector<int> order)
{
    m_order = std::move(order);
    fit();
}

QSize StatusFigures::sizeHint() const
{
    int width = 0, height = 0, shown = 0;
    for (size_t i = 0; i < m_figures.size(); ++i) {
        height = std::max(height, m_figures[i].label->sizeHint().height());
        if (!m_figures[i].label->isHidden()) {
            width += textWidth(int(i), fullText(int(i)));
            ++shown;
        }
    }
    return {width + kSpacing * std::max(0, shown - 1), height};
}

QSize StatusFigures::minimumSizeHint() const
{
    return {0, sizeHint().height()};
}

void StatusFigures::hintChanged()
{
    updateGeometry();
    // The bar gives the row its new width now, not at the next pass of the event loop: the forms
    // are chosen for the width the row has, and the figures read at once are those shown.
    if (QWidget *bar = parentWidget(); bar && bar->layout())
        bar->layout()->activate();
    fit();
}

void StatusFigures::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fit();
}

bool StatusFigures::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::ShowToParent:
    case QEvent::HideToParent:
    case QEvent::FontChange:
        if (!m_fitting)
            hintChanged();
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

// As QLabel measures its plain text for its size hint, with the label's margins.
int StatusFigures::textWidth(int i, const QString &text) const
{
    const QLabel *l = m_figures[size_t(i)].label;
    const QMargins m = l->contentsMargins();
    const int frame = 2 * l->frameWidth();
    return l->fontMetrics().boundingRect(0, 0, 4000, 2000, Qt::AlignLeft, text).width() + m.left() +
           m.right() + frame;
}

void StatusFigures::fit()
{
    if (m_fitting)
        return;
    const QScopedValueRollback<bool> fitting(m_fitting, true);
    const size_t n = m_figures.size();
    std::vector<QString> text(n);
    std::vector<int> form(n, 0);
    const auto total = [&] {
        int sum = 0, shown = 0;
        for (size_t i = 0; i < n; ++i)
            if (!m_figures[i].label->isHidden()) {
                sum += textWidth(int(i), text[i]);
                ++shown;
            }
        return sum + kSpacing * std::max(0, shown - 1);
    };
    for (size_t i = 0; i < n; ++i)
        text[i] = m_figures[i].forms.value(0, m_figures[i].label->text());
    const int room = width();
    // Shorter forms, the least important figure first, each as far as it goes.
    for (const int i : m_order) {
        const QStringList &forms = m_figures[size_t(i)].forms;
        while (total() > room && form[size_t(i)] + 1 < forms.size())
            text[size_t(i)] = forms[++form[size_t(i)]];
    }
    // Still too wide: elided ("…"), in the same order, none below its first letter and "…".
    for (const int i : m_order) {
        const int excess = total() - room;
        const QLabel *l = m_figures[size_t(i)].label;
        if (excess <= 0)
            break;
        if (l->isHidden() || text[size_t(i)].size() < 2)
            continue;
        const int margins = textWidth(i, QString());
        const int least = textWidth(i, text[size_t(i)].left(1) + QChar(0x2026)) - margins;
        const int want = std::max(least, textWidth(i, text[size_t(i)]) - margins - excess);
        text[size_t(i)] = l->fontMetrics().elidedText(text[size_t(i)], Qt::ElideRight, want);
    }
    // Side by side from the left, each as wide as its text.
    int x = 0;
    for (size_t i = 0; i < n; ++i) {
        showText(int(i), text[i]);
        QLabel *l = m_figures[i].label;
        if (l->isHidden())
            continue;
        const int w = textWidth(int(i), text[i]);
        l->setGeometry(x, 0, w, height());
        x += w + kSpacing;
    }
}

void StatusFigures::showText(int i, const QString &text)
{
    const Figure &f = m_figures[size_t(i)];
    f.label->setText(text);
    const QString full = fullText(i);
    // A line another part of the window adds to every tooltip of this label (the Explain
    // panel's "Click to see how it is computed."), kept when the figures change.
    const QString note = f.label->property(kToolTipNote).toString();
    f.label->setToolTip((text == full || f.toolTip.isEmpty()
                             ? f.toolTip
                             : full + QStringLiteral("\n\n") + f.toolTip) +
                        note);
}

} // namespace scui
