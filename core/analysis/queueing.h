#pragma once

#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <vector>

namespace sc {

// Erlang C: probability that an arrival waits in an M/M/c queue with `servers` servers and
// offered load `erlangs` = λ/μ. Returns 1 when erlangs ≥ servers (the queue grows without
// bound). Up to 32 servers through the Erlang B recursion; beyond, without factorials through
// the Poisson terms (Loader's saddle-point form), so it stays exact to ~1e-13 for c up to 10^6
// and costs O(√c).
double erlangC(std::int64_t servers, double erlangs);

// Amdahl/USL speedup of c cores: c / (1 + σ(c−1) + κc(c−1)) (Gunther's universal law).
// Inline: every station at every sweep point asks for it.
inline double uslSpeedup(double c, double sigma, double kappa)
{
    if (c <= 0)
        return 0;
    return c / (1 + sigma * (c - 1) + kappa * c * (c - 1));
}

// std::llround (halves away from zero) without the library call for |x| < 2⁵², where the
// truncation and the remainder are exact.
inline std::int64_t roundToInteger(double x)
{
    if (!(x < 4503599627370496.0 && x > -4503599627370496.0))
        return std::llround(x);
    const auto whole = std::int64_t(x);
    const double rest = x - double(whole);
    return rest >= 0.5 ? whole + 1 : rest <= -0.5 ? whole - 1 : whole;
}

// An M/M/c station: c servers, arrivals λ (per second), mean service time S (ms).
struct MmcStation {
    double utilization = 0; // ρ = λS / (1000 c)
    double waitProbability = 0;
    double meanWaitMs = 0; // E[Wq] = C·S / (c(1−ρ))
    double varWaitMs2 = 0; // Var[Wq]: Wq is 0 w.p. 1−C, else exponential with rate c(1−ρ)/S
    bool stable = true;    // ρ < 1
    double waitFactor = 1; // mgc(): the M/G/c wait over the M/M/c one (mgcWaitFactor)
};
MmcStation mmc(std::int64_t servers, double arrivalsPerS, double serviceMs);

// Squared coefficient of variation of the service time of a mix of classes, each class k
// arriving at rate weights[k] with mean service serviceMs[k] and coefficient of variation `cv`:
// E[S] = Σ p_k s_k, E[S²] = Σ p_k s_k² (1 + cv²), Cs² = E[S²]/E[S]² − 1. cv² when nothing
// arrives (or every weight is zero).
double mixServiceScv(const double *weights, const double *serviceMs, int classes, double cv);

// Allen–Cunneen's M/G/c correction of the mean wait: E[Wq] ≈ E[Wq(M/M/c)] · (1 + Cs²)/2 for
// Poisson arrivals and service times of squared coefficient of variation Cs² (Allen, "Probability,
// Statistics and Queueing Theory", 2nd ed., §6.3; exact for M/G/1 by Pollaczek–Khinchine).
inline double allenCunneenFactor(double serviceScv)
{
    return (1 + serviceScv) / 2;
}

// The M/G/c mean wait over the M/M/c one for c servers at utilization ρ and service SCV Cs²:
// Kimura's two-moment interpolation between M/M/c and M/D/c,
//   E[Wq] ≈ (1 + Cs²) / (2·Cs² / E[Wq(M/M/c)] + (1 − Cs²) / E[Wq(M/D/c)]),
// with Cosmetatos' M/D/c wait, E[Wq(M/D/c)] ≈ ½·E[Wq(M/M/c)]·(1 + (1 − ρ)(c − 1)(√(4 + 5c) − 2)
// / (16ρc)). Exact for c = 1 (Pollaczek–Khinchine) and for Cs² = 1; Allen–Cunneen's (1 + Cs²)/2
// where the correction vanishes (c = 1 or ρ → 1). (Kimura, "Approximations for multi-server
// queues: system interpolations", Queueing Systems 17, 1994; Cosmetatos, 1976.)
double mgcWaitFactor(std::int64_t servers, double rho, double serviceScv);

// An M/G/c station by that approximation: mmc() with the wait, given it is positive, scaled by
// mgcWaitFactor — P(wait > 0) stays Erlang C and the wait past it stays exponential. Cs² = 1
// is mmc() exactly.
MmcStation mgc(std::int64_t servers, double arrivalsPerS, double serviceMs, double serviceScv);

// P(T > t) for the response time T = Wq + S of an M/M/c station (exact).
double mmcResponseTail(std::int64_t servers, double arrivalsPerS, double serviceMs, double tMs);

// log Γ(x) without std::lgamma's write to the global `signgam` (glibc, macOS), so sweeps may run
// on several threads.
double logGamma(double x);

// Regularized lower incomplete gamma P(a, x).
double gammaP(double a, double x);

// A latency distribution as a small mixture of parts, each a fixed time (round trips over the
// network, `shift`) plus a gamma law matched by the rest of its mean and its variance: a constant
// added inside a gamma fitted on mean and variance would thin its tail.
struct MixturePart {
    double weight = 0;
    double mean = 0; // all of the part's mean, the shift included
    double var = 0;
    double shift = 0; // ms every request of the part takes for certain (≤ mean)
};

// A mixture's parts, held in place: a sweep adds ~6,000 of them per point at 1,000 distinct
// components, and a vector's heap block, growth checks and element shifting cost more than the
// arithmetic. Room for one part more than a mixture keeps (the one added before two merge).
class MixtureParts
{
public:
    static constexpr int kCapacity = 7;

    MixturePart *begin() { return m_parts.data(); }
    MixturePart *end() { return m_parts.data() + m_size; }
    const MixturePart *begin() const { return m_parts.data(); }
    const MixturePart *end() const { return m_parts.data() + m_size; }
    std::size_t size() const { return std::size_t(m_size); }
    bool empty() const { return m_size == 0; }
    void clear() { m_size = 0; }
    MixturePart &operator[](std::size_t i) { return m_parts[i]; }
    const MixturePart &operator[](std::size_t i) const { return m_parts[i]; }
    MixturePart &front() { return m_parts[0]; }
    const MixturePart &front() const { return m_parts[0]; }
    // Appends `part` (the caller keeps the order of means); full, it is a programming error.
    void push_back(const MixturePart &part)
    {
        assert(m_size < kCapacity);
        if (m_size < kCapacity)
            m_parts[std::size_t(m_size++)] = part;
    }
    // Puts `part` at index `at` (≤ size), moving the later ones up one.
    void insert(int at, const MixturePart &part)
    {
        assert(m_size < kCapacity && at <= m_size);
        for (int i = m_size; i > at; --i)
            m_parts[std::size_t(i)] = m_parts[std::size_t(i - 1)];
        m_parts[std::size_t(at)] = part;
        ++m_size;
    }
    // Removes the part at index `at` (< size), moving the later ones down one.
    void erase(int at)
    {
        for (int i = at; i + 1 < m_size; ++i)
            m_parts[std::size_t(i)] = m_parts[std::size_t(i + 1)];
        --m_size;
    }

private:
    int m_size = 0; // first: with the first parts, in one cache line
    std::array<MixturePart, kCapacity> m_parts;
};

class LatencyMixture
{
public:
    static constexpr int kMaxParts = MixtureParts::kCapacity - 1;
    MixtureParts parts; // in rising order of mean

    void add(const MixturePart &part); // merges the closest parts beyond kMaxParts
    // The same, from the part's figures. Inline for the common case, a part after the last
    // with room to spare (a mixture sent on to a lump that had none yet).
    void add(double weight, double mean, double var, double shift = 0)
    {
        const int n = int(parts.size());
        if (n < kMaxParts && weight > 0 && (n == 0 || parts[size_t(n - 1)].mean < mean)) {
            parts.push_back({weight, mean, var, shift});
            return;
        }
        addMerging(weight, mean, var, shift);
    }
    void addAll(const LatencyMixture &other, double scale)
    {
        for (const MixturePart &p : other.parts)
            add(p.weight * scale, p.mean, p.var, p.shift);
    }
    double totalWeight() const;
    double mean() const;
    // The q-quantile (0 < q < 1) of the mixture, each part a gamma law (a point mass when its
    // variance is zero).
    double quantile(double q) const;
    // Several quantiles at once (the parts are prepared once): out[i] = quantile(q[i]).
    // `guesses`, when given, are where the search for each starts (the answer agrees to ~1e-13).
    void quantiles(const double *q, double *out, int count, const double *guesses = nullptr) const;
    double cdf(double t) const;

private:
    // add() past its common case: the part in its place, the closest two merged past kMaxParts.
    void addMerging(double weight, double mean, double var, double shift);
};

} // namespace sc
