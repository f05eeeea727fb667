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
// running instance holds <pid>.lock, so only files whose owner is gone are offered back. An
// offered file is marked <file>.offered with the offering pid: if that instance dies before it
// discards the file (the recovery crashed), the file is not offered again.
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

    void saveNow();
    QString filePath() const;
    // The autosave period (30 s: at most that much work is lost); tests shorten it.
    int intervalMs() const { return m_timer.interval(); }
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }

private:
    Document *m_doc;
    QTimer m_timer;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace scui
