// Saving never loses the file on disk: a saver killed by SIGKILL at random points leaves the
// old or the new version, byte for byte; failing saves (the folder is not writable, the disk is
// full) give a clear error, leave the original untouched and keep the document modified; a file
// from a newer version is refused with "made by version X" and changes nothing; a version-1
// file opens and saves as version 2 with the default objective. A save keeps
// the file's permission mode, writes through a symbolic link to its target, removes the
// temporaries a killed save left, and leaves the original intact when fsync fails.
#include "ui/commands/changecommands.h"
#include "ui/document.h"

#include "core/io/fileio.h"
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
#include <sys/time.h>
#include <sys/wait.h>
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

mode_t modeOf(const QString &path)
{
    struct stat st {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

// The pid of a child that has exited and been reaped: no process has it (until reused).
pid_t deadPid()
{
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

} // namespace

class TestSaving : public QObject
{
    Q_OBJECT

private slots:
    void killedSaverLeavesOldOrNew();
    void unwritableFolderAsNonRoot();
    void parentIsAFile();
    void writeProtectedFileIsKept();
    void diskFull();
    void newerFormatIsRefusedAndNothingChanges();
    void versionOneSavesAsVersionTwo();
    void modeIsKept();
    void newFileGetsTheUmaskMode();
    void symlinkIsKeptAndItsTargetWritten();
    void staleTemporariesAreRemoved();
    void fsyncFailureLeavesTheOriginal();
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
        midWrite += int(!leftovers(tmp.path(), QStringLiteral("design.scalecanvas")).isEmpty());
    }
    qInfo("200 kills: %d left the first design, %d the second, %d interrupted a save before its "
          "rename (a temporary file was left, the target was intact)",
          sawA, sawB, midWrite);
    QVERIFY(sawA > 0 && sawB > 0);
    // The next save removes what the killed ones left (their writers are gone).
    QVERIFY(sc::writeFileAtomic(target.toStdString(), b.toStdString()).empty());
    QCOMPARE(leftovers(tmp.path(), QStringLiteral("design.scalecanvas")), QStringList());
    QCOMPARE(readAll(target), b);
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

// A write-protected file (0444) in a folder anyone may write is not replaced: the rename would
// replace it, but what its owner protected stays (QA: export replaced it without a word). As
// root, which writes any file, the save runs in a child as the user nobody.
void TestSaving::writeProtectedFileIsKept()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath("protected.svg");
    QVERIFY(writeAll(path, "original"));
    QVERIFY(::chmod(QFile::encodeName(tmp.path()).constData(), 0777) == 0);
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0444) == 0);
    const std::string target = path.toStdString();
    const auto refused = [&target] {
        const std::string err = sc::writeFileAtomic(target, "replaced");
        return err.find("cannot write") != std::string::npos &&
               err.find("Permission denied") != std::string::npos;
    };
    if (::geteuid() == 0) {
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            constexpr uid_t kNobody = 65534;
            if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
                ::_exit(3);
            ::_exit(refused() ? 0 : 1);
        }
        int status = 0;
        QVERIFY(::waitpid(child, &status, 0) == child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    } else {
        QVERIFY(refused());
    }
    QCOMPARE(readAll(path), QByteArray("original"));
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList{"protected.svg"});
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
    // Saved bytes are of the current format, 2; format 7 is newer than this build reads.
    newer.replace(newer.find("\"formatVersion\": 2"), 18, "\"formatVersion\": 7");
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

// The golden version-1 file through the editor: it opens unmodified (migrating is not an
// edit), holds the default objective, and Save writes format 2 with the "slo" block, which
// opens again to the same design and saves to the same bytes.
void TestSaving::versionOneSavesAsVersionTwo()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath("old.scalecanvas");
    const QByteArray v1 = readAll(QStringLiteral(SC_TEST_DATA "/golden/v1-minimal.scalecanvas"));
    QVERIFY(v1.contains("\"formatVersion\": 1,"));
    QVERIFY(!v1.contains("\"slo\""));
    QVERIFY(writeAll(path, v1));

    scui::Document doc;
    QVERIFY(doc.load(path).isEmpty());
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.design().slo.p99Ms, 500.0);
    QCOMPARE(doc.design().slo.availability, 0.999);
    QVERIFY(!doc.design().slo.monthlyBudgetUsd);
    QCOMPARE(readAll(path), v1); // opening rewrites nothing

    QVERIFY(doc.save(path).isEmpty());
    const QByteArray saved = readAll(path);
    QVERIFY2(saved.contains("\n  \"formatVersion\": 2,\n"), saved.left(200).constData());
    QVERIFY2(saved.contains("\n  \"slo\": {\n    \"p99Ms\": 500.0,\n    \"availability\": 0.999\n"
                            "  },\n  \"design\": {"),
             saved.left(300).constData());
    QVERIFY(!saved.contains("monthlyBudgetUsd"));

    scui::Document again;
    QVERIFY(again.load(path).isEmpty());
    QVERIFY(again.design() == doc.design());
    QVERIFY(again.save(path).isEmpty());
    QCOMPARE(readAll(path), saved);
}

// A private design (0600) stays private after a save, through the document as through the CLI's
// writer; so does an unusual mode such as 0640.
void TestSaving::modeIsKept()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath("private.scalecanvas");
    QVERIFY(writeAll(path, "original"));
    for (mode_t mode : {mode_t(0600), mode_t(0640), mode_t(0604)}) {
        QVERIFY(::chmod(QFile::encodeName(path).constData(), mode) == 0);
        scui::Document doc;
        prepareModified(doc);
        QVERIFY(doc.save(path).isEmpty());
        QCOMPARE(modeOf(path), mode);
        QCOMPARE(readAll(path).toStdString(), doc.serialized());
        QVERIFY(sc::writeFileAtomic(path.toStdString(), "again").empty());
        QCOMPARE(modeOf(path), mode);
    }
}

// A file that did not exist gets 0666 less the umask, as any program's new file.
void TestSaving::newFileGetsTheUmaskMode()
{
    QTemporaryDir tmp;
    const mode_t old = ::umask(077);
    const bool privateOk = sc::writeFileAtomic(tmp.filePath("a").toStdString(), "x").empty();
    ::umask(022);
    const bool usualOk = sc::writeFileAtomic(tmp.filePath("b").toStdString(), "x").empty();
    ::umask(old);
    QVERIFY(privateOk && usualOk);
    QCOMPARE(modeOf(tmp.filePath("a")), mode_t(0600));
    QCOMPARE(modeOf(tmp.filePath("b")), mode_t(0644));
}

// Saving through a link (relative, absolute, a chain of two, into another folder) replaces the
// file at the end of the chain; every link stays a link with the same text.
void TestSaving::symlinkIsKeptAndItsTargetWritten()
{
    QTemporaryDir tmp;
    QVERIFY(QDir(tmp.path()).mkdir("real"));
    const QString real = tmp.filePath("real/design.scalecanvas");
    QVERIFY(writeAll(real, "original"));
    QVERIFY(::chmod(QFile::encodeName(real).constData(), 0600) == 0);
    const QString rel = tmp.filePath("rel.scalecanvas"), abs = tmp.filePath("abs.scalecanvas"),
                  chain = tmp.filePath("chain.scalecanvas");
    QVERIFY(::symlink("real/design.scalecanvas", QFile::encodeName(rel).constData()) == 0);
    QVERIFY(::symlink(QFile::encodeName(real).constData(), QFile::encodeName(abs).constData()) ==
            0);
    QVERIFY(::symlink("rel.scalecanvas", QFile::encodeName(chain).constData()) == 0);
    int round = 0;
    for (const QString &link : {rel, abs, chain}) {
        const QString linkText = QFile::symLinkTarget(link);
        scui::Document doc;
        prepareModified(doc);
        doc.undoStack()->push(new scui::ChangeTraffic(&doc, "users", 1000 + ++round));
        QVERIFY(doc.save(link).isEmpty());
        QVERIFY2(QFileInfo(link).isSymLink(), qPrintable(link + " is no longer a link"));
        QCOMPARE(QFile::symLinkTarget(link), linkText);
        QCOMPARE(readAll(real).toStdString(), doc.serialized());
        QCOMPARE(modeOf(real), mode_t(0600));
        QCOMPARE(leftovers(tmp.filePath("real"), "design.scalecanvas"), QStringList());
    }
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::System).size(), 3); // the links
    // A dangling link: the save creates the file it points to.
    const QString dangling = tmp.filePath("dangling.scalecanvas");
    QVERIFY(::symlink("real/new.scalecanvas", QFile::encodeName(dangling).constData()) == 0);
    QVERIFY(sc::writeFileAtomic(dangling.toStdString(), "new").empty());
    QVERIFY(QFileInfo(dangling).isSymLink());
    QCOMPARE(readAll(tmp.filePath("real/new.scalecanvas")), QByteArray("new"));
    // A loop of links is refused, nothing written.
    const QString loopA = tmp.filePath("loopA"), loopB = tmp.filePath("loopB");
    QVERIFY(::symlink("loopB", QFile::encodeName(loopA).constData()) == 0);
    QVERIFY(::symlink("loopA", QFile::encodeName(loopB).constData()) == 0);
    const std::string err = sc::writeFileAtomic(loopA.toStdString(), "x");
    QVERIFY2(err.find("symbolic links") != std::string::npos, err.c_str());
    QVERIFY(QFileInfo(loopA).isSymLink() && QFileInfo(loopB).isSymLink());
}

// "<name>.tmp-<pid>" of a writer that is gone is removed by the next save of that file, as is
// one over an hour old whose pid now belongs to a live process; a live writer's fresh one and
// other files' temporaries stay.
void TestSaving::staleTemporariesAreRemoved()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath("design.scalecanvas");
    QVERIFY(writeAll(path, "original"));
    const QString dead = path + ".tmp-" + QString::number(deadPid());
    const QString liveFresh = path + ".tmp-1"; // pid 1 is always alive
    const QString liveOld = path + ".tmp-" + QString::number(::getppid());
    const QString otherFile = tmp.filePath("other.scalecanvas.tmp-") + QString::number(deadPid());
    const QString notOurs = path + ".tmp-backup";
    for (const QString &f : {dead, liveFresh, liveOld, otherFile, notOurs})
        QVERIFY(writeAll(f, "half a save"));
    const struct timeval twoHoursAgo[2] = {{::time(nullptr) - 7200, 0},
                                           {::time(nullptr) - 7200, 0}};
    QVERIFY(::utimes(QFile::encodeName(liveOld).constData(), twoHoursAgo) == 0);

    QVERIFY(sc::writeFileAtomic(path.toStdString(), "new").empty());
    QCOMPARE(readAll(path), QByteArray("new"));
    QVERIFY(!QFile::exists(dead));
    QVERIFY(!QFile::exists(liveOld));
    QVERIFY(QFile::exists(liveFresh));
    QVERIFY(QFile::exists(otherFile));
    QVERIFY(QFile::exists(notOurs));
    // The folder-wide form (for a folder of our own, such as the autosave one) takes any name.
    QCOMPARE(sc::removeStaleTemporaries(tmp.path().toStdString()), 1);
    QVERIFY(!QFile::exists(otherFile));
    QVERIFY(QFile::exists(liveFresh) && QFile::exists(notOurs));
}

// fsync failing (EIO, as on a failing disk or a full NFS server): an error, the original file
// byte for byte, no temporary left.
void TestSaving::fsyncFailureLeavesTheOriginal()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath("design.scalecanvas");
    const QByteArray original = QByteArray::fromStdString(templateBytes("stage2-10k"));
    QVERIFY(writeAll(path, original));
    const QString other = tmp.filePath("other.scalecanvas");
    QVERIFY(writeAll(other, QByteArray::fromStdString(templateBytes("case-tiny-blog"))));
    QProcess saver;
    saver.start(QStringLiteral(SC_SAVER_BIN), {"--fail-fsync", path, other});
    QVERIFY(saver.waitForFinished(10000));
    const QString err = QString::fromUtf8(saver.readAllStandardOutput());
    QCOMPARE(saver.exitCode(), 1);
    QVERIFY2(err.contains("cannot write") && err.contains("Input/output error"), qPrintable(err));
    QCOMPARE(readAll(path), original);
    QCOMPARE(leftovers(tmp.path(), "design.scalecanvas"), QStringList());
}

QTEST_MAIN(TestSaving)
#include "tst_saving.moc"
