#include "ui/canvas/chaosmarks.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/document.h"

#include <QEvent>
#include <QMenu>
#include <QPainter>

namespace scui {

namespace {

sc::ScenarioEvent chaosEvent(bool fail, const QString &component, int instances,
                             const QString &group)
{
    sc::ScenarioEvent e;
    e.action = fail ? sc::ScenarioEvent::Action::Fail : sc::ScenarioEvent::Action::Restore;
    e.component = component.toStdString();
    e.instances = instances;
    e.group = group.toStdString();
    return e;
}

QAction *chaosAction(QMenu *menu, const QString &text, const char *name, Document *doc,
                     const sc::ScenarioEvent &e)
{
    QAction *a = menu->addAction(text, doc, [doc, e] { doc->chaos(e); });
    a->setObjectName(QLatin1String(name));
    return a;
}

} // namespace

void addChaosActions(QMenu *menu, Document *doc, const QString &component, const QString &group)
{
    if (!doc->modelOk())
        return;
    if (!component.isEmpty()) {
        menu->addSeparator();
        // Only what applies to the state the box shows: the frame's while the timeline shows
        // one, else the live failures'.
        const sc::FailedState s = doc->shownFailedState(component);
        const sc::ComponentResult *r = doc->result(component);
        const sc::Component *c = doc->component(component);
        // The clients are the users, not a server that fails: failed, their requests went
        // nowhere, counted neither served nor failed, beside no warning (review).
        if (!s.down && c && c->kind != sc::Kind::Clients)
            chaosAction(menu, QObject::tr("&Fail Now"), "chaosFail", doc,
                        chaosEvent(true, component, 0, {}));
        if (!s.down && r && c && r->instances > 1 && c->kind != sc::Kind::Database &&
            sc::findParam(c->kind, "instances"))
            chaosAction(menu, QObject::tr("Fail One &Instance Now"), "chaosFailInstance", doc,
                        chaosEvent(true, component, 1, {}));
        if (s.down || s.instancesOut > 0)
            chaosAction(menu, QObject::tr("R&estore Now"), "chaosRestore", doc,
                        chaosEvent(false, component, 0, {}));
        return;
    }
    if (!group.isEmpty()) {
        const sc::Group *g = doc->group(group);
        const bool region = g && g->kind == "region";
        menu->addSeparator();
        chaosAction(menu, region ? QObject::tr("&Fail Region Now") : QObject::tr("&Fail Zone Now"),
                    "chaosFailGroup", doc, chaosEvent(true, {}, 0, group));
        chaosAction(menu,
                    region ? QObject::tr("R&estore Region Now") : QObject::tr("R&estore Zone Now"),
                    "chaosRestoreGroup", doc, chaosEvent(false, {}, 0, group));
        return;
    }
    if (doc->failedCount() > 0) {
        menu->addSeparator();
        QAction *a =
            menu->addAction(QObject::tr("Restore &All Failures"), doc, &Document::restoreAll);
        a->setObjectName(QStringLiteral("chaosRestoreAll"));
    }
}

ChaosMarkItem::ChaosMarkItem(QGraphicsItem *box)
    : QGraphicsItem(box)
{
    setAcceptedMouseButtons(Qt::NoButton); // clicks and menus reach the box below
    setAcceptHoverEvents(false);
    setZValue(10);
}

void ChaosMarkItem::set(State state, int instancesOut)
{
    if (state == m_state && instancesOut == m_instancesOut)
        return;
    m_state = state;
    m_instancesOut = instancesOut;
    update();
}

QString ChaosMarkItem::badge() const
{
    switch (m_state) {
    case State::Down:
        return QObject::tr("FAILED");
    case State::FailedOver:
        return QObject::tr("FAILED OVER");
    case State::InstancesOut:
        break;
    }
    return m_instancesOut == 1 ? QObject::tr("\u22121 INSTANCE")
                               : QObject::tr("\u2212%1 INSTANCES").arg(m_instancesOut);
}

QRectF ChaosMarkItem::boundingRect() const
{
    return {-2, -2, ComponentItem::kWidth + 4, ComponentItem::kHeight + 4};
}

void ChaosMarkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const CanvasColors col = canvasColors();
    const QRectF box(0, 0, ComponentItem::kWidth, ComponentItem::kHeight);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor mark = m_state == State::FailedOver ? col.amber : col.red;
    if (m_state == State::Down) {
        QColor veil = col.background;
        veil.setAlphaF(0.6);
        painter->setPen(Qt::NoPen);
        painter->setBrush(veil);
        painter->drawRoundedRect(box, 6, 6);
        painter->setPen(QPen(mark, 4, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(box.topLeft() + QPointF(12, 12), box.bottomRight() - QPointF(12, 12));
        painter->drawLine(box.topRight() + QPointF(-12, 12), box.bottomLeft() + QPointF(12, -12));
    }
    painter->setPen(QPen(mark, 2));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(box, 6, 6);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(11);
    painter->setFont(font);
    const QString text = badge();
    const qreal w = QFontMetricsF(font).horizontalAdvance(text) + 12;
    const QRectF tag(box.center().x() - w / 2, box.top() - 8, w, 16);
    painter->setPen(Qt::NoPen);
    painter->setBrush(mark);
    painter->drawRoundedRect(tag, 8, 8);
    painter->setPen(Qt::white);
    painter->drawText(tag, Qt::AlignCenter, text);
    painter->restore();
}

ChaosMarks::ChaosMarks(CanvasScene *scene, Document *doc)
    : QObject(scene)
    , m_scene(scene)
    , m_doc(doc)
{
    connect(doc, &Document::evaluated, this, &ChaosMarks::sync);
    connect(doc, &Document::changed, this, &ChaosMarks::sync);
    connect(doc, &Document::timeFrameChanged, this, &ChaosMarks::sync);
}

ChaosMarkItem *ChaosMarks::markOf(const QString &id) const
{
    if (ComponentItem *box = m_scene->componentItem(id))
        for (QGraphicsItem *child : box->childItems())
            if (child->type() == ChaosMarkItem::Type)
                return static_cast<ChaosMarkItem *>(child);
    return nullptr;
}

void ChaosMarks::sync()
{
    QStringList marked;
    // The timeline's frames are a run of the design without them: no marks while it shows one.
    if (m_doc->failedCount() > 0 && !m_doc->hasTimeFrame())
        for (const sc::Component &c : m_doc->design().components) {
            const QString id = QString::fromStdString(c.id);
            const sc::FailedState s = m_doc->failedState(id);
            if (!s.down && s.instancesOut == 0)
                continue;
            ComponentItem *box = m_scene->componentItem(id);
            if (!box)
                continue;
            ChaosMarkItem *mark = markOf(id);
            if (!mark)
                mark = new ChaosMarkItem(box);
            using St = ChaosMarkItem::State;
            mark->set(s.failedOver ? St::FailedOver
                      : s.down     ? St::Down
                                   : St::InstancesOut,
                      s.instancesOut);
            marked << id;
        }
    for (const QString &id : std::as_const(m_marked))
        if (!marked.contains(id))
            delete markOf(id);
    m_marked = marked;
}

ChaosBanner::ChaosBanner(Document *doc, QWidget *view)
    : QToolButton(view)
    , m_doc(doc)
{
    setObjectName(QStringLiteral("chaosBanner"));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setCursor(Qt::PointingHandCursor);
    setStyleSheet(QStringLiteral("QToolButton { background: #c62828; color: white; border: none; "
                                 "border-radius: 4px; padding: 4px 12px; font-weight: bold; }"));
    setToolTip(tr("Failures injected by hand for this session: not an edit, not in the undo "
                  "history and not saved. Click to restore everything."));
    connect(this, &QToolButton::clicked, doc, &Document::restoreAll);
    connect(doc, &Document::evaluated, this, &ChaosBanner::sync);
    view->installEventFilter(this);
    sync();
}

void ChaosBanner::sync()
{
    const int n = m_doc->failedCount();
    if (n > 0)
        setText(n == 1 ? tr("1 failure injected (not saved) — Restore all")
                       : tr("%1 failures injected (not saved) — Restore all").arg(n));
    setVisible(n > 0);
    place();
}

void ChaosBanner::place()
{
    adjustSize();
    if (QWidget *view = parentWidget())
        move((view->width() - width()) / 2, 8);
    raise();
}

bool ChaosBanner::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        place();
    return QToolButton::eventFilter(watched, event);
}

} // namespace scui
