#pragma once

#include "ui/document.h"

#include <QDialog>

#include <optional>
#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace scui {

// File ▸ Design Properties…: the design's name, description and service-level objective
// (DESIGN.md "Service level and overload": the p99 objective, the availability objective and
// an optional monthly budget). The caller pushes what properties() returns as one undo step.
class DesignPropertiesDialog : public QDialog
{
    Q_OBJECT

public:
    // What the fields accept (shown beside them): a p99 from 1 ms to a minute, availability
    // from one nine (90%) to six (99.9999%), a budget from $1 to $1 billion a month.
    static constexpr double kMinP99Ms = 1, kMaxP99Ms = 60000;
    static constexpr double kMinAvailabilityPercent = 90, kMaxAvailabilityPercent = 99.9999;
    static constexpr double kMinBudgetUsd = 1, kMaxBudgetUsd = 1e9;

    DesignPropertiesDialog(const DesignProperties &current, double hoursPerMonth,
                           QWidget *parent = nullptr);

    // The fields as the design's properties. A field left as it was keeps the design's exact
    // value (a file's 0.9995 is not re-rounded by a spin box, nor clamped into its range).
    // Only valid once the populations are (populationsError() empty): accept() refuses before.
    DesignProperties properties() const;

    // User populations (issue 15): one row each, name, share in percent and place. What is
    // wrong with them ("The shares sum to 90%; they must sum to 100%"), empty when nothing.
    QString populationsError() const;
    QTableWidget *populationsTable() const { return m_populations; }
    // Appends a row (a new population: the share left to make 100%, no place yet).
    void addPopulation();
    void removePopulation(int row);

    void accept() override;

private:
    void updateAvailabilityNote();
    void addPopulationRow(const sc::Population &p, bool fromDesign);
    // The rows as populations; nullopt (with `error`) when a row is not valid or the shares do
    // not sum to 100%.
    std::optional<std::vector<sc::Population>> readPopulations(QString *error) const;
    void updatePopulationsNote();
    // The network's constants (design.geography), with the file format's ranges.
    void addNetworkRows(QFormLayout *form);

    DesignProperties m_current;
    double m_hoursPerMonth;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    QDoubleSpinBox *m_p99;
    QDoubleSpinBox *m_availability;
    QLabel *m_availabilityNote;
    QCheckBox *m_hasBudget;
    QDoubleSpinBox *m_budget;
    // The spin boxes' values as first shown (clamped into range): unchanged means untouched.
    double m_shownP99 = 0, m_shownAvailability = 0, m_shownBudget = 0;
    // design.geography: route factor, round trip within a zone and across zones, and the
    // values first shown (unchanged keeps the design's exact value).
    QDoubleSpinBox *m_routeFactor = nullptr, *m_sameZoneRtt = nullptr, *m_crossZoneRtt = nullptr;
    double m_shownRouteFactor = 0, m_shownSameZone = 0, m_shownCrossZone = 0;
    QTableWidget *m_populations;
    QLabel *m_populationsNote;
    QPushButton *m_ok = nullptr;
    // Per row: the population it showed from the design (its exact share is kept while the
    // percent shown is untouched), or nullopt for a row added here.
    std::vector<std::optional<sc::Population>> m_rowOrigin;
};

} // namespace scui
