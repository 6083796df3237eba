// Archives made by other programs: Python's zipfile and Info-ZIP `zip`
// (generated at test time) and the DOCX corpus (Word, LibreOffice, ...).
#include "test_support.hpp"
#include "zlib_support.hpp"

#include <unistd.h>
#include <zlib.h>

#include <sstream>

#include "common/zip/zip.hpp"

namespace fs = std::filesystem;
using copydesk::Limits;
using copydesk::zip::Archive;

using copydesk::test::crc_of;

namespace {

bool have(const char* program) {
    return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

fs::path fresh_temp_dir(const std::string& tag) {
    const fs::path dir = fs::temp_directory_path() / ("copydesk-zip-" + tag + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

void write_file(const fs::path& p, const std::string& data) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << data;
    REQUIRE(out.good());
}

// Python writes each archive and a manifest: name, size and CRC-32 of every
// entry as Python's zlib computes them, one tab-separated line each.
const char* kPythonScript = R"PY(
import io, os, sys, zipfile, zlib
out = sys.argv[1]

def body(name, n):
    return ("%s\n" % name * n).encode("utf-8")

files = {
    "[Content_Types].xml": body("<Types/>", 50),
    "word/document.xml": body("<w:p>段落</w:p>", 2000),
    "中文/文章.txt": body("新闻", 100),
    "empty.txt": b"",
    "random.bin": os.urandom(5000),
}

def manifest(path, entries):
    with open(path + ".tsv", "w", encoding="utf-8") as f:
        for name, data in entries:
            f.write("%s\t%d\t%d\n" % (name, len(data), zlib.crc32(data)))

# deflated and stored entries, a directory, UTF-8 names, an archive comment
with zipfile.ZipFile(os.path.join(out, "py_basic.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip", compress_type=zipfile.ZIP_STORED)
    z.writestr("dir/", b"")
    for name, data in files.items():
        z.writestr(name, data, compresslevel=9)
    z.comment = b"made by python zipfile " + b"PK\x05\x06" + b" (a fake end signature in the comment)"
manifest(os.path.join(out, "py_basic.zip"), [("mimetype", b"application/epub+zip"), ("dir/", b"")] + list(files.items()))

# ZIP64 extra fields on every entry
with zipfile.ZipFile(os.path.join(out, "py_zip64.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in files.items():
        with z.open(name, "w", force_zip64=True) as f:
            f.write(data)
manifest(os.path.join(out, "py_zip64.zip"), list(files.items()))

# an unseekable output: data descriptors after each entry
class Unseekable(io.RawIOBase):
    def __init__(self, f): self.f = f
    def writable(self): return True
    def write(self, b): return self.f.write(b)
    def seekable(self): return False
    def tell(self): raise OSError("unseekable")
with open(os.path.join(out, "py_stream.zip"), "wb") as raw:
    with zipfile.ZipFile(Unseekable(raw), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
manifest(os.path.join(out, "py_stream.zip"), list(files.items()))

# more than 65535 entries: ZIP64 end records
many = [("e/%05d.txt" % i, b"%d" % i) for i in range(70000)]
with zipfile.ZipFile(os.path.join(out, "py_many.zip"), "w", zipfile.ZIP_STORED) as z:
    for name, data in many:
        z.writestr(name, data)
manifest(os.path.join(out, "py_many.zip"), many)

# a bzip2 entry: listed, but its method is not supported
with zipfile.ZipFile(os.path.join(out, "py_bzip2.zip"), "w") as z:
    z.writestr("plain.txt", b"plain")
    z.writestr("packed.txt", b"bzip2 " * 100, compress_type=zipfile.ZIP_BZIP2)
)PY";

struct Expected {
    std::string name;
    std::uint64_t size;
    std::uint32_t crc;
};

std::vector<Expected> read_manifest(const fs::path& p) {
    std::vector<Expected> out;
    std::istringstream in(copydesk::test::slurp(p));
    std::string line;
    while (std::getline(in, line)) {
        const auto t1 = line.find('\t'), t2 = line.rfind('\t');
        out.push_back({line.substr(0, t1), std::stoull(line.substr(t1 + 1, t2 - t1 - 1)),
                       static_cast<std::uint32_t>(std::stoull(line.substr(t2 + 1)))});
    }
    return out;
}

void check_against_manifest(const fs::path& zip, const Limits& limits = {}) {
    INFO(zip.filename().string());
    const std::string data = copydesk::test::slurp(zip);
    const auto expected = read_manifest(zip.string() + ".tsv");
    Archive a(data, limits, zip.string());
    REQUIRE(a.entries().size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO(expected[i].name);
        CHECK(a.entries()[i].name == expected[i].name);  // central-directory order is write order
        const std::string body = a.read(a.entries()[i]);
        CHECK(body.size() == expected[i].size);
        CHECK(crc_of(body) == expected[i].crc);
    }
}

}  // namespace

TEST_CASE("zip: archives written by Python's zipfile", "[zip][interop]") {
    if (!have("python3")) COPYDESK_SKIP("python3 not found");
    const fs::path dir = fresh_temp_dir("py");
    write_file(dir / "make.py", kPythonScript);
    REQUIRE(std::system(("python3 '" + (dir / "make.py").string() + "' '" + dir.string() + "'").c_str()) == 0);

    check_against_manifest(dir / "py_basic.zip");
    check_against_manifest(dir / "py_zip64.zip");
    check_against_manifest(dir / "py_stream.zip");
    Limits many;
    many.max_entries = 100000;
    check_against_manifest(dir / "py_many.zip", many);
    CHECK_THROWS_AS(Archive(copydesk::test::slurp(dir / "py_many.zip"), Limits{}), copydesk::LimitError);

    {
        const std::string data = copydesk::test::slurp(dir / "py_basic.zip");
        Archive a(data, Limits{});
        const auto* d = a.find("dir/");
        REQUIRE(d);
        CHECK(d->is_directory);
        CHECK(a.find("中文/文章.txt"));
        CHECK(a.find("WORD/DOCUMENT.XML") == a.find("word/document.xml"));  // OOXML names ignore case
        CHECK(a.find("word/document.xml")->method == 8);
        CHECK(a.find("mimetype")->method == 0);
        CHECK(a.entries()[0].local_header_offset == 0);
        CHECK(a.read("mimetype") == "application/epub+zip");
        try {
            a.read("word/missing.xml");
            FAIL("no error");
        } catch (const copydesk::ParseError& e) {
            CHECK(e.where().part == "word/missing.xml");
        }
    }
    {
        const std::string data = copydesk::test::slurp(dir / "py_stream.zip");
        CHECK(data.find(std::string("PK\x07\x08", 4)) != std::string::npos);  // data descriptors were written
    }
    {
        const std::string data = copydesk::test::slurp(dir / "py_bzip2.zip");
        Archive a(data, Limits{});
        CHECK(a.read("plain.txt") == "plain");
        CHECK_THROWS_AS(a.read("packed.txt"), copydesk::ParseError);
    }
    fs::remove_all(dir);
}

TEST_CASE("zip: archives written by Info-ZIP zip", "[zip][interop]") {
    if (!have("zip")) COPYDESK_SKIP("Info-ZIP zip not found");
    const fs::path dir = fresh_temp_dir("infozip");
    std::map<std::string, std::string> files = {
        {"d/readme.txt", "hello\n"},
        {"d/empty.txt", ""},
        {"d/sub/long.xml", [] {
             std::string s;
             for (int i = 0; i < 20000; ++i) s += "<p n=\"" + std::to_string(i) + "\">text</p>\n";
             return s;
         }()},
        {"d/café.txt", "UTF-8 name, written unflagged by Info-ZIP on Unix\n"},
        {"d/中文名.txt", "中文内容\n"},
    };
    std::string noise;
    std::uint32_t x = 12345;
    for (int i = 0; i < 20000; ++i) {
        x = x * 1103515245u + 12345u;
        noise.push_back(static_cast<char>(x >> 24));
    }
    files["d/noise.bin"] = noise;  // incompressible: Info-ZIP stores it
    for (const auto& [name, data] : files) write_file(dir / name, data);

    const std::string cd = "cd '" + dir.string() + "' && ";
    REQUIRE(std::system((cd + "LC_ALL=C.UTF-8 zip -q -r deflated.zip d").c_str()) == 0);
    REQUIRE(std::system((cd + "LC_ALL=C.UTF-8 zip -q -r -0 stored.zip d").c_str()) == 0);
    REQUIRE(std::system((cd + "echo 'an archive comment' | zip -q -z deflated.zip").c_str()) == 0);
    // Streaming stdin to a pipe: a ZIP64 local header and a data descriptor.
    REQUIRE(std::system((cd + "cat d/sub/long.xml | zip -q - - | cat > streamed.zip").c_str()) == 0);

    for (const char* zip : {"deflated.zip", "stored.zip"}) {
        INFO(zip);
        const std::string data = copydesk::test::slurp(dir / zip);
        Archive a(data, Limits{}, zip);
        std::size_t files_seen = 0;
        for (const auto& e : a.entries()) {
            INFO(e.name);
            const std::string body = a.read(e);
            if (e.is_directory) {
                CHECK(body.empty());
                continue;
            }
            REQUIRE(files.count(e.name) == 1);  // UTF-8 names come back as UTF-8
            CHECK(body == files[e.name]);
            ++files_seen;
        }
        CHECK(files_seen == files.size());
        if (std::string(zip) == "stored.zip")
            for (const auto& e : a.entries()) CHECK(e.method == 0);
        else
            CHECK(a.find("d/sub/long.xml")->method == 8);
    }
    {
        const std::string data = copydesk::test::slurp(dir / "streamed.zip");
        Archive a(data, Limits{});
        REQUIRE(a.entries().size() == 1);
        CHECK(a.entries()[0].name == "-");
        CHECK((static_cast<unsigned char>(data[6]) & 0x08) != 0);  // data-descriptor flag in the local header
        CHECK(a.read(a.entries()[0]) == files["d/sub/long.xml"]);
    }
    fs::remove_all(dir);
}

TEST_CASE("zip: every DOCX in the corpus opens with correct CRCs", "[zip][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    std::size_t docs = 0, entries = 0, libreoffice = 0, word = 0;
    for (const auto& de : fs::recursive_directory_iterator(corpus / "docx")) {
        const auto ext = de.path().extension().string();
        if (!de.is_regular_file() || (ext != ".docx" && ext != ".docm" && ext != ".dotx")) continue;
        INFO(de.path().string());
        const std::string data = copydesk::test::slurp(de.path());
        Archive a(data, Limits{}, de.path().string());
        for (const auto& e : a.entries()) {
            CHECK_NOTHROW(a.read(e));  // CRC-32 and sizes are checked by read
            ++entries;
        }
        CHECK(a.contains("[Content_Types].xml"));
        if (const auto* app = a.find("docProps/app.xml")) {
            const std::string xml = a.read(*app);
            if (xml.find("LibreOffice") != std::string::npos) ++libreoffice;
            if (xml.find("Microsoft Office Word") != std::string::npos) ++word;
        }
        ++docs;
    }
    WARN("corpus docx: " << docs << " files, " << entries << " entries, " << libreoffice << " by LibreOffice, "
                         << word << " by Microsoft Word");
    CHECK(docs > 200);
    CHECK(libreoffice > 0);
    CHECK(word > 0);

    // POI's unicode-path.docx: an entry named "zip-test-additional-file" carries
    // a Unicode Path field claiming "word/document.xml". An ASCII name is never
    // renamed by that field, so the real document part is not shadowed.
    const std::string data = copydesk::test::slurp(corpus / "docx/poi/unicode-path.docx");
    Archive a(data, Limits{});
    CHECK(a.contains("zip-test-additional-file"));
    CHECK(std::count_if(a.entries().begin(), a.entries().end(),
                        [](const auto& e) { return e.name == "word/document.xml"; }) == 1);
}
