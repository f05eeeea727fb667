// A rebuild after an edit (Model(before, design, catalog)) carries over what the edit did not
// change: its figures must be those of a model built from scratch, to the last bit, after any
// edit of any parameter of any component, and after the edit is undone.
#include "core/analysis/model.h"
#include "core/analysis/prepared.h"
#include "core/analysis/report.h"
#include "core/analysis/scenarios.h"
#include "core/catalog/catalog.h"
#include "core/io/templates.h"
#include "core/model/params.h"
#include "core/model/scenarionames.h"
#include "tests/bench/generate.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <algorithm>
#include <string>
#include <vector>

using namespace sc;

namespace {

// Everything a model answers that its preparation decides, as text: the issues, then (when it
// can be evaluated) an evaluation at the design's users and a sweep from 10 to 10⁸ users (past
// the walls), in the CLI's JSON (numbers written to round-trip: equal text, equal bits).
std::string figures(const Model &m, double users)
{
    std::string out;
    for (const Issue &i : m.validationIssues())
        out += i.path + ": " + i.message + " (" + i.componentId + ")\n";
    if (!m.ok())
        return out;
    out += "lumps " + std::to_string(m.lumpCount()) + "\n";
    out += evaluationToJson(m, m.evaluate(users)).dump() + "\n";
    out += sweepToJson(m, m.sweep(10, 1e8, 9)).dump() + "\n";
    return out;
}

// Another value of parameter `spec` of `c`, inside its range (nullopt: it has no other).
std::optional<ParamValue> otherValue(const Component &c, const ParamSpec &spec)
{
    const double now = c.number(spec.name);
    switch (spec.type) {
    case ParamType::Bool:
        return ParamValue{now != 0 ? 0.0 : 1.0, {}};
    case ParamType::Int:
        if (now + 1 <= spec.max)
            return ParamValue{now + 1, {}};
        if (now - 1 >= spec.min)
            return ParamValue{now - 1, {}};
        return std::nullopt;
    case ParamType::Real: {
        double v = now != 0 ? now * 1.3 : spec.min + (spec.max - spec.min) / 10;
        if (v > spec.max || v < spec.min)
            v = (now + spec.min) / 2;
        if (v == now || v > spec.max || v < spec.min)
            return std::nullopt;
        return ParamValue{v, {}};
    }
    case ParamType::Enum: {
        const std::string_view all = spec.choices, current = c.textView(spec.name);
        std::vector<std::string_view> choices;
        for (size_t at = 0; at <= all.size();) {
            const size_t bar = std::min(all.find('|', at), all.size());
            choices.push_back(all.substr(at, bar - at));
            at = bar + 1;
        }
        const auto it = std::find(choices.begin(), choices.end(), current);
        if (choices.size() < 2)
            return std::nullopt;
        const size_t next =
            it == choices.end() ? 0 : size_t(it - choices.begin() + 1) % choices.size();
        return ParamValue{0, std::string(choices[next])};
    }
    case ParamType::InstanceType:
        for (const InstanceType &t : Catalog::builtin().instanceTypes)
            if (t.service == spec.choices && t.name != c.textView(spec.name))
                return ParamValue{0, t.name};
        return std::nullopt;
    }
    return std::nullopt;
}

// Every edit of one parameter of the components `step` apart: the model carried over from the
// design's must read as one built from scratch, and so must the model carried back from the
// edited one (the edit undone). Returns how many edits were carried.
int checkEveryEdit(const Design &d, size_t step, const char *name)
{
    const Catalog &cat = Catalog::builtin();
    const double users = d.traffic.users;
    const Model base(d, cat);
    const std::string baseFigures = figures(base, users);
    int edits = 0;
    for (size_t i = 0; i < d.components.size(); i += step) {
        std::vector<Design> edited;
        for (const ParamSpec &spec : paramSpecs(d.components[i].kind)) {
            if (const auto v = otherValue(d.components[i], spec)) {
                edited.push_back(d);
                edited.back().components[i].params[std::string(spec.name)] = *v;
            }
        }
        if (d.components[i].autoscale) {
            edited.push_back(d);
            ++edited.back().components[i].autoscale->max;
            edited.push_back(d);
            edited.back().components[i].autoscale.reset();
        }
        edited.push_back(d);
        edited.back().components[i].label += " (renamed)";
        for (const Design &e : edited) {
            const Model fresh(e, cat), carried(base, e, cat);
            const std::string where = std::string(name) + ", " + d.components[i].id;
            const std::string want = figures(fresh, users), got = figures(carried, users);
            if (want != got) {
                QTest::qFail(("carried model differs after an edit of " + where).c_str(), __FILE__,
                             __LINE__);
                return -1;
            }
            const Model back(carried, d, cat);
            if (figures(back, users) != baseFigures) {
                QTest::qFail(("carried model differs after undoing an edit of " + where).c_str(),
                             __FILE__, __LINE__);
                return -1;
            }
            ++edits;
        }
    }
    return edits;
}

} // namespace

class TestCarry : public QObject
{
    Q_OBJECT

private slots:
    void everyTemplateEveryParameter()
    {
        for (const TemplateInfo &t : builtinTemplates()) {
            const auto d = sctest::templateDesign(t.name);
            QVERIFY2(d, t.name.c_str());
            QVERIFY(checkEveryEdit(*d, 1, t.name.c_str()) > 0);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // Generated designs of alike and of differing regions: edits that split a lump, join one,
    // and change the routes of a whole region.
    void generatedDesigns()
    {
        for (bool varied : {false, true}) {
            const Design d = scbench::generateDesign(100, varied);
            QVERIFY(checkEveryEdit(d, 3, varied ? "varied" : "alike") > 0);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // A big design's rebuild and evaluation share their work with a second thread (model.cpp:
    // from kWorthASideTask components, or an edit of a model of kWorthALumpsAside lumps, a
    // rebuild finds its single points of failure, caches' failover, carried advice, bill's terms
    // and latency walks there; from kWorthASideTask lumps a first evaluation its pools' thread
    // rates, the tier availabilities are split between the threads, and the latency and
    // populations' figures taken by whichever is free): on one thread (Model::setThreadLimit(1))
    // every figure is the same to the last bit, a model built from scratch and one carried over an
    // edit alike. (On a one-core machine both runs take one thread.)
    void bigRebuildOnTwoThreads_data()
    {
        QTest::addColumn<int>("components");
        QTest::newRow("many components") << 2200;
        // Fewer than kWorthASideTask components, but an edit of a model of more than
        // kWorthALumpsAside lumps: its rebuild's parts go to the side thread too.
        QTest::newRow("many lumps") << 1000;
    }
    void bigRebuildOnTwoThreads()
    {
        QFETCH(int, components);
        const Catalog &cat = Catalog::builtin();
        Design d = scbench::generateDesign(components, true);
        // Two populations: their figures are one of the evaluation's spare parts.
        d.populations = {{"US", 0.7, Place{"us-east-1", 0, 0}},
                         {"EU", 0.3, Place{"eu-west-1", 0, 0}}};
        Design e = d;
        e.components[size_t(e.indexOf("r3-cache"))].params["hitRatio"] = {0.55, {}};
        struct Restore {
            ~Restore() { Model::setThreadLimit(0); }
        } restore;
        auto run = [&](unsigned threads) {
            Model::setThreadLimit(threads);
            const Model base(d, cat);
            base.evaluate(2e6); // (its advice is there for the carried model to take over)
            const Model carried(base, e, cat);
            return std::pair(figures(base, 2e6) + figures(carried, 2e6), base.lumpCount());
        };
        const auto [one, lumps] = run(1);
        QVERIFY(d.components.size() >= detail::kWorthASideTask
                    ? size_t(lumps) >= detail::kWorthASideTask
                    : size_t(lumps) >= detail::kWorthALumpsAside);
        const auto [two, sameLumps] = run(0);
        QCOMPARE(sameLumps, lumps);
        QCOMPARE(one.size(), two.size());
        QVERIFY(one == two);
        QCOMPARE(figures(Model(d, cat), 2e6) + figures(Model(e, cat), 2e6), two);
        QVERIFY(two.find("\"spof\":true") != std::string::npos);
        QVERIFY(two.find("\"EU\"") != std::string::npos);
    }

    // A design whose components are each a lump of their own is lumped after an edit from the
    // signatures the edit touched (lumping.cpp, carrySingletons): edits that leave every
    // component its own lump carry the lumping over, lumps, order and routes as a rebuild from
    // scratch has them; an edit that makes one region the other's twin is lumped afresh (their
    // hashes meet) into lumps of two, and undoing it parts them.
    void editJoinsSingletons()
    {
        const Catalog &cat = Catalog::builtin();
        const Design d = scbench::generateDesign(21, true); // an edge and two regions that differ
        const Model base(d, cat);
        QCOMPARE(base.lumpCount(), 21);
        Design e = d;
        for (Component &c : e.components) {
            if (c.id.rfind("r1-", 0) != 0)
                continue;
            const int twin = e.indexOf("r0-" + c.id.substr(3));
            QVERIFY(twin >= 0);
            c.params = e.components[size_t(twin)].params;
            c.autoscale = e.components[size_t(twin)].autoscale;
        }
        const Model carried(base, e, cat);
        QCOMPARE(carried.lumpCount(), 5 + 8);        // the edge, and one lump per pair of twins
        QVERIFY(!carried.prepared().lumpingCarried); // the twins' hashes met: lumped afresh
        QCOMPARE(figures(carried, 1e6), figures(Model(e, cat), 1e6));
        // Back from the twins (lumps of two: no hashes kept) to the regions that differ.
        const Model back(carried, d, cat);
        QVERIFY(!back.prepared().lumpingCarried);
        QCOMPARE(back.lumpCount(), 21);
        QCOMPARE(figures(back, 1e6), figures(base, 1e6));
        // The lumping carried over: a cache's hit ratio (the fractions of its routes), an
        // auto-scaled tier's maximum (its scaling table) — each component again its own lump,
        // lumped, ordered and routed as a rebuild from scratch has them.
        Design hits = d, scale = d;
        hits.components[size_t(hits.indexOf("r0-cache"))].params["hitRatio"] = {0.5, {}};
        ++scale.components[size_t(scale.indexOf("r1-app"))].autoscale->max;
        for (const Design &edit : {hits, scale}) {
            const Model carriedOver(base, edit, cat), fresh(edit, cat);
            QVERIFY(carriedOver.prepared().lumpingCarried);
            QCOMPARE(figures(carriedOver, 1e6), figures(fresh, 1e6));
            const detail::Prepared &a = carriedOver.prepared(), &b = fresh.prepared();
            QCOMPARE(*a.lumpOf, *b.lumpOf);
            QCOMPARE(a.lumpOrder, b.lumpOrder);
            QCOMPARE(a.flowOrder, b.flowOrder);
            QCOMPARE(a.singletonHashes, b.singletonHashes);
            for (size_t l = 0; l < a.lumps.size(); ++l) {
                QCOMPARE(a.lumps[l].rep, b.lumps[l].rep);
                QCOMPARE(a.lumps[l].height, b.lumps[l].height);
                for (int k = 0; k <= kClassCount; ++k) {
                    const auto x = a.outsOf(l, k), y = b.outsOf(l, k);
                    QCOMPARE(x.size(), y.size());
                    for (size_t j = 0; j < x.size(); ++j) {
                        QCOMPARE(x[j].target, y[j].target);
                        QCOMPARE(x[j].fraction, y[j].fraction);
                    }
                }
            }
            QCOMPARE(a.outHopMs, b.outHopMs);
            for (const Scenario &s : builtinScenarios(edit))
                if (s.name == builtin::kViralSpike)
                    QCOMPARE(carriedOver.simulate(s, {}).costUsd, fresh.simulate(s, {}).costUsd);
        }
        // The workers alone: they send to poolers that differ, so nothing joins.
        Design one = d;
        one.components[size_t(one.indexOf("r1-workers"))].params =
            d.components[size_t(d.indexOf("r0-workers"))].params;
        const Model oneCarried(base, one, cat);
        QVERIFY(oneCarried.prepared().lumpingCarried);
        QCOMPARE(oneCarried.lumpCount(), 21);
        QCOMPARE(figures(oneCarried, 1e6), figures(Model(one, cat), 1e6));
    }

    // An edit that makes the design wrong (an unknown instance type) reads as a rebuild from
    // scratch does: the same issue at the same path, and no figures.
    void editIntoAnError()
    {
        const auto d = sctest::templateDesign("stage3-100k");
        QVERIFY(d);
        const Model base(*d, Catalog::builtin());
        Design e = *d;
        auto app = std::find_if(e.components.begin(), e.components.end(),
                                [](const Component &c) { return c.kind == Kind::AppServer; });
        QVERIFY(app != e.components.end());
        app->params["instanceType"] = {0, "m5.nonexistent"};
        const Model carried(base, e, Catalog::builtin());
        QVERIFY(!carried.ok());
        QCOMPARE(figures(carried, 1e5), figures(Model(e, Catalog::builtin()), 1e5));
        QCOMPARE(carried.errors().front().path, "design.components[" +
                                                    std::to_string(app - e.components.begin()) +
                                                    "].params.instanceType");
        // And back: the design as it was, from the model with the error.
        QCOMPARE(figures(Model(carried, *d, Catalog::builtin()), 1e5), figures(base, 1e5));
    }

    // Edits that change more than parameters are built from scratch: a connection removed, the
    // traffic changed, a component added.
    void structuralEdits()
    {
        const auto d = sctest::templateDesign("stage4-1m");
        QVERIFY(d);
        const Catalog &cat = Catalog::builtin();
        const Model base(*d, cat);
        std::vector<Design> edits(3, *d);
        edits[0].connections.pop_back();
        edits[1].traffic.writeFraction = 0.2;
        Component extra = d->components.front();
        extra.id = "extra";
        edits[2].components.push_back(extra);
        for (const Design &e : edits)
            QCOMPARE(figures(Model(base, e, cat), 2e6), figures(Model(e, cat), 2e6));
    }
};

QTEST_APPLESS_MAIN(TestCarry)
#include "tst_carry.moc"
