// Writes a generated design (generate.h) to a file, for measuring the CLI on big inputs
// without the CLI making them (issue 12):
//   cmake --build build --target generate_design
//   build/tests/bench/generate_design 10000 /tmp/big.scalecanvas [--varied]
//   command time -f "%e s %M KiB" build/app/scalecanvas sweep /tmp/big.scalecanvas
//       --points 10000 --format csv > /dev/null

#include "generate.h"

#include "core/io/format.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4 || (argc == 4 && std::strcmp(argv[3], "--varied") != 0)) {
        std::fprintf(stderr, "usage: generate_design COMPONENTS OUT [--varied]\n");
        return 2;
    }
    const int count = std::atoi(argv[1]);
    if (count < 5 || count > 1000000) {
        std::fprintf(stderr, "generate_design: COMPONENTS must be from 5 to 1000000\n");
        return 2;
    }
    const sc::Design d = scbench::generateDesign(count, argc == 4);
    const std::string error = sc::saveDesignFileAtomic(d, argv[2]);
    if (!error.empty()) {
        std::fprintf(stderr, "generate_design: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s: %zu components, %zu connections\n", argv[2], d.components.size(),
                d.connections.size());
    return 0;
}
