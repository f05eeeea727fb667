#include "diffmarks.h"

#include "canvasscene.h"
#include "canvasstyle.h"
#include "componentitem.h"

#include "core/model/params.h"

#include <QCoreApplication>
#include <QFont>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>

namespace scui {
namespace {

constexpr qreal kHalo = 7; // how far an outline stands off the box, scene units

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("scui::DiffMarks", text, nullptr, n);
}

} // namespace

QString DiffMarks::changeSummary(const sc::ComponentChange &change)
{
    // Parameters first (what a reviewer looks for: "instances 16 → 4"), then kind and name.
    QStringList parts;
    for (const sc::ValueChange &v : change.params)
        parts << QStringLiteral("%1 %2 → %3")
                     .arg(QString::fromStdString(v.name), QString::fromStdString(v.a),
                          QString::fromStdString(v.b));
    if (change.kindChanged)
        parts << tr("%1 → %2").arg(QString::fromUtf8(sc::kindTitle(change.kindA).data()),
                                   QString::fromUtf8(sc::kindTitle(change.kindB).data()));
    if (change.labelChanged)
        parts << tr("renamed");
    if (parts.isEmpty())
        return {};
    constexpr int kLongest = 36; // characters of the first change a tag shows
    QString first = parts.front();
    if (first.size() > kLongest)
        first = first.left(kLongest - 1) + QStringLiteral("…");
    return parts.size() == 1 ? first : tr("%1 and %n more", int(parts.size() - 1)).arg(first);
}

void DiffMarks::show(CanvasScene *scene, const sc::Design &before, const sc::DesignDiff &diff,
                     int parts, bool detail)
{
    clear();
    const CanvasColors colors = canvasColors();
    if (parts & Added)
        for (const std::string &id : diff.componentsAdded) {
            m_added << QString::fromStdString(id);
            if (ComponentItem *item = scene->componentItem(m_added.back()))
                outline(scene, item->boxRect(), colors.green, Qt::SolidLine, tr("new"));
        }
    if (parts & Changed)
        for (const sc::ComponentChange &c : diff.componentsChanged) {
            if (!c.changedBeyondLayout())
                continue;
            m_changed << QString::fromStdString(c.id);
            const QString tag = detail ? tr("changed: %1").arg(changeSummary(c)) : tr("changed");
            if (ComponentItem *item = scene->componentItem(m_changed.back()))
                outline(scene, item->boxRect(), colors.amber, Qt::SolidLine, tag);
        }
    if (parts & Removed)
        for (const std::string &id : diff.componentsRemoved) {
            m_removed << QString::fromStdString(id);
            const sc::Component *c = before.find(id);
            if (!c)
                continue;
            const QRectF box(QPointF(c->position.x, c->position.y),
                             QSizeF(ComponentItem::kWidth, ComponentItem::kHeight));
            const QString name = QString::fromStdString(c->label.empty() ? c->id : c->label);
            outline(scene, box, colors.dim, Qt::DashLine, tr("removed: %1").arg(displayText(name)));
        }
}

void DiffMarks::outline(CanvasScene *scene, const QRectF &box, const QColor &colour,
                        Qt::PenStyle style, const QString &tag)
{
    auto *rect = new QGraphicsRectItem(box.adjusted(-kHalo, -kHalo, kHalo, kHalo));
    rect->setPen(QPen(colour, 4, style));
    rect->setBrush(Qt::NoBrush);
    rect->setZValue(-1); // behind the boxes, above the groups
    rect->setAcceptedMouseButtons(Qt::NoButton);
    scene->QGraphicsScene::addItem(rect);
    m_items.push_back(rect);
    auto *label = new QGraphicsSimpleTextItem(tag);
    QFont f = label->font();
    f.setPointSizeF(11);
    f.setBold(true);
    label->setFont(f);
    label->setBrush(colour);
    label->setPos(box.left() - kHalo, box.top() - kHalo - 20);
    label->setAcceptedMouseButtons(Qt::NoButton);
    scene->QGraphicsScene::addItem(label);
    m_items.push_back(label);
    m_tags << tag;
}

void DiffMarks::clear()
{
    for (QGraphicsItem *item : m_items)
        delete item;
    m_items.clear();
    m_added.clear();
    m_changed.clear();
    m_removed.clear();
    m_tags.clear();
}

} // namespace scui
