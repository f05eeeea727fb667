#include "fileio.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace sc {

std::string readFile(const std::string &path, std::string &out, size_t limit)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return path + " is a folder, not a design file";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "cannot open " + path;
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    if (size < 0)
        return "cannot read " + path;
    if (size_t(size) > limit)
        return path + " is " + std::to_string(size_t(size) >> 20) + " MiB; the limit is " +
               std::to_string(limit >> 20) + " MiB";
    in.seekg(0);
    out.resize(size_t(size));
    in.read(out.data(), size);
    if (!in)
        return "cannot read " + path;
    return {};
}

} // namespace sc
