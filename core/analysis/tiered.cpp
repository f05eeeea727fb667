// Tiered meters and burstable credits: the parts of the bill that are not linear in the users
// (docs/model.md "Tiered prices" and "Burstable instances").

#include "core/analysis/prepared.h"

#include "core/analysis/printfnumber.h"
#include "core/analysis/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sc::detail {

double Meter::usdAt(double users) const
{
    const double volume = unitsPerUser * users;
    if (!(volume > 0))
        return 0;
    double usd = 0;
    for (const auto &[table, share] : parts)
        usd += table.costAfterFree(volume * share, freeUnits * share);
    return usd;
}

double creditUnitsAt(const Prepared &p, size_t lump, double users)
{
    const size_t i = size_t(p.lumps[lump].rep);
    const double baseline = p.prep[i].burstBaseline;
    const double peakRps = totalOf(p.perUser(i)) * users;
    // AWS averages over 24 hours: credits earned below the baseline pay for the surplus above.
    // A tier of a fixed size has the same capacity every hour.
    const bool fixed = !p.prep[i].autoscaled;
    const double known = lump < p.creditCapacity.size() ? p.creditCapacity[lump]
                                                        : std::numeric_limits<double>::quiet_NaN();
    const double fixedCapacity = !fixed               ? 0
                                 : !std::isnan(known) ? known
                                                      : capacityAt(p, int(i), p.prep[i].instances);
    // A fixed tier's utilization rises with the hour's rate: when the busiest hour stays within
    // the baseline, no hour earns a surplus (every term below is ≤ 0, and the answer 0).
    if (fixed && fixedCapacity > 0 &&
        std::min(1.0, peakRps * p.dayShape[size_t(p.hoursByRate.back())] / fixedCapacity) <=
            baseline)
        return 0;
    std::array<double, 24> n{};
    hourlyInstances(p, i, users, n);
    std::array<double, 24> term{}; // each rate computed once, at its first hour
    for (int h : p.hoursByRate) {
        const double capacity = fixed ? fixedCapacity : capacityAt(p, int(i), n[size_t(h)]);
        const double u =
            capacity > 0 ? std::min(1.0, peakRps * p.dayShape[size_t(h)] / capacity) : 1.0;
        term[size_t(h)] = n[size_t(h)] * (u - baseline);
    }
    double surplus = 0, instanceHours = 0;
    for (size_t h = 0; h < p.sameHourAs.size(); ++h) {
        surplus += term[size_t(p.sameHourAs[h])];
        instanceHours += n[h];
    }
    // A day whose mean sits exactly at the baseline sums to rounding residue, not to a surplus
    // (QA: a "$2.2e-15" line and a "$0/month" BURST_CREDITS advice).
    if (surplus <= 1e-12 * instanceHours)
        return 0;
    return surplus / 24;
}

namespace {

// "830 GB", "58.6 TB", "30.0 PB" (1 TB = 1024 GB, as AWS's tiers count).
std::string volumeText(double gb)
{
    char buf[48];
    // No exponent either end (QA: "9.125e-07 GB" at one user, "2900759379069.0 PB" at 10¹⁰):
    // a sliver as the text output writes one, a huge volume whole with separators.
    if (gb > 0 && gb < kSmallestPlain)
        return std::string(kBelowPlain) + " GB";
    if (gb / 1024 / 1024 >= 999.5)
        return wholeOrPrintf(gb / 1024 / 1024, 999.5, "%.1f") + " PB";
    if (gb < 1024)
        std::snprintf(buf, sizeof buf, "%.4g GB", gb);
    else if (gb < 1024.0 * 1024)
        std::snprintf(buf, sizeof buf, "%.1f TB", gb / 1024);
    else
        std::snprintf(buf, sizeof buf, "%.1f PB", gb / 1024 / 1024);
    return buf;
}

} // namespace

std::string meteredSuffix(const Meter &m, double users, double usd)
{
    // The blended rate is the meter's, the same on each of its lines (and the allowance says
    // why it is below the first tier's: case 11's 2 TB of CloudFront at $0.085/GB bill $83, not
    // $170; QA). Written once per meter, without snprintf: a big design has a request line per
    // queue and content network, each written every evaluation.
    const double volume = m.unitsPerUser * users;
    if (m.unit == Meter::Requests) // (QA: "Requests" at $0.00, with neither count nor why)
        return printfNumber(" at $%.4f per million blended", usd / volume * 1e6) +
               (m.freeUnits > 0 ? ", the account's first " + compactCount(m.freeUnits) + " free"
                                : std::string());
    return printfNumber(" at $%.4f/GB blended", usd / volume) +
           (m.freeUnits > 0 ? ", the account's first " + volumeText(m.freeUnits) + " free"
                            : std::string());
}

std::string meteredLabel(const Meter &m, const CostTerm &term, double units, double usd,
                         const std::string &suffix)
{
    std::string out = term.label.str();
    out += ' ';
    out += m.unit == Meter::Requests ? compactCount(units) : volumeText(units);
    if (!(units > 0))
        return out; // no volume: nothing to be free or paid (review: "0 (free tier)")
    if (!(usd > 0))
        out += " (free tier)";
    else
        out += suffix;
    return out;
}

} // namespace sc::detail
