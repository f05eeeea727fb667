#pragma once

namespace sc {

// −0 is 0. A zero has no sign anywhere in ScaleCanvas: read from a file or typed in a field,
// written to JSON or printed, a −0 (what "-0", −0.0 × x and some roundings give) came out as
// "-0" in the figures, the reports and diff's text ("Storage -0 GB", "Write fraction 0.05 →
// -0": QA). Every place a number enters or leaves goes through this.
constexpr double unsignedZero(double v)
{
    return v == 0 ? 0.0 : v;
}

} // namespace sc
