// libFuzzer target for the price-catalog loader (--catalog FILE, File → Load Price Catalog):
// any bytes are refused with issues that name a path, or accepted as a catalog whose figures
// all lie in their documented ranges (docs/catalog.md); an accepted catalog prices the built-in
// designs with finite figures only. A property that does not hold aborts with the reason.
#include "tests/fuzz/pipeline.h"

#include "core/catalog/catalog.h"
#include "core/io/templates.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const std::string &why)
{
    std::fprintf(stderr, "catalog property failed: %s\n", why.c_str());
    std::abort();
}

void checkRanges(const sc::Catalog &c)
{
    if (!(c.hoursPerMonth >= 672 && c.hoursPerMonth <= 744))
        fail("hoursPerMonth " + std::to_string(c.hoursPerMonth));
    for (const sc::InstanceType &t : c.instanceTypes)
        if (!(t.vcpu >= 1 && t.vcpu <= 1024 && t.memoryGiB >= 0.25 && t.memoryGiB <= 32768 &&
              t.hourlyUsd >= 0 && t.hourlyUsd <= 1000 && t.burstBaseline >= 0.01 &&
              t.burstBaseline <= 1) ||
            c.instance(t.name) == nullptr)
            fail("instance type " + t.name);
    for (const auto &[svc, figures] : c.services)
        for (const auto &[key, v] : figures)
            if (!std::isfinite(v) || v < 0 || v > 1e12)
                fail("services." + svc + "." + key + " = " + std::to_string(v));
    for (const auto &[key, v] : c.availability)
        if (!(v >= 0 && v <= 1))
            fail("availability." + key);
    for (const auto &[key, v] : c.pricingFactors)
        if (!(v >= 0 && v <= 10))
            fail("pricingModels." + key);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    sc::Issues errors;
    const std::optional<sc::Catalog> cat = sc::Catalog::parse(bytes, errors);
    if (!cat) {
        if (errors.empty() || errors.size() > sc::kMaxIssues + 1)
            fail("refused with " + std::to_string(errors.size()) + " issues");
        return 0;
    }
    if (!errors.empty())
        fail("accepted with issues: " + errors.front().toString());
    checkRanges(*cat);
    static const std::vector<sc::Design> designs = [] {
        std::vector<sc::Design> out;
        for (const char *name : {"stage4-1m", "case-1m-optimized", "case-chat-fanout"})
            if (const sc::TemplateInfo *t = sc::findTemplate(name))
                out.push_back(*sc::loadDesign(t->json).design);
        return out;
    }();
    for (const sc::Design &d : designs) {
        const sc::Model model(d, *cat);
        if (!model.ok())
            continue; // an instance type the design names is missing: an error, not a figure
        for (double users : {1.0, 1e6}) {
            if (auto bad = sc::reliability::nonFiniteFigures(model.evaluate(users)); !bad.empty())
                fail(d.name + ": " + bad.front());
        }
    }
    return 0;
}
