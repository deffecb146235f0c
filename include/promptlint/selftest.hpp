#pragma once
// Rules prove themselves: every rule's examples must be reported by that rule (at the declared
// value, when one is given) and none of its negative examples may be, through the whole
// scanner with every loaded rule in force. Used by `promptlint check-rules` and the test suite.

#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"

#include <string>
#include <vector>

namespace promptlint {

struct ExampleFailure {
    std::string rule_id;
    std::string source; // file:line of the rule
    std::string problem;
};

std::vector<ExampleFailure> check_examples(const std::vector<Rule>& rules, const Database& db);

} // namespace promptlint
