// `scalecanvas export`: the diagram (PNG, SVG, PDF), the report, the lesson's handout and the
// comparison of two designs, drawn by the editor's own scene and exporters without a display.

#include "clicommon.h"

#include "core/analysis/variantcheck.h"
#include "core/io/format.h"
#include "core/io/textescape.h"

#include "ui/canvas/canvasscene.h"
#include "ui/document.h"
#include "ui/export/compareexport.h"
#include "ui/export/diagramexport.h"
#include "ui/export/handoutexport.h"
#include "ui/export/reportexport.h"

#include <QApplication>
#include <QFileInfo>

#include <iostream>
#include <memory>
#include <set>

namespace sccli {
namespace {

// Exports need Qt's painting, fonts and widgets but never a display: unless the caller chose a
// platform, the offscreen one is used, so the output is the same with or without X/Wayland.
// Qt's note that it chose a runtime folder itself (XDG_RUNTIME_DIR unset, as in most CI
// containers) said nothing wrong, on the stderr where the CLI writes one line per error (QA):
// dropped; every other message goes where it went.
QtMessageHandler g_qtMessages = nullptr;
void quietRuntimeDirNote(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    if (g_qtMessages)
        g_qtMessages(type, context, text);
    else
        std::fprintf(stderr, "%s\n", qPrintable(text));
}

std::unique_ptr<QApplication> exportApplication(const char *argv0, bool dark)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_qtMessages = qInstallMessageHandler(quietRuntimeDirNote);
    // QApplication keeps references to both for its lifetime: one application per process.
    static int qargc = 1;
    static char *qargv[] = {const_cast<char *>(argv0), nullptr};
    auto app = std::make_unique<QApplication>(qargc, qargv);
    QApplication::setApplicationName(QStringLiteral("ScaleCanvas"));
    scui::applyExportTheme(dark);
    return app;
}

// The file part of an option spec (FILE#VARIANT → FILE), for the overwrite check.
std::string filePartOf(const std::string &spec)
{
    return splitOptionSpec(spec).first;
}

// `export A B --compare OUT.pdf|.html|.md`: the comparison report of two options (issue 18).
int cmdExportCompare(const Args &a)
{
    std::string error;
    for (const char *k : {"png", "svg", "pdf", "report", "handout", "scale"})
        if (a.options.count(k))
            return usageError("--compare and --" + std::string(k) +
                              " do not go together: export writes one output");
    if (!checkOptions(a, {"compare", "users", "theme", "catalog"}, error))
        return usageError(error);
    if (a.positional.size() != 2)
        return usageError("--compare needs two designs: export A B --compare OUT (each FILE or "
                          "FILE#VARIANT), got " +
                          std::to_string(a.positional.size()));
    const std::string outPath = a.options.at("compare");
    const QString out = QString::fromStdString(outPath);
    if (!scui::compareFormatFor(out))
        return usageError("--compare needs an output ending in .pdf, .html or .md, got \"" +
                          outPath + "\"");
    for (const std::string &spec : a.positional)
        if (sameFile(spec, outPath) || sameFile(filePartOf(spec), outPath))
            return usageError("export would overwrite its input: --compare \"" + outPath +
                              "\" is the design file \"" + filePartOf(spec) +
                              "\"; choose another output");
    if (a.options.count("catalog") && sameFile(a.options.at("catalog"), outPath))
        return usageError("export would overwrite its input: --compare \"" + outPath +
                          "\" is the catalog \"" + a.options.at("catalog") +
                          "\"; choose another output");
    const std::string theme = a.options.count("theme") ? a.options.at("theme") : "light";
    if (theme != "light" && theme != "dark")
        return usageError("--theme must be light or dark, got \"" + theme + "\"");
    Option optionA, optionB;
    double users = 0;
    if (int rc = loadOptions(a, optionA, optionB, users))
        return rc;

    const auto app = exportApplication(a.argv0, theme == "dark");
    scui::CompareInput in;
    in.a = *optionA.design;
    in.b = *optionB.design;
    in.nameA = QString::fromStdString(optionA.name);
    in.nameB = QString::fromStdString(optionB.name);
    in.users = users;
    for (const std::string &spec : a.positional)
        in.sourcePaths << QString::fromStdString(filePartOf(spec));
    if (a.options.count("catalog"))
        in.catalogPath = QString::fromStdString(a.options.at("catalog"));
    const QString err = scui::exportComparison(
        in, out, theme == "dark" ? scui::ExportTheme::Dark : scui::ExportTheme::Light);
    if (!err.isEmpty()) {
        // An output that could not be written (no such folder, no permission, a full disk) is
        // exit 1 as every output of the CLI (docs/cli.md), as is a rendering failure.
        errorLine("scalecanvas: export: " + err.toStdString());
        return kInternal;
    }
    return kOk;
}

} // namespace

int cmdExport(const Args &a)
{
    if (a.options.count("compare"))
        return cmdExportCompare(a);
    if (a.positional.size() == 2)
        return usageError("export of two designs needs --compare OUT (a comparison report: "
                          "export A B --compare OUT.pdf|.html|.md)");
    std::string error, path;
    if (!checkOptions(
            a, {"png", "svg", "pdf", "report", "handout", "users", "theme", "scale", "catalog"},
            error))
        return usageError(error);
    if (int rc = needFile(a, path))
        return rc;
    // FILE#VARIANT: the file shown at that variant, as the editor shows it (its title says so).
    const auto [file, variant] = splitOptionSpec(path);
    if (file.empty())
        return usageError(noFileIn(path));
    path = file;
    std::vector<std::string> kinds;
    for (const char *k : {"png", "svg", "pdf", "report", "handout"})
        if (a.options.count(k))
            kinds.push_back(k);
    if (kinds.size() != 1)
        return usageError(
            "export needs exactly one of --png, --svg, --pdf, --report or --handout OUT");
    const std::string kind = kinds.front();
    // Every output option names one file; none may be the design being read (the export would
    // replace the design with a picture of it).
    if (sameFile(path, a.options.at(kind)))
        return usageError("export would overwrite its input: --" + kind + " \"" +
                          a.options.at(kind) + "\" is the design file \"" + path +
                          "\"; choose another output");
    if (a.options.count("catalog") && sameFile(a.options.at("catalog"), a.options.at(kind)))
        return usageError("export would overwrite its input: --" + kind + " \"" +
                          a.options.at(kind) + "\" is the catalog \"" + a.options.at("catalog") +
                          "\"; choose another output");
    const QString out = QString::fromStdString(a.options.at(kind));
    const QString suffix = QFileInfo(out).suffix().toLower();
    std::optional<scui::ReportFormat> report;
    if (kind == "report") {
        report = scui::reportFormatFor(out);
        if (!report)
            return usageError(
                "--report needs an output ending in .pdf, .html, .csv or .md, got \"" +
                out.toStdString() + "\"");
    } else if (kind == "handout") {
        if (suffix != QLatin1String("pdf"))
            return usageError("--handout needs an output ending in .pdf, got \"" +
                              out.toStdString() + "\"");
        if (a.options.count("users"))
            return usageError("--users does not apply to --handout: each step has its users");
        if (a.options.count("catalog"))
            return usageError("--catalog does not apply to --handout: it prints the lesson at the "
                              "built-in prices");
        if (!variant.empty())
            return usageError("--handout prints the file's lesson, each step at its own "
                              "variant: give the file \"" +
                              file + "\", not FILE#VARIANT");
    } else if (suffix != QString::fromStdString(kind)) {
        return usageError("--" + kind + " needs an output ending in ." + kind + ", got \"" +
                          out.toStdString() + "\"");
    }
    const std::string theme = a.options.count("theme") ? a.options.at("theme") : "light";
    if (theme != "light" && theme != "dark")
        return usageError("--theme must be light or dark, got \"" + theme + "\"");
    double scale = 1;
    if (a.options.count("scale")) {
        if (kind != "png")
            return usageError("--scale applies to --png only");
        const std::string s = a.options.at("scale");
        if (s != "1" && s != "2")
            return usageError("--scale must be 1 or 2, got \"" + s + "\"");
        scale = s == "2" ? 2 : 1;
    }

    // The prices: the built-in catalog, or --catalog's (the figures drawn and the report's bill).
    std::optional<sc::Catalog> customCatalog;
    const sc::Catalog *catalog = catalogFor(a, customCatalog);
    if (!catalog)
        return kInvalid;
    std::optional<sc::Model> model;
    auto design = loadChecked(path, *catalog, model, false, kind != "handout" && variant.empty());
    if (!design || (!variant.empty() && !variantOf(path, *design, variant, *catalog)))
        return kInvalid;
    if (kind == "handout" && !scui::hasLessonSteps(*design)) {
        errorLine(path + ": no lesson: --handout needs a file whose \"lesson\" has steps");
        return kInvalid;
    }
    // A step's variant with errors would print as dashes (QA): refused as the file's design is.
    if (kind == "handout") {
        bool refused = false;
        std::set<std::string> checked;
        for (const sc::LessonStep &step : design->lesson.steps)
            if (!step.variant.empty() && checked.insert(step.variant).second)
                for (const sc::Issue &e : sc::variantErrors(*design, step.variant, *catalog)) {
                    errorLine(path + ": " + e.toString());
                    refused = true;
                }
        if (refused)
            return kInvalid;
    }
    // The users shown: the variant's own (the file's design under its name: the file's).
    const sc::Variant *shown = variant.empty() ? nullptr : sc::findVariant(*design, variant);
    auto users =
        numberOption(a, "users", (shown ? shown->design : *design).traffic.users, 0, 1e10, error);
    if (!users)
        return usageError(error);

    const auto app = exportApplication(a.argv0, theme == "dark");
    const scui::ExportTheme exportTheme =
        theme == "dark" ? scui::ExportTheme::Dark : scui::ExportTheme::Light;

    scui::Document doc;
    doc.reset(std::move(*design), QString::fromStdString(path));
    if (!variant.empty() && sc::findVariant(doc.design(), variant))
        doc.showVariant(QString::fromStdString(variant));
    if (a.options.count("catalog")) {
        const QString refused = doc.loadCatalog(QString::fromStdString(a.options.at("catalog")));
        if (!refused.isEmpty()) { // checked above: only a file changed since
            errorLine(a.options.at("catalog") + ": " + refused.toStdString());
            return kInvalid;
        }
    }
    doc.setUsers(*users);
    scui::CanvasScene scene(&doc);

    QString err;
    if (kind == "handout") {
        err = scui::exportHandout(doc.design(), QString::fromStdString(path), out, nullptr,
                                  exportTheme);
    } else if (report) {
        err = scui::exportReport(&doc, &scene, *report, out, nullptr, exportTheme);
    } else {
        const scui::DiagramFormat format = kind == "png"   ? scui::DiagramFormat::Png
                                           : kind == "svg" ? scui::DiagramFormat::Svg
                                                           : scui::DiagramFormat::Pdf;
        QString notice;
        // With its title block: the name, the users, the monthly total and the legend.
        err =
            scui::exportDiagram(&scene, format, out, {scale, exportTheme, true}, nullptr, &notice);
        if (!notice.isEmpty())
            std::cerr << "scalecanvas: export: note: " << notice.toStdString() << "\n";
    }
    if (!err.isEmpty()) {
        // An output that could not be written (no such folder, no permission, a full disk) is
        // exit 1 as every output of the CLI (docs/cli.md), as is a rendering failure.
        errorLine("scalecanvas: export: " + err.toStdString());
        return kInternal;
    }
    return kOk;
}

} // namespace sccli
