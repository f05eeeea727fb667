#pragma once

#include "ui/export/diagramexport.h"

#include "core/model/design.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace scui {

// The comparison report (issue 18; `scalecanvas export A B --compare OUT`, the compare view's
// export): option A against option B at the same users, every figure from sc::compareOptions
// and sc::growthOf.
//   PDF  page 1: "A vs B", the users and prices, the summary paragraph, the delta table (B − A,
//        green where B is better, red where it is worse) and both diagrams side by side, the
//        components B adds, changes and (on A's) removes outlined; page 2: the four overlaid
//        growth charts (monthly cost, p99, the bottleneck's utilization, availability);
//        then what changed: components, connections, traffic, warnings.
//   HTML the same in one self-contained file (pictures as data: URIs), every text escaped.
//   MD   a short header and sc::comparisonToMarkdown (a table, no paths).
enum class CompareFormat { Pdf, Html, Markdown };

// By suffix: .pdf, .html/.htm, .md; nullopt for anything else.
std::optional<CompareFormat> compareFormatFor(const QString &path);

// The two options and where they are compared. The designs are the options themselves (a
// variant already resolved: sc::optionDesign); the names head the columns ("(A)"/"(B)" are
// appended when both are the same). `catalogPath` empty: the built-in prices.
struct CompareInput {
    sc::Design a, b;
    QString nameA, nameB;
    double users = 0;
    QString catalogPath;
    QStringList sourcePaths; // the options' design files: the report must not replace them
};

// The options `variantA` and `variantB` of the open file ("" its own design; sc::optionDesign),
// named after the variant (or the design), at the document's users and with its catalog;
// nullopt when the file has no such variant.
class Document;
std::optional<CompareInput> compareVariants(const Document &doc, const QString &variantA,
                                            const QString &variantB);

// The report's bytes; empty (and `error` set) when either option has errors or the catalog does
// not load. The diagrams and charts are drawn in the palette in use (exportComparison sets it).
QByteArray comparisonPdf(const CompareInput &in, QString *error = nullptr);
QByteArray comparisonHtml(const CompareInput &in, QString *error = nullptr);
QByteArray comparisonMarkdown(const CompareInput &in, QString *error = nullptr);

// Renders in the format of `path`'s suffix and writes atomically. Returns the error, empty on
// success; `writeFailed` tells the caller's mistake (a path that cannot be written, a suffix
// that is no report format) from a rendering failure. The diagrams and charts are drawn in
// `theme`; the page stays white, for print.
QString exportComparison(const CompareInput &in, const QString &path,
                         ExportTheme theme = ExportTheme::Light, bool *writeFailed = nullptr);

} // namespace scui
