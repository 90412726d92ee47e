#include "webhook/config.h"

#include "base/source.h"
#include "doc/document.h"
#include "yaml/loader.h"

namespace gori::webhook {
namespace {

tl::unexpected<Error> FailAt(const Source& src, const doc::Node* n, std::string message) {
  return Fail(std::move(message), SourcePos{src.name(), n->line(), n->column()});
}

Status ReadStringList(const Source& src, const doc::Node* n, std::string_view key,
                      std::vector<std::string>& out) {
  if (!n->IsSeq()) return FailAt(src, n, "webhook.exempt." + std::string(key) + " must be a list");
  for (const doc::Node* item : n->items()) {
    auto s = item->AsString();
    if (!s) {
      return FailAt(src, item, "webhook.exempt." + std::string(key) + " entries must be strings");
    }
    out.emplace_back(*s);
  }
  return {};
}

Status Apply(const Source& src, const doc::Node* root, ReviewPolicy& policy) {
  if (root == nullptr) return {};
  if (!root->IsMap()) return FailAt(src, root, "the configuration must be a map");
  const doc::Node* wh = root->Get("webhook");
  if (wh == nullptr) return {};
  if (!wh->IsMap()) return FailAt(src, wh, "webhook must be a map");
  for (const doc::Pair& p : wh->pairs()) {
    std::string_view key = p.key->text();
    if (key == "denyOn") {
      auto s = p.value->AsString();
      if (!s) return FailAt(src, p.value, "webhook.denyOn must be a severity name");
      auto sev = ParseSeverity(*s);
      if (!sev) return FailAt(src, p.value, "webhook.denyOn: " + sev.error().message);
      policy.deny_on = *sev;
    } else if (key == "exempt") {
      if (!p.value->IsMap()) return FailAt(src, p.value, "webhook.exempt must be a map");
      for (const doc::Pair& e : p.value->pairs()) {
        std::string_view k = e.key->text();
        std::vector<std::string>* list = k == "namespaces" ? &policy.exempt_namespaces
                                         : k == "users"    ? &policy.exempt_users
                                         : k == "groups"   ? &policy.exempt_groups
                                                           : nullptr;
        if (list == nullptr) {
          return FailAt(
              src, e.key,
              "unknown key webhook.exempt." + std::string(k) + " (want namespaces, users, groups)");
        }
        if (auto st = ReadStringList(src, e.value, k, *list); !st) return st;
      }
    } else {
      return FailAt(src, p.key,
                    "unknown key webhook." + std::string(key) + " (want denyOn, exempt)");
    }
  }
  return {};
}

Status ApplyFile(doc::LoadedFile& file, ReviewPolicy& policy) {
  if (auto st = yaml::Load(file); !st) return st;
  for (const doc::Document& d : file.documents) {
    if (auto st = Apply(*file.source, d.root, policy); !st) return st;
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
