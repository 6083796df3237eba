// Helpers shared by the Catch2 tests.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace copydesk::test {

// The shared corpus: $COPYDESK_CORPUS, else ../shared/corpus beside the checkout.
inline std::optional<std::filesystem::path> corpus_dir() {
    if (const char* env = std::getenv("COPYDESK_CORPUS"); env && *env) {
        if (std::filesystem::is_directory(env)) return std::filesystem::path(env);
        return std::nullopt;
    }
    std::filesystem::path p = COPYDESK_DEFAULT_CORPUS;
    if (std::filesystem::is_directory(p)) return p;
    return std::nullopt;
}

inline std::filesystem::path source_dir() { return COPYDESK_SOURCE_DIR; }

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in.good());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace copydesk::test

// Catch2 2.13 has no SKIP: print the marker that ctest's SKIP_REGULAR_EXPRESSION
// turns into a "skipped" result, then leave the test case.
#define COPYDESK_SKIP(why)                                   \
    do {                                                     \
        WARN("COPYDESK-SKIP: " << why);                      \
        return;                                              \
    } while (0)

// Binds `var` to the corpus directory, or skips the test when it is absent.
#define COPYDESK_REQUIRE_CORPUS(var)                                            \
    auto var##_opt = ::copydesk::test::corpus_dir();                            \
    if (!var##_opt) COPYDESK_SKIP("corpus not found; set COPYDESK_CORPUS");     \
    const std::filesystem::path var = *var##_opt
