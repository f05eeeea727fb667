#include "variantsmenu.h"

#include "ui/commands/lessoncommands.h"
#include "ui/document.h"

#include "core/io/format.h"
#include "core/model/lesson.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QEvent>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStylePainter>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

namespace scui {
namespace {

// The name no variant may take: what the file's own design is called when it has no name
// (Document::fileDesignName).
QString fileDesignLabel()
{
    return QObject::tr("Design");
}

// A combo whose closed box elides a long name ("Option B: fe…") instead of cutting it off
// under its arrow (the popup and the tooltip show it whole): the tool bar keeps its width for the
// users' slider.
class ElidingComboBox final : public QComboBox
{
public:
    using QComboBox::QComboBox;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QStylePainter painter(this);
        QStyleOptionComboBox option;
        initStyleOption(&option);
        painter.drawComplexControl(QStyle::CC_ComboBox, option);
        const QRect field = style()->subControlRect(QStyle::CC_ComboBox, &option,
                                                    QStyle::SC_ComboBoxEditField, this);
        option.currentText =
            fontMetrics().elidedText(option.currentText, Qt::ElideRight, field.width());
        painter.drawControl(QStyle::CE_ComboBoxLabel, option);
    }
};

// Marks the combo's entry that makes a new variant (its other entries hold a name).
constexpr int kNewEntryRole = Qt::UserRole + 1;

// A name as a menu shows it: an ampersand is not a mnemonic.
QString menuText(const QString &name)
{
    return QString(name).replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace

QString variantNameProblem(const Document &doc, const QString &name, const QString &renaming)
{
    const QString t = name.trimmed();
    if (t.isEmpty())
        return QObject::tr("A variant needs a name.");
    if (t.compare(fileDesignLabel(), Qt::CaseInsensitive) == 0)
        // Said as what it is: reserved for a file's own design without a name (it said "is
        // what the Variants menu calls the file's own design" beside a menu that called it
        // "Untitled design (the file's own)"; QA).
        return QObject::tr("“%1” is kept for a file's own design when it has no name: choose "
                           "another name.")
            .arg(t);
    if (t == doc.fileDesignName())
        return QObject::tr("“%1” is the name of the file's own design: choose another name.")
            .arg(t);
    if (const qsizetype bytes = t.toUtf8().size(); bytes > qsizetype(sc::kMaxIdBytes))
        return QObject::tr("A variant's name is at most %1 bytes (UTF-8); this one is %2.")
            .arg(sc::kMaxIdBytes)
            .arg(bytes);
    const QStringList names = doc.variantNames();
    if (t != renaming && names.contains(t))
        return QObject::tr("This file already has a variant named “%1”.").arg(t);
    if (renaming.isEmpty() && names.size() >= qsizetype(sc::kMaxVariants))
        return QObject::tr("A file holds at most %1 variants.").arg(sc::kMaxVariants);
    return {};
}

QString newVariantFromShown(Document *doc, const QString &name)
{
    if (const QString problem = variantNameProblem(*doc, name); !problem.isEmpty())
        return problem;
    const std::string trimmed = name.trimmed().toStdString();
    sc::Design content = sc::designContent(doc->design());
    content.name = trimmed;
    content.slo = doc->design().slo; // a variant is held to the file's objective
    doc->undoStack()->push(new AddVariant(doc, {trimmed, std::move(content)}, true));
    return {};
}

QString renameVariantOf(Document *doc, const QString &from, const QString &to)
{
    if (from.isEmpty() || !doc->variantNames().contains(from))
        return QObject::tr("This file has no variant named “%1”.").arg(from);
    if (const QString problem = variantNameProblem(*doc, to, from); !problem.isEmpty())
        return problem;
    if (to.trimmed() != from)
        doc->undoStack()->push(new RenameVariant(doc, from, to.trimmed()));
    return {};
}

VariantsMenu::VariantsMenu(Document *doc, QMenu *menu, QWidget *window)
    : QObject(window)
    , m_doc(doc)
    , m_window(window)
    , m_menu(menu)
{
    m_menu->setObjectName(QStringLiteral("variantsMenu"));
    m_new = m_menu->addAction(tr("&New Variant from Current…"), this, &VariantsMenu::askNew);
    m_new->setObjectName(QStringLiteral("newVariant"));
    m_new->setToolTip(tr("Copy the shown design into a new variant of this file and show it: "
                         "option B beside option A"));
    m_rename = m_menu->addAction(tr("&Rename Variant…"), this, &VariantsMenu::askRename);
    m_rename->setObjectName(QStringLiteral("renameVariant"));
    m_delete = m_menu->addAction(tr("&Delete Variant"), this, &VariantsMenu::askDelete);
    m_delete->setObjectName(QStringLiteral("deleteVariant"));
    m_menu->addSeparator();
    m_previous = m_menu->addAction(tr("&Previous Variant"), this, [this] { step(-1); });
    m_previous->setObjectName(QStringLiteral("previousVariant"));
    m_previous->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_PageUp));
    m_next = m_menu->addAction(tr("Ne&xt Variant"), this, [this] { step(+1); });
    m_next->setObjectName(QStringLiteral("nextVariant"));
    m_next->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_PageDown));
    m_menu->addSeparator(); // the designs to show follow
    m_shown = new QActionGroup(this);
    m_shown->setExclusive(true);

    m_bar = new QToolBar(tr("Variants"), window);
    m_bar->setObjectName(QStringLiteral("variantsToolBar"));
    m_bar->setMovable(false);
    auto *label = new QLabel(tr("  Variant: "));
    m_bar->addWidget(label);
    m_combo = new ElidingComboBox;
    m_combo->setObjectName(QStringLiteral("variantCombo"));
    // A width set by the window's, whatever the names (a long one is elided, whole in the
    // tooltip): a combo that grew with its name pushed the users' label into the tool bar's
    // overflow. At 1280 px the users' bar needs the rest of the row (tst_firsthour); a wide
    // window shows more of the name (comboCharacters).
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(comboCharacters(window->width()));
    window->installEventFilter(this);
    m_combo->setMaximumWidth(comboWidthLimit(window->width()));
    label->setBuddy(m_combo);
    m_bar->addWidget(m_combo);
    // The combo's last entry makes a new variant: the bar stays narrow enough to share the row
    // with the users (and their "Back to" actions) in a 1400-pixel window.
    connect(m_combo, &QComboBox::activated, this, [this](int i) {
        if (m_combo->itemData(i, kNewEntryRole).toBool()) {
            sync(); // the shown design stays selected
            askNew();
        } else {
            m_doc->showVariant(m_combo->itemData(i).toString());
        }
    });

    // (The design's own name too: renamed in the inspector, the combo and the menu kept the old
    // one; QA.)
    connect(m_doc, &Document::changed, this, [this](const ChangeEvent &e) {
        if (e.reset || e.variantsChanged || e.propertiesChanged)
            sync();
    });
    // The arrow keys on the closed combo step through the designs only: stepping onto "New
    // Variant…" opened its dialog at once (QA).
    m_combo->installEventFilter(this);
    connect(m_doc, &Document::shownVariantChanged, this, &VariantsMenu::sync);
    sync();
}

int VariantsMenu::comboCharacters(int windowWidth)
{
    return std::clamp(8 + (windowWidth - 1500) / 8, 8, 56);
}

// 260 px up to a 1500-pixel window, then half of every pixel more up to 460 (at 1920 px most of
// a template's name shows: "Stage 5 — two regions, sharded database (~10M users)" was "Stage 5
// — two regions, sha…" there; QA).
int VariantsMenu::comboWidthLimit(int windowWidth)
{
    return std::clamp(260 + (windowWidth - 1500) / 2, 260, 460);
}

bool VariantsMenu::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_combo && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_PageDown || key == Qt::Key_End) {
            // Down to the last design at most, never onto the separator or the entry.
            int last = m_combo->count() - 1;
            while (last > 0 && (m_combo->itemData(last, kNewEntryRole).toBool() ||
                                m_combo->itemText(last).isEmpty()))
                --last;
            if (key != Qt::Key_Down && m_combo->currentIndex() < last)
                m_doc->showVariant(m_combo->itemData(last).toString()); // End: the last design
            if (key != Qt::Key_Down || m_combo->currentIndex() >= last)
                return true;
        }
    }
    if (watched == m_window && event->type() == QEvent::Resize) {
        const int chars = comboCharacters(m_window->width());
        if (chars != m_combo->minimumContentsLength())
            m_combo->setMinimumContentsLength(chars);
        m_combo->setMaximumWidth(comboWidthLimit(m_window->width()));
    }
    return QObject::eventFilter(watched, event);
}

QList<QAction *> VariantsMenu::showActions() const
{
    return m_shown->actions();
}

int VariantsMenu::stepsNaming(const QString &name) const
{
    const std::string key = name.toStdString();
    const auto &steps = m_doc->design().lesson.steps;
    return int(std::count_if(steps.begin(), steps.end(),
                             [&](const sc::LessonStep &s) { return s.variant == key; }));
}

QString VariantsMenu::newVariant(const QString &name)
{
    return newVariantFromShown(m_doc, name);
}

QString VariantsMenu::renameVariant(const QString &from, const QString &to)
{
    return renameVariantOf(m_doc, from, to);
}

QString VariantsMenu::deleteVariant(const QString &name)
{
    if (name.isEmpty() || !m_doc->variantNames().contains(name))
        return tr("This file has no variant named “%1”.").arg(name);
    m_doc->undoStack()->push(new RemoveVariant(m_doc, name));
    return {};
}

void VariantsMenu::askNew()
{
    // Option B, C, … beside the file's own design (option A): the first letter no variant has.
    QString text;
    for (char c = 'B'; c <= 'Z' && text.isEmpty(); ++c)
        if (const QString n = tr("Option %1").arg(QChar(c));
            variantNameProblem(*m_doc, n).isEmpty())
            text = n;
    const QString shown = m_doc->shownVariant();
    const QString from = shown.isEmpty() ? tr("the file's own design") : tr("“%1”").arg(shown);
    for (;;) {
        bool ok = false;
        text = QInputDialog::getText(m_window, tr("New Variant from Current"),
                                     tr("A copy of %1, shown and edited from now on.\n"
                                        "Name of the new variant:")
                                         .arg(from),
                                     QLineEdit::Normal, text, &ok);
        if (!ok)
            return;
        const QString problem = newVariant(text);
        if (problem.isEmpty())
            return;
        QMessageBox::warning(m_window, tr("New Variant from Current"), problem);
    }
}

void VariantsMenu::askRename()
{
    const QString from = m_doc->shownVariant();
    if (from.isEmpty())
        return;
    QString text = from;
    for (;;) {
        bool ok = false;
        text = QInputDialog::getText(m_window, tr("Rename Variant"),
                                     tr("New name of variant “%1” (the lesson steps showing it "
                                        "follow):")
                                         .arg(from),
                                     QLineEdit::Normal, text, &ok);
        if (!ok)
            return;
        const QString problem = renameVariant(from, text);
        if (problem.isEmpty())
            return;
        QMessageBox::warning(m_window, tr("Rename Variant"), problem);
    }
}

void VariantsMenu::askDelete()
{
    const QString name = m_doc->shownVariant();
    if (name.isEmpty())
        return;
    if (const int steps = stepsNaming(name); steps > 0) {
        QMessageBox box(QMessageBox::Question, tr("Delete Variant"),
                        steps == 1
                            ? tr("Delete variant “%1” and the lesson step that shows it?").arg(name)
                            : tr("Delete variant “%1” and the %2 lesson steps that show it?")
                                  .arg(name)
                                  .arg(steps),
                        QMessageBox::Cancel, m_window);
        box.setInformativeText(tr("Edit ▸ Undo brings them back."));
        QAbstractButton *del = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != del)
            return;
    }
    deleteVariant(name);
}

void VariantsMenu::step(int delta)
{
    const QStringList list = QStringList{QString()} + m_doc->variantNames();
    const qsizetype to = list.indexOf(m_doc->shownVariant()) + delta;
    if (to >= 0 && to < list.size())
        m_doc->showVariant(list[to]);
}

void VariantsMenu::sync()
{
    const QString shown = m_doc->shownVariant();
    const QStringList names = m_doc->variantNames();
    const QStringList list = QStringList{QString()} + names;

    const QString own = m_doc->fileDesignName();
    m_combo->clear();
    for (const QString &name : list) {
        m_combo->addItem(name.isEmpty() ? own : name, name);
        m_combo->setItemData(m_combo->count() - 1,
                             name.isEmpty() ? tr("%1 (the file's own design)").arg(own) : name,
                             Qt::ToolTipRole);
    }
    m_combo->insertSeparator(m_combo->count());
    m_combo->addItem(tr("New Variant…"));
    m_combo->setItemData(m_combo->count() - 1, true, kNewEntryRole);
    m_combo->setItemData(m_combo->count() - 1, m_new->toolTip(), Qt::ToolTipRole);
    m_combo->setCurrentIndex(int(std::max<qsizetype>(0, list.indexOf(shown))));
    m_combo->setToolTip(tr("%1\n\nThe design shown and edited: the file's own or one of its "
                           "variants (Variants menu; Ctrl+Alt+PgUp/PgDn)")
                            .arg(shown.isEmpty() ? tr("%1 (the file's own design)").arg(own)
                                                 : tr("Variant %1").arg(shown)));

    const bool variant = !shown.isEmpty();
    m_rename->setEnabled(variant);
    m_delete->setEnabled(variant);
    m_rename->setText(variant ? tr("&Rename Variant “%1”…").arg(menuText(shown))
                              : tr("&Rename Variant…"));
    m_delete->setText(variant ? tr("&Delete Variant “%1”").arg(menuText(shown))
                              : tr("&Delete Variant"));
    const qsizetype at = list.indexOf(shown);
    m_previous->setEnabled(at > 0);
    m_next->setEnabled(at >= 0 && at + 1 < list.size());

    for (QAction *a : m_shown->actions()) {
        m_shown->removeAction(a);
        m_menu->removeAction(a);
        a->deleteLater();
    }
    for (const QString &name : list) {
        QAction *a = m_menu->addAction(name.isEmpty() ? tr("%1 (the file's own)").arg(menuText(own))
                                                      : menuText(name));
        a->setCheckable(true);
        a->setChecked(name == shown);
        a->setData(name);
        m_shown->addAction(a);
        connect(a, &QAction::triggered, this, [this, name] { m_doc->showVariant(name); });
    }
}

} // namespace scui
