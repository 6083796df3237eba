// Everything the CLI prints on stderr goes through one Console, so messages
// from worker threads do not interleave and the progress bar is redrawn below them.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace copydesk::cli {

class Console {
public:
    explicit Console(std::FILE* err) : err_(err) {}

    // Shows a progress bar over `total` files (call before any worker starts).
    void start_progress(std::size_t total, int fd);
    // Prints whole lines (each without its line end), above the progress bar.
    void print(const std::vector<std::string>& lines);
    // Counts one finished file; `current` is named on the bar.
    void file_done(bool failed, std::string_view current);
    // Removes the bar.
    void end_progress();

private:
    void clear_bar_locked();
    void draw_bar_locked();

    std::FILE* err_;
    std::mutex mu_;
    bool bar_ = false;
    int fd_ = 2;
    std::size_t total_ = 0, done_ = 0, failed_ = 0;
    std::string current_;
};

}  // namespace copydesk::cli
