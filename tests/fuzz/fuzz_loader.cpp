// libFuzzer target for the design loader: every input runs the pipeline of pipeline.h, and a
// property that does not hold aborts with the reason (ASan/UBSan catch the rest).
#include "tests/fuzz/pipeline.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    const sc::reliability::PipelineResult r = sc::reliability::runPipeline(bytes);
    if (!r.failure.empty()) {
        std::fprintf(stderr, "pipeline property failed: %s\n", r.failure.c_str());
        std::abort();
    }
    return 0;
}
