// EPUB 3 reader and writer (private to the library).
#pragma once

#include "copydesk/registry.hpp"

namespace copydesk::epub {

Document read(std::string_view data, const ReadContext& ctx);      // epub_reader*.cpp
std::string write(const Document& doc, const WriteContext& ctx);   // epub_writer*.cpp

// Namespace URIs of the EPUB parts.
namespace ns {
inline constexpr std::string_view xhtml = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view ops = "http://www.idpf.org/2007/ops";  // epub:type
inline constexpr std::string_view svg = "http://www.w3.org/2000/svg";
inline constexpr std::string_view opf = "http://www.idpf.org/2007/opf";
inline constexpr std::string_view dc = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view container = "urn:oasis:names:tc:opendocument:xmlns:container";
// The prefix of copydesk's own package metadata (<meta property="copydesk:section">).
inline constexpr std::string_view copydesk = "https://copydesk.dev/epub#";
}  // namespace ns

// MARC relator codes of the newspaper roles (aut, rpt, crp, edt, pht, trl, pfr, oth).
std::string_view relator_for(Role);
std::optional<Role> role_for_relator(std::string_view code);

}  // namespace copydesk::epub
