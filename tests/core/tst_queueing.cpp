// Tests for core/analysis/queueing: Erlang C, the USL speedup, M/M/c stations, latency
// mixtures, and the percentile approximation checked against a discrete-event simulation.
// Every expected figure is computed here independently (reference formula, closed form, or
// simulation); none is copied from the code under test.

#include "core/analysis/queueing.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numeric>
#include <queue>
#include <random>
#include <vector>

namespace {

// Erlang C through the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)), B(0) = 1, then
// C = B / (1 − ρ(1 − B)) (Cooper, "Introduction to Queueing Theory", §3.4). long double keeps
// the reference ~3 digits ahead of the double under test and away from underflow.
long double referenceErlangC(std::int64_t c, long double a)
{
    long double b = 1;
    for (std::int64_t k = 1; k <= c; ++k)
        b = a * b / (static_cast<long double>(k) + a * b);
    const long double rho = a / static_cast<long double>(c);
    return b / (1 - rho * (1 - b));
}

bool relativelyClose(double got, double expected, double rel)
{
    return std::fabs(got - expected) <= rel * std::fabs(expected);
}

// Customers arrive at `arrivals` (ms, any order) at an FCFS station with `servers` servers and
// exponential service of mean `serviceMs`; returns each customer's departure time (same index).
// FCFS with c servers: in order of arrival, each customer takes the server that frees first.
std::vector<double> simulateFcfsStation(const std::vector<double> &arrivals, int servers,
                                        double serviceMs, std::mt19937_64 &rng)
{
    std::vector<std::size_t> order(arrivals.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t l, std::size_t r) { return arrivals[l] < arrivals[r]; });
    std::priority_queue<double, std::vector<double>, std::greater<>> freeAt;
    for (int i = 0; i < servers; ++i)
        freeAt.push(0.0);
    std::exponential_distribution<double> service(1.0 / serviceMs);
    std::vector<double> departures(arrivals.size());
    for (std::size_t i : order) {
        const double start = std::max(arrivals[i], freeAt.top());
        freeAt.pop();
        const double done = start + service(rng);
        freeAt.push(done);
        departures[i] = done;
    }
    return departures;
}

// Poisson arrival times (ms) at `perMs` arrivals per millisecond.
std::vector<double> poissonArrivals(std::size_t n, double perMs, std::mt19937_64 &rng)
{
    std::exponential_distribution<double> gap(perMs);
    std::vector<double> t(n);
    double now = 0;
    for (double &x : t) {
        now += gap(rng);
        x = now;
    }
    return t;
}

// Empirical q-quantile (order statistic ⌊q·(n−1)⌋); `v` is reordered.
double empiricalQuantile(std::vector<double> &v, double q)
{
    const auto k = static_cast<std::ptrdiff_t>(q * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + k, v.end());
    return v[static_cast<std::size_t>(k)];
}

// The q-quantile of `mix` as the least t with cdf(t) ≥ q, by plain bisection on cdf(): the
// bracket [lo, hi] keeps cdf(lo) < q ≤ cdf(hi) and halves until no double lies between them.
double bisectQuantile(const sc::LatencyMixture &mix, double q)
{
    double lo = 0, hi = 1;
    while (mix.cdf(hi) < q)
        hi *= 2;
    if (mix.cdf(lo) >= q)
        return lo;
    for (int i = 0; i < 2000; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi)
            break;
        (mix.cdf(mid) < q ? lo : hi) = mid;
    }
    return hi;
}

// A gamma law of shape k and mean m as a mixture part (variance m²/k).
sc::MixturePart gammaPart(double weight, double mean, double shape)
{
    return {weight, mean, mean * mean / shape};
}

constexpr std::size_t kWarmup = 50'000;      // customers dropped while the queue fills
constexpr std::size_t kMeasured = 2'500'000; // customers measured per simulated case
constexpr std::uint64_t kSeed = 20240611;
constexpr double kPercentileTolerance = 0.10;

} // namespace

class TestQueueing : public QObject
{
    Q_OBJECT

private slots:
    void erlangCMatchesReference_data();
    void erlangCMatchesReference();
    void erlangCHandCases();
    void erlangCEdges();
    void uslSpeedup();
    void roundToIntegerIsLlround();
    void mmcStation();
    void mmcUnstable();
    void mixServiceScv();
    void mgcPollaczekKhinchine();
    void mmcResponseTailMm1();
    void mmcResponseTailIntegratesToMean();
    void mixtureQuantiles();
    void mixtureMergeKeepsMoments();
    void mixtureQuantilesByBisection_data();
    void mixtureQuantilesByBisection();
    void pointMassQuantilesClosedForm();
    void wilsonHilfertyNearExactGamma();
    void quantileOnPlateau();
    void quantileOfNaNPart();
    void gammaPKnownValues();
    void simulatedStation_data();
    void simulatedStation();
    void simulatedTandem();
};

// Erlang C vs the Erlang B recursion in long double, 1e-9 relative (1e-300 absolute where the
// reference underflows double), c up to 10^5 and ρ up to 0.999.
void TestQueueing::erlangCMatchesReference_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("rho");
    const qint64 servers[] = {1, 2, 3, 5, 10, 50, 100, 1000, 10'000, 100'000};
    const double rhos[] = {0.01, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999};
    for (qint64 c : servers)
        for (double rho : rhos)
            QTest::addRow("c=%lld rho=%g", static_cast<long long>(c), rho) << c << rho;
}

void TestQueueing::erlangCMatchesReference()
{
    QFETCH(qint64, servers);
    QFETCH(double, rho);
    const double a = rho * double(servers);
    const long double ref = referenceErlangC(servers, static_cast<long double>(a));
    const double got = sc::erlangC(servers, a);
    QVERIFY(std::isfinite(got));
    const double err = std::fabs(static_cast<double>(static_cast<long double>(got) - ref));
    const double allowed = ref < 1e-300L ? 1e-300 : 1e-9 * static_cast<double>(ref);
    QVERIFY2(err <= allowed, qPrintable(QStringLiteral("erlangC(%1, %2) = %3, reference %4")
                                            .arg(servers)
                                            .arg(a, 0, 'g', 17)
                                            .arg(got, 0, 'g', 17)
                                            .arg(static_cast<double>(ref), 0, 'g', 17)));
}

// Closed forms: M/M/1 waits with probability ρ; M/M/2 with 2ρ²/(1+ρ) (Kleinrock, Vol. I §3.5).
void TestQueueing::erlangCHandCases()
{
    for (double rho : {0.001, 0.2, 0.5, 0.75, 0.9, 0.999}) {
        QVERIFY(relativelyClose(sc::erlangC(1, rho), rho, 1e-12));
        QVERIFY(relativelyClose(sc::erlangC(2, 2 * rho), 2 * rho * rho / (1 + rho), 1e-12));
    }
}

// No load never waits; a = c or more saturates (documented in queueing.h).
void TestQueueing::erlangCEdges()
{
    QCOMPARE(sc::erlangC(1, 0.0), 0.0);
    QCOMPARE(sc::erlangC(1000, 0.0), 0.0);
    QCOMPARE(sc::erlangC(1, 1.0), 1.0);
    QCOMPARE(sc::erlangC(4, 4.0), 1.0);
    QCOMPARE(sc::erlangC(4, 9.5), 1.0);
    QCOMPARE(sc::erlangC(1'000'000, 1e6), 1.0);
}

// USL c/(1+σ(c−1)+κc(c−1)): scaling-facts.md case 3 (σ=5%: ~16.8× at 100, never 20×) and rule
// of thumb (128 vs 4 cores = 4.8× with σ≈0.053); with κ>0 the peak is at c* = √((1−σ)/κ)
// (d/dc of the formula vanishes where κc² = 1−σ).
// The sweep's inline rounding agrees with std::llround (halves away from zero) everywhere it is
// defined: ties, the doubles next to them, and past 2^52 where every double is whole.
void TestQueueing::roundToIntegerIsLlround()
{
    std::vector<double> xs = {0.0,
                              -0.0,
                              0.5,
                              1.5,
                              2.5,
                              -0.5,
                              -1.5,
                              -2.5,
                              1e-300,
                              7.0,
                              4.0 / 3,
                              4503599627370495.5,
                              4503599627370496.0,
                              9007199254740993.0,
                              1e18};
    for (double x : std::vector<double>(xs)) {
        xs.push_back(std::nextafter(x, 0.0));
        xs.push_back(std::nextafter(x, 1e300));
        xs.push_back(-x);
    }
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> wide(-1e6, 1e6);
    for (int i = 0; i < 10000; ++i)
        xs.push_back(i % 2 ? wide(random) : std::round(wide(random)) + 0.5);
    for (double x : xs)
        QVERIFY2(sc::roundToInteger(x) == std::llround(x), qPrintable(QString::number(x, 'g', 17)));
}

void TestQueueing::uslSpeedup()
{
    const double s100 = sc::uslSpeedup(100, 0.05, 0);
    QVERIFY(relativelyClose(s100, 100.0 / (1 + 0.05 * 99), 1e-12));
    QVERIFY(std::fabs(s100 - 16.8) < 0.05);
    for (double c : {1.0, 10.0, 1e3, 1e6})
        QVERIFY(sc::uslSpeedup(c, 0.05, 0) < 20);
    QVERIFY(sc::uslSpeedup(1e6, 0.05, 0) > 19.99);
    QCOMPARE(sc::uslSpeedup(1, 0.3, 0.01), 1.0);
    QCOMPARE(sc::uslSpeedup(64, 0, 0), 64.0);

    const double ratio = sc::uslSpeedup(128, 0.053, 0) / sc::uslSpeedup(4, 0.053, 0);
    QVERIFY2(std::fabs(ratio / 4.8 - 1) < 0.05, qPrintable(QString::number(ratio)));

    const double sigma = 0.02, kappa = 1e-4;
    const double peak = std::sqrt((1 - sigma) / kappa);
    const double atPeak = sc::uslSpeedup(peak, sigma, kappa);
    double bestC = 1, best = 0;
    for (double c = 1; c <= 1000; c += 0.25) {
        const double s = sc::uslSpeedup(c, sigma, kappa);
        QVERIFY(s <= atPeak * (1 + 1e-12));
        if (s > best) {
            best = s;
            bestC = c;
        }
    }
    QVERIFY(std::fabs(bestC - peak) <= 0.25);
    QVERIFY(sc::uslSpeedup(2 * peak, sigma, kappa) < atPeak);
}

// M/M/1: E[Wq] = ρS/(1−ρ), Var[Wq] = ρ(2−ρ)S²/(1−ρ)² (Wq = 0 w.p. 1−ρ, else Exp((1−ρ)/S));
// M/M/c: ρ = λS/(1000c), C and E[Wq] = C·S/(c(1−ρ)) from the long double reference above.
void TestQueueing::mmcStation()
{
    for (double rho : {0.1, 0.5, 0.9, 0.99}) {
        const double serviceMs = 20;
        const double lambda = rho * 1000 / serviceMs;
        const sc::MmcStation s = sc::mmc(1, lambda, serviceMs);
        QVERIFY(s.stable);
        QVERIFY(relativelyClose(s.utilization, rho, 1e-12));
        QVERIFY(relativelyClose(s.waitProbability, rho, 1e-12));
        QVERIFY(relativelyClose(s.meanWaitMs, rho * serviceMs / (1 - rho), 1e-9));
        const double var = rho * (2 - rho) * serviceMs * serviceMs / ((1 - rho) * (1 - rho));
        QVERIFY(relativelyClose(s.varWaitMs2, var, 1e-9));
    }
    for (qint64 c : {2, 8, 64}) {
        const double serviceMs = 7.5, rho = 0.85;
        const double lambda = rho * double(c) * 1000 / serviceMs;
        const sc::MmcStation s = sc::mmc(c, lambda, serviceMs);
        QVERIFY(s.stable);
        QVERIFY(relativelyClose(s.utilization, lambda * serviceMs / (1000.0 * double(c)), 1e-12));
        const double C = double(referenceErlangC(c, static_cast<long double>(rho * double(c))));
        QVERIFY(relativelyClose(s.waitProbability, C, 1e-9));
        QVERIFY(relativelyClose(s.meanWaitMs, C * serviceMs / (double(c) * (1 - rho)), 1e-9));
    }
    const sc::MmcStation idle = sc::mmc(4, 0, 10);
    QVERIFY(idle.stable);
    QCOMPARE(idle.utilization, 0.0);
    QCOMPARE(idle.meanWaitMs, 0.0);
    QCOMPARE(idle.varWaitMs2, 0.0);
}

// ρ ≥ 1 is reported as unstable with finite fields (DESIGN.md: "overloaded, never a NaN").
void TestQueueing::mmcUnstable()
{
    struct Case {
        qint64 c;
        double lambda, serviceMs;
    };
    for (const Case k : {Case{1, 100, 10}, Case{1, 150, 10}, Case{4, 400, 10}, Case{4, 1e6, 10},
                         Case{0, 10, 10}}) {
        const sc::MmcStation s = sc::mmc(k.c, k.lambda, k.serviceMs);
        QVERIFY(!s.stable);
        QVERIFY(s.utilization >= 1);
        for (double v : {s.utilization, s.waitProbability, s.meanWaitMs, s.varWaitMs2})
            QVERIFY(std::isfinite(v));
        const double tail = sc::mmcResponseTail(k.c, k.lambda, k.serviceMs, 50);
        QVERIFY(std::isfinite(tail));
        QCOMPARE(tail, 1.0);
    }
}

// The squared coefficient of variation of a class mix (a mixture of service laws): 80% reads of
// 5 ms and 20% writes of 10 ms, each exponential (cv 1): E[S] = 0.8·5 + 0.2·10 = 6 ms,
// E[S²] = 2·(0.8·25 + 0.2·100) = 80 ms², Cs² = 80/36 − 1 = 11/9, so Allen–Cunneen's factor is
// (1 + 11/9)/2 = 10/9: the "waits ~11% longer". One class keeps cv²; constant services
// of two lengths (cv 0) still vary: 50/50 of 1 and 3 ms → E[S] = 2, E[S²] = 5, Cs² = 1/4.
void TestQueueing::mixServiceScv()
{
    const double weights[] = {0.8, 0.2}, service[] = {5, 10};
    QVERIFY(relativelyClose(sc::mixServiceScv(weights, service, 2, 1), 11.0 / 9, 1e-14));
    QVERIFY(relativelyClose(sc::allenCunneenFactor(sc::mixServiceScv(weights, service, 2, 1)),
                            10.0 / 9, 1e-14));
    // Weights need not sum to one (they are arrival rates).
    const double rates[] = {80, 20};
    QVERIFY(relativelyClose(sc::mixServiceScv(rates, service, 2, 1), 11.0 / 9, 1e-14));
    // Rates whose E[S]² falls below the doubles (a write fraction of 1e-200: QA, every request
    // refused) give the same 11/9, as do rates at the bottom of the doubles.
    const double tiny[] = {8e-200, 2e-200}, tiniest[] = {8e-323, 2e-323};
    QVERIFY(relativelyClose(sc::mixServiceScv(tiny, service, 2, 1), 11.0 / 9, 1e-14));
    QVERIFY(relativelyClose(sc::mixServiceScv(tiniest, service, 2, 1), 11.0 / 9, 1e-14));
    for (double cv : {0.0, 0.5, 1.0, 2.0, 10.0}) {
        const double same[] = {7, 7}, w[] = {0.3, 0.7};
        QVERIFY(std::fabs(sc::mixServiceScv(w, same, 2, cv) - cv * cv) <= 1e-12 * (1 + cv * cv));
    }
    const double half[] = {0.5, 0.5}, two[] = {1, 3};
    QVERIFY(relativelyClose(sc::mixServiceScv(half, two, 2, 0), 0.25, 1e-14));
    const double none[] = {0, 0};
    QCOMPARE(sc::mixServiceScv(none, service, 2, 2), 4.0);
    QCOMPARE(sc::allenCunneenFactor(1), 1.0);
}

// For one server Allen–Cunneen is Pollaczek–Khinchine, exact: E[Wq] = λE[S²] / (2(1 − ρ)) with
// E[S²] = S²(1 + cv²). P(wait > 0) stays ρ (Erlang C); the variance of the wait is that of a wait
// that is 0 w.p. 1 − C, else exponential of mean m = E[Wq]/C: (2C − C²)·m². Factor 1 is mmc().
void TestQueueing::mgcPollaczekKhinchine()
{
    const double serviceMs = 8;
    for (double cv : {0.0, 0.5, 1.0, 2.0, 4.0}) {
        for (double rho : {0.3, 0.7, 0.95}) {
            const double lambdaPerMs = rho / serviceMs;
            const double secondMoment = serviceMs * serviceMs * (1 + cv * cv);
            const double pk = lambdaPerMs * secondMoment / (2 * (1 - rho));
            const sc::MmcStation s = sc::mgc(1, lambdaPerMs * 1000, serviceMs, cv * cv);
            QVERIFY(s.stable);
            QVERIFY(relativelyClose(s.meanWaitMs, pk, 1e-12));
            QVERIFY(relativelyClose(s.waitProbability, rho, 1e-12));
            const double m = pk / rho;
            QVERIFY(relativelyClose(s.varWaitMs2, (2 * rho - rho * rho) * m * m, 1e-12));
        }
    }
    const sc::MmcStation plain = sc::mmc(3, 250, 10), one = sc::mgc(3, 250, 10, 1);
    QCOMPARE(one.meanWaitMs, plain.meanWaitMs);
    QCOMPARE(one.varWaitMs2, plain.varWaitMs2);
    const sc::MmcStation over = sc::mgc(2, 400, 10, 2.5);
    QVERIFY(!over.stable);
    QVERIFY(std::isfinite(over.meanWaitMs) && std::isfinite(over.varWaitMs2));
}

// M/M/1 response time is Exp(μ−λ) (Kleinrock, Vol. I eq. 3.28): P(T>t) = e^{−(μ−λ)t}.
void TestQueueing::mmcResponseTailMm1()
{
    const double serviceMs = 4;
    for (double rho : {0.3, 0.7, 0.95}) {
        const double lambdaPerS = rho * 1000 / serviceMs;
        const double rate = 1 / serviceMs - lambdaPerS / 1000; // μ − λ per ms
        for (double t : {0.1, 1.0, 4.0, 20.0, 100.0, 400.0}) {
            const double expected = std::exp(-rate * t);
            QVERIFY2(
                relativelyClose(sc::mmcResponseTail(1, lambdaPerS, serviceMs, t), expected, 1e-9),
                qPrintable(QStringLiteral("rho=%1 t=%2").arg(rho).arg(t)));
        }
        QCOMPARE(sc::mmcResponseTail(1, lambdaPerS, serviceMs, 0), 1.0);
    }
}

// ∫₀^∞ P(T>t) dt = E[T] = S + C·S/(c(1−ρ)) (C from the long double reference), including
// c(1−ρ) = 1 where the waiting and service rates coincide (c=2, ρ=0.5) and points near it.
void TestQueueing::mmcResponseTailIntegratesToMean()
{
    struct Case {
        qint64 c;
        double rho;
    };
    for (const Case k : {Case{2, 0.5}, Case{2, 0.5 + 1e-9}, Case{2, 0.4999}, Case{3, 0.8},
                         Case{16, 0.9}, Case{16, 0.5}, Case{100, 0.95}}) {
        const double serviceMs = 10;
        const double lambda = k.rho * double(k.c) * 1000 / serviceMs;
        const double C =
            double(referenceErlangC(k.c, static_cast<long double>(k.rho * double(k.c))));
        const double mean = serviceMs + C * serviceMs / (double(k.c) * (1 - k.rho));
        // Composite Simpson on [0, 60·mean]; the tail beyond is below e^{−60}.
        const int n = 200'000;
        const double h = 60 * mean / n;
        double sum = 0;
        for (int i = 0; i <= n; ++i) {
            const double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
            sum += w * sc::mmcResponseTail(k.c, lambda, serviceMs, i * h);
        }
        const double integral = sum * h / 3;
        QVERIFY2(relativelyClose(integral, mean, 1e-6),
                 qPrintable(QStringLiteral("c=%1 rho=%2: %3 vs %4")
                                .arg(k.c)
                                .arg(k.rho)
                                .arg(integral)
                                .arg(mean)));
    }
}

// One part with var = mean² is exponential: quantile −m·ln(1−q); var = 0 is a point mass.
void TestQueueing::mixtureQuantiles()
{
    for (double m : {0.5, 12.0, 3000.0}) {
        sc::LatencyMixture mix;
        mix.add({1, m, m * m});
        for (double q : {0.01, 0.5, 0.9, 0.95, 0.99, 0.999}) {
            const double expected = -m * std::log1p(-q);
            QVERIFY2(relativelyClose(mix.quantile(q), expected, 1e-6),
                     qPrintable(QStringLiteral("m=%1 q=%2: %3 vs %4")
                                    .arg(m)
                                    .arg(q)
                                    .arg(mix.quantile(q))
                                    .arg(expected)));
        }
    }
    sc::LatencyMixture point;
    point.add({2.5, 40, 0});
    for (double q : {0.01, 0.5, 0.99})
        QVERIFY(relativelyClose(point.quantile(q), 40, 1e-8));
    QCOMPARE(point.cdf(39.999), 0.0);
    QCOMPARE(point.cdf(40), 1.0);

    // Half a point mass at 10, half Exp(mean 10): P(T ≤ t) = ½·[t ≥ 10] + ½(1 − e^{−t/10}),
    // so the median sits on the atom (t = 10) and p90 solves ½ + ½(1 − e^{−t/10}) = 0.9.
    sc::LatencyMixture half;
    half.add({1, 10, 0});
    half.add({1, 10, 100});
    QVERIFY(relativelyClose(half.quantile(0.5), 10, 1e-6));
    QVERIFY(relativelyClose(half.quantile(0.9), -10 * std::log(0.2), 1e-6));
}

// Merging past kMaxParts keeps Σw, the mean and the second moment (weighted sums of the parts).
void TestQueueing::mixtureMergeKeepsMoments()
{
    sc::LatencyMixture mix;
    double w = 0, first = 0, second = 0;
    for (int i = 0; i < 4 * sc::LatencyMixture::kMaxParts; ++i) {
        const sc::MixturePart p{1.0 + i % 3, 1.0 + 3.7 * i + (i % 5), 0.5 * i};
        mix.add(p);
        w += p.weight;
        first += p.weight * p.mean;
        second += p.weight * (p.var + p.mean * p.mean);
        QVERIFY(int(mix.parts.size()) <= sc::LatencyMixture::kMaxParts);
    }
    QCOMPARE(mix.totalWeight(), w); // integer weights: exact
    QVERIFY(relativelyClose(mix.mean(), first / w, 1e-14));
    double mixSecond = 0;
    for (const sc::MixturePart &p : mix.parts)
        mixSecond += p.weight * (p.var + p.mean * p.mean);
    QVERIFY(relativelyClose(mixSecond / w, second / w, 1e-12));

    sc::LatencyMixture copy;
    copy.addAll(mix, 0.25);
    QVERIFY(relativelyClose(copy.totalWeight(), 0.25 * w, 1e-15));
    QVERIFY(relativelyClose(copy.mean(), first / w, 1e-14));
}

// quantiles() vs a bisection on cdf() (the definition of a quantile), 1e-9 relative, and vs
// quantile() one q at a time. Mixtures: one exponential part; a point mass plus an exponential
// (the CDF jumps); gamma parts of shapes ½, 3 and 20 (exact incomplete gamma) and 50 (past 30 the
// CDF is Wilson–Hilferty's, which the reference bisects too), alone and together.
void TestQueueing::mixtureQuantilesByBisection_data()
{
    QTest::addColumn<QList<sc::MixturePart>>("parts");
    using P = QList<sc::MixturePart>;
    QTest::newRow("exponential") << P{gammaPart(1, 12, 1)};
    QTest::newRow("point mass + exponential") << P{{0.3, 5, 0}, gammaPart(0.7, 20, 1)};
    QTest::newRow("gamma 0.5") << P{gammaPart(1, 4, 0.5)};
    QTest::newRow("gamma 3") << P{gammaPart(1, 30, 3)};
    QTest::newRow("gamma 20") << P{gammaPart(1, 60, 20)};
    QTest::newRow("gamma 50") << P{gammaPart(1, 120, 50)};
    QTest::newRow("gammas 0.5, 3, 20, 50") << P{gammaPart(0.25, 4, 0.5), gammaPart(0.25, 30, 3),
                                                gammaPart(0.25, 60, 20), gammaPart(0.25, 120, 50)};
    QTest::newRow("gammas + point masses")
        << P{gammaPart(0.1, 4, 0.5), {0.2, 10, 0},           gammaPart(0.3, 30, 3),
             {0.1, 45, 0},           gammaPart(0.2, 60, 20), gammaPart(0.1, 120, 50)};
}

void TestQueueing::mixtureQuantilesByBisection()
{
    QFETCH(QList<sc::MixturePart>, parts);
    sc::LatencyMixture mix;
    for (const sc::MixturePart &p : parts)
        mix.add(p);
    QCOMPARE(mix.parts.size(), std::size_t(parts.size()));
    const std::vector<double> rising = {1e-6, 0.01, 0.1,  0.2,  0.3,   0.45,
                                        0.5,  0.9,  0.95, 0.99, 0.999, 0.9999};
    std::vector<double> shuffled = rising;
    std::reverse(shuffled.begin(), shuffled.end());
    std::rotate(shuffled.begin(), shuffled.begin() + 5, shuffled.end());
    for (const std::vector<double> &qs : {rising, shuffled}) {
        std::vector<double> got(qs.size(), -1);
        mix.quantiles(qs.data(), got.data(), int(qs.size()));
        for (std::size_t i = 0; i < qs.size(); ++i) {
            const double expected = bisectQuantile(mix, qs[i]);
            QVERIFY2(relativelyClose(got[i], expected, 1e-9),
                     qPrintable(QStringLiteral("q=%1: quantiles() %2, bisection %3")
                                    .arg(qs[i])
                                    .arg(got[i], 0, 'g', 17)
                                    .arg(expected, 0, 'g', 17)));
            const double one = mix.quantile(qs[i]);
            QVERIFY2(relativelyClose(got[i], one, 1e-11),
                     qPrintable(QStringLiteral("q=%1: quantiles() %2, quantile() %3")
                                    .arg(qs[i])
                                    .arg(got[i], 0, 'g', 17)
                                    .arg(one, 0, 'g', 17)));
        }
    }
    double untouched = -1;
    mix.quantiles(nullptr, &untouched, 0);
    QCOMPARE(untouched, -1.0);
}

// ¾·Exp(mean 20) + ¼ at 5 ms, closed form: F(t) = ¾(1 − e^{−t/20}) + ¼·[t ≥ 5]. Below the jump
// (F(5⁻) = ¾(1 − e^{−¼})) t = −20·ln(1 − q/¾); inside it t = 5; above it t = −20·ln(1 − (q−¼)/¾).
void TestQueueing::pointMassQuantilesClosedForm()
{
    sc::LatencyMixture mix;
    mix.add({0.25, 5, 0});
    mix.add({0.75, 20, 400});
    const double below = 0.75 * -std::expm1(-0.25), above = below + 0.25;
    const double qs[] = {0.001, 0.05, 0.15, 0.17, 0.3, 0.4, 0.41, 0.5, 0.9, 0.99, 0.9999};
    double got[std::size(qs)];
    mix.quantiles(qs, got, int(std::size(qs)));
    for (std::size_t i = 0; i < std::size(qs); ++i) {
        const double q = qs[i];
        const double expected = q <= below   ? -20 * std::log1p(-q / 0.75)
                                : q <= above ? 5.0
                                             : -20 * std::log1p(-(q - 0.25) / 0.75);
        QVERIFY2(relativelyClose(got[i], expected, 1e-9),
                 qPrintable(QStringLiteral("q=%1: %2 vs %3")
                                .arg(q)
                                .arg(got[i], 0, 'g', 17)
                                .arg(expected, 0, 'g', 17)));
    }
}

// Past shape 30 the CDF is Wilson–Hilferty's (queueing.cpp: "within ~1e-4 of the exact CDF"):
// at its quantiles the exact regularized incomplete gamma must be within 1e-4 of q.
void TestQueueing::wilsonHilfertyNearExactGamma()
{
    for (double shape : {30.5, 50.0, 200.0, 5000.0}) {
        const double mean = 40, scale = mean / shape;
        sc::LatencyMixture mix;
        mix.add(gammaPart(1, mean, shape));
        const double qs[] = {0.001, 0.01, 0.5, 0.95, 0.99, 0.999};
        double got[std::size(qs)];
        mix.quantiles(qs, got, int(std::size(qs)));
        for (std::size_t i = 0; i < std::size(qs); ++i) {
            const double exact = sc::gammaP(shape, got[i] / scale);
            QVERIFY2(std::fabs(exact - qs[i]) <= 1e-4,
                     qPrintable(QStringLiteral("shape %1 q=%2: P(k, x/θ) = %3")
                                    .arg(shape)
                                    .arg(qs[i])
                                    .arg(exact, 0, 'g', 10)));
        }
    }
}

// Point masses only (managed stations have no variance: a CDN hit at 5 ms, a miss on to S3 at
// 25 ms): the CDF sits flat at the hit share between the atoms. When q is that share the
// q-quantile is the least t with F(t) ≥ q, the lower atom — 95% of the requests take 5 ms, none
// takes 15. The bisection on cdf() and the solver before e2f4ba0 say 5.
void TestQueueing::quantileOnPlateau()
{
    for (double hits : {0.95, 0.5}) {
        sc::LatencyMixture mix;
        mix.add({hits, 5, 0});
        mix.add({1 - hits, 25, 0});
        // The plateau is exact: F = hits on [5, 25).
        QCOMPARE(mix.cdf(5), hits);
        QCOMPARE(mix.cdf(24.999), hits);
        QCOMPARE(mix.cdf(4.999), 0.0);
        QVERIFY(relativelyClose(bisectQuantile(mix, hits), 5, 1e-15));

        // The headline percentiles, as evaluate() and the sweep ask them.
        const double qs[] = {0.50, 0.95, 0.99};
        double out[3];
        mix.quantiles(qs, out, 3);
        const size_t at = hits == 0.5 ? 0 : 1; // the q on the plateau
        const double one = mix.quantile(hits);
        const QString got = QStringLiteral("hits %1: quantiles() %2, quantile() %3, expected 5")
                                .arg(hits)
                                .arg(out[at], 0, 'g', 17)
                                .arg(one, 0, 'g', 17);
        for (size_t i = 0; i < 3; ++i)
            if (i != at)
                QVERIFY(relativelyClose(out[i], bisectQuantile(mix, qs[i]), 1e-9));
        // A solver that stops as soon as F(x) − q == 0 answers wherever it first lands on the
        // plateau (6 or 15 here; stage4-1m's static p95 came out 65 ms where hits take 55 and
        // misses 75): the answer must be the plateau's lower end.
        QVERIFY2(relativelyClose(one, 5, 1e-9), qPrintable(got));
        QVERIFY2(relativelyClose(out[at], 5, 1e-9), qPrintable(got));
    }
}

// A part with a NaN figure has no quantile: the answer is NaN, at once (it used to double the
// bracket's top forever). The model never builds one; the mixture must not hang if it did.
void TestQueueing::quantileOfNaNPart()
{
    for (const sc::MixturePart &bad :
         {sc::MixturePart{1, std::nan(""), 1}, sc::MixturePart{1, 10, std::nan("")}}) {
        sc::LatencyMixture mix;
        mix.parts.push_back(bad);
        QVERIFY(std::isnan(mix.quantile(0.5)));
        const double qs[] = {0.5, 0.99};
        double out[2] = {0, 0};
        mix.quantiles(qs, out, 2);
        QVERIFY(std::isnan(out[0]) && std::isnan(out[1]));
    }
}

// P(1,x) = 1 − e^{−x}, P(2,x) = 1 − (1+x)e^{−x}, P(½,x) = erf(√x) (closed forms of the
// regularized incomplete gamma); x spans both the series (x < a+1) and continued-fraction sides.
void TestQueueing::gammaPKnownValues()
{
    for (double x : {1e-6, 0.01, 0.5, 1.0, 1.9, 2.0, 2.1, 3.0, 10.0, 30.0, 200.0}) {
        const double p1 = -std::expm1(-x);
        const double p2 = -std::expm1(-x) - x * std::exp(-x);
        const double pHalf = std::erf(std::sqrt(x));
        QVERIFY2(relativelyClose(sc::gammaP(1, x), p1, 1e-12), qPrintable(QString::number(x)));
        QVERIFY2(std::fabs(sc::gammaP(2, x) - p2) <= 1e-12 * p2 + 1e-16,
                 qPrintable(QString::number(x)));
        QVERIFY2(relativelyClose(sc::gammaP(0.5, x), pHalf, 1e-12), qPrintable(QString::number(x)));
    }
    QCOMPARE(sc::gammaP(3, 0), 0.0);
}

// One M/M/c station simulated (FCFS, Poisson arrivals, exponential service) vs the model's
// gamma-matched p50/p95/p99 (mean S+E[Wq], variance S²+Var[Wq]) within 10%, and the exact
// tail mmcResponseTail at the simulated p95 ≈ 0.05.
void TestQueueing::simulatedStation_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("rho");
    for (int c : {1, 4, 16})
        for (double rho : {0.5, 0.8, 0.9})
            QTest::addRow("c=%d rho=%g", c, rho) << c << rho;
}

void TestQueueing::simulatedStation()
{
    QFETCH(int, servers);
    QFETCH(double, rho);
    const double serviceMs = 10;
    const double lambdaPerS = rho * servers * 1000 / serviceMs;

    std::mt19937_64 rng(kSeed + std::uint64_t(servers) * 1000 + std::uint64_t(rho * 100));
    const std::vector<double> arrivals =
        poissonArrivals(kWarmup + kMeasured, lambdaPerS / 1000, rng);
    const std::vector<double> departures = simulateFcfsStation(arrivals, servers, serviceMs, rng);
    std::vector<double> response;
    response.reserve(kMeasured);
    for (std::size_t i = kWarmup; i < arrivals.size(); ++i)
        response.push_back(departures[i] - arrivals[i]);

    const sc::MmcStation s = sc::mmc(servers, lambdaPerS, serviceMs);
    QVERIFY(s.stable);
    // The simulator itself: its mean response must match E[T] = S + E[Wq] (Little/Erlang C).
    const double simMean =
        std::accumulate(response.begin(), response.end(), 0.0) / double(response.size());
    QVERIFY2(
        relativelyClose(simMean, serviceMs + s.meanWaitMs, 0.05),
        qPrintable(QStringLiteral("sim mean %1 vs %2").arg(simMean).arg(serviceMs + s.meanWaitMs)));

    sc::LatencyMixture model;
    model.add({1, serviceMs + s.meanWaitMs, serviceMs * serviceMs + s.varWaitMs2});
    for (double q : {0.5, 0.95, 0.99}) {
        const double sim = empiricalQuantile(response, q);
        const double predicted = model.quantile(q);
        QVERIFY2(relativelyClose(predicted, sim, kPercentileTolerance),
                 qPrintable(QStringLiteral("q=%1: model %2 ms, simulation %3 ms")
                                .arg(q)
                                .arg(predicted)
                                .arg(sim)));
    }
    const double simP95 = empiricalQuantile(response, 0.95);
    const double tail = sc::mmcResponseTail(servers, lambdaPerS, serviceMs, simP95);
    QVERIFY2(std::fabs(tail - 0.05) <= 0.01, qPrintable(QString::number(tail)));
}

// A three-station tandem (c=4 ρ=0.6 → c=2 ρ=0.8 → c=1 ρ=0.9, one Poisson stream of 100/s, each
// FCFS, so S = 24, 16, 9 ms) simulated end to end vs one gamma part with the summed means and
// summed variances of the three stations: p50/p95/p99 within 10%.
void TestQueueing::simulatedTandem()
{
    struct Tier {
        int servers;
        double serviceMs;
    };
    const double lambdaPerS = 100;
    const Tier tiers[] = {{4, 24}, {2, 16}, {1, 9}};

    std::mt19937_64 rng(kSeed + 7);
    const std::vector<double> arrivals =
        poissonArrivals(kWarmup + kMeasured, lambdaPerS / 1000, rng);
    std::vector<double> at = arrivals;
    double mean = 0, var = 0;
    for (const Tier &t : tiers) {
        at = simulateFcfsStation(at, t.servers, t.serviceMs, rng);
        const sc::MmcStation s = sc::mmc(t.servers, lambdaPerS, t.serviceMs);
        QVERIFY(s.stable);
        mean += t.serviceMs + s.meanWaitMs;
        var += t.serviceMs * t.serviceMs + s.varWaitMs2;
    }
    QVERIFY(relativelyClose(sc::mmc(4, lambdaPerS, 24).utilization, 0.6, 1e-12));
    QVERIFY(relativelyClose(sc::mmc(2, lambdaPerS, 16).utilization, 0.8, 1e-12));
    QVERIFY(relativelyClose(sc::mmc(1, lambdaPerS, 9).utilization, 0.9, 1e-12));

    std::vector<double> response;
    response.reserve(kMeasured);
    for (std::size_t i = kWarmup; i < arrivals.size(); ++i)
        response.push_back(at[i] - arrivals[i]);
    const double simMean =
        std::accumulate(response.begin(), response.end(), 0.0) / double(response.size());
    QVERIFY2(relativelyClose(simMean, mean, 0.05),
             qPrintable(QStringLiteral("sim mean %1 vs %2").arg(simMean).arg(mean)));

    sc::LatencyMixture model;
    model.add({1, mean, var});
    for (double q : {0.5, 0.95, 0.99}) {
        const double sim = empiricalQuantile(response, q);
        const double predicted = model.quantile(q);
        QVERIFY2(relativelyClose(predicted, sim, kPercentileTolerance),
                 qPrintable(QStringLiteral("q=%1: model %2 ms, simulation %3 ms")
                                .arg(q)
                                .arg(predicted)
                                .arg(sim)));
    }
}

QTEST_GUILESS_MAIN(TestQueueing)
#include "tst_queueing.moc"
