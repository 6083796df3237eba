// A driver for the fuzz target that needs no libFuzzer: it runs each input
// file given (or each file under a given folder), then `--mutations N` seeded
// random mutations of each (bit flips, byte runs, truncation, splices).
// Built and run by ctest, also under ASan+UBSan.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::string& s) { LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }

std::string mutate(std::string s, std::mt19937_64& rng) {
    auto pick = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
        switch (rng() % 5) {
            case 0:
                if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << (rng() % 8));
                break;
            case 1:
                if (!s.empty()) s[pick(s.size())] = static_cast<char>(rng());
                break;
            case 2:
                if (!s.empty()) s.resize(pick(s.size()));
                break;
            case 3: {  // duplicate a chunk
                if (s.empty()) break;
                std::size_t at = pick(s.size()), len = std::min<std::size_t>(pick(64) + 1, s.size() - at);
                s.insert(pick(s.size()), s.substr(at, len));
                break;
            }
            default: {  // insert interesting bytes
                static const char* tokens[] = {"\n", "\r\n", "　", "（记者 ", "）", ":", "来源：", "<", "&", "\xff\xfe",
                                               "PK\x03\x04", "\xe5", "<!DOCTYPE x [<!ENTITY a \"aa\">]>"};
                s.insert(pick(s.size() + 1), tokens[rng() % (sizeof tokens / sizeof *tokens)]);
            }
        }
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    long mutations = 0;
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--mutations" && i + 1 < argc) {
            mutations = std::strtol(argv[++i], nullptr, 10);
            continue;
        }
        std::filesystem::path p(a);
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) {
            for (const auto& e : std::filesystem::recursive_directory_iterator(p))
                if (e.is_regular_file()) files.push_back(e.path());
        } else if (std::filesystem::exists(p, ec)) {
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    std::mt19937_64 rng(12345);
    std::size_t runs = 0;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (data.size() > (2u << 20)) continue;  // keep the smoke run quick
        run(data);
        ++runs;
        for (long m = 0; m < mutations; ++m, ++runs) run(mutate(data, rng));
    }
    std::printf("fuzz smoke: %zu runs over %zu files, no invariant broken\n", runs, files.size());
    return files.empty() ? 1 : 0;
}
