#include "templategallery.h"

#include "core/io/format.h"
#include "core/io/templates.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QResizeEvent>
#include <QScreen>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>
#include <vector>

namespace scui {

namespace {

// The chosen design's description, as tall as the longest of them at its width: as tall as its
// own text, it grew or shrank the list above it with each choice, and a list scrolled near its end
// moved its rows under the pointer between the two clicks of a double-click (the row before was
// chosen, nothing created; QA).
class DescriptionLabel final : public QLabel
{
public:
    void setTexts(QStringList texts)
    {
        m_texts = std::move(texts);
        fit();
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        if (event->size().width() != event->oldSize().width())
            fit();
    }

private:
    void fit()
    {
        QLabel probe; // laid out as this label lays its text out
        probe.setFont(font());
        probe.setWordWrap(true);
        probe.setMargin(margin());
        int tallest = 70;
        for (const QString &text : std::as_const(m_texts)) {
            probe.setText(text);
            tallest = std::max(tallest, probe.heightForWidth(width()));
        }
        setFixedHeight(tallest);
    }

    QStringList m_texts;
};

} // namespace

TemplateGallery::TemplateGallery(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("New from Template"));
    auto *layout = new QVBoxLayout(this);
    m_list = new QListWidget;
    auto *description = new DescriptionLabel;
    m_description = description;
    m_description->setWordWrap(true);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // In sections, the growth path first (QA: in file order the stages came last, between
    // comparisons and lessons).
    struct Section {
        const char *prefix;
        QString title;
    };
    const Section sections[] = {
        {"stage", tr("The growth path: stages 1 to 5")},
        {"case", tr("Worked cases")},
        {"compare", tr("Comparisons: option A and option B")},
        {"lesson", tr("Lessons")},
        {"", tr("Other designs")},
    };
    std::vector<bool> placed(sc::builtinTemplates().size(), false);
    for (const Section &section : sections) {
        bool headed = false;
        for (size_t k = 0; k < sc::builtinTemplates().size(); ++k) {
            const sc::TemplateInfo &t = sc::builtinTemplates()[k];
            if (placed[k] || t.name.rfind(section.prefix, 0) != 0)
                continue;
            placed[k] = true;
            if (!headed) {
                auto *head = new QListWidgetItem(section.title);
                head->setFlags(Qt::NoItemFlags); // a heading: not chosen, not focused
                QFont bold = head->font();
                bold.setBold(true);
                head->setFont(bold);
                m_list->addItem(head);
                headed = true;
            }
            sc::LoadResult r = sc::loadDesign(t.json);
            QString title = r.design ? QString::fromStdString(sc::fileTitle(*r.design))
                                     : QString::fromStdString(t.name);
            if (!title.isEmpty())
                title[0] = title[0].toUpper();       // "Unoptimized vs optimized"
            auto *item = new QListWidgetItem(title); // (no indent: type-to-find reads the text)
            item->setData(Qt::UserRole, QString::fromStdString(t.name));
            const QString desc =
                r.design ? QString::fromStdString(r.design->description) : QString();
            item->setData(Qt::UserRole + 1, desc);
            item->setToolTip(desc);
            m_list->addItem(item);
            if (t.name == "stage3-100k")
                m_list->setCurrentItem(item);
        }
    }
    QStringList descriptions;
    for (int i = 0; i < m_list->count(); ++i)
        descriptions << m_list->item(i)->data(Qt::UserRole + 1).toString();
    description->setTexts(descriptions);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        m_description->setText(item ? item->data(Qt::UserRole + 1).toString() : QString());
    });
    if (m_list->currentItem())
        m_description->setText(m_list->currentItem()->data(Qt::UserRole + 1).toString());
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_description);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 460);
}

void TemplateGallery::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (std::exchange(m_fitted, true))
        return;
    // Tall enough for every row where the screen has the room: nothing to scroll, no row cut.
    // (Once laid out: the description's height follows its width.)
    layout()->activate();
    int rows = 2 * m_list->frameWidth();
    for (int i = 0; i < m_list->count(); ++i)
        rows += m_list->sizeHintForRow(i) + 2 * m_list->spacing();
    const QScreen *screen = this->screen();
    const int room = screen ? screen->availableGeometry().height() - 80 : 720; // a title bar
    if (const int more = rows - m_list->height(); more > 0)
        resize(width(), std::min(height() + more, std::max(height(), room)));
}

QString TemplateGallery::selectedName() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
}

} // namespace scui
