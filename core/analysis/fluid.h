#pragma once

// The fluid simulation's run, with what the discrete-event mode needs of each step recorded
// (core/analysis/simulation.cpp, core/analysis/discrete.cpp).

#include "core/analysis/model.h"
#include "core/analysis/prepared.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sc::detail {

// Of a balancer's routes, the share (by fraction) it still sends: each target's fraction times
// `serving(target)`, the share of the target it has not found failed (0: found down; the
// instances left of a fixed tier that lost some; 1 otherwise). 1 when nothing is found failed or
// everything is. Each target then takes fraction × serving / this share. The fluid run and the
// discrete one route by it alike.
template <class Serving> double healthyShareOf(std::span<const Out> outs, const Serving &serving)
{
    double all = 0, healthy = 0;
    for (const Out &o : outs) {
        all += o.fraction;
        healthy += o.fraction * double(serving(o.target));
    }
    return healthy > 0 && all > 0 ? healthy / all : 1.0;
}

// Whether balancer lump l splits by its targets' instance counts (none of its connections
// carries a weight): then a target that lost instances takes a share in proportion to those
// left; a weighted split keeps its weights while a target serves at all.
inline bool splitsByInstances(const Prepared &p, size_t l)
{
    const auto out = p.outEdges[size_t(p.lumps[l].rep)];
    return std::none_of(out.begin(), out.end(),
                        [&p](int e) { return p.design.connections[size_t(e)].weight.has_value(); });
}

// A target's LumpStep::serving as a balancer whose split `byInstances` or not sees it.
inline double servingFor(double serving, bool byInstances)
{
    return byInstances ? serving : serving > 0 ? 1.0 : 0.0;
}

// One lump's station in one step of the fluid run, per member.
struct LumpStep {
    bool station = false;
    double servers = 0;  // cores serving (0: nothing serving)
    double capacity = 0; // req/s
    double admitted = 1; // the share its accepted connections let in
    ClassRates own{};    // req/s arriving from no route: clients' requests, a cache's fills
    // A cache found down, read past by its callers: the share of the reads its routes carry (it
    // passes each read on to them at once, their fractions scaled by 1 / passOn); 0 otherwise.
    double passOn = 0;
    // The share of it a balancer in front still sends to (healthyShareOf): 0 when failed and
    // found by its callers' health checks (detectionS), the instances left of a fixed tier that
    // lost some once found, else 1.
    double serving = 1;
};
using FluidRecord = std::vector<std::vector<LumpStep>>; // [step][lump]

// The components the scenario's events fail that share a lump with twins: a run keeps them
// apart (a component failing on its own cannot share its twins' figures).
std::vector<std::string> lumpedEventComponents(const Prepared &p, const Scenario &s);

// Per lump of p: whether the jobs that reach it came through a queue — a queue itself, or a
// lump all of whose jobs are sent on by lumps behind one (workers on a queue, a database they
// write to). Such jobs wait without a time-out (simulation.cpp).
std::vector<char> queuedJobs(const Prepared &p);

// Per lump of p: the share of the jobs that reach it it cannot complete, if it takes them from a
// queue (workers): those whose writes have no live target on their way down (Routing::failedAt,
// wherever they dead-end: at the workers' database, or at the pooler between). The queue keeps
// such a job and hands it out again, so the workers hold it; every other lump holds none (a
// pooler between the workers and their database keeps serving its users' requests); none where
// some jobs arrive from no queue (those time out). `queued`: queuedJobs(p).
std::vector<double> heldJobShares(const Prepared &p, const std::vector<char> &queued);

// Whether a step is outside the service-level objective: its p99 above slo.p99Ms (or unset:
// nothing answered), or a larger share of its requests failing than the availability objective
// allows (1 − slo.availability). The summary's sloViolationSeconds counts such steps.
bool outsideObjective(const SimulationStep &step, const Slo &slo);

// With a record, the run keeps the starting routes: `rerouted` (when given) names the first
// component found down that would have been routed round, and when (docs/model.md "Simulation
// in time"); component −1 when none would.
struct RerouteRefused {
    int component = -1;
    double atS = 0;
};
SimulationSummary simulateFluid(const Prepared &p, const Scenario &s,
                                const std::function<void(const SimulationStep &)> &onStep,
                                FluidRecord *record, RerouteRefused *rerouted = nullptr);

// `p`'s design prepared again with the components marked in `down` (per component) failed and
// routed round, as a Model with those failures has them (applyFailures: Prepared::down, each
// kept out of lumps); p's CDN shares and components kept apart carried over (model.cpp).
std::unique_ptr<Prepared> preparedAround(const Prepared &p, const std::vector<char> &down);

} // namespace sc::detail
