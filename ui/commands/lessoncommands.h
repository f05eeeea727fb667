#pragma once

// Undo steps for format 2's blocks beside the design (issue 17): the lesson, the notes on the
// canvas, and the variants a lesson's steps show.

#include "core/model/design.h"
#include "ui/commands/documentcommand.h"

#include <QString>

#include <vector>

namespace scui {

// Replaces the lesson (its title and steps): a step added, edited, moved or removed.
class ChangeLesson : public DocumentCommand
{
public:
    ChangeLesson(Document *doc, sc::Lesson lesson, const QString &text,
                 QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    sc::Lesson m_old, m_new;
};

// Replaces the notes: one added, edited or deleted; every mouse move of one drag or resize
// (same non-zero `gesture`) merges into one step.
class ChangeNotes : public DocumentCommand
{
public:
    ChangeNotes(Document *doc, std::vector<sc::Note> notes, const QString &text, int gesture = 0,
                QUndoCommand *parent = nullptr);
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    std::vector<sc::Note> m_old, m_new;
    int m_gesture;
};

// Adds a variant at the end of the file's variants (its name new); undo removes it.
class AddVariant : public DocumentCommand
{
public:
    AddVariant(Document *doc, sc::Variant variant, QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    sc::Variant m_variant;
    int m_index;
};

} // namespace scui
