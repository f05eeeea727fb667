#include "queueing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <math.h> // lgamma_r
#include <numbers>

namespace sc {

double logGamma(double x)
{
#if defined(__GLIBC__) || defined(__APPLE__)
    int sign = 0;
    return ::lgamma_r(x, &sign);
#else
    return std::lgamma(x); // keeps no global sign elsewhere (MSVC)
#endif
}

namespace {

// Stirling's error term: log(n!) − [(n + ½)·log n − n + ½·log 2π].
double stirlingError(double n)
{
    if (n < 16)
        return logGamma(n + 1) - (n + 0.5) * std::log(n) + n - 0.5 * std::log(2 * std::numbers::pi);
    const double nn = n * n;
    constexpr double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680,
                     s4 = 1.0 / 1188;
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

// x·log(x/m) + m − x, accurate when x ≈ m (Loader 2000, "Fast and accurate computation of
// binomial probabilities").
double deviance(double x, double m)
{
    if (std::fabs(x - m) < 0.1 * (x + m)) {
        double v = (x - m) / (x + m);
        double s = (x - m) * v;
        double ej = 2 * x * v;
        const double v2 = v * v;
        for (int j = 1; j < 1000; ++j) {
            ej *= v2;
            const double s1 = s + ej / (2 * j + 1);
            if (s1 == s)
                return s1;
            s = s1;
        }
        return s;
    }
    return x * std::log(x / m) + m - x;
}

} // namespace

namespace {

// erlangC past 32 servers (0 < a < c, ρ = a / c): without factorials, through the Poisson terms.
double erlangCMany(double a, double c, double rho)
{
    // Poisson(a) probability of exactly c, in log form.
    const double logPmf =
        -stirlingError(c) - deviance(c, a) - 0.5 * std::log(2 * std::numbers::pi * c);
    const double pmf = std::exp(logPmf);
    if (pmf == 0)
        return 0;
    // P(X ≥ c) = pmf(c) · Σ_{n≥0} Π_{k=1..n} a/(c+k); the terms shrink at least as fast as ρ^n
    // and the sum needs O(√c) of them.
    double term = 1, sum = 1;
    for (double k = 1; term > 1e-17 * sum; ++k) {
        term *= a / (c + k);
        sum += term;
    }
    const double below = 1 - pmf * sum; // P(X ≤ c − 1) ≥ ~0.37 for ρ < 1: no cancellation
    const double top = pmf / (1 - rho);
    return top / (below + top);
}

// erlangC, mmc and mgcWaitFactor as mgc inlines them (every station at every sweep point asks
// for one: the calls and the station passed back through memory cost as much as the sums).
inline double erlangCOf(std::int64_t servers, double a)
{
    if (a <= 0)
        return 0;
    const double c = double(servers);
    if (servers <= 0 || a >= c)
        return 1;
    const double rho = a / c;
    if (servers > 32)
        return erlangCMany(a, c, rho);
    // Few servers: the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)) is exact, stable and
    // cheaper than the logarithms of erlangCMany; then C = B / (1 − ρ(1 − B)).
    double b = 1;
    for (std::int64_t k = 1; k <= servers; ++k)
        b = a * b / (double(k) + a * b);
    return b / (1 - rho * (1 - b));
}

inline MmcStation mmcOf(std::int64_t servers, double lambda, double serviceMs)
{
    MmcStation s;
    const double a = lambda * serviceMs / 1000.0;
    s.utilization = servers > 0 ? a / double(servers) : (a > 0 ? 1 : 0);
    if (s.utilization >= 1) {
        s.stable = false;
        s.waitProbability = 1;
        return s;
    }
    const double C = erlangCOf(servers, a);
    const double theta = double(servers) * (1 - s.utilization) / serviceMs; // per ms
    s.waitProbability = C;
    s.meanWaitMs = C / theta;
    s.varWaitMs2 = (2 * C - C * C) / (theta * theta);
    return s;
}

} // namespace

double erlangC(std::int64_t servers, double a)
{
    return erlangCOf(servers, a);
}

MmcStation mmc(std::int64_t servers, double lambda, double serviceMs)
{
    return mmcOf(servers, lambda, serviceMs);
}

double mixServiceScv(const double *weights, const double *serviceMs, int classes, double cv)
{
    double w = 0, first = 0, second = 0;
    for (int k = 0; k < classes; ++k) {
        w += weights[k];
        first += weights[k] * serviceMs[k];
        second += weights[k] * serviceMs[k] * serviceMs[k];
    }
    if (!(w > 0) || !(first > 0))
        return cv * cv;
    // Rates so small that E[S]'s square falls below the doubles (a write fraction of 1e-162 left
    // a database ~1e-160 writes/s, and its Cs² infinite): the same ratio from the shares p_k.
    if (first * first < std::numeric_limits<double>::min()) {
        first = second = 0;
        for (int k = 0; k < classes; ++k) {
            const double p = weights[k] / w;
            first += p * serviceMs[k];
            second += p * serviceMs[k] * serviceMs[k];
        }
        w = 1;
    }
    // E[S²] = Σ p_k s_k² (1 + cv²); Cs² = E[S²] / E[S]² − 1 (never below cv², the one-class
    // value, except by rounding).
    const double scv = second * w * (1 + cv * cv) / (first * first) - 1;
    return std::max(scv, 0.0);
}

namespace {

inline double mgcWaitFactorOf(std::int64_t servers, double rho, double serviceScv)
{
    if (serviceScv == 1 || servers < 1 || !(rho > 0))
        return serviceScv == 1 ? 1.0 : allenCunneenFactor(serviceScv);
    const double c = double(servers);
    const double deterministic = // E[Wq(M/D/c)] / E[Wq(M/M/c)], Cosmetatos
        0.5 * (1 + (1 - rho) * (c - 1) * (std::sqrt(4 + 5 * c) - 2) / (16 * rho * c));
    return (1 + serviceScv) / (2 * serviceScv + (1 - serviceScv) / deterministic);
}

} // namespace

double mgcWaitFactor(std::int64_t servers, double rho, double serviceScv)
{
    return mgcWaitFactorOf(servers, rho, serviceScv);
}

MmcStation mgc(std::int64_t servers, double lambda, double serviceMs, double serviceScv)
{
    MmcStation s = mmcOf(servers, lambda, serviceMs);
    const double waitFactor =
        serviceScv == 1 ? 1.0 : mgcWaitFactorOf(servers, s.utilization, serviceScv);
    s.waitFactor = waitFactor;
    if (s.stable && waitFactor != 1) {
        s.meanWaitMs *= waitFactor;
        s.varWaitMs2 *= waitFactor * waitFactor;
    }
    return s;
}

double mmcResponseTail(std::int64_t servers, double lambda, double serviceMs, double t)
{
    if (t <= 0)
        return 1;
    MmcStation s = mmc(servers, lambda, serviceMs);
    if (!s.stable)
        return 1;
    const double mu = 1 / serviceMs;
    const double theta = double(servers) * (1 - s.utilization) / serviceMs;
    const double C = s.waitProbability;
    double sum;
    if (std::fabs(theta - mu) < 1e-12 * mu)
        sum = (1 + mu * t) * std::exp(-mu * t);
    else
        sum = (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
    return (1 - C) * std::exp(-mu * t) + C * sum;
}

namespace {

// P(a, x) with lgamma(a) supplied: the quantile solver calls it many times per part. When
// `density` is given it also receives the gamma density x^(a−1)·e^(−x)/Γ(a) at x.
double gammaPWith(double a, double x, double lgammaA, double *density = nullptr)
{
    if (x <= 0) {
        if (density)
            *density = 0;
        return 0;
    }
    const double lnPre = a * std::log(x) - x - lgammaA;
    const double pre = std::exp(lnPre);
    if (density)
        *density = pre / x;
    if (x < a + 1) {
        double ap = a, del = 1 / a, sum = del;
        for (int n = 0; n < 10000; ++n) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (std::fabs(del) < std::fabs(sum) * 1e-15)
                break;
        }
        return std::min(1.0, sum * pre);
    }
    // Continued fraction for Q (modified Lentz).
    constexpr double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 10000; ++i) {
        const double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (std::fabs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (std::fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const double del = d * c;
        h *= del;
        if (std::fabs(del - 1) < 1e-15)
            break;
    }
    return std::max(0.0, 1 - pre * h);
}

// A mixture part ready for repeated CDF evaluation.
struct PreparedPart {
    double weight, mean, shape, scale, lgammaShape, shift;
    bool pointMass, normalApprox;
};

// A mixture's parts prepared, in place like the parts themselves.
struct PreparedParts {
    std::array<PreparedPart, MixtureParts::kCapacity> at;
    int size = 0;
    const PreparedPart *begin() const { return at.data(); }
    const PreparedPart *end() const { return at.data() + size; }
};

PreparedParts prepare(const MixtureParts &parts)
{
    PreparedParts out;
    for (const MixturePart &p : parts) {
        PreparedPart q{p.weight, p.mean, 0, 0, 0, p.shift, true, false};
        // The gamma law of what is not fixed: mean − shift (the whole mean when nothing is).
        const double m = p.mean - p.shift;
        if (!(p.var <= 1e-12 * m * m || m <= 0)) {
            q.pointMass = false;
            q.shape = m * m / p.var;
            q.scale = p.var / m;
            q.normalApprox = q.shape > 30;
            if (!q.normalApprox)
                q.lgammaShape = logGamma(q.shape);
        }
        out.at[size_t(out.size++)] = q;
    }
    return out;
}

// The mixture's CDF at t; with `density`, also its density there (point masses add none).
double preparedCdf(const PreparedParts &parts, double t0, double *density = nullptr)
{
    double w = 0, f = 0, d = 0;
    for (const PreparedPart &p : parts) {
        w += p.weight;
        if (p.pointMass) {
            f += t0 >= p.mean ? p.weight : 0;
            continue;
        }
        // Before its fixed time no request of the part is done.
        if (p.shift > 0 && t0 <= p.shift)
            continue;
        const double t = t0 - p.shift; // (t0 itself when the part has no fixed time)
        if (p.normalApprox) {
            // Wilson–Hilferty: the cube root of a gamma variable is nearly normal; at these
            // shapes it is within ~1e-4 of the exact CDF and far cheaper.
            const double v = 1 / (9 * p.shape);
            const double u = std::cbrt(t / (p.shape * p.scale));
            const double z = (u - (1 - v)) / std::sqrt(v);
            f += p.weight * 0.5 * std::erfc(-z / std::numbers::sqrt2);
            if (density && t > 0) {
                const double phi = std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi);
                d += p.weight * phi * u / (3 * t * std::sqrt(v));
            }
        } else {
            double g = 0;
            f += p.weight * gammaPWith(p.shape, t / p.scale, p.lgammaShape, density ? &g : nullptr);
            d += p.weight * g / p.scale;
        }
    }
    if (density)
        *density = w > 0 ? d / w : 0;
    return w > 0 ? f / w : 1;
}

// The q-quantile of prepared parts: Newton steps on the CDF, kept inside a bisection bracket
// (point masses make the CDF jump, where the bracket takes over). `cdfAtHi`, when not NaN, is
// preparedCdf(parts, hi) already computed (the quantiles of one mixture share their `hi`).
double preparedQuantile(const PreparedParts &parts, double q, double start, double hi,
                        double cdfAtHi = std::numeric_limits<double>::quiet_NaN())
{
    // The bracket's top doubles until it holds q; a CDF that never gets there (a part with a
    // NaN figure) has no quantile.
    if (!(hi > 0)) {
        hi = 1;
        cdfAtHi = std::numeric_limits<double>::quiet_NaN(); // it was for another top
    }
    for (int doubling = 0;; ++doubling) {
        const double f = doubling == 0 && !std::isnan(cdfAtHi) ? cdfAtHi : preparedCdf(parts, hi);
        if (f >= q)
            break;
        if (std::isnan(f) || doubling == 2100 || !std::isfinite(hi))
            return std::numeric_limits<double>::quiet_NaN();
        hi *= 2;
    }
    double lo = 0;
    double x = start > 0 && start < hi ? start : 0.5 * hi;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
        double density = 0;
        const double f = preparedCdf(parts, x, &density) - q;
        (f < 0 ? lo : hi) = x;
        if (f == 0) {
            // On a flat stretch of the CDF (point masses): the quantile is its lower end, the
            // smallest t with CDF(t) ≥ q, which only the bracket can find.
            x = 0.5 * (lo + hi);
            continue;
        }
        double next = density > 0 ? x - f / density : lo - 1;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (std::fabs(next - x) <= 1e-13 * x)
            return next;
        x = next;
    }
    return 0.5 * (lo + hi);
}

} // namespace

double gammaP(double a, double x)
{
    return gammaPWith(a, x, logGamma(a));
}

void LatencyMixture::add(const MixturePart &part)
{
    add(part.weight, part.mean, part.var, part.shift);
}

// (From figures, not a part in memory: addAll's scaled copy, read back whole right after its
// weight was written, cost a failed store-to-load forward per part.)
void LatencyMixture::addMerging(double weight, double mean, double var, double shift)
{
    if (weight <= 0)
        return;
    // Parts stay sorted by mean: the new one goes in its place, an equal one takes its weight.
    const int n = int(parts.size());
    int at = 0;
    while (at < n && parts[size_t(at)].mean < mean)
        ++at;
    for (int same = at; same < n && parts[size_t(same)].mean == mean; ++same) {
        if (parts[size_t(same)].var == var && parts[size_t(same)].shift == shift) {
            parts[size_t(same)].weight += weight;
            return;
        }
    }
    parts.insert(at, MixturePart{weight, mean, var, shift});
    if (n + 1 <= kMaxParts)
        return;
    // Merge the two parts with the closest means, keeping weight, mean and variance; the fixed
    // time both parts take for certain is the smaller of their shifts.
    size_t best = 0;
    double gap = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
        const double g = parts[i + 1].mean - parts[i].mean;
        if (g < gap) {
            gap = g;
            best = i;
        }
    }
    const MixturePart &l = parts[best], &r = parts[best + 1];
    MixturePart m;
    m.weight = l.weight + r.weight;
    m.mean = (l.weight * l.mean + r.weight * r.mean) / m.weight;
    const double second =
        (l.weight * (l.var + l.mean * l.mean) + r.weight * (r.var + r.mean * r.mean)) / m.weight;
    m.var = std::max(0.0, second - m.mean * m.mean);
    m.shift = std::min(l.shift, r.shift);
    parts[best] = m;
    parts.erase(int(best) + 1);
}

double LatencyMixture::totalWeight() const
{
    double w = 0;
    for (const MixturePart &p : parts)
        w += p.weight;
    return w;
}

double LatencyMixture::mean() const
{
    double w = 0, m = 0;
    for (const MixturePart &p : parts) {
        w += p.weight;
        m += p.weight * p.mean;
    }
    return w > 0 ? m / w : 0;
}

double LatencyMixture::cdf(double t) const
{
    return preparedCdf(prepare(parts), t);
}

double LatencyMixture::quantile(double q) const
{
    double out = 0;
    quantiles(&q, &out, 1);
    return out;
}

void LatencyMixture::quantiles(const double *q, double *out, int count, const double *guesses) const
{
    if (parts.empty()) {
        std::fill(out, out + count, 0.0);
        return;
    }
    const PreparedParts prepared = prepare(parts);
    double hi = 0;
    for (const MixturePart &p : parts)
        hi = std::max(hi, p.mean + 12 * std::sqrt(p.var) + 1e-9);
    double start = mean();
    // Every quantile first checks that `hi` brackets it: the CDF there is computed once.
    const double cdfAtHi =
        hi > 0 ? preparedCdf(prepared, hi) : std::numeric_limits<double>::quiet_NaN();
    for (int i = 0; i < count; ++i) {
        // A guess (the same quantile a step of the sweep earlier) starts Newton a step or two
        // from the answer; without one, quantiles asked in rising order start at the last.
        const double from = guesses && guesses[i] > 0 && guesses[i] < hi ? guesses[i] : start;
        out[i] = preparedQuantile(prepared, q[i], from, hi, cdfAtHi);
        // A quantile does not fall as q rises: the solver's last bits may (QA: a CDN's static
        // fetches, all at 5 ms, read p50 5.000000000000826 and p95 4.999999999998552).
        if (i > 0 && q[i] >= q[i - 1] && out[i] < out[i - 1])
            out[i] = out[i - 1];
        start = out[i] > 0 ? out[i] : start;
    }
}

} // namespace sc
