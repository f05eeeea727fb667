#include "compareview.h"

#include "core/analysis/limits.h"
#include "core/analysis/scenarios.h"
#include "core/analysis/variantcheck.h"
#include "core/model/design.h"
#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/canvasview.h"
#include "ui/charts/charttheme.h"
#include "ui/charts/comparecharts.h"
#include "ui/document.h"
#include "ui/export/compareexport.h"
#include "ui/export/exportdialogs.h"
#include "ui/filedialogs.h"
#include "ui/numberformat.h"
#include "ui/theme.h"

#include <qcustomplot.h>

#include <algorithm>

#include <QActionGroup>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolTip>
#include <QVBoxLayout>

namespace scui {
namespace {

constexpr const char *kOtherFile = "open-file"; // the chooser entry that opens a file

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

CompareView::CompareView(Document *doc, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_doc(doc)
    , m_users(doc->users())
    , m_docA(std::make_unique<Document>())
    , m_docB(std::make_unique<Document>())
{
    setWindowTitle(tr("Compare — %1").arg(doc->displayName()));
    setObjectName(QStringLiteral("compareView"));
    m_sceneA = new CanvasScene(m_docA.get(), this);
    m_sceneB = new CanvasScene(m_docB.get(), this);
    m_viewA = new CanvasView(m_sceneA);
    m_viewB = new CanvasView(m_sceneB);
    for (CanvasView *v : {m_viewA, m_viewB}) {
        v->setInteractive(false); // a comparison edits nothing: the boxes stay where they are
        v->viewport()->installEventFilter(this);
        v->installEventFilter(this);
        connect(v->horizontalScrollBar(), &QScrollBar::valueChanged, this,
                [this, v] { syncViews(v); });
        connect(v->verticalScrollBar(), &QScrollBar::valueChanged, this,
                [this, v] { syncViews(v); });
        // The user's own moves (a bar dragged or clicked, not the fits' and the resizes'): from
        // then on a new size keeps the view where they put it.
        for (QScrollBar *bar : {v->horizontalScrollBar(), v->verticalScrollBar()})
            connect(bar, &QAbstractSlider::actionTriggered, this, [this] { m_viewsMoved = true; });
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    buildToolbar();
    buildBottom();

    const QStringList variants = doc->variantNames();
    m_keyB = variants.isEmpty() ? QString() : QStringLiteral("v:") + variants.front();
    m_wantB = m_keyB;
    fillChoosers();
    connect(doc, &Document::changed, this, &CompareView::scheduleRefresh);
    // A variant compared and renamed (or its rename undone) stays compared under its new name
    // (it fell back to the file's design, and the view said A and B were the same; QA).
    connect(doc, &Document::variantRenamed, this, [this](const QString &from, const QString &to) {
        for (QString *key : {&m_keyA, &m_keyB, &m_wantA, &m_wantB})
            if (*key == QStringLiteral("v:") + from)
                *key = QStringLiteral("v:") + to;
    });
    connect(doc, &Document::catalogChanged, this, &CompareView::scheduleRefresh);
    auto *close = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(close, &QShortcut::activated, this, &QWidget::close);
    // Zoom In and Out as in the editor (Ctrl+=, Ctrl++, Ctrl+−; only Fit zoomed here: GUI QA),
    // about the middle of the diagram shown, both diagrams linked.
    const auto zoomKeys = [this](const QList<QKeySequence> &keys, bool in) {
        for (const QKeySequence &key : keys) {
            auto *shortcut = new QShortcut(key, this);
            connect(shortcut, &QShortcut::activated, this, [this, in] { zoomBoth(in); });
        }
    };
    zoomKeys({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)}, true);
    zoomKeys({QKeySequence::ZoomOut}, false);
    resize(1280, 800);
    refresh();
}

CompareView::~CompareView() = default;

void CompareView::buildToolbar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("compareBar"));
    bar->addWidget(new QLabel(tr(" A: ")));
    m_chooserA = new QComboBox;
    m_chooserB = new QComboBox;
    for (QComboBox *c : {m_chooserA, m_chooserB}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        c->setMinimumContentsLength(14);
        c->setToolTip(tr("The design to compare: the file's own, a variant, or another file"));
    }
    bar->addWidget(m_chooserA);
    bar->addAction(tr("⇄ Swap"), this, [this] { setOptions(m_keyB, m_keyA); })
        ->setToolTip(tr("Swap A and B"));
    bar->addWidget(new QLabel(tr(" B: ")));
    bar->addWidget(m_chooserB);
    const auto chosen = [this](QComboBox *box, bool isA) {
        const QString key = box->currentData().toString();
        if (key == QLatin1String(kOtherFile)) {
            const QString path =
                askOpenFileName(this, tr("Compare with a Design File"), QString(),
                                tr("ScaleCanvas designs (*.scalecanvas *.json);;All files (*)"));
            QString added;
            if (!path.isEmpty()) {
                const QString error = addFile(path, &added);
                if (!error.isEmpty())
                    m_summary->setText(error);
            }
            fillChoosers();
            if (added.isEmpty())
                return;
            setOptions(isA ? added : m_keyA, isA ? m_keyB : added);
            return;
        }
        setOptions(isA ? key : m_keyA, isA ? m_keyB : key);
    };
    connect(m_chooserA, &QComboBox::activated, this, [this, chosen] { chosen(m_chooserA, true); });
    connect(m_chooserB, &QComboBox::activated, this, [this, chosen] { chosen(m_chooserB, false); });
    bar->addSeparator();
    bar->addWidget(new QLabel(tr(" Users: ")));
    m_usersField = new QLineEdit;
    m_usersField->setObjectName(QStringLiteral("compareUsers"));
    m_usersField->setMaximumWidth(110);
    // Room for the longest count it shows ("888.8M"): a narrow window's tool bar squeezed it
    // until "100k" read "00k".
    m_usersField->setMinimumWidth(
        m_usersField->fontMetrics().horizontalAdvance(QStringLiteral("888.8M")) + 20);
    m_usersField->setToolTip(tr("Both designs at these users: 25000, 1e6, 2.5M"));
    connect(m_usersField, &QLineEdit::editingFinished, this, &CompareView::setUsersFromField);
    bar->addWidget(m_usersField);
    bar->addSeparator();
    m_modes = new QActionGroup(this);
    QAction *side = bar->addAction(tr("Side by Side"), this, [this] { setMode(Mode::SideBySide); });
    QAction *overlay = bar->addAction(tr("Overlay"), this, [this] { setMode(Mode::Overlay); });
    overlay->setToolTip(tr("B alone, with what it adds, changes and removes from A marked"));
    for (QAction *a : {side, overlay}) {
        a->setCheckable(true);
        m_modes->addAction(a);
    }
    side->setChecked(true);
    QAction *fit = bar->addAction(tr("Fit"), this, [this] { fitBoth(true); });
    fit->setShortcut(Qt::CTRL | Qt::Key_0);
    fit->setObjectName(QStringLiteral("compareFit"));
    fit->setToolTip(tr("Both diagrams whole, at one zoom"));
    bar->addSeparator();
    bar->addAction(tr("Export Report…"), this, &CompareView::chooseReport)
        ->setToolTip(tr("Both diagrams, the delta table, the growth charts and the summary as a "
                        "PDF, HTML or Markdown file"));
    layout()->addWidget(bar);
}

void CompareView::buildBottom()
{
    const auto titled = [](QLabel *&title, CanvasView *view) {
        auto *box = new QWidget;
        auto *l = new QVBoxLayout(box);
        l->setContentsMargins(0, 0, 0, 0);
        l->setSpacing(0);
        title = new QLabel;
        title->setContentsMargins(8, 4, 8, 4);
        QFont f = title->font();
        f.setBold(true);
        title->setFont(f);
        l->addWidget(title);
        l->addWidget(view, 1);
        return box;
    };
    auto *canvases = new QSplitter(Qt::Horizontal);
    canvases->addWidget(titled(m_titleA, m_viewA));
    canvases->addWidget(titled(m_titleB, m_viewB));

    auto *figures = new QWidget;
    auto *fl = new QVBoxLayout(figures);
    fl->setContentsMargins(8, 6, 8, 6);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop); // alone (no table), at the top
    fl->addWidget(m_summary);
    m_table = new QTableWidget(0, 5);
    m_table->setObjectName(QStringLiteral("deltaTable"));
    m_table->setHorizontalHeaderLabels({tr("Figure"), tr("A"), tr("B"), tr("B − A"), QString()});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setShowGrid(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    fl->addWidget(m_table, 1);

    m_charts = new QTabWidget;
    const QStringList titles = {tr("Cost"), tr("p99 latency"), tr("Bottleneck"),
                                tr("Availability")};
    for (int i = 0; i < kChartCount; ++i) {
        m_plots[size_t(i)] = new QCustomPlot;
        m_charts->addTab(m_plots[size_t(i)], titles[i]);
    }
    const int scenarioTab = m_charts->addTab(buildScenarioTab(), tr("Scenario"));
    // Empty axes under "Choose a scenario" looked broken: the tab opens on a run of the first
    // (the user may choose none afterwards; it is not chosen again).
    connect(m_charts, &QTabWidget::currentChanged, this, [this, scenarioTab](int index) {
        if (index != scenarioTab || m_scenarioOffered)
            return;
        m_scenarioOffered = true;
        if (m_scenario.isEmpty() && m_scenarios->count() > 1) {
            m_scenarios->setCurrentIndex(1);
            runScenario(m_scenarios->currentText());
        }
    });
    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(figures);
    bottom->addWidget(m_charts);
    m_bottom = bottom;

    m_split = new QSplitter(Qt::Vertical);
    m_split->addWidget(canvases);
    m_split->addWidget(bottom);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    connect(m_split, &QSplitter::splitterMoved, this, [this] { m_figuresMoved = true; });
    layout()->addWidget(m_split);
}

QStringList CompareView::optionKeys() const
{
    QStringList keys{QString()};
    for (const QString &v : m_doc->variantNames())
        keys << QStringLiteral("v:") + v;
    for (size_t i = 0; i < m_files.size(); ++i) {
        keys << QStringLiteral("f:%1:").arg(i);
        for (const sc::Variant &v : m_files[i].design.variants)
            keys << QStringLiteral("f:%1:%2").arg(i).arg(fromStd(v.name));
    }
    return keys;
}

QString CompareView::optionName(const QString &key) const
{
    if (key.isEmpty())
        return m_doc->fileDesignName();
    if (key.startsWith(QLatin1String("v:")))
        return key.mid(2);
    const int file = otherFileOf(key);
    if (file < 0)
        return {};
    const QString variant = key.section(QLatin1Char(':'), 2);
    const QString what = variant.isEmpty() ? fromStd(m_files[size_t(file)].design.name) : variant;
    return m_files[size_t(file)].title + QStringLiteral(": ") + what;
}

int CompareView::otherFileOf(const QString &key) const
{
    if (!key.startsWith(QLatin1String("f:")))
        return -1;
    const int file = key.section(QLatin1Char(':'), 1, 1).toInt();
    return file >= 0 && size_t(file) < m_files.size() ? file : -1;
}

std::optional<sc::Design> CompareView::designOf(const QString &key) const
{
    if (key.isEmpty() || key.startsWith(QLatin1String("v:")))
        return sc::optionDesign(m_doc->fileDesign(), key.mid(2).toStdString());
    const int file = otherFileOf(key);
    if (file < 0)
        return std::nullopt;
    return sc::optionDesign(m_files[size_t(file)].design,
                            key.section(QLatin1Char(':'), 2).toStdString());
}

QString CompareView::addFile(const QString &path, QString *key)
{
    Document loaded;
    const QString error = loaded.load(path);
    if (!error.isEmpty())
        return tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), error);
    m_files.push_back({QFileInfo(path).completeBaseName(), loaded.fileDesign()});
    if (key)
        *key = QStringLiteral("f:%1:").arg(m_files.size() - 1);
    fillChoosers();
    return {};
}

void CompareView::fillChoosers()
{
    for (QComboBox *box : {m_chooserA, m_chooserB}) {
        const QSignalBlocker block(box);
        box->clear();
        for (const QString &key : optionKeys())
            box->addItem(key.isEmpty() ? tr("%1 (the file's design)").arg(optionName(key))
                                       : optionName(key),
                         key);
        box->insertSeparator(box->count());
        box->addItem(tr("Other File…"), QString::fromLatin1(kOtherFile));
    }
    m_chooserA->setCurrentIndex(std::max(0, m_chooserA->findData(m_keyA)));
    m_chooserB->setCurrentIndex(std::max(0, m_chooserB->findData(m_keyB)));
}

// (By value: the swap passes this view's own keys, which the first assignment would change.)
bool CompareView::setOptions(QString a, QString b)
{
    if (!designOf(a) || !designOf(b))
        return false;
    m_keyA = m_wantA = std::move(a);
    m_keyB = m_wantB = std::move(b);
    fillChoosers();
    refresh();
    if (m_fitted)
        fitBoth(); // other designs: fitted again (the last fit cut stage 4 off at the right)
    return true;
}

QString CompareView::optionA() const
{
    return m_keyA;
}

QString CompareView::optionB() const
{
    return m_keyB;
}

void CompareView::setMode(Mode mode)
{
    m_mode = mode;
    m_modes->actions().at(mode == Mode::SideBySide ? 0 : 1)->setChecked(true);
    m_viewA->parentWidget()->setVisible(mode == Mode::SideBySide);
    markDifferences();
}

void CompareView::setUsers(double users)
{
    m_users = std::clamp(users, 0.0, 1e10);
    refresh();
}

void CompareView::setUsersFromField()
{
    const QString text = m_usersField->text().trimmed(); // readUserCount drops the commas
    const std::optional<double> users = readUserCount(text);
    if (!users || *users < 0 || *users > 1e10) {
        // Why, beside the field, as the main window's users field says it (it put the last
        // count back without a word; QA).
        QToolTip::showText(m_usersField->mapToGlobal(QPoint(0, m_usersField->height())),
                           notAUserCount(text, 1e10), m_usersField);
        m_usersField->setText(formatCount(m_users));
        return;
    }
    QToolTip::hideText();
    if (*users != m_users)
        setUsers(*users);
    else
        m_usersField->setText(formatCount(m_users));
}

void CompareView::scheduleRefresh()
{
    if (m_refreshPending)
        return;
    m_refreshPending = true;
    QTimer::singleShot(0, this, [this] {
        if (m_refreshPending)
            refresh();
    });
}

void CompareView::refresh()
{
    m_refreshPending = false;
    // A variant renamed or deleted in the editor: what is gone falls back, A to the file's design,
    // B to the first option that is not A; what the user chose comes back with it (GUI QA: an
    // undo of a variant's creation compared A with A, and its redo left it so).
    m_keyA = designOf(m_wantA) ? m_wantA : QString();
    if (designOf(m_wantB)) {
        m_keyB = m_wantB;
    } else {
        m_keyB.clear();
        for (const QString &key : optionKeys())
            if (key != m_keyA && designOf(key)) {
                m_keyB = key;
                break;
            }
    }
    fillChoosers();
    m_marksA.clear();
    m_marksB.clear();
    m_docA->reset(*designOf(m_keyA));
    m_docB->reset(*designOf(m_keyB));
    m_docA->setUsers(m_users);
    m_docB->setUsers(m_users);
    m_usersField->setText(formatCount(m_users));
    m_comparison.reset();
    m_problem.clear();
    QString nameA = optionName(m_keyA), nameB = optionName(m_keyB);
    if (nameA == nameB) {
        nameA += tr(" (A)");
        nameB += tr(" (B)");
    }
    m_titleA->setText(tr("A · %1").arg(displayText(nameA)));
    m_titleB->setText(tr("B · %1").arg(displayText(nameB)));
    if (!m_docA->modelOk() || !m_docB->modelOk()) {
        // Which option, what and where (the file's path to the field, as `validate` says it),
        // and where to mend it: another file is not in the editor (QA: "fix them in the
        // editor" for a file that was not open, and no word of what was wrong).
        const bool aFails = !m_docA->modelOk();
        const Document *broken = aFails ? m_docA.get() : m_docB.get();
        const QString key = aFails ? m_keyA : m_keyB;
        const int other = otherFileOf(key);
        const sc::Design &file = other >= 0 ? m_files[size_t(other)].design : m_doc->fileDesign();
        // A variant's errors at its paths in the file, as `validate` says them.
        const QString variant = other >= 0 ? key.section(':', 2) : key.mid(2);
        const sc::Issues errors =
            variant.isEmpty() ? broken->model()->errors()
                              : sc::variantErrors(file, variant.toStdString(), broken->catalog());
        QString what;
        if (!errors.empty()) {
            const sc::Issue &e = errors.front();
            what = fromStd(e.path.empty() ? e.message : e.path + ": " + e.message);
        }
        // The others counted; a list cut short closes with a line that counts those it left.
        size_t more = errors.empty() ? 0 : errors.size() - 1;
        if (more > 0 && errors.back().path.empty() && errors.size() > sc::kMaxIssues)
            --more;
        if (more > 0)
            what += tr(" (and %n more)", nullptr, int(more));
        const QString where = other >= 0
                                  ? tr("open %1 to fix them").arg(m_files[size_t(other)].title)
                                  : tr("fix them in the editor");
        m_problem = tr("%1 has errors: %2. To compare it, %3.")
                        .arg(displayText(aFails ? nameA : nameB), displayText(what), where);
    } else
        m_comparison = sc::compareOptions(*m_docA->model(), nameA.toStdString(), *m_docB->model(),
                                          nameB.toStdString(), m_users);
    showComparison();
    const QString chosen = m_scenario;
    {
        const QSignalBlocker block(m_scenarios);
        m_scenarios->clear();
        m_scenarios->addItem(QString());
        m_scenarios->addItems(scenarioNames());
        m_scenarios->setCurrentText(chosen);
    }
    runScenario(chosen);
}

void CompareView::showComparison()
{
    fillTable();
    fitFigures();
    plotGrowth();
    markDifferences();
}

QString CompareView::summaryText() const
{
    return m_comparison ? fromStd(sc::comparisonSummary(*m_comparison)) : m_problem;
}

void CompareView::fillTable()
{
    QString summary = summaryText();
    if (m_comparison && m_keyA == m_keyB)
        summary = tr("A and B are the same design: choose a variant or another file to compare "
                     "(Variants ▸ New Variant from Current… makes one).");
    m_summary->setText(summary);
    m_table->clearContents();
    m_table->setRowCount(0);
    // With no figures (an option with errors) no table and no charts: their headers and axes
    // stayed, numbered 1 to 5 and with the last option's ranges (QA); the summary says why.
    m_table->setVisible(bool(m_comparison));
    m_charts->setVisible(bool(m_comparison));
    if (!m_comparison)
        return;
    const sc::Comparison &c = *m_comparison;
    m_table->horizontalHeaderItem(1)->setToolTip(displayText(c.a.name));
    m_table->horizontalHeaderItem(2)->setToolTip(displayText(c.b.name));
    const CanvasColors colors = canvasColors();
    m_table->setRowCount(int(c.rows.size()));
    for (int r = 0; r < int(c.rows.size()); ++r) {
        const sc::DeltaRow &row = c.rows[size_t(r)];
        const QStringList cells = {fromStd(row.label), fromStd(row.textA), fromStd(row.textB),
                                   fromStd(row.textDelta),
                                   row.verdict > 0   ? tr("better")
                                   : row.verdict < 0 ? tr("worse")
                                                     : QString()};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            if (col >= 1 && col <= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (col >= 3 && row.verdict != 0) {
                item->setForeground(row.verdict > 0 ? colors.green : colors.red);
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_table->setItem(r, col, item);
        }
        // A count of boxes says which boxes: hover the row.
        if (const QString tip = rowBoxesTip(row); !tip.isEmpty())
            for (int col = 0; col < cells.size(); ++col)
                m_table->item(r, col)->setToolTip(tip);
    }
}

QString CompareView::rowBoxesTip(const sc::DeltaRow &row) const
{
    const sc::Comparison &c = *m_comparison;
    const auto names = [](const std::vector<std::string> &labels) {
        QStringList out;
        for (const std::string &l : labels)
            out << displayText(l);
        return out.isEmpty() ? tr("none") : out.join(QStringLiteral(", "));
    };
    if (row.key == "spofs")
        return tr("A: %1\nB: %2").arg(names(c.a.spofLabels), names(c.b.spofLabels));
    if (row.key != "warnings")
        return {};
    // The errors and warnings that differ (advice is not counted); core's message names its box.
    QStringList lines;
    for (const sc::WarningChange &w : c.warningChanges)
        lines << (w.added ? tr("Only in B — %1") : tr("Only in A — %1"))
                     .arg(displayText(w.warning.message));
    return lines.isEmpty() ? tr("The same errors and warnings in A and B") : lines.join('\n');
}

void CompareView::plotGrowth()
{
    const bool dark = paletteIsDark();
    if (!m_comparison) {
        for (QCustomPlot *plot : m_plots) {
            plot->clearGraphs();
            plot->clearItems();
            plot->replot();
        }
        return;
    }
    // Both options' growth, as core computes it (log-spaced from 10 to 10⁸ users).
    constexpr int kGrowthPoints = 100;
    const sc::Growth a = sc::growthOf(*m_docA->model(), kGrowthPoints);
    const sc::Growth b = sc::growthOf(*m_docB->model(), kGrowthPoints);
    const QString nameA = fromStd(m_comparison->a.name), nameB = fromStd(m_comparison->b.name);
    for (int i = 0; i < kChartCount; ++i) {
        plotComparison(m_plots[size_t(i)], CompareChart(i), a, b, nameA, nameB, m_users, dark);
        m_plots[size_t(i)]->replot();
    }
}

QString CompareView::exportReport(const QString &path)
{
    if (!m_comparison)
        return m_problem;
    CompareInput in;
    in.a = m_docA->design();
    in.b = m_docB->design();
    in.nameA = fromStd(m_comparison->a.name);
    in.nameB = fromStd(m_comparison->b.name);
    in.users = m_users;
    in.catalogPath = m_doc->catalogPath();
    if (!m_doc->filePath().isEmpty())
        in.sourcePaths << m_doc->filePath();
    // On paper: the print theme, whatever the screen's (a dark theme's diagrams and charts
    // came out dark on the white page).
    return exportComparison(in, path, ExportTheme::Light);
}

void CompareView::chooseReport()
{
    // Named after the design, with the chosen filter's extension added when none is typed, as
    // the other exports do (it opened empty and refused "cmp-report").
    const QString pdf = tr("PDF (*.pdf)");
    const QString html = tr("HTML (*.html)");
    const QString md = tr("Markdown (*.md)");
    QString filter = pdf;
    QString path =
        askSaveFileName(this, tr("Export Comparison Report"),
                        suggestedExportPath(m_doc, QStringLiteral("-compare.pdf"), false),
                        QStringList{pdf, html, md}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    path =
        exportPathFor(path, {QStringLiteral("pdf"), QStringLiteral("html"), QStringLiteral("md")},
                      filter == html ? QStringLiteral("html")
                      : filter == md ? QStringLiteral("md")
                                     : QStringLiteral("pdf"));
    const QString error = exportReport(path);
    if (!error.isEmpty()) { // in a message box: the comparison's sentence stays
        QMessageBox::warning(this, tr("Export Comparison Report"),
                             tr("Could not export %1:\n%2").arg(path, error));
        return;
    }
    m_summary->setText(tr("Report written to %1").arg(QFileInfo(path).fileName()));
    QTimer::singleShot(4000, this, [this] { m_summary->setText(summaryText()); });
}

QWidget *CompareView::buildScenarioTab()
{
    auto *tab = new QWidget;
    auto *l = new QVBoxLayout(tab);
    l->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Run both through:")));
    m_scenarios = new QComboBox;
    m_scenarios->setObjectName(QStringLiteral("scenarioChoice"));
    m_scenarios->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    row->addWidget(m_scenarios);
    m_scenarioAt = new QLabel;
    m_scenarioAt->setObjectName(QStringLiteral("scenarioUsers"));
    row->addWidget(m_scenarioAt);
    row->addStretch(1);
    l->addLayout(row);
    m_scenarioSummary = new QLabel;
    m_scenarioSummary->setObjectName(QStringLiteral("scenarioSummary"));
    m_scenarioSummary->setWordWrap(true);
    m_scenarioSummary->setTextFormat(Qt::PlainText); // (names from the file are not markup)
    l->addWidget(m_scenarioSummary);
    m_scenarioPlot = new QCustomPlot;
    l->addWidget(m_scenarioPlot, 1);
    // The legend's rows follow the plot's width, at every replot (a resize replots): measured
    // once at plotting, a tab not yet laid out gave one row of four clipped entries.
    connect(m_scenarioPlot, &QCustomPlot::beforeReplot, this, [this] {
        QCustomPlot *plot = m_scenarioPlot;
        const QFontMetrics fm(plot->legend->font());
        int widest = 0;
        for (int g = 0; g < plot->graphCount(); ++g)
            widest = std::max(widest, fm.horizontalAdvance(plot->graph(g)->name()));
        // Four entries side by side: each its icon, padding and text, three gaps, the margins.
        const QMargins m = plot->legend->margins();
        const int row =
            4 * (widest + plot->legend->iconSize().width() + plot->legend->iconTextPadding()) +
            3 * plot->legend->columnSpacing() + m.left() + m.right();
        const int wrap = row <= plot->width() ? 4 : 2;
        if (wrap != plot->legend->wrap()) { // (a new wrap applies to the entries laid out again)
            plot->legend->setWrap(wrap);
            plot->legend->setFillOrder(plot->legend->fillOrder(), true);
        }
    });
    connect(m_scenarios, &QComboBox::activated, this,
            [this] { runScenario(m_scenarios->currentText()); });
    return tab;
}

QStringList CompareView::scenarioNames() const
{
    // The file's scenarios and the built-in ones A can run, that B can run too.
    QStringList names;
    for (const std::string &n : sc::scenarioNames(m_docA->design()))
        names << fromStd(n);
    const std::vector<std::string> b = sc::scenarioNames(m_docB->design());
    QStringList both;
    for (const QString &n : names)
        if (std::find(b.begin(), b.end(), n.toStdString()) != b.end() ||
            sc::findScenario(m_doc->fileDesign(), n.toStdString()))
            both << n;
    return both;
}

// The file's own scenario of that name (it may be shown with a variant, which has none of its
// own), else the built-in one made for each design.
bool CompareView::runScenario(const QString &name)
{
    m_runA.reset();
    m_runB.reset();
    m_scenario.clear();
    m_scenarioWhy.clear();
    if (!m_comparison || name.isEmpty()) {
        // An option with errors keeps the scenario chosen: the edit that mends it runs it again
        // (refresh; review: it was forgotten).
        if (!m_comparison)
            m_scenario = name;
        plotScenario();
        return false;
    }
    const std::string n = name.toStdString();
    const auto scenarioFor = [&](const sc::Design &d) {
        std::optional<sc::Scenario> s = sc::findScenario(m_doc->fileDesign(), n);
        return s ? s : sc::findScenario(d, n);
    };
    std::optional<sc::Scenario> a = scenarioFor(m_docA->design());
    std::optional<sc::Scenario> b = scenarioFor(m_docB->design());
    if (!a || !b) {
        plotScenario();
        return false;
    }
    // A file's scenario that names what one of the two lacks (a variant without the component
    // it fails) runs on neither, saying why, as the timeline and `simulate FILE#VARIANT` refuse
    // it (GUI QA: it ran, the event dropped, and 71% failing read as the comparison's answer).
    const std::string lackA = sc::namedButAbsent(*a, m_docA->design()),
                      lackB = sc::namedButAbsent(*b, m_docB->design());
    if (!lackA.empty() || !lackB.empty()) {
        m_scenario = name; // (still the one chosen: an edit may let it run)
        const QString on =
            !lackA.empty() && !lackB.empty()
                ? tr("either")
                : displayText(fromStd(lackA.empty() ? m_comparison->b.name : m_comparison->a.name));
        m_scenarioWhy =
            tr("\u201c%1\u201d cannot run on %2: it names %3, which that design does not have")
                .arg(displayText(name), on, fromStd(lackA.empty() ? lackB : lackA));
        plotScenario();
        return false;
    }
    // Both at the users compared (the other tabs' figures), where the scenario names none of its
    // own: each at its design's users ran B at 100k in a window comparing 1M (QA).
    for (sc::Scenario *s : {&*a, &*b})
        if (!s->users)
            s->users = m_users;
    m_scenarioUsers = a->users == b->users ? *a->users : -1;
    m_scenario = name;
    m_runA = sc::runScenario(*m_docA->model(), *a);
    m_runB = sc::runScenario(*m_docB->model(), *b);
    plotScenario();
    return true;
}

void CompareView::plotScenario()
{
    QCustomPlot *plot = m_scenarioPlot;
    plot->clearGraphs();
    applyChartPalette(plot, chartPaletteOf(this));
    m_scenarioAt->clear();
    if (!m_runA || !m_runB) {
        m_scenarioSummary->setText(
            !m_scenarioWhy.isEmpty() ? m_scenarioWhy
            : m_comparison ? tr("Choose a scenario: both designs run through it, second by second.")
                           : QString());
        if (plot->property("scCompareLayout").toBool())
            legendAbovePlot(plot)->setText(QString());
        plot->replot();
        return;
    }
    // The options' colours and lines of the other tabs (comparePen): p99 as there, the share
    // failing (right axis) thin over a light fill of the same colour.
    const bool dark = paletteIsDark();
    const auto add = [&](const sc::ScenarioRun &run, bool optionB, bool errors,
                         const QString &name) {
        QCPGraph *g = plot->addGraph(plot->xAxis, errors ? plot->yAxis2 : plot->yAxis);
        QVector<double> x, y;
        for (size_t i = 0; i < run.t.size(); ++i) {
            x << run.t[i];
            y << (errors ? 100 * sc::failingShare(run.errorRps[i], run.demandRps[i])
                         : run.p99Ms[i]);
        }
        g->setData(x, y, true);
        QPen pen = comparePen(optionB, dark);
        if (errors) {
            pen.setWidthF(1.2);
            QColor fill = pen.color();
            fill.setAlpha(40);
            g->setBrush(fill);
        }
        g->setPen(pen);
        g->setName(name);
    };
    const QString a = displayText(m_comparison->a.name), b = displayText(m_comparison->b.name);
    // No heading over the chart: the choice above names the scenario, and the users beside it
    // (at 1280 × 800 the heading and a legend of two rows left the plot ~60 px; GUI QA).
    QCPTextElement *heading = legendAbovePlot(plot);
    heading->setText(QString());
    QFont none = heading->font(); // (an empty text keeps its font's line of height)
    none.setPixelSize(1);
    heading->setFont(none);
    heading->setMargins(QMargins());
    heading->setMaximumSize(QWIDGETSIZE_MAX, 0);
    m_scenarioAt->setText(m_scenarioUsers >= 0 ? tr("at %1 users").arg(formatUsers(m_scenarioUsers))
                                               : tr("each at its scenario's users"));
    add(*m_runA, false, false, tr("%1 p99").arg(legendName(a)));
    add(*m_runB, true, false, tr("%1 p99").arg(legendName(b)));
    // The share failing where either fails: where neither does, its two flat lines on an axis
    // of 0 to 1% said nothing the summary does not (GUI QA: a range that read arbitrary).
    const auto fails = [](const sc::ScenarioRun &run) {
        return std::any_of(run.errorRps.begin(), run.errorRps.end(),
                           [](double e) { return e > 0; });
    };
    const bool failing = fails(*m_runA) || fails(*m_runB);
    if (failing) {
        add(*m_runA, false, true, tr("%1 failing").arg(legendName(a)));
        add(*m_runB, true, true, tr("%1 failing").arg(legendName(b)));
    }
    // One row of four where they fit (the beforeReplot above), else p99 of A and B, then failing
    // of A and B: the plot below keeps the height (two rows left it ~45 px at 1280 × 800; QA).
    // Three ticks a side: in a short plot more printed over each other.
    plot->yAxis->ticker()->setTickCount(3);
    plot->yAxis2->ticker()->setTickCount(3);
    setCompareToolTip(plot, a, b);
    plot->legend->setBorderPen(Qt::NoPen);
    // Time into the run as the timeline writes it, "0:30" (it read 0.2, 0.4 … hours; GUI QA).
    QSharedPointer<QCPAxisTickerTime> clock(new QCPAxisTickerTime);
    const bool days = !m_runA->t.empty() && m_runA->t.back() > 86400;
    clock->setTimeFormat(days ? tr("day %d, %h:%m") : QStringLiteral("%h:%m"));
    plot->xAxis->setTicker(clock);
    plot->xAxis->setLabel(tr("time into the run"));
    plot->yAxis->setLabel(tr("p99 (ms)"));
    plot->yAxis2->setLabel(tr("failing (%)"));
    plot->yAxis2->setVisible(failing);
    plot->rescaleAxes();
    // Room above the highest p99 (a flat line lay on the plot's top edge; GUI QA).
    plot->yAxis->setRange(0, std::max(1.0, plot->yAxis->range().upper * 1.12));
    plot->yAxis2->setRange(0, std::max(1.0, plot->yAxis2->range().upper * 1.1));
    plot->replot();
    const auto line = [](const QString &name, const sc::ScenarioRun &run) {
        // Minutes outside, as the timeline counts them (seconds as a latency read "0 ms"). A run
        // with no request has no share of them failing (QA: "0.00% of requests fail" at 0 users).
        const QString failing =
            run.summary.requests > 0
                ? tr("%1 of requests fail").arg(formatPercent(run.summary.errorRate, 2))
                : tr("no requests");
        return tr("%1: %2, %3 outside the objective, %4")
            .arg(name, failing, formatTimeSpan(run.summary.sloViolationSeconds),
                 formatMoney(run.summary.costUsd));
    };
    m_scenarioSummary->setText(line(a, *m_runA) + QLatin1Char('\n') + line(b, *m_runB));
}

void CompareView::markDifferences()
{
    m_marksA.clear();
    m_marksB.clear();
    if (!m_comparison)
        return;
    const sc::DesignDiff &diff = m_comparison->diff;
    const sc::Design &before = m_docA->design();
    if (m_mode == Mode::Overlay) {
        m_marksB.show(m_sceneB, before, diff, DiffMarks::All, true);
        return;
    }
    // Side by side: A shows what B removes and changes, B what it adds and changes.
    m_marksA.show(m_sceneA, before, diff, DiffMarks::Removed | DiffMarks::Changed, true);
    m_marksB.show(m_sceneB, before, diff, DiffMarks::Added | DiffMarks::Changed, true);
}

void CompareView::fitBoth(bool whole)
{
    const QRectF both = m_sceneA->designRect().united(m_sceneB->designRect());
    if (both.isEmpty())
        return;
    // One zoom for both (they stay linked): the largest that shows each whole, never above
    // actual size, and, but when asked for the whole, never below a readable zoom. Fitted whole
    // on opening, stage 5 beside stage 4 at 1280 × 800 came out at ~0.37, its boxes too small
    // to read; a design too wide is shown readable from its left edge (where the requests come
    // in), as the editor opens one. The Fit button shows it whole, as the editor's Zoom to Fit.
    constexpr qreal kMargin = 16; // pixels round the diagrams
    m_fitWhole = whole;
    m_viewsMoved = false;
    qreal zoom = 1;
    for (CanvasView *v : {m_viewA, m_viewB}) {
        if (!v->isVisibleTo(this))
            continue;
        const QSizeF port = QSizeF(v->viewport()->size()) - QSizeF(2 * kMargin, 2 * kMargin);
        zoom = std::min({zoom, port.width() / both.width(), port.height() / both.height()});
    }
    zoom = std::max(zoom, whole ? CanvasView::kMinZoom : kReadableZoom);
    const QRectF room = both.adjusted(-2000, -2000, 2000, 2000);
    m_syncing = true;
    for (CanvasView *v : {m_viewA, m_viewB}) {
        v->setSceneRect(room);
        v->showAt(both, zoom, kMargin);
    }
    m_syncing = false;
}

void CompareView::zoomBoth(bool in)
{
    CanvasView *shown = m_mode == Mode::Overlay ? m_viewB : m_viewA;
    in ? shown->zoomIn() : shown->zoomOut();
    m_viewsMoved = true;
    syncViews(shown);
}

void CompareView::syncViews(CanvasView *from)
{
    if (m_syncing || m_mode == Mode::Overlay)
        return;
    m_syncing = true;
    CanvasView *to = from == m_viewA ? m_viewB : m_viewA;
    to->setTransform(from->transform());
    to->centerOn(from->mapToScene(from->viewport()->rect().center()));
    m_syncing = false;
}

bool CompareView::eventFilter(QObject *watched, QEvent *event)
{
    // A zoom (wheel, keys) changes the transform; the scroll bars may not move: follow after it.
    const QEvent::Type t = event->type();
    const bool port = watched == m_viewA->viewport() || watched == m_viewB->viewport();
    if (t == QEvent::Resize && port && m_fitted && !m_viewsMoved && !m_refitPending) {
        // A larger window shows more of the designs (QA: maximized, they stayed cut off at the
        // size they were fitted to), until the user moves them; one fit for both viewports.
        m_refitPending = true;
        QTimer::singleShot(0, this, [this] {
            m_refitPending = false;
            if (!m_viewsMoved)
                fitBoth(m_fitWhole);
        });
        return QWidget::eventFilter(watched, event);
    }
    if (t == QEvent::Wheel || t == QEvent::KeyRelease || t == QEvent::MouseButtonRelease) {
        m_viewsMoved = true; // (a drag in the view pans it; a click alone counts too)
        CanvasView *from = watched == m_viewA || watched == m_viewA->viewport() ? m_viewA : m_viewB;
        QTimer::singleShot(0, this, [this, from] { syncViews(from); });
    }
    return QWidget::eventFilter(watched, event);
}

void CompareView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_fitted) {
        m_fitted = true;
        const int w = m_bottom->width();
        m_bottom->setSizes({w * 45 / 100, w - w * 45 / 100});
        fitFigures();
        QTimer::singleShot(0, this, [this] { fitBoth(); });
    }
}

void CompareView::fitFigures()
{
    // The diagrams over the figures: the figures as tall as the summary and every row of the
    // table need (between 30 and 60% of the height), the diagrams the rest. (The figures had 45%
    // whatever they needed: at 1280 × 800 the diagrams lost ~60 px; a page time per population
    // of four then cut the table's last row: QA; eight fit at 60%.) Again when the summary grows,
    // until the user moves the divider (QA: an edit made it four lines and cut the table's last
    // row in half).
    if (!m_fitted || m_figuresMoved)
        return;
    const int h = m_split->height();
    const int summary = m_summary->heightForWidth(m_bottom->sizes().value(0) - 16);
    const int table =
        m_comparison ? m_table->horizontalHeader()->sizeHint().height() +
                           m_table->rowCount() * m_table->verticalHeader()->defaultSectionSize() +
                           2 * m_table->frameWidth()
                     : 0;
    const int figures = std::clamp(summary + table + 24, h * 30 / 100, h * 60 / 100);
    m_split->setSizes({h - figures, figures});
}

void CompareView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_comparison)
        showComparison();
}

} // namespace scui
