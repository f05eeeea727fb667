#include "money.h"

#include <cmath>
#include <cstdio>

namespace sc {

bool moneyBeyondRange(double usd)
{
    return !std::isfinite(usd) || std::fabs(usd) >= kMoneyBeyondUsd;
}

std::optional<std::int64_t> centsOf(double usd)
{
    if (moneyBeyondRange(usd))
        return std::nullopt;
    // |usd × 100| < 1e17 < 2^63: the conversion is exact and cannot overflow.
    return static_cast<std::int64_t>(std::llround(usd * 100));
}

std::string withThousands(std::uint64_t n)
{
    std::string digits = std::to_string(n);
    for (int at = int(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(size_t(at), 1, ',');
    return digits;
}

std::string formatCents(std::int64_t cents, MoneyStyle style)
{
    const bool negative = cents < 0;
    // Magnitude as unsigned, so that INT64_MIN has one too.
    const std::uint64_t a =
        negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    const std::string whole =
        style == MoneyStyle::Text ? withThousands(a / 100) : std::to_string(a / 100);
    char frac[4];
    std::snprintf(frac, sizeof frac, "%02u", unsigned(a % 100));
    std::string s = negative ? "-" : "";
    if (style == MoneyStyle::Text)
        s += '$';
    return s + whole + '.' + frac;
}

std::string formatUsd(double usd, MoneyStyle style)
{
    if (!std::isfinite(usd))
        return style == MoneyStyle::Text ? "—" : "";
    if (const auto cents = centsOf(usd))
        return formatCents(*cents, style);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2e", std::fabs(usd));
    const std::string sign = usd < 0 ? "-" : "";
    return sign + (style == MoneyStyle::Text ? "$" : "") + buf;
}

std::string formatUsdSmall(double usd, MoneyStyle style)
{
    if (std::isfinite(usd) && usd != 0 && std::fabs(usd) < 1) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4f", std::fabs(usd));
        return std::string(usd < 0 ? "-" : "") + (style == MoneyStyle::Text ? "$" : "") + buf;
    }
    return formatUsd(usd, style);
}

} // namespace sc
