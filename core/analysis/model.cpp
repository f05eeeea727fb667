#include "model.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace sc {
namespace {

constexpr int kStatic = int(RequestClass::Static);
constexpr int kRead = int(RequestClass::Read);
constexpr int kWrite = int(RequestClass::Write);
constexpr int kJob = int(RequestClass::Job);
constexpr double kInf = std::numeric_limits<double>::infinity();

// All classes together (req/s per user).
double totalOf(const ClassRates &perUser)
{
    return perUser[0] + perUser[1] + perUser[2] + perUser[3];
}

using KindGroups = std::vector<std::vector<Kind>>;

// Where a component sends each class, most preferred group first (DESIGN.md "Routing").
struct Rule {
    KindGroups groups;
    bool mustForward = true;    // false: the component serves the class itself when unconnected
    bool failover = false;      // a dead group hands over to the next one (caches, replicas)
};

Rule makeRoutingRule(Kind from, RequestClass c)
{
    using K = Kind;
    switch (from) {
    case K::Clients:
        if (c == RequestClass::Static)
            return {{{K::Dns}, {K::Cdn}, {K::LoadBalancer, K::AppServer}, {K::ObjectStorage}}};
        return {{{K::Dns}, {K::LoadBalancer, K::AppServer}, {K::Cdn}}};
    case K::Dns:
        if (c == RequestClass::Static)
            return {{{K::Cdn}, {K::LoadBalancer, K::AppServer}, {K::ObjectStorage}}};
        return {{{K::LoadBalancer, K::AppServer}, {K::Cdn}}};
    case K::Cdn:
        if (c == RequestClass::Static)
            return {{{K::ObjectStorage}, {K::LoadBalancer, K::AppServer}}};
        return {{{K::LoadBalancer, K::AppServer}}};
    case K::LoadBalancer: return {{{K::LoadBalancer, K::AppServer}}};
    case K::AppServer:
        if (c == RequestClass::Static)
            return {{{K::ObjectStorage}}, false};
        if (c == RequestClass::Read)
            return {{{K::ReadReplica}, {K::Pooler}, {K::Database}}, false, true};
        if (c == RequestClass::Write)
            return {{{K::Pooler}, {K::Database}}, false};
        return {{{K::Queue}, {K::Worker}}};
    case K::Cache: return {{{K::ReadReplica}, {K::Pooler}, {K::Database}}, false, true};
    case K::Pooler:
        if (c == RequestClass::Read)
            return {{{K::ReadReplica}, {K::Database}}, true, true};
        return {{{K::Database}}};
    case K::Queue: return {{{K::Worker}}};
    case K::Worker: return {{{K::Pooler}, {K::Database}}, false};
    case K::Database:
    case K::ReadReplica:
    case K::ObjectStorage: return {{}, false};
    }
    return {{}, false};
}

// The rules, built once: routing asks for one per component and class.
const Rule &routingRule(Kind from, RequestClass c)
{
    static const auto table = [] {
        std::array<std::array<Rule, kClassCount>, kKindCount> t;
        for (int k = 0; k < kKindCount; ++k)
            for (int r = 0; r < kClassCount; ++r)
                t[size_t(k)][size_t(r)] = makeRoutingRule(Kind(k), RequestClass(r));
        return t;
    }();
    return table[size_t(from)][size_t(c)];
}

// An app server's reads try its look-aside caches first.
const Rule &lookAsideRule()
{
    static const Rule rule{{{Kind::Cache}}, false, true};
    return rule;
}

// Picks the successors of u for class c: the first rule group with a matching connection,
// split by edge weights or, without weights, by the targets' instance counts. Returns whether a
// group matched; `outs` stays empty when every member of that group is `dead`.
bool chooseTargets(const Design &design, const Model::Adjacency &outEdges,
                   const std::vector<int> &to, int u, RequestClass c, const Rule &rule, int dead,
                   std::vector<Model::Out> &outs)
{
    const auto &comps = design.components;
    auto targetWeight = [&](int v) {
        const Component &t = comps[size_t(v)];
        if (t.autoscale)
            return double(t.autoscale->max);
        if (findParam(t.kind, "instances"))
            return std::max(1.0, t.number("instances"));
        return 1.0;
    };
    outs.clear();
    bool matched = false;
    static thread_local std::vector<int> edges; // keeps its capacity between calls
    for (size_t g = 0; g < rule.groups.size(); ++g) {
        edges.clear();
        bool anyMatch = false;
        for (int e : outEdges[size_t(u)]) {
            const Connection &conn = design.connections[size_t(e)];
            if (!conn.carries(c))
                continue;
            const int v = to[size_t(e)];
            const Kind k = comps[size_t(v)].kind;
            if (std::find(rule.groups[g].begin(), rule.groups[g].end(), k) == rule.groups[g].end())
                continue;
            anyMatch = true;
            if (v != dead)
                edges.push_back(e);
        }
        if (!anyMatch)
            continue;
        matched = true;
        if (edges.empty()) {
            if (rule.failover)
                continue; // e.g. the only replica is gone: reads fall back to the primary
            return true;  // the group is dead: the flow is lost
        }
        bool weighted = false;
        for (int e : edges)
            weighted = weighted || design.connections[size_t(e)].weight.has_value();
        double sum = 0;
        for (int e : edges) {
            const Connection &conn = design.connections[size_t(e)];
            const int v = to[size_t(e)];
            const double w = weighted ? conn.weight.value_or(1.0) : targetWeight(v);
            outs.push_back({v, e, w, c});
            sum += w;
        }
        for (Model::Out &o : outs)
            o.fraction /= sum;
        return true;
    }
    return matched;
}

} // namespace

namespace {

bool isManaged(const Component &c)
{
    switch (c.kind) {
    case Kind::Dns:
    case Kind::Cdn:
    case Kind::Queue:
    case Kind::ObjectStorage: return true;
    case Kind::LoadBalancer: return c.flag("managed");
    default: return false;
    }
}

bool isCompute(const Component &c)
{
    switch (c.kind) {
    case Kind::AppServer:
    case Kind::Worker:
    case Kind::Database:
    case Kind::ReadReplica:
    case Kind::Pooler: return true;
    case Kind::LoadBalancer: return !c.flag("managed");
    default: return false;
    }
}

const std::string &displayName(const Component &c) { return c.label.empty() ? c.id : c.label; }

std::string fmt(const char *f, double v)
{
    char buf[512]; // room for %.0f of the largest double and the text around it
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

// v as printf's %.4g writes it, without the format parsing (one per cost line).
std::string fourDigits(double v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
    return std::string(buf, r.ptr);
}

std::string fmtRate(double v)
{
    if (v >= 1e6) return fmt("%.3gM", v / 1e6);
    if (v >= 1e4) return fmt("%.3gk", v / 1e3);
    if (v >= 100) return fmt("%.0f", v);
    return fmt("%.3g", v);
}

// Log-probability that at least k of n independent units with availability a are up.
double atLeastKofN(int n, int k, double a)
{
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (a >= 1)
        return 1;
    if (a <= 0)
        return 0;
    const double la = std::log(a), lb = std::log1p(-a);
    const double lnN = logGamma(n + 1.0);
    double sum = 0;
    for (int j = n; j >= k; --j) {
        const double t = std::exp(lnN - logGamma(j + 1.0) - logGamma(n - j + 1.0) + j * la
                                  + (n - j) * lb);
        sum += t;
        if (t < 1e-18 * sum && j < n * a)
            break;
    }
    return std::min(1.0, sum);
}

} // namespace

std::optional<double> parseUserCount(std::string_view text)
{
    std::string s(text);
    if (s.empty() || s.size() > 40)
        return std::nullopt;
    double mult = 1;
    switch (s.back()) {
    case 'k': case 'K': mult = 1e3; break;
    case 'm': case 'M': mult = 1e6; break;
    case 'b': case 'B': case 'g': case 'G': mult = 1e9; break;
    default: break;
    }
    if (mult != 1)
        s.pop_back();
    for (char ch : s)
        if (!(std::isdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == 'e' || ch == 'E'
              || ch == '+' || ch == '-' || ch == '_'))
            return std::nullopt;
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v) || v < 0)
        return std::nullopt;
    const double users = v * mult;
    if (!std::isfinite(users) || users > 1e10)
        return std::nullopt;
    return users;
}

Model::Model(const Design &design, const Catalog &catalog)
    : m_design(design)
    , m_catalog(catalog)
{
    const size_t n = m_design.components.size();
    m_outEdges.build(n, {});
    m_inEdges.build(n, {});
    const Traffic &t = m_design.traffic;
    const double dynamicPeak = t.requestsPerUserPerDay / 86400.0 * t.peakToAverage;
    m_base[kRead] = dynamicPeak * (1 - t.writeFraction);
    m_base[kWrite] = dynamicPeak * t.writeFraction;
    m_base[kStatic] = dynamicPeak * t.staticPerRequest;
    m_base[kJob] = m_base[kWrite] * t.asyncPerWrite;

    // Daily profile: rate(h) / peak = (b + (P − b)·g(h)^k) / P with g a raised cosine peaking at
    // 14:00, b = 1/P the night floor, and k chosen so the day's mean rate is peak / P.
    const double P = t.peakToAverage;
    std::array<double, 24> logG{}; // log of the raised cosine per hour (−∞ at 02:00)
    for (int h = 0; h < 24; ++h)
        logG[size_t(h)] = std::log(0.5 * (1 + std::cos(2 * std::numbers::pi * (h - 14) / 24.0)));
    auto meanOf = [&logG](double k) {
        double s = 0;
        for (double lg : logG)
            s += std::isinf(lg) ? 0.0 : std::exp(k * lg); // g = 0 at 02:00 (k > 0)
        return s / 24;
    };
    if (P <= 1.0001) {
        m_dayShape.fill(1.0);
    } else {
        const double b = 1 / P, target = (1 - b) / (P - b);
        double lo = 0, hi = 1;
        while (meanOf(hi) > target && hi < 1e6)
            hi *= 2;
        for (int i = 0; i < 100 && lo < hi; ++i) {
            const double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi)
                break; // converged to the last bit
            (meanOf(mid) > target ? lo : hi) = mid;
        }
        for (int h = 0; h < 24; ++h)
            m_dayShape[size_t(h)] = (b + (P - b) * (std::isinf(logG[size_t(h)]) ? 0.0 : std::exp(0.5 * (lo + hi) * logG[size_t(h)]))) / P;
    }

    check(m_errors);
    if (!m_errors.empty())
        return;
    m_routing = route(-1, &m_errors);
    m_perUser = m_routing.perUser;
    m_edgeFlow = m_routing.edgeFlow;
    prepareStations();
    prepareCosts();
    lumpInterchangeable();
    findLimits();
    if (!m_errors.empty()) { // routing found a problem: no lumps, as for any design with errors
        m_lumps.clear();
        m_lumpOf.reset();
        m_lumpOrder.clear();
    }

    // SPOF: a single, self-hosted component whose loss leaves served traffic with nowhere to go.
    m_spof.assign(n, false);
    for (size_t i = 0; i < n && m_errors.empty(); ++i) {
        const Component &c = m_design.components[i];
        if (isManaged(c) || c.kind == Kind::Clients || c.kind == Kind::Cache)
            continue;
        bool single = false;
        if (c.kind == Kind::Database)
            single = !c.flag("multiAz");
        else if (c.autoscale)
            single = c.autoscale->min <= 1;
        else
            single = c.number("instances") <= 1;
        if (!single || totalOf(m_perUser[i]) <= 0)
            continue;
        m_spof[i] = losesFlowWithout(int(i));
    }
    // N+1 of caches: where their hits go when they are gone. Routing is linear, so the hits
    // follow the misses' routes; only what lies downstream of the cache is visited.
    m_cacheFailover.assign(n, false);
    std::vector<int> topoPos(n, 0);
    for (size_t k = 0; k < m_order.size(); ++k)
        topoPos[size_t(m_order[k])] = int(k);
    for (size_t i = 0; i < n && m_errors.empty(); ++i) {
        if (m_design.components[i].kind != Kind::Cache || m_perUser[i][kRead] <= 0)
            continue;
        const auto &outs = m_routing.outs[i][kRead];
        double missShare = 0;
        for (const Out &o : outs)
            missShare += o.fraction;
        if (missShare <= 0)
            continue; // nothing behind the cache to take its hits
        const double hits = m_perUser[i][kRead] * m_routing.absorbed[i][kRead];
        std::map<int, std::pair<int, double>> frontier; // topological position → (node, flow)
        auto push = [&](int node, double flow) {
            auto &slot = frontier[topoPos[size_t(node)]];
            slot.first = node;
            slot.second += flow;
        };
        for (const Out &o : outs)
            push(o.target, hits * o.fraction / missShare);
        auto &delta = m_cacheLoss[int(i)];
        while (!frontier.empty()) {
            const auto [node, flow] = frontier.begin()->second;
            frontier.erase(frontier.begin());
            delta.emplace_back(node, flow);
            m_cacheFailover[size_t(node)] = true;
            for (const Out &o : m_routing.outs[size_t(node)][kRead])
                push(o.target, flow * o.fraction);
        }
    }
}

void Model::check(Issues &issues)
{
    const auto &comps = m_design.components;
    auto path = [](const char *list, size_t i) {
        return "design." + std::string(list) + "[" + std::to_string(i) + "]";
    };
    // Ids index the components; the paths of the messages are built only for a message.
    std::unordered_map<std::string_view, int> index;
    index.reserve(comps.size());
    bool hasClients = false;
    // Instance types by name; a design names few, so the catalog is searched once for each.
    std::vector<std::pair<std::string_view, const InstanceType *>> types;
    m_instanceOf.assign(comps.size(), nullptr);
    for (size_t i = 0; i < comps.size(); ++i) {
        const Component &c = comps[i];
        if (c.id.empty() || !index.emplace(c.id, int(i)).second)
            issues.push_back({path("components", i) + ".id", "missing or duplicate id", c.id});
        hasClients = hasClients || c.kind == Kind::Clients;
        if (const ParamSpec *spec = findParam(c.kind, "instanceType")) {
            const std::string_view name = c.textView("instanceType");
            auto known = std::find_if(types.begin(), types.end(),
                                      [name](const auto &t) { return t.first == name; });
            if (known == types.end())
                known = types.insert(types.end(), {name, m_catalog.instance(name)});
            const InstanceType *type = known->second;
            m_instanceOf[i] = type;
            if (!type)
                issues.push_back({path("components", i) + ".params.instanceType",
                                  "unknown instance type \"" + std::string(name) + "\" (not in the "
                                      + m_catalog.region + " catalog)", c.id});
            else if (type->service != spec->choices)
                issues.push_back({path("components", i) + ".params.instanceType",
                                  "\"" + std::string(name) + "\" is an " + type->service + " type; a "
                                      + std::string(kindTitle(c.kind)) + " needs an "
                                      + std::string(spec->choices) + " type", c.id});
        }
        if (c.kind == Kind::ObjectStorage && c.number("warmFraction") + c.number("coldFraction") > 1)
            issues.push_back({path("components", i) + ".params", "warmFraction + coldFraction must not exceed 1", c.id});
    }
    if (!comps.empty() && !hasClients)
        issues.push_back({"design.components", "no clients component: traffic has nowhere to start"});

    m_from.assign(m_design.connections.size(), -1);
    m_to.assign(m_design.connections.size(), -1);
    // Endpoints first; then a second connection between the same two components is found
    // by sorting (from, to) pairs.
    std::vector<std::pair<std::uint64_t, size_t>> pairs;
    pairs.reserve(m_design.connections.size());
    for (size_t i = 0; i < m_design.connections.size(); ++i) {
        const Connection &e = m_design.connections[i];
        auto fi = index.find(e.from), ti = index.find(e.to);
        if (fi != index.end())
            m_from[i] = fi->second;
        if (ti != index.end())
            m_to[i] = ti->second;
        if (m_from[i] >= 0 && m_to[i] >= 0)
            pairs.push_back({std::uint64_t(m_from[i]) << 32 | std::uint32_t(m_to[i]), i});
    }
    std::sort(pairs.begin(), pairs.end());
    std::vector<bool> repeated(m_design.connections.size(), false);
    for (size_t k = 1; k < pairs.size(); ++k)
        if (pairs[k].first == pairs[k - 1].first)
            repeated[pairs[k].second] = true;
    for (size_t i = 0; i < m_design.connections.size(); ++i) {
        const Connection &e = m_design.connections[i];
        const Component *from = m_from[i] < 0 ? nullptr : &comps[size_t(m_from[i])];
        const Component *to = m_to[i] < 0 ? nullptr : &comps[size_t(m_to[i])];
        if (!from)
            issues.push_back({path("connections", i) + ".from", "no component with id \"" + e.from + "\""});
        if (!to)
            issues.push_back({path("connections", i) + ".to", "no component with id \"" + e.to + "\""});
        if (!from || !to)
            continue;
        if (e.from == e.to) {
            issues.push_back({path("connections", i), "connects \"" + e.from + "\" to itself"});
            continue;
        }
        if (repeated[i])
            issues.push_back({path("connections", i), "duplicate connection from \"" + e.from + "\" to \"" + e.to + "\""});
        std::string reason;
        if (!connectionAllowed(from->kind, to->kind, &reason))
            issues.push_back({path("connections", i), "\"" + e.from + "\" → \"" + e.to + "\": " + reason});
    }
    if (!issues.empty())
        return;

    // Topological order (Kahn); what is left over sits on a loop.
    const size_t n = comps.size();
    m_outEdges.build(n, m_from);
    m_inEdges.build(n, m_to);
    const Adjacency &outEdges = m_outEdges;
    std::vector<int> indeg(n, 0);
    for (size_t i = 0; i < m_design.connections.size(); ++i)
        ++indeg[size_t(m_to[i])];
    // Look-aside caches hand their misses to the app's data tier: order them before it.
    std::vector<std::vector<int>> after(n);
    for (size_t u = 0; u < n; ++u) {
        if (comps[u].kind != Kind::AppServer)
            continue;
        for (int ce : outEdges[u]) {
            const int cache = m_to[size_t(ce)];
            if (comps[size_t(cache)].kind != Kind::Cache || !outEdges[size_t(cache)].empty())
                continue;
            for (int de : outEdges[u]) {
                const int v = m_to[size_t(de)];
                const Kind k = comps[size_t(v)].kind;
                if (k == Kind::ReadReplica || k == Kind::Pooler || k == Kind::Database) {
                    after[size_t(cache)].push_back(v);
                    ++indeg[size_t(v)];
                }
            }
        }
    }
    auto &order = m_order;
    order.clear();
    std::vector<int> ready;
    for (size_t i = 0; i < n; ++i)
        if (indeg[i] == 0)
            ready.push_back(int(i));
    while (!ready.empty()) {
        int u = ready.back();
        ready.pop_back();
        order.push_back(u);
        for (int e : outEdges[size_t(u)]) {
            int v = m_to[size_t(e)];
            if (--indeg[size_t(v)] == 0)
                ready.push_back(v);
        }
        for (int v : after[size_t(u)])
            if (--indeg[size_t(v)] == 0)
                ready.push_back(v);
    }
    if (order.size() != n) {
        // Peel off what only hangs below a loop: nodes without successors among the rest.
        std::vector<bool> left(n);
        for (size_t i = 0; i < n; ++i)
            left[i] = indeg[i] > 0;
        for (bool changed = true; changed;) {
            changed = false;
            for (size_t i = 0; i < n; ++i) {
                if (!left[i])
                    continue;
                bool hasNext = false;
                for (int e : outEdges[i])
                    hasNext = hasNext || left[size_t(m_to[size_t(e)])];
                if (!hasNext) {
                    left[i] = false;
                    changed = true;
                }
            }
        }
        std::string members;
        for (size_t i = 0; i < n; ++i)
            if (left[i])
                members += (members.empty() ? "\"" : ", \"") + comps[i].id + "\"";
        issues.push_back({"design.connections", "connections form a loop through " + members});
    }
}

void Model::Adjacency::build(size_t components, const std::vector<int> &owner)
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

bool Model::losesFlowWithout(int x) const
{
    // Only x's callers decide where flow goes: if one of them still receives flow of a class
    // whose chosen group was x alone (and cannot fail over), that flow is lost.
    const auto &comps = m_design.components;
    std::vector<Out> outs;
    for (int e : m_inEdges[size_t(x)]) {
        const int u = m_from[size_t(e)];
        const Component &cu = comps[size_t(u)];
        for (int ci = 0; ci < kClassCount; ++ci) {
            const RequestClass c = RequestClass(ci);
            if (m_perUser[size_t(u)][size_t(ci)] <= 0 && !(c == RequestClass::Job && cu.kind == Kind::AppServer))
                continue;
            if (cu.kind == Kind::AppServer && c == RequestClass::Job) {
                if (m_routing.jobOuts[size_t(u)].empty())
                    continue;
                if (chooseTargets(m_design, m_outEdges, m_to, u, c, routingRule(cu.kind, c), x, outs) && outs.empty())
                    return true;
                continue;
            }
            if (cu.kind == Kind::AppServer && c == RequestClass::Read) {
                std::vector<Out> caches;
                chooseTargets(m_design, m_outEdges, m_to, u, c, lookAsideRule(), x, caches);
                const bool matched = chooseTargets(m_design, m_outEdges, m_to, u, c, routingRule(cu.kind, c), x, outs);
                if (matched && outs.empty())
                    return true;
                continue;
            }
            if (m_routing.outs[size_t(u)][size_t(ci)].empty())
                continue; // u serves this class itself
            const Rule &rule = routingRule(cu.kind, c);
            if (chooseTargets(m_design, m_outEdges, m_to, u, c, rule, x, outs) && outs.empty())
                return true;
        }
    }
    return false;
}

Model::Routing Model::route(int dead, Issues *issues) const
{
    const auto &comps = m_design.components;
    const size_t n = comps.size();
    Routing R;
    R.perUser.assign(n, ClassRates{});
    R.outs.assign(n, {});
    R.absorbed.assign(n, ClassRates{});
    R.jobsPerWrite.assign(n, 0);
    R.jobOuts.assign(n, {});
    R.edgeFlow.assign(m_design.connections.size(), 0);
    std::vector<std::vector<Out>> cacheFallback(n);

    for (size_t i = 0; i < n; ++i)
        if (comps[i].kind == Kind::Clients && int(i) != dead)
            for (int c : {kStatic, kRead, kWrite})
                R.perUser[i][size_t(c)] = comps[i].number("share") * m_base[size_t(c)];

    auto reportNowhere = [&](int u, RequestClass c) {
        if (!issues)
            return;
        const Component &comp = comps[size_t(u)];
        issues->push_back({"design.components[" + std::to_string(u) + "]",
                           std::string(kindTitle(comp.kind)) + " \"" + comp.id
                               + "\" has nowhere to send " + std::string(className(c))
                               + " requests: connect it onward", comp.id});
    };
    auto choose = [&](int u, RequestClass c, const Rule &rule, std::vector<Out> &outs) {
        return chooseTargets(m_design, m_outEdges, m_to, u, c, rule, dead, outs);
    };

    std::vector<Out> outs;
    for (int u : m_order) {
        if (u == dead)
            continue;
        const Component &comp = comps[size_t(u)];
        ClassRates &in = R.perUser[size_t(u)];
        auto send = [&](RequestClass c, double flow, const std::vector<Out> &list, double share) {
            for (const Out &o : list) {
                Out scaled = o;
                scaled.fraction = o.fraction * share;
                R.outs[size_t(u)][size_t(c)].push_back(scaled);
                R.perUser[size_t(o.target)][size_t(o.cls)] += flow * scaled.fraction;
                if (o.edge >= 0)
                    R.edgeFlow[size_t(o.edge)] += flow * scaled.fraction;
            }
        };
        for (int ci = 0; ci < kClassCount; ++ci) {
            const RequestClass c = RequestClass(ci);
            const double flow = in[size_t(ci)];
            if (flow <= 0)
                continue;
            double absorb = 0; // fraction served here
            double forward = 1;
            if (comp.kind == Kind::Cdn && c == RequestClass::Static)
                absorb = comp.number("hitRatio");
            if (comp.kind == Kind::Cache && c == RequestClass::Read)
                absorb = comp.number("hitRatio");
            forward = 1 - absorb;

            if (comp.kind == Kind::AppServer && c == RequestClass::Read) {
                // Look-aside caches first; what they miss goes to the app's data tier.
                const Rule &cacheRule = lookAsideRule();
                std::vector<Out> caches;
                choose(u, c, cacheRule, caches);
                std::vector<Out> data;
                const Rule &dataRule = routingRule(comp.kind, c);
                const bool matched = choose(u, c, dataRule, data);
                if (!caches.empty()) {
                    send(c, flow, caches, 1.0);
                    for (const Out &cache : caches) {
                        const Component &cc = comps[size_t(cache.target)];
                        bool readThrough = false;
                        for (int e : m_outEdges[size_t(cache.target)])
                            readThrough = readThrough || m_design.connections[size_t(e)].carries(c);
                        if (readThrough)
                            continue;
                        const double miss = cache.fraction * (1 - cc.number("hitRatio"));
                        for (const Out &d : data)
                            cacheFallback[size_t(cache.target)].push_back(
                                {d.target, d.edge, flow * miss * d.fraction, c});
                    }
                } else if (!data.empty()) {
                    send(c, flow, data, 1.0);
                } else if (matched) {
                    R.lost += flow;
                } else {
                    R.absorbed[size_t(u)][size_t(ci)] = 1;
                }
                continue;
            }
            if (comp.kind == Kind::Cache && c == RequestClass::Read) {
                R.absorbed[size_t(u)][size_t(ci)] = absorb;
                const Rule &rule = routingRule(comp.kind, c);
                const bool matched = choose(u, c, rule, outs);
                if (!outs.empty()) {
                    send(c, flow, outs, forward);
                } else if (!cacheFallback[size_t(u)].empty()) {
                    for (const Out &o : cacheFallback[size_t(u)]) {
                        Out rel = o;
                        rel.fraction = o.fraction / flow;
                        R.outs[size_t(u)][size_t(ci)].push_back(rel);
                        R.perUser[size_t(o.target)][size_t(ci)] += o.fraction;
                        if (o.edge >= 0)
                            R.edgeFlow[size_t(o.edge)] += o.fraction;
                    }
                } else if (matched) {
                    R.lost += flow * forward;
                } else {
                    // Nothing behind the cache: the calling app answers misses itself.
                    R.absorbed[size_t(u)][size_t(ci)] = 1;
                }
                continue;
            }

            const Rule &rule = routingRule(comp.kind, c);
            if (rule.groups.empty()) {
                R.absorbed[size_t(u)][size_t(ci)] = 1;
                continue;
            }
            R.absorbed[size_t(u)][size_t(ci)] = absorb;
            if (forward <= 0)
                continue;
            const bool matched = choose(u, c, rule, outs);
            if (!outs.empty()) {
                send(c, flow, outs, forward);
            } else if (matched) {
                R.lost += flow * forward;
            } else if (rule.mustForward) {
                R.lost += flow * forward;
                reportNowhere(u, c);
            } else {
                R.absorbed[size_t(u)][size_t(ci)] = 1;
            }
        }
        // Writes on an app server enqueue background jobs.
        const double jobs = m_design.traffic.asyncPerWrite;
        if (comp.kind == Kind::AppServer && jobs > 0 && in[kWrite] > 0) {
            const Rule &rule = routingRule(comp.kind, RequestClass::Job);
            const bool matched = choose(u, RequestClass::Job, rule, outs);
            const double flow = in[kWrite] * jobs;
            if (!outs.empty()) {
                R.jobsPerWrite[size_t(u)] = jobs;
                for (const Out &o : outs) {
                    R.jobOuts[size_t(u)].push_back(o);
                    R.perUser[size_t(o.target)][kJob] += flow * o.fraction;
                    if (o.edge >= 0)
                        R.edgeFlow[size_t(o.edge)] += flow * o.fraction;
                }
            } else {
                R.lost += flow;
                if (!matched)
                    reportNowhere(u, RequestClass::Job);
            }
        }
    }
    return R;
}

double Model::vcpuOf(int i) const
{
    if (size_t(i) < m_prep.size())
        return m_prep[size_t(i)].vcpu;
    const Component &c = m_design.components[size_t(i)];
    if (!findParam(c.kind, "instanceType"))
        return 1;
    const InstanceType *t = m_catalog.instance(c.text("instanceType"));
    return t ? std::max(1.0, t->vcpu) : 1.0;
}

double Model::speedup(int i, double cores) const
{
    const Component &c = m_design.components[size_t(i)];
    return uslSpeedup(cores, c.number("serialFraction"), c.number("coherency"));
}

namespace {

// Arrival-weighted service time (ms) for the class mix `perUser`; the read time when nothing
// arrives.
double mixOf(const ClassRates &perUser, const ClassRates &serviceMs)
{
    double l = 0, ls = 0;
    for (int c = 0; c < kClassCount; ++c) {
        l += perUser[size_t(c)];
        ls += perUser[size_t(c)] * serviceMs[size_t(c)];
    }
    return l > 0 ? ls / l : serviceMs[kRead];
}

double shardFactor(const Component &comp)
{
    if (comp.kind != Kind::Database)
        return 1;
    const double shards = comp.number("shards");
    return shards > 1 ? comp.number("shardSkew") / shards : 1.0;
}

} // namespace

void Model::prepareStations()
{
    const size_t n = m_design.components.size();
    m_prep.assign(n, {});
    for (size_t i = 0; i < n; ++i) {
        const Component &c = m_design.components[i];
        Prep &p = m_prep[i];
        p.instance = m_instanceOf[i];
        p.vcpu = p.instance ? std::max(1.0, p.instance->vcpu) : 1.0;
        p.sigma = c.number("serialFraction");
        p.kappa = c.number("coherency");
        p.shard = shardFactor(c);
        // Service time of one request of each class on one core (ms).
        if (c.kind == Kind::Database) {
            const double read = c.number("readServiceTimeMs"), write = c.number("writeServiceTimeMs");
            p.serviceMs = {read, read, write, write}; // static, read, write, job
        } else {
            p.serviceMs.fill(c.number(c.kind == Kind::ReadReplica ? "readServiceTimeMs" : "serviceTimeMs"));
        }
        p.mixMs = mixOf(m_perUser[i], p.serviceMs);
        if (isCompute(c)) {
            p.type = Prep::Compute;
        } else if (c.kind == Kind::Cache) {
            p.type = Prep::CacheNodes;
            p.opsPerNode = c.number("opsPerNode");
            p.fixedMs = c.number("serviceTimeMs");
        } else if (c.kind != Kind::Clients && c.kind != Kind::Dns) {
            p.type = Prep::Managed;
            const char *svc = c.kind == Kind::Cdn ? "cloudfront"
                            : c.kind == Kind::Queue ? "sqs"
                            : c.kind == Kind::ObjectStorage ? "s3" : "alb";
            p.managedCapacity = m_catalog.service(svc, "maxRps");
            p.fixedMs = c.kind == Kind::Cdn ? c.number("edgeLatencyMs")
                      : c.kind == Kind::Queue ? c.number("latencyMs")
                      : c.number("serviceTimeMs");
        }
        p.connectionsPerInstance = c.kind == Kind::AppServer ? c.number("threadsPerInstance")
                                 : c.kind == Kind::Pooler    ? c.number("poolSize")
                                 : c.kind == Kind::Worker    ? p.vcpu
                                                             : 0.0;
        p.instances = c.kind == Kind::Database ? c.number("shards")
                    : findParam(c.kind, "instances") ? c.number("instances") : 1.0;
    }
}

void Model::prepareCosts()
{
    const auto &comps = m_design.components;
    const size_t n = comps.size();
    const Traffic &t = m_design.traffic;
    const double hours = m_catalog.hoursPerMonth;
    // Monthly volumes run at the average rate: peak ÷ peakToAverage, over the month's seconds.
    const double perMonth = hours * 3600 / t.peakToAverage;
    m_costTerms.clear();
    auto add = [&](size_t i, CostTerm::Basis basis, double usdPerUnit, std::string label,
                   CostCategory category, double quantityPerUnit = 1, double minUnits = 0) {
        m_costTerms.push_back({int(i), basis, usdPerUnit, quantityPerUnit, minUnits, 0,
                               std::move(label), category, {}, 1});
    };
    // Bytes (KB per user per second at the peak) that leave AWS straight from a component,
    // not through the CDN: what arrives over edges from clients or DNS.
    std::vector<double> egressKb(n, 0);
    for (size_t e = 0; e < m_design.connections.size(); ++e) {
        const Kind from = comps[size_t(m_from[e])].kind;
        const size_t to = size_t(m_to[e]);
        if ((from != Kind::Clients && from != Kind::Dns) || comps[to].kind == Kind::Cdn
            || comps[to].kind == Kind::Dns)
            continue;
        const double in = totalOf(m_perUser[to]);
        if (in <= 0)
            continue;
        const ClassRates &pu = m_perUser[to];
        egressKb[to] += m_edgeFlow[e] / in
                      * (pu[kStatic] * t.kbPerStatic + (pu[kRead] + pu[kWrite]) * t.kbPerRequest);
    }
    for (size_t i = 0; i < n; ++i) {
        const Component &c = comps[i];
        const ClassRates &pu = m_perUser[i];
        const double rps = pu[kStatic] + pu[kRead] + pu[kWrite] + pu[kJob]; // per user, peak
        const bool managedLb = c.kind == Kind::LoadBalancer && c.flag("managed");
        if (findParam(c.kind, "instanceType") && !managedLb) {
            if (const InstanceType *type = m_prep[i].instance) {
                const std::string_view pricing = c.textView("pricing");
                const double factor = m_catalog.pricingFactor(pricing);
                double usd = type->hourlyUsd * hours * factor;
                std::string label = "{} × " + type->name;
                if (c.kind == Kind::Database) {
                    if (c.flag("multiAz")) {
                        usd *= m_catalog.service("rds", "multiAzFactor");
                        label += " Multi-AZ";
                    }
                    if (c.number("shards") > 1)
                        label = "{} shards × " + type->name + (c.flag("multiAz") ? " Multi-AZ" : "");
                }
                add(i, CostTerm::Instances, usd, label.append(" (").append(pricing).append(")"),
                    CostCategory::Compute);
                m_costTerms.back().pricing = std::string(pricing);
                m_costTerms.back().pricingFactor = factor;
            }
        }
        switch (c.kind) {
        case Kind::Database: {
            const double gb = c.number("storageGB") * c.number("shards");
            add(i, CostTerm::Fixed, gb * m_catalog.service("rdsStorage", "gbMonthUsd"),
                "Storage " + fourDigits(gb) + " GB", CostCategory::Storage);
            break;
        }
        case Kind::ReadReplica: {
            const double gb = c.number("storageGB") * m_prep[i].instances;
            add(i, CostTerm::Fixed, gb * m_catalog.service("rdsStorage", "gbMonthUsd"),
                "Storage " + fourDigits(gb) + " GB", CostCategory::Storage);
            break;
        }
        case Kind::LoadBalancer:
            if (managedLb) {
                add(i, CostTerm::Fixed, m_catalog.service("alb", "hourlyUsd") * hours, "ALB hours", CostCategory::Compute);
                // LCUs: the larger of rule evaluations (req/s) and GB processed per hour.
                const double avgRps = rps / t.peakToAverage;
                const double byRequests = avgRps / m_catalog.service("alb", "rpsPerLcu");
                const double byBytes = avgRps * t.kbPerRequest * 3600 / 1e6
                                     / m_catalog.service("alb", "gbPerLcuHour");
                add(i, CostTerm::Lcu, m_catalog.service("alb", "lcuHourUsd") * hours, "{} LCU",
                    CostCategory::Requests, 1, m_catalog.service("alb", "minLcu"));
                m_costTerms.back().unitsPerUser = std::max(byRequests, byBytes);
            }
            break;
        case Kind::Cdn: {
            const double gbPerUser = (pu[kStatic] * t.kbPerStatic + (pu[kRead] + pu[kWrite]) * t.kbPerRequest)
                                   * perMonth / 1e6;
            add(i, CostTerm::Users, gbPerUser * m_catalog.service("cloudfront", "perGbUsd"),
                "Egress {} GB", CostCategory::Transfer, gbPerUser);
            add(i, CostTerm::Users,
                rps * perMonth / 1e4 * m_catalog.service("cloudfront", "per10kRequestsUsd"),
                "Requests", CostCategory::Requests);
            break;
        }
        case Kind::ObjectStorage: {
            const double gb = c.number("storageGB"), warm = c.number("warmFraction"),
                         cold = c.number("coldFraction");
            add(i, CostTerm::Fixed,
                gb * ((1 - warm - cold) * m_catalog.service("s3", "standardGbMonthUsd")
                      + warm * m_catalog.service("s3", "iaGbMonthUsd")
                      + cold * m_catalog.service("s3", "glacierGbMonthUsd")),
                "Storage " + fourDigits(gb) + " GB", CostCategory::Storage);
            add(i, CostTerm::Users, rps * perMonth / 1000 * m_catalog.service("s3", "getPer1kUsd"),
                "GET requests", CostCategory::Requests);
            break;
        }
        case Kind::Queue:
            add(i, CostTerm::Users,
                rps * perMonth * c.number("requestsPerJob") / 1e6 * m_catalog.service("sqs", "perMillionUsd"),
                "Requests", CostCategory::Requests);
            break;
        case Kind::Dns:
            add(i, CostTerm::Fixed,
                c.number("hostedZones") * m_catalog.service("route53", "hostedZoneMonthUsd"),
                "Hosted zones", CostCategory::Requests);
            add(i, CostTerm::Users,
                rps * perMonth * c.number("queriesPerRequest") / 1e6
                    * m_catalog.service("route53", "perMillionQueriesUsd"),
                "Queries", CostCategory::Requests);
            break;
        default: break;
        }
        if (egressKb[i] > 0) {
            const double gbPerUser = egressKb[i] * perMonth / 1e6;
            add(i, CostTerm::Users, gbPerUser * m_catalog.service("dataTransfer", "outPerGbUsd"),
                "Data transfer out {} GB", CostCategory::Transfer, gbPerUser);
        }
    }
}

void Model::billedByLump(double users, std::vector<double> &billed) const
{
    // Auto-scaled tiers are billed at their time-weighted count over the day profile.
    billed.resize(m_lumps.size());
    for (size_t l = 0; l < m_lumps.size(); ++l) {
        const size_t i = size_t(m_lumps[l].rep);
        if (!m_design.components[i].autoscale) {
            billed[l] = m_prep[i].instances;
            continue;
        }
        double sum = 0;
        for (double shape : m_dayShape)
            sum += instancesAt(i, users * shape);
        billed[l] = sum / 24;
    }
}

void Model::lumpInterchangeable()
{
    const auto &comps = m_design.components;
    const size_t n = comps.size();
    m_lumps.clear();
    auto lumpOfShared = std::make_shared<std::vector<int>>(n, -1);
    std::vector<int> &lumpOf = *lumpOfShared;
    m_lumpOf = lumpOfShared;
    // A component's signature: the bits of every figure its behaviour depends on. Lumps keep
    // theirs back to back in `pool`; `byHash` finds the candidates for an exact comparison.
    std::vector<std::uint64_t> sig, pool;
    std::vector<std::pair<size_t, size_t>> spans; // per lump: offset and length in pool
    std::unordered_multimap<std::uint64_t, int> byHash;
    byHash.reserve(n);
    auto put = [&sig](double v) { sig.push_back(std::bit_cast<std::uint64_t>(v)); };
    // Out lists with their targets replaced by lumps, fractions summed per (lump, class).
    auto lumped = [&lumpOf](const std::vector<Out> &outs, std::vector<Out> &r) {
        r.clear();
        for (Out o : outs) {
            o.target = lumpOf[size_t(o.target)];
            o.edge = -1;
            auto same = std::find_if(r.begin(), r.end(), [&o](const Out &x) {
                return x.target == o.target && x.cls == o.cls;
            });
            if (same != r.end())
                same->fraction += o.fraction;
            else
                r.push_back(o);
        }
        std::sort(r.begin(), r.end(), [](const Out &x, const Out &y) {
            return x.target != y.target ? x.target < y.target : x.cls < y.cls;
        });
    };
    std::array<std::vector<Out>, kClassCount> outs;
    std::vector<Out> jobOuts;
    // Sinks first: a component's targets have their lumps before it is looked at. The order
    // follows the routes themselves (a depth-first post-order over them), which also covers
    // the misses a look-aside cache hands to the data tier without an edge of its own.
    std::vector<int> &post = m_sinksFirst;
    post.clear();
    post.reserve(n);
    {
        std::vector<char> state(n, 0); // 0 new, 1 on the stack, 2 done
        std::vector<std::pair<int, size_t>> stack;
        auto successors = [this](size_t u, size_t at) -> int {
            for (int k = 0; k < kClassCount; ++k) {
                const auto &outs = m_routing.outs[u][size_t(k)];
                if (at < outs.size())
                    return outs[at].target;
                at -= outs.size();
            }
            return at < m_routing.jobOuts[u].size() ? m_routing.jobOuts[u][at].target : -1;
        };
        for (size_t root = 0; root < n; ++root) {
            if (state[root])
                continue;
            stack.push_back({int(root), 0});
            state[root] = 1;
            while (!stack.empty()) {
                auto &[u, at] = stack.back();
                const int v = successors(size_t(u), at++);
                if (v < 0) {
                    state[size_t(u)] = 2;
                    post.push_back(u);
                    stack.pop_back();
                } else if (state[size_t(v)] == 0) {
                    state[size_t(v)] = 1;
                    stack.push_back({v, 0});
                } else if (state[size_t(v)] == 1) {
                    // check() refuses loops, so routes cannot form one; refuse rather than guess.
                    m_errors.push_back({"design.connections",
                                        "requests would go round in a loop through \""
                                            + comps[size_t(v)].id + "\""});
                    return;
                }
            }
        }
    }
    for (int u : post) {
        const size_t i = size_t(u);
        const Component &c = comps[i];
        const Prep &p = m_prep[i];
        sig.clear();
        put(double(c.kind));
        put(double(p.type));
        for (double v : {p.vcpu, p.mixMs, p.sigma, p.kappa, p.shard, p.instances, p.opsPerNode,
                         p.fixedMs, p.managedCapacity, m_routing.jobsPerWrite[i]})
            put(v);
        for (int k = 0; k < kClassCount; ++k) {
            put(p.serviceMs[size_t(k)]);
            put(m_perUser[i][size_t(k)]);
            put(m_routing.absorbed[i][size_t(k)]);
        }
        put(c.autoscale ? 1.0 : 0.0);
        if (c.autoscale) {
            put(c.autoscale->min);
            put(c.autoscale->max);
            put(c.autoscale->targetUtilization);
        }
        for (int k = 0; k < kClassCount; ++k) {
            lumped(m_routing.outs[i][size_t(k)], outs[size_t(k)]);
            put(-1.0 - k);
            for (const Out &o : outs[size_t(k)]) {
                put(o.target);
                put(double(o.cls));
                put(o.fraction);
            }
        }
        lumped(m_routing.jobOuts[i], jobOuts);
        put(-10.0);
        for (const Out &o : jobOuts) {
            put(o.target);
            put(o.fraction);
        }
        // FNV-style, four lanes so the multiplies do not wait on each other.
        constexpr std::uint64_t prime = 1099511628211ull;
        std::uint64_t h0 = 1469598103934665603ull, h1 = 2, h2 = 3, h3 = 4;
        size_t w = 0;
        for (; w + 4 <= sig.size(); w += 4) {
            h0 = (h0 ^ sig[w]) * prime;
            h1 = (h1 ^ sig[w + 1]) * prime;
            h2 = (h2 ^ sig[w + 2]) * prime;
            h3 = (h3 ^ sig[w + 3]) * prime;
        }
        for (; w < sig.size(); ++w)
            h0 = (h0 ^ sig[w]) * prime;
        const std::uint64_t hash = h0 ^ std::rotl(h1, 16) ^ std::rotl(h2, 32) ^ std::rotl(h3, 48);
        int found = -1;
        for (auto [at, end] = byHash.equal_range(hash); at != end && found < 0; ++at) {
            const auto [offset, length] = spans[size_t(at->second)];
            if (length == sig.size() && std::equal(sig.begin(), sig.end(), pool.begin() + long(offset)))
                found = at->second;
        }
        if (found < 0) {
            found = int(m_lumps.size());
            Lump lump;
            lump.outs = outs;
            lump.jobOuts = jobOuts;
            for (const auto &list : lump.outs)
                for (const Out &o : list)
                    lump.height = std::max(lump.height, m_lumps[size_t(o.target)].height + 1);
            for (const Out &o : lump.jobOuts)
                lump.height = std::max(lump.height, m_lumps[size_t(o.target)].height + 1);
            lump.rep = int(i);
            m_lumps.push_back(std::move(lump));
            byHash.emplace(hash, found);
            spans.push_back({pool.size(), sig.size()});
            pool.insert(pool.end(), sig.begin(), sig.end());
        }
        Lump &lump = m_lumps[size_t(found)];
        lump.rep = std::min(lump.rep, int(i));
        ++lump.size;
        lumpOf[i] = found;
    }
    for (const Lump &lump : m_lumps)
        prepareScaling(size_t(lump.rep));
    // An edge between lumps always climbs down in height, so descending height is a
    // topological order of the lumps.
    m_lumpOrder.resize(m_lumps.size());
    std::iota(m_lumpOrder.begin(), m_lumpOrder.end(), 0);
    std::stable_sort(m_lumpOrder.begin(), m_lumpOrder.end(),
                     [this](int x, int y) { return m_lumps[size_t(x)].height > m_lumps[size_t(y)].height; });

    // The bill splits into what follows the instances (per lump) and what does not.
    m_fixedUsd = m_perUserUsd = 0;
    m_lcuTerms.clear();
    for (size_t t = 0; t < m_costTerms.size(); ++t) {
        const CostTerm &term = m_costTerms[t];
        switch (term.basis) {
        case CostTerm::Fixed: m_fixedUsd += term.usdPerUnit; break;
        case CostTerm::Users: m_perUserUsd += term.usdPerUnit; break;
        case CostTerm::Instances:
            m_lumps[size_t(lumpOf[size_t(term.component)])].instanceUsd += term.usdPerUnit;
            break;
        case CostTerm::Lcu: m_lcuTerms.push_back(int(t)); break;
        }
    }
}

double Model::costUnits(const CostTerm &term, double users, const std::vector<double> &billed) const
{
    switch (term.basis) {
    case CostTerm::Fixed: return 1;
    case CostTerm::Instances: return billed[size_t((*m_lumpOf)[size_t(term.component)])];
    case CostTerm::Users: return users;
    case CostTerm::Lcu: return std::max(term.minUnits, users * term.unitsPerUser);
    }
    return 0;
}

double Model::capacityAt(int i, double instances) const
{
    // Read from the figures prepared once per edit: this runs in per-evaluation searches.
    if (size_t(i) >= m_prep.size())
        return 0; // a design with errors has no prepared figures
    const Prep &p = m_prep[size_t(i)];
    const Kind kind = m_design.components[size_t(i)].kind;
    if (kind == Kind::Cache)
        return instances * p.opsPerNode;
    const double perShard = kind == Kind::Database ? 1.0 : instances; // shards are one primary each
    return uslSpeedup(perShard * p.vcpu, p.sigma, p.kappa) * 1000.0 / p.mixMs / p.shard;
}

double Model::instancesAt(size_t i, double users) const
{
    const Component &c = m_design.components[i];
    const Prep &p = m_prep[i];
    if (!c.autoscale)
        return p.instances;
    const Autoscale &a = *c.autoscale;
    double lambda = 0;
    for (double v : m_perUser[i])
        lambda += v * users;
    // Smallest count whose capacity at the target utilization covers the load, on the rising
    // part of the USL curve: looked up in the prepared table, or searched when it is too long.
    if (!p.scaleSteps.empty()) {
        const auto at = std::lower_bound(p.scaleSteps.begin(), p.scaleSteps.end(), lambda);
        const long last = long(p.scaleSteps.size()) - 1;
        return double(a.min) + double(std::min(long(at - p.scaleSteps.begin()), last));
    }
    auto enough = [&](double n) { return capacityAt(int(i), n) * a.targetUtilization >= lambda; };
    double lo = a.min, hi = scalingTop(p, a);
    if (enough(lo))
        return lo;
    if (!enough(hi))
        return hi;
    while (hi - lo > 1) {
        const double mid = std::floor((lo + hi) / 2);
        (enough(mid) ? hi : lo) = mid;
    }
    return hi;
}

double Model::scalingTop(const Prep &p, const Autoscale &a)
{
    // Past √((1 − σ)/κ) cores the USL curve falls: more instances would only slow the tier.
    if (p.kappa > 0)
        return std::clamp(std::floor(std::sqrt((1 - p.sigma) / p.kappa) / p.vcpu), double(a.min),
                          double(a.max));
    return a.max;
}

void Model::prepareScaling(size_t i)
{
    // Capacity at the target utilization for every count an auto-scaled tier can take, up to
    // where adding instances stops adding capacity; instancesAt searches it. Built for lump
    // representatives only (the per-point work reads no other); tiers that may take more than
    // kMaxScaleSteps counts are searched without a table.
    constexpr double kMaxScaleSteps = 1024;
    const Component &c = m_design.components[i];
    Prep &p = m_prep[i];
    p.scaleSteps.clear();
    if (!c.autoscale)
        return;
    const Autoscale &a = *c.autoscale;
    const double top = scalingTop(p, a);
    if (top < a.min || top - a.min >= kMaxScaleSteps)
        return;
    for (double n = a.min; n <= top; ++n)
        p.scaleSteps.push_back(capacityAt(int(i), n) * a.targetUtilization);
}

Model::Station Model::stationAt(size_t i, const ClassRates &perUser, double users, double instances) const
{
    const auto &comps = m_design.components;
    const Prep &pr = m_prep[i];
    Station s;
    s.instances = instances;
    double total = 0;
    for (int k = 0; k < kClassCount; ++k)
        total += perUser[size_t(k)] * users;
    switch (pr.type) {
    case Prep::Compute: {
        s.station = true;
        // A database's instances are its shards: each shard is one primary of this type.
        s.cores = (comps[i].kind == Kind::Database ? 1.0 : instances) * pr.vcpu;
        const double sp = uslSpeedup(s.cores, pr.sigma, pr.kappa);
        const double sbar = &perUser == &m_perUser[i] ? pr.mixMs : mixOf(perUser, pr.serviceMs);
        const double hot = total * pr.shard; // the hottest shard's arrivals
        s.capacity = sp * 1000.0 / sbar / pr.shard;
        s.rho = sp > 0 ? hot * sbar / 1000.0 / sp : (hot > 0 ? kInf : 0);
        s.overloaded = s.rho >= 1;
        const double inflate = s.cores / sp; // per-server slow-down from contention
        MmcStation q = mmc(std::int64_t(std::llround(s.cores)), hot, sbar * inflate);
        for (int k = 0; k < kClassCount; ++k) {
            const double sk = pr.serviceMs[size_t(k)] * inflate;
            s.meanMs[size_t(k)] = sk + q.meanWaitMs;
            s.varMs2[size_t(k)] = sk * sk + q.varWaitMs2;
        }
        break;
    }
    case Prep::CacheNodes: {
        s.station = true;
        s.cores = instances;
        s.capacity = instances * pr.opsPerNode;
        s.rho = total / s.capacity;
        s.overloaded = s.rho >= 1;
        MmcStation q = mmc(std::int64_t(instances), total, 1000.0 / pr.opsPerNode);
        const double sm = pr.fixedMs;
        for (int k = 0; k < kClassCount; ++k) {
            s.meanMs[size_t(k)] = sm + q.meanWaitMs;
            s.varMs2[size_t(k)] = sm * sm + q.varWaitMs2;
        }
        break;
    }
    case Prep::Managed:
        s.station = true;
        s.capacity = pr.managedCapacity;
        s.rho = total / s.capacity;
        s.overloaded = s.rho >= 1;
        s.meanMs.fill(pr.fixedMs);
        break;
    case Prep::None: break;
    }
    double lw = 0;
    for (int k = 0; k < kClassCount; ++k)
        lw += perUser[size_t(k)] * users * s.meanMs[size_t(k)];
    s.meanAllMs = total > 0 ? lw / total : s.meanMs[kRead];
    return s;
}

void Model::findLimits()
{
    // The wall and the ceiling do not depend on the user count: the first is where a station
    // at its full size (auto-scaled tiers at their maximum) reaches ρ = 1, the second where
    // adding instances stops adding capacity.
    const auto &comps = m_design.components;
    const size_t n = comps.size();
    double wall = kInf, ceiling = kInf;
    m_wall.reset();
    m_ceiling.reset();
    m_wallComponent = m_ceilingComponent = -1;
    for (size_t i = 0; i < n; ++i) {
        const Component &c = comps[i];
        if (m_prep[i].type == Prep::None)
            continue;
        const double perUser = totalOf(m_perUser[i]);
        if (perUser <= 0)
            continue;
        const double maxInst = c.autoscale ? c.autoscale->max : m_prep[i].instances;
        const double cap = m_prep[i].type == Prep::Managed ? m_prep[i].managedCapacity
                                                           : capacityAt(int(i), maxInst);
        const double u = cap / perUser;
        if (u < wall) {
            wall = u;
            m_wallComponent = int(i);
        }
        // Horizontal capacity: tiers that take more instances are limited only by σ and κ.
        double limit = u;
        const bool horizontal = c.kind == Kind::AppServer || c.kind == Kind::Worker
                             || c.kind == Kind::ReadReplica || c.kind == Kind::Cache
                             || c.kind == Kind::Pooler
                             || (c.kind == Kind::LoadBalancer && !c.flag("managed"));
        if (isManaged(c)) {
            limit = kInf;
        } else if (horizontal) {
            const double sigma = m_prep[i].sigma, kappa = m_prep[i].kappa;
            if (c.kind == Kind::Cache || (sigma <= 0 && kappa <= 0)) {
                limit = kInf;
            } else {
                double best = kappa > 0 ? uslSpeedup(std::sqrt((1 - sigma) / kappa), sigma, kappa)
                                        : 1 / sigma;
                limit = best * 1000.0 / m_prep[i].mixMs / perUser;
            }
        }
        if (limit < ceiling) {
            ceiling = limit;
            m_ceilingComponent = int(i);
        }
    }
    if (std::isfinite(wall))
        m_wall = wall;
    if (std::isfinite(ceiling))
        m_ceiling = ceiling;
    else
        m_ceilingComponent = -1;
}

void Model::lumpStations(double users, std::vector<Station> &out) const
{
    out.resize(m_lumps.size());
    for (size_t l = 0; l < m_lumps.size(); ++l) {
        const size_t i = size_t(m_lumps[l].rep);
        out[l] = stationAt(i, m_perUser[i], users, instancesAt(i, users));
    }
}

void Model::propagateLatency(const std::vector<Station> &st, unsigned classMask,
                             LatencyScratch &scratch,
                             std::array<LatencyMixture, kClassCount> &done,
                             std::array<bool, kClassCount> &invalid) const
{
    const auto &comps = m_design.components;
    auto &mix = scratch.mix;
    mix.resize(m_lumps.size());
    for (auto &perClass : mix)
        for (LatencyMixture &m : perClass)
            m.parts.clear();
    for (LatencyMixture &m : done)
        m.parts.clear();
    invalid.fill(false);
    auto wanted = [classMask](int k) { return (classMask >> k) & 1u; };
    for (size_t l = 0; l < m_lumps.size(); ++l) {
        const size_t i = size_t(m_lumps[l].rep);
        if (comps[i].kind != Kind::Clients)
            continue;
        for (int k : {kStatic, kRead, kWrite})
            if (wanted(k))
                mix[l][size_t(k)].add({m_perUser[i][size_t(k)] * m_lumps[l].size, 0, 0});
    }
    for (int l : m_lumpOrder) {
        const Lump &lump = m_lumps[size_t(l)];
        const size_t rep = size_t(lump.rep);
        const Station &s = st[size_t(l)];
        for (int k = 0; k < kClassCount; ++k) {
            LatencyMixture &m = mix[size_t(l)][size_t(k)];
            if (m.parts.empty())
                continue;
            if (s.overloaded)
                invalid[size_t(k)] = true;
            for (MixturePart &p : m.parts) {
                p.mean += s.meanMs[size_t(k)];
                p.var += s.varMs2[size_t(k)];
            }
            const double absorbed = m_routing.absorbed[rep][size_t(k)];
            if (absorbed > 0)
                done[size_t(k)].addAll(m, absorbed);
            for (const Out &o : lump.outs[size_t(k)])
                mix[size_t(o.target)][size_t(o.cls)].addAll(m, o.fraction);
        }
        if (wanted(kJob) && !lump.jobOuts.empty()) {
            const double jobs = m_perUser[rep][kWrite] * m_routing.jobsPerWrite[rep] * lump.size;
            for (const Out &o : lump.jobOuts)
                mix[size_t(o.target)][kJob].add({jobs * o.fraction, 0, 0});
        }
    }
}

Evaluation Model::evaluate(double users) const
{
    return evaluate(users, true);
}

Evaluation Model::evaluate(double users, bool full) const
{
    Evaluation ev;
    ev.users = users;
    const auto &comps = m_design.components;
    const size_t n = comps.size();
    const Traffic &t = m_design.traffic;
    ev.demand.peakRps = (m_base[kRead] + m_base[kWrite]) * users;
    ev.demand.averageRps = ev.demand.peakRps / t.peakToAverage;
    ev.demand.readRps = m_base[kRead] * users;
    ev.demand.writeRps = m_base[kWrite] * users;
    ev.demand.staticRps = m_base[kStatic] * users;
    ev.demand.jobRps = m_base[kJob] * users;
    if (!ok())
        return ev;

    // --- stations ----------------------------------------------------------------------------
    std::vector<Station> lumpSt;
    lumpStations(users, lumpSt);
    // Each component reads its lump's station (no copy per component).
    std::vector<const Station *> st(n);
    for (size_t i = 0; i < n; ++i)
        st[i] = &lumpSt[size_t((*m_lumpOf)[i])];

    // --- latency: mixtures pushed along the routes ------------------------------------------
    std::array<LatencyMixture, kClassCount> done;
    std::array<bool, kClassCount> invalid{};
    LatencyScratch scratch;
    propagateLatency(lumpSt, full ? 0xF : (1 << kRead) | (1 << kWrite), scratch, done, invalid);
    auto summarize = [&](const LatencyMixture &m, bool bad, double shift) {
        LatencySummary s;
        if (m.parts.empty() || bad)
            return s;
        s.valid = true;
        s.mean = m.mean() + shift;
        static constexpr double qs[] = {0.50, 0.95, 0.99};
        double out[3];
        m.quantiles(qs, out, 3);
        s.p50 = out[0] + shift;
        s.p95 = out[1] + shift;
        s.p99 = out[2] + shift;
        return s;
    };
    for (int k = 0; k < kClassCount && full; ++k) // the sweep draws only the headline
        ev.latencyByClass[size_t(k)] = summarize(done[size_t(k)], invalid[size_t(k)],
                                                 k == kJob ? 0 : t.networkRttMs);
    LatencyMixture dynamic = done[kRead];
    dynamic.addAll(done[kWrite], 1.0);
    ev.latency = summarize(dynamic, invalid[kRead] || invalid[kWrite], t.networkRttMs);

    // --- time held downstream (for threads) and availability, from the sinks back -----------
    std::vector<ClassRates> held(n), avail(n);
    std::vector<double> compAvail(n, 1);
    for (size_t i = 0; i < n && full; ++i) {
        const Component &c = comps[i];
        double a = 1;
        // A tier of n that needs k of them for the load is up with P(≥ k of n up).
        auto k_of_n = [&](double unit) {
            const int count = int(std::max(1.0, std::round(st[i]->instances)));
            double lambda = 0;
            for (double v : m_perUser[i])
                lambda += v * users;
            // The fewest instances whose capacity exceeds the load (all of them when none do).
            int lo = 1, hi = count;
            if (lambda <= 0 || capacityAt(int(i), lo) > lambda)
                hi = lo;
            while (lo < hi) {
                const int mid = lo + (hi - lo) / 2;
                if (capacityAt(int(i), mid) > lambda)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            return atLeastKofN(count, hi, unit);
        };
        switch (c.kind) {
        case Kind::Clients: a = 1; break;
        case Kind::Dns: a = m_catalog.availabilityOf("route53"); break;
        case Kind::Cdn: a = m_catalog.availabilityOf("cloudfront"); break;
        case Kind::ObjectStorage: a = m_catalog.availabilityOf("s3"); break;
        case Kind::Queue: a = m_catalog.availabilityOf("sqs"); break;
        case Kind::Cache:
            a = st[i]->instances >= 2 ? m_catalog.availabilityOf("elasticacheMultiAz")
                                     : m_catalog.availabilityOf("elasticacheSingle");
            break;
        case Kind::Database:
            a = c.flag("multiAz") ? m_catalog.availabilityOf("rdsMultiAz")
                                  : m_catalog.availabilityOf("rdsSingleAz");
            break;
        case Kind::ReadReplica: a = k_of_n(m_catalog.availabilityOf("rdsSingleAz")); break;
        case Kind::LoadBalancer:
            a = c.flag("managed") ? m_catalog.availabilityOf("alb")
                                  : k_of_n(m_catalog.availabilityOf("ec2Instance"));
            break;
        default: a = k_of_n(m_catalog.availabilityOf("ec2Instance")); break;
        }
        compAvail[i] = a;
    }
    for (auto it = m_sinksFirst.begin(); it != m_sinksFirst.end() && full; ++it) {
        const size_t ui = size_t(*it);
        for (int k = 0; k < kClassCount; ++k) {
            double h = st[ui]->meanMs[size_t(k)], ok = m_routing.absorbed[ui][size_t(k)];
            if (st[ui]->overloaded)
                h = kInf;
            for (const Out &o : m_routing.outs[ui][size_t(k)]) {
                h += o.fraction * held[size_t(o.target)][size_t(o.cls)];
                ok += o.fraction * avail[size_t(o.target)][size_t(o.cls)];
            }
            held[ui][size_t(k)] = h;
            // A cache outage degrades (misses go to the database) rather than fails requests.
            avail[ui][size_t(k)] = (comps[ui].kind == Kind::Cache ? 1.0 : compAvail[ui]) * ok;
        }
    }
    double served = 0, demand = 0;
    for (size_t i = 0; i < n; ++i) {
        if (comps[i].kind != Kind::Clients)
            continue;
        for (int k : {kStatic, kRead, kWrite}) {
            served += m_perUser[i][size_t(k)] * avail[i][size_t(k)];
            demand += m_perUser[i][size_t(k)];
        }
    }
    ev.availability = demand > 0 ? served / demand : 1;

    // --- per component figures --------------------------------------------------------------
    // Connections the callers of each database open.
    std::vector<double> opened_(n, 0);
    std::vector<double> cacheLossRho(n, 0);
    std::vector<int> cacheLossTarget(n, -1);
    for (size_t e = 0; e < m_design.connections.size(); ++e)
        opened_[size_t(m_to[e])] += st[size_t(m_from[e])]->instances * m_prep[size_t(m_from[e])].connectionsPerInstance;
    ev.components.resize(n);
    double worst = -1;
    for (size_t i = 0; i < n; ++i) {
        const Component &c = comps[i];
        ComponentResult &r = ev.components[i];
        r.id = c.id;
        r.kind = c.kind;
        r.instances = st[i]->instances;
        for (int k = 0; k < kClassCount; ++k) {
            r.arrivals[size_t(k)] = m_perUser[i][size_t(k)] * users;
            r.arrivalRps += r.arrivals[size_t(k)];
        }
        r.station = st[i]->station;
        r.capacityRps = st[i]->capacity;
        r.utilization = st[i]->rho;
        r.overloaded = st[i]->overloaded;
        r.meanLatencyMs = st[i]->meanAllMs;
        r.concurrency = r.overloaded ? 0 : r.arrivalRps * r.meanLatencyMs / 1000.0;
        r.spof = m_spof[i];
        r.availability = compAvail[i];
        if (r.spof)
            ev.spofs.push_back(c.id);
        if (r.station && r.arrivalRps > 0 && r.utilization > worst) {
            worst = r.utilization;
            ev.bottleneck = int(i);
        }
        if (c.kind == Kind::AppServer && r.instances > 0) {
            double threads = 0;
            for (int k = 0; k < kClassCount; ++k)
                if (r.arrivals[size_t(k)] > 0) // 0 × an unbounded hold time (overloaded) is 0, not NaN
                    threads += r.arrivals[size_t(k)] * held[i][size_t(k)] / 1000.0;
            r.threadsBusyPerInstance = threads / r.instances;
        }
        if (c.kind == Kind::Database || c.kind == Kind::ReadReplica) {
            const double opened = opened_[i];
            r.connectionsOpened = opened;
            r.connectionsBusy = r.concurrency;
        }
        // N+1: one instance fewer must still carry the peak.
        if (r.station && !isManaged(c) && r.instances >= 2 && c.kind != Kind::Database)
            r.nPlusOne = capacityAt(int(i), r.instances - 1) > r.arrivalRps;
        else if (r.station && !isManaged(c) && c.kind != Kind::Cache)
            r.nPlusOne = !r.spof && !(r.arrivalRps > 0 && c.kind != Kind::Database);
        // A lost cache node sends its share of the hits on to the data tier.
        if (auto loss = m_cacheLoss.find(int(i)); full && loss != m_cacheLoss.end()) {
            const double share = 1 / std::max(1.0, r.instances);
            for (const auto &[node, extra] : loss->second) {
                const size_t j = size_t(node);
                ClassRates flows = m_perUser[j];
                flows[kRead] += extra * share;
                const Station after = stationAt(j, flows, users, st[j]->instances);
                if (after.station && after.rho >= 1 && after.rho > cacheLossRho[i]) {
                    cacheLossRho[i] = after.rho;
                    cacheLossTarget[i] = int(j);
                    r.nPlusOne = false;
                }
            }
        }
    }

    ev.maxUsers = m_wall;
    ev.wallComponent = m_wallComponent;
    ev.scalingCeilingUsers = m_ceiling;
    ev.ceilingComponent = m_ceilingComponent;

    // --- cost ---------------------------------------------------------------------------------
    std::vector<double> billed;
    billedByLump(users, billed);
    for (const CostTerm &term : m_costTerms) {
        const double units = costUnits(term, users, billed);
        const double usd = units * term.usdPerUnit;
        std::string item = term.label;
        if (auto at = item.find("{}"); at != std::string::npos)
            item.replace(at, 2, fourDigits(units * term.quantityPerUnit));
        ev.costItems.push_back({comps[size_t(term.component)].id, std::move(item), usd,
                                term.category, term.pricing,
                                term.pricingFactor > 0 ? usd / term.pricingFactor : usd});
        ev.components[size_t(term.component)].monthlyCostUsd += usd;
        ev.monthlyCostUsd += usd;
    }
    ev.costPerUserUsd = users > 0 ? ev.monthlyCostUsd / users : 0;

    if (!full)
        return ev;

    // --- advisor --------------------------------------------------------------------------------
    auto warn = [&](const char *code, size_t i, std::string message) {
        ev.warnings.push_back({code, comps[i].id, std::move(message)});
    };
    const int bn = ev.bottleneck;
    for (size_t i = 0; i < n; ++i) {
        const Component &c = comps[i];
        const ComponentResult &r = ev.components[i];
        const std::string &name = displayName(c);
        if (r.overloaded && c.kind == Kind::Worker)
            warn("WORKERS_BEHIND", i, name + ": jobs arrive at " + fmtRate(r.arrivalRps)
                                          + "/s but workers finish " + fmtRate(r.capacityRps)
                                          + "/s; the queue backlog grows without end");
        if (r.overloaded)
            warn("OVERLOADED", i, name + ": overloaded, " + fmtRate(r.arrivalRps) + " req/s for "
                                      + fmtRate(r.capacityRps) + " of capacity (" + fmt("%.0f", r.utilization * 100) + "%)");
        else if (r.utilization > 0.8)
            warn("HOT", i, name + fmt(": runs at %.0f%% at the peak, above the 80%% a resource should stay under", r.utilization * 100));
        if (r.spof)
            warn("SPOF", i, name + ": a single point of failure; losing it stops traffic");
        if (cacheLossTarget[i] >= 0)
            warn("NO_N_PLUS_1", i, name + ": losing " + (r.instances >= 2 ? std::string("a node") : std::string("it"))
                                       + " sends its hits to " + displayName(comps[size_t(cacheLossTarget[i])])
                                       + fmt(", which would run at %.0f%%", cacheLossRho[i] * 100));
        else if (!r.nPlusOne && r.instances >= 2)
            warn("NO_N_PLUS_1", i, name + ": losing one of " + fmt("%.0f", r.instances)
                                       + " instances leaves too little capacity for the peak");
        if (c.kind == Kind::AppServer && c.flag("sessionsInMemory")
            && (r.instances > 1 || (c.autoscale && c.autoscale->max > 1)))
            warn("STATEFUL_SCALE_OUT", i, name + ": keeps sessions in memory on more than one instance; "
                                              "users lose them when the balancer switches; move sessions to a shared store");
        if (c.kind == Kind::Database && r.connectionsOpened > c.number("maxConnections"))
            warn("TOO_MANY_CONNECTIONS", i, name + fmt(": callers open %.0f connections", r.connectionsOpened)
                                                + fmt(" but max_connections is %.0f; put a pooler in front", c.number("maxConnections")));
        if (c.kind == Kind::AppServer
            && (!std::isfinite(r.threadsBusyPerInstance) || r.threadsBusyPerInstance >= c.number("threadsPerInstance")))
            warn("THREAD_POOL_EXHAUSTED", i, name + ": requests hold " + (std::isfinite(r.threadsBusyPerInstance) ? fmt("%.0f", r.threadsBusyPerInstance) : std::string("unbounded"))
                                                 + fmt(" threads per instance (waiting downstream included) of %.0f", c.number("threadsPerInstance")));
        if (c.kind == Kind::Cache && c.number("ttlS") <= 0)
            warn("CACHE_NO_TTL", i, name + ": no TTL, so stale entries are never evicted");
        if (c.kind == Kind::Cache && c.number("hitRatio") < 0.9 && r.arrivalRps > 0)
            // Rounded down to a tenth: 89.95% must not read as the 90% it falls short of.
            warn("CACHE_LOW_HIT_RATIO", i, name + fmt(": hits %g%%; below 90%% a cache isn't helping much",
                                                       std::floor(c.number("hitRatio") * 1000 + 1e-9) / 10));
        if (c.kind == Kind::Database && c.number("shards") > 1) {
            const double single = r.utilization / shardFactor(c) * 1.0;
            if (single < 0.5)
                warn("PREMATURE_SHARDING", i, name + fmt(": one unsharded primary would run at %.0f%%; shards add complexity before they are needed", single * 100));
        }
        // Right-size when an instance fewer still runs cool (three or more: two stay for
        // redundancy), or when one or two instances idle below 10%.
        const bool canShrink = r.instances >= 3
                                   ? r.utilization * r.instances / (r.instances - 1) < 0.6
                                   : r.utilization < 0.1;
        // Capacity that takes a cache's hits when a cache node fails is held for failover, not
        // waste: the N+1 check above is its measure.
        if (isCompute(c) && r.utilization < 0.3 && canShrink && r.monthlyCostUsd >= 100
            && r.arrivalRps > 0 && !c.autoscale && !m_cacheFailover[i])
            warn("OVERPROVISIONED", i, name + fmt(": runs at %.0f%% at the peak", r.utilization * 100)
                                           + fmt(" for $%.0f/month: right-size it (fewer or smaller instances", r.monthlyCostUsd)
                                           + (c.text("pricing") == "onDemand" ? ", reserved pricing for the always-on baseline)" : ")"));
        if (c.kind == Kind::AppServer && bn >= 0 && size_t(bn) != i
            && (comps[size_t(bn)].kind == Kind::Database || comps[size_t(bn)].kind == Kind::ReadReplica)
            && ev.components[size_t(bn)].utilization >= 0.8 && r.utilization < 0.5
            && (r.instances >= 3 || c.autoscale))
            warn("WRONG_LAYER", i, name + ": more app servers will not help; " + displayName(comps[size_t(bn)])
                                       + fmt(" is the bottleneck at %.0f%%", ev.components[size_t(bn)].utilization * 100));
        if (findParam(c.kind, "instanceType")) {
            const InstanceType *type = m_prep[i].instance;
            if (type && c.kind == Kind::Cache && c.number("workingSetGB") > r.instances * type->memoryGiB * 1.073741824)
                warn("WORKING_SET_EXCEEDS_RAM", i, name + fmt(": working set %.3g GB", c.number("workingSetGB"))
                                                       + fmt(" exceeds %.3g GB of cache memory", r.instances * type->memoryGiB * 1.073741824));
            if (type && c.kind == Kind::Database && c.number("workingSetGB") > type->memoryGiB * 1.073741824)
                warn("WORKING_SET_EXCEEDS_RAM", i, name + fmt(": working set %.3g GB", c.number("workingSetGB"))
                                                       + fmt(" exceeds %.3g GB of RAM: queries go to disk", type->memoryGiB * 1.073741824));
            if (type && type->burstBaseline < 1 && r.utilization > type->burstBaseline && isCompute(c))
                warn("BURSTABLE_BASELINE", i, name + fmt(": runs at %.0f%%", r.utilization * 100)
                                                  + fmt(", above the %.0f%% a ", type->burstBaseline * 100) + type->name
                                                  + " sustains: CPU credits will run out at a long peak");
        }
        if (c.autoscale && c.autoscale->targetUtilization > 0.8)
            warn("NO_HEADROOM", i, name + fmt(": auto-scaling targets %.0f%%; new instances take minutes, so keep the target at 60-70%%", c.autoscale->targetUtilization * 100));
        if (c.kind == Kind::Database && !c.flag("multiAz"))
            warn("SINGLE_AZ", i, name + ": runs in one availability zone; a zone outage takes it down (Multi-AZ doubles the instance price)");
        if (c.kind != Kind::Clients && r.arrivalRps <= 0 && m_perUser[i] == ClassRates{})
            warn("UNUSED", i, name + ": receives no traffic; connect it");
    }
    return ev;
}

Sweep Model::sweep(double from, double to, int points) const
{
    Sweep s;
    if (points < 1 || from <= 0 || to < from)
        return s;
    if (!ok())
        return s;
    s.wallUsers = m_wall;
    s.wallComponent = m_wallComponent;
    s.points.resize(size_t(points));
    auto usersAt = [&](int p) {
        return points == 1 ? from : from * std::pow(to / from, double(p) / (points - 1));
    };
    // Points are independent: a big sweep is split between the cores (a design whose hundreds
    // of components all differ takes tens of milliseconds on one), a small one stays on this
    // thread, where starting threads would cost more than it saves.
    const size_t work = m_lumps.size() * size_t(points);
    const unsigned cores = std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
    const int parts = work < 5000 ? 1 : int(std::min<size_t>(cores, size_t(points)));
    std::vector<std::jthread> helpers; // joined when they go out of scope, even on a throw
    for (int part = 1; part < parts; ++part) {
        const int first = points * part / parts, last = points * (part + 1) / parts;
        try {
            helpers.emplace_back([&, first, last] { sweepRange(usersAt, first, last, s); });
        } catch (const std::system_error &) {
            sweepRange(usersAt, first, last, s); // no thread to be had: on this one
        }
    }
    sweepRange(usersAt, 0, points / parts, s);
    helpers.clear();
    return s;
}

void Model::sweepRange(const std::function<double(int)> &usersAt, int first, int last,
                       Sweep &s) const
{
    const double dynamicPerUser = m_base[kRead] + m_base[kWrite];
    const double rtt = m_design.traffic.networkRttMs;
    std::vector<Station> st;
    std::vector<double> billed;
    LatencyScratch scratch;
    std::array<LatencyMixture, kClassCount> done;
    std::array<bool, kClassCount> invalid{};
    // The bottleneck is the first component in design order with the highest ρ among the
    // stations that carry traffic: the lump with the highest ρ, ties to the lower first member.
    std::vector<char> carries(m_lumps.size());
    for (size_t l = 0; l < m_lumps.size(); ++l) {
        carries[l] = totalOf(m_perUser[size_t(m_lumps[l].rep)]) > 0;
    }
    double guesses[3] = {0, 0, 0}; // the previous point's percentiles, where the next start
    for (int p = first; p < last; ++p) {
        const double users = usersAt(p);
        SweepPoint &pt = s.points[size_t(p)];
        pt.users = users;
        pt.demandRps = dynamicPerUser * users;
        pt.capacityRps = s.wallUsers ? *s.wallUsers * dynamicPerUser : 0;
        lumpStations(users, st);
        double worst = -1;
        for (size_t l = 0; l < m_lumps.size(); ++l) {
            const int rep = m_lumps[l].rep;
            if (st[l].station && carries[l]
                && (st[l].rho > worst || (st[l].rho == worst && rep < pt.bottleneck))) {
                worst = st[l].rho;
                pt.bottleneck = rep;
            }
        }
        std::vector<double> rho(st.size()), instances(st.size());
        for (size_t l = 0; l < st.size(); ++l) {
            rho[l] = st[l].rho;
            instances[l] = st[l].instances;
        }
        pt.utilization = PerComponent(m_lumpOf, std::move(rho));
        pt.instances = PerComponent(m_lumpOf, std::move(instances));
        propagateLatency(st, (1u << kRead) | (1u << kWrite), scratch, done, invalid);
        LatencyMixture &dynamic = done[kRead];
        dynamic.addAll(done[kWrite], 1.0);
        if (!dynamic.parts.empty() && !invalid[kRead] && !invalid[kWrite]) {
            pt.latency.valid = true;
            pt.latency.mean = dynamic.mean() + rtt;
            static constexpr double qs[] = {0.50, 0.95, 0.99};
            double out[3];
            dynamic.quantiles(qs, out, 3, guesses);
            std::copy(out, out + 3, guesses);
            pt.latency.p50 = out[0] + rtt;
            pt.latency.p95 = out[1] + rtt;
            pt.latency.p99 = out[2] + rtt;
        }
        billedByLump(users, billed);
        double usd = m_fixedUsd + m_perUserUsd * users;
        for (size_t l = 0; l < m_lumps.size(); ++l)
            usd += m_lumps[l].instanceUsd * billed[l];
        for (int t : m_lcuTerms)
            usd += costUnits(m_costTerms[size_t(t)], users, billed) * m_costTerms[size_t(t)].usdPerUnit;
        pt.monthlyCostUsd = usd;
        pt.costPerUserUsd = users > 0 ? pt.monthlyCostUsd / users : 0;
    }
}

} // namespace sc
