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

// Every 30 s writes a modified document to <AppDataLocation>/autosave/<pid>.scalecanvas. The
// running instance holds <pid>.lock, so only files whose owner is gone are offered back. Just
// before a file is loaded it is marked <file>.offered with the recovering pid: if that instance
// dies before it discards the file (the recovery crashed), the file is not offered again. An
// instance killed while it only asks (<file>.asking) offers nothing away: the next one asks again.
class Autosave : public QObject
{
    Q_OBJECT

public:
    struct Recoverable {
        QString file;         // the autosaved design
        QString originalPath; // where the user had saved it, if anywhere
        QDateTime time;
    };

    explicit Autosave(Document *doc, QObject *parent = nullptr);
    ~Autosave() override;

    static QString directory();
    // Autosaves left behind by instances that are no longer running.
    static std::vector<Recoverable> findRecoverable();
    static void discard(const Recoverable &r);
    // Records that this instance is asking about `r` (harmless if it dies while asking).
    static void markAsking(const Recoverable &r);
    // Marks `r` as being loaded by this instance: should that crash, `r` is not offered again.
    static void beginRecovery(const Recoverable &r);

    void saveNow();
    QString filePath() const;

signals:
    // Autosaving failed (the message says why); emitted once until a save succeeds again.
    void failed(const QString &message);

public:
    // The autosave period (30 s: at most that much work is lost); tests shorten it.
    int intervalMs() const { return m_timer.interval(); }
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }

private:
    void removeStaleTemporaries();

    QString m_lastError;
    Document *m_doc;
    QTimer m_timer;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace scui
