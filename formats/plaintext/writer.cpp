// The plain-text writer: headline, subtitle, one metadata line in the
// document's language, paragraphs separated by blank lines, bylines put back
// where the reader found them, footnotes at the end. Whatever plain text
// cannot hold is reported as a diagnostic.
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <map>
#include <optional>

#include "copydesk/walk.hpp"
#include "plaintext/byline.hpp"
#include "plaintext/labels.hpp"
#include "plaintext/references.hpp"
#include "plaintext/plaintext.hpp"
#include "plaintext/structure.hpp"
#include "plaintext/text_util.hpp"

namespace copydesk::plaintext {

namespace {

const char* const kIndent = "\u3000\u3000";

std::string cjk_numeral(int n) {
    static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) return std::to_string(n);
    if (n < 10) return digits[n];
    std::string s = n >= 20 ? std::string(digits[n / 10]) : std::string();
    s += "十";
    if (n % 10) s += digits[n % 10];
    return s;
}

class Writer {
public:
    Writer(const Document& d, const WriteContext& ctx) : doc_(d), ctx_(ctx), diags_(ctx.diagnostics) {
        const std::string* ind = ctx.options.find("indent");
        if (!ind || *ind == "auto") indent_ = Indent::Auto;
        else indent_ = ctx.options.get_bool("indent", true) ? Indent::All : Indent::None;
        auto w = ctx.options.get_int("wrap", 0);
        wrap_ = w <= 0 ? 0 : static_cast<std::size_t>(std::max<std::int64_t>(w, 20));
        metadata_ = ctx.options.get_bool("metadata", true);
        const std::string& lang = d.metadata.language;
        if (!lang.empty()) {
            chinese_ = starts_with(lang, "zh");
        } else {
            ScriptCounts sc;
            sc.add(d.metadata.title);
            sc.add(stringify(d.blocks));
            chinese_ = sc.han > 0 && sc.han * 3 >= sc.latin;
        }
    }

    // Parts go into the output as they are made, one part behind: the last
    // one may still take the closing byline. Nothing else of the output is
    // held twice, so writing a long article costs its output and little more.
    std::string run() {
        const Metadata& m = doc_.metadata;
        out_.reserve(estimated_size());
        if (!m.title.empty()) out_ += one_line(m.title) + "\n";
        if (!m.subtitle.empty()) out_ += (chinese_ ? "——" : "— ") + one_line(m.subtitle) + "\n";
        std::string meta = metadata_ ? metadata_line() : std::string();
        if (!meta.empty()) {
            if (!out_.empty()) out_ += "\n";
            out_ += meta + "\n";
        }
        if (!m.abstract.empty()) {
            warn("plain.abstract-as-text", "the abstract is written as ordinary paragraphs");
            for (const auto& b : m.abstract) add_block(b);
        }

        // The byline goes into the first or last paragraph, as the reader found it.
        std::vector<const Contributor*> byline;
        for (const auto& c : m.contributors)
            if (is_byline(c)) byline.push_back(&c);
        byline_text_ = byline.empty() ? std::string() : format_byline(byline, chinese_);
        if (const std::string* note = m.custom_value(kBylineNote); note && !byline_text_.empty())
            byline_text_.insert(byline_text_.size() - std::string_view(chinese_ ? "）" : ")").size(), " " + *note);
        const std::string& byline_text = byline_text_;
        at_start_ = m.byline_placement == BylinePlacement::Start;
        start_prefix_ = m.dateline;
        if (at_start_) start_prefix_ += byline_text;
        in_body_ = true;
        for (const auto& b : doc_.blocks) add_block(b);
        if (body_parts_ == 0 && !start_prefix_.empty()) {
            prefix_done_ = true;
            emit(Part{start_prefix_, "", true});
        }
        if (!at_start_ && !byline_text.empty()) {
            if (body_parts_ > 0 && pending_ && pending_->paragraph) pending_->text += (chinese_ ? "" : " ") + byline_text;
            else emit(Part{byline_text, "", true});
        }
        in_body_ = false;
        add_references();
        for (std::size_t k = 0; k < notes_.size(); ++k) emit(Part{fmt::format("[{}] {}", k + 1, notes_[k]), "", true});
        if (pending_) flush(*pending_);
        pending_.reset();

        for (const auto& c : m.contributors)
            if (!c.affiliation.empty() || !c.email.empty()) {
                warn("plain.contributor-details-dropped", "contributor affiliations and e-mail addresses are not written");
                break;
            }
        return std::move(out_);
    }

private:
    enum class Indent { Auto, All, None };
    struct Part {
        std::string text;
        std::string indent;
        bool paragraph = false;
    };

    // The output's size, nearly: the text of the tree plus a few bytes a block
    // (separators, indents), so the output is allocated once.
    std::size_t estimated_size() const {
        std::size_t text = 0, blocks = 0;
        ConstVisitor v;
        v.block = [&](const Block&) { ++blocks; };
        v.inline_ = [&](const Inline& i) {
            if (const auto* t = std::get_if<Text>(&i.node)) text += t->text.size();
        };
        walk(doc_, v);
        return text + text / 64 + blocks * 10 + 4096;
    }

    // A body part that arrives first takes the dateline and the opening byline.
    void emit(Part p) {
        if (in_body_) {
            if (body_parts_ == 0 && !start_prefix_.empty() && !prefix_done_) {
                prefix_done_ = true;
                if (p.paragraph) {
                    const bool tight = (at_start_ && !byline_text_.empty()) ||
                                       starts_with(p.text, "（") || starts_with(p.text, "(");
                    p.text = start_prefix_ + (tight ? "" : (chinese_ ? "\u3000" : " ")) + p.text;
                } else {
                    emit(Part{start_prefix_, "", true});
                }
            }
            ++body_parts_;
        }
        if (pending_) flush(*pending_);
        pending_ = std::move(p);
    }

    void flush(const Part& p) {
        if (!out_.empty()) out_ += '\n';
        out_ += p.indent;
        if (wrap_ == 0) out_ += p.text;
        else out_ += wrap(p.text, p.indent);
        out_ += '\n';
    }

    void warn(const std::string& code, const std::string& msg) {
        if (warned_.emplace(code, true).second) diags_.warn(code, msg, Location{ctx_.path, "", 0, 0});
    }

    // Appends s with its line ends made spaces.
    static void append_one_line(std::string& out, std::string_view s) {
        std::size_t from = out.size();
        out.append(s);
        // memchr over the whole text is much faster than find_first_of's per-byte set search.
        if (!std::memchr(s.data(), '\n', s.size()) && !std::memchr(s.data(), '\r', s.size())) return;
        for (std::size_t k = from; k < out.size(); ++k)
            if (out[k] == '\n' || out[k] == '\r') out[k] = ' ';
    }
    static std::string one_line(std::string_view s) {
        std::string out;
        append_one_line(out, s);
        return out;
    }

    std::string metadata_line() {
        const Metadata& m = doc_.metadata;
        std::vector<std::pair<std::string, std::string>> fields;
        if (!m.source.empty()) fields.emplace_back(chinese_ ? "来源" : "Source", m.source);
        const std::string name_sep = chinese_ ? "、" : ", ";
        bool prev_contributor = false;
        for (const auto& c : m.contributors) {
            if (is_byline(c)) continue;
            std::string label = c.label.empty() ? std::string(default_label(c.role, chinese_)) : c.label;
            if (prev_contributor && fields.back().first == label) fields.back().second += name_sep + c.name;
            else fields.emplace_back(label, c.name);
            prev_contributor = true;
        }
        if (m.date) fields.emplace_back(chinese_ ? "时间" : "Published", m.date->text.empty() ? m.date->iso() : m.date->text);
        if (!m.section.empty()) fields.emplace_back(chinese_ ? "栏目" : "Section", m.section);
        if (!m.keywords.empty()) {
            std::string k;
            for (const auto& w : m.keywords) k += (k.empty() ? "" : name_sep) + w;
            fields.emplace_back(chinese_ ? "关键词" : "Keywords", k);
        }
        for (const auto& id : m.identifiers) {
            std::string scheme = id.scheme;
            for (auto& ch : scheme) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
            fields.emplace_back(scheme, id.value);
        }
        if (!m.license.empty()) fields.emplace_back(chinese_ ? "许可" : "License", m.license);
        // The article's citation under the JATS names it had as custom pairs before it was typed.
        for (const auto& [k, v] : {std::pair{"volume", &m.citation.volume}, std::pair{"issue", &m.citation.issue},
                                   std::pair{"fpage", &m.citation.first_page}, std::pair{"lpage", &m.citation.last_page},
                                   std::pair{"elocation-id", &m.citation.elocation_id}})
            if (!v->empty()) fields.emplace_back(k, *v);
        for (const auto& kv : m.custom)
            if (kv.first != kBylineNote) fields.push_back(kv);
        if (fields.empty()) return {};
        bool spaced = false;
        for (const auto& [k, v] : fields)
            if (k.empty() || v.find(' ') != std::string::npos || v.find("\u3000") != std::string::npos) spaced = true;
        std::string sep = chinese_ ? (spaced ? "  " : " ") : " | ";
        std::string line;
        for (const auto& [k, v] : fields) {
            if (!line.empty()) line += sep;
            if (!k.empty()) line += k + (chinese_ ? ":" : ": ");
            line += one_line(v);
        }
        return line;
    }

    std::string indent_for(const Paragraph& p) const {
        switch (indent_) {
            case Indent::All: return kIndent;
            case Indent::None: return "";
            case Indent::Auto: return p.first_line_indent ? kIndent : "";
        }
        return "";
    }

    // Greedy wrapping at spaces, for text without CJK characters only.
    std::string wrap(const std::string& text, const std::string& indent) const {
        if (wrap_ == 0 || text.find('\n') != std::string::npos) return text;
        ScriptCounts sc;
        sc.add(text);
        if (sc.han + sc.kana + sc.hangul > 0) return text;
        std::string out;
        std::size_t col = display_width(indent), i = 0;
        bool first = true;
        while (i < text.size()) {
            std::size_t e = text.find(' ', i);
            if (e == std::string::npos) e = text.size();
            std::string_view word(text.data() + i, e - i);
            std::size_t w = display_width(word);
            if (!first && col + 1 + w > wrap_ && !list_marker(std::string_view(text).substr(i))) {
                out += '\n';
                col = 0;
            } else if (!first) {
                out += ' ';
                ++col;
            }
            out += word;
            col += w;
            first = false;
            i = e + 1;
        }
        return out;
    }

    std::string inlines(const Inlines& is) {
        // One Text, the reader's usual paragraph: a single copy.
        if (is.size() == 1 && is[0].is<Text>()) return one_line(is[0].as<Text>().text);
        std::string s;
        for (const auto& i : is) inline_(i, s);
        return s;
    }

    void inline_(const Inline& in, std::string& s) {
        in.visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Text>) {
                    append_one_line(s, n.text);
                } else if constexpr (std::is_same_v<T, Code>) {
                    s += n.text;
                } else if constexpr (std::is_same_v<T, Link>) {
                    s += inlines(n.content);
                    warn("plain.link-dropped", "link targets are not written, only the link text");
                } else if constexpr (std::is_same_v<T, Image>) {
                    s += inlines(n.alt);
                    warn("plain.image-dropped", "images are not written, only their alternative text");
                } else if constexpr (std::is_same_v<T, LineBreak>) {
                    s += "\n";
                    warn("plain.line-break", "line breaks inside paragraphs are read back as joined lines");
                } else if constexpr (std::is_same_v<T, Note>) {
                    std::string body;
                    for (const auto& b : n.content) {
                        if (!body.empty()) body += ' ';
                        body += one_line(stringify(b));
                    }
                    notes_.push_back(body);
                    s += fmt::format("[{}]", notes_.size());
                } else if constexpr (std::is_same_v<T, Math>) {
                    s += n.text;
                    warn("plain.math-as-text", "math is written as its source text");
                } else if constexpr (std::is_same_v<T, RawInline>) {
                    if (n.format == "plain" || n.format == "text") s += n.text;
                    else warn("plain.raw-dropped", "raw content for other formats is dropped");
                } else if constexpr (std::is_same_v<T, CrossRef>) {
                    s += inlines(n.content);
                } else if constexpr (std::is_same_v<T, Span>) {
                    s += inlines(n.content);
                } else {
                    s += inlines(n.content);
                    warn("plain.formatting-dropped", "character formatting (emphasis, bold...) is dropped");
                }
            });
    }

    void add_block(const Block& b) {
        b.visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Paragraph>) {
                    if (n.align != Alignment::Default) warn("plain.alignment-dropped", "paragraph alignment is dropped");
                    std::string t = inlines(n.content);
                    if (!t.empty()) emit(Part{std::move(t), indent_for(n), true});
                } else if constexpr (std::is_same_v<T, Heading>) {
                    // A two-line heading (kicker, line break, heading) is written
                    // as the source had it: each line its own paragraph.
                    Inlines line;
                    for (const Inline& i : n.content) {
                        if (!i.is<LineBreak>()) {
                            line.push_back(i);
                            continue;
                        }
                        emit(Part{inlines(line), "", false});
                        line.clear();
                    }
                    emit(Part{inlines(line), "", false});
                } else if constexpr (std::is_same_v<T, BlockQuote>) {
                    warn("plain.blockquote-flattened", "block quotes are written as ordinary paragraphs");
                    for (const auto& c : n.content) add_block(c);
                } else if constexpr (std::is_same_v<T, BulletList>) {
                    std::string s;
                    for (const auto& item : n.items) s += (s.empty() ? "" : "\n") + std::string("• ") + item_text(item);
                    emit(Part{s, "", false});
                } else if constexpr (std::is_same_v<T, OrderedList>) {
                    if (n.style != ListStyle::Default && n.style != ListStyle::Decimal && n.style != ListStyle::CJK)
                        warn("plain.list-style", "letter and roman list numbering is written as decimal numbers");
                    std::string s;
                    int k = n.start;
                    for (const auto& item : n.items) {
                        std::string marker = n.style == ListStyle::CJK ? cjk_numeral(k) + "、" : std::to_string(k) + ". ";
                        s += (s.empty() ? "" : "\n") + marker + item_text(item);
                        ++k;
                    }
                    emit(Part{s, "", false});
                } else if constexpr (std::is_same_v<T, Table>) {
                    warn("plain.table-as-text", "tables are written as text rows, cells separated by ' | '");
                    std::string s;
                    if (!n.caption.empty()) s += one_line(stringify(n.caption));
                    for (const auto* rows : {&n.head, &n.body, &n.foot})
                        for (const auto& row : *rows) {
                            std::string line;
                            for (const auto& cell : row.cells)
                                line += (line.empty() ? "" : " | ") + one_line(stringify(cell.content));
                            s += (s.empty() ? "" : "\n") + line;
                        }
                    if (!s.empty()) emit(Part{s, "", false});
                } else if constexpr (std::is_same_v<T, Figure>) {
                    warn("plain.image-dropped", "images are not written, only their alternative text");
                    for (const auto& c : n.content) add_block(c);
                    std::string cap = n.label;
                    std::string text = one_line(stringify(n.caption));
                    if (!cap.empty() && !text.empty()) cap += ' ';
                    cap += text;
                    if (!cap.empty()) emit(Part{cap, "", true});
                } else if constexpr (std::is_same_v<T, CodeBlock>) {
                    warn("plain.code-block", "code blocks are written as text and read back as paragraphs");
                    emit(Part{n.text, "", false});
                } else if constexpr (std::is_same_v<T, HorizontalRule>) {
                    emit(Part{"* * *", "", false});
                } else if constexpr (std::is_same_v<T, RawBlock>) {
                    if (n.format == "plain" || n.format == "text") emit(Part{n.text, "", false});
                    else warn("plain.raw-dropped", "raw content for other formats is dropped");
                } else if constexpr (std::is_same_v<T, Div>) {
                    for (const auto& c : n.content) add_block(c);
                }
            });
    }

    // After the body and its byline, before the notes, as pandoc puts them.
    void add_references() {
        if (doc_.references.empty()) return;
        warn("plain.references-as-text", "references are written as text: read back, each keeps its text, DOI and URL");
        emit(Part{references_heading(chinese_), "", false});
        for (const auto& r : doc_.references) emit(Part{format_reference(r), "", true});
    }

    std::string item_text(const Blocks& item) {
        std::string s;
        for (const auto& b : item) {
            if (!s.empty()) s += ' ';
            if (b.is<Paragraph>()) s += inlines(b.as<Paragraph>().content);
            else s += one_line(stringify(b));
        }
        if (item.size() > 1 || (!item.empty() && !item[0].is<Paragraph>()))
            warn("plain.list-item-blocks", "list items with several blocks or nested lists are flattened to one line");
        return s;
    }

    const Document& doc_;
    const WriteContext& ctx_;
    DiagnosticSink diags_;
    Indent indent_ = Indent::Auto;
    std::size_t wrap_ = 0;
    bool metadata_ = true;
    bool chinese_ = false;
    std::string out_;
    std::optional<Part> pending_;
    bool in_body_ = false;
    bool prefix_done_ = false;
    bool at_start_ = false;
    std::size_t body_parts_ = 0;
    std::string start_prefix_;
    std::string byline_text_;
    std::vector<std::string> notes_;
    std::map<std::string, bool> warned_;
};

}  // namespace

std::string write(const Document& doc, const WriteContext& ctx) { return Writer(doc, ctx).run(); }

}  // namespace copydesk::plaintext
