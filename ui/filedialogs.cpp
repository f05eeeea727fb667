#include "filedialogs.h"

#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QScreen>
#include <QTimer>
#include <QTreeView>

#include <algorithm>

namespace scui {

namespace {

QString ask(QWidget *parent, const QString &caption, const QString &dir, const QString &filter,
            QString *selectedFilter, QFileDialog::AcceptMode mode)
{
    QFileDialog dialog(parent, caption, dir, filter);
    dialog.setAcceptMode(mode);
    dialog.setFileMode(mode == QFileDialog::AcceptOpen ? QFileDialog::ExistingFile
                                                       : QFileDialog::AnyFile);
    if (selectedFilter && !selectedFilter->isEmpty())
        dialog.selectNameFilter(*selectedFilter);
    // 900 × 560, or four fifths of a smaller screen (a native dialog keeps its own size).
    const QScreen *screen =
        parent && parent->screen() ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize room = screen ? screen->availableGeometry().size() * 4 / 5 : QSize(900, 560);
    dialog.resize(std::min(900, room.width()), std::min(560, room.height()));
    // Its list's size, type and date whole, the name taking the rest: the columns kept the
    // widths of a smaller dialog ("205...KiB", "PN...ge"; QA). Once it is shown: it restores the
    // columns it saved when it was last closed as it opens.
    QTimer::singleShot(0, &dialog, [&dialog] {
        if (auto *list = dialog.findChild<QTreeView *>(QStringLiteral("treeView"))) {
            QHeaderView *header = list->header();
            header->setStretchLastSection(false);
            header->setSectionResizeMode(0, QHeaderView::Stretch);
            for (int column = 1; column < header->count(); ++column)
                header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
        }
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    if (selectedFilter)
        *selectedFilter = dialog.selectedNameFilter();
    return dialog.selectedFiles().front();
}

} // namespace

QString askOpenFileName(QWidget *parent, const QString &caption, const QString &dir,
                        const QString &filter)
{
    return ask(parent, caption, dir, filter, nullptr, QFileDialog::AcceptOpen);
}

QString askSaveFileName(QWidget *parent, const QString &caption, const QString &dir,
                        const QString &filter, QString *selectedFilter)
{
    return ask(parent, caption, dir, filter, selectedFilter, QFileDialog::AcceptSave);
}

} // namespace scui
