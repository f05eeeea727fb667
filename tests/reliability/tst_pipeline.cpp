// Replays the fuzz pipeline (tests/fuzz/pipeline.h) without sanitizers on every input the
// fuzzer once failed on (tests/data/fuzz-regressions), the golden v1 files, the templates and
// the hostile corpus: load → save → reload → equal → save byte-identical → model → evaluate →
// sweep, with no NaN or infinity in any figure.
#include "tests/fuzz/pipeline.h"

#include "core/io/templates.h"

#include <QDir>
#include <QFile>
#include <QTest>

class TestPipeline : public QObject
{
    Q_OBJECT

private slots:
    void replay_data();
    void replay();
    void goldenV1StaysReadable();
};

static std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

void TestPipeline::replay_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("expect"); // 0: any, 1: must load
    const QString data = QStringLiteral(SC_TEST_DATA);
    for (const QString &dir : {QStringLiteral("fuzz-regressions"), QStringLiteral("invalid"),
                               QStringLiteral("golden")}) {
        const QDir d(data + '/' + dir);
        // Fuzz regressions are any bytes; the other folders hold other files too.
        const QStringList filter =
            dir == "fuzz-regressions" ? QStringList() : QStringList{"*.scalecanvas"};
        for (const QString &f : d.entryList(filter, QDir::Files, QDir::Name)) {
            QTest::newRow(qPrintable(dir + '/' + f)) << d.filePath(f) << (dir == "golden" ? 1 : 0);
        }
    }
    const QDir t(QStringLiteral(SC_TEMPLATES));
    for (const QString &f : t.entryList({QStringLiteral("*.scalecanvas")}, QDir::Files))
        QTest::newRow(qPrintable("templates/" + f)) << t.filePath(f) << 1;
}

void TestPipeline::replay()
{
    QFETCH(QString, file);
    QFETCH(int, expect);
    const std::string bytes = readAll(file);
    QVERIFY(QFile::exists(file));
    const sc::reliability::PipelineResult r = sc::reliability::runPipeline(bytes, 200);
    QVERIFY2(r.failure.empty(), r.failure.c_str());
    if (expect == 1)
        QVERIFY(r.loaded && r.modelOk);
}

void TestPipeline::goldenV1StaysReadable()
{
    // A v1 file written by 0.1.0 loads and saves to the recorded bytes: a format change that
    // forgets to migrate v1 breaks this.
    const QString dir = QStringLiteral(SC_TEST_DATA) + QStringLiteral("/golden/");
    const sc::LoadResult r = sc::loadDesign(readAll(dir + "v1-minimal.scalecanvas"));
    QVERIFY(r.design);
    QCOMPARE(r.fileFormatVersion, 1);
    QCOMPARE(sc::saveDesign(*r.design), readAll(dir + "v1-minimal.saved.scalecanvas"));
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
