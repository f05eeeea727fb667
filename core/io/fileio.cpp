#include "fileio.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace sc {

namespace {

std::string grouped(std::uintmax_t n)
{
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

} // namespace

std::string oversizeText(std::uintmax_t size, std::uintmax_t limit)
{
    if ((size >> 20) > (limit >> 20))
        return "is " + std::to_string(size >> 20) + " MiB; the limit is " +
               std::to_string(limit >> 20) + " MiB";
    return "is " + grouped(size) + " bytes; the limit is " + grouped(limit) + " bytes (" +
           std::to_string(limit >> 20) + " MiB)";
}

std::string readFile(const std::string &path, std::string &out, size_t limit)
{
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status))
        return path + " is a folder, not a file";
    // A pipe would wait for a writer, a device need never end: only regular files are read.
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        return path + " is not a regular file (a pipe, device or socket)";
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    const bool sized = !ec;
    if (sized && size > limit)
        return path + " " + oversizeText(size, limit);
    if (status.type() == std::filesystem::file_type::not_found)
        return "cannot open " + path + ": no such file";
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) { // why, as the system says it ("Permission denied")
        const int why = errno;
        return "cannot open " + path + (why ? ": " + std::generic_category().message(why) : "");
    }
    // Read to the end rather than to the size the file system reports, which some files (those
    // of /proc) give as 0.
    out.clear();
    if (sized)
        out.reserve(size_t(size));
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        if (out.size() + size_t(in.gcount()) > limit)
            return path + " is over the limit of " + std::to_string(limit >> 20) + " MiB";
        out.append(chunk, size_t(in.gcount()));
        if (!in)
            break;
    }
    if (in.bad())
        return "cannot read " + path;
    return {};
}

} // namespace sc
