// Work done once when policies load, so that each review does less: variables that read
// nothing but `params` evaluated for every param object of the policy files, and variables that
// several policies spell the same way (and that read no other variable) marked to be evaluated
// once per object. Values and costs stay those of evaluating them in place (model.h).
#include <algorithm>

#include "cel/cel.h"
#include "policy/model.h"

namespace gori::policy {

namespace {

// A value that views nothing but the param object, the program text, static storage and the
// arena it was built in (no library object whose data may live elsewhere).
bool Storable(const cel::Value& v) {
  switch (v.kind) {
    case cel::Kind::kNull:
    case cel::Kind::kBool:
    case cel::Kind::kInt:
    case cel::Kind::kUint:
    case cel::Kind::kDouble:
    case cel::Kind::kString:
    case cel::Kind::kBytes:
    case cel::Kind::kTimestamp:
    case cel::Kind::kDuration:
      return true;
    case cel::Kind::kList:
      if (v.doc) return true;
      for (uint32_t i = 0; i < v.size; ++i) {
        if (!Storable(v.items[i])) return false;
      }
      return true;
    case cel::Kind::kMap:
      if (v.doc) return true;
      for (uint32_t i = 0; i < v.size; ++i) {
        if (!Storable(v.entries[i].key) || !Storable(v.entries[i].value)) return false;
      }
      return true;
    case cel::Kind::kOptional:
      return v.opt == nullptr || Storable(*v.opt);
    default:
      return false;
  }
}

}  // namespace

void PrecomputeParamVariables(Loaded& loaded) {
  for (const auto& policy : loaded.policies) {
    Policy& p = *policy;
    if (p.param_kind.empty()) continue;
    std::vector<uint32_t> params_only;
    for (uint32_t i = 0; i < p.variables.size(); ++i) {
      std::vector<bool> read = cel::VariablesRead(*p.variables[i].expr.program);
      bool only = true;
      for (std::size_t j = 0; j < read.size(); ++j) only = only && (!read[j] || j == kParams);
      if (only) params_only.push_back(i);
    }
    if (params_only.empty()) continue;
    if (!loaded.param_values) loaded.param_values = std::make_unique<cel::Evaluator>();
    cel::Evaluator& ev = *loaded.param_values;
    for (const k8s::Object* o : loaded.params) {
      if (o->api_version() != p.param_api_version || o->kind() != p.param_kind) continue;
      std::vector<cel::Value> vars(kFirstVariable + p.variables.size(), cel::Value::Null());
      vars[kParams] = cel::Value::FromNode(o->root());
      for (uint32_t i : params_only) {
        cel::Value v = ev.Eval(*p.variables[i].expr.program, vars);
        if (v.IsError() || !Storable(v)) continue;
        p.param_variables.push_back({o->root(), i, v, ev.last_cost()});
      }
    }
  }
}

void ShareVariables(Loaded& loaded) {
  // Variables that read no other variable (whose names mean something else in each policy),
  // grouped by expression text: every policy is compiled in the same environment.
  std::vector<std::pair<std::string_view, Policy::Shared*>> candidates;
  for (const auto& policy : loaded.policies) {
    Policy& p = *policy;
    p.shared_variables.assign(p.variables.size(), Policy::Shared{});
    for (std::size_t i = 0; i < p.variables.size(); ++i) {
      std::vector<bool> read = cel::VariablesRead(*p.variables[i].expr.program);
      bool own = true;
      for (std::size_t j = kFirstVariable; j < read.size(); ++j) own = own && !read[j];
      if (!own) continue;
      p.shared_variables[i].reads_params = read.size() > kParams && read[kParams];
      candidates.emplace_back(p.variables[i].expr.text, &p.shared_variables[i]);
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < candidates.size();) {
    std::size_t j = i + 1;
    while (j < candidates.size() && candidates[j].first == candidates[i].first) ++j;
    if (j - i > 1) {  // one policy alone gains nothing
      auto id = static_cast<int32_t>(loaded.shared_variable_count++);
      for (std::size_t k = i; k < j; ++k) candidates[k].second->id = id;
    }
    i = j;
  }
}

}  // namespace gori::policy
