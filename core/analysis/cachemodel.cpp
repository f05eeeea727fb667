// The hit ratio of an LRU cache by Che's approximation (docs/model.md "Cache hit ratio,
// derived"): every key stays in the cache until it has gone unrequested for T_C, the
// characteristic time that makes the expected number of keys held equal the capacity.

#include "core/analysis/cachemodel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace sc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Ranks 1 … kExactRanks each their own bucket; beyond, buckets grow by kBucketRatio.
constexpr double kExactRanks = 100;
constexpr double kBucketRatio = 1.02;

// ∫₀ᵗ e^(−μs) ds: the expected time of [0, t] before the first invalidation.
double beforeInvalidation(double mu, double t)
{
    return mu > 0 ? -std::expm1(-mu * t) / mu : t;
}

// Mean lifetime of an entry from its insertion (a miss) to its eviction when its TTL (from
// insertion) exceeds tc: L = min(TTL, first invalidation, end of the first idle gap ≥ tc).
// The time G to the first idle gap ≥ tc is at least tc; its tail beyond tc is taken as
// exponential, with the rate that keeps E[min(G, invalidation)] exact (the closed form without
// a TTL), so the formula is exact for TTL ≤ tc and for no TTL, and continuous between.
double lifetimeBeyondTc(double lambda, double mu, double tc, double ttl)
{
    const double head = beforeInvalidation(mu, tc);
    const double x = (lambda + mu) * tc;
    const double exact = -std::expm1(-x) / (mu + lambda * std::exp(-x)); // no TTL
    const double tail = exact - head; // e^(−μ·tc) × the tail's mean m
    if (!(tail > 0))
        return head;
    const double reach = ttl - tc;
    const double m = tail / std::exp(-mu * tc);
    if (!std::isfinite(m)) // never idle for tc: only the TTL and invalidations end it
        return head + std::exp(-mu * tc) * reach;
    return head + tail * -std::expm1(-reach / m);
}

struct Bucket {
    double count = 0; // keys in it
    double share = 0; // request share of one of its keys
};

// Σ over ranks a … b of i^−α, by the midpoint rule ∫ from a − ½ to b + ½ (exact for a = b).
double zipfMass(double a, double b, double alpha)
{
    if (a == b)
        return std::pow(a, -alpha);
    const double lo = a - 0.5, span = std::log((b + 0.5) / lo);
    const double e = 1 - alpha;
    return std::pow(lo, e) * (e == 0 ? span : std::expm1(e * span) / e);
}

std::vector<Bucket> zipfBuckets(double keys, double alpha)
{
    std::vector<Bucket> out;
    double total = 0;
    for (double a = 1; a <= keys;) {
        const double b = a <= kExactRanks ? a : std::min(keys, std::floor(a * kBucketRatio));
        const double mass = zipfMass(a, b, alpha);
        out.push_back({b - a + 1, mass});
        total += mass;
        a = b + 1;
    }
    for (Bucket &k : out)
        k.share /= total * k.count;
    return out;
}

double occupancy(const std::vector<Bucket> &buckets, const CacheInputs &in, double tc)
{
    double held = 0;
    for (const Bucket &b : buckets)
        held += b.count *
                keyHitProbability(in.readRps * b.share, in.invalidationRps * b.share, tc, in.ttlS);
    return held;
}

// T_C: the idle time at which the keys held fill the capacity (∞ when they never do).
double characteristicTime(const std::vector<Bucket> &buckets, const CacheInputs &in)
{
    const double c = in.capacityKeys;
    if (c <= 0)
        return 0;
    if (c >= in.keys || occupancy(buckets, in, kInf) <= c)
        return kInf;
    // Below lo fewer than R·lo ≤ c/1000 keys can be held; double hi until they fill c.
    double lo = 1e-3 * c / in.readRps, hi = c / in.readRps;
    for (int k = 0; k < 2000 && occupancy(buckets, in, hi) < c; ++k)
        hi *= 2;
    for (int k = 0; k < 64; ++k) {
        const double mid = std::sqrt(lo * hi);
        (occupancy(buckets, in, mid) < c ? lo : hi) = mid;
    }
    return std::sqrt(lo * hi);
}

} // namespace

double keyHitProbability(double lambda, double mu, double tcS, double ttlS)
{
    if (!(lambda > 0) || !(tcS > 0))
        return 0;
    if (ttlS <= 0) { // Che with invalidations: the next request comes before tc and before a write
        const double keep = std::isinf(tcS) ? 1.0 : -std::expm1(-(lambda + mu) * tcS);
        return lambda / (lambda + mu) * keep;
    }
    // An entry lives L from its fill; the requests during it hit (λ·E[L] of them, Wald), the
    // one after it misses and fills again: h = λE[L] / (1 + λE[L]).
    const double life =
        ttlS <= tcS ? beforeInvalidation(mu, ttlS) : lifetimeBeyondTc(lambda, mu, tcS, ttlS);
    const double hits = lambda * life;
    return hits / (1 + hits);
}

CacheFigures cacheHitRatio(const CacheInputs &given)
{
    CacheInputs in = given;
    in.keys = std::max(1.0, std::floor(in.keys));
    CacheFigures out;
    if (!(in.readRps > 0)) {
        // Without a TTL the hit ratio does not depend on the rate (λ·T_C is scale-free): its
        // limit as reads → 0 is the ratio at any rate. With a TTL, or only writes, it is 0.
        if (in.ttlS > 0 || in.invalidationRps > 0)
            return out;
        in.readRps = 1;
    }
    const std::vector<Bucket> buckets = zipfBuckets(in.keys, in.zipfExponent);
    out.characteristicTimeS = characteristicTime(buckets, in);
    for (const Bucket &b : buckets) {
        const double h = keyHitProbability(in.readRps * b.share, in.invalidationRps * b.share,
                                           out.characteristicTimeS, in.ttlS);
        out.hitRatio += b.count * b.share * h;
        out.occupiedKeys += b.count * h;
    }
    out.hitRatio = std::clamp(out.hitRatio, 0.0, 1.0);
    return out;
}

double cacheCapacityKeys(double memoryBytes, double valueBytes)
{
    return std::floor(memoryBytes * kCacheUsableMemory / (valueBytes + kCacheBytesPerKey));
}

} // namespace sc
