// DOCX reader: the main body's items become blocks while the body streams:
// the article head goes to the metadata, groups are assembled once closed.
#include <algorithm>
#include <iterator>

#include "common/article/dateline.hpp"
#include "copydesk/walk.hpp"
#include "docx/docx_reader.hpp"

namespace copydesk::docx::rd {

namespace {

// An item after which assemble() starts afresh whatever follows: it joins no
// group with the next item (list, continuation, quote, caption run, code
// merge) and is no end byline. Assembling up to it gives what assembling
// the whole body would.
bool is_anchor(const Inline& x) {
    return x.is<Span>() && x.as<Span>().content.empty() && x.as<Span>().attr.classes.size() == 1 &&
           x.as<Span>().attr.classes[0] == "anchor";
}

// Removes `prefix` from the start of the paragraph's text (bookmarks before it
// stay), with the space after it; false if the paragraph does not start so.
bool strip_prefix(Inlines& in, std::string_view prefix) {
    auto i = in.begin();
    while (i != in.end() && is_anchor(*i)) ++i;
    if (i == in.end() || !i->is<Text>()) return false;
    std::string& t = i->as<Text>().text;
    if (t.compare(0, prefix.size(), prefix) != 0) return false;
    t.erase(0, prefix.size());
    Inlines rest(std::make_move_iterator(i), std::make_move_iterator(in.end()));
    in.erase(i, in.end());
    article::trim_leading_space(rest);
    for (auto& x : rest) in.push_back(std::move(x));
    return true;
}

bool closes_groups(const Item& it) {
    const bool list = it.num && it.level && !it.level->none;
    const bool continuation = it.cont_level >= 0 && !it.num;
    return !list && !continuation && !it.quote && it.kind != StyleKind::Caption && it.kind != StyleKind::Code &&
           it.kind != StyleKind::Figure && it.kind != StyleKind::Byline && !image_only(it.block);
}

}  // namespace

void BodyAssembler::add(Item&& it) {
    if (in_head_) {
        if (it.block.is<Paragraph>()) {
            auto text = [&] { return xml::trim(stringify(it.block.as<Paragraph>().content)); };
            if (it.kind == StyleKind::Title && !title_seen_) {
                title_ = text();
                title_seen_ = true;
                return;
            }
            if (it.kind == StyleKind::Subtitle) {
                subtitles_.push_back(text());
                return;
            }
            // Carried in docProps/custom.xml by our writer; the line itself is presentation.
            if (it.kind == StyleKind::Metadata || it.kind == StyleKind::Byline) return;
            if (it.kind == StyleKind::Abstract) {
                abstract_.push_back(std::move(it.block));
                return;
            }
        }
        in_head_ = false;
    }
    if (!lede_seen_ && take_dateline(it)) return;
    // A Title further down is a top-level heading.
    if ((it.kind == StyleKind::Title || it.kind == StyleKind::Subtitle) && it.block.is<Paragraph>()) {
        Heading h;
        h.level = it.kind == StyleKind::Title ? 1 : 2;
        h.content = std::move(it.block.as<Paragraph>().content);
        it.block = std::move(h);
        it.quote = false;
    }
    if (pending_.empty() && closes_groups(it)) {
        out_.push_back(std::move(it.block));  // what assemble_into would do with it alone
        return;
    }
    pending_.push_back(std::move(it));
    if (closes_groups(pending_.back())) {
        assemble_into(pending_, out_);
        pending_.clear();
    }
}

bool BodyAssembler::take_dateline(Item& it) {
    lede_seen_ = true;
    if (it.dateline.empty() || !it.block.is<Paragraph>()) return false;
    Inlines& in = it.block.as<Paragraph>().content;
    if (!strip_prefix(in, it.dateline)) return false;
    dateline_ = std::move(it.dateline);
    return std::all_of(in.begin(), in.end(), is_anchor);
}

void BodyAssembler::reserve(std::size_t blocks) { out_.reserve(blocks); }

Blocks BodyAssembler::finish() {
    // Our writer puts an end byline after the body.
    while (!pending_.empty() && pending_.back().kind == StyleKind::Byline && pending_.back().block.is<Paragraph>())
        pending_.pop_back();
    assemble_into(pending_, out_);
    pending_.clear();
    return std::move(out_);
}

void BodyAssembler::apply_head(Metadata& m) {
    if (title_seen_) m.title = title_;
    for (auto& s : subtitles_)
        if (m.subtitle.empty()) m.subtitle = s;
    if (!abstract_.empty()) m.abstract = std::move(abstract_);
    if (!dateline_.empty()) article::apply_shown_dateline(m, dateline_);
}

}  // namespace copydesk::docx::rd
