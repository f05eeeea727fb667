// Tests for core/io/format: loading, saving and the atomic write of *.scalecanvas files.
// Round trips are checked against the raw JSON of each built-in template (parsed here with
// nlohmann directly), the golden v1 file against an expected saved form written by hand from
// the format's rules (and so is the golden v2 file, which must save byte-identically), and every
// refused input for the JSON path its error names.

#include "core/io/fileio.h"
#include "core/io/format.h"
#include "core/io/templates.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace {

using json = nlohmann::json;

QByteArray bytes(const std::string &s)
{
    return QByteArray::fromStdString(s);
}

// Byte-compares two texts; on a difference names the first differing line of each.
bool sameText(const std::string &got, const std::string &expected, QByteArray &why)
{
    if (got == expected)
        return true;
    const QList<QByteArray> a = bytes(got).split('\n');
    const QList<QByteArray> b = bytes(expected).split('\n');
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        const QByteArray la = i < a.size() ? a[i] : QByteArray("<end of text>");
        const QByteArray lb = i < b.size() ? b[i] : QByteArray("<end of text>");
        if (la != lb) {
            why = "line " + QByteArray::number(i + 1) + " differs:\n   got: " + la +
                  "\n  want: " + lb;
            return false;
        }
    }
    why = "texts differ in a way split('\\n') hides";
    return false;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString errorsText(const sc::Issues &issues)
{
    QString s;
    for (const sc::Issue &i : issues)
        s += QString::fromStdString(i.toString()) + '\n';
    return s;
}

// Free-form annotations: nested objects and arrays, unicode (escaped and raw, one outside the
// BMP), control characters, integers of both signs, a 64-bit unsigned, floats, null, empty
// containers and keys out of order. (\u0022 is a quote: moc misreads \" in a raw string.)
const char *const kAnnotations = R"([
  {"text": "caf\u00e9 ☕ \ud83d\ude80 東京 \u0022quoted\u0022 tab\t nl\n", "z": -7, "a": 0.1,
   "nested": {"list": [1, [2, [3, {"deep": true}]]], "empty": {}, "none": null, "arr": []},
   "big": 18446744073709551615, "tiny": 2.5e-300},
  "plain string",
  12,
  [],
  {}
])";

// The part of a design the file carries, compared with the raw JSON it came from. Fields
// absent from the file are checked against the format's documented fallbacks only where the
// format fixes them (empty label, position 0,0, no params, no weight, every class).
void checkAgainstRaw(const sc::Design &d, const json &raw)
{
    // Format 2's objective sits beside the design; keys left out are DESIGN.md's defaults
    // (500 ms, 0.999, no budget), and so is the whole block in a version-1 file.
    const json slo = raw.value("slo", json::object());
    QCOMPARE(d.slo.p99Ms, slo.value("p99Ms", 500.0));
    QCOMPARE(d.slo.availability, slo.value("availability", 0.999));
    QCOMPARE(d.slo.monthlyBudgetUsd.has_value(), slo.contains("monthlyBudgetUsd"));
    if (d.slo.monthlyBudgetUsd)
        QCOMPARE(*d.slo.monthlyBudgetUsd, slo["monthlyBudgetUsd"].get<double>());

    const json &rd = raw.at("design");
    QCOMPARE(bytes(d.name), bytes(rd.value("name", std::string())));
    QCOMPARE(bytes(d.description), bytes(rd.value("description", std::string())));
    if (rd.contains("traffic"))
        for (auto it = rd["traffic"].begin(); it != rd["traffic"].end(); ++it)
            QCOMPARE(d.traffic.get(it.key()), it.value().get<double>());

    const json rcs = rd.value("components", json::array());
    QCOMPARE(d.components.size(), rcs.size());
    for (size_t i = 0; i < rcs.size(); ++i) {
        const json &rc = rcs[i];
        const sc::Component &c = d.components[i];
        QCOMPARE(bytes(c.id), bytes(rc.at("id").get<std::string>()));
        QCOMPARE(bytes(std::string(sc::kindName(c.kind))), bytes(rc.at("kind").get<std::string>()));
        QCOMPARE(bytes(c.label), bytes(rc.value("label", std::string())));
        const json pos = rc.value("position", json::object());
        QCOMPARE(c.position.x, pos.value("x", 0.0));
        QCOMPARE(c.position.y, pos.value("y", 0.0));
        const json ps = rc.value("params", json::object());
        QCOMPARE(c.params.size(), ps.size());
        for (auto it = ps.begin(); it != ps.end(); ++it) {
            const auto found = c.params.find(it.key());
            QVERIFY2(found != c.params.end(), it.key().c_str());
            if (it->is_string())
                QCOMPARE(bytes(found->second.text), bytes(it->get<std::string>()));
            else if (it->is_boolean())
                QCOMPARE(found->second.number, it->get<bool>() ? 1.0 : 0.0);
            else
                QCOMPARE(found->second.number, it->get<double>());
        }
        QCOMPARE(c.autoscale.has_value(), rc.contains("autoscale"));
        if (c.autoscale) {
            const json &ra = rc["autoscale"];
            if (ra.contains("min"))
                QCOMPARE(c.autoscale->min, ra["min"].get<int>());
            if (ra.contains("max"))
                QCOMPARE(c.autoscale->max, ra["max"].get<int>());
            if (ra.contains("targetUtilization"))
                QCOMPARE(c.autoscale->targetUtilization, ra["targetUtilization"].get<double>());
            if (ra.contains("cooldownS"))
                QCOMPARE(c.autoscale->cooldownS, ra["cooldownS"].get<double>());
            if (ra.contains("bootS"))
                QCOMPARE(c.autoscale->bootS, ra["bootS"].get<double>());
        }
    }

    const json rconns = rd.value("connections", json::array());
    QCOMPARE(d.connections.size(), rconns.size());
    for (size_t i = 0; i < rconns.size(); ++i) {
        const json &rc = rconns[i];
        const sc::Connection &c = d.connections[i];
        QCOMPARE(bytes(c.from), bytes(rc.at("from").get<std::string>()));
        QCOMPARE(bytes(c.to), bytes(rc.at("to").get<std::string>()));
        QCOMPARE(c.weight.has_value(), rc.contains("weight"));
        if (c.weight)
            QCOMPARE(*c.weight, rc["weight"].get<double>());
        const json cl = rc.value("classes", json::array());
        QCOMPARE(c.classes.size(), cl.size());
        for (size_t k = 0; k < cl.size(); ++k)
            QCOMPARE(bytes(std::string(sc::className(c.classes[k]))),
                     bytes(cl[k].get<std::string>()));
    }

    const json rgs = rd.value("groups", json::array());
    QCOMPARE(d.groups.size(), rgs.size());
    for (size_t i = 0; i < rgs.size(); ++i) {
        const json &rg = rgs[i];
        const sc::Group &g = d.groups[i];
        QCOMPARE(bytes(g.id), bytes(rg.value("id", std::string())));
        if (rg.contains("kind"))
            QCOMPARE(bytes(g.kind), bytes(rg["kind"].get<std::string>()));
        QCOMPARE(bytes(g.label), bytes(rg.value("label", std::string())));
        QCOMPARE(g.x, rg.value("x", 0.0));
        QCOMPARE(g.y, rg.value("y", 0.0));
        QCOMPARE(g.width, rg.value("width", 0.0));
        QCOMPARE(g.height, rg.value("height", 0.0));
    }

    const json ann = rd.value("annotations", json::array());
    QVERIFY2(d.annotations == ann, d.annotations.dump().c_str());
}

std::string replaced(std::string s, const std::string &from, const std::string &to)
{
    s.replace(s.find(from), from.size(), to);
    return s;
}

// A small valid design whose @MARKERS@ the error cases replace.
std::string errorBase(const std::string &instances = "2", const std::string &formatVersion = "1",
                      const std::string &extra = "")
{
    std::string s = R"({"format": "scalecanvas", "formatVersion": @FV@, "appVersion": "9.9.9",
 "design": {"name": "E", "traffic": {"users": 1000},
  "components": [{"id": "web", "kind": "clients"},
   {"id": "app", "kind": "appServer", "params": {"instances": @N@@EXTRA@}}],
  "connections": [{"from": "web", "to": "app"}],
  "annotations": [{"k": 1}, {"k": 2}]}}
)";
    s = replaced(s, "@FV@", formatVersion);
    s = replaced(s, "@N@", instances);
    return replaced(s, "@EXTRA@", extra);
}

// A small valid design of format @FV@ with @SLO@ (a top-level "slo": ... member, or nothing).
std::string sloBase(const std::string &slo, const std::string &formatVersion = "2")
{
    std::string s = R"({"format": "scalecanvas", "formatVersion": @FV@, "appVersion": "9.9.9",@SLO@
 "design": {"name": "S", "traffic": {"users": 1000},
  "components": [{"id": "web", "kind": "clients"}, {"id": "app", "kind": "appServer"}],
  "connections": [{"from": "web", "to": "app"}]}}
)";
    s = replaced(s, "@FV@", formatVersion);
    return replaced(s, "@SLO@", slo.empty() ? "" : " \"slo\": " + slo + ",");
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                               QDir::NoDotAndDotDot);
}

sc::Design sampleDesign(const std::string &name)
{
    sc::LoadResult r = sc::loadDesign(sc::builtinTemplates().front().json);
    sc::Design d = *r.design;
    d.name = name;
    return d;
}

// The objective's refusals (DESIGN.md "File format 2": an SLO of 0 ms is an error naming the JSON
// path); each message states the allowed range.
void addSloErrors()
{
    const auto row = [](const char *name, const std::string &slo, const char *path,
                        const char *message) {
        QTest::newRow(name) << bytes(sloBase(slo)) << path << message;
    };
    row("slo-p99-zero", R"({"p99Ms": 0})", "slo.p99Ms",
        "must be more than 0 and at most 3600000 ms, got 0");
    row("slo-p99-negative", R"({"p99Ms": -5})", "slo.p99Ms", "got -5");
    row("slo-p99-over-an-hour", R"({"p99Ms": 3600000.5})", "slo.p99Ms",
        "at most 3600000 ms, got 3600000.5");
    row("slo-p99-string", R"({"p99Ms": "200"})", "slo.p99Ms",
        "must be a number more than 0 and at most 3600000 ms, got a string");
    row("slo-p99-null", R"({"p99Ms": null})", "slo.p99Ms",
        "must be a number more than 0 and at most 3600000 ms, got null");
    row("slo-p99-1e400", R"({"p99Ms": 1e400})", "slo.p99Ms", "1e400");
    row("slo-p99-nan", R"({"p99Ms": NaN})", "slo.p99Ms", "not valid JSON");
    row("slo-availability-zero", R"({"availability": 0})", "slo.availability",
        "must be more than 0 and at most 1, got 0");
    row("slo-availability-percent", R"({"availability": 99.9})", "slo.availability",
        "must be more than 0 and at most 1, got 99.9");
    row("slo-availability-bool", R"({"availability": true})", "slo.availability",
        "must be a number more than 0 and at most 1, got a boolean");
    row("slo-budget-negative", R"({"monthlyBudgetUsd": -1})", "slo.monthlyBudgetUsd",
        "must be from 0 to 1e+12 USD a month, got -1");
    row("slo-budget-huge", R"({"monthlyBudgetUsd": 2e12})", "slo.monthlyBudgetUsd", "got 2e+12");
    row("slo-unknown-key", R"({"p99ms": 200})", "slo.p99ms", "unknown field \"p99ms\"");
    row("slo-duplicate-key", R"({"p99Ms": 200, "p99Ms": 300})", "slo.p99Ms",
        "duplicate key \"p99Ms\"");
    row("slo-not-object", "500", "slo", "must be an object, got a number");
    row("slo-array", "[500, 0.999]", "slo", "must be an object, got an array");
    // A format-2 block in a version-1 file: the file is inconsistent, not silently upgraded.
    QTest::newRow("slo-in-v1") << bytes(sloBase(R"({"p99Ms": 200})", "1")) << "slo"
                               << "\"slo\" is part of file format 2, but this file says "
                                  "formatVersion 1";
    // A key no format has is refused by name (variants, lesson and notes: tst_lessonformat).
    QTest::newRow("unknown-block")
        << bytes(replaced(sloBase(""), "\"design\":", "\"comments\": [], \"design\":"))
        << "comments"
        << "unknown field \"comments\"";
}

} // namespace

class TestFormat : public QObject
{
    Q_OBJECT

private slots:
    void templateRoundTrip_data();
    void templateRoundTrip();
    void annotationsRoundTrip_data();
    void annotationsRoundTrip();
    void savedLayout();
    void goldenV1();
    void goldenV2();
    void newIdsAreUniqueInTheFile();
    void sloRead_data();
    void sloRead();
    void sloRoundTrip_data();
    void sloRoundTrip();
    void loadErrors_data();
    void loadErrors();
    void strictJsonPaths_data();
    void strictJsonPaths();
    void negativeZeroReadsAsZero();
    void aBadGroupKindIsOneError();
    void deepNestingIsQuick_data();
    void deepNestingIsQuick();
    void atomicSaveLeavesNoTemporary();
    void atomicSaveReadOnlyDirectory();
    void atomicSaveMissingParent();
    void atomicSaveOntoDirectory();
    void atomicSaveOntoPipe();
    void loadFileErrors();
    void oversizeSaysHowMuch();
    void geographyRoundTrip();
    void callsPerPageWrittenWhenSet();
    void groupMigration();
    void overlappingGroupsMigrate();
};

// Populations, groups with members, a zone's region and a region's place, and the network's
// constants: saved with the writer's keys and read back to the same design; the defaults of
// design.geography are not written, a region's place by name is written by name.
// traffic.callsPerPage is written only when it is not 1, so a file that does not use it stays
// as builds before it wrote it (and opens there); set, it is read back.
void TestFormat::callsPerPageWrittenWhenSet()
{
    sc::Design d = sampleDesign("calls");
    QCOMPARE(d.traffic.callsPerPage, 1.0);
    const json plain = json::parse(sc::saveDesign(d));
    QVERIFY(!plain["design"]["traffic"].contains("callsPerPage"));
    QVERIFY(plain["design"]["traffic"].contains("staticPerRequest"));
    d.traffic.callsPerPage = 4;
    const std::string saved = sc::saveDesign(d);
    QCOMPARE(json::parse(saved)["design"]["traffic"]["callsPerPage"].get<double>(), 4.0);
    const sc::LoadResult back = sc::loadDesign(saved);
    QVERIFY(back.design);
    QCOMPARE(back.design->traffic.callsPerPage, 4.0);
}

void TestFormat::geographyRoundTrip()
{
    const std::string text = R"({"format": "scalecanvas", "formatVersion": 2,
 "design": {"name": "G", "traffic": {"users": 1000},
  "components": [{"id": "web", "kind": "clients"}, {"id": "app", "kind": "appServer"}],
  "connections": [{"from": "web", "to": "app"}],
  "groups": [{"id": "east", "kind": "region", "label": "East", "members": [],
              "place": {"region": "us-east-1"}},
             {"id": "a", "kind": "zone", "label": "1a", "members": ["app"], "region": "east"}],
  "populations": [{"name": "US", "share": 0.75, "place": {"region": "us-east-2"}},
                  {"name": "Paris", "share": 0.25, "place": {"lat": 48.85, "lon": 2.35}}],
  "geography": {"routeFactor": 2.5, "crossZoneRttMs": 0.8}}}
)";
    const sc::LoadResult r = sc::loadDesign(text);
    QVERIFY2(r.design, qPrintable(errorsText(r.errors)));
    const sc::Design &d = *r.design;
    QVERIFY(d.groups[1].members == std::vector<std::string>{"app"});
    QCOMPARE(d.groups[1].region, std::string("east"));
    QCOMPARE(d.groups[0].place->region, std::string("us-east-1"));
    QCOMPARE(d.populations.size(), size_t(2));
    QCOMPARE(d.populations[1].place.lat, 48.85);
    QCOMPARE(d.geography.routeFactor, 2.5);
    QCOMPARE(d.geography.sameZoneRttMs, sc::kDefaultSameZoneRttMs);
    const std::string saved = sc::saveDesign(d);
    const json j = json::parse(saved);
    QVERIFY(j["design"]["groups"][0]["members"] == json::array());
    QVERIFY(j["design"]["groups"][0]["place"] == json({{"region", "us-east-1"}}));
    QVERIFY(j["design"]["populations"][1]["place"] == json({{"lat", 48.85}, {"lon", 2.35}}));
    QVERIFY(j["design"]["geography"]["sameZoneRttMs"] == json(0.1));
    const sc::LoadResult again = sc::loadDesign(saved);
    QVERIFY2(again.design, qPrintable(errorsText(again.errors)));
    QVERIFY(*again.design == d);
    QCOMPARE(sc::saveDesign(*again.design), saved);
    // Defaults are not written.
    sc::Design plain = d;
    plain.geography = {};
    plain.populations.clear();
    const json p = json::parse(sc::saveDesign(plain));
    QVERIFY(!p["design"].contains("geography"));
    QVERIFY(!p["design"].contains("populations"));
}

// Groups written before members existed: a component is a member when its box's centre
// (position + 176/2, 104/2) is inside the rectangle; a zone lies in the region whose rectangle
// holds it; a region labelled with an AWS region name is placed there.
void TestFormat::groupMigration()
{
    const std::string text = R"({"format": "scalecanvas", "formatVersion": 2,
 "design": {"name": "M", "traffic": {"users": 1000},
  "components": [{"id": "web", "kind": "clients", "position": {"x": -300, "y": 0}},
                 {"id": "app", "kind": "appServer", "position": {"x": 100, "y": 100}},
                 {"id": "edge", "kind": "appServer", "position": {"x": 350, "y": 100}}],
  "connections": [{"from": "web", "to": "app"}, {"from": "web", "to": "edge"}],
  "groups": [{"id": "r", "kind": "region", "label": "eu-west-1", "x": 0, "y": 0,
              "width": 500, "height": 400},
             {"id": "z", "kind": "zone", "label": "1a", "x": 50, "y": 50, "width": 300,
              "height": 200}]}}
)";
    const sc::LoadResult r = sc::loadDesign(text);
    QVERIFY2(r.design, qPrintable(errorsText(r.errors)));
    const sc::Design &d = *r.design;
    // app's centre (188, 152) is in both; edge's (438, 152) only in the region (zone ends at
    // x = 350); web's (−212, 52) in neither.
    QVERIFY(d.groups[0].members == (std::vector<std::string>{"app", "edge"}));
    QVERIFY(d.groups[1].members == std::vector<std::string>{"app"});
    QCOMPARE(d.groups[1].region, std::string("r"));
    QVERIFY(d.groups[0].place);
    QCOMPARE(d.groups[0].place->region, std::string("eu-west-1"));
    QVERIFY(!d.groups[1].place);
}

// Rectangles a format-1 canvas let overlap: a component inside two zones goes to the smaller
// (QA: the file was refused, "already in zone", at a members path it does not have), and one in
// two regions to its zone's region, where its zone lies; a component a group lists itself is
// no other group's of that kind. Boxes are 176 × 104 (centres at +88, +52).
void TestFormat::overlappingGroupsMigrate()
{
    const std::string text = R"({"format": "scalecanvas", "formatVersion": 1,
 "design": {"name": "O", "traffic": {"users": 1000},
  "components": [{"id": "web", "kind": "clients", "position": {"x": -300, "y": 0}},
                 {"id": "app", "kind": "appServer", "position": {"x": 700, "y": 260}},
                 {"id": "far", "kind": "appServer", "position": {"x": 1000, "y": 460}}],
  "connections": [{"from": "web", "to": "app"}, {"from": "web", "to": "far"}],
  "groups": [{"id": "big", "kind": "zone", "label": "a", "x": 600, "y": 200, "width": 600,
              "height": 400},
             {"id": "small", "kind": "zone", "label": "b", "x": 700, "y": 250, "width": 300,
              "height": 200},
             {"id": "r1", "kind": "region", "label": "us-east-1", "x": 0, "y": 0,
              "width": 2000, "height": 1000},
             {"id": "r2", "kind": "region", "label": "eu-west-1", "x": 650, "y": 220,
              "width": 400, "height": 300}]}}
)";
    const sc::LoadResult r = sc::loadDesign(text);
    QVERIFY2(r.design, qPrintable(errorsText(r.errors)));
    const sc::Design &d = *r.design;
    // app's centre (788, 312) is in both zones; far's (1088, 512) only in the big one.
    QVERIFY(d.groups[0].members == std::vector<std::string>{"far"});
    QVERIFY(d.groups[1].members == std::vector<std::string>{"app"});
    // The small zone (700…1000 × 250…450) lies whole in both regions: a zone takes the first in
    // the file that holds it, r1.
    QCOMPARE(d.groups[1].region, std::string("r1"));
    // app's centre is in r1 and in the smaller r2, but its zone lies in r1: r1.
    QVERIFY(d.groups[2].members == (std::vector<std::string>{"app", "far"}));
    QVERIFY(d.groups[3].members.empty());
}

void TestFormat::templateRoundTrip_data()
{
    QTest::addColumn<int>("index");
    const auto &all = sc::builtinTemplates();
    QVERIFY(!all.empty());
    for (size_t i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].name.c_str()) << int(i);
}

// save(load(x)) is a fixed point: loading it gives an equal design and saving that gives the
// same bytes; every field the template sets is still there.
void TestFormat::templateRoundTrip()
{
    QFETCH(int, index);
    const sc::TemplateInfo &t = sc::builtinTemplates().at(size_t(index));
    const sc::LoadResult first = sc::loadDesign(t.json);
    QVERIFY2(first.design, qPrintable(errorsText(first.errors)));
    QVERIFY(first.errors.empty());
    // Templates may be of any version this build reads (version 1 loads migrated).
    QVERIFY(first.fileFormatVersion >= 1 && first.fileFormatVersion <= sc::kFormatVersion);
    const json raw = json::parse(t.json);
    checkAgainstRaw(*first.design, raw);

    const std::string saved = sc::saveDesign(*first.design);
    const sc::LoadResult second = sc::loadDesign(saved);
    QVERIFY2(second.design, qPrintable(errorsText(second.errors)));
    QVERIFY(*second.design == *first.design);
    checkAgainstRaw(*second.design, raw);
    QByteArray why;
    QVERIFY2(sameText(sc::saveDesign(*second.design), saved, why), why.constData());
}

void TestFormat::annotationsRoundTrip_data()
{
    QTest::addColumn<int>("index");
    const auto &all = sc::builtinTemplates();
    for (size_t i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].name.c_str()) << int(i);
}

// Each template with free-form annotations added: they come back equal as JSON values.
void TestFormat::annotationsRoundTrip()
{
    QFETCH(int, index);
    json raw = json::parse(sc::builtinTemplates().at(size_t(index)).json);
    const json annotations = json::parse(kAnnotations);
    raw["design"]["annotations"] = annotations;
    const sc::LoadResult first = sc::loadDesign(raw.dump());
    QVERIFY2(first.design, qPrintable(errorsText(first.errors)));
    QVERIFY(first.design->annotations == annotations);
    QCOMPARE(first.design->annotations[0]["big"].get<std::uint64_t>(), 18446744073709551615ull);
    QCOMPARE(bytes(first.design->annotations[0]["text"].get<std::string>()),
             QByteArray("caf\xc3\xa9 \xe2\x98\x95 \xf0\x9f\x9a\x80 \xe6\x9d\xb1\xe4\xba\xac "
                        "\"quoted\" tab\t nl\n"));

    const std::string saved = sc::saveDesign(*first.design);
    const sc::LoadResult second = sc::loadDesign(saved);
    QVERIFY2(second.design, qPrintable(errorsText(second.errors)));
    QVERIFY(second.design->annotations == annotations);
    QVERIFY(*second.design == *first.design);
    checkAgainstRaw(*second.design, raw);
    QCOMPARE(bytes(sc::saveDesign(*second.design)), bytes(saved));
}

// The envelope the format promises: envelope keys first and in order, 2-space indent,
// trailing newline, the current format (2) and app version, and the objective always written
// (the defaults here; no budget unless one is set) before the design.
void TestFormat::savedLayout()
{
    const std::string saved = sc::saveDesign(sampleDesign("Layout"));
    QVERIFY2(saved.starts_with("{\n  \"format\": \"scalecanvas\",\n  \"formatVersion\": 2,\n"
                               "  \"appVersion\": \"" +
                               std::string(sc::kAppVersion) +
                               "\",\n"
                               "  \"slo\": {\n    \"p99Ms\": 500.0,\n    \"availability\": 0.999\n"
                               "  },\n"
                               "  \"design\": {\n    \"name\": \"Layout\",\n"),
             saved.substr(0, 200).c_str());
    QVERIFY(saved.ends_with("\n  }\n}\n"));
    QCOMPARE(sc::kFormatVersion, 2);
}

// A hand-written v1 file (every feature, keys out of order, escapes, partial objects) and its
// saved form, also written by hand from the format's rules.
void TestFormat::goldenV1()
{
    const QString inPath = QFINDTESTDATA("../data/golden/v1-minimal.scalecanvas");
    const QString outPath = QFINDTESTDATA("../data/golden/v1-minimal.saved.scalecanvas");
    QVERIFY2(!inPath.isEmpty() && !outPath.isEmpty(), "golden files not found");
    const QByteArray input = readAll(inPath);
    const std::string expected = readAll(outPath).toStdString();
    QVERIFY(!input.isEmpty() && !expected.empty());

    const sc::LoadResult loaded = sc::loadDesignFile(inPath.toStdString());
    QVERIFY2(loaded.design, qPrintable(errorsText(loaded.errors)));
    QCOMPARE(loaded.fileFormatVersion, 1);
    checkAgainstRaw(*loaded.design, json::parse(input.toStdString()));

    const sc::Design &d = *loaded.design;
    QCOMPARE(bytes(d.name), QByteArray("Golden v1 \xe2\x80\x94 minimal"));
    QCOMPARE(d.traffic.users, 25000.0);
    QCOMPARE(d.traffic.requestsPerUserPerDay, 50.0); // not in the file: the documented default
    QCOMPARE(d.components.size(), size_t(9));
    QCOMPARE(d.components[0].position.x, -120.5);
    QCOMPARE(d.components[4].label, std::string("App \"blue\""));
    QCOMPARE(d.components[4].autoscale->min, 2); // default
    QCOMPARE(d.components[4].autoscale->max, 8);
    QCOMPARE(d.components[8].autoscale->bootS, 30.5);
    QCOMPARE(*d.connections[3].weight, 1.5);
    QCOMPARE(d.connections[2].classes.size(), size_t(2));
    QCOMPARE(d.connections[2].classes[0], sc::RequestClass::Write);
    QCOMPARE(d.groups[0].width, 640.5);
    QCOMPARE(d.annotations.size(), size_t(4));
    // A version-1 file states no objective: it is held to DESIGN.md's defaults.
    QCOMPARE(d.slo.p99Ms, 500.0);
    QCOMPARE(d.slo.availability, 0.999);
    QVERIFY(!d.slo.monthlyBudgetUsd);

    // Saving writes format 2 (the expected form has "formatVersion": 2 and the default "slo").
    QByteArray why;
    QVERIFY2(sameText(sc::saveDesign(d), expected, why), why.constData());

    // The saved form reads back to the same design and is itself a fixed point.
    const sc::LoadResult again = sc::loadDesign(expected);
    QVERIFY2(again.design, qPrintable(errorsText(again.errors)));
    QVERIFY(*again.design == d);
    QVERIFY2(sameText(sc::saveDesign(*again.design), expected, why), why.constData());
}

// A hand-written file of format 2 in the saved form: it loads with its objective and budget and
// saves to the same bytes.
void TestFormat::goldenV2()
{
    const QString path = QFINDTESTDATA("../data/golden/v2-slo.scalecanvas");
    QVERIFY2(!path.isEmpty(), "golden file not found");
    const std::string input = readAll(path).toStdString();
    const sc::LoadResult loaded = sc::loadDesign(input);
    QVERIFY2(loaded.design, qPrintable(errorsText(loaded.errors)));
    QCOMPARE(loaded.fileFormatVersion, 2);
    checkAgainstRaw(*loaded.design, json::parse(input));
    const sc::Slo &slo = loaded.design->slo;
    QCOMPARE(slo.p99Ms, 200.0);
    QCOMPARE(slo.availability, 0.9995);
    QVERIFY(slo.monthlyBudgetUsd);
    QCOMPARE(*slo.monthlyBudgetUsd, 1234.5);
    QCOMPARE(loaded.design->components.size(), size_t(4));
    QByteArray why;
    QVERIFY2(sameText(sc::saveDesign(*loaded.design), input, why), why.constData());
}

// What each version's "slo" gives: a version-2 file may leave out the block or any key of it
// (the default stays), a version-1 file gets the defaults.
// A new component's id is unique in the file: it takes no group's id either (a scenario's zone
// event names a group by id, a failure a component).
void TestFormat::newIdsAreUniqueInTheFile()
{
    sc::Design d;
    sc::Component app;
    app.id = "app";
    app.kind = sc::Kind::AppServer;
    d.components.push_back(app);
    sc::Group zone;
    zone.id = "app2";
    d.groups.push_back(zone);
    QCOMPARE(d.uniqueId("app"), std::string("app3"));
    zone.id = "cache";
    d.groups.push_back(zone);
    QCOMPARE(d.uniqueId("cache"), std::string("cache2"));
    QCOMPARE(d.uniqueId("db"), std::string("db"));
}

void TestFormat::sloRead_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("version");
    QTest::addColumn<double>("p99Ms");
    QTest::addColumn<double>("availability");
    QTest::addColumn<double>("budget"); // -1: none
    QTest::newRow("v1") << bytes(sloBase("", "1")) << 1 << 500.0 << 0.999 << -1.0;
    QTest::newRow("v2-no-slo") << bytes(sloBase("")) << 2 << 500.0 << 0.999 << -1.0;
    QTest::newRow("v2-empty-slo") << bytes(sloBase("{}")) << 2 << 500.0 << 0.999 << -1.0;
    QTest::newRow("v2-p99-only") << bytes(sloBase(R"({"p99Ms": 250})")) << 2 << 250.0 << 0.999
                                 << -1.0;
    QTest::newRow("v2-availability-only")
        << bytes(sloBase(R"({"availability": 0.99})")) << 2 << 500.0 << 0.99 << -1.0;
    QTest::newRow("v2-all")
        << bytes(sloBase(R"({"monthlyBudgetUsd": 0, "availability": 1, "p99Ms": 3600000})")) << 2
        << 3600000.0 << 1.0 << 0.0;
    QTest::newRow("v2-smallest") << bytes(sloBase(R"({"p99Ms": 0.001, "availability": 1e-9})")) << 2
                                 << 0.001 << 1e-9 << -1.0;
}

void TestFormat::sloRead()
{
    QFETCH(QByteArray, text);
    QFETCH(int, version);
    QFETCH(double, p99Ms);
    QFETCH(double, availability);
    QFETCH(double, budget);
    const sc::LoadResult r = sc::loadDesign(text.toStdString());
    QVERIFY2(r.design, qPrintable(errorsText(r.errors)));
    QCOMPARE(r.fileFormatVersion, version);
    QCOMPARE(r.design->slo.p99Ms, p99Ms);
    QCOMPARE(r.design->slo.availability, availability);
    QCOMPARE(r.design->slo.monthlyBudgetUsd.has_value(), budget >= 0);
    if (budget >= 0)
        QCOMPARE(*r.design->slo.monthlyBudgetUsd, budget);
}

// −0 in a file is a zero: read as −0 it came back out as "-0" in the figures, the reports and
// diff's text (QA: "Storage -0 GB × 2 (Multi-AZ)", "Write fraction 0.05 → -0").
void TestFormat::negativeZeroReadsAsZero()
{
    json raw = json::parse(sc::builtinTemplates().front().json);
    raw["design"]["traffic"]["writeFraction"] = -0.0;
    raw["formatVersion"] = 2;
    raw["slo"] = {{"monthlyBudgetUsd", -0.0}};
    const std::string text = raw.dump();
    QVERIFY(text.find("-0.0") != std::string::npos);
    const sc::LoadResult r = sc::loadDesign(text);
    QVERIFY2(r.design, qPrintable(errorsText(r.errors)));
    QCOMPARE(r.design->traffic.writeFraction, 0.0);
    QVERIFY(!std::signbit(r.design->traffic.writeFraction));
    QVERIFY(r.design->slo.monthlyBudgetUsd && !std::signbit(*r.design->slo.monthlyBudgetUsd));
}

void TestFormat::sloRoundTrip_data()
{
    QTest::addColumn<double>("p99Ms");
    QTest::addColumn<double>("availability");
    QTest::addColumn<double>("budget"); // -1: none
    QTest::newRow("defaults") << 500.0 << 0.999 << -1.0;
    QTest::newRow("tight") << 120.5 << 0.99995 << 2500.25;
    QTest::newRow("zero-budget") << 1e3 << 0.9 << 0.0;
    QTest::newRow("awkward-doubles") << 0.1 + 0.2 << 1.0 / 3.0 << 1e12;
}

// Any objective a design can hold (inside the file's ranges) saves, loads back equal and saves
// to the same bytes; the budget is written only when there is one.
void TestFormat::sloRoundTrip()
{
    QFETCH(double, p99Ms);
    QFETCH(double, availability);
    QFETCH(double, budget);
    sc::Design d = sampleDesign("Objective");
    d.slo.p99Ms = p99Ms;
    d.slo.availability = availability;
    if (budget >= 0)
        d.slo.monthlyBudgetUsd = budget;
    const std::string saved = sc::saveDesign(d);
    const json root = json::parse(saved);
    QCOMPARE(root["formatVersion"].get<int>(), 2);
    QCOMPARE(root["slo"]["p99Ms"].get<double>(), p99Ms);
    QCOMPARE(root["slo"]["availability"].get<double>(), availability);
    QCOMPARE(root["slo"].contains("monthlyBudgetUsd"), budget >= 0);
    QCOMPARE(root["slo"].size(), size_t(budget >= 0 ? 3 : 2));
    const sc::LoadResult back = sc::loadDesign(saved);
    QVERIFY2(back.design, qPrintable(errorsText(back.errors)));
    QVERIFY(back.design->slo == d.slo);
    QVERIFY(*back.design == d);
    QCOMPARE(bytes(sc::saveDesign(*back.design)), bytes(saved));
}

void TestFormat::loadErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    QTest::newRow("fraction-instances")
        << bytes(errorBase("1.5")) << "design.components[1].params.instances"
        << "must be a whole number from 1 to 100000, got 1.5";
    QTest::newRow("instances-2^32")
        << bytes(errorBase("4294967296")) << "design.components[1].params.instances"
        << "got 4294967296";
    QTest::newRow("instances-zero")
        << bytes(errorBase("0")) << "design.components[1].params.instances"
        << "got 0";
    QTest::newRow("instances-string")
        << bytes(errorBase("\"2\"")) << "design.components[1].params.instances"
        << "must be a whole number from 1 to 100000, got a string";
    QTest::newRow("duplicate-param") << bytes(errorBase("2", "1", ", \"instances\": 3"))
                                     << "design.components[1].params.instances"
                                     << "duplicate key \"instances\"";
    QTest::newRow("duplicate-in-annotations")
        << bytes(replaced(errorBase(), "{\"k\": 2}", "{\"k\": 2, \"k\": 3}"))
        << "design.annotations[1].k"
        << "duplicate key \"k\"";
    QTest::newRow("format-version-3") << bytes(errorBase("2", "3")) << "formatVersion"
                                      << "made by version 9.9.9 (file format 3)";
    QTest::newRow("format-version-3-reads-2") << bytes(errorBase("2", "3")) << "formatVersion"
                                              << "reads format 2 and older: update ScaleCanvas";
    QTest::newRow("format-version-fraction") << bytes(errorBase("2", "1.5")) << "formatVersion"
                                             << "must be a whole number from 1 to 1000000, got 1.5";
    QTest::newRow("nan") << bytes(errorBase("NaN")) << "design.components[1].params.instances"
                         << "not valid JSON";
    QTest::newRow("1e400") << bytes(errorBase("1e400")) << "design.components[1].params.instances"
                           << "1e400";
    QTest::newRow("unknown-param")
        << bytes(errorBase("2", "1", ", \"threads\": 3")) << "design.components[1].params.threads"
        << "unknown parameter \"threads\"";
    // A page's calls: a whole number from 1 (docs/model.md "Traffic").
    for (const auto &[name, value] :
         {std::pair{"calls-zero", "0"}, {"calls-fraction", "2.5"}, {"calls-too-many", "1001"}})
        QTest::newRow(name) << bytes(replaced(errorBase(), "{\"users\": 1000}",
                                              std::string("{\"users\": 1000, \"callsPerPage\": ") +
                                                  value + "}"))
                            << "design.traffic.callsPerPage"
                            << "must be a whole number from 1 to 1000, got " + QString(value);
    addSloErrors();
}

// Every refusal names where: the JSON path of the offending value.
void TestFormat::loadErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const sc::LoadResult r = sc::loadDesign(text.toStdString());
    QVERIFY(!r.design);
    QVERIFY(!r.errors.empty());
    const QString all = errorsText(r.errors);
    QVERIFY2(all.contains(message), qPrintable(all));
    // DESIGN.md: NaN and 1e400 are errors that name the JSON path too: the parser refuses both
    // before the value has a place in the tree, so the path is where the parser was.
    QCOMPARE(QString::fromStdString(r.errors.front().path), path);
}

// A group's kind that is neither "region" nor "zone" is refused by name, once: its place is not
// refused again as "only a region has a place" (QA: "Region" read as two errors).
void TestFormat::aBadGroupKindIsOneError()
{
    const std::string text =
        R"({"format": "scalecanvas", "formatVersion": 2, "design": {"name": "g",
  "traffic": {"users": 1000},
  "components": [{"id": "web", "kind": "clients"}, {"id": "app", "kind": "appServer"}],
  "connections": [{"from": "web", "to": "app"}],
  "groups": [{"id": "east", "kind": "Region", "label": "East", "members": [],
              "place": {"region": "us-east-1"}}]}})";
    const sc::LoadResult r = sc::loadDesign(text);
    QVERIFY(!r.design);
    QCOMPARE(r.errors.size(), size_t(1));
    QCOMPARE(r.errors.front().path, std::string("design.groups[0].kind"));
    QVERIFY2(errorsText(r.errors).contains(QStringLiteral("got \"Region\"")),
             qPrintable(errorsText(r.errors)));
}

void TestFormat::strictJsonPaths_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("path");
    QTest::newRow("top") << QByteArray(R"({"a": 1, "b": 2, "a": 3})") << "a";
    QTest::newRow("in-array") << QByteArray(R"({"a": [{"b": 1}, [0, {"x": 1}], {"c": 1, "c": 2}]})")
                              << "a[2].c";
    QTest::newRow("nested") << QByteArray(R"({"a": {"b": {"c": [1, 2]}, "d": {"e": 1, "e": 1}}})")
                            << "a.d.e";
    QTest::newRow("root-array") << QByteArray(R"([1, {"k": 1}, {"k": 1, "k": 2}])") << "[2].k";
}

// Duplicate keys are refused with the path of the repeated key, at any depth.
void TestFormat::strictJsonPaths()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, path);
    json out;
    sc::Issue error;
    QVERIFY(!sc::parseStrictJson(text.toStdString(), out, error));
    QCOMPARE(QString::fromStdString(error.path), path);
    QVERIFY2(error.message.find("duplicate key") != std::string::npos, error.message.c_str());

    // The same text without the repeated key parses.
    json ok;
    QVERIFY(sc::parseStrictJson(R"({"a": [{"b": 1}, {"c": 2}]})", ok, error));
    QCOMPARE(ok["a"][1]["c"].get<int>(), 2);
}

void TestFormat::deepNestingIsQuick_data()
{
    constexpr int kDeep = 100000;
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("arrays") << QByteArray(kDeep, '[') + QByteArray(kDeep, ']');
    QTest::newRow("arrays-unclosed") << QByteArray(kDeep, '[');
    QTest::newRow("objects-in-annotations")
        << bytes(errorBase())
               .replace("[{\"k\": 1}", "[" + QByteArray("{\"a\": ").repeated(kDeep) + "1" +
                                           QByteArray(kDeep, '}'));
}

// 100 000 levels: refused with the nesting limit, no stack overflow, well under a second.
void TestFormat::deepNestingIsQuick()
{
    QFETCH(QByteArray, text);
    QElapsedTimer timer;
    timer.start();
    const sc::LoadResult r = sc::loadDesign(text.toStdString());
    json out;
    sc::Issue error;
    const bool parsed = sc::parseStrictJson(text.toStdString(), out, error);
    const qint64 ms = timer.elapsed();
    QVERIFY(!r.design);
    QVERIFY(!parsed);
    const std::string limit = "nesting is deeper than " + std::to_string(sc::kMaxNesting);
    QVERIFY2(errorsText(r.errors).contains(QString::fromStdString(limit)),
             qPrintable(errorsText(r.errors)));
    QVERIFY2(error.message.find(limit) != std::string::npos, error.message.c_str());
    QVERIFY2(ms < 2000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
}

void TestFormat::atomicSaveLeavesNoTemporary()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("d.scalecanvas"));
    const sc::Design a = sampleDesign("First");
    QCOMPARE(bytes(sc::saveDesignFileAtomic(a, path.toStdString())), QByteArray());
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("d.scalecanvas")});
    QCOMPARE(readAll(path), bytes(sc::saveDesign(a)));

    // Replacing an existing file: new content, still nothing else in the folder.
    const sc::Design b = sampleDesign("Second");
    QCOMPARE(bytes(sc::saveDesignFileAtomic(b, path.toStdString())), QByteArray());
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("d.scalecanvas")});
    QCOMPARE(readAll(path), bytes(sc::saveDesign(b)));
    const sc::LoadResult back = sc::loadDesignFile(path.toStdString());
    QVERIFY(back.design && *back.design == b);

    // writeFileAtomic writes any bytes verbatim, including NULs and an empty file.
    const QString raw = dir.filePath(QStringLiteral("raw.bin"));
    const std::string blob("a\0b\n", 4);
    QCOMPARE(bytes(sc::writeFileAtomic(raw.toStdString(), blob)), QByteArray());
    QCOMPARE(readAll(raw), bytes(blob));
    QCOMPARE(bytes(sc::writeFileAtomic(raw.toStdString(), "")), QByteArray());
    QCOMPARE(QFileInfo(raw).size(), qint64(0));
    QCOMPARE(entries(dir.path()),
             (QStringList{QStringLiteral("d.scalecanvas"), QStringLiteral("raw.bin")}));
}

// A folder the process may not write: an error, the original untouched, no leftovers.
void TestFormat::atomicSaveReadOnlyDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString sub = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkdir(sub));
    const QString path = sub + QStringLiteral("/d.scalecanvas");
    const std::string original = sc::saveDesign(sampleDesign("Original"));
    QCOMPARE(bytes(sc::writeFileAtomic(path.toStdString(), original)), QByteArray());
    const QFileDevice::Permissions rx = QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                        QFileDevice::ReadGroup | QFileDevice::ExeGroup |
                                        QFileDevice::ReadOther | QFileDevice::ExeOther; // 0555
    QVERIFY(QFile::setPermissions(sub, rx));

    const std::string error = sc::saveDesignFileAtomic(sampleDesign("Changed"), path.toStdString());
    const QStringList left = entries(sub);
    const QByteArray now = readAll(path);
    QFile::setPermissions(sub, rx | QFileDevice::WriteOwner);
    if (error.empty() && ::geteuid() == 0)
        QSKIP("running as root, which ignores the folder's permissions");
    QVERIFY(!error.empty());
    QCOMPARE(now, bytes(original));
    QCOMPARE(left, QStringList{QStringLiteral("d.scalecanvas")});
}

void TestFormat::atomicSaveMissingParent()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("nosuch/d.scalecanvas"));
    const std::string error = sc::saveDesignFileAtomic(sampleDesign("X"), path.toStdString());
    QVERIFY(!error.empty());
    QVERIFY2(error.find("nosuch") != std::string::npos, error.c_str());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("nosuch"))));
    QCOMPARE(entries(dir.path()), QStringList());
}

// The target is a folder (works as root too): refused, the folder and its content intact.
void TestFormat::atomicSaveOntoDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("d.scalecanvas"));
    QVERIFY(QDir().mkdir(path));
    const QString inside = path + QStringLiteral("/keep.txt");
    QCOMPARE(bytes(sc::writeFileAtomic(inside.toStdString(), "keep")), QByteArray());

    const std::string error = sc::saveDesignFileAtomic(sampleDesign("X"), path.toStdString());
    QVERIFY(!error.empty());
    QVERIFY(QFileInfo(path).isDir());
    QCOMPARE(readAll(inside), QByteArray("keep"));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("d.scalecanvas")});
    QCOMPARE(entries(path), QStringList{QStringLiteral("keep.txt")});
}

// A named pipe (or a symbolic link to one) is refused, not replaced by a file: a rename over it
// left a regular file where a reader waited (and, as root, over a device node destroyed it).
void TestFormat::atomicSaveOntoPipe()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string pipe = dir.filePath(QStringLiteral("out.csv")).toStdString();
    QCOMPARE(::mkfifo(pipe.c_str(), 0600), 0);
    const std::string link = dir.filePath(QStringLiteral("link.svg")).toStdString();
    QCOMPARE(::symlink(pipe.c_str(), link.c_str()), 0);
    for (const std::string &target : {pipe, link}) {
        const std::string error = sc::writeFileAtomic(target, "x");
        QVERIFY2(error.find("not a regular file") != std::string::npos, error.c_str());
        struct stat st {
        };
        QCOMPARE(::stat(pipe.c_str(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
    }
    QCOMPARE(entries(dir.path()),
             (QStringList{QStringLiteral("link.svg"), QStringLiteral("out.csv")}));
}

// Unreadable paths are refused with a message that says what is wrong with the path.
void TestFormat::loadFileErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string missing = dir.filePath(QStringLiteral("nosuch.scalecanvas")).toStdString();
    sc::LoadResult r = sc::loadDesignFile(missing);
    QVERIFY(!r.design);
    QCOMPARE(r.errors.size(), size_t(1));
    QVERIFY2(r.errors[0].message.find(missing) != std::string::npos, r.errors[0].message.c_str());

    const std::string folder = dir.path().toStdString();
    r = sc::loadDesignFile(folder);
    QVERIFY(!r.design);
    QCOMPARE(r.errors.size(), size_t(1));
    // A folder is named as one, not reported as a file of 8 EiB (tellg() of a directory).
    QVERIFY2(r.errors[0].message.find("MiB") == std::string::npos, r.errors[0].message.c_str());
    QVERIFY2(r.errors[0].message.find("folder") != std::string::npos, r.errors[0].message.c_str());
}

// A file over the limit by less than a MiB is told its size in bytes: 32 MiB + 1 byte read "is
// 32 MiB; the limit is 32 MiB" (QA). 32 MiB = 33,554,432 bytes; 33 MiB − 1 = 34,603,007.
void TestFormat::oversizeSaysHowMuch()
{
    QCOMPARE(sc::oversizeText(33554433, 32u << 20),
             std::string("is 33,554,433 bytes; the limit is 33,554,432 bytes (32 MiB)"));
    QCOMPARE(sc::oversizeText(34603007, 32u << 20),
             std::string("is 34,603,007 bytes; the limit is 33,554,432 bytes (32 MiB)"));
    QCOMPARE(sc::oversizeText(64u << 20, 32u << 20), std::string("is 64 MiB; the limit is 32 MiB"));
    // Through the reader, as the CLI says it.
    const sc::LoadResult r = sc::loadDesign(std::string((32u << 20) + 1, ' '));
    QVERIFY(!r.design);
    QCOMPARE(r.errors.at(0).message,
             std::string("file is 33,554,433 bytes; the limit is 33,554,432 bytes (32 MiB)"));
}

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
