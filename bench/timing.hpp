// Timing for the benchmarks: a warm-up pass picks how many passes make one
// sample (so a sample lasts about `target_s`), then a fixed number of samples
// is taken and the median pass time reported.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace copydesk::bench {

struct Timing {
    int passes_per_sample = 1;
    std::vector<double> pass_seconds;      // steady_clock, one per sample: sample time / passes
    std::vector<double> cpu_pass_seconds;  // the same samples in process CPU time (robust on a busy machine)
    double median() const;
    double cpu_median() const;
    double min() const;
};

// `pass` runs the whole workload once and returns a checksum-like value so
// the optimiser cannot drop the work.
Timing measure(const std::function<std::uint64_t()>& pass, int samples, double target_s);

// Peak resident set of this process so far, in bytes (getrusage ru_maxrss).
std::uint64_t peak_rss_bytes();

// Minimal JSON output: one object per line on stdout for bench/run to parse.
std::string json_escape(std::string_view s);
std::string timing_json(const Timing& t);

}  // namespace copydesk::bench
