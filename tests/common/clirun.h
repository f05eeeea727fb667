#pragma once

// Runs the scalecanvas binary for the CLI tests: offscreen, with a time limit, capturing both
// streams. Header-only so each test executable stays one file plus this.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace sctest {

struct CliRun {
    bool started = false;
    bool finished = false;
    QProcess::ExitStatus status = QProcess::NormalExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline CliRun runBinary(const QString &binary, const QStringList &args, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(binary, args);
    CliRun run;
    run.started = p.waitForStarted(timeoutMs);
    if (!run.started)
        return run;
    run.finished = p.waitForFinished(timeoutMs);
    if (!run.finished) {
        p.kill();
        p.waitForFinished(timeoutMs);
    }
    run.status = p.exitStatus();
    run.exitCode = p.exitCode();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

// True when the run finished normally with exit code `expected`.
inline bool exitedWith(const CliRun &run, int expected)
{
    return run.finished && run.status == QProcess::NormalExit && run.exitCode == expected;
}

// "scalecanvas ARGS: exit N" and the start of stderr, for a failure message.
inline QByteArray describe(const QStringList &args, const CliRun &run)
{
    return "scalecanvas " + args.join(' ').toUtf8() + ": exit " + QByteArray::number(run.exitCode) +
           (run.finished ? "" : " (did not finish)") + "\n" + run.err.left(2000);
}

// A small valid design (clients → load balancer → app server → database) whose markers the
// hostile-input generators replace: @LABEL@, @PARAMS@ (inside the app's params), @ANNOTATIONS@
// and @TRAFFIC@.
inline QByteArray hostileBase(const QByteArray &label = "ALB", const QByteArray &params = {},
                              const QByteArray &annotations = {},
                              const QByteArray &traffic = "\"users\": 1000")
{
    QByteArray t = R"({"format": "scalecanvas", "formatVersion": 1, "appVersion": "0.1.0",
 "design": {"name": "Hostile", "traffic": {@TRAFFIC@},
  "components": [
   {"id": "web", "kind": "clients", "label": "Users"},
   {"id": "lb", "kind": "loadBalancer", "label": "@LABEL@"},
   {"id": "app", "kind": "appServer", "label": "App", "params": {@PARAMS@"instances": 2}},
   {"id": "db", "kind": "database", "label": "Postgres"}],
  "connections": [{"from": "web", "to": "lb"}, {"from": "lb", "to": "app"},
                  {"from": "app", "to": "db"}],
  "annotations": [@ANNOTATIONS@]}}
)";
    t.replace("@TRAFFIC@", traffic);
    t.replace("@LABEL@", label);
    t.replace("@PARAMS@", params);
    t.replace("@ANNOTATIONS@", annotations);
    return t;
}

} // namespace sctest
