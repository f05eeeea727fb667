#include "numberformat.h"

#include "core/analysis/model.h"
#include "core/analysis/money.h"
#include "core/analysis/report.h"

#include <QCoreApplication>
#include <QLocale>
#include <QObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace scui {
namespace {

const QString kDash = QStringLiteral("—");

} // namespace

QString formatUsers(double v)
{
    return QString::fromStdString(sc::compactUsers(v)); // the core's: explain's "shown as" too
}

QString formatCount(double v)
{
    return QString::fromStdString(sc::compactCount(v));
}

QString formatRps(double rps)
{
    return std::isfinite(rps) ? formatCount(rps) + QStringLiteral(" req/s") : kDash;
}

QString formatTimeSpan(double seconds)
{
    if (!std::isfinite(seconds))
        return kDash;
    const QLocale c(QLocale::English, QLocale::UnitedStates);
    const auto tenths = [&c](double v) { // "23.8", "2" (not "2.0"), "130"
        const double r = std::round(v * 10) / 10;
        return c.toString(r, 'f', r < 100 && r != std::round(r) ? 1 : 0);
    };
    if (seconds < 90 * 60)
        return formatCount(seconds / 60) + QStringLiteral(" min");
    if (seconds < 48 * 3600)
        return tenths(seconds / 3600) + QStringLiteral(" h");
    return tenths(seconds / 86400) + QStringLiteral(" days");
}

QString formatMoney(double usd)
{
    if (!std::isfinite(usd))
        return kDash;
    if (sc::moneyBeyondRange(usd)) // as the reports write it: "$2.59e+22", not "$25900000000T"
        return QString::fromStdString(sc::formatUsd(usd));
    if (std::abs(usd) >= 1e7)
        return QLatin1Char('$') + formatCount(usd);
    const QLocale c(QLocale::English, QLocale::UnitedStates);
    if (usd != 0 && std::abs(usd) < 10) // the cents as the reports round them ($8.725: $8.73)
        return QString::fromStdString(sc::formatUsd(usd));
    return QLatin1Char('$') + c.toString(std::round(usd), 'f', 0);
}

QString formatMonthly(double usd)
{
    return std::isfinite(usd) ? formatMoney(usd) + QStringLiteral("/mo") : kDash;
}

QString formatLatency(double ms)
{
    if (!std::isfinite(ms) || ms < 0)
        return kDash;
    // Whole numbers from where the significant figures would round up to an exponent
    // (99.6 ms to two figures is "1e+02").
    if (ms >= 999.5e3)
        return QString::number(std::round(ms / 1000), 'f', 0) + QStringLiteral(" s");
    if (ms >= 999.5) // 999.6 ms is "1 s", not "1000 ms"
        return QString::number(ms / 1000, 'g', 3) + QStringLiteral(" s");
    if (ms >= 99.5)
        return QString::number(std::round(ms), 'f', 0) + QStringLiteral(" ms");
    return QString::number(ms, 'g', 2) + QStringLiteral(" ms");
}

QString formatPercent(double ratio, int decimals)
{
    if (!std::isfinite(ratio))
        return kDash;
    const double p = ratio * 100;
    // A sliver reads as one below the last place shown: "<1%", "<0.1%" (the inspector wrote
    // "0.0%" beside a box reading "<1%"; QA).
    const double place = std::pow(10.0, -decimals);
    if (p > 0 && p < place)
        return QLatin1Char('<') + QString::number(place, 'f', decimals) + QLatin1Char('%');
    // Past four digits (what rounds to 10000 at this place), as sc::utilizationText has it.
    if (p >= 1e4 - 0.5 * place)
        return QStringLiteral(">9999%");
    // printf's rounding, as the core's texts have it (sc::utilizationText): an exact half goes to
    // the even digit, where QString::number rounds it up (QA: ρ = 0.125 read 12% in `evaluate` and
    // `explain`, 13% on the boxes and in the reports).
    char digits[64];
    std::snprintf(digits, sizeof digits, "%.*f%%", std::clamp(decimals, 0, 9), p);
    return QString::fromLatin1(digits);
}

QString formatFailShare(double ratio)
{
    if (!std::isfinite(ratio))
        return kDash;
    if (ratio >= 1)
        return QStringLiteral("100%");
    if (ratio > 0.99)
        return QStringLiteral(">99%"); // some are still served: not "100%"
    return formatPercent(std::max(ratio, 0.0));
}

QString formatAvailability(double ratio)
{
    // The core's one rule (never overstate the nines; "≥ 99.999999%" from its last digit up, 1
    // included), so the GUI, the CLI and the reports print the same digits.
    return QString::fromStdString(sc::formatAvailability(ratio));
}

// Below 0.0001, where 'g' turns to an exponent: "<0.0001", as the CLI's text writes it.
constexpr double kSmallestFull = 1e-4;

QString formatFullCount(double v)
{
    if (!std::isfinite(v))
        return kDash;
    const QLocale c(QLocale::English, QLocale::UnitedStates);
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return c.toString(qint64(v));
    if (v != 0 && std::abs(v) < kSmallestFull)
        return QStringLiteral("<0.0001");
    // Whole from where six significant digits would turn to an exponent (1234567.5 to 'g' 6 is
    // "1.23457e+06", 999999.5 is "1e+06"): a fraction of a count past a million says nothing.
    if (std::abs(v) >= 999999.5 && std::abs(v) < 1e15)
        return c.toString(qint64(std::round(v)));
    // Past 10¹⁵ six significant digits, whole: never "1.15741E+15" (QA).
    if (std::abs(v) >= 1e15)
        return QString::fromStdString(sc::wholeFigures(v, 6));
    return c.toString(v, 'g', 6);
}

QString formatDailyActiveUsers(double users)
{
    return formatFullCount(users) +
           (users == 1 ? QObject::tr(" daily active user") : QObject::tr(" daily active users"));
}

QString formatFullRps(double rps)
{
    if (!std::isfinite(rps))
        return kDash;
    const QString n = std::abs(rps) >= 99.5                       ? formatFullCount(std::round(rps))
                      : rps != 0 && std::abs(rps) < kSmallestFull ? QStringLiteral("<0.0001")
                                                                  : QString::number(rps, 'g', 3);
    return n + QStringLiteral(" req/s");
}

std::optional<double> readUserCount(const QString &typed)
{
    QString text = typed.trimmed();
    // Thousands separators (a comma, or the locale's when it is not the decimal point) only
    // where they group digits by three before any decimal point: "1,000,000", "25,000.5". Any
    // other is refused, not dropped: "2,5M" (a decimal comma) read 25M, and the inspector made
    // that the design's users (QA).
    for (const QString &sep : {QStringLiteral(","), QLocale().groupSeparator()}) {
        if (sep.isEmpty() || sep == QLatin1String(".") || !text.contains(sep))
            continue;
        static const QString grouped = QStringLiteral(
            "^[+]?[0-9]{1,3}(%1[0-9]{3})+(\\.[0-9]*)?([eE][+-]?[0-9]+)?[kKmMbBgG]?$");
        if (!QRegularExpression(grouped.arg(QRegularExpression::escape(sep)))
                 .match(text)
                 .hasMatch())
            return std::nullopt;
        text.remove(sep);
    }
    return sc::parseUserCount(text.toStdString());
}

QString editableCount(double v)
{
    const QString compact = formatCount(v);
    if (const auto back = readUserCount(compact); back && *back == v)
        return compact;
    const QString full = formatFullCount(v);
    if (const auto back = readUserCount(full); back && *back == v)
        return full;
    return QString::number(v, 'g', 17);
}

QString notAUserCount(const QString &typed, double most)
{
    return QCoreApplication::translate("scui", "“%1” is not a user count: try 25000, 1e6 or 2.5M "
                                               "(at most %2)")
        .arg(typed, formatCount(most));
}

} // namespace scui
