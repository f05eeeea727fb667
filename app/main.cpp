#include "cli.h"

#include "ui/gui.h"

int main(int argc, char **argv)
{
    if (int rc = runCli(argc, argv); rc >= 0)
        return rc;
    return runGui(argc, argv);
}
