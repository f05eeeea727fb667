// Golden scenarios: one folder per case under tests/data/scenarios/<case>/, holding
// design.scalecanvas and expected.json. Each figure in expected.json carries its derivation in
// words and, where it is a calculation, the calculation itself ("expr": "20 * 0.0832 * 730"),
// which this runner evaluates: the expected numbers are worked out from catalog prices and
// the documented formulas, never copied from the program's output. See the folder's README.md.
#include "core/analysis/model.h"
#include "core/catalog/catalog.h"
#include "core/io/format.h"
#include "tests/common/modelchecks.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <optional>
#include <string>

using namespace sc;
using json = nlohmann::json;

namespace {

// A small calculator for the "expr" of a figure: numbers (1e6, 0.0832), + − × ÷, parentheses,
// unary minus and ^ for powers. Returns nullopt on anything else.
class Calc
{
public:
    static std::optional<double> eval(const std::string &text)
    {
        Calc c(text);
        const std::optional<double> v = c.sum();
        c.skip();
        if (!v || c.m_at != c.m_text.size())
            return std::nullopt;
        return v;
    }

private:
    explicit Calc(const std::string &text)
        : m_text(text)
    {
    }
    void skip()
    {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at])))
            ++m_at;
    }
    bool take(char ch)
    {
        skip();
        if (m_at < m_text.size() && m_text[m_at] == ch) {
            ++m_at;
            return true;
        }
        return false;
    }
    std::optional<double> sum()
    {
        std::optional<double> v = product();
        while (v) {
            if (take('+')) {
                const auto r = product();
                v = r ? std::optional(*v + *r) : std::nullopt;
            } else if (take('-')) {
                const auto r = product();
                v = r ? std::optional(*v - *r) : std::nullopt;
            } else {
                break;
            }
        }
        return v;
    }
    std::optional<double> product()
    {
        std::optional<double> v = power();
        while (v) {
            if (take('*')) {
                const auto r = power();
                v = r ? std::optional(*v * *r) : std::nullopt;
            } else if (take('/')) {
                const auto r = power();
                v = r ? std::optional(*v / *r) : std::nullopt;
            } else {
                break;
            }
        }
        return v;
    }
    std::optional<double> power()
    {
        const std::optional<double> base = unary();
        if (base && take('^')) {
            const auto e = power(); // right-associative
            return e ? std::optional(std::pow(*base, *e)) : std::nullopt;
        }
        return base;
    }
    std::optional<double> unary()
    {
        if (take('-')) {
            const auto v = unary();
            return v ? std::optional(-*v) : std::nullopt;
        }
        if (take('(')) {
            const auto v = sum();
            return v && take(')') ? v : std::nullopt;
        }
        skip();
        const char *begin = m_text.c_str() + m_at;
        char *end = nullptr;
        const double v = std::strtod(begin, &end);
        if (end == begin)
            return std::nullopt;
        m_at += size_t(end - begin);
        return v;
    }

    const std::string &m_text;
    size_t m_at = 0;
};

std::optional<RequestClass> classNamed(const std::string &name)
{
    return classFromName(name);
}

std::optional<double> latencyField(const LatencySummary &s, const std::string &field)
{
    if (!s.valid)
        return std::nullopt;
    if (field == "mean")
        return s.mean;
    if (field == "p50")
        return s.p50;
    if (field == "p95")
        return s.p95;
    if (field == "p99")
        return s.p99;
    return std::nullopt;
}

std::optional<double> componentField(const ComponentResult &r, const std::string &field)
{
    if (field == "instances")
        return r.instances;
    if (field == "arrivalRps")
        return r.arrivalRps;
    if (field == "capacityRps")
        return r.capacityRps;
    if (field == "utilization")
        return r.utilization;
    if (field == "meanLatencyMs")
        return r.meanLatencyMs;
    if (field == "concurrency")
        return r.concurrency;
    if (field == "monthlyCostUsd")
        return r.monthlyCostUsd;
    if (field == "availability")
        return r.availability;
    if (field == "servedRps")
        return r.servedRps;
    if (field == "errorRps")
        return r.errorRps;
    if (field == "refusedRps")
        return r.refusedRps;
    if (field == "threadsBusyPerInstance")
        return r.threadsBusyPerInstance;
    if (field == "connectionsOpened")
        return r.connectionsOpened;
    if (field == "connectionsBusy")
        return r.connectionsBusy;
    if (field == "spof")
        return r.spof ? 1.0 : 0.0;
    if (field == "nPlusOne")
        return r.nPlusOne ? 1.0 : 0.0;
    if (field == "overloaded")
        return r.overloaded ? 1.0 : 0.0;
    return std::nullopt;
}

// A numeric figure of the evaluation named by a dotted path:
//   demand.<field>, components.<id>.<field>, latency.<mean|p50|p95|p99>,
//   latencyByClass.<static|read|write|job>.<...>, cost.<component>.<label prefix>,
//   availability, goodputRps, errorRatePeak, servedFraction, monthlyCostUsd, costPerUserUsd,
//   maxUsers, scalingCeilingUsers; components.<id>.servedRps|errorRps|refusedRps.
std::optional<double> figure(const Evaluation &ev, const std::string &path)
{
    const size_t dot = path.find('.');
    const std::string head = path.substr(0, dot);
    const std::string rest = dot == std::string::npos ? "" : path.substr(dot + 1);
    if (head == "demand") {
        if (rest == "averageRps")
            return ev.demand.averageRps;
        if (rest == "peakRps")
            return ev.demand.peakRps;
        if (rest == "readRps")
            return ev.demand.readRps;
        if (rest == "writeRps")
            return ev.demand.writeRps;
        if (rest == "staticRps")
            return ev.demand.staticRps;
        if (rest == "jobRps")
            return ev.demand.jobRps;
        return std::nullopt;
    }
    if (head == "components" || head == "cost") {
        const size_t d2 = rest.find('.');
        if (d2 == std::string::npos)
            return std::nullopt;
        const std::string id = rest.substr(0, d2), field = rest.substr(d2 + 1);
        if (head == "cost") {
            const double usd = sctest::costLine(ev, id, field);
            return usd < 0 ? std::nullopt : std::optional(usd);
        }
        const ComponentResult *r = sctest::resultOf(ev, id);
        return r ? componentField(*r, field) : std::nullopt;
    }
    if (head == "latency")
        return latencyField(ev.latency, rest);
    if (head == "latencyByClass") {
        const size_t d2 = rest.find('.');
        const auto c = classNamed(rest.substr(0, d2));
        if (!c || d2 == std::string::npos)
            return std::nullopt;
        return latencyField(ev.latencyByClass[size_t(*c)], rest.substr(d2 + 1));
    }
    if (path == "availability")
        return ev.availability;
    if (path == "goodputRps")
        return ev.goodputRps;
    if (path == "errorRatePeak")
        return ev.errorRatePeak;
    if (path == "servedFraction")
        return ev.servedFraction;
    if (path == "monthlyCostUsd")
        return ev.monthlyCostUsd;
    if (path == "costPerUserUsd")
        return ev.costPerUserUsd;
    if (path == "maxUsers")
        return ev.maxUsers;
    if (path == "scalingCeilingUsers")
        return ev.scalingCeilingUsers;
    return std::nullopt;
}

// A text figure: bottleneck, wallComponent, ceilingComponent (ids) or spofs (comma-joined).
std::optional<std::string> textFigure(const Model &m, const Evaluation &ev, const std::string &path)
{
    auto idAt = [&m](int i) { return i < 0 ? std::string() : m.design().components[size_t(i)].id; };
    if (path == "bottleneck")
        return idAt(ev.bottleneck);
    if (path == "wallComponent")
        return idAt(ev.wallComponent);
    if (path == "ceilingComponent")
        return idAt(ev.ceilingComponent);
    if (path == "spofs") {
        std::string s;
        for (const std::string &id : ev.spofs)
            s += (s.empty() ? "" : ",") + id;
        return s;
    }
    return std::nullopt;
}

QString scenariosDir()
{
    return QFINDTESTDATA("../data/scenarios");
}

} // namespace

class TestScenarios : public QObject
{
    Q_OBJECT

private slots:
    void calculator()
    {
        QCOMPARE(Calc::eval("20 * 0.0832 * 730"), std::optional(20 * 0.0832 * 730));
        QCOMPARE(Calc::eval("(2 + 3) * -4 / 8"), std::optional(-2.5));
        QCOMPARE(Calc::eval("1 - 2 - 3"), std::optional(-4.0));
        QCOMPARE(Calc::eval("2 ^ 3 ^ 2"), std::optional(512.0));
        QCOMPARE(Calc::eval("1e6 / 86400"), std::optional(1e6 / 86400));
        QVERIFY(!Calc::eval("2 +"));
        QVERIFY(!Calc::eval("(1"));
        QVERIFY(!Calc::eval("3 x"));
    }

    void scenario_data()
    {
        QTest::addColumn<QString>("folder");
        const QString root = scenariosDir();
        QVERIFY2(!root.isEmpty(), "tests/data/scenarios not found");
        const QStringList cases =
            QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY2(cases.size() >= 5, qPrintable(root));
        for (const QString &c : cases)
            QTest::newRow(qPrintable(c)) << QDir(root).filePath(c);
    }

    // Every figure of expected.json, within its tolerance; every warning listed present or
    // absent as it says.
    void scenario()
    {
        QFETCH(QString, folder);
        const LoadResult loaded =
            loadDesignFile(QDir(folder).filePath("design.scalecanvas").toStdString());
        QVERIFY2(loaded.design,
                 loaded.errors.empty() ? "no design" : loaded.errors.front().toString().c_str());
        QFile f(QDir(folder).filePath("expected.json"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        json expected;
        try {
            expected = json::parse(f.readAll().toStdString());
        } catch (const json::exception &e) {
            QFAIL(e.what());
        }

        Catalog catalog = Catalog::builtin();
        if (expected.contains("catalogServices"))
            for (const auto &[svc, keys] : expected["catalogServices"].items())
                for (const auto &[key, value] : keys.items())
                    catalog.services[svc][key] = value.get<double>();
        const Model m(*loaded.design, catalog);
        QVERIFY2(m.ok(), m.ok() ? "" : m.errors().front().message.c_str());
        const double users = expected.value("users", loaded.design->traffic.users);
        const Evaluation ev = m.evaluate(users);

        QVERIFY(expected.contains("figures") && !expected["figures"].empty());
        for (const json &fig : expected["figures"]) {
            const std::string path = fig.at("path").get<std::string>();
            QVERIFY2(fig.contains("derivation"), ("no derivation for " + path).c_str());
            const std::string where = path + " (" + fig["derivation"].get<std::string>() + ")";
            if (fig.contains("text")) {
                const auto got = textFigure(m, ev, path);
                QVERIFY2(got, ("unknown figure " + path).c_str());
                QCOMPARE(QString::fromStdString(*got),
                         QString::fromStdString(fig["text"].get<std::string>()));
                continue;
            }
            std::optional<double> want;
            if (fig.contains("expr"))
                want = Calc::eval(fig["expr"].get<std::string>());
            else if (fig.contains("value"))
                want = fig["value"].get<double>();
            QVERIFY2(want, ("no value or a bad expr for " + path).c_str());
            const std::optional<double> got = figure(ev, path);
            QVERIFY2(got, ("no such figure (or latency not valid): " + path).c_str());
            const double rel = fig.value("rel", 0.0), abs = fig.value("abs", 0.0);
            QVERIFY2(rel > 0 || abs > 0 || fig.value("exact", false),
                     ("give a tolerance (rel, abs) or exact: true for " + path).c_str());
            const bool ok = std::fabs(*got - *want) <= std::max(abs, rel * std::fabs(*want));
            if (fig.contains("knownBug"))
                QEXPECT_FAIL("", fig["knownBug"].get<std::string>().c_str(), Continue);
            QVERIFY2(ok, qPrintable(QStringLiteral("%1: got %2, expected %3")
                                        .arg(QString::fromStdString(where))
                                        .arg(*got, 0, 'g', 17)
                                        .arg(*want, 0, 'g', 17)));
        }
        for (const json &w : expected.value("warnings", json::array())) {
            const std::string code = w.at("code"), component = w.at("component");
            const bool present = w.at("present").get<bool>();
            QVERIFY2(w.contains("derivation"), ("no derivation for " + code).c_str());
            QVERIFY2(sctest::hasWarning(ev, code, component) == present,
                     (code + " on " + component + (present ? " missing" : " raised") + " (" +
                      w["derivation"].get<std::string>() + ")")
                         .c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
