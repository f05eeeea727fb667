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

inline sc::ParamValue num(double v)
{
    return sc::ParamValue{v, {}};
}
inline sc::ParamValue text(const char *t)
{
    return sc::ParamValue{0, t};
}

inline sc::Connection wire(const std::string &from, const std::string &to)
{
    sc::Connection c;
    c.from = from;
    c.to = to;
    return c;
}

// A traffic block with a flat day (peak = average), no static fetches and no jobs, so a test's
// arithmetic stays short: peak dynamic rate = users × requestsPerUserPerDay / 86,400.
inline sc::Traffic flat(double users, double requestsPerUserPerDay, double writeFraction = 0)
{
    sc::Traffic t;
    t.users = users;
    t.requestsPerUserPerDay = requestsPerUserPerDay;
    t.writeFraction = writeFraction;
    t.peakToAverage = 1;
    t.staticPerRequest = 0;
    t.asyncPerWrite = 0;
    return t;
}

} // namespace sctest
