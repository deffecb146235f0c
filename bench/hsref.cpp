// The reference point for promptlint's speed: bare Hyperscan over promptlint's own compiled
// database (`promptlint rules --export-db FILE`), counting matches and doing nothing else.
//   hsref DB [FILE…]   (no FILE: stdin)
#include <hs.h>

#include <cstdio>
#include <cstdlib>
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
    if (argc < 2) {
        std::fprintf(stderr, "usage: hsref DB [FILE...]\n");
        return 2;
    }
    int fd = ::open(argv[1], O_RDONLY);
    if (fd < 0) {
        std::perror(argv[1]);
        return 2;
    }
    const std::string bytes = read_all(fd);
    ::close(fd);
    hs_database_t* db = nullptr;
    hs_scratch_t* scratch = nullptr;
    if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS ||
        hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
        std::fprintf(stderr, "hsref: cannot load %s\n", argv[1]);
        return 2;
    }
    unsigned long long matches = 0;
    auto scan = [&](const char* data, std::size_t size) {
        hs_scan(db, data, static_cast<unsigned>(size), 0, scratch, count_match, &matches);
    };
    if (argc == 2) {
        const std::string input = read_all(STDIN_FILENO);
        scan(input.data(), input.size());
    }
    for (int i = 2; i < argc; ++i) {
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
    return 0;
}
