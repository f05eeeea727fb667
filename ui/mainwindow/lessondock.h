#pragma once

#include "core/model/lesson.h"

#include <QWidget>

class QComboBox;
class QDockWidget;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace scui {

class Document;
class Presentation;

// Authoring a lesson (issue 17): View ▸ Lesson. The steps in order, each the design it shows
// (the file's own or a variant), its users and its caption; the variant shown; buttons to
// duplicate the shown design as a new variant, add the design and users in view as a step, edit,
// move and remove steps, and present from the selected step. Every change is one undo step.
// Double-clicking a step shows it (a view, as the player does).
class LessonPanel : public QWidget
{
    Q_OBJECT
public:
    LessonPanel(Document *doc, Presentation *presentation, QWidget *parent = nullptr);

    // What the buttons do, without their dialogs (the dialogs call these; so do tests).
    void addStep(); // the shown design at the viewed users, after the selected step
    void editStep(int index, const sc::LessonStep &step);
    void removeStep(int index);
    void moveStep(int index, int delta);
    bool duplicateVariant(const QString &name); // false: refused (variantNameProblem)
    void setTitle(const QString &title);
    void showStep(int index);
    void presentFromSelected(); // presenting, at the selected step (the first when none is)

    QListWidget *steps() const { return m_steps; }
    QComboBox *variants() const { return m_variants; }
    int selectedStep() const;

private:
    void sync();
    void openEditor(int index);
    void askDuplicate();

    Document *m_doc;
    Presentation *m_presentation;
    QLineEdit *m_title;
    QComboBox *m_variants;
    QListWidget *m_steps;
    QPushButton *m_edit, *m_remove, *m_up, *m_down, *m_present;
    bool m_syncing = false;
};

QDockWidget *createLessonDock(Document *doc, Presentation *presentation, QWidget *parent);

} // namespace scui
