// convert_many(): many files converted on C++ worker threads, each exactly as
// the CLI converts one (cli::convert_one: same-file refusal, atomic writes).
// The calling thread holds the GIL only to hand finished results to Python
// (a progress callback), and waits without it otherwise.
#include <fmt/format.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "batch.hpp"
#include "bindings.hpp"
#include "console.hpp"
#include "convert.hpp"
#include "file_io.hpp"
#include "node_classes.hpp"
#include "progress.hpp"
#include "to_python.hpp"

namespace copydesk::py {

namespace {

// Finished task indices, handed from the workers to the calling thread.
class Finished {
public:
    void push(std::size_t i) {
        {
            std::lock_guard<std::mutex> lock(mu_);
            done_.push_back(i);
        }
        cv_.notify_one();
    }
    // Waits up to `wait` for finished tasks and takes them all.
    std::deque<std::size_t> take(std::chrono::milliseconds wait) {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, wait, [&] { return !done_.empty(); });
        std::deque<std::size_t> out;
        out.swap(done_);
        return out;
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::size_t> done_;
};

// The worker threads; joined (without the GIL) however the batch ends.
class Pool {
public:
    Pool(std::size_t n, const std::vector<cli::Task>& tasks, const cli::ConvertSettings& s,
         std::vector<cli::Outcome>& outcomes, Finished& finished) {
        auto work = [&tasks, &s, &outcomes, &finished, this] {
            for (std::size_t i = next_.fetch_add(1); i < tasks.size() && !stop_; i = next_.fetch_add(1)) {
                outcomes[i] = cli::convert_one(tasks[i], s);
                finished.push(i);
            }
        };
        for (std::size_t t = 0; t < n; ++t) threads_.emplace_back(work);
    }
    ~Pool() {
        stop_ = true;
        pyb::gil_scoped_release nogil;
        for (auto& t : threads_) t.join();
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

private:
    std::atomic<std::size_t> next_{0};
    std::atomic<bool> stop_{false};
    std::vector<std::thread> threads_;
};

pyb::object result_object(const cli::Task& task, const cli::Outcome& o) {
    bool ok = o.exit_code == 0;
    pyb::object error = pyb::none();
    if (!ok) {
        const cli::Failure& f = o.failure;
        error = f.internal ? pyb::module_::import("copydesk._errors").attr("Error")(f.message)
                           : python_error(f.kind, f.message, f.where);
    }
    pyb::object output = ok ? pyb::object(pyb::str(task.output)) : pyb::object(pyb::none());
    pyb::object source = pyb::str(task.input);
    pyb::object diagnostics = diagnostics_to_python(o.diagnostics);
    PyObject* obj = make(Cls::ConversionResult, {source.release().ptr(), output.release().ptr(),
                                                 pyb::bool_(ok).release().ptr(), error.release().ptr(),
                                                 diagnostics.release().ptr()});
    return pyb::reinterpret_steal<pyb::object>(obj);
}

pyb::list convert_many(const std::vector<std::string>& sources, const std::string& output_dir,
                       const std::string& to, const std::optional<std::string>& from,
                       const std::map<std::string, std::string>& options, unsigned workers, bool progress,
                       const pyb::object& callback) {
    if (!classes_bound()) throw UsageError("copydesk._core is used through the copydesk package");
    auto writer = Registry::global().get(to);
    if (!writer->can_write()) throw UsageError(fmt::format("format '{}' cannot be written", writer->name));
    cli::ConvertSettings s;
    s.to = writer->name;
    if (from) s.from = Registry::global().get(*from)->name;
    s.reader_options = s.writer_options = options_from_map(options);
    const std::string ext = "." + (writer->extensions.empty() ? writer->name : writer->extensions.front());

    int dir_fd = cli::prepare_output_dir(output_dir);
    struct CloseDir {
        int fd;
        ~CloseDir() { cli::close_output_dir(fd); }
    } close_dir{dir_fd};
    const std::vector<cli::Task> tasks = cli::plan_outputs(sources, output_dir, ext, dir_fd);

    std::vector<cli::Outcome> outcomes(tasks.size());
    std::vector<pyb::object> results(tasks.size());
    cli::Console console(stderr);
    const bool bar = progress && cli::is_terminal(2);
    if (bar) console.start_progress(tasks.size(), 2);
    Finished finished;
    {
        Pool pool(std::clamp<std::size_t>(workers, 1, std::max<std::size_t>(tasks.size(), 1)), tasks, s, outcomes,
                  finished);
        std::size_t done = 0;
        while (done < tasks.size()) {
            std::deque<std::size_t> batch;
            {
                pyb::gil_scoped_release nogil;
                batch = finished.take(std::chrono::milliseconds(50));
            }
            if (PyErr_CheckSignals() != 0) throw pyb::error_already_set();  // Ctrl-C: the pool stops
            for (std::size_t i : batch) {
                ++done;
                if (bar) console.file_done(outcomes[i].exit_code != 0, tasks[i].input);
                results[i] = result_object(tasks[i], outcomes[i]);
                if (!callback.is_none()) callback(done, tasks.size(), results[i]);
            }
        }
    }
    if (bar) console.end_progress();
    pyb::list out(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) out[i] = std::move(results[i]);
    return out;
}

}  // namespace

void bind_convert_many(pyb::module_& m) {
    m.def("convert_many", &convert_many, pyb::arg("sources"), pyb::arg("output_dir"), pyb::arg("to_format"),
          pyb::arg("from_format") = pyb::none(), pyb::arg("options") = std::map<std::string, std::string>{},
          pyb::arg("workers") = 1, pyb::arg("progress") = false, pyb::arg("callback") = pyb::none(),
          "Converts files into output_dir on C++ threads; returns one ConversionResult per source, in order.");
}

}  // namespace copydesk::py
