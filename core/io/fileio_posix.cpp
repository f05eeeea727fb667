// writeFileAtomic for POSIX systems: write a temporary file beside the target, fsync it, rename
// it over the target (atomic within one file system), then fsync the folder so the rename
// itself survives a power cut. A Windows port goes in fileio_windows.cpp (ReplaceFileW or
// MoveFileExW with MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH), same messages.

#include "fileio.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace sc {
namespace {

// Writes all of `bytes` to `fd`, retrying on EINTR. Returns 0 or the errno of the failure.
int writeAll(int fd, std::string_view bytes)
{
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        done += size_t(n);
    }
    return 0;
}

// Makes a rename in the folder holding `path` durable: sync the folder (best effort).
void syncFolderOf(const std::string &path)
{
    const std::string::size_type slash = path.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "."
                               : slash == 0               ? "/"
                                                          : path.substr(0, slash);
    if (int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

} // namespace

std::string writeFileAtomic(const std::string &path, std::string_view bytes)
{
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return "cannot write " + path + ": " + std::strerror(errno);
    if (int err = writeAll(fd, bytes); err != 0) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return "cannot write " + path + ": " + std::strerror(err);
    }
    // The descriptor is closed whether fsync succeeds or not (a failed fsync used to leak it).
    const int synced = ::fsync(fd) == 0 ? 0 : errno;
    const int closed = ::close(fd) == 0 ? 0 : errno;
    if (synced != 0 || closed != 0) {
        std::string err = std::strerror(synced != 0 ? synced : closed);
        ::unlink(tmp.c_str());
        return "cannot write " + path + ": " + err;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string err = std::strerror(errno);
        ::unlink(tmp.c_str());
        return "cannot replace " + path + ": " + err;
    }
    syncFolderOf(path);
    return {};
}

} // namespace sc
