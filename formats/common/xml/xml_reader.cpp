// xml::Reader over libxml2's xmlTextReader. Safety comes from the parse
// options (no network, no entity substitution, no DTD loading or validation,
// no XML_PARSE_HUGE), a deny external entity loader, and the DOCTYPE check.
#include "common/xml/xml.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <mutex>
#include <tuple>
#include <utility>
#include <vector>

namespace copydesk::xml {

namespace {

// Nonzero while this thread is inside one of our reader calls.
thread_local int t_active_readers = 0;

xmlExternalEntityLoader g_previous_loader = nullptr;

// The loader is process-global in libxml2. Our parses get nothing; other
// libxml2 users in the process keep the loader they had before.
xmlParserInputPtr deny_external_entities(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
    if (t_active_readers > 0 || g_previous_loader == nullptr) return nullptr;
    return g_previous_loader(url, id, ctxt);
}

void init_libxml2_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        g_previous_loader = xmlGetExternalEntityLoader();
        xmlSetExternalEntityLoader(deny_external_entities);
    });
}

// Libxml2 reports a few errors (encoding conversion) without a parser
// context, through the thread's global handler; while we parse, they are
// routed to the reader instead of stderr.
struct ThreadErrorCapture;
thread_local ThreadErrorCapture* t_capture = nullptr;

struct ThreadErrorCapture {
    std::string message;
    bool seen = false;
};

// What this thread had before we installed global_error_sink.
thread_local xmlStructuredErrorFunc t_previous_handler = nullptr;
thread_local void* t_previous_context = nullptr;

void global_error_sink(void* /*ctx*/, xmlErrorPtr err) {
    if (t_capture != nullptr) {
        if (!t_capture->seen && err != nullptr && err->level >= XML_ERR_ERROR) {
            t_capture->seen = true;
            t_capture->message = err->message != nullptr ? err->message : "";
        }
        return;
    }
    // Not one of our parses: behave as before we were installed.
    if (t_previous_handler != nullptr) {
        t_previous_handler(t_previous_context, err);
    } else if (err != nullptr && err->message != nullptr) {
        xmlGenericError(xmlGenericErrorContext, "%s", err->message);
    }
}

// Options: no XML_PARSE_NOENT, no DTDLOAD/DTDATTR/DTDVALID, no HUGE.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;

int parse_options(const ReaderOptions& o) { return kParseOptions | (o.recover ? XML_PARSE_RECOVER : 0); }

// Libxml2 messages end in a newline and sometimes hold more than one line.
std::string clean_message(const char* m) {
    std::string s = m != nullptr ? m : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    for (std::size_t i = 0; (i = s.find('\n', i)) != std::string::npos;) s.replace(i, 1, "; ");
    return s.empty() ? std::string("malformed XML") : s;
}

std::string_view sv(const xmlChar* s) {
    return s != nullptr ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

// Recovery mode: an undeclared prefix leaves a name such as "xlink:href" in
// no namespace. The usual prefixes of the namespaces our readers look for are
// taken as those namespaces (JATS files that forget xmlns:xlink, say).
constexpr std::pair<std::string_view, std::string_view> kUsualPrefixes[] = {
    {"xlink", ns::xlink},
    {"mml", ns::mathml},
    {"ali", "http://www.niso.org/schemas/ali/1.0/"},
    {"epub", "http://www.idpf.org/2007/ops"},
};

// The namespace URI and local part of an unbound prefixed name; empty URI if none.
std::pair<std::string_view, std::string_view> usual_namespace(std::string_view qname) {
    const std::size_t colon = qname.find(':');
    if (colon == std::string_view::npos) return {};
    for (const auto& [prefix, uri] : kUsualPrefixes)
        if (qname.substr(0, colon) == prefix) return {uri, qname.substr(colon + 1)};
    return {};
}

}  // namespace

struct Reader::Impl {
    std::string data;  // owned copy: the reader pulls from it lazily
    Source source;     // or the pull source
    std::exception_ptr source_error;  // what the source threw, rethrown to the caller
    Location where;
    ReaderOptions options;
    xmlTextReaderPtr reader = nullptr;
    xmlDocPtr doc = nullptr;  // recovery mode: the tree the reader walks
    xmlNodePtr node = nullptr;  // current element or text node
    NodeType type = NodeType::Text;
    bool pending_end = false;  // an empty element's synthesized EndElement is next
    bool done = false;
    int depth = 0;
    std::size_t dropped_entities = 0;
    bool has_dtd = false;
    // Namespaces declared on the root element live as long as the parse, so
    // their URIs are measured once; ns() is asked several times a node.
    std::vector<std::pair<const xmlNs*, std::string_view>> root_ns;
    const xmlNs* last_ns = nullptr;  // always one of root_ns
    std::string_view last_ns_uri;

    // First error libxml2 reported: fatal errors end the parse; namespace
    // errors (undeclared prefix) would silently change names, so they fail too.
    bool failed = false;
    bool limit = false;
    std::size_t repairs = 0;  // errors recovery mode read past
    bool doctype_seen = false;
    std::string message;
    int err_line = 0;
    int err_column = 0;

    ThreadErrorCapture global_errors;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (reader != nullptr) xmlFreeTextReader(reader);
        if (doc != nullptr) xmlFreeDoc(doc);
    }

    // libxml2's input callback: C code, so no exception may pass through it.
    static int io_read(void* ctx, char* buf, int len) {
        auto* self = static_cast<Impl*>(ctx);
        if (self->source_error) return -1;
        if (len <= 0) return 0;
        try {
            const std::size_t got = self->source(buf, static_cast<std::size_t>(len));
            if (got > static_cast<std::size_t>(len)) throw ParseError("XML source overran its buffer", self->where);
            return static_cast<int>(got);
        } catch (...) {
            self->source_error = std::current_exception();
            return -1;
        }
    }

    [[noreturn]] void rethrow_source_error() {
        done = true;
        std::rethrow_exception(source_error);
    }

    static void on_error(void* arg, xmlErrorPtr err) {
        auto* self = static_cast<Impl*>(arg);
        if (err == nullptr || self->failed) return;
        // Undeclared entities (allowed when an unread external DTD might
        // declare them) vanish from attribute values without a trace but this.
        if (err->code == XML_WAR_UNDECLARED_ENTITY) ++self->dropped_entities;
        // The parser runs ahead of the nodes we see: an error inside a DTD
        // can come before the DOCTYPE node. Report the DOCTYPE, not its contents.
        if (!self->options.allow_doctype && err->ctxt != nullptr &&
            (err->domain == XML_FROM_PARSER || err->domain == XML_FROM_NAMESPACE)) {
            auto* ctxt = static_cast<xmlParserCtxtPtr>(err->ctxt);
            if (ctxt->myDoc != nullptr && ctxt->myDoc->intSubset != nullptr) self->doctype_seen = true;
        }
        bool fatal = err->level == XML_ERR_FATAL ||
                     (err->level == XML_ERR_ERROR && err->domain == XML_FROM_NAMESPACE);
        if (!fatal) return;  // the same errors count in recovery mode: there they are repairs
        std::string message = clean_message(err->message);
        // Libxml2's own limits without XML_PARSE_HUGE: nesting depth, entity amplification.
        const bool too_deep = err->code == XML_ERR_INTERNAL_ERROR && message.rfind("Excessive depth", 0) == 0;
        const bool limit = err->code == XML_ERR_ENTITY_LOOP || too_deep ||
                           message.find("amplification") != std::string::npos;
        if (self->options.recover && !limit) {
            if (err->code == XML_NS_ERR_UNDEFINED_NAMESPACE && err->str1 != nullptr &&
                !usual_namespace(std::string(sv(reinterpret_cast<const xmlChar*>(err->str1))) + ":x").first.empty())
                message += "; read in the usual namespace of that prefix";
            self->repaired(std::move(message), err->line);
            return;
        }
        self->failed = true;
        self->limit = limit;
        self->message = std::move(message);
        self->err_line = err->line;
        self->err_column = err->int2;
        // libxml2 suggests XML_PARSE_HUGE, which is ours to refuse, not the user's to set.
        if (too_deep) self->message = "XML nesting deeper than libxml2's limit of 256 levels";
    }

    // Recovery mode: one warning per repaired error.
    void repaired(std::string what, int line) {
        ++repairs;
        if (options.repairs == nullptr) return;
        Location loc = where;
        loc.line = line;
        options.repairs->warn("xml.recovered", "not well-formed, read on in recovery mode: " + what, loc);
    }

    [[noreturn]] void throw_doctype(int line) {
        done = true;
        Location loc = where;
        loc.line = line;
        throw ParseError("DOCTYPE not allowed in " + part_name(), loc);
    }

    [[noreturn]] void throw_error() {
        if (doctype_seen) throw_doctype(err_line);
        Location loc = where;
        loc.line = err_line;
        loc.column = err_column;
        std::string m = message.empty() ? std::string("malformed XML") : message;
        if (limit) throw LimitError(m, loc);
        throw ParseError(m, loc);
    }

    // xmlTextReaderRead with our thread-local guards in place.
    int raw_read() {
        Guard g(*this);
        return xmlTextReaderRead(reader);
    }

    // Our thread-local guards, for as long as libxml2 runs for us.
    struct Guard {
        ThreadErrorCapture* prev_capture;
        explicit Guard(Impl& m) : prev_capture(t_capture) {
            ++t_active_readers;
            t_capture = &m.global_errors;
        }
        ~Guard() {
            t_capture = prev_capture;
            --t_active_readers;
        }
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
    };

    // Declared entities can only exist with an internal DTD subset; their
    // references in attribute values are counted once, here.
    void count_attribute_entities() {
        for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
            for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
                if (c->type == XML_ENTITY_REF_NODE) ++dropped_entities;
            }
        }
    }

    std::string_view uri_of(const xmlNs* ns) {
        if (ns == last_ns) return last_ns_uri;
        for (const auto& [decl, uri] : root_ns)
            if (decl == ns) {
                last_ns = decl;
                last_ns_uri = uri;
                return uri;
            }
        return sv(ns->href);  // declared below the root: may be freed with its element
    }

    // Recovery mode (ReaderOptions::recover), in xml_reader.cpp below.
    void start_recovering();
    const char* recovery_encoding();
    static void recovery_error(void* ctxt, xmlErrorPtr err);

    std::string part_name() const { return where.part.empty() ? where.file : where.part; }
};

namespace {

// Some messages ("xmlParseChunk: encoder error") go straight to the
// generic channel: swallowed during our reads, forwarded otherwise.
thread_local xmlGenericErrorFunc t_previous_generic = nullptr;
thread_local void* t_previous_generic_context = nullptr;

void generic_error_sink(void* /*ctx*/, const char* msg, ...) {
    if (t_capture != nullptr || t_previous_generic == nullptr) return;
    char buf[1024];
    va_list args;
    va_start(args, msg);
    std::vsnprintf(buf, sizeof buf, msg, args);
    va_end(args);
    t_previous_generic(t_previous_generic_context, "%s", buf);
}

// The global structured handler is per thread in libxml2 (swapping it around
// every read costs ~40 ns a node), so it is installed once per thread and
// re-installed if someone replaced it; it captures only during our reads.
void install_thread_error_handler() {
    if (xmlStructuredError != global_error_sink) {
        t_previous_handler = xmlStructuredError;
        t_previous_context = xmlStructuredErrorContext;
        xmlSetStructuredErrorFunc(nullptr, global_error_sink);
    }
    if (xmlGenericError != generic_error_sink) {
        t_previous_generic = xmlGenericError;
        t_previous_generic_context = xmlGenericErrorContext;
        xmlSetGenericErrorFunc(nullptr, generic_error_sink);
    }
}

}  // namespace

// Parser errors of a recovering parse go to the reader that owns it.
void Reader::Impl::recovery_error(void* ctxt, xmlErrorPtr err) {
    on_error(static_cast<xmlParserCtxtPtr>(ctxt)->_private, err);
}

// An XML declaration that says UTF-16 on bytes that are ASCII-compatible
// ('<?xml' in single bytes, perhaps after a UTF-8 BOM) is a wrong label, as
// libxml2 says ("labelled UTF-16 but has UTF-8 content"): read as UTF-8.
const char* Reader::Impl::recovery_encoding() {
    std::string_view d = data;
    if (d.substr(0, 3) == "\xEF\xBB\xBF") d.remove_prefix(3);
    const std::size_t end = d.find("?>");
    if (d.substr(0, 5) != "<?xml" || end == std::string_view::npos || end > 256) return nullptr;
    std::string decl(d.substr(0, end));
    for (char& c : decl) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    const std::size_t enc = decl.find("encoding");
    if (enc == std::string::npos || decl.find("utf-16", enc) == std::string::npos) return nullptr;
    repaired("the declaration says UTF-16 but the bytes are not: read as UTF-8", 1);
    return "UTF-8";
}

// libxml2's text reader stops at the first error even with XML_PARSE_RECOVER
// (it checks wellFormed after every chunk); its tree parser recovers. So a
// recovering parse builds the tree with the same options plus RECOVER and the
// reader walks it (xmlReaderWalker): the same nodes, the same API.
void Reader::Impl::start_recovering() {
    Impl& m = *this;
    Guard g(m);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == nullptr) throw ParseError("cannot start the XML parser", m.where);
    ctxt->_private = &m;
    ctxt->sax->serror = &recovery_error;
    const char* encoding = recovery_encoding();
    m.doc = xmlCtxtReadMemory(ctxt, m.data.data(), static_cast<int>(m.data.size()), nullptr, encoding,
                              parse_options(m.options) | (encoding != nullptr ? XML_PARSE_IGNORE_ENC : 0));
    xmlFreeParserCtxt(ctxt);
    if (m.failed) {
        m.done = true;
        m.throw_error();
    }
    if (m.doc == nullptr || xmlDocGetRootElement(m.doc) == nullptr)
        throw ParseError("not well-formed, and recovery found no root element", m.where);
    m.reader = xmlReaderWalker(m.doc);
    if (m.reader == nullptr) throw ParseError("cannot start the XML parser", m.where);
}

Reader::Reader(std::string_view data, Location where, ReaderOptions options) : impl_(std::make_unique<Impl>()) {
    init_libxml2_once();
    install_thread_error_handler();
    impl_->where = std::move(where);
    impl_->options = options;
    if (data.size() > static_cast<std::size_t>(INT_MAX)) {
        throw LimitError("XML part larger than 2 GiB", impl_->where);
    }
    impl_->data.assign(data);
    if (options.recover) {
        impl_->start_recovering();
        return;
    }
    impl_->reader = xmlReaderForMemory(impl_->data.data(), static_cast<int>(impl_->data.size()), nullptr, nullptr,
                                       parse_options(options));
    if (impl_->reader == nullptr) throw ParseError("cannot start the XML parser", impl_->where);
    xmlTextReaderSetStructuredErrorHandler(impl_->reader, &Impl::on_error, impl_.get());
}

Reader::Reader(Source source, Location where, ReaderOptions options) : impl_(std::make_unique<Impl>()) {
    init_libxml2_once();
    install_thread_error_handler();
    Impl& m = *impl_;
    m.where = std::move(where);
    m.options = options;
    m.source = std::move(source);
    if (!m.source) throw ParseError("no XML source", m.where);
    if (options.recover) {
        // Recovery parses the part whole (below); the source keeps its own limits.
        char buf[16384];
        while (std::size_t got = m.source(buf, sizeof buf)) m.data.append(buf, std::min(got, sizeof buf));
        if (m.data.size() > static_cast<std::size_t>(INT_MAX)) throw LimitError("XML part larger than 2 GiB", m.where);
        m.start_recovering();
        return;
    }
    {
        Impl::Guard g(m);  // the first bytes are read here, for the encoding
        m.reader = xmlReaderForIO(&Impl::io_read, nullptr, &m, nullptr, nullptr, parse_options(options));
    }
    if (m.source_error) m.rethrow_source_error();
    if (m.reader == nullptr) throw ParseError("cannot start the XML parser", m.where);
    xmlTextReaderSetStructuredErrorHandler(m.reader, &Impl::on_error, &m);
}

Reader::~Reader() = default;

bool Reader::next() {
    Impl& m = *impl_;
    if (m.done) return false;
    if (m.pending_end) {
        m.pending_end = false;
        m.type = NodeType::EndElement;
        return true;
    }
    for (;;) {
        int rc = m.raw_read();
        if (m.source_error) m.rethrow_source_error();
        if (rc < 0 && !m.failed && m.options.recover && m.repairs > 0) {
            // Recovery reached an error it cannot read past: what follows is lost, and said so.
            m.done = true;
            m.node = nullptr;
            m.repaired("the rest of the part could not be read", xmlTextReaderGetParserLineNumber(m.reader));
            return false;
        }
        if (rc < 0 || m.failed) {
            m.done = true;
            if (!m.failed && m.global_errors.seen) m.message = clean_message(m.global_errors.message.c_str());
            m.throw_error();
        }
        if (rc == 0) {
            m.done = true;
            m.node = nullptr;
            return false;
        }
        switch (xmlTextReaderNodeType(m.reader)) {
            case XML_READER_TYPE_ELEMENT: {
                m.node = xmlTextReaderCurrentNode(m.reader);
                m.type = NodeType::StartElement;
                m.depth = xmlTextReaderDepth(m.reader);
                if (static_cast<std::size_t>(m.depth) >= m.options.max_depth) {
                    m.done = true;
                    Location loc = m.where;
                    loc.line = line();
                    throw LimitError("XML nesting deeper than " + std::to_string(m.options.max_depth) + " levels",
                                     loc);
                }
                m.pending_end = xmlTextReaderIsEmptyElement(m.reader) == 1;
                if (m.depth == 0 && m.root_ns.empty())
                    for (const xmlNs* d = m.node->nsDef; d != nullptr && m.root_ns.size() < 64; d = d->next)
                        m.root_ns.emplace_back(d, sv(d->href));
                if (m.has_dtd) m.count_attribute_entities();
                return true;
            }
            case XML_READER_TYPE_END_ELEMENT:
                m.node = xmlTextReaderCurrentNode(m.reader);
                m.type = NodeType::EndElement;
                m.depth = xmlTextReaderDepth(m.reader);
                return true;
            case XML_READER_TYPE_TEXT:
            case XML_READER_TYPE_CDATA:
            case XML_READER_TYPE_WHITESPACE:
            case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
                m.node = xmlTextReaderCurrentNode(m.reader);
                m.type = NodeType::Text;
                m.depth = xmlTextReaderDepth(m.reader);
                // Whitespace outside the root is not part of the content.
                if (m.depth == 0) continue;
                return true;
            case XML_READER_TYPE_ENTITY_REFERENCE: {
                // Without entity substitution, non-predefined entities stay
                // references: dropped, and counted so callers can warn
                // (undeclared ones were counted from libxml2's warning).
                const xmlNode* n = xmlTextReaderCurrentNode(m.reader);
                if (n != nullptr && xmlGetDocEntity(n->doc, n->name) != nullptr) ++m.dropped_entities;
                continue;
            }
            case XML_READER_TYPE_DOCUMENT_TYPE:
                if (!m.options.allow_doctype) m.throw_doctype(xmlTextReaderGetParserLineNumber(m.reader));
                m.has_dtd = true;
                continue;
            default:
                continue;  // comments, processing instructions, XML declaration
        }
    }
}

NodeType Reader::type() const { return impl_->type; }

std::string_view Reader::local_name() const {
    const xmlNode* n = impl_->node;
    if (n == nullptr || n->type != XML_ELEMENT_NODE) return {};
    if (n->ns == nullptr && impl_->options.recover)
        if (auto [uri, local] = usual_namespace(sv(n->name)); !uri.empty()) return local;
    return sv(n->name);
}

std::string_view Reader::ns() const {
    const xmlNode* n = impl_->node;
    if (n == nullptr || n->type != XML_ELEMENT_NODE) return {};
    if (n->ns == nullptr) return impl_->options.recover ? usual_namespace(sv(n->name)).first : std::string_view();
    return impl_->uri_of(n->ns);
}

bool Reader::is(std::string_view ns_uri, std::string_view local) const {
    return impl_->type == NodeType::StartElement && local_name() == local && ns() == ns_uri;
}

bool Reader::is_end(std::string_view ns_uri, std::string_view local) const {
    return impl_->type == NodeType::EndElement && local_name() == local && ns() == ns_uri;
}

std::optional<std::string> Reader::attr(std::string_view ns_uri, std::string_view local) const {
    const Impl& m = *impl_;
    if (m.type != NodeType::StartElement || m.node == nullptr) return std::nullopt;
    for (const xmlAttr* a = m.node->properties; a != nullptr; a = a->next) {
        std::string_view name = sv(a->name);
        std::string_view a_ns = a->ns != nullptr ? impl_->uri_of(a->ns) : std::string_view();
        if (a->ns == nullptr && m.options.recover)
            if (auto [uri, rest] = usual_namespace(name); !uri.empty()) std::tie(a_ns, name) = std::pair(uri, rest);
        if (name != local || a_ns != ns_uri) continue;
        // Walk the value ourselves: xmlGetProp would expand entity references
        // recursively (a billion-laughs path when a DOCTYPE is allowed).
        std::string value;
        for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
            if (c->type == XML_TEXT_NODE && c->content != nullptr) value += sv(c->content);
        }
        return value;
    }
    return std::nullopt;
}

std::vector<Reader::Attribute> Reader::attributes() const {
    std::vector<Attribute> out;
    const Impl& m = *impl_;
    if (m.type != NodeType::StartElement || m.node == nullptr) return out;
    for (const xmlAttr* a = m.node->properties; a != nullptr; a = a->next) {
        Attribute at;
        at.local = std::string(sv(a->name));
        if (a->ns != nullptr) at.ns = std::string(impl_->uri_of(a->ns));
        if (a->ns == nullptr && m.options.recover)
            if (auto [uri, rest] = usual_namespace(at.local); !uri.empty()) at = {std::string(uri), std::string(rest), {}};
        // As attr(): text children only, never an entity expansion.
        for (const xmlNode* c = a->children; c != nullptr; c = c->next)
            if (c->type == XML_TEXT_NODE && c->content != nullptr) at.value += sv(c->content);
        out.push_back(std::move(at));
    }
    return out;
}

std::string_view Reader::text() const {
    const Impl& m = *impl_;
    if (m.type != NodeType::Text || m.node == nullptr) return {};
    return sv(m.node->content);
}

int Reader::depth() const { return impl_->depth; }

int Reader::line() const {
    if (impl_->node == nullptr) return 0;
    long l = xmlGetLineNo(impl_->node);
    return l > 0 && l <= INT_MAX ? static_cast<int>(l) : 0;
}

void Reader::skip() {
    if (impl_->type != NodeType::StartElement) return;
    int open = 1;
    while (open > 0 && next()) {
        if (impl_->type == NodeType::StartElement) {
            ++open;
        } else if (impl_->type == NodeType::EndElement) {
            --open;
        }
    }
}

std::string Reader::read_text() {
    std::string out;
    if (impl_->type != NodeType::StartElement) return out;
    int open = 1;
    while (open > 0 && next()) {
        switch (impl_->type) {
            case NodeType::StartElement: ++open; break;
            case NodeType::EndElement: --open; break;
            case NodeType::Text: out += text(); break;
        }
    }
    return out;
}

const Location& Reader::where() const { return impl_->where; }

std::size_t Reader::dropped_entities() const { return impl_->dropped_entities; }

}  // namespace copydesk::xml
