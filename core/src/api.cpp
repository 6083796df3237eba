// The top-level read/write functions over the registry.
#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <optional>

#include "binary_kind.hpp"
#include "copydesk/copydesk.hpp"

namespace copydesk {

namespace {

// What an input the sniffers left to plain text really is: its description,
// and the format that reads it (nullptr: none). Reading such input as plain
// text would only produce garbage.
struct Kind {
    const char* what;
    const char* reader = nullptr;
};

std::optional<Kind> recognised_kind(std::string_view d) {
    auto starts = [&](std::string_view magic) { return d.substr(0, magic.size()) == magic; };
    std::string_view head = d.substr(0, 4096);
    // ZIP containers the sniffers missed (a long first entry, say); other
    // ZIPs and binary files are refused by detail::binary_signature.
    if (starts(std::string_view("PK\x03\x04", 4))) {
        if (head.find("application/epub+zip") != std::string_view::npos)
            return Kind{"an EPUB (ZIP with mimetype application/epub+zip)", "epub"};
        if (head.find("word/") != std::string_view::npos) return Kind{"a DOCX (ZIP with word/)", "docx"};
        return std::nullopt;
    }
    if (starts("{\rtf")) return Kind{"an RTF file"};
    // XML whose root element is <article>: JATS.
    std::size_t i = starts("\xEF\xBB\xBF") ? 3 : 0;
    while (i < head.size()) {
        while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
        if (head.substr(i, 2) == "<?" || head.substr(i, 2) == "<!") {
            // declaration, processing instruction, comment or DOCTYPE: skip past '>'
            // (a DOCTYPE with an internal subset is skipped to its closing "]>").
            bool subset = head.substr(i, 9) == "<!DOCTYPE" && head.find('[', i) < head.find('>', i);
            std::size_t end = subset ? head.find("]>", i) : head.find('>', i);
            if (end == std::string_view::npos) return std::nullopt;
            i = end + (subset ? 2 : 1);
            continue;
        }
        if (head.substr(i, 8) == "<article" && i + 8 < head.size() &&
            (head[i + 8] == ' ' || head[i + 8] == '>' || head[i + 8] == '\n' || head[i + 8] == '\t' || head[i + 8] == '\r'))
            return Kind{"JATS XML (root element <article>)", "jats"};
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::shared_ptr<const Format> detect_format(std::string_view data, std::string_view path) {
    auto& reg = Registry::global();
    if (!path.empty())
        if (auto f = reg.by_extension(path); f && f->can_read()) return f;
    auto f = reg.sniff(data);
    if (!f) throw UnsupportedFormatError("cannot tell the format of the input", Location{std::string(path)});
    if (f->name != "plain") return f;
    if (auto kind = recognised_kind(data)) {
        // Missed by the sniffers (a long prologue, say): to its reader when this build has one.
        if (kind->reader)
            if (auto reader = reg.find(kind->reader); reader && reader->can_read()) return reader;
        throw UnsupportedFormatError(fmt::format("the input is {}, which this build cannot read; name a format "
                                                 "with --from to read it anyway",
                                                 kind->what),
                                     Location{std::string(path)});
    }
    // Binary files the sniffers left to plain text: the plain reader would refuse them too.
    if (auto binary = detail::binary_signature(data)) detail::throw_not_text(*binary, path);
    return f;
}

Document read(std::string_view data, std::string_view format, const Options& options, std::string_view path) {
    auto f = format.empty() ? detect_format(data, path) : Registry::global().get(format);
    if (!f->can_read()) throw UnsupportedFormatError(fmt::format("format '{}' cannot be read", f->name));
    ReadContext ctx{std::string(path), options, Limits::from(options)};
    if (data.size() > ctx.limits.max_input_bytes)
        throw LimitError(fmt::format("input is {} bytes, over the limit of {}", data.size(),
                                     ctx.limits.max_input_bytes),
                         Location{std::string(path)});
    try {
        return f->reader(data, ctx);
    } catch (Error& e) {
        e.set_file(std::string(path));
        throw;
    } catch (const std::bad_alloc&) {
        throw LimitError("out of memory while reading", Location{std::string(path)});
    }
}

std::string write(const Document& doc, std::string_view format, const Options& options, Diagnostics* diagnostics,
                  std::string_view path) {
    auto f = Registry::global().get(format);
    if (!f->can_write()) throw UnsupportedFormatError(fmt::format("format '{}' cannot be written", f->name));
    Diagnostics local;
    WriteContext ctx{std::string(path), options, diagnostics ? *diagnostics : local};
    return f->writer(doc, ctx);
}

namespace {
std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot open file for reading", Location{path.string()});
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw IoError("error while reading file", Location{path.string()});
    return data;
}
}  // namespace

Document read_file(const std::filesystem::path& path, std::string_view format, const Options& options) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw IoError("is a directory", Location{path.string()});
    std::string data = slurp(path);
    return read(data, format, options, path.string());
}

Diagnostics write_file(const Document& doc, const std::filesystem::path& path, std::string_view format,
                       const Options& options) {
    std::shared_ptr<const Format> f;
    if (!format.empty()) f = Registry::global().get(format);
    else f = Registry::global().by_extension(path.string());
    if (!f)
        throw UnsupportedFormatError("cannot tell the output format from the file name; name one",
                                     Location{path.string()});
    Diagnostics diags;
    std::string bytes = write(doc, f->name, options, &diags, path.string());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError("cannot open file for writing", Location{path.string()});
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw IoError("error while writing file", Location{path.string()});
    return diags;
}

}  // namespace copydesk
