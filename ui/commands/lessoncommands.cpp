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

AddVariant::AddVariant(Document *doc, sc::Variant variant, bool show, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_variant(std::move(variant))
    , m_index(int(doc->variantNames().size()))
    , m_show(show)
{
    setText(QObject::tr("Add variant “%1”").arg(QString::fromStdString(m_variant.name)));
}

void AddVariant::redoEdit()
{
    m_doc->insertVariant(m_index, m_variant);
    if (m_show)
        m_doc->showVariant(QString::fromStdString(m_variant.name));
}

void AddVariant::undoEdit()
{
    m_doc->removeVariant(QString::fromStdString(m_variant.name));
}

namespace {

// The lesson with every step naming variant `from` naming `to` instead.
sc::Lesson renamedSteps(sc::Lesson lesson, const std::string &from, const std::string &to)
{
    for (sc::LessonStep &step : lesson.steps)
        if (step.variant == from)
            step.variant = to;
    return lesson;
}

} // namespace

RenameVariant::RenameVariant(Document *doc, const QString &from, const QString &to,
                             QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_from(from)
    , m_to(to)
    , m_oldLesson(doc->design().lesson)
    , m_newLesson(renamedSteps(m_oldLesson, from.toStdString(), to.toStdString()))
{
    setText(QObject::tr("Rename variant “%1” to “%2”").arg(from, to));
}

void RenameVariant::redoEdit()
{
    m_doc->renameVariant(m_from, m_to);
    m_doc->setLesson(m_newLesson);
}

void RenameVariant::undoEdit()
{
    m_doc->renameVariant(m_to, m_from);
    m_doc->setLesson(m_oldLesson);
}

RemoveVariant::RemoveVariant(Document *doc, const QString &name, QUndoCommand *parent)
    : DocumentCommand(doc, parent)
    , m_index(int(doc->variantNames().indexOf(name)))
    , m_wasShown(doc->shownVariant() == name)
    , m_oldLesson(doc->design().lesson)
    , m_newLesson(m_oldLesson)
{
    m_variant.name = name.toStdString();
    if (m_index >= 0 && m_wasShown) {
        // Its slot holds the file's own design in place of its own (Document::design()).
        m_variant.design = *doc->variantDesign(QString());
        sc::Design shown = sc::designContent(doc->design());
        sc::swapDesignContent(m_variant.design, shown);
    } else if (m_index >= 0) {
        m_variant.design = *doc->variantDesign(name);
    }
    if (m_index >= 0)
        std::erase_if(m_newLesson.steps,
                      [&](const sc::LessonStep &step) { return step.variant == m_variant.name; });
    setText(QObject::tr("Delete variant “%1”").arg(name));
}

int RemoveVariant::stepsRemoved() const
{
    return int(m_oldLesson.steps.size() - m_newLesson.steps.size());
}

void RemoveVariant::redoEdit()
{
    if (m_index < 0)
        return;
    const QString name = QString::fromStdString(m_variant.name);
    if (m_doc->shownVariant() == name)
        m_doc->showVariant(QString());
    m_doc->removeVariant(name);
    m_doc->setLesson(m_newLesson);
}

void RemoveVariant::undoEdit()
{
    if (m_index < 0)
        return;
    m_doc->insertVariant(m_index, m_variant);
    m_doc->setLesson(m_oldLesson);
    if (m_wasShown)
        m_doc->showVariant(QString::fromStdString(m_variant.name));
}

} // namespace scui
