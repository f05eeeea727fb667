// A rebuild after an edit: what the edit cannot have changed is taken from the model before it
// (Model(before, design, catalog)), the rest worked out as a rebuild from scratch would.

#include "core/analysis/prepared.h"

namespace sc::detail {
namespace {

// Whether routing sends the same flow into component i as before the edit, from components
// the edit left as they were (whose kinds and parameters, such as a balancer's algorithm, decide
// how i queues and what it bills for data out).
bool sameInflow(const Prepared &p, const Carry &c, size_t i)
{
    const Routing &was = c.before->routing;
    for (int e : p.inEdges[i]) {
        const size_t k = size_t(e);
        if (c.changed[size_t(p.from[k])] || p.routing.edgeFlow[k] != was.edgeFlow[k])
            return false;
    }
    return true;
}

} // namespace

Carry carryFrom(const Prepared &before, const Prepared &after)
{
    const Design &a = before.design, &b = after.design;
    Carry none;
    // Only a plain model is carried (no live failures, nothing kept apart), whole, from the
    // same catalog and places.
    if (&before.catalog != &after.catalog || !before.errors.empty() || !before.apart.empty() ||
        !after.apart.empty() || !before.down.empty() || !after.down.empty() ||
        before.cdnVolumeShares != after.cdnVolumeShares ||
        before.prep.size() != a.components.size())
        return none;
    if (!(a.traffic == b.traffic) || !(a.connections == b.connections) || !(a.groups == b.groups) ||
        !(a.populations == b.populations) || !(a.geography == b.geography) ||
        a.components.size() != b.components.size())
        return none;
    Carry c;
    c.changed.assign(b.components.size(), 0);
    for (size_t i = 0; i < b.components.size(); ++i) {
        const Component &x = a.components[i], &y = b.components[i];
        if (x.id != y.id || x.kind != y.kind)
            return none;
        c.changed[i] =
            !(x.params == y.params) || !(x.autoscale == y.autoscale) || x.label != y.label;
    }
    c.before = &before;
    return c;
}

bool carryTopology(Prepared &p, const Carry &c)
{
    const Prepared &was = *c.before;
    // The components and connections are the same ones: the same endpoints, edges and order;
    // only the changed components' own checks (their instance types) can come out otherwise.
    p.from = was.from;
    p.to = was.to;
    p.outEdges = was.outEdges;
    p.inEdges = was.inEdges;
    p.order = was.order;
    p.hasClients = was.hasClients;
    p.instanceOf = was.instanceOf;
    for (size_t i = 0; i < c.changed.size(); ++i)
        if (c.changed[i] && !checkComponent(p, i, p.errors))
            return false;
    return true;
}

std::vector<char> stationsToRedo(const Prepared &p, const Carry &c)
{
    const size_t n = p.design.components.size();
    const Routing &now = p.routing, &was = c.before->routing;
    std::vector<char> redo(n, 0);
    for (size_t i = 0; i < n; ++i) {
        // A station is its component's parameters and instance type, the requests routing sends
        // it and from where, and a replica's primary (whose writes it applies).
        const int primary = now.primaryOf[i];
        redo[i] = c.changed[i] || now.perUser[i] != was.perUser[i] || !sameInflow(p, c, i) ||
                  primary != was.primaryOf[i] || (primary >= 0 && c.changed[size_t(primary)]);
    }
    return redo;
}

} // namespace sc::detail
