#include "report/fingerprint.h"

#include <openssl/evp.h>

#include "base/check.h"

namespace gori::report {

std::string Fingerprint(const rules::Finding& f, std::string_view scope) {
  std::string key;
  auto add = [&](std::string_view part) {
    key.append(part);
    key.push_back('\x1f');  // unit separator: no field can run into the next
  };
  add(f.rule_id);
  if (f.object) {
    add(f.object->kind());
    add(f.object->namespace_());
    add(f.object->name());
  } else {
    // A document-level finding has no object identity; its message is the next best thing.
    add(f.file);
    add(f.message);
  }
  add(f.path);
  add(f.container);
  add(scope);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  GORI_CHECK(EVP_Digest(key.data(), key.size(), digest, &size, EVP_sha256(), nullptr) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 16 && i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

}  // namespace gori::report
