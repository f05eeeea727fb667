#pragma once

// Look-ups and comparisons for the model tests that fail the test instead of asserting:
// Q_ASSERT is compiled out in the release build the tests run in, so a missing component or
// template must come back as something the caller checks (a null pointer, an empty optional)
// with QVERIFY, and a comparison must say which figures differ.
#include "core/analysis/model.h"
#include "core/io/format.h"
#include "core/io/templates.h"

#include <QString>
#include <QtTest>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace sctest {

// A built-in template, loaded; nullopt when there is none of that name or it does not load.
// Callers: `const auto d = templateDesign("x"); QVERIFY(d);`.
inline std::optional<sc::Design> templateDesign(std::string_view name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    if (!t)
        return std::nullopt;
    sc::LoadResult r = sc::loadDesign(t->json);
    if (!r.design)
        return std::nullopt;
    return *r.design;
}

// The figures of component `id`; nullptr when the evaluation has no such component.
inline const sc::ComponentResult *resultOf(const sc::Evaluation &ev, std::string_view id)
{
    for (const sc::ComponentResult &r : ev.components)
        if (r.id == id)
            return &r;
    return nullptr;
}

// The first warning with this code on this component (empty id: design-wide); nullptr if none.
inline const sc::Warning *warningOf(const sc::Evaluation &ev, std::string_view code,
                                    std::string_view component)
{
    for (const sc::Warning &w : ev.warnings)
        if (w.code == code && w.componentId == component)
            return &w;
    return nullptr;
}

inline bool hasWarning(const sc::Evaluation &ev, std::string_view code, std::string_view component)
{
    return warningOf(ev, code, component) != nullptr;
}

// Sum of the cost lines of `component` whose label contains `part` ("LCU", "× t3.large",
// "Storage"); -1 when none does.
inline double costLine(const sc::Evaluation &ev, std::string_view component, std::string_view part)
{
    double sum = -1;
    for (const sc::CostItem &item : ev.costItems)
        if (item.componentId == component && item.item.find(part) != std::string::npos)
            sum = (sum < 0 ? 0 : sum) + item.monthlyUsd;
    return sum;
}

// The catalog's on-demand hourly price of an instance type; NaN when the catalog lacks it (so
// every comparison against it fails).
inline double hourly(std::string_view type)
{
    const sc::InstanceType *t = sc::Catalog::builtin().instance(type);
    return t ? t->hourlyUsd : std::nan("");
}

// |actual − expected| ≤ tolerance·|expected| (relative) or ≤ tolerance (absolute). NaN never
// passes.
inline bool nearRel(double actual, double expected, double tolerance)
{
    return std::fabs(actual - expected) <= tolerance * std::fabs(expected);
}
inline bool nearAbs(double actual, double expected, double tolerance)
{
    return std::fabs(actual - expected) <= tolerance;
}

inline QString describeNear(const char *actualText, double actual, double expected,
                            double tolerance, const char *kind)
{
    return QStringLiteral("%1 = %2, expected %3 (%4 tolerance %5)")
        .arg(QString::fromUtf8(actualText))
        .arg(actual, 0, 'g', 17)
        .arg(expected, 0, 'g', 17)
        .arg(QString::fromUtf8(kind))
        .arg(tolerance, 0, 'g', 3);
}

} // namespace sctest

// Fail the current test (from a void test function) when a figure is off, naming both values.
#define SC_COMPARE_REL(actual, expected, tolerance)                                                \
    QVERIFY2(                                                                                      \
        sctest::nearRel((actual), (expected), (tolerance)),                                        \
        qPrintable(sctest::describeNear(#actual, (actual), (expected), (tolerance), "relative")))
#define SC_COMPARE_ABS(actual, expected, tolerance)                                                \
    QVERIFY2(                                                                                      \
        sctest::nearAbs((actual), (expected), (tolerance)),                                        \
        qPrintable(sctest::describeNear(#actual, (actual), (expected), (tolerance), "absolute")))
