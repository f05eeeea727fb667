#pragma once

#include <QObject>
#include <QString>

class QAction;
class QActionGroup;
class QComboBox;
class QMenu;
class QToolBar;
class QWidget;

namespace scui {

class Document;

// Why `name` (trimmed) cannot name a variant of `doc`: empty, "Design" (what the menus call the
// file's own design), longer than the file format's 256 bytes, taken (but by `renaming`, the
// variant being renamed), or one more than the format's 100. Empty when it can.
QString variantNameProblem(const Document &doc, const QString &name, const QString &renaming = {});
// Copies the shown design into a new variant `name` (trimmed) and shows it: one undo step.
// Returns variantNameProblem() and does nothing when the name cannot be had.
QString newVariantFromShown(Document *doc, const QString &name);
// Renames variant `from` to `to` (trimmed) with the lesson steps naming it: one undo step
// (RenameVariant). Returns why it cannot (no such variant, variantNameProblem) and does nothing
// then. The Variants menu and the inspector's name field alike.
QString renameVariantOf(Document *doc, const QString &from, const QString &to);

// Variants in the main window (issue 18): the file's own design and its named variants, one of
// them shown and edited (Document::showVariant: a view, not an edit). A combo in its own tool
// bar switches the shown one (its last entry makes a new variant); the Variants menu makes a new
// variant from the shown design, renames or deletes the shown variant (one undo step each), steps
// to the previous or next one (Ctrl+Alt+PgUp/PgDn) and lists them all, the shown one checked. Both
// follow the document: an undo that renames, adds or removes a variant, a file opened, a lesson
// step shown.
class VariantsMenu : public QObject
{
    Q_OBJECT
public:
    // Fills `menu` (the menu bar's Variants menu) and builds the tool bar; `window` parents the
    // dialogs and the tool bar.
    VariantsMenu(Document *doc, QMenu *menu, QWidget *window);

    QToolBar *toolBar() const { return m_bar; }
    QComboBox *combo() const { return m_combo; }
    QMenu *menu() const { return m_menu; }
    QAction *newAction() const { return m_new; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    QAction *previousAction() const { return m_previous; }
    QAction *nextAction() const { return m_next; }
    // The menu's entries that show a design: "Design" (the file's own) and each variant.
    QList<QAction *> showActions() const;

    // What the menu's commands do, without their dialogs (the dialogs call these; so do tests).
    // Each returns why it did nothing (the dialog shows it), or an empty string when done.
    QString newVariant(const QString &name);                       // newVariantFromShown
    QString renameVariant(const QString &from, const QString &to); // the steps naming it follow
    QString deleteVariant(const QString &name);                    // and the steps naming it
    // How many lesson steps name variant `name` (they go when it is deleted).
    int stepsNaming(const QString &name) const;

    // The dialogs: a name asked for, a deletion confirmed when lesson steps name the variant.
    void askNew();
    void askRename();
    void askDelete();

    // The combo's width in characters for a window `windowWidth` pixels wide: 8 up to 1,500
    // (the users' bar needs the rest of the row), one more for every 12 pixels past that, at
    // most 24 ("Option B — read replicas" whole on a 1920-pixel projector).
    static int comboCharacters(int windowWidth);
    static int comboWidthLimit(int windowWidth);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void sync();
    void step(int delta); // shows the previous (-1) or next (+1) design in the list

    Document *m_doc;
    QWidget *m_window;
    QMenu *m_menu;
    QToolBar *m_bar;
    QComboBox *m_combo;
    QAction *m_new, *m_rename, *m_delete, *m_previous, *m_next;
    QActionGroup *m_shown;
};

} // namespace scui
