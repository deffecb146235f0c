// `promptlint redact` and `promptlint restore`: make a text safe to paste into an assistant, and
// put the values back into its answer.
#include "promptlint/redact.hpp"
#include "promptlint/scanner.hpp"
#include "promptlint/vault.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_common.hpp"

namespace promptlint::cli {
namespace {

constexpr const char* k_redact_exit_codes = R"(Exit codes:
  0  the redacted text was written (whether or not anything was found)
  2  usage or rule-pack error; a map that is corrupt, sealed with another key or cannot be
     written; the output could not be written (the map is still saved)
  3  the input could not be read)";

constexpr const char* k_restore_exit_codes = R"(Exit codes:
  0  the restored text was written
  2  usage error; a map that is missing, corrupt or sealed with another key
  3  the input could not be read)";

struct RedactArgs {
    std::string path;
    std::string output;
    std::string style = "placeholder";
    std::string map;
    std::string map_key_file;
    std::string hash_key_file;
    std::string min_severity = "low";
    std::string min_confidence = "low";
    std::vector<std::string> categories;
    bool preamble = false;
    bool quiet = false;
};

struct RestoreArgs {
    std::string path;
    std::string output;
    std::string map;
    std::string map_key_file;
    bool quiet = false;
};

// The output could not be written (a closed pipe, a full disk).
class OutputFailure : public Error {
public:
    using Error::Error;
};

// Standard output, or a file that appears only once it is complete.
class Output {
public:
    explicit Output(const std::string& path) {
        if (!path.empty() && path != "-") {
            m_file = std::make_unique<AtomicFile>(path, mode_for(path));
        }
    }
    void write(std::string_view bytes) {
        if (m_file) {
            try {
                m_file->write(bytes);
            } catch (const Error& e) {
                throw OutputFailure(e.what());
            }
            return;
        }
        while (!bytes.empty()) {
            const ssize_t n = ::write(STDOUT_FILENO, bytes.data(), bytes.size());
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                throw OutputFailure(
                    fmt::format("cannot write the output: {}", std::strerror(errno)));
            }
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    void commit() {
        if (m_file) {
            m_file->commit();
        }
    }

private:
    // An existing file keeps its permissions; a new one gets the usual ones (0666 less umask).
    static unsigned mode_for(const std::string& path) {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0) {
            return st.st_mode & 07777U;
        }
        const mode_t mask = ::umask(0);
        ::umask(mask);
        return 0666U & ~static_cast<unsigned>(mask);
    }

    std::unique_ptr<AtomicFile> m_file;
};

InputItem input_item(const std::string& path) {
    if (path.empty() || path == "-") {
        if (::isatty(STDIN_FILENO)) {
            throw Error("no input: name a file, or pipe text in (e.g. `pbpaste | promptlint "
                        "redact`)");
        }
        InputItem item; // member by member: InputItem may grow
        item.display.assign(1, '-');
        item.is_stdin = true;
        item.explicit_path = true;
        return item;
    }
    InputItem item;
    item.display = path;
    item.path = path;
    item.explicit_path = true;
    return item;
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

int run_redact(const RuleOptions& rule_opts, const RedactArgs& args) {
    const RedactStyle style = parse_or_throw(parse_redact_style(args.style), "--style", args.style,
                                             "placeholder, mask, hash, remove");
    constexpr std::string_view k_levels = "info, low, medium, high, critical";
    ScanOptions scan_options;
    scan_options.min_severity = parse_or_throw(parse_severity(args.min_severity), "--min-severity",
                                               args.min_severity, k_levels);
    scan_options.min_confidence =
        parse_or_throw(parse_confidence(args.min_confidence), "--min-confidence",
                       args.min_confidence, "low, medium, high");
    RedactOptions options;
    options.style = style;
    options.preamble = args.preamble;
    for (const std::string& c : args.categories) {
        options.categories.push_back(
            parse_or_throw(parse_category(c), "--category", c, "credential, pii, confidential"));
    }
    const bool tokens = style == RedactStyle::placeholder || style == RedactStyle::hash;
    if (!args.map.empty() && !tokens) {
        throw Error(fmt::format("--map records placeholders and hash tokens; --style {} writes "
                                "none, so there would be nothing to restore",
                                args.style));
    }
    if (!args.map_key_file.empty() && args.map.empty()) {
        throw Error("--map-key-file seals a map: give the map with --map");
    }
    if (!args.hash_key_file.empty()) {
        if (style != RedactStyle::hash) {
            throw Error("--hash-key-file is for --style hash");
        }
        options.hash_key = hash_key_from_file(args.hash_key_file);
    }
    const InputItem item = input_item(args.path);

    // The map first: a wrong key or an unwritable folder must stop the run before any output.
    std::optional<MapFile> map;
    if (!args.map.empty()) {
        map.emplace(args.map, map_passphrase(args.map_key_file), true);
    }
    Vault scratch; // without --map: consistent placeholders within this run only
    Vault& vault = map ? map->vault() : scratch;

    const RuleSet rules = rule_opts.load();
    const Database db = rule_opts.compile(rules);
    const Scanner scanner(rules.rules(), db, scan_options);
    Output output(args.output);
    Redactor redactor(rules.rules(), options, vault,
                      [&output](std::string_view bytes) { output.write(bytes); });
    // A reader that stops early (`| head`) must not kill the run before the map is saved:
    // the placeholders it did read would have no values.
    std::signal(SIGPIPE, SIG_IGN);
    int rc = static_cast<int>(ExitCode::clean);
    try {
        redact_input(scanner, item, redactor);
    } catch (const InputFailure& e) {
        std::cerr << fmt::format("promptlint: {}: {}\n", item.display, e.what());
        rc = static_cast<int>(ExitCode::input_error);
    } catch (const OutputFailure& e) {
        std::cerr << fmt::format("promptlint: error: {}{}\n", e.what(),
                                 map ? " (the map is saved)" : "");
        rc = static_cast<int>(ExitCode::usage);
    }
    // Saved even after a read error: placeholders already written must stay restorable.
    const bool saved = map && map->save_if_changed();
    if (rc == 0) {
        output.commit();
    }

    const RedactSummary& s = redactor.summary();
    if (!args.quiet && (rc == 0 || s.replaced > 0)) {
        std::string text;
        if (s.replaced == 0) {
            text = "promptlint: nothing to redact\n";
        } else {
            text = fmt::format("promptlint: redacted {}", plural(s.replaced, "value", "values"));
            if (style == RedactStyle::placeholder) {
                text += fmt::format(" with {}",
                                    plural(s.tokens_used.size(), "placeholder", "placeholders"));
            } else if (style == RedactStyle::hash) {
                text += fmt::format(" with {}", plural(s.tokens_used.size(), "token", "tokens"));
            }
            text += "\n";
            for (const auto& [rule, count] : s.by_rule) {
                text += fmt::format("{:>8}  {}\n", count, rule);
            }
        }
        if (map) {
            text += fmt::format("promptlint: map: {} new, {} in all{}{}\n", vault.added(),
                                vault.entries().size(), map->sealed() ? ", encrypted" : "",
                                saved ? "" : ", unchanged");
        }
        std::cerr << text;
    }
    if (!s.collisions.empty()) {
        std::string list;
        for (const std::string& t : s.collisions) {
            list += (list.empty() ? "" : ", ") + t;
        }
        std::cerr << fmt::format(
            "promptlint: warning: the input also holds {} as text, after this run gave {} to a "
            "value: restore will put the value in both places (redact a file, not a pipe, to "
            "avoid this)\n",
            list, s.collisions.size() == 1 ? "it" : "them");
    }
    return rc;
}

int run_restore(const RestoreArgs& args) {
    const InputItem item = input_item(args.path);
    MapFile map(args.map, map_passphrase(args.map_key_file), false);
    Output output(args.output);
    int rc = static_cast<int>(ExitCode::clean);
    RestoreSummary s;
    try {
        s = restore_input(item, map.vault(),
                          [&output](std::string_view bytes) { output.write(bytes); });
    } catch (const InputFailure& e) {
        std::cerr << fmt::format("promptlint: {}: {}\n", item.display, e.what());
        rc = static_cast<int>(ExitCode::input_error);
    }
    if (rc == 0) {
        output.commit();
    }
    if (!args.quiet) {
        std::cerr << fmt::format("promptlint: restored {} ({} distinct)\n",
                                 plural(s.restored, "placeholder", "placeholders"),
                                 s.restored_tokens.size());
    }
    // Listed even with --quiet: text that looks like a placeholder but was left as it is
    // usually means the assistant invented or altered one.
    if (s.unknown_count > 0) {
        std::string list;
        for (const std::string& t : s.unknown) {
            list += (list.empty() ? "" : ", ") + t;
        }
        if (s.unknown_truncated) {
            list += ", …";
        }
        std::cerr << fmt::format("promptlint: {} not in the map, left as written: {}\n",
                                 plural(s.unknown_count, "placeholder", "placeholders"), list);
    }
    return rc;
}

} // namespace

std::vector<Command> add_redact_commands(CLI::App& app, RuleOptions& rules) {
    auto r = std::make_shared<RedactArgs>();
    CLI::App* redact = app.add_subcommand(
        "redact", "Write the input with every finding replaced (placeholders by default)");
    redact->footer(k_redact_exit_codes);
    redact->add_option("path", r->path, "A file to redact; '-' or none: stdin");
    redact->add_option("-o,--output", r->output, "Write to this file (default: stdout)");
    redact->add_option("--style", r->style, "placeholder, mask, hash or remove")
        ->capture_default_str();
    redact->add_option("--map", r->map,
                       "Record placeholders and values in this file (mode 0600), and reuse it");
    redact->add_option("--map-key-file", r->map_key_file,
                       "Encrypt the map with the passphrase in this file (or PROMPTLINT_MAP_KEY)");
    redact->add_option("--hash-key-file", r->hash_key_file,
                       "--style hash: key the hash with this file (default: the map's key)");
    redact->add_flag("--preamble", r->preamble,
                     "Add a first line asking the assistant to keep the placeholders as written");
    redact->add_flag("-q,--quiet", r->quiet, "No summary on stderr");
    redact
        ->add_option("--min-severity", r->min_severity,
                     "Redact findings at or above: info, low, medium, high, critical")
        ->capture_default_str();
    redact
        ->add_option("--min-confidence", r->min_confidence,
                     "Redact findings at or above: low, medium, high")
        ->capture_default_str();
    redact
        ->add_option("--category", r->categories,
                     "Redact only this category (credential, pii, confidential); repeatable")
        ->allow_extra_args(false);
    rules.add_to(*redact);

    auto s = std::make_shared<RestoreArgs>();
    CLI::App* restore =
        app.add_subcommand("restore", "Put the values of a map back in place of its placeholders");
    restore->footer(k_restore_exit_codes);
    restore->add_option("path", s->path, "A file to restore; '-' or none: stdin");
    restore->add_option("--map", s->map, "The map written by `promptlint redact --map`")
        ->required();
    restore->add_option("--map-key-file", s->map_key_file,
                        "The passphrase of an encrypted map (or PROMPTLINT_MAP_KEY)");
    restore->add_option("-o,--output", s->output, "Write to this file (default: stdout)");
    restore->add_flag("-q,--quiet", s->quiet,
                      "No summary on stderr (unknown placeholders are "
                      "still listed)");

    return {{redact, [&rules, r] { return run_redact(rules, *r); }},
            {restore, [s] { return run_restore(*s); }}};
}

} // namespace promptlint::cli
