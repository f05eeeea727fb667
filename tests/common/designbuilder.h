#pragma once

// Small builders for designs written out in tests: a component, a parameter value, a wire.
#include "core/model/design.h"

#include <string>

namespace sctest {

inline sc::Component make(const std::string &id, sc::Kind kind, sc::ParamMap params = {})
{
    sc::Component c;
    c.id = id;
    c.kind = kind;
    c.label = id;
    c.params = std::move(params);
    return c;
}

inline sc::ParamValue num(double v) { return sc::ParamValue{v, {}}; }
inline sc::ParamValue text(const char *t) { return sc::ParamValue{0, t}; }

inline sc::Connection wire(const std::string &from, const std::string &to)
{
    sc::Connection c;
    c.from = from;
    c.to = to;
    return c;
}

} // namespace sctest
