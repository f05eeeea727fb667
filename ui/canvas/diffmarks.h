#pragma once

#include "core/analysis/designdiff.h"

#include <QColor>
#include <QObject>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

class QGraphicsItem;
class QGraphicsRectItem;

namespace scui {

class CanvasScene;

// What one design changed against another, drawn over a canvas (a lesson's next step, option B
// of a comparison): added boxes outlined green ("new"), changed ones amber ("changed" and, when
// asked, what changed: "instances 1 → 20"), removed ones as dashed ghosts where the other design
// had them ("removed: Cache"). Only a kind, label or parameter change counts, never a move. The
// marks are scene items: clear() deletes them; otherwise the scene does when it goes.
class DiffMarks
{
public:
    enum Part { Added = 1, Changed = 2, Removed = 4, All = 7 };

    // Marks on `scene` (which shows `after`) what `diff` (before → after) says, the parts asked
    // for; removed boxes are placed from `before`. `detail`: changed tags name the first change.
    void show(CanvasScene *scene, const sc::Design &before, const sc::DesignDiff &diff,
              int parts = All, bool detail = false);
    void clear();

    QStringList added() const { return m_added; }
    QStringList changed() const { return m_changed; }
    QStringList removed() const { return m_removed; }
    // The tag texts shown, in the order drawn (tests read them).
    QStringList tags() const { return m_tags; }
    const std::vector<QGraphicsItem *> &items() const { return m_items; }

    // "instances 1 → 20" (+ "and 2 more"): the first change of `change` as a tag says it.
    static QString changeSummary(const sc::ComponentChange &change);
    // One parameter's change as the inspector names it: "Multi-AZ on → off", "Pricing
    // on-demand → spot", "Auto-scaling max 10 → 20" (the file's keys: "multiAz true → false").
    static QString valueChangeText(const sc::ValueChange &change);

private:
    void outline(CanvasScene *scene, const QRectF &box, const QColor &colour, Qt::PenStyle style,
                 const QString &tag);
    void placeTags(CanvasScene *scene);

    QStringList m_added, m_changed, m_removed, m_tags;
    std::vector<QGraphicsItem *> m_items; // owned by the scene
    // Tags not yet placed, each with the outline it names (scene coordinates).
    std::vector<std::pair<QGraphicsRectItem *, QRectF>> m_pending;
};

} // namespace scui
