// Input that is not text is refused with UnsupportedFormatError saying what it
// looks like, whether the format was sniffed or plain text was named; real
// text in the encodings the plain reader knows still reads.
#include <random>

#include "common/zip/zip.hpp"
#include "copydesk/copydesk.hpp"
#include "test_support.hpp"

using namespace copydesk;
using namespace std::string_literals;

namespace {

// Deterministic bytes that are nothing in particular, for payloads.
std::string noise(std::size_t n, unsigned seed = 7) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
    return s;
}

// The message of the UnsupportedFormatError that reading `data` gives
// ("no error" or another kind's message fail the checks that use it).
std::string refusal(const std::string& data, std::string_view format = {}) {
    try {
        read(data, format);
    } catch (const UnsupportedFormatError& e) {
        return e.what();
    } catch (const Error& e) {
        return "other error: "s + e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("binary input: each known signature is refused, sniffed or read as plain text", "[core][binary]") {
    zip::Writer z;
    z.add("notes.txt", "not an article");
    const std::string zip = z.finish();
    struct Case {
        std::string data, says;
    };
    const std::vector<Case> cases = {
        {"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n" + noise(200), "a PDF document"},
        {"\x89PNG\r\n\x1A\n"s + noise(200), "a PNG image"},
        {"\xFF\xD8\xFF\xE0"s + noise(200), "a JPEG image"},
        {"GIF89a"s + noise(200), "a GIF image"},
        {"GIF87a"s + noise(200), "a GIF image"},
        {"RIFF\x24\x00\x00\x00WEBPVP8 "s + noise(200), "a WebP image"},
        {"\x1F\x8B\x08\x00"s + noise(200), "gzip-compressed data"},
        {"BZh91AY&SY"s + noise(200), "bzip2-compressed data"},
        {"\xFD" "7zXZ\x00\x00"s + noise(200), "xz-compressed data"},
        {"7z\xBC\xAF\x27\x1C"s + noise(200), "a 7-Zip archive"},
        {zip, "a ZIP archive that is neither DOCX nor EPUB"},
        {"PK\x05\x06"s + std::string(18, '\0'), "a ZIP archive that is neither DOCX nor EPUB"},
    };
    for (const auto& c : cases) {
        INFO(c.says);
        CHECK_THAT(refusal(c.data), Catch::StartsWith("the input is not text: it looks like " + c.says));
        CHECK_THAT(refusal(c.data, "plain"), Catch::StartsWith("the input is not text: it looks like " + c.says));
    }
    // A path is named in the error.
    try {
        read("%PDF-1.4\n"s + noise(100), "", {}, "report.txt");
        FAIL("no error");
    } catch (const UnsupportedFormatError& e) {
        CHECK(e.where().file == "report.txt");
    }
}

TEST_CASE("binary input: an OLE compound file is a legacy Office file, or an encrypted DOCX", "[core][binary]") {
    std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s + noise(2040);
    // Sniffed, it goes to the DOCX reader, which tells the two apart.
    CHECK_THAT(refusal(ole), Catch::Contains("looks like an OLE compound file (a legacy Word .doc"));
    CHECK_THAT(refusal(ole, "plain"), Catch::StartsWith("the input is not text: it looks like an OLE compound file"));
    std::string encrypted = ole;
    for (char c : "EncryptedPackage"s) encrypted += {c, '\0'};
    CHECK_THROWS_AS(read(encrypted), EncryptedError);
}

TEST_CASE("binary input: random bytes and control bytes are not text", "[core][binary][plain]") {
    for (unsigned seed : {1u, 2u, 3u}) {
        INFO(seed);
        CHECK_THAT(refusal(noise(4096, seed)), Catch::StartsWith("the input is not text"));
        CHECK_THAT(refusal(noise(4096, seed), "plain"), Catch::StartsWith("the input is not text"));
    }
    // A short run with few control bytes: invalid in UTF-8 and GB18030 alike.
    std::string invalid;
    for (int k = 0; k < 20; ++k) invalid += "\xFF\x80"s;
    CHECK_THAT(refusal(invalid), Catch::StartsWith("the input is not text in UTF-8, UTF-16 or GB18030"));
    // ASCII with NULs all through it (a tar, say) is not text outside UTF-16.
    std::string padded = "name.txt" + std::string(100, '\0') + "0000644" + std::string(400, '\0');
    CHECK_THAT(refusal(padded), Catch::Contains("control characters such as NUL"));
}

TEST_CASE("binary input: real text still reads", "[core][binary][plain]") {
    // Stray NULs in UTF-8 and a DOS end-of-file byte are damage, not binary.
    Document d = read("标题\n\n正文第一段。\0\0x\0正文第二段。\n\x1A"s, "");
    CHECK(d.metadata.title == "标题");
    // A Latin-1 text with a few accents: UTF-8 with U+FFFD and a warning, as before.
    std::string latin1 = "Le caf\xE9 est tr\xE8s bon, dit-il, et nous y sommes all\xE9s tous les jours de la semaine.\n";
    Document l = read(latin1 + latin1 + latin1);
    REQUIRE(!l.blocks.empty());
    bool warned = false;
    for (const auto& x : l.diagnostics) warned = warned || x.code == "plain.invalid-bytes";
    CHECK(warned);
    // Text that starts like a signature but is text: plain.
    CHECK(detect_format("BZh is not bzip2 here\n")->name == "plain");
    CHECK(detect_format("PKU 2023 年招生简章\n")->name == "plain");
}
