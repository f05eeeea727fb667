// The figures as text (core/analysis/report.h): availability never overstates its nines (cut,
// never rounded up, the same digits everywhere), downtime is never understated, and the
// evaluation's JSON and text carry each warning's severity. Expected strings are worked out by
// hand from the rule in docs/model.md ("Availability as text").
#include "core/analysis/model.h"
#include "core/analysis/printfnumber.h"
#include "core/analysis/report.h"
#include "core/catalog/catalog.h"
#include "tests/common/designbuilder.h"
#include "tests/common/modelchecks.h"

#include <QtTest>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace sc;

namespace {

using sctest::flat;
using sctest::make;
using sctest::num;
using sctest::text;
using sctest::wire;

// Clients → load balancer (wired to nothing: DEAD_END) and clients → one app server → a
// single-AZ database: an error, warnings and advice in one design.
Design mixed()
{
    Design d;
    d.name = "Mixed";
    d.traffic = flat(1000, 100, 0.2);
    d.components = {make("u", Kind::Clients), make("app", Kind::AppServer, {{"instances", num(2)}}),
                    make("db", Kind::Database), make("lb", Kind::LoadBalancer)};
    d.connections = {wire("u", "app"), wire("app", "db"), wire("u", "lb")};
    return d;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void availability_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        // Two decimals, cut: 99.5 exactly, though 0.995 is stored as 0.99499999999999999556.
        QTest::newRow("0.995") << 0.995 << "99.50%";
        // 99.96499…%: two decimals, the third (4) is cut, not rounded to 99.965 or 99.97.
        QTest::newRow("0.9996499") << 0.9996499 << "99.96%";
        // Five nines: the run of nines (three decimals) is shown.
        QTest::newRow("0.99999") << 0.99999 << "99.999%";
        QTest::newRow("0.9999") << 0.9999 << "99.99%";
        // 99.995%: the run is two nines, so 99.99% (never rounded up to 100.00 or 99.995).
        QTest::newRow("0.99995") << 0.99995 << "99.99%";
        QTest::newRow("0.999") << 0.999 << "99.90%";
        QTest::newRow("0.9995") << 0.9995 << "99.95%";
        QTest::newRow("0.12345") << 0.12345 << "12.34%";
        // 1 reads as the last digit shown, at least (QA: a 16-instance tier's exact 1.0 in
        // double precision read "100.00%").
        QTest::newRow("1") << 1.0 << "≥ 99.999999%";
        QTest::newRow("0.5") << 0.5 << "50.00%";
        QTest::newRow("0") << 0.0 << "0.00%";
        QTest::newRow("tiny") << 1e-300 << "0.00%";
        QTest::newRow("just under 1e-4") << 0.0001 - 1e-18 << "0.01%";
        // Eight nines and more: six decimals at most, never 100%: at least the last digit.
        QTest::newRow("0.99999999") << 0.99999999 << "≥ 99.999999%";
        // 99.999998999…%: a run of five nines, cut there.
        QTest::newRow("just under eight nines") << 0.99999999 - 1e-11 << "99.99999%";
        QTest::newRow("1 - 1e-15") << 1 - 1e-15 << "≥ 99.999999%";
        QTest::newRow("largest below 1") << std::nextafter(1.0, 0.0) << "≥ 99.999999%";
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << "—";
        QTest::newRow("above 1") << 1.5 << "—";
        QTest::newRow("negative") << -0.1 << "—";
    }

    void availability()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatAvailability(value)), expected);
    }

    // A figure and its objective that differ read apart: more decimals, cut as always, until
    // they do (the report said "99.90% is below the objective of 99.90%"; QA); equal ones, and
    // ones already apart, as formatAvailability writes them.
    void availabilitiesApart()
    {
        using P = std::pair<std::string, std::string>;
        QCOMPARE(formatAvailabilitiesApart(0.99903, 0.99904), (P{"99.903%", "99.904%"}));
        QCOMPARE(formatAvailabilitiesApart(0.999031, 0.999035), (P{"99.9031%", "99.9035%"}));
        QCOMPARE(formatAvailabilitiesApart(0.995, 0.999), (P{"99.50%", "99.90%"}));
        QCOMPARE(formatAvailabilitiesApart(0.999, 0.999), (P{"99.90%", "99.90%"}));
        // At or above it, as everywhere: the figure the status bar shows.
        QCOMPARE(formatAvailabilitiesApart(0.99904, 0.99903), (P{"99.90%", "99.90%"}));
        // Past six decimals they stay as far apart as formatAvailability goes.
        QCOMPARE(formatAvailabilitiesApart(0.5, 0.5 + 1e-12), (P{"50.000000%", "50.000000%"}));
    }

    void ninesAndDowntime()
    {
        // −log₁₀(0.001) = 3 exactly, though 1 − 0.999 is 0.0010000000000000009 in binary.
        QCOMPARE(formatNines(0.999), std::string("3.00"));
        // −log₁₀(0.0003501) = 3.4558…: cut to 3.45, not rounded to 3.46.
        QCOMPARE(formatNines(0.9996499), std::string("3.45"));
        QCOMPARE(formatNines(0.5), std::string("0.30")); // log₁₀ 2 = 0.30103
        QCOMPARE(formatNines(0), std::string("0.00"));
        QCOMPARE(formatNines(1), std::string("≥ 10"));
        // Six and eight nines exactly (an SLA of 0.999999), though 1 − a is 1.0000000000288e-6
        // and 1.000000006e-8 in binary: the unavailability is taken to 12 decimals as the
        // percentage is (they read 5.99 and 7.99; QA).
        QCOMPARE(formatNines(0.999999), std::string("6.00"));
        QCOMPARE(formatNines(0.99999999), std::string("8.00"));
        QCOMPARE(nines(0.999999), 6.0);
        QCOMPARE(formatNines(1 - 1e-13), std::string("≥ 10")); // 13 nines
        QCOMPARE(formatNines(1 - 1e-11), std::string("≥ 10"));
        // Capped at 10 and never falling as the availability rises (12 nines read 12, then 13
        // read 10 again; review).
        QCOMPARE(nines(1 - 1e-12), 10.0);
        QCOMPARE(nines(1 - 1e-13), 10.0);
        QCOMPARE(formatNines(std::nan("")), std::string("—"));
        // 0.0003501 × 730 h × 60 = 15.334 min: rounded up to 15.4, never down to 15.3.
        QCOMPARE(formatDowntime(downtimeMinutesPerMonth(0.9996499)), std::string("15.4 min"));
        // 0.001 × 43,800 min = 43.8 min exactly (binary noise is not rounded up to 43.9).
        QCOMPARE(formatDowntime(downtimeMinutesPerMonth(0.999)), std::string("43.8 min"));
        // 0.00001 × 43,800 = 0.438 min = 26.28 s → 26.3 s.
        QCOMPARE(formatDowntime(downtimeMinutesPerMonth(0.99999)), std::string("26.3 s"));
        // 0.005 × 43,800 = 219 min = 3.65 h.
        QCOMPARE(formatDowntime(downtimeMinutesPerMonth(0.995)), std::string("3.65 h"));
        QCOMPARE(formatDowntime(downtimeMinutesPerMonth(0)), std::string("730 h"));
        QCOMPARE(formatDowntime(0), std::string("0 s"));
        QCOMPARE(formatDowntime(99.99), std::string("100 min")); // 3 digits, rounded up
        QCOMPARE(formatDowntime(-1), std::string("—"));
        QCOMPARE(availabilityText(0.9996499),
                 std::string("99.96% (3.45 nines, 15.4 min down per month)"));
    }

    // Each warning of `evaluate --format json` has its severity; the counts follow the list.
    void jsonHasSeverity()
    {
        const Design d = mixed();
        const Model m(d, Catalog::builtin());
        QVERIFY(m.ok());
        const Evaluation ev = m.evaluate(1000);
        const nlohmann::ordered_json j = evaluationToJson(m, ev);
        QCOMPARE(j["warnings"].size(), ev.warnings.size());
        size_t errors = 0, warnings = 0, advice = 0;
        bool deadEnd = false;
        for (const auto &w : j["warnings"]) {
            const std::string severity = w["severity"].get<std::string>();
            const std::string code = w["code"].get<std::string>();
            QCOMPARE(severity, std::string(severityName(severityOf(code))));
            errors += severity == "error";
            warnings += severity == "warning";
            advice += severity == "advice";
            deadEnd =
                deadEnd || (code == "DEAD_END" && w["component"] == "lb" && severity == "error");
        }
        QVERIFY(deadEnd);
        QCOMPARE(errors + warnings + advice, ev.warnings.size());
        QCOMPARE(j["warningCounts"]["error"].get<size_t>(), errors);
        QCOMPARE(j["warningCounts"]["warning"].get<size_t>(), warnings);
        QCOMPARE(j["warningCounts"]["advice"].get<size_t>(), advice);
        QCOMPARE(j["warnings"][0]["severity"].get<std::string>(), std::string("error"));
    }

    // The text names each warning's severity first and counts them; availability as above.
    void textHasSeverity()
    {
        const Design d = mixed();
        const Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(1000);
        const std::string t = evaluationToText(m, ev);
        const SeverityCounts n = countBySeverity(ev.warnings);
        QVERIFY2(t.find("\nwarnings: " + severityCountsText(n) + "\n") != std::string::npos,
                 t.c_str());
        QVERIFY2(t.find("\nerror DEAD_END [lb]: lb: nowhere to send read and write requests") !=
                     std::string::npos,
                 t.c_str());
        QVERIFY2(t.find("\nadvice SINGLE_AZ [db]: ") != std::string::npos, t.c_str());
        QVERIFY2(t.find("\nwarning SPOF [db]: ") != std::string::npos, t.c_str());
        QVERIFY2(t.find("availability: " + availabilityText(ev.availability) + "; objective ") !=
                     std::string::npos,
                 t.c_str());
    }

    // Times of a second or more read as whole milliseconds with separators, never with an
    // exponent (QA: "p99 2.29e+03 ms"): one app server of 2,500 ms a request at a load so low
    // (1,000 users × 1 a day: 0.0116 req/s, 0.7% of its two instances' 1.6 req/s) that nothing
    // waits answers in 2,500 ms (its tail is longer: p99 past 10 s, "11,5…" not "1.16e+04").
    void secondsWithoutExponent()
    {
        Design d;
        d.traffic = flat(1000, 1);
        d.components = {make("u", Kind::Clients),
                        make("app", Kind::AppServer, {{"serviceTimeMs", num(2500)}})};
        d.connections = {wire("u", "app")};
        const Model m(d, Catalog::builtin());
        const std::string t = evaluationToText(m, m.evaluate(1000));
        QVERIFY2(t.find("e+") == std::string::npos, t.c_str());
        QVERIFY2(t.find(" 2,500 ms ") != std::string::npos, t.c_str());
        // End to end: the 2,500 ms plus the network's 50 ms round trip.
        QVERIFY2(t.find("latency: mean 2,550 ms, ") != std::string::npos, t.c_str());
    }

    // Rates from 10¹⁵ on stay in trillions, three significant digits with separators, never an
    // exponent (QA: every traffic field at its maximum printed "1.16e+15 req/s").
    void hugeRatesWithoutExponent()
    {
        QCOMPARE(shortNumber(1.16e15), std::string("1,160T"));
        QCOMPARE(shortNumber(1.1649e19), std::string("11,600,000T"));
        QCOMPARE(shortNumber(-2.5e15), std::string("-2,500T"));
        QCOMPARE(shortNumber(999.4e12), std::string("999T"));
        QCOMPARE(shortNumber(4.61e6), std::string("4.61M"));
        // Past a billion trillions, the exponent (a scaling ceiling of 2.88·10²⁰⁸ users wrote
        // seventy groups of digits; QA).
        QCOMPARE(shortNumber(999.4e18), std::string("999,000,000T"));
        // compactCount's two figures the same way past its last suffix (review: "304167T" of
        // a request line at 10¹⁰ users).
        QCOMPARE(compactCount(3.04167e17), std::string("304,167T"));
        QCOMPARE(compactCount(-2.5e15), std::string("-2,500T"));
        QCOMPARE(compactCount(999.4e12), std::string("999T"));
        QCOMPARE(compactCount(1.5e12), std::string("1.5T"));
        QCOMPARE(compactCount(2.5e9), std::string("2.5B"));
        QCOMPARE(shortNumber(2.88e208), std::string("2.88e+208"));
        QCOMPARE(shortNumber(-1e21), std::string("-1e+21"));
        // Whole figures past 10¹⁵, the digits then zeros (the reports' full counts; QA: "Peak
        // dynamic load: 1.15741E+15 req/s"); 10³⁰ is not %.0f's "…19884624838656".
        QCOMPARE(wholeFigures(1.157407407e15, 6), std::string("1,157,410,000,000,000"));
        std::string tenTo30 = "1";
        for (int group = 0; group < 10; ++group)
            tenTo30 += ",000";
        QCOMPARE(wholeFigures(1e30, 3), tenTo30);
        QCOMPARE(wholeFigures(-2.5e15, 3), std::string("-2,500,000,000,000,000"));
        QCOMPARE(wholeFigures(1234567.0, 6), std::string("1,234,570"));
        QCOMPARE(wholeFigures(1234.4, 6), std::string("1,234"));
    }

    // A volume of data past 10¹⁵ PB in a cost line reads in whole figures too (QA: "Data
    // transfer out 290104945500691776.0 PB"): 2.9e17 PB in three figures.
    void hugeVolumeWithoutEveryDigit()
    {
        QCOMPARE(sc::detail::wholeOrPrintf(2.90104945500691776e17, 999.5, "%.1f"),
                 std::string("290,000,000,000,000,000"));
        QCOMPARE(sc::detail::wholeOrPrintf(8.59, 999.5, "%.3g"), std::string("8.59"));
        QCOMPARE(sc::detail::wholeOrPrintf(2488397.4, 999.5, "%.3g"), std::string("2,488,397"));
    }

    // A design-wide warning names no component, so its line has no "[]" (QA: "error NO_CLIENTS
    // []: no clients component …").
    void designWideWarningWithoutBrackets()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("app", Kind::AppServer)};
        const Model m(d, Catalog::builtin());
        const std::string t = evaluationToText(m, m.evaluate(1000));
        QVERIFY2(t.find("error NO_CLIENTS: no clients component") != std::string::npos, t.c_str());
        QVERIFY2(t.find("[]") == std::string::npos, t.c_str());
        QVERIFY2(t.find("warning UNUSED [app]: ") != std::string::npos, t.c_str());
    }

    // A design where nothing is served has no latency, and says why.
    void nothingServed()
    {
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients), make("lb", Kind::LoadBalancer)};
        d.connections = {wire("u", "lb")};
        const Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(1000);
        const std::string t = evaluationToText(m, ev);
        QVERIFY2(t.find("latency: none (no dynamic request is served)") != std::string::npos,
                 t.c_str());
        QVERIFY2(t.find("availability: 0.00% (0.00 nines, 730 h down per month)") !=
                     std::string::npos,
                 t.c_str());
        // No availability is 0 nines, not −0 (QA: `"availabilityNines": -0.0`).
        QVERIFY(!std::signbit(nines(0)));
        const std::string j = evaluationToJson(m, ev).dump();
        QVERIFY2(j.find("\"availabilityNines\":0.0") != std::string::npos, j.c_str());
        QVERIFY2(j.find("-0.0") == std::string::npos, j.c_str());
        // Nor a latency wall: nothing to time, as with no clients (it read "0 users", as if 10
        // users missed the objective; QA).
        QVERIFY(!m.sloMaxUsers());
        QVERIFY2(t.find("latency wall: none (no dynamic request is served)") != std::string::npos,
                 t.c_str());
    }

    // The component table's columns line up whatever the ids: "ü" is one column (two bytes), an
    // id longer than 16 characters widens the id column for every row, and one past 40 is cut
    // to 39 characters and "…" (before: cut at 16 bytes, padded by bytes).
    void componentColumnsLineUp()
    {
        const std::string umlaut = "münchen-primär-db";           // 17 characters, 19 bytes
        const std::string longId = std::string(45, 'x') + "-app"; // 49 characters
        Design d;
        d.traffic = flat(1000, 100);
        d.components = {make("u", Kind::Clients), make(longId, Kind::AppServer),
                        make(umlaut, Kind::Database)};
        d.connections = {wire("u", longId), wire(longId, umlaut)};
        const Model m(d, Catalog::builtin());
        const std::string t = evaluationToText(m, m.evaluate(1000));
        const auto columnOf = [&t](const std::string &rowStart, const std::string &word) {
            const size_t row = t.find(rowStart);
            if (row == std::string::npos)
                return std::string::npos;
            const size_t at = t.find(word, row);
            size_t shown = 0; // characters, not bytes, from the row's start
            for (size_t i = row; i < at; ++i)
                shown += (static_cast<unsigned char>(t[i]) & 0xC0) != 0x80;
            return shown;
        };
        // The id column is 40 wide (the longest id, capped) and a space follows it.
        QCOMPARE(columnOf("component", "kind"), size_t(41));
        QCOMPARE(columnOf(umlaut + " ", "database"), size_t(41));
        const std::string cut = std::string(39, 'x') + "…";
        QVERIFY2(t.find(cut + " appServer") != std::string::npos, t.c_str());
        QCOMPARE(columnOf("\n" + cut, "appServer"), size_t(42)); // the row's "\n" counted
        QCOMPARE(columnOf("\nu ", "clients"), size_t(42));
    }

    // An id cut to the column is cut before an escape, never inside it (QA: "…\u00…"), and a
    // monthly cost of millions reads with M, B, T, as the table's other figures (QA:
    // "30420637.63" took 11 characters of a 10-character column).
    void cutIdsAndBigMoneyKeepTheirColumns()
    {
        const std::string id = std::string(36, 'x') + "\x1b[31m";
        Design d;
        d.traffic = flat(1e10, 100);
        d.components = {make("u", Kind::Clients), make(id, Kind::AppServer)};
        d.connections = {wire("u", id)};
        const Model m(d, Catalog::builtin());
        const Evaluation ev = m.evaluate(1e10);
        const std::string t = evaluationToText(m, ev);
        // 36 x's, then "\u001b" would end at 42 columns: cut before it, padded to 40, then the
        // space before the kind.
        const std::string cut = std::string(36, 'x') + "…    appServer";
        QVERIFY2(t.find(cut) != std::string::npos, t.c_str());
        QVERIFY(t.find("\\u00…") == std::string::npos);
        const ComponentResult *app = sctest::resultOf(ev, id);
        QVERIFY(app && app->monthlyCostUsd >= 1e6 && app->monthlyCostUsd < 1e15);
        QVERIFY2(t.find(" " + shortNumber(app->monthlyCostUsd) + "\n") != std::string::npos,
                 t.c_str());
        const char last = shortNumber(app->monthlyCostUsd).back();
        QVERIFY(last == 'M' || last == 'B' || last == 'T');
    }
    // The messages' and cost lines' numbers (detail::printfNumber) are what snprintf writes, in
    // the formats they use: ties to even (0.5 → 0, 2.5 → 2), "-0", the exponent from 10^N on
    // for %.Ng, whole numbers and fractions, huge and infinite values, random bit patterns.
    void printfNumberWritesWhatSnprintfWrites()
    {
        const char *formats[] = {"%.0f",        "%.0f%%", ": runs at %.0f%% at the peak",
                                 "$%.0f/month", "%.1f",   "%.3g",
                                 "%.3gM",       "%.4g",   "%g",
                                 "hits %g%%",   "%.3g%%"};
        const double inf = std::numeric_limits<double>::infinity();
        std::vector<double> values = {0,          -0.0,       0.5,
                                      1.5,        2.5,        -0.5,
                                      -1.5,       -2.5,       0.49999999999999994,
                                      -0.3,       99.5,       100.5,
                                      999.5,      9999,       9999.5,
                                      10000,      -9999,      123456,
                                      1e15 + 0.5, 0x1p53 - 1, 0x1p53,
                                      0x1p53 + 2, 1e300,      -1e300,
                                      5e-324,     inf,        -inf};
        std::mt19937_64 random(19);
        std::uniform_real_distribution<double> near(-1e5, 1e5);
        for (int i = 0; i < 20000; ++i) {
            values.push_back(near(random));
            values.push_back(std::round(near(random)));
            values.push_back(std::round(near(random)) + 0.5);
            const std::uint64_t bits = random();
            double any;
            std::memcpy(&any, &bits, sizeof any);
            if (!std::isnan(any))
                values.push_back(any);
        }
        int checked = 0;
        for (const char *format : formats)
            for (const double v : values) {
                char expected[512];
                std::snprintf(expected, sizeof expected, format, v);
                const std::string got = detail::printfNumber(format, v);
                if (got != expected)
                    QFAIL(qPrintable(QString("%1 of %2 (%3): \"%4\", snprintf \"%5\"")
                                         .arg(format)
                                         .arg(v, 0, 'g', 17)
                                         .arg(checked)
                                         .arg(QString::fromStdString(got))
                                         .arg(expected)));
                ++checked;
            }
        QVERIFY(checked > 700000);
    }

    // A utilization as people read it: whole percent, a tie to even as printf rounds it, and
    // "<1%" for a load above 0 that would read "0%" (idle), ">9999%" past four digits (as the
    // inspector: 100 × 99.995 = 9999.5 would print "10000%").
    void utilizationAsText()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const std::vector<std::pair<double, std::string>> rows = {
            {0, "0%"},          {0.004, "<1%"},   {0.00999, "<1%"}, {0.01, "1%"},
            {0.125, "12%"},     {0.375, "38%"},   {0.8, "80%"},     {1, "100%"},
            {2.5, "250%"},      {12.34, "1234%"}, {99.99, "9999%"}, {99.995, ">9999%"},
            {2.3e13, ">9999%"}, {inf, "inf%"}};
        for (const auto &[rho, text] : rows)
            QCOMPARE(utilizationText(rho), text);
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
