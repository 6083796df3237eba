#include "base64.hpp"

namespace copydesk::base64 {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
int value_of(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace

std::string encode(std::string_view in) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(in[k])); };
    for (; i + 3 <= in.size(); i += 3) {
        unsigned v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += kAlphabet[v & 63];
    }
    if (std::size_t rest = in.size() - i; rest > 0) {
        unsigned v = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += rest == 2 ? kAlphabet[v >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> decode(std::string_view in) {
    if (in.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(in.size() / 4 * 3);
    for (std::size_t i = 0; i < in.size(); i += 4) {
        int a = value_of(in[i]), b = value_of(in[i + 1]);
        bool last = i + 4 == in.size();
        int c = (last && in[i + 2] == '=') ? -2 : value_of(in[i + 2]);
        int d = (last && in[i + 3] == '=') ? -2 : value_of(in[i + 3]);
        if (a < 0 || b < 0 || c == -1 || d == -1 || (c == -2 && d != -2)) return std::nullopt;
        unsigned v = static_cast<unsigned>(a) << 18 | static_cast<unsigned>(b) << 12 |
                     (c >= 0 ? static_cast<unsigned>(c) << 6 : 0) | (d >= 0 ? static_cast<unsigned>(d) : 0);
        out += static_cast<char>(v >> 16 & 0xFF);
        if (c >= 0) out += static_cast<char>(v >> 8 & 0xFF);
        if (d >= 0) out += static_cast<char>(v & 0xFF);
    }
    return out;
}

}  // namespace copydesk::base64
