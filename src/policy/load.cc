// Reading policy documents: ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding
// (admissionregistration.k8s.io/v1, also v1beta1), Namespaces, and every other object as a
// possible param. Every field is checked with doc::FieldReader; every expression compiled with
// its position mapped back into the file.
#include <fmt/format.h>

#include "base/display_width.h"
#include "cel/position.h"
#include "cel/static_type.h"
#include "doc/fields.h"
#include "policy/model.h"

namespace gori::policy {
namespace {

constexpr std::string_view kAlphaAdmissionApi = "admissionregistration.k8s.io/v1alpha1";
// The last release that served ValidatingAdmissionPolicy in v1alpha1 (behind the alpha API).
constexpr int kLastAlphaPolicyMinor = 31;

// The API versions of the policy kinds Kubernetes 1.<minor> serves (v1alpha1 has the fields of
// v1beta1).
bool IsAdmissionApi(std::string_view api_version, int minor) {
  return api_version == "admissionregistration.k8s.io/v1" ||
         api_version == "admissionregistration.k8s.io/v1beta1" ||
         (api_version == kAlphaAdmissionApi && minor <= kLastAlphaPolicyMinor);
}

class Reader {
 public:
  Reader(const k8s::Object& o, std::vector<Error>& errors)
      : object_(o), fields_(o.source().name()), errors_(errors) {}

  const doc::FieldReader& fields() const { return fields_; }

  // Records `e` and returns false, so parsing code can `return Report(...)`.
  bool Report(const Error& e) {
    errors_.push_back(e);
    return false;
  }
  template <typename T>
  bool Ok(const Result<T>& r) {
    return r ? true : Report(r.error());
  }
  bool Ok(const Status& s) { return s ? true : Report(s.error()); }

  // A list member; null/absent is empty. Each item must be a map.
  bool List(const doc::Node* map, std::string_view key, std::string_view what,
            std::vector<const doc::Node*>& out) {
    const doc::Node* n = map->Get(key);
    if (n == nullptr || n->IsNull()) return true;
    if (!n->IsSeq()) return Report(fields_.Bad(n, fmt::format("{} must be a list", what)).value());
    for (const doc::Node* item : n->items()) {
      if (!item->IsMap())
        return Report(fields_.Bad(item, fmt::format("{} entries must be maps", what)).value());
      out.push_back(item);
    }
    return true;
  }

  bool Strings(const doc::Node* map, std::string_view key, std::string_view what,
               std::vector<std::string_view>& out) {
    const doc::Node* n = map->Get(key);
    if (n == nullptr || n->IsNull()) return true;
    if (!n->IsSeq()) return Report(fields_.Bad(n, fmt::format("{} must be a list", what)).value());
    for (const doc::Node* item : n->items()) {
      auto s = fields_.String(item, fmt::format("{} entries", what));
      if (!s) return Report(s.error());
      out.push_back(*s);
    }
    return true;
  }

  // The string member `key`, or nullopt (absent/null); false on a wrong type.
  bool OptString(const doc::Node* map, std::string_view key, std::string_view what,
                 std::optional<std::string_view>& out) {
    const doc::Node* n = map->Get(key);
    if (n == nullptr || n->IsNull()) return true;
    auto s = fields_.String(n, what);
    if (!s) return Report(s.error());
    out = *s;
    return true;
  }

  bool Selector(const doc::Node* n, std::string_view what, LabelSelector& out) {
    if (n == nullptr || n->IsNull()) return true;
    if (!Ok(fields_.Keys(n, what, {"matchLabels", "matchExpressions"}))) return false;
    if (const doc::Node* ml = n->Get("matchLabels"); ml && !ml->IsNull()) {
      if (!ml->IsMap())
        return Report(fields_.Bad(ml, fmt::format("{}.matchLabels must be a map", what)).value());
      for (const doc::Pair& p : ml->pairs()) {
        auto v = fields_.Text(p.value, fmt::format("{}.matchLabels values", what));
        if (!v) return Report(v.error());
        out.requirements.push_back({p.key->text(), LabelSelector::Op::kIn, {*v}});
      }
    }
    std::vector<const doc::Node*> exprs;
    std::string ewhat = fmt::format("{}.matchExpressions", what);
    if (!List(n, "matchExpressions", ewhat, exprs)) return false;
    for (const doc::Node* e : exprs) {
      if (!Ok(fields_.Keys(e, ewhat, {"key", "operator", "values"}))) return false;
      auto key = fields_.Member(e, "key", ewhat);
      if (!key) return Report(key.error());
      auto k = fields_.String(*key, ewhat + ".key");
      if (!k) return Report(k.error());
      auto opn = fields_.Member(e, "operator", ewhat);
      if (!opn) return Report(opn.error());
      auto op = fields_.String(*opn, ewhat + ".operator");
      if (!op) return Report(op.error());
      LabelSelector::Requirement r{*k, LabelSelector::Op::kIn, {}};
      if (*op == "In") {
        r.op = LabelSelector::Op::kIn;
      } else if (*op == "NotIn") {
        r.op = LabelSelector::Op::kNotIn;
      } else if (*op == "Exists") {
        r.op = LabelSelector::Op::kExists;
      } else if (*op == "DoesNotExist") {
        r.op = LabelSelector::Op::kDoesNotExist;
      } else {
        return Report(fields_
                          .Bad(*opn, fmt::format("{}.operator must be In, NotIn, Exists or "
                                                 "DoesNotExist, not '{}'",
                                                 ewhat, *op))
                          .value());
      }
      if (!Strings(e, "values", ewhat + ".values", r.values)) return false;
      bool wants_values = r.op == LabelSelector::Op::kIn || r.op == LabelSelector::Op::kNotIn;
      if (wants_values && r.values.empty()) {
        return Report(
            fields_.Bad(e, fmt::format("{}: values must not be empty for {}", ewhat, *op)).value());
      }
      if (!wants_values && !r.values.empty()) {
        return Report(
            fields_.Bad(e, fmt::format("{}: values must be empty for {}", ewhat, *op)).value());
      }
      out.requirements.push_back(std::move(r));
    }
    return true;
  }

  bool Rules(const doc::Node* map, std::string_view key, std::string_view what,
             std::vector<ResourceRule>& out) {
    std::vector<const doc::Node*> items;
    if (!List(map, key, what, items)) return false;
    for (const doc::Node* n : items) {
      if (!Ok(fields_.Keys(
              n, what,
              {"apiGroups", "apiVersions", "operations", "resources", "resourceNames", "scope"})))
        return false;
      ResourceRule r;
      if (!Strings(n, "apiGroups", fmt::format("{}.apiGroups", what), r.groups) ||
          !Strings(n, "apiVersions", fmt::format("{}.apiVersions", what), r.versions) ||
          !Strings(n, "operations", fmt::format("{}.operations", what), r.operations) ||
          !Strings(n, "resources", fmt::format("{}.resources", what), r.resources) ||
          !Strings(n, "resourceNames", fmt::format("{}.resourceNames", what), r.names))
        return false;
      for (std::string_view op : r.operations) {
        if (op != "*" && op != "CREATE" && op != "UPDATE" && op != "DELETE" && op != "CONNECT") {
          return Report(fields_
                            .Bad(n->Get("operations"),
                                 fmt::format("{}.operations: '{}' is not CREATE, UPDATE, DELETE, "
                                             "CONNECT or *",
                                             what, op))
                            .value());
        }
      }
      std::optional<std::string_view> scope;
      if (!OptString(n, "scope", fmt::format("{}.scope", what), scope)) return false;
      if (scope && *scope == "Cluster") {
        r.scope = ResourceRule::Scope::kCluster;
      } else if (scope && *scope == "Namespaced") {
        r.scope = ResourceRule::Scope::kNamespaced;
      } else if (scope && *scope != "*") {
        return Report(fields_
                          .Bad(n->Get("scope"),
                               fmt::format("{}.scope must be Cluster, Namespaced or *, not '{}'",
                                           what, *scope))
                          .value());
      }
      out.push_back(std::move(r));
    }
    return true;
  }

  bool Match(const doc::Node* n, std::string_view what, MatchResources& out) {
    if (!Ok(fields_.Map(n, what))) return false;
    if (!Ok(fields_.Keys(n, what,
                         {"namespaceSelector", "objectSelector", "resourceRules",
                          "excludeResourceRules", "matchPolicy"})))
      return false;
    if (!Selector(n->Get("namespaceSelector"), fmt::format("{}.namespaceSelector", what),
                  out.namespace_selector) ||
        !Selector(n->Get("objectSelector"), fmt::format("{}.objectSelector", what),
                  out.object_selector) ||
        !Rules(n, "resourceRules", fmt::format("{}.resourceRules", what), out.rules) ||
        !Rules(n, "excludeResourceRules", fmt::format("{}.excludeResourceRules", what),
               out.exclude))
      return false;
    std::optional<std::string_view> policy;
    if (!OptString(n, "matchPolicy", fmt::format("{}.matchPolicy", what), policy)) return false;
    if (policy && *policy != "Exact" && *policy != "Equivalent") {
      return Report(fields_
                        .Bad(n->Get("matchPolicy"),
                             fmt::format("{}.matchPolicy must be Exact or Equivalent", what))
                        .value());
    }
    out.exact = policy && *policy == "Exact";
    return true;
  }

  // Compiles the string member `key` of `map` in `env`. A constant of another kind than
  // `want` (when given) is an error, as the API server's type check rejects it.
  bool Compile(const doc::Node* map, std::string_view key, std::string_view what,
               const cel::Env& env, Expression& out,
               std::optional<std::string_view> want = std::nullopt) {
    const doc::Node* n = map->Get(key);
    if (n == nullptr || n->IsNull())
      return Report(fields_.Bad(map, fmt::format("{} is missing", what)).value());
    auto text = fields_.String(n, what);
    if (!text) return Report(text.error());
    out.text = *text;
    out.node = n;
    // A positioned error with the line and a caret under byte `offset` of the expression.
    auto fail = [&](uint32_t offset, std::string_view message) {
      std::string_view bytes = object_.source().bytes();
      // An error at the end of a block scalar points after its last character, not at the
      // line after the scalar.
      while (offset > 0 && offset >= text->size() && (*text)[offset - 1] == '\n') --offset;
      SourcePos pos = cel::MapExpressionOffset(bytes, object_.source().name(), *n, *text, offset);
      std::string line(object_.source().lines().Line(pos.line));
      return Report(Error(
          fmt::format("{}: {}\n | {}\n | {}^", what, message, line, CaretPadding(line, pos.column)),
          pos));
    };
    auto program = cel::Compile(*text, env);
    if (!program) return fail(program.error().offset, program.error().message);
    // The API server type-checks the result where the type is known without a schema.
    std::string type = cel::StaticType(program->root());
    if (want && !type.empty() && type != *want &&
        !(*want == "string|null_type" && (type == "string" || type == "null_type"))) {
      std::string expected =
          *want == "string|null_type" ? "one of [string null_type]" : std::string(*want);
      std::size_t start = text->find_first_not_of(" \t\r\n");
      return fail(start == std::string_view::npos ? 0 : static_cast<uint32_t>(start),
                  fmt::format("must evaluate to {} but got {}", expected, type));
    }
    out.program = std::make_unique<cel::Program>(std::move(*program));
    return true;
  }

  bool Named(const doc::Node* item, std::string_view what, std::string_view name_key,
             std::string_view expr_key, const cel::Env& env, NamedExpression& out,
             std::optional<std::string_view> want = std::nullopt) {
    if (!Ok(fields_.Keys(item, what, {name_key, expr_key}))) return false;
    auto name = fields_.Member(item, name_key, what);
    if (!name) return Report(name.error());
    auto s = fields_.String(*name, fmt::format("{}.{}", what, name_key));
    if (!s) return Report(s.error());
    out.name = *s;
    return Compile(item, expr_key, fmt::format("{}.{}", what, expr_key), env, out.expr, want);
  }

  const k8s::Object& object() const { return object_; }

 private:
  const k8s::Object& object_;
  doc::FieldReader fields_;
  std::vector<Error>& errors_;
};

cel::Env BaseEnv(int kubernetes_minor) {
  cel::Env env;
  env.kubernetes_minor = kubernetes_minor;
  env.variables = {"object", "oldObject", "params", "request", "namespaceObject", "authorizer"};
  return env;
}

bool TopLevel(Reader& r, const k8s::Object& o, std::string_view kind, std::string& name) {
  const doc::Node* root = o.root();
  if (!r.Ok(r.fields().Keys(root, kind, {"apiVersion", "kind", "metadata", "spec", "status"})))
    return false;
  auto meta = r.fields().Member(root, "metadata", kind);
  if (!meta) return r.Report(meta.error());
  auto name_node = r.fields().Member(*meta, "name", std::string(kind) + ".metadata");
  if (!name_node) return r.Report(name_node.error());
  auto n = r.fields().String(*name_node, "metadata.name");
  if (!n) return r.Report(n.error());
  name = std::string(*n);
  auto spec = r.fields().Member(root, "spec", kind);
  if (!spec) return r.Report(spec.error());
  return r.Ok(r.fields().Map(*spec, "spec"));
}

std::unique_ptr<Policy> ReadPolicy(const k8s::Object& o, int kubernetes_minor,
                                   std::vector<Error>& errors) {
  Reader r(o, errors);
  auto p = std::make_unique<Policy>();
  p->object = &o;
  if (!TopLevel(r, o, "ValidatingAdmissionPolicy", p->name)) return nullptr;
  p->rule_id = "vap/" + p->name;
  const doc::Node* spec = o.root()->Get("spec");
  const doc::FieldReader& f = r.fields();
  if (!r.Ok(f.Keys(spec, "spec",
                   {"paramKind", "matchConstraints", "validations", "failurePolicy",
                    "auditAnnotations", "matchConditions", "variables"})))
    return nullptr;
  if (const doc::Node* pk = spec->Get("paramKind"); pk && !pk->IsNull()) {
    if (!r.Ok(f.Keys(pk, "spec.paramKind", {"apiVersion", "kind"}))) return nullptr;
    auto av = f.Member(pk, "apiVersion", "spec.paramKind");
    if (!av) return r.Report(av.error()), nullptr;
    auto avs = f.String(*av, "spec.paramKind.apiVersion");
    if (!avs) return r.Report(avs.error()), nullptr;
    auto k = f.Member(pk, "kind", "spec.paramKind");
    if (!k) return r.Report(k.error()), nullptr;
    auto ks = f.String(*k, "spec.paramKind.kind");
    if (!ks) return r.Report(ks.error()), nullptr;
    p->param_api_version = *avs;
    p->param_kind = *ks;
    k8s::ResourceInfo info = k8s::ResourceFor(*avs, *ks);
    p->param_namespaced = info.namespaced;
    p->param_kind_known = info.known;
  }
  auto mc = f.Member(spec, "matchConstraints", "spec");
  if (!mc) return r.Report(mc.error()), nullptr;
  if (!r.Match(*mc, "spec.matchConstraints", p->constraints)) return nullptr;
  if (p->constraints.rules.empty()) {
    return r.Report(
               f.Bad(*mc, "spec.matchConstraints.resourceRules must name at least one resource")
                   .value()),
           nullptr;
  }
  std::optional<std::string_view> failure;
  if (!r.OptString(spec, "failurePolicy", "spec.failurePolicy", failure)) return nullptr;
  if (failure && *failure != "Fail" && *failure != "Ignore") {
    return r.Report(f.Bad(spec->Get("failurePolicy"), "spec.failurePolicy must be Fail or Ignore")
                        .value()),
           nullptr;
  }
  p->fail_closed = !failure || *failure == "Fail";

  // matchConditions see no variables; variables see the ones before them.
  cel::Env env = BaseEnv(kubernetes_minor);
  bool ok = true;
  std::vector<const doc::Node*> items;
  if (!r.List(spec, "matchConditions", "spec.matchConditions", items)) return nullptr;
  for (std::size_t i = 0; i < items.size(); ++i) {
    NamedExpression ne;
    if (r.Named(items[i], fmt::format("spec.matchConditions[{}]", i), "name", "expression", env, ne,
                "bool")) {
      p->match_conditions.push_back(std::move(ne));
    } else {
      ok = false;
    }
  }
  items.clear();
  if (!r.List(spec, "variables", "spec.variables", items)) return nullptr;
  for (std::size_t i = 0; i < items.size(); ++i) {
    NamedExpression ne;
    if (r.Named(items[i], fmt::format("spec.variables[{}]", i), "name", "expression", env, ne)) {
      env.variables.push_back("variables." + std::string(ne.name));
      p->variables.push_back(std::move(ne));
    } else {
      ok = false;
      // Later expressions that read it should not fail twice.
      if (const doc::Node* n = items[i]->Get("name"); n && n->IsString())
        env.variables.push_back("variables." + std::string(n->text()));
    }
  }
  items.clear();
  if (!r.List(spec, "validations", "spec.validations", items)) return nullptr;
  // messageExpression sees everything but the authorizer (a name no expression can spell).
  cel::Env message_env = env;
  message_env.variables[kAuthorizer] = "\x01authorizer";
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string what = fmt::format("spec.validations[{}]", i);
    if (!r.Ok(f.Keys(items[i], what, {"expression", "message", "messageExpression", "reason"}))) {
      ok = false;
      continue;
    }
    Validation v;
    if (!r.Compile(items[i], "expression", what + ".expression", env, v.expr, "bool")) {
      ok = false;
      continue;
    }
    if (!r.OptString(items[i], "message", what + ".message", v.message)) ok = false;
    if (items[i]->Get("messageExpression") != nullptr &&
        !r.Compile(items[i], "messageExpression", what + ".messageExpression", message_env,
                   v.message_expr, "string"))
      ok = false;
    std::optional<std::string_view> reason;
    if (!r.OptString(items[i], "reason", what + ".reason", reason)) ok = false;
    if (reason && *reason != "Unauthorized" && *reason != "Forbidden" && *reason != "Invalid" &&
        *reason != "RequestEntityTooLarge") {
      r.Report(f.Bad(items[i]->Get("reason"),
                     what + ".reason must be Unauthorized, Forbidden, Invalid or "
                            "RequestEntityTooLarge")
                   .value());
      ok = false;
    }
    if (reason) v.reason = *reason;
    p->validations.push_back(std::move(v));
  }
  items.clear();
  if (!r.List(spec, "auditAnnotations", "spec.auditAnnotations", items)) return nullptr;
  for (std::size_t i = 0; i < items.size(); ++i) {
    NamedExpression ne;
    if (r.Named(items[i], fmt::format("spec.auditAnnotations[{}]", i), "key", "valueExpression",
                env, ne, "string|null_type")) {
      p->audit_annotations.push_back(std::move(ne));
    } else {
      ok = false;
    }
  }
  if (ok && p->validations.empty() && p->audit_annotations.empty()) {
    r.Report(f.Bad(spec, "spec: validations and auditAnnotations may not both be empty").value());
    return nullptr;
  }
  if (const doc::Node* sev = o.Annotation("gori.io/severity")) {
    auto s = rules::ParseSeverity(sev->text());
    if (!s) {
      r.Report(f.Bad(sev, "annotation gori.io/severity: " + s.error().message).value());
      ok = false;
    } else {
      p->severity = *s;
    }
  }
  if (const doc::Node* rem = o.Annotation("gori.io/remediation")) p->remediation = rem->text();
  if (!ok) return nullptr;
  return p;
}

std::unique_ptr<Binding> ReadBinding(const k8s::Object& o, std::vector<Error>& errors) {
  Reader r(o, errors);
  auto b = std::make_unique<Binding>();
  b->object = &o;
  if (!TopLevel(r, o, "ValidatingAdmissionPolicyBinding", b->name)) return nullptr;
  const doc::Node* spec = o.root()->Get("spec");
  const doc::FieldReader& f = r.fields();
  if (!r.Ok(
          f.Keys(spec, "spec", {"policyName", "paramRef", "matchResources", "validationActions"})))
    return nullptr;
  auto pn = f.Member(spec, "policyName", "spec");
  if (!pn) return r.Report(pn.error()), nullptr;
  auto pns = f.String(*pn, "spec.policyName");
  if (!pns) return r.Report(pns.error()), nullptr;
  b->policy_name = *pns;
  if (const doc::Node* pr = spec->Get("paramRef"); pr && !pr->IsNull()) {
    if (!r.Ok(f.Keys(pr, "spec.paramRef",
                     {"name", "namespace", "selector", "parameterNotFoundAction"})))
      return nullptr;
    ParamRef ref;
    std::optional<std::string_view> s;
    if (!r.OptString(pr, "name", "spec.paramRef.name", s)) return nullptr;
    if (s) ref.name = *s;
    s.reset();
    if (!r.OptString(pr, "namespace", "spec.paramRef.namespace", s)) return nullptr;
    if (s) ref.namespace_ = *s;
    if (const doc::Node* sel = pr->Get("selector"); sel && !sel->IsNull()) {
      ref.selector.emplace();
      if (!r.Selector(sel, "spec.paramRef.selector", *ref.selector)) return nullptr;
    }
    if (ref.name.empty() == !ref.selector.has_value()) {
      r.Report(f.Bad(pr, "spec.paramRef must have exactly one of name and selector").value());
      return nullptr;
    }
    s.reset();
    if (!r.OptString(pr, "parameterNotFoundAction", "spec.paramRef.parameterNotFoundAction", s))
      return nullptr;
    if (s && *s != "Allow" && *s != "Deny") {
      r.Report(f.Bad(pr->Get("parameterNotFoundAction"),
                     "spec.paramRef.parameterNotFoundAction must be Allow or Deny")
                   .value());
      return nullptr;
    }
    ref.not_found_deny = !s || *s == "Deny";
    b->param_ref = ref;
  }
  if (const doc::Node* mr = spec->Get("matchResources"); mr && !mr->IsNull()) {
    b->match.emplace();
    if (!r.Match(mr, "spec.matchResources", *b->match)) return nullptr;
  }
  std::vector<std::string_view> actions;
  if (!r.Strings(spec, "validationActions", "spec.validationActions", actions)) return nullptr;
  for (std::string_view a : actions) {
    if (a == "Deny") {
      b->actions |= kDeny;
    } else if (a == "Warn") {
      b->actions |= kWarn;
    } else if (a == "Audit") {
      b->actions |= kAudit;
    } else {
      r.Report(f.Bad(spec->Get("validationActions"),
                     fmt::format("spec.validationActions: '{}' is not Deny, Warn or Audit", a))
                   .value());
      return nullptr;
    }
  }
  if (b->actions == 0) {
    r.Report(
        f.Bad(spec, "spec.validationActions must name at least one of Deny, Warn, Audit").value());
    return nullptr;
  }
  if ((b->actions & kDeny) && (b->actions & kWarn)) {
    r.Report(f.Bad(spec->Get("validationActions"),
                   "spec.validationActions: Deny and Warn may not be used together")
                 .value());
    return nullptr;
  }
  return b;
}

}  // namespace

void LoadPolicies(const k8s::Bundle& bundle, Loaded& out, std::vector<Error>& errors) {
  for (const k8s::Object& o : bundle.objects()) {
    bool admission_api = IsAdmissionApi(o.api_version(), out.kubernetes_minor);
    if (!admission_api && o.api_version() == kAlphaAdmissionApi &&
        (o.kind() == "ValidatingAdmissionPolicy" ||
         o.kind() == "ValidatingAdmissionPolicyBinding")) {
      // An error rather than a policy silently taken for a param.
      doc::FieldReader f(o.source().name());
      errors.push_back(f.Bad(o.root()->Get("apiVersion"),
                             fmt::format("{} {} is not served by Kubernetes 1.{} (the alpha API "
                                         "was last served in 1.{}): use "
                                         "admissionregistration.k8s.io/v1",
                                         kAlphaAdmissionApi, o.kind(), out.kubernetes_minor,
                                         kLastAlphaPolicyMinor))
                           .value());
      continue;
    }
    if (admission_api && o.kind() == "ValidatingAdmissionPolicy") {
      if (auto p = ReadPolicy(o, out.kubernetes_minor, errors))
        out.policies.push_back(std::move(p));
    } else if (admission_api && o.kind() == "ValidatingAdmissionPolicyBinding") {
      if (auto b = ReadBinding(o, errors)) out.bindings.push_back(std::move(b));
    } else if (o.api_version() == "v1" && o.kind() == "Namespace") {
      out.namespaces.push_back(&o);
    } else {
      out.params.push_back(&o);
    }
  }
  for (auto& b : out.bindings) {
    for (const auto& p : out.policies) {
      if (p->name == b->policy_name) b->policy = p.get();
    }
    if (b->policy == nullptr) {
      doc::FieldReader f(b->object->source().name());
      const doc::Node* at = b->object->root()->Get("spec")->Get("policyName");
      // A policy that failed to load already has its error; a binding to nothing gets one.
      bool named = false;
      for (const k8s::Object& o : bundle.objects()) {
        named = named || (o.kind() == "ValidatingAdmissionPolicy" && o.name() == b->policy_name);
      }
      if (!named) {
        errors.push_back(
            f.Bad(at, fmt::format("spec.policyName: no ValidatingAdmissionPolicy named '{}'",
                                  b->policy_name))
                .value());
      }
    }
  }
  // As in the cluster, a policy no binding names is never evaluated: worth a note, not an error.
  for (const auto& p : out.policies) {
    bool bound = false;
    for (const auto& b : out.bindings) bound = bound || b->policy == p.get();
    if (bound) continue;
    const doc::Node* meta = p->object->root()->Get("metadata");
    const doc::Node* at = meta && meta->Get("name") ? meta->Get("name") : p->object->root();
    out.notes.push_back(
        Error(fmt::format("ValidatingAdmissionPolicy '{}' is bound by no "
                          "ValidatingAdmissionPolicyBinding: it is never evaluated",
                          p->name),
              SourcePos{std::string(p->object->source().name()), at->line(), at->column()}));
  }
}

}  // namespace gori::policy
