// The batch progress bar drawn on stderr when it is a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace copydesk::cli {

// One line, at most `width` columns, no line end:
// "[#########...........]  12/40  3 failed  name.txt"
std::string render_progress(std::size_t done, std::size_t total, std::size_t failed, std::string_view current,
                            std::size_t width);

// Columns of the terminal behind `fd`, or 80 when unknown.
std::size_t terminal_width(int fd);

bool is_terminal(int fd);

}  // namespace copydesk::cli
