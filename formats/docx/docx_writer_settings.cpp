// Writer settings: language, script and fonts (the article head: common/article/).
#include <algorithm>

#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"
#include "docx/docx_writer.hpp"

namespace copydesk::docx::writer {

Settings make_settings(const Document& doc, const Options& o) {
    Settings s;
    s.language = article::document_language(doc, "en-US");
    s.script = article::script_for(s.language);
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
    s.indent_first_line = article::indents_first_line(s.script);
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

}  // namespace copydesk::docx::writer
