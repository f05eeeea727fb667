#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

// The component kinds of DESIGN.md, in palette order.
enum class Kind {
    Clients,
    Dns,
    Cdn,
    LoadBalancer,
    AppServer,
    Cache,
    Pooler,
    Database,
    ReadReplica,
    Queue,
    Worker,
    ObjectStorage,
};

inline constexpr int kKindCount = 12;

std::string_view kindName(Kind kind);        // "appServer"
std::string_view kindTitle(Kind kind);       // "App server"
std::string_view kindPlural(Kind kind);      // "app servers", for sentences
std::string_view kindDescription(Kind kind); // one line for tooltips and docs
std::optional<Kind> kindFromName(std::string_view name);
// A choice of an enum parameter as people read it, lower case: "onDemand" → "on-demand" (as AWS
// writes it), "leastOutstanding" → "least outstanding", "spot" → "spot". Reports and cost lines
// show this, never the file's key.
std::string choiceText(std::string_view choice);
// The name a parameter (of paramSpecs, autoscaleSpecs, trafficSpecs) goes by for people: the
// inspector's label, the undo steps, a comparison's changes ("serviceTimeMs" → "Service time",
// "multiAz" → "Multi AZ"; the unit written into the name is left out: paramUnit).
std::string paramTitle(std::string_view name);
// The unit written into a parameter's name: "ms" (…Ms), "GB", "KB", "s" (…S), else "".
std::string_view paramUnit(std::string_view name);
std::span<const Kind> allKinds();

enum class ParamType { Int, Real, Bool, Enum, InstanceType };

// One parameter of one kind: the single table that validation, the inspector and the docs read.
struct ParamSpec {
    std::string_view name; // JSON key, e.g. "serviceTimeMs"
    ParamType type;
    std::string_view unit;   // "ms", "GB", "" ...
    double defaultValue = 0; // numbers and bools (0/1)
    double min = 0;
    double max = 0;
    std::string_view defaultText; // enums and instance types
    std::string_view choices; // enums: "onDemand|reserved|spot"; instance types: catalog service
    std::string_view description;
};

// Whether two names (parameter keys and the like, a few dozen bytes) are the same: 8 bytes at a
// time, inline. Looking parameters up by name is most of a model rebuild's string work, and a
// library memcmp call per comparison was a tenth of its time.
inline bool sameName(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    const size_t n = a.size();
    const auto same = [&a, &b]<typename Word>(size_t at, Word) {
        Word x, y;
        std::memcpy(&x, a.data() + at, sizeof x);
        std::memcpy(&y, b.data() + at, sizeof y);
        return x == y;
    };
    if (n >= 8) { // whole words, the last one overlapping the one before
        for (size_t i = 0; i + 8 < n; i += 8)
            if (!same(i, std::uint64_t{}))
                return false;
        return same(n - 8, std::uint64_t{});
    }
    if (n >= 4)
        return same(0, std::uint32_t{}) && same(n - 4, std::uint32_t{});
    for (size_t i = 0; i < n; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

// Parameters of a kind (not including autoscale, which is its own object).
std::span<const ParamSpec> paramSpecs(Kind kind);
const ParamSpec *findParam(Kind kind, std::string_view name);
// Whether the kind may carry an `autoscale` object.
bool canAutoscale(Kind kind);

// Autoscale fields: min, max, targetUtilization, cooldownS, bootS.
std::span<const ParamSpec> autoscaleSpecs();

// Traffic fields (design.traffic).
std::span<const ParamSpec> trafficSpecs();

// Request classes carried on connections.
enum class RequestClass { Static, Read, Write, Job };
inline constexpr int kClassCount = 4;
std::string_view className(RequestClass c);
std::optional<RequestClass> classFromName(std::string_view name);

// Whether a connection from `from` to `to` makes sense; if not, `reason` says why.
bool connectionAllowed(Kind from, Kind to, std::string *reason = nullptr);
// Whether a connection may start at a component of `kind` (databases, read replicas and object
// storage only answer): the canvas draws an out port where one may.
bool sendsRequests(Kind kind);

// Whether the kind runs on instance types of the catalog (has an `instanceType` parameter).
bool isInstanceBased(Kind kind);

// Whether a component is a compute tier: its capacity is instances × vCPU ÷ service time with
// Amdahl/USL scaling (app servers, workers, poolers, databases, replicas, self-hosted load
// balancers). `managed` is the component's "managed" flag; only load balancers have one.
bool isComputeKind(Kind kind, bool managed);
// Whether a component is a managed AWS service, highly available by nature (DNS, CDN, queue,
// object storage, a managed load balancer). `managed` as for isComputeKind.
bool isManagedKind(Kind kind, bool managed);

} // namespace sc
