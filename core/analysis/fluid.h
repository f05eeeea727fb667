#pragma once

// The fluid simulation's run, with what the discrete-event mode needs of each step recorded
// (core/analysis/simulation.cpp, core/analysis/discrete.cpp).

#include "core/analysis/model.h"
#include "core/analysis/prepared.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sc::detail {

// Of a balancer's routes, the share (by fraction) to targets not found down (`foundDown(target)`);
// 1 when none is found down or all are. The fluid run and the discrete one route by it alike.
template <class FoundDown>
double healthyShareOf(std::span<const Out> outs, const FoundDown &foundDown)
{
    double all = 0, healthy = 0;
    for (const Out &o : outs) {
        all += o.fraction;
        if (!foundDown(o.target))
            healthy += o.fraction;
    }
    return healthy > 0 && all > 0 ? healthy / all : 1.0;
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
    bool foundDown = false; // failed, and its callers' health checks have found it (detectionS)
};
using FluidRecord = std::vector<std::vector<LumpStep>>; // [step][lump]

// The components the scenario's events fail that share a lump with twins: a run keeps them
// apart (a component failing on its own cannot share its twins' figures).
std::vector<std::string> lumpedEventComponents(const Prepared &p, const Scenario &s);

// Whether a step is outside the service-level objective: its p99 above slo.p99Ms (or unset:
// nothing answered), or a larger share of its requests failing than the availability objective
// allows (1 − slo.availability). The summary's sloViolationSeconds counts such steps.
bool outsideObjective(const SimulationStep &step, const Slo &slo);

// With a record, the run keeps the starting routes: `rerouted` (when given) is set if a
// component found down would have been routed round (docs/model.md "Simulation in time").
SimulationSummary simulateFluid(const Prepared &p, const Scenario &s,
                                const std::function<void(const SimulationStep &)> &onStep,
                                FluidRecord *record, bool *rerouted = nullptr);

// `p`'s design prepared again with the components marked in `down` (per component) failed and
// routed round, as a Model with those failures has them (applyFailures: Prepared::down, each
// kept out of lumps); p's CDN shares and components kept apart carried over (model.cpp).
std::unique_ptr<Prepared> preparedAround(const Prepared &p, const std::vector<char> &down);

} // namespace sc::detail
