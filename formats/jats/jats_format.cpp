// Registration of the JATS format.
#include "builtin.hpp"
#include "jats/jats.hpp"

namespace copydesk::jats {

// XML whose root element is <article>: skips the BOM, the declaration,
// comments, processing instructions and a DOCTYPE (with its internal subset).
int sniff(std::string_view d) {
    std::string_view head = d.substr(0, 8192);
    std::size_t i = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < head.size()) {
        while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
        if (head.substr(i, 4) == "<!--") {
            std::size_t end = head.find("-->", i + 4);
            if (end == std::string_view::npos) return 0;
            i = end + 3;
        } else if (head.substr(i, 2) == "<?" || head.substr(i, 2) == "<!") {
            bool subset = head.substr(i, 9) == "<!DOCTYPE" && head.find('[', i) < head.find('>', i);
            std::size_t end = subset ? head.find("]>", i) : head.find('>', i);
            if (end == std::string_view::npos) return 0;
            i = end + (subset ? 2 : 1);
        } else {
            if (head.substr(i, 8) != "<article" || i + 8 >= head.size()) return 0;
            char c = head[i + 8];
            return c == ' ' || c == '>' || c == '\n' || c == '\t' || c == '\r' ? 90 : 0;
        }
    }
    return 0;
}

}  // namespace copydesk::jats

namespace copydesk::detail {

void register_jats(Registry& r) {
    Format f;
    f.name = "jats";
    f.extensions = {"jats", "xml"};
    f.mime = "application/jats+xml";
    f.description = "JATS XML (NISO Z39.96 Journal Article Tag Suite), Archiving or Publishing 1.3/1.4";
    f.binary = false;
    f.reader = jats::read;
    f.writer = jats::write;
    f.sniff = jats::sniff;
    f.reader_options = {
        {"recover", "false", "read XML that is not quite well-formed (a redefined attribute, an undeclared prefix, "
                             "a wrong encoding label) as libxml2's recovery mode can, one xml.recovered warning "
                             "per repair"},
    };
    f.writer_options = {
        {"tag-set", "archiving", "archiving (Journal Archiving and Interchange) or publishing (Journal Publishing)"},
        {"dtd-version", "1.3", "JATS version of the DOCTYPE and @dtd-version: 1.3 or 1.4"},
        {"article-type", "by content", "@article-type; default news, or research-article when there are references"},
    };
    r.add(std::move(f));
}

}  // namespace copydesk::detail
