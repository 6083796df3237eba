// zip::EntryStream: the same bytes as Archive::read at any read size, and
// every check made while streaming: limits as the bytes come out, the CRC-32
// and the size at the end, truncated and corrupt data, failures that stick.
#include "test_support.hpp"
#include "zlib_support.hpp"

#include <zlib.h>

#include <cstring>
#include <random>

#include "common/zip/zip.hpp"

using copydesk::Limits;
using copydesk::zip::Archive;
using copydesk::zip::EntryStream;
using copydesk::zip::Writer;

using copydesk::test::crc_of;
using copydesk::test::raw_deflate;

namespace {

// Text that deflates about 3:1, like document.xml.
std::string sample(std::size_t n, unsigned seed = 1) {
    std::mt19937 rng(seed);
    static const char* words[] = {"<w:p>", "<w:r>", "<w:t>", "</w:t>", "中文", "新闻", "the", "copy", "desk", " "};
    std::string s;
    while (s.size() < n) s += words[rng() % 10];
    s.resize(n);
    return s;
}

// Reads a stream to its end in pieces of `step`, checking read()'s contract on the way.
std::string drain(EntryStream& s, std::size_t step, std::size_t* calls = nullptr) {
    std::string out;
    std::string buf(step, '\0');
    for (;;) {
        const std::size_t got = s.read(buf.data(), buf.size());
        if (calls) ++*calls;
        REQUIRE(got <= step);
        if (got == 0) break;
        REQUIRE(s.produced() >= out.size() + got);  // inflated ahead by up to 64 KiB
        out.append(buf.data(), got);
    }
    return out;
}

}  // namespace

TEST_CASE("zip stream: the same bytes as read(), at any read size", "[zip][stream]") {
    const std::string big = sample(3u << 20);
    Writer w;
    w.add("word/document.xml", big);
    w.add("stored.bin", big.substr(0, 100000), false);
    w.add("empty.txt", "");
    w.add("empty-stored.txt", "", false);
    const std::string zip = w.finish();
    Archive a(zip, Limits{}, "doc.docx");
    REQUIRE(a.find("word/document.xml")->method == 8);
    REQUIRE(a.find("stored.bin")->method == 0);
    for (const char* name : {"word/document.xml", "stored.bin", "empty.txt", "empty-stored.txt"}) {
        const std::string whole = a.read(name);
        for (const std::size_t step : {std::size_t{1}, std::size_t{4}, std::size_t{4096}, std::size_t{1} << 20}) {
            if (step == 1 && whole.size() > 200000) continue;  // a byte at a time only for the small ones
            INFO(name << " in reads of " << step);
            EntryStream s = a.open(name);
            CHECK(s.entry().name == name);
            CHECK_FALSE(s.finished());
            CHECK(drain(s, step) == whole);
            CHECK(s.finished());
            CHECK(s.produced() == whole.size());
            char c;
            CHECK(s.read(&c, 1) == 0);  // stays at the end
        }
    }
    CHECK_THROWS_AS(a.open("word/missing.xml"), copydesk::ParseError);
}

TEST_CASE("zip stream: a CRC-32 mismatch is found at the end of the stream", "[zip][stream]") {
    const std::string data = sample(200000);
    const std::string packed = raw_deflate(data);
    for (const bool deflated : {true, false}) {
        Writer w;
        if (deflated) w.add_deflated("a.xml", packed, crc_of(data) ^ 1u, data.size());
        else w.add("a.xml", data, false);
        std::string zip = w.finish();
        if (!deflated) {
            // Flip one stored byte: the headers keep the old CRC.
            const std::size_t at = zip.find(data.substr(0, 64)) + 1000;
            zip[at] = static_cast<char>(zip[at] ^ 0x20);
        }
        INFO((deflated ? "deflated" : "stored"));
        Archive a(zip, Limits{}, "crc.zip");
        EntryStream s = a.open("a.xml");
        std::string got;
        std::string buf(4096, '\0');
        try {
            for (;;) {
                const std::size_t n = s.read(buf.data(), buf.size());
                if (n == 0) break;
                got.append(buf.data(), n);
            }
            FAIL("CRC mismatch not detected");
        } catch (const copydesk::ParseError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("CRC-32 mismatch"));
            CHECK(e.where().file == "crc.zip");
            CHECK(e.where().part == "a.xml");
        }
        // The data came out first, but for the last buffer (64 KiB) inflated
        // with the end: the mismatch can only be known at the end.
        CHECK(got.size() + 4096 + 65536 >= data.size());
        CHECK(s.produced() == data.size());
        CHECK_FALSE(s.finished());
        // A failed stream keeps failing rather than looking finished.
        CHECK_THROWS_AS(s.read(buf.data(), buf.size()), copydesk::ParseError);
        CHECK_THROWS_AS(a.read("a.xml"), copydesk::ParseError);
    }
}

TEST_CASE("zip stream: truncated and corrupt deflate data", "[zip][stream]") {
    const std::string data = sample(300000);
    const std::string packed = raw_deflate(data);
    SECTION("truncated: an error after what the data held, never a short success") {
        Writer w;
        w.add_deflated("a.xml", packed.substr(0, packed.size() / 2), crc_of(data), data.size());
        const std::string zip = w.finish();
        Archive a(zip, Limits{});
        EntryStream s = a.open("a.xml");
        std::string got;
        std::string buf(1000, '\0');
        try {
            for (;;) {
                const std::size_t n = s.read(buf.data(), buf.size());
                REQUIRE(n > 0);  // never the end: the data is cut
                got.append(buf.data(), n);
            }
        } catch (const copydesk::ParseError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("truncated"));
        }
        CHECK(got.size() > data.size() / 4);
        CHECK(got.size() < data.size());
        CHECK(got == data.substr(0, got.size()));
    }
    SECTION("corrupt: garbage inside the stream") {
        std::string bad = packed;
        for (std::size_t i = bad.size() / 3; i < bad.size() / 3 + 64; ++i) bad[i] = static_cast<char>(0xFF);
        Writer w;
        w.add_deflated("a.xml", bad, crc_of(data), data.size());
        const std::string zip = w.finish();
        Archive a(zip, Limits{});
        EntryStream s = a.open("a.xml");
        CHECK_THROWS_AS(drain(s, 4096), copydesk::ParseError);
    }
    SECTION("declares fewer bytes than it inflates to: stopped one byte past") {
        Writer w;
        w.add_deflated("a.xml", packed, crc_of(data), 5000);
        const std::string zip = w.finish();
        Archive a(zip, Limits{});
        EntryStream s = a.open("a.xml");
        try {
            drain(s, 4096);
            FAIL("no error");
        } catch (const copydesk::ParseError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("past its declared size"));
        }
        CHECK(s.produced() == 5001);
    }
    SECTION("declares more bytes than it inflates to") {
        Writer w;
        w.add_deflated("a.xml", packed, crc_of(data), data.size() + 10);
        const std::string zip = w.finish();
        Archive a(zip, Limits{});
        EntryStream s = a.open("a.xml");
        try {
            drain(s, 4096);
            FAIL("no error");
        } catch (const copydesk::ParseError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("but declares"));
        }
    }
}

TEST_CASE("zip stream: limits are enforced while streaming", "[zip][stream][bomb]") {
    const std::string data(8u << 20, ' ');  // deflates over 1000:1
    const std::string packed = raw_deflate(data, 9);
    SECTION("declared size over a limit: refused at open, nothing inflated") {
        Writer w;
        w.add_deflated("a.xml", packed, crc_of(data), data.size());
        const std::string zip = w.finish();
        Limits limits;
        limits.max_entry_bytes = 1u << 20;
        Archive a(zip, limits, "bomb.docx");
        try {
            a.open("a.xml");
            FAIL("no error");
        } catch (const copydesk::LimitError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("limit.max_entry_bytes"));
            CHECK(e.where().part == "a.xml");
        }
    }
    SECTION("header lies within the limit: stopped as the bytes pass it") {
        Limits limits;
        limits.max_entry_bytes = 1u << 20;
        limits.max_ratio = 1u << 20;  // isolate the entry limit
        Writer w;
        w.add_deflated("a.xml", packed, crc_of(data), limits.max_entry_bytes);
        const std::string zip = w.finish();
        Archive a(zip, limits);
        EntryStream s = a.open("a.xml");
        try {
            drain(s, 4096);
            FAIL("no error");
        } catch (const copydesk::LimitError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("stopped there") && Catch::Contains("limit.max_entry_bytes"));
        }
        CHECK(s.produced() == limits.max_entry_bytes + 1);
    }
    SECTION("ratio limit while streaming") {
        Limits limits;  // 100:1 past 100 KiB
        Writer w;
        w.add_deflated("a.xml", packed, crc_of(data), packed.size() * limits.max_ratio);
        const std::string zip = w.finish();
        Archive a(zip, limits);
        EntryStream s = a.open("a.xml");
        CHECK_THROWS_WITH(drain(s, 65536), Catch::Contains("limit.max_ratio"));
        CHECK(s.produced() <= packed.size() * limits.max_ratio + 1);
    }
    SECTION("total limit shared by streams open at the same time") {
        const std::string part = sample(3u << 20);
        Writer w;
        w.add("p0", part);
        w.add("p1", part);
        const std::string zip = w.finish();
        Limits limits;
        limits.max_total_bytes = 5u << 20;
        limits.max_ratio = 1u << 20;
        Archive a(zip, limits);
        // Each fits in what is left at its open; together they do not.
        EntryStream s0 = a.open("p0");
        EntryStream s1 = a.open("p1");
        std::string buf(1u << 16, '\0');
        bool limited = false;
        try {
            for (bool more = true; more;) {
                more = s0.read(buf.data(), buf.size()) > 0;
                more = s1.read(buf.data(), buf.size()) > 0 || more;
            }
        } catch (const copydesk::LimitError& e) {
            limited = true;
            CHECK_THAT(std::string(e.what()), Catch::Contains("limit.max_total_bytes"));
        }
        CHECK(limited);
        CHECK(s0.produced() + s1.produced() <= limits.max_total_bytes + buf.size());
    }
}
