#include "exportdialogs.h"

#include "ui/canvas/canvasscene.h"
#include "ui/document.h"
#include "ui/export/diagramexport.h"
#include "ui/export/reportexport.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

namespace scui {
namespace {

QString suggestedPath(Document *doc, const QString &suffix)
{
    const QString dir =
        QSettings().value(QStringLiteral("export/folder"), QDir::homePath()).toString();
    QString stem =
        doc->filePath().isEmpty() ? QString() : QFileInfo(doc->filePath()).completeBaseName();
    if (stem.isEmpty())
        stem = QStringLiteral("design");
    return QDir(dir).filePath(stem + suffix);
}

// Appends the filter's suffix when the name has none of the allowed ones.
QString withSuffix(QString path, const QStringList &allowed)
{
    const QString s = QFileInfo(path).suffix().toLower();
    if (!allowed.contains(s))
        path += QLatin1Char('.') + allowed.front();
    return path;
}

void remember(const QString &path)
{
    QSettings().setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
}

} // namespace

QString exportDiagramInteractively(QWidget *parent, CanvasScene *scene)
{
    const QString png1 = QObject::tr("PNG image (*.png)");
    const QString png2 = QObject::tr("PNG image, 2× for slides (*.png)");
    const QString svg = QObject::tr("SVG drawing (*.svg)");
    const QString pdf = QObject::tr("PDF document (*.pdf)");
    QString filter = png1;
    QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Export Diagram"),
        suggestedPath(scene->document(), QStringLiteral(".png")),
        QStringList{png1, png2, svg, pdf}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return {};
    DiagramFormat format = DiagramFormat::Png;
    if (filter == svg)
        format = DiagramFormat::Svg, path = withSuffix(path, {QStringLiteral("svg")});
    else if (filter == pdf)
        format = DiagramFormat::Pdf, path = withSuffix(path, {QStringLiteral("pdf")});
    else
        path = withSuffix(path, {QStringLiteral("png")});
    // A typed suffix wins over the filter.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        format = DiagramFormat::Svg;
    else if (suffix == QLatin1String("pdf"))
        format = DiagramFormat::Pdf;
    else if (suffix == QLatin1String("png"))
        format = DiagramFormat::Png;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString notice;
    const QString err =
        exportDiagram(scene, format, path, filter == png2 ? 2 : 1, nullptr, &notice);
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
    QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Export Cost Report"), suggestedPath(doc, QStringLiteral("-cost.pdf")),
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

} // namespace scui
