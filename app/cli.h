#pragma once

// The headless sub-commands. Returns the process exit code, or -1 when argv names no
// sub-command (the GUI then starts).
int runCli(int argc, char **argv);
bool isCliCommand(const char *arg);
