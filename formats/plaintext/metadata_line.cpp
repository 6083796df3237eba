#include "plaintext/metadata_line.hpp"

#include "plaintext/text_util.hpp"

namespace copydesk::plaintext {

namespace {

// ':' or a digit, ASCII or full-width (U+FF10..U+FF1A are EF BC 90..9A).
bool has_colon_or_digit(std::string_view t) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        unsigned char b = static_cast<unsigned char>(t[i]);
        if (b == ':' || (b >= '0' && b <= '9')) return true;
        if (b == 0xEF && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xBC &&
            static_cast<unsigned char>(t[i + 2]) >= 0x90 && static_cast<unsigned char>(t[i + 2]) <= 0x9A)
            return true;
    }
    return false;
}

bool is_digit_cp(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
bool is_colon(char32_t c) { return c == ':' || c == 0xFF1A; }

// Offset of the colon ending a key that starts at s[0], or npos. A key is 1 to
// 12 characters, does not start with a digit (times: 13:43) and holds no
// space, except for the few English keys of two words ("Edited by:").
std::size_t key_colon(std::string_view s) {
    std::size_t i = 0, n = 0;
    bool space = false;
    while (i < s.size() && n <= 12) {
        std::size_t at = i;
        char32_t c = next_cp(s, i);
        if (is_colon(c)) {
            if (n == 0) return std::string_view::npos;
            if (space && !lookup_key(s.substr(0, at))) return std::string_view::npos;
            return at;
        }
        if (n == 0 && is_digit_cp(c)) return std::string_view::npos;
        if (c == ' ') space = true;
        else if (is_hspace(c) || c == '|' || c == 0xFF5C) return std::string_view::npos;
        ++n;
    }
    return std::string_view::npos;
}

MetaField make_field(std::string_view f) {
    MetaField mf;
    std::size_t colon = key_colon(f);
    if (colon != std::string_view::npos) {
        std::size_t after = colon;
        next_cp(f, after);
        mf.key = std::string(trim(f.substr(0, colon)));
        mf.value = std::string(trim(f.substr(after)));
        mf.info = lookup_key(mf.key);
        if (mf.info && mf.info->kind == KeyKind::Date) {
            auto d = DateTime::parse(mf.value);
            if (d && d->text == mf.value) mf.date = std::move(d);
        }
        return mf;
    }
    mf.value = std::string(f);
    auto d = DateTime::parse(mf.value);
    if (d && d->text == mf.value) mf.date = std::move(d);
    return mf;
}

}  // namespace

std::vector<MetaField> split_fields(std::string_view line) {
    std::vector<std::string_view> raw;
    std::size_t start = 0, i = 0;
    auto cut = [&](std::size_t end, std::size_t next) {
        std::string_view f = trim(line.substr(start, end - start));
        if (!f.empty()) raw.push_back(f);
        start = next;
    };
    while (i < line.size()) {
        std::size_t at = i;
        char32_t c = next_cp(line, i);
        if (c == '|' || c == 0xFF5C || c == 0x3000 || c == '\t') {
            cut(at, i);
        } else if (c == ' ' || c == 0xA0) {
            std::size_t j = i;
            bool run = false;
            while (j < line.size()) {
                std::size_t k = j;
                char32_t d = next_cp(line, k);
                if (d != ' ' && d != 0xA0) break;
                run = true;
                j = k;
            }
            if (run || key_colon(line.substr(j)) != std::string_view::npos) cut(at, j);
            i = j;
        }
    }
    cut(line.size(), line.size());
    // "来源：" followed by its value after a separator: one field.
    std::vector<MetaField> out;
    for (std::size_t k = 0; k < raw.size(); ++k) {
        std::string_view f = raw[k];
        std::size_t colon = key_colon(f);
        if (colon != std::string_view::npos && trim(f.substr(colon)).size() <= 3 && k + 1 < raw.size() &&
            key_colon(raw[k + 1]) == std::string_view::npos) {
            std::size_t after = colon;
            next_cp(f, after);
            if (after == f.size()) {
                MetaField mf = make_field(f);
                mf.value = std::string(raw[k + 1]);
                if (mf.info && mf.info->kind == KeyKind::Date) {
                    auto d = DateTime::parse(mf.value);
                    if (d && d->text == mf.value) mf.date = std::move(d);
                }
                out.push_back(std::move(mf));
                ++k;
                continue;
            }
        }
        // "2019-09-05 11:10 游民星空[整理]": a date, then a bare value.
        if (colon == std::string_view::npos) {
            auto d = DateTime::parse(f);
            if (d && d->text.size() < f.size() && starts_with(f, d->text)) {
                std::string_view rest = f.substr(d->text.size());
                std::size_t j = 0;
                if (is_hspace(next_cp(rest, j))) {
                    out.push_back(make_field(f.substr(0, d->text.size())));
                    out.push_back(make_field(trim(rest)));
                    continue;
                }
            }
        }
        out.push_back(make_field(f));
    }
    return out;
}

std::vector<std::string> split_names(std::string_view value) {
    std::vector<std::string> out;
    auto push_piece = [&](std::string_view p) {
        p = trim(p);
        if (p.empty()) return;
        ScriptCounts sc;
        sc.add(p);
        if (sc.latin == 0) {  // CJK names: spaces separate names too
            std::size_t s = 0, i = 0;
            while (i < p.size()) {
                std::size_t at = i;
                if (is_hspace(next_cp(p, i))) {
                    if (at > s) out.emplace_back(p.substr(s, at - s));
                    s = i;
                }
            }
            if (s < p.size()) out.emplace_back(p.substr(s));
            return;
        }
        // "A and B"
        std::size_t pos;
        while ((pos = p.find(" and ")) != std::string_view::npos) {
            std::string_view a = trim(p.substr(0, pos));
            if (!a.empty()) out.emplace_back(a);
            p = trim(p.substr(pos + 5));
        }
        if (!p.empty()) out.emplace_back(p);
    };
    std::size_t s = 0, i = 0;
    while (i < value.size()) {
        std::size_t at = i;
        char32_t c = next_cp(value, i);
        if (c == 0x3001 || c == 0xFF0C || c == ',' || c == ';' || c == 0xFF1B) {
            push_piece(value.substr(s, at - s));
            s = i;
        }
    }
    push_piece(value.substr(s));
    return out;
}

std::optional<std::vector<MetaField>> parse_metadata_line(std::string_view line, bool require_key) {
    std::string_view t = trim(line);
    if (t.empty() || display_width(t) > 240) return std::nullopt;
    if (ends_with(t, "。")) return std::nullopt;
    // English "By Jane Doe and John Roe" without a colon.
    if (starts_with(t, "By ") && t.find(':') == std::string_view::npos && cp_count(t) <= 80) {
        std::string_view rest = trim(t.substr(3));
        auto names = split_names(rest);
        bool ok = !names.empty();
        for (const auto& n : names)
            if (n.empty() || !(n[0] >= 'A' && n[0] <= 'Z') || n.find('.') == n.size() - 1) ok = false;
        if (ok) {
            MetaField mf;
            mf.key = "By";
            mf.value = std::string(rest);
            mf.info = lookup_key("By");
            return std::vector<MetaField>{std::move(mf)};
        }
        return std::nullopt;
    }
    // A known key needs a colon and a date four digits: without either the
    // line cannot qualify, and most headlines and paragraphs stop here.
    if (!has_colon_or_digit(t)) return std::nullopt;
    auto fields = split_fields(t);
    std::size_t known = 0, dates = 0, bare = 0, unknown = 0;
    for (const auto& f : fields) {
        if (f.value.find("。") != std::string::npos) return std::nullopt;
        std::size_t vlen = cp_count(f.value);
        if (f.info) {
            if (f.value.empty()) return std::nullopt;
            auto kind = f.info->kind;
            if ((kind == KeyKind::Contributor || kind == KeyKind::Source || kind == KeyKind::Section) &&
                (vlen > 40 || f.value.find("，") != std::string::npos))
                return std::nullopt;
            if (kind == KeyKind::Contributor && f.date) return std::nullopt;
            ++known;
        } else if (!f.key.empty()) {
            if (cp_count(f.key) > 8 || vlen > 40) return std::nullopt;
            ++unknown;
        } else if (f.date) {
            ++dates;
        } else {
            if (vlen > 20 || f.value.find("，") != std::string::npos) return std::nullopt;
            ++bare;
        }
    }
    if (known == 0 && (require_key || dates == 0)) return std::nullopt;
    if (bare > 2 || unknown > 3) return std::nullopt;
    return fields;
}

void apply_fields(const std::vector<MetaField>& fields, Metadata& m) {
    auto custom = [&](const MetaField& f) { m.custom.emplace_back(f.key, f.value); };
    for (const auto& f : fields) {
        if (!f.info) {
            if (f.key.empty() && f.date && !m.date) m.date = f.date;
            else custom(f);
            continue;
        }
        switch (f.info->kind) {
            case KeyKind::Source:
                if (m.source.empty()) m.source = f.value;
                else custom(f);
                break;
            case KeyKind::Contributor:
                for (auto& n : split_names(f.value)) {
                    Contributor c;
                    c.name = std::move(n);
                    c.role = f.info->role;
                    c.label = f.key;
                    m.contributors.push_back(std::move(c));
                }
                break;
            case KeyKind::Date:
                if (f.date && !m.date) m.date = f.date;
                else custom(f);
                break;
            case KeyKind::Section:
                if (m.section.empty()) m.section = f.value;
                else custom(f);
                break;
            case KeyKind::Keywords:
                for (auto& k : split_names(f.value)) m.keywords.push_back(std::move(k));
                break;
            case KeyKind::Identifier:
                m.identifiers.push_back({std::string(f.info->scheme), f.value});
                break;
            case KeyKind::Custom:
                custom(f);
                break;
        }
    }
}

}  // namespace copydesk::plaintext
