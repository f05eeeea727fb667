#pragma once
// The Explain panel (issue 17, "Explain every number"): click a figure on a component box, in
// the status bar or in the inspector and the panel shows core's explanation of it
// (sc::explainFigure, sc::explanationText) — the formula, the inputs with their sources, the
// intermediate values and the result. The panel computes nothing; it follows the model as it
// rebuilds (the users slider, edits).

#include <QString>
#include <QWidget>

class QDockWidget;
class QLabel;
class QMainWindow;
class QMenu;
class QTextEdit;

namespace sc {
struct Explanation;
}

namespace scui {

class Document;
class CanvasView;

class ExplainPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ExplainPanel(Document *doc, QWidget *parent = nullptr);

    // Shows the explanation of `figure` (a design figure when `componentId` is empty), at the
    // document's users, and keeps it up to date until another is asked for.
    void explain(const QString &figure, const QString &componentId = {});
    QString figure() const { return m_figure; }
    QString componentId() const { return m_component; }
    QString text() const; // as shown, without the invisible break opportunities (tests)

signals:
    void explained(); // a new explanation is shown (the dock raises itself)

private:
    void refresh();
    QString withLabel(QString text) const; // the component's id in core's text as its label
    // Core's explanation as a page: the values in a table (a value, what it is, where from).
    QString html(const sc::Explanation &e) const;

    Document *m_doc;
    QString m_figure, m_component;
    QString m_componentLabel; // as last seen: the component's name once it is deleted
    QString m_shownFigure, m_shownComponent; // what the text shows now
    QLabel *m_title;
    QTextEdit *m_text;
};

// The figure a box shows at `scenePos` ("utilization", "meanLatencyMs", "monthlyCostUsd",
// "arrivalRps") and its component, or empty strings when no figure is there.
struct FigureAt {
    QString componentId, figure;
};
FigureAt figureAtScenePos(const CanvasView *view, const QPointF &scenePos);

// The "Explain" dock (View ▸ Explain) of `window`: the panel, the clicks on the figures of the
// boxes in `view`, of the status-bar labels that carry an "explainFigure" property and of the
// inspector (Inspector::explainRequested). Returns the dock.
QDockWidget *createExplainDock(QMainWindow *window, Document *doc, CanvasView *view,
                               QMenu *viewMenu);

// Opens the Explain panel of `window` on `spec`: "figure" (a design figure) or
// "figure@component" (the screenshot mode's SCALECANVAS_EXPLAIN). False when there is no panel.
bool explainSpec(QMainWindow *window, const QString &spec);

} // namespace scui
