// Images written as files beside an output page (html and markdown writers'
// images=files): page.html -> page_files/<name>, linked relatively.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "copydesk/ast.hpp"

namespace copydesk::article {

class MediaFiles {
public:
    explicit MediaFiles(std::string page_path) : page_(std::move(page_path)) {}
    // Writes the resource once (ASCII-safe, unique name) and returns its
    // relative, URI-escaped href. Throws IoError when it cannot be written.
    std::string add(const Resource&);

private:
    std::string page_;
    std::unordered_map<std::string, std::string> hrefs_;  // resource name -> href
    std::unordered_set<std::string> names_;
};

// "data:<mime>;base64,..."
std::string data_uri(std::string_view mime, std::string_view bytes);

}  // namespace copydesk::article
