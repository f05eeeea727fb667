// Tests for core/analysis/cachemodel: Che's approximation of an LRU cache's hit ratio, with a
// TTL and write invalidations, against an LRU cache simulated here (seeded), and closed forms
// worked out by hand. Nothing expected is copied from the code under test.

#include "core/analysis/cachemodel.h"

#include <QTest>

#include <cmath>
#include <cstdint>
#include <list>
#include <queue>
#include <random>
#include <unordered_map>
#include <vector>

namespace {

struct SimCase {
    int keys = 10000;
    int capacity = 1000;
    double zipf = 0.8;
    double readRps = 1000;
    double writeRps = 0; // invalidations, keys drawn from the same popularity
    double ttlS = 0;     // 0: none; from insertion, not refreshed by hits
    int requests = 400000;
    int warmup = 100000;
};

// An LRU cache of `capacity` entries fed Poisson reads and writes (independent streams) over
// Zipf keys; a read hits when the key is held and its TTL has not run out; a miss inserts it
// (evicting the least recently used entry when full); a write deletes the key; expired entries
// free their place when they expire (Redis' expiry). Returns the share of reads that hit after
// the warm-up.
double simulateLru(const SimCase &c, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<double> weights(size_t(c.keys));
    for (int i = 0; i < c.keys; ++i)
        weights[size_t(i)] = std::pow(double(i + 1), -c.zipf);
    std::discrete_distribution<int> key(weights.begin(), weights.end());
    std::exponential_distribution<double> readGap(c.readRps);
    std::exponential_distribution<double> writeGap(c.writeRps > 0 ? c.writeRps : 1.0);
    struct Entry {
        std::list<int>::iterator at;
        double inserted;
    };
    std::list<int> lru; // front: most recent
    std::unordered_map<int, Entry> held;
    using Expiry = std::pair<double, int>; // (time, key)
    std::priority_queue<Expiry, std::vector<Expiry>, std::greater<>> expiries;
    auto drop = [&](int k) {
        auto it = held.find(k);
        if (it != held.end()) {
            lru.erase(it->second.at);
            held.erase(it);
        }
    };
    double now = 0, nextWrite = c.writeRps > 0 ? writeGap(rng) : INFINITY;
    long hits = 0, counted = 0;
    for (int r = 0; r < c.requests; ++r) {
        now += readGap(rng);
        for (; nextWrite < now; nextWrite += writeGap(rng))
            drop(key(rng));
        while (c.ttlS > 0 && !expiries.empty() && expiries.top().first <= now) {
            const auto [t, k] = expiries.top();
            expiries.pop();
            auto it = held.find(k);
            if (it != held.end() && it->second.inserted + c.ttlS == t)
                drop(k);
        }
        const int k = key(rng);
        auto it = held.find(k);
        const bool hit = it != held.end();
        if (r >= c.warmup) {
            ++counted;
            hits += hit ? 1 : 0;
        }
        if (hit) {
            lru.splice(lru.begin(), lru, it->second.at);
            continue;
        }
        if (int(held.size()) >= c.capacity) {
            held.erase(lru.back());
            lru.pop_back();
        }
        lru.push_front(k);
        held[k] = {lru.begin(), now};
        if (c.ttlS > 0)
            expiries.push({now + c.ttlS, k});
    }
    return double(hits) / double(counted);
}

double modelHit(const SimCase &c)
{
    sc::CacheInputs in;
    in.keys = c.keys;
    in.capacityKeys = c.capacity;
    in.zipfExponent = c.zipf;
    in.readRps = c.readRps;
    in.invalidationRps = c.writeRps;
    in.ttlS = c.ttlS;
    return sc::cacheHitRatio(in).hitRatio;
}

} // namespace

class TestCacheModel : public QObject
{
    Q_OBJECT
private slots:
    void againstSimulatedLru_data();
    void againstSimulatedLru();
    void closedForms();
    void scaleFreeWithoutTtl();
    void manyKeysAreCheap();
    void capacityFromMemory();
};

void TestCacheModel::againstSimulatedLru_data()
{
    QTest::addColumn<double>("zipf");
    QTest::addColumn<double>("writeRps");
    QTest::addColumn<double>("ttlS");
    // 10,000 keys, 1,000 entries, 1,000 reads/s. Without a TTL, T_C is about 1.5 s at α 0.8
    // and 2.4 s at α 1 (worked out from Σ 1 − e^(−λ_i·T) = 1,000). A TTL of 1 s at α 0.8 or 2 s
    // at α 1 leaves the cache never full (a pure TTL cache); 2 s at α 0.8 and 3 s at α 1 end
    // entries after LRU would have (TTL > T_C: the approximated regime).
    QTest::newRow("lru zipf 0.8") << 0.8 << 0.0 << 0.0;
    QTest::newRow("lru zipf 1.0") << 1.0 << 0.0 << 0.0;
    QTest::newRow("ttl 1 s, zipf 0.8 (never full)") << 0.8 << 0.0 << 1.0;
    QTest::newRow("ttl 2 s, zipf 1.0 (never full)") << 1.0 << 0.0 << 2.0;
    QTest::newRow("ttl 2 s, zipf 0.8") << 0.8 << 0.0 << 2.0;
    QTest::newRow("ttl 3 s, zipf 1.0") << 1.0 << 0.0 << 3.0;
    QTest::newRow("writes 10%, zipf 0.8") << 0.8 << 100.0 << 0.0;
    QTest::newRow("writes 30%, zipf 1.0") << 1.0 << 300.0 << 0.0;
    QTest::newRow("writes 10% and ttl 2 s, zipf 0.8") << 0.8 << 100.0 << 2.0;
    QTest::newRow("writes 50% and ttl 1 s, zipf 1.0") << 1.0 << 500.0 << 1.0;
}

void TestCacheModel::againstSimulatedLru()
{
    QFETCH(double, zipf);
    QFETCH(double, writeRps);
    QFETCH(double, ttlS);
    SimCase c;
    c.zipf = zipf;
    c.writeRps = writeRps;
    c.ttlS = ttlS;
    const double sim = simulateLru(c, 20261130);
    const double model = modelHit(c);
    QVERIFY2(std::fabs(model - sim) <= 0.02,
             qPrintable(QStringLiteral("model %1, simulation %2").arg(model).arg(sim)));
}

void TestCacheModel::closedForms()
{
    // Without a TTL or writes, Che: h = 1 − e^(−λ·T_C). λ = 2/s, T_C = 0.5 s → 1 − e^(−1).
    QVERIFY(std::fabs(sc::keyHitProbability(2, 0, 0.5, 0) - (1 - std::exp(-1.0))) < 1e-12);
    // Invalidated at μ: the next read must come before T_C and before a write:
    // ∫₀^T λe^(−(λ+μ)t) dt = λ/(λ+μ)·(1 − e^(−(λ+μ)T)). λ 3, μ 1, T 0.5 → 0.75·(1 − e^(−2)).
    QVERIFY(std::fabs(sc::keyHitProbability(3, 1, 0.5, 0) - 0.75 * (1 - std::exp(-2.0))) < 1e-12);
    // A pure TTL cache (T_C = ∞): each fill is followed by λ·TTL hits on average, so
    // h = λ·TTL / (1 + λ·TTL); λ 0.5/s, TTL 6 s → 3/4.
    QVERIFY(std::fabs(sc::keyHitProbability(0.5, 0, INFINITY, 6) - 0.75) < 1e-12);
    // TTL and writes: hits per fill λ·(1 − e^(−μ·TTL))/μ; λ 1, μ 0.5, TTL 2 → 2(1 − e^(−1)).
    const double hits = 2 * (1 - std::exp(-1.0));
    QVERIFY(std::fabs(sc::keyHitProbability(1, 0.5, INFINITY, 2) - hits / (1 + hits)) < 1e-12);
    // A TTL far beyond T_C changes nothing: the Che value.
    QVERIFY(std::fabs(sc::keyHitProbability(2, 0, 0.5, 1e9) - (1 - std::exp(-1.0))) < 1e-9);
    // Every key fits: each read after the first hits (no TTL, no writes).
    sc::CacheInputs in;
    in.keys = 500;
    in.capacityKeys = 1000;
    in.readRps = 10;
    QCOMPARE(sc::cacheHitRatio(in).hitRatio, 1.0);
    // Uniform popularity (α 0), C of N: every key is held with probability C/N, so h = C/N.
    in.keys = 1000;
    in.capacityKeys = 250;
    in.zipfExponent = 0;
    QVERIFY(std::fabs(sc::cacheHitRatio(in).hitRatio - 0.25) < 1e-6);
    // No memory, no hits.
    in.capacityKeys = 0;
    QCOMPARE(sc::cacheHitRatio(in).hitRatio, 0.0);
}

void TestCacheModel::scaleFreeWithoutTtl()
{
    // λ_i·T_C does not depend on the rate without a TTL: ten times the reads (and writes),
    // the same hit ratio; with a TTL, more reads per TTL hit more.
    sc::CacheInputs in;
    in.keys = 1e6;
    in.capacityKeys = 5e4;
    in.readRps = 100;
    in.invalidationRps = 5;
    const double slow = sc::cacheHitRatio(in).hitRatio;
    in.readRps = 1000;
    in.invalidationRps = 50;
    QVERIFY(std::fabs(sc::cacheHitRatio(in).hitRatio - slow) < 1e-9);
    in.ttlS = 60;
    const double fast = sc::cacheHitRatio(in).hitRatio;
    in.readRps = 100;
    in.invalidationRps = 5;
    QVERIFY(sc::cacheHitRatio(in).hitRatio < fast);
}

void TestCacheModel::manyKeysAreCheap()
{
    // 10⁸ keys are grouped into rank buckets (no per-key work: a loop over 10⁸ keys here would
    // take seconds); at α 1 and 1% of them held the hit ratio is about
    // ln(C)/ln(N) ≈ ln(10⁶)/ln(10⁸) = 0.75 (the harmonic numbers' ratio, keys held ≈ the
    // most popular C): Che's value is a little below, never above the static top-C share.
    sc::CacheInputs in;
    in.keys = 1e8;
    in.capacityKeys = 1e6;
    in.zipfExponent = 1;
    in.readRps = 1e5;
    const double top = (std::log(1e6) + 0.5772156649) / (std::log(1e8) + 0.5772156649);
    const double h = sc::cacheHitRatio(in).hitRatio;
    QVERIFY2(h < top && h > top - 0.1, qPrintable(QString::number(h)));
}

void TestCacheModel::capacityFromMemory()
{
    // A 3.09 GiB node: 3.09 × 2³⁰ × 0.75 usable bytes over 900 + 100 bytes per entry.
    const double bytes = 3.09 * 1073741824.0;
    QCOMPARE(sc::cacheCapacityKeys(bytes, 900), std::floor(bytes * 0.75 / 1000));
}

QTEST_GUILESS_MAIN(TestCacheModel)
#include "tst_cachemodel.moc"
