#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sc {

inline constexpr size_t kMaxFileBytes = 32u << 20; // 32 MiB

// "is 64 MiB; the limit is 32 MiB" of a size over the limit, in bytes where the MiB would read
// the same ("is 33,554,433 bytes; the limit is 33,554,432 bytes (32 MiB)").
std::string oversizeText(std::uintmax_t size, std::uintmax_t limit);

// Reads a whole file, refusing ones larger than `limit`. Returns an error message or "".
std::string readFile(const std::string &path, std::string &out, size_t limit = kMaxFileBytes);

// Writes via a temporary file in the same folder and an atomic rename, the data and the rename
// made durable (fsync of the file, then of the folder). Returns an error message, empty on
// success; the original file is untouched on failure. Through a symbolic link it replaces the
// link's target (the link stays); a replaced file keeps its permission mode (a new one gets
// 0666 less the umask); temporaries a killed save of the same file left are removed first.
// Implemented per platform: fileio_posix.cpp (Linux, macOS); a Windows build adds
// fileio_windows.cpp (see core/CMakeLists).
// A target that exists and is not a regular file (a folder, a pipe, a device, a socket, or a
// symbolic link to one), or that this process may not write (write-protected), is refused:
// nothing is written.
std::string writeFileAtomic(const std::string &path, std::string_view bytes);

// Removes the temporaries writeFileAtomic leaves when killed mid-save ("<name>.tmp-<pid>") in
// `folder` whose writer is gone (or that are over an hour old); only those of the file `name`,
// or of any file when `name` is empty. Never this process's own. Returns how many it removed.
int removeStaleTemporaries(const std::string &folder, std::string_view name = {});

} // namespace sc
