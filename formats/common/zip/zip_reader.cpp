// ZIP reading: the archive is untrusted. Headers are parsed with every offset
// bounds-checked, and inflation is limited while it runs, with the output
// buffer never allowed to grow past the limit.
#include <algorithm>
#include <cstring>
#include <exception>
#include <limits>
#include <new>
#include <unordered_map>

#include <zlib.h>

#include "common/zip/zip.hpp"
#include "common/zip/zip_internal.hpp"

namespace copydesk::zip {

using namespace detail;

namespace {

constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

std::string size_text(std::uint64_t n) {
    if (n >= (1ull << 30) && n % (1ull << 30) == 0) return std::to_string(n >> 30) + " GiB";
    if (n >= (1ull << 20) && n % (1ull << 20) == 0) return std::to_string(n >> 20) + " MiB";
    return std::to_string(n) + " bytes";
}

// a * b, saturating: limits are configurable, so products may overflow.
std::uint64_t mul_sat(std::uint64_t a, std::uint64_t b) {
    if (a != 0 && b > kU64Max / a) return kU64Max;
    return a * b;
}

// Control characters escaped, so a hostile name cannot cut or garble a message.
std::string printable(std::string_view name) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (char ch : name) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x20 || b == 0x7F) {
            out += "\\x";
            out += kHex[b >> 4];
            out += kHex[b & 15];
        } else {
            out += ch;
        }
    }
    return out;
}

bool fits(std::uint64_t offset, std::uint64_t length, std::uint64_t end) {
    return offset <= end && length <= end - offset;
}

struct Extras {
    std::string_view zip64;         // body of the ZIP64 extended-information field
    std::string_view unicode_path;  // body of the Info-ZIP Unicode Path field
};

// Extra fields are (id, size, body) triples. A short tail is ignored rather than
// rejected: some writers pad the extra area (zipalign does).
Extras scan_extras(std::string_view extra) {
    Extras out;
    std::size_t pos = 0;
    while (extra.size() - pos >= 4) {
        const std::uint16_t id = rd16(extra.data() + pos);
        const std::uint16_t size = rd16(extra.data() + pos + 2);
        if (size > extra.size() - pos - 4) break;
        const std::string_view body = extra.substr(pos + 4, size);
        if (id == kExtraZip64 && out.zip64.empty()) out.zip64 = body;
        if (id == kExtraUnicodePath && out.unicode_path.empty()) out.unicode_path = body;
        pos += 4 + std::size_t{size};
    }
    return out;
}

// Inflate state released on every exit path.
struct InflateStream {
    z_stream zs{};
    InflateStream() {
        if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw std::bad_alloc();
    }
    ~InflateStream() { inflateEnd(&zs); }
    InflateStream(const InflateStream&) = delete;
    InflateStream& operator=(const InflateStream&) = delete;
};

}  // namespace

bool is_ole_compound(std::string_view data) {
    static constexpr unsigned char kMagic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    return data.size() >= 8 && std::memcmp(data.data(), kMagic, 8) == 0;
}

bool is_zip(std::string_view data) {
    if (data.size() < 4 || data[0] != 'P' || data[1] != 'K') return false;
    const std::uint32_t sig = rd32(data.data());
    // 0x08074b50: the "spanning marker" some writers put before the first local header.
    return sig == kLocalSig || sig == kEocdSig || sig == 0x08074b50;
}

Archive::Archive(std::string_view data, const Limits& limits, std::string file)
    : data_(data), limits_(limits), file_(std::move(file)) {
    auto fail = [this](const std::string& message, std::string part = {}) -> void {
        throw ParseError(message, Location{file_, std::move(part)});
    };
    const std::uint64_t size = data_.size();
    const char* base = data_.data();

    if (size > limits_.max_input_bytes)
        throw LimitError("archive is " + size_text(size) + ", over the input limit of " +
                             size_text(limits_.max_input_bytes) + " (limit.max_input_bytes)",
                         Location{file_});
    if (is_ole_compound(data_)) {
        // An encrypted OOXML package is an OLE compound file with an
        // "EncryptedPackage" stream; directory names are UTF-16LE.
        static constexpr char kStream[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
        if (data_.find(std::string_view(kStream, sizeof kStream - 1)) != std::string_view::npos)
            throw EncryptedError(
                "encrypted (password-protected) Office document: an OLE compound file holding an "
                "EncryptedPackage, not a ZIP archive",
                Location{file_});
        fail("OLE compound file (a legacy binary .doc or other Office file), not a ZIP archive");
    }
    if (size == 0) fail("empty file, not a ZIP archive");
    if (size < kEocdSize) fail("file too short to be a ZIP archive");

    // End of central directory: fixed 22 bytes plus a comment of up to 65535,
    // so it starts within the last 65557 bytes. Prefer a record whose comment
    // ends exactly at the end of the file (a comment may contain a fake signature).
    std::uint64_t eocd = kU64Max;
    std::uint64_t loose = kU64Max;
    {
        const std::uint64_t lowest = size > kEocdSize + 0xFFFF ? size - kEocdSize - 0xFFFF : 0;
        for (std::uint64_t pos = size - kEocdSize + 1; pos-- > lowest;) {
            if (base[pos] != 'P' || rd32(base + pos) != kEocdSig) continue;
            const std::uint64_t end = pos + kEocdSize + rd16(base + pos + 20);
            if (end == size) {
                eocd = pos;
                break;
            }
            if (end < size && loose == kU64Max) loose = pos;
        }
        if (eocd == kU64Max) eocd = loose;
    }
    if (eocd == kU64Max) {
        if (is_zip(data_)) fail("no end-of-central-directory record: the ZIP archive is truncated");
        fail("not a ZIP archive (no end-of-central-directory record)");
    }
    const char* e = base + eocd;
    std::uint64_t disk = rd16(e + 4);
    std::uint64_t cd_disk = rd16(e + 6);
    std::uint64_t count_on_disk = rd16(e + 8);
    std::uint64_t count = rd16(e + 10);
    std::uint64_t cd_size = rd32(e + 12);
    std::uint64_t cd_offset = rd32(e + 16);
    std::uint64_t cd_limit = eocd;  // the central directory must end before this

    if (eocd >= kEocd64LocatorSize && rd32(e - kEocd64LocatorSize) == kEocd64LocatorSig) {
        const char* loc = e - kEocd64LocatorSize;
        const std::uint64_t rec = rd64(loc + 8);
        if (rd32(loc + 16) > 1) fail("multi-disk (spanned) ZIP archives are not supported");
        const std::uint64_t locator_pos = eocd - kEocd64LocatorSize;
        if (!fits(rec, kEocd64Size, locator_pos) || rd32(base + rec) != kEocd64Sig)
            fail("ZIP64 end-of-central-directory locator points outside the archive");
        const char* r = base + rec;
        disk = rd32(r + 16);
        cd_disk = rd32(r + 20);
        count_on_disk = rd64(r + 24);
        count = rd64(r + 32);
        cd_size = rd64(r + 40);
        cd_offset = rd64(r + 48);
        cd_limit = rec;
    }
    if (disk != 0 || cd_disk != 0 || count_on_disk != count)
        fail("multi-disk (spanned) ZIP archives are not supported");
    if (count > limits_.max_entries)
        throw LimitError("archive has " + std::to_string(count) + " entries, over the limit of " +
                             std::to_string(limits_.max_entries) + " (limit.max_entries)",
                         Location{file_});
    if (!fits(cd_offset, cd_size, cd_limit))
        fail("central directory lies outside the archive (truncated or inconsistent)");
    if (count > cd_size / kCentralSize)
        fail("central directory is too small for its " + std::to_string(count) + " entries");

    struct Range {
        std::uint64_t begin, end;
        std::size_t index;
    };
    std::vector<Range> ranges;
    ranges.reserve(count);
    entries_.reserve(count);
    std::unordered_map<std::string, std::size_t> folded;  // ASCII-lowercased name -> index
    folded.reserve(count);

    std::uint64_t pos = cd_offset;
    const std::uint64_t cd_end = cd_offset + cd_size;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (!fits(pos, kCentralSize, cd_end) || rd32(base + pos) != kCentralSig)
            fail("central directory entry " + std::to_string(i + 1) + " is damaged");
        const char* c = base + pos;
        const std::uint16_t flags = rd16(c + 8);
        const std::uint16_t method = rd16(c + 10);
        Entry entry;
        entry.method = method;
        entry.crc32 = rd32(c + 16);
        entry.compressed_size = rd32(c + 20);
        entry.uncompressed_size = rd32(c + 24);
        const std::uint16_t name_len = rd16(c + 28);
        const std::uint16_t extra_len = rd16(c + 30);
        const std::uint16_t comment_len = rd16(c + 32);
        std::uint64_t start_disk = rd16(c + 34);
        entry.local_header_offset = rd32(c + 42);
        const std::uint64_t record = kCentralSize + std::uint64_t{name_len} + extra_len + comment_len;
        if (!fits(pos, record, cd_end))
            fail("central directory entry " + std::to_string(i + 1) + " runs past the directory");
        const std::string_view raw_name(c + kCentralSize, name_len);
        const Extras extras = scan_extras(std::string_view(c + kCentralSize + name_len, extra_len));

        // Name: UTF-8 when flagged. Otherwise ASCII is taken as it is (a Unicode
        // Path field on an ASCII name can only be an attempt to rename the entry);
        // a non-ASCII name takes Info-ZIP's Unicode Path field if it still matches
        // the raw name, then the raw bytes if they are valid UTF-8 (Info-ZIP on
        // Unix and macOS write UTF-8 unflagged; CP437 text is almost never valid
        // UTF-8), and CP437, the ZIP default, last.
        if (flags & kFlagUtf8) {
            if (!is_valid_utf8(raw_name))
                fail("entry name is flagged UTF-8 but is not valid UTF-8", printable(cp437_to_utf8(raw_name)));
            entry.name.assign(raw_name);
        } else if (is_ascii(raw_name)) {
            entry.name.assign(raw_name);
        } else if (extras.unicode_path.size() > 5 && extras.unicode_path[0] == 1 &&
                   rd32(extras.unicode_path.data() + 1) == crc32_of(raw_name) &&
                   is_valid_utf8(extras.unicode_path.substr(5))) {
            entry.name.assign(extras.unicode_path.substr(5));
        } else if (is_valid_utf8(raw_name)) {
            entry.name.assign(raw_name);
        } else {
            entry.name = cp437_to_utf8(raw_name);
        }

        // ZIP64 values replace the 32-bit fields that are saturated, in this order.
        {
            std::string_view z = extras.zip64;
            auto take64 = [&](std::uint64_t& field) {
                if (field != k32Max) return;
                if (z.size() < 8) fail("ZIP64 extra field missing or short", entry.name);
                field = rd64(z.data());
                z.remove_prefix(8);
            };
            take64(entry.uncompressed_size);
            take64(entry.compressed_size);
            take64(entry.local_header_offset);
            if (start_disk == k16Max) {
                if (z.size() < 4) fail("ZIP64 extra field missing or short", entry.name);
                start_disk = rd32(z.data());
            }
        }
        if ((flags & (kFlagEncrypted | kFlagStrongEncryption)) || method == kMethodAes)
            throw EncryptedError(std::string("entry is encrypted (") +
                                     (method == kMethodAes ? "WinZip AES" : "ZIP password encryption") +
                                     "); encrypted archives cannot be read",
                                 Location{file_, entry.name});
        if (start_disk != 0) fail("multi-disk (spanned) ZIP archives are not supported", entry.name);
        if (const char* why = unsafe_name_reason(entry.name))
            fail(std::string("unsafe ") + why, printable(entry.name));
        auto [it, fresh] = folded.emplace(ascii_lower(entry.name), entries_.size());
        if (!fresh) {
            const std::string& other = entries_[it->second].name;
            fail(other == entry.name ? "duplicate entry name"
                                     : "duplicate entry name (differs only in letter case from \"" + other + "\")",
                 entry.name);
        }
        entry.is_directory = entry.name.back() == '/';

        // The local header must agree with the central directory.
        const std::uint64_t lho = entry.local_header_offset;
        if (!fits(lho, kLocalSize, cd_offset) || rd32(base + lho) != kLocalSig)
            fail("local header offset is past the end of the data or does not point at a local header",
                 entry.name);
        const char* l = base + lho;
        const std::uint16_t local_flags = rd16(l + 6);
        const std::uint16_t local_name_len = rd16(l + 26);
        const std::uint16_t local_extra_len = rd16(l + 28);
        if (local_flags & (kFlagEncrypted | kFlagStrongEncryption))
            throw EncryptedError("entry is encrypted (ZIP password encryption); encrypted archives cannot be read",
                                 Location{file_, entry.name});
        if (rd16(l + 8) != method) fail("local header and central directory disagree on the method", entry.name);
        if (!fits(lho + kLocalSize, local_name_len, cd_offset) ||
            std::string_view(l + kLocalSize, local_name_len) != raw_name)
            fail("local header and central directory disagree on the name", entry.name);
        if (!(local_flags & kFlagDataDescriptor)) {
            const std::uint32_t lc = rd32(l + 18), lu = rd32(l + 22);
            if (rd32(l + 14) != entry.crc32 || (lc != k32Max && lc != entry.compressed_size) ||
                (lu != k32Max && lu != entry.uncompressed_size))
                fail("local header and central directory disagree on the CRC or sizes", entry.name);
        }
        entry.data_offset = lho + kLocalSize + local_name_len + local_extra_len;
        if (!fits(entry.data_offset, entry.compressed_size, cd_offset))
            fail("entry data runs past the end of the data area (truncated or inconsistent)", entry.name);
        ranges.push_back({lho, entry.data_offset + entry.compressed_size, entries_.size()});
        entries_.push_back(std::move(entry));
        pos += record;
    }

    // Entries sharing bytes are the overlapping-file zip bomb (one DEFLATE
    // stream counted many times), or an attempt to hide data.
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i].begin < ranges[i - 1].end)
            throw LimitError("entries \"" + entries_[ranges[i - 1].index].name + "\" and \"" +
                                 entries_[ranges[i].index].name +
                                 "\" overlap in the archive (overlapping-entry zip bomb)",
                             Location{file_, entries_[ranges[i].index].name});
    }
}

const Entry* Archive::find(std::string_view name) const {
    for (const Entry& e : entries_)
        if (e.name == name) return &e;
    const std::string lower = ascii_lower(name);
    for (const Entry& e : entries_)
        if (e.name.size() == name.size() && ascii_lower(e.name) == lower) return &e;
    return nullptr;
}

std::string Archive::read(std::string_view name) {
    const Entry* e = find(name);
    if (!e) throw ParseError("missing part", Location{file_, std::string(name)});
    return read(*e);
}

EntryStream Archive::open(std::string_view name) {
    const Entry* e = find(name);
    if (!e) throw ParseError("missing part", Location{file_, std::string(name)});
    return open(*e);
}

struct EntryStream::State {
    Archive* archive = nullptr;
    Entry entry;
    Location where;
    std::string_view packed;
    std::uint64_t allowed = 0;  // the smallest limit, fixed at open
    std::uint64_t total_room = 0;
    std::uint64_t cap = 0;      // one byte more than allowed or declared: reaching it is an error
    std::uint64_t produced = 0;
    std::size_t in_pos = 0;
    std::uint32_t crc = 0;
    bool done = false;                 // the end was reached and checked
    std::unique_ptr<InflateStream> z;  // deflated entries only

    // Which limit a size breaks, for the message.
    [[noreturn]] void over_limit(std::uint64_t n, const std::string& prefix) const {
        const Limits& limits = archive->limits_;
        std::string what;
        if (n > limits.max_entry_bytes)
            what = "over the per-entry limit of " + size_text(limits.max_entry_bytes) + " (limit.max_entry_bytes)";
        else if (n > total_room)
            what = "over the total inflated-size limit of " + size_text(limits.max_total_bytes) +
                   " (limit.max_total_bytes)";
        else
            what = "over the inflate ratio limit of " + std::to_string(limits.max_ratio) + ":1 for " +
                   std::to_string(packed.size()) + " compressed bytes (limit.max_ratio)";
        throw LimitError(prefix + ", " + what, where);
    }

    // Counts bytes handed out; the archive's total is kept as they come, so
    // streams open at the same time share the total limit.
    void account(std::size_t got) {
        produced += got;
        archive->total_inflated_ += got;
        if (produced >= cap) {
            if (produced > allowed)
                over_limit(produced, "entry inflates to more than " + std::to_string(allowed) + " bytes (stopped there)");
            throw ParseError("entry inflates past its declared size of " + std::to_string(entry.uncompressed_size) +
                                 " bytes",
                             where);
        }
        if (archive->total_inflated_ > archive->limits_.max_total_bytes)
            throw LimitError("entry inflates past the total inflated-size limit of " +
                                 size_text(archive->limits_.max_total_bytes) + " (limit.max_total_bytes)",
                             where);
    }

    // At the end of the data: the size and the CRC-32 must be what the directory says.
    void finish() {
        if (produced != entry.uncompressed_size)
            throw ParseError("entry inflated to " + std::to_string(produced) + " bytes, but declares " +
                                 std::to_string(entry.uncompressed_size),
                             where);
        if (crc != entry.crc32) throw ParseError("CRC-32 mismatch: the entry is corrupt", where);
        done = true;
    }

    std::size_t read_stored(char* buf, std::size_t n) {
        const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(n, packed.size() - in_pos));
        std::memcpy(buf, packed.data() + in_pos, take);
        in_pos += take;
        crc = crc32_of(std::string_view(buf, take), crc);
        account(take);
        if (in_pos == packed.size()) finish();
        return take;
    }

    std::size_t read_deflated(char* buf, std::size_t n) {
        z_stream& zs = z->zs;
        constexpr std::size_t kMaxChunk = 1u << 30;  // zlib counts in uInt
        for (;;) {
            if (zs.avail_in == 0 && in_pos < packed.size()) {
                const std::size_t k = std::min(kMaxChunk, packed.size() - in_pos);
                zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data() + in_pos));
                zs.avail_in = static_cast<uInt>(k);
                in_pos += k;
            }
            // Never past the cap: a bomb is stopped as soon as it passes a limit.
            const auto room = static_cast<std::size_t>(std::min<std::uint64_t>({n, cap - produced, kMaxChunk}));
            zs.next_out = reinterpret_cast<Bytef*>(buf);
            zs.avail_out = static_cast<uInt>(room);
            const uInt in_before = zs.avail_in;
            const int ret = inflate(&zs, Z_NO_FLUSH);
            const std::size_t got = room - zs.avail_out;
            crc = crc32_of(std::string_view(buf, got), crc);
            account(got);
            if (ret == Z_STREAM_END) {
                finish();
                return got;
            }
            if (ret == Z_MEM_ERROR) throw std::bad_alloc();
            if (ret != Z_OK && ret != Z_BUF_ERROR)
                throw ParseError(std::string("corrupt deflate data") + (zs.msg ? std::string(": ") + zs.msg : ""),
                                 where);
            if (got > 0) return got;
            if (zs.avail_in == 0 && in_pos >= packed.size()) throw ParseError("deflate data is truncated", where);
            // zlib always progresses with input and room left; never spin if it does not.
            if (zs.avail_in == in_before && zs.avail_in > 0) throw ParseError("corrupt deflate data", where);
        }
    }

    std::exception_ptr error;  // a failed stream keeps failing

    // Small reads (libxml2 asks for 4,000 bytes) are served from a buffer
    // inflated in larger steps: zlib's fast path needs room, and each call
    // copies what it produced into its window.
    static constexpr std::size_t kBuffer = 64 * 1024;
    std::unique_ptr<char[]> buffer;
    std::size_t buf_pos = 0, buf_len = 0;
};

EntryStream Archive::open(const Entry& e) {
    const Location where{file_, e.name};
    if (!fits(e.data_offset, e.compressed_size, data_.size()))
        throw ParseError("entry data lies outside the archive", where);
    auto st = std::make_unique<EntryStream::State>();
    st->archive = this;
    st->entry = e;
    st->where = where;
    st->packed = data_.substr(e.data_offset, e.compressed_size);
    const std::uint64_t declared = e.uncompressed_size;
    st->total_room = limits_.max_total_bytes > total_inflated_ ? limits_.max_total_bytes - total_inflated_ : 0;
    const std::uint64_t ratio_room =
        std::max(limits_.ratio_threshold_bytes, mul_sat(st->packed.size(), limits_.max_ratio));
    st->allowed = std::min({limits_.max_entry_bytes, st->total_room, ratio_room});
    // Headers are only trusted to refuse early, never to allow.
    if (declared > st->allowed) st->over_limit(declared, "entry declares " + std::to_string(declared) + " bytes");

    if (e.method == kMethodStored) {
        if (st->packed.size() != declared) throw ParseError("stored entry's sizes disagree", where);
    } else if (e.method == kMethodDeflated) {
        // DEFLATE cannot expand more than 1032:1 (a 258-byte match in 2 bits),
        // so a larger declared size is a lie.
        if (declared > mul_sat(st->packed.size(), 1032) + 1024)
            throw ParseError("entry declares " + std::to_string(declared) + " bytes, more than its " +
                                 std::to_string(st->packed.size()) + " bytes of deflate data can hold",
                             where);
        st->z = std::make_unique<InflateStream>();
    } else {
        throw ParseError("unsupported compression method " + std::to_string(e.method), where);
    }
    st->cap = std::min(st->allowed, declared) + 1;
    return EntryStream(std::move(st));
}

EntryStream::EntryStream(std::unique_ptr<State> state) : s_(std::move(state)) {}
EntryStream::EntryStream(EntryStream&&) noexcept = default;
EntryStream& EntryStream::operator=(EntryStream&&) noexcept = default;
EntryStream::~EntryStream() = default;

std::size_t EntryStream::read(char* buf, std::size_t n) {
    State& s = *s_;
    if (s.error) std::rethrow_exception(s.error);
    if (n == 0) return 0;
    if (s.buf_pos < s.buf_len) {
        const std::size_t k = std::min(n, s.buf_len - s.buf_pos);
        std::memcpy(buf, s.buffer.get() + s.buf_pos, k);
        s.buf_pos += k;
        return k;
    }
    if (s.done) return 0;
    try {
        if (!s.z) return s.read_stored(buf, n);
        if (n >= State::kBuffer) return s.read_deflated(buf, n);
        if (!s.buffer) s.buffer = std::make_unique<char[]>(State::kBuffer);
        s.buf_len = s.read_deflated(s.buffer.get(), State::kBuffer);
        const std::size_t k = std::min(n, s.buf_len);
        std::memcpy(buf, s.buffer.get(), k);
        s.buf_pos = k;
        return k;
    } catch (...) {
        s.error = std::current_exception();
        s.z.reset();  // the inflate state is no longer needed
        throw;
    }
}

bool EntryStream::finished() const { return s_->done && s_->buf_pos == s_->buf_len; }
std::uint64_t EntryStream::produced() const { return s_->produced; }
const Entry& EntryStream::entry() const { return s_->entry; }

std::string Archive::read(const Entry& e) {
    EntryStream s = open(e);
    // The declared size bounds the buffer (it was checked against the limits
    // and against what the compressed size can hold); the stream stops one
    // byte past it.
    std::string out(static_cast<std::size_t>(s.s_->cap), '\0');
    std::size_t produced = 0;
    for (;;) {
        // Output in small steps: the CRC is computed while the bytes are in cache.
        constexpr std::size_t kStep = 256 * 1024;
        const std::size_t got = s.read(out.data() + produced, std::min(kStep, out.size() - produced));
        if (got == 0) break;
        produced += got;
    }
    out.resize(produced);
    return out;
}

}  // namespace copydesk::zip
