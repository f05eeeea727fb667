// Autosave and recovery across processes (XDG_DATA_HOME is a temporary folder, so the autosave
// folder is isolated): a child edits a document every 20 ms and autosaves it; while it runs its
// file is never offered; once it is killed (SIGKILL) the file is offered with at most one
// autosave interval of edits lost; a recovery that crashes is not offered again. The last case
// runs the real `scalecanvas` GUI (offscreen): its lock keeps its autosave from being offered,
// and after a SIGKILL the next GUI offers it at start-up.
#include "ui/document.h"
#include "ui/mainwindow/autosave.h"

#include "core/io/format.h"
#include "core/io/templates.h"

#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <functional>

using scui::Autosave;

namespace {

constexpr int kIntervalMs = 300; // the child's autosave period (production: 30 s)
constexpr int kEditMs = 20;      // the child's edit period

bool offered(const QString &file)
{
    for (const Autosave::Recoverable &r : Autosave::findRecoverable())
        if (r.file == QFileInfo(file).absoluteFilePath())
            return true;
    return false;
}

} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void productionIntervalIs30s();
    void staleTemporariesAreRemoved();
    void killedEditorIsRecoveredWithBoundedLoss();
    void crashedRecoveryIsNotOfferedAgain();
    void realAppLocksAndOffers();

private:
    // Starts an editing child and waits until it has autosaved and made `edits` edits.
    // Returns the autosave file.
    QString startEditor(QProcess &child, int edits, int *lastEdit);
    static int lastEditIn(const QByteArray &out, int last);

    QTemporaryDir m_home;
};

void TestRecovery::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.path()));
    QCoreApplication::setApplicationName(QStringLiteral("ScaleCanvasReliability"));
    QCoreApplication::setOrganizationName(QStringLiteral("ScaleCanvas"));
    QVERIFY(Autosave::directory().startsWith(m_home.path()));
}

void TestRecovery::productionIntervalIs30s()
{
    scui::Document doc;
    Autosave autosave(&doc);
    QCOMPARE(autosave.intervalMs(), 30000);
}

// A save killed half-way leaves "<file>.tmp-<pid>"; the next start removes those of dead
// writers and keeps those of live ones.
void TestRecovery::staleTemporariesAreRemoved()
{
    QProcess gone; // a process that has exited: its pid names a dead writer
    gone.start(QStringLiteral("/bin/sleep"), {QStringLiteral("0.05")});
    QVERIFY(gone.waitForStarted(5000));
    const qint64 deadPid = gone.processId();
    QVERIFY(gone.waitForFinished(5000));
    QDir().mkpath(Autosave::directory());
    const QString dead =
        Autosave::directory() + QStringLiteral("/1.scalecanvas.tmp-%1").arg(deadPid);
    const QString alive =
        Autosave::directory() +
        QStringLiteral("/2.scalecanvas.tmp-%1").arg(QCoreApplication::applicationPid());
    for (const QString &f : {dead, alive}) {
        QFile file(f);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{");
    }
    scui::Document doc;
    Autosave autosave(&doc);
    QVERIFY(!QFile::exists(dead));
    QVERIFY(QFile::exists(alive));
    QFile::remove(alive);
}

int TestRecovery::lastEditIn(const QByteArray &out, int last)
{
    for (const QByteArray &line : out.split('\n'))
        if (line.startsWith("edit "))
            last = std::max(last, line.mid(5).toInt());
    return last;
}

QString TestRecovery::startEditor(QProcess &child, int edits, int *lastEdit)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    child.start(QStringLiteral(SC_AUTOSAVE_CHILD_BIN),
                {QStringLiteral("edit"), QStringLiteral("stage2-10k"), QString::number(kIntervalMs),
                 QString::number(kEditMs)});
    if (!child.waitForStarted())
        return {};
    QString file;
    QByteArray out;
    *lastEdit = 0;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 20000 &&
           (file.isEmpty() || *lastEdit < 1000 + edits || !QFile::exists(file))) {
        child.waitForReadyRead(100);
        out += child.readAllStandardOutput();
        for (const QByteArray &line : out.split('\n'))
            if (line.startsWith("autosave "))
                file = QString::fromUtf8(line.mid(9));
        *lastEdit = lastEditIn(out, *lastEdit);
    }
    return QFile::exists(file) ? file : QString();
}

void TestRecovery::killedEditorIsRecoveredWithBoundedLoss()
{
    QProcess child;
    int last = 0;
    const QString file = startEditor(child, 40, &last);
    QVERIFY2(!file.isEmpty(), child.readAllStandardError().constData());
    // A running instance's autosave is never offered, however often we look.
    for (int i = 0; i < 5; ++i) {
        QVERIFY2(!offered(file), "the autosave of a running instance was offered");
        QThread::msleep(30);
    }
    QThread::msleep(QRandomGenerator::global()->bounded(kIntervalMs));
    child.kill();
    QVERIFY(child.waitForFinished(5000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    last = lastEditIn(child.readAllStandardOutput(), last);

    std::vector<Autosave::Recoverable> found;
    for (const Autosave::Recoverable &r : Autosave::findRecoverable())
        if (r.file == QFileInfo(file).absoluteFilePath())
            found.push_back(r);
    QCOMPARE(found.size(), size_t(1));
    const sc::LoadResult loaded = sc::loadDesignFile(file.toStdString());
    QVERIFY(loaded.design);
    const int recovered = int(loaded.design->traffic.users);
    const int lostEdits = last - recovered;
    qInfo("killed after edit %d; recovered edit %d: %d edits (~%d ms) lost with a %d ms "
          "autosave period (production: 30 s)",
          last, recovered, lostEdits, lostEdits * kEditMs, kIntervalMs);
    QVERIFY(recovered > 1000);
    QVERIFY(lostEdits >= 0);
    // At most one period of edits (plus timer slack) is lost.
    QVERIFY2(lostEdits <= kIntervalMs / kEditMs + 3, qPrintable(QString::number(lostEdits)));
    // The offered design opens in a document, marked modified.
    scui::Document doc;
    QFile f(found.front().file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(doc.loadBytes(f.readAll().toStdString(), found.front().originalPath).isEmpty());
    doc.markModified();
    QVERIFY(doc.isModified());
    Autosave::discard(found.front());
    QVERIFY(!offered(file));
}

void TestRecovery::crashedRecoveryIsNotOfferedAgain()
{
    QProcess editor;
    int last = 0;
    const QString file = startEditor(editor, 5, &last);
    QVERIFY(!file.isEmpty());
    editor.kill();
    QVERIFY(editor.waitForFinished(5000));

    // The next instance is offered the file and dies while recovering it.
    QProcess recoverer;
    recoverer.setProcessEnvironment(editor.processEnvironment());
    recoverer.start(QStringLiteral(SC_AUTOSAVE_CHILD_BIN), {QStringLiteral("recover-crash")});
    QVERIFY(recoverer.waitForFinished(10000));
    QCOMPARE(recoverer.exitStatus(), QProcess::CrashExit);
    const QByteArray out = recoverer.readAllStandardOutput();
    QVERIFY2(out.contains("offered " + QFile::encodeName(QFileInfo(file).absoluteFilePath())),
             out.constData());

    // The instance after that is not offered it again, and the file itself is kept.
    QVERIFY(!offered(file));
    QVERIFY(QFile::exists(file));
}

void TestRecovery::realAppLocksAndOffers()
{
    // Look at the real app's folder: <XDG_DATA_HOME>/ScaleCanvas/ScaleCanvas/autosave.
    QCoreApplication::setApplicationName(QStringLiteral("ScaleCanvas"));
    auto restore = qScopeGuard(
        [] { QCoreApplication::setApplicationName(QStringLiteral("ScaleCanvasReliability")); });
    const QString dir = Autosave::directory();
    QVERIFY(dir.startsWith(m_home.path()));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    auto waitFor = [](const std::function<bool()> &done) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < 15000)
            QThread::msleep(20);
        return done();
    };

    QProcess first;
    first.setProcessEnvironment(env);
    first.start(QStringLiteral(SCALECANVAS_BIN), QStringList());
    QVERIFY(first.waitForStarted());
    const QString stem = dir + '/' + QString::number(first.processId());
    QVERIFY2(waitFor([&] { return QFile::exists(stem + ".lock"); }), "the GUI took no lock");
    // What the GUI's autosave would write after an edit (its timer is 30 s: written by hand).
    const std::string design =
        sc::saveDesign(*sc::loadDesign(sc::findTemplate("stage1-1k")->json).design);
    QVERIFY(sc::writeFileAtomic((stem + ".scalecanvas").toStdString(), design).empty());
    QVERIFY2(!offered(stem + ".scalecanvas"), "the autosave of a running GUI was offered");
    first.kill();
    QVERIFY(first.waitForFinished(5000));

    // The next GUI offers it at start-up: it marks the file as being asked about by its pid.
    QProcess second;
    second.setProcessEnvironment(env);
    second.start(QStringLiteral(SCALECANVAS_BIN), QStringList());
    QVERIFY(second.waitForStarted());
    const QString marker = stem + ".scalecanvas.asking";
    QVERIFY2(waitFor([&] {
                 QFile f(marker);
                 return f.open(QIODevice::ReadOnly) &&
                        f.readAll().trimmed() == QByteArray::number(second.processId());
             }),
             "the relaunched GUI did not offer the autosave");
    // It dies with the question open: nothing was loaded, so the next instance asks again.
    second.kill();
    QVERIFY(second.waitForFinished(5000));
    QVERIFY(QFile::exists(stem + ".scalecanvas"));
    QVERIFY(offered(stem + ".scalecanvas"));
}

QTEST_MAIN(TestRecovery)
#include "tst_recovery.moc"
