#include "undokeys.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>

namespace scui {
namespace {

constexpr const char *kTyping = "scTyping";

// The line edit that `watched` edits with: itself, or a spin box's or combo box's own.
QLineEdit *lineEditOf(QObject *watched)
{
    if (auto *edit = qobject_cast<QLineEdit *>(watched))
        return edit;
    if (auto *combo = qobject_cast<QComboBox *>(watched))
        return combo->lineEdit();
    if (auto *box = qobject_cast<QAbstractSpinBox *>(watched))
        return box->findChild<QLineEdit *>(QString(), Qt::FindDirectChildrenOnly);
    return nullptr;
}

} // namespace

UndoKeysToDocument::UndoKeysToDocument(QObject *parent)
    : QObject(parent)
{
}

void UndoKeysToDocument::watchAll(QWidget *root)
{
    for (QLineEdit *edit : root->findChildren<QLineEdit *>())
        watch(edit);
}

void UndoKeysToDocument::watch(QLineEdit *edit)
{
    edit->installEventFilter(this);
    // A spin box and a combo box hand the key to their line edit themselves, past its filters.
    QWidget *owner = edit->parentWidget();
    if (qobject_cast<QAbstractSpinBox *>(owner) || qobject_cast<QComboBox *>(owner)) {
        owner->installEventFilter(this);
        if (auto *box = qobject_cast<QAbstractSpinBox *>(owner))
            connect(box, &QAbstractSpinBox::editingFinished, edit,
                    [edit] { edit->setProperty(kTyping, false); });
    }
    connect(edit, &QLineEdit::textEdited, edit, [edit] { edit->setProperty(kTyping, true); });
    connect(edit, &QLineEdit::editingFinished, edit, [edit] { edit->setProperty(kTyping, false); });
}

bool UndoKeysToDocument::typing(const QLineEdit *edit)
{
    return edit->property(kTyping).toBool();
}

bool UndoKeysToDocument::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusOut) {
        // Leaving the field commits it (or drops what it could not take): nothing of its own.
        if (QLineEdit *edit = lineEditOf(watched))
            edit->setProperty(kTyping, false);
        return false;
    }
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    const bool undo = key->matches(QKeySequence::Undo);
    const bool redo = !undo && (key->matches(QKeySequence::Redo) ||
                                key->keyCombination() == (Qt::CTRL | Qt::Key_Y));
    if (!undo && !redo)
        return false;
    QLineEdit *edit = lineEditOf(watched);
    if (!edit || edit->isReadOnly())
        return false;
    const bool own = typing(edit) && (undo ? edit->isUndoAvailable() : edit->isRedoAvailable());
    if (own)
        return false; // the field undoes its own typing
    // Not claimed: the shortcut (Edit ▸ Undo / Redo) takes the key.
    event->ignore();
    return true;
}

} // namespace scui
