// Credential detection for sec-literal-secret-env and sec-sensitive-configmap: high-confidence
// value patterns (cloud keys, private keys, tokens, JWTs, URLs with a password), names that
// say "credential" but are settings (TOKEN_TTL, PASSWORD_FILE), and redaction. Nothing here
// ever returns or formats the secret itself.
#pragma once

#include <string>
#include <string_view>

namespace gori::rules {

// What the value contains, e.g. "an AWS access key ID", or "" when no pattern matches.
// `offset` receives the byte offset of the match.
std::string_view CredentialPattern(std::string_view value, std::size_t* offset = nullptr);
// A name that matches the credential patterns but names a setting about a credential
// (…_FILE, …_PATH, …_TTL, …_NAME, …_URL, …_ID, …).
bool IsSettingName(std::string_view name);
// Whether the literal value of a credential-named variable is plausibly the credential: not
// empty, not a reference ($(VAR), ${VAR}, {{ }}), not a path, number, boolean or mask.
bool LooksLikeLiteralSecret(std::string_view value);
// "redacted, 24 characters".
std::string Redacted(std::string_view value);

}  // namespace gori::rules
