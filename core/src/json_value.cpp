#include "json_value.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "copydesk/errors.hpp"
#include "utf8.hpp"

namespace copydesk::json {

namespace {

void escape_into(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        const char* rep = nullptr;
        char buf[8];
        if (c == '"') rep = "\\\"";
        else if (c == '\\') rep = "\\\\";
        else if (c == '\n') rep = "\\n";
        else if (c == '\r') rep = "\\r";
        else if (c == '\t') rep = "\\t";
        else if (c < 0x20) {
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            rep = buf;
        }
        if (rep) {
            out.append(s.data() + run, i - run);
            out += rep;
            run = i + 1;
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void dump_into(std::string& out, const Value& v, bool pretty, int indent) {
    switch (v.kind) {
        case Value::Kind::Null: out += "null"; return;
        case Value::Kind::Bool: out += v.b ? "true" : "false"; return;
        case Value::Kind::Int: out += fmt::format("{}", v.i); return;
        case Value::Kind::Double:
            if (!std::isfinite(v.d)) out += "null";
            else out += fmt::format("{}", v.d);
            return;
        case Value::Kind::String: escape_into(out, v.s); return;
        default: break;
    }
    bool is_obj = v.kind == Value::Kind::Object;
    std::size_t n = is_obj ? v.obj.size() : v.arr.size();
    if (n == 0) {
        out += is_obj ? "{}" : "[]";
        return;
    }
    bool multiline = false;
    if (pretty) {
        for (std::size_t k = 0; k < n && !multiline; ++k)
            multiline = (is_obj ? v.obj[k].second : v.arr[k]).is_container();
    }
    out += is_obj ? '{' : '[';
    for (std::size_t k = 0; k < n; ++k) {
        if (k) out += multiline ? "," : (pretty ? ", " : ",");
        if (multiline) {
            out += '\n';
            out.append(static_cast<std::size_t>(indent + 1) * 2, ' ');
        }
        if (is_obj) {
            escape_into(out, v.obj[k].first);
            out += pretty ? ": " : ":";
            dump_into(out, v.obj[k].second, pretty, indent + 1);
        } else {
            dump_into(out, v.arr[k], pretty, indent + 1);
        }
    }
    if (multiline) {
        out += '\n';
        out.append(static_cast<std::size_t>(indent) * 2, ' ');
    }
    out += is_obj ? '}' : ']';
}

class Parser {
public:
    Parser(std::string_view t, std::size_t max_depth) : t_(t), max_depth_(max_depth) {}

    Value document() {
        ws();
        Value v = value(0);
        ws();
        if (i_ != t_.size()) fail("unexpected text after the JSON value");
        return v;
    }

private:
    std::string_view t_;
    std::size_t i_ = 0;
    std::size_t max_depth_;
    int line_ = 1;
    std::size_t line_start_ = 0;

    [[noreturn]] void fail(const std::string& what) {
        Location where;
        where.line = line_;
        where.column = static_cast<int>(i_ - line_start_) + 1;
        throw ParseError("invalid JSON: " + what, where);
    }
    void ws() {
        while (i_ < t_.size()) {
            char c = t_[i_];
            if (c == '\n') {
                ++line_;
                line_start_ = i_ + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') break;
            ++i_;
        }
    }
    bool lit(std::string_view s) {
        if (t_.substr(i_, s.size()) == s) {
            i_ += s.size();
            return true;
        }
        return false;
    }
    Value value(std::size_t depth) {
        if (depth > max_depth_) throw LimitError("JSON nested too deeply", Location{{}, {}, line_, 0});
        if (i_ >= t_.size()) fail("unexpected end of input");
        int start_line = line_;
        Value v;
        char c = t_[i_];
        if (c == '{') {
            ++i_;
            v = Value::object();
            ws();
            if (i_ < t_.size() && t_[i_] == '}') {
                ++i_;
            } else {
                for (;;) {
                    ws();
                    if (i_ >= t_.size() || t_[i_] != '"') fail("expected a string key");
                    std::string key = string();
                    ws();
                    if (i_ >= t_.size() || t_[i_] != ':') fail("expected ':'");
                    ++i_;
                    ws();
                    v.add(std::move(key), value(depth + 1));
                    ws();
                    if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
                    if (i_ < t_.size() && t_[i_] == '}') { ++i_; break; }
                    fail("expected ',' or '}'");
                }
            }
        } else if (c == '[') {
            ++i_;
            v = Value::array();
            ws();
            if (i_ < t_.size() && t_[i_] == ']') {
                ++i_;
            } else {
                for (;;) {
                    ws();
                    v.push(value(depth + 1));
                    ws();
                    if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
                    if (i_ < t_.size() && t_[i_] == ']') { ++i_; break; }
                    fail("expected ',' or ']'");
                }
            }
        } else if (c == '"') {
            v = Value::string(string());
        } else if (lit("true")) {
            v = Value::boolean(true);
        } else if (lit("false")) {
            v = Value::boolean(false);
        } else if (lit("null")) {
            v = Value::null();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v = number();
        } else {
            fail(fmt::format("unexpected character '{}'", c));
        }
        v.line = start_line;
        return v;
    }
    Value number() {
        std::size_t start = i_;
        bool is_double = false;
        if (t_[i_] == '-') ++i_;
        while (i_ < t_.size()) {
            char c = t_[i_];
            if (c >= '0' && c <= '9') ++i_;
            else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                is_double = true;
                ++i_;
            } else break;
        }
        std::string_view s = t_.substr(start, i_ - start);
        if (!is_double) {
            std::int64_t n = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
            if (ec == std::errc() && p == s.data() + s.size()) return Value::integer(n);
        }
        double d = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
        if (ec != std::errc() || p != s.data() + s.size()) fail("malformed number");
        return Value::number(d);
    }
    unsigned hex4() {
        if (i_ + 4 > t_.size()) fail("truncated \\u escape");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = t_[i_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else fail("bad hex digit in \\u escape");
        }
        return v;
    }
    std::string string() {
        ++i_;  // opening quote
        std::string out;
        for (;;) {
            std::size_t run = i_;
            while (i_ < t_.size() && t_[i_] != '"' && t_[i_] != '\\' && static_cast<unsigned char>(t_[i_]) >= 0x20)
                ++i_;
            out.append(t_.data() + run, i_ - run);
            if (i_ >= t_.size()) fail("unterminated string");
            char c = t_[i_++];
            if (c == '"') return out;
            if (c != '\\') fail("control character in string");
            if (i_ >= t_.size()) fail("unterminated string");
            char e = t_[i_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00) {
                        if (!lit("\\u")) fail("lone surrogate in \\u escape");
                        unsigned lo = hex4();
                        if (lo < 0xDC00 || lo > 0xDFFF) fail("bad surrogate pair");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail("lone surrogate in \\u escape");
                    }
                    utf8::append(out, cp);
                    break;
                }
                default: fail("unknown escape");
            }
        }
    }
};

}  // namespace

std::string dump(const Value& v, bool pretty) {
    std::string out;
    dump_into(out, v, pretty, 0);
    if (pretty) out += '\n';
    return out;
}

Value parse(std::string_view text, std::size_t max_depth) { return Parser(text, max_depth).document(); }

}  // namespace copydesk::json
