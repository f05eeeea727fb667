#include "documentcommand.h"

#include "ui/document.h"

namespace scui {

DocumentCommand::DocumentCommand(Document *doc, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
{
}

void DocumentCommand::redo()
{
    Document::Batch batch(m_doc);
    redoEdit();
}

void DocumentCommand::undo()
{
    Document::Batch batch(m_doc);
    undoEdit();
}

} // namespace scui
