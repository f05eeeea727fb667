#include "diagramexport.h"

#include "ui/theme.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"

#include "core/io/format.h"

#include <QApplication>
#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QStyle>
#include <QStyleFactory>
#include <QSvgGenerator>

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

namespace {

QSize pixelSize(const QRectF &r, qreal scale)
{
    return QSize(int(std::ceil(r.width() * scale)), int(std::ceil(r.height() * scale)));
}

} // namespace

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

QImage renderDiagramImage(CanvasScene *scene, qreal scale)
{
    ExportState state(scene);
    const QRectF source = diagramRect(scene);
    QImage image(pixelSize(source, scale), QImage::Format_ARGB32_Premultiplied);
    // Physical size stays the same at 2×: 96 dpi × scale.
    const int dpm = int(std::lround(96 * scale / 0.0254));
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
    image.fill(canvasColors().background);
    QPainter painter(&image);
    renderScene(scene, &painter, source, QRectF(QPointF(0, 0), QSizeF(image.size())));
    painter.end();
    return image;
}

QByteArray renderDiagramPng(CanvasScene *scene, qreal scale)
{
    const QImage image = renderDiagramImage(scene, scale);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return {};
    return bytes;
}

QByteArray renderDiagramSvg(CanvasScene *scene, const QString &title)
{
    ExportState state(scene);
    const QRectF source = diagramRect(scene);
    const QSize size = pixelSize(source, 1);
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
    if (!painter.begin(&gen))
        return {};
    renderScene(scene, &painter, source, QRectF(QPointF(0, 0), QSizeF(size)));
    if (!painter.end())
        return {};
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

QByteArray renderDiagramPdf(CanvasScene *scene, const QString &title)
{
    ExportState state(scene);
    const QRectF source = diagramRect(scene);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setTitle(title.isEmpty() ? QStringLiteral("ScaleCanvas diagram") : displayText(title));
    pdf.setCreator(QStringLiteral("ScaleCanvas"));
    pdf.setResolution(96);
    // One page the size of the diagram: 96 scene units per inch, 72 points per inch.
    const QSizeF points = source.size() * (72.0 / 96.0);
    pdf.setPageLayout(
        QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                    QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    QPainter painter;
    if (!painter.begin(&pdf))
        return {};
    const QRect page = pdf.pageLayout().paintRectPixels(pdf.resolution());
    renderScene(scene, &painter, source, QRectF(page), true);
    if (!painter.end())
        return {};
    return bytes;
}

QString writeBytesAtomic(const QString &path, const QByteArray &bytes)
{
    const std::string err = sc::writeFileAtomic(
        path.toStdString(), std::string_view(bytes.constData(), size_t(bytes.size())));
    return QString::fromStdString(err);
}

QString exportDiagram(CanvasScene *scene, DiagramFormat format, const QString &path, qreal scale,
                      bool *writeFailed)
{
    if (writeFailed)
        *writeFailed = false;
    const QString title = QString::fromStdString(scene->document()->design().name);
    QByteArray bytes;
    switch (format) {
    case DiagramFormat::Png:
        bytes = renderDiagramPng(scene, scale);
        break;
    case DiagramFormat::Svg:
        bytes = renderDiagramSvg(scene, title);
        break;
    case DiagramFormat::Pdf:
        bytes = renderDiagramPdf(scene, title);
        break;
    }
    if (bytes.isEmpty())
        return QObject::tr("Could not render the diagram");
    const QString err = writeBytesAtomic(path, bytes);
    if (writeFailed)
        *writeFailed = !err.isEmpty();
    return err;
}

} // namespace scui
