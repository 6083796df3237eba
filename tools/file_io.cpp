#include "file_io.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>

#include "copydesk/errors.hpp"

#if defined(_WIN32)
#include <cstdio>
#include <filesystem>
#include <memory>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace copydesk::cli {

namespace {

[[noreturn]] void io_error(const char* what, int err, const std::string& name) {
    throw IoError(fmt::format("{}: {}", what, std::strerror(err)), Location{name});
}

// The temporary name for `path`: ".NAME.copydesk-tmp-PID-N" in the same directory.
std::string temp_name_for(const std::string& path, unsigned pid, unsigned n) {
    std::size_t slash = path.find_last_of("/\\");
    std::size_t base = slash == std::string::npos ? 0 : slash + 1;
    std::string tmp;
    tmp.reserve(path.size() + 40);
    tmp.append(path, 0, base);
    tmp += '.';
    tmp.append(path, base, std::string::npos);
    tmp += ".copydesk-tmp-";
    tmp += std::to_string(pid);
    tmp += '-';
    tmp += std::to_string(n);
    return tmp;
}

std::atomic<unsigned> temp_counter{0};

}  // namespace

#if !defined(_WIN32)

InputFile::InputFile(const std::string& path) : name_(path == "-" ? "<stdin>" : path) {
    if (path == "-") {
        fd_ = 0;
    } else {
        do fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        while (fd_ < 0 && errno == EINTR);
        if (fd_ < 0) io_error("cannot open", errno, name_);
        owned_ = true;
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
        int err = errno;
        close_fd();
        io_error("cannot open", err, name_);
    }
    if (S_ISDIR(st.st_mode)) {
        close_fd();
        throw IoError("is a directory", Location{name_});
    }
    regular_ = S_ISREG(st.st_mode);
    size_ = st.st_size > 0 ? static_cast<unsigned long long>(st.st_size) : 0;
    dev_ = static_cast<unsigned long long>(st.st_dev);
    ino_ = static_cast<unsigned long long>(st.st_ino);
}

InputFile::~InputFile() { close_fd(); }

void InputFile::close_fd() {
    if (owned_ && fd_ >= 0) ::close(fd_);
    fd_ = -1;
    owned_ = false;
}

int open_output_dir(const std::string& path) {
    return ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

void close_output_dir(int fd) {
    if (fd >= 0) ::close(fd);
}

bool InputFile::is_same_file(const OutputPath& out) const {
    struct stat st {};
    int r = out.dir_fd >= 0 ? ::fstatat(out.dir_fd, std::string(out.leaf).c_str(), &st, 0)
                            : ::stat(out.path.c_str(), &st);
    return r == 0 && static_cast<unsigned long long>(st.st_dev) == dev_ &&
           static_cast<unsigned long long>(st.st_ino) == ino_;
}

std::string InputFile::read_all() {
    // One byte more than the size, so a short read tells end of file without a second read().
    constexpr unsigned long long kMaxHint = std::numeric_limits<std::uint32_t>::max();
    std::size_t hint = regular_ && size_ > 0 && size_ < kMaxHint ? static_cast<std::size_t>(size_) : 0;
    std::string data(hint > 0 ? hint + 1 : std::size_t{1} << 16, '\0');
    std::size_t n = 0;
    for (;;) {
        if (n == data.size()) data.resize(data.size() * 2);
        ssize_t got = ::read(fd_, data.data() + n, data.size() - n);
        if (got < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            close_fd();
            io_error("read error", err, name_);
        }
        if (got == 0) break;
        n += static_cast<std::size_t>(got);
        if (hint > 0 && n == hint) break;  // a regular file at its size, with room to spare: the end
    }
    close_fd();
    data.resize(n);
    return data;
}

bool same_existing_file(const std::string& a, const std::string& b) {
    struct stat sa {}, sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

void write_file_atomically(const OutputPath& out, std::string_view bytes) {
    static const unsigned pid = static_cast<unsigned>(::getpid());
    const std::string& path = out.path;
    const bool in_dir = out.dir_fd >= 0;
    const int dir = in_dir ? out.dir_fd : AT_FDCWD;
    const std::string leaf = in_dir ? std::string(out.leaf) : std::string();
    const std::string& target = in_dir ? leaf : path;
    std::string tmp;
    int fd = -1;
    // A name left over by a killed run is skipped, never reused: O_EXCL.
    for (int attempt = 0; fd < 0; ++attempt) {
        tmp = temp_name_for(target, pid, temp_counter.fetch_add(1, std::memory_order_relaxed));
        fd = ::openat(dir, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EINTR && (errno != EEXIST || attempt >= 100)) io_error("cannot create", errno, path);
    }
    auto fail = [&](const char* what, int err) {
        if (fd >= 0) ::close(fd);
        ::unlinkat(dir, tmp.c_str(), 0);
        io_error(what, err, path);
    };
    for (std::size_t off = 0; off < bytes.size();) {
        ssize_t put = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (put < 0) {
            if (errno == EINTR) continue;
            fail("write error", errno);
        }
        off += static_cast<std::size_t>(put);
    }
    int closed = ::close(fd);
    fd = -1;
    if (closed != 0) fail("write error", errno);
    if (::renameat(dir, tmp.c_str(), dir, target.c_str()) != 0) fail("cannot write", errno);
}

#else  // Windows: the portable, slower way.

namespace fs = std::filesystem;

namespace {
struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
}  // namespace

InputFile::InputFile(const std::string& path) : name_(path == "-" ? "<stdin>" : path) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) throw IoError("is a directory", Location{name_});
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) io_error("cannot open", errno, name_);
    fd_ = path == "-" ? 0 : 1;
    owned_ = path != "-";
    file_ = f;
    if (owned_) {
        auto size = fs::file_size(path, ec);
        size_ = ec ? 0 : size;
    }
    path_ = path;
}

InputFile::~InputFile() { close_fd(); }

void InputFile::close_fd() {
    if (owned_ && file_) std::fclose(static_cast<std::FILE*>(file_));
    file_ = nullptr;
    owned_ = false;
}

int open_output_dir(const std::string&) { return -1; }
void close_output_dir(int) {}

bool InputFile::is_same_file(const OutputPath& out) const {
    return path_ != "-" && same_existing_file(path_, out.path);
}

std::string InputFile::read_all() {
    auto* f = static_cast<std::FILE*>(file_);
    std::string data;
    if (size_ > 0 && size_ < (1ull << 32)) data.reserve(static_cast<std::size_t>(size_) + 1);
    char buf[1 << 16];
    for (;;) {
        std::size_t n = std::fread(buf, 1, sizeof buf, f);
        data.append(buf, n);
        if (n < sizeof buf) break;
    }
    bool bad = std::ferror(f) != 0;
    int err = errno;
    close_fd();
    if (bad) io_error("read error", err, name_);
    return data;
}

bool same_existing_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

void write_file_atomically(const OutputPath& out, std::string_view bytes) {
    const std::string& path = out.path;
    fs::path tmp = temp_name_for(path, 0, temp_counter.fetch_add(1));
    {
        std::unique_ptr<std::FILE, FileCloser> f(std::fopen(tmp.string().c_str(), "wb"));
        if (!f) io_error("cannot create", errno, path);
        bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f.get()) == bytes.size();
        int err = errno;
        ok = (std::fclose(f.release()) == 0) && ok;
        if (!ok) {
            std::error_code ec;
            fs::remove(tmp, ec);
            io_error("write error", err, path);
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw IoError(fmt::format("cannot write: {}", ec.message()), Location{path});
    }
}

#endif

}  // namespace copydesk::cli
