#pragma once

#include "ui/export/diagramexport.h"

#include <QDialog>
#include <QString>

class QAction;
class QCheckBox;
class QComboBox;
class QMainWindow;
class QMenu;
class QWidget;

namespace scui {

class CanvasScene;
class Document;

// File → Export Diagram… / Export Cost Report…: ask for a file, export the live canvas at the
// current user count and theme. Errors are shown in a message box; returns a status-bar
// message on success, empty otherwise.
QString exportDiagramInteractively(QWidget *parent, CanvasScene *scene);

// Where an export's file dialog opens: beside the design's file, named after it with `suffix`
// ("stage3.png"); for a design never saved, in the folder of the last export (or home). With a
// variant shown and `ofShownVariant`, the name says which, as a comparison's "-compare" does
// ("stage4-1m-no-cache.png").
QString suggestedExportPath(Document *doc, const QString &suffix, bool ofShownVariant = true);

// The file an export writes for the name typed in its dialog: `typed` as it is when its extension
// is one of `offered` ("png", "svg", "pdf"; any case), the format following it whatever the
// dialog's filter; otherwise with `.chosen` (the selected filter's extension) appended. "x.pdf"
// under the PNG filter stays "x.pdf", "x" becomes "x.png", "x.txt" "x.txt.png".
QString exportPathFor(const QString &typed, const QStringList &offered, const QString &chosen);

// The options of a diagram export, asked once the file is chosen: the scale (PNG: 1×, 2×, 3×),
// the theme (light for print by default, dark, or as on screen) and the title block.
class DiagramOptionsDialog : public QDialog
{
    Q_OBJECT

public:
    DiagramOptionsDialog(DiagramFormat format, QWidget *parent = nullptr);
    DiagramOptions options() const;
    QComboBox *scaleBox() const { return m_scale; }
    QComboBox *themeBox() const { return m_theme; }
    QCheckBox *titleBox() const { return m_title; }

private:
    QComboBox *m_scale = nullptr;
    QComboBox *m_theme = nullptr;
    QCheckBox *m_title = nullptr;
};
QString exportReportInteractively(QWidget *parent, Document *doc, CanvasScene *scene);

// File → Export Handout…: asks for a .pdf and writes the handout of the document's lesson
// (handoutexport.h). Errors in a message box; a status-bar message on success, empty otherwise.
QString exportHandoutInteractively(QWidget *parent, Document *doc);
// Adds "Export &Handout…" to `menu`: enabled while the document's lesson has steps (followed on
// every change), its message shown in `window`'s status bar.
QAction *addExportHandoutAction(QMenu *menu, QMainWindow *window, Document *doc);

} // namespace scui
