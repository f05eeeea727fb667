#include "strictjson.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sc {
namespace {

using json = nlohmann::json;

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
    explicit StrictSax(json &out)
        : Base(out, true)
    {
    }

    std::optional<DuplicateKey> duplicate;
    // The first number written with a digit other than 0 that parsed to 0 (its path and text):
    // "1e-400" read as 0 without a word, and an error then quoted "got 0".
    std::optional<std::pair<std::string, std::string>> underflow;
    bool subnormal = false; // the underflow's value is not 0 but below the normal doubles

    bool null() { return done(Base::null()); }
    bool boolean(bool v) { return done(Base::boolean(v)); }
    bool number_integer(json::number_integer_t v) { return done(Base::number_integer(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return done(Base::number_unsigned(v)); }
    bool number_float(json::number_float_t v, const json::string_t &s)
    {
        if (v == 0 && !underflow) {
            const std::string_view mantissa = std::string_view(s).substr(0, s.find_first_of("eE"));
            if (mantissa.find_first_of("123456789") != std::string_view::npos)
                underflow.emplace(currentPath(), s);
        } else if (v != 0 && std::abs(v) < std::numeric_limits<double>::min() && !underflow) {
            // Below the normal doubles: read, but a count of 1e-320 users gave another
            // availability than 0 or 1e-300 (CLI QA), which --users refuses.
            underflow.emplace(currentPath(), s);
            subnormal = true;
        }
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
        if (!m_frames.empty() && !m_frames.back().array &&
            (m_frames.back().key.empty() || m_frames.back().valueRead))
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

// Depth and NUL bytes first, before the parser allocates anything for a hostile file.
bool prescan(std::string_view bytes, Issue &error, int maxDepth)
{
    int depth = 0;
    bool inString = false, escape = false;
    for (size_t i = 0; i < bytes.size(); ++i) {
        char ch = bytes[i];
        if (inString) {
            if (escape)
                escape = false;
            else if (ch == '\\')
                escape = true;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (ch == '\0') {
            // A NUL among the first bytes, or a byte-order mark, is UTF-16 (or UTF-32): an
            // editor's "Unicode" save, not a damaged file (QA).
            const bool bom = bytes.size() >= 2 && ((bytes[0] == '\xff' && bytes[1] == '\xfe') ||
                                                   (bytes[0] == '\xfe' && bytes[1] == '\xff'));
            error = {"", bom || i < 4 ? "not valid JSON: the file is UTF-16 or UTF-32, not UTF-8; "
                                        "save it as UTF-8"
                                      : "not valid JSON: NUL byte at line " + lineOf(bytes, i)};
            return false;
        }
        if (ch == '"') {
            inString = true;
        } else if (ch == '{' || ch == '[') {
            if (++depth > maxDepth) {
                error = {"", "nesting is deeper than " + std::to_string(maxDepth) +
                                 " levels (at byte " + std::to_string(i) + ")"};
                return false;
            }
        } else if (ch == '}' || ch == ']') {
            --depth;
        }
    }
    return true;
}

// The library's message without its "[json.exception.…] " prefix.
std::string withoutPrefix(std::string what)
{
    if (auto p = what.find("] "); p != std::string::npos)
        what = what.substr(p + 2);
    return what;
}

// e.g. "number overflow parsing '1e400'": the library gives no position, so find the token.
std::string whereToken(std::string_view bytes, const std::string &what)
{
    if (auto q = what.find('\''); q != std::string::npos) {
        const std::string token = what.substr(q + 1, what.find('\'', q + 1) - q - 1);
        if (auto at = bytes.find(token); !token.empty() && at != std::string_view::npos)
            return " at line " + lineOf(bytes, at);
    }
    return {};
}

} // namespace

bool parseStrictJson(std::string_view bytes, json &out, Issue &error, int maxDepth)
{
    if (!prescan(bytes, error, maxDepth))
        return false;
    StrictSax sax(out);
    try {
        json::sax_parse(bytes.begin(), bytes.end(), &sax);
    } catch (const json::parse_error &e) {
        // Input that stops inside the JSON is a cut-off file (a copy or a save broken off), not
        // a fault at the value where it happens to stop: say so first.
        const std::string what = withoutPrefix(e.what());
        const bool cutOff =
            e.byte >= bytes.size() && what.find("unexpected end of input") != std::string::npos;
        const bool blank = std::all_of(bytes.begin(), bytes.end(), [](char ch) {
            return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
        });
        error = {sax.currentPath(), blank    ? std::string("not valid JSON: the file is empty")
                                    : cutOff ? "not valid JSON: the file ends before its JSON does "
                                               "(cut off?); " +
                                                   what
                                             : "not valid JSON: " + what};
        return false;
    } catch (const std::exception &e) {
        const std::string what = withoutPrefix(e.what());
        error = {sax.currentPath(),
                 "not valid JSON: " + clipText(what, 200) + whereToken(bytes, what)};
        return false;
    }
    if (const auto &tiny = sax.underflow) {
        error = {tiny->first,
                 "number underflow: " + clipText(tiny->second, 60) +
                     (sax.subnormal ? " is closer to 0 than a double holds exactly (below "
                                      "2.2e-308, the smallest normal one)"
                                    : " is too close to 0 for a double (the smallest is about "
                                      "4.9e-324)")};
        return false;
    }
    if (const auto &duplicate = sax.duplicate) {
        std::string path = duplicate->path;
        // (Clipped: a key of 200 KB made a message of 400 KB; QA.)
        const std::string key = clipText(duplicate->key);
        error = {path.empty() ? key : path + "." + key, "duplicate key \"" + key + "\""};
        return false;
    }
    return true;
}

} // namespace sc
