// Uses only the installed public API. Exits non-zero on any mismatch.
#include <copydesk/copydesk.hpp>

#include <cstdio>
#include <filesystem>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: consumer INPUT.txt OUTDIR\n");
        return 2;
    }
    try {
        copydesk::Document doc = copydesk::read_file(argv[1]);
        const std::string& title = doc.metadata.title;
        if (title.empty()) {
            std::fprintf(stderr, "no title read from %s\n", argv[1]);
            return 1;
        }
        std::filesystem::path out = argv[2];
        copydesk::write_file(doc, out / "consumer.json");
        std::string docx = copydesk::write(doc, "docx");
        copydesk::Document again = copydesk::read(docx, "docx");
        if (again.metadata.title != title) {
            std::fprintf(stderr, "title lost through DOCX: '%s' vs '%s'\n", again.metadata.title.c_str(), title.c_str());
            return 1;
        }
        std::printf("copydesk %s: %s (%zu blocks)\n", copydesk::version(), title.c_str(), doc.blocks.size());
    } catch (const copydesk::Error& e) {
        std::fprintf(stderr, "copydesk error (%s): %s\n", copydesk::error_kind_name(e.kind()), e.what());
        return 1;
    }
    return 0;
}
