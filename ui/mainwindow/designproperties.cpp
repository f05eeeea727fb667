#include "designproperties.h"

#include "ui/numberformat.h"
#include "ui/places.h"

#include "core/analysis/report.h"
#include "core/model/zero.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

namespace scui {
namespace {

// A spin box that writes its value without trailing zeros ("99.9 %", not "99.9000 %").
class TrimmedSpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

    // The range note beside it, which says so when a typed value is refused.
    void setNote(QLabel *note)
    {
        m_note = note;
        m_range = note->text();
        connect(lineEdit(), &QLineEdit::textEdited, this, [this] {
            m_refused = false;
            restoreNote();
        });
    }
    // False once after a typed value was refused (the note says what, and what is kept), so
    // OK shows it rather than closing with the old value; true after that or when the value
    // typed is in range. The field puts the old value back as focus leaves it, a click on OK
    // included, before OK is handled: the refusal is noted there (QA: reverted without a word).
    bool takeTyped()
    {
        if (!hasAcceptableInput())
            refuse();
        if (m_refused) {
            m_refused = false;
            return false;
        }
        return true;
    }

protected:
    // A number outside the range stays in the field as typed (intermediate), to be refused with
    // what was typed: the spin box's own check dropped the keystroke that took it out, so "100"
    // typed in a field of 90–99.9999 read "10", and the refusal quoted that (QA).
    QValidator::State validate(QString &text, int &pos) const override
    {
        const QValidator::State state = QDoubleSpinBox::validate(text, pos);
        if (state != QValidator::Invalid)
            return state;
        QString number = text;
        if (!prefix().isEmpty() && number.startsWith(prefix()))
            number.remove(0, prefix().size());
        if (!suffix().isEmpty() && number.endsWith(suffix()))
            number.chop(suffix().size());
        bool ok = false;
        const double v = locale().toDouble(number.trimmed(), &ok);
        return ok && (v < minimum() || v > maximum()) ? QValidator::Intermediate : state;
    }
    void focusOutEvent(QFocusEvent *event) override
    {
        if (!hasAcceptableInput()) {
            refuse();
            // Left by the keyboard or for another field, the note is in sight: OK then closes,
            // with the value kept. Left by a click on a push button (OK), OK shows the note
            // first. (OK wanted a second click though the note was up; QA.)
            if (event->reason() != Qt::MouseFocusReason ||
                !qobject_cast<QPushButton *>(QApplication::focusWidget()))
                m_refused = false;
        }
        QDoubleSpinBox::focusOutEvent(event);
    }
    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
            !hasAcceptableInput())
            refuse();
        QDoubleSpinBox::keyPressEvent(event);
    }

    double valueFromText(const QString &text) const override
    {
        return sc::unsignedZero(QDoubleSpinBox::valueFromText(text)); // "-0" typed is 0
    }
    QString textFromValue(double value) const override
    {
        QString s = locale().toString(value, 'f', decimals());
        const QChar point = locale().decimalPoint().front();
        if (s.contains(point)) {
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(point))
                s.chop(1);
        }
        return s;
    }

private:
    void refuse()
    {
        m_refused = true;
        if (!m_note)
            return;
        m_note->setText(QObject::tr("“%1” is outside %2: %3 kept")
                            .arg(cleanText(), m_range, textFromValue(value()) + suffix()));
        m_note->setEnabled(true);
        m_note->setStyleSheet(QStringLiteral("color: #d03030;"));
    }
    void restoreNote()
    {
        if (m_note && m_note->text() != m_range) {
            m_note->setText(m_range);
            m_note->setEnabled(false);
            m_note->setStyleSheet(QString());
        }
    }
    QLabel *m_note = nullptr;
    QString m_range;
    bool m_refused = false; // a refusal OK has not shown yet
};

QLabel *rangeNote(const QString &text)
{
    auto *l = new QLabel(text);
    l->setEnabled(false); // quiet text, as the inspector's hints
    return l;
}

// A spin box and its note on one row.
QWidget *withNote(QWidget *field, QLabel *note)
{
    auto *row = new QWidget;
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(field);
    h->addWidget(note, 1);
    return row;
}

} // namespace

DesignPropertiesDialog::DesignPropertiesDialog(const DesignProperties &current,
                                               double hoursPerMonth, QWidget *parent)
    : QDialog(parent)
    , m_current(current)
    , m_hoursPerMonth(hoursPerMonth)
{
    setObjectName(QStringLiteral("designPropertiesDialog"));
    setWindowTitle(tr("Design Properties"));
    auto *form = new QFormLayout(this);
    m_name = new QLineEdit(QString::fromStdString(current.name));
    m_name->setObjectName(QStringLiteral("designName"));
    m_name->setPlaceholderText(tr("Untitled design"));
    m_description = new QPlainTextEdit(QString::fromStdString(current.description));
    m_description->setObjectName(QStringLiteral("designDescription"));
    m_description->setPlaceholderText(
        tr("What the design is for, its traffic assumptions and what breaks next"));
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Description"), m_description);

    auto *heading = new QLabel(tr("<b>Service-level objective</b>"));
    heading->setToolTip(tr("What the design is held to: the latency wall is the most users at "
                           "which the p99 still meets the objective"));
    form->addRow(heading);
    const QLocale en(QLocale::English, QLocale::UnitedStates);

    m_p99 = new TrimmedSpinBox;
    m_p99->setObjectName(QStringLiteral("sloP99Ms"));
    m_p99->setLocale(en);
    m_p99->setDecimals(1);
    m_p99->setRange(kMinP99Ms, kMaxP99Ms);
    m_p99->setSuffix(QStringLiteral(" ms"));
    m_p99->setValue(current.slo.p99Ms);
    m_p99->setToolTip(tr("The end-to-end p99 of dynamic requests (reads and writes) the design "
                         "must stay under"));
    QLabel *p99Range = rangeNote(
        tr("%1 ms to %2 s").arg(en.toString(kMinP99Ms)).arg(en.toString(kMaxP99Ms / 1000)));
    static_cast<TrimmedSpinBox *>(m_p99)->setNote(p99Range);
    form->addRow(tr("p&99 latency at most"), withNote(m_p99, p99Range));

    m_availability = new TrimmedSpinBox;
    m_availability->setObjectName(QStringLiteral("sloAvailability"));
    m_availability->setLocale(en);
    m_availability->setDecimals(4);
    m_availability->setRange(kMinAvailabilityPercent, kMaxAvailabilityPercent);
    m_availability->setSuffix(QStringLiteral(" %"));
    m_availability->setValue(current.slo.availability * 100);
    m_availability->setToolTip(tr("The share of requests that must be served, over the day"));
    m_availabilityNote = new QLabel;
    m_availabilityNote->setObjectName(QStringLiteral("sloAvailabilityNote"));
    form->addRow(tr("&Availability at least"), withNote(m_availability, m_availabilityNote));
    QLabel *availabilityRange = rangeNote(tr("%1% (one nine) to %2% (six nines)")
                                              .arg(en.toString(kMinAvailabilityPercent))
                                              .arg(en.toString(kMaxAvailabilityPercent, 'f', 4)));
    static_cast<TrimmedSpinBox *>(m_availability)->setNote(availabilityRange);
    form->addRow(QString(), availabilityRange);
    connect(m_availability, &QDoubleSpinBox::valueChanged, this,
            &DesignPropertiesDialog::updateAvailabilityNote);
    updateAvailabilityNote();

    m_hasBudget = new QCheckBox(tr("Monthly &budget"));
    m_hasBudget->setObjectName(QStringLiteral("sloBudgetEnabled"));
    m_hasBudget->setChecked(current.slo.monthlyBudgetUsd.has_value());
    m_budget = new TrimmedSpinBox;
    m_budget->setObjectName(QStringLiteral("sloBudget"));
    m_budget->setLocale(en);
    m_budget->setDecimals(0);
    m_budget->setRange(kMinBudgetUsd, kMaxBudgetUsd);
    m_budget->setPrefix(QStringLiteral("$"));
    m_budget->setSuffix(tr(" /month"));
    m_budget->setGroupSeparatorShown(true);
    m_budget->setValue(current.slo.monthlyBudgetUsd.value_or(1000));
    m_budget->setEnabled(m_hasBudget->isChecked());
    connect(m_hasBudget, &QCheckBox::toggled, m_budget, &QWidget::setEnabled);
    QLabel *budgetRange = rangeNote(tr("$1 to $1 billion"));
    static_cast<TrimmedSpinBox *>(m_budget)->setNote(budgetRange);
    form->addRow(m_hasBudget, withNote(m_budget, budgetRange));

    m_shownP99 = m_p99->value();
    m_shownAvailability = m_availability->value();
    m_shownBudget = m_budget->value();

    auto *populationsHeading = new QLabel(tr("<b>User populations</b>"));
    populationsHeading->setToolTip(
        tr("Where the users are: each population's share of the users and its place (an AWS "
           "region, or “latitude, longitude”). None: every user at the traffic's network RTT"));
    form->addRow(populationsHeading);
    m_populations = new QTableWidget(0, 3);
    m_populations->setObjectName(QStringLiteral("populations"));
    m_populations->setHorizontalHeaderLabels({tr("Name"), tr("Share"), tr("Place")});
    m_populations->verticalHeader()->hide();
    m_populations->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    // The share's spin box is a cell widget, which ResizeToContents does not measure: the column
    // was the header's width and cut "100.00 %" to "100". As wide as the widest share, shown.
    m_populations->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Fixed);
    {
        TrimmedSpinBox widest;
        widest.setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
        widest.setDecimals(2);
        widest.setRange(0, 100);
        widest.setSuffix(QStringLiteral(" %"));
        // Its size hint holds "100 %"; a share is up to "33.33 %".
        const int decimals = widest.fontMetrics().horizontalAdvance(QStringLiteral(".88"));
        m_populations->horizontalHeader()->resizeSection(1, widest.sizeHint().width() + decimals);
    }
    m_populations->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_populations->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_populations->setMinimumHeight(120);
    for (const sc::Population &p : current.populations)
        addPopulationRow(p, true);
    connect(m_populations, &QTableWidget::itemChanged, this,
            &DesignPropertiesDialog::updatePopulationsNote);
    form->addRow(m_populations);
    auto *add = new QPushButton(tr("Add population"));
    add->setObjectName(QStringLiteral("addPopulation"));
    connect(add, &QPushButton::clicked, this, &DesignPropertiesDialog::addPopulation);
    auto *remove = new QPushButton(tr("Remove"));
    remove->setObjectName(QStringLiteral("removePopulation"));
    connect(remove, &QPushButton::clicked, this,
            [this] { removePopulation(m_populations->currentRow()); });
    m_populationsNote = new QLabel;
    m_populationsNote->setObjectName(QStringLiteral("populationsNote"));
    m_populationsNote->setWordWrap(true);
    auto *row = new QWidget;
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(add);
    h->addWidget(remove);
    h->addWidget(m_populationsNote, 1);
    form->addRow(row);
    addNetworkRows(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    updatePopulationsNote();
    resize(600, 720);
}

void DesignPropertiesDialog::addPopulationRow(const sc::Population &p, bool fromDesign)
{
    // Its origin first: filling the row's cells already reads the rows (itemChanged).
    m_rowOrigin.push_back(fromDesign ? std::optional<sc::Population>(p) : std::nullopt);
    const QSignalBlocker blocker(m_populations);
    const int row = m_populations->rowCount();
    m_populations->insertRow(row);
    m_populations->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(p.name)));
    auto *share = new TrimmedSpinBox;
    share->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    share->setDecimals(2);
    share->setRange(0, 100);
    share->setSuffix(QStringLiteral(" %"));
    share->setValue(p.share * 100);
    share->setProperty("shown", share->value());
    connect(share, &QDoubleSpinBox::valueChanged, this,
            &DesignPropertiesDialog::updatePopulationsNote);
    m_populations->setCellWidget(row, 1, share);
    auto *place = new QComboBox;
    place->setEditable(true);
    place->addItems(awsRegionNames());
    place->setEditText(p.place.region.empty() && p.place.lat == 0 && p.place.lon == 0 && !fromDesign
                           ? QString()
                           : placeText(p.place));
    place->lineEdit()->setPlaceholderText(tr("us-east-1, or 48.1, 11.6"));
    place->setToolTip(tr("An AWS region, or “latitude, longitude” in degrees"));
    connect(place, &QComboBox::editTextChanged, this,
            &DesignPropertiesDialog::updatePopulationsNote);
    m_populations->setCellWidget(row, 2, place);
}

void DesignPropertiesDialog::addPopulation()
{
    // The share still missing from 100%, so two rows added to an empty list read 100% + 0%.
    double left = 100;
    for (int r = 0; r < m_populations->rowCount(); ++r)
        left -= static_cast<QDoubleSpinBox *>(m_populations->cellWidget(r, 1))->value();
    sc::Population p;
    p.name = tr("Population %1").arg(m_populations->rowCount() + 1).toStdString();
    p.share = std::clamp(left, 0.0, 100.0) / 100;
    addPopulationRow(p, false);
    m_populations->setCurrentCell(m_populations->rowCount() - 1, 0);
    updatePopulationsNote();
}

void DesignPropertiesDialog::removePopulation(int row)
{
    if (row < 0 || row >= m_populations->rowCount())
        return;
    m_populations->removeRow(row);
    m_rowOrigin.erase(m_rowOrigin.begin() + row);
    updatePopulationsNote();
}

std::optional<std::vector<sc::Population>>
DesignPropertiesDialog::readPopulations(QString *error) const
{
    std::vector<sc::Population> out;
    double sum = 0;
    for (int r = 0; r < m_populations->rowCount(); ++r) {
        const QTableWidgetItem *nameItem = m_populations->item(r, 0);
        const QString name = nameItem ? nameItem->text().trimmed() : QString();
        const auto *share = static_cast<const QDoubleSpinBox *>(m_populations->cellWidget(r, 1));
        const auto *placeBox = static_cast<const QComboBox *>(m_populations->cellWidget(r, 2));
        if (!share || !placeBox || size_t(r) >= m_rowOrigin.size())
            continue; // a row being filled
        const QString who = name.isEmpty() ? tr("Row %1").arg(r + 1) : tr("“%1”").arg(name);
        // Named, each its own (the file format's rule: the map and the reports tell them apart).
        if (name.isEmpty()) {
            *error = tr("%1: a population needs a name").arg(who);
            return std::nullopt;
        }
        if (std::any_of(out.begin(), out.end(), [&name](const sc::Population &o) {
                return o.name == name.toStdString();
            })) {
            *error = tr("%1: another population has this name").arg(who);
            return std::nullopt;
        }
        sc::Population p;
        p.name = name.toStdString();
        const std::optional<sc::Population> &origin = m_rowOrigin[size_t(r)];
        // Untouched, the design's exact share stays (a file's 1/3 is not rounded to 33.33%).
        p.share = origin && share->value() == share->property("shown").toDouble()
                      ? origin->share
                      : std::round(share->value() * 1e8) / 1e10;
        if (!(p.share > 0)) {
            *error = tr("%1: a share must be above 0%").arg(who);
            return std::nullopt;
        }
        QString why;
        const std::optional<sc::Place> place = parsePlace(placeBox->currentText(), &why);
        if (!place) {
            *error = tr("%1: %2").arg(who, why);
            return std::nullopt;
        }
        // Coordinates shown as they were keep the design's exact values.
        p.place =
            origin && placeBox->currentText() == placeText(origin->place) ? origin->place : *place;
        sum += p.share;
        out.push_back(std::move(p));
    }
    // The core's tolerance (design.populations: the shares sum to 1 within a millionth).
    if (!out.empty() && std::abs(sum - 1) > 1e-6) {
        *error =
            tr("The shares sum to %1%; they must sum to 100%")
                .arg(QLocale(QLocale::English, QLocale::UnitedStates).toString(sum * 100, 'g', 8));
        return std::nullopt;
    }
    return out;
}

QString DesignPropertiesDialog::populationsError() const
{
    QString error;
    readPopulations(&error);
    return error;
}

void DesignPropertiesDialog::updatePopulationsNote()
{
    const QString error = populationsError();
    if (error.isEmpty()) {
        m_populationsNote->setStyleSheet({});
        m_populationsNote->setText(m_populations->rowCount() == 0
                                       ? tr("None: every user at the traffic's network RTT")
                                       : tr("Shares sum to 100%"));
    } else {
        m_populationsNote->setStyleSheet(QStringLiteral("color: #d03030;"));
        m_populationsNote->setText(error);
    }
    if (m_ok)
        m_ok->setEnabled(error.isEmpty());
}

void DesignPropertiesDialog::accept()
{
    // Refused, with the reason beside the table; the rows stay as typed.
    if (!populationsError().isEmpty()) {
        updatePopulationsNote();
        return;
    }
    // A value typed outside its range (OK pressed with it still in the field): its note says
    // so and the dialog stays, rather than keeping the old value silently.
    bool typed = true;
    for (QDoubleSpinBox *box :
         {m_p99, m_availability, m_budget, m_routeFactor, m_sameZoneRtt, m_crossZoneRtt})
        typed =
            (!box || !box->isEnabled() || static_cast<TrimmedSpinBox *>(box)->takeTyped()) && typed;
    if (!typed)
        return;
    QDialog::accept();
}

void DesignPropertiesDialog::updateAvailabilityNote()
{
    const double a = m_availability->value() / 100;
    m_availabilityNote->setText(tr("%1 nines · %2 down per month")
                                    .arg(QString::fromStdString(sc::formatNines(a)),
                                         QString::fromStdString(sc::formatDowntime(
                                             sc::downtimeMinutesPerMonth(a, m_hoursPerMonth)))));
}

void DesignPropertiesDialog::addNetworkRows(QFormLayout *form)
{
    auto *heading = new QLabel(tr("<b>Network</b>"));
    heading->setToolTip(tr("How long hops take where the design's regions and zones are "
                           "(docs/model.md “Geography”); assumptions, stated"));
    form->addRow(heading);
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    const auto spin = [&](const char *name, double lo, double hi, int decimals, double value,
                          const QString &suffix) {
        auto *box = new TrimmedSpinBox;
        box->setObjectName(QLatin1String(name));
        box->setLocale(en);
        box->setDecimals(decimals);
        box->setRange(lo, hi);
        box->setSuffix(suffix);
        box->setValue(value);
        return box;
    };
    const sc::Geography &g = m_current.geography;
    m_routeFactor = spin("routeFactor", 1, 5, 2, g.routeFactor, QStringLiteral(" ×"));
    m_routeFactor->setToolTip(tr("Real routes over the great-circle distance (light in fibre "
                                 "at 200 km/ms): 2–3 in practice"));
    m_sameZoneRtt = spin("sameZoneRttMs", 0, 1000, 2, g.sameZoneRttMs, QStringLiteral(" ms"));
    m_sameZoneRtt->setToolTip(tr("One hop inside a zone (a data centre)"));
    m_crossZoneRtt = spin("crossZoneRttMs", 0, 1000, 2, g.crossZoneRttMs, QStringLiteral(" ms"));
    m_crossZoneRtt->setToolTip(tr("One hop between zones of a region (10–100 km apart)"));
    const auto noted = [](QDoubleSpinBox *box, const QString &range) {
        QLabel *note = rangeNote(range);
        static_cast<TrimmedSpinBox *>(box)->setNote(note);
        return withNote(box, note);
    };
    form->addRow(tr("Route &factor"), noted(m_routeFactor, tr("1 to 5")));
    form->addRow(tr("RTT within a &zone"), noted(m_sameZoneRtt, tr("0 to 1,000 ms")));
    form->addRow(tr("RTT across &zones"), noted(m_crossZoneRtt, tr("0 to 1,000 ms")));
    m_shownRouteFactor = m_routeFactor->value();
    m_shownSameZone = m_sameZoneRtt->value();
    m_shownCrossZone = m_crossZoneRtt->value();
}

DesignProperties DesignPropertiesDialog::properties() const
{
    DesignProperties p = m_current;
    p.name = m_name->text().trimmed().toStdString();
    p.description = m_description->toPlainText().toStdString();
    if (m_p99->value() != m_shownP99)
        p.slo.p99Ms = m_p99->value();
    // Percent to a share, rounded to 10 decimals (99.9 / 100 is 0.9990000000000001).
    if (m_availability->value() != m_shownAvailability)
        p.slo.availability = std::round(m_availability->value() * 1e8) / 1e10;
    if (!m_hasBudget->isChecked())
        p.slo.monthlyBudgetUsd.reset();
    else if (!m_current.slo.monthlyBudgetUsd || m_budget->value() != m_shownBudget)
        p.slo.monthlyBudgetUsd = m_budget->value();
    if (m_routeFactor->value() != m_shownRouteFactor)
        p.geography.routeFactor = m_routeFactor->value();
    if (m_sameZoneRtt->value() != m_shownSameZone)
        p.geography.sameZoneRttMs = m_sameZoneRtt->value();
    if (m_crossZoneRtt->value() != m_shownCrossZone)
        p.geography.crossZoneRttMs = m_crossZoneRtt->value();
    QString error;
    if (auto populations = readPopulations(&error))
        p.populations = std::move(*populations);
    return p;
}

} // namespace scui
