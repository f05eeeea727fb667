#pragma once

#include <string>
#include <string_view>

// Text from a design file (ids, labels, names, messages that quote them) on its way out: to a
// terminal, a CSV cell, an HTML page or a Markdown table. A design file is untrusted input: an
// id may hold an escape sequence that retitles or clears a terminal, a comma that shifts CSV
// columns, a formula a spreadsheet runs, or markup. Every writer goes through these functions.
namespace sc {

// Control characters made visible: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F), the
// line and paragraph separators (U+2028, U+2029) and the bidirectional controls (U+061C,
// U+200E–U+200F, U+202A–U+202E, U+2066–U+2069, which reorder a line as shown) become
// "\u001b"-style escapes ("\n", "\r", "\t" for those three), and a byte that is not part of valid
// UTF-8 becomes "\xNN" (a raw 0x9b is a CSI to some terminals). Everything else is copied. With
// `keepNewlines`, '\n' passes through (for multi-line text whose lines are the writer's own; fields
// inside a line use the default).
std::string visibleControls(std::string_view text, bool keepNewlines = false);

// The length of the valid UTF-8 sequence at text[at] and its code point, or 0 when the bytes
// there are not valid UTF-8 (stray continuation, overlong form, surrogate, beyond U+10FFFF,
// truncated).
size_t utf8At(std::string_view text, size_t at, char32_t &cp);

// The bidirectional controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), which
// reorder what a terminal, a page or a PDF shows: a label could make a line read other than it
// is ("Trojan Source", CVE-2021-42574; CLI QA; a report's "RLO" read "OLR", QA). Every writer
// makes them visible; right-to-left letters need none of them to be written right to left.
bool isBidiControl(char32_t cp);

// The characters that change a line's layout as shown: the bidirectional controls and the line
// and paragraph separators (U+2028, U+2029: an editor or a browser breaks a line there). Every
// writer of design text shows them as escapes ("\u202e"), as it does the control characters.
bool isLayoutControl(char32_t cp);

// One CSV field (RFC 4180): quoted when it holds a comma, a double quote, CR or LF, with double
// quotes doubled. A field that starts with = + - @ TAB or CR (a spreadsheet formula) is prefixed
// with an apostrophe and quoted, so it reads as text (OWASP "CSV injection").
std::string csvField(std::string_view text);

// Text for HTML element content or a quoted attribute: & < > " ' as entities; controls other
// than TAB and LF made visible as by visibleControls (HTML forbids them; the bidirectional ones
// would reorder the page).
std::string htmlText(std::string_view text);

// Text for a Markdown table cell: controls made visible (as in htmlText), CR and LF as a space
// (a line break would end the row), and \ ` * _ [ ] < > | # & ~ backslash-escaped.
std::string markdownCell(std::string_view text);

// Text as a Markdown code span (an id, a value): controls made visible, CR and LF as a space,
// between as many backquotes as it needs to hold its own (one more than its longest run of
// them; padded with a space where it starts or ends with one), so no text ends the span early.
std::string markdownCode(std::string_view text);

// The columns `text` takes in a text table, as a terminal draws it: one per UTF-8 character
// ("ü", "−" and "×" are one each, not their bytes), two for a wide one (CJK ideographs, kana,
// Hangul, fullwidth forms, emoji), none for a combining mark or a zero-width character; a byte
// that is not UTF-8 counts as one, as visibleControls shows it in several.
size_t shownWidth(std::string_view text);

// `text` in `width` columns (shownWidth's): padded with spaces on the right (`alignRight`: on
// the left), or, when it is wider, cut at a character and ended with "…" so that a reader sees
// it was cut (and a space, when a wide character did not fit in the last column but one).
std::string fitColumn(std::string_view text, size_t width, bool alignRight = false);

// visibleControls(raw) in `width` columns as fitColumn puts it, but cut before an escape rather
// than inside it (a cut "\u00…" read as a broken escape; QA).
std::string fitEscapedColumn(std::string_view raw, size_t width);

} // namespace sc
