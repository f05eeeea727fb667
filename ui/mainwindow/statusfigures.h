#pragma once

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;

namespace scui {

// The status bar's row of figures, one label each, left to right. A figure has its full text and
// may have shorter forms; where the row is narrower than every figure in full (a 1280 px window
// with the timeline open and requests failing), figures take their shorter forms, the least
// important first, and as a last resort end in "…". A shortened figure's tooltip starts with
// its full text. The labels are laid out side by side, never over each other: in a box layout
// they were squeezed below their text's width, cut mid-word and ran into the next one.
class StatusFigures final : public QWidget
{
    Q_OBJECT

public:
    explicit StatusFigures(int count, QWidget *parent = nullptr);

    QLabel *label(int i) const { return m_figures[size_t(i)].label; }
    // The forms of figure `i`, longest first (at least one), and what its tooltip explains.
    void setFigure(int i, const QStringList &forms, const QString &toolTip);
    void setFigure(int i, const QString &text, const QString &toolTip)
    {
        setFigure(i, QStringList{text}, toolTip);
    }
    QString fullText(int i) const;
    // The label property (a QString) whose text ends the label's tooltip whatever the figure.
    static constexpr const char *kToolTipNote = "toolTipNote";
    // The figures in the order they give way when the row is too narrow (first, the least
    // important); a figure not named keeps its full text until every named one is elided.
    void setShorteningOrder(std::vector<int> order);

    QSize sizeHint() const override;        // every figure in full
    QSize minimumSizeHint() const override; // a little: the figures shorten to fit

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Figure {
        QLabel *label = nullptr;
        QStringList forms;
        QString toolTip;
    };
    void hintChanged(); // a figure's text or visibility changed: laid out and fitted again
    int textWidth(int i, const QString &text) const; // the label's width for `text`
    void fit();                                      // the forms that fit the width; laid out
    void showText(int i, const QString &text);       // on its label, the tooltip to match

    std::vector<Figure> m_figures;
    std::vector<int> m_order;
    bool m_fitting = false;
    static constexpr int kSpacing = 6;
};

} // namespace scui
