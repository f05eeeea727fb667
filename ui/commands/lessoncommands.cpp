#include "lessoncommands.h"

#include "ui/commands/componentcommands.h"
#include "ui/document.h"

namespace scui {

ChangeLesson::ChangeLesson(Document *doc, sc::Lesson lesson, const QString &text,
                           QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_old(doc->design().lesson)
    , m_new(std::move(lesson))
{
    setText(text);
}

void ChangeLesson::redoEdit()
{
    m_doc->setLesson(m_new);
}

void ChangeLesson::undoEdit()
{
    m_doc->setLesson(m_old);
}

ChangeNotes::ChangeNotes(Document *doc, std::vector<sc::Note> notes, const QString &text,
                         int gesture, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_old(doc->design().notes)
    , m_new(std::move(notes))
    , m_gesture(gesture)
{
    setText(text);
}

int ChangeNotes::id() const
{
    return m_gesture != 0 ? ChangeNotesId : -1;
}

bool ChangeNotes::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const ChangeNotes *>(other);
    if (o->m_gesture != m_gesture)
        return false;
    m_new = o->m_new;
    return true;
}

void ChangeNotes::redoEdit()
{
    m_doc->setNotes(m_new);
}

void ChangeNotes::undoEdit()
{
    m_doc->setNotes(m_old);
}

AddVariant::AddVariant(Document *doc, sc::Variant variant, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_variant(std::move(variant))
    , m_index(int(doc->variantNames().size()))
{
    setText(QObject::tr("Add variant “%1”").arg(QString::fromStdString(m_variant.name)));
}

void AddVariant::redoEdit()
{
    m_doc->insertVariant(m_index, m_variant);
}

void AddVariant::undoEdit()
{
    m_doc->removeVariant(QString::fromStdString(m_variant.name));
}

} // namespace scui
