#include "params.h"

#include <algorithm>
#include <array>

namespace sc {
namespace {

constexpr double kBig = 1e12;

struct KindInfo {
    Kind kind;
    std::string_view name;
    std::string_view title;
    std::string_view plural; // for sentences: "load balancers"
    std::string_view description;
};

constexpr std::array<KindInfo, kKindCount> kKinds{{
    {Kind::Clients, "clients", "Clients", "clients",
     "Where traffic comes from: users' browsers and apps; may take a share of the traffic"},
    {Kind::Dns, "dns", "DNS", "DNS servers",
     "Route 53 hosted zone: resolves names, billed per query"},
    {Kind::Cdn, "cdn", "CDN", "CDNs",
     "CloudFront: serves static assets from the edge, absorbing hits"},
    {Kind::LoadBalancer, "loadBalancer", "Load balancer", "load balancers",
     "Spreads requests over its targets; an ALB when managed, otherwise nginx/HAProxy on "
     "instances"},
    {Kind::AppServer, "appServer", "App server", "app servers",
     "Runs the application; serves dynamic requests and calls caches, databases and queues"},
    {Kind::Cache, "cache", "Cache", "caches", "Redis/ElastiCache: absorbs reads that hit"},
    {Kind::Pooler, "pooler", "Connection pooler", "connection poolers",
     "PgBouncer: multiplexes many client connections onto a small pool"},
    {Kind::Database, "database", "Database", "databases",
     "Primary database (RDS PostgreSQL): takes all writes and reads not sent elsewhere"},
    {Kind::ReadReplica, "readReplica", "Read replica", "read replicas",
     "Serves reads copied from the primary"},
    {Kind::Queue, "queue", "Queue", "queues", "SQS: buffers background jobs for workers"},
    {Kind::Worker, "worker", "Workers", "workers", "Process background jobs from a queue"},
    {Kind::ObjectStorage, "objectStorage", "Object storage", "object storage",
     "S3: stores files and serves static assets, with hot/warm/cold tiers"},
}};

// "load balancers" → "Load balancers" (the plurals are ASCII).
std::string sentenceStart(std::string_view words)
{
    std::string s(words);
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = char(s[0] - 'a' + 'A');
    return s;
}

constexpr std::string_view kPricingChoices = "onDemand|reserved|spot";

#define SC_INSTANCES(def)                                                                          \
    ParamSpec                                                                                      \
    {                                                                                              \
        "instances", ParamType::Int, "", def, 1, 100000, {}, {},                                   \
            "Number of instances (nodes) in the tier"                                              \
    }
#define SC_PRICING                                                                                 \
    ParamSpec                                                                                      \
    {                                                                                              \
        "pricing", ParamType::Enum, "", 0, 0, 0, "onDemand", kPricingChoices,                      \
            "Pricing model: on-demand, reserved (1-yr) or spot"                                    \
    }
// RDS and ElastiCache are sold on demand or reserved, never as spot capacity (aws-prices.md;
// QA: a database "on spot" billed 30% of its price).
#define SC_MANAGED_PRICING                                                                         \
    ParamSpec                                                                                      \
    {                                                                                              \
        "pricing", ParamType::Enum, "", 0, 0, 0, "onDemand", "onDemand|reserved",                  \
            "Pricing model: on-demand or reserved (1-yr); RDS and ElastiCache sell no spot"        \
    }
#define SC_CREDIT_MODE                                                                             \
    ParamSpec                                                                                      \
    {                                                                                              \
        "creditMode", ParamType::Enum, "", 0, 0, 0, "unlimited", "unlimited|standard",             \
            "CPU credits of a burstable (t3) type: unlimited bills the CPU above its baseline "    \
            "(AWS's default); standard throttles it to the baseline"                               \
    }
#define SC_TYPE(def, service)                                                                      \
    ParamSpec                                                                                      \
    {                                                                                              \
        "instanceType", ParamType::InstanceType, "", 0, 0, 0, def, service,                        \
            "Instance type from the price catalog"                                                 \
    }
#define SC_SERIAL                                                                                  \
    ParamSpec                                                                                      \
    {                                                                                              \
        "serialFraction", ParamType::Real, "", 0, 0, 1, {}, {},                                    \
            "Amdahl serial fraction σ: speedup never exceeds 1/σ"                                \
    }
#define SC_SERVICE_CV                                                                              \
    ParamSpec                                                                                      \
    {                                                                                              \
        "serviceCv", ParamType::Real, "", 1, 0, 10, {}, {},                                        \
            "Service-time variability: standard deviation over mean (1 = exponential, 0 = "        \
            "constant); scales the queueing wait by (1 + cv²)/2"                                  \
    }
#define SC_COHERENCY                                                                               \
    ParamSpec                                                                                      \
    {                                                                                              \
        "coherency", ParamType::Real, "", 0, 0, 1, {}, {},                                         \
            "USL coherency cost κ: past a point, more cores slow the tier down"                   \
    }

const ParamSpec kClients[] = {
    {"share",
     ParamType::Real,
     "",
     1,
     0,
     1,
     {},
     {},
     "Share of the design's traffic these clients send"},
};
const ParamSpec kDns[] = {
    {"routing", ParamType::Enum, "", 0, 0, 0, "weighted", "weighted|latency",
     "How queries pick a target: by weight, or the region nearest each user population"},
    {"hostedZones", ParamType::Int, "", 1, 0, 1000, {}, {}, "Hosted zones billed per month"},
    {"queriesPerRequest",
     ParamType::Real,
     "",
     0.05,
     0,
     1,
     {},
     {},
     "DNS queries per request reaching the zone (resolvers cache the rest)"},
};
const ParamSpec kCdn[] = {
    {"hitRatio",
     ParamType::Real,
     "",
     0.9,
     0,
     1,
     {},
     {},
     "Share of static requests served at the edge"},
    {"edgeLatencyMs",
     ParamType::Real,
     "ms",
     5,
     0,
     10000,
     {},
     {},
     "Time to answer a hit at the edge"},
};
const ParamSpec kLoadBalancer[] = {
    {"managed",
     ParamType::Bool,
     "",
     1,
     0,
     1,
     {},
     {},
     "Managed ALB (highly available) or self-hosted on instances"},
    SC_INSTANCES(1),
    SC_TYPE("c5.large", "ec2"),
    SC_PRICING,
    SC_CREDIT_MODE,
    {"serviceTimeMs",
     ParamType::Real,
     "ms",
     0.2,
     0.001,
     100000,
     {},
     {},
     "CPU time per request on one core (self-hosted); added latency (managed)"},
    SC_SERVICE_CV,
    {"algorithm", ParamType::Enum, "", 0, 0, 0, "roundRobin", "roundRobin|random|leastOutstanding",
     "How requests are spread over the targets' instances: round robin (AWS ALB's default) "
     "and random leave each instance its own queue; least outstanding requests joins the "
     "least busy, about one shared queue"},
};
const ParamSpec kAppServer[] = {
    SC_INSTANCES(2),
    SC_TYPE("t3.large", "ec2"),
    SC_PRICING,
    SC_CREDIT_MODE,
    {"serviceTimeMs",
     ParamType::Real,
     "ms",
     2,
     0.001,
     100000,
     {},
     {},
     "CPU time per request on one core (2 ms ≈ 1,000 req/s on a 2-vCPU t3.large)"},
    SC_SERIAL,
    SC_COHERENCY,
    SC_SERVICE_CV,
    {"threadsPerInstance",
     ParamType::Int,
     "",
     50,
     1,
     100000,
     {},
     {},
     "Worker threads per instance; each may hold one database connection"},
    {"sessionsInMemory",
     ParamType::Bool,
     "",
     0,
     0,
     1,
     {},
     {},
     "Keeps user sessions in local memory (sticky; breaks when scaled out)"},
};
const ParamSpec kCache[] = {
    SC_INSTANCES(1),
    SC_TYPE("cache.t3.medium", "elasticache"),
    SC_MANAGED_PRICING,
    {"hitRatio", ParamType::Real, "", 0.9, 0, 1, {}, {}, "Share of reads answered by the cache"},
    {"opsPerNode",
     ParamType::Real,
     "ops/s",
     100000,
     1,
     kBig,
     {},
     {},
     "Operations per second one node sustains (Redis ≈ 100K)"},
    {"serviceTimeMs", ParamType::Real, "ms", 0.5, 0.001, 100000, {}, {}, "Time of one cache read"},
    {"ttlS",
     ParamType::Real,
     "s",
     300,
     0,
     kBig,
     {},
     {},
     "Time to live of entries; 0 = never expire"},
    {"workingSetGB", ParamType::Real, "GB", 1, 0, kBig, {}, {}, "Hot data the cache must hold"},
    {"hitRatioFrom", ParamType::Enum, "", 0, 0, 0, "given", "given|derived",
     "given: the hit ratio above; derived: from the keys, their popularity, the nodes' "
     "memory, the TTL and the writes that invalidate keys (Che's approximation)"},
    {"keys",
     ParamType::Int,
     "",
     1e6,
     1,
     1e12,
     {},
     {},
     "Distinct keys the reads ask for (derived hit ratio)"},
    {"valueBytes",
     ParamType::Real,
     "B",
     1000,
     1,
     5.12e8,
     {},
     {},
     "Size of one cached value (derived hit ratio; 100 B of overhead per key is added)"},
    {"zipfExponent",
     ParamType::Real,
     "",
     0.9,
     0,
     3,
     {},
     {},
     "Key popularity: the key of rank i is read ∝ i^−α (web and key-value traffic ≈ 0.6–1)"},
};
const ParamSpec kPooler[] = {
    SC_INSTANCES(1),
    SC_TYPE("t3.small", "ec2"),
    SC_PRICING,
    SC_CREDIT_MODE,
    {"poolSize",
     ParamType::Int,
     "",
     50,
     1,
     100000,
     {},
     {},
     "Server connections the pooler keeps open to each database"},
    {"serviceTimeMs",
     ParamType::Real,
     "ms",
     0.05,
     0.001,
     100000,
     {},
     {},
     "Time to hand over one query"},
    SC_SERVICE_CV,
};
const ParamSpec kDatabase[] = {
    SC_TYPE("db.m5.large", "rds"),
    SC_MANAGED_PRICING,
    {"readServiceTimeMs",
     ParamType::Real,
     "ms",
     5,
     0.001,
     100000,
     {},
     {},
     "CPU time of one read query on one core"},
    {"writeServiceTimeMs",
     ParamType::Real,
     "ms",
     10,
     0.001,
     100000,
     {},
     {},
     "CPU time of one write on one core"},
    SC_SERIAL,
    SC_COHERENCY,
    SC_SERVICE_CV,
    {"maxConnections",
     ParamType::Int,
     "",
     100,
     1,
     1000000,
     {},
     {},
     "Connections the server accepts (PostgreSQL default 100)"},
    {"shards", ParamType::Int, "", 1, 1, 4096, {}, {}, "Shards, each a primary of this type"},
    {"shardSkew",
     ParamType::Real,
     "×",
     1.2,
     1,
     100,
     {},
     {},
     "Load on the hottest shard relative to an even split"},
    {"multiAz", ParamType::Bool, "", 0, 0, 1, {}, {}, "Standby in a second zone (twice the price)"},
    {"storageGB", ParamType::Real, "GB", 100, 0, kBig, {}, {}, "Provisioned storage per shard"},
    {"workingSetGB", ParamType::Real, "GB", 4, 0, kBig, {}, {}, "Hot data that should fit in RAM"},
};
const ParamSpec kReadReplica[] = {
    SC_INSTANCES(1),
    SC_TYPE("db.m5.large", "rds"),
    SC_MANAGED_PRICING,
    {"readServiceTimeMs",
     ParamType::Real,
     "ms",
     5,
     0.001,
     100000,
     {},
     {},
     "CPU time of one read query on one core"},
    SC_SERIAL,
    SC_SERVICE_CV,
    {"storageGB",
     ParamType::Real,
     "GB",
     100,
     0,
     kBig,
     {},
     {},
     "Storage per replica, at least its primary's"},
    {"applyCostFraction",
     ParamType::Real,
     "×",
     0.5,
     0,
     10,
     {},
     {},
     "CPU time to apply one of the primary's writes, as a share of the primary's write time"},
    {"shipDelayMs",
     ParamType::Real,
     "ms",
     10,
     0,
     1e6,
     {},
     {},
     "Time a committed write takes to reach the replica within a region (WAL send, network, "
     "flush); a replica in another region than its primary adds the distance"},
};
const ParamSpec kQueue[] = {
    {"requestsPerJob",
     ParamType::Real,
     "",
     3,
     1,
     100,
     {},
     {},
     "Billed requests per job (send, receive, delete)"},
    {"latencyMs", ParamType::Real, "ms", 20, 0, 1e7, {}, {}, "Time a job spends in transit"},
};
const ParamSpec kWorker[] = {
    SC_INSTANCES(2),
    SC_TYPE("c5.large", "ec2"),
    SC_PRICING,
    SC_CREDIT_MODE,
    {"serviceTimeMs",
     ParamType::Real,
     "ms",
     100,
     0.001,
     1e7,
     {},
     {},
     "CPU time of one job on one core"},
    SC_SERIAL,
    SC_SERVICE_CV,
};
const ParamSpec kObjectStorage[] = {
    {"storageGB", ParamType::Real, "GB", 1000, 0, kBig, {}, {}, "Data stored"},
    {"warmFraction", ParamType::Real, "", 0, 0, 1, {}, {}, "Share kept in Standard-IA (warm)"},
    {"coldFraction", ParamType::Real, "", 0, 0, 1, {}, {}, "Share kept in Glacier (cold)"},
    {"serviceTimeMs", ParamType::Real, "ms", 20, 0, 1e7, {}, {}, "Time to first byte of a GET"},
};

const ParamSpec kAutoscale[] = {
    {"min", ParamType::Int, "", 2, 1, 100000, {}, {}, "Fewest instances"},
    {"max", ParamType::Int, "", 10, 1, 100000, {}, {}, "Most instances"},
    {"targetUtilization",
     ParamType::Real,
     "",
     0.6,
     0.05,
     1,
     {},
     {},
     "Utilization target tracking keeps (60% leaves headroom)"},
    {"cooldownS", ParamType::Real, "s", 300, 0, 86400, {}, {}, "Wait between scaling actions"},
    {"bootS", ParamType::Real, "s", 120, 0, 86400, {}, {}, "Time until a new instance serves"},
    {"policy", ParamType::Enum, "", 0, 0, 0, "targetTracking", "targetTracking|step|predictive",
     "How it decides in time: hold the target, add and remove at thresholds, or also provision "
     "a boot time ahead for the day profile's traffic (the daily pattern, not a spike)"},
    {"metricPeriodS", ParamType::Real, "s", 60, 10, 3600, {}, {}, "Each decision averages this"},
    {"scaleOutAbove", ParamType::Real, "", 0.8, 0.05, 1, {}, {}, "Step policy: add above this"},
    {"scaleInBelow", ParamType::Real, "", 0.4, 0, 0.95, {}, {}, "Step policy: remove one below"},
    {"stepAdd", ParamType::Int, "", 1, 1, 1000, {}, {}, "Step policy: instances an alarm adds"},
};

const ParamSpec kTraffic[] = {
    {"users", ParamType::Real, "users", 1000, 0, 1e10, {}, {}, "Daily active users"},
    {"requestsPerUserPerDay",
     ParamType::Real,
     "req",
     50,
     0,
     1e7,
     {},
     {},
     "Dynamic requests each user makes per day"},
    {"writeFraction",
     ParamType::Real,
     "",
     0.1,
     0,
     1,
     {},
     {},
     "Share of dynamic requests that write"},
    {"peakToAverage", ParamType::Real, "×", 3, 1, 1000, {}, {}, "Peak rate over the daily average"},
    {"staticPerRequest",
     ParamType::Real,
     "",
     2,
     0,
     10000,
     {},
     {},
     "Static asset fetches per dynamic request"},
    {"callsPerPage",
     ParamType::Int,
     "calls",
     1,
     1,
     1000,
     {},
     {},
     "Dynamic requests a page makes one after another (its page time)"},
    {"kbPerRequest",
     ParamType::Real,
     "KB",
     20,
     0,
     1e7,
     {},
     {},
     "Response size of a dynamic request"},
    {"kbPerStatic", ParamType::Real, "KB", 100, 0, 1e7, {}, {}, "Size of a static asset"},
    {"asyncPerWrite",
     ParamType::Real,
     "",
     0,
     0,
     10000,
     {},
     {},
     "Background jobs each write enqueues"},
    {"networkRttMs",
     ParamType::Real,
     "ms",
     50,
     0,
     100000,
     {},
     {},
     "Round trip between users and the site"},
};

#undef SC_INSTANCES
#undef SC_PRICING
#undef SC_MANAGED_PRICING
#undef SC_TYPE
#undef SC_SERIAL
#undef SC_COHERENCY
#undef SC_SERVICE_CV

template <size_t N> std::span<const ParamSpec> asSpan(const ParamSpec (&a)[N])
{
    return {a, N};
}

} // namespace

std::string_view kindName(Kind kind)
{
    return kKinds[size_t(kind)].name;
}
std::string_view kindTitle(Kind kind)
{
    return kKinds[size_t(kind)].title;
}
std::string_view paramUnit(std::string_view name)
{
    const auto endsWith = [name](std::string_view tail) {
        return name.size() > tail.size() && name.substr(name.size() - tail.size()) == tail;
    };
    if (endsWith("Ms"))
        return "ms";
    if (endsWith("GB"))
        return "GB";
    if (endsWith("KB"))
        return "KB";
    if (endsWith("S"))
        return "s";
    return "";
}

std::string paramTitle(std::string_view name)
{
    if (name == "multiAz") // AWS's own spelling of its option, as the advice writes it
        return "Multi-AZ";
    std::string_view n = name;
    const std::string_view unit = paramUnit(n);
    n.remove_suffix(unit == "s" ? 1 : unit.size());
    std::string out;
    for (size_t i = 0; i < n.size(); ++i) {
        const char ch = n[i];
        if (i == 0)
            out += char(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
        else if (ch >= 'A' && ch <= 'Z')
            out += std::string(" ") + char(ch - 'A' + 'a');
        else
            out += ch;
    }
    // Acronyms read as acronyms: "KB per request", "Network RTT", "TTL".
    static const std::pair<std::string_view, std::string_view> acronyms[] = {
        {"Kb", "KB"}, {"kb", "KB"}, {"rtt", "RTT"}, {"az", "AZ"}, {"Ttl", "TTL"}, {"gb", "GB"}};
    std::string words;
    size_t start = 0;
    while (start <= out.size()) {
        size_t end = out.find(' ', start);
        if (end == std::string::npos)
            end = out.size();
        std::string w = out.substr(start, end - start);
        for (const auto &[from, to] : acronyms)
            if (w == from)
                w = std::string(to);
        words += (words.empty() ? "" : " ") + w;
        start = end + 1;
    }
    return words;
}

std::string choiceText(std::string_view choice)
{
    if (choice == "onDemand")
        return "on-demand";
    std::string out;
    for (char ch : choice) {
        if (ch >= 'A' && ch <= 'Z' && !out.empty()) {
            out += ' ';
            ch = char(ch - 'A' + 'a');
        }
        out += ch;
    }
    return out;
}

std::string_view kindPlural(Kind kind)
{
    return kKinds[size_t(kind)].plural;
}
std::string_view kindDescription(Kind kind)
{
    return kKinds[size_t(kind)].description;
}

std::optional<Kind> kindFromName(std::string_view name)
{
    for (const KindInfo &k : kKinds)
        if (k.name == name)
            return k.kind;
    return std::nullopt;
}

std::span<const Kind> allKinds()
{
    static constexpr std::array<Kind, kKindCount> kinds = [] {
        std::array<Kind, kKindCount> a{};
        for (int i = 0; i < kKindCount; ++i)
            a[size_t(i)] = Kind(i);
        return a;
    }();
    return kinds;
}

std::span<const ParamSpec> paramSpecs(Kind kind)
{
    switch (kind) {
    case Kind::Clients:
        return asSpan(kClients);
    case Kind::Dns:
        return asSpan(kDns);
    case Kind::Cdn:
        return asSpan(kCdn);
    case Kind::LoadBalancer:
        return asSpan(kLoadBalancer);
    case Kind::AppServer:
        return asSpan(kAppServer);
    case Kind::Cache:
        return asSpan(kCache);
    case Kind::Pooler:
        return asSpan(kPooler);
    case Kind::Database:
        return asSpan(kDatabase);
    case Kind::ReadReplica:
        return asSpan(kReadReplica);
    case Kind::Queue:
        return asSpan(kQueue);
    case Kind::Worker:
        return asSpan(kWorker);
    case Kind::ObjectStorage:
        return asSpan(kObjectStorage);
    }
    return {};
}

const ParamSpec *findParam(Kind kind, std::string_view name)
{
    // The model asks for a dozen names per component per edit.
    for (const ParamSpec &p : paramSpecs(kind))
        if (sameName(p.name, name))
            return &p;
    return nullptr;
}

bool canAutoscale(Kind kind)
{
    return kind == Kind::AppServer || kind == Kind::Worker;
}

std::span<const ParamSpec> autoscaleSpecs()
{
    return asSpan(kAutoscale);
}
std::span<const ParamSpec> trafficSpecs()
{
    return asSpan(kTraffic);
}

std::string_view className(RequestClass c)
{
    switch (c) {
    case RequestClass::Static:
        return "static";
    case RequestClass::Read:
        return "read";
    case RequestClass::Write:
        return "write";
    case RequestClass::Job:
        return "job";
    }
    return "";
}

std::optional<RequestClass> classFromName(std::string_view name)
{
    for (int i = 0; i < kClassCount; ++i)
        if (className(RequestClass(i)) == name)
            return RequestClass(i);
    return std::nullopt;
}

bool isInstanceBased(Kind kind)
{
    return findParam(kind, "instanceType") != nullptr;
}

bool isComputeKind(Kind kind, bool managed)
{
    switch (kind) {
    case Kind::AppServer:
    case Kind::Worker:
    case Kind::Database:
    case Kind::ReadReplica:
    case Kind::Pooler:
        return true;
    case Kind::LoadBalancer:
        return !managed;
    default:
        return false;
    }
}

bool isManagedKind(Kind kind, bool managed)
{
    switch (kind) {
    case Kind::Dns:
    case Kind::Cdn:
    case Kind::Queue:
    case Kind::ObjectStorage:
        return true;
    case Kind::LoadBalancer:
        return managed;
    default:
        return false;
    }
}

bool connectionAllowed(Kind from, Kind to, std::string *reason)
{
    using K = Kind;
    auto in = [to](std::initializer_list<K> l) {
        for (K k : l)
            if (k == to)
                return true;
        return false;
    };
    bool ok = false;
    switch (from) {
    case K::Clients:
        ok = in({K::Dns, K::Cdn, K::LoadBalancer, K::AppServer, K::ObjectStorage});
        break;
    case K::Dns:
        ok = in({K::Cdn, K::LoadBalancer, K::AppServer, K::ObjectStorage});
        break;
    case K::Cdn:
        ok = in({K::LoadBalancer, K::AppServer, K::ObjectStorage});
        break;
    case K::LoadBalancer:
        ok = in({K::LoadBalancer, K::AppServer});
        break;
    case K::AppServer:
        ok = in({K::Cache, K::Pooler, K::Database, K::ReadReplica, K::Queue, K::Worker,
                 K::ObjectStorage});
        break;
    case K::Cache:
        ok = in({K::Pooler, K::Database, K::ReadReplica});
        break;
    case K::Pooler:
        ok = in({K::Database, K::ReadReplica});
        break;
    case K::Queue:
        ok = in({K::Worker});
        break;
    case K::Worker:
        ok = in({K::Pooler, K::Database, K::ObjectStorage});
        break;
    case K::Database:
    case K::ReadReplica:
    case K::ObjectStorage:
        ok = false;
        break;
    }
    if (!ok && reason) {
        // Whole sentences, one verb for a plural and another for a mass noun ("Object storage
        // answer requests" read as a slip; QA).
        if (to == K::Clients)
            *reason = "Clients are where traffic starts; nothing sends requests to them";
        else if (from == K::ObjectStorage)
            *reason = "Object storage answers requests; it sends none onward";
        else if (from == K::Database || from == K::ReadReplica)
            *reason = sentenceStart(kindPlural(from)) + " answer requests; they send none onward";
        else
            *reason = sentenceStart(kindPlural(from)) + " do not send requests to " +
                      std::string(kindPlural(to));
    }
    return ok;
}

bool sendsRequests(Kind kind)
{
    const std::span<const Kind> kinds = allKinds();
    return std::any_of(kinds.begin(), kinds.end(),
                       [kind](Kind to) { return connectionAllowed(kind, to); });
}

} // namespace sc
