#pragma once

#include <QDateTime>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <vector>

namespace scui {

class Document;

// Every 30 s writes a modified document to <AppDataLocation>/autosave/<session>.scalecanvas,
// where <session> is a random id (QUuid) of this Autosave — never the pid: in a container,
// Flatpak or `unshare --pid` the GUI is pid 1 every time, and a new pid-1 instance must still
// recover the file of the last one. The instance holds <session>.lock (QLockFile, which keeps an
// flock(2) on it) and writes no autosave without it, so an autosave is live exactly while a
// process holds the flock of its lock; the kernel drops that when the process dies, whatever
// its pid, host name or pid namespace. Only files whose lock nobody holds are offered back.
// Just before a file is loaded it is marked <file>.offered: if that instance dies before it
// discards the file (the recovery crashed), the file is not offered again. An instance killed
// while it only asks (<file>.asking) offers nothing away: the next one asks again.
class Autosave : public QObject
{
    Q_OBJECT

public:
    struct Recoverable {
        QString file;         // the autosaved design
        QString originalPath; // where the user had saved it, if anywhere
        QDateTime time;
    };

    // `sessionId` names the files (tests choose it); empty: a new random one.
    explicit Autosave(Document *doc, QObject *parent = nullptr, const QString &sessionId = {});
    ~Autosave() override;

    static QString directory();
    // Autosaves whose owner is gone: nobody holds their lock.
    static std::vector<Recoverable> findRecoverable();
    static void discard(const Recoverable &r);
    // Records that this process is asking about `r` (harmless if it dies while asking).
    static void markAsking(const Recoverable &r);
    // The user put `r` off: kept as it is, offered again at the next start.
    static void postpone(const Recoverable &r);
    // Marks `r` as being loaded by this instance: should that crash, `r` is not offered again.
    static void beginRecovery(const Recoverable &r);
    // Whether a live process holds the lock file at `path` (false when there is none).
    static bool lockHeld(const QString &path);

    void saveNow();
    QString sessionId() const { return m_session; }
    QString filePath() const;
    bool hasLock() const { return m_lock->isLocked(); }

signals:
    // Autosaving failed (the message says why); emitted once until a save succeeds again.
    void failed(const QString &message);

public:
    // The autosave period (30 s: at most that much work is lost); tests shorten it.
    int intervalMs() const { return m_timer.interval(); }
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }

private:
    static void removeStaleTemporaries();
    QString takeLock();
    void removeAutosave() const;

    QString m_lastError;
    QString m_session;
    Document *m_doc;
    QTimer m_timer;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace scui
