#pragma once

#include <QString>

class QWidget;

namespace scui {

class CanvasScene;
class Document;

// File → Export Diagram… / Export Cost Report…: ask for a file, export the live canvas at the
// current user count and theme. Errors are shown in a message box; returns a status-bar
// message on success, empty otherwise.
QString exportDiagramInteractively(QWidget *parent, CanvasScene *scene);
QString exportReportInteractively(QWidget *parent, Document *doc, CanvasScene *scene);

} // namespace scui
