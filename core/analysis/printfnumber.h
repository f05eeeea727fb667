#pragma once

#include <string>

namespace sc::detail {

// snprintf(format, v) for the formats the model's messages and cost lines use: text around one
// %.Nf, %.Ng or %g, and %%; the same characters as printf in the "C" locale and the default
// rounding mode. Without parsing a general format or locking a stream, and a whole number (most
// of a big design's utilizations, dollar figures and instance counts) written as an integer
// rather than through the exact-decimal machinery a precision needs (~1,500 instructions a
// number): a big design prints a thousand of them per evaluation.
std::string printfNumber(const char *format, double v);

// `v` as people read a quantity: from `wholeFrom` up to 10^15 in magnitude, rounded to a whole
// number (a half away from zero) with thousands separators ("2,488,397", "-12,000"), where
// printf's %g would switch to an exponent ("2.49e+06"); from 10^15 on, three significant digits
// written whole (wholeDigits: "290,000,000,000,000,000", never "2.9e+17" nor printf's "%.1f" of
// every binary digit, QA); else printfNumber(format, v) ("8.59", "inf"). `wholeFrom` is where
// `format` stops holding every whole digit: 999.5 for "%.3g", 9999.5 for "%.4g".
std::string wholeOrPrintf(double v, double wholeFrom, const char *format);
// A whole `v` to `significant` digits (1–17), zeros after them, with thousands separators:
// (1.15741e15, 6) → "1,157,410,000,000,000". A magnitude with fewer whole digits than that is
// written whole as it is.
std::string wholeDigits(double v, int significant);

// The least magnitude %.3g and %.4g write without an exponent ("8.68e-05"): text for people
// writes a positive figure below it as kBelowPlain (report.cpp's shortNumber, the bill's
// quantities, a volume of data), the one rule for every text output.
constexpr double kSmallestPlain = 1e-4;
inline constexpr const char *kBelowPlain = "<0.0001";

// printf's "%.*f" of `v` with `decimals` places, the fraction's trailing zeros (and a bare point)
// dropped: "1.50" → "1.5", "2.00" → "2".
std::string fixedTrimmed(double v, int decimals);

} // namespace sc::detail
