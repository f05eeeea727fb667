#include "diagramexport.h"

#include "ui/theme.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/document.h"
#include "ui/numberformat.h"
#include "ui/timeline/timelinerun.h"

#include "core/analysis/limits.h"
#include "core/analysis/money.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QScreen>
#include <QStyle>
#include <QStyleFactory>
#include <QSvgGenerator>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>
#include <QTextOption>
#include <QTextTable>

#include <algorithm>
#include <cmath>
#include <memory>

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

// --- The title block ------------------------------------------------------------------------
// Laid out in 96-dpi units (one scene unit at 1×) and drawn scaled with the picture.

constexpr int kBlockPad = 12;
constexpr int kTitlePx = 18, kTextPx = 12;

QFont blockFont(int pixels, bool bold = false)
{
    QFont f = withoutLigatures(QApplication::font());
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

// One entry of the legend: a swatch of a load colour, the bottleneck outline or the SPOF badge.
struct LegendEntry {
    enum Mark { Swatch, Outline, Badge } mark;
    QColor color;
    QString text;
};

std::vector<LegendEntry> legendEntries(const CanvasColors &colors)
{
    std::vector<LegendEntry> out;
    constexpr size_t n = std::size(sc::kLoadBands);
    for (size_t k = 0; k < n; ++k) {
        const sc::LoadBandInfo &band = sc::kLoadBands[k];
        const double to = k + 1 < n ? sc::kLoadBands[k + 1].from : sc::kSaturatedUtilization;
        const QString text =
            k + 1 < n && k == 0
                ? QObject::tr("%1 up to %2").arg(QObject::tr(band.name), formatPercent(to))
                : QObject::tr("%1 above %2").arg(QObject::tr(band.name), formatPercent(band.from));
        out.push_back({LegendEntry::Swatch, utilizationColor((band.from + to) / 2, colors), text});
    }
    out.push_back({LegendEntry::Outline, colors.bottleneck, QObject::tr("bottleneck")});
    out.push_back({LegendEntry::Badge, colors.red, QObject::tr("single point of failure")});
    return out;
}

constexpr int kMarkWidth = 30, kMarkGap = 5, kEntryGap = 14;

int legendWidth(const std::vector<LegendEntry> &entries, const QFontMetrics &fm)
{
    int w = fm.horizontalAdvance(QObject::tr("Load:")) + kEntryGap;
    for (const LegendEntry &e : entries)
        w += kMarkWidth + kMarkGap + fm.horizontalAdvance(e.text) + kEntryGap;
    return w - kEntryGap;
}

QSize blockSize(const TitleBlock &b)
{
    const QFontMetrics title(blockFont(kTitlePx, true)), text(blockFont(kTextPx));
    const int w = std::max({title.horizontalAdvance(b.title), text.horizontalAdvance(b.figures),
                            text.horizontalAdvance(b.source),
                            legendWidth(legendEntries(canvasColors()), text)});
    const int h = title.height() + 4 + 2 * (text.height() + 2) + 6 + text.height() + 4;
    return {w + 2 * kBlockPad, h + 2 * kBlockPad};
}

void paintLegend(QPainter *p, const std::vector<LegendEntry> &entries, QPointF at,
                 const CanvasColors &colors)
{
    const QFontMetrics fm(p->font());
    const double h = fm.height();
    p->setPen(colors.dim);
    const QString load = QObject::tr("Load:");
    p->drawText(QRectF(at, QSizeF(fm.horizontalAdvance(load) + 2, h)), Qt::AlignVCenter, load);
    double x = at.x() + fm.horizontalAdvance(load) + kEntryGap;
    for (const LegendEntry &e : entries) {
        const QRectF mark(x, at.y() + 2, kMarkWidth, h - 4);
        p->save();
        switch (e.mark) {
        case LegendEntry::Swatch:
            p->setPen(Qt::NoPen);
            p->setBrush(e.color);
            p->drawRoundedRect(mark, 3, 3);
            break;
        case LegendEntry::Outline:
            p->setPen(QPen(e.color, 2.5));
            p->setBrush(colors.box);
            p->drawRoundedRect(mark.adjusted(1, 1, -1, -1), 3, 3);
            break;
        case LegendEntry::Badge: {
            p->setPen(Qt::NoPen);
            p->setBrush(e.color);
            p->drawRoundedRect(mark, 4, 4);
            QFont b = p->font();
            b.setBold(true);
            b.setPixelSize(std::max(8, int(mark.height()) - 3));
            p->setFont(b);
            p->setPen(Qt::white);
            p->drawText(mark, Qt::AlignCenter, QStringLiteral("SPOF"));
            break;
        }
        }
        p->restore();
        x += kMarkWidth + kMarkGap;
        p->setPen(colors.text);
        const int w = fm.horizontalAdvance(e.text);
        p->drawText(QRectF(x, at.y(), w + 2, h), Qt::AlignVCenter, e.text);
        x += w + kEntryGap;
    }
}

// The block in `rect` (96-dpi units): name, figures, source, legend, a rule under them.
void paintBlock(QPainter *p, const TitleBlock &b, const QRectF &rect)
{
    const CanvasColors colors = canvasColors();
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setRenderHint(QPainter::TextAntialiasing);
    p->fillRect(rect, colors.background);
    const QFont titleFont = blockFont(kTitlePx, true), textFont = blockFont(kTextPx);
    const QFontMetrics title(titleFont), text(textFont);
    double y = rect.top() + kBlockPad;
    const double x = rect.left() + kBlockPad, w = rect.width() - 2 * kBlockPad;
    p->setFont(titleFont);
    p->setPen(colors.text);
    p->drawText(QRectF(x, y, w, title.height()), Qt::AlignLeft | Qt::AlignVCenter, b.title);
    y += title.height() + 4;
    p->setFont(textFont);
    p->drawText(QRectF(x, y, w, text.height()), Qt::AlignLeft | Qt::AlignVCenter, b.figures);
    y += text.height() + 2;
    p->setPen(colors.dim);
    p->drawText(QRectF(x, y, w, text.height()), Qt::AlignLeft | Qt::AlignVCenter, b.source);
    y += text.height() + 2 + 6;
    paintLegend(p, legendEntries(colors), QPointF(x, y), colors);
    p->setPen(QPen(colors.border, 1));
    p->drawLine(QPointF(rect.left() + kBlockPad, rect.bottom() - 0.5),
                QPointF(rect.right() - kBlockPad, rect.bottom() - 0.5));
    p->restore();
}

// What an export draws: the diagram under its title block on a page of `fit.page`.
struct Page {
    QRectF source;
    DiagramFit fit;
    TitleBlock block;
    QSize blockSize; // 96-dpi units; empty without a block
    qreal blockScale = 1;
};

Page layOut(CanvasScene *scene, DiagramFormat format, const DiagramOptions &options)
{
    Page page;
    page.source = diagramRect(scene);
    const qreal scale = format == DiagramFormat::Png ? options.scale : 1;
    QSize reserve(0, 0);
    if (options.titleBlock) {
        page.block = titleBlockOf(*scene->document());
        page.blockSize = blockSize(page.block);
        page.blockScale = scale;
        reserve = QSize(int(std::ceil(page.blockSize.width() * scale)),
                        int(std::ceil(page.blockSize.height() * scale)));
    }
    page.fit = fitDiagram(page.source, scale, format, reserve);
    return page;
}

// Draws `page` on a painter whose device is `page.fit.page` units large.
void paintPage(QPainter *painter, CanvasScene *scene, const Page &page, bool searchableText)
{
    const QSize &size = page.fit.size;
    const double top = page.fit.page.height() - size.height();
    if (!page.blockSize.isEmpty()) {
        painter->save();
        painter->scale(page.blockScale, page.blockScale);
        paintBlock(painter, page.block,
                   QRectF(0, 0, page.fit.page.width() / page.blockScale, top / page.blockScale));
        painter->restore();
    }
    const double left = (page.fit.page.width() - size.width()) / 2.0;
    if (left > 0) // a diagram narrower than its title: the margins in the background colour
        painter->fillRect(QRectF(0, top, page.fit.page.width(), size.height()),
                          canvasColors().background);
    renderScene(scene, painter, page.source, QRectF(QPointF(left, top), QSizeF(size)),
                searchableText);
}

} // namespace

ScopedExportTheme::ScopedExportTheme(ExportTheme theme)
{
    if (theme == ExportTheme::AsOnScreen || !qobject_cast<QApplication *>(qApp))
        return;
    const bool dark = theme == ExportTheme::Dark;
    if (isDark(QApplication::palette()) == dark)
        return;
    m_saved = QApplication::palette();
    m_active = true;
    QApplication::setPalette(themePalette(dark));
}

ScopedExportTheme::~ScopedExportTheme()
{
    if (m_active)
        QApplication::setPalette(m_saved);
}

TitleBlock titleBlockOf(const Document &doc)
{
    TitleBlock b;
    // A variant shown: the design it is a variant of, and which one (its own name alone, "no
    // cache", did not say of what).
    // At most as wide as a wide diagram's title needs: a name of thousands of characters
    // widened the image to 8,192 px and left the diagram a strip in its middle (QA).
    constexpr int kMostTitlePx = 1200;
    // One line: a name's line breaks and tabs as spaces (its second line was drawn over the
    // figures under it, its first cut at the image's top; QA).
    QString title = displayText(doc.shownTitle());
    title.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\t'), QLatin1Char(' '));
    b.title =
        QFontMetrics(blockFont(kTitlePx, true)).elidedText(title, Qt::ElideRight, kMostTitlePx);
    const QString users = formatDailyActiveUsers(std::max(0.0, std::round(doc.users())));
    const TimelineRun *run = doc.timeFrameRun();
    if (doc.modelOk() && run && !run->steps.empty()) {
        // The boxes show a moment of the timeline's run: the header says which, and its
        // figures, not the steady state's (GUI QA: "1,000 daily active users · $596.58 per
        // month" over boxes at 3k req/s with 2.8k failing).
        // (Document::setTimeFrame keeps the step within the run.)
        const int at = doc.timeFrameStep();
        const sc::SimulationStep &step = run->steps[size_t(at)];
        b.figures =
            QObject::tr("\u201c%1\u201d at %2 (run %3) · %4 dynamic req/s · %5")
                .arg(displayText(QString::fromStdString(run->scenario.name)), run->clockAt(at),
                     runUsersText(run->users, run->scenario.users.has_value()),
                     formatCount(step.demandRps), failingNowText(step));
    } else if (doc.modelOk()) {
        const sc::Evaluation &ev = doc.evaluation();
        b.figures = QObject::tr("%1 · %2 per month")
                        .arg(users, QString::fromStdString(sc::formatUsd(ev.monthlyCostUsd)));
    }
    if (doc.modelOk()) {
        const sc::Catalog &cat = doc.model()->catalog();
        b.source =
            QObject::tr("AWS %1 prices of %2 · ScaleCanvas %3")
                .arg(QString::fromStdString(cat.region), QString::fromStdString(cat.date),
                     QString::fromUtf8(sc::kAppVersion.data(), qsizetype(sc::kAppVersion.size())));
    } else {
        b.figures = QObject::tr("%1 · no figures: the design has errors").arg(users);
        b.source =
            QObject::tr("ScaleCanvas %1")
                .arg(QString::fromUtf8(sc::kAppVersion.data(), qsizetype(sc::kAppVersion.size())));
    }
    return b;
}

QFont withoutLigatures(QFont font)
{
    // Qt's shaper turns ligatures off when a font has any letter spacing (QFixed: ≥ 1/64 px).
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.05);
    return font;
}

void breakBetweenWordsOnly(QTextDocument &text)
{
    QTextOption wrap = text.defaultTextOption();
    wrap.setWrapMode(QTextOption::WordWrap);
    text.setDefaultTextOption(wrap);
}

namespace {

bool inTable(const QTextBlock &b)
{
    return QTextCursor(b).currentTable() != nullptr;
}

// The next block after `b` that shows something (text, or an image's object character).
QTextBlock nextShown(QTextBlock b)
{
    for (b = b.next(); b.isValid() && b.text().trimmed().isEmpty(); b = b.next()) {
    }
    return b;
}

// What a heading must share its page with: the next block shown, and after a one-line lead (a
// table's caption, "0 errors, 1 warning, 0 advice") the table's first row.
QTextBlock keptWith(const QTextBlock &heading)
{
    const QTextBlock next = nextShown(heading);
    if (next.isValid() && !inTable(next))
        if (const QTextBlock after = nextShown(next); after.isValid() && inTable(after))
            return after;
    return next;
}

// The first heading, from the top, whose text `keptWith` starts a later page than the heading,
// else the last section's heading when the closing lines stand alone on the last page: its block
// number, or -1.
int headingEndingAPage(const QTextDocument &doc, qreal pageHeight)
{
    QAbstractTextDocumentLayout *layout = doc.documentLayout();
    // A block's first line (the layout moves a line that would cross a page's foot down within
    // its block, so the block's own top may be on the page before).
    const auto pageOf = [&](const QTextBlock &b) {
        const QTextLayout *lines = b.layout();
        const qreal y = layout->blockBoundingRect(b).top() +
                        (lines && lines->lineCount() > 0 ? lines->lineAt(0).y() : 0);
        return std::floor(y / pageHeight);
    };
    const auto broken = [](const QTextBlock &b) {
        return bool(b.blockFormat().pageBreakPolicy() & QTextFormat::PageBreak_AlwaysBefore);
    };
    QTextBlock lastHeading, before, last; // the last heading; the last two blocks shown
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (b.text().trimmed().isEmpty())
            continue;
        before = last;
        last = b;
        if (b.blockFormat().headingLevel() == 0)
            continue;
        lastHeading = b;
        if (const QTextBlock with = keptWith(b);
            !broken(b) && with.isValid() && pageOf(with) > pageOf(b))
            return b.blockNumber();
    }
    // The closing lines alone on the last page (the report's source note): the last section goes
    // with them, where it fits on that page (QA: a page of two lines after stage 4's report).
    if (lastHeading.isValid() && !broken(lastHeading) && before.isValid() &&
        pageOf(last) > pageOf(before) && pageOf(lastHeading) < pageOf(last) &&
        layout->blockBoundingRect(last).bottom() - layout->blockBoundingRect(lastHeading).top() <
            0.8 * pageHeight)
        return lastHeading.blockNumber();
    return -1;
}

// The resolution QTextDocument's lengths are in (qt_defaultDpi: the screen's, 96 offscreen).
QPointF sourceDpi()
{
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        return {qreal(qRound(screen->logicalDotsPerInchX())),
                qreal(qRound(screen->logicalDotsPerInchY()))};
    return {100, 100};
}

} // namespace

void printPaged(const QTextDocument &text, QPdfWriter &pdf,
                const QList<QPair<int, QObject *>> &handlers)
{
    // print()'s set-up: 2 mm device margins where none are set, then 2 cm in the document.
    if (pdf.pageLayout().margins(QPageLayout::Millimeter).isNull())
        pdf.setPageMargins(QMarginsF(2, 2, 2, 2), QPageLayout::Millimeter);
    QPainter painter(&pdf);
    if (!painter.isActive())
        return;
    const QPointF dpi = sourceDpi();
    const int marginX = int(2 / 2.54 * dpi.x()), marginY = int(2 / 2.54 * dpi.y());
    const QRectF body(0, 0, pdf.width(), pdf.height());
    // `text` laid out on the printer with page breaks before the headings numbered in `breaks`,
    // set before its first layout: a break set after it, and the layout carried on from there,
    // came out other than a whole layout (a table's columns changed after a moved heading, the
    // last page was longer than the page count, and the report's end was not printed; QA).
    const auto laidOut = [&](const QVector<int> &breaks) {
        std::unique_ptr<QTextDocument> doc(text.clone());
        QTextBlockFormat pageBreak;
        pageBreak.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        for (int n : breaks)
            QTextCursor(doc->findBlockByNumber(n)).mergeBlockFormat(pageBreak);
        QAbstractTextDocumentLayout *layout = doc->documentLayout();
        layout->setPaintDevice(&pdf);
        for (const auto &[type, handler] : handlers)
            layout->registerHandler(type, handler);
        QTextFrameFormat frame = doc->rootFrame()->frameFormat();
        frame.setLeftMargin(marginX);
        frame.setRightMargin(marginX);
        frame.setTopMargin(marginY);
        frame.setBottomMargin(marginY);
        doc->rootFrame()->setFrameFormat(frame);
        doc->setPageSize(body.size());
        return doc;
    };
    // A heading at a page's foot starts the next page, from the top, one a round (a break moves
    // what follows it); at most as many rounds as a long report has headings.
    QVector<int> breaks;
    std::unique_ptr<QTextDocument> doc = laidOut(breaks);
    for (int round = 0; round < 32; ++round) {
        const int heading = headingEndingAPage(*doc, body.height());
        if (heading < 0)
            break;
        breaks << heading;
        doc = laidOut(breaks);
    }
    QAbstractTextDocumentLayout *layout = doc->documentLayout();

    const QFont numberFont(doc->defaultFont());
    const QPointF numberAt(body.width() - marginX * pdf.logicalDpiX() / dpi.x(),
                           body.height() - marginY * pdf.logicalDpiY() / dpi.y() +
                               QFontMetrics(numberFont, &pdf).ascent() +
                               5 * pdf.logicalDpiY() / 72.0);
    for (int page = 0; page < doc->pageCount(); ++page) {
        if (page > 0 && !pdf.newPage())
            return;
        const QRectF view(0, page * body.height(), body.width(), body.height());
        painter.save();
        painter.translate(0, -view.top());
        painter.setClipRect(view);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = view;
        context.palette.setColor(QPalette::Text, Qt::black); // paper, whatever the theme
        layout->draw(&painter, context);
        painter.setClipping(false);
        painter.setFont(numberFont);
        const QString number = QString::number(page + 1);
        painter.drawText(qRound(numberAt.x() - painter.fontMetrics().horizontalAdvance(number)),
                         qRound(numberAt.y() + view.top()), number);
        painter.restore();
    }
}

void applyExportTheme(bool dark)
{
    applyTheme(dark);
}

QRectF diagramRect(CanvasScene *scene)
{
    QRectF r = scene->designRect();
    if (r.isEmpty())
        r = QRectF(0, 0, 320, 200);
    return r.adjusted(-kDiagramMargin, -kDiagramMargin, kDiagramMargin, kDiagramMargin);
}

DiagramFit fitDiagram(const QRectF &source, qreal scale, DiagramFormat format, QSize reserve)
{
    DiagramFit fit;
    const bool image = format == DiagramFormat::Png;
    const double w = std::max(1.0, source.width()), h = std::max(1.0, source.height());
    const double side = image                          ? kMaxImageSide
                        : format == DiagramFormat::Svg ? kMaxSvgSide
                                                       : kMaxVectorSide;
    const double rw = std::clamp(double(reserve.width()), 0.0, side / 2);
    const double rh = std::clamp(double(reserve.height()), 0.0, side / 2);
    double k = std::min({double(scale), side / w, (side - rh) / h});
    if (image) {
        // The page max(w·k, rw) × (h·k + rh) holds at most kMaxImagePixels.
        const double p = double(kMaxImagePixels);
        k = std::min(k, (-w * rh + std::sqrt(w * w * rh * rh + 4 * w * h * p)) / (2 * w * h));
        if (rw > 0)
            k = std::min(k, (p / rw - rh) / h);
    }
    // Whole pixels, each side at least one and none over the limit after rounding up.
    const auto pixels = [&](double length, double limit) {
        return int(std::clamp(std::ceil(length * k), 1.0, limit));
    };
    fit.scale = k;
    fit.size = QSize(pixels(w, side), pixels(h, side - std::ceil(rh)));
    const auto pageOf = [&](QSize size) {
        return QSize(std::max(size.width(), int(std::ceil(rw))),
                     size.height() + int(std::ceil(rh)));
    };
    fit.page = pageOf(fit.size);
    if (image && qint64(fit.page.width()) * fit.page.height() > kMaxImagePixels) {
        fit.size = QSize(std::max(1, fit.size.width() - 1), std::max(1, fit.size.height() - 1));
        fit.page = pageOf(fit.size);
    }
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

namespace {

QImage imageOf(CanvasScene *scene, DiagramOptions options, RenderNotes *notes)
{
    ScopedExportTheme theme(options.theme);
    ExportState state(scene);
    const Page page = layOut(scene, DiagramFormat::Png, options);
    if (notes)
        notes->notice = page.fit.notice;
    QImage image(page.fit.page, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        if (notes)
            notes->error = QObject::tr("not enough memory for a %1 × %2 px image")
                               .arg(page.fit.page.width())
                               .arg(page.fit.page.height());
        return {};
    }
    // Physical size stays the same at 2×: 96 dpi × scale.
    const int dpm = int(std::lround(96 * page.fit.scale / 0.0254));
    image.setDotsPerMeterX(std::max(1, dpm));
    image.setDotsPerMeterY(std::max(1, dpm));
    image.fill(canvasColors().background);
    QPainter painter;
    if (!painter.begin(&image)) {
        if (notes)
            notes->error = QObject::tr("could not draw on a %1 × %2 px image")
                               .arg(page.fit.page.width())
                               .arg(page.fit.page.height());
        return {};
    }
    paintPage(&painter, scene, page, false);
    painter.end();
    return image;
}

QByteArray pngOf(CanvasScene *scene, const DiagramOptions &options, RenderNotes *notes)
{
    RenderNotes own;
    RenderNotes &n = notes ? *notes : own;
    const QImage image = imageOf(scene, options, &n);
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

QByteArray svgOf(CanvasScene *scene, const QString &title, const DiagramOptions &options,
                 RenderNotes *notes)
{
    ScopedExportTheme theme(options.theme);
    ExportState state(scene);
    const Page page = layOut(scene, DiagramFormat::Svg, options);
    if (notes)
        notes->notice = page.fit.notice;
    const QSize size = page.fit.page;
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
    paintPage(&painter, scene, page, false);
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

QByteArray pdfOf(CanvasScene *scene, const QString &title, const DiagramOptions &options,
                 RenderNotes *notes)
{
    ScopedExportTheme theme(options.theme);
    ExportState state(scene);
    const Page page = layOut(scene, DiagramFormat::Pdf, options);
    if (notes)
        notes->notice = page.fit.notice;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setTitle(title.isEmpty() ? QStringLiteral("ScaleCanvas diagram") : displayText(title));
    pdf.setCreator(QStringLiteral("ScaleCanvas"));
    pdf.setResolution(96);
    // One page the size of the picture: 96 units per inch, 72 points per inch.
    const QSizeF points = QSizeF(page.fit.page) * (72.0 / 96.0);
    pdf.setPageLayout(
        QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                    QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    QPainter painter;
    if (!painter.begin(&pdf)) {
        if (notes)
            notes->error = QObject::tr("could not start the PDF writer");
        return {};
    }
    // The page in device units may differ from the request by rounding: map onto it.
    const QRect device = pdf.pageLayout().paintRectPixels(pdf.resolution());
    painter.scale(device.width() / std::max(1.0, double(page.fit.page.width())),
                  device.height() / std::max(1.0, double(page.fit.page.height())));
    paintPage(&painter, scene, page, true);
    if (!painter.end()) {
        if (notes)
            notes->error = QObject::tr("could not finish the PDF document");
        return {};
    }
    return bytes;
}

// The bare diagram in the palette in use (the cost report's).
DiagramOptions bare(qreal scale = 1)
{
    return {scale, ExportTheme::AsOnScreen, false};
}

} // namespace

QImage renderDiagramImage(CanvasScene *scene, qreal scale, RenderNotes *notes)
{
    return imageOf(scene, bare(scale), notes);
}

QByteArray renderDiagramPng(CanvasScene *scene, qreal scale, RenderNotes *notes)
{
    return pngOf(scene, bare(scale), notes);
}

QByteArray renderDiagramSvg(CanvasScene *scene, const QString &title, RenderNotes *notes)
{
    return svgOf(scene, title, bare(), notes);
}

QByteArray renderDiagramPdf(CanvasScene *scene, const QString &title, RenderNotes *notes)
{
    return pdfOf(scene, title, bare(), notes);
}

QImage renderExportImage(CanvasScene *scene, const DiagramOptions &options, RenderNotes *notes)
{
    return imageOf(scene, options, notes);
}

QByteArray renderExport(CanvasScene *scene, DiagramFormat format, const DiagramOptions &options,
                        RenderNotes *notes)
{
    const QString title = QString::fromStdString(scene->document()->design().name);
    switch (format) {
    case DiagramFormat::Png:
        return pngOf(scene, options, notes);
    case DiagramFormat::Svg:
        return svgOf(scene, title, options, notes);
    case DiagramFormat::Pdf:
        return pdfOf(scene, title, options, notes);
    }
    return {};
}

QString writeBytesAtomic(const QString &path, const QByteArray &bytes)
{
    const std::string err = sc::writeFileAtomic(
        path.toStdString(), std::string_view(bytes.constData(), size_t(bytes.size())));
    return QString::fromStdString(err);
}

QString exportDiagram(CanvasScene *scene, DiagramFormat format, const QString &path,
                      const DiagramOptions &options, bool *writeFailed, QString *notice)
{
    if (writeFailed)
        *writeFailed = false;
    RenderNotes notes;
    const QByteArray bytes = renderExport(scene, format, options, &notes);
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
