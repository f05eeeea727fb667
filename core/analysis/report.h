#pragma once

#include "core/analysis/model.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <utility>

namespace sc {

// The `evaluate --format json` object of DESIGN.md. Non-finite figures become null, and so do
// per-user figures at 0 users (a cost per user of nobody is undefined, not $0).
nlohmann::ordered_json evaluationToJson(const Model &model, const Evaluation &ev);
// The `evaluate --format text` lines. Design text (names, ids, messages) has its control
// characters made visible (visibleControls), so the text is safe to print to a terminal; money
// beyond kMoneyBeyondUsd is printed in scientific notation with a note.
std::string evaluationToText(const Model &model, const Evaluation &ev);

// The sweep as one JSON object {components, points, wall}; per-user cost null at 0 users.
nlohmann::ordered_json sweepToJson(const Model &model, const Sweep &sweep);
// The same object written to `out` a point at a time, so a sweep of 10,000 points over 10,000
// components never exists in memory as text or as a JSON tree. Same keys and values as
// sweepToJson; non-ASCII text is kept, controls escaped (\u001b, also DEL and C1).
void writeSweepJson(std::ostream &out, const Model &model, const Sweep &sweep);
// The sweep as CSV (RFC 4180, CRLF line ends, docs/cli.md): a header row, then one row per
// point and nothing else (the wall is on stderr or in the JSON). Ids are csvField-quoted with
// spreadsheet formulas neutralised and controls made visible; empty cells for undefined figures
// (latency when overloaded, cost per user at 0 users). Written a row at a time.
void writeSweepCsv(std::ostream &out, const Model &model, const Sweep &sweep);
std::string sweepToCsv(const Model &model, const Sweep &sweep);

// The writer behind writeSweepJson and writeSweepCsv, for a sweep computed in parts
// (Model::sweepPart): the constructor writes the header, write() a part's points, finish() the
// walls (JSON) and the end. `out` and `model` must outlive the writer.
class SweepWriter
{
public:
    enum class Format { Csv, Json };
    SweepWriter(std::ostream &out, const Model &model, Format format);
    void write(const Sweep &part);
    void finish(const Sweep &sweep);
    // The latency wall (Model::sloMaxUsers at the default objective), found once by finish()
    // in either format, for a caller that also reports it elsewhere.
    std::optional<double> sloWallUsers() const { return m_sloWall; }

private:
    std::ostream &m_out;
    const Model &m_model;
    std::optional<double> m_sloWall;
    Format m_format;
    std::vector<std::string> m_ids; // escaped for the format, in design order
    size_t m_points = 0;
};

// JSON text as nlohmann::json::dump writes it, with DEL, the C1 controls (U+0080–U+009F) and the
// bidirectional controls (as visibleControls has them), which JSON allows raw, escaped as
// \u007f … \u009f, \u202e, so the text is safe on a terminal.
std::string escapeJsonControls(std::string json);

// "230K", "4.61M", "17.4", "0.579": three significant digits, K/M/B/T from a thousand on
// (text for people; JSON keeps every digit), "1,160T" from 10¹⁵; "<0.0001" below 0.0001, where
// %.3g would write an exponent. "—" when not finite.
std::string shortNumber(double x);
// A whole `v` to `significant` digits with thousands separators and zeros after them, never an
// exponent: (1.15741e15, 6) → "1,157,410,000,000,000" (the reports' full counts past 10¹⁵).
std::string wholeFigures(double v, int significant);
// A count as the GUI's boxes and status bar write it (and the explanations' "shown as"): two
// significant figures below 10 of a unit, whole numbers above ("950", "1.2k", "34k", "3.4M",
// "1.1B"), "<0.01" above zero below a hundredth; "—" when not finite.
std::string compactCount(double value);
// A user count where its third figure matters, as the GUI writes the walls: three significant
// figures ("1.15M", "576k", "18.8k"), compactCount below a thousand.
std::string compactUsers(double users);
// "user" for exactly one, else "users": "at 1 user", "at 1,000 users".
inline const char *usersWord(double users)
{
    return users == 1 ? "user" : "users";
}
// A utilization as the texts write it: a whole percentage ("73%"), "<1%" above zero and below
// 1% (a sliver, not idle), "0%" at zero.
std::string utilizationText(double rho);
// A warning as the text outputs list it: "error TOO_MANY_CONNECTIONS [db]: …" (controls escaped);
// a design-wide one without the brackets: "error NO_CLIENTS: …".
std::string warningLine(const Warning &w);
// Milliseconds as the texts write them: three significant digits below a second ("38.4"), whole
// milliseconds with separators from there ("2,290", never "2.29e+03"); the unit is the caller's.
std::string millisecondsText(double ms);

// Nines (−log₁₀(1 − A); 10 when A ≥ 1) and minutes down per month.
double nines(double availability);
double downtimeMinutesPerMonth(double availability, double hoursPerMonth = 730);

// Availability as every view writes it (GUI, CLI text, reports), never overstating the nines:
// the percentage is cut (rounded down, never up) after two decimals, or after the run of
// nines when it is longer, up to six: 0.995 → "99.50%", 0.9996499 → "99.96%", 0.99999 →
// "99.999%", 1 → "100.00%"; below 1 never "100". The value is first rounded to 12 decimals, so
// binary noise (0.995 is stored as 0.99499999…) does not cost a digit. "—" outside [0, 1].
std::string formatAvailability(double availability);
// Whether a station of `ev` is overloaded (its latency unbounded). A design without a latency
// and no station overloaded serves no dynamic request at all (no clients, a dead end before any
// one).
bool stationOverloaded(const Evaluation &ev);
// That: no latency and no station overloaded, so no dynamic request is served to time (and no
// latency wall to speak of: "none served", not "met everywhere").
bool servesNothing(const Evaluation &ev);
// Whether the latency wall `sloMaxUsers` is the saturation wall `maxUsers` itself: held there,
// the saturating station off the requests' path (workers behind a queue), the p99 met up to it
// (docs/model.md "sloMaxUsers": never above maxUsers), not exceeded past it.
inline bool latencyWallHeldAtWall(const std::optional<double> &sloMaxUsers,
                                  const std::optional<double> &maxUsers)
{
    return sloMaxUsers && maxUsers && *sloMaxUsers == *maxUsers;
}
// A figure `a` and its objective `b` as formatAvailability writes them, with more decimals
// where `a` is below `b` but would read alike ("99.903%" below "99.904%", not "99.90%" below
// "99.90%"); at or above it they read as everywhere else (the GUI's digits).
std::pair<std::string, std::string> formatAvailabilitiesApart(double a, double b);
// Nines cut to two decimals ("3.45"); "≥ 10" when nothing fails; "—" outside [0, 1].
std::string formatNines(double availability);
// Downtime rounded up (never understated) to three significant digits: "41 s", "15.4 min",
// "730 h" (from two hours on); "—" when not finite or negative.
std::string formatDowntime(double minutes);
// "99.96% (3.45 nines, 15.4 min down per month)".
std::string availabilityText(double availability, double hoursPerMonth = 730);

} // namespace sc
