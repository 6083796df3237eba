// Writer -> Archive round trips, deterministic output, ZIP64, and other
// readers (Python's zipfile, Info-ZIP unzip) reading what we write.
#include "test_support.hpp"
#include "zlib_support.hpp"

#include <unistd.h>
#include <zlib.h>

#include <sstream>

#include "common/zip/zip.hpp"
#include "common/zip/zip_internal.hpp"

namespace fs = std::filesystem;
using copydesk::Limits;
using copydesk::zip::Archive;
using copydesk::zip::Writer;
using copydesk::zip::WriterOptions;

using copydesk::test::crc_of;

namespace {

std::uint16_t le16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8));
}

std::string noise(std::size_t n, std::uint32_t seed) {
    std::string s;
    s.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        s.push_back(static_cast<char>(seed >> 24));
    }
    return s;
}

std::string article_xml(int paragraphs) {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:body>";
    for (int i = 0; i < paragraphs; ++i)
        s += "<w:p><w:r><w:t>第" + std::to_string(i) + "段：新华社北京电 记者报道。</w:t></w:r></w:p>";
    return s + "</w:body></w:document>";
}

using Files = std::vector<std::pair<std::string, std::string>>;

Files sample_files() {
    return {
        {"mimetype", "application/epub+zip"},
        {"META-INF/", ""},
        {"META-INF/container.xml", "<container/>"},
        {"word/document.xml", article_xml(3000)},
        {"word/media/image1.png", noise(40000, 7)},
        {"empty.txt", ""},
        {"tiny.txt", "a"},
        {"中文/文章.xml", article_xml(20)},
    };
}

std::string build(const Files& files, WriterOptions options = {}) {
    Writer w(options);
    for (const auto& [name, data] : files) w.add(name, data, name != "mimetype");
    return w.finish();
}

bool have(const char* program) {
    return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

fs::path write_temp(const std::string& tag, const std::string& data) {
    const fs::path p = fs::temp_directory_path() / ("copydesk-zip-" + tag + "-" + std::to_string(getpid()) + ".zip");
    std::ofstream out(p, std::ios::binary);
    out << data;
    REQUIRE(out.good());
    return p;
}

// Python's zipfile lists name, size and CRC-32 (its own zlib) of every entry
// after testzip() has checked them all.
std::string python_listing(const fs::path& zip) {
    const std::string cmd =
        "python3 -c \"import sys, zipfile, zlib\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "bad = z.testzip()\n"
        "assert bad is None, bad\n"
        "for i in z.infolist():\n"
        "    d = z.read(i)\n"
        "    sys.stdout.buffer.write(('%s\\t%d\\t%d\\t%d\\n' % (i.filename, len(d), zlib.crc32(d), i.compress_type)).encode())\n"
        "\" '" + zip.string() + "'";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    CHECK(pclose(p) == 0);
    return out;
}

std::string expected_listing(const Archive& a, const Files& files) {
    std::string out;
    for (std::size_t i = 0; i < files.size(); ++i)
        out += files[i].first + "\t" + std::to_string(files[i].second.size()) + "\t" +
               std::to_string(crc_of(files[i].second)) + "\t" + std::to_string(a.entries()[i].method) + "\n";
    return out;
}

}  // namespace

TEST_CASE("zip: Writer output reads back entry for entry", "[zip][roundtrip]") {
    const Files files = sample_files();
    const std::string zip = build(files);
    REQUIRE(copydesk::zip::is_zip(zip));
    Archive a(zip, Limits{});
    REQUIRE(a.entries().size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(files[i].first);
        CHECK(a.entries()[i].name == files[i].first);
        CHECK(a.read(a.entries()[i]) == files[i].second);
    }
    CHECK(a.find("META-INF/")->is_directory);
    CHECK(a.find("word/document.xml")->method == 8);
    CHECK(a.find("word/document.xml")->compressed_size * 5 < files[3].second.size());
    CHECK(a.find("word/media/image1.png")->method == 0);  // incompressible: stored
    CHECK(a.find("empty.txt")->method == 0);

    // EPUB: "mimetype" first, stored, no extra field, content at byte 38.
    CHECK(zip.compare(0, 4, "PK\x03\x04") == 0);
    CHECK(le16(zip, 8) == 0);   // method
    CHECK(le16(zip, 26) == 8);  // name length
    CHECK(le16(zip, 28) == 0);  // extra length
    CHECK(zip.compare(30, 8, "mimetype") == 0);
    CHECK(zip.compare(38, 20, "application/epub+zip") == 0);
    // No ZIP64 records when none are needed.
    CHECK(zip.find(std::string("PK\x06\x06", 4)) == std::string::npos);
    // Deterministic timestamps: 1980-01-01 00:00.
    CHECK(le16(zip, 10) == 0);
    CHECK(le16(zip, 12) == 0x21);
}

TEST_CASE("zip: deterministic mode gives byte-identical archives", "[zip][roundtrip]") {
    const Files files = sample_files();
    const std::string one = build(files);
    const std::string two = build(files);
    CHECK(one == two);
    Files reordered = files;
    std::swap(reordered[2], reordered[3]);
    CHECK(build(reordered) != one);  // add order is kept, not sorted
    // Levels: both read back, the higher one is no larger.
    const std::string fast = build(files, {1, true});
    const std::string best = build(files, {9, true});
    CHECK(best.size() <= fast.size());
    CHECK(Archive(fast, Limits{}).read("word/document.xml") == files[3].second);
    CHECK(Archive(best, Limits{}).read("word/document.xml") == files[3].second);
    // Level 0 stores everything.
    const std::string stored = build(files, {0, true});
    Archive s(stored, Limits{});
    for (const auto& e : s.entries()) CHECK(e.method == 0);
    // Per-entry level.
    Writer w;
    w.add("a.xml", files[3].second, true, 1);
    w.add("b.xml", files[3].second, true, 9);
    const std::string mixed = w.finish();
    Archive m(mixed, Limits{});
    CHECK(m.find("b.xml")->compressed_size <= m.find("a.xml")->compressed_size);
    CHECK(m.read("a.xml") == m.read("b.xml"));
    // The non-deterministic mode stamps the current time.
    Writer now({6, false});
    now.add("x", "y");
    const std::string stamped = now.finish();
    CHECK(le16(stamped, 12) != 0x21);
}

TEST_CASE("zip: ZIP64 with more than 65535 entries", "[zip][roundtrip][zip64]") {
    Files files;
    for (int i = 0; i < 70000; ++i) files.emplace_back("e/" + std::to_string(i), std::to_string(i * 7));
    Writer w;
    for (const auto& [name, data] : files) w.add(name, data);
    const std::string zip = w.finish();
    // ZIP64 end record and locator, and the classic record's count saturated.
    CHECK(zip.find(std::string("PK\x06\x06", 4)) != std::string::npos);
    CHECK(zip.find(std::string("PK\x06\x07", 4)) != std::string::npos);
    CHECK(le16(zip, zip.size() - 22 + 10) == 0xFFFF);
    Limits limits;
    limits.max_entries = 100000;
    Archive a(zip, limits);
    REQUIRE(a.entries().size() == files.size());
    for (std::size_t i = 0; i < files.size(); i += 997) CHECK(a.read(a.entries()[i]) == files[i].second);
    CHECK(a.read(a.entries().back()) == files.back().second);
    CHECK_THROWS_AS(Archive(zip, Limits{}), copydesk::LimitError);  // default: 10,000 entries

    if (!have("python3")) COPYDESK_SKIP("python3 not found");
    const fs::path p = write_temp("zip64", zip);
    CHECK(python_listing(p) == expected_listing(a, files));
    fs::remove(p);
}

TEST_CASE("zip: other readers accept our archives", "[zip][roundtrip][interop]") {
    const Files files = sample_files();
    const std::string zip = build(files);
    Archive a(zip, Limits{});
    const fs::path p = write_temp("ours", zip);
    if (have("unzip")) CHECK(std::system(("unzip -tqq '" + p.string() + "' >/dev/null").c_str()) == 0);
    if (!have("python3")) COPYDESK_SKIP("python3 not found");
    CHECK(python_listing(p) == expected_listing(a, files));
    fs::remove(p);
}

TEST_CASE("zip: add_deflated copies raw deflate data", "[zip][roundtrip]") {
    const std::string text = article_xml(500);
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string packed(deflateBound(&zs, text.size()), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(packed.data());
    zs.avail_out = static_cast<uInt>(packed.size());
    REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    packed.resize(zs.total_out);
    deflateEnd(&zs);
    Writer w;
    w.add_deflated("copied.xml", packed, crc_of(text), text.size());
    const std::string zip = w.finish();
    Archive a(zip, Limits{});
    CHECK(a.entries()[0].compressed_size == packed.size());
    CHECK(a.read("copied.xml") == text);
}

TEST_CASE("zip: Writer refuses bad names", "[zip]") {
    for (const std::string name : {"../x", "/abs", "C:/x", "a\\b", "", "ok/../../x"}) {
        INFO(name);
        Writer w;
        CHECK_THROWS_AS(w.add(name, "data"), copydesk::UsageError);
    }
    Writer w;
    CHECK_THROWS_AS(w.add(std::string("bad\xff", 4), "data"), copydesk::UsageError);  // not UTF-8
    CHECK_THROWS_AS(w.add("x", "data", true, 11), copydesk::UsageError);
    CHECK_THROWS_AS(Writer(WriterOptions{12, true}), copydesk::UsageError);
    w.add("Word/Document.xml", "1");
    w.add("word/document.xml", "2");
    CHECK_THROWS_AS(w.finish(), copydesk::UsageError);
}

TEST_CASE("zip: names without the UTF-8 flag", "[zip]") {
    // Write an ASCII placeholder name, then patch its bytes in the local and
    // central headers (the writer leaves the UTF-8 flag off for ASCII).
    auto with_raw_name = [](const std::string& raw) {
        const std::string placeholder(raw.size(), 'Q');
        Writer w;
        w.add(placeholder, "data");
        std::string zip = w.finish();
        for (std::size_t at = zip.find(placeholder); at != std::string::npos; at = zip.find(placeholder, at + 1))
            zip.replace(at, raw.size(), raw);
        return zip;
    };
    // CP437 (checked against Python's cp437 codec): 0x82 é, 0x9C £, 0xE1 ß, 0xB0 ░, 0x80 Ç.
    CHECK(Archive(with_raw_name("caf\x82.txt"), Limits{}).entries()[0].name == "café.txt");
    CHECK(Archive(with_raw_name("\x9C\xE1\xB0\x80"), Limits{}).entries()[0].name == "£ß░Ç");
    // Valid UTF-8 without the flag (Info-ZIP on Unix, macOS) is kept as UTF-8.
    CHECK(Archive(with_raw_name("新闻.txt"), Limits{}).entries()[0].name == "新闻.txt");
    // A name flagged UTF-8 that is not UTF-8 is refused.
    Writer w;
    w.add("中.txt", "data");  // non-ASCII: flagged
    std::string zip = w.finish();
    for (std::size_t at = zip.find("中"); at != std::string::npos; at = zip.find("中", at + 1)) zip[at + 1] = 'x';
    CHECK_THROWS_AS(Archive(zip, Limits{}), copydesk::ParseError);
}

TEST_CASE("zip: every level's deflate data is read by zlib's inflate, CRC-32 as zlib computes it",
          "[zip][roundtrip]") {
    // The writer deflates with libdeflate and computes CRC-32 with it; zlib is
    // the reference for both (readers everywhere use zlib or its equals).
    const std::string xml = article_xml(500) + noise(3000, 11);
    for (int level = 1; level <= 9; ++level) {
        Writer w({level, true});
        w.add("word/document.xml", xml);
        const std::string zip = w.finish();
        const std::size_t name_len = le16(zip, 26);
        const std::size_t extra_len = le16(zip, 28);
        const std::uint32_t crc = static_cast<std::uint32_t>(static_cast<unsigned char>(zip[14])) |
                                  static_cast<std::uint32_t>(static_cast<unsigned char>(zip[15])) << 8 |
                                  static_cast<std::uint32_t>(static_cast<unsigned char>(zip[16])) << 16 |
                                  static_cast<std::uint32_t>(static_cast<unsigned char>(zip[17])) << 24;
        const std::uint32_t packed = static_cast<std::uint32_t>(static_cast<unsigned char>(zip[18])) |
                                     static_cast<std::uint32_t>(static_cast<unsigned char>(zip[19])) << 8 |
                                     static_cast<std::uint32_t>(static_cast<unsigned char>(zip[20])) << 16 |
                                     static_cast<std::uint32_t>(static_cast<unsigned char>(zip[21])) << 24;
        INFO("level " << level);
        REQUIRE(le16(zip, 8) == 8);  // deflated
        CHECK(crc == crc_of(xml));
        std::string out(xml.size() + 1, '\0');
        z_stream zs{};
        REQUIRE(inflateInit2(&zs, -MAX_WBITS) == Z_OK);
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + 30 + name_len + extra_len));
        zs.avail_in = packed;
        zs.next_out = reinterpret_cast<Bytef*>(out.data());
        zs.avail_out = static_cast<uInt>(out.size());
        CHECK(inflate(&zs, Z_FINISH) == Z_STREAM_END);
        CHECK(zs.avail_in == 0);  // the stream ends exactly where the entry does
        out.resize(zs.total_out);
        inflateEnd(&zs);
        CHECK(out == xml);
    }
    // CRC-32 of odd lengths and continuation, against zlib.
    const std::string data = noise(100003, 5);
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{64}, std::size_t{4097},
                          data.size()}) {
        const std::string_view part(data.data(), n);
        CHECK(copydesk::zip::detail::crc32_of(part) == crc_of(part));
        const std::size_t half = n / 2;
        CHECK(copydesk::zip::detail::crc32_of(part.substr(half), copydesk::zip::detail::crc32_of(part.substr(0, half))) ==
              crc_of(part));
    }
}
