#pragma once

// Live chaos on the canvas (issue 17): what the session's failures (Document::failures) leave
// each box in, drawn over it — a failed component greyed and crossed out, one failed over to
// its standby or short of instances badged — by a mark item per failed box (a handful), a child
// of the box so it follows it. The figures under it are the model's with the failures.

#include <QGraphicsItem>
#include <QObject>
#include <QStringList>
#include <QToolButton>

class QMenu;

namespace scui {

class CanvasScene;
class Document;

// The live chaos entries of the canvas's context menu (issue 17): for component `component`
// Fail Now and Fail One Instance Now (more than one instance) while it is up, Restore Now while
// it is down or short of instances (Document::shownFailedState); for zone or region
// `group` Fail Zone Now and Restore Zone Now; for neither (the background) Restore All Failures
// while some are injected. Each goes through Document::chaos: at the timeline's clock while it
// plays a run, else into the steady figures. Object names chaosFail, chaosFailInstance,
// chaosRestore, chaosFailGroup, chaosRestoreGroup, chaosRestoreAll.
void addChaosActions(QMenu *menu, Document *doc, const QString &component, const QString &group);

class ChaosMarkItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 17 };
    enum class State { Down, FailedOver, InstancesOut };
    explicit ChaosMarkItem(QGraphicsItem *box);
    int type() const override { return Type; }
    void set(State state, int instancesOut);
    State state() const { return m_state; }
    // What the badge says: "FAILED", "FAILED OVER", "−2 INSTANCES".
    QString badge() const;
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    State m_state = State::Down;
    int m_instancesOut = 0;
};

// Keeps the marks in step with the document: after every evaluation, the boxes of failed
// components carry a mark and no other box does; none while the timeline shows a frame (its run
// simulates the design without the live failures).
class ChaosMarks : public QObject
{
    Q_OBJECT

public:
    ChaosMarks(CanvasScene *scene, Document *doc);
    void sync();
    // The mark on component `id`'s box (null when it has none).
    ChaosMarkItem *markOf(const QString &id) const;

private:
    CanvasScene *m_scene;
    Document *m_doc;
    QStringList m_marked; // ids whose boxes had a mark at the last sync
};

// The banner over the canvas while failures are injected: "2 failures injected (not saved) —
// Restore all" (a click restores them all). A child of the view, top centre, so it shows in
// presentation mode too; hidden without failures.
class ChaosBanner final : public QToolButton
{
    Q_OBJECT

public:
    ChaosBanner(Document *doc, QWidget *view);
    void sync();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();
    Document *m_doc;
};

} // namespace scui
