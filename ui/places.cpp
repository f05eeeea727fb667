#include "places.h"

#include "core/model/geo.h"
#include "core/model/zero.h"

#include <QObject>
#include <QRegularExpression>

#include <cmath>

namespace scui {

QStringList awsRegionNames()
{
    QStringList names;
    for (const sc::AwsRegion &r : sc::awsRegions())
        names << QString::fromUtf8(r.name.data(), qsizetype(r.name.size()));
    return names;
}

QString placeText(const sc::Place &place)
{
    return QString::fromStdString(sc::placeText(place));
}

std::optional<sc::Place> parsePlace(const QString &text, QString *error)
{
    const QString t = text.trimmed();
    static const QRegularExpression coordinates(
        QStringLiteral(R"(^([-+]?\d+(?:\.\d*)?)\s*[,;\s]\s*([-+]?\d+(?:\.\d*)?)$)"));
    if (const QRegularExpressionMatch m = coordinates.match(t); m.hasMatch()) {
        const double lat = m.captured(1).toDouble();
        const double lon = m.captured(2).toDouble();
        if (!(std::abs(lat) <= 90)) {
            *error = QObject::tr("latitude %1 is out of range (−90 to 90)").arg(m.captured(1));
            return std::nullopt;
        }
        if (!(std::abs(lon) <= 180)) {
            *error = QObject::tr("longitude %1 is out of range (−180 to 180)").arg(m.captured(2));
            return std::nullopt;
        }
        return sc::Place{{}, sc::unsignedZero(lat), sc::unsignedZero(lon)}; // "-0, 5" is 0, 5
    }
    const QStringList known = awsRegionNames();
    if (t.isEmpty()) {
        *error = QObject::tr("no place: give an AWS region (such as us-east-1) or “latitude, "
                             "longitude”");
        return std::nullopt;
    }
    if (!known.isEmpty() && !known.contains(t)) {
        *error = QObject::tr("“%1” is not an AWS region (known: %2), nor “latitude, longitude”")
                     .arg(t, known.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    return sc::Place{t.toStdString(), 0, 0};
}

} // namespace scui
