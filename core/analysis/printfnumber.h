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

} // namespace sc::detail
