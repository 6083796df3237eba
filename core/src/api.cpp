// The top-level read/write functions over the registry.
#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "copydesk/copydesk.hpp"

namespace copydesk {

std::shared_ptr<const Format> detect_format(std::string_view data, std::string_view path) {
    auto& reg = Registry::global();
    if (!path.empty())
        if (auto f = reg.by_extension(path); f && f->can_read()) return f;
    auto f = reg.sniff(data);
    if (!f) throw UnsupportedFormatError("cannot tell the format of the input", Location{std::string(path)});
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

std::string write(const Document& doc, std::string_view format, const Options& options, Diagnostics* diagnostics) {
    auto f = Registry::global().get(format);
    if (!f->can_write()) throw UnsupportedFormatError(fmt::format("format '{}' cannot be written", f->name));
    Diagnostics local;
    WriteContext ctx{{}, options, diagnostics ? *diagnostics : local};
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
    std::string bytes = write(doc, f->name, options, &diags);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError("cannot open file for writing", Location{path.string()});
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw IoError("error while writing file", Location{path.string()});
    return diags;
}

}  // namespace copydesk
