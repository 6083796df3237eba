// The "json" format: the AST itself, for `--to json` and tooling.
#include "builtin.hpp"
#include "copydesk/json.hpp"

namespace copydesk::detail {

void register_json(Registry& r) {
    Format f;
    f.name = "json";
    f.extensions = {"json"};
    f.mime = "application/json";
    f.description = "the copydesk AST as versioned JSON";
    f.reader = [](std::string_view data, const ReadContext&) { return from_json(data); };
    f.writer = [](const Document& doc, const WriteContext& ctx) {
        JsonOptions o;
        o.pretty = ctx.options.get_bool("pretty", true);
        o.include_diagnostics = ctx.options.get_bool("diagnostics", true);
        return to_json(doc, o);
    };
    f.sniff = [](std::string_view data) {
        return data.find("\"copydesk-ast-version\"") != std::string_view::npos && data.find('{') < 8 ? 90 : 0;
    };
    f.reader_options = {};
    f.writer_options = {{"pretty", "true", "indent the JSON"},
                        {"diagnostics", "true", "include the diagnostics array"}};
    r.add(std::move(f));
}

}  // namespace copydesk::detail
