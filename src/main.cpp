#include "promptlint/cli.hpp"

int main(int argc, char** argv) {
    return promptlint::run(argc, argv);
}
