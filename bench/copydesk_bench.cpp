// copydesk_bench: the in-process half of the benchmarks (bench/run drives it,
// runs pandoc and the CLI in the same run, and prints the report).
//
//   copydesk_bench noop                      baseline peak RSS of this program
//   copydesk_bench convert --from F --to T [--phase both|read|write]
//                  [-R key=value] [-W key=value] [--samples N] [--target SECONDS] FILE...
//       loads every FILE into memory, then times passes over all of them:
//       read (F) + write (T), or only the reader, or only the writer
//   copydesk_bench make --from F --to T [-W key=value] IN OUT    one conversion, to a file
//   copydesk_bench floor-write [--level L] DOCX   zlib deflating DOCX's word/document.xml
//   copydesk_bench floor-read DOCX                inflating it + xmlTextReader walking it
//
// Each command prints one JSON object on stdout; a missing format or a failed
// conversion gives {"ok":false,"error":...} and exit status 0, so the report
// can say n/a instead of failing.
#include <copydesk/copydesk.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "floor.hpp"
#include "timing.hpp"

namespace cb = copydesk::bench;

namespace {

struct Args {
    std::string cmd;
    std::string from, to, phase = "both";
    copydesk::Options reader_options, writer_options;
    int samples = 5;
    double target_s = 0.2;
    int level = 6;
    std::vector<std::string> files;
};

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "copydesk_bench: " << why << " (see the comment at the top of bench/copydesk_bench.cpp)\n";
    std::exit(2);
}

void add_option(copydesk::Options& o, const std::string& kv) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) usage("option without '=': " + kv);
    o.set(kv.substr(0, eq), kv.substr(eq + 1));
}

Args parse(int argc, char** argv) {
    Args a;
    if (argc < 2) usage("no command");
    a.cmd = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string s = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(s + " needs a value");
            return argv[++i];
        };
        if (s == "--from") a.from = value();
        else if (s == "--to") a.to = value();
        else if (s == "--phase") a.phase = value();
        else if (s == "-R") add_option(a.reader_options, value());
        else if (s == "-W") add_option(a.writer_options, value());
        else if (s == "--samples") a.samples = std::atoi(value().c_str());
        else if (s == "--target") a.target_s = std::atof(value().c_str());
        else if (s == "--level") a.level = std::atoi(value().c_str());
        else if (!s.empty() && s[0] == '-' && s != "-") usage("unknown argument " + s);
        else a.files.push_back(s);
    }
    if (a.samples < 1) a.samples = 1;
    return a;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void print_error(const std::string& cmd, const std::string& error) {
    std::cout << "{\"cmd\":\"" << cmd << "\",\"ok\":false,\"error\":\"" << cb::json_escape(error) << "\"}\n";
}

void print_result(const std::string& cmd, const cb::Timing& t, const std::string& extra) {
    std::cout << "{\"cmd\":\"" << cmd << "\",\"ok\":true," << extra << (extra.empty() ? "" : ",")
              << cb::timing_json(t) << ",\"peak_rss\":" << cb::peak_rss_bytes() << "}\n";
}

int cmd_convert(const Args& a) {
    if (a.files.empty()) usage("convert needs files");
    std::vector<std::string> inputs;
    for (const auto& f : a.files) inputs.push_back(slurp(f));

    // One checked pass first: files that fail are left out and counted, so one
    // bad article does not hide the figures of the others.
    std::vector<std::string> ok_inputs;
    std::vector<copydesk::Document> docs;  // kept only for --phase write
    std::size_t failed = 0, diagnostics = 0;
    std::string first_error;
    std::uint64_t in_bytes = 0, out_bytes = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        try {
            copydesk::Document doc = copydesk::read(inputs[i], a.from, a.reader_options, a.files[i]);
            copydesk::Diagnostics diags;
            std::string out = copydesk::write(doc, a.to, a.writer_options, &diags);
            diagnostics += doc.diagnostics.size() + diags.size();
            in_bytes += inputs[i].size();
            out_bytes += out.size();
            if (a.phase == "write") docs.push_back(std::move(doc));
            ok_inputs.push_back(std::move(inputs[i]));
        } catch (const std::exception& e) {
            if (first_error.empty()) first_error = e.what();
            ++failed;
        }
    }
    inputs.clear();
    inputs.shrink_to_fit();
    if (ok_inputs.empty()) {
        print_error("convert", first_error);
        return 0;
    }

    std::function<std::uint64_t()> pass;
    if (a.phase == "read") {
        pass = [&] {
            std::uint64_t n = 0;
            for (const auto& in : ok_inputs) n += copydesk::read(in, a.from, a.reader_options).blocks.size();
            return n;
        };
    } else if (a.phase == "write") {
        ok_inputs.clear();
        ok_inputs.shrink_to_fit();
        pass = [&] {
            std::uint64_t n = 0;
            for (const auto& doc : docs) n += copydesk::write(doc, a.to, a.writer_options).size();
            return n;
        };
    } else if (a.phase == "both") {
        pass = [&] {
            std::uint64_t n = 0;
            for (const auto& in : ok_inputs)
                n += copydesk::write(copydesk::read(in, a.from, a.reader_options), a.to, a.writer_options).size();
            return n;
        };
    } else {
        usage("--phase is both, read or write");
    }
    const cb::Timing t = cb::measure(pass, a.samples, a.target_s);
    std::ostringstream extra;
    extra << "\"files\":" << (a.files.size() - failed) << ",\"failed\":" << failed << ",\"first_error\":\""
          << cb::json_escape(first_error) << "\",\"in_bytes\":" << in_bytes << ",\"out_bytes\":" << out_bytes
          << ",\"diagnostics\":" << diagnostics;
    print_result("convert", t, extra.str());
    return 0;
}

int cmd_make(const Args& a) {
    if (a.files.size() != 2) usage("make needs IN OUT");
    try {
        const std::string in = slurp(a.files[0]);
        const std::string out =
            copydesk::write(copydesk::read(in, a.from, a.reader_options, a.files[0]), a.to, a.writer_options);
        std::ofstream(a.files[1], std::ios::binary) << out;
        std::cout << "{\"cmd\":\"make\",\"ok\":true,\"out_bytes\":" << out.size() << "}\n";
    } catch (const std::exception& e) {
        print_error("make", e.what());
    }
    return 0;
}

// Our own writer's word/document.xml, uncompressed.
std::string document_xml(const std::string& docx) {
    const cb::ZipMember m = cb::find_zip_member(docx, "word/document.xml");
    return m.method == 8 ? cb::inflate_raw(m.data, m.size) : std::string(m.data);
}

int cmd_floor_write(const Args& a) {
    if (a.files.size() != 1) usage("floor-write needs DOCX");
    try {
        const std::string xml = document_xml(slurp(a.files[0]));
        std::uint64_t deflated = 0;
        const cb::Timing t = cb::measure(
            [&] {
                const std::string z = cb::deflate_raw(xml, a.level);
                deflated = z.size();
                return z.size() + cb::crc32_of(xml);
            },
            a.samples, a.target_s);
        print_result("floor-write", t,
                     "\"xml_bytes\":" + std::to_string(xml.size()) + ",\"deflated_bytes\":" + std::to_string(deflated) +
                         ",\"level\":" + std::to_string(a.level));
    } catch (const std::exception& e) {
        print_error("floor-write", e.what());
    }
    return 0;
}

int cmd_floor_read(const Args& a) {
    if (a.files.size() != 1) usage("floor-read needs DOCX");
    try {
        const std::string docx = slurp(a.files[0]);
        const cb::ZipMember m = cb::find_zip_member(docx, "word/document.xml");
        if (m.method != 8) throw std::runtime_error("word/document.xml is not deflated");
        const cb::Timing t = cb::measure(
            [&] {
                const std::string xml = cb::inflate_raw(m.data, m.size);
                if (cb::crc32_of(xml) != m.crc32) throw std::runtime_error("CRC mismatch");
                return cb::walk_xml(xml);
            },
            a.samples, a.target_s);
        print_result("floor-read", t,
                     "\"xml_bytes\":" + std::to_string(m.size) + ",\"deflated_bytes\":" + std::to_string(m.data.size()));
    } catch (const std::exception& e) {
        print_error("floor-read", e.what());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const Args a = parse(argc, argv);
    try {
        if (a.cmd == "noop") {
            std::cout << "{\"cmd\":\"noop\",\"ok\":true,\"peak_rss\":" << cb::peak_rss_bytes() << "}\n";
            return 0;
        }
        if (a.cmd == "convert") return cmd_convert(a);
        if (a.cmd == "make") return cmd_make(a);
        if (a.cmd == "floor-write") return cmd_floor_write(a);
        if (a.cmd == "floor-read") return cmd_floor_read(a);
    } catch (const std::exception& e) {
        print_error(a.cmd, e.what());
        return 0;
    }
    usage("unknown command " + a.cmd);
}
