#pragma once

#include "core/analysis/model.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

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
// wall (JSON) and the end. `out` and `model` must outlive the writer.
class SweepWriter
{
public:
    enum class Format { Csv, Json };
    SweepWriter(std::ostream &out, const Model &model, Format format);
    void write(const Sweep &part);
    void finish(const Sweep &sweep);

private:
    std::ostream &m_out;
    Format m_format;
    std::vector<std::string> m_ids; // escaped for the format, in design order
    size_t m_points = 0;
};

// JSON text as nlohmann::json::dump writes it, with DEL and the C1 controls (U+0080–U+009F),
// which JSON allows raw, escaped as \u007f … \u009f, so the text is safe on a terminal.
std::string escapeJsonControls(std::string json);

// "99.95%", nines and downtime per month.
double nines(double availability);
double downtimeMinutesPerMonth(double availability, double hoursPerMonth = 730);

} // namespace sc
