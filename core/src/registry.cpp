#include "copydesk/registry.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "builtin.hpp"
#include "copydesk/errors.hpp"

namespace copydesk {

namespace {
bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
               return lower(x) == lower(y);
           });
}
bool names(const Format& f, std::string_view name) {
    if (iequals(f.name, name)) return true;
    return std::any_of(f.aliases.begin(), f.aliases.end(), [&](const auto& a) { return iequals(a, name); });
}
}  // namespace

Registry& Registry::global() {
    static Registry* r = [] {
        auto* reg = new Registry();  // never destroyed: formats may be used during static teardown
        detail::register_builtin_formats(*reg);
        return reg;
    }();
    return *r;
}

void Registry::add(Format f) {
    auto p = std::make_shared<const Format>(std::move(f));
    std::lock_guard lock(mu_);
    for (auto& existing : formats_)
        if (iequals(existing->name, p->name)) {
            existing = p;
            return;
        }
    formats_.push_back(std::move(p));
}

std::shared_ptr<const Format> Registry::find(std::string_view name) const {
    std::lock_guard lock(mu_);
    for (const auto& f : formats_)
        if (names(*f, name)) return f;
    return nullptr;
}

std::shared_ptr<const Format> Registry::get(std::string_view name) const {
    if (auto f = find(name)) return f;
    std::string known;
    for (const auto& f : list()) known += (known.empty() ? "" : ", ") + f->name;
    throw UnsupportedFormatError(fmt::format("unknown format '{}' (known: {})", name, known));
}

std::shared_ptr<const Format> Registry::by_extension(std::string_view path) const {
    auto slash = path.find_last_of("/\\");
    std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    auto dot = base.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return nullptr;
    std::string_view ext = base.substr(dot + 1);
    std::lock_guard lock(mu_);
    for (const auto& f : formats_)
        for (const auto& e : f->extensions)
            if (iequals(e, ext)) return f;
    return nullptr;
}

std::shared_ptr<const Format> Registry::sniff(std::string_view data) const {
    std::lock_guard lock(mu_);
    std::shared_ptr<const Format> best;
    int best_score = 0;
    for (const auto& f : formats_) {
        if (!f->sniff) continue;
        int s = f->sniff(data);
        if (s > best_score) {
            best_score = s;
            best = f;
        }
    }
    if (best) return best;
    for (const auto& f : formats_)
        if (f->name == "plain") return f;
    return nullptr;
}

std::vector<std::shared_ptr<const Format>> Registry::list() const {
    std::lock_guard lock(mu_);
    return formats_;
}

}  // namespace copydesk
