// DOCX reader: metadata from document properties and from the article head.
#include "docx/docx_reader_meta.hpp"

#include <map>

#include "copydesk/walk.hpp"

namespace copydesk::docx::rd {

namespace {

std::vector<std::string> split(std::string_view s, std::string_view seps) {
    std::vector<std::string> out;
    std::string cur;
    std::size_t i = 0;
    while (i < s.size()) {
        bool hit = false;
        for (std::string_view sep : {std::string_view(";"), std::string_view(","), std::string_view("；"),
                                     std::string_view("，"), std::string_view("、")}) {
            if (seps.find(sep) == std::string_view::npos) continue;
            if (s.substr(i, sep.size()) == sep) {
                if (auto t = xml::trim(cur); !t.empty()) out.push_back(t);
                cur.clear();
                i += sep.size();
                hit = true;
                break;
            }
        }
        if (!hit) cur += s[i++];
    }
    if (auto t = xml::trim(cur); !t.empty()) out.push_back(t);
    return out;
}

// ISO dates, including the partial "2023-07" and "2023" the writer may store.
std::optional<DateTime> parse_date(std::string_view s) {
    if (auto d = DateTime::parse(s)) return d;
    DateTime d;
    int y = 0, mo = 0;
    std::size_t i = 0;
    for (; i < s.size() && i < 4 && s[i] >= '0' && s[i] <= '9'; ++i) y = y * 10 + (s[i] - '0');
    if (i != 4) return std::nullopt;
    if (i < s.size() && s[i] == '-') {
        std::size_t j = i + 1;
        for (; j < s.size() && j < i + 3 && s[j] >= '0' && s[j] <= '9'; ++j) mo = mo * 10 + (s[j] - '0');
        if (j != i + 3 || mo < 1 || mo > 12) return std::nullopt;
        i = j;
    }
    d.year = y;
    d.month = mo;
    d.text = std::string(s.substr(0, i));
    return d;
}

Blocks paragraphs_of(std::string_view text) {
    Blocks out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        if (auto t = xml::trim(text.substr(pos, nl - pos)); !t.empty())
            out.push_back(Paragraph{{Text{t}}, std::nullopt, Alignment::Default});
        pos = nl + 1;
    }
    return out;
}

}  // namespace

void read_core_properties(Metadata& m, std::string_view xml_text, const Location& where,
                          const xml::ReaderOptions& opts) {
    xml::Reader r(xml_text, where, opts);
    if (!r.next()) return;
    for_children(r, [&] {
        auto n = r.local_name();
        std::string v = xml::trim(r.read_text());
        if (v.empty()) return;
        if (n == "title") {
            m.title = v;
        } else if (n == "creator") {
            for (auto& name : split(v, ";；")) m.contributors.push_back(Contributor{name, Role::Author, {}, {}, {}});
        } else if (n == "created") {
            if (auto d = parse_date(v)) {
                // Midnight UTC is how a date without a time is stored.
                if (d->hour == 0 && d->minute == 0 && (d->second <= 0) &&
                    (!d->utc_offset_minutes || *d->utc_offset_minutes == 0)) {
                    d->hour = d->minute = d->second = -1;
                    d->utc_offset_minutes.reset();
                    d->text = d->iso();
                }
                m.date = d;
            }
        } else if (n == "language") {
            m.language = v;
        } else if (n == "keywords") {
            m.keywords = split(v, ",;，；、");
        } else if (n == "description") {
            m.abstract = paragraphs_of(v);
        } else if (n == "category") {
            m.section = v;
        } else if (n == "identifier") {
            auto colon = v.find(':');
            if (colon != std::string::npos && colon < 12 && v.compare(0, 4, "http") != 0)
                m.identifiers.push_back(Identifier{v.substr(0, colon), v.substr(colon + 1)});
            else
                m.identifiers.push_back(Identifier{"", v});
        } else if (n == "subject") {
            m.custom.emplace_back("subject", v);
        }
    });
}

void read_custom_properties(Metadata& m, std::string_view xml_text, const Location& where,
                            const xml::ReaderOptions& opts) {
    std::vector<std::pair<std::string, std::string>> props;
    {
        xml::Reader r(xml_text, where, opts);
        if (!r.next()) return;
        for_children(r, [&] {
            if (r.local_name() != "property") return r.skip();
            std::string name = r.attr("", "name").value_or("");
            std::string value = r.read_text();
            if (!name.empty()) props.emplace_back(std::move(name), std::move(value));
        });
    }
    if (props.empty()) return;
    // contributor.N[.field] and identifier.scheme[.n] come in groups.
    std::map<int, Contributor> contributors;
    std::vector<Identifier> identifiers;
    std::vector<std::string> editors;
    std::string date, date_text;
    std::map<std::string, std::string> custom_keys;  // custom.N -> key (docx_writer_parts.cpp)
    for (auto& [k, v] : props) {
        if (k == "subtitle") m.subtitle = v;
        else if (k == "source") m.source = v;
        else if (k == "editor") editors = split(v, ",，、");
        else if (k == "section") m.section = v;
        else if (k == "license") m.license = v;
        else if (k == "dateline") m.dateline = v;
        else if (k == "date") date = v;
        else if (k == "date-text") date_text = v;
        else if (k == "volume") m.citation.volume = v;
        else if (k == "issue") m.citation.issue = v;
        else if (k == "first-page") m.citation.first_page = v;
        else if (k == "last-page") m.citation.last_page = v;
        else if (k == "elocation-id") m.citation.elocation_id = v;
        else if (k == "byline-placement") m.byline_placement = v == "start" ? BylinePlacement::Start : BylinePlacement::End;
        else if (k.rfind("contributor.", 0) == 0) {
            std::string rest = k.substr(12);
            auto dot = rest.find('.');
            auto idx = to_int(rest.substr(0, dot));
            if (!idx || *idx < 1 || *idx > 100000) {
                m.custom.emplace_back(k, v);
                continue;
            }
            Contributor& c = contributors[static_cast<int>(*idx)];
            std::string field = dot == std::string::npos ? std::string() : rest.substr(dot + 1);
            if (field.empty()) c.name = v;
            else if (field == "role") c.role = role_from_name(v).value_or(Role::Other);
            else if (field == "label") c.label = v;
            else if (field == "affiliation") c.affiliation = v;
            else if (field == "email") c.email = v;
            else m.custom.emplace_back(k, v);
        } else if (k.rfind("identifier.", 0) == 0) {
            std::string scheme = k.substr(11);
            if (auto dot = scheme.find('.'); dot != std::string::npos && to_int(scheme.substr(dot + 1)))
                scheme = scheme.substr(0, dot);
            if (scheme == "other") scheme.clear();
            identifiers.push_back(Identifier{scheme, v});
        } else if (k.rfind("custom.", 0) == 0 && k.size() > 4 && k.compare(k.size() - 4, 4, ".key") == 0) {
            custom_keys[k.substr(0, k.size() - 4)] = v;
        } else if (auto key = custom_keys.find(k); key != custom_keys.end()) {
            m.custom.emplace_back(key->second, v);
        } else {
            m.custom.emplace_back(k, v);
        }
    }
    if (!contributors.empty()) {
        // The full list (editors included) replaces dc:creator.
        m.contributors.clear();
        for (auto& [i, c] : contributors) m.contributors.push_back(std::move(c));
    } else {
        for (auto& e : editors) m.contributors.push_back(Contributor{e, Role::Editor, {}, {}, {}});
    }
    if (!identifiers.empty()) m.identifiers = std::move(identifiers);
    if (!date.empty()) {
        if (auto d = parse_date(date)) {
            d->text = date_text.empty() ? date : date_text;
            m.date = d;
        }
    }
}

}  // namespace copydesk::docx::rd
