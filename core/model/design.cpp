#include "design.h"

#include <algorithm>

namespace sc {

namespace {

// The value set for `name`, or null. A component sets a few of its parameters: a scan that
// compares lengths first costs less than the map's search, which compares text at every node.
const ParamValue *setValue(const ParamMap &params, std::string_view name)
{
    for (const auto &[key, value] : params)
        if (sameName(key, name))
            return &value;
    return nullptr;
}

} // namespace

double Component::number(std::string_view name) const
{
    if (const ParamValue *v = setValue(params, name))
        return v->number;
    if (const ParamSpec *spec = findParam(kind, name))
        return spec->defaultValue;
    return 0;
}

double Component::mostInstances() const
{
    if (autoscale)
        return double(autoscale->max);
    return findParam(kind, "instances") ? number("instances") : 1.0;
}

std::string Component::text(std::string_view name) const
{
    if (const ParamValue *v = setValue(params, name))
        return v->text;
    if (const ParamSpec *spec = findParam(kind, name))
        return std::string(spec->defaultText);
    return {};
}

std::string_view Component::textView(std::string_view name) const
{
    if (const ParamValue *v = setValue(params, name))
        return v->text;
    if (const ParamSpec *spec = findParam(kind, name))
        return spec->defaultText;
    return {};
}

bool Connection::carries(RequestClass c) const
{
    return classes.empty() || std::find(classes.begin(), classes.end(), c) != classes.end();
}

double Autoscale::get(std::string_view name) const
{
    if (name == "min")
        return min;
    if (name == "max")
        return max;
    if (name == "targetUtilization")
        return targetUtilization;
    if (name == "cooldownS")
        return cooldownS;
    if (name == "bootS")
        return bootS;
    if (name == "policy")
        return double(policy);
    if (name == "metricPeriodS")
        return metricPeriodS;
    if (name == "scaleOutAbove")
        return scaleOutAbove;
    if (name == "scaleInBelow")
        return scaleInBelow;
    if (name == "stepAdd")
        return stepAdd;
    return 0;
}

void Autoscale::set(std::string_view name, double value)
{
    if (name == "min")
        min = int(value);
    else if (name == "max")
        max = int(value);
    else if (name == "targetUtilization")
        targetUtilization = value;
    else if (name == "cooldownS")
        cooldownS = value;
    else if (name == "bootS")
        bootS = value;
    else if (name == "policy")
        policy = Policy(std::clamp(int(value), 0, 2));
    else if (name == "metricPeriodS")
        metricPeriodS = value;
    else if (name == "scaleOutAbove")
        scaleOutAbove = value;
    else if (name == "scaleInBelow")
        scaleInBelow = value;
    else if (name == "stepAdd")
        stepAdd = int(value);
}

namespace {
constexpr std::string_view kPolicyNames[] = {"targetTracking", "step", "predictive"};
}

std::string_view policyName(Autoscale::Policy policy)
{
    return kPolicyNames[size_t(policy)];
}

std::optional<Autoscale::Policy> policyFromName(std::string_view name)
{
    for (size_t i = 0; i < std::size(kPolicyNames); ++i)
        if (kPolicyNames[i] == name)
            return Autoscale::Policy(i);
    return std::nullopt;
}

double *Traffic::field(std::string_view name)
{
    if (name == "users")
        return &users;
    if (name == "requestsPerUserPerDay")
        return &requestsPerUserPerDay;
    if (name == "writeFraction")
        return &writeFraction;
    if (name == "peakToAverage")
        return &peakToAverage;
    if (name == "staticPerRequest")
        return &staticPerRequest;
    if (name == "callsPerPage")
        return &callsPerPage;
    if (name == "kbPerRequest")
        return &kbPerRequest;
    if (name == "kbPerStatic")
        return &kbPerStatic;
    if (name == "asyncPerWrite")
        return &asyncPerWrite;
    if (name == "networkRttMs")
        return &networkRttMs;
    return nullptr;
}

double Traffic::get(std::string_view name) const
{
    const double *f = const_cast<Traffic *>(this)->field(name); // read only
    return f ? *f : 0.0;
}

int Design::indexOf(std::string_view id) const
{
    for (size_t i = 0; i < components.size(); ++i)
        if (components[i].id == id)
            return int(i);
    return -1;
}

const Component *Design::find(std::string_view id) const
{
    int i = indexOf(id);
    return i < 0 ? nullptr : &components[size_t(i)];
}

Component *Design::find(std::string_view id)
{
    int i = indexOf(id);
    return i < 0 ? nullptr : &components[size_t(i)];
}

void swapDesignContent(Design &a, Design &b)
{
    std::swap(a.name, b.name);
    std::swap(a.description, b.description);
    std::swap(a.traffic, b.traffic);
    std::swap(a.components, b.components);
    std::swap(a.connections, b.connections);
    std::swap(a.groups, b.groups);
    std::swap(a.populations, b.populations);
    std::swap(a.geography, b.geography);
    std::swap(a.annotations, b.annotations);
}

Design designContent(const Design &design)
{
    Design content;
    content.name = design.name;
    content.description = design.description;
    content.traffic = design.traffic;
    content.components = design.components;
    content.connections = design.connections;
    content.groups = design.groups;
    content.populations = design.populations;
    content.geography = design.geography;
    content.annotations = design.annotations;
    return content;
}

std::string Design::uniqueId(std::string_view stem) const
{
    std::string base(stem.empty() ? "c" : stem);
    // Ids are unique in the file: a group's are taken too.
    const auto taken = [this](const std::string &id) {
        return indexOf(id) >= 0 || std::any_of(groups.begin(), groups.end(),
                                               [&id](const Group &g) { return g.id == id; });
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        std::string id = base + std::to_string(n);
        if (!taken(id))
            return id;
    }
}

const Variant *findVariant(const Design &file, std::string_view name)
{
    for (const Variant &v : file.variants)
        if (v.name == name)
            return &v;
    return nullptr;
}

std::string fileTitle(const Design &file)
{
    if (file.variants.empty() || !file.lesson.steps.empty())
        return file.name;
    return file.name + " vs " + file.variants.front().name;
}

std::optional<Design> optionDesign(const Design &file, std::string_view variant)
{
    std::optional<Design> d;
    if (variant.empty()) {
        d = file;
    } else if (const Variant *v = findVariant(file, variant)) {
        d = v->design;
        d->slo = file.slo;
        d->scenarios.clear();
    } else if (variant == file.name) { // by its name, as the GUI lists it (a variant first)
        d = file;
    } else {
        return std::nullopt;
    }
    d->variants.clear();
    d->lesson = {};
    d->notes.clear();
    return d;
}

std::optional<Design> lessonStepDesign(const Design &file, const LessonStep &step)
{
    std::optional<Design> d;
    if (step.variant.empty()) {
        d = file;
    } else if (const Variant *v = findVariant(file, step.variant)) {
        d = v->design;
        d->slo = file.slo;
        d->scenarios.clear();
        for (const Scenario &s : file.scenarios)
            if (s.name == step.scenario)
                d->scenarios.push_back(s);
    } else {
        return std::nullopt;
    }
    d->variants.clear();
    d->lesson = {};
    d->notes.clear();
    d->traffic.users = step.users;
    return d;
}

} // namespace sc
