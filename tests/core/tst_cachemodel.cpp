// Tests for core/analysis/cachemodel: Che's approximation of an LRU cache's hit ratio, with a
// TTL and write invalidations, against an LRU cache simulated here (seeded), and closed forms
// worked out by hand. Nothing expected is copied from the code under test.

#include "core/analysis/cachemodel.h"
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

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

// Clients → 4 c5.large app servers → (cache) → replica / db, flat day: `rps` dynamic requests
// per second at the peak, a share `writes` of them writes; a db.m5.large primary (reads 5 ms,
// writes 10 ms), the replica db.m5.large (reads 5 ms), no serial fraction. 4 × 25 threads open
// the 100 connections the primary accepts, so none is refused.
sc::Design dataDesign(double rps, double writes, bool cache, bool replica)
{
    using namespace sctest;
    sc::Design d;
    d.traffic = flat(rps * 86400, 1, writes);
    d.components = {make("u", sc::Kind::Clients),
                    make("app", sc::Kind::AppServer,
                         {{"instances", num(4)},
                          {"instanceType", text("c5.large")},
                          {"threadsPerInstance", num(25)}}),
                    make("db", sc::Kind::Database)};
    d.connections = {wire("u", "app"), wire("app", "db")};
    if (cache) {
        d.components.push_back(make("cache", sc::Kind::Cache));
        d.connections.push_back(wire("app", "cache"));
    }
    if (replica) {
        d.components.push_back(make("replica", sc::Kind::ReadReplica));
        d.connections.push_back(wire("app", "replica"));
    }
    return d;
}

sc::Component &componentOf(sc::Design &d, const char *id)
{
    return d.components[size_t(d.indexOf(id))];
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
    // The model: fills and invalidations, a derived ratio in routing, replicas' applied writes.
    void cacheFillsAndInvalidations();
    void derivedHitRatioRoutesMisses();
    void derivedHitRatioFollowsUsersWithTtl();
    void replicaAppliesWrites();
    void replicaOfShardedPrimary();
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

void TestCacheModel::cacheFillsAndInvalidations()
{
    // 1,000 req/s, 5% writes: 950 reads at 90% hits → 95 misses, each a set (fill); 50 writes,
    // each a delete (invalidation). The node's ops: 950 + 95 + 50 = 1,095 of 100,000/s.
    const sc::Design d = dataDesign(1000, 0.05, true, false);
    const sc::Evaluation ev = sc::Model(d, sc::Catalog::builtin()).evaluate(d.traffic.users);
    const sc::ComponentResult *cache = sctest::resultOf(ev, "cache");
    const sc::ComponentResult *db = sctest::resultOf(ev, "db");
    QVERIFY(cache && db);
    QCOMPARE_LT(std::fabs(cache->arrivals[1] - 950), 1e-9);
    QCOMPARE_LT(std::fabs(cache->cacheFillRps - 95), 1e-9);
    QCOMPARE_LT(std::fabs(cache->cacheInvalidationRps - 50), 1e-9);
    QCOMPARE_LT(std::fabs(cache->arrivals[2] - 145), 1e-9);
    QCOMPARE_LT(std::fabs(cache->utilization - 1095 / 1e5), 1e-12);
    QCOMPARE(cache->hitRatio, 0.9);
    // The fills are the cache's work, not users' requests: the database still sees the misses
    // and the writes, and every request is served.
    QCOMPARE_LT(std::fabs(db->arrivals[1] - 95), 1e-9);
    QCOMPARE_LT(std::fabs(db->arrivals[2] - 50), 1e-9);
    QCOMPARE_LT(std::fabs(ev.goodputRps - 1000), 1e-9);
}

void TestCacheModel::derivedHitRatioRoutesMisses()
{
    // Uniform keys (α 0), no TTL, no writes: Che's h = C/N exactly. One cache.t3.medium:
    // C = ⌊0.75 × memory / (900 + 100 B)⌋ of N = 10⁷ keys; of 100 reads/s the misses reach the
    // database.
    sc::Design d = dataDesign(100, 0, true, false);
    componentOf(d, "cache").params = {{"hitRatioFrom", sctest::text("derived")},
                                      {"zipfExponent", sctest::num(0)},
                                      {"ttlS", sctest::num(0)},
                                      {"valueBytes", sctest::num(900)},
                                      {"keys", sctest::num(1e7)}};
    const sc::InstanceType *node = sc::Catalog::builtin().instance("cache.t3.medium");
    QVERIFY(node);
    const double c = std::floor(0.75 * node->memoryGiB * 1073741824.0 / 1000);
    const double h = c / 1e7;
    const sc::Evaluation ev = sc::Model(d, sc::Catalog::builtin()).evaluate(d.traffic.users);
    const sc::ComponentResult *cache = sctest::resultOf(ev, "cache");
    const sc::ComponentResult *db = sctest::resultOf(ev, "db");
    QVERIFY(cache && db);
    QCOMPARE_LT(std::fabs(cache->hitRatio - h), 1e-9);
    QCOMPARE_LT(std::fabs(db->arrivals[1] - 100 * (1 - h)), 1e-6);
    QCOMPARE_LT(std::fabs(cache->cacheFillRps - 100 * (1 - h)), 1e-6);
}

void TestCacheModel::derivedHitRatioFollowsUsersWithTtl()
{
    // 1,000 uniform keys that all fit, TTL 10 s, no writes: a pure TTL cache, each key read at
    // λ = R/1000 and h = λ·TTL / (1 + λ·TTL). R = 50/s: λ·TTL = 0.5, h = 1/3; four times the
    // users (R = 200/s): λ·TTL = 2, h = 2/3. The database (db.m5.large, 2 vCPU, reads 5 ms)
    // runs at R(1 − h) × 5 ms / 2: 50·(2/3)·0.0025 = 1/12, 200·(1/3)·0.0025 = 1/6.
    sc::Design d = dataDesign(50, 0, true, false);
    componentOf(d, "cache").params = {{"hitRatioFrom", sctest::text("derived")},
                                      {"zipfExponent", sctest::num(0)},
                                      {"ttlS", sctest::num(10)},
                                      {"keys", sctest::num(1000)}};
    const sc::Model m(d, sc::Catalog::builtin());
    const double users = d.traffic.users;
    const sc::Evaluation low = m.evaluate(users), high = m.evaluate(4 * users);
    QCOMPARE_LT(std::fabs(sctest::resultOf(low, "cache")->hitRatio - 1.0 / 3), 1e-12);
    QCOMPARE_LT(std::fabs(sctest::resultOf(high, "cache")->hitRatio - 2.0 / 3), 1e-12);
    QCOMPARE_LT(std::fabs(sctest::resultOf(high, "db")->utilization - 1.0 / 6), 1e-12);
    // The sweep's points follow the hit ratio of their own user count.
    const sc::Sweep s = m.sweep(users, 4 * users, 2);
    QCOMPARE(s.points.size(), size_t(2));
    const int db = d.indexOf("db");
    QCOMPARE_LT(std::fabs(s.points[0].utilization[size_t(db)] - 1.0 / 12), 1e-12);
    QCOMPARE_LT(std::fabs(s.points[1].utilization[size_t(db)] - 1.0 / 6), 1e-12);
}

void TestCacheModel::replicaAppliesWrites()
{
    // 200 req/s, 10% writes: the replica takes the 180 reads and applies the primary's 20
    // writes at 0.5 × 10 ms = 5 ms; its reads take 5 ms: 200/s × 5 ms over 2 vCPU → ρ 0.5
    // (reads alone: 0.45). One M/M/2 at ρ 0.5: Erlang C = 1/3, the wait (1/3) × 5 / (2 × 0.5)
    // = 5/3 ms; the delay = ship 10 + apply 5 + 5/3 = 16.67 ms.
    const sc::Design d = dataDesign(200, 0.1, false, true);
    const sc::Evaluation ev = sc::Model(d, sc::Catalog::builtin()).evaluate(d.traffic.users);
    const sc::ComponentResult *replica = sctest::resultOf(ev, "replica");
    QVERIFY(replica);
    QCOMPARE_LT(std::fabs(replica->arrivals[1] - 180), 1e-9);
    QCOMPARE_LT(std::fabs(replica->arrivals[2] - 20), 1e-9);
    QCOMPARE_LT(std::fabs(replica->appliedWriteRps - 20), 1e-9);
    QCOMPARE_LT(std::fabs(replica->utilization - 0.5), 1e-12);
    QVERIFY(replica->replicationDelayMs);
    QCOMPARE_LT(std::fabs(*replica->replicationDelayMs - (10 + 5 + 5.0 / 3)), 1e-9);
    // The wall: the replica reaches ρ 1 at 400 req/s = twice these users (it was 444 with
    // reads alone); the primary's writes (40 × 10 ms / 2) are far from it.
    QVERIFY(ev.maxUsers);
    QCOMPARE_LT(std::fabs(*ev.maxUsers / d.traffic.users - 2), 1e-9);
    // Two replica instances each apply every write: 40 applied, 180 reads split between them.
    sc::Design two = d;
    componentOf(two, "replica").params["instances"] = sctest::num(2);
    const sc::Evaluation ev2 = sc::Model(two, sc::Catalog::builtin()).evaluate(d.traffic.users);
    QCOMPARE_LT(std::fabs(sctest::resultOf(ev2, "replica")->arrivals[2] - 40), 1e-9);
    QCOMPARE_LT(std::fabs(sctest::resultOf(ev2, "replica")->utilization - 220 * 0.005 / 4), 1e-12);
}

void TestCacheModel::replicaOfShardedPrimary()
{
    // A primary of 4 shards with skew 1.2: the replica copies the hottest shard, 20 × 1.2 / 4 =
    // 6 writes/s; an apply cost of 0.2 makes each 2 ms.
    sc::Design d = dataDesign(200, 0.1, false, true);
    componentOf(d, "db").params = {{"shards", sctest::num(4)}, {"shardSkew", sctest::num(1.2)}};
    componentOf(d, "replica").params = {{"applyCostFraction", sctest::num(0.2)}};
    const sc::Evaluation ev = sc::Model(d, sc::Catalog::builtin()).evaluate(d.traffic.users);
    const sc::ComponentResult *replica = sctest::resultOf(ev, "replica");
    QVERIFY(replica);
    QCOMPARE_LT(std::fabs(replica->arrivals[2] - 6), 1e-9);
    QCOMPARE_LT(std::fabs(replica->utilization - (180 * 0.005 + 6 * 0.002) / 2), 1e-12);
}

QTEST_GUILESS_MAIN(TestCacheModel)
#include "tst_cachemodel.moc"
