// The CLI's file I/O, kept to the fewest system calls per file because a batch
// of small articles spends most of its time here: an input is opened once and
// everything about it (directory? size? same file as the output?) comes from
// one fstat of that descriptor.
#pragma once

#include <string>
#include <string_view>

namespace copydesk::cli {

// An output file: `path` names it in messages; in a batch the output directory
// is opened once (`dir_fd`) and files are made in it by name (`leaf`), which
// spares the kernel walking the directory's path for every call.
struct OutputPath {
    const std::string& path;
    int dir_fd = -1;          // -1: use `path` as it is
    std::string_view leaf{};  // the name inside dir_fd
};

// A directory opened for OutputPath::dir_fd; -1 when it cannot be opened
// (callers then fall back to whole paths).
int open_output_dir(const std::string& path);
void close_output_dir(int fd);

// An input file, open from construction to read_all() (or destruction).
class InputFile {
public:
    // "-" = standard input (not closed). Throws IoError naming `path` when the
    // file cannot be opened or is a directory.
    explicit InputFile(const std::string& path);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    // Whether an existing file at `out` is this very file (same device and
    // inode, symbolic links followed), so writing there would destroy the input.
    bool is_same_file(const struct OutputPath& out) const;

    // All the bytes, in one read() when the size is known; then closes the file.
    std::string read_all();

private:
    void close_fd();

    std::string name_;  // for messages
    int fd_ = -1;
    bool owned_ = false;
    bool regular_ = false;
    unsigned long long size_ = 0, dev_ = 0, ino_ = 0;
#if defined(_WIN32)
    void* file_ = nullptr;  // std::FILE*
    std::string path_;
#endif
};

// Whether two paths name the same existing file; false when either is missing.
bool same_existing_file(const std::string& a, const std::string& b);

// Writes `bytes` to a new temporary file next to `path` (created exclusively,
// never through a planted link) and renames it over `path`, so a failed or
// interrupted run never leaves a half-written file under the final name.
// Throws IoError naming `out.path`.
void write_file_atomically(const OutputPath& out, std::string_view bytes);

}  // namespace copydesk::cli
