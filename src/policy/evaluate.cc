// Deciding one object: for every binding whose policy and matchResources match, the params it
// names, then per param matchConditions, variables (lazy) and validations, as the API server's
// validator does. Values are views onto the object's tree; what is built (request,
// a synthesized namespaceObject) lives in the thread's evaluator arena for this object only.
#include <algorithm>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "cel/k8s/library.h"
#include "k8s/defaults.h"
#include "k8s/resource.h"
#include "k8s/schema_validate.h"
#include "policy/model.h"

namespace gori::policy {
namespace {

constexpr std::size_t kMaxMessageBytes = 5 * 1024;
constexpr std::size_t kMaxAuditValueBytes = 10 * 1024;

cel::Value Str(std::string_view s) { return cel::Value::String(s); }

cel::Value BuildMap(cel::Evaluator& ev, std::span<const cel::MapEntry> entries) {
  auto* e = static_cast<cel::MapEntry*>(
      ev.arena().Allocate(sizeof(cel::MapEntry) * entries.size(), alignof(cel::MapEntry)));
  std::size_t i = 0;
  for (const cel::MapEntry& x : entries) e[i++] = x;
  return cel::Value::Map(e, static_cast<uint32_t>(entries.size()));
}

cel::Value BuildMap(cel::Evaluator& ev, std::initializer_list<cel::MapEntry> entries) {
  return BuildMap(ev, std::span<const cel::MapEntry>(entries.begin(), entries.size()));
}

cel::Value BuildList(cel::Evaluator& ev, std::initializer_list<cel::Value> items) {
  auto* v = static_cast<cel::Value*>(
      ev.arena().Allocate(sizeof(cel::Value) * items.size(), alignof(cel::Value)));
  std::size_t i = 0;
  for (const cel::Value& x : items) v[i++] = x;
  return cel::Value::List(v, static_cast<uint32_t>(items.size()));
}

// The value of a shared variable (Policy::shared_variables) on the object being decided, for
// the param it was computed with when it reads params.
struct SharedValue {
  bool set = false;
  const doc::Node* param = nullptr;
  cel::Value value;
  uint64_t cost = 0;
};

// The variables of one evaluation (policy, binding, param): fixed ones bound up front,
// `request`, `namespaceObject` and `variables.*` computed on first read and kept.
class Activation final : public cel::LazyResolver {
 public:
  Activation(cel::Evaluator& ev, const Policy& policy, const Request& req,
             const Admission* admission, const doc::Node* namespace_object, SharedValue* shared)
      : ev_(ev),
        policy_(policy),
        req_(req),
        admission_(admission),
        ns_(namespace_object),
        shared_(shared),
        size_(kFirstVariable + policy.variables.size()) {
    // In the evaluator's arena, which lives as long as this object's evaluation.
    vars_ = static_cast<cel::Value*>(
        ev.arena().Allocate(sizeof(cel::Value) * size_, alignof(cel::Value)));
    for (std::size_t i = 0; i < size_; ++i) vars_[i] = cel::Value::Lazy();
    vars_[kObject] = cel::Value::FromNode(req.object->root());
    vars_[kOldObject] = req.old_object ? cel::Value::FromNode(req.old_object) : cel::Value::Null();
    vars_[kParams] = cel::Value::Null();
    vars_[kAuthorizer] = cel::AuthorizerValue(cel::AuthorizerStub::kAllow);
  }

  void SetParams(const doc::Node* params) {
    params_ = params;
    vars_[kParams] = params ? cel::Value::FromNode(params) : cel::Value::Null();
    // Variables may read params: a new param starts them afresh.
    for (std::size_t i = kFirstVariable; i < size_; ++i) vars_[i] = cel::Value::Lazy();
    cost_ = 0;
  }

  std::span<cel::Value> vars() { return {vars_, size_}; }
  uint64_t cost() const { return cost_; }

  // Evaluates `e` within what is left of the per-evaluation budget.
  cel::Value Eval(const Expression& e, cel::Blame* blame = nullptr) {
    uint64_t left =
        cost_ < cel::kPerEvaluationCostBudget ? cel::kPerEvaluationCostBudget - cost_ : 0;
    cel::Value v =
        ev_.Eval(*e.program, vars(), std::min(cel::kPerCallCostLimit, left), this, blame);
    cost_ += ev_.last_cost();
    return v;
  }

  // A validation: evaluated without blame (the faster walk) and, unless it came out true,
  // again with `blame` under the same limit. Evaluation is deterministic and the variables it
  // resolved are kept, so the second walk gives the same value; its cost is not counted twice.
  cel::Value EvalValidation(const Expression& e, cel::Blame& blame) {
    uint64_t left =
        cost_ < cel::kPerEvaluationCostBudget ? cel::kPerEvaluationCostBudget - cost_ : 0;
    uint64_t limit = std::min(cel::kPerCallCostLimit, left);
    cel::Value v = ev_.Eval(*e.program, vars(), limit, this, nullptr);
    cost_ += ev_.last_cost();
    if (v.kind == cel::Kind::kBool && v.b) return v;
    return ev_.Eval(*e.program, vars(), limit, this, &blame);
  }

  cel::Value Resolve(uint32_t i) override {
    if (!vars_[i].IsLazy()) return vars_[i];
    cel::Value v;
    if (i == kRequest) {
      v = RequestValue();
    } else if (i == kNamespaceObject) {
      v = NamespaceValue();
    } else if (!Precomputed(i - kFirstVariable, v)) {
      v = EvalVariable(i - kFirstVariable);
      if (v.IsError() && !v.err->cost_exceeded) BlameVariable(i - kFirstVariable, v);
    }
    vars_[i] = v;
    return v;
  }

  // Where a variable's error arose in the object, for a validation that reads the variable and
  // fails with its error (the validation's own walk sees only the variable's cached value).
  const cel::Blame* BlameFor(const cel::Value& error) const {
    for (const auto& [err, blame] : error_blames_) {
      if (err == error.err) return &blame;
    }
    return nullptr;
  }

 private:
  cel::Value RequestValue() {
    if (admission_ && admission_->request) return cel::Value::FromNode(admission_->request);
    const k8s::Object& o = *req_.object;
    cel::Value kind = BuildMap(ev_, {{Str("group"), Str(req_.group)},
                                     {Str("version"), Str(req_.version)},
                                     {Str("kind"), Str(o.kind())}});
    cel::Value resource = BuildMap(ev_, {{Str("group"), Str(req_.group)},
                                         {Str("version"), Str(req_.version)},
                                         {Str("resource"), Str(req_.resource)}});
    cel::Value user =
        BuildMap(ev_, {{Str("username"), Str("gori")},
                       {Str("groups"), BuildList(ev_, {Str("system:authenticated")})}});
    std::string_view op = req_.operation;
    cel::Value options =
        BuildMap(ev_, {{Str("apiVersion"), Str("meta.k8s.io/v1")},
                       {Str("kind"), Str(op == "UPDATE" ? "UpdateOptions" : "CreateOptions")}});
    // The API server's AdmissionRequest as JSON: empty name and namespace (a generated name, a
    // cluster-scoped object) and the empty subresources are omitted, not empty strings.
    cel::MapEntry fields[10] = {{Str("kind"), kind},
                                {Str("resource"), resource},
                                {Str("requestKind"), kind},
                                {Str("requestResource"), resource},
                                {Str("operation"), Str(op)},
                                {Str("userInfo"), user},
                                {Str("dryRun"), cel::Value::Bool(false)},
                                {Str("options"), options}};
    std::size_t n = 8;
    if (!req_.name.empty()) fields[n++] = {Str("name"), Str(req_.name)};
    if (!req_.namespace_.empty()) fields[n++] = {Str("namespace"), Str(req_.namespace_)};
    return BuildMap(ev_, std::span<const cel::MapEntry>(fields, n));
  }

  cel::Value NamespaceValue() {
    if (!req_.namespaced || req_.namespace_.empty()) return cel::Value::Null();
    if (ns_) return cel::Value::FromNode(ns_);
    std::string_view name = req_.namespace_;
    cel::Value labels = BuildMap(ev_, {{Str("kubernetes.io/metadata.name"), Str(name)}});
    cel::Value meta = BuildMap(ev_, {{Str("name"), Str(name)}, {Str("labels"), labels}});
    return BuildMap(
        ev_,
        {{Str("apiVersion"), Str("v1")}, {Str("kind"), Str("Namespace")}, {Str("metadata"), meta}});
  }

  // Would an evaluation that costs `cost` finish within the limit Eval gives it now?
  bool Fits(uint64_t cost) const {
    uint64_t left =
        cost_ < cel::kPerEvaluationCostBudget ? cel::kPerEvaluationCostBudget - cost_ : 0;
    return cost <= std::min(cel::kPerCallCostLimit, left);
  }

  // The value evaluating variable `index` would give for the bound param, when it was computed
  // at load and its cost fits what is left of the budget (else evaluating it gives the error).
  bool Precomputed(uint32_t index, cel::Value& v) {
    if (params_ == nullptr) return false;
    for (const ParamVariable& pv : policy_.param_variables) {
      if (pv.param != params_ || pv.index != index) continue;
      if (!Fits(pv.cost)) return false;
      cost_ += pv.cost;
      v = pv.value;
      return true;
    }
    return false;
  }

  // Walks the variable again with positions recorded (deterministic: the same error), only
  // when it errs; that walk's cost is not counted.
  void BlameVariable(uint32_t index, const cel::Value& error) {
    cel::Blame blame;
    ev_.Eval(*policy_.variables[index].expr.program, vars(), cel::kPerCallCostLimit, this, &blame);
    error_blames_.emplace_back(error.err, blame);
  }

  // Variable `index`, taken from another policy's evaluation on this object when it is shared
  // (same value; its cost charged here as evaluating it would).
  cel::Value EvalVariable(uint32_t index) {
    const Expression& e = policy_.variables[index].expr;
    if (shared_ == nullptr || index >= policy_.shared_variables.size() ||
        policy_.shared_variables[index].id < 0)
      return Eval(e);
    const Policy::Shared& sv = policy_.shared_variables[index];
    SharedValue& slot = shared_[sv.id];
    const doc::Node* param = sv.reads_params ? params_ : nullptr;
    if (slot.set && slot.param == param && Fits(slot.cost)) {
      cost_ += slot.cost;
      return slot.value;
    }
    cel::Value v = Eval(e);
    if (!v.IsError()) slot = {true, param, v, ev_.last_cost()};
    return v;
  }

  cel::Evaluator& ev_;
  const Policy& policy_;
  const Request& req_;
  const Admission* admission_;
  const doc::Node* ns_;
  SharedValue* shared_;
  std::size_t size_;
  cel::Value* vars_;
  const doc::Node* params_ = nullptr;
  uint64_t cost_ = 0;
  std::vector<std::pair<const cel::ErrorInfo*, cel::Blame>> error_blames_;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string ErrorText(const Expression& e, const cel::Value& v) {
  if (v.err->cost_exceeded) {
    return "validation failed due to running out of cost budget, no further validation rules "
           "will be run";
  }
  return fmt::format("expression '{}' resulted in error: {}", e.text, v.err->message);
}

// The message of a validation that came out false: messageExpression when it gives one line of
// at most 5 KiB that is not blank, else message, else "failed expression: ...".
std::string FalseMessage(const Validation& v, Activation& act) {
  if (v.message_expr.program) {
    cel::Value m = act.Eval(v.message_expr);
    if (m.kind == cel::Kind::kString) {
      std::string_view s = m.str();
      if (!Trim(s).empty() && s.find('\n') == std::string_view::npos &&
          s.size() <= kMaxMessageBytes)
        return std::string(Trim(s));
    }
  }
  if (v.message && !Trim(*v.message).empty()) return std::string(Trim(*v.message));
  return fmt::format("failed expression: {}", Trim(v.expr.text));
}

// Is `target` inside the tree under `root`? Fills `path` ("spec.containers[1]") when so.
bool FindPath(const doc::Node* root, const doc::Node* target, std::string& path) {
  if (root == target) return true;
  std::size_t keep = path.size();
  if (root->IsMap()) {
    for (const doc::Pair& p : root->pairs()) {
      if (!path.empty()) path += '.';
      path += p.key->text();
      if (p.key == target || FindPath(p.value, target, path)) return true;
      path.resize(keep);
    }
  } else if (root->IsSeq()) {
    std::size_t i = 0;
    for (const doc::Node* item : root->items()) {
      path += fmt::format("[{}]", i++);
      if (FindPath(item, target, path)) return true;
      path.resize(keep);
    }
  }
  return false;
}

struct ParamChoice {
  // nullptr: params is null. The thread's scratch list, valid until the next Params call.
  std::vector<const doc::Node*>& params;
  std::optional<std::string> config_error;
  bool allow = false;  // no param and parameterNotFoundAction: Allow
};

std::string_view EffectiveNamespace(const k8s::Object& o, bool namespaced) {
  if (!namespaced) return {};
  return o.namespace_().empty() ? std::string_view("default") : o.namespace_();
}

// The resource a CustomResourceDefinition among `objects` gives the kind of `info` (its group
// and spec.names.kind): spec.names.plural, spec.scope, and every served version as an
// equivalent (the API server converts between them). False when none defines it.
// `*schema` (when given) receives the openAPIV3Schema of info.version, or nullptr.
bool FromCrd(std::string_view kind, std::span<const k8s::Object* const> objects,
             k8s::ResourceInfo& info, std::vector<k8s::GroupVersion>& versions,
             const doc::Node** schema) {
  for (const k8s::Object* o : objects) {
    if (o->kind() != "CustomResourceDefinition" ||
        !o->api_version().starts_with("apiextensions.k8s.io/"))
      continue;
    const doc::Node* spec = o->root()->Get("spec");
    const doc::Node* names = spec ? spec->Get("names") : nullptr;
    const doc::Node* group = spec ? spec->Get("group") : nullptr;
    if (!names || !group || group->text() != info.group) continue;
    const doc::Node* crd_kind = names->Get("kind");
    const doc::Node* plural = names->Get("plural");
    if (!crd_kind || crd_kind->text() != kind || !plural || plural->text().empty()) continue;
    info.resource = std::string(plural->text());
    const doc::Node* scope = spec->Get("scope");
    info.namespaced = !scope || scope->text() != "Cluster";
    versions.clear();
    if (const doc::Node* vs = spec->Get("versions"); vs && vs->IsSeq()) {
      for (const doc::Node* v : vs->items()) {
        const doc::Node* name = v->Get("name");
        if (name && !name->text().empty()) versions.push_back({group->text(), name->text()});
      }
    }
    info.equivalents = versions;
    if (schema != nullptr) {
      k8s::CrdCatalog catalog;
      catalog.Add(*o);
      if (const k8s::CrdCatalog::Entry* e = catalog.Find(group->text(), kind)) {
        for (const k8s::CrdCatalog::Version& v : e->versions) {
          if (v.name == info.version) *schema = v.schema;
        }
      }
    }
    return true;
  }
  return false;
}

}  // namespace

struct Evaluation {
  const Loaded& loaded;
  std::span<const k8s::Object> objects;
  const Admission* admission;
  SharedValue* shared;  // Loaded::shared_variable_count entries, for this object

  const doc::Node* NamespaceObject(std::string_view ns) const {
    for (const k8s::Object& o : objects) {
      if (o.kind() == "Namespace" && o.api_version() == "v1" && o.name() == ns) return o.root();
    }
    for (const k8s::Object* o : loaded.namespaces) {
      if (o->name() == ns) return o->root();
    }
    return nullptr;
  }

  // FromCrd over the CustomResourceDefinitions among the inputs, the policy files and those
  // given apart (PolicySet::AddCrds).
  bool FromCrds(std::string_view kind, k8s::ResourceInfo& info,
                std::vector<k8s::GroupVersion>& versions,
                const doc::Node** schema = nullptr) const {
    std::vector<const k8s::Object*> crds;
    for (const k8s::Object& o : objects) {
      if (o.kind() == "CustomResourceDefinition") crds.push_back(&o);
    }
    for (const k8s::Object* o : loaded.params) {
      if (o->kind() == "CustomResourceDefinition") crds.push_back(o);
    }
    crds.insert(crds.end(), loaded.crds.begin(), loaded.crds.end());
    return !crds.empty() && FromCrd(kind, crds, info, versions, schema);
  }

  ParamChoice Params(const Policy& p, const Binding& b, const Request& req) const {
    thread_local std::vector<const doc::Node*> scratch;
    scratch.clear();
    ParamChoice out{scratch};
    if (p.param_kind.empty() || !b.param_ref) {
      out.params.push_back(nullptr);
      return out;
    }
    const ParamRef& ref = *b.param_ref;
    bool namespaced = p.param_kind_known ? p.param_namespaced : CustomParamKindNamespaced(p);
    std::string_view ns = !ref.namespace_.empty() ? ref.namespace_
                          : namespaced            ? req.namespace_
                                                  : std::string_view();
    auto consider = [&](const k8s::Object& o) {
      if (o.api_version() != p.param_api_version || o.kind() != p.param_kind) return;
      if (namespaced && EffectiveNamespace(o, true) != ns) return;
      if (!ref.name.empty() ? o.name() != ref.name : !SelectorMatches(*ref.selector, o.labels()))
        return;
      for (const doc::Node* have : out.params) {
        if (have == o.root()) return;
      }
      out.params.push_back(o.root());
    };
    for (const k8s::Object* o : loaded.params) consider(*o);
    for (const k8s::Object& o : objects) consider(o);
    if (out.params.empty()) {
      if (ref.not_found_deny) {
        out.config_error =
            "failed to configure binding: no params found for policy binding with `Deny` "
            "parameterNotFoundAction";
      } else {
        out.allow = true;
      }
    }
    return out;
  }

  // The scope of a paramKind gori does not know: its CustomResourceDefinition's among the
  // inputs and policy files; without one, namespaced when a param object of that kind names a
  // namespace (cluster-scoped objects have none).
  bool CustomParamKindNamespaced(const Policy& p) const {
    k8s::ResourceInfo info = k8s::ResourceFor(p.param_api_version, p.param_kind);
    std::vector<k8s::GroupVersion> versions;
    if (FromCrds(p.param_kind, info, versions)) return info.namespaced;
    auto names_namespace = [&](const k8s::Object& o) {
      return o.api_version() == p.param_api_version && o.kind() == p.param_kind &&
             !o.namespace_().empty();
    };
    for (const k8s::Object* o : loaded.params) {
      if (names_namespace(*o)) return true;
    }
    for (const k8s::Object& o : objects) {
      if (names_namespace(o)) return true;
    }
    return false;
  }

  // One param: kFail with violations appended; kSkip when a matchCondition is false or an error
  // under failurePolicy Ignore decided it (the API server admits, but the policy did not hold);
  // kPass otherwise.
  Verdict EvaluateOne(const Policy& p, Activation& act, Decision& d) const {
    std::vector<Decision::Violation>& out = d.violations;
    bool condition_error = false;
    std::string condition_message;
    for (const NamedExpression& mc : p.match_conditions) {
      cel::Value v = act.Eval(mc.expr);
      if (v.kind == cel::Kind::kBool) {
        if (!v.b) return Verdict::kSkip;
        continue;
      }
      if (!condition_error) {
        condition_error = true;
        condition_message =
            v.IsError()
                ? fmt::format("failed to evaluate matchCondition '{}': {}", mc.name, v.err->message)
                : fmt::format("matchCondition '{}' must evaluate to bool", mc.name);
      }
    }
    if (condition_error) {
      if (!p.fail_closed) return Verdict::kSkip;
      out.push_back({std::move(condition_message), nullptr});
      return Verdict::kFail;
    }
    bool failed = false;
    bool ignored_error = false;  // a validation's error under failurePolicy Ignore
    for (const Validation& v : p.validations) {
      cel::Blame blame;
      cel::Value r = act.EvalValidation(v.expr, blame);
      if (r.kind == cel::Kind::kBool && r.b) continue;
      const doc::Node* root = act.vars()[kObject].node;
      auto inside = [&](const doc::Node* n) {
        std::string ignored;
        return n != nullptr && FindPath(root, n, ignored);
      };
      const doc::Node* at = nullptr;
      // An error a variable raised is placed where it arose in the variable.
      const cel::Blame* from_variable = r.IsError() ? act.BlameFor(r) : nullptr;
      for (const cel::Blame* b : {from_variable, static_cast<const cel::Blame*>(&blame)}) {
        if (b == nullptr || at != nullptr) continue;
        for (const doc::Node* n : {b->element, b->missing_parent}) {
          if (at == nullptr && inside(n)) at = n;
        }
        // The last field of the object read (params and request reads come after it often).
        for (uint32_t i = 0; at == nullptr && i < cel::Blame::kReadsKept; ++i) {
          if (inside(b->Recent(i))) at = b->Recent(i);
        }
      }
      if (r.kind == cel::Kind::kBool) {
        out.push_back({FalseMessage(v, act), at});
        failed = true;
        continue;
      }
      if (!p.fail_closed) {
        ignored_error = true;
        continue;
      }
      std::string msg = r.IsError() ? ErrorText(v.expr, r)
                                    : fmt::format(
                                          "expression '{}' resulted in error: result of type "
                                          "'{}' is not bool",
                                          v.expr.text, cel::TypeName(r));
      out.push_back({std::move(msg), at});
      failed = true;
      if (r.IsError() && r.err->cost_exceeded) break;
    }
    if (AuditAnnotations(p, act, d)) failed = true;
    if (failed) return Verdict::kFail;
    return ignored_error ? Verdict::kSkip : Verdict::kPass;
  }

  // Publishes the auditAnnotations with a non-blank string value; true when one could not be
  // published and that denies: an error under failurePolicy Fail, or a value that is neither
  // string nor null (the API server denies that whatever the failurePolicy).
  bool AuditAnnotations(const Policy& p, Activation& act, Decision& d) const {
    bool denied = false;
    for (const NamedExpression& a : p.audit_annotations) {
      cel::Value v = act.Eval(a.expr);
      if (v.IsError()) {
        if (!p.fail_closed) continue;
        d.violations.push_back({ErrorText(a.expr, v), nullptr, true});
        denied = true;
        continue;
      }
      if (v.kind == cel::Kind::kNull) continue;
      if (v.kind != cel::Kind::kString) {
        d.violations.push_back(
            {fmt::format("valueExpression '{}' resulted in unsupported return type: {}. Return "
                         "type must be either string or null.",
                         a.expr.text, cel::TypeName(v)),
             nullptr, true});
        denied = true;
        continue;
      }
      std::string_view value = Trim(v.str());
      if (value.empty()) continue;
      if (value.size() > kMaxAuditValueBytes) value = value.substr(0, kMaxAuditValueBytes);
      std::string key = fmt::format("{}/{}", p.name, a.name);
      bool have = false;
      for (const auto& kv : d.audit_annotations) have = have || kv.first == key;
      if (!have) d.audit_annotations.emplace_back(std::move(key), std::string(value));
    }
    return denied;
  }

  Decision Decide(const Policy& p, const Binding& b, const Request& req,
                  const doc::Node* namespace_object, cel::Evaluator& ev) const {
    Decision d;
    d.policy = &p;
    d.binding = &b;
    d.verdict = Verdict::kSkip;
    if (!MayMatchResource(p.constraints, req.resource) ||
        (b.match && !MayMatchResource(*b.match, req.resource)))
      return d;
    if (!Matches(p.constraints, req)) return d;
    if (b.match && !Matches(*b.match, req)) return d;
    ParamChoice params = Params(p, b, req);
    if (params.config_error) {
      if (p.fail_closed) {
        d.verdict = Verdict::kFail;
        d.violations.push_back({*params.config_error, nullptr, true});
      }
      return d;
    }
    if (params.allow) {
      d.verdict = Verdict::kPass;
      return d;
    }
    Activation act(ev, p, req, admission, namespace_object, shared);
    bool any_pass = false;
    for (const doc::Node* param : params.params) {
      act.SetParams(param);
      Verdict v = EvaluateOne(p, act, d);
      if (v == Verdict::kFail) d.verdict = Verdict::kFail;
      any_pass = any_pass || v == Verdict::kPass;
    }
    if (d.verdict != Verdict::kFail && any_pass) d.verdict = Verdict::kPass;
    return d;
  }
};

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "fail";
    case Verdict::kSkip:
      return "skip";
  }
  return "skip";
}

// k8s::Defaults as the evaluator's view of the fields an object lacks.
class ApiServerDefaults final : public cel::FieldDefaults {
 public:
  ApiServerDefaults(const k8s::Object& object, const doc::Node* crd_schema)
      : defaults_(object, crd_schema) {}
  const doc::Node* Find(const doc::Node* map, std::string_view key) const override {
    return defaults_.Find(map, key);
  }

 private:
  k8s::Defaults defaults_;
};

// Shared by PolicySet::Decide and the policy test runner.
void DecideObject(const Loaded& loaded, std::span<const Binding* const> bindings,
                  const k8s::Object& object, std::span<const k8s::Object> objects,
                  const Admission* admission, std::vector<Decision>& out, bool reported_only) {
  thread_local cel::Evaluator ev;
  ev.Reset();
  thread_local std::vector<SharedValue> shared;
  shared.assign(loaded.shared_variable_count, SharedValue{});
  Evaluation eval{loaded, objects, admission, shared.data()};
  k8s::ResourceInfo info = k8s::ResourceFor(object.api_version(), object.kind());
  std::vector<k8s::GroupVersion> crd_versions;
  const doc::Node* crd_schema = nullptr;
  if (!info.known) eval.FromCrds(object.kind(), info, crd_versions, &crd_schema);
  // The object as the API server's defaulting leaves it, for every expression.
  ApiServerDefaults defaults(object, crd_schema);
  ev.set_defaults(&defaults);
  struct Unset {
    cel::Evaluator& ev;
    ~Unset() { ev.set_defaults(nullptr); }
  } unset{ev};
  Request req;
  req.object = &object;
  req.old_object = admission ? admission->old_object : nullptr;
  req.operation = admission ? admission->operation : std::string_view("CREATE");
  req.group = std::move(info.group);
  req.version = std::move(info.version);
  req.resource = std::move(info.resource);
  req.namespaced = info.namespaced;
  req.equivalents = info.equivalents;
  req.is_namespace = object.kind() == "Namespace" && req.group.empty();
  req.namespace_ = EffectiveNamespace(object, info.namespaced);
  // The name as the request presents it: the written one, else the one the API server
  // generates from generateName before validating admission (Object::name() would give the
  // prefix); empty when neither is written.
  if (const doc::Node* meta = object.metadata()) {
    const doc::Node* name = meta->Get("name");
    if (name == nullptr || name->IsNull()) name = defaults.Find(meta, "name");
    if (name != nullptr && name->IsString()) req.name = name->text();
  }
  const doc::Node* ns_object = nullptr;
  if (!req.namespace_.empty()) {
    ns_object = eval.NamespaceObject(req.namespace_);
    if (ns_object) {
      const doc::Node* meta = ns_object->Get("metadata");
      req.namespace_labels = meta ? meta->Get("labels") : nullptr;
    }
  }
  // Policies and bindings are never admitted through policies.
  bool exempt = object.kind() == "ValidatingAdmissionPolicy" ||
                object.kind() == "ValidatingAdmissionPolicyBinding";
  if (reported_only) {
    if (exempt) return;
    for (const Binding* b : bindings) {
      Decision d = eval.Decide(*b->policy, *b, req, ns_object, ev);
      if (d.verdict == Verdict::kFail || !d.audit_annotations.empty()) out.push_back(std::move(d));
    }
    return;
  }
  out.reserve(out.size() + bindings.size());
  for (const Binding* b : bindings) {
    if (exempt) {
      Decision d;
      d.policy = b->policy;
      d.binding = b;
      out.push_back(std::move(d));
      continue;
    }
    out.push_back(eval.Decide(*b->policy, *b, req, ns_object, ev));
  }
}

std::string ApiServerMessage(std::string_view policy, std::string_view binding, bool deny,
                             std::string_view message) {
  if (deny) {
    return fmt::format("ValidatingAdmissionPolicy '{}' with binding '{}' denied request: {}",
                       policy, binding, message);
  }
  return fmt::format("Validation failed for ValidatingAdmissionPolicy '{}' with binding '{}': {}",
                     policy, binding, message);
}

rules::Severity SeverityOf(const Policy& p, uint8_t actions) {
  if (p.severity) return *p.severity;
  if (actions & kDeny) return rules::Severity::kHigh;
  if (actions & kWarn) return rules::Severity::kMedium;
  return rules::Severity::kLow;
}

void AppendFindings(const k8s::Object& object, const Decision& d,
                    std::vector<rules::Finding>& out) {
  if (d.verdict != Verdict::kFail) return;
  for (const Decision::Violation& v : d.violations) {
    rules::Finding f;
    f.rule_id = d.policy->rule_id;
    uint8_t actions = v.always_deny ? uint8_t{kDeny} : d.binding->actions;
    f.policy_actions = actions;
    f.severity = SeverityOf(*d.policy, actions);
    f.message =
        ApiServerMessage(d.policy->name, d.binding->name, (actions & kDeny) != 0, v.message);
    f.object = &object;
    f.file = object.source().name();
    const doc::Node* at = v.at ? v.at : object.root();
    f.line = at->line();
    f.column = at->column();
    if (v.at) FindPath(object.root(), v.at, f.path);
    f.remediation = d.policy->remediation;
    out.push_back(std::move(f));
  }
}

}  // namespace gori::policy
