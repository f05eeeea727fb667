#pragma once
// Explain every number (issue 17): the formula of a figure as docs/model.md writes it, this
// design's inputs with where each comes from (a design parameter's JSON path, a catalog price or
// SLA with its source and date, an assumption of docs/model.md, or another figure), the
// intermediate values in order and the result — the evaluation's own value. Computes no figure:
// it reads what the model computed on its way (detail::EvaluationTrace).

#include "core/analysis/model.h"

#include <optional>
#include <string>
#include <vector>

namespace sc {

// Which figure: a design figure ("meanLatencyMs", …) or, with a component id, one of that
// component's ("utilization", …). Users: the design's traffic.users when unset.
struct FigureRef {
    std::string key;
    std::string componentId;
    std::optional<double> users;
};

// One input or intermediate value: `symbol = value unit`, what it is and where it comes from.
struct ExplainValue {
    std::string symbol; // no spaces: "λ", "S(c)", "v[app:read]"
    double value = 0;
    std::string unit;   // "req/s", "ms", "USD/month", "" for a pure number
    std::string what;   // "arrivals at the peak"
    std::string source; // "design.components[2].params.instances", "catalog …", "assumption …"
    int digits = 6;     // significant digits the text prints
    // When the value is itself an explainable figure: its reference (key empty otherwise).
    std::string figureKey, figureComponent;
};

struct Explanation {
    std::string key, componentId;
    std::string title;   // "Utilization ρ of app (App servers)"
    double users = 0;    // the user count it is explained at
    std::string section; // docs/model.md section the formula is from
    std::vector<std::string> formula;
    std::vector<ExplainValue> inputs;
    std::vector<ExplainValue> steps; // intermediates, in order
    ExplainValue result;             // the evaluation's own value
    std::string shown;               // the result as the GUI and the CLI show it
    std::vector<std::string> notes;
};

// The figures that can be explained: of the design, of a component.
const std::vector<std::string> &designFigureKeys();
const std::vector<std::string> &componentFigureKeys();
// Whether component `c` has figure `key` (threadsBusyPerInstance: app servers;
// connectionsOpened: databases and read replicas; the others: every component).
bool componentHasFigure(const Component &c, const std::string &key);
// Those names joined by ", " (the error messages and the usage list them).
std::string joinedFigureKeys(bool component);

// The explanation of `ref`, or nullopt with `error` saying why (an unknown figure or component
// names the allowed ones; a design with errors has no figures).
std::optional<Explanation> explainFigure(const Model &model, const FigureRef &ref,
                                         std::string &error);

// A number as the explanations print it: `digits` significant digits, no exponent and no
// thousands separators (so that it reads back), trailing zeros dropped; "∞" when infinite.
std::string explainNumber(double value, int digits = 6);
// A value as the explanations print it: "ρ = 0.62", "R = 12 ms"; "R = —" without its unit.
std::string explainHead(const ExplainValue &v);
// Plain text with aligned columns; the CLI prints it (the GUI lays the same parts out as a table).
std::string explanationText(const Explanation &e);
// The same as a JSON object (`scalecanvas explain --format json`).
std::string explanationJson(const Explanation &e);

} // namespace sc
