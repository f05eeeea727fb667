#include "diagramexport.h"

#include "ui/theme.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"

#include "core/io/format.h"

#include <QApplication>
#include <QBuffer>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QStyle>
#include <QStyleFactory>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace scui {
namespace {

// Renders with no selection and no grid dots (an export is a picture, not the editor), then
// puts both back.
class ExportState
{
public:
    explicit ExportState(CanvasScene *scene)
        : m_scene(scene)
        , m_selection(scene->selectedIds())
        , m_snap(scene->snapToGrid())
    {
        if (!m_selection.isEmpty())
            m_scene->clearSelection();
        m_scene->setSnapToGrid(false);
    }
    ~ExportState()
    {
        m_scene->setSnapToGrid(m_snap);
        if (!m_selection.isEmpty())
            m_scene->selectIds(m_selection);
    }

private:
    CanvasScene *m_scene;
    QStringList m_selection;
    bool m_snap;
};

void renderScene(CanvasScene *scene, QPainter *painter, const QRectF &source, const QRectF &target,
                 bool searchableText = false)
{
    if (searchableText)
        painter->setFont(withoutLigatures(painter->font()));
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->fillRect(target, canvasColors().background);
    scene->render(painter, target, source, Qt::KeepAspectRatio);
}

} // namespace

QFont withoutLigatures(QFont font)
{
    // Qt's shaper turns ligatures off when a font has any letter spacing (QFixed: ≥ 1/64 px).
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.05);
    return font;
}

void applyExportTheme(bool dark)
{
    applyTheme(dark);
}

QRectF diagramRect(CanvasScene *scene)
{
    QRectF r = scene->itemsBoundingRect();
    if (r.isEmpty())
        r = QRectF(0, 0, 320, 200);
    return r.adjusted(-kDiagramMargin, -kDiagramMargin, kDiagramMargin, kDiagramMargin);
}

DiagramFit fitDiagram(const QRectF &source, qreal scale, DiagramFormat format)
{
    DiagramFit fit;
    const bool image = format == DiagramFormat::Png;
    const double w = std::max(1.0, source.width()), h = std::max(1.0, source.height());
    const double side = image                          ? kMaxImageSide
                        : format == DiagramFormat::Svg ? kMaxSvgSide
                                                       : kMaxVectorSide;
    double k = std::min({double(scale), side / w, side / h});
    if (image)
        k = std::min(k, std::sqrt(double(kMaxImagePixels) / (w * h)));
    // Whole pixels, each side at least one and none over the limit after rounding up.
    const auto pixels = [&](double length) {
        return int(std::clamp(std::ceil(length * k), 1.0, side));
    };
    fit.scale = k;
    fit.size = QSize(pixels(w), pixels(h));
    if (image && qint64(fit.size.width()) * fit.size.height() > kMaxImagePixels)
        fit.size = QSize(std::max(1, fit.size.width() - 1), std::max(1, fit.size.height() - 1));
    if (k < scale) {
        const QLocale c = QLocale::c();
        const auto whole = [&c](double v) { return c.toString(v, 'f', 0); };
        fit.notice =
            QObject::tr("the diagram is %1 × %2 units; drawn at %3× (%4 × %5 %6) to stay within "
                        "%7")
                .arg(whole(w), whole(h), c.toString(k, 'g', 3), whole(fit.size.width()),
                     whole(fit.size.height()),
                     image ? QObject::tr("px") : QObject::tr("units at 96 dpi"),
                     image ? QObject::tr("16,384 px a side and 64 megapixels")
                     : format == DiagramFormat::Svg ? QObject::tr("16,777,216 units a side")
                                                    : QObject::tr("200 inches a side"));
    }
    return fit;
}

QImage renderDiagramImage(CanvasScene *scene, qreal scale, RenderNotes *notes)
{
    ExportState state(scene);
    const QRectF source = diagramRect(scene);
    const DiagramFit fit = fitDiagram(source, scale, DiagramFormat::Png);
    if (notes)
        notes->notice = fit.notice;
    QImage image(fit.size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        if (notes)
            notes->error = QObject::tr("not enough memory for a %1 × %2 px image")
                               .arg(fit.size.width())
                               .arg(fit.size.height());
        return {};
    }
    // Physical size stays the same at 2×: 96 dpi × scale.
    const int dpm = int(std::lround(96 * fit.scale / 0.0254));
    image.setDotsPerMeterX(std::max(1, dpm));
    image.setDotsPerMeterY(std::max(1, dpm));
    image.fill(canvasColors().background);
    QPainter painter;
    if (!painter.begin(&image)) {
        if (notes)
            notes->error = QObject::tr("could not draw on a %1 × %2 px image")
                               .arg(fit.size.width())
                               .arg(fit.size.height());
        return {};
    }
    renderScene(scene, &painter, source, QRectF(QPointF(0, 0), QSizeF(image.size())));
    painter.end();
    return image;
}

QByteArray renderDiagramPng(CanvasScene *scene, qreal scale, RenderNotes *notes)
{
    RenderNotes own;
    RenderNotes &n = notes ? *notes : own;
    const QImage image = renderDiagramImage(scene, scale, &n);
    if (image.isNull())
        return {};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        n.error = QObject::tr("could not encode the PNG image");
        return {};
    }
    return bytes;
}

QByteArray renderDiagramSvg(CanvasScene *scene, const QString &title, RenderNotes *notes)
{
    ExportState state(scene);
    const QRectF source = diagramRect(scene);
    const DiagramFit fit = fitDiagram(source, 1, DiagramFormat::Svg);
    if (notes)
        notes->notice = fit.notice;
    const QSize size = fit.size;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setSize(size);
    gen.setViewBox(QRect(QPoint(0, 0), size));
    gen.setResolution(96);
    // No setTitle(): Qt 6.4 writes the title unescaped, so a design named "A & B" made invalid
    // XML. The title goes in below, escaped.
    gen.setDescription(QStringLiteral("Exported by ScaleCanvas"));
    QPainter painter;
    if (!painter.begin(&gen)) {
        if (notes)
            notes->error = QObject::tr("could not start the SVG writer");
        return {};
    }
    renderScene(scene, &painter, source, QRectF(QPointF(0, 0), QSizeF(size)));
    if (!painter.end()) {
        if (notes)
            notes->error = QObject::tr("could not finish the SVG drawing");
        return {};
    }
    // Qt writes "<title>Qt SVG Document</title>" when given none: replace it with ours.
    const QString text =
        title.isEmpty() ? QStringLiteral("ScaleCanvas diagram") : displayText(title);
    const QByteArray ours = "<title>" + text.toHtmlEscaped().toUtf8() + "</title>";
    const qsizetype from = bytes.indexOf("<title>");
    const qsizetype to = from < 0 ? -1 : bytes.indexOf("</title>", from);
    if (to >= 0) {
        bytes.replace(from, to + 8 - from, ours);
    } else {
        const qsizetype svg = bytes.indexOf("<svg");
        const qsizetype open = svg < 0 ? -1 : bytes.indexOf('>', svg);
        if (open < 0)
            return {};
        bytes.insert(open + 1, "\n" + ours);
    }
    return bytes;
}

QByteArray renderDiagramPdf(CanvasScene *scene, const QString &title, RenderNotes *notes)
{
    ExportState state(scene);
    const QRectF source = diagramRect(scene);
    const DiagramFit fit = fitDiagram(source, 1, DiagramFormat::Pdf);
    if (notes)
        notes->notice = fit.notice;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setTitle(title.isEmpty() ? QStringLiteral("ScaleCanvas diagram") : displayText(title));
    pdf.setCreator(QStringLiteral("ScaleCanvas"));
    pdf.setResolution(96);
    // One page the size of the diagram: 96 scene units per inch, 72 points per inch.
    const QSizeF points = source.size() * fit.scale * (72.0 / 96.0);
    pdf.setPageLayout(
        QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                    QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    QPainter painter;
    if (!painter.begin(&pdf)) {
        if (notes)
            notes->error = QObject::tr("could not start the PDF writer");
        return {};
    }
    const QRect page = pdf.pageLayout().paintRectPixels(pdf.resolution());
    renderScene(scene, &painter, source, QRectF(page), true);
    if (!painter.end()) {
        if (notes)
            notes->error = QObject::tr("could not finish the PDF document");
        return {};
    }
    return bytes;
}

QString writeBytesAtomic(const QString &path, const QByteArray &bytes)
{
    const std::string err = sc::writeFileAtomic(
        path.toStdString(), std::string_view(bytes.constData(), size_t(bytes.size())));
    return QString::fromStdString(err);
}

QString exportDiagram(CanvasScene *scene, DiagramFormat format, const QString &path, qreal scale,
                      bool *writeFailed, QString *notice)
{
    if (writeFailed)
        *writeFailed = false;
    const QString title = QString::fromStdString(scene->document()->design().name);
    QByteArray bytes;
    RenderNotes notes;
    switch (format) {
    case DiagramFormat::Png:
        bytes = renderDiagramPng(scene, scale, &notes);
        break;
    case DiagramFormat::Svg:
        bytes = renderDiagramSvg(scene, title, &notes);
        break;
    case DiagramFormat::Pdf:
        bytes = renderDiagramPdf(scene, title, &notes);
        break;
    }
    if (notice)
        *notice = notes.notice;
    if (bytes.isEmpty())
        return notes.error.isEmpty()
                   ? QObject::tr("Could not render the diagram")
                   : QObject::tr("Could not render the diagram: %1").arg(notes.error);
    const QString err = writeBytesAtomic(path, bytes);
    if (writeFailed)
        *writeFailed = !err.isEmpty();
    return err;
}

} // namespace scui
