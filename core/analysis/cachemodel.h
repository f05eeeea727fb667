#pragma once
// The hit ratio of an LRU cache with Zipf-distributed keys, a TTL and write invalidations, by
// Che's approximation (docs/model.md "Cache hit ratio, derived"). Formulas only: no design
// knowledge; core/analysis/datatier.cpp feeds them a cache component's figures.

namespace sc {

// What the hit ratio of one cache depends on.
struct CacheInputs {
    double keys = 1;            // distinct keys behind the cache (N ≥ 1)
    double capacityKeys = 1;    // entries the memory holds (C ≥ 0)
    double zipfExponent = 0.9;  // popularity of the key of rank i ∝ i^−α (α ≥ 0)
    double ttlS = 0;            // time to live from insertion, seconds; 0 = no expiry
    double readRps = 0;         // reads reaching the cache, req/s (all keys)
    double invalidationRps = 0; // writes deleting a key, per second (all keys, same popularity)
};

struct CacheFigures {
    double hitRatio = 0;            // share of reads that hit, 0–1
    double characteristicTimeS = 0; // Che's T_C: idle time after which LRU evicts (∞: never full)
    double occupiedKeys = 0;        // expected entries held (≤ capacityKeys)
};

// Che's approximation (Che, Tung, Wang 2002) with a TTL set at insertion and Poisson
// invalidations; keys grouped into log-spaced rank buckets (about 700 for 10⁸ keys), T_C found
// by bisection in log space. Microseconds per call whatever the number of keys.
CacheFigures cacheHitRatio(const CacheInputs &in);

// Hit probability of one key requested at `lambda`/s, invalidated at `mu`/s, with LRU idle
// eviction after `tcS` seconds (∞ allowed) and a TTL of `ttlS` seconds (0 = none).
double keyHitProbability(double lambda, double mu, double tcS, double ttlS);

// Entries of `valueBytes` each that `memoryBytes` of cache nodes hold: the usable memory
// (kCacheUsableMemory of it) over the value plus kCacheBytesPerKey of overhead.
double cacheCapacityKeys(double memoryBytes, double valueBytes);

// ElastiCache reserves 25% of a node's memory by default (reserved-memory-percent) for
// snapshots, replication buffers and fragmentation.
inline constexpr double kCacheUsableMemory = 0.75;
// Per entry beyond the value: the key (≈ 40 B), Redis' dictionary entry, object header and
// expiry entry (≈ 60 B). An assumption, stated in docs/model.md.
inline constexpr double kCacheBytesPerKey = 100;

} // namespace sc
