#include "promptlint/scanner.hpp"

#include "promptlint/config.hpp"
#include "promptlint/digest.hpp"
#include "promptlint/normalize.hpp"
#include "promptlint/suppress.hpp"
#include "promptlint/text.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

namespace promptlint {
namespace {

// How much of a long line the text report shows around a value.
constexpr std::size_t k_snippet_before = 120;
constexpr std::size_t k_snippet_after = 200;

// Walks forward through an input keeping line and column: every byte is counted once, so
// placing all findings costs one pass whatever their number.
struct Cursor {
    std::uint64_t pos = 0;
    std::uint64_t line = 1;
    std::uint64_t column = 1;
    std::uint64_t line_start = 0;
    std::uint64_t prev_line_start = 0; // where the line before this one starts

    // Moves to `target`; the bytes in between must lie in `w`.
    void advance(const Window& w, std::uint64_t target) {
        if (target <= pos) {
            return;
        }
        std::string_view seg = w.bytes.substr(pos - w.base, target - pos);
        std::size_t last_nl = seg.rfind('\n');
        if (last_nl == std::string_view::npos) {
            column += utf8_length(seg);
        } else {
            line += static_cast<std::uint64_t>(std::count(seg.begin(), seg.end(), '\n'));
            const std::size_t before_last =
                last_nl == 0 ? std::string_view::npos : seg.rfind('\n', last_nl - 1);
            prev_line_start =
                before_last == std::string_view::npos ? line_start : pos + before_last + 1;
            line_start = pos + last_nl + 1;
            column = 1 + utf8_length(seg.substr(last_nl + 1));
        }
        pos = target;
    }
};

struct Worker {
    Matcher matcher;
    Confirmer confirmer;
    Normalizer normalizer; // its buffer is reused window after window
    std::vector<RawHit> hits;
    std::vector<Candidate> candidates;

    Worker(const std::vector<Rule>& rules, const Database& db)
        : matcher(db), confirmer(rules, db) {}
};

struct Outcome {
    std::optional<InputError> error;
    std::optional<Skip> skip;
    std::uint64_t bytes = 0;
    bool scanned = false;
};

} // namespace

Scanner::Scanner(const std::vector<Rule>& rules, const Database& db, ScanOptions options)
    : m_rules(rules), m_db(db), m_options(options) {
    std::size_t width = 0;
    std::size_t context = std::max(k_snippet_before, k_snippet_after);
    for (std::size_t i = 0; i < rules.size(); ++i) {
        width = std::max(width, db.max_width(i));
        if (rules[i].context) {
            context = std::max(context, rules[i].context->window);
        }
        if (rules[i].exclude_context) {
            context = std::max(context, rules[i].exclude_context->window);
        }
    }
    // A window owns the findings that start in it up to m_span before its end: those are
    // complete, with their context after them. The next window starts `overlap` before the end,
    // so it holds the context before the first value it owns.
    m_span = width + context;
    m_options.limits.overlap = m_span + context;
    const std::size_t min_window = 4 * m_options.limits.overlap;
    m_options.limits.stream_window = std::max(m_options.limits.stream_window, min_window);
    m_options.limits.mapped_window = std::max(m_options.limits.mapped_window, min_window);
    m_options.threads = std::max(1U, m_options.threads);
}

namespace {

class FileScan {
public:
    FileScan(const std::vector<Rule>& rules, const ScanOptions& options, std::size_t span,
             Worker& worker, std::string path)
        : m_rules(rules), m_options(options), m_span(span), m_worker(worker),
          m_path(std::move(path)) {}

    // Told about each window once its findings are placed: the findings that start in the part
    // it owns, [owned_from, owned_to), which the callee may take (the vector is cleared after).
    using WindowDone = std::function<void(const Window& window, std::uint64_t owned_from,
                                          std::uint64_t owned_to, std::vector<Finding>& found)>;

    // Scans every window of `source`; returns the bytes scanned.
    std::uint64_t run(ByteSource& source, const WindowDone& done) {
        Window w;
        std::uint64_t own_from = 0;
        std::uint64_t total = 0;
        std::vector<Finding> found;
        while (source.next(w)) {
            const std::uint64_t end = w.base + w.bytes.size();
            total = std::max(total, end);
            const std::uint64_t own_to = w.last ? std::numeric_limits<std::uint64_t>::max()
                                                : (end > w.base + m_span ? end - m_span : w.base);
            scan_window(w, own_from, own_to, found);
            done(w, own_from, own_to, found);
            // Whoever needed the findings has them: memory stays flat over inputs of any size.
            found.clear();
            if (w.last) {
                break;
            }
            m_cursor.advance(w, std::max(own_to, m_cursor.pos));
            own_from = std::max(own_from, own_to);
        }
        return total;
    }

private:
    void scan_window(const Window& w, std::uint64_t own_from, std::uint64_t own_to,
                     std::vector<Finding>& out) {
        m_worker.hits.clear();
        m_worker.candidates.clear();
        // Matching, validators and context words see the normalized view; everything after
        // (place, mask, suppress, redact) the original bytes. ASCII windows are not copied.
        Normalizer& view = m_worker.normalizer;
        view.run(w.bytes);
        const std::string_view text = view.text();
        m_worker.matcher.scan(text, m_worker.hits);
        if (m_worker.hits.empty()) {
            return;
        }
        m_worker.confirmer.confirm(text, m_worker.hits, m_worker.candidates);
        for (Candidate& c : m_worker.candidates) {
            const std::size_t from = view.original_start(c.start);
            const std::size_t to = view.original_end(c.end);
            const std::uint64_t start = w.base + from;
            if (start < own_from || start >= own_to) {
                continue;
            }
            if (c.severity < m_options.min_severity || c.confidence < m_options.min_confidence) {
                continue;
            }
            out.push_back(place(w, c, from, to, text.substr(c.start, c.end - c.start)));
        }
    }

    // `from` and `to` are the value's bytes in the window; `seen` is the value as matched (the
    // same bytes unless the window was normalized).
    Finding place(const Window& w, Candidate& c, std::size_t from_byte, std::size_t to_byte,
                  std::string_view seen) {
        const std::uint64_t start = w.base + from_byte;
        m_cursor.advance(w, start);
        Finding f;
        f.rule = c.rule;
        f.path = m_path;
        f.start_byte = start;
        f.end_byte = w.base + to_byte;
        f.line = m_cursor.line;
        f.column = m_cursor.column;
        f.value = std::string(w.bytes.substr(from_byte, to_byte - from_byte));
        f.normalized = f.value != seen;
        const std::size_t newlines =
            static_cast<std::size_t>(std::count(f.value.begin(), f.value.end(), '\n'));
        f.end_line = f.line + newlines;
        if (newlines == 0) {
            f.end_column = f.column + utf8_length(f.value);
        } else {
            f.end_column =
                1 + utf8_length(std::string_view(f.value).substr(f.value.rfind('\n') + 1));
        }
        const Rule& rule = m_rules[c.rule];
        f.severity = c.severity;
        f.confidence = c.confidence;
        // The fingerprint names the value as matched, whatever its spelling: a baseline entry
        // keeps meaning the same secret, and ASCII values keep their fingerprints.
        f.fingerprint = fingerprint(rule.id, m_path, seen);
        f.validators_passed = std::move(c.validators_passed);
        f.context_found = std::move(c.context_found);

        // The snippet: the line around the value, clipped to what the window holds.
        std::uint64_t from = std::max(
            {m_cursor.line_start, w.base, start > k_snippet_before ? start - k_snippet_before : 0});
        std::size_t to = from_byte;
        const std::size_t limit = std::min(w.bytes.size(), to_byte + k_snippet_after);
        while (to < limit && w.bytes[to] != '\n') {
            ++to;
        }
        std::string_view line = w.bytes.substr(from - w.base, to - (from - w.base));
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        f.snippet = std::string(line);
        f.snippet_start = from;
        f.suppressed_by = suppression(w, f, seen, rule);
        return f;
    }

    // Why the user has accepted this finding, or "" when they have not. Allowlist entries are
    // held against the value as matched, like the rules.
    std::string suppression(const Window& w, const Finding& f, std::string_view seen,
                            const Rule& rule) const {
        if (m_options.allowlist) {
            if (auto why = m_options.allowlist->match(rule.id, seen, f.fingerprint)) {
                return *why;
            }
        }
        if (m_options.baseline && m_options.baseline->find(f.fingerprint)) {
            return "baseline";
        }
        if (!m_options.inline_suppressions) {
            return {};
        }
        // The finding's own line and the one before it, clipped to what the window holds.
        const std::uint64_t line_from = std::max(m_cursor.line_start, w.base);
        std::size_t line_end = static_cast<std::size_t>(f.start_byte - w.base);
        while (line_end < w.bytes.size() && w.bytes[line_end] != '\n') {
            ++line_end;
        }
        std::string_view line = w.bytes.substr(line_from - w.base, line_end - (line_from - w.base));
        std::string_view previous;
        if (m_cursor.line > 1 && m_cursor.line_start > w.base) {
            const std::uint64_t prev_from = std::max(m_cursor.prev_line_start, w.base);
            previous = w.bytes.substr(prev_from - w.base, m_cursor.line_start - 1 - prev_from);
        }
        return inline_suppression(line, previous, rule.id).value_or("");
    }

    const std::vector<Rule>& m_rules;
    const ScanOptions& m_options;
    std::size_t m_span;
    Worker& m_worker;
    std::string m_path;
    Cursor m_cursor;
};

// Drops findings that do not start on one of `lines` (sorted, as a diff lists them).
void keep_only_lines(std::vector<Finding>& findings, const std::vector<LineRange>& lines) {
    std::erase_if(findings, [&](const Finding& f) {
        return std::none_of(lines.begin(), lines.end(), [&](const LineRange& r) {
            return f.line >= r.first && f.line <= r.last;
        });
    });
}

} // namespace

namespace {

// Puts findings in report order while inputs finish in any order: the findings of the first
// input not yet finished (the head) go straight to the sink; those of inputs after it wait in
// memory until every input before them is done. Inputs are numbered as they are handed out;
// only those between the head and the last one handed out are held.
class OrderedEmitter {
public:
    explicit OrderedEmitter(FindingSink& sink) : m_sink(sink) {}

    // More findings of input `index`, in order; takes them.
    void add(std::size_t index, std::vector<Finding>& found) {
        std::lock_guard lock(m_mutex);
        if (index == m_head) {
            for (Finding& f : found) {
                pass(std::move(f));
            }
        } else {
            auto& held = pending(index).findings;
            std::move(found.begin(), found.end(), std::back_inserter(held));
        }
        found.clear();
    }

    void done(std::size_t index, Outcome outcome) {
        std::lock_guard lock(m_mutex);
        Pending& finished = pending(index);
        finished.outcome = std::move(outcome);
        finished.done = true;
        while (!m_pending.empty()) {
            Pending& p = m_pending.front();
            for (Finding& f : p.findings) {
                pass(std::move(f));
            }
            p.findings = {};
            if (!p.done) {
                return; // the new head streams from now on
            }
            settle(p.outcome);
            m_pending.pop_front();
            ++m_head;
        }
    }

    // What the inputs said, after what discovery said (`errors` and `skipped`, taken).
    ScanSummary take_summary(std::vector<InputError>& errors, std::vector<Skip>& skipped) {
        errors.insert(errors.end(), std::make_move_iterator(m_summary.errors.begin()),
                      std::make_move_iterator(m_summary.errors.end()));
        skipped.insert(skipped.end(), std::make_move_iterator(m_summary.stats.skipped.begin()),
                       std::make_move_iterator(m_summary.stats.skipped.end()));
        m_summary.errors = std::move(errors);
        m_summary.stats.skipped = std::move(skipped);
        return std::move(m_summary);
    }

private:
    struct Pending {
        std::vector<Finding> findings;
        Outcome outcome;
        bool done = false;
    };

    Pending& pending(std::size_t index) {
        const std::size_t at = index - m_head;
        if (at >= m_pending.size()) {
            m_pending.resize(at + 1);
        }
        return m_pending[at];
    }

    void pass(Finding f) {
        m_summary.stats.count(f);
        m_sink.add(std::move(f));
    }

    void settle(Outcome& o) {
        if (o.error) {
            m_summary.errors.push_back(std::move(*o.error));
        }
        if (o.skip) {
            m_summary.stats.skipped.push_back(std::move(*o.skip));
        }
        if (o.scanned) {
            ++m_summary.stats.files_scanned;
            m_summary.stats.bytes_scanned += o.bytes;
        }
    }

    std::mutex m_mutex;
    std::deque<Pending> m_pending; // m_pending[i] is input m_head + i
    std::size_t m_head = 0;
    FindingSink& m_sink;
    ScanSummary m_summary;
};

// Keeps a whole report in memory.
class Collector final : public FindingSink {
public:
    explicit Collector(ScanReport& report) : m_report(report) {}
    void add(Finding f) override {
        (f.suppressed_by.empty() ? m_report.findings : m_report.suppressed).push_back(std::move(f));
    }

private:
    ScanReport& m_report;
};

} // namespace

ScanSummary Scanner::scan(InputWalk& inputs, FindingSink& sink) const {
    OrderedEmitter emitter(sink);

    auto scan_one = [&](Worker& worker, std::size_t index, const InputItem& item) {
        Outcome out;
        auto pass_on = [&](const Window&, std::uint64_t, std::uint64_t,
                           std::vector<Finding>& found) {
            if (item.only_lines) {
                keep_only_lines(found, *item.only_lines);
            }
            if (!found.empty()) {
                emitter.add(index, found);
            }
        };
        try {
            auto source = item.contents ? memory_source(*item.contents, m_options.limits)
                                        : open_source(item, m_options.limits);
            Window first;
            if (!source->next(first)) {
                out.scanned = true;
            } else if (!item.explicit_path && looks_binary(first.bytes)) {
                out.skip = Skip{item.display, "binary"};
            } else {
                FileScan scan(m_rules, m_options, m_span, worker, item.display);
                if (starts_with_utf16_bom(first.bytes)) {
                    // Read whole: a UTF-16 input is decoded before anything is matched.
                    Replay whole(first, *source);
                    auto decoded =
                        memory_source(decode_utf16(read_all(whole)).value_or(""), m_options.limits);
                    out.bytes = scan.run(*decoded, pass_on);
                } else {
                    Replay replay(first, *source);
                    out.bytes = scan.run(replay, pass_on);
                }
                out.scanned = true;
            }
        } catch (const InputFailure& e) {
            out.error = InputError{item.display, e.what()};
        }
        if (m_options.progress) {
            m_options.progress->inputs_done.fetch_add(1, std::memory_order_relaxed);
            m_options.progress->bytes_done.fetch_add(out.bytes, std::memory_order_relaxed);
        }
        emitter.done(index, std::move(out));
    };

    // Workers take turns walking: whoever needs an input takes the next one, so the walk
    // overlaps the scanning of the files it has already found.
    std::mutex walk_mutex;
    std::size_t handed_out = 0;
    bool exhausted = false;
    auto take = [&]() -> std::optional<std::pair<std::size_t, InputItem>> {
        std::lock_guard lock(walk_mutex);
        std::optional<InputItem> item;
        if (!exhausted) {
            item = inputs.next();
        }
        if (!item) {
            exhausted = true;
            if (m_options.progress) {
                m_options.progress->walk_done.store(true, std::memory_order_relaxed);
            }
            return std::nullopt;
        }
        if (m_options.progress) {
            m_options.progress->inputs_found.fetch_add(1, std::memory_order_relaxed);
        }
        return std::pair{handed_out++, std::move(*item)};
    };
    auto stop = [&] {
        std::lock_guard lock(walk_mutex);
        exhausted = true;
    };

    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&] {
        try {
            // Built on the first input: a worker that finds none costs nothing.
            std::optional<Worker> worker;
            while (auto job = take()) {
                if (!worker) {
                    worker.emplace(m_rules, m_db);
                }
                scan_one(*worker, job->first, job->second);
            }
        } catch (...) {
            {
                std::lock_guard lock(failure_mutex);
                if (!failure) {
                    failure = std::current_exception();
                }
            }
            stop(); // the others stop at their next input
        }
    };
    if (m_options.threads <= 1) {
        work();
    } else {
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < m_options.threads; ++t) {
            pool.emplace_back(work);
        }
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    return emitter.take_summary(inputs.errors(), inputs.skipped());
}

ScanSummary Scanner::scan(Discovery inputs, FindingSink& sink) const {
    InputWalk listed(std::move(inputs));
    return scan(listed, sink);
}

ScanReport Scanner::scan(Discovery inputs) const {
    ScanReport report;
    Collector collect(report);
    static_cast<ScanSummary&>(report) = scan(std::move(inputs), collect);
    return report;
}

std::uint64_t Scanner::scan_source(ByteSource& source, const std::string& path,
                                   WindowSink& sink) const {
    Worker worker(m_rules, m_db);
    FileScan scan(m_rules, m_options, m_span, worker, path);
    return scan.run(source,
                    [&sink](const Window& w, std::uint64_t from, std::uint64_t to,
                            std::vector<Finding>& found) { sink.on_window(w, from, to, found); });
}

SourceLimits Scanner::limits() const {
    return m_options.limits;
}

ScanReport Scanner::scan_text(std::string_view text, const std::string& path) const {
    Worker worker(m_rules, m_db);
    FileScan scan(m_rules, m_options, m_span, worker, path);
    auto source = memory_source(std::string(text), m_options.limits);
    ScanReport report;
    Collector collect(report);
    report.stats.bytes_scanned = scan.run(
        *source, [&](const Window&, std::uint64_t, std::uint64_t, std::vector<Finding>& found) {
            for (Finding& f : found) {
                report.stats.count(f);
                collect.add(std::move(f));
            }
        });
    report.stats.files_scanned = 1;
    return report;
}

} // namespace promptlint
