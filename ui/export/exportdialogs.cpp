#include "exportdialogs.h"

#include "ui/canvas/canvasscene.h"
#include "ui/document.h"
#include "ui/export/compareexport.h"
#include "ui/export/diagramexport.h"
#include "ui/export/handoutexport.h"
#include "ui/export/reportexport.h"
#include "ui/filedialogs.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>

namespace scui {
namespace {

void remember(const QString &path)
{
    QSettings().setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
}

} // namespace

DiagramOptionsDialog::DiagramOptionsDialog(DiagramFormat format, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export Diagram"));
    auto *form = new QFormLayout(this);
    m_scale = new QComboBox(this);
    m_scale->setObjectName(QStringLiteral("scale"));
    for (int k = 1; k <= 3; ++k)
        m_scale->addItem(tr("%1× (%2 dpi)").arg(k).arg(96 * k), k);
    m_scale->setItemText(1, tr("2× (192 dpi, slides and high-DPI screens)"));
    m_scale->setEnabled(format == DiagramFormat::Png);
    m_scale->setToolTip(format == DiagramFormat::Png
                            ? tr("Pixels per diagram unit")
                            : tr("SVG and PDF are vectors: sharp at any size"));
    form->addRow(tr("&Scale:"), m_scale);
    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(tr("Light (for print)"), int(ExportTheme::Light));
    m_theme->addItem(tr("Dark"), int(ExportTheme::Dark));
    m_theme->addItem(tr("As on screen"), int(ExportTheme::AsOnScreen));
    form->addRow(tr("&Theme:"), m_theme);
    m_title = new QCheckBox(tr("Title, figures and legend above the diagram"), this);
    m_title->setObjectName(QStringLiteral("titleBlock"));
    // (It said "users, monthly total" also of a diagram whose header names the timeline's
    // moment; GUI QA.)
    m_title->setToolTip(tr("The design's name; its users and monthly total, or the moment of the "
                           "timeline's run the canvas shows; the load colours"));
    m_title->setChecked(true);
    form->addRow(QString(), m_title);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

DiagramOptions DiagramOptionsDialog::options() const
{
    DiagramOptions o;
    o.scale = m_scale->isEnabled() ? m_scale->currentData().toInt() : 1;
    o.theme = ExportTheme(m_theme->currentData().toInt());
    o.titleBlock = m_title->isChecked();
    return o;
}

QString exportPathFor(const QString &typed, const QStringList &offered, const QString &chosen)
{
    if (offered.contains(QFileInfo(typed).suffix().toLower()))
        return typed;
    return typed + QLatin1Char('.') + chosen;
}

QString suggestedExportPath(Document *doc, const QString &suffix, bool ofShownVariant)
{
    // Beside the design, as Save As offers; a design never saved: where the last export went.
    const QString dir =
        !doc->filePath().isEmpty()
            ? QFileInfo(doc->filePath()).absolutePath()
            : QSettings().value(QStringLiteral("export/folder"), QDir::homePath()).toString();
    QString stem =
        doc->filePath().isEmpty() ? QString() : QFileInfo(doc->filePath()).completeBaseName();
    if (stem.isEmpty())
        stem = QStringLiteral("design");
    if (const QString variant = doc->shownVariant(); ofShownVariant && !variant.isEmpty()) {
        // "no cache" → "-no-cache": letters and digits kept, every other run a hyphen (no
        // slash or colon reaches the file name).
        QString part;
        for (const QChar ch : variant.toLower())
            part += ch.isLetterOrNumber() ? ch : QLatin1Char('-');
        part = part.split(QLatin1Char('-'), Qt::SkipEmptyParts).join(QLatin1Char('-'));
        if (!part.isEmpty())
            stem += QLatin1Char('-') + part;
    }
    return QDir(dir).filePath(stem + suffix);
}

QString exportDiagramInteractively(QWidget *parent, CanvasScene *scene)
{
    const QString png = QObject::tr("PNG image (*.png)");
    const QString svg = QObject::tr("SVG drawing (*.svg)");
    const QString pdf = QObject::tr("PDF document (*.pdf)");
    QString filter = png;
    QString path = askSaveFileName(parent, QObject::tr("Export Diagram"),
                                   suggestedExportPath(scene->document(), QStringLiteral(".png")),
                                   QStringList{png, svg, pdf}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return {};
    // A typed extension of one of the formats wins over the filter (it wrote "x.pdf.png").
    path =
        exportPathFor(path, {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")},
                      filter == svg   ? QStringLiteral("svg")
                      : filter == pdf ? QStringLiteral("pdf")
                                      : QStringLiteral("png"));
    const QString suffix = QFileInfo(path).suffix().toLower();
    const DiagramFormat format = suffix == QLatin1String("svg")   ? DiagramFormat::Svg
                                 : suffix == QLatin1String("pdf") ? DiagramFormat::Pdf
                                                                  : DiagramFormat::Png;
    DiagramOptionsDialog dialog(format, parent);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString notice;
    const QString err = exportDiagram(scene, format, path, dialog.options(), nullptr, &notice);
    QApplication::restoreOverrideCursor();
    if (!err.isEmpty()) {
        QMessageBox::warning(parent, QObject::tr("Export Diagram"),
                             QObject::tr("Could not export %1:\n%2").arg(path, err));
        return {};
    }
    remember(path);
    if (!notice.isEmpty())
        QMessageBox::information(parent, QObject::tr("Export Diagram"),
                                 QObject::tr("Exported %1, smaller than asked: %2")
                                     .arg(QDir::toNativeSeparators(path), notice));
    return QObject::tr("Diagram exported to %1").arg(QDir::toNativeSeparators(path));
}

QString exportReportInteractively(QWidget *parent, Document *doc, CanvasScene *scene)
{
    if (!doc->modelOk()) {
        QMessageBox::warning(parent, QObject::tr("Export Cost Report"),
                             QObject::tr("The design has errors (see the warnings); a cost report "
                                         "needs figures."));
        return {};
    }
    const QString pdf = QObject::tr("PDF report (*.pdf)");
    const QString html = QObject::tr("HTML report (*.html)");
    const QString csv = QObject::tr("Line items, CSV (*.csv)");
    const QString md = QObject::tr("Line items, Markdown (*.md)");
    QString filter = pdf;
    QString path =
        askSaveFileName(parent, QObject::tr("Export Cost Report"),
                        suggestedExportPath(doc, QStringLiteral("-cost.pdf")),
                        QStringList{pdf, html, csv, md}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return {};
    if (!reportFormatFor(path)) {
        const QString s = filter == html  ? QStringLiteral("html")
                          : filter == csv ? QStringLiteral("csv")
                          : filter == md  ? QStringLiteral("md")
                                          : QStringLiteral("pdf");
        path += QLatin1Char('.') + s;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString err = exportReport(doc, scene, *reportFormatFor(path), path);
    QApplication::restoreOverrideCursor();
    if (!err.isEmpty()) {
        QMessageBox::warning(parent, QObject::tr("Export Cost Report"),
                             QObject::tr("Could not export %1:\n%2").arg(path, err));
        return {};
    }
    remember(path);
    return QObject::tr("Cost report exported to %1").arg(QDir::toNativeSeparators(path));
}

QString exportHandoutInteractively(QWidget *parent, Document *doc)
{
    if (!hasLessonSteps(doc->design())) {
        QMessageBox::warning(parent, QObject::tr("Export Handout"),
                             QObject::tr("The design has no lesson: a handout prints its steps."));
        return {};
    }
    QString path = askSaveFileName(parent, QObject::tr("Export Handout"),
                                   suggestedExportPath(doc, QStringLiteral("-handout.pdf"), false),
                                   QObject::tr("PDF handout (*.pdf)"));
    if (path.isEmpty())
        return {};
    path = exportPathFor(path, {QStringLiteral("pdf")}, QStringLiteral("pdf"));
    QApplication::setOverrideCursor(Qt::WaitCursor);
    // The file, whichever of its designs is shown: design() holds the file's own design in the
    // shown variant's slot, and the handout printed each in the other's place (QA).
    const QString err = exportHandout(doc->fileDesign(), doc->filePath(), path);
    QApplication::restoreOverrideCursor();
    if (!err.isEmpty()) {
        QMessageBox::warning(parent, QObject::tr("Export Handout"),
                             QObject::tr("Could not export %1:\n%2").arg(path, err));
        return {};
    }
    remember(path);
    return QObject::tr("Handout exported to %1").arg(QDir::toNativeSeparators(path));
}

QAction *addExportHandoutAction(QMenu *menu, QMainWindow *window, Document *doc)
{
    QAction *action = menu->addAction(QObject::tr("Export &Handout…"));
    action->setObjectName(QStringLiteral("exportHandoutAction"));
    QObject::connect(action, &QAction::triggered, window, [window, doc] {
        if (const QString m = exportHandoutInteractively(window, doc); !m.isEmpty())
            window->statusBar()->showMessage(m, 6000);
    });
    const auto follow = [action, doc] { action->setEnabled(hasLessonSteps(doc->design())); };
    QObject::connect(doc, &Document::changed, action, follow);
    follow();
    return action;
}

} // namespace scui
