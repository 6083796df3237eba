#include "plaintext/labels.hpp"

#include <array>

namespace copydesk::plaintext {

namespace {

struct Entry {
    std::string_view key;
    KeyInfo info;
};

constexpr KeyInfo contrib(Role r, bool byline = true) { return KeyInfo{KeyKind::Contributor, r, {}, byline}; }

// Longer keys first where one is a prefix of another (摄影记者 before 摄影).
const std::array kTable = {
    Entry{"来源", {KeyKind::Source}},
    Entry{"稿源", {KeyKind::Source}},
    Entry{"出处", {KeyKind::Source}},
    Entry{"来源于", {KeyKind::Source}},
    Entry{"作者", contrib(Role::Author)},
    Entry{"撰稿", contrib(Role::Author)},
    Entry{"撰文", contrib(Role::Author)},
    Entry{"文/图", contrib(Role::Author)},
    Entry{"图/文", contrib(Role::Author)},
    Entry{"采写", contrib(Role::Author)},
    Entry{"特约记者", contrib(Role::Reporter)},
    Entry{"见习记者", contrib(Role::Reporter)},
    Entry{"实习记者", contrib(Role::Reporter)},
    Entry{"摄影记者", contrib(Role::Photographer)},
    Entry{"本报记者", contrib(Role::Reporter)},
    Entry{"记者", contrib(Role::Reporter)},
    Entry{"通讯员", contrib(Role::Correspondent)},
    Entry{"实习生", contrib(Role::Other)},
    Entry{"责任编辑", contrib(Role::Editor)},
    Entry{"责编", contrib(Role::Editor)},
    Entry{"编辑", contrib(Role::Editor)},
    Entry{"主编", contrib(Role::Editor)},
    Entry{"审核", contrib(Role::Editor)},
    Entry{"校对", contrib(Role::Proofreader)},
    Entry{"摄影", contrib(Role::Photographer)},
    Entry{"摄像", contrib(Role::Photographer)},
    Entry{"图片", contrib(Role::Photographer, false)},
    Entry{"翻译", contrib(Role::Translator)},
    Entry{"编译", contrib(Role::Translator)},
    Entry{"译者", contrib(Role::Translator)},
    Entry{"其他", contrib(Role::Other, false)},
    Entry{"时间", {KeyKind::Date}},
    Entry{"日期", {KeyKind::Date}},
    Entry{"发布时间", {KeyKind::Date}},
    Entry{"发布日期", {KeyKind::Date}},
    Entry{"发表时间", {KeyKind::Date}},
    Entry{"发稿时间", {KeyKind::Date}},
    Entry{"栏目", {KeyKind::Section}},
    Entry{"频道", {KeyKind::Section}},
    Entry{"关键词", {KeyKind::Keywords}},
    Entry{"关键字", {KeyKind::Keywords}},
    Entry{"原标题", {KeyKind::Custom}},
    Entry{"最后更新", {KeyKind::Custom}},
    Entry{"更新时间", {KeyKind::Custom}},
    Entry{"浏览", {KeyKind::Custom}},
    Entry{"阅读", {KeyKind::Custom}},
    Entry{"点击", {KeyKind::Custom}},
    Entry{"字号", {KeyKind::Custom}},
    Entry{"source", {KeyKind::Source}},
    Entry{"by", contrib(Role::Author)},
    Entry{"author", contrib(Role::Author)},
    Entry{"authors", contrib(Role::Author)},
    Entry{"written by", contrib(Role::Author)},
    Entry{"reporter", contrib(Role::Reporter)},
    Entry{"reporting by", contrib(Role::Reporter)},
    Entry{"correspondent", contrib(Role::Correspondent)},
    Entry{"editor", contrib(Role::Editor)},
    Entry{"editing by", contrib(Role::Editor)},
    Entry{"edited by", contrib(Role::Editor)},
    Entry{"photographer", contrib(Role::Photographer)},
    Entry{"photo", contrib(Role::Photographer)},
    Entry{"photos", contrib(Role::Photographer)},
    Entry{"translator", contrib(Role::Translator)},
    Entry{"translated by", contrib(Role::Translator)},
    Entry{"proofreader", contrib(Role::Proofreader)},
    Entry{"proofread by", contrib(Role::Proofreader)},
    Entry{"contributor", contrib(Role::Other, false)},
    Entry{"published", {KeyKind::Date}},
    Entry{"date", {KeyKind::Date}},
    Entry{"section", {KeyKind::Section}},
    Entry{"keywords", {KeyKind::Keywords}},
    Entry{"doi", {KeyKind::Identifier, Role::Other, "doi"}},
    Entry{"url", {KeyKind::Identifier, Role::Other, "url"}},
    Entry{"isbn", {KeyKind::Identifier, Role::Other, "isbn"}},
    Entry{"updated", {KeyKind::Custom}},
};

bool ieq(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
        if (x != y) return false;
    }
    return true;
}

}  // namespace

std::optional<KeyInfo> lookup_key(std::string_view key) {
    for (const auto& e : kTable)
        if (ieq(key, e.key)) return e.info;
    return std::nullopt;
}

std::size_t match_byline_label(std::string_view s, KeyInfo* info) {
    std::size_t best = 0;
    for (const auto& e : kTable) {
        if (e.info.kind != KeyKind::Contributor || !e.info.byline_label) continue;
        if (e.key.size() <= best || s.size() < e.key.size()) continue;
        if (!ieq(s.substr(0, e.key.size()), e.key)) continue;
        // An ASCII label must end at a word boundary ("By" not "Byron").
        unsigned char first = static_cast<unsigned char>(e.key[0]);
        if (first < 0x80 && s.size() > e.key.size()) {
            char next = s[e.key.size()];
            if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) continue;
        }
        best = e.key.size();
        if (info) *info = e.info;
    }
    return best;
}

std::string_view default_label(Role role, bool chinese) {
    switch (role) {
        case Role::Author: return chinese ? "作者" : "Author";
        case Role::Reporter: return chinese ? "记者" : "Reporter";
        case Role::Correspondent: return chinese ? "通讯员" : "Correspondent";
        case Role::Editor: return chinese ? "编辑" : "Editor";
        case Role::Photographer: return chinese ? "摄影" : "Photographer";
        case Role::Translator: return chinese ? "翻译" : "Translator";
        case Role::Proofreader: return chinese ? "校对" : "Proofreader";
        case Role::Other: return chinese ? "其他" : "Contributor";
    }
    return "";
}

bool is_byline_role(Role role) {
    return role == Role::Reporter || role == Role::Correspondent || role == Role::Photographer;
}

bool is_byline(const Contributor& c) {
    if (is_byline_role(c.role)) return true;
    // Slash credits ("文/图", "文/观察者网专栏作者") and publication credits
    // ("《棱镜》作者") are written as bylines whatever the role.
    if (c.label.rfind("《", 0) == 0) return true;
    for (std::string_view k : {"文/", "图/", "文／", "图／"})
        if (c.label.size() >= k.size() && std::string_view(c.label).substr(0, k.size()) == k) return true;
    return false;
}

}  // namespace copydesk::plaintext
