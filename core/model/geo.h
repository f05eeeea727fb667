#pragma once

// Pure geometry of place (docs/model.md "Geography"): the AWS regions' coordinates, the
// great-circle distance and the round trip it takes light in fibre. No Qt, no design logic.

#include "design.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sc {

struct LatLon {
    double lat = 0, lon = 0; // degrees
};

struct AwsRegion {
    std::string_view name; // "us-east-1"
    std::string_view city; // "Ashburn, Virginia"
    LatLon at;
};

// The regions of ../shared/reference/time-and-place.md (city coordinates), in its order.
std::span<const AwsRegion> awsRegions();
const AwsRegion *findAwsRegion(std::string_view name);
// "us-east-1, us-east-2, …" for messages.
std::string awsRegionNames();

inline constexpr double kEarthRadiusKm = 6371;
inline constexpr double kFibreKmPerMs = 200; // two thirds of c
// Component boxes on the canvas (ui/canvas/componentitem.h): a position is the box's top-left
// corner; the migration of groups without members reads the box's centre.
inline constexpr double kComponentBoxWidth = 176;
inline constexpr double kComponentBoxHeight = 104;

// Great-circle distance by the haversine formula on a 6,371 km sphere.
double greatCircleKm(LatLon a, LatLon b);
// Round trip in fibre: distance ÷ 200 km/ms × 2 × routeFactor.
double roundTripMs(LatLon a, LatLon b, double routeFactor);
// A place as the file names it and the fields take it: its region's name, or "lat, lon" in
// degrees to 8 significant digits ("51.5074, -0.1278"), whatever the locale.
std::string placeText(const Place &place);
// The coordinates of a place (nullopt for an unknown region name).
std::optional<LatLon> coordinatesOf(const Place &place);
// The AWS region a place is in or nearest to by great circle (nullptr for an unknown name).
const AwsRegion *regionOfPlace(const Place &place);

} // namespace sc
