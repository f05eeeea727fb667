// Stations: what each component can carry (USL over its cores, cache nodes, managed service
// limits), how auto-scaled tiers size themselves, each station's queueing at a user count, and
// the limits that do not depend on it (the wall and the scaling ceiling).

#include "core/analysis/prepared.h"

#include "core/analysis/limits.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace sc::detail {
namespace {

// Arrival-weighted service time (ms) for the class mix `perUser`; the read time when nothing
// arrives.
double mixOf(const ClassRates &perUser, const ClassRates &serviceMs)
{
    double l = 0, ls = 0;
    bool alike = true; // every class that arrives takes the same time
    double first = -1;
    for (int c = 0; c < kClassCount; ++c) {
        l += perUser[size_t(c)];
        ls += perUser[size_t(c)] * serviceMs[size_t(c)];
        if (perUser[size_t(c)] > 0) {
            alike = alike && (first < 0 || serviceMs[size_t(c)] == first);
            first = serviceMs[size_t(c)];
        }
    }
    // A mean of one time is that time: λ·s/λ missed it by an ulp for some rates, and an
    // auto-scaled tier sized at exactly its target took one instance more (26 for 3,000 req/s
    // at 0.6 of 200 each; QA).
    if (l > 0 && alike)
        return first;
    return l > 0 ? ls / l : serviceMs[kRead];
}

// The service time's Cs² for the class mix `perUser`: the classes' service times differ only at
// databases (reads and writes), elsewhere Cs² is the component's serviceCv².
double serviceScvOf(const ClassRates &perUser, const Prep &pr)
{
    return mixServiceScv(perUser.data(), pr.serviceMs.data(), kClassCount, pr.serviceCv);
}

// A compute station's shape at `instances` and the class mix `perUser` (`nominal`: the prepared
// mix, routing.perUser, whose S̄ and Cs² are prepared).
ComputeShape computeShape(const Prep &pr, const ClassRates &perUser, bool nominal, double instances)
{
    ComputeShape cs;
    // A database's instances are its shards: each shard is one primary of this type.
    cs.cores = (pr.kind == Kind::Database ? 1.0 : instances) * pr.vcpu;
    cs.speedup = uslSpeedup(cs.cores, pr.sigma, pr.kappa);
    cs.sbarMs = nominal ? pr.mixMs : mixOf(perUser, pr.serviceMs);
    cs.capacity = cs.speedup * 1000.0 / cs.sbarMs / pr.shard;
    cs.inflate = cs.cores / cs.speedup;
    // One queue per instance (each λ/n on its own vCPUs), or one for the tier (a shard's).
    cs.queues = pr.perInstance && instances >= 1 ? instances : 1.0;
    cs.scv = nominal ? pr.serviceScv : serviceScvOf(perUser, pr);
    cs.servers = roundToInteger(cs.cores / cs.queues);
    cs.queueMs = cs.sbarMs * cs.inflate;
    for (int k = 0; k < kClassCount; ++k) {
        const double sk = pr.serviceMs[size_t(k)] * cs.inflate;
        cs.classMs[size_t(k)] = sk;
        cs.classVarMs2[size_t(k)] = sk * sk * pr.serviceCv * pr.serviceCv;
    }
    return cs;
}

// Whether a load balancer spreads requests to the least busy instance (one shared queue).
bool leastOutstanding(const Component &c)
{
    return c.kind == Kind::LoadBalancer && c.textView("algorithm") == "leastOutstanding";
}

// Whether each instance of component i queues on its own. Round robin and random dispatch
// commit a request to an instance on arrival; least-outstanding dispatch and workers pulling
// from a queue hand it to whichever frees first, about one queue for the tier. Caches (keys
// hash to a node), replicas and poolers (chosen per request or connection) queue per
// instance; a database queues per shard already; managed services do not queue.
bool queuesPerInstance(const Prepared &p, size_t i)
{
    const Component &c = p.design.components[i];
    if (c.kind == Kind::Cache || c.kind == Kind::ReadReplica || c.kind == Kind::Pooler)
        return true;
    if (!isCompute(c) || c.kind == Kind::Database)
        return false;
    // App servers, workers and self-hosted balancers: shared only when everything that sends
    // them requests hands each to the first free instance.
    bool sent = false, pooled = true;
    for (int e : p.inEdges[i]) {
        if (!(p.routing.edgeFlow[size_t(e)] > 0))
            continue;
        const Component &from = p.design.components[size_t(p.from[size_t(e)])];
        sent = true;
        pooled = pooled &&
                 (leastOutstanding(from) || (c.kind == Kind::Worker && from.kind == Kind::Queue));
    }
    return !(sent && pooled);
}

// The whole instances of `vcpu` cores at which the USL curve peaks (κ > 0): past √((1 − σ)/κ)
// cores it falls, so of the counts either side of that the faster, the fewer on a tie (QA: the
// ceiling read the peak at 150 cores, 1.5625 c5.24xlarge, 1.75% above the best any count
// reaches, 2 instances; and a tier scaled no further than the count below, 1, where 2 are faster).
double peakInstances(double sigma, double kappa, double vcpu)
{
    const double peak = std::sqrt((1 - sigma) / kappa) / vcpu;
    const double below = std::max(1.0, std::floor(peak)), above = std::max(1.0, std::ceil(peak));
    return uslSpeedup(above * vcpu, sigma, kappa) > uslSpeedup(below * vcpu, sigma, kappa) ? above
                                                                                           : below;
}

// Past the USL peak more instances would only slow the tier.
double scalingTop(const Prep &p, const Autoscale &a)
{
    const double peak = p.kappa > 0 ? peakInstances(p.sigma, p.kappa, p.vcpu) : kInf;
    return std::isfinite(peak) ? std::clamp(peak, double(a.min), double(a.max)) : a.max;
}

// Service time of one request of each class on one core (ms), and how the kind queues.
void prepareService(const Prepared &p, const Component &c, Prep &pr)
{
    if (c.kind == Kind::Database) {
        const double read = c.number("readServiceTimeMs"), write = c.number("writeServiceTimeMs");
        pr.serviceMs = {read, read, write, write}; // static, read, write, job
    } else {
        pr.serviceMs.fill(
            c.number(c.kind == Kind::ReadReplica ? "readServiceTimeMs" : "serviceTimeMs"));
    }
    if (isCompute(c)) {
        pr.type = Prep::Compute;
    } else if (c.kind == Kind::Cache) {
        pr.type = Prep::CacheNodes;
        pr.opsPerNode = c.number("opsPerNode");
        pr.fixedMs = c.number("serviceTimeMs");
    } else if (c.kind != Kind::Clients && c.kind != Kind::Dns) {
        pr.type = Prep::Managed;
        const char *svc = c.kind == Kind::Cdn             ? "cloudfront"
                          : c.kind == Kind::Queue         ? "sqs"
                          : c.kind == Kind::ObjectStorage ? "s3"
                                                          : "alb";
        pr.managedCapacity = p.catalog.service(svc, "maxRps");
        pr.fixedMs = c.number(managedLatencyParam(c.kind));
    }
}

// Horizontal capacity limit (users) of component i, which serves `perUser` req/s per user and
// reaches its wall at `wallUsers`: tiers that take more instances are limited only by σ and κ.
double ceilingOf(const Prepared &p, size_t i, double perUser, double wallUsers)
{
    const Component &c = p.design.components[i];
    const bool horizontal = c.kind == Kind::AppServer || c.kind == Kind::Worker ||
                            c.kind == Kind::ReadReplica || c.kind == Kind::Cache ||
                            c.kind == Kind::Pooler ||
                            (c.kind == Kind::LoadBalancer && !c.flag("managed"));
    if (isManaged(c))
        return kInf;
    if (!horizontal)
        return wallUsers;
    const double sigma = p.prep[i].sigma, kappa = p.prep[i].kappa;
    if (c.kind == Kind::Cache || (sigma <= 0 && kappa <= 0))
        return kInf;
    // (A κ so small that √((1 − σ)/κ) overflows is no coherency cost at any size: as κ = 0.)
    const double vcpu = p.prep[i].vcpu;
    const double peak = kappa > 0 ? peakInstances(sigma, kappa, vcpu) : kInf;
    if (!std::isfinite(peak) && sigma <= 0)
        return kInf;
    const double best = std::isfinite(peak) ? uslSpeedup(peak * vcpu, sigma, kappa) : 1 / sigma;
    return best * 1000.0 / p.prep[i].mixMs / perUser;
}

} // namespace

double shardFactor(const Component &comp)
{
    if (comp.kind != Kind::Database)
        return 1;
    const double shards = comp.number("shards");
    return shards > 1 ? comp.number("shardSkew") / shards : 1.0;
}

void prepareStations(Prepared &p, const Carry *carry, const std::vector<char> *redo)
{
    const size_t n = p.design.components.size();
    p.prep.assign(n, {});
    for (size_t i = 0; i < n; ++i) {
        const Component &c = p.design.components[i];
        Prep &pr = p.prep[i];
        if (carry && !(*redo)[i]) {
            // As this loop left it: what lumping adds for a lump's first member is added again.
            pr = carry->before->prep[i];
            pr.hasFixedShape = false;
            pr.fixedShape = {};
            pr.scaleSteps.clear();
            pr.scaleMin = 0;
            pr.stepsRise = false;
            continue;
        }
        pr.kind = c.kind;
        pr.instance = p.instanceOf[i];
        pr.vcpu = pr.instance ? std::max(1.0, pr.instance->vcpu) : 1.0;
        pr.sigma = c.number("serialFraction");
        pr.kappa = c.number("coherency");
        pr.shard = shardFactor(c);
        prepareService(p, c, pr);
        if (c.kind == Kind::ReadReplica && p.routing.primaryOf[i] >= 0) // applying a write
            pr.serviceMs[kWrite] =
                c.number("applyCostFraction") *
                p.design.components[size_t(p.routing.primaryOf[i])].number("writeServiceTimeMs");
        // Standard credit mode: each vCPU sustains its baseline share, so every request takes
        // 1/baseline as long (capacity × baseline, and the latency that goes with it).
        if (const double share = sustainedShare(c, pr.instance); share < 1)
            for (double &ms : pr.serviceMs)
                ms /= share;
        pr.burstBaseline = billsSurplusCredits(c, pr.instance) ? pr.instance->burstBaseline : 1.0;
        pr.mixMs = mixOf(p.perUser(i), pr.serviceMs);
        pr.serviceCv = findParam(c.kind, "serviceCv") ? c.number("serviceCv") : 1.0;
        pr.serviceScv = serviceScvOf(p.perUser(i), pr);
        pr.perInstance = queuesPerInstance(p, i);
        pr.connectionsPerInstance = c.kind == Kind::AppServer ? c.number("threadsPerInstance")
                                    : c.kind == Kind::Pooler  ? c.number("poolSize")
                                    : c.kind == Kind::Worker  ? pr.vcpu
                                                              : 0.0;
        pr.connectionsAccepted = c.kind == Kind::Database ? c.number("maxConnections") : 0.0;
        pr.autoscaled = c.autoscale.has_value();
        pr.multiAz = c.kind == Kind::Database && c.flag("multiAz");
        pr.managed = c.kind == Kind::LoadBalancer && c.flag("managed");
        pr.instances = c.kind == Kind::Database         ? c.number("shards")
                       : findParam(c.kind, "instances") ? c.number("instances")
                                                        : 1.0;
    }
}

void prepareFixedShape(Prepared &p, size_t i)
{
    Prep &pr = p.prep[i];
    pr.hasFixedShape = pr.type == Prep::Compute && !pr.autoscaled;
    if (pr.hasFixedShape)
        pr.fixedShape = computeShape(pr, p.perUser(i), true, pr.instances);
}

double vcpuOf(const Prepared &p, int i)
{
    if (size_t(i) < p.prep.size())
        return p.prep[size_t(i)].vcpu;
    const Component &c = p.design.components[size_t(i)];
    if (!findParam(c.kind, "instanceType"))
        return 1;
    const InstanceType *t = p.catalog.instance(c.textView("instanceType"));
    return t ? std::max(1.0, t->vcpu) : 1.0;
}

double capacityAt(const Prepared &p, int i, double instances)
{
    // Read from the figures prepared once per edit: this runs in per-evaluation searches.
    if (size_t(i) >= p.prep.size())
        return 0; // a design with errors has no prepared figures
    const Prep &pr = p.prep[size_t(i)];
    const Kind kind = p.design.components[size_t(i)].kind;
    if (kind == Kind::Cache)
        return instances * pr.opsPerNode;
    const double perShard = kind == Kind::Database ? 1.0 : instances; // shards are one primary each
    return uslSpeedup(perShard * pr.vcpu, pr.sigma, pr.kappa) * 1000.0 / pr.mixMs / pr.shard;
}

namespace {

// What an auto-scaled tier of capacity `capacity` may carry at its target: capacity × target
// within kScaleSlack (a peak an ulp over 1,000 req/s took an eleventh instance of 200 at 0.5;
// QA), and always clear of the capacity itself, so that a target of 1 never sizes a tier to
// ρ = 1 (an unbounded queue: 1,000 req/s on 5 instances of 200 read "overloaded" at a quarter of
// the saturation wall; QA), nor to a ρ within the rounding taken as 1 (roundedToSaturation;
// review: at a target of 1 a tier sized to an ulp below its capacity read "overloaded" again).
double carriedAtTarget(double capacity, double target)
{
    return std::min(capacity * target * (1 + kScaleSlack),
                    capacity * (1 - 2 * kSaturationRounding));
}

} // namespace

double searchedInstancesFor(const Prepared &p, size_t i, double lambda)
{
    const Prep &pr = p.prep[i];
    const Autoscale &a = *p.design.components[i].autoscale;
    auto enough = [&](double n) {
        return carriedAtTarget(capacityAt(p, int(i), n), a.targetUtilization) >= lambda;
    };
    double lo = a.min, hi = scalingTop(pr, a);
    if (enough(lo))
        return lo;
    if (!enough(hi))
        return hi;
    while (hi - lo > 1) {
        const double mid = std::floor((lo + hi) / 2);
        (enough(mid) ? hi : lo) = mid;
    }
    return hi;
}

void prepareScaling(Prepared &p, size_t i)
{
    // Capacity at the target utilization for every count an auto-scaled tier can take, up to
    // where adding instances stops adding capacity; instancesAt searches it. Built for lump
    // representatives only (the per-point work reads no other); tiers that may take more than
    // kMaxScaleSteps counts are searched without a table.
    constexpr double kMaxScaleSteps = 1024;
    const Component &c = p.design.components[i];
    Prep &pr = p.prep[i];
    pr.scaleSteps.clear();
    if (!c.autoscale)
        return;
    const Autoscale &a = *c.autoscale;
    pr.scaleMin = double(a.min);
    const double top = scalingTop(pr, a);
    if (top < a.min || top - a.min >= kMaxScaleSteps)
        return;
    pr.scaleSteps.reserve(size_t(top - a.min) + 1);
    for (double n = a.min; n <= top; ++n)
        pr.scaleSteps.push_back(carriedAtTarget(capacityAt(p, int(i), n), a.targetUtilization));
    pr.stepsRise = std::is_sorted(pr.scaleSteps.begin(), pr.scaleSteps.end());
}

bool wholeDayAtMinimum(const Prepared &p, size_t i, double users)
{
    const Prep &pr = p.prep[i];
    // The arrivals rise with the rate: when the busiest hour's fit the minimum, every hour's do.
    return pr.autoscaled && !pr.scaleSteps.empty() && pr.stepsRise &&
           arrivalsAt(p, i, users * p.dayShape[size_t(p.hoursByRate.back())]) <=
               pr.scaleSteps.front();
}

void hourlyInstances(const Prepared &p, size_t i, double users, std::array<double, 24> &n)
{
    const Prep &pr = p.prep[i];
    if (!pr.autoscaled) {
        n.fill(pr.instances);
        return;
    }
    if (wholeDayAtMinimum(p, i, users)) {
        n.fill(pr.scaleMin);
        return;
    }
    if (pr.scaleSteps.empty() || !pr.stepsRise) {
        for (size_t h = 0; h < n.size(); ++h) {
            const int same = p.sameHourAs[h];
            n[h] = same == int(h) ? instancesAt(p, i, users * p.dayShape[h]) : n[size_t(same)];
        }
        return;
    }
    // instancesFor's lower_bound, hour by rising hour: every step before the last hour's answer
    // is below the last hour's arrivals, so below these (a fall, such as a rate that is not a
    // number, searches the whole table).
    const auto steps = pr.scaleSteps.cbegin(), end = pr.scaleSteps.cend();
    auto from = steps;
    double previous = -kInf;
    for (int h : p.hoursByRate) {
        const double lambda = arrivalsAt(p, i, users * p.dayShape[size_t(h)]);
        if (!(lambda >= previous))
            from = steps;
        if (from != end && *from < lambda)
            from = std::lower_bound(from + 1, end, lambda);
        previous = lambda;
        n[size_t(h)] = tableInstances(pr, from);
    }
    for (size_t h = 0; h < n.size(); ++h)
        if (p.sameHourAs[h] != int(h))
            n[h] = n[size_t(p.sameHourAs[h])];
}

namespace {

// shapeOf for a caller that keeps `memo` per station (the simulation, whose mix is its own
// copy): a mix equal to the prepared one to the bit counts as prepared (its S̄ and Cs² are the
// prepared ones, from the same figures), and a shape asked for again is the memo's. (Out of
// line: the flow's stations, which keep no memo, stay as small as they were.)
[[gnu::noinline]] const ComputeShape &memoShapeOf(const Prepared &p, size_t i,
                                                  const ClassRates &perUser, double instances,
                                                  ShapeMemo &memo)
{
    const Prep &pr = p.prep[i];
    const bool nominal = sameBits(perUser, p.perUser(i));
    if (nominal && pr.hasFixedShape && instances == pr.instances)
        return pr.fixedShape;
    if (memo.instances != instances || !sameBits(memo.perUser, perUser)) {
        memo.shape = computeShape(pr, perUser, nominal, instances);
        memo.perUser = perUser;
        memo.instances = instances;
    }
    return memo.shape;
}

// The shape of compute station i at `instances` and the mix `perUser`: the prepared one when
// both are as prepared, else worked out into `local` (or memoShapeOf's, given a memo).
const ComputeShape &shapeOf(const Prepared &p, size_t i, const ClassRates &perUser,
                            double instances, ComputeShape &local, ShapeMemo *memo)
{
    if (memo)
        return memoShapeOf(p, i, perUser, instances, *memo);
    const Prep &pr = p.prep[i];
    const bool nominal = &perUser == &p.perUser(i);
    if (nominal && pr.hasFixedShape && instances == pr.instances)
        return pr.fixedShape;
    local = computeShape(pr, perUser, nominal, instances);
    return local;
}

// The arrivals at `users` (req/s, all classes).
double totalAt(const ClassRates &perUser, double users)
{
    double total = 0;
    for (int k = 0; k < kClassCount; ++k)
        total += perUser[size_t(k)] * users;
    return total;
}

// ρ within a rounding of 1 is 1: at the wall (users = capacity ÷ the per-user rate) the
// arithmetic of ρ may land an ulp or two below 1, and the station read as a queue of 10¹⁷ ms
// where it is saturated (QA: `--users 19200` at stage1-1k's wall of 19,200). Nothing physical
// is lost: a queue at ρ = 1 − 10⁻¹² waits 10¹² service times.
double roundedToSaturation(double rho)
{
    return rho < 1 && rho >= 1 - kSaturationRounding ? 1.0 : rho;
}

// A compute station of shape `cs` with `total` req/s arriving: every field but the queue's.
void computeLoad(const Prep &pr, const ComputeShape &cs, double total, double instances, Station &s)
{
    s.station = true;
    s.instances = instances;
    s.cores = cs.cores;
    s.capacity = cs.capacity;
    s.sbarMs = cs.sbarMs;
    s.speedup = cs.speedup;
    const double sp = cs.speedup;
    const double hot = total * pr.shard; // the hottest shard's arrivals
    s.rho = roundedToSaturation(sp > 0 ? hot * cs.sbarMs / 1000.0 / sp : (hot > 0 ? kInf : 0));
    s.overloaded = s.rho >= 1;
}

// The mean response time over the classes, weighted by their arrivals.
double meanOverClasses(const ClassRates &perUser, double users, double total,
                       const ClassRates &mean)
{
    double lw = 0;
    for (int k = 0; k < kClassCount; ++k)
        lw += perUser[size_t(k)] * users * mean[size_t(k)];
    return total > 0 ? lw / total : mean[kRead];
}

// computeLoad's station queueing: the queue's fields, each class's mean and variance.
void computeQueue(const Prep &pr, const ComputeShape &cs, const ClassRates &perUser, double users,
                  double total, Station &s)
{
    const double hot = total * pr.shard;
    const MmcStation q = mgc(cs.servers, hot / cs.queues, cs.queueMs, cs.scv);
    s.queues = cs.queues;
    s.queueServers = double(cs.servers);
    s.waitProbability = q.waitProbability;
    s.waitFactor = q.waitFactor;
    s.meanWaitMs = q.meanWaitMs;
    // Each class's mean, kept here until the end: read back from `s` right after its per-class
    // stores, it cost a failed store-to-load forward per station.
    ClassRates mean;
    for (int k = 0; k < kClassCount; ++k) {
        mean[size_t(k)] = cs.classMs[size_t(k)] + q.meanWaitMs;
        s.varMs2[size_t(k)] = cs.classVarMs2[size_t(k)] + q.varWaitMs2;
    }
    s.meanMs = mean;
    s.meanAllMs = meanOverClasses(perUser, users, total, mean);
}

// stationLoad into `s` of a station that is not a compute one; returns the arrivals.
double loadInto(const Prep &pr, const ClassRates &perUser, double users, double instances,
                Station &s)
{
    s.reset();
    s.instances = instances;
    const double total = totalAt(perUser, users);
    switch (pr.type) {
    case Prep::CacheNodes:
        s.station = true;
        s.cores = instances;
        s.capacity = instances * pr.opsPerNode;
        s.rho = roundedToSaturation(total / s.capacity);
        break;
    case Prep::Managed:
        s.station = true;
        s.capacity = pr.managedCapacity;
        s.rho = roundedToSaturation(total / s.capacity);
        break;
    case Prep::Compute: // computeLoad
    case Prep::None:
        break;
    }
    s.overloaded = s.station && s.rho >= 1;
    return total;
}

// stationAt's queueing of a station that is not a compute one, after loadInto filled `s` and
// found the arrivals' `total`.
void queueInto(const Prep &pr, const ClassRates &perUser, double users, double instances,
               double total, Station &s)
{
    ClassRates mean{};
    switch (pr.type) {
    case Prep::CacheNodes: {
        // Keys hash to a node: each node is its own M/M/1 at its share of the operations.
        const MmcStation q = instances >= 1
                                 ? mmc(1, total / instances, 1000.0 / pr.opsPerNode)
                                 : mmc(std::int64_t(instances), total, 1000.0 / pr.opsPerNode);
        s.queues = instances >= 1 ? instances : 1;
        s.queueServers = instances >= 1 ? 1 : double(std::int64_t(instances));
        s.waitProbability = q.waitProbability;
        s.meanWaitMs = q.meanWaitMs;
        const double sm = pr.fixedMs;
        for (int k = 0; k < kClassCount; ++k) {
            mean[size_t(k)] = sm + q.meanWaitMs;
            s.varMs2[size_t(k)] = sm * sm + q.varWaitMs2;
        }
        break;
    }
    case Prep::Managed:
        mean.fill(pr.fixedMs);
        break;
    case Prep::Compute: // computeQueue
    case Prep::None:
        break;
    }
    s.meanMs = mean;
    s.meanAllMs = meanOverClasses(perUser, users, total, mean);
}

} // namespace

void stationAt(const Prepared &p, size_t i, const ClassRates &perUser, double users,
               double instances, Station &s, ShapeMemo *memo)
{
    const Prep &pr = p.prep[i];
    if (pr.type == Prep::Compute) {
        static_assert(sizeof(Station) == 21 * sizeof(double),
                      "computeLoad and computeQueue set every field");
        ComputeShape local;
        const ComputeShape &cs = shapeOf(p, i, perUser, instances, local, memo);
        const double total = totalAt(perUser, users);
        computeLoad(pr, cs, total, instances, s);
        computeQueue(pr, cs, perUser, users, total, s);
        return;
    }
    const double total = loadInto(pr, perUser, users, instances, s);
    queueInto(pr, perUser, users, instances, total, s);
}

void stationLoad(const Prepared &p, size_t i, const ClassRates &perUser, double users,
                 double instances, Station &s, ShapeMemo *memo)
{
    const Prep &pr = p.prep[i];
    if (pr.type == Prep::Compute) {
        ComputeShape local;
        const ComputeShape &cs = shapeOf(p, i, perUser, instances, local, memo);
        s.reset();
        computeLoad(pr, cs, totalAt(perUser, users), instances, s);
        return;
    }
    loadInto(pr, perUser, users, instances, s);
}

Station stationAt(const Prepared &p, size_t i, const ClassRates &perUser, double users,
                  double instances)
{
    Station s;
    stationAt(p, i, perUser, users, instances, s);
    return s;
}

Station stationLoad(const Prepared &p, size_t i, const ClassRates &perUser, double users,
                    double instances)
{
    Station s;
    stationLoad(p, i, perUser, users, instances, s);
    return s;
}

void findLimits(Prepared &p)
{
    // The wall and the ceiling do not depend on the user count: the first is where a station
    // at its full size (auto-scaled tiers at their maximum) reaches ρ = 1, the second where
    // adding instances stops adding capacity.
    const auto &comps = p.design.components;
    double wall = kInf, ceiling = kInf;
    p.wall.reset();
    p.ceiling.reset();
    p.wallComponent = p.ceilingComponent = -1;
    p.tierWalls.clear();
    for (size_t i = 0; i < comps.size(); ++i) {
        const Component &c = comps[i];
        if (p.prep[i].type == Prep::None)
            continue;
        const double perUser = totalOf(p.perUser(i));
        if (perUser <= 0)
            continue;
        const double maxInst = c.autoscale ? c.autoscale->max : p.prep[i].instances;
        const double cap = p.prep[i].type == Prep::Managed ? p.prep[i].managedCapacity
                                                           : capacityAt(p, int(i), maxInst);
        const double u = cap / perUser;
        if (std::isfinite(u))
            p.tierWalls.push_back({int(i), kTargetUtilization * u, u});
        if (u < wall) {
            wall = u;
            p.wallComponent = int(i);
        }
        const double limit = ceilingOf(p, i, perUser, u);
        if (limit < ceiling) {
            ceiling = limit;
            p.ceilingComponent = int(i);
        }
    }
    if (std::isfinite(wall))
        p.wall = wall;
    if (std::isfinite(ceiling))
        p.ceiling = ceiling;
    else
        p.ceilingComponent = -1;
}

} // namespace sc::detail

namespace sc {

double sustainedShare(const Component &c, const InstanceType *type)
{
    if (!type || type->burstBaseline >= 1 || !findParam(c.kind, "creditMode") ||
        c.textView("creditMode") != "standard")
        return 1;
    return type->burstBaseline;
}

bool billsSurplusCredits(const Component &c, const InstanceType *type)
{
    return type && type->burstBaseline < 1 && findParam(c.kind, "creditMode") &&
           c.textView("creditMode") != "standard";
}

} // namespace sc

namespace sc::detail {

namespace {

// A database's or replica's connections busy: its requests in progress, λ·W by Little's law, but
// no more than the connections it has — those its callers open, up to its maxConnections. Past
// them, requests wait at the caller for a connection (a pooler's queue, an app server's driver
// pool); their wait is still in the station's W. Overloaded, every one counted is busy. The part
// of λ·W that callers counted as opening none bring (`uncounted`: a read-through cache's misses)
// holds connections of theirs, not these, and stands as it is (all of it when no caller counted
// opens any), up to the maxConnections the server accepts in all.
double connectionsBusyOf(const Prep &pr, double concurrency, double uncounted, double opened,
                         bool overloaded)
{
    if (!(opened > 0))
        return concurrency;
    const double open =
        pr.connectionsAccepted > 0 ? std::min(opened, pr.connectionsAccepted) : opened;
    if (overloaded)
        return open;
    uncounted = std::min(uncounted, concurrency);
    const double busy = std::min(concurrency - uncounted, open) + uncounted;
    // The server accepts no more in all, the cache's own connections included (review).
    return pr.connectionsAccepted > 0 ? std::min(busy, pr.connectionsAccepted) : busy;
}

// Per component, the req/s of each class that reach it over connections from callers that open
// no connections counted in connectionsOpened (a read-through cache in front of a database);
// empty when no database or replica has such a caller beside callers that open some.
std::vector<ClassRates> uncountedArrivals(const Prepared &p, const Flow &flow, double users,
                                          const std::vector<double> &opened)
{
    std::vector<ClassRates> into;
    const auto &comps = p.design.components;
    const auto uncountedCall = [&](size_t e) {
        const size_t t = size_t(p.to[e]);
        return !(p.prep[size_t(p.from[e])].connectionsPerInstance > 0) && opened[t] > 0 &&
               (comps[t].kind == Kind::Database || comps[t].kind == Kind::ReadReplica);
    };
    std::vector<char> callers; // per component: has such a connection
    for (size_t e = 0; e < p.design.connections.size(); ++e)
        if (uncountedCall(e)) {
            callers.resize(comps.size());
            callers[size_t(p.from[e])] = 1;
        }
    for (size_t j = 0; j < callers.size(); ++j) {
        if (!callers[j])
            continue;
        const size_t l = size_t((*p.lumpOf)[j]);
        ClassRates served = flow.arrivals(p, l, users);
        for (double &v : served)
            v *= flow.served[l];
        into.resize(comps.size());
        for (int k = 0; k < kClassCount; ++k)
            for (const Out &o : p.routing.outsOf(j, k))
                // Over j's own connection (a look-aside cache's misses ride on the app's).
                if (o.edge >= 0 && p.from[size_t(o.edge)] == int(j) &&
                    uncountedCall(size_t(o.edge)))
                    into[size_t(o.target)][size_t(k)] += served[size_t(k)] * o.fraction;
    }
    return into;
}

} // namespace

void componentFigures(const Prepared &p, const std::vector<const Station *> &st, double users,
                      const RouteFigures &routes, const Flow &flow, Evaluation &ev)
{
    const auto &comps = p.design.components;
    const size_t n = comps.size();
    // Connections the callers of each database open.
    std::vector<double> opened(n, 0);
    for (size_t e = 0; e < p.design.connections.size(); ++e)
        opened[size_t(p.to[e])] +=
            st[size_t(p.from[e])]->instances * p.prep[size_t(p.from[e])].connectionsPerInstance;
    const std::vector<ClassRates> uncountedIn = uncountedArrivals(p, flow, users, opened);
    ev.components.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const Component &c = comps[i];
        ComponentResult &r = ev.components[i];
        r.id = c.id;
        r.kind = c.kind;
        r.instances = st[i]->instances;
        r.cores = st[i]->cores;
        const size_t l = size_t((*p.lumpOf)[i]);
        r.arrivals = flow.arrivals(p, l, users);
        for (double a : r.arrivals)
            r.arrivalRps += a;
        r.servedRps = r.arrivalRps * flow.served[l];
        // What it serves but cannot send on fails here too: a dead end, or every target of a
        // balancer down (goodputOf counts the same).
        if (const ClassRates dead = lostOnRoute(p, i); dead != ClassRates{}) {
            double lost = 0;
            for (int k = 0; k < kClassCount; ++k) {
                const double nominal = p.perUser(i)[size_t(k)] * users;
                if (dead[size_t(k)] > 0 && nominal > 0)
                    lost +=
                        dead[size_t(k)] * users * r.arrivals[size_t(k)] * flow.served[l] / nominal;
            }
            // (Under 10⁻¹² of its arrivals is the rounding of the routes' sums, as goodputOf
            // takes it: a balancer wired to nothing read "Served <0.01 req/s, >99% fail" beside
            // the status bar's 100%; GUI QA.)
            r.servedRps = servedOrNone(std::max(0.0, r.servedRps - lost), r.arrivalRps);
        }
        r.errorRps = r.arrivalRps - r.servedRps;
        if (!flow.admitted.empty())
            r.refusedRps = r.arrivalRps * (1 - flow.admitted[l]);
        r.station = st[i]->station;
        r.capacityRps = st[i]->capacity;
        r.utilization = st[i]->rho;
        r.overloaded = st[i]->overloaded;
        r.meanLatencyMs = st[i]->meanAllMs;
        // Little's law over what it lets in (refused requests hold nothing).
        r.concurrency = r.overloaded ? 0 : (r.arrivalRps - r.refusedRps) * r.meanLatencyMs / 1000.0;
        r.spof = p.spof[i];
        r.availability = routes.availability[i];
        if (r.spof)
            ev.spofs.push_back(c.id);
        // The pools' own figure (limitedFlowAt computed the hold times at this flow).
        if (c.kind == Kind::AppServer && r.instances > 0 && l < flow.held.size())
            r.threadsBusyPerInstance = threadsHeldPerInstance(p, flow, l, users);
        if (c.kind == Kind::Database || c.kind == Kind::ReadReplica) {
            r.connectionsOpened = opened[i];
            // Little's law per class over the uncounted callers' share (what it lets in).
            double uncounted = 0;
            if (!uncountedIn.empty() && r.arrivalRps > 0) {
                for (int k = 0; k < kClassCount; ++k)
                    uncounted += uncountedIn[i][size_t(k)] * st[i]->meanMs[size_t(k)];
                uncounted *= (r.arrivalRps - r.refusedRps) / r.arrivalRps / 1000.0;
            }
            r.connectionsBusy =
                connectionsBusyOf(p.prep[i], r.concurrency, uncounted, opened[i], r.overloaded);
        }
    }
    ev.bottleneck = bottleneckAmong([&ev](const auto &f) {
        for (size_t i = 0; i < ev.components.size(); ++i)
            if (const ComponentResult &r = ev.components[i]; r.station && r.arrivalRps > 0)
                f(r.utilization, int(i));
    });
}

} // namespace sc::detail
