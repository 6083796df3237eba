#include "console.hpp"

#include "progress.hpp"

namespace copydesk::cli {

void Console::start_progress(std::size_t total, int fd) {
    std::lock_guard lock(mu_);
    bar_ = true;
    fd_ = fd;
    total_ = total;
    draw_bar_locked();
}

void Console::print(const std::vector<std::string>& lines) {
    std::lock_guard lock(mu_);
    clear_bar_locked();
    for (const auto& l : lines) {
        std::fwrite(l.data(), 1, l.size(), err_);
        std::fputc('\n', err_);
    }
    draw_bar_locked();
}

void Console::file_done(bool failed, std::string_view current) {
    if (!bar_) return;  // set before the workers start; nothing to count or draw without a bar
    std::lock_guard lock(mu_);
    ++done_;
    if (failed) ++failed_;
    current_ = std::string(current);
    draw_bar_locked();
}

void Console::end_progress() {
    std::lock_guard lock(mu_);
    clear_bar_locked();
    bar_ = false;
    std::fflush(err_);
}

void Console::clear_bar_locked() {
    if (bar_) std::fputs("\r\x1b[K", err_);
}

void Console::draw_bar_locked() {
    if (bar_) {
        // One column spare so the cursor never wraps to a new line.
        std::string line = render_progress(done_, total_, failed_, current_, terminal_width(fd_) - 1);
        std::fputs("\r\x1b[K", err_);
        std::fwrite(line.data(), 1, line.size(), err_);
    }
    std::fflush(err_);
}

}  // namespace copydesk::cli
