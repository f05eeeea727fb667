#include "templategallery.h"

#include "core/io/format.h"
#include "core/io/templates.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <vector>

namespace scui {

TemplateGallery::TemplateGallery(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("New from Template"));
    auto *layout = new QVBoxLayout(this);
    m_list = new QListWidget;
    m_description = new QLabel;
    m_description->setWordWrap(true);
    m_description->setMinimumHeight(70);
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

QString TemplateGallery::selectedName() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
}

} // namespace scui
