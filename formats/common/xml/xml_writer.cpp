// xml::Writer: one growing std::string; text is scanned once and copied in
// runs between the characters that need escaping or dropping.
#include "common/xml/xml.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace copydesk::xml {

namespace {

enum Class : std::uint8_t {
    Plain = 0,
    Escape = 1,   // needs a reference in this context
    Invalid = 2,  // C0 control XML 1.0 cannot hold
    High = 3,     // start or middle of a multi-byte UTF-8 sequence
};

constexpr std::array<std::uint8_t, 256> make_table(bool in_attr) {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = Invalid;
    for (int c = 0x80; c < 0x100; ++c) t[c] = High;
    t['&'] = Escape;
    t['<'] = Escape;
    // CR is escaped everywhere: a literal one would be normalised away on reading.
    t['\r'] = Escape;
    if (in_attr) {
        t['"'] = Escape;
        t['\t'] = Escape;  // attribute value normalisation would turn these into spaces
        t['\n'] = Escape;
    } else {
        t['>'] = Escape;  // covers "]]>"
        t['\t'] = Plain;
        t['\n'] = Plain;
    }
    return t;
}

constexpr auto kTextTable = make_table(false);
constexpr auto kAttrTable = make_table(true);

// The void elements of HTML: they have no end tag.
bool html_void(std::string_view name) {
    for (std::string_view v : {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                               "track", "wbr"})
        if (name == v) return true;
    return false;
}

std::string_view reference_for(char c) {
    switch (c) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '>': return "&gt;";
        case '"': return "&quot;";
        case '\t': return "&#9;";
        case '\n': return "&#10;";
        case '\r': return "&#13;";
        default: return {};
    }
}

// Length of the valid, XML-allowed UTF-8 sequence at s[i] (lead byte >= 0x80),
// or 0 if it is invalid, a surrogate, or U+FFFE/U+FFFF.
std::size_t valid_utf8_length(std::string_view s, std::size_t i, std::uint32_t& cp) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
    unsigned char c = b(0);
    if (c >= 0xC2 && c <= 0xDF) {
        if (!cont(1)) return 0;
        cp = (std::uint32_t(c & 0x1F) << 6) | (b(1) & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        cp = (std::uint32_t(c & 0x0F) << 12) | (std::uint32_t(b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        if (cp < 0x800) return 0;                   // overlong
        if (cp >= 0xD800 && cp <= 0xDFFF) return 0;  // surrogate
        if (cp == 0xFFFE || cp == 0xFFFF) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        cp = (std::uint32_t(c & 0x07) << 18) | (std::uint32_t(b(1) & 0x3F) << 12) |
             (std::uint32_t(b(2) & 0x3F) << 6) | (b(3) & 0x3F);
        if (cp < 0x10000 || cp > 0x10FFFF) return 0;
        return 4;
    }
    return 0;  // continuation byte, overlong lead (C0/C1) or F5..FF
}

}  // namespace

Writer::Writer(Diagnostics* diagnostics, std::string part) : diags_(diagnostics), part_(std::move(part)) {}

Writer& Writer::declaration(bool standalone) {
    out_ += standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                       : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    return *this;
}

Writer& Writer::doctype(std::string_view root, std::string_view public_id, std::string_view system_id) {
    // A system literal may hold one kind of quote; use the other one.
    auto literal = [this](std::string_view s) {
        char q = s.find('"') == std::string_view::npos ? '"' : '\'';
        out_ += q;
        out_ += s;
        out_ += q;
    };
    out_ += "<!DOCTYPE ";
    out_ += root;
    if (!public_id.empty()) {
        out_ += " PUBLIC ";
        literal(public_id);
        out_ += ' ';
        literal(system_id);
    } else if (!system_id.empty()) {
        out_ += " SYSTEM ";
        literal(system_id);
    }
    out_ += ">\n";
    return *this;
}

void Writer::close_start_tag() {
    if (start_open_) {
        out_ += '>';
        start_open_ = false;
    }
}

Writer& Writer::start(std::string_view qname) {
    close_start_tag();
    out_ += '<';
    out_ += qname;
    stack_.emplace_back(qname);
    start_open_ = true;
    return *this;
}

Writer& Writer::attr(std::string_view qname, std::string_view value) {
    if (!start_open_) throw std::logic_error("xml::Writer::attr outside a start tag");
    out_ += ' ';
    out_ += qname;
    out_ += "=\"";
    escape(value, true);
    out_ += '"';
    return *this;
}

Writer& Writer::text(std::string_view utf8) {
    if (utf8.empty()) return *this;
    close_start_tag();
    escape(utf8, false);
    return *this;
}

Writer& Writer::end() {
    if (stack_.empty()) throw std::logic_error("xml::Writer::end with no open element");
    if (start_open_ && !html_) {
        out_ += "/>";
        start_open_ = false;
    } else if (start_open_ && html_void(stack_.back())) {
        out_ += '>';
        start_open_ = false;
    } else {
        close_start_tag();
        out_ += "</";
        out_ += stack_.back();
        out_ += '>';
    }
    stack_.pop_back();
    return *this;
}

Writer& Writer::element(std::string_view qname, std::string_view text_utf8) {
    start(qname);
    text(text_utf8);
    return end();
}

Writer& Writer::raw(std::string_view xml) {
    close_start_tag();
    out_ += xml;
    return *this;
}

std::size_t Writer::open_elements() const { return stack_.size(); }

std::string Writer::take() {
    if (!stack_.empty()) {
        throw std::logic_error("xml::Writer::take with " + std::to_string(stack_.size()) +
                               " element(s) still open, innermost <" + stack_.back() + ">");
    }
    std::string result = std::move(out_);
    out_.clear();
    return result;
}

std::string& Writer::buffer() { return out_; }

void Writer::escape(std::string_view s, bool in_attr) {
    const auto& table = in_attr ? kAttrTable : kTextTable;
    std::size_t run = 0;  // start of the pending run of bytes copied as is
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::uint8_t cls = table[c];
        if (cls == Plain) {
            ++i;
            continue;
        }
        std::uint32_t cp = c;
        std::size_t len = 1;
        if (cls == High) {
            // Fast path for CJK text: a lead byte E1..EC starts a three-byte
            // character that is never a surrogate nor U+FFFE/U+FFFF.
            if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
                (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
                i += 3;
                continue;
            }
            len = valid_utf8_length(s, i, cp);
            // HTML forbids the C1 controls (U+0080..U+009F) too.
            if (len != 0 && !(html_ && cp <= 0x9F)) {
                i += len;
                continue;
            }
            if (len != 0) {
                out_.append(s.data() + run, i - run);
                dropped(cp);
                i += len;
                run = i;
                continue;
            }
            len = 1;  // drop the bad byte; resynchronise on the next one
        }
        out_.append(s.data() + run, i - run);
        if (cls == Escape && html_ && s[i] == '\r') {
            // "&#13;" is a parse error in HTML, which reads a CR as a line feed anyway.
            out_ += in_attr ? "&#10;" : "\n";
        } else if (cls == Escape) {
            out_ += reference_for(s[i]);
        } else {
            dropped(cls == High ? 0xFFFFFFFFu : cp);
        }
        i += len;
        run = i;
    }
    out_.append(s.data() + run, n - run);
}

void Writer::dropped(std::uint32_t cp) {
    if (warned_ || diags_ == nullptr) return;
    warned_ = true;
    std::string what;
    if (cp == 0xFFFFFFFFu) {
        what = "invalid UTF-8 or a character XML 1.0 cannot hold";
    } else {
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        what = std::string("control character ") + buf;
    }
    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = "xml.invalid-char-dropped";
    d.message = "dropped " + what + " (XML 1.0 cannot hold it); further such characters in this part are dropped too";
    d.where.part = part_;
    diags_->push_back(std::move(d));
}

}  // namespace copydesk::xml
