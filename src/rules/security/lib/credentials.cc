#include "rules/security/lib/credentials.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace gori::rules {
namespace {

bool IsUpperAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsUrlSafe(char c) { return IsAlnum(c) || c == '_' || c == '-'; }

// Length of the run of characters satisfying `pred` starting at `i`.
template <typename Pred>
std::size_t Run(std::string_view s, std::size_t i, Pred pred) {
  std::size_t j = i;
  while (j < s.size() && pred(s[j])) ++j;
  return j - i;
}

bool WordStart(std::string_view s, std::size_t i) { return i == 0 || !IsAlnum(s[i - 1]); }

// Prefix + at least `min` (and, when `max` > 0, exactly up to `max`) characters of `pred`.
template <typename Pred>
bool TokenAt(std::string_view s, std::size_t i, std::string_view prefix, std::size_t min,
             std::size_t max, Pred pred) {
  if (!WordStart(s, i) || s.substr(i, prefix.size()) != prefix) return false;
  std::size_t n = Run(s, i + prefix.size(), pred);
  if (n < min) return false;
  return max == 0 || n == max;
}

bool AwsKeyAt(std::string_view s, std::size_t i) {
  static constexpr std::string_view kPrefixes[] = {"AKIA", "ASIA", "AGPA", "AIDA",
                                                   "AROA", "ANPA", "ANVA", "AIPA"};
  for (std::string_view p : kPrefixes) {
    if (TokenAt(s, i, p, 16, 16, IsUpperAlnum)) return true;
  }
  return false;
}

bool JwtAt(std::string_view s, std::size_t i) {
  if (!WordStart(s, i) || s.substr(i, 3) != "eyJ") return false;
  // header.payload.signature, base64url; both JSON parts start with `{"` ("eyJ").
  std::size_t j = i;
  for (int part = 0; part < 3; ++part) {
    if (part == 1 && s.substr(j, 3) != "eyJ") return false;
    std::size_t n = Run(s, j, IsUrlSafe);
    if (n < 8) return false;
    j += n;
    if (part < 2) {
      if (j >= s.size() || s[j] != '.') return false;
      ++j;
    }
  }
  return true;
}

bool UrlPasswordAt(std::string_view s, std::size_t i) {
  if (s.substr(i, 3) != "://") return false;
  std::size_t scheme = i;
  while (scheme > 0 && (IsAlnum(s[scheme - 1]) || s[scheme - 1] == '+' || s[scheme - 1] == '.' ||
                        s[scheme - 1] == '-')) {
    --scheme;
  }
  if (scheme == i) return false;
  std::size_t start = i + 3;
  std::size_t end = start;
  while (end < s.size() && s[end] != '/' && s[end] != '@' &&
         !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != '"' && s[end] != '\'') {
    ++end;
  }
  if (end >= s.size() || s[end] != '@') return false;
  std::string_view userinfo = s.substr(start, end - start);
  auto colon = userinfo.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view password = userinfo.substr(colon + 1);
  if (password.empty() || password.front() == '$' || password.front() == '{' ||
      password.front() == '<' || password.front() == '%') {
    return false;
  }
  return end + 1 < s.size();
}

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == '-' || c == '.') c = '_';
  }
  return u;
}

}  // namespace

std::string_view CredentialPattern(std::string_view v, std::size_t* offset) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string_view what;
    char c = v[i];
    if (c == 'A' && AwsKeyAt(v, i)) {
      what = "an AWS access key ID";
    } else if (c == 'A' && TokenAt(v, i, "AIza", 35, 35, IsUrlSafe)) {
      what = "a Google API key";
    } else if (c == '-' && v.substr(i, 11) == "-----BEGIN " &&
               v.substr(i, 80).find("PRIVATE KEY-----") != std::string_view::npos) {
      what = "a private key";
    } else if (c == 'g' &&
               (TokenAt(v, i, "ghp_", 36, 0, IsAlnum) || TokenAt(v, i, "gho_", 36, 0, IsAlnum) ||
                TokenAt(v, i, "ghu_", 36, 0, IsAlnum) || TokenAt(v, i, "ghs_", 36, 0, IsAlnum) ||
                TokenAt(v, i, "ghr_", 36, 0, IsAlnum) ||
                TokenAt(v, i, "github_pat_", 22, 0, IsUrlSafe))) {
      what = "a GitHub token";
    } else if (c == 'g' && TokenAt(v, i, "glpat-", 20, 0, IsUrlSafe)) {
      what = "a GitLab token";
    } else if (c == 'x' && (TokenAt(v, i, "xoxb-", 10, 0, IsUrlSafe) ||
                            TokenAt(v, i, "xoxp-", 10, 0, IsUrlSafe) ||
                            TokenAt(v, i, "xoxa-", 10, 0, IsUrlSafe) ||
                            TokenAt(v, i, "xoxs-", 10, 0, IsUrlSafe))) {
      what = "a Slack token";
    } else if ((c == 's' || c == 'r') && (TokenAt(v, i, "sk_live_", 24, 0, IsAlnum) ||
                                          TokenAt(v, i, "rk_live_", 24, 0, IsAlnum))) {
      what = "a Stripe live key";
    } else if (c == 'e' && JwtAt(v, i)) {
      what = "a JSON Web Token";
    } else if (c == ':' && UrlPasswordAt(v, i)) {
      what = "a URL with a password";
    }
    if (!what.empty()) {
      if (offset) *offset = i;
      return what;
    }
  }
  return {};
}

bool IsSettingName(std::string_view name) {
  static constexpr std::string_view kSuffixes[] = {
      "_FILE",     "_PATH",       "_DIR",      "_NAME",    "_ID",       "_TTL",      "_TIMEOUT",
      "_EXPIRY",   "_EXPIRATION", "_EXPIRES",  "_LENGTH",  "_LEN",      "_SIZE",     "_URL",
      "_URI",      "_ENDPOINT",   "_HOST",     "_PORT",    "_HEADER",   "_TYPE",     "_ALGORITHM",
      "_ALG",      "_ISSUER",     "_AUDIENCE", "_ENABLED", "_REQUIRED", "_POLICY",   "_REF",
      "_VERSION",  "_MODE",       "_FORMAT",   "_PREFIX",  "_SECONDS",  "_MS",       "_MINUTES",
      "_HOURS",    "_DAYS",       "_COUNT",    "_LIMIT",   "_LOCATION", "_PROVIDER", "_STORE",
      "_MOUNT",    "_KEY_REF",    "_FIELD",    "_PARAM",   "_VAR",      "_ENV",      "_LIFETIME",
      "_INTERVAL", "_DURATION",   "_MAX",      "_MIN",     "_SCOPE",
  };
  std::string u = Upper(name);
  return std::any_of(std::begin(kSuffixes), std::end(kSuffixes),
                     [&](std::string_view s) { return u.ends_with(s); });
}

bool LooksLikeLiteralSecret(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  if (v.size() < 3) return false;
  if (v.front() == '$' || v.starts_with("{{") || v.front() == '<' || v.front() == '/' ||
      v.starts_with("file:") || v.starts_with("vault:") || v.starts_with("ref+") ||
      v.starts_with("arn:") || v.starts_with("projects/") || v.starts_with("%(")) {
    return false;
  }
  if (std::all_of(v.begin(), v.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return false;
  }
  if (std::all_of(v.begin(), v.end(), [&](char c) { return c == v.front(); })) return false;
  std::string u = Upper(v);
  static constexpr std::string_view kWords[] = {
      "TRUE", "FALSE",   "YES",      "NO",       "ON",       "OFF", "NONE",
      "NULL", "ENABLED", "DISABLED", "REQUIRED", "OPTIONAL", "AUTO"};
  if (std::find(std::begin(kWords), std::end(kWords), u) != std::end(kWords)) return false;
  // Obvious placeholders ("changeme", "REPLACE_ME", "your-api-key-here", "example"): someone
  // is meant to replace them, they are not a leaked credential.
  std::string bare;
  for (char c : u) {
    if (c != '-' && c != '_' && c != ' ' && c != '.') bare += c;
  }
  static constexpr std::string_view kPlaceholders[] = {
      "CHANGEME", "CHANGEIT", "REPLACEME", "PLACEHOLDER", "TODO",     "TBD",
      "FIXME",    "DUMMY",    "EXAMPLE",   "SECRET",      "PASSWORD", "REDACTED",
      "NOTSET",   "SETME",    "MYSECRET",  "MYPASSWORD",  "SAMPLE"};
  if (std::find(std::begin(kPlaceholders), std::end(kPlaceholders), bare) !=
      std::end(kPlaceholders)) {
    return false;
  }
  if (bare.starts_with("YOUR") || bare.starts_with("REPLACE") || bare.ends_with("HERE") ||
      bare.starts_with("INSERT")) {
    return false;
  }
  // A duration or size ("15m", "24h", "30s", "10Mi") is a setting.
  std::size_t digits =
      Run(v, 0, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  if (digits > 0 && v.size() - digits <= 2) return false;
  return true;
}

std::string Redacted(std::string_view value) {
  return fmt::format("redacted, {} characters", value.size());
}

}  // namespace gori::rules
