// ZIP container over zlib, shared by DOCX and EPUB. Input is untrusted:
// every size is checked while inflating, never trusted from headers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/errors.hpp"
#include "copydesk/options.hpp"

namespace copydesk::zip {

struct Entry {
    std::string name;             // UTF-8 (CP437 names converted)
    std::uint16_t method = 0;     // 0 stored, 8 deflated
    std::uint32_t crc32 = 0;
    std::uint64_t compressed_size = 0;
    std::uint64_t uncompressed_size = 0;  // as declared; checked while inflating
    std::uint64_t local_header_offset = 0;
    std::uint64_t data_offset = 0;        // start of the entry's data
    bool is_directory = false;
};

class Archive;

// One entry's data as a stream, from Archive::open. Every check of
// Archive::read is made as the bytes are inflated: the limits while
// inflating (nothing is produced past the cap), the size and the CRC-32 when
// the end is reached, so only a stream read to its end (read() returned 0)
// was verified.
// The Archive must outlive its streams; several may be open at once.
class EntryStream {
public:
    EntryStream(EntryStream&&) noexcept;
    EntryStream& operator=(EntryStream&&) noexcept;
    ~EntryStream();

    // Copies up to n bytes into buf and returns how many (> 0 while data
    // remains and n > 0); 0 at the end, once the size and CRC-32 matched.
    // Throws what Archive::read throws: LimitError past a limit, ParseError
    // for corrupt or truncated data, a size or CRC-32 mismatch.
    std::size_t read(char* buf, std::size_t n);
    bool finished() const;  // all handed out, size and CRC-32 checked
    // Bytes inflated so far, what the limits are checked on. Small reads are
    // served from a 64 KiB buffer, so up to that much more than was handed
    // out, and an error (a limit, the CRC-32) may come that much early.
    std::uint64_t produced() const;
    const Entry& entry() const;

private:
    friend class Archive;
    struct State;
    explicit EntryStream(std::unique_ptr<State> state);
    std::unique_ptr<State> s_;
};

// A read-only view of an archive held in memory (the caller keeps `data` alive).
class Archive {
public:
    // Parses the end-of-central-directory record (ZIP64 included) and the
    // central directory; rejects unsafe or duplicate names, overlapping
    // entries, encrypted entries and inconsistent headers with typed errors
    // (ParseError, LimitError, EncryptedError) whose location names `file`.
    Archive(std::string_view data, const Limits& limits, std::string file = {});

    const std::vector<Entry>& entries() const { return entries_; }
    // Exact name first, then ASCII case-insensitive (OOXML part names are).
    const Entry* find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name) != nullptr; }

    // Inflates one entry, checking CRC-32, the per-entry, total and ratio limits.
    std::string read(const Entry& e);
    // Throws ParseError naming the part if it is missing.
    std::string read(std::string_view name);
    // The same checks, streamed: nothing is inflated before the stream's
    // read(). Declared sizes over a limit are refused here, as by read().
    EntryStream open(const Entry& e);
    EntryStream open(std::string_view name);  // ParseError if missing

    const std::string& file() const { return file_; }

private:
    friend class EntryStream;
    std::string_view data_;
    Limits limits_;
    std::string file_;
    std::vector<Entry> entries_;
    std::uint64_t total_inflated_ = 0;
};

// True for an OLE2 compound file (D0 CF 11 E0 ...): what a password-protected
// .docx really is.
bool is_ole_compound(std::string_view data);
// True if the data starts like a ZIP archive (local header or empty archive).
bool is_zip(std::string_view data);

struct WriterOptions {
    int level = 6;             // deflate level 0..9 (0 stores; the zlib scale, run by libdeflate)
    bool deterministic = true; // fixed timestamp (1980-01-01), entries in add order
};

// Builds an archive in memory. ZIP64 records are written only when needed.
class Writer {
public:
    explicit Writer(WriterOptions options = {});
    ~Writer();
    Writer(Writer&&) noexcept;
    Writer& operator=(Writer&&) noexcept;
    // `compress` false stores the entry (EPUB's mimetype must be first and stored).
    // Names must be safe (see Archive) and UTF-8; a bad name throws UsageError.
    // Data that deflate would not shrink is stored.
    void add(std::string_view name, std::string_view data, bool compress = true);
    // The same with this entry's own zlib level (0 stores it).
    void add(std::string_view name, std::string_view data, bool compress, int level);
    // Adds raw DEFLATE data (no zlib header) as it is, e.g. to copy an entry
    // from another archive without recompressing it.
    void add_deflated(std::string_view name, std::string_view deflated, std::uint32_t crc32,
                      std::uint64_t uncompressed_size);
    // The archive; duplicate names (ASCII case-insensitive) throw UsageError here.
    // The writer is empty afterwards.
    std::string finish();

private:
    struct Central;
    struct Compressors;
    std::size_t begin_entry(std::string_view name, std::uint16_t method, bool zip64_local);
    void end_entry(std::size_t header, std::string_view name, std::uint16_t method, std::uint32_t crc,
                   std::uint64_t compressed, std::uint64_t uncompressed);
    WriterOptions options_;
    std::uint16_t dos_time_ = 0;
    std::uint16_t dos_date_ = 0;
    std::string out_;
    std::vector<Entry> written_;
    std::unique_ptr<Compressors> compressors_;
};

}  // namespace copydesk::zip
