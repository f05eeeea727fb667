#pragma once

#include <cmath>

namespace sc {

// The one table of thresholds and ranges that the advisor, the CLI and every view read, so a
// colour on the canvas, a guide line on a chart and a warning can never disagree.

// --- Utilization ρ (arrival ÷ capacity) -----------------------------------------------------
// The article's monitoring thresholds (reference/time-and-place.md, "Monitoring thresholds"):
// warn above 70% CPU, critical above 85%, page above 95%, and treat 80% as the effective
// maximum of any resource. The canvas colours, the legend, the charts' guide lines and the
// advisor all read these, so they cannot disagree.
// Above this a station is at the warning level (amber on the canvas).
inline constexpr double kWarnUtilization = 0.70;
// The most a resource should run at the peak: the advisor's HOT and NO_HEADROOM line and the
// charts' "effective maximum" (queueing delay grows steeply beyond it).
inline constexpr double kTargetUtilization = 0.80;
// Above this a station is critical (red on the canvas).
inline constexpr double kCriticalUtilization = 0.85;
// Above this someone is paged (deep red).
inline constexpr double kPageUtilization = 0.95;
// From this a station is overloaded: the queue grows without bound.
inline constexpr double kSaturatedUtilization = 1.0;

// A short thread pool's threads held at the share its bisection lets in (to 2⁻²⁰: a few
// millionths of the pool) fill it; fewer than this share of them, and the share stopped short
// because one request more would wait without end below (a station there at its capacity: stage
// 4 at 3·10⁷ users, 49.62 of 50, its writes ~2 s behind the pooler). Within half a thread of
// the pool read "full" until 2026-12-06 (QA).
inline constexpr double kPoolFull = 1 - 1e-4;

// How loaded a station is, for colours: normal up to kWarnUtilization, then warning, critical
// and page above the article's levels (NaN reads as normal; overloaded stations are at Page).
enum class LoadBand { Normal, Warning, Critical, Page };
constexpr LoadBand loadBand(double utilization)
{
    return utilization > kPageUtilization       ? LoadBand::Page
           : utilization > kCriticalUtilization ? LoadBand::Critical
           : utilization > kWarnUtilization     ? LoadBand::Warning
                                                : LoadBand::Normal;
}

// The legend of those bands, in order, for every view that explains a colour.
struct LoadBandInfo {
    LoadBand band;
    double from;      // the band holds utilizations above this (Normal: from 0)
    const char *name; // "Warning"
    const char *meaning;
};
// clang-format off
inline constexpr LoadBandInfo kLoadBands[] = {
    {LoadBand::Normal, 0.0, "Normal", "up to 70%: room to grow"},
    {LoadBand::Warning, kWarnUtilization, "Warning", "above 70%: plan more capacity (80% is the effective maximum)"},
    {LoadBand::Critical, kCriticalUtilization, "Critical", "above 85%: queues grow fast; add capacity now"},
    {LoadBand::Page, kPageUtilization, "Page", "above 95%: at or past the wall; requests wait or fail"},
};
// clang-format on

// --- Advisor ---------------------------------------------------------------------------------
// A cache that hits less than this isn't helping much (CACHE_LOW_HIT_RATIO).
inline constexpr double kMinCacheHitRatio = 0.9;
// Shards are premature while one unsharded primary would run below this (PREMATURE_SHARDING).
inline constexpr double kShardingWorthUtilization = 0.5;
// OVERPROVISIONED: a compute tier below kOverprovisionedUtilization that costs at least
// kOverprovisionedMinUsd a month, and that could shrink: with three or more instances, one
// fewer would still run below kShrinkToUtilization; with one or two, it idles below
// kIdleUtilization.
inline constexpr double kOverprovisionedUtilization = 0.3;
inline constexpr double kOverprovisionedMinUsd = 100;
inline constexpr double kShrinkToUtilization = 0.6;
inline constexpr double kIdleUtilization = 0.1;
// WRONG_LAYER: app servers below this while the database tier is the hot bottleneck.
inline constexpr double kWrongLayerAppUtilization = 0.5;

// --- Size of the routing ------------------------------------------------------------------------
// Each look-aside cache of an app server hands its misses to each of that app's replicas,
// poolers and databases: caches × data routes per app server. A design whose routes would
// exceed this is refused with a clear error (a real app talks to a handful of each; 10,000 of
// each would need gigabytes), rather than evaluated in minutes.
inline constexpr double kMaxMissRoutes = 1e6;

// --- Saturation ----------------------------------------------------------------------------------
// A ρ this close below 1 is 1 (docs/model.md "Capacity"): at the wall ρ's arithmetic may land an
// ulp or two under it. An auto-scaled tier is sized clear of twice that band.
inline constexpr double kSaturationRounding = 1e-12;
// An auto-scaled tier carries at its target what is within this of capacity × target: the peak's
// arithmetic lands an ulp or a few over a count's boundary (72,000 users × 40 requests × 30 ÷
// 86,400 is 1,000.0000000000001 req/s), and there an ulp was an instance (docs/model.md).
inline constexpr double kScaleSlack = 1e-13;

// --- Bottleneck --------------------------------------------------------------------------------
// Two stations whose ρ differ by at most this share are level, and the bottleneck is the first of
// them in design order (docs/model.md "Bottleneck, wall, ceiling"): stage 4's app servers and
// workers are both at 1,736.1 ÷ 3,200 = 86.8 ÷ 160 of their capacity, and the one whose ρ came
// out an ulp higher was named (QA).
inline constexpr double kBottleneckTie = 1e-12;

// The least ρ level with `highest`.
inline double levelFrom(double highest)
{
    return std::isfinite(highest) ? highest - kBottleneckTie * highest : highest;
}

// bottleneckAmong's second pass, for a caller that found the highest ρ (−1: no candidate) in a
// loop of its own: of the candidates level with it (from levelFrom), the first in design order.
template <typename ForEach> int firstLevelWith(double highest, const ForEach &each)
{
    if (!(highest >= 0))
        return -1;
    const double least = levelFrom(highest);
    int first = -1;
    each([&](double rho, int at) {
        if (rho >= least && (first < 0 || at < first))
            first = at;
    });
    return first;
}

// The bottleneck among the candidates `each(f)` gives f, as (ρ, component index): the highest
// ρ, and of the stations level with it the first in design order; −1 when there is none (NaN is
// none). Two passes: in one, a chain of near ties (A level with B, B with C, C above A by more)
// named one station in evaluate's design order and another in the sweep's order of lumps
// (review).
template <typename ForEach> int bottleneckAmong(const ForEach &each)
{
    double highest = -1;
    each([&highest](double rho, int) {
        if (rho > highest)
            highest = rho;
    });
    return firstLevelWith(highest, each);
}

// --- Users -------------------------------------------------------------------------------------
// The users axis of the slider, the growth charts and the default sweep (DESIGN.md "Sweep").
inline constexpr double kMinUsers = 10;
inline constexpr double kMaxUsers = 1e8;
// Points of the default sweep (log-spaced from kMinUsers to kMaxUsers).
inline constexpr int kSweepPoints = 200;

// --- Reference bands ---------------------------------------------------------------------------
// Monthly cost of a typical web app by size (reference/scaling-facts.md): users and USD/month.
struct CostBand {
    const char *name;
    double usersFrom, usersTo, usdFrom, usdTo;
};
// clang-format off
inline constexpr CostBand kCostBands[] = {
    {"Hobby", 1, 1e3, 30, 80},
    {"Startup", 1e3, 1e4, 200, 500},
    {"Growth", 1e4, 1e5, 1500, 3000},
    {"Scale", 1e5, 1e6, 10e3, 30e3},
    {"Massive", 1e6, 1e8, 100e3, 1e6},
};
// clang-format on

} // namespace sc
