#pragma once

#include "core/analysis/queueing.h"
#include "core/catalog/catalog.h"
#include "core/io/issue.h"
#include "core/model/design.h"

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sc {

using ClassRates = std::array<double, kClassCount>; // indexed by RequestClass

struct Warning {
    std::string code;        // "OVERLOADED", "SPOF", ...
    std::string componentId; // empty for design-wide warnings
    std::string message;
};

// What a line of the bill pays for.
enum class CostCategory { Compute, Storage, Transfer, Requests };

struct CostItem {
    std::string componentId;
    std::string item;   // "3 × t3.large (on-demand)", "Storage 100 GB", ...
    double monthlyUsd = 0;
    CostCategory category = CostCategory::Compute;
    std::string pricing;    // instance lines: the pricing model billed ("on-demand", "reserved", ...)
    double onDemandUsd = 0; // what the line would cost on-demand (= monthlyUsd for other lines)
};

// Figures of one component at one user count.
struct ComponentResult {
    std::string id;
    Kind kind = Kind::AppServer;
    double instances = 0;      // instances (or nodes, shards) running at the peak
    ClassRates arrivals{};     // req/s at the peak per class
    double arrivalRps = 0;     // sum of arrivals
    double capacityRps = 0;    // for the current mix; 0 for components that are not stations
    double utilization = 0;    // ρ; ≥ 1 means overloaded
    bool station = false;      // has a capacity
    bool overloaded = false;
    double meanLatencyMs = 0;  // mean time spent in the component (not downstream); invalid if overloaded
    double concurrency = 0;    // Little's law L = λ·W (in-flight requests)
    double monthlyCostUsd = 0;
    bool spof = false;
    bool nPlusOne = true;      // survives losing one instance at the current load
    double availability = 1;   // of the component alone
    double threadsBusyPerInstance = 0; // app servers: threads held, incl. downstream waits
    double connectionsOpened = 0;      // databases/replicas: connections the callers open
    double connectionsBusy = 0;        // databases/replicas: L = λ·W
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

struct Evaluation {
    double users = 0;
    Demand demand;
    std::vector<ComponentResult> components; // in design order
    LatencySummary latency;                  // dynamic requests (reads and writes), end to end
    std::array<LatencySummary, kClassCount> latencyByClass;
    int bottleneck = -1;                     // index of the highest-ρ station
    std::optional<double> maxUsers;          // users at which the first station reaches ρ = 1
    int wallComponent = -1;
    std::optional<double> scalingCeilingUsers;
    int ceilingComponent = -1;
    double availability = 1;                 // demand-weighted share of requests served
    std::vector<std::string> spofs;
    double monthlyCostUsd = 0;
    double costPerUserUsd = 0;
    std::vector<CostItem> costItems;
    std::vector<Warning> warnings;
};

// A figure per component, stored once per lump of interchangeable components (see
// Model::lumpInterchangeable): a 200-point sweep of 10,000 components keeps 200 × lumps values.
class PerComponent
{
public:
    PerComponent() = default;
    PerComponent(std::shared_ptr<const std::vector<int>> lumpOf, std::vector<double> byLump)
        : m_lumpOf(std::move(lumpOf)), m_byLump(std::move(byLump)) {}
    size_t size() const { return m_lumpOf ? m_lumpOf->size() : 0; }
    double operator[](size_t i) const { return m_byLump[size_t((*m_lumpOf)[i])]; }

    class Iterator
    {
    public:
        Iterator(const PerComponent *of, size_t at) : m_of(of), m_at(at) {}
        double operator*() const { return (*m_of)[m_at]; }
        Iterator &operator++() { ++m_at; return *this; }
        bool operator==(const Iterator &other) const { return m_at == other.m_at; }
    private:
        const PerComponent *m_of;
        size_t m_at;
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size()}; }

private:
    std::shared_ptr<const std::vector<int>> m_lumpOf; // component → lump
    std::vector<double> m_byLump;
};

struct SweepPoint {
    double users = 0;
    double demandRps = 0;        // dynamic peak
    double capacityRps = 0;      // dynamic peak the design carries at its wall (maxUsers × rate)
    PerComponent utilization;    // per component (0 for non-stations)
    PerComponent instances;      // per component
    LatencySummary latency;
    double monthlyCostUsd = 0;
    double costPerUserUsd = 0;
    int bottleneck = -1;
};

struct Sweep {
    std::vector<SweepPoint> points;
    std::optional<double> wallUsers;
    int wallComponent = -1;
};

// A design prepared for analysis: routing is solved once (per-user visit rates per component and
// class); evaluating at a user count then only scales rates and runs the queueing formulas.
class Model
{
public:
    Model(const Design &design, const Catalog &catalog);

    // Problems that make the design unusable: dangling connections, unknown instance types,
    // loops, request classes with nowhere to go. Paths point into the design file.
    const Issues &errors() const { return m_errors; }
    bool ok() const { return m_errors.empty(); }

    Evaluation evaluate(double users) const;
    Sweep sweep(double fromUsers, double toUsers, int points) const;

    // Per-user peak arrival rate (req/s per daily active user) of class `c` at component `i`.
    double perUserArrival(int i, RequestClass c) const { return m_perUser[size_t(i)][size_t(c)]; }
    // Per-user peak flow on connection `i` (all classes).
    double perUserEdgeFlow(int i) const { return m_edgeFlow[size_t(i)]; }
    // Base per-user peak rates of the traffic, by class.
    const ClassRates &baseRates() const { return m_base; }
    const Design &design() const { return m_design; }
    const Catalog &catalog() const { return m_catalog; }

    // Amdahl speedup of component `i` at `cores` cores (1 for non-compute components).
    double speedup(int i, double cores) const;
    // Capacity (req/s at the current class mix) of component `i` with `instances` instances.
    double capacityAt(int i, double instances) const;
    double vcpuOf(int i) const;
    // Lumps of interchangeable components the per-point work runs on (see lumpInterchangeable);
    // a design with errors has none, and lumpOf answers -1.
    int lumpCount() const { return int(m_lumps.size()); }
    int lumpOf(int i) const { return m_lumpOf ? (*m_lumpOf)[size_t(i)] : -1; }

    struct Out {
        int target = -1;
        int edge = -1;       // connection drawn for it (-1 if none)
        double fraction = 0; // of the component's arrivals of this class
        RequestClass cls = RequestClass::Read;
    };
    struct Routing {
        std::vector<ClassRates> perUser;
        std::vector<std::array<std::vector<Out>, kClassCount>> outs;
        std::vector<ClassRates> absorbed;  // fraction of arrivals that ends here
        std::vector<double> jobsPerWrite;  // app servers: jobs spawned per write
        std::vector<std::vector<Out>> jobOuts;
        std::vector<double> edgeFlow;
        double lost = 0;                   // per-user flow with nowhere to go
    };

private:
    Routing route(int dead, Issues *issues) const;
    // Whether removing component x leaves some served flow with nowhere to go.
    bool losesFlowWithout(int x) const;
    void check(Issues &issues);
    std::vector<const InstanceType *> m_instanceOf; // per component, resolved by check()
    Evaluation evaluate(double users, bool full) const;

    // One station at a user count: capacity, ρ and its response time per class.
    struct Station {
        bool station = false;
        bool overloaded = false;
        double instances = 0;
        double cores = 0;
        double capacity = 0; // req/s at the current mix, whole component
        double rho = 0;
        ClassRates meanMs{};
        ClassRates varMs2{};
        double meanAllMs = 0; // arrival-weighted
    };
    Station stationAt(size_t i, const ClassRates &perUser, double users, double instances) const;
    // Stations of every lump at a user count (indexed by lump).
    void lumpStations(double users, std::vector<Station> &out) const;
    struct LatencyScratch {
        std::vector<std::array<LatencyMixture, kClassCount>> mix;
    };
    // Pushes the latency mixtures of the classes in `classMask` (bit per RequestClass) along
    // the routes between lumps (`st` is indexed by lump); `done` collects where requests end,
    // `invalid` marks classes that meet an overloaded station.
    void propagateLatency(const std::vector<Station> &st, unsigned classMask,
                          LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                          std::array<bool, kClassCount> &invalid) const;
    void prepareStations();
    void prepareScaling(size_t i);
    // Points first..last−1 of a sweep, into s.points (sized by the caller).
    void sweepRange(const std::function<double(int)> &usersAt, int first, int last, Sweep &s) const;
    // Interchangeable components (same figures, same load per user, routed on into
    // interchangeable components) behave alike at every user count: the per-point work runs
    // once per lump of them, so a design of 100 identical regions costs about what one does.
    // Lumps are found bottom-up over the DAG (a hash of each component's figures and of the
    // lumps it sends to, with the fractions summed per lump).
    void lumpInterchangeable();
    void findLimits();
    std::optional<double> m_wall, m_ceiling; // users
    int m_wallComponent = -1, m_ceilingComponent = -1;
    struct Lump {
        int rep = -1;   // its first component in design order
        int size = 0;   // components in it
        int height = 0; // longest route to a sink, in hops
        std::array<std::vector<Out>, kClassCount> outs; // targets are lumps
        std::vector<Out> jobOuts;                       // targets are lumps
        double instanceUsd = 0; // monthly price per billed instance, summed over the members
    };
    std::vector<Lump> m_lumps;
    std::shared_ptr<const std::vector<int>> m_lumpOf; // component → lump
    std::vector<int> m_lumpOrder; // lumps, sources first
    std::vector<int> m_sinksFirst; // components, each after everything its routes lead to
    // Cost terms whose units do not depend on the instances (fixed, per user, LCU).
    double m_fixedUsd = 0, m_perUserUsd = 0;
    std::vector<int> m_lcuTerms;
    // Billed instances of each lump at a user count (time-weighted for auto-scaled tiers).
    void billedByLump(double users, std::vector<double> &out) const;
    // Instances of component i at a user count (auto-scaled tiers follow their target).
    double instancesAt(size_t i, double users) const;

    Design m_design;
    const Catalog &m_catalog;
    Issues m_errors;
    std::vector<int> m_order; // topological order
public:
    // Connections by component, packed in one array (a vector per component costs an
    // allocation each on every edit): the edges of u, in design order, are (*this)[u].
    struct Adjacency {
        std::vector<int> start{0}; // start[u] .. start[u + 1]
        std::vector<int> items;
        // Edges e = 0, 1, … grouped by owner[e].
        void build(size_t components, const std::vector<int> &owner);
        std::span<const int> operator[](size_t u) const
        {
            return {items.data() + start[u], items.data() + start[u + 1]};
        }
    };

private:
    Adjacency m_outEdges;
    Adjacency m_inEdges;
    std::vector<int> m_from, m_to; // connection endpoints as component indices
    // Per-component figures the hot path reads, looked up once per edit instead of by name.
    struct Prep {
        enum Type { None, Compute, CacheNodes, Managed } type = None;
        double vcpu = 1, mixMs = 1, sigma = 0, kappa = 0, shard = 1, instances = 1;
        ClassRates serviceMs{};
        double opsPerNode = 1, fixedMs = 0, managedCapacity = 1;
        const InstanceType *instance = nullptr; // of instance-based kinds
        double connectionsPerInstance = 0;      // database connections one instance opens
        std::vector<double> scaleSteps;         // auto-scaled: capacity × target at min, min + 1, …
    };
    std::vector<Prep> m_prep;
    static double scalingTop(const Prep &p, const Autoscale &a);

    // One line of the bill: usdPerUnit × units, where units follow the basis.
    struct CostTerm {
        int component = -1;
        enum Basis { Fixed, Instances, Users, Lcu } basis = Fixed;
        double usdPerUnit = 0;
        double quantityPerUnit = 1; // for the label's "{}" (GB per user, ...)
        double minUnits = 0;        // Lcu: the billed minimum
        double unitsPerUser = 0;    // Lcu: LCUs per user
        std::string label;          // "{}" is replaced by units × quantityPerUnit
        CostCategory category = CostCategory::Compute;
        std::string pricing;        // instance terms: the pricing model
        double pricingFactor = 1;   // instance terms: price ÷ on-demand price
    };
    std::vector<CostTerm> m_costTerms;
    void prepareCosts();
    double costUnits(const CostTerm &term, double users, const std::vector<double> &billed) const;
    ClassRates m_base{};
    std::vector<ClassRates> m_perUser;
    std::vector<double> m_edgeFlow;
    Routing m_routing;
    std::vector<bool> m_spof;
    // Per cache: the extra per-user read flow each downstream component gets if it is gone.
    std::map<int, std::vector<std::pair<int, double>>> m_cacheLoss;
    std::vector<bool> m_cacheFailover; // takes some cache's hits when a cache node fails
    std::array<double, 24> m_dayShape{}; // hourly rate over the peak rate
};

// Parses "1e6", "1000000", "1M", "2.5k", "10B". Returns nullopt for anything else.
std::optional<double> parseUserCount(std::string_view text);

} // namespace sc
