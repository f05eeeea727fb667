// Lumping: components with the same figures, the same load per user and routes into the same
// lumps behave alike at every user count, so the per-point work runs once per lump.

#include "core/analysis/prepared.h"
#include "core/analysis/probetable.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <map>
#include <numeric>
#include <span>

namespace sc::detail {
namespace {

// Components, each after everything its routes lead to: a depth-first post-order over the
// routes themselves, which also covers the misses a look-aside cache hands to the data tier
// without an edge of its own. False (with an error) if the routes go round in a loop.
bool orderSinksFirst(Prepared &p)
{
    const size_t n = p.design.components.size();
    std::vector<int> &post = p.sinksFirst;
    post.clear();
    post.reserve(n);
    std::vector<char> state(n, 0); // 0 new, 1 on the stack, 2 done
    std::vector<std::pair<int, size_t>> stack;
    auto successors = [&p](size_t u, size_t at) -> int {
        const std::span<const Out> outs = p.routing.allOutsOf(u);
        return at < outs.size() ? outs[at].target : -1;
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
                // checkTopology refuses loops, so routes cannot form one; refuse rather than guess.
                p.errors.push_back(
                    {"design.connections", "requests would go round in a loop through \"" +
                                               p.design.components[size_t(v)].id + "\""});
                return false;
            }
        }
    }
    return true;
}

// Per component, the first app server in the same region and zone when it is an app server
// (itself otherwise): what a look-aside miss's `via` stands for once the routes are lumped, where
// only the place a hop leaves from matters (hopMs). Misses that the app servers of one place send
// through a shared cache are then one route, not one per app server.
std::vector<int> viaPlaces(const Prepared &p)
{
    const auto &comps = p.design.components;
    std::vector<int> rep(comps.size());
    std::map<std::pair<int, int>, int> first;
    for (size_t i = 0; i < comps.size(); ++i) {
        rep[i] = int(i);
        if (comps[i].kind == Kind::AppServer)
            rep[i] = first.try_emplace({p.geo.regionOf[i], p.geo.zoneOf[i]}, int(i)).first->second;
    }
    return rep;
}

// Out lists with their targets replaced by lumps and each `via` by its place's (viaPlaces),
// fractions summed per (lump, class, via).
void lumpedOuts(const std::vector<int> &lumpOf, const std::vector<int> &viaRep,
                std::span<const Out> outs, std::vector<Out> &r)
{
    const auto byTarget = [](const Out &x, const Out &y) {
        return x.target != y.target ? x.target < y.target
               : x.cls != y.cls     ? x.cls < y.cls
                                    : x.via < y.via;
    };
    const auto same = [](const Out &x, const Out &y) {
        return x.target == y.target && x.cls == y.cls && x.via == y.via;
    };
    r.clear();
    // A long list (a global balancer over 1,250 regions) in order of (lump, class), then each
    // run of the same pair summed in its order of appearance, as the search below sums it:
    // the search would be quadratic (~7 M instructions an edit at 9,997 components).
    constexpr size_t kSearched = 16;
    if (outs.size() > kSearched) {
        r.assign(outs.begin(), outs.end());
        for (Out &o : r) {
            o.target = lumpOf[size_t(o.target)];
            o.edge = -1;
            o.via = o.via >= 0 ? viaRep[size_t(o.via)] : -1;
        }
        std::stable_sort(r.begin(), r.end(), byTarget);
        size_t kept = 0;
        for (size_t at = 0; at < r.size(); ++at) {
            if (kept > 0 && same(r[kept - 1], r[at]))
                r[kept - 1].fraction += r[at].fraction;
            else
                r[kept++] = r[at];
        }
        r.resize(kept);
        return;
    }
    for (Out o : outs) {
        o.target = lumpOf[size_t(o.target)];
        o.edge = -1;
        o.via = o.via >= 0 ? viaRep[size_t(o.via)] : -1;
        auto found =
            std::find_if(r.begin(), r.end(), [&o, &same](const Out &x) { return same(x, o); });
        if (found != r.end())
            found->fraction += o.fraction;
        else
            r.push_back(o);
    }
    std::sort(r.begin(), r.end(), byTarget);
}

// Route lists whose targets are lumps: per class its outs, then the jobs' (list kClassCount).
constexpr int kLists = kClassCount + 1;
using RouteLists = std::array<std::span<const Out>, kLists>;

// One component's route lists while it is lumped (kept from one component to the next).
struct LumpRoutes {
    std::array<std::vector<Out>, kLists> lists;

    RouteLists view() const
    {
        RouteLists v;
        for (int k = 0; k < kLists; ++k)
            v[size_t(k)] = lists[size_t(k)];
        return v;
    }
};

// While lumping, a new lump's route lists go to p.lumpOuts in the order lumps are
// found (lumpInterchangeable puts them in lumpOrder when done), and are read back from there.
void storeRoutes(Prepared &p, const LumpRoutes &r)
{
    auto &at = p.lumpOuts.at.emplace_back();
    for (int k = 0; k < kLists; ++k) {
        at[size_t(k)] = std::uint32_t(p.lumpOuts.store.size());
        p.lumpOuts.store.insert(p.lumpOuts.store.end(), r.lists[size_t(k)].begin(),
                                r.lists[size_t(k)].end());
    }
    at[kLists] = std::uint32_t(p.lumpOuts.store.size());
}

RouteLists storedRoutes(const Prepared &p, size_t lump)
{
    RouteLists v;
    for (int k = 0; k < kLists; ++k)
        v[size_t(k)] = p.outsOf(lump, k);
    return v;
}

// A component's signature: the bits of every figure its behaviour depends on, its routes
// already in terms of lumps.
void signatureOf(const Prepared &p, size_t i, const RouteLists &lists, std::uint64_t callers,
                 std::vector<std::uint64_t> &sig)
{
    const Component &c = p.design.components[i];
    const Prep &pr = p.prep[i];
    auto put = [&sig](double v) { sig.push_back(std::bit_cast<std::uint64_t>(v)); };
    sig.clear();
    sig.push_back(callers);
    put(double(c.kind));
    put(double(pr.type));
    for (double v : {pr.vcpu, pr.mixMs, pr.sigma, pr.kappa, pr.shard, pr.instances, pr.opsPerNode,
                     pr.fixedMs, pr.managedCapacity, p.routing.jobsPerWrite[i],
                     pr.perInstance ? 1.0 : 0.0, pr.serviceCv, pr.serviceScv, pr.burstBaseline})
        put(v);
    for (int k = 0; k < kClassCount; ++k) {
        put(pr.serviceMs[size_t(k)]);
        put(p.perUser(i)[size_t(k)]);
        put(p.routing.absorbed[i][size_t(k)]);
    }
    put(p.geo.regionOf[i]); // where it is: hops differ by place (geography.cpp)
    put(p.geo.zoneOf[i]);
    put(c.autoscale ? 1.0 : 0.0);
    if (c.autoscale) {
        put(c.autoscale->min);
        put(c.autoscale->max);
        put(c.autoscale->targetUtilization);
    }
    for (int k = 0; k < kClassCount; ++k) {
        put(-1.0 - k);
        for (const Out &o : lists[size_t(k)]) {
            put(o.target);
            put(double(o.cls));
            put(o.fraction);
        }
    }
    put(-10.0);
    for (const Out &o : lists[kClassCount]) {
        put(o.target);
        put(o.fraction);
    }
}

// The signature that decides a component's lump: signatureOf, unique when it is kept apart.
void fullSignatureOf(const Prepared &p, size_t i, const RouteLists &lists, std::uint64_t callers,
                     std::vector<std::uint64_t> &sig)
{
    signatureOf(p, i, lists, callers, sig);
    if (!p.apart.empty() && p.apart[i])
        sig.push_back(~std::uint64_t(i)); // a signature no other component has
}

// FNV-style, four lanes so the multiplies do not wait on each other.
std::uint64_t hashOf(const std::vector<std::uint64_t> &sig)
{
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
    return h0 ^ std::rotl(h1, 16) ^ std::rotl(h2, 32) ^ std::rotl(h3, 48);
}

// Lumps found so far, by signature hash. A lump's signature is written out (into `pool`) only
// when another component's hash matches it and the two must be compared, so a design whose
// components all differ stores none.
class LumpIndex
{
public:
    // Room for n lumps.
    explicit LumpIndex(size_t n)
        : m_table(n)
    {
        m_spans.reserve(n);
        m_hashes.reserve(n);
    }

    // The lump with exactly this signature, or −1; `signatureOfLump(l, out)` writes lump l's.
    template <class SignatureOfLump>
    int find(std::uint64_t hash, const std::vector<std::uint64_t> &sig,
             SignatureOfLump &&signatureOfLump)
    {
        return m_table.find(hash, [&](int lump) {
            if (m_hashes[size_t(lump)] != hash)
                return false;
            auto &[offset, length] = m_spans[size_t(lump)];
            if (length == kNotWritten) {
                signatureOfLump(lump, m_scratch);
                offset = m_pool.size();
                length = m_scratch.size();
                m_pool.insert(m_pool.end(), m_scratch.begin(), m_scratch.end());
            }
            return length == sig.size() &&
                   std::equal(sig.begin(), sig.end(), m_pool.begin() + long(offset));
        });
    }
    // Lump `lump` (numbered from 0 in the order added, at most n of them) has this hash.
    void add(int lump, std::uint64_t hash)
    {
        m_table.add(hash, lump);
        m_spans.push_back({0, kNotWritten});
        m_hashes.push_back(hash);
    }

private:
    static constexpr size_t kNotWritten = ~size_t(0);
    std::vector<std::uint64_t> m_pool, m_scratch;
    std::vector<std::pair<size_t, size_t>> m_spans; // per lump: offset and length in pool
    std::vector<std::uint64_t> m_hashes;            // per lump: its signature's hash
    ProbeTable m_table;                             // lumps by hash
};

Lump newLump(const Prepared &p, int rep, const RouteLists &lists)
{
    Lump lump;
    for (const auto &list : lists)
        for (const Out &o : list)
            lump.height = std::max(lump.height, p.lumps[size_t(o.target)].height + 1);
    lump.rep = rep;
    return lump;
}

// One bottom-up pass: components with the same signature (figures, routes into lumps and the
// class `callers` gives them) form a lump; its routes go to p.lumpOuts.store (storeRoutes).
// Each component's signature hash goes to `hashes` when given.
void lumpBottomUp(Prepared &p, const std::vector<std::uint64_t> &callers,
                  const std::vector<int> &viaRep, std::vector<std::uint64_t> *hashes = nullptr)
{
    const size_t n = p.design.components.size();
    p.lumps.clear();
    p.lumpOuts.clear();
    auto lumpOfShared = std::make_shared<std::vector<int>>(n, -1);
    std::vector<int> &lumpOf = *lumpOfShared;
    p.lumpOf = lumpOfShared;
    LumpIndex index(n);
    std::vector<std::uint64_t> sig;
    LumpRoutes r;
    for (int u : p.sinksFirst) {
        const size_t i = size_t(u);
        for (int k = 0; k < kClassCount; ++k)
            lumpedOuts(lumpOf, viaRep, p.routing.outsOf(i, k), r.lists[size_t(k)]);
        lumpedOuts(lumpOf, viaRep, p.routing.jobOutsOf(i), r.lists[kClassCount]);
        const RouteLists lists = r.view();
        fullSignatureOf(p, i, lists, callers[i], sig);
        const std::uint64_t hash = hashOf(sig);
        if (hashes)
            (*hashes)[i] = hash;
        int found = index.find(hash, sig, [&](int l, std::vector<std::uint64_t> &out) {
            // Any member's: they all have the lump's signature.
            const size_t rep = size_t(p.lumps[size_t(l)].rep);
            fullSignatureOf(p, rep, storedRoutes(p, size_t(l)), callers[rep], out);
        });
        if (found < 0) {
            found = int(p.lumps.size());
            p.lumps.push_back(newLump(p, int(i), lists));
            storeRoutes(p, r);
            index.add(found, hash);
        }
        Lump &lump = p.lumps[size_t(found)];
        lump.rep = std::min(lump.rep, int(i));
        ++lump.size;
        lumpOf[i] = found;
    }
}

// After an edit of a design whose components were each a lump of their own after the first
// round (Prepared::singletonHashes): the components the edit left as they were — their
// figures, load, absorbed shares and routes — keep their signatures, so only the others' are
// worked out. When every hash is still unique, each component is again a lump of its own, the
// lumps found in the same order (the routes lead to the same targets), as lumpBottomUp would
// find them; false (p to be lumped afresh) otherwise. (A carry keeps no component apart:
// carryFrom carries none of those models.)
bool carrySingletons(Prepared &p, const Carry &c, const std::vector<char> &redo,
                     const std::vector<int> &viaRep)
{
    const Prepared &was = *c.before;
    const size_t n = p.design.components.size();
    if (was.singletonHashes.size() != n || was.lumps.size() != n)
        return false;
    const Routing &now = p.routing, &then = was.routing;
    std::vector<char> touched(n, 0);
    for (size_t i = 0; i < n; ++i) {
        bool same = !redo[i] && sameBits(now.jobsPerWrite[i], then.jobsPerWrite[i]) &&
                    sameBits(now.absorbed[i], then.absorbed[i]);
        for (int k = 0; k < kLists; ++k) { // (list kClassCount: the jobs')
            const auto a = now.outs.of(i, k), b = then.outs.of(i, k);
            if (a.size() != b.size())
                return false;
            for (size_t j = 0; j < a.size(); ++j) {
                if (a[j].target != b[j].target || a[j].cls != b[j].cls || a[j].edge != b[j].edge ||
                    a[j].via != b[j].via)
                    return false;
                same = same && sameBits(a[j].fraction, b[j].fraction);
            }
        }
        touched[i] = !same;
    }
    // Every component its own lump, numbered as before (p is changed only once that holds).
    const std::vector<int> &lumpOf = *was.lumpOf;
    std::vector<std::uint64_t> hashes = was.singletonHashes;
    std::vector<std::uint64_t> sig;
    LumpRoutes r;
    auto lumped = [&](size_t i) {
        for (int k = 0; k < kLists; ++k)
            lumpedOuts(lumpOf, viaRep, now.outs.of(i, k), r.lists[size_t(k)]);
        return r.view();
    };
    for (size_t i = 0; i < n; ++i)
        if (touched[i]) {
            fullSignatureOf(p, i, lumped(i), 0, sig);
            hashes[i] = hashOf(sig);
        }
    ProbeTable unique(n);
    for (size_t i = 0; i < n; ++i) {
        const std::uint64_t h = hashes[i];
        if (unique.find(h, [&](int j) { return hashes[size_t(j)] == h; }) >= 0)
            return false; // maybe alike now (or only the hashes are): lumped afresh
        unique.add(h, int(i));
    }
    p.lumpOf = was.lumpOf;
    p.singletonHashes = std::move(hashes);
    p.lumpingCarried = true;
    p.sinksFirst = was.sinksFirst;
    p.lumps.clear();
    p.lumpOuts.clear();
    for (int u : p.sinksFirst) {
        const size_t i = size_t(u), l = size_t(lumpOf[i]);
        if (touched[i]) {
            lumped(i);
        } else {
            for (int k = 0; k < kLists; ++k) {
                const auto list = was.outsOf(l, k);
                r.lists[size_t(k)].assign(list.begin(), list.end());
            }
        }
        Lump lump;
        lump.rep = int(i);
        lump.size = 1;
        lump.height = was.lumps[l].height;
        p.lumps.push_back(lump);
        storeRoutes(p, r);
    }
    return true;
}

// Past a wall, what a component receives depends on what its callers serve, so the members of a
// lump must also be fed alike: from the same lumps, in the same shares. Gives every component
// the class of (its lump, where its requests come from); false when that splits no lump.
bool splitByCallers(const Prepared &p, std::vector<std::uint64_t> &callers)
{
    const size_t n = p.design.components.size();
    const std::vector<int> &lumpOf = *p.lumpOf;
    // Per component, where its requests come from: (the caller's lump, the class — −1 for jobs
    // —, the share) per route in, side by side in one block (counted, then filled).
    using Triple = std::array<std::uint64_t, 3>;
    auto eachRoute = [&](auto &&f) {
        auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
        for (size_t i = 0; i < n; ++i) {
            for (int k = 0; k < kClassCount; ++k)
                for (const Out &o : p.routing.outsOf(i, k))
                    f(size_t(o.target), Triple{bits(lumpOf[i]), bits(k), bits(o.fraction)});
            for (const Out &o : p.routing.jobOutsOf(i))
                f(size_t(o.target),
                  Triple{bits(lumpOf[i]), bits(-1), bits(o.fraction * p.routing.jobsPerWrite[i])});
        }
    };
    std::vector<std::uint32_t> at(n + 1, 0);
    eachRoute([&at](size_t to, const Triple &) { ++at[to + 1]; });
    std::partial_sum(at.begin(), at.end(), at.begin());
    std::vector<Triple> from(at[n]);
    std::vector<std::uint32_t> filled(at.begin(), at.end() - 1);
    eachRoute([&](size_t to, const Triple &t) { from[filled[to]++] = t; });
    auto callersOf = [&](size_t j) {
        return std::span<const Triple>(from.data() + at[j], from.data() + at[j + 1]);
    };
    // The classes of (lump, triples sorted — the order of the connections does not matter),
    // numbered in the order first met.
    ProbeTable classes(n);
    std::vector<size_t> firstOf; // per class, its first component
    std::vector<std::uint64_t> key;
    for (size_t j = 0; j < n; ++j) {
        std::sort(from.begin() + at[j], from.begin() + at[j + 1]);
        key.assign(1, std::uint64_t(lumpOf[j]));
        for (const Triple &t : callersOf(j))
            key.insert(key.end(), t.begin(), t.end());
        const std::uint64_t hash = hashOf(key);
        int found = classes.find(hash, [&](int c) {
            const size_t f = firstOf[size_t(c)];
            const auto a = callersOf(f), b = callersOf(j);
            return lumpOf[f] == lumpOf[j] && std::equal(a.begin(), a.end(), b.begin(), b.end());
        });
        if (found < 0) {
            found = int(firstOf.size());
            firstOf.push_back(j);
            classes.add(hash, found);
        }
        callers[j] = std::uint64_t(found);
    }
    return firstOf.size() > p.lumps.size();
}

// p.lumpOrder: the lumps by descending height, in index order within a height. An edge between
// lumps always climbs down in height, so this is a topological order of the lumps. (Counted into
// place, as a stable sort by height would put them: the sort was a hundredth of a rebuild.)
void orderByHeight(Prepared &p)
{
    int highest = 0;
    for (const Lump &lump : p.lumps)
        highest = std::max(highest, lump.height);
    std::vector<int> at(size_t(highest) + 2, 0); // per height from the highest down: its start
    for (const Lump &lump : p.lumps)
        ++at[size_t(highest - lump.height) + 1];
    std::partial_sum(at.begin(), at.end(), at.begin());
    p.lumpOrder.resize(p.lumps.size());
    for (size_t l = 0; l < p.lumps.size(); ++l)
        p.lumpOrder[size_t(at[size_t(highest - p.lumps[l].height)]++)] = int(l);
}

// What the per-point work reads of each lump's first member beyond its station (its scaling
// table, its shape at a fixed size): from `carry` (each component a lump of its own as before)
// where the station is the same, else worked out.
void prepareLumpStations(Prepared &p, const Carry *carry, const std::vector<char> *redo)
{
    for (const Lump &lump : p.lumps) {
        const size_t rep = size_t(lump.rep);
        if (carry && !(*redo)[rep]) {
            const Prep &was = carry->before->prep[rep];
            Prep &pr = p.prep[rep];
            pr.scaleSteps = was.scaleSteps;
            pr.scaleMin = was.scaleMin;
            pr.stepsRise = was.stepsRise;
            pr.hasFixedShape = was.hasFixedShape;
            pr.fixedShape = was.fixedShape;
            continue;
        }
        prepareScaling(p, rep);
        prepareFixedShape(p, rep);
    }
}

// The hold times a pool's check reads: its classes that arrive, and below them the classes
// their routes reach (lumpOrder has every lump before the lumps it sends to); and the walk over
// them (Prepared::holdSteps).
void prepareHoldSteps(Prepared &p)
{
    p.holdClasses.assign(p.lumps.size(), 0);
    for (int l : p.poolLumps)
        p.holdClasses[size_t(l)] = Prepared::kPoolMark;
    for (int l : p.poolLumps)
        for (int k = 0; k < kClassCount; ++k)
            if (!(p.perUser(size_t(p.lumps[size_t(l)].rep))[size_t(k)] <= 0))
                p.holdClasses[size_t(l)] |= std::uint8_t(1u << k);
    // A lump's classes are all marked when the walk reaches it (its callers come before it): its
    // steps are written then, last class first, and the list turned round at the end.
    p.holdSteps.clear();
    p.holdSteps.reserve(p.lumps.size() * 2);
    const Out *store = p.lumpOuts.store.data();
    for (int l : p.lumpOrder) {
        const unsigned marks = p.holdClasses[size_t(l)];
        for (int k = 0; k < kClassCount; ++k)
            if ((marks >> k) & 1u)
                for (const Out &o : p.outsOf(size_t(l), k))
                    p.holdClasses[size_t(o.target)] |= std::uint8_t(1u << int(o.cls));
        if (!(marks & ~unsigned(Prepared::kPoolMark)))
            continue;
        const bool pool = marks & Prepared::kPoolMark;
        const Prep *pr = pool ? &p.prep[size_t(p.lumps[size_t(l)].rep)] : nullptr;
        for (int k = kClassCount - 1; k >= 0; --k) {
            if (!((marks >> k) & 1u))
                continue;
            const auto outs = p.outsOf(size_t(l), k);
            const auto at = std::uint32_t(outs.data() - store);
            p.holdSteps.push_back({l, k, at, at + std::uint32_t(outs.size()),
                                   pool ? pr->serviceMs[size_t(k)] : 0.0, pool});
        }
    }
    std::reverse(p.holdSteps.begin(), p.holdSteps.end()); // sinks first
}

} // namespace

void lumpInterchangeable(Prepared &p, const Carry *carry, const std::vector<char> *redo)
{
    const size_t n = p.design.components.size();
    p.lumps.clear();
    p.singletonHashes.clear();
    p.lumpingCarried = false;
    const std::vector<int> viaRep = viaPlaces(p); // (once: the places do not change while lumping)
    const bool carried =
        carry && carry->before && redo && carrySingletons(p, *carry, *redo, viaRep);
    if (!carried) {
        p.lumpOf = std::make_shared<std::vector<int>>(n, -1);
        if (!orderSinksFirst(p))
            return;
        // Each round refines the last (a component's class includes its lump), so this ends;
        // alike designs need one round, designs alike below but fed differently a few.
        // (A round that leaves every component a lump of its own has nothing left to split.)
        std::vector<std::uint64_t> callers(n, 0);
        p.singletonHashes.assign(n, 0);
        lumpBottomUp(p, callers, viaRep, &p.singletonHashes);
        if (p.lumps.size() < n)
            p.singletonHashes.clear(); // kept only when every component is a lump of its own
        while (p.lumps.size() < n && splitByCallers(p, callers))
            lumpBottomUp(p, callers, viaRep);
    }
    prepareLumpStations(p, carried ? carry : nullptr, redo);
    orderByHeight(p);
    // The routes again, in lumpOrder (the per-point walks read them in that order).
    std::vector<Out> store;
    store.reserve(p.lumpOuts.store.size());
    std::vector<std::array<std::uint32_t, kLists + 1>> storeAt(p.lumps.size());
    p.outHopMs.clear();
    for (int l : p.lumpOrder) {
        const Lump &lump = p.lumps[size_t(l)];
        auto &at = storeAt[size_t(l)];
        for (int k = 0; k < kLists; ++k) {
            at[size_t(k)] = std::uint32_t(store.size());
            const auto list = p.outsOf(size_t(l), k);
            store.insert(store.end(), list.begin(), list.end());
            for (const Out &o : list)
                p.outHopMs.push_back(
                    hopMs(p, hopOrigin(o, lump.rep), p.lumps[size_t(o.target)].rep));
        }
        at[kLists] = std::uint32_t(store.size());
    }
    p.lumpOuts.store = std::move(store);
    p.lumpOuts.at = std::move(storeAt);
    p.flowOrder = p.lumpOrder;
    std::stable_partition(p.flowOrder.begin(), p.flowOrder.end(), [&p](int l) {
        return p.routing.primaryOf[size_t(p.lumps[size_t(l)].rep)] < 0;
    });
    p.poolLumps.clear();
    p.databaseLumps.clear();
    p.clientLumps.clear();
    p.lossLumps.clear();
    for (size_t l = 0; l < p.lumps.size(); ++l) {
        const ClassRates lost = lostOnRoute(p, size_t(p.lumps[l].rep));
        if (!(lost[kRead] <= 0 && lost[kWrite] <= 0))
            p.lossLumps.push_back(int(l));
        const Kind kind = p.prep[size_t(p.lumps[l].rep)].kind;
        if (kind == Kind::AppServer)
            p.poolLumps.push_back(int(l));
        else if (kind == Kind::Database)
            p.databaseLumps.push_back(int(l));
        else if (kind == Kind::Clients)
            p.clientLumps.push_back(int(l));
    }
    prepareHoldSteps(p);
}

} // namespace sc::detail
