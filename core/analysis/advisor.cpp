// Advisor: the warnings of DESIGN.md, read off the evaluated figures. Per component, in a
// fixed order: load, configuration, sizing, operations.

#include "core/analysis/prepared.h"

#include "core/analysis/limits.h"
#include "core/analysis/money.h"
#include "core/analysis/printfnumber.h"
#include "core/analysis/report.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>

namespace sc {

namespace {
// clang-format off
// The one table of advisor codes and their severities (docs/model.md "Advisor codes"): an error
// fails requests at this load now, a warning is a risk (it works until a failure or a little
// more load), advice saves money or trouble later.
constexpr AdvisorCode kAdvisorCodes[] = {
    {"NO_CLIENTS", Severity::Error, "no traffic enters the design, so no figure describes a load"},
    {"DEAD_END", Severity::Error, "requests reach a component with nowhere to go on: they fail"},
    {"OVERLOADED", Severity::Error, "arrivals exceed capacity: requests queue without end and fail"},
    {"WORKERS_BEHIND", Severity::Error, "jobs arrive faster than workers finish: the backlog grows without end"},
    {"THREAD_POOL_EXHAUSTED", Severity::Error, "requests need more threads than the pool has: they wait for one and time out"},
    {"SPOF", Severity::Warning, "works today; one failure stops traffic"},
    {"NO_N_PLUS_1", Severity::Warning, "works today; losing one instance or cache node overloads a tier"},
    {"HOT", Severity::Warning, "above the 80% effective maximum: a little more load and queues grow steeply"},
    {"TOO_MANY_CONNECTIONS", Severity::Error, "the callers' pools open more connections than the database accepts: it refuses the requests that would need the others now"},
    {"STATEFUL_SCALE_OUT", Severity::Warning, "users lose their sessions whenever the balancer switches instance"},
    {"WORKING_SET_EXCEEDS_RAM", Severity::Warning, "data spills to disk or is evicted: slower than the figures assume"},
    {"BURSTABLE_BASELINE", Severity::Warning, "in standard credit mode the instance is throttled to its baseline: the load needs more than it sustains"},
    {"UNUSED", Severity::Warning, "a billed box that takes no part: the design is not what it looks like"},
    {"CLIENT_SHARES", Severity::Warning, "the flows carry another load than the design's users send: the peak, the cost per user and the walls describe different loads"},
    {"REPLICA_LAG", Severity::Warning, "a user who reads right after writing may not see the write"},
    {"REPLICA_NO_PRIMARY", Severity::Warning, "the replica copies no database: what it serves never changes"},
    {"UNPLACED", Severity::Warning, "the users have places but this component has none: the distances to it are not counted"},
    {"ZONE_RTT_ORDER", Severity::Warning, "calls within a zone are counted slower than calls between zones"},
    {"OVERPROVISIONED", Severity::Advice, "money: the tier could be smaller; nothing fails"},
    {"PREMATURE_SHARDING", Severity::Advice, "complexity before it is needed; nothing fails"},
    {"WRONG_LAYER", Severity::Advice, "effort spent where it does not help; the bottleneck is elsewhere"},
    {"NO_HEADROOM", Severity::Advice, "auto-scaling reacts late to a spike; lower the target"},
    {"CACHE_NO_TTL", Severity::Advice, "stale entries stay; a habit to fix, not a load problem"},
    {"CACHE_LOW_HIT_RATIO", Severity::Advice, "the cache helps little; tune its keys or drop it"},
    {"BURST_CREDITS", Severity::Advice, "money: surplus CPU credits are billed; a non-burstable type may cost less"},
    {"SINGLE_AZ", Severity::Advice, "a zone outage takes the database down; Multi-AZ when the budget allows"},
};
// clang-format on
} // namespace

std::span<const AdvisorCode> advisorCodes()
{
    return kAdvisorCodes;
}

Severity severityOf(std::string_view code)
{
    // The codes' lengths worked out at compile time: the advisor asks once per warning.
    static constexpr auto kCodes = [] {
        std::array<std::string_view, std::size(kAdvisorCodes)> codes{};
        for (size_t i = 0; i < codes.size(); ++i)
            codes[i] = kAdvisorCodes[i].code;
        return codes;
    }();
    for (size_t i = 0; i < kCodes.size(); ++i)
        if (code == kCodes[i])
            return kAdvisorCodes[i].severity;
    return Severity::Warning;
}

const char *severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Advice:
        return "advice";
    }
    return "warning";
}

SeverityCounts countBySeverity(const std::vector<Warning> &warnings)
{
    SeverityCounts n;
    for (const Warning &w : warnings)
        ++(w.severity == Severity::Error     ? n.errors
           : w.severity == Severity::Warning ? n.warnings
                                             : n.advice);
    return n;
}

std::string severityCountsText(const SeverityCounts &n)
{
    return std::to_string(n.errors) + (n.errors == 1 ? " error, " : " errors, ") +
           std::to_string(n.warnings) + (n.warnings == 1 ? " warning, " : " warnings, ") +
           std::to_string(n.advice) + " advice";
}

} // namespace sc

namespace sc::detail {
namespace {

const std::string &displayName(const Component &c)
{
    return c.label.empty() ? c.id : c.label;
}

std::string fmt(const char *format, double v)
{
    return printfNumber(format, v);
}

// ρ as a percentage with the fewest decimals (up to three) that read above `limit`: ρ = 0.8025
// is "80.2%", not "80%" beside "above the 80%" (QA); closer than that, ">80%".
std::string percentAbove(double rho, double limit)
{
    for (const char *format : {"%.0f%%", "%.1f%%", "%.2f%%", "%.3f%%"}) {
        const std::string s = fmt(format, rho * 100);
        double shown = 0; // (from_chars: the "C" locale's point whatever the process's locale)
        std::from_chars(s.data(), s.data() + s.size() - 1, shown);
        if (shown > limit * 100)
            return s;
    }
    return fmt(">%.0f%%", limit * 100); // closer than three decimals show (review: "80.000%")
}

// The parts one after another in one allocation: a big design's evaluation writes hundreds of
// the same few messages, and `a + b + c …` grew each one four or five times over.
template <typename... Parts> std::string joined(const Parts &...parts)
{
    std::string out;
    out.reserve((std::string_view(parts).size() + ...));
    (out.append(std::string_view(parts)), ...);
    return out;
}

// CACHE_LOW_HIT_RATIO's last words, the same for every cache.
const std::string &belowMinHitRatioText()
{
    static const std::string text =
        fmt("; below %.0f%% a cache isn't helping much", kMinCacheHitRatio * 100);
    return text;
}

// A quantity as people read it: three significant digits below 1,000 ("8.59"), whole with
// thousands separators from there ("2,488,397", "12,000"; "2.49e+06" read as equal to a
// neighbour it exceeds); %.3g only past 10^15.
std::string quantity(double v)
{
    return wholeOrPrintf(v, 999.5, "%.3g");
}

// A rate in three figures with a suffix: "950", "12.5k", "3.4M", "1.16T"; past 999.5T in
// scientific notation ("1.16e+19"), never a suffix after an exponent ("1.16e+13M").
std::string fmtRate(double v)
{
    if (v < 100)
        return fmt("%.3g", v);
    if (v < 1e4)
        return fmt("%.0f", v);
    // The unit under which it reads below 999.5 (so that rounding does not write "1e+03k").
    for (auto [unit, format] :
         {std::pair{1e3, "%.3gk"}, {1e6, "%.3gM"}, {1e9, "%.3gB"}, {1e12, "%.3gT"}})
        if (v / unit < 999.5)
            return fmt(format, v / unit);
    return shortNumber(v); // "40,000T", as the text's table writes it (never "4e+16")
}

// A monthly amount in whole dollars with the reports' separators: "$12,600/month".
std::string fmtMonthly(double usd)
{
    const std::optional<std::int64_t> cents = centsOf(usd);
    if (!cents || *cents < 0)
        return formatUsd(usd) + "/month";
    return "$" + withThousands(std::uint64_t((*cents + 50) / 100)) + "/month";
}

// GiB (the catalog's memory) in GB (the parameters' working sets).
constexpr double kGbPerGiB = 1.073741824;

bool sameBits(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}
bool sameBits(const ClassRates &a, const ClassRates &b)
{
    return std::equal(a.begin(), a.end(), b.begin(),
                      [](double x, double y) { return sameBits(x, y); });
}
bool sameBits(const std::optional<double> &a, const std::optional<double> &b)
{
    return a.has_value() == b.has_value() && (!a || sameBits(*a, *b));
}
template <typename T> bool sameBits(const T &a, const T &b)
{
    return a == b;
}

// Every field of a component's figures, named: a field added to ComponentResult stops this
// compiling until it is listed, and so compared (sameFigures).
auto fieldsOf(const ComponentResult &r)
{
    const auto &[id, kind, instances, cores, arrivals, arrivalRps, servedRps, errorRps, refusedRps,
                 capacityRps, utilization, station, overloaded, meanLatencyMs, concurrency,
                 monthlyCostUsd, computeCostUsd, spof, nPlusOne, availability,
                 threadsBusyPerInstance, connectionsOpened, connectionsBusy, hitRatio, cacheFillRps,
                 cacheInvalidationRps, appliedWriteRps, replicationDelayMs] = r;
    return std::tie(id, kind, instances, cores, arrivals, arrivalRps, servedRps, errorRps,
                    refusedRps, capacityRps, utilization, station, overloaded, meanLatencyMs,
                    concurrency, monthlyCostUsd, computeCostUsd, spof, nPlusOne, availability,
                    threadsBusyPerInstance, connectionsOpened, connectionsBusy, hitRatio,
                    cacheFillRps, cacheInvalidationRps, appliedWriteRps, replicationDelayMs);
}

// Whether two components' figures are the same to the last bit (0 and −0 apart, as the messages
// write them; a NaN as itself).
bool sameFigures(const ComponentResult &a, const ComponentResult &b)
{
    const auto x = fieldsOf(a), y = fieldsOf(b);
    return [&]<size_t... k>(std::index_sequence<k...>)
    {
        return (sameBits(std::get<k>(x), std::get<k>(y)) && ...);
    }
    (std::make_index_sequence<std::tuple_size_v<decltype(x)>>{});
}

class Advisor
{
public:
    Advisor(const Prepared &p, const std::vector<int> &lossTarget,
            const std::vector<double> &lossRho, Evaluation &ev, AdviceMemo *keep)
        : m_p(p)
        , m_comps(p.design.components)
        , m_lossTarget(lossTarget)
        , m_lossRho(lossRho)
        , m_ev(ev)
        , m_cutOff(cutOffByFailures(p))
        , m_keep(keep)
    {
    }

    void run()
    {
        if (!m_p.hasClients)
            m_ev.warnings.push_back(
                {"NO_CLIENTS", "", std::string(kNoClientsMessage) + "; add Clients and connect it",
                 severityOf("NO_CLIENTS")});
        clientShares();
        zoneRttOrder();
        const size_t first = m_ev.warnings.size();
        const AdviceMemo *was = carried();
        if (was) {
            m_same.resize(m_comps.size());
            for (size_t i = 0; i < m_comps.size(); ++i)
                m_same[i] =
                    m_p.adviceSame[i] && sameFigures(m_ev.components[i], was->components[i]);
        }
        m_sameBottleneck = was && was->bottleneck == m_ev.bottleneck &&
                           (m_ev.bottleneck < 0 || m_same[size_t(m_ev.bottleneck)]);
        if (m_keep)
            m_keep->at.reserve(m_comps.size() + 1);
        for (size_t i = 0; i < m_comps.size(); ++i) {
            if (m_keep)
                m_keep->at.push_back(std::uint32_t(m_ev.warnings.size() - first));
            if (was && takesOver(*was, i)) {
                m_ev.warnings.insert(m_ev.warnings.end(), was->warnings.begin() + was->at[i],
                                     was->warnings.begin() + was->at[i + 1]);
                continue;
            }
            const Component &c = m_comps[i];
            const ComponentResult &r = m_ev.components[i];
            load(i, c, r);
            configuration(i, c, r);
            sizing(i, c, r);
            operations(i, c, r);
            replication(i, c, r);
            placement(i, c, r);
        }
        if (m_keep) {
            m_keep->at.push_back(std::uint32_t(m_ev.warnings.size() - first));
            m_keep->warnings.assign(m_ev.warnings.begin() + long(first), m_ev.warnings.end());
            m_keep->users = m_ev.users;
            m_keep->bottleneck = m_ev.bottleneck;
            m_keep->components = m_ev.components;
            m_keep->lossTarget = m_lossTarget;
        }
        // Errors first, then warnings, then advice; each in the order found (one move per
        // warning: a big design has a thousand, and a merge sort moved each ten times).
        std::vector<Warning> sorted;
        sorted.reserve(m_ev.warnings.size());
        for (const Severity severity : {Severity::Error, Severity::Warning, Severity::Advice})
            for (Warning &w : m_ev.warnings)
                if (w.severity == severity)
                    sorted.push_back(std::move(w));
        assert(sorted.size() == m_ev.warnings.size());
        m_ev.warnings = std::move(sorted);
    }

private:
    // The advice of the model this one was carried from, when it was at these users.
    const AdviceMemo *carried() const
    {
        const AdviceMemo *was = m_p.adviceBefore.get();
        if (!was ||
            std::bit_cast<std::uint64_t>(was->users) != std::bit_cast<std::uint64_t>(m_ev.users) ||
            was->components.size() != m_comps.size() || m_p.adviceSame.size() != m_comps.size() ||
            m_lossTarget.size() != m_comps.size())
            return nullptr;
        return was;
    }

    // Whether component i's warnings are those `was` found: everything the checks below read of
    // it is as it was — its parameters, label, routes and figures, those of its callers (the
    // connections they open, the readers of a replica), its primary's place — and it reads
    // nothing else that could have changed: no N+1 target (a pool's), some traffic (an idle
    // component's reason names its callers' other targets), no burstable type (credits read the
    // day), and for an app server the same bottleneck (WRONG_LAYER). Anything else is checked
    // again.
    bool takesOver(const AdviceMemo &was, size_t i) const
    {
        if (!m_same[i] || m_lossTarget[i] >= 0 || was.lossTarget[i] >= 0 ||
            !(m_ev.components[i].arrivalRps > 0))
            return false;
        if (m_comps[i].kind == Kind::AppServer && !m_sameBottleneck)
            return false;
        if (const InstanceType *t = m_p.prep[i].instance; t && t->burstBaseline < 1)
            return false;
        for (int e : m_p.inEdges[i])
            if (!m_same[size_t(m_p.from[size_t(e)])])
                return false;
        const int primary = m_p.routing.primaryOf[i];
        return primary < 0 || m_p.adviceSame[size_t(primary)];
    }

    void warn(const char *code, size_t i, std::string message)
    {
        m_ev.warnings.push_back({code, m_comps[i].id, std::move(message), severityOf(code)});
    }

    // Each clients component sends its `share` of the design's traffic (docs/model.md): shares
    // that do not add up to 1 (two pasted clients at the default 1 each) make the flows carry
    // another load than the peak and the cost per user count. On the first clients component.
    void clientShares()
    {
        double sum = 0;
        std::string names;
        int first = -1, count = 0;
        for (size_t i = 0; i < m_comps.size(); ++i) {
            if (m_comps[i].kind != Kind::Clients)
                continue;
            sum += m_comps[i].number("share");
            names += (count++ == 0 ? "" : ", ") + displayName(m_comps[i]);
            first = first < 0 ? int(i) : first;
        }
        if (first < 0 || std::fabs(sum - 1) <= 1e-9)
            return;
        warn("CLIENT_SHARES", size_t(first),
             names + (count > 1 ? ": their shares add up to " : ": its share is ") + quantity(sum) +
                 ", so the flows carry " + fmt("%.3g%%", 100 * sum) +
                 " of the design's traffic while the peak and the cost per user count 100%; " +
                 (count > 1 ? "make the shares add up to 1" : "set the share to 1"));
    }

    // A round trip within a zone set longer than one between zones: valid (each within its
    // range, and files that say so still load), but the hops then read backwards.
    void zoneRttOrder()
    {
        const Geography &g = m_p.design.geography;
        if (!(g.sameZoneRttMs > g.crossZoneRttMs))
            return;
        m_ev.warnings.push_back(
            {"ZONE_RTT_ORDER", "",
             "design.geography: a round trip within a zone (sameZoneRttMs, " +
                 quantity(g.sameZoneRttMs) +
                 " ms) is set longer than one between zones "
                 "(crossZoneRttMs, " +
                 quantity(g.crossZoneRttMs) +
                 " ms), so calls within a zone are counted slower than calls across zones; the "
                 "defaults are " +
                 quantity(kDefaultSameZoneRttMs) + " ms and " + quantity(kDefaultCrossZoneRttMs) +
                 " ms",
             severityOf("ZONE_RTT_ORDER")});
    }

    // The share of a derived cache's keys its memory holds, cut to a tenth of a percent (never
    // rounded up to "100%"), the same in every message (QA: 39.8% in one, 39.9% in the other).
    std::string heldShare(size_t i, const Component &c) const
    {
        const double held = std::min(1.0, cacheCapacityOf(m_p, i) / c.number("keys"));
        const double tenths = std::floor(1000 * held + 1e-9) / 10;
        return tenths > 0 || !(held > 0) ? fmt("%.3g%%", tenths) : std::string("<0.1%");
    }

    // What a dead end loses at the peak, each kind as the figures count it: the users' dynamic
    // requests fail (the error rate), their static fetches fail too (outside it, as every
    // static figure is), background jobs are dropped (no user waits for one). "4.34 req/s
    // fail" of jobs read as failures the error rate did not show (QA).
    std::string deadEndLoss(const ClassRates &lost) const
    {
        const double dynamic = (lost[kRead] + lost[kWrite]) * m_ev.users,
                     fetches = lost[kStatic] * m_ev.users, jobs = lost[kJob] * m_ev.users;
        std::vector<std::string> parts;
        if (lost[kRead] + lost[kWrite] > 0)
            parts.push_back(fmtRate(dynamic) + " req/s fail at the peak");
        if (lost[kStatic] > 0)
            parts.push_back(fmtRate(fetches) + " static fetches/s fail (not in the error rate)");
        if (lost[kJob] > 0)
            parts.push_back(fmtRate(jobs) + " jobs/s are dropped (background work, not in the " +
                            "error rate)");
        std::string text;
        for (size_t k = 0; k < parts.size(); ++k)
            text += (k == 0 ? "" : ", ") + parts[k];
        return text;
    }

    // Dead ends, overload, hot stations and what fails with one component or instance.
    void load(size_t i, const Component &c, const ComponentResult &r)
    {
        const std::string &name = displayName(c);
        if (const ClassRates &lost = m_p.routing.deadEnd[i]; lost != ClassRates{})
            warn("DEAD_END", i,
                 name + ": nowhere to send " + deadEndClasses(lost) + " requests; " +
                     deadEndLoss(lost) + ": connect it onward");
        // Its targets of a class all down (live failures): as lost as at a dead end. With the
        // app tier failed, 100% failing read beside "No warnings: every station has headroom"
        // (QA).
        if (const ClassRates &lost = m_p.routing.failedAt[i]; lost != ClassRates{})
            warn("DEAD_END", i,
                 name + ": everything it sends " + deadEndClasses(lost) + " requests to is down; " +
                     deadEndLoss(lost) + ": restore one, or connect another");
        if (r.overloaded && c.kind == Kind::Worker)
            warn("WORKERS_BEHIND", i,
                 name + ": jobs arrive at " + fmtRate(r.arrivalRps) + "/s but workers finish " +
                     fmtRate(r.capacityRps) + "/s; the queue backlog grows without end");
        if (r.overloaded)
            warn("OVERLOADED", i,
                 name + ": overloaded, " + fmtRate(r.arrivalRps) + " req/s for " +
                     fmtRate(r.capacityRps) + " req/s of capacity (" +
                     utilizationText(r.utilization) + ")");
        else if (r.utilization > kTargetUtilization)
            warn("HOT", i,
                 name + ": runs at " + percentAbove(r.utilization, kTargetUtilization) +
                     " at the peak" +
                     fmt(", above the %.0f%% a resource should stay under",
                         kTargetUtilization * 100));
        if (r.spof)
            warn("SPOF", i, joined(name, ": a single point of failure; losing it stops traffic"));
        if (m_lossTarget[i] >= 0 && c.kind != Kind::Cache)
            // One of servers that serve together at a split (failure.cpp checkPoolLosses).
            warn("NO_N_PLUS_1", i,
                 name + ": losing it sends its share to " +
                     displayName(m_comps[size_t(m_lossTarget[i])]) + poolOthers(i) +
                     ", which would run at " + utilizationText(m_lossRho[i]));
        else if (m_lossTarget[i] >= 0)
            warn("NO_N_PLUS_1", i,
                 name + ": losing " +
                     (r.instances >= 2 ? std::string("a node") : std::string("it")) +
                     " sends its hits to " + displayName(m_comps[size_t(m_lossTarget[i])]) +
                     ", which would run at " + utilizationText(m_lossRho[i]));
        else if (!r.nPlusOne && r.instances >= 2 && c.kind == Kind::Database)
            // A primary's instances are its shards: each holds its own data, so no other takes
            // over its requests (QA: "leaves too little capacity" at 26%).
            warn("NO_N_PLUS_1", i,
                 name + ": each of its " + fmt("%.0f", r.instances) +
                     " shards holds its own data in one zone: losing one fails its share of the "
                     "requests (Multi-AZ gives each shard a standby)");
        else if (!r.nPlusOne && r.instances >= 2)
            warn("NO_N_PLUS_1", i,
                 name + ": losing one of " + fmt("%.0f", r.instances) +
                     " instances leaves too little capacity for the peak");
    }

    // Why an app server's pool is short: what its requests hold of its threads, in words. The
    // threads held are those of the share it lets in; where that share stops short of filling
    // the pool (one request more would wait below without end: a station there is past its
    // capacity) or a station below is past it already, no count of threads says why.
    static std::string threadsText(const ComponentResult &r, double pool)
    {
        const double held = r.threadsBusyPerInstance;
        if (!std::isfinite(held))
            return fmt(": its requests would hold its %.0f threads per instance without end (a "
                       "station below is past its capacity)",
                       pool) +
                   refusedShare(r);
        if (r.refusedRps > 0 && held < pool * kPoolFull)
            return fmt(": its %.0f threads per instance cannot take more of what arrives: one "
                       "request more would wait without end below (a station there reaches its "
                       "capacity)",
                       pool) +
                   refusedShare(r);
        return fmt(": requests hold %.0f threads per instance", held) +
               fmt(" (their service and their time downstream) of %.0f", pool) + refusedShare(r);
    }

    // " and the n others it serves with" for component i in a failover pool of more than two
    // (the first that holds it), else nothing.
    std::string poolOthers(size_t i) const
    {
        const int lump = (*m_p.lumpOf)[i];
        for (const Prepared::FailoverPool &pool : m_p.failoverPools) {
            int members = 0;
            bool in = false;
            for (std::uint32_t t = pool.first; t < pool.last; ++t) {
                members += m_p.failoverTargets[t].members;
                in = in || m_p.failoverTargets[t].lump == lump;
            }
            if (in)
                return members > 3    ? fmt(" and the %.0f others it serves with", members - 2.0)
                       : members == 3 ? std::string(" and the other it serves with")
                                      : std::string();
        }
        return {};
    }

    // "; X% of its requests are refused" when its pools refuse some, else nothing.
    static std::string refusedShare(const ComponentResult &r)
    {
        return r.refusedRps > 0 && r.arrivalRps > 0
                   ? fmt("; %.3g%% of its requests are refused", 100 * r.refusedRps / r.arrivalRps)
                   : std::string();
    }

    // What to do about a database's callers opening too many connections: a pooler in front when
    // none is; when one is, the caller that still connects past it (its pool opens connections
    // whether or not it sends anything that way); else the poolers' own pools.
    std::string connectionsFix(size_t db) const
    {
        const Component *pooler = nullptr;
        size_t direct = db; // none yet
        double directOpened = 0;
        for (int e : m_p.inEdges[db]) {
            const size_t from = size_t(m_p.from[size_t(e)]);
            const double opened =
                m_ev.components[from].instances * m_p.prep[from].connectionsPerInstance;
            if (m_comps[from].kind == Kind::Pooler)
                pooler = pooler ? pooler : &m_comps[from];
            else if (opened > directOpened)
                direct = from, directOpened = opened;
        }
        if (!pooler)
            return "; put a pooler in front";
        if (direct == db)
            return "; lower the pool size of " + displayName(*pooler) + " or raise max_connections";
        const auto outs = m_p.outEdges[direct];
        const bool pooled = std::any_of(outs.begin(), outs.end(), [&](int e) {
            return m_comps[size_t(m_p.to[size_t(e)])].kind == Kind::Pooler;
        });
        return "; " + displayName(m_comps[direct]) +
               fmt(" opens %.0f of them on its own connection", directOpened) +
               (pooled ? ": remove that connection (its queries go through the pooler)"
                       : ": send its queries through " + displayName(*pooler));
    }

    // Why a component with no traffic has none, for UNUSED: nothing is wired to it; what its
    // callers send goes elsewhere (the routing's preference, docs/model.md "Routing"), or they
    // make no jobs; or nothing reaches its callers either.
    std::string unusedReason(size_t i) const
    {
        const auto in = m_p.inEdges[i];
        if (in.empty())
            return "; connect it";
        for (int e : in) {
            const size_t u = size_t(m_p.from[size_t(e)]);
            if (m_ev.components[u].arrivalRps <= 0 && m_p.perUser(u) == ClassRates{})
                continue; // an idle caller: look for one that gets something
            const Component &caller = m_comps[u];
            const std::string &who = displayName(caller);
            if (caller.kind == Kind::AppServer &&
                (m_comps[i].kind == Kind::Queue || m_comps[i].kind == Kind::Worker)) {
                if (m_p.design.traffic.asyncPerWrite <= 0)
                    return ": " + who + " enqueues no jobs (the traffic's jobs per write is 0)";
                if (m_p.perUser(u)[kWrite] <= 0)
                    return ": " + who + " receives no writes, so it enqueues no jobs";
            }
            std::vector<const std::string *> elsewhere;
            for (const Out &o : m_p.routing.allOutsOf(u)) {
                const std::string *target = &displayName(m_comps[size_t(o.target)]);
                if (o.fraction > 0 && size_t(o.target) != i &&
                    std::find(elsewhere.begin(), elsewhere.end(), target) == elsewhere.end())
                    elsewhere.push_back(target);
            }
            if (elsewhere.empty())
                return ": " + who + " sends nothing on to it";
            std::string to = *elsewhere[0];
            if (elsewhere.size() == 2)
                to += " and " + *elsewhere[1];
            else if (elsewhere.size() > 2)
                to += fmt(" and %.0f more", double(elsewhere.size() - 1));
            return ": requests from " + who + " go to " + to + " instead";
        }
        return ": nothing reaches " + displayName(m_comps[size_t(m_p.from[size_t(in[0])])]) +
               " either";
    }

    // Settings that break at this load: sessions, connections, threads, caches, shards.
    void configuration(size_t i, const Component &c, const ComponentResult &r)
    {
        const std::string &name = displayName(c);
        if (c.kind == Kind::AppServer && c.flag("sessionsInMemory") &&
            (r.instances > 1 || (c.autoscale && c.autoscale->max > 1)))
            warn("STATEFUL_SCALE_OUT", i,
                 name +
                     ": keeps sessions in memory on more than one instance; "
                     "users lose them when the balancer switches; move sessions to a shared store");
        if (c.kind == Kind::Database && r.connectionsOpened > c.number("maxConnections"))
            warn("TOO_MANY_CONNECTIONS", i,
                 name + fmt(": callers open %.0f connections", r.connectionsOpened) +
                     fmt(" but max_connections is %.0f", c.number("maxConnections")) +
                     refusedShare(r) + connectionsFix(i));
        // The pool's own figure and refusal (limitedFlowAt): short when it refuses some.
        if (c.kind == Kind::AppServer &&
            (r.refusedRps > 0 || r.threadsBusyPerInstance >= c.number("threadsPerInstance")))
            warn("THREAD_POOL_EXHAUSTED", i, name + threadsText(r, c.number("threadsPerInstance")));
        if (c.kind == Kind::Cache && c.number("ttlS") <= 0)
            warn("CACHE_NO_TTL", i, name + ": no TTL, so stale entries are never evicted");
        // Rounded down to a tenth: 89.95% must not read as the 90% it falls short of; and what
        // reads as 90% is not below it (a derived 0.8999999999999994 where 0.9 is exact; QA).
        const double hitTenths = std::floor(r.hitRatio * 1000 + 1e-9);
        if (c.kind == Kind::Cache && hitTenths < kMinCacheHitRatio * 1000 && r.arrivals[kRead] > 0)
            warn("CACHE_LOW_HIT_RATIO", i,
                 joined(name, fmt(": hits %g%%", hitTenths / 10),
                        derivesHitRatio(c)
                            ? " (derived: its memory holds " + heldShare(i, c) + " of the keys)"
                            : std::string(),
                        belowMinHitRatioText()));
        if (c.kind == Kind::Database && c.number("shards") > 1) {
            const double single = r.utilization / shardFactor(c) * 1.0;
            if (single < kShardingWorthUtilization)
                warn("PREMATURE_SHARDING", i,
                     name + fmt(": one unsharded primary would run at %.0f%%; shards add "
                                "complexity before they are needed",
                                single * 100));
        }
    }

    // Too big, scaled in the wrong layer, too small in memory, or on a burstable baseline.
    void sizing(size_t i, const Component &c, const ComponentResult &r)
    {
        const std::string &name = displayName(c);
        // Right-size when an instance fewer still runs cool (three or more: two stay for
        // redundancy), or when one or two instances idle below 10%.
        const bool canShrink = r.instances >= 3 ? r.utilization * r.instances / (r.instances - 1) <
                                                      kShrinkToUtilization
                                                : r.utilization < kIdleUtilization;
        // Capacity that takes a cache's hits when a cache node fails is held for failover, not
        // waste: the N+1 check is its measure. A tier that refuses or sheds requests is cool
        // because of it, not too big (a primary refusing 32% for want of connections was told
        // to right-size at 9%; QA). The figure is its instances' cost, which right-sizing
        // changes, not its storage's (the box's is both).
        if (isCompute(c) && r.utilization < kOverprovisionedUtilization && canShrink &&
            r.computeCostUsd >= kOverprovisionedMinUsd && r.arrivalRps > 0 && !c.autoscale &&
            !m_p.cacheFailover[i] && !(r.errorRps > 0))
            warn("OVERPROVISIONED", i,
                 joined(name, ": runs at ", utilizationText(r.utilization), " at the peak on ",
                        fmtMonthly(r.computeCostUsd),
                        " of instances: right-size it (fewer or smaller instances",
                        c.textView("pricing") == "onDemand"
                            ? ", reserved pricing for the always-on baseline)"
                            : ")"));
        const int bn = m_ev.bottleneck;
        if (c.kind == Kind::AppServer && bn >= 0 && size_t(bn) != i &&
            (m_comps[size_t(bn)].kind == Kind::Database ||
             m_comps[size_t(bn)].kind == Kind::ReadReplica) &&
            m_ev.components[size_t(bn)].utilization >= kTargetUtilization && r.arrivalRps > 0 &&
            r.utilization < kWrongLayerAppUtilization && (r.instances >= 3 || c.autoscale))
            warn("WRONG_LAYER", i,
                 name + ": more app servers will not help; " + displayName(m_comps[size_t(bn)]) +
                     " is the bottleneck at " +
                     utilizationText(m_ev.components[size_t(bn)].utilization));
        const InstanceType *type =
            findParam(c.kind, "instanceType") ? m_p.prep[i].instance : nullptr;
        if (!type)
            return;
        if (c.kind == Kind::Cache && derivesHitRatio(c) &&
            c.number("keys") > cacheCapacityOf(m_p, i))
            warn("WORKING_SET_EXCEEDS_RAM", i,
                 name + ": " + quantity(c.number("keys")) + " keys of " +
                     quantity(c.number("valueBytes")) + " B exceed the " +
                     quantity(std::floor(cacheCapacityOf(m_p, i))) + " its memory holds" + " (" +
                     heldShare(i, c) + "): the derived hit ratio counts the misses");
        if (c.kind == Kind::Cache && !derivesHitRatio(c) &&
            c.number("workingSetGB") > r.instances * type->memoryGiB * kGbPerGiB)
            warn("WORKING_SET_EXCEEDS_RAM", i,
                 name + ": working set " + quantity(c.number("workingSetGB")) + " GB exceeds " +
                     quantity(r.instances * type->memoryGiB * kGbPerGiB) + " GB of cache memory");
        if (c.kind == Kind::Database && c.number("workingSetGB") > type->memoryGiB * kGbPerGiB)
            warn("WORKING_SET_EXCEEDS_RAM", i,
                 name + ": working set " + quantity(c.number("workingSetGB")) + " GB exceeds " +
                     quantity(type->memoryGiB * kGbPerGiB) + " GB of RAM: queries go to disk");
        if (type->burstBaseline < 1 && isCompute(c))
            burstable(i, c, r, *type);
    }

    // A burstable tier: throttled in standard mode, or billed surplus credits in unlimited mode
    // (then priced against the cheapest non-burstable type of the same vCPUs).
    void burstable(size_t i, const Component &c, const ComponentResult &r, const InstanceType &t)
    {
        const std::string &name = displayName(c);
        if (sustainedShare(c, &t) < 1) {
            if (r.overloaded || r.utilization >= 1)
                warn("BURSTABLE_BASELINE", i,
                     name + fmt(": throttled to the %.0f%% a ", t.burstBaseline * 100) + t.name +
                         " sustains in standard credit mode, and the load needs more: unlimited "
                         "mode (surplus credits billed) or a larger or non-burstable type");
            return;
        }
        const size_t lump = size_t((*m_p.lumpOf)[i]);
        const double hours = m_p.catalog.hoursPerMonth;
        const double credits = creditUnitsAt(m_p, lump, m_ev.users) * t.vcpu * hours *
                               m_p.catalog.service("burstCredits", "surplusVcpuHourUsd");
        if (!(credits > 0))
            return;
        const InstanceType *alt = nullptr;
        for (const InstanceType &o : m_p.catalog.instanceTypes)
            if (o.service == t.service && o.burstBaseline >= 1 && o.vcpu == t.vcpu &&
                (!alt || o.hourlyUsd < alt->hourlyUsd))
                alt = &o;
        const double instances = billedInstances(m_p, i, m_ev.users);
        const double factor = m_p.catalog.pricingFactor(c.textView("pricing"));
        // As the bill prices them: a reserved floor, and what runs above it on demand.
        const double floor = reservedFloorOf(m_p, i);
        const auto billedUsd = [&](double hourlyUsd) {
            return floor > 0 ? floor * hourlyUsd * hours * factor +
                                   std::max(0.0, instances - floor) * hourlyUsd * hours
                             : instances * hourlyUsd * hours * factor;
        };
        const double now = billedUsd(t.hourlyUsd) + credits;
        std::string msg = name + ": " + fmtMonthly(credits) + " of surplus CPU credits" +
                          fmt(" (%.0f%% of the day's CPU above the baseline); ",
                              100 * creditUnitsAt(m_p, lump, m_ev.users) / instances) +
                          t.name + " with credits costs " + fmtMonthly(now);
        if (alt) {
            const double other = billedUsd(alt->hourlyUsd);
            msg += ", " + alt->name + " at the same capacity " + fmtMonthly(other) + ": " +
                   (other < now ? alt->name + " is cheaper" : "the credits are cheaper");
        }
        warn("BURST_CREDITS", i, msg);
    }

    // Auto-scaling headroom, zones, and components nothing reaches.
    // Read-your-writes: a user's next request reaches the site at least one network round trip
    // after the response to a write; a replica further behind than that may not show the write.
    void replication(size_t i, const Component &c, const ComponentResult &r)
    {
        if (c.kind != Kind::ReadReplica || r.arrivals[kRead] <= 0)
            return;
        // A replica is a copy of a primary: the database its readers write to (datatier.cpp).
        // Readers that write to none leave it a copy of nothing (QA: a comparison whose option B
        // had dropped the database "removed the single point of failure at Primary", and no
        // word said the replica it still read from was now a copy of nothing).
        if (m_p.routing.primaryOf[i] < 0) {
            warn("REPLICA_NO_PRIMARY", i,
                 displayName(c) +
                     ": copies no database: its readers write to none, so what it serves "
                     "never changes (wire their writes to the database it replicates)");
            return;
        }
        if (r.appliedWriteRps <= 0)
            return;
        // The time a user's next read gives the log, through each reader (a component calling
        // the replica that gets traffic): the user's round trip to the site — networkRttMs, or
        // with populations the nearest population's to the reader's region (docs/model.md
        // "Geography") — and the time the write's response takes from the primary to that
        // reader, while the log crosses to the replica. The least over the readers, each with
        // its own two parts (QA: the round trip of one and the way back of another made a
        // window no reader has; an idle reader's 0 ms counted).
        const int primary = m_p.routing.primaryOf[i];
        const auto &populations = m_p.design.populations;
        const double networkRtt = m_p.design.traffic.networkRttMs;
        double rtt = networkRtt, back = 0, soonest = kInf;
        const auto through = [&](bool idleToo) {
            for (int e : m_p.inEdges[i]) {
                const int from = m_p.from[size_t(e)];
                if (!idleToo && !(m_ev.components[size_t(from)].arrivalRps > 0))
                    continue;
                double trip = kInf;
                for (size_t pop = 0; pop < populations.size(); ++pop)
                    if (populations[pop].share > 0)
                        trip = std::min(trip, clientRttMs(m_p, pop, from));
                if (!std::isfinite(trip))
                    trip = networkRtt;
                const double away = interRegionOneWayMs(m_p, primary, from);
                if (trip + away < soonest)
                    soonest = trip + away, rtt = trip, back = away;
            }
        };
        through(false);
        if (!std::isfinite(soonest))
            through(true);
        if (r.replicationDelayMs && *r.replicationDelayMs <= rtt + back)
            return;
        // The parts of the window that take time (users placed at the reader's region have no
        // round trip to it: "exceeds the 0 ms round trip" read as a slip; QA).
        const std::string trip = millisecondsText(rtt) + " ms round trip",
                          way = millisecondsText(back) + " ms the response takes from the primary";
        const std::string allowed =
            rtt > 0 && back > 0
                ? "exceeds the " + trip + ", and the " + way + ", before a user's next read"
            : back > 0 ? "exceeds the " + way + ", before a user's next read"
            : rtt > 0  ? "exceeds the " + trip + " before a user's next read"
                       : "and the users at its region have no round trip "
                         "to wait before their next read";
        warn("REPLICA_LAG", i,
             displayName(c) +
                 (r.replicationDelayMs
                      ? ": replication delay " + millisecondsText(*r.replicationDelayMs) + " ms "
                      : std::string(": replication delay unbounded (overloaded) ")) +
                 allowed + ": reads right after a write may miss it (send them to the primary)");
    }

    // With populations (users in places), a component that takes traffic outside every region
    // with a place: the round trips to it are the traffic's networkRttMs, and a hop to or from
    // it adds none, whatever the distances (QA: Sydney users behind an ALB left out of its
    // region read 65 ms where 328 ms are due; DNS latency routing over such targets split by
    // weight; a region without a place). The users' end (clients, DNS, CDN) is everywhere.
    void placement(size_t i, const Component &c, const ComponentResult &r)
    {
        if (m_p.design.populations.empty() || atUsersEnd(c.kind) || !(r.arrivalRps > 0) ||
            inPlacedRegion(m_p, int(i)))
            return;
        warn("UNPLACED", i,
             displayName(c) +
                 ": in no region with a place while the users have places: the round "
                 "trips to it count the traffic's " +
                 millisecondsText(m_p.design.traffic.networkRttMs) +
                 " ms network RTT, and its hops none, not their distances (put it in a region "
                 "with a place)");
    }

    void operations(size_t i, const Component &c, const ComponentResult &r)
    {
        const std::string &name = displayName(c);
        if (c.autoscale && c.autoscale->targetUtilization > kTargetUtilization)
            warn("NO_HEADROOM", i,
                 name + fmt(": auto-scaling targets %.0f%%; new instances take minutes, so keep "
                            "the target at 60-70%%",
                            c.autoscale->targetUtilization * 100));
        if (c.kind == Kind::Database && !c.flag("multiAz"))
            warn("SINGLE_AZ", i,
                 name + ": runs in one availability zone; a zone outage takes it down (Multi-AZ "
                        "doubles the instance price)");
        // A replica that applies its primary's writes takes part (it is a copy of the data, and
        // its applied writes are its arrivals) even when nothing reads from it.
        const bool idle = r.arrivalRps <= 0 && m_p.perUser(i) == ClassRates{};
        // A component a live failure cuts off (or fails) is not one to connect.
        if (c.kind != Kind::Clients && idle && !m_cutOff[i])
            warn("UNUSED", i, name + ": receives no traffic" + unusedReason(i));
    }

    // The components a live failure takes out or cuts off: the failed ones and everything
    // reachable from them along the connections (empty of marks without failures).
    static std::vector<char> cutOffByFailures(const Prepared &p)
    {
        std::vector<char> cut(p.design.components.size(), 0);
        std::vector<int> reached;
        for (size_t i = 0; i < cut.size(); ++i)
            if (isDown(p, int(i))) {
                cut[i] = 1;
                reached.push_back(int(i));
            }
        while (!reached.empty()) {
            const int u = reached.back();
            reached.pop_back();
            for (int e : p.outEdges[size_t(u)])
                if (const int v = p.to[size_t(e)]; !cut[size_t(v)]) {
                    cut[size_t(v)] = 1;
                    reached.push_back(v);
                }
        }
        return cut;
    }

    const Prepared &m_p;
    const std::vector<Component> &m_comps;
    const std::vector<int> &m_lossTarget;
    const std::vector<double> &m_lossRho;
    Evaluation &m_ev;
    const std::vector<char> m_cutOff; // per component: cutOffByFailures
    AdviceMemo *m_keep;
    // With advice carried: per component, whether it and its figures are as they were there (to
    // the last bit); and whether the bottleneck is.
    std::vector<char> m_same;
    bool m_sameBottleneck = false; // the bottleneck and its figures as in the advice carried
};

} // namespace

void advise(const Prepared &p, const std::vector<int> &cacheLossTarget,
            const std::vector<double> &cacheLossRho, Evaluation &ev, AdviceMemo *keep)
{
    Advisor(p, cacheLossTarget, cacheLossRho, ev, keep).run();
}

void carryAdvice(Prepared &p, const Prepared &before, const std::vector<char> &changed)
{
    {
        std::lock_guard lock(before.adviceMutex);
        p.adviceBefore = before.advice;
    }
    if (!p.adviceBefore)
        return;
    const size_t n = p.design.components.size();
    const Routing &now = p.routing, &was = before.routing;
    p.adviceSame.assign(n, 0);
    // (What the live failures lose there too: DEAD_END reads it. A model with failures is
    // carried from none today, carry.cpp; this keeps the advice right if one ever is; review.)
    for (size_t i = 0; i < n; ++i)
        p.adviceSame[i] = !changed[i] && now.perUser[i] == was.perUser[i] &&
                          now.deadEnd[i] == was.deadEnd[i] && now.failedAt[i] == was.failedAt[i] &&
                          now.primaryOf[i] == was.primaryOf[i] &&
                          p.cacheFailover[i] == before.cacheFailover[i];
}

} // namespace sc::detail
