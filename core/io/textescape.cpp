#include "textescape.h"

#include <algorithm>

#include <cstdint>
#include <cstdio>
#include <span>

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

namespace {

struct CodeRange {
    char32_t first, last;
};

bool inRanges(char32_t cp, std::span<const CodeRange> ranges)
{
    const auto it = std::lower_bound(ranges.begin(), ranges.end(), cp,
                                     [](const CodeRange &r, char32_t c) { return r.last < c; });
    return it != ranges.end() && it->first <= cp;
}

// Characters a terminal draws two columns wide (Unicode's East Asian Wide and Fullwidth, and
// the pictographs shown as emoji), in ascending order.
constexpr CodeRange kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x18AFF},
    {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
    {0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

// Characters drawn on the one before them, taking no column of their own: combining marks,
// zero-width spaces and joiners, variation selectors.
constexpr CodeRange kZeroWidth[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5},   {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC},   {0x06DF, 0x06E4}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
    {0x1AB0, 0x1AFF},   {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2060, 0x2064}, {0x20D0, 0x20FF},
    {0x302A, 0x302D},   {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
    {0xE0100, 0xE01EF},
};

// The columns the character at `at` takes, and its length in bytes (a byte that is not UTF-8:
// one byte, one column).
size_t columnsAt(std::string_view text, size_t at, size_t &bytes)
{
    char32_t cp = 0;
    const size_t n = utf8At(text, at, cp);
    bytes = n > 0 ? n : 1;
    if (n == 0 || cp < 0x300)
        return 1;
    if (inRanges(cp, kZeroWidth))
        return 0;
    return inRanges(cp, kWide) ? 2 : 1;
}

} // namespace

size_t shownWidth(std::string_view text)
{
    size_t shown = 0;
    for (size_t at = 0, bytes = 0; at < text.size(); at += bytes)
        shown += columnsAt(text, at, bytes);
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
    // The characters that fit in width − 1 columns (with the marks drawn on the last of them),
    // then the ellipsis, and a space where a wide character left one column over.
    size_t at = 0, used = 0;
    for (size_t bytes = 0; at < text.size(); at += bytes) {
        const size_t w = columnsAt(text, at, bytes);
        if (used + w + 1 > width)
            break;
        used += w;
    }
    return std::string(text.substr(0, at)) + "…" + std::string(width - used - 1, ' ');
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
