#pragma once

#include "lesson.h"
#include "params.h"
#include "scenario.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sc {

struct Point {
    double x = 0;
    double y = 0;
    bool operator==(const Point &) const = default;
};

// A parameter value as written in the file. Numbers and bools are doubles (bools 0/1);
// enums and instance types are text.
struct ParamValue {
    double number = 0;
    std::string text;
    bool operator==(const ParamValue &) const = default;
};
// A component's parameters by name, in name order: a map's interface over one sorted block (a
// component sets a handful, so copying a design allocates once per component, not once per
// parameter, and a look-up scans adjacent entries). Looked up by std::string_view without
// building a string. A reference into it is valid until the next insertion or erasure.
class ParamMap
{
public:
    using value_type = std::pair<std::string, ParamValue>;
    using iterator = std::vector<value_type>::iterator;
    using const_iterator = std::vector<value_type>::const_iterator;

    ParamMap() = default;
    // As a std::map's: the first of two entries of one name wins.
    ParamMap(std::initializer_list<value_type> entries)
    {
        for (const value_type &e : entries)
            emplace(e.first, e.second);
    }

    ParamValue &operator[](std::string_view name) { return emplace(name, {}).first->second; }
    // As a std::map's: inserts `value` unless `name` is there already.
    std::pair<iterator, bool> emplace(std::string_view name, ParamValue value)
    {
        const iterator at = mutableAt(lowerBound(name));
        if (at != m_entries.end() && at->first == name)
            return {at, false};
        return {m_entries.insert(at, value_type{std::string(name), std::move(value)}), true};
    }
    iterator find(std::string_view name) { return mutableAt(std::as_const(*this).find(name)); }
    const_iterator find(std::string_view name) const
    {
        const const_iterator at = lowerBound(name);
        return at != m_entries.end() && at->first == name ? at : m_entries.end();
    }
    size_t count(std::string_view name) const { return find(name) != end() ? 1 : 0; }
    bool contains(std::string_view name) const { return find(name) != end(); }
    size_t erase(std::string_view name)
    {
        const iterator at = find(name);
        if (at == m_entries.end())
            return 0;
        m_entries.erase(at);
        return 1;
    }
    iterator begin() { return m_entries.begin(); }
    iterator end() { return m_entries.end(); }
    const_iterator begin() const { return m_entries.begin(); }
    const_iterator end() const { return m_entries.end(); }
    size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    void clear() { m_entries.clear(); }
    bool operator==(const ParamMap &) const = default;

private:
    const_iterator lowerBound(std::string_view name) const
    {
        return std::lower_bound(
            m_entries.begin(), m_entries.end(), name,
            [](const value_type &e, std::string_view n) { return e.first < n; });
    }
    iterator mutableAt(const_iterator at) { return m_entries.begin() + (at - m_entries.cbegin()); }

    std::vector<value_type> m_entries; // sorted by name, each name once
};

struct Autoscale {
    // How the tier decides in time (DESIGN.md "Time"): keep the utilization at the target, add
    // or remove a step at thresholds, or provision ahead for the day profile's traffic.
    enum class Policy { TargetTracking, Step, Predictive };
    int min = 2;
    int max = 10;
    double targetUtilization = 0.6;
    double cooldownS = 300;
    double bootS = 120;
    Policy policy = Policy::TargetTracking;
    double metricPeriodS = 60;  // the metric is averaged over this before each decision
    double scaleOutAbove = 0.8; // step policy: add `stepAdd` above this utilization
    double scaleInBelow = 0.4;  // step policy: remove one below this
    int stepAdd = 1;
    // The numeric fields by their file names (autoscaleSpecs); the policy by its index.
    double get(std::string_view name) const;
    void set(std::string_view name, double value);
    bool operator==(const Autoscale &) const = default;
};

// "targetTracking", "step", "predictive": the policy's name in the file.
std::string_view policyName(Autoscale::Policy policy);
std::optional<Autoscale::Policy> policyFromName(std::string_view name);

struct Component {
    std::string id;
    Kind kind = Kind::AppServer;
    std::string label;
    // The name it goes by: its label, or its id when the label is empty (a box, a report row).
    const std::string &shownName() const { return label.empty() ? id : label; }
    Point position;
    // Only the parameters the file sets; everything else takes the table's default.
    ParamMap params;
    std::optional<Autoscale> autoscale;

    double number(std::string_view name) const; // set value or default
    std::string text(std::string_view name) const;
    // The same without a copy; valid while the component and its parameters are.
    std::string_view textView(std::string_view name) const;
    bool flag(std::string_view name) const { return number(name) != 0; }
    // The most instances it can have: its autoscale.max, its `instances`, or 1 (a kind without
    // an instance count).
    double mostInstances() const;
    // Whether it runs instances of its own, on a catalog's instance types: not a managed service
    // (a managed load balancer has an instance type only for when it is switched to self-hosted).
    bool runsInstances() const
    {
        return isInstanceBased(kind) && !isManagedKind(kind, flag("managed"));
    }
    bool operator==(const Component &) const = default;
};

struct Connection {
    std::string from;
    std::string to;
    std::optional<double> weight;
    std::vector<RequestClass> classes; // empty = every class
    bool carries(RequestClass c) const;
    bool operator==(const Connection &) const = default;
};

// A place on Earth (docs/file-format.md "Geography"): an AWS region by name (its city's
// coordinates, core/model/geo.h) or a latitude and longitude in degrees.
struct Place {
    std::string region; // non-empty: an AWS region name; lat and lon are then unused
    double lat = 0, lon = 0;
    bool operator==(const Place &) const = default;
};

struct Group {
    std::string id;
    std::string kind = "zone"; // "region" or "zone"
    std::string label;
    double x = 0, y = 0, width = 0, height = 0;
    std::vector<std::string> members; // component ids (a component: ≤ 1 zone, ≤ 1 region)
    std::string region;               // zones: the id of the region group the zone lies in
    std::optional<Place> place;       // regions: where the region is
    bool operator==(const Group &) const = default;
};

// A share of the users living at one place (design.populations).
struct Population {
    std::string name;
    double share = 1; // of the users, in (0, 1]; the shares of a design sum to 1
    Place place;
    bool operator==(const Population &) const = default;
};

// The network's constants (design.geography; docs/model.md "Geography").
inline constexpr double kDefaultRouteFactor = 2;      // real routes: 2–3× the great circle
inline constexpr double kDefaultSameZoneRttMs = 0.1;  // assumption: one data-centre hop
inline constexpr double kDefaultCrossZoneRttMs = 1.0; // assumption: zones ≈ 10–100 km apart
struct Geography {
    double routeFactor = kDefaultRouteFactor;
    double sameZoneRttMs = kDefaultSameZoneRttMs;
    double crossZoneRttMs = kDefaultCrossZoneRttMs;
    bool operator==(const Geography &) const = default;
};

struct Traffic {
    double users = 1000;
    double requestsPerUserPerDay = 50;
    double writeFraction = 0.1;
    double peakToAverage = 3;
    double staticPerRequest = 2;
    // A page makes this many dynamic requests one after another, each with its static fetches:
    // only the page time reads it (the load is per request).
    double callsPerPage = 1;
    double kbPerRequest = 20;
    double kbPerStatic = 100;
    double asyncPerWrite = 0;
    double networkRttMs = 50;

    double *field(std::string_view name);
    double get(std::string_view name) const;
    bool operator==(const Traffic &) const = default;
};

// The service-level objective a design is held to (DESIGN.md "Service level and overload"): the
// end-to-end p99 of dynamic requests and the share of requests served. A file that states none
// (every version-1 file) is held to these defaults.
inline constexpr double kDefaultSloP99Ms = 500;
inline constexpr double kDefaultSloAvailability = 0.999;
// The largest values a file may state (core/io checks them; an editor should offer no more).
inline constexpr double kMaxSloP99Ms = 3'600'000;    // an hour
inline constexpr double kMaxMonthlyBudgetUsd = 1e12; // a trillion dollars a month

struct Slo {
    double p99Ms = kDefaultSloP99Ms;
    double availability = kDefaultSloAvailability;
    std::optional<double> monthlyBudgetUsd;
    bool operator==(const Slo &) const = default;
};

struct Variant;

struct Design {
    std::string name;
    std::string description;
    Traffic traffic;
    Slo slo;
    std::vector<Component> components;
    std::vector<Connection> connections;
    std::vector<Group> groups;
    std::vector<Population> populations; // empty: one population at traffic.networkRttMs
    Geography geography;
    std::vector<Scenario> scenarios; // the file's (format 2, beside the design)
    // Format 2's other blocks beside the design; a variant's own design has none of them.
    std::vector<Variant> variants; // named alternatives to this design (DESIGN.md "Variants")
    Lesson lesson;
    std::vector<Note> notes;
    nlohmann::json annotations =
        nlohmann::json::array(); // free-form; values kept, object keys sorted

    int indexOf(std::string_view id) const; // -1 when absent
    const Component *find(std::string_view id) const;
    Component *find(std::string_view id);
    std::string uniqueId(std::string_view stem) const; // "app", "app2", ... (no group's id)
    bool operator==(const Design &) const = default;
};

// Exchanges what a design is (name, description, traffic, components, connections, groups,
// populations, geography, annotations) between `a` and `b`, leaving the file's blocks beside it
// (objective, scenarios, variants, lesson, notes) where they are: how a document shows one of
// its variants in place of its design.
void swapDesignContent(Design &a, Design &b);
// What a design is without the file's blocks beside it: a new variant made from it.
Design designContent(const Design &design);

// A named alternative to the file's design: option B of a review, a later stage of a lesson.
struct Variant {
    std::string name; // unique in the file, not empty
    Design design;
    bool operator==(const Variant &) const = default;
};

// The variant of `file` named `name`; nullptr when it has none.
const Variant *findVariant(const Design &file, std::string_view name);

// How lists (the template gallery, `scalecanvas templates`) title a file: its design's name; a
// comparison (variants, no lesson) as "A vs B" with its first variant ("vertical vs horizontal").
std::string fileTitle(const Design &file);

// The design `file` holds under `variant` ("" its own) as a design of its own, to evaluate or
// compare: a variant held to the file's objective (and without the file's scenarios, which name
// the file's components); without variants, lesson and notes. The file's own design also goes
// by its name when no variant has that name (the editor gives no variant the design's name; a
// file written elsewhere may). nullopt when there is no such variant.
std::optional<Design> optionDesign(const Design &file, std::string_view variant);

// The design lesson step `step` of `file` shows, at the step's users (traffic.users): the file's
// own design, or the variant the step names (held to the file's slo; of the file's scenarios it
// carries the step's, which the loader checked against it). Without variants, lesson and notes.
// nullopt when the step names a variant the file does not have.
std::optional<Design> lessonStepDesign(const Design &file, const LessonStep &step);

} // namespace sc
