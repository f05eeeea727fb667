#pragma once

#include <QUndoCommand>

namespace scui {

class Document;

// An undo step on a Document: redo() and undo() run inside one Document::Batch, so a step is one
// model rebuild and one change event however many mutators it calls. Subclasses implement
// redoEdit() and undoEdit(); by default those run the child commands, so a plain DocumentCommand
// is the parent of several commands that make one step. (Use it rather than
// QUndoStack::beginMacro, whose parent command undoes its children one batch each.) Undone or
// redone while another variant is shown, a step first shows the variant it edited.
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

private:
    // The variant the step edited (Document::shownVariant() when it was first done): shown
    // again before it is undone or redone.
    void showEditedVariant();
    QString m_variant;
    bool m_done = false;
};

} // namespace scui
