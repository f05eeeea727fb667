#include "inspector.h"

#include "core/analysis/model.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/commands/changecommands.h"
#include "ui/commands/groupcommands.h"
#include "ui/inspector/fieldtip.h"
#include "ui/inspector/paramtitle.h"
#include "ui/inspector/undokeys.h"
#include "ui/mainwindow/variantsmenu.h"
#include "ui/numberformat.h"
#include "ui/places.h"

#include "core/catalog/catalog.h"
#include "core/model/zero.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <type_traits>
#include <utility>

namespace scui {
namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString numberText(double v)
{
    // A whole bound in full with the locale's separators, as it can be typed ("10,000,000,000",
    // not "1e+10" beside a top bar that says "10B").
    if (std::abs(v) >= 1e6 && std::abs(v) < 1e16 && v == std::floor(v))
        return QLocale().toString(v, 'f', 0);
    if (std::abs(v) >= 1e6)
        return QString::number(v, 'g', 6);
    return QLocale().toString(v, 'g', 8);
}

QString tooltipFor(const sc::ParamSpec &s)
{
    QString unit = s.unit.empty() ? QString() : QLatin1Char(' ') + qs(s.unit);
    QString t = qs(s.description);
    switch (s.type) {
    case sc::ParamType::Int:
    case sc::ParamType::Real:
        t += QObject::tr("\nDefault: %1%2\nRange: %3 – %4%2")
                 .arg(numberText(s.defaultValue), unit, numberText(s.min), numberText(s.max));
        break;
    case sc::ParamType::Bool:
        t += QObject::tr("\nDefault: %1")
                 .arg(s.defaultValue != 0 ? QObject::tr("on") : QObject::tr("off"));
        break;
    case sc::ParamType::Enum:
    case sc::ParamType::InstanceType:
        t += QObject::tr("\nDefault: %1").arg(qs(s.defaultText));
        break;
    }
    return t;
}

// Short enough for the inspector of a 1280 × 800 screen, price included: the memory to three
// figures, the month as the boxes write it ("cache.r6g.large — 2 vCPU, 13.07 GiB, $150/month"
// was cut after "$150/m"; QA).
QString instanceText(const sc::InstanceType &t, const sc::Catalog &catalog)
{
    const double gib = t.memoryGiB; // whole from 100 on: no exponent ("1.02e+03")
    return QObject::tr("%1, %2 vCPU, %3 GiB, %4/mo")
        .arg(QString::fromStdString(t.name), QLocale().toString(t.vcpu),
             QLocale().toString(gib, gib >= 100 ? 'f' : 'g', gib >= 100 ? 0 : 3),
             formatMoney(catalog.monthlyUsd(t)));
}

// A catalog list (dozens of types): typing filters it ("m5", "16 GiB"), and its popup is as wide
// as its longest entry, so no entry is cut off.
void makeSearchable(QComboBox *combo)
{
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setMaxVisibleItems(20);
    auto *completer = new QCompleter(combo->model(), combo);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    combo->setCompleter(completer);
    const QFontMetrics fm(combo->font());
    int widest = 0;
    for (int i = 0; i < combo->count(); ++i)
        widest = std::max(widest, fm.horizontalAdvance(combo->itemText(i)));
    const int extra = combo->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 32;
    combo->view()->setMinimumWidth(widest + extra);
    completer->popup()->setMinimumWidth(widest + extra);
    combo->lineEdit()->setToolTip(QObject::tr("Type to search the list"));
}

} // namespace

Inspector::Inspector(Document *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_undoKeys(new UndoKeysToDocument(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("inspectorTitle"));
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to its fields, not to the frame round them
    layout->addWidget(m_scroll, 1);
    // Below the fields, and only while it says something: a message appearing above them moved
    // them down under the pointer as the user typed (a click meant for one field landed on the
    // next), and the two lines kept for it there were an empty band under the title on every
    // page (QA). Here the fields stay where they are when it comes and goes.
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("inspectorMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #d03030;"));
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_message->hide();
    layout->addWidget(m_message);
    m_fieldTip = new FieldTip(this, m_scroll);
    m_fieldTip->setOnGone([this] { m_message->setVisible(!m_message->text().isEmpty()); });

    connect(doc, &Document::changed, this, &Inspector::onChanged);
    // A refused value's message is about the moment it was typed: the next change made or the
    // users viewed take it away (it stayed on screen under what came after; QA).
    connect(doc, &Document::usersChanged, this, [this] { showMessage({}); });
    connect(doc, &Document::evaluated, this, &Inspector::refreshFigures);
    connect(doc, &Document::timeFrameChanged, this, &Inspector::refreshFigures);
    connect(doc, &Document::catalogChanged, this, &Inspector::rebuild); // other instance types
    // The design page names the shown variant: another one shown, or it renamed.
    connect(doc, &Document::shownVariantChanged, this, &Inspector::refreshValues);
    rebuild();
}

void Inspector::setSelection(const QStringList &ids)
{
    if (ids == m_ids && !m_connection && m_group.isEmpty())
        return;
    m_ids = ids;
    m_connection.reset();
    m_group.clear();
    showMessage({});
    rebuild();
}

void Inspector::setGroup(const QString &id)
{
    if (!m_doc->group(id)) {
        setSelection({});
        return;
    }
    m_ids.clear();
    m_connection.reset();
    m_group = id;
    showMessage({});
    rebuild();
}

void Inspector::setConnection(const ConnectionKey &key)
{
    if (!m_doc->connection(key)) {
        setSelection({});
        return;
    }
    m_ids.clear();
    m_group.clear();
    m_connection = key;
    showMessage({});
    rebuild();
}

QWidget *Inspector::editor(const QString &name) const
{
    for (const Field &f : m_fields)
        if (f.name == name)
            return f.widget;
    return nullptr;
}

QString Inspector::message() const
{
    return m_message->text();
}

void Inspector::showMessage(const QString &text, QWidget *field)
{
    m_message->setText(text);
    m_message->setToolTip(text);
    // Said under the field when one is given (FieldTip), below the fields again once it goes.
    const bool atField = field && !text.isEmpty() && field->isVisible();
    m_message->setVisible(!text.isEmpty() && !atField);
    if (atField)
        m_fieldTip->showAt(field, text);
    else
        m_fieldTip->dismiss();
}

void Inspector::onChanged(const ChangeEvent &event)
{
    showMessage({});
    if (event.reset) {
        m_ids.clear();
        m_connection.reset();
        m_group.clear();
        rebuild();
        return;
    }
    // Pages are rebuilt later, not under the feet of the editor that sent the edit.
    bool rebuildPage = false;
    if (!m_group.isEmpty() && (event.groupsChanged || !event.componentsChanged.isEmpty())) {
        if (!m_doc->group(m_group))
            m_group.clear();
        rebuildPage = true;
    }
    if (m_connection) {
        const auto names = [&](const QList<ConnectionKey> &keys) {
            return keys.contains(*m_connection);
        };
        if (names(event.connectionsRemoved) || names(event.connectionsAdded) ||
            names(event.connectionsChanged)) {
            if (!m_doc->connection(*m_connection))
                m_connection.reset();
            rebuildPage = true;
        }
    }
    if (m_ids.removeIf([&](const QString &id) { return event.componentsRemoved.contains(id); }) > 0)
        rebuildPage = true;
    if (!rebuildPage &&
        (event.trafficChanged || event.propertiesChanged || !event.componentsChanged.isEmpty())) {
        const sc::Component *c = m_id.isEmpty() ? nullptr : m_doc->component(m_id);
        // The rows shown follow what applies (e.g. a burstable type given: its credits show).
        if (c && (c->autoscale.has_value() != m_hadAutoscale ||
                  c->flag("managed") != m_hadManaged || unusedParams({m_id}) != m_unused))
            rebuildPage = true;
        else if (m_id.isEmpty() && m_ids.size() > 1 && unusedParams(m_ids) != m_unused)
            rebuildPage = true;
        else
            refreshValues();
    }
    if (rebuildPage)
        QTimer::singleShot(0, this, &Inspector::rebuild);
}

bool Inspector::eventFilter(QObject *watched, QEvent *event)
{
    // The figures' table, wrapped, at least as tall as its width needs: the form gave it the
    // height of a wider label, and the rows below covered its last ones when more came (an app
    // tier past its wall: "Cost" cut in half, "Availability" hidden; QA).
    if (watched == m_figures &&
        (event->type() == QEvent::Resize || event->type() == QEvent::FontChange ||
         event->type() == QEvent::StyleChange))
        fitFiguresHeight();

    // Esc in a field being edited takes back what was typed: the field reads the design again
    // (the typed value stayed, and leaving the field applied it; QA). As F2's editor does.
    if ((event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride) &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape &&
        static_cast<QKeyEvent *>(event)->modifiers() == Qt::NoModifier) {
        const auto *field = qobject_cast<QWidget *>(watched);
        const auto it = std::find_if(m_fields.begin(), m_fields.end(),
                                     [field](const Field &f) { return f.widget == field; });
        if (field && field->hasFocus() && it != m_fields.end() && it->refresh) {
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept(); // the field's, not the window's Esc (which clears the selection)
                return true;
            }
            m_reverting = true;
            it->refresh();
            m_reverting = false;
            showMessage({});
            return true;
        }
    }
    if (event->type() == QEvent::Wheel) {
        const auto *field = qobject_cast<QWidget *>(watched);
        if (field && !field->hasFocus()) {
            QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void Inspector::refreshValues()
{
    for (const Field &f : m_fields)
        if (f.refresh)
            f.refresh();
    // The heading follows a label edited elsewhere too (on the canvas, undone): it kept the old
    // name until the box was selected again.
    if (const sc::Component *c = m_id.isEmpty() ? nullptr : m_doc->component(m_id))
        m_title->setText(componentTitle(*c));
    refreshFigures();
}

namespace {

// Spin boxes that let any text be typed: Qt's own refuse a keystroke that cannot make a value
// in range (a minus sign, a digit too many, a letter) without a word, so "-5" became 5 and
// 99999999999 became 99999. Here such text stays in the field as typed, the inspector says
// what the range is (makeNumberEditor), and Return keeps the value as it was.
// An arrow (its buttons, the Up and Down keys, the wheel over the field being edited) is an edit
// of its own: it applies at once, as a typed value does on Return (the field showed 5 instances
// while the design kept 2 until focus left it, and Ctrl+Z meanwhile undid an earlier edit; QA).
template <class SpinBox> class Typed : public SpinBox
{
public:
    using SpinBox::SpinBox;
    QValidator::State validate(QString &text, int &pos) const override
    {
        const QValidator::State own = SpinBox::validate(text, pos);
        return own == QValidator::Acceptable ? own : QValidator::Intermediate;
    }
    void stepBy(int steps) override
    {
        SpinBox::stepBy(steps);
        emit this->editingFinished();
    }
    // "-0" typed is 0 (a field whose minimum is 0 takes the sign; the design kept −0 and the
    // figures and reports read "-0": review).
    auto valueFromText(const QString &text) const -> decltype(SpinBox::valueFromText(text)) override
    {
        const auto v = SpinBox::valueFromText(text);
        if constexpr (std::is_floating_point_v<decltype(v)>)
            return sc::unsignedZero(v);
        else
            return v;
    }
};
using TypedSpinBox = Typed<QSpinBox>;
using TypedDoubleSpinBox = Typed<QDoubleSpinBox>;

// Whether the user changed a field since it was last written, as a flag its own signals set (it
// was typed in, an arrow stepped it; the inspector's writes to it are signal-blocked) and its
// commit clears.
std::shared_ptr<bool> userEdits(QAbstractSpinBox *box)
{
    auto edited = std::make_shared<bool>(false);
    const auto set = [edited] { *edited = true; };
    if (auto *edit = box->findChild<QLineEdit *>())
        QObject::connect(edit, &QLineEdit::textEdited, box, set);
    if (auto *s = qobject_cast<QSpinBox *>(box))
        QObject::connect(s, &QSpinBox::valueChanged, box, set);
    else if (auto *d = qobject_cast<QDoubleSpinBox *>(box))
        QObject::connect(d, &QDoubleSpinBox::valueChanged, box, set);
    return edited;
}

// A user count, as the users field of the tool bar reads it (readUserCount), after the field's
// unit: it refused "2.5M", which the README says the users fields take (QA).
std::optional<double> userCountIn(QString text, const QString &suffix)
{
    text = text.trimmed();
    if (!suffix.isEmpty() && text.endsWith(suffix.trimmed()))
        text.chop(suffix.trimmed().size());
    return readUserCount(text);
}

class UserCountSpinBox : public TypedDoubleSpinBox
{
public:
    using TypedDoubleSpinBox::TypedDoubleSpinBox;
    QValidator::State validate(QString &text, int &) const override
    {
        const std::optional<double> v = userCountIn(text, suffix());
        return v && *v >= minimum() && *v <= maximum() ? QValidator::Acceptable
                                                       : QValidator::Intermediate;
    }
    double valueFromText(const QString &text) const override
    {
        return sc::unsignedZero(userCountIn(text, suffix()).value_or(value()));
    }
    // Grouped by thousands as the tool bar writes counts ("200,000", not "200000"); read back by
    // readUserCount, which drops the commas.
    QString textFromValue(double v) const override
    {
        return v == std::floor(v) && std::abs(v) < 1e15 ? formatFullCount(v)
                                                        : TypedDoubleSpinBox::textFromValue(v);
    }
};

} // namespace

QWidget *Inspector::makeNumberEditor(const sc::ParamSpec &spec, std::function<double()> get,
                                     std::function<bool(double)> set, std::function<bool()> mixed)
{
    const QString suffix = spec.unit.empty() ? QString() : QLatin1Char(' ') + qs(spec.unit);
    const QString name = paramTitle(spec.name);
    QAbstractSpinBox *box = nullptr;
    std::function<double()> value;
    std::function<void(double)> setValue;
    // A count past what an int holds (a cache's keys, up to 1e12) is a double box without
    // decimals.
    if (spec.type == sc::ParamType::Int && spec.max <= INT_MAX) {
        auto *s = new TypedSpinBox;
        s->setRange(int(spec.min), int(std::min<double>(spec.max, INT_MAX)));
        s->setSuffix(suffix);
        // A unit that is a plural word reads singular at one: "1 call", not "1 calls" (QA).
        const QString unit = qs(spec.unit);
        const bool plural =
            unit.size() > 2 && unit.endsWith(QLatin1Char('s')) &&
            std::all_of(unit.begin(), unit.end(), [](QChar c) { return c.isLetter(); });
        const auto reword = [s, suffix, plural](int v) {
            if (plural)
                s->setSuffix(v == 1 ? suffix.chopped(1) : suffix);
        };
        connect(s, &QSpinBox::valueChanged, s, reword);
        box = s;
        value = [s] { return double(s->value()); };
        setValue = [s, reword](double v) {
            s->setValue(int(std::lround(v)));
            reword(s->value());
        };
    } else {
        auto *s = spec.name == "users" ? new UserCountSpinBox : new TypedDoubleSpinBox;
        const int decimals = spec.max <= 1 ? 3 : (spec.min > 0 && spec.min < 0.01 ? 3 : 2);
        s->setDecimals(spec.name == "users" || spec.type == sc::ParamType::Int ? 0 : decimals);
        s->setRange(spec.min, spec.max);
        s->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        s->setSuffix(suffix);
        box = s;
        value = [s] { return s->value(); };
        setValue = [s](double v) { s->setValue(v); };
    }
    box->setKeyboardTracking(false);
    box->setCorrectionMode(QAbstractSpinBox::CorrectToPreviousValue);
    // The size hint fits the widest value of the range (up to 1e12): the form would be wider
    // than the dock and cut off at its right edge. The field takes the room the form gives it.
    box->setMinimumWidth(box->fontMetrics().horizontalAdvance(QStringLiteral("000,000.00")) +
                         box->fontMetrics().horizontalAdvance(suffix) + 24);
    box->setToolTip(tooltipFor(spec));
    box->setAccelerated(true);
    {
        QSignalBlocker b(box);
        setValue(get());
    }
    // Refuse out-of-range or non-numeric text with a message (the spin box would silently
    // revert it).
    if (auto *edit = box->findChild<QLineEdit *>()) {
        const double lo = spec.min, hi = spec.max;
        const bool whole = spec.type == sc::ParamType::Int; // a count: 2.5 keys is no count
        const bool users = spec.name == "users";
        connect(
            edit, &QLineEdit::textEdited, this,
            [this, edit, suffix, name, lo, hi, whole, users](QString text) {
                bool ok = false;
                double v = 0;
                if (users) {
                    const std::optional<double> count = userCountIn(text, suffix);
                    ok = count.has_value();
                    v = count.value_or(0);
                } else {
                    if (!suffix.isEmpty() && text.endsWith(suffix))
                        text.chop(suffix.size());
                    v = QLocale().toDouble(text.trimmed().remove(QLocale().groupSeparator()), &ok);
                }
                if (!ok || !std::isfinite(v) || v < lo || v > hi || (whole && v != std::floor(v)))
                    showMessage(tr("%1: enter a %2 from %3 to %4%5 — the value was not changed")
                                    .arg(name, whole ? tr("whole number") : tr("number"),
                                         numberText(lo), numberText(hi), suffix),
                                edit);
                else
                    showMessage({});
            });
    }
    // A field left as shown commits nothing, though the stored value has more digits than it
    // shows (2.992 for 2.991935…: tabbing through it stored 2.992, marked the design modified
    // and took the redo history; QA).
    const std::shared_ptr<bool> edited = userEdits(box);
    auto commit = [this, value, setValue, edited, get, set, mixed]() {
        const double v = value();
        const bool typed = std::exchange(*edited, false);
        // With others differing, the shown value is news.
        if ((!typed || v == get()) && !(mixed && mixed()))
            return;
        if (!set(v)) {
            QSignalBlocker b(this);
            setValue(get());
            *edited = false; // (the box's own signal set it)
        }
    };
    connect(box, &QAbstractSpinBox::editingFinished, this, commit);
    m_fields.push_back({qs(spec.name), box, [box, get, setValue, edited] {
                            QSignalBlocker b(box);
                            setValue(get());
                            *edited = false;
                        }});
    return box;
}

void Inspector::rebuild()
{
    // The field that has the focus has it again in the new page (an edit that rebuilds the page,
    // a region's label renamed with Return, sent the focus to the canvas; QA).
    QString focused;
    if (QWidget *f = QApplication::focusWidget();
        f && m_scroll->widget() && m_scroll->widget()->isAncestorOf(f))
        for (const Field &field : m_fields)
            if (field.widget && (field.widget == f || field.widget->isAncestorOf(f)))
                focused = field.name;
    m_fields.clear();
    m_figures = nullptr;
    m_viewing = nullptr;
    m_edgeFlow = nullptr;
    m_page = new QWidget;
    auto *outer = new QVBoxLayout(m_page);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    outer->addLayout(form);

    m_id.clear();
    if (m_connection && m_doc->connection(*m_connection)) {
        buildConnection(form, *m_connection);
    } else if (const sc::Group *g = m_group.isEmpty() ? nullptr : m_doc->group(m_group)) {
        buildGroup(form, *g);
    } else if (m_ids.size() == 1 && m_doc->component(m_ids.first())) {
        m_id = m_ids.first();
        buildComponent(form, *m_doc->component(m_id));
    } else if (m_ids.size() > 1) {
        buildSelection(form);
    } else {
        buildTraffic(form);
    }
    outer->addStretch(1);
    // The old page may be the sender of the signal that got us here: delete it later, not now
    // (QScrollArea::setWidget would delete it at once). Its fields speak for what it was built
    // for: one with the cursor in it applied its value on losing focus, taken away with the page,
    // to whatever is shown now (a variant switched by its shortcut wrote a value edited in one
    // design into the other as well; QA).
    if (QWidget *old = m_scroll->widget()) {
        for (QWidget *field : old->findChildren<QWidget *>())
            field->blockSignals(true); // before it goes: taking it moves the focus
        m_scroll->takeWidget();
        old->deleteLater();
    }
    m_scroll->setWidget(m_page);
    m_undoKeys->watchAll(m_page);
    // The wheel over a field scrolls the panel unless the field is being edited (it changed the
    // value under the pointer: six notches took a service cv from 1.00 to 0.94, one a pricing
    // from on-demand to reserved, with nothing on screen to say so; QA). Clicking, or Tab,
    // gives a field the focus; the wheel no longer does.
    for (QWidget *field : m_page->findChildren<QWidget *>())
        if (qobject_cast<QAbstractSpinBox *>(field) || qobject_cast<QComboBox *>(field)) {
            field->setFocusPolicy(Qt::StrongFocus);
            field->installEventFilter(this);
        }
    // The text fields too, for Esc (eventFilter).
    for (const Field &f : m_fields)
        if (qobject_cast<QLineEdit *>(f.widget) && f.refresh)
            f.widget->installEventFilter(this);
    if (!focused.isEmpty())
        if (QWidget *again = editor(focused))
            again->setFocus();
    refreshFigures();
}

void Inspector::buildConnection(QFormLayout *form, const ConnectionKey &key)
{
    const sc::Connection conn = *m_doc->connection(key);
    const sc::Component *from = m_doc->component(QString::fromStdString(conn.from));
    const sc::Component *to = m_doc->component(QString::fromStdString(conn.to));
    auto name = [](const sc::Component *c, const std::string &id) {
        return QString::fromStdString(c && !c->label.empty() ? c->label : id);
    };
    m_title->setText(tr("%1 → %2").arg(name(from, conn.from), name(to, conn.to)));
    m_title->setToolTip(tr("A connection: requests flow from %1 to %2")
                            .arg(name(from, conn.from), name(to, conn.to)));
    Document *doc = m_doc;
    // What it carries follows the viewed users and the timeline's clock (refreshFigures; QA: it
    // kept the figure of the users it was selected at).
    m_edgeFlow = new QLabel;
    m_edgeFlow->setObjectName(QStringLiteral("edgeFlow"));
    form->addRow(m_edgeFlow);

    // Weight: splits a group of targets; without any weight the split follows instance counts.
    auto *weighted = new QCheckBox(tr("Weighted split"));
    weighted->setToolTip(tr("Without weights a balancer splits by the targets' instance counts; "
                            "with them, in proportion to the weights"));
    auto *weight = new TypedDoubleSpinBox;
    weight->setRange(1e-6, 1e9);
    weight->setDecimals(3);
    weight->setValue(conn.weight.value_or(1.0));
    weight->setEnabled(conn.weight.has_value());
    weighted->setChecked(conn.weight.has_value());
    auto apply = [doc, key](std::function<void(sc::Connection &)> change) {
        const sc::Connection *now = doc->connection(key);
        if (!now)
            return;
        sc::Connection c = *now;
        change(c);
        if (!(c == *now))
            doc->undoStack()->push(new ChangeConnection(doc, key, c));
    };
    connect(weighted, &QCheckBox::toggled, this, [apply, weight](bool on) {
        weight->setEnabled(on);
        apply([&](sc::Connection &c) {
            if (on)
                c.weight = weight->value();
            else
                c.weight.reset();
        });
    });
    // Left as shown, a weight of more digits than it shows keeps them (as a parameter's field:
    // makeNumberEditor).
    const std::shared_ptr<bool> weightEdited = userEdits(weight);
    connect(weight, &QDoubleSpinBox::editingFinished, this,
            [apply, weight, weighted, weightEdited] {
                if (std::exchange(*weightEdited, false) && weighted->isChecked())
                    apply([&](sc::Connection &c) { c.weight = weight->value(); });
            });
    form->addRow(weighted);
    form->addRow(tr("Weight"), weight);
    m_fields.push_back({QStringLiteral("weight"), weight, {}});

    // Request classes: none ticked means every class.
    auto *classes = new QGroupBox(tr("Request classes (none = all)"));
    auto *box = new QVBoxLayout(classes);
    for (int k = 0; k < sc::kClassCount; ++k) {
        const auto cls = sc::RequestClass(k);
        auto *check = new QCheckBox(qs(sc::className(cls)));
        check->setChecked(!conn.classes.empty() && conn.carries(cls));
        connect(check, &QCheckBox::toggled, this, [apply, cls](bool on) {
            apply([&](sc::Connection &c) {
                auto it = std::find(c.classes.begin(), c.classes.end(), cls);
                if (on && it == c.classes.end())
                    c.classes.push_back(cls);
                else if (!on && it != c.classes.end())
                    c.classes.erase(it);
                std::sort(c.classes.begin(), c.classes.end());
            });
        });
        box->addWidget(check);
        m_fields.push_back({qs(sc::className(cls)), check, {}});
    }
    form->addRow(classes);
}

// The heading of a component's page: its label and kind.
QString Inspector::componentTitle(const sc::Component &c) const
{
    return tr("%1 (%2)").arg(QString::fromStdString(c.label), qs(sc::kindTitle(c.kind)));
}

void Inspector::buildComponent(QFormLayout *form, const sc::Component &c)
{
    m_title->setText(componentTitle(c));
    m_title->setToolTip(qs(sc::kindDescription(c.kind)));
    m_figures = new QLabel;
    m_figures->setWordWrap(true);
    m_figures->setTextFormat(Qt::RichText);
    m_figures->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_figures->setObjectName(QStringLiteral("inspectorFigures"));
    m_figures->installEventFilter(this); // its height follows its width (eventFilter)
    connect(m_figures, &QLabel::linkActivated, this, [this](const QString &link) {
        // "explain:@figure" is the design's figure, "explain:figure" this component's.
        if (link.startsWith(QLatin1String("explain:@")))
            emit explainRequested(QString(), link.mid(9));
        else if (link.startsWith(QLatin1String("explain:")))
            emit explainRequested(m_id, link.mid(8));
    });
    form->addRow(m_figures);
    buildParams(form, c.kind, {m_id});
    m_hadAutoscale = c.autoscale.has_value();
    m_hadManaged = c.flag("managed");
    m_unused = unusedParams({m_id});
    hideParams(form, m_unused);
    if (sc::canAutoscale(c.kind))
        buildAutoscale(form, c);
}

// Parameters the model does not use for any of the components `ids` are not shown: a managed
// load balancer runs no instances of a type; an auto-scaled tier's count is the auto-scaling's;
// only a burstable type has CPU credits. (A selection of several showed "Credit mode" for two
// c5.xlarge tiers; QA.)
QStringList Inspector::unusedParams(const QStringList &ids) const
{
    bool burstableOne = false, runsInstances = false, allScaled = true;
    for (const QString &id : ids)
        if (const sc::Component *c = m_doc->component(id)) {
            burstableOne = burstableOne || burstable(*c);
            runsInstances = runsInstances || c->runsInstances();
            allScaled = allScaled && c->autoscale.has_value();
        }
    QStringList unused;
    if (!burstableOne)
        unused << QStringLiteral("creditMode");
    if (!runsInstances)
        unused << QStringLiteral("instances") << QStringLiteral("instanceType")
               << QStringLiteral("pricing");
    else if (allScaled)
        unused << QStringLiteral("instances");
    return unused;
}

void Inspector::hideParams(QFormLayout *form, const QStringList &names)
{
    for (const QString &name : names)
        if (QWidget *w = editor(name)) {
            form->setRowVisible(w, false);
            for (QLabel *label : m_page->findChildren<QLabel *>())
                if (label->buddy() == w)
                    form->setRowVisible(label, false); // a title on a row of its own
        }
}

bool Inspector::burstable(const sc::Component &c) const
{
    if (!c.runsInstances())
        return false;
    const sc::InstanceType *type = m_doc->catalog().instance(c.textView("instanceType"));
    return type && type->burstBaseline < 1; // the catalog's mark of a burstable type
}

void Inspector::buildSelection(QFormLayout *form)
{
    QStringList ids;
    std::optional<sc::Kind> kind;
    bool oneKind = true;
    for (const QString &id : std::as_const(m_ids)) {
        const sc::Component *c = m_doc->component(id);
        if (!c)
            continue;
        ids << id;
        oneKind = oneKind && (!kind || *kind == c->kind);
        kind = c->kind;
    }
    m_title->setText(tr("%n components selected", nullptr, int(ids.size())));
    m_title->setToolTip({});
    m_unused = unusedParams(ids); // (compared on each change: the page is rebuilt when it moves)
    if (ids.size() < 2 || !oneKind) {
        auto *hint = new QLabel(tr("Select components of one kind to edit their parameters "
                                   "together."));
        hint->setWordWrap(true);
        form->addRow(hint);
        return;
    }
    m_title->setText(tr("%1 × %2").arg(ids.size()).arg(qs(sc::kindTitle(*kind))));
    m_title->setToolTip(qs(sc::kindDescription(*kind)));
    buildParams(form, *kind, ids);
    hideParams(form, m_unused);
    const int scaled = int(std::count_if(ids.begin(), ids.end(), [this](const QString &id) {
        const sc::Component *c = m_doc->component(id);
        return c && c->autoscale;
    }));
    if (scaled > 0) {
        auto *hint = new QLabel(tr("%n of them auto-scale: their instance count follows the load, "
                                   "not the field above. Select one to change its auto-scaling.",
                                   nullptr, scaled));
        hint->setWordWrap(true);
        hint->setEnabled(false); // the palette's quiet text colour
        form->addRow(hint);
    }
}

void Inspector::buildParams(QFormLayout *form, sc::Kind kind, const QStringList &ids)
{
    // One component or several of one kind: a field shows the first one's value, marked when
    // the others differ, and a new value goes to all of them as one undo step.
    Document *doc = m_doc;
    for (const sc::ParamSpec &spec : sc::paramSpecs(kind)) {
        const std::string name(spec.name);
        auto current = [doc, ids, name] {
            const sc::Component *cc = doc->component(ids.first());
            return cc ? cc->number(name) : 0.0;
        };
        auto currentText = [doc, ids, name] {
            const sc::Component *cc = doc->component(ids.first());
            return cc ? QString::fromStdString(cc->text(name)) : QString();
        };
        auto mixed = [doc, ids, name] {
            const sc::Component *first = doc->component(ids.first());
            for (const QString &id : ids) {
                const sc::Component *cc = doc->component(id);
                if (first && cc &&
                    (cc->number(name) != first->number(name) ||
                     cc->text(name) != first->text(name)))
                    return true;
            }
            return false;
        };
        auto apply = [doc, ids, name](sc::ParamValue v) {
            doc->undoStack()->push(new ChangeParameter(doc, ids, name, std::move(v)));
        };
        QWidget *w = nullptr;
        switch (spec.type) {
        case sc::ParamType::Int:
        case sc::ParamType::Real:
            w = makeNumberEditor(
                spec, current,
                [this, apply](double v) {
                    apply(sc::ParamValue{v, {}});
                    showMessage({});
                    return true;
                },
                mixed);
            break;
        case sc::ParamType::Bool: {
            auto *b = new QCheckBox;
            b->setChecked(current() != 0);
            connect(b, &QCheckBox::toggled, this, [apply](bool on) {
                apply(sc::ParamValue{on ? 1.0 : 0.0, {}});
            });
            m_fields.push_back({qs(spec.name), b, [b, current] {
                                    QSignalBlocker s(b);
                                    b->setChecked(current() != 0);
                                }});
            w = b;
            break;
        }
        case sc::ParamType::Enum:
        case sc::ParamType::InstanceType: {
            auto *combo = new QComboBox;
            // The long catalog entries must not widen the dock; the popup shows them whole.
            combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            combo->setMinimumContentsLength(10);
            if (spec.type == sc::ParamType::Enum) {
                // As people read it ("On-demand"), the file's key ("onDemand") as its data.
                for (const QString &choice : qs(spec.choices).split(QLatin1Char('|'))) {
                    QString shown = qs(sc::choiceText(choice.toStdString()));
                    shown[0] = shown[0].toUpper();
                    combo->addItem(shown, choice);
                }
            } else {
                const sc::Catalog &cat = m_doc->catalog();
                for (const sc::InstanceType &t : cat.instanceTypes)
                    if (t.service == spec.choices)
                        combo->addItem(instanceText(t, cat), QString::fromStdString(t.name));
                makeSearchable(combo);
            }
            auto refresh = [combo, currentText] {
                QSignalBlocker s(combo);
                int i = combo->findData(currentText());
                if (i < 0) { // a name the catalog does not know: show it, the model reports it
                    combo->addItem(currentText(), currentText());
                    i = combo->count() - 1;
                }
                combo->setCurrentIndex(i);
                // A long entry in a narrow field reads from its start ("cache.t3.medium — …"),
                // not scrolled to its end.
                if (QLineEdit *edit = combo->lineEdit())
                    edit->setCursorPosition(0);
            };
            refresh();
            connect(combo, &QComboBox::activated, this, [combo, currentText, mixed, apply] {
                if (QLineEdit *edit = combo->lineEdit())
                    edit->setCursorPosition(0);
                const QString v = combo->currentData().toString();
                if (v != currentText() || mixed())
                    apply(sc::ParamValue{0, v.toStdString()});
            });
            if (QLineEdit *edit = combo->lineEdit()) // searched text that names no entry: back
                connect(edit, &QLineEdit::editingFinished, this, [combo, refresh] {
                    if (combo->findText(combo->currentText()) < 0)
                        refresh();
                });
            m_fields.push_back({qs(spec.name), combo, refresh});
            w = combo;
            break;
        }
        }
        w->setToolTip(tooltipFor(spec));
        auto *label = new QLabel(paramTitle(spec.name));
        label->setToolTip(tooltipFor(spec));
        label->setBuddy(w);
        if (ids.size() > 1) {
            // Differing values: the label says so (italic, "differ"), until one value is set.
            auto mark = [label, mixed, title = paramTitle(spec.name), tip = tooltipFor(spec)] {
                const bool differ = mixed();
                label->setText(differ ? tr("<i>%1 (differ)</i>").arg(title) : title);
                label->setToolTip(differ ? tr("The selected components differ here; a value set "
                                              "now applies to all of them.\n\n%1")
                                               .arg(tip)
                                         : tip);
            };
            mark();
            m_fields.push_back({qs(spec.name) + QStringLiteral("#label"), label, mark});
        }
        if (spec.type == sc::ParamType::InstanceType) {
            // The catalog entries are long: the list gets the whole width, under its title.
            form->addRow(label);
            form->addRow(w);
        } else {
            form->addRow(label, w);
        }
    }
}

void Inspector::buildAutoscale(QFormLayout *form, const sc::Component &c)
{
    auto *group = new QGroupBox(tr("Auto-scaling"));
    group->setCheckable(true);
    group->setChecked(c.autoscale.has_value());
    group->setToolTip(tr("Target tracking: the tier runs between min and max instances, adding "
                         "instances to keep utilization near the target"));
    auto *inner = new QFormLayout(group);
    const QString id = m_id;
    Document *doc = m_doc;
    connect(group, &QGroupBox::toggled, this, [doc, id](bool on) {
        const sc::Component *cc = doc->component(id);
        if (!cc)
            return;
        std::optional<sc::Autoscale> a;
        if (on) {
            a = sc::Autoscale{};
            a->min = std::max(1, int(cc->number("instances")));
            a->max = std::max(a->min, a->max);
        }
        doc->undoStack()->push(new ChangeAutoscale(doc, id, a));
    });
    if (c.autoscale) {
        for (const sc::ParamSpec &spec : sc::autoscaleSpecs()) {
            const std::string name(spec.name);
            if (spec.type == sc::ParamType::Enum) { // the policy: one of its names
                auto *combo = new QComboBox;
                for (const QString &choice : qs(spec.choices).split(QLatin1Char('|')))
                    combo->addItem(paramTitle(choice.toStdString()), choice);
                auto refresh = [combo, doc, id] {
                    const sc::Component *cc = doc->component(id);
                    if (!cc || !cc->autoscale)
                        return;
                    QSignalBlocker s(combo);
                    combo->setCurrentIndex(int(cc->autoscale->policy));
                };
                refresh();
                connect(combo, &QComboBox::activated, this, [doc, id](int index) {
                    const sc::Component *cc = doc->component(id);
                    if (!cc || !cc->autoscale || int(cc->autoscale->policy) == index)
                        return;
                    sc::Autoscale a = *cc->autoscale;
                    a.policy = sc::Autoscale::Policy(index);
                    doc->undoStack()->push(new ChangeAutoscale(doc, id, a));
                });
                m_fields.push_back({QStringLiteral("autoscale.policy"), combo, refresh});
                auto *label = new QLabel(paramTitle(spec.name));
                label->setToolTip(tooltipFor(spec));
                combo->setToolTip(tooltipFor(spec));
                inner->addRow(label, combo);
                continue;
            }
            auto get = [doc, id, name] {
                const sc::Component *cc = doc->component(id);
                return cc && cc->autoscale ? cc->autoscale->get(name) : 0.0;
            };
            QWidget *w = makeNumberEditor(spec, get, [this, doc, id, name](double v) {
                const sc::Component *cc = doc->component(id);
                if (!cc || !cc->autoscale)
                    return false;
                sc::Autoscale a = *cc->autoscale;
                a.set(name, v);
                if (a.min > a.max) {
                    showMessage(tr("Auto-scaling: min (%1) must not exceed max (%2) — the value "
                                   "was not changed")
                                    .arg(a.min)
                                    .arg(a.max));
                    return false;
                }
                showMessage({});
                doc->undoStack()->push(new ChangeAutoscale(doc, id, a));
                return true;
            });
            m_fields.back().name = QStringLiteral("autoscale.") + qs(spec.name);
            auto *label = new QLabel(paramTitle(spec.name));
            label->setToolTip(tooltipFor(spec));
            inner->addRow(label, w);
        }
    } else {
        auto *hint = new QLabel(tr("Off: the instance count above is fixed."));
        hint->setWordWrap(true);
        inner->addRow(hint);
    }
    form->addRow(group);
}

void Inspector::buildTraffic(QFormLayout *form)
{
    m_title->setText(tr("Design"));
    m_title->setToolTip(tr("Nothing selected: the design's name, description and traffic"));
    Document *doc = m_doc;
    // Name and description: each edit one undo step (File ▸ Design Properties… edits both).
    // A variant shown: its name, as the Variants menu and the lesson steps call it (the name
    // its design carries inside the file is not shown anywhere).
    auto *name = new QLineEdit;
    name->setObjectName(QStringLiteral("designName"));
    auto *nameLabel = new QLabel;
    auto readName = [this, doc, name, nameLabel] {
        const QString variant = doc->shownVariant();
        nameLabel->setText(variant.isEmpty() ? tr("Name") : tr("Variant"));
        name->setPlaceholderText(variant.isEmpty() ? tr("Untitled design") : QString());
        name->setToolTip(variant.isEmpty()
                             ? QString()
                             : tr("The variant's name, as the Variants menu shows it"));
        if (name->hasFocus() && !m_reverting) // what is being typed stays, but for Esc
            return;
        name->setText(variant.isEmpty() ? QString::fromStdString(doc->design().name) : variant);
        name->setCursorPosition(0); // a long name shows its start
    };
    readName();
    connect(name, &QLineEdit::editingFinished, this, [this, doc, name] {
        const QString variant = doc->shownVariant();
        if (!variant.isEmpty()) {
            // The menu's Rename: a refusal says what to do, and the field shows the name kept.
            const QString problem = renameVariantOf(doc, variant, name->text());
            showMessage(problem, name);
            if (!problem.isEmpty())
                name->setText(variant);
            return;
        }
        const std::string n = name->text().trimmed().toStdString();
        if (n != doc->design().name)
            doc->undoStack()->push(new ChangeDesignProperties(doc, n, doc->design().description));
    });
    m_fields.push_back({QStringLiteral("designName"), name, readName});
    form->addRow(nameLabel, name);
    auto *description = new QLabel;
    description->setObjectName(QStringLiteral("designDescription"));
    description->setWordWrap(true);
    description->setEnabled(false); // quiet text
    auto readDescription = [doc, description] {
        const QString d = QString::fromStdString(doc->design().description);
        description->setText(d.isEmpty() ? tr("No description (File ▸ Design Properties…)") : d);
    };
    readDescription();
    m_fields.push_back({QStringLiteral("designDescription#label"), description, readDescription});
    form->addRow(description);
    // The service-level objective the walls and the availability are held to.
    auto *objective = new QLabel;
    objective->setObjectName(QStringLiteral("designSlo"));
    objective->setWordWrap(true);
    objective->setToolTip(tr("The service-level objective: edited in File ▸ Design Properties…"));
    auto readObjective = [doc, objective] {
        const sc::Slo &slo = doc->design().slo;
        QString text = tr("Objective: p99 ≤ %1 · availability ≥ %2")
                           .arg(formatLatency(slo.p99Ms), formatAvailability(slo.availability));
        if (slo.monthlyBudgetUsd)
            text += tr(" · budget %1").arg(formatMonthly(*slo.monthlyBudgetUsd));
        objective->setText(text);
    };
    readObjective();
    m_fields.push_back({QStringLiteral("designSlo#label"), objective, readObjective});
    form->addRow(objective);
    auto *traffic = new QLabel(tr("<b>Traffic</b>"));
    form->addRow(traffic);
    for (const sc::ParamSpec &spec : sc::trafficSpecs()) {
        const std::string field(spec.name);
        QWidget *w = makeNumberEditor(
            spec, [doc, field] { return doc->design().traffic.get(field); },
            [doc, field](double v) {
                doc->undoStack()->push(new ChangeTraffic(doc, field, v));
                return true;
            });
        auto *label = new QLabel(paramTitle(spec.name));
        label->setToolTip(tooltipFor(spec));
        form->addRow(label, w);
        if (field == "users") {
            // The saved users above; the figures may be viewed at another count (the slider).
            m_viewing = new QLabel;
            m_viewing->setObjectName(QStringLiteral("viewingNote"));
            m_viewing->setWordWrap(true);
            form->addRow(m_viewing);
        }
    }
    auto *hint = new QLabel(tr("Select a component to edit its parameters."));
    hint->setWordWrap(true);
    hint->setEnabled(false);
    form->addRow(hint);
}

void Inspector::refreshViewing()
{
    if (!m_viewing)
        return;
    const bool other = m_doc->viewingOtherUsers();
    m_viewing->setText(
        other ? tr("The design is sized for %1 users; the figures are viewed at "
                   "%2 (the slider).")
                    .arg(formatCount(m_doc->designUsers()), formatCount(m_doc->users()))
              : tr("The figures are shown at these users."));
    m_viewing->setEnabled(other); // quiet unless it says something
}

void Inspector::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // A label lays its rich text out once, with the palette's link colour of that moment, and
    // keeps that layout when given the same text again: cleared first, the links take the new
    // theme's colour (they stayed pure blue on dark grey after View ▸ Dark Theme).
    if (event->type() == QEvent::PaletteChange) {
        if (m_figures)
            m_figures->clear();
        refreshFigures();
    }
}

void Inspector::buildGroup(QFormLayout *form, const sc::Group &group)
{
    const bool region = group.kind == "region";
    const QString id = QString::fromStdString(group.id);
    const QString label = QString::fromStdString(group.label.empty() ? group.id : group.label);
    m_title->setText(region ? tr("Region “%1”").arg(label) : tr("Zone “%1”").arg(label));
    m_title->setToolTip(region ? tr("A region: the components in it run there")
                               : tr("An availability zone: the components in it run there"));
    Document *doc = m_doc;
    // Every edit: the groups with this one changed, one undo step.
    auto apply = [doc, id](const QString &text, std::function<void(sc::Group &)> change) {
        std::vector<sc::Group> groups = doc->design().groups;
        for (sc::Group &g : groups)
            if (g.id == id.toStdString()) {
                change(g);
                if (!(groups == doc->design().groups))
                    doc->undoStack()->push(new ChangeGroups(doc, std::move(groups), text));
                return;
            }
    };

    auto *name = new QLineEdit(QString::fromStdString(group.label));
    name->setObjectName(QStringLiteral("groupLabel"));
    connect(name, &QLineEdit::editingFinished, this, [this, name, apply, id] {
        const std::string text = name->text().simplified().toStdString();
        if (text.empty()) {
            showMessage(tr("A label cannot be empty; kept the old one"), name);
            return;
        }
        apply(tr("Rename %1").arg(id), [&](sc::Group &g) { g.label = text; });
    });
    m_fields.push_back({QStringLiteral("groupLabel"), name, [doc, id, name] {
                            if (const sc::Group *g = doc->group(id))
                                name->setText(QString::fromStdString(g->label));
                        }});
    form->addRow(tr("Label"), name);
    form->addRow(tr("Kind"), new QLabel(region ? tr("Region") : tr("Availability zone")));

    if (region) {
        auto *place = new QComboBox;
        place->setObjectName(QStringLiteral("groupPlace"));
        place->addItem(tr("(not set)"), QString());
        for (const QString &r : awsRegionNames())
            place->addItem(r, r);
        // A place given by coordinates shows as them (the list offers region names only).
        const QString now = group.place ? placeText(*group.place) : QString();
        if (!now.isEmpty() && place->findData(now) < 0)
            place->addItem(now, now);
        place->setCurrentIndex(std::max(0, place->findData(now)));
        place->setToolTip(tr("The AWS region it runs in: where its round trips start from"));
        connect(place, &QComboBox::activated, this, [place, apply, id, now, doc](int) {
            const QString v = place->currentData().toString();
            if (v == now)
                return; // the coordinates it had, or the same region
            std::optional<sc::Place> chosen;
            if (!v.isEmpty())
                chosen = sc::Place{v.toStdString(), 0, 0};
            // The undo step names the region as its title does, not by its id ("west"); a
            // title that was the old region's name follows the new one ("Region eu-west-1" kept
            // its name after the region moved to eu-central-1; QA).
            const sc::Group *was = doc->group(id);
            const std::string label = was ? was->label : std::string();
            const bool follows = !label.empty() && label == now.toStdString() && !v.isEmpty();
            apply(tr("Place %1 in %2")
                      .arg(label.empty() ? id : QString::fromStdString(label),
                           v.isEmpty() ? tr("no region") : v),
                  [&](sc::Group &g) {
                      g.place = chosen;
                      if (follows)
                          g.label = v.toStdString();
                  });
        });
        form->addRow(tr("AWS region"), place);
    } else {
        auto *owner = new QComboBox;
        owner->setObjectName(QStringLiteral("groupRegion"));
        owner->addItem(tr("(none)"), QString());
        for (const sc::Group &g : doc->design().groups)
            if (g.kind == "region")
                owner->addItem(QString::fromStdString(g.label.empty() ? g.id : g.label),
                               QString::fromStdString(g.id));
        owner->setCurrentIndex(std::max(0, owner->findData(QString::fromStdString(group.region))));
        owner->setToolTip(tr("The region this zone is one of"));
        connect(owner, &QComboBox::activated, this, [owner, apply, id](int) {
            const std::string v = owner->currentData().toString().toStdString();
            apply(tr("Move zone %1 to another region").arg(id),
                  [&](sc::Group &g) { g.region = v; });
        });
        form->addRow(tr("In region"), owner);
    }

    QStringList names;
    for (const std::string &m : group.members)
        names << m_doc->componentName(QString::fromStdString(m)).toHtmlEscaped();
    auto *members =
        new QLabel(names.isEmpty() ? tr("<i>none</i>") : names.join(QStringLiteral("<br>")));
    members->setObjectName(QStringLiteral("groupMembers"));
    members->setWordWrap(true);
    form->addRow(tr("Members"), members);
    auto *hint = new QLabel(tr("A box dropped inside it joins it; dragged out, it leaves. Drag "
                               "the title to move it with its boxes, a corner to resize it."));
    hint->setWordWrap(true);
    hint->setEnabled(false);
    form->addRow(hint);
}

} // namespace scui
