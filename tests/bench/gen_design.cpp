// Writes the benchmarks' generated design as a .scalecanvas file, for measuring the CLI and the
// editor from outside (tools/stress): gen_design COMPONENTS [varied] > FILE
#include "generate.h"

#include "core/io/format.h"

#include <cstdio>
#include <iostream>

int main(int argc, char **argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 0;
    if (count < 8 || count > 1'000'000) {
        std::fprintf(stderr, "usage: gen_design COMPONENTS(8..1000000) [varied] > FILE\n");
        return 2;
    }
    const bool varied = argc > 2 && std::string(argv[2]) == "varied";
    std::cout << sc::saveDesign(scbench::generateDesign(count, varied));
    return std::cout ? 0 : 1;
}
