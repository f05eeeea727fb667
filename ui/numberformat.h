#pragma once

#include <QString>

// Human-readable figures for the canvas, the inspector and the status bar. Non-finite input
// becomes "—": no NaN or "inf" ever reaches the screen.
namespace scui {

QString formatCount(double value);                     // 950, 1.2k, 3.4M, 1.1B
QString formatRps(double rps);                         // "1.2k req/s"
QString formatMoney(double usd);                       // "$1,234"
QString formatMonthly(double usd);                     // "$1,234/mo"
QString formatLatency(double ms);                      // "0.5 ms", "12 ms", "1.2 s"
QString formatPercent(double ratio, int decimals = 0); // 0.123 -> "12%"
QString
formatAvailability(double ratio); // "99.89%" (sc::formatAvailability), "≥ 99.999999%" at the top
// A share that fails, never rounded to none or to all: "<1%", "33%", ">99%", "100%".
QString formatFailShare(double ratio);

} // namespace scui
