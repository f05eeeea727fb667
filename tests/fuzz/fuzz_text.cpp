// libFuzzer target for the exporters' text escaping (issue 12): whatever bytes a design file
// holds, each escaper keeps its promise.
//   csvField         re-parses (RFC 4180) to the text, prefixed with ' when it is a formula
//   htmlText         no raw < > " ' and every & starts an entity; no controls but TAB and LF
//   visibleControls  no C0, DEL or C1 and valid UTF-8 (with keepNewlines: LF only)
//   markdownCell     one line, no controls, no unescaped |
//   escapeJsonControls  the same JSON value, no raw DEL or C1
//   formatUsd        no wrapped sign, no nan/inf, and reads back as the amount
// A broken promise aborts (libFuzzer reports it as a crash with the input).

#include "core/analysis/money.h"
#include "core/analysis/report.h"
#include "core/io/textescape.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_text: broken property: %s\n", what);
        std::abort();
    }
}

bool validUtf8(std::string_view s)
{
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t n = b < 0x80             ? 1
                         : (b & 0xE0) == 0xC0 ? 2
                         : (b & 0xF0) == 0xE0 ? 3
                         : (b & 0xF8) == 0xF0 ? 4
                                              : 0;
        if (n == 0 || i + n > s.size())
            return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

// A raw control byte: C0 not in `allowed`, DEL, or C1 in UTF-8 (C2 80 … C2 9F).
bool hasControl(std::string_view s, std::string_view allowed)
{
    for (size_t i = 0; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b < 0x20 && allowed.find(char(b)) == std::string_view::npos) || b == 0x7F)
            return true;
        if (b == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F)
            return true;
    }
    return false;
}

// The one field of an RFC 4180 record; false when `f` is not exactly one well-formed field.
bool parseCsvField(std::string_view f, std::string &out)
{
    out.clear();
    if (f.empty() || f.front() != '"') {
        if (f.find_first_of(",\"\r\n") != std::string_view::npos)
            return false;
        out = f;
        return true;
    }
    if (f.size() < 2 || f.back() != '"')
        return false;
    for (size_t i = 1; i + 1 < f.size(); ++i) {
        if (f[i] == '"') {
            if (i + 2 >= f.size() || f[i + 1] != '"')
                return false;
            ++i;
        }
        out += f[i];
    }
    return true;
}

void checkCsv(const std::string &s)
{
    std::string back;
    check(parseCsvField(sc::csvField(s), back), "csvField is one RFC 4180 field");
    const bool formula = !s.empty() && std::strchr("=+-@\t\r", s.front()) && s.front() != '\0';
    check(back == (formula ? "'" + s : s), "csvField re-parses to its text");
}

void checkHtml(const std::string &s)
{
    const std::string h = sc::htmlText(s);
    check(h.find_first_of("<>\"'") == std::string::npos, "htmlText: no raw < > \" '");
    for (size_t at = h.find('&'); at != std::string::npos; at = h.find('&', at + 1)) {
        bool entity = false;
        for (const char *e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"})
            entity = entity || h.compare(at, std::strlen(e), e) == 0;
        check(entity, "htmlText: every & starts an entity");
    }
    check(!hasControl(h, "\t\n"), "htmlText: no controls but TAB and LF");
    check(validUtf8(h), "htmlText: valid UTF-8");
}

void checkVisible(const std::string &s)
{
    const std::string v = sc::visibleControls(s);
    check(!hasControl(v, ""), "visibleControls: no controls");
    check(validUtf8(v), "visibleControls: valid UTF-8");
    const std::string lines = sc::visibleControls(s, true);
    check(!hasControl(lines, "\n"), "visibleControls(keepNewlines): only LF");
    check(validUtf8(lines), "visibleControls(keepNewlines): valid UTF-8");
}

void checkMarkdown(const std::string &s)
{
    const std::string m = sc::markdownCell(s);
    check(!hasControl(m, ""), "markdownCell: no controls, one line");
    for (size_t at = m.find('|'); at != std::string::npos; at = m.find('|', at + 1)) {
        size_t slashes = 0;
        while (slashes < at && m[at - 1 - slashes] == '\\')
            ++slashes;
        check(slashes % 2 == 1, "markdownCell: every | escaped");
    }
}

void checkJson(const std::string &s)
{
    using json = nlohmann::json;
    const std::string dumped = json(s).dump(-1, ' ', false, json::error_handler_t::replace);
    const std::string escaped = sc::escapeJsonControls(dumped);
    check(!hasControl(escaped, ""), "escapeJsonControls: no raw controls");
    check(json::parse(escaped) == json::parse(dumped), "escapeJsonControls: same value");
}

// The amount a formatUsd text stands for ("$1,234.56", "$2.59e+22", "-$3.00"); long double, as
// three digits of the largest doubles round past DBL_MAX ("$1.80e+308").
long double readUsd(std::string t)
{
    std::string digits;
    for (char c : t)
        if (c != '$' && c != ',')
            digits += c;
    return std::strtold(digits.c_str(), nullptr);
}

void checkMoney(const unsigned char *data, size_t size)
{
    if (size < sizeof(double))
        return;
    double v;
    std::memcpy(&v, data, sizeof v);
    const std::string t = sc::formatUsd(v);
    if (!std::isfinite(v)) {
        check(t == "—", "formatUsd: a dash when not finite");
        return;
    }
    check(t.find("nan") == std::string::npos && t.find("inf") == std::string::npos,
          "formatUsd: no nan/inf");
    // A wrapped conversion shows as a sign that is not the amount's.
    check(v >= 0 ? t[0] == '$' : (t[0] == '-' || t == "$0.00"), "formatUsd: the amount's sign");
    const long double back = readUsd(t), lv = v;
    if (std::fabs(v) < sc::kMoneyBeyondUsd)
        check(std::fabs(back - lv) <= 0.005L + std::fabs(lv) * 1e-15L, "formatUsd: to the cent");
    else
        check(std::fabs(back - lv) <= std::fabs(lv) * 0.006L, "formatUsd: three digits beyond");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const std::string s(reinterpret_cast<const char *>(data), size);
    checkCsv(s);
    checkHtml(s);
    checkVisible(s);
    checkMarkdown(s);
    checkJson(s);
    checkMoney(data, size);
    return 0;
}
