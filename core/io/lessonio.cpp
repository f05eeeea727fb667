// The lesson and the notes in the file: DESIGN.md "File format 2", "Present and compare".

#include "core/io/internal/lessonio.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace sc::io {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

std::string at(const std::string &path, size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

// The design a step shows: the file's, or its variant `name` (nullptr when there is none).
const Design *stepDesign(const Design &file, const std::string &name)
{
    if (name.empty())
        return &file;
    const Variant *v = findVariant(file, name);
    return v ? &v->design : nullptr;
}

// The first thing a scenario asks of `d` (named `where`: "the design", "variant \"v\"") that it
// lacks: a component, zone or region it names, or more instances than one of them may have
// (the file's scenario is checked against the file's design, which a variant may change; QA:
// a schedule's minimum past the variant's maximum was clamped). "" when none.
std::string mismatch(const Scenario &s, const Design &d, const std::string &where)
{
    const auto lacks = [&](const std::string &what) {
        return "names " + what + ", which " + where + " does not have";
    };
    for (const ScenarioEvent &e : s.events) {
        const Component *c = e.component.empty() ? nullptr : d.find(e.component);
        if (!e.component.empty() && !c)
            return lacks("component \"" + e.component + "\"");
        if (!e.group.empty() && std::none_of(d.groups.begin(), d.groups.end(),
                                             [&](const Group &g) { return g.id == e.group; }))
            return lacks("group \"" + e.group + "\"");
        if (c && e.instances > c->mostInstances())
            return "fails or restores " + std::to_string(e.instances) + " instances of \"" +
                   e.component + "\", which has at most " +
                   std::to_string(std::lround(c->mostInstances())) + " in " + where;
    }
    for (const ScheduledMinimum &m : s.schedules) {
        if (m.component.empty())
            continue; // it named none of the file's design: reported there
        const Component *c = d.find(m.component);
        if (!c || !c->autoscale)
            return lacks("auto-scaled component \"" + m.component + "\"");
        if (m.min > c->autoscale->max)
            return "schedules at least " + std::to_string(m.min) + " of \"" + m.component +
                   "\", whose autoscale.max is " + std::to_string(c->autoscale->max) + " in " +
                   where;
    }
    return {};
}

// A step's scenario: one of the file's, and everything it fails, restores or schedules is in
// the step's design (a variant may lack the file design's components).
void checkStepScenario(Checker &c, const std::string &path, const Design &file,
                       const LessonStep &step)
{
    auto s = std::find_if(file.scenarios.begin(), file.scenarios.end(),
                          [&](const Scenario &x) { return x.name == step.scenario; });
    if (s == file.scenarios.end()) {
        std::string known;
        for (const Scenario &x : file.scenarios) {
            if (x.name.empty())
                return; // a scenario without its name, reported there: it may be this one
            known += (known.empty() ? "\"" : ", \"") + x.name + "\"";
        }
        c.error(path, "no scenario named \"" + clipText(step.scenario) + "\" (the file has " +
                          (known.empty() ? std::string("none") : known) + ")");
        return;
    }
    const Design *d = stepDesign(file, step.variant);
    if (!d)
        return; // the missing variant is reported already
    const std::string where =
        step.variant.empty() ? std::string("the design") : "variant \"" + step.variant + "\"";
    if (std::string what = mismatch(*s, *d, where); !what.empty())
        c.error(path, "scenario \"" + step.scenario + "\" " + what);
}

void readText(Checker &c, const json &j, const std::string &path, const char *key, std::string &out)
{
    if (j.contains(key))
        if (auto s = c.string(j[key], Checker::join(path, key), true))
            out = *s;
}

void readStep(Checker &c, const json &j, const std::string &path, const Design &file,
              LessonStep &step)
{
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"variant", "users", "caption", "question", "answer", "scenario"});
    if (j.contains("variant"))
        if (auto s = c.string(j["variant"], path + ".variant", false)) {
            step.variant = *s;
            if (!findVariant(file, *s))
                c.error(path + ".variant", "no variant named \"" + clipText(*s) + "\"");
        }
    if (!j.contains("users"))
        c.error(path + ".users", "missing");
    for (const ParamSpec &spec : trafficSpecs())
        if (spec.name == "users" && j.contains("users"))
            if (auto v = c.number(j["users"], path + ".users", spec))
                step.users = *v;
    if (!j.contains("caption"))
        c.error(path + ".caption", "missing");
    readText(c, j, path, "caption", step.caption);
    readText(c, j, path, "question", step.question);
    readText(c, j, path, "answer", step.answer);
    if (!step.answer.empty() && step.question.empty())
        c.error(path + ".answer", "an answer needs a question: add \"question\" or remove it");
    if (j.contains("scenario"))
        if (auto s = c.string(j["scenario"], path + ".scenario", false)) {
            step.scenario = *s;
            checkStepScenario(c, path + ".scenario", file, step);
        }
}

void readNote(Checker &c, const json &j, const std::string &path, Note &n)
{
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"id", "kind", "x", "y", "width", "height", "text"});
    if (!j.contains("id"))
        c.error(path + ".id", "missing");
    else if (auto s = c.string(j["id"], path + ".id", false))
        n.id = c.checkId(*s, path + ".id");
    if (j.contains("kind"))
        if (auto s = c.string(j["kind"], path + ".kind", false)) {
            if (*s == "sticky" || *s == "text")
                n.kind = *s == "sticky" ? Note::Kind::Sticky : Note::Kind::Text;
            else
                c.error(path + ".kind",
                        "must be \"sticky\" or \"text\", got \"" + clipText(*s) + "\"");
        }
    const std::pair<const char *, double *> place[] = {{"x", &n.x}, {"y", &n.y}};
    for (auto [key, out] : place)
        if (j.contains(key))
            if (auto v = c.plainNumber(j[key], Checker::join(path, key), -1e9, 1e9))
                *out = *v;
    const std::pair<const char *, double *> size[] = {{"width", &n.width}, {"height", &n.height}};
    for (auto [key, out] : size)
        if (j.contains(key))
            if (auto v =
                    c.plainNumber(j[key], Checker::join(path, key), kMinNoteSize, kMaxNoteSize))
                *out = *v;
    readText(c, j, path, "text", n.text);
    if (n.text.size() > kMaxNoteTextBytes)
        c.error(path + ".text", "is " + std::to_string(n.text.size()) +
                                    " bytes long; a note holds at most " +
                                    std::to_string(kMaxNoteTextBytes) + " bytes");
}

} // namespace

void readLesson(Checker &c, const json &j, Design &design)
{
    const std::string path = "lesson";
    if (!c.expectObject(j, path))
        return;
    c.unknownKeys(j, path, {"title", "steps"});
    readText(c, j, path, "title", design.lesson.title);
    if (!j.contains("steps") || !c.expectArray(j["steps"], path + ".steps"))
        return;
    const json &steps = j["steps"];
    if (steps.size() > kMaxLessonSteps) {
        c.error(path + ".steps", std::to_string(steps.size()) + " steps; the limit is " +
                                     std::to_string(kMaxLessonSteps));
        return;
    }
    design.lesson.steps.resize(steps.size());
    for (size_t i = 0; i < steps.size(); ++i)
        readStep(c, steps[i], at(path + ".steps", i), design, design.lesson.steps[i]);
}

void readNotes(Checker &c, const json &j, std::vector<Note> &notes)
{
    const std::string path = "notes";
    if (!c.expectArray(j, path))
        return;
    if (j.size() > kMaxNotes) {
        c.error(path,
                std::to_string(j.size()) + " notes; the limit is " + std::to_string(kMaxNotes));
        return;
    }
    notes.resize(j.size());
    std::set<std::string> ids;
    for (size_t i = 0; i < j.size(); ++i) {
        readNote(c, j[i], at(path, i), notes[i]);
        if (!notes[i].id.empty() && !ids.insert(notes[i].id).second)
            c.error(at(path, i) + ".id", "duplicate id \"" + notes[i].id + "\"");
    }
}

ojson lessonToJson(const Lesson &lesson)
{
    ojson o;
    o["title"] = lesson.title;
    ojson steps = ojson::array();
    for (const LessonStep &s : lesson.steps) {
        ojson step;
        if (!s.variant.empty())
            step["variant"] = s.variant;
        step["users"] = s.users;
        step["caption"] = s.caption;
        if (!s.question.empty())
            step["question"] = s.question;
        if (!s.answer.empty())
            step["answer"] = s.answer;
        if (!s.scenario.empty())
            step["scenario"] = s.scenario;
        steps.push_back(step);
    }
    o["steps"] = steps;
    return o;
}

ojson notesToJson(const std::vector<Note> &notes)
{
    ojson list = ojson::array();
    for (const Note &n : notes) {
        ojson o;
        o["id"] = n.id;
        o["kind"] = n.kind == Note::Kind::Sticky ? "sticky" : "text";
        o["x"] = n.x;
        o["y"] = n.y;
        o["width"] = n.width;
        o["height"] = n.height;
        o["text"] = n.text;
        list.push_back(o);
    }
    return list;
}

} // namespace sc::io
