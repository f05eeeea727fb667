#include "autosave.h"

#include "ui/document.h"

#include "core/io/format.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace scui {
namespace {

// The session a file in the autosave folder belongs to: its name up to the first dot
// ("<session>.scalecanvas", "<session>.scalecanvas.path.tmp-…"; older versions used the pid).
QString sessionOf(const QString &fileName)
{
    QString name = fileName;
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    return name.section(QLatin1Char('.'), 0, 0);
}

QString lockPathOf(const QString &session)
{
    return Autosave::directory() + QLatin1Char('/') + session + QStringLiteral(".lock");
}

// A marker's content is for people only (nothing reads it back): plain write, no temporary
// file, so every temporary in the folder belongs to the session that names it.
void writeMarker(const QString &path)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(QByteArray::number(QCoreApplication::applicationPid()) + '\n');
}

} // namespace

Autosave::Autosave(Document *doc, QObject *parent, const QString &sessionId)
    : QObject(parent)
    , m_session(sessionId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                    : sessionId)
    , m_doc(doc)
{
    QDir().mkpath(directory());
    m_lock = std::make_unique<QLockFile>(lockPathOf(m_session));
    m_lock->setStaleLockTime(0); // nobody else names a lock with our random id
    takeLock();                  // failing (a full disk), saveNow() tries again
    removeStaleTemporaries();
    m_timer.setInterval(30'000);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    m_timer.start();
    // Saved (or undone back to what was saved): nothing is left to recover, at once — not at the
    // next tick, which a crash before it would leave offering the work just saved.
    connect(m_doc, &Document::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            removeAutosave();
    });
}

void Autosave::removeAutosave() const
{
    QFile::remove(filePath());
    QFile::remove(filePath() + QStringLiteral(".path"));
}

Autosave::~Autosave()
{
    // A clean exit leaves nothing to recover: the autosave goes before its lock.
    removeAutosave();
    m_lock->unlock();
}

// Returns why the lock cannot be taken, or "" once it is held.
QString Autosave::takeLock()
{
    if (m_lock->isLocked() || m_lock->tryLock(0))
        return {};
    const QString path = QDir::toNativeSeparators(lockPathOf(m_session));
    switch (m_lock->error()) {
    case QLockFile::PermissionError:
        return tr("cannot create the lock file %1: permission denied").arg(path);
    case QLockFile::LockFailedError:
        return tr("the lock file %1 is in the way").arg(path);
    default:
        return tr("cannot create the lock file %1 (is the disk full?)").arg(path);
    }
}

bool Autosave::lockHeld(const QString &path)
{
#ifdef Q_OS_UNIX
    // QLockFile keeps an exclusive flock(2) on the file while it is locked; a shared probe fails
    // exactly while someone holds it. Pids (reused across containers), host names (new per
    // container) and the file's age all say nothing about that.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno != ENOENT; // unreadable: it may be live, never offer it
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0; // any error: cannot tell, held
    ::close(fd);
    return held;
#else
    // Elsewhere QLockFile removes a stale lock only when its holder has closed it.
    if (!QFile::exists(path))
        return false;
    QLockFile probe(path);
    probe.setStaleLockTime(1);
    if (!probe.tryLock(0))
        return true;
    probe.unlock();
    return false;
#endif
}

// A save killed half-way leaves a temporary beside the file (the file itself is intact): remove
// those of sessions that are gone. Nobody else writes temporaries here (writeMarker).
void Autosave::removeStaleTemporaries()
{
    const QDir dir(directory());
    for (const QFileInfo &fi :
         dir.entryInfoList({QStringLiteral("*.tmp*")}, QDir::Files | QDir::Hidden)) {
        const QString session = sessionOf(fi.fileName());
        if (!session.isEmpty() && !lockHeld(lockPathOf(session)))
            QFile::remove(fi.absoluteFilePath());
    }
}

QString Autosave::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave");
}

QString Autosave::filePath() const
{
    return directory() + QStringLiteral("/%1.scalecanvas").arg(m_session);
}

void Autosave::saveNow()
{
    if (!m_doc->isModified()) {
        removeAutosave();
        return;
    }
    // No autosave without its lock: an unlocked one would look abandoned to other instances,
    // which would offer it and, answered No, delete it while this one still runs.
    QString message = takeLock();
    if (message.isEmpty()) {
        std::string error = sc::writeFileAtomic(filePath().toStdString(), m_doc->serialized());
        if (error.empty())
            error = sc::writeFileAtomic((filePath() + QStringLiteral(".path")).toStdString(),
                                        m_doc->filePath().toStdString());
        message = QString::fromStdString(error);
    }
    // Say so when autosave stops working (a full disk, say), once per failure streak.
    if (message != m_lastError) {
        m_lastError = message;
        if (!message.isEmpty())
            emit failed(message);
    }
}

std::vector<Autosave::Recoverable> Autosave::findRecoverable()
{
    std::vector<Recoverable> out;
    const QDir dir(directory());
    for (const QFileInfo &fi : dir.entryInfoList({QStringLiteral("*.scalecanvas")}, QDir::Files)) {
        // Its owner still runs (this instance included) while the lock is held.
        if (lockHeld(lockPathOf(fi.completeBaseName())))
            continue;
        // Being recovered by an instance that is gone (or busy with it): the recovery crashed.
        if (QFile::exists(fi.absoluteFilePath() + QStringLiteral(".offered")))
            continue;
        Recoverable r;
        r.file = fi.absoluteFilePath();
        r.time = fi.lastModified();
        QFile path(r.file + QStringLiteral(".path"));
        if (path.open(QIODevice::ReadOnly))
            r.originalPath = QString::fromUtf8(path.readAll()).trimmed();
        out.push_back(r);
    }
    return out;
}

void Autosave::markAsking(const Recoverable &r)
{
    writeMarker(r.file + QStringLiteral(".asking"));
}

void Autosave::postpone(const Recoverable &r)
{
    QFile::remove(r.file + QStringLiteral(".asking"));
}

void Autosave::beginRecovery(const Recoverable &r)
{
    writeMarker(r.file + QStringLiteral(".offered"));
}

void Autosave::discard(const Recoverable &r)
{
    QFile::remove(r.file);
    for (const char *suffix : {".path", ".offered", ".asking"})
        QFile::remove(r.file + QLatin1String(suffix));
    const QString lock = lockPathOf(QFileInfo(r.file).completeBaseName());
    if (!lockHeld(lock))
        QFile::remove(lock);
}

} // namespace scui
