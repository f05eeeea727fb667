#include "cli.h"

#include "core/analysis/model.h"
#include "ui/gui.h"

int main(int argc, char **argv)
{
    // Every edit rebuilds the model: its memory stays with the process between rebuilds.
    sc::Model::keepFreedMemory();
    if (int rc = runCli(argc, argv); rc >= 0)
        return rc;
    return runGui(argc, argv);
}
