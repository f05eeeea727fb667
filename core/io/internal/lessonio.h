#pragma once

// Internal to core/io: the lesson and the notes of a file (format 2, `lesson` and `notes` beside
// the design; docs/file-format.md "Lessons" and "Notes"): read with every value checked and every
// name it uses (a variant, a scenario) checked against the file; written back.

#include "core/io/internal/checker.h"
#include "core/model/design.h"

#include <nlohmann/json.hpp>

namespace sc::io {

// Reads root["lesson"] (path "lesson") into design.lesson; needs the variants and the scenarios
// read first, since a step names them.
void readLesson(Checker &c, const nlohmann::json &j, Design &design);
// Reads root["notes"] (path "notes") into design.notes.
void readNotes(Checker &c, const nlohmann::json &j, std::vector<Note> &notes);

nlohmann::ordered_json lessonToJson(const Lesson &lesson);
nlohmann::ordered_json notesToJson(const std::vector<Note> &notes);

} // namespace sc::io
