// writeFileAtomic for POSIX systems: write a temporary file beside the target, fsync it, rename
// it over the target (atomic within one file system), then fsync the folder so the rename
// itself survives a power cut. The target is the file a symbolic link points to (the link stays
// a link), the new file keeps the old one's permission mode (and owner, where allowed), and
// temporaries a killed save left beside the target are removed. A Windows port goes in
// fileio_windows.cpp (ReplaceFileW or MoveFileExW with MOVEFILE_REPLACE_EXISTING |
// MOVEFILE_WRITE_THROUGH), same messages.

#include "fileio.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <optional>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
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

std::string folderOf(const std::string &path)
{
    const std::string::size_type slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// Makes a rename in the folder holding `path` durable: sync the folder (best effort).
void syncFolderOf(const std::string &path)
{
    if (int dir = ::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

// The file a save of `path` must replace: `path` itself, or, when it is a symbolic link, the
// file at the end of its chain of links (which may not exist yet). Returns 0 or an errno.
int resolveLinks(const std::string &path, std::string &target)
{
    target = path;
    for (int hops = 0;; ++hops) {
        struct stat st {
        };
        if (::lstat(target.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
            return 0; // not there yet (the save creates it) or not a link
        if (hops == 40)
            return ELOOP;
        std::string link(size_t(st.st_size > 0 ? st.st_size : 4095) + 1, '\0');
        const ssize_t n = ::readlink(target.c_str(), link.data(), link.size());
        if (n < 0)
            return errno;
        if (size_t(n) >= link.size())
            return ENAMETOOLONG; // the link changed while it was read
        link.resize(size_t(n));
        target = link.front() == '/' ? link : folderOf(target) + "/" + link;
    }
}

// The process-unique temporary beside `target`: "<target>.tmp-<pid>".
std::string temporaryFor(const std::string &target)
{
    return target + ".tmp-" + std::to_string(::getpid());
}

// The pid of a temporary of our naming ("<name>.tmp-<digits>"), or nullopt.
std::optional<long> temporaryPid(std::string_view file, std::string_view name)
{
    static constexpr std::string_view kTmp = ".tmp-";
    if (!name.empty() &&
        (file.size() <= name.size() + kTmp.size() || file.substr(0, name.size()) != name ||
         file.substr(name.size(), kTmp.size()) != kTmp))
        return std::nullopt;
    const size_t at = file.rfind(kTmp);
    if (at == std::string_view::npos || at + kTmp.size() == file.size() ||
        file.size() - at - kTmp.size() > 9)
        return std::nullopt;
    long pid = 0;
    for (char ch : file.substr(at + kTmp.size())) {
        if (ch < '0' || ch > '9')
            return std::nullopt;
        pid = pid * 10 + (ch - '0');
    }
    return pid;
}

} // namespace

int removeStaleTemporaries(const std::string &folder, std::string_view name)
{
    constexpr std::time_t kStaleAfterS = 3600; // no save holds its temporary an hour
    const long self = long(::getpid());
    const std::time_t now = std::time(nullptr);
    int removed = 0;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::filesystem::directory_entry &entry = *it;
        const std::string file = entry.path().filename().string();
        const std::optional<long> pid = temporaryPid(file, name);
        struct stat st {
        };
        // Ours (this process reuses the name) or not a plain file: left alone.
        if (!pid || *pid == self || ::lstat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        const bool writerGone = *pid <= 0 || (::kill(pid_t(*pid), 0) != 0 && errno == ESRCH);
        // A live pid may be another process that reuses a dead writer's number: age decides.
        if ((writerGone || now - st.st_mtime > kStaleAfterS) && ::unlink(entry.path().c_str()) == 0)
            ++removed;
    }
    return removed;
}

std::string writeFileAtomic(const std::string &path, std::string_view bytes)
{
    std::string target;
    if (int err = resolveLinks(path, target); err != 0)
        return "cannot write " + path + ": " + std::strerror(err);
    struct stat old {
    };
    const bool exists = ::stat(target.c_str(), &old) == 0;
    // Only a file is replaced: a rename over a pipe, a device or a socket (or a link to one)
    // would put a file where it was, and a folder cannot be renamed over.
    if (exists && !S_ISREG(old.st_mode))
        return "cannot write " + path + ": " +
               (S_ISDIR(old.st_mode) ? std::string("it is a folder, not a regular file")
                                     : std::string("it is not a regular file (a pipe, a device "
                                                   "or a socket): only a file is replaced"));
    // A write-protected file is not replaced either, though the rename, the folder being
    // writable, would replace it: what its owner protected stays as it was (QA: an export
    // replaced a 0444 file without a word). (Root writes any file, as it does with `>`.)
    if (exists && ::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0 && errno == EACCES)
        return "cannot write " + path + ": " + std::strerror(EACCES) +
               " (this user may not write the file)";
    const bool replacing = exists;
    const std::string name = target.substr(target.find_last_of('/') + 1);
    removeStaleTemporaries(folderOf(target), name);
    const std::string tmp = temporaryFor(target);
    ::unlink(tmp.c_str()); // a dead process with our pid (a container's pid 1) left it
    // A file it replaces lends its mode (set below, so never wider than it meanwhile); a new
    // file gets the usual 0666 less the umask.
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    replacing ? 0600 : 0666);
    if (fd < 0)
        return "cannot write " + path + ": " + std::strerror(errno);
    if (replacing) {
        // The owner where allowed (root, or a group of ours); else the file becomes ours.
        if ((old.st_uid != ::geteuid() || old.st_gid != ::getegid()) &&
            ::fchown(fd, old.st_uid, old.st_gid) != 0) {
        }
        ::fchmod(fd, old.st_mode & 07777); // stays 0600 if refused
    }
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
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        std::string err = std::strerror(errno);
        ::unlink(tmp.c_str());
        return "cannot replace " + path + ": " + err;
    }
    syncFolderOf(target);
    return {};
}

} // namespace sc
