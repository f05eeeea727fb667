#include "cli.h"

#include "core/analysis/compare.h"
#include "core/analysis/explain.h"
#include "core/analysis/limits.h"
#include "core/analysis/model.h"
#include "core/analysis/report.h"
#include "core/analysis/scenarios.h"
#include "core/analysis/variantcheck.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/templates.h"
#include "core/io/textescape.h"

#include "ui/canvas/canvasscene.h"
#include "ui/document.h"
#include "ui/export/compareexport.h"
#include "ui/export/diagramexport.h"
#include "ui/export/handoutexport.h"
#include "ui/export/reportexport.h"

#include <QApplication>
#include <QFileInfo>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

constexpr int kOk = 0;
constexpr int kInternal = 1;
constexpr int kInvalid = 2;

const char *const kUsage =
    "usage: scalecanvas [FILE]                     open the editor\n"
    "       scalecanvas validate FILE [--catalog CATALOG]\n"
    "       scalecanvas evaluate FILE [--users N] [--format json|text] [--catalog CATALOG]\n"
    "       scalecanvas sweep FILE [--from 10] [--to 1e8] [--points 200] [--format csv|json]\n"
    "                              [--catalog CATALOG]\n"
    "       scalecanvas simulate FILE [--scenario NAME] [--step S] [--format csv|json]\n"
    "                              [--des [--seed N]]\n"
    "                              [--catalog CATALOG]\n"
    "       scalecanvas explain FILE FIGURE [--component ID] [--users N] [--format text|json]\n"
    "                              [--catalog CATALOG]\n"
    "       scalecanvas diff A B [--users N] [--format text|md|json] [--catalog CATALOG]\n"
    "                              A and B: FILE or FILE#VARIANT; B − A at A's users\n"
    "       scalecanvas export FILE --png OUT [--users N] [--theme light|dark] [--scale 1|2]\n"
    "                              [--catalog CATALOG]\n"
    "       scalecanvas export FILE --svg|--pdf OUT [--users N] [--theme light|dark]\n"
    "                              [--catalog CATALOG]\n"
    "       scalecanvas export FILE --report OUT.pdf|.html|.csv|.md [--users N] [--theme "
    "light|dark]\n"
    "                              [--catalog CATALOG]\n"
    "       scalecanvas export FILE --handout OUT.pdf [--theme light|dark]\n"
    "                              a page per lesson step, the answers last\n"
    "       scalecanvas export A B --compare OUT.pdf|.html|.md [--users N] [--theme light|dark]\n"
    "                              [--catalog CATALOG]\n"
    "                              the comparison report; A and B as for diff\n"
    "       scalecanvas templates                  list the built-in designs\n"
    "       scalecanvas template NAME              print a built-in design\n"
    "FILE: a design file or a template's name; FILE#VARIANT one of its variants (evaluate, sweep,\n"
    "simulate, explain, export, diff). N accepts 1e6, 1000000, 1M, 2.5k.\n"
    "Exit codes: 0 ok, 2 invalid input, 1 internal error.\n";

struct Args {
    std::string command;
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    bool help = false; // --help or -h after the command: the usage, whatever else is given
    const char *argv0 = nullptr; // the program as started (an export's QApplication wants it)
};

// One line of diagnostics on stderr. Messages quote design text and the caller's arguments,
// which may hold escape sequences: controls are made visible (a newline too: one line per
// problem).
void errorLine(const std::string &line)
{
    std::cerr << sc::visibleControls(line) << "\n";
}

int writeError(const std::string &what)
{
    errorLine("scalecanvas: could not write to " + what);
    return kInternal;
}

// True when `output` names the file `input` names, by any path: the same name, ./x, a symlink
// or a hard link (same device and inode). An output that does not exist yet names no input.
bool sameFile(const std::string &input, const std::string &output)
{
    std::error_code ec;
    return std::filesystem::equivalent(input, output, ec) && !ec;
}

// The command being run (runCommand), whose usage a usage error prints; empty: every command's.
std::string g_command;

// kUsage's lines of `command` ("scalecanvas simulate FILE …" and the lines that continue it), as
// a usage of their own; empty when it has none.
std::string usageOf(const std::string &command)
{
    constexpr size_t kIndent = 7; // "usage: " and the lines under it
    const std::string_view program = "scalecanvas ";
    std::string out;
    bool in = false;
    std::string_view rest = kUsage;
    while (!rest.empty()) {
        const size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        const std::string_view body =
            line.size() > kIndent ? line.substr(kIndent) : std::string_view();
        if (body.starts_with(program))
            in = body.substr(program.size()).starts_with(command + " ");
        else if (!body.starts_with(std::string(program.size(), ' '))) // not a continuation
            in = false;
        if (in)
            (out += out.empty() ? "usage: " : "       ").append(body).append("\n");
    }
    return out;
}

// A command line that cannot run: the message, then the usage of the command it names (its
// lines alone: the whole usage buried the one line that mattered; QA), or every command's.
int usageError(const std::string &message)
{
    errorLine("scalecanvas: " + message);
    const std::string own = g_command.empty() ? std::string() : usageOf(g_command);
    if (own.empty())
        std::cerr << kUsage;
    else
        std::cerr << own << "(scalecanvas --help: every command)\n";
    return kInvalid;
}

// --help or -h: the usage, wherever it stands.
bool isHelp(const char *arg)
{
    return std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0;
}

// Whether some command takes the option `--name` (checkOptions says which).
bool isKnownOption(const std::string &name)
{
    static constexpr const char *kOptions[] = {"catalog", "compare", "component", "des",  "format",
                                               "from",    "handout", "pdf",       "png",  "points",
                                               "report",  "scale",   "scenario",  "seed", "step",
                                               "svg",     "theme",   "to",        "users"};
    return std::any_of(std::begin(kOptions), std::end(kOptions),
                       [&name](const char *o) { return name == o; });
}

// An argument that is an option, not a value or a FILE: `--name` or `-x`, but not a negative
// number (`--users -5` is refused by its range) or `-` alone. A file whose name starts with a
// dash is given as ./-name.
bool looksLikeOption(const char *arg)
{
    if (arg[0] != '-' || arg[1] == '\0')
        return false;
    if (arg[1] == '-')
        return arg[2] != '\0';
    if (std::isdigit(static_cast<unsigned char>(arg[1])) || arg[1] == '.')
        return false;
    // "-inf", "-nan", "-infinity": a value (a negative number to refuse for its range), not an
    // option no command has.
    std::string word(arg + 1);
    for (char &ch : word)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return word != "inf" && word != "infinity" && word != "nan";
}

// A wall's user count on sweep's stderr: ten significant digits ("16184.73073"), whole from 10^10
// on where %.10g would turn to an exponent ("19200000000", not "1.92e+10").
std::string wallUsersText(double users)
{
    char out[40];
    std::snprintf(out, sizeof out, std::fabs(users) >= 1e10 && users < 1e15 ? "%.0f" : "%.10g",
                  users);
    return out;
}

// Parses `--name value` and `--name=value`; every option takes a value but the flag `--des`.
std::optional<Args> parseArgs(int argc, char **argv, std::string &error)
{
    Args a;
    a.argv0 = argv[0];
    a.command = argv[1];
    // --help anywhere after the command prints its usage, whatever else is given (an option
    // short of its value included: `export x --png --help`).
    for (int i = 2; i < argc; ++i)
        if (isHelp(argv[i])) {
            a.help = true;
            return a;
        }
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) == 0) {
            std::string name = arg.substr(2), value;
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                // `--format= text`: the shell split off the value; no option takes an empty one.
                if (value.empty() && name != "des") {
                    error = !isKnownOption(name) ? "unknown option --" + name
                                                 : "option --" + name + " needs a value after =";
                    return std::nullopt;
                }
                // A switch takes no value: `--des=0` read as on, its opposite (QA).
                if (name == "des") {
                    error = "option --des takes no value (leave it out for the fluid run), got \"" +
                            arg + "\"";
                    return std::nullopt;
                }
            } else if (name == "des") {
                value = "1";
            } else if (i + 1 < argc && !looksLikeOption(argv[i + 1])) {
                value = argv[++i];
            } else {
                // `--users --format text` or last on the line: the value is missing (not a
                // second FILE); an option no command has is unknown, not short of a value.
                error = !isKnownOption(name) ? "unknown option --" + name
                        : i + 1 < argc ? "option --" + name + " needs a value, got the option " +
                                             argv[i + 1] + " after it"
                                       : "option --" + name + " needs a value";
                return std::nullopt;
            }
            if (a.options.count(name)) {
                error = "option --" + name + " given twice";
                return std::nullopt;
            }
            a.options[name] = value;
        } else if (looksLikeOption(argv[i])) {
            // `-v`: an option none of the commands has, not a FILE.
            error = "unknown option " + arg;
            return std::nullopt;
        } else {
            a.positional.push_back(arg);
        }
    }
    return a;
}

bool checkOptions(const Args &a, std::initializer_list<const char *> allowed, std::string &error)
{
    for (const auto &[name, value] : a.options) {
        bool ok = false;
        for (const char *n : allowed)
            ok = ok || name == n;
        if (!ok) {
            error = "unknown option --" + name + " for " + a.command;
            return false;
        }
    }
    return true;
}

const sc::Catalog *catalogFor(const Args &a, std::optional<sc::Catalog> &storage)
{
    auto it = a.options.find("catalog");
    if (it == a.options.end())
        return &sc::Catalog::builtin();
    sc::Issues errors;
    storage = sc::Catalog::load(it->second, errors);
    if (!storage) {
        for (const sc::Issue &e : errors)
            errorLine(it->second + ": " + e.toString());
        return nullptr;
    }
    return &*storage;
}

// Loads and checks a design; prints every problem as "FILE: PATH: message".
// A design file, or a built-in template named where a file is expected when no such file
// exists (`scalecanvas evaluate stage3-100k`), as draw.io and Tiled accept their built-ins.
sc::LoadResult loadFileOrTemplate(const std::string &path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        if (const sc::TemplateInfo *t = sc::findTemplate(path))
            return sc::loadDesign(t->json);
    return sc::loadDesignFile(path);
}

// A design still being built (a dead end, no clients: Model::incomplete) is evaluated, swept and
// exported for its connected part, but `validate` (`complete`) refuses it: a design checked in CI
// should be complete.
std::optional<sc::Design> loadChecked(const std::string &path, const sc::Catalog &catalog,
                                      std::optional<sc::Model> &model, bool complete = false,
                                      bool noteVariants = true)
{
    sc::LoadResult r = loadFileOrTemplate(path);
    if (!r.design) {
        for (const sc::Issue &e : r.errors)
            errorLine(path + ": " + e.toString());
        // Every problem in one run: the checks of the design as read too (a dangling id is not
        // hidden behind a parameter out of range; every command, as validate: QA), but none
        // about a part the reader already refused (a component whose kind it refused is no
        // dead end), and for the commands but validate only the errors (not what a design still
        // being built lacks).
        if (r.partial) {
            const auto within = [](const std::string &a, const std::string &b) {
                return a.compare(0, b.size(), b) == 0 &&
                       (a.size() == b.size() || a[b.size()] == '.' || a[b.size()] == '[');
            };
            // Nor about a component whose kind it refused (read as an app server, it drew "App
            // servers do not send requests to CDNs" about its connections; QA): nothing said of
            // it, of its parts or of a connection to or from it.
            // (By the component's index in the path: a kind of the wrong type or empty is
            // refused with no component named.)
            std::set<std::string> kindless;
            static const std::string comps = "design.components[";
            for (const sc::Issue &x : r.errors) {
                if (x.path.compare(0, comps.size(), comps) != 0 ||
                    !(x.path.ends_with("].kind") || x.message == "missing \"kind\""))
                    continue;
                const size_t i = size_t(std::strtoull(x.path.c_str() + comps.size(), nullptr, 10));
                if (i < r.partial->components.size() && !r.partial->components[i].id.empty())
                    kindless.insert(r.partial->components[i].id);
            }
            const auto aboutKindless = [&](const sc::Issue &e) {
                if (kindless.count(e.componentId))
                    return true;
                static const std::string conn = "design.connections[";
                if (e.path.compare(0, conn.size(), conn) != 0)
                    return false;
                const size_t i = size_t(std::strtoull(e.path.c_str() + conn.size(), nullptr, 10));
                const auto &all = r.partial->connections;
                return i < all.size() && (kindless.count(all[i].from) || kindless.count(all[i].to));
            };
            try {
                const sc::Model partial(*r.partial, catalog);
                for (const sc::Issue &e :
                     complete ? partial.validationIssues() : sc::Issues(partial.errors()))
                    if (!aboutKindless(e) &&
                        std::none_of(r.errors.begin(), r.errors.end(), [&](const sc::Issue &x) {
                            return within(x.path, e.path) || within(e.path, x.path);
                        }))
                        errorLine(path + ": " + e.toString());
            } catch (const std::exception &) {
                // The reader's errors stand on their own.
            }
        }
        return std::nullopt;
    }
    model.emplace(*r.design, catalog);
    sc::Issues issues = complete ? model->validationIssues() : model->errors();
    // A variant is held to the same checks as the design, at its own paths.
    if (complete)
        for (const sc::Issue &e : sc::variantValidationIssues(*r.design, catalog))
            issues.push_back(e);
    if (!issues.empty()) {
        for (const sc::Issue &e : issues)
            errorLine(path + ": " + e.toString());
        return std::nullopt;
    }
    // The other commands work on the file's own design; a variant with errors, which validate
    // refuses, is said on stderr, not passed over in silence (QA). (Not where the variants are
    // checked themselves and refused: diff's and the handout's.)
    if (!complete && noteVariants)
        for (const sc::Variant &v : r.design->variants)
            if (const sc::Issues errors = sc::variantErrors(*r.design, v.name, catalog);
                !errors.empty())
                errorLine(path + ": note: variant \"" + sc::visibleControls(v.name) + "\" has " +
                          std::to_string(errors.size()) +
                          (errors.size() == 1 ? " error" : " errors") +
                          ", which validate refuses: " + errors.front().toString() +
                          (errors.size() > 1 ? " (validate lists them all)" : ""));
    return r.design;
}

std::optional<double> numberOption(const Args &a, const char *name, double fallback, double lo,
                                   double hi, std::string &error)
{
    auto it = a.options.find(name);
    if (it == a.options.end())
        return fallback;
    auto v = sc::parseUserCount(it->second);
    if (!v || *v < lo || *v > hi) {
        // Each bound short where that is exact ("1e+10"), else in full (the seed's top, 2^53,
        // is not 9.0072e+15); the ways of writing a count only where one is asked for.
        const auto bound = [](double x) {
            char shortForm[32];
            std::snprintf(shortForm, sizeof shortForm, "%g", x);
            if (std::strtod(shortForm, nullptr) == x)
                return std::string(shortForm);
            char full[32];
            std::snprintf(full, sizeof full, "%.17g", x);
            return std::string(full);
        };
        const bool count = std::strcmp(name, "users") == 0 || std::strcmp(name, "from") == 0 ||
                           std::strcmp(name, "to") == 0;
        // (Built as a string: a long value is quoted whole, not cut at a buffer's end.)
        error = std::string("--") + name + " must be a number from " + bound(lo) + " to " +
                bound(hi) + (count ? " (1e6, 1000000 and 1M are accepted)" : "") + ", got \"" +
                it->second + "\"";
        return std::nullopt;
    }
    return v;
}

// --format: `fallback` when not given, else it or `other`; nullopt and `error` otherwise.
std::optional<std::string> formatOption(const Args &a, const char *fallback, const char *other,
                                        std::string &error)
{
    const std::string format = a.options.count("format") ? a.options.at("format") : fallback;
    if (format == fallback || format == other)
        return format;
    error =
        "--format must be " + std::string(fallback) + " or " + other + ", got \"" + format + "\"";
    return std::nullopt;
}

int needFile(const Args &a, std::string &path)
{
    if (a.positional.size() != 1)
        return usageError(a.command + " needs exactly one FILE");
    path = a.positional[0];
    return kOk;
}

// A design loaded and checked against the catalog of `--catalog` (or the built-in one). The
// model refers to the catalog, so a Loaded stays where it was made.
struct Loaded {
    std::optional<sc::Catalog> customCatalog;
    std::optional<sc::Design> design;
    std::optional<sc::Model> model;
};

// FILE#VARIANT → {FILE, VARIANT}, split at the first '#' whose left part names a file or a
// template (a path and a variant's name may both hold '#'); a spec that names a file is that
// file ({spec, ""}); with no such '#', at the last one (a file that is not there).
std::pair<std::string, std::string> splitOptionSpec(const std::string &spec)
{
    std::error_code ec;
    const auto names = [&ec](const std::string &p) {
        return std::filesystem::exists(p, ec) || sc::findTemplate(p);
    };
    if (!names(spec))
        for (size_t hash = spec.find('#'); hash != std::string::npos;
             hash = spec.find('#', hash + 1))
            if (names(spec.substr(0, hash)) || spec.find('#', hash + 1) == std::string::npos)
                return {spec.substr(0, hash), spec.substr(hash + 1)};
    return {spec, ""};
}

// Variant `variant` of `file` (read from `path`) as a design of its own (sc::optionDesign);
// nullopt, said on stderr, when the file has no such variant or it has errors (at the variant's
// paths: a variant with errors has no figures, as a design with errors has none).
std::optional<sc::Design> variantOf(const std::string &path, const sc::Design &file,
                                    const std::string &variant, const sc::Catalog &catalog)
{
    std::optional<sc::Design> design = sc::optionDesign(file, variant);
    if (!design) {
        std::string names;
        for (const sc::Variant &v : file.variants)
            names += (names.empty() ? "\"" : ", \"") + v.name + "\"";
        const std::string own =
            file.name.empty() ? "" : "; the file's design: \"" + file.name + "\"";
        errorLine(path + ": no variant \"" + variant + "\" (" +
                  (names.empty() ? "the file has none" : "variants: " + names) + own + ")");
        return std::nullopt;
    }
    // (QA: `diff` showed a variant's "$0.00" and "no wall" as better, and export --compare said
    // "internal error" with the design's paths.)
    const sc::Issues errors =
        variant.empty() ? sc::Issues{} : sc::variantErrors(file, variant, catalog);
    for (const sc::Issue &e : errors)
        errorLine(path + ": " + e.toString());
    return errors.empty() ? design : std::nullopt;
}

// `spec` is FILE, or with `variants` FILE#VARIANT: then out.design is that variant as a design
// of its own (variantOf) and out.model its model. (QA: `evaluate x.scalecanvas#optimized` said
// "no such file", and option B of a comparison could not be evaluated on its own.)
bool loadWithCatalog(const Args &a, const std::string &spec, Loaded &out, bool complete = false,
                     bool noteVariants = true, bool variants = true)
{
    const sc::Catalog *catalog = catalogFor(a, out.customCatalog);
    if (!catalog)
        return false;
    const auto [path, variant] = variants ? splitOptionSpec(spec) : std::pair{spec, std::string()};
    if (path.empty()) {
        errorLine("scalecanvas: \"" + spec + "\": no file before the '#' (FILE#VARIANT)");
        return false;
    }
    out.design = loadChecked(path, *catalog, out.model, complete, noteVariants && variant.empty());
    if (!out.design || variant.empty())
        return out.design.has_value();
    out.design = variantOf(path, *out.design, variant, *catalog);
    if (!out.design)
        return false;
    out.model.emplace(*out.design, *catalog);
    return true;
}

int cmdValidate(const Args &a)
{
    std::string error, path;
    if (!checkOptions(a, {"catalog"}, error))
        return usageError(error);
    if (int rc = needFile(a, path))
        return rc;
    if (const auto [file, variant] = splitOptionSpec(path); !variant.empty())
        return usageError("validate checks a file with all its variants: give the file \"" + file +
                          "\", not FILE#VARIANT");
    Loaded loaded;
    if (!loadWithCatalog(a, path, loaded, true, true, false))
        return kInvalid;
    const sc::Design &d = loaded.model->design();
    if (d.components.empty()) {
        errorLine(path + ": design.components: " + sc::kNoComponentsMessage);
        return kInvalid;
    }
    const auto counted = [](size_t n, const char *what) {
        return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    std::cout << sc::visibleControls(path) << ": ok (" << counted(d.components.size(), "component")
              << ", " << counted(d.connections.size(), "connection") << ")\n";
    // validate checks the design, not its figures: what the advisor finds at the design's users
    // with severity error (a database refusing connections, a tier past its capacity) is said on
    // stderr, the exit code 0 still (QA: "ok" over a design refusing two thirds of its requests,
    // with no word of it). `evaluate` lists every warning.
    const sc::Evaluation ev = loaded.model->evaluate(d.traffic.users);
    for (const sc::Warning &w : ev.warnings)
        if (w.severity == sc::Severity::Error)
            errorLine(path + ": note: at its " + sc::compactUsers(d.traffic.users) +
                      " users: " + sc::warningLine(w));
    return kOk;
}

int cmdEvaluate(const Args &a)
{
    std::string error, path;
    if (!checkOptions(a, {"catalog", "users", "format"}, error))
        return usageError(error);
    if (int rc = needFile(a, path))
        return rc;
    const std::optional<std::string> chosen = formatOption(a, "json", "text", error);
    if (!chosen)
        return usageError(error);
    const std::string &format = *chosen;
    Loaded loaded;
    if (!loadWithCatalog(a, path, loaded))
        return kInvalid;
    auto users = numberOption(a, "users", loaded.design->traffic.users, 0, 1e10, error);
    if (!users)
        return usageError(error);
    const sc::Model &model = *loaded.model;
    const sc::Evaluation ev = model.evaluate(*users);
    // JSON escapes C0 controls itself; DEL and C1 are escaped here. The text escapes its fields.
    if (format == "json")
        std::cout << sc::escapeJsonControls(sc::evaluationToJson(model, ev).dump(
                         2, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
                  << "\n";
    else
        std::cout << sc::evaluationToText(model, ev);
    return kOk;
}

int cmdSweep(const Args &a)
{
    std::string error, path;
    if (!checkOptions(a, {"catalog", "from", "to", "points", "format"}, error))
        return usageError(error);
    if (int rc = needFile(a, path))
        return rc;
    const std::optional<std::string> chosen = formatOption(a, "csv", "json", error);
    if (!chosen)
        return usageError(error);
    const std::string &format = *chosen;
    auto from = numberOption(a, "from", sc::kMinUsers, 1, 1e10, error);
    if (!from)
        return usageError(error);
    auto to = numberOption(a, "to", sc::kMaxUsers, 1, 1e10, error);
    if (!to)
        return usageError(error);
    auto points = numberOption(a, "points", sc::kSweepPoints, 1, 10000, error);
    if (!points)
        return usageError(error);
    // The values as given, in the message (QA: these two did not say what they were).
    const auto given = [&a](const char *name) {
        const auto it = a.options.find(name);
        return it == a.options.end() ? std::string("its default") : "\"" + it->second + "\"";
    };
    if (*points != std::floor(*points))
        return usageError("--points must be a whole number from 1 to 10000, got " +
                          given("points"));
    if (*to < *from)
        return usageError("--to (" + given("to") + ") must not be below --from (" + given("from") +
                          ")");
    // One user count asked for many times (QA: 200 equal rows).
    if (*to == *from && *points > 1)
        return usageError("--from (" + given("from") + ") and --to (" + given("to") +
                          ") are the same user count: a sweep of " +
                          std::to_string(std::int64_t(*points)) +
                          " points needs a range (--points 1 for one user count)");
    Loaded loaded;
    if (!loadWithCatalog(a, path, loaded))
        return kInvalid;
    const sc::Model &model = *loaded.model;
    // Computed in parts of about kSweepValuesPerPart figures and written a point at a time:
    // 10,000 points of 10,000 distinct components are 1.6 GB of figures and 2 GB of text.
    constexpr double kSweepValuesPerPart = 4e6;
    const int total = int(*points);
    // Parts start at multiples of the sweep's chunk, so they print what one sweep would.
    constexpr int kChunk = sc::Model::kSweepChunk;
    const int fits =
        int(std::clamp(kSweepValuesPerPart / std::max(1, model.lumpCount()), 1.0, double(total)));
    const int part = std::max(kChunk, fits / kChunk * kChunk);
    sc::SweepWriter writer(std::cout, model,
                           format == "json" ? sc::SweepWriter::Format::Json
                                            : sc::SweepWriter::Format::Csv);
    sc::Sweep s;
    for (int first = 0; first < total; first += part) {
        s = model.sweepPart(*from, *to, total, first, std::min(total, first + part));
        writer.write(s);
    }
    writer.finish(s);
    std::cout.flush();
    if (s.wallUsers)
        errorLine("wall: " + wallUsersText(*s.wallUsers) + " users at " +
                  model.design().components[size_t(s.wallComponent)].id);
    if (const std::optional<double> slo = writer.sloWallUsers()) {
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.10g", model.design().slo.p99Ms);
        // 0: not even the fewest users meet the objective.
        errorLine(*slo > 0 ? std::string("latency wall: ") + wallUsersText(*slo) +
                                 " users (p99 within " + ms + " ms)"
                           : std::string("latency wall: below ") + wallUsersText(sc::kMinUsers) +
                                 " users (the p99 exceeds " + ms + " ms even there)");
    }
    if (!std::cout)
        return writeError("standard output");
    return kOk;
}

// --- simulate (issue 16) ---------------------------------------------------------------------

// Ten significant digits; a figure that does not exist (a component down has no utilization)
// is an empty cell, as in the JSON's null.
std::string number(double v)
{
    if (!std::isfinite(v))
        return {};
    char out[32];
    std::snprintf(out, sizeof out, "%.10g", v);
    return out;
}

// One row of the CSV: the headline columns, then per component its instances, ρ and backlog.
// A step's rate is the traffic's mean over it: a spike (up its ramp, held, down its ramp)
// shorter than the step is averaged away (at --step 1200 the viral spike fails nothing). Said on
// stderr, not refused: a long step is a fair way to look at a long run. A step of half the hold
// or less has a whole step inside it, wherever the steps fall; where the ramps are longer than
// the hold they make the spike, and a step of half a ramp shows most of its rise (it advised
// "1 s or less" for a spike of 100 s ramps that a 10 s step shows at 96%; QA).
void noteSpikesAveragedAway(const sc::Scenario &scenario)
{
    for (const sc::Spike &spike : scenario.spikes) {
        const double span = 2 * spike.rampS + spike.holdS;
        if (span >= scenario.stepS || spike.atS >= scenario.durationS)
            continue;
        char buf[400];
        std::snprintf(buf, sizeof buf,
                      "scalecanvas: simulate: note: the step (%g s) is longer than the spike at "
                      "%g s (%g s up, %g s held, %g s down): each step's rate is the mean over it, "
                      "so the spike's peak is averaged away; a step of %g s or less shows it\n",
                      scenario.stepS, spike.atS, spike.rampS, spike.holdS, spike.rampS,
                      std::max(1.0, std::floor(std::max(spike.holdS, spike.rampS) / 2)));
        std::cerr << buf;
    }
}

// A restore that no failure before it (or at its time, earlier in the list) covers changes
// nothing: said on stderr with its path, and the run goes on (QA: such events were taken in
// silence). (In the editor a failure made by hand before the run starts may be what it restores.)
void noteRestoresOfNothing(const std::string &path, const sc::Design &design,
                           const sc::Scenario &scenario)
{
    const auto own = std::find_if(design.scenarios.begin(), design.scenarios.end(),
                                  [&](const sc::Scenario &s) { return s.name == scenario.name; });
    if (own == design.scenarios.end())
        return; // a built-in one
    const std::vector<sc::ScenarioEvent> &events = scenario.events;
    for (size_t j = 0; j < events.size(); ++j) {
        const sc::ScenarioEvent &e = events[j];
        if (e.action != sc::ScenarioEvent::Action::Restore)
            continue;
        const std::vector<int> restored = sc::eventComponents(design, e);
        bool undoes = false;
        for (size_t k = 0; k < events.size() && !undoes; ++k) {
            const sc::ScenarioEvent &f = events[k];
            if (f.action != sc::ScenarioEvent::Action::Fail ||
                !(f.atS < e.atS || (f.atS == e.atS && k < j)))
                continue;
            for (const int i : sc::eventComponents(design, f))
                undoes = undoes || std::find(restored.begin(), restored.end(), i) != restored.end();
        }
        if (undoes)
            continue;
        char at[32];
        std::snprintf(at, sizeof at, "%g", e.atS);
        errorLine(path + ": note: scenarios[" + std::to_string(own - design.scenarios.begin()) +
                  "].events[" + std::to_string(j) + "]: restores " +
                  sc::visibleControls(e.group.empty() ? e.component : e.group) + " at " + at +
                  " s, where no failure before it took any of it down: it changes nothing");
    }
}

void simulationCsvRow(const sc::Model &model, const sc::SimulationStep &s)
{
    std::string row = number(s.t) + "," + number(s.demandRps) + "," + number(s.servedRps) + "," +
                      number(s.errorRps) + "," + (s.p99Ms ? number(*s.p99Ms) : "") + "," +
                      number(s.costUsd);
    const size_t n = model.design().components.size();
    for (const std::vector<double> *column : {&s.instances, &s.utilization, &s.backlog})
        for (size_t i = 0; i < n; ++i)
            row += "," + number((*column)[size_t(model.lumpOf(int(i)))]);
    std::cout << row << "\r\n";
}

nlohmann::ordered_json simulationJsonRow(const sc::Model &model, const sc::SimulationStep &s)
{
    nlohmann::ordered_json row = {{"t", s.t},
                                  {"demandRps", s.demandRps},
                                  {"servedRps", s.servedRps},
                                  {"errorRps", s.errorRps},
                                  {"p99Ms", s.p99Ms ? nlohmann::ordered_json(*s.p99Ms) : nullptr},
                                  {"costUsd", s.costUsd}};
    nlohmann::ordered_json inst = nlohmann::ordered_json::object(), util = inst, backlog = inst;
    const auto &comps = model.design().components;
    for (size_t i = 0; i < comps.size(); ++i) {
        const size_t l = size_t(model.lumpOf(int(i)));
        inst[comps[i].id] = s.instances[l];
        util[comps[i].id] =
            std::isfinite(s.utilization[l]) ? nlohmann::ordered_json(s.utilization[l]) : nullptr;
        backlog[comps[i].id] = s.backlog[l];
    }
    row["instances"] = inst;
    row["utilization"] = util;
    row["backlog"] = backlog;
    return row;
}

int cmdExplain(const Args &a)
{
    std::string error;
    if (!checkOptions(a, {"catalog", "users", "format", "component"}, error))
        return usageError(error);
    if (a.positional.size() != 2)
        return usageError(
            "explain needs a FILE and a FIGURE (design: " + sc::joinedFigureKeys(false) +
            "; with --component ID: " + sc::joinedFigureKeys(true) + ")");
    const std::string &path = a.positional[0];
    const std::optional<std::string> format = formatOption(a, "text", "json", error);
    if (!format)
        return usageError(error);
    Loaded loaded;
    if (!loadWithCatalog(a, path, loaded))
        return kInvalid;
    auto users = numberOption(a, "users", loaded.design->traffic.users, 0, 1e10, error);
    if (!users)
        return usageError(error);
    sc::FigureRef ref;
    ref.key = a.positional[1];
    ref.componentId = a.options.count("component") ? a.options.at("component") : "";
    ref.users = *users;
    const std::optional<sc::Explanation> e = sc::explainFigure(*loaded.model, ref, error);
    if (!e) {
        errorLine("scalecanvas: explain: " + error);
        return kInvalid;
    }
    std::cout << (*format == "json" ? sc::explanationJson(*e)
                                    : sc::visibleControls(sc::explanationText(*e), true));
    return kOk;
}

// One side of `diff` or of `export A B --compare`: FILE (its own design) or FILE#VARIANT, each
// FILE a design file or a built-in template; named after the variant or the design.
struct Option {
    Loaded loaded;
    std::optional<sc::Design> design;
    std::optional<sc::Model> model;
    std::string name;
};

bool loadOption(const Args &a, const std::string &spec, Option &out)
{
    if (!loadWithCatalog(a, spec, out.loaded, false, false, true))
        return false;
    const auto [path, variant] = splitOptionSpec(spec);
    if (variant.empty()) {
        // The file's own design without its variants, lesson and notes, as a variant is.
        out.design = sc::optionDesign(*out.loaded.design, "");
        out.model.emplace(*out.design, out.loaded.model->catalog());
    } else { // the variant's model, built once by loadWithCatalog
        out.design = std::move(out.loaded.design);
        out.model = std::move(out.loaded.model);
    }
    out.name = !variant.empty()            ? variant
               : !out.design->name.empty() ? out.design->name
                                           : std::filesystem::path(path).stem().string();
    return true;
}

// Both options of `diff` and `export --compare` and the users they are compared at (--users,
// else A's); two options of the same name are told apart. 0, or the exit code.
int loadOptions(const Args &a, Option &optionA, Option &optionB, double &users)
{
    std::string error;
    if (!loadOption(a, a.positional[0], optionA) || !loadOption(a, a.positional[1], optionB))
        return kInvalid;
    const auto chosen = numberOption(a, "users", optionA.design->traffic.users, 0, 1e10, error);
    if (!chosen)
        return usageError(error);
    users = *chosen;
    if (optionA.name == optionB.name) {
        optionA.name += " (A)";
        optionB.name += " (B)";
    }
    return kOk;
}

int cmdDiff(const Args &a)
{
    std::string error;
    if (!checkOptions(a, {"catalog", "users", "format"}, error))
        return usageError(error);
    if (a.positional.size() != 2)
        return usageError("diff needs two designs: A B (each FILE or FILE#VARIANT)");
    const std::string format = a.options.count("format") ? a.options.at("format") : "text";
    if (format != "text" && format != "md" && format != "json")
        return usageError("--format must be text, md or json, got \"" + format + "\"");
    Option optionA, optionB;
    double users = 0;
    if (int rc = loadOptions(a, optionA, optionB, users))
        return rc;
    const sc::Comparison c =
        sc::compareOptions(*optionA.model, optionA.name, *optionB.model, optionB.name, users);
    if (format == "json")
        std::cout << sc::escapeJsonControls(sc::comparisonToJson(c).dump(
                         2, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
                  << "\n";
    else
        std::cout << sc::visibleControls(
            format == "md" ? sc::comparisonToMarkdown(c) : sc::comparisonToText(c), true);
    return kOk;
}

// --seed: a whole number from 0 to 2^53, written in digits (default 1). Not a user count:
// neither suffixes nor the count's ceiling of 10^10 apply.
std::optional<uint64_t> seedOption(const Args &a, std::string &error)
{
    constexpr uint64_t kMaxSeed = uint64_t(1) << 53;
    const auto it = a.options.find("seed");
    if (it == a.options.end())
        return 1;
    const std::string &text = it->second;
    uint64_t seed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || seed > kMaxSeed) {
        error = "--seed must be a whole number from 0 to " + std::to_string(kMaxSeed) +
                " (2^53), got \"" + text + "\"";
        return std::nullopt;
    }
    return seed;
}

int cmdSimulate(const Args &a)
{
    std::string error, path;
    if (!checkOptions(a, {"catalog", "scenario", "step", "format", "des", "seed"}, error))
        return usageError(error);
    const bool des = a.options.count("des") > 0;
    if (a.options.count("seed") && !des)
        return usageError("--seed: only with --des");
    const std::optional<uint64_t> seed = seedOption(a, error);
    if (!seed)
        return usageError(error);
    if (int rc = needFile(a, path))
        return rc;
    const std::optional<std::string> chosen = formatOption(a, "csv", "json", error);
    if (!chosen)
        return usageError(error);
    const std::string &format = *chosen;
    auto step = numberOption(a, "step", 10, 1, 3600, error);
    if (!step)
        return usageError(error);
    Loaded loaded;
    if (!loadWithCatalog(a, path, loaded))
        return kInvalid;
    // Without --scenario: the file's first scenario, or a day.
    const sc::Design &design = loaded.model->design();
    const std::string name = a.options.count("scenario") ? a.options.at("scenario")
                             : design.scenarios.empty()  ? "a day"
                                                         : design.scenarios.front().name;
    std::optional<sc::Scenario> scenario = sc::findScenario(design, name);
    if (!scenario) {
        std::string names;
        for (const std::string &n : sc::scenarioNames(design))
            names += (names.empty() ? "\"" : ", \"") + n + "\"";
        return usageError("--scenario: no scenario \"" + name + "\" (this design has " + names +
                          ")");
    }
    if (a.options.count("step")) {
        if (*step > scenario->durationS) {
            char buf[160];
            std::snprintf(buf, sizeof buf,
                          "--step: the step (%g s) is longer than the scenario (%g s)", *step,
                          scenario->durationS);
            return usageError(buf);
        }
        scenario->stepS = *step;
    }
    noteSpikesAveragedAway(*scenario);
    noteRestoresOfNothing(path, design, *scenario);
    // The rows are per lump: the components its events fail are kept out of lumps here, so the
    // columns read the model the run uses.
    std::vector<std::string> apart;
    for (const sc::ScenarioEvent &e : scenario->events)
        for (const int i : sc::eventComponents(design, e))
            apart.push_back(design.components[size_t(i)].id);
    std::optional<sc::Model> own;
    if (!apart.empty())
        own.emplace(design, loaded.model->catalog(), apart);
    const sc::Model &model = own ? *own : *loaded.model;
    // The discrete-event mode runs before the first row: a design too large is refused first.
    std::vector<sc::SimulationStep> desRows;
    sc::SimulationSummary desSum;
    if (des) {
        desSum = model.simulateDiscrete(
            *scenario, *seed, [&desRows](const sc::SimulationStep &s) { desRows.push_back(s); },
            &error);
        if (!error.empty())
            return usageError("--des: " + error);
    }
    const auto &comps = model.design().components;
    if (format == "csv") {
        std::string header = "t,demandRps,servedRps,errorRps,p99Ms,costUsd";
        for (const char *prefix : {"instances:", "util:", "backlog:"})
            for (const sc::Component &c : comps)
                header += "," + sc::csvField(prefix + sc::visibleControls(c.id));
        std::cout << header << "\r\n";
    } else {
        std::cout << "{\n  \"scenario\": " << nlohmann::ordered_json(scenario->name).dump()
                  << ",\n  \"series\": [";
    }
    bool first = true;
    auto row = [&](const sc::SimulationStep &s) {
        if (format == "csv") {
            simulationCsvRow(model, s);
            return;
        }
        std::cout << (first ? "\n    " : ",\n    ")
                  << simulationJsonRow(model, s).dump(
                         -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        first = false;
    };
    for (const sc::SimulationStep &s : desRows)
        row(s);
    const sc::SimulationSummary sum = des ? desSum : model.simulate(*scenario, row);
    if (format == "json") {
        nlohmann::ordered_json most = nlohmann::ordered_json::object();
        for (const auto &[id, n] : sum.maxInstances)
            most[id] = n;
        const nlohmann::ordered_json summary = {
            {"requests", sum.requests},   {"failedRequests", sum.failedRequests},
            {"errorRate", sum.errorRate}, {"sloViolationSeconds", sum.sloViolationSeconds},
            {"maxInstances", most},       {"costUsd", sum.costUsd}};
        std::cout << "\n  ],\n  \"summary\": "
                  << sc::escapeJsonControls(summary.dump(
                         -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
                  << "\n}\n";
    }
    std::cout.flush();
    if (!std::cout)
        return writeError("standard output");
    return kOk;
}

// --- export (issue 5) -------------------------------------------------------------------------

// Exports need Qt's painting, fonts and widgets but never a display: unless the caller chose a
// platform, the offscreen one is used, so the output is the same with or without X/Wayland.
// Qt's note that it chose a runtime folder itself (XDG_RUNTIME_DIR unset, as in most CI
// containers) said nothing wrong, on the stderr where the CLI writes one line per error (QA):
// dropped; every other message goes where it went.
QtMessageHandler g_qtMessages = nullptr;
void quietRuntimeDirNote(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    if (g_qtMessages)
        g_qtMessages(type, context, text);
    else
        std::fprintf(stderr, "%s\n", qPrintable(text));
}

std::unique_ptr<QApplication> exportApplication(const char *argv0, bool dark)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_qtMessages = qInstallMessageHandler(quietRuntimeDirNote);
    // QApplication keeps references to both for its lifetime: one application per process.
    static int qargc = 1;
    static char *qargv[] = {const_cast<char *>(argv0), nullptr};
    auto app = std::make_unique<QApplication>(qargc, qargv);
    QApplication::setApplicationName(QStringLiteral("ScaleCanvas"));
    scui::applyExportTheme(dark);
    return app;
}

// The file part of an option spec (FILE#VARIANT → FILE), for the overwrite check.
std::string filePartOf(const std::string &spec)
{
    return splitOptionSpec(spec).first;
}

// `export A B --compare OUT.pdf|.html|.md`: the comparison report of two options (issue 18).
int cmdExportCompare(const Args &a)
{
    std::string error;
    for (const char *k : {"png", "svg", "pdf", "report", "handout", "scale"})
        if (a.options.count(k))
            return usageError("--compare and --" + std::string(k) +
                              " do not go together: export writes one output");
    if (!checkOptions(a, {"compare", "users", "theme", "catalog"}, error))
        return usageError(error);
    if (a.positional.size() != 2)
        return usageError("--compare needs two designs: export A B --compare OUT (each FILE or "
                          "FILE#VARIANT), got " +
                          std::to_string(a.positional.size()));
    const std::string outPath = a.options.at("compare");
    const QString out = QString::fromStdString(outPath);
    if (!scui::compareFormatFor(out))
        return usageError("--compare needs an output ending in .pdf, .html or .md, got \"" +
                          outPath + "\"");
    for (const std::string &spec : a.positional)
        if (sameFile(spec, outPath) || sameFile(filePartOf(spec), outPath))
            return usageError("export would overwrite its input: --compare \"" + outPath +
                              "\" is the design file \"" + filePartOf(spec) +
                              "\"; choose another output");
    if (a.options.count("catalog") && sameFile(a.options.at("catalog"), outPath))
        return usageError("export would overwrite its input: --compare \"" + outPath +
                          "\" is the catalog \"" + a.options.at("catalog") +
                          "\"; choose another output");
    const std::string theme = a.options.count("theme") ? a.options.at("theme") : "light";
    if (theme != "light" && theme != "dark")
        return usageError("--theme must be light or dark, got \"" + theme + "\"");
    Option optionA, optionB;
    double users = 0;
    if (int rc = loadOptions(a, optionA, optionB, users))
        return rc;

    const auto app = exportApplication(a.argv0, theme == "dark");
    scui::CompareInput in;
    in.a = *optionA.design;
    in.b = *optionB.design;
    in.nameA = QString::fromStdString(optionA.name);
    in.nameB = QString::fromStdString(optionB.name);
    in.users = users;
    for (const std::string &spec : a.positional)
        in.sourcePaths << QString::fromStdString(filePartOf(spec));
    if (a.options.count("catalog"))
        in.catalogPath = QString::fromStdString(a.options.at("catalog"));
    const QString err = scui::exportComparison(
        in, out, theme == "dark" ? scui::ExportTheme::Dark : scui::ExportTheme::Light);
    if (!err.isEmpty()) {
        // An output that could not be written (no such folder, no permission, a full disk) is
        // exit 1 as every output of the CLI (docs/cli.md), as is a rendering failure.
        errorLine("scalecanvas: export: " + err.toStdString());
        return kInternal;
    }
    return kOk;
}

int cmdExport(const Args &a)
{
    if (a.options.count("compare"))
        return cmdExportCompare(a);
    if (a.positional.size() == 2)
        return usageError("export of two designs needs --compare OUT (a comparison report: "
                          "export A B --compare OUT.pdf|.html|.md)");
    std::string error, path;
    if (!checkOptions(
            a, {"png", "svg", "pdf", "report", "handout", "users", "theme", "scale", "catalog"},
            error))
        return usageError(error);
    if (int rc = needFile(a, path))
        return rc;
    // FILE#VARIANT: the file shown at that variant, as the editor shows it (its title says so).
    const auto [file, variant] = splitOptionSpec(path);
    if (file.empty())
        return usageError("\"" + path + "\": no file before the '#' (FILE#VARIANT)");
    path = file;
    std::vector<std::string> kinds;
    for (const char *k : {"png", "svg", "pdf", "report", "handout"})
        if (a.options.count(k))
            kinds.push_back(k);
    if (kinds.size() != 1)
        return usageError(
            "export needs exactly one of --png, --svg, --pdf, --report or --handout OUT");
    const std::string kind = kinds.front();
    // Every output option names one file; none may be the design being read (the export would
    // replace the design with a picture of it).
    if (sameFile(path, a.options.at(kind)))
        return usageError("export would overwrite its input: --" + kind + " \"" +
                          a.options.at(kind) + "\" is the design file \"" + path +
                          "\"; choose another output");
    if (a.options.count("catalog") && sameFile(a.options.at("catalog"), a.options.at(kind)))
        return usageError("export would overwrite its input: --" + kind + " \"" +
                          a.options.at(kind) + "\" is the catalog \"" + a.options.at("catalog") +
                          "\"; choose another output");
    const QString out = QString::fromStdString(a.options.at(kind));
    const QString suffix = QFileInfo(out).suffix().toLower();
    std::optional<scui::ReportFormat> report;
    if (kind == "report") {
        report = scui::reportFormatFor(out);
        if (!report)
            return usageError(
                "--report needs an output ending in .pdf, .html, .csv or .md, got \"" +
                out.toStdString() + "\"");
    } else if (kind == "handout") {
        if (suffix != QLatin1String("pdf"))
            return usageError("--handout needs an output ending in .pdf, got \"" +
                              out.toStdString() + "\"");
        if (a.options.count("users"))
            return usageError("--users does not apply to --handout: each step has its users");
        if (a.options.count("catalog"))
            return usageError("--catalog does not apply to --handout: it prints the lesson at the "
                              "built-in prices");
        if (!variant.empty())
            return usageError("--handout prints the file's lesson, each step at its own "
                              "variant: give the file \"" +
                              file + "\", not FILE#VARIANT");
    } else if (suffix != QString::fromStdString(kind)) {
        return usageError("--" + kind + " needs an output ending in ." + kind + ", got \"" +
                          out.toStdString() + "\"");
    }
    const std::string theme = a.options.count("theme") ? a.options.at("theme") : "light";
    if (theme != "light" && theme != "dark")
        return usageError("--theme must be light or dark, got \"" + theme + "\"");
    double scale = 1;
    if (a.options.count("scale")) {
        if (kind != "png")
            return usageError("--scale applies to --png only");
        const std::string s = a.options.at("scale");
        if (s != "1" && s != "2")
            return usageError("--scale must be 1 or 2, got \"" + s + "\"");
        scale = s == "2" ? 2 : 1;
    }

    // The prices: the built-in catalog, or --catalog's (the figures drawn and the report's bill).
    std::optional<sc::Catalog> customCatalog;
    const sc::Catalog *catalog = catalogFor(a, customCatalog);
    if (!catalog)
        return kInvalid;
    std::optional<sc::Model> model;
    auto design = loadChecked(path, *catalog, model, false, kind != "handout" && variant.empty());
    if (!design || (!variant.empty() && !variantOf(path, *design, variant, *catalog)))
        return kInvalid;
    if (kind == "handout" && !scui::hasLessonSteps(*design)) {
        errorLine(path + ": no lesson: --handout needs a file whose \"lesson\" has steps");
        return kInvalid;
    }
    // A step's variant with errors would print as dashes (QA): refused as the file's design is.
    if (kind == "handout") {
        bool refused = false;
        std::set<std::string> checked;
        for (const sc::LessonStep &step : design->lesson.steps)
            if (!step.variant.empty() && checked.insert(step.variant).second)
                for (const sc::Issue &e : sc::variantErrors(*design, step.variant, *catalog)) {
                    errorLine(path + ": " + e.toString());
                    refused = true;
                }
        if (refused)
            return kInvalid;
    }
    // The users shown: the variant's own (the file's design under its name: the file's).
    const sc::Variant *shown = variant.empty() ? nullptr : sc::findVariant(*design, variant);
    auto users =
        numberOption(a, "users", (shown ? shown->design : *design).traffic.users, 0, 1e10, error);
    if (!users)
        return usageError(error);

    const auto app = exportApplication(a.argv0, theme == "dark");
    const scui::ExportTheme exportTheme =
        theme == "dark" ? scui::ExportTheme::Dark : scui::ExportTheme::Light;

    scui::Document doc;
    doc.reset(std::move(*design), QString::fromStdString(path));
    if (!variant.empty() && sc::findVariant(doc.design(), variant))
        doc.showVariant(QString::fromStdString(variant));
    if (a.options.count("catalog")) {
        const QString refused = doc.loadCatalog(QString::fromStdString(a.options.at("catalog")));
        if (!refused.isEmpty()) { // checked above: only a file changed since
            errorLine(a.options.at("catalog") + ": " + refused.toStdString());
            return kInvalid;
        }
    }
    doc.setUsers(*users);
    scui::CanvasScene scene(&doc);

    QString err;
    if (kind == "handout") {
        err = scui::exportHandout(doc.design(), QString::fromStdString(path), out, nullptr,
                                  exportTheme);
    } else if (report) {
        err = scui::exportReport(&doc, &scene, *report, out, nullptr, exportTheme);
    } else {
        const scui::DiagramFormat format = kind == "png"   ? scui::DiagramFormat::Png
                                           : kind == "svg" ? scui::DiagramFormat::Svg
                                                           : scui::DiagramFormat::Pdf;
        QString notice;
        // With its title block: the name, the users, the monthly total and the legend.
        err =
            scui::exportDiagram(&scene, format, out, {scale, exportTheme, true}, nullptr, &notice);
        if (!notice.isEmpty())
            std::cerr << "scalecanvas: export: note: " << notice.toStdString() << "\n";
    }
    if (!err.isEmpty()) {
        // An output that could not be written (no such folder, no permission, a full disk) is
        // exit 1 as every output of the CLI (docs/cli.md), as is a rendering failure.
        errorLine("scalecanvas: export: " + err.toStdString());
        return kInternal;
    }
    return kOk;
}

int cmdTemplates(const Args &a)
{
    if (!a.positional.empty() || !a.options.empty())
        return usageError("templates takes no arguments");
    for (const sc::TemplateInfo &t : sc::builtinTemplates()) {
        sc::LoadResult r = sc::loadDesign(t.json);
        std::cout << t.name << "\t" << (r.design ? sc::fileTitle(*r.design) : "(broken)") << "\n";
    }
    return kOk;
}

int cmdTemplate(const Args &a)
{
    if (a.positional.size() != 1 || !a.options.empty())
        return usageError("template needs exactly one NAME");
    const sc::TemplateInfo *t = sc::findTemplate(a.positional[0]);
    if (!t) {
        std::string names;
        for (const sc::TemplateInfo &i : sc::builtinTemplates())
            names += (names.empty() ? "" : ", ") + i.name;
        errorLine("scalecanvas: no template \"" + a.positional[0] + "\" (known: " + names + ")");
        return kInvalid;
    }
    std::cout << t->json;
    return kOk;
}

int cmdHelp(const Args &)
{
    std::cout << kUsage;
    return kOk;
}

struct Command {
    const char *name;
    int (*run)(const Args &);
};
constexpr Command kCommands[] = {
    {"validate", cmdValidate},   {"evaluate", cmdEvaluate}, {"sweep", cmdSweep},
    {"simulate", cmdSimulate},   {"explain", cmdExplain},   {"diff", cmdDiff},
    {"templates", cmdTemplates}, {"template", cmdTemplate}, {"export", cmdExport},
    {"help", cmdHelp},
};

} // namespace

bool isCliCommand(const char *arg)
{
    for (const Command &c : kCommands)
        if (std::strcmp(arg, c.name) == 0)
            return true;
    return isHelp(arg);
}

namespace {

// Edits (insert, delete, replace one character) that turn `a` into `b`.
size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The first argument is neither a command nor a file the editor could open (nor a Qt option):
// a mistyped command must not start the editor and hang a script.
bool isNeitherCommandNorFile(const char *arg)
{
    std::error_code ec;
    return arg[0] != '-' && !std::filesystem::exists(arg, ec) && !sc::findTemplate(arg);
}

int unknownCommand(const std::string &arg)
{
    const char *closest = nullptr;
    size_t best = 3; // at most two edits away
    for (const Command &c : kCommands)
        if (const size_t d = editDistance(arg, c.name); d < best)
            best = d, closest = c.name;
    return usageError("\"" + arg + "\" is neither a command nor a file" +
                      (closest ? std::string(" (did you mean \"") + closest + "\"?)" : ""));
}

// Qt's own options (QGuiApplication's and QApplication's; with one dash or two, the value next
// or after '='), which the editor passes on to Qt.
struct QtOption {
    std::string_view name;
    bool takesValue;
};
constexpr QtOption kQtOptions[] = {{"platform", true},      {"platformpluginpath", true},
                                   {"platformtheme", true}, {"plugin", true},
                                   {"qmljsdebugger", true}, {"qwindowgeometry", true},
                                   {"qwindowicon", true},   {"qwindowtitle", true},
                                   {"session", true},       {"style", true},
                                   {"stylesheet", true},    {"display", true},
                                   {"geometry", true},      {"reverse", false},
                                   {"widgetcount", false},  {"nograb", false},
                                   {"dograb", false},       {"sync", false}};

// The editor's arguments: Qt's options and at most one file (or template). -1 when they are,
// else the exit code after the message: an option nobody knows must not start the editor and
// leave a script waiting for it.
int checkEditorArguments(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        if (isHelp(argv[i]))
            return cmdHelp({});
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.size() < 2 || arg[0] != '-') {
            if (++files > 1)
                return usageError("the editor opens one file, got \"" + arg + "\" as well");
            continue;
        }
        std::string_view name = std::string_view(arg).substr(arg[1] == '-' ? 2 : 1);
        const size_t eq = name.find('=');
        name = name.substr(0, eq);
        const auto known = std::find_if(std::begin(kQtOptions), std::end(kQtOptions),
                                        [name](const QtOption &o) { return o.name == name; });
        if (known == std::end(kQtOptions))
            return usageError("unknown option \"" + arg + "\"");
        if (known->takesValue && eq == std::string_view::npos && ++i >= argc)
            return usageError("option \"" + arg + "\" needs a value");
    }
    return -1;
}

int runCommand(const Args &args)
{
    if (args.help || isHelp(args.command.c_str()))
        return cmdHelp(args);
    for (const Command &c : kCommands)
        if (args.command == c.name) {
            g_command = c.name;
            return c.run(args);
        }
    return usageError("\"" + args.command + "\" is not available yet");
}

} // namespace

int runCli(int argc, char **argv)
{
    if (argc >= 2 && std::strcmp(argv[1], "--version") == 0) {
        if (argc > 2) // (it read as an unknown option; QA)
            return usageError("--version takes no arguments, got \"" + std::string(argv[2]) + "\"");
        std::cout << "ScaleCanvas " PROJECT_VERSION_STRING "\n";
        return std::cout.flush() ? kOk : writeError("standard output");
    }
    if (argc >= 2 && !isCliCommand(argv[1]) && isNeitherCommandNorFile(argv[1]))
        return unknownCommand(argv[1]);
    if (argc < 2 || !isCliCommand(argv[1]))
        return checkEditorArguments(argc, argv);
#ifdef SIGPIPE
    // A reader that closes the pipe early (`| head`) makes the writes fail, which is reported
    // below, instead of killing the process without a word (exit 141).
    std::signal(SIGPIPE, SIG_IGN);
#endif
    try {
        std::string error;
        auto args = parseArgs(argc, argv, error);
        if (!args)
            return usageError(error);
        const int rc = runCommand(*args);
        // What a command printed must have reached its reader: a full disk or a closed pipe is
        // an error, not an empty success.
        std::cout.flush();
        if (rc == kOk && (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)))
            return writeError("standard output");
        return rc;
    } catch (const std::exception &e) {
        errorLine(std::string("scalecanvas: internal error: ") + e.what());
        return kInternal;
    }
}
