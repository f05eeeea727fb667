#pragma once

#include "core/model/params.h"

#include <QListWidget>

namespace scui {

// The twelve component kinds with their icons; drag one onto the canvas to add it, or
// double-click it (or press Enter on it) to add it at the centre of the view.
class Palette : public QListWidget
{
    Q_OBJECT

public:
    explicit Palette(QWidget *parent = nullptr);

signals:
    void addRequested(sc::Kind kind);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    // The drag carries the kind's icon, not the list row: over the canvas, the view draws the
    // box where it would land (CanvasView::dropPreview).
    void startDrag(Qt::DropActions supportedActions) override;
};

} // namespace scui
