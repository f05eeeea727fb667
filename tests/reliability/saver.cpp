// Test helper for tst_saving.
//   reliability_saver PATH FILE_A FILE_B
//     saves two designs alternately to one path with sc::saveDesignFileAtomic until it is
//     killed. Prints "ready" after the first save.
//   reliability_saver --fail-fsync PATH FILE_A
//     saves once while every fsync fails with EIO (this program's fsync stands in for the C
//     library's in the core code linked into it); prints the error and exits 1.
#include "core/io/format.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/syscall.h>
#include <unistd.h>

namespace {
bool g_failFsync = false;
}

extern "C" int fsync(int fd)
{
    if (g_failFsync) {
        errno = EIO;
        return -1;
    }
    return int(::syscall(SYS_fsync, fd));
}

int main(int argc, char **argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--fail-fsync") == 0) {
        sc::LoadResult a = sc::loadDesignFile(argv[3]);
        if (!a.design)
            return 65;
        g_failFsync = true;
        const std::string err = sc::saveDesignFileAtomic(*a.design, argv[2]);
        g_failFsync = false;
        std::printf("%s\n", err.c_str());
        return err.empty() ? 0 : 1;
    }
    if (argc != 4)
        return 64;
    sc::LoadResult a = sc::loadDesignFile(argv[2]);
    sc::LoadResult b = sc::loadDesignFile(argv[3]);
    if (!a.design || !b.design)
        return 65;
    for (long n = 0;; ++n) {
        const std::string err = sc::saveDesignFileAtomic(n % 2 ? *b.design : *a.design, argv[1]);
        if (!err.empty()) {
            std::fprintf(stderr, "%s\n", err.c_str());
            return 1;
        }
        if (n == 0) {
            std::printf("ready\n");
            std::fflush(stdout);
        }
    }
}
