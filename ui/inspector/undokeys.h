#pragma once

#include <QObject>

class QLineEdit;
class QWidget;

namespace scui {

// Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y in a text field go to the document's undo stack (the Edit
// menu's Undo and Redo) unless the field holds an edit of its own not yet committed: a line
// edit claims those keys for its own text whether or not it has anything to undo, so after a
// committed edit (Tab, Return) the keys did nothing while Edit offered "Undo Change …".
class UndoKeysToDocument final : public QObject
{
public:
    explicit UndoKeysToDocument(QObject *parent = nullptr);

    // Every line edit under `root`, those inside spin boxes and combo boxes included.
    void watchAll(QWidget *root);
    void watch(QLineEdit *edit);

    // Whether `edit` holds typed text not yet committed (for tests).
    static bool typing(const QLineEdit *edit);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace scui
