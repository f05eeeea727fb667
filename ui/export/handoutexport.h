#pragma once

#include "ui/export/diagramexport.h"

#include "core/model/design.h"

#include <QByteArray>
#include <QString>

namespace scui {

// The handout of a file's lesson (issue 17; `scalecanvas export FILE --handout OUT.pdf`, File →
// Export Handout…): an A4 PDF with one page per step — the lesson's title, "Step n of N", the
// step's design drawn at the step's users, the caption, the headline figures (headlineFigures:
// users, peak, p99 against the objective, availability, monthly cost, both walls) and the
// question — and the answers together on a last page, "Answers", so a class can work the
// questions before turning to them. A step's design is sc::lessonStepDesign(file, step).

// True when `file` has a lesson with at least one step (what the handout needs).
bool hasLessonSteps(const sc::Design &file);

// The PDF; empty (and `error` set) when it could not be rendered or the file has no steps.
QByteArray handoutPdf(const sc::Design &file, QString *error = nullptr);

// Renders and writes atomically. `sourcePath` is the design's own file: the handout must not
// replace it. Returns the error, empty on success; `writeFailed` tells a refused or failed
// write (the caller's path) from a rendering failure. The diagrams are drawn in `theme`.
QString exportHandout(const sc::Design &file, const QString &sourcePath, const QString &path,
                      bool *writeFailed = nullptr, ExportTheme theme = ExportTheme::Light);

} // namespace scui
