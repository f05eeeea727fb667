#include "textescape.h"

#include <algorithm>

#include <cstdint>
#include <cstdio>

namespace sc {

size_t utf8At(std::string_view text, size_t at, char32_t &cp)
{
    const auto b = [&](size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = b(0);
    size_t n = 0;
    char32_t min = 0;
    if (lead < 0x80) {
        cp = lead;
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        n = 2, min = 0x80, cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        n = 3, min = 0x800, cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        n = 4, min = 0x10000, cp = lead & 0x07;
    } else {
        return 0;
    }
    if (at + n > text.size())
        return 0;
    for (size_t i = 1; i < n; ++i) {
        if ((b(i) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b(i) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

bool isBidiControl(char32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool isLayoutControl(char32_t cp)
{
    return isBidiControl(cp) || cp == 0x2028 || cp == 0x2029;
}

namespace {

// C0, DEL and C1.
bool isControl(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

void appendEscape(std::string &out, char32_t cp)
{
    switch (cp) {
    case '\n':
        out += "\\n";
        return;
    case '\r':
        out += "\\r";
        return;
    case '\t':
        out += "\\t";
        return;
    default:
        break;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(cp));
    out += buf;
}

// visibleControls with the controls of `keep` (a bit per C0 code) passed through.
std::string visible(std::string_view text, std::uint32_t keep)
{
    std::string out;
    out.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        char32_t cp = 0;
        const size_t n = utf8At(text, at, cp);
        if (n == 0) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x",
                          unsigned(static_cast<unsigned char>(text[at])));
            out += buf;
            ++at;
            continue;
        }
        if ((isControl(cp) && !(cp < 0x20 && (keep >> cp) & 1u)) || isLayoutControl(cp))
            appendEscape(out, cp);
        else
            out.append(text.substr(at, n));
        at += n;
    }
    return out;
}

constexpr std::uint32_t bit(char c)
{
    return std::uint32_t(1) << unsigned(c);
}

} // namespace

std::string visibleControls(std::string_view text, bool keepNewlines)
{
    return visible(text, keepNewlines ? bit('\n') : 0);
}

std::string csvField(std::string_view text)
{
    std::string v;
    const bool formula =
        !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    if (formula)
        v += '\'';
    v.append(text);
    if (!formula && v.find_first_of(",\"\r\n") == std::string::npos)
        return v;
    std::string quoted = "\"";
    for (char c : v) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string htmlText(std::string_view text)
{
    const std::string v = visible(text, bit('\t') | bit('\n'));
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

// `text` on one line (line breaks as spaces) with its control characters made visible.
std::string oneLineVisible(std::string_view text)
{
    std::string flat(text);
    for (char &c : flat)
        if (c == '\n' || c == '\r')
            c = ' ';
    return visible(flat, 0);
}

} // namespace

std::string markdownCell(std::string_view text)
{
    const std::string v = oneLineVisible(text);
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        // (~: GitHub strikes "~~old~~" and "~x~" through; QA.)
        if (std::string_view("\\`*_[]<>|#&~").find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

std::string markdownCode(std::string_view text)
{
    const std::string v = oneLineVisible(text);
    size_t longest = 0, run = 0;
    for (char c : v) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(longest + 1, '`');
    const bool pad = !v.empty() && (v.front() == '`' || v.back() == '`');
    return fence + (pad ? " " : "") + v + (pad ? " " : "") + fence;
}

size_t shownWidth(std::string_view text)
{
    size_t shown = 0;
    for (size_t at = 0; at < text.size();) {
        char32_t cp = 0;
        const size_t n = utf8At(text, at, cp);
        at += n > 0 ? n : 1;
        ++shown;
    }
    return shown;
}

std::string fitColumn(std::string_view text, size_t width, bool alignRight)
{
    const size_t shown = shownWidth(text);
    if (shown <= width) {
        const std::string pad(width - shown, ' ');
        return alignRight ? pad + std::string(text) : std::string(text) + pad;
    }
    if (width == 0)
        return {};
    // The first width − 1 characters, then the ellipsis.
    size_t at = 0;
    for (size_t kept = 0; kept + 1 < width; ++kept) {
        char32_t cp = 0;
        const size_t n = utf8At(text, at, cp);
        at += n > 0 ? n : 1;
    }
    return std::string(text.substr(0, at)) + "…";
}

std::string fitEscapedColumn(std::string_view raw, size_t width)
{
    const std::string shown = visibleControls(raw);
    if (width == 0 || shownWidth(shown) <= width)
        return fitColumn(shown, width);
    // Character by character, each escaped whole, while it and the ellipsis fit.
    std::string out;
    size_t used = 0;
    for (size_t at = 0; at < raw.size();) {
        char32_t cp = 0;
        const size_t n = utf8At(raw, at, cp);
        const size_t len = n > 0 ? n : 1;
        const std::string piece = visibleControls(raw.substr(at, len));
        const size_t w = shownWidth(piece);
        if (used + w + 1 > width)
            break;
        out += piece;
        used += w;
        at += len;
    }
    return out + "…" + std::string(width - used - 1, ' ');
}

} // namespace sc
