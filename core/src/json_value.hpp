// A minimal JSON value tree, private to core: enough for the AST's JSON form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace copydesk::json {

struct Value {
    enum class Kind { Null, Bool, Int, Double, String, Array, Object };
    Kind kind = Kind::Null;
    bool b = false;
    std::int64_t i = 0;
    double d = 0;
    std::string s;
    std::vector<Value> arr;
    std::vector<std::pair<std::string, Value>> obj;
    int line = 0;  // where it started in the source, for messages

    static Value null() { return {}; }
    static Value boolean(bool v) { Value x; x.kind = Kind::Bool; x.b = v; return x; }
    static Value integer(std::int64_t v) { Value x; x.kind = Kind::Int; x.i = v; return x; }
    static Value number(double v) { Value x; x.kind = Kind::Double; x.d = v; return x; }
    static Value string(std::string v) { Value x; x.kind = Kind::String; x.s = std::move(v); return x; }
    static Value array() { Value x; x.kind = Kind::Array; return x; }
    static Value object() { Value x; x.kind = Kind::Object; return x; }

    Value& add(std::string key, Value v) {
        obj.emplace_back(std::move(key), std::move(v));
        return obj.back().second;
    }
    Value& push(Value v) {
        arr.push_back(std::move(v));
        return arr.back();
    }
    const Value* get(std::string_view key) const {
        for (const auto& [k, v] : obj)
            if (k == key) return &v;
        return nullptr;
    }
    bool is_container() const { return kind == Kind::Array || kind == Kind::Object; }
};

// Serialises; `pretty` puts each container with nested containers over
// several lines and keeps containers of scalars on one line.
std::string dump(const Value& v, bool pretty);
// Parses; throws ParseError with line and column. Depth is limited.
Value parse(std::string_view text, std::size_t max_depth = 512);

}  // namespace copydesk::json
