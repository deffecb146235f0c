#pragma once
// The tool's version (from CMake's project version) and the Hyperscan it runs on.

#include <string>

namespace promptlint {

std::string version();

} // namespace promptlint
