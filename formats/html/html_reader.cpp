// The HTML reader: charset, parse, find the article (extract=article) or take
// the whole body (extract=none), convert with the EPUB reader's XHTML
// converter, then read the page's metadata and the body's bylines.
#include "html/html_reader.hpp"

#include <algorithm>

#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"
#include "common/article/dateline.hpp"
#include "plaintext/byline.hpp"
#include "plaintext/labels.hpp"
#include "plaintext/metadata_line.hpp"
#include "plaintext/text_util.hpp"

namespace copydesk::html {

namespace {

bool only_space(const Inline& in) {
    if (in.is<LineBreak>()) return true;
    if (!in.is<Text>()) return false;
    return plaintext::trim(in.as<Text>().text).empty() ||
           std::all_of(in.as<Text>().text.begin(), in.as<Text>().text.end(), [](char c) { return c == ' '; });
}

// Whether a text begins with an indent (U+3000, NBSP): a new paragraph in
// pages that separate paragraphs by one <br>.
bool indented(const Inline& in) {
    if (!in.is<Text>()) return false;
    const std::string& t = in.as<Text>().text;
    return t.rfind("\xE3\x80\x80", 0) == 0 || t.rfind("\xC2\xA0", 0) == 0;
}

// Leading U+3000/NBSP/spaces: the page's first-line indent (two ideographic
// spaces = 2em), kept as the paragraph's indent as the plain reader does.
void take_indent(Paragraph& p) {
    if (p.content.empty() || !p.content.front().is<Text>()) return;
    std::string& t = p.content.front().as<Text>().text;
    std::size_t i = 0, em = 0;
    for (;;) {
        if (t.compare(i, 3, "\xE3\x80\x80") == 0) i += 3, em += 2;
        else if (t.compare(i, 2, "\xC2\xA0") == 0) i += 2, ++em;
        else if (i < t.size() && t[i] == ' ') ++i, ++em;
        else break;
    }
    if (i == 0) return;
    t.erase(0, i);
    if (em >= 2 && !p.first_line_indent) p.first_line_indent = Length{2, LengthUnit::Em};
}

// A paragraph split at runs of two or more <br> (or one before an indent).
void split_breaks(Paragraph&& p, Blocks& out) {
    Paragraph cur;
    cur.first_line_indent = p.first_line_indent;
    cur.align = p.align;
    auto flush = [&] {
        while (!cur.content.empty() && only_space(cur.content.back())) cur.content.pop_back();
        std::size_t lead = 0;
        while (lead < cur.content.size() && only_space(cur.content[lead])) ++lead;
        cur.content.erase(cur.content.begin(), cur.content.begin() + std::ptrdiff_t(lead));
        if (!cur.content.empty()) {
            out.push_back(cur);
            take_indent(out.back().as<Paragraph>());
        }
        cur.content.clear();
    };
    auto& in = p.content;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i].is<LineBreak>()) {
            std::size_t j = i, breaks = 0;
            while (j < in.size() && only_space(in[j])) breaks += in[j++].is<LineBreak>();
            if (breaks >= 2 || (j < in.size() && indented(in[j])) || j == in.size()) {
                flush();
                i = j - 1;
                continue;
            }
        }
        cur.content.push_back(std::move(in[i]));
    }
    flush();
}

void tidy(Blocks& blocks) {
    Blocks out;
    out.reserve(blocks.size());
    for (auto& b : blocks) {
        if (b.is<Paragraph>()) split_breaks(std::move(b.as<Paragraph>()), out);
        else out.push_back(std::move(b));
    }
    blocks = std::move(out);
}

std::string para_text(const Block& b) { return b.is<Paragraph>() ? stringify(b.as<Paragraph>().content) : ""; }

// Metadata lines (来源：…, 责任编辑：…) at either end of the body, then the
// bylines and datelines the plain reader finds.
void body_metadata(Blocks& blocks, Metadata& m) {
    for (int k = 0; k < 3 && !blocks.empty(); ++k) {
        auto fields = plaintext::parse_metadata_line(para_text(blocks.front()), true);
        if (!fields) break;
        Metadata found;
        plaintext::apply_fields(*fields, found);
        if (!m.date) m.date = found.date;
        if (m.source.empty()) m.source = found.source;
        for (auto& c : found.contributors) m.contributors.push_back(std::move(c));
        blocks.erase(blocks.begin());
    }
    if (!blocks.empty() && blocks.front().is<Paragraph>()) {
        auto& content = blocks.front().as<Paragraph>().content;
        if (!content.empty() && content.front().is<Text>())
            if (auto sb = plaintext::match_start_byline(content.front().as<Text>().text);
                sb && sb->consumed <= content.front().as<Text>().text.size()) {
                m.dateline = sb->dateline;
                for (auto& c : sb->contributors) m.contributors.push_back(std::move(c));
                content.front().as<Text>().text.erase(0, sb->consumed);
                if (content.front().as<Text>().text.empty()) content.erase(content.begin());
                if (content.empty()) blocks.erase(blocks.begin());
                if (!m.contributors.empty()) m.byline_placement = BylinePlacement::Start;
            }
    }
    for (int k = 0; k < 4 && !blocks.empty() && blocks.back().is<Paragraph>(); ++k) {
        auto& content = blocks.back().as<Paragraph>().content;
        std::string text = para_text(blocks.back());
        if (auto fields = plaintext::parse_metadata_line(text, true)) {
            Metadata found;
            plaintext::apply_fields(*fields, found);
            for (auto& c : found.contributors) m.contributors.push_back(std::move(c));
            if (m.source.empty()) m.source = found.source;
            blocks.pop_back();
        } else if (auto credit = plaintext::parse_credit_line(text)) {
            for (auto& c : *credit) m.contributors.push_back(std::move(c));
            blocks.pop_back();
        } else if (!content.empty() && content.back().is<Text>()) {
            auto cs = plaintext::strip_end_byline(content.back().as<Text>().text);
            if (!cs) break;
            for (auto& c : *cs) m.contributors.push_back(std::move(c));
            if (plaintext::trim(para_text(blocks.back())).empty()) blocks.pop_back();
        } else {
            break;
        }
    }
}

// zh/ja/ko from the body's characters when the page does not say.
std::string language_of(const Blocks& blocks) {
    std::size_t han = 0, kana = 0, hangul = 0, latin = 0;
    for (const auto& b : blocks) {
        std::string t = para_text(b);
        for (std::size_t i = 0; i < t.size();) {
            char32_t c = plaintext::next_cp(t, i);
            if (plaintext::is_han(c)) ++han;
            else if (plaintext::is_kana(c)) ++kana;
            else if (c >= 0xAC00 && c <= 0xD7A3) ++hangul;
            else if (plaintext::is_latin_letter(c)) ++latin;
        }
    }
    if (kana * 10 > han && kana > 20) return "ja";
    if (hangul > 20 && hangul > han) return "ko";
    if (han > 20 && han * 2 > latin) return "zh-CN";
    return {};
}

const Node* child(const Node& n, std::string_view name) {
    for (const auto& c : n.children)
        if (c.name == name) return &c;
    return nullptr;
}

// copydesk's own output is converted faithfully by default.
bool generated_by_copydesk(const Node& html) {
    const Node* head = child(html, "head");
    if (!head) return false;
    for (const auto& c : head->children)
        if (c.name == "meta" && c.attr("name") && *c.attr("name") == "generator" && c.attr("content") &&
            c.attr("content")->rfind("copydesk", 0) == 0)
            return true;
    return false;
}

}  // namespace

Document read(std::string_view data, const ReadContext& ctx) {
    Location where{ctx.path};
    if (data.size() > ctx.limits.max_input_bytes) throw LimitError("HTML input larger than limit.max_input_bytes", where);
    Document doc;
    DiagnosticSink diags(doc.diagnostics);
    std::string mode = ctx.options.get_string("extract", "auto");
    if (mode != "auto" && mode != "article" && mode != "none")
        throw UsageError("reader option extract must be auto, article or none, not '" + mode + "'");
    ParseLimits pl;
    pl.max_depth = std::size_t(std::clamp<std::uint64_t>(ctx.limits.max_depth, 8, 180));
    pl.max_nodes = std::size_t(std::max<std::int64_t>(1, ctx.options.get_int("max-nodes", 1000000)));
    std::string charset;
    std::string text = to_utf8(data, ctx.options.get_string("encoding", ""), diags, where, charset);
    Node html = parse_html(text, pl, diags, where);
    text.clear();
    text.shrink_to_fit();
    if (mode == "auto") mode = generated_by_copydesk(html) ? "none" : "article";

    // The tree the converter reads: <html><body>…</body></html>.
    Node page;
    page.name = "html";
    Extraction ex;
    if (mode == "article") {
        ex = find_article(html);
        Node body;
        body.name = "body";
        body.children.push_back(clean_article(*ex.article, ex.title_element));
        page.children.push_back(std::move(body));
    } else if (const Node* body = child(html, "body")) {
        page.children.push_back(*body);
    }
    read_metadata(html, ex, doc.metadata);

    epub::reader::Book book;
    book.file = ctx.path;
    book.diag_prefix = "html";
    epub::reader::collect_ids(page, "", book);
    epub::reader::collect_notes(page, "", book);
    epub::reader::Converter conv(book, doc, diags);
    conv.body(page, "", doc.blocks);
    tidy(doc.blocks);
    article::take_dateline(doc);  // our writers' <span class="dateline"> opening the lede
    if (mode == "article") {
        if (!doc.blocks.empty() && doc.blocks.front().is<Heading>() &&
            stringify(doc.blocks.front().as<Heading>().content) == doc.metadata.title)
            doc.blocks.erase(doc.blocks.begin());
        body_metadata(doc.blocks, doc.metadata);
    }
    if (doc.metadata.language.empty()) doc.metadata.language = language_of(doc.blocks);
    return doc;
}

}  // namespace copydesk::html
