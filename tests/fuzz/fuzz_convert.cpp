// Fuzz target (libFuzzer's entry point) that drives every reader and, on
// what they accept, every writer (html and markdown included; html output is
// read back). Only copydesk::Error may escape a reader or
// writer; anything else (another exception, a crash, a sanitizer report) is a bug.
#include <copydesk/copydesk.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace copydesk;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // Small limits keep each run fast; they are part of what is being tested.
    Options options{{"limit.max_entry_bytes", "4000000"}, {"limit.max_total_bytes", "16000000"}};
    for (const auto& format : Registry::global().list()) {
        if (!format->can_read()) continue;
        Document doc;
        try {
            doc = read(input, format->name, options, "fuzz-input");
        } catch (const Error&) {
            continue;  // a typed rejection is a correct answer
        }
        // The AST's JSON form must round-trip whatever a reader produced.
        check(from_json(to_json(doc)) == doc, "JSON round trip changed the document");
        for (const auto& out : Registry::global().list()) {
            if (!out->can_write()) continue;
            try {
                Diagnostics diags;
                std::string bytes = write(doc, out->name, {}, &diags);
                // Our own HTML must read back (as clean HTML, not a page to extract from).
                if (out->name == "html" && out->can_read()) read(bytes, "html", {{"extract", "none"}}, "fuzz-output.html");
            } catch (const Error&) {
            }
        }
    }
    return 0;
}
