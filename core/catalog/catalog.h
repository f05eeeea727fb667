#pragma once

#include "core/catalog/pricetiers.h"
#include "core/io/issue.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct InstanceType {
    std::string name;    // "t3.large", "db.m5.large", "cache.t3.medium"
    std::string service; // "ec2", "rds", "elasticache"
    double vcpu = 0;
    double memoryGiB = 0;
    double hourlyUsd = 0;
    double burstBaseline = 1; // sustained CPU share per vCPU; 1 = not burstable
    std::string source;
    std::string date;
    std::string note;
};

// The price catalog: AWS prices, limits and availabilities with their sources and dates.
class Catalog
{
public:
    std::string region;
    std::string currency;
    std::string date;
    double hoursPerMonth = 730;
    std::vector<InstanceType> instanceTypes;
    // Keyed by std::string, looked up by std::string_view (std::less<> is transparent).
    using Figures = std::map<std::string, double, std::less<>>;
    Figures pricingFactors;                               // onDemand, reserved, spot
    std::map<std::string, Figures, std::less<>> services; // "alb" -> "hourlyUsd" -> 0.0225
    Figures availability;                                 // "alb" -> 0.9999
    // Monthly volume tiers by name: "dataTransferOut", "cloudfrontOut.<cdnGeoKey>" (USD per GB).
    std::map<std::string, TierTable, std::less<>> priceTiers;
    // Where a service's figures and an availability come from, as the catalog says:
    // "services.alb" / "availability.ec2Instance" → "IC: Infracost test golden files (us-east-1),
    // 2026" (the source's title from the catalog's `sources`, and the entry's date).
    std::map<std::string, std::string, std::less<>> provenance;
    // The provenance of `key` ("services.alb"), or "resources/catalog.json" when it has none.
    std::string provenanceOf(std::string_view key) const;

    // By name, through an index the loader builds: call reindex() after changing instanceTypes
    // (a lookup the index misses falls back to a search while the two differ in size).
    const InstanceType *instance(std::string_view name) const;
    void reindex();
    // A service figure; the loader guarantees every key the model reads exists.
    double service(std::string_view svc, std::string_view key) const;
    double pricingFactor(std::string_view model) const;
    // A tier table; the loader guarantees every table the model reads exists.
    const TierTable &tiers(std::string_view name) const;
    // CloudFront's data-out tiers for users in `geo`.
    const TierTable &cdnTiers(CdnGeo geo) const;
    double availabilityOf(std::string_view key) const;
    // On-demand list price of one instance for a month (USD): hourly × hoursPerMonth.
    double monthlyUsd(const InstanceType &type) const { return type.hourlyUsd * hoursPerMonth; }

    // The catalog compiled into the binary (resources/catalog.json).
    static const Catalog &builtin();
    // Parses a catalog; errors name the JSON path, and a figure out of its range (docs/catalog.md)
    // the range and the value.
    static std::optional<Catalog> parse(std::string_view bytes, Issues &errors);
    static std::optional<Catalog> load(const std::string &path, Issues &errors);

private:
    std::map<std::string, size_t, std::less<>> m_index; // name → position in instanceTypes
};

} // namespace sc
