#include "geo.h"

#include <array>
#include <charconv>
#include <cmath>
#include <numbers>
#include <string>

namespace sc {
namespace {

constexpr std::array<AwsRegion, 15> kRegions{{
    {"us-east-1", "Ashburn, Virginia", {39.04, -77.49}},
    {"us-east-2", "Columbus, Ohio", {39.96, -83.00}},
    {"us-west-1", "San Jose, California", {37.34, -121.89}},
    {"us-west-2", "Boardman, Oregon", {45.84, -119.70}},
    {"ca-central-1", "Montréal", {45.50, -73.57}},
    {"sa-east-1", "São Paulo", {-23.55, -46.63}},
    {"eu-west-1", "Dublin", {53.35, -6.26}},
    {"eu-west-2", "London", {51.51, -0.13}},
    {"eu-central-1", "Frankfurt", {50.11, 8.68}},
    {"eu-north-1", "Stockholm", {59.33, 18.07}},
    {"ap-south-1", "Mumbai", {19.08, 72.88}},
    {"ap-southeast-1", "Singapore", {1.35, 103.82}},
    {"ap-southeast-2", "Sydney", {-33.87, 151.21}},
    {"ap-northeast-1", "Tokyo", {35.68, 139.69}},
    {"ap-northeast-2", "Seoul", {37.57, 126.98}},
}};

} // namespace

std::span<const AwsRegion> awsRegions()
{
    return kRegions;
}

const AwsRegion *findAwsRegion(std::string_view name)
{
    for (const AwsRegion &r : kRegions)
        if (r.name == name)
            return &r;
    return nullptr;
}

std::string awsRegionNames()
{
    std::string all;
    for (const AwsRegion &r : kRegions)
        all += (all.empty() ? "" : ", ") + std::string(r.name);
    return all;
}

double greatCircleKm(LatLon a, LatLon b)
{
    constexpr double rad = std::numbers::pi / 180;
    const double dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
    const double s = std::sin(dLat / 2), t = std::sin(dLon / 2);
    const double h = s * s + std::cos(a.lat * rad) * std::cos(b.lat * rad) * t * t;
    return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, h)));
}

double roundTripMs(LatLon a, LatLon b, double routeFactor)
{
    return greatCircleKm(a, b) / kFibreKmPerMs * 2 * routeFactor;
}

std::optional<LatLon> coordinatesOf(const Place &place)
{
    if (place.region.empty())
        return LatLon{place.lat, place.lon};
    if (const AwsRegion *r = findAwsRegion(place.region))
        return r->at;
    return std::nullopt;
}

const AwsRegion *regionOfPlace(const Place &place)
{
    if (!place.region.empty())
        return findAwsRegion(place.region);
    const LatLon at{place.lat, place.lon};
    const AwsRegion *nearest = nullptr;
    double best = 0;
    for (const AwsRegion &r : kRegions)
        if (const double km = greatCircleKm(at, r.at); !nearest || km < best) {
            nearest = &r;
            best = km;
        }
    return nearest;
}

std::string placeText(const Place &place)
{
    if (!place.region.empty())
        return place.region;
    const auto text = [](double v) {
        char b[32];
        const auto r = std::to_chars(b, b + sizeof b, v, std::chars_format::general, 8);
        return std::string(b, r.ptr);
    };
    return text(place.lat) + ", " + text(place.lon);
}

} // namespace sc
