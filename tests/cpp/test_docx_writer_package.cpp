// DOCX writer, whole packages: every part present, content types and
// relationships consistent, every reference inside the body resolvable,
// deterministic output, reference documents. With $COPYDESK_TEST_OUT set, the
// documents are also written there for tests/python/test_docx_interop.py.
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "common/xml/xml.hpp"
#include "common/zip/zip.hpp"
#include "copydesk/errors.hpp"
#include "docx/docx.hpp"
#include "docx/ooxml.hpp"
#include "test_support.hpp"

using namespace copydesk;
namespace o = copydesk::docx::ooxml;

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c + 32);
    return s;
}

std::string write_docx(const Document& doc, const Options& opts = {}, Diagnostics* out = nullptr) {
    Diagnostics d;
    WriteContext ctx{"t.docx", opts, out ? *out : d};
    return docx::write(doc, ctx);
}

// Structural checks of a whole package; returns the archive's part names.
std::set<std::string> check_package(const std::string& bytes) {
    zip::Archive a(bytes, Limits{}, "t.docx");
    std::set<std::string> parts;
    for (const auto& e : a.entries()) parts.insert(e.name);
    for (const char* p : {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
                          "word/styles.xml", "word/settings.xml", "word/numbering.xml", "word/footnotes.xml",
                          "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"}) {
        INFO(p);
        CHECK(parts.count(p) == 1);
    }
    // Every XML part is well-formed.
    std::map<std::string, std::string> xml;
    for (const auto& p : parts) {
        if (p.size() > 4 && (p.compare(p.size() - 4, 4, ".xml") == 0 || p.compare(p.size() - 5, 5, ".rels") == 0)) {
            xml[p] = a.read(p);
            xml::Reader r(xml[p], {"t.docx", p});
            while (r.next()) {
            }
        }
    }
    // Content types: every part has one; every override names a part.
    std::map<std::string, std::string> defaults;
    std::set<std::string> overrides;
    {
        xml::Reader r(xml["[Content_Types].xml"], {"t.docx", "[Content_Types].xml"});
        while (r.next()) {
            if (r.is(o::ns::content_types, "Default")) defaults[lower(*r.attr("", "Extension"))] = *r.attr("", "ContentType");
            if (r.is(o::ns::content_types, "Override")) overrides.insert(r.attr("", "PartName")->substr(1));
        }
    }
    for (const auto& p : overrides) {
        INFO("override " << p);
        CHECK(parts.count(p) == 1);
    }
    for (const auto& p : parts) {
        if (p == "[Content_Types].xml") continue;
        auto dot = p.rfind('.');
        INFO("content type of " << p);
        CHECK((overrides.count(p) || (dot != std::string::npos && defaults.count(lower(p.substr(dot + 1))))));
    }
    // Relationships: every internal target exists.
    auto rels = [&](const std::string& part, const std::string& base) {
        std::set<std::string> ids;
        xml::Reader r(xml[part], {"t.docx", part});
        while (r.next()) {
            if (!r.is(o::ns::pkg_rels, "Relationship")) continue;
            ids.insert(*r.attr("", "Id"));
            if (r.attr("", "TargetMode") == std::optional<std::string>("External")) continue;
            std::string target = base + *r.attr("", "Target");
            INFO(part << " -> " << target);
            CHECK(parts.count(target) == 1);
        }
        return ids;
    };
    rels("_rels/.rels", "");
    std::set<std::string> rel_ids = rels("word/_rels/document.xml.rels", "word/");
    // What the body refers to exists: relationships, styles, notes, lists, bookmarks.
    auto collect = [&](const std::string& part, std::string_view local, std::string_view attr_ns,
                       std::string_view attr) {
        std::set<std::string> out;
        xml::Reader r(xml[part], {"t.docx", part});
        while (r.next())
            if (r.type() == xml::NodeType::StartElement && r.local_name() == local)
                if (auto v = r.attr(attr_ns, attr)) out.insert(*v);
        return out;
    };
    std::set<std::string> styles = collect("word/styles.xml", "style", o::ns::w, "styleId");
    std::set<std::string> notes = collect("word/footnotes.xml", "footnote", o::ns::w, "id");
    std::set<std::string> nums = collect("word/numbering.xml", "num", o::ns::w, "numId");
    for (const std::string part : {"word/document.xml", "word/footnotes.xml"}) {
        std::set<std::string> bookmarks = collect(part, "bookmarkStart", o::ns::w, "name");
        xml::Reader r(xml[part], {"t.docx", part});
        while (r.next()) {
            if (r.type() != xml::NodeType::StartElement) continue;
            auto ln = r.local_name();
            if (ln == "pStyle" || ln == "rStyle" || ln == "tblStyle") {
                INFO("style " << *r.attr(o::ns::w, "val"));
                CHECK(styles.count(*r.attr(o::ns::w, "val")) == 1);
            }
            if (auto id = r.attr(o::ns::r, "id")) CHECK(rel_ids.count(*id) == 1);
            if (auto id = r.attr(o::ns::r, "embed")) CHECK(rel_ids.count(*id) == 1);
            if (ln == "footnoteReference") CHECK(notes.count(*r.attr(o::ns::w, "id")) == 1);
            if (ln == "numId") CHECK(nums.count(*r.attr(o::ns::w, "val")) == 1);
            if (ln == "hyperlink")
                if (auto anchor = r.attr(o::ns::w, "anchor")) {
                    INFO("anchor " << *anchor);
                    CHECK(bookmarks.count(*anchor) == 1);
                }
        }
    }
    return parts;
}

Paragraph para(Inlines content) {
    Paragraph p;
    p.content = std::move(content);
    return p;
}
Inlines text(std::string s) { return {Text{std::move(s)}}; }

std::string trim(std::string_view s) {
    // ASCII blanks, NBSP (the seed's byline has two) and the ideographic space.
    for (bool again = true; again;) {
        again = false;
        for (std::string_view blank : {" ", "\t", "\r", "\xC2\xA0", "\xE3\x80\x80"}) {
            while (s.size() >= blank.size() && s.substr(0, blank.size()) == blank) s.remove_prefix(blank.size()), again = true;
            while (s.size() >= blank.size() && s.substr(s.size() - blank.size()) == blank) s.remove_suffix(blank.size()), again = true;
        }
    }
    return std::string(s);
}

// The seed article, built by hand from its text: title line, "来源:… 责编:… 时间:…",
// paragraphs (two leading spaces = an indent), "(记者  王俊)" at the end.
Document sample_article(const std::string& txt) {
    Document doc;
    Metadata& m = doc.metadata;
    m.language = "zh-CN";
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos <= txt.size()) {
        auto nl = txt.find('\n', pos);
        if (nl == std::string::npos) nl = txt.size();
        lines.push_back(txt.substr(pos, nl - pos));
        pos = nl + 1;
    }
    m.title = trim(lines.at(0));
    std::string meta = lines.at(2);
    auto value = [&](std::string key) {
        auto k = meta.find(key + ":");
        REQUIRE(k != std::string::npos);
        auto start = k + key.size() + 1;
        return trim(meta.substr(start, meta.find(' ', start) - start));
    };
    m.source = value("来源");
    m.contributors.push_back({value("责编"), Role::Editor, "责编", "", ""});
    m.date = DateTime::parse(value("时间"));
    for (std::size_t i = 3; i < lines.size(); ++i) {
        std::string t = trim(lines[i]);
        if (t.empty()) continue;
        Paragraph p;
        if (lines[i].rfind("  ", 0) == 0) p.first_line_indent = Length{2, LengthUnit::Em};
        p.content = text(t);
        doc.blocks.push_back(p);
    }
    auto& last = doc.blocks.back().as<Paragraph>().content.back().as<Text>().text;
    auto by = last.rfind("(记者");
    REQUIRE(by != std::string::npos);
    std::string name = trim(last.substr(by + std::string("(记者").size()));
    name = trim(name.substr(0, name.size() - 1));  // ")"
    last.erase(by);
    m.contributors.push_back({name, Role::Reporter, "记者", "", ""});
    m.byline_placement = BylinePlacement::End;
    return doc;
}

// A valid 2x1 RGB PNG (zlib-compressed IDAT, real CRCs).
std::string tiny_png() {
    auto be32 = [](std::uint32_t v) {
        std::string s;
        for (int sh = 24; sh >= 0; sh -= 8) s += char((v >> sh) & 0xFF);
        return s;
    };
    auto chunk = [&](std::string type, std::string data) {
        std::string body = type + data;
        auto crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()));
        return be32(std::uint32_t(data.size())) + body + be32(std::uint32_t(crc));
    };
    std::string raw("\0\xFF\0\0\0\0\xFF", 7);
    uLongf n = compressBound(uLong(raw.size()));
    std::string z(n, '\0');
    compress(reinterpret_cast<Bytef*>(z.data()), &n, reinterpret_cast<const Bytef*>(raw.data()), uLong(raw.size()));
    z.resize(n);
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", be32(2) + be32(1) + std::string("\x08\x02\0\0\0", 5)) +
           chunk("IDAT", z) + chunk("IEND", "");
}

// Most of what DOCX can hold, in a Chinese document.
Document features() {
    Document doc;
    Metadata& m = doc.metadata;
    m.language = "zh-CN";
    m.title = "功能测试";
    m.subtitle = "副标题";
    m.source = "测试日报";
    m.keywords = {"测试", "DOCX"};
    m.contributors = {{"张三", Role::Reporter, "", "", ""}};
    m.byline_placement = BylinePlacement::Start;
    m.custom = {{"x-note", "自定义"}};
    doc.resources.push_back({"media/dot.png", "image/png", tiny_png()});
    Heading h1;
    h1.level = 1;
    h1.attr.id = "part-1";
    h1.content = text("第一节");
    doc.blocks.push_back(h1);
    Note note;
    note.content = {para(text("脚注内容。"))};
    Link ext;
    ext.target = "https://example.org/";
    ext.content = text("链接");
    Link in;
    in.target = "#part-1";
    in.content = text("回到第一节");
    doc.blocks.push_back(para({Text{"正文"}, Strong{text("加粗")}, Emph{text("斜体")}, Text{"，"}, ext, Text{"，"}, in,
                               Text{"。"}, note}));
    OrderedList ol;
    ol.start = 3;
    BulletList bl;
    bl.items = {{para(text("子项"))}};
    ol.items = {{para(text("第三项"))}, {para(text("第四项")), bl}};
    doc.blocks.push_back(ol);
    Table t;
    auto cell = [](std::string s, int cs = 1, int rs = 1) {
        TableCell c;
        c.content = {para(text(std::move(s)))};
        c.colspan = cs;
        c.rowspan = rs;
        return c;
    };
    t.caption = {para(text("表1 数据"))};
    t.head = {TableRow{{cell("甲", 2), cell("乙")}}};
    t.body = {TableRow{{cell("一", 1, 2), cell("二"), cell("三")}}, TableRow{{cell("四"), cell("五")}}};
    doc.blocks.push_back(t);
    Image img;
    img.target = "media/dot.png";
    img.alt = text("一个点");
    img.attr.set("width", "1in");
    Figure fig;
    fig.label = "图1";
    fig.caption = {para(text("示意图"))};
    fig.content = {para({img})};
    doc.blocks.push_back(fig);
    BlockQuote q;
    q.content = {para(text("引文。"))};
    doc.blocks.push_back(q);
    CodeBlock code;
    code.text = "int main() {\n  return 0;\n}";
    doc.blocks.push_back(code);
    return doc;
}

void save(const std::string& name, const std::string& data) {
    const char* dir = std::getenv("COPYDESK_TEST_OUT");
    if (!dir || !*dir) return;
    std::filesystem::create_directories(dir);
    std::ofstream out(std::filesystem::path(dir) / name, std::ios::binary);
    out << data;
}

}  // namespace

TEST_CASE("docx writer package: the sample article", "[docx][docx-writer]") {
    Document doc = sample_article(test::slurp(test::source_dir() / "examples" / "zh-news.txt"));
    REQUIRE(doc.blocks.size() == 5);
    Diagnostics diags;
    std::string bytes = write_docx(doc, {}, &diags);
    CHECK(diags.empty());
    check_package(bytes);
    zip::Archive a(bytes, Limits{}, "t.docx");
    std::string body = a.read("word/document.xml");
    CHECK(body.find(R"(<w:pStyle w:val="ArticleMeta"/></w:pPr><w:r><w:t>来源：青溪日报　责编：林晓　时间：2024-04-23</w:t>)") !=
          std::string::npos);
    CHECK(body.find(R"(<w:pStyle w:val="Byline"/></w:pPr><w:r><w:t>记者 周明</w:t>)") != std::string::npos);
    // Expected text, one paragraph a line, as LibreOffice and pandoc should see it.
    std::string expected = doc.metadata.title + "\n来源：青溪日报　责编：林晓　时间：2024-04-23\n";
    for (const auto& b : doc.blocks) expected += b.as<Paragraph>().content.front().as<Text>().text + "\n";
    expected += "记者 周明\n";
    save("sample.docx", bytes);
    save("sample.expected.txt", expected);
}

TEST_CASE("docx writer package: every feature, consistent and deterministic", "[docx][docx-writer]") {
    Document doc = features();
    Diagnostics diags;
    std::string bytes = write_docx(doc, {}, &diags);
    auto parts = check_package(bytes);
    CHECK(parts.count("word/media/dot.png") == 1);
    CHECK(write_docx(doc) == bytes);  // byte-identical
    Options stored{{"compression-level", "0"}};
    CHECK(write_docx(doc, stored).size() > bytes.size());
    zip::Archive a(bytes, Limits{}, "t.docx");
    std::string footnotes = a.read("word/footnotes.xml");
    CHECK(footnotes.find("脚注内容。") != std::string::npos);
    CHECK(a.read("docProps/custom.xml").find(R"(name="x-note"><vt:lpwstr>自定义</vt:lpwstr>)") != std::string::npos);
    save("features.docx", bytes);
}

TEST_CASE("docx writer package: reference document styles, theme and fonts", "[docx][docx-writer]") {
    std::string w = std::string(o::ns::w);
    zip::Writer z;
    z.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    z.add("word/styles.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<s:styles xmlns:s=\"" + w +
              "\"><s:style s:type=\"paragraph\" s:default=\"1\" s:styleId=\"Normal\"><s:name s:val=\"Normal\"/>"
              "<s:rPr><s:rFonts s:ascii=\"RefFont\"/></s:rPr></s:style></s:styles>");
    z.add("word/theme/theme1.xml",
          "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"RefTheme\"/>");
    z.add("word/fontTable.xml", "<w:fonts xmlns:w=\"" + w + "\"><w:font w:name=\"RefFont\"/></w:fonts>");
    auto path = std::filesystem::temp_directory_path() / "copydesk-docxw-reference.docx";
    {
        std::ofstream out(path, std::ios::binary);
        out << z.finish();
    }
    Document doc = features();
    std::string bytes = write_docx(doc, Options{{"reference-doc", path.string()}});
    check_package(bytes);  // styles we use that the reference lacks were added
    zip::Archive a(bytes, Limits{}, "t.docx");
    std::string styles = a.read("word/styles.xml");
    CHECK(styles.find("RefFont") != std::string::npos);
    CHECK(styles.find("w:styleId=\"Normal\"") == std::string::npos);  // the reference's Normal (prefix s:) kept
    CHECK(styles.find("w:styleId=\"ArticleMeta\"") != std::string::npos);
    CHECK(a.read("word/theme/theme1.xml").find("RefTheme") != std::string::npos);
    CHECK(a.contains("word/fontTable.xml"));
    std::filesystem::remove(path);
    CHECK_THROWS_AS(write_docx(doc, Options{{"reference-doc", path.string()}}), IoError);
}
