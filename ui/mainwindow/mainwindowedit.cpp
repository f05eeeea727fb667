// The main window's Edit commands: the clipboard (copy, cut, paste where the pasted boxes clear
// those already there), duplicate, rename, delete and select all.

#include "mainwindow.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/componentitem.h"
#include "ui/commands/componentcommands.h"
#include "ui/document.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QStatusBar>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace scui {
namespace {

constexpr char kClipboardMime[] = "application/x-scalecanvas-components";

} // namespace

void MainWindow::copy()
{
    const QStringList ids = m_scene->selectedIds();
    if (ids.isEmpty())
        return;
    const std::string json = serializeComponents(m_doc->design(), ids);
    auto *mime = new QMimeData;
    mime->setData(kClipboardMime, QByteArray::fromStdString(json));
    mime->setText(QString::fromStdString(json));
    QApplication::clipboard()->setMimeData(mime);
    m_pasteCount = 0;
}

void MainWindow::cut()
{
    copy();
    deleteSelection();
}

void MainWindow::pasteJson(const std::string &json, QPointF offset)
{
    if (m_scene->readOnly()) // presenting: a view
        return;
    auto *cmd = new AddComponents(m_doc, json, clearOffset(json, offset));
    if (cmd->ids().isEmpty()) {
        delete cmd;
        showMessage(tr("Nothing to paste"), 4000);
        return;
    }
    cmd->setText(QObject::tr("Paste"));
    cmd->setSelectionBefore(m_scene->selection());
    const QStringList ids = cmd->ids();
    m_doc->undoStack()->push(cmd);
    m_scene->selectIds(ids);
    // Where it landed, in view (a copy moved clear of the others may land past the edge): all of
    // it when the view holds it (QA: of three pasted, the third lay off screen), else its first.
    QRectF landed;
    for (const QString &id : ids)
        if (const ComponentItem *c = m_scene->componentItem(id))
            landed |= c->sceneBoundingRect();
    const QRectF shown = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    const qreal zoom = m_view->transform().m11();
    const auto margin = [zoom](qreal room) { return int(std::clamp(room * zoom / 2, 0.0, 40.0)); };
    if (landed.width() <= shown.width() && landed.height() <= shown.height())
        m_view->ensureVisible(landed, margin(shown.width() - landed.width()),
                              margin(shown.height() - landed.height()));
    else if (const ComponentItem *first = m_scene->componentItem(ids.first()))
        m_view->ensureVisible(first, 40, 40);
}

QByteArray MainWindow::clipboardDesign() const
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (mime && mime->hasFormat(kClipboardMime))
        return mime->data(kClipboardMime);
    if (mime && mime->hasText() && mime->text().contains(QLatin1String("\"scalecanvas\"")))
        return mime->text().toUtf8();
    return {};
}

void MainWindow::paste()
{
    const QByteArray data = clipboardDesign();
    if (data.isEmpty())
        return;
    // Each paste of one copy lands a step further from the original, a step that stays visible
    // on screen however far the view is zoomed out.
    ++m_pasteCount;
    pasteJson(data.toStdString(), QPointF(1, 1) * pasteStep() * m_pasteCount);
}

// A copy laid over its original or a neighbour hid their edges and figures (QA): it moves on,
// a paste step at a time down and right, straight down or straight right, whichever comes
// clear first; nowhere clear within 40 steps, where it was asked to go.
QPointF MainWindow::clearOffset(const std::string &json, QPointF offset) const
{
    constexpr qreal kMargin = 12; // between a pasted box and the others
    const auto boxAt = [](const sc::Point &p, QPointF by) {
        return QRectF(QPointF(p.x, p.y) + by,
                      QSizeF(ComponentItem::kWidth, ComponentItem::kHeight));
    };
    constexpr int kSteps = 40;
    const qreal step = pasteStep();
    const sc::Design part = deserializeComponents(json);
    // Only the boxes the search can reach (a big design has thousands elsewhere).
    QRectF reach;
    for (const sc::Component &c : part.components)
        reach |= boxAt(c.position, offset);
    reach.adjust(-kMargin, -kMargin, kSteps * step + kMargin, kSteps * step + kMargin);
    std::vector<QRectF> near;
    for (const sc::Component &other : m_doc->design().components)
        if (const QRectF r = boxAt(other.position, {}); r.intersects(reach))
            near.push_back(r);
    const auto clear = [&](QPointF by) {
        for (const sc::Component &c : part.components) {
            const QRectF r = boxAt(c.position, by).adjusted(-kMargin, -kMargin, kMargin, kMargin);
            for (const QRectF &other : near)
                if (r.intersects(other))
                    return false;
        }
        return true;
    };
    for (int k = 0; k <= kSteps; ++k)
        for (const QPointF &dir : {QPointF(1, 1), QPointF(0, 1), QPointF(1, 0)})
            if (const QPointF by = offset + dir * step * k; clear(by))
                return by;
    return offset;
}

qreal MainWindow::pasteStep() const
{
    constexpr qreal kStep = 40; // scene units at 100 %
    return kStep * std::max<qreal>(1, std::ceil(1 / m_view->zoom() - 1e-9));
}

void MainWindow::duplicate()
{
    const QStringList ids = m_scene->selectedIds();
    if (ids.isEmpty())
        return;
    pasteJson(serializeComponents(m_doc->design(), ids), QPointF(1, 1) * pasteStep());
}

void MainWindow::renameSelection()
{
    if (m_scene->readOnly())
        return;
    const QStringList ids = m_scene->selectedIds();
    // The in-place editor takes the keyboard from wherever it is (GUI QA: F2 after a box added
    // from the palette with Return left the keys in the palette, where the name typed was lost
    // and Return added a second box).
    if (ids.size() == 1 || (ids.isEmpty() && !m_scene->selectedGroup().isEmpty()))
        m_view->setFocus(Qt::ShortcutFocusReason);
    if (const QString group = m_scene->selectedGroup(); ids.isEmpty() && !group.isEmpty()) {
        m_scene->editGroupLabel(group); // a region's or a zone's title
        return;
    }
    if (ids.size() != 1) {
        statusBar()->showMessage(ids.isEmpty() ? tr("Select a box to rename it")
                                               : tr("Select one box to rename it"),
                                 4000);
        return;
    }
    if (ComponentItem *c = m_scene->componentItem(ids.first())) {
        m_view->ensureVisible(c, 40, 40);
        m_scene->editLabel(ids.first());
    }
}

void MainWindow::deleteSelection()
{
    m_scene->deleteSelection();
}

void MainWindow::selectAll()
{
    m_scene->selectAll();
}

} // namespace scui
