// Numbers as the messages, cost lines and text reports write them (core/analysis/printfnumber.h):
// wholeOrPrintf, the one rule for "whole with thousands separators from a threshold, printf below
// it". Every expected string is written out by hand from that rule.
#include "core/analysis/printfnumber.h"

#include <QtTest>

#include <limits>
#include <string>

using sc::detail::wholeOrPrintf;

class TestPrintfNumber : public QObject
{
    Q_OBJECT

private slots:
    void wholeOrPrintfWritesPeoplesNumbers_data()
    {
        QTest::addColumn<double>("v");
        QTest::addColumn<double>("wholeFrom");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        const double inf = std::numeric_limits<double>::infinity();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        // Below the threshold: printf's digits.
        QTest::newRow("three digits") << 8.59 << 999.5 << "%.3g"
                                      << "8.59";
        QTest::newRow("small") << 0.000123 << 999.5 << "%.3g"
                               << "0.000123";
        QTest::newRow("zero") << 0.0 << 999.5 << "%.3g"
                              << "0";
        QTest::newRow("just below") << 999.4 << 999.5 << "%.3g"
                                    << "999";
        QTest::newRow("four digits") << 10.42 << 1e4 << "%.4g"
                                     << "10.42";
        QTest::newRow("9999") << 9999.0 << 1e4 << "%.4g"
                              << "9999";
        QTest::newRow("rounded to four") << 1234.56 << 1e4 << "%.4g"
                                         << "1235";
        // A threshold above the point where %g turns to an exponent lets the exponent through:
        // that is why %.3g's threshold is 999.5.
        QTest::newRow("threshold too high") << 999.6 << 1000.0 << "%.3g"
                                            << "1e+03";
        // From the threshold: whole, a half away from zero, separators every three digits.
        QTest::newRow("at the threshold") << 999.5 << 999.5 << "%.3g"
                                          << "1,000";
        QTest::newRow("thousands") << 12000.0 << 999.5 << "%.3g"
                                   << "12,000";
        QTest::newRow("millions") << 2488397.3 << 999.5 << "%.3g"
                                  << "2,488,397";
        QTest::newRow("half up") << 2500000.5 << 999.5 << "%.3g"
                                 << "2,500,001";
        QTest::newRow("negative") << -12000.0 << 999.5 << "%.3g"
                                  << "-12,000";
        QTest::newRow("negative half") << -2488396.5 << 999.5 << "%.3g"
                                       << "-2,488,397";
        QTest::newRow("ten thousand") << 10000.0 << 1e4 << "%.4g"
                                      << "10,000";
        QTest::newRow("below 10^15") << 999999999999999.0 << 999.5 << "%.3g"
                                     << "999,999,999,999,999";
        // From 10^15 three significant digits, whole (never printf's exponent: CLI QA, "never an
        // exponent" in docs/cli.md); for what is not finite, printf again.
        QTest::newRow("10^15") << 1e15 << 999.5 << "%.3g"
                               << "1,000,000,000,000,000";
        QTest::newRow("-10^15") << -2.5e16 << 1e4 << "%.4g"
                                << "-25,000,000,000,000,000";
        QTest::newRow("3 figures") << 2.90104945500691776e17 << 999.5 << "%.1f"
                                   << "290,000,000,000,000,000";
        QTest::newRow("inf") << inf << 999.5 << "%.3g"
                             << "inf";
        QTest::newRow("-inf") << -inf << 999.5 << "%.3g"
                              << "-inf";
        QTest::newRow("nan") << nan << 999.5 << "%.3g"
                             << "nan";
    }

    void wholeOrPrintfWritesPeoplesNumbers()
    {
        QFETCH(double, v);
        QFETCH(double, wholeFrom);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        const std::string f = format.toStdString();
        QCOMPARE(QString::fromStdString(wholeOrPrintf(v, wholeFrom, f.c_str())), expected);
    }
};

QTEST_GUILESS_MAIN(TestPrintfNumber)
#include "tst_printfnumber.moc"
