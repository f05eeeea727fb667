#include "design.h"

#include <algorithm>

namespace sc {

double Component::number(std::string_view name) const
{
    if (auto it = params.find(name); it != params.end())
        return it->second.number;
    if (const ParamSpec *spec = findParam(kind, name))
        return spec->defaultValue;
    return 0;
}

std::string Component::text(std::string_view name) const
{
    if (auto it = params.find(name); it != params.end())
        return it->second.text;
    if (const ParamSpec *spec = findParam(kind, name))
        return std::string(spec->defaultText);
    return {};
}

std::string_view Component::textView(std::string_view name) const
{
    if (auto it = params.find(name); it != params.end())
        return it->second.text;
    if (const ParamSpec *spec = findParam(kind, name))
        return spec->defaultText;
    return {};
}

bool Connection::carries(RequestClass c) const
{
    return classes.empty() || std::find(classes.begin(), classes.end(), c) != classes.end();
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

std::string Design::uniqueId(std::string_view stem) const
{
    std::string base(stem.empty() ? "c" : stem);
    if (indexOf(base) < 0)
        return base;
    for (int n = 2;; ++n) {
        std::string id = base + std::to_string(n);
        if (indexOf(id) < 0)
            return id;
    }
}

} // namespace sc
