#include "checker.h"

#include "core/io/format.h"
#include "core/model/zero.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace sc::io {

using json = nlohmann::json;

std::string typeName(const json &j)
{
    switch (j.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::boolean:
        return "a boolean";
    case json::value_t::string:
        return "a string";
    case json::value_t::array:
        return "an array";
    case json::value_t::object:
        return "an object";
    default:
        return "a number";
    }
}

std::string formatNumber(double v)
{
    // Ten significant digits, or as many more as tell the value from its neighbours: a value
    // refused for passing a bound by a hair must not read as the bound ("got 100000"). A
    // subnormal, whose neighbours are far apart, in as few as tell it ("5e-324" as written, not
    // 4.940656458e-324; QA).
    char buf[64];
    for (int digits = std::fpclassify(v) == FP_SUBNORMAL ? 1 : 10; digits <= 17; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (!std::isfinite(v) || std::strtod(buf, nullptr) == v)
            break;
    }
    return buf;
}

void Checker::error(const std::string &path, const std::string &message, const std::string &id)
{
    addCapped(issues, unlisted, {path, message, id});
}

std::string Checker::checkId(const std::string &id, const std::string &path, const char *what)
{
    if (id.size() <= kMaxIdBytes)
        return id;
    error(path, std::string(what) + " is " + std::to_string(id.size()) +
                    " bytes long; the limit is " + std::to_string(kMaxIdBytes));
    return {};
}

bool Checker::expectObject(const json &j, const std::string &path)
{
    if (j.is_object())
        return true;
    error(path, "must be an object, got " + typeName(j));
    return false;
}

bool Checker::expectArray(const json &j, const std::string &path)
{
    if (j.is_array())
        return true;
    error(path, "must be an array, got " + typeName(j));
    return false;
}

std::optional<std::string> Checker::string(const json &j, const std::string &path, bool allowEmpty)
{
    if (!j.is_string()) {
        error(path, "must be a string, got " + typeName(j));
        return std::nullopt;
    }
    const auto &s = j.get_ref<const std::string &>();
    if (s.size() > kMaxStringBytes) {
        error(path, "is " + std::to_string(s.size()) + " bytes long; the limit is " +
                        std::to_string(kMaxStringBytes));
        return std::nullopt;
    }
    if (!allowEmpty && s.empty()) {
        error(path, "must not be empty");
        return std::nullopt;
    }
    return s;
}

std::optional<double> Checker::number(const json &j, const std::string &path, const ParamSpec &spec)
{
    if (spec.type == ParamType::Bool) {
        if (!j.is_boolean()) {
            error(path, "must be true or false, got " + typeName(j));
            return std::nullopt;
        }
        return j.get<bool>() ? 1.0 : 0.0;
    }
    const std::string range = "from " + formatNumber(spec.min) + " to " + formatNumber(spec.max);
    const std::string unit = spec.unit.empty() ? "" : " " + std::string(spec.unit);
    // A value of another type is told the range too, as one out of it is (QA: "must be a
    // number, got a string" said nothing of what would do).
    const std::optional<double> read = finiteNumber(
        j, path, (spec.type == ParamType::Int ? "a whole number " : "a number ") + range + unit);
    if (!read)
        return std::nullopt;
    const double v = *read;
    if (spec.type == ParamType::Int && (v != std::floor(v) || v < spec.min || v > spec.max)) {
        error(path, "must be a whole number " + range + ", got " + formatNumber(v));
        return std::nullopt;
    }
    if (v < spec.min || v > spec.max) {
        error(path, "must be " + range + unit + ", got " + formatNumber(v));
        return std::nullopt;
    }
    return v;
}

std::optional<double> Checker::plainNumber(const json &j, const std::string &path, double lo,
                                           double hi)
{
    ParamSpec spec{"", ParamType::Real, "", 0, lo, hi, {}, {}, {}};
    return number(j, path, spec);
}

std::optional<double> Checker::numberAbove(const json &j, const std::string &path, double lo,
                                           double hi, std::string_view unit)
{
    const std::string range = "more than " + formatNumber(lo) + " and at most " + formatNumber(hi) +
                              (unit.empty() ? "" : " " + std::string(unit));
    const std::optional<double> v = finiteNumber(j, path, "a number " + range);
    if (!v)
        return std::nullopt;
    if (*v <= lo || *v > hi) {
        error(path, "must be " + range + ", got " + formatNumber(*v));
        return std::nullopt;
    }
    return v;
}

std::optional<double> Checker::finiteNumber(const json &j, const std::string &path,
                                            const std::string &wanted)
{
    if (!j.is_number()) {
        error(path, "must be " + wanted + ", got " + typeName(j));
        return std::nullopt;
    }
    double v = j.get<double>();
    if (j.is_number_unsigned() && j.get<std::uint64_t>() > (1ull << 53))
        v = double(j.get<std::uint64_t>());
    if (!std::isfinite(v)) {
        error(path, "must be a finite number");
        return std::nullopt;
    }
    return unsignedZero(v); // written in a file, −0 is a zero
}

void Checker::unknownKeys(const json &obj, const std::string &path,
                          std::initializer_list<std::string_view> known)
{
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool found = false;
        for (std::string_view k : known)
            found = found || k == it.key();
        if (!found)
            error(join(path, clipText(it.key())), "unknown field \"" + clipText(it.key()) + "\"");
    }
}

std::string Checker::join(const std::string &path, const std::string &key)
{
    return path.empty() ? key : path + "." + key;
}

} // namespace sc::io
