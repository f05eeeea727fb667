// The main window's file commands: open, save, templates, the price catalog, recent files, a
// file changed on disk and recovery after a crash (split from mainwindow.cpp: one concern per
// file).
#include "mainwindow.h"

#include "core/analysis/limits.h"
#include "core/analysis/options.h"
#include "core/catalog/catalog.h"
#include "core/io/templates.h"
#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/canvas/chaosmarks.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/groupitem.h"
#include "ui/canvas/noteitem.h"
#include "ui/canvas/requestflow.h"
#include "ui/charts/growthcharts.h"
#include "ui/commands/changecommands.h"
#include "ui/commands/componentcommands.h"
#include "ui/document.h"
#include "ui/explain/explainpanel.h"
#include "ui/export/exportdialogs.h"
#include "ui/filedialogs.h"
#include "ui/inspector/inspector.h"
#include "ui/mainwindow/autosave.h"
#include "ui/mainwindow/bringforward.h"
#include "ui/mainwindow/designproperties.h"
#include "ui/mainwindow/lessondock.h"
#include "ui/mainwindow/presentation.h"
#include "ui/mainwindow/templategallery.h"
#include "ui/mainwindow/usersslider.h"
#include "ui/numberformat.h"
#include "ui/palette/palette.h"
#include "ui/theme.h"
#include "ui/timeline/timeline.h"
#include <QAbstractSpinBox>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGraphicsItem>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <cmath>
#include <map>

namespace scui {

// --- Files

QString MainWindow::loadCatalogFile(const QString &path)
{
    const QString err = m_doc->loadCatalog(path);
    if (!err.isEmpty())
        return err;
    const sc::Catalog &c = m_doc->catalog();
    showMessage(tr("Prices from %1: %2, %3")
                    .arg(QFileInfo(path).fileName(), QString::fromStdString(c.region),
                         QString::fromStdString(c.date)),
                8000);
    return {};
}

void MainWindow::loadCatalog()
{
    const QString start =
        m_doc->catalogPath().isEmpty() ? QString() : QFileInfo(m_doc->catalogPath()).path();
    const QString path = askOpenFileName(this, tr("Load Price Catalog"), start,
                                         tr("Price catalogs (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    const QString err = loadCatalogFile(path);
    if (!err.isEmpty()) {
        // The first problems; a file of another kind would otherwise fill the screen.
        constexpr int kShown = 12;
        QStringList lines = err.split('\n');
        if (lines.size() > kShown) {
            const qsizetype more = lines.size() - (kShown - 1);
            lines.resize(kShown - 1);
            lines << tr("… and %1 more").arg(more);
        }
        QMessageBox::warning(this, tr("Load Price Catalog"),
                             tr("%1 is not a usable price catalog; the prices stay as they "
                                "were.\n\n%2")
                                 .arg(QDir::toNativeSeparators(path), lines.join('\n')));
        return;
    }
    // A catalog without the design's instance types is loaded; the warnings name them.
    if (!m_doc->modelOk()) {
        const sc::Issue &first = m_doc->model()->errors().front();
        QMessageBox::warning(this, tr("Load Price Catalog"),
                             tr("The design does not evaluate with these prices:\n\n%1")
                                 .arg(m_doc->issueText(first)));
    }
}

QString MainWindow::openFile(const QString &path)
{
    QString err = m_doc->load(path);
    if (!err.isEmpty())
        return err;
    addRecent(path);
    showLessonOfDesign();
    return {}; // fitted when the reset's figures are in (MainWindow's constructor)
}

bool MainWindow::openTemplate(const QString &name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name.toStdString());
    if (!t || !m_doc->loadBytes(t->json).isEmpty())
        return false;
    showLessonOfDesign();
    return true;
}

// A design opened with a lesson shows its Lesson panel, in front (New from Template ▸ a lesson
// left it hidden under View ▸ Lesson; QA); one without leaves the panel as it was.
void MainWindow::showLessonOfDesign()
{
    if (m_doc->design().lesson.steps.empty())
        return;
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("lessonDock"))) {
        dock->show();
        bringForward(dock);
        if (!isVisible())
            m_forwardWhenShown = dock;
    }
}

QString MainWindow::saveTo(const QString &path)
{
    QString err = m_doc->save(path);
    if (err.isEmpty())
        addRecent(path);
    return err;
}

// An edit still in its editor (a label being typed on the canvas, a number in the inspector)
// becomes a document change now, so "unsaved changes?" and Save see it: otherwise opening
// another design would drop it without asking, and Save would write the design without it.
void MainWindow::commitPendingEdits()
{
    m_scene->commitLabelEdit();
    QWidget *focus = QApplication::focusWidget();
    if (auto *box = qobject_cast<QAbstractSpinBox *>(focus))
        emit box->editingFinished();
    else if (auto *edit = qobject_cast<QLineEdit *>(focus))
        emit edit->editingFinished();
}

bool MainWindow::maybeSave()
{
    commitPendingEdits();
    if (!m_doc->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("“%1” has unsaved changes. Save them?").arg(m_doc->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newDesign()
{
    if (!maybeSave())
        return;
    sc::Design blank;
    blank.name = tr("Untitled design").toStdString();
    m_doc->reset(std::move(blank));
    // (No toast of how to drag and wire: the start card over the empty canvas says it, and goes
    // with the first box; the toast stayed over the boxes added for its ten seconds; QA.)
    clearMessage();
}

// One document per window, and a window always has one: closing it leaves what a first New
// leaves, the empty canvas with the welcome card (a template, the lesson, Open…), asked about
// unsaved changes first as New, Open and Quit ask. Quit closes the window.
void MainWindow::closeDesign()
{
    if (!maybeSave())
        return;
    sc::Design blank;
    blank.name = tr("Untitled design").toStdString();
    m_doc->reset(std::move(blank));
}

void MainWindow::setDesignProperties(const QString &name, const QString &description)
{
    DesignProperties p = m_doc->properties();
    p.name = name.trimmed().toStdString();
    p.description = description.toStdString();
    setDesignProperties(p);
}

void MainWindow::setDesignProperties(const DesignProperties &properties)
{
    if (properties == m_doc->properties())
        return;
    m_doc->undoStack()->push(new ChangeDesignProperties(m_doc, properties));
}

void MainWindow::editDesignProperties()
{
    DesignPropertiesDialog dlg(m_doc->properties(), m_doc->catalog().hoursPerMonth, this);
    if (dlg.exec() == QDialog::Accepted)
        setDesignProperties(dlg.properties());
}

void MainWindow::newFromTemplate()
{
    if (!maybeSave())
        return;
    TemplateGallery gallery(this);
    if (gallery.exec() == QDialog::Accepted && !gallery.selectedName().isEmpty())
        openTemplate(gallery.selectedName());
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString path =
        askOpenFileName(this, tr("Open Design"), QFileInfo(saveAsStart()).path(),
                        tr("ScaleCanvas designs (*.scalecanvas *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QString err = openFile(path); !err.isEmpty())
        QMessageBox::critical(this, tr("Cannot open %1").arg(QFileInfo(path).fileName()), err);
}

bool MainWindow::save()
{
    commitPendingEdits();
    if (m_doc->filePath().isEmpty())
        return saveAs();
    // Saving over what another program (a second instance, say) wrote since: never silently.
    if (m_doc->diskState() == Document::DiskState::Changed) {
        switch (askAboutDiskChange(true)) {
        case DiskChoice::Overwrite:
            break;
        case DiskChoice::Reload:
            return reloadFromDisk();
        case DiskChoice::SaveAs:
            return saveAs();
        case DiskChoice::Keep:
            return false;
        }
    }
    if (QString err = saveTo(m_doc->filePath()); !err.isEmpty()) {
        // Where it cannot be written (write-protected, a folder gone, a full disk), somewhere
        // else may do: Save As is offered at once (review: a write-protected design could only
        // be cancelled, and a quit with it).
        QMessageBox box(QMessageBox::Critical, tr("Save failed"),
                        tr("%1\n\nThe design was not saved and is still open.").arg(err),
                        QMessageBox::Cancel, this);
        QPushButton *elsewhere = box.addButton(tr("Save &As…"), QMessageBox::AcceptRole);
        box.setDefaultButton(elsewhere);
        box.exec();
        return box.clickedButton() == elsewhere && saveAs();
    }
    showMessage(tr("Saved %1").arg(m_doc->filePath()), 4000);
    return true;
}

QString MainWindow::saveAsStart() const
{
    if (!m_doc->filePath().isEmpty())
        return m_doc->filePath();
    // A design not saved yet: in the user's documents (the home folder where there are none),
    // named after the design, not "design.scalecanvas" in whatever folder the app was started
    // from (QA).
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    // The file's own design's name, whichever variant is shown: the file holds them all, and a
    // variant shown made it "no-replica.scalecanvas" (teacher QA).
    const sc::Design *own = m_doc->variantDesign(QString());
    QString name = QString::fromStdString(own ? own->name : m_doc->design().name);
    static const QRegularExpression unsafe(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]"));
    name = name.replace(unsafe, QStringLiteral(" ")).simplified().left(80);
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
        name = QStringLiteral("design");
    return QDir(dir).filePath(name + QStringLiteral(".scalecanvas"));
}

bool MainWindow::saveAs()
{
    commitPendingEdits();
    QString path = askSaveFileName(this, tr("Save Design As"), saveAsStart(),
                                   tr("ScaleCanvas designs (*.scalecanvas)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".scalecanvas")))
        path += QLatin1String(".scalecanvas");
    // The open file itself: the same check as Save.
    if (!m_doc->filePath().isEmpty() &&
        QFileInfo(path).absoluteFilePath() == QFileInfo(m_doc->filePath()).absoluteFilePath())
        return save();
    if (QString err = saveTo(path); !err.isEmpty()) {
        QMessageBox::critical(this, tr("Save failed"),
                              tr("%1\n\nThe design was not saved and is still open.").arg(err));
        return false;
    }
    return true;
}

MainWindow::DiskChoice MainWindow::askAboutDiskChange(bool saving)
{
    QScopedValueRollback asking(m_askingAboutDisk, true);
    const QString name = QFileInfo(m_doc->filePath()).fileName();
    QMessageBox box(QMessageBox::Warning, tr("File changed on disk"),
                    tr("“%1” was changed on disk by another program since you opened or last "
                       "saved it here.")
                        .arg(name),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("diskChangedDialog"));
    auto button = [&box](const QString &text, QMessageBox::ButtonRole role, const char *id) {
        QPushButton *b = box.addButton(text, role);
        b->setObjectName(QLatin1String(id)); // tests click it by name
        return b;
    };
    QPushButton *keep = nullptr;
    QPushButton *overwrite = nullptr;
    QPushButton *saveAs = nullptr;
    if (saving) {
        box.setInformativeText(tr("Overwrite it with your version (the other changes are lost), "
                                  "reload it (your unsaved edits are lost), or save your version "
                                  "under another name?"));
        overwrite = button(tr("Overwrite"), QMessageBox::DestructiveRole, "overwrite");
        button(tr("Reload (Lose My Edits)"), QMessageBox::DestructiveRole, "reload");
        saveAs = button(tr("Save As…"), QMessageBox::AcceptRole, "saveAs");
        keep = button(tr("Cancel"), QMessageBox::RejectRole, "cancel");
        box.setDefaultButton(saveAs);
    } else {
        box.setInformativeText(
            m_doc->isModified()
                ? tr("You have unsaved edits here. Reload it (your edits are lost), or keep your "
                     "version? Saving it later asks again.")
                : tr("Reload it? Keeping this version, saving it later asks again."));
        button(m_doc->isModified() ? tr("Reload (Lose My Edits)") : tr("Reload"),
               QMessageBox::DestructiveRole, "reload");
        keep = button(tr("Keep My Version"), QMessageBox::RejectRole, "keep");
        box.setDefaultButton(keep);
    }
    box.setEscapeButton(keep);
    box.exec();
    const QAbstractButton *clicked = box.clickedButton();
    if (!clicked || clicked == keep)
        return DiskChoice::Keep;
    if (clicked == overwrite)
        return DiskChoice::Overwrite;
    return clicked == saveAs ? DiskChoice::SaveAs : DiskChoice::Reload;
}

void MainWindow::fileChangedOnDisk(Document::DiskState state)
{
    if (m_askingAboutDisk)
        return; // that question covers it
    const QString name = QFileInfo(m_doc->filePath()).fileName();
    if (state == Document::DiskState::Removed) {
        // The design now lives only here: closing asks to save it.
        m_doc->markModified();
        showMessage(tr("“%1” was removed or renamed on disk; Save writes it again.").arg(name),
                    15000);
        return;
    }
    if (askAboutDiskChange(false) == DiskChoice::Reload)
        reloadFromDisk();
    else
        showMessage(
            tr("“%1” was changed on disk; kept your version (saving asks again).").arg(name),
            15000);
}

bool MainWindow::reloadFromDisk()
{
    const QString path = m_doc->filePath();
    if (QString err = m_doc->load(path); !err.isEmpty()) {
        QMessageBox::critical(this, tr("Cannot reload %1").arg(QFileInfo(path).fileName()),
                              tr("%1\n\nYour version is still open.").arg(err));
        return false;
    }
    showMessage(tr("Reloaded %1 from disk").arg(path), 6000);
    return true;
}

void MainWindow::addRecent(const QString &path)
{
    QSettings s;
    QStringList list = s.value(QStringLiteral("recentFiles")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > 10)
        list.removeLast();
    s.setValue(QStringLiteral("recentFiles"), list);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList list = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : list) {
        QAction *a = m_recentMenu->addAction(QFileInfo(path).fileName());
        a->setToolTip(path);
        connect(a, &QAction::triggered, this, [this, path] {
            if (!maybeSave())
                return;
            if (QString err = openFile(path); !err.isEmpty())
                QMessageBox::critical(this, tr("Cannot open %1").arg(path), err);
        });
    }
    m_recentMenu->setEnabled(!list.isEmpty());
    if (!list.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            updateRecentMenu();
        });
    }
}

void MainWindow::offerRecovery()
{
    for (const Autosave::Recoverable &r : Autosave::findRecoverable()) {
        const QString what = r.originalPath.isEmpty() ? tr("an unsaved design")
                                                      : QFileInfo(r.originalPath).fileName();
        Autosave::markAsking(r);
        // Recover (Yes) or Discard (No); Escape or Not Now keeps the autosave for the next
        // start (Escape was nothing, and an Escape that discarded would lose the work).
        QMessageBox box(QMessageBox::Question, tr("Recover unsaved work?"),
                        tr("ScaleCanvas did not close properly. Recover %1, autosaved %2?")
                            .arg(what, QLocale().toString(r.time, QLocale::ShortFormat)),
                        QMessageBox::Yes | QMessageBox::No, this);
        box.button(QMessageBox::Yes)->setText(tr("Recover"));
        box.button(QMessageBox::No)->setText(tr("Discard"));
        QPushButton *later = box.addButton(tr("Not Now"), QMessageBox::RejectRole);
        box.setDefaultButton(QMessageBox::Yes);
        box.setEscapeButton(later);
        box.setInformativeText(tr("Not Now keeps it to be offered at the next start."));
        box.exec();
        if (box.clickedButton() == later) {
            Autosave::postpone(r);
            continue;
        }
        if (box.clickedButton() == box.button(QMessageBox::Yes)) {
            Autosave::beginRecovery(r);
            std::string bytes;
            QFile f(r.file);
            if (f.open(QIODevice::ReadOnly))
                bytes = f.readAll().toStdString();
            if (m_doc->loadBytes(bytes, r.originalPath).isEmpty()) {
                m_doc->markModified();
                Autosave::discard(r);
                m_autosave->saveNow();
                return;
            }
        }
        Autosave::discard(r);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (maybeSave())
        event->accept();
    else
        event->ignore();
}

} // namespace scui
