#pragma once

#include <QByteArray>
#include <QFont>
#include <QImage>
#include <QList>
#include <QPair>
#include <QPalette>
#include <QRectF>
#include <QString>

class QObject;
class QPdfWriter;
class QTextDocument;

namespace scui {

class CanvasScene;

// Diagram export (issue 5): what the canvas shows, live figures included, cropped to the items
// with a margin. Every writer renders the real CanvasScene; nothing is redrawn by hand.
enum class DiagramFormat { Png, Svg, Pdf };

// Installs Fusion and the theme's palette on the running QApplication.
void applyExportTheme(bool dark);

// The colours an export is drawn in. Light by default: exports go to paper and slides, and the
// editor's dark theme must not follow them there.
enum class ExportTheme { Light, Dark, AsOnScreen };

// For its lifetime the application palette is the theme's (the canvas items read their colours
// from it as they paint); the editor's comes back afterwards. No change for AsOnScreen or when
// the palette in use already is of that theme.
class ScopedExportTheme
{
public:
    explicit ScopedExportTheme(ExportTheme theme);
    ~ScopedExportTheme();
    ScopedExportTheme(const ScopedExportTheme &) = delete;
    ScopedExportTheme &operator=(const ScopedExportTheme &) = delete;

private:
    QPalette m_saved;
    bool m_active = false;
};

// How a diagram is exported (File → Export Diagram…, `scalecanvas export --png/--svg/--pdf`).
struct DiagramOptions {
    qreal scale = 1; // PNG: pixels per scene unit (1×, 2×, 3×); vectors are drawn at 96 dpi
    ExportTheme theme = ExportTheme::Light;
    // A title block above the diagram: the design's name, the users it shows, the monthly
    // total, the prices and version, and the legend of the load colours (sc::kLoadBands).
    bool titleBlock = true;
};

// The text of that title block, from the document at its current user count.
struct TitleBlock {
    QString title;   // the design's name
    QString figures; // "100,000 daily active users · $12,345.67 per month"
    QString source;  // "AWS us-east-1 prices of 2024-06 · ScaleCanvas 0.1.0"
};
class Document;
TitleBlock titleBlockOf(const Document &doc);

// The font with ligatures off, so text in a PDF searches and copies as typed ("fl", not "ﬂ").
QFont withoutLigatures(QFont font);
// A printed page's text breaks lines between words only: the default also breaks inside a
// word, and a table short of width squeezed its text columns to "Compone|nt", "CloudFro|nt" (QA),
// where a word kept whole holds its column open and the numbers' columns wrap instead.
void breakBetweenWordsOnly(QTextDocument &text);
// Prints `text` on `pdf` as QTextDocument::print() does (2 cm margins, each page's number at its
// foot on the right), except that no heading ends a page: one whose text (the next paragraph, or
// the first row of the table under a one-line lead) would start the next page starts it too (QA:
// "Availability and single points of failure" alone at a page's foot). `handlers`: the custom
// text objects' handlers, by object type, as registered on `text`'s layout.
void printPaged(const QTextDocument &text, QPdfWriter &pdf,
                const QList<QPair<int, QObject *>> &handlers = {});

// The scene rectangle an export covers: the items' bounding box plus `kDiagramMargin`.
constexpr qreal kDiagramMargin = 24;
QRectF diagramRect(CanvasScene *scene);

// The largest picture an export makes. Positions may be up to ±1e9 (the file format), so a
// diagram may be billions of units wide: a bigger one is drawn smaller, to fit, and the export
// says so (RenderNotes::notice). Images: at most 16,384 px a side and 64 Mpx (256 MiB).
// PDF pages: at most 200 inches a side, the largest page PDF viewers open. SVG: at most 2^24
// units a side (where single-precision renderers lose whole units), at full detail below that.
constexpr int kMaxImageSide = 16384;
constexpr qint64 kMaxImagePixels = qint64(64) << 20;
constexpr qreal kMaxVectorSide = 200 * 96;
constexpr qreal kMaxSvgSide = 1 << 24;

// How a diagram of `source` (scene units) at `scale` fits those limits, leaving room for
// `reserve` (output units: a title block above the diagram, at least that wide).
struct DiagramFit {
    qreal scale = 1; // what is drawn: `scale`, or less to fit
    QSize size;      // the diagram: pixels (images) or 96-dpi units (vector pages)
    QSize page;      // the whole picture: the diagram and the reserve
    QString notice;  // empty unless scaled down: what, and why
};
DiagramFit fitDiagram(const QRectF &source, qreal scale, DiagramFormat format,
                      QSize reserve = QSize(0, 0));

// What a render did besides its output: why it failed, or how it was scaled down to fit.
struct RenderNotes {
    QString error;
    QString notice;
};

// `scale` 1 draws one scene unit per pixel (96 dpi); 2 doubles it for slides and high-DPI.
// Each returns a null image or empty bytes on failure, with the reason in `notes`.
QImage renderDiagramImage(CanvasScene *scene, qreal scale = 1, RenderNotes *notes = nullptr);
QByteArray renderDiagramPng(CanvasScene *scene, qreal scale = 1, RenderNotes *notes = nullptr);
QByteArray renderDiagramSvg(CanvasScene *scene, const QString &title = {},
                            RenderNotes *notes = nullptr);
QByteArray renderDiagramPdf(CanvasScene *scene, const QString &title = {},
                            RenderNotes *notes = nullptr);

// The diagram as exported: in the options' theme, with the title block unless turned off.
// (The functions above draw the bare diagram in the palette in use, for the cost report.)
QImage renderExportImage(CanvasScene *scene, const DiagramOptions &options,
                         RenderNotes *notes = nullptr);
QByteArray renderExport(CanvasScene *scene, DiagramFormat format, const DiagramOptions &options,
                        RenderNotes *notes = nullptr);

// Renders and writes atomically (temporary file + rename). Returns the error, empty on success;
// `writeFailed` tells a file-system failure (the caller's path) from a rendering one; `notice`
// says when the diagram was drawn smaller than asked, to fit the limits above.
QString exportDiagram(CanvasScene *scene, DiagramFormat format, const QString &path,
                      const DiagramOptions &options = {}, bool *writeFailed = nullptr,
                      QString *notice = nullptr);

// Atomic write of bytes (sc::writeFileAtomic). Returns the error, empty on success.
QString writeBytesAtomic(const QString &path, const QByteArray &bytes);

} // namespace scui
