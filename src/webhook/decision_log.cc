#include "webhook/decision_log.h"

#include "json/writer.h"

namespace gori::webhook {
namespace {

void Ids(json::Writer& w, std::string_view key, const std::vector<std::string_view>& ids) {
  w.Key(key).BeginArray();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j) seen = ids[j] == ids[i];
    if (!seen) w.String(ids[i]);
  }
  w.EndArray();
}

}  // namespace

void WriteDecisionLog(const AdmissionRequest& r, bool allowed, std::string_view decision,
                      const DecisionRules& rules, std::string& out) {
  out.clear();
  std::string name(r.name);
  if (name.empty() && r.object != nullptr) {
    if (const doc::Node* md = r.object->Get("metadata")) {
      const doc::Node* gn = md->Get("generateName");
      if (gn && gn->AsString()) name = std::string(*gn->AsString()) + "*";
    }
  }
  json::Writer w(out);
  w.BeginObject()
      .Member("event", "admission")
      .Member("uid", r.uid)
      .Member("operation", r.operation)
      .Member("kind", r.kind)
      .Member("namespace", r.namespace_)
      .Member("name", name)
      .Member("user", r.username)
      .Member("allowed", allowed)
      .Member("decision", decision);
  Ids(w, "denied_rules", rules.denied);
  Ids(w, "warned_rules", rules.warned);
  w.EndObject();
  out += '\n';
}

}  // namespace gori::webhook
