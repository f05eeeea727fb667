#pragma once

#include <QString>

#include <optional>

// Human-readable figures for the canvas, the inspector and the status bar. Non-finite input
// becomes "—": no NaN or "inf" ever reaches the screen.
namespace scui {

QString formatCount(double value); // 950, 1.2k, 3.4M, 1.1B
// A user count where its third figure matters, as the CLI writes it: the walls ("1.15M", "576k",
// "18.8k", "950"). formatCount's two figures made the CLI's 1.15M a "1.2M" beside it, and a
// latency wall of 4.59M the same "4.6M" as a saturation wall of 4.61M (QA).
QString formatUsers(double users);
QString formatRps(double rps);     // "1.2k req/s"
QString formatMoney(double usd);   // "$1,234"
QString formatMonthly(double usd); // "$1,234/mo"
QString formatLatency(double ms);  // "0.5 ms", "12 ms", "1.2 s"
// A stretch of a run: "45 min" (formatCount's minutes) below 90 minutes, "23.8 h" below two
// days, then "3.5 days" (a day's run read "1.4k min outside the objective"; GUI QA).
QString formatTimeSpan(double seconds);
QString formatPercent(double ratio, int decimals = 0); // 0.123 -> "12%"
QString
formatAvailability(double ratio); // "99.89%" (sc::formatAvailability), "≥ 99.999999%" at the top
// A share that fails, never rounded to none or to all: "<1%", "33%", ">99%", "100%".
QString formatFailShare(double ratio);

// For printed pages (reports, handouts), where there is room for every digit: a count in full,
// "1,152,000" ("2.5" as it is; a fraction to six significant digits below a million and whole
// from there, "1,234,568" for 1234567.5, not "1.23457e+06"; six significant digits past
// 10^15), and a rate whole from 100 req/s, "17,361 req/s" (three significant digits below:
// "8.68 req/s").
QString formatFullCount(double value);
// "1 daily active user", "1,000,000 daily active users" (formatFullCount's digits; "At 1 daily
// active users" read a report of one user; QA).
QString formatDailyActiveUsers(double users);
QString formatFullRps(double rps);

// A user count to edit that is saved (a lesson step's): as formatCount writes it where that
// reads back as the same count ("1.2M", "25k"), else every digit ("1,152,000"): a dialog OK'd
// unchanged must not round it (QA: a lesson step at 1,152,000 was saved at 1.2M).
QString editableCount(double value);
// A user count as a users field reads it: "2.5M", "1e6", "25,000" (commas that group digits by
// three dropped, any other refused: "2,5M"; sc::parseUserCount); nullopt when the text is no
// count. The tool bar's, the inspector's and the Compare window's fields alike.
std::optional<double> readUserCount(const QString &typed);
// What a users field says of text it cannot take, `most` the largest count it takes:
// "“-5” is not a user count: try 25000, 1e6 or 2.5M (at most 10B)" (the main window's field and
// the Compare window's alike).
QString notAUserCount(const QString &typed, double most);

} // namespace scui
