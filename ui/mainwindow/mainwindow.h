#pragma once

#include "ui/document.h"

#include <QMainWindow>
#include <QStringList>

class QLabel;
class QLineEdit;
class QListWidget;
class QSlider;
class QMenu;
class QAction;

namespace scui {

class Autosave;
class GrowthCharts;
class CanvasScene;
class CanvasView;
class Inspector;
class Palette;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_doc; }
    CanvasScene *scene() const { return m_scene; }
    CanvasView *view() const { return m_view; }
    Palette *palette() const { return m_palette; }
    Inspector *inspector() const { return m_inspector; }
    QSlider *usersSlider() const { return m_slider; }
    QLineEdit *usersField() const { return m_usersField; }
    QListWidget *warningsList() const { return m_warnings; }
    QString statusText() const; // the permanent status-bar figures, for tests

    // Opens a design file; returns the error (empty on success). No dialogs.
    QString openFile(const QString &path);
    bool openTemplate(const QString &name);
    // Saves to `path` atomically; returns the error. No dialogs.
    QString saveTo(const QString &path);
    // Bills with the price catalog in `path` (as the CLI's --catalog); returns the problems
    // (empty on success) and, on failure, keeps the prices in use. No dialogs.
    QString loadCatalogFile(const QString &path);

    // Slider position (0..1000) for a user count and back: log scale over the users range
    // (sc::kMinUsers..sc::kMaxUsers).
    static int sliderPosition(double users);
    static double usersAt(int position);

    void applyTheme(bool dark);
    bool isDarkTheme() const { return m_dark; }
    // Offers autosaves of crashed instances (dialog).
    void offerRecovery();

public slots:
    void newFromTemplate();
    void open();
    bool save();
    bool saveAs();
    void loadCatalog(); // asks for a file; a bad one is named in a dialog and changes nothing
    void copy();
    void cut();
    void paste();
    void duplicate();
    void deleteSelection();
    void selectAll();
    void showShortcuts();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void createToolBar();
    void createStatusBar();
    bool maybeSave();
    void commitPendingEdits();
    // Another program changed the open file on disk: asked when saving over it (Overwrite,
    // Reload, Save As…, Cancel) and when the watcher notices (Reload, Keep).
    enum class DiskChoice { Overwrite, Reload, SaveAs, Keep };
    DiskChoice askAboutDiskChange(bool saving);
    void fileChangedOnDisk(Document::DiskState state);
    bool reloadFromDisk();
    void updateTitle();
    void updateFigures();
    void updateWarnings();
    void setUsersFromField();
    void addRecent(const QString &path);
    void updateRecentMenu();
    void pasteJson(const std::string &json, QPointF offset);

    Document *m_doc;
    CanvasScene *m_scene;
    CanvasView *m_view;
    Palette *m_palette;
    Inspector *m_inspector;
    QListWidget *m_warnings;
    GrowthCharts *m_charts = nullptr;
    QSlider *m_slider;
    QLineEdit *m_usersField;
    QLabel *m_status[6];
    QMenu *m_recentMenu = nullptr;
    QAction *m_snapAction = nullptr;
    QAction *m_darkAction = nullptr;
    QAction *m_builtinPricesAction = nullptr;
    Autosave *m_autosave;
    bool m_dark = false;
    bool m_askingAboutDisk = false; // one question about the file on disk at a time
    int m_pasteCount = 0;
};

} // namespace scui
