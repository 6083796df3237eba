// GFM pipe tables: one header row, one line per row, inline content only.
// What they cannot hold (spans, several header rows, footers, block content,
// captions, widths) is flattened and reported.
#include <algorithm>

#include "copydesk/walk.hpp"
#include "markdown/markdown_writer.hpp"

namespace copydesk::markdown::writer {

std::string Writer::table(const Table& t) {
    if (!t.attr.empty()) lost("attr", "ids, classes and attributes were dropped");
    if (std::any_of(t.col_widths.begin(), t.col_widths.end(), [](double w) { return w > 0; }))
        lost("table-widths", "table column widths were dropped", true);
    std::vector<const TableRow*> rows;
    for (const auto* part : {&t.head, &t.body, &t.foot})
        for (const auto& r : *part) rows.push_back(&r);
    if (t.head.empty()) lost("table-head", "tables without a header row got an empty one (GFM tables need one)");
    if (t.head.size() > 1) lost("table-head", "header rows after the first were written as body rows");
    if (!t.foot.empty()) lost("table-foot", "table footer rows were written as body rows");

    // Cells laid out on a grid; a spanned position is left empty.
    std::vector<std::vector<std::string>> grid(rows.size());
    std::vector<int> busy;  // rows still covered by a rowspan, per column
    std::size_t ncols = t.col_align.size();
    in_table_ = true;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::size_t col = 0;
        auto place = [&](std::string s) {
            if (grid[r].size() <= col) grid[r].resize(col + 1);
            grid[r][col++] = std::move(s);
        };
        for (const auto& c : rows[r]->cells) {
            while (col < busy.size() && busy[col] > 0) place({});
            if (c.colspan > 1 || c.rowspan > 1)
                lost("table-span", "merged table cells were split (the text is in the first one)");
            std::string text;
            if (plain_paragraph_cell(c.content)) {
                text = c.content.empty() ? std::string() : inlines(c.content[0].as<Paragraph>().content);
            } else {
                lost("table-cell-blocks", "table cells holding more than one paragraph were written as lines of text");
                for (const auto& b : c.content) text += (text.empty() ? "" : "<br>") + escape_text(stringify(b), false);
            }
            std::size_t span = std::size_t(std::max(c.colspan, 1));
            if (busy.size() < col + span) busy.resize(col + span, 0);
            for (std::size_t k = col; k < col + span; ++k) busy[k] = std::max(c.rowspan, 1);
            place(std::move(text));
            for (std::size_t k = 1; k < span; ++k) place({});
        }
        while (col < busy.size() && busy[col] > 0) place({});
        for (int& b : busy)
            if (b > 0) --b;
        ncols = std::max(ncols, grid[r].size());
    }
    in_table_ = false;
    ncols = std::max<std::size_t>(ncols, 1);

    auto line = [&](const std::vector<std::string>& cells) {
        std::string out = "|";
        for (std::size_t i = 0; i < ncols; ++i) out += " " + (i < cells.size() ? cells[i] : std::string()) + " |";
        return out;
    };
    std::string out;
    std::size_t first_body = t.head.empty() ? 0 : 1;
    out += line(t.head.empty() ? std::vector<std::string>{} : grid[0]) + "\n|";
    for (std::size_t i = 0; i < ncols; ++i) {
        Alignment a = i < t.col_align.size() ? t.col_align[i] : Alignment::Default;
        out += a == Alignment::Left ? " :-- |" : a == Alignment::Center ? " :-: |" : a == Alignment::Right ? " --: |" : " --- |";
    }
    for (std::size_t r = first_body; r < grid.size(); ++r) out += "\n" + line(grid[r]);
    if (!t.caption.empty()) {
        lost("table-caption", "table captions were written as a paragraph after the table");
        out += "\n\n" + blocks(t.caption);
    }
    return out;
}

}  // namespace copydesk::markdown::writer
