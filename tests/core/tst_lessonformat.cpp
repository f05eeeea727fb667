// Tests for format 2's variants, lesson and notes (docs/file-format.md "variants", "lesson",
// "notes"): what is read, every check with the JSON path and range its error names, the writer's
// order, and round trips (load → save → load identical; a file without the blocks saves as before).

#include "core/io/format.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace {

using json = nlohmann::json;

json smallDesign(const std::string &name, int appInstances)
{
    return json{
        {"name", name},
        {"traffic", {{"users", 1000}}},
        {"components",
         {{{"id", "web"}, {"kind", "clients"}},
          {{"id", "app"}, {"kind", "appServer"}, {"params", {{"instances", appInstances}}}},
          {{"id", "db"}, {"kind", "database"}}}},
        {"connections", {{{"from", "web"}, {"to", "app"}}, {{"from", "app"}, {"to", "db"}}}},
    };
}

// A file with every block: two variants ("two" adds a cache), a three-step lesson, two notes.
json fullFile()
{
    json two = smallDesign("Two", 2);
    two["components"].push_back({{"id", "cache"}, {"kind", "cache"}});
    two["connections"].push_back({{"from", "app"}, {"to", "cache"}});
    return json{
        {"format", "scalecanvas"},
        {"formatVersion", 2},
        {"design", smallDesign("One", 1)},
        {"scenarios",
         {{{"name", "db down"},
           {"durationS", 600},
           {"events", {{{"atS", 60}, {"action", "fail"}, {"component", "db"}}}}},
          {{"name", "cache down"},
           {"durationS", 600},
           {"events", {{{"atS", 60}, {"action", "fail"}, {"component", "db"}}}}}}},
        {"variants",
         {{{"name", "two"}, {"design", two}},
          {{"name", "three"}, {"design", smallDesign("3", 3)}}}},
        {"lesson",
         {{"title", "Ladder"},
          {"steps",
           {{{"users", 1000}, {"caption", "One server."}},
            {{"variant", "two"},
             {"users", 20000},
             {"caption", "Two servers and a cache."},
             {"question", "Why?"},
             {"answer", "Because."},
             {"scenario", "db down"}},
            {{"variant", "three"}, {"users", 1e6}, {"caption", "Three."}}}}}},
        {"notes",
         {{{"id", "n1"},
           {"kind", "sticky"},
           {"x", 10},
           {"y", -20},
           {"width", 200},
           {"height", 120},
           {"text", "Look here"}},
          {{"id", "n2"},
           {"kind", "text"},
           {"x", 0},
           {"y", 0},
           {"width", 300},
           {"height", 40},
           {"text", "Free text"}}}},
    };
}

sc::LoadResult load(const json &j)
{
    return sc::loadDesign(j.dump());
}

QString errorsText(const sc::Issues &issues)
{
    QString all;
    for (const sc::Issue &e : issues)
        all += QString::fromStdString(e.toString()) + "\n";
    return all;
}

using Mutation = std::function<void(json &)>;

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestLessonFormat : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryBlock();
    void roundTrip();
    void writerOrderAndOmission();
    void withoutBlocksSavesAsBefore();
    void errors_data();
    void errors();
    void variantCheckedLikeTheDesign();
    void stepDesign();
    void noErrorFollowsFromAnother();
};

void TestLessonFormat::readsEveryBlock()
{
    sc::LoadResult r = load(fullFile());
    QVERIFY2(r.design, qPrintable(errorsText(r.errors)));
    const sc::Design &d = *r.design;
    QCOMPARE(d.variants.size(), size_t(2));
    QCOMPARE(d.variants[0].name, std::string("two"));
    QCOMPARE(d.variants[0].design.name, std::string("Two"));
    QCOMPARE(d.variants[0].design.components.size(), size_t(4));
    QCOMPARE(d.variants[0].design.components[1].number("instances"), 2.0);
    QCOMPARE(d.variants[1].design.components[1].number("instances"), 3.0);
    QVERIFY(d.variants[0].design.variants.empty());
    QCOMPARE(d.lesson.title, std::string("Ladder"));
    QCOMPARE(d.lesson.steps.size(), size_t(3));
    const sc::LessonStep &s = d.lesson.steps[1];
    QCOMPARE(s.variant, std::string("two"));
    QCOMPARE(s.users, 20000.0);
    QCOMPARE(s.caption, std::string("Two servers and a cache."));
    QCOMPARE(s.question, std::string("Why?"));
    QCOMPARE(s.answer, std::string("Because."));
    QCOMPARE(s.scenario, std::string("db down"));
    QVERIFY(d.lesson.steps[0].variant.empty());
    QVERIFY(d.lesson.steps[0].question.empty());
    QCOMPARE(d.notes.size(), size_t(2));
    QCOMPARE(d.notes[0].kind, sc::Note::Kind::Sticky);
    QCOMPARE(d.notes[0].y, -20.0);
    QCOMPARE(d.notes[1].kind, sc::Note::Kind::Text);
    QCOMPARE(d.notes[1].width, 300.0);
    QCOMPARE(d.notes[1].text, std::string("Free text"));
}

void TestLessonFormat::roundTrip()
{
    json f = fullFile();
    f["slo"] = {{"p99Ms", 250}};
    sc::LoadResult a = load(f);
    QVERIFY2(a.design, qPrintable(errorsText(a.errors)));
    // A variant is held to the file's objective.
    QCOMPARE(a.design->variants[1].design.slo.p99Ms, 250.0);
    const std::string saved = sc::saveDesign(*a.design);
    sc::LoadResult b = sc::loadDesign(saved);
    QVERIFY2(b.design, qPrintable(errorsText(b.errors)));
    QVERIFY(*a.design == *b.design);
    QCOMPARE(sc::saveDesign(*b.design), saved);
}

void TestLessonFormat::writerOrderAndOmission()
{
    sc::LoadResult r = load(fullFile());
    QVERIFY(r.design);
    const json saved = json::parse(sc::saveDesign(*r.design));
    // nlohmann::json sorts keys; the order is checked on the text.
    const std::string text = sc::saveDesign(*r.design);
    const auto pos = [&](const char *key) { return text.find("\n  \"" + std::string(key) + "\""); };
    QVERIFY(pos("design") < pos("scenarios"));
    QVERIFY(pos("scenarios") < pos("variants"));
    QVERIFY(pos("variants") < pos("lesson"));
    QVERIFY(pos("lesson") < pos("notes"));
    QVERIFY(pos("notes") != std::string::npos);
    // Empty texts and the file's own design are left out of a step.
    const json &step0 = saved["lesson"]["steps"][0];
    QCOMPARE(step0.size(), size_t(2));
    QVERIFY(step0.contains("users") && step0.contains("caption"));
    QCOMPARE(saved["lesson"]["steps"][1].size(), size_t(6));
    QCOMPARE(saved["notes"][1]["kind"].get<std::string>(), std::string("text"));
}

// Without variants, lesson and notes nothing of them is written, and the bytes equal those of a
// saved file that never had them; clearing them from a loaded file gives those bytes again.
void TestLessonFormat::withoutBlocksSavesAsBefore()
{
    json plain = fullFile();
    plain.erase("variants");
    plain.erase("lesson");
    plain.erase("notes");
    sc::LoadResult p = load(plain);
    QVERIFY2(p.design, qPrintable(errorsText(p.errors)));
    const std::string text = sc::saveDesign(*p.design);
    QVERIFY(text.find("\"variants\"") == std::string::npos);
    QVERIFY(text.find("\"lesson\"") == std::string::npos);
    QVERIFY(text.find("\"notes\"") == std::string::npos);
    sc::LoadResult f = load(fullFile());
    QVERIFY(f.design);
    sc::Design d = *f.design;
    d.variants.clear();
    d.lesson = {};
    d.notes.clear();
    QCOMPARE(sc::saveDesign(d), text);
    // A lesson with a title but no steps is something, and is kept.
    d.lesson.title = "Later";
    sc::LoadResult t = sc::loadDesign(sc::saveDesign(d));
    QVERIFY(t.design);
    QCOMPARE(t.design->lesson.title, std::string("Later"));
}

void TestLessonFormat::errors_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    auto row = [](const char *name, Mutation m, const char *path, const char *message) {
        QTest::newRow(name) << m << QString(path) << QString(message);
    };
    row(
        "variant name empty", [](json &f) { f["variants"][1]["name"] = ""; }, "variants[1].name",
        "must not be empty");
    row(
        "variant name missing", [](json &f) { f["variants"][1].erase("name"); }, "variants[1].name",
        "missing");
    row(
        "variant name duplicate", [](json &f) { f["variants"][1]["name"] = "two"; },
        "variants[1].name", "duplicate variant name \"two\" (also used by variants[0])");
    row(
        "variant design missing", [](json &f) { f["variants"][0].erase("design"); },
        "variants[0].design", "missing");
    row(
        "variant unknown key", [](json &f) { f["variants"][0]["scenarios"] = json::array(); },
        "variants[0].scenarios", "unknown field \"scenarios\"");
    row(
        "variants not a list", [](json &f) { f["variants"] = json::object(); }, "variants",
        "must be an array");
    row(
        "step missing variant", [](json &f) { f["lesson"]["steps"][2]["variant"] = "stage9"; },
        "lesson.steps[2].variant", "no variant named \"stage9\"");
    row(
        "step users negative", [](json &f) { f["lesson"]["steps"][0]["users"] = -1; },
        "lesson.steps[0].users", "got -1");
    row(
        "step users too many", [](json &f) { f["lesson"]["steps"][0]["users"] = 2e10; },
        "lesson.steps[0].users", "1e+10");
    row(
        "step users missing", [](json &f) { f["lesson"]["steps"][0].erase("users"); },
        "lesson.steps[0].users", "missing");
    row(
        "step caption missing", [](json &f) { f["lesson"]["steps"][0].erase("caption"); },
        "lesson.steps[0].caption", "missing");
    row(
        "step unknown scenario", [](json &f) { f["lesson"]["steps"][1]["scenario"] = "flood"; },
        "lesson.steps[1].scenario",
        "no scenario named \"flood\" (the file has \"db down\", \"cache down\")");
    row(
        "step scenario needs a component of the variant",
        [](json &f) {
            f["scenarios"][1]["events"][0]["component"] = "app";
            f["variants"][0]["design"]["components"][1]["id"] = "app2";
            f["variants"][0]["design"]["connections"][0]["to"] = "app2";
            f["variants"][0]["design"]["connections"][1]["from"] = "app2";
            f["variants"][0]["design"]["connections"][2]["from"] = "app2";
            f["lesson"]["steps"][1]["scenario"] = "cache down";
        },
        "lesson.steps[1].scenario",
        "scenario \"cache down\" names component \"app\", which variant \"two\" does not have");
    // The file's scenario fits the file's design, not the step's variant: instances past what
    // the variant's component has (4 in the design, 2 in "two"), a scheduled minimum past the
    // variant's autoscale.max (30 in the design, 10 in "two"); QA: the minimum was clamped.
    row(
        "step scenario fails more instances than the variant has",
        [](json &f) {
            f["design"]["components"][1]["params"]["instances"] = 4;
            f["scenarios"][1]["events"][0] = {
                {"atS", 60}, {"action", "fail"}, {"component", "app"}, {"instances", 3}};
            f["lesson"]["steps"][1]["scenario"] = "cache down";
        },
        "lesson.steps[1].scenario",
        "scenario \"cache down\" fails or restores 3 instances of \"app\", which has at most 2 "
        "in variant \"two\"");
    row(
        "step scenario schedules past the variant's maximum",
        [](json &f) {
            f["design"]["components"][1]["autoscale"] = {
                {"min", 2}, {"max", 30}, {"targetUtilization", 0.6}};
            f["variants"][0]["design"]["components"][1]["autoscale"] = {
                {"min", 2}, {"max", 10}, {"targetUtilization", 0.6}};
            f["scenarios"][1]["schedules"] = {{{"atS", 30}, {"component", "app"}, {"min", 25}}};
            f["lesson"]["steps"][1]["scenario"] = "cache down";
        },
        "lesson.steps[1].scenario",
        "scenario \"cache down\" schedules at least 25 of \"app\", whose autoscale.max is 10 in "
        "variant \"two\"");
    row(
        "answer without question", [](json &f) { f["lesson"]["steps"][1].erase("question"); },
        "lesson.steps[1].answer", "an answer needs a question");
    row(
        "step unknown key", [](json &f) { f["lesson"]["steps"][0]["hint"] = "x"; },
        "lesson.steps[0].hint", "unknown field \"hint\"");
    row(
        "lesson unknown key", [](json &f) { f["lesson"]["author"] = "x"; }, "lesson.author",
        "unknown field \"author\"");
    row(
        "lesson not an object", [](json &f) { f["lesson"] = json::array(); }, "lesson",
        "must be an object");
    row(
        "note id empty", [](json &f) { f["notes"][0]["id"] = ""; }, "notes[0].id",
        "must not be empty");
    row(
        "note id missing", [](json &f) { f["notes"][0].erase("id"); }, "notes[0].id", "missing");
    row(
        "note id duplicate", [](json &f) { f["notes"][1]["id"] = "n1"; }, "notes[1].id",
        "duplicate id \"n1\"");
    row(
        "note unknown kind", [](json &f) { f["notes"][0]["kind"] = "arrow"; }, "notes[0].kind",
        "must be \"sticky\" or \"text\", got \"arrow\"");
    row(
        "note too narrow", [](json &f) { f["notes"][0]["width"] = 5; }, "notes[0].width", "got 5");
    row(
        "note too tall", [](json &f) { f["notes"][1]["height"] = 10001; }, "notes[1].height",
        "got 10001");
    row(
        "note text too long", [](json &f) { f["notes"][0]["text"] = std::string(10001, 'x'); },
        "notes[0].text", "is 10001 bytes long; a note holds at most 10000 bytes");
    row(
        "note unknown key", [](json &f) { f["notes"][0]["colour"] = "yellow"; }, "notes[0].colour",
        "unknown field \"colour\"");
    row(
        "blocks in format 1",
        [](json &f) {
            f["formatVersion"] = 1;
            f.erase("scenarios");
        },
        "variants", "\"variants\" is part of file format 2");
}

void TestLessonFormat::errors()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, path);
    QFETCH(QString, message);
    json f = fullFile();
    mutate(f);
    sc::LoadResult r = load(f);
    QVERIFY(!r.design);
    const QString all = errorsText(r.errors);
    bool found = false;
    for (const sc::Issue &e : r.errors)
        found = found || (QString::fromStdString(e.path) == path &&
                          QString::fromStdString(e.message).contains(message));
    QVERIFY2(found, qPrintable("want " + path + ": " + message + "\ngot:\n" + all));
}

// A variant's design goes through the design's own checks, with its own paths.
void TestLessonFormat::variantCheckedLikeTheDesign()
{
    const std::pair<Mutation, std::string> cases[] = {
        {[](json &v) { v["components"][1]["params"]["instances"] = -1; },
         "variants[1].design.components[1].params.instances"},
        {[](json &v) { v["components"][2]["id"] = "app"; }, "variants[1].design.components[2].id"},
        {[](json &v) { v["components"][0]["kind"] = "toaster"; },
         "variants[1].design.components[0].kind"},
        {[](json &v) { v["connections"][0]["weight"] = 0; },
         "variants[1].design.connections[0].weight"},
        {[](json &v) { v["traffic"]["users"] = "many"; }, "variants[1].design.traffic.users"},
        {[](json &v) { v["colour"] = 1; }, "variants[1].design.colour"},
        {[](json &v) {
             v["groups"] = {{{"id", "z"}, {"kind", "zone"}, {"members", {"nothing"}}}};
         },
         "variants[1].design.groups[0].members[0]"},
        {[](json &v) {
             v["geography"] = {{"routeFactor", 9}};
         },
         "variants[1].design.geography.routeFactor"},
        {[](json &v) {
             v["populations"] = {
                 {{"name", "US"}, {"share", 0.5}, {"place", {{"region", "us-east-1"}}}}};
         },
         "variants[1].design.populations"},
    };
    for (const auto &[mutate, path] : cases) {
        json f = fullFile();
        mutate(f["variants"][1]["design"]);
        sc::LoadResult r = load(f);
        QVERIFY2(!r.design, path.c_str());
        bool found = false;
        for (const sc::Issue &e : r.errors)
            found = found || e.path == path;
        QVERIFY2(found,
                 qPrintable(QString::fromStdString(path) + " not in:\n" + errorsText(r.errors)));
        // The file's own design is not blamed.
        for (const sc::Issue &e : r.errors)
            QVERIFY2(e.path.rfind("design.", 0) != 0, e.path.c_str());
    }
}

void TestLessonFormat::stepDesign()
{
    json f = fullFile();
    f["slo"] = {{"p99Ms", 300}};
    sc::LoadResult r = load(f);
    QVERIFY(r.design);
    const sc::Design &file = *r.design;
    QCOMPARE(sc::findVariant(file, "three")->design.name, std::string("3"));
    QVERIFY(!sc::findVariant(file, "four"));
    auto own = sc::lessonStepDesign(file, file.lesson.steps[0]);
    QVERIFY(own);
    QCOMPARE(own->name, std::string("One"));
    QCOMPARE(own->scenarios.size(), size_t(2));
    QVERIFY(own->variants.empty() && own->lesson.steps.empty() && own->notes.empty());
    auto two = sc::lessonStepDesign(file, file.lesson.steps[1]);
    QVERIFY(two);
    QCOMPARE(two->name, std::string("Two"));
    QCOMPARE(two->traffic.users, 20000.0);
    QCOMPARE(two->slo.p99Ms, 300.0);
    QCOMPARE(two->scenarios.size(), size_t(1));
    QCOMPARE(two->scenarios[0].name, std::string("db down"));
    sc::LessonStep missing;
    missing.variant = "four";
    QVERIFY(!sc::lessonStepDesign(file, missing));
}

// An error in a scenario is reported where it is, not again by the lesson step that plays the
// scenario with what was left of it: a schedule naming "ghost" made the step's check say the
// scenario names auto-scaled component "", and a scenario without its name made the step say the
// file has a scenario "" (QA).
void TestLessonFormat::noErrorFollowsFromAnother()
{
    json f = fullFile();
    f["scenarios"][0]["schedules"] = {{{"atS", 0}, {"component", "ghost"}, {"min", 1}}};
    sc::LoadResult r = load(f);
    QVERIFY(!r.design);
    QString all = errorsText(r.errors);
    QCOMPARE(r.errors.size(), size_t(1));
    QVERIFY2(all.contains("scenarios[0].schedules[0].component: names no component of the design: "
                          "\"ghost\""),
             qPrintable(all));

    f = fullFile();
    f["scenarios"][0].erase("name");
    r = load(f);
    QVERIFY(!r.design);
    all = errorsText(r.errors);
    QCOMPARE(r.errors.size(), size_t(1));
    QVERIFY2(all.contains("scenarios[0].name: missing"), qPrintable(all));
}

QTEST_GUILESS_MAIN(TestLessonFormat)
#include "tst_lessonformat.moc"
