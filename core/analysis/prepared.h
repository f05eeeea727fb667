#pragma once
// Internal to core/analysis: the design prepared for analysis, and the steps that prepare and
// evaluate it. Each concern lives in its own file (see CONTRIBUTING.md); sc::Model is the thin
// façade callers use. Nothing outside core/analysis includes this header.

#include "core/analysis/cachemodel.h"
#include "core/analysis/model.h"
#include "core/model/geo.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace sc::detail {

// Work (lumps × sweep points, or lumps × hours of the day) below which a second thread costs
// more than it saves: starting and joining one (the sweep's) takes ~80 µs on the 2-core build
// machine; handing the day to the thread kept for it (model.cpp) costs less, but not nothing.
constexpr size_t kWorthAThread = 5000;
// Components (a rebuild's) and lumps (inTwo) from which work is handed to the thread kept for
// the day (model.cpp): measured, at ~1,000 the hand-over costs about what it saves
// (docs/performance.md, round 36).
constexpr size_t kWorthASideTask = 2000;
// Lumps (of the model before an edit) from which a rebuild's parts go to that thread below
// kWorthASideTask components (model.cpp, prepare).
constexpr size_t kWorthALumpsAside = 700;
// One step of a thread's short wait for another (a spin before it sleeps): the CPU's pause,
// ~19 ns on the 2-core build machine, which leaves the core to the other thread of a pair.
inline void spinPause()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

// body(0, half) here and body(half, n) on the thread kept for the day (model.cpp) when n ≥
// kWorthASideTask and it is free (otherwise both here); body(0, n) here when n is smaller. The two
// halves must write nothing the other reads. What body throws is thrown here once both are done.
void inTwo(size_t n, const std::function<void(size_t, size_t)> &body);

constexpr int kStatic = int(RequestClass::Static);
constexpr int kRead = int(RequestClass::Read);
constexpr int kWrite = int(RequestClass::Write);
constexpr int kJob = int(RequestClass::Job);
constexpr double kInf = std::numeric_limits<double>::infinity();

// All classes together (req/s per user).
inline double totalOf(const ClassRates &perUser)
{
    return perUser[0] + perUser[1] + perUser[2] + perUser[3];
}

// Whether two figures, or two class mixes, are the same to the bit: what was worked out for one
// is the other's (a station's shape, a carried lump's signature).
inline bool sameBits(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}
inline bool sameBits(const ClassRates &a, const ClassRates &b)
{
    return std::memcmp(a.data(), b.data(), sizeof(ClassRates)) == 0;
}

// Connections by component, packed in one array (a vector per component costs an allocation
// each on every edit): the edges of u, in design order, are (*this)[u].
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

// One hop of a route: a share of a component's arrivals of one class sent on to `target`.
struct Out {
    int target = -1;
    int edge = -1;       // connection drawn for it (-1 if none)
    double fraction = 0; // of the component's arrivals of this class
    RequestClass cls = RequestClass::Read;
    // The component that makes the call when it is not the route's owner (-1): a look-aside
    // cache's misses are the calling app server's reads of its data tier, so their round trip
    // and their transfer are the app's (hopOrigin).
    int via = -1;
};

// Where the call of route o, owned by component `owner`, leaves from.
inline int hopOrigin(const Out &o, int owner)
{
    return o.via >= 0 ? o.via : owner;
}

// Route lists side by side in one store (a heap block per list cost an allocation per edit and a
// cache miss per pass): entry i's list of class k at [at[i][k], at[i][k + 1]), the classes in
// order and then the jobs' (k = kClassCount); at[i][kClassCount + 1] is where i's lists end.
struct OutLists {
    std::vector<Out> store;
    std::vector<std::array<std::uint32_t, kClassCount + 2>> at;
    std::span<const Out> of(size_t i, int k) const
    {
        const auto &a = at[i];
        return {store.data() + a[size_t(k)], a[size_t(k) + 1] - a[size_t(k)]};
    }
    std::span<const Out> all(size_t i) const // every class's and the jobs'
    {
        const auto &a = at[i];
        return {store.data() + a[0], a[kClassCount + 1] - a[0]};
    }
    void clear()
    {
        store.clear();
        at.clear();
    }
};

// Per-user visit rates and where every class goes next (routing.cpp).
struct Routing {
    std::vector<ClassRates> perUser;
    // Where component i sends each class (outsOf(i, c)) and its jobs (jobOutsOf(i)), per
    // component (the pass fills a component's lists while it is at that component).
    OutLists outs;
    std::span<const Out> outsOf(size_t i, int k) const { return outs.of(i, k); }
    std::span<const Out> jobOutsOf(size_t i) const { return outs.of(i, kClassCount); }
    std::span<const Out> allOutsOf(size_t i) const { return outs.all(i); }
    std::vector<ClassRates> absorbed; // fraction of arrivals that ends here
    std::vector<double> jobsPerWrite; // app servers: jobs spawned per write
    std::vector<double> edgeFlow;
    std::vector<ClassRates> edgeClassFlow; // the same by the class arriving at its target
    double lost = 0;                       // per-user flow with nowhere to go
    // Dead ends: per component, the per-user flow of each class that arrives and has no
    // connection to go on to (it fails; the component is still being built).
    std::vector<ClassRates> deadEnd;
    // Live failures: per component, the per-user flow of each class lost there because every
    // target of the group it goes to is down (Prepared::down; it fails, as a dead end's).
    std::vector<ClassRates> failedAt;
    // The data tier's own work (datatier.cpp), per user, added to perUser[i][kWrite] of caches
    // and replicas after routing (nothing routes requests of that class to them): a cache's
    // hit ratio, its fills (a set per read miss) and invalidations (a delete per write of its
    // callers); a replica's primary and the writes it applies.
    std::vector<double> hitRatio, cacheFills, cacheInvalidations;
    std::vector<int> primaryOf;
    std::vector<double> appliedWrites;
};

// What a compute station's queueing takes from its instance count and class mix, not from the
// load (stations.cpp): the same at every user count while neither changes.
struct ComputeShape {
    double cores, speedup, sbarMs, capacity; // S̄ (ms) and capacity (req/s) at the mix
    double inflate;                          // per-server slow-down from contention: cores / S(c)
    double queues, scv, queueMs;     // the queues, Cs² and the queue's service (S̄ × inflate)
    std::int64_t servers;            // per queue
    ClassRates classMs, classVarMs2; // each class's service time and its variance
};

// The last shape a caller worked out for one station away from its prepared mix and size (the
// simulation's, per lump): asked again for the same mix and instances, to the bit, it is reused.
struct ShapeMemo {
    ClassRates perUser{};
    double instances = -1; // none kept yet
    ComputeShape shape{};
};

// Per-component figures the hot path reads, looked up once per edit instead of by name
// (stations.cpp).
struct Prep {
    // First what the per-point work reads of every station (the first 64 bytes), then the
    // shape of a fixed-size compute station.
    enum Type { None, Compute, CacheNodes, Managed } type = None;
    Kind kind = Kind::Clients;
    bool autoscaled = false; // its instance count follows the load
    // Compute stations that are not auto-scaled and first in their lump: fixedShape is the shape
    // at `instances` and the prepared class mix (routing.perUser), which the flow asks for at
    // every user count (prepareFixedShape).
    bool hasFixedShape = false;
    // Queueing (docs/model.md, "Stations"): each instance (cache node) queues on its own, or the
    // tier shares one queue (behind least-outstanding load balancers, workers pulling from a
    // queue); and the service time's Cs² at the prepared class mix (queueing.h mgcWaitFactor).
    bool perInstance = false;
    double shard = 1, instances = 1;
    ClassRates serviceMs{};
    ComputeShape fixedShape{};
    double vcpu = 1, mixMs = 1, sigma = 0, kappa = 0;
    double opsPerNode = 1, fixedMs = 0, managedCapacity = 1;
    const InstanceType *instance = nullptr; // of instance-based kinds
    double connectionsPerInstance = 0;      // database connections one instance opens
    double connectionsAccepted = 0;         // databases: maxConnections
    bool multiAz = false;                   // databases: a standby in a second zone
    bool managed = false;                   // load balancers: the provider's, not instances
    std::vector<double> scaleSteps;         // auto-scaled: capacity × target at min, min + 1, …
    double scaleMin = 0;                    // auto-scaled: the policy's minimum
    bool stepsRise = false;                 // scaleSteps never falls (searches may resume)
    double serviceCv = 1;                   // of each class's service time
    double serviceScv = 1; // Cs² of the service time at the arrival mix of routing.perUser
    // Burstable types in `unlimited` credit mode: the CPU share per vCPU above which surplus
    // credits are billed (1: not billed). In `standard` mode serviceMs is already throttled.
    double burstBaseline = 1;
};

// A text copied without copying its characters: the copies share it. A model rebuilt after an
// edit carries most of its cost terms over from the model before (cost.cpp), and a label per
// term and edit was an allocation each (10,000 of them at 10,000 components).
class SharedText
{
public:
    SharedText() = default;
    explicit SharedText(std::string text)
        : m_text(std::make_shared<const std::string>(std::move(text)))
    {
    }
    const std::string &str() const
    {
        static const std::string none;
        return m_text ? *m_text : none;
    }
    operator const std::string &() const { return str(); }

private:
    std::shared_ptr<const std::string> m_text;
};

// One line of the bill: usdPerUnit × units, where units follow the basis (cost.cpp).
struct CostTerm {
    int component = -1;
    // Metered: a share of a Meter's bill (tiered, free tier once per account); Credits: surplus
    // CPU credits of a burstable tier in unlimited mode (units: surplus instance-equivalents).
    enum Basis { Fixed, Instances, Users, Lcu, Metered, Credits } basis = Fixed;
    double usdPerUnit = 0;
    double quantityPerUnit = 1; // for the label's "{}" (GB per user, ...)
    double minUnits = 0;        // Lcu: the billed minimum
    double unitsPerUser = 0;    // Lcu: LCUs per user
    SharedText label;           // "{}" is replaced by units × quantityPerUnit
    CostCategory category = CostCategory::Compute;
    std::string pricing;      // instance terms: the pricing model
    double pricingFactor = 1; // instance terms: price ÷ on-demand price
    int meter = -1;           // Metered: index in Prepared::meters (unitsPerUser: this line's)
    // What quantityPerUnit counts, as a quantity and as its price is quoted ("GB-months" and
    // "GB-month"; null: nothing but the units), for explain: the line as units × quantityPerUnit
    // of it at usdPerUnit ÷ quantityPerUnit each.
    const char *quantityUnit = nullptr, *priceUnit = nullptr;
    // Instances: the billed count this line starts above (an auto-scaled tier's reserved floor,
    // billed on its own line: this one holds the instances on demand above it).
    double unitsOffset = 0;
};

// A volume billed once per account through monthly tiers after a free allowance (cost.cpp,
// tiered.cpp): CloudFront data out (per geographic region), internet data out, CloudFront and
// SQS requests. Its cost is a piecewise-linear function of the users.
struct Meter {
    enum Unit { Gb, Requests } unit = Gb;
    double unitsPerUser = 0; // the month's volume per user, every component together
    double freeUnits = 0;    // free per account and month
    // Tier tables and the share of the volume each prices (shares sum to 1); the free units
    // are split in the same shares.
    std::vector<std::pair<TierTable, double>> parts;
    // USD for the month at `users`.
    double usdAt(double users) const;
};

// Interchangeable components, evaluated once for all of them (lumping.cpp).
struct Lump {
    int rep = -1;   // its first component in design order
    int size = 0;   // components in it
    int height = 0; // longest route to a sink, in hops
    // (Its routes, whose targets are lumps: Prepared::outsOf and jobOutsOf.)
    double instanceUsd = 0; // monthly price per billed instance, summed over the members
    // The instances reserved whether they run or not (an auto-scaled tier's minimum at reserved
    // pricing, per member; fixedUsd holds them less their price on demand) and the monthly
    // price on demand of one instance of each member that reserves them: a count below the
    // floor still pays it (instancesUsd).
    double reservedFloor = 0, reservedUsd = 0;
    double creditUsd = 0; // monthly price of a whole surplus instance, summed over the members
};

// One station at a user count: capacity, ρ and its response time per class.
struct Station {
    // First what the per-point walks read (the flow's checks, the hold times, the latency walk,
    // the sweep's figures), side by side in the first 88 of its 168 bytes.
    bool station = false;
    bool overloaded = false;
    double rho = 0;
    double instances = 0;
    ClassRates meanMs{};
    ClassRates varMs2{};
    double cores = 0;
    double capacity = 0;  // req/s at the current mix, whole component
    double meanAllMs = 0; // arrival-weighted
    // The intermediates of the figures above, kept for the explanations (core/analysis/
    // explain.cpp): compute tiers' S̄ (ms, arrival-weighted, before contention) and USL speedup
    // S(c); the queue each request joins (queues of `queueServers` servers, each at `queueRho`),
    // its Erlang C probability of waiting, the M/G/c factor on the M/M/c wait and the mean wait.
    double sbarMs = 0, speedup = 0;
    double queues = 1, queueServers = 0, waitProbability = 0, waitFactor = 1, meanWaitMs = 0;

    // As a new Station. Field by field: the sweep resets a station per lump and point, and GCC
    // turns `*this = Station{}` into a `rep stos`, whose start-up cost shows at that rate.
    void reset()
    {
        static_assert(sizeof(Station) == 21 * sizeof(double), "reset() sets every field");
        station = overloaded = false;
        instances = cores = capacity = rho = 0;
        meanMs = {};
        varMs2 = {};
        meanAllMs = sbarMs = speedup = 0;
        queues = 1;
        queueServers = waitProbability = 0;
        waitFactor = 1;
        meanWaitMs = 0;
    }
};

// The latency walk of one population (or of every user when the design has none), worked out
// once per model: the walk at each user count then runs down these lists, with no route,
// place or DNS choice to look up. Every lump and class that requests can reach has a slot for
// its mixture; the steps follow lumpOrder, each lump's classes in order, then its jobs.
struct LatencyPlan {
    static constexpr int kJobsStep = -1; // a Step's cls when it spawns the lump's jobs
    // A client lump's requests of class cls, per user.
    struct Seed {
        int slot, cls;
        double weight;
    };
    struct Send { // to the mixture in `slot` (lump `target`'s): × fraction, shiftMs later
        int slot; // (jobs: weight, at 0)
        int target;
        double fraction, shiftMs;
    };
    struct Step { // lump's mixture of class cls (in `slot`) through its station and on
        int lump, cls, slot;
        double absorbed;             // the share that ends there
        std::uint32_t send, sendEnd; // its sends: [send, sendEnd)
    };
    std::vector<Seed> seeds;
    std::vector<Step> steps;
    // The steps of reads and writes alone, in the same order: the walk of the dynamic requests
    // (the sweep's, the simulation's; their other classes' mixtures are empty) runs down these.
    std::vector<Step> dynamicSteps;
    std::vector<Send> sends;
    int slotCount = 0; // (not "slots": Qt defines that word, for headers read after Qt's)
};

// One evaluation's advice, per component (advise's `keep`): the warnings of each component in
// the order the advisor found them, and the figures and N+1 targets they were found from.
struct AdviceMemo {
    double users = 0;
    int bottleneck = -1;
    std::vector<ComponentResult> components;
    std::vector<int> lossTarget;
    std::vector<Warning> warnings;
    std::vector<std::uint32_t> at; // component i's: warnings[at[i], at[i + 1])
};

// Everything the evaluation of a design reads, prepared once per edit.
struct Prepared {
    Prepared(const Design &d, const Catalog &c)
        : design(d)
        , catalog(c)
    {
    }

    Design design;
    const Catalog &catalog;
    // The catalog's availabilities tierAvailability reads, looked up once (prepare).
    enum Sla {
        Route53,
        CloudFront,
        S3,
        Sqs,
        CacheMultiAz,
        CacheSingle,
        RdsMultiAz,
        RdsSingleAz,
        Alb,
        Ec2Instance,
        kSlaCount
    };
    // The catalog's key of each, in the enum's order.
    static constexpr std::array<const char *, kSlaCount> kSlaKeys = {
        "route53",           "cloudfront", "s3",          "sqs", "elasticacheMultiAz",
        "elasticacheSingle", "rdsMultiAz", "rdsSingleAz", "alb", "ec2Instance"};
    std::array<double, kSlaCount> sla{};
    Issues errors;     // the design cannot be evaluated
    Issues incomplete; // dead ends and no clients: evaluated, but `validate` refuses them
    bool hasClients = false;

    // topology.cpp
    std::vector<const InstanceType *> instanceOf; // per component
    std::vector<int> from, to;                    // connection endpoints as component indices
    Adjacency outEdges, inEdges;
    std::vector<int> order; // topological

    // demand.cpp
    ClassRates base{}; // per-user peak rates by class
    // Whether any request has an end-to-end latency to time: clients that send dynamic
    // requests (no latency, and no latency wall, without them; clients whose share is 0 send
    // none).
    bool sendsDynamicRequests() const
    {
        if (!hasClients || !(base[kRead] + base[kWrite] > 0))
            return false;
        for (int l : clientLumps) {
            const ClassRates &r = perUser(size_t(lumps[size_t(l)].rep));
            if (r[kRead] + r[kWrite] > 0)
                return true;
        }
        return false;
    }
    std::array<double, 24> dayShape{}; // hourly rate over the peak rate
    // Per hour, the first hour of the same rate (the profile is symmetric about its peak): the
    // per-hour sums compute each rate once and add in hour order.
    std::array<int, 24> sameHourAs{};
    // The hours h with sameHourAs[h] == h, by rising rate (rates that are not numbers last).
    std::vector<int> hoursByRate;

    // geography.cpp
    struct Geo {
        std::vector<int> regionOf, zoneOf;     // per component: group index, -1 for none
        std::vector<std::optional<LatLon>> at; // per group: where a region is
        std::vector<LatLon> populationAt;      // per population
        // DNS latency routing, per class: per connection its weight (the shares of the
        // populations that chose its target; −1 where it is not a candidate), and per population
        // and component the target chosen (−1: none).
        std::vector<ClassRates> latencyWeight;
        std::vector<std::vector<std::array<int, kClassCount>>> dnsChoice;
    } geo;

    // routing.cpp
    Routing routing;

    // stations.cpp
    std::vector<Prep> prep;
    std::optional<double> wall, ceiling; // users
    int wallComponent = -1, ceilingComponent = -1;
    std::vector<TierWall> tierWalls; // per loaded station, design order

    // lumping.cpp
    std::vector<Lump> lumps;
    std::shared_ptr<const std::vector<int>> lumpOf; // component → lump
    std::vector<int> lumpOrder;                     // lumps, sources first
    // The lumps in the order flow.cpp computes them: lumpOrder with the replicas moved last (a
    // replica waits for what its primary commits).
    std::vector<int> flowOrder;
    std::vector<char> apart;    // per component (or empty): never lumped with another
    std::vector<int> poolLumps; // lumps of app servers (thread pools)
    // Per lump, the classes (bit per RequestClass) whose hold times the pools' checks read, and
    // kPoolMark on the pools themselves (whose own hold times, Flow::held, the checks read).
    static constexpr std::uint8_t kPoolMark = 0x80;
    std::vector<std::uint8_t> holdClasses;
    // The hold times' walk (flow.cpp holdTimes): each lump and class holdClasses marks, sinks
    // first (lumpOrder backwards, a lump's classes in order), with its routes and, for a pool,
    // its own service time of the class. The walk at each point runs down this list, with no
    // unmarked lump to pass over and no pool's parameters to look up.
    struct HoldStep {
        int lump = 0, cls = 0;
        std::uint32_t out = 0, outEnd = 0; // its routes: lumpOuts.store[out, outEnd)
        double poolServiceMs = 0;          // (a pool's: its Prep::serviceMs[cls])
        bool pool = false;
    };
    std::vector<HoldStep> holdSteps;
    std::vector<int> databaseLumps; // lumps of databases (connection limits)
    std::vector<int> clientLumps;   // lumps of clients (where requests start)
    std::vector<int> sinksFirst;    // components, each after everything its routes lead to
    // Per component, its signature's hash when the first round of lumping left every component
    // a lump of its own (empty otherwise): an edit then works out only the signatures it
    // touched.
    std::vector<std::uint64_t> singletonHashes;
    bool lumpingCarried = false; // the lumps were taken from the model before (carrySingletons)
    // Lumps where reads or writes are lost on the route (lostOnRoute > 0), in index order: the
    // only ones the goodput looks at.
    std::vector<int> lossLumps;
    // Every lump's routes (targets are lumps), side by side in lumpOrder: the per-point walks read
    // them in that order (a small heap block per list cost a cache miss per lump and point).
    // (While lumping, in the order the lumps are found.)
    OutLists lumpOuts;
    // Per out in lumpOuts.store: hopMs from where its call leaves (its lump, or its `via`: a
    // look-aside miss's app server) to its target.
    std::vector<double> outHopMs;
    std::span<const Out> outsOf(size_t l, int k) const { return lumpOuts.of(l, k); }
    std::span<const Out> jobOutsOf(size_t l) const { return lumpOuts.of(l, kClassCount); }
    std::span<const Out> allOutsOf(size_t l) const { return lumpOuts.all(l); }

    // cost.cpp: terms, and the bill split into what follows the instances and what does not
    std::vector<CostTerm> costTerms;
    // Component i's own terms are costTerms[ownTerms[i], ownTerms[i + 1]) (the transfer across
    // zones and regions after them).
    std::vector<std::uint32_t> ownTerms;
    double fixedUsd = 0, perUserUsd = 0;
    std::vector<int> lcuTerms;
    std::vector<Meter> meters;
    std::vector<int> creditLumps; // lumps billed surplus CPU credits
    // Per lump, the capacity of a tier of fixed size that is billed credits (creditUnitsAt reads
    // it at every point), NaN where not worked out (splitBill).
    std::vector<double> creditCapacity;
    // Per lump: the instances billed when its count is fixed, kAutoScaledLump when it follows the
    // load (the bill at every user count reads this, not each member's Prep).
    static constexpr double kAutoScaledLump = -1;
    std::vector<double> fixedBilled;
    // Where the CDN's users are, as CloudFront prices them: shares of the month's CDN volume by
    // geographic region (normalized by their sum; empty or all zero: all US/Mexico/Canada). The
    // geography (user populations, cdnGeoOf) fills it before prepareCosts.
    std::vector<CdnVolumeShare> cdnVolumeShares{{CdnGeo::NorthAmerica, 1}};

    // failure.cpp
    std::vector<char> down; // per component (or empty): failed, routed around (live failures)
    // Per component (or empty): the instances of a fixed tier failed out of it (live failures),
    // still on the bill as the simulation bills them until replaced.
    std::vector<double> failedBilled;
    // Per component (or empty): an auto-scaled tier's minimum before live failures lowered it
    // with its maximum (−1: not lowered); what it reserves (cost.cpp) stays the design's.
    std::vector<double> unfailedMin;
    double failedBilledOf(size_t i) const { return failedBilled.empty() ? 0.0 : failedBilled[i]; }
    std::vector<bool> spof;
    // Per cache: the extra per-user read flow each downstream component gets if it is gone.
    std::map<int, std::vector<std::pair<int, double>>> cacheLoss;
    std::vector<bool> cacheFailover; // takes some cache's hits when a cache node fails
    // Failover at a split (prepareFailover): where a lump's requests of one class go on to two
    // or more components of one kind that runs on instances (app servers, poolers, workers,
    // replicas, self-hosted balancers), those targets serve together: one of them down or
    // short, the split sends its share to the others. Per lump its pools, at
    // [failoverAt[l], failoverAt[l + 1]) (failoverAt empty when there are none).
    struct FailoverPool {
        int cls = 0;                       // the class of the split's requests
        Sla unit = Ec2Instance;            // one instance up
        std::uint32_t first = 0, last = 0; // its targets in failoverTargets
    };
    struct PoolTarget {
        int lump = -1;
        int members = 0; // of that lump the split reaches
    };
    std::vector<FailoverPool> failoverPools;
    std::vector<PoolTarget> failoverTargets;
    std::vector<std::uint32_t> failoverAt;
    std::span<const FailoverPool> failoverPoolsOf(size_t l) const
    {
        if (failoverAt.empty())
            return {};
        return {failoverPools.data() + failoverAt[l], failoverAt[l + 1] - failoverAt[l]};
    }
    // Where pool's share (poolAvailability) sits in tierAvailabilities' figures: after the
    // lumps', in the pools' order.
    size_t poolShareAt(const FailoverPool &pool) const
    {
        return lumps.size() + size_t(&pool - failoverPools.data());
    }

    // latency.cpp: the latency walk's plan, per population ([0] alone when there are none).
    std::vector<LatencyPlan> latencyPlans;

    // sweep.cpp: the latency wall at the design's objective, found on first request.
    mutable std::once_flag sloWallOnce;
    mutable std::optional<double> sloWall;
    // flow.cpp threadRateOf: per lump, what one instance's threads hold per second.
    mutable std::once_flag threadRatesOnce;
    mutable std::vector<double> threadRates;
    mutable std::atomic<bool> threadRatesKnown{false}; // set once threadRates is

    // The stations of a flow that cut nothing (each lump's at its prepared flow, queueing
    // included), at `users`: this model's at its last evaluation's peak (Model::evaluate) and at
    // one user (threadRateOf), for the model an edit builds from this one; and those of the model
    // this one was carried from, with per lump whether its station is that model's (its lumping
    // carried over and its component's station not redone: the same figures to the last bit).
    struct UncutStations {
        double users = 0;
        std::vector<Station> st;
    };
    mutable std::mutex uncutMutex;
    mutable std::shared_ptr<const UncutStations> uncutPeak, uncutOne;
    std::shared_ptr<const UncutStations> uncutPeakBefore, uncutOneBefore;
    std::vector<char> stationAsBefore;

    // advisor.cpp: the advice of this model's last evaluation (Model::evaluate), for the model
    // an edit builds from this one; and that of the model this one was carried from, with per
    // component whether what the advisor reads of it outside the evaluation (its parameters,
    // label, routes, primary) is as it was there (adviceSame; empty when nothing was carried).
    mutable std::mutex adviceMutex;
    mutable std::shared_ptr<const AdviceMemo> advice;
    std::shared_ptr<const AdviceMemo> adviceBefore;
    std::vector<char> adviceSame;

    const ClassRates &perUser(size_t i) const { return routing.perUser[i]; }
};

// Kinds of component (core/model/params.h): run by AWS, or on instances with cores.
inline bool isManaged(const Component &c)
{
    return isManagedKind(c.kind, c.kind == Kind::LoadBalancer && c.flag("managed"));
}
inline bool isCompute(const Component &c)
{
    return isComputeKind(c.kind, c.kind == Kind::LoadBalancer && c.flag("managed"));
}

// --- topology.cpp: ids, instance types, connections, loops ---------------------------------------
void checkTopology(Prepared &p);
// Component i's own checks (its instance type into p.instanceOf[i]); false when it has issues.
bool checkComponent(Prepared &p, size_t i, Issues &issues);

// --- carry.cpp: what a rebuild after an edit takes from the model before it -------------------
struct Carry {
    const Prepared *before = nullptr; // null: nothing carried, everything worked out afresh
    std::vector<char> changed;        // per component: its parameters, auto-scaling or label
};
// What `after` (prepared from an edit of before's design, nothing worked out yet) may take from
// `before`: nothing unless only components' parameters, auto-scaling or labels changed.
Carry carryFrom(const Prepared &before, const Prepared &after);
// checkTopology's results from c.before, the changed components checked again; false (p's
// topology then unfinished) when one of them has an issue.
bool carryTopology(Prepared &p, const Carry &c);
// Per component, after routing: whether its station must be worked out again (its parameters,
// routes in or primary changed) rather than taken from c.before.
std::vector<char> stationsToRedo(const Prepared &p, const Carry &c);

// --- demand.cpp: per-user rates and the day profile
// -----------------------------------------------
ClassRates baseRates(const Traffic &t);
std::array<double, 24> dayShape(const Traffic &t);
// Per hour, the first hour of the same rate (a rate that is not a number: its own hour).
std::array<int, 24> sameHourAs(const std::array<double, 24> &shape);
// The first hours of each rate (sameHourAs[h] == h), by rising rate; rates that are not
// numbers last.
std::vector<int> hoursByRate(const std::array<double, 24> &shape,
                             const std::array<int, 24> &sameHourAs);
Demand demandAt(const Prepared &p, double users);

// --- routing.cpp ---------------------------------------------------------------------------------
// Routes every class from the clients to where it ends, without component `dead` (−1: none).
// Flow with no connection to go on to is lost and recorded in Routing::deadEnd.
Routing route(const Prepared &p, int dead);
// The connections out of u that class c's routing chooses among: those carrying c to the
// targets of the first group of u's routing rule that has any (none: an empty list).
std::vector<int> routeCandidates(const Prepared &p, int u, RequestClass c);
// The same with cache `missing` missing every read (its hit ratio taken as 0): the routes its
// reads take past it, for a cache that hits them all (prepareCacheLoss).
Routing routeMissing(const Prepared &p, int missing);
// The classes with flow in `flow`, in words: "read", "read and write", "static, read and write".
std::string deadEndClasses(const ClassRates &flow);
// One issue per dead end of `routing`, in design order, naming the component and the classes.
void reportDeadEnds(const Prepared &p, const Routing &routing, Issues &issues);
// Per component and class: how many of its connections match each group of its routing rule,
// counted on demand once, so asking losesFlowWithout about every component stays linear.
struct GroupCounts {
    static constexpr size_t kMaxGroups = 4; // the most groups a routing rule has (routing.cpp)
    struct Counts {
        bool known = false;
        std::array<int, kMaxGroups> matches{};
    };
    std::vector<std::array<Counts, kClassCount>> counts;
    std::span<const int> of(const Prepared &p, int u, RequestClass c);
};
// Whether removing component x leaves some served flow with nowhere to go.
bool losesFlowWithout(const Prepared &p, int x, GroupCounts &counts);

// --- datatier.cpp: derived cache hit ratios, replicas applying the primary's writes ----------
// Whether cache component c derives its hit ratio (hitRatioFrom "derived").
bool derivesHitRatio(const Component &c);
// Whether a derived hit ratio of the design changes with the user count (a TTL: Che's
// λ_i·T_C is scale-free otherwise), so figures at another count need the model rebuilt there.
bool hitRatioFollowsUsers(const Design &d);
// Cache i's Che figures with `readPerUser` reads and `invalidationsPerUser` deletes per user
// per second at `users` (its memory: nodes × the catalog's memory of its node type).
CacheFigures derivedCacheFigures(const Prepared &p, size_t i, double readPerUser,
                                 double invalidationsPerUser, double users);
// Entries cache i's nodes hold (derived hit ratio): usable memory over value + overhead.
double cacheCapacityOf(const Prepared &p, size_t i);
// The hit ratio routing uses for cache i: given, or derived at the design's own users.
double cacheHitRatioFor(const Prepared &p, size_t i, double readPerUser,
                        double invalidationsPerUser);
// After routing: each replica's primary and the writes it applies; the caches' fills and
// invalidations; both added to perUser[i][kWrite] of those components.
void addDataTierWork(const Prepared &p, Routing &r);
// Replication delay of replica i (ms): the ship delay plus its apply's response time at the
// replica (queueing at its utilization); nullopt when the replica is overloaded.
std::optional<double> replicationDelayMs(const Prepared &p, size_t i, const Station &s);
// ev.components' cache and replica figures (hit ratio, fills, invalidations, applied writes,
// replication delay).
void dataTierFigures(const Prepared &p, const std::vector<const Station *> &st, double users,
                     Evaluation &ev);

// --- stations.cpp: capacity, scaling, limits -----------------------------------------------------
// Each component's Prep; with `carry`, those not in `redo` are c.before's (the parts lumping
// adds to a lump's first member worked out again there).
void prepareStations(Prepared &p, const Carry *carry = nullptr,
                     const std::vector<char> *redo = nullptr);
void prepareScaling(Prepared &p, size_t i);
// Prep::fixedShape of component i (a lump's first member: the per-point work reads no other).
void prepareFixedShape(Prepared &p, size_t i);
double capacityAt(const Prepared &p, int i, double instances);
double vcpuOf(const Prepared &p, int i);
double shardFactor(const Component &comp);
Station stationAt(const Prepared &p, size_t i, const ClassRates &perUser, double users,
                  double instances);
// The same into `s` (the flow fills its stations in place). `memo`, for a caller that keeps one
// per station (the simulation): a compute station's shape worked out away from its prepared mix
// and size is kept there for the next call.
void stationAt(const Prepared &p, size_t i, const ClassRates &perUser, double users,
               double instances, Station &s, ShapeMemo *memo = nullptr);
// The wall and the scaling ceiling, which do not depend on the user count.
void findLimits(Prepared &p);
struct RouteFigures;
struct Flow;
// ev.components (but N+1 and cost), ev.spofs and ev.bottleneck; `st` per component.
void componentFigures(const Prepared &p, const std::vector<const Station *> &st, double users,
                      const RouteFigures &routes, const Flow &flow, Evaluation &ev);

// The part of a station that the flow of requests needs: instances, capacity, ρ (no queueing).
Station stationLoad(const Prepared &p, size_t i, const ClassRates &perUser, double users,
                    double instances);
void stationLoad(const Prepared &p, size_t i, const ClassRates &perUser, double users,
                 double instances, Station &s, ShapeMemo *memo = nullptr);
// Instances of component i (auto-scaled tiers sized for `arrivalRps` req/s): read from the
// prepared table (inline: the sweep and the bill ask for every lump at every point and hour),
// searched when the tier has none.
double searchedInstancesFor(const Prepared &p, size_t i, double arrivalRps);
// The count of an auto-scaled tier's table whose search for its load stopped at `at` (the
// first capacity not below the load; past the table, its last count).
inline double tableInstances(const Prep &pr, std::vector<double>::const_iterator at)
{
    const long last = long(pr.scaleSteps.size()) - 1;
    return pr.scaleMin + double(std::min(long(at - pr.scaleSteps.begin()), last));
}
inline double instancesFor(const Prepared &p, size_t i, double arrivalRps)
{
    const Prep &pr = p.prep[i];
    if (!pr.autoscaled)
        return pr.instances;
    if (pr.scaleSteps.empty())
        return searchedInstancesFor(p, i, arrivalRps);
    // Smallest count whose capacity at the target utilization covers the load, on the rising
    // part of the USL curve.
    return tableInstances(pr,
                          std::lower_bound(pr.scaleSteps.begin(), pr.scaleSteps.end(), arrivalRps));
}
// Arrivals at component i at `users` (req/s, the classes added in order), as its instance
// count follows them.
inline double arrivalsAt(const Prepared &p, size_t i, double users)
{
    double lambda = 0;
    for (double v : p.perUser(i))
        lambda += v * users;
    return lambda;
}
// Instances of component i at `users` (auto-scaled tiers sized for its arrivals there).
inline double instancesAt(const Prepared &p, size_t i, double users)
{
    if (!p.prep[i].autoscaled)
        return p.prep[i].instances;
    return instancesFor(p, i, arrivalsAt(p, i, users));
}
// n[h] = instancesAt(p, i, users × dayShape[h]) for the 24 hours of the day profile, each rate
// computed once; the table search of each rate resumes where the lower rate's ended.
void hourlyInstances(const Prepared &p, size_t i, double users, std::array<double, 24> &n);
// Whether auto-scaled tier i runs its minimum every hour of the day at `users` (its busiest hour's
// arrivals fit it; known from its capacity table, when it has one that rises).
bool wholeDayAtMinimum(const Prepared &p, size_t i, double users);

// --- flow.cpp: overload as a loss, availability over the day
// -------------------------------------- The stations of every lump at a user count with what
// upstream serves: a station past its capacity serves 1/ρ of its arrivals and the rest fails, so
// the stations below see less.
struct Flow {
    std::vector<Station> st;         // per lump
    std::vector<ClassRates> deficit; // per lump, req/s (all members): what upstream did not pass on
    std::vector<double> served;      // per lump: share of its arrivals it serves
    std::vector<double> admitted;    // per lump: share its pools let in (empty: all of it)
    std::vector<char> saturated;     // per lump: what it lets in fills its capacity (ρ ≥ 1)
    std::vector<ClassRates> below, held; // scratch of limitedFlowAt, per lump
    // Per lump, as flowLump left them: what it did not pass on (req/s by class, all members) and
    // what of it its station shed of the dynamic classes (both 0 when it passes on everything).
    std::vector<ClassRates> lost, shed;
    double shedDynamic = 0; // dynamic req/s shed by stations
    // The last flowAt cut nothing (deficit, lost and shed all 0, served all 1): the next that
    // cuts nothing leaves them as they are.
    bool nothingCut = false;
    // Stations flowAt may take as they are where nothing is cut, for the lumps
    // Prepared::stationAsBefore marks, when at its users (the model before's: an edit's).
    const Prepared::UncutStations *asBefore = nullptr;
    // Whether lump l passes on less than the prepared flows: it sheds, or gets less from above.
    bool cut(size_t l) const { return served[l] < 1 || totalOf(deficit[l]) > 0; }
    // Arrivals at one member of lump l, req/s by class.
    ClassRates arrivals(const Prepared &p, size_t l, double users) const;
};
// `queueing` false: only instances, capacity and ρ of the stations (Station::meanMs unset).
// Reads f.admitted (the pools' shares) when it is set.
void flowAt(const Prepared &p, double users, bool queueing, Flow &f);
// flowAt with pools as limits (queueing figures included): app servers admit what their threads
// can hold (held for the request's service under contention and its whole time downstream, not
// its wait for a core), databases what the connections they accept carry, counted on the caller
// instances the limited flow runs; f.admitted gets the shares.
void limitedFlowAt(const Prepared &p, double users, Flow &f);
// When f (at `users`) cut nothing, its stations moved into `into` (Prepared::UncutStations, one
// of p's, under p.uncutMutex) for the model an edit builds from p; f's stations are then gone.
void keepUncut(const Prepared &p, double users, Flow &f,
               std::shared_ptr<const Prepared::UncutStations> &into);
// Threads held per instance of app server lump l at f (limitedFlowAt's): Little's law over what
// its pool lets in and its cores serve, × the hold (its service time under contention + its time
// downstream). The pools' one definition: THREAD_POOL_EXHAUSTED and the refusals read it.
double threadsHeldPerInstance(const Prepared &p, const Flow &f, size_t l, double users);
// A share of a flow below this is the arithmetic's rounding, not a flow: sums of the same flows
// split and added in another order differ by about that much.
inline constexpr double kResidue = 1e-12;
// `served` req/s of `demand`, worked out as what is left of it: none when under kResidue of it
// (goodputOf's and the simulation's steps' rule).
inline double servedOrNone(double served, double demand)
{
    return served > kResidue * demand ? served : 0.0;
}
// Dynamic req/s served end to end; `demand` gets the dynamic req/s the clients send (a share
// of it under kResidue served is none: what is lost and what is offered differ by rounding).
double goodputOf(const Prepared &p, const Flow &f, double users, double &demand);
// Per class, the share of component i's arrivals lost on its routes: dead ends
// (Routing::deadEnd) with what live failures lose there (Routing::failedAt).
inline ClassRates lostOnRoute(const Prepared &p, size_t i)
{
    ClassRates lost = p.routing.deadEnd[i];
    for (int k = 0; k < kClassCount; ++k)
        lost[size_t(k)] += p.routing.failedAt[i][size_t(k)];
    return lost;
}
// What tierAvailability weighs the capacity of x instances up by, for a tier of n: the binomial
// mass and capacity(x) / capacity(n), filled as the sum reaches them and kept while n stays.
struct TierWeights {
    // Per count x of instances up, at [n − x]: the binomial mass and capacity(x) / capacity(n).
    // The walk rarely goes past a few counts: the first kInline sit in place (a block per lump
    // and evaluation showed in an edit's time), the rest in a vector.
    struct Weight {
        double mass, capacityShare;
    };
    class Table
    {
    public:
        size_t size() const { return m_size; }
        void clear()
        {
            m_size = 0;
            m_more.clear();
        }
        void push_back(Weight w)
        {
            if (m_size < kInline)
                m_head[m_size] = w;
            else
                m_more.push_back(w);
            ++m_size;
        }
        const Weight &operator[](size_t k) const
        {
            return k < kInline ? m_head[k] : m_more[k - kInline];
        }

    private:
        static constexpr size_t kInline = 8;
        std::array<Weight, kInline> m_head{};
        std::vector<Weight> m_more;
        size_t m_size = 0;
    };
    int n = -1;
    double full = 0, lnN = 0, lnA = 0, lnB = 0; // log n!, log a, log(1 − a) of its binomial
    Table weights;
    // The walk over x when every count of instances up carries all the arrivals (each term its
    // mass): its sum and the smallest capacity share it visits; onesSum < 0 until worked out.
    double onesSum = -1, onesMinShare = 0;
    int onesFewest = 1; // the fewest instances up that walk visits
    // The last call's figure did not read the arrivals beyond "no more than these": the same
    // station with fewer arrivals has the same availability (a managed service's SLA, or a
    // tier whose every likely count of instances up carries them all).
    bool holdsBelow = false;
};
// Share of the requests arriving at component i served, with each instance up with its SLA and
// the tier shedding past capacity.
// `writeRps`: of the arrivals, those of the write class (a replica's applied writes, which each
// of its instances does for itself).
double tierAvailability(const Prepared &p, size_t i, const Station &s, double arrivalRps,
                        double writeRps, double admitted, double served, double threadRate,
                        TierWeights *weights = nullptr);
// What the threads of one instance of app server lump l hold per second: its threads over the
// mean time a request holds one with nothing queued (Little's law at one user: its own service
// and the unloaded time below, the least hold at any load), infinite for a lump without a thread
// pool. Worked out once per model.
double threadRateOf(const Prepared &p, size_t l);
// Per lump, tierAvailability of its members (`weights`, when given, kept per lump across calls).
// A big design's lumps are shared with the side thread (inTwo).
std::vector<double> tierAvailabilities(const Prepared &p, const Flow &f, double users,
                                       std::vector<TierWeights> *weights = nullptr);
// The share of the requests the clients send at `users` whose route is up and served (series
// along a route, weighted across branches); `demand` gets the req/s they send. `routeShares`,
// when given, gets per lump and class the share of its requests whose route from there is up.
// `memo`, when given, keeps the shares of one call for the next: a call whose lumps are up as
// much as the last one's reuses them. `tier`, when given, is tierAvailabilities at `f`, already
// worked out.
struct RouteUpMemo {
    std::vector<double> own;    // per lump: tierAvailability, or a cache's served share; then
                                // per failover pool: poolAvailability
    std::vector<ClassRates> ok; // per lump and class: the share whose route is up and served
    std::vector<ClassRates> on; // the same from the lump on (ok before the lump's own share)
};
double availabilityAt(const Prepared &p, const Flow &f, double users, double &demand,
                      std::vector<ClassRates> *routeShares = nullptr,
                      std::vector<TierWeights> *weights = nullptr, RouteUpMemo *memo = nullptr,
                      const std::vector<double> *tier = nullptr);
// One hour of the day profile as dayFigures weighs it: its rate over the peak's, the requests
// the clients send then (req/s) and the share of them whose route is up and served.
struct HourFigures {
    double shape = 0, askedRps = 0, availability = 1;
};
// What an evaluation computed on its way to the figures, kept when asked for (the explanations,
// core/analysis/explain.cpp, read it; Model::evaluate keeps none).
struct EvaluationTrace {
    Flow flow;                              // the peak's stations per lump, pools applied
    std::vector<ClassRates> latencyWeights; // per lump and class: weight the latency carries
    std::vector<HourFigures> hours;         // the day profile's 24 hours
    std::vector<ClassRates> routeShares;    // per lump and class at the peak: route up and served
    std::vector<double> tier;               // per lump at the peak: tierAvailability
    // Per cost item (ev.costItems): the index of its term in Prepared::costTerms and its units.
    std::vector<std::pair<int, double>> costTerms;
};
// Evaluation::servedFraction and ::availability: demand-weighted over the hours of the day.
struct DayFigures {
    double servedFraction = 1, availability = 1;
};
// The day's figures at `users` (the peak's flow given, and its tierAvailabilities when worked
// out); writes only trace->hours and trace->routeShares, so it may run beside the rest of an
// evaluation.
DayFigures dayFigures(const Prepared &p, double users, const Flow &peak,
                      EvaluationTrace *trace = nullptr, std::vector<TierWeights> *weights = nullptr,
                      const std::vector<double> *peakTier = nullptr);
// Model::evaluate's work at `users`, keeping its intermediates in `trace` when given, and its
// advice in p.advice when `keepAdvice` (for the model an edit builds from p: carryAdvice).
Evaluation evaluateAt(const Prepared &p, double users, EvaluationTrace *trace,
                      bool keepAdvice = false);
// ev.edgeRps: per connection, the req/s it carries (what its source serves).
void edgeRates(const Prepared &p, const Flow &f, double users, Evaluation &ev);

// --- lumping.cpp ---------------------------------------------------------------------------------
// Interchangeable components (same figures, same load per user, routed on into interchangeable
// components) behave alike at every user count: the per-point work runs once per lump of them,
// so a design of 100 identical regions costs about what one does. Lumps are found bottom-up
// over the DAG (a hash of each component's figures and of the lumps it sends to, with the
// fractions summed per lump).
// After an edit (`carry`, with stationsToRedo's `redo`), a design whose components were each a
// lump of their own is lumped from the signatures the edit touched.
void lumpInterchangeable(Prepared &p, const Carry *carry = nullptr,
                         const std::vector<char> *redo = nullptr);

// --- latency.cpp ---------------------------------------------------------------------------------
struct LatencyScratch {
    std::vector<LatencyMixture> mix; // per slot of the plan
    // When set: per lump and class, the weight (per-user req/s) of the requests that reach the
    // lump, as the propagation carries them (the explanation of the mean latency reads it).
    std::vector<ClassRates> *weights = nullptr;
    // When set (a simulated step with a balancer's target found failed, DESIGN.md "Time"): per
    // lump and class, the share a balancer still sends (healthyShareOf; 1: as planned), and per
    // lump the share of it a balancer still sends to (LumpStep::serving: 0 when found down). A
    // balancer then sends each target fraction × serving / share, as the step's flow does; a
    // cache found down ends no read and its routes (the misses') carry all of them (its share:
    // theirs).
    const std::vector<ClassRates> *healthyShare = nullptr;
    const std::vector<double> *serving = nullptr;
    const std::vector<char> *byInstances = nullptr; // per lump: a balancer's splitsByInstances
};
// Prepared::latencyPlans, from the lumps, their routes and the populations' DNS choices.
void planLatency(Prepared &p);
// Pushes the latency mixtures of the classes in `classMask` (bit per RequestClass) along the
// routes between lumps (`st` is indexed by lump); `done` collects where requests end, `invalid`
// marks classes that meet an overloaded station.
// With populations, the mixtures are the populations' weighted by their shares, each with the
// round trips of its place inside (population ≥ 0: that population alone).
void propagateLatency(const Prepared &p, const std::vector<Station> &st, unsigned classMask,
                      LatencyScratch &scratch, std::array<LatencyMixture, kClassCount> &done,
                      std::array<bool, kClassCount> &invalid, int population = -1);
// The round trip added after the mixture: traffic.networkRttMs without populations, else 0
// (each population's is inside its mixture).
double clientShiftMs(const Prepared &p);
// Mean and percentiles of a mixture shifted by `shiftMs`; invalid when `bad` or empty.
LatencySummary summarize(const LatencyMixture &m, bool bad, double shiftMs,
                         double *guesses = nullptr);
// ev.latency and ev.latencyByClass; `weights` (when given) gets LatencyScratch::weights.
void latencyAt(const Prepared &p, const std::vector<Station> &lumpSt, Evaluation &ev,
               std::vector<ClassRates> *weights = nullptr);

// --- geography.cpp: places, hops, DNS latency routing, transfer across zones and regions
// ---------- Regions and zones of the components, places, and the DNS split of latency routing.
void prepareGeography(Prepared &p);
// Where the design's users are, as CloudFront prices its data out: the populations' shares by
// pricing region (cdnGeoOf of the region each is in or nearest to); empty without populations.
std::vector<CdnVolumeShare> cdnVolumeSharesOf(const Design &design);
// The time a call from component u to v adds for where they are (0 when either is in no group).
double hopMs(const Prepared &p, int u, int v);
// The one-way time between u's region and v's when they are in different regions with places
// (half hopMs' round trip); 0 within a region or where either has none.
double interRegionOneWayMs(const Prepared &p, int u, int v);
// The round trip from population `pop` to component v's region; traffic.networkRttMs when v is
// in no region with a place.
double clientRttMs(const Prepared &p, size_t pop, int v);
// Whether component v is in a region group that has a place (a DNS latency-routing candidate).
bool inPlacedRegion(const Prepared &p, int v);
// Clients, DNS and CDN: at the users' end of the network (no long round trip to reach them).
bool atUsersEnd(Kind kind);
// One transfer line per crossing kind on each component whose calls cross zones or regions.
void addTransferTerms(Prepared &p, double callsPerMonthPerPeakRps);
// ev.populations: per population, latency and page time (costs are filled after the bill).
void populationFigures(const Prepared &p, const std::vector<Station> &st, Evaluation &ev);

// --- failure.cpp: SPOF, N+1, k-of-n, availability ------------------------------------------------
// Live failures: fewer instances in p.design, the components down in p.down (kept apart from
// their twins), before the design is prepared.
void applyFailures(Prepared &p, const Failures &failures);
// The parameter that holds a managed service's fixed latency (ms).
inline const char *managedLatencyParam(Kind kind)
{
    return kind == Kind::Cdn     ? "edgeLatencyMs"
           : kind == Kind::Queue ? "latencyMs"
                                 : "serviceTimeMs";
}
inline bool isDown(const Prepared &p, int i)
{
    return !p.down.empty() && p.down[size_t(i)];
}
void findSpofs(Prepared &p);
void prepareCacheLoss(Prepared &p);
// Prepared::failoverPools of the routes as they are.
void prepareFailover(Prepared &p);
// The availability of each component.
struct RouteFigures {
    std::vector<double> availability; // of each component alone (tierAvailability)
};
RouteFigures routeFigures(const Prepared &p, const std::vector<double> &tierByLump);
// N+1 of every component (ev.components filled); a cache whose loss overloads a component
// downstream marks it in `lossTarget` / `lossRho` (−1 / 0 when none).
void checkNPlusOne(const Prepared &p, const std::vector<const Station *> &st, double users,
                   Evaluation &ev, std::vector<int> &lossTarget, std::vector<double> &lossRho);

// --- cost.cpp ------------------------------------------------------------------------------------
// The bill's terms; with `carry`, the components not in `redo` have c.before's own terms.
void prepareCosts(Prepared &p, const Carry *carry = nullptr,
                  const std::vector<char> *redo = nullptr);
// The bill split by what its units follow (after lumping: instance terms go per lump).
void splitBill(Prepared &p);
// Billed instances of component i at a user count (time-weighted for auto-scaled tiers).
double billedInstances(const Prepared &p, size_t i, double users);
// Billed instances of each lump at a user count (time-weighted for auto-scaled tiers).
void billedByLump(const Prepared &p, double users, std::vector<double> &out);
// The bill at a user count, in two steps: the figures (billAt: per line its term, units and
// dollars, per component and in all), then the lines' words (costItemsOf, ev.costItems), which
// cost most of it and which nothing in the evaluation reads (model.cpp works them out on the side
// thread). `terms` (when given) gets per line its term's index and units.
struct Bill {
    struct Line {
        int term;
        double units, usd;
    };
    std::vector<Line> lines; // one per cost item, in Prepared::costTerms' order
    std::vector<double> meterUsd;
    std::vector<double> componentUsd, computeUsd; // per component: all, and compute alone
    double totalUsd = 0;
};
Bill billAt(const Prepared &p, double users, std::vector<std::pair<int, double>> *terms = nullptr);
// The per-component and total monthly cost of `b` into ev (its components sized).
void addBill(const Bill &b, double users, Evaluation &ev);
std::vector<CostItem> costItemsOf(const Prepared &p, double users, const Bill &b);
// An auto-scaled tier at reserved pricing: the instances it reserves, paid whether they run or
// not (its minimum, the design's before live failures); 0 for any other component.
double reservedFloorOf(const Prepared &p, size_t i);
// The monthly total alone, as the sweep needs it.
double monthlyUsdAt(const Prepared &p, double users, std::vector<double> &billed);
// Lump l's instances at `billed` a member (the time-weighted count, or a step's provisioned),
// USD a month: instanceUsd × billed, and a reserved floor's price for what runs below it.
inline double instancesUsd(const Lump &lump, double billed)
{
    const double usd = lump.instanceUsd * billed;
    return lump.reservedUsd > 0 && billed < lump.reservedFloor
               ? usd + lump.reservedUsd * (lump.reservedFloor - billed)
               : usd;
}

// --- tiered.cpp: meters billed through tiers, burstable credits ----------------------------------
// Surplus CPU of lump l's members in unlimited credit mode, as a share of one instance's vCPUs
// over the month: max(0, Σ_h n_h·(u_h − baseline)) ÷ 24 over the day profile's hours, with n_h
// the instances and u_h = min(1, ρ_h) their utilization at users × dayShape[h].
double creditUnitsAt(const Prepared &p, size_t lump, double users);
// What follows a metered line's volume when it pays something: its meter's blended rate (the
// meter's bill `usd` ÷ its whole volume at `users`) and the account's free allowance; written
// once per meter and evaluation, for each of its lines.
std::string meteredSuffix(const Meter &m, double users, double usd);
// A metered line's label, "Egress 30.0 PB at $0.0213/GB blended": its volume (`units`), then
// `suffix`, or "(free tier)" when the line pays nothing (`usd`); the volume alone when none.
std::string meteredLabel(const Meter &m, const CostTerm &term, double units, double usd,
                         const std::string &suffix);

// --- advisor.cpp ---------------------------------------------------------------------------------
// The advisor's warnings, into ev.warnings; those of the components an edit left as they were
// taken over from p.adviceBefore when there is one. `keep`, when given, receives what the model
// an edit builds from this one needs to take them over in turn (Prepared::advice).
void advise(const Prepared &p, const std::vector<int> &cacheLossTarget,
            const std::vector<double> &cacheLossRho, Evaluation &ev, AdviceMemo *keep = nullptr);
// After an edit (Prepared p carried from `before`): before's last advice, and per component
// whether the advisor's inputs outside the evaluation are the same in p (Prepared::adviceSame).
void carryAdvice(Prepared &p, const Prepared &before, const std::vector<char> &changed);

// What `validate` and the advisor (NO_CLIENTS) say of a design without clients.
inline constexpr const char *kNoClientsMessage =
    "no clients component: traffic has nowhere to start";

// --- sweep.cpp -----------------------------------------------------------------------------------
Sweep sweepOf(const Prepared &p, double fromUsers, double toUsers, int points);
// Points first … last−1 of that sweep (the same users and figures), in points[0 … last−first−1].
Sweep sweepPartOf(const Prepared &p, double fromUsers, double toUsers, int points, int first,
                  int last);
std::optional<double> sloWallOf(const Prepared &p, double p99Ms);

} // namespace sc::detail
