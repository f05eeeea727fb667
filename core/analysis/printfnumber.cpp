#include "core/analysis/printfnumber.h"

#include "core/analysis/money.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace sc::detail {
namespace {

// `v` to the nearest integer, a tie to the even one, as printf rounds in the default mode;
// exact for |v| < 2^53, where v − ⌊v⌋ is exact. −0.3 and −0 print "-0", as printf.
char *printWhole(char *at, char *end, double v)
{
    const double below = std::floor(v), rest = v - below;
    const long long whole = static_cast<long long>(below) +
                            (rest > 0.5 || (rest == 0.5 && static_cast<long long>(below) % 2 != 0));
    if (whole == 0 && std::signbit(v))
        *at++ = '-';
    return std::to_chars(at, end, whole).ptr;
}

// 10^digits for %.Ng: a whole number below it prints as its integer (no exponent, no point).
double wholeBelow(int digits)
{
    double limit = 1;
    for (int i = 0; i < std::max(digits, 1); ++i)
        limit *= 10;
    return limit;
}

} // namespace

std::string printfNumber(const char *format, double v)
{
    std::string out;
    for (const char *c = format; *c; ++c) {
        if (*c != '%') {
            const char *text = c;
            while (c[1] && c[1] != '%')
                ++c;
            out.append(text, size_t(c - text + 1));
            continue;
        }
        if (*++c == '%') {
            out += '%';
            continue;
        }
        int precision = 6;
        if (*c == '.')
            for (precision = 0; *++c >= '0' && *c <= '9';)
                precision = precision * 10 + (*c - '0');
        assert(*c == 'f' || *c == 'g');
        char number[400]; // %.0f of the largest double: 309 digits
        const bool whole = *c == 'f' ? precision == 0 && std::fabs(v) < 0x1p53
                                     : v == std::floor(v) && std::fabs(v) < wholeBelow(precision);
        if (whole) {
            out.append(number, printWhole(number, std::end(number), v));
            continue;
        }
        const auto style = *c == 'f' ? std::chars_format::fixed : std::chars_format::general;
        out.append(number, std::to_chars(number, std::end(number), v, style, precision).ptr);
    }
    return out;
}

std::string wholeOrPrintf(double v, double wholeFrom, const char *format)
{
    if (std::isfinite(v) && std::abs(v) >= wholeFrom && std::abs(v) < 1e15)
        return (v < 0 ? "-" : "") + withThousands(std::uint64_t(std::llround(std::abs(v))));
    if (std::isfinite(v) && std::abs(v) >= std::max(wholeFrom, 1e15))
        return wholeDigits(v, 3);
    return printfNumber(format, v);
}

std::string wholeDigits(double v, int significant)
{
    significant = std::clamp(significant, 1, 17);
    // The digits from %e, so the zeros after them are zeros (%.0f of a rounded 10³⁰ writes the
    // binary value's "…19884624838656").
    char e[48];
    std::snprintf(e, sizeof e, "%.*e", significant - 1, std::abs(v));
    std::string digits(1, e[0]);
    const char *at = e + 1;
    if (*at == '.')
        for (++at; *at >= '0' && *at <= '9'; ++at)
            digits += *at;
    const int exponent = *at == 'e' ? std::atoi(at + 1) : 0;
    if (exponent < int(digits.size()) - 1) // a fraction: whole at its own digits
        return wholeOrPrintf(v, 0, "%.0f");
    digits.append(size_t(exponent - int(digits.size()) + 1), '0');
    std::string out = v < 0 ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string fixedTrimmed(double v, int decimals)
{
    // std::to_chars writes printf's "%.*f", character for character (both exact, a tie to even),
    // in a fraction of snprintf's instructions: a design's cost lines call this by the hundred
    // each evaluation (its request lines' counts).
    char buf[400]; // %f of the largest double is 309 digits
    const auto [end, ec] =
        std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    std::string s(buf, ec == std::errc() ? end : buf);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    return s;
}

} // namespace sc::detail
