// Registration of the HTML format: one Format "html" with the reader
// (html_reader*.cpp) and the writer (html_writer*.cpp).
#include <cctype>

#include "builtin.hpp"
#include "html/html_reader.hpp"
#include "html/html_writer.hpp"

namespace copydesk::html {
namespace {

bool starts_ci(std::string_view s, std::size_t i, std::string_view p) {
    if (s.size() < i + p.size()) return false;
    for (std::size_t k = 0; k < p.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(s[i + k])) != p[k]) return false;
    return true;
}

// Markup that opens as a web page does: <!DOCTYPE html>, <html>, or <head>,
// <body>, <meta>, <title> first; <html>/<body> later in the first KiB scores less.
int sniff(std::string_view d) {
    std::string_view head = d.substr(0, 4096);
    std::size_t i = starts_ci(head, 0, "\xEF\xBB\xBF") ? 3 : 0;
    for (;;) {
        while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
        const char* close = starts_ci(head, i, "<!--") ? "-->" : starts_ci(head, i, "<?xml") ? "?>" : nullptr;
        if (!close) break;
        std::size_t e = head.find(close, i);
        if (e == std::string_view::npos) return 0;
        i = e + std::string_view(close).size();
    }
    if (starts_ci(head, i, "<!doctype html") || starts_ci(head, i, "<html")) return 80;
    for (std::string_view t : {"<head", "<body", "<meta", "<title"})
        if (starts_ci(head, i, t)) return 60;
    std::string lower;
    for (char c : head.substr(0, 1024)) lower += char(std::tolower(static_cast<unsigned char>(c)));
    return lower.find("<html") != std::string::npos || lower.find("<body") != std::string::npos ? 40 : 0;
}

}  // namespace
}  // namespace copydesk::html

namespace copydesk::detail {

void register_html(Registry& r) {
    Format f;
    f.name = "html";
    f.aliases = {"htm", "xhtml"};
    f.extensions = {"html", "htm", "xhtml"};
    f.mime = "text/html";
    f.description = "HTML: reads a web page's article (extract=article) or whole body; writes one standalone HTML5 page";
    f.reader = html::read;
    f.writer = html::write;
    f.sniff = html::sniff;
    f.reader_options = {
        {"extract", "auto",
         "article: find the article's main content and leave out navigation, comments, share bars...; none: the "
         "whole body; auto: none for copydesk's own output, else article"},
        {"encoding", "", "the page's charset, overriding BOM-less declarations and sniffing (gbk, big5, ...)"},
        {"max-nodes", "1000000", "most elements and text nodes a page may have (LimitError past it)"},
    };
    f.writer_options = {
        {"images", "embed", "embed: images as data: URIs in the page; files: beside it in <name>_files/"},
    };
    r.add(std::move(f));
}

}  // namespace copydesk::detail
