// The price catalog: the built-in one carries the figures of shared/reference/aws-prices.md
// (copied into the rows below from that page, not from resources/catalog.json), and a catalog
// file with a problem is refused with the JSON path of the problem.
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "core/io/templates.h"

#include <QtTest>

#include <cmath>

#include <nlohmann/json.hpp>

using namespace sc;

namespace {

nlohmann::json builtinJson()
{
    QFile f(QFINDTESTDATA("../../resources/catalog.json"));
    return f.open(QIODevice::ReadOnly) ? nlohmann::json::parse(f.readAll().toStdString())
                                       : nlohmann::json();
}

QString allIssues(const Issues &errors)
{
    QStringList all;
    for (const Issue &i : errors)
        all << QString::fromStdString(i.toString());
    return all.join(QStringLiteral("; "));
}

bool endsWith(const std::string &s, const std::string &tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private slots:
    void instancePrices_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("vcpu");
        QTest::addColumn<double>("memoryGiB");
        QTest::addColumn<double>("hourlyUsd");
        QTest::addColumn<double>("burstBaseline");
        // EC2 (K), RDS (PL), ElastiCache (DF; PL); T3 baselines from the EC2 user guide.
        QTest::newRow("t3.micro") << "t3.micro" << 2.0 << 1.0 << 0.0104 << 0.10;
        QTest::newRow("t3.large") << "t3.large" << 2.0 << 8.0 << 0.0832 << 0.30;
        QTest::newRow("t3.2xlarge") << "t3.2xlarge" << 8.0 << 32.0 << 0.3328 << 0.40;
        QTest::newRow("m5.xlarge") << "m5.xlarge" << 4.0 << 16.0 << 0.192 << 1.0;
        QTest::newRow("m5.24xlarge") << "m5.24xlarge" << 96.0 << 384.0 << 4.608 << 1.0;
        QTest::newRow("c5.large") << "c5.large" << 2.0 << 4.0 << 0.085 << 1.0;
        QTest::newRow("c5.24xlarge") << "c5.24xlarge" << 96.0 << 192.0 << 4.08 << 1.0;
        QTest::newRow("r5.4xlarge") << "r5.4xlarge" << 16.0 << 128.0 << 1.008 << 1.0;
        QTest::newRow("db.m5.large") << "db.m5.large" << 2.0 << 8.0 << 0.178 << 1.0;
        QTest::newRow("db.m5.4xlarge") << "db.m5.4xlarge" << 16.0 << 64.0 << 1.424 << 1.0;
        QTest::newRow("db.r5.2xlarge") << "db.r5.2xlarge" << 8.0 << 64.0 << 1.00 << 1.0;
        QTest::newRow("db.t3.large") << "db.t3.large" << 2.0 << 8.0 << 0.145 << 1.0;
        QTest::newRow("cache.t3.medium") << "cache.t3.medium" << 2.0 << 3.09 << 0.068 << 1.0;
    }

    void instancePrices()
    {
        QFETCH(QString, type);
        QFETCH(double, vcpu);
        QFETCH(double, memoryGiB);
        QFETCH(double, hourlyUsd);
        QFETCH(double, burstBaseline);
        const InstanceType *t = Catalog::builtin().instance(type.toStdString());
        QVERIFY2(t, qPrintable(type));
        QCOMPARE(t->vcpu, vcpu);
        QCOMPARE(t->memoryGiB, memoryGiB);
        QCOMPARE(t->hourlyUsd, hourlyUsd);
        QCOMPARE(t->burstBaseline, burstBaseline);
        QVERIFY2(!t->source.empty(), "every entry names its source");
    }

    void servicePrices_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::newRow("ALB hour") << "alb"
                                  << "hourlyUsd" << 0.0225;
        QTest::newRow("ALB LCU-hour") << "alb"
                                      << "lcuHourUsd" << 0.008;
        QTest::newRow("CloudFront GB") << "cloudfront"
                                       << "perGbUsd" << 0.085;
        QTest::newRow("CloudFront 10k requests") << "cloudfront"
                                                 << "per10kRequestsUsd" << 0.01;
        QTest::newRow("S3 Standard") << "s3"
                                     << "standardGbMonthUsd" << 0.023;
        QTest::newRow("S3 Standard-IA") << "s3"
                                        << "iaGbMonthUsd" << 0.0125;
        QTest::newRow("S3 Glacier") << "s3"
                                    << "glacierGbMonthUsd" << 0.0036;
        QTest::newRow("S3 GET per 1k") << "s3"
                                       << "getPer1kUsd" << 0.0004;
        QTest::newRow("RDS storage") << "rdsStorage"
                                     << "gbMonthUsd" << 0.115;
        QTest::newRow("RDS Multi-AZ") << "rds"
                                      << "multiAzFactor" << 2.0;
        QTest::newRow("data transfer out") << "dataTransfer"
                                           << "outPerGbUsd" << 0.09;
        QTest::newRow("SQS per million") << "sqs"
                                         << "perMillionUsd" << 0.40;
        QTest::newRow("Route 53 zone") << "route53"
                                       << "hostedZoneMonthUsd" << 0.50;
        QTest::newRow("Route 53 queries") << "route53"
                                          << "perMillionQueriesUsd" << 0.40;
        // Past the month's first billion (aws.amazon.com/route53/pricing): half the price.
        QTest::newRow("Route 53 first tier") << "route53"
                                             << "firstTierQueriesMonth" << 1e9;
        QTest::newRow("Route 53 queries past 1B") << "route53"
                                                  << "perMillionQueriesOver1BUsd" << 0.20;
        QTest::newRow("Route 53 latency past 1B") << "route53"
                                                  << "latencyPerMillionOver1BUsd" << 0.30;
    }

    void servicePrices()
    {
        QFETCH(QString, service);
        QFETCH(QString, key);
        QFETCH(double, value);
        QCOMPARE(Catalog::builtin().service(service.toStdString(), key.toStdString()), value);
    }

    // SLAs (aws-prices.md; docs/model.md "Failure") and the month of 730 hours.
    void availabilityAndMonth()
    {
        const Catalog &c = Catalog::builtin();
        QCOMPARE(c.availabilityOf("ec2Instance"), 0.995);
        QCOMPARE(c.availabilityOf("rdsSingleAz"), 0.995);
        QCOMPARE(c.availabilityOf("rdsMultiAz"), 0.9995);
        QCOMPARE(c.availabilityOf("alb"), 0.9999);
        QCOMPARE(c.availabilityOf("s3"), 0.999);
        QCOMPARE(c.availabilityOf("cloudfront"), 0.999);
        QCOMPARE(c.availabilityOf("sqs"), 0.999);
        QCOMPARE(c.availabilityOf("route53"), 1.0);
        QCOMPARE(c.hoursPerMonth, 730.0);
        QCOMPARE(c.pricingFactor("onDemand"), 1.0);
        QCOMPARE(c.region, std::string("us-east-1"));
        QVERIFY(c.instance("t9.huge") == nullptr);
    }

    // A copy of the built-in file with one thing broken is refused, naming where.
    void brokenCatalogNamesThePath_data()
    {
        QTest::addColumn<QString>("pointer"); // JSON pointer of what is changed
        QTest::addColumn<QString>("value");   // the JSON put there; empty: removed
        QTest::addColumn<QString>("path");
        QTest::newRow("negative price") << "/instanceTypes/1/hourlyUsd"
                                        << "-1"
                                        << "instanceTypes[1].hourlyUsd";
        QTest::newRow("missing vCPU") << "/instanceTypes/0/vcpu"
                                      << ""
                                      << "instanceTypes[0].vcpu";
        QTest::newRow("no vCPU") << "/instanceTypes/0/vcpu"
                                 << "0"
                                 << "instanceTypes[0].vcpu";
        QTest::newRow("missing service price") << "/services/alb/hourlyUsd"
                                               << ""
                                               << "services.alb.hourlyUsd";
        QTest::newRow("availability above 1") << "/availability/s3/value"
                                              << "1.5"
                                              << "availability.s3.value";
        QTest::newRow("not a catalog") << "/format"
                                       << "\"scalecanvas\""
                                       << "format";
        // A misspelt key was left to its default without a word (the region read "?"; QA).
        QTest::newRow("misspelt region") << "/regoin"
                                         << "\"us-east-1\""
                                         << "regoin";
        QTest::newRow("misspelt hours") << "/hoursPerMonht"
                                        << "730"
                                        << "hoursPerMonht";
        // A misspelt service or figure was kept and never read: the bill went on at the
        // figure the model reads (QA).
        QTest::newRow("misspelt figure") << "/services/sqs/perMilionUsd"
                                         << "0.4"
                                         << "services.sqs.perMilionUsd";
        QTest::newRow("misspelt service") << "/services/sqss"
                                          << "{\"perMillionUsd\": 0.4}"
                                          << "services.sqss";
        QTest::newRow("figure as text") << "/services/cloudfront/maxRps"
                                        << "\"55000\""
                                        << "services.cloudfront.maxRps";
        QTest::newRow("optional figure as text") << "/services/nlb/hourlyUsd"
                                                 << "\"0.0225\""
                                                 << "services.nlb.hourlyUsd";
        QTest::newRow("note as a number") << "/services/alb/note"
                                          << "5"
                                          << "services.alb.note";
        // Read by a design with components in two regions or zones ("internal error: catalog
        // lacks services.dataTransfer.interRegionPerGbUsd" for stage5-10m).
        QTest::newRow("missing inter-region price") << "/services/dataTransfer/interRegionPerGbUsd"
                                                    << ""
                                                    << "services.dataTransfer.interRegionPerGbUsd";
        QTest::newRow("missing inter-AZ price") << "/services/dataTransfer/interAzPerGbUsd"
                                                << ""
                                                << "services.dataTransfer.interAzPerGbUsd";
    }

    void brokenCatalogNamesThePath()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, path);
        QFile f(QFINDTESTDATA("../../resources/catalog.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        Issues ok;
        QVERIFY(Catalog::parse(bytes.toStdString(), ok).has_value());
        QVERIFY(ok.empty());
        nlohmann::json doc = nlohmann::json::parse(bytes.toStdString());
        const nlohmann::json::json_pointer ptr(pointer.toStdString());
        if (value.isEmpty())
            doc[ptr.parent_pointer()].erase(ptr.back());
        else
            doc[ptr] = nlohmann::json::parse(value.toStdString());
        Issues errors;
        QVERIFY(!Catalog::parse(doc.dump(), errors).has_value());
        bool named = false;
        QStringList all;
        for (const Issue &i : errors) {
            named = named || QString::fromStdString(i.path) == path;
            all << QString::fromStdString(i.path + ": " + i.message);
        }
        QVERIFY2(named, qPrintable(all.join(QStringLiteral("; "))));
    }

    // Figures that make no sense (a divisor of 0, a price that overflows a bill) are refused
    // with the path, the allowed range (docs/catalog.md) and the value.
    void outOfRangeNamesFieldAndRange_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // the whole line
        QTest::newRow("rpsPerLcu 0")
            << "/services/alb/rpsPerLcu"
            << "0"
            << "services.alb.rpsPerLcu: must be from 1 to 10000000 requests/s per LCU, got 0";
        QTest::newRow("gbPerLcuHour 0")
            << "/services/alb/gbPerLcuHour"
            << "0"
            << "services.alb.gbPerLcuHour: must be from 0.001 to 1000000 GB per LCU-hour, got 0";
        QTest::newRow("ALB maxRps 0")
            << "/services/alb/maxRps"
            << "0"
            << "services.alb.maxRps: must be from 1 to 1000000000 requests/s, got 0";
        QTest::newRow("S3 maxRps 0.5")
            << "/services/s3/maxRps"
            << "0.5"
            << "services.s3.maxRps: must be from 1 to 1000000000 requests/s, got 0.5";
        QTest::newRow("CloudFront 1e308 per GB")
            << "/services/cloudfront/perGbUsd"
            << "1e308"
            << "services.cloudfront.perGbUsd: must be from 0 to 1000 USD, got 1e+308";
        QTest::newRow("Multi-AZ factor 0.5")
            << "/services/rds/multiAzFactor"
            << "0.5"
            << "services.rds.multiAzFactor: must be from 1 to 10 × the single-AZ price, got 0.5";
        QTest::newRow("ALB latency 1e6 ms")
            << "/services/alb/latencyMs"
            << "1e6"
            << "services.alb.latencyMs: must be from 0 to 60000 ms, got 1000000";
        QTest::newRow("hoursPerMonth 0")
            << "/hoursPerMonth"
            << "0"
            << "hoursPerMonth: must be from 672 to 744 hours (28 to 31 days), got 0";
        QTest::newRow("spot factor 11")
            << "/pricingModels/spot/factor"
            << "11"
            << "pricingModels.spot.factor: must be from 0 to 10 × the on-demand price, got 11";
        QTest::newRow("availability 1.5") << "/availability/s3/value"
                                          << "1.5"
                                          << "availability.s3.value: must be from 0 to 1, got 1.5";
        QTest::newRow("instance price 1e308") << "/instanceTypes/0/hourlyUsd"
                                              << "1e308"
                                              << "instanceTypes[0].hourlyUsd: must be from 0 to "
                                                 "1000 USD per hour, got 1e+308 (instance type "
                                                 "\"t3.nano\")";
        QTest::newRow("memory 0") << "/instanceTypes/0/memoryGiB"
                                  << "0"
                                  << "instanceTypes[0].memoryGiB: must be from 0.25 to 32768 GiB, "
                                     "got 0 (instance type \"t3.nano\")";
        QTest::newRow("vCPUs 2000") << "/instanceTypes/0/vcpu"
                                    << "2000"
                                    << "instanceTypes[0].vcpu: must be from 1 to 1024 vCPUs, got "
                                       "2000 (instance type \"t3.nano\")";
        QTest::newRow("burst baseline 1.5")
            << "/instanceTypes/0/burstBaseline"
            << "1.5"
            << "instanceTypes[0].burstBaseline: must be from 0.01 to 1 (share of a vCPU), got 1.5 "
               "(instance type \"t3.nano\")";
        // Tier tables (docs/model.md "Tiered prices"): ascending bounds, prices in range, the
        // last tier open-ended.
        QTest::newRow("tier bounds descend")
            << "/priceTiers/dataTransferOut/tiers/1/upToGb"
            << "5000"
            << "priceTiers.dataTransferOut.tiers[1].upToGb: bounds must ascend: 5000 GB is not "
               "above the previous tier's 10240 GB";
        QTest::newRow("tier bound repeated")
            << "/priceTiers/cloudfrontOut.europe/tiers/2/upToGb"
            << "51200"
            << "priceTiers.cloudfrontOut.europe.tiers[2].upToGb: bounds must ascend: 51200 GB is "
               "not above the previous tier's 51200 GB";
        QTest::newRow("first tier bound 0") // no tier before it to be above (QA)
            << "/priceTiers/dataTransferOut/tiers/0/upToGb"
            << "0"
            << "priceTiers.dataTransferOut.tiers[0].upToGb: must be above 0 GB: the first tier's "
               "bound is where the second begins";
        QTest::newRow("tier price negative")
            << "/priceTiers/cloudfrontOut.japan/tiers/0/usdPerGb"
            << "-0.1"
            << "priceTiers.cloudfrontOut.japan.tiers[0].usdPerGb: must be from 0 to 1000 USD per "
               "GB, got -0.1";
        QTest::newRow("tier bound negative")
            << "/priceTiers/dataTransferOut/tiers/0/upToGb"
            << "-1"
            << "priceTiers.dataTransferOut.tiers[0].upToGb: must be from 0 to 1e+15 GB, "
               "got -1";
        QTest::newRow("last tier bounded")
            << "/priceTiers/dataTransferOut/tiers/3/upToGb"
            << "1e6"
            << "priceTiers.dataTransferOut.tiers[3].upToGb: the last tier has no bound: it prices "
               "every volume beyond";
        QTest::newRow("no tiers") << "/priceTiers/dataTransferOut/tiers"
                                  << "[]"
                                  << "priceTiers.dataTransferOut.tiers: must be a non-empty array "
                                     "of tiers";
        QTest::newRow("tier not an object")
            << "/priceTiers/cloudfrontOut.india/tiers/0"
            << "\"x\""
            << "priceTiers.cloudfrontOut.india.tiers[0]: must be an object {\"upToGb\", "
               "\"usdPerGb\"}, got a string";
        // The figures a service may have are the built-in file's (its sqs has these four).
        QTest::newRow("unknown figure")
            << "/services/sqs/perMilionUsd"
            << "0.4"
            << "services.sqs.perMilionUsd: unknown figure \"perMilionUsd\" (services.sqs has "
               "fifoPerMillionUsd, freeRequestsMonth, maxRps, perMillionUsd)";
        QTest::newRow("figure as text")
            << "/services/sqs/perMillionUsd"
            << "\"0.4\""
            << "services.sqs.perMillionUsd: must be a number, got a string";
    }

    // A tier table the bill reads is required; so is a bound on every tier but the last.
    void tierTablesRequired_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("table") << "/priceTiers/cloudfrontOut.southAmerica"
                               << "priceTiers.cloudfrontOut.southAmerica: missing";
        QTest::newRow("bound") << "/priceTiers/dataTransferOut/tiers/0/upToGb"
                               << "priceTiers.dataTransferOut.tiers[0].upToGb: missing (only the "
                                  "last tier is open-ended)";
        QTest::newRow("price") << "/priceTiers/dataTransferOut/tiers/2/usdPerGb"
                               << "priceTiers.dataTransferOut.tiers[2].usdPerGb: missing";
    }

    void tierTablesRequired()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, expected);
        nlohmann::json doc = builtinJson();
        const nlohmann::json::json_pointer ptr(pointer.toStdString());
        doc[ptr.parent_pointer()].erase(ptr.back());
        Issues errors;
        QVERIFY(!Catalog::parse(doc.dump(), errors).has_value());
        QCOMPARE(allIssues(errors), expected);
    }

    // The built-in tables, as aws-prices.md gives them: US data out 0.085 … 0.020 over seven
    // tiers, internet data out 0.09 … 0.05 over four.
    void builtinTiers()
    {
        const Catalog &c = Catalog::builtin();
        const TierTable &na = c.cdnTiers(CdnGeo::NorthAmerica);
        QCOMPARE(na.tiers.size(), size_t(7));
        QCOMPARE(na.tiers.front().usdPerUnit, 0.085);
        QCOMPARE(na.tiers.back().usdPerUnit, 0.020);
        QCOMPARE(na.tiers[5].upTo, 5.0 * 1024 * 1024);
        QVERIFY(std::isinf(na.tiers.back().upTo));
        const TierTable &out = c.tiers("dataTransferOut");
        QCOMPARE(out.tiers.size(), size_t(4));
        QCOMPARE(out.tiers[2].upTo, 150.0 * 1024);
        QCOMPARE(out.tiers[3].usdPerUnit, 0.05);
        QVERIFY(!out.source.empty() && !out.date.empty());
        for (CdnGeo g : allCdnGeos())
            QCOMPARE(c.cdnTiers(g).tiers.size(), size_t(7));
    }

    void outOfRangeNamesFieldAndRange()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        nlohmann::json doc = builtinJson();
        QCOMPARE(doc["instanceTypes"][0]["name"], nlohmann::json("t3.nano"));
        doc[nlohmann::json::json_pointer(pointer.toStdString())] =
            nlohmann::json::parse(value.toStdString());
        Issues errors;
        QVERIFY(!Catalog::parse(doc.dump(), errors).has_value());
        QCOMPARE(allIssues(errors), expected);
    }

    // The bounds themselves are accepted.
    void boundsAreAccepted()
    {
        nlohmann::json doc = builtinJson();
        doc["services"]["alb"]["rpsPerLcu"] = 1;
        doc["services"]["alb"]["gbPerLcuHour"] = 0.001;
        doc["services"]["s3"]["maxRps"] = 1e9;
        doc["hoursPerMonth"] = 744;
        doc["instanceTypes"][0]["hourlyUsd"] = 1000;
        doc["instanceTypes"][0]["vcpu"] = 1024;
        doc["instanceTypes"][0]["burstBaseline"] = 0.01;
        Issues errors;
        QVERIFY2(Catalog::parse(doc.dump(), errors).has_value(), qPrintable(allIssues(errors)));
    }

    // 300 broken entries: 200 listed, then one line for the rest.
    void manyProblemsAreCapped()
    {
        nlohmann::json doc = builtinJson();
        for (int i = 0; i < 300; ++i)
            doc["instanceTypes"].push_back({{"name", "bad" + std::to_string(i)},
                                            {"vcpu", 2},
                                            {"memoryGiB", 8},
                                            {"hourlyUsd", -1}});
        Issues errors;
        QVERIFY(!Catalog::parse(doc.dump(), errors).has_value());
        QCOMPARE(errors.size(), size_t(201));
        QCOMPARE(errors.back().toString(), std::string("… and 100 more problems not listed"));
    }

    // Duplicates are found by name (and name where the first one is).
    void duplicateNamesTheFirst()
    {
        nlohmann::json doc = builtinJson();
        doc["instanceTypes"].push_back(doc["instanceTypes"][3]);
        const size_t last = doc["instanceTypes"].size() - 1;
        Issues errors;
        QVERIFY(!Catalog::parse(doc.dump(), errors).has_value());
        QCOMPARE(allIssues(errors),
                 QString("instanceTypes[%1].name: duplicate instance type \"%2\" (also "
                         "instanceTypes[3])")
                     .arg(last)
                     .arg(QString::fromStdString(doc["instanceTypes"][3]["name"])));
    }

    // A copy of the built-in file with one key removed (`removed`, a JSON pointer, may be empty)
    // and one value set (`pointer` = `value`; none when empty) is refused with one line that
    // names the path and what is allowed: nothing is dropped or left at a default (QA).
    void wrongFileIsRefused_data()
    {
        QTest::addColumn<QString>("removed");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected"); // the whole message
        const QString it = "instanceTypes[0].";
        const QString t3 = " (instance type \"t3.nano\")";
        const QString typeFields = "an instance type may have name, service, vcpu, memoryGiB, "
                                   "hourlyUsd, burstBaseline, source, date, note, arch, engine, "
                                   "specSource, burstBaselineSource, assumption";
        // A misspelt key made a burstable type non-burstable without a word.
        QTest::newRow("misspelt instance field")
            << "/instanceTypes/0/burstBaseline"
            << "/instanceTypes/0/burstBaselin"
            << "0.05" << it + "burstBaselin"
            << "unknown field \"burstBaselin\"; " + typeFields + t3;
        QTest::newRow("unknown instance field") << ""
                                                << "/instanceTypes/0/bogus"
                                                << "1" << it + "bogus"
                                                << "unknown field \"bogus\"; " + typeFields + t3;
        const QString services = "must be one of ec2, rds, elasticache, got ";
        QTest::newRow("service a number") << ""
                                          << "/instanceTypes/0/service"
                                          << "5" << it + "service" << services + "5" + t3;
        QTest::newRow("service misspelt")
            << ""
            << "/instanceTypes/0/service"
            << "\"rdss\"" << it + "service" << services + "\"rdss\"" + t3;
        QTest::newRow("instance note a number") << ""
                                                << "/instanceTypes/0/note"
                                                << "5" << it + "note"
                                                << "must be text, got a number" + t3;
        QTest::newRow("instance assumption text") << ""
                                                  << "/instanceTypes/0/assumption"
                                                  << "\"yes\"" << it + "assumption"
                                                  << "must be true or false, got a string" + t3;
        QTest::newRow("unknown pricing model")
            << ""
            << "/pricingModels/gift"
            << "{\"factor\": 0}"
            << "pricingModels.gift"
            << "unknown pricing model \"gift\" (one of onDemand, reserved, spot)";
        QTest::newRow("unknown pricing model field")
            << ""
            << "/pricingModels/spot/bogus"
            << "1"
            << "pricingModels.spot.bogus"
            << "unknown field \"bogus\"; a pricing model may have factor, source, date, note, "
               "assumption";
        QTest::newRow("unknown availability")
            << ""
            << "/availability/bogus"
            << "{\"value\": 0.9}"
            << "availability.bogus"
            << "unknown availability \"bogus\" (one of alb, cloudfront, ec2Instance, ec2MultiAz, "
               "elasticacheMultiAz, elasticacheSingle, nlb, rdsMultiAz, rdsSingleAz, route53, s3, "
               "sqs)";
        QTest::newRow("unknown availability field")
            << ""
            << "/availability/alb/valeu"
            << "0.9"
            << "availability.alb.valeu"
            << "unknown field \"valeu\"; an availability may have value, singleAzValue, source, "
               "date, note";
        QTest::newRow("availability without value") << "/availability/s3/value"
                                                    << ""
                                                    << ""
                                                    << "availability.s3.value"
                                                    << "missing";
        QTest::newRow("availability number above 1") << ""
                                                     << "/availability/s3"
                                                     << "2"
                                                     << "availability.s3"
                                                     << "must be from 0 to 1, got 2";
        QTest::newRow("single-AZ availability above 1") << ""
                                                        << "/availability/alb/singleAzValue"
                                                        << "2"
                                                        << "availability.alb.singleAzValue"
                                                        << "must be from 0 to 1, got 2";
        QTest::newRow("unknown tier table")
            << ""
            << "/priceTiers/bogus"
            << "{\"title\": \"x\", \"tiers\": [{\"usdPerGb\": 0.1}]}"
            << "priceTiers.bogus"
            << "unknown tier table \"bogus\" (one of cloudfrontOut.australia, "
               "cloudfrontOut.europe, cloudfrontOut.india, cloudfrontOut.japan, "
               "cloudfrontOut.northAmerica, cloudfrontOut.southAmerica, dataTransferOut)";
        QTest::newRow("unknown tier table field")
            << ""
            << "/priceTiers/dataTransferOut/bogus"
            << "1"
            << "priceTiers.dataTransferOut.bogus"
            << "unknown field \"bogus\"; a tier table may have title, tiers, source, date, note";
        // On the last tier a misspelt bound was simply not read.
        QTest::newRow("misspelt tier field")
            << ""
            << "/priceTiers/dataTransferOut/tiers/3/upToGB"
            << "1e6"
            << "priceTiers.dataTransferOut.tiers[3].upToGB"
            << "unknown field \"upToGB\"; a tier may have upToGb, usdPerGb";
        QTest::newRow("sources a number")
            << ""
            << "/sources"
            << "5"
            << "sources"
            << "must be an object {code: {title, where, date, note}}, got a number";
        QTest::newRow("source a string")
            << ""
            << "/sources/K"
            << "\"Karpenter\""
            << "sources.K"
            << "must be an object {title, where, date, note}, got a string";
        QTest::newRow("unknown source field")
            << ""
            << "/sources/K/titel"
            << "\"x\""
            << "sources.K.titel"
            << "unknown field \"titel\"; a source may have title, where, date, note";
        QTest::newRow("priceTiers an array")
            << ""
            << "/priceTiers"
            << "[]"
            << "priceTiers"
            << "must be an object {name: {title, tiers, source, date, note}}, got an array";
        QTest::newRow("region a number")
            << ""
            << "/region"
            << "5"
            << "region"
            << "must be text (the AWS region of the prices, e.g. \"us-east-1\"), got a number";
        QTest::newRow("date an array")
            << ""
            << "/date"
            << "[1]"
            << "date"
            << "must be text (when the prices were taken, e.g. \"2026-08-21\"), got an array";
        QTest::newRow("region empty") << ""
                                      << "/region"
                                      << "\"\""
                                      << "region"
                                      << "must not be empty";
        const QString usd = "must be \"USD\": every price of a catalog is in US dollars "
                            "(hourlyUsd, usdPerGb, …) and is shown in $, got ";
        QTest::newRow("currency EUR") << ""
                                      << "/currency"
                                      << "\"EUR\""
                                      << "currency" << usd + "\"EUR\"";
        QTest::newRow("currency a number") << ""
                                           << "/currency"
                                           << "5"
                                           << "currency" << usd + "5";
        const QString version = "must be 1 (the catalog version this ScaleCanvas reads), got ";
        QTest::newRow("version missing")
            << "/catalogVersion"
            << ""
            << ""
            << "catalogVersion"
            << "missing (must be 1, the catalog version this ScaleCanvas reads)";
        QTest::newRow("version text") << ""
                                      << "/catalogVersion"
                                      << "\"x\""
                                      << "catalogVersion" << version + "\"x\"";
        QTest::newRow("version -1") << ""
                                    << "/catalogVersion"
                                    << "-1"
                                    << "catalogVersion" << version + "-1";
        QTest::newRow("version 1.5") << ""
                                     << "/catalogVersion"
                                     << "1.5"
                                     << "catalogVersion" << version + "1.5";
        QTest::newRow("version 1e300") << ""
                                       << "/catalogVersion"
                                       << "1e300"
                                       << "catalogVersion" << version + "1e+300";
        QTest::newRow("future version")
            << ""
            << "/catalogVersion"
            << "9"
            << "catalogVersion"
            << "catalog version 9 is newer than this ScaleCanvas (0.1.0) reads (1): update "
               "ScaleCanvas to use this catalog";
    }

    void wrongFileIsRefused()
    {
        QFETCH(QString, removed);
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        nlohmann::json doc = builtinJson();
        QCOMPARE(doc["instanceTypes"][0]["name"], nlohmann::json("t3.nano"));
        if (!removed.isEmpty()) {
            const nlohmann::json::json_pointer ptr(removed.toStdString());
            QVERIFY(doc.contains(ptr));
            doc[ptr.parent_pointer()].erase(ptr.back());
        }
        if (!pointer.isEmpty())
            doc[nlohmann::json::json_pointer(pointer.toStdString())] =
                nlohmann::json::parse(value.toStdString());
        Issues errors;
        QVERIFY(!Catalog::parse(doc.dump(), errors).has_value());
        QCOMPARE(errors.size(), size_t(1));
        QCOMPARE(QString::fromStdString(errors.front().path), path);
        QCOMPARE(QString::fromStdString(errors.front().message), expected);
    }

    // What the file format allows beside the figures is still accepted: the notes of every
    // section, an availability as a bare number, "USD" stated, a catalog without sources.
    void documentedExtrasAreAccepted()
    {
        nlohmann::json doc = builtinJson();
        doc["availability"]["s3"] = 0.999;
        doc["currency"] = "USD";
        doc["instanceTypes"][0].erase("service"); // ec2 by default
        doc["pricingModels"]["spot"]["assumption"] = false;
        doc["priceTiers"]["dataTransferOut"]["note"] = "a note";
        doc.erase("sources");
        Issues errors;
        const std::optional<Catalog> c = Catalog::parse(doc.dump(), errors);
        QVERIFY2(c, qPrintable(allIssues(errors)));
        QCOMPARE(c->availabilityOf("s3"), 0.999);
        QCOMPARE(c->instanceTypes[0].service, std::string("ec2"));
        QCOMPARE(c->currency, std::string("USD"));
    }

    // Every figure at the end of its range that makes costs largest, then smallest: every
    // built-in template still evaluates to finite figures (no inf, no NaN).
    void extremeCatalogsGiveFiniteFigures_data()
    {
        QTest::addColumn<bool>("high");
        QTest::newRow("dear and small") << true;
        QTest::newRow("free and large") << false;
    }

    void extremeCatalogsGiveFiniteFigures()
    {
        QFETCH(bool, high);
        nlohmann::json doc = builtinJson();
        doc["hoursPerMonth"] = high ? 744 : 672;
        for (auto &svc : doc["services"])
            for (auto it = svc.begin(); it != svc.end(); ++it) {
                if (!it->is_number())
                    continue;
                const std::string k = it.key();
                if (k == "rpsPerLcu")
                    *it = high ? 1 : 1e7;
                else if (k == "gbPerLcuHour")
                    *it = high ? 0.001 : 1e6;
                else if (k == "multiAzFactor")
                    *it = high ? 10 : 1;
                else if (endsWith(k, "maxRps"))
                    *it = high ? 1 : 1e9;
                else if (endsWith(k, "Usd"))
                    *it = high ? 1000 : 0;
                else if (endsWith(k, "Ms"))
                    *it = high ? 60000 : 0;
            }
        for (auto &t : doc["instanceTypes"]) {
            t["hourlyUsd"] = high ? 1000 : 0;
            t["vcpu"] = high ? 1 : 1024;
            if (t.contains("burstBaseline"))
                t["burstBaseline"] = high ? 0.01 : 1;
        }
        for (auto &m : doc["pricingModels"])
            m["factor"] = high ? 10 : 0;
        Issues errors;
        const std::optional<Catalog> cat = Catalog::parse(doc.dump(), errors);
        QVERIFY2(cat, qPrintable(allIssues(errors)));
        for (const TemplateInfo &t : builtinTemplates()) {
            const LoadResult r = loadDesign(t.json);
            QVERIFY(r.design);
            const Model model(*r.design, *cat);
            QVERIFY2(model.errors().empty(), t.name.c_str());
            for (double users : {1.0, 1e6, 1e9}) {
                const Evaluation ev = model.evaluate(users);
                const QString where =
                    QString("%1 at %2 users").arg(QString::fromStdString(t.name)).arg(users);
                QVERIFY2(std::isfinite(ev.monthlyCostUsd), qPrintable(where));
                QVERIFY2(std::isfinite(ev.costPerUserUsd), qPrintable(where));
                QVERIFY2(!ev.maxUsers || std::isfinite(*ev.maxUsers), qPrintable(where));
                for (const ComponentResult &c : ev.components) {
                    QVERIFY2(std::isfinite(c.monthlyCostUsd), qPrintable(where));
                    QVERIFY2(std::isfinite(c.utilization), qPrintable(where));
                    QVERIFY2(std::isfinite(c.capacityRps), qPrintable(where));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
