#pragma once

#include <QListWidget>

namespace scui {

// The twelve component kinds with their icons; drag one onto the canvas to add it.
class Palette : public QListWidget
{
    Q_OBJECT

public:
    explicit Palette(QWidget *parent = nullptr);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
};

} // namespace scui
