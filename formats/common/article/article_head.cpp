#include "common/article/article_head.hpp"

#include <algorithm>
#include <cstdint>

#include "common/article/dateline.hpp"
#include "copydesk/walk.hpp"

namespace copydesk::article {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c + 32);
    return out;
}

// True if the UTF-8 text holds a CJK ideograph or kana (U+3040..U+9FFF).
bool has_cjk(std::string_view s) {
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        auto b = std::uint8_t(s[i]);
        if (b >= 0xE3 && b <= 0xE9) return true;
    }
    return false;
}

bool bylined(const Contributor& c) { return !in_metadata_line(c.role) && !c.name.empty(); }

}  // namespace

Script script_for(std::string_view bcp47) {
    std::string l = lower(bcp47);
    auto starts = [&](std::string_view p) { return l.rfind(p, 0) == 0; };
    if (starts("ja")) return Script::Japanese;
    if (starts("ko")) return Script::Korean;
    if (l == "zh" || starts("zh-")) {
        if (l.find("hant") != std::string::npos || l == "zh-tw" || l == "zh-hk" || l == "zh-mo")
            return Script::TraditionalChinese;
        return Script::SimplifiedChinese;
    }
    if (starts("cmn") || starts("yue") || starts("wuu")) return Script::SimplifiedChinese;
    return Script::Latin;
}

std::string document_language(const Document& doc, std::string_view latin_default) {
    if (!doc.metadata.language.empty()) return doc.metadata.language;
    std::string probe = doc.metadata.title;
    for (std::size_t i = 0; i < doc.blocks.size() && i < 3 && probe.size() < 4096; ++i)
        probe += stringify(doc.blocks[i]);
    return has_cjk(probe) ? "zh-CN" : std::string(latin_default);
}

Labels labels_for(Script s) {
    switch (s) {
        case Script::SimplifiedChinese: return {"来源", "责编", "时间", "：", "　"};
        case Script::TraditionalChinese: return {"來源", "責編", "時間", "：", "　"};
        case Script::Japanese: return {"出典", "編集", "日付", "：", "　"};
        default: return {"Source", "Editor", "Date", ": ", " | "};
    }
}

std::string_view default_role_label(Role r, Script s) {
    const bool hant = s == Script::TraditionalChinese;
    if (s == Script::SimplifiedChinese || hant) {
        switch (r) {
            case Role::Reporter: return hant ? "記者" : "记者";
            case Role::Correspondent: return hant ? "通訊員" : "通讯员";
            case Role::Editor: return hant ? "責編" : "责编";
            case Role::Photographer: return hant ? "攝影" : "摄影";
            case Role::Translator: return hant ? "翻譯" : "翻译";
            case Role::Proofreader: return hant ? "校對" : "校对";
            case Role::Author: return "作者";
            case Role::Other: return "";
        }
    }
    if (s == Script::Japanese) {
        switch (r) {
            case Role::Reporter: return "記者";
            case Role::Editor: return "編集";
            case Role::Photographer: return "撮影";
            case Role::Translator: return "翻訳";
            case Role::Proofreader: return "校正";
            case Role::Author: return "著者";
            default: return "";
        }
    }
    switch (r) {
        case Role::Author: return "By";
        case Role::Reporter: return "By";
        case Role::Correspondent: return "Correspondent";
        case Role::Editor: return "Editor";
        case Role::Photographer: return "Photo:";
        case Role::Translator: return "Translated by";
        case Role::Proofreader: return "Proofreader";
        case Role::Other: return "";
    }
    return "";
}

std::string metadata_line(const Metadata& m, Script s) {
    const Labels l = labels_for(s);
    std::string line;
    auto field = [&](std::string_view label, std::string_view value) {
        if (value.empty()) return;
        if (!line.empty()) line += l.separator;
        line += label;
        line += l.colon;
        line += value;
    };
    field(l.source, m.source);
    // Each credit under its own label as written ("编辑：刘晓阳　校对：李铭");
    // one without a label joins the credit before it of the same role.
    std::string names, label;
    const Contributor* prev = nullptr;
    for (const auto& c : m.contributors) {
        if (!in_metadata_line(c.role) || c.name.empty()) continue;
        std::string own = !c.label.empty()                    ? c.label
                          : prev && prev->role == c.role      ? label
                          : c.role == Role::Editor            ? std::string(l.editor)
                                                              : std::string(default_role_label(c.role, s));
        prev = &c;
        if (!names.empty() && own == label) {
            names += s != Script::Latin ? "\xE3\x80\x81" : ", ";  // 、
        } else {
            field(label, names);
            names.clear();
            label = std::move(own);
        }
        names += c.name;
    }
    field(label, names);
    if (m.date) field(l.date, m.date->text.empty() ? m.date->iso() : m.date->text);
    return line;
}

std::string byline(const Metadata& m, Script s) {
    std::string line;
    for (const auto& c : m.contributors) {
        if (!bylined(c) || shown_in_dateline(m, c)) continue;
        if (!line.empty()) line += ' ';
        std::string_view label = c.label.empty() ? default_role_label(c.role, s) : std::string_view(c.label);
        if (!label.empty()) {
            line += label;
            line += ' ';
        }
        line += c.name;
    }
    return line;
}

bool byline_at_start(const Metadata& m) {
    return m.byline_placement == BylinePlacement::Start &&
           std::any_of(m.contributors.begin(), m.contributors.end(), bylined);
}

}  // namespace copydesk::article
