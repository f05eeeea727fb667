#pragma once

// What the headless commands share (app/cli.cpp runs them): the command line parsed and its
// options checked, the messages and exit codes, and a design loaded for a command.

#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "core/model/design.h"

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sccli {

constexpr int kOk = 0;
constexpr int kInternal = 1;
constexpr int kInvalid = 2;

// Every command's usage, as --help prints it.
extern const char *const kUsage;

struct Args {
    std::string command;
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    bool help = false; // --help or -h after the command: the usage, whatever else is given
    const char *argv0 = nullptr; // the program as started (an export's QApplication wants it)
};

// --- the command line (app/cliargs.cpp) -------------------------------------------------------

// One line of diagnostics on stderr, its controls made visible.
void errorLine(const std::string &line);
// "could not write to WHAT"; the exit code.
int writeError(const std::string &what);
// Whether `output` names the file `input` names, by any path.
bool sameFile(const std::string &input, const std::string &output);
// The command being run, whose usage a usage error prints (empty: every command's).
void setCommand(const std::string &command);
// The message, then the usage of the command being run; the exit code.
int usageError(const std::string &message);
// --help or -h.
bool isHelp(const char *arg);
// `--name value` and `--name=value` after the command; nullopt and `error` when they do not parse.
std::optional<Args> parseArgs(int argc, char **argv, std::string &error);
// Whether every option given is one of `allowed` (else `error` names the first that is not).
bool checkOptions(const Args &a, std::initializer_list<const char *> allowed, std::string &error);
// --NAME as a number from lo to hi (`fallback` when not given); nullopt and `error` otherwise.
std::optional<double> numberOption(const Args &a, const char *name, double fallback, double lo,
                                   double hi, std::string &error);
// --format: `fallback` when not given, else it or `other`; nullopt and `error` otherwise.
std::optional<std::string> formatOption(const Args &a, const char *fallback, const char *other,
                                        std::string &error);
// The one FILE of a command into `path`; 0, or the exit code after the usage.
int needFile(const Args &a, std::string &path);
// A wall's user count on stderr: ten significant digits, whole from 10^10 on.
std::string wallUsersText(double users);

// --- designs loaded for a command (app/cliload.cpp) ----------------------------------------------

// A design loaded and checked against the catalog of `--catalog` (or the built-in one). The
// model refers to the catalog, so a Loaded stays where it was made.
struct Loaded {
    std::optional<sc::Catalog> customCatalog;
    std::optional<sc::Design> design;
    std::optional<sc::Model> model;
    std::optional<sc::Design> file; // FILE#VARIANT: the whole file the variant is of
};

// One side of `diff` or of `export A B --compare`: FILE (its own design) or FILE#VARIANT, each
// FILE a design file or a built-in template; named after the variant or the design.
struct Option {
    Loaded loaded;
    std::optional<sc::Design> design;
    std::optional<sc::Model> model;
    std::string name;
};

// The catalog of --catalog (storage holds it), or the built-in one; nullptr after its errors.
const sc::Catalog *catalogFor(const Args &a, std::optional<sc::Catalog> &storage);
// A design file, or a template named where a file is expected, loaded and checked: every problem
// on stderr as "FILE: PATH: message" and nullopt; `complete` holds it to validate's checks.
std::optional<sc::Design> loadChecked(const std::string &path, const sc::Catalog &catalog,
                                      std::optional<sc::Model> &model, bool complete = false,
                                      bool noteVariants = true);
// FILE#VARIANT → {FILE, VARIANT}; a spec that names a file is that file ({spec, ""}).
std::pair<std::string, std::string> splitOptionSpec(const std::string &spec);
// Why a spec whose file part is empty names no file ("" itself, or "#variant").
std::string noFileIn(const std::string &spec);
// Variant `variant` of `file` (read from `path`) as a design of its own; nullopt, said on
// stderr, when the file has no such variant or it has errors.
std::optional<sc::Design> variantOf(const std::string &path, const sc::Design &file,
                                    const std::string &variant, const sc::Catalog &catalog);
// `spec` (FILE, or with `variants` FILE#VARIANT) loaded into `out` with --catalog's prices.
bool loadWithCatalog(const Args &a, const std::string &spec, Loaded &out, bool complete = false,
                     bool noteVariants = true, bool variants = true);
// Both options of `diff` and `export --compare` and the users they are compared at (--users,
// else A's); 0, or the exit code.
int loadOptions(const Args &a, Option &optionA, Option &optionB, double &users);

// --- the commands of files of their own ---------------------------------------------------------

int cmdSimulate(const Args &a); // app/clisimulate.cpp
int cmdExport(const Args &a);   // app/cliexport.cpp

} // namespace sccli
