// Test helper for tst_saving: saves two designs alternately to one path with
// sc::saveDesignFileAtomic until it is killed. Prints "ready" after the first save.
//   reliability_saver PATH FILE_A FILE_B
#include "core/io/format.h"

#include <cstdio>

int main(int argc, char **argv)
{
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
