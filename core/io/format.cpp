#include "format.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace sc {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

std::string fmtNumber(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string typeName(const json &j)
{
    switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a number";
    }
}

std::string lineOf(std::string_view bytes, size_t offset)
{
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::to_string(line) + ", column " + std::to_string(column);
}

// Duplicate keys are an error: nlohmann keeps the last silently, so a callback tracks the
// keys of every open object and the path to it.
struct DuplicateKey {
    std::string path;
    std::string key;
};

struct Frame {
    bool array = false;
    long index = 0;
    std::string key;
    std::set<std::string> keys;
    bool valueRead = false; // an object's: the value of `key` is complete
};

std::string framesPath(const std::vector<Frame> &frames, size_t count)
{
    std::string path;
    for (size_t i = 0; i + 1 < count + 1 && i < count; ++i) {
        const Frame &f = frames[i];
        if (f.array) {
            path += "[" + std::to_string(f.index) + "]";
        } else {
            if (!path.empty())
                path += ".";
            path += f.key;
        }
    }
    return path;
}

// Builds the DOM like json::parse and tracks the keys of every open object and the path to it.
// (json::parse with a callback would do the same, but nlohmann 3.11 rescans the parent array
// after every object with a callback: quadratic, minutes for a file of many small objects.)
class StrictSax : public nlohmann::detail::json_sax_dom_parser<json>
{
    using Base = nlohmann::detail::json_sax_dom_parser<json>;

public:
    explicit StrictSax(json &out) : Base(out, true) {}

    std::optional<DuplicateKey> duplicate;

    bool null() { return done(Base::null()); }
    bool boolean(bool v) { return done(Base::boolean(v)); }
    bool number_integer(json::number_integer_t v) { return done(Base::number_integer(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return done(Base::number_unsigned(v)); }
    bool number_float(json::number_float_t v, const json::string_t &s)
    {
        return done(Base::number_float(v, s));
    }
    bool string(json::string_t &v) { return done(Base::string(v)); }
    bool binary(json::binary_t &v) { return done(Base::binary(v)); }
    bool start_object(std::size_t n)
    {
        m_frames.push_back({});
        return Base::start_object(n);
    }
    bool key(json::string_t &k)
    {
        Frame &f = m_frames.back();
        f.key = k;
        f.valueRead = false;
        if (!f.keys.insert(f.key).second && !duplicate)
            duplicate = DuplicateKey{framesPath(m_frames, m_frames.size() - 1), f.key};
        return Base::key(k);
    }
    bool end_object()
    {
        m_frames.pop_back();
        return done(Base::end_object());
    }
    bool start_array(std::size_t n)
    {
        m_frames.push_back({true, 0, {}, {}, false});
        return Base::start_array(n);
    }
    bool end_array()
    {
        m_frames.pop_back();
        return done(Base::end_array());
    }

    // Where the parser is: the key or index of the value being read, for a message about a
    // value the parser refuses (NaN, 1e400) before it has a place in the tree.
    std::string currentPath() const
    {
        if (!m_frames.empty() && !m_frames.back().array
            && (m_frames.back().key.empty() || m_frames.back().valueRead))
            return framesPath(m_frames, m_frames.size() - 1); // an object between its values
        return framesPath(m_frames, m_frames.size());
    }

private:
    // A value is complete: the enclosing array moves on to its next index.
    bool done(bool ok)
    {
        if (!m_frames.empty()) {
            if (m_frames.back().array)
                ++m_frames.back().index;
            else
                m_frames.back().valueRead = true;
        }
        return ok;
    }

    std::vector<Frame> m_frames;
};

class Reader
{
public:
    Issues issues;

    void error(const std::string &path, const std::string &message, const std::string &id = {})
    {
        if (issues.size() < 200)
            issues.push_back({path, message, id});
    }

    // Ids are names, not text: long ones are refused so no message can quote megabytes.
    std::string checkId(const std::string &id, const std::string &path)
    {
        if (id.size() <= kMaxIdBytes)
            return id;
        error(path, "id is " + std::to_string(id.size()) + " bytes long; the limit is "
                        + std::to_string(kMaxIdBytes));
        return {};
    }

    bool expectObject(const json &j, const std::string &path)
    {
        if (j.is_object())
            return true;
        error(path, "must be an object, got " + typeName(j));
        return false;
    }

    bool expectArray(const json &j, const std::string &path)
    {
        if (j.is_array())
            return true;
        error(path, "must be an array, got " + typeName(j));
        return false;
    }

    std::optional<std::string> string(const json &j, const std::string &path, bool allowEmpty)
    {
        if (!j.is_string()) {
            error(path, "must be a string, got " + typeName(j));
            return std::nullopt;
        }
        const auto &s = j.get_ref<const std::string &>();
        if (s.size() > kMaxStringBytes) {
            error(path, "is " + std::to_string(s.size()) + " bytes long; the limit is "
                            + std::to_string(kMaxStringBytes));
            return std::nullopt;
        }
        if (!allowEmpty && s.empty()) {
            error(path, "must not be empty");
            return std::nullopt;
        }
        return s;
    }

    // A number checked against a table entry: type, integrality and range.
    std::optional<double> number(const json &j, const std::string &path, const ParamSpec &spec)
    {
        if (spec.type == ParamType::Bool) {
            if (!j.is_boolean()) {
                error(path, "must be true or false, got " + typeName(j));
                return std::nullopt;
            }
            return j.get<bool>() ? 1.0 : 0.0;
        }
        if (!j.is_number()) {
            error(path, "must be a number, got " + typeName(j));
            return std::nullopt;
        }
        double v = j.get<double>();
        if (j.is_number_unsigned() && j.get<std::uint64_t>() > (1ull << 53))
            v = double(j.get<std::uint64_t>());
        if (!std::isfinite(v)) {
            error(path, "must be a finite number");
            return std::nullopt;
        }
        const std::string range = "from " + fmtNumber(spec.min) + " to " + fmtNumber(spec.max);
        if (spec.type == ParamType::Int && (v != std::floor(v) || v < spec.min || v > spec.max)) {
            error(path, "must be a whole number " + range + ", got " + fmtNumber(v));
            return std::nullopt;
        }
        if (v < spec.min || v > spec.max) {
            std::string unit = spec.unit.empty() ? "" : " " + std::string(spec.unit);
            error(path, "must be " + range + unit + ", got " + fmtNumber(v));
            return std::nullopt;
        }
        return v;
    }

    std::optional<double> plainNumber(const json &j, const std::string &path, double lo, double hi)
    {
        ParamSpec spec{"", ParamType::Real, "", 0, lo, hi, {}, {}, {}};
        return number(j, path, spec);
    }

    void unknownKeys(const json &obj, const std::string &path,
                     std::initializer_list<std::string_view> known)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            bool found = false;
            for (std::string_view k : known)
                found = found || k == it.key();
            if (!found)
                error(join(path, clipText(it.key())), "unknown field \"" + clipText(it.key()) + "\"");
        }
    }

    static std::string join(const std::string &path, const std::string &key)
    {
        return path.empty() ? key : path + "." + key;
    }

    void readTraffic(const json &j, const std::string &path, Traffic &t)
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
                error(join(path, clipText(it.key())), "unknown traffic field \"" + clipText(it.key()) + "\"");
                continue;
            }
            if (auto v = number(it.value(), join(path, it.key()), *spec))
                *field = *v;
        }
    }

    void readAutoscale(const json &j, const std::string &path, Component &c)
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
            auto v = number(it.value(), p, *spec);
            if (!v)
                continue;
            if (it.key() == "min") a.min = int(*v);
            else if (it.key() == "max") a.max = int(*v);
            else if (it.key() == "targetUtilization") a.targetUtilization = *v;
            else if (it.key() == "cooldownS") a.cooldownS = *v;
            else if (it.key() == "bootS") a.bootS = *v;
        }
        if (a.min > a.max)
            error(path, "min (" + std::to_string(a.min) + ") must not exceed max ("
                            + std::to_string(a.max) + ")", c.id);
        c.autoscale = a;
    }

    void readComponent(const json &j, const std::string &path, Component &c)
    {
        if (!expectObject(j, path))
            return;
        unknownKeys(j, path, {"id", "kind", "label", "position", "params", "autoscale"});
        if (!j.contains("id"))
            error(path, "missing \"id\"");
        else if (auto s = string(j["id"], path + ".id", false))
            c.id = checkId(*s, path + ".id");
        if (!j.contains("kind")) {
            error(path, "missing \"kind\"", c.id);
            return;
        }
        auto kindText = string(j["kind"], path + ".kind", false);
        if (!kindText)
            return;
        auto kind = kindFromName(*kindText);
        if (!kind) {
            std::string all;
            for (Kind k : allKinds())
                all += (all.empty() ? "" : ", ") + std::string(kindName(k));
            error(path + ".kind", "unknown kind \"" + clipText(*kindText) + "\" (known: " + all + ")", c.id);
            return;
        }
        c.kind = *kind;
        if (j.contains("label")) {
            if (auto s = string(j["label"], path + ".label", true))
                c.label = *s;
        }
        if (j.contains("position")) {
            const json &p = j["position"];
            const std::string pp = path + ".position";
            if (expectObject(p, pp)) {
                unknownKeys(p, pp, {"x", "y"});
                if (p.contains("x"))
                    if (auto v = plainNumber(p["x"], pp + ".x", -1e9, 1e9))
                        c.position.x = *v;
                if (p.contains("y"))
                    if (auto v = plainNumber(p["y"], pp + ".y", -1e9, 1e9))
                        c.position.y = *v;
            }
        }
        if (j.contains("params")) {
            const json &ps = j["params"];
            const std::string pp = path + ".params";
            if (expectObject(ps, pp)) {
                for (auto it = ps.begin(); it != ps.end(); ++it) {
                    const std::string p = pp + "." + clipText(it.key());
                    const ParamSpec *spec = findParam(c.kind, it.key());
                    if (!spec) {
                        std::string known;
                        for (const ParamSpec &s : paramSpecs(c.kind))
                            known += (known.empty() ? "" : ", ") + std::string(s.name);
                        error(p, "unknown parameter \"" + clipText(it.key()) + "\" for "
                                         + std::string(kindName(c.kind)) + " (known: " + known
                                         + ")", c.id);
                        continue;
                    }
                    ParamValue value;
                    if (spec->type == ParamType::Enum || spec->type == ParamType::InstanceType) {
                        auto s = string(it.value(), p, false);
                        if (!s)
                            continue;
                        if (spec->type == ParamType::Enum
                            && ("|" + std::string(spec->choices) + "|").find("|" + *s + "|")
                                   == std::string::npos) {
                            error(p, "must be one of " + std::string(spec->choices) + ", got \""
                                             + clipText(*s) + "\"", c.id);
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
        }
        if (j.contains("autoscale"))
            readAutoscale(j["autoscale"], path + ".autoscale", c);
    }

    void readConnection(const json &j, const std::string &path, Connection &c)
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
        if (j.contains("classes")) {
            const json &cl = j["classes"];
            if (expectArray(cl, path + ".classes")) {
                if (cl.empty())
                    error(path + ".classes", "must name at least one class, or be left out");
                for (size_t i = 0; i < cl.size(); ++i) {
                    const std::string p = path + ".classes[" + std::to_string(i) + "]";
                    auto s = string(cl[i], p, false);
                    if (!s)
                        continue;
                    auto rc = classFromName(*s);
                    if (!rc) {
                        error(p, "unknown request class \"" + clipText(*s)
                                         + "\" (known: static, read, write, job)");
                        continue;
                    }
                    if (std::find(c.classes.begin(), c.classes.end(), *rc) != c.classes.end())
                        error(p, "class \"" + *s + "\" is listed twice");
                    else
                        c.classes.push_back(*rc);
                }
            }
        }
    }

    void readGroup(const json &j, const std::string &path, Group &g)
    {
        if (!expectObject(j, path))
            return;
        unknownKeys(j, path, {"id", "kind", "label", "x", "y", "width", "height"});
        if (j.contains("id"))
            if (auto s = string(j["id"], path + ".id", false))
                g.id = *s;
        if (j.contains("kind")) {
            if (auto s = string(j["kind"], path + ".kind", false)) {
                if (*s != "region" && *s != "zone")
                    error(path + ".kind", "must be \"region\" or \"zone\", got \"" + *s + "\"");
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
                if (auto v = plainNumber(j[key], path + "." + key, key[0] == 'w' || key[0] == 'h'
                                                                         ? 0 : -1e9, 1e9))
                    *out = *v;
    }
};

} // namespace

bool parseStrictJson(std::string_view bytes, json &out, Issue &error, int maxDepth)
{
    // Depth first, before the parser allocates anything for a hostile file.
    int depth = 0;
    bool inString = false, escape = false;
    for (size_t i = 0; i < bytes.size(); ++i) {
        char ch = bytes[i];
        if (inString) {
            if (escape) escape = false;
            else if (ch == '\\') escape = true;
            else if (ch == '"') inString = false;
            continue;
        }
        if (ch == '\0') {
            error = {"", "not valid JSON: NUL byte at line " + lineOf(bytes, i)};
            return false;
        }
        if (ch == '"') {
            inString = true;
        } else if (ch == '{' || ch == '[') {
            if (++depth > maxDepth) {
                error = {"", "nesting is deeper than " + std::to_string(maxDepth)
                                 + " levels (at byte " + std::to_string(i) + ")"};
                return false;
            }
        } else if (ch == '}' || ch == ']') {
            --depth;
        }
    }

    StrictSax sax(out);
    try {
        json::sax_parse(bytes.begin(), bytes.end(), &sax);
    } catch (const json::parse_error &e) {
        std::string what = e.what();
        if (auto p = what.find("] "); p != std::string::npos)
            what = what.substr(p + 2);
        error = {sax.currentPath(), "not valid JSON: " + what};
        return false;
    } catch (const std::exception &e) {
        // e.g. "number overflow parsing '1e400'": the library gives no position, so find it.
        std::string what = e.what();
        if (auto p = what.find("] "); p != std::string::npos)
            what = what.substr(p + 2);
        std::string where;
        if (auto q = what.find('\''); q != std::string::npos) {
            const std::string token = what.substr(q + 1, what.find('\'', q + 1) - q - 1);
            if (auto at = bytes.find(token); !token.empty() && at != std::string_view::npos)
                where = " at line " + lineOf(bytes, at);
        }
        error = {sax.currentPath(), "not valid JSON: " + clipText(what, 200) + where};
        return false;
    }
    if (const auto &duplicate = sax.duplicate) {
        std::string path = duplicate->path;
        error = {path.empty() ? duplicate->key : path + "." + duplicate->key,
                 "duplicate key \"" + duplicate->key + "\""};
        return false;
    }
    return true;
}

LoadResult loadDesign(std::string_view bytes)
{
    LoadResult result;
    if (bytes.size() > kMaxFileBytes) {
        result.errors.push_back({"", "file is " + std::to_string(bytes.size() >> 20)
                                         + " MiB; the limit is "
                                         + std::to_string(kMaxFileBytes >> 20) + " MiB"});
        return result;
    }
    json root;
    Issue parseError;
    if (!parseStrictJson(bytes, root, parseError)) {
        result.errors.push_back(parseError);
        return result;
    }
    Reader r;
    if (!r.expectObject(root, "(root)")) {
        result.errors = r.issues;
        return result;
    }
    if (!root.contains("format") || !root["format"].is_string()
        || root["format"].get<std::string>() != "scalecanvas") {
        r.error("format", "must be \"scalecanvas\": this is not a ScaleCanvas design");
        result.errors = r.issues;
        return result;
    }
    std::string madeBy = "unknown";
    if (root.contains("appVersion") && root["appVersion"].is_string())
        madeBy = root["appVersion"].get<std::string>().substr(0, 64);
    if (!root.contains("formatVersion")) {
        r.error("formatVersion", "missing");
    } else if (auto v = r.plainNumber(root["formatVersion"], "formatVersion", 1, 1e6)) {
        result.fileFormatVersion = int(*v);
        if (*v != std::floor(*v))
            r.error("formatVersion", "must be a whole number");
        else if (*v > kFormatVersion)
            r.error("formatVersion", "made by version " + madeBy + " (file format "
                                         + std::to_string(int(*v)) + "); this ScaleCanvas ("
                                         + std::string(kAppVersion) + ") reads format "
                                         + std::to_string(kFormatVersion)
                                         + ": update ScaleCanvas to open it");
    }
    if (!r.issues.empty()) {
        result.errors = r.issues;
        return result;
    }
    r.unknownKeys(root, "", {"format", "formatVersion", "appVersion", "design"});
    if (root.contains("appVersion"))
        r.string(root["appVersion"], "appVersion", true);
    if (!root.contains("design")) {
        r.error("design", "missing");
        result.errors = r.issues;
        return result;
    }
    const json &d = root["design"];
    Design design;
    if (r.expectObject(d, "design")) {
        r.unknownKeys(d, "design", {"name", "description", "traffic", "components",
                                    "connections", "groups", "annotations"});
        if (d.contains("name"))
            if (auto s = r.string(d["name"], "design.name", true))
                design.name = *s;
        if (d.contains("description"))
            if (auto s = r.string(d["description"], "design.description", true))
                design.description = *s;
        if (d.contains("traffic"))
            r.readTraffic(d["traffic"], "design.traffic", design.traffic);
        if (d.contains("components") && r.expectArray(d["components"], "design.components")) {
            const json &cs = d["components"];
            if (cs.size() > kMaxComponents) {
                r.error("design.components", std::to_string(cs.size())
                                                 + " components; the limit is "
                                                 + std::to_string(kMaxComponents));
            } else {
                std::map<std::string, size_t> seen;
                design.components.resize(cs.size());
                for (size_t i = 0; i < cs.size(); ++i) {
                    const std::string p = "design.components[" + std::to_string(i) + "]";
                    Component &c = design.components[i];
                    r.readComponent(cs[i], p, c);
                    if (c.id.empty())
                        continue;
                    auto [it, fresh] = seen.emplace(c.id, i);
                    if (!fresh)
                        r.error(p + ".id", "duplicate id \"" + c.id + "\" (also used by "
                                               "design.components[" + std::to_string(it->second)
                                               + "])", c.id);
                }
            }
        }
        if (d.contains("connections") && r.expectArray(d["connections"], "design.connections")) {
            const json &cs = d["connections"];
            design.connections.resize(cs.size());
            for (size_t i = 0; i < cs.size(); ++i)
                r.readConnection(cs[i], "design.connections[" + std::to_string(i) + "]",
                                 design.connections[i]);
        }
        if (d.contains("groups") && r.expectArray(d["groups"], "design.groups")) {
            const json &gs = d["groups"];
            design.groups.resize(gs.size());
            for (size_t i = 0; i < gs.size(); ++i)
                r.readGroup(gs[i], "design.groups[" + std::to_string(i) + "]", design.groups[i]);
        }
        if (d.contains("annotations") && r.expectArray(d["annotations"], "design.annotations"))
            design.annotations = d["annotations"];
    }
    if (!r.issues.empty()) {
        result.errors = r.issues;
        return result;
    }
    result.design = std::move(design);
    return result;
}

std::string readFile(const std::string &path, std::string &out, size_t limit)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return path + " is a folder, not a design file";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "cannot open " + path;
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    if (size < 0)
        return "cannot read " + path;
    if (size_t(size) > limit)
        return path + " is " + std::to_string(size_t(size) >> 20) + " MiB; the limit is "
             + std::to_string(limit >> 20) + " MiB";
    in.seekg(0);
    out.resize(size_t(size));
    in.read(out.data(), size);
    if (!in)
        return "cannot read " + path;
    return {};
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

namespace {

ojson paramToJson(const ParamSpec &spec, const ParamValue &v)
{
    switch (spec.type) {
    case ParamType::Bool: return v.number != 0;
    case ParamType::Int: return std::int64_t(v.number);
    case ParamType::Real: return v.number;
    case ParamType::Enum:
    case ParamType::InstanceType: return v.text;
    }
    return nullptr;
}

} // namespace

std::string saveDesign(const Design &design)
{
    ojson root;
    root["format"] = "scalecanvas";
    root["formatVersion"] = kFormatVersion;
    root["appVersion"] = std::string(kAppVersion);
    ojson d;
    d["name"] = design.name;
    if (!design.description.empty())
        d["description"] = design.description;
    ojson t = ojson::object();
    for (const ParamSpec &s : trafficSpecs())
        t[std::string(s.name)] = design.traffic.get(s.name);
    d["traffic"] = t;
    ojson cs = ojson::array();
    for (const Component &c : design.components) {
        ojson o;
        o["id"] = c.id;
        o["kind"] = std::string(kindName(c.kind));
        o["label"] = c.label;
        o["position"] = {{"x", c.position.x}, {"y", c.position.y}};
        ojson ps = ojson::object();
        for (const ParamSpec &s : paramSpecs(c.kind))
            if (auto it = c.params.find(std::string(s.name)); it != c.params.end())
                ps[std::string(s.name)] = paramToJson(s, it->second);
        o["params"] = ps;
        if (c.autoscale) {
            const Autoscale &a = *c.autoscale;
            o["autoscale"] = {{"min", a.min},
                              {"max", a.max},
                              {"targetUtilization", a.targetUtilization},
                              {"cooldownS", a.cooldownS},
                              {"bootS", a.bootS}};
        }
        cs.push_back(std::move(o));
    }
    d["components"] = cs;
    ojson conns = ojson::array();
    for (const Connection &c : design.connections) {
        ojson o;
        o["from"] = c.from;
        o["to"] = c.to;
        if (c.weight)
            o["weight"] = *c.weight;
        if (!c.classes.empty()) {
            ojson cl = ojson::array();
            for (RequestClass rc : c.classes)
                cl.push_back(std::string(className(rc)));
            o["classes"] = cl;
        }
        conns.push_back(std::move(o));
    }
    d["connections"] = conns;
    if (!design.groups.empty()) {
        ojson gs = ojson::array();
        for (const Group &g : design.groups) {
            ojson o;
            if (!g.id.empty()) // a group's id is optional, and "" would not load back
                o["id"] = g.id;
            o["kind"] = g.kind;
            o["label"] = g.label;
            o["x"] = g.x;
            o["y"] = g.y;
            o["width"] = g.width;
            o["height"] = g.height;
            gs.push_back(std::move(o));
        }
        d["groups"] = gs;
    }
    if (!design.annotations.empty())
        d["annotations"] = ojson::parse(design.annotations.dump());
    root["design"] = d;
    return root.dump(2) + "\n";
}

std::string writeFileAtomic(const std::string &path, std::string_view bytes)
{
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return "cannot write " + path + ": " + std::strerror(errno);
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            std::string err = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return "cannot write " + path + ": " + err;
        }
        done += size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        std::string err = std::strerror(errno);
        ::unlink(tmp.c_str());
        return "cannot write " + path + ": " + err;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string err = std::strerror(errno);
        ::unlink(tmp.c_str());
        return "cannot replace " + path + ": " + err;
    }
    // Make the rename itself durable: sync the folder that holds the entry (best effort).
    const std::string::size_type slash = path.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    if (int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

std::string saveDesignFileAtomic(const Design &design, const std::string &path)
{
    return writeFileAtomic(path, saveDesign(design));
}

} // namespace sc
