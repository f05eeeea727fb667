// The Document owns the price catalog: a catalog file (as the CLI's --catalog) changes every
// figure once, a broken one changes nothing, and the window, inspector and charts follow.

#include "core/analysis/limits.h"
#include "core/catalog/catalog.h"
#include "core/io/templates.h"
#include "ui/charts/growthcharts.h"
#include "ui/document.h"
#include "ui/inspector/inspector.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/numberformat.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <functional>

using scui::Document;

namespace {

bool close(double a, double b, double rel = 1e-12)
{
    return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), 1e-300});
}

// Lines of the bill by component and category (the instance line is the Compute one).
double lineUsd(const sc::Evaluation &ev, const std::string &id, sc::CostCategory category)
{
    double usd = 0;
    for (const sc::CostItem &c : ev.costItems)
        if (c.componentId == id && c.category == category)
            usd += c.monthlyUsd;
    return usd;
}

} // namespace

class tst_Prices : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void customCatalogChangesTheFigures();
    void brokenCatalogChangesNothing_data();
    void brokenCatalogChangesNothing();
    void windowInspectorAndChartsFollow();
    void creditModeOnlyForBurstableTypes();
    void severalSelectedShowWhatAppliesToThem();
    void availabilityNeverReadsHundred();

private:
    // The built-in catalog with `edit` applied, written into the temporary folder.
    QString writeCatalog(const QString &name, const std::function<void(QJsonObject &)> &edit);
    // Every instance type at twice its hourly price, another region and date.
    QString doubledCatalog();

    QTemporaryDir m_dir;
    QByteArray m_builtinJson;
};

void tst_Prices::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvasTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_prices"));
    QVERIFY(m_dir.isValid());
    QFile f(QFINDTESTDATA("../../resources/catalog.json"));
    QVERIFY2(f.open(QIODevice::ReadOnly), "resources/catalog.json");
    m_builtinJson = f.readAll();
}

QString tst_Prices::writeCatalog(const QString &name,
                                 const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = QJsonDocument::fromJson(m_builtinJson).object();
    edit(root);
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QJsonDocument(root).toJson());
    return path;
}

QString tst_Prices::doubledCatalog()
{
    return writeCatalog("doubled.json", [](QJsonObject &root) {
        root["region"] = "eu-test-1";
        root["date"] = "2030-01-01";
        QJsonArray types = root["instanceTypes"].toArray();
        for (QJsonValueRef t : types) {
            QJsonObject o = t.toObject();
            o["hourlyUsd"] = o["hourlyUsd"].toDouble() * 2;
            t = o;
        }
        root["instanceTypes"] = types;
    });
}

void tst_Prices::customCatalogChangesTheFigures()
{
    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage4-1m")->json), QString());
    QVERIFY(doc.catalogPath().isEmpty());
    QCOMPARE(&doc.catalog(), &sc::Catalog::builtin());
    QCOMPARE(&doc.model()->catalog(), &doc.catalog());
    const std::string design = doc.serialized();
    const sc::Evaluation before = doc.evaluation();

    QSignalSpy catalogChanged(&doc, &Document::catalogChanged);
    QSignalSpy evaluated(&doc, &Document::evaluated);
    QSignalSpy changed(&doc, &Document::changed);
    const QString path = doubledCatalog();
    QCOMPARE(doc.loadCatalog(path), QString());
    QCOMPARE(catalogChanged.count(), 1);
    QCOMPARE(evaluated.count(), 1);
    QCOMPARE(changed.count(), 0); // the design did not change
    QCOMPARE(doc.catalogPath(), path);
    QCOMPARE(doc.catalog().date, std::string("2030-01-01"));
    QCOMPARE(&doc.model()->catalog(), &doc.catalog());

    // Instance lines double (2 × hourly × 730 h × factor), storage stays; capacity does not move.
    const sc::Evaluation &after = doc.evaluation();
    for (const char *id : {"app", "db", "workers", "replicas"}) {
        QVERIFY(close(lineUsd(after, id, sc::CostCategory::Compute),
                      2 * lineUsd(before, id, sc::CostCategory::Compute)));
        QCOMPARE(lineUsd(after, id, sc::CostCategory::Storage),
                 lineUsd(before, id, sc::CostCategory::Storage));
    }
    QVERIFY(after.monthlyCostUsd > before.monthlyCostUsd * 1.2);
    QCOMPARE(after.maxUsers, before.maxUsers);

    // Not a document edit: no undo step, not modified, the design bytes are the same.
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.serialized(), design);

    doc.useBuiltinCatalog();
    QCOMPARE(catalogChanged.count(), 2);
    QVERIFY(doc.catalogPath().isEmpty());
    QCOMPARE(doc.evaluation().monthlyCostUsd, before.monthlyCostUsd);
    doc.useBuiltinCatalog(); // already built-in: nothing happens
    QCOMPARE(catalogChanged.count(), 2);
}

void tst_Prices::brokenCatalogChangesNothing_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("problem"); // part of the message that names it
    // clang-format off
    QTest::newRow("missing file") << "no-such-file.json" << "no-such-file.json";
    QTest::newRow("not JSON") << "#garbage" << "";
    QTest::newRow("a design, not a catalog") << "#design" << "not a price catalog";
    QTest::newRow("negative price") << "#negative" << "instanceTypes[0].hourlyUsd";
    QTest::newRow("missing figure") << "#noalb" << "services.alb.hourlyUsd: missing";
    // clang-format on
}

void tst_Prices::brokenCatalogChangesNothing()
{
    QFETCH(QString, file);
    QFETCH(QString, problem);
    QString path = m_dir.filePath(file);
    if (file == "#garbage" || file == "#design") {
        path = m_dir.filePath(file.mid(1) + ".json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(file == "#garbage" ? QByteArray("{\"format\": \"scalecanvas-catalog\", ")
                                   : QByteArray(sc::findTemplate("stage1-1k")->json.c_str()));
    } else if (file == "#negative") {
        path = writeCatalog("negative.json", [](QJsonObject &root) {
            QJsonArray types = root["instanceTypes"].toArray();
            QJsonObject t = types[0].toObject();
            t["hourlyUsd"] = -1;
            types[0] = t;
            root["instanceTypes"] = types;
        });
    } else if (file == "#noalb") {
        path = writeCatalog("noalb.json", [](QJsonObject &root) {
            QJsonObject services = root["services"].toObject();
            QJsonObject alb = services["alb"].toObject();
            alb.remove("hourlyUsd");
            services["alb"] = alb;
            root["services"] = services;
        });
    }

    Document doc;
    QCOMPARE(doc.loadBytes(sc::findTemplate("stage4-1m")->json), QString());
    // From the built-in prices and from a custom catalog alike.
    for (const bool custom : {false, true}) {
        if (custom)
            QCOMPARE(doc.loadCatalog(doubledCatalog()), QString());
        const QString pathBefore = doc.catalogPath();
        const sc::Catalog *catalogBefore = &doc.catalog();
        const sc::Model *modelBefore = doc.model();
        const double cost = doc.evaluation().monthlyCostUsd;
        QSignalSpy catalogChanged(&doc, &Document::catalogChanged);
        QSignalSpy evaluated(&doc, &Document::evaluated);
        const QString error = doc.loadCatalog(path);
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(problem, Qt::CaseInsensitive), qPrintable(error));
        QCOMPARE(catalogChanged.count(), 0);
        QCOMPARE(evaluated.count(), 0);
        QCOMPARE(doc.catalogPath(), pathBefore);
        QCOMPARE(&doc.catalog(), catalogBefore);
        QCOMPARE(doc.model(), modelBefore); // not even rebuilt
        QCOMPARE(doc.evaluation().monthlyCostUsd, cost);
    }
}

void tst_Prices::windowInspectorAndChartsFollow()
{
    scui::MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage4-1m")));
    const sc::Catalog &builtin = sc::Catalog::builtin();
    QVERIFY(w.statusText().contains(
        QStringLiteral("Prices %1 %2")
            .arg(QString::fromStdString(builtin.region), QString::fromStdString(builtin.date))));
    auto *charts = w.findChild<scui::GrowthCharts *>();
    QVERIFY(charts);
    charts->flush();
    const double sweptBefore = charts->sweep().points.back().monthlyCostUsd;
    w.inspector()->setSelection({QStringLiteral("app")});
    auto *combo = qobject_cast<QComboBox *>(w.inspector()->editor(QStringLiteral("instanceType")));
    QVERIFY(combo);
    const QString labelBefore = combo->currentText();
    QAction *builtinAction = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text().remove('&') == QLatin1String("Use Built-in Prices"))
            builtinAction = a;
    QVERIFY(builtinAction);
    QVERIFY(!builtinAction->isEnabled());

    const QString path = doubledCatalog();
    QCOMPARE(w.loadCatalogFile(path), QString());
    QVERIFY2(w.statusText().contains(QStringLiteral("Prices eu-test-1 2030-01-01 (doubled.json)")),
             qPrintable(w.statusText()));
    QVERIFY(builtinAction->isEnabled());
    // The charts sweep again with the new prices: the same as the model's own sweep.
    charts->flush();
    const sc::Sweep fresh =
        w.document()->model()->sweep(sc::kMinUsers, sc::kMaxUsers, sc::kSweepPoints);
    QCOMPARE(charts->sweep().points.back().monthlyCostUsd, fresh.points.back().monthlyCostUsd);
    QVERIFY(charts->sweep().points.back().monthlyCostUsd > sweptBefore);
    const auto cost = charts->chart(scui::GrowthCharts::ChartKind::Cost)->graph(0)->data();
    QCOMPARE(cost->at(cost->size() - 1)->value, fresh.points.back().monthlyCostUsd);
    // The inspector lists the catalog's instance types at its prices (the page is rebuilt).
    combo = qobject_cast<QComboBox *>(w.inspector()->editor(QStringLiteral("instanceType")));
    QVERIFY(combo);
    QVERIFY(combo->currentText() != labelBefore);
    QVERIFY(combo->currentText().startsWith(QStringLiteral("c5.xlarge")));

    // A broken file: an error that names the problem, and the window shows the same prices.
    const QString status = w.statusText();
    const QString error = w.loadCatalogFile(m_dir.filePath("missing.json"));
    QVERIFY(!error.isEmpty());
    QCOMPARE(w.statusText(), status);

    builtinAction->trigger();
    QVERIFY(w.statusText().contains(
        QStringLiteral("Prices %1").arg(QString::fromStdString(builtin.region))));
    QVERIFY(!builtinAction->isEnabled());
    charts->flush();
    QCOMPARE(charts->sweep().points.back().monthlyCostUsd, sweptBefore);
}

// The credit mode of CPU credits is a parameter of burstable (t3) types only: an m5.2xlarge tier
// shows no such row; switching it to t3.large brings the row.
void tst_Prices::creditModeOnlyForBurstableTypes()
{
    scui::MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("case-1m-unoptimized")));
    w.inspector()->setSelection({QStringLiteral("app")});
    QWidget *credit = w.inspector()->editor(QStringLiteral("creditMode"));
    QVERIFY(credit);
    QVERIFY(credit->isHidden());
    auto *combo = qobject_cast<QComboBox *>(w.inspector()->editor(QStringLiteral("instanceType")));
    QVERIFY(combo);
    const int t3 = combo->findData(QStringLiteral("t3.large"));
    QVERIFY(t3 >= 0);
    combo->setCurrentIndex(t3);
    emit combo->activated(t3);
    QTRY_VERIFY(w.inspector()->editor(QStringLiteral("creditMode")) &&
                !w.inspector()->editor(QStringLiteral("creditMode"))->isHidden());
}

// Several selected: the page leaves out what applies to none of them, as for one (QA: two
// c5.xlarge app tiers showed "Credit mode", two auto-scaled ones "Instances 2"). Stage 5's two
// app tiers are c5.xlarge, both auto-scaled; given t3.large together, the credits show.
void tst_Prices::severalSelectedShowWhatAppliesToThem()
{
    scui::MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("stage5-10m")));
    const QStringList apps{QStringLiteral("app"), QStringLiteral("westApp")};
    for (const QString &id : apps) {
        const sc::Component *c = w.document()->component(id);
        QVERIFY2(c && c->kind == sc::Kind::AppServer && c->autoscale &&
                     c->text("instanceType") == "c5.xlarge",
                 qPrintable(id));
    }
    w.inspector()->setSelection(apps);
    QWidget *credit = w.inspector()->editor(QStringLiteral("creditMode"));
    QWidget *count = w.inspector()->editor(QStringLiteral("instances"));
    QWidget *type = w.inspector()->editor(QStringLiteral("instanceType"));
    QVERIFY(credit && count && type);
    QVERIFY(credit->isHidden());
    QVERIFY(count->isHidden());
    QVERIFY(!type->isHidden());
    auto *combo = qobject_cast<QComboBox *>(type);
    QVERIFY(combo);
    const int t3 = combo->findData(QStringLiteral("t3.large"));
    QVERIFY(t3 >= 0);
    combo->setCurrentIndex(t3);
    emit combo->activated(t3);
    QTRY_VERIFY(w.inspector()->editor(QStringLiteral("creditMode")) &&
                !w.inspector()->editor(QStringLiteral("creditMode"))->isHidden());
    for (const QString &id : apps)
        QCOMPARE(w.document()->component(id)->text("instanceType"), std::string("t3.large"));
}

// A tier of 16 instances comes out of the model as exactly 1 (1 − qⁿ below a double's last
// bit); the inspector and the formatter never say 100%, but what the last digit can say.
void tst_Prices::availabilityNeverReadsHundred()
{
    QCOMPARE(scui::formatAvailability(0.995), QStringLiteral("99.50%"));
    QCOMPARE(scui::formatAvailability(0.99999), QStringLiteral("99.999%"));
    QCOMPARE(scui::formatAvailability(1.0), QStringLiteral("\u2265 99.999999%"));
    QCOMPARE(scui::formatAvailability(1 - 1e-12), QStringLiteral("\u2265 99.999999%"));
    scui::MainWindow w;
    QVERIFY(w.openTemplate(QStringLiteral("case-1m-unoptimized")));
    QCOMPARE(w.document()->result(QStringLiteral("app"))->availability, 1.0);
    w.inspector()->setSelection({QStringLiteral("app")});
    auto *figures = w.inspector()->findChild<QLabel *>(QStringLiteral("inspectorFigures"));
    QVERIFY(figures);
    QVERIFY2(!figures->text().contains(QStringLiteral("100.00%")), qPrintable(figures->text()));
    QVERIFY2(figures->text().contains(QStringLiteral("\u2265 99.999999%")),
             qPrintable(figures->text()));
}

QTEST_MAIN(tst_Prices)
#include "tst_prices.moc"
