#pragma once

// Internal to core/io and core/catalog: the checks every reader of a JSON document shares.
// Problems are collected with their JSON path (at most kMaxIssues, the rest counted) instead of
// thrown.

#include "core/io/issue.h"
#include "core/model/params.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace sc::io {

// "null", "a boolean", "a string", "an array", "an object" or "a number", for messages.
std::string typeName(const nlohmann::json &j);

// A number as messages print it (%.10g).
std::string formatNumber(double v);

class Checker
{
public:
    Issues issues;
    size_t unlisted = 0; // problems beyond kMaxIssues

    // The issues, closed with "… and N more problems" when some were not listed.
    Issues closed() const
    {
        Issues all = issues;
        closeCapped(all, unlisted);
        return all;
    }

    void error(const std::string &path, const std::string &message, const std::string &id = {});

    // Ids are names, not text: long ones are refused so no message can quote megabytes.
    // `what` names it in the message ("id", a variant's "name").
    std::string checkId(const std::string &id, const std::string &path, const char *what = "id");

    bool expectObject(const nlohmann::json &j, const std::string &path);
    bool expectArray(const nlohmann::json &j, const std::string &path);

    // A string of at most kMaxStringBytes; nullopt (and an error) otherwise.
    std::optional<std::string> string(const nlohmann::json &j, const std::string &path,
                                      bool allowEmpty);

    // A number checked against a table entry: type, integrality and range.
    std::optional<double> number(const nlohmann::json &j, const std::string &path,
                                 const ParamSpec &spec);
    std::optional<double> plainNumber(const nlohmann::json &j, const std::string &path, double lo,
                                      double hi);
    // A finite number above `lo` (exclusive) and at most `hi`; the message states the range
    // ("must be more than 0 and at most 3600000 ms").
    std::optional<double> numberAbove(const nlohmann::json &j, const std::string &path, double lo,
                                      double hi, std::string_view unit);

    // One error per key of `obj` that is not in `known`.
    void unknownKeys(const nlohmann::json &obj, const std::string &path,
                     std::initializer_list<std::string_view> known);

    // "a.b" from "a" and "b"; "b" when the path is empty.
    static std::string join(const std::string &path, const std::string &key);

private:
    // The number in `j` when it is one and finite; nullopt (and an error) otherwise.
    // `wanted`: what the error says a value of another type must be ("a number from 0 to 1").
    std::optional<double> finiteNumber(const nlohmann::json &j, const std::string &path,
                                       const std::string &wanted = "a number");
};

} // namespace sc::io
