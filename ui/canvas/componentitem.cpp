#include "componentitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/document.h"

#include "core/analysis/limits.h"
#include "ui/numberformat.h"
#include "ui/timeline/timelinerun.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QPaintEngine>
#include <QPainter>
#include <QPixmapCache>
#include <QStyleOptionGraphicsItem>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

namespace scui {
namespace {

// Where a box with an error carries its marker: over the corner of its icon, clear of the
// texts.
const QRectF kErrorMark(17, 20, 15, 15);

} // namespace

ComponentItem::ComponentItem(Document *doc, const QString &id)
    : m_doc(doc)
    , m_id(id)
{
    setFlags(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(kBoxZ);
    sync();
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    // Over the other boxes while selected (QA: a box dragged onto its neighbour was drawn under
    // it, its name and figures hidden), under the notes still.
    if (change == ItemSelectedHasChanged)
        setZValue(value.toBool() ? kSelectedBoxZ : kBoxZ);
    return QGraphicsItem::itemChange(change, value);
}

ComponentItem::~ComponentItem()
{
    if (m_detail)
        QPixmapCache::remove(m_detail->key);
}

QRectF ComponentItem::boundingRect() const
{
    // Room for the bottleneck outline and the port's hit area (shape()).
    return QRectF(-4, -4, kWidth + 16, kHeight + 8);
}

QPainterPath ComponentItem::shape() const
{
    // The same for every box: built once (hit tests and rubber bands ask often). Winding fill:
    // with the default odd-even fill the part of the port inside the box would be a hole, and
    // a press on the port's centre would miss the box.
    static const QPainterPath path = [] {
        QPainterPath p;
        p.setFillRule(Qt::WindingFill);
        p.addRoundedRect(QRectF(0, 0, kWidth, kHeight), 8, 8);
        const qreal r = portHitRadius(1);
        p.addEllipse(portRect().center(), r, r);
        return p;
    }();
    return path;
}

QRectF ComponentItem::portRect()
{
    return QRectF(kWidth - 7, kHeight / 2 - 7, 14, 14);
}

qreal ComponentItem::portHitRadius(qreal zoom)
{
    constexpr qreal kMinUnits = 10, kScreenPx = 9, kMaxUnits = 26;
    if (!(zoom > 0))
        return kMinUnits;
    return std::clamp(kScreenPx / zoom, kMinUnits, kMaxUnits);
}

bool ComponentItem::isOnPort(const QPointF &scenePos, qreal zoom) const
{
    if (const sc::Component *c = m_doc->component(m_id); !c || !sc::sendsRequests(c->kind))
        return false;
    const QPointF d = mapFromScene(scenePos) - portRect().center();
    const qreal r = portHitRadius(zoom);
    return QPointF::dotProduct(d, d) <= r * r;
}

void ComponentItem::sync()
{
    if (const sc::Component *c = m_doc->component(m_id)) {
        const QPointF p(c->position.x, c->position.y);
        if (p != pos())
            setPos(p);
    }
    if (!m_detail) {
        // Never drawn in detail: nothing cached to keep; the look is read when it is.
        m_stale = true;
        update();
        return;
    }
    // New figures arrive for every component after every edit and every step of the users
    // slider, and often read the same as before: then the box keeps its cached picture and
    // asks for no repaint.
    if (refreshLook())
        update();
}

bool ComponentItem::refreshLook()
{
    m_stale = false;
    if (!m_detail)
        m_detail = std::make_unique<Detail>();
    Look look = readLook();
    if (m_detail->version > 0 && look == m_detail->look)
        return false;
    m_detail->look = std::move(look);
    ++m_detail->version;
    QPixmapCache::remove(m_detail->key);
    m_detail->key = {};
    return true;
}

QString ComponentItem::fault() const
{
    if (const sc::Model *m = m_doc->model())
        for (const sc::Issue &i : m->errors())
            if (QString::fromStdString(i.componentId) == m_id)
                return displayText(i.message);
    return {};
}

QStringList ComponentItem::warningsOn() const
{
    QStringList out;
    if (!m_doc->modelOk())
        return out;
    for (const sc::Warning &w : m_doc->evaluation().warnings) {
        if (QString::fromStdString(w.componentId) != m_id)
            continue;
        const QString level = w.severity == sc::Severity::Error     ? QObject::tr("Error")
                              : w.severity == sc::Severity::Warning ? QObject::tr("Warning")
                                                                    : QObject::tr("Advice");
        out << QStringLiteral("%1: %2").arg(level, displayText(w.message));
    }
    return out;
}

namespace {

// The look at the timeline's clock (issue 16): the step's instances (booting ones too), its
// backlog, its failures and its utilization in place of the steady figures.
void applyFrame(ComponentItem::Look &l, const FrameFigures &f, const sc::Component &c)
{
    const bool counted = c.runsInstances();
    l.timed = counted || f.down(c); // `sub` says how many serve, or that it is down
    if (counted && f.booting > 0)
        l.sub =
            QObject::tr("%1 up, %2 booting").arg(formatCount(f.instances), formatCount(f.booting));
    else if (f.down(c))
        l.sub = QObject::tr("down");
    else if (counted)
        l.sub = QStringLiteral("%1 × %2").arg(formatCount(f.instances),
                                              displayText(c.text("instanceType")));
    ComponentItem::Figures &fig = l.figures;
    // Where nothing queues (clients, DNS), what goes through it at that step.
    fig.rps = !l.station      ? formatRps(f.passedOn)
              : f.backlog > 0 ? QObject::tr("backlog %1").arg(formatCount(f.backlog))
                              : QObject::tr("no backlog");
    fig.latency.clear();
    l.showLatency = false;
    fig.overloaded = l.station && !(f.utilization < 1);
    fig.failing = f.errors > 0 ? QObject::tr("%1 fail").arg(formatRps(f.errors)) : QString();
    l.error = f.errors > 0;
    // The steady bill is not what the run costs at this step, and the simulation bills the
    // design, not a box: the run's cost is in the timeline's summary line (the tooltip says so).
    fig.cost.clear();
    if (!l.station)
        return;
    // Down: no capacity, so no utilization (the CLI's util: column is empty); it read a full
    // deep-red "100%" bar (QA). Its "down" and what fails there say it.
    if (f.down(c)) {
        fig.overloaded = false;
        fig.utilization.clear();
        l.bar = 0;
        l.tone = 0;
        return;
    }
    const double u = std::isfinite(f.utilization) ? f.utilization : 1.0;
    fig.utilization =
        std::round(u * 100) < 1000 ? formatPercent(u) : formatCount(u) + QStringLiteral("×");
    l.tone = utilizationTone(u);
    l.bar = int(std::lround(std::clamp(u, 0.0, 1.0) * 1024));
    if (u > 0 && l.bar == 0)
        l.bar = 1;
}

} // namespace

ComponentItem::Look ComponentItem::readLook() const
{
    Look l;
    l.projector = projectorText();
    const sc::Component *c = m_doc->component(m_id);
    if (!c)
        return l;
    l.kind = c->kind;
    l.label = displayText(c->shownName()); // an empty label: the id (QA: an untitled box)
    const sc::ComponentResult *r = m_doc->result(m_id);
    l.sub = QString::fromStdString(std::string(sc::kindTitle(c->kind)));
    if (r && c->runsInstances() && r->instances > 0)
        l.sub = QStringLiteral("%1 × %2").arg(formatCount(r->instances),
                                              displayText(c->text("instanceType")));
    l.fault = fault();
    l.bottleneck = m_doc->isBottleneck(m_id);
    if (!r) {
        l.error = !l.fault.isEmpty();
        return l;
    }
    l.hasFigures = true;
    l.figures = figuresOf(r);
    l.station = r->station;
    l.showLatency = r->overloaded || r->station || r->meanLatencyMs > 0;
    // An error on this box marks it alone; every other box keeps its figures. Requests failing
    // here (shed past capacity, refused by a pool) are one.
    l.error = r->overloaded || !l.figures.failing.isEmpty();
    if (!l.error) {
        const std::string id = m_id.toStdString(); // compared without a copy per warning
        for (const sc::Warning &w : m_doc->evaluation().warnings)
            if (w.severity == sc::Severity::Error && w.componentId == id)
                l.error = true;
    }
    if (r->station) {
        const double u = std::isfinite(r->utilization) ? r->utilization : 1.0;
        l.tone = utilizationTone(u);
        l.bar = int(std::lround(std::clamp(u, 0.0, 1.0) * 1024));
        if (u > 0 && l.bar == 0)
            l.bar = 1; // a sliver still shows (paint draws at least 2 px)
    }
    if (const std::optional<FrameFigures> f = m_doc->frameFigures(m_id))
        applyFrame(l, *f, *c);
    return l;
}

ComponentItem::Figures ComponentItem::figures() const
{
    if (m_doc->hasTimeFrame())
        return readLook().figures; // the timeline's step
    return figuresOf(m_doc->result(m_id));
}

ComponentItem::Figures ComponentItem::figuresOf(const sc::ComponentResult *r)
{
    Figures f;
    if (!r)
        return f;
    f.rps = formatRps(r->arrivalRps);
    f.overloaded = r->overloaded;
    f.spof = r->spof;
    if (r->overloaded)
        f.latency = QObject::tr("overloaded");
    else if (r->station || r->meanLatencyMs > 0)
        f.latency = formatLatency(r->meanLatencyMs);
    if (!r->station) {
        f.utilization = QObject::tr("no capacity limit");
    } else {
        const double u = std::isfinite(r->utilization) ? r->utilization : 1.0;
        f.utilization =
            std::round(u * 100) < 1000 ? formatPercent(u) : formatCount(u) + QStringLiteral("×");
    }
    f.cost = formatMonthly(r->monthlyCostUsd);
    if (r->errorRps > 0 && r->arrivalRps > 0)
        f.failing = QObject::tr("%1 fail").arg(formatFailShare(r->errorRps / r->arrivalRps));
    return f;
}

void ComponentItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                          QWidget *widget)
{
    if (!m_doc->component(m_id) || !painter->isActive())
        return; // no painting through a painter that never started (a failed export image)
    const CanvasColors col = canvasColors();
    const bool selected = option->state & QStyle::State_Selected;
    const QRectF box(0, 0, kWidth, kHeight);

    const qreal lod =
        QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    if (lod < kDetailLevel) {
        // Too small to read: a plain block in the utilization colour (selection and errors
        // stay visible; the bottleneck keeps its utilization colour inside its outline, as
        // in detail: an orange block read as the amber band), no text, no icon, no
        // antialiasing. Read straight from the document: the look's text is not needed.
        const sc::ComponentResult *r = m_doc->result(m_id);
        QColor fill = col.border;
        if (selected)
            fill = col.selection;
        else if (!r)
            fill = fault().isEmpty() ? col.dim : col.red;
        else if (r->station) {
            const std::optional<FrameFigures> f = m_doc->frameFigures(m_id); // the timeline's
            const double u = f ? f->utilization : r->utilization;
            fill = utilizationColor(std::isfinite(u) ? u : 1.0, col);
        }
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->fillRect(box, fill);
        if (r && !selected && m_doc->isBottleneck(m_id)) {
            // Inside the block (the item's bounds leave little outside): 2–3 px at the zooms
            // that draw blocks.
            constexpr qreal kOutline = 10;
            painter->setPen(QPen(col.bottleneck, kOutline));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(
                box.adjusted(kOutline / 2, kOutline / 2, -kOutline / 2, -kOutline / 2));
        }
        // A single point of failure keeps a mark of the badge's red: its bottom-right corner
        // (QA: a design seen whole, or exported at a third of its size, showed none of its
        // 124 SPOFs while the legend listed the badge).
        if (r && !selected && r->spof) {
            constexpr qreal kCorner = kHeight * 0.45;
            const QPointF corner[] = {
                {kWidth, kHeight - kCorner}, {kWidth, kHeight}, {kWidth - kCorner, kHeight}};
            // Edged in the box colour: a block in the critical band is filled with that red
            // (review).
            painter->setPen(QPen(col.box, 4));
            painter->setBrush(col.red);
            painter->drawPolygon(corner, 3);
        }
        if (lod >= kNameLevel)
            paintBlockName(painter, fill, widget);
        return;
    }
    if (!m_detail || m_stale)
        refreshLook();
    Detail &d = *m_detail;

    // On screen the box (text, an SVG icon, rounded shapes) is drawn once per zoom level and
    // change into a pixmap, then blitted: panning and dragging only translate it. Not
    // QGraphicsItem::DeviceCoordinateCache: that would put pixmaps into SVG and PDF exports
    // too; they render without a widget and get vectors.
    const QTransform world = painter->worldTransform();
    if (!widget || world.type() > QTransform::TxScale ||
        painter->paintEngine()->type() != QPaintEngine::Raster) {
        paintFrame(painter, selected);
        paintContent(painter, widget);
        return;
    }
    const qreal dpr = painter->device()->devicePixelRatio();
    const QRectF bounds = boundingRect();
    const Picture wanted{d.version, world.m11(), selected, QApplication::palette().cacheKey()};
    // Whole device pixels, so the blits are plain copies with no resampling.
    const QPointF topLeft = world.map(bounds.topLeft());
    const QPointF at(std::round(topLeft.x()), std::round(topLeft.y()));
    QPixmap pixmap;
    if (d.cached == wanted && QPixmapCache::find(d.key, &pixmap)) {
        painter->setWorldTransform(QTransform());
        painter->drawPixmap(at, pixmap);
        painter->setWorldTransform(world);
        return;
    }
    // The frame, icon and port are the same for every box of a kind and state: drawn once
    // (rounded, antialiased shapes are the slow part of a box) and copied.
    const QString frameKey = QStringLiteral("scalecanvas/box/%1/%2/%3/%4/%5/%6")
                                 .arg(world.m11())
                                 .arg(dpr)
                                 .arg(wanted.palette)
                                 .arg(int(d.look.kind))
                                 .arg(int(selected))
                                 .arg(int(d.look.bottleneck) * 2 + int(d.look.error));
    // A painter on a picture of the box at this zoom, in item coordinates.
    auto drawOn = [&](QPixmap &picture, const auto &paint) {
        QPainter p(&picture);
        p.setRenderHints(painter->renderHints());
        p.scale(world.m11(), world.m22());
        p.translate(-bounds.topLeft());
        paint(&p);
    };
    QPixmap frame;
    if (!QPixmapCache::find(frameKey, &frame)) {
        frame = QPixmap(QSize(int(std::ceil(bounds.width() * world.m11() * dpr)),
                              int(std::ceil(bounds.height() * world.m22() * dpr))));
        frame.setDevicePixelRatio(dpr);
        frame.fill(Qt::transparent);
        drawOn(frame, [&](QPainter *p) { paintFrame(p, selected); });
        QPixmapCache::insert(frameKey, frame);
    }
    if (d.drawn != wanted) {
        // The first time a look is shown it is drawn straight onto the view: new figures
        // often replace it before it is shown again (the users slider), and a picture made
        // for one frame costs more than it saves. Positioned exactly as the picture would be.
        d.drawn = wanted;
        painter->setWorldTransform(QTransform());
        painter->drawPixmap(at, frame);
        painter->setWorldTransform(QTransform::fromTranslate(at.x(), at.y())
                                       .scale(world.m11(), world.m22())
                                       .translate(-bounds.left(), -bounds.top()));
        paintContent(painter, widget);
        painter->setWorldTransform(world);
        return;
    }
    pixmap = frame.copy();
    drawOn(pixmap, [&](QPainter *p) { paintContent(p, widget); });
    QPixmapCache::remove(d.key);
    d.key = QPixmapCache::insert(pixmap); // LRU-bounded: no memory kept per item
    d.cached = wanted;
    painter->setWorldTransform(QTransform());
    painter->drawPixmap(at, pixmap);
    painter->setWorldTransform(world);
}

ComponentItem::BlockName ComponentItem::fitBlockName(const QString &name, const QSizeF &size,
                                                     QFont font)
{
    const QRectF box(QPointF(), size);
    const int largest = std::clamp(int(size.height() * 0.35), 8, 14);
    for (int px = largest; px >= 8; --px) {
        font.setPixelSize(px);
        const QFontMetricsF fm(font);
        if (fm.boundingRect(box, Qt::AlignCenter, name).width() <= size.width())
            return {name, size, px, false, name};
        const QRectF two = fm.boundingRect(box, Qt::AlignCenter | Qt::TextWordWrap, name);
        if (two.width() <= size.width() && two.height() <= size.height() &&
            two.height() <= 2.5 * fm.height())
            return {name, size, px, true, name};
    }
    // Too long for two lines of the smallest type: elided, in the largest.
    font.setPixelSize(largest);
    return {name, size, largest, false,
            QFontMetricsF(font).elidedText(name, Qt::ElideRight, std::max(0.0, size.width()))};
}

// The name across a plain block, bold, as fitBlockName fits it to the block on screen, dark or
// light against the block's colour. (Elided at once, "Replicas US" and "Replicas EU" both read
// "Replic…" zoomed to fit; QA.)
void ComponentItem::paintBlockName(QPainter *painter, const QColor &fill, QWidget *widget) const
{
    const QString name = m_doc->componentLabel(m_id);
    const QTransform world = painter->worldTransform();
    const QRectF onScreen = world.mapRect(QRectF(0, 0, kWidth, kHeight)).adjusted(3, 2, -3, -2);
    QFont f = widget ? widget->font() : QApplication::font();
    f.setBold(true);
    if (!m_blockName || m_blockName->name != name || m_blockName->size != onScreen.size())
        m_blockName = std::make_unique<BlockName>(fitBlockName(name, onScreen.size(), f));
    const BlockName &fit = *m_blockName;
    f.setPixelSize(fit.pixels);
    painter->save();
    painter->setWorldTransform(QTransform());
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->setFont(f);
    painter->setPen(fill.lightness() > 150 ? QColor(20, 22, 26) : QColor(245, 246, 248));
    painter->drawText(onScreen, Qt::AlignCenter | (fit.wrapped ? Qt::TextWordWrap : 0), fit.text);
    painter->restore();
}

void ComponentItem::paintFrame(QPainter *painter, bool selected) const
{
    const Look &look = m_detail->look;
    const CanvasColors col = canvasColors();
    const QRectF box(0, 0, kWidth, kHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    // Bottleneck: a thick outline just inside the box's edge (outside it, it ran over the flow
    // labels that sit close beside the box: presenting, "1.7k/s" lost its "s"; QA); selection:
    // the highlight colour; an error: a red border.
    const QColor border = selected ? col.selection : look.error ? col.red : col.border;
    painter->setPen(QPen(border, selected || look.error ? 2.2 : 1));
    painter->setBrush(col.box);
    painter->drawRoundedRect(box, 8, 8);
    if (look.bottleneck) {
        painter->setPen(QPen(col.bottleneck, 3.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(2.5, 2.5, -2.5, -2.5), 6.5, 6.5);
        if (selected || look.error) { // the border's colour stays readable outside it
            painter->setPen(QPen(border, 2.2));
            painter->drawRoundedRect(box, 8, 8);
        }
    }
    kindIcon(look.kind).paint(painter, QRect(8, 8, 24, 24));
    if (look.error)
        paintErrorMarker(painter, kErrorMark);
    // Port handle, where a connection may start (a database's invited a drag that could only
    // be refused; QA).
    if (!sc::sendsRequests(look.kind))
        return;
    painter->setPen(QPen(col.border, 1.2));
    painter->setBrush(col.port);
    painter->drawEllipse(portRect().adjusted(2, 2, -2, -2));
}

namespace {

// Sizes in pixels at 1:1, so the layout is the same on every screen.
QFont sized(QFont f, int px, bool bold)
{
    f.setPixelSize(px);
    f.setBold(bold);
    return f;
}

struct Fit {
    QFont font;
    QString text;
    qreal width = 0;
};

// `text` in the largest pixel size from `from` down to `to` whose width fits `room`; at `to`
// elided to it.
Fit fitLine(const QFont &base, const QString &text, int from, int to, bool bold, qreal room)
{
    for (int px = from; px >= to; --px) {
        const QFont f = sized(base, px, bold);
        const qreal w = QFontMetricsF(f).horizontalAdvance(text);
        if (w <= room)
            return {f, text, w};
    }
    const QFont f = sized(base, to, bold);
    const QFontMetricsF fm(f);
    const QString e = fm.elidedText(text, Qt::ElideRight, room);
    return {f, e, fm.horizontalAdvance(e)};
}

// The lines `text` wraps into at `room` wide (words kept whole unless one alone is too wide),
// each with where it starts in `text`.
std::vector<std::pair<qsizetype, QString>> wrapLines(const QString &text, const QFont &font,
                                                     qreal room)
{
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    std::vector<std::pair<qsizetype, QString>> lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(room);
        lines.emplace_back(line.textStart(),
                           text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    return lines;
}

using Text = ComponentItem::Text;
using Layout = ComponentItem::Layout;

// The box's bands, top to bottom: header (label and subtitle, right of the icon), then three
// rows of figures.
constexpr qreal kPad = 8, kGap = 6, kMinBar = 48;
constexpr qreal kHeaderLeft = 36, kHeaderTop = 2, kHeaderBottom = 44;
constexpr qreal kRow1Top = 44, kRow1Bottom = 61, kRow2Top = 61, kRow2Bottom = 80;
constexpr qreal kRow3Top = 81, kRow3Bottom = 101;
constexpr qreal kRowWidth = ComponentItem::kWidth - 2 * kPad;

void place(Layout &out, Text::Role role, const Fit &fit, const QString &full, qreal x, qreal top,
           qreal bottom)
{
    const qreal h = QFontMetricsF(fit.font).height();
    out.texts.push_back(
        {role, fit.text, full, QRectF(x, top + (bottom - top - h) / 2, fit.width, h), fit.font});
}

// The label (one line, or two) and the subtitle, centred in the header.
void layoutHeader(Layout &out, const ComponentItem::Look &look, const QFont &base)
{
    const qreal room = ComponentItem::kWidth - kHeaderLeft - kPad;
    const qreal space = kHeaderBottom - kHeaderTop;
    const Fit sub = fitLine(base, look.sub, 11, 9, false, room);
    const qreal subHeight = QFontMetricsF(sub.font).height();
    std::vector<Fit> lines;
    for (int px = 14; px >= 12 && lines.empty(); --px) {
        const QFont f = sized(base, px, true);
        const qreal w = QFontMetricsF(f).horizontalAdvance(look.label);
        if (w <= room)
            lines.push_back({f, look.label, w});
    }
    for (int px = 13; px >= 10 && lines.empty(); --px) {
        const QFont f = sized(base, px, true);
        const QFontMetricsF fm(f);
        const auto wrapped = wrapLines(look.label, f, room);
        const bool last = px == 10;
        if (2 * fm.height() + subHeight > space && !last)
            continue;
        if (wrapped.size() > 2 && !last)
            continue;
        for (size_t i = 0; i < std::min<size_t>(2, wrapped.size()); ++i) {
            // The second line holds the rest, elided if it is longer.
            const QString text =
                i == 1 ? look.label.mid(wrapped[1].first).trimmed() : wrapped[0].second;
            const QString shown = fm.elidedText(text, Qt::ElideRight, room);
            lines.push_back({f, shown, fm.horizontalAdvance(shown)});
        }
    }
    qreal height = subHeight;
    for (const Fit &l : lines)
        height += QFontMetricsF(l.font).height();
    qreal y = kHeaderTop + std::max<qreal>(0, (space - height) / 2);
    for (const Fit &l : lines) {
        const qreal h = QFontMetricsF(l.font).height();
        place(out, Text::Label, l, look.label, kHeaderLeft, y, y + h);
        y += h;
    }
    place(out, Text::Sub, sub, look.sub, kHeaderLeft, y, y + subHeight);
}

// `left` at the left of a row and `right` (if any) at its right, in the largest common size
// from 13 px down to 10 px that holds both; then the right one takes at most half the row and
// the left one the rest, elided.
void layoutRow(Layout &out, const QFont &base, qreal top, qreal bottom, Text::Role leftRole,
               const QString &left, bool leftBold, Text::Role rightRole, const QString &right,
               bool rightBold, int largest = 13, int smallest = 10)
{
    for (int px = largest; px >= smallest; --px) {
        const Fit l{sized(base, px, leftBold), left, 0};
        const Fit r{sized(base, px, rightBold), right, 0};
        const qreal lw = QFontMetricsF(l.font).horizontalAdvance(left);
        const qreal rw = right.isEmpty() ? 0 : QFontMetricsF(r.font).horizontalAdvance(right);
        if (lw + (right.isEmpty() ? 0 : rw + kGap) <= kRowWidth || px == smallest) {
            // At the smallest size the right one (latency) keeps at most half the row.
            const Fit rf = right.isEmpty()
                               ? Fit{}
                               : fitLine(base, right, px, px, rightBold,
                                         lw + rw + kGap <= kRowWidth ? rw : kRowWidth / 2);
            const qreal leftRoom = kRowWidth - (right.isEmpty() ? 0 : rf.width + kGap);
            const Fit lf = fitLine(base, left, px, px, leftBold, leftRoom);
            place(out, leftRole, lf, left, kPad, top, bottom);
            if (!right.isEmpty())
                place(out, rightRole, rf, right, ComponentItem::kWidth - kPad - rf.width, top,
                      bottom);
            return;
        }
    }
}

// The utilization bar and its figure at its right: the figure in the largest size from 13 px
// that leaves the bar kMinBar wide, the bar taking the rest.
void layoutBar(Layout &out, const ComponentItem::Look &look, const QFont &base)
{
    const QString &text = look.figures.utilization;
    const Fit fit = fitLine(base, text, 13, 10, look.tone >= 2, kRowWidth - kMinBar - kGap);
    const qreal barWidth = kRowWidth - fit.width - kGap;
    const qreal mid = (kRow2Top + kRow2Bottom) / 2;
    out.bar = QRectF(kPad, mid - 5, barWidth, 10);
    place(out, Text::Utilization, fit, text, ComponentItem::kWidth - kPad - fit.width, kRow2Top,
          kRow2Bottom);
}

// The cost, and the SPOF badge at the right of the same row.
void layoutCost(Layout &out, const ComponentItem::Look &look, const QFont &base)
{
    qreal room = kRowWidth;
    if (look.figures.spof) {
        const QFont b = sized(base, 10, true);
        const qreal w = QFontMetricsF(b).horizontalAdvance(QStringLiteral("SPOF")) + 10;
        const qreal mid = (kRow3Top + kRow3Bottom) / 2;
        out.texts.push_back({Text::Spof, QStringLiteral("SPOF"), QStringLiteral("SPOF"),
                             QRectF(ComponentItem::kWidth - kPad - w, mid - 7.5, w, 15), b});
        room -= w + kGap;
    }
    place(out, Text::Cost, fitLine(base, look.figures.cost, 13, 10, false, room), look.figures.cost,
          kPad, kRow3Top, kRow3Bottom);
}

// Projector text: the label in up to 22 px on one line; arrivals and utilization in up to 20 px;
// the load bar under them; the cost (or the failing share, in red) in up to 20 px with the SPOF
// badge.
void layoutProjector(Layout &out, const ComponentItem::Look &look, const QFont &base)
{
    const qreal room = ComponentItem::kWidth - kHeaderLeft - kPad;
    place(out, Text::Label, fitLine(base, look.label, 22, 13, true, room), look.label, kHeaderLeft,
          2, 36);
    const ComponentItem::Figures &f = look.figures;
    constexpr qreal kRowTop = 36, kRowBottom = 64, kBarTop = 66, kCostTop = 76, kBottom = 102;
    layoutRow(out, base, kRowTop, kRowBottom, Text::Rps, f.rps, false, Text::Utilization,
              look.station ? f.utilization : QString(), look.tone >= 2, 20, 12);
    if (look.station)
        out.bar = QRectF(kPad, kBarTop, kRowWidth, 8);
    qreal costRoom = kRowWidth;
    if (f.spof) {
        const QFont b = sized(base, 13, true);
        const qreal w = QFontMetricsF(b).horizontalAdvance(QStringLiteral("SPOF")) + 12;
        const qreal mid = (kCostTop + kBottom) / 2;
        out.texts.push_back({Text::Spof, QStringLiteral("SPOF"), QStringLiteral("SPOF"),
                             QRectF(ComponentItem::kWidth - kPad - w, mid - 10, w, 20), b});
        costRoom -= w + kGap;
    }
    const bool failing = !f.failing.isEmpty();
    // At the timeline's clock the bill is not the box's (applyFrame clears it): the row says
    // how many instances serve and boot instead, which a class watching a spike asks (QA: the
    // "N up, M booting" the editor shows was dropped in presentation).
    const bool instances = look.timed && !failing && f.cost.isEmpty() && !look.sub.isEmpty();
    const QString &last = failing ? f.failing : instances ? look.sub : f.cost;
    place(out,
          failing     ? Text::Failing
          : instances ? Text::Sub
                      : Text::Cost,
          fitLine(base, last, 20, 12, failing, costRoom), last, kPad, kCostTop, kBottom);
}

// A note filling the rows (why there are no figures), wrapped, the last line elided.
void layoutNote(Layout &out, const QString &note, const QFont &base)
{
    const QFont f = sized(base, 12, false);
    const QFontMetricsF fm(f);
    const int most = std::max(1, int((kRow3Bottom - kRow1Top) / fm.height()));
    const auto wrapped = wrapLines(note, f, kRowWidth);
    qreal y = kRow1Top;
    for (size_t i = 0; i < wrapped.size() && int(i) < most; ++i) {
        const bool last = int(i) + 1 == most && i + 1 < wrapped.size();
        const QString text =
            last ? fm.elidedText(note.mid(wrapped[i].first).simplified(), Qt::ElideRight, kRowWidth)
                 : wrapped[i].second;
        place(out, Text::Note, {f, text, fm.horizontalAdvance(text)}, note, kPad, y,
              y + fm.height());
        y += fm.height();
    }
}

} // namespace

bool ComponentItem::Layout::elided(const Text::Role role) const
{
    QString shown;
    QString full;
    for (const Text &t : texts) {
        if (t.role != role)
            continue;
        shown += t.text;
        full = t.full;
    }
    // Wrapped lines lose only the spaces they were broken at.
    const auto squeeze = [](QString s) { return s.remove(QLatin1Char(' ')); };
    return squeeze(shown) != squeeze(full);
}

ComponentItem::Layout ComponentItem::layout(const Look &look, const QFont &font)
{
    Layout out;
    if (look.projector && look.hasFigures) {
        layoutProjector(out, look, font);
        if (look.error)
            out.errorMark = kErrorMark;
        return out;
    }
    layoutHeader(out, look, font);
    if (look.error)
        out.errorMark = kErrorMark;
    if (!look.hasFigures) {
        // The component at fault says why; the others only that figures are missing.
        layoutNote(out,
                   look.fault.isEmpty() ? QObject::tr("no figures: the design has an error")
                                        : look.fault,
                   font);
        return out;
    }
    const Figures &f = look.figures;
    if (!f.failing.isEmpty())
        layoutRow(out, font, kRow1Top, kRow1Bottom, Text::Rps, f.rps, false, Text::Failing,
                  f.failing, true);
    else
        layoutRow(out, font, kRow1Top, kRow1Bottom, Text::Rps, f.rps, false, Text::Latency,
                  look.showLatency ? f.latency : QString(), f.overloaded);
    if (look.station)
        layoutBar(out, look, font);
    else
        place(out, Text::Note, fitLine(font, f.utilization, 11, 9, false, kRowWidth), f.utilization,
              kPad, kRow2Top, kRow2Bottom);
    layoutCost(out, look, font);
    return out;
}

namespace {
bool s_projectorText = false;
} // namespace

void ComponentItem::setProjectorText(bool on)
{
    s_projectorText = on;
}

bool ComponentItem::projectorText()
{
    return s_projectorText;
}

ComponentItem::Layout ComponentItem::currentLayout() const
{
    return layout(readLook(), QApplication::font());
}

void ComponentItem::paintContent(QPainter *painter, QWidget *widget) const
{
    const Look &look = m_detail->look;
    Detail &d = *m_detail;
    const CanvasColors col = canvasColors();
    painter->setRenderHint(QPainter::Antialiasing);
    // Not painter->font(): the view does not restore painter state between items. Measuring
    // text costs as much as drawing it: laid out once per look and font.
    const QFont font = widget ? widget->font() : QApplication::font();
    if (d.laidOut != d.version || d.font != font) {
        d.layout = layout(look, font);
        d.laidOut = d.version;
        d.font = font;
    }
    const Layout &lay = d.layout;
    if (!lay.bar.isEmpty()) {
        // The utilization bar: its track, then the fill in the tone of its load band.
        painter->setPen(Qt::NoPen);
        painter->setBrush(col.barTrack);
        painter->drawRoundedRect(lay.bar, 3, 3);
        QRectF done = lay.bar;
        done.setWidth(lay.bar.width() * look.bar / 1024);
        if (look.bar > 0 && done.width() < 2)
            done.setWidth(2);
        painter->setBrush(toneColor(look.tone, col));
        painter->drawRoundedRect(done, 3, 3);
    }
    for (const Text &t : lay.texts) {
        if (t.role == Text::Spof) {
            paintSpofBadge(painter, t.rect, t.font);
            continue;
        }
        QColor pen = col.text;
        switch (t.role) {
        case Text::Sub:
            pen = col.dim;
            break;
        case Text::Latency:
            pen = look.figures.overloaded ? col.red : col.dim;
            break;
        case Text::Failing:
            pen = col.red;
            break;
        case Text::Utilization:
            pen = look.tone >= 2 ? toneColor(look.tone, col) : col.text;
            break;
        case Text::Note:
            pen = look.fault.isEmpty() ? col.dim : col.red;
            break;
        default:
            break;
        }
        painter->setFont(t.font);
        painter->setPen(pen);
        painter->drawText(t.rect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, t.text);
    }
}

namespace {

QString explain(ComponentItem::Text::Role role, const sc::ComponentResult *r, bool atClock = false)
{
    using T = ComponentItem::Text;
    // In a run the box shows the step at the timeline's clock, not the peak (QA: the failing
    // figure's hint said "at the peak" over a spike's step).
    const QString when =
        atClock ? QObject::tr("at the timeline's clock") : QObject::tr("at the peak");
    switch (role) {
    case T::Label:
        return QObject::tr("The component's label (double-click to rename)");
    case T::Sub:
        return QObject::tr("Instances running %1 × instance type").arg(when);
    case T::Rps:
        return QObject::tr("Arrivals %1: requests per second reaching this component").arg(when);
    case T::Latency:
        return r && r->overloaded
                   ? QObject::tr("Overloaded: more requests arrive than it can serve, so its "
                                 "queue grows without bound")
                   : QObject::tr("Mean time a request spends here %1 (waiting and service), not "
                                 "counting what it calls")
                         .arg(when);
    case T::Utilization:
        return QObject::tr("Utilization %1: arrivals ÷ capacity").arg(when);
    case T::Cost:
        return QObject::tr("Monthly cost of this component");
    case T::Spof:
        return QObject::tr("Single point of failure: when it fails, the requests through it fail");
    case T::Failing:
        return QObject::tr("Share of the requests arriving here that fail %1: shed past its "
                           "capacity, or refused for want of a thread or a connection")
            .arg(when);
    case T::Note:
        break;
    }
    return {};
}

} // namespace

namespace {

// Served of offered, and what fails and why, in the error colour.
QString failingText(const sc::ComponentResult &r)
{
    QString why;
    if (r.refusedRps > 0 && r.refusedRps < r.errorRps)
        why = QObject::tr(" (%1 refused for want of a thread or a connection, the rest shed past "
                          "capacity)")
                  .arg(formatRps(r.refusedRps));
    else if (r.refusedRps > 0)
        why = QObject::tr(" (refused for want of a thread or a connection)");
    else
        why = QObject::tr(" (shed past capacity)");
    const QString text =
        QObject::tr("Served %1 of %2 offered; %3 fail%4")
            .arg(formatRps(r.servedRps), formatRps(r.arrivalRps), formatRps(r.errorRps), why);
    return QStringLiteral("<span style='color:#c81e28'>%1</span>").arg(text.toHtmlEscaped());
}

// At the timeline's clock: the step's figures as the box shows them (it read "Arrivals at the
// peak: no backlog" beside the steady utilization), and where the run's cost is.
QStringList frameTipLines(const ComponentItem::Look &look, const TimelineRun &run)
{
    const ComponentItem::Figures &f = look.figures;
    QStringList lines;
    lines << QObject::tr("At the timeline's clock: %1").arg(f.rps.toHtmlEscaped());
    if (look.station)
        lines << QObject::tr("Utilization at that step: %1").arg(f.utilization.toHtmlEscaped());
    if (!f.failing.isEmpty())
        lines << QStringLiteral("<span style='color:#c81e28'>%1</span>")
                     .arg(f.failing.toHtmlEscaped());
    lines << QObject::tr("Cost: the run's, %1 in all, is in the timeline's summary (the "
                         "simulation bills the design, not each box)")
                 .arg(formatMoney(run.summary.costUsd).toHtmlEscaped());
    if (f.spof)
        lines << explain(ComponentItem::Text::Spof, nullptr);
    return lines;
}

} // namespace

QString ComponentItem::toolTipAt(const QPointF &p) const
{
    const Look look = readLook();
    const Layout lay = currentLayout();
    const sc::ComponentResult *r = m_doc->result(m_id);
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    QString what;
    if (sc::sendsRequests(look.kind) && QLineF(p, portRect().center()).length() <= portHitRadius(1))
        what = QObject::tr("Drag from this port to another component to connect them");
    else if (lay.errorMark.contains(p))
        what = QObject::tr("Error: requests stop here (see the warnings below)");
    const bool atClock = m_doc->timeFrameRun() != nullptr;
    if (what.isEmpty() && lay.bar.contains(p))
        what = explain(Text::Utilization, r, atClock);
    for (const Text &t : lay.texts)
        if (what.isEmpty() && t.rect.contains(p))
            what = explain(t.role, r, atClock);
    QStringList lines;
    if (!what.isEmpty())
        lines << QStringLiteral("<i>%1</i>").arg(what.toHtmlEscaped());
    lines << QStringLiteral("<b>%1</b> — %2")
                 .arg(
                     look.label.toHtmlEscaped(),
                     QString::fromStdString(std::string(sc::kindTitle(look.kind))).toHtmlEscaped());
    if (look.sub != QString::fromStdString(std::string(sc::kindTitle(look.kind))))
        lines << look.sub.toHtmlEscaped();
    if (const TimelineRun *run = m_doc->timeFrameRun(); r && run) {
        lines << frameTipLines(look, *run);
    } else if (r) {
        const Figures &f = look.figures;
        lines << QObject::tr("Arrivals at the peak: %1").arg(f.rps.toHtmlEscaped());
        if (!f.failing.isEmpty())
            lines << failingText(*r);
        if (look.showLatency)
            lines << QObject::tr("Latency here: %1").arg(f.latency.toHtmlEscaped());
        if (r->station && std::isfinite(r->utilization)) {
            const sc::LoadBandInfo &band = sc::kLoadBands[int(sc::loadBand(r->utilization))];
            // As the bar's figure reads ("<1%" for a sliver, the core's rounding).
            lines << QObject::tr("Utilization: %1 = %2 ÷ %3 capacity (%4: %5)")
                         .arg(formatPercent(r->utilization).toHtmlEscaped(),
                              formatRps(r->arrivalRps).toHtmlEscaped(),
                              formatRps(r->capacityRps).toHtmlEscaped(),
                              QString::fromUtf8(band.name), QString::fromUtf8(band.meaning));
        } else if (!r->station) {
            lines << QObject::tr("No capacity limit");
        }
        lines << QObject::tr("Cost: %1").arg(f.cost.toHtmlEscaped());
        if (f.spof)
            lines << explain(Text::Spof, r);
    }
    if (look.bottleneck)
        // Not "the first to hit the wall": past the wall, or with a tier that auto-scales, the
        // busiest station need not be the wall's (QA: said so over an app tier where the wall
        // was the database's).
        lines << QObject::tr("The bottleneck: the busiest station at these users");
    if (!look.fault.isEmpty())
        lines << QStringLiteral("<span style='color:#c81e28'>%1</span>")
                     .arg(look.fault.toHtmlEscaped());
    for (const QString &w : warningsOn())
        lines << w.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

} // namespace scui
