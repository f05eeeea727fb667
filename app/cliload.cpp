// The designs the headless commands work on: a file or a built-in template, checked (every
// problem on stderr with its JSON path), at --catalog's prices, and FILE#VARIANT.

#include "clicommon.h"

#include "core/analysis/variantcheck.h"
#include "core/io/format.h"
#include "core/io/templates.h"
#include "core/io/textescape.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace sccli {
namespace {

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

// What a design with errors still lacks (a dead end, no clients: Model::incomplete), which the
// errors keep the model from finding: found on the design without its connections to or from
// no component, so that validate lists a dangling connection beside them, not before them
// (docs/cli.md: every problem in one run; QA). Only what is said of components and the design:
// the connections' paths would name other indices.
sc::Issues incompleteBeside(const sc::Design &design, const sc::Catalog &catalog)
{
    std::set<std::string> ids;
    for (const sc::Component &c : design.components)
        ids.insert(c.id);
    sc::Design pruned = design;
    // The components at the ends of a dangling connection: what the pruning alone makes them
    // lack (a balancer whose one target was misspelled "sends nowhere") is no problem of theirs
    // (review): nothing is said of them.
    std::set<std::string> ends;
    std::erase_if(pruned.connections, [&ids, &ends](const sc::Connection &c) {
        if (ids.count(c.from) && ids.count(c.to))
            return false;
        ends.insert(c.from);
        ends.insert(c.to);
        return true;
    });
    if (pruned.connections.size() == design.connections.size())
        return {}; // no dangling connection: the errors are of another kind
    try {
        const sc::Model m(pruned, catalog);
        if (!m.errors().empty())
            return {};
        sc::Issues out;
        for (const sc::Issue &e : m.incomplete())
            if (e.path.rfind("design.connections", 0) != 0 && !ends.count(e.componentId))
                out.push_back(e);
        return out;
    } catch (const std::exception &) {
        return {};
    }
}

} // namespace

const sc::Catalog *catalogFor(const Args &a, std::optional<sc::Catalog> &storage)
{
    auto it = a.options.find("catalog");
    if (it == a.options.end())
        return &sc::Catalog::builtin();
    if (it->second.empty()) { // (it read ": cannot open : no such file"; QA)
        errorLine("scalecanvas: --catalog: the CATALOG given is an empty name");
        return nullptr;
    }
    sc::Issues errors;
    storage = sc::Catalog::load(it->second, errors);
    if (!storage) {
        for (const sc::Issue &e : errors)
            errorLine(it->second + ": " + e.toString());
        return nullptr;
    }
    return &*storage;
}

// A design still being built (a dead end, no clients: Model::incomplete) is evaluated, swept and
// exported for its connected part, but `validate` (`complete`) refuses it: a design checked in CI
// should be complete.
std::optional<sc::Design> loadChecked(const std::string &path, const sc::Catalog &catalog,
                                      std::optional<sc::Model> &model, bool complete,
                                      bool noteVariants)
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
            // Nor about connections when the reader refused the whole list of components (past
            // the limit of 50,000: every connection read as a dangling id; QA).
            const bool componentsRefused =
                std::any_of(r.errors.begin(), r.errors.end(),
                            [](const sc::Issue &x) { return x.path == "design.components"; });
            const auto aboutKindless = [&](const sc::Issue &e) {
                if (kindless.count(e.componentId))
                    return true;
                if (componentsRefused && (e.path.rfind("design.connections[", 0) == 0 ||
                                          e.message.rfind("… and ", 0) == 0))
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
                sc::Issues found =
                    complete ? partial.validationIssues() : sc::Issues(partial.errors());
                // What the routes show beside a dangling connection, as for a file read whole
                // (QA: a parameter out of range and a dangling connection together hid the
                // dead end either alone lets through).
                if (complete && !partial.errors().empty())
                    for (sc::Issue &e : incompleteBeside(*r.partial, catalog))
                        found.push_back(std::move(e));
                for (const sc::Issue &e : found)
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
    // No components and some connections: that, once, and not each connection's two ends as ids
    // of nothing (QA: validate listed only those, not the design's emptiness).
    if (r.design->components.empty() && !r.design->connections.empty()) {
        std::erase_if(issues, [](const sc::Issue &e) {
            return e.path.rfind("design.connections[", 0) == 0 &&
                   e.message.rfind("no component with id", 0) == 0;
        });
        const size_t n = r.design->connections.size();
        issues.insert(
            issues.begin(),
            {{"design.components", sc::kNoComponentsMessage},
             {"design.connections", std::to_string(n) + (n == 1 ? " connection" : " connections") +
                                        " between components the design does not have"}});
    }
    if (complete && !model->errors().empty())
        for (const sc::Issue &e : incompleteBeside(*r.design, catalog))
            issues.push_back(e);
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

std::string noFileIn(const std::string &spec)
{
    return spec.empty() ? std::string("the FILE given is an empty name")
                        : "\"" + spec + "\": no file before the '#' (FILE#VARIANT)";
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
bool loadWithCatalog(const Args &a, const std::string &spec, Loaded &out, bool complete,
                     bool noteVariants, bool variants)
{
    const sc::Catalog *catalog = catalogFor(a, out.customCatalog);
    if (!catalog)
        return false;
    const auto [path, variant] = variants ? splitOptionSpec(spec) : std::pair{spec, std::string()};
    if (path.empty()) {
        errorLine("scalecanvas: " + noFileIn(spec));
        return false;
    }
    out.design = loadChecked(path, *catalog, out.model, complete, noteVariants && variant.empty());
    if (!out.design || variant.empty())
        return out.design.has_value();
    out.file = std::move(out.design);
    out.design = variantOf(path, *out.file, variant, *catalog);
    if (!out.design)
        return false;
    out.model.emplace(*out.design, *catalog);
    return true;
}

namespace {

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

} // namespace

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

} // namespace sccli
