// HTML writer internals: one standalone HTML5 file per article, its body
// written by the shared (X)HTML body writer (formats/common/xhtml).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/article/media_files.hpp"
#include "common/xhtml/body_writer.hpp"
#include "copydesk/options.hpp"
#include "copydesk/registry.hpp"

namespace copydesk::html {

std::string write(const Document&, const WriteContext&);

namespace writer {

using article::Script;

enum class Images { Embed, Files };

struct Settings {
    std::string language = "en";  // BCP 47: <html lang>
    Script script = Script::Latin;
    Images images = Images::Embed;
    std::string path;  // of the output file; Files writes beside it
    bool cjk() const { return script != Script::Latin; }
};

// Settings from the document, the writer options (images) and the output path.
// images=files without a path falls back to embed with a diagnostic.
Settings make_settings(const Document&, const Options&, std::string_view path, DiagnosticSink&);
// The embedded stylesheet: CJK conventions (2em first-line indent for zh/ja),
// no font family forced on any script.
std::string stylesheet(const Settings&);
// schema.org NewsArticle as JSON-LD (headline, dates, people, publisher...),
// safe inside <script>: no "<" appears in it.
std::string json_ld(const Metadata&, std::string_view language);

class BodyWriter : public xhtml::BodyWriter {
public:
    BodyWriter(xml::Writer& out, const Settings&, const Document&, DiagnosticSink&);
    void document(std::string_view title);  // <!DOCTYPE html> to </html>
    // The endnote section: an ordered list of the notes, each with a link
    // back to its reference mark.
    void notes() override;

private:
    std::string image_source(const Resource&) override;
    void note_ref(const PendingNote&, std::size_t num) override;
    void head_element(std::string_view title);

    const Settings& s_;
    std::unordered_map<std::string, std::string> sources_;  // resource name -> src
    std::optional<article::MediaFiles> files_;               // images=files
};

}  // namespace writer
}  // namespace copydesk::html
