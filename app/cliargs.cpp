// The headless commands' command line: parsed, its options checked, and the usage and the
// one-line messages of a command that cannot run.

#include "clicommon.h"

#include "core/io/format.h"
#include "core/io/textescape.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string_view>

namespace sccli {

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

namespace {

// The command being run (runCli sets it before its arguments are parsed; "[FILE]" for the
// editor's), whose usage a usage error prints; empty: every command's.
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

} // namespace

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

void setCommand(const std::string &command)
{
    g_command = command;
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
        // Between 0 and the smallest normal double (1e-320, 1e-400): within the range as
        // written, so said why (CLI QA: "from 0 to 1e+10, got 1e-320" read as a mistake).
        errno = 0;
        char *end = nullptr;
        const double tiny = std::strtod(it->second.c_str(), &end);
        if (lo == 0 && errno == ERANGE && end == it->second.c_str() + it->second.size() &&
            std::abs(tiny) < 1)
            error += ": closer to 0 than a double holds (below 2.2e-308); write 0";
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

} // namespace sccli
