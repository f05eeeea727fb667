#include "gui.h"

#include <QApplication>
#include <QLabel>

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLabel label("ScaleCanvas");
    label.show();
    return app.exec();
}
