#pragma once

#include <QUndoCommand>

namespace scui {

class Document;

// An undo step on a Document: redo() and undo() run inside one Document::Batch, so a step is one
// model rebuild and one change event however many mutators it calls. Subclasses implement
// redoEdit() and undoEdit(); by default those run the child commands, so a plain DocumentCommand
// is the parent of several commands that make one step. (Use it rather than
// QUndoStack::beginMacro, whose parent command undoes its children one batch each.)
class DocumentCommand : public QUndoCommand
{
public:
    explicit DocumentCommand(Document *doc, QUndoCommand *parent = nullptr);
    void redo() final;
    void undo() final;

protected:
    virtual void redoEdit() { QUndoCommand::redo(); }
    virtual void undoEdit() { QUndoCommand::undo(); }

    Document *m_doc;
};

} // namespace scui
