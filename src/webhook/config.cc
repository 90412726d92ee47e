#include "webhook/config.h"

#include "base/source.h"
#include "doc/document.h"
#include "doc/fields.h"
#include "yaml/loader.h"

namespace gori::webhook {
namespace {

Status Apply(const doc::FieldReader& f, const doc::Node* root, ReviewPolicy& policy) {
  if (root == nullptr) return {};
  if (!root->IsMap()) return f.Bad(root, "the configuration must be a map");
  const doc::Node* wh = root->Get("webhook");
  if (wh == nullptr) return {};
  if (auto st = f.Map(wh, "webhook"); !st) return st;
  for (const doc::Pair& p : wh->pairs()) {
    std::string_view key = p.key->text();
    if (key == "denyOn") {
      auto s = p.value->AsString();
      if (!s) return f.Bad(p.value, "webhook.denyOn must be a severity name");
      auto sev = ParseSeverity(*s);
      if (!sev) return f.Bad(p.value, "webhook.denyOn: " + sev.error().message);
      policy.deny_on = *sev;
    } else if (key == "exempt") {
      if (auto st = f.Map(p.value, "webhook.exempt"); !st) return st;
      for (const doc::Pair& e : p.value->pairs()) {
        std::string_view k = e.key->text();
        std::vector<std::string>* list = k == "namespaces" ? &policy.exempt_namespaces
                                         : k == "users"    ? &policy.exempt_users
                                         : k == "groups"   ? &policy.exempt_groups
                                                           : nullptr;
        if (list == nullptr) {
          return f.Bad(e.key, "unknown key webhook.exempt." + std::string(k) +
                                  " (want namespaces, users, groups)");
        }
        std::string what = "webhook.exempt." + std::string(k);
        if (!e.value->IsSeq()) return f.Bad(e.value, what + " must be a list");
        if (auto st = f.Strings(e.value, what, *list); !st) return st;
      }
    } else {
      return f.Bad(p.key, "unknown key webhook." + std::string(key) + " (want denyOn, exempt)");
    }
  }
  return {};
}

Status ApplyFile(doc::LoadedFile& file, ReviewPolicy& policy) {
  if (auto st = yaml::Load(file); !st) return st;
  for (const doc::Document& d : file.documents) {
    if (auto st = Apply(doc::FieldReader(file.source->name()), d.root, policy); !st) return st;
  }
  return {};
}

}  // namespace

Status LoadWebhookConfig(const std::string& path, ReviewPolicy& policy) {
  auto src = Source::Read(path);
  if (!src) return tl::unexpected(src.error());
  doc::LoadedFile file;
  file.source = std::move(*src);
  return ApplyFile(file, policy);
}

Status ParseWebhookConfig(std::string name, std::string bytes, ReviewPolicy& policy) {
  doc::LoadedFile file;
  file.source = Source::FromString(std::move(name), std::move(bytes));
  return ApplyFile(file, policy);
}

}  // namespace gori::webhook
