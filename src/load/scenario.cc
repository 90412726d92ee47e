#include "load/scenario.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <initializer_list>

#include <fmt/format.h>

#include "base/source.h"
#include "doc/document.h"
#include "doc/fields.h"
#include "yaml/loader.h"

namespace gori::load {
namespace {

using doc::Node;

// Scenario fields through gori's one typed-field reader, plus the scenario's own rules.
class Reader : public doc::FieldReader {
 public:
  using doc::FieldReader::FieldReader;

  Result<int64_t> Duration(const Node* n, std::string_view what) const {
    auto d = FieldReader::Duration(n, what);
    if (d && *d <= 0) return Bad(n, fmt::format("{} must be positive", what));
    return d;
  }
  Result<int64_t> Count(const Node* n, std::string_view what, int64_t min) const {
    return Int(n, what, min);
  }
  Result<double> Rate(const Node* n, std::string_view what) const { return Number(n, what); }
};

bool ValidStepName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string JoinPath(const std::string& base, std::string_view path) {
  if (base == "/" || base.empty()) return std::string(path);
  std::string b = base;
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b + std::string(path);
}

Status ReadLoad(const Reader& r, const Node* n, LoadOptions& o) {
  if (auto s =
          r.Keys(n, "load",
                 {"model", "rate", "duration", "stages", "start_rate", "arrivals", "connections",
                  "max_connections", "threads", "iterations", "drop_late", "warmup"});
      !s) {
    return s;
  }
  const Node* model = n->Get("model");
  bool want_open = false, model_given = false;
  if (model) {
    model_given = true;
    if (model->text() == "open") {
      want_open = true;
    } else if (model->text() != "closed") {
      return r.Bad(model, "load.model must be 'open' or 'closed'");
    }
  }
  if (const Node* d = n->Get("duration")) {
    auto v = r.Duration(d, "load.duration");
    if (!v) return tl::unexpected(v.error());
    o.duration_ns = *v;
  }
  if (const Node* w = n->Get("warmup")) {
    auto v = r.Duration(w, "load.warmup");
    if (!v) return tl::unexpected(v.error());
    o.warmup_ns = *v;
  }
  double start_rate = 0;
  if (const Node* s = n->Get("start_rate")) {
    auto v = r.Rate(s, "load.start_rate");
    if (!v) return tl::unexpected(v.error());
    start_rate = *v;
  }
  if (const Node* rate = n->Get("rate")) {
    auto v = r.Rate(rate, "load.rate");
    if (!v) return tl::unexpected(v.error());
    if (*v <= 0) return r.Bad(rate, "load.rate must be positive");
    o.open = true;
    o.stages = {{0, *v, *v}};  // duration filled in when the run's length is known
  }
  if (const Node* st = n->Get("stages")) {
    if (n->Get("rate")) return r.Bad(st, "load.stages and load.rate exclude each other");
    o.open = true;
    o.stages.clear();
    if (st->IsScalar()) {
      auto v = ParseStages(st->text());
      if (!v) return r.Bad(st, "load.stages: " + v.error().message);
      o.stages = *v;
    } else if (st->IsSeq() && st->size() > 0) {
      double previous = start_rate;
      for (const Node* item : st->items()) {
        if (auto s = r.Keys(item, "a load stage", {"duration", "target"}); !s) return s;
        const Node* d = item->Get("duration");
        const Node* t = item->Get("target");
        if (!d || !t) return r.Bad(item, "a load stage needs duration and target");
        auto dv = r.Duration(d, "stage duration");
        if (!dv) return tl::unexpected(dv.error());
        auto tv = r.Rate(t, "stage target");
        if (!tv) return tl::unexpected(tv.error());
        o.stages.push_back({*dv, previous, *tv});
        previous = *tv;
      }
    } else {
      return r.Bad(st,
                   "load.stages must be a list of {duration, target} or a string like "
                   "'30s:0-500,2m:500'");
    }
  }
  if (model_given && want_open != o.open) {
    return r.Bad(model, want_open ? "load.model open needs load.rate or load.stages"
                                  : "load.model closed cannot have load.rate or load.stages");
  }
  if (const Node* a = n->Get("arrivals")) {
    if (a->text() == "poisson") {
      o.arrivals = Arrivals::kPoisson;
    } else if (a->text() != "constant") {
      return r.Bad(a, "load.arrivals must be 'constant' or 'poisson'");
    }
  }
  struct IntField {
    const char* key;
    int64_t min;
    int64_t* out64;
    int* out;
  };
  for (IntField f : {IntField{"connections", 1, nullptr, &o.connections},
                     IntField{"max_connections", 1, nullptr, &o.max_connections},
                     IntField{"threads", 1, nullptr, &o.threads},
                     IntField{"iterations", 1, &o.requests, nullptr}}) {
    if (const Node* v = n->Get(f.key)) {
      auto c = r.Count(v, fmt::format("load.{}", f.key), f.min);
      if (!c) return tl::unexpected(c.error());
      if (f.out64) *f.out64 = *c;
      if (f.out) *f.out = static_cast<int>(std::min<int64_t>(*c, 1'000'000));
    }
  }
  if (const Node* d = n->Get("drop_late")) {
    if (!d->IsBool()) return r.Bad(d, "load.drop_late must be true or false");
    o.drop_late = *d->AsBool();
  }
  return {};
}

}  // namespace

Result<Scenario> ParseScenario(std::string_view yaml, std::string_view file_name,
                               const std::string& base_dir) {
  doc::LoadedFile file;
  file.source = Source::FromString(std::string(file_name), std::string(yaml));
  if (auto s = yaml::Load(file); !s) return tl::unexpected(s.error());
  const Reader r(file.source->name());
  if (file.documents.size() != 1 || !file.documents[0].root) {
    return Fail("a scenario file holds exactly one YAML document", {file.source->name(), 1, 1});
  }
  const Node* root = file.documents[0].root;
  if (auto s = r.Keys(
          root, "the scenario",
          {"name", "base_url", "defaults", "load", "data", "steps", "thresholds", "abort_on_fail"});
      !s) {
    return tl::unexpected(s.error());
  }
  Scenario sc;
  if (const Node* n = root->Get("name")) {
    auto t = r.Text(n, "name");
    if (!t) return tl::unexpected(t.error());
    sc.name = std::string(*t);
  }
  const Node* base = root->Get("base_url");
  if (!base) return r.Bad(root, "the scenario needs base_url (e.g. http://127.0.0.1:8080)");
  {
    auto t = r.Text(base, "base_url");
    if (!t) return tl::unexpected(t.error());
    auto u = net::ParseUrl(*t);
    if (!u) return r.Bad(base, u.error().message);
    sc.url = std::move(*u);
  }

  std::vector<std::pair<std::string, std::string>> default_headers;
  if (const Node* d = root->Get("defaults")) {
    if (auto s = r.Keys(d, "defaults", {"headers", "timeout"}); !s)
      return tl::unexpected(s.error());
    if (const Node* h = d->Get("headers")) {
      if (!h->IsMap()) return r.Bad(h, "defaults.headers must be a mapping");
      for (const auto& p : h->pairs()) {
        auto v = r.Text(p.value, "a header value");
        if (!v) return tl::unexpected(v.error());
        default_headers.emplace_back(std::string(p.key->text()), std::string(*v));
      }
    }
    if (const Node* t = d->Get("timeout")) {
      auto v = r.Duration(t, "defaults.timeout");
      if (!v) return tl::unexpected(v.error());
      sc.load.timeout_ns = *v;
    }
  }
  if (const Node* l = root->Get("load")) {
    if (auto s = ReadLoad(r, l, sc.load); !s) return tl::unexpected(s.error());
  }

  TemplateNames names;
  if (const Node* d = root->Get("data")) {
    if (auto s = r.Keys(d, "data", {"csv", "order"}); !s) return tl::unexpected(s.error());
    const Node* csv = d->Get("csv");
    if (!csv) return r.Bad(d, "data needs csv: FILE");
    auto path = r.Text(csv, "data.csv");
    if (!path) return tl::unexpected(path.error());
    std::filesystem::path p{std::string(*path)};
    if (p.is_relative() && !base_dir.empty()) p = std::filesystem::path(base_dir) / p;
    auto src = Source::Read(p.string());
    if (!src) return r.Bad(csv, src.error().ToString());
    auto data = ParseCsv((*src)->bytes(), (*src)->name());
    if (!data) return tl::unexpected(data.error());
    sc.data = std::move(*data);
    sc.data_csv = std::string(*path);
    sc.data_csv_path = p.string();
    names.columns = sc.data.columns;
    if (const Node* o = d->Get("order")) {
      if (o->text() == "random") {
        sc.data_random = true;
      } else if (o->text() != "round-robin") {
        return r.Bad(o, "data.order must be 'round-robin' or 'random'");
      }
    }
  }

  const Node* steps = root->Get("steps");
  if (!steps || !steps->IsSeq() || steps->size() == 0) {
    return r.Bad(steps ? steps : root, "the scenario needs steps: a non-empty list");
  }
  // Every variable of the scenario, in the order steps extract them.
  for (const Node* st : steps->items()) {
    const Node* ex = st->IsMap() ? st->Get("extract") : nullptr;
    if (!ex) continue;
    if (!ex->IsMap()) return r.Bad(ex, "extract must map variable names to JSON paths");
    for (const auto& p : ex->pairs()) {
      const std::string name(p.key->text());
      if (!ValidStepName(name) || name == "uuid" || name == "rand_int" || name == "row") {
        return r.Bad(p.key, fmt::format("invalid variable name '{}'", name));
      }
      if (std::find(names.variables.begin(), names.variables.end(), name) ==
          names.variables.end()) {
        names.variables.push_back(name);
      }
    }
  }
  sc.variables = names.variables;
  names.variable_available.assign(names.variables.size(), false);

  for (const Node* st : steps->items()) {
    if (auto s = r.Keys(st, "a step", {"name", "request", "check", "extract", "timeout"}); !s) {
      return tl::unexpected(s.error());
    }
    Step step;
    const Node* name = st->Get("name");
    if (!name) return r.Bad(st, "a step needs a name");
    step.name = std::string(name->text());
    if (!ValidStepName(step.name)) {
      return r.Bad(
          name, fmt::format("step name '{}' may only use letters, digits, '_' and '-'", step.name));
    }
    for (const Step& other : sc.steps) {
      if (other.name == step.name) {
        return r.Bad(name, fmt::format("step name '{}' is used twice", step.name));
      }
    }
    const Node* req = st->Get("request");
    if (!req) return r.Bad(st, fmt::format("step '{}' needs a request", step.name));
    if (auto s = r.Keys(req, "a request", {"method", "path", "headers", "body"}); !s) {
      return tl::unexpected(s.error());
    }
    RequestParts parts;
    parts.host_header = sc.url.HostHeader();
    if (const Node* m = req->Get("method")) parts.method = std::string(m->text());
    const Node* path = req->Get("path");
    if (!path) return r.Bad(req, fmt::format("step '{}': the request needs a path", step.name));
    parts.target = JoinPath(sc.url.path, path->text());
    parts.headers = default_headers;
    if (const Node* h = req->Get("headers")) {
      if (!h->IsMap()) return r.Bad(h, "request headers must be a mapping");
      for (const auto& p : h->pairs()) {
        auto v = r.Text(p.value, "a header value");
        if (!v) return tl::unexpected(v.error());
        const std::string key(p.key->text());
        auto same = [&](const auto& kv) {
          if (kv.first.size() != key.size()) return false;
          for (std::size_t i = 0; i < key.size(); ++i) {
            if (std::tolower(static_cast<unsigned char>(kv.first[i])) !=
                std::tolower(static_cast<unsigned char>(key[i]))) {
              return false;
            }
          }
          return true;
        };
        std::erase_if(parts.headers, same);
        parts.headers.emplace_back(key, std::string(*v));
      }
    }
    const Node* body = req->Get("body");
    if (body) {
      if (!body->IsScalar()) return r.Bad(body, "body must be a string (quote JSON bodies)");
      parts.body = std::string(body->text());
    }
    auto compiled = CompiledRequest::Compile(parts, names);
    if (!compiled) {
      return r.Bad(body && compiled.error().message.starts_with("body") ? body : req,
                   fmt::format("step '{}': {}", step.name, compiled.error().message));
    }
    step.request = std::move(*compiled);

    if (const Node* c = st->Get("check")) {
      if (auto s = r.Keys(c, "check", {"status", "json"}); !s) return tl::unexpected(s.error());
      if (const Node* status = c->Get("status")) {
        std::vector<const Node*> items;
        if (status->IsSeq()) {
          items.assign(status->items().begin(), status->items().end());
        } else {
          items.push_back(status);
        }
        for (const Node* i : items) {
          auto v = i->IsInt() ? i->AsInt() : std::nullopt;
          if (!v || *v < 100 || *v > 599) {
            return r.Bad(i, "check.status must be an HTTP status (100-599) or a list of them");
          }
          step.statuses.push_back(static_cast<int>(*v));
        }
      }
      if (const Node* j = c->Get("json")) {
        if (!j->IsMap()) return r.Bad(j, "check.json must map JSON paths to 'exists' or a value");
        for (const auto& p : j->pairs()) {
          auto path_v = ParseJsonPath(p.key->text());
          if (!path_v) return r.Bad(p.key, path_v.error().message);
          if (!p.value->IsScalar()) return r.Bad(p.value, "a JSON check value must be a scalar");
          JsonCheck jc{std::move(*path_v), std::nullopt};
          if (!(p.value->IsString() && p.value->text() == "exists")) {
            jc.equals = std::string(p.value->text());
          }
          step.json_checks.push_back(std::move(jc));
        }
      }
    }
    if (const Node* ex = st->Get("extract")) {
      for (const auto& p : ex->pairs()) {
        auto v = r.Text(p.value, "an extract path");
        if (!v) return tl::unexpected(v.error());
        auto path_v = ParseJsonPath(*v);
        if (!path_v) return r.Bad(p.value, path_v.error().message);
        const auto idx = static_cast<std::size_t>(
            std::find(names.variables.begin(), names.variables.end(), p.key->text()) -
            names.variables.begin());
        step.extract.emplace_back(idx, std::move(*path_v));
      }
    }
    if (const Node* t = st->Get("timeout")) {
      auto v = r.Duration(t, "step timeout");
      if (!v) return tl::unexpected(v.error());
      step.timeout_ns = *v;
    }
    for (const auto& [idx, path_v] : step.extract) names.variable_available[idx] = true;
    sc.steps.push_back(std::move(step));
  }

  if (const Node* th = root->Get("thresholds")) {
    if (!th->IsSeq()) return r.Bad(th, "thresholds must be a list of 'METRIC OP VALUE'");
    for (const Node* t : th->items()) {
      auto text = r.Text(t, "a threshold");
      if (!text) return tl::unexpected(text.error());
      auto parsed = ParseThreshold(*text);
      if (!parsed) return r.Bad(t, parsed.error().message);
      if (!parsed->metric.step.empty()) {
        const bool known = std::any_of(sc.steps.begin(), sc.steps.end(), [&](const Step& s) {
          return s.name == parsed->metric.step;
        });
        if (!known) {
          return r.Bad(t, fmt::format("threshold '{}' names step '{}', which the scenario does "
                                      "not have",
                                      parsed->expr, parsed->metric.step));
        }
      }
      sc.thresholds.push_back(std::move(*parsed));
    }
  }
  if (const Node* a = root->Get("abort_on_fail")) {
    if (!a->IsBool()) return r.Bad(a, "abort_on_fail must be true or false");
    sc.abort_on_fail = *a->AsBool();
  }
  return sc;
}

Result<Scenario> LoadScenarioFile(const std::string& path) {
  auto src = Source::Read(path);
  if (!src) return tl::unexpected(src.error());
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return ParseScenario((*src)->bytes(), (*src)->name(), dir);
}

Result<Scenario> QuickScenario(std::string_view url, std::string_view method,
                               const std::vector<std::string>& headers, std::string_view body) {
  Scenario sc;
  auto u = net::ParseUrl(url);
  if (!u) return tl::unexpected(u.error());
  sc.url = std::move(*u);
  RequestParts parts;
  parts.method = std::string(method);
  parts.host_header = sc.url.HostHeader();
  parts.target = sc.url.path;
  for (const std::string& h : headers) {
    const std::size_t colon = h.find(':');
    if (colon == std::string::npos || colon == 0) {
      return Fail(fmt::format("invalid header '{}': expected 'Name: value'", h));
    }
    std::string_view value = std::string_view(h).substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    parts.headers.emplace_back(h.substr(0, colon), std::string(value));
  }
  parts.body = std::string(body);
  auto compiled = CompiledRequest::Compile(parts, TemplateNames{});
  if (!compiled) return tl::unexpected(compiled.error());
  Step step;
  step.name = "request";
  step.request = std::move(*compiled);
  sc.steps.push_back(std::move(step));
  return sc;
}

}  // namespace gori::load
