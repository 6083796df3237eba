// ZIP writing: each entry is deflated straight into the output buffer behind
// its local header, which is patched afterwards (no data descriptors, so the
// output also suits EPUB's stored-first `mimetype`).
#include <algorithm>
#include <ctime>
#include <new>

#include <zlib.h>

#include "common/zip/zip.hpp"
#include "common/zip/zip_internal.hpp"

namespace copydesk::zip {

using namespace detail;

namespace {

constexpr std::uint16_t kVersion20 = 20;  // deflate, directories
constexpr std::uint16_t kVersion45 = 45;  // ZIP64
constexpr std::size_t kZip64LocalExtra = 20;  // id, size, uncompressed, compressed

struct DeflateStream {
    z_stream zs{};
    explicit DeflateStream(int level) {
        if (deflateInit2(&zs, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::bad_alloc();
    }
    ~DeflateStream() { deflateEnd(&zs); }
    DeflateStream(const DeflateStream&) = delete;
    DeflateStream& operator=(const DeflateStream&) = delete;
};

void check_name(std::string_view name) {
    if (const char* why = unsafe_name_reason(name))
        throw UsageError(std::string("cannot add a ZIP entry: ") + why, Location{{}, std::string(name)});
    if (!is_valid_utf8(name))
        throw UsageError("cannot add a ZIP entry: name is not valid UTF-8", Location{{}, cp437_to_utf8(name)});
    if (name.size() > k16Max)
        throw UsageError("cannot add a ZIP entry: name is longer than 65535 bytes", Location{{}, std::string(name)});
}

}  // namespace

Writer::Writer(WriterOptions options) : options_(options) {
    if (options_.level < 0 || options_.level > 9)
        throw UsageError("ZIP compression level must be 0..9, not " + std::to_string(options_.level));
    dos_date_ = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
    if (!options_.deterministic) {
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        if (localtime_r(&now, &tm) && tm.tm_year >= 80) {
            dos_time_ = static_cast<std::uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
            dos_date_ = static_cast<std::uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
        }
    }
}

std::size_t Writer::begin_entry(std::string_view name, std::uint16_t method, bool zip64_local) {
    check_name(name);
    const std::size_t header = out_.size();
    out_.resize(header + kLocalSize + name.size() + (zip64_local ? kZip64LocalExtra : 0));
    char* h = out_.data() + header;
    wr32(h, kLocalSig);
    wr16(h + 4, zip64_local ? kVersion45 : kVersion20);
    wr16(h + 6, is_ascii(name) ? 0 : kFlagUtf8);
    wr16(h + 8, method);
    wr16(h + 10, dos_time_);
    wr16(h + 12, dos_date_);
    wr32(h + 14, 0);  // crc and sizes: patched by end_entry
    wr32(h + 18, 0);
    wr32(h + 22, 0);
    wr16(h + 26, static_cast<std::uint16_t>(name.size()));
    wr16(h + 28, static_cast<std::uint16_t>(zip64_local ? kZip64LocalExtra : 0));
    std::memcpy(h + kLocalSize, name.data(), name.size());
    if (zip64_local) {
        char* x = h + kLocalSize + name.size();
        wr16(x, kExtraZip64);
        wr16(x + 2, 16);
    }
    return header;
}

void Writer::end_entry(std::size_t header, std::string_view name, std::uint16_t method, std::uint32_t crc,
                       std::uint64_t compressed, std::uint64_t uncompressed) {
    char* h = out_.data() + header;
    const bool zip64_local = rd16(h + 28) == kZip64LocalExtra;
    wr16(h + 8, method);
    wr32(h + 14, crc);
    if (zip64_local) {
        wr32(h + 18, k32Max);
        wr32(h + 22, k32Max);
        char* x = h + kLocalSize + name.size();
        wr64(x + 4, uncompressed);
        wr64(x + 12, compressed);
    } else {
        wr32(h + 18, static_cast<std::uint32_t>(compressed));
        wr32(h + 22, static_cast<std::uint32_t>(uncompressed));
    }
    Entry e;
    e.name.assign(name);
    e.method = method;
    e.crc32 = crc;
    e.compressed_size = compressed;
    e.uncompressed_size = uncompressed;
    e.local_header_offset = header;
    e.data_offset = header + kLocalSize + name.size() + (zip64_local ? kZip64LocalExtra : 0);
    e.is_directory = !name.empty() && name.back() == '/';
    written_.push_back(std::move(e));
}

void Writer::add(std::string_view name, std::string_view data, bool compress) {
    add(name, data, compress, options_.level);
}

void Writer::add(std::string_view name, std::string_view data, bool compress, int level) {
    if (level < 0 || level > 9) throw UsageError("ZIP compression level must be 0..9, not " + std::to_string(level));
    if (!compress || level == 0 || data.empty()) {
        const std::size_t header = begin_entry(name, kMethodStored, data.size() >= k32Max);
        out_.append(data);
        end_entry(header, name, kMethodStored, crc32_of(data), data.size(), data.size());
        return;
    }
    DeflateStream s(level);
    z_stream& zs = s.zs;
    const std::uint64_t bound = deflateBound(&zs, static_cast<uLong>(data.size()));
    const std::size_t header = begin_entry(name, kMethodDeflated, bound >= k32Max || data.size() >= k32Max);
    const std::size_t start = out_.size();
    // Room for the bound (and for the data, should it have to be stored), so
    // zlib writes straight into the archive and nothing moves afterwards.
    out_.resize(start + std::max<std::uint64_t>(bound, data.size()));
    // Input in small steps: the CRC is computed while the bytes are in cache.
    constexpr std::size_t kStep = 256 * 1024;
    constexpr std::size_t kMaxChunk = 1u << 30;  // zlib counts in uInt
    std::uint32_t crc = 0;
    std::size_t in_pos = 0;
    std::size_t out_pos = start;
    int ret = Z_OK;
    while (ret != Z_STREAM_END) {
        if (zs.avail_in == 0 && in_pos < data.size()) {
            const std::size_t n = std::min(kStep, data.size() - in_pos);
            crc = crc32_of(data.substr(in_pos, n), crc);
            zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + in_pos));
            zs.avail_in = static_cast<uInt>(n);
            in_pos += n;
        }
        if (out_pos == out_.size()) out_.resize(out_.size() + kStep);  // past the bound: cannot happen, but safe
        const std::size_t room = std::min(kMaxChunk, out_.size() - out_pos);
        zs.next_out = reinterpret_cast<Bytef*>(out_.data() + out_pos);
        zs.avail_out = static_cast<uInt>(room);
        ret = deflate(&zs, in_pos == data.size() ? Z_FINISH : Z_NO_FLUSH);
        out_pos += room - zs.avail_out;
        if (ret == Z_STREAM_ERROR) throw std::bad_alloc();
    }
    std::uint64_t packed = out_pos - start;
    std::uint16_t method = kMethodDeflated;
    if (packed >= data.size()) {  // incompressible: store instead
        if (out_.size() < start + data.size()) out_.resize(start + data.size());
        std::memcpy(out_.data() + start, data.data(), data.size());
        packed = data.size();
        method = kMethodStored;
    }
    out_.resize(start + packed);
    end_entry(header, name, method, crc, packed, data.size());
}

void Writer::add_deflated(std::string_view name, std::string_view deflated, std::uint32_t crc32,
                          std::uint64_t uncompressed_size) {
    const bool zip64 = deflated.size() >= k32Max || uncompressed_size >= k32Max;
    const std::size_t header = begin_entry(name, kMethodDeflated, zip64);
    out_.append(deflated);
    end_entry(header, name, kMethodDeflated, crc32, deflated.size(), uncompressed_size);
}

std::string Writer::finish() {
    {
        std::vector<std::pair<std::string, std::size_t>> folded;
        folded.reserve(written_.size());
        for (std::size_t i = 0; i < written_.size(); ++i) folded.emplace_back(ascii_lower(written_[i].name), i);
        std::sort(folded.begin(), folded.end());
        for (std::size_t i = 1; i < folded.size(); ++i)
            if (folded[i].first == folded[i - 1].first)
                throw UsageError("duplicate ZIP entry name (names are compared ignoring ASCII case)",
                                 Location{{}, written_[folded[i].second].name});
    }
    const std::uint64_t cd_offset = out_.size();
    for (const Entry& e : written_) {
        const bool big_u = e.uncompressed_size >= k32Max;
        const bool big_c = e.compressed_size >= k32Max;
        const bool big_o = e.local_header_offset >= k32Max;
        const std::size_t extra = (big_u || big_c || big_o) ? 4 + 8 * (big_u + big_c + big_o) : 0;
        const std::size_t at = out_.size();
        out_.resize(at + kCentralSize + e.name.size() + extra);
        char* c = out_.data() + at;
        const std::uint16_t version = (extra || rd16(out_.data() + e.local_header_offset + 4) == kVersion45)
                                          ? kVersion45
                                          : kVersion20;
        wr32(c, kCentralSig);
        wr16(c + 4, version);  // made by: MS-DOS host, so no Unix permissions are implied
        wr16(c + 6, version);
        wr16(c + 8, is_ascii(e.name) ? 0 : kFlagUtf8);
        wr16(c + 10, e.method);
        wr16(c + 12, dos_time_);
        wr16(c + 14, dos_date_);
        wr32(c + 16, e.crc32);
        wr32(c + 20, big_c ? k32Max : static_cast<std::uint32_t>(e.compressed_size));
        wr32(c + 24, big_u ? k32Max : static_cast<std::uint32_t>(e.uncompressed_size));
        wr16(c + 28, static_cast<std::uint16_t>(e.name.size()));
        wr16(c + 30, static_cast<std::uint16_t>(extra));
        wr16(c + 32, 0);  // comment
        wr16(c + 34, 0);  // disk
        wr16(c + 36, 0);  // internal attributes
        wr32(c + 38, e.is_directory ? 0x10 : 0);  // MS-DOS directory attribute
        wr32(c + 42, big_o ? k32Max : static_cast<std::uint32_t>(e.local_header_offset));
        std::memcpy(c + kCentralSize, e.name.data(), e.name.size());
        if (extra) {
            char* x = c + kCentralSize + e.name.size();
            wr16(x, kExtraZip64);
            wr16(x + 2, static_cast<std::uint16_t>(extra - 4));
            x += 4;
            // Only the saturated fields, in APPNOTE order.
            if (big_u) { wr64(x, e.uncompressed_size); x += 8; }
            if (big_c) { wr64(x, e.compressed_size); x += 8; }
            if (big_o) wr64(x, e.local_header_offset);
        }
    }
    const std::uint64_t cd_size = out_.size() - cd_offset;
    const std::uint64_t count = written_.size();
    if (count >= k16Max || cd_offset >= k32Max || cd_size >= k32Max) {
        const std::uint64_t record = out_.size();
        out_.resize(record + kEocd64Size + kEocd64LocatorSize);
        char* r = out_.data() + record;
        wr32(r, kEocd64Sig);
        wr64(r + 4, kEocd64Size - 12);  // size of the rest of the record
        wr16(r + 12, kVersion45);
        wr16(r + 14, kVersion45);
        wr32(r + 16, 0);
        wr32(r + 20, 0);
        wr64(r + 24, count);
        wr64(r + 32, count);
        wr64(r + 40, cd_size);
        wr64(r + 48, cd_offset);
        char* l = r + kEocd64Size;
        wr32(l, kEocd64LocatorSig);
        wr32(l + 4, 0);
        wr64(l + 8, record);
        wr32(l + 16, 1);
    }
    const std::size_t at = out_.size();
    out_.resize(at + kEocdSize);
    char* e = out_.data() + at;
    wr32(e, kEocdSig);
    wr16(e + 4, 0);
    wr16(e + 6, 0);
    const auto count16 = static_cast<std::uint16_t>(std::min<std::uint64_t>(count, k16Max));
    wr16(e + 8, count16);
    wr16(e + 10, count16);
    wr32(e + 12, static_cast<std::uint32_t>(std::min<std::uint64_t>(cd_size, k32Max)));
    wr32(e + 16, static_cast<std::uint32_t>(std::min<std::uint64_t>(cd_offset, k32Max)));
    wr16(e + 20, 0);  // comment
    written_.clear();
    std::string result = std::move(out_);
    out_.clear();
    return result;
}

}  // namespace copydesk::zip
