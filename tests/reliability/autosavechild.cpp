// Test helper for tst_recovery: an instance that owns an autosave, or one whose recovery
// crashes. The parent sets XDG_DATA_HOME so the autosave folder is a temporary one.
//   reliability_autosave_child edit TEMPLATE INTERVAL_MS EDIT_MS [SESSION]
//       edits users = 1001, 1002, ... every EDIT_MS, printing "edit N" after each, autosaving
//       every INTERVAL_MS (as session SESSION when given), printing "failed MESSAGE" when
//       autosaving fails, until killed
//   reliability_autosave_child recover-crash
//       takes the offered recoveries, prints "offered FILE", loads them and dies by SIGKILL
#include "ui/commands/changecommands.h"
#include "ui/document.h"
#include "ui/mainwindow/autosave.h"

#include "core/io/templates.h"

#include <QApplication>
#include <QFile>
#include <QTimer>

#include <csignal>
#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ScaleCanvasReliability"));
    QApplication::setOrganizationName(QStringLiteral("ScaleCanvas"));
    const QStringList args = app.arguments();
    scui::Document doc;
    if ((args.size() == 5 || args.size() == 6) && args[1] == QLatin1String("edit")) {
        const sc::TemplateInfo *t = sc::findTemplate(args[2].toStdString());
        if (!t || !doc.loadBytes(t->json).isEmpty())
            return 65;
        scui::Autosave autosave(&doc, nullptr, args.value(5));
        autosave.setIntervalMs(args[3].toInt());
        QObject::connect(&autosave, &scui::Autosave::failed, [](const QString &message) {
            std::printf("failed %s\n", qPrintable(message));
            std::fflush(stdout);
        });
        int n = 1000;
        QTimer edits;
        QObject::connect(&edits, &QTimer::timeout, [&] {
            ++n;
            doc.undoStack()->push(new scui::ChangeTraffic(&doc, "users", n));
            std::printf("edit %d\n", n);
            std::fflush(stdout);
        });
        edits.start(args[4].toInt());
        std::printf("autosave %s\n", qPrintable(autosave.filePath()));
        std::fflush(stdout);
        return app.exec();
    }
    if (args.size() == 2 && args[1] == QLatin1String("recover-crash")) {
        for (const scui::Autosave::Recoverable &r : scui::Autosave::findRecoverable()) {
            std::printf("offered %s\n", qPrintable(r.file));
            std::fflush(stdout);
            scui::Autosave::beginRecovery(r);
            QFile f(r.file);
            if (f.open(QIODevice::ReadOnly))
                (void)doc.loadBytes(f.readAll().toStdString(), r.originalPath);
            std::raise(SIGKILL); // the recovery "crashes" before it discards the file
        }
        return 0;
    }
    return 64;
}
