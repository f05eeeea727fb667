#include "documentcommand.h"

#include "ui/document.h"

namespace scui {

DocumentCommand::DocumentCommand(Document *doc, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
{
}

void DocumentCommand::showEditedVariant()
{
    if (!m_done) {
        m_variant = m_doc->shownVariant();
        m_done = true;
    } else {
        m_doc->showVariant(m_variant);
    }
}

void DocumentCommand::redo()
{
    Document::Batch batch(m_doc);
    showEditedVariant();
    redoEdit();
}

void DocumentCommand::undo()
{
    Document::Batch batch(m_doc);
    showEditedVariant();
    undoEdit();
}

} // namespace scui
