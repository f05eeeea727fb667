#pragma once

#include <QString>

class QWidget;

namespace scui {

// QFileDialog::getOpenFileName and getSaveFileName at a size that shows the files' names, sizes,
// types and dates: Qt's own dialog (where no native one is) opened at 620 × 430 on a 1920 × 1080
// screen, its columns "188...KiB" and "PN...ge" (QA). The same arguments; a save asks before it
// overwrites a file.
QString askOpenFileName(QWidget *parent, const QString &caption, const QString &dir,
                        const QString &filter);
QString askSaveFileName(QWidget *parent, const QString &caption, const QString &dir,
                        const QString &filter, QString *selectedFilter = nullptr);

} // namespace scui
