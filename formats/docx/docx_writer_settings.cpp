// Writer settings: language, script, fonts and the labels of the article head.
#include <algorithm>

#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"
#include "docx/docx_writer.hpp"

namespace copydesk::docx::writer {

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

Settings make_settings(const Document& doc, const Options& o) {
    Settings s;
    std::string lang = doc.metadata.language;
    if (lang.empty()) {
        std::string probe = doc.metadata.title;
        for (std::size_t i = 0; i < doc.blocks.size() && i < 3 && probe.size() < 4096; ++i)
            probe += stringify(doc.blocks[i]);
        lang = has_cjk(probe) ? "zh-CN" : "en-US";
    }
    s.language = lang;
    s.script = script_for(lang);
    Fonts& f = s.fonts;
    switch (s.script) {
        case Script::SimplifiedChinese:
            f.east_asian = "SimSun";  // 宋体
            f.east_asian_heading = "SimHei";  // 黑体
            break;
        case Script::TraditionalChinese:
            f.east_asian = "PMingLiU";  // 新細明體
            f.east_asian_heading = "Microsoft JhengHei";  // 微軟正黑體
            break;
        case Script::Japanese:
            f.east_asian = "MS Mincho";  // ＭＳ 明朝
            f.east_asian_heading = "MS Gothic";  // ＭＳ ゴシック
            break;
        case Script::Korean:
            f.east_asian = "Batang";
            f.east_asian_heading = "Malgun Gothic";
            break;
        case Script::Latin: break;
    }
    s.indent_first_line = s.script == Script::SimplifiedChinese || s.script == Script::TraditionalChinese ||
                          s.script == Script::Japanese;
    if (s.cjk()) {
        s.body_half_points = 24;  // 小四 (12 pt)
        s.margin_left_right = 1800;  // Word's defaults for Chinese A4 pages
    }
    f.east_asian = o.get_string("east-asian-font", f.east_asian);
    f.east_asian_heading = o.get_string("east-asian-heading-font", f.east_asian_heading);
    f.latin = o.get_string("latin-font");
    f.latin_heading = o.get_string("latin-heading-font", f.latin);
    f.monospace = o.get_string("monospace-font", "Courier New");
    double size = o.get_double("font-size", s.body_half_points / 2.0);
    if (!(size >= 1 && size <= 1638)) throw UsageError("option font-size: expected points between 1 and 1638");
    s.body_half_points = int(size * 2 + 0.5);
    auto level = o.get_int("compression-level", 1);
    if (level < 0 || level > 9) throw UsageError("option compression-level: expected 0..9");
    s.compression_level = int(level);
    s.reference_doc = o.get_string("reference-doc");
    return s;
}

Labels labels_for(const Settings& s) {
    switch (s.script) {
        case Script::SimplifiedChinese: return {"来源", "责编", "时间", "：", "　"};
        case Script::TraditionalChinese: return {"來源", "責編", "時間", "：", "　"};
        case Script::Japanese: return {"出典", "編集", "日付", "：", "　"};
        default: return {"Source", "Editor", "Date", ": ", " | "};
    }
}

std::string_view default_role_label(Role r, const Settings& s) {
    bool zh = s.script == Script::SimplifiedChinese;
    bool hant = s.script == Script::TraditionalChinese;
    if (zh || hant) {
        switch (r) {
            case Role::Reporter: return hant ? "記者" : "记者";
            case Role::Correspondent: return hant ? "通訊員" : "通讯员";
            case Role::Editor: return hant ? "責編" : "责编";
            case Role::Photographer: return hant ? "攝影" : "摄影";
            case Role::Translator: return hant ? "翻譯" : "翻译";
            case Role::Author: return "作者";
            case Role::Other: return "";
        }
    }
    if (s.script == Script::Japanese) {
        switch (r) {
            case Role::Reporter: return "記者";
            case Role::Editor: return "編集";
            case Role::Photographer: return "撮影";
            case Role::Translator: return "翻訳";
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
        case Role::Other: return "";
    }
    return "";
}

}  // namespace copydesk::docx::writer
