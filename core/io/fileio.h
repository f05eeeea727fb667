#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sc {

inline constexpr size_t kMaxFileBytes = 32u << 20; // 32 MiB

// Reads a whole file, refusing ones larger than `limit`. Returns an error message or "".
std::string readFile(const std::string &path, std::string &out, size_t limit = kMaxFileBytes);

// Writes via a temporary file in the same folder and an atomic rename, the data and the rename
// made durable (fsync of the file, then of the folder). Returns an error message, empty on
// success; the original file is untouched on failure. Implemented per platform:
// fileio_posix.cpp (Linux, macOS); a Windows build adds fileio_windows.cpp (see core/CMakeLists).
std::string writeFileAtomic(const std::string &path, std::string_view bytes);

} // namespace sc
