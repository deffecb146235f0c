// The reference point for promptlint's speed: bare Hyperscan over promptlint's own compiled
// databases (`promptlint rules --export-db FILE`), counting matches and doing nothing else.
// Like promptlint's matcher it scans the main database over everything and the digit-gated
// one only around runs of digits (the same regions, from include/promptlint/gate.hpp);
// --single scans the gated database over everything too, as if there were no gate.
//   hsref [--single] DB [FILE…]   (no FILE: stdin)
#include "promptlint/gate.hpp"

#include <hs.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

std::string read_all(int fd) {
    std::string out;
    char buf[1 << 16];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) {
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

int count_match(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
    ++*static_cast<unsigned long long*>(ctx);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    int first = 1;
    const bool single = argc > 1 && std::strcmp(argv[1], "--single") == 0;
    if (single) {
        ++first;
    }
    if (argc <= first) {
        std::fprintf(stderr, "usage: hsref [--single] DB [FILE...]\n");
        return 2;
    }
    const char* db_path = argv[first++];
    int fd = ::open(db_path, O_RDONLY);
    if (fd < 0) {
        std::perror(db_path);
        return 2;
    }
    const std::string bytes = read_all(fd);
    ::close(fd);
    // The layout of Database::serialized(): u32 run, u32 margin, u64 main size, main, gated.
    std::uint32_t run = 0;
    std::uint32_t margin = 0;
    std::uint64_t main_size = 0;
    constexpr std::size_t head = sizeof run + sizeof margin + sizeof main_size;
    if (bytes.size() < head) {
        std::fprintf(stderr, "hsref: %s is not an exported database\n", db_path);
        return 2;
    }
    std::memcpy(&run, bytes.data(), sizeof run);
    std::memcpy(&margin, bytes.data() + sizeof run, sizeof margin);
    std::memcpy(&main_size, bytes.data() + sizeof run + sizeof margin, sizeof main_size);
    hs_database_t* db = nullptr;
    hs_database_t* gated = nullptr;
    hs_scratch_t* scratch = nullptr;
    const std::size_t gated_size = bytes.size() - head - main_size;
    if (bytes.size() - head < main_size ||
        (main_size > 0 &&
         (hs_deserialize_database(bytes.data() + head, main_size, &db) != HS_SUCCESS ||
          hs_alloc_scratch(db, &scratch) != HS_SUCCESS)) ||
        (gated_size > 0 && (hs_deserialize_database(bytes.data() + head + main_size, gated_size,
                                                    &gated) != HS_SUCCESS ||
                            hs_alloc_scratch(gated, &scratch) != HS_SUCCESS))) {
        std::fprintf(stderr, "hsref: cannot load %s\n", db_path);
        return 2;
    }
    unsigned long long matches = 0;
    auto scan = [&](const char* data, std::size_t size) {
        if (db != nullptr) {
            hs_scan(db, data, static_cast<unsigned>(size), 0, scratch, count_match, &matches);
        }
        if (gated == nullptr) {
            return;
        }
        if (single) {
            hs_scan(gated, data, static_cast<unsigned>(size), 0, scratch, count_match, &matches);
            return;
        }
        promptlint::for_each_digit_region(
            {data, size}, run, margin, [&](std::size_t begin, std::size_t end) {
                hs_scan(gated, data + begin, static_cast<unsigned>(end - begin), 0, scratch,
                        count_match, &matches);
            });
    };
    if (argc == first) {
        const std::string input = read_all(STDIN_FILENO);
        scan(input.data(), input.size());
    }
    for (int i = first; i < argc; ++i) {
        int in = ::open(argv[i], O_RDONLY);
        struct stat st {};
        if (in < 0 || ::fstat(in, &st) != 0) {
            std::perror(argv[i]);
            return 3;
        }
        if (st.st_size > 0) {
            const auto size = static_cast<std::size_t>(st.st_size);
            void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, in, 0);
            if (p == MAP_FAILED) {
                std::perror(argv[i]);
                return 3;
            }
            scan(static_cast<const char*>(p), size);
            ::munmap(p, size);
        }
        ::close(in);
    }
    std::printf("%llu matches\n", matches);
    hs_free_scratch(scratch);
    hs_free_database(db);
    hs_free_database(gated);
    return 0;
}
