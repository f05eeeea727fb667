#include "lessondock.h"

#include "ui/commands/lessoncommands.h"
#include "ui/document.h"
#include "ui/mainwindow/lessonplayer.h"
#include "ui/mainwindow/presentation.h"
#include "ui/mainwindow/variantsmenu.h"
#include "ui/numberformat.h"

#include "core/analysis/limits.h"
#include "core/analysis/model.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace scui {
namespace {

// A step's design as its title says it: by the name of the design it shows, the file's own or
// a variant's, as the handout does (steps 2 to 5 of the ladder read "stage2-10k at 10k users"
// under step 1's "Lesson — The scaling ladder at 1k users"; QA); a variant whose design has no
// name by the variant's.
QString designLabel(const Document &doc, const std::string &variant)
{
    if (variant.empty())
        return doc.fileDesignName();
    const sc::Design *design = doc.variantDesign(QString::fromStdString(variant));
    return design && !design->name.empty() ? QString::fromStdString(design->name)
                                           : QString::fromStdString(variant);
}

} // namespace

LessonPanel::LessonPanel(Document *doc, Presentation *presentation, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_presentation(presentation)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setPlaceholderText(tr("Untitled lesson"));
    form->addRow(tr("Title:"), m_title);
    auto *showing = new QHBoxLayout;
    m_variants = new QComboBox;
    m_variants->setObjectName(QStringLiteral("shownVariant"));
    m_variants->setToolTip(tr("The design shown and edited: the file's own or one of its "
                              "variants"));
    // As wide as the dock it shares with the inspector, not as its longest name: a design named
    // "Stage 3 — load balancer, replica, queue (~100K users)" widened the dock to 520 px at
    // 1280 × 800 and cut the diagram fitted before it (teacher QA). The list shows names whole.
    m_variants->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_variants->setMinimumContentsLength(12);
    auto *duplicate = new QPushButton(tr("Duplicate…"));
    duplicate->setToolTip(tr("Copy the shown design into a new variant and show it"));
    showing->addWidget(m_variants, 1);
    showing->addWidget(duplicate);
    form->addRow(tr("Showing:"), showing);
    layout->addLayout(form);
    m_steps = new QListWidget;
    m_steps->setObjectName(QStringLiteral("lessonSteps"));
    m_steps->setWordWrap(true);
    m_steps->setAlternatingRowColors(true);
    m_steps->setSpacing(2);
    layout->addWidget(m_steps, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add Step"));
    add->setToolTip(tr("The shown design at the users in view becomes a step"));
    m_edit = new QPushButton(tr("Edit…"));
    m_remove = new QPushButton(tr("Remove"));
    m_up = new QPushButton(QStringLiteral("↑"));
    m_down = new QPushButton(QStringLiteral("↓"));
    m_present = new QPushButton(tr("Present"));
    m_present->setToolTip(tr("Present the lesson from the selected step (Shift+F5; F5 starts "
                             "at the first)"));
    // Two rows, so the panel stays as narrow as the inspector it shares the dock with.
    auto *order = new QHBoxLayout;
    for (QPushButton *b : {add, m_edit, m_remove})
        buttons->addWidget(b);
    for (QPushButton *b : {m_up, m_down, m_present})
        order->addWidget(b);
    layout->addLayout(buttons);
    layout->addLayout(order);

    connect(add, &QPushButton::clicked, this, &LessonPanel::addStep);
    connect(m_edit, &QPushButton::clicked, this, [this] { openEditor(selectedStep()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeStep(selectedStep()); });
    connect(m_up, &QPushButton::clicked, this, [this] { moveStep(selectedStep(), -1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveStep(selectedStep(), +1); });
    connect(m_present, &QPushButton::clicked, this, &LessonPanel::presentFromSelected);
    connect(duplicate, &QPushButton::clicked, this, &LessonPanel::askDuplicate);
    connect(m_steps, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem *item) { showStep(m_steps->row(item)); });
    connect(m_steps, &QListWidget::currentRowChanged, this, [this] { sync(); });
    connect(m_title, &QLineEdit::editingFinished, this, [this] { setTitle(m_title->text()); });
    connect(m_variants, &QComboBox::activated, this,
            [this](int i) { m_doc->showVariant(m_variants->itemData(i).toString()); });
    connect(m_doc, &Document::changed, this, [this] { sync(); });
    connect(m_doc, &Document::shownVariantChanged, this, [this] { sync(); });
    sync();
}

int LessonPanel::selectedStep() const
{
    const int row = m_steps->currentRow();
    return row >= 0 && row < int(m_doc->design().lesson.steps.size()) ? row : -1;
}

void LessonPanel::sync()
{
    if (m_syncing)
        return;
    m_syncing = true;
    const sc::Lesson &lesson = m_doc->design().lesson;
    if (!m_title->hasFocus())
        m_title->setText(QString::fromStdString(lesson.title));
    m_variants->clear();
    m_variants->addItem(m_doc->fileDesignName(), QString());
    for (const QString &name : m_doc->variantNames())
        m_variants->addItem(name, name);
    m_variants->setCurrentIndex(m_variants->findData(m_doc->shownVariant()));
    const int row = m_steps->currentRow();
    m_steps->clear();
    for (size_t i = 0; i < lesson.steps.size(); ++i) {
        const sc::LessonStep &s = lesson.steps[i];
        QString text = tr("%1. %2 at %3 users")
                           .arg(i + 1)
                           .arg(designLabel(*m_doc, s.variant), formatCount(s.users));
        if (!s.caption.empty())
            text += QStringLiteral("\n") + QString::fromStdString(s.caption);
        if (!s.question.empty())
            text += QStringLiteral("\n") + tr("Q: %1").arg(QString::fromStdString(s.question));
        m_steps->addItem(text);
    }
    m_steps->setCurrentRow(std::min(row, m_steps->count() - 1));
    const int sel = selectedStep();
    m_edit->setEnabled(sel >= 0);
    m_remove->setEnabled(sel >= 0);
    m_up->setEnabled(sel > 0);
    m_down->setEnabled(sel >= 0 && sel + 1 < m_steps->count());
    m_present->setEnabled(!lesson.steps.empty());
    m_syncing = false;
}

void LessonPanel::addStep()
{
    sc::Lesson lesson = m_doc->design().lesson;
    sc::LessonStep step;
    step.variant = m_doc->shownVariant().toStdString();
    step.users = m_doc->users();
    const int at = selectedStep() < 0 ? int(lesson.steps.size()) : selectedStep() + 1;
    lesson.steps.insert(lesson.steps.begin() + at, step);
    m_doc->undoStack()->push(new ChangeLesson(m_doc, lesson, tr("Add lesson step")));
    m_steps->setCurrentRow(at);
}

void LessonPanel::editStep(int index, const sc::LessonStep &step)
{
    sc::Lesson lesson = m_doc->design().lesson;
    if (index < 0 || index >= int(lesson.steps.size()) || lesson.steps[size_t(index)] == step)
        return;
    lesson.steps[size_t(index)] = step;
    m_doc->undoStack()->push(new ChangeLesson(m_doc, lesson, tr("Edit lesson step")));
}

void LessonPanel::removeStep(int index)
{
    sc::Lesson lesson = m_doc->design().lesson;
    if (index < 0 || index >= int(lesson.steps.size()))
        return;
    lesson.steps.erase(lesson.steps.begin() + index);
    m_doc->undoStack()->push(new ChangeLesson(m_doc, lesson, tr("Remove lesson step")));
}

void LessonPanel::moveStep(int index, int delta)
{
    sc::Lesson lesson = m_doc->design().lesson;
    const int to = index + delta;
    if (index < 0 || to < 0 || to >= int(lesson.steps.size()))
        return;
    std::swap(lesson.steps[size_t(index)], lesson.steps[size_t(to)]);
    m_doc->undoStack()->push(new ChangeLesson(m_doc, lesson, tr("Move lesson step")));
    m_steps->setCurrentRow(to);
}

void LessonPanel::setTitle(const QString &title)
{
    sc::Lesson lesson = m_doc->design().lesson;
    if (lesson.title == title.toStdString())
        return;
    lesson.title = title.toStdString();
    m_doc->undoStack()->push(new ChangeLesson(m_doc, lesson, tr("Rename lesson")));
}

bool LessonPanel::duplicateVariant(const QString &name)
{
    return newVariantFromShown(m_doc, name).isEmpty();
}

void LessonPanel::askDuplicate()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Duplicate as Variant"), tr("Name of the new variant:"),
                              QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    if (const QString problem = newVariantFromShown(m_doc, name); !problem.isEmpty())
        QMessageBox::warning(this, tr("Duplicate as Variant"), problem);
}

void LessonPanel::presentFromSelected()
{
    const int from = std::max(0, selectedStep());
    m_presentation->enter();
    m_presentation->lesson()->goTo(from);
}

void LessonPanel::showStep(int index)
{
    const sc::Lesson &lesson = m_doc->design().lesson;
    if (index < 0 || index >= int(lesson.steps.size()))
        return;
    const sc::LessonStep step = lesson.steps[size_t(index)];
    m_doc->showVariant(QString::fromStdString(step.variant));
    m_doc->setUsers(step.users);
}

void LessonPanel::openEditor(int index)
{
    const sc::Lesson &lesson = m_doc->design().lesson;
    if (index < 0 || index >= int(lesson.steps.size()))
        return;
    sc::LessonStep step = lesson.steps[size_t(index)];
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Lesson Step %1").arg(index + 1));
    auto *form = new QFormLayout(&dialog);
    auto *design = new QComboBox;
    design->addItem(m_doc->fileDesignName(), QString());
    for (const QString &name : m_doc->variantNames())
        design->addItem(name, name);
    design->setCurrentIndex(std::max(0, design->findData(QString::fromStdString(step.variant))));
    auto *users = new QLineEdit(editableCount(step.users));
    users->setToolTip(tr("Users: 25000, 1e6, 2.5M"));
    auto *caption = new QPlainTextEdit(QString::fromStdString(step.caption));
    // Tab to the next field, as the question's does (a tab character went into the caption and
    // was saved; QA).
    caption->setTabChangesFocus(true);
    // The question whole, on lines of its own as the caption's and the answer's (QA: a one-line
    // field in a dialog of 340 px showed its end, "mits this design, and at how many users?").
    auto *question = new QPlainTextEdit(QString::fromStdString(step.question));
    question->setFixedHeight(question->fontMetrics().lineSpacing() * 3 +
                             2 * int(question->document()->documentMargin()) + 4);
    question->setTabChangesFocus(true);
    auto *answer = new QPlainTextEdit(QString::fromStdString(step.answer));
    answer->setTabChangesFocus(true);
    auto *scenario = new QComboBox;
    scenario->addItem(tr("None"), QString());
    for (const sc::Scenario &s : m_doc->design().scenarios)
        scenario->addItem(QString::fromStdString(s.name), QString::fromStdString(s.name));
    scenario->setCurrentIndex(
        std::max(0, scenario->findData(QString::fromStdString(step.scenario))));
    form->addRow(tr("Design:"), design);
    form->addRow(tr("Users:"), users);
    form->addRow(tr("Caption:"), caption);
    form->addRow(tr("Question:"), question);
    form->addRow(tr("Answer:"), answer);
    form->addRow(tr("Scenario:"), scenario);
    dialog.setMinimumWidth(std::max(dialog.minimumWidth(), 560));
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(box);
    connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    const QString usersShown = users->text();
    connect(box, &QDialogButtonBox::accepted, &dialog, [&] {
        // Left as shown, the step keeps its count, whatever the file gave it (0 to 10¹⁰): a step
        // at 5B users could not have its caption edited without a new count (teacher QA).
        const auto n = users->text() == usersShown ? std::optional<double>(step.users)
                                                   : readUserCount(users->text());
        if (!n || (users->text() != usersShown && (*n < sc::kMinUsers || *n > sc::kMaxUsers))) {
            QMessageBox::warning(&dialog, dialog.windowTitle(),
                                 tr("Users must be a number from %1 to %2, e.g. 25000, 1e6 or "
                                    "2.5M.")
                                     .arg(formatCount(sc::kMinUsers), formatCount(sc::kMaxUsers)));
            return;
        }
        step.variant = design->currentData().toString().toStdString();
        step.users = *n;
        step.caption = caption->toPlainText().toStdString();
        step.question = question->toPlainText().toStdString();
        step.answer = answer->toPlainText().toStdString();
        step.scenario = scenario->currentData().toString().toStdString();
        dialog.accept();
    });
    if (dialog.exec() == QDialog::Accepted)
        editStep(index, step);
}

QDockWidget *createLessonDock(Document *doc, Presentation *presentation, QWidget *parent)
{
    auto *dock = new QDockWidget(QObject::tr("Lesson"), parent);
    dock->setObjectName(QStringLiteral("lessonDock"));
    dock->setWidget(new LessonPanel(doc, presentation, dock));
    return dock;
}

} // namespace scui
