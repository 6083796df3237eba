#include "progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#if defined(_WIN32)
#include <io.h>
#else
#include <sys/ioctl.h>
#include <unistd.h>
#endif

namespace copydesk::cli {

namespace {

// Display columns of UTF-8 text: CJK and other wide characters take two.
std::size_t columns_of(char32_t cp) {
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
}

// The longest tail of `s` (whole UTF-8 characters) that fits in `width` columns.
std::string fit_tail(std::string_view s, std::size_t width) {
    std::vector<std::pair<std::size_t, std::size_t>> chars;  // (byte offset, columns)
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        len = std::min(len, s.size() - i);
        char32_t cp = c < 0x80 ? c : static_cast<char32_t>(c & (0x3F >> (len - 1)));
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        chars.emplace_back(i, columns_of(cp));
        i += len;
    }
    std::size_t used = 0, start = s.size();
    for (auto it = chars.rbegin(); it != chars.rend(); ++it) {
        if (used + it->second > width) break;
        used += it->second;
        start = it->first;
    }
    return std::string(s.substr(start));
}

}  // namespace

std::string render_progress(std::size_t done, std::size_t total, std::size_t failed, std::string_view current,
                            std::size_t width) {
    constexpr std::size_t kBar = 24;
    std::size_t filled = total == 0 ? kBar : std::min(kBar, done * kBar / total);
    std::string line = fmt::format("[{}{}] {}/{}", std::string(filled, '#'), std::string(kBar - filled, '.'),
                                   done, total);
    if (failed > 0) line += fmt::format("  {} failed", failed);
    if (!current.empty() && line.size() + 3 < width) line += "  " + fit_tail(current, width - line.size() - 3);
    return line;
}

std::size_t terminal_width(int fd) {
#if !defined(_WIN32)
    struct winsize ws {};
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
#else
    (void)fd;
#endif
    return 80;
}

bool is_terminal(int fd) {
#if defined(_WIN32)
    return _isatty(fd) != 0;
#else
    return isatty(fd) != 0;
#endif
}

}  // namespace copydesk::cli
