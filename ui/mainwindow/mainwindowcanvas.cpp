// The canvas's commands in the main window: a box added from the palette, a component found by
// name, a box wired from a list, and the menus of a box, a note, a group or the canvas.
#include "mainwindow.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/chaosmarks.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/groupitem.h"
#include "ui/canvas/noteitem.h"
#include "ui/commands/changecommands.h"
#include "ui/document.h"
#include "ui/numberformat.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>
#include <vector>

namespace scui {
namespace {

// Return in a completer's list presses `find` at once, with the entry highlighted (if any) in the
// field: the list only closed, with no entry highlighted, and the dialog wanted a second Return
// (QA).
class ReturnInListFinds final : public QObject
{
public:
    ReturnInListFinds(QCompleter *completer, QLineEdit *field, QAbstractButton *find)
        : QObject(completer)
        , m_completer(completer)
        , m_field(field)
        , m_find(find)
    {
        completer->popup()->installEventFilter(this); // before the completer's own filter
    }

    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() != QEvent::KeyPress)
            return false;
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key != Qt::Key_Return && key != Qt::Key_Enter)
            return false;
        if (const QModelIndex at = m_completer->popup()->currentIndex(); at.isValid())
            m_field->setText(at.data().toString());
        m_completer->popup()->hide();
        m_find->click();
        return true;
    }

private:
    QCompleter *m_completer;
    QLineEdit *m_field;
    QAbstractButton *m_find;
};

} // namespace

void MainWindow::findComponent()
{
    const auto &comps = m_doc->design().components;
    if (comps.empty())
        return;
    // "Label (id)", or the id alone when the label is it or empty, in design order.
    QStringList names, ids; // (the design may change while the dialog is open: found by id)
    for (const sc::Component &c : comps) {
        const QString id = QString::fromStdString(c.id), label = QString::fromStdString(c.label);
        names << (label.isEmpty() || label == id ? id : tr("%1 (%2)").arg(label, id));
        ids << id;
    }
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Find Component"));
    auto *field = new QLineEdit(dialog);
    field->setPlaceholderText(tr("Name or id"));
    auto *completer = new QCompleter(names, field);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    field->setCompleter(completer);
    auto *message = new QLabel(dialog);
    message->hide();                                                // until nothing is found
    dialog->setMinimumWidth(fontMetrics().averageCharWidth() * 48); // its title whole
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Find"));
    new ReturnInListFinds(completer, field, buttons->button(QDialogButtonBox::Ok));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(tr("Component:"), dialog));
    layout->addWidget(field);
    layout->addWidget(message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog,
            [this, dialog, field, message, names, ids] {
                // The entry chosen, else the first whose name or id holds the text.
                const QString text = field->text().trimmed();
                qsizetype at = names.indexOf(text);
                for (qsizetype i = 0; at < 0 && !text.isEmpty() && i < names.size(); ++i)
                    if (names[i].contains(text, Qt::CaseInsensitive))
                        at = i;
                ComponentItem *item = at >= 0 ? m_scene->componentItem(ids[at]) : nullptr;
                if (!item) {
                    message->setText(tr("No component's name or id holds \"%1\".").arg(text));
                    message->show();
                    return;
                }
                m_scene->selectIds({item->id()});
                m_autoFit = false;
                if (m_view->zoom() < 0.5) // found too small to read: at actual size
                    m_view->resetZoom();
                m_view->centerOn(item);
                dialog->accept();
                // The keys then act on the box found (arrows, Esc, the Menu key), not on the
                // widget that had the focus before (QA: the Variant box kept it).
                m_view->setFocus(Qt::OtherFocusReason);
            });
    dialog->open();
}

QString MainWindow::addGroup(const std::string &kind)
{
    const QStringList ids = m_scene->selectedIds();
    const QString id =
        m_scene->addGroup(kind, ids, m_view->mapToScene(m_view->viewport()->rect().center()));
    if (GroupItem *g = m_scene->groupItem(id))
        m_view->ensureVisible(g, 20, 20);
    return id;
}

QString MainWindow::addComponentAtCentre(sc::Kind kind)
{
    const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    // Beside the boxes already there (a second Enter on the palette), not on top of them: the
    // free place of a grid round the centre nearest it, along its row first (right, then left),
    // then the rows below and above. (A diagonal cascade put the third box out of a 1280 × 800
    // view; QA.)
    const qreal stepX = ComponentItem::kWidth + 40, stepY = ComponentItem::kHeight + 40;
    std::vector<QPoint> offsets;
    for (int dy = -6; dy <= 6; ++dy)
        for (int dx = -6; dx <= 6; ++dx)
            offsets.emplace_back(dx, dy);
    const auto order = [](const QPoint &o) {
        return std::tuple(std::max(std::abs(o.x()), std::abs(o.y())), std::abs(o.y()), o.y() < 0,
                          std::abs(o.x()), o.x() < 0);
    };
    std::stable_sort(offsets.begin(), offsets.end(),
                     [&](const QPoint &l, const QPoint &r) { return order(l) < order(r); });
    QPointF at = centre;
    for (const QPoint &o : offsets) {
        const QPointF here = centre + QPointF(o.x() * stepX, o.y() * stepY);
        const QRectF box(here - QPointF(ComponentItem::kWidth / 2, ComponentItem::kHeight / 2),
                         QSizeF(ComponentItem::kWidth, ComponentItem::kHeight));
        // (With a margin: a view scrolled since the last one moves the grid.)
        const QList<QGraphicsItem *> under = m_scene->items(box.adjusted(-12, -12, 12, 12));
        if (std::none_of(under.begin(), under.end(), [](QGraphicsItem *item) {
                return qgraphicsitem_cast<ComponentItem *>(item) != nullptr;
            })) {
            at = here;
            break;
        }
    }
    const QString id = m_scene->addComponent(kind, at);
    if (ComponentItem *c = m_scene->componentItem(id))
        m_view->ensureVisible(c, 40, 40);
    // The focus stays in the palette, for the next Enter and the arrows to the next item (it
    // went to the canvas, where the arrows moved the box just added; QA). Tab reaches it.
    return id;
}

// Wires box `from` to one picked from a list of those it may send to (by part of a name, as Find
// Component takes it): the way to connect without dragging from a port (QA: no keyboard way).
void MainWindow::connectFromList(const QString &from)
{
    const sc::Component *source = m_doc->component(from);
    if (!source)
        return;
    QStringList names, ids;
    for (const sc::Component &c : m_doc->design().components) {
        const QString id = QString::fromStdString(c.id);
        if (id == from || m_doc->connection({from, id}) ||
            !sc::connectionAllowed(source->kind, c.kind))
            continue;
        names << QStringLiteral("%1 (%2)").arg(displayText(c.shownName()), id);
        ids << id;
    }
    if (names.isEmpty()) {
        showMessage(tr("%1 has nothing more it can send to").arg(displayText(source->shownName())),
                    6000);
        return;
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        this, tr("Connect To"), tr("Send from %1 to:").arg(displayText(source->shownName())), names,
        0, false, &ok);
    const qsizetype at = names.indexOf(chosen);
    if (!ok || at < 0)
        return;
    const QString why = m_scene->connectComponents(from, ids[at]);
    showEditMessage(why.isEmpty() ? tr("Connected") : tr("Cannot connect: %1").arg(why));
}

void MainWindow::disconnectFromList(const QString &id)
{
    const sc::Component *box = m_doc->component(id);
    if (!box)
        return;
    QStringList names;
    QList<ConnectionKey> keys;
    for (const sc::Connection &c : m_doc->design().connections) {
        const ConnectionKey key{QString::fromStdString(c.from), QString::fromStdString(c.to)};
        if (key.from != id && key.to != id)
            continue;
        // With the ids, as Connect To… lists them: labels may repeat.
        names << tr("%1 (%2) → %3 (%4)")
                     .arg(displayText(m_doc->componentLabel(key.from)), key.from,
                          displayText(m_doc->componentLabel(key.to)), key.to);
        keys << key;
    }
    if (names.isEmpty()) {
        showMessage(tr("%1 has no connection").arg(displayText(box->shownName())), 6000);
        return;
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        this, tr("Disconnect"), tr("Remove the connection:"), names, 0, false, &ok);
    const qsizetype at = names.indexOf(chosen);
    if (!ok || at < 0)
        return;
    // That connection, one undo step; the box stays selected.
    m_doc->undoStack()->push(new RemoveConnection(m_doc, keys[at]));
    showEditMessage(tr("Disconnected"));
}

QMenu *MainWindow::contextMenuAt(const QPoint &viewportPos)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    ComponentItem *box = nullptr;
    for (QGraphicsItem *item : m_view->items(viewportPos)) {
        for (QGraphicsItem *i = item; i && !box; i = i->parentItem())
            box = qgraphicsitem_cast<ComponentItem *>(i);
        if (box)
            break;
    }
    if (box) {
        // The box under the pointer is what the commands apply to: with a selection that does
        // not hold it, it becomes the selection.
        if (!box->isSelected())
            m_scene->selectIds({box->id()});
        const QString id = box->id();
        // Presenting, only what changes no design: Copy, Bring into View and the chaos actions.
        const bool edits = !m_scene->readOnly();
        if (edits)
            menu->addAction(tr("Cu&t"), this, &MainWindow::cut);
        menu->addAction(tr("&Copy"), this, &MainWindow::copy);
        if (edits) {
            menu->addAction(tr("D&uplicate"), this, &MainWindow::duplicate);
            menu->addAction(tr("&Delete"), this, &MainWindow::deleteSelection);
            menu->addSeparator();
            menu->addAction(tr("&Rename…"), this, [this, id] {
                if (ComponentItem *c = m_scene->componentItem(id)) {
                    m_view->ensureVisible(c, 40, 40);
                    m_scene->editLabel(id);
                }
            });
        }
        menu->addAction(tr("&Bring into View"), this, [this, id] {
            if (ComponentItem *c = m_scene->componentItem(id))
                m_view->centerOn(c);
        });
        if (edits) {
            menu->addAction(tr("Co&nnect To…"), this, [this, id] { connectFromList(id); });
            menu->addAction(tr("Disconnec&t…"), this, [this, id] { disconnectFromList(id); });
        }
        addChaosActions(menu, m_doc, id, {});
        if (!edits)
            return menu;
        menu->addSeparator();
        menu->addAction(tr("New Re&gion Around Selection"), this, [this] { addGroup("region"); });
        menu->addAction(tr("New &Zone Around Selection"), this, [this] { addGroup("zone"); });
        return menu;
    }
    for (QGraphicsItem *item : m_view->items(viewportPos))
        if (auto *note = qgraphicsitem_cast<NoteItem *>(item); note && !m_scene->readOnly()) {
            const QString id = note->id();
            m_scene->clearSelection();
            note->setSelected(true);
            menu->addAction(tr("&Edit Text…"), this, [this, id] { m_scene->editNote(id); });
            menu->addAction(tr("&Delete"), this, &MainWindow::deleteSelection);
            return menu;
        }
    // A connection: it becomes the selection (the inspector shows it), and it may go (a right
    // click on one dropped it and offered the canvas's menu; QA). Within the view's reach of it.
    if (ConnectionItem *edge = m_view->connectionAt(viewportPos)) {
        const ConnectionKey key = edge->key();
        m_scene->selectItems({{}, {key}, {}, {}});
        if (!m_scene->readOnly()) // that connection, whatever is selected when chosen
            menu->addAction(tr("&Delete Connection"), this, [this, key] {
                if (m_doc->connection(key))
                    m_doc->undoStack()->push(new RemoveConnection(m_doc, key));
            });
        menu->addAction(tr("Select &Sender"), this,
                        [this, key] { m_scene->selectIds({key.from}); });
        menu->addAction(tr("Select &Receiver"), this,
                        [this, key] { m_scene->selectIds({key.to}); });
        return menu;
    }
    GroupItem *group = nullptr;
    for (QGraphicsItem *item : m_view->items(viewportPos))
        if ((group = qgraphicsitem_cast<GroupItem *>(item)))
            break;
    if (group) {
        const QString id = group->id();
        m_scene->selectGroup(id);
        if (!m_scene->readOnly()) {
            menu->addAction(tr("&Rename…"), this, [this, id] { m_scene->editGroupLabel(id); });
            menu->addAction(tr("&Delete"), this, [this, id] { m_scene->removeGroup(id); });
        }
        addChaosActions(menu, m_doc, {}, id);
        return menu;
    }
    if (m_scene->readOnly()) {
        menu->addAction(tr("Select &All"), this, &MainWindow::selectAll);
        menu->addAction(tr("Zoom to &Fit"), m_view, &CanvasView::zoomToFit);
        addChaosActions(menu, m_doc, {}, {});
        return menu;
    }
    const QPointF at = m_view->mapToScene(viewportPos);
    QAction *paste = menu->addAction(tr("&Paste"), this, &MainWindow::paste);
    paste->setEnabled(!clipboardDesign().isEmpty());
    QMenu *add = menu->addMenu(tr("&Add Component"));
    for (sc::Kind kind : sc::allKinds()) {
        const std::string_view title = sc::kindTitle(kind);
        add->addAction(kindIcon(kind), QString::fromUtf8(title.data(), qsizetype(title.size())),
                       this, [this, kind, at] { m_scene->addComponent(kind, at); });
    }
    menu->addAction(tr("New Re&gion"), this, [this, at] { m_scene->addGroup("region", {}, at); });
    menu->addAction(tr("New &Zone"), this, [this, at] { m_scene->addGroup("zone", {}, at); });
    menu->addAction(tr("Add &Note"), this,
                    [this, at] { m_scene->addNote(sc::Note::Kind::Sticky, at); });
    menu->addAction(tr("Add &Text"), this,
                    [this, at] { m_scene->addNote(sc::Note::Kind::Text, at); });
    menu->addSeparator();
    menu->addAction(tr("Select &All"), this, &MainWindow::selectAll);
    menu->addAction(tr("Zoom to &Fit"), m_view, &CanvasView::zoomToFit);
    addChaosActions(menu, m_doc, {}, {});
    return menu;
}

} // namespace scui
