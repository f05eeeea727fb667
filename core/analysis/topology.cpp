// Topology and validation: ids, instance types, connection endpoints, duplicate connections,
// and the topological order (a loop is an error).

#include "core/analysis/limits.h"
#include "core/analysis/prepared.h"
#include "core/analysis/probetable.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <unordered_map>

namespace sc::detail {
namespace {

std::string path(const char *list, size_t i)
{
    return "design." + std::string(list) + "[" + std::to_string(i) + "]";
}

// Issues listed up to kMaxIssues, the rest counted (a design with 50,000 wrong instance types
// gets 200 lines and "… and 49,800 more").
struct Capped {
    Issues &issues;
    size_t unlisted = 0;
    void push_back(Issue issue) { addCapped(issues, unlisted, std::move(issue)); }
    ~Capped() { closeCapped(issues, unlisted); }
};

// The components' positions by id (a ProbeTable over their ids).
class IdIndex
{
public:
    explicit IdIndex(const std::vector<Component> &comps)
        : m_comps(comps)
        , m_table(comps.size())
    {
    }
    // Whether component `at`'s id was new (then it is found by it).
    bool add(int at)
    {
        const std::string_view id = m_comps[size_t(at)].id;
        const std::uint64_t hash = hashOf(id);
        if (find(id, hash) >= 0)
            return false;
        m_table.add(hash, at);
        return true;
    }
    // The position of the component with this id, or −1.
    int find(std::string_view id) const { return find(id, hashOf(id)); }

private:
    int find(std::string_view id, std::uint64_t hash) const
    {
        return m_table.find(hash, [&](int at) { return sameName(m_comps[size_t(at)].id, id); });
    }
    static std::uint64_t hashOf(std::string_view id) { return std::hash<std::string_view>{}(id); }
    const std::vector<Component> &m_comps;
    ProbeTable m_table;
};

// Component i's instance type (into p.instanceOf[i]) and the parameters that only make sense
// together; `types` keeps the catalog's answer for each name asked so far.
template <typename Sink>
bool checkOwn(Prepared &p, size_t i,
              std::unordered_map<std::string_view, const InstanceType *> &types, Sink &issues)
{
    const Component &c = p.design.components[i];
    bool fine = true;
    if (const ParamSpec *spec = findParam(c.kind, "instanceType")) {
        const std::string_view name = c.textView("instanceType");
        auto known = types.find(name);
        if (known == types.end())
            known = types.emplace(name, p.catalog.instance(name)).first;
        const InstanceType *type = known->second;
        p.instanceOf[i] = type;
        if (!type) {
            fine = false;
            issues.push_back({path("components", i) + ".params.instanceType",
                              "unknown instance type \"" + std::string(name) + "\" (not in the " +
                                  p.catalog.region + " catalog)",
                              c.id});
        } else if (type->service != spec->choices) {
            fine = false;
            const std::string kind(kindTitle(c.kind));
            const bool vowel = std::string_view("AEIOU").find(kind.front()) != kind.npos;
            issues.push_back({path("components", i) + ".params.instanceType",
                              "\"" + std::string(name) + "\" is an " + type->service + " type; " +
                                  (vowel ? "an " : "a ") + kind + " needs an " +
                                  std::string(spec->choices) + " type",
                              c.id});
        }
    }
    if (c.kind == Kind::ObjectStorage && c.number("warmFraction") + c.number("coldFraction") > 1) {
        fine = false;
        issues.push_back({path("components", i) + ".params",
                          "warmFraction + coldFraction must not exceed 1", c.id});
    }
    return fine;
}

// Ids, instance types and parameters that only make sense together. Returns component ids by
// index position for the connections to look up.
IdIndex checkComponents(Prepared &p, Capped &issues)
{
    const auto &comps = p.design.components;
    // Ids index the components; the paths of the messages are built only for a message.
    IdIndex index(comps);
    bool hasClients = false;
    // Instance types by name: the catalog is searched once for each name.
    std::unordered_map<std::string_view, const InstanceType *> types;
    p.instanceOf.assign(comps.size(), nullptr);
    for (size_t i = 0; i < comps.size(); ++i) {
        const Component &c = comps[i];
        if (c.id.empty() || !index.add(int(i)))
            issues.push_back({path("components", i) + ".id", "missing or duplicate id", c.id});
        hasClients = hasClients || c.kind == Kind::Clients;
        checkOwn(p, i, types, issues);
    }
    p.hasClients = hasClients; // none is a design still being built (Model::incomplete)
    return index;
}

// Endpoints as indices; dangling, self, duplicate and meaningless connections are errors.
void checkConnections(Prepared &p, const IdIndex &index, Capped &issues)
{
    const auto &comps = p.design.components;
    const auto &conns = p.design.connections;
    p.from.assign(conns.size(), -1);
    p.to.assign(conns.size(), -1);
    // Endpoints first; a connection between the same two components as an earlier one is a
    // repeat, found by the (from, to) pairs seen so far (a table by hash: sorting the pairs was
    // a twentieth of a rebuild at 10,000 components).
    std::vector<bool> repeated(conns.size(), false);
    ProbeTable seen(conns.size());
    for (size_t i = 0; i < conns.size(); ++i) {
        const Connection &e = conns[i];
        p.from[i] = index.find(e.from);
        p.to[i] = index.find(e.to);
        if (p.from[i] < 0 || p.to[i] < 0)
            continue;
        auto same = [&p, i](int k) {
            return p.from[size_t(k)] == p.from[i] && p.to[size_t(k)] == p.to[i];
        };
        const std::uint64_t pair = std::uint64_t(p.from[i]) << 32 | std::uint32_t(p.to[i]);
        if (seen.find(pair, same) >= 0)
            repeated[i] = true;
        else
            seen.add(pair, int(i));
    }
    for (size_t i = 0; i < conns.size(); ++i) {
        const Connection &e = conns[i];
        const Component *from = p.from[i] < 0 ? nullptr : &comps[size_t(p.from[i])];
        const Component *to = p.to[i] < 0 ? nullptr : &comps[size_t(p.to[i])];
        // A connection's issue belongs to the component it leaves (or enters), where there is one.
        if (!from)
            issues.push_back({path("connections", i) + ".from",
                              "no component with id \"" + e.from + "\"", to ? e.to : ""});
        if (!to)
            issues.push_back({path("connections", i) + ".to",
                              "no component with id \"" + e.to + "\"", from ? e.from : ""});
        if (!from || !to)
            continue;
        if (e.from == e.to) {
            issues.push_back(
                {path("connections", i), "connects \"" + e.from + "\" to itself", e.from});
            continue;
        }
        if (repeated[i])
            issues.push_back({path("connections", i),
                              "duplicate connection from \"" + e.from + "\" to \"" + e.to + "\"",
                              e.from});
        std::string reason;
        if (!connectionAllowed(from->kind, to->kind, &reason))
            issues.push_back({path("connections", i),
                              "\"" + e.from + "\" → \"" + e.to + "\": " + reason, e.from});
    }
}

// Look-aside caches hand their misses to the app's data tier: they are ordered before it as if
// an edge ran from each of the app's leaf caches to each of its data components. Those edges
// would number caches × data components per app, so each app with both gets one barrier
// instead: its data components wait on the barrier (counted in `indeg`), the barrier on the
// leaf caches.
struct LookAside {
    std::vector<std::vector<int>> barriersOf; // per component (a leaf cache): its barriers
    std::vector<int> waiting;                 // per barrier: leaf caches not ordered yet
    std::vector<std::vector<int>> data;       // per barrier: the data components it holds back
    double missRoutes = 0;                    // caches × data, summed over the app servers
    int widestApp = -1;                       // the app server with the most of them
    double widestRoutes = 0;
};

LookAside lookAsideOrder(const Prepared &p, std::vector<int> &indeg)
{
    const auto &comps = p.design.components;
    const size_t n = comps.size();
    LookAside la;
    la.barriersOf.resize(n);
    std::vector<int> caches, data;
    for (size_t u = 0; u < n; ++u) {
        if (comps[u].kind != Kind::AppServer)
            continue;
        caches.clear();
        data.clear();
        for (int e : p.outEdges[u]) {
            const int v = p.to[size_t(e)];
            const Kind k = comps[size_t(v)].kind;
            if (k == Kind::Cache && p.outEdges[size_t(v)].empty())
                caches.push_back(v);
            else if (k == Kind::ReadReplica || k == Kind::Pooler || k == Kind::Database)
                data.push_back(v);
        }
        if (caches.empty() || data.empty())
            continue;
        const double routes = double(caches.size()) * double(data.size());
        la.missRoutes += routes;
        if (routes > la.widestRoutes)
            la.widestApp = int(u), la.widestRoutes = routes;
        const int barrier = int(la.waiting.size());
        la.waiting.push_back(int(caches.size()));
        for (int c : caches)
            la.barriersOf[size_t(c)].push_back(barrier);
        for (int v : data)
            ++indeg[size_t(v)];
        la.data.push_back(data);
    }
    return la;
}

// The components on a loop: what is left after Kahn's order, less what only hangs below it
// (peeled from the bottom up, each component once). Names the first few.
std::string loopMembers(const Prepared &p, const std::vector<int> &indeg, std::string &first)
{
    const size_t n = p.design.components.size();
    std::vector<bool> left(n);
    for (size_t i = 0; i < n; ++i)
        left[i] = indeg[i] > 0;
    std::vector<int> below(n, 0), peel; // successors still left; components with none
    for (size_t i = 0; i < n; ++i) {
        if (!left[i])
            continue;
        for (int e : p.outEdges[i])
            below[i] += left[size_t(p.to[size_t(e)])] ? 1 : 0;
        if (below[i] == 0)
            peel.push_back(int(i));
    }
    while (!peel.empty()) {
        const size_t v = size_t(peel.back());
        peel.pop_back();
        left[v] = false;
        for (int e : p.inEdges[v]) {
            const size_t u = size_t(p.from[size_t(e)]);
            if (left[u] && --below[u] == 0)
                peel.push_back(int(u));
        }
    }
    constexpr size_t kNamed = 20;
    std::string members;
    size_t count = 0;
    for (size_t i = 0; i < n; ++i)
        if (left[i] && count++ < kNamed) {
            if (members.empty())
                first = p.design.components[i].id;
            members += (members.empty() ? "\"" : ", \"") + p.design.components[i].id + "\"";
        }
    if (count > kNamed)
        members += " and " + std::to_string(count - kNamed) + " more";
    return members;
}

// Topological order (Kahn); what is left over sits on a loop.
void orderTopologically(Prepared &p, Issues &issues)
{
    const size_t n = p.design.components.size();
    p.outEdges.build(n, p.from);
    p.inEdges.build(n, p.to);
    std::vector<int> indeg(n, 0);
    for (size_t i = 0; i < p.design.connections.size(); ++i)
        ++indeg[size_t(p.to[i])];
    LookAside la = lookAsideOrder(p, indeg);
    if (la.missRoutes > kMaxMissRoutes) {
        const Component &app = p.design.components[size_t(la.widestApp)];
        issues.push_back(
            {path("components", size_t(la.widestApp)),
             "the look-aside caches would hand their misses over " +
                 std::to_string(std::int64_t(la.missRoutes)) +
                 " routes (each cache × each replica, pooler or database of its app server; \"" +
                 app.id + "\" alone has " + std::to_string(std::int64_t(la.widestRoutes)) +
                 "); the limit is " + std::to_string(std::int64_t(kMaxMissRoutes)) +
                 ": connect fewer caches or data components to one app server",
             app.id});
        return;
    }
    auto &order = p.order;
    order.clear();
    std::vector<int> ready;
    for (size_t i = 0; i < n; ++i)
        if (indeg[i] == 0)
            ready.push_back(int(i));
    while (!ready.empty()) {
        int u = ready.back();
        ready.pop_back();
        order.push_back(u);
        for (int e : p.outEdges[size_t(u)]) {
            int v = p.to[size_t(e)];
            if (--indeg[size_t(v)] == 0)
                ready.push_back(v);
        }
        for (int b : la.barriersOf[size_t(u)])
            if (--la.waiting[size_t(b)] == 0)
                for (int v : la.data[size_t(b)])
                    if (--indeg[size_t(v)] == 0)
                        ready.push_back(v);
    }
    if (order.size() != n) {
        std::string first;
        const std::string members = loopMembers(p, indeg, first);
        issues.push_back(
            {"design.connections", "connections form a loop through " + members, first});
    }
}

} // namespace

void Adjacency::build(size_t components, const std::vector<int> &owner)
{
    start.assign(components + 1, 0);
    for (int u : owner)
        ++start[size_t(u) + 1];
    for (size_t u = 0; u < components; ++u)
        start[u + 1] += start[u];
    items.resize(owner.size());
    std::vector<int> next(start.begin(), start.end() - 1);
    for (size_t e = 0; e < owner.size(); ++e)
        items[size_t(next[size_t(owner[e])]++)] = int(e);
}

bool checkComponent(Prepared &p, size_t i, Issues &issues)
{
    std::unordered_map<std::string_view, const InstanceType *> types;
    p.instanceOf[i] = nullptr;
    return checkOwn(p, i, types, issues);
}

void checkTopology(Prepared &p)
{
    {
        Capped issues{p.errors};
        const auto index = checkComponents(p, issues);
        checkConnections(p, index, issues);
    }
    if (!p.errors.empty())
        return;
    orderTopologically(p, p.errors);
}

} // namespace sc::detail
