#pragma once

// A lesson and the notes on the canvas (DESIGN.md "Present and compare", "File format 2"):
// blocks a design file carries beside its design, like its scenarios.

#include <string>
#include <vector>

namespace sc {

// The limits a file may state (core/io checks them; docs/file-format.md "Lessons", "Notes").
inline constexpr size_t kMaxVariants = 100;
inline constexpr size_t kMaxLessonSteps = 500;
inline constexpr size_t kMaxNotes = 10000;
inline constexpr double kMinNoteSize = 10;         // canvas units: a note stays big enough to grab
inline constexpr double kMaxNoteSize = 10000;      // canvas units
inline constexpr size_t kMaxNoteTextBytes = 10000; // UTF-8 bytes: a note, not a document

// One step of a lesson: a design (the file's own, or one of its variants by name) shown at a
// user count with a caption; optionally a question whose answer stays hidden until revealed,
// and a scenario of that design to play.
struct LessonStep {
    std::string variant; // empty: the file's design; otherwise the name of one of its variants
    double users = 1000; // daily active users the step is shown at
    std::string caption;
    std::string question; // empty: none
    std::string answer;   // shown only when revealed (the handout prints it on the last page)
    std::string scenario; // empty: none; otherwise the name of a scenario of the step's design
    bool operator==(const LessonStep &) const = default;
};

struct Lesson {
    std::string title;
    std::vector<LessonStep> steps; // empty: the file has no lesson
    bool operator==(const Lesson &) const = default;
};

// A note on the canvas: a sticky note (a filled box of the given size) or free text (drawn
// without a box; its width wraps the text).
struct Note {
    enum class Kind { Sticky, Text };
    std::string id; // unique among the design's notes
    Kind kind = Kind::Sticky;
    double x = 0, y = 0; // top-left corner, canvas units
    double width = 200, height = 120;
    std::string text;
    bool operator==(const Note &) const = default;
};

} // namespace sc
