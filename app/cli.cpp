// The headless commands (DESIGN.md "The headless interface"): the command line read, the command
// run; simulate and export have files of their own, and what they all share is clicommon.h's.

#include "cli.h"
#include "clicommon.h"

#include "core/analysis/compare.h"
#include "core/analysis/explain.h"
#include "core/analysis/limits.h"
#include "core/analysis/model.h"
#include "core/analysis/report.h"
#include "core/analysis/variantcheck.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/templates.h"
#include "core/io/textescape.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sccli {
namespace {

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
    } else if (model.ok()) {
        // None, said as evaluate says it (CLI QA: the line was left out).
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.10g", model.design().slo.p99Ms);
        errorLine(sc::servesNothing(model.evaluate(model.design().traffic.users))
                      ? std::string("latency wall: none (no dynamic request is served)")
                      : std::string("latency wall: none (p99 within ") + ms + " ms up to " +
                            wallUsersText(sc::kMaxUsers) + " users)");
    }
    if (!std::cout)
        return writeError("standard output");
    return kOk;
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
    if (a.options.count("component") && ref.componentId.empty())
        return usageError("--component: the ID given is an empty name");
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
} // namespace sccli

using namespace sccli;

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
    setCommand("[FILE]"); // a usage error shows the editor's line of the usage
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.size() < 2 || arg[0] != '-') {
            if (++files > 1)
                return usageError("the editor opens one file, got \"" + arg + "\" as well");
            // A folder, a pipe or a device is no design: refused here, not in a window a script
            // would wait for (QA: `scalecanvas /dev/null` started the editor).
            std::error_code ec;
            const auto kind = std::filesystem::status(arg, ec).type();
            if (!ec && kind != std::filesystem::file_type::regular &&
                kind != std::filesystem::file_type::not_found)
                return usageError("\"" + arg + "\" is " +
                                  (kind == std::filesystem::file_type::directory
                                       ? "a folder"
                                       : "not a regular file (a pipe, a device or a socket)") +
                                  ", not a design file");
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
        if (args.command == c.name)
            return c.run(args);
    return usageError("\"" + args.command + "\" is not available yet");
}

} // namespace

int runCli(int argc, char **argv)
{
    if (argc >= 2 && std::strcmp(argv[1], "--version") == 0) {
        // --help anywhere prints the usage, whatever else is given (cli.md; QA).
        for (int i = 2; i < argc; ++i)
            if (isHelp(argv[i])) {
                std::cout << kUsage;
                return std::cout.flush() ? kOk : writeError("standard output");
            }
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
        // A command line that does not parse is answered with its command's usage too (QA:
        // `evaluate x --users` printed every command's).
        setCommand(argv[1]);
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
