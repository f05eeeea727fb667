#include "pricetiers.h"

#include <algorithm>
#include <array>

namespace sc {

double TierTable::costOf(double volume) const
{
    double usd = 0, from = 0;
    for (const PriceTier &t : tiers) {
        if (volume <= from)
            break;
        usd += (std::min(volume, t.upTo) - from) * t.usdPerUnit;
        from = t.upTo;
    }
    return usd;
}

double TierTable::costAfterFree(double volume, double freeUnits) const
{
    if (volume <= freeUnits)
        return 0;
    return costOf(volume) - costOf(std::max(0.0, freeUnits));
}

namespace {

constexpr std::array<CdnGeo, kCdnGeoCount> kGeos = {CdnGeo::NorthAmerica, CdnGeo::Europe,
                                                    CdnGeo::Japan,        CdnGeo::Australia,
                                                    CdnGeo::India,        CdnGeo::SouthAmerica};

bool startsWith(std::string_view s, std::string_view head)
{
    return s.substr(0, head.size()) == head;
}

} // namespace

std::span<const CdnGeo> allCdnGeos()
{
    return kGeos;
}

std::string_view cdnGeoKey(CdnGeo geo)
{
    switch (geo) {
    case CdnGeo::NorthAmerica:
        return "northAmerica";
    case CdnGeo::Europe:
        return "europe";
    case CdnGeo::Japan:
        return "japan";
    case CdnGeo::Australia:
        return "australia";
    case CdnGeo::India:
        return "india";
    case CdnGeo::SouthAmerica:
        return "southAmerica";
    }
    return "northAmerica";
}

std::string_view cdnGeoTitle(CdnGeo geo)
{
    switch (geo) {
    case CdnGeo::NorthAmerica:
        return "US/Mexico/Canada";
    case CdnGeo::Europe:
        return "Europe";
    case CdnGeo::Japan:
        return "Japan";
    case CdnGeo::Australia:
        return "Australia/NZ";
    case CdnGeo::India:
        return "India";
    case CdnGeo::SouthAmerica:
        return "South America";
    }
    return "US/Mexico/Canada";
}

CdnGeo cdnGeoOf(std::string_view r)
{
    if (r.empty() || startsWith(r, "us-") || startsWith(r, "ca-") || startsWith(r, "mx-"))
        return CdnGeo::NorthAmerica;
    if (startsWith(r, "eu-") || startsWith(r, "il-"))
        return CdnGeo::Europe;
    if (r == "ap-southeast-2" || r == "ap-southeast-4")
        return CdnGeo::Australia;
    if (startsWith(r, "ap-south-"))
        return CdnGeo::India;
    if (startsWith(r, "sa-"))
        return CdnGeo::SouthAmerica;
    // Japan itself (ap-northeast-1, -3), and by assumption the rest of Asia, the Middle East and
    // Africa (ap-*, me-*, af-*).
    if (startsWith(r, "ap-") || startsWith(r, "me-") || startsWith(r, "af-"))
        return CdnGeo::Japan;
    return CdnGeo::NorthAmerica;
}

} // namespace sc
