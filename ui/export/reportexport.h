#pragma once

#include "core/analysis/model.h"
#include "ui/export/diagramexport.h"

#include <QByteArray>
#include <QPdfWriter>
#include <QString>

#include <optional>
#include <vector>

namespace scui {

class CanvasScene;
class Document;

// The cost report (issue 5): the diagram, the assumptions, line items per component, totals,
// cost per user, the cost-vs-users chart, SPOFs, warnings and availability.
enum class ReportFormat { Pdf, Html, Csv, Markdown };

// By suffix: .pdf, .html/.htm, .csv, .md; nullopt for anything else.
std::optional<ReportFormat> reportFormatFor(const QString &path);

// Money in reports (sc::formatUsd): "$1,234.56" — rounded to the cent, comma thousands, always
// two decimals; "$2.59e+22" from sc::kMoneyBeyondUsd on, where cents mean nothing.
QString formatUsd(double usd);
// Every text of the HTML and PDF reports goes through here (sc::htmlText: markup escaped,
// control characters made visible).
QString htmlEscaped(const std::string &text);
QString htmlEscaped(const QString &text);
// Small amounts (cost per user) keep four decimals below $1: "$0.0123".
QString formatUsdSmall(double usd);

// One line item rounded to the cent. The cents of all lines add up exactly to the total's
// cents (largest-remainder rounding), so every table in every format sums to the total. When
// an amount is beyond sc::kMoneyBeyondUsd the report is not `exact`: lines and total keep their
// dollars (`usd`), are printed in scientific notation, and the report says so.
struct ReportLine {
    int component = -1; // index in design order
    QString componentId;
    QString componentLabel;
    QString item;
    qint64 cents = 0;      // meaningful when the report is exact
    double usd = 0;        // the amount (= cents / 100 when exact)
    bool transfer = false; // data transfer: its own row of the components table
};
struct ReportLines {
    std::vector<ReportLine> lines; // grouped by component in design order
    bool exact = true;
    qint64 totalCents = 0;
    double totalUsd = 0;
};
ReportLines reportLines(const sc::Model &model, const sc::Evaluation &ev);

// The headline figures of the document at its current user count, as a label and its value:
// users, peak req/s, p99 against the objective, availability against it, the monthly cost and
// the two walls (saturation, maxUsers; latency, sloMaxUsers). What a handout page or a strip of
// figures shows; "—" where the design has errors.
struct HeadlineFigure {
    QString label;
    QString value;
};
std::vector<HeadlineFigure> headlineFigures(const Document &doc);

// A PDF of the report's page set-up: A4 portrait at 300 dpi with no printer margins (a
// QTextDocument printed on it adds its own), titled `title`, made by ScaleCanvas.
void setUpReportPdf(QPdfWriter &pdf, const QString &title);

// Each generator reads the document at its current user count.
QByteArray reportCsv(const Document &doc);
QByteArray reportMarkdown(const Document &doc);
// Self-contained HTML: the diagram as inline SVG, the chart as a base64 PNG, all text escaped.
QByteArray reportHtml(Document *doc, CanvasScene *scene);
// A4 PDF (QTextDocument + QPdfWriter): the diagram drawn as vectors (text stays text), fonts
// embedded.
QByteArray reportPdf(Document *doc, CanvasScene *scene);

// Renders and writes atomically. Returns the error, empty on success; `writeFailed` tells a
// file-system failure (the caller's path) from a rendering one. The diagram and chart are drawn
// in `theme`: light by default, for print, whatever the editor shows.
QString exportReport(Document *doc, CanvasScene *scene, ReportFormat format, const QString &path,
                     bool *writeFailed = nullptr, ExportTheme theme = ExportTheme::Light);

} // namespace scui
