// Demand: what one user asks for at the peak, by class, and how the rate moves over a day.

#include "core/analysis/prepared.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sc::detail {

ClassRates baseRates(const Traffic &t)
{
    ClassRates base{};
    const double dynamicPeak = t.requestsPerUserPerDay / 86400.0 * t.peakToAverage;
    base[kRead] = dynamicPeak * (1 - t.writeFraction);
    base[kWrite] = dynamicPeak * t.writeFraction;
    base[kStatic] = dynamicPeak * t.staticPerRequest;
    base[kJob] = base[kWrite] * t.asyncPerWrite;
    return base;
}

std::array<int, 24> sameHourAs(const std::array<double, 24> &shape)
{
    std::array<int, 24> first{};
    for (size_t h = 0; h < shape.size(); ++h)
        first[h] = int(std::find(shape.begin(), shape.begin() + long(h), shape[h]) - shape.begin());
    return first;
}

std::vector<int> hoursByRate(const std::array<double, 24> &shape,
                             const std::array<int, 24> &sameHourAs)
{
    std::vector<int> hours, notNumbers;
    for (int h = 0; h < 24; ++h)
        if (sameHourAs[size_t(h)] == h)
            (std::isnan(shape[size_t(h)]) ? notNumbers : hours).push_back(h);
    std::stable_sort(hours.begin(), hours.end(),
                     [&shape](int a, int b) { return shape[size_t(a)] < shape[size_t(b)]; });
    hours.insert(hours.end(), notNumbers.begin(), notNumbers.end());
    return hours;
}

std::array<double, 24> dayShape(const Traffic &t)
{
    // Daily profile: rate(h) / peak = (b + (P − b)·g(h)^k) / P with g a raised cosine peaking at
    // 14:00, b = 1/P the night floor, and k chosen so the day's mean rate is peak / P.
    std::array<double, 24> shape{};
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
        shape.fill(1.0);
        return shape;
    }
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
    for (int h = 0; h < 24; ++h) {
        const double g =
            std::isinf(logG[size_t(h)]) ? 0.0 : std::exp(0.5 * (lo + hi) * logG[size_t(h)]);
        shape[size_t(h)] = (b + (P - b) * g) / P;
    }
    // Past P ≈ 23 no k brings the mean down to peak / P: an hour at the peak is already 1/24 of
    // the day's. The peak is then shorter than its hour, and that hour (14:00) carries what is
    // left of the day's volume, its mean rate below the peak (docs/model.md "Traffic").
    if (meanOf(hi) > target) {
        double others = 0;
        for (int h = 0; h < 24; ++h)
            others += h == 14 ? 0.0 : shape[size_t(h)];
        shape[14] = 24 / P - others;
    }
    return shape;
}

Demand demandAt(const Prepared &p, double users)
{
    Demand d;
    d.peakRps = (p.base[kRead] + p.base[kWrite]) * users;
    d.averageRps = d.peakRps / p.design.traffic.peakToAverage;
    d.readRps = p.base[kRead] * users;
    d.writeRps = p.base[kWrite] * users;
    d.staticRps = p.base[kStatic] * users;
    d.jobRps = p.base[kJob] * users;
    return d;
}

} // namespace sc::detail
