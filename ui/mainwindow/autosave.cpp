#include "autosave.h"

#include "ui/document.h"

#include "core/io/format.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>

namespace scui {

Autosave::Autosave(Document *doc, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
{
    QDir().mkpath(directory());
    m_lock = std::make_unique<QLockFile>(
        directory() + QStringLiteral("/%1.lock").arg(QCoreApplication::applicationPid()));
    m_lock->setStaleLockTime(0);
    m_lock->tryLock(0);
    removeStaleTemporaries();
    m_timer.setInterval(30'000);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    m_timer.start();
}

// A save killed half-way leaves "<file>.tmp-<pid>" behind (the file itself is intact): remove
// those whose writer is gone.
void Autosave::removeStaleTemporaries()
{
    const QDir dir(directory());
    for (const QFileInfo &fi : dir.entryInfoList({QStringLiteral("*.tmp-*")}, QDir::Files)) {
        const QString name = fi.fileName();
        bool ok = false;
        const qint64 pid = name.mid(name.lastIndexOf(QLatin1String(".tmp-")) + 5).toLongLong(&ok);
        if (ok && pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
            QFile::remove(fi.absoluteFilePath());
    }
}

Autosave::~Autosave()
{
    // A clean exit leaves nothing to recover.
    QFile::remove(filePath());
    QFile::remove(filePath() + QStringLiteral(".path"));
    m_lock->unlock();
}

QString Autosave::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave");
}

QString Autosave::filePath() const
{
    return directory() + QStringLiteral("/%1.scalecanvas").arg(QCoreApplication::applicationPid());
}

void Autosave::saveNow()
{
    if (!m_doc->isModified()) {
        QFile::remove(filePath());
        QFile::remove(filePath() + QStringLiteral(".path"));
        return;
    }
    std::string error = sc::writeFileAtomic(filePath().toStdString(), m_doc->serialized());
    if (error.empty())
        error = sc::writeFileAtomic((filePath() + QStringLiteral(".path")).toStdString(),
                                    m_doc->filePath().toStdString());
    // Say so when autosave stops working (a full disk, say), once per failure streak.
    const QString message = QString::fromStdString(error);
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
    const QString self = QString::number(QCoreApplication::applicationPid());
    for (const QFileInfo &fi : dir.entryInfoList({QStringLiteral("*.scalecanvas")}, QDir::Files)) {
        if (fi.completeBaseName() == self)
            continue;
        // The owner still runs when its lock cannot be taken (stale locks of dead pids are
        // broken by QLockFile itself).
        QLockFile lock(dir.filePath(fi.completeBaseName() + QStringLiteral(".lock")));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        // Being recovered by an instance that is gone (or busy with it): the recovery crashed.
        QFile recovering(fi.absoluteFilePath() + QStringLiteral(".offered"));
        if (recovering.open(QIODevice::ReadOnly) &&
            QString::fromUtf8(recovering.readAll()).trimmed() != self)
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
    const QString self = QString::number(QCoreApplication::applicationPid());
    sc::writeFileAtomic((r.file + QStringLiteral(".asking")).toStdString(), self.toStdString());
}

void Autosave::beginRecovery(const Recoverable &r)
{
    const QString self = QString::number(QCoreApplication::applicationPid());
    sc::writeFileAtomic((r.file + QStringLiteral(".offered")).toStdString(), self.toStdString());
}

void Autosave::discard(const Recoverable &r)
{
    QFile::remove(r.file);
    for (const char *suffix : {".path", ".offered", ".asking"})
        QFile::remove(r.file + QLatin1String(suffix));
}

} // namespace scui
