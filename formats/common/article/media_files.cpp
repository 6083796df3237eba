// Images beside an output page, and data: URIs.
#include "common/article/media_files.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>

#include "base64.hpp"
#include "common/uri.hpp"
#include "copydesk/errors.hpp"

namespace copydesk::article {

std::string MediaFiles::add(const Resource& r) {
    namespace fs = std::filesystem;
    if (auto it = hrefs_.find(r.name); it != hrefs_.end()) return it->second;
    fs::path page(page_);
    std::string dir = page.stem().string() + "_files";
    std::string base = r.name.substr(r.name.rfind('/') == std::string::npos ? 0 : r.name.rfind('/') + 1);
    std::string safe;
    for (char c : base)
        safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
    if (safe.empty() || safe[0] == '.') safe = "image" + safe;
    std::string name = safe;
    for (int n = 2; !names_.insert(name).second; ++n) name = std::to_string(n) + "-" + safe;
    fs::path folder = page.parent_path() / dir;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw IoError("cannot create the image folder: " + ec.message(), Location{folder.string()});
    std::ofstream out(folder / name, std::ios::binary | std::ios::trunc);
    out.write(r.data.data(), static_cast<std::streamsize>(r.data.size()));
    out.close();
    if (!out) throw IoError("cannot write an image beside the page", Location{(folder / name).string()});
    std::string href = uri_escape(dir + "/" + name);
    hrefs_.emplace(r.name, href);
    return href;
}

std::string data_uri(std::string_view mime, std::string_view bytes) {
    return "data:" + std::string(mime) + ";base64," + base64::encode(bytes);
}

}  // namespace copydesk::article
