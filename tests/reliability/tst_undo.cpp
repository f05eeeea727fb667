// Undo property test: 1,000 random sequences of edits (add, remove, move with merging drags,
// parameters, autoscale, connections and their weights/classes, rename, traffic, and undo/redo
// in the middle) on a Document, seeded. Every undo index maps to one serialized design: walking the
// stack down gives each recorded state byte for byte down to the original file, walking it up gives
// them back up to the final one, and isModified() is false exactly at the clean index. Every push,
// undo and redo is one change event and one model rebuild (none for a move).
#include "ui/commands/changecommands.h"
#include "ui/commands/componentcommands.h"
#include "ui/document.h"

#include "core/io/format.h"
#include "core/io/templates.h"

#include <QRandomGenerator>
#include <QTest>

using namespace scui;

namespace {

class Editor
{
public:
    Editor(Document &doc, QRandomGenerator &rng)
        : m_doc(doc)
        , m_rng(rng)
    {
    }

    int pick(int n) { return n > 0 ? int(m_rng.bounded(n)) : 0; }
    double real(double lo, double hi) { return lo + (hi - lo) * m_rng.generateDouble(); }

    QString randomId()
    {
        const auto &cs = m_doc.design().components;
        return cs.empty() ? QString() : QString::fromStdString(cs[size_t(pick(int(cs.size())))].id);
    }

    // Pushes one random command; returns false when none applied (e.g. nothing to remove).
    bool pushRandom()
    {
        const sc::Design &d = m_doc.design();
        QUndoStack *undo = m_doc.undoStack();
        const QString id = randomId();
        const sc::Component *c = id.isEmpty() ? nullptr : m_doc.component(id);
        switch (pick(11)) {
        case 0: { // add: a copy of a component, or a new one of any kind
            std::string json;
            if (c && pick(2)) {
                json = serializeComponents(d, {id});
            } else {
                sc::Design part;
                sc::Component n;
                n.kind = sc::allKinds()[size_t(pick(sc::kKindCount))];
                n.id = std::string(sc::kindName(n.kind));
                n.label = "new";
                part.components.push_back(n);
                json = sc::saveDesign(part);
            }
            undo->push(new AddComponents(&m_doc, json, QPointF(real(-50, 50), real(-50, 50))));
            return true;
        }
        case 1: { // remove one or two
            if (d.components.size() < 3)
                return false;
            QStringList ids{id};
            if (pick(2))
                if (QString other = randomId(); other != id)
                    ids << other;
            undo->push(new RemoveComponents(&m_doc, ids));
            return true;
        }
        case 2: { // move; consecutive moves of one gesture merge into one step
            // Half the time the drag goes on: the same component in the same gesture.
            const bool goOn = pick(2) && m_doc.component(m_lastMoved);
            const QString who = goOn ? m_lastMoved : id;
            const sc::Component *m = who.isEmpty() ? nullptr : m_doc.component(who);
            if (!m)
                return false;
            if (!goOn)
                m_gesture = 1 + pick(2);
            m_lastMoved = who;
            const sc::Point to{std::round(real(-500, 500)), std::round(real(-500, 500))};
            undo->push(new MoveComponents(&m_doc, {{who, m->position, to}}, m_gesture));
            return true;
        }
        case 3: { // a parameter: set within its range, or cleared back to the default
            if (!c)
                return false;
            const auto specs = sc::paramSpecs(c->kind);
            if (specs.empty())
                return false;
            const sc::ParamSpec &s = specs[size_t(pick(int(specs.size())))];
            std::optional<sc::ParamValue> v;
            if (pick(5)) {
                v = sc::ParamValue{};
                if (s.type == sc::ParamType::Enum) {
                    const QStringList choices =
                        QString::fromUtf8(s.choices.data(), int(s.choices.size())).split('|');
                    v->text = choices[pick(int(choices.size()))].toStdString();
                } else if (s.type == sc::ParamType::InstanceType) {
                    v->text = c->text(s.name);
                } else if (s.type == sc::ParamType::Bool) {
                    v->number = pick(2);
                } else {
                    const double hi = std::min(s.max, s.min + 100);
                    v->number = real(s.min, hi);
                    if (s.type == sc::ParamType::Int)
                        v->number = std::floor(v->number);
                }
            }
            undo->push(new ChangeParameter(&m_doc, id, std::string(s.name), v));
            return true;
        }
        case 4: { // autoscale on or off
            if (!c || !sc::canAutoscale(c->kind))
                return false;
            std::optional<sc::Autoscale> a;
            if (pick(3)) {
                a = sc::Autoscale{};
                a->min = 1 + pick(3);
                a->max = a->min + pick(20);
                a->targetUtilization = real(0.3, 0.9);
            }
            undo->push(new ChangeAutoscale(&m_doc, id, a));
            return true;
        }
        case 5: { // connect any two (the model may reject it: that is the user's business)
            const QString to = randomId();
            if (!c || to.isEmpty() || to == id)
                return false;
            sc::Connection conn{id.toStdString(), to.toStdString(), {}, {}};
            if (!pick(4))
                conn.weight = real(0.5, 3);
            if (!pick(4))
                conn.classes = {sc::RequestClass(pick(sc::kClassCount))};
            undo->push(new AddConnection(&m_doc, conn));
            return true;
        }
        case 6: {
            if (d.connections.empty())
                return false;
            const sc::Connection &gone = d.connections[size_t(pick(int(d.connections.size())))];
            undo->push(new RemoveConnection(&m_doc, Document::keyOf(gone)));
            return true;
        }
        case 9: { // an edge's weight or classes
            if (d.connections.empty())
                return false;
            const int i = pick(int(d.connections.size()));
            sc::Connection changed = d.connections[size_t(i)];
            changed.weight = pick(2) ? std::optional<double>(real(0.5, 3)) : std::nullopt;
            changed.classes.clear();
            if (pick(2))
                changed.classes = {sc::RequestClass(pick(sc::kClassCount))};
            undo->push(new ChangeConnection(&m_doc, Document::keyOf(changed), changed));
            return true;
        }
        case 7: {
            if (!c)
                return false;
            undo->push(
                new RenameComponent(&m_doc, id, QStringLiteral("L%1 é").arg(m_rng.bounded(1000))));
            return true;
        }
        default: { // traffic
            const auto specs = sc::trafficSpecs();
            const sc::ParamSpec &s = specs[size_t(pick(int(specs.size())))];
            double v = real(s.min, std::min(s.max, s.min + 1000));
            if (s.type == sc::ParamType::Int)
                v = std::floor(v);
            undo->push(new ChangeTraffic(&m_doc, std::string(s.name), v));
            return true;
        }
        }
    }

private:
    Document &m_doc;
    QRandomGenerator &m_rng;
    QString m_lastMoved;
    int m_gesture = 1;
};

// Counts the document's change events and model rebuilds between two checks.
class StepCounter
{
public:
    explicit StepCounter(Document &doc)
        : m_doc(doc)
    {
        QObject::connect(&doc, &Document::changed, [this] { ++m_events; });
        start();
    }
    void start()
    {
        m_events = 0;
        m_builds = m_doc.modelBuilds();
    }
    // Empty when the step since start() (that of `cmd`) was one event and its rebuilds.
    QString check(const QUndoCommand *cmd) const
    {
        const int builds = m_doc.modelBuilds() - m_builds;
        const int expected = cmd && cmd->id() == MoveComponentsId ? 0 : 1;
        if (m_events == 1 && builds == expected)
            return {};
        return QStringLiteral("\"%1\": %2 change events, %3 model rebuilds (expected 1 and %4)")
            .arg(cmd ? cmd->text() : QString())
            .arg(m_events)
            .arg(builds)
            .arg(expected);
    }

private:
    Document &m_doc;
    int m_events = 0;
    int m_builds = 0;
};

// Undoes (or redoes) one step and checks it was one event and one rebuild.
#define STEP(call, cmd)                                                                            \
    do {                                                                                           \
        steps.start();                                                                             \
        call;                                                                                      \
        const QString why = steps.check(cmd);                                                      \
        QVERIFY2(why.isEmpty(), qPrintable(why));                                                  \
    } while (false)

} // namespace

class TestUndo : public QObject
{
    Q_OBJECT

private slots:
    void randomSequences();
};

void TestUndo::randomSequences()
{
    const sc::TemplateInfo *t = sc::findTemplate("stage3-100k");
    QVERIFY(t);
    QRandomGenerator rng(20261128);
    Document doc;
    QUndoStack *undo = doc.undoStack();
    StepCounter steps(doc);
    int totalCommands = 0, merges = 0, cleanMoves = 0;
    for (int seq = 0; seq < 1000; ++seq) {
        QVERIFY(doc.loadBytes(t->json).isEmpty());
        Editor editor(doc, rng);
        // states[i]: the file at undo index i; clean: the index where the file is saved.
        std::vector<std::string> states{doc.serialized()};
        int clean = 0;
        const int length = 1 + int(rng.bounded(20));
        for (int step = 0; step < length; ++step) {
            const int r = int(rng.bounded(10));
            if (r == 0 && undo->index() > 0) { // undo a few steps, then go on editing
                const int back = 1 + int(rng.bounded(undo->index()));
                for (int i = 0; i < back; ++i)
                    STEP(undo->undo(), undo->command(undo->index()));
            } else if (r == 1) { // save here
                undo->setClean();
                clean = undo->index();
                ++cleanMoves;
            } else {
                const int before = undo->index();
                steps.start();
                if (!editor.pushRandom())
                    continue;
                const QString why = steps.check(undo->command(undo->index() - 1));
                QVERIFY2(why.isEmpty(), qPrintable(why));
                ++totalCommands;
                if (undo->index() == before)
                    ++merges; // merged into the previous move
                // A push drops the redo branch; a clean state inside it is gone for good.
                if (clean > before)
                    clean = -1;
                states.resize(size_t(undo->index()));
                states.push_back(doc.serialized());
            }
            QCOMPARE(doc.serialized(), states[size_t(undo->index())]);
            QCOMPARE(undo->cleanIndex(), clean);
            QCOMPARE(doc.isModified(), undo->index() != clean);
        }
        // Redo to the end of the stack: the final file.
        while (undo->canRedo())
            STEP(undo->redo(), undo->command(undo->index() - 1));
        QCOMPARE(undo->index(), int(states.size()) - 1);
        const std::string final = doc.serialized();
        QCOMPARE(final, states.back());
        // Undo all: every state on the way, down to the original bytes.
        for (int i = undo->index(); i >= 0; --i) {
            QCOMPARE(undo->index(), i);
            if (doc.serialized() != states[size_t(i)])
                QFAIL(qPrintable(QString("sequence %1: undo index %2 differs").arg(seq).arg(i)));
            QCOMPARE(doc.isModified(), i != clean);
            if (i > 0)
                STEP(undo->undo(), undo->command(undo->index()));
        }
        QCOMPARE(doc.serialized(), std::string(sc::saveDesign(*sc::loadDesign(t->json).design)));
        // Redo all: back to the final bytes.
        while (undo->canRedo()) {
            STEP(undo->redo(), undo->command(undo->index() - 1));
            QCOMPARE(doc.serialized(), states[size_t(undo->index())]);
            QCOMPARE(doc.isModified(), undo->index() != clean);
        }
        QCOMPARE(doc.serialized(), final);
    }
    qInfo("1000 sequences, %d commands (%d merged into a drag), %d saves", totalCommands, merges,
          cleanMoves);
}

QTEST_MAIN(TestUndo)
#include "tst_undo.moc"
