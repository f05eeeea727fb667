// Animated request flow (issue 17, item 5), through the real window offscreen: View ▸ Animate
// Requests starts the one timer and puts particles on every connection that carries requests,
// coloured by the class it carries and red for the share its callee sheds; off, no timer and
// no item; the window hidden pauses it.

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/requestflow.h"
#include "ui/document.h"
#include "ui/mainwindow/mainwindow.h"

#include <QStandardPaths>
#include <QtTest>

#include <cmath>
#include <set>

using namespace scui;

namespace {

// The distance from `p` to the polyline.
double distanceTo(const QPolygonF &line, const QPointF &p)
{
    double best = INFINITY;
    for (qsizetype i = 1; i < line.size(); ++i) {
        const QPointF a = line[i - 1], b = line[i], ab = b - a;
        const double len2 = QPointF::dotProduct(ab, ab);
        const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0;
        const QPointF q = a + ab * t;
        best = std::min(best, std::hypot(p.x() - q.x(), p.y() - q.y()));
    }
    return best;
}

std::set<int> coloursOn(const RequestFlow &flow, ConnectionItem *edge)
{
    std::set<int> out;
    for (const RequestFlow::Particle &p : flow.particlesOn(edge))
        out.insert(p.colour);
    return out;
}

} // namespace

class TstRequestFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_requestflow"));
    }

    // Stage 4: the CDN's files are static, the replicas get reads, the pooler → primary
    // writes (reads go to the replicas), the queue jobs; the clients send all but jobs.
    void particlesOnEveryFlowingEdge()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openTemplate(QStringLiteral("stage4-1m")));
        auto *flow = w.view()->findChild<RequestFlow *>();
        QVERIFY(flow);
        QVERIFY(!flow->isRunning());
        QVERIFY(!flow->item());
        QAction *animate = w.findChild<QAction *>(QStringLiteral("animateRequests"));
        QVERIFY(animate && animate->isCheckable());
        animate->trigger();
        QVERIFY(flow->isOn() && flow->isRunning());
        QCOMPARE(flow->timer().interval(), RequestFlow::kFrameMs);
        QVERIFY(flow->item() && flow->item()->scene() == w.scene());
        Document *doc = w.document();
        for (ConnectionItem *edge : w.scene()->connectionItems()) {
            const auto particles = flow->particlesOn(edge);
            const QByteArray name = (edge->key().from + " -> " + edge->key().to).toUtf8();
            if (doc->edgeFlow(edge->key()) <= 0) {
                QVERIFY2(particles.empty(), name);
                continue;
            }
            QVERIFY2(!particles.empty(), name);
            for (const RequestFlow::Particle &p : particles)
                QVERIFY2(distanceTo(edge->polyline(), p.at) < 0.5, name);
        }
        auto edge = [&](const char *from, const char *to) {
            return w.scene()->connectionItem({QString::fromLatin1(from), QString::fromLatin1(to)});
        };
        using RC = sc::RequestClass;
        QCOMPARE(coloursOn(*flow, edge("cdn", "files")), std::set<int>{int(RC::Static)});
        QCOMPARE(coloursOn(*flow, edge("app", "replicas")), std::set<int>{int(RC::Read)});

        QCOMPARE(coloursOn(*flow, edge("app", "queue")), std::set<int>{int(RC::Job)});
        // Mixed edges carry no class they do not carry (each shows as many as its particles
        // allow: a short edge has few).
        const std::set<int> clients{int(RC::Static), int(RC::Read), int(RC::Write)};
        for (int c : coloursOn(*flow, edge("users", "dns")))
            QVERIFY(clients.count(c));
        const std::set<int> data{int(RC::Write), int(RC::Job)};
        for (int c : coloursOn(*flow, edge("pooler", "db")))
            QVERIFY(data.count(c));
        // They move: a quarter second later the first particle is elsewhere on its route.
        const auto before = flow->particlesOn(edge("lb", "app"));
        flow->advance(0.25);
        const auto after = flow->particlesOn(edge("lb", "app"));
        QCOMPARE(after.size(), before.size());
        QVERIFY(after.front().at != before.front().at);
        // Off: no timer, no item.
        animate->trigger();
        QVERIFY(!flow->isRunning());
        QVERIFY(!flow->item());
    }

    // A long edge shows the classes in their shares: 0.1 req/s a user, 20% writes, every 2nd
    // write a job; lb → app 2,000 units long carries 80% reads and 20% writes, so of its n
    // particles 0.8 n are read and 0.2 n write (within two: the colours are spread by golden-
    // ratio steps); app → queue jobs alone.
    void classesInTheirShares()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        sc::Design d;
        d.traffic.users = 1000;
        d.traffic.requestsPerUserPerDay = 8640;
        d.traffic.writeFraction = 0.2;
        d.traffic.peakToAverage = 1;
        d.traffic.staticPerRequest = 0;
        d.traffic.asyncPerWrite = 0.5;
        auto add = [&d](const char *id, sc::Kind kind, double x, double y) {
            sc::Component c;
            c.id = c.label = id;
            c.kind = kind;
            c.position = {x, y};
            d.components.push_back(c);
        };
        add("u", sc::Kind::Clients, 0, 0);
        add("lb", sc::Kind::LoadBalancer, 300, 0);
        add("app", sc::Kind::AppServer, 2500, 0);
        add("queue", sc::Kind::Queue, 3000, 400);
        add("workers", sc::Kind::Worker, 3400, 400);
        for (auto [from, to] :
             {std::pair{"u", "lb"}, {"lb", "app"}, {"app", "queue"}, {"queue", "workers"}}) {
            sc::Connection c;
            c.from = from;
            c.to = to;
            d.connections.push_back(c);
        }
        w.document()->reset(d);
        auto *flow = w.view()->findChild<RequestFlow *>();
        flow->setOn(true);
        using RC = sc::RequestClass;
        ConnectionItem *lbApp =
            w.scene()->connectionItem({QStringLiteral("lb"), QStringLiteral("app")});
        const auto particles = flow->particlesOn(lbApp);
        const double n = double(particles.size());
        QVERIFY(n >= 20);
        auto count = [&](RC c) {
            return double(std::count_if(particles.begin(), particles.end(),
                                        [c](const auto &p) { return p.colour == int(c); }));
        };
        QVERIFY(std::abs(count(RC::Read) - 0.8 * n) <= 2);
        QVERIFY(std::abs(count(RC::Write) - 0.2 * n) <= 2);
        QCOMPARE(count(RC::Read) + count(RC::Write), n);
        ConnectionItem *jobs =
            w.scene()->connectionItem({QStringLiteral("app"), QStringLiteral("queue")});
        QCOMPARE(coloursOn(*flow, jobs), std::set<int>{int(RC::Job)});
    }

    // Past the wall requests are shed: the edges into a station that sheds carry red
    // particles, in about its share of failing arrivals; an edge into one that does not, none.
    void shedRequestsAreRed()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openTemplate(QStringLiteral("stage4-1m")));
        Document *doc = w.document();
        doc->setUsers(*doc->evaluation().maxUsers * 3);
        auto *flow = w.view()->findChild<RequestFlow *>();
        flow->setOn(true);
        int shedding = 0;
        for (ConnectionItem *edge : w.scene()->connectionItems()) {
            const sc::ComponentResult *to = doc->result(edge->key().to);
            const auto particles = flow->particlesOn(edge);
            if (!to || particles.empty())
                continue;
            const double share = to->arrivalRps > 0 ? to->errorRps / to->arrivalRps : 0;
            const auto red = std::count_if(particles.begin(), particles.end(),
                                           [](const auto &p) { return p.colour == 4; });
            if (share <= 0) {
                QCOMPARE(red, 0);
                continue;
            }
            ++shedding;
            // The golden-ratio spread puts within two particles of the share in red.
            QVERIFY(std::abs(double(red) - share * double(particles.size())) <= 2);
        }
        QVERIFY(shedding > 0);
    }

    // Hidden, the animation pauses (no timer); shown again it goes on.
    void hiddenWindowPauses()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openTemplate(QStringLiteral("stage3-100k")));
        auto *flow = w.view()->findChild<RequestFlow *>();
        flow->setOn(true);
        QVERIFY(flow->isRunning());
        w.hide();
        QTRY_VERIFY(!flow->isRunning());
        QVERIFY(flow->isOn());
        w.show();
        QTRY_VERIFY(flow->isRunning());
        w.showMinimized();
        QTRY_VERIFY(!flow->isRunning());
    }
};

QTEST_MAIN(TstRequestFlow)
#include "tst_requestflow.moc"
