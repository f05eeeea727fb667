#pragma once

#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

// One step of a volume-tiered price: units up to `upTo` (cumulative over the month, from the
// previous step's bound) cost `usdPerUnit` each; the last step has no bound (infinity).
struct PriceTier {
    double upTo = std::numeric_limits<double>::infinity();
    double usdPerUnit = 0;
};

// A monthly volume-tiered price (CloudFront and internet data out; docs/model.md "Tiered
// prices"): ascending bounds, the last open-ended.
struct TierTable {
    std::vector<PriceTier> tiers;
    std::string title, source, date;

    // USD for `volume` units in a month, each unit at the price of the tier it falls in.
    double costOf(double volume) const;
    // USD for `volume` units of which the first `freeUnits` are free: the free units are the
    // month's first ones, so costOf(volume) − costOf(min(volume, freeUnits)).
    double costAfterFree(double volume, double freeUnits) const;
};

// The geographic regions CloudFront prices its data out by.
enum class CdnGeo { NorthAmerica, Europe, Japan, Australia, India, SouthAmerica };
inline constexpr int kCdnGeoCount = 6;
std::span<const CdnGeo> allCdnGeos();
// "northAmerica", …: the key after "cloudfrontOut." in the catalog's priceTiers.
std::string_view cdnGeoKey(CdnGeo geo);
// "US/Mexico/Canada", "Europe", …, for labels.
std::string_view cdnGeoTitle(CdnGeo geo);

// The CloudFront pricing region of users near an AWS region (docs/model.md "Tiered prices"):
// us-*, ca-* and mx-* → North America; eu-* and il-* → Europe; ap-northeast-1 (Tokyo) and
// ap-northeast-3 (Osaka) → Japan; ap-southeast-2 and ap-southeast-4 → Australia; ap-south-* →
// India; sa-* → South America. Other regions (the rest of Asia, the Middle East, Africa) are
// priced by tables the catalog does not carry: assumption, they map to Japan's (the nearest
// carried prices for Asia, and higher than North America's, so the bill errs high); an empty or
// unknown name maps to North America, the catalog's own region.
CdnGeo cdnGeoOf(std::string_view awsRegion);

// A share of the month's CDN volume served to users in one pricing region.
struct CdnVolumeShare {
    CdnGeo geo = CdnGeo::NorthAmerica;
    double share = 1;
    bool operator==(const CdnVolumeShare &) const = default;
};

} // namespace sc
