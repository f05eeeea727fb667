// Tests for the built-in lessons (resources/templates/lesson-*.scalecanvas, written by
// resources/lessons/generate.py): the ladder's designs are the stage templates' (so the lesson
// cannot drift from the stages), every step loads, evaluates and plays, and every figure an
// answer states is derived here by hand (docs/model.md; reference/scaling-facts.md) and checked
// against the model.

#include "core/analysis/designdiff.h"
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/templates.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace {

sc::Design loadTemplate(const char *name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    if (!t)
        return {};
    sc::LoadResult r = sc::loadDesign(t->json);
    return r.design ? *r.design : sc::Design{};
}

// The design of step `i` and its evaluation at the step's users.
struct Step {
    sc::Design design;
    std::optional<sc::Model> model;
    sc::Evaluation ev;
};

Step evaluateStep(const sc::Design &file, size_t i)
{
    Step s;
    s.design = *sc::lessonStepDesign(file, file.lesson.steps[i]);
    s.model.emplace(s.design, sc::Catalog::builtin());
    s.ev = s.model->evaluate(file.lesson.steps[i].users);
    return s;
}

const sc::ComponentResult &result(const Step &s, const char *id)
{
    static const sc::ComponentResult none;
    for (const sc::ComponentResult &c : s.ev.components)
        if (c.id == id)
            return c;
    return none;
}

std::string wallId(const Step &s)
{
    return s.ev.wallComponent >= 0 ? s.design.components[size_t(s.ev.wallComponent)].id : "";
}

bool near(double got, double want, double relative)
{
    return std::abs(got - want) <= relative * std::abs(want);
}

// Peak dynamic req/s per user: requests a day / 86,400 s × peak-to-average.
double perUserPeak(double requestsPerDay, double peakToAverage = 3)
{
    return requestsPerDay / 86400 * peakToAverage;
}

} // namespace

class TestLessons : public QObject
{
    Q_OBJECT

private slots:
    void ladderIsTheStages();
    void stepsKeepTheirComponentsIds();
    void everyStepLoadsAndRuns_data();
    void everyStepLoadsAndRuns();
    void ladderAnswers();
    void littlesLaw();
    void connectionStorm();
    void startup();
    void blackFriday();
};

void TestLessons::ladderIsTheStages()
{
    const sc::Design ladder = loadTemplate("lesson-ladder");
    QCOMPARE(ladder.lesson.title, std::string("The scaling ladder"));
    const char *stages[] = {"stage1-1k", "stage2-10k", "stage3-100k", "stage4-1m", "stage5-10m"};
    const double users[] = {1e3, 1e4, 1e5, 1e6, 1e7};
    QCOMPARE(ladder.lesson.steps.size(), std::size(stages));
    // Every step shows its stage as a variant, stage 1's too (its heading is the design's name:
    // the file's own is named for the template gallery, "Lesson — The scaling ladder").
    QCOMPARE(ladder.variants.size(), std::size(stages));
    for (size_t i = 0; i < std::size(stages); ++i) {
        const sc::LessonStep &step = ladder.lesson.steps[i];
        QCOMPARE(step.users, users[i]);
        QCOMPARE(step.variant, std::string(stages[i]));
        const sc::Design expected = loadTemplate(stages[i]);
        QVERIFY(!expected.components.empty());
        sc::Design got = *sc::lessonStepDesign(ladder, step);
        got.traffic.users = expected.traffic.users;
        QVERIFY2(got == expected, stages[i]);
    }
    // The file's own design is stage 1's, under the gallery's name.
    sc::Design own = ladder;
    own.variants.clear();
    own.lesson = {};
    own.name = "Stage 1 — one server (~1K users)";
    sc::Design first = loadTemplate("stage1-1k");
    own.description = first.description;
    own.traffic.users = first.traffic.users;
    first.variants.clear();
    QVERIFY(own == first);
}

// Components are matched by id from one step to the next (designdiff.h): a box that goes on
// doing its job keeps its id, so the lesson marks it changed, not removed and added again.
// Stage 5 puts stage 4's tier in us-east-1 (renamed "… US") and adds Europe's copy of it: the
// only new boxes are Europe's, none goes. Before, the US tier's ids were eastLb, eastApp, …:
// all eight of stage 4's boxes read as removed and their US selves as new.
void TestLessons::stepsKeepTheirComponentsIds()
{
    const sc::DesignDiff d = sc::diffDesigns(loadTemplate("stage4-1m"), loadTemplate("stage5-10m"));
    QCOMPARE(d.componentsRemoved, std::vector<std::string>{});
    const std::vector<std::string> europe{"westLb",     "westApp",   "westCache",  "westReplicas",
                                          "westPooler", "westQueue", "westWorkers"};
    QCOMPARE(d.componentsAdded, europe);
    // The load balancer is the same one, moved into its region and renamed.
    const auto lb = std::find_if(d.componentsChanged.begin(), d.componentsChanged.end(),
                                 [](const sc::ComponentChange &c) { return c.id == "lb"; });
    QVERIFY(lb != d.componentsChanged.end());
    QVERIFY(!lb->kindChanged);
    QVERIFY(lb->labelChanged);
    QCOMPARE(lb->labelA, std::string("ALB"));
    QCOMPARE(lb->labelB, std::string("ALB US"));
    // The same from step 4 to step 5 of the lesson itself.
    const sc::Design ladder = loadTemplate("lesson-ladder");
    QCOMPARE(ladder.lesson.steps.size(), size_t(5));
    const sc::DesignDiff steps =
        sc::diffDesigns(*sc::lessonStepDesign(ladder, ladder.lesson.steps[3]),
                        *sc::lessonStepDesign(ladder, ladder.lesson.steps[4]));
    QCOMPARE(steps.componentsRemoved, std::vector<std::string>{});
    QCOMPARE(steps.componentsAdded, europe);
    // Stage 3's one read replica is stage 4's three (it was "replica", then "replicas": removed
    // and new again). From stage 2 on no step removes a box: each adds to the one before; only
    // stage 2 splits stage 1's all-in-one server.
    const sc::DesignDiff replicas =
        sc::diffDesigns(loadTemplate("stage3-100k"), loadTemplate("stage4-1m"));
    QCOMPARE(replicas.componentsAdded, std::vector<std::string>{"pooler"});
    for (size_t i = 2; i < ladder.lesson.steps.size(); ++i) {
        const sc::DesignDiff step =
            sc::diffDesigns(*sc::lessonStepDesign(ladder, ladder.lesson.steps[i - 1]),
                            *sc::lessonStepDesign(ladder, ladder.lesson.steps[i]));
        QVERIFY2(step.componentsRemoved.empty(), ladder.lesson.steps[i].variant.c_str());
    }
}

void TestLessons::everyStepLoadsAndRuns_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<int>("step");
    for (const char *name : {"lesson-ladder", "lesson-exercises"}) {
        const sc::Design d = loadTemplate(name);
        QVERIFY2(!d.lesson.steps.empty(), name);
        for (size_t i = 0; i < d.lesson.steps.size(); ++i)
            QTest::addRow("%s step %zu", name, i + 1) << QString(name) << int(i);
    }
}

void TestLessons::everyStepLoadsAndRuns()
{
    QFETCH(QString, lesson);
    QFETCH(int, step);
    const sc::Design file = loadTemplate(lesson.toUtf8().constData());
    const sc::LessonStep &s = file.lesson.steps[size_t(step)];
    QVERIFY(!s.caption.empty());
    QVERIFY(!s.question.empty());
    QVERIFY(!s.answer.empty());
    const Step e = evaluateStep(file, size_t(step));
    QVERIFY2(e.model->validationIssues().empty(),
             e.model->validationIssues().empty()
                 ? ""
                 : e.model->validationIssues()[0].toString().c_str());
    QCOMPARE(e.ev.users, s.users);
    QVERIFY(std::isfinite(e.ev.demand.peakRps) && e.ev.demand.peakRps > 0);
    QVERIFY(e.ev.latency.valid && std::isfinite(e.ev.latency.p99));
    QVERIFY(std::isfinite(e.ev.monthlyCostUsd) && e.ev.monthlyCostUsd > 0);
    QVERIFY(e.ev.maxUsers && *e.ev.maxUsers > s.users);
    if (!s.scenario.empty()) {
        const auto sc = std::find_if(e.design.scenarios.begin(), e.design.scenarios.end(),
                                     [&](const sc::Scenario &x) { return x.name == s.scenario; });
        QVERIFY(sc != e.design.scenarios.end());
        const sc::SimulationSummary sum = e.model->simulate(*sc, [](const sc::SimulationStep &) {});
        QVERIFY(sum.requests > 0);
    }
}

// The walls the ladder's answers name, from docs/model.md: a compute tier's capacity is
// cores × 1000 / service time; the wall is where the busiest station's CPU seconds per second
// reach its cores. Traffic: 50 requests a user a day, peak 3× the average, 5% writes.
void TestLessons::ladderAnswers()
{
    const sc::Design ladder = loadTemplate("lesson-ladder");
    const double perK = 1000 * perUserPeak(50); // 1.736 dynamic req/s per 1,000 users
    struct Row {
        const char *wall;
        double maxUsers;   // by hand
        const char *quote; // as the answer states it
    };
    const Row rows[] = {
        // Stage 1: 2 cores at 30 ms; a page and a photo file per request.
        {"server", 2 * 1000.0 / 30 / (2 * perK) * 1000, "19,200 users"},
        // Stage 2: misses 10% of 95% reads at 50 ms, writes 5% at 10 ms, on 2 cores.
        {"db", 2000 / (0.95 * 0.1 * perK * 50 + 0.05 * perK * 10) * 1000, "219,000"},
        // Stage 3: the app's writes and as many job writes, 20 ms each, on 2 cores.
        {"db", 2000 / (2 * 0.05 * perK * 20) * 1000, "576,000 users"},
        // Stage 4: the same writes on a 16-vCPU primary.
        {"db", 16000 / (2 * 0.05 * perK * 20) * 1000, "4.6 million"},
        // Stage 5: the model's figure (replicas applying the writes of 4 shards), not by hand.
        {"westReplicas", 14.9e6, "14.9 million"},
    };
    for (size_t i = 0; i < std::size(rows); ++i) {
        const Step e = evaluateStep(ladder, i);
        QCOMPARE(wallId(e), std::string(rows[i].wall));
        QVERIFY2(near(*e.ev.maxUsers, rows[i].maxUsers, i == 4 ? 0.005 : 1e-9),
                 qPrintable(QString::number(*e.ev.maxUsers)));
        QVERIFY2(ladder.lesson.steps[i].answer.find(rows[i].quote) != std::string::npos,
                 rows[i].quote);
    }
    // Figures the answers and captions quote besides the walls.
    QVERIFY(near(evaluateStep(ladder, 0).ev.demand.peakRps, 1.74, 0.005));
    QVERIFY(near(*evaluateStep(ladder, 0).model->sloMaxUsers(), 16200, 0.005));
    QVERIFY(near(*evaluateStep(ladder, 1).model->sloMaxUsers(), 188000, 0.005));
    QVERIFY(near(evaluateStep(ladder, 4).ev.latency.p99, 153, 0.005));
    QVERIFY(near(*evaluateStep(ladder, 4).ev.scalingCeilingUsers, 15.4e6, 0.005));
    QVERIFY(near(result(evaluateStep(ladder, 3), "workers").utilization, 0.54, 0.01));
}

// Worked case 1: 2,000 req/s at 50 ms → L = 100; 80% at 2 ms and 20% at 50 ms → 23.2.
void TestLessons::littlesLaw()
{
    const sc::Design file = loadTemplate("lesson-exercises");
    const Step plain = evaluateStep(file, 0), cached = evaluateStep(file, 1);
    QVERIFY(near(plain.ev.demand.peakRps, 1152000 * perUserPeak(50), 1e-12));
    QVERIFY(near(plain.ev.demand.peakRps, 2000, 1e-12));
    // Without a cache: 2 ms in the app, 48 ms in the replicas (12 × 16 cores at 50%: they wait
    // a little), 0.2 ms in the load balancer.
    QVERIFY(near(result(plain, "app").concurrency, 2000 * 0.002, 1e-6));
    QVERIFY(near(result(plain, "replicas").concurrency, 2000 * 0.048, 0.002));
    QVERIFY(near(result(plain, "lb").concurrency, 2000 * 0.0002, 1e-6));
    // With it: 1.5 ms in the app, 0.5 ms in Redis for the reads and the 400 fills, 48 ms for
    // the 400 misses.
    QVERIFY(near(result(cached, "app").concurrency, 2000 * 0.0015, 1e-6));
    QVERIFY(near(result(cached, "cache").concurrency, (2000 + 400) * 0.0005, 0.001));
    QVERIFY(near(result(cached, "replicas").concurrency, 0.2 * 2000 * 0.048, 1e-3));
    QVERIFY(near(0.8 * 2 + 0.2 * 50, 11.6, 1e-12));
    const std::string &a0 = file.lesson.steps[0].answer, &a1 = file.lesson.steps[1].answer;
    QVERIFY(a0.find("= 100 requests in flight") != std::string::npos);
    QVERIFY(a0.find("96.1") != std::string::npos);
    QVERIFY(a1.find("= 23.2 in flight") != std::string::npos);
    QVERIFY(a1.find("1.2 in Redis") != std::string::npos);
}

// Worked case 4: 20 × 25 = 500 connections against 400 → a fifth refused; two poolers' pools
// of 60 fit.
void TestLessons::connectionStorm()
{
    const sc::Design file = loadTemplate("lesson-exercises");
    const Step storm = evaluateStep(file, 2), pooled = evaluateStep(file, 3);
    const double peak = 200000 * perUserPeak(100);
    QVERIFY(near(storm.ev.demand.peakRps, peak, 1e-12));
    QVERIFY(near(storm.ev.goodputRps, peak * 400 / 500, 1e-6));
    QCOMPARE(pooled.ev.errorRatePeak, 0.0);
    QVERIFY(near(result(pooled, "db").connectionsOpened, 2 * 60, 1e-12));
    // Busy connections by Little's law: 694 req/s × about 6 ms.
    QVERIFY(near(result(pooled, "db").connectionsBusy, 4.2, 0.05));
    QVERIFY(file.lesson.steps[2].answer.find("556 of 694") != std::string::npos);
    QVERIFY(file.lesson.steps[3].answer.find("2 × 60 = 120 connections") != std::string::npos);
    QVERIFY(std::lround(peak) == 694 && std::lround(peak * 0.8) == 556);
}

// Worked case 13: one t3.medium (2 cores, 30 ms a request) at 500 users runs at 5%; 10× is 52%.
void TestLessons::startup()
{
    const sc::Design file = loadTemplate("lesson-exercises");
    const Step e = evaluateStep(file, 4);
    const double perUser = 2 * perUserPeak(100); // a page and a file
    const double capacity = 2 * 1000.0 / 30;
    QVERIFY(near(result(e, "server").utilization, 500 * perUser / capacity, 1e-9));
    QCOMPARE(std::lround(100 * 500 * perUser / capacity), 5L);
    const sc::Evaluation at5k = e.model->evaluate(5000);
    QVERIFY(near(at5k.components[1].utilization, 5000 * perUser / capacity, 1e-9));
    QCOMPARE(std::lround(100 * 5000 * perUser / capacity), 52L);
    QVERIFY(near(*e.ev.maxUsers, capacity / perUser, 1e-9));
    QVERIFY(near(capacity / perUser, 9600, 1e-9));
    QVERIFY(near(e.ev.monthlyCostUsd, 30.37, 0.001));
    const std::string &a = file.lesson.steps[4].answer;
    QVERIFY(a.find("52%") != std::string::npos && a.find("9,600") != std::string::npos);
}

// Worked case 16: 20× the day's peak at 50% of 1,000 req/s per c5.xlarge (4 cores at 4 ms)
// needs ⌈20 × 1,736 / 500⌉ = 70 servers; the scheduled minimum keeps the p99 within the
// objective. Tracking alone does not: in 60 s steps from 6 AM (21,600 s), each carrying the
// mean load of its minute, the load is λ₀…λ₄ at 21,600 … 21,840 s; the four servers carry λ₀
// and λ₁ (< 4,000), and the tier decides at the end of each period, on its average, with the
// new servers serving 120 s later: ⌈λ₁ / 500⌉ = 8 from 21,840 s, ⌈λ₂ / 500⌉ = 13 from
// 21,900 s. So 4,000 req/s of capacity meet λ₂ and λ₃, 8,000 meet λ₄: the backlog holds 30 s
// of capacity and the rest fails, and the p99 misses from 21,720 s until the 13 and then the
// 17 (from 21,960 s) have drained the backlog: 4 minutes.
void TestLessons::blackFriday()
{
    const sc::Design file = loadTemplate("lesson-exercises");
    const size_t last = file.lesson.steps.size() - 1;
    const Step e = evaluateStep(file, last);
    const double peak = 1e6 * perUserPeak(50);
    QVERIFY(near(result(e, "app").utilization, peak / (4 * 4 * 1000.0 / 4), 1e-9));
    QCOMPARE(std::lround(100 * peak / 4000), 43L);
    QCOMPARE(int(std::ceil(20 * peak / (0.5 * 1000))), 70);
    const sc::Scenario &plan = e.design.scenarios.at(0);
    QCOMPARE(plan.name, file.lesson.steps[last].scenario);
    const sc::SimulationSummary planned = e.model->simulate(plan, [](const auto &) {});
    QCOMPARE(planned.failedRequests, 0.0);
    QCOMPARE(planned.sloViolationSeconds, 0.0);
    QCOMPARE(planned.maxInstances.size(), size_t(1));
    QCOMPARE(planned.maxInstances[0].second, 70);
    sc::Scenario unplanned = plan;
    unplanned.schedules.clear();
    std::map<double, double> demand; // req/s at each step's time
    const sc::SimulationSummary tracking = e.model->simulate(
        unplanned, [&demand](const sc::SimulationStep &s) { demand[s.t] = s.demandRps; });
    QCOMPARE(tracking.sloViolationSeconds, 240.0);
    const double l0 = demand.at(21600), l1 = demand.at(21660), l2 = demand.at(21720),
                 l3 = demand.at(21780), l4 = demand.at(21840);
    QVERIFY(l0 < l1 && l1 < 4000 && l2 > 4000);
    QCOMPARE(int(std::ceil(l0 / 500)), 4);
    QCOMPARE(int(std::ceil(l1 / 500)), 8);
    QCOMPARE(int(std::ceil(l2 / 500)), 13);
    // 4,000 req/s for λ₂ and λ₃: the backlog keeps 4,000 × 30 and the rest fails; then 8,000
    // for λ₄ on that full backlog, which may now hold 8,000 × 30.
    const double first = (l2 - 4000) * 60 + (l3 - 4000) * 60 - 4000 * 30;
    const double second = 4000 * 30 + (l4 - 8000) * 60 - 8000 * 30;
    QVERIFY(std::lround((first + second) / 10000) == 31); // "about 310,000" in the answer
    QVERIFY(near(tracking.failedRequests, first + second, 1e-9));
    const std::string &a = file.lesson.steps[last].answer;
    QVERIFY(a.find("about 310,000 requests fail") != std::string::npos);
    QVERIFY(a.find("for 4 minutes") != std::string::npos);
    QVERIFY(a.find("that is 70") != std::string::npos);
    QVERIFY(a.find("4 at 43%") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestLessons)
#include "tst_lessons.moc"
