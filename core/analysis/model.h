#pragma once

#include "core/analysis/queueing.h"
#include "core/catalog/catalog.h"
#include "core/io/issue.h"
#include "core/model/design.h"
#include "core/model/scenario.h"

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

using ClassRates = std::array<double, kClassCount>; // indexed by RequestClass

// How urgent a warning is: an error stops requests (overload, a dead end), a warning is a risk
// (a single point of failure, a hot station), advice saves money or trouble later.
enum class Severity { Error, Warning, Advice };

struct Warning {
    std::string code;        // "OVERLOADED", "SPOF", ...
    std::string componentId; // empty for design-wide warnings
    std::string message;
    Severity severity = Severity::Warning;
};

// Every code the advisor emits, with its severity and why (docs/model.md "Advisor codes").
struct AdvisorCode {
    const char *code;
    Severity severity;
    const char *why;
};
std::span<const AdvisorCode> advisorCodes();
// The severity of `code` from that table (Warning for a code not in it).
Severity severityOf(std::string_view code);
// "error", "warning", "advice": the word the CLI, the JSON and the reports print.
const char *severityName(Severity severity);

// How many warnings of each severity an evaluation has.
struct SeverityCounts {
    size_t errors = 0, warnings = 0, advice = 0;
};
SeverityCounts countBySeverity(const std::vector<Warning> &warnings);
// "2 errors, 1 warning, 0 advice".
std::string severityCountsText(const SeverityCounts &counts);

// What a line of the bill pays for.
enum class CostCategory { Compute, Storage, Transfer, Requests };

struct CostItem {
    std::string componentId;
    std::string item; // "3 × t3.large (on-demand)", "Storage 100 GB", ...
    double monthlyUsd = 0;
    CostCategory category = CostCategory::Compute;
    std::string pricing; // instance lines: the pricing model billed ("on-demand", "reserved", ...)
    double onDemandUsd = 0; // what the line would cost on-demand (= monthlyUsd for other lines)
};

// Figures of one component at one user count.
struct ComponentResult {
    std::string id;
    Kind kind = Kind::AppServer;
    double instances = 0;   // instances (or nodes, shards) running at the peak
    double cores = 0;       // cores one queue spreads over (one shard's for a database)
    ClassRates arrivals{};  // req/s at the peak per class that reach it (what upstream served)
    double arrivalRps = 0;  // sum of arrivals
    double servedRps = 0;   // of the arrivals, what it serves (all of them below its capacity)
    double errorRps = 0;    // arrivals − served: shed, refused, or with nowhere to go on
    double refusedRps = 0;  // of errorRps, refused for want of a thread or a connection
    double capacityRps = 0; // for the current mix; 0 for components that are not stations
    double utilization = 0; // ρ; ≥ 1 means overloaded
    bool station = false;   // has a capacity
    bool overloaded = false;
    double meanLatencyMs =
        0; // mean time spent in the component (not downstream); invalid if overloaded
    double concurrency = 0; // Little's law L = λ·W (in-flight requests)
    double monthlyCostUsd = 0;
    double computeCostUsd = 0; // of monthlyCostUsd, the compute lines (instances, credits)
    bool spof = false;
    bool nPlusOne = true;              // survives losing one instance at the current load
    double availability = 1;           // of the component alone
    double threadsBusyPerInstance = 0; // app servers: threads held, incl. downstream waits
    double connectionsOpened = 0;      // databases/replicas: connections the callers open
    double connectionsBusy = 0; // databases/replicas: L = λ·W, at most the connections it has
                                // (a read-through cache's share of L uncapped: its own)
    // Caches: the hit ratio used (given or derived) and the cache's own operations, req/s:
    // a set per read miss (fills) and a delete per write of its callers (invalidations), both
    // in arrivals[write] (docs/model.md "Cache hit ratio, derived").
    double hitRatio = 0, cacheFillRps = 0, cacheInvalidationRps = 0;
    // Replicas: the primary's writes applied, req/s (in arrivals[write]), and the mean time a
    // committed write takes to show on the replica (nullopt when it is overloaded).
    double appliedWriteRps = 0;
    std::optional<double> replicationDelayMs;
};

struct LatencySummary {
    bool valid = false; // false when a station on the path is overloaded
    double mean = 0, p50 = 0, p95 = 0, p99 = 0;
};

struct Demand {
    double averageRps = 0; // dynamic requests, daily average
    double peakRps = 0;    // dynamic requests at the peak
    double readRps = 0, writeRps = 0, staticRps = 0, jobRps = 0;
};

// Figures of one user population (design.populations; docs/model.md "Geography").
// Where one tier runs out (docs/model.md "Bottleneck, wall, ceiling"): the users at which the
// station, at its full size (auto-scaled tiers at their maximum), reaches the target utilization
// (kTargetUtilization, 80%) and saturates (ρ = 1). The smallest `fullUsers` is maxUsers.
struct TierWall {
    int component = -1;
    double targetUsers = 0; // ρ = kTargetUtilization
    double fullUsers = 0;   // ρ = 1
};

struct PopulationResult {
    std::string name;
    double share = 0;
    LatencySummary latency;    // dynamic requests, with the population's round trips
    double pageMs = 0;         // one page: its dynamic calls, then the static fetches in rounds
                               // (0: none, its latency unbounded or some fetches failing)
    double fetchesFailing = 0; // the share of its static fetches that fail (no page time then)
    double monthlyCostUsd = 0; // the share of the bill
};

struct Evaluation {
    double users = 0;
    Demand demand;
    std::vector<ComponentResult> components; // in design order
    LatencySummary latency;                  // dynamic requests (reads and writes), end to end
    std::array<LatencySummary, kClassCount> latencyByClass;
    int bottleneck = -1;            // index of the highest-ρ station
    std::optional<double> maxUsers; // users at which the first station reaches ρ = 1
    int wallComponent = -1;
    std::optional<double> scalingCeilingUsers;
    int ceilingComponent = -1;
    // Demand-weighted over the day: share of requests served, counting both components that are
    // down (SLAs, k of n) and requests shed past capacity (DESIGN.md "Service level and overload").
    double availability = 1;
    double servedFraction = 1;   // with every component up: share of the day's requests served
    double goodputRps = 0;       // dynamic requests served at the peak
    double errorRatePeak = 0;    // share of the peak's dynamic requests that fail
    std::vector<double> edgeRps; // per connection: req/s it carries at the peak (what is served)
    std::vector<std::string> spofs;
    double monthlyCostUsd = 0;
    double costPerUserUsd = 0;
    std::vector<CostItem> costItems;
    std::vector<Warning> warnings;
    std::vector<PopulationResult> populations; // empty when the design has none
};

// A figure per component, stored once per lump of interchangeable components (see
// core/analysis/lumping.cpp): a 200-point sweep of 10,000 components keeps 200 × lumps values.
// A sweep keeps every point's figures in one block (`values`, from `offset`): one allocation
// instead of two per point, which a big sweep would otherwise pay in page faults.
class PerComponent
{
public:
    PerComponent() = default;
    // The lumps' values at values[offset … offset + lumps − 1].
    PerComponent(std::shared_ptr<const std::vector<int>> lumpOf,
                 std::shared_ptr<const double[]> values, size_t offset)
        : m_lumpOf(std::move(lumpOf))
        , m_byLump(values.get() + offset)
    {
        m_values = std::move(values);
    }
    size_t size() const { return m_lumpOf ? m_lumpOf->size() : 0; }
    double operator[](size_t i) const { return m_byLump[size_t((*m_lumpOf)[i])]; }

    class Iterator
    {
    public:
        Iterator(const PerComponent *of, size_t at)
            : m_of(of)
            , m_at(at)
        {
        }
        double operator*() const { return (*m_of)[m_at]; }
        Iterator &operator++()
        {
            ++m_at;
            return *this;
        }
        bool operator==(const Iterator &other) const { return m_at == other.m_at; }

    private:
        const PerComponent *m_of;
        size_t m_at;
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size()}; }

private:
    std::shared_ptr<const std::vector<int>> m_lumpOf; // component → lump
    std::shared_ptr<const void> m_values;             // owns what m_byLump points into
    const double *m_byLump = nullptr;                 // the first lump's value
};

struct SweepPoint {
    double users = 0;
    double demandRps = 0;     // dynamic peak
    double capacityRps = 0;   // dynamic peak the design carries at its wall (maxUsers × rate)
    PerComponent utilization; // per component (0 for non-stations)
    PerComponent instances;   // per component
    LatencySummary latency;
    double monthlyCostUsd = 0;
    double costPerUserUsd = 0;
    int bottleneck = -1;
    double goodputRps = 0; // dynamic requests served at the peak
    double errorRate = 0;  // share of the peak's dynamic requests that fail
};

struct Sweep {
    std::vector<SweepPoint> points;
    std::optional<double> wallUsers;
    int wallComponent = -1;
};

namespace detail {
struct Prepared;
}

// Live failures (the "chaos" of a lesson): Fail and Restore events (scenario events, their times
// ignored) applied in order, as they leave the design in the steady state — the load balancers
// have found the failed targets and send their share to the others, a Multi-AZ database has
// failed over, what has no live target left fails (docs/model.md "Live failures").
struct Failures {
    std::vector<ScenarioEvent> events;
    bool operator==(const Failures &) const = default;
};

// A design prepared for analysis: routing is solved once (per-user visit rates per component and
// class); evaluating at a user count then only scales rates and runs the queueing formulas. The
// steps live in one file per concern (core/analysis/*.cpp, over detail::Prepared).
// One step of a simulated scenario (Model::simulate). Per-component figures are stored per
// lump: component i's is [lumpOf(i)].
struct SimulationStep {
    double t = 0;                // seconds from the start
    double demandRps = 0;        // dynamic requests the clients send
    double servedRps = 0;        // of them, served end to end this step
    double errorRps = 0;         // failed: shed past a time-out, no capacity, dead ends (more
                                 // than arrives when a backlog times out with its tier)
    std::optional<double> p99Ms; // dynamic requests; unset when a path has no capacity at all
    double costUsd = 0;          // this step's share of the bill
    std::vector<double> instances, utilization, backlog; // per lump, per member
    // Per lump, per member: instances booting through this step (asked for, not yet serving;
    // a scaling decision at the step's end launches the next step's), and req/s failing at the
    // station (timed out past the backlog, refused for want of a connection).
    std::vector<double> booting, errors;
    // Per lump, per member: req/s it passes on along its routes this step (what it serves, a
    // draining backlog included; everything that arrives where nothing queues).
    std::vector<double> passedOn;
    // While a balancer sends its targets other shares than the design's routes do (routed round
    // a failed target, or a target found short of instances: the rest to those left), the req/s
    // it sends each target, by component index (a balancer and targets that are lumps of their
    // own this step; the timeline's connections read it). Empty while none does.
    struct Rerouted {
        int from = -1, to = -1;
        double rps = 0;
    };
    std::vector<Rerouted> rerouted;
    // The step's bottleneck, as evaluate's: the station carrying traffic at the highest
    // utilization, the first in design order of those equal (a component index; -1: none).
    int bottleneck = -1;
};

// The share of a step's demand that fails, all of it at most: a backlog timing out with its tier
// fails more in its step than arrives in it (the presenter's bar and the compare chart show it).
inline double failingShare(double errorRps, double demandRps)
{
    return demandRps > 0 ? std::min(1.0, errorRps / demandRps) : 0.0;
}
struct SimulationSummary {
    double requests = 0, failedRequests = 0, errorRate = 0;
    // Seconds outside the objective: steps whose p99 is above it (or unset), or whose share of
    // failing requests is above 1 − its availability.
    double sloViolationSeconds = 0;
    std::vector<std::pair<std::string, int>> maxInstances; // auto-scaled components
    double costUsd = 0;
};

class Model
{
public:
    // `cdnVolumeShares`: where the CDN's users are, as CloudFront prices its data out (shares
    // of the month's CDN volume by pricing region, cdnGeoOf); empty: the design's populations'
    // shares (each in the region it names or is nearest to), or all US/Mexico/Canada without
    // populations.
    Model(const Design &design, const Catalog &catalog,
          std::vector<CdnVolumeShare> cdnVolumeShares = {});
    // The same, with the components named in `apart` kept out of lumps (a scenario that fails
    // one of several interchangeable components needs it on its own).
    Model(const Design &design, const Catalog &catalog, const std::vector<std::string> &apart);
    // The same with `failures` applied: failed components are routed around, failed instances
    // leave their tier (an auto-scaled tier's maximum) smaller.
    Model(const Design &design, const Catalog &catalog, const Failures &failures);
    // The model of `design` after an edit of `before`'s: when only components' parameters,
    // auto-scaling or labels changed (the same components, connections, traffic and places,
    // and the same catalog), what the edit cannot have changed is carried over from `before`
    // rather than worked out again (docs/performance.md); otherwise built afresh. The same
    // figures as Model(design, catalog) either way, to the last bit.
    Model(const Model &before, const Design &design, const Catalog &catalog);
    Model(Model &&) noexcept;
    Model &operator=(Model &&) noexcept;
    ~Model();

    // Problems that make the design unusable: dangling connections, unknown instance types,
    // loops. Paths point into the design file. A design with errors has no figures.
    const Issues &errors() const;
    bool ok() const { return errors().empty(); }
    // Parts still being built: a component that receives a request class and has nowhere to
    // send it (a dead end), a design without clients. Such a design is evaluated — the
    // requests that reach a dead end fail, and the advisor marks the component (DEAD_END,
    // NO_CLIENTS) — but `validate` refuses it: a design checked in should be complete.
    // Empty when the design has errors.
    const Issues &incomplete() const;
    // What `validate` reports: errors(), then incomplete().
    Issues validationIssues() const;
    // Whether the design has a clients component, where requests start. Without one nothing is
    // sent, so nothing is served or lost: its availability (1, as nothing fails) tells nothing.
    bool hasClients() const;

    // A big design's evaluation works out the hours of the day on a second thread (from the
    // model's second evaluation on), and its sweep splits the points between up to four; the
    // figures are the same to the last bit either way. At most `threads` from now on in this
    // process (1: the calling thread only; 0: as many as the machine has cores, the default).
    static void setThreadLimit(unsigned threads);
    // The threads a big evaluation or sweep may use now (≥ 1).
    static unsigned threadLimit();
    // For a process that rebuilds and evaluates models over and over (the app, its command line,
    // the benchmarks): the memory a model frees is kept by the allocator for the next one rather
    // than handed back to the system, so a rebuild of thousands of components does not
    // page-fault its megabytes in again (hundreds of faults per edit, the slowest part of one on
    // a virtual machine). The process keeps the peak it reached. Call once, at start-up; a
    // no-op where the C library is not glibc.
    static void keepFreedMemory();

    Evaluation evaluate(double users) const;
    // Every loaded station's walls, in design order (empty when the design has errors).
    const std::vector<TierWall> &tierWalls() const;
    // The percentile searches of a sweep start from the point before's answers, except at every
    // kSweepChunk-th point (0, kSweepChunk, …), where they start afresh: a sweep's figures are
    // the same to the last bit however many threads share it, and so are a part's (sweepPart)
    // that starts at such a point.
    static constexpr int kSweepChunk = 50;
    Sweep sweep(double fromUsers, double toUsers, int points) const;
    // Runs `scenario` in steps of scenario.stepS (DESIGN.md "Time"), calling onStep for every
    // step from t = 0 to its duration; the summary counts each step for the interval after it.
    SimulationSummary simulate(const Scenario &scenario,
                               const std::function<void(const SimulationStep &)> &onStep) const;
    // The same run cross-checked request by request (docs/model.md "Discrete-event mode"):
    // seeded Poisson arrivals at each step's rates, exponential service on the instances the
    // fluid run has serving, FCFS queues whose waits past the time-out fail. The rows are the
    // fluid run's with demand, served, errors and backlogs counted by the discrete run; the same
    // seed gives the same rows. Refused (an empty summary, `error` set) for designs over 50
    // instances or runs over 10^7 requests.
    SimulationSummary simulateDiscrete(const Scenario &scenario, uint64_t seed,
                                       const std::function<void(const SimulationStep &)> &onStep,
                                       std::string *error = nullptr) const;
    // Points first … last−1 of sweep(fromUsers, toUsers, points), the same users and figures,
    // in points[0 … last−first−1]: a caller streams a big sweep in parts of bounded memory
    // (points × lumps values each). The same to the last bit when `first` is a multiple of
    // kSweepChunk; otherwise the percentiles at `first` start afresh (agreeing to ~1e-13).
    Sweep sweepPart(double fromUsers, double toUsers, int points, int first, int last) const;
    // The latency wall: the most users at which the end-to-end p99 of dynamic requests is still
    // at most `p99Ms` (DESIGN.md "Two walls"). Found on a log grid up to the saturation wall and
    // refined by bisection to a relative 1e-9; the first crossing counts, where auto-scaling
    // makes the p99 rise and fall; never above the saturation wall (maxUsers), also when the
    // station that saturates is off the requests' path. 0 when not even kMinUsers meet it;
    // nullopt when there is no saturation wall and every count up to kMaxUsers meets it, or the
    // design has errors.
    std::optional<double> sloMaxUsers(double p99Ms) const;
    // The same at the design's own objective (design().slo.p99Ms), found once per Model.
    std::optional<double> sloMaxUsers() const;

    // Per-user peak arrival rate (req/s per daily active user) of class `c` at component `i`.
    double perUserArrival(int i, RequestClass c) const;
    // Per-user peak flow on connection `i` (all classes).
    double perUserEdgeFlow(int i) const;
    // The same by the class it carries (what arrives at its target as static, read, write, job).
    const ClassRates &perUserEdgeClassFlow(int i) const;
    // Base per-user peak rates of the traffic, by class.
    const ClassRates &baseRates() const;
    const Design &design() const;
    const Catalog &catalog() const;

    // Amdahl speedup of component `i` at `cores` cores (1 for non-compute components).
    double speedup(int i, double cores) const;
    // Capacity (req/s at the current class mix) of component `i` with `instances` instances.
    double capacityAt(int i, double instances) const;
    double vcpuOf(int i) const;
    // Lumps of interchangeable components the per-point work runs on; a design with errors has
    // none, and lumpOf answers -1.
    int lumpCount() const;
    int lumpOf(int i) const;
    // The prepared design, for core/analysis alone (the explanations read its intermediates).
    const detail::Prepared &prepared() const { return *m_p; }

private:
    explicit Model(std::unique_ptr<detail::Prepared> p);
    Model rebuiltWith(const Design &design) const;
    std::unique_ptr<detail::Prepared> m_p;
};

// Share of full speed component `c` sustains on `type`: a burstable type's baseline
// (InstanceType::burstBaseline) when `c` runs it in `standard` credit mode, 1 otherwise
// (docs/model.md "Burstable instances").
double sustainedShare(const Component &c, const InstanceType *type);
// Whether `c` is billed surplus CPU credits on `type`: a burstable type in `unlimited` mode.
bool billsSurplusCredits(const Component &c, const InstanceType *type);

// Parses "1e6", "1000000", "1M", "2.5k", "10B". Returns nullopt for anything else.
std::optional<double> parseUserCount(std::string_view text);

} // namespace sc
