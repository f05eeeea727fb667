#pragma once

#include <QDialog>

class QListWidget;
class QLabel;

namespace scui {

// "New from template": the built-in designs with their names and descriptions.
class TemplateGallery : public QDialog
{
    Q_OBJECT

public:
    explicit TemplateGallery(QWidget *parent = nullptr);
    QString selectedName() const;

private:
    QListWidget *m_list;
    QLabel *m_description;
};

} // namespace scui
