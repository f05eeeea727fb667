#pragma once

// Starts the editor (QApplication + main window); `scalecanvas FILE` opens FILE.
int runGui(int argc, char **argv);
