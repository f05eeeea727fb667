// The price catalog: the built-in one carries the figures of shared/reference/aws-prices.md
// (copied into the rows below from that page, not from resources/catalog.json), and a catalog
// file with a problem is refused with the JSON path of the problem.
#include "core/catalog/catalog.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace sc;

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
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
