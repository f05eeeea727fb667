#include "designdiff.h"

#include "core/analysis/money.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <tuple>

namespace sc {
namespace {

std::string numberText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string paramText(const Component &c, const ParamSpec &spec)
{
    switch (spec.type) {
    case ParamType::Bool:
        return c.flag(spec.name) ? "true" : "false";
    case ParamType::Enum:
    case ParamType::InstanceType:
        return c.text(spec.name);
    case ParamType::Int:
    case ParamType::Real:
        break;
    }
    return numberText(c.number(spec.name));
}

void diffAutoscale(const Component &a, const Component &b, std::vector<ValueChange> &out)
{
    if (a.autoscale.has_value() != b.autoscale.has_value()) {
        out.push_back({"autoscale", a.autoscale ? "on" : "off", b.autoscale ? "on" : "off"});
        return;
    }
    if (!a.autoscale)
        return;
    if (a.autoscale->policy != b.autoscale->policy)
        out.push_back({"autoscale.policy", std::string(policyName(a.autoscale->policy)),
                       std::string(policyName(b.autoscale->policy))});
    for (const ParamSpec &s : autoscaleSpecs()) {
        if (s.type == ParamType::Enum)
            continue; // the policy, above
        const double va = a.autoscale->get(s.name), vb = b.autoscale->get(s.name);
        if (va != vb)
            out.push_back({"autoscale." + std::string(s.name), numberText(va), numberText(vb)});
    }
}

ComponentChange diffComponent(const Component &a, const Component &b)
{
    ComponentChange ch;
    ch.id = b.id;
    ch.kindChanged = a.kind != b.kind;
    ch.kindA = a.kind;
    ch.kindB = b.kind;
    ch.labelChanged = a.label != b.label;
    ch.labelA = a.label;
    ch.labelB = b.label;
    ch.moved = a.position != b.position;
    ch.positionA = a.position;
    ch.positionB = b.position;
    for (const ParamSpec &s : paramSpecs(b.kind)) {
        const ParamSpec *other = findParam(a.kind, s.name);
        if (!other || other->type != s.type)
            continue;
        std::string ta = paramText(a, *other), tb = paramText(b, s);
        if (ta != tb)
            ch.params.push_back({std::string(s.name), std::move(ta), std::move(tb)});
    }
    diffAutoscale(a, b, ch.params);
    return ch;
}

void diffComponents(const Design &a, const Design &b, DesignDiff &d)
{
    for (const Component &c : a.components)
        if (!b.find(c.id))
            d.componentsRemoved.push_back(c.id);
    for (const Component &c : b.components) {
        const Component *old = a.find(c.id);
        if (!old) {
            d.componentsAdded.push_back(c.id);
            continue;
        }
        ComponentChange ch = diffComponent(*old, c);
        if (ch.moved || ch.changedBeyondLayout())
            d.componentsChanged.push_back(std::move(ch));
    }
}

using Ends = std::pair<std::string, std::string>;

std::map<Ends, const Connection *> byEnds(const Design &d)
{
    std::map<Ends, const Connection *> m;
    for (const Connection &c : d.connections)
        m.emplace(Ends{c.from, c.to}, &c);
    return m;
}

// Classes compared as sets: the order they are listed in means nothing.
bool sameConnection(const Connection &a, const Connection &b)
{
    auto ca = a.classes, cb = b.classes;
    std::sort(ca.begin(), ca.end());
    std::sort(cb.begin(), cb.end());
    return a.weight == b.weight && ca == cb;
}

void diffConnections(const Design &a, const Design &b, DesignDiff &d)
{
    const auto inA = byEnds(a), inB = byEnds(b);
    for (const Connection &c : a.connections)
        if (!inB.count({c.from, c.to}))
            d.connectionsRemoved.push_back(c);
    for (const Connection &c : b.connections) {
        auto it = inA.find({c.from, c.to});
        if (it == inA.end())
            d.connectionsAdded.push_back(c);
        else if (!sameConnection(*it->second, c))
            d.connectionsChanged.push_back({*it->second, c});
    }
}

// The same group but for the order of its members, or a region's unused coordinates (review:
// both read a bare "Changed group east", or "place us-east-1 → us-east-1").
bool sameGroup(const Group &a, const Group &b)
{
    if (a.kind != b.kind || a.label != b.label || a.region != b.region || a.x != b.x ||
        a.y != b.y || a.width != b.width || a.height != b.height ||
        a.members.size() != b.members.size() || a.place.has_value() != b.place.has_value() ||
        (a.place && !samePlace(*a.place, *b.place)))
        return false;
    std::vector<std::string> x = a.members, y = b.members;
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    return x == y;
}

void diffGroups(const Design &a, const Design &b, DesignDiff &d)
{
    std::map<std::string, const Group *> inA, inB;
    for (const Group &g : a.groups)
        inA.emplace(groupKey(g), &g);
    for (const Group &g : b.groups)
        inB.emplace(groupKey(g), &g);
    for (const Group &g : a.groups)
        if (!inB.count(groupKey(g)))
            d.groupsRemoved.push_back(groupKey(g));
    for (const Group &g : b.groups) {
        auto it = inA.find(groupKey(g));
        if (it == inA.end())
            d.groupsAdded.push_back(groupKey(g));
        else if (!sameGroup(*it->second, g)) {
            d.groupsChanged.push_back(groupKey(g));
            d.groupChanges.emplace_back(*it->second, g);
        }
    }
}

void diffPopulations(const Design &a, const Design &b, DesignDiff &d)
{
    const auto named = [](const Design &x, const std::string &name) -> const Population * {
        for (const Population &p : x.populations)
            if (p.name == name)
                return &p;
        return nullptr;
    };
    for (const Population &p : b.populations) {
        const Population *before = named(a, p.name);
        if (!before)
            d.populations.push_back({p.name, std::nullopt, p});
        else if (!(*before == p))
            d.populations.push_back({p.name, *before, p});
    }
    for (const Population &p : a.populations)
        if (!named(b, p.name))
            d.populations.push_back({p.name, p, std::nullopt});
}

void diffGeography(const Design &a, const Design &b, DesignDiff &d)
{
    const Geography &ga = a.geography, &gb = b.geography;
    for (const auto &[name, va, vb] :
         {std::tuple{"routeFactor", ga.routeFactor, gb.routeFactor},
          std::tuple{"sameZoneRttMs", ga.sameZoneRttMs, gb.sameZoneRttMs},
          std::tuple{"crossZoneRttMs", ga.crossZoneRttMs, gb.crossZoneRttMs}})
        if (va != vb)
            d.geography.push_back({name, numberText(va), numberText(vb)});
}

} // namespace

bool DesignDiff::empty() const
{
    return componentsAdded.empty() && componentsRemoved.empty() && componentsChanged.empty() &&
           connectionsAdded.empty() && connectionsRemoved.empty() && connectionsChanged.empty() &&
           groupsAdded.empty() && groupsRemoved.empty() && groupsChanged.empty() &&
           traffic.empty() && populations.empty() && geography.empty();
}

namespace {

// A whole number from 10,000 up with thousands separators, as every other count reads ("Users
// 1000 → 10000000" stood out in the comparisons; QA); any other text as it is.
std::string grouped(const std::string &s)
{
    // Digits only, as numberText writes a whole number ("1e5", " 12345" and a label stay).
    if (s.empty() || s.size() > 15 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return s;
    const std::uint64_t v = std::strtoull(s.c_str(), nullptr, 10);
    return v >= 10000 ? withThousands(v) : s;
}

} // namespace

std::string valueChangeText(const ValueChange &v)
{
    const std::string_view name = v.name;
    constexpr std::string_view scaling = "autoscale.";
    const bool scaled = name.substr(0, scaling.size()) == scaling;
    const std::string_view param = scaled ? name.substr(scaling.size()) : name;
    std::string title = name == "autoscale" ? "Auto-scaling" : paramTitle(param);
    if (scaled) {
        if (!title.empty() && title[0] >= 'A' && title[0] <= 'Z')
            title[0] = char(title[0] - 'A' + 'a');
        title = "Auto-scaling " + title;
    }
    // An enum's choice as people write it; a kind by its title; a flag on or off; a label and
    // an instance type as they are; a number with the unit its name carries.
    bool choice = scaled && param == "policy";
    for (Kind k : allKinds())
        if (const ParamSpec *s = findParam(k, param); s && !scaled)
            choice = choice || s->type == ParamType::Enum;
    const std::string_view unit = name == "label" ? "" : paramUnit(param);
    const auto value = [&](const std::string &s) {
        if (name == "kind")
            if (const std::optional<Kind> k = kindFromName(s))
                return std::string(kindTitle(*k));
        if (s == "true")
            return std::string("on");
        if (s == "false")
            return std::string("off");
        if (choice)
            return choiceText(s);
        const std::string shown = name == "label" ? s : grouped(s);
        return unit.empty() || s.empty() ? shown : shown + " " + std::string(unit);
    };
    return title + " " + value(v.a) + " → " + value(v.b);
}

DesignDiff diffDesigns(const Design &a, const Design &b)
{
    DesignDiff d;
    diffComponents(a, b, d);
    diffConnections(a, b, d);
    diffGroups(a, b, d);
    diffPopulations(a, b, d);
    diffGeography(a, b, d);
    for (const ParamSpec &s : trafficSpecs()) {
        const double va = a.traffic.get(s.name), vb = b.traffic.get(s.name);
        if (va != vb)
            d.traffic.push_back({std::string(s.name), numberText(va), numberText(vb)});
    }
    return d;
}

bool samePlace(const Place &a, const Place &b)
{
    return a.region == b.region && (!a.region.empty() || (a.lat == b.lat && a.lon == b.lon));
}

std::string groupKey(const Group &g)
{
    return g.id.empty() ? g.kind + ":" + g.label : g.id;
}

} // namespace sc
