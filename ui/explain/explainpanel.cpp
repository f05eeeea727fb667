#include "ui/explain/explainpanel.h"
#include "ui/mainwindow/bringforward.h"
#include "ui/mainwindow/dockaction.h"

#include "ui/numberformat.h"

#include "core/analysis/explain.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/document.h"
#include "ui/inspector/inspector.h"
#include "ui/mainwindow/statusfigures.h"

#include <QAction>
#include <QDockWidget>
#include <QFontDatabase>
#include <QGraphicsScene>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QScrollBar>
#include <QStatusBar>
#include <QTextEdit>
#include <QVBoxLayout>

namespace scui {

ExplainPanel::ExplainPanel(Document *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_title(new QLabel)
    , m_text(new QTextEdit)
{
    setObjectName(QStringLiteral("explainPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    QFont title = m_title->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    m_title->setFont(title);
    m_title->setWordWrap(true);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QTextEdit::WidgetWidth);
    // Lines break between words and path segments (html() marks those), never inside a word:
    // breaking anywhere let the table's columns shrink to a letter and split "arrivals".
    m_text->setWordWrapMode(QTextOption::WordWrap);
    m_text->setPlaceholderText(tr("Click a figure — on a component, in the status bar or in the "
                                  "inspector — to see how it is computed: the formula, this "
                                  "design's inputs and where each comes from, and every step."));
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    connect(m_doc, &Document::evaluated, this, &ExplainPanel::refresh);
    // Another design opened: what was explained belonged to the last one (QA: it kept saying
    // "'Replicas EU' is no longer in the design" over the next). Back to the prompt.
    connect(m_doc, &Document::changed, this, [this](const ChangeEvent &event) {
        if (!event.reset)
            return;
        m_figure.clear();
        m_component.clear();
        m_title->clear();
        m_text->clear();
    });
}

void ExplainPanel::explain(const QString &figure, const QString &componentId)
{
    m_figure = figure;
    m_component = componentId;
    refresh();
    emit explained();
}

QString ExplainPanel::text() const
{
    return m_text->toPlainText().remove(QChar(0x200B));
}

namespace {

// Where a line may break in a path: after each dot and before each index, marked by a zero-width
// space ("design.components[5].params.serviceTimeMs" broke as "…params.servic" / "eTimeMs").
QString breakablePath(const QString &escaped)
{
    QString out;
    for (const QChar ch : escaped) {
        if (ch == QLatin1Char('['))
            out += QChar(0x200B);
        out += ch;
        if (ch == QLatin1Char('.') || ch == QLatin1Char('/'))
            out += QChar(0x200B);
    }
    return out;
}

} // namespace

QString ExplainPanel::html(const sc::Explanation &e) const
{
    const auto esc = [this](const std::string &s) {
        return withLabel(QString::fromStdString(s)).toHtmlEscaped();
    };
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    const QString code = QStringLiteral("<span style=\"font-family:'%1'\">%2</span>");
    QString out = QStringLiteral("<p>%1<br>%2</p>")
                      .arg(esc(e.title), tr("at %1 users — docs/model.md “%2”")
                                             .arg(formatFullCount(e.users), esc(e.section)));
    out += QStringLiteral("<p><b>%1</b></p>").arg(tr("Formula"));
    for (const std::string &f : e.formula)
        out += QStringLiteral("<p style=\"margin-left:12px; margin-top:0; margin-bottom:0; "
                              "white-space:pre-wrap\">%1</p>")
                   .arg(code.arg(mono, esc(f)));
    // A value on a line of its own (not broken), what it is and where it comes from under it,
    // wrapped at the panel's width: beside the value, a long description ran off the panel at
    // 1280 x 800 and needed a horizontal scroll bar (QA).
    const auto table = [&](const QString &heading, const std::vector<sc::ExplainValue> &values) {
        if (values.empty())
            return;
        out += QStringLiteral("<p><b>%1</b></p><table cellspacing=\"0\" cellpadding=\"1\">")
                   .arg(heading);
        for (const sc::ExplainValue &v : values) {
            out += QStringLiteral("<tr><td style=\"white-space:nowrap; padding-left:12px\">%1"
                                  "</td></tr>")
                       .arg(code.arg(mono, esc(sc::explainHead(v))));
            QString about = esc(v.what);
            if (!v.source.empty())
                about += (about.isEmpty() ? QString() : QStringLiteral("<br>")) +
                         tr("from %1").arg(breakablePath(esc(v.source)));
            if (!about.isEmpty())
                out += QStringLiteral("<tr><td style=\"padding-left:28px; padding-bottom:3px\">%1"
                                      "</td></tr>")
                           .arg(about);
        }
        out += QStringLiteral("</table>");
    };
    table(tr("Inputs"), e.inputs);
    table(tr("Steps"), e.steps);
    table(tr("Result"), {e.result});
    out += QStringLiteral("<p style=\"margin-left:12px\">%1</p>")
               .arg(tr("shown as %1").arg(esc(e.shown)));
    if (!e.notes.empty()) {
        out += QStringLiteral("<p><b>%1</b></p>").arg(tr("Notes"));
        for (const std::string &n : e.notes)
            out += QStringLiteral("<p style=\"margin-left:12px\">%1</p>").arg(esc(n));
    }
    return out;
}

void ExplainPanel::refresh()
{
    if (m_figure.isEmpty())
        return;
    // The model the figures come from: under live failures, the design with them.
    const sc::Model *model = m_doc->figuresModel();
    if (!model) {
        m_title->setText(tr("No design"));
        m_text->clear();
        return;
    }
    // The component explained was deleted: say so in the user's words, not the explanation's
    // "unknown component … the design has: …" meant for the command line. The figure is kept:
    // an undo that brings the component back brings its explanation back.
    if (!m_component.isEmpty() && !m_doc->component(m_component)) {
        m_title->setText(tr("Nothing to explain"));
        m_text->setPlainText(tr("“%1” is no longer in the design. Click a figure to see how "
                                "it is computed.")
                                 .arg(m_componentLabel.isEmpty() ? m_component : m_componentLabel));
        m_shownFigure.clear();
        m_shownComponent.clear();
        return;
    }
    if (!m_component.isEmpty())
        m_componentLabel = m_doc->componentLabel(m_component);
    sc::FigureRef ref;
    ref.key = m_figure.toStdString();
    ref.componentId = m_component.toStdString();
    ref.users = m_doc->users();
    std::string error;
    const std::optional<sc::Explanation> e = sc::explainFigure(*model, ref, error);
    if (!e) {
        m_title->setText(tr("Nothing to explain"));
        m_text->setPlainText(QString::fromStdString(error));
        return;
    }
    m_title->setText(withLabel(QString::fromStdString(e->title)));
    // The same figure at new users keeps its place in the text; another starts at the top.
    const bool same = m_shownFigure == m_figure && m_shownComponent == m_component;
    const int scroll = m_text->verticalScrollBar()->value();
    m_text->setHtml(html(*e));
    if (same)
        m_text->verticalScrollBar()->setValue(scroll);
    m_shownFigure = m_figure;
    m_shownComponent = m_component;
}

QString ExplainPanel::withLabel(QString text) const
{
    // Core names a component by its id, "app (App server)", as the command line takes it; the
    // user knows the box by its label: "App tier (App server)".
    const sc::Component *c = m_component.isEmpty() ? nullptr : m_doc->component(m_component);
    if (!c || c->label.empty() || c->label == c->id)
        return text;
    const std::string_view title = sc::kindTitle(c->kind);
    const QString kind =
        QStringLiteral(" (%1)").arg(QString::fromUtf8(title.data(), qsizetype(title.size())));
    return text.replace(m_component + kind, QString::fromStdString(c->label) + kind);
}

FigureAt figureAtScenePos(const CanvasView *view, const QPointF &scenePos)
{
    const QTransform t = view->transform();
    for (QGraphicsItem *item :
         view->scene()->items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder, t)) {
        auto *box = qgraphicsitem_cast<ComponentItem *>(item);
        if (!box)
            continue;
        const QPointF at = box->mapFromScene(scenePos);
        const ComponentItem::Layout lay = box->currentLayout();
        if (lay.bar.contains(at))
            return {box->id(), QStringLiteral("utilization")};
        for (const ComponentItem::Text &text : lay.texts) {
            if (!text.rect.contains(at))
                continue;
            switch (text.role) {
            case ComponentItem::Text::Rps: // the box writes its arrivals
                return {box->id(), QStringLiteral("arrivalRps")};
            case ComponentItem::Text::Latency:
                return {box->id(), QStringLiteral("meanLatencyMs")};
            case ComponentItem::Text::Utilization:
                return {box->id(), QStringLiteral("utilization")};
            case ComponentItem::Text::Cost:
                return {box->id(), QStringLiteral("monthlyCostUsd")};
            default:
                return {};
            }
        }
        return {};
    }
    return {};
}

namespace {

// Clicks on the figures of the boxes and of the status bar. A click on a box's figure explains
// it and goes on to the view as before (it still selects; a drag is not a click).
class FigureClicks final : public QObject
{
public:
    FigureClicks(CanvasView *view, ExplainPanel *panel, Document *doc)
        : QObject(panel)
        , m_view(view)
        , m_panel(panel)
        , m_doc(doc)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::MouseButtonPress) {
            auto *me = static_cast<QMouseEvent *>(event);
            m_pressAt = me->position();
        }
        if (event->type() != QEvent::MouseButtonRelease)
            return false;
        auto *me = static_cast<QMouseEvent *>(event);
        if (me->button() != Qt::LeftButton)
            return false;
        if (auto *label = qobject_cast<QLabel *>(watched)) {
            statusClick(label);
            return false;
        }
        if (watched == m_view->viewport() && (me->position() - m_pressAt).manhattanLength() <= 4) {
            const FigureAt f =
                figureAtScenePos(m_view, m_view->mapToScene(me->position().toPoint()));
            if (!f.figure.isEmpty())
                m_panel->explain(f.figure, f.componentId);
        }
        return false;
    }

private:
    void statusClick(QLabel *label)
    {
        const QString key = label->property("explainFigure").toString();
        if (key.isEmpty())
            return;
        if (key == QLatin1String("bottleneck")) { // headroom: the highest utilization
            const int b = m_doc->evaluation().bottleneck;
            if (b >= 0 && size_t(b) < m_doc->evaluation().components.size())
                m_panel->explain(
                    QStringLiteral("utilization"),
                    QString::fromStdString(m_doc->evaluation().components[size_t(b)].id));
            return;
        }
        m_panel->explain(key);
    }

    CanvasView *m_view;
    ExplainPanel *m_panel;
    Document *m_doc;
    QPointF m_pressAt;
};

QMenu *viewMenuOf(QMainWindow *window)
{
    for (QAction *a : window->menuBar()->actions())
        if (a->menu() && a->text().remove(QLatin1Char('&')) == QLatin1String("View"))
            return a->menu();
    return nullptr;
}

} // namespace

QDockWidget *createExplainDock(QMainWindow *window, Document *doc, CanvasView *view,
                               QMenu *viewMenu)
{
    auto *dock = new QDockWidget(QObject::tr("Explain"), window);
    dock->setObjectName(QStringLiteral("explain"));
    auto *panel = new ExplainPanel(doc, dock);
    dock->setWidget(panel);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    // A tab beside the inspector: the explanation has the height of the window.
    if (auto *inspector = window->findChild<QDockWidget *>(QStringLiteral("inspector")))
        window->tabifyDockWidget(inspector, dock);
    dock->hide();
    // At the dock's width (the text wraps): widened, it took the canvas's room and kept it after
    // the panel was closed.
    QObject::connect(panel, &ExplainPanel::explained, dock, [dock] {
        dock->show();
        bringForward(dock);
    });
    auto *clicks = new FigureClicks(view, panel, doc);
    view->viewport()->installEventFilter(clicks);
    for (QLabel *label : window->statusBar()->findChildren<QLabel *>())
        if (!label->property("explainFigure").toString().isEmpty()) {
            label->installEventFilter(clicks);
            label->setCursor(Qt::PointingHandCursor);
            // (A property the status bar's figures end their tooltips with, as they change.)
            const QString note = QObject::tr("\nClick to see how it is computed.");
            label->setProperty(StatusFigures::kToolTipNote, note);
            label->setToolTip(label->toolTip() + note);
        }
    if (auto *inspector = window->findChild<Inspector *>())
        QObject::connect(
            inspector, &Inspector::explainRequested, panel,
            [panel](const QString &id, const QString &figure) { panel->explain(figure, id); });
    if (!viewMenu)
        viewMenu = viewMenuOf(window);
    if (viewMenu) {
        dock->toggleViewAction()->setText(QObject::tr("E&xplain"));
        QAction *item = dockFrontAction(dock); // brings it forward from behind the inspector
        item->setObjectName(QStringLiteral("viewExplain"));
        viewMenu->addAction(item);
    }
    return dock;
}

bool explainSpec(QMainWindow *window, const QString &spec)
{
    auto *panel = window->findChild<ExplainPanel *>();
    if (!panel)
        return false;
    const qsizetype at = spec.indexOf(QLatin1Char('@'));
    panel->explain(at < 0 ? spec : spec.left(at), at < 0 ? QString() : spec.mid(at + 1));
    return true;
}

} // namespace scui
