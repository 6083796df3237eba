#include "timing.hpp"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <utility>

namespace copydesk::bench {

namespace {
volatile std::uint64_t g_sink = 0;  // keeps every pass's result alive

double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Wall and CPU seconds of `times` calls.
std::pair<double, double> seconds_of(const std::function<std::uint64_t()>& f, int times) {
    const double c0 = cpu_now();
    const auto t0 = std::chrono::steady_clock::now();
    std::uint64_t acc = 0;
    for (int i = 0; i < times; ++i) acc += f();
    const auto t1 = std::chrono::steady_clock::now();
    const double c1 = cpu_now();
    g_sink = g_sink + acc;
    return {std::chrono::duration<double>(t1 - t0).count(), c1 - c0};
}

double median_of(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
}  // namespace

double Timing::median() const { return median_of(pass_seconds); }
double Timing::cpu_median() const { return median_of(cpu_pass_seconds); }

double Timing::min() const {
    return pass_seconds.empty() ? 0 : *std::min_element(pass_seconds.begin(), pass_seconds.end());
}

Timing measure(const std::function<std::uint64_t()>& pass, int samples, double target_s) {
    Timing t;
    const double warm = seconds_of(pass, 1).first;
    if (warm > 0) t.passes_per_sample = static_cast<int>(std::clamp(std::ceil(target_s / warm), 1.0, 10000.0));
    for (int s = 0; s < samples; ++s) {
        const auto [wall, cpu] = seconds_of(pass, t.passes_per_sample);
        t.pass_seconds.push_back(wall / t.passes_per_sample);
        t.cpu_pass_seconds.push_back(cpu / t.passes_per_sample);
    }
    return t;
}

std::uint64_t peak_rss_bytes() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<std::uint64_t>(ru.ru_maxrss) * 1024;  // Linux reports KiB
}

std::string json_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out;
}

std::string timing_json(const Timing& t) {
    std::string samples;
    for (double s : t.pass_seconds) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%s%.9g", samples.empty() ? "" : ",", s);
        samples += buf;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "\"median_s\":%.9g,\"cpu_median_s\":%.9g,\"min_s\":%.9g,\"passes_per_sample\":%d,",
                  t.median(), t.cpu_median(), t.min(), t.passes_per_sample);
    return std::string(buf) + "\"samples_s\":[" + samples + "]";
}

}  // namespace copydesk::bench
