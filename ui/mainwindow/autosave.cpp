#include "autosave.h"

#include "ui/document.h"

#include "core/io/format.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

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
    m_timer.setInterval(30'000);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    m_timer.start();
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
    return directory() +
           QStringLiteral("/%1.scalecanvas").arg(QCoreApplication::applicationPid());
}

void Autosave::saveNow()
{
    if (!m_doc->isModified()) {
        QFile::remove(filePath());
        QFile::remove(filePath() + QStringLiteral(".path"));
        return;
    }
    sc::writeFileAtomic(filePath().toStdString(), m_doc->serialized());
    sc::writeFileAtomic((filePath() + QStringLiteral(".path")).toStdString(),
                        m_doc->filePath().toStdString());
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
        // Offered before by an instance that is gone (or busy with it): the recovery crashed.
        QFile offered(fi.absoluteFilePath() + QStringLiteral(".offered"));
        if (offered.open(QIODevice::ReadOnly)) {
            if (QString::fromUtf8(offered.readAll()).trimmed() != self)
                continue;
        } else {
            sc::writeFileAtomic(offered.fileName().toStdString(), self.toStdString());
        }
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

void Autosave::discard(const Recoverable &r)
{
    QFile::remove(r.file);
    QFile::remove(r.file + QStringLiteral(".path"));
    QFile::remove(r.file + QStringLiteral(".offered"));
}

} // namespace scui
