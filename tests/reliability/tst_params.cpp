// Every numeric parameter of every kind, every traffic, autoscale and objective field, set to
// 0, -1, null, a string, 1.5, 4294967296, 1e18 and 1e308 in a design that has every kind
// (the stage4-1m template): either a validation error whose path names the parameter, or a
// model whose evaluation (and sweep) has only finite figures.
#include "tests/fuzz/pipeline.h"

#include "core/io/templates.h"

#include <QTest>

using json = nlohmann::json;

namespace {

const std::vector<std::pair<const char *, json>> &extremes()
{
    static const std::vector<std::pair<const char *, json>> v = {
        {"0", 0},         {"-1", -1},      {"null", nullptr},
        {"string", "12"}, {"1.5", 1.5},    {"4294967296", std::uint64_t(4294967296ull)},
        {"1e18", 1e18},   {"1e308", 1e308}};
    return v;
}

struct Outcome {
    enum { LoadError, ModelError, Finite, Failed } kind = Failed;
    std::string detail;
};

// `name` must appear in the path of some error when the file is refused.
Outcome check(const json &doc, const std::string &name, const std::string &componentId)
{
    const sc::LoadResult r = sc::loadDesign(doc.dump());
    if (!r.design) {
        for (const sc::Issue &i : r.errors)
            if (i.path.find(name) != std::string::npos)
                return {Outcome::LoadError, i.toString()};
        return {Outcome::Failed, "an error that does not name it: " +
                                     (r.errors.empty() ? "" : r.errors.front().toString())};
    }
    const sc::Model m(*r.design, sc::Catalog::builtin());
    if (!m.ok()) {
        for (const sc::Issue &i : m.errors())
            if (i.path.find(name) != std::string::npos ||
                i.message.find(name) != std::string::npos ||
                (!componentId.empty() && i.componentId == componentId))
                return {Outcome::ModelError, m.errors().front().toString()};
        return {Outcome::Failed, "a model error that names neither it nor its component: " +
                                     m.errors().front().toString()};
    }
    for (double users : {r.design->traffic.users, 1e8}) {
        const sc::Evaluation ev = m.evaluate(users);
        if (auto bad = sc::reliability::nonFiniteFigures(ev); !bad.empty())
            return {Outcome::Failed, "at " + std::to_string(users) + " users: " + bad.front()};
        if (!sc::reliability::jsonAllFinite(sc::evaluationToJson(m, ev)))
            return {Outcome::Failed, "non-finite number in the JSON report"};
    }
    const sc::Sweep s = m.sweep(10, 1e8, 40);
    if (auto bad = sc::reliability::nonFiniteFigures(s); !bad.empty())
        return {Outcome::Failed, "sweep: " + bad.front()};
    if (!sc::reliability::jsonAllFinite(sc::sweepToJson(m, s)))
        return {Outcome::Failed, "non-finite number in the sweep JSON"};
    return {Outcome::Finite, {}};
}

} // namespace

class TestParams : public QObject
{
    Q_OBJECT

private slots:
    void everyNumberAtItsExtremes();
};

void TestParams::everyNumberAtItsExtremes()
{
    const sc::TemplateInfo *t = sc::findTemplate("stage4-1m");
    QVERIFY(t);
    const json base = json::parse(t->json);
    {
        const sc::LoadResult r = sc::loadDesign(t->json);
        QVERIFY(r.design);
        QVERIFY(sc::Model(*r.design, sc::Catalog::builtin()).ok());
    }
    // Where each kind sits in the template.
    std::map<sc::Kind, size_t> at;
    const json &comps = base["design"]["components"];
    for (size_t i = 0; i < comps.size(); ++i)
        at.emplace(*sc::kindFromName(comps[i]["kind"].get<std::string>()), i);

    int counts[4] = {};
    QStringList failures;
    auto record = [&](const std::string &what, const char *value, const Outcome &o) {
        ++counts[o.kind];
        if (o.kind == Outcome::Failed)
            failures << QString::fromStdString(what + " = " + value + ": " + o.detail);
    };

    for (sc::Kind kind : sc::allKinds()) {
        QVERIFY2(at.count(kind), "the template lacks a kind");
        const size_t i = at[kind];
        const std::string id = comps[i]["id"];
        for (const sc::ParamSpec &spec : sc::paramSpecs(kind)) {
            if (spec.type == sc::ParamType::Enum || spec.type == sc::ParamType::InstanceType)
                continue;
            for (const auto &[label, value] : extremes()) {
                json doc = base;
                doc["design"]["components"][i]["params"][std::string(spec.name)] = value;
                record(std::string(sc::kindName(kind)) + "." + std::string(spec.name), label,
                       check(doc, std::string(spec.name), id));
            }
        }
        if (!sc::canAutoscale(kind))
            continue;
        for (const sc::ParamSpec &spec : sc::autoscaleSpecs()) {
            for (const auto &[label, value] : extremes()) {
                json doc = base;
                json &c = doc["design"]["components"][i];
                if (!c.contains("autoscale"))
                    c["autoscale"] = json::object();
                c["autoscale"][std::string(spec.name)] = value;
                record(std::string(sc::kindName(kind)) + ".autoscale." + std::string(spec.name),
                       label, check(doc, std::string(spec.name), id));
            }
        }
    }
    for (const sc::ParamSpec &spec : sc::trafficSpecs()) {
        for (const auto &[label, value] : extremes()) {
            json doc = base;
            doc["design"]["traffic"][std::string(spec.name)] = value;
            record("traffic." + std::string(spec.name), label,
                   check(doc, std::string(spec.name), {}));
        }
    }
    // The objective beside the design (file format 2): refused with its path, or the latency
    // wall it gives is finite or null.
    for (const char *field : {"p99Ms", "availability", "monthlyBudgetUsd"}) {
        for (const auto &[label, value] : extremes()) {
            json doc = base;
            doc["formatVersion"] = 2;
            doc["slo"][field] = value;
            record(std::string("slo.") + field, label, check(doc, "slo." + std::string(field), {}));
        }
    }
    // The plain numbers outside the parameter table: positions, edge weights, group frames.
    const size_t first = 0;
    const json group = {{"id", "g"}, {"kind", "zone"}, {"label", "Zone"}, {"x", 0},
                        {"y", 0},    {"width", 100},   {"height", 100}};
    for (const auto &[label, value] : extremes()) {
        for (const char *axis : {"x", "y"}) {
            json doc = base;
            doc["design"]["components"][first]["position"][axis] = value;
            record(std::string("position.") + axis, label,
                   check(doc, "position." + std::string(axis), {}));
        }
        json doc = base;
        doc["design"]["connections"][0]["weight"] = value;
        record("connection.weight", label, check(doc, "weight", {}));
        for (const char *field : {"x", "y", "width", "height"}) {
            json g = base;
            json one = group;
            one[field] = value;
            g["design"]["groups"] = json::array({one});
            record(std::string("group.") + field, label,
                   check(g, "groups[0]." + std::string(field), {}));
        }
    }
    qInfo("%d refused by the loader (path names the field), %d refused by the model, "
          "%d evaluated with finite figures, %d failures",
          counts[Outcome::LoadError], counts[Outcome::ModelError], counts[Outcome::Finite],
          counts[Outcome::Failed]);
    for (const QString &f : failures)
        qWarning("%s", qPrintable(f));
    QVERIFY2(failures.isEmpty(), qPrintable(QString::number(failures.size()) + " failures"));
}

QTEST_GUILESS_MAIN(TestParams)
#include "tst_params.moc"
