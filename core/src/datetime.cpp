// Publication dates: ISO 8601 and the usual Chinese newspaper forms.
#include <fmt/format.h>

#include <cctype>

#include "copydesk/ast.hpp"

namespace copydesk {

std::string DateTime::iso() const {
    if (year <= 0) return text;
    std::string s = fmt::format("{:04d}", year);
    if (month > 0) s += fmt::format("-{:02d}", month);
    if (month > 0 && day > 0) s += fmt::format("-{:02d}", day);
    if (has_time() && day > 0) {
        s += fmt::format("T{:02d}:{:02d}", hour, minute < 0 ? 0 : minute);
        if (second >= 0) s += fmt::format(":{:02d}", second);
        if (utc_offset_minutes) {
            int off = *utc_offset_minutes;
            if (off == 0) s += "Z";
            else {
                char sign = off < 0 ? '-' : '+';
                if (off < 0) off = -off;
                s += fmt::format("{}{:02d}:{:02d}", sign, off / 60, off % 60);
            }
        }
    }
    return s;
}

namespace {

// A small cursor over UTF-8 text that understands the separators used in dates.
struct Cursor {
    std::string_view s;
    std::size_t i = 0;

    bool done() const { return i >= s.size(); }
    bool eat(std::string_view lit) {
        if (s.substr(i, lit.size()) == lit) {
            i += lit.size();
            return true;
        }
        return false;
    }
    // Up to `max` ASCII or full-width digits.
    int number(int min_digits, int max_digits) {
        std::size_t start = i;
        int v = 0, n = 0;
        while (n < max_digits && i < s.size()) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            if (std::isdigit(c)) {
                v = v * 10 + (c - '0');
                ++i;
            } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
                       static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
                v = v * 10 + (static_cast<unsigned char>(s[i + 2]) - 0x90);  // U+FF10..U+FF19
                i += 3;
            } else break;
            ++n;
        }
        if (n < min_digits) {
            i = start;
            return -1;
        }
        return v;
    }
    void spaces() {
        while (!done()) {
            if (s[i] == ' ' || s[i] == '\t') ++i;
            else if (!eat("\u3000") && !eat("\u00a0")) break;
        }
    }
};

bool valid_date(int y, int m, int d) {
    if (y < 1000 || y > 9999 || m < 1 || m > 12) return false;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return d >= 1 && d <= days[m - 1];
}

}  // namespace

std::optional<DateTime> DateTime::parse(std::string_view text) {
    Cursor c{text};
    c.spaces();
    DateTime dt;
    dt.year = c.number(4, 4);
    if (dt.year < 0) return std::nullopt;
    bool chinese = false;
    if (c.eat("年")) chinese = true;
    else if (!(c.eat("-") || c.eat("/") || c.eat(".")))
        return std::nullopt;
    dt.month = c.number(1, 2);
    if (dt.month < 0) return std::nullopt;
    if (chinese ? !c.eat("月") : !(c.eat("-") || c.eat("/") || c.eat("."))) return std::nullopt;
    dt.day = c.number(1, 2);
    if (dt.day < 0) return std::nullopt;
    if (chinese) c.eat("日") || c.eat("号");
    if (!valid_date(dt.year, dt.month, dt.day)) return std::nullopt;
    std::size_t date_end = c.i;
    // Optional time: "T08:30", " 08:30", " 08:30:15", "08时30分".
    if (!c.eat("T")) c.spaces();
    std::size_t before_time = c.i;
    int h = c.number(1, 2);
    if (h >= 0 && h < 24 && (c.eat(":") || c.eat("：") || c.eat("时") || c.eat("點") || c.eat("点"))) {
        int m = c.number(2, 2);
        if (m >= 0 && m < 60) {
            dt.hour = h;
            dt.minute = m;
            c.eat("分");
            if (c.eat(":")) {
                int sec = c.number(2, 2);
                if (sec >= 0 && sec < 61) dt.second = sec;
            }
            if (c.eat("Z")) dt.utc_offset_minutes = 0;
            else if (c.i < text.size() && (text[c.i] == '+' || text[c.i] == '-')) {
                int sign = text[c.i] == '-' ? -1 : 1;
                ++c.i;
                int oh = c.number(2, 2);
                c.eat(":");
                int om = c.number(2, 2);
                if (oh >= 0 && om >= 0) dt.utc_offset_minutes = sign * (oh * 60 + om);
            }
            date_end = c.i;
        }
    }
    (void)before_time;
    dt.text = std::string(text.substr(0, date_end));
    while (!dt.text.empty() && (dt.text.front() == ' ' || dt.text.front() == '\t')) dt.text.erase(0, 1);
    return dt;
}

}  // namespace copydesk
