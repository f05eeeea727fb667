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

// Adds a variant at the end of the file's variants (its name new) and, with `show`, shows it in
// the same step; undo removes it (showing first the design the step was made on).
class AddVariant : public DocumentCommand
{
public:
    AddVariant(Document *doc, sc::Variant variant, bool show = false,
               QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    sc::Variant m_variant;
    int m_index;
    bool m_show;
};

// Renames a variant, and every lesson step naming it, in one step. The shown variant stays
// shown under its new name.
class RenameVariant : public DocumentCommand
{
public:
    RenameVariant(Document *doc, const QString &from, const QString &to,
                  QUndoCommand *parent = nullptr);

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    QString m_from, m_to;
    sc::Lesson m_oldLesson, m_newLesson;
};

// Deletes a variant and the lesson steps naming it, in one step; when it is shown the file's own
// design is shown. Undo puts the variant back at its index and the steps where they were (and
// shows the variant again when it was shown).
class RemoveVariant : public DocumentCommand
{
public:
    RemoveVariant(Document *doc, const QString &name, QUndoCommand *parent = nullptr);
    // The lesson steps naming the variant (they go with it).
    int stepsRemoved() const;

protected:
    void redoEdit() override;
    void undoEdit() override;

private:
    sc::Variant m_variant; // as the file holds it
    int m_index = -1;
    bool m_wasShown = false;
    sc::Lesson m_oldLesson, m_newLesson;
};

} // namespace scui
