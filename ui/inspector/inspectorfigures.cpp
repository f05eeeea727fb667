// The inspector's figures: the selected component's (or the timeline's at its clock) as a table
// of links to their explanations, above its fields; a connection's rate.

#include "inspector.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/numberformat.h"

#include "core/analysis/model.h"

#include <QLabel>
#include <QTextDocument>
#include <QTextOption>

#include <algorithm>
#include <cmath>

namespace scui {

void Inspector::refreshFigures()
{
    refreshViewing();
    if (m_edgeFlow && m_connection) {
        const QString rate = formatRps(m_doc->edgeFlow(*m_connection));
        m_edgeFlow->setText(m_doc->timeFrameRun()
                                ? tr("Carries %1 on the timeline, at its clock").arg(rate)
                                : tr("Carries %1 at the peak").arg(rate));
    }
    if (!m_figures || m_id.isEmpty())
        return;
    const sc::ComponentResult *r = m_doc->result(m_id);
    if (!r) {
        m_figures->setText(tr("<i>No figures: the design has errors (see Warnings).</i>"));
        fitFiguresHeight();
        return;
    }
    QString rows;
    const sc::Component *c = m_doc->component(m_id);
    // `v` is plain text, escaped here: a figure may read "<0.01", whose "<" would open a tag.
    // `colour` paints it; a figure the Explain panel explains is a link to it
    // (explainRequested).
    auto row = [&rows](const QString &k, const QString &v, const char *figure = nullptr,
                       const QString &colour = {}) {
        QString shown = v.toHtmlEscaped();
        if (!colour.isEmpty())
            shown = QStringLiteral("<span style='color:%1'>%2</span>").arg(colour, shown);
        if (figure)
            shown =
                QStringLiteral("<a href=\"explain:%1\">%2</a>").arg(QLatin1String(figure), shown);
        rows += QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td><b>%2</b></td></tr>")
                    .arg(k.toHtmlEscaped(), shown);
    };
    // On the timeline the box shows the clock's figures: here too, first, then the steady
    // ones below them under their own heading (the two read differently in a spike).
    if (const std::optional<FrameFigures> f = m_doc->frameFigures(m_id)) {
        const auto heading = [&rows](const QString &text) {
            rows +=
                QStringLiteral("<tr><td colspan=2><i>%1</i></td></tr>").arg(text.toHtmlEscaped());
        };
        heading(tr("On the timeline, at its clock"));
        // Down (no instance up, none booting), as its box says: what is sent to it fails, and is
        // counted with the run's failed requests, not as failing at it ("Failing 0 req/s" beside
        // a chart at 100% errors read as a contradiction).
        const bool down = c && f->down(*c);
        if (r->station && !down)
            row(tr("Utilization"), std::isfinite(f->utilization) ? formatPercent(f->utilization, 1)
                                                                 : tr("no capacity"));
        if (down)
            row(tr("State"), tr("down: what is sent to it fails"), nullptr,
                canvasColors().red.name());
        else if (c && c->runsInstances())
            row(tr("Instances"),
                f->booting > 0
                    ? tr("%1 (+%2 booting)").arg(formatCount(f->instances), formatCount(f->booting))
                    : formatCount(f->instances));
        if (!down) {
            row(tr("Backlog"), tr("%1 requests").arg(formatCount(f->backlog)));
            row(tr("Failing"), formatRps(f->errors));
        }
        heading(tr("Steady, at %1 users").arg(formatCount(m_doc->users())));
    }
    // A live failure (Fail Now on the canvas) first, as the box's badge says it: the figures
    // below are the model's with it, and a failed component's read like an idle one's.
    // Down now (failed, no standby took over): it has no capacity, latency or availability of
    // its own to show; the idle figures the model keeps for it read "Latency 5 ms, 99.9999%"
    // beside "failed" (QA). So in the steady figures under a timeline's too: they are the live
    // failures' (review).
    const sc::FailedState s = m_doc->failedState(m_id);
    const bool downNow = s.down && !s.failedOver;
    if (!m_doc->frameFigures(m_id)) {
        QString state;
        if (s.failedOver)
            state = tr("failed over to its standby (injected, not saved)");
        else if (s.down)
            state = tr("failed (injected, not saved): its requests go around it or fail");
        else if (s.instancesOut > 0)
            state = s.instancesOut == 1
                        ? tr("1 instance failed (injected, not saved)")
                        : tr("%1 instances failed (injected, not saved)").arg(s.instancesOut);
        if (!state.isEmpty())
            row(tr("State"), state, nullptr, canvasColors().red.name());
    }
    row(tr("Arrivals"), formatRps(r->arrivalRps), "arrivalRps");
    // What it serves of them, and what fails (shed past capacity, refused by a pool). Said
    // either way, as the single point of failure below: an edit that overloads it (fewer
    // instances) grew two rows that moved the field just edited from under the pointer (QA).
    // Down, it serves nothing and nothing fails at it ("Failed none" beside "failed"; review).
    const QString down = tr("— (down)");
    if (c && c->kind == sc::Kind::Clients) {
        // The clients serve nothing of their own: the users' dynamic requests end to end, as
        // their availability row says it (QA: "Served 3.5k req/s · Failed none" beside 49.94%
        // available with the app tier failed, the failures counted at the balancer).
        const sc::Evaluation &ev = m_doc->evaluation();
        const double lost = std::max(0.0, ev.demand.peakRps - ev.goodputRps);
        row(tr("Served (end to end)"), formatRps(ev.goodputRps));
        if (lost > 0)
            row(tr("Failed (end to end)"),
                tr("%1 (%2)").arg(formatRps(lost), formatFailShare(ev.errorRatePeak)), nullptr,
                canvasColors().red.name());
        else
            row(tr("Failed (end to end)"), tr("none"));
    } else if (downNow) {
        row(tr("Served"), down);
        row(tr("Failed"), down);
    } else if (r->errorRps > 0) {
        row(tr("Served"), formatRps(r->servedRps), "servedRps");
        // Its share of the arrivals, the row two above (short: a longer value wrapped, and the
        // fields below moved after all).
        QString failed = tr("%1 (%2)").arg(
            formatRps(r->errorRps),
            formatFailShare(r->arrivalRps > 0 ? r->errorRps / r->arrivalRps : 1.0));
        if (r->refusedRps > 0)
            failed += tr(" · %1 refused by a pool").arg(formatRps(r->refusedRps));
        row(tr("Failed"), failed, nullptr, canvasColors().red.name());
    } else {
        row(tr("Served"), formatRps(r->servedRps), "servedRps");
        row(tr("Failed"), tr("none"));
    }
    if (r->station && downNow) {
        row(tr("Capacity"), down);
        row(tr("Utilization"), down);
        row(tr("Latency"), down);
    } else if (r->station) {
        row(tr("Capacity"), formatRps(r->capacityRps));
        row(tr("Utilization"), formatPercent(r->utilization, 1), "utilization");
        row(tr("Latency"), r->overloaded ? tr("overloaded") : formatLatency(r->meanLatencyMs),
            "meanLatencyMs");
    }
    if (c && c->runsInstances()) {
        // Auto-scaled: the range it may run in and the count it runs now, at the viewed users.
        // Down, none runs (it read "3 now at 1M users", its minimum, beside "failed").
        if (downNow)
            row(tr("Instances"), down);
        else if (c->autoscale)
            row(tr("Instances"), tr("%1 now at %2 users (auto-scaling %3–%4)")
                                     .arg(formatCount(r->instances), formatCount(m_doc->users()))
                                     .arg(c->autoscale->min)
                                     .arg(c->autoscale->max));
        else
            row(tr("Instances"), formatCount(r->instances));
    }
    if (c && c->kind == sc::Kind::AppServer) {
        // The pool's one figure: threads its requests hold per instance, against its pool.
        const double pool = c->number("threadsPerInstance");
        const QString text = tr("%1 held of %2 per instance")
                                 .arg(formatCount(r->threadsBusyPerInstance), formatCount(pool));
        row(tr("Threads"), text, "threadsBusyPerInstance",
            r->refusedRps > 0 || r->threadsBusyPerInstance >= pool ? canvasColors().red.name()
                                                                   : QString());
    }
    if (c && (c->kind == sc::Kind::Database || c->kind == sc::Kind::ReadReplica)) {
        // The figure behind "callers open N connections": against the server's limit, where
        // its kind has one (a read replica has no max_connections and refuses none).
        const bool limited = sc::findParam(c->kind, "maxConnections") != nullptr;
        const double limit = c->number("maxConnections");
        const QString opened = formatCount(std::ceil(r->connectionsOpened));
        // Little's law can put more requests at it than it has connections: then every one is
        // busy and the others wait at the callers for one (docs/model.md "Little's law").
        // ("All" only of those opened: a read-through cache's misses hold connections of its
        // own beside them, which no caller counts.)
        const QString count = formatCount(std::ceil(r->connectionsBusy));
        const double open = limited ? std::min(r->connectionsOpened, limit) : r->connectionsOpened;
        const bool waiting =
            r->connectionsOpened > 0 && (r->overloaded || r->concurrency > r->connectionsBusy);
        const QString busy = !waiting ? tr("%1 busy").arg(count)
                             : r->connectionsBusy <= open
                                 ? tr("all %1 busy, more waiting").arg(count)
                                 : tr("%1 busy, more waiting").arg(count);
        const QString text = limited
                                 ? tr("%1 open (max %2) · %3").arg(opened, formatCount(limit), busy)
                                 : tr("%1 open · %2").arg(opened, busy);
        row(tr("Connections"), text, "connectionsOpened",
            limited && r->connectionsOpened > limit ? canvasColors().red.name() : QString());
    }
    row(tr("Cost"), formatMonthly(r->monthlyCostUsd), "monthlyCostUsd");
    // A component's availability is its own (docs/model.md "Failure": its SLA, its instances up,
    // the share its capacity and pools serve); requests lost where there is no way on, or further
    // on, count in the design's. The clients own nothing that fails (theirs is 1 by definition,
    // "≥ 99.999999%" beside "Failed 100%" when nothing after them served): they show the design's
    // figure, served end to end, which the status bar shows and Explain explains.
    if (c && c->kind == sc::Kind::Clients)
        row(tr("Availability (end to end)"), formatAvailability(m_doc->evaluation().availability),
            "@availability");
    else if (downNow)
        row(tr("Availability (alone)"), down);
    else
        row(tr("Availability (alone)"), formatAvailability(r->availability), "availability");
    // Said either way, so the rows below keep their place when an edit (Multi-AZ, instances)
    // makes or unmakes a single point of failure: the field just clicked moved from under the
    // pointer (GUI QA). The clients own nothing that fails.
    if (c && c->kind != sc::Kind::Clients)
        row(tr("Single point of failure"), r->spof ? tr("yes") : tr("no"), nullptr,
            r->spof ? canvasColors().red.name() : QString());
    m_figures->setText(QStringLiteral("<table>%1</table>").arg(rows));
    fitFiguresHeight();
}

void Inspector::fitFiguresHeight()
{
    if (!m_figures)
        return;
    // Exactly as tall as its text laid out at its width, as the label draws it: only at least
    // that tall, it kept the timeline's rows' height after Stop, its text between two blank
    // bands; and QLabel's own heightForWidth still gave the longer text's height there (240 px
    // for rows that take 144; QA, the "gap above the figures" seen before).
    int height = 0;
    if (!m_figures->text().isEmpty()) {
        QTextDocument doc;
        doc.setDocumentMargin(0);
        doc.setDefaultFont(m_figures->font());
        QTextOption words(Qt::AlignLeft | Qt::AlignTop);
        words.setWrapMode(QTextOption::WordWrap); // at word boundaries, as QLabel wraps
        doc.setDefaultTextOption(words);
        doc.setHtml(m_figures->text());
        doc.setTextWidth(m_figures->contentsRect().width());
        const QMargins m = m_figures->contentsMargins();
        height = int(std::ceil(doc.size().height())) + m.top() + m.bottom();
    }
    m_figures->setFixedHeight(height);
}

} // namespace scui
