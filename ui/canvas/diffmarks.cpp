#include "diffmarks.h"

#include "canvasscene.h"
#include "canvasstyle.h"
#include "componentitem.h"
#include "connectionitem.h"
#include "groupitem.h"

#include "core/analysis/designdiff.h"
#include "core/model/params.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHash>
#include <QPen>
#include <QSet>

#include <algorithm>

namespace scui {
namespace {

constexpr qreal kHalo = 7;       // how far an outline stands off the box, scene units
constexpr qreal kOutlinePen = 4; // the outline's stroke, scene units

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("scui::DiffMarks", text, nullptr, n);
}

// A region's or zone's tag: "new: region eu-central-1", "removed: zone a" (`what`: new, removed).
QString groupTag(const sc::Group &g, const QString &what)
{
    const QString name = displayText(QString::fromStdString(g.label.empty() ? g.id : g.label));
    return g.kind == "region" ? tr("%1: region %2").arg(what, name)
                              : tr("%1: zone %2").arg(what, name);
}

// A tag wider than its outline on two lines, broken after its "; " or ": " whose longer line is
// the shorter ("removed:" over "20 app servers"), so it stands over its own outline and not
// the next one's; one that fits, or has no such break, as it is.
QString fitted(const QString &tag, const QFontMetricsF &metrics, qreal width)
{
    if (metrics.horizontalAdvance(tag) <= width)
        return tag;
    QString best = tag;
    qreal widest = metrics.horizontalAdvance(tag);
    for (const QString &mark : {QStringLiteral("; "), QStringLiteral(": ")}) {
        for (qsizetype at = tag.indexOf(mark); at >= 0; at = tag.indexOf(mark, at + 1)) {
            const QString first = tag.left(at + 1), second = tag.mid(at + mark.size());
            const qreal w =
                std::max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second));
            if (w < widest) {
                widest = w;
                best = first + QLatin1Char('\n') + second;
            }
        }
    }
    return best;
}

} // namespace

QString DiffMarks::valueChangeText(const sc::ValueChange &v)
{
    return QString::fromStdString(sc::valueChangeText(v));
}

QString DiffMarks::changeSummary(const sc::ComponentChange &change)
{
    // Parameters first (what a reviewer looks for: "instances 16 → 4"), then kind and name.
    QStringList parts;
    for (const sc::ValueChange &v : change.params)
        parts << valueChangeText(v);
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
    const auto oldBox = [](const sc::Component &c) {
        return QRectF(QPointF(c.position.x, c.position.y),
                      QSizeF(ComponentItem::kWidth, ComponentItem::kHeight));
    };
    // A removed box under a new one: the new one took its place ("new, replaces Server" when
    // of its kind, "new; removed here: ALB" when not), and no outline of the old is drawn beneath
    // it (QA: the ladder's "removed: All-in-one server" lay over the new app server; the
    // exercises' "removed: ALB" under a new server, its tag run into the new one's). Under
    // several new boxes, the one of its kind, else the one that covers most of it, says so.
    QHash<QString, QString>
        replaces;          // new id → its tag: "new, replaces X" / "new; removed here: X"
    QSet<QString> covered; // removed ids under a new box
    if ((parts & Added) && (parts & Removed))
        for (const std::string &id : diff.componentsRemoved) {
            const sc::Component *c = before.find(id);
            if (!c)
                continue;
            QString best;
            std::pair<int, qreal> bestScore{0, 0};
            for (const std::string &newId : diff.componentsAdded) {
                const QString key = QString::fromStdString(newId);
                const ComponentItem *item = scene->componentItem(key);
                const sc::Component *now = scene->document()->component(key);
                if (!item || !now || !item->boxRect().intersects(oldBox(*c)))
                    continue;
                const QRectF common = item->boxRect().intersected(oldBox(*c));
                const std::pair<int, qreal> score{now->kind == c->kind ? 2 : 1,
                                                  common.width() * common.height()};
                if (score > bestScore && !replaces.contains(key))
                    best = key, bestScore = score;
            }
            if (best.isEmpty())
                continue;
            const QString name =
                displayText(QString::fromStdString(c->label.empty() ? c->id : c->label));
            // Another kind only shares the place: said as that, not as a replacement (QA: a
            // pooler added in B read "in place of Primary", the database B had dropped).
            replaces[best] = bestScore.first == 2 ? tr("new, replaces %1").arg(name)
                                                  : tr("new; removed here: %1").arg(name);
            covered << QString::fromStdString(id);
        }
    if (parts & Added)
        for (const std::string &id : diff.componentsAdded) {
            m_added << QString::fromStdString(id);
            const QString tag = replaces.value(m_added.back(), tr("new"));
            if (ComponentItem *item = scene->componentItem(m_added.back()))
                outline(scene, item->boxRect(), colors.green, Qt::SolidLine, tag);
        }
    // A region or zone B adds, outlined as a box it adds is (GUI QA: a removed one was marked,
    // an added one not).
    if (parts & Added)
        for (const std::string &key : diff.groupsAdded)
            if (GroupItem *g = scene->groupItem(QString::fromStdString(key));
                g && !g->rect().isEmpty()) {
                outline(scene, g->rect(), colors.green, Qt::SolidLine,
                        groupTag(g->group(), tr("new")));
            }
    if (parts & Changed)
        for (const sc::ComponentChange &c : diff.componentsChanged) {
            if (!c.changedBeyondLayout())
                continue;
            m_changed << QString::fromStdString(c.id);
            const QString tag = detail ? tr("changed: %1").arg(changeSummary(c)) : tr("changed");
            if (ComponentItem *item = scene->componentItem(m_changed.back()))
                outline(scene, item->boxRect(), colors.changed, Qt::SolidLine, tag);
        }
    // Where the users are moves the latencies as a box does (the comparison listed it nowhere
    // on the canvas: the two "Users by place" cards differed unmarked).
    // A card where the design before had none is new, as an added box is.
    const bool fresh = before.populations.empty();
    if (!diff.populations.empty() && (parts & (fresh ? Added : Changed)))
        if (const QRectF card = scene->populationsRect(); !card.isEmpty())
            outline(scene, card, fresh ? colors.green : colors.changed, Qt::SolidLine,
                    !detail ? (fresh ? tr("new") : tr("changed"))
                    : fresh ? tr("new: where the users are")
                            : tr("changed: where the users are"));
    if (parts & Removed)
        for (const std::string &id : diff.componentsRemoved) {
            m_removed << QString::fromStdString(id);
            const sc::Component *c = before.find(id);
            if (!c || covered.contains(m_removed.back()))
                continue;
            const QString name = QString::fromStdString(c->label.empty() ? c->id : c->label);
            outline(scene, oldBox(*c), colors.dim, Qt::DashLine,
                    tr("removed: %1").arg(displayText(name)));
        }
    // A region or zone B no longer has, round its removed boxes (QA: B's overlay drew them
    // floating, with nothing to say a whole region went).
    if (parts & Removed)
        for (const std::string &key : diff.groupsRemoved)
            for (const sc::Group &g : before.groups)
                if (sc::groupKey(g) == key && g.width > 0 && g.height > 0)
                    outline(scene, QRectF(g.x, g.y, g.width, g.height), colors.dim, Qt::DashLine,
                            groupTag(g, tr("removed")));
    placeTags(scene);
}

void DiffMarks::outline(CanvasScene *scene, const QRectF &box, const QColor &colour,
                        Qt::PenStyle style, const QString &tag)
{
    const QRectF around = box.adjusted(-kHalo, -kHalo, kHalo, kHalo);
    auto *rect = new QGraphicsRectItem(around);
    rect->setPen(QPen(colour, kOutlinePen, style));
    rect->setBrush(Qt::NoBrush);
    rect->setZValue(-1); // behind the boxes, above the groups
    rect->setAcceptedMouseButtons(Qt::NoButton);
    scene->QGraphicsScene::addItem(rect);
    m_items.push_back(rect);
    // The tag: its text on a patch of the canvas's background, so no line runs through it;
    // placed once every outline is known (placeTags).
    auto *patch = new QGraphicsRectItem;
    patch->setPen(Qt::NoPen);
    patch->setBrush(canvasColors().background);
    patch->setZValue(2); // over the connections and the outlines
    patch->setAcceptedMouseButtons(Qt::NoButton);
    auto *label = new QGraphicsSimpleTextItem(patch);
    QFont f = label->font();
    // 11 pt at 96 dpi, in pixels so a PDF page draws it the same size; presenting, in the
    // boxes' projector proportion (QA: 9 pixels on the screen of a big step at 1920 × 1080).
    f.setPixelSize(ComponentItem::projectorText() ? 24 : 15);
    f.setBold(true);
    label->setFont(f);
    label->setText(fitted(tag, QFontMetricsF(f), around.width()));
    label->setBrush(colour);
    constexpr qreal kPad = 3;
    label->setPos(kPad, 0);
    patch->setRect(QRectF(QPointF(0, 0), label->boundingRect().size() + QSizeF(2 * kPad, 0)));
    scene->QGraphicsScene::addItem(patch);
    m_items.push_back(patch);
    m_pending.push_back({patch, around});
    m_tags << tag;
}

// Each tag goes above its outline's left end, else above its right end, else beside its top
// (right, then left), else below it: the first of those where it covers no box, no other
// outline, no connection's rate and no tag placed before it (boxes stacked closely leave no room
// above the lower one; a removed box's ghost may lie under a new one's tag; QA: presenting, a row
// of removed boxes' tags, wider than their outlines, ran over the next ones, which read as theirs).
void DiffMarks::placeTags(CanvasScene *scene)
{
    std::vector<QRectF> taken;
    for (const auto &[patch, around] : m_pending) {
        const QRectF own = around;
        const QSizeF size = patch->rect().size();
        // Clear of the outlines' strokes (half of each outside its rectangle) by a unit: a tag
        // on a neighbour's stroke cut a gap in its outline (QA: presenting, "new; removed here:
        // All-in-one server" over the top of App servers' outline).
        constexpr qreal kClear = kOutlinePen / 2 + 1;
        const qreal above = around.top() - size.height() - kClear, below = around.bottom() + kClear;
        const qreal left = around.left(), right = around.right() - size.width();
        const qreal beside = around.right() + kClear,
                    before = around.left() - size.width() - kClear;
        const QPointF spots[] = {{left, above},          {right, above}, {beside, around.top()},
                                 {before, around.top()}, {left, below},  {right, below}};
        // What a tag at `at` covers: the area of the boxes, connections' rates (in presentation
        // boxes stand close, the labels of short connections sit above them, and "new" hid
        // "347/s"; QA, the ladder's step 3) and tags placed before it under it.
        const auto covered = [&](QPointF at) {
            const QRectF r(at, size);
            const auto area = [&r](const QRectF &o) {
                const QRectF both = r.intersected(o);
                return both.width() * both.height();
            };
            qreal sum = 0;
            for (const QRectF &t : taken)
                sum += area(t);
            for (const auto &[otherPatch, otherAround] : m_pending)
                if (otherAround != own)
                    sum += area(otherAround.adjusted(-kClear, -kClear, kClear, kClear));
            for (QGraphicsItem *item : scene->items(r))
                if (dynamic_cast<ComponentItem *>(item) ||
                    (item->isVisible() && dynamic_cast<EdgeLabelItem *>(item)))
                    sum += area(item->sceneBoundingRect());
            return sum;
        };
        // The first spot that covers nothing; where every one covers something, the one that
        // covers least (the first spot always hid "removed: All-in-one server"'s rate; QA).
        QPointF best = spots[0];
        qreal least = -1;
        for (const QPointF &at : spots) {
            const qreal c = covered(at);
            if (least < 0 || c < least)
                least = c, best = at;
            if (c == 0)
                break;
        }
        patch->setPos(best);
        taken.push_back(patch->sceneBoundingRect());
    }
    m_pending.clear();
}

void DiffMarks::clear()
{
    for (QGraphicsItem *item : m_items)
        delete item;
    m_items.clear();
    m_pending.clear();
    m_added.clear();
    m_changed.clear();
    m_removed.clear();
    m_tags.clear();
}

} // namespace scui
