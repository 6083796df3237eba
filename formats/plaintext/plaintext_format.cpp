// Registration of the plain-text format.
#include "builtin.hpp"
#include "plaintext/plaintext.hpp"

namespace copydesk::detail {

void register_plaintext(Registry& r) {
    Format f;
    f.name = "plain";
    f.aliases = {"text", "txt"};
    f.extensions = {"txt", "text"};
    f.mime = "text/plain";
    f.description = "plain text, with article structure recognised (headline, metadata line, bylines)";
    f.reader = plaintext::read;
    f.writer = plaintext::write;
    f.sniff = [](std::string_view) { return 1; };  // the fallback for anything else
    f.reader_options = {
        {"headline", "true", "take the first non-empty line (two lines when joined by a dash or colon) as the title, "
                             "unless it is a crawled fragment: a bare name, caption or short exclamation, indented "
                             "or running into the text (plain.title-rejected)"},
        {"site-suffix", "true", "a site name after the headline (…-新华网, …_新浪网, … | 澎湃新闻, … 某某医院) is split "
                                "off into the source, or the custom pair site when a 来源 names another "
                                "(plain.site-suffix)"},
        {"metadata", "true", "read `key:value` metadata lines under the headline (来源, 责编, 时间, Source, By...) and "
                             "trailing editor lines (责任编辑：X)"},
        {"byline", "true", "take bylines and datelines (（记者 X）, 新华社北京7月13日电（记者 X）, 【编辑：X】) out of the "
                           "first and last paragraph into contributors"},
        {"indent-paragraphs", "true", "an indented line (spaces, U+3000, NBSP, tab) starts a new paragraph"},
        {"subheadings", "true", "short unpunctuated lines between paragraphs, 一、, （一）, 第一章 become headings"},
        {"lists", "true", "runs of numbered (1. / 1、 / （1） / 一、) or bulleted (- / •) lines become lists"},
        {"rules", "true", "a line of three or more -, *, _, =, — becomes a horizontal rule"},
        {"footnotes", "true", "`[n]` markers in the text with a closing section of `[n] note` paragraphs, numbered "
                              "1..N and matching the markers one to one, become footnotes (as the writer writes them)"},
        {"references", "true", "a closing section headed References / Bibliography / 参考文献 becomes the reference "
                               "list, one reference a paragraph (its text, DOI and URL)"},
        {"language", "auto", "metadata.language: auto (zh-CN when mostly Han, ja, ko, en) or a BCP 47 tag"},
    };
    f.writer_options = {
        {"indent", "auto",
         "first-line indent of two U+3000: auto (paragraphs that carry an indent), true (all), false (none)"},
        {"wrap", "0", "wrap paragraphs without CJK characters at this column (0 = no wrap, minimum 20)"},
        {"metadata", "true", "write the metadata line under the headline"},
    };
    r.add(std::move(f));
}

}  // namespace copydesk::detail
