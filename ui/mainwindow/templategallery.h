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

protected:
    void showEvent(QShowEvent *event) override;

private:
    QListWidget *m_list;
    QLabel *m_description;
    bool m_fitted = false;
};

} // namespace scui
