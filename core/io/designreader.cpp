// The design reader: JSON → Design, every value checked against the parameter table
// (core/model/params.cpp) and every problem reported with its JSON path.

#include "format.h"

#include "core/io/fileio.h"
#include "core/io/internal/checker.h"
#include "core/io/internal/geography.h"
#include "core/io/internal/lessonio.h"
#include "core/io/internal/migrations.h"
#include "core/io/internal/scenarioio.h"

#include <algorithm>
#include <map>
#include <string>

namespace sc {
namespace {

using json = nlohmann::json;

class DesignReader : public io::Checker
{
public:
    // Everything beside the header: the design and the blocks of format 2.
    void readDocument(const json &root, Design &design);

private:
    std::string m_root = "design"; // the JSON path of the design being read

    void readDesign(const json &d, Design &design);
    void readVariants(const json &list, Design &design);
    void readVariant(const json &j, const std::string &path, const Design &file, Variant &v);
    void readSlo(const json &j, const std::string &path, Slo &slo);
    void readTraffic(const json &j, const std::string &path, Traffic &t);
    void readComponents(const json &cs, Design &design);
    void readComponent(const json &j, const std::string &path, Component &c);
    bool readIdAndKind(const json &j, const std::string &path, Component &c);
    void readPosition(const json &p, const std::string &path, Component &c);
    void readParams(const json &ps, const std::string &path, Component &c);
    void readAutoscale(const json &j, const std::string &path, Component &c);
    void readConnection(const json &j, const std::string &path, Connection &c);
    void readClasses(const json &cl, const std::string &path, Connection &c);
    void readGroup(const json &j, const std::string &path, Group &g);
    void uniqueGroupIds(const Design &design);
};

void DesignReader::readDocument(const json &root, Design &design)
{
    if (root.contains("appVersion"))
        string(root["appVersion"], "appVersion", true);
    if (root.contains("design"))
        readDesign(root["design"], design);
    else
        error("design", "missing");
    // Format 2's blocks beside the design (DESIGN.md "File format 2"); a version-1 file has been
    // given the defaults by the migration.
    if (root.contains("slo"))
        readSlo(root["slo"], "slo", design.slo);
    if (root.contains("scenarios"))
        io::readScenarios(*this, root["scenarios"], design);
    if (root.contains("variants"))
        readVariants(root["variants"], design);
    if (root.contains("lesson")) // after the variants and scenarios its steps name
        io::readLesson(*this, root["lesson"], design);
    if (root.contains("notes"))
        io::readNotes(*this, root["notes"], design.notes);
}

// Named variants of the design, each read and checked exactly as the design is, at its own path
// ("variants[1].design.components[0]"); a variant is held to the file's slo.
void DesignReader::readVariants(const json &list, Design &design)
{
    if (!expectArray(list, "variants"))
        return;
    if (list.size() > kMaxVariants) {
        error("variants", std::to_string(list.size()) + " variants; the limit is " +
                              std::to_string(kMaxVariants));
        return;
    }
    design.variants.resize(list.size());
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string path = "variants[" + std::to_string(i) + "]";
        Variant &v = design.variants[i];
        readVariant(list[i], path, design, v);
        if (v.name.empty())
            continue;
        auto [it, fresh] = seen.emplace(v.name, i);
        if (!fresh)
            error(path + ".name", "duplicate variant name \"" + v.name +
                                      "\" (also used by variants[" + std::to_string(it->second) +
                                      "])");
    }
}

void DesignReader::readVariant(const json &j, const std::string &path, const Design &file,
                               Variant &v)
{
    if (!expectObject(j, path))
        return;
    unknownKeys(j, path, {"name", "design"});
    if (!j.contains("name"))
        error(path + ".name", "missing");
    else if (auto s = string(j["name"], path + ".name", true)) {
        if (s->empty())
            error(path + ".name", "must not be empty");
        else
            v.name = checkId(*s, path + ".name", "name"); // (it said "id"; QA)
    }
    if (!j.contains("design")) {
        error(path + ".design", "missing");
        return;
    }
    m_root = path + ".design";
    readDesign(j["design"], v.design);
    m_root = "design";
    v.design.slo = file.slo;
}

void DesignReader::readDesign(const json &d, Design &design)
{
    if (!expectObject(d, m_root))
        return;
    unknownKeys(d, m_root,
                {"name", "description", "traffic", "components", "connections", "groups",
                 "populations", "geography", "annotations"});
    if (d.contains("name"))
        if (auto s = string(d["name"], m_root + ".name", true))
            design.name = *s;
    if (d.contains("description"))
        if (auto s = string(d["description"], m_root + ".description", true))
            design.description = *s;
    if (d.contains("traffic"))
        readTraffic(d["traffic"], m_root + ".traffic", design.traffic);
    if (d.contains("components") && expectArray(d["components"], m_root + ".components"))
        readComponents(d["components"], design);
    if (d.contains("connections") && expectArray(d["connections"], m_root + ".connections")) {
        const json &cs = d["connections"];
        design.connections.resize(cs.size());
        for (size_t i = 0; i < cs.size(); ++i)
            readConnection(cs[i], m_root + ".connections[" + std::to_string(i) + "]",
                           design.connections[i]);
    }
    if (d.contains("groups") && expectArray(d["groups"], m_root + ".groups")) {
        const json &gs = d["groups"];
        design.groups.resize(gs.size());
        for (size_t i = 0; i < gs.size(); ++i)
            readGroup(gs[i], m_root + ".groups[" + std::to_string(i) + "]", design.groups[i]);
        uniqueGroupIds(design);
        io::resolveGroups(*this, gs, design, m_root);
    }
    if (d.contains("populations"))
        io::readPopulations(*this, d["populations"], design, m_root);
    if (d.contains("geography"))
        io::readGeography(*this, d["geography"], design.geography, m_root);
    if (d.contains("annotations") && expectArray(d["annotations"], m_root + ".annotations"))
        design.annotations = d["annotations"];
}

// The service-level objective (DESIGN.md "Service level and overload"): a key left out keeps its
// default. An objective of 0 ms or 0 availability could never be met, so both must be above 0.
void DesignReader::readSlo(const json &j, const std::string &path, Slo &slo)
{
    if (!expectObject(j, path))
        return;
    unknownKeys(j, path, {"p99Ms", "availability", "monthlyBudgetUsd"});
    if (j.contains("p99Ms"))
        if (auto v = numberAbove(j["p99Ms"], path + ".p99Ms", 0, kMaxSloP99Ms, "ms"))
            slo.p99Ms = *v;
    if (j.contains("availability"))
        if (auto v = numberAbove(j["availability"], path + ".availability", 0, 1, ""))
            slo.availability = *v;
    if (j.contains("monthlyBudgetUsd")) {
        const ParamSpec budget{
            "", ParamType::Real, "USD a month", 0, 0, kMaxMonthlyBudgetUsd, {}, {}, {}};
        if (auto v = number(j["monthlyBudgetUsd"], path + ".monthlyBudgetUsd", budget))
            slo.monthlyBudgetUsd = *v;
    }
}

void DesignReader::readTraffic(const json &j, const std::string &path, Traffic &t)
{
    if (!expectObject(j, path))
        return;
    for (auto it = j.begin(); it != j.end(); ++it) {
        double *field = t.field(it.key());
        const ParamSpec *spec = nullptr;
        for (const ParamSpec &s : trafficSpecs())
            if (s.name == it.key())
                spec = &s;
        if (!field || !spec) {
            error(join(path, clipText(it.key())),
                  "unknown traffic field \"" + clipText(it.key()) + "\"");
            continue;
        }
        if (auto v = number(it.value(), join(path, it.key()), *spec))
            *field = *v;
    }
}

// Components, and ids used twice.
void DesignReader::readComponents(const json &cs, Design &design)
{
    if (cs.size() > kMaxComponents) {
        error(m_root + ".components", std::to_string(cs.size()) + " components; the limit is " +
                                          std::to_string(kMaxComponents));
        return;
    }
    std::map<std::string, size_t> seen;
    design.components.resize(cs.size());
    for (size_t i = 0; i < cs.size(); ++i) {
        const std::string p = m_root + ".components[" + std::to_string(i) + "]";
        Component &c = design.components[i];
        readComponent(cs[i], p, c);
        if (c.id.empty())
            continue;
        auto [it, fresh] = seen.emplace(c.id, i);
        if (!fresh)
            error(p + ".id",
                  "duplicate id \"" + c.id + "\" (also used by " + m_root + ".components[" +
                      std::to_string(it->second) + "])",
                  c.id);
    }
}

// Ids are unique in the file (DESIGN.md "File format"): a group's among the groups and the
// components (a scenario's zone event and a component's failure both name an id).
void DesignReader::uniqueGroupIds(const Design &design)
{
    std::map<std::string, std::string> seen; // id → the path that has it
    for (size_t i = 0; i < design.components.size(); ++i)
        if (!design.components[i].id.empty())
            seen.emplace(design.components[i].id,
                         m_root + ".components[" + std::to_string(i) + "]");
    for (size_t i = 0; i < design.groups.size(); ++i) {
        const std::string &id = design.groups[i].id;
        if (id.empty())
            continue;
        const std::string p = m_root + ".groups[" + std::to_string(i) + "]";
        auto [it, fresh] = seen.emplace(id, p);
        if (!fresh)
            error(p + ".id", "duplicate id \"" + id + "\" (also used by " + it->second + ")", id);
    }
}

void DesignReader::readComponent(const json &j, const std::string &path, Component &c)
{
    if (!expectObject(j, path))
        return;
    unknownKeys(j, path, {"id", "kind", "label", "position", "params", "autoscale"});
    if (!readIdAndKind(j, path, c))
        return;
    if (j.contains("label")) {
        if (auto s = string(j["label"], path + ".label", true))
            c.label = *s;
    }
    if (j.contains("position"))
        readPosition(j["position"], path + ".position", c);
    if (j.contains("params"))
        readParams(j["params"], path + ".params", c);
    if (j.contains("autoscale"))
        readAutoscale(j["autoscale"], path + ".autoscale", c);
}

// The id (an error, not a stop, when missing) and the kind (the rest needs it). False when the
// kind is missing or unknown.
bool DesignReader::readIdAndKind(const json &j, const std::string &path, Component &c)
{
    if (!j.contains("id"))
        error(path, "missing \"id\"");
    else if (auto s = string(j["id"], path + ".id", false))
        c.id = checkId(*s, path + ".id");
    if (!j.contains("kind")) {
        error(path, "missing \"kind\"", c.id);
        return false;
    }
    auto kindText = string(j["kind"], path + ".kind", false);
    if (!kindText)
        return false;
    auto kind = kindFromName(*kindText);
    if (!kind) {
        std::string all;
        for (Kind k : allKinds())
            all += (all.empty() ? "" : ", ") + std::string(kindName(k));
        error(path + ".kind", "unknown kind \"" + clipText(*kindText) + "\" (known: " + all + ")",
              c.id);
        return false;
    }
    c.kind = *kind;
    return true;
}

void DesignReader::readPosition(const json &p, const std::string &pp, Component &c)
{
    if (!expectObject(p, pp))
        return;
    unknownKeys(p, pp, {"x", "y"});
    if (p.contains("x"))
        if (auto v = plainNumber(p["x"], pp + ".x", -1e9, 1e9))
            c.position.x = *v;
    if (p.contains("y"))
        if (auto v = plainNumber(p["y"], pp + ".y", -1e9, 1e9))
            c.position.y = *v;
}

void DesignReader::readParams(const json &ps, const std::string &pp, Component &c)
{
    if (!expectObject(ps, pp))
        return;
    for (auto it = ps.begin(); it != ps.end(); ++it) {
        const std::string p = pp + "." + clipText(it.key());
        const ParamSpec *spec = findParam(c.kind, it.key());
        if (!spec) {
            std::string known;
            for (const ParamSpec &s : paramSpecs(c.kind))
                known += (known.empty() ? "" : ", ") + std::string(s.name);
            error(p,
                  "unknown parameter \"" + clipText(it.key()) + "\" for " +
                      std::string(kindName(c.kind)) + " (known: " + known + ")",
                  c.id);
            continue;
        }
        ParamValue value;
        if (spec->type == ParamType::Enum || spec->type == ParamType::InstanceType) {
            auto s = string(it.value(), p, false);
            if (!s)
                continue;
            if (spec->type == ParamType::Enum &&
                ("|" + std::string(spec->choices) + "|").find("|" + *s + "|") ==
                    std::string::npos) {
                error(p,
                      "must be one of " + std::string(spec->choices) + ", got \"" + clipText(*s) +
                          "\"",
                      c.id);
                continue;
            }
            value.text = *s;
        } else {
            auto v = number(it.value(), p, *spec);
            if (!v)
                continue;
            value.number = *v;
        }
        c.params[it.key()] = value;
    }
}

void DesignReader::readAutoscale(const json &j, const std::string &path, Component &c)
{
    if (!canAutoscale(c.kind)) {
        error(path, std::string(kindTitle(c.kind)) + " cannot auto-scale", c.id);
        return;
    }
    if (!expectObject(j, path))
        return;
    Autoscale a;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const ParamSpec *spec = nullptr;
        for (const ParamSpec &s : autoscaleSpecs())
            if (s.name == it.key())
                spec = &s;
        const std::string p = join(path, clipText(it.key()));
        if (!spec) {
            error(p, "unknown autoscale field \"" + clipText(it.key()) + "\"", c.id);
            continue;
        }
        if (spec->type == ParamType::Enum) {
            auto s = string(it.value(), p, false);
            if (!s)
                continue;
            if (auto policy = policyFromName(*s))
                a.policy = *policy;
            else
                error(p,
                      "must be one of " + std::string(spec->choices) + ", got \"" + clipText(*s) +
                          "\"",
                      c.id);
            continue;
        }
        if (auto v = number(it.value(), p, *spec))
            a.set(it.key(), *v);
    }
    if (a.scaleInBelow >= a.scaleOutAbove)
        error(path, "scaleInBelow must be below scaleOutAbove", c.id);
    if (a.min > a.max)
        error(path,
              "min (" + std::to_string(a.min) + ") must not exceed max (" + std::to_string(a.max) +
                  ")",
              c.id);
    c.autoscale = a;
}

void DesignReader::readConnection(const json &j, const std::string &path, Connection &c)
{
    if (!expectObject(j, path))
        return;
    unknownKeys(j, path, {"from", "to", "weight", "classes"});
    for (const char *end : {"from", "to"}) {
        if (!j.contains(end)) {
            error(path, std::string("missing \"") + end + "\"");
            continue;
        }
        if (auto s = string(j[end], path + "." + end, false))
            (std::string_view(end) == "from" ? c.from : c.to) = checkId(*s, path + "." + end);
    }
    if (j.contains("weight"))
        if (auto v = plainNumber(j["weight"], path + ".weight", 1e-9, 1e9))
            c.weight = *v;
    if (j.contains("classes"))
        readClasses(j["classes"], path + ".classes", c);
}

void DesignReader::readClasses(const json &cl, const std::string &path, Connection &c)
{
    if (!expectArray(cl, path))
        return;
    if (cl.empty())
        error(path, "must name at least one class, or be left out");
    for (size_t i = 0; i < cl.size(); ++i) {
        const std::string p = path + "[" + std::to_string(i) + "]";
        auto s = string(cl[i], p, false);
        if (!s)
            continue;
        auto rc = classFromName(*s);
        if (!rc) {
            error(p, "unknown request class \"" + clipText(*s) +
                         "\" (known: static, read, write, job)");
            continue;
        }
        if (std::find(c.classes.begin(), c.classes.end(), *rc) != c.classes.end())
            error(p, "class \"" + *s + "\" is listed twice");
        else
            c.classes.push_back(*rc);
    }
}

void DesignReader::readGroup(const json &j, const std::string &path, Group &g)
{
    if (!expectObject(j, path))
        return;
    unknownKeys(j, path,
                {"id", "kind", "label", "x", "y", "width", "height", "members", "region", "place"});
    if (j.contains("id"))
        if (auto s = string(j["id"], path + ".id", false))
            g.id = checkId(*s, path + ".id"); // as long as a component's at most (QA)
    if (j.contains("kind")) {
        if (auto s = string(j["kind"], path + ".kind", false)) {
            if (*s != "region" && *s != "zone")
                error(path + ".kind",
                      "must be \"region\" or \"zone\", got \"" + clipText(*s) + "\"");
            g.kind = *s;
        }
    }
    if (j.contains("label"))
        if (auto s = string(j["label"], path + ".label", true))
            g.label = *s;
    const std::pair<const char *, double *> fields[] = {
        {"x", &g.x}, {"y", &g.y}, {"width", &g.width}, {"height", &g.height}};
    for (auto [key, out] : fields)
        if (j.contains(key))
            if (auto v = plainNumber(j[key], path + "." + key,
                                     key[0] == 'w' || key[0] == 'h' ? 0 : -1e9, 1e9))
                *out = *v;
    io::readGroupGeography(*this, j, path, g);
}

LoadResult failed(Issues errors)
{
    LoadResult result;
    result.errors = std::move(errors);
    return result;
}

} // namespace

LoadResult loadDesign(std::string_view bytes)
{
    if (bytes.size() > kMaxFileBytes)
        return failed({{"", "file " + oversizeText(bytes.size(), kMaxFileBytes)}});
    json root;
    Issue parseError;
    if (!parseStrictJson(bytes, root, parseError))
        return failed({parseError});
    DesignReader r;
    if (!r.expectObject(root, "(root)"))
        return failed(r.closed());
    LoadResult result;
    result.fileFormatVersion = io::checkFileHeader(root, r);
    if (!r.issues.empty()) {
        result.errors = r.closed();
        return result;
    }
    io::checkEnvelopeKeys(root, result.fileFormatVersion, r);
    io::upgradeToCurrent(root, result.fileFormatVersion);
    Design design;
    r.readDocument(root, design);
    if (!r.issues.empty()) {
        result.errors = r.closed();
        result.partial = std::move(design);
    } else {
        result.design = std::move(design);
    }
    return result;
}

LoadResult loadDesignFile(const std::string &path)
{
    std::string bytes;
    if (std::string err = readFile(path, bytes); !err.empty()) {
        LoadResult r;
        r.errors.push_back({"", err});
        return r;
    }
    return loadDesign(bytes);
}

} // namespace sc
