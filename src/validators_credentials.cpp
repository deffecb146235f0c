// Structural checks for credentials (token checksums, encodings), named in rule packs as
// {"type": NAME}. Registered in the table at the end of this file.
#include "promptlint/validators.hpp"

namespace promptlint::validators {

std::span<const NamedCheck> credential_checks() {
    return {};
}

} // namespace promptlint::validators
