// The plain-text reader: bytes → lines → headline, metadata lines,
// paragraphs → bylines → subheadings and lists. Every step is a linear scan.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "copydesk/errors.hpp"
#include "plaintext/byline.hpp"
#include "plaintext/encoding.hpp"
#include "plaintext/footnotes.hpp"
#include "plaintext/metadata_line.hpp"
#include "plaintext/plaintext.hpp"
#include "plaintext/references.hpp"
#include "plaintext/structure.hpp"
#include "plaintext/text_util.hpp"
#include "plaintext/title.hpp"

namespace copydesk::plaintext {

namespace {

struct Line {
    std::string_view text;  // without indentation and trailing white space
    bool indented = false;
    bool taken = false;     // used as headline or metadata
    int number = 0;
    bool blank() const { return taken || text.empty(); }
};

std::vector<Line> split_lines(std::string_view s) {
    std::vector<Line> out;
    // Most articles have one line per ~100 bytes; reserving avoids regrowth.
    out.reserve(s.size() / 64 + 8);
    const bool has_cr = s.find('\r') != std::string_view::npos;
    std::size_t i = 0;
    int n = 0;
    while (i <= s.size()) {
        std::size_t e;
        if (!has_cr) {
            const void* hit = std::memchr(s.data() + i, '\n', s.size() - i);
            e = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - s.data()) : s.size();
        } else {
            e = i;
            while (e < s.size() && s[e] != '\n' && s[e] != '\r') ++e;
        }
        Line l;
        l.number = ++n;
        std::string_view raw = s.substr(i, e - i);
        std::string_view left = trim_left(raw);
        l.indented = left.size() != raw.size();
        l.text = trim_right(left);
        out.push_back(l);
        if (e >= s.size()) break;
        i = e + ((s[e] == '\r' && e + 1 < s.size() && s[e + 1] == '\n') ? 2 : 1);
        if (i == s.size()) break;
    }
    return out;
}

// Appends a line's text with runs of spaces and tabs made one space.
void append_collapsed(std::string& out, std::string_view t) {
    std::size_t i = 0;
    while (i < t.size()) {
        std::size_t j = find_blank(t, i);
        out.append(t.data() + i, j - i);
        if (j == t.size()) break;
        std::size_t k = j;
        while (k < t.size() && (t[k] == ' ' || t[k] == '\t')) ++k;
        if (k < t.size()) out += ' ';
        i = k;
    }
}

// Joining wrapped lines: no space next to CJK, one space between Latin words.
void join_line(std::string& para, std::string_view next) {
    if (para.empty()) {
        append_collapsed(para, next);
        return;
    }
    std::size_t j = 0;
    char32_t a = prev_cp(para, para.size());
    char32_t b = next_cp(next, j);
    if (!(is_cjk(a) || is_cjk(b))) para += ' ';
    append_collapsed(para, next);
}

bool ends_sentence_cjk(std::string_view t) {
    std::size_t start = 0;
    char32_t c = prev_cp(t, t.size(), &start);
    if (c == U'”' || c == U'」' || c == U'』') c = prev_cp(t, start);
    return c == U'。' || c == U'！' || c == U'？' || c == U'…';
}

struct Flags {
    bool headline, metadata, byline, indent_paragraphs, lists, footnotes, site_suffix, references;
    StructureOptions structure;
    std::string language;
};

Flags read_flags(const Options& o) {
    Flags f{};
    f.headline = o.get_bool("headline", true);
    f.metadata = o.get_bool("metadata", true);
    f.byline = o.get_bool("byline", true);
    f.indent_paragraphs = o.get_bool("indent-paragraphs", true);
    f.lists = o.get_bool("lists", true);
    f.footnotes = o.get_bool("footnotes", true);
    f.site_suffix = o.get_bool("site-suffix", true);
    f.references = o.get_bool("references", true);
    f.structure.subheadings = o.get_bool("subheadings", true);
    f.structure.lists = f.lists;
    f.structure.rules = o.get_bool("rules", true);
    f.language = o.get_string("language", "auto");
    return f;
}

// Paragraphs of one run of non-blank lines [a, b).
void block_paragraphs(const std::vector<Line>& lines, std::size_t a, std::size_t b, const Flags& f,
                      std::vector<Para>& out) {
    if (b - a == 1) {  // the usual block: one line, one paragraph
        Para p;
        p.indented = lines[a].indented;
        p.line = lines[a].number;
        p.lines = 1;
        append_collapsed(p.text, lines[a].text);
        out.push_back(std::move(p));
        return;
    }
    std::size_t w = 0;
    std::vector<std::size_t> width(b - a);
    for (std::size_t k = a; k < b; ++k) {
        width[k - a] = display_width(lines[k].text);
        w = std::max(w, width[k - a]);
    }
    // Hard-wrapped text: lines of similar width up to about 200 columns. Other
    // blocks (one paragraph per line, as crawlers write) split at every line.
    bool wrapped = w <= 200 && w >= 20;
    // A wrapped CJK line is full to within a character or two (line-breaking
    // rules move at most that); one ending in a Han character and short by
    // three or more characters, in columns and in characters, ends its
    // paragraph (a lead-in line followed by a caption line).
    std::size_t max_cps = 0;
    std::vector<std::size_t> cps(b - a);
    for (std::size_t k = a; k < b; ++k) {
        cps[k - a] = cp_count(lines[k].text);
        max_cps = std::max(max_cps, cps[k - a]);
    }
    auto short_cjk_end = [&](std::size_t k) {
        return is_han(prev_cp(lines[k].text, lines[k].text.size())) && width[k - a] + 6 <= w &&
               cps[k - a] + 3 <= max_cps;
    };
    for (std::size_t k = a; k < b; ++k) {
        const Line& l = lines[k];
        bool start = k == a || !wrapped || (f.indent_paragraphs && l.indented) ||
                     (f.lists && list_marker(l.text)) || width[k - 1 - a] * 2 < w ||
                     ends_sentence_cjk(lines[k - 1].text) || short_cjk_end(k - 1);
        if (start) {
            Para p;
            p.indented = l.indented;
            p.line = l.number;
            p.lines = 1;
            append_collapsed(p.text, l.text);
            out.push_back(std::move(p));
        } else {
            join_line(out.back().text, l.text);
            ++out.back().lines;
        }
    }
}

// The headline into m.title; why the first line is none when it is a crawled
// fragment rather than a headline (reported, the line stays text).
std::optional<std::string> take_headline(std::vector<Line>& lines, Metadata& m) {
    std::size_t k = 0;
    while (k < lines.size() && lines[k].blank()) ++k;
    if (k == lines.size()) return std::nullopt;
    // A first line that is itself a metadata line with a known key: no headline.
    if (parse_metadata_line(lines[k].text, true)) return std::nullopt;
    // A long first line that ends a sentence is the lede, not a headline
    // (articles copied without their title).
    if (ends_sentence_cjk(lines[k].text) && display_width(lines[k].text) > 100) return std::nullopt;
    if (auto why = title_rejection(lines[k].text, lines[k].indented)) return why;
    lines[k].taken = true;
    m.title.clear();
    append_collapsed(m.title, lines[k].text);
    // Two-line headlines, only when the block is exactly two lines: a first
    // line ending in a dash or colon continues; a second line opening with a
    // dash is the subtitle (副题).
    std::size_t n = k + 1;
    if (n >= lines.size() || lines[n].blank() || (n + 1 < lines.size() && !lines[n + 1].blank())) return std::nullopt;
    std::string_view second = lines[n].text;
    if (ends_sentence_cjk(second) || display_width(second) > 160) return std::nullopt;
    for (std::string_view dash : {"——", "—", "--"}) {
        if (starts_with(second, dash)) {
            lines[n].taken = true;
            m.subtitle.clear();
            append_collapsed(m.subtitle, trim(second.substr(dash.size())));
            return std::nullopt;
        }
    }
    std::string_view first = lines[k].text;
    if (ends_with(first, "——") || ends_with(first, "—") || ends_with(first, "：") || ends_with(first, ":")) {
        lines[n].taken = true;
        join_line(m.title, second);
    }
    return std::nullopt;
}

void take_metadata_lines(std::vector<Line>& lines, Metadata& m) {
    std::size_t k = 0;
    while (k < lines.size() && lines[k].taken) ++k;
    for (int found = 0; found < 4; ++found) {
        while (k < lines.size() && lines[k].blank()) ++k;
        if (k == lines.size()) return;
        auto fields = parse_metadata_line(lines[k].text);
        if (!fields) return;
        apply_fields(*fields, m);
        lines[k].taken = true;
    }
}

// A last paragraph that is a metadata line naming only contributors (and a
// source not yet known): "责任编辑：张迪", "来源：无锡交警".
bool take_trailing_metadata(std::vector<Para>& paras, Metadata& m, std::vector<Contributor>& tail) {
    if (paras.empty() || paras.back().lines != 1) return false;
    auto fields = parse_metadata_line(paras.back().text, true);
    if (!fields) return false;
    bool source_used = false;
    for (const auto& fl : *fields) {
        if (!fl.info) return false;
        if (fl.info->kind == KeyKind::Contributor && !parse_byline_inner(fl.key + " " + fl.value)) return false;
        if (fl.info->kind == KeyKind::Source) {
            if (!m.source.empty() || source_used) return false;
            source_used = true;
        } else if (fl.info->kind != KeyKind::Contributor) {
            return false;
        }
    }
    Metadata tmp;
    apply_fields(*fields, tmp);
    if (source_used) m.source = tmp.source;
    tail.insert(tail.begin(), tmp.contributors.begin(), tmp.contributors.end());
    paras.pop_back();
    return true;
}

// A site name after the headline ("…交通-新华网") is the source, unless a 来源
// names another: then it is kept as the custom pair "site".
void split_site(Metadata& m, DiagnosticSink& diags, const Location& where) {
    auto s = split_site_suffix(m.title);
    if (!s) return;
    m.title = std::move(s->headline);
    std::string what = "'" + s->site + "' after the headline ";
    if (m.source.empty() || m.source == s->site) {
        what += "is the source";
        m.source = std::move(s->site);
    } else {
        what += "is kept as custom 'site' (来源 names '" + m.source + "')";
        m.custom.emplace_back("site", std::move(s->site));
    }
    diags.info("plain.site-suffix", what + "; site-suffix=false keeps it in the title", where);
}

std::string detect_language(const Metadata& m, const std::vector<Para>& paras) {
    ScriptCounts sc;
    sc.add_valid_utf8(m.title);  // decoded text: valid UTF-8
    // The first 256 KB of text decide; a long article does not change its mind.
    std::size_t seen = 0;
    for (const auto& p : paras) {
        if (seen > (256u << 10)) break;
        sc.add_valid_utf8(p.text);
        seen += p.text.size();
    }
    if (sc.kana > 0 && sc.kana * 5 >= sc.han) return "ja";
    if (sc.hangul > 0 && sc.hangul >= sc.han) return "ko";
    // A Han character carries about as much as a Latin word: "mostly Han"
    // means more Han characters than a third of the Latin letters.
    if (sc.han > 0 && sc.han * 3 >= sc.latin) return "zh-CN";
    if (sc.latin > 0) return "en";
    return "";
}

}  // namespace

Document read(std::string_view data, const ReadContext& ctx) {
    Location where{ctx.path, "", 0, 0};
    if (data.size() > ctx.limits.max_input_bytes)
        throw LimitError(fmt::format("input of {} bytes exceeds limit.max_input_bytes ({})", data.size(),
                                     ctx.limits.max_input_bytes),
                         where);
    Flags f = read_flags(ctx.options);
    Document doc;
    DiagnosticSink diags(doc.diagnostics);
    Decoded dec = decode(data, diags, where);
    diags.info("plain.encoding", "encoding: " + dec.encoding, where);

    std::vector<Line> lines = split_lines(dec.text);
    Metadata& m = doc.metadata;
    if (f.headline)
        if (auto why = take_headline(lines, m))
            diags.info("plain.title-rejected", "the first line is not taken as the title: " + *why, where);
    if (f.metadata) take_metadata_lines(lines, m);

    std::vector<Para> paras;
    for (std::size_t k = 0; k < lines.size();) {
        if (lines[k].blank()) {
            ++k;
            continue;
        }
        std::size_t e = k;
        while (e < lines.size() && !lines[e].blank()) ++e;
        block_paragraphs(lines, k, e, f, paras);
        k = e;
    }

    // The notes section goes first: the writer puts it after the end byline.
    std::vector<std::string> notes;
    if (f.footnotes) notes = take_notes(paras);
    // The reference list comes next, after the end byline.
    if (f.references) doc.references = take_references(paras);

    // Contributors in the order the writer will put them back: metadata-line
    // roles first, byline roles after, each in source order.
    std::vector<Contributor> head = std::move(m.contributors), start, tail;
    m.contributors.clear();
    if (f.byline && !paras.empty()) {
        if (auto sb = match_start_byline(paras.front().text)) {
            m.dateline = sb->dateline;
            start = std::move(sb->contributors);
            if (!sb->dropped.empty()) {  // the writer puts it back into the bracket
                m.custom.emplace_back(std::string(kBylineNote), sb->dropped);
                diags.info("plain.byline-note",
                           "'" + sb->dropped + "' after the names of the opening byline is kept as custom '" +
                               std::string(kBylineNote) + "'",
                           where);
            }
            paras.front().text.erase(0, sb->consumed);
            if (paras.front().text.empty()) paras.erase(paras.begin());
        } else {
            // A credit line first, or under a short lead-in ("划重点：").
            for (std::size_t k = 0; k < 2 && k + 1 < paras.size(); ++k) {
                if (k == 1 && cp_count(paras[0].text) > 12) break;
                if (paras[k].lines != 1) continue;
                if (auto cs = parse_credit_line(paras[k].text)) {
                    start = std::move(*cs);
                    paras.erase(paras.begin() + static_cast<std::ptrdiff_t>(k));
                    break;
                }
            }
        }
        for (bool changed = true; changed && !paras.empty();) {
            changed = false;
            if (auto cs = strip_end_byline(paras.back().text)) {
                tail.insert(tail.begin(), cs->begin(), cs->end());
                if (trim(paras.back().text).empty()) paras.pop_back();
                changed = true;
            } else if (f.metadata && take_trailing_metadata(paras, m, tail)) {
                changed = true;
            } else if (paras.size() > 1 && paras.back().lines == 1) {
                if (auto credit = parse_credit_line(paras.back().text)) {
                    tail.insert(tail.begin(), credit->begin(), credit->end());
                    paras.pop_back();
                    changed = true;
                }
            }
        }
        bool start_byline = std::any_of(start.begin(), start.end(), [](const Contributor& c) {
            return is_byline(c);
        });
        m.byline_placement = start_byline ? BylinePlacement::Start : BylinePlacement::End;
    }
    for (auto* group : {&head, &start, &tail})
        for (auto& c : *group) m.contributors.push_back(std::move(c));
    std::stable_partition(m.contributors.begin(), m.contributors.end(),
                          [](const Contributor& c) { return !is_byline(c); });

    if (f.site_suffix) split_site(m, diags, where);  // after every 来源 the text has

    if (f.language == "auto") m.language = detect_language(m, paras);
    else m.language = f.language;

    doc.blocks = build_blocks(std::move(paras), f.structure);
    if (!notes.empty() && !attach_notes(doc.blocks, notes)) {
        // A marker went into a byline or metadata: keep the notes as text.
        for (std::size_t k = 0; k < notes.size(); ++k) {
            Paragraph p;
            p.content.push_back(Text{notes[k].empty() ? fmt::format("[{}]", k + 1)
                                                      : fmt::format("[{}] {}", k + 1, notes[k])});
            doc.blocks.push_back(Block(std::move(p)));
        }
    }
    return doc;
}

}  // namespace copydesk::plaintext
