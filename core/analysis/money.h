#pragma once

#include <cstdint>
#include <optional>
#include <string>

// Money as the reports and the CLI print it. Amounts are doubles (USD per month) all the way to
// the text: whole cents are only taken, with a checked conversion, below kMoneyBeyondUsd, where
// 64-bit cents are exact; a figure past that is printed in scientific notation with a note
// (kMoneyBeyondNote), the same way in every format. A wrapped negative can never come out.
namespace sc {

// Monthly amounts from this on are beyond any sensible range (a thousand times the largest
// cloud bills there are): no cents, no thousands separators, three significant digits.
inline constexpr double kMoneyBeyondUsd = 1e15;

// What the reports say under a table when an amount is beyond kMoneyBeyondUsd.
inline constexpr const char *kMoneyBeyondNote =
    "Amounts of $1e15 a month or more are beyond any sensible range: they are shown to three "
    "significant digits and are not rounded to the cent. Check the traffic assumptions.";

// What the reports and the CLI say beside the bill when requests fail at the peak: the bill is
// sized for the demand offered (docs/model.md "The bill"), not for what is served (QA).
inline constexpr const char *kBillOfferedNote =
    "Not every request is served at the peak: the bill is an upper bound, sized for every "
    "request offered (instances, data transfer), served or not.";

// True for amounts that are not finite or whose magnitude is at least kMoneyBeyondUsd.
bool moneyBeyondRange(double usd);

// The amount in whole cents (rounded half away from zero), or nullopt when beyond the range.
std::optional<std::int64_t> centsOf(double usd);

// How an amount is written: "$1,234.56" for people, "1234.56" for CSV cells.
enum class MoneyStyle { Text, Plain };

// "1,234,567": the digits of `n` with a comma every three (money and counts alike).
std::string withThousands(std::uint64_t n);

// Cents as "$1,234.56" (Text) or "1234.56" (Plain); negative amounts keep their sign.
std::string formatCents(std::int64_t cents, MoneyStyle style = MoneyStyle::Text);

// An amount rounded to the cent as formatCents; beyond the range "$2.59e+22" (Text) or
// "2.59e+22" (Plain); "—" (Text) or "" (Plain) when not finite.
std::string formatUsd(double usd, MoneyStyle style = MoneyStyle::Text);

// Small amounts (cost per user): four decimals below $1 ("$0.0123"), else as formatUsd.
std::string formatUsdSmall(double usd, MoneyStyle style = MoneyStyle::Text);

} // namespace sc
