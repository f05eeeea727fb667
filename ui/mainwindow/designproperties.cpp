#include "designproperties.h"

#include "ui/numberformat.h"

#include "core/analysis/report.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>

#include <algorithm>
#include <cmath>

namespace scui {
namespace {

// A spin box that writes its value without trailing zeros ("99.9 %", not "99.9000 %").
class TrimmedSpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
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
    form->addRow(tr("p&99 latency at most"),
                 withNote(m_p99, rangeNote(tr("%1 ms to %2 s")
                                               .arg(en.toString(kMinP99Ms))
                                               .arg(en.toString(kMaxP99Ms / 1000)))));

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
    form->addRow(QString(), rangeNote(tr("%1% (one nine) to %2% (six nines)")
                                          .arg(en.toString(kMinAvailabilityPercent))
                                          .arg(en.toString(kMaxAvailabilityPercent, 'f', 4))));
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
    form->addRow(m_hasBudget, withNote(m_budget, rangeNote(tr("$1 to $1 billion"))));

    m_shownP99 = m_p99->value();
    m_shownAvailability = m_availability->value();
    m_shownBudget = m_budget->value();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    resize(560, 420);
}

void DesignPropertiesDialog::updateAvailabilityNote()
{
    const double a = m_availability->value() / 100;
    m_availabilityNote->setText(tr("%1 nines · %2 down per month")
                                    .arg(QString::fromStdString(sc::formatNines(a)),
                                         QString::fromStdString(sc::formatDowntime(
                                             sc::downtimeMinutesPerMonth(a, m_hoursPerMonth)))));
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
    return p;
}

} // namespace scui
