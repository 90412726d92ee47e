#include "canary/serve_request.h"

#include <charconv>

#include <fmt/format.h>

#include "base/source.h"
#include "doc/document.h"
#include "doc/fields.h"
#include "json/loader.h"

namespace gori::canary {
namespace {

constexpr std::string_view kFile = "request";

Result<doc::LoadedFile> LoadBody(std::string_view body) {
  doc::LoadedFile file;
  file.source = Source::CopyOf(std::string(kFile), body);
  if (auto s = json::Load(file); !s) return tl::unexpected(s.error());
  if (file.documents.empty() || !file.documents[0].root) return Fail("request: empty body");
  if (!file.documents[0].root->IsMap()) {
    return Fail("request body must be a JSON object", SourcePos{kFile, 1, 1});
  }
  return file;
}

bool IsVerdict(std::string_view v) {
  return v == "pass" || v == "marginal" || v == "inconclusive" || v == "fail";
}

// The fields /v1/judge and Flagger's metadata share; `strings_only` for Flagger's map of strings.
Status ReadFields(const doc::FieldReader& r, const doc::Node* map, std::string_view where,
                  bool strings_only, ServeRequest& out) {
  for (const auto& p : map->pairs()) {
    const std::string_view key = p.key->text();
    const doc::Node* v = p.value;
    const std::string what = where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
    std::string* target = key == "config"       ? &out.config_name
                          : key == "configYaml" ? &out.config_yaml
                          : key == "baseline"   ? &out.baseline
                          : key == "canary"     ? &out.canary
                          : key == "window"     ? &out.window
                          : key == "end"        ? &out.end
                          : key == "start"      ? &out.start
                                                : nullptr;
    if (target) {
      auto s = r.String(v, what);
      if (!s) return tl::unexpected(s.error());
      *target = std::string(*s);
      continue;
    }
    if (key == "look") {
      if (strings_only) {
        auto s = r.String(v, what);
        if (!s) return tl::unexpected(s.error());
        int look = 0;
        auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), look);
        if (ec != std::errc() || ptr != s->data() + s->size() || look < 1 || look > 1000) {
          return r.Bad(v, fmt::format("{} must be an integer from 1 to 1000", what));
        }
        out.look = look;
      } else {
        auto look = r.Int(v, what, 1, 1000);
        if (!look) return tl::unexpected(look.error());
        out.look = static_cast<int>(*look);
      }
      continue;
    }
    if (key == "proceedOn" && strings_only) {
      auto s = r.String(v, what);
      if (!s) return tl::unexpected(s.error());
      std::string_view rest = *s;
      while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!IsVerdict(item)) {
          return r.Bad(v, fmt::format("{}: '{}' is not a verdict (pass, marginal, inconclusive, "
                                      "fail)",
                                      what, item));
        }
        out.proceed_on.emplace_back(item);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
      if (out.proceed_on.empty()) return r.Bad(v, what + " must name at least one verdict");
      continue;
    }
    const std::string allowed = strings_only ? "config, configYaml, baseline, canary, window, "
                                               "end, start, look, proceedOn"
                                             : "config, configYaml, baseline, canary, window, "
                                               "end, start, look";
    return r.Bad(p.key, fmt::format("unknown key '{}' in {} (allowed: {})", key,
                                    where.empty() ? "the request" : where, allowed));
  }
  if (!out.config_name.empty() && !out.config_yaml.empty()) {
    return r.Bad(map, fmt::format("{}: give config or configYaml, not both",
                                  where.empty() ? "request" : where));
  }
  if (!out.config_name.empty() && !ValidConfigName(out.config_name)) {
    return r.Bad(map->Get("config"),
                 fmt::format("{}config '{}' is not a config name (letters, digits, '.', '_', "
                             "'-')",
                             where.empty() ? "" : std::string(where) + ".", out.config_name));
  }
  for (auto [value, key] : {std::pair{&out.baseline, "baseline"}, {&out.canary, "canary"}}) {
    if (value->empty() && !map->Get(key)) {
      return r.Bad(map, fmt::format("{}.{} is missing", where.empty() ? "request" : where, key));
    }
  }
  return {};
}

}  // namespace

bool ValidConfigName(std::string_view name) {
  if (name.empty() || name.size() > 253 || name.front() == '.') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<ServeRequest> ReadJudgeRequest(std::string_view body) {
  auto file = LoadBody(body);
  if (!file) return tl::unexpected(file.error());
  doc::FieldReader r(kFile);
  ServeRequest out;
  if (auto s = ReadFields(r, file->documents[0].root, "", false, out); !s) {
    return tl::unexpected(s.error());
  }
  return out;
}

Result<ServeRequest> ReadFlaggerRequest(std::string_view body) {
  auto file = LoadBody(body);
  if (!file) return tl::unexpected(file.error());
  doc::FieldReader r(kFile);
  const doc::Node* root = file->documents[0].root;
  ServeRequest out;
  for (auto [target, key] :
       {std::pair{&out.name, "name"}, {&out.namespace_name, "namespace"}, {&out.phase, "phase"}}) {
    if (const doc::Node* n = root->Get(key)) {
      auto s = r.String(n, key);
      if (!s) return tl::unexpected(s.error());
      *target = std::string(*s);
    }
  }
  auto metadata = r.Member(root, "metadata", "request");
  if (!metadata) return tl::unexpected(metadata.error());
  if (auto s = r.Map(*metadata, "metadata"); !s) return tl::unexpected(s.error());
  if (auto s = ReadFields(r, *metadata, "metadata", true, out); !s) {
    return tl::unexpected(s.error());
  }
  return out;
}

}  // namespace gori::canary
