#include "palette.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"

#include "core/model/params.h"

#include <QDrag>
#include <QMimeData>

namespace scui {

Palette::Palette(QWidget *parent)
    : QListWidget(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(32, 32));
    setSpacing(2);
    setUniformItemSizes(true);
    for (sc::Kind kind : sc::allKinds()) {
        auto *item = new QListWidgetItem(
            kindIcon(kind),
            QString::fromUtf8(sc::kindTitle(kind).data(), qsizetype(sc::kindTitle(kind).size())));
        const std::string_view name = sc::kindName(kind);
        item->setData(Qt::UserRole, QString::fromUtf8(name.data(), qsizetype(name.size())));
        item->setToolTip(
            QString::fromUtf8(sc::kindDescription(kind).data(),
                              qsizetype(sc::kindDescription(kind).size())) +
            tr("\n\nDrag onto the canvas to add it, or double-click (or press Enter) to "
               "add it at the centre of the view."));
        addItem(item);
    }
    // Activation is a double-click or Enter (the platform's rule for item views).
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QByteArray name = item->data(Qt::UserRole).toString().toUtf8();
        if (const auto kind =
                sc::kindFromName(std::string_view(name.constData(), size_t(name.size()))))
            emit addRequested(*kind);
    });
}

QStringList Palette::mimeTypes() const
{
    return {QString::fromLatin1(kKindMimeType)};
}

QMimeData *Palette::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(kKindMimeType, items.first()->data(Qt::UserRole).toString().toUtf8());
    return mime;
}

void Palette::startDrag(Qt::DropActions)
{
    const QList<QListWidgetItem *> items = selectedItems();
    QListWidgetItem *item = items.isEmpty() ? currentItem() : items.first();
    if (!item)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(mimeData({item}));
    const QSize size = iconSize();
    drag->setPixmap(item->icon().pixmap(size, devicePixelRatioF()));
    drag->setHotSpot(QPoint(size.width() / 2, size.height() / 2));
    drag->exec(Qt::CopyAction); // a copy: the palette keeps its item
    // A palette is a set of tools, not a selection: the kind dragged does not stay highlighted
    // while other things are selected and edited (QA).
    clearSelection();
}

} // namespace scui
