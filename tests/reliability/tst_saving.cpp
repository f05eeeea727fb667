// Saving never loses the file on disk: a saver killed by SIGKILL at random points leaves the
// old or the new version, byte for byte; failing saves (the folder is not writable, the disk is
// full) give a clear error, leave the original untouched and keep the document modified; a file
// from a newer version is refused with "made by version X" and changes nothing.
#include "ui/commands/changecommands.h"
#include "ui/document.h"

#include "core/io/format.h"
#include "core/io/templates.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

std::string templateBytes(const char *name)
{
    const sc::TemplateInfo *t = sc::findTemplate(name);
    return t ? sc::saveDesign(*sc::loadDesign(t->json).design) : std::string();
}

QStringList leftovers(const QString &dir, const QString &name)
{
    return QDir(dir).entryList({name + QStringLiteral(".tmp-*")}, QDir::Files);
}

// Loads a template into a document and makes one edit, so the document is modified.
void prepareModified(scui::Document &doc)
{
    QVERIFY(doc.loadBytes(templateBytes("stage4-1m")).isEmpty());
    doc.undoStack()->push(new scui::ChangeTraffic(&doc, "users", 123456));
    QVERIFY(doc.isModified());
}

} // namespace

class TestSaving : public QObject
{
    Q_OBJECT

private slots:
    void killedSaverLeavesOldOrNew();
    void unwritableFolderAsNonRoot();
    void parentIsAFile();
    void diskFull();
    void newerFormatIsRefusedAndNothingChanges();
};

void TestSaving::killedSaverLeavesOldOrNew()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // Two designs of different sizes (the big one makes a kill during the write likely).
    const QByteArray a = QByteArray::fromStdString(templateBytes("stage5-10m"));
    const QByteArray b = QByteArray::fromStdString(templateBytes("case-tiny-blog"));
    QVERIFY(!a.isEmpty() && !b.isEmpty() && a != b);
    QVERIFY(writeAll(tmp.filePath("a.scalecanvas"), a));
    QVERIFY(writeAll(tmp.filePath("b.scalecanvas"), b));
    const QString target = tmp.filePath("design.scalecanvas");
    QVERIFY(writeAll(target, a));

    QRandomGenerator rng(6);
    int sawA = 0, sawB = 0, midWrite = 0;
    for (int round = 0; round < 200; ++round) {
        QProcess saver;
        saver.start(QStringLiteral(SC_SAVER_BIN),
                    {target, tmp.filePath("a.scalecanvas"), tmp.filePath("b.scalecanvas")});
        QVERIFY(saver.waitForStarted());
        QVERIFY2(saver.waitForReadyRead(10000), saver.readAllStandardError().constData());
        QThread::usleep(rng.bounded(8000)); // a random point among the next saves
        saver.kill();                       // SIGKILL
        QVERIFY(saver.waitForFinished(10000));
        QCOMPARE(saver.exitStatus(), QProcess::CrashExit);
        const QByteArray now = readAll(target);
        QVERIFY2(now == a || now == b,
                 qPrintable(QString("round %1: the file is neither version (%2 bytes)")
                                .arg(round)
                                .arg(now.size())));
        (now == a ? sawA : sawB)++;
        // A temporary file left behind means the kill hit a save before its rename.
        for (const QString &t : leftovers(tmp.path(), QStringLiteral("design.scalecanvas"))) {
            ++midWrite;
            QFile::remove(tmp.filePath(t));
        }
    }
    qInfo("200 kills: %d left the first design, %d the second, %d interrupted a save before its "
          "rename (a temporary file was left, the target was intact)",
          sawA, sawB, midWrite);
    QVERIFY(sawA > 0 && sawB > 0);
}

void TestSaving::unwritableFolderAsNonRoot()
{
    if (::geteuid() == 0)
        QSKIP("running as root: permissions do not stop root; parentIsAFile and diskFull cover "
              "failing saves instead");
    QTemporaryDir tmp;
    const QString path = tmp.filePath("design.scalecanvas");
    QVERIFY(writeAll(path, "original"));
    QVERIFY(::chmod(QFile::encodeName(tmp.path()).constData(), 0555) == 0);
    scui::Document doc;
    prepareModified(doc);
    const QString err = doc.save(path);
    ::chmod(QFile::encodeName(tmp.path()).constData(), 0755);
    QVERIFY2(err.contains("cannot write") && err.contains("Permission denied"), qPrintable(err));
    QCOMPARE(readAll(path), QByteArray("original"));
    QVERIFY(doc.isModified());
}

// Works as root too: the folder of the target is a regular file (ENOTDIR).
void TestSaving::parentIsAFile()
{
    QTemporaryDir tmp;
    QVERIFY(writeAll(tmp.filePath("notafolder"), "x"));
    scui::Document doc;
    prepareModified(doc);
    const QString before = doc.filePath();
    const QString err = doc.save(tmp.filePath("notafolder/design.scalecanvas"));
    QVERIFY2(err.contains("cannot write") && err.contains("Not a directory"), qPrintable(err));
    QVERIFY(doc.isModified());
    QCOMPARE(doc.filePath(), before);
    QCOMPARE(readAll(tmp.filePath("notafolder")), QByteArray("x"));
}

// A full disk, simulated with RLIMIT_FSIZE (as root too): the write of the temporary file
// fails with EFBIG part-way, as ENOSPC would.
void TestSaving::diskFull()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath("design.scalecanvas");
    scui::Document doc;
    prepareModified(doc);
    QVERIFY(doc.save(path).isEmpty());
    const QByteArray original = readAll(path);
    QVERIFY(original.size() > 4096);
    doc.undoStack()->push(new scui::ChangeTraffic(&doc, "users", 777));
    QVERIFY(doc.isModified());

    struct rlimit old {
    };
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old;
    small.rlim_cur = 4096;
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const QString err = doc.save(path);
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY2(err.contains("cannot write") && err.contains("File too large"), qPrintable(err));
    QCOMPARE(readAll(path), original);
    QVERIFY(doc.isModified());
    QVERIFY2(leftovers(tmp.path(), "design.scalecanvas").isEmpty(), "a temporary file was left");
    // And once there is room again, the save goes through and the document is clean.
    QVERIFY(doc.save(path).isEmpty());
    QVERIFY(!doc.isModified());
    QCOMPARE(readAll(path).toStdString(), doc.serialized());
}

void TestSaving::newerFormatIsRefusedAndNothingChanges()
{
    QTemporaryDir tmp;
    const QString mine = tmp.filePath("mine.scalecanvas");
    scui::Document doc;
    prepareModified(doc);
    QVERIFY(doc.save(mine).isEmpty());
    doc.undoStack()->push(new scui::ChangeTraffic(&doc, "users", 4242));
    const std::string before = doc.serialized();
    const QByteArray onDisk = readAll(mine);

    std::string newer = templateBytes("stage2-10k");
    newer.replace(newer.find("\"formatVersion\": 1"), 18, "\"formatVersion\": 7");
    newer.replace(newer.find("\"appVersion\": \"0.1.0\""), 21, "\"appVersion\": \"3.2.1\"");
    const QString newerPath = tmp.filePath("newer.scalecanvas");
    QVERIFY(writeAll(newerPath, QByteArray::fromStdString(newer)));

    const QString err = doc.load(newerPath);
    QVERIFY2(err.contains("made by version 3.2.1"), qPrintable(err));
    QVERIFY2(err.contains("formatVersion"), qPrintable(err));
    // The open document, its file and the newer file are all as they were.
    QCOMPARE(doc.serialized(), before);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.filePath(), mine);
    QCOMPARE(readAll(mine), onDisk);
    QCOMPARE(readAll(newerPath).toStdString(), newer);
}

QTEST_MAIN(TestSaving)
#include "tst_saving.moc"
