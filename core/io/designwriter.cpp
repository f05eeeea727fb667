// The design writer: Design → JSON with a stable key order (the parameter table's), 2-space
// indent and a trailing newline, so a saved file diffs well and saves byte-identically.

#include "format.h"

#include "core/io/internal/lessonio.h"
#include "core/io/internal/scenarioio.h"

namespace sc {
namespace {

using ojson = nlohmann::ordered_json;

ojson paramToJson(const ParamSpec &spec, const ParamValue &v)
{
    switch (spec.type) {
    case ParamType::Bool:
        return v.number != 0;
    case ParamType::Int:
        return std::int64_t(v.number);
    case ParamType::Real:
        return v.number;
    case ParamType::Enum:
    case ParamType::InstanceType:
        return v.text;
    }
    return nullptr;
}

ojson componentToJson(const Component &c)
{
    ojson o;
    o["id"] = c.id;
    o["kind"] = std::string(kindName(c.kind));
    o["label"] = c.label;
    o["position"] = {{"x", c.position.x}, {"y", c.position.y}};
    ojson ps = ojson::object();
    for (const ParamSpec &s : paramSpecs(c.kind))
        if (auto it = c.params.find(std::string(s.name)); it != c.params.end())
            ps[std::string(s.name)] = paramToJson(s, it->second);
    o["params"] = ps;
    if (c.autoscale) {
        const Autoscale &a = *c.autoscale;
        o["autoscale"] = {{"min", a.min},
                          {"max", a.max},
                          {"targetUtilization", a.targetUtilization},
                          {"cooldownS", a.cooldownS},
                          {"bootS", a.bootS}};
        // Time-only fields are written when they differ from their defaults (files that do not
        // simulate stay as they were).
        const Autoscale defaults;
        if (a.policy != defaults.policy)
            o["autoscale"]["policy"] = std::string(policyName(a.policy));
        for (const char *name : {"metricPeriodS", "scaleOutAbove", "scaleInBelow", "stepAdd"})
            if (a.get(name) != defaults.get(name))
                o["autoscale"][name] = a.get(name);
    }
    return o;
}

ojson connectionToJson(const Connection &c)
{
    ojson o;
    o["from"] = c.from;
    o["to"] = c.to;
    if (c.weight)
        o["weight"] = *c.weight;
    if (!c.classes.empty()) {
        ojson cl = ojson::array();
        for (RequestClass rc : c.classes)
            cl.push_back(std::string(className(rc)));
        o["classes"] = cl;
    }
    return o;
}

ojson placeToJson(const Place &p)
{
    if (!p.region.empty())
        return ojson{{"region", p.region}};
    ojson o;
    o["lat"] = p.lat;
    o["lon"] = p.lon;
    return o;
}

ojson groupToJson(const Group &g)
{
    ojson o;
    if (!g.id.empty()) // a group's id is optional, and "" would not load back
        o["id"] = g.id;
    o["kind"] = g.kind;
    o["label"] = g.label;
    o["x"] = g.x;
    o["y"] = g.y;
    o["width"] = g.width;
    o["height"] = g.height;
    o["members"] = g.members; // always, so the file does not depend on the migration
    if (!g.region.empty())
        o["region"] = g.region;
    if (g.place)
        o["place"] = placeToJson(*g.place);
    return o;
}

ojson populationToJson(const Population &p)
{
    ojson o;
    o["name"] = p.name;
    o["share"] = p.share;
    o["place"] = placeToJson(p.place);
    return o;
}

ojson geographyToJson(const Geography &g)
{
    ojson o;
    o["routeFactor"] = g.routeFactor;
    o["sameZoneRttMs"] = g.sameZoneRttMs;
    o["crossZoneRttMs"] = g.crossZoneRttMs;
    return o;
}

// Always written, so a saved file states the objective it is held to.
ojson sloToJson(const Slo &slo)
{
    ojson o;
    o["p99Ms"] = slo.p99Ms;
    o["availability"] = slo.availability;
    if (slo.monthlyBudgetUsd)
        o["monthlyBudgetUsd"] = *slo.monthlyBudgetUsd;
    return o;
}

ojson designToJson(const Design &design)
{
    ojson d;
    d["name"] = design.name;
    if (!design.description.empty())
        d["description"] = design.description;
    ojson t = ojson::object();
    for (const ParamSpec &s : trafficSpecs())
        // Written only when set: a file that does not use it opens in builds before it.
        if (s.name != "callsPerPage" || design.traffic.callsPerPage != s.defaultValue)
            t[std::string(s.name)] = design.traffic.get(s.name);
    d["traffic"] = t;
    ojson cs = ojson::array();
    for (const Component &c : design.components)
        cs.push_back(componentToJson(c));
    d["components"] = cs;
    ojson conns = ojson::array();
    for (const Connection &c : design.connections)
        conns.push_back(connectionToJson(c));
    d["connections"] = conns;
    if (!design.groups.empty()) {
        ojson gs = ojson::array();
        for (const Group &g : design.groups)
            gs.push_back(groupToJson(g));
        d["groups"] = gs;
    }
    if (!design.populations.empty()) {
        ojson ps = ojson::array();
        for (const Population &p : design.populations)
            ps.push_back(populationToJson(p));
        d["populations"] = ps;
    }
    if (design.geography != Geography{}) // the defaults are not written
        d["geography"] = geographyToJson(design.geography);
    if (!design.annotations.empty())
        d["annotations"] = ojson::parse(design.annotations.dump());
    return d;
}

} // namespace

std::string saveDesign(const Design &design)
{
    ojson root;
    root["format"] = "scalecanvas";
    root["formatVersion"] = kFormatVersion;
    root["appVersion"] = std::string(kAppVersion);
    root["slo"] = sloToJson(design.slo);
    root["design"] = designToJson(design);
    if (!design.scenarios.empty())
        root["scenarios"] = io::scenariosToJson(design.scenarios, design);
    // Format 2's other blocks, in this order and only when there is something to write, so a
    // file without them saves as it did before they existed.
    if (!design.variants.empty()) {
        ojson vs = ojson::array();
        for (const Variant &v : design.variants)
            vs.push_back({{"name", v.name}, {"design", designToJson(v.design)}});
        root["variants"] = vs;
    }
    if (design.lesson != Lesson{})
        root["lesson"] = io::lessonToJson(design.lesson);
    if (!design.notes.empty())
        root["notes"] = io::notesToJson(design.notes);
    return root.dump(2) + "\n";
}

std::string saveDesignFileAtomic(const Design &design, const std::string &path)
{
    return writeFileAtomic(path, saveDesign(design));
}

} // namespace sc
