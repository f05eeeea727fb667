#pragma once

#include <QByteArray>
#include <QFont>
#include <QImage>
#include <QPalette>
#include <QRectF>
#include <QString>

namespace scui {

class CanvasScene;

// Diagram export (issue 5): what the canvas shows, live figures included, cropped to the items
// with a margin. Every writer renders the real CanvasScene; nothing is redrawn by hand.
enum class DiagramFormat { Png, Svg, Pdf };

// Installs Fusion and the theme's palette on the running QApplication.
void applyExportTheme(bool dark);

// The font with ligatures off, so text in a PDF searches and copies as typed ("fl", not "ﬂ").
QFont withoutLigatures(QFont font);

// The scene rectangle an export covers: the items' bounding box plus `kDiagramMargin`.
constexpr qreal kDiagramMargin = 24;
QRectF diagramRect(CanvasScene *scene);

// `scale` 1 draws one scene unit per pixel (96 dpi); 2 doubles it for slides and high-DPI.
QImage renderDiagramImage(CanvasScene *scene, qreal scale = 1);
QByteArray renderDiagramPng(CanvasScene *scene, qreal scale = 1);
QByteArray renderDiagramSvg(CanvasScene *scene, const QString &title = {});
QByteArray renderDiagramPdf(CanvasScene *scene, const QString &title = {});

// Renders and writes atomically (temporary file + rename). Returns the error, empty on success;
// `writeFailed` tells a file-system failure (the caller's path) from a rendering one.
QString exportDiagram(CanvasScene *scene, DiagramFormat format, const QString &path,
                      qreal scale = 1, bool *writeFailed = nullptr);

// Atomic write of bytes (sc::writeFileAtomic). Returns the error, empty on success.
QString writeBytesAtomic(const QString &path, const QByteArray &bytes);

} // namespace scui
