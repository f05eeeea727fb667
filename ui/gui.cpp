#include "gui.h"

#include "core/analysis/model.h"
#include "core/io/templates.h"

#include "ui/canvas/canvasscene.h"
#include "ui/canvas/canvasview.h"
#include "ui/compare/compareview.h"
#include "ui/document.h"
#include "ui/explain/explainpanel.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/theme.h"

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QScreen>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace {

// "viral spike@00:15:00" (or "@00:15"): the scenario and the time into its run.
bool showTimelineAt(scui::MainWindow &window, const QString &spec)
{
    const qsizetype at = spec.lastIndexOf(QLatin1Char('@'));
    const QStringList parts = spec.mid(at + 1).split(QLatin1Char(':'));
    double seconds = 0;
    for (int i = 0; i < 3; ++i) {
        bool ok = i >= parts.size();
        const double v = ok ? 0.0 : parts[i].toDouble(&ok);
        if (!ok || at < 0 || parts.size() > 3)
            return false;
        seconds += v * std::pow(60.0, 2 - i);
    }
    return window.showTimeline(spec.left(at), seconds);
}

} // namespace

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ScaleCanvas"));
    QApplication::setOrganizationName(QStringLiteral("ScaleCanvas"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    QApplication::setStyle(scui::makeStyle());

    scui::MainWindow window;
    // Hidden screenshot mode (docs): SCALECANVAS_SCREENSHOT=out.png [SCALECANVAS_THEME=dark]
    // [SCALECANVAS_SELECT=id[,id…]] [SCALECANVAS_USERS=9.5M]
    // [SCALECANVAS_TIMELINE="viral spike@00:15:00"] [SCALECANVAS_EXPLAIN=utilization@app]
    // [SCALECANVAS_COMPARE=side|overlay] [SCALECANVAS_SIZE=1920x1080] renders the window after
    // layout and quits. No dialogs, no recovery.
    const QString shot = qEnvironmentVariable("SCALECANVAS_SCREENSHOT");
    if (!shot.isEmpty() && qEnvironmentVariableIsSet("SCALECANVAS_THEME"))
        window.applyTheme(qEnvironmentVariable("SCALECANVAS_THEME") == QLatin1String("dark"));

    const QStringList args = QApplication::arguments();
    if (args.size() > 1 && !QFileInfo::exists(args.at(1)) &&
        sc::findTemplate(args.at(1).toStdString())) {
        window.openTemplate(args.at(1)); // a built-in design by name, as the CLI accepts it
    } else if (args.size() > 1) {
        if (QString err = window.openFile(args.at(1)); !err.isEmpty()) {
            if (!shot.isEmpty()) {
                qWarning("%s", qPrintable(err));
                return 2;
            }
            QMessageBox::critical(nullptr, QObject::tr("Cannot open %1").arg(args.at(1)), err);
            window.openTemplate(QStringLiteral("stage3-100k"));
        }
    } else {
        window.openTemplate(QStringLiteral("stage3-100k"));
    }
    // 1400 × 900 where it fits (screenshots always), or 85% of a larger screen (a 1920 × 1080
    // projector shows the whole of a stage-4 design at a readable zoom); on a smaller screen,
    // such as 1280 × 800, maximized, so the inspector is not cut off at the right edge.
    const QScreen *screen = QGuiApplication::primaryScreen();
    const QSize available = screen ? screen->availableGeometry().size() : QSize(1400, 900);
    if (shot.isEmpty() && (available.width() < 1400 || available.height() < 900)) {
        // The screen's size first: where no window manager maximizes it (a bare X server, a
        // kiosk), the window still fits the screen.
        window.resize(available);
        window.showMaximized();
    } else {
        if (shot.isEmpty())
            window.resize(std::max(1400, available.width() * 85 / 100),
                          std::max(900, available.height() * 85 / 100));
        // [SCALECANVAS_SIZE=WxH]: the window at that size (a screenshot of a projector's screen).
        const QStringList size = qEnvironmentVariable("SCALECANVAS_SIZE").split(QLatin1Char('x'));
        if (!shot.isEmpty() && size.size() == 2 && size[0].toInt() > 0 && size[1].toInt() > 0)
            window.resize(size[0].toInt(), size[1].toInt());
        window.show();
    }
    if (!shot.isEmpty()) {
        QTimer::singleShot(400, &window, [&window, shot] {
            window.fitDesign();
            // [SCALECANVAS_USERS=9.5M]: the figures viewed at another count than the design's.
            if (const auto users =
                    sc::parseUserCount(qEnvironmentVariable("SCALECANVAS_USERS").toStdString()))
                window.document()->setUsers(*users);
            // [SCALECANVAS_TIMELINE=scenario@hh:mm[:ss]]: the timeline open at that clock.
            const QString timeline = qEnvironmentVariable("SCALECANVAS_TIMELINE");
            if (!timeline.isEmpty() && !showTimelineAt(window, timeline))
                qWarning("SCALECANVAS_TIMELINE: no scenario or time in \"%s\"",
                         qPrintable(timeline));
            const QString select = qEnvironmentVariable("SCALECANVAS_SELECT");
            if (!select.isEmpty())
                window.scene()->selectIds(select.split(QLatin1Char(',')));
            // [SCALECANVAS_EXPLAIN=figure[@component]]: the Explain panel open on that figure.
            const QString explain = qEnvironmentVariable("SCALECANVAS_EXPLAIN");
            if (!explain.isEmpty())
                scui::explainSpec(&window, explain);
            // [SCALECANVAS_COMPARE=side|overlay|scenario]: the compare view instead, the file's
            // design against its first variant (scenario: side by side, on the Scenario tab).
            QWidget *target = &window;
            if (const QString compare = qEnvironmentVariable("SCALECANVAS_COMPARE");
                !compare.isEmpty()) {
                scui::CompareView *view = window.openCompare();
                // At the window's size: opened maximized on the offscreen screen, it kept that
                // screen's size whatever SCALECANVAS_SIZE said (QA: 796 × 796).
                view->showNormal();
                view->resize(window.size());
                if (compare == QLatin1String("overlay"))
                    view->setMode(scui::CompareView::Mode::Overlay);
                if (compare == QLatin1String("scenario"))
                    view->charts()->setCurrentIndex(view->charts()->count() - 1);
                target = view;
            }
            QTimer::singleShot(300, &window, [target, shot] {
                const bool ok = target->grab().save(shot);
                QApplication::exit(ok ? 0 : 1);
            });
        });
        return app.exec();
    }
    QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    return app.exec();
}
