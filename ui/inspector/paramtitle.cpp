#include "paramtitle.h"

#include <QStringList>

#include <utility>

namespace scui {

// "serviceTimeMs" -> "Service time": readable without a second table of titles; the unit
// written into the name (DESIGN.md) is shown as the editor's suffix instead.
QString paramTitle(std::string_view name)
{
    QString n = QString::fromUtf8(name.data(), qsizetype(name.size()));
    if (n.endsWith(QLatin1String("Ms")) || n.endsWith(QLatin1String("GB")) ||
        n.endsWith(QLatin1String("KB")))
        n.chop(2);
    else if (n.size() > 1 && n.endsWith(QLatin1Char('S')))
        n.chop(1);
    QString out;
    for (int i = 0; i < n.size(); ++i) {
        const QChar ch = n.at(i);
        if (i == 0)
            out += ch.toUpper();
        else if (ch.isUpper())
            out += QLatin1Char(' ') + ch.toLower();
        else
            out += ch;
    }
    // Acronyms read as acronyms: "KB per request", "Network RTT", "Multi AZ", "TTL".
    static const std::pair<const char *, const char *> acronyms[] = {
        {"Kb", "KB"}, {"kb", "KB"}, {"rtt", "RTT"}, {"az", "AZ"}, {"Ttl", "TTL"}, {"gb", "GB"}};
    QStringList words = out.split(QLatin1Char(' '));
    for (QString &w : words)
        for (const auto &[from, to] : acronyms)
            if (w == QLatin1String(from))
                w = QLatin1String(to);
    return words.join(QLatin1Char(' '));
}

} // namespace scui
